# 教育保障 through Apache: schools kept by the commission, the semester roll
# import (matched by ID HMAC, unmatched rows listed, registry children the
# roll missed, idempotent), school staff seeing only their pupils (another
# school's child is an audited 404), dated enrolment history and transfers,
# a 控辍保学 case end to end on the workflow (scan, steps, outcome, overdue
# in the inbox, monthly report), the disabled-students ledger and its
# export, migrant children, counselling visibility and the one-step
# mandatory report link, and the panel on the child's file.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
id_check() {
    local s=$1 sum=0 i w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) map=10X98765432
    for i in $(seq 0 16); do sum=$((sum + ${s:i:1} * ${w[i]})); done
    echo "${map:$((sum % 11)):1}"
}
make_id() { # make_id BIRTH8 -> a valid ID number of a boy of 龙潭镇
    local f17
    f17=$(printf '500242%s%03d' "$1" $(( (RANDOM % 400) * 2 + 1 )))
    echo "$f17$(id_check "$f17")"
}
upload() { # upload PATH JAR [curl -F args]
    local path=$1 jar=$2; shift 2
    req POST "$path" -b "$jar" -H "Origin: $BASE" -F "_csrf=$(csrf "$jar")" "$@"
}
new_child() { # new_child NAME BIRTH(YYYY-MM-DD) IDNUM -> id, filed by 小河镇
    post /children/new "$tj" --data-urlencode "name=$1" --data "sex=1" --data "birth_date=$2" \
        --data-urlencode "ethnicity=土家族" --data "id_number=$3" --data "village_code=500242113001" \
        --data-urlencode "hukou=酉阳县龙潭镇" >/dev/null
    sed -n 's|^Location: /children/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r' | head -n1
}
grant() { sql "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, '$2', 'education', id, UTC_TIMESTAMP() FROM users WHERE username='$1'"; }
enrolments() { sql "SELECT COUNT(*) FROM edu_enrolments WHERE child_id=$1"; }
current() { sql "SELECT CONCAT_WS('/', COALESCE(org_id, 0), semester, grade, class_name, mode) FROM edu_enrolments WHERE child_id=$1 AND ended_on IS NULL"; }
linked() { sql "SELECT COUNT(*) FROM child_org_links WHERE child_id=$1 AND org_id=$2 AND relation='enrolled' AND ended_at IS NULL"; }

set_clock 2026-10-12   # a Monday of the autumn semester 2026-2
add_user "jw_$tag" --display-name 县教委 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "cs_$tag" --display-name 县未保中心 --role county_staff --division 500242000000 --org mz --password "$PW"
grant "jw_$tag" education.manage
grant "jw_$tag" education.dropout
grant "cs_$tag" education.counsel
add_user "xh_$tag" --display-name 小河镇 --role township_staff --division 500242113000 --org lt_gov --password "$PW"
jw=$(login "jw_$tag" "$PW")
tj=$(login "xh_$tag" "$PW")
cs=$(login "cs_$tag" "$PW")

# ---------------------------------------------------------------- schools
codeA="51${tag: -6}01"; codeB="51${tag: -6}02"
post /education/schools "$jw" --data "code=12345" --data-urlencode "name=甲校$tag" --data level=primary --data township=500242113000
check "a bad school code is refused in Chinese" body_has "学校标识码应为 10 位数字"
check "and nothing is stored" [ "$(sql "SELECT COUNT(*) FROM orgs WHERE name='甲校$tag'")" = 0 ]
post /education/schools "$jw" --data "code=$codeA" --data-urlencode "name=甲校$tag" --data level=primary --data township=500242113000 --data boarding=1
check "the commission registers a school" status_is 303
orgA=$(loc_id /education/schools)
post /education/schools "$jw" --data "code=$codeB" --data-urlencode "name=乙校$tag" --data level=junior --data township=500242113000
orgB=$(loc_id /education/schools)
check "a school is a core organisation of kind school" [ "$(sql "SELECT kind FROM orgs WHERE id=$orgA")" = school ]
check "with its attributes in the module's table" [ "$(sql "SELECT CONCAT(level, boarding) FROM edu_schools WHERE org_id=$orgA")" = primary1 ]
check "the creation is audited" [ "$(audits education.school.create "$orgA")" = 1 ]
post /education/schools "$jw" --data "code=$codeA" --data-urlencode "name=重复$tag" --data level=primary --data township=500242113000
check "a school code is unique" body_has "该学校标识码已登记"

