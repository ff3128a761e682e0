# Exports with a purpose (issue 19 item 1) through the real stack: an export
# asks its purpose first (nothing leaves before), the register and the audit
# keep who, what, the filter, the rows and the purpose; an export to another
# department is a row of the sharing register; full ID numbers need
# export.full_id, and above privacy.export_approval_rows rows a second
# county-level person's approval: refused before it, never by the requester,
# downloaded once, refused a second time and after the window.
tag=$(date +%s%N | tail -c 7)
PW='Priv#2026portal'
LT=500242101000
mk() { # mk NAME -> id (龙潭镇第一村)
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 2, '2015-05-01', '$LT', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
reg() { sql "SELECT $1 FROM export_register WHERE id = $2"; }           # COLUMN ID
last_reg() { sql "SELECT MAX(r.id) FROM export_register r JOIN users u ON u.id = r.user_id WHERE u.username = '$1'"; }
for i in 1 2 3; do mk "导出童$i$tag" >/dev/null; done
add_user "pa$tag" --display-name 县民政甲 --role county_staff,export_full_id --division 500242000000 --org mz --password "$PW"
add_user "pb$tag" --display-name 县民政乙 --role county_staff,export_full_id --division 500242000000 --org mz --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
aj=$(login "pa$tag" "$PW")
bj=$(login "pb$tag" "$PW")
tj=$(login township 'Town#2026portal')
# the approval threshold: 2 rows (the module administrator's setting)
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('privacy', 'export_approval_rows', '2000-01-01', '2', 1, UTC_TIMESTAMP())"
n_lt=$(sql "SELECT COUNT(*) FROM children WHERE township_code = '$LT'")
before=$(sql "SELECT COUNT(*) FROM export_register")

# ---- the purpose first
req GET "/children/export.csv?township=$LT" -b "$aj"
check "an export without a purpose answers the purpose form, not the file" eval 'status_is 200 && header_has "text/html" && body_has "导出用途" && body_has "发放核对" && body_has "部门协查"'
check "... which asks the same export again with its filter" eval 'body_has "action=\"/children/export.csv\"" && body_has "name=\"township\" value=\"$LT\""'
check "... and nothing is registered yet" same "$(sql "SELECT COUNT(*) FROM export_register")" "$before"
req GET "/children/export.csv?township=$LT&purpose=other" -b "$aj"
check "'其他' without a written purpose is refused in Chinese" eval 'status_is 200 && body_has "须写明具体用途" && body_lacks "姓名,性别"'
req GET "/children/export.csv?township=$LT&purpose=dept_assist" -b "$aj"
check "'部门协查' without a recipient is refused in Chinese" eval 'body_has "须写明接收单位" && body_lacks "姓名,性别"'
req GET "/children/export.csv?township=$LT&purpose=nosuch" -b "$aj"
check "an unknown purpose is refused" body_has "请选择导出用途"

req GET "/children/export.csv?township=$LT&purpose=stats" -b "$aj"
check "with a purpose the masked list leaves" eval 'status_is 200 && header_has "text/csv" && grep -q "导出童1$tag" "$OUT/body"'
r1=$(last_reg "pa$tag")
check "the register keeps kind, purpose, filter, rows, masked" same "$(sql "SELECT CONCAT_WS('|', kind, purpose, filter, row_count, full_id, status) FROM export_register WHERE id = $r1")" "registry.children|stats|township=$LT|$n_lt|0|done"
check "... and the audit too" eval 'sql "SELECT detail FROM audit_log WHERE action = '"'data.export'"' AND object_id = '"'$r1'"'" | grep -q "kind=registry.children purpose=stats rows=$n_lt full_id=0 filter=township=$LT"'
check "a statistics export is no disclosure" same "$(sql "SELECT COUNT(*) FROM disclosures WHERE export_id = $r1")" 0

req GET "/children/export.xlsx?township=$LT" -b "$aj" --data-urlencode "purpose=dept_assist" --data-urlencode "recipient=县公安局$tag" --data-urlencode "purpose_note=协查失踪儿童" -G
check "an export for another department leaves" eval 'status_is 200 && header_has "spreadsheetml"'
r2=$(last_reg "pa$tag")
check "... and is a row of the sharing register (to whom, what, why)" same "$(sql "SELECT CONCAT_WS('|', recipient, source, basis) FROM disclosures WHERE export_id = $r2")" "县公安局$tag|export|部门协查：协查失踪儿童"

# ---- full ID numbers
req GET "/children/export.csv?township=$LT&full_id=1&purpose=payment_check" -b "$tj"
check "full ID numbers without export.full_id: 403, audited" eval 'status_is 403 && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'deny'"' AND username = '"'township'"' AND detail LIKE '"'%without export.full_id%'"'")" -ge 1 ]'
req GET "/children/export.csv?township=$LT&full_id=1" -b "$aj"
check "a large full-ID export warns that it needs an approval" eval 'status_is 200 && body_has "须经县级另一名工作人员审批" && body_has "提交导出申请"'
req GET "/children/export.csv?township=$LT&full_id=1&purpose=payment_check" -b "$aj"
check "... and becomes a request: no file" eval 'status_is 200 && header_has "text/html" && body_has "导出申请已提交" && body_lacks "姓名,性别"'
q=$(last_reg "pa$tag")
check "... registered as pending with its full filter" same "$(sql "SELECT CONCAT_WS('|', status, full_id, filter) FROM export_register WHERE id = $q")" "pending|1|township=$LT&full_id=1"
check "... and the county's office is told" same "$(sql "SELECT CONCAT(division_code, ' ', link) FROM notices WHERE object_type = 'export' AND object_id = '$q' AND kind = 'export.request'")" "500242000000 /privacy/exports/$q"
req GET "/children/export.csv?township=$LT&full_id=1&export_ticket=$q" -b "$aj"
check "refused without approval (403, nothing sent)" eval 'status_is 403 && body_has "尚未审批" && body_lacks "姓名,性别"'
req GET "/privacy/exports/$q" -b "$aj"
check "the requester sees the request pending, with no download and no approval form" eval 'status_is 200 && body_has "待审批" && body_lacks "id=\"export-download\"" && body_lacks "id=\"export-approve\""'
post "/privacy/exports/$q/approve" "$aj"
check "the requester cannot approve their own request (403)" eval 'status_is 403 && body_has "不能审批本人提交的导出申请"'
check "... it stays pending, the refusal audited" eval '[ "$(reg status "$q")" = pending ] && [ "$(denials_of "pa$tag" "$q")" -ge 1 ]'
post "/privacy/exports/$q/approve" "$tj"
check "a township clerk cannot approve (403)" eval 'status_is 403 && [ "$(reg status "$q")" = pending ]'
req GET "/privacy/exports/$q" -b "$bj"
check "a second county person sees the approval form" eval 'status_is 200 && body_has "id=\"export-approve\""'
post "/privacy/exports/$q/approve" "$bj" --data-urlencode "note=同意，用于发放核对"
check "... and approves" eval 'status_is 303 && [ "$(reg status "$q")" = approved ] && [ "$(sql "SELECT u.username FROM export_register r JOIN users u ON u.id = r.decided_by WHERE r.id = $q")" = "pb$tag" ]'
check "... audited, and the requester told" eval '[ "$(audits export.approve "$q")" = 1 ] && [ "$(sql "SELECT COUNT(*) FROM notices n JOIN users u ON u.id = n.user_id WHERE u.username = '"'pa$tag'"' AND n.object_id = '"'$q'"'")" = 1 ]'
post "/privacy/exports/$q/approve" "$bj"
check "an approval cannot be given twice (409)" status_is 409
req GET "/children/export.csv?township=$LT&full_id=1&export_ticket=$q" -b "$bj"
check "the approver cannot download the requester's export (404)" eval 'status_is 404 && body_lacks "姓名,性别"'
req GET "/children/export.csv?township=$LT&export_ticket=$q" -b "$aj"
check "the ticket is only for the export it was asked for (another filter: 404)" eval 'status_is 404 && [ "$(reg status "$q")" = approved ]'
req GET "/privacy/exports/$q" -b "$aj"
check "the requester is offered the one download" body_has "id=\"export-download\""
dl=$(sed -n 's/.*id="export-download" href="\([^"]*\)".*/\1/p' "$OUT/body" | sed 's/&amp;/\&/g')
req GET "$dl" -b "$aj"
check "the approved export downloads with full ID numbers" eval 'status_is 200 && header_has "text/csv" && head -n1 "$OUT/body" | grep -q ",身份证号," && grep -q "导出童1$tag" "$OUT/body"'
check "... recorded as downloaded, audited" eval '[ "$(reg status "$q")" = downloaded ] && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = '"'data.export'"' AND object_id = '"'$q'"'")" = 1 ]'
req GET "$dl" -b "$aj"
check "a second download of the approval is refused (403)" eval 'status_is 403 && body_has "已下载过一次" && body_lacks "姓名,性别"'

