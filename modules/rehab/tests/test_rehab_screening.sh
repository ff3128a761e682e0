# 残疾儿童康复 (issue 14) items 1 and 2 through Apache: a screening round of
# 龙潭镇 by a hospital; results by the grid and by an import (all or
# nothing, a minimal record for a child not in the registry); a suspected
# child referred to a diagnosing hospital, whose staff see it and another
# hospital's staff get an audited 404; the diagnosis confirmed into the
# child's file; the diagnosis subsidy of a 低保 child, capped by the dated
# setting, posted to the payments ledger with the hospital as payee.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
today=$(today_cn)
TOWN=500242101000
V1=500242101001
idn=$(make_id 500242 20240102 2)  # a valid ID number of this run (a girl born 2024-01-02)

sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('rh_h$tag', '筛查医院$tag', 'hospital', '500242000000'), ('rh_o$tag', '别家医院$tag', 'hospital', '500242000000')"
hosp=$(sql "SELECT id FROM orgs WHERE code='rh_h$tag'")
other=$(sql "SELECT id FROM orgs WHERE code='rh_o$tag'")
add_user "rhc$tag" --display-name 县残联 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "rhh$tag" --display-name 医院医生 --role org_staff --division 500242000000 --org "rh_h$tag" --password "$PW"
add_user "rho$tag" --display-name 别家医生 --role org_staff --division 500242000000 --org "rh_o$tag" --password "$PW"
cj=$(login "rhc$tag" "$PW" "$OUT/jar.rhc")
hj=$(login "rhh$tag" "$PW" "$OUT/jar.rhh")
oj=$(login "rho$tag" "$PW" "$OUT/jar.rho")
. "$ROOT/modules/rehab/tests/rehab_lib.sh"
new_child() { # NAME BIRTH -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '$2', '$TOWN', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
a=$(new_child "筛查童甲$tag" 2023-03-04)
b=$(new_child "筛查童乙$tag" 2022-06-01)
old=$(new_child "筛查大童$tag" 2012-06-01)
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($a, 'dibao', '低保证', '2025-01-01', 1)"

# ---- a round and the grid
form /rehab/rounds "$cj" "org=$hosp" "township=$TOWN" "day=$today" "place=龙潭镇卫生院$tag"
round=$(loc_id /rehab/rounds)
check "a screening round is created" [ -n "$round" ]
req GET "/rehab/rounds/$round?village=$V1" -b "$cj"
check "the grid lists the township's children 0-6, not older ones" eval 'body_has "筛查童甲$tag" && body_has "筛查童乙$tag" && body_lacks "筛查大童$tag"'
form "/rehab/rounds/$round/grid" "$cj" "child=$a" "child=$b" "d_vision=$a" "d_autism=$a"
check "the grid saves a result per child and domain" [ "$(sql "SELECT CONCAT(vision, hearing, autism, suspected) FROM rehab_screenings WHERE round_id=$round AND child_id=$a")" = 1011 ]
check "... a child screened normal" [ "$(sql "SELECT suspected FROM rehab_screenings WHERE round_id=$round AND child_id=$b")" = 0 ]
check "... audited" [ "$(audits rehab.screen.grid "$round")" = 1 ]
req GET "/rehab/rounds/$round?village=$V1" -b "$cj"
check "... the grid shows them again" eval 'grep -q "name=\"d_vision\" value=\"$a\"[^>]* checked" "$OUT/body" && ! grep -q "name=\"d_vision\" value=\"$b\"[^>]* checked" "$OUT/body"'
form "/rehab/rounds/$round/grid" "$cj" "child=$old"
check "a child over 6 is refused, nothing changed" eval 'status_is 400 && [ "$(sql "SELECT COUNT(*) FROM rehab_screenings WHERE round_id=$round")" = 2 ]'

# ---- the import: all or nothing
printf '身份证号,姓名,性别,出生日期,村（社区）代码,视力,听力,言语,肢体运动,智力,孤独症表现\n,外来童%s,女,2024-01-02,%s,正常,疑似,正常,正常,正常,正常\n,坏行童%s,男,2024-01-02,%s,正常,也许,正常,正常,正常,正常\n' "$tag" "$V1" "$tag" "$V1" >"$OUT/bad.csv"
upload() { # JAR PATH FILE: a multipart form with the CSRF token
    STATUS=$(curl -s -b "$1" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' -H "Origin: $BASE" \
        -F "_csrf=$(csrf "$1")" -F "file=@$3;type=text/csv" "$BASE$2")
}
upload "$cj" "/rehab/rounds/$round/import" "$OUT/bad.csv"
check "an import with a bad row names it and imports nothing" eval 'body_has "第 3 行" && body_has "未导入任何一行" && [ "$(sql "SELECT COUNT(*) FROM rehab_screenings WHERE round_id=$round")" = 2 ]'
printf '身份证号,姓名,性别,出生日期,村（社区）代码,视力,听力,言语,肢体运动,智力,孤独症表现\n%s,外来童%s,女,2024-01-02,%s,正常,疑似,正常,正常,正常,正常\n,外来童二%s,男,2021-01-02,%s,,,,,,\n' "$idn" "$tag" "$V1" "$tag" "$V1" >"$OUT/good.csv"
upload "$cj" "/rehab/rounds/$round/import" "$OUT/good.csv"
check "a good import is saved" eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM rehab_screenings WHERE round_id=$round AND child_id IS NULL")" = 2 ]'
check "... a minimal record for a child not in the registry, the ID number encrypted" [ "$(sql "SELECT CONCAT(hearing, suspected, sex, ' ', INSTR(id_enc, '$idn'), ' ', LENGTH(id_hmac)) FROM rehab_screenings WHERE name='外来童$tag'")" = "112 0 64" ]
check "... audited with its rows" [ "$(sql "SELECT detail FROM audit_log WHERE action='rehab.screen.import' AND object_id='$round'")" = "rows=2 suspected=1 format=csv" ]
# a name counts characters as clerks do (issue 20 item 8): 30 Chinese characters
# (90 bytes) are a name the column holds; 65 are refused with the limit named
long30="长名$tag$(printf '字%.0s' $(seq 1 $((30 - 2 - ${#tag}))))"
long65=$(printf '超%.0s' $(seq 1 65))
printf '身份证号,姓名,性别,出生日期,村（社区）代码,视力,听力,言语,肢体运动,智力,孤独症表现\n,%s,女,2024-01-02,%s,正常,正常,正常,正常,正常,正常\n' "$long65" "$V1" >"$OUT/long65.csv"
n_before=$(sql "SELECT COUNT(*) FROM rehab_screenings WHERE round_id=$round")
upload "$cj" "/rehab/rounds/$round/import" "$OUT/long65.csv"
check "a name of 65 characters is refused, the limit named in characters" eval 'body_has "第 2 行：姓名最多 64 个字。" && [ "$(sql "SELECT COUNT(*) FROM rehab_screenings WHERE round_id=$round")" = "$n_before" ]'
printf '身份证号,姓名,性别,出生日期,村（社区）代码,视力,听力,言语,肢体运动,智力,孤独症表现\n,%s,女,2024-01-02,%s,正常,正常,正常,正常,正常,正常\n' "$long30" "$V1" >"$OUT/long30.csv"
upload "$cj" "/rehab/rounds/$round/import" "$OUT/long30.csv"
check "a name of 30 Chinese characters (90 bytes) is saved whole" [ "$(sql "SELECT CHAR_LENGTH(name) FROM rehab_screenings WHERE round_id=$round AND name='$long30'")" = 30 ]
sql "DELETE FROM rehab_screenings WHERE round_id=$round AND name='$long30'"
req GET "/rehab/rounds/$round" -b "$cj"
check "the round counts screened and suspected children" eval 'body_has "<strong id=\"screened\">4</strong>" && body_has "<strong id=\"suspected\">2</strong>"'

# ---- suspected -> referral -> diagnosis -> subsidy
sa=$(sql "SELECT id FROM rehab_screenings WHERE round_id=$round AND child_id=$a")
sx=$(sql "SELECT id FROM rehab_screenings WHERE name='外来童$tag'")
form "/rehab/screenings/$sx/refer" "$cj" "hospital=$hosp"
check "a child not in the registry cannot be referred before it is registered" eval 'status_is 409 && body_has "尚未登记入册"'
form "/rehab/screenings/$sa/refer" "$cj" "hospital=$hosp"
ref=$(loc_id /rehab/referrals)
check "a suspected child is referred to the hospital" [ -n "$ref" ]
check "... linked to it (relation referred)" [ "$(sql "SELECT COUNT(*) FROM child_org_links WHERE child_id=$a AND org_id=$hosp AND relation='referred' AND ended_at IS NULL")" = 1 ]
set_clock "$(date -u -d "$today +40 days" +%F)"
req GET /rehab/referrals -b "$cj"
check "a referral without a diagnosis after 30 days (the setting) is marked" eval 'body_has "已 40 天"'
req GET /rehab/reports -b "$cj"
check "... and counted in the reports" eval '[ "$(sed -n "s/.*已转介未出结果 <strong>\([0-9]*\)<.*/\1/p" "$OUT/body")" -ge 1 ]'
rm -f "$CLOCK_FILE"
req GET /rehab/referrals -b "$hj"
check "the hospital's staff see their referred child" eval 'status_is 200 && body_has "筛查童甲$tag"'
req GET /rehab/referrals -b "$oj"
check "another hospital's staff do not" eval 'status_is 200 && body_lacks "筛查童甲$tag"'
req GET "/rehab/referrals/$ref" -b "$oj"
check "another hospital's staff opening it: 404, audited" eval 'status_is 404 && [ "$(denials_of "rho$tag" "$ref")" -ge 1 ]'
form "/rehab/referrals/$ref/result" "$oj" result=confirmed category=visual grade=2 "day=$today" cost=800
check "... nor can it record the result" eval 'status_is 404 && [ "$(sql "SELECT status FROM rehab_referrals WHERE id=$ref")" = referred ]'
form "/rehab/referrals/$ref/result" "$hj" result=confirmed category=visual "day=$today" cost=800
check "a confirmed result without a grade is refused in Chinese" eval 'status_is 400 && body_has "残疾类别和等级"'
form "/rehab/referrals/$ref/result" "$hj" result=confirmed category=visual grade=2 "day=$today" cost=800
check "the hospital records the diagnosis" [ "$(sql "SELECT CONCAT(status, ' ', result, ' ', category, grade, ' ', cost_fen) FROM rehab_referrals WHERE id=$ref")" = "done confirmed visual2 80000" ]
check "... the child's file has the disability" [ "$(sql "SELECT CONCAT(disability_type, disability_grade) FROM children WHERE id=$a")" = visual2 ]
req GET "/children/$a" -b "$cj"
check "the child's file shows the screening and the diagnosis" eval 'body_has "视力、孤独症表现疑似" && body_has "确诊残疾视力残疾二级"'
check "... and a timeline event" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$a AND kind='disability.diagnosed'")" = 1 ]
form "/rehab/referrals/$ref/subsidy" "$cj"
check "the subsidy needs the hospital's bank account" eval 'status_is 409 && body_has "尚未登记收款账户"'
sql "INSERT INTO pay_payees (kind, org_id, holder, bank_name, account_enc, account_masked, updated_by, updated_at) VALUES ('org', $hosp, '筛查医院$tag', '酉阳农商银行', 'x', '6222****0001', 1, UTC_TIMESTAMP())"
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('rehab', 'diagnosis_subsidy_cap', '2020-01-01', '60000', 1, UTC_TIMESTAMP())"
form "/rehab/referrals/$ref/subsidy" "$cj"
check "the subsidy of a 低保 child, capped by the dated setting, is posted to the ledger" [ "$(sql "SELECT CONCAT(l.amount_fen, ' ', l.programme, ' ', p.org_id, ' ', l.source_module, ' ', l.source_id) FROM rehab_referrals f JOIN pay_lines l ON l.id=f.pay_line_id JOIN pay_payees p ON p.id=l.payee_id WHERE f.id=$ref")" = "60000 diagnosis $hosp rehab $ref" ]
form "/rehab/referrals/$ref/subsidy" "$cj"
check "... only once" eval 'status_is 409 && [ "$(sql "SELECT COUNT(*) FROM pay_lines WHERE source_module=\"rehab\" AND source_id=$ref")" = 1 ]'