add_user "sa_$tag" --display-name 甲校老师 --role org_staff --division 500242113000 --org "school_$codeA" --password "$PW"
add_user "sb_$tag" --display-name 乙校老师 --role org_staff --division 500242113000 --org "school_$codeB" --password "$PW"
for u in "sa_$tag" "sb_$tag"; do grant "$u" education.view; grant "$u" education.school; done
sa=$(login "sa_$tag" "$PW")
sb=$(login "sb_$tag" "$PW")

# ---------------------------------------------------------------- children
id1=$(make_id 20160301); id2=$(make_id 20150402); id3=$(make_id 20130503); idx=$(make_id 20160604)
c1=$(new_child "入学童$tag" 2016-03-01 "$id1")
c2=$(new_child "失学童$tag" 2015-04-02 "$id2")
c3=$(new_child "残疾童$tag" 2013-05-03 "$id3")
check "three registry children" [ -n "$c1" ] && [ -n "$c2" ] && [ -n "$c3" ]
sql "UPDATE children SET disability_type='intellectual', disability_grade=2 WHERE id=$c3"

# ---------------------------------------------------------------- roll import
printf '姓名,身份证号,学校,年级,班级\n入学童%s,%s,%s,三年级,2班\n普通生%s,%s,%s,三年级,1班\n坏号%s,12345,%s,一年级,\n无校%s,%s,不存在的学校,二年级,\n' \
    "$tag" "$id1" "$codeA" "$tag" "$idx" "$codeA" "$tag" "$codeA" "$tag" "$id2" >"$OUT/roll.csv"
upload /education/roll "$jw" -F "semester=2026-2" -F "file=@$OUT/roll.csv;type=text/csv"
check "the commission imports a roll" status_is 303
imp=$(loc_id /education/roll)
check "the counts are kept" [ "$(sql "SELECT CONCAT_WS('/', rows_total, matched, updated, not_in_registry, refused) FROM edu_roll_imports WHERE id=$imp")" = "4/1/1/1/2" ]
check "the matched child is enrolled at the roll's school" [ "$(current "$c1")" = "$orgA/2026-2/三年级/2班/ordinary" ]
check "and linked to the school (enrolled)" [ "$(linked "$c1" "$orgA")" = 1 ]
check "a pupil outside the registry is not stored" [ "$(sql "SELECT COUNT(*) FROM edu_roll_rows WHERE import_id=$imp AND name LIKE '普通生%'")" = 0 ]
check "the import is audited" [ "$(audits education.roll.import "$imp")" = 1 ]
req GET "/education/roll/$imp" -b "$jw"
check "the result lists a bad ID number in Chinese" body_has "身份证号格式不正确"
check "and an unknown school" body_has "学校不在学校名录中"
check "never a full ID number" body_lacks "$id2"
check "it lists the registry child the roll missed" body_has "失学童$tag"
check "but not the matched one" body_lacks "入学童$tag"
upload /education/roll "$jw" -F "semester=2026-2" -F "file=@$OUT/roll.csv;type=text/csv"
imp2=$(loc_id /education/roll)
check "the same roll again changes nothing (idempotent)" [ "$(sql "SELECT updated FROM edu_roll_imports WHERE id=$imp2")" = 0 ] && [ "$(enrolments "$c1")" = 1 ]
printf 'x\n' >"$OUT/bad.txt"
upload /education/roll "$jw" -F "semester=2026-9" -F "file=@$OUT/bad.txt"
check "a bad semester is refused in Chinese" body_has "学期格式应为"

