# Issues 11-15 gaps, rehab: a suspected result of a registered child goes
# straight to the default diagnosing hospital (the dated setting
# diagnosis_hospital), so the county need not pick one; that hospital's
# staff see the referral.  A certificate writes the child's disability
# through the host (child_core_set: on the timeline as file.core).
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
today=$(today_cn)
TOWN=500242101000
V1=500242101001
is() { [ "$1" = "$2" ] || { echo "    got: $1" | head -3; return 1; }; }
. "$ROOT/modules/rehab/tests/rehab_lib.sh"
rm -f "$CLOCK_FILE"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('rg_h$tag', '默认医院$tag', 'hospital', '500242000000')"
hosp=$(sql "SELECT id FROM orgs WHERE code='rg_h$tag'")
add_user "rgc$tag" --display-name 县残联 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "rgh$tag" --display-name 默认医院医生 --role org_staff --division 500242000000 --org "rg_h$tag" --password "$PW"
cj=$(login "rgc$tag" "$PW" "$OUT/jar.rgc")
hj=$(login "rgh$tag" "$PW" "$OUT/jar.rgh")
new_child() { # NAME BIRTH -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '$2', '$TOWN', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
a=$(new_child "默认转介童$tag" 2023-03-04)
b=$(new_child "正常童$tag" 2022-06-01)

# ---- the default diagnosing hospital
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('rehab', 'diagnosis_hospital', '2000-01-01', 'rg_h$tag', 1, UTC_TIMESTAMP())"
form /rehab/rounds "$cj" "org=$hosp" "township=$TOWN" "day=$today" "place=龙潭镇卫生院$tag"
round=$(loc_id /rehab/rounds)
form "/rehab/rounds/$round/grid" "$cj" "child=$a" "child=$b" "d_hearing=$a"
check "a suspected result goes to the default hospital at once: the referral and the link" is \
    "$(sql "SELECT f.org_id, f.kind, f.status FROM rehab_referrals f JOIN rehab_screenings x ON x.id=f.screening_id WHERE x.round_id=$round AND x.child_id=$a"):$(sql "SELECT COUNT(*) FROM child_org_links WHERE child_id=$a AND org_id=$hosp AND relation='referred' AND ended_at IS NULL")" \
    "$(printf '%s\tdiagnosis\treferred' "$hosp"):1"
check "... a normal result is not referred" is "$(sql "SELECT COUNT(*) FROM rehab_referrals WHERE child_id=$b")" 0
check "... the grid says so" eval 'req GET /rehab -b "$cj"; body_has "1 名已自动转介默认诊断医院"'
req GET /rehab/referrals -b "$hj"
check "the default hospital's staff see the referral" body_has "默认转介童$tag"
sql "DELETE FROM setting_values WHERE module='rehab' AND code='diagnosis_hospital' AND value='rg_h$tag'"

# ---- the disability through the host
c=$(new_child "持证童$tag" 2016-05-05)
n1="5002422016050500${tag:0:2}41"
form "/rehab/children/$c/certificate" "$cj" "number=$n1" category=hearing grade=3 "issued=$today"
check "a certificate writes the disability through the host, on the timeline" is \
    "$(sql "SELECT CONCAT(disability_type, disability_grade) FROM children WHERE id=$c"):$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c AND module='rehab' AND kind='file.core' AND summary LIKE '%残疾类别：无 → 听力残疾%'")" \
    "hearing3:1"
check "... audited" eval '[ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action=\"child.file.core\" AND object_id=\"$c\"")" = 1 ]'
