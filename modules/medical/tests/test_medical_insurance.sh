# 慈善保险 (issue 11 item 5) through HTTP: a policy bought with charity
# money, children insured by category, by hand and by import, a claim
# under it with its outcome, the cover on the child's file; refusals.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
new_child() { sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2013-01-01', '500242101000', '500242101002', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"; }
insured() { sql "SELECT COALESCE(MAX(added_how), 'no') FROM medical_policy_children WHERE policy_id=$pol AND child_id=$1"; }
add_user "ics$tag" --display-name 县民政局 --role county_staff --division 500242000000 --org mz --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
cj=$(login "ics$tag" "$PW"); tj=$(login township 'Town#2026portal' "$OUT/jar.it")
set_clock 2026-10-01
g1=$(new_child "孤儿保险$tag"); sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($g1, 'orphan', '测试', '2020-01-01', 1)"
g2=$(new_child "逐个加保$tag"); g3=$(new_child "导入加保$tag"); g4=$(new_child "未参保$tag")

req GET /medical/policies -b "$tj"
check "a township user cannot open the policies (403)" status_is 403
post /medical/policies "$cj" --data-urlencode "insurer=测试保险公司" --data kind=accident --data "policy_no=P$tag" \
    --data start_date=2026-07-01 --data end_date=2026-06-30 --data premium=50 --data-urlencode "funded_by=爱心基金"
check "a policy ending before it starts is refused (400)" status_is 400
check "... with a Chinese message" body_has "止期不早于起期"
post /medical/policies "$cj" --data-urlencode "insurer=测试保险公司" --data kind=accident --data "policy_no=P$tag" \
    --data start_date=2026-07-01 --data end_date=2027-06-30 --data premium=50 --data-urlencode "funded_by=阳光儿童慈善项目（示例）"
check "the county records a policy bought with charity money (303)" status_is 303
pol=$(loc_id /medical/policies)
check "its premium is kept in fen" same "$(sql "SELECT premium_fen FROM medical_policies WHERE id='$pol'")" 5000

post "/medical/policies/$pol/children" "$cj" --data mode=category --data category=orphan
check "children are insured by category (303)" status_is 303
check "... the orphan is insured" same "$(insured "$g1")" category
post "/medical/policies/$pol/children" "$cj" --data mode=hand --data "child=$g2"
check "a child is insured by hand" same "$(insured "$g2")" hand
printf '儿童编号,姓名\n%s,x\n999999999,y\n' "$g3" >"$OUT/bad.csv"
req POST "/medical/policies/$pol/children" -b "$cj" -H "Origin: $BASE" -F "_csrf=$(csrf "$cj")" -F mode=import -F "file=@$OUT/bad.csv;type=text/csv"
check "an import naming an unknown child is refused (400)" status_is 400
check "... naming the row, nothing added" [ "$(insured "$g3")" = no ] && body_has "第 3 行"
printf '儿童编号,姓名\n%s,x\n' "$g3" >"$OUT/ok.csv"
req POST "/medical/policies/$pol/children" -b "$cj" -H "Origin: $BASE" -F "_csrf=$(csrf "$cj")" -F mode=import -F "file=@$OUT/ok.csv;type=text/csv"
check "children are insured by import (303)" status_is 303
check "... the imported child is insured" same "$(insured "$g3")" import

post "/medical/policies/$pol/claims" "$cj" --data "child=$g4" --data event_date=2026-09-01 --data-urlencode "description=摔伤" --data claimed=800
check "a claim for a child not insured is refused (400)" status_is 400
post "/medical/policies/$pol/claims" "$cj" --data "child=$g1" --data event_date=2026-06-01 --data-urlencode "description=摔伤" --data claimed=800
check "a claim before the policy starts is refused (400)" status_is 400
post "/medical/policies/$pol/claims" "$cj" --data "child=$g1" --data event_date=2026-09-01 --data-urlencode "description=骑车摔伤，左臂骨折" --data claimed=800
check "a claim is recorded (303)" status_is 303
claim=$(sql "SELECT id FROM medical_claims WHERE policy_id=$pol AND child_id=$g1")
post "/medical/policies/$pol/claims/$claim" "$cj" --data outcome=paid --data paid=900
check "paying more than claimed is refused (400)" status_is 400
post "/medical/policies/$pol/claims/$claim" "$cj" --data outcome=paid --data paid=750.5
check "the claim's outcome is recorded (303)" status_is 303
check "... paid 750.50 元" same "$(sql "SELECT CONCAT(outcome, '/', paid_fen) FROM medical_claims WHERE id=$claim")" "paid/75050"
check "the claim is on the child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$g1 AND kind IN ('insurance.claim', 'insurance.outcome')")" 2
req GET "/children/$g1" -b "$tj"
check "the child's file shows the current cover" body_has "意外伤害保险（测试保险公司，至 2027-06-30）"
req GET "/children/$g4" -b "$tj"
check "... and none for a child not insured" body_has "慈善购买的商业保险"
rm -f "$CLOCK_FILE"
