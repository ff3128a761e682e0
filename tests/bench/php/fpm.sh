#!/usr/bin/env bash
# Bench-only: PHP-FPM for the plain PHP pages of tests/bench/php (issue 17's
# comparison), inside a bench instance folder.
#   fpm.sh start DIR   write DIR/php/php-fpm.conf (pm static, 8 children like
#                      the portal's 8 workers, opcache on, its unix socket in
#                      DIR/run) and DIR/apache/bench-php.conf (Apache proxies
#                      /php/NAME to tests/bench/php/NAME.php), start php-fpm
#   fpm.sh stop DIR    stop it and remove the Apache part
# Run "start" once the instance runs: it reads the division names from its
# MariaDB and reloads its Apache.  make test and make run never do.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cmd=${1:-}; DIR=${2:-}
if [ -z "$cmd" ] || [ -z "$DIR" ]; then echo "usage: fpm.sh start|stop DIR" >&2; exit 2; fi
FPM=${PHP_FPM:-php-fpm8.2}
PIDF="$DIR/run/php-fpm.pid"
SOCK="$DIR/run/php-fpm.sock"
CHILDREN=${PHP_CHILDREN:-8}

stop() {
    rm -f "$DIR/apache/bench-php.conf" "$DIR/php/divisions.php" "$DIR/php/settings.php"
    [ -f "$PIDF" ] || return 0
    local pid; pid=$(cat "$PIDF")
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$PIDF" "$SOCK"
}

conf_value() { awk -F' *= *' -v k="$1" '$1 == k {print $2}' "$DIR/portal.conf"; }

start() {
    command -v "$FPM" >/dev/null || { echo "fpm.sh: $FPM is missing (deploy/local/deps.sh --bench)" >&2; exit 1; }
    stop
    mkdir -p "$DIR/php" "$DIR/log"
    cat >"$DIR/php/php-fpm.conf" <<EOF
[global]
pid = $PIDF
error_log = $DIR/log/php-fpm.log
daemonize = yes

[portal]
user = www-data
group = www-data
listen = $SOCK
listen.owner = www-data
listen.group = www-data
listen.mode = 0660
listen.backlog = 1024
pm = static
pm.max_children = $CHILDREN
pm.max_requests = 0
clear_env = yes
env[PORTAL_DB_SOCKET] = $(conf_value db_socket)
env[PORTAL_DB_USER] = $(conf_value db_user)
env[PORTAL_DB_PASSWORD] = $(conf_value db_password)
env[PORTAL_DB_NAME] = $(conf_value db_name)
env[PORTAL_PHP_CACHE] = $DIR/php
php_admin_value[opcache.enable] = 1
php_admin_value[opcache.validate_timestamps] = 0
php_admin_value[display_errors] = Off
php_admin_value[log_errors] = On
php_admin_value[mysqli.allow_persistent] = On
EOF
    # the divisions in force, as the portal's workers cache them at start
    mariadb --socket="$(conf_value db_socket)" -uroot -N -B "$(conf_value db_name)" \
        -e "SELECT code, level, name FROM divisions WHERE valid_to IS NULL OR valid_to >= CURDATE() ORDER BY code" |
        awk -F'\t' 'BEGIN {print "<?php return ["} {gsub(/\x27/, "", $3)
            printf "\x27%s\x27 => [\x27%s\x27, \x27%s\x27],\n", $1, $2, $3} END {print "];"}' >"$DIR/php/divisions.php"
    # the module settings, as the portal's workers cache them (file_now.php)
    mariadb --socket="$(conf_value db_socket)" -uroot -N -B "$(conf_value db_name)" \
        -e "SELECT module, code, DATE_FORMAT(valid_from, '%Y-%m-%d'), value FROM setting_values
            ORDER BY module, code, valid_from DESC, id DESC" |
        awk -F'\t' 'BEGIN {print "<?php $s = [];"} {gsub(/\x27/, "", $4)
            printf "$s[\x27%s\x27][\x27%s\x27][] = [\x27%s\x27, \x27%s\x27];\n", $1, $2, $3, $4}
            END {print "return $s;"}' >"$DIR/php/settings.php"
    # before the portal's catch-all ProxyPass (deploy/apache/local.conf.in)
    cat >"$DIR/apache/bench-php.conf" <<EOF
ProxyPassMatch "^/php/([a-z_]+)\$" "unix:$SOCK|fcgi://localhost$ROOT/tests/bench/php/\$1.php"
EOF
    "$FPM" --fpm-config "$DIR/php/php-fpm.conf" -c /etc/php/8.2/fpm/php.ini
    for _ in $(seq 1 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
    [ -S "$SOCK" ] || { echo "fpm.sh: php-fpm did not start (see $DIR/log/php-fpm.log)" >&2; exit 1; }
    apache_reload
}

# the instance's Apache reads bench-php.conf again (a graceful restart)
apache_reload() {
    [ -f "$DIR/run/apache.pid" ] || return 0
    apache2 -f "$DIR/apache/httpd.conf" -k graceful
    for _ in $(seq 1 50); do
        curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(awk '$1 == "Listen" {sub(/.*:/, "", $2); print $2}' \
            "$DIR/apache/httpd.conf")/php/list" | grep -q '^303$' && return 0
        sleep 0.1
    done
    echo "fpm.sh: Apache does not answer /php/ yet" >&2; exit 1
}

case $cmd in
    start) start ;;
    stop) stop ;;
    *) echo "usage: fpm.sh start|stop DIR" >&2; exit 2 ;;
esac
