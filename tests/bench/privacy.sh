#!/usr/bin/env bash
# make bench (from bench.sh), or alone: children's personal information
# (issue 19) at county scale on a private instance.  CHILDREN synthetic
# children (5,000; PRIV_BENCH_CHILDREN); half of them made old files (born
# 2000, categories ended in 2015, last event in 2016) so the retention rule
# finds them.  Times a county-wide registry export through export_begin
# (purpose, register, audit), the dry run page (what next month archives)
# and the module job privacy.archive archiving every due file.  Prints
# "bench privacy children=... export_seconds=... export_rows=...
#  dryrun_seconds=... due=... archive_seconds=... archived=...".
# Then a 10,000-row export with and without its per-child rows
# ("bench privacy-export-children rows=... before_seconds=... after_seconds=...").
# Never a pass/fail on timing.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${PRIV_BENCH_DIR:-$PWD/var/bench-privacy} PORT=${PRIV_BENCH_PORT:-18296}
CHILDREN=${PRIV_BENCH_CHILDREN:-5000}
# shellcheck source=instance.sh
source tests/bench/instance.sh
have=$(DB "SELECT COUNT(*) FROM children WHERE status <> 'archived'")
[ "$have" -ge "$CHILDREN" ] || CTL seed --children $((CHILDREN - have))
bench_user privbench 隐私压测 county_staff 500242000000 mz
# every other child an old file
DB "CREATE TEMPORARY TABLE old_ids AS SELECT id FROM children WHERE status <> 'archived' AND id % 2 = 0;
    UPDATE children SET birth_date = '2000-01-01', status = 'exited', updated_at = '2016-01-01' WHERE id IN (SELECT id FROM old_ids);
    UPDATE child_categories SET end_date = '2015-06-30' WHERE end_date IS NULL AND child_id IN (SELECT id FROM old_ids);
    UPDATE child_events SET at = '2016-01-01' WHERE child_id IN (SELECT id FROM old_ids)"
WORK=$(mktemp -d)
JAR="$WORK/jar"
bench_login privbench "$JAR" >/dev/null
t0=$(date +%s.%N)
curl -s --max-time 900 -o "$WORK/export.csv" -b "$JAR" "$BASE/children/export.csv?status=exited&purpose=stats"
t1=$(date +%s.%N)
curl -s --max-time 900 -o "$WORK/due.html" -b "$JAR" "$BASE/privacy/retention"
t2=$(date +%s.%N)
build/portalctl --config "$DIR/portal.conf" job run privacy.archive >/dev/null 2>&1 || echo "bench: privacy: the archive job failed" >&2
t3=$(date +%s.%N)
echo "bench privacy children=$(DB "SELECT COUNT(*) FROM children") export_seconds=$(echo "$t1 - $t0" | bc) export_rows=$(($(wc -l <"$WORK/export.csv") - 1)) dryrun_seconds=$(echo "$t2 - $t1" | bc) due=$(grep -c 'id="due-' "$WORK/due.html" || true) archive_seconds=$(echo "$t3 - $t2" | bc) archived=$(DB "SELECT COUNT(*) FROM child_archives")"
# the sharing register per child (issue 19 item 1): a 10,000-row export as
# statistics (its rows counted, no child recorded: the time before the per-
# child register) and the same export to another department (each child
# recorded in export_children after the file went out)
ROWS=${PRIV_BENCH_EXPORT_ROWS:-10000}
have=$(DB "SELECT COUNT(*) FROM children WHERE status <> 'archived'")
[ "$have" -ge "$ROWS" ] || CTL seed --children $((ROWS - have))
t4=$(date +%s.%N)
curl -s --max-time 900 -o "$WORK/stats.csv" -b "$JAR" "$BASE/children/export.csv?purpose=stats"
t5=$(date +%s.%N)
curl -s --max-time 900 -o "$WORK/dept.csv" -b "$JAR" -G "$BASE/children/export.csv" --data purpose=dept_assist --data-urlencode "recipient=县公安局（压测）"
t6=$(date +%s.%N)
last=$(DB "SELECT MAX(r.id) FROM export_register r JOIN users u ON u.id = r.user_id WHERE u.username = 'privbench'")
echo "bench privacy-export-children rows=$(($(wc -l <"$WORK/dept.csv") - 1)) before_seconds=$(echo "$t5 - $t4" | bc) after_seconds=$(echo "$t6 - $t5" | bc) children_recorded=$(DB "SELECT COUNT(*) FROM export_children WHERE export_id = $last")"
rm -rf "$WORK"
