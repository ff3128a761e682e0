#!/usr/bin/env bash
# A local province-scale cluster on one machine (deploy/cluster/README.md):
# three MariaDB Galera nodes on 127.0.0.2-4, two portal hosts (each its own
# portal + Apache, deploy/local/instance.sh, their databases the cluster) and
# one Apache balancer (mod_proxy_balancer) in front, all under DIR.
#
#   cluster.sh start DIR PORT     everything; running twice is harmless
#   cluster.sh stop DIR PORT      everything (harmless when nothing runs)
#   cluster.sh status DIR PORT
#   cluster.sh node-kill DIR PORT N    SIGKILL of MariaDB node N (1..3)
#   cluster.sh node-start DIR PORT N   start node N: it rejoins (IST, or SST)
#   cluster.sh host-kill DIR PORT N    SIGKILL of portal host N (1..2): its
#                                      portal and its Apache
#   cluster.sh host-start DIR PORT N
#   cluster.sh sql DIR PORT N "SQL"    a statement as root on node N
#
# Ports, from PORT: PORT the balancer, PORT+1 and PORT+2 the portal hosts'
# Apache; PORT+10 SQL, PORT+11 group (gmcast), PORT+12 IST, PORT+13 SST on
# each node's own address. Environment: WORKERS (4 per host).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
usage() { echo "usage: cluster.sh start|stop|status|node-kill|node-start|host-kill|host-start|sql DIR PORT [N] [SQL]" >&2; exit 2; }
[ $# -ge 3 ] || usage
cmd=$1 DIR=$2 PORT=$3
shift 3
case "$PORT" in '' | *[!0-9]*) usage ;; esac
case "$DIR" in /*) ;; *) DIR="$ROOT/$DIR" ;; esac
DIR=$(realpath -m "$DIR")
NODES=(1 2 3)
HOSTS=(1 2)
SQLP=$((PORT + 10)) GPORT=$((PORT + 11)) ISTP=$((PORT + 12)) SSTP=$((PORT + 13))
addr() { echo "127.0.0.$(($1 + 1))"; }              # node N's address
ndir() { echo "$DIR/db$1"; }
hdir() { echo "$DIR/host$1"; }
say() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

pid_of() { local p=""; [ -s "$1" ] && read -r p <"$1"; case "$p" in '' | *[!0-9]*) ;; *) echo "$p" ;; esac; }
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
wait_for() { # SECONDS COMMAND...
    local n=$(($1 * 5)); shift
    while [ $n -gt 0 ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; n=$((n - 1)); done
    return 1
}
nsql() { # N SQL: as root over node N's socket
    mariadb --no-defaults --socket="$(ndir "$1")/run/mysqld.sock" -uroot -N -B -e "$2"
}
node_synced() { [ "$(nsql "$1" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2)" = Synced ]; }
cluster_size() { nsql "$1" "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2; }

# ------------------------------------------------------------ MariaDB nodes
write_cnf() { # N
    local n=$1 d cl="gcomm://" i
    d=$(ndir "$n")
    for i in "${NODES[@]}"; do cl="$cl$(addr "$i"):$GPORT,"; done
    mkdir -p "$d"/{data,run,log,tmp}
    chown -R mysql:mysql "$d"
    sed -e "s|@NAME@|db$n|g; s|@ADDR@|$(addr "$n")|g; s|@PORT@|$SQLP|g; s|@GPORT@|$GPORT|g" \
        -e "s|@ISTPORT@|$ISTP|g; s|@SSTPORT@|$SSTP|g; s|@CLUSTER@|${cl%,}|g" \
        -e "s|@DATADIR@|$d/data|g; s|@SOCKET@|$d/run/mysqld.sock|g; s|@PIDFILE@|$d/run/mysqld.pid|g" \
        -e "s|@LOGFILE@|$d/log/mariadb.err|g; s|@TMPDIR@|$d/tmp|g; s|@BUFFER_POOL@|64M|g; s|@GCACHE@|32M|g" \
        "$ROOT/deploy/cluster/galera.cnf.in" >"$d/my.cnf"
}

# the position a node stopped at: after a crash (SIGKILL) grastate.dat does
# not say, InnoDB does (--wsrep-recover, as Debian's galera_recovery); with it
# the node asks for the write sets it missed (IST), not a full copy (SST)
recover_position() { # N
    local d
    d=$(ndir "$1")
    grep -q '^seqno: *-1' "$d/data/grastate.dat" 2>/dev/null || return 0
    mariadbd --defaults-file="$d/my.cnf" --wsrep-recover --log-error="$d/log/recover.log" >/dev/null 2>&1 || true
    sed -n 's/.*WSREP: Recovered position: *//p' "$d/log/recover.log" | tail -1
}

