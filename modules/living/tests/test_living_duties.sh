# Separation of duties and confirmations on the host's workflow (issue 20
# items 2 and 5), through Apache with 基本生活保障's applications: the
# applicant does not pass the next step, nor does whoever passed the step
# before; a reception step (低保 乡镇受理) may be taken by the clerk who typed
# the application; the refusal is on the application's page, nothing
# changed; a township listed in living's setting wf_one_clerk_townships lets
# its one clerk act twice, audited each time; 通过 and 不予批准 need the
# confirmation box (the host checks it), beside which the refusal shows.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
. "$ROOT/modules/living/tests/duties_lib.sh"

sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
add_user "t1_$tag" --display-name 龙潭镇经办甲 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
add_user "t2_$tag" --display-name 龙潭镇经办乙 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
add_user "m1_$tag" --display-name 麻旺镇唯一经办 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
add_user "c1_$tag" --display-name 县民政局审批 --role county_staff --division 500242000000 --org mz --password "$PW"
t1=$(login "t1_$tag" "$PW")
t2=$(login "t2_$tag" "$PW")
m1=$(login "m1_$tag" "$PW")
c1=$(login "c1_$tag" "$PW")
set_clock 2026-03-02

# ---------------------------------------------------------------- the applicant
k1=$(new_child "分离孤儿$tag" 500242101001)
post /living/apply "$t1" --data "child=$k1" --data "benefit=orphan" --data "subtype=scattered"
a1=$(app_from_location)
check "a township clerk submits an orphan application" [ "$(app_state "$a1")" = "check/open" ]
req GET "/living/applications/$a1" -b "$t1"
check "the applicant is not offered 通过, and is told why" eval 'body_lacks "value=\"approve\"" && body_has "职责分离：您是该申请的提交人"'
act "$t1" "$a1" approve --data wf_confirm=1 --data-urlencode "opinion=自己审核"
check "the applicant's own approval is refused (403) on the application's page" eval 'status_is 403 && body_has "职责分离：您是该申请的提交人" && body_has "id=\"history\""'
check "... nothing changed" eval '[ "$(app_state "$a1")" = "check/open" ] && [ "$(n_actions "$a1")" = 1 ]'
check "... the refusal is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='wf.deny' AND object_id='$a1'")" -ge 1 ]

# ---------------------------------------------------------------- the confirmation
req GET "/living/applications/$a1" -b "$t2"
check "another clerk sees the confirmation box" eval 'body_has "name=\"wf_confirm\"" && body_has "我已核对，确认办理"'
act "$t2" "$a1" approve --data-urlencode "opinion=材料齐全"
check "通过 without the box is refused beside it (403), nothing changed" eval 'status_is 403 && body_has "请勾选“我已核对，确认通过”" && grep -q "id=\"confirm-wf_confirm\"" "$OUT/body" && [ "$(app_state "$a1")" = "check/open" ]'
check "... the opinion typed is kept" body_has "材料齐全"
act "$t2" "$a1" approve --data wf_confirm=1 --data-urlencode "opinion=材料齐全"
check "another township clerk passes the check (confirmed)" eval 'status_is 303 && [ "$(app_state "$a1")" = "decide/open" ]'
act "$c1" "$a1" reject --data-urlencode "opinion=不符合条件"
check "不予批准 without the box is refused too" eval 'body_has "请勾选“我已核对，确认不予批准”" && [ "$(app_state "$a1")" = "decide/open" ]'
act "$c1" "$a1" approve --data wf_confirm=1
check "the county decides (a third person)" eval 'status_is 303 && [ "$(app_state "$a1")" = "decide/approved" ]'

# ---------------------------------------------------------------- the previous step's actor
k2=$(new_child "分离低保$tag" 500242101001)
post /living/apply "$t1" --data "child=$k2" --data "benefit=dibao" --data "subtype=rural"
a2=$(app_from_location)
act "$t1" "$a2" approve --data wf_confirm=1 --data-urlencode "opinion=受理"
check "the reception step may be taken by the clerk who typed it (same_actor)" [ "$(app_state "$a2")" = "investigate/open" ]
act "$t1" "$a2" approve --data wf_confirm=1 --data visit_date=2026-03-02 --data-urlencode "visit_findings=入户核实"
check "whoever passed the step before cannot pass the next" eval 'status_is 403 && body_has "职责分离" && [ "$(app_state "$a2")" = "investigate/open" ]'
act "$t2" "$a2" approve --data wf_confirm=1 --data visit_date=2026-03-02 --data-urlencode "visit_findings=入户核实"
check "another clerk investigates" [ "$(app_state "$a2")" = "review/open" ]

