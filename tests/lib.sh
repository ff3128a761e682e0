# tests/lib.sh - helpers for the integration tests, which drive the real
# stack (Apache -> portal -> MariaDB) of the test instance over HTTP.
# Sourced by tests/run.sh; each test file is run in its own subshell.
#
#   check NAME CONDITION...   run CONDITION (a command); record PASS or FAIL
#   req METHOD PATH [curl args]   -> $STATUS, $OUT/body, $OUT/headers
#   login USER PASSWORD [JAR]     -> cookie jar file; fails the test if it cannot
#   csrf JAR                      -> the CSRF token of the logged-in page
#   sql "QUERY"                   -> tab-separated rows, as the database root
#   body_has TEXT / body_lacks TEXT / header_has TEXT
#   post PATH JAR [curl args] / upload PATH JAR [curl -F args]: signed-in forms
#   post_page PATH JAR [curl args]: a form with the token of the last page read
#   loc_id PATH, make_id, file_child, uid_of, totp, children: see below
#
# Environment (set by run.sh): BASE, TEST_DIR, RESULTS, ROOT.  tests/bench and
# tests/soak source it too, for login and session_id (BASE and TEST_DIR set).

OUT=$(mktemp -d "${TMPDIR:-/tmp}/portal-test.XXXXXX")
STATUS=0

record() { # PASS|FAIL name [detail]
    local verdict=$1 name=$2 detail=${3:-}
    printf '%s\t%s\t%s\t%s\n' "$verdict" "${TEST_FILE:-?}" "$name" "$detail" >>"$RESULTS"
    if [ "$verdict" = PASS ]; then printf '  ok   %s\n' "$name"
    else printf '  FAIL %s %s\n' "$name" "$detail"; fi
}

check() { # check NAME command...
    local name=$1; shift
    if "$@"; then record PASS "$name"; else record FAIL "$name" "(status $STATUS)"; fi
}

req() { # req METHOD PATH [curl args...]
    local method=$1 path=$2; shift 2
    STATUS=$(curl -s -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' --max-time 30 \
        -X "$method" "$@" "$BASE$path") || STATUS=000
}

body_has() { grep -qF -- "$1" "$OUT/body"; }
# a list's cells as written, without the data-label the host adds to each (cards.c)
cells_has() { sed 's/ data-label="[^"]*"//g' "$OUT/body" | grep -qF -- "$1"; }
body_lacks() { ! grep -qF -- "$1" "$OUT/body"; }
header_has() { grep -qiF -- "$1" "$OUT/headers"; }
status_is() { [ "$STATUS" = "$1" ]; }

# the CSRF token of a page that holds a form
csrf_of_body() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -n1; }

login() { # login USER PASSWORD [JAR] -> echoes the jar path
    local user=$1 pw=$2 jar=${3:-$OUT/jar.$1}
    rm -f "$jar"
    # tests refuse logins on purpose: start from an unthrottled loopback address
    sql "DELETE FROM login_throttle WHERE addr='127.0.0.1'" 2>/dev/null || true
    curl -s -c "$jar" -b "$jar" -o "$OUT/login.html" "$BASE/login"
    local tok
    tok=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$OUT/login.html" | head -n1)
    curl -s -c "$jar" -b "$jar" -o "$OUT/login_post.html" -H "Origin: $BASE" \
        --data-urlencode "_csrf=$tok" --data-urlencode "username=$user" \
        --data-urlencode "password=$pw" "$BASE/login"
    echo "$jar"
}

session_id() { # session_id USER PASSWORD -> the psid cookie of a fresh login (bench, soak)
    awk '$6 == "psid" {print $7}' "$(login "$1" "$2" "$OUT/jar.session.$1")"
}

csrf() { # csrf JAR -> token from the home page
    curl -s -b "$1" "$BASE/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1
}

sql() {
    mariadb --socket="$TEST_DIR/run/mysqld.sock" -uroot -N -B portal -e "$1"
}

# wait_for CMD... : retry up to 20 s
wait_for() {
    local i
    for i in $(seq 1 100); do "$@" && return 0; sleep 0.2; done
    return 1
}

portal_master_pid() { cat "$TEST_DIR/run/portal.pid"; }
portal_worker_pids() { # the master's workers (not its periodic job, connection killers or unreaped ones)
    bash "$ROOT/deploy/local/instance.sh" workers "$TEST_DIR" "${BASE##*:}"
}
restart_portal() { # [VAR=value...]: stop the portal, start it again with that environment
    local m
    m=$(portal_master_pid)
    kill -TERM "$m" 2>/dev/null
    wait_for bash -c "! kill -0 $m 2>/dev/null"
    env "$@" bash "$ROOT/deploy/local/instance.sh" start "$TEST_DIR" "${BASE##*:}" >"$OUT/restart" 2>&1
}
workers_are() { [ "$(portal_worker_pids | wc -l)" = "$1" ]; } # use as: wait_for workers_are 4

