#!/usr/bin/env bash
# make cluster-test: the portal on a MariaDB Galera cluster (issue 18,
# deploy/cluster). Three nodes on 127.0.0.2-4, two portal hosts, one Apache
# balancer under var/cluster (deploy/cluster/cluster.sh), then:
#   1. main flows through the balancer: log in, pages, a child created on one
#      host and read on the other, a scan uploaded on one and downloaded on
#      the other; a session works on either host, failed logins count across
#   2. rows kept by triggers (042 child_open_categories, the notices
#      version) written through both hosts at once agree on every node
#      and every worker sees the version move (versions.sh)
#   3. writes through both hosts at once while node 2 (host 2's own) is killed
#      with SIGKILL and later rejoins: every acknowledged write is stored (on
#      every node), a shared counter counts each acknowledged post once
#      (certification conflicts run again), pages answer throughout (503 at
#      most for requests in flight), the audit chains verify
#   4. portal host 2 killed: the balancer routes around it
# Everything started is stopped on exit. Last line "N passed, M failed".
# Run alone (make cluster-test) or by tests/run.sh (then its RESULTS and
# record are used). CLUSTER_PORT (18220): the balancer, +1/+2 the hosts,
# +10..+13 the nodes' ports.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CPORT=${CLUSTER_PORT:-18220}
CDIR="$ROOT/var/cluster"
export BASE="http://127.0.0.1:$CPORT"
# lib.sh's sql() runs on node 1 (never the killed one); login, req, post, check
export TEST_DIR="$CDIR/db1"
STANDALONE=0
if [ -z "${RESULTS:-}" ]; then
    STANDALONE=1
    mkdir -p tests/out
    export RESULTS="$ROOT/tests/out/cluster-results.tsv"
    : >"$RESULTS"
fi
export TEST_FILE=test_cluster
source tests/lib.sh
cl() { bash deploy/cluster/cluster.sh "$1" "$CDIR" "$CPORT" "${@:2}"; }
ctl() { build/portalctl --config "$CDIR/host1/portal.conf" "$@"; }
nsql() { cl sql "$1" "$2" 2>/dev/null; }

finish() {
    cl stop >"$ROOT/tests/out/cluster-stop.log" 2>&1
    if [ $STANDALONE = 1 ]; then
        local p f
        p=$(grep -c '^PASS' "$RESULTS"); f=$(grep -c '^FAIL' "$RESULTS")
        [ "$f" = 0 ] || { echo "failures:"; grep '^FAIL' "$RESULTS" | sed 's/^/  /'; }
        echo "$p passed, $f failed"
        [ "$f" = 0 ]
    fi
}
trap finish EXIT

if [ ! -e /usr/lib/galera/libgalera_smm.so ] && ! bash deploy/local/deps.sh >/dev/null 2>&1; then
    echo "cluster: SKIPPED - galera-4 is not installed and could not be (deploy/local/deps.sh)"
    exit 0
fi
[ $STANDALONE = 0 ] || make -s -j2 all testmods >tests/out/cluster-build.log 2>&1 || { tail -20 tests/out/cluster-build.log; exit 1; }

echo "== a cluster: three Galera nodes, two portal hosts, a balancer (var/cluster)"
cl stop >/dev/null 2>&1
rm -rf "$CDIR"
start=$(date +%s)
if ! EXTRA_MODULES_DIR="$ROOT/build/testmods/testkit" EXTRA_MODULES_SRC="$ROOT/tests/modules" \
        REQUIRE_TOTP_ROLES="" REQUEST_TIMEOUT=20 cl start >tests/out/cluster-start.log 2>&1; then
    tail -20 tests/out/cluster-start.log
    record FAIL "the cluster starts" "(tests/out/cluster-start.log)"
    exit 1
fi
record PASS "the cluster starts ($(($(date +%s) - start)) s)"
for n in 1 2 3; do
    check "node $n is Synced in a cluster of 3" [ "$(nsql "$n" "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)" = 3 ]
done
ctl seed-demo >/dev/null

source tests/cluster/flows.sh
source tests/cluster/versions.sh
source tests/cluster/faults.sh
