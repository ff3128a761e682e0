# The registry list, CSV export and CSV import (issue 3: items 6, 9, 10, 12):
# jurisdiction, filters, keyset paging, masked IDs, export quoting and audit,
# import dry run and all-or-nothing commit, and the seed's ID numbers.
CTL="build/portalctl --config $TEST_DIR/portal.conf"
LT=500242101000 # 龙潭镇, the demo township user's jurisdiction
TODAY=$(today_cn)

$CTL seed --children 300 >"$OUT/seed.log" 2>&1
check "seed --children 300 runs" grep -q "seeded 300 children" "$OUT/seed.log"
# the accounts this file needs (the CLI wants an organisation)
sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
$CTL user add mawang --display-name 麻旺 --role township_staff --division 500242102000 --org mw_gov --password 'Mawang#2026x' >/dev/null 2>&1 || true
$CTL user add countystaff --display-name 县民政局工作人员 --role county_staff --division 500242000000 --org mz --password 'County#2026xx' >/dev/null 2>&1 || true
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('township','mawang','countystaff')"

ids_of_page() { grep -o 'href="/children/[0-9][0-9]*"' "$OUT/body" | grep -o '[0-9][0-9]*' | sort -n; }
total_of_page() { sed -n 's/.*符合条件共 \([0-9+]*\) 条.*/\1/p' "$OUT/body" | head -n1; }
next_of_page() { sed -n 's/.*rel="next" href="\([^"]*\)".*/\1/p' "$OUT/body" | head -n1 | sed 's/&amp;/\&/g'; }
prev_of_page() { sed -n 's/.*rel="prev" href="\([^"]*\)".*/\1/p' "$OUT/body" | head -n1 | sed 's/&amp;/\&/g'; }
no_full_id() { ! grep -Eq '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)' "$1"; }
all_ids() { # PATH JAR: the ids of every page, following the next links
    local path=$1 n=0
    : >"$OUT/all"
    while [ -n "$path" ] && [ $n -lt 100 ]; do
        req GET "$path" -b "$2"; ids_of_page >>"$OUT/all"; n=$((n + 1)); path=$(next_of_page)
    done
    sort -n "$OUT/all"
}

tj=$(login township 'Town#2026portal')

# ---- the list: scope, masking, filters
req GET /children -b "$tj"
check "the list answers 200" status_is 200
lt_ids=$(sql "SELECT id FROM children WHERE township_code = '$LT' ORDER BY id")
lt_n=$(sql "SELECT COUNT(*) FROM children WHERE township_code = '$LT'")
check "the page shows the capped count" same "$(total_of_page)" "$lt_n"
check "the page says how many rows it shows" body_has "显示 $((lt_n < 50 ? lt_n : 50)) 条"
check "no full ID number on the page" no_full_id "$OUT/body"
check "masked ID numbers are shown" grep -q '500242\*\*\*\*\*\*\*\*[0-9]\{3\}[0-9X]' "$OUT/body"
check "categories are shown as Chinese labels" grep -Eq '低保家庭儿童|重病重残儿童|临时困境儿童|事实无人抚养儿童' "$OUT/body"
check "the list offers the export" body_has "/children/export.csv?"
check "the township user sees exactly 龙潭镇's children" same "$(all_ids /children "$tj")" "$lt_ids"

