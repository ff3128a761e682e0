# A list page read from the kept list rows is kept per worker, rendered
# (service render_kept) under the list's data version (registry 016: every
# write of child_list_rows moves 'registry'), the office's notices, the
# day, the user, their scope and permissions, the filters and the page.
# Checked through every worker (more requests than workers, each answer
# checked): the kept body serves repeated views without the list's
# statement, and whatever changes what the page shows - a name, a category,
# a status (the total), a permission - is in every worker's next answer; a
# change the page does not show moves nothing; another user never gets
# someone else's body.
tag=$(date +%s%N | tail -c 7)
ROUNDS=16
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('township', 'county')"
tj=$(login township 'Town#2026portal' "$OUT/jar.lk")
cj=$(login county 'County#2026portal' "$OUT/jar.lkc")
kname="留存页童$tag"
k=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$kname', 1, '2015-05-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
PAGE="/children?township=500242101000&sort=id" # newest first: child k on the first page

all_say() { # all_say JAR PATH TEXT: every one of ROUNDS answers holds TEXT
    local i
    for i in $(seq 1 $ROUNDS); do
        req GET "$2" -b "$1"
        [ "$STATUS" = 200 ] && grep -qF -- "$3" "$OUT/body" || { echo "answer $i lacks $3"; return 1; }
    done
}
none_say() { # none_say JAR PATH TEXT: none of ROUNDS answers holds TEXT
    local i
    for i in $(seq 1 $ROUNDS); do
        req GET "$2" -b "$1"
        [ "$STATUS" = 200 ] && ! grep -qF -- "$3" "$OUT/body" || { echo "answer $i holds $3"; return 1; }
    done
}
total() { sed -n 's/.*符合条件共 \([0-9]*\) 条.*/\1/p' "$OUT/body" | head -n1; }
registry_version() { sql "SELECT SUM(version) FROM cache_versions WHERE name LIKE 'registry%'"; }

check "the list's data version is in cache_versions (registry 016)" \
    same "$(sql "SELECT COUNT(*) FROM cache_versions WHERE name = 'registry' OR name LIKE 'registry.%'")" 9
check "a child filed by SQL is on every worker's page" all_say "$tj" "$PAGE" "$kname"

# kept: the repeated page runs the list's statement at most once per worker
glog="$TEST_DIR/run/general-kept.log"
rm -f "$glog"
sql "SET GLOBAL general_log_file = '$glog'; SET GLOBAL general_log = 1"
all_say "$tj" "$PAGE" "$kname" >/dev/null
sql "SET GLOBAL general_log = 0"
ran=$(grep -ac "FROM child_list_rows c USE INDEX (town_id)" "$glog" || true)
sessions=$(grep -ac "FROM sessions s" "$glog" || true)
check "$ROUNDS views of the same page: the log holds their session statements ($sessions)" \
    bash -c "[ '$sessions' -ge $ROUNDS ]"
check "... and the list's statement ran at most once per worker ($ran)" bash -c "[ '$ran' -le 4 ]"

v0=$(registry_version)
sql "UPDATE children SET address = '留存页测试地址$tag' WHERE id = $k"
check "a change the list does not show (the address) moves no list version" same "$(registry_version)" "$v0"
sql "UPDATE children SET name = '${kname}乙' WHERE id = $k"
check "a name changed by SQL moves the list's version" bash -c "[ '$(registry_version)' -gt '$v0' ]"
check "... and is on every worker's next answer" all_say "$tj" "$PAGE" "${kname}乙"

sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($k, 'orphan', '留存页测试', '2024-01-01', 1)"
check "a category recorded by SQL is on every worker's next answer" all_say "$tj" "$PAGE" "孤儿"

req GET "$PAGE&status=active" -b "$tj"
n0=$(total)
sql "UPDATE children SET status = 'exited' WHERE id = $k"
check "an exit moves the total on every worker's next answer of the active children" \
    all_say "$tj" "$PAGE&status=active" "符合条件共 $((n0 - 1)) 条"

# a permission given and taken away: the page's export form follows at once
uid=$(sql "SELECT id FROM users WHERE username = 'township'")
sql "INSERT INTO user_perms (user_id, perm, module, granted_by, granted_at) VALUES ($uid, 'export.full_id', 'registry', 1, UTC_TIMESTAMP())"
check "a permission given by SQL shows its form on every worker's next answer" \
    all_say "$tj" "$PAGE" "导出含完整身份证号的台账"
sql "DELETE FROM user_perms WHERE user_id = $uid AND perm = 'export.full_id'"
check "... and taken away, on none" none_say "$tj" "$PAGE" "导出含完整身份证号的台账"

# the county's page of every township, kept first; the township's user
# asking the same address gets their own
other="留存页他镇童$tag"
o=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$other', 2, '2016-05-01', '500242102000', '500242102001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
check "the county's page of the county holds a child of another township" all_say "$cj" "/children?sort=id" "$other"
check "the township's user asking the same address never gets the county's body" \
    none_say "$tj" "/children?sort=id" "$other"
# the total kept per worker (summary or capped count) follows every change:
# 55 children of one village, more than a page, so the total is counted
V2=500242102002
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) SELECT CONCAT('留存计数童$tag', seq), 1, '2016-05-01', '500242102000', '$V2', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP() FROM seq_1_to_55"
P1="/children?township=500242102000&village=$V2&sort=id"
n1=$(sql "SELECT COUNT(*) FROM children WHERE village_code = '$V2' AND status <> 'archived'")
req GET "$P1&age=6-11" -b "$cj"
n2=$(total) # born on one day: all of them in the band, or (another day on the test clock) none
check "a village of $n1 children: its total on every worker's page (the summary's count)" \
    all_say "$cj" "$P1" "符合条件共 $n1 条"
check "... and under an age band (a count of its own)" all_say "$cj" "$P1&age=6-11" "符合条件共 $n2 条"
sql "UPDATE children SET status = 'archived' WHERE name = '留存计数童${tag}7'"
check "one archived: the total one less on every worker's next answer" all_say "$cj" "$P1" "符合条件共 $((n1 - 1)) 条"
check "... under the age band too" all_say "$cj" "$P1&age=6-11" "符合条件共 $((n2 > 0 ? n2 - 1 : 0)) 条"
req GET "$P1" -b "$cj"
p2=$(grep -o 'href="/children?[^"]*after=[^"]*"' "$OUT/body" | head -n1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g')
check "the second page shares the first one's total" all_say "$cj" "$p2" "符合条件共 $((n1 - 1)) 条"
sql "DELETE FROM children WHERE name LIKE '留存计数童$tag%'"
sql "DELETE FROM child_categories WHERE child_id = $k"
sql "DELETE FROM children WHERE id IN ($k, $o)"
