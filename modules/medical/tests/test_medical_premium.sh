# 参保资助 (issue 11 item 1) through HTTP: the year's list drawn on its
# enrolment date from mixed categories (the rule per category a dated
# setting), a tier-2 child subsidised at the tier-1 amount, a child leaving
# after the date keeping the subsidy, a mid-year entry on the supplementary
# list, export (xlsx, CSV), the bureau's confirmation imported (a bad file
# changes nothing), posting to the ledger once (idempotent), the panel.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
new_child() { # new_child NAME -> id (龙潭镇第一村)
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 2, '2014-03-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
category() { # category CHILD CODE FROM [TO]
    sql "INSERT INTO child_categories (child_id, category, basis, start_date, end_date, entered_by) VALUES ($1, '$2', '测试', '$3', ${4:-NULL}, 1)"
}
line() { sql "SELECT CONCAT_WS('/', list, category, tier, premium_fen, subsidy_fen, status) FROM medical_premium_lines WHERE year=2027 AND child_id=$1"; }
upload() { # upload PATH JAR FILE: a signed-in multipart form with the file
    req POST "$1" -b "$2" -H "Origin: $BASE" -F "_csrf=$(csrf "$2")" -F "file=@$3;type=text/csv"
}
lid() { sql "SELECT id FROM medical_premium_lines WHERE year=2027 AND child_id=$1"; }

add_user "pcs$tag" --display-name 县民政局 --role county_staff --division 500242000000 --org mz --password "$PW"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('yb$tag', '测试医保局$tag', 'dept_medical', '500242000000')"
bureau=$(sql "SELECT id FROM orgs WHERE code='yb$tag'")
add_user "pyb$tag" --display-name 县医保局 --role medical_security --division 500242000000 --org "yb$tag" --password "$PW"
add_user "pma$tag" --display-name 模块管理员 --role module_admin --division 500242000000 --org mz --password "$PW"
sql "INSERT INTO module_admins (module, user_id, granted_by, granted_at) SELECT 'medical', id, id, UTC_TIMESTAMP() FROM users WHERE username='pma$tag';
     INSERT INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, 'settings.module', 'settings', id, UTC_TIMESTAMP() FROM users WHERE username='pma$tag';
     UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
cj=$(login "pcs$tag" "$PW")
yj=$(login "pyb$tag" "$PW")
mj=$(login "pma$tag" "$PW")
tj=$(login township 'Town#2026portal' "$OUT/jar.pt")
set_clock 2027-03-01

k1=$(new_child "孤儿参保$tag");   category "$k1" orphan 2020-01-01
k2=$(new_child "低保二档$tag");   category "$k2" dibao 2025-01-01
k3=$(new_child "重残参保$tag");   category "$k3" ill_disabled 2025-01-01
k4=$(new_child "特困低保$tag");   category "$k4" tekun 2025-01-01; category "$k4" dibao 2025-01-01
k5=$(new_child "已退出$tag");     category "$k5" dibao 2024-01-01 "'2026-10-01'"
k6=$(new_child "年中纳入$tag");   category "$k6" dibao 2027-02-01
k7=$(new_child "年后退出$tag");   category "$k7" orphan 2020-01-01 "'2027-01-15'"
k8=$(new_child "监护缺失$tag");   category "$k8" guardianship 2025-01-01

post /admin/settings/medical/value "$mj" --data code=premium_share_guardianship --data value=50 --data valid_from=2026-01-01
check "the module administrator sets the rule of 监护缺失 children: half the tier-1 premium (303)" status_is 303
post /admin/settings/medical/value "$mj" --data code=premium_tier2 --data value=735 --data valid_from=2026-01-01
check "... and the tier-2 personal premium (303)" status_is 303

req GET /medical/premiums -b "$tj"
check "a township user without medical.premium cannot open the list (403)" status_is 403
post "/medical/children/$k2/tier" "$cj" --data year=2027 --data tier=2
check "the child's tier-2 choice for 2027 is recorded (303)" status_is 303
check "... on the child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$k2 AND kind='tier.set'")" 1

post /medical/premiums/generate "$cj" --data year=2027 --data enrol_date=2026-12-01
check "the 2027 list is generated (303)" status_is 303
check "an orphan: tier 1, subsidised in full (400.00 元)" same "$(line "$k1")" "main/orphan/1/40000/40000/listed"
check "a 低保 child on tier 2: premium 735.00 元, subsidy the tier-1 amount 400.00 元" same "$(line "$k2")" "main/dibao/2/73500/40000/listed"
check "a 重病重残 child only (rule 0) is not listed" same "$(line "$k3")" ""
check "a child in two categories is listed once" same "$(sql "SELECT COUNT(*) FROM medical_premium_lines WHERE year=2027 AND child_id=$k4")" 1
check "a child who left before the enrolment date is not listed" same "$(line "$k5")" ""
check "a child entering after the enrolment date is not on the main list" same "$(line "$k6")" ""
check "a 监护缺失 child gets half the tier-1 premium by the setting (200.00 元)" same "$(line "$k8")" "main/guardianship/1/40000/20000/listed"
check "the generation is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='medical.premium.generate' AND object_id='2027'")" -ge 1 ]
n=$(sql "SELECT COUNT(*) FROM medical_premium_lines WHERE year=2027")
post /medical/premiums/generate "$cj" --data year=2027 --data enrol_date=2026-12-01
check "generating again adds nobody (idempotent)" same "$(sql "SELECT COUNT(*) FROM medical_premium_lines WHERE year=2027")" "$n"
post /medical/premiums/generate "$cj" --data year=2027 --data enrol_date=2026-11-01
check "another enrolment date for the same year is refused (409)" status_is 409

