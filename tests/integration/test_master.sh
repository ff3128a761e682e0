# The master's death (kill -9): its workers notice, finish their request and
# leave; status tells the truth; start cleans up leftovers and brings the
# portal back; a second master refuses to start beside a serving one; the
# systemd unit restarts the master.  Leaves the instance running and healthy.
INSTANCE="$ROOT/deploy/local/instance.sh"
PORT_NOW=${BASE##*:}
instance_portal_pids() { # every process of this instance's portal binary and configuration
    local d
    for d in /proc/[0-9]*; do
        [ "$(tr '\0' ' ' 2>/dev/null <"$d/cmdline")" = "$ROOT/${PORTAL_BUILD:-build}/portal --config $TEST_DIR/portal.conf " ] &&
            ! grep -q '^State:.*Z' "$d/status" 2>/dev/null && echo "${d#/proc/}"
    done
}
master=$(portal_master_pid)
# an earlier test's killed worker may still be writing its core or being replaced
check "the portal runs with 4 workers before the test" wait_for workers_are 4
workers=$(portal_worker_pids | tr '\n' ' ')

# --- a second master beside a serving one refuses to start
second=$(timeout 15 "$ROOT/${PORTAL_BUILD:-build}/portal" --config "$TEST_DIR/portal.conf" 2>&1); rc=$?
check "a second master on the same socket refuses to start" [ $rc -ne 0 ]
check "it says why" grep -q "still serves on" <<<"$second"
check "the first master still runs" kill -0 "$master"
req GET /hello
check "the portal still serves after the refused second master" status_is 200

# --- kill -9 of the master while a worker serves a request
curl -s -o "$OUT/inflight" -w '%{http_code}' --max-time 20 "$BASE/_test/sleep?s=3" >"$OUT/inflight.status" &
inflight=$!
sleep 0.7
kill -9 "$master"
sleep 0.5
bash "$INSTANCE" status "$TEST_DIR" "$PORT_NOW" >"$OUT/status1" 2>&1; rc=$?
check "status is not 'running' with a dead master" [ $rc -ne 0 ]
check "status names the workers left without a master" grep -q "NO MASTER" "$OUT/status1"
wait "$inflight"
check "the request in flight when the master died completes" [ "$(cat "$OUT/inflight.status")" = 200 ]
all_gone() { for p in $workers; do kill -0 "$p" 2>/dev/null && return 1; done; return 0; }
check "every worker leaves within seconds of the master's death" wait_for all_gone
check "a worker logged that its master is gone" grep -q "PT0616 the master $master is gone" "$TEST_DIR/log/portal.log"
bash "$INSTANCE" status "$TEST_DIR" "$PORT_NOW" >"$OUT/status2" 2>&1
check "status then says the portal is stopped" grep -q "^portal:  stopped" "$OUT/status2"

# --- start brings it back; a worker that does not leave (stopped here) is cleaned up
bash "$INSTANCE" start "$TEST_DIR" "$PORT_NOW" >"$OUT/start1" 2>&1
check "start brings the portal back" [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/hello")" = 200 ]
master=$(portal_master_pid)
check "one master with 4 workers after the start" wait_for workers_are 4
stuck=$(portal_worker_pids | head -n1)
kill -STOP "$stuck"
kill -9 "$master"
others_gone() { [ "$(instance_portal_pids | grep -vx "$stuck" | wc -l)" = 0 ]; }
wait_for others_gone
bash "$INSTANCE" status "$TEST_DIR" "$PORT_NOW" >"$OUT/status3" 2>&1
check "status reports the stuck worker of the dead master" grep -q "NO MASTER - 1 worker(s).*$stuck" "$OUT/status3"
bash "$INSTANCE" start "$TEST_DIR" "$PORT_NOW" >"$OUT/start2" 2>&1
check "start cleaned up the leftover worker" wait_for bash -c "! kill -0 $stuck 2>/dev/null || ps -o stat= -p $stuck | grep -q Z"
check "start said it found it" grep -q "without a master: $stuck" "$OUT/start2"
master=$(portal_master_pid)
check "after start: one master with 4 workers" wait_for workers_are 4
n=$(instance_portal_pids | wc -l)
check "5 portal processes in all (no second set beside leftovers)" [ "$n" = 5 ]
bash "$INSTANCE" status "$TEST_DIR" "$PORT_NOW" >"$OUT/status4" 2>&1
check "status says running with 4 workers" grep -q "^portal:  running (pid $master, 4 workers" "$OUT/status4"
jar=$(login township 'Town#2026portal')
req GET / -b "$jar"
check "logged-in pages work after the restart" status_is 200

# --- the systemd unit restarts the master and kills leftovers with it
unit="$ROOT/deploy/systemd/portal.service"
check "the unit restarts the master whatever ended it" grep -qx "Restart=always" "$unit"
check "the unit stops the master first, then the whole cgroup" grep -qx "KillMode=mixed" "$unit"
check "the unit bounds restart loops" grep -q "^StartLimitBurst=" "$unit"
if command -v systemd-analyze >/dev/null 2>&1; then
    verify=$(systemd-analyze verify "$unit" 2>&1 | grep -v 'Command /usr/lib/portal/portal is not executable\|not executable: No such file\|Failed to load\|/usr/lib/portal' || true)
    check "systemd-analyze verify finds nothing wrong in the unit" [ -z "$verify" ]
    [ -z "$verify" ] || echo "$verify" | sed 's/^/    /'
fi
