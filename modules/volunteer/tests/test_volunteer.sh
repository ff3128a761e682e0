# 社会组织与志愿服务 (issue 5): partner organisations registered and approved
# by county staff, volunteers, children assigned for a period, the partner's
# narrow view of an assigned child (never the ID number, the family or other
# modules), service logs verified or returned by the child's township, hours
# from verified logs only, ending access, the report and its CSV.
# The clock is set to 2026-03-15 with CLOCK_FILE and removed at the end.
PW='Xyz#2026portal'
tag=$(date +%s%N | tail -c 7)
set_clock 2026-03-15

volunteer_staff v
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('volpartner')"

# ---- a child created through the registry (ID number encrypted), with a family
idnum="50024220140307$(printf '%03d' $((RANDOM % 400 * 2 + 2)))"
sum=0; w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
for i in $(seq 0 16); do sum=$((sum + ${idnum:i:1} * ${w[i]})); done
map=10X98765432; idnum="$idnum${map:$((sum % 11)):1}"
masked="${idnum:0:6}********${idnum:14:4}"
cname="志愿测试童$tag"
post /children/new "$tj" --data-urlencode "name=$cname" --data sex=2 --data birth_date=2014-03-07 \
    --data "id_number=$idnum" --data village_code=500242101001 --data-urlencode "hukou=酉阳县龙潭镇户籍$tag" --data-urlencode "ethnicity=土家族" \
    --data-urlencode "school=龙潭小学"
check "the test child is created through the registry" status_is 303
cid=$(loc_id /children)
sql "UPDATE children SET school_grade='五年级' WHERE id=$cid"
sql "INSERT INTO child_family (child_id, relation, name, situation) VALUES ($cid, '祖母', '志愿测试祖母$tag', 'normal')"
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($cid, 'de_facto_unsupported', '测试', '2025-01-01', 1)"
check "the masked ID is stored" same "$(sql "SELECT id_masked FROM children WHERE id=$cid")" "$masked"
mwchild="志愿测试麻旺$tag"
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('$mwchild', 1, '2013-01-01', '500242102000', '500242102001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
mwcid=$(sql "SELECT id FROM children WHERE name='$mwchild'")
other=$mwcid   # a child never assigned to the organisation

# ---- 1. partner organisations
ocode="ngo_t$tag"; oname="阳光社工服务中心$tag"
post /volunteer/orgs "$cj" --data "code=$ocode" --data-urlencode "name=$oname" --data "reg_no=REG$tag" \
    --data-urlencode "contact_name=张社工" --data contact_phone=13800000000 \
    --data "areas=500242101000,500242102000" --data-urlencode "service_types=心理疏导、学业辅导"
check "county staff register an organisation (303)" status_is 303
vorg=$(loc_id /volunteer/orgs)
check "it is an orgs row of kind ngo, pending" same "$(sql "SELECT CONCAT(o.kind, '/', v.status) FROM volunteer_orgs v JOIN orgs o ON o.id=v.org_id WHERE v.id=$vorg")" "ngo/pending"
check "its service areas are stored" same "$(sql "SELECT COUNT(*) FROM volunteer_org_areas WHERE vorg_id=$vorg")" 2
post /volunteer/orgs "$cj" --data "code=x$ocode" --data-urlencode "name=x" --data "reg_no=R$tag" \
    --data-urlencode "contact_name=x" --data contact_phone=1 --data "areas=500242101001"
check "a village code is not a service area (400)" status_is 400
post /volunteer/orgs "$cj" --data "code=$ocode" --data-urlencode "name=x" --data "reg_no=R2$tag" \
    --data-urlencode "contact_name=x" --data contact_phone=1 --data "areas=500242101000"
check "a duplicate organisation code is refused (409)" status_is 409
post /volunteer/orgs "$tj" --data "code=y$ocode" --data-urlencode "name=x" --data "reg_no=R3$tag" \
    --data-urlencode "contact_name=x" --data contact_phone=1 --data "areas=500242101000"
check "township staff cannot register organisations (403)" status_is 403
post "/volunteer/orgs/$vorg/assign" "$cj" --data "child_id=$cid" --data-urlencode "service_type=学业辅导" \
    --data start_date=2026-03-01 --data end_date=2026-06-30
check "a pending organisation gets no children (409)" status_is 409
post "/volunteer/orgs/$vorg/status" "$cj" --data status=suspended --data-urlencode "reason=x"
check "a pending organisation cannot be suspended (409)" status_is 409
post "/volunteer/orgs/$vorg/status" "$cj" --data status=approved
check "county staff approve it" status_is 303
check "the approval is a dated status event" same "$(sql "SELECT CONCAT(status, '/', effective_date) FROM volunteer_org_events WHERE vorg_id=$vorg ORDER BY id DESC LIMIT 1")" "approved/2026-03-15"
check "the status change is audited" same "$(audits volunteer.org.status "$vorg")" 1

add_user volpartner --display-name 阳光社工 --role ngo_partner --division 500242000000 --org "$ocode" --password "$PW" ||
    sql "UPDATE users SET org_id=(SELECT id FROM orgs WHERE code='$ocode') WHERE username='volpartner'"
pj=$(login volpartner "$PW" "$OUT/jar.vp")
req GET /volunteer/partner -b "$pj"
check "the partner sees its own organisation" eval 'status_is 200 && body_has "$oname"'
check "the partner's menu has 志愿服务 and not 社会组织" eval 'body_has "href=\"/volunteer/partner\"" && body_lacks "href=\"/volunteer/orgs\""'
req GET /volunteer/orgs -b "$pj"
check "the partner cannot list organisations (403)" status_is 403
req GET "/volunteer/orgs/$vorg" -b "$pj"
check "nor open the staff page of its own (403)" status_is 403

# ---- 2. volunteers
post /volunteer/partner/volunteers "$pj" --data-urlencode "name=志愿者甲$tag" --data phone=13900000001 \
    --data-urlencode "skills=心理咨询" --data-urlencode "availability=周末"
check "the partner adds a volunteer" status_is 303
post /volunteer/partner/volunteers "$pj" --data-urlencode "name=志愿者乙$tag"
v1=$(sql "SELECT id FROM volunteers WHERE name='志愿者甲$tag'"); v2=$(sql "SELECT id FROM volunteers WHERE name='志愿者乙$tag'")
check "both volunteers belong to the organisation" same "$(sql "SELECT COUNT(*) FROM volunteers WHERE vorg_id=$vorg")" 2

# ---- 3. assignments
post "/volunteer/orgs/$vorg/assign" "$cj" --data "child_id=$cid" --data-urlencode "service_type=学业辅导" \
    --data-urlencode "needs=数学基础薄弱，需要每周辅导" --data start_date=2026-03-01 --data end_date=2026-06-30
check "county staff assign the child (303)" status_is 303
aid=$(sql "SELECT id FROM volunteer_assignments WHERE child_id=$cid AND vorg_id=$vorg")
check "the assignment is on the child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$cid AND module='volunteer' AND kind='volunteer.assign'")" 1
post "/volunteer/orgs/$vorg/assign" "$cj" --data "child_id=$cid" --data-urlencode "service_type=乱写" \
    --data start_date=2026-03-01 --data end_date=2026-06-30
