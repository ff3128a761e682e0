# The import's aids (issue 20 minors): a downloadable template whose header
# is the import's and whose example row passes the import's check as it is,
# and a page listing the 12-digit codes of the user's villages.
tj=$(login township 'Town#2026portal')
req GET /children/import -b "$tj"
check "the import page offers the template" body_has 'href="/children/import/template.csv"'
check "and the list of village codes" body_has 'href="/children/import/villages"'
check "and names the name's limit in characters" body_has "最多 30 个字"
req GET /children/import/template.csv -b "$tj"
check "the template downloads as CSV" eval 'status_is 200 && header_has "Content-Type: text/csv"'
check "its header is the import's columns" [ "$(head -n1 "$OUT/body" | sed $'1s/^\xEF\xBB\xBF//' | tr -d '\r')" = "姓名,性别,出生日期,民族,身份证号,无证原因,村（居）代码,户籍地址,现住址,类别,认定依据,开始日期" ]
cp "$OUT/body" "$OUT/template.csv"
itok=$(csrf "$tj")
req POST /children/import -b "$tj" -H "Origin: $BASE" -F "_csrf=$itok" -F "mode=dry" -F "file=@$OUT/template.csv;type=text/csv"
check "the template's example row passes the check as it is" eval 'status_is 200 && body_has "共 1 行数据，1 行通过检查"'
req GET /children/import/villages -b "$tj"
check "the village codes page lists the township's villages with their 12-digit codes" body_has "<code>500242101001</code>"
check "and no other township's" body_lacks "<code>500242102001</code>"
