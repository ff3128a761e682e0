#!/usr/bin/env bash
# A private portal instance: MariaDB (unix socket only) + the portal (its own
# FastCGI process manager) + Apache (mod_proxy_fcgi) on 127.0.0.1:PORT.
#
#   instance.sh start  DIR PORT   create what is missing, start what is not
#                                 running; running twice is harmless
#   instance.sh stop   DIR PORT   stop all of it (harmless when nothing runs)
#   instance.sh status DIR PORT   what runs; exit 0 when all three run, 3 if not
#
# DIR is the instance folder (var, var/test, ...), relative to the project
# root or absolute; everything the instance writes lives under it:
#   DIR/portal.conf               the portal's configuration (rewritten on start)
#   DIR/keys/db_password          the portal user's database password (kept)
#   DIR/keys/portal.key           field-encryption keys (created once, 0400)
#   DIR/mariadb/{data,my.cnf}     the database server
#   DIR/apache/httpd.conf         the web server
#   DIR/run/                      sockets and pid files
#   DIR/log/                      mariadb.err, portal.log, apache-error.log, access.log
#   DIR/tmp/                      MariaDB's tmpdir, the portal's tmp_dir
#   DIR/attachments/              uploaded files (scans of certificates)
#
# Environment: WORKERS (4), MAX_REQUESTS (5000), REQUEST_TIMEOUT (30), JOBS_TIMEOUT (300),
#   EXTRA_MODULES_DIR / EXTRA_MODULES_SRC (more module folders, e.g. test
#   modules; appended to modules_dir / modules_src with ':'),
#   PORTAL_BUILD (build; build-asan runs the AddressSanitizer + UBSan build,
#   its reports in DIR/log/asan.*), CORE_DUMPS (0; 1 lets workers dump core).
#   DB_HOSTS (a cluster's database nodes, "a,b,c": no MariaDB of the instance
#   is started or stopped; the portal connects over TCP, deploy/cluster) with
#   DB_PORT, DB_USER_HOST, DB_ADMIN_USER, DB_ADMIN_PASSWORD, HOST_ID;
#   ATTACHMENTS_DIR (uploaded files elsewhere: a cluster's shared folder).
#   PORTAL_WRAPPER (a command the portal runs under, split on spaces, e.g.
#   "valgrind --trace-children=yes --log-file=DIR/log/vg.%p"; see VALGRIND=1
#   in tests/hostile/run.sh).
# While build/portal does not exist yet, the portal steps are skipped with a
# warning (MariaDB and Apache still start; Apache then answers 503).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

