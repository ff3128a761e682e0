# The registry on ABI 2 (issue 9), through the real stack: typed path
# arguments and the route's child answer 404 before a handler runs (the
# out-of-scope child audited as a denial, the same page as an absent one); a
# refused change leaves nothing behind (the host's transaction); the file and
# the list format what they show with the template functions (datetime in
# Beijing time, division names, labels) from one table of labels.
tag=$(date +%s%N | tail -c 7)
tj=$(login township 'Town#2026portal')
mk() { # mk NAME VILLAGE -> id: a boy born 2016-05-06, filed 2026-03-04 17:05 UTC
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '2016-05-06', CONCAT(LEFT('$2', 9), '000'), '$2', 'active', '2026-03-04 17:05:00', 1, '2026-03-04 17:05:00')"
    sql "SELECT id FROM children WHERE name = '$1'"
}
a=$(mk "类型童$tag" 500242101001)   # 龙潭镇: the township user's
c=$(mk "外镇童$tag" 500242102001)   # 麻旺镇: outside that scope
denials() { sql "SELECT COUNT(*) FROM audit_log WHERE action = 'deny' AND username = 'township' AND object_type = '$1' AND object_id = '$2'"; }
state_of() { sql "SELECT CONCAT_WS('|', c.updated_at, c.status, (SELECT COUNT(*) FROM child_categories k WHERE k.child_id = c.id), (SELECT COUNT(*) FROM child_events e WHERE e.child_id = c.id), (SELECT COUNT(*) FROM child_family f WHERE f.child_id = c.id)) FROM children c WHERE c.id = $1"; }

# ---- typed path arguments: a segment that is not a positive integer is 404
# before any handler (nothing to audit: no object was named)
d0=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'deny' AND username = 'township'")
got=""
for p in /children/abc /children/0 /children/12x/print /children/1234567890123456789 \
         "/children/$a/attachments/abc" "/children/$a/attachments/-1"; do
    req GET "$p" -b "$tj"; got="$got $STATUS"
done
check "malformed {id:int} and {aid:int} segments answer 404" same "$got" " 404 404 404 404 404 404"
post "/children/notices/x1/done" "$tj"
check "a malformed notice id answers 404" status_is 404
post "/children/$a/categories/abc/exit" "$tj" --data "end_date=2025-01-01" --data "exit_reason=other"
check "a malformed category row id answers 404" status_is 404
check "and none of them is a denial (no object was named)" \
    same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'deny' AND username = 'township'")" "$d0"

# ---- the route's object: another township's child is an audited 404, the
# same page as a child that does not exist
req GET "/children/$c" -b "$tj"
check "a child outside the scope is 404" status_is 404
cp "$OUT/body" "$OUT/outside.html"
check "the denial is audited with the child" same "$(denials child "$c")" 1
check "as the route's object" \
    same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'deny' AND object_id = '$c' AND detail LIKE '%route object child:id%'")" 1
absent=$(( $(sql "SELECT MAX(id) FROM children") + 1000 ))
req GET "/children/$absent" -b "$tj"
check "an absent child is 404 too" status_is 404
page() { sed -n '/class="error-page"/,/<\/section>/p' "$1" | md5sum; }  # the error itself, not the layout
check "it shows the not-found page" body_has "页面不存在"
check "the same error page" same "$(page "$OUT/body")" "$(page "$OUT/outside.html")"
check "and is audited as well" same "$(denials child "$absent")" 1
req GET "/children/$c/attachments/1" -b "$tj"
check "an attachment under that child is 404, audited as the child" \
    eval 'status_is 404 && same "$(denials child "$c")" 2'

# ---- the host's transaction: refused changes leave nothing
s0=$(state_of "$a")
post "/children/$a/categories" "$tj" --data "category=orphan" --data-urlencode "basis=县民政局批复" --data "start_date=2016-01-01"
check "a category from before the birth date is refused in Chinese" \
    eval 'status_is 400 && body_has "开始日期不能早于出生日期"'
post "/children/$a/family" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=某某" --data "situation=nonsense"
check "a family member with an unknown situation is refused" status_is 400
post "/children/$a/edit" "$tj" --data-urlencode "name=" --data "sex=1" --data "birth_date=2016-05-06" \
    --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data "village_code=500242101001"
check "an edit without a name is refused with the form again" \
    eval 'status_is 400 && body_has "请填写姓名" && body_has "未落户"'
check "nothing of the three changed the file (row, categories, timeline, family)" same "$(state_of "$a")" "$s0"

post "/children/$a/categories" "$tj" --data "category=tekun" --data-urlencode "basis=县民政局批复$tag" --data "start_date=2025-01-01"
check "a valid category is entered (303)" status_is 303
check "one open row, through the core" \
    same "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id = $a AND category = 'tekun' AND end_date IS NULL AND basis = '县民政局批复$tag'")" 1
check "one timeline entry of the registry" \
    same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id = $a AND module = 'registry' AND kind = 'category.enter'")" 1
check "audited once" same "$(audits child.category.enter "$a")" 1

# ---- template functions and labels
req GET "/children/$a" -b "$tj"
check "the file opens" status_is 200
check "the filing time is shown in Beijing time (datetime)" body_has "2026-03-05 01:05"
town=$(sql "SELECT name FROM divisions WHERE code = '500242101000'")
village=$(sql "SELECT name FROM divisions WHERE code = '500242101001'")
check "the township and village are named (division)" body_has "$town $village"
check "the category has its title (label)" body_has "特困供养儿童（当前）"
check "the sex has its title" body_has "<dd>男</dd>"
req GET /children -b "$tj" -G --data-urlencode "q=类型童$tag"
check "the list finds the child" eval 'status_is 200 && body_has "/children/$a"'
check "the list names the category with the same title" body_has "特困供养儿童"
check "and the village" body_has "$village"
check "the category filter offers the labels" body_has '<option value="tekun">特困供养儿童</option>'

# ---- the import reads the file with the host's CSV reader and reports each
# fault on the line of the file it is on (a blank line and a line break
# inside quotes counted)
{
    printf '%s\r\n\r\n' '姓名,性别,出生日期,民族,身份证号,无证原因,村（居）代码,户籍地址,现住址,类别,认定依据,开始日期'
    printf '行号甲,男,2015-03-08,,,未落户,500242101001,"龙潭镇\r\n一组",,特困儿童,批复,2025-01-01\r\n'
    printf '行号乙,男,2015-03-08,,,,500242101001,,,低保,批复,2025-01-01\r\n'
} >"$OUT/lines.csv"
req GET /children/import -b "$tj"
itok=$(csrf_of_body)
STATUS=$(curl -s -b "$tj" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' -H "Origin: $BASE" \
    -F "_csrf=$itok" -F "mode=dry" -F "file=@$OUT/lines.csv;type=text/csv" "$BASE/children/import")
line_has() { tr -d '\n' <"$OUT/body" | grep -q "<td[^>]*>$1</td><td[^>]*>[^<]*</td><td[^>]*>[^<]*$2"; }  # LINE TEXT
check "the dry run answers" status_is 200
check "the fault is reported on line 5 of the file" line_has 5 "缺少身份证号"
check "the row before it has none (the list's former title 特困儿童 is still accepted)" \
    eval '! tr -d "\n" <"$OUT/body" | grep -q "<td[^>]*>3</td>"'
check "nothing was imported" same "$(sql "SELECT COUNT(*) FROM children WHERE name LIKE '行号%'")" 0
