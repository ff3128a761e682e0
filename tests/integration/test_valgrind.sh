# A worker reads no freed and no uninitialised memory over a sequence of
# requests (issue 22, the worker SIGSEGV): the test instance's portal is
# restarted under valgrind memcheck with one worker, so every request below
# runs in the same process and meets whatever the previous ones left in its
# heap, then the portal is restarted as it was.  ASan cannot see this class
# of bug when the read happens inside an uninstrumented library (libneo's
# HDF lookup cache kept pointers to nodes freed between requests).
INSTANCE="$ROOT/deploy/local/instance.sh"
PORT_NOW=${BASE##*:}
VG="$TEST_DIR/log/vg"
if [ "${PORTAL_BUILD:-build}" != build ]; then
    echo "  skipped: valgrind cannot run the ASan/UBSan build (SAN=1)"
    return 0
fi
if ! command -v valgrind >/dev/null 2>&1; then
    record FAIL "$TEST_FILE" "valgrind is not installed (deploy/local/deps.sh --test installs it)"
    return 0
fi
rm -f "$VG".*
# the periodic job off: only the master and its one worker run under valgrind
restart_portal WORKERS=1 REQUEST_TIMEOUT=120 JOBS_INTERVAL=0 \
    PORTAL_WRAPPER="valgrind --tool=memcheck --error-limit=no --num-callers=30 --suppressions=$ROOT/tests/hostile/valgrind.supp --log-file=$VG.%p"
check "the portal runs under valgrind with one worker" wait_for bash -c "[ \$(pgrep -P \$(cat '$TEST_DIR/run/portal.pid') | wc -l) = 1 ]"

# what the probe did before the deaths: hostile family rows, then the pages
# that show them; many donations, then the projects page; a partner's log
tj=$(login township 'Town#2026portal')
req GET /children -b "$tj"
check "the township's list answers under valgrind" status_is 200
tag=$(date +%s%N | tail -c 7)
req POST /children/new -b "$tj" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf "$tj")" \
    --data-urlencode "name=内存$tag" --data "sex=1" --data "birth_date=2016-04-0$((RANDOM % 9 + 1))" \
    --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data "village_code=500242101002"
cid=$(loc_id /children)
check "a child's file is created under valgrind" [ -n "$cid" ]
for rel in "x' ORDER BY 999#" "1 AND SLEEP(5)" "%' UNION SELECT 1#" "祖父母亲属关系测试长度十六字"; do
    req POST "/children/$cid/family" -b "$tj" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf "$tj")" \
        --data-urlencode "relation=$rel" --data-urlencode "name=王$rel" --data "situation=ill"
done
check "a hostile relation is stored" [ "$(sql "SELECT COUNT(*) FROM child_family WHERE child_id=$cid AND relation='x'' ORDER BY 999#'")" -ge 1 ]
req GET "/children/$cid" -b "$tj"
check "the child's file shows the hostile relation, escaped" body_has "x&#39; ORDER BY 999#"
req GET "/children/$cid" -b "$tj"
check "and again (the same worker)" status_is 200
cj=$(login county 'County#2026portal')
for p in / /children /volunteer/projects /volunteer/projects "/children/$cid"; do
    req GET "$p" -b "$cj"
done
check "the projects page answers after the others" status_is 200
nj=$(login ngo 'Ngo#2026portal')
for p in / /volunteer/partner /; do req GET "$p" -b "$nj"; done
check "the partner's pages answer" status_is 200

m=$(portal_master_pid)
kill -TERM "$m" 2>/dev/null   # valgrind writes each process's summary as it exits
wait_for bash -c "! kill -0 $m 2>/dev/null"
sleep 1
errors=$(cat "$VG".* 2>/dev/null |
    grep -c '^==[0-9]*== \(Invalid \|Conditional jump\|Use of uninitialised\|Syscall param\|Mismatched\|Source and destination\)')
check "valgrind ran the master and its worker" [ "$(ls "$VG".* 2>/dev/null | wc -l)" -ge 2 ]
check "no read of freed or uninitialised memory in any portal process ($errors reports)" [ "$errors" = 0 ]
[ "$errors" = 0 ] || grep -h -m1 -A14 '^==[0-9]*== \(Invalid \|Conditional jump\|Use of uninitialised\)' "$VG".* | head -30
# the portal as the rest of the suite expects it
env -u PORTAL_WRAPPER bash "$INSTANCE" start "$TEST_DIR" "$PORT_NOW" >"$OUT/vg_restart" 2>&1
check "the portal is back with its workers" wait_for workers_are "${WORKERS:-4}"