usage() { echo "usage: instance.sh start|stop|status|workers DIR PORT" >&2; exit 2; }
[ $# -eq 3 ] || usage
cmd=$1
DIR=$2
PORT=$3
case "$PORT" in '' | *[!0-9]*) echo "instance: PORT must be a number" >&2; exit 2 ;; esac
case "$DIR" in /*) ;; *) DIR="$ROOT/$DIR" ;; esac
DIR=$(realpath -m "$DIR")

RUN="$DIR/run"
LOG="$DIR/log"
CONF="$DIR/portal.conf"
DB_SOCK="$RUN/mysqld.sock"
DB_PID="$RUN/mysqld.pid"
DB_CNF="$DIR/mariadb/my.cnf"
DB_DATA="$DIR/mariadb/data"
PORTAL_SOCK="$RUN/portal.sock"
PORTAL_PID="$RUN/portal.pid"
HTTPD_CONF="$DIR/apache/httpd.conf"
HTTPD_PID="$RUN/apache.pid"
BUILD_DIR="$ROOT/${PORTAL_BUILD:-build}"
PORTAL="$BUILD_DIR/portal"
PORTALCTL="$BUILD_DIR/portalctl"

say() { echo "instance: $*"; }
warn() { echo "instance: WARNING: $*" >&2; }
die() { echo "instance: $*" >&2; exit 1; }

# ---------------------------------------------------------------- helpers
pid_of() { # PIDFILE: the number in it, or nothing
    local pid=""
    if [ -s "$1" ]; then read -r pid <"$1" 2>/dev/null || true; fi
    case "$pid" in '' | *[!0-9]*) ;; *) echo "$pid" ;; esac
}
running() { # PID runs (a zombie waiting for its parent to reap it does not count)
    local st
    st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ $st != Z* ]]
}
alive() { # PIDFILE: the process named in it runs
    local pid
    pid=$(pid_of "$1")
    [ -n "$pid" ] && running "$pid"
}
wait_for() { # SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds
    local n=$(($1 * 10))
    shift
    while [ $n -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
        n=$((n - 1))
    done
    return 1
}
gone() { ! running "$1"; }
kill_tree() { # PID SIGNAL: the process, its process group if it leads one, its children
    local pid=$1 sig=$2 pgid
    pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ' || true)
    if [ "$pgid" = "$pid" ]; then
        kill -"$sig" -- "-$pid" 2>/dev/null || true
    else
        pkill -"$sig" -P "$pid" 2>/dev/null || true
        kill -"$sig" "$pid" 2>/dev/null || true
    fi
}
stop_pid() { # NAME PIDFILE SECONDS: SIGTERM, wait, then SIGKILL
    local name=$1 pf=$2 secs=$3 pid
    if ! alive "$pf"; then
        rm -f "$pf"
        return 0
    fi
    pid=$(pid_of "$pf")
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_for "$secs" gone "$pid"; then
        warn "$name (pid $pid) still runs after ${secs}s: SIGKILL"
        kill_tree "$pid" KILL
        wait_for 5 gone "$pid" || true
    fi
    rm -f "$pf"
}
db_up() { mariadb-admin --no-defaults --socket="$DB_SOCK" -uroot ping; }
# a unix socket path holds at most 107 bytes
check_sock_len() {
    local s
    for s in "$DB_SOCK" "$PORTAL_SOCK"; do
        [ ${#s} -le 107 ] || die "socket path too long (${#s} > 107 bytes): $s - use a shorter DIR"
    done
}

# www-data (Apache's children) must traverse to the portal's socket and to the
# static files. Walk down from / and give o+x to each folder it cannot enter.
grant_traverse() {
    local target d part
    for target in "$RUN" "$ROOT/templates/static"; do
        [ -d "$target" ] || continue
        runuser -u www-data -- test -x "$target" 2>/dev/null && continue
        d=""
        IFS=/ read -ra parts <<<"${target#/}"
        for part in "${parts[@]}"; do
            d="$d/$part"
            if ! runuser -u www-data -- test -x "$d" 2>/dev/null; then
                say "www-data cannot enter $d: adding o+x"
                chmod o+x "$d"
            fi
        done
        runuser -u www-data -- test -x "$target" ||
            die "www-data still cannot reach $target (ACLs? mount options?)"
    done
    if [ -d "$ROOT/templates/static" ]; then
        local unreadable
        unreadable=$(find "$ROOT/templates/static" -type f ! -perm -o+r | head -5)
        [ -z "$unreadable" ] || warn "static files Apache cannot read (chmod o+r): $unreadable"
    else
        warn "no templates/static folder: /static/ will answer 404"
    fi
}

# ---------------------------------------------------------------- secrets
# 24 random alphanumerics; kept across runs so the database user keeps working
ensure_db_password() {
    local f="$DIR/keys/db_password"
    if [ ! -s "$f" ]; then
        local pw
        pw=$(head -c 48 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')
        (umask 077 && printf '%s\n' "${pw:0:24}" >"$f.tmp")
        mv "$f.tmp" "$f"
    fi
    chmod 600 "$f"
}

# The field-encryption key file, created once and never overwritten (data
# encrypted with it would be lost). Its format belongs to the portal
# (cgi/host/crypto.c: "enc N KEY" and "mac KEY" lines, 32 random bytes each in
# unpadded base64url), so portalctl writes it; until portalctl is built, the
# same format is written here.
ensure_key_file() {
    local f="$DIR/keys/portal.key"
    [ -s "$f" ] && return 0
    rm -f "$f"
    if [ -x "$PORTALCTL" ]; then
        "$PORTALCTL" --config "$CONF" keys generate >/dev/null
    else
        local k1 k2
        k1=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
        k2=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
        (umask 077 && printf '# portal field-encryption keys: keep outside the database and backups\nenc 1 %s\nmac %s\n' "$k1" "$k2" >"$f")
    fi
    chmod 0400 "$f"
    say "created the key file $f (back it up apart from the database)"
}

# where the database is: the instance's own MariaDB (its socket), or a
# cluster's nodes (DB_HOSTS)
db_conf() {
    if [ -z "${DB_HOSTS:-}" ]; then
        printf 'db_socket = %s\ndb_admin_user = root\n' "$DB_SOCK"
        return
    fi
    printf 'db_host = %s\ndb_port = %s\ndb_user_host = %s\nhost_id = %s\n' "$DB_HOSTS" \
        "${DB_PORT:-3306}" "${DB_USER_HOST:-localhost}" "${HOST_ID:-0}"
    printf 'db_admin_user = %s\ndb_admin_password = %s\n' "${DB_ADMIN_USER:-root}" "${DB_ADMIN_PASSWORD:-}"
}

write_portal_conf() {
    local pw mods="$BUILD_DIR/modules" srcs="$ROOT/modules"
    pw=$(cat "$DIR/keys/db_password")
    if [ -n "${EXTRA_MODULES_DIR:-}" ]; then mods="$mods:$EXTRA_MODULES_DIR"; fi
    if [ -n "${EXTRA_MODULES_SRC:-}" ]; then srcs="$srcs:$EXTRA_MODULES_SRC"; fi
    (umask 077 && cat >"$CONF.tmp" <<CONF
# Written by deploy/local/instance.sh on every start: edit the script (or set
# WORKERS, MAX_REQUESTS, REQUEST_TIMEOUT, JOBS_TIMEOUT), not this file.
# Every key is explained in deploy/portal.conf.example.
listen = $PORTAL_SOCK
socket_mode = 0660
socket_group = www-data
workers = ${WORKERS:-4}
max_requests = ${MAX_REQUESTS:-5000}
request_timeout = ${REQUEST_TIMEOUT:-30}
pid_file = $PORTAL_PID
modules_dir = $mods
modules_src = $srcs
templates_dir = $ROOT/templates
core_src = $ROOT
static_url = /static
$(db_conf)
db_name = portal
db_user = portal
db_password = $pw
key_file = $DIR/keys/portal.key
attachments_dir = ${ATTACHMENTS_DIR:-$DIR/attachments}
tmp_dir = $DIR/tmp
session_idle = 1800
session_absolute = 43200
max_body = 10485760
max_upload = 8388608
max_fields = 200
max_field_len = 65536
secure_cookies = 0
require_totp_roles = ${REQUIRE_TOTP_ROLES-sysadmin,secadmin,auditor,ngo_admin}
clock_file = ${CLOCK_FILE:-}
jobs_interval = ${JOBS_INTERVAL:-60}
jobs_timeout = ${JOBS_TIMEOUT:-300}
outbound_command = ${OUTBOUND_COMMAND:-}
outbound_retry_seconds = ${OUTBOUND_RETRY_SECONDS:-30}
core_dumps = ${CORE_DUMPS:-0}
CONF
    )
    mv "$CONF.tmp" "$CONF"
}

# ---------------------------------------------------------------- MariaDB
start_mariadb() {
    sed -e "s|@DATADIR@|$DB_DATA|g; s|@SOCKET@|$DB_SOCK|g; s|@PIDFILE@|$DB_PID|g" \
        -e "s|@LOGFILE@|$LOG/mariadb.err|g; s|@TMPDIR@|$DIR/tmp|g" \
        "$ROOT/deploy/mariadb/portal.cnf.in" >"$DB_CNF.tmp"
    mv "$DB_CNF.tmp" "$DB_CNF"

    if [ ! -d "$DB_DATA/mysql" ]; then
        say "creating the MariaDB data folder $DB_DATA"
        if ! mariadb-install-db --no-defaults --datadir="$DB_DATA" --user=root \
            --auth-root-authentication-method=socket --skip-test-db \
            >"$LOG/mariadb-install.log" 2>&1; then
            tail -20 "$LOG/mariadb-install.log" >&2
            rm -rf "$DB_DATA"
            die "mariadb-install-db failed (log: $LOG/mariadb-install.log)"
        fi
    fi

    if db_up >/dev/null 2>&1; then
        say "MariaDB already runs (pid $(pid_of "$DB_PID"))"
    else
        if alive "$DB_PID"; then
            say "MariaDB (pid $(pid_of "$DB_PID")) is starting; waiting"
        else
            rm -f "$DB_PID"
            setsid nohup mariadbd --defaults-file="$DB_CNF" >>"$LOG/mariadb.out" 2>&1 </dev/null 9>&- &
        fi
        local n=300
        until db_up >/dev/null 2>&1; do
            n=$((n - 1))
            if [ $n -le 0 ]; then
                tail -20 "$LOG/mariadb.err" >&2 || true
                die "MariaDB did not answer within 30 s (log: $LOG/mariadb.err)"
            fi
            sleep 0.1
        done
        say "MariaDB started (pid $(pid_of "$DB_PID"), socket $DB_SOCK)"
    fi

    # the database and the runtime user; the password follows DIR/keys/db_password
    local pw
    pw=$(cat "$DIR/keys/db_password")
    mariadb --no-defaults --socket="$DB_SOCK" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS portal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'portal'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'portal'@'localhost' IDENTIFIED BY '$pw';
SQL
}

stop_mariadb() {
    if db_up >/dev/null 2>&1; then
        local pid
        pid=$(pid_of "$DB_PID")
        mariadb-admin --no-defaults --socket="$DB_SOCK" -uroot shutdown >/dev/null 2>&1 || true
        [ -z "$pid" ] || wait_for 60 gone "$pid" || true
    fi
    # not answering but still alive (starting, hung): SIGTERM, then SIGKILL -
    # InnoDB recovers from that on the next start
    stop_pid MariaDB "$DB_PID" 60
}

# ---------------------------------------------------------------- portal
migrate() {
    if [ ! -x "$PORTALCTL" ]; then
        warn "build/portalctl does not exist: migrations skipped (run make)"
        return 0
    fi
    if ! "$PORTALCTL" --config "$CONF" migrate >"$LOG/migrate.log" 2>&1; then
        cat "$LOG/migrate.log" >&2
        die "portalctl migrate failed"
    fi
    say "migrations: $(tail -1 "$LOG/migrate.log")"
}

# The master's workers, a pid a line (the `workers` command; tests/lib.sh
# asks it): its children but a periodic job (portal-job), a connection
# killer (portal-kill) and one ended but not yet reaped
worker_pids() {
    local p m
    m=$(pid_of "$PORTAL_PID")
    [ -n "$m" ] || return 0
    for p in $(pgrep -P "$m"); do
        grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null && continue
        case "$(cat "/proc/$p/comm" 2>/dev/null)" in portal-job | portal-kill) ;; *) echo "$p" ;; esac
    done | sort
}

# Processes of this instance's portal (master or workers): the portal binary
# of this checkout run with --config DIR/portal.conf, found in /proc.
portal_procs() {
    local d argv
    # candidates by command line first (one pgrep, not a fork per process of
    # a busy machine), then the exact argv check
    for d in $(pgrep -f -- "--config $CONF" | sed 's|^|/proc/|'); do
        argv=$(tr '\0' '\n' 2>/dev/null <"$d/cmdline") || continue
        [ "$(sed -n 2p <<<"$argv")" = --config ] && [ "$(sed -n 3p <<<"$argv")" = "$CONF" ] || continue
        case "$(sed -n 1p <<<"$argv")" in "$ROOT"/build*/portal) echo "${d#/proc/}" ;; esac
    done
}
# Workers left by a master that died (kill -9): they notice and leave after
# their request; whatever still runs after a grace period is killed.
stop_orphans() { # SECONDS
    local pids p
    pids=$(portal_procs | tr '\n' ' ')
    [ -n "${pids// /}" ] || return 0
    say "portal processes without a master: $pids- stopping them"
    for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
    wait_for "$1" bash -c "for p in $pids; do ps -o stat= -p \$p 2>/dev/null | grep -qv '^Z' && exit 1; done; exit 0" || {
        warn "portal processes still run after $1 s: SIGKILL"
        for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
        sleep 0.2
    }
}

