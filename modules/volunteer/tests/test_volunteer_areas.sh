# 社会组织与志愿服务 (issue 5), part three: a project over a village or a
# township (the partner sees the area, never its children; group activities
# with participants, verified by the area's township, counted in hours and
# reports), photos on service logs (typed by content, metadata removed,
# shown only to the partner while its access lasts and to staff in scope),
# correcting care offers and ending a match, correcting donations and
# projects, and donations to a child on the child's timeline.
# The clock is set to 2026-04-15 with CLOCK_FILE and removed at the end.
PW='Xyz#2026portal'
tag=$(date +%s%N | tail -c 7)
upload() { # upload JAR PATH FILE
    req POST "$2" -b "$1" -H "Origin: $BASE" -F "_csrf=$(csrf "$1")" -F "photo=@$3"
}
set_clock 2026-04-15

volunteer_staff a

# an organisation serving 龙潭镇 only, approved, with a partner account and a project
ocode="ngo_a$tag"; oname="山花志愿服务队$tag"
post /volunteer/orgs "$cj" --data "code=$ocode" --data-urlencode "name=$oname" --data "reg_no=AREA$tag" \
    --data-urlencode "contact_name=李队长" --data contact_phone=13800000001 --data "areas=500242101000"
vorg=$(loc_id /volunteer/orgs)
post "/volunteer/orgs/$vorg/status" "$cj" --data status=approved
check "the test organisation is approved" same "$(sql "SELECT status FROM volunteer_orgs WHERE id=$vorg")" approved
add_user "vap$tag" --display-name 山花队员 --role ngo_partner --division 500242000000 --org "$ocode" --password "$PW"
pj=$(login "vap$tag" "$PW" "$OUT/jar.ap")
post /volunteer/partner/volunteers "$pj" --data-urlencode "name=队员甲$tag"
v1=$(sql "SELECT id FROM volunteers WHERE name='队员甲$tag'")
post /volunteer/projects "$cj" --data "vorg_id=$vorg" --data-urlencode "name=乡村儿童之家$tag" \
    --data budget=20000 --data start_date=2026-01-01 --data end_date=2026-12-31
