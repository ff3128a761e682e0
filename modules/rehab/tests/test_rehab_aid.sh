# 残疾儿童康复 (issue 14) items 4 and 5 through Apache: the county's 残联
# keeps a provider (services, price, approval period, bank account); a
# township applies for training on the workflow, the township checks, the
# 残联 approves: a plan, the child linked to the provider.  The provider's
# staff see the child and record a month; another provider's staff get an
# audited 404.  The 残联 settles the month against the plan and the yearly
# cap (a dated setting): what exceeds the cap is not paid.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
month=$(today_cn | cut -c1-7)
next=$(date -u -d "$month-01 +1 month" +%Y-%m)
. "$ROOT/modules/rehab/tests/rehab_lib.sh"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('rh_p$tag', '康复中心$tag', 'rehab', '500242000000'), ('rh_q$tag', '别家康复$tag', 'rehab', '500242000000')"
prov=$(sql "SELECT id FROM orgs WHERE code='rh_p$tag'")
sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('lt_gov', '龙潭镇人民政府', 'township', '500242101000')"
add_user "rac$tag" --display-name 县残联 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "rat$tag" --display-name 龙潭镇经办 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
# a second township clerk checks what the first applied for (separation of duties)
add_user "ra2$tag" --display-name 龙潭镇审核 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
add_user "rap$tag" --display-name 康复师 --role org_staff --division 500242000000 --org "rh_p$tag" --password "$PW"
add_user "raq$tag" --display-name 别家康复师 --role org_staff --division 500242000000 --org "rh_q$tag" --password "$PW"
cj=$(login "rac$tag" "$PW" "$OUT/jar.rac")
tj=$(login "rat$tag" "$PW" "$OUT/jar.rat")
t2j=$(login "ra2$tag" "$PW" "$OUT/jar.ra2")
pj=$(login "rap$tag" "$PW" "$OUT/jar.rap")
qj=$(login "raq$tag" "$PW" "$OUT/jar.raq")
child=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, disability_type, disability_grade, status, created_at, created_by, updated_at)
     VALUES ('康复童$tag', 2, '2022-02-02', '500242101000', '500242101001', 'hearing', 2, 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")

# ---- the provider
form /rehab/providers "$cj" "org=$prov" service=training price=abc from=2020-01-01 to=2099-12-31
check "a bad price is refused in Chinese" eval 'status_is 400 && body_has "价格须为元"'
form /rehab/providers "$cj" "org=$prov" service=training service=device price=3000 from=2020-01-01 to=2099-12-31 bank=酉阳农商银行 account=6222000011112222
check "the 残联 keeps the provider's services, price and approval period" [ "$(sql "SELECT CONCAT(services, ' ', price_fen, ' ', approved_to) FROM rehab_providers WHERE org_id=$prov")" = "training,device 300000 2099-12-31" ]
check "... and its bank account as a payee (masked)" [ "$(sql "SELECT account_masked FROM pay_payees WHERE kind='org' AND org_id=$prov")" = "6222****2222" ]
req GET /rehab/providers -b "$cj"
check "... the list names its services, not their codes" eval 'body_has "康复训练、辅助器具适配" && body_lacks "training,device"'
req GET "/rehab/apply?child=$child" -b "$tj"
check "... so does the application form's choice of provider" eval 'status_is 200 && body_has "（康复训练、辅助器具适配，3000.00 元）"'

# ---- the application on the workflow
form /rehab/apply "$tj" "child=$child" service=training "provider=$prov" months=13 amount=3000
check "13 months of training are refused, nothing started" eval 'status_is 400 && body_has "1 至 12 个月" && [ "$(sql "SELECT COUNT(*) FROM rehab_aid_apps WHERE child_id=$child")" = 0 ]'
# the township's time limit is a setting of the module administrator (the
# workflow reads aid_check_days): 3 working days instead of the declared 10
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('rehab', 'aid_check_days', '2020-01-01', '3', 1, UTC_TIMESTAMP())"
form /rehab/apply "$tj" "child=$child" service=training "provider=$prov" months=3 amount=3000 note=听力言语训练
app=$(loc_id /rehab/applications)
check "the township applies for training" [ -n "$app" ]
check "... its check is due in the set 3 working days, not the declared 10" [ "$(sql "SELECT DATEDIFF(step_due, step_started) BETWEEN 3 AND 8 FROM wf_applications WHERE id=$app")" = 1 ]
form "/rehab/applications/$app/act" "$cj" action=approve
check "the county cannot decide before the township checked" eval '[ "$(sql "SELECT step_code FROM wf_applications WHERE id=$app")" = check ]'
# the second clerk checks it from the inbox on 康复's home, by batch approval (the host's)
req GET /rehab -b "$t2j"
check "the 康复 home lists it with a box for batch approval" eval 'status_is 200 && body_has "value=\"$app\"" && body_has "action=\"/rehab/applications/batch\""'
form /rehab/applications/batch "$t2j" "app=$app" opinion=情况属实 wf_confirm=1
check "... checked by batch approval (1 done)" eval 'status_is 200 && body_has "已通过 1 件，未办理 0 件" && [ "$(sql "SELECT step_code FROM wf_applications WHERE id=$app")" = decide ]'
form "/rehab/applications/$app/act" "$cj" action=approve opinion=同意 wf_confirm=1
check "the 残联 approves: a plan from this month" [ "$(sql "SELECT CONCAT(service, ' ', DATE_FORMAT(start_month, '%Y-%m'), ' ', months, ' ', amount_fen) FROM rehab_plans WHERE app_id=$app")" = "training $month 3 300000" ]
tid=$(sql "SELECT id FROM users WHERE username='rat$tag'")
check "the township that applied is told of the decision (a notice to the clerk)" [ "$(sql "SELECT COUNT(*) FROM notices WHERE user_id=$tid AND kind='wf.decided' AND object_id='$app' AND title LIKE '%已批准%康复童$tag%'")" = 1 ]
req GET /notices -b "$tj"
check "... shown on their notices page, leading to the child's file" eval 'body_has "已批准：康复童$tag" && [ "$(sql "SELECT link FROM notices WHERE user_id=$tid AND kind='"'wf.decided'"' AND object_id='"'$app'"'")" = "/children/$child" ]'
plan=$(sql "SELECT id FROM rehab_plans WHERE app_id=$app")
check "... the child linked to the provider for the plan's months" [ "$(sql "SELECT COUNT(*) FROM child_org_links WHERE child_id=$child AND org_id=$prov AND relation='referred' AND valid_to IS NOT NULL AND ended_at IS NULL")" = 1 ]

# ---- the provider portal
req GET /rehab/provider -b "$pj"
check "the provider's staff see their child" eval 'status_is 200 && body_has "康复童$tag"'
req GET /rehab/provider -b "$qj"
check "another provider's staff do not" eval 'status_is 200 && body_lacks "康复童$tag"'
req GET "/rehab/plans/$plan" -b "$qj"
check "another provider's staff opening the plan: 404, audited" eval 'status_is 404 && [ "$(denials_of "raq$tag" "$plan")" -ge 1 ]'
form "/rehab/plans/$plan/months" "$qj" "month=$month" days=18 progress=进步 score=60 claim=3000
check "... nor record its month" eval 'status_is 404 && [ "$(sql "SELECT COUNT(*) FROM rehab_months WHERE plan_id=$plan")" = 0 ]'
form "/rehab/plans/$plan/months" "$pj" "month=$next" days=18 progress=进步 score=60 claim=3000
check "a month not yet come is refused" status_is 400
form "/rehab/plans/$plan/months" "$pj" "month=$month" days=18 progress=进步 claim=3000
check "the first month needs an assessment score" eval 'status_is 400 && body_has "评估得分"'
form "/rehab/plans/$plan/months" "$pj" "month=$month" days=18 "progress=能说简单词语$tag" score=60 claim=3500
check "the provider records the month and claims it" [ "$(sql "SELECT CONCAT(days, ' ', score, ' ', claim_fen, ' ', status) FROM rehab_months WHERE plan_id=$plan")" = "18 60 350000 submitted" ]
mid=$(sql "SELECT id FROM rehab_months WHERE plan_id=$plan")

# ---- the settlement against the plan and the cap
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('rehab', 'cap_training', '2020-01-01', '250000', 1, UTC_TIMESTAMP())"
req GET /rehab/claims -b "$cj"
check "the 残联 sees the claim" eval 'status_is 200 && body_has "康复童$tag"'
form "/rehab/months/$mid/settle" "$cj"
check "the month is settled at the cap, not the claim nor the plan" [ "$(sql "SELECT CONCAT(m.status, ' ', m.paid_fen, ' ', l.amount_fen, ' ', l.programme, ' ', p.org_id) FROM rehab_months m JOIN pay_lines l ON l.id=m.pay_line_id JOIN pay_payees p ON p.id=l.payee_id WHERE m.id=$mid")" = "paid 250000 250000 aid_training $prov" ]
check "... the cut is explained" eval 'sql "SELECT decision FROM rehab_months WHERE id=$mid" | grep -q "本年度限额 2500.00 元"'
form "/rehab/months/$mid/settle" "$cj"
check "a month is settled once" eval 'status_is 409 && [ "$(sql "SELECT COUNT(*) FROM pay_lines WHERE source_module=\"rehab\" AND source_id=$mid")" = 1 ]'
form "/rehab/plans/$plan/months" "$pj" "month=$month" days=20 progress=改 score=61 claim=9000
check "a settled month cannot be changed" eval 'status_is 409 && [ "$(sql "SELECT claim_fen FROM rehab_months WHERE id=$mid")" = 350000 ]'
