# ABI 2.0 through the real stack (the testkit module): the host's template
# functions money, date, datetime (stored UTC -> Beijing), mask_id, label
# and division over a database row and over raw values, escaped like any
# value; rows by column name (put_row, col, col_index, db_row_hdf); labels;
# one form-error convention with the typed values put back; date
# arithmetic over the holiday calendar; text helpers; CSV reading.
jar=$(login admin 'Admin#2026portal')
cell() { sed -n "s|.*<$1 id=\"$2\">\(.*\)</$1>.*|\1|p" "$OUT/body" | head -n1; }

req GET /_test/fmt -b "$jar" -G --data-urlencode "fen=165150" --data-urlencode "at=2026-12-01 09:30:15" \
    --data-urlencode "day=2026-02-28" --data-urlencode "last4=123X" --data-urlencode "kind=testkit.color" \
    --data-urlencode "code=red" --data-urlencode "div=500242101000"
check "the format page renders" status_is 200
check "money of 165150 fen from a row is 1651.50" same "$(cell dd row-money)" "[1651.50]"
check "money of a raw value" same "$(cell dd raw-money)" "[1651.50]"
check "money of -5, 0 and empty" same "$(cell dd lit-money)" "[-0.05|0.00|]"
check "datetime is Beijing time (UTC+8)" same "$(cell dd row-datetime)" "[2026-12-01 17:30]"
check "date of a DATETIME is its Beijing day" same "$(cell dd row-date)" "[2026-12-01]"
check "date of a DATE is the date" same "$(cell dd row-day)" "[2026-02-28]"
check "a SQL NULL column stays unset" same "$(cell dd row-nothing)" "[unset]"
check "a column named with a leading _ stays out of the row" same "$(cell dd row-beside)" "[unset]"
check "mask_id shows 14 stars and the last four" same "$(cell dd raw-mask)" "[**************123X]"
check "label gives the module label's title" same "$(cell dd raw-label)" "[红色]"
check "division gives the division's name" same "$(cell dd raw-division)" "[龙潭镇]"
check "col reads a column by name; col_index; NULL and absent columns; a _ column" same "$(cell p col)" "[165150|1|-1|null|beside]"
check "db_row_hdf fills the first row" same "$(cell p one)" "[1|x|1651.50]"
check "labels_hdf lists a kind in declaration order" \
    grep -qF '<li>red=红色</li><li>green=绿色</li><li>xss=&lt;script&gt;' "$OUT/body"

# around midnight: 15:59 UTC is still the same day in Beijing, 16:00 the next
req GET /_test/fmt -b "$jar" -G --data-urlencode "at=2026-12-31 16:00:00" --data-urlencode "found=0"
check "16:00 UTC on 31 Dec is 1 Jan 00:00 in Beijing" same "$(cell dd row-datetime)" "[2027-01-01 00:00]"
check "and its date is 2027-01-01" same "$(cell dd row-date)" "[2027-01-01]"
check "db_row_hdf without a row is 0" same "$(cell p one)" "[0||]"
req GET /_test/fmt -b "$jar" -G --data-urlencode "at=2026-12-31 15:59:59" --data-urlencode "fen=abc" \
    --data-urlencode "last4=" --data-urlencode "kind=testkit.color" --data-urlencode "code=blue" \
    --data-urlencode "div=500242999999"
check "15:59 UTC is 23:59 the same day" same "$(cell dd row-datetime)" "[2026-12-31 23:59]"
check "money of a non-number is empty" same "$(cell dd raw-money)" "[]"
check "mask_id of nothing is empty" same "$(cell dd raw-mask)" "[]"
check "an unknown label shows its code" same "$(cell dd raw-label)" "[blue]"
check "an unknown division shows its code" same "$(cell dd raw-division)" "[500242999999]"
check "s->label of an unknown code is the code" same "$(cell p label-direct)" "[blue]"

# escaping: a label and a division name holding markup come out escaped
sql "INSERT INTO divisions (code, parent_code, level, name, type) VALUES
     ('500242101298', '500242101000', 'village', '<script>alert(5)</script>村', '村');
     UPDATE cache_versions SET version = version + 1 WHERE name = 'divisions'"
req GET /_test/fmt -b "$jar" -G --data-urlencode "kind=testkit.color" --data-urlencode "code=xss" \
    --data-urlencode "div=500242101298"
check "a label with markup is escaped in text" same "$(cell dd raw-label)" "[&lt;script&gt;alert(1)&lt;/script&gt;红]"
check "and in an attribute" grep -qF 'title="&lt;script&gt;alert(1)&lt;/script&gt;红"' "$OUT/body"
check "a division name with markup is escaped" same "$(cell dd raw-division)" "[&lt;script&gt;alert(5)&lt;/script&gt;村]"
check "no raw <script> from a function" body_lacks "<script>alert("
sql "DELETE FROM divisions WHERE code = '500242101298'"

# labels(kind, set): each code of a set by its title; an unknown code, even
# one too long for any label (128 characters or more), shown as it is
long=$(printf 'c%.0s' $(seq 1 130))
req GET /_test/fmt -b "$jar" -G --data-urlencode "kind=testkit.color" --data-urlencode "code=red,$long,x<y,green"
check "labels names a set's codes by their titles, an unknown one as it is" \
    same "$(cell dd raw-labels)" "[红色、${long}、x&lt;y、绿色]"

# form errors: Errors.<field>, Errors.count, the typed values back as Form.<name>
req GET /_test/form -b "$jar"
tok=$(csrf_of_body)
notes=$(sql "SELECT COUNT(*) FROM test_notes")
req POST /_test/form -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
    --data-urlencode "name=  " --data-urlencode "age=30" --data-urlencode "password=s3cret-typed"