# ---------------------------------------------------------------- school scope
req GET "/education/children/$c1" -b "$sa"
check "school A's staff open their pupil" status_is 200
check "with the enrolment" body_has "甲校$tag"
req GET "/education/children/$c1" -b "$sb"
check "another school's child is 404" status_is 404
check "and the denial is audited" [ "$(denials_of "sb_$tag" "$c1")" -ge 1 ]
req GET "/education/children/$c2" -b "$sa"
check "a child not enrolled at the school is 404" status_is 404
printf '姓名,身份证号,学校,年级\n入学童%s,%s,%s,四年级\n入学童%s,%s,%s,四年级\n' "$tag" "$id1" "$codeA" "$tag" "$id1" "$codeB" >"$OUT/rollb.csv"
upload /education/roll "$sb" -F "semester=2026-2" -F "file=@$OUT/rollb.csv;type=text/csv"
impb=$(loc_id /education/roll)
check "a school's roll refuses another school's rows" [ "$(sql "SELECT COUNT(*) FROM edu_roll_rows WHERE import_id=$impb AND reason='other_school'")" = 1 ]
check "and does not reveal or take another school's pupil" [ "$(sql "SELECT CONCAT(matched, '/', not_in_registry) FROM edu_roll_imports WHERE id=$impb")" = "0/1" ] && [ "$(current "$c1")" = "$orgA/2026-2/三年级/2班/ordinary" ]
req GET "/education/roll/$imp" -b "$sb"
check "nor open the commission's import" status_is 404

post "/education/children/$c1/enrol" "$sa" --data school=0 --data semester=2026-2 --data-urlencode "grade=三年级" --data-urlencode "class_name=2班" --data mode=inclusive
check "the school records 随班就读" status_is 303
check "a new dated row, the old one kept and ended" [ "$(enrolments "$c1")" = 2 ] && [ "$(sql "SELECT COUNT(*) FROM edu_enrolments WHERE child_id=$c1 AND ended_on='2026-10-12'")" = 1 ]
check "at the school's own school" [ "$(current "$c1")" = "$orgA/2026-2/三年级/2班/inclusive" ]
check "the child's file keeps the school in step (through the host, on the timeline)" [ "$(sql "SELECT CONCAT(school, '/', school_grade) FROM children WHERE id=$c1")" = "甲校$tag/三年级" ] && [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND module='education' AND kind='file.core'")" -ge 1 ]
post "/education/children/$c1/enrol" "$sa" --data semester=2026-2 --data mode=ordinary
check "a missing grade is refused in Chinese" body_has "请填写年级"
check "nothing changed" [ "$(enrolments "$c1")" = 2 ]

# ---------------------------------------------------------------- transfer
post "/education/children/$c1/enrol" "$jw" --data "school=$orgB" --data semester=2026-2 --data-urlencode "grade=三年级" --data mode=inclusive
check "the commission transfers the child" status_is 303
check "the old school's link ends, the new one starts" [ "$(linked "$c1" "$orgA")" = 0 ] && [ "$(linked "$c1" "$orgB")" = 1 ]
check "... the child's file has the new school" [ "$(sql "SELECT school FROM children WHERE id=$c1")" = "乙校$tag" ]
req GET "/education/children/$c1" -b "$sa"
check "the old school no longer sees the child" status_is 404
req GET "/education/children/$c1" -b "$sb"
check "the new school does" status_is 200
printf '姓名,身份证号,学校,年级,班级\n入学童%s,%s,乙校%s,四年级,3班\n' "$tag" "$id1" "$tag" >"$OUT/rollb2.csv"
upload /education/roll "$sb" -F "semester=2026-2" -F "file=@$OUT/rollb2.csv;type=text/csv"
check "the school's own roll (school by name) updates its pupil" [ "$(current "$c1")" = "$orgB/2026-2/四年级/3班/inclusive" ]

# ---------------------------------------------------------------- 控辍保学
# a child who left two schools: the last is the one left last, whatever order
# the rows were written in (ids are not ordered on a cluster, issue 18)
c4=$(new_child "转学失学童$tag" 2015-06-07 "$(make_id 20150607)")
sql "INSERT INTO edu_enrolments (child_id, org_id, semester, mode, valid_from, ended_on, source, created_by, created_at) VALUES
     ($c4, $orgB, '2026-1', 'ordinary', '2026-03-01', '2026-06-30', 'form', 1, UTC_TIMESTAMP()),
     ($c4, $orgA, '2025-2', 'ordinary', '2025-09-01', '2026-01-15', 'form', 1, UTC_TIMESTAMP())"
