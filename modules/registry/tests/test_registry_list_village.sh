# A village's list reads the kept list rows in the village's keys (core
# 051): the county's, the township's and a director of two villages' list
# with a village chosen, a village's own user (division: the village) and
# the director of one village (a set of one, issue 15).  Whatever writes a
# child or a category, every one of these pages shows the child's row at
# once, in each order, as the township's search shows it (the child's own
# row); moved to another village it leaves the first village's pages and
# joins the other's, and stays on the whole list of the director of both
# (the county's keys, the two villages tested in each entry).  Their
# totals are the village's children.
tag=$(date +%s%N | tail -c 7)
PW='Village#2026portal'
V1=500242101001 V2=500242101002
add_user "lv_$tag" --display-name "村用户$tag" --role village_director --division $V1 --org lt_gov --password "$PW"
add_user "l1_$tag" --display-name "一村主任$tag" --role village_director --division 500242101000 --org lt_gov --password "$PW"
add_user "l2_$tag" --display-name "两村主任$tag" --role village_director --division 500242101000 --org lt_gov --password "$PW"
# the directors' villages, as /village/directors grants them (scope_grant)
sql "INSERT INTO user_scope_divisions (user_id, division_code, valid_from, module, source_id, updated_by, updated_at)
     SELECT u.id, v.code, '2026-01-01', 'registry_test', u.id * 10 + v.k, 1, UTC_TIMESTAMP()
     FROM users u JOIN (SELECT '$V1' code, 1 k UNION ALL SELECT '$V2', 2) v
       ON u.username = 'l2_$tag' OR (u.username = 'l1_$tag' AND v.code = '$V1')"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('township', 'county')"
tj=$(login township 'Town#2026portal' "$OUT/jar.lvt")
cj=$(login county 'County#2026portal' "$OUT/jar.lvc")
vj=$(login "lv_$tag" "$PW" "$OUT/jar.lvv")
d1=$(login "l1_$tag" "$PW" "$OUT/jar.lv1")
d2=$(login "l2_$tag" "$PW" "$OUT/jar.lv2")
kname="村列表童$tag"
k=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$kname', 1, '2015-05-01', '500242101000', '$V1', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")

# child k's row as the page shows it, or "(no row)"
row_cells() { child_row "$k"; }
# the child's own row: the township's search for its name
searched() { req GET "/children?q=$(urlq "$1")" -b "$tj"; row_cells; }
# the child's row in the three orders of a user's list (child_orders)
orders() { child_orders "$k" "$1" "$2"; }  # orders JAR FILTERS
# village V's pages: the county's, the township's and the two villages'
# director's with V chosen, then (V1) the village's user and its director
village_pages() { # village_pages V [FILTERS]
    orders "$cj" "&village=$1${2:-}"
    orders "$tj" "&village=$1${2:-}"
    orders "$d2" "&village=$1${2:-}"
    if [ "$1" = "$V1" ]; then
        orders "$vj" "${2:-}"
        orders "$d1" "${2:-}"
    fi
}
# every page of village V shows `want` (a row: the search's; or "(no row)")
pages_show() { # pages_show V WANT [FILTERS]
    local got n
    got=$(village_pages "$1" "${3:-}")
    n=$(wc -l <<<"$got")
    [ "$(sort -u <<<"$got")" = "$2" ] && [ "$n" -ge 9 ] || { echo "wanted: $2"; echo "$got"; return 1; }
}
# the child's row is on every page of its village (and in none of the
# other's), on the list of the director of both villages, and holds `cell`
agree() { # agree CELL [NAME]
    local s
    s=$(searched "${2:-$kname}")
    case "|$s|" in *"|$1|"*) ;; *) echo "search: $s (wanted $1)"; return 1 ;; esac
    pages_show "$V1" "$s" && pages_show "$V2" "(no row)" && both_show "$s"
}
both_show() { # both_show WANT [FILTERS]: the two villages' director's list, every order
    local got
    got=$(orders "$d2" "${2:-}")
    [ "$(sort -u <<<"$got")" = "$1" ] || { echo "wanted: $1"; echo "$got"; return 1; }
}
cats_cell() { awk -F'|' '{print $6}' <<<"$1"; }

check "a child filed by SQL is on every page of its village at once, in each order" agree "$kname"
check "... with an empty category cell" same "$(cats_cell "$(searched "$kname")")" ""

