# tests/bench/instance.sh - sourced by a module's bench (set DIR and PORT
# first): builds, starts a private instance under $DIR on 127.0.0.1:$PORT
# afresh (stopped again on exit), loads the demo data, and gives BASE, DB
# (SQL as root), CTL (portalctl, quiet) and bench_user.  A bench that needs
# its own cleanup on exit sets its own trap and calls stop in it.
make -s -j2 all
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
REQUEST_TIMEOUT=900 WORKERS=2 bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
BASE="http://127.0.0.1:$PORT"
DB() { mariadb --socket="$DIR/run/mysqld.sock" -uroot -N -B portal -e "$1"; }
CTL() { build/portalctl --config "$DIR/portal.conf" "$@" >/dev/null 2>&1 || true; }
CTL seed-demo
bench_user() { # NAME DISPLAY ROLE DIVISION ORG: an unlocked account, password Bench#2026portal
    CTL user add "$1" --display-name "$2" --role "$3" --division "$4" --org "$5" --password 'Bench#2026portal'
    DB "UPDATE users SET failed_count = 0, locked_until = NULL WHERE username = '$1'"
}
