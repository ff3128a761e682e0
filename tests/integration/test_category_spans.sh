# A child's categories with their dates for the service
# child_categories_on (the medical panel's rate on the file) come from
# child_category_spans (core migration 046), kept by triggers on
# child_categories, instead of a GROUP_CONCAT subquery in the file's route
# row (issue 17).  Whatever writes a category - the file's form, the exit
# form, a direct SQL insert, update or delete, a row moved to another child -
# the next file page shows it, the kept text is what the subquery gave (the
# same order), and the portal's own database user can only read it.
tag=$(date +%s%N | tail -c 7)
pw=$(sed -n 's/^db_password = //p' "$TEST_DIR/portal.conf")
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.spans")
mkchild() { # mkchild NAME -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at)
         VALUES ('$1', 1, '2015-05-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP());
         SELECT LAST_INSERT_ID();"
}
k=$(mkchild "类别日期童$tag")
other=$(mkchild "类别日期乙$tag")
spans() { sql "SELECT IFNULL(spans, '') FROM child_category_spans WHERE child_id = $1"; }
# the medical panel's inpatient cap cell on the child's file, as shown
cap_cell() {
    req GET "/children/$k" -b "$tj"
    grep -o '住院救助年度余额</td>[^<]*<td[^>]*>[^<]*' "$OUT/body" | sed 's/.*>//'
}

check "a child with no category: not eligible for medical aid on the file" same "$(cap_cell)" "不属于医疗救助对象"

post "/children/$k/categories" "$tj" --data category=dibao --data-urlencode "basis=低保证$tag" --data start_date=2026-01-05
check "low-income entered through the file's form: 303" status_is 303
check "... kept with its start and no end" same "$(spans "$k")" "dibao 2026-01-05 -"
check "... the file's medical panel rates the child by it at once" bash -c "grep -q '低保家庭儿童）' <<<'$(cap_cell)'"

post "/children/$k/categories" "$tj" --data category=orphan --data-urlencode "basis=死亡证明$tag" --data start_date=2026-01-05
cid=$(sql "SELECT id FROM child_categories WHERE child_id = $k AND category = 'orphan'")
post "/children/$k/categories/$cid/exit" "$tj" --data end_date=2026-01-06 --data exit_reason=found --data confirm=1
check "orphan entered and exited through the forms: kept with its end, after the open one" \
    same "$(spans "$k")" "dibao 2026-01-05 -,orphan 2026-01-05 2026-01-06"

sql "UPDATE child_categories SET end_date = '2026-01-10', exit_reason = 'other' WHERE child_id = $k AND category = 'dibao'"
check "a direct SQL exit: kept at once" same "$(spans "$k")" "orphan 2026-01-05 2026-01-06,dibao 2026-01-05 2026-01-10"
check "... and the file no longer rates the child by it" same "$(cap_cell)" "不属于医疗救助对象"

sql "UPDATE child_categories SET child_id = $other WHERE child_id = $k AND category = 'orphan'"
check "a row moved to another child: gone from the first" same "$(spans "$k")" "dibao 2026-01-05 2026-01-10"
check "... kept for the other" same "$(spans "$other")" "orphan 2026-01-05 2026-01-06"
sql "DELETE FROM child_categories WHERE child_id IN ($k, $other)"
check "a delete: nothing kept for either" same "$(spans "$k")|$(spans "$other")" "|"

check "every child's kept text is its categories as the subquery gave them (seed, demo, these writes)" same "$(sql "
    SELECT COUNT(*) FROM children c LEFT JOIN child_category_spans cs ON cs.child_id = c.id
    WHERE NOT (cs.spans <=> (SELECT GROUP_CONCAT(x.category, ' ', x.start_date, ' ', COALESCE(x.end_date, '-'))
      FROM child_categories x WHERE x.child_id = c.id))")" 0
check "the portal's user cannot write the kept text" bash -c "! mariadb --socket='$TEST_DIR/run/mysqld.sock' -uportal -p'$pw' portal -e \"UPDATE child_category_spans SET spans = NULL WHERE child_id = $k\" 2>/dev/null"
check "... but reads it" bash -c "mariadb --socket='$TEST_DIR/run/mysqld.sock' -uportal -p'$pw' portal -N -e 'SELECT COUNT(*) FROM child_category_spans' >/dev/null"
