# 支付台账 (issue 10 part 1) through Apache: a module (the testkit, as any
# module would) opens a batch, registers a guardian's account and a
# hospital, posts lines, a correction and back pay, asks the yearly cap;
# the payments pages show the totals per township and programme, refuse a
# review by the poster (four eyes), review, lock, refuse a second lock and
# any line after it, export the bank file (audited with its rows and total)
# and the .xlsx; each township sees only its own lines.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
. "$ROOT/modules/payments/tests/pay_lib.sh"
lines() { sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id=$1"; }

sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('hosp$tag', '龙潭镇卫生院$tag', 'institution', '500242101000')"
hosp=$(sql "SELECT id FROM orgs WHERE code='hosp$tag'")
add_user "pp_$tag" --display-name 录入员 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "pr_$tag" --display-name 复核员 --role county_staff --division 500242000000 --org mz --password "$PW"
# separation of duties: the reviewer does not lock (issue 20)
add_user "pl_$tag" --display-name 锁定员 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "pa_$tag" --display-name 龙潭镇经办 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
add_user "pb_$tag" --display-name 麻旺镇经办 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
pj=$(login "pp_$tag" "$PW" "$OUT/jar.pp")
rj=$(login "pr_$tag" "$PW" "$OUT/jar.pr")
lj=$(login "pl_$tag" "$PW" "$OUT/jar.pl")
aj=$(login "pa_$tag" "$PW" "$OUT/jar.pa")
bj=$(login "pb_$tag" "$PW" "$OUT/jar.pb")
new_child() { # NAME VILLAGE TOWNSHIP -> id
    sql "INSERT INTO children (name, sex, birth_date, id_last4, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '2015-03-04', '0417', '$3', '$2', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
c1=$(new_child "支付童甲$tag" 500242101001 500242101000)
c2=$(new_child "支付童乙$tag" 500242102001 500242102000)

# ---- a module posts
b=$(pay "$pj" op=open programme=aid period=2026-11 "title=测试救助金2026年11月$tag")
check "a module opens a batch (draft, its own)" [ "$(sql "SELECT CONCAT(module, ' ', programme, ' ', period, ' ', status) FROM pay_batches WHERE id='$b'")" = "testkit aid 2026-11-01 draft" ]
check "... audited" [ "$(audits pay.batch.open "$b")" = 1 ]

pay "$pj" op=account "child_id=$c1" holder=张三 bank=酉阳农商银行 account=62220000abc >/dev/null
check "a bad account number is refused in Chinese" eval 'status_is 409 && body_has "账号须为 8 至 32 位数字"'
acct=$(pay "$pj" op=account "child_id=$c1" holder=张三 bank=酉阳农商银行 account=6222000011112222)
check "a guardian's account is registered for the child" [ -n "$acct" ]
check "... stored encrypted, shown masked" [ "$(sql "SELECT CONCAT(INSTR(account_enc, '6222000011112222'), ' ', account_masked) FROM pay_payees WHERE id='$acct'")" = "0 6222****2222" ]
org=$(pay "$pj" op=org "org_id=$hosp" bank=酉阳县工商银行 account=310000123456789)
check "an institution is a payee" [ "$(sql "SELECT CONCAT(kind, ' ', holder) FROM pay_payees WHERE id='$org'")" = "org 龙潭镇卫生院$tag" ]

l1=$(pay "$pj" op=line "batch_id=$b" "child_id=$c1" amount=30000 reason=11月救助金 source_id=7)
l2=$(pay "$pj" op=line "batch_id=$b" "child_id=$c2" amount=20000 reason=11月救助金)
l3=$(pay "$pj" op=line "batch_id=$b" "payee_id=$org" amount=50000 "reason=住院费用$tag")
check "lines are posted (a child's, an institution's)" [ "$(lines "$b")" = 3 ]
check "... each with its township, period, source and poster" [ "$(sql "SELECT CONCAT(township_code, ' ', period, ' ', source_module, ' ', source_id, ' ', (SELECT username FROM users WHERE id=posted_by)) FROM pay_lines WHERE id='$l1'")" = "500242101000 2026-11-01 testkit 7 pp_$tag" ]
check "... 麻旺镇's child's line in 麻旺镇" [ "$(sql "SELECT township_code FROM pay_lines WHERE id='$l2'")" = 500242102000 ]
check "... the institution's line in its township" [ "$(sql "SELECT township_code FROM pay_lines WHERE id='$l3'")" = 500242101000 ]
check "... audited" [ "$(audits pay.line.add "$l1")" = 1 ]

pay "$pj" op=line "batch_id=$b" "child_id=$c1" amount=-100 reason=扣减 >/dev/null
check "a negative line that corrects nothing is refused" eval 'status_is 409 && body_has "负数金额只能用于更正"'
pay "$aj" op=line "batch_id=$b" "child_id=$c2" amount=100 reason=越权 >/dev/null
check "a child outside the poster's township is refused, the denial audited" eval 'status_is 409 && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='"'deny'"' AND object_type='"'child'"' AND object_id='"'$c2'"' AND username='"'pa_$tag'"'")" -ge 1 ]'
check "... nothing written" [ "$(lines "$b")" = 3 ]

l4=$(pay "$pj" op=line "batch_id=$b" "child_id=$c1" amount=-5000 "corrects=$l1" reason=多发更正)
check "a correction is a new line referencing the line it corrects" [ "$(sql "SELECT CONCAT(amount_fen, ' ', corrects_id) FROM pay_lines WHERE id='$l4'")" = "-5000 $l1" ]
check "... audited as a correction" [ "$(audits pay.line.correct "$l4")" = 1 ]
pay "$pj" op=line "batch_id=$b" "child_id=$c1" amount=-30000 "corrects=$l1" reason=再扣 >/dev/null
check "a correction below zero net is refused" eval 'status_is 409 && body_has "更正后的金额不能为负数"'
pay "$pj" op=line "batch_id=$b" "child_id=$c2" amount=-1000 "corrects=$l1" reason=错人 >/dev/null
check "a correction of another child's line is refused" eval 'status_is 409 && body_has "须与原发放明细的儿童"'
sql "UPDATE pay_lines SET amount_fen = 1 WHERE id = $l1" 2>/dev/null
check "a line is never edited, even in SQL" [ "$(sql "SELECT amount_fen FROM pay_lines WHERE id='$l1'")" = 30000 ]

left=$(pay "$pj" op=cap "child_id=$c1" programme=aid year=2026 cap=100000)
check "the yearly cap: what is left for the child (corrections count)" [ "$left" = 75000 ]
left=$(pay "$pj" op=cap "child_id=$c1" programme=aid year=2025 cap=100000)
check "... another year is untouched" [ "$left" = 100000 ]

# ---- the pages
req GET /payments/batch -b "$pj"
check "the batches list shows the batch" eval 'status_is 200 && body_has "测试救助金2026年11月$tag" && body_has "待复核"'
req GET "/payments/batch/$b" -b "$pj"
check "the batch page: total in yuan, per township, per programme" eval 'status_is 200 && grep -q "id=\"total-amount\">950.00<" "$OUT/body" && body_has "龙潭镇" && body_has "麻旺镇" && body_has "测试救助金"'
check "... the lines, the account masked, the correction marked" eval 'body_has "6222****2222" && body_lacks "6222000011112222" && body_has "更正第 $l1 条"'
check "... the line without an account is flagged" eval 'grep -q "id=\"no-account\"" "$OUT/body" && body_has "200.00"'
check "... its read audited" [ "$(audits payments.batch.read "$b")" -ge 1 ]

post "/payments/batch/$b/review" "$pj"
check "the poster cannot review (four eyes)" eval 'status_is 403 && body_has "双人复核"'
check "... audited, still a draft" [ "$(sql "SELECT CONCAT(status, ' ', (SELECT COUNT(*) FROM audit_log WHERE action='payments.review.refused' AND object_id='$b' AND username='pp_$tag')) FROM pay_batches WHERE id='$b'")" = "draft 1" ]
post "/payments/batch/$b/lock" "$rj"
check "a draft cannot be locked" eval 'status_is 409 && body_has "请先复核"'
post "/payments/batch/$b/review" "$aj"
check "a township user may not review" status_is 403
post "/payments/batch/$b/review" "$rj"
check "another county user reviews" eval 'status_is 303 && [ "$(sql "SELECT CONCAT(status, (SELECT username FROM users WHERE id=reviewed_by)) FROM pay_batches WHERE id='"'$b'"'")" = "reviewedpr_$tag" ]'
check "... audited with the figures" [ "$(sql "SELECT detail FROM audit_log WHERE action='payments.review' AND object_id='$b'")" = "lines=4 total_fen=95000" ]

l5=$(pay "$pj" op=line "batch_id=$b" "child_id=$c1" amount=1000 reason=补录)
check "a line posted after the review sends the batch back to draft" [ "$(sql "SELECT CONCAT(status, COALESCE(reviewed_by, '-')) FROM pay_batches WHERE id='$b'")" = "draft-" ]
pay "$pj" op=line "batch_id=$b" "child_id=$c1" amount=-1000 "corrects=$l5" reason=补录撤回 >/dev/null
post "/payments/batch/$b/review" "$rj"
req GET "/payments/batch/$b" -b "$lj"
check "the lock form asks for a confirmation box (no JavaScript needed)" eval 'body_has "name=\"confirm\"" && body_has "我已核对，确认锁定"'
post "/payments/batch/$b/lock" "$rj" --data confirm=1
check "the reviewer cannot lock (separation of duties), on the batch page" eval 'status_is 403 && body_has "职责分离" && body_has "id=\"lock-form\""'
check "... nothing changed, the refusal audited" eval '[ "$(sql "SELECT status FROM pay_batches WHERE id='"'$b'"'")" = reviewed ] && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='"'payments.lock.refused'"' AND object_id='"'$b'"' AND detail LIKE '"'locker%'"'")" = 1 ]'
post "/payments/batch/$b/lock" "$pj" --data confirm=1
check "the poster cannot lock either" eval 'status_is 403 && body_has "录入人"'
post "/payments/batch/$b/lock" "$lj"
check "a lock without the confirmation box is refused beside it" eval 'status_is 400 && body_has "请勾选“我已核对，确认锁定”" && [ "$(sql "SELECT status FROM pay_batches WHERE id='"'$b'"'")" = reviewed ]'
post "/payments/batch/$b/lock" "$lj" --data confirm=1
check "the reviewed batch is locked by a third person" eval 'status_is 303 && [ "$(sql "SELECT status FROM pay_batches WHERE id='"'$b'"'")" = locked ]'
check "... audited" [ "$(sql "SELECT detail FROM audit_log WHERE action='payments.lock' AND object_id='$b'")" = "lines=6 total_fen=95000" ]
post "/payments/batch/$b/lock" "$lj" --data confirm=1
check "a second lock is refused" eval 'status_is 409 && body_has "该批次已锁定"'
pay "$pj" op=line "batch_id=$b" "child_id=$c1" amount=500 reason=锁定后 >/dev/null
check "no line is added after the lock (Chinese message)" eval 'status_is 409 && body_has "已锁定，不能再添加"'
check "... nothing written, the refusal audited" [ "$(sql "SELECT CONCAT((SELECT COUNT(*) FROM pay_lines WHERE batch_id=$b), ' ', (SELECT COUNT(*) FROM audit_log WHERE action='pay.line.refused' AND object_id='$b' AND detail='batch locked'))")" = "6 1" ]
sql "INSERT INTO pay_lines (batch_id, child_id, township_code, programme, period, amount_fen, reason, source_module, posted_by, created_at) VALUES ($b, $c1, '500242101000', 'aid', '2026-11-01', 1, 'x', 'testkit', 1, UTC_TIMESTAMP())" 2>/dev/null
check "... not even in SQL" [ "$(lines "$b")" = 6 ]
pay "$pj" op=select "batch_id=$b" programme=aid period=2026-11 amount=100 reason=整批 "name=支付童" >/dev/null
check "many lines at once (pay_lines_select) into a locked batch are refused" eval 'status_is 409 && body_has "已锁定，不能再添加" && [ "$(lines "$b")" = 6 ]'

# ---- an empty batch: a warning on its page, review refused on the same page
be=$(pay "$pj" op=open programme=aid period=2027-01 "title=空批次$tag")
req GET "/payments/batch/$be" -b "$rj"
check "an empty batch warns before review" eval 'status_is 200 && body_has "id=\"empty-batch\"" && body_has "发放名单为空"'
post "/payments/batch/$be/review" "$rj"
check "... and its review is refused on the batch page (409), nothing changed" eval 'status_is 409 && body_has "不能复核" && body_has "id=\"batch\"" && [ "$(sql "SELECT status FROM pay_batches WHERE id='"'$be'"'")" = draft ]'

# ---- many lines at once: the rows of the module's SELECT, kept in the poster's scope
b3=$(pay "$aj" op=open programme=bulk period=2026-12 "title=整批$tag")
n=$(pay "$aj" op=select "batch_id=$b3" programme=bulk period=2026-12 amount=12345 reason=整批发放 "name=支付童")
check "a township poster's SELECT over both townships posts 龙潭镇's child only" [ "$n" = 1 ]
check "... as a line of the module, its township, period and poster" [ "$(sql "SELECT CONCAT(child_id, ' ', township_code, ' ', period, ' ', amount_fen, ' ', source_module, ' ', (SELECT username FROM users WHERE id=posted_by)) FROM pay_lines WHERE batch_id=$b3")" = "$c1 500242101000 2026-12-01 12345 testkit pa_$tag" ]
check "... one audit row with the count and total" [ "$(sql "SELECT detail FROM audit_log WHERE action='pay.lines.add' AND object_id='$b3'")" = "lines=1 total_fen=12345" ]
n=$(pay "$aj" op=select "batch_id=$b3" programme=bulk period=2026-12 amount=0 reason=零 "name=支付童")
check "rows that are not valid lines (0 fen) are not posted" eval '[ "$n" = 0 ] && [ "$(lines "$b3")" = 1 ]'
pay "$pj" op=select "batch_id=$b3" programme=Bad-Code period=2026-12 amount=1 reason=x "name=支付童" >/dev/null
check "... nor a programme that is not a code" [ "$(lines "$b3")" = 1 ]

# ---- back pay into a new batch, the cap again
b2=$(pay "$pj" op=open programme=aid period=2026-12 "title=测试补发$tag")
pay "$pj" op=line "batch_id=$b2" "child_id=$c1" amount=30000 period=2026-10 reason=补发10月 >/dev/null
check "back pay: a line for an earlier month in a new batch" [ "$(sql "SELECT period FROM pay_lines WHERE batch_id='$b2'")" = 2026-10-01 ]
left=$(pay "$pj" op=cap "child_id=$c1" programme=aid year=2026 cap=100000)
check "... counts in the cap" [ "$left" = 45000 ]

# ---- exports
post "/payments/batch/$b/bank" "$aj" --data-urlencode purpose=payment_check
check "a township user may not export the bank file" status_is 403
post "/payments/batch/$b2/bank" "$rj" --data-urlencode purpose=payment_check
check "an unlocked batch has no bank file" eval 'status_is 409 && body_has "锁定后才能导出"'
post "/payments/batch/$b/bank" "$rj" --data-urlencode purpose=payment_check
check "the bank file is CSV" eval 'status_is 200 && header_has "text/csv" && header_has "payments-bank-$b.csv"'
check "... the guardian's account in clear, net of the correction" body_has "张三,酉阳农商银行,6222000011112222,250.00,支付童甲$tag,龙潭镇,测试救助金,2026-11"
check "... the hospital's transfer" body_has "龙潭镇卫生院$tag,酉阳县工商银行,310000123456789,500.00,,龙潭镇,测试救助金,2026-11"
check "... no transfer without an account" body_lacks "支付童乙$tag"
check "... a header and two transfers" [ "$(grep -c . "$OUT/body")" = 3 ]
check "... audited with its rows and total" [ "$(sql "SELECT detail FROM audit_log WHERE action='payments.bankfile' AND object_id='$b'")" = "rows=2 total_fen=75000 scope=500242" ]
check "... the batch is exported" [ "$(sql "SELECT CONCAT(status, (SELECT username FROM users WHERE id=exported_by)) FROM pay_batches WHERE id='$b'")" = "exportedpr_$tag" ]
same_file=0
for i in 1 2 3 4 5 6 7 8; do   # every worker, its prepared statements executed again
    post "/payments/batch/$b/bank" "$rj" --data-urlencode purpose=payment_check
    grep -q "张三,酉阳农商银行,6222000011112222,250.00," "$OUT/body" && [ "$(grep -c . "$OUT/body")" = 3 ] && same_file=$((same_file + 1))
done
check "... exported again and again, the same two transfers every time" [ "$same_file" = 8 ]

req GET "/payments/batch/$b/lines?purpose=payment_check" -b "$rj"
check "the lines as .xlsx" eval 'status_is 200 && header_has "spreadsheetml" && [ "$(head -c 2 "$OUT/body")" = PK ]'
check "... audited with the row count" [ "$(sql "SELECT detail FROM audit_log WHERE action='payments.lines.export' AND object_id='$b'")" = "rows=6 scope=500242" ]
req GET "/payments/batch/$b/summary" -b "$rj"
check "the printable summary: totals per township and programme" eval 'status_is 200 && grep -q "id=\"summary-total\">950.00<" "$OUT/body" && body_has "发放汇总表" && body_has "已导出"'
check "... the total in 人民币大写, the number of people, the issuing unit, signatures and seal" eval 'grep -q "id=\"summary-upper\">玖佰伍拾元整<" "$OUT/body" && grep -q "id=\"summary-children\">2<" "$OUT/body" && body_has "合计发放 2 人" && body_has "填报单位（盖章）：" && body_has "复核人（签字）" && body_has "（单位盖章）"'

# ---- jurisdiction: each township its own lines
req GET "/payments/batch/$b" -b "$aj"
check "龙潭镇 sees its lines only" eval 'status_is 200 && body_has "支付童甲$tag" && body_lacks "支付童乙$tag" && grep -q "id=\"total-amount\">750.00<" "$OUT/body"'
req GET "/payments/batch/$b" -b "$bj"
check "麻旺镇 sees its lines only" eval 'status_is 200 && body_has "支付童乙$tag" && body_lacks "支付童甲$tag" && body_lacks "卫生院$tag" && grep -q "id=\"total-amount\">200.00<" "$OUT/body"'
req GET "/payments/batch?period=2026-11" -b "$bj"
check "... and in the list, its own total" eval 'status_is 200 && grep -A8 "data-batch=\"$b\"" "$OUT/body" | grep -q "200.00"'
req GET "/payments/batch/$b/lines?purpose=payment_check" -b "$bj"
check "... and in the .xlsx export" [ "$(sql "SELECT detail FROM audit_log WHERE action='payments.lines.export' AND object_id='$b' AND username='pb_$tag'")" = "rows=1 scope=500242102" ]
req GET "/payments/batch/99999999" -b "$aj"
check "an absent batch is 404" status_is 404
