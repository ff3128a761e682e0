# A worker that crashes leaves evidence: the master logs the request line,
# route and user it was serving (never the query string), the worker's
# signal handler logs a backtrace, core dumps are enabled on the test
# instance, and the worker is replaced.
LOG="$TEST_DIR/log/portal.log"
master=$(portal_master_pid)
jar=$(login admin 'Admin#2026portal')
uid=$(sql "SELECT id FROM users WHERE username='admin'")
lines=$(wc -l <"$LOG")
req GET "/_test/crash?how=segv&v=secret1234" -b "$jar"
check "a crashing request gets an error, not a success" [ "$STATUS" -ge 500 ]
new_log() { tail -n +$((lines + 1)) "$LOG"; }
check "the master logged the death by SIGSEGV" wait_for bash -c "tail -n +$((lines + 1)) '$LOG' | grep -q 'PT0609 worker [0-9]* died by signal 11'"
death=$(new_log | grep 'PT0609' | head -n1)
echo "    $death"
check "the death names the request line" grep -qF 'request "GET /_test/crash"' <<<"$death"
check "the death names the route" grep -qF 'route "GET /_test/crash"' <<<"$death"
check "the death names the user" grep -qF "user $uid admin" <<<"$death"
check "the query string (personal data) is not logged" bash -c "! tail -n +$((lines + 1)) '$LOG' | grep -q secret1234"
check "the worker's handler logged a backtrace" bash -c "tail -n +$((lines + 1)) '$LOG' | grep -q 'PT0615 worker [0-9]* caught signal 11 serving'"
check "the backtrace reaches the crashing module" bash -c "tail -n +$((lines + 1)) '$LOG' | sed -n '/PT0615.*backtrace:/,/PT0615 end/p' | grep -q 'testkit.so'"
check "the crashed worker is replaced" wait_for workers_are 4
req GET /hello
check "the portal serves after the crash" status_is 200

# abort() (an assertion, a detected heap corruption): the same evidence
lines=$(wc -l <"$LOG")
req GET "/_test/crash?how=abort" -b "$jar"
check "abort(): the master logged the death by SIGABRT with the request" wait_for bash -c \
    "tail -n +$((lines + 1)) '$LOG' | grep -q 'PT0609 worker [0-9]* died by signal 6.*GET /_test/crash'"
check "abort(): a backtrace too" bash -c "tail -n +$((lines + 1)) '$LOG' | grep -q 'PT0615 worker [0-9]* caught signal 6'"

# an idle worker's death says so (no stale request from before)
lines=$(wc -l <"$LOG")
victim=$(portal_worker_pids | head -n1)
kill -SEGV "$victim"
check "an idle worker's death is logged as idle" wait_for bash -c \
    "tail -n +$((lines + 1)) '$LOG' | grep -q 'PT0609 worker $victim died by signal 11.*idle'"

# core dumps on the test instance (core_dumps = 1)
check "the test instance enables core dumps" grep -qx "core_dumps = 1" "$TEST_DIR/portal.conf"
w=$(portal_worker_pids | head -n1)
[ -n "${PORTAL_BUILD:-}" ] || # the ASan build never dumps core (its shadow memory)
check "workers may dump core of any size" grep -q "^Max core file size *unlimited" "/proc/$w/limits"
if [ -z "${PORTAL_BUILD:-}" ] && [ "$(cat /proc/sys/kernel/core_pattern)" = core ]; then
    check "the crash left a core file in the instance's log folder" bash -c "ls '$TEST_DIR'/log/core* >/dev/null 2>&1"
    rm -f "$TEST_DIR"/log/core*
fi
check "the production example keeps core dumps off" grep -q "^# *core_dumps = 0\|^core_dumps = 0" "$ROOT/deploy/portal.conf.example"
victim_gone() { ! kill -0 "$victim" 2>/dev/null && workers_are 4; } # its core written and reaped
check "the worker count is back to 4 at the end" wait_for victim_gone
