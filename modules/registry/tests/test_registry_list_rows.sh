# A township's list reads the kept list rows (core 049): a copy of what the
# list shows of each child, its open categories too, kept by triggers on
# children and on child_open_categories (itself kept from child_categories
# by 042's).  Whatever writes a child or a category - the file's forms, the
# exit form, a direct SQL statement, one that reads children while it
# writes child_categories - the township's list shows the child's row at
# once as a name search does (that one reads the child's own row and its
# kept codes), and at the end every kept row agrees with its child.  The
# county's list (every township: core 050's keys of the kept rows) shows
# the same row in each of its orders.
tag=$(date +%s%N | tail -c 7)
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('township', 'county')"
tj=$(login township 'Town#2026portal' "$OUT/jar.lr")
cj=$(login county 'County#2026portal' "$OUT/jar.lrc")
kname="列表行童$tag"
k=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$kname', 1, '2015-05-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")

# child k's row as the page shows it, or "(no row)"
row_cells() { child_row "$k"; }
# in the township's list, newest first (the kept rows); by a search for its
# name (its own row)
listed() { req GET "/children?township=500242101000&sort=id" -b "$tj"; row_cells; }
searched() { req GET "/children?q=$(urlq "$1")" -b "$tj"; row_cells; }
# in the county's list (no township chosen): newest first, and the page
# before the key just after the child in the name and the birth orders
county() { child_orders "$k" "$cj" "${1:-}"; }  # county [FILTERS]
cats_cell() { awk -F'|' '{print $6}' <<<"$1"; }
# the township's list shows what the search shows, and the county's list
# in its three orders the same, and that row has `want` in it (a cell, or
# "(no row)")
agree() { # agree WANT [NAME]
    local l s c
    l=$(listed); s=$(searched "${2:-$kname}"); c=$(county)
    [ "$l" = "$s" ] || { echo "list: $l"; echo "search: $s"; return 1; }
    [ "$c" = "$(printf '%s\n%s\n%s' "$l" "$l" "$l")" ] || { echo "list: $l"; echo "county: $c"; return 1; }
    case "|$l|" in *"|$1|"*) return 0 ;; esac
    [ "$l" = "$1" ] || { echo "row: $l (wanted $1)"; return 1; }
}

check "a child filed by SQL is in the township's list at once, no category" agree "$kname"
check "... with an empty category cell" same "$(cats_cell "$(listed)")" ""

post "/children/$k/categories" "$tj" --data category=dibao --data-urlencode "basis=低保证$tag" --data start_date=2026-01-05
check "low-income entered through the file's form: 303" status_is 303
check "... the township's list shows it at once" agree "低保家庭儿童"
post "/children/$k/categories" "$tj" --data category=orphan --data-urlencode "basis=死亡证明$tag" --data start_date=2026-01-05
check "orphan entered too: both, in the categories' order" agree "孤儿、低保家庭儿童"
cid=$(sql "SELECT id FROM child_categories WHERE child_id = $k AND category = 'orphan'")
post "/children/$k/categories/$cid/exit" "$tj" --data end_date=2026-01-06 --data exit_reason=found --data confirm=1
check "orphan exited through the exit form: 303" status_is 303
check "... dropped from the township's list at once" agree "低保家庭儿童"
req GET "/children?township=500242101000&sort=id&category=orphan" -b "$tj"
check "... and the category filter no longer finds the child" same "$(row_cells)" "(no row)"
req GET "/children?township=500242101000&sort=id&category=dibao" -b "$tj"
check "the category filter on the township's list finds it under the one it holds" same "$(cats_cell "$(row_cells)")" "低保家庭儿童"
check "... and the county's list no longer finds it under orphan, in any order" same "$(county '&category=orphan')" "$(printf '(no row)\n(no row)\n(no row)')"
check "... but under the one it holds (the same row in every order)" same "$(cats_cell "$(county '&category=dibao' | sort -u)")" "低保家庭儿童"

sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($k, 'tekun', '测试', '2026-02-01', 1)"
check "a direct SQL insert: shown at once" agree "特困供养儿童、低保家庭儿童"
sql "UPDATE child_categories SET end_date = '2026-03-01', exit_reason = 'other' WHERE child_id = $k AND category = 'tekun'"
check "a direct SQL exit: dropped at once" agree "低保家庭儿童"
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) SELECT id, 'temporary', '测试', '2026-02-01', 1 FROM children WHERE id = $k"
check "an insert that reads children (INSERT ... SELECT FROM children) still works, shown at once" agree "低保家庭儿童、临时困境儿童"
sql "UPDATE child_categories SET category = 'guardianship' WHERE child_id = $k AND category = 'temporary'"
check "a row turned into another category: shown so at once" agree "低保家庭儿童、监护缺失或不当儿童"
sql "DELETE FROM child_categories WHERE child_id IN (SELECT id FROM children WHERE id = $k) AND end_date IS NULL"
check "a delete that reads children: an empty cell at once" same "$(cats_cell "$(listed)")" ""
check "... as the search shows" agree "$kname"