proj=$(loc_id /volunteer/projects)
check "a project of the organisation is registered" same "$(sql "SELECT vorg_id FROM volunteer_projects WHERE id=$proj")" "$vorg"
# a child living in the village, and another organisation's project
vchild="区域村童$tag"
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('$vchild', 1, '2015-05-05', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
vcid=$(sql "SELECT id FROM children WHERE name='$vchild'")
post /volunteer/orgs "$cj" --data "code=ngo_b$tag" --data-urlencode "name=别家组织$tag" --data "reg_no=AREB$tag" \
    --data-urlencode "contact_name=王" --data contact_phone=13800000002 --data "areas=500242101000"
vorg2=$(loc_id /volunteer/orgs)
post "/volunteer/orgs/$vorg2/status" "$cj" --data status=approved
post /volunteer/projects "$cj" --data "vorg_id=$vorg2" --data-urlencode "name=别家项目$tag" \
    --data budget=100 --data start_date=2026-01-01 --data end_date=2026-12-31
proj2=$(loc_id /volunteer/projects)

# ---- 1. a project over a village
req GET "/volunteer/orgs/$vorg" -b "$cj"
check "the organisation page offers the village as an area" eval 'body_has "value=\"500242101001\"" && body_has "/volunteer/orgs/$vorg/assign-area"'
check "both assignment forms have their fields (one template macro)" eval 'body_has "<select id=\"f-type\" name=\"service_type\">" && body_has "<select id=\"f-atype\" name=\"service_type\">" && body_has "id=\"f-ato\" name=\"end_date\""'
check "but not a township outside its service areas" body_lacks 'value="500242102001"'
post "/volunteer/orgs/$vorg/assign-area" "$cj" --data area_code=500242000000 --data-urlencode "service_type=陪伴关爱" \
    --data start_date=2026-04-01 --data end_date=2026-09-30
check "the whole county is not an area (400)" eval 'status_is 400 && body_has "不能是整个县"'
post "/volunteer/orgs/$vorg/assign-area" "$cj" --data area_code=500242102001 --data-urlencode "service_type=陪伴关爱" \
    --data start_date=2026-04-01 --data end_date=2026-09-30
check "a village outside the organisation's service areas is refused (409)" status_is 409
post "/volunteer/orgs/$vorg/assign-area" "$cj" --data area_code=999999999999 --data-urlencode "service_type=陪伴关爱" \
    --data start_date=2026-04-01 --data end_date=2026-09-30
check "an unknown area code is refused with a Chinese message (400)" eval 'status_is 400 && body_has "服务区域应为"'
post "/volunteer/orgs/$vorg/assign-area" "$cj" --data area_code=500242101001 --data "project_id=$proj2" \
    --data-urlencode "service_type=陪伴关爱" --data start_date=2026-04-01 --data end_date=2026-09-30
check "another organisation's project is refused (400)" eval 'status_is 400 && body_has "不属于该组织"'
post "/volunteer/orgs/$vorg/assign-area" "$tj" --data area_code=500242101001 --data-urlencode "service_type=陪伴关爱" \
    --data start_date=2026-04-01 --data end_date=2026-09-30
check "township staff cannot assign projects (403)" status_is 403
check "nothing was written by the refusals" same "$(sql "SELECT COUNT(*) FROM volunteer_assignments WHERE vorg_id=$vorg")" 0
post "/volunteer/orgs/$vorg/assign-area" "$cj" --data area_code=500242101001 --data "project_id=$proj" \
    --data-urlencode "service_type=陪伴关爱" --data-urlencode "needs=每周六下午在村儿童之家开展活动" \
    --data start_date=2026-04-01 --data end_date=2026-09-30
check "county staff assign the project over the village (303)" status_is 303
aa=$(sql "SELECT id FROM volunteer_assignments WHERE vorg_id=$vorg AND area_code='500242101001'")
check "the assignment names the area and the project, no child" same "$(sql "SELECT CONCAT(COALESCE(child_id, '-'), '/', project_id) FROM volunteer_assignments WHERE id=$aa")" "-/$proj"
check "the assignment is audited" same "$(audits volunteer.assign.area "$aa")" 1
req GET "/volunteer/orgs/$vorg" -b "$cj"
check "the staff page lists the area assignment" body_has "data-area-assignment=\"$aa\""

req GET /volunteer/partner -b "$pj"
check "the partner's page lists the area project" body_has "/volunteer/partner/areas/$aa"
req GET "/volunteer/partner/areas/$aa" -b "$pj"
check "the partner opens the area page (200) with the needs" eval 'status_is 200 && body_has "每周六下午在村儿童之家开展活动"'
check "which names no child of the village" body_lacks "$vchild"
check "and shows the project" body_has "乡村儿童之家$tag"
check "the view is audited" same "$(audits volunteer.area.view "$aa")" 1
req GET "/volunteer/partner/children/$vcid" -b "$pj"
check "an area assignment opens none of its children (404)" status_is 404
add_user "vbp$tag" --display-name 别家队员 --role ngo_partner --division 500242000000 --org "ngo_b$tag" --password "$PW"
bj=$(login "vbp$tag" "$PW" "$OUT/jar.ap2")
req GET "/volunteer/partner/areas/$aa" -b "$bj"
check "another organisation's partner cannot open the area (404)" status_is 404

# ---- 2. group activities
post "/volunteer/partner/areas/$aa/logs" "$pj" --data service_date=2026-04-11 --data minutes=120 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
check "an activity without its number of participants is refused (400)" eval 'status_is 400 && body_has "参加活动的人数"'
post "/volunteer/partner/areas/$aa/logs" "$pj" --data service_date=2026-03-20 --data minutes=120 --data participants=15 \
    --data-urlencode "service_type=陪伴关爱"
check "an activity before the assignment's period is refused (400)" status_is 400
check "the refusals wrote no log" same "$(sql "SELECT COUNT(*) FROM volunteer_logs WHERE assignment_id=$aa")" 0
post "/volunteer/partner/areas/$aa/logs" "$pj" --data service_date=2026-04-11 --data minutes=120 --data participants=15 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1" --data-urlencode "notes=手工课和阅读"
check "the partner logs a group activity (303)" status_is 303
l1=$(sql "SELECT id FROM volunteer_logs WHERE assignment_id=$aa ORDER BY id LIMIT 1")
check "the log is of the area, with its participants" same "$(sql "SELECT CONCAT(COALESCE(child_id, '-'), '/', area_code, '/', participants, '/', status) FROM volunteer_logs WHERE id=$l1")" "-/500242101001/15/submitted"
post "/volunteer/partner/areas/$aa/logs" "$pj" --data service_date=2026-04-12 --data minutes=60 --data participants=8 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
l2=$(sql "SELECT id FROM volunteer_logs WHERE assignment_id=$aa ORDER BY id DESC LIMIT 1")
post "/volunteer/partner/logs/$l2/edit" "$pj" --data service_date=2026-04-12 --data minutes=90 --data participants=9 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
check "the partner corrects an activity (303 back to the area page)" eval 'status_is 303 && header_has "/volunteer/partner/areas/$aa"'
check "the correction is stored" same "$(sql "SELECT CONCAT(minutes, '/', participants) FROM volunteer_logs WHERE id=$l2")" "90/9"

req GET /volunteer/verify -b "$tj"
check "the area's township sees the activity to verify" eval 'body_has "/volunteer/verify/logs/$l1" && body_has "集体活动，15 人参加"'
req GET /volunteer/verify -b "$mj"
check "another township does not" body_lacks "/volunteer/verify/logs/$l1"
post "/volunteer/verify/logs/$l1" "$mj" --data action=verify --data confirm=1
check "nor can it verify it (404)" status_is 404
post "/volunteer/verify/logs/$l1" "$tj" --data action=verify --data confirm=1
check "the township verifies the activity" eval 'status_is 303 && same "$(sql "SELECT status FROM volunteer_logs WHERE id=$l1")" verified'
check "a group activity is on no child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$vcid AND module='volunteer'")" 0
post "/volunteer/partner/logs/$l1/edit" "$pj" --data service_date=2026-04-11 --data minutes=600 --data participants=15 \
    --data-urlencode "service_type=陪伴关爱"
