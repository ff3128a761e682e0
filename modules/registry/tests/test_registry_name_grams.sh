# A search for part of a name reads the kept name grams (core 047): each
# child's characters and pairs of characters, with copies of its township,
# village, status and birth date, kept by triggers on children.  The kept
# rows agree with the child after it is filed, renamed, moved to another
# township and archived; searches by township and county users find exactly
# what the name's LIKE finds, in the list's order, with its total; a renamed
# child is found by its new name only; a moved child by its new township
# only; an archived child by no one.  The host's child picker reads them too.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
add_user "gc_$tag" --display-name 县民政局 --role county_staff --division 500242000000 --password "$PW"
add_user "gb_$tag" --display-name 麻旺镇工作人员 --role township_staff --division 500242102000 --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.t")
cj=$(login "gc_$tag" "$PW" "$OUT/jar.c")
bj=$(login "gb_$tag" "$PW" "$OUT/jar.b")

# the kept grams of a child, one a line, sorted; and those its name must have
grams_of() { sql "SELECT gram FROM child_name_grams WHERE id = $1" | LC_ALL=C sort; }
grams_for() {
    python3 -c 'import sys; n = sys.argv[1]
print("\n".join(sorted({n[i:i + k] for k in (1, 2) for i in range(len(n) - k + 1)}, key=lambda g: g.encode())))' "$1" |
        LC_ALL=C sort
}
# every kept row of the child holds its name, township, village, status and
# birth date as the child's own row does now
copies_agree() {
    local all same
    all=$(sql "SELECT COUNT(*) FROM child_name_grams WHERE id = $1")
    same=$(sql "SELECT COUNT(*) FROM child_name_grams g JOIN children c ON c.id = g.id
        WHERE g.id = $1 AND CAST(g.name AS BINARY) = CAST(c.name AS BINARY)
        AND g.township_code = c.township_code AND g.village_code = c.village_code
        AND g.status = c.status AND g.birth_date = c.birth_date")
    [ "$all" -gt 0 ] && [ "$all" = "$same" ]
}
kept_ok() { # kept_ok CHILD: the grams of its name now, and the copies agree
    [ "$(grams_of "$1")" = "$(grams_for "$(sql "SELECT name FROM children WHERE id = $1")")" ] && copies_agree "$1"
}
ids_shown() { grep -o 'href="/children/[0-9]*"' "$OUT/body" | grep -o '[0-9]*' | uniq | tr '\n' ' '; }
total_shown() { sed -n 's/.*符合条件共 \([0-9+]*\) 条.*/\1/p' "$OUT/body" | head -n1; }
edit() { # edit CHILD NAME VILLAGE JAR: the file's form
    post "/children/$1/edit" "$4" --data-urlencode "name=$2" --data sex=2 --data birth_date=2015-06-07 \
        --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data "village_code=$3" \
        --data-urlencode "reason=核对更正"
}

# ---------------------------------------------------------------- filed
n1="欧阳翠翠Mary·$tag"
post /children/new "$tj" --data-urlencode "name=$n1" --data sex=2 --data birth_date=2015-06-07 \
    --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data village_code=500242101001
check "a child is filed" status_is 303
cid=$(sql "SELECT id FROM children WHERE name='$n1'")
check "its name's characters and pairs are kept, with its township, village, status, birth" kept_ok "$cid"
check "a character held twice is kept once" [ "$(sql "SELECT COUNT(*) FROM child_name_grams WHERE id = $cid AND gram = '翠'")" = 1 ]

req GET "/children?q=翠翠Mary·$tag" -b "$tj"
check "the township finds the child by a long fragment" body_has "/children/$cid\""
req GET "/children?q=mARY" -b "$tj"
check "letters in any case, as the LIKE finds them" body_has "/children/$cid\""
req GET "/children?q=·${tag:0:1}&sort=id" -b "$tj"
check "a pair across a dot and a digit" body_has "/children/$cid\""
req GET "/children?q=欧&sort=id" -b "$cj"
check "the county finds it by one character, newest first" body_has "/children/$cid\""
req GET "/children?q=$tag" -b "$bj"
check "another township does not find it" body_lacks "/children/$cid\""

# ---------------------------------------------------------------- exactly the LIKE's children
# The county and a township, every order, fragments of 1 to 4 characters,
# under other filters: the page shows the first 50 the LIKE finds in the
# list's order, and the LIKE's count (capped as the list caps it).
like_ids() { # like_ids WHERE ORDER: the first 50 ids the list must show
    sql "SELECT c.id FROM children c WHERE c.status <> 'archived' AND c.village_code LIKE '500242%' AND $1
         ORDER BY $2 LIMIT 50" | tr '\n' ' '
}
like_total() {
    local n
    n=$(sql "SELECT COUNT(*) FROM children c WHERE c.status <> 'archived' AND c.village_code LIKE '500242%' AND $1")
    [ "$n" -gt 10000 ] && n="10000+"
    echo "$n"
}
agrees() { # agrees JAR QUERY WHERE ORDER: the page shows what the LIKE finds
    req GET "/children?$2" -b "$1"
    status_is 200 && [ "$(ids_shown)" = "$(like_ids "$3" "$4")" ] && [ "$(total_shown)" = "$(like_total "$3")" ]
}
n2="王翠$tag"
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('$n2', 1, '2012-03-04', '500242101000', '500242101002', 'exited', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
T="c.township_code = '500242101000'"
for q in 翠 王 欧阳 "翠$tag" "Mary" "阳翠Ma"; do
    w="c.name LIKE '%$q%'"
    check "county, $q by name" agrees "$cj" "q=$q" "$w" "c.name, c.id"
    check "county, $q by birth" agrees "$cj" "q=$q&sort=birth" "$w" "c.birth_date, c.id"
    check "county, $q by id" agrees "$cj" "q=$q&sort=id" "$w" "c.id DESC"
    check "township, $q by name" agrees "$tj" "q=$q" "$w AND $T" "c.name, c.id"
    check "township, $q by id" agrees "$tj" "q=$q&sort=id" "$w AND $T" "c.id DESC"
    check "county in a township, $q, exited" agrees "$cj" "q=$q&township=500242101000&status=exited" \
        "$w AND $T AND c.status = 'exited'" "c.name, c.id"
done
check "township, 翠 in a village" agrees "$tj" "q=翠&village=500242101002" \
    "c.name LIKE '%翠%' AND $T AND c.village_code = '500242101002'" "c.name, c.id"

req GET "/children?q=王翠&township=500242101000&village=500242101002&status=exited&age=12-15&category=orphan&after=1:王" -b "$cj"
check "every filter at once on a later page answers" status_is 200
req GET "/children?q=王翠&township=500242101000&village=500242101002&status=exited&age=12-15&category=orphan&before=999999999:2020-01-01&sort=birth" -b "$cj"
check "... and backward by birth" status_is 200

# the export reads the same rows, and its total (audited before the first row)
csv_names() { tail -n +2 "$OUT/body" | cut -d, -f1 | tr -d '\r' | tr '\n' ' '; }
for u in "$cj" "$tj"; do
    req GET "/children/export.csv?purpose=stats&q=翠&sort=birth" -b "$u"
    w="c.name LIKE '%翠%'"; [ "$u" = "$tj" ] && w="$w AND $T"
    check "the export of a name search holds the LIKE's children in the list's order" [ "$(csv_names)" = "$(sql "SELECT c.name
        FROM children c WHERE c.status <> 'archived' AND c.village_code LIKE '500242%' AND $w ORDER BY c.birth_date, c.id" | tr '\n' ' ')" ]
    check "... and the audit row its total" [ "$(sql "SELECT detail FROM audit_log WHERE action = 'child.export' ORDER BY id DESC LIMIT 1" | grep -o 'rows=[0-9]*')" = "rows=$(sql "SELECT COUNT(*) FROM children c WHERE c.status <> 'archived' AND c.village_code LIKE '500242%' AND $w")" ]
done

# the child picker of an application form (the host's child_pick): the
# first 20 the LIKE finds in the user's scope, in name order
picked() { grep -o '?child=[0-9]*"' "$OUT/body" | grep -o '[0-9]*' | tr '\n' ' '; }
picks() { # picks JAR FRAGMENT WHERE: the picker shows what the LIKE finds
    req GET "/living/apply?q=$2" -b "$1"
    status_is 200 && [ "$(picked)" = "$(sql "SELECT c.id FROM children c WHERE c.status <> 'archived'
        AND c.village_code LIKE '500242%' AND c.name LIKE '%$2%' AND $3 ORDER BY c.name, c.id LIMIT 20" | tr '\n' ' ')" ]
}
add_user "gp_$tag" --display-name 县级申请人 --role township_staff --division 500242000000 --password "$PW"
pj=$(login "gp_$tag" "$PW" "$OUT/jar.p")   # a county's scope, and living.apply's form
for q in 翠 王 欧阳 "翠$tag" "阳翠Ma"; do
    check "a county user's child picker, $q" picks "$pj" "$q" "1"
    check "the township's child picker, $q" picks "$tj" "$q" "$T"
done
req GET "/living/apply?q=翠翠Mary" -b "$pj"
check "the picker finds the child" body_has "?child=$cid\""

# ---------------------------------------------------------------- renamed
edit "$cid" "欧阳红$tag" 500242101001 "$tj"
check "the child is renamed" [ "$(sql "SELECT name FROM children WHERE id = $cid")" = "欧阳红$tag" ]
check "its kept grams are the new name's" kept_ok "$cid"
check "none of the old name's is left" [ "$(sql "SELECT COUNT(*) FROM child_name_grams WHERE id = $cid AND gram IN ('翠', 'Ma', '·')")" = 0 ]
req GET "/children?q=红$tag" -b "$tj"
check "the new name finds the child" body_has "/children/$cid\""
req GET "/children?q=Mary·$tag" -b "$tj"
check "the old name no longer does" body_lacks "/children/$cid\""
edit "$cid" "欧阳紅$tag" 500242101001 "$tj"
check "a change of one character is kept too" kept_ok "$cid"

# ---------------------------------------------------------------- moved
edit "$cid" "欧阳紅$tag" 500242102001 "$cj"
check "the county moves the child to 麻旺镇" [ "$(sql "SELECT township_code FROM children WHERE id = $cid")" = 500242102000 ]
check "its kept rows follow it" kept_ok "$cid"
req GET "/children?q=紅$tag" -b "$bj"
check "its new township finds it by name" body_has "/children/$cid\""
req GET "/children?q=紅$tag" -b "$tj"
check "its old township no longer does" body_lacks "/children/$cid\""

# ---------------------------------------------------------------- archived
# (what the privacy module's retention job writes: privacy/retention.c)
sql "UPDATE children SET status = 'exited' WHERE id = $cid"
check "an exit is kept" kept_ok "$cid"
req GET "/children?q=紅$tag&status=exited" -b "$bj"
check "the exited child is found under its status" body_has "/children/$cid\""
sql "UPDATE children SET status = 'archived', updated_at = UTC_TIMESTAMP() WHERE id = $cid AND status = 'exited'"
check "an archiving is kept" kept_ok "$cid"
req GET "/children?q=紅$tag" -b "$bj"
check "the archived child is in no search" body_lacks "/children/$cid\""
req GET "/children?q=紅$tag" -b "$cj"
check "not even the county's" body_lacks "/children/$cid\""

# ---------------------------------------------------------------- every child
check "every child's first character is kept" [ "$(sql "SELECT COUNT(*) FROM children c WHERE c.name <> ''
    AND NOT EXISTS (SELECT 1 FROM child_name_grams g WHERE g.id = c.id AND g.gram = LEFT(c.name, 1))")" = 0 ]
check "every kept row agrees with its child" [ "$(sql "SELECT COUNT(*) FROM child_name_grams g
    LEFT JOIN children c ON c.id = g.id WHERE c.id IS NULL OR CAST(g.name AS BINARY) <> CAST(c.name AS BINARY)
    OR g.township_code <> c.township_code OR g.village_code <> c.village_code OR g.status <> c.status
    OR g.birth_date <> c.birth_date")" = 0 ]
check "the portal may only read them" [ "$(sql "SELECT COUNT(*) FROM information_schema.table_privileges
    WHERE table_name = 'child_name_grams' AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE')")" = 0 ]