# start node N; BOOT=1 bootstraps a new cluster with it (the first node)
start_node() {
    local n=$1 d pos
    d=$(ndir "$n")
    if alive "$d/run/mysqld.pid" && node_synced "$n"; then say "node $n already runs"; return 0; fi
    write_cnf "$n"
    if [ "${BOOT:-0}" = 1 ] && [ ! -d "$d/data/mysql" ]; then
        mariadb-install-db --no-defaults --datadir="$d/data" --user=mysql \
            --auth-root-authentication-method=socket --skip-test-db >"$d/log/install.log" 2>&1 ||
            die "mariadb-install-db failed for node $n ($d/log/install.log)"
    fi
    local extra=()
    if [ "${BOOT:-0}" = 1 ]; then
        extra=(--wsrep-new-cluster)
        # a cluster stopped cleanly: the last node to stop may bootstrap it
        [ ! -f "$d/data/grastate.dat" ] || sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$d/data/grastate.dat"
    else
        pos=$(recover_position "$n")
        [ -z "$pos" ] || extra=(--wsrep-start-position="$pos")
    fi
    setsid nohup mariadbd --defaults-file="$d/my.cnf" "${extra[@]}" >>"$d/log/mariadb.out" 2>&1 </dev/null &
    [ "${NOWAIT:-0}" = 1 ] || wait_synced "$n" $!
}

wait_synced() { # N PID: until node N (process PID) is Synced
    local n=$1 pid=$2 t=600 d
    d=$(ndir "$n")
    until node_synced "$n"; do
        t=$((t - 1))
        if [ $t -le 0 ] || ! kill -0 "$pid" 2>/dev/null; then
            tail -20 "$d/log/mariadb.err" >&2
            die "node $n did not reach Synced"
        fi
        sleep 0.2
    done
    say "node $n synced ($(addr "$n"):$SQLP, cluster size $(cluster_size "$n"))"
}

# A new cluster: node 1 bootstraps it and stops; nodes 2 and 3 start from a
# copy of its data, so they join by IST (nothing to send) instead of each
# taking a full copy (SST) - the same as restoring one backup on every node
seed_nodes() {
    local n
    BOOT=1 start_node 1
    stop_node 1
    for n in 2 3; do
        write_cnf "$n"
        cp -a "$(ndir 1)/data/." "$(ndir "$n")/data/"
        rm -f "$(ndir "$n")/data/galera.cache"
        sed -i 's/^safe_to_bootstrap: 1/safe_to_bootstrap: 0/' "$(ndir "$n")/data/grastate.dat"
    done
}

stop_node() {
    local n=$1 d pid
    d=$(ndir "$n")
    alive "$d/run/mysqld.pid" || return 0
    pid=$(pid_of "$d/run/mysqld.pid")
    kill -TERM "$pid" 2>/dev/null || true
    wait_for 60 bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
    rm -f "$d/run/mysqld.pid"
}

kill_node() {
    local n=$1 d
    d=$(ndir "$n")
    alive "$d/run/mysqld.pid" || die "node $n does not run"
    kill -KILL "$(pid_of "$d/run/mysqld.pid")"
    say "node $n killed (SIGKILL)"
}

# the portal's database users, for the portal hosts' addresses (127.0.0.1)
db_users() {
    local pw apw
    pw=$(cat "$DIR/keys/db_password") apw=$(cat "$DIR/keys/db_admin_password")
    nsql 1 "CREATE DATABASE IF NOT EXISTS portal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE USER IF NOT EXISTS 'portal'@'127.0.0.%' IDENTIFIED BY '$pw';
        CREATE USER IF NOT EXISTS 'portal_admin'@'127.0.0.%' IDENTIFIED BY '$apw';
        GRANT ALL ON *.* TO 'portal_admin'@'127.0.0.%' WITH GRANT OPTION;"
}

