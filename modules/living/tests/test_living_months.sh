# Money between months (issue 20 item 3), through Apache: temporary relief
# approved after its month was locked lands in the next open month as back
# pay (补发) - visible as such in the months list, the batch's lines and the
# bank file - and the approver is told by a notice; a month can be prepared
# ahead (the next one) and regenerated until locked; regenerating a locked
# month answers the months page with the reason beside the month, not a bare
# 409; a grant approved after its month was prepared ahead is in it at once.
# Months used: 2030-11 .. 2031-01 (the clock is 2030-12-10), so that the
# other tests' months are untouched.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001
act() { local jar=$1 app=$2; shift 2; post "/living/applications/$app/act" "$jar" --data wf_confirm=1 "$@"; }
app_from_location() { sed -n 's|^Location: /living/applications/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r' | head -n1; }
batch() { sql "SELECT batch_id FROM living_ledger_months WHERE month = '$1-01'"; }
child() { # child NAME CATEGORY -> id (in the category since 2030-01-01)
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '2020-03-01', CONCAT(LEFT('$V1', 9), '000'), '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
for u in "mt1_$tag|龙潭镇经办甲|township_staff|500242101000|lt_gov" "mt2_$tag|龙潭镇经办乙|township_staff|500242101000|lt_gov" \
         "mgen_$tag|县民政局发放|county_staff|500242000000|mz" "mrev_$tag|县民政局复核|county_staff|500242000000|mz" \
         "mlock_$tag|县民政局锁定|county_staff|500242000000|mz" "mdec_$tag|县民政局审批|county_staff|500242000000|mz"; do
    IFS='|' read -r name display role division org <<<"$u"
    add_user "$name" --display-name "$display" --role "$role" --division "$division" --org "$org" --password "$PW"
done
t1=$(login "mt1_$tag" "$PW"); t2=$(login "mt2_$tag" "$PW"); gj=$(login "mgen_$tag" "$PW")
rj=$(login "mrev_$tag" "$PW"); lj=$(login "mlock_$tag" "$PW"); dj=$(login "mdec_$tag" "$PW")
set_clock 2030-12-10
# an orphan already paid (so December has a line), a child for temporary relief
ko=$(child "跨月孤儿$tag")
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($ko, 'orphan', '测试', '2030-01-01', 1)"
sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, created_at) VALUES ($ko, 'orphan', 'scattered', '2030-01-01', UTC_TIMESTAMP())"
kt=$(child "跨月临救$tag")
post "/living/children/$kt/account" "$t1" --data-urlencode payee=临救监护人 --data-urlencode bank=酉阳农商行 --data-urlencode account=6228000099990000

# ---- December generated, reviewed, locked by three people
post /living/payments/generate "$gj" --data month=2030-12
check "December is generated" eval 'status_is 303 && [ -n "$(batch 2030-12)" ]'
post "/payments/batch/$(batch 2030-12)/review" "$rj"
post "/payments/batch/$(batch 2030-12)/lock" "$lj" --data confirm=1
check "December is locked" [ "$(sql "SELECT status FROM pay_batches WHERE id=$(batch 2030-12)")" = locked ]

# ---- regenerating the locked month: a clear page
post /living/payments/generate "$gj" --data month=2030-12
check "regenerating a locked month answers the months page (409) with the reason beside the month" eval 'status_is 409 && body_has "2030-12 的发放名单已锁定，不能重新生成" && body_has "各月发放名单" && body_has "class=\"field-error\""'

