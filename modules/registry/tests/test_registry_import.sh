# The registry's ledger import reads through the host's sheet_* services
# (issue 10, part 2): the same list as a real .xlsx, .xls or GBK CSV; the
# columns found by their Chinese titles (any order, a title row above the
# header, other columns ignored); faults in Chinese on the row the clerk sees
# in Excel; a file with any bad row imports nothing; the import audited with
# its count and format.
MK="/usr/bin/python3 modules/registry/tests/make_ledger.py"
. modules/registry/tests/ledger.sh
forget_imported 表导
sql "DELETE FROM registry_dup_checks WHERE user_id = (SELECT id FROM users WHERE username = 'township')"
tj=$(login township 'Town#2026portal')
req GET /children/import -b "$tj"
check "the import page offers Excel files" body_has 'accept=".xlsx,.xls,.csv'
check "the import page says columns go by their titles" body_has "按列名识别各列"
itok=$(csrf_of_body)
import_post() { # FILE MODE
    STATUS=$(curl -s -b "$tj" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' -H "Origin: $BASE" \
        -F "_csrf=$itok" -F "mode=$2" -F "file=@$1" "$BASE/children/import")
}
row_has() { tr -d '\n' <"$OUT/body" | grep -q "<td[^>]*>$1</td><td[^>]*>[^<]*</td><td[^>]*>[^<]*$2"; } # ROW TEXT
count_of() { sql "SELECT COUNT(*) FROM children WHERE name LIKE '$1'"; }
last_import() { sql "SELECT detail FROM audit_log WHERE action = 'child.import' ORDER BY id DESC LIMIT 1"; }
T=$(printf '\t')
id1=$(idno 20150308 931); id2=$(idno 20180101 942); id3=$(idno 20120520 953); id4=$(idno 20110709 961)  # all digits: written as a number below

# ---- .xlsx: a title row, the columns in another order, a remarks column,
# dates as Excel dates, the village code as a number, the ID number as text
{
    echo "序号${T}身份证号${T}姓名${T}性别${T}出生日期${T}村（居）代码${T}类别${T}认定依据${T}开始日期${T}民族${T}无证原因${T}户籍地址${T}现住址${T}备注"
    echo "n:1${T}$id1${T}表导甲${T}男${T}d:2015-03-08${T}n:500242101001${T}低保${T}县民政局批复〔2025〕3号${T}d:2025-01-01${T}土家族${T}${T}龙潭镇${T}龙潭镇一组${T}走访时在家"
    echo "n:2${T}${T}表导乙${T}女${T}d:2020-02-02${T}n:500242101002${T}临时困境儿童${T}乡镇调查报告${T}2025-05-05${T}${T}未落户${T}${T}${T}"
} >"$OUT/ledger.tsv"
$MK "$OUT/ledger.xlsx" "龙潭镇困境儿童台账（2026年12月）" <"$OUT/ledger.tsv"
check "the test's .xlsx is a zip (a real workbook)" same "$(head -c 2 "$OUT/ledger.xlsx")" "PK"
before=$(sql "SELECT COUNT(*) FROM children")
import_post "$OUT/ledger.xlsx" dry
check "an .xlsx ledger passes the dry run (the commit is offered)" eval 'status_is 200 && body_has "value=\"commit\""'
check "the dry run counts both rows" body_has "共 2 行数据，2 行通过检查"
check "the dry run wrote nothing" same "$(sql "SELECT COUNT(*) FROM children")" "$before"
import_post "$OUT/ledger.xlsx" commit
check "the .xlsx ledger commits (redirect to the list)" status_is 303
check "both rows of the .xlsx were imported" same "$(count_of '表导%')" 2
check "an Excel date cell became the birth date" \
    same "$(sql "SELECT birth_date FROM children WHERE name = '表导甲'")" "2015-03-08"
check "a numeric village code cell was read whole" \
    same "$(sql "SELECT CONCAT(village_code, '/', township_code) FROM children WHERE name = '表导乙'")" "500242101002/500242101000"
check "the ID number was kept as text, encrypted and masked" \
    same "$(sql "SELECT CONCAT(id_masked, '/', LENGTH(id_hmac)) FROM children WHERE name = '表导甲'")" "500242********${id1: -4}/64"
check "columns found by title in another order (ethnicity, address)" \
    same "$(sql "SELECT CONCAT(ethnicity, '/', address) FROM children WHERE name = '表导甲'")" "土家族/龙潭镇一组"
check "the category and its Excel-date start were entered" \
    same "$(sql "SELECT CONCAT(k.category, '/', k.start_date) FROM child_categories k JOIN children c ON c.id = k.child_id WHERE c.name = '表导甲'")" "dibao/2025-01-01"
check "the child without an ID keeps the reason" \
    same "$(sql "SELECT no_id_reason FROM children WHERE name = '表导乙'")" "未落户"
check "the import is audited with its count and format" same "$(last_import)" "rows=2 format=xlsx"

# ---- .xls (Excel 97-2003): a bad file imports nothing, each fault on its
# Excel row (the title row is row 1, the header row 2)
{
    echo "姓名${T}性别${T}出生日期${T}民族${T}身份证号${T}无证原因${T}村（居）代码${T}户籍地址${T}现住址${T}类别${T}认定依据${T}开始日期"
    echo "表导丙${T}男${T}d:2012-05-20${T}苗族${T}$id3${T}${T}500242101003${T}${T}${T}重病重残儿童${T}残疾人证${T}d:2023-03-01"
    echo "表导丁${T}男${T}d:2011-07-09${T}${T}n:$id4${T}${T}500242101001${T}${T}${T}孤儿${T}死亡证明${T}d:2024-06-01"
    echo "表导戊${T}女${T}2015-02-30${T}${T}${T}未落户${T}500242102001${T}${T}${T}低保${T}批复${T}d:2025-01-01"
} >"$OUT/bad.tsv"
$MK "$OUT/bad.xls" "台账" <"$OUT/bad.tsv"
check "the test's .xls is an OLE2 file (a real Excel 97 workbook)" \
    same "$(head -c 8 "$OUT/bad.xls" | od -An -tx1 | tr -d ' \n')" "d0cf11e0a1b11ae1"
import_post "$OUT/bad.xls" dry
check "the .xls dry run answers" status_is 200
check "an ID number typed as a number is reported on Excel row 4 with advice" row_has 4 "科学计数法"
check "a date that does not exist is reported on row 5" row_has 5 "出生日期格式不正确"
check "a village outside the scope is reported on row 5" row_has 5 "不在您的辖区"
check "the good row 3 has no fault" eval '! tr -d "\n" <"$OUT/body" | grep -q "<td[^>]*>3</td>"'
check "the report counts the bad rows" body_has "2 行有错误"
check "no commit is offered for a bad file" body_lacks 'value="commit"'
import_post "$OUT/bad.xls" commit
check "committing the bad .xls is refused in Chinese" body_has "未导入任何记录"
check "not even its good row was imported" same "$(count_of '表导丙')" 0
check "the refusal is audited" \
    same "$(sql "SELECT detail FROM audit_log WHERE action = 'child.import.refused' ORDER BY id DESC LIMIT 1")" \
         "rows=3 bad=2 id_checks=1 on_file_in_scope=0 outside=0"
sed -i "s/${T}n:$id4${T}/${T}$id4${T}/; /^表导戊/d" "$OUT/bad.tsv"
$MK "$OUT/good.xls" <"$OUT/bad.tsv"
import_post "$OUT/good.xls" commit
check "the corrected .xls commits" status_is 303
check "its two rows were imported" same "$(count_of '表导丙')/$(count_of '表导丁')" "1/1"
check "the .xls import is audited with its format" same "$(last_import)" "rows=2 format=xls"
import_post "$OUT/good.xls" dry
check "importing the same file again finds every child on file" row_has 2 "已在台账中登记"

# ---- CSV saved by Excel in China (GBK), columns in the template's order
printf '姓名,性别,出生日期,民族,身份证号,无证原因,村（居）代码,户籍地址,现住址,类别,认定依据,开始日期\r\n表导己,女,2016/1/5,,,未落户,500242101001,,,孤儿,死亡证明,2024/6/1\r\n' |
    iconv -f UTF-8 -t GBK >"$OUT/gbk.csv"
import_post "$OUT/gbk.csv" commit
check "a GBK CSV commits" status_is 303
check "its Chinese text arrived intact" same "$(sql "SELECT CONCAT(name, '/', no_id_reason, '/', birth_date) FROM children WHERE name = '表导己'")" "表导己/未落户/2016-01-05"
check "the CSV import is audited with its format" same "$(last_import)" "rows=1 format=csv"
import_post "$OUT/gbk.csv" commit
check "the same ledger imported again is refused: the child without an ID is named on row 2" \
    eval 'status_is 200 && row_has 2 "已有同名、同出生日期的儿童档案" && body_has "未导入任何记录"'
check "and it was not imported twice" same "$(count_of '表导己')" 1

# ---- the header: a missing column is named; nothing is checked
sed 's/类别/分类/' "$OUT/ledger.tsv" | $MK "$OUT/nocat.xlsx"
import_post "$OUT/nocat.xlsx" dry
check "a missing column is named in Chinese" body_has "表头缺少“类别”列"
check "and the file is not checked" body_has "表头与模板不一致，未做检查"
printf 'not a spreadsheet\0\1\2' >"$OUT/junk.bin"
import_post "$OUT/junk.bin" dry
check "a file that is no spreadsheet is refused in Chinese" body_has "文件无法读取"
check "nothing else was imported" same "$(count_of '表导%')" 5
