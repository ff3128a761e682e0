# 儿童主任 through Apache: the county assigns directors to villages (and
# sees the villages with none); a director's children with the visit plan
# from the dated settings, changed by a category entered; an overdue visit
# per township and per director; a visit with concerns on the timeline,
# offering the mandatory report and the application in one step; a visit
# sent twice saved once; the survey of a child not on file, duplicates
# warned, filed by the township or dismissed with a reason.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001 V2=500242101002 V3=500242101003
new_child() { # new_child NAME VILLAGE CREATED -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2016-05-01', CONCAT(LEFT('$2', 9), '000'), '$2', '$3 02:00:00', 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
form_token() { sed -n 's/.*name="_idem" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -n1; }
visits_of() { sql "SELECT COUNT(*) FROM village_visits WHERE child_id=$1"; }

add_user "vd_$tag" --display-name "第一村主任$tag" --role village_director --division $V1 --org lt_gov --password "$PW"
add_user "vx_$tag" --display-name 他镇主任 --role village_director --division 500242102001 --org lt_gov --password "$PW"
add_user "vc_$tag" --display-name 县民政局 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "vs_$tag" --display-name 龙潭镇督导员 --role child_supervisor --division 500242101000 --org lt_gov --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
cj=$(login "vc_$tag" "$PW" "$OUT/jar.vc")
dj=$(login "vd_$tag" "$PW" "$OUT/jar.vd")
sj=$(login "vs_$tag" "$PW" "$OUT/jar.vs")
tj=$(login township 'Town#2026portal' "$OUT/jar.vt")
set_clock 2026-06-01
sql "DELETE FROM setting_values WHERE module='village'"

# ------------------------------------------------------------ directors
sql "UPDATE village_directors SET end_date='2026-05-31' WHERE village_code IN ('$V1','$V3') AND end_date IS NULL"
post /village/directors "$cj" --data "username=vd_$tag" --data "village=$V1"
check "the county assigns a director to a village" status_is 303
check "the assignment is stored" [ "$(sql "SELECT COUNT(*) FROM village_directors d JOIN users u ON u.id=d.user_id WHERE u.username='vd_$tag' AND d.village_code='$V1' AND d.end_date IS NULL")" = 1 ]
check "and audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='village.director.assign' AND username='vc_$tag'")" = 1 ]
post /village/directors "$cj" --data "username=vx_$tag" --data "village=$V1"
check "an account whose jurisdiction does not cover the village is refused" status_is 400
check "with a Chinese message" body_has "该账号的辖区不包含这个村"
post /village/directors "$cj" --data "username=vc_$tag" --data "village=$V1"
check "an account that is not a director is refused" body_has "不是“村（居）儿童主任”角色"
req GET /village/directors -b "$cj"
check "the county sees the directors per village" body_has "第一村主任$tag"
check "and the villages with none" [ "$(grep -c "data-code=\"$V3\" class=\"overdue\"" "$OUT/body")" = 1 ]
post /village/directors "$dj" --data "username=vd_$tag" --data "village=$V2"
check "a director cannot assign directors" status_is 403

# ----------------------------------------------------------- visit plan
c1=$(new_child "久未走访$tag" $V1 2026-01-10)
c2=$(new_child "新入孤儿$tag" $V1 2026-04-15)
c3=$(new_child "他村儿童$tag" $V2 2026-01-10)
req GET /village/children -b "$dj"
check "the director's children open" status_is 200
check "with the children of their village" body_has "久未走访$tag"
check "not those of another village" body_lacks "他村儿童$tag"
check "a child never visited is due 90 days after the file (others: quarterly)" \
    grep -q "data-child=\"$c1\"" <(grep -A3 "data-child=\"$c1\"" "$OUT/body")
check "its due day is 2026-04-10" [ "$(grep -A3 "data-child=\"$c1\"" "$OUT/body" | grep -o 'due-date">[0-9-]*' | cut -d'>' -f2)" = 2026-04-10 ]
check "and it is overdue" grep -q 'class="late" data-child="'"$c1"'"' "$OUT/body"
check "the other is due 2026-07-14, not yet" [ "$(grep -A3 "data-child=\"$c2\"" "$OUT/body" | grep -o 'due-date">[0-9-]*' | cut -d'>' -f2)" = 2026-07-14 ]
# a file opened at 01:00 on 11 January in Beijing (17:00 UTC on the 10th) was
# opened on the 11th: due 90 days later, on the list and on the visit form
c5=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('夜间建档$tag', 1, '2016-05-01', '500242101000', '$V1', '2026-01-10 17:00:00', 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
req GET /village/children -b "$dj"
check "a file opened at 01:00 Beijing time counts from that day in China (due 2026-04-11)" \
    [ "$(grep -A3 "data-child=\"$c5\"" "$OUT/body" | grep -o 'due-date">[0-9-]*' | cut -d'>' -f2)" = 2026-04-11 ]
req GET "/village/children/$c5/visit" -b "$dj"
check "... and so does its visit form" body_has 'id="plan-due">2026-04-11<'
sql "UPDATE children SET status = 'exited' WHERE id = $c5"
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($c2, 'orphan', '死亡证明（测试）', '2026-05-20', 1)"
req GET /village/children -b "$dj"
check "after entering the orphan category the plan is monthly: due 2026-05-15" \
    [ "$(grep -A3 "data-child=\"$c2\"" "$OUT/body" | grep -o 'due-date">[0-9-]*' | cut -d'>' -f2)" = 2026-05-15 ]
check "and the child is overdue now" grep -q 'class="late" data-child="'"$c2"'"' "$OUT/body"
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('village', 'visit_days_orphan', '2026-06-01', '60', 1, UTC_TIMESTAMP())"
req GET /village/children -b "$dj"
check "a dated setting from today (60 days for orphans) moves it to 2026-06-14" \
    [ "$(grep -A3 "data-child=\"$c2\"" "$OUT/body" | grep -o 'due-date">[0-9-]*' | cut -d'>' -f2)" = 2026-06-14 ]
req GET /village/children?due=1 -b "$dj"
check "the due list holds the overdue child" body_has "久未走访$tag"
check "not the one due later" body_lacks "新入孤儿$tag"

req GET /village/overdue -b "$sj"
check "the township supervisor sees overdue visits" status_is 200
check "per township" grep -q 'data-code="500242101000"' "$OUT/body"
check "per director, with the director's late count" \
    [ "$(grep "data-user=\"vd_$tag\"" "$OUT/body" | grep -o 'num late">[0-9]*' | cut -d'>' -f2)" -ge 1 ]
check "and the overdue child" body_has "久未走访$tag"
req GET /village/overdue -b "$dj"
check "a director does not see the supervision page" status_is 403

# ----------------------------------------------------------------- visits
req GET "/village/children/$c3/visit" -b "$dj"
check "another village's child is 404 to the director" status_is 404
req GET "/village/children/$c1/visit" -b "$dj"
check "the visit form opens" status_is 200
check "with the checklist of concerns" body_has "身上有伤、疑似遭受暴力或虐待"
check "and the draft script" body_has 'src="/village/draft.js"'
post "/village/children/$c1/visit" "$dj" --data "visit_date=2026-06-02" --data "kind=visit" \
    --data-urlencode "seen=祖母" --data-urlencode "told=孤儿基本生活保障政策"
check "a visit dated tomorrow is refused" status_is 400
check "with a Chinese message at its field" body_has "走访日期不能晚于今天"
check "nothing was saved" [ "$(visits_of "$c1")" = 0 ]
req GET "/village/children/$c1/visit" -b "$dj"
idem=$(form_token)
send_visit() {
    post "/village/children/$c1/visit" "$dj" --data "_idem=$idem" --data "visit_date=2026-06-01" \
        --data "kind=home_check" --data-urlencode "seen=儿童本人、祖母" \
        --data-urlencode "living=住房破旧" --data "concern=injury" --data "concern=no_living" \
        --data-urlencode "concern_note=手臂有淤青$tag" --data-urlencode "told=孤儿基本生活保障政策" \
        --data "help=living"
}
send_visit
check "a visit with concerns is saved" status_is 303
vid=$(loc_id /village/visits)
send_visit
check "the same form sent again answers with the first visit" [ "$(loc_id /village/visits)" = "$vid" ]
check "and saves nothing twice" [ "$(visits_of "$c1")" = 1 ]
check "the concern's details are encrypted" [ "$(sql "SELECT concern_enc LIKE '%淤青%' FROM village_visits WHERE id=$vid")" = 0 ]
check "the visit is on the child's timeline" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND module='village' AND kind='visit.recorded' AND summary LIKE '入户核查（2026-06-01）%身上有伤%'")" = 1 ]
check "and audited" [ "$(audits village.visit.create "$vid")" = 1 ]
req GET "/village/visits/$vid" -b "$dj"
check "the visit's page offers the mandatory report in one step" body_has "/guardianship/report/new?child=$c1&amp;source=village"
check "and the living application for the child" body_has "/living/apply?child=$c1"
check "it shows the decrypted details" body_has "手臂有淤青$tag"
check "the read is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='village.visit.read' AND object_id='$c1'")" -ge 1 ]
req GET /village/children -b "$dj"
check "after the visit the next one is due in 90 days" \
    [ "$(grep -A3 "data-child=\"$c1\"" "$OUT/body" | grep -o 'due-date">[0-9-]*' | cut -d'>' -f2)" = 2026-08-30 ]