filter_ok() { # NAME QUERY SQL-CONDITION
    local want got
    got=$(all_ids "/children?$2" "$tj")
    want=$(sql "SELECT c.id FROM children c WHERE c.township_code = '$LT' AND $3 ORDER BY c.id")
    check "filter $1 gives the SQL rows" same "$got" "$want"
}
filter_ok village "village=500242101002" "c.village_code = '500242101002'"
filter_ok category "category=dibao" "EXISTS (SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.category = 'dibao' AND k.end_date IS NULL)"
filter_ok "category ill_disabled" "category=ill_disabled" "EXISTS (SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.category = 'ill_disabled' AND k.end_date IS NULL)"
filter_ok "status exited" "status=exited" "c.status = 'exited'"
filter_ok "status active" "status=active" "c.status = 'active'"
filter_ok "age 0-2" "age=0-2" "TIMESTAMPDIFF(YEAR, c.birth_date, '$TODAY') BETWEEN 0 AND 2"
filter_ok "age 6-11" "age=6-11" "TIMESTAMPDIFF(YEAR, c.birth_date, '$TODAY') BETWEEN 6 AND 11"
filter_ok "age 16-17" "age=16-17" "TIMESTAMPDIFF(YEAR, c.birth_date, '$TODAY') BETWEEN 16 AND 17"
filter_ok "age 18+" "age=18up" "TIMESTAMPDIFF(YEAR, c.birth_date, '$TODAY') >= 18"
sur=$(sql "SELECT LEFT(name, 1) FROM children WHERE township_code = '$LT' ORDER BY id LIMIT 1")
surq=$(printf '%s' "$sur" | od -An -tx1 | tr ' ' '%' | tr -d '\n' | tr 'a-f' 'A-F')
filter_ok "name prefix" "q=$surq" "c.name LIKE '$sur%'"
l4=$(sql "SELECT id_last4 FROM children WHERE township_code = '$LT' ORDER BY id LIMIT 1")
filter_ok "last four of the ID" "q=$l4" "c.id_last4 = '$l4'"
filter_ok "combined village + status" "village=500242101001&status=active" "c.village_code = '500242101001' AND c.status = 'active'"
# the township in the other two orders (registry 011: town_id, town_last4)
for sort in id birth; do
    filter_ok "village by $sort" "village=500242101002&sort=$sort" "c.village_code = '500242101002'"
    filter_ok "category by $sort" "category=dibao&sort=$sort" "EXISTS (SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.category = 'dibao' AND k.end_date IS NULL)"
    filter_ok "last four of the ID by $sort" "q=$l4&sort=$sort" "c.id_last4 = '$l4'"
    filter_ok "age 6-11 by $sort" "age=6-11&sort=$sort" "TIMESTAMPDIFF(YEAR, c.birth_date, '$TODAY') BETWEEN 6 AND 11"
done
req GET "/children?sort=id" -b "$tj"
check "sort=id: the township's highest ids first" same "$(grep -o 'href="/children/[0-9][0-9]*"' "$OUT/body" | grep -o '[0-9][0-9]*' | tr '\n' ' ')" \
    "$(sql "SELECT id FROM children WHERE township_code = '$LT' ORDER BY id DESC LIMIT 50" | tr '\n' ' ')"
# a category's total (registry 012: kept per category, village and status)
for cat in dibao orphan; do
    req GET "/children?category=$cat&status=active" -b "$tj"
    check "the $cat total is the SQL count" same "$(total_of_page)" "$(sql "SELECT COUNT(*) FROM children c WHERE c.township_code = '$LT' AND c.status = 'active' AND EXISTS (SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.category = '$cat' AND k.end_date IS NULL)")"
done
req GET "/children?age=99" -b "$tj"
check "an unknown age band is refused" status_is 400
req GET "/children?q=%25" -b "$tj"
check "a LIKE wildcard in q matches nothing special" same "$(ids_of_page)" "$(sql "SELECT id FROM children WHERE township_code = '$LT' AND name LIKE '\\%%' ORDER BY id")"

# ---- keyset paging over more than one page (the county user sees all)
cj=$(login countystaff 'County#2026xx')
all_ids=$(sql "SELECT id FROM children ORDER BY id")
all_n=$(sql "SELECT COUNT(*) FROM children")
for sort in name birth id; do
    : >"$OUT/seen"
    path="/children?sort=$sort"; pages=0; last=""
    while [ -n "$path" ] && [ $pages -lt 50 ]; do
        req GET "$path" -b "$cj"
        ids_of_page >>"$OUT/seen"
        pages=$((pages + 1)); last=$path
        path=$(next_of_page)
    done
    check "paging by $sort visits every child exactly once ($pages pages)" same "$(sort -n "$OUT/seen")" "$all_ids"
    check "paging by $sort has no duplicates" same "$(sort -n "$OUT/seen" | uniq -d)" ""
    # and back again from the last page with before=
    : >"$OUT/back"; n=0
    req GET "$last" -b "$cj"; ids_of_page >>"$OUT/back"; path=$(prev_of_page)
    while [ -n "$path" ] && [ $n -lt 50 ]; do
        req GET "$path" -b "$cj"; ids_of_page >>"$OUT/back"; n=$((n + 1)); path=$(prev_of_page)
    done
    check "paging back by $sort visits every child once" same "$(sort -n "$OUT/back")" "$all_ids"