post "/children/$k/categories" "$tj" --data category=orphan --data-urlencode "basis=死亡证明$tag" --data start_date=2026-01-05
check "orphan entered through the file's form: 303" status_is 303
check "... every village page shows it at once" agree "孤儿"
check "... and finds it under the orphan filter" pages_show "$V1" "$(searched "$kname")" "&category=orphan"
check "... so does the two villages' director's whole list" both_show "$(searched "$kname")" "&category=orphan"
cid=$(sql "SELECT id FROM child_categories WHERE child_id = $k AND category = 'orphan'")
post "/children/$k/categories/$cid/exit" "$tj" --data end_date=2026-01-06 --data exit_reason=found --data confirm=1
check "orphan exited through the exit form: 303" status_is 303
check "... dropped from every village page at once" agree "$kname"
check "... and the orphan filter no longer finds the child on any" pages_show "$V1" "(no row)" "&category=orphan"
check "... nor on the two villages' director's" both_show "(no row)" "&category=orphan"
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($k, 'tekun', '测试', '2026-02-01', 1)"
check "a category recorded by SQL: shown at once" agree "特困供养儿童"
sql "UPDATE children SET status = 'exited' WHERE id = $k"
check "exited by SQL: shown so at once" agree "特困供养儿童"
check "... the status filter finds it on every village page" pages_show "$V1" "$(searched "$kname")" "&status=exited"
check "... so does the status and the category together" pages_show "$V1" "$(searched "$kname")" "&status=exited&category=tekun"
check "... but not under another category (none of the village's exited holds it)" pages_show "$V1" "(no row)" "&status=exited&category=orphan"
sql "UPDATE children SET status = 'active' WHERE id = $k"
check "active again: the exited filter no longer finds it" pages_show "$V1" "(no row)" "&status=exited"
sql "UPDATE child_categories SET end_date = '2026-03-01', exit_reason = 'other' WHERE child_id = $k AND end_date IS NULL"
check "the category ended by SQL: dropped at once" agree "$kname"

sql "UPDATE children SET village_code = '$V2' WHERE id = $k"
check "moved to another village: gone from the first village's every page" pages_show "$V1" "(no row)"
s=$(searched "$kname")
check "... on the other's at once (the county's, the township's, its director's)" pages_show "$V2" "$s"
check "... still on the list of the director of both" both_show "$s"
sql "UPDATE children SET name = '${kname}乙', birth_date = '2012-05-01', village_code = '$V1' WHERE id = $k"
check "renamed, birth date corrected, moved back: shown so at once" agree "${kname}乙" "${kname}乙"
sql "UPDATE children SET status = 'archived' WHERE id = $k"
check "archived: on no village page" pages_show "$V1" "(no row)"
check "... nor the director's of both" both_show "(no row)"
sql "UPDATE children SET status = 'active' WHERE id = $k"
check "active again: listed again" agree "${kname}乙" "${kname}乙"

# the totals: the village's children (not archived), under a filter the
# village's holders
total() { # total JAR FILTERS -> the summary's total
    req GET "/children?sort=name$2" -b "$1"
    sed -n 's/.*符合条件共 \([0-9+]*\) 条.*/\1/p' "$OUT/body" | head -n1
}
n1=$(sql "SELECT COUNT(*) FROM children WHERE village_code = '$V1' AND status <> 'archived'")
n12=$(sql "SELECT COUNT(*) FROM children WHERE village_code IN ('$V1', '$V2') AND status <> 'archived'")
check "the village's total on each of its pages" same \
    "$(total "$cj" "&village=$V1") $(total "$tj" "&village=$V1") $(total "$vj" "") $(total "$d1" "")" "$n1 $n1 $n1 $n1"
check "... the two villages' on their director's" same "$(total "$d2" "")" "$n12"
ne=$(sql "SELECT COUNT(*) FROM children c WHERE village_code = '$V1' AND status = 'active' AND EXISTS (SELECT 1 FROM child_categories x WHERE x.child_id = c.id AND x.category = 'dibao' AND x.end_date IS NULL)")
check "... and the filtered total (active, low-income)" same \
    "$(total "$d1" "&status=active&category=dibao") $(total "$cj" "&village=$V1&status=active&category=dibao")" "$ne $ne"
nb=$(sql "SELECT COUNT(*) FROM children WHERE village_code = '$V1' AND status <> 'archived' AND birth_date > '$(today_cn)' - INTERVAL 12 YEAR AND birth_date <= '$(today_cn)' - INTERVAL 6 YEAR")
check "... and under an age band (counted in the village's birth key)" same \
    "$(total "$d1" "&age=6-11") $(total "$vj" "&age=6-11")" "$nb $nb"
nb2=$(sql "SELECT COUNT(*) FROM children WHERE village_code IN ('$V1', '$V2') AND status <> 'archived' AND birth_date > '$(today_cn)' - INTERVAL 12 YEAR AND birth_date <= '$(today_cn)' - INTERVAL 6 YEAR")
check "... the two villages' under an age band on their director's" same "$(total "$d2" "&age=6-11")" "$nb2"
