#!/usr/bin/env bash
# A private portal instance: MariaDB (unix socket only), the portal, Apache.
#   instance.sh start  DIR PORT   create what is missing, start what is not running
#   instance.sh stop   DIR PORT   stop all of it (harmless when nothing runs)
#   instance.sh status DIR PORT
# Everything it writes lives under DIR.  Settings from the environment:
#   WORKERS (4), MAX_REQUESTS (5000), REQUEST_TIMEOUT (30),
#   EXTRA_MODULES_DIR / EXTRA_MODULES_SRC (test modules).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cmd=${1:?start|stop|status}
DIR=${2:-var}
PORT=${3:-8080}
case "$DIR" in /*) ;; *) DIR="$ROOT/$DIR" ;; esac
SOCK_DB="$DIR/run/mysqld.sock"
CONF="$DIR/portal.conf"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
wait_until() { # seconds command...
    local n=$(( $1 * 10 )); shift
    while [ $n -gt 0 ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; n=$((n - 1)); done
    return 1
}
stop_pid() { # pidfile seconds
    local pf=$1 pid
    alive "$pf" || { rm -f "$pf"; return 0; }
    pid=$(cat "$pf")
    kill -TERM "$pid" 2>/dev/null || true
    wait_until "$2" bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pf"
}
db_up() { mariadb-admin --socket="$SOCK_DB" -uroot ping; }

# www-data (Apache) must reach the socket folder and the static files
grant_traverse() {
    local p
    for p in "$DIR/run" "$ROOT/templates/static"; do
        if ! runuser -u www-data -- test -x "$p" 2>/dev/null; then
            local d=$p
            while [ "$d" != / ]; do
                if [ -d "$d" ] && ! runuser -u www-data -- test -x "$d" 2>/dev/null; then
                    echo "instance: allowing www-data to traverse $d (o+x)"
                    chmod o+x "$d"
                fi
                d=$(dirname "$d")
            done
        fi
    done
}

write_config() {
    local pw
    pw=$(cat "$DIR/keys/db_password")
    local mods="$ROOT/build/modules" srcs="$ROOT/modules"
    [ -n "${EXTRA_MODULES_DIR:-}" ] && mods="$mods:$EXTRA_MODULES_DIR"
    [ -n "${EXTRA_MODULES_SRC:-}" ] && srcs="$srcs:$EXTRA_MODULES_SRC"
    cat >"$CONF.tmp" <<CONF
# Written by deploy/local/instance.sh for this instance; see deploy/portal.conf.example.
listen = $DIR/run/portal.sock
socket_mode = 0660
socket_group = www-data
workers = ${WORKERS:-4}
max_requests = ${MAX_REQUESTS:-5000}
request_timeout = ${REQUEST_TIMEOUT:-30}
pid_file = $DIR/run/portal.pid
modules_dir = $mods
modules_src = $srcs
templates_dir = $ROOT/templates
core_src = $ROOT
static_url = /static
db_socket = $SOCK_DB
db_name = portal
db_user = portal
db_password = $pw
db_admin_user = root
key_file = $DIR/keys/portal.key
session_idle = 1800
session_absolute = 43200
max_body = 10485760
max_upload = 8388608
max_fields = 200
max_field_len = 65536
secure_cookies = 0
CONF
    chmod 600 "$CONF.tmp"
    mv "$CONF.tmp" "$CONF"
}

start() {
    mkdir -p "$DIR"/{mariadb,run,log,keys,tmp}
    chmod 700 "$DIR/keys"
    [ -x "$ROOT/build/portal" ] || { echo "instance: build first (make)"; exit 1; }
    [ -s "$DIR/keys/db_password" ] || { head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$DIR/keys/db_password"; chmod 600 "$DIR/keys/db_password"; }
    write_config
    [ -s "$DIR/keys/portal.key" ] || "$ROOT/build/portalctl" --config "$CONF" keys generate >/dev/null

    # MariaDB
    sed -e "s|@DIR@|$DIR|g" "$ROOT/deploy/mariadb/local.cnf.in" >"$DIR/mariadb/my.cnf"
    if [ ! -d "$DIR/mariadb/data/mysql" ]; then
        mariadb-install-db --no-defaults --datadir="$DIR/mariadb/data" --user=root \
            --auth-root-authentication-method=socket --skip-test-db >"$DIR/log/mariadb-install.log" 2>&1
    fi
    if ! db_up >/dev/null 2>&1; then
        nohup mariadbd --defaults-file="$DIR/mariadb/my.cnf" >>"$DIR/log/mariadb.out" 2>&1 &
        wait_until 30 db_up || { echo "instance: MariaDB did not start"; tail -20 "$DIR/log/mariadb.err"; exit 1; }
    fi
    local pw
    pw=$(cat "$DIR/keys/db_password")
    mariadb --socket="$SOCK_DB" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS portal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'portal'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'portal'@'localhost' IDENTIFIED BY '$pw';
SQL
    "$ROOT/build/portalctl" --config "$CONF" migrate >"$DIR/log/migrate.log" 2>&1 ||
        { cat "$DIR/log/migrate.log"; exit 1; }

    # the portal
    if ! alive "$DIR/run/portal.pid"; then
        nohup "$ROOT/build/portal" --config "$CONF" >>"$DIR/log/portal.log" 2>&1 &
        wait_until 15 test -S "$DIR/run/portal.sock" || { echo "instance: the portal did not start"; tail -20 "$DIR/log/portal.log"; exit 1; }
    else
        kill -HUP "$(cat "$DIR/run/portal.pid")"   # pick up a new build
    fi

    # Apache
    grant_traverse
    sed -e "s|@DIR@|$DIR|g; s|@ROOT@|$ROOT|g; s|@PORT@|$PORT|g; s|@SOCKET@|$DIR/run/portal.sock|g" \
        "$ROOT/deploy/apache/local.conf.in" >"$DIR/run/httpd.conf"
    if ! alive "$DIR/run/apache.pid"; then
        apache2 -f "$DIR/run/httpd.conf" -k start
    else
        apache2 -f "$DIR/run/httpd.conf" -k graceful
    fi
    wait_until 15 curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" ||
        { echo "instance: Apache does not answer on $PORT"; tail -20 "$DIR/log/apache-error.log"; exit 1; }
}

stop() {
    if alive "$DIR/run/apache.pid"; then
        apache2 -f "$DIR/run/httpd.conf" -k stop 2>/dev/null || true
        wait_until 10 bash -c "! [ -f '$DIR/run/apache.pid' ]" || stop_pid "$DIR/run/apache.pid" 5
    fi
    stop_pid "$DIR/run/portal.pid" 15
    if db_up >/dev/null 2>&1; then
        mariadb-admin --socket="$SOCK_DB" -uroot shutdown 2>/dev/null || true
    fi
    stop_pid "$DIR/run/mysqld.pid" 20
}

status() {
    alive "$DIR/run/mysqld.pid" && echo "mariadb: running" || echo "mariadb: stopped"
    alive "$DIR/run/portal.pid" && echo "portal:  running" || echo "portal:  stopped"
    alive "$DIR/run/apache.pid" && echo "apache:  running on http://127.0.0.1:$PORT/" || echo "apache:  stopped"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: instance.sh start|stop|status DIR PORT"; exit 2 ;;
esac