check "a verified activity cannot be edited (409)" eval 'status_is 409 && same "$(sql "SELECT minutes FROM volunteer_logs WHERE id=$l1")" 120'
req GET "/volunteer/volunteers/$v1/certificate" -b "$pj"
check "the volunteer's hours count the verified activity only (120 minutes)" body_has "120"
check "and not the unverified one" same "$(sql "SELECT SUM(l.minutes) FROM volunteer_log_people p JOIN volunteer_logs l ON l.id=p.log_id WHERE p.volunteer_id=$v1 AND l.status='verified'")" 120
req GET "/volunteer/reports?from=2026-04-01&to=2026-04-30" -b "$cj"
check "the report counts the activity for the organisation with its participants" \
    eval 'grep -q "<td[^>]*>$oname</td><td[^>]* class=\"num\">1</td><td[^>]* class=\"num\">120</td><td[^>]* class=\"num\">0</td><td[^>]* class=\"num\">15</td>" "$OUT/body"'
req GET "/volunteer/reports.csv?from=2026-04-01&to=2026-04-30" -b "$cj"
check "the CSV has the participants column" eval 'body_has "集体活动参加人次" && body_has "按组织,$oname,1,120,0,15"'

# ---- 3. photos on logs
python3 - "$OUT/exif.jpg" "$OUT/plain.png" <<'PY'
import struct, sys, zlib
def seg(m, body): return b'\xff' + bytes([m]) + struct.pack('>H', len(body) + 2) + body
jpg = (b'\xff\xd8' + seg(0xe0, b'JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00')
       + seg(0xe1, b'Exif\x00\x00MM\x00*GPSLatitude 28.84N GPSLongitude 108.77E')
       + seg(0xdb, b'\x00' + bytes(range(1, 65)))
       + seg(0xc0, b'\x08\x00\x01\x00\x01\x01\x01\x11\x00')
       + seg(0xc4, b'\x00' + bytes([0, 1] + [0] * 14) + b'\x00')
       + seg(0xda, b'\x01\x01\x00\x00\x3f\x00') + b'\x12\x34\x56' + b'\xff\xd9')
