# tests/cluster/test_cluster.sh, part 2: rows the database keeps by
# triggers, written through both hosts (each its own node) at once - core
# 042's child_open_categories and registry 012's registry_category_counts
# (both kept from child_categories), core 049's child_list_rows (kept from
# children and child_open_categories) and the
# 'notices' version (cache_versions: core 040, spread over eight rows by
# core 045; moved by every write of notices and notice_reads; the workers
# cache each session's unread count while it stands).  A trigger runs on the node that takes the write; the others
# apply its rows.  Two nodes writing the same kept row at once conflict at
# certification and the host runs the loser again (PT0401 in its log).
V="$OUT/versions"; rm -rf "$V"; mkdir -p "$V"
conflicts_now() { cat "$CDIR"/host*/log/portal.log | grep -c 'PT0401' || true; }
# toggle HOST CATEGORY ROUNDS: enter, leave, enter ... one category of $cid
toggle() {
    local i code
    for i in $(seq 1 "$3"); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -b "$tj" -H "Origin: $1" \
            --data-urlencode "_csrf=$ttok" --data "category=$2" --data "enter=$((i % 2))" \
            --data-urlencode "basis=集群测试" "$1/_test/child/$cid/category") || code=000
        echo "$code" >>"$V/cat"
    done
}
# the open categories as the triggers kept them, against child_categories
# itself, on node N: the children where the two disagree
kept_wrong() {
    nsql "$1" "SELECT COUNT(*) FROM (SELECT child_id, GROUP_CONCAT(category ORDER BY category) AS codes,
        COUNT(*) AS n FROM portal.child_categories WHERE end_date IS NULL GROUP BY child_id) k
        LEFT JOIN portal.child_open_categories o ON o.child_id = k.child_id
        WHERE NOT (o.codes <=> k.codes) OR o.n <> k.n"
}
# registry 012's children per category, village and status against
# child_categories and children on node N: the counts that disagree
counts_wrong() {
    nsql "$1" "SELECT COUNT(*) FROM (SELECT o.category, c.village_code, c.status, COUNT(*) AS n
        FROM (SELECT DISTINCT child_id, category FROM portal.child_categories WHERE end_date IS NULL) o
        JOIN portal.children c ON c.id = o.child_id GROUP BY o.category, c.village_code, c.status) t
        LEFT JOIN portal.registry_category_counts k ON k.category = t.category
        AND k.village_code = t.village_code AND k.status = t.status WHERE NOT (k.n <=> t.n)"
}
# core 049's kept list rows against children and the kept codes on node N:
# the children whose row disagrees, and rows of no child
list_rows_wrong() {
    nsql "$1" "SELECT COUNT(*) FROM portal.children c
        LEFT JOIN portal.child_open_categories o ON o.child_id = c.id
        LEFT JOIN portal.child_list_rows r ON r.id = c.id
        WHERE NOT (r.township_code <=> c.township_code AND r.village_code <=> c.village_code
          AND r.status <=> c.status AND CAST(r.name AS BINARY) <=> CAST(c.name AS BINARY)
          AND r.sex <=> c.sex AND r.birth_date <=> c.birth_date AND r.id_masked <=> c.id_masked
          AND r.c0 <=> o.c0 AND r.c1 <=> o.c1 AND r.c2 <=> o.c2 AND r.c3 <=> o.c3
          AND r.c4 <=> o.c4 AND r.c5 <=> o.c5 AND r.c6 <=> o.c6)"
    nsql "$1" "SELECT COUNT(*) FROM portal.child_list_rows r
        WHERE NOT EXISTS (SELECT 1 FROM portal.children c WHERE c.id = r.id)"
}
ttok=$(csrf "$tj")
k0=$(conflicts_now)
toggle "$H1" orphan 9 & q1=$!
toggle "$H2" dibao 9 & q2=$!
toggle "$BASE" tekun 9 & q3=$!
wait $q1 $q2 $q3
k1=$(conflicts_now)
# a post not acknowledged: what the hosts logged of it, for the failure's line
seen=""
if [ "$(sort -u "$V/cat")" != 303 ]; then
    seen="; the hosts' log: tests/out/cluster-categories.log"
    grep -h 'PT04\|/category' "$CDIR"/host*/log/portal.log | tail -n 60 >tests/out/cluster-categories.log || true
fi
check "categories of one child written through both hosts at once: every post acknowledged ($(sort "$V/cat" | uniq -c | xargs)$seen)" \
    bash -c "[ \"\$(sort -u '$V/cat')\" = 303 ]"
wait_synced() { local i; for i in $(seq 1 50); do [ "$(nsql "$1" "SHOW STATUS LIKE 'wsrep_local_recv_queue'" | cut -f2)" = 0 ] && return 0; sleep 0.2; done; return 1; }
for n in 1 2 3; do
    wait_synced "$n"
    check "node $n: the child's kept categories are the three it holds ($((k1 - k0)) conflicts run again)" \
        [ "$(nsql "$n" "SELECT CONCAT(codes, '/', n) FROM portal.child_open_categories WHERE child_id = $cid")" = "orphan,tekun,dibao/3" ]
    check "node $n: every child's kept categories agree with child_categories" [ "$(kept_wrong "$n")" = 0 ]
    check "node $n: the kept counts per category, village and status agree with child_categories" [ "$(counts_wrong "$n")" = 0 ]
    check "node $n: every child's kept list row (core 049) agrees with the child and its kept categories" \
        [ "$(list_rows_wrong "$n" | xargs)" = "0 0" ]