# shared by the integration tests
same() { [ "$1" = "$2" ]; }
loc_id() { sed -n "s|^Location: $1/\([0-9]*\).*|\1|ip" "$OUT/headers" | tr -d '\r' | head -n1; }  # the id a 303 went to
audits() { sql "SELECT COUNT(*) FROM audit_log WHERE action='$1' AND object_id='$2'"; }  # ACTION OBJECT_ID
post() { # post PATH JAR [curl args]: a signed-in form submission (CSRF token and Origin)
    local path=$1 jar=$2; shift 2
    req POST "$path" -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf "$jar")" "$@"
}
upload() { # upload PATH JAR [curl -F args]: a signed-in multipart form (CSRF token and Origin)
    local path=$1 jar=$2; shift 2
    req POST "$path" -b "$jar" -H "Origin: $BASE" -F "_csrf=$(csrf "$jar")" "$@"
}
children() { sql "SELECT COUNT(*) FROM children"; }  # how many children the database holds
post_page() { # post_page PATH JAR [curl args]: a form POST with the token of the last page read ($OUT/body), cookies kept
    local path=$1 jar=$2 tok; shift 2
    tok=$(csrf_of_body)
    req POST "$path" -b "$jar" -c "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" "$@"
}
# file_child JAR NAME [curl args]: the new-file form of the registry for a boy of
# 龙潭镇第一村 born 2016-05-01, with no ID number (未落户)
file_child() {
    local jar=$1 name=$2; shift 2
    post /children/new "$jar" --data-urlencode "name=$name" --data sex=1 --data birth_date=2016-05-01 \
        --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data village_code=500242101001 "$@"
}
uid_of() { sql "SELECT id FROM users WHERE username='$1'"; }  # USERNAME -> the user's id
# totp BASE32 [STEP_OFFSET]: the code of now (+/- steps), as an authenticator app shows it
totp() {
    python3 -c 'import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1].replace(" ", "").upper(); s += "=" * (-len(s) % 8)
c = int(time.time()) // 30 + int(sys.argv[2])
h = hmac.new(base64.b32decode(s), struct.pack(">Q", c), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))' "$1" "${2:-0}"
}
add_user() { build/portalctl --config "$TEST_DIR/portal.conf" user add "$@" >/dev/null 2>&1; }  # portalctl user add ARGS
# child_row ID: child ID's row in the list last read ($OUT/body) as its
# cells without their tags, "|" between them, or "(no row)"
child_row() {
    python3 - "$OUT/body" "$1" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
    if 'href="/children/%s"' % sys.argv[2] in tr:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        print("|".join(re.sub(r"<[^>]*>", "", c).strip() for c in cells))
        break
else:
    print("(no row)")
PY
}
# child_orders ID JAR [FILTERS]: child_row ID of the list (/children with
# FILTERS, "&a=b...") in its three orders, a line each: newest first, and
# the page before the key just after the child by name and by birth date
child_orders() {
    local name birth
    IFS=$'\t' read -r name birth <<<"$(sql "SELECT name, birth_date FROM children WHERE id = $1")"
    req GET "/children?sort=id${3:-}" -b "$2"
    child_row "$1"
    req GET "/children?sort=name${3:-}&before=$(($1 + 1)):$(urlq "$name")" -b "$2"
    child_row "$1"
    req GET "/children?sort=birth${3:-}&before=$(($1 + 1)):$birth" -b "$2"
    child_row "$1"
}
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }  # urlq TEXT: URL-quoted
today_cn() { date -u -d '+8 hours' +%F; }  # the real day in China: the portal's today without a clock file
set_clock() { mkdir -p "$(dirname "$CLOCK_FILE")"; echo "$1" >"$CLOCK_FILE"; }  # set_clock YYYY-MM-DD: the portal's today
# crawl_pages DIR "user|password ..." PATHS: each path read as each user
# (unlocked, signed in with the jar $OUT/jar.crawl.USER); a page that
# answered 200 is kept as DIR/N.html with DIR/N.page "user path"
crawl_pages() {
    local dir=$1 users=$2 paths=$3 n=0 u user pw jar p code
    mkdir -p "$dir"; rm -f "$dir/"*
    for u in $users; do
        user=${u%%|*}; pw=${u#*|}
        sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='$user'"
        jar=$(login "$user" "$pw" "$OUT/jar.crawl.$user")
        for p in $paths; do
            n=$((n + 1))
            code=$(curl -s -o "$dir/$n.html" -w '%{http_code}' -b "$jar" "$BASE$p")
            if [ "$code" = 200 ]; then echo "$user $p" >"$dir/$n.page"; else rm -f "$dir/$n.html"; fi
        done
    done
}
# partner_for_child CODE NAME CHILD USER: an approved social organisation
# (orgs.code CODE) serving 龙潭镇, assigned to CHILD for 学业辅导 without an
# end, and its partner account USER (password $PW)
partner_for_child() {
    sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('$1', '$2', 'ngo', '500242000000')"
    sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, created_at, created_by)
         SELECT id, 'R$1', '李', '1', 'approved', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='$1'"
    local vorg
    vorg=$(sql "SELECT v.id FROM volunteer_orgs v JOIN orgs o ON o.id=v.org_id WHERE o.code='$1'")
    sql "INSERT INTO volunteer_org_areas (vorg_id, township_code) VALUES ($vorg, '500242101000')"
    sql "INSERT INTO volunteer_assignments (child_id, vorg_id, service_type, start_date, end_date, created_at, created_by)
         VALUES ($3, $vorg, '学业辅导', '2020-01-01', '2099-12-31', UTC_TIMESTAMP(), 1)"
    add_user "$4" --display-name 服务队员 --role ngo_partner --division 500242000000 --org "$1" --password "$PW"
}
# volunteer_staff X: 麻旺镇's government, the county's social-affairs user
# volcounty and 麻旺镇's verifier volmw (password $PW), unlocked with the demo
# township user and signed in: jars in cj, tj, mj ($OUT/jar.Xc, .Xt, .Xm)
volunteer_staff() {
    sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
    add_user volcounty --display-name 县民政局社会事务 --role county_staff --division 500242000000 --org mz --password "$PW"
    add_user volmw --display-name 麻旺镇核实员 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
    sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('township','volcounty','volmw')"
    cj=$(login volcounty "$PW" "$OUT/jar.$1c")
    tj=$(login township 'Town#2026portal' "$OUT/jar.$1t")
    mj=$(login volmw "$PW" "$OUT/jar.$1m")
}
denials_of() { sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND username='$1' AND object_id='$2'"; }  # USER OBJECT_ID: audited refusals
# GB 11643 ID numbers for tests: id_check FIRST17 -> the check character;
# make_id ADDRESS6 BIRTH8 SEX(1|2) -> a valid number (random sequence)
id_check() {
    local s=$1 sum=0 i w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) map=10X98765432
    for i in $(seq 0 16); do sum=$((sum + ${s:i:1} * ${w[i]})); done
    echo "${map:$((sum % 11)):1}"
}
make_id() { # make_id ADDRESS6 BIRTH8 SEX
    local f17
    f17=$(printf '%s%s%03d' "$1" "$2" $(( (RANDOM % 400) * 2 + ($3 == 1 ? 1 : 2) )))
    echo "$f17$(id_check "$f17")"
}