done
req GET "/children?sort=name" -b "$cj"
check "a page holds 50 rows" body_has "显示 50 条"
check "the county count is the SQL count" same "$(total_of_page)" "$all_n"
req GET "/children?category=dibao" -b "$cj"
check "the county's dibao total is the SQL count" same "$(total_of_page)" "$(sql "SELECT COUNT(DISTINCT k.child_id) FROM child_categories k JOIN children c ON c.id = k.child_id WHERE k.category = 'dibao' AND k.end_date IS NULL AND c.status <> 'archived'")"
req GET "/children?sort=name&after=notakey" -b "$cj"
check "a malformed paging key is refused" status_is 400
# a part of a name over the county: one pass over town_name, in each order
for sort in name birth id; do
    check "the county's name search by $sort gives the SQL rows" same "$(all_ids "/children?q=$surq&sort=$sort" "$cj")" \
        "$(sql "SELECT id FROM children WHERE name LIKE '%$sur%' AND status <> 'archived' ORDER BY id")"
done

# ---- export
kid=$(sql "SELECT id FROM children WHERE township_code = '$LT' ORDER BY id LIMIT 1")
kid2=$(sql "SELECT id FROM children WHERE township_code = '$LT' ORDER BY id LIMIT 1 OFFSET 1")
sql "UPDATE children SET address = '=HYPERLINK(\"http://x\",\"a,b\")' WHERE id = $kid"
sql "UPDATE children SET address = '+1+2', ethnicity = '@x' WHERE id = $kid2"
req GET "/children/export.csv?purpose=stats" -b "$tj"
cp "$OUT/body" "$OUT/export.csv"
check "export answers 200" status_is 200
check "export is an attachment named by date" header_has "attachment; filename=\"children-$(today_cn | tr -d -).csv\""
check "export is CSV in UTF-8" header_has "Content-Type: text/csv; charset=utf-8"
check "export starts with the UTF-8 BOM" same "$(head -c3 "$OUT/export.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
check "export has the Chinese header row" grep -q '^.*姓名,性别,出生日期,年龄,民族,身份证号（脱敏）' "$OUT/export.csv"
check "export row count is the SQL count" same "$(($(wc -l <"$OUT/export.csv") - 1))" "$lt_n"
check "export holds no full ID number" no_full_id "$OUT/export.csv"
check "export holds masked ID numbers" grep -q '500242\*\*\*\*\*\*\*\*' "$OUT/export.csv"
check "a formula cell is neutralised and quoted" grep -qF '"'"'"'=HYPERLINK(""http://x"",""a,b"")"' "$OUT/export.csv"
check "cells starting with + and @ are neutralised" grep -qF ",'+1+2," "$OUT/export.csv"
check "the @ cell too" grep -qF ",'@x," "$OUT/export.csv"
check "the export was audited with its row count" same "$(sql "SELECT detail FROM audit_log WHERE action = 'child.export' ORDER BY id DESC LIMIT 1" | sed 's/ .*//')" "rows=$lt_n"
req GET "/children/export.csv?status=exited&purpose=stats" -b "$tj"
check "export applies the filters" same "$(($(wc -l <"$OUT/body") - 1))" "$(sql "SELECT COUNT(*) FROM children WHERE township_code = '$LT' AND status = 'exited'")"
ex_n=$(sql "SELECT COUNT(*) FROM children WHERE township_code = '$LT' AND status = 'exited'")
check "the filtered export is audited with its filters" same "$(sql "SELECT detail FROM audit_log WHERE action = 'child.export' ORDER BY id DESC LIMIT 1")" "rows=$ex_n filters=sort=name&status=exited"
or_n=$(sql "SELECT COUNT(*) FROM children c WHERE c.township_code = '$LT' AND c.status <> 'archived' AND EXISTS (SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.category = 'orphan' AND k.end_date IS NULL)")
req GET "/children/export.csv?category=orphan&purpose=stats" -b "$tj"
check "a category's export: its rows, and the count audited before them (registry 012's kept counts), are the SQL count" same \
    "$(($(wc -l <"$OUT/body") - 1)) $(sql "SELECT detail FROM audit_log WHERE action = 'child.export' ORDER BY id DESC LIMIT 1" | sed 's/ .*//')" "$or_n rows=$or_n"