# the category filter tests the kept row's seven columns, the first seven
# open codes; a child with eight open rows (one category held twice) has
# the last one past them, and the filter still finds it by its rows
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by)
     SELECT $k, c, '测试', '2026-02-01', 1 FROM (SELECT 'temporary' c UNION SELECT 'guardianship'
     UNION SELECT 'ill_disabled' UNION SELECT 'dibao' UNION SELECT 'tekun'
     UNION SELECT 'de_facto_unsupported' UNION SELECT 'orphan' UNION ALL SELECT 'orphan') t"
check "eight open rows: the seventh column is guardianship, temporary is past them" same \
    "$(sql "SELECT CONCAT(r.c6, '|', oc.n) FROM child_list_rows r JOIN child_open_categories oc ON oc.child_id = r.id WHERE r.id = $k")" "guardianship|8"
req GET "/children?township=500242101000&sort=id&category=temporary" -b "$tj"
check "... the category filter finds the child under temporary all the same" bash -c "[ '$(row_cells)' != '(no row)' ]"
check "... so does the county's list, in every order" bash -c "! grep -q 'no row' <<<'$(county '&category=temporary')'"
req GET "/children?township=500242101000&sort=id&category=tekun" -b "$tj"
check "... and under a category among the seven" bash -c "[ '$(row_cells)' != '(no row)' ]"
sql "DELETE FROM child_categories WHERE child_id = $k"
req GET "/children?township=500242101000&sort=id&category=temporary" -b "$tj"
check "all deleted: the filter no longer finds it" same "$(row_cells)" "(no row)"

# the child's own columns: each change shows on the very next list
sql "UPDATE children SET name = '${kname}乙' WHERE id = $k"
check "renamed by SQL: the new name at once" agree "${kname}乙" "${kname}乙"
sql "UPDATE children SET village_code = '500242101002', sex = 2, birth_date = '2012-05-01' WHERE id = $k"
check "moved to another village, sex and birth date corrected: shown at once" agree "${kname}乙" "${kname}乙"
check "... the age follows the birth date" bash -c "grep -q '|1[0-9] 岁|' <<<'$(listed)'"
sql "UPDATE children SET id_masked = '500242********123X' WHERE id = $k"
check "a masked ID number recorded: shown at once" agree "500242********123X" "${kname}乙"
sql "UPDATE children SET status = IF(EXISTS (SELECT 1 FROM child_categories x WHERE x.child_id = children.id AND x.end_date IS NULL), 'active', 'exited') WHERE id = $k"
check "exited by the statement the host runs after a category's exit: shown at once" agree "${kname}乙" "${kname}乙"
req GET "/children?township=500242101000&sort=id&status=exited" -b "$tj"
check "... and the status filter finds it" bash -c "[ '$(row_cells)' != '(no row)' ]"
check "... so does the county's, in every order" bash -c "! grep -q 'no row' <<<'$(county '&status=exited')'"
sql "UPDATE children SET township_code = '500242102000', village_code = '500242102001' WHERE id = $k"
check "moved to another township: gone from this township's list at once" same "$(listed)" "(no row)"
check "... still in the county's, in every order" bash -c "! grep -q 'no row' <<<'$(county)'"
sql "UPDATE children SET township_code = '500242101000', village_code = '500242101001', status = 'archived' WHERE id = $k"
check "back, archived: in no list" same "$(listed)" "(no row)"
check "... not the county's either" same "$(county)" "$(printf '(no row)\n(no row)\n(no row)')"
sql "UPDATE children SET status = 'active' WHERE id = $k"
check "active again: listed again" agree "${kname}乙" "${kname}乙"

# a child row deleted (foreign key checks off: no code path does): its
# kept row goes with it
sql "SET foreign_key_checks = 0; DELETE FROM children WHERE id = $k; SET foreign_key_checks = 1"
check "a child row deleted: its kept row too" same "$(sql "SELECT COUNT(*) FROM child_list_rows WHERE id = $k")" 0
sql "DELETE FROM child_categories WHERE child_id = $k"

check "every child's kept list row is its row and its open categories (seed, demo, imports, these writes)" same "$(sql "
    SELECT COUNT(*) FROM children c LEFT JOIN child_open_categories oc ON oc.child_id = c.id
    LEFT JOIN child_list_rows r ON r.id = c.id
    WHERE NOT (r.township_code <=> c.township_code AND r.village_code <=> c.village_code
      AND r.status <=> c.status AND CAST(r.name AS BINARY) <=> CAST(c.name AS BINARY)
      AND r.sex <=> c.sex AND r.birth_date <=> c.birth_date AND r.id_masked <=> c.id_masked
      AND r.c0 <=> oc.c0 AND r.c1 <=> oc.c1 AND r.c2 <=> oc.c2 AND r.c3 <=> oc.c3
      AND r.c4 <=> oc.c4 AND r.c5 <=> oc.c5 AND r.c6 <=> oc.c6)")|$(sql "
    SELECT COUNT(*) FROM child_list_rows r WHERE NOT EXISTS (SELECT 1 FROM children c WHERE c.id = r.id)")" "0|0"
check "the portal's database user may only read the kept list rows (the triggers write them)" bash -c \
    "mariadb --socket='$TEST_DIR/run/mysqld.sock' -uroot -N -B -e \"SHOW GRANTS FOR 'portal'@'localhost'\" | grep -F '\`child_list_rows\`' | grep -q '^GRANT SELECT ON'"
