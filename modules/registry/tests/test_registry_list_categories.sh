# The list's categories come from child_open_categories (core migration 042),
# kept by triggers on child_categories (issue 17).  Whatever writes a
# category - the file's forms (the host's child_category service), the exit
# form (the registry's own UPDATE), a direct SQL insert, update or delete,
# one that reads children while it writes - the list shows the open ones at
# once, in the order it always did, and the whole table agrees with
# child_categories.

tag=$(date +%s%N | tail -c 7)
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.lc")
k=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('列表类别童$tag', 1, '2015-05-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")

# the category cell of child k's row in the list found by its name
list_cats() {
    req GET "/children?q=%E5%88%97%E8%A1%A8%E7%B1%BB%E5%88%AB%E7%AB%A5$tag${1:-}" -b "$tj"
    python3 - "$OUT/body" "$k" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
    if 'href="/children/%s"' % sys.argv[2] in tr:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        print(cells[5] if len(cells) > 5 else "?")
        break
else:
    print("(no row)")
PY
}
codes() { sql "SELECT IFNULL(codes, '') FROM child_open_categories WHERE child_id = $k"; }

check "a child with no category: an empty cell" same "$(list_cats)" ""

post "/children/$k/categories" "$tj" --data category=dibao --data-urlencode "basis=低保证$tag" --data start_date=2026-01-05
check "low-income entered through the file's form: 303" status_is 303
check "... the list shows it at once" same "$(list_cats)" "低保家庭儿童"
post "/children/$k/categories" "$tj" --data category=orphan --data-urlencode "basis=死亡证明$tag" --data start_date=2026-01-05
check "orphan entered too: both, in the categories' order" same "$(list_cats)" "孤儿、低保家庭儿童"
check "... as child_categories holds them" same "$(codes)" "orphan,dibao"
check "the category filter finds the child" same "$(list_cats '&category=orphan')" "孤儿、低保家庭儿童"

cid=$(sql "SELECT id FROM child_categories WHERE child_id = $k AND category = 'orphan'")
post "/children/$k/categories/$cid/exit" "$tj" --data end_date=2026-01-06 --data exit_reason=found --data confirm=1
check "orphan exited through the exit form: 303" status_is 303
check "... the list drops it at once" same "$(list_cats)" "低保家庭儿童"
check "... and the filter no longer finds the child" same "$(list_cats '&category=orphan')" "(no row)"

sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($k, 'tekun', '测试', '2026-02-01', 1)"
check "a direct SQL insert: shown at once" same "$(list_cats)" "特困供养儿童、低保家庭儿童"
sql "UPDATE child_categories SET end_date = '2026-03-01', exit_reason = 'other' WHERE child_id = $k AND category = 'tekun'"
check "a direct SQL exit: dropped at once" same "$(list_cats)" "低保家庭儿童"
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) SELECT id, 'temporary', '测试', '2026-02-01', 1 FROM children WHERE id = $k"
check "an insert that reads children (INSERT ... SELECT FROM children) still works" same "$(list_cats)" "低保家庭儿童、临时困境儿童"
sql "DELETE FROM child_categories WHERE child_id IN (SELECT id FROM children WHERE id = $k) AND end_date IS NULL"
check "a delete of the open rows: an empty cell" same "$(list_cats)" ""
check "... and no code kept" same "$(codes)" ""

# all seven at once: the kept row's columns c0 .. c6 (core 043) are split
# from its codes by the same write, so the list shows each, in order
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by)
     SELECT $k, c, '测试', '2026-02-01', 1 FROM (SELECT 'temporary' c UNION SELECT 'guardianship'
     UNION SELECT 'ill_disabled' UNION SELECT 'dibao' UNION SELECT 'tekun'
     UNION SELECT 'de_facto_unsupported' UNION SELECT 'orphan') t"
all7=$(list_cats)
check "all seven categories: seven in the cell at once" same "$(awk -F'、' '{print NF}' <<<"$all7")" 7
check "... in the categories' order, the first and the last" same \
    "$(awk -F'、' '{print $1 "|" $7}' <<<"$all7")" "孤儿|临时困境儿童"
sql "UPDATE child_categories SET end_date = '2026-03-01', exit_reason = 'other'
     WHERE child_id = $k AND category IN ('orphan', 'ill_disabled', 'temporary') AND end_date IS NULL"
check "three exited: four left at once, the first one moved up" same \
    "$(list_cats | awk -F'、' '{print NF "|" $1}')" "4|事实无人抚养儿童"