start_portal() {
    if [ ! -x "$PORTAL" ]; then
        warn "build/portal does not exist: the portal is NOT started (run make);" \
            "Apache will answer 503 for everything but /static/"
        return 0
    fi
    if alive "$PORTAL_PID"; then
        local pid
        pid=$(pid_of "$PORTAL_PID")
        # a rebuilt binary needs a restart (workers are forked from the
        # master); otherwise a rebuilt module is picked up by a graceful reload.
        # The binary is checked first: the reload touches the pid file.
        if [ "$PORTAL" -nt "$PORTAL_PID" ] || [ "$PORTALCTL" -nt "$PORTAL_PID" ]; then
            say "build/portal was rebuilt: restarting the portal"
            stop_portal
        else
            if [ -n "$(find "$BUILD_DIR/modules" -name '*.so' -newer "$PORTAL_PID" 2>/dev/null | head -1)" ]; then
                say "modules rebuilt since the portal started: reloading (SIGHUP)"
                kill -HUP "$pid"
                touch "$PORTAL_PID"
            fi
            say "the portal already runs (pid $pid)"
            return 0
        fi
    fi
    stop_orphans "${REQUEST_TIMEOUT:-30}"
    rm -f "$PORTAL_SOCK" "$PORTAL_PID"    # left by a killed portal
    # the ASan/UBSan build reports to DIR/log/asan.PID / ubsan.PID
    # it runs in DIR/log, where a core dump lands (core_dumps = 1, core_pattern "core")
    (cd "$LOG" && ASAN_OPTIONS="log_path=$LOG/asan:detect_leaks=0:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
        UBSAN_OPTIONS="log_path=$LOG/ubsan:print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
        exec setsid nohup ${PORTAL_WRAPPER:-} "$PORTAL" --config "$CONF" >>"$LOG/portal.log" 2>&1 </dev/null 9>&-) &
    local child=$! n=150
    until [ -S "$PORTAL_SOCK" ]; do
        n=$((n - 1))
        if [ $n -le 0 ] || ! running "$child"; then
            tail -20 "$LOG/portal.log" >&2 || true
            kill_tree "$child" TERM
            die "the portal did not open $PORTAL_SOCK (log: $LOG/portal.log)"
        fi
        sleep 0.1
    done
    # the portal writes its pid file itself; wait for it so stop can find it
    wait_for 5 test -s "$PORTAL_PID" || echo "$child" >"$PORTAL_PID"
    say "the portal started (pid $(pid_of "$PORTAL_PID"), ${WORKERS:-4} workers, socket $PORTAL_SOCK)"
}

