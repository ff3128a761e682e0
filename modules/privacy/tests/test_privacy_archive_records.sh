# Protection records outlive the archived file (issue 19 item 2): a module
# declares its tables' retention (portal_module.retention); guardianship's
# mandatory reports, their history and police referrals stay after the file
# is archived (retention_years, 5), and go once the newest of them is
# retention_years_abuse (20) old, leaving the minimum (that each existed, its
# date, its outcome code) in child_archive_records.  A crafted file through
# the master's job runner; the page and the database checked.
tag=$(date +%s%N | tail -c 7)
PW='Keep#2026portal'
add_user "ar$tag" --display-name 县民政戊 --role county_staff --division 500242000000 --org mz --password "$PW"
cj=$(login "ar$tag" "$PW")
uid=$(sql "SELECT id FROM users WHERE username = 'ar$tag'")
police=$(sql "SELECT id FROM orgs WHERE code = 'demo_police'")
job() { build/portalctl --config "$TEST_DIR/portal.conf" job run privacy.archive >"$OUT/job.txt" 2>&1; }
E=$(sql "INSERT INTO children (name, sex, birth_date, id_masked, id_last4, address, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('护档$tag', 2, '2000-03-01', '500242********002X', '002X', '龙潭镇某组$tag', '500242101000', '500242101001', 'exited', '2005-01-01', $uid, '2016-01-01'); SELECT LAST_INSERT_ID();")
sql "INSERT INTO child_categories (child_id, category, basis, start_date, end_date, exit_reason, entered_by) VALUES ($E, 'orphan', '测试', '2005-01-01', '2015-06-30', 'adult', 1);
     INSERT INTO child_events (child_id, at, user_id, module, kind, summary) VALUES ($E, '2016-01-01 10:00:00', 1, 'guardianship', 'protection.case', '强制报告$tag');
     INSERT INTO gd_reports (child_id, division_code, situation, facts_enc, reporter_enc, reporter_user_id, found_at, reported_at, stage, safety_due, risk, closed_at, outcome)
       VALUES ($E, '500242101001', 'abuse', x'01', x'02', 1, '2015-12-30 02:00:00', '2015-12-31 02:00:00', 'closed', '2016-01-01 02:00:00', 'high', '2016-01-01 02:00:00', '殴打细节$tag')"
rep=$(sql "SELECT id FROM gd_reports WHERE child_id = $E")
sql "INSERT INTO gd_report_events (report_id, at, user_id, kind, notes_enc) VALUES ($rep, '2016-01-01 02:00:00', 1, 'closed', x'03');
     INSERT INTO gd_referrals (child_id, report_id, police_org_id, referred_on, facts_enc, outcome, outcome_at, created_at, created_by) VALUES ($E, $rep, $police, '2016-01-01', x'04', '立案$tag', '2016-02-01 00:00:00', '2016-01-01', 1)"
records() { sql "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM gd_reports WHERE child_id = $E), (SELECT COUNT(*) FROM gd_report_events WHERE report_id = $rep), (SELECT COUNT(*) FROM gd_referrals WHERE child_id = $E))"; }

# ---- after retention_years: the file goes, the protection records stay
job
check "the file is archived after retention_years" same "$(sql "SELECT status FROM children WHERE id = $E")" archived
check "... its timeline and address dropped with it" same "$(sql "SELECT CONCAT((SELECT COUNT(*) FROM child_events WHERE child_id = $E), '|', address) FROM children WHERE id = $E")" "0|"
check "... but the report, its history and the police referral stay" same "$(records)" "1|1|1"
check "... and nothing is reduced to its minimum yet" same "$(sql "SELECT COUNT(*) FROM child_archive_records WHERE child_id = $E")" 0
req GET /privacy/retention -b "$cj"
check "the retention page shows the file's protection records kept" eval 'status_is 200 && grep -A2 "id=\"archived-$E\"" "$OUT/body" | grep -q "保存中（期满后删除）"'

# ---- 15 years on: still within retention_years_abuse
sql "UPDATE gd_reports SET reported_at = '2011-01-01 02:00:00' WHERE id = $rep;
     UPDATE gd_referrals SET referred_on = '2011-01-01' WHERE child_id = $E"
job
check "15 years after the newest record they all stay" same "$(records)" "1|1|1"

# ---- past 20 years: the rows go, the minimum stays
sql "UPDATE gd_reports SET reported_at = '2005-06-01 02:00:00' WHERE id = $rep;
     UPDATE gd_referrals SET referred_on = '2005-06-01' WHERE child_id = $E"
job
check "past retention_years_abuse the report, its history and the referral are dropped" same "$(records)" "0|0|0"
check "... each record's minimum stays: that it existed, its date, its outcome code" same "$(sql "SELECT GROUP_CONCAT(CONCAT(module, ' ', source, ' ', summary) ORDER BY id SEPARATOR ' / ') FROM child_archive_records WHERE child_id = $E")" "guardianship gd_reports 强制报告 2005-06-01 situation=abuse stage=closed risk=high / guardianship gd_referrals 移送公安 2005-06-01 outcome=recorded"
check "... no free text of the case is kept" eval '[ "$(sql "SELECT COUNT(*) FROM child_archive_records WHERE child_id = $E AND (summary LIKE '"'%殴打%'"' OR summary LIKE '"'%立案%'"')")" = 0 ]'
check "... audited with what was dropped" eval 'sql "SELECT detail FROM audit_log WHERE action = '"'privacy.archive.records'"' AND object_id = '"'$E'"'" | grep -q "module=guardianship setting=privacy.retention_years_abuse gd_report_events=1 .*gd_reports=1 gd_referrals=1"'
check "... the archive's identity is untouched" same "$(sql "SELECT CONCAT_WS('|', name, id_masked, abuse_case) FROM child_archives WHERE child_id = $E")" "护档$tag|500242********002X|1"
req GET /privacy/retention -b "$cj"
check "the retention page says the records went, their minimum kept" eval 'grep -A2 "id=\"archived-$E\"" "$OUT/body" | grep -q "已期满删除，保留最少信息 2 条"'
job
check "a second run changes nothing" same "$(sql "SELECT COUNT(*) FROM child_archive_records WHERE child_id = $E")" 2

# the instance is shared: the crafted file goes back to a plain exited file
# under a hold (as test_privacy_retention's), so every other test's counts
# of a township's children hold
sql "UPDATE children SET status = 'exited' WHERE id = $E;
     INSERT IGNORE INTO retention_holds (child_id, reason, set_by, set_at) VALUES ($E, '测试结束', 1, UTC_TIMESTAMP())"