check "... each column is the code at its place in the kept codes" same "$(sql "
    SELECT CONCAT_WS(',', c0, c1, c2, c3, c4, c5, c6), IFNULL(c4, 'none') FROM child_open_categories
    WHERE child_id = $k")" "de_facto_unsupported,tekun,dibao,guardianship	none"
sql "DELETE FROM child_categories WHERE child_id = $k AND end_date IS NULL"

check "every child's kept codes are its open categories (seed, demo, imports, these writes)" same "$(sql "
    SELECT COUNT(*) FROM children c LEFT JOIN child_open_categories oc ON oc.child_id = c.id
    WHERE NOT (NULLIF(oc.codes, '') <=> (SELECT GROUP_CONCAT(k.category ORDER BY k.category)
      FROM child_categories k WHERE k.child_id = c.id AND k.end_date IS NULL))")" 0
check "every kept row's columns c0 .. c6 are its codes, one each" same "$(sql "
    SELECT COUNT(*) FROM child_open_categories
    WHERE NOT (NULLIF(CONCAT_WS(',', c0, c1, c2, c3, c4, c5, c6), '') <=> NULLIF(codes, ''))")" 0

# The list's total under a category filter comes from registry_category_counts
# (registry 012), kept by triggers: a child counted once per category it
# holds open, under its village and status, whatever writes it.
cat_total() { # the total the list shows for child k's village and a category
    req GET "/children?village=500242101001&category=$1" -b "$tj"
    sed -n 's/.*符合条件共 \([0-9+]*\) 条.*/\1/p' "$OUT/body" | head -n1
}
sql_total() { sql "SELECT COUNT(*) FROM children c WHERE c.village_code = '${2:-500242101001}' AND c.status <> 'archived' AND EXISTS (SELECT 1 FROM child_categories x WHERE x.child_id = c.id AND x.category = '$1' AND x.end_date IS NULL)"; }
kept() { sql "SELECT IFNULL(SUM(n), 0) FROM registry_category_counts WHERE category = '$1' AND village_code = '${2:-500242101001}' AND status <> 'archived'"; }
g0=$(sql_total guardianship)
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($k, 'guardianship', '测试', '2026-02-01', 1)"
check "a category entered: the village's total for it is one more" same "$(kept guardianship)" "$((g0 + 1))"
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($k, 'guardianship', '测试二', '2026-02-02', 1)"
check "a second open row of it: the child still counts once" same "$(kept guardianship)" "$((g0 + 1))"
check "... as the list's filter finds it" same "$(kept guardianship)" "$(sql_total guardianship)"
sql "UPDATE child_categories SET end_date = '2026-03-01', exit_reason = 'other' WHERE child_id = $k AND category = 'guardianship' AND basis = '测试' AND end_date IS NULL"
check "one of the two exited: still counted" same "$(kept guardianship)" "$((g0 + 1))"
sql "UPDATE children SET village_code = '500242101002' WHERE id = $k"
check "the child moved to another village: counted there" same "$(kept guardianship 500242101002)" "$(sql_total guardianship 500242101002)"
check "... and no longer in the first" same "$(kept guardianship)" "$g0"
sql "UPDATE children SET village_code = '500242101001', status = 'exited' WHERE id = $k"
check "back, exited: counted under its status" same "$(sql "SELECT n FROM registry_category_counts WHERE category = 'guardianship' AND village_code = '500242101001' AND status = 'exited'")" \
    "$(sql "SELECT COUNT(*) FROM children c WHERE c.village_code = '500242101001' AND c.status = 'exited' AND EXISTS (SELECT 1 FROM child_categories x WHERE x.child_id = c.id AND x.category = 'guardianship' AND x.end_date IS NULL)")"
