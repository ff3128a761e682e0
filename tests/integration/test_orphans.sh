# What a request that dies leaves in MariaDB (issue 17): a statement whose
# worker is gone runs on until the server next writes to its client, holding
# a core and its transaction's locks.  The master ends the connection of a
# worker that died while serving (PT0618, KILL on the server it was on), and
# the server ends a statement past its bound itself (max_statement_time,
# below the socket's read timeout: 2.5 s here, request_timeout 4 s), an
# export's streamed one too.  /_test/slow runs a statement that
# keeps a core busy until stopped (a scan of a trillion rows), as a
# county-wide search or an export's big read does; lock=1 first moves the
# shared counter, whose row its transaction then keeps locked.

db_user=$(sed -n 's/^db_user *= *//p' "$TEST_DIR/portal.conf")
db_user=${db_user:-portal}
aj=$(login admin 'Admin#2026portal')
# the portal's statements of /_test/slow still running, or nothing
running() { sql "SELECT id FROM information_schema.processlist WHERE user = '$db_user' AND info LIKE '%FROM test_rows%'"; }
none_running() { [ -z "$(running)" ]; }
one_running() { [ -n "$(running)" ]; }
bounded() { sql "SHOW GLOBAL STATUS LIKE 'max_statement_time_exceeded'" | cut -f2; }
counter() { sql "SELECT n FROM test_counter WHERE id = 1"; }
log_from() { tail -n +$(($1 + 1)) "$TEST_DIR/log/portal.log"; }
wait_for none_running  # nothing left by an earlier file

# ---- 1. killed at request_timeout while its streamed statement runs (it
# starts at 3 s: the master's kill at 4 s comes before its bound at 5.5 s)
lines=$(wc -l <"$TEST_DIR/log/portal.log")
n0=$(counter); b0=$(bounded)
req GET "/_test/slow?stream=1&pause=3&lock=1" -b "$aj"
check "a request whose statement outlives request_timeout is killed: an error, not a success" \
    bash -c "[ '$STATUS' != 200 ] && [ '$STATUS' != 000 ]"
check "... by the master" bash -c "tail -n +$((lines + 1)) '$TEST_DIR/log/portal.log' | grep -q 'PT0613.*GET /_test/slow'"
check "... which then ends its database connection (PT0618)" \
    wait_for bash -c "tail -n +$((lines + 1)) '$TEST_DIR/log/portal.log' | grep -q 'PT0618 .*: ended'"
check "afterwards no statement of it runs in MariaDB" wait_for none_running
check "... ended by the KILL, not by the server's own bound" [ "$(bounded)" = "$b0" ]
post /_test/counter "$aj"
check "the row its transaction had locked is free: the next write of it succeeds" status_is 303
check "... and only that acknowledged write counts (the killed one's rolled back)" \
    [ "$(counter)" = $((n0 + 1)) ]

# ---- 2. a worker killed by anyone (a crash, an operator) while its statement runs
lines=$(wc -l <"$TEST_DIR/log/portal.log")
b0=$(bounded)
curl -s -o /dev/null --max-time 30 -b "$aj" "$BASE/_test/slow?stream=1" &
bg=$!
wait_for one_running
check "the streamed statement runs" one_running
kill -9 $(portal_worker_pids) 2>/dev/null
wait "$bg"
check "every worker killed with SIGKILL: the one that served has its connection ended" \
    wait_for bash -c "tail -n +$((lines + 1)) '$TEST_DIR/log/portal.log' | grep -q 'PT0618 .*: ended'"
check "... only that one (idle workers' connections end with them)" \
    [ "$(log_from "$lines" | grep -c PT0618)" = 1 ]
check "no statement of it runs afterwards" wait_for none_running
check "... ended by the KILL, not by the server's own bound" [ "$(bounded)" = "$b0" ]
check "the portal serves again" wait_for bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -b '$aj' '$BASE/_test/echo')\" = 200 ]"

# ---- 3. a statement past its bound, plain or streamed (an export's, silent
# before its first row): the server ends it, the worker answers
for how in "" "stream=1"; do
lines=$(wc -l <"$TEST_DIR/log/portal.log")
b0=$(bounded)
req GET "/_test/slow?$how" -b "$aj"
check "${how:-plain}: a statement past its bound ends with the worker's own page: busy (503), not broken" \
    bash -c "[ '$STATUS' = 503 ] && grep -qF '用时过长，已被系统中止' '$OUT/body' && grep -qF '缩小范围' '$OUT/body'"
check "... which asks to come back later (Retry-After)" grep -qi '^Retry-After: 30' "$OUT/headers"
check "... ended by the server's bound (max_statement_time)" [ "$(bounded)" = $((b0 + 1)) ]
check "... nothing of it runs afterwards" none_running
check "... the master did not have to kill the worker" bash -c "! tail -n +$((lines + 1)) '$TEST_DIR/log/portal.log' | grep -q PT0613"
check "... nor was it run again on a new connection (a read timeout used to)" \
    bash -c "! tail -n +$((lines + 1)) '$TEST_DIR/log/portal.log' | grep -q PT0101"
req GET /_test/echo -b "$aj"
check "... the same worker serves the next request" status_is 200
done

# ---- 4. the periodic job killed at jobs_timeout while its statement runs
# (testkit.slow scans test_rows while test_counter has a row 2): the master
# kills the job and ends its connection too; the next run finds the job free
# (request_timeout 30 here: the job's statements are bounded at 18 s, after it)
restart_portal REQUEST_TIMEOUT=30 JOBS_TIMEOUT=3
lines=$(wc -l <"$TEST_DIR/log/portal.log")
b0=$(bounded)
sql "INSERT INTO test_counter VALUES (2, 0)"
sql "UPDATE module_jobs SET last_started = NULL WHERE module = 'testkit' AND job = 'slow'"
check "the job's statement runs" wait_for one_running
bash "$ROOT/deploy/local/instance.sh" status "$TEST_DIR" "${BASE##*:}" >"$OUT/status.job" 2>&1
check "status counts the workers, not the running job beside them (4, not 5)" \
    grep -q "^portal:  running (pid [0-9]*, 4 workers" "$OUT/status.job"
check "the master kills the job past jobs_timeout (3 s here)" \
    wait_for bash -c "tail -n +$((lines + 1)) '$TEST_DIR/log/portal.log' | grep -q 'PT1005 the periodic job'"
check "... and ends its database connection (PT0618)" \
    wait_for bash -c "tail -n +$((lines + 1)) '$TEST_DIR/log/portal.log' | grep -q 'PT0618 .*: ended'"
check "... so no statement of it runs afterwards" wait_for none_running
check "... ended by the KILL, not by the server's own bound" [ "$(bounded)" = "$b0" ]
sql "DELETE FROM test_counter WHERE id = 2"
sql "UPDATE module_jobs SET last_started = NULL WHERE module = 'testkit' AND job = 'slow'"
job_ok() { [ "$(sql "SELECT last_status FROM module_jobs WHERE module = 'testkit' AND job = 'slow'")" = ok ]; }
check "the next run of the job completes" wait_for job_ok
restart_portal
check "the portal is back with its workers" wait_for workers_are 4

# whatever failed above, no scan of test_rows is left to burn a core under later files
for i in $(running); do sql "KILL $i" 2>/dev/null; done
