# An instance folder (make run's var, a bench's var/bench) still starts
# after it was moved or copied to another checkout: MariaDB's binlog.index
# named its binary logs by absolute paths, so a bench instance copied to
# another checkout failed to start ("File '<old folder>/binlog.000017' not
# found", then "Can't init tc log").  A second instance of its own, beside
# the test instance, on the next free port.
mv_a="$TEST_DIR/mv-a" mv_b="$TEST_DIR/mv-b" mv_port=$(pick_port)
inst_mv() { bash "$ROOT/deploy/local/instance.sh" "$1" "$2" "$mv_port" >>"$OUT/move.log" 2>&1; }
mv_sql() { mariadb --socket="$1/run/mysqld.sock" -uroot -N -B portal -e "$2"; }
rm -rf "$mv_a" "$mv_b"
inst_mv start "$mv_a"
check "a second instance starts in a folder of its own" \
    bash -c '[ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$1/login")" = 200 ]' _ "$mv_port"
mv_sql "$mv_a" "CREATE TABLE move_probe (id INT PRIMARY KEY); INSERT INTO move_probe VALUES (7); FLUSH BINARY LOGS"
check "its binary log index names its files relative to the folder" bash -c '! grep -q "^/" "$1"' _ "$mv_a/mariadb/data/binlog.index"
inst_mv stop "$mv_a"
mv "$mv_a" "$mv_b"
inst_mv start "$mv_b"
check "moved to another folder, it starts again" \
    bash -c '[ "$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$1/login")" = 200 ]' _ "$mv_port"
check "with what it held" same "$(mv_sql "$mv_b" "SELECT id FROM move_probe")" 7
inst_mv stop "$mv_b"
rm -rf "$mv_b"
