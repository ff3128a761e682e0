#!/usr/bin/env bash
# make bench (the last line of bench.sh), or alone: the medical module's
# premium subsidy list for a year drawn over the 100,000 children bench.sh
# seeds (on the same instance, var/bench; seeded here when run alone),
# every child holding a qualifying category.  One POST draws the whole list
# (one INSERT ... SELECT in the user's scope); then the list is exported as
# .xlsx with the ID numbers decrypted.  The bench year (2100) is cleared
# first, so each run measures a full draw.  Prints
# "bench medical-premiums-100k seconds=... lines=... xlsx_seconds=... xlsx_bytes=...".
# Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${BENCH_DIR:-$ROOT/var/bench}
PORT=${BENCH_PORT:-18280}
# shellcheck source=instance.sh
source tests/bench/instance.sh
have=$(DB "SELECT COUNT(*) FROM children")
[ "$have" -ge 100000 ] || CTL seed --children $((100000 - have))
# every child in a category the list subsidises (as bench.sh does)
DB "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by)
    SELECT c.id, 'dibao', 'bench', '2024-01-01', 1 FROM children c WHERE NOT EXISTS (
      SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.end_date IS NULL
      AND k.category IN ('orphan', 'de_facto_unsupported', 'tekun', 'dibao'))"
DB "DELETE FROM medical_premium_lines WHERE year = 2100; DELETE FROM medical_premium_years WHERE year = 2100"
bench_user benchmed 参保资助压测 county_staff 500242000000 mz
JAR=$(mktemp); OUTF=$(mktemp)
tok=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
curl -s -c "$JAR" -b "$JAR" -o /dev/null -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
    --data-urlencode username=benchmed --data-urlencode 'password=Bench#2026portal' "$BASE/login"
tok=$(curl -s -b "$JAR" "$BASE/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
t0=$(date +%s.%N)
gcode=$(curl -s -o /dev/null -w '%{http_code}' --max-time 900 -b "$JAR" -H "Origin: $BASE" \
    --data-urlencode "_csrf=$tok" --data year=2100 --data enrol_date=2100-01-01 \
    "$BASE/medical/premiums/generate")
t1=$(date +%s.%N)
xcode=$(curl -s -o "$OUTF" -w '%{http_code}' --max-time 900 -b "$JAR" \
    "$BASE/medical/premiums/2100/export?format=xlsx")
t2=$(date +%s.%N)
LINES=$(DB "SELECT COUNT(*) FROM medical_premium_lines WHERE year = 2100")
XBYTES=$(stat -c %s "$OUTF")
rm -f "$JAR" "$OUTF"
[ "$gcode" = 303 ] && [ "$xcode" = 200 ] || echo "bench: medical: generate answered $gcode, export $xcode" >&2
awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$LINES" -v xb="$XBYTES" \
    'BEGIN{printf "bench medical-premiums-100k seconds=%.2f lines=%d xlsx_seconds=%.2f xlsx_bytes=%d\n", b-a, n, c-b, xb}'