req GET "/children/$c1" -b "$tj"
check "the child's file shows the visits section" body_has "儿童主任走访"
check "with the next visit due" body_has "下次应走访：2026-08-30"
post "/village/children/$c1/visit" "$dj" --data "visit_date=2026-05-20" --data "kind=phone" \
    --data-urlencode "seen=祖母" --data-urlencode "told=电话回访"
check "an earlier visit recorded later is saved" eval 'status_is 303 && [ "$(visits_of "$c1")" = 2 ]'
req GET "/children/$c1" -b "$tj"
check "the file's next visit still counts from the latest one" body_has "走访周期 90 天；下次应走访：2026-08-30"
# one rule for both views (plan.c): a child whose categories give a shorter
# interval than the others' - guardianship 45 days from today, orphan 60, a
# category not listed (dibao) the others' 90 - is due after the shortest,
# and its file's panel and the plan list say the same day
c4=$(new_child "两类儿童$tag" $V1 2026-03-01)
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('village', 'visit_days_guardianship', '2026-06-01', '45', 1, UTC_TIMESTAMP())"
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($c4, 'orphan', '测试', '2026-03-01', 1), ($c4, 'dibao', '测试', '2026-03-01', 1), ($c4, 'guardianship', '测试', '2026-03-01', 1)"
list_due() { req GET /village/children -b "$dj"; grep -A3 "data-child=\"$c4\"" "$OUT/body" | grep -o 'due-date">[0-9-]*' | cut -d'>' -f2; }
file_due() { req GET "/children/$c4" -b "$tj"; grep -o '走访周期 [0-9]* 天；下次应走访：[0-9-]*' "$OUT/body" | sed 's/.*：//'; }
ld=$(list_due) fd=$(file_due)
check "never visited, the shortest interval counts from the file: due 2026-04-15 on the list" same "$ld" 2026-04-15
check "...and the file's panel says the same day ($fd)" same "$fd" "$ld"
check "...with the interval of 45 days" body_has "走访周期 45 天"
post "/village/children/$c4/visit" "$dj" --data "visit_date=2026-05-25" --data "kind=phone" \
    --data-urlencode "seen=祖母" --data-urlencode "told=电话回访"
