# The child's tables moved from the registry module to the core (ABI 2.0,
# sql/012_child_core.sql).  A database migrated by the tree before that move
# and then by this one must end with the same schema as a fresh database
# migrated by this one: the same tables, columns, indexes, foreign keys and
# triggers, and the same migrations recorded.  The old tree's SQL comes from
# git (the commit before 012 was added), applied file by file in the order
# portalctl applied it (the core, then registry, then the modules that
# require it), each recorded in schema_migrations as portalctl did.

db() { mariadb --socket="$TEST_DIR/run/mysqld.sock" -uroot -N -B "$@"; }
up=portal_up_$$ fresh=portal_fresh_$$
mk_conf() { # DB -> a configuration of the real modules on that database
    local f="$OUT/$1.conf"
    grep -v '^db_name' "$TEST_DIR/portal.conf" | grep -v '^modules_dir' | grep -v '^modules_src' >"$f"
    { echo "db_name = $1"; echo "modules_dir = $ROOT/build/modules"; echo "modules_src = $ROOT/modules"; } >>"$f"
    echo "$f"
}
migrate() { build/portalctl --config "$(mk_conf "$1")" migrate >"$OUT/migrate.$1" 2>&1; }
for d in $up $fresh; do
    db -e "DROP DATABASE IF EXISTS $d; CREATE DATABASE $d CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
done

added=$(git -C "$ROOT" log --diff-filter=A --format=%H -- sql/012_child_core.sql | tail -n1)
mkdir -p "$OUT/old"
check "the tree before the move is in git" bash -c "[ -n '$added' ] && git -C '$ROOT' archive '$added^' sql modules | tar -x -C '$OUT/old'"

old_migrate() {
    old_tree_migrate "$up" "$OUT/old" registry living volunteer || return 1
    [ "$(ls "$OUT"/old/modules/*/sql/[0-9][0-9][0-9]_*.sql | grep -cv '/\(registry\|living\|volunteer\)/')" = 0 ]
}
check "the old tree's migrations apply to an empty database" old_migrate
check "the old database holds the child's tables (created by the registry then)" \
    [ "$(db "$up" -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='$up' AND table_name IN ('children','child_family','child_categories','child_events')")" = 4 ]
migrate "$up"
check "this tree migrates the old database (core 12 applied)" grep -q "applied core 12 012_child_core.sql" "$OUT/migrate.$up"
migrate "$fresh"
check "this tree migrates a fresh database" grep -q "migrations up to date" "$OUT/migrate.$fresh"

schema() { # DB: what must be the same
    db -e "SELECT table_name, column_name, ordinal_position, column_type, is_nullable, column_default, extra
             FROM information_schema.columns WHERE table_schema='$1' ORDER BY 1, 3;
           SELECT table_name, index_name, seq_in_index, column_name, non_unique
             FROM information_schema.statistics WHERE table_schema='$1' ORDER BY 1, 2, 3;
           SELECT constraint_name, table_name, referenced_table_name, update_rule, delete_rule
             FROM information_schema.referential_constraints WHERE constraint_schema='$1' ORDER BY 1, 2;
           SELECT trigger_name, event_object_table, action_timing, event_manipulation, action_statement
             FROM information_schema.triggers WHERE trigger_schema='$1' ORDER BY 1;
           SELECT module, version, file FROM $1.schema_migrations ORDER BY 1, 2;
           SELECT table_name, id_column, column_name FROM $1.crypto_columns ORDER BY 1, 3"
}
schema "$up" >"$OUT/schema.up"
schema "$fresh" >"$OUT/schema.fresh"
check "the upgraded database has the same schema as a fresh one" diff "$OUT/schema.up" "$OUT/schema.fresh"
check "... the child's tables, the scope trigger and the list index among it" bash -c "
    grep -q '^children	village_code' '$OUT/schema.fresh' && grep -q '^child_categories	child_open	1' '$OUT/schema.fresh' &&
    grep -q '^children_scope_follow	children' '$OUT/schema.fresh' && grep -q '^child_events	summary' '$OUT/schema.fresh'"
check "migrating the upgraded database again applies nothing" bash -c "build/portalctl --config '$OUT/$up.conf' migrate | grep -q '(0 applied)'"
db -e "DROP DATABASE $up; DROP DATABASE $fresh"