# ---------------------------------------------------------------- a township with one clerk
k3=$(new_child "分离麻旺$tag" 500242102001)
post /living/apply "$m1" --data "child=$k3" --data "benefit=orphan" --data "subtype=scattered"
a3=$(app_from_location)
act "$m1" "$a3" approve --data wf_confirm=1
check "without the setting, 麻旺镇's clerk cannot pass their own application" eval 'status_is 403 && [ "$(app_state "$a3")" = "check/open" ]'
sql "INSERT INTO setting_values (module, code, valid_from, value, note, created_by, created_at) VALUES ('living', 'wf_one_clerk_townships', '2026-01-01', '500242102000', '麻旺镇只有一名经办人', 1, UTC_TIMESTAMP())"
act "$m1" "$a3" approve --data wf_confirm=1
check "a township listed as having one clerk: the same person passes the step" eval 'status_is 303 && [ "$(app_state "$a3")" = "decide/open" ]'
check "... audited as a waiver of the separation of duties" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='wf.duties.waived' AND object_id='$a3' AND username='m1_$tag'")" = 1 ]
k4=$(new_child "分离龙潭$tag" 500242101001)
post /living/apply "$t1" --data "child=$k4" --data "benefit=orphan" --data "subtype=scattered"
a4=$(app_from_location)
act "$t1" "$a4" approve --data wf_confirm=1
check "the setting waives nothing for another township" eval 'status_is 403 && [ "$(app_state "$a4")" = "check/open" ]'
act "$c1" "$a3" approve --data wf_confirm=1
check "the county decides 麻旺镇's application" [ "$(app_state "$a3")" = "decide/approved" ]
sql "DELETE FROM setting_values WHERE module='living' AND code='wf_one_clerk_townships'"

# ---------------------------------------------------------------- batch approval from the inbox
b1=$(new_child "批量甲$tag" 500242101001); b2=$(new_child "批量乙$tag" 500242101001); b3=$(new_child "批量丙$tag" 500242101001)
for k in "$b1" "$b2"; do post /living/apply "$t1" --data "child=$k" --data "benefit=orphan" --data "subtype=scattered"; done
x1=$(sql "SELECT id FROM wf_applications WHERE child_id=$b1"); x2=$(sql "SELECT id FROM wf_applications WHERE child_id=$b2")
post /living/apply "$t2" --data "child=$b3" --data "benefit=orphan" --data "subtype=scattered"
x3=$(app_from_location)
req GET /living -b "$t2"
check "the inbox offers boxes for batch approval" eval 'body_has "form=\"batch-form\"" && body_has "value=\"$x1\"" && body_has "批量通过所选申请"'
post /living/applications/batch "$t2" --data "app=$x1" --data "app=$x2"
check "a batch without the confirmation box is refused beside it, nothing changed" eval 'status_is 400 && body_has "请勾选“我已核对，确认通过”" && [ "$(app_state "$x1")" = "check/open" ] && [ "$(app_state "$x2")" = "check/open" ]'
post /living/applications/batch "$t2" --data wf_confirm=1 --data-urlencode "opinion=批量审核通过" \
    --data "app=$x1" --data "app=$x2" --data "app=$x3" --data "app=$a3" --data "app=$a2"
check "the batch answers a summary: 2 done, 3 refused" eval 'status_is 200 && body_has "已通过 2 件，未办理 3 件"'
check "... the two at the step are passed" eval '[ "$(app_state "$x1")" = "decide/open" ] && [ "$(app_state "$x2")" = "decide/open" ]'
check "... with the opinion in their history" [ "$(sql "SELECT COUNT(*) FROM wf_actions WHERE app_id IN ($x1, $x2) AND action='approve' AND opinion='批量审核通过'")" = 2 ]
check "... the clerk's own application is refused (separation of duties)" eval 'grep -A1 "data-app=\"$x3\"" "$OUT/body" | grep -q "职责分离" && [ "$(app_state "$x3")" = "check/open" ]'
check "... another township's is refused as not found" eval 'grep -A1 "data-app=\"$a3\"" "$OUT/body" | grep -q "不在您的辖区" && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='"'deny'"' AND object_id='"'$a3'"' AND username='"'t2_$tag'"'")" -ge 1 ]'
check "... one at another step is refused" eval 'grep -A1 "data-app=\"$a2\"" "$OUT/body" | grep -q "不在同一环节"'
check "the batch is audited" [ "$(sql "SELECT detail FROM audit_log WHERE action='wf.batch.approve' AND username='t2_$tag' ORDER BY id DESC LIMIT 1")" = "module=living step=orphan/check done=2 refused=3" ]
rm -f "$CLOCK_FILE"
