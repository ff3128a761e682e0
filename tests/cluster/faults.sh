# tests/cluster/test_cluster.sh, part 3: writes through both hosts while a
# database node is killed and rejoins; then a portal host killed.
adm=$(login admin 'Admin#2026portal' "$OUT/adm")
tok=$(csrf "$adm")
W="$OUT/writes"; mkdir -p "$W"
# writer HOST NAME: notes and counter posts until $W/stop exists; one line
# per post: kind key status
writer() {
    local base=$1 me=$2 i=0 code
    while [ ! -e "$W/stop" ]; do
        i=$((i + 1))
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -b "$adm" -H "Origin: $base" \
            --data-urlencode "_csrf=$tok" --data "body=$me-$i" "$base/_test/note") || code=000
        echo "note $me-$i $code" >>"$W/$me"
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -b "$adm" -H "Origin: $base" \
            --data-urlencode "_csrf=$tok" "$base/_test/counter") || code=000
        echo "counter $me-$i $code" >>"$W/$me"
    done
}
reader() { # pages through the balancer
    local code
    while [ ! -e "$W/stop" ]; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -b "$tj" "$BASE/children") || code=000
        echo "page - $code" >>"$W/reader"
        sleep 0.1
    done
}
c0=$(sql "SELECT n FROM test_counter WHERE id = 1")
writer "$H1" w1 & p1=$!
writer "$H2" w2 & p2=$!
writer "$BASE" w3 & p3=$!
reader & p4=$!
sleep 4
cl node-kill 2 >/dev/null
killed_at=$(date +%s)
sleep 10
check "the cluster has shrunk to 2 nodes" [ "$(nsql 1 "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)" = 2 ]
before=$(cat "$W"/w* | wc -l)
sleep 3
check "writes go on through both hosts while node 2 is down" [ "$(cat "$W"/w* | wc -l)" -gt "$((before + 4))" ]
mark=$(wc -l <"$CDIR/db2/log/mariadb.err")
cl node-start 2 >"$OUT/rejoin.log" 2>&1
rejoin=$(( $(date +%s) - killed_at ))
check "node 2 rejoins and is Synced (${rejoin} s after the kill)" [ "$(nsql 2 "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)" = 3 ]
tail -n +"$((mark + 1))" "$CDIR/db2/log/mariadb.err" >"$OUT/rejoin.err"
check "it caught up by IST (the write sets it missed), not a full copy (SST)" \
    bash -c "grep -q 'IST received' '$OUT/rejoin.err' && ! grep -q 'rsync SST completed' '$OUT/rejoin.err'"
sleep 4
touch "$W/stop"
wait $p1 $p2 $p3 $p4

all=$(cat "$W"/w1 "$W"/w2 "$W"/w3)
odd=$(cat "$W"/w1 "$W"/w2 "$W"/w3 "$W"/reader | awk '$3 != 303 && $3 != 200 && $3 != 503' | sort | uniq -c | head -5)
n503=$(cat "$W"/w1 "$W"/w2 "$W"/w3 "$W"/reader | awk '$3 == 503' | wc -l)
total=$(cat "$W"/w1 "$W"/w2 "$W"/w3 "$W"/reader | wc -l)
check "every answer was the page, the redirect or 503 ($total requests, $n503 503s)${odd:+: $odd}" [ -z "$odd" ]
check "503 only for the requests in flight on the killed node (at most 12 of $total)" [ "$n503" -le 12 ]
check "pages answered throughout: the reader's last requests are 200" \
    bash -c "tail -3 '$W/reader' | awk '\$3 != 200 {exit 1}'"
acked=$(awk '$1 == "note" && $3 == 303 {print $2}' <<<"$all")
nacked=$(wc -l <<<"$acked")
printf '%s\n' $acked | sed "s/.*/'&'/" | paste -sd, >"$OUT/acked.sql"
stored=$(sql "SELECT COUNT(DISTINCT body) FROM test_notes WHERE body IN ($(cat "$OUT/acked.sql"))")
check "no acknowledged note lost: $stored of $nacked stored" [ "$stored" = "$nacked" ]
check "...and each once" [ "$(sql "SELECT COUNT(*) FROM test_notes WHERE body IN ($(cat "$OUT/acked.sql"))")" = "$nacked" ]
check "the writes are many enough to mean something ($nacked acknowledged)" [ "$nacked" -ge 30 ]
cack=$(awk '$1 == "counter" && $3 == 303' <<<"$all" | wc -l)
cfail=$(awk '$1 == "counter" && $3 != 303' <<<"$all" | wc -l)
c1=$(sql "SELECT n FROM test_counter WHERE id = 1")
check "the shared counter counts every acknowledged post once ($((c1 - c0)) for $cack acknowledged, $cfail not)" \
    bash -c "[ $((c1 - c0)) -ge $cack ] && [ $((c1 - c0)) -le $((cack + cfail)) ]"
conflicts=$(cat "$CDIR"/host*/log/portal.log | grep -c 'PT0401' || true)
check "certification conflicts happened and were run again ($conflicts)" [ "$conflicts" -ge 1 ]
wait_synced() { local i; for i in $(seq 1 50); do [ "$(nsql "$1" "SHOW STATUS LIKE 'wsrep_local_recv_queue'" | cut -f2)" = 0 ] && return 0; sleep 0.2; done; return 1; }
for n in 1 2 3; do
    wait_synced "$n"
    check "node $n holds every acknowledged note" [ "$(nsql "$n" "SELECT COUNT(DISTINCT body) FROM portal.test_notes WHERE body IN ($(cat "$OUT/acked.sql"))")" = "$nacked" ]
done
counters=$(for n in 1 2 3; do nsql "$n" 'SELECT n FROM portal.test_counter'; done | sort -u | wc -l)
check "the counter is the same on every node" [ "$counters" = 1 ]
check "every audit chain verifies after writers on every node" ctl audit verify
check "the writes were audited on both hosts' chains" \
    [ "$(sql "SELECT COUNT(DISTINCT chain DIV 1000) FROM audit_log WHERE action = 'testkit.note'")" = 2 ]

# a portal host killed: the balancer routes around it
cl host-kill 2 >/dev/null
ok=0
for i in $(seq 1 20); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -b "$tj" "$BASE/children")
    [ "$code" = 200 ] && ok=$((ok + 1))
done
check "with host 2 killed, every page through the balancer answers ($ok of 20)" [ $ok = 20 ]
post /_test/note "$adm" --data "body=after-host-kill-$tag"
check "...and a write is acknowledged and stored" \
    bash -c "[ $STATUS = 303 ] && [ \"\$(mariadb --no-defaults --socket='$CDIR/db1/run/mysqld.sock' -uroot -N -B portal -e \"SELECT COUNT(*) FROM test_notes WHERE body = 'after-host-kill-$tag'\")\" = 1 ]"
EXTRA_MODULES_DIR="$ROOT/build/testmods/testkit" EXTRA_MODULES_SRC="$ROOT/tests/modules" \
    REQUIRE_TOTP_ROLES="" REQUEST_TIMEOUT=20 cl host-start 2 >"$OUT/host2.log" 2>&1
check "host 2 restarted serves again" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -b '$tj' '$H2/children')\" = 200 ]"
