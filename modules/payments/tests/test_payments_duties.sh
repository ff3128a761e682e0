# A county with one finance clerk (issue 20 item 2): the payments' separation
# of duties (the opener or a poster neither reviews nor locks, the reviewer
# does not lock) gives way only when the module setting one_finance_clerk is
# 1 (default 0), each step so taken audited payments.duties.waived; the
# workflow's one-clerk townships never reach these county steps.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
. "$ROOT/modules/payments/tests/pay_lib.sh"
status_of() { sql "SELECT status FROM pay_batches WHERE id=$1"; }
waivers() { sql "SELECT COUNT(*) FROM audit_log WHERE action='payments.duties.waived' AND object_id='$1' AND detail LIKE '$2 %'"; }
add_user "pf_$tag" --display-name 县财务唯一经办 --role county_staff --division 500242000000 --org mz --password "$PW"
fj=$(login "pf_$tag" "$PW" "$OUT/jar.pf")
child=$(sql "INSERT INTO children (name, sex, birth_date, id_last4, township_code, village_code, status, created_at, created_by, updated_at)
             VALUES ('单人财务$tag', 1, '2015-03-04', '0417', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
b=$(pay "$fj" op=open "programme=f$tag" period=2027-02 "title=单人财务$tag")
pay "$fj" op=line "batch_id=$b" "child_id=$child" amount=30000 reason=2月救助金 >/dev/null
check "the clerk opened a batch and posted a line" same "$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id=$b")" 1

# the workflow's one-clerk township does not reach the county's payments
sql "INSERT INTO setting_values (module, code, valid_from, value, note, created_by, created_at) VALUES ('living', 'wf_one_clerk_townships', '2020-01-01', '500242101000', '测试$tag', 1, UTC_TIMESTAMP())"
post "/payments/batch/$b/review" "$fj"
check "by default the poster cannot review (403 on the batch page), nothing changed" eval 'status_is 403 && body_has "复核人不能是该批次的建立人或录入人" && [ "$(status_of "$b")" = draft ] && [ "$(waivers "$b" review)" = 0 ]'
sql "DELETE FROM setting_values WHERE module='living' AND code='wf_one_clerk_townships' AND note='测试$tag'"

sql "INSERT INTO setting_values (module, code, valid_from, value, note, created_by, created_at) VALUES ('payments', 'one_finance_clerk', '2020-01-01', '1', '本县只有一名财务经办人$tag', 1, UTC_TIMESTAMP())"
post "/payments/batch/$b/review" "$fj"
check "with one_finance_clerk = 1 the same clerk reviews" eval 'status_is 303 && [ "$(status_of "$b")" = reviewed ]'
check "... audited as a waiver of the separation of duties" same "$(waivers "$b" review)" 1
post "/payments/batch/$b/lock" "$fj" --data confirm=1
check "... and locks (the reviewer), audited again" eval 'status_is 303 && [ "$(status_of "$b")" = locked ] && [ "$(waivers "$b" lock)" = 1 ]'
sql "DELETE FROM setting_values WHERE module='payments' AND code='one_finance_clerk'"
