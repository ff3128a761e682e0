#!/usr/bin/env bash
# make bench (from bench.sh), or alone: mandatory reports at county scale on
# a private instance.  A village child director files GD_BENCH_REPORTS (200)
# reports through the form - each encrypted, three urgent tasks, a timeline
# event, the audit - one request at a time; then the reports are copied by
# SQL up to GD_BENCH_TOTAL (20,000: years of a county's reports) and the
# county's case list (need-to-know filter), the statistics page, one case
# page (decrypting) and a child's file with the panel are timed.  Prints
# "bench guardianship-file reports=... seconds=... per_s=..." and
# "bench guardianship-read total=... list_seconds=... stats_seconds=...
#  case_seconds=... file_seconds=...".  Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${GD_BENCH_DIR:-$ROOT/var/bench-guardianship}
PORT=${GD_BENCH_PORT:-$((${BENCH_PORT:-18280} + 30))}
REPORTS=${GD_BENCH_REPORTS:-200}
TOTAL=${GD_BENCH_TOTAL:-20000}
# shellcheck source=instance.sh
source tests/bench/instance.sh
[ "$(DB "SELECT COUNT(*) FROM children")" -ge 2000 ] || CTL seed --children 2000
bench_user gdbrep 儿童主任压测 village_director 500242101000 lt_gov
bench_user gdbcty 县未保压测 protection_county 500242000000 mz
RJ=$(mktemp); CJ=$(mktemp)
rtok=$(bench_login gdbrep "$RJ"); bench_login gdbcty "$CJ" >/dev/null
mapfile -t KIDS < <(DB "SELECT id FROM children WHERE township_code = '500242101000' ORDER BY id LIMIT $REPORTS")
police=$(DB "SELECT id FROM orgs WHERE kind = 'police_station' LIMIT 1")
t0=$(date +%s.%N)
for i in $(seq 0 $((REPORTS - 1))); do
    c=${KIDS[$((i % ${#KIDS[@]}))]}
    curl -s -o /dev/null -b "$RJ" -H "Origin: $BASE" --data-urlencode "_csrf=$rtok" --data "child=$c" \
        --data source=village --data situation=abandoned --data found_at=2026-12-01T08:00 \
        --data-urlencode "facts=压测报告 $i：长期无人照料" --data "police_org=$police" \
        --data police_at=2026-12-01T08:20 --data "police_receipt=B$i" "$BASE/guardianship/report"
done
t1=$(date +%s.%N)
FILED=$(DB "SELECT COUNT(*) FROM gd_reports")
while [ "$(DB "SELECT COUNT(*) FROM gd_reports")" -lt "$TOTAL" ]; do
    DB "INSERT INTO gd_reports (child_id, division_code, situation, source, facts_enc, reporter_enc,
          reporter_user_id, found_at, police_org_id, police_at, police_receipt, reported_at, safety_due, stage)
        SELECT child_id, division_code, situation, source, facts_enc, reporter_enc, reporter_user_id,
          found_at - INTERVAL id DAY, police_org_id, police_at - INTERVAL id DAY, police_receipt,
          reported_at - INTERVAL id DAY, safety_due - INTERVAL id DAY, 'closed'
        FROM gd_reports ORDER BY id LIMIT $((TOTAL - $(DB "SELECT COUNT(*) FROM gd_reports")))"
done
ALL=$(DB "SELECT COUNT(*) FROM gd_reports")
last=$(DB "SELECT MIN(id) FROM gd_reports")
timed() { local a b; a=$(date +%s.%N); curl -s -o /dev/null --max-time 300 -b "$CJ" "$BASE$1"; b=$(date +%s.%N); awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b-a}'; }
LIST=$(timed /guardianship/reports)
STATS=$(timed "/guardianship/stats?year=2026")
CASE=$(timed "/guardianship/reports/$last")
FILE=$(timed "/children/${KIDS[0]}")
rm -f "$RJ" "$CJ"
awk -v a="$t0" -v b="$t1" -v n="$FILED" 'BEGIN{printf "bench guardianship-file reports=%d seconds=%.1f per_s=%.1f\n", n, b-a, n/(b-a)}'
echo "bench guardianship-read total=$ALL list_seconds=$LIST stats_seconds=$STATS case_seconds=$CASE file_seconds=$FILE"
