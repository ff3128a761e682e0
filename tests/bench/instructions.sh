#!/usr/bin/env bash
# make bench (from bench.sh), or alone: the portal's own work per page in
# instructions, a figure a shared machine does not move (issue 17): one
# worker runs under callgrind on the bench's instance folder (BENCH_DIR,
# seeded by bench.sh), each page is asked for 5 times to warm the worker's
# caches, the counters are zeroed, the page is asked for
# BENCH_INSTR_REQUESTS times (30) and the worker's instructions are divided
# by them.  Prints "bench NAME-instructions per_request=N children=N" for
# hello, list and file.  The portal's CPU only: Apache and MariaDB are not
# counted (bench.sh's apache_ms and db_ms).  Never a pass/fail.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${BENCH_DIR:-$ROOT/var/bench}
PORT=${INSTR_BENCH_PORT:-18288}
N=${BENCH_INSTR_REQUESTS:-30}
export PORTAL_WRAPPER="valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=$DIR/log/callgrind.%p"
BENCH_WORKERS=1
rm -f "$DIR"/log/callgrind.*
# shellcheck source=instance.sh
source tests/bench/instance.sh
TEST_DIR=$DIR
# shellcheck source=../lib.sh
source tests/lib.sh
DB "UPDATE users SET failed_count = 0, locked_until = NULL WHERE username = 'township'"
PSID=$(session_id township 'Town#2026portal')
CHILD=$(DB "SELECT id FROM children WHERE township_code = '500242101000' ORDER BY id LIMIT 1")
KIDS=$(DB "SELECT COUNT(*) FROM children")
W=$(portal_worker_pids | head -n1)
for spec in "hello:/hello" "list:/children?township=500242101000" "file:/children/$CHILD"; do
    name=${spec%%:*} path=${spec#*:}
    for _ in 1 2 3 4 5; do curl -s -o /dev/null -b "psid=$PSID" "$BASE$path"; done
    callgrind_control -z "$W" >/dev/null 2>&1
    for _ in $(seq "$N"); do curl -s -o /dev/null -b "psid=$PSID" "$BASE$path"; done
    callgrind_control -d "$W" >/dev/null 2>&1
    out=$(ls -t "$DIR/log/callgrind.$W".* | head -n1)
    total=$(awk '/^summary:/ {print $2; exit}' "$out")
    echo "bench $name-instructions per_request=$((total / N)) children=$KIDS"
done
rm -f "$DIR"/log/callgrind.*
