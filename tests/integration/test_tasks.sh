# Urgent tasks and notices (issue 10 part 4), through Apache against the
# testkit module: a 2-hour task opened at the village shows on top of the
# village's inbox with its time left in Beijing time; the portal's clock
# (clock_file) moves past the deadline and the master's periodic job - no
# page opened - escalates it to the township (database, the township's
# inbox, the supervision list), once, with the outbound hook called once;
# closing it resolves the supervision row.  Notices to a user and to an
# organisation, read and unread through the pages, the count in the layout.
# The hook's calls are recorded by tests/outbound_hook.sh ($OUTBOUND_LOG);
# a failing hook is retried.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
org="tk$tag"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('$org', '龙潭镇测试单位$tag', 'township', '500242101000')"
add_user "tv_$tag" --display-name 第一村主任 --role village_director --division 500242101001 --org "$org" --password "$PW"
add_user "tt_$tag" --display-name 龙潭镇督导员 --role township_staff --division 500242101000 --org "$org" --password "$PW"
add_user "tu_$tag" --display-name 龙潭镇同事 --role township_staff --division 500242101000 --org "$org" --password "$PW"
add_user "tm_$tag" --display-name 麻旺镇督导员 --role township_staff --division 500242102000 --password "$PW"
add_user "tc_$tag" --display-name 县民政局 --role county_staff --division 500242000000 --password "$PW"
vj=$(login "tv_$tag" "$PW" "$OUT/jar.v"); tj=$(login "tt_$tag" "$PW" "$OUT/jar.t")
uj=$(login "tu_$tag" "$PW" "$OUT/jar.u"); mj=$(login "tm_$tag" "$PW" "$OUT/jar.m")
cj=$(login "tc_$tag" "$PW" "$OUT/jar.c")
child=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('紧急童$tag', 2, '2016-05-06', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
hook_lines() { # PATTERN -> how many recorded hook calls match
    grep -c -- "$1" "$OUTBOUND_LOG" 2>/dev/null || true
}
inbox_has_task() { req GET /inbox -b "$1"; body_has "id=\"task-$2\""; }

# ---- the clock: 10:00 Beijing time (02:00 UTC)
mkdir -p "$(dirname "$CLOCK_FILE")"
echo "2026-12-01 02:00:00" >"$CLOCK_FILE"

# ---- bad input: nothing written, a Chinese message
before=$(sql "SELECT COUNT(*) FROM urgent_tasks")
post /_test/task "$vj" --data-urlencode "child=$child" --data-urlencode hours=0 \
    --data-urlencode level=village --data-urlencode "title=无效任务"
check "a task of 0 hours is refused with a Chinese message" eval 'status_is 400 && body_has "1 至 720 小时"'
post /_test/task "$mj" --data-urlencode "child=$child" --data-urlencode hours=2 \
    --data-urlencode level=village --data-urlencode "title=他镇任务"
check "a task for a child outside the user's scope is refused" eval 'status_is 400 && body_has "无权为该儿童创建任务"'
check "... nothing was written" same "$(sql "SELECT COUNT(*) FROM urgent_tasks")" "$before"

# ---- open a 2-hour task at the village
post /_test/task "$vj" --data-urlencode "child=$child" --data-urlencode hours=2 \
    --data-urlencode level=village --data-urlencode "title=疑似遭受侵害报告$tag" \
    --data-urlencode "link=/_test/child/$child"
task=$(sed -n 's/^task \([0-9]*\)$/\1/p' "$OUT/body")
check "the village opens a 2-hour urgent task" eval 'status_is 200 && [ -n "$task" ]'
check "... stored at the village level, due 2 hours later (UTC)" same \
    "$(sql "SELECT level, status, due_at, escalations FROM urgent_tasks WHERE id='$task'")" \
    "$(printf 'village\topen\t2026-12-01 04:00:00\t0')"
check "... audited task.open" [ "$(audits task.open "$task")" = 1 ]
inbox_has_task "$vj" "$task"
check "the village's inbox shows it on top, marked urgent" eval 'body_has "疑似遭受侵害报告$tag" && body_has "class=\"urgent-mark\"" && [ "$(grep -n "urgent-tasks\|id=\"inbox\"" "$OUT/body" | head -1 | grep -c urgent-tasks)" = 1 ]'
check "... with the deadline in Beijing time and the time left" eval 'body_has "2026-12-01 12:00" && body_has "剩余 2 小时 0 分"'
check "the township's inbox does not (not its level yet)" eval '! inbox_has_task "$tj" "$task"'
check "the hook is told of the new task once" wait_for eval '[ "$(hook_lines "\"event\":\"task\",\"task_id\":$task,")" = 1 ]'
check "... ids and codes only, no name" eval '! grep -q "紧急童$tag\|疑似遭受侵害" "$OUTBOUND_LOG"'

# ---- past the deadline: 12:30 Beijing time; the master's job escalates it
echo "2026-12-01 04:30:00" >"$CLOCK_FILE"
check "the master's job escalates it to the township (no page opened)" wait_for eval \
    '[ "$(sql "SELECT level FROM urgent_tasks WHERE id='"'$task'"'")" = township ]'
check "... with a new 2-hour window and the count" same \
    "$(sql "SELECT due_at, escalations, final FROM urgent_tasks WHERE id='$task'")" \
    "$(printf '2026-12-01 06:30:00\t1\t0')"
check "... one row on the supervision list" same \
    "$(sql "SELECT from_level, to_level, missed_due, status FROM supervision_items WHERE task_id='$task'")" \
    "$(printf 'village\ttownship\t2026-12-01 04:00:00\topen')"
check "... audited task.escalate by the system" same \
    "$(sql "SELECT COUNT(*), MIN(username), MIN(user_id) FROM audit_log WHERE action='task.escalate' AND object_id='$task'")" \
    "$(printf '1\tsystem\t0')"
check "the hook is told of the escalation" wait_for eval '[ "$(hook_lines "\"event\":\"escalation\".*\"task_id\":$task,")" -ge 1 ]'
sleep 3  # several more runs of the job (every second): nothing happens twice
check "escalated once, whatever the job runs" same \
    "$(sql "SELECT COUNT(*) FROM supervision_items WHERE task_id='$task'"):$(sql "SELECT escalations FROM urgent_tasks WHERE id='$task'"):$(audits task.escalate "$task")" "1:1:1"
check "... the hook called once for it" [ "$(hook_lines "\"event\":\"escalation\".*\"task_id\":$task,")" = 1 ]
inbox_has_task "$tj" "$task"
check "the township's inbox now shows it, escalated, due 14:30 Beijing time" eval 'body_has "疑似遭受侵害报告$tag" && body_has "已升级 1 次" && body_has "2026-12-01 14:30" && body_has "剩余 2 小时 0 分"'
check "the village's inbox no longer does" eval '! inbox_has_task "$vj" "$task"'
check "another township's inbox does not" eval '! inbox_has_task "$mj" "$task"'
req GET /inbox/escalated -b "$cj"
check "the county's supervision page lists it, open" eval 'status_is 200 && body_has "疑似遭受侵害报告$tag" && body_has "村（社区） → 乡镇（街道）" && body_has "未解决"'
req GET /inbox/escalated -b "$tj"
check "a township user without core.supervise gets 403" status_is 403

# ---- closing it resolves the supervision row
post "/_test/task/$task/close" "$mj" --data-urlencode "outcome=越权办结"
check "another township cannot close it" eval 'status_is 400 && [ "$(sql "SELECT status FROM urgent_tasks WHERE id='"'$task'"'")" = open ]'
post "/_test/task/$task/close" "$tj" --data-urlencode "outcome=已移送派出所并上门核实"
check "the township closes it" eval 'status_is 200 && same "$(sql "SELECT status, outcome FROM urgent_tasks WHERE id='"'$task'"'")" "$(printf "closed\t已移送派出所并上门核实")"'
check "... its supervision row is resolved, audited task.close" eval '[ "$(sql "SELECT status FROM supervision_items WHERE task_id='"'$task'"'")" = resolved ] && [ "$(audits task.close "$task")" = 1 ]'
check "... and it leaves the inbox" eval '! inbox_has_task "$tj" "$task"'

# ---- notices: to a user and to an organisation, read per user
# (other modules' tests may have sent the township's office notices before:
# the two users start with none unread)
post /notices/read-all "$tj"; post /notices/read-all "$uj"
post /_test/notice "$cj" --data-urlencode "user=tt_$tag" --data-urlencode "title=报告已移送派出所$tag" \
    --data-urlencode "body=您乡镇的一份强制报告已移送龙潭派出所。" --data-urlencode "link=/inbox"
n1=$(sed -n 's/^notice \([0-9]*\)$/\1/p' "$OUT/body")
post /_test/notice "$cj" --data-urlencode "org=$org" --data-urlencode "title=单位通知$tag"
n2=$(sed -n 's/^notice \([0-9]*\)$/\1/p' "$OUT/body")
check "notices are sent to a user and to an organisation (audited)" eval '[ -n "$n1" ] && [ -n "$n2" ] && [ "$(audits notice.send "$n1")" = 1 ] && [ "$(audits notice.send "$n2")" = 1 ]'
post /_test/notice "$cj" --data-urlencode "user=nobody$tag" --data-urlencode "title=无人"
check "a notice to nobody is refused" status_is 400
req GET /notices -b "$tj"
check "the user's layout counts 2 unread; /notices lists both unread" eval 'body_has "id=\"unread-count\">2<" && body_has "报告已移送派出所$tag" && body_has "单位通知$tag" && [ "$(grep -c "class=\"unread\" id=\"notice-" "$OUT/body")" = 2 ]'
req GET /notices -b "$mj"
check "another township's user sees neither" eval 'body_lacks "报告已移送派出所$tag" && body_lacks "单位通知$tag"'
post "/notices/$n1/read" "$mj"
check "... and cannot mark them read (404)" eval 'status_is 404 && [ "$(sql "SELECT COUNT(*) FROM notice_reads WHERE notice_id='"'$n1'"'")" = 0 ]'
post "/notices/$n2/read" "$tj"
check "marking the organisation's notice read (audited)" eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM notice_reads WHERE notice_id='"'$n2'"'")" = 1 ] && [ "$(audits notice.mark_read "$n2")" = 1 ]'
req GET /notices -b "$tj"
check "... one left unread, the other shown read" eval 'body_has "id=\"unread-count\">1<" && body_has "class=\"read\" id=\"notice-$n2\"" && body_has "class=\"unread\" id=\"notice-$n1\""'
req GET /notices -b "$uj"
check "a colleague still has the organisation's notice unread" eval 'body_has "class=\"unread\" id=\"notice-$n2\"" && body_has "id=\"unread-count\">1<"'
post "/notices/$n1/read" "$tj" --data-urlencode go=1
check "reading with its link follows the link" eval 'status_is 303 && header_has "Location: /inbox"'
req GET /inbox -b "$tj"
check "no unread notices: no count in the layout" body_lacks 'id="unread-count"'
post /_test/notice "$cj" --data-urlencode "division=500242101000" --data-urlencode "title=办公室通知$tag"
n4=$(sed -n 's/^notice \([0-9]*\)$/\1/p' "$OUT/body")
req GET /notices -b "$tj"
check "a notice to a division's office reaches its staff" eval '[ -n "$n4" ] && body_has "class=\"unread\" id=\"notice-$n4\"" && body_has "发给本辖区办公室" && body_has "id=\"unread-count\">1<"'
req GET /notices -b "$vj"
check "... not the villages below it" body_lacks "办公室通知$tag"
post /notices/read-all "$tj"
check "marking all read" eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM notice_reads WHERE notice_id='"'$n4'"'")" = 1 ]'
check "the hook is told of the notices" wait_for eval '[ "$(hook_lines "\"notice_id\":$n1,")" = 1 ] && [ "$(hook_lines "\"notice_id\":$n2,")" = 1 ] && [ "$(hook_lines "\"notice_id\":$n4,")" = 1 ]'

# ---- a failing hook is logged and retried, a bounded number of times
touch "$OUTBOUND_FAIL"
post /_test/notice "$cj" --data-urlencode "user=tu_$tag" --data-urlencode "title=重试通知$tag"
n3=$(sed -n 's/^notice \([0-9]*\)$/\1/p' "$OUT/body")
check "a failing hook: the event stays pending with its error" wait_for eval \
    '[ "$(sql "SELECT CONCAT(status, attempts >= 1, last_error) FROM outbound_events WHERE kind='"'notice'"' AND ref_id='"'$n3'"'")" = pending1"exit status 1" ]'
rm -f "$OUTBOUND_FAIL"
check "... retried, then sent" wait_for eval \
    '[ "$(sql "SELECT status FROM outbound_events WHERE kind='"'notice'"' AND ref_id='"'$n3'"'")" = sent ]'
check "... PT1002 on the portal's log" grep -q "PT1002 .*notice event" "$TEST_DIR/log/portal.log"

rm -f "$CLOCK_FILE"
