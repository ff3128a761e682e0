# The new-file form is no oracle across townships (issue 22 item 4).  An ID
# number, or a name and birth date, already on file OUTSIDE the user's
# jurisdiction answers only "可能存在重复档案，已提交县级核查" (not where, not
# how many) and leaves the county a notice; inside the jurisdiction the
# warnings stay as they were (with links).  Every check is audited with what
# was asked (the ID's HMAC, never the number; the name and birth date), and
# a user gets 30 checks that find something an hour, then an audited 429.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
ctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@" >/dev/null 2>&1; }
file() { # file JAR NAME BIRTH(YYYY-MM-DD) VILLAGE [curl args]: post the new-file form
    local jar=$1 name=$2 birth=$3 village=$4; shift 4
    post /children/new "$jar" --data-urlencode "name=$name" --data sex=1 --data "birth_date=$birth" \
        --data-urlencode "ethnicity=土家族" --data "village_code=$village" "$@"
}
checks_of() { sql "SELECT COUNT(*) FROM audit_log WHERE action='child.duplicate.check' AND username='$1'"; }
notices_for() { sql "SELECT COUNT(*) FROM notices WHERE module='registry' AND kind='duplicate_check' AND division_code='500242000000' AND child_id=$1 AND done_at IS NULL"; }

sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
ctl user add "da_$tag" --display-name 龙潭镇建档员 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
ctl user add "db_$tag" --display-name 麻旺镇建档员 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
ctl user add "dc_$tag" --display-name 县民政局核查 --role county_staff --division 500242000000 --org mz --password "$PW"
aj=$(login "da_$tag" "$PW" "$OUT/jar.a")
bj=$(login "db_$tag" "$PW" "$OUT/jar.b")
cj=$(login "dc_$tag" "$PW" "$OUT/jar.c")

# B's child: an ID number, a name, a birth date
bname="重复测试$tag"; bbirth=2014-06-0$((RANDOM % 9 + 1)); bid=$(make_id 500242 "${bbirth//-/}" 1)
file "$bj" "$bname" "$bbirth" 500242102001 --data "id_number=$bid"
check "township B files a child" status_is 303
bcid=$(loc_id /children)

# ---------------------------------------------------------------- the ID number, outside
n0=$(sql "SELECT COUNT(*) FROM children")
c0=$(checks_of "da_$tag")
file "$aj" "另一个名字$tag" "$bbirth" 500242101001 --data "id_number=$bid"
check "A posting B's child's ID number is refused (400)" status_is 400
check "A is told only that a possible duplicate exists and the county will check" body_has "可能存在重复档案，已提交县级核查"
check "not that it is on file in another jurisdiction" body_lacks "其他辖区"
check "no link to B's file" body_lacks "/children/$bcid\""
check "nothing was created" [ "$(sql "SELECT COUNT(*) FROM children")" = "$n0" ]
check "the check is audited, naming the file found" [ "$(checks_of "da_$tag")" = "$((c0 + 1))" ] && \
    [ "$(sql "SELECT object_id FROM audit_log WHERE action='child.duplicate.check' AND username='da_$tag' ORDER BY id DESC LIMIT 1")" = "$bcid" ]
hm=$(sql "SELECT id_hmac FROM children WHERE id=$bcid")
check "with what was asked: the ID's HMAC" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.duplicate.check' AND username='da_$tag' AND detail LIKE '%$hm%outside the scope%'")" = 1 ]
check "never the ID number itself" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%$bid%' OR object_id LIKE '%$bid%'")" = 0 ]
check "the county has a notice to check it" [ "$(notices_for "$bcid")" = 1 ]
check "the refused form's notice is kept and audited as such (notice_send_kept)" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='notice.send.check' AND username='da_$tag' AND detail LIKE '%duplicate_check to division 500242000000, child $bcid%'")" = 1 ]
check "the kept notice, written again after the rollback, tells the outbound hook its own id" \
    [ "$(sql "SELECT COUNT(*) FROM outbound_events o JOIN notices n ON o.kind = 'notice' AND o.ref_id = n.id WHERE n.module = 'registry' AND n.kind = 'duplicate_check' AND n.child_id = $bcid AND o.payload LIKE CONCAT('{\"event\":\"notice\",\"notice_id\":', n.id, ',\"module\":\"registry\"%')")" = 1 ]
file "$aj" "另一个名字$tag" "$bbirth" 500242101001 --data "id_number=$bid"
check "asking again adds no second open notice" [ "$(notices_for "$bcid")" = 1 ]
req GET /children/notices -b "$cj"
check "the county sees the notice" eval 'status_is 200 && body_has "data-kind=\"duplicate_check\"" && body_has "/children/$bcid"'
check "it says who asked" body_has "龙潭镇建档员"
req GET /notices -b "$cj"
check "the county's notices page (the core's) lists it too" \
    eval 'status_is 200 && body_has "疑似重复档案，请县级核查" && body_has "重复建档：龙潭镇"'
req GET /children/notices -b "$aj"
check "A does not see the county's notices" body_lacks "/children/$bcid"

