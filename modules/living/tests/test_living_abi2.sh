# living on ABI 2 (issue 9): typed path arguments answer 404 before the
# handler runs; the objects a route is about (an application, a child, a
# grant) answer an audited 404 outside the user's scope, the same page as
# an object that does not exist; a refused action leaves nothing of what was
# typed with it (the host's transaction); a form that fails shows each
# error beside its field with what the user typed; labels are the type's
# own (an orphan's 机构集中养育, not the 机构养育 of a de-facto-unsupported
# child).  The clock is set with CLOCK_FILE and removed at the end.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001 # 龙潭镇第一村
denials() { sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='$1' AND object_id='$2'"; }
NOT_FOUND="页面不存在，或您无权查看。"
set_clock 2026-03-02

add_user "ac_$tag" --display-name 县民政局 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "ao_$tag" --display-name 他镇 --role township_staff --division 500242102000 --org mz --password "$PW"
add_user "ap_$tag" --display-name 他镇发放 --role county_staff --division 500242102000 --org mz --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.t")
cj=$(login "ac_$tag" "$PW" "$OUT/jar.c")
oj=$(login "ao_$tag" "$PW" "$OUT/jar.o")
pj=$(login "ap_$tag" "$PW" "$OUT/jar.p")

c1=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at) VALUES ('二版童$tag', 1, '2016-05-01', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
g1=$(sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, recheck_every_months, next_recheck, created_at) VALUES ($c1, 'dibao', 'rural', '2026-01-01', 12, '2026-03-10', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")

# ---- typed path arguments: a malformed one is 404 before the handler
for path in /living/applications/abc /living/applications/0 /living/applications/12x \
            /living/children/-1 /living/children/1.5 /living/payments/2026-13 \
            /living/payments/2026-3 /living/payments/abcd-ef/summary /living/payments/2026-02-01/bank.csv; do
    req GET "$path" -b "$cj"
    check "GET $path: 404" eval 'status_is 404 && body_has "$NOT_FOUND"'
done
post /living/grants/x1/suspend "$cj" --data month=2026-03 --data-urlencode reason=测试
check "POST /living/grants/x1/suspend: 404" status_is 404
post "/living/rechecks/1e3" "$tj" --data-urlencode result=测试
check "POST /living/rechecks/1e3: 404" status_is 404

# ---- objects of the route outside the user's scope: the audited 404
req GET "/living/children/$c1" -b "$oj"
check "another township's child: 404, the page of an absent one" eval 'status_is 404 && body_has "$NOT_FOUND"'
check "... audited as a denial of the child" same "$(denials child "$c1")" 1
req GET "/living/children/999999999" -b "$oj"
check "an absent child: the same 404" eval 'status_is 404 && body_has "$NOT_FOUND"'
req GET "/living/children/$c1" -b "$cj"
check "in scope the child's page opens" eval 'status_is 200 && body_has "基本生活保障：二版童$tag"'
check "with the grant's benefit by its label" grep -q "<td[^>]*>低保</td>" "$OUT/body"
check "and the read is audited" same "$(audits living.child.read "$c1")" 1
post "/living/rechecks/$g1" "$oj" --data-urlencode result=家庭情况无变化
check "a re-check of another township's grant: 404" status_is 404
check "... audited as a denial of the grant" same "$(denials living_grant "$g1")" 1
check "... and the next re-check did not move" same "$(sql "SELECT next_recheck FROM living_grants WHERE id=$g1")" 2026-03-10
post "/living/grants/$g1/suspend" "$pj" --data month=2026-04 --data-urlencode reason=外出
check "a suspension of another township's grant: 404" status_is 404
check "... audited" same "$(denials living_grant "$g1")" 2
check "... and nothing suspended" same "$(sql "SELECT COUNT(*) FROM living_suspensions WHERE grant_id=$g1")" 0
post "/living/rechecks/999999999" "$tj" --data-urlencode result=无
check "a re-check of an absent grant: 404" eval 'status_is 404 && body_has "$NOT_FOUND"'

# ---- a form that fails: each error beside its field, what was typed kept
post /living/apply "$tj" --data "child=$c1" --data "benefit=temporary" --data "subtype=rural" \
    --data "amount=0" --data-urlencode "household_note=父母外出务工$tag"
check "a wrong application is refused (400)" status_is 400
check "the subtype's error is shown by the field" body_has '<span class="field-error" role="alert">请选择与保障类型相符的类别。</span>'
check "and the amount's" body_has "临时救助须填写救助金额（元，最多两位小数，大于 0）。"
check "what was typed is kept" body_has "父母外出务工$tag"
check "and nothing was started" same "$(sql "SELECT COUNT(*) FROM wf_applications WHERE child_id=$c1")" 0

# ---- an orphan application: the category by the type's own labels
post /living/apply "$tj" --data "child=$c1" --data "benefit=orphan" --data "subtype=institutional"
check "an orphan application is submitted (303)" status_is 303
a1=$(loc_id /living/applications)
req GET "/living/applications/$a1" -b "$tj"
check "its category is the orphan's 机构集中养育" body_has "<dt>类别</dt><dd>机构集中养育</dd>"

# ---- the host's transaction: a refused action keeps nothing typed with it
post /living/apply "$tj" --data "child=$c1" --data "benefit=dibao" --data "subtype=rural"
a2=$(loc_id /living/applications)
post "/living/applications/$a2/act" "$tj" --data action=approve --data wf_confirm=1
check "the township accepts the 低保 application" same "$(sql "SELECT step_code FROM wf_applications WHERE id=$a2")" investigate
post "/living/applications/$a2/act" "$cj" --data action=approve --data wf_confirm=1 --data visit_date=2026-03-01 \
    --data-urlencode "visit_findings=县里代填$tag"
check "the county cannot pass the township's investigation (403)" status_is 403
check "the refusal says why, on the application's page" body_has '<p class="form-error" role="alert">'
check "the home visit typed with it was not kept" same "$(sql "SELECT COUNT(*) FROM living_applications WHERE app_id=$a2 AND visit_date IS NOT NULL")" 0
check "the refusal is audited" [ "$(audits living.act.refused "$a2")" -ge 1 ]

rm -f "$CLOCK_FILE"
for j in "$tj" "$cj" "$oj" "$pj"; do post /logout "$j"; done
