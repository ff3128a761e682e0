# 残疾儿童康复 (issue 14) items 3, 6, 7 and 8 through Apache: a grade 1
# certificate (valid 10 years, kept encrypted) enters 重病重残; it shows in
# the expiry list 90 days ahead; lapsed and not renewed, it ends the
# category, while a renewed one keeps it.  明天计划: a disabled orphan is a
# candidate, referred for surgery, the outcome recorded by the hospital.
# The panel on the child's file and the reports.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
. "$ROOT/modules/rehab/tests/rehab_lib.sh"
rm -f "$CLOCK_FILE"
today=$(today_cn)
issued=$(date -u -d "$today -10 years +14 days" +%F)
expires=$(date -u -d "$issued +10 years" +%F)
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('rc_h$tag', '定点医院$tag', 'hospital', '500242000000')"
hosp=$(sql "SELECT id FROM orgs WHERE code='rc_h$tag'")
add_user "rcc$tag" --display-name 县残联 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "rch$tag" --display-name 定点医生 --role org_staff --division 500242000000 --org "rc_h$tag" --password "$PW"
cj=$(login "rcc$tag" "$PW" "$OUT/jar.rcc")
hj=$(login "rch$tag" "$PW" "$OUT/jar.rch")
new_child() { # NAME -> id: a disabled orphan of 龙潭镇
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, disability_type, disability_grade, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '2016-05-05', '500242101000', '500242101001', 'physical', 1, 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP());
         SET @c = LAST_INSERT_ID();
         INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES (@c, 'orphan', '死亡证明', '2020-01-01', 1);
         SELECT @c;"
}
a=$(new_child "持证童$tag")
b=$(new_child "换证童$tag")
n1="5002422016050500${tag:0:2}11"
n2="5002422016050500${tag:0:2}21"
n3="5002422016050500${tag:0:2}31"

# ---- certificates
form "/rehab/children/$a/certificate" "$cj" number=123 category=physical grade=1 "issued=$issued"
check "a malformed certificate number is refused in Chinese" eval 'status_is 400 && body_has "20 位"'
form "/rehab/children/$a/certificate" "$cj" "number=$n1" category=physical grade=1 "issued=$issued"
check "a certificate is registered, valid 10 years, its number encrypted" [ "$(sql "SELECT CONCAT(expires_on, ' ', status, ' ', number_last4, ' ', INSTR(number_enc, '$n1')) FROM rehab_certificates WHERE child_id=$a")" = "$expires valid ${n1:16:4} 0" ]
check "... grade 1: the child enters 重病重残" [ "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$a AND category='ill_disabled' AND end_date IS NULL")" = 1 ]
check "... the file's expiry" [ "$(sql "SELECT disability_cert_expiry FROM children WHERE id=$a")" = "$expires" ]
form "/rehab/children/$b/certificate" "$cj" "number=$n2" category=physical grade=1 "issued=$issued"
form "/rehab/children/$b/certificate" "$cj" "number=$n2" category=physical grade=1 "issued=$today"
check "the same number twice is refused" status_is 409
form "/rehab/children/$b/certificate" "$cj" "number=$n3" category=physical grade=1 "issued=$today"
check "a renewal supersedes the old certificate" [ "$(sql "SELECT GROUP_CONCAT(status ORDER BY id) FROM rehab_certificates WHERE child_id=$b")" = "renewed,valid" ]
req GET /rehab/certificates -b "$cj"
check "the expiry list shows the certificate expiring within 90 days" eval 'body_has "持证童$tag" && body_lacks "换证童$tag"'
pctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@"; }
pctl job run rehab.cert_lapse >/dev/null
check "nothing lapses before its expiry" [ "$(sql "SELECT status FROM rehab_certificates WHERE child_id=$a")" = valid ]
set_clock "$(date -u -d "$expires +3 days" +%F)"
req GET /rehab/certificates -b "$cj"
check "an expired certificate is marked in the list" eval 'body_has "已过期 3 天"'
check "the lapse is a job of the master, not a button" eval 'body_lacks "/rehab/certificates/lapse" && pctl job list | grep -q "^rehab.cert_lapse	every 1440 min"'
check "the job marks it (portalctl job run)" eval 'pctl job run rehab.cert_lapse | grep -q "job rehab.cert_lapse done"'
check "a lapsed certificate not renewed is marked lapsed" [ "$(sql "SELECT status FROM rehab_certificates WHERE child_id=$a")" = lapsed ]
check "... and ends 重病重残 on its expiry, with the reason code" [ "$(sql "SELECT CONCAT(end_date, ' ', exit_reason) FROM child_categories WHERE child_id=$a AND category='ill_disabled'")" = "$expires ineligible" ]
check "... a renewed child keeps it" [ "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$b AND category='ill_disabled' AND end_date IS NULL")" = 1 ]
rm -f "$CLOCK_FILE"

# ---- 明天计划
req GET /rehab/tomorrow -b "$cj"
check "disabled orphans are candidates" eval 'body_has "持证童$tag" && body_has "换证童$tag"'
form "/rehab/children/$a/tomorrow" "$cj" "hospital=$hosp"
check "only a hospital designated for surgery" eval 'status_is 400 && body_has "手术定点医院"'
form /rehab/providers "$cj" "org=$hosp" service=surgery price=15000 from=2020-01-01 to=2099-12-31
form "/rehab/children/$a/tomorrow" "$cj" "hospital=$hosp"
ref=$(loc_id /rehab/referrals)
check "a candidate is referred for surgery" [ "$(sql "SELECT CONCAT(kind, ' ', org_id, ' ', status) FROM rehab_referrals WHERE id='$ref'")" = "tomorrow $hosp referred" ]
form "/rehab/children/$a/tomorrow" "$cj" "hospital=$hosp"
check "... once while it waits for the outcome" status_is 409
form "/rehab/referrals/$ref/result" "$hj" result=done "day=$today" outcome=
check "an outcome needs its account" status_is 400
form "/rehab/referrals/$ref/result" "$hj" result=done "day=$today" "outcome=髋关节矫治手术顺利$tag"
check "the designated hospital records the outcome" [ "$(sql "SELECT CONCAT(status, ' ', result) FROM rehab_referrals WHERE id=$ref")" = "done done" ]

# ---- the panel and the reports
req GET "/children/$a" -b "$cj"
check "the child's file has the panel: certificate and surgery" eval 'status_is 200 && body_has "残疾与康复" && body_has "尾号 ${n1:16:4}" && body_has "手术完成"'
req GET "/rehab/children/$a" -b "$hj"
check "a hospital's staff cannot open the rehabilitation page" eval 'status_is 403 || status_is 404'
req GET /rehab/reports -b "$cj"
check "the reports show coverage by township" eval 'status_is 200 && body_has "龙潭镇" && body_has "筛查覆盖"'
req GET "/rehab/reports/coverage.xlsx?year=${today:0:4}" -b "$cj"
check "the coverage table as .xlsx, audited" eval 'status_is 200 && header_has "spreadsheetml" && [ "$(head -c 2 "$OUT/body")" = PK ] && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action=\"rehab.report.export\" AND username=\"rcc$tag\"")" = 1 ]'
