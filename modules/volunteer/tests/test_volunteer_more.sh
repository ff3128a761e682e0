# 社会组织与志愿服务, part two (issue 5 items 2, 6, 7): the certificate of a
# volunteer's verified hours, children without a verified service for N
# months by township, care offers matched to children (on the child's file),
# charity projects and donations in integer fen, the donations report.
# The clock is set to 2026-06-15 with CLOCK_FILE and removed at the end.
PW='Xyz#2026portal'
tag=$(date +%s%N | tail -c 7)
set_clock 2026-06-15

volunteer_staff m
add_user volmwcounty --display-name 麻旺镇社会事务 --role county_staff --division 500242102000 --org mw_gov --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('volmwcounty')"
xj=$(login volmwcounty "$PW" "$OUT/jar.mx")

# ---- fixtures: two organisations with partner users, children in 龙潭镇 and 麻旺镇
mkchild() { # mkchild NAME TOWNSHIP VILLAGE -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '2014-01-01', '$2', '$3', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
    sql "SELECT id FROM children WHERE name='$1'"
}
mkorg() { # mkorg CODE NAME -> volunteer_orgs.id
    sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('$1', '$2', 'ngo', '500242000000')"
    sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, created_at, created_by)
         SELECT id, 'R$1', '联系人', '1', 'approved', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='$1'"
    sql "SELECT v.id FROM volunteer_orgs v JOIN orgs o ON o.id=v.org_id WHERE o.code='$1'"
}
served="服务过$tag"; stale="久未服务$tag"; never="未服务$tag"; mwname="麻旺未服务$tag"
c_served=$(mkchild "$served" 500242101000 500242101001)
c_stale=$(mkchild "$stale" 500242101000 500242101001)
c_never=$(mkchild "$never" 500242101000 500242101001)
c_mw=$(mkchild "$mwname" 500242102000 500242102001)
oa="oa$tag"; oaname="春苗公益$tag"; ob="ob$tag"; obname="晨光基金$tag"
va=$(mkorg "$oa" "$oaname"); vb=$(mkorg "$ob" "$obname")
add_user "pa$tag" --display-name 春苗 --role ngo_partner --division 500242000000 --org "$oa" --password "$PW"
add_user "pb$tag" --display-name 晨光 --role ngo_partner --division 500242000000 --org "$ob" --password "$PW"
paj=$(login "pa$tag" "$PW" "$OUT/jar.pa"); pbj=$(login "pb$tag" "$PW" "$OUT/jar.pb")
sql "INSERT INTO volunteers (vorg_id, name, created_at, created_by) VALUES ($va, '证书志愿者$tag', UTC_TIMESTAMP(), 1)"
vol=$(sql "SELECT id FROM volunteers WHERE name='证书志愿者$tag'")
sql "INSERT INTO volunteer_assignments (child_id, vorg_id, service_type, start_date, end_date, created_at, created_by)
     VALUES ($c_served, $va, '学业辅导', '2025-01-01', '2026-12-31', UTC_TIMESTAMP(), 1),
            ($c_stale, $va, '学业辅导', '2025-01-01', '2026-12-31', UTC_TIMESTAMP(), 1)"