req GET "/medical/premiums?year=2027" -b "$yj"
check "the bureau opens the year's list" status_is 200
check "... with the township's totals" body_has "龙潭镇"
# the list holds full ID numbers: above privacy.export_approval_rows it would
# wait for a second person's approval (issue 19, modules/privacy's tests)
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('privacy', 'export_approval_rows', '2000-01-01', '100000000', 1, UTC_TIMESTAMP())"
req GET "/medical/premiums/2027/export?format=xlsx&purpose=stats" -b "$yj" -o "$OUT/list.xlsx"
check "the bureau exports it as .xlsx" status_is 200
check "... an xlsx file" header_has "spreadsheetml"
req GET "/medical/premiums/2027/export?format=csv&purpose=stats" -b "$yj"
check "... and as CSV" status_is 200
check "the CSV lists the tier-2 child with premium and subsidy" grep -q "低保二档$tag.*,2,735.00,400.00" "$OUT/body"
check "exports are audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='medical.premium.export' AND object_id='2027'")" 2
sql "DELETE FROM setting_values WHERE module = 'privacy' AND code = 'export_approval_rows' AND value = '100000000'"

# the bureau's confirmation: a bad row refuses the whole file
printf '编号,姓名,参保结果,失败原因\n%s,a,成功,\n%s,b,不知道,\n' "$(lid "$k1")" "$(lid "$k2")" >"$OUT/bad.csv"
upload /medical/premiums/2027/import "$yj" "$OUT/bad.csv"
check "a file with a bad result is refused (400)" status_is 400
check "... naming the row" body_has "第 3 行"
check "... and nothing changed" same "$(line "$k1")" "main/orphan/1/40000/40000/listed"
printf '编号,姓名,参保结果,失败原因\n%s,a,成功,\n%s,b,成功,\n%s,c,失败,已在外地参保\n' "$(lid "$k1")" "$(lid "$k2")" "$(lid "$k4")" >"$OUT/ok.csv"
upload /medical/premiums/2027/import "$yj" "$OUT/ok.csv"
check "the confirmation is imported (303)" status_is 303
check "insured children are marked" same "$(line "$k2")" "main/dibao/2/73500/40000/insured"
check "a failure keeps its reason" same "$(sql "SELECT CONCAT(status, '/', fail_reason) FROM medical_premium_lines WHERE year=2027 AND child_id=$k4")" "failed/已在外地参保"

post /medical/premiums/2027/post "$yj" --data "org=$bureau" --data-urlencode "bank=酉阳农商行" --data account=6222000099998888
check "the insured children's subsidies are posted (303)" status_is 303
check "two lines of 400.00 元, payee the bureau" same "$(sql "SELECT CONCAT(COUNT(*), '/', SUM(l.amount_fen), '/', MIN(o.code)) FROM pay_lines l JOIN pay_payees p ON p.id=l.payee_id JOIN orgs o ON o.id=p.org_id WHERE l.source_module='medical' AND l.programme='premium' AND l.child_id IN ($k1, $k2)")" "2/80000/yb$tag"
check "the failed child is not paid" same "$(sql "SELECT COUNT(*) FROM pay_lines WHERE programme='premium' AND child_id=$k4")" 0
post /medical/premiums/2027/post "$yj" --data "org=$bureau"
check "posting again posts nothing twice" same "$(sql "SELECT COUNT(*) FROM pay_lines WHERE programme='premium' AND child_id IN ($k1, $k2)")" 2
printf '编号,参保结果,失败原因\n%s,失败,重复\n' "$(lid "$k1")" >"$OUT/late.csv"
upload /medical/premiums/2027/import "$yj" "$OUT/late.csv"
check "a posted subsidy cannot be turned into a failure (400)" body_has "已入账"

post /medical/premiums/2027/supplement "$cj" --data on=2027-03-01
check "the supplementary list is drawn (303)" status_is 303
check "the mid-year entry is on it" same "$(line "$k6")" "supplement/dibao/1/40000/40000/listed"
check "the child who left in January keeps the year's subsidy" same "$(line "$k7")" "main/orphan/1/40000/40000/listed"

req GET "/children/$k2" -b "$tj"
check "the child's file shows the insurance this year" body_has "二档，资助 400.00 元，已参保（年度名单）"
rm -f "$CLOCK_FILE"
