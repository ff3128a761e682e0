#!/usr/bin/env bash
# MariaDB's work per page in instructions (issue 17), the figure a shared
# machine does not move: the bench's instance (BENCH_DIR, seeded by
# bench.sh) runs with mariadbd under callgrind (instrumented only while
# counting), the portal and Apache as usual; each page is asked for
# BENCH_DB_INSTR_WARM times (200: with innodb_adaptive_hash_index on, its
# hash is built only after many alike searches), the counters are zeroed,
# the page is asked for BENCH_DB_INSTR_REQUESTS times (50) one after the
# other, and the server's
# instructions (every thread: the statements, their commits, the binary log,
# purge) are divided by them.  Prints "bench NAME-db-instructions
# per_request=N statements=N children=N" for dbpage (/about: the session's
# statement alone), list and file.  The kernel's part (fsync, sockets) is not
# counted: bench.sh's db_ms is.  Never a pass/fail.
#   BENCH_DB_INSTR_PAGES="name:/path ..."   other pages (as the township user)
#   BENCH_DB_INSTR_USER="name:password"     another user (the county's, a
#                                           village director's ...)
# Each line also gives handler_reads: the server's Handler_read_* (every
# index entry and row read) per request.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${BENCH_DIR:-$ROOT/var/bench}
PORT=${INSTR_BENCH_PORT:-18289}
N=${BENCH_DB_INSTR_REQUESTS:-50}
WARM=${BENCH_DB_INSTR_WARM:-200}
SOCK=$DIR/run/mysqld.sock
make -s -j2 all
inst() { bash deploy/local/instance.sh "$1" "$DIR" "$PORT" >/dev/null; }
stop() { inst stop 2>/dev/null || true; rm -f "$DIR"/log/callgrind.mariadbd.*; }
trap stop EXIT
# a first start writes the server's my.cnf (and migrates); then the server
# alone again under callgrind: valgrind can neither reserve InnoDB's default
# buffer pool address space nor follow io_uring
inst stop
inst start
inst stop
rm -f "$DIR/run/mysqld.pid"
setsid nohup valgrind --tool=callgrind --instr-atstart=no \
    --callgrind-out-file="$DIR/log/callgrind.mariadbd.%p" \
    mariadbd --defaults-file="$DIR/mariadb/my.cnf" --innodb-use-native-aio=0 \
    --innodb-buffer-pool-size-max="$(sed -n 's/^innodb_buffer_pool_size *= *//p' "$DIR/mariadb/my.cnf")" \
    >>"$DIR/log/mariadb.out" 2>&1 </dev/null &
for _ in $(seq 300); do
    mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1 && break
    sleep 1
done
MDB=$(cat "$DIR/run/mysqld.pid")
inst start # the portal and Apache, on the server already running
BASE="http://127.0.0.1:$PORT"
TEST_DIR=$DIR # tests/lib.sh: the instance and a folder for its cookie jars
OUT=$DIR/tmp
# shellcheck source=../lib.sh
source tests/lib.sh
DB() { mariadb --socket="$SOCK" -uroot -N -B portal -e "$1"; }
USER_PW=${BENCH_DB_INSTR_USER:-township:Town#2026portal}
DB "UPDATE users SET failed_count = 0, locked_until = NULL WHERE username = '${USER_PW%%:*}'"
PSID=$(session_id "${USER_PW%%:*}" "${USER_PW#*:}")
CHILD=$(DB "SELECT id FROM children WHERE township_code = '500242101000' ORDER BY id LIMIT 1")
KIDS=$(DB "SELECT COUNT(*) FROM children")
questions() { mariadb --socket="$SOCK" -uroot -N -B -e "SHOW GLOBAL STATUS LIKE 'Questions'" | cut -f2; }
reads() { mariadb --socket="$SOCK" -uroot -N -B -e "SHOW GLOBAL STATUS LIKE 'Handler_read%'" | awk '{n += $2} END {print n}'; }
callgrind_control -i on "$MDB" >/dev/null
pages=("dbpage:/about" "list:/children?township=500242101000" "file:/children/$CHILD")
[ -z "${BENCH_DB_INSTR_PAGES:-}" ] || read -r -a pages <<<"$BENCH_DB_INSTR_PAGES"
for spec in "${pages[@]}"; do
    name=${spec%%:*} path=${spec#*:}
    for _ in $(seq "$WARM"); do curl -s -o /dev/null -b "psid=$PSID" "$BASE$path"; done
    h0=$(reads)
    q0=$(questions)
    callgrind_control -z "$MDB" >/dev/null
    for _ in $(seq "$N"); do curl -s -o /dev/null -b "psid=$PSID" "$BASE$path"; done
    callgrind_control -d "$MDB" >/dev/null
    q1=$(questions)
    h1=$(reads)
    out=$(ls -t "$DIR"/log/callgrind.mariadbd."$MDB".* | head -n1)
    total=$(awk '/^summary:/ {print $2; exit}' "$out")
    rm -f "$DIR"/log/callgrind.mariadbd."$MDB".*
    # one Questions is the SHOW itself
    echo "bench $name-db-instructions per_request=$((total / N)) statements=$(awk -v q=$((q1 - q0 - 1)) -v n="$N" 'BEGIN{printf "%.1f", q/n}') handler_reads=$(((h1 - h0) / N)) children=$KIDS"
done