a1=$(sql "SELECT id FROM volunteer_assignments WHERE child_id=$c_served"); a2=$(sql "SELECT id FROM volunteer_assignments WHERE child_id=$c_stale")
addlog() { # addlog ASSIGNMENT CHILD DATE MINUTES STATUS
    sql "INSERT INTO volunteer_logs (assignment_id, child_id, vorg_id, service_date, minutes, service_type, status, created_at, created_by, updated_at)
         VALUES ($1, $2, $va, '$3', $4, '学业辅导', '$5', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
    sql "INSERT INTO volunteer_log_people (log_id, volunteer_id) SELECT MAX(id), $vol FROM volunteer_logs"
}
addlog "$a1" "$c_served" 2026-05-20 90 verified
addlog "$a1" "$c_served" 2026-06-01 45 verified
addlog "$a1" "$c_served" 2026-06-10 600 submitted
addlog "$a1" "$c_served" 2026-06-11 300 returned
addlog "$a2" "$c_stale" 2026-01-10 60 submitted
addlog "$a2" "$c_stale" 2025-12-20 30 verified

# ---- 1. the certificate
req GET "/volunteer/volunteers/$vol/certificate" -b "$cj"
check "staff open a volunteer's certificate (200)" eval 'status_is 200 && body_has "证书志愿者$tag" && body_has "$oaname"'
check "the certificate counts verified logs only (165 minutes = 2 h 45 min)" eval 'body_has "<span id=\"cert-minutes\">165</span>" && body_has "2 小时 45 分钟"'
check "its period is that of the verified services" body_has "2025-12-20 至 2026-06-01"
check "and it is dated today" body_has '<span id="cert-issued">2026-06-15</span>'
check "the certificate is audited" same "$(audits volunteer.certificate "$vol")" 1
req GET "/volunteer/volunteers/$vol/certificate" -b "$paj"
check "the partner of its organisation opens it too" eval 'status_is 200 && body_has "<span id=\"cert-minutes\">165</span>"'
req GET "/volunteer/volunteers/$vol/certificate" -b "$pbj"
check "another organisation's partner gets 404" status_is 404
req GET "/volunteer/volunteers/$vol/certificate" -b "$tj"
check "township staff without volunteer.manage get 404" status_is 404
req GET "/volunteer/volunteers/999999999/certificate" -b "$cj"
check "an unknown volunteer answers 404" status_is 404

# ---- 2. children without a verified service for N months
req GET "/volunteer/reports/unserved" -b "$tj"
check "the township opens the unserved report (200)" status_is 200
check "it lists a child never served, with 无" eval 'body_has "data-child=\"$c_never\"" && grep -A0 "data-child=\"$c_never\"" "$OUT/body" | grep -q "<td[^>]*>无</td>"'
check "and a child whose last verified service is older than 3 months, with its date" eval 'grep "data-child=\"$c_stale\"" "$OUT/body" | grep -q "2025-12-20"'
check "not a child with a recent verified service" body_lacks "data-child=\"$c_served\""
check "never another township's child" body_lacks "$mwname"
check "counts are grouped by township" eval 'grep -q "<td[^>]*>龙潭镇</td>" "$OUT/body" && ! grep -q "<td[^>]*>麻旺镇</td>" "$OUT/body"'
req GET "/volunteer/reports/unserved?months=12" -b "$tj"
check "with months=12 the older service counts" eval 'status_is 200 && body_lacks "data-child=\"$c_stale\"" && body_has "data-child=\"$c_never\""'
req GET "/volunteer/reports/unserved?months=0" -b "$tj"
check "months out of range are refused (400)" status_is 400
req GET "/volunteer/reports/unserved" -b "$mj"
check "麻旺镇 staff see their child and not 龙潭镇's" eval 'body_has "data-child=\"$c_mw\"" && body_lacks "data-child=\"$c_never\""'
req GET "/volunteer/reports/unserved" -b "$cj"
check "county staff see both townships" eval 'body_has "data-child=\"$c_mw\"" && body_has "data-child=\"$c_never\""'
req GET "/volunteer/reports/unserved.csv?months=3" -b "$tj"
check "the CSV of children by name asks its purpose first" eval 'status_is 200 && body_has "导出用途" && ! grep -q "^$c_never," "$OUT/body"'
req GET "/volunteer/reports/unserved.csv?months=3&purpose=stats" -b "$tj"
check "the CSV lists the child never served" eval 'status_is 200 && grep -q "^$c_never,$never,龙潭镇,龙潭镇第一村.*,无" "$OUT/body"'
check "nor a child with a recent verified service, nor another township's child" eval '! grep -q "^$c_served," "$OUT/body" && ! grep -q "$mwname" "$OUT/body"'
req GET "/volunteer/reports/unserved" -b "$paj"
check "a partner cannot see the report (403)" status_is 403

# ---- 3. care offers
post /volunteer/care "$cj" --data offerer_kind=family --data-urlencode "offerer=王氏家庭$tag" \
    --data-urlencode "contact_name=王女士" --data contact_phone=13700000000 --data kind=foster \
    --data area_code=500242101000 --data capacity=2 --data-urlencode "notes=有照料经验"
check "county staff record a foster care offer (303)" status_is 303
offer=$(loc_id /volunteer/care)
check "the offer is open" same "$(sql "SELECT status FROM volunteer_care_offers WHERE id=$offer")" open
check "it is audited" same "$(audits volunteer.care.add "$offer")" 1
post /volunteer/care "$cj" --data offerer_kind=family --data-urlencode "offerer=x" \
    --data-urlencode "contact_name=x" --data contact_phone=1 --data kind=adoption \
    --data area_code=500242101000 --data capacity=1
check "an unknown kind of care is refused (400)" eval 'status_is 400 && body_has "关爱方式"'
post /volunteer/care "$xj" --data offerer_kind=org --data-urlencode "offerer=x" \
    --data-urlencode "contact_name=x" --data contact_phone=1 --data kind=sponsor \
    --data area_code=500242101000 --data capacity=1
check "an area outside the user's scope is refused (400)" status_is 400
req GET /volunteer/care -b "$cj"
check "the offer is listed" eval 'status_is 200 && body_has "王氏家庭$tag" && body_has "家庭寄养"'
req GET "/volunteer/care/$offer" -b "$xj"
check "staff of another township cannot open it (404)" status_is 404
post "/volunteer/care/$offer/match" "$xj" --data "child_id=$c_mw" --data start_date=2026-06-15
check "nor match it (404)" status_is 404
post "/volunteer/care/$offer/match" "$cj" --data "child_id=999999999" --data start_date=2026-06-15
check "an unknown child answers 404" status_is 404
post "/volunteer/care/$offer/match" "$tj" --data "child_id=$c_never" --data start_date=2026-06-15
check "township staff without volunteer.manage cannot match (403)" status_is 403
post "/volunteer/care/$offer/match" "$cj" --data "child_id=$c_never" --data start_date=2026-06-15 --data-urlencode "notes=周末寄养"
check "county staff match the offer to a child (303)" status_is 303
check "the match is recorded" same "$(sql "SELECT COUNT(*) FROM volunteer_care_matches WHERE offer_id=$offer AND child_id=$c_never")" 1
check "and is on the child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c_never AND module='volunteer' AND kind='volunteer.care.match'")" 1
check "the match is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='volunteer.care.match' AND object_id='$c_never'")" 1
req GET "/children/$c_never" -b "$tj"
check "the child's file shows the match" eval 'status_is 200 && body_has "匹配家庭寄养：王氏家庭$tag"'
post "/volunteer/care/$offer/match" "$cj" --data "child_id=$c_never" --data start_date=2026-06-15
check "the same child cannot be matched twice (409)" status_is 409
post "/volunteer/care/$offer/match" "$cj" --data "child_id=$c_stale" --data start_date=2026-06-15
check "a second child fills the offer" eval 'status_is 303 && [ "$(sql "SELECT status FROM volunteer_care_offers WHERE id=$offer")" = matched ]'
post "/volunteer/care/$offer/match" "$cj" --data "child_id=$c_served" --data start_date=2026-06-15
check "a full offer takes no more children (409)" status_is 409
post "/volunteer/care/$offer/status" "$cj" --data status=closed
check "staff close the offer" eval 'status_is 303 && [ "$(sql "SELECT status FROM volunteer_care_offers WHERE id=$offer")" = closed ]'