sql "UPDATE children SET status = 'active' WHERE id = $k"
check "the list's total under the category is the SQL count" same "$(cat_total guardianship)" "$(sql_total guardianship)"
sql "UPDATE child_categories SET category = 'temporary' WHERE child_id = $k AND category = 'guardianship' AND end_date IS NULL"
check "its row turned into another category: counted there, not in the old one" same "$(kept guardianship)|$(kept temporary)" "$g0|$(sql_total temporary)"
sql "DELETE FROM child_categories WHERE child_id = $k AND end_date IS NULL"
check "its open row deleted: the totals are the SQL counts" same "$(cat_total temporary)|$(kept guardianship)" "$(sql_total temporary)|$g0"
# a child row deleted (no code path does; a clean-up script with foreign key
# checks off, or a cascading key one day): its categories leave the counts
# with it (registry 014)
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('删除计数$k', 1, '2015-03-04', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
gone=$(sql "SELECT id FROM children WHERE name = '删除计数$k'")
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES
     ($gone, 'guardianship', '测试', '2026-02-01', 1), ($gone, 'tekun', '测试', '2026-02-01', 1)"
g1=$(kept guardianship); t1=$(kept tekun)
sql "DELETE FROM children WHERE id = $gone" 2>/dev/null
check "a child holding categories cannot be deleted while its rows refer to it (the key), and stays counted" \
    same "$(sql "SELECT COUNT(*) FROM children WHERE id = $gone")|$(kept guardianship)|$(kept tekun)" "1|$g1|$t1"
sql "SET foreign_key_checks = 0; DELETE FROM children WHERE id = $gone; SET foreign_key_checks = 1"
check "deleted all the same (foreign key checks off): no longer counted under any of its categories" \
    same "$(kept guardianship)|$(kept tekun)" "$((g1 - 1))|$((t1 - 1))"
sql "DELETE FROM child_categories WHERE child_id = $gone"
check "... nor counted out twice when its left-over rows go" same "$(kept guardianship)|$(kept tekun)" "$((g1 - 1))|$((t1 - 1))"
check "every kept category count is the number of children holding it (seed, demo, imports, these writes)" same "$(sql "
    SELECT COUNT(*) FROM (SELECT o.category, c.village_code, c.status, COUNT(*) n
      FROM (SELECT DISTINCT child_id, category FROM child_categories WHERE end_date IS NULL) o
      JOIN children c ON c.id = o.child_id GROUP BY o.category, c.village_code, c.status) t
    LEFT JOIN registry_category_counts k ON k.category = t.category AND k.village_code = t.village_code AND k.status = t.status
    WHERE NOT (k.n <=> t.n)")|$(sql "SELECT COUNT(*) FROM registry_category_counts k WHERE k.n <> 0 AND NOT EXISTS (
    SELECT 1 FROM child_categories x JOIN children c ON c.id = x.child_id WHERE x.category = k.category AND x.end_date IS NULL
    AND c.village_code = k.village_code AND c.status = k.status)")" "0|0"

# The office's open notices above the list: counted once per worker and
# 'notices' version (core 040's triggers move it on every write of notices).
# Every worker first keeps the count (parallel requests), then a notice
# raised or done is seen by every worker's next list page.
div=$(sql "SELECT division_code FROM users WHERE username = 'township'")
open_n() { sql "SELECT COUNT(*) FROM notices WHERE division_code = '$div' AND module = 'registry' AND done_at IS NULL"; }
psid=$(awk '$6 == "psid" {print $7}' "$tj" | tail -n1)
# the counts 40 list pages at once show ("0" when the page shows none)
list_counts() {
    seq 40 | xargs -P 20 -I{} curl -s -b "psid=$psid" "$BASE/children?township=500242101000" |
        grep -o '本单位有 [0-9]* 条待处理\|<h1>儿童台账</h1>' |
        sed 's/本单位有 \([0-9]*\) 条待处理/\1/; s/<h1>儿童台账<\/h1>/page/' | sort | uniq -c |
        awk '{printf "%s:%s ", $2, $1}'
}
n0=$(open_n)
expect() { if [ "$1" = 0 ]; then echo "page:40 "; else echo "$1:40 page:40 "; fi; }
check "every worker shows the office's $n0 open notices" same "$(list_counts)" "$(expect "$n0")"
nid=$(sql "INSERT INTO notices (division_code, module, kind, title, created_at) VALUES ('$div', 'registry', 'transfer_in', '转入测试$tag', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
check "a notice raised: every worker's next list shows $((n0 + 1))" same "$(list_counts)" "$(expect $((n0 + 1)))"
sql "UPDATE notices SET done_at = UTC_TIMESTAMP(), done_by = 1 WHERE id = $nid"
check "the notice done: every worker's next list shows $n0 again" same "$(list_counts)" "$(expect "$n0")"
check "the portal's database user may only read the kept codes (the triggers write them)" bash -c \
    "mariadb --socket='$TEST_DIR/run/mysqld.sock' -uroot -N -B -e \"SHOW GRANTS FOR 'portal'@'localhost'\" | grep -F '\`child_open_categories\`' | grep -q '^GRANT SELECT ON'"
