# The separation of duties holds for every decisive act of the host's
# workflow (issue 20 item 2): 不予批准 and 退回补正, like 通过, are refused to
# the applicant and to whoever passed the step before (403 on the
# application's page, nothing changed, audited); another clerk may take them;
# a township listed in wf_one_clerk_townships lets its one clerk reject,
# audited wf.duties.waived with the act.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
. "$ROOT/modules/living/tests/duties_lib.sh"
denials() { sql "SELECT COUNT(*) FROM audit_log WHERE action='wf.deny' AND object_id='$1' AND detail LIKE '$2 %职责分离%'"; }

sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
for u in 1 2 3; do
    add_user "d${u}_$tag" --display-name "龙潭镇经办$u" --role township_staff --division 500242101000 --org lt_gov --password "$PW"
done
add_user "dm_$tag" --display-name 麻旺镇唯一经办 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
d1=$(login "d1_$tag" "$PW"); d2=$(login "d2_$tag" "$PW"); d3=$(login "d3_$tag" "$PW")
dm=$(login "dm_$tag" "$PW")
set_clock 2026-03-02

# ---------------------------------------------------------------- the applicant
k1=$(new_child "驳回孤儿$tag" 500242101001)
post /living/apply "$d1" --data "child=$k1" --data "benefit=orphan" --data "subtype=scattered"
a1=$(app_from_location)
req GET "/living/applications/$a1" -b "$d1"
check "the applicant is offered neither 不予批准 nor 退回补正" eval 'status_is 200 && body_lacks "value=\"reject\"" && body_lacks "value=\"return\"" && body_has "职责分离：您是该申请的提交人"'
act "$d1" "$a1" reject --data wf_confirm=1 --data-urlencode "opinion=自己驳回"
check "the applicant's own 不予批准 is refused (403) on the application's page" eval 'status_is 403 && body_has "职责分离：您是该申请的提交人" && body_has "id=\"history\""'
check "... nothing changed, the refusal audited" eval '[ "$(app_state "$a1")" = "check/open" ] && [ "$(n_actions "$a1")" = 1 ] && [ "$(denials "$a1" reject)" = 1 ]'
act "$d1" "$a1" return --data-urlencode "opinion=自己退回"
check "the applicant's own 退回补正 is refused (403)" eval 'status_is 403 && body_has "职责分离：您是该申请的提交人" && [ "$(app_state "$a1")" = "check/open" ] && [ "$(denials "$a1" return)" = 1 ]'
req GET "/living/applications/$a1" -b "$d2"
check "another clerk is offered both" eval 'body_has "value=\"reject\"" && body_has "value=\"return\""'
act "$d2" "$a1" reject --data wf_confirm=1 --data-urlencode "opinion=不符合条件"
check "another clerk's 不予批准 is taken" eval 'status_is 303 && [ "$(app_state "$a1")" = "check/rejected" ]'

# ---------------------------------------------------------------- the previous step's actor
k2=$(new_child "退回低保$tag" 500242101001)
post /living/apply "$d1" --data "child=$k2" --data "benefit=dibao" --data "subtype=rural"
a2=$(app_from_location)
act "$d2" "$a2" approve --data wf_confirm=1 --data-urlencode "opinion=受理"
check "a second clerk accepts the application (乡镇受理)" [ "$(app_state "$a2")" = "investigate/open" ]
act "$d2" "$a2" return --data-urlencode "opinion=缺户口簿"
check "whoever passed the step before cannot 退回补正 the next" eval 'status_is 403 && body_has "职责分离：上一环节由您办理" && [ "$(app_state "$a2")" = "investigate/open" ] && [ "$(denials "$a2" return)" = 1 ]'
act "$d2" "$a2" reject --data wf_confirm=1 --data-urlencode "opinion=不符合"
check "... nor 不予批准 it" eval 'status_is 403 && body_has "职责分离：上一环节由您办理" && [ "$(app_state "$a2")" = "investigate/open" ]'
act "$d3" "$a2" return --data-urlencode "opinion=缺户口簿"
check "a third clerk returns it" eval 'status_is 303 && [ "$(app_state "$a2")" = "investigate/returned" ]'

# ---------------------------------------------------------------- a township with one clerk
k3=$(new_child "驳回麻旺$tag" 500242102001)
post /living/apply "$dm" --data "child=$k3" --data "benefit=orphan" --data "subtype=scattered"
a3=$(app_from_location)
act "$dm" "$a3" reject --data wf_confirm=1 --data-urlencode "opinion=不符合"
check "without the setting, 麻旺镇's clerk cannot reject their own application" eval 'status_is 403 && [ "$(app_state "$a3")" = "check/open" ]'
sql "INSERT INTO setting_values (module, code, valid_from, value, note, created_by, created_at) VALUES ('living', 'wf_one_clerk_townships', '2026-01-01', '500242102000', '麻旺镇只有一名经办人', 1, UTC_TIMESTAMP())"
act "$dm" "$a3" reject --data wf_confirm=1 --data-urlencode "opinion=不符合"
check "a one-clerk township: the same person rejects" eval 'status_is 303 && [ "$(app_state "$a3")" = "check/rejected" ]'
check "... audited as a waiver, naming the act" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='wf.duties.waived' AND object_id='$a3' AND username='dm_$tag' AND detail LIKE '% reject at step check %'")" = 1 ]
sql "DELETE FROM setting_values WHERE module='living' AND code='wf_one_clerk_townships'"
rm -f "$CLOCK_FILE"
