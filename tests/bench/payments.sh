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
make -s -j2 all build/testmods/testkit/testkit.so
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
EXTRA_MODULES_DIR="$ROOT/build/testmods/testkit" EXTRA_MODULES_SRC="$ROOT/tests/modules" \
    REQUEST_TIMEOUT=900 WORKERS=2 bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
BASE="http://127.0.0.1:$PORT"
DB() { mariadb --socket="$DIR/run/mysqld.sock" -uroot -N -B portal -e "$1"; }
CTL() { build/portalctl --config "$DIR/portal.conf" "$@" >/dev/null 2>&1 || true; }
CTL seed-demo
have=$(DB "SELECT COUNT(*) FROM children")
[ "$have" -ge "$CHILDREN" ] || CTL seed --children $((CHILDREN - have))
CTL user add paypost --display-name 台账录入压测 --role county_staff --division 500242000000 --org mz --password 'Bench#2026portal'
CTL user add payrev --display-name 台账复核压测 --role county_staff --division 500242000000 --org mz --password 'Bench#2026portal'
CTL user add paylock --display-name 台账锁定压测 --role county_staff --division 500242000000 --org mz --password 'Bench#2026portal'
DB "UPDATE users SET failed_count = 0, locked_until = NULL WHERE username IN ('paypost', 'payrev', 'paylock')"
login() { # login USER JAR -> the CSRF token of the home page
    local tok
    tok=$(curl -s -c "$2" -b "$2" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
    curl -s -c "$2" -b "$2" -o /dev/null -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
        --data-urlencode "username=$1" --data-urlencode "password=Bench#2026portal" "$BASE/login"
    curl -s -b "$2" "$BASE/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1
}
PJ=$(mktemp); RJ=$(mktemp); LJ=$(mktemp); OUTF=$(mktemp)
ptok=$(login paypost "$PJ"); rtok=$(login payrev "$RJ"); ltok=$(login paylock "$LJ")
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
