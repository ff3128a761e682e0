# Issues 11-15 gaps, medical: a covered rehabilitation item's yearly limits
# (times, amount) are enforced on the application; the reports export as
# .xlsx; the premium list's enrolment day is a dated setting (the form may
# leave the date out).
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
is() { [ "$1" = "$2" ] || { echo "    got: $1" | head -3; return 1; }; }
new_child() { # new_child NAME VILLAGE -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2015-05-01', CONCAT(LEFT('$2', 9), '000'), '$2', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
apply() { # apply CHILD START END ELIGIBLE ITEM
    post /medical/aid "$tj" --data "child=$1" --data case_type=outpatient --data "hospital=$hosp" \
        --data "start_date=$2" --data "end_date=$3" --data-urlencode "diagnosis=听力障碍" \
        --data total=2000 --data basic=1000 --data critical=0 --data charity=0 \
        --data "eligible=$4" --data payee=hospital --data "rehab=$5"
    app=$(sed -n 's|^Location: /medical/aid/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r' | head -n1)
}
decided() { sql "UPDATE wf_applications SET status='approved' WHERE id=$app"; }  # one open application per child: the earlier one decided
add_user "gcs$tag" --display-name 县民政局救助股 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "gma$tag" --display-name 医疗保障模块管理员 --role module_admin --division 500242000000 --org mz --password "$PW"
sql "INSERT INTO module_admins (module, user_id, granted_by, granted_at) SELECT 'medical', id, id, UTC_TIMESTAMP() FROM users WHERE username='gma$tag';
     INSERT INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, 'settings.module', 'settings', id, UTC_TIMESTAMP() FROM users WHERE username='gma$tag'"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('ghosp$tag', '限额医院$tag', 'hospital', '500242000000')"
hosp=$(sql "SELECT id FROM orgs WHERE code='ghosp$tag'")
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.gt")
cj=$(login "gcs$tag" "$PW")
mj=$(login "gma$tag" "$PW")
set_clock 2026-09-01
c1=$(new_child "限额童$tag" 500242101001)
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($c1, 'dibao', '测试', '2026-01-01', 1)"

# ---- covered items' yearly limits
post /admin/settings/medical/lookup "$mj" --data kind=rehab_item --data "code=t$tag" --data valid_from=2026-01-01 \
    --data-urlencode "c1=人工耳蜗调机" --data-urlencode "c2=每年一次" --data c3=1
post /admin/settings/medical/lookup "$mj" --data kind=rehab_item --data "code=a$tag" --data valid_from=2026-01-01 \
    --data-urlencode "c1=助听器验配" --data c4=500
check "items with a yearly limit of times and of amount are in the lookup" is "$(sql "SELECT CONCAT(IFNULL(c3,'-'), '/', IFNULL(c4,'-')) FROM lookup_entries WHERE module='medical' AND code IN ('t$tag','a$tag') ORDER BY code")" "$(printf -- '-/500\n1/-')"
apply "$c1" 2026-03-10 2026-03-10 300 "t$tag"
check "the first use of a once-a-year item is accepted" status_is 303
decided
before=$(sql "SELECT COUNT(*) FROM medical_aid WHERE child_id=$c1")
apply "$c1" 2026-06-10 2026-06-10 300 "t$tag"
check "a second use in the same year is refused, in Chinese, nothing stored" eval 'status_is 400 && body_has "每年最多救助 1 次" && [ "$(sql "SELECT COUNT(*) FROM medical_aid WHERE child_id=$c1")" = "$before" ]'
apply "$c1" 2026-04-10 2026-04-10 300 "a$tag"
check "an item within its yearly amount is accepted" status_is 303
decided
apply "$c1" 2026-05-10 2026-05-10 300 "a$tag"
check "past its yearly amount (600 > 500 元) it is refused" eval 'status_is 400 && body_has "每年限额 500 元"'

# ---- reports as .xlsx
req GET "/medical/reports/export?report=aid&year=2026&format=xlsx" -b "$cj"
check "a report exports as .xlsx, audited" eval 'status_is 200 && header_has "spreadsheetml" && [ "$(head -c 2 "$OUT/body")" = PK ] && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action=\"medical.report.export\" AND username=\"gcs$tag\" AND detail LIKE \"%xlsx%\"")" = 1 ]'
req GET "/medical/reports?year=2026" -b "$cj"
check "the reports page links the Excel export" body_has 'id="xlsx-aid"'

# ---- a charity policy linked to the volunteer module's project that paid for it
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('gngo$tag', '爱心社$tag', 'ngo', '500242000000')"
sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, created_at, created_by)
     SELECT id, 'Rg$tag', '联系人', '1', 'approved', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='gngo$tag'"
proj=$(sql "INSERT INTO volunteer_projects (vorg_id, name, budget_fen, start_date, end_date, created_at, created_by)
     SELECT v.id, '护苗保险项目$tag', 1000000, '2026-01-01', '2027-12-31', UTC_TIMESTAMP(), 1 FROM volunteer_orgs v JOIN orgs o ON o.id=v.org_id WHERE o.code='gngo$tag'; SELECT LAST_INSERT_ID();")
sql "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, 'medical.insurance', 'medical', id, UTC_TIMESTAMP() FROM users WHERE username='gcs$tag'"
ij=$(login "gcs$tag" "$PW" "$OUT/jar.gi")
req GET /medical/policies -b "$ij"
check "the policy form offers the volunteer module's projects" body_has "护苗保险项目$tag"
post /medical/policies "$ij" --data-urlencode "insurer=测试保险公司" --data kind=accident --data "policy_no=PG$tag" \
    --data start_date=2026-07-01 --data end_date=2027-06-30 --data premium=50 --data "project=999999999"
check "an unknown project is refused" eval 'status_is 400 && body_has "所选慈善项目不存在"'
post /medical/policies "$ij" --data-urlencode "insurer=测试保险公司" --data kind=accident --data "policy_no=PG$tag" \
    --data start_date=2026-07-01 --data end_date=2027-06-30 --data premium=50 --data "project=$proj"
gpol=$(loc_id /medical/policies)
check "a policy funded by a project keeps the link and the project's name" is "$(sql "SELECT CONCAT(project_id, '/', funded_by) FROM medical_policies WHERE id='$gpol'")" "$proj/护苗保险项目$tag"
req GET "/medical/policies/$gpol" -b "$ij"
check "... and its page links the project" body_has "/volunteer/projects/$proj"

# ---- the enrolment day as a dated setting
post /admin/settings/medical/value "$mj" --data code=enrol_day --data value=11-15 --data valid_from=2026-01-01
sql "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, 'medical.premium', 'medical', id, UTC_TIMESTAMP() FROM users WHERE username='gcs$tag'"
yj=$(login "gcs$tag" "$PW" "$OUT/jar.gy2")
post /medical/premiums/generate "$yj" --data year=2031
check "a year's list without a date is drawn on the setting's day of the year before" is "$(sql "SELECT enrol_date FROM medical_premium_years WHERE year=2031")" 2030-11-15
sql "DELETE FROM setting_values WHERE module='medical' AND code='enrol_day' AND value='11-15'"
rm -f "$CLOCK_FILE"