# ---- a minimal record whose child enters the registry: linked by ID number
c=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('入册童$tag', 2, '2024-01-02', '$TOWN', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
sql "UPDATE children SET id_hmac=(SELECT id_hmac FROM rehab_screenings WHERE id=$sx) WHERE id=$c"
form "/rehab/rounds/$round/link" "$cj"
check "a minimal record is linked once its child is in the registry" [ "$(sql "SELECT child_id FROM rehab_screenings WHERE id=$sx")" = "$c" ]
form /rehab/rounds "$cj" "org=$hosp" "township=$TOWN" "day=$today" "place=复筛$tag"
round2=$(loc_id /rehab/rounds)
printf '身份证号,姓名,性别,出生日期,村（社区）代码,视力,听力,言语,肢体运动,智力,孤独症表现\n%s,,,,,疑似,正常,正常,正常,正常,正常\n' "$idn" >"$OUT/reg.csv"
upload "$cj" "/rehab/rounds/$round2/import" "$OUT/reg.csv"
check "an imported ID number on the registry is saved as the registry's child" [ "$(sql "SELECT CONCAT(child_id, ' ', name, ' ', vision, ' ', id_hmac IS NULL) FROM rehab_screenings WHERE round_id=$round2")" = "$c 入册童$tag 1 1" ]
sql "UPDATE children SET township_code='500242102000', village_code='500242102001' WHERE id=$c"
upload "$cj" "/rehab/rounds/$round2/import" "$OUT/reg.csv"
check "... not when the child lives in another township" eval 'body_has "不属于本轮筛查的乡镇"'
