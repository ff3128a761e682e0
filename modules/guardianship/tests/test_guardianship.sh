# Issue 13: mandatory reports and their protection cases, through Apache.
# A school reports its pupil (the education module's link, prefilled); the
# form refuses a report without the police notification; filing opens the
# township's and the county's urgent tasks at once, stores the reporter and
# the facts encrypted; the need-to-know matrix (county protection staff,
# township worker before and after taking the case, police station, the
# reporting school, another school, an NGO, another township, the auditor)
# says who reads what; the file's panel says only "a case exists" to staff
# without access; the test clock passes the receive deadline and the host's
# job escalates to the county; then safety, assessment, plan (with the
# procuratorate), a visit and closure, each closing its task and opening the
# next with the deadline of the settings.  The clock file is removed at the end.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001 # 龙潭镇第一村
NOT_FOUND="页面不存在，或您无权查看。"
is() { [ "$1" = "$2" ] || { echo "    got: $1" | head -3; return 1; }; }  # same, showing what it got
mkorg() { sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('$1$tag', '$2$tag', '$3', '$4'); SELECT LAST_INSERT_ID();"; }
school=$(mkorg gsch 龙潭小学 school 500242101000)
school2=$(mkorg gsch2 麻旺小学 school 500242102000)
police=$(mkorg gpol 龙潭派出所 police_station 500242101000)
ngo=$(mkorg gngo 护苗社工 ngo 500242000000)
gov=$(mkorg ggov 龙潭镇政府 township 500242101000)
u() { add_user "$1$tag" --display-name "$2" --role "$3" --division "$4" --org "$5$tag" --password "$PW"; }
u gtea 王老师 org_staff 500242101000 gsch
u gtea2 李老师 org_staff 500242102000 gsch2
u gcop 张警官 org_staff 500242101000 gpol
u gngo 社工小赵 org_staff 500242000000 gngo
u gwk 龙潭镇保护专干 protection_worker 500242101000 ggov
u gwk2 麻旺镇保护专干 protection_worker 500242102000 ggov
u gts 龙潭镇民政办 township_staff 500242101000 ggov
u gcty 县未保中心 protection_county 500242000000 ggov
u gaud 审计员 auditor 500242000000 ggov
# the township's protection worker is township staff too (opens the child's file)
sql "INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE u.username='gwk$tag' AND r.code='township_staff'"
for x in tea tea2 cop ngo wk wk2 ts cty aud; do eval "${x}j=\$(login g$x$tag \"\$PW\" \"\$OUT/jar.$x\")"; done

child=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('护童$tag', 2, '2015-04-03', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
sql "INSERT INTO child_org_links (child_id, org_id, relation, valid_from, module, created_at, created_by)
     VALUES ($child, $school, 'enrolled', '2020-09-01', 'education', UTC_TIMESTAMP(), 1)"
set_clock "2026-12-01 02:00:00"   # 10:00 Beijing time

# ---- the form, prefilled from the education module's link
req GET "/guardianship/report/new?child=$child&source=education" -b "$teaj"
check "the school's teacher opens the form for the pupil, prefilled" eval 'status_is 200 && body_has "护童$tag" && body_has "name=\"source\" value=\"education\"" && body_has "被组织乞讨"'
req GET "/guardianship/report/new?child=$child" -b "$tea2j"
check "another school cannot name a child not its own (404)" eval 'status_is 404'
req GET /guardianship/report/new -b "$ngoj"
check "an NGO is not a reporting body (403, the reason in Chinese)" eval 'status_is 403 && body_has "不是强制报告主体"'

report() { # JAR [extra curl args]: a report of the pupil
    local jar=$1; shift
    post /guardianship/report "$jar" --data "child=$child" --data source=education --data situation=injuries \
        --data found_at=2026-12-01T09:30 --data-urlencode "facts=手臂多处淤青，称被继父殴打$tag" \
        --data phone=13900001111 "$@"
}
before=$(sql "SELECT COUNT(*) FROM gd_reports")
report "$teaj"
check "without the police notification or a reason the form does not submit" eval 'status_is 200 && body_has "请填写向哪个派出所报警，或说明未能报警的原因" && body_has "称被继父殴打$tag"'
check "... nothing was written" same "$(sql "SELECT COUNT(*) FROM gd_reports")" "$before"
report "$teaj" --data "police_org=$police" --data police_at=2026-12-01T09:40
check "a station without a receipt or a reason is refused too" eval 'status_is 200 && body_has "请填写报警回执编号" && [ "$(sql "SELECT COUNT(*) FROM gd_reports")" = "$before" ]'
report "$teaj" --data "police_org=$police" --data police_at=2026-12-01T09:40 --data "police_receipt=LT$tag"
rid=$(loc_id /guardianship/reports)
check "the school files the report (303 to the case)" eval 'status_is 303 && [ -n "$rid" ]'
check "... the facts and the reporter stored encrypted" same \
    "$(sql "SELECT LOCATE(BINARY '殴打', facts_enc) + LOCATE(BINARY '王老师', reporter_enc), source, police_receipt FROM gd_reports WHERE id=$rid")" \
    "$(printf '0\teducation\tLT%s' "$tag")"
check "... the township's and the county's urgent tasks at once, the safety task due in 24 h" is \
    "$(sql "SELECT GROUP_CONCAT(CONCAT(t.level, ':', x.step, ':', t.due_at) ORDER BY x.step) FROM gd_report_tasks x JOIN urgent_tasks t ON t.id = x.task_id WHERE x.report_id=$rid")" \
    "county:county:2026-12-01 04:00:00,township:receive:2026-12-01 04:00:00,township:safety:2026-12-02 02:00:00"
check "... the pupil linked to the station for the report (police scope)" same \
    "$(sql "SELECT COUNT(*) FROM child_org_links WHERE child_id=$child AND org_id=$police AND relation='report' AND ended_at IS NULL")" 1
check "... the timeline says only that a case exists" eval '[ "$(sql "SELECT summary FROM child_events WHERE child_id=$child AND kind=\"protection.case\"")" = "登记未成年人保护个案" ]'
req GET /inbox -b "$wkj"
check "the township worker's inbox has the urgent task, titled without the situation" eval 'body_has "强制报告：立即接案（第 $rid 号）" && body_lacks "身体多处损伤"'
req GET /inbox -b "$ctyj"
check "the county's inbox has its task" body_has "强制报告：县级知悉督办（第 $rid 号）"

# ---- need-to-know: who reads what
see() { req GET "/guardianship/reports/$rid" -b "$1"; }
see "$ctyj"
check "county protection staff: the facts and the reporter" eval 'status_is 200 && body_has "称被继父殴打$tag" && body_has "王老师（龙潭小学$tag），联系电话：13900001111"'
see "$wkj"
check "township worker not on the case: situation and stage only, a button to take it" eval 'status_is 200 && body_lacks "殴打" && body_lacks "王老师" && body_has "接案" && body_has "身体多处损伤"'
see "$copj"
check "the police station it was sent to: the facts, not the reporter" eval 'status_is 200 && body_has "称被继父殴打$tag" && body_lacks "王老师" && body_has "回执：已接报"'
see "$teaj"
check "the reporting school: its report's stage, not the facts' record nor itself" eval 'status_is 200 && body_has "已报告，待确保安全" && body_lacks "殴打" && body_lacks "13900001111"'
for x in tea2 ngo wk2 ts; do
    eval "see \"\$${x}j\""
    check "$x: 404 like a report that does not exist" eval 'status_is 404 && body_has "$NOT_FOUND" && body_lacks "殴打"'
done
see "$audj"
check "the auditor never reads it" eval '! status_is 200 && body_lacks "殴打"'
check "every read audited with its access, every refusal audited" eval \
    '[ "$(sql "SELECT GROUP_CONCAT(detail ORDER BY id) FROM audit_log WHERE action=\"guardianship.report.read\" AND object_id=\"$rid\"")" = "county,intake,police,reporter" ] && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action=\"deny\" AND object_type=\"gd_report\" AND object_id=\"$rid\"")" -ge 4 ]'
req GET /guardianship/reports -b "$wk2j"
check "another township's list does not show it" body_lacks "id=\"report-$rid\""
req GET /guardianship/reports -b "$copj"
check "the station's list does" body_has "id=\"report-$rid\""

# ---- the child's file: "a case exists", nothing more, without access
req GET "/children/$child" -b "$tsj"
check "township staff without access: the file says a case exists, nothing more" eval 'status_is 200 && body_has "存在未成年人保护个案" && body_lacks "保护个案第 $rid 号" && body_lacks "身体多处损伤"'
req GET "/children/$child" -b "$wkj"
check "the township protection worker: the case and its stage" eval 'body_has "保护个案第 $rid 号" && body_has "已报告，待确保安全"'

# ---- the county assigns a worker: only one whose jurisdiction covers the case
post "/guardianship/reports/$rid/assign" "$ctyj" --data "worker=gwk2$tag"
check "the county cannot assign another township's worker (400, nothing changed)" eval 'status_is 400 && body_has "不是本个案所在地" && [ "$(sql "SELECT COUNT(*) FROM gd_case_workers WHERE report_id=$rid")" = 0 ]'
post "/guardianship/reports/$rid/assign" "$wkj" --data "worker=gwk$tag"
check "a township worker cannot assign (403)" status_is 403
post "/guardianship/reports/$rid/assign" "$ctyj" --data worker=
check "the county acknowledges: its urgent task closes" is \
    "$(sql "SELECT t.status FROM gd_report_tasks x JOIN urgent_tasks t ON t.id=x.task_id WHERE x.report_id=$rid AND x.step='county'")" closed

# ---- the police acknowledge; the receive deadline passes: the host escalates
post "/guardianship/reports/$rid/police" "$copj"
check "the station acknowledges the report" eval 'status_is 303 && [ -n "$(sql "SELECT police_ack_at FROM gd_reports WHERE id=$rid")" ]'
post "/guardianship/reports/$rid/police" "$teaj"
check "... a school cannot (refused)" eval 'status_is 403 || status_is 404'
set_clock "2026-12-01 04:30:00"
recv=$(sql "SELECT task_id FROM gd_report_tasks WHERE report_id=$rid AND step='receive'")
check "past 2 hours the receive task escalates to the county (the host's job)" wait_for eval \
    '[ "$(sql "SELECT level FROM urgent_tasks WHERE id=$recv")" = county ]'
check "... on the supervision list" same "$(sql "SELECT from_level, to_level FROM supervision_items WHERE task_id=$recv")" "$(printf 'township\tcounty')"

# ---- the worker takes it; the steps close their tasks and open the next
post "/guardianship/reports/$rid/safety" "$wkj" --data-urlencode "where_now=已送外婆家"
check "a worker not on the case cannot record safety" eval 'status_is 403 && [ "$(sql "SELECT stage FROM gd_reports WHERE id=$rid")" = reported ]'
post "/guardianship/reports/$rid/take" "$wkj"
check "the worker takes the case; the escalated receive task closes" eval 'status_is 303 && [ "$(sql "SELECT status FROM urgent_tasks WHERE id=$recv")" = closed ] && [ "$(sql "SELECT status FROM supervision_items WHERE task_id=$recv")" = resolved ]'
see "$wkj"
check "... now the worker reads the facts, still not the reporter" eval 'body_has "称被继父殴打$tag" && body_lacks "王老师"'
post "/guardianship/reports/$rid/safety" "$wkj" --data-urlencode "where_now="
check "safety without where the child is: refused, nothing changed" eval 'status_is 400 && body_has "请填写儿童现在何处" && [ "$(sql "SELECT stage FROM gd_reports WHERE id=$rid")" = reported ]'
set_clock "2026-12-01 06:00:00"
post "/guardianship/reports/$rid/safety" "$wkj" --data-urlencode "where_now=临时安置于外婆家$tag"
check "safety ensured: stage safe at the clock's time, the assessment due 7 days later" same \
    "$(sql "SELECT stage, safe_at, assess_due, LOCATE(BINARY '外婆', safety_enc) FROM gd_reports WHERE id=$rid")" \
    "$(printf 'safe\t2026-12-01 06:00:00\t2026-12-08 06:00:00\t0')"
check "... the safety task closed, the assessment task open" same \
    "$(sql "SELECT GROUP_CONCAT(CONCAT(x.step, ':', t.status) ORDER BY t.id) FROM gd_report_tasks x JOIN urgent_tasks t ON t.id=x.task_id WHERE x.report_id=$rid AND x.step IN ('safety','assess')")" \
    "safety:closed,assess:open"
post "/guardianship/reports/$rid/assess" "$wkj" --data risk=bogus --data-urlencode "needs=心理疏导"
check "an unknown risk level is refused" eval 'status_is 400 && [ "$(sql "SELECT stage FROM gd_reports WHERE id=$rid")" = safe ]'
post "/guardianship/reports/$rid/assess" "$wkj" --data risk=high --data-urlencode "needs=心理疏导，监护指导$tag"
post "/guardianship/reports/$rid/plan" "$wkj" --data-urlencode "goal=恢复就学$tag" --data-urlencode "measure=" --data responsible= --data deadline= \
    --data-urlencode "plan=社工每周家访；移送检察院$tag"
check "a plan row without its measures, responsible and deadline is refused, nothing written" eval 'status_is 400 && body_has "干预方案第 1 行" && [ "$(sql "SELECT stage FROM gd_reports WHERE id=$rid"):$(sql "SELECT COUNT(*) FROM gd_plan_items WHERE report_id=$rid")" = assessed:0 ]'
post "/guardianship/reports/$rid/plan" "$wkj" --data procuratorate=1 --data-urlencode "plan=社工每周家访；移送检察院$tag" \
    --data-urlencode "goal=恢复就学$tag" --data-urlencode "measure=联系学校复学，每周家访" --data-urlencode "responsible=龙潭镇社工站" --data deadline=2027-01-15 \
    --data goal= --data measure= --data responsible= --data deadline= \
    --data-urlencode "goal=监护人接受家庭教育指导" --data-urlencode "measure=妇联家庭教育指导 4 次" --data-urlencode "responsible=县妇联" --data deadline=2027-02-28
check "the plan's rows are kept in order (goals and measures encrypted), the empty row skipped" eval '[ "$(sql "SELECT GROUP_CONCAT(CONCAT(n, \":\", responsible, \":\", deadline) ORDER BY n) FROM gd_plan_items WHERE report_id=$rid")" = "1:龙潭镇社工站:2027-01-15,2:县妇联:2027-02-28" ] && [ "$(sql "SELECT LOCATE(BINARY \"恢复就学\", goal_enc) FROM gd_plan_items WHERE report_id=$rid AND n=1")" = 0 ]'
check "assessed, then planned with the procuratorate referral; the first visit due in 30 days" same \
    "$(sql "SELECT stage, risk, procuratorate, next_visit FROM gd_reports WHERE id=$rid")" \
    "$(printf 'planned\thigh\t1\t2026-12-31')"
post "/guardianship/reports/$rid/visit" "$wkj" --data visit_date=2026-12-05 --data-urlencode "notes=孩子情绪稳定$tag"
see "$wkj"
check "the case page shows the plan (decrypted)" eval 'body_has "社工每周家访；移送检察院$tag" && body_has "（已移送检察院）"'
check "... with its rows: goal, measures, responsible, deadline" eval 'grep -q "id=\"plan-item-1\"><td[^>]*>恢复就学$tag</td><td[^>]*>联系学校复学，每周家访</td><td[^>]*>龙潭镇社工站</td><td[^>]*>2027-01-15</td>" "$OUT/body"'
check "... and the visit's notes in the history" body_has "孩子情绪稳定$tag"
post "/guardianship/reports/$rid/close" "$wkj" --data-urlencode "outcome=监护人接受家庭教育指导，风险解除"
check "closed: every task of the case closed" eval 'is "$(sql "SELECT stage FROM gd_reports WHERE id=$rid"):$(sql "SELECT COUNT(*) FROM gd_report_tasks x JOIN urgent_tasks t ON t.id=x.task_id WHERE x.report_id=$rid AND t.status=\"open\"")" closed:0'
post "/guardianship/reports/$rid/visit" "$wkj" --data visit_date=2026-12-06 --data-urlencode "notes=再访"
check "a closed case takes no more steps (409)" status_is 409
post "/guardianship/reports/$rid/take" "$teaj"
check "a reporter cannot take a case (403, audited)" eval 'status_is 403 && [ "$(sql "SELECT COUNT(*) FROM gd_case_workers WHERE report_id=$rid")" = 1 ]'

# ---- the county's figures (item 7), against what the database holds
req GET "/guardianship/stats?year=2026" -b "$ctyj"
n_inj=$(sql "SELECT COUNT(*) FROM gd_reports WHERE situation='injuries' AND YEAR(DATE_ADD(reported_at, INTERVAL 8 HOUR))=2026")
n_edu=$(sql "SELECT COUNT(*) FROM gd_reports WHERE source='education' AND YEAR(DATE_ADD(reported_at, INTERVAL 8 HOUR))=2026")
check "the statistics count the reports by situation and by source" eval 'status_is 200 && grep -q "data-k=\"injuries\"><th>[^<]*</th><td[^>]* class=\"n\">$n_inj<" "$OUT/body" && grep -q "data-k=\"education\"><th>学校（教育模块）</th><td[^>]* class=\"n\">$n_edu<" "$OUT/body"'
check "... by township and month" eval 'body_has "data-k=\"500242101000\"" && body_has "data-k=\"2026-12\""'
check "... the time to the police and to safety" eval 'grep -q "id=\"t-police\">[0-9]" "$OUT/body" && grep -q "id=\"t-safe\">[0-9]" "$OUT/body"'
req GET "/guardianship/stats" -b "$wkj"
check "a township worker has no statistics page (403)" status_is 403

rm -f "$CLOCK_FILE"