check "a service type off the list is refused (400)" status_is 400
post "/volunteer/orgs/$vorg/assign" "$tj" --data "child_id=$cid" --data-urlencode "service_type=学业辅导" \
    --data start_date=2026-03-01 --data end_date=2026-06-30
check "township staff without volunteer.manage cannot assign (403)" status_is 403

req GET /volunteer/partner -b "$pj"
check "the partner's page lists the assigned child" body_has "/volunteer/partner/children/$cid"
before=$(audits volunteer.child.view "$cid")
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "the partner opens the assigned child (200)" status_is 200
check "with name, sex, age, village, grade and needs" eval 'body_has "$cname" && body_has "<dd>女</dd>" && body_has "12 岁" && body_has "龙潭镇第一村" && body_has "五年级" && body_has "数学基础薄弱"'
check "never the full ID number" body_lacks "$idnum"
check "never the masked ID number" body_lacks "$masked"
check "never the last digits of the ID" body_lacks "${idnum:14:4}"
check "never the family" body_lacks "志愿测试祖母$tag"
check "never the categories" body_lacks "事实无人抚养"
check "never the hukou" body_lacks "户籍$tag"
check "the partner's view is audited" same "$(audits volunteer.child.view "$cid")" "$((before + 1))"
before=$(sql "SELECT COUNT(*) FROM audit_log WHERE object_type='child' AND object_id='$other'")
req GET "/volunteer/partner/children/$other" -b "$pj"
check "another child's id answers 404" status_is 404
check "and the denial is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE object_type='child' AND object_id='$other'")" -gt "$before" ]
req GET "/volunteer/partner/children/abc" -b "$pj"
check "a non-numeric id answers 404" status_is 404
req GET /children -b "$pj"
check "the partner gets 403 on the registry list" status_is 403
req GET "/children/$cid" -b "$pj"
check "and on the child's registry file" status_is 403
req GET /living -b "$pj"
check "and on 基本生活保障" status_is 403
# a certificate scan on the child's registry file (it shows the ID number)
printf '%%PDF-1.4\n%% 身份证 %s\n%%%%EOF\n' "$idnum" >"$OUT/idcard.pdf"
req POST "/children/$cid/attachments" -b "$tj" -H "Origin: $BASE" -F "_csrf=$(csrf "$tj")" \
    -F "kind=户口簿" -F "file=@$OUT/idcard.pdf;type=application/pdf"