done

# the 'notices' version: notices to one user sent through both hosts at
# once while the user reads pages on both; each host's workers must see the
# count move (their cached unread count is keyed by the version)
ctl user add "cn_$tag" --display-name 集群收件人 --role county_staff --division 500242000000 \
    --org mz --password 'Notice#2026cluster' >/dev/null 2>&1
sql "UPDATE users SET must_change_password = 0 WHERE username = 'cn_$tag'"
rj=$(login "cn_$tag" 'Notice#2026cluster' "$OUT/rj")
badge() { # HOST: the unread count the page shows (0 when no badge)
    local n
    n=$(curl -s -b "$rj" "$1/" | sed -n 's/.*id="unread-count">\([0-9]*\)<.*/\1/p' | head -n1)
    echo "${n:-0}"
}
for i in 1 2 3 4 5 6 7 8; do badge "$H1" >/dev/null; badge "$H2" >/dev/null; done
# send HOST NAME COUNT: notices to cn_$tag; one line per post: status
send() {
    local i code
    for i in $(seq 1 "$3"); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -b "$tj" -H "Origin: $1" \
            --data-urlencode "_csrf=$ttok" --data "user=cn_$tag" \
            --data-urlencode "title=集群通知 $2-$i" "$1/_test/notice") || code=000
        echo "$code" >>"$V/notice"
    done
}
k0=$(conflicts_now)
send "$H1" h1 15 & q1=$!
send "$H2" h2 15 & q2=$!
(for i in $(seq 1 10); do badge "$H1" >/dev/null; badge "$H2" >/dev/null; done) & q3=$!
wait $q1 $q2 $q3
k1=$(conflicts_now)
acked=$(grep -c '^200$' "$V/notice" || true)
check "notices sent through both hosts at once: every one acknowledged ($acked of 30, $((k1 - k0)) conflicts run again)" [ "$acked" = 30 ]
uid=$(sql "SELECT id FROM users WHERE username = 'cn_$tag'")
check "...each stored once" [ "$(sql "SELECT COUNT(*) FROM notices WHERE user_id = $uid")" = 30 ]
for n in 1 2 3; do wait_synced "$n"; done
check "the 'notices' version rows (core 045: 'notices' and its eight) are the same on every node" \
    [ "$(for n in 1 2 3; do nsql "$n" "SELECT GROUP_CONCAT(name, ':', version ORDER BY name) FROM portal.cache_versions WHERE name LIKE 'notices%'"; done | sort -u | wc -l)" = 1 ]
check "...and the notices moved rows of their own, not the one row" \
    [ "$(sql "SELECT SUM(version) FROM cache_versions WHERE name LIKE 'notices._'")" -ge 30 ]
for h in "$H1" "$H2"; do
    seen=$(for i in 1 2 3 4 5 6 7 8; do badge "$h"; done | sort -u | xargs)
    check "every worker of host ${h##*:} shows the 30 unread (saw: $seen)" [ "$seen" = 30 ]
done
post "/notices/read-all" "$rj"
for h in "$H1" "$H2"; do
    seen=$(for i in 1 2 3 4 5 6 7 8; do badge "$h"; done | sort -u | xargs)
    check "read on one host, none unread on host ${h##*:} (saw: $seen)" [ "$seen" = 0 ]
done

# revocation across nodes: the session's statement reads one number for the
# versions (core 048) and each worker reads the list again when it moved;
# a user disabled on node 1 while every worker of both hosts holds the
# session is refused by the next request of each, and so is a session
# logged out through host 1
codes() { # HOST: the distinct codes of 8 requests (more than a host's workers)
    for i in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null -w '%{http_code}\n' -b "$rj" "$1/"; done | sort -u | xargs
}
for h in "$H1" "$H2"; do codes "$h" >/dev/null; done
nsql 1 "UPDATE portal.users SET active = 0 WHERE username = 'cn_$tag'"
for h in "$H1" "$H2"; do
    seen=$(codes "$h")
    check "disabled on node 1: every worker of host ${h##*:} refuses the session at once (saw: $seen)" [ "$seen" = 303 ]
done
nsql 1 "UPDATE portal.users SET active = 1 WHERE username = 'cn_$tag'"
rj=$(login "cn_$tag" 'Notice#2026cluster' "$OUT/rj")
for h in "$H1" "$H2"; do codes "$h" >/dev/null; done
check "signed in again: both hosts serve the session" [ "$(codes "$H1")/$(codes "$H2")" = 200/200 ]
curl -s -o /dev/null -b "$rj" -H "Origin: $H1" --data-urlencode "_csrf=$(curl -s -b "$rj" "$H1/" |
    sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)" "$H1/logout"
seen=$(codes "$H2")
check "logged out through host 1: every worker of host ${H2##*:} refuses the session at once (saw: $seen)" [ "$seen" = 303 ]
