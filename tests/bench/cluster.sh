#!/usr/bin/env bash
# CLUSTER=1 make bench (issue 18): the portal on the local Galera cluster
# (deploy/cluster/cluster.sh: three nodes, two portal hosts, a balancer).
#   - the children list and a child's file: one host alone vs both hosts
#     behind the balancer (req/s, wrk pinned to one core as in bench.sh)
#   - concurrent writes through both hosts: notes (rows of their own) vs
#     notices (each moves the 'notices' version row): certification
#     conflicts run again per 100 posts (BENCH_CONCURRENT_WRITERS per host,
#     BENCH_CONCURRENT_WRITES posts each)
#   - write latency: sequential posts (one INSERT + its audit row, one
#     transaction each) on the cluster vs a single MariaDB (a private
#     instance), p50 and p90 in ms
# BENCH_CLUSTER_PAGES="" skips the list and the file.
# Prints "bench cluster-... " lines and "ratio ..." lines; no pass/fail.
# On 2 cores every process shares the same CPUs: the ratios, not the figures.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CPORT=${CLUSTER_BENCH_PORT:-$(( ${BENCH_PORT:-18280} + 20 ))}
CDIR="$ROOT/var/bench-cluster"
SDIR="$ROOT/var/bench-single"
SPORT=$((CPORT + 20))
DURATION=${BENCH_SECONDS:-5}
CONN=${BENCH_CONNECTIONS:-32}
WRITES=${BENCH_WRITES:-200}
LASTCPU=$(( $(nproc) - 1 ))
make -s -j2 all testmods
export EXTRA_MODULES_DIR="$ROOT/build/testmods/testkit" EXTRA_MODULES_SRC="$ROOT/tests/modules"
export REQUIRE_TOTP_ROLES="" WORKERS=${WORKERS:-4} MAX_REQUESTS=100000
cl() { bash deploy/cluster/cluster.sh "$1" "$CDIR" "$CPORT" "${@:2}"; }
stop() {
    cl stop >/dev/null 2>&1 || true
    bash deploy/local/instance.sh stop "$SDIR" "$SPORT" >/dev/null 2>&1 || true
}
trap stop EXIT
stop
cl start >/dev/null
have=$(cl sql 1 "SELECT COUNT(*) FROM portal.children")
[ "$have" -ge 20000 ] || build/portalctl --config "$CDIR/host1/portal.conf" seed --children 20000 >/dev/null
build/portalctl --config "$CDIR/host1/portal.conf" seed-demo >/dev/null
export TEST_DIR="$CDIR/db1" BASE="http://127.0.0.1:$CPORT"
source tests/lib.sh
PSID=$(session_id township 'Town#2026portal')
CHILD=$(cl sql 1 "SELECT id FROM portal.children WHERE township_code = '500242101000' ORDER BY id LIMIT 1")

rate() { # URL: requests per second (wrk, one pinned thread)
    nice -n 5 taskset -c "$LASTCPU" wrk -t1 -c"$CONN" -d"${DURATION}s" -H "Cookie: psid=$PSID" "$1" |
        awk '/^Requests\/sec/ {print $2}'
}
for what in ${BENCH_CLUSTER_PAGES-list file}; do
    path=/children
    [ $what = list ] || path=/children/$CHILD
    one=$(rate "http://127.0.0.1:$((CPORT + 1))$path")
    two=$(rate "$BASE$path")
    echo "bench cluster-$what-one-host req_s=$one"
    echo "bench cluster-$what-two-hosts req_s=$two"
    awk -v a="$two" -v b="$one" -v n="$what" 'BEGIN{printf "ratio cluster-%s two/one hosts=%.2f\n", n, a/b}'
done