open(sys.argv[1], 'wb').write(jpg)
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
       + chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00')) + chunk(b'IEND', b''))
open(sys.argv[2], 'wb').write(png)
PY
printf 'just some text, not a photo\n' >"$OUT/fake.jpg"
upload "$pj" "/volunteer/partner/logs/$l2/photos" "$OUT/fake.jpg"
check "a text file named .jpg is refused with a Chinese message (400)" eval 'status_is 400 && body_has "JPEG"'
check "and no photo row is written" same "$(sql "SELECT COUNT(*) FROM volunteer_log_photos WHERE log_id=$l2")" 0
upload "$pj" "/volunteer/partner/logs/$l2/photos" "$OUT/exif.jpg"
check "the partner adds a photo to its activity (303)" status_is 303
ph=$(sql "SELECT id FROM volunteer_log_photos WHERE log_id=$l2 ORDER BY id LIMIT 1")
check "the photo row is typed by content" same "$(sql "SELECT content_type FROM volunteer_log_photos WHERE id=$ph")" image/jpeg
check "the upload is audited" same "$(audits volunteer.photo.add "$l2")" 1
req GET "/volunteer/partner/areas/$aa" -b "$pj"
check "the area page links the photo" body_has "/volunteer/logs/$l2/photos/$ph"
req GET "/volunteer/logs/$l2/photos/$ph" -b "$pj"
check "the partner sees its photo (200, image/jpeg)" eval 'status_is 200 && header_has "Content-Type: image/jpeg"'
check "with the location removed (no Exif, no GPS)" eval '! grep -qa "Exif" "$OUT/body" && ! grep -qa "GPS" "$OUT/body"'
check "the bytes served are those recorded" same "$(sha256sum <"$OUT/body" | cut -d' ' -f1)" "$(sql "SELECT sha256 FROM volunteer_log_photos WHERE id=$ph")"
req GET "/volunteer/logs/$l2/photos/$ph" -b "$tj"
check "the area's township sees it (200)" status_is 200
req GET "/volunteer/logs/$l2/photos/$ph" -b "$mj"
check "another township does not (404)" status_is 404
req GET "/volunteer/logs/$l2/photos/$ph" -b "$bj"
check "nor another organisation's partner (404)" status_is 404
req GET "/volunteer/logs/$l1/photos/$ph" -b "$tj"
check "a photo under another log's id is not found (404)" status_is 404
check "every view is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='volunteer.photo.read' AND detail LIKE 'log=$l2 photo=$ph%'")" 2
for i in 2 3 4 5 6; do upload "$pj" "/volunteer/partner/logs/$l2/photos" "$OUT/plain.png"; done
upload "$pj" "/volunteer/partner/logs/$l2/photos" "$OUT/plain.png"
check "a seventh photo is refused (409)" eval 'status_is 409 && same "$(sql "SELECT COUNT(*) FROM volunteer_log_photos WHERE log_id=$l2")" 6'
upload "$pj" "/volunteer/partner/logs/$l1/photos" "$OUT/plain.png"
check "a verified log takes no more photos (409)" status_is 409
upload "$mj" "/volunteer/partner/logs/$l2/photos" "$OUT/plain.png"
check "staff cannot upload as a partner (403)" status_is 403

# ---- volunteers corrected, or no longer serving
post /volunteer/partner/volunteers "$pj" --data-urlencode "name=队员乙$tag"
v2=$(sql "SELECT id FROM volunteers WHERE name='队员乙$tag'")
post "/volunteer/partner/volunteers/$v2" "$pj" --data-urlencode "name=队员乙$tag" --data phone=13911112222 \
    --data-urlencode "skills=手工"