# ---------------------------------------------------------------- name and birth date, outside
c0=$(checks_of "da_$tag")
file "$aj" "$bname" "$bbirth" 500242101001 --data-urlencode "no_id_reason=未落户"
check "A posting B's child's name and birth date is held for confirmation (400)" status_is 400
check "A is told only of a possible duplicate the county will check" body_has "可能存在重复档案，已提交县级核查"
check "not how many are outside the jurisdiction" body_lacks "辖区以外"
check "nor a count of files" body_lacks "份姓名和出生日期都相同的档案"
check "the name check is audited with what was asked" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.duplicate.check' AND username='da_$tag' AND detail LIKE '%name $bname birth $bbirth: 0 in scope, 1 outside%'")" = 1 ]
check "one audit row per check" [ "$(checks_of "da_$tag")" = "$((c0 + 1))" ]
check "the county has a notice for it (one per filer and file)" [ "$(notices_for "$bcid")" = 1 ]
file "$aj" "$bname" "$bbirth" 500242101001 --data-urlencode "no_id_reason=未落户" --data confirm_duplicate=1
check "A can still confirm it is another child (303)" status_is 303

# ---------------------------------------------------------------- inside: as before
iname="辖区内重复$tag"; ibirth=2015-02-0$((RANDOM % 9 + 1)); iid=$(make_id 500242 "${ibirth//-/}" 1)
file "$aj" "$iname" "$ibirth" 500242101001 --data "id_number=$iid"
icid=$(loc_id /children)
file "$aj" "$iname" "$ibirth" 500242101002 --data-urlencode "no_id_reason=未落户"
check "in scope: the name warning counts and links as before" \
    eval 'status_is 400 && body_has "已有 1 份姓名和出生日期都相同的档案" && body_has "/children/$icid"'
check "in scope: no county wording" body_lacks "已提交县级核查"
file "$aj" "别名$tag" "$ibirth" 500242101002 --data "id_number=$iid"
check "in scope: the ID warning links the file as before" \
    eval 'status_is 400 && body_has "该身份证号已有档案" && body_has "id=\"dup-existing\" href=\"/children/$icid\""'
check "in scope: no notice for the county" [ "$(notices_for "$icid")" = 0 ]
check "in-scope checks are audited too" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.duplicate.check' AND username='da_$tag' AND object_id='$icid'")" -ge 2 ]

# ---------------------------------------------------------------- the CSV import (a bulk form)
HEAD='姓名,性别,出生日期,民族,身份证号,无证原因,村（居）代码,户籍地址,现住址,类别,认定依据,开始日期'
{
    printf '%s\n' "$HEAD"
    printf '导入探测%s,男,%s,,%s,,500242101001,,,低保,批复,2025-01-01\n' "$tag" "$bbirth" "$bid"
    printf '导入探测乙%s,男,%s,,%s,,500242101001,,,低保,批复,2025-01-01\n' "$tag" "$ibirth" "$iid"
} >"$OUT/probe.csv"
req GET /children/import -b "$aj"
itok=$(csrf_of_body)
c0=$(checks_of "da_$tag")
STATUS=$(curl -s -b "$aj" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' -H "Origin: $BASE" \
    -F "_csrf=$itok" -F "mode=dry" -F "file=@$OUT/probe.csv;type=text/csv" "$BASE/children/import")
check "import dry run: B's ID number answers only the county wording" body_has "可能存在重复档案，已提交县级核查"
check "import dry run: A's own duplicate is reported as before" body_has "该身份证号已在台账中登记"
check "import dry run: each ID found is an audited check" [ "$(checks_of "da_$tag")" = "$((c0 + 2))" ]
check "import dry run: the summary counts what was found" \
    [ "$(sql "SELECT detail FROM audit_log WHERE action='child.import.check' AND username='da_$tag' ORDER BY id DESC LIMIT 1")" = "rows=2 bad=2 id_checks=2 on_file_in_scope=1 outside=1" ]

# ---------------------------------------------------------------- the hourly limit
ctl user add "dr_$tag" --display-name 酉酬镇建档员 --role township_staff --division 500242103000 --org mz --password "$PW"
rj=$(login "dr_$tag" "$PW" "$OUT/jar.r")
tok=$(csrf "$rj")
codes=""
for i in $(seq 1 30); do
    codes="$codes$(curl -s -o /dev/null -w '%{http_code}' -b "$rj" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
        --data-urlencode "name=探测$i" --data sex=1 --data "birth_date=$bbirth" --data-urlencode "ethnicity=土家族" \
        --data village_code=500242103001 --data "id_number=$bid" "$BASE/children/new") "
done
check "30 checks that find something are answered (400 each)" [ "$(echo $codes | tr ' ' '\n' | sort -u)" = 400 ]
c0=$(checks_of "dr_$tag")
file "$rj" "探测31" "$bbirth" 500242103001 --data "id_number=$bid"
check "the 31st within the hour is refused (429)" status_is 429
check "in Chinese" body_has "一小时内查到的疑似重复档案过多"
check "without an answer about the ID number" body_lacks "可能存在重复档案"
check "the refusal is audited" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND username='dr_$tag' AND detail LIKE '429 duplicate checks over 30 an hour'")" = 1 ]
check "and no check was run" [ "$(checks_of "dr_$tag")" = "$c0" ]
req GET /children/import -b "$rj"
itok=$(csrf_of_body)
STATUS=$(curl -s -b "$rj" -o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' -H "Origin: $BASE" \
    -F "_csrf=$itok" -F "mode=dry" -F "file=@$OUT/probe.csv;type=text/csv" "$BASE/children/import")
check "over the limit the import is refused too (429)" status_is 429
check "and checks nothing" [ "$(checks_of "dr_$tag")" = "$c0" ]
req GET /children/new -b "$aj"
check "another user is not limited" status_is 200
