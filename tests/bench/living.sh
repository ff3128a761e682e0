#!/usr/bin/env bash
# make bench (the last line of bench.sh), or alone: 基本生活保障 at county
# scale on the payments ledger.  On bench.sh's instance folder (its 100,000
# seeded children; seeded here when missing): a grant for every child (one
# SQL statement, after giving the children without a payable category a 低保
# one), one guardian account registered through the portal and copied to
# every child as a ledger payee (the bank file then decrypts 100,000 of
# them), then one month generated (POST /living/payments/generate as county
# staff: one pay_line per grant owed, rates read from the module's settings),
# reviewed by another clerk and locked by a third, and its bank file exported
# (POST /payments/batch/<id>/bank).  The ledger is append-only, so each run
# generates the latest month not generated yet on that instance (runs after
# the grants' start, 2025-01, find fewer lines: the figure says how many).
# Prints "bench payments-100k seconds=... bankfile_seconds=... lines=...
# month=... bankfile_rows=... total_fen=...".  Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${LIVING_BENCH_DIR:-${BENCH_DIR:-$ROOT/var/bench}}
PORT=${LIVING_BENCH_PORT:-${BENCH_PORT:-18280}}
BENCH_WORKERS=4
# shellcheck source=instance.sh
source tests/bench/instance.sh
TEST_DIR=$DIR
# shellcheck source=../lib.sh
source tests/lib.sh   # login, csrf, sql
have=$(sql "SELECT COUNT(*) FROM children")
[ "$have" -ge 100000 ] || build/portalctl --config "$DIR/portal.conf" seed --children $((100000 - have)) >"$DIR/log/seed.log"
CHILD=$(sql "SELECT id FROM children WHERE township_code = '500242101000' ORDER BY id LIMIT 1")
if [ "$(sql "SELECT COUNT(*) FROM living_grants")" -lt 100000 ]; then
    sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by)
        SELECT c.id, 'dibao', 'bench', '2024-01-01', 1 FROM children c WHERE NOT EXISTS (
          SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.end_date IS NULL
          AND k.category IN ('orphan', 'de_facto_unsupported', 'tekun', 'dibao'))"
    sql "INSERT INTO living_grants (child_id, benefit, subtype, care_level, start_month, created_at)
        SELECT k.child_id, k.cat, CASE k.cat WHEN 'dibao' THEN IF(k.child_id % 3 = 0, 'urban', 'rural')
          WHEN 'tekun' THEN 'basic' ELSE 'scattered' END,
          IF(k.cat = 'tekun', 'partial_care', NULL), '2025-01-01', UTC_TIMESTAMP()
        FROM (SELECT child_id, MIN(CAST(category AS CHAR)) cat FROM child_categories
              WHERE end_date IS NULL AND category IN ('orphan', 'de_facto_unsupported', 'tekun', 'dibao')
              GROUP BY child_id) k"
fi
for u in benchpay benchrev benchlock; do
    CTL user add "$u" --display-name "发放压测$u" --role county_staff --division 500242000000 --org mz \
        --password 'Bench#2026portal'
done
sql "UPDATE users SET failed_count = 0, locked_until = NULL WHERE username IN ('benchpay', 'benchrev', 'benchlock', 'township')"
if [ "$(sql "SELECT COUNT(*) FROM pay_payees WHERE kind = 'account'")" -lt 100000 ]; then
    TJ=$(login township 'Town#2026portal'); ttok=$(csrf "$TJ")
    curl -s -o /dev/null -b "$TJ" -H "Origin: $BASE" --data-urlencode "_csrf=$ttok" \
        --data-urlencode payee=监护人 --data-urlencode bank=酉阳农商行 \
        --data-urlencode account=6228480012345678901 "$BASE/living/children/$CHILD/account"
    sql "INSERT IGNORE INTO pay_payees (kind, child_id, holder, bank_name, account_enc, account_masked, updated_by, updated_at)
        SELECT 'account', c.id, a.holder, a.bank_name, a.account_enc, a.account_masked, a.updated_by, UTC_TIMESTAMP()
        FROM children c JOIN pay_payees a ON a.child_id = $CHILD"
fi
MONTH=$(date -u +%Y-%m)
for i in $(seq 0 240); do
    MONTH=$(date -u -d "$(date -u +%Y-%m-01) -$i month" +%Y-%m)
    [ "$(sql "SELECT COUNT(*) FROM living_ledger_months WHERE month = '$MONTH-01'")" = 0 ] && break
done
PJ=$(login benchpay 'Bench#2026portal'); ptok=$(csrf "$PJ")
RJ=$(login benchrev 'Bench#2026portal'); rtok=$(csrf "$RJ")
LJ=$(login benchlock 'Bench#2026portal'); ltok=$(csrf "$LJ")   # the reviewer does not lock (issue 20)
t0=$(date +%s.%N)
gcode=$(curl -s -o /dev/null -w '%{http_code}' --max-time 900 -b "$PJ" -H "Origin: $BASE" \
    --data-urlencode "_csrf=$ptok" --data-urlencode "month=$MONTH" "$BASE/living/payments/generate")
t1=$(date +%s.%N)
BATCH=$(sql "SELECT COALESCE(MAX(batch_id), 0) FROM living_ledger_months WHERE month = '$MONTH-01'")
curl -s -o /dev/null --max-time 900 -b "$RJ" -H "Origin: $BASE" --data-urlencode "_csrf=$rtok" "$BASE/payments/batch/$BATCH/review"
curl -s -o /dev/null --max-time 900 -b "$LJ" -H "Origin: $BASE" --data-urlencode "_csrf=$ltok" --data confirm=1 "$BASE/payments/batch/$BATCH/lock"
t2=$(date +%s.%N)
bcode=$(curl -s -o /dev/null -w '%{http_code}' --max-time 900 -b "$RJ" -H "Origin: $BASE" \
    --data-urlencode "_csrf=$rtok" --data purpose=payment_check "$BASE/payments/batch/$BATCH/bank")
t3=$(date +%s.%N)
LINES=$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id = $BATCH")
BROWS=$(sql "SELECT detail FROM audit_log WHERE action = 'payments.bankfile' AND object_id = '$BATCH' ORDER BY id DESC LIMIT 1" | cut -d' ' -f1-2 | tr ' ' '\n' | sed 's/^/bankfile_/' | tr '\n' ' ')
[ "$gcode" = 303 ] && [ "$bcode" = 200 ] || echo "bench: living: generate answered $gcode, bank file $bcode" >&2
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v n="$LINES" -v m="$MONTH" -v br="$BROWS" \
    'BEGIN{printf "bench payments-100k seconds=%.2f lines=%d lines_per_s=%.0f review_lock_seconds=%.2f bankfile_seconds=%.2f month=%s %s\n", b-a, n, n/(b-a), c-b, d-c, m, br}'
