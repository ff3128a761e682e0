# The marks of the child's panels (issue 17, sql/041): which declared tables
# ever held a row of a child are kept by triggers in child_marks, so the file
# page asks one table instead of one EXISTS per declared table.  A row
# written by the portal or by the database root marks its child, a row moved
# to another child marks that one, `portalctl migrate` fills the marks of rows
# written before a table was listed, and the portal's own database user can
# read the marks but neither forge nor delete them (a deleted mark would hide
# a panel).
CTL="build/portalctl --config $TEST_DIR/portal.conf"
tag=$(date +%s%N | tail -c 7)
pw=$(sed -n 's/^db_password = //p' "$TEST_DIR/portal.conf")
as_portal() { mariadb --socket="$TEST_DIR/run/mysqld.sock" -uportal -p"$pw" -N -B portal -e "$1"; }
mkchild() { # mkchild NAME -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '2016-03-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
    sql "SELECT id FROM children WHERE name='$1'"
}
marks() { sql "SELECT COALESCE(GROUP_CONCAT(tbl ORDER BY tbl), '') FROM child_marks WHERE child_id=$1"; }
# the list the file's row reads, kept from child_marks by triggers (core 046)
listed() { sql "SELECT COALESCE(MAX(marks), '') FROM child_mark_lists WHERE child_id=$1"; }
grant() { # grant CHILD -> the grant's id, inserted as the living tests do
    sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, created_at) VALUES ($1, 'orphan', 'scattered', '2026-02-01', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()"
}
tj=$(login township 'Town#2026portal' "$OUT/jar.t")
a=$(mkchild "标记童甲$tag"); b=$(mkchild "标记童乙$tag")

check "every declared table of the panels is listed as marked (22 or more)" \
    [ "$(sql "SELECT COUNT(*) FROM child_mark_tables")" -ge 22 ]
check "each has its insert and update triggers" \
    same "$(sql "SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema='portal' AND trigger_name LIKE 'cm\_%'")" \
    "$(( $(sql "SELECT COUNT(*) FROM child_mark_tables WHERE tbl NOT LIKE '%@'") * 2 ))"

req GET "/children/$a" -b "$tj"
check "a new child has no mark and its file shows 生活保障 with 暂无记录" \
    eval '[ -z "$(marks "$a")" ] && status_is 200 && body_has "<h2>生活保障</h2>" && body_lacks "孤儿基本生活费（社会散居）"'

g=$(grant "$a")
req GET "/children/$a" -b "$tj"
check "a grant written by the database root marks its child" same "$(marks "$a")" living_grants
check "and the file shows it" body_has "孤儿基本生活费（社会散居）"

sql "UPDATE living_grants SET child_id=$b WHERE id=$g"
req GET "/children/$b" -b "$tj"
check "a row moved to another child marks that child" same "$(marks "$b")" living_grants
check "whose file shows the grant" body_has "孤儿基本生活费（社会散居）"
check "the kept lists follow both children's marks" same "$(listed "$a")|$(listed "$b")" "living_grants|living_grants"
req GET "/children/$a" -b "$tj"
check "the first child keeps its mark and its file shows no grant (nothing shown that is not there)" \
    eval '[ "$(marks "$a")" = living_grants ] && status_is 200 && body_lacks "孤儿基本生活费（社会散居）"'

c=$(mkchild "标记童丙$tag")
check "a row the portal's user writes marks its child too (the trigger writes as its definer)" \
    eval 'as_portal "INSERT INTO living_grants (child_id, benefit, subtype, start_month, created_at) VALUES ($c, '"'dibao', 'rural'"', '"'2026-03-01'"', UTC_TIMESTAMP())" && [ "$(marks "$c")" = living_grants ]'
check "the portal's user reads the marks" same "$(as_portal "SELECT COUNT(*) FROM child_marks WHERE child_id=$c")" 1
check "but cannot delete one" bash -c "! mariadb --socket='$TEST_DIR/run/mysqld.sock' -uportal -p'$pw' portal -e 'DELETE FROM child_marks WHERE child_id=$c' 2>/dev/null"
check "nor forge one" bash -c "! mariadb --socket='$TEST_DIR/run/mysqld.sock' -uportal -p'$pw' portal -e \"INSERT INTO child_marks VALUES ($a, 'gd_guardians')\" 2>/dev/null"
check "nor change the list of marked tables" bash -c "! mariadb --socket='$TEST_DIR/run/mysqld.sock' -uportal -p'$pw' portal -e \"DELETE FROM child_mark_tables\" 2>/dev/null"

