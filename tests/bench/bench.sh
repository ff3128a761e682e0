#!/usr/bin/env bash
# make bench: wrk against the real stack (Apache -> portal -> MariaDB) on a
# private instance, all targets in one run so the ratios compare like with
# like.  Prints "bench NAME req_s=... p50_ms=... p99_ms=..." per target and
# "ratio A/B=0.NN" lines.  Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR="$ROOT/var/bench"
PORT=${BENCH_PORT:-18280}
DURATION=${BENCH_SECONDS:-10}
CONN=${BENCH_CONNECTIONS:-32}
bash deploy/local/deps.sh --test >/dev/null
make -s -j2 all
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
WORKERS=${WORKERS:-8} MAX_REQUESTS=100000 bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
BASE="http://127.0.0.1:$PORT"

declare -A RPS
run() { # run NAME PATH
    local name=$1 path=$2 out
    out=$(wrk -t2 -c"$CONN" -d"${DURATION}s" --latency "$BASE$path")
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
ratio hello static
ratio dbpage hello
