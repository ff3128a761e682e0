# Reads that leave in pieces and uploads written before the commit (issue 21
# item 2, follow-ups): an export larger than one 16 KB stream chunk and a
# file download whose audit row cannot be written answer 503 and carry none
# of the data; an upload whose request does not commit (its audit row, or
# its idempotency key, cannot be written) leaves no file in attachments_dir;
# a 429 carries its reason phrase.  Every grant revoked here is given back
# on exit (trap), since later test files share the instance.

tag=$(date +%s%N | tail -c 7)
db_user=$(sed -n 's/^db_user *= *//p' "$TEST_DIR/portal.conf")
db_user=${db_user:-portal}
ATT="$TEST_DIR/attachments"
grant_audit="GRANT SELECT, INSERT ON portal.audit_log TO '$db_user'@'localhost'"
grant_tokens="GRANT SELECT, INSERT, UPDATE, DELETE ON portal.request_tokens TO '$db_user'@'localhost'"
tj=$(login township 'Town#2026portal')
tuid=$(sql "SELECT id FROM users WHERE username = 'township'")
dup0=$(sql "SELECT COALESCE(MAX(id), 0) FROM registry_dup_checks")
restore() {
    sql "$grant_audit" 2>/dev/null
    sql "$grant_tokens" 2>/dev/null
    sql "DELETE FROM registry_dup_checks WHERE id > $dup0 AND user_id = $tuid" 2>/dev/null
    sql "DELETE FROM children WHERE name LIKE '导出测试${tag}%'" 2>/dev/null
}
trap restore EXIT

files_on_disk() { find "$ATT" -type f 2>/dev/null | wc -l; }
att_rows() { sql "SELECT COUNT(*) FROM child_attachments WHERE child_id = $cid"; }
audit_rows() { sql "SELECT COUNT(*) FROM audit_log"; }

# ---- 1. a CSV export larger than one stream chunk (16 KB)
# 60 children of this test, each row about 700 bytes (a long address)
addr=$(printf '龙潭镇测试村%.0s' $(seq 1 30))
sql "INSERT INTO children (name, sex, birth_date, no_id_reason, address, township_code, village_code,
       created_at, created_by, updated_at)
     SELECT CONCAT('导出测试${tag}', LPAD(seq, 3, '0')), 1, '2016-05-06', '测试', '$addr',
       '500242101000', '500242101001', UTC_TIMESTAMP(), $tuid, UTC_TIMESTAMP()
     FROM seq_1_to_60"
check "the export's children are there" same "$(sql "SELECT COUNT(*) FROM children WHERE name LIKE '导出测试${tag}%'")" 60
q="q=$(printf '导出测试%s' "$tag" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')"
req GET "/children/export.csv?$q&purpose=stats" -b "$tj"
check "with the audit working the export answers 200" status_is 200
check "... it is larger than one stream chunk" [ "$(stat -c %s "$OUT/body")" -gt 16384 ]
check "... and holds the 60 rows" same "$(grep -c "导出测试$tag" "$OUT/body")" 60
check "... audited with its row count, before the rows went out" \
    same "$(sql "SELECT detail FROM audit_log WHERE action = 'child.export' ORDER BY id DESC LIMIT 1" | sed 's/ .*//')" "rows=60"
a0=$(audit_rows)
sql "REVOKE INSERT ON portal.audit_log FROM '$db_user'@'localhost'"
req GET "/children/export.csv?$q&purpose=stats" -b "$tj"
check "an export whose audit row cannot be written answers 503" status_is 503
check "... carries none of its rows" body_lacks "导出测试$tag"
check "... not even the header row" body_lacks "身份证号（脱敏）"
check "... says why in Chinese" body_has "暂不显示"
check "... and wrote nothing" same "$(audit_rows)" "$a0"
sql "$grant_audit"

# ---- 2. a download larger than one stream chunk
post /children/new "$tj" --data-urlencode "name=下载测试$tag" --data "sex=1" \
    --data "birth_date=2017-04-05" --data-urlencode "ethnicity=土家族" \
    --data-urlencode "no_id_reason=测试" --data "village_code=500242101001" --data "confirm_duplicate=1"