# ---- temporary relief approved after its month was locked
post /living/apply "$t1" --data "child=$kt" --data benefit=temporary --data subtype=one_off --data amount=500
a=$(app_from_location)
act "$t2" "$a" --data action=approve
act "$dj" "$a" --data action=approve
check "the county approves the relief in December" eval 'status_is 303 && [ "$(sql "SELECT status FROM wf_applications WHERE id=$a")" = approved ]'
check "it lands in January (opened ahead) as back pay for December" [ "$(sql "SELECT CONCAT(DATE_FORMAT(l.period, '%Y-%m'), ' ', l.amount_fen) FROM pay_lines l WHERE l.batch_id = '$(batch 2031-01)' AND l.child_id = $kt")" = "2030-12 50000" ]
check "... nothing went into the locked December" [ "$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id=$(batch 2030-12) AND child_id=$kt")" = 0 ]
check "the approver is told by a notice" [ "$(sql "SELECT COUNT(*) FROM notices WHERE user_id=(SELECT id FROM users WHERE username='mdec_$tag') AND kind='living.backpay' AND title LIKE '%2030-12 的发放批次已锁定，已作为补发计入 2031-01%'")" = 1 ]
check "... and the child's timeline says so" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$kt AND kind='living.backpay'")" = 1 ]
req GET /living/payments -b "$gj"
check "the months list shows January prepared ahead with one back pay" eval 'grep -A4 "data-month=\"2031-01\"" "$OUT/body" | grep -q "提前生成" && grep -q "data-backpay=\"2031-01\">1<" "$OUT/body"'
req GET "/payments/batch/$(batch 2031-01)" -b "$gj"
check "the batch's lines mark it 补发" eval 'status_is 200 && grep -A8 "跨月临救$tag" "$OUT/body" | grep -q "补发"'

# ---- January prepared ahead, regenerated until locked
post /living/payments/generate "$gj" --data month=2031-01
check "the next month can be generated ahead" eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id=$(batch 2031-01) AND child_id=$ko AND period='"'2031-01-01'"'")" = 1 ]'
n1=$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id=$(batch 2031-01)")
post /living/payments/generate "$gj" --data month=2031-01
check "... and regenerated without doubling a line" eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id=$(batch 2031-01)")" = "$n1" ]'
post /living/payments/generate "$gj" --data month=2031-02
check "two months ahead is refused on the months page" eval 'status_is 400 && body_has "最多只能提前生成下个月（2031-01）"'

# ---- an orphan approved after January was prepared: in January at once
k2=$(child "跨月新孤儿$tag")
post /living/apply "$t1" --data "child=$k2" --data benefit=orphan --data subtype=scattered
a2=$(app_from_location)
act "$t2" "$a2" --data action=approve
act "$dj" "$a2" --data action=approve
check "an orphan approved in December (paid from January) is in the prepared January list" [ "$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id=$(batch 2031-01) AND child_id=$k2 AND period='2031-01-01'")" = 1 ]

# ---- the bank file says which transfer holds back pay
post "/payments/batch/$(batch 2031-01)/review" "$rj"
post "/payments/batch/$(batch 2031-01)/lock" "$lj" --data confirm=1
post "/payments/batch/$(batch 2031-01)/bank" "$lj" --data-urlencode purpose=payment_check
check "the bank file marks the transfer holding back pay" eval 'status_is 200 && body_has "临救监护人,酉阳农商行,6228000099990000,500.00,跨月临救$tag" && grep "跨月临救$tag" "$OUT/body" | grep -q "含补发 2030-12"'

# ---- dates one way (months as YYYY-MM) on the application page
req GET "/living/applications/$a2" -b "$dj"
check "the approved grant reads 自 2031-01 起 (a month, as everywhere)" body_has "自 2031-01 起"

# ---- the monthly report (月报) by township and benefit, and its .xlsx
req GET "/living/report?month=2031-01" -b "$gj"
check "the 月报 shows 龙潭镇's temporary relief: its people, amount and back pay" eval 'status_is 200 && tr -d "\n" <"$OUT/body" | grep -q "data-town=\"500242101000\" data-benefit=\"temporary\"><td[^>]*>龙潭镇</td><td[^>]*>临时救助</td><td[^>]* class=\"num\">[0-9]*</td><td[^>]* class=\"num\">[0-9.]*</td><td[^>]* class=\"num\">[1-9]"'
check "... its total is the month's batch in the user's scope" eval 'grep -q "id=\"report-amount\">$(sql "SELECT FORMAT(SUM(amount_fen)/100, 2, '"'en_US'"') FROM pay_lines WHERE batch_id=$(batch 2031-01)" | tr -d ,)<" "$OUT/body"'
req GET "/living/report/xlsx?month=2031-01" -b "$gj"
check "the 月报 exports as .xlsx, audited" eval 'status_is 200 && header_has "spreadsheetml" && [ "$(head -c 2 "$OUT/body")" = PK ] && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='"'living.report.export'"' AND username='"'mgen_$tag'"'")" = 1 ]'
req GET "/living/report?month=2031-13" -b "$gj"
check "a bad month is said beside the field" eval 'status_is 400 && body_has "月份格式不正确"'
rm -f "$CLOCK_FILE"