check "a visit of that child is recorded" status_is 303
ld=$(list_due) fd=$(file_due)
check "visited 2026-05-25: due 2026-07-09 on the list" same "$ld" 2026-07-09
check "...and on the file's panel ($fd)" same "$fd" "$ld"
sql "UPDATE child_categories SET end_date='2026-05-31' WHERE child_id=$c4 AND category='guardianship'"
ld=$(list_due) fd=$(file_due)
check "the guardianship category exited: the orphans' 60 days, due 2026-07-24 on the list" same "$ld" 2026-07-24
check "...and on the file's panel ($fd)" same "$fd" "$ld"
sql "UPDATE child_categories SET end_date='2026-05-31' WHERE child_id=$c4 AND category='orphan'"
ld=$(list_due) fd=$(file_due)
check "only a category not listed: the others' 90 days, due 2026-08-23 on the list" same "$ld" 2026-08-23
check "...and on the file's panel ($fd)" same "$fd" "$ld"
sql "DELETE FROM setting_values WHERE module='village' AND code='visit_days_guardianship'"
python3 -c 'import struct,zlib,sys
def ch(t,d): return struct.pack(">I",len(d))+t+d+struct.pack(">I",zlib.crc32(t+d))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n"+ch(b"IHDR",struct.pack(">IIBBBBB",2,2,8,2,0,0,0))+ch(b"IDAT",zlib.compress(b"\x00"+b"\xff\x00\x00"*2+b"\x00"+b"\x00\xff\x00"*2))+ch(b"IEND",b""))' >"$OUT/visit.png"
req POST "/village/children/$c2/visit" -b "$dj" -H "Origin: $BASE" -F "_csrf=$(csrf "$dj")" \
    -F visit_date=2026-06-01 -F kind=phone -F "seen=祖父" -F "told=电话告知政策" -F "photo=@$OUT/visit.png;type=image/png"
