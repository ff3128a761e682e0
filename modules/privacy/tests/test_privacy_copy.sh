# The sharing register (issue 19 item 4) and the guardian's copy (item 3)
# through the real stack: enrolling a child at a school (child_link) writes
# a row of the sharing register, shown on the child's file to staff; a
# guardian's request is recorded (who, relationship, the ID checked) and
# answered with a printable copy holding identity (ID masked), categories,
# benefits paid, services and the sharing rows, and leaving out the
# protected parts (a mandatory report's reporter, the abuse details).
tag=$(date +%s%N | tail -c 7)
PW='Copy#2026portal'
grant() { sql "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, '$2', '$3', id, UTC_TIMESTAMP() FROM users WHERE username='$1'"; }
add_user "cp$tag" --display-name 县民政丙 --role county_staff --division 500242000000 --org mz --password "$PW"
grant "cp$tag" education.manage education
cj=$(login "cp$tag" "$PW")
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal')

child=$(sql "INSERT INTO children (name, sex, birth_date, id_last4, township_code, village_code, created_at, created_by, updated_at) VALUES ('副本童$tag', 1, '2016-02-03', '123X', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($child, 'orphan', '测试', '2024-01-01', 1)"
sql "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) VALUES
     ($child, UTC_TIMESTAMP(), 1, 'village', 'visit.recorded', '入户走访$tag'),
     ($child, UTC_TIMESTAMP(), 1, 'guardianship', 'protection.case', '强制报告：举报人邻居王某$tag，殴打细节'),
     ($child, UTC_TIMESTAMP(), 1, 'guardianship', 'referral.police', '移送派出所$tag')"
# the batch programme is this run's own: one open batch per programme and month (key one_open)
sql "INSERT INTO pay_batches (module, programme, period, title, status, created_by, created_at) VALUES ('living', 't$tag', '2026-10-01', '测试$tag', 'draft', 1, UTC_TIMESTAMP())"
batch=$(sql "SELECT id FROM pay_batches WHERE title = '测试$tag'")
sql "INSERT INTO pay_lines (batch_id, child_id, township_code, programme, period, amount_fen, reason, source_module, posted_by, created_at) VALUES ($batch, $child, '500242101000', 'orphan', '2026-10-01', 165150, '测试', 'living', 1, UTC_TIMESTAMP());
     UPDATE pay_batches SET status = 'exported' WHERE id = $batch"

# ---- a link writes the sharing register
code="52${tag: -6}01"
post /education/schools "$cj" --data "code=$code" --data-urlencode "name=共享小学$tag" --data level=primary --data township=500242101000
school=$(loc_id /education/schools)
post "/education/children/$child/enrol" "$cj" --data "school=$school" --data semester=2026-2 --data-urlencode "grade=三年级" --data mode=ordinary
check "the child is enrolled at the school (a link)" same "$(sql "SELECT COUNT(*) FROM child_org_links WHERE child_id = $child AND org_id = $school AND ended_at IS NULL")" 1
check "the link wrote a row of the sharing register: to whom, what, why" same "$(sql "SELECT CONCAT_WS('|', org_id, recipient, source, basis, module) FROM disclosures WHERE child_id = $child")" "$school|共享小学$tag|link|关联儿童（在读）|education"
req GET "/children/$child" -b "$tj"
check "the child's file shows the sharing register to staff" eval 'status_is 200 && body_has "信息共享登记" && body_has "共享小学$tag"'

# ---- the guardian's copy
req GET "/privacy/children/$child/copy" -b "$tj"
check "the request form is on the child's file" eval 'status_is 200 && body_has "已核验申请人身份证件"'
post "/privacy/children/$child/copy" "$tj" --data-urlencode "requester=张监护$tag" --data relationship=grandparent
check "without the ID check the request is refused in Chinese, nothing recorded" eval 'status_is 200 && body_has "须先核验申请人的身份证件" && [ "$(sql "SELECT COUNT(*) FROM guardian_copies WHERE child_id = $child")" = 0 ]'
post "/privacy/children/$child/copy" "$tj" --data-urlencode "requester=张监护$tag" --data relationship=grandparent --data id_checked=1
check "the request is recorded" eval 'status_is 303 && [ "$(sql "SELECT CONCAT_WS('"'|'"', requester, relationship, id_checked) FROM guardian_copies WHERE child_id = $child")" = "张监护$tag|grandparent|1" ]'
cid=$(loc_id /privacy/copies)
check "... audited, and on the child's timeline" eval '[ "$(audits privacy.copy.create "$cid")" = 1 ] && [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id = $child AND kind = '"'copy.given'"'")" = 1 ]'
req GET "/privacy/copies/$cid" -b "$tj"
cp "$OUT/body" "$OUT/copy.html"
check "the copy: identity with the ID number masked" eval 'status_is 200 && body_has "本系统保存的该儿童信息" && body_has "副本童$tag" && body_has "**************123X"'
check "... categories" eval 'grep -A3 "id=\"copy-categories\"" "$OUT/copy.html" | grep -q "孤儿" || body_has "孤儿"'
check "... benefits paid" body_has "1651.50"
check "... services received" body_has "入户走访$tag"
check "... the sharing register" eval 'grep -A4 "id=\"copy-sharing\"" "$OUT/copy.html" | grep -q "共享小学$tag"'
check "... without the mandatory report, its reporter and details" eval 'body_lacks "王某$tag" && body_lacks "殴打细节" && body_lacks "移送派出所$tag"'
check "... saying that 2 entries are left out by law" eval 'grep -q "另有 2 条记录" "$OUT/copy.html"'
check "reading the copy is audited" eval '[ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'privacy.copy.read'"' AND object_id = '"'$child'"'")" -ge 1 ]'
req GET "/privacy/children/$child/copy" -b "$tj"
check "the requests are listed on the form" eval 'body_has "张监护$tag" && body_has "/privacy/copies/$cid"'
add_user "mw$tag" --display-name 麻旺镇 --role township_staff --division 500242102000 --org mz --password "$PW"
mj=$(login "mw$tag" "$PW")
req GET "/privacy/copies/$cid" -b "$mj"
check "another township cannot open the copy (404)" status_is 404
req GET "/privacy/children/$child/copy" -b "$mj"
check "... nor the form" status_is 404
