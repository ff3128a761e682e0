# What MariaDB Galera needs of the schema and the SQL (issue 18, deploy/cluster):
# every table of the migrated database (core and every module) is InnoDB and
# has a primary key - Galera replicates InnoDB only, and a row without a key
# cannot be found on the other nodes (deletes and updates crawl or diverge);
# no statement Galera does not replicate or refuses (LOCK TABLES, GET_LOCK);
# a failed commit (certification conflict) is run again like a deadlock.
nokey=$(sql "SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = 'portal'
    AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c
    WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
    AND c.constraint_type = 'PRIMARY KEY') ORDER BY 1" | tr '\n' ' ')
check "every table of the migrated database has a primary key${nokey:+ (none: $nokey)}" [ -z "$nokey" ]
ntables=$(sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'portal' AND table_type = 'BASE TABLE'")
check "the check saw the modules' tables too ($ntables tables)" [ "$ntables" -ge 60 ]
engine=$(sql "SELECT CONCAT(table_name, '=', engine) FROM information_schema.tables WHERE table_schema = 'portal'
    AND table_type = 'BASE TABLE' AND engine <> 'InnoDB' ORDER BY 1" | tr '\n' ' ')
check "every table is InnoDB${engine:+ (not: $engine)}" [ -z "$engine" ]
# the statements Galera refuses or does not replicate, anywhere in the code or SQL
bad=$(grep -rlniE '\b(LOCK TABLES?|UNLOCK TABLES|GET_LOCK|RELEASE_LOCK|IS_FREE_LOCK)\b' \
    "$ROOT/cgi" "$ROOT/modules" "$ROOT/sql" --include='*.c' --include='*.h' --include='*.sql' 2>/dev/null | tr '\n' ' ')
check "no LOCK TABLES or GET_LOCK in the code${bad:+ (in: $bad)}" [ -z "$bad" ]
# another engine only for a session's TEMPORARY table (never replicated, it
# lives and dies on the node that made it: supervision's working tables):
# each ENGINE= of MyISAM, Aria or MEMORY must close a CREATE TEMPORARY TABLE
badeng=$(find "$ROOT/cgi" "$ROOT/modules" "$ROOT/sql" \( -name '*.c' -o -name '*.h' -o -name '*.sql' \) -print0 |
    xargs -0 perl -0777 -ne 'while (/ENGINE\s*=\s*(MyISAM|Aria|MEMORY)/gi) {
        my $before = substr($_, 0, $-[0]); my $t = rindex(uc $before, "CREATE TEMPORARY TABLE");
        my $c = rindex(uc $before, "CREATE TABLE"); print "$ARGV " if $t < 0 || $c > $t }' | tr -s ' ')
check "no non-InnoDB engine but for a temporary table${badeng:+ (in: $badeng)}" [ -z "$badeng" ]

# portalctl migrate runs once for a whole cluster: a run in progress (its
# migrate_lock row) makes a second one stop before it changes anything
ctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@"; }
check "portalctl migrate runs and leaves no claim behind" bash -c \
    "build/portalctl --config '$TEST_DIR/portal.conf' migrate >/dev/null && [ \"\$(mariadb --socket='$TEST_DIR/run/mysqld.sock' -uroot -N -B portal -e 'SELECT COUNT(*) FROM migrate_lock')\" = 0 ]"
sql "INSERT INTO migrate_lock VALUES (1, 'portal-2 pid 4242', UTC_TIMESTAMP())"
out=$(ctl migrate 2>&1); rc=$?
check "a second migrate while one runs is refused" [ $rc != 0 ]
check "it names the run in progress" grep -q "another migrate runs (portal-2 pid 4242" <<<"$out"
sql "UPDATE migrate_lock SET since = UTC_TIMESTAMP() - INTERVAL 2 HOUR"
check "a claim older than an hour (a crashed run) is taken over" bash -c "build/portalctl --config '$TEST_DIR/portal.conf' migrate >/dev/null"
check "the portal user may only read the claim" bash -c "mariadb --socket='$TEST_DIR/run/mysqld.sock' -uroot -N -B -e \"SHOW GRANTS FOR 'portal'@'localhost'\" | grep -F '\`migrate_lock\`' | grep -q 'GRANT SELECT ON'"

# audit chains per host: host_id (portal.conf) puts a host's chains in a range
# of their own; portalctl on host 3 writes chain 3000, and the chains verify
sed 's/^host_id = .*//' "$TEST_DIR/portal.conf" >"$OUT/host3.conf"
echo "host_id = 3" >>"$OUT/host3.conf"
org=$(sql "SELECT code FROM orgs WHERE division_code = '500242000000' ORDER BY code LIMIT 1")
build/portalctl --config "$OUT/host3.conf" user add "gh3$(date +%s%N | tail -c 6)" --display-name 三号主机 \
    --role county_staff --division 500242000000 --org "$org" --password 'Xyz#2026galera' >/dev/null
check "host 3's portalctl appends to chain 3000" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE chain = 3000")" -ge 1 ]
check "the audit chains verify with several hosts' chains" ctl audit verify

# db_host listing a cluster's nodes: the first refuses connections (a dead
# node), the next one answers - portalctl (the same connection code as the
# workers) gets through
grep -v '^host_id = ' "$OUT/host3.conf" >"$OUT/failover.conf"
printf 'db_host = 127.0.0.1:1,localhost\nhost_id = 3\n' >>"$OUT/failover.conf"
check "a dead first node in db_host: the connection goes to the next" \
    bash -c "build/portalctl --config '$OUT/failover.conf' audit verify >/dev/null"
printf 'db_host = 127.0.0.1:1,127.0.0.1:2\n' >>"$OUT/failover.conf"
check "every node dead: a clear failure" bash -c "! build/portalctl --config '$OUT/failover.conf' audit verify >/dev/null 2>&1"
