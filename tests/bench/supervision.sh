#!/usr/bin/env bash
# make bench (from bench.sh), or alone: the supervision indicators at county
# scale on a private instance: 100,000 synthetic children (SV_BENCH_CHILDREN)
# in every village, each in a category, most with a grant and an attachment,
# 1,000,000 visits over the last year (ten a child) and 100,000 decided
# applications, generated with INSERT ... SELECT from the sequence engine
# (kept between runs).  Then the module's job computes the months (the
# twelve before are marked done, so it computes the month running and the
# one before, as on any night); `bench indicators-month seconds=` is the
# month before's own time as the job recorded it.  Then the county's
# dashboard under wrk against /hello.  Prints
# "bench indicators-month seconds=... job_seconds=... db_cpu_seconds=... children=...",
# "bench dashboard req_s=... about_req_s=... hello_req_s=...", the CPU per
# request of the dashboard and of /hello ("bench dashboard-cpu db_ms=...
# portal_ms=... statements=...") and "ratio dashboard/hello=...".
# Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${SV_BENCH_DIR:-$ROOT/var/bench-supervision}
PORT=${SV_BENCH_PORT:-${BENCH_PORT:-18150}}
CHILDREN=${SV_BENCH_CHILDREN:-100000}
export JOBS_INTERVAL=0   # no nightly run of its own: the bench runs the job itself
# shellcheck source=instance.sh
source tests/bench/instance.sh   # build, instance, demo data, DB, CTL, bench_user
TEST_DIR="$DIR"
# shellcheck source=../lib.sh
source tests/lib.sh   # login, session_id
bench_user svbench 督查压测 county_leader 500242000000 mz

if [ "$(DB "SELECT COUNT(*) FROM children WHERE name LIKE '督查压测%'")" -lt "$CHILDREN" ]; then
    t0=$(date +%s.%N)
    DB "INSERT INTO children (name, sex, birth_date, township_code, village_code, id_hmac, no_id_reason,
            status, created_at, created_by, updated_at)
        SELECT CONCAT('督查压测', s.seq), 1 + s.seq % 2, UTC_DATE() - INTERVAL (200 + s.seq % 6300) DAY,
               CONCAT(LEFT(v.code, 9), '000'), v.code, IF(s.seq % 20 = 0, NULL, SHA2(CONCAT('svb', s.seq), 256)),
               NULL, 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()
        FROM seq_1_to_$CHILDREN s
        JOIN (SELECT code, ROW_NUMBER() OVER (ORDER BY code) - 1 rn FROM divisions WHERE level = 'village') v
          ON v.rn = s.seq % (SELECT COUNT(*) FROM divisions WHERE level = 'village')"
    DB "CREATE TEMPORARY TABLE b (id BIGINT PRIMARY KEY) SELECT id FROM children WHERE name LIKE '督查压测%';
        INSERT INTO child_categories (child_id, category, basis, start_date, entered_by)
        SELECT id, ELT(1 + id % 5, 'orphan', 'de_facto_unsupported', 'tekun', 'dibao', 'guardianship'),
               IF(id % 50 = 0, '', '压测依据'), UTC_DATE() - INTERVAL 500 DAY, 1 FROM b;
        INSERT INTO living_grants (child_id, benefit, subtype, start_month, created_at)
        SELECT id, ELT(1 + id % 5, 'orphan', 'de_facto_unsupported', 'tekun', 'dibao'), 'scattered',
               DATE_FORMAT(UTC_DATE() - INTERVAL 400 DAY, '%Y-%m-01'), UTC_TIMESTAMP() FROM b
        WHERE id % 5 <> 4 AND id % 7 <> 0;
        INSERT INTO child_attachments (child_id, kind, filename, content_type, size, sha256, stored_name, uploaded_by, uploaded_at)
        SELECT id, '压测', 'b.pdf', 'application/pdf', 1, SHA2(id, 256), SHA2(id, 256), 1, UTC_TIMESTAMP() - INTERVAL 400 DAY
        FROM b WHERE id % 3 <> 0;
        INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index, step_code,
            status, started_at, step_started, total_used_days, created_by)
        SELECT 'living', 'dibao', c.id, c.village_code, c.township_code, 3, 'decide', IF(c.id % 9 = 0, 'rejected', 'approved'),
               UTC_TIMESTAMP() - INTERVAL (c.id % 365 + 30) DAY, UTC_DATE() - INTERVAL (c.id % 365) DAY, c.id % 40, 1
        FROM children c JOIN b ON b.id = c.id;
        INSERT INTO wf_actions (app_id, step_code, action, user_id, at)
        SELECT a.id, 'decide', IF(a.status = 'approved', 'approve', 'reject'), 1, UTC_TIMESTAMP() - INTERVAL (a.child_id % 365) DAY
        FROM wf_applications a JOIN b ON b.id = a.child_id;
        INSERT INTO village_visits (child_id, village_code, township_code, visit_date, kind, seen, user_id, created_at)
        SELECT c.id, c.village_code, c.township_code, UTC_DATE() - INTERVAL ((s.seq * 37 + c.id) % 365) DAY,
               IF((s.seq + c.id) % 10 = 0, 'phone', 'visit'), '压测', 1, UTC_TIMESTAMP()
        FROM children c JOIN b ON b.id = c.id JOIN seq_1_to_10 s"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "bench supervision-data seconds=%.1f\n", b-a}'
