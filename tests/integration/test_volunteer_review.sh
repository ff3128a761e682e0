# Adversarial review of the partner features (社会组织与志愿服务): each
# section is a problem found in review and the behaviour that fixes it.
# Independent and re-runnable: its organisations, users and children have
# unique names.  The clock is set to 2026-04-15 with CLOCK_FILE and removed
# at the end.
CTL="build/portalctl --config $TEST_DIR/portal.conf"
PW='Xyz#2026portal'
tag=$(date +%s%N | tail -c 7)
post() { # post JAR PATH [curl args]
    local jar=$1 path=$2; shift 2
    req POST "$path" -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf "$jar")" "$@"
}
mkdir -p "$(dirname "$CLOCK_FILE")"; echo 2026-04-15 >"$CLOCK_FILE"

$CTL user add "rvc$tag" --display-name 县民政局复核 --role county_staff --division 500242000000 --org mz --password "$PW" >/dev/null
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
cj=$(login "rvc$tag" "$PW" "$OUT/jar.rc")
tj=$(login township 'Town#2026portal' "$OUT/jar.rt")

# an approved organisation serving 龙潭镇, its partner, a volunteer and a child assigned
ocode="ngo_rv$tag"
post "$cj" /volunteer/orgs --data "code=$ocode" --data-urlencode "name=复核志愿队$tag" --data "reg_no=RVW$tag" \
    --data-urlencode "contact_name=赵" --data contact_phone=13800000009 --data "areas=500242101000"
vorg=$(loc_id /volunteer/orgs)
post "$cj" "/volunteer/orgs/$vorg/status" --data status=approved
check "the review's organisation is approved" same "$(sql "SELECT status FROM volunteer_orgs WHERE id=$vorg")" approved
$CTL user add "rvp$tag" --display-name 复核队员 --role ngo_partner --division 500242000000 --org "$ocode" --password "$PW" >/dev/null
pj=$(login "rvp$tag" "$PW" "$OUT/jar.rp")
post "$pj" /volunteer/partner/volunteers --data-urlencode "name=复核志愿者$tag"
v1=$(sql "SELECT id FROM volunteers WHERE name='复核志愿者$tag'")
cname="复核儿童$tag"
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('$cname', 2, '2014-06-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
cid=$(sql "SELECT id FROM children WHERE name='$cname'")
post "$cj" "/volunteer/orgs/$vorg/assign" --data "child_id=$cid" --data-urlencode "service_type=陪伴关爱" \
    --data start_date=2026-04-01 --data end_date=2026-12-31
check "the child is assigned to the organisation" same "$(sql "SELECT COUNT(*) FROM volunteer_assignments WHERE vorg_id=$vorg AND child_id=$cid")" 1

# ---- 1. the township verifies what it saw: a log the partner corrects (or
# adds a photo to) after the verify page was shown is not verified unseen
post "$pj" "/volunteer/partner/children/$cid/logs" --data service_date=2026-04-10 --data minutes=60 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
lid=$(sql "SELECT id FROM volunteer_logs WHERE child_id=$cid ORDER BY id DESC LIMIT 1")
check "the partner logs a 60-minute service" same "$(sql "SELECT CONCAT(minutes, '/', status) FROM volunteer_logs WHERE id=$lid")" "60/submitted"
req GET /volunteer/verify -b "$tj"
seen=$(grep -F "/volunteer/verify/logs/$lid\"" "$OUT/body" | grep -F 'value="verify"' |
       sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' | head -n1)
check "the verify form carries the version the township was shown" eval '[ -n "$seen" ]'
post "$pj" "/volunteer/partner/logs/$lid/edit" --data service_date=2026-04-10 --data minutes=1440 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
check "meanwhile the partner raises the log to 1440 minutes" same "$(sql "SELECT minutes FROM volunteer_logs WHERE id=$lid")" 1440
post "$tj" "/volunteer/verify/logs/$lid" --data action=verify --data "version=$seen"
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
post "$tj" "/volunteer/verify/logs/$lid" --data action=verify --data "version=$seen2"
check "a photo added since the page was shown also needs a fresh look (409)" \
    eval 'status_is 409 && same "$(sql "SELECT status FROM volunteer_logs WHERE id=$lid")" submitted'
req GET /volunteer/verify -b "$tj"
seen3=$(grep -F "/volunteer/verify/logs/$lid\"" "$OUT/body" | grep -F 'value="verify"' |
        sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' | head -n1)
post "$tj" "/volunteer/verify/logs/$lid" --data action=verify --data "version=$seen3"
check "the current version is verified (303)" \
    eval 'status_is 303 && same "$(sql "SELECT CONCAT(status, '"'"'/'"'"', minutes) FROM volunteer_logs WHERE id=$lid")" "verified/1440"'
check "once audited" same "$(audits volunteer.log.verify "$lid")" 1

rm -f "$CLOCK_FILE"
