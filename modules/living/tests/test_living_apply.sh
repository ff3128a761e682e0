# 基本生活保障 applications on the host's workflow, through HTTP: the whole
# 低保 path (return for documents and resubmit, home visit, community review,
# a 7-day publicity that cannot be approved early and completes by itself, an
# objection and a 3-day publicity, the county decision creating the grant and
# the category), the orphan path with working-day limits and the calendar,
# overdue marking, rejection, and jurisdiction / level denials.  The clock is
# moved by writing a date into $CLOCK_FILE.

tag=$(date +%s%N | tail -c 7)
act() { # act JAR APP ACTION [curl args]
    local jar=$1 app=$2 action=$3; shift 3
    post "/living/applications/$app/act" "$jar" --data "action=$action" --data wf_confirm=1 "$@"
}
app_state() { sql "SELECT CONCAT(step_code, '/', status) FROM wf_applications WHERE id=$1"; }
new_child() { # new_child NAME VILLAGE -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2016-05-01', CONCAT(LEFT('$2', 9), '000'), '$2', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
app_from_location() { sed -n 's|^Location: /living/applications/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r' | head -n1; }

add_user "vd_$tag" --display-name 村儿童主任 --role village_director --division 500242101001 --org lt_gov --password 'Xyz#2026portal'
# a second township clerk: whoever applied or passed the step before does not pass the next
add_user "t2_$tag" --display-name 龙潭镇审核 --role township_staff --division 500242101000 --org lt_gov --password 'Xyz#2026portal'
add_user "cs_$tag" --display-name 县民政局 --role county_staff --division 500242000000 --org mz --password 'Xyz#2026portal'
add_user "ot_$tag" --display-name 他镇 --role township_staff --division 500242102000 --org lt_gov --password 'Xyz#2026portal'
tj=$(login township 'Town#2026portal')
t2=$(login "t2_$tag" 'Xyz#2026portal')
vj=$(login "vd_$tag" 'Xyz#2026portal')
cj=$(login "cs_$tag" 'Xyz#2026portal')
oj=$(login "ot_$tag" 'Xyz#2026portal')
aj=$(login admin 'Admin#2026portal')

c1=$(new_child "低保童$tag" 500242101001)
c2=$(new_child "特困童$tag" 500242101001)
c3=$(new_child "孤儿童$tag" 500242101001)
c4=$(new_child "临救童$tag" 500242101001)
set_clock 2026-03-02   # a Monday

# ---------------------------------------------------------------- 低保
req GET "/living/apply?child=$c1" -b "$tj"
check "the application form opens with the child picked" status_is 200
check "the form shows the child's name" body_has "低保童$tag"
req GET "/living/apply?q=%E4%BD%8E%E4%BF%9D%E7%AB%A5$tag" -b "$tj"
check "the child can be found by name in the form" body_has "/living/apply?child=$c1"
req GET "/living/apply?child=$c1" -b "$oj"
check "a township user of another township cannot pick the child (404)" status_is 404

post /living/apply "$tj" --data "child=$c1" --data "benefit=dibao" --data "subtype=rural" \
    --data-urlencode "household_note=父母务农，祖母患病"
check "a 低保 application is submitted (303)" status_is 303
a1=$(app_from_location)
check "it opens at the township's acceptance" [ "$(app_state "$a1")" = "accept/open" ]
check "the application's details are stored" [ "$(sql "SELECT CONCAT(benefit,'/',subtype) FROM living_applications WHERE app_id=$a1")" = "dibao/rural" ]
check "the start is on the child's timeline" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND module='living' AND kind='wf.start'")" = 1 ]
check "the start is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='wf.start' AND object_id='$a1'")" = 1 ]
post /living/apply "$tj" --data "child=$c1" --data "benefit=dibao" --data "subtype=rural"
check "a second open 低保 application for the same child is refused" body_has "不能重复申请"

req GET /living -b "$tj"
check "the module home lists it in the township's inbox" body_has "/living/applications/$a1"
req GET /inbox -b "$tj"
check "the core inbox lists it too" body_has "/living/applications/$a1"
check "the menu offers 待办事项" body_has 'href="/inbox"'