fi
# the twelve older months count as done: the job computes the month running and the one before
DB "DELETE FROM supervision_months;
    INSERT INTO supervision_months (month, as_of, computed_at)
    SELECT DATE_FORMAT(UTC_DATE() - INTERVAL s.seq MONTH, '%Y-%m-01'), UTC_DATE(), UTC_TIMESTAMP() FROM seq_2_to_12 s"
# the job as the master runs it nightly (portalctl job run: the same code,
# at once); cpu_seconds is what the database server spent on it, which the
# other work on a shared machine does not inflate
mysqld_cpu() { awk '{print $14 + $15}' "/proc/$(cat "$DIR/run/mysqld.pid")/stat"; }
c0=$(mysqld_cpu); t0=$(date +%s.%N)
build/portalctl --config "$DIR/portal.conf" job run supervision.indicators | grep -q done ||
    echo "bench: supervision: the job failed" >&2
t1=$(date +%s.%N); c1=$(mysqld_cpu)
month=$(DB "SELECT seconds_ms / 1000 FROM supervision_months WHERE month = DATE_FORMAT(UTC_DATE() - INTERVAL 1 MONTH, '%Y-%m-01')")
echo "bench indicators-month seconds=$month job_seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') months=2" \
     "db_cpu_seconds=$(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", (b-a)/hz}')" \
     "children=$(DB "SELECT COUNT(*) FROM children") visits=$(DB "SELECT COUNT(*) FROM village_visits")" \
     "applications=$(DB "SELECT COUNT(*) FROM wf_applications") load=$(cut -d' ' -f1 /proc/loadavg)"
PSID=$(session_id svbench 'Bench#2026portal')
# CPU per request (user + system ticks from /proc/PID/stat around the run,
# as bench.sh does): MariaDB's and the portal workers', steadier than req/s
# on a loaded machine; and the statements per request (Questions)
ticks_of() { # ticks_of db|portal: "pid ticks" of each of the group's processes now
    local p
    case $1 in
        db) p=$(cat "$DIR/run/mysqld.pid") ;;
        portal) p=$(pgrep -P "$(cat "$DIR/run/portal.pid")") ;;
    esac
    for p in $p; do
        awk -v p="$p" '{sub(/^.*\) /, ""); print p, $12 + $13}' "/proc/$p/stat" 2>/dev/null || true
    done
}
cpu_delta() { # cpu_delta BEFORE AFTER: the ticks spent by the processes in both
    awk 'NR == FNR {b[$1] = $2; next} ($1 in b) {t += $2 - b[$1]} END {print t + 0}' <(echo "$1") <(echo "$2")
}
questions() { DB "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{print $2}'; }
TICK=$(getconf CLK_TCK)
rps() { # rps NAME PATH [COOKIE]: req/s under wrk (one thread, 8 connections) into RPS_NAME, CPU and statements per request into CPU_NAME
    local -a hdr=()
    [ -n "${3:-}" ] && hdr=(-H "Cookie: psid=$3")
    local d0 p0 q0 out n
    d0=$(ticks_of db); p0=$(ticks_of portal); q0=$(questions)
    out=$(wrk -t1 -c8 -d"${BENCH_SECONDS:-5}s" "${hdr[@]}" "$BASE$2")
    local d1 p1; d1=$(ticks_of db); p1=$(ticks_of portal)
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    printf -v "RPS_$1" '%s' "$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    printf -v "CPU_$1" '%s' "$(awk -v d="$(cpu_delta "$d0" "$d1")" -v p="$(cpu_delta "$p0" "$p1")" \
        -v q="$(( $(questions) - q0 - 1 ))" -v n="$n" -v k="$TICK" \
        'BEGIN{ n = n ? n : 1; printf "db_ms=%.3f portal_ms=%.3f statements=%.1f", d*1000/k/n, p*1000/k/n, q/n }')"
}
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: psid=$PSID" "$BASE/supervision")
[ "$code" = 200 ] || echo "bench: supervision: the dashboard answered $code" >&2
rps dash /supervision "$PSID"; rps about /about "$PSID"; rps hello /hello
rm -rf "$OUT"
echo "bench dashboard req_s=$RPS_dash about_req_s=$RPS_about hello_req_s=$RPS_hello load=$(cut -d' ' -f1 /proc/loadavg)"
echo "bench dashboard-cpu $CPU_dash"
echo "bench hello-cpu $CPU_hello"
awk -v a="$RPS_dash" -v b="$RPS_hello" 'BEGIN{printf "ratio dashboard/hello=%.2f\n", a/b}'