# ---- 4. charity projects and donations (integer fen)
post /volunteer/projects "$cj" --data "vorg_id=$va" --data-urlencode "name=春苗助学$tag" --data budget=12345.6 \
    --data start_date=2026-01-01 --data end_date=2026-12-31
check "county staff register a project (303)" status_is 303
pa=$(loc_id /volunteer/projects)
check "the budget 12345.6 yuan is stored as 1234560 fen" same "$(sql "SELECT budget_fen FROM volunteer_projects WHERE id=$pa")" 1234560
post /volunteer/projects "$cj" --data "vorg_id=$vb" --data-urlencode "name=晨光午餐$tag" --data budget=0.05 \
    --data start_date=2026-01-01 --data end_date=2026-12-31
pb=$(loc_id /volunteer/projects)
check "0.05 yuan is 5 fen" same "$(sql "SELECT budget_fen FROM volunteer_projects WHERE id=$pb")" 5
for bad in 12.345 -5 1e3 abc 1. .5 "1,000" 12345678901 0; do
    post /volunteer/projects "$cj" --data "vorg_id=$va" --data-urlencode "name=坏金额$tag" --data-urlencode "budget=$bad" \
        --data start_date=2026-01-01 --data end_date=2026-12-31
    check "the amount '$bad' is refused in Chinese (400)" eval 'status_is 400 && body_has "金额格式不正确"'
