# The child's file (一人一档) through the real stack, as the demo township user
# (龙潭镇): create with a generated valid ID number, encryption at rest,
# validation in Chinese, duplicates, no-ID children, hostile names, categories
# entering and leaving, attachments, the print page, edits, family members,
# and an audit row for every read.

uniq_tag=$(date +%s%N | tail -c 7)
reads_of() { sql "SELECT COUNT(*) FROM audit_log WHERE action='$1' AND object_type='child' AND object_id='$2'"; }

tj=$(login township 'Town#2026portal')
req GET /children/new -b "$tj"
check "the new-file form opens for the township user" status_is 200
check "the form offers the township's demo villages" body_has 'value="500242101001"'
check "the form does not offer another township's villages" body_lacks 'value="500242102001"'

# a valid child: a girl born on a random day of 2015
day=$(printf '%02d' $((RANDOM % 28 + 1)))
birth="2015-03-$day"
idnum=$(make_id 500242 "201503$day" 2)
masked="${idnum:0:6}********${idnum:14:4}"
name="李小梅$uniq_tag"
secret_note="家暴线索$uniq_tag"
before=$(children)
post /children/new "$tj" --data-urlencode "name=$name" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=土家族" --data "id_number=$idnum" --data "village_code=500242101001" \
    --data-urlencode "hukou=酉阳县龙潭镇" --data-urlencode "school=龙潭小学" \
    --data-urlencode "notes=$secret_note"
check "a valid file is created (303 to the file page)" status_is 303
cid=$(loc_id /children)
check "the redirect names the new file" [ -n "$cid" ]
check "exactly one row was added" [ "$(children)" = "$((before + 1))" ]
check "the ID number is stored encrypted (no digits in id_enc)" \
    [ "$(sql "SELECT LOCATE('${idnum:6:8}', id_enc) + LOCATE('$idnum', id_enc) FROM children WHERE id=$cid")" = 0 ]
check "id_enc is set" [ "$(sql "SELECT id_enc IS NOT NULL FROM children WHERE id=$cid")" = 1 ]
check "the HMAC of the ID number is stored" [ "$(sql "SELECT LENGTH(id_hmac) FROM children WHERE id=$cid")" = 64 ]
check "the masked ID number and last 4 are stored" \
    [ "$(sql "SELECT CONCAT(id_masked, '/', id_last4) FROM children WHERE id=$cid")" = "$masked/${idnum:14:4}" ]
check "the township is derived from the village" \
    [ "$(sql "SELECT township_code FROM children WHERE id=$cid")" = 500242101000 ]
check "the sensitive notes are stored encrypted" \
    [ "$(sql "SELECT notes_enc IS NOT NULL AND LOCATE('$secret_note', notes_enc) = 0 FROM children WHERE id=$cid")" = 1 ]