post /education/scan "$jw" --data township=500242113000
check "the commission's scan" status_is 303
check "a case of a child who left two schools names the one left last" \
    [ "$(sql "SELECT last_org_id FROM edu_dropouts WHERE child_id=$c4")" = "$orgB" ]
case2=$(sql "SELECT app_id FROM edu_dropouts WHERE child_id=$c2 AND open_child IS NOT NULL")
check "opens a case for the child with no enrolment" [ -n "$case2" ]
check "none for the enrolled child" [ "$(sql "SELECT COUNT(*) FROM edu_dropouts WHERE child_id=$c1")" = 0 ]
check "an urgent task for the township" [ "$(sql "SELECT COUNT(*) FROM urgent_tasks t JOIN edu_dropouts d ON d.task_id=t.id WHERE d.app_id=$case2")" = 1 ]
post /education/scan "$jw" --data township=500242113000
check "a second scan opens no second case" [ "$(sql "SELECT COUNT(*) FROM edu_dropouts WHERE child_id=$c2")" = 1 ]
req GET /inbox -b "$tj"
check "the case is in the township's inbox" body_has "/education/applications/$case2"
task2=$(sql "SELECT task_id FROM edu_dropouts WHERE app_id=$case2")
set_clock 2026-10-30
check "past its hours the step's task escalates to the supervision list" wait_for eval \
    '[ "$(sql "SELECT COUNT(*) FROM supervision_items WHERE task_id='"'$task2'"'")" -ge 1 ]'
req GET /inbox -b "$jw"
check "and reaches the commission's inbox" body_has "/education/applications/$case2"
req GET "/education/applications/$case2" -b "$tj"
check "past 5 working days the case is overdue" body_has "已逾期"
req GET /education/dropouts -b "$tj"
check "and first on the supervision list" body_has "/education/applications/$case2"
post "/education/applications/$case2/act" "$tj" --data action=return --data-urlencode "opinion=补材料"
check "a case is not returned for documents" body_has "只能完成本环节或核实非辍学结案"
post "/education/applications/$case2/act" "$tj" --data action=approve --data wf_confirm=1 --data-urlencode "opinion=已入户"
check "the home visit is done" [ "$(sql "SELECT step_code FROM wf_applications WHERE id=$case2")" = persuade ]
check "its escalated task is closed" [ "$(sql "SELECT status FROM urgent_tasks WHERE id=$task2")" = closed ]
check "the next step has its own task" [ "$(sql "SELECT COUNT(*) FROM urgent_tasks t JOIN edu_dropouts d ON d.task_id=t.id WHERE d.app_id=$case2 AND t.status='open' AND t.id<>$task2")" = 1 ]
post "/education/applications/$case2/act" "$tj" --data action=approve --data wf_confirm=1 --data-urlencode "opinion=已劝返"
post "/education/applications/$case2/act" "$tj" --data action=approve --data wf_confirm=1
check "the outcome is required, in Chinese" body_has "请选择办理结果"
post "/education/applications/$case2/act" "$tj" --data action=approve --data wf_confirm=1 --data outcome=returned
check "the case closes as returned" [ "$(sql "SELECT CONCAT(outcome, '/', closed_on, '/', open_child IS NULL) FROM edu_dropouts WHERE app_id=$case2")" = "returned/2026-10-30/1" ]
check "its task is closed" [ "$(sql "SELECT COUNT(*) FROM edu_dropouts WHERE app_id=$case2 AND task_id IS NULL")" = 1 ]
post "/education/applications/$case2/act" "$jw" --data action=approve --data wf_confirm=1
check "the county cannot act on a township step" [ "$STATUS" != 303 ]
req GET "/education/report?month=2026-10" -b "$jw"
want=$(sql "SELECT CONCAT(SUM(d.detected_on BETWEEN '2026-10-01' AND '2026-10-31'), '/', SUM(d.outcome='returned' AND d.closed_on BETWEEN '2026-10-01' AND '2026-10-31')) FROM edu_dropouts d JOIN children c ON c.id=d.child_id WHERE c.township_code='500242113000'")
got=$(tr -d '\n' <"$OUT/body" | sed -n 's|.*data-town="500242113000"><td[^>]*>[^<]*</td><td[^>]* class="num">\([0-9]*\)</td><td[^>]* class="num">\([0-9]*\)</td>.*|\1/\2|p')
check "the monthly report counts opened and returned per township" [ "$got" = "$want" ]
post "/education/children/$c1/absent" "$sb" --data-urlencode "note=连续缺课 10 天"
check "a school reports an absent pupil: a case" [ "$(sql "SELECT CONCAT(reason, '/', last_org_id) FROM edu_dropouts WHERE child_id=$c1 AND open_child IS NOT NULL")" = "absent/$orgB" ]
check "the township's office is told" [ "$(sql "SELECT COUNT(*) FROM notices WHERE kind='dropout.absent' AND child_id=$c1 AND division_code='500242113000'")" = 1 ]
check "... and the township's urgent task opens at once" [ "$(sql "SELECT CONCAT(t.level, '/', t.status, '/', t.division_code) FROM edu_dropouts d JOIN urgent_tasks t ON t.id=d.task_id WHERE d.child_id=$c1 AND d.open_child IS NOT NULL")" = "township/open/500242113001" ]
req GET /inbox -b "$tj"
check "... in the township's inbox" body_has "控辍保学"

