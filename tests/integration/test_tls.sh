# The TLS deployment (deploy/apache/portal-site-tls.conf) for real: a
# self-signed certificate made now, a second private Apache on a free port
# running that site file (paths and the allowed network adapted to the test
# instance, nothing else changed) in front of the test instance's portal
# socket. Over https: HSTS once, Secure cookies, and an Origin check that
# tells https from http. The plain-http test instance sends neither.
TLS_DIR="$TEST_DIR/tls"
rm -rf "$TLS_DIR"
mkdir -p "$TLS_DIR/log" "$TLS_DIR/run"
tls_port=""
for p in $(seq $((${BASE##*:} + 1000)) $((${BASE##*:} + 1100))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { tls_port=$p; break; }
done
TLS_BASE="https://127.0.0.1:$tls_port"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" 2>"$TLS_DIR/log/openssl.log"
check "a self-signed certificate was made" [ -s "$TLS_DIR/cert.pem" ]

# the site file as deployed, pointed at this instance
sed -e "s|<VirtualHost \*:443>|<VirtualHost 127.0.0.1:$tls_port>|" \
    -e "s|/etc/ssl/certs/portal.youyang.intranet.pem|$TLS_DIR/cert.pem|" \
    -e "s|/etc/ssl/private/portal.youyang.intranet.key|$TLS_DIR/key.pem|" \
    -e "s|/run/portal/portal.sock|$TEST_DIR/run/portal.sock|" \
    -e "s|/usr/share/portal/static|$ROOT/templates/static|g" \
    -e "s|\${APACHE_LOG_DIR}|$TLS_DIR/log|g" \
    -e "s|Require ip 10.0.0.0/8|Require ip 127.0.0.1 10.0.0.0/8|" \
    "$ROOT/deploy/apache/portal-site-tls.conf" >"$TLS_DIR/site.conf"
check "the site file was adapted (virtual host, certificate, socket)" \
    eval "grep -q '127.0.0.1:$tls_port' '$TLS_DIR/site.conf' && grep -q '$TLS_DIR/cert.pem' '$TLS_DIR/site.conf' && grep -q '$TEST_DIR/run/portal.sock' '$TLS_DIR/site.conf'"
# a server around it, like deploy/apache/local.conf.in (nothing from /etc/apache2 is read)
M=/usr/lib/apache2/modules
cat >"$TLS_DIR/httpd.conf" <<CONF
ServerRoot "/etc/apache2"
ServerName 127.0.0.1
Listen 127.0.0.1:$tls_port
PidFile "$TLS_DIR/run/apache.pid"
DefaultRuntimeDir "$TLS_DIR/run"
Mutex file:$TLS_DIR/run default
ErrorLog "$TLS_DIR/log/error.log"
LogLevel warn
User www-data
Group www-data
LoadModule mpm_event_module  $M/mod_mpm_event.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule authz_host_module $M/mod_authz_host.so
LoadModule alias_module      $M/mod_alias.so
LoadModule mime_module       $M/mod_mime.so
LoadModule headers_module    $M/mod_headers.so
LoadModule env_module        $M/mod_env.so
LoadModule buffer_module     $M/mod_buffer.so
LoadModule expires_module    $M/mod_expires.so
LoadModule reqtimeout_module $M/mod_reqtimeout.so
LoadModule proxy_module      $M/mod_proxy.so
LoadModule proxy_fcgi_module $M/mod_proxy_fcgi.so
LoadModule socache_shmcb_module $M/mod_socache_shmcb.so
LoadModule ssl_module        $M/mod_ssl.so
TypesConfig /etc/mime.types
LogFormat "%h %t \"%r\" %>s %b %D" combined
Include "$TLS_DIR/site.conf"
CONF
tls_stop() {
    [ -s "$TLS_DIR/run/apache.pid" ] || return 0
    local pid
    pid=$(cat "$TLS_DIR/run/apache.pid")
    apache2 -f "$TLS_DIR/httpd.conf" -k stop >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}
trap tls_stop EXIT
apache2 -t -f "$TLS_DIR/httpd.conf" >"$TLS_DIR/log/configtest.log" 2>&1
check "the TLS configuration passes apache2 -t" [ $? = 0 ]
apache2 -f "$TLS_DIR/httpd.conf" -k start 9>&- >>"$TLS_DIR/log/configtest.log" 2>&1
wait_for curl -sk -o /dev/null --max-time 2 "$TLS_BASE/healthz"
check "the TLS Apache answers on $TLS_BASE" [ "$(curl -sk -o /dev/null -w '%{http_code}' "$TLS_BASE/healthz")" = 200 ]

# tls METHOD PATH [curl args]: like req, over https to the TLS Apache
tls() {
    local method=$1 path=$2; shift 2
    STATUS=$(curl -sk -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' --max-time 30 \
        -X "$method" "$@" "$TLS_BASE$path") || STATUS=000
}
hsts_count() { grep -ic '^Strict-Transport-Security: max-age=31536000' "$OUT/headers"; }

tls GET /login -c "$OUT/tls.jar"
check "the login page comes over https" status_is 200
check "with exactly one Strict-Transport-Security header" same "$(hsts_count)" 1
check "the pre-login CSRF cookie is Secure" grep -qiE '^Set-Cookie: pcsrf=[^;]+;.*; Secure' "$OUT/headers"
tok=$(csrf_of_body)
tls POST /login -b "$OUT/tls.jar" -c "$OUT/tls.jar" -H "Origin: http://127.0.0.1:$tls_port" \
    --data-urlencode "_csrf=$tok" --data-urlencode "username=township" --data-urlencode 'password=Town#2026portal'
check "under https a POST whose Origin is http:// on the same host and port is 403" status_is 403
tls POST /login -b "$OUT/tls.jar" -c "$OUT/tls.jar" -H "Origin: $TLS_BASE" \
    --data-urlencode "_csrf=$tok" --data-urlencode "username=township" --data-urlencode 'password=Town#2026portal'
check "the login over https succeeds (303)" status_is 303
check "the session cookie is Secure, HttpOnly and SameSite=Strict" \
    grep -qiE '^Set-Cookie: psid=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Secure' "$OUT/headers"
check "the redirect carries HSTS too" same "$(hsts_count)" 1
tls GET / -b "$OUT/tls.jar"
check "the signed-in home page over https" eval 'status_is 200 && body_has 龙潭镇工作人员'
tls GET /static/portal.css
check "a static file over https carries HSTS" eval 'status_is 200 && [ "$(hsts_count)" = 1 ]'
check "the certificate is the one made for the test" \
    eval "curl -s --cacert '$TLS_DIR/cert.pem' -o /dev/null '$TLS_BASE/healthz'"

# plain http (make run, the test instance): no Secure cookie, no HSTS
req GET /login
check "over plain http the cookie is not Secure" eval '! grep -qi "^Set-Cookie:.*Secure" "$OUT/headers"'
check "over plain http there is no HSTS" same "$(hsts_count)" 0

tls_pid=$(cat "$TLS_DIR/run/apache.pid")
tls_stop
trap - EXIT
check "the TLS Apache stopped" eval "! kill -0 $tls_pid 2>/dev/null"
