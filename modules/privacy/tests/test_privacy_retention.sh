# Retention and archival (issue 19 item 2) through the real stack: the dry
# run lists next month's files, a legal hold stops one, a recent file stays
# (an abuse-report case is archived like any file: its protection records
# outlive it, test_privacy_archive_records); the module job (run by the master's
# job runner, never a request) archives a crafted file: the legal minimum
# kept in child_archives, exactly the family, timeline, attachments and
# free-text columns dropped, every step audited, the file gone from lists,
# search and its page.
tag=$(date +%s%N | tail -c 7)
PW='Keep#2026portal'
add_user "rt$tag" --display-name 县民政丁 --role county_staff --division 500242000000 --org mz --password "$PW"
cj=$(login "rt$tag" "$PW")
uid=$(sql "SELECT id FROM users WHERE username = 'rt$tag'")   # the crafted files' author (not the seed's)
old_file() { # old_file NAME LAST_EVENT_DAY [KIND] -> id: born 2000, left its category in 2015
    local id
    id=$(sql "INSERT INTO children (name, sex, birth_date, id_masked, id_last4, hukou, address, school, health, placement, notes_enc, township_code, village_code, status, created_at, created_by, updated_at)
              VALUES ('$1', 1, '2000-01-01', '500242********001X', '001X', '酉阳县龙潭镇$tag', '龙潭镇某村某组$tag', '龙潭中学', '体弱$tag', '亲属抚养', x'0102', '500242101000', '500242101001', 'exited', '2005-01-01', $uid, '2016-01-01'); SELECT LAST_INSERT_ID();")
    sql "INSERT INTO child_categories (child_id, category, basis, start_date, end_date, exit_reason, entered_by) VALUES ($id, 'orphan', '测试', '2005-01-01', '2015-06-30', 'adult', 1);
         INSERT INTO child_family (child_id, relation, name, phone) VALUES ($id, '祖母', '祖母$tag', '13800000000');
         INSERT INTO child_events (child_id, at, user_id, module, kind, summary) VALUES ($id, '$2 10:00:00', 1, 'village', '${3:-visit.recorded}', '走访记录$tag');
         INSERT INTO child_attachments (child_id, kind, filename, content_type, size, sha256, stored_name, uploaded_by, uploaded_at) VALUES ($id, '其他', 'a.pdf', 'application/pdf', 1, REPEAT('0', 64), REPEAT('a', 64), 1, '2015-01-01')"
    echo "$id"
}
A=$(old_file "归档甲$tag" 2016-01-01)                    # due: ordinary, 10 years ago
B=$(old_file "侵害乙$tag" 2016-01-01 protection.case)    # abuse-report case: due as well
C=$(old_file "保留丙$tag" 2016-01-01)                    # due, but a legal hold
D=$(old_file "近期丁$tag" "$(date -u -d "$(today_cn) -1 year" +%F)") # last event a year ago
sql "INSERT INTO pay_batches (module, programme, period, title, status, created_by, created_at) VALUES ('living', 't$tag', '2014-05-01', '归档$tag', 'draft', 1, '2014-05-01');
     INSERT INTO pay_lines (batch_id, child_id, township_code, programme, period, amount_fen, reason, source_module, posted_by, created_at) SELECT id, $A, '500242101000', 'orphan', '2014-05-01', 100000, '测试', 'living', 1, '2014-05-01' FROM pay_batches WHERE title = '归档$tag';
     UPDATE pay_batches SET status = 'exported' WHERE title = '归档$tag'"

# ---- the dry run
req GET /privacy/retention -b "$cj"
check "the dry run lists the files due next month" eval 'status_is 200 && body_has "id=\"due-$A\"" && body_has "id=\"due-$C\""'
check "... an abuse-report case as well (its records are kept longer, not the file)" eval 'body_has "id=\"due-$B\"" && body_has "侵害报告档案"'
check "... not a recent file" body_lacks "id=\"due-$D\""
check "... and archives nothing" same "$(sql "SELECT status FROM children WHERE id = $A")" exited
post "/privacy/children/$C/hold" "$cj" --data hold=1
check "a legal hold needs a reason (400, nothing set)" eval 'status_is 400 && [ "$(sql "SELECT COUNT(*) FROM retention_holds WHERE child_id = $C")" = 0 ]'
post "/privacy/children/$C/hold" "$cj" --data hold=1 --data-urlencode "reason=行政诉讼中$tag"
check "a legal hold is set, audited" eval 'status_is 303 && [ "$(sql "SELECT reason FROM retention_holds WHERE child_id = $C")" = "行政诉讼中$tag" ] && [ "$(audits privacy.hold.set "$C")" = 1 ]'
req GET /privacy/retention -b "$cj"
check "... the held file leaves the dry run, listed under the holds" eval 'body_lacks "id=\"due-$C\"" && body_has "id=\"hold-$C\""'

# ---- the job
build/portalctl --config "$TEST_DIR/portal.conf" job run privacy.archive >"$OUT/job.txt" 2>&1
check "the archive job runs" eval '[ "$(sql "SELECT status FROM children WHERE id = $A")" = archived ]'
check "the legal minimum is kept: identity, categories, benefits paid" same "$(sql "SELECT CONCAT_WS('|', name, birth_date, id_masked, categories, benefits_fen, abuse_case) FROM child_archives WHERE child_id = $A")" "归档甲$tag|2000-01-01|500242********001X|orphan 2005-01-01~2015-06-30|100000|0"
check "family, timeline and attachments are dropped" same "$(sql "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM child_family WHERE child_id = $A), (SELECT COUNT(*) FROM child_events WHERE child_id = $A), (SELECT COUNT(*) FROM child_attachments WHERE child_id = $A))")" "0|0|0"
check "exactly the free-text columns are blanked, identity and ledger kept" same "$(sql "SELECT CONCAT_WS('|', hukou, address, school, health, placement, notes_enc IS NULL, name, id_last4, (SELECT COUNT(*) FROM child_categories WHERE child_id = $A), (SELECT COUNT(*) FROM pay_lines WHERE child_id = $A)) FROM children WHERE id = $A")" "|||||1|归档甲$tag|001X|1|1"
check "the archival is audited with what it dropped" eval 'sql "SELECT detail FROM audit_log WHERE action = '"'privacy.archive'"' AND object_id = '"'$A'"'" | grep -q "rule=ordinary .*child_family=1 child_events=1 child_attachments=1"'
check "the abuse-report case is archived, marked as one" same "$(sql "SELECT CONCAT(c.status, '|', a.abuse_case) FROM children c JOIN child_archives a ON a.child_id = c.id WHERE c.id = $B")" "archived|1"
check "the held and the recent files stay" same "$(sql "SELECT GROUP_CONCAT(status ORDER BY id) FROM children WHERE id IN ($C, $D)")" "exited,exited"
check "... with their family" same "$(sql "SELECT COUNT(*) FROM child_family WHERE child_id IN ($C, $D)")" 2
req GET "/children/$A" -b "$cj"
check "the archived file's page is gone (404)" status_is 404
req GET /children -b "$cj" --get --data-urlencode "q=归档甲$tag" --data status=exited
check "... and it is in no list or search" eval 'status_is 200 && body_lacks "href=\"/children/$A\""'
req GET "/children?township=500242101000&status=exited&sort=id" -b "$cj"
check "... while a kept file of the same village is listed" eval 'body_has "href=\"/children/$D\"" && body_lacks "href=\"/children/$A\""'
req GET "/children/$D" -b "$cj"
check "a kept file still opens" status_is 200
req GET /privacy/retention -b "$cj"
check "the page lists the archive with its minimum" eval 'body_has "归档甲$tag" && body_has "1000.00"'
check "... its categories by their names and dates, not their codes" eval 'body_has "孤儿 2005-01-01～2015-06-30" && body_lacks ">orphan "'
build/portalctl --config "$TEST_DIR/portal.conf" job run privacy.archive >/dev/null 2>&1
check "a second run archives nothing more" same "$(sql "SELECT COUNT(*) FROM child_archives WHERE child_id IN ($A, $B, $C, $D)")" 2
post "/privacy/children/$C/hold" "$cj" --data hold=0
check "a hold is lifted, audited" eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM retention_holds WHERE child_id = $C")" = 0 ] && [ "$(audits privacy.hold.lift "$C")" = 1 ]'

# the instance is shared: the crafted files go back to plain exited files
# under a hold, so no later run (a test moving the clock) archives them and
# every other test's counts hold
sql "UPDATE children SET status = 'exited' WHERE id IN ($A, $B, $C, $D);
     INSERT IGNORE INTO retention_holds (child_id, reason, set_by, set_at) SELECT id, '测试结束', 1, UTC_TIMESTAMP() FROM children WHERE id IN ($A, $B, $C, $D)"