act "$cj" "$a1" approve
check "a county user cannot act on a township step (403)" status_is 403
check "... and nothing changed" [ "$(app_state "$a1")" = "accept/open" ]
check "the refusal is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='living.act.refused' AND object_id='$a1'")" -ge 1 ]
act "$oj" "$a1" approve
check "a township user of another township gets 404" status_is 404
req GET "/living/applications/$a1" -b "$oj"
check "... and cannot read it either" status_is 404
check "... the denial is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='wf_application' AND object_id='$a1'")" -ge 1 ]
check "... and nothing changed" [ "$(app_state "$a1")" = "accept/open" ]

act "$tj" "$a1" approve --data-urlencode "opinion=材料齐全，予以受理"
check "the township accepts (303)" status_is 303
check "it moves to the investigation" [ "$(app_state "$a1")" = "investigate/open" ]
act "$t2" "$a1" return
check "a return without the list of missing documents is refused (400)" status_is 400
# the applicant accepted it (reception): another clerk returns it (separation of duties)
act "$t2" "$a1" return --data-urlencode "opinion=请补充：户口簿复印件、家庭收入证明"
check "the township returns it for documents" [ "$(app_state "$a1")" = "investigate/returned" ]
req GET "/living/applications/$a1" -b "$tj"
check "the page shows the notice listing what is missing" body_has "户口簿复印件、家庭收入证明"
check "it offers the resubmission" body_has 'value="resubmit"'
act "$tj" "$a1" resubmit
check "the resubmission reopens the same step" [ "$(app_state "$a1")" = "investigate/open" ]
act "$t2" "$a1" return --data-urlencode "opinion=再补一份"
check "only one notice: a second return of the step is refused" status_is 403
check "... the notice explains it" body_has "一次性告知"
act "$tj" "$a1" approve
check "the investigation cannot pass without the home-visit record (400)" status_is 400
set_clock 2026-03-04
act "$t2" "$a1" approve --data "visit_date=2026-03-03" --data-urlencode "visit_findings=入户核实，住房简陋，无稳定收入"
check "with the home visit it passes to the community review" [ "$(app_state "$a1")" = "review/open" ]
check "the home visit is stored" [ "$(sql "SELECT visit_date FROM living_applications WHERE app_id=$a1")" = 2026-03-03 ]
act "$tj" "$a1" approve
check "the township cannot act on the village's review" status_is 403
act "$vj" "$a1" approve --data-urlencode "opinion=评议通过"
check "the village director's review opens the publicity" [ "$(app_state "$a1")" = "publicity/open" ]
check "the publicity lasts 7 days" [ "$(sql "SELECT publicity_until FROM wf_applications WHERE id=$a1")" = 2026-03-11 ]
act "$vj" "$a1" approve
check "the publicity cannot be approved early (403)" status_is 403
check "... the page says why" body_has "不能提前通过"
set_clock 2026-03-10
req GET "/living/applications/$a1" -b "$vj"
check "one day before its end the publicity still runs" [ "$(app_state "$a1")" = "publicity/open" ]
# every worker shows the township its home page the day before: none due
# then, and the workers remember that for the day (workflow.c settle_due)
check "the day before, the township's home page answers on every worker" par_all "$tj" / 200
set_clock 2026-03-11
req GET / -b "$tj"
check "after 7 days with no objection it completes by itself (the township's home page the next day)" \
    [ "$(app_state "$a1")" = "decide/open" ]
check "the completion is in the history" [ "$(sql "SELECT COUNT(*) FROM wf_actions WHERE app_id=$a1 AND action='publicity_done' AND user_id IS NULL")" = 1 ]
req GET "/living/applications/$a1" -b "$cj"
check "the county sees the decision step" body_has 'value="approve"'
check "the total limit counts only the counting steps, not the return, review or publicity (2 of 30 days)" body_has "已用 2 天"
act "$tj" "$a1" approve
check "the township cannot decide for the county" status_is 403
act "$cj" "$a1" approve --data-urlencode "opinion=同意"
check "the county approves" [ "$(app_state "$a1")" = "decide/approved" ]
check "a living_grants row starts in the month of approval" \
    [ "$(sql "SELECT CONCAT(benefit,'/',subtype,'/',start_month,'/',COALESCE(end_month,'-'),'/',recheck_every_months,'/',next_recheck) FROM living_grants WHERE application_id=$a1")" = "dibao/rural/2026-03-01/-/12/2027-03-01" ]