cid=$(loc_id /children)
check "a child's file to attach to" [ -n "$cid" ]
{
    printf '%%PDF-1.4\n'
    for i in $(seq 1 400); do printf '%% padding line %04d of a scanned certificate, plain text only\n' "$i"; done
    printf '1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n'
} >"$OUT/scan.pdf"
check "the test PDF is larger than 16 KB" [ "$(stat -c %s "$OUT/scan.pdf")" -gt 16384 ]
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/scan.pdf;type=application/pdf;filename=证明.pdf"
check "the PDF uploads" status_is 303
aid=$(sql "SELECT id FROM child_attachments WHERE child_id = $cid ORDER BY id DESC LIMIT 1")
req GET "/children/$cid/attachments/$aid" -b "$tj"
check "with the audit working it downloads whole" cmp -s "$OUT/body" "$OUT/scan.pdf"
check "... and is audited" same "$(audits attachment.read "$cid")" 1
a0=$(audit_rows)
sql "REVOKE INSERT ON portal.audit_log FROM '$db_user'@'localhost'"
req GET "/children/$cid/attachments/$aid" -b "$tj"
check "a download whose audit row cannot be written answers 503" status_is 503
check "... with no byte of the file" bash -c "! grep -qa -e '%PDF' -e 'padding line' '$OUT/body'"
check "... and wrote nothing" same "$(audit_rows)" "$a0"

# ---- 3. uploads of a request that does not commit leave no file
n0=$(att_rows); f0=$(files_on_disk)
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/scan.pdf;type=application/pdf"
check "an upload whose audit row cannot be written fails" [ "$STATUS" -ge 500 ]
check "... leaves no row" same "$(att_rows)" "$n0"
check "... and no file in attachments_dir" same "$(files_on_disk)" "$f0"
sql "$grant_audit"
# the host's own write after the handler (the form's idempotency key) fails:
# the handler has stored the file and answered 303, the host rolls back
sql "REVOKE INSERT ON portal.request_tokens FROM '$db_user'@'localhost'"
upload "/children/$cid/attachments" "$tj" -F "_idem=idem${tag}abcdefghijklmnop" -F "kind=其他" \
    -F "file=@$OUT/scan.pdf;type=application/pdf"
check "an upload whose commit is refused by the host answers 503" status_is 503
check "... leaves no row" same "$(att_rows)" "$n0"
check "... and no file in attachments_dir" same "$(files_on_disk)" "$f0"
check "... the removal is logged" grep -q PT0708 "$TEST_DIR/log/portal.log"
sql "$grant_tokens"
upload "/children/$cid/attachments" "$tj" -F "_idem=idem${tag}qrstuvwxyzabcdef" -F "kind=其他" \
    -F "file=@$OUT/scan.pdf;type=application/pdf"
check "with the grants back the upload is kept" \
    eval '[ "$STATUS" = 303 ] && [ "$(att_rows)" = "$((n0 + 1))" ] && [ "$(files_on_disk)" = "$((f0 + 1))" ]'
check "... and its file is the one recorded" \
    [ -f "$ATT/$(sql "SELECT stored_name FROM child_attachments WHERE child_id = $cid ORDER BY id DESC LIMIT 1")" ]

# ---- 4. the reason phrase of 429
sql "INSERT INTO registry_dup_checks (user_id, at) SELECT $tuid, UTC_TIMESTAMP() FROM seq_1_to_30"
printf '%s\n%s\n' '姓名,性别,出生日期,民族,身份证号,无证原因,村（居）代码,户籍地址,现住址,类别,认定依据,开始日期' \
    "限流测试$tag,男,2016-01-01,,,测试,500242101001,,,低保,批复,2025-01-01" >"$OUT/probe.csv"
upload /children/import "$tj" -F "mode=dry" -F "file=@$OUT/probe.csv;type=text/csv"
check "over the hourly limit the import answers 429" status_is 429
check "... with the reason phrase in the status line" \
    bash -c "head -n1 '$OUT/headers' | grep -q '429 Too Many Requests'"
sql "DELETE FROM registry_dup_checks WHERE id > $dup0 AND user_id = $tuid"

check "the audit chain is intact after the faults" \
    bash -c "'$ROOT/build/portalctl' --config '$TEST_DIR/portal.conf' audit verify >/dev/null"
