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
# core 047's name grams: the trigger runs on host 1's node, the other
# nodes apply the rows it wrote (one child's rows: no row another write shares)
grams=$(python3 -c 'import sys; n = sys.argv[1]; print(len({n[i:i + k] for k in (1, 2) for i in range(len(n) - k + 1)}))' "$name")
for n in 1 2 3; do
    check "node $n holds the file's $grams name grams, copies of its own row" [ "$(nsql "$n" "SELECT COUNT(*)
        FROM portal.child_name_grams g JOIN portal.children c ON c.id = g.id WHERE g.id = $cid
        AND g.name = c.name AND g.township_code = c.township_code AND g.village_code = c.village_code
        AND g.status = c.status AND g.birth_date = c.birth_date")" = "$grams" ]
done
code=$(curl -s -o "$OUT/search" -w '%{http_code}' -b "$tj" --get --data-urlencode "q=群童$tag" "$H2/children")
check "host 2 finds it by part of its name" bash -c "[ $code = 200 ] && grep -qF '/children/$cid\"' '$OUT/search'"
# a scan uploaded through host 1 downloads through host 2: the hosts share
# attachments_dir (deploy/cluster/README.md, "Uploaded files")
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xdac\xf8\xff\xff\x7f=\x00\x09{\x03}3\xd3(\xaf\x00\x00\x00\x00IEND\xaeB`\x82' >"$OUT/scan.png"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tj" -H "Origin: $H1" -F "_csrf=$(csrf "$tj")" \
    -F "kind=残疾证" -F "file=@$OUT/scan.png;type=image/png;filename=残疾证.png" "$H1/children/$cid/attachments")
aid=$(sql "SELECT id FROM child_attachments WHERE child_id = $cid ORDER BY id DESC LIMIT 1")
check "a scan is uploaded through host 1 (303)" bash -c "[ $code = 303 ] && [ -n '$aid' ]"
code=$(curl -s -o "$OUT/scan.back" -w '%{http_code}' -b "$tj" "$H2/children/$cid/attachments/$aid")
check "host 2 serves it, byte for byte" bash -c "[ $code = 200 ] && cmp -s '$OUT/scan.back' '$OUT/scan.png'"
check "both hosts wrote audit rows, each to chains of its own" \
    [ "$(sql "SELECT COUNT(DISTINCT chain DIV 1000) FROM audit_log WHERE chain >= 1000")" = 2 ]

# failed logins counted whichever host takes them: the account's count and
# the address's throttle are rows, so four failures through two hosts are four
bad_login() { # HOST: a wrong password for county, posted to HOST
    local jar="$OUT/bad.jar" t
    rm -f "$jar"
    t=$(curl -s -c "$jar" -b "$jar" "$1/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
    curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $1" --data-urlencode "_csrf=$t" \
        --data "username=county" --data "password=wrong-$RANDOM" "$1/login"
}
sql "UPDATE users SET failed_count = 0, locked_until = NULL, last_failed_at = NULL WHERE username = 'county'; DELETE FROM login_throttle"
for h in "$H1" "$H2" "$H1" "$H2"; do bad_login "$h"; done
check "four failed logins through both hosts count four on the account (node 3)" \
    [ "$(nsql 3 "SELECT failed_count FROM portal.users WHERE username = 'county'")" = 4 ]
check "...and four on the address's throttle" \
    [ "$(nsql 3 "SELECT failures FROM portal.login_throttle WHERE addr = '127.0.0.1'")" = 4 ]
sql "UPDATE users SET failed_count = 0, locked_until = NULL, last_failed_at = NULL WHERE username = 'county'; DELETE FROM login_throttle"