stop_portal() {
    stop_pid portal "$PORTAL_PID" 10
    stop_orphans 10
    rm -f "$PORTAL_SOCK"
}

# ---------------------------------------------------------------- Apache
start_apache() {
    sed -e "s|@ROOT@|$ROOT|g; s|@DIR@|$DIR|g; s|@PORT@|$PORT|g; s|@SOCKET@|$PORTAL_SOCK|g" \
        "$ROOT/deploy/apache/local.conf.in" >"$HTTPD_CONF.tmp"
    mv "$HTTPD_CONF.tmp" "$HTTPD_CONF"
    if ! apache2 -t -f "$HTTPD_CONF" >"$LOG/apache-configtest.log" 2>&1; then
        cat "$LOG/apache-configtest.log" >&2
        die "the Apache configuration $HTTPD_CONF does not pass apache2 -t"
    fi
    if alive "$HTTPD_PID"; then
        # the configuration was just rewritten: a graceful restart applies it
        # (requests in flight finish)
        apache2 -f "$HTTPD_CONF" -k graceful 9>&- || die "Apache did not reload $HTTPD_CONF"
        say "Apache already runs (pid $(pid_of "$HTTPD_PID")): reloaded its configuration"
    else
        rm -f "$HTTPD_PID"
        if ! apache2 -f "$HTTPD_CONF" -k start 9>&-; then
            tail -20 "$LOG/apache-error.log" >&2 || true
            die "Apache did not start"
        fi
        wait_for 10 test -s "$HTTPD_PID" || true
    fi
    # any HTTP answer will do: /healthz is the portal's, a 503 means Apache
    # runs but the portal does not
    local code
    if ! wait_for 15 curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz"; then
        tail -20 "$LOG/apache-error.log" >&2 || true
        die "nothing answers on http://127.0.0.1:$PORT/ (port taken by another program?)"
    fi
    code=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true)
    say "Apache answers on http://127.0.0.1:$PORT/ (pid $(pid_of "$HTTPD_PID"); /healthz: $code)"
}