check "the partner marks a volunteer as no longer serving (303)" status_is 303
check "the volunteer is kept, inactive, with the new phone" same "$(sql "SELECT CONCAT(active, '/', phone, '/', skills) FROM volunteers WHERE id=$v2")" "0/13911112222/手工"
check "the change is audited" same "$(audits volunteer.edit "$v2")" 1
post "/volunteer/partner/areas/$aa/logs" "$pj" --data service_date=2026-04-13 --data minutes=30 --data participants=5 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v2"
check "an inactive volunteer is refused on a new log (400, in Chinese)" eval 'status_is 400 && body_has "已停止服务"'
req GET "/volunteer/partner/areas/$aa" -b "$pj"
check "nor offered on the log form" body_lacks "$v2 队员乙$tag"
post "/volunteer/partner/volunteers/$v1" "$pj" --data-urlencode "name=队员甲$tag"
check "a volunteer named on a submitted log stops serving" same "$(sql "SELECT active FROM volunteers WHERE id=$v1")" 0
post "/volunteer/partner/logs/$l2/edit" "$pj" --data service_date=2026-04-12 --data minutes=90 --data participants=9 \
    --data-urlencode "service_type=陪伴关爱" --data "volunteer_ids=$v1"
check "the log naming them can still be corrected (303)" status_is 303
post "/volunteer/partner/volunteers/$v1" "$pj" --data-urlencode "name=队员甲$tag" --data active=1
check "and the volunteer serves again" same "$(sql "SELECT active FROM volunteers WHERE id=$v1")" 1
post "/volunteer/partner/volunteers/$v1" "$bj" --data-urlencode "name=x" --data active=1
check "another organisation cannot edit the volunteer (404)" eval 'status_is 404 && same "$(sql "SELECT name FROM volunteers WHERE id=$v1")" "队员甲$tag"'

# ---- 4. ending the area assignment ends the partner's access
post "/volunteer/assignments/$aa/end" "$cj"
check "county staff end the area assignment" status_is 303
req GET "/volunteer/partner/areas/$aa" -b "$pj"
check "the partner can no longer open the area (404)" status_is 404
post "/volunteer/partner/areas/$aa/logs" "$pj" --data service_date=2026-04-14 --data minutes=30 --data participants=3 \
    --data-urlencode "service_type=陪伴关爱"
check "nor log activities there (404)" status_is 404
req GET "/volunteer/logs/$l2/photos/$ph" -b "$pj"
check "nor see its photos (404)" status_is 404
req GET "/volunteer/logs/$l2/photos/$ph" -b "$tj"
check "staff in scope still can (200)" status_is 200

# ---- 5. care offers corrected, matches ended
mchild="寄养测试童$tag"
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('$mchild', 2, '2016-06-06', '500242101000', '500242101002', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
mcid=$(sql "SELECT id FROM children WHERE name='$mchild'")
post /volunteer/care "$cj" --data offerer_kind=family --data-urlencode "offerer=寄养家庭$tag" \
    --data-urlencode "contact_name=赵" --data contact_phone=13700000000 --data kind=foster \
    --data area_code=500242101000 --data capacity=1
offer=$(loc_id /volunteer/care)
post "/volunteer/care/$offer/match" "$cj" --data "child_id=$mcid" --data start_date=2026-04-01
check "the child is matched and the offer is full" same "$(sql "SELECT status FROM volunteer_care_offers WHERE id=$offer")" matched
match=$(sql "SELECT id FROM volunteer_care_matches WHERE offer_id=$offer AND child_id=$mcid")
post "/volunteer/care/$offer/edit" "$cj" --data offerer_kind=family --data-urlencode "offerer=寄养家庭$tag（更正）" \
    --data-urlencode "contact_name=赵" --data contact_phone=13700000009 --data kind=foster \
    --data area_code=500242101000 --data capacity=0
check "a capacity of 0 is refused (400)" status_is 400
post "/volunteer/care/$offer/edit" "$cj" --data offerer_kind=family --data-urlencode "offerer=寄养家庭$tag（更正）" \
    --data-urlencode "contact_name=赵" --data contact_phone=13700000009 --data kind=foster \
    --data area_code=500242101000 --data capacity=2
check "county staff correct the offer (303)" status_is 303
check "the correction is stored and the offer has a place again" same "$(sql "SELECT CONCAT(offerer, '/', contact_phone, '/', capacity, '/', status) FROM volunteer_care_offers WHERE id=$offer")" "寄养家庭$tag（更正）/13700000009/2/open"
check "the correction is audited with what it was" eval '[ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='"'"'volunteer.care.edit'"'"' AND object_id='"'"'$offer'"'"' AND detail LIKE '"'"'was offerer=寄养家庭$tag %'"'"'")" = 1 ]'
post "/volunteer/care/$offer/edit" "$mj" --data offerer_kind=family --data-urlencode "offerer=x" \
    --data-urlencode "contact_name=x" --data contact_phone=1 --data kind=foster --data area_code=500242101000 --data capacity=2
check "staff without volunteer.manage cannot correct it (403)" status_is 403
post "/volunteer/care/matches/$match/end" "$cj" --data end_date=2026-03-01 --data-urlencode "reason=转为亲属抚养"
check "a match cannot end before it started (400)" status_is 400
post "/volunteer/care/matches/$match/end" "$cj" --data end_date=2026-04-14 --data-urlencode "reason=转为亲属抚养"
check "county staff end the match (303)" status_is 303
check "the match has its end date and reason" same "$(sql "SELECT CONCAT(end_date, '/', end_reason) FROM volunteer_care_matches WHERE id=$match")" "2026-04-14/转为亲属抚养"
check "the end is on the child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$mcid AND kind='volunteer.care.end'")" 1
post "/volunteer/care/matches/$match/end" "$cj" --data end_date=2026-04-14 --data-urlencode "reason=again"
check "a match ends once (409)" status_is 409
req GET "/children/$mcid" -b "$tj"
check "the child's file shows the match as ended, with its reason" body_has "2026-04-14（转为亲属抚养）"
post "/volunteer/care/$offer/match" "$cj" --data "child_id=$mcid" --data start_date=2026-04-15
check "after the end the child can be matched again" eval 'status_is 303 && same "$(sql "SELECT COUNT(*) FROM volunteer_care_matches WHERE offer_id=$offer AND child_id=$mcid AND end_date IS NULL")" 1'
req GET "/volunteer/care/$offer" -b "$cj"
check "the offer page shows the ended match with its reason" body_has "2026-04-14 结束：转为亲属抚养"

