# Issue 13 items 3 and 4, the police's part.  A police station records a
# parent's detention leaving a child without care: the township's protection
# staff get an urgent task at once and the institution a notice; another
# township and an NGO see nothing; the township links the child's file and
# records the temporary care (the task closes); it closes when the parent
# is released.  A township refers failing parents to the police: the child
# is linked to the station, which acknowledges and records the outcome;
# another station cannot.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001
is() { [ "$1" = "$2" ] || { echo "    got: $1" | head -3; return 1; }; }
mkorg() { sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('$1$tag', '$2$tag', '$3', '$4'); SELECT LAST_INSERT_ID();"; }
police=$(mkorg ppol 龙潭派出所 police_station 500242101000)
mkorg ppol2 麻旺派出所 police_station 500242102000 >/dev/null
inst=$(mkorg pwel 县儿童福利院 welfare 500242000000)
mkorg pgov 龙潭镇政府 township 500242101000 >/dev/null
mkorg pngo 护苗社工 ngo 500242000000 >/dev/null
u() { add_user "$1$tag" --display-name "$2" --role "$3" --division "$4" --org "$5$tag" --password "$PW"; }
u pcop 张警官 org_staff 500242101000 ppol
u pcop2 麻旺警官 org_staff 500242102000 ppol2
u pwk 龙潭镇保护专干 protection_worker 500242101000 pgov
u pwk2 麻旺镇保护专干 protection_worker 500242102000 pgov
u pngo 社工 org_staff 500242000000 pngo
for x in cop cop2 wk wk2 ngo; do eval "${x}j=\$(login p$x$tag \"\$PW\" \"\$OUT/jar.$x\")"; done
child=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('羁押童$tag', 1, '2017-08-09', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
set_clock "2026-12-04 03:00:00"

# ---- detention
post /guardianship/detentions "$copj" --data-urlencode "child_desc=孙小明，8岁" --data "place=$V1" --data kind=criminal
check "without the parent and the date: refused, nothing written" eval 'status_is 400 && body_has "请填写被羁押的父（母）姓名" && [ "$(sql "SELECT COUNT(*) FROM gd_detentions WHERE police_org_id=$police")" = 0 ]'
post /guardianship/detentions "$wkj" --data-urlencode "child_desc=x" --data "place=$V1" --data kind=criminal
check "only a police station records a detention" eval 'status_is 403'
post /guardianship/detentions "$copj" --data-urlencode "child_desc=孙小明，8岁，独自在家$tag" --data "place=$V1" \
    --data-urlencode "parent_name=孙某" --data kind=criminal --data start_date=2026-12-03 --data "institution=$inst"
did=$(loc_id /guardianship/detentions)
check "the station records the detention" eval 'status_is 303 && [ -n "$did" ]'
check "... the township's urgent task at once (24 h), the institution's notice" is \
    "$(sql "SELECT t.level, t.division_code, t.due_at, t.status FROM gd_detentions d JOIN urgent_tasks t ON t.id=d.task_id WHERE d.id=$did"):$(sql "SELECT COUNT(*) FROM notices WHERE org_id=$inst AND object_id='$did'")" \
    "$(printf 'township\t%s\t2026-12-05 03:00:00\topen' "$V1"):1"
check "... the child's description stored encrypted" is "$(sql "SELECT LOCATE(BINARY '孙小明', child_desc_enc) FROM gd_detentions WHERE id=$did")" 0
req GET "/guardianship/detentions/$did" -b "$wk2j"
check "another township: 404" status_is 404
req GET "/guardianship/detentions/$did" -b "$ngoj"
check "an NGO: 404" status_is 404
req GET "/guardianship/detentions/$did" -b "$wkj"
check "the township reads it (audited)" eval 'status_is 200 && body_has "孙小明，8岁，独自在家$tag" && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action=\"guardianship.detention.read\" AND object_id=\"$did\"")" = 1 ]'
post "/guardianship/detentions/$did/close" "$wkj" --data end_reason=released --data end_date=2026-12-10
check "it cannot close before the care is recorded (409)" status_is 409
post "/guardianship/detentions/$did/care" "$wkj" --data "child=$child" --data-urlencode "care=由福利院临时照料$tag"
check "the township links the file and records the temporary care; the task closes" is \
    "$(sql "SELECT d.child_id, t.status FROM gd_detentions d JOIN urgent_tasks t ON t.id=d.task_id WHERE d.id=$did")" "$(printf '%s\tclosed' "$child")"
post "/guardianship/detentions/$did/close" "$copj" --data end_reason=released --data end_date=2026-12-10
check "the station closes it when the parent is released" is "$(sql "SELECT status, end_reason, end_date FROM gd_detentions WHERE id=$did")" "$(printf 'closed\treleased\t2026-12-10')"

# ---- liability referral
post /guardianship/referrals "$wkj" --data "child=$child" --data "police_org=$police" --data referred_on=2026-12-04 --data-urlencode "facts="
check "a referral without the facts is refused" eval 'status_is 400 && [ "$(sql "SELECT COUNT(*) FROM gd_referrals WHERE child_id=$child")" = 0 ]'
post /guardianship/referrals "$wk2j" --data "child=$child" --data "police_org=$police" --data referred_on=2026-12-04 --data-urlencode "facts=长期不管"
check "another township cannot refer the child (404)" status_is 404
post /guardianship/referrals "$wkj" --data "child=$child" --data "police_org=$police" --data referred_on=2026-12-04 --data-urlencode "facts=母亲长期将孩子独留家中$tag"
fid=$(sql "SELECT id FROM gd_referrals WHERE child_id=$child")
check "the township refers the parents to the station; the child linked to it" eval 'status_is 303 && [ -n "$fid" ] && [ "$(sql "SELECT COUNT(*) FROM child_org_links WHERE child_id=$child AND org_id=$police AND relation=\"report\" AND ended_at IS NULL")" = 1 ]'
req GET /guardianship/referrals -b "$copj"
check "the station lists it with the facts" eval 'body_has "id=\"referral-$fid\"" && body_has "母亲长期将孩子独留家中$tag"'
req GET /guardianship/referrals -b "$cop2j"
check "another station does not" body_lacks "id=\"referral-$fid\""
post "/guardianship/referrals/$fid/ack" "$cop2j"
check "... nor can it acknowledge (404)" eval 'status_is 404 && [ -z "$(sql "SELECT ack_at FROM gd_referrals WHERE id=$fid" | grep -v NULL)" ]'
post "/guardianship/referrals/$fid/ack" "$copj"
post "/guardianship/referrals/$fid/outcome" "$copj" --data-urlencode "outcome=对孙某予以训诫，责令接受家庭教育指导"
check "the station acknowledges and records the outcome" is \
    "$(sql "SELECT ack_at IS NOT NULL, outcome FROM gd_referrals WHERE id=$fid")" "$(printf '1\t对孙某予以训诫，责令接受家庭教育指导')"
req GET /guardianship/referrals -b "$wkj"
check "the township sees the outcome" body_has "对孙某予以训诫"

rm -f "$CLOCK_FILE"