# Concurrent writes through both hosts (issue 17's leftovers): CWRITERS
# writers per host at once, each with a session of its own (a note's flash
# is a write of the session's row), each post its own transaction.  A note
# writes rows of its own; a notice also moves the one 'notices' row of
# cache_versions (core 040's triggers), which every notice on every node
# writes.  Figures: the certification conflicts the hosts ran again
# (PT0401) per 100 acknowledged posts, and the posts' p50 and p90 in ms.
conflicts_now() { cat "$CDIR"/host*/log/portal.log | grep -c 'PT0401' || true; }
concurrent() { # NAME USER PASSWORD PATH FIELD [curl args]: CWRITES posts by each writer
    local name=$1 user=$2 pw=$3 path=$4 field=$5 h w i k0 t tok jar
    shift 5
    for w in $(seq 1 $((2 * CWRITERS))); do
        login "$user" "$pw" "$OUT/concurrent-$name-$w.jar" >/dev/null
    done
    k0=$(conflicts_now)
    : >"$OUT/concurrent.$name"
    for w in $(seq 1 $((2 * CWRITERS))); do
        h=$((CPORT + 1 + w % 2)) jar="$OUT/concurrent-$name-$w.jar"
        tok=$(curl -s -b "$jar" "http://127.0.0.1:$h/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
        for i in $(seq 1 "$CWRITES"); do
            curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$jar" -H "Origin: http://127.0.0.1:$h" \
                --data-urlencode "_csrf=$tok" --data-urlencode "$field=bench-$name-$w-$i" "$@" \
                "http://127.0.0.1:$h$path"
        done >>"$OUT/concurrent.$name" &
    done
    wait
    t=$(( $(conflicts_now) - k0 ))
    awk '$1 == 200 || $1 == 303 {print $2 * 1000}' "$OUT/concurrent.$name" | sort -g |
        awk -v n="$name" -v t="$t" -v all="$(wc -l <"$OUT/concurrent.$name")" '{v[NR] = $1}
            END {printf "bench cluster-concurrent-%s posts=%d acked=%d conflicts_per_100=%.1f p50_ms=%.1f p90_ms=%.1f\n",
                 n, all, NR, 100 * t / (NR ? NR : 1), v[int(NR * 0.5)], v[int(NR * 0.9)]}'
}
CWRITES=${BENCH_CONCURRENT_WRITES:-50} CWRITERS=${BENCH_CONCURRENT_WRITERS:-2}
concurrent notes admin 'Admin#2026portal' /_test/note body
concurrent notices township 'Town#2026portal' /_test/notice title --data user=county

# write latency: WRITES sequential notes, each its own request and transaction
latency() { # BASE JAR NAME: "p50 p90" in ms
    local base=$1 jar=$2 tok i
    tok=$(curl -s -b "$jar" "$base/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
    for i in $(seq 1 "$WRITES"); do
        curl -s -o /dev/null -w '%{time_total}\n' -b "$jar" -H "Origin: $base" \
            --data-urlencode "_csrf=$tok" --data "body=bench-$3-$i" "$base/_test/note"
    done | sort -g | awk '{v[NR]=$1*1000} END{printf "%.1f %.1f\n", v[int(NR*0.5)], v[int(NR*0.9)]}'
}
cj=$(login admin 'Admin#2026portal' "$OUT/cluster.jar")
read -r c50 c90 <<<"$(latency "http://127.0.0.1:$((CPORT + 1))" "$cj" cluster)"
cl stop >/dev/null
bash deploy/local/instance.sh start "$SDIR" "$SPORT" >/dev/null
build/portalctl --config "$SDIR/portal.conf" seed-demo >/dev/null
TEST_DIR=$SDIR BASE="http://127.0.0.1:$SPORT"
sj=$(login admin 'Admin#2026portal' "$OUT/single.jar")
read -r s50 s90 <<<"$(latency "$BASE" "$sj" single)"
echo "bench cluster-write p50_ms=$c50 p90_ms=$c90 (three Galera nodes, $WRITES sequential posts)"
echo "bench single-write p50_ms=$s50 p90_ms=$s90 (one MariaDB)"
awk -v a="$c50" -v b="$s50" 'BEGIN{printf "ratio write-latency galera/single=%.2f\n", a/b}'