# ---- 6. donations to a child on its timeline; corrections
post /volunteer/donations "$cj" --data-urlencode "donor=爱心企业$tag" --data "child_id=$mcid" --data amount=300.5 --data pledged_date=2026-04-10
check "a donation to the child is registered" status_is 303
don=$(sql "SELECT id FROM volunteer_donations WHERE donor='爱心企业$tag'")
check "the pledge is on the child's timeline" same "$(sql "SELECT summary FROM child_events WHERE child_id=$mcid AND kind='volunteer.donation'")" "受赠：爱心企业$tag 认捐300.50 元"
post "/volunteer/donations/$don/edit" "$cj" --data-urlencode "donor=爱心企业$tag" --data amount=12.345 --data pledged_date=2026-04-10
check "a correction with a bad amount is refused (400)" eval 'status_is 400 && same "$(sql "SELECT money_fen FROM volunteer_donations WHERE id=$don")" 30050'
post "/volunteer/donations/$don/edit" "$cj" --data-urlencode "donor=爱心企业$tag" --data amount=350 \
    --data-urlencode "goods=书包一个" --data pledged_date=2026-04-11
check "county staff correct the pledge (303)" status_is 303
check "the corrected sum is stored in fen" same "$(sql "SELECT CONCAT(money_fen, '/', goods, '/', pledged_date) FROM volunteer_donations WHERE id=$don")" "35000/书包一个/2026-04-11"
check "the correction is on the timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$mcid AND kind='volunteer.donation.edit'")" 1
check "and audited" same "$(audits volunteer.donation.edit "$don")" 1
post "/volunteer/donations/$don/edit" "$mj" --data-urlencode "donor=x" --data amount=1 --data pledged_date=2026-04-11
check "staff without volunteer.manage cannot correct it (403)" status_is 403
post "/volunteer/donations/$don/deliver" "$cj" --data delivered_date=2026-04-15
check "the delivery is on the child's timeline" same "$(sql "SELECT summary FROM child_events WHERE child_id=$mcid AND kind='volunteer.donation.deliver'")" "受赠：爱心企业$tag 捐赠的350.00 元及书包一个已于 2026-04-15 送达"
post "/volunteer/donations/$don/edit" "$cj" --data-urlencode "donor=爱心企业$tag" --data amount=1 --data pledged_date=2026-04-11
check "a delivered donation can no longer be corrected (409)" eval 'status_is 409 && same "$(sql "SELECT money_fen FROM volunteer_donations WHERE id=$don")" 35000'
req GET "/children/$mcid" -b "$tj"
check "the child's file shows the donation on its timeline" body_has "爱心企业$tag 捐赠的350.00 元及书包一个已于 2026-04-15 送达"