att=$(sql "SELECT id FROM child_attachments WHERE child_id=$cid ORDER BY id DESC LIMIT 1")
check "township staff attach a scan holding the ID number" eval '[ -n "$att" ]'
req GET "/children/$cid/attachments/$att" -b "$pj"
check "the partner cannot download the child's attachments (403)" eval 'status_is 403 && body_lacks "$idnum"'

# ---- 4. service logs
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "the log form offers the organisation's volunteers by name (checkboxes)" \
    eval 'body_has "name=\"volunteer\" value=\"$v1\"" && body_has "name=\"volunteer\" value=\"$v2\"" && body_lacks "name=\"volunteer_ids\" maxlength=\"200\">"'
post "/volunteer/partner/children/$cid/logs" "$pj" --data service_date=2026-03-10 --data minutes=90 \
    --data-urlencode "service_type=学业辅导" --data "volunteer=$v1" --data "volunteer=$v2" --data-urlencode "notes=辅导数学"
check "the partner logs a service (303)" status_is 303
l1=$(sql "SELECT MAX(id) FROM volunteer_logs WHERE child_id=$cid")
check "both ticked volunteers are on it" [ "$(sql "SELECT GROUP_CONCAT(volunteer_id ORDER BY volunteer_id) FROM volunteer_log_people WHERE log_id=$l1")" = "$(printf '%s\n' "$v1" "$v2" | sort -n | paste -sd,)" ]
post "/volunteer/partner/children/$cid/logs" "$pj" --data service_date=2026-03-12 --data minutes=45 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
l2=$(sql "SELECT MAX(id) FROM volunteer_logs WHERE child_id=$cid")
check "a second log is stored" [ "$l2" -gt "$l1" ]
log_refused() { # log_refused CHILD DATE MINUTES TYPE STATUS WHAT: the partner's log is refused
    post "/volunteer/partner/children/$1/logs" "$pj" --data "service_date=$2" --data "minutes=$3" \
        --data-urlencode "service_type=$4"
    check "$6 ($5)" status_is "$5"
}
log_refused "$cid" 2026-02-20 30 学业辅导 400 "a date before the assignment is refused"
log_refused "$cid" 2026-03-20 30 学业辅导 400 "a date after today is refused"
log_refused "$cid" 2026-03-10 30 心理咨询 400 "a type off the fixed list is refused"
log_refused "$cid" 2026-03-10 0 其他 400 "zero minutes are refused"
log_refused "$other" 2026-03-10 30 其他 404 "no log for a child not assigned"

req GET /volunteer/verify -b "$tj"
check "the township sees the logs to verify" eval 'status_is 200 && body_has "/volunteer/verify/logs/$l1"'
req GET /volunteer/verify -b "$mj"
check "another township does not see them" body_lacks "/volunteer/verify/logs/$l1"
post "/volunteer/verify/logs/$l1" "$mj" --data action=verify --data confirm=1
check "a user of another township cannot verify (404)" status_is 404
check "and the log stays submitted" same "$(sql "SELECT status FROM volunteer_logs WHERE id=$l1")" submitted
post "/volunteer/verify/logs/$l1" "$pj" --data action=verify --data confirm=1
check "the partner cannot verify (403)" status_is 403
post "/volunteer/verify/logs/$l1" "$tj" --data action=verify
check "核实无误 without the confirmation box is refused beside it (issue 20), the log unchanged" eval 'status_is 400 && body_has "请勾选“我已核对，确认核实无误”" && body_has "id=\"confirm-confirm\"" && [ "$(sql "SELECT status FROM volunteer_logs WHERE id=$l1")" = submitted ]'
post "/volunteer/verify/logs/$l1" "$tj" --data action=verify --data confirm=1
check "the child's township verifies the log" status_is 303
post "/volunteer/verify/logs/$l2" "$tj" --data action=return
check "returning without a reason is refused (400)" status_is 400
post "/volunteer/verify/logs/$l2" "$tj" --data action=return --data-urlencode "reason=时长与签到表不符"
check "the township returns the other log with a reason" status_is 303
check "verify and return are on the child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$cid AND module='volunteer' AND kind IN ('volunteer.verify','volunteer.return')")" 2
post "/volunteer/verify/logs/$l1" "$tj" --data action=return --data-urlencode "reason=x"
check "a verified log cannot be returned again (409)" status_is 409

post "/volunteer/partner/logs/$l1/edit" "$pj" --data service_date=2026-03-10 --data minutes=600 \
    --data-urlencode "service_type=学业辅导"