check "a visit with a photo is saved" status_is 303
pv=$(loc_id /village/visits)
req GET "/village/visits/$pv/photo" -b "$dj"
check "its photo is served to the director" eval 'status_is 200 && header_has "image/png"'
check "the photo's read is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='village.photo.read' AND object_id='$c2'")" = 1 ]
add_user "vo_$tag" --display-name 他镇 --role township_staff --division 500242102000 --org lt_gov --password "$PW"
oj=$(login "vo_$tag" "$PW" "$OUT/jar.vo")
req GET "/village/visits/$vid" -b "$oj"
check "another township's user gets 404 for the visit" status_is 404
req GET "/village/visits/$pv/photo" -b "$oj"
check "and for its photo" status_is 404
check "and the denial is audited" [ "$(denials_of "vo_$tag" "$vid")" -ge 1 ]

# ------------------------------------------------------------------ survey
survey() { post /village/survey/new "$dj" --data "village=$V1" --data-urlencode "name=小花$tag" \
    --data "sex=2" --data "birth_date=2019-03-04" --data-urlencode "situation=跟随外婆生活，未上户口" "$@"; }
survey --data "id_number=500242201903041234"
check "a wrong ID number is refused" body_has "身份证号不正确"
survey
check "a child not on file is recorded without an ID number" status_is 303
s1=$(loc_id /village/surveys)
check "pending the township's review" [ "$(sql "SELECT status FROM village_surveys WHERE id=$s1")" = pending ]
survey
check "the same name and birth date again is warned" status_is 409
check "in Chinese" body_has "已有姓名和出生日期相同的摸底记录"
check "and not saved" [ "$(sql "SELECT COUNT(*) FROM village_surveys WHERE name='小花$tag'")" = 1 ]
survey --data "confirm=1"
check "confirmed, it is saved" status_is 303
s2=$(loc_id /village/surveys)
post "/village/surveys/$s1/file" "$dj"
check "a director cannot file it" status_is 403
req GET "/village/surveys/$s1" -b "$sj"
check "the supervisor sees the duplicate warning on review" body_has "已有姓名和出生日期相同的其他摸底记录"
post "/village/surveys/$s1/file" "$sj"
check "the supervisor files it" status_is 303
nc=$(loc_id /children)
check "a file exists for the child, without an ID number" [ "$(sql "SELECT CONCAT(name, '/', village_code, '/', no_id_reason) FROM children WHERE id='$nc'")" = "小花$tag/$V1/摸底发现，暂无身份证号" ]
check "the survey points at it" [ "$(sql "SELECT CONCAT(status, '/', child_id) FROM village_surveys WHERE id=$s1")" = "filed/$nc" ]
check "the creation is on the timeline" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id='$nc' AND kind='created' AND module='village'")" = 1 ]
post "/village/surveys/$s1/file" "$sj"
check "filing twice is refused" status_is 409
post "/village/surveys/$s2/dismiss" "$sj"
check "a dismissal needs a reason" status_is 400
post "/village/surveys/$s2/dismiss" "$sj" --data-urlencode "reason=与摸底记录 $s1 为同一儿童"
check "dismissed with a reason" [ "$(sql "SELECT CONCAT(status, '/', reason) FROM village_surveys WHERE id=$s2")" = "dismissed/与摸底记录 $s1 为同一儿童" ]
survey
check "after filing, the same child again is warned as on file" body_has "档案中已有姓名和出生日期相同的儿童"
xj=$(login "vx_$tag" "$PW" "$OUT/jar.vx")
post /village/survey/new "$xj" --data "village=500242102001" --data-urlencode "name=小花$tag" \
    --data "sex=2" --data "birth_date=2019-03-04" --data-urlencode "situation=另一乡镇的同名儿童"