post "/volunteer/projects/$proj/edit" "$cj" --data-urlencode "name=乡村儿童之家（二期）$tag" --data budget=25000.5 \
    --data start_date=2026-01-01 --data end_date=2026-12-31
check "county staff correct a project (303)" status_is 303
check "the project's name and budget (fen) are stored" same "$(sql "SELECT CONCAT(name, '/', budget_fen) FROM volunteer_projects WHERE id=$proj")" "乡村儿童之家（二期）$tag/2500050"
post "/volunteer/projects/$proj/edit" "$cj" --data-urlencode "name=x" --data budget=-1 --data start_date=2026-01-01 --data end_date=2026-12-31
check "a negative budget is refused (400)" eval 'status_is 400 && same "$(sql "SELECT budget_fen FROM volunteer_projects WHERE id=$proj")" 2500050'
post "/volunteer/projects/$proj/edit" "$cj" --data-urlencode "name=x" --data budget=1 --data start_date=2026-12-01 --data end_date=2026-01-01
check "a period ending before it starts is refused (400)" status_is 400
check "the project correction is audited" same "$(audits volunteer.project.edit "$proj")" 1
post "/volunteer/projects/$proj/spend" "$cj" --data amount=25000.5 --data spent_on=2026-04-10 --data-urlencode "purpose=活动物资"
req GET "/volunteer/projects/$proj" -b "$cj"
check "spending up to the budget shows no warning" body_lacks 'id="over-budget"'
post "/volunteer/projects/$proj/spend" "$cj" --data amount=100.25 --data spent_on=2026-04-11 --data-urlencode "purpose=交通"
req GET "/volunteer/projects/$proj" -b "$cj"
check "spending beyond the budget is recorded and shown (超出预算 100.25 元)" body_has "超出预算 100.25 元"

# ---- 7. an organisation applies itself (public form, no account)
uscc() { # uscc 17CHARS -> with its GB 32100 check character
    python3 -c '
import sys
a = "0123456789ABCDEFGHJKLMNPQRTUWXY"; c = sys.argv[1]
s = sum(a.index(ch) * pow(3, i, 31) for i, ch in enumerate(c))
print(c + a[(31 - s % 31) % 31])' "$1"
}
reg=$(uscc "5250024${tag}MJ00")
anon="$OUT/jar.anon"; rm -f "$anon"
req GET /volunteer/apply -c "$anon"
check "the application form is public (200) and lists the townships" eval 'status_is 200 && body_has "value=\"500242101000\""'
check "it shows nothing of the registry" body_lacks "区域村童"
atok=$(csrf_of_body)
apost() { req POST /volunteer/apply -b "$anon" -c "$anon" -H "Origin: $BASE" --data-urlencode "_csrf=$atok" "$@"; }
bad="${reg:0:17}0"; [ "$bad" = "$reg" ] && bad="${reg:0:17}1"   # a check character that is wrong
apost --data-urlencode "name=青苗公益$tag" --data "reg_no=$bad" --data-urlencode "contact_name=孙" \
    --data contact_phone=023-75550000 --data area=500242101000
check "a credit code with a wrong check character is refused (400, in Chinese)" eval 'status_is 400 && body_has "统一社会信用代码"'
apost --data-urlencode "name=青苗公益$tag" --data "reg_no=$reg" --data-urlencode "contact_name=孙" \
    --data contact_phone=023-75550000 --data area=500242101001
check "a village is not a service township (400)" status_is 400
apost --data-urlencode "name=青苗公益$tag" --data "reg_no=$reg" --data-urlencode "contact_name=孙" --data contact_phone=023-75550000
check "at least one township is needed (400)" status_is 400
apost --data-urlencode "name=青苗公益$tag" --data "reg_no=$reg" --data-urlencode "contact_name=孙" \
    --data contact_phone=023-75550000 --data area=500242101000 --data-urlencode "area=<b>x"
