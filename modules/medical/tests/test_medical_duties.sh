# 医疗救助 with the host's duties and batch approval (issue 20 items 2-4):
# the one-clerk township setting is offered by the host to every module
# with township steps (medical, rehab, education declare nothing) and
# waives the rule for medical too, audited; the inbox on 医疗保障 approves
# several applications at once, each checked as if alone (duties, the
# hospital's account before paying it), with a summary of done and refused.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
new_child() { # new_child NAME VILLAGE -> id (a 低保 child)
    local id
    id=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2015-05-01', CONCAT(LEFT('$2', 9), '000'), '$2', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
    sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($id, 'dibao', '测试', '2026-01-01', 1)"
    echo "$id"
}
app_state() { sql "SELECT CONCAT(step_code, '/', status) FROM wf_applications WHERE id=$1"; }
apply() { # apply JAR CHILD PAYEE -> $app
    post /medical/aid "$1" --data "child=$2" --data case_type=inpatient --data "hospital=$hosp" \
        --data start_date=2026-08-10 --data end_date=2026-08-20 --data-urlencode "diagnosis=急性肺炎" \
        --data total=5000 --data basic=3000 --data critical=500 --data charity=0 \
        --data eligible=1000 --data "payee=$3"
    app=$(sed -n 's|^Location: /medical/aid/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r' | head -n1)
}
act() { local jar=$1 app=$2 action=$3; shift 3; post "/medical/aid/$app/act" "$jar" --data "action=$action" --data wf_confirm=1 "$@"; }

sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
add_user "ma$tag" --display-name 龙潭镇经办甲 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
add_user "mb$tag" --display-name 龙潭镇经办乙 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
add_user "mw$tag" --display-name 麻旺镇唯一经办 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
add_user "mc$tag" --display-name 县民政局救助股 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "mm$tag" --display-name 模块管理员 --role module_admin --division 500242000000 --org mz --password "$PW"
sql "INSERT INTO module_admins (module, user_id, granted_by, granted_at) SELECT m.x, u.id, u.id, UTC_TIMESTAMP() FROM users u JOIN (SELECT 'medical' AS x UNION SELECT 'rehab' UNION SELECT 'education') m WHERE u.username='mm$tag';
     INSERT INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, 'settings.module', 'settings', id, UTC_TIMESTAMP() FROM users WHERE username='mm$tag'"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('dh$tag', '职责医院$tag', 'hospital', '500242000000')"
hosp=$(sql "SELECT id FROM orgs WHERE code='dh$tag'")
aj=$(login "ma$tag" "$PW"); bj=$(login "mb$tag" "$PW"); wj=$(login "mw$tag" "$PW"); cj=$(login "mc$tag" "$PW")
mj=$(login "mm$tag" "$PW")
set_clock 2026-09-01

# ---------------------------------------------------------------- the setting, offered by the host
for m in medical rehab education; do
    req GET "/admin/settings/$m" -b "$mj"
    check "the $m settings page offers the one-clerk townships (the host's)" eval 'status_is 200 && body_has "只有一名经办人的乡镇"'
done
post /admin/settings/medical/value "$mj" --data code=aid_ratio_dibao_in --data value=70 --data valid_from=2026-01-01
post /admin/settings/medical/value "$mj" --data code=aid_cap_dibao_in --data value=100000 --data valid_from=2026-01-01

w1=$(new_child "单人医救$tag" 500242102001)
apply "$wj" "$w1" guardian
wa=$app
act "$wj" "$wa" approve
check "麻旺镇's clerk cannot accept their own application (409)" eval 'status_is 409 && body_has "职责分离" && [ "$(app_state "$wa")" = "accept/open" ]'
post /admin/settings/medical/value "$mj" --data code=wf_one_clerk_townships --data value=500242102000 --data valid_from=2026-01-01
check "the module administrator lists 麻旺镇 as having one clerk (303)" status_is 303
act "$wj" "$wa" approve
check "... then the same clerk accepts it" eval 'status_is 303 && [ "$(app_state "$wa")" = "decide/open" ]'
check "... audited as a waiver" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='wf.duties.waived' AND object_id='$wa' AND detail LIKE 'medical/aid approve at step accept %'")" 1

# ---------------------------------------------------------------- batch approval
k1=$(new_child "批量医救甲$tag" 500242101001); k2=$(new_child "批量医救乙$tag" 500242101001)
k3=$(new_child "批量医救丙$tag" 500242101001)
apply "$aj" "$k1" guardian; x1=$app
apply "$aj" "$k2" hospital; x2=$app
apply "$bj" "$k3" guardian; x3=$app
req GET /medical -b "$bj"
check "the 医疗保障 inbox offers boxes for batch approval" eval 'status_is 200 && body_has "form=\"batch-form\"" && body_has "value=\"$x1\"" && body_has "action=\"/medical/applications/batch\""'
post /medical/applications/batch "$bj" --data "app=$x1" --data "app=$x2"
check "without the confirmation box: refused beside it (400), nothing changed" eval 'status_is 400 && body_has "请勾选“我已核对，确认通过”" && [ "$(app_state "$x1")" = "accept/open" ]'
post /medical/applications/batch "$bj" --data wf_confirm=1 --data-urlencode "opinion=批量受理" --data "app=$x1" --data "app=$x2" --data "app=$x3" --data "app=$wa"
check "the batch answers a summary: 2 done, 2 refused" eval 'status_is 200 && body_has "已通过 2 件，未办理 2 件"'
check "... the two typed by another clerk are accepted, with their due day" eval '[ "$(app_state "$x1")" = "decide/open" ] && [ "$(app_state "$x2")" = "decide/open" ] && [ "$(sql "SELECT step_due FROM medical_aid WHERE app_id=$x1")" = 2026-09-15 ]'
check "... the clerk's own is refused (separation of duties)" eval 'grep -A1 "data-app=\"$x3\"" "$OUT/body" | grep -q "职责分离" && [ "$(app_state "$x3")" = "accept/open" ]'
check "... another township's is refused as not found" eval 'grep -A1 "data-app=\"$wa\"" "$OUT/body" | grep -q "不在您的辖区"'
req GET "/medical/applications/$x1" -b "$bj"
check "the summary's links open the application" eval 'status_is 200 && body_has "批量医救甲$tag"'
post /medical/applications/batch "$cj" --data wf_confirm=1 --data-urlencode "opinion=同意" --data "app=$x1" --data "app=$x2"
check "the county's batch: 1 done, 1 refused" eval 'status_is 200 && body_has "已通过 1 件，未办理 1 件"'
check "... paid to the guardian: approved and posted" eval '[ "$(app_state "$x1")" = "decide/approved" ] && [ -n "$(sql "SELECT pay_line_id FROM medical_aid WHERE app_id=$x1")" ]'
check "... paying a hospital without its account is refused, as alone, nothing posted" eval 'grep -A1 "data-app=\"$x2\"" "$OUT/body" | grep -q "尚未登记收款账户" && [ "$(app_state "$x2")" = "decide/open" ] && [ "$(sql "SELECT COALESCE(pay_line_id, 0) FROM medical_aid WHERE app_id=$x2")" = 0 ]'
check "the batches are audited" same "$(sql "SELECT detail FROM audit_log WHERE action='wf.batch.approve' AND username='mc$tag'")" "module=medical step=aid/decide done=1 refused=1"
sql "DELETE FROM setting_values WHERE module='medical' AND code='wf_one_clerk_townships'"
rm -f "$CLOCK_FILE"