check "the same name and birth date in another township is no duplicate warning (saved at once)" eval 'status_is 303 && body_lacks "相同的儿童"'

# an ID number filed once is warned the next time (by its HMAC)
idn=$(python3 -c "
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; b='50024220180607'+'$tag'[-3:]
print(b+'10X98765432'[sum(int(c)*k for c,k in zip(b,w))%11])")
post /village/survey/new "$dj" --data "village=$V1" --data-urlencode "name=有证童$tag" --data sex=1 \
    --data "id_number=$idn" --data-urlencode "situation=户籍在外地，随亲戚生活"
s3=$(loc_id /village/surveys)
check "a survey with an ID number is saved, the number encrypted" \
    [ "$(sql "SELECT CONCAT(id_last4, '/', id_enc LIKE '%$idn%', '/', LENGTH(id_hmac)) FROM village_surveys WHERE id='$s3'")" = "${idn:14}/0/64" ]
post "/village/surveys/$s3/file" "$sj"
c4=$(loc_id /children)
check "filed, the file keeps the ID number masked and its HMAC" \
    [ "$(sql "SELECT CONCAT(id_masked, '/', id_hmac = (SELECT id_hmac FROM village_surveys WHERE id='$s3')) FROM children WHERE id='$c4'")" = "${idn:0:6}********${idn:14}/1" ]
post /village/survey/new "$dj" --data "village=$V1" --data-urlencode "name=别名$tag" --data sex=1 \
    --data "id_number=$idn" --data-urlencode "situation=再次发现"
check "the same ID number under another name is warned as on file" eval 'status_is 409 && body_has "档案中已有身份证号相同的儿童"'

# a director of two villages: an account of the township, assigned V2 and V3
add_user "vm_$tag" --display-name 两村主任 --role village_director --division 500242101000 --org lt_gov --password "$PW"
post /village/directors "$cj" --data "username=vm_$tag" --data "village=$V2"
post /village/directors "$cj" --data "username=vm_$tag" --data "village=$V3"
check "a director may cover several villages" [ "$(sql "SELECT COUNT(*) FROM village_directors d JOIN users u ON u.id=d.user_id WHERE u.username='vm_$tag' AND d.end_date IS NULL")" = 2 ]
mj=$(login "vm_$tag" "$PW" "$OUT/jar.vm")
req GET /village/children -b "$mj"
check "they see the children of their villages" body_has "他村儿童$tag"
check "not those of the township's other villages" body_lacks "久未走访$tag"
req GET "/village/children/$c1/visit" -b "$mj"
check "a child of a village they do not cover is 404" status_is 404
check "the denial is audited" [ "$(denials_of "vm_$tag" "$c1")" -ge 1 ]
req GET "/village/visits/$vid" -b "$mj"
check "so is a visit there" status_is 404
aid=$(sql "SELECT d.id FROM village_directors d JOIN users u ON u.id=d.user_id WHERE u.username='vm_$tag' AND d.village_code='$V2'")
post "/village/directors/$aid/end" "$cj"
check "the county ends one assignment (the row stays)" [ "$(sql "SELECT end_date FROM village_directors WHERE id=$aid")" = 2026-06-01 ]
req GET /village/children -b "$mj"
check "and its children leave the director's list" body_lacks "他村儿童$tag"
rm -f "$CLOCK_FILE"