# the ledger's lines mark their child per module (sql/044), whoever writes them
e=$(mkchild "标记童戊$tag")
sql "INSERT INTO pay_batches (module, programme, period, title, status, created_by, created_at) VALUES ('medical', 't$tag', '2026-04-01', '标记$tag', 'draft', 1, UTC_TIMESTAMP());
     INSERT INTO pay_lines (batch_id, child_id, township_code, programme, period, amount_fen, reason, source_module, posted_by, created_at)
     VALUES (LAST_INSERT_ID(), $e, '500242101000', 't$tag', '2026-04-01', 100, '测试', 'medical', 1, UTC_TIMESTAMP())"
check "a pay line written by the database root marks its child for the line's module" \
    same "$(marks "$e")" "pay_lines,pay_lines@medical"
check "... and its kept list has both" same "$(listed "$e")" "pay_lines,pay_lines@medical"
check "the family of those marks is listed as kept" same "$(sql "SELECT COUNT(*) FROM child_mark_tables WHERE tbl='pay_lines@'")" 1
check "the portal's user cannot forge a module's mark" bash -c "! mariadb --socket='$TEST_DIR/run/mysqld.sock' -uportal -p'$pw' portal -e \"INSERT INTO child_marks VALUES ($a, 'pay_lines@medical')\" 2>/dev/null"

# rows written before a table was listed: migrate fills their marks first
sql "DELETE FROM child_mark_tables WHERE tbl='living_grants'; DELETE FROM child_marks WHERE tbl='living_grants'"
$CTL migrate >"$OUT/migrate.out" 2>&1
check "migrate lists the table again" eval 'grep -q "child marks kept for 1 more tables" "$OUT/migrate.out" && [ "$(sql "SELECT COUNT(*) FROM child_mark_tables WHERE tbl='"'living_grants'"'")" = 1 ]'
check "with the marks of the rows already there" eval '[ "$(marks "$b")" = living_grants ] && [ "$(marks "$c")" = living_grants ] && [ -z "$(marks "$a")" ]'
check "the kept lists followed the deleted marks and the filled ones" same "$(listed "$a")|$(listed "$b")|$(listed "$c")" "|living_grants|living_grants"
req GET "/children/$b" -b "$tj"
check "and the file shows the grant" body_has "孤儿基本生活费（社会散居）"

# the file page asks the marks, not one EXISTS per declared table
was=$(sql "SELECT @@GLOBAL.log_output")
sql "SET GLOBAL log_output='TABLE'; TRUNCATE mysql.general_log; SET GLOBAL general_log=1"
req GET "/children/$b" -b "$tj"
sql "SET GLOBAL general_log=0; SET GLOBAL log_output='$was'"
check "the file page reads the child's kept list of marks in its row (no GROUP_CONCAT over child_marks)" \
    eval '[ "$(sql "SELECT COUNT(*) FROM mysql.general_log WHERE argument LIKE '"'%LEFT JOIN child_mark_lists cm ON cm.child_id = c.id%'"'")" -ge 1 ] &&
          [ "$(sql "SELECT COUNT(*) FROM mysql.general_log WHERE argument LIKE '"'%FROM child_marks WHERE child_id%'"'")" = 0 ]'
check "and asks no table whether the child has a row there (no EXISTS per table)" \
    same "$(sql "SELECT COUNT(*) FROM mysql.general_log WHERE argument LIKE '%EXISTS(SELECT 1 FROM %'")" 0
sql "TRUNCATE mysql.general_log"

# a table that lost its triggers (a migration that drops and creates it
# again) has them again after migrate, with the marks of its rows
d=$(mkchild "标记童丁$tag")
sql "DROP TRIGGER cm_living_grants_child_id_i"
grant "$d" >/dev/null
check "(without its trigger a new row leaves no mark)" same "$(marks "$d")" ""
$CTL migrate >"$OUT/migrate2.out" 2>&1
check "migrate installs the lost trigger again" eval 'grep -q "child marks kept for 1 more tables" "$OUT/migrate2.out" && [ "$(sql "SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_name='"'cm_living_grants_child_id_i'"'")" = 1 ]'
check "and fills the marks of the rows written meanwhile" same "$(marks "$d")" living_grants
req GET "/children/$d" -b "$tj"
check "whose file shows the grant" body_has "孤儿基本生活费（社会散居）"

check "every child's kept list is its marks as the GROUP_CONCAT gave them (seed, demo, these writes)" same "$(sql "
    SELECT COUNT(*) FROM children c LEFT JOIN child_mark_lists cm ON cm.child_id = c.id
    WHERE NOT (cm.marks <=> (SELECT GROUP_CONCAT(m.tbl) FROM child_marks m WHERE m.child_id = c.id))")" 0
check "the portal's user cannot write the kept lists" bash -c "! mariadb --socket='$TEST_DIR/run/mysqld.sock' -uportal -p'$pw' portal -e \"UPDATE child_mark_lists SET marks = NULL WHERE child_id = $b\" 2>/dev/null"