stop_apache() {
    alive "$HTTPD_PID" || { rm -f "$HTTPD_PID"; return 0; }
    local pid
    pid=$(pid_of "$HTTPD_PID")
    if [ -f "$HTTPD_CONF" ]; then
        apache2 -f "$HTTPD_CONF" -k stop >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    else
        kill -TERM "$pid" 2>/dev/null || true   # same as -k stop
    fi
    if ! wait_for 15 gone "$pid"; then
        warn "Apache (pid $pid) still runs after 15 s: SIGKILL"
        kill_tree "$pid" KILL
    fi
    rm -f "$HTTPD_PID"
}

# ---------------------------------------------------------------- commands
lock() { # one start/stop at a time per instance (the servers get fd 9 closed)
    mkdir -p "$DIR"
    exec 9>"$DIR/.lock"
    flock -w 120 9 || die "another instance.sh works on $DIR"
}

do_start() {
    lock
    mkdir -p "$DIR"/{mariadb,run,log,keys,apache,tmp,attachments}
    chmod 700 "$DIR/keys" "$DIR/tmp" "$DIR/attachments"
    check_sock_len
    ensure_db_password
    write_portal_conf
    ensure_key_file
    [ -n "${DB_HOSTS:-}" ] || start_mariadb
    migrate
    start_portal
    grant_traverse
    start_apache
}