# old_tree_migrate DB DIR MODULE...: an old tree's SQL (git archive'd into
# DIR) applied to the empty database DB as portalctl applied it then: the
# core's files, then each module's in the order given, each recorded in
# schema_migrations (the upgrade tests)
old_tree_apply() { # DB MODULE FILE...
    local db=$1 m=$2 f v; shift 2
    for f in "$@"; do
        v=$(basename "$f" | sed 's/^0*\([0-9][0-9]*\)_.*/\1/')
        { echo 'DELIMITER $$'; cat "$f"; echo '$$'; } | mariadb --socket="$TEST_DIR/run/mysqld.sock" -uroot "$db" || return 1
        mariadb --socket="$TEST_DIR/run/mysqld.sock" -uroot "$db" \
            -e "INSERT INTO schema_migrations VALUES ('$m', $v, '$(basename "$f")', UTC_TIMESTAMP())" || return 1
    done
}
old_tree_migrate() {
    local db=$1 dir=$2 m; shift 2
    mariadb --socket="$TEST_DIR/run/mysqld.sock" -uroot "$db" -e "CREATE TABLE schema_migrations (
        module VARCHAR(64) NOT NULL, version INT NOT NULL, file VARCHAR(255) NOT NULL,
        applied_at DATETIME NOT NULL, PRIMARY KEY (module, version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" || return 1
    old_tree_apply "$db" core "$dir"/sql/[0-9][0-9][0-9]_*.sql || return 1
    for m in "$@"; do old_tree_apply "$db" "$m" "$dir"/modules/"$m"/sql/[0-9][0-9][0-9]_*.sql || return 1; done
}
# Every worker at once: PAR (40) concurrent GETs, more than an instance's
# workers, so each worker answers some (a cache's test: fill every worker,
# change, then every worker's next answer must show the change)
PAR=${PAR:-40}
par_codes() { # par_codes JAR PATH -> the distinct status codes of PAR concurrent GETs
    seq 1 "$PAR" | xargs -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' -b "$1" "$BASE$2" | sort -u | tr '\n' ' '
}
# par_all JAR PATH CODE: every one answers CODE (STATUS: the codes seen, for a failure's line)
par_all() { STATUS=$(par_codes "$1" "$2"); [ "$STATUS" = "$3 " ]; }
par_count() { # par_count JAR PATH TEXT -> how many of PAR concurrent GETs answer holding TEXT
    seq 1 "$PAR" | xargs -P 8 -I{} sh -c 'curl -s -b "$1" "$2" | grep -qF -- "$3" && echo ok' _ "$1" "$BASE$2" "$3" | wc -l
}
par_say() { [ "$(par_count "$1" "$2" "$3")" = "$PAR" ]; }   # par_say JAR PATH TEXT: every one holds TEXT
par_none() { [ "$(par_count "$1" "$2" "$3")" = 0 ]; }       # par_none JAR PATH TEXT: none holds it
