# Adversarial review of the partner features (社会组织与志愿服务): each
# section is a problem found in review and the behaviour that fixes it.
# Independent and re-runnable: its organisations, users and children have
# unique names.  The clock is set to 2026-04-15 with CLOCK_FILE and removed
# at the end.
PW='Xyz#2026portal'
tag=$(date +%s%N | tail -c 7)
set_clock 2026-04-15

add_user "rvc$tag" --display-name 县民政局复核 --role county_staff --division 500242000000 --org mz --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
cj=$(login "rvc$tag" "$PW" "$OUT/jar.rc")
tj=$(login township 'Town#2026portal' "$OUT/jar.rt")

# an approved organisation serving 龙潭镇, its partner, a volunteer and a child assigned
ocode="ngo_rv$tag"
post /volunteer/orgs "$cj" --data "code=$ocode" --data-urlencode "name=复核志愿队$tag" --data "reg_no=RVW$tag" \
    --data-urlencode "contact_name=赵" --data contact_phone=13800000009 --data "areas=500242101000"
vorg=$(loc_id /volunteer/orgs)
post "/volunteer/orgs/$vorg/status" "$cj" --data status=approved
check "the review's organisation is approved" same "$(sql "SELECT status FROM volunteer_orgs WHERE id=$vorg")" approved
add_user "rvp$tag" --display-name 复核队员 --role ngo_partner --division 500242000000 --org "$ocode" --password "$PW"
pj=$(login "rvp$tag" "$PW" "$OUT/jar.rp")
post /volunteer/partner/volunteers "$pj" --data-urlencode "name=复核志愿者$tag"
v1=$(sql "SELECT id FROM volunteers WHERE name='复核志愿者$tag'")
cname="复核儿童$tag"
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('$cname', 2, '2014-06-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
cid=$(sql "SELECT id FROM children WHERE name='$cname'")
post "/volunteer/orgs/$vorg/assign" "$cj" --data "child_id=$cid" --data-urlencode "service_type=陪伴关爱" \
    --data start_date=2026-04-01 --data end_date=2026-12-31
check "the child is assigned to the organisation" same "$(sql "SELECT COUNT(*) FROM volunteer_assignments WHERE vorg_id=$vorg AND child_id=$cid")" 1

# ---- 1. the township verifies what it saw: a log the partner corrects (or
# adds a photo to) after the verify page was shown is not verified unseen
post "/volunteer/partner/children/$cid/logs" "$pj" --data service_date=2026-04-10 --data minutes=60 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
lid=$(sql "SELECT id FROM volunteer_logs WHERE child_id=$cid ORDER BY id DESC LIMIT 1")
check "the partner logs a 60-minute service" same "$(sql "SELECT CONCAT(minutes, '/', status) FROM volunteer_logs WHERE id=$lid")" "60/submitted"
req GET /volunteer/verify -b "$tj"
seen=$(grep -F "/volunteer/verify/logs/$lid\"" "$OUT/body" | grep -F 'value="verify"' |
       sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' | head -n1)
check "the verify form carries the version the township was shown" eval '[ -n "$seen" ]'
post "/volunteer/partner/logs/$lid/edit" "$pj" --data service_date=2026-04-10 --data minutes=1440 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
check "meanwhile the partner raises the log to 1440 minutes" same "$(sql "SELECT minutes FROM volunteer_logs WHERE id=$lid")" 1440
post "/volunteer/verify/logs/$lid" "$tj" --data action=verify --data confirm=1 --data "version=$seen"
check "verifying the version it saw is refused (409) with a Chinese message" \
    eval 'status_is 409 && body_has "已被社会组织修改"'
check "the log stays unverified" same "$(sql "SELECT status FROM volunteer_logs WHERE id=$lid")" submitted
check "and no verification was audited or put on the timeline" \
    eval 'same "$(audits volunteer.log.verify "$lid")" 0 && same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$cid AND kind='"'"'volunteer.verify'"'"'")" 0'
req GET /volunteer/verify -b "$tj"
check "the refreshed page shows the corrected minutes" eval 'grep -F "/volunteer/verify/logs/$lid\"" "$OUT/body" >/dev/null && body_has "1440"'
seen2=$(grep -F "/volunteer/verify/logs/$lid\"" "$OUT/body" | grep -F 'value="verify"' |
        sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' | head -n1)
printf '\377\330\377\340\000\020JFIF\000\001\001\000\000\001\000\001\000\000\377\331' >"$OUT/p.jpg"
req POST "/volunteer/partner/logs/$lid/photos" -b "$pj" -H "Origin: $BASE" -F "_csrf=$(csrf "$pj")" -F "photo=@$OUT/p.jpg"
check "the partner then adds a photo" eval 'status_is 303 && same "$(sql "SELECT COUNT(*) FROM volunteer_log_photos WHERE log_id=$lid")" 1'
post "/volunteer/verify/logs/$lid" "$tj" --data action=verify --data confirm=1 --data "version=$seen2"
check "a photo added since the page was shown also needs a fresh look (409)" \
    eval 'status_is 409 && same "$(sql "SELECT status FROM volunteer_logs WHERE id=$lid")" submitted'
req GET /volunteer/verify -b "$tj"
seen3=$(grep -F "/volunteer/verify/logs/$lid\"" "$OUT/body" | grep -F 'value="verify"' |
        sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' | head -n1)
post "/volunteer/verify/logs/$lid" "$tj" --data action=verify --data confirm=1 --data "version=$seen3"
check "the current version is verified (303)" \
    eval 'status_is 303 && same "$(sql "SELECT CONCAT(status, '"'"'/'"'"', minutes) FROM volunteer_logs WHERE id=$lid")" "verified/1440"'
check "once audited" same "$(audits volunteer.log.verify "$lid")" 1

# ---- 2. a care offer's places hold even when a full offer is reopened
post /volunteer/care "$cj" --data offerer_kind=family --data-urlencode "offerer=复核寄养家庭$tag" \
    --data-urlencode "contact_name=孙" --data contact_phone=13700000009 --data kind=foster \
    --data area_code=500242101000 --data capacity=1
offer=$(loc_id /volunteer/care)
post "/volunteer/care/$offer/match" "$cj" --data "child_id=$cid" --data start_date=2026-04-12
check "the one place is taken: the offer is full" same "$(sql "SELECT status FROM volunteer_care_offers WHERE id=$offer")" matched
post "/volunteer/care/$offer/status" "$cj" --data status=closed
post "/volunteer/care/$offer/status" "$cj" --data status=open
check "reopened, a full offer stays full" same "$(sql "SELECT status FROM volunteer_care_offers WHERE id=$offer")" matched
check "and the reopening is audited as such" \
    same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='volunteer.care.status' AND object_id='$offer' AND detail='status=matched'")" 1
cname2="复核儿童乙$tag"
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('$cname2', 1, '2016-02-02', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
cid2=$(sql "SELECT id FROM children WHERE name='$cname2'")
sql "UPDATE volunteer_care_offers SET status='open' WHERE id=$offer"   # as an older version left it
post "/volunteer/care/$offer/match" "$cj" --data "child_id=$cid2" --data start_date=2026-04-13
check "a second child is refused by the places, whatever the status says (409)" \
    eval 'status_is 409 && body_has "已满额"'
check "the offer still has one active match for its one place" \
    same "$(sql "SELECT COUNT(*) FROM volunteer_care_matches WHERE offer_id=$offer AND end_date IS NULL")" 1

# ---- 3. an offer's page shows only the matched children within the viewer's jurisdiction
sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
add_user "rvm$tag" --display-name 麻旺镇民政办 --role county_staff --division 500242102000 --org mw_gov --password "$PW"
mj=$(login "rvm$tag" "$PW" "$OUT/jar.rm")
post /volunteer/care "$cj" --data offerer_kind=org --data-urlencode "offerer=麻旺爱心助养$tag" \
    --data-urlencode "contact_name=周" --data contact_phone=13700000008 --data kind=sponsor \
    --data area_code=500242102000 --data capacity=5
offer2=$(loc_id /volunteer/care)
post "/volunteer/care/$offer2/match" "$cj" --data "child_id=$cid" --data start_date=2026-04-12
check "county staff match a 龙潭镇 child to a 麻旺镇 offer" \
    same "$(sql "SELECT COUNT(*) FROM volunteer_care_matches WHERE offer_id=$offer2 AND child_id=$cid")" 1
req GET "/volunteer/care/$offer2" -b "$mj"
check "麻旺镇's manager opens its offer (200)" eval 'status_is 200 && body_has "麻旺爱心助养$tag"'
check "but not the name of the 龙潭镇 child" body_lacks "$cname"
check "nor a link to that child's file" body_lacks "/children/$cid\""
req GET "/volunteer/care/$offer2" -b "$cj"
check "county staff still see the child on the offer" body_has "$cname"

# ---- 4. everything a partner reads is audited, its home page (the names of its children) too
before=$(sql "SELECT COUNT(*) FROM audit_log WHERE action='volunteer.partner.view' AND object_id='$vorg'")
req GET /volunteer/partner -b "$pj"
check "the partner's page lists its assigned child" eval 'status_is 200 && body_has "$cname"'
check "and the read is audited with the children shown" \
    same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='volunteer.partner.view' AND object_id='$vorg' AND detail='children=$cid'")" "$((before + 1))"
req GET /volunteer/partner/projects -b "$pj"
check "the list of its projects is audited too" same "$(audits volunteer.partner.projects "$vorg")" 1

# ---- 5. an organisation whose partnership ended no longer changes its volunteers
post /volunteer/orgs "$cj" --data "code=ngo_rve$tag" --data-urlencode "name=已终止组织$tag" --data "reg_no=RVE$tag" \
    --data-urlencode "contact_name=吴" --data contact_phone=13800000010 --data "areas=500242101000"
vorg3=$(loc_id /volunteer/orgs)
post "/volunteer/orgs/$vorg3/status" "$cj" --data status=approved
add_user "rve$tag" --display-name 终止组织队员 --role ngo_partner --division 500242000000 --org "ngo_rve$tag" --password "$PW"
ej=$(login "rve$tag" "$PW" "$OUT/jar.re")
post /volunteer/partner/volunteers "$ej" --data-urlencode "name=终止组织志愿者$tag" --data phone=13900000011
v3=$(sql "SELECT id FROM volunteers WHERE name='终止组织志愿者$tag'")
post "/volunteer/orgs/$vorg3/status" "$cj" --data status=ended --data-urlencode "reason=协议到期"
check "the organisation's partnership ends" same "$(sql "SELECT status FROM volunteer_orgs WHERE id=$vorg3")" ended
post /volunteer/partner/volunteers "$ej" --data-urlencode "name=新人$tag"
check "it can add no volunteer (409)" eval 'status_is 409 && same "$(sql "SELECT COUNT(*) FROM volunteers WHERE vorg_id=$vorg3")" 1'
post "/volunteer/partner/volunteers/$v3" "$ej" --data-urlencode "name=改名$tag" --data phone=13900000099 --data active=1
check "nor edit one (409, in Chinese)" eval 'status_is 409 && body_has "终止合作"'
check "the volunteer is unchanged" same "$(sql "SELECT CONCAT(name, '/', phone) FROM volunteers WHERE id=$v3")" "终止组织志愿者$tag/13900000011"
check "and nothing was audited as an edit" same "$(audits volunteer.edit "$v3")" 0
check "ending the partnership stops its account management (orgs.active = 0)" \
    same "$(sql "SELECT o.active FROM orgs o JOIN volunteer_orgs v ON v.org_id = o.id WHERE v.id=$vorg3")" 0
add_user "rea$tag" --display-name 终止组织管理员 --role ngo_partner,ngo_admin --division 500242000000 --org "ngo_rve$tag" --password "$PW"
aj=$(login "rea$tag" "$PW" "$OUT/jar.rea")
req GET /org/users -b "$aj"
check "so its partner administrator can manage no account (403)" status_is 403

# ---- 6. a status change takes effect when it is made
post "/volunteer/orgs/$vorg/status" "$cj" --data status=suspended --data-urlencode "reason=整改" --data effective_date=2026-05-01
check "a status change dated in the future is refused (400, in Chinese)" eval 'status_is 400 && body_has "生效日期不能晚于今天"'
check "and the organisation stays approved" same "$(sql "SELECT status FROM volunteer_orgs WHERE id=$vorg")" approved

# ---- 7. a child who leaves the registry's care is no longer served
sql "UPDATE children SET status='exited' WHERE id=$cid"
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "the partner can no longer open a child who exited (404)" status_is 404
req GET /volunteer/partner -b "$pj"
check "nor sees the child on its page" body_lacks "/volunteer/partner/children/$cid\""
post "/volunteer/orgs/$vorg/assign" "$cj" --data "child_id=$cid" --data-urlencode "service_type=陪伴关爱" \
    --data start_date=2026-04-01 --data end_date=2026-12-31
check "an exited child cannot be assigned (409, in Chinese)" eval 'status_is 409 && body_has "已退出保障"'
sql "UPDATE children SET status='active' WHERE id=$cid"

rm -f "$CLOCK_FILE"
