#!/usr/bin/env bash
# make bench (from bench.sh), or alone: issue 18 / 20 money figures on a
# private instance with the testkit module.
#  1. OPENS clerks' requests (40) open the same programme's month at once
#     through Apache: the seconds, and the batches made (1: the key
#     one_open holds).
#  2. Batch approval (the host's wf_batch) against one at a time: APPS
#     (50) orphan applications of 基本生活保障 passed in one request, 50
#     others passed one request each, by a second township clerk.
# Prints "bench money-open parallel=... seconds=... batches=..." and
# "bench wf-batch apps=... batch_seconds=... single_seconds=...".
# Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${MONEY_BENCH_DIR:-$ROOT/var/bench-money}
PORT=${MONEY_BENCH_PORT:-18295}
OPENS=${MONEY_BENCH_OPENS:-40}
APPS=${MONEY_BENCH_APPS:-50}
BENCH_TESTKIT=1 BENCH_WORKERS=4
# shellcheck source=instance.sh
source tests/bench/instance.sh
bench_user moneya 龙潭镇经办压测甲 township_staff 500242101000 lt_gov
bench_user moneyb 龙潭镇经办压测乙 township_staff 500242101000 lt_gov
bench_user moneyc 县级压测 county_staff 500242000000 mz
export TEST_DIR=$DIR BASE
. tests/lib.sh   # login, csrf
AJ=$(login moneya 'Bench#2026portal' "$OUT/jar.a"); atok=$(csrf "$AJ")
BJ=$(login moneyb 'Bench#2026portal' "$OUT/jar.b"); btok=$(csrf "$BJ")
CJ=$(login moneyc 'Bench#2026portal' "$OUT/jar.c"); ctok=$(csrf "$CJ")
post() { # JAR TOKEN PATH FIELD=VALUE...
    local jar=$1 tok=$2 path=$3 a args=(); shift 3
    for a in "$@"; do args+=(--data-urlencode "$a"); done
    curl -s -o /dev/null --max-time 900 -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
        "${args[@]}" "$BASE$path"
}
now() { date +%s.%N; }

# ---- 1. concurrent opens of one month
prog="bench$(date +%s)"
t0=$(now)
for i in $(seq 1 "$OPENS"); do
    post "$CJ" "$ctok" /_test/pay op=open "programme=$prog" period=2027-06 "title=压测开批$i" &
done
wait
t1=$(now)
echo "bench money-open parallel=$OPENS seconds=$(echo "$t1 - $t0" | bc) batches=$(DB "SELECT COUNT(*) FROM pay_batches WHERE programme='$prog'")"

# ---- 2. batch approval against one at a time
rows=$(for i in $(seq 1 $((APPS * 2))); do printf "('批量压测%d', 1, '2016-05-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())," "$i"; done)
DB "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ${rows%,}"
first=$(DB "SELECT MIN(id) FROM children WHERE name LIKE '批量压测%' AND id NOT IN (SELECT child_id FROM wf_applications)")
for i in $(seq 0 $((APPS * 2 - 1))); do
    post "$AJ" "$atok" /living/apply "child=$((first + i))" benefit=orphan subtype=scattered
done
mapfile -t ids < <(DB "SELECT id FROM wf_applications WHERE child_id >= $first AND status = 'open' AND step_code = 'check' ORDER BY id")
args=(wf_confirm=1 opinion=批量压测)
for id in "${ids[@]:0:$APPS}"; do args+=("app=$id"); done
t0=$(now)
post "$BJ" "$btok" /living/applications/batch "${args[@]}"
t1=$(now)
for id in "${ids[@]:$APPS}"; do
    post "$BJ" "$btok" "/living/applications/$id/act" action=approve wf_confirm=1 opinion=逐件压测
done
t2=$(now)
echo "bench wf-batch apps=$APPS done=$(DB "SELECT COUNT(*) FROM wf_actions WHERE opinion='批量压测' AND app_id >= ${ids[0]}") batch_seconds=$(echo "$t1 - $t0" | bc) single_seconds=$(echo "$t2 - $t1" | bc)"
