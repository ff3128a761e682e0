# The indicators job reads the live tables without locking their rows: a
# report's copy (CREATE ... SELECT into its working tables) at REPEATABLE
# READ took a shared lock on every row it read and held it until the
# month's commit, so a clerk's write to a category, an application or a
# child waited for the job or deadlocked with it (seen: an approval run
# again five times and answered 503 while the job ran).  Here a clerk's
# transaction holds a category row of an open category; the job must run
# to the end while that transaction is still open, and change nothing of
# it.
tag=$(date +%s%N | tail -c 7)
kid=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, no_id_reason, created_at, created_by, updated_at)
           VALUES ('锁童$tag', 1, '2016-05-01', '500242101000', '500242101001', '测试', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP());
           SELECT LAST_INSERT_ID()")
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by)
     VALUES ($kid, 'orphan', '测试', UTC_DATE() - INTERVAL 100 DAY, 1)"
k=$(sql "SELECT id FROM child_categories WHERE child_id = $kid")
check "a child holds an open category to lock" [ -n "$k" ]
sql "DELETE FROM supervision_months WHERE month >= UTC_DATE() - INTERVAL 2 MONTH" # the job computes them again
mariadb --socket="$TEST_DIR/run/mysqld.sock" -uroot -N -B portal -e "START TRANSACTION;
    UPDATE child_categories SET basis = CONCAT(basis, '') WHERE id = $k; SELECT SLEEP(40); ROLLBACK" \
    >/dev/null 2>&1 &
holder=$!
held() { [ "$(sql "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_rows_locked > 0 AND trx_query LIKE '%SLEEP(40)%'")" = 1 ]; }
for _ in $(seq 50); do held && break; sleep 0.2; done
check "a clerk's transaction holds the category row" held
build/portalctl --config "$TEST_DIR/portal.conf" job run supervision.indicators >"$OUT/job.txt" 2>&1
rc=$?
check "the indicators job runs to the end meanwhile (locking none of the rows it reads)" [ "$rc" = 0 ]
check "... while the clerk's transaction is still open" held
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
q=$(sql "SELECT id FROM information_schema.processlist WHERE info LIKE '%SLEEP(40)%' AND info NOT LIKE '%processlist%' LIMIT 1")
[ -z "$q" ] || sql "KILL $q" 2>/dev/null || true
for _ in $(seq 50); do held || break; sleep 0.2; done
check "the months are computed" [ "$(sql "SELECT COUNT(*) FROM supervision_months WHERE month >= UTC_DATE() - INTERVAL 2 MONTH")" -ge 1 ]
check "... and the clerk's row is as it was" same "$(sql "SELECT basis FROM child_categories WHERE id = $k")" "测试"