check "a 'created' event was written" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$cid AND kind='created'")" = 1 ]
check "the creation was audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.create' AND object_id='$cid'")" = 1 ]
check "the plaintext ID number is in no table we write" \
    [ "$(sql "SELECT (SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%$idnum%' OR object_id LIKE '%$idnum%') + (SELECT COUNT(*) FROM child_events WHERE summary LIKE '%$idnum%') + (SELECT COUNT(*) FROM children WHERE name LIKE '%$idnum%' OR id_masked = '$idnum')")" = 0 ]

r0=$(reads_of child.read "$cid")
req GET "/children/$cid" -b "$tj"
check "the file page opens" status_is 200
check "it shows the name" body_has "$name"
check "it shows the masked ID number" body_has "$masked"
check "it never shows the full ID number" body_lacks "$idnum"
check "an editor sees the decrypted sensitive notes" body_has "$secret_note"
check "the timeline shows the creation" body_has "建立档案：$name"
check "reading the file was audited" [ "$(reads_of child.read "$cid")" = "$((r0 + 1))" ]

# validation: nothing written on any refusal
bad="${idnum:0:17}$( [ "${idnum:17:1}" = 1 ] && echo 2 || echo 1 )"
before=$(children)
post /children/new "$tj" --data-urlencode "name=王小刚$uniq_tag" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=汉族" --data "id_number=$bad" --data "village_code=500242101001"
check "a wrong check digit is refused" status_is 400
check "the refusal is in Chinese, on the field" body_has "身份证号校验位不正确"
check "the form comes back with the values typed" body_has "王小刚$uniq_tag"
check "nothing was written for the wrong check digit" [ "$(children)" = "$before" ]

other=$(make_id 500242 "201503$day" 1)
post /children/new "$tj" --data-urlencode "name=王小刚$uniq_tag" --data "sex=1" --data "birth_date=2014-01-01" \
    --data-urlencode "ethnicity=汉族" --data "id_number=$other" --data "village_code=500242101001"
check "an ID number inconsistent with the birth date is refused" body_has "与填写的出生日期不一致"
post /children/new "$tj" --data-urlencode "name=王小刚$uniq_tag" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=汉族" --data "id_number=$other" --data "village_code=500242101001"
check "an ID number inconsistent with the sex is refused" body_has "性别与填写的性别不一致"
post /children/new "$tj" --data "sex=1" --data "birth_date=$birth" --data-urlencode "ethnicity=汉族" \
    --data "id_number=$other" --data "village_code=500242102001"
check "a missing name is refused" body_has "请填写姓名"
check "a village outside the user's township is refused" body_has "不在您的辖区内"
check "nothing was written for the invalid forms" [ "$(children)" = "$before" ]

post /children/new "$tj" --data-urlencode "name=另一个$uniq_tag" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=汉族" --data "id_number=$(echo "$idnum" | tr X x)" --data "village_code=500242101002"
check "a duplicate ID number is refused" status_is 400
check "the refusal says the number already has a file" body_has "该身份证号已有档案"
check "with a link to the existing file (in scope)" body_has "href=\"/children/$cid\""
check "nothing was written for the duplicate" [ "$(children)" = "$before" ]

# same name and birth date: a warning, created only once confirmed
post /children/new "$tj" --data-urlencode "name=$name" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=汉族" --data-urlencode "no_id_reason=未落户" --data "village_code=500242101001"
check "same name and birth date is warned about" body_has "可能重复建档"
check "the warning links the similar file" body_has "href=\"/children/$cid\""
check "nothing was written before confirmation" [ "$(children)" = "$before" ]
post /children/new "$tj" --data-urlencode "name=$name" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=汉族" --data-urlencode "no_id_reason=未落户" --data "village_code=500242101001" \
    --data "confirm_duplicate=1"
check "once confirmed, the file is created" status_is 303

# no ID number: only with a reason, then flagged
post /children/new "$tj" --data-urlencode "name=无证$uniq_tag" --data "sex=1" --data "birth_date=2020-05-06" \
    --data-urlencode "ethnicity=苗族" --data "village_code=500242101003"
check "no ID number and no reason is refused" body_has "没有身份证号时，请填写原因"
post /children/new "$tj" --data-urlencode "name=无证$uniq_tag" --data "sex=1" --data "birth_date=2020-05-06" \
    --data-urlencode "ethnicity=苗族" --data-urlencode "no_id_reason=弃婴，待落户" --data "village_code=500242101003"
check "a child without an ID number is allowed with a reason" status_is 303
noid=$(loc_id /children)
check "it is stored without ID columns" [ "$(sql "SELECT CONCAT(id_enc IS NULL, id_hmac IS NULL, no_id_reason) FROM children WHERE id=$noid")" = "11弃婴，待落户" ]
req GET "/children/$noid" -b "$tj"
check "the file is flagged 无身份证号" body_has "无身份证号"

# a hostile name is escaped on the file page, the print page and the timeline
evil='<script>alert(1)</script>'
post /children/new "$tj" --data-urlencode "name=$evil" --data "sex=1" --data "birth_date=2016-07-08" \
    --data-urlencode "ethnicity=汉族" --data-urlencode "no_id_reason=测试" --data "village_code=500242101001" \
    --data "confirm_duplicate=1"
check "a hostile name is stored as text" status_is 303
eid=$(loc_id /children)
req GET "/children/$eid" -b "$tj"
check "the file page does not carry the markup raw" body_lacks "$evil"
check "the file page shows the name escaped" body_has '<dd id="child-name">&lt;script&gt;alert(1)&lt;/script&gt;</dd>'
check "the timeline shows it escaped" grep -q '<td[^>]* class="summary">建立档案：&lt;script&gt;alert(1)&lt;/script&gt;' "$OUT/body"
req GET "/children/$eid/print" -b "$tj"
check "the print page does not carry the markup raw" body_lacks "$evil"
check "the print page shows it escaped" body_has '&lt;script&gt;alert(1)&lt;/script&gt;'
req GET "/children/$eid/edit" -b "$tj"
check "the edit form shows it escaped in the value" body_has 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'

# categories: enter and exit are rows; the status follows
post "/children/$cid/categories" "$tj" --data "category=orphan" --data-urlencode "basis=死亡证明 2019-001" --data "start_date=2020-01-15"
check "entering a category succeeds" status_is 303
check "the child is active" [ "$(sql "SELECT status FROM children WHERE id=$cid")" = active ]
catid=$(sql "SELECT id FROM child_categories WHERE child_id=$cid AND category='orphan' AND end_date IS NULL")
post "/children/$cid/categories" "$tj" --data "category=orphan" --data-urlencode "basis=重复" --data "start_date=2020-02-01"
check "a second open row of the same category is refused" status_is 400
check "the refusal is in Chinese" body_has "不能重复进入"
post "/children/$cid/categories" "$tj" --data "category=nonsense" --data-urlencode "basis=x" --data "start_date=2020-02-01"
check "an unknown category is refused" status_is 400
post "/children/$cid/categories" "$tj" --data "category=dibao" --data-urlencode "basis=低保证" --data "start_date=2010-02-01"
check "a start before the birth date is refused" body_has "不能早于出生日期"
check "only one category row exists" [ "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$cid")" = 1 ]
post "/children/$cid/categories/$catid/exit" "$tj" --data "end_date=2019-12-31" --data "exit_reason=adopted"
check "an exit before the start is refused" status_is 400
check "with a Chinese reason" body_has "退出日期不能早于开始日期"
check "the row is unchanged" [ "$(sql "SELECT end_date IS NULL FROM child_categories WHERE id=$catid")" = 1 ]
post "/children/$cid/categories/$catid/exit" "$tj" --data "end_date=2021-06-01" --data "exit_reason=whatever"
check "an unknown exit reason is refused" status_is 400
post "/children/$cid/categories/$catid/exit" "$tj" --data "end_date=2021-06-01" --data "exit_reason=adopted"
check "an exit without the confirmation box is refused on the file, beside the box (issue 20)" eval 'status_is 400 && body_has "请勾选“我已核对，确认退出此类别”" && body_has "id=\"confirm-confirm\"" && [ "$(sql "SELECT end_date IS NULL FROM child_categories WHERE id=$catid")" = 1 ]'
post "/children/$cid/categories/$catid/exit" "$tj" --data "end_date=2021-06-01" --data "exit_reason=adopted" --data-urlencode "exit_note=<b>收养</b>" --data confirm=1
check "the exit succeeds" status_is 303
check "the row has the end date and reason" [ "$(sql "SELECT CONCAT(end_date, ' ', exit_reason) FROM child_categories WHERE id=$catid")" = "2021-06-01 adopted" ]
check "the child is now exited" [ "$(sql "SELECT status FROM children WHERE id=$cid")" = exited ]
post "/children/$cid/categories/$catid/exit" "$tj" --data "end_date=2021-07-01" --data "exit_reason=other"
check "an exited row cannot be exited again" status_is 400
check "the exit is not overwritten" [ "$(sql "SELECT end_date FROM child_categories WHERE id=$catid")" = 2021-06-01 ]
check "entry and exit events were written" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$cid AND kind IN ('category.enter','category.exit')")" = 2 ]
check "entry and exit were audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE object_id='$cid' AND action IN ('child.category.enter','child.category.exit')")" = 2 ]
post "/children/$cid/categories" "$tj" --data "category=dibao" --data-urlencode "basis=低保证" --data "start_date=2022-03-01"
check "a new category makes the child active again" [ "$(sql "SELECT status FROM children WHERE id=$cid")" = active ]
req GET "/children/$cid" -b "$tj"
check "the file page shows current and past categories" body_has "孤儿"
check "with the exit reason in Chinese" body_has "被依法收养"
check "an exit note is escaped" body_has "&lt;b&gt;收养&lt;/b&gt;"

