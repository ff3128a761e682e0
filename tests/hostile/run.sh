#!/usr/bin/env bash
# make hostile: the hostile replay (tests/hostile/replay.py) for DURATION
# seconds (600 by default) against a private instance (var/hostile) running
# the ASan/UBSan build of the portal and modules (HOSTILE_BUILD=build: the
# normal build).  Fails when a worker died by a signal or a sanitizer
# reported anything.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${HOSTILE_DIR:-$ROOT/var/hostile}
PORT=${HOSTILE_PORT:-18380}
export PORTAL_BUILD=${HOSTILE_BUILD:-build-asan}
# VALGRIND=1: the normal build's master and workers under valgrind memcheck
# (what ASan does not see: reads of uninitialised memory); its reports in
# DIR/log/vg.PID, summarised at the end; any error in them fails the run.
# Slow: 2 workers, a long request timeout, fewer replay threads.
if [ "${VALGRIND:-0}" = 1 ]; then
    export PORTAL_BUILD=build
    DIR=${HOSTILE_DIR:-$ROOT/var/vg} PORT=${HOSTILE_PORT:-18390}
    export PORTAL_WRAPPER="valgrind --tool=memcheck --track-origins=yes --error-limit=no --num-callers=30 --suppressions=$ROOT/tests/hostile/valgrind.supp --log-file=$DIR/log/vg.%p"
    export REQUEST_TIMEOUT=${REQUEST_TIMEOUT:-120} THREADS=${THREADS:-2} HOSTILE_WORKERS=${HOSTILE_WORKERS:-2}
fi
bash deploy/local/deps.sh --test >/dev/null
make -s -j2 all testmods
[ "$PORTAL_BUILD" = build ] || make -s -j2 asan
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
rm -rf "$DIR"
export EXTRA_MODULES_DIR="$ROOT/$PORTAL_BUILD/testmods/testkit" EXTRA_MODULES_SRC="$ROOT/tests/modules"
REQUEST_TIMEOUT=${REQUEST_TIMEOUT:-10} WORKERS=${HOSTILE_WORKERS:-4} MAX_REQUESTS=${MAX_REQUESTS:-2000} CORE_DUMPS=1 REQUIRE_TOTP_ROLES="" \
    bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
# as make run does: accounts, children, then the modules' demo data (which
# assigns some of those children to the demo partner)
"$PORTAL_BUILD/portalctl" --config "$DIR/portal.conf" seed-demo >/dev/null
"$PORTAL_BUILD/portalctl" --config "$DIR/portal.conf" seed --children "${HOSTILE_CHILDREN:-500}" >/dev/null
"$PORTAL_BUILD/portalctl" --config "$DIR/portal.conf" seed-demo --modules >/dev/null
"$PORTAL_BUILD/portalctl" --config "$DIR/portal.conf" module routes >"$DIR/routes.tsv"
rc=0
python3 tests/hostile/replay.py --base "http://127.0.0.1:$PORT" --instance "$DIR" \
    --routes "$DIR/routes.tsv" --duration "${DURATION:-600}" || rc=$?
if [ "${VALGRIND:-0}" = 1 ]; then
    stop   # valgrind writes each process's summary when it exits
    n=$(cat "$DIR"/log/vg.* 2>/dev/null | grep -c '^==[0-9]*== \(Invalid \|Conditional jump\|Use of uninitialised\|Syscall param\|Mismatched\|Source and destination\)' || true)
    echo "valgrind: $(ls "$DIR"/log/vg.* 2>/dev/null | wc -l) process logs, $n error reports (DIR/log/vg.*)"
    [ "$n" = 0 ] || rc=1
fi
exit $rc
