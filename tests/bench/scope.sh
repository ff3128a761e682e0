#!/usr/bin/env bash
# make bench (from bench.sh), or alone: a set-of-villages scope (issue 15) at
# county scale on a private instance: CHILDREN synthetic children
# (SCOPE_BENCH_CHILDREN, 20,000), a village child director of two villages
# of 龙潭镇 (their account's division the township) and a township user.
# Times ROUNDS requests of the registry list, a search by name and the
# director's "my children" for each.  Prints
# "bench scope-list children=... director_ms=... township_ms=..." (the mean
# of a request) and the same for scope-search and scope-village.
# Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${SCOPE_BENCH_DIR:-$ROOT/var/bench-scope}
PORT=${SCOPE_BENCH_PORT:-${BENCH_PORT:-18870}}
CHILDREN=${SCOPE_BENCH_CHILDREN:-20000}
ROUNDS=${SCOPE_BENCH_ROUNDS:-20}
make -s -j2 all
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
WORKERS=2 bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
BASE="http://127.0.0.1:$PORT" TEST_DIR="$DIR"
# shellcheck source=../lib.sh
source tests/lib.sh   # login, sql
DB() { sql "$1"; }
CTL() { build/portalctl --config "$DIR/portal.conf" "$@" >/dev/null 2>&1 || true; }
CTL seed-demo
have=$(DB "SELECT COUNT(*) FROM children")
[ "$have" -ge "$CHILDREN" ] || CTL seed --children $((CHILDREN - have))
CTL user add sbdir --display-name 两村压测主任 --role village_director --division 500242101000 --org lt_gov --password 'Bench#2026portal'
CTL user add sbtown --display-name 范围压测镇 --role township_staff --division 500242101000 --org lt_gov --password 'Bench#2026portal'
DB "UPDATE users SET failed_count = 0, locked_until = NULL WHERE username LIKE 'sb%'"
DB "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at)
    SELECT id, 'village.visit', 'village', id, UTC_TIMESTAMP() FROM users WHERE username = 'sbtown'"
# the two villages granted as /village/directors grants them
DB "INSERT INTO village_directors (user_id, village_code, start_date, created_by, created_at)
    SELECT u.id, v.code, '2026-01-01', u.id, UTC_TIMESTAMP() FROM users u
    JOIN (SELECT '500242101001' code UNION ALL SELECT '500242101002') v
    WHERE u.username = 'sbdir' AND NOT EXISTS (SELECT 1 FROM village_directors d WHERE d.user_id = u.id AND d.village_code = v.code)"
DB "INSERT IGNORE INTO user_scope_divisions (user_id, division_code, valid_from, module, source_id, updated_by, updated_at)
    SELECT d.user_id, d.village_code, d.start_date, 'village', d.id, d.user_id, UTC_TIMESTAMP()
    FROM village_directors d JOIN users u ON u.id = d.user_id WHERE u.username = 'sbdir'"
mean_ms() { # mean_ms JAR PATH -> the mean milliseconds of ROUNDS requests (warns unless 200)
    local t0 t1 i code
    curl -s -o /dev/null -b "$1" "$BASE$2"   # warm
    t0=$(date +%s.%N)
    for i in $(seq 1 "$ROUNDS"); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 120 -b "$1" "$BASE$2")
        [ "$code" = 200 ] || echo "bench: scope: $2 answered $code" >&2
    done
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" -v n="$ROUNDS" 'BEGIN{printf "%.1f", (b-a)*1000/n}'
}
DJ=$(login sbdir 'Bench#2026portal'); TJ=$(login sbtown 'Bench#2026portal')
n=$(DB "SELECT COUNT(*) FROM children")
echo "bench scope-list children=$n director_ms=$(mean_ms "$DJ" /children) township_ms=$(mean_ms "$TJ" /children)"
echo "bench scope-search children=$n director_ms=$(mean_ms "$DJ" "/children?q=%E5%BC%A0") township_ms=$(mean_ms "$TJ" "/children?q=%E5%BC%A0")"
echo "bench scope-village children=$n director_ms=$(mean_ms "$DJ" /village/children) township_ms=$(mean_ms "$TJ" /village/children)"
rm -rf "${OUT:-/nonexistent}"