# the same list as an Excel workbook (issue 10 part 2): the same rows and
# columns, masked IDs, formula-looking text kept as text, audited the same way
req GET /children -b "$tj"
check "the list offers the Excel export" body_has 'href="/children/export.xlsx?'
req GET "/children/export.xlsx?purpose=stats" -b "$tj"
cp "$OUT/body" "$OUT/export.xlsx"
check "the .xlsx export answers 200 as a workbook" eval 'status_is 200 && header_has "spreadsheetml.sheet" && header_has "children-$(today_cn | tr -d -).xlsx"'
python3 - "$OUT/export.xlsx" >"$OUT/xlsx.txt" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
# strings inline in the sheet (constant memory) or shared
strings = sheet + (z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else "")
print("rows=%d" % (len(re.findall(r"<row ", sheet)) - 1))
print("formulas=%d" % len(re.findall(r"<f>", sheet)))
print("header=%d" % ("身份证号（脱敏）" in strings))
print("masked=%d" % ("500242********" in strings))
print("full=%d" % bool(re.search(r"500242(19|20)\d{9}[\dX]", strings)))
print("hyperlink_text=%d" % ("=HYPERLINK" in strings))
PY
check "the workbook holds the list's rows under the Chinese header" eval 'grep -qx "rows=$lt_n" "$OUT/xlsx.txt" && grep -qx "header=1" "$OUT/xlsx.txt"'
check "... masked ID numbers, no full one" eval 'grep -qx "masked=1" "$OUT/xlsx.txt" && grep -qx "full=0" "$OUT/xlsx.txt"'
check "... and a formula-looking address as text, no formula" eval 'grep -qx "formulas=0" "$OUT/xlsx.txt" && grep -qx "hyperlink_text=1" "$OUT/xlsx.txt"'
check "the .xlsx export is audited with its row count and format" eval 'sql "SELECT detail FROM audit_log WHERE action = '"'child.export'"' ORDER BY id DESC LIMIT 1" | grep -q "^rows=$lt_n .*format=xlsx$"'
# full ID numbers: only with registry.export_full_id (county staff) and a
# written purpose, which the audit row keeps
req GET "/children/export.csv?full_id=1&purpose=payment_check" -b "$tj"
check "a township clerk cannot export full ID numbers (403, audited)" eval 'status_is 403 && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'deny'"' AND username = '"'township'"' AND detail LIKE '"'%full ID numbers without export.full_id%'"'")" -ge 1 ]'
req GET /children -b "$tj"
check "... nor is offered the form" body_lacks 'id="export-full"'
cj=$(login county 'County#2026portal' "$OUT/jar.county")
req GET "/children?township=$LT" -b "$cj"
check "county staff are offered the full-ID export with the list's filters" eval 'body_has "id=\"export-full\"" && body_has "name=\"township\" value=\"$LT\""'
req GET "/children/export.csv?township=$LT&full_id=1" -b "$cj"
check "without a purpose it asks for one (the form, nothing exported)" eval 'status_is 200 && body_has "导出用途" && no_full_id "$OUT/body"'
# the township holds more children than privacy.export_approval_rows when the
# whole suite ran before: this test is about the purpose, not the approval
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('privacy', 'export_approval_rows', '2000-01-01', '100000000', 1, UTC_TIMESTAMP())"
req GET "/children/export.csv?township=$LT&full_id=1" -b "$cj" --data-urlencode "purpose=report_up" --data-urlencode "recipient=县医疗保障局" --data-urlencode "purpose_note=向医保局报送参保名单" -G
cp "$OUT/body" "$OUT/export-full.csv"
sql "DELETE FROM setting_values WHERE module = 'privacy' AND code = 'export_approval_rows' AND value = '100000000'"
check "with a purpose the file holds full ID numbers under 身份证号" eval 'status_is 200 && ! no_full_id "$OUT/export-full.csv" && head -n1 "$OUT/export-full.csv" | grep -q ",身份证号,"'
check "... and the export register keeps the purpose" same "$(sql "SELECT purpose, purpose_note, full_id FROM export_register r JOIN users u ON u.id = r.user_id WHERE u.username = 'county' ORDER BY r.id DESC LIMIT 1")" "$(printf 'report_up\t向医保局报送参保名单\t1')"
post /logout "$cj"

