# The process manager under faults: a worker killed under load, a hung
# request, the database going away and coming back, recycling, reload, and
# the fd-0 (mod_fcgid / spawn-fcgi) mode.
master=$(portal_master_pid)
check "the portal master is running" kill -0 "$master"

# --- a worker killed with SIGKILL under load
load_ok="$OUT/load"
: >"$load_ok"
( for i in $(seq 1 300); do curl -s -o /dev/null -w '%{http_code}\n' "$BASE/hello"; done >"$load_ok" ) &
loader=$!
sleep 0.3
victim=$(portal_worker_pids | head -n1)
kill -9 "$victim"
wait "$loader"
after=$(for i in $(seq 1 40); do curl -s -o /dev/null -w '%{http_code}\n' "$BASE/about"; done | sort | uniq -c)
check "after SIGKILL of a worker the next requests succeed" [ "$(echo "$after" | awk '$2==200{print $1}')" = 40 ]
check "the killed worker was replaced" wait_for bash -c "[ \$(pgrep -P $master | wc -l) -ge 4 ] && ! kill -0 $victim 2>/dev/null"
check "most of the load succeeded while a worker died" [ "$(grep -c '^200$' "$load_ok")" -ge 290 ]

# --- a hung request: the master kills it at request_timeout (4 s here)
before=$(portal_worker_pids | tr '\n' ' ')
t0=$(date +%s)
curl -s -o "$OUT/hung" -w '%{http_code}' --max-time 30 "$BASE/_test/sleep?s=60" >"$OUT/hung.status" &
hung=$!
sleep 0.5
ok=0
for i in $(seq 1 20); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/hello")" = 200 ] && ok=$((ok+1))
done
check "other requests are unaffected while one hangs" [ $ok = 20 ]
wait "$hung"
t1=$(date +%s)
check "the hung request ends at the deadline, not after 60 s" [ $((t1 - t0)) -lt 15 ]
check "the hung request gets an error, not a success" [ "$(cat "$OUT/hung.status")" != 200 ]
check "the master logged the kill" grep -q "PT0613" "$TEST_DIR/log/portal.log"
hung_pid=$(grep PT0613 "$TEST_DIR/log/portal.log" | tail -n1 | sed -n 's/.*worker \([0-9]*\) ran.*/\1/p')
check "the hung worker was reaped and replaced" wait_for bash -c "grep -q 'worker $hung_pid died by signal 9' '$TEST_DIR/log/portal.log' && [ \$(pgrep -P $master | wc -l) -ge 4 ]"
req GET /hello
check "the portal serves after the kill" status_is 200

# --- the database goes away and comes back
log_lines=$(wc -l <"$TEST_DIR/log/portal.log")
mariadb-admin --socket="$TEST_DIR/run/mysqld.sock" -uroot shutdown
wait_for bash -c "! mariadb-admin --socket='$TEST_DIR/run/mysqld.sock' -uroot ping >/dev/null 2>&1"
req GET /healthz
check "/healthz is 503 while the database is down" status_is 503
req GET /about
check "a database page is 503 while the database is down" status_is 503
check "the 503 page says so in Chinese" body_has "暂时无法连接数据库"
check "it tells the client when to retry" header_has "Retry-After"
req GET /hello
check "a route without the database still works" status_is 200
nohup mariadbd --defaults-file="$TEST_DIR/mariadb/my.cnf" >>"$TEST_DIR/log/mariadb.out" 2>&1 &
wait_for mariadb-admin --socket="$TEST_DIR/run/mysqld.sock" -uroot ping >/dev/null 2>&1
t0=$(date +%s)
wait_for bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '$BASE/about')\" = 200 ]"
t1=$(date +%s)
check "pages answer 200 again within seconds of the database returning" [ $((t1 - t0)) -le 10 ]
for i in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null "$BASE/about"; done
req GET /about
check "every worker recovered" status_is 200
check "the same master serves (no restart)" [ "$(portal_master_pid)" = "$master" ] 
check "no worker died while the database was away (they reconnect)" bash -c "! tail -n +$((log_lines + 1)) '$TEST_DIR/log/portal.log' | grep -qE 'PT0609|PT0610'"
jar=$(login admin 'Admin#2026portal')
req GET / -b "$jar"
check "logging in works after the database came back" status_is 200

# --- SIGHUP: new workers, the in-flight request finishes
old=$(portal_worker_pids | tr '\n' ' ')
curl -s -o "$OUT/inflight" -w '%{http_code}' "$BASE/_test/sleep?s=2" >"$OUT/inflight.status" &
inflight=$!
sleep 0.5
kill -HUP "$master"
wait "$inflight"
check "a request in flight during a reload completes" [ "$(cat "$OUT/inflight.status")" = 200 ]
check "reload replaced every worker" wait_for bash -c "new=\$(pgrep -P $master | sort | tr '\n' ' '); for p in $old; do case \" \$new \" in *\" \$p \"*) exit 1;; esac; done"
req GET /about
check "the reloaded workers serve" status_is 200

# --- recycling after max_requests (300 in the test instance)
first=$(portal_worker_pids | tr '\n' ' ')
for i in $(seq 1 1500); do echo "url = \"$BASE/hello\""; done >"$OUT/urls"
curl -s -K "$OUT/urls" -o /dev/null
now=$(portal_worker_pids | tr '\n' ' ')  # the periodic job (every second here) is not a worker
check "workers recycle after max_requests" [ "$now" != "$first" ]
req GET /hello
check "service continues across recycling" status_is 200

# --- fd-0 mode: spawn-fcgi hands the program a listening socket
sock="$OUT/fcgid.sock"
spawn-fcgi -s "$sock" -P "$OUT/fcgid.pid" -- "$ROOT/${PORTAL_BUILD:-build}/portal" --config "$TEST_DIR/portal.conf" >/dev/null 2>&1
wait_for test -S "$sock"
resp=$(REQUEST_METHOD=GET REQUEST_URI=/hello SERVER_PROTOCOL=HTTP/1.1 cgi-fcgi -bind -connect "$sock" 2>&1)
check "the same binary serves on a socket handed to it on fd 0" grep -q "你好，酉阳" <<<"$resp"
kill "$(cat "$OUT/fcgid.pid")" 2>/dev/null