# ---------------------------------------------------------------- batch approval (the host's, issue 20)
case1=$(sql "SELECT app_id FROM edu_dropouts WHERE child_id=$c1 AND open_child IS NOT NULL")
req GET /education/dropouts -b "$tj"
check "控辍保学 offers boxes for batch approval" eval 'status_is 200 && body_has "form=\"batch-form\"" && body_has "value=\"$case1\"" && body_has "action=\"/education/applications/batch\""'
post /education/applications/batch "$tj" --data-urlencode "opinion=已入户核实" --data "app=$case1"
check "a batch without the confirmation box is refused beside it (400)" eval 'status_is 400 && body_has "请勾选“我已核对，确认通过”" && [ "$(sql "SELECT step_code FROM wf_applications WHERE id=$case1")" = visit ]'
post /education/applications/batch "$tj" --data wf_confirm=1 --data-urlencode "opinion=已入户核实" --data "app=$case1" --data "app=$case2"
check "a batch of an open case and one closed at another step: 1 done, 1 refused with why" eval 'status_is 200 && body_has "已通过 1 件，未办理 1 件" && grep -A1 "data-app=\"$case2\"" "$OUT/body" | grep -q "不在同一环节"'
check "... the open case moves on, with its next step's task (as alone)" eval '[ "$(sql "SELECT step_code FROM wf_applications WHERE id=$case1")" = persuade ] && [ "$(sql "SELECT t.status FROM edu_dropouts d JOIN urgent_tasks t ON t.id=d.task_id WHERE d.app_id=$case1")" = open ] && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='"'education.dropout.act'"' AND object_id='"'$case1'"'")" = 1 ]'

# ---------------------------------------------------------------- panel, ledger, migrants
req GET "/children/$c1" -b "$tj"
check "the child's file shows the education panel" body_has "乙校$tag"
check "with the open dropout case" body_has "办理中"
req GET /education/disabled -b "$jw"
check "the disabled ledger lists the disabled child" body_has "残疾童$tag"
check "without a placement" body_has "无安置"
sql "INSERT INTO rehab_certificates (child_id, number_enc, number_hmac, number_last4, category, grade, issued_on, expires_on, created_by, created_at)
     VALUES ($c2, 'x', SHA2('edu$tag', 256), '0031', 'visual', 3, '2025-01-01', '2035-01-01', 1, UTC_TIMESTAMP())"