secret() { # FILE: 24 random alphanumerics, kept
    [ -s "$1" ] && return 0
    local pw
    pw=$(head -c 48 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')
    (umask 077 && printf '%s\n' "${pw:0:24}" >"$1")
}

# ------------------------------------------------------------ portal hosts
# host N lists its own node first, then the others (its failover order)
host_env() { # N: the environment instance.sh reads for host N
    local n=$1 list="" i k
    for k in 0 1 2; do i=$(( (n - 1 + k) % 3 + 1 )); list="$list$(addr "$i"),"; done
    echo "DB_HOSTS=${list%,} DB_PORT=$SQLP HOST_ID=$n DB_USER_HOST=127.0.0.% DB_ADMIN_USER=portal_admin" \
         "DB_ADMIN_PASSWORD=$(cat "$DIR/keys/db_admin_password") ATTACHMENTS_DIR=$DIR/shared/attachments" \
         "JOBS_INTERVAL=$([ "$n" = 1 ] && echo "${JOBS_INTERVAL:-60}" || echo 0)"
}

start_host() {
    local n=$1 h
    h=$(hdir "$n")
    mkdir -p "$h/keys"
    cp "$DIR/keys/db_password" "$h/keys/db_password"
    # every host has the same field-encryption keys (a row written on one is
    # read on the other): the first host's file, copied (README.md)
    if [ "$n" != 1 ] && [ ! -s "$h/keys/portal.key" ]; then
        install -m 0400 "$(hdir 1)/keys/portal.key" "$h/keys/portal.key"
    fi
    env $(host_env "$n") bash "$ROOT/deploy/local/instance.sh" start "$h" $((PORT + n)) >"$DIR/log/host$n.log" 2>&1 ||
        { cat "$DIR/log/host$n.log" >&2; die "portal host $n did not start"; }
    say "portal host $n: http://127.0.0.1:$((PORT + n))/ (host_id $n)"
}

stop_host() {
    local n=$1
    [ -d "$(hdir "$n")" ] || return 0
    env $(host_env "$n") bash "$ROOT/deploy/local/instance.sh" stop "$(hdir "$n")" $((PORT + n)) >/dev/null 2>&1 || true
}

kill_host() { # SIGKILL of the host's portal master and workers and its Apache
    local n=$1 h p
    h=$(hdir "$n")
    for p in $(pid_of "$h/run/portal.pid") $(pid_of "$h/run/apache.pid"); do
        pkill -KILL -P "$p" 2>/dev/null || true
        kill -KILL "$p" 2>/dev/null || true
    done
    say "portal host $n killed (SIGKILL)"
}

# ------------------------------------------------------------ the balancer
start_balancer() {
    local b="$DIR/balancer" members="" n
    mkdir -p "$b"/{run,log}
    for n in "${HOSTS[@]}"; do
        members="$members    BalancerMember http://127.0.0.1:$((PORT + n)) route=host$n retry=5 connectiontimeout=2 hcmethod=GET hcuri=/healthz hcinterval=2 hcfails=3 hcpasses=1\n"
    done
    sed -e "s|@DIR@|$b|g; s|@PORT@|$PORT|g; s|@MEMBERS@|$members|g" \
        "$ROOT/deploy/cluster/balancer.conf.in" >"$b/httpd.conf"
    apache2 -t -f "$b/httpd.conf" >"$b/log/configtest.log" 2>&1 || { cat "$b/log/configtest.log" >&2; die "balancer configuration"; }
    if alive "$b/run/apache.pid"; then
        apache2 -f "$b/httpd.conf" -k graceful
    else
        apache2 -f "$b/httpd.conf" -k start
    fi
    wait_for 15 curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz" ||
        die "the balancer does not answer on $PORT"
    say "balancer: http://127.0.0.1:$PORT/"
}

stop_balancer() {
    local b="$DIR/balancer" pid
    alive "$b/run/apache.pid" || return 0
    pid=$(pid_of "$b/run/apache.pid")
    apache2 -f "$b/httpd.conf" -k stop >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    wait_for 15 bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
}

# ------------------------------------------------------------ commands
do_start() {
    mkdir -p "$DIR"/{keys,log,shared/attachments}
    chmod 700 "$DIR/keys" "$DIR/shared/attachments"
    secret "$DIR/keys/db_password"
    secret "$DIR/keys/db_admin_password"
    local n
    [ -d "$(ndir 2)/data/mysql" ] || seed_nodes
    # the first node bootstraps the cluster unless another node already runs
    if ! alive "$(ndir 2)/run/mysqld.pid" && ! alive "$(ndir 3)/run/mysqld.pid"; then
        BOOT=1 start_node 1
    else
        start_node 1
    fi
    # the others join together (each runs the SST script, slow on 2 cores)
    local pids=()
    for n in 2 3; do
        if alive "$(ndir "$n")/run/mysqld.pid" && node_synced "$n"; then pids+=(0); continue; fi
        NOWAIT=1 start_node "$n"
        pids+=($!)
    done
    for n in 2 3; do [ "${pids[n - 2]}" = 0 ] || wait_synced "$n" "${pids[n - 2]}"; done
    db_users
    for n in "${HOSTS[@]}"; do start_host "$n"; done
    start_balancer
}

do_stop() {
    local n
    stop_balancer
    for n in "${HOSTS[@]}"; do stop_host "$n"; done
    # the last node stopped holds the newest state: node 1 last, so the next
    # start bootstraps from it
    for n in 3 2 1; do stop_node "$n"; done
    say "stopped ($DIR)"
}

do_status() {
    local n
    for n in "${NODES[@]}"; do
        if alive "$(ndir "$n")/run/mysqld.pid"; then
            echo "node $n: $(nsql "$n" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2), cluster size $(cluster_size "$n" 2>/dev/null)"
        else
            echo "node $n: stopped"
        fi
    done
    for n in "${HOSTS[@]}"; do
        echo "host $n: $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$((PORT + n))/healthz" || true)"
    done
    echo "balancer: $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/healthz" || true)"
}

case "$cmd" in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    node-kill) kill_node "${1:?N}" ;;
    node-start) start_node "${1:?N}" ;;
    host-kill) kill_host "${1:?N}" ;;
    host-start) start_host "${1:?N}" ;;
    sql) nsql "${1:?N}" "${2:?SQL}" ;;
    *) usage ;;
esac
