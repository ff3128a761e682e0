#!/usr/bin/env bash
# make bench (from bench.sh), or alone: a county's screening import - one
# spreadsheet of 50,000 children 0-6 (ID numbers, encrypted and looked up in
# the registry by HMAC; a minimal record each) into one round, all or
# nothing, through Apache on a private instance.  Prints
# "bench rehab-screening-import-50k seconds=... rows=... rows_per_s=...".
# Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${REHAB_BENCH_DIR:-$ROOT/var/bench-rehab}
PORT=${BENCH_PORT:-18390}
ROWS=${REHAB_BENCH_ROWS:-50000}
# shellcheck source=instance.sh
source tests/bench/instance.sh
bench_user rehabbench 筛查导入压测 county_staff 500242000000 mz
JAR=$(mktemp)
CSV=$(mktemp --suffix=.csv)
trap 'stop; rm -f "$JAR" "$CSV"' EXIT
bench_login rehabbench "$JAR" >/dev/null
csrf() { curl -s -b "$JAR" "$BASE/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1; }
org=$(DB "SELECT id FROM orgs WHERE code = 'demo_hospital'")
day=$(date -u +%F)
curl -s -b "$JAR" -o /dev/null -D "$JAR.h" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf)" \
    --data-urlencode "org=$org" --data-urlencode "township=500242101000" \
    --data-urlencode "day=$day" --data-urlencode "place=压测筛查点" "$BASE/rehab/rounds"
round=$(sed -n 's|^Location: /rehab/rounds/\([0-9]*\).*|\1|ip' "$JAR.h" | tr -d '\r')
rm -f "$JAR.h"
# synthetic children: unique valid ID numbers (GB 11643: the birth date and
# the check character right), born in the last 6 years, one in seven suspected
awk -v n="$ROWS" -v y="$(date -u +%Y)" 'BEGIN {
    split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
    print "身份证号,姓名,性别,出生日期,村（社区）代码,视力,听力,言语,肢体运动,智力,孤独症表现"
    for (i = 1; i <= n; i++) {
        by = y - 1 - (i % 5); bm = 1 + (i % 12); bd = 1 + (i % 28)
        # 420 birth dates (the lcm of 5, 12, 28): the sequence tells the rest apart
        f17 = sprintf("500242%04d%02d%02d%03d", by, bm, bd, int(i / 420) * 2 + (i % 2))
        sum = 0
        for (k = 1; k <= 17; k++) sum += substr(f17, k, 1) * w[k]
        printf "%s%s,压测童%d,%s,%04d-%02d-%02d,500242101001,正常,%s,正常,正常,正常,正常\n",
            f17, substr("10X98765432", sum % 11 + 1, 1), i, (i % 2 ? "男" : "女"), by, bm, bd,
            (i % 7 ? "正常" : "疑似")
    }
}' >"$CSV"
t0=$(date +%s.%N)
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 900 -b "$JAR" -H "Origin: $BASE" \
    -F "_csrf=$(csrf)" -F "file=@$CSV;type=text/csv" "$BASE/rehab/rounds/$round/import")
t1=$(date +%s.%N)
got=$(DB "SELECT COUNT(*) FROM rehab_screenings WHERE round_id = '$round'")
[ "$code" = 303 ] || echo "bench: rehab: the import answered $code" >&2
awk -v a="$t0" -v b="$t1" -v n="$got" \
    'BEGIN{printf "bench rehab-screening-import-50k seconds=%.2f rows=%d rows_per_s=%.0f\n", b-a, n, (b > a ? n/(b-a) : 0)}'