# ---- another township sees none of 龙潭镇's children
mj=$(login mawang 'Mawang#2026x')
check "another township's user gets no rows for 龙潭镇" same "$(all_ids "/children?township=$LT" "$mj")" ""
check "and a zero count" same "$(total_of_page)" "0"
check "another township's user sees only their own children" same "$(all_ids /children "$mj")" "$(sql "SELECT id FROM children WHERE township_code = '500242102000' ORDER BY id")"
req GET "/children/export.csv?township=$LT&purpose=stats" -b "$mj"
check "another township's export of 龙潭镇 is only the header" same "$(wc -l <"$OUT/body")" "1"
req GET "/children/export.csv?purpose=stats" -b "$mj"
check "another township's export holds none of 龙潭镇's villages" sh -c "! grep -q '龙潭镇' '$OUT/body'"
check "another township's export has its own rows" same "$(($(wc -l <"$OUT/body") - 1))" "$(sql "SELECT COUNT(*) FROM children WHERE township_code = '500242102000'")"

# ---- import
. modules/registry/tests/ledger.sh
forget_imported 导入
HEAD='姓名,性别,出生日期,民族,身份证号,无证原因,村（居）代码,户籍地址,现住址,类别,认定依据,开始日期'
good1=$(idno 20150308 901); good2=$(idno 20180101 902); good3=$(idno 20120520 903)
{
    printf '\xEF\xBB\xBF%s\r\n' "$HEAD"
    printf '导入甲,男,2015-03-08,土家族,%s,,500242101001,龙潭镇,龙潭镇一组,低保,县民政局批复〔2025〕1号,2025-01-01\r\n' "$good1"
    printf '导入乙,女,2018-01-01,,%s,,500242101002,"龙潭镇,二组","龙潭镇""二组""",孤儿,死亡证明,2024-06-01\r\n' "$good2"
    printf '导入丙,男,2012/5/20,苗族,%s,,500242101003,,,重病重残儿童,残疾人证,2023-03-01\r\n' "$good3"
    printf '导入丁,女,2020-02-02,汉族,,未落户,500242101001,,,临时困境儿童,乡镇调查报告,2025-05-05\r\n'
} >"$OUT/good.csv"

import_post() { # FILE MODE
    curl -s -b "$ij" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' -H "Origin: $BASE" \
        -F "_csrf=$itok" -F "mode=$2" -F "file=@$1;type=text/csv" "$BASE/children/import"
}
ij=$tj
req GET /children/import -b "$ij"
check "the import page answers" status_is 200
check "the import page documents the columns" body_has "村（居）代码"
itok=$(csrf_of_body)
before=$(sql "SELECT COUNT(*) FROM children")
STATUS=$(import_post "$OUT/good.csv" dry)
check "a clean file passes the dry run" body_has "全部通过"
check "the dry run offers the commit upload" body_has 'value="commit"'
check "the dry run wrote nothing" same "$(sql "SELECT COUNT(*) FROM children")" "$before"

