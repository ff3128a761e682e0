# tests/cluster/test_cluster.sh, part 1: the main flows through the balancer.
# No sticky sessions: requests alternate between the two hosts, so every step
# after the login also proves the session is the database's, not a host's.
H1="http://127.0.0.1:$((CPORT + 1))" H2="http://127.0.0.1:$((CPORT + 2))"
tag=$(date +%s%N | tail -c 7)
tj=$(login township 'Town#2026portal')
req GET / -b "$tj"
check "the home page answers through the balancer, signed in" bash -c "[ $STATUS = 200 ] && grep -qF '退出' '$OUT/body'"
for h in "$H1" "$H2"; do
    code=$(curl -s -o "$OUT/direct" -w '%{http_code}' -b "$tj" "$h/children")
    check "the same session works on host ${h##*:}" bash -c "[ $code = 200 ] && grep -qF '儿童' '$OUT/direct'"
done
for i in 1 2 3 4 5 6; do req GET /children -b "$tj"; done
check "the children list answers through the balancer" status_is 200
a1=$(grep -c ' host1$' "$CDIR/balancer/log/access.log") a2=$(grep -c ' host2$' "$CDIR/balancer/log/access.log")
check "the balancer sends requests to both hosts ($a1 / $a2)" [ "$((a1 < a2 ? a1 : a2))" -ge 2 ]

# a child created through one host, read through the other, on every node
idnum=$(make_id 500242 20150310 2)
name="集群童$tag"
code=$(curl -s -o /dev/null -D "$OUT/new.h" -w '%{http_code}' -b "$tj" -H "Origin: $H1" \
    --data-urlencode "_csrf=$(csrf "$tj")" --data-urlencode "name=$name" --data sex=2 \
    --data birth_date=2015-03-10 --data-urlencode "ethnicity=土家族" --data "id_number=$idnum" \
    --data village_code=500242101001 --data-urlencode "hukou=酉阳县龙潭镇" "$H1/children/new")
cid=$(sed -n 's|^Location: /children/\([0-9]*\).*|\1|ip' "$OUT/new.h" | tr -d '\r' | head -n1)
check "a child's file is created on host 1 (303)" bash -c "[ $code = 303 ] && [ -n '$cid' ]"
code=$(curl -s -o "$OUT/file" -w '%{http_code}' -b "$tj" "$H2/children/$cid")
check "host 2 shows the new file at once (read your writes: wsrep_sync_wait)" bash -c "[ $code = 200 ] && grep -qF '$name' '$OUT/file'"
check "host 2 masks its ID number" bash -c "grep -qF '${idnum:14:4}' '$OUT/file' && ! grep -qF '$idnum' '$OUT/file'"
for n in 1 2 3; do
    check "node $n holds the file, its ID number encrypted" [ "$(nsql "$n" "SELECT COUNT(*) FROM portal.children WHERE id = $cid AND id_enc IS NOT NULL AND name = '$name'")" = 1 ]
done
check "both hosts wrote audit rows, each to chains of its own" \
    [ "$(sql "SELECT COUNT(DISTINCT chain DIV 1000) FROM audit_log WHERE chain >= 1000")" = 2 ]
