#!/usr/bin/env bash
# make bench (from bench.sh), or alone: the education module's semester roll
# import at county scale on a private instance.  REGISTRY synthetic children
# (2,000) with known ID numbers (their HMAC from the instance's key file) and
# a roll of 50,000 pupils (ROWS) of one school: the registry children among
# them, the rest pupils who are not in the registry.  The commission uploads
# it as a CSV through Apache; then the same roll again (nothing changes).
# Prints "bench education-roll-import-50k seconds=... rows=... matched=...
# reimport_seconds=...".  Never a pass/fail on timing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${EDU_BENCH_DIR:-$ROOT/var/bench-education}
PORT=${EDU_BENCH_PORT:-${BENCH_PORT:-18550}}
ROWS=${EDU_BENCH_ROWS:-50000}
REGISTRY=${EDU_BENCH_REGISTRY:-2000}
# shellcheck source=instance.sh
source tests/bench/instance.sh
bench_user edubench 学籍导入压测 county_staff 500242000000 mz
DB "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at)
      SELECT id, 'education.manage', 'education', id, UTC_TIMESTAMP() FROM users WHERE username = 'edubench';
    INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('bench_school', '压测学校', 'school', '500242101000');
    INSERT IGNORE INTO edu_schools (org_id, school_code, level, township_code, boarding, updated_by, updated_at)
      SELECT id, '9900000001', 'junior', '500242101000', 0, 1, UTC_TIMESTAMP() FROM orgs WHERE code = 'bench_school'"
KEYFILE=$(sed -n 's/^key_file *= *//p' "$DIR/portal.conf")
WORK=$(mktemp -d)
# the registry children (SQL) and the roll (CSV), ID numbers with valid check characters
python3 - "$KEYFILE" "$ROWS" "$REGISTRY" "$WORK" <<'PY'
import base64, datetime, hmac, hashlib, random, sys
keyfile, rows, registry, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
mac = [l.split()[1] for l in open(keyfile) if l.startswith('mac ')][0]
key = base64.urlsafe_b64decode(mac + '=' * (-len(mac) % 4))
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idnum(n):  # a distinct (birth day, sequence) for each n below 3,650,000
    day = datetime.date(2011, 1, 1) + datetime.timedelta(days=n % 3650)
    f17 = '500242%s%03d' % (day.strftime('%Y%m%d'), n // 3650 % 1000)
    return f17 + '10X98765432'[sum(int(c) * w for c, w in zip(f17, W)) % 11]
random.seed(7)
ids = random.sample(range(3650000), rows)
with open(work + '/children.sql', 'w') as s, open(work + '/roll.csv', 'w') as c:
    c.write('姓名,身份证号,学校,年级,班级\n')
    for i, n in enumerate(ids):
        num, name = idnum(n), '压测学生%d' % i
        if i < registry:
            h = hmac.new(key, num.encode(), hashlib.sha256).hexdigest()
            s.write("INSERT IGNORE INTO children (name, sex, birth_date, id_hmac, township_code, "
                    "village_code, created_at, created_by, updated_at) VALUES ('%s', 1, '%s-%s-%s', "
                    "'%s', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP());\n"
                    % (name, num[6:10], num[10:12], num[12:14], h))
        c.write('%s,%s,9900000001,八年级,%d班\n' % (name, num, i % 12 + 1))
PY
mariadb --socket="$DIR/run/mysqld.sock" -uroot portal <"$WORK/children.sql"
J="$WORK/jar"
bench_login edubench "$J" >/dev/null
imp() { # one upload of the roll -> its HTTP status
    local t
    t=$(curl -s -b "$J" "$BASE/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
    curl -s -o /dev/null -w '%{http_code}' --max-time 900 -b "$J" -H "Origin: $BASE" -F "_csrf=$t" \
        -F "semester=2026-2" -F "file=@$WORK/roll.csv;type=text/csv" "$BASE/education/roll"
}
t0=$(date +%s.%N); c1=$(imp); t1=$(date +%s.%N); c2=$(imp); t2=$(date +%s.%N)
[ "$c1" = 303 ] && [ "$c2" = 303 ] || echo "bench: education: roll import answered $c1, $c2" >&2
read -r rows matched <<<"$(DB "SELECT rows_total, matched FROM edu_roll_imports ORDER BY id LIMIT 1")"
rm -rf "$WORK"
awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$rows" -v m="$matched" \
    'BEGIN{printf "bench education-roll-import-50k seconds=%.2f rows=%d matched=%d reimport_seconds=%.2f\n", b-a, n, m, c-b}'
