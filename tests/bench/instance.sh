# tests/bench/instance.sh - sourced by a module's bench (set DIR and PORT
# first): builds, starts a private instance under $DIR on 127.0.0.1:$PORT
# afresh (stopped again on exit), loads the demo data, and gives BASE, DB
# (SQL as root), CTL (portalctl, quiet), bench_user and bench_login.  A bench
# that needs its own cleanup on exit sets its own trap and calls stop in it.
# BENCH_WORKERS: the portal's workers (2); BENCH_TESTKIT=1: with the testkit
# module (tests/modules); REQUEST_TIMEOUT: 900 unless set.
make -s -j2 all ${BENCH_TESTKIT:+build/testmods/testkit/testkit.so}
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
bench_env=(REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-900}" WORKERS="${BENCH_WORKERS:-2}")
[ -z "${BENCH_TESTKIT:-}" ] ||
    bench_env+=(EXTRA_MODULES_DIR="$PWD/build/testmods/testkit" EXTRA_MODULES_SRC="$PWD/tests/modules")
env "${bench_env[@]}" bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
BASE="http://127.0.0.1:$PORT"
DB() { mariadb --socket="$DIR/run/mysqld.sock" -uroot -N -B portal -e "$1"; }
CTL() { build/portalctl --config "$DIR/portal.conf" "$@" >/dev/null 2>&1 || true; }
CTL seed-demo
bench_user() { # NAME DISPLAY ROLE DIVISION ORG: an unlocked account, password Bench#2026portal
    CTL user add "$1" --display-name "$2" --role "$3" --division "$4" --org "$5" --password 'Bench#2026portal'
    DB "UPDATE users SET failed_count = 0, locked_until = NULL WHERE username = '$1'"
}
bench_login() { # USER JAR -> the CSRF token of the home page (password Bench#2026portal)
    local tok
    tok=$(curl -s -c "$2" -b "$2" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
    curl -s -c "$2" -b "$2" -o /dev/null -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
        --data-urlencode "username=$1" --data-urlencode "password=Bench#2026portal" "$BASE/login"
    curl -s -b "$2" "$BASE/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1
}