check "a failed form is shown again" status_is 200
check "each field's message" body_has '<span class="field-error" role="alert">请填写姓名。</span>'
check "the age message" body_has '年龄应在 0 到 17 岁之间。'
check "the count of errors" body_has '有 2 处需要改正'
check "the typed age is put back" body_has 'name="age" value="30"'
check "a password is never put back" body_lacks "s3cret-typed"
check "nothing was stored" same "$(sql "SELECT COUNT(*) FROM test_notes")" "$notes"
req POST /_test/form -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
    --data-urlencode "name=<b>李四</b>" --data-urlencode "age=-1"
check "one error: the other value is put back escaped" body_has 'name="name" value="&lt;b&gt;李四&lt;/b&gt;"'
check "and counted once" body_has '有 1 处需要改正'
req POST /_test/form -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
    --data-urlencode "name=  王五 " --data-urlencode "age=9"
check "a valid form is saved" status_is 303
check "with the name trimmed" same "$(sql "SELECT body FROM test_notes ORDER BY id DESC LIMIT 1")" "form 王五 9"

# dates: working days over a holiday (Wed 2031-03-12) and a make-up Saturday (2031-03-15)
sql "INSERT INTO work_calendar (day, is_workday, note) VALUES ('2031-03-12', 0, 'test holiday'),
     ('2031-03-15', 1, 'test make-up day')"
req GET /_test/days -b "$jar" -G --data-urlencode "d=2031-03-11" --data-urlencode "n=3" \
    --data-urlencode "birth=2013-03-11" --data-urlencode "ym=2031-02" --data-urlencode "q=50%_a"
check "3 calendar days and 3 working days over the holiday and the make-up day" \
    same "$(cell p days)" "[2031-03-14|2031-03-15|18|0|2031-03-11]"
check "LIKE escape and URL encoding" same "$(cell p text)" "[50\\%\\_a|50%25_a]"
req GET /_test/days -b "$jar" -G --data-urlencode "d=2031-03-17" --data-urlencode "n=-2" \
    --data-urlencode "birth=2013-03-18" --data-urlencode "ym=2031-13"
check "2 working days back from Monday land on the make-up Saturday's Friday" \
    same "$(cell p days)" "[2031-03-15|2031-03-14|17|-1|2031-03-17]"
req GET /_test/days -b "$jar" -G --data-urlencode "d=2031-02-29" --data-urlencode "n=1" \
    --data-urlencode "birth=2016-02-29"
check "not a date: date_add refuses, age_on is -1" same "$(cell p days)" "[invalid|invalid|-1|-1|invalid]"
req GET /_test/days -b "$jar" -G --data-urlencode "d=2031-03-11" --data-urlencode "n=-99999"
check "more than ten years of days is refused" same "$(cell p days)" "[invalid|invalid|-1|-1|2031-03-11]"
req GET /_test/days -b "$jar" -G --data-urlencode "d=1905-01-01" --data-urlencode "n=-3650"
check "a result before 1900 is no date" same "$(cell p days)" "[invalid|invalid|-1|-1|1905-01-01]"
# the calendar is kept by each worker while 'calendar' stays (core 053):
# every worker's next request sees a holiday written or removed by SQL
days3="/_test/days?d=2031-03-11&n=3"
check "every worker counts 3 working days from 2031-03-11 to the make-up Saturday" \
    par_say "$jar" "$days3" "[2031-03-14|2031-03-15|"
sql "INSERT INTO work_calendar (day, is_workday, note) VALUES ('2031-03-13', 0, 'test holiday 2')"
check "a second holiday written by SQL: every worker's next request counts past it" \
    par_say "$jar" "$days3" "[2031-03-14|2031-03-17|"
sql "DELETE FROM work_calendar WHERE day = '2031-03-13'"
check "... removed: every worker's next request is as before" \
    par_say "$jar" "$days3" "[2031-03-14|2031-03-15|"
sql "DELETE FROM work_calendar WHERE note LIKE 'test %'"
check "... the calendar emptied of them: the third working day is Friday the 14th" \
    par_say "$jar" "$days3" "[2031-03-14|2031-03-14|"

# CSV: an upload read record by record; a broken one names its line
printf '\xef\xbb\xbf姓名,备注\r\n张三,"说""好"",\n两行"\r\n' >"$OUT/ok.csv"
req GET /_test/form -b "$jar"
tok=$(csrf_of_body)
req POST /_test/csv -b "$jar" -H "Origin: $BASE" -F "_csrf=$tok" -F "file=@$OUT/ok.csv;type=text/csv"
check "a CSV with a BOM, CRLF and a quoted line break is read" same "$(cell p csv-count)" "[2]"
check "its quoted cell comes back whole" cells_has '<td>说&quot;好&quot;,'
printf '姓名\n张三\n"李四\n' >"$OUT/bad.csv"
req POST /_test/csv -b "$jar" -H "Origin: $BASE" -F "_csrf=$tok" -F "file=@$OUT/bad.csv;type=text/csv"
check "an open quote is refused with its line" body_has '第 3 行：引号没有成对'
printf '姓名\n\xc3\x28\n' >"$OUT/latin.csv"
req POST /_test/csv -b "$jar" -H "Origin: $BASE" -F "_csrf=$tok" -F "file=@$OUT/latin.csv;type=text/csv"
check "invalid UTF-8 is refused with its line" body_has '第 2 行：第 1 列不是有效的 UTF-8'