check "the child enters the dibao category" \
    [ "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$c1 AND category='dibao' AND end_date IS NULL AND basis='基本生活保障审批 #$a1'")" = 1 ]
check "the category entry is on the timeline" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND kind='category.enter' AND module='living'")" = 1 ]
check "every act left a history row" [ "$(sql "SELECT COUNT(*) FROM wf_actions WHERE app_id=$a1")" = 8 ]
req GET "/children/$c1" -b "$tj"
check "the child's file shows the 办理记录 section" body_has "办理记录"
check "... with the application and its status" body_has "/living/applications/$a1"
check "... approved" body_has "已批准"
act "$cj" "$a1" reject --data-urlencode "opinion=x"
check "a decided application cannot be acted on" status_is 403

# ---------------------------------------------------------------- an objection (特困: same path)
post /living/apply "$tj" --data "child=$c2" --data "benefit=tekun" --data "subtype=basic" --data "care_level=partial_care"
a2=$(app_from_location)
check "a 特困 application is submitted with its care level" [ "$(sql "SELECT care_level FROM living_applications WHERE app_id=$a2")" = partial_care ]
act "$tj" "$a2" approve
act "$t2" "$a2" approve --data "visit_date=2026-03-09" --data-urlencode "visit_findings=核实无劳动能力"
act "$vj" "$a2" approve
check "the 特困 application reaches its publicity" [ "$(app_state "$a2")" = "publicity/open" ]
set_clock 2026-03-11
act "$vj" "$a2" object
check "an objection needs its content (400)" status_is 400
act "$vj" "$a2" object --data-urlencode "opinion=村民反映其家庭另有收入"
check "an objection sends it back to the investigation" [ "$(app_state "$a2")" = "investigate/open" ]
act "$t2" "$a2" approve
check "the re-investigation keeps the earlier home-visit record" [ "$(app_state "$a2")" = "review/open" ]
act "$vj" "$a2" approve
check "after the objection the publicity lasts 3 days" [ "$(sql "SELECT publicity_until FROM wf_applications WHERE id=$a2")" = 2026-03-14 ]
set_clock 2026-03-14
req GET /living -b "$cj"
check "the county's inbox completes the due publicity and lists the decision" body_has "/living/applications/$a2"
check "it is now at the county's decision" [ "$(app_state "$a2")" = "decide/open" ]

# ---------------------------------------------------------------- the calendar and the orphan path
cal0=$(sql "SELECT COUNT(*) FROM audit_log WHERE action='admin.calendar.set' AND object_id='2026-03-18'")
post /admin/calendar "$aj" --data "day=2026-03-18" --data "is_workday=0" --data-urlencode "note=测试假日$tag"
check "the administrator registers a holiday (303)" status_is 303
post /admin/calendar "$aj" --data "day=2026-03-21" --data "is_workday=0"
check "a Saturday cannot be a holiday" body_has "本来就不上班"
post /admin/calendar "$tj" --data "day=2026-03-19" --data "is_workday=0"
check "a township user cannot edit the calendar" status_is 403
check "the calendar change is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='admin.calendar.set' AND object_id='2026-03-18'")" = "$((cal0 + 1))" ]
set_clock 2026-03-13   # a Friday
post /living/apply "$tj" --data "child=$c3" --data "benefit=orphan" --data "subtype=scattered"
a3=$(app_from_location)
check "an orphan application opens at the township check" [ "$(app_state "$a3")" = "check/open" ]
check "10 working days from Friday 03-13, skipping weekends and the holiday: 03-30" \
    [ "$(sql "SELECT step_due FROM wf_applications WHERE id=$a3")" = 2026-03-30 ]
