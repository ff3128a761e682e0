#!/usr/bin/env bash
# make bench (from bench.sh), or alone: the registry's ledger import at the
# size of its limit on a private instance.  One ledger of ROWS children
# (5,000, the per-file limit; REG_BENCH_ROWS) with new ID numbers is written
# as .xlsx, .xls and CSV (modules/registry/tests/make_ledger.py); a township
# user checks each (dry run: every row read through sheet_*, its ID number
# checked and looked up) and commits the .xlsx (every row written, encrypted,
# with its event and category, in one transaction).  Prints
# "bench registry-import rows=... xlsx_dry_seconds=... xls_dry_seconds=...
#  csv_dry_seconds=... xlsx_commit_seconds=... rows_per_s=...".
# Never a pass/fail on timing.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${REG_BENCH_DIR:-$PWD/var/bench-registry} PORT=${REG_BENCH_PORT:-18292} ROWS=${REG_BENCH_ROWS:-5000}
# shellcheck source=instance.sh
source tests/bench/instance.sh
bench_user regimp 台账导入压测 township_staff 500242101000 lt_gov
DB "DELETE FROM registry_dup_checks"
for t in child_events child_categories child_family; do # a run before this one (the instance stays)
    DB "DELETE FROM $t WHERE child_id IN (SELECT id FROM children WHERE name LIKE '压测%')"
done
DB "DELETE FROM children WHERE name LIKE '压测%'"
WORK=$(mktemp -d)
JAR="$WORK/jar"
bench_login regimp "$JAR" >/dev/null
tok=$(curl -s -b "$JAR" "$BASE/children/import" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
# ROWS children with valid, new ID numbers (sequence 9xx: the seed uses others)
/usr/bin/python3 - "$ROWS" >"$WORK/ledger.tsv" <<'EOF'
import datetime, sys
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
chars = "甲乙丙丁戊己庚辛壬癸春夏秋冬东南西北山水"  # names hold no digits
print("\t".join(["姓名", "性别", "出生日期", "民族", "身份证号", "无证原因", "村（居）代码",
                 "户籍地址", "现住址", "类别", "认定依据", "开始日期"]))
day = datetime.date(2009, 1, 1)
for i in range(int(sys.argv[1])):
    birth = day + datetime.timedelta(days=i // 40)
    seq = 901 + (i % 40) * 2
    f17 = "500242%s%03d" % (birth.strftime("%Y%m%d"), seq)
    check = "10X98765432"[sum(int(c) * k for c, k in zip(f17, w)) % 11]
    name = "压测" + "".join(chars[i // 20 ** k % 20] for k in (2, 1, 0))
    print("\t".join([name, "男", "d:" + birth.isoformat(), "土家族", f17 + check, "",
                     "500242101001", "", "", "低保", "压测批复", "d:2025-01-01"]))
EOF
MK="/usr/bin/python3 modules/registry/tests/make_ledger.py"
$MK "$WORK/ledger.xlsx" <"$WORK/ledger.tsv"
$MK "$WORK/ledger.xls" <"$WORK/ledger.tsv"
sed 's/\td:/\t/g; s/\t/,/g' "$WORK/ledger.tsv" >"$WORK/ledger.csv"
post() { # post FILE MODE -> seconds; the status in $WORK/status
    local t0 t1
    t0=$(date +%s.%N)
    curl -s --max-time 900 -b "$JAR" -o "$WORK/body" -w '%{http_code}' -H "Origin: $BASE" \
        -F "_csrf=$tok" -F "mode=$2" -F "file=@$1" "$BASE/children/import" >"$WORK/status"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}'
}
xd=$(post "$WORK/ledger.xlsx" dry); grep -qF 'value="commit"' "$WORK/body" || echo "bench: registry: the .xlsx dry run did not pass" >&2
ld=$(post "$WORK/ledger.xls" dry); grep -qF 'value="commit"' "$WORK/body" || echo "bench: registry: the .xls dry run did not pass" >&2
cd_=$(post "$WORK/ledger.csv" dry); grep -qF 'value="commit"' "$WORK/body" || echo "bench: registry: the CSV dry run did not pass" >&2
xc=$(post "$WORK/ledger.xlsx" commit)
[ "$(cat "$WORK/status")" = 303 ] || echo "bench: registry: the commit answered $(cat "$WORK/status"):" \
    "$(tr -d '\n' <"$WORK/body" | grep -o 'form-error[^<]*<\|<td>[0-9]*</td><td>[^<]*</td><td>[^<]*' | head -3)" >&2
n=$(DB "SELECT COUNT(*) FROM children WHERE name LIKE '压测%'")
rm -rf "$WORK"
awk -v n="$n" -v xd="$xd" -v ld="$ld" -v cd="$cd_" -v xc="$xc" 'BEGIN{printf "bench registry-import rows=%d xlsx_dry_seconds=%s xls_dry_seconds=%s csv_dry_seconds=%s xlsx_commit_seconds=%s rows_per_s=%.0f\n", n, xd, ld, cd, xc, (xc > 0 ? n / xc : 0)}'