check "every value of a repeated parameter is validated, not only the first (400)" eval 'status_is 400 && body_has "服务区域的格式不正确"'
req POST /volunteer/apply -b "$anon" -H "Origin: $BASE" --data-urlencode "name=x" --data "reg_no=$reg" \
    --data-urlencode "contact_name=孙" --data contact_phone=1234567 --data area=500242101000
check "a post without the form's token is refused" eval '! status_is 200'
check "the refusals wrote nothing" same "$(sql "SELECT COUNT(*) FROM volunteer_orgs WHERE reg_no='$reg'")" 0
apost --data-urlencode "name=青苗公益$tag" --data "reg_no=$reg" --data-urlencode "contact_name=孙" \
    --data contact_phone=023-75550000 --data area=500242101000 --data area=500242102000 --data-urlencode "service_types=学业辅导"
check "the organisation applies (200, confirmation)" eval 'status_is 200 && body_has "合作申请已提交"'
check "it is a pending, self-applied organisation with both townships" \
    same "$(sql "SELECT CONCAT(v.status, '/', v.self_applied, '/', o.kind, '/', (SELECT COUNT(*) FROM volunteer_org_areas a WHERE a.vorg_id=v.id)) FROM volunteer_orgs v JOIN orgs o ON o.id=v.org_id WHERE v.reg_no='$reg'")" "pending/1/ngo/2"
check "the application is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='volunteer.org.apply' AND detail LIKE 'reg_no=$reg %'")" 1
apost --data-urlencode "name=青苗公益$tag" --data "reg_no=$reg" --data-urlencode "contact_name=孙" \
    --data contact_phone=023-75550000 --data area=500242101000
check "the same credit code cannot apply twice (409)" status_is 409
req GET /volunteer/orgs -b "$cj"
check "county staff see it as 待审核（自行申请）" body_has "青苗公益$tag"
# one address: at most 3 applications an hour
for k in 1 2; do
    apost --data-urlencode "name=同址申请$k$tag" --data "reg_no=$(uscc "5250024${tag}MK0$k")" \
        --data-urlencode "contact_name=李" --data contact_phone=13600000000 --data area=500242101000
done
check "the same address applies three times in an hour" eval 'status_is 200 && same "$(sql "SELECT COUNT(*) FROM volunteer_orgs WHERE reg_no LIKE '"'"'5250024${tag}M%'"'"'")" 3'
apost --data-urlencode "name=同址申请3$tag" --data "reg_no=$(uscc "5250024${tag}MK03")" \
    --data-urlencode "contact_name=李" --data contact_phone=13600000000 --data area=500242101000
check "a fourth from the same address is asked to wait (429, in Chinese)" eval 'status_is 429 && body_has "同一网络一小时内最多提交 3 份申请"'
check "the refusal is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_id='volunteer.apply' AND detail LIKE '429 self-applications from one address%' AND at > UTC_TIMESTAMP() - INTERVAL 5 MINUTE")" -ge 1 ]
check "and nothing was written for it" same "$(sql "SELECT COUNT(*) FROM volunteer_orgs WHERE reg_no='$(uscc "5250024${tag}MK03")'")" 0
# the whole site: at most 100 an hour, counted before the address (so this
# address's three do not decide the answer)
sql "INSERT INTO orgs (code, name, kind, division_code) SELECT CONCAT('fl$tag', seq), 'flood', 'ngo', '500242000000' FROM seq_1_to_100"
sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, self_applied, created_at, created_by)
     SELECT id, CONCAT('FL', code), 'x', '1', 'pending', 1, UTC_TIMESTAMP(), 0 FROM orgs WHERE code LIKE 'fl$tag%'"
reg2=$(uscc "5250024${tag}MJ01")
apost --data-urlencode "name=又一家$tag" --data "reg_no=$reg2" --data-urlencode "contact_name=钱" \
    --data contact_phone=13600000000 --data area=500242101000
check "after 100 applications in an hour the form asks everyone to wait (429)" eval 'status_is 429 && body_has "一小时后"'
sql "UPDATE volunteer_orgs SET created_at = UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE self_applied = 1"

rm -f "$CLOCK_FILE"