# the window: an approval older than export_window_hours (24) is refused
req GET "/children/export.csv?township=$LT&full_id=1&purpose=payment_check" -b "$aj"
q2=$(last_reg "pa$tag")
post "/privacy/exports/$q2/approve" "$bj"
sql "UPDATE export_register SET decided_at = decided_at - INTERVAL 25 HOUR WHERE id = $q2"
req GET "/children/export.csv?township=$LT&full_id=1&export_ticket=$q2" -b "$aj"
check "an approval past the window is refused (403)" eval 'status_is 403 && body_has "时限已过" && [ "$(reg status "$q2")" = approved ]'
# a refusal needs a reason, then ends the request
req GET "/children/export.csv?township=$LT&full_id=1&purpose=payment_check" -b "$aj"
q3=$(last_reg "pa$tag")
post "/privacy/exports/$q3/reject" "$bj" --data-urlencode "note=用途不充分"
check "a request can be refused with a reason" same "$(reg "CONCAT(status, '|', decision_note)" "$q3")" "rejected|用途不充分"
req GET "/children/export.csv?township=$LT&full_id=1&export_ticket=$q3" -b "$aj"
check "... and then never downloads (403)" eval 'status_is 403 && body_has "未获批准"'

# ---- the register page
req GET /privacy/exports -b "$bj"
check "the register lists every export with who, purpose, rows, approver" eval 'status_is 200 && grep -A12 "id=\"export-$q\"" "$OUT/body" | grep -q "县民政甲" && grep -A12 "id=\"export-$q\"" "$OUT/body" | grep -q "县民政乙" && grep -A12 "id=\"export-$r2\"" "$OUT/body" | grep -q "县公安局$tag"'
req GET "/privacy/exports?purpose=dept_assist" -b "$bj"
check "... filterable by purpose" eval 'body_has "id=\"export-$r2\"" && body_lacks "id=\"export-$r1\""'
req GET "/privacy/exports?user=pa$tag&status=downloaded" -b "$bj"
check "... by user and status" eval 'body_has "id=\"export-$q\"" && body_lacks "id=\"export-$q2\""'
req GET /privacy/exports -b "$tj"
check "a township clerk does not read the register (403)" status_is 403
req GET "/privacy/exports/$q" -b "$tj"
check "nor another's request (404)" status_is 404
sql "DELETE FROM setting_values WHERE module = 'privacy' AND code = 'export_approval_rows' AND value = '2'"
