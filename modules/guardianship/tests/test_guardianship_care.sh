# Issue 13 items 1, 2, 7: placements and legal guardianship as dated history.
# Civil affairs becomes temporary guardian (art. 92, its situation and basis
# required; the review date from the setting; the child enters the
# guardianship category); the child lives in an institution; a new placement
# ends the open one the day before; adoption makes the adoptive parents the
# guardians, ends the state's guardianship and the categories that depended
# on it (orphan, guardianship), on the timeline; who was the guardian on a
# date is answered; another township cannot touch it; the county's
# statistics list the children under state guardianship.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001
is() { [ "$1" = "$2" ] || { echo "    got: $1" | head -3; return 1; }; }
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('cwel$tag', '县儿童福利院$tag', 'welfare', '500242000000'), ('cgov$tag', '县民政局$tag', 'dept_civil', '500242000000')"
inst=$(sql "SELECT id FROM orgs WHERE code='cwel$tag'")
add_user "ccty$tag" --display-name 县未保中心 --role protection_county --division 500242000000 --org "cgov$tag" --password "$PW"
add_user "cmw$tag" --display-name 麻旺镇民政 --role county_staff --division 500242102000 --org "cgov$tag" --password "$PW"
cj=$(login "ccty$tag" "$PW" "$OUT/jar.c"); mj=$(login "cmw$tag" "$PW" "$OUT/jar.m")
child=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('监护童$tag', 2, '2014-06-07', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($child, 'orphan', '父母死亡证明', '2024-01-01', 1)"
set_clock 2026-12-03

post "/guardianship/children/$child/guardians" "$cj" --data kind=civil_temporary --data-urlencode "guardian=酉阳县民政局" --data start_date=2025-03-01
check "temporary guardianship without its art. 92 situation and basis is refused" eval 'status_is 400 && [ "$(sql "SELECT COUNT(*) FROM gd_guardians WHERE child_id=$child")" = 0 ]'
post "/guardianship/children/$child/guardians" "$cj" --data kind=civil_temporary --data-urlencode "guardian=酉阳县民政局" \
    --data situation=guardian_missing --data basis=court --data-urlencode "basis_note=(2025)渝0242民特12号" --data "org=$inst" --data start_date=2025-03-01
check "civil affairs becomes temporary guardian: court designation, review in 180 days" is \
    "$(sql "SELECT kind, situation, basis, review_due, IFNULL(end_date, '-') FROM gd_guardians WHERE child_id=$child")" \
    "$(printf 'civil_temporary\tguardian_missing\tcourt\t2025-08-28\t-')"
check "... the child enters the guardianship category" is "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$child AND category='guardianship' AND end_date IS NULL")" 1
post "/guardianship/children/$child/placements" "$cj" --data kind=institution --data "org=$inst" --data start_date=2025-03-01
post "/guardianship/children/$child/placements" "$cj" --data kind=foster --data-urlencode "carer=何家（寄养家庭）" --data start_date=2025-02-01
check "a placement starting before the open one is refused (409)" status_is 409
post "/guardianship/children/$child/placements" "$mj" --data kind=relatives --data-urlencode "carer=姑姑" --data start_date=2025-06-01
check "another township cannot record a placement (404)" eval 'status_is 404 && [ "$(sql "SELECT COUNT(*) FROM gd_placements WHERE child_id=$child")" = 1 ]'
gid=$(sql "SELECT id FROM gd_guardians WHERE child_id=$child")
post "/guardianship/guardians/$gid/review" "$cj" --data reviewed_on=2025-08-20 --data-urlencode "conclusion=照料良好，继续临时监护"
check "a periodic review moves the next one 180 days on, kept as history" is \
    "$(sql "SELECT review_due FROM gd_guardians WHERE id=$gid"):$(sql "SELECT conclusion FROM gd_guardian_reviews WHERE guardian_id=$gid")" "2026-02-16:照料良好，继续临时监护"
post "/guardianship/guardians/$gid/review" "$mj" --data reviewed_on=2025-09-20 --data-urlencode "conclusion=越权"
check "another township cannot review it (404)" eval 'status_is 404 && [ "$(sql "SELECT COUNT(*) FROM gd_guardian_reviews WHERE guardian_id=$gid")" = 1 ]'
req GET /guardianship/stats?year=2026 -b "$cj"
check "the statistics list the child under state guardianship" eval 'status_is 200 && body_has "id=\"state-$child\"" && body_has "民政部门临时监护"'

