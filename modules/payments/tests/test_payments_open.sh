# One open batch per programme and month (issue 18): the database holds it
# (key one_open, core migration 036), not a look-before-insert.  Twenty
# clerks' requests open the same month at once through Apache: one batch row,
# one audit row, every answer names it.  A hand-written second open batch is
# refused by the database itself.  A locked month frees the key: the next open
# is a new batch of the same month.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
prog="r$tag"
add_user "po_$tag" --display-name 录入员 --role county_staff --division 500242000000 --org mz --password "$PW"
pj=$(login "po_$tag" "$PW" "$OUT/jar.po")
tok=$(csrf "$pj")

open_one() { # N: one open request, its answer in $OUT/open.N
    curl -s -o "$OUT/open.$1" -w '%{http_code}' --max-time 60 -b "$pj" -H "Origin: $BASE" \
        --data-urlencode "_csrf=$tok" --data op=open --data "programme=$prog" \
        --data period=2027-03 --data-urlencode "title=并发开批$tag-$1" "$BASE/_test/pay" \
        >"$OUT/open.$1.status"
}
for i in $(seq 1 20); do open_one "$i" & done
wait
ids=$(for i in $(seq 1 20); do sed -n 's|.*<p id="out">id=\([0-9]*\)</p>.*|\1|p' "$OUT/open.$i"; done | sort -u)
codes=$(for i in $(seq 1 20); do cat "$OUT/open.$i.status"; echo; done | sort -u | tr '\n' ' ')
check "20 concurrent opens all answer 200" same "$codes" "200 "
check "... exactly one batch row for the month" same "$(sql "SELECT COUNT(*) FROM pay_batches WHERE module='testkit' AND programme='$prog' AND period='2027-03-01'")" 1
b=$(sql "SELECT id FROM pay_batches WHERE module='testkit' AND programme='$prog'")
check "... every answer names that batch" same "$ids" "$b"
check "... its opening audited once" same "$(audits pay.batch.open "$b")" 1

out=$(sql "INSERT INTO pay_batches (module, programme, period, title, status, created_by, created_at) VALUES ('testkit', '$prog', '2027-03-01', '手工$tag', 'draft', 1, UTC_TIMESTAMP())" 2>&1)
check "a second open batch written by hand is refused by the database" eval '[[ "$out" == *"Duplicate entry"* ]]'
check "... another month of the programme is its own batch" eval '[ "$(sql "INSERT INTO pay_batches (module, programme, period, title, status, created_by, created_at) VALUES ('"'testkit', '$prog', '2027-04-01', '手工$tag', 'draft', 1, UTC_TIMESTAMP()); SELECT COUNT(*) FROM pay_batches WHERE programme='$prog'"'")" = 2 ]'

sql "UPDATE pay_batches SET status='locked', locked_by=1, locked_at=UTC_TIMESTAMP() WHERE id=$b"
post /_test/pay "$pj" --data op=open --data "programme=$prog" --data period=2027-03 --data-urlencode "title=再开$tag"
b2=$(sed -n 's|.*<p id="out">id=\([0-9]*\)</p>.*|\1|p' "$OUT/body")
check "a locked month frees the key: the next open is a new batch" eval '[ -n "$b2" ] && [ "$b2" != "$b" ] && [ "$(sql "SELECT CONCAT(status, '"' '"', title) FROM pay_batches WHERE id='$b2'")" = "draft 再开$tag" ]'
