#!/usr/bin/env bash
# make bench (from bench.sh), or alone: the village directors' plan at
# county scale on a private instance: CHILDREN synthetic children
# (VIL_BENCH_CHILDREN, 5,000; a county holds thousands of files) with three
# visits each, a director for every village.  Times the county's overdue
# page (the plan of every child, per township and per director), a township
# supervisor's list of children with their next visit, and a director's
# list.  Prints "bench village-overdue children=... visits=... seconds=..."
# and "bench village-plan township_seconds=... director_seconds=...".  Then a
# director of two villages whose account's division is the township (a
# set-of-villages scope, issue 15) against the township's staff: the mean of
# ROUNDS requests of the registry list and a search by name, "bench
# village-scope list_director_ms=... list_township_ms=... search_...".
# Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${VIL_BENCH_DIR:-$ROOT/var/bench-village}
PORT=${VIL_BENCH_PORT:-${BENCH_PORT:-18850}}
CHILDREN=${VIL_BENCH_CHILDREN:-5000}
# shellcheck source=instance.sh
source tests/bench/instance.sh
TEST_DIR="$DIR"
# shellcheck source=../lib.sh
source tests/lib.sh   # login, sql
have=$(DB "SELECT COUNT(*) FROM children")
[ "$have" -ge "$CHILDREN" ] || CTL seed --children $((CHILDREN - have))
bench_user vbcounty 走访压测县 county_staff 500242000000 mz
bench_user vbtown 走访压测镇 child_supervisor 500242101000 lt_gov
bench_user vbdir 走访压测主任 village_director 500242101001 lt_gov
DB "INSERT INTO village_directors (user_id, village_code, start_date, created_by, created_at)
    SELECT u.id, v.code, '2026-01-01', u.id, UTC_TIMESTAMP() FROM users u JOIN divisions v
    ON v.level = 'village' AND v.code LIKE CONCAT(LEFT(u.division_code, 9), '%')
    WHERE u.username = 'vbdir' AND NOT EXISTS (SELECT 1 FROM village_directors d WHERE d.village_code = v.code)"
if [ "$(DB "SELECT COUNT(*) FROM village_visits")" -lt "$((CHILDREN * 3))" ]; then
    DB "DELETE FROM village_visits"
    DB "INSERT INTO village_visits (child_id, village_code, township_code, visit_date, kind, seen, told, user_id, created_at)
        SELECT c.id, c.village_code, c.township_code, UTC_DATE() - INTERVAL (n.k * 40 + c.id % 60) DAY,
               'visit', '压测', '压测', (SELECT id FROM users WHERE username = 'vbdir'), UTC_TIMESTAMP()
        FROM children c JOIN (SELECT 0 k UNION ALL SELECT 1 UNION ALL SELECT 2) n"
fi
timed() { # timed JAR PATH -> seconds (warns unless 200)
    local t0 t1 code
    t0=$(date +%s.%N)
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 300 -b "$1" "$BASE$2")
    t1=$(date +%s.%N)
    [ "$code" = 200 ] || echo "bench: village: $2 answered $code" >&2
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}'
}
CJ=$(login vbcounty 'Bench#2026portal'); TJ=$(login vbtown 'Bench#2026portal')
VJ=$(login vbdir 'Bench#2026portal')
timed "$CJ" /village/overdue >/dev/null   # warm the caches once
over=$(timed "$CJ" /village/overdue)
town=$(timed "$TJ" /village/children)
dir=$(timed "$VJ" /village/children)
# a director of two villages (granted as /village/directors grants them)
bench_user vbdir2 两村压测主任 village_director 500242101000 lt_gov
bench_user vbstaff 范围压测镇 township_staff 500242101000 lt_gov
DB "INSERT INTO village_directors (user_id, village_code, start_date, created_by, created_at)
    SELECT u.id, v.code, '2026-01-01', u.id, UTC_TIMESTAMP() FROM users u
    JOIN (SELECT '500242101001' code UNION ALL SELECT '500242101002') v ON u.username = 'vbdir2'
    WHERE NOT EXISTS (SELECT 1 FROM village_directors d WHERE d.user_id = u.id AND d.village_code = v.code)"
DB "INSERT IGNORE INTO user_scope_divisions (user_id, division_code, valid_from, module, source_id, updated_by, updated_at)
    SELECT d.user_id, d.village_code, d.start_date, 'village', d.id, d.user_id, UTC_TIMESTAMP()
    FROM village_directors d JOIN users u ON u.id = d.user_id AND u.username = 'vbdir2'"
ROUNDS=${VIL_BENCH_ROUNDS:-10}
mean_ms() { # mean_ms JAR PATH -> the mean milliseconds of ROUNDS requests
    local t0 t1 i
    curl -s -o /dev/null -b "$1" "$BASE$2"
    t0=$(date +%s.%N)
    for i in $(seq 1 "$ROUNDS"); do curl -s -o /dev/null --max-time 120 -b "$1" "$BASE$2"; done
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" -v n="$ROUNDS" 'BEGIN{printf "%.1f", (b-a)*1000/n}'
}
D2=$(login vbdir2 'Bench#2026portal'); SJ=$(login vbstaff 'Bench#2026portal')
scope="list_director_ms=$(mean_ms "$D2" /children) list_township_ms=$(mean_ms "$SJ" /children)"
scope="$scope search_director_ms=$(mean_ms "$D2" "/children?q=%E5%BC%A0") search_township_ms=$(mean_ms "$SJ" "/children?q=%E5%BC%A0")"
rm -rf "$OUT"
echo "bench village-overdue children=$(DB "SELECT COUNT(*) FROM children") visits=$(DB "SELECT COUNT(*) FROM village_visits") seconds=$over"
echo "bench village-plan township_seconds=$town director_seconds=$dir"
echo "bench village-scope $scope"
