# Apache's own error pages are Chinese (issue 21, item 5): a request past
# request_timeout (its worker killed), and the portal not running at all,
# answer Apache's static 502/503/504 page in Chinese, never Apache's English
# "Service Unavailable". Every Apache configuration in deploy/apache that
# passes requests to the portal declares the three pages.
# Leaves the instance healthy: the portal is started again at the end.

# --- the pages themselves: Chinese, self-contained, no English a user reads
for code in 500 502 503 504; do
    page="$ROOT/templates/static/errors/$code.html"
    check "error page $code exists" test -s "$page"
    # visible text: without <style>, comments and tags
    visible=$(python3 -c 'import re,sys
s=open(sys.argv[1],encoding="utf-8").read()
s=re.sub(r"(?s)<style.*?</style>|<!--.*?-->|<[^>]*>", " ", s)
print(s)' "$page")
    check "error page $code is in Chinese, with no English word" \
        bash -c '[[ $1 == *请稍* ]] && ! grep -qE "[A-Za-z]{2,}" <<<"$1"' _ "$visible"
    check "error page $code loads nothing from elsewhere (works with the portal down)" \
        bash -c '! grep -qiE "<(script|link|img)|src=|@import" "$1"' _ "$page"
done

# --- every configuration that reaches the portal declares them
for conf in "$ROOT"/deploy/apache/*; do
    name=$(basename "$conf")
    grep -qE '^[[:space:]]*(ProxyPass[[:space:]]+/[[:space:]]|FcgidWrapper)' "$conf" || continue
    codes="502 503 504"
    # mod_fcgid answers 500 for a crashed or timed-out process
    grep -q FcgidWrapper "$conf" && codes="500 $codes"
    for code in $codes; do
        check "$name: ErrorDocument $code is the Chinese page" \
            grep -qE "^[[:space:]]*ErrorDocument[[:space:]]+$code[[:space:]]+/static/errors/$code\.html" "$conf"
    done
    check "$name: the portal's own error pages are not replaced (no ProxyErrorOverride On)" \
        bash -c '! grep -qiE "^[[:space:]]*ProxyErrorOverride[[:space:]]+on" "$1"' _ "$conf"
done

# --- every configuration in deploy/apache passes apache2 -t (with the
# modules its install notes enable, a throwaway certificate and wrapper)
ct="$OUT/configtest"
mkdir -p "$ct"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$ct/key.pem" -out "$ct/cert.pem" \
    -days 1 -subj /CN=portal.youyang.intranet >/dev/null 2>&1
M=/usr/lib/apache2/modules
for conf in "$ROOT"/deploy/apache/portal-*.conf; do
    name=$(basename "$conf")
    {
        echo "ServerRoot /etc/apache2"
        echo "ServerName 127.0.0.1"
        echo "PidFile $ct/pid"
        echo "DefaultRuntimeDir $ct"
        echo "ErrorLog $ct/error.log"
        echo "Define APACHE_LOG_DIR $ct"
        echo "Listen 127.0.0.1:1"
        for m in mpm_event authz_core authz_host alias mime headers expires reqtimeout \
                 proxy proxy_fcgi buffer env ssl fcgid; do
            echo "LoadModule ${m}_module $M/mod_$m.so"
        done
        sed -e "s|/etc/ssl/certs/portal.youyang.intranet.pem|$ct/cert.pem|" \
            -e "s|/etc/ssl/private/portal.youyang.intranet.key|$ct/key.pem|" \
            -e "s|FcgidWrapper \"[^\"]*\"|FcgidWrapper \"/bin/true\"|" "$conf"
    } >"$ct/$name"
    check "$name passes apache2 -t" bash -c 'apache2 -t -f "$1" >"$1.out" 2>&1 || { cat "$1.out"; false; }' _ "$ct/$name"
done

# Apache's error page: a 5xx carrying our Chinese page, not Apache's English one
chinese_error_page() {
    case "$STATUS" in 502 | 503 | 504) ;; *) return 1 ;; esac
    body_has "酉阳县困境儿童保障工作平台" && body_has "请稍" &&
        body_lacks "Service Unavailable" && body_lacks "Bad Gateway" &&
        body_lacks "Gateway Timeout" && body_lacks "The server is temporarily"
}

# --- the portal itself still answers its own errors (not Apache's page)
req GET /no-such-page-at-all
check "a portal 404 still comes from the portal" bash -c '[ "$1" = 404 ] && ! grep -q "请稍" "$2"' _ "$STATUS" "$OUT/body"

# --- a request past request_timeout (4 s in tests): the master kills its worker
req GET "/_test/sleep?s=60"
check "a request killed at request_timeout gets the Chinese error page" chinese_error_page
check "the error page is UTF-8 HTML" header_has "Content-Type: text/html; charset=utf-8"
check "the error page is never cached (it answers at the failed page's URL)" header_has "Cache-Control: no-store"

# --- the portal stopped (Apache and MariaDB still run)
master=$(portal_master_pid)
kill -TERM "$master"
check "the portal stops" wait_for bash -c "! kill -0 $master 2>/dev/null"
req GET /about
check "with the portal down a page answers 503" status_is 503
check "with the portal down the 503 is the Chinese page" chinese_error_page
req GET /healthz
check "with the portal down /healthz answers the Chinese 503" chinese_error_page
req POST /login --data "username=a&password=b"
check "with the portal down a form post gets the Chinese page, which says to check before resubmitting" \
    bash -c 'grep -q "请先查看数据是否已经保存" "$1"' _ "$OUT/body"

# --- start it again (instance.sh starts only what is not running)
bash "$ROOT/deploy/local/instance.sh" start "$TEST_DIR" "${BASE##*:}" >"$OUT/restart.log" 2>&1
check "the portal starts again" wait_for bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '$BASE/healthz')\" = 200 ]"
req GET /about
check "pages are served again after the restart" bash -c '[ "$1" = 200 ] && ! grep -q "请稍" "$2"' _ "$STATUS" "$OUT/body"