req GET /education/disabled -b "$jw"
check "a child with a rehab certificate is in the ledger as certified, though the file has no disability" eval 'body_has "失学童$tag" && body_has "id=\"cert-$c2\""'
req GET "/education/disabled.xlsx?purpose=stats" -b "$jw"
check "the ledger exports to Excel" header_has "spreadsheetml"
python3 - "$OUT/body" "失学童$tag" >"$OUT/ledger.txt" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = z.read("xl/worksheets/sheet1.xml").decode()
if "xl/sharedStrings.xml" in z.namelist():
    text += z.read("xl/sharedStrings.xml").decode()
row = next((r for r in re.findall(r"<row .*?</row>", text, re.S) if sys.argv[2] in r), "")
print("header=%d" % ("持残疾人证" in text))
print("label=%d certified=%d" % ("视力残疾" in row, ">是<" in row))
print("codes=%d" % bool(re.search(r">(visual|hearing|speech|physical|intellectual|mental|multiple)<", text)))
PY
check "the Excel ledger names the disability and marks the certified child" eval 'grep -qx "header=1" "$OUT/ledger.txt" && grep -qx "label=1 certified=1" "$OUT/ledger.txt" && grep -qx "codes=0" "$OUT/ledger.txt"'
check "the export is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='education.disabled.export' AND username='jw_$tag'")" = 1 ]
post "/education/children/$c3/support" "$jw" --data kind=home_visit --data day=2026-10-20 --data-urlencode "note=送教上门"
post "/education/children/$c3/enrol" "$jw" --data "school=$orgA" --data semester=2026-2 --data-urlencode "grade=六年级" --data mode=home --data migrant=1 --data-urlencode "hukou_place=贵州省沿河县"
req GET /education/disabled -b "$jw"
check "placed at home teaching with the visit counted" body_has "送教上门"
req GET /education/migrants -b "$jw"
check "the migrant list shows the child" body_has "贵州省沿河县"

# ---------------------------------------------------------------- counselling
post "/education/children/$c1/counselling" "$cs" --data session_date=2026-10-29 --data kind=individual --data concern=high --data referral=none --data-urlencode "notes=情绪低落$tag"
check "a counsellor records a session" status_is 303
check "the notes are encrypted" [ "$(sql "SELECT LOCATE('情绪低落', notes_enc) FROM edu_counselling WHERE child_id=$c1")" = 0 ]
req GET "/education/children/$c1/counselling" -b "$cs"
check "and shown to the counsellor" body_has "情绪低落$tag"
check "with the one-step mandatory report link" body_has "/guardianship/report/new?child=$c1&amp;source=education"
req GET "/education/children/$c1/counselling" -b "$jw"
check "the commission without the permission cannot see it" status_is 403
req GET "/education/children/$c1/counselling" -b "$sb"
check "nor the school's other staff" status_is 403
ngo=$(login ngo 'Ngo#2026portal')
req GET "/education/children/$c1/counselling" -b "$ngo"
check "nor an NGO partner" status_is 403
sql "INSERT INTO child_org_links (child_id, org_id, relation, valid_from, module, created_at, created_by) SELECT $c1, id, 'referred', '2026-01-01', 'test', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='demo_ngo'"
grant ngo education.counsel
ngo=$(login ngo 'Ngo#2026portal')
req GET "/education/children/$c1/counselling" -b "$ngo"
check "not even a partner granted the permission, for a child referred to it" status_is 403
check "the refusal is audited" [ "$(denials_of ngo "$c1")" -ge 1 ]
sql "UPDATE child_org_links SET ended_at=UTC_TIMESTAMP() WHERE child_id=$c1 AND module='test'"
post "/education/children/$c1/counselling" "$cs" --data session_date=2026-10-30 --data kind=crisis --data concern=critical --data referral=guardianship
check "a concern raises the mandatory report in one step" header_has "Location: /guardianship/report/new?child=$c1&source=education"
sql "DELETE p FROM user_perms p JOIN users u ON u.id=p.user_id WHERE u.username='ngo' AND p.module='education'"
set_clock ''
