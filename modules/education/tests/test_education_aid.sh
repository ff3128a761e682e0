# 教育保障 aid per semester through Apache: a programme's list generated
# from the registry categories, the enrolment and disability with the amount
# of the dated setting; generated twice it counts each child once; the
# school reviews its pupils (and may take one out), the commission approves
# and the list is posted to the payments ledger once; a fee waiver is paid
# to the school and needs its account; the child's file shows the aid.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
grant() { sql "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, '$2', 'education', id, UTC_TIMESTAMP() FROM users WHERE username='$1'"; }
new_child() { # new_child NAME -> id, in 板溪镇, born 2016
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2016-05-01', '500242114000', '500242114001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
category() { sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($1, '$2', '测试', '2026-01-01', 1)"; }
items() { sql "SELECT COUNT(*) FROM edu_aid_items WHERE list_id=$1 AND excluded=0"; }

set_clock 2026-10-12
add_user "ja_$tag" --display-name 县教委资助中心 --role county_staff --division 500242000000 --org mz --password "$PW"
add_user "bx_$tag" --display-name 板溪镇 --role township_staff --division 500242114000 --org lt_gov --password "$PW"
grant "ja_$tag" education.manage
jw=$(login "ja_$tag" "$PW")
bx=$(login "bx_$tag" "$PW")
code="52${tag: -6}01"
post /education/schools "$jw" --data "code=$code" --data-urlencode "name=板溪小学$tag" --data level=primary --data township=500242114000 --data boarding=1
org=$(loc_id /education/schools)
add_user "ba_$tag" --display-name 板溪小学老师 --role org_staff --division 500242114000 --org "school_$code" --password "$PW"
grant "ba_$tag" education.view; grant "ba_$tag" education.school
sa=$(login "ba_$tag" "$PW")

c1=$(new_child "低保寄宿$tag"); category "$c1" dibao
c2=$(new_child "普通寄宿$tag")
c3=$(new_child "残疾孤儿$tag"); category "$c3" orphan
c4=$(new_child "特困寄宿$tag"); category "$c4" tekun
sql "UPDATE children SET disability_type='physical', disability_grade=1 WHERE id=$c3"
for c in "$c1" "$c2" "$c4"; do
    post "/education/children/$c/enrol" "$jw" --data "school=$org" --data semester=2026-2 --data-urlencode "grade=三年级" --data mode=ordinary --data boarding=1
done
post "/education/children/$c3/enrol" "$jw" --data "school=$org" --data semester=2026-2 --data-urlencode "grade=二年级" --data mode=inclusive
check "four pupils enrolled" [ "$(sql "SELECT COUNT(*) FROM edu_enrolments WHERE org_id=$org AND ended_on IS NULL")" = 4 ]
# the county raised the primary boarding subsidy from this semester
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('education', 'aid_boarding_primary', '2026-09-01', '55000', 1, UTC_TIMESTAMP())"

post /education/aid "$jw" --data programme=nothing --data semester=2026-2
check "an unknown programme is refused in Chinese" body_has "请选择资助项目"
post /education/aid "$jw" --data programme=boarding --data semester=2026-2
check "the boarding subsidy list is generated" status_is 303
list=$(loc_id /education/aid)
check "for the poor boarders only" [ "$(sql "SELECT GROUP_CONCAT(child_id ORDER BY child_id) FROM edu_aid_items WHERE list_id=$list AND org_id=$org")" = "$c1,$c4" ]
check "at the amount in force on the semester's first day" [ "$(sql "SELECT DISTINCT amount_fen FROM edu_aid_items WHERE list_id=$list AND org_id=$org")" = 55000 ]
check "generation is audited" [ "$(audits education.aid.generate "$list")" = 1 ]
n1=$(items "$list")
post /education/aid "$jw" --data programme=boarding --data semester=2026-2
check "generated twice: the same list" [ "$(loc_id /education/aid)" = "$list" ]
check "each child counted once" [ "$(items "$list")" = "$n1" ]

post "/education/aid/$list/approve" "$jw"
check "the commission cannot approve before the school's review" body_has "未经学校审核"
check "nothing is posted" [ "$(sql "SELECT COUNT(*) FROM pay_batches WHERE module='education'")" = 0 ]
req GET "/education/aid/$list" -b "$sa"
check "the school sees its pupils on the list" body_has "低保寄宿$tag"
x4=$(sql "SELECT id FROM edu_aid_items WHERE list_id=$list AND child_id=$c4")
post "/education/aid/$list/review" "$sa" --data "exclude=$x4"
check "the school reviews its pupils" [ "$(sql "SELECT COUNT(*) FROM edu_aid_items WHERE list_id=$list AND org_id=$org AND reviewed_at IS NOT NULL")" = 2 ]
check "taking one out" [ "$(sql "SELECT excluded FROM edu_aid_items WHERE id=$x4")" = 1 ]
post "/education/aid/$list/approve" "$sa"
check "a school cannot approve" status_is 403
sql "UPDATE edu_aid_items SET reviewed_at=UTC_TIMESTAMP() WHERE list_id=$list AND org_id<>$org"   # other schools' pupils of the instance
post "/education/aid/$list/approve" "$jw"
check "the commission approves" status_is 303
batch=$(sql "SELECT batch_id FROM edu_aid_lists WHERE id=$list")
check "into a batch of the payments ledger" [ "$(sql "SELECT CONCAT(module, '/', programme, '/', period, '/', status) FROM pay_batches WHERE id=$batch")" = "education/boarding/2026-09-01/draft" ]
check "one line for the child kept, at the amount" [ "$(sql "SELECT CONCAT(COUNT(*), '/', SUM(amount_fen)) FROM pay_lines WHERE batch_id=$batch AND child_id=$c1")" = "1/55000" ]
check "none for the child the school took out" [ "$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id=$batch AND child_id=$c4")" = 0 ]
post "/education/aid/$list/approve" "$jw"
check "approving twice is refused" status_is 409
post /education/aid "$jw" --data programme=boarding --data semester=2026-2
check "and so is generating an approved list again" status_is 409
check "still one line" [ "$(sql "SELECT COUNT(*) FROM pay_lines WHERE source_module='education' AND child_id=$c1")" = 1 ]

# ---- the fee waiver of 12 years' free schooling is paid to the school
post /education/aid "$jw" --data programme=free12 --data semester=2026-2
free=$(loc_id /education/aid)
check "the poor disabled pupil is on the free-schooling list" [ "$(sql "SELECT CONCAT(child_id, '/', payee) FROM edu_aid_items WHERE list_id=$free AND org_id=$org")" = "$c3/school" ]
post "/education/aid/$free/review" "$sa"
sql "UPDATE edu_aid_items SET reviewed_at=UTC_TIMESTAMP() WHERE list_id=$free AND org_id<>$org"
post "/education/aid/$free/approve" "$jw"
check "without the school's account it is refused in Chinese" body_has "尚未登记收款账户"
check "and nothing is posted" [ "$(sql "SELECT COUNT(*) FROM pay_batches WHERE module='education' AND programme='free12'")" = 0 ]
post "/education/schools/$org/account" "$jw" --data-urlencode "bank=酉阳农商银行" --data account=6228480012345678
check "the school's account is registered" [ "$(sql "SELECT COUNT(*) FROM pay_payees WHERE org_id=$org")" = 1 ]
post "/education/aid/$free/approve" "$jw"
check "then the waiver is posted to the school" [ "$(sql "SELECT COUNT(*) FROM pay_lines l JOIN pay_payees p ON p.id=l.payee_id WHERE l.child_id=$c3 AND p.org_id=$org AND l.amount_fen=80000")" = 1 ]

req GET "/children/$c1" -b "$bx"
check "the child's file shows the aid this year" body_has "550.00"
set_clock ''