check "a verified log cannot be edited (409)" eval 'status_is 409 && body_has "已经乡镇核实，不能再修改"'
check "and kept its minutes" same "$(sql "SELECT minutes FROM volunteer_logs WHERE id=$l1")" 90
req GET /volunteer/partner -b "$pj"
check "hours count verified logs only (90 minutes)" body_has '<span id="total-minutes">90</span>'
check "each volunteer's hours come from verified logs" eval 'body_has "data-volunteer=\"$v1\">90<" && body_has "data-volunteer=\"$v2\">90<"'
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "the partner sees the return reason" body_has "时长与签到表不符"
post "/volunteer/partner/logs/$l2/edit" "$pj" --data service_date=2026-03-12 --data minutes=40 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v2"
check "a returned log is edited and resubmitted" eval 'status_is 303 && [ "$(sql "SELECT CONCAT(status, minutes) FROM volunteer_logs WHERE id=$l2")" = submitted40 ]'
post "/volunteer/verify/logs/$l2" "$tj" --data action=verify --data confirm=1
req GET /volunteer/partner -b "$pj"
check "after verification the hours add up (130 minutes)" body_has '<span id="total-minutes">130</span>'
check "volunteer 乙 now has 130 minutes, 甲 90" eval 'body_has "data-volunteer=\"$v2\">130<" && body_has "data-volunteer=\"$v1\">90<"'

# ---- 5. the report
req GET "/volunteer/reports?from=2026-01-01&to=2026-12-31" -b "$cj"
check "the report shows the organisation's verified minutes" eval 'status_is 200 && body_has "$oname" && body_has ">130<"'
req GET "/volunteer/reports.csv?from=2026-01-01&to=2026-12-31" -b "$cj"
check "the CSV export has the organisation's row" eval 'status_is 200 && grep -q "按组织,$oname,2,130,1" "$OUT/body"'
check "and the township's row" grep -q "按乡镇,龙潭镇" "$OUT/body"
req GET /volunteer/reports -b "$pj"
check "the partner cannot see the report (403)" status_is 403

# ---- a suspended organisation loses access until it is approved again
post "/volunteer/orgs/$vorg/status" "$cj" --data status=suspended --data-urlencode "reason=整改"
check "county staff suspend the organisation" status_is 303
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "a suspended organisation sees no child (404)" status_is 404
post "/volunteer/orgs/$vorg/status" "$cj" --data status=approved
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "approved again, the assignment gives access again" status_is 200
check "the organisation's status history has 4 dated events" same "$(sql "SELECT COUNT(*) FROM volunteer_org_events WHERE vorg_id=$vorg")" 4

# ---- scope of assignments and ending access
post "/volunteer/orgs/$vorg/assign" "$cj" --data "child_id=999999999" --data-urlencode "service_type=其他" \
    --data start_date=2026-03-01 --data end_date=2026-06-30
check "assigning an unknown child answers 404" status_is 404
add_user volmwcounty --display-name 麻旺镇社会事务 --role county_staff --division 500242102000 --org mw_gov --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='volmwcounty'"
xj=$(login volmwcounty "$PW" "$OUT/jar.vx")
post "/volunteer/orgs/$vorg/assign" "$xj" --data "child_id=$cid" --data-urlencode "service_type=其他" \
    --data start_date=2026-03-01 --data end_date=2026-06-30
check "staff cannot assign a child outside their jurisdiction (404)" status_is 404
post "/volunteer/orgs/$vorg/assign" "$cj" --data "child_id=$mwcid" --data-urlencode "service_type=其他" \
    --data start_date=2026-04-01 --data end_date=2026-06-30
check "a future assignment is accepted" status_is 303
req GET "/volunteer/partner/children/$mwcid" -b "$pj"
check "but gives no access before its start (404)" status_is 404

post "/volunteer/assignments/$aid/end" "$cj" 
check "county staff end the assignment" status_is 303
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "ending the assignment ends access at once (404)" status_is 404
log_refused "$cid" 2026-03-14 30 其他 404 "and no more logs for that child"
post "/volunteer/assignments/$aid/end" "$cj"
check "an ended assignment cannot be ended twice (409)" status_is 409

post "/volunteer/orgs/$vorg/status" "$cj" --data status=ended
check "ending an organisation needs a reason (400)" status_is 400
post "/volunteer/orgs/$vorg/status" "$cj" --data status=ended --data-urlencode "reason=协议到期"
check "county staff end the partnership" status_is 303
check "which ends its open assignments" same "$(sql "SELECT COUNT(*) FROM volunteer_assignments WHERE vorg_id=$vorg AND ended_at IS NULL")" 0
post "/volunteer/orgs/$vorg/status" "$cj" --data status=approved
check "an ended organisation cannot be approved again (409)" status_is 409
post "/volunteer/orgs/$vorg/status" "$cj" --data status=approved -H "Origin: http://evil.example"
check "a cross-site post is refused" eval '! status_is 303'

rm -f "$CLOCK_FILE"