bad1=$(idno 20150308 905); badcheck=${bad1%?}; badcheck="$badcheck$([ "${bad1: -1}" = 0 ] && echo 1 || echo 0)"
mism=$(idno 20150309 907)   # born the 9th, the row says the 8th
sexm=$(idno 20160101 908)   # even sequence = female, the row says male
dup=$(idno 20140101 909)
{
    printf '%s\n' "$HEAD"
    printf '坏甲,男,2015-03-08,,%s,,500242101001,,,低保,批复,2025-01-01\n' "$badcheck"           # 2 check digit
    printf '坏乙,男,2015-03-08,,%s,,500242101001,,,低保,批复,2025-01-01\n' "$mism"               # 3 birth
    printf '坏丙,男,2016-01-01,,%s,,500242101001,,,低保,批复,2025-01-01\n' "$sexm"               # 4 sex
    printf '坏丁,男,2014-01-01,,%s,,500242102001,,,低保,批复,2025-01-01\n' "$dup"                # 5 scope
    printf '坏戊,男,2014-01-01,,%s,,500242101001,,,外星儿童,批复,2025-01-01\n' "$dup"            # 6 category + dup in file
    printf ',女,2014-01-01,,,未落户,500242101001,,,低保,批复,2025-01-01\n'                       # 7 missing name
    printf '坏己,女,2015-02-30,,,未落户,500242101001,,,低保,批复,2025-01-01\n'                   # 8 bad date
    printf '坏庚,男,2015-03-08,,%s,,500242101001,,,低保,批复,2025-01-01\n' "$good1"              # 9 in the registry (after the commit below)
} >"$OUT/bad.csv"

STATUS=$(import_post "$OUT/good.csv" commit)
check "a clean file commits (redirect to the list)" status_is 303
check "all four rows were imported" same "$(sql "SELECT COUNT(*) FROM children")" "$((before + 4))"
check "each import has an 'imported' event" same "$(sql "SELECT COUNT(*) FROM child_events e JOIN children c ON c.id = e.child_id WHERE e.kind = 'imported' AND c.name LIKE '导入%'")" "4"
check "each import has its category" same "$(sql "SELECT COUNT(*) FROM child_categories k JOIN children c ON c.id = k.child_id WHERE c.name LIKE '导入%' AND k.end_date IS NULL")" "4"
check "imported ID numbers are encrypted, masked and keyed" same "$(sql "SELECT COUNT(*) FROM children WHERE name LIKE '导入%' AND id_enc IS NOT NULL AND LENGTH(id_hmac) = 64 AND id_masked LIKE '500242********%' AND id_last4 = RIGHT(id_masked, 4)")" "3"
check "no plain ID number was stored" same "$(sql "SELECT COUNT(*) FROM children WHERE id_enc LIKE '%$good1%' OR id_masked = '$good1'")" "0"
check "the child without an ID keeps the reason" same "$(sql "SELECT no_id_reason FROM children WHERE name = '导入丁'")" "未落户"
check "quoted CSV fields survive" same "$(sql "SELECT address FROM children WHERE name = '导入乙'")" '龙潭镇"二组"'
check "Excel-style dates are accepted" same "$(sql "SELECT birth_date FROM children WHERE name = '导入丙'")" "2012-05-20"
check "the import was audited with its count" same "$(sql "SELECT detail FROM audit_log WHERE action = 'child.import' ORDER BY id DESC LIMIT 1")" "rows=4 format=csv"

before=$(sql "SELECT COUNT(*) FROM children")
STATUS=$(import_post "$OUT/bad.csv" dry)
report_has() { # LINE TEXT
    tr -d '\n' <"$OUT/body" | grep -q "<td[^>]*>$1</td><td[^>]*>[^<]*</td><td[^>]*>[^<]*$2"
}
check "dry run: bad check digit reported on line 2" report_has 2 "校验位"
check "dry run: ID vs birth date on line 3" report_has 3 "与出生日期不一致"
check "dry run: ID vs sex on line 4" report_has 4 "与性别不一致"
check "dry run: village outside the scope on line 5" report_has 5 "不在您的辖区"
check "dry run: unknown category on line 6" report_has 6 "未知的类别"
check "dry run: duplicate within the file on line 6" report_has 6 "本文件中重复"
check "dry run: missing name on line 7" report_has 7 "缺少姓名"
check "dry run: bad date on line 8" report_has 8 "出生日期格式不正确"
check "dry run: already in the registry on line 9" report_has 9 "已在台账中"
check "dry run counts the bad rows" body_has "8 行有错误"
check "dry run offers no commit for a bad file" body_lacks 'value="commit"'
check "dry run of a bad file wrote nothing" same "$(sql "SELECT COUNT(*) FROM children")" "$before"

