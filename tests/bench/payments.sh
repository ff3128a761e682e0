#!/usr/bin/env bash
# make bench (from bench.sh), or alone: the payments ledger at county scale
# on a private instance with the testkit module (it posts as any module
# would, through s->pay_line, one audited line at a time, committing every
# 5,000).  CHILDREN synthetic children (2,000; PAY_BENCH_CHILDREN=20000 for the
# county scale, which takes minutes at today's ~200 lines/s) get one line a month
# for five months, in one batch; one guardian account is registered
# through the services and copied to every child, so the bank file decrypts
# CHILDREN accounts.  Then the batch is reviewed by another user, locked by a third, its
# bank file and its .xlsx exported.  Prints
# "bench payments-ledger lines=... post_seconds=... lines_per_s=...
#  bankfile_seconds=... bankfile_rows=... xlsx_seconds=... xlsx_bytes=...".
# Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${PAY_BENCH_DIR:-$ROOT/var/bench-payments}
PORT=${PAY_BENCH_PORT:-18290}
CHILDREN=${PAY_BENCH_CHILDREN:-2000}
BENCH_TESTKIT=1
# shellcheck source=instance.sh
source tests/bench/instance.sh
have=$(DB "SELECT COUNT(*) FROM children")
[ "$have" -ge "$CHILDREN" ] || CTL seed --children $((CHILDREN - have))
bench_user paypost 台账录入压测 county_staff 500242000000 mz
bench_user payrev 台账复核压测 county_staff 500242000000 mz
bench_user paylock 台账锁定压测 county_staff 500242000000 mz
PJ=$(mktemp); RJ=$(mktemp); LJ=$(mktemp); OUTF=$(mktemp)
ptok=$(bench_login paypost "$PJ"); rtok=$(bench_login payrev "$RJ"); ltok=$(bench_login paylock "$LJ")
pay() { # pay FIELD=VALUE... -> the number answered
    local a args=()
    for a in "$@"; do args+=(--data-urlencode "$a"); done
    curl -s --max-time 900 -b "$PJ" -H "Origin: $BASE" --data-urlencode "_csrf=$ptok" "${args[@]}" \
        "$BASE/_test/pay" | sed -n 's|.*<p id="out">[a-z]*=\([0-9]*\)</p>.*|\1|p'
}
first=$(DB "SELECT MIN(id) FROM children")
pay op=account "child_id=$first" holder=监护人 bank=酉阳农商行 account=6228480012345678901 >/dev/null
DB "INSERT IGNORE INTO pay_payees (kind, child_id, holder, bank_name, account_enc, account_masked, updated_by, updated_at)
    SELECT 'account', c.id, a.holder, a.bank_name, a.account_enc, a.account_masked, a.updated_by, UTC_TIMESTAMP()
    FROM children c JOIN pay_payees a ON a.child_id = $first"
batch=$(pay op=open programme=aid period=2026-11 "title=压测批次$(date +%s)")
t0=$(date +%s.%N)
for m in 07 08 09 10 11; do
    pay op=bulk "batch_id=$batch" "count=$CHILDREN" "period=2026-$m" amount=165100 reason=压测 >/dev/null
done
t1=$(date +%s.%N)
LINES=$(DB "SELECT COUNT(*) FROM pay_lines WHERE batch_id = $batch")
# reviewed by one user, locked by another (separation of duties, issue 20)
curl -s -o /dev/null -b "$RJ" -H "Origin: $BASE" --data-urlencode "_csrf=$rtok" "$BASE/payments/batch/$batch/review"
curl -s -o /dev/null -b "$LJ" -H "Origin: $BASE" --data-urlencode "_csrf=$ltok" --data confirm=1 "$BASE/payments/batch/$batch/lock"
t2=$(date +%s.%N)
curl -s --max-time 900 -o "$OUTF" -b "$RJ" -H "Origin: $BASE" --data-urlencode "_csrf=$rtok" --data purpose=payment_check "$BASE/payments/batch/$batch/bank"
t3=$(date +%s.%N)
BROWS=$(($(wc -l <"$OUTF") - 1))
curl -s --max-time 900 -o "$OUTF" -b "$RJ" "$BASE/payments/batch/$batch/lines?purpose=payment_check"
t4=$(date +%s.%N)
XBYTES=$(stat -c %s "$OUTF")
rm -f "$PJ" "$RJ" "$LJ" "$OUTF"
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v n="$LINES" -v br="$BROWS" -v xb="$XBYTES" \
    'BEGIN{printf "bench payments-ledger lines=%d post_seconds=%.1f lines_per_s=%.0f bankfile_seconds=%.2f bankfile_rows=%d xlsx_seconds=%.2f xlsx_bytes=%d\n", n, b-a, n/(b-a), d-c, br, e-d, xb}'