done
check "no project was stored with a bad amount" same "$(sql "SELECT COUNT(*) FROM volunteer_projects WHERE name='坏金额$tag'")" 0
post "/volunteer/projects/$pa/spend" "$cj" --data amount=1000.01 --data spent_on=2026-06-01 --data-urlencode "purpose=购买学习用品"
check "staff record spending (303)" status_is 303
post /volunteer/donations "$cj" --data-urlencode "donor=爱心企业$tag" --data "project_id=$pa" --data amount=5000 --data pledged_date=2026-06-01
check "a money donation to a project (303)" status_is 303
d1=$(sql "SELECT MAX(id) FROM volunteer_donations WHERE project_id=$pa")
check "5000 yuan is 500000 fen" same "$(sql "SELECT money_fen FROM volunteer_donations WHERE id=$d1")" 500000
post /volunteer/donations "$cj" --data-urlencode "donor=爱心个人$tag" --data "project_id=$pa" --data amount=99.99 --data pledged_date=2026-06-02
post /volunteer/donations "$cj" --data-urlencode "donor=物资捐赠$tag" --data "project_id=$pa" --data-urlencode "goods=书包 20 个" --data pledged_date=2026-06-02
check "a goods donation is stored without money" same "$(sql "SELECT CONCAT(COALESCE(money_fen,'null'), '/', goods) FROM volunteer_donations WHERE donor='物资捐赠$tag'")" "null/书包 20 个"
post /volunteer/donations "$cj" --data-urlencode "donor=x" --data "project_id=$pa" --data amount=1.234 --data pledged_date=2026-06-02
check "a donation with a bad amount is refused (400)" eval 'status_is 400 && body_has "金额格式不正确"'
post /volunteer/donations "$cj" --data-urlencode "donor=x" --data "project_id=$pa" --data "child_id=$c_never" --data amount=1 --data pledged_date=2026-06-02
check "a donation to both a project and a child is refused (400)" status_is 400
post /volunteer/donations "$cj" --data-urlencode "donor=一对一$tag" --data "child_id=$c_never" --data amount=300 --data pledged_date=2026-06-02
check "a one-to-one donation to a child in scope (303)" status_is 303
post /volunteer/donations "$xj" --data-urlencode "donor=x" --data "child_id=$c_never" --data amount=1 --data pledged_date=2026-06-02
check "a donation to a child out of scope answers 404" status_is 404
post "/volunteer/donations/$d1/deliver" "$cj" --data delivered_date=2026-06-10
check "staff confirm delivery (303)" eval 'status_is 303 && [ "$(sql "SELECT CONCAT(status, delivered_date) FROM volunteer_donations WHERE id=$d1")" = delivered2026-06-10 ]'
post "/volunteer/donations/$d1/deliver" "$cj" --data delivered_date=2026-06-11
check "a delivered donation cannot be delivered again (409)" status_is 409
req GET "/volunteer/projects/$pa" -b "$cj"
check "the project shows budget, spending, pledged and delivered as yuan" eval 'status_is 200 && body_has "<dd id=\"budget\">12345.60</dd>" && body_has "<dd id=\"spent\">1000.01</dd>" && body_has "<dd id=\"pledged\">5099.99</dd>" && body_has "<dd id=\"delivered\">5000.00</dd>"'
req GET /volunteer/projects/999999999 -b "$cj"
check "an unknown project answers 404" status_is 404

req GET /volunteer/partner/projects -b "$paj"
check "the partner sees its own organisation's project" eval 'status_is 200 && body_has "春苗助学$tag" && body_lacks "晨光午餐$tag"'
req GET "/volunteer/partner/projects/$pa" -b "$paj"
check "and opens it" eval 'status_is 200 && body_has "<dd id=\"pledged\">5099.99</dd>"'
req GET "/volunteer/partner/projects/$pb" -b "$paj"
check "another organisation's project answers 404" status_is 404
req GET /volunteer/partner/projects -b "$pbj"
check "the other partner sees only its own" eval 'body_has "晨光午餐$tag" && body_lacks "春苗助学$tag"'
req GET /volunteer/projects -b "$paj"
check "a partner cannot reach the staff project pages (403)" status_is 403

req GET /volunteer/reports/donations -b "$cj"
check "the donations report shows received and delivered for the project" eval 'status_is 200 && body_has "春苗助学$tag" && body_has ">5099.99<" && body_has ">5000.00<"'
req GET /volunteer/reports/donations.csv -b "$cj"
check "the CSV has the project's row in yuan" eval 'status_is 200 && grep -q "按项目,春苗助学$tag,$oaname,3,5099.99,5000.00,1" "$OUT/body"'
check "and the organisation's row" grep -q "按组织,,$oaname,3,5099.99,5000.00,1" "$OUT/body"
req GET /volunteer/reports/donations -b "$paj"
check "a partner cannot see the donations report (403)" status_is 403

rm -f "$CLOCK_FILE"