# attachments: checked by content, stored outside the web root, served back intact
# (a valid 1x1 PNG: the host checks the chunk structure, so a fixture whose
# IDAT length runs into its CRC would now be refused as damaged)
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xdac\xf8\xff\xff\x7f=\x00\x09{\x03}3\xd3(\xaf\x00\x00\x00\x00IEND\xaeB`\x82' >"$OUT/scan.png"
upload "/children/$cid/attachments" "$tj" -F "kind=残疾证" -F "file=@$OUT/scan.png;type=image/png;filename=残疾证扫描.png"
check "a PNG upload succeeds" status_is 303
aid=$(sql "SELECT id FROM child_attachments WHERE child_id=$cid ORDER BY id DESC LIMIT 1")
check "its row records type, size and sha256" \
    [ "$(sql "SELECT CONCAT(content_type, ' ', size, ' ', sha256) FROM child_attachments WHERE id=$aid")" = "image/png $(stat -c %s "$OUT/scan.png") $(sha256sum "$OUT/scan.png" | cut -d' ' -f1)" ]
stored=$(sql "SELECT stored_name FROM child_attachments WHERE id=$aid")
check "the stored name is random hex, not the user's name" grep -qE '^[0-9a-f]{64}$' <<<"$stored"
check "the stored file is mode 0600" [ "$(stat -c %a "$TEST_DIR/attachments/$stored")" = 600 ]
r0=$(sql "SELECT COUNT(*) FROM audit_log WHERE action='attachment.read' AND object_id='$cid'")
req GET "/children/$cid/attachments/$aid" -b "$tj"
check "the attachment downloads" status_is 200
check "with identical bytes" cmp -s "$OUT/body" "$OUT/scan.png"
check "as an attachment" header_has "Content-Disposition: attachment"
check "with the type from the database" header_has "Content-Type: image/png"
check "and nosniff" header_has "X-Content-Type-Options: nosniff"
check "the download was audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='attachment.read' AND object_id='$cid'")" = "$((r0 + 1))" ]
printf 'MZ\x90\x00\x03\x00\x00\x00\x04\x00this program cannot be run in DOS mode' >"$OUT/fake.png"
n0=$(sql "SELECT COUNT(*) FROM child_attachments")
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/fake.png;type=image/png"
check "an .exe renamed .png is refused" status_is 400
check "the refusal is in Chinese" body_has "只能上传 JPEG、PNG 图片或 PDF 文件"
check "nothing was stored for it" [ "$(sql "SELECT COUNT(*) FROM child_attachments")" = "$n0" ]
req GET "/children/$noid/attachments/$aid" -b "$tj"
check "an attachment is not served under another child's id" status_is 404

# the print page
r0=$(reads_of child.print "$cid")
req GET "/children/$cid/print" -b "$tj"
check "the print page works" status_is 200
check "it shows the name and the masked ID number" body_has "$masked"
check "it has no forms of the file" body_lacks 'action="/children/'
check "it leaves out the sensitive notes" body_lacks "$secret_note"
check "printing was audited" [ "$(reads_of child.print "$cid")" = "$((r0 + 1))" ]

# editing: every change an event naming the fields, never the ID number
r0=$(reads_of child.read "$cid")
req GET "/children/$cid/edit" -b "$tj"
check "the edit form opens for an editor" status_is 200
check "it holds the full ID number to correct it" body_has "value=\"$idnum\""
check "opening it was audited as a read" [ "$(reads_of child.read "$cid")" = "$((r0 + 1))" ]
post "/children/$cid/edit" "$tj" --data-urlencode "name=$name" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=土家族" --data "id_number=$idnum" --data "village_code=500242101002" \
    --data-urlencode "hukou=酉阳县龙潭镇" --data-urlencode "school=龙潭中学" --data-urlencode "notes=$secret_note"
check "an edit without a reason is refused (400)" status_is 400
check "the reason is asked for beside its field" body_has "请写明原因（将记入变更记录）。"
check "what was typed is kept" body_has 'value="龙潭中学"'
check "and nothing is stored" [ "$(sql "SELECT village_code FROM children WHERE id=$cid")" = 500242101001 ]
post "/children/$cid/edit" "$tj" --data-urlencode "name=$name" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=土家族" --data "id_number=$idnum" --data "village_code=500242101002" \
    --data-urlencode "hukou=酉阳县龙潭镇" --data-urlencode "school=龙潭中学" --data-urlencode "notes=$secret_note" \
    --data-urlencode "reason=转学，随父母迁居"
check "an edit succeeds" status_is 303
check "the change is stored" [ "$(sql "SELECT CONCAT(school, ' ', village_code) FROM children WHERE id=$cid")" = "龙潭中学 500242101002" ]
ev=$(sql "SELECT summary FROM child_events WHERE child_id=$cid AND kind='updated' ORDER BY id DESC LIMIT 1")
check "an 'updated' event names the reason and each field old -> new" \
    [ "$ev" = "修改身份信息（原因：转学，随父母迁居）：所在村（社区）：$(sql "SELECT CONCAT(t.name, v.name) FROM divisions v JOIN divisions t ON t.code=v.parent_code WHERE v.code='500242101001'") → $(sql "SELECT CONCAT(t.name, v.name) FROM divisions v JOIN divisions t ON t.code=v.parent_code WHERE v.code='500242101002'")；就读学校：龙潭小学 → 龙潭中学" ]
check "the update was audited with the fields" [ "$(sql "SELECT detail FROM audit_log WHERE action='child.update' AND object_id='$cid' ORDER BY id DESC LIMIT 1")" = "fields: village_code,school" ]
post "/children/$cid/edit" "$tj" --data-urlencode "name=$name" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=土家族" --data "id_number=$bad" --data "village_code=500242101002"
check "an edit with a wrong check digit is refused" body_has "身份证号校验位不正确"
check "and changes nothing" [ "$(sql "SELECT id_masked FROM children WHERE id=$cid")" = "$masked" ]
newid=$(make_id 500242 "201503$day" 2)
while [ "$newid" = "$idnum" ]; do newid=$(make_id 500242 "201503$day" 2); done
post "/children/$cid/edit" "$tj" --data-urlencode "name=$name" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=土家族" --data "id_number=$newid" --data "village_code=500242101002" \
    --data-urlencode "hukou=酉阳县龙潭镇" --data-urlencode "school=龙潭中学" --data-urlencode "notes=$secret_note" \
    --data-urlencode "reason=核对户口簿"
check "correcting the ID number succeeds" status_is 303
check "the event shows both numbers masked" \
    [ "$(sql "SELECT summary FROM child_events WHERE child_id=$cid AND kind='updated' ORDER BY id DESC LIMIT 1")" = "修改身份信息（原因：核对户口簿）：身份证号：$masked → ${newid:0:6}********${newid:14:4}" ]
check "neither number is in the timeline or the audit log" \
    [ "$(sql "SELECT (SELECT COUNT(*) FROM child_events WHERE summary LIKE '%$newid%' OR summary LIKE '%$idnum%') + (SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%$newid%' OR detail LIKE '%$idnum%')")" = 0 ]
post "/children/$cid/edit" "$tj" --data-urlencode "name=$name" --data "sex=2" --data "birth_date=$birth" \
    --data-urlencode "ethnicity=土家族" --data "id_number=$newid" --data "village_code=500242101002" \
    --data-urlencode "hukou=酉阳县龙潭镇" --data-urlencode "school=龙潭中学" --data-urlencode "notes=另一条$secret_note" \
    --data-urlencode "reason=补充备注"
check "a change of the sensitive notes is recorded without their content" \
    [ "$(sql "SELECT summary FROM child_events WHERE child_id=$cid AND kind='updated' ORDER BY id DESC LIMIT 1")" = "修改身份信息（原因：补充备注）：备注（敏感信息）：（原内容，不显示） → （新内容，不显示）" ]
check "the notes never reach the timeline" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE summary LIKE '%$secret_note%'")" = 0 ]

# family members: ID optional, validated, encrypted, masked
fam=$(make_id 500242 19850407 1)
post "/children/$cid/family" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=李大山$uniq_tag" \
    --data "id_number=$fam" --data "situation=imprisoned" --data "is_guardian=0"
check "a family member is added" status_is 303
check "the member's ID number is encrypted with an HMAC" \
    [ "$(sql "SELECT CONCAT(LENGTH(id_hmac), LOCATE('$fam', id_enc)) FROM child_family WHERE child_id=$cid")" = 640 ]
post "/children/$cid/family" "$tj" --data-urlencode "relation=母亲" --data-urlencode "name=张某" \
    --data "id_number=${fam:0:17}$([ "${fam:17}" = 0 ] && echo 1 || echo 0)" --data "situation=dead"
check "an invalid family ID number is refused" status_is 400
post "/children/$cid/family" "$tj" --data-urlencode "relation=母亲" --data-urlencode "name=张某" --data "situation=vanished"
check "an unknown situation is refused" status_is 400
post "/children/$cid/family" "$tj" --data-urlencode "relation=祖母" --data-urlencode "name=王婆婆$uniq_tag" --data "situation=ill" --data "is_guardian=1"
check "a guardian without an ID number is added" status_is 303
req GET "/children/$cid" -b "$tj"
check "the family table shows the masked number" body_has "${fam:0:6}********${fam:14:4}"
check "never the full number" body_lacks "$fam"
check "situations are shown in Chinese" body_has "服刑在押"
check "the family additions are on the timeline" body_has "添加家庭成员：父亲 李大山$uniq_tag"

# ids that are not files
req GET /children/abc -b "$tj"
check "a non-numeric id is 404" status_is 404
req GET "/children/$((cid + 100000))" -b "$tj"
check "an unknown id is 404" status_is 404
req GET "/children/$cid/attachments/abc" -b "$tj"
check "a non-numeric attachment id is 404" status_is 404
check "no plaintext ID number reached the logs" bash -c "! grep -rqF -e '$idnum' -e '$newid' -e '$fam' '$TEST_DIR/log' 2>/dev/null"