do_stop() {
    if [ ! -d "$DIR" ]; then
        say "nothing to stop ($DIR does not exist)"
        return 0
    fi
    lock
    stop_apache
    stop_portal
    [ -n "${DB_HOSTS:-}" ] || stop_mariadb
    say "stopped ($DIR)"
}

do_status() {
    local all=0 pid
    if alive "$DB_PID" && db_up >/dev/null 2>&1; then
        echo "mariadb: running (pid $(pid_of "$DB_PID"), socket $DB_SOCK)"
    elif alive "$DB_PID"; then
        echo "mariadb: process $(pid_of "$DB_PID") runs but does not answer"; all=3
    else
        echo "mariadb: stopped"; all=3
    fi
    if alive "$PORTAL_PID"; then
        pid=$(pid_of "$PORTAL_PID")
        echo "portal:  running (pid $pid, $(worker_pids | wc -l) workers, socket $PORTAL_SOCK)"
    elif [ -n "$(portal_procs)" ]; then
        echo "portal:  NO MASTER - $(portal_procs | wc -l) worker(s) of a dead master still run" \
            "(pids $(portal_procs | tr '\n' ' ')): start cleans them up"; all=3
    elif [ -x "$PORTAL" ]; then
        echo "portal:  stopped"; all=3
    else
        echo "portal:  stopped (build/portal not built)"; all=3
    fi
    if alive "$HTTPD_PID"; then
        echo "apache:  running (pid $(pid_of "$HTTPD_PID"), http://127.0.0.1:$PORT/)"
    else
        echo "apache:  stopped"; all=3
    fi
    return $all
}

case "$cmd" in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    workers) worker_pids ;;
    *) usage ;;
esac