req GET "/living/applications/$a3" -b "$tj"
check "the orphan path has no publicity (privacy)" body_lacks "公示"
set_clock 2026-03-31
req GET /living -b "$tj"
check "past its due date the application is overdue in the inbox" body_has "已逾期 1 天"
req GET "/living/applications/$a3" -b "$tj"
check "the application page marks it overdue" body_has 'id="overdue"'
req GET /living/overdue -b "$cj"
check "the county's overdue list shows it" body_has "/living/applications/$a3"
req GET /living/overdue -b "$oj"
check "another township's overdue list does not" body_lacks "/living/applications/$a3"
act "$t2" "$a3" approve --data-urlencode "opinion=核实属实"
check "the township passes the check to the county" [ "$(app_state "$a3")" = "decide/open" ]
check "the county has 10 working days" [ "$(sql "SELECT step_due FROM wf_applications WHERE id=$a3")" = 2026-04-14 ]
act "$cj" "$a3" approve
check "the county approves the orphan allowance" [ "$(app_state "$a3")" = "decide/approved" ]
check "the orphan allowance starts the next month" [ "$(sql "SELECT start_month FROM living_grants WHERE application_id=$a3")" = 2026-04-01 ]
check "the child enters the orphan category" [ "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$c3 AND category='orphan' AND end_date IS NULL")" = 1 ]

# ---------------------------------------------------------------- rejection (temporary relief)
post /living/apply "$tj" --data "child=$c4" --data "benefit=temporary" --data "subtype=one_off"
check "temporary relief needs an amount" body_has "须填写救助金额"
post /living/apply "$tj" --data "child=$c4" --data "benefit=temporary" --data "subtype=one_off" --data "amount=500.5"
a4=$(app_from_location)
check "the amount is stored in fen" [ "$(sql "SELECT amount_fen FROM living_applications WHERE app_id=$a4")" = 50050 ]
check "temporary relief: 5 days for the township" [ "$(sql "SELECT step_due FROM wf_applications WHERE id=$a4")" = 2026-04-05 ]
act "$t2" "$a4" reject
check "a rejection needs a reason (400)" status_is 400
# another clerk than the applicant decides (separation of duties)
act "$t2" "$a4" reject --data-urlencode "opinion=经核实家庭已获保险赔付，不符合条件"
check "the township rejects it" [ "$(app_state "$a4")" = "check/rejected" ]
check "a rejection creates no grant" [ "$(sql "SELECT COUNT(*) FROM living_grants WHERE application_id=$a4")" = 0 ]
req GET "/living/applications/$a4" -b "$tj"
check "the reason is in the history" body_has "不符合条件"
check "the rejection is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='wf.reject' AND object_id='$a4'")" = 1 ]

# ---------------------------------------------------------------- 低保's 30-day total on the overdue list
c5=$(new_child "总时限童$tag" 500242101001)
set_clock 2026-04-01
post /living/apply "$tj" --data "child=$c5" --data "benefit=dibao" --data "subtype=rural"
a5=$(app_from_location)
check "a 低保 application's total falls due 30 days after it starts" [ "$(sql "SELECT total_due FROM wf_applications WHERE id=$a5")" = 2026-05-01 ]
set_clock 2026-04-03
act "$tj" "$a5" approve
check "the days used by the acceptance leave the same total due date" [ "$(sql "SELECT CONCAT(step_code, '/', total_due) FROM wf_applications WHERE id=$a5")" = "investigate/2026-05-01" ]
set_clock 2026-04-05
act "$t2" "$a5" return --data-urlencode "opinion=请补充收入证明"
check "returned for documents, the total waits (no due date)" [ "$(sql "SELECT CONCAT(status, '/', COALESCE(total_due, '-')) FROM wf_applications WHERE id=$a5")" = "returned/-" ]
set_clock 2026-04-20
act "$tj" "$a5" resubmit
check "resubmitted, the days left (26 of 30) run from today" [ "$(sql "SELECT total_due FROM wf_applications WHERE id=$a5")" = 2026-05-16 ]
set_clock 2026-05-17
req GET /living/overdue -b "$cj"
check "past its total the 低保 application is on the overdue list, marked over the total" \
    eval 'body_has "/living/applications/$a5" && grep -A3 "/living/applications/$a5\"" "$OUT/body" | grep -q "2026-05-16（已超）"'
req GET /living/overdue -b "$oj"
check "not on another township's" body_lacks "/living/applications/$a5"

# clean up: the set_clock and the calendar row of this test
rm -f "$CLOCK_FILE"
sql "DELETE FROM work_calendar WHERE day='2026-03-18'"
for j in "$tj" "$vj" "$cj" "$oj" "$aj"; do post /logout "$j"; done