{ cat "$OUT/good.csv" | head -n1; printf '再导甲,男,2011-11-11,,%s,,500242101001,,,低保,批复,2025-01-01\r\n' "$(idno 20111111 911)"
  printf '再导乙,男,2011-11-11,,%s,,500242101001,,,低保,批复,2025-01-01\r\n' "$badcheck"; } >"$OUT/onebad.csv"
STATUS=$(import_post "$OUT/onebad.csv" commit)
check "commit with one bad row is refused" body_has "未导入任何记录"
check "commit with one bad row imports nothing" same "$(sql "SELECT COUNT(*) FROM children")" "$before"
check "not even the good row" same "$(sql "SELECT COUNT(*) FROM children WHERE name = '再导甲'")" "0"

{ printf '%s\n' "$HEAD"; for i in $(seq 1 5001); do printf 'x,男,2015-03-08,,,未落户,500242101001,,,低保,批复,2025-01-01\n'; done; } >"$OUT/big.csv"
STATUS=$(import_post "$OUT/big.csv" dry)
check "more than 5000 rows is refused in Chinese" body_has "超过每个文件 5000 行的上限"
printf '\xd0\xd5\xc3\xfb,\xd0\xd4\xb1\xf0\n' >"$OUT/gbk.csv"
STATUS=$(import_post "$OUT/gbk.csv" dry)
check "a GBK file is read (its header is checked, by name)" body_has "表头缺少“出生日期”列"
mj_tok() { curl -s -b "$mj" "$BASE/children/import" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1; }
ij=$mj; itok=$(mj_tok)
STATUS=$(import_post "$OUT/good.csv" dry)
check "another township cannot import into 龙潭镇's villages" report_has 2 "不在您的辖区"

# ---- the seed's ID numbers: rebuild each from birth date + last four, check
# the check character, and prove it is the stored one through the HMAC key
mackey=$(awk '$1 == "mac" {print $2}' "$TEST_DIR/keys/portal.key" | tr '_-' '/+')
while [ $((${#mackey} % 4)) -ne 0 ]; do mackey="$mackey="; done
hexkey=$(printf '%s' "$mackey" | base64 -d | od -An -tx1 | tr -d ' \n')
sql "SELECT CONCAT('500242', DATE_FORMAT(birth_date, '%Y%m%d'), id_last4), sex, id_hmac FROM children WHERE id_masked LIKE '500242%' AND created_by = (SELECT id FROM users WHERE username = 'admin') ORDER BY RAND() LIMIT 25" >"$OUT/sample"
bad=0
while IFS=$'\t' read -r id sex mac; do
    want=$(idno "${id:6:8}" "${id:14:3}")
    [ "$want" = "$id" ] || bad=$((bad + 1))
    [ $(( ${id:16:1} % 2 )) -eq $(( sex == 1 ? 1 : 0 )) ] || bad=$((bad + 1))
    got=$(printf '%s' "$id" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" | sed 's/.*= //')
    [ "$got" = "$mac" ] || bad=$((bad + 1))
done <"$OUT/sample"
check "a sample of 25 seeded IDs is valid, sex-consistent and is what is stored" same "$bad/$(wc -l <"$OUT/sample")" "0/25"
check "seeded ID numbers are unique" same "$(sql "SELECT COUNT(id_hmac) - COUNT(DISTINCT id_hmac) FROM children")" "0"
check "orphans have both parents dead or missing" same "$(sql "SELECT COUNT(*) FROM child_categories k WHERE k.category = 'orphan' AND (SELECT COUNT(*) FROM child_family f WHERE f.child_id = k.child_id AND f.relation IN ('父亲','母亲') AND f.situation IN ('dead','missing')) < 2 AND k.child_id IN (SELECT child_id FROM child_events WHERE summary = '建档（演示数据）')")" "0"
