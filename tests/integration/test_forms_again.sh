# Issue 20 item 1: when the host's own parameter check refuses a POST (a
# declared value too long, a required one missing), the form comes back:
# 400 with the page the form is on, what was typed in its inputs, the
# Chinese message beside the field and at the top, nothing in the database.
# Where there is no form (a list's filter) the error page names the message
# and links back to the page.  Registry (new file, family, categories),
# living's act form, volunteer's service log, medical's aid form.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
long31=$(printf '长%.0s' $(seq 1 31))
refused_here() { # refused_here FIELD MESSAGE: the form again with the message beside FIELD
    status_is 400 && body_has "未能提交：$2" &&
        grep -q "id=\"f-$1\"" "$OUT/body" && body_lacks "请求无法完成" &&
        grep -qF "<span class=\"field-error\" role=\"alert\">$2</span>" "$OUT/body"
}
new_child() { # new_child NAME VILLAGE -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2016-05-01', CONCAT(LEFT('$2', 9), '000'), '$2', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.fa")

# ---------------------------------------------------------------- registry
before=$(sql "SELECT COUNT(*) FROM children")
post /children/new "$tj" --data-urlencode "name=$long31" --data sex=1 --data birth_date=2015-03-04 \
    --data-urlencode "address=龙潭镇某街$tag号" --data village_code=500242101001
check "a name of 31 characters: the new-file form again (400) with the message beside the name" \
    refused_here name "姓名最多 30 个字。"
check "... what was typed is in the inputs" eval 'body_has "value=\"$long31\"" && body_has "龙潭镇某街$tag号"'
check "... the form still offers the township's villages" body_has 'value="500242101001"'
check "... nothing saved" same "$(sql "SELECT COUNT(*) FROM children")" "$before"

k=$(new_child "表单重现童$tag" 500242101001)
post "/children/$k/family" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=$long31" \
    --data situation=normal --data-urlencode "phone=1380000$tag"
check "a family member's name too long: the child's file again (400), message beside the name" \
    refused_here name "姓名最多 30 个字。"
check "... on the child's own file, with the values typed" \
    eval 'body_has "表单重现童$tag" && body_has "value=\"1380000$tag\"" && body_has "value=\"$long31\""'
check "... no family member saved" same "$(sql "SELECT COUNT(*) FROM child_family WHERE child_id=$k")" 0
post "/children/$k/categories" "$tj" --data-urlencode "basis=民政认定$tag" --data start_date=2026-01-01
check "a category without its code: the file again (400), 请填写类别 beside it" \
    eval 'status_is 400 && body_has "未能提交：请填写类别。" && body_has "民政认定$tag"'
check "... no category saved" same "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$k")" 0

# ---------------------------------------------------------------- living
add_user "fa1_$tag" --display-name 龙潭镇经办甲 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
t1=$(login "fa1_$tag" "$PW")
post /living/apply "$tj" --data "child=$k" --data benefit=orphan --data subtype=scattered
app=$(loc_id /living/applications)
check "an application to act on" [ -n "$app" ]
n0=$(sql "SELECT COUNT(*) FROM wf_actions WHERE app_id=${app:-0}")
post "/living/applications/$app/act" "$t1" --data-urlencode "opinion=意见$tag" --data wf_confirm=1
check "an act without its action: the application's page again (400), the opinion kept" \
    eval 'status_is 400 && body_has "未能提交：请填写操作。" && body_has "意见$tag</textarea>" && body_has "id=\"history\""'
check "... nothing done" same "$(sql "SELECT COUNT(*) FROM wf_actions WHERE app_id=${app:-0}")" "$n0"

# ---------------------------------------------------------------- volunteer
partner_for_child "ngo_fa$tag" "表单测试社工$tag" "$k" "fap$tag"
pj=$(login "fap$tag" "$PW")
post "/volunteer/partner/children/$k/logs" "$pj" --data minutes=90 --data-urlencode "service_type=学业辅导" \
    --data-urlencode "notes=辅导数学$tag"
check "a service log without its date: the child's page again (400), message beside the date" \
    refused_here date "请填写服务日期。"
check "... the minutes and the notes typed are kept" eval 'body_has "value=\"90\"" && body_has "辅导数学$tag</textarea>"'
check "... no log saved" same "$(sql "SELECT COUNT(*) FROM volunteer_logs WHERE child_id=$k")" 0

# ---------------------------------------------------------------- medical
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('hfa$tag', '表单医院$tag', 'hospital', '500242000000')"
hosp=$(sql "SELECT id FROM orgs WHERE code='hfa$tag'")
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($k, 'dibao', '测试', '2026-01-01', 1)"
long201=$(printf '诊%.0s' $(seq 1 201))
a0=$(sql "SELECT COUNT(*) FROM wf_applications WHERE child_id=$k")
post /medical/aid "$tj" --data "child=$k" --data case_type=inpatient --data "hospital=$hosp" \
    --data start_date=2026-02-01 --data end_date=2026-02-05 --data-urlencode "diagnosis=$long201" \
    --data total=5000 --data basic=3000 --data eligible=1500 --data payee=guardian
check "a diagnosis of 201 characters: the aid form (/medical/aid/new) again (400), message beside it" \
    refused_here diagnosis "诊断最多 200 个字。"
check "... for the same child, the values typed kept" \
    eval 'body_has "name=\"child\" value=\"$k\"" && body_has "value=\"2026-02-05\"" && body_has "value=\"$long201\""'
check "... no application saved" same "$(sql "SELECT COUNT(*) FROM wf_applications WHERE child_id=$k")" "$a0"
diag200=${long201:1}
post /medical/aid "$tj" --data "child=$k" --data case_type=inpatient --data "hospital=$hosp" \
    --data start_date=2026-02-01 --data end_date=2026-02-05 --data-urlencode "diagnosis=$diag200" \
    --data total=5000 --data basic=3000 --data eligible=1500 --data payee=guardian
check "a diagnosis of 200 characters (its column's size) is saved whole (item 5)" \
    eval 'status_is 303 && [ "$(sql "SELECT diagnosis FROM medical_aid m JOIN wf_applications a ON a.id=m.app_id WHERE a.child_id=$k")" = "$diag200" ]'

# ---------------------------------------------------------------- no form
req GET "/children?q=$(printf '%%E9%%95%%BF%.0s' $(seq 1 80))" -b "$tj"
check "a list's filter too long: the error page names the limit and links back to the list" \
    eval 'status_is 400 && body_has "最多" && body_has "<a href=\"/children\">返回</a>"'