post "/guardianship/guardians/$gid/review" "$cj" --data reviewed_on=2026-11-20 --data-urlencode "conclusion=已被收养"
check "a second review before the adoption" status_is 303
post "/guardianship/children/$child/placements" "$cj" --data kind=adoption --data-urlencode "carer=赵某、钱某夫妇" --data start_date=2026-10-01
check "adoption: the institution's placement ends the day before" is \
    "$(sql "SELECT GROUP_CONCAT(CONCAT(kind, ':', start_date, ':', IFNULL(end_date, '-')) ORDER BY start_date) FROM gd_placements WHERE child_id=$child")" \
    "institution:2025-03-01:2026-09-30,adoption:2026-10-01:-"
check "... the state's guardianship ends (adoption), the adoptive parents are the guardians" is \
    "$(sql "SELECT GROUP_CONCAT(CONCAT(kind, ':', IFNULL(end_date, '-'), ':', IFNULL(end_reason, '-')) ORDER BY start_date) FROM gd_guardians WHERE child_id=$child")" \
    "civil_temporary:2026-09-30:adoption,adoptive:-:-"
check "... the orphan and guardianship categories end, recorded as adoption" is \
    "$(sql "SELECT GROUP_CONCAT(CONCAT(category, ':', end_date, ':', exit_reason) ORDER BY category) FROM child_categories WHERE child_id=$child")" \
    "orphan:2026-10-01:adopted,guardianship:2026-10-01:adopted"
check "... on the timeline" eval '[ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$child AND summary LIKE \"%依法收养%\"")" -ge 2 ]'
post "/guardianship/guardians/$gid/review" "$cj" --data reviewed_on=2026-11-21 --data-urlencode "conclusion=再评估"
check "the ended state guardianship takes no review (409)" status_is 409
# a refused form above came back as the care page: a read of its own
reads0=$(sql "SELECT COUNT(*) FROM audit_log WHERE action='guardianship.child.read' AND object_id='$child'")
req GET "/guardianship/children/$child?on=2026-05-01" -b "$cj"
check "the guardian on 2026-05-01: civil affairs" eval 'status_is 200 && grep -q "id=\"guardian-on\">2026-05-01：民政部门临时监护 酉阳县民政局" "$OUT/body"'
req GET "/guardianship/children/$child?on=2026-11-01" -b "$cj"
check "the guardian on 2026-11-01: the adoptive parents" eval 'grep -q "id=\"guardian-on\">2026-11-01：收养人 赵某、钱某夫妇" "$OUT/body"'
check "... the reads audited" eval '[ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action=\"guardianship.child.read\" AND object_id=\"$child\"")" = $((reads0 + 2)) ]'
req GET /guardianship/stats?year=2026 -b "$cj"
check "the statistics no longer list the adopted child" body_lacks "id=\"state-$child\""
req GET "/guardianship/children/$child" -b "$mj"
check "another township cannot open the child's guardianship page (404)" status_is 404

# ---- long-term guardianship ended because a parent is able again
c2=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('长期监护童$tag', 1, '2012-01-02', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
post "/guardianship/children/$c2/guardians" "$cj" --data kind=civil_long --data-urlencode "guardian=酉阳县民政局" \
    --data basis=revoked --data-urlencode "basis_note=(2024)渝0242民特3号" --data start_date=2024-05-01
g2=$(sql "SELECT id FROM gd_guardians WHERE child_id=$c2")
post "/guardianship/guardians/$g2/end" "$cj" --data end_reason=nonsense --data end_date=2026-11-30
check "ending without a known reason is refused" eval 'status_is 400 && [ "$(sql "SELECT IFNULL(end_date, 0) FROM gd_guardians WHERE id=$g2")" = 0 ]'
post "/guardianship/guardians/$g2/end" "$mj" --data end_reason=parent_able --data end_date=2026-11-30
check "another township cannot end it (404)" status_is 404
post "/guardianship/guardians/$g2/end" "$cj" --data end_reason=parent_able --data end_date=2026-11-30
check "long-term guardianship ends: the parent is able again; the category exits with the reason" is \
    "$(sql "SELECT end_date, end_reason FROM gd_guardians WHERE id=$g2"):$(sql "SELECT CONCAT(end_date, ' ', exit_reason) FROM child_categories WHERE child_id=$c2 AND category='guardianship'")" \
    "$(printf '2026-11-30\tparent_able'):2026-11-30 guardian_able"
post "/guardianship/guardians/$g2/end" "$cj" --data end_reason=adult --data end_date=2026-12-01
check "... once (409)" status_is 409

rm -f "$CLOCK_FILE"
