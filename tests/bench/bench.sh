#!/usr/bin/env bash
# make bench: wrk against the real stack (Apache -> portal -> MariaDB) on a
# private instance, all targets in one run so the ratios compare like with
# like.  Prints "bench NAME req_s=... p50_ms=... p99_ms=..." per target and
# "ratio A/B=0.NN" lines.  Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${BENCH_DIR:-$ROOT/var/bench}
PORT=${BENCH_PORT:-18280}
DURATION=${BENCH_SECONDS:-10}
CONN=${BENCH_CONNECTIONS:-32}
bash deploy/local/deps.sh --test >/dev/null
make -s -j2 all
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
WORKERS=${WORKERS:-8} MAX_REQUESTS=100000 CORE_DUMPS=1 bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
BASE="http://127.0.0.1:$PORT"

# the registry at county scale: 100,000 synthetic children (seed once per
# instance folder; a second run finds them there)
have=$(mariadb --socket="$DIR/run/mysqld.sock" -uroot -N -B portal -e "SELECT COUNT(*) FROM children")
if [ "$have" -lt 100000 ]; then
    t0=$(date +%s.%N)
    build/portalctl --config "$DIR/portal.conf" seed --children 100000 >"$DIR/log/seed.log"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "bench seed-100k seconds=%.1f\n", b-a}'
else
    build/portalctl --config "$DIR/portal.conf" seed-demo >/dev/null
    echo "bench seed-100k seconds=skipped (the instance already holds $have children)"
fi
# a logged-in township user: the session cookie for wrk
TEST_DIR=$DIR
# shellcheck source=../lib.sh
source tests/lib.sh
PSID=$(session_id township 'Town#2026portal')
[ -n "$PSID" ] || { echo "bench: the township user could not log in" >&2; exit 1; }
CHILD=$(mariadb --socket="$DIR/run/mysqld.sock" -uroot -N -B portal -e \
    "SELECT id FROM children WHERE township_code = '500242101000' ORDER BY id LIMIT 1")

# 200 users logging in at once (scrypt N=16384, r=8, p=1 per password check;
# the cost is in cgi/host/session.c): the POST's latency, all released together
DB_() { mariadb --socket="$DIR/run/mysqld.sock" -uroot -N -B portal -e "$1"; }
DB_ "UPDATE users SET failed_count = 0, locked_until = NULL WHERE username = 'township'"
python3 tests/bench/login.py --base "$BASE" -n "${BENCH_LOGINS:-200}"
python3 - <<'PY'
import hashlib, time
t = time.monotonic()
for _ in range(10):
    hashlib.scrypt(b"Town#2026portal", salt=b"0123456789abcdef", n=16384, r=8, p=1, maxmem=64 << 20, dklen=32)
print("bench scrypt-one ms=%.1f (N=16384 r=8 p=1, one core)" % ((time.monotonic() - t) * 100))
PY

declare -A RPS
run() { # run NAME PATH [COOKIE]
    local name=$1 path=$2 out
    local -a hdr=()
    [ -n "${3:-}" ] && hdr=(-H "Cookie: psid=$3")
    out=$(wrk -t2 -c"$CONN" -d"${DURATION}s" --latency "${hdr[@]}" "$BASE$path")
    local rps p50 p99 non2xx
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); printf "%.2f", v/1000}
        else if (v ~ /ms$/) {sub(/ms$/,"",v); printf "%.2f", v} else {sub(/s$/,"",v); printf "%.2f", v*1000} }'; }
    RPS[$name]=$rps
    echo "bench $name req_s=$rps p50_ms=$(ms "$p50") p99_ms=$(ms "$p99")${non2xx:+ non2xx=$non2xx}"
}
ratio() { awk -v a="${RPS[$1]}" -v b="${RPS[$2]}" -v n="$1/$2" 'BEGIN{printf "ratio %s=%.2f\n", n, a/b}'; }

run static /static/portal.css
run hello /hello
run dbpage /about
run list "/children?township=500242101000" "$PSID"
run file "/children/$CHILD" "$PSID"
ratio hello static
ratio dbpage hello
ratio list hello
ratio file hello

# the payments ledger: 100,000 lines posted through the services, the bank
# file and the .xlsx (an instance of its own, with the testkit module)
stop
bash tests/bench/payments.sh
# 基本生活保障 on the ledger at county scale (the same instance folder, restarted)
bash tests/bench/living.sh
