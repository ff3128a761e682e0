# Route objects and typed path arguments (ABI 2, issue 9) in the volunteer
# module: a malformed {id:int} is a 404 before any handler runs; an object
# outside the user's jurisdiction, or not the partner's own, is a 404 whose
# denial is audited (the loader's object type and id), and nothing changes;
# the same object in scope still works.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
denied() { # USER OBJECT_TYPE OBJECT_ID -> the number of audited denials
    sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND username='$1' AND object_type='$2' AND object_id='$3'"
}

# ---- fixtures: an approved organisation serving 龙潭镇, a 龙潭镇 child
# assigned to it with a submitted log, a foster offer for 龙潭镇
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('ngo_ob$tag', '对象测试社工$tag', 'ngo', '500242000000')"
sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, created_at, created_by)
     SELECT id, 'OB$tag', '李', '1', 'approved', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='ngo_ob$tag'"
vorg=$(sql "SELECT v.id FROM volunteer_orgs v JOIN orgs o ON o.id=v.org_id WHERE o.code='ngo_ob$tag'")
sql "INSERT INTO volunteer_org_areas (vorg_id, township_code) VALUES ($vorg, '500242101000')"
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('对象测试童$tag', 2, '2015-04-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
cid=$(sql "SELECT id FROM children WHERE name='对象测试童$tag'")
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('对象未指派童$tag', 1, '2014-04-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
other=$(sql "SELECT id FROM children WHERE name='对象未指派童$tag'")
sql "INSERT INTO volunteer_assignments (child_id, vorg_id, service_type, start_date, end_date, created_at, created_by)
     VALUES ($cid, $vorg, '学业辅导', '2020-01-01', '2099-12-31', UTC_TIMESTAMP(), 1)"
aid=$(sql "SELECT id FROM volunteer_assignments WHERE child_id=$cid AND vorg_id=$vorg")
sql "INSERT INTO volunteer_logs (assignment_id, child_id, vorg_id, service_date, minutes, service_type, status, created_at, created_by, updated_at)
     VALUES ($aid, $cid, $vorg, '2020-01-10', 60, '学业辅导', 'submitted', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
lid=$(sql "SELECT id FROM volunteer_logs WHERE assignment_id=$aid")
sql "INSERT INTO volunteer_care_offers (offerer_kind, offerer, contact_name, contact_phone, kind, area_code, capacity, status, created_at, created_by)
     VALUES ('family', '对象测试家庭$tag', '王', '1', 'foster', '500242101000', 2, 'open', UTC_TIMESTAMP(), 1)"
fid=$(sql "SELECT id FROM volunteer_care_offers WHERE offerer='对象测试家庭$tag'")

# users: staff who manage and verify in 麻旺镇 only, the same in 龙潭镇, the partner
sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
add_user "obm$tag" --display-name 麻旺镇管理 --role county_staff --division 500242102000 --org mw_gov --password "$PW"
add_user "obl$tag" --display-name 龙潭镇管理 --role county_staff --division 500242101000 --org mz --password "$PW"
sql "INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u JOIN roles r ON r.code='township_staff'
     WHERE u.username IN ('obm$tag', 'obl$tag')"
add_user "obp$tag" --display-name 对象测试伙伴 --role ngo_partner --division 500242000000 --org "ngo_ob$tag" --password "$PW"
mj=$(login "obm$tag" "$PW" "$OUT/jar.om")
lj=$(login "obl$tag" "$PW" "$OUT/jar.ol")
pj=$(login "obp$tag" "$PW" "$OUT/jar.op")
check "麻旺镇's user holds volunteer.manage and volunteer.verify" \
    same "$(sql "SELECT COUNT(DISTINCT rp.perm) FROM users u JOIN user_roles ur ON ur.user_id=u.id JOIN role_perms rp ON rp.role_id=ur.role_id WHERE u.username='obm$tag' AND rp.perm IN ('volunteer.manage','volunteer.verify')")" 2

# ---- typed arguments: a malformed id never reaches a handler
for path in /volunteer/orgs/abc "/volunteer/orgs/${vorg}x" /volunteer/orgs/0 /volunteer/care/-1 \
    "/volunteer/care/$fid.5" /volunteer/projects/1e3 "/volunteer/logs/$lid/photos/x" \
    /volunteer/partner/children/0x10 /volunteer/volunteers/9999999999999999999/certificate; do
    req GET "$path" -b "$lj"
    check "GET $path: a malformed id is 404" status_is 404
done
post "/volunteer/verify/logs/${lid}abc" "$lj" --data action=verify --data confirm=1
check "POST with a malformed id is 404" status_is 404
check "and the log is still waiting" same "$(sql "SELECT status FROM volunteer_logs WHERE id=$lid")" submitted

# ---- the care offer: 龙潭镇's user opens it, 麻旺镇's gets an audited 404
req GET "/volunteer/care/$fid" -b "$lj"
check "the offer opens for staff of its township (200)" eval 'status_is 200 && body_has "对象测试家庭$tag"'
d0=$(denied "obm$tag" care_offer "$fid")
req GET "/volunteer/care/$fid" -b "$mj"
check "an offer of another township is 404" status_is 404
check "with nothing of it on the page" body_lacks "对象测试家庭$tag"
check "and the denial is audited with the offer" same "$(denied "obm$tag" care_offer "$fid")" "$((d0 + 1))"
post "/volunteer/care/$fid/status" "$mj" --data status=closed
check "closing it from another township is 404" status_is 404
check "the offer is still open" same "$(sql "SELECT status FROM volunteer_care_offers WHERE id=$fid")" open
check "that denial is audited too" same "$(denied "obm$tag" care_offer "$fid")" "$((d0 + 2))"
req GET "/volunteer/care/99999999" -b "$lj"
check "an offer that does not exist is the same 404" status_is 404
check "also audited" same "$(denied "obl$tag" care_offer 99999999)" 1

# ---- verification: the log of a 龙潭镇 child is not 麻旺镇's to verify
d0=$(denied "obm$tag" volunteer_log "$lid")
post "/volunteer/verify/logs/$lid" "$mj" --data action=verify --data confirm=1
check "verifying a log outside the township is 404" status_is 404
check "the log is unchanged" same "$(sql "SELECT status FROM volunteer_logs WHERE id=$lid")" submitted
check "nothing is on the child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$cid")" 0
check "the denial is audited with the log" same "$(denied "obm$tag" volunteer_log "$lid")" "$((d0 + 1))"

# ---- the partner: its assigned child opens, another child is an audited 404
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "the partner opens its assigned child (200)" eval 'status_is 200 && body_has "对象测试童$tag"'
req GET "/volunteer/partner/children/$other" -b "$pj"
check "a child not assigned to it is 404" eval 'status_is 404 && body_lacks "对象未指派童$tag"'
check "the denial is audited with the child" same "$(denied "obp$tag" child "$other")" 1
post "/volunteer/partner/children/$other/logs" "$pj" --data service_date=2020-01-10 --data minutes=30 \
    --data-urlencode "service_type=学业辅导"
check "no log for a child not assigned to it (404)" status_is 404
check "no log was written" same "$(sql "SELECT COUNT(*) FROM volunteer_logs WHERE child_id=$other")" 0

# ---- in scope, the route object still does its work
post "/volunteer/verify/logs/$lid" "$lj" --data action=verify --data confirm=1 --data version=0
check "龙潭镇 verifies the log (303)" status_is 303
check "the log is verified" same "$(sql "SELECT status FROM volunteer_logs WHERE id=$lid")" verified
check "the verification is on the child's timeline, once" \
    same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$cid AND module='volunteer' AND kind='volunteer.verify'")" 1
post "/volunteer/assignments/$aid/end" "$lj"
check "龙潭镇 ends the assignment (303)" status_is 303
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "the partner's access ends with it (404)" status_is 404

# ---- the route object's row is locked for the request (a POST's loader
# reads it FOR UPDATE, which opens the host's transaction): five matches
# sent at once to an offer with two places give two matches, never more
sql "INSERT INTO volunteer_care_offers (offerer_kind, offerer, contact_name, contact_phone, kind, area_code, capacity, status, created_at, created_by)
     VALUES ('org', '并发测试机构$tag', '赵', '1', 'sponsor', '500242101000', 2, 'open', UTC_TIMESTAMP(), 1)"
rid=$(sql "SELECT id FROM volunteer_care_offers WHERE offerer='并发测试机构$tag'")
kids=""
for i in 1 2 3 4 5; do
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('并发测试童$i$tag', 1, '2016-01-0$i', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
    kids="$kids $(sql "SELECT id FROM children WHERE name='并发测试童$i$tag'")"
done
tok=$(csrf "$lj")
for k in $kids; do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -b "$lj" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
        --data "child_id=$k" --data start_date=2020-02-01 "$BASE/volunteer/care/$rid/match" >>"$OUT/race" &
done
wait
check "two of the five matches are made (303)" same "$(grep -c '^303$' "$OUT/race")" 2
check "the other three are refused as full (409)" same "$(grep -c '^409$' "$OUT/race")" 3
check "the offer holds two active matches" same "$(sql "SELECT COUNT(*) FROM volunteer_care_matches WHERE offer_id=$rid AND end_date IS NULL")" 2
check "and is full" same "$(sql "SELECT status FROM volunteer_care_offers WHERE id=$rid")" matched
