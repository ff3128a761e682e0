# Corrections of a child's file (issue 20 item 4) through HTTP, as the demo
# township user (龙潭镇): a family member is corrected (a reason required,
# every changed field old -> new in the history, the ID number masked) and
# removed (a soft delete with a reason: off the file, in the history, kept in
# the database); an attachment's kind is corrected and the attachment
# removed the same way; bad input comes back on its form with what was
# typed and changes nothing; another township cannot touch them.

tag=$(date +%s%N | tail -c 7)
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xdac\xf8\xff\xff\x7f=\x00\x09{\x03}3\xd3(\xaf\x00\x00\x00\x00IEND\xaeB`\x82' >"$OUT/scan.png"
last_event() { sql "SELECT summary FROM child_events WHERE child_id=$cid AND kind='$1' ORDER BY id DESC LIMIT 1"; }

cid=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('更正测试$tag', 1, '2014-06-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
tj=$(login township 'Town#2026portal')

# a family member added with a wrong situation and a bad ID number: back on
# the file page, both messages beside their fields, what was typed kept
fam=$(make_id 500242 19820304 1)
post "/children/$cid/family" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=陈大$tag" \
    --data "id_number=${fam:0:17}$([ "${fam:17}" = 0 ] && echo 1 || echo 0)" --data "situation=imprisoned"
check "a bad family ID number answers the file page (400)" status_is 400
check "with the message beside the field" body_has "身份证号无效"
check "and the name as typed" body_has "value=\"陈大$tag\""
check "and nothing is added" [ "$(sql "SELECT COUNT(*) FROM child_family WHERE child_id=$cid")" = 0 ]
post "/children/$cid/family" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=陈大$tag" \
    --data "id_number=$fam" --data "situation=imprisoned" --data "phone=13800000001"
check "a family member is added" status_is 303
fid=$(sql "SELECT id FROM child_family WHERE child_id=$cid")

req GET "/children/$cid" -b "$tj"
check "the file offers a correction of the member" body_has "/children/$cid/family/$fid/edit"
req GET "/children/$cid/family/$fid/edit" -b "$tj"
check "the correction page opens with the stored values" body_has "value=\"陈大$tag\""
check "and the number masked, never in full" body_has "${fam:0:6}********${fam:14:4}"
check "never the full number" body_lacks "$fam"

# a correction without a reason: refused on its form, nothing changed
post "/children/$cid/family/$fid/edit" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=陈大山$tag" \
    --data "situation=working_away" --data "phone=13800000001"
check "a correction without a reason is refused (400)" status_is 400
check "the reason is asked for beside its field" body_has "请写明原因（将记入变更记录）。"
check "what was typed is kept" body_has "value=\"陈大山$tag\""
check "nothing changed" [ "$(sql "SELECT CONCAT(name, situation) FROM child_family WHERE id=$fid")" = "陈大$tag""imprisoned" ]

# the correction: name, situation and ID number
fam2=$(make_id 500242 19820305 1)
post "/children/$cid/family/$fid/edit" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=陈大山$tag" \
    --data "situation=working_away" --data "phone=13800000001" --data "id_number=$fam2" \
    --data-urlencode "reason=户口簿核对后更正"
check "a correction with a reason is saved" status_is 303
check "the row holds the new values" [ "$(sql "SELECT CONCAT(name, situation) FROM child_family WHERE id=$fid")" = "陈大山$tag""working_away" ]
ev=$(last_event family.update)
check "the history names the reason" grep -qF "原因：户口簿核对后更正" <<<"$ev"
check "and each field old -> new" grep -qF "姓名：陈大$tag → 陈大山$tag；" <<<"$ev"
check "in Chinese (the situation's titles)" grep -qF "情况：服刑在押 → 外出务工" <<<"$ev"
check "the ID number masked both ways" grep -qF "身份证号：${fam:0:6}********${fam:14:4} → ${fam2:0:6}********${fam2:14:4}" <<<"$ev"
check "who changed it is the event's user" [ "$(sql "SELECT u.username FROM child_events e JOIN users u ON u.id=e.user_id WHERE e.child_id=$cid AND e.kind='family.update'")" = township ]
check "the audit row names fields, never values" [ "$(sql "SELECT detail FROM audit_log WHERE action='family.update' AND object_id='$cid'")" = "member $fid, fields: name,id_number,situation" ]
check "no full ID number in the timeline or the audit" [ "$(sql "SELECT (SELECT COUNT(*) FROM child_events WHERE summary LIKE '%$fam%' OR summary LIKE '%$fam2%') + (SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%$fam%' OR detail LIKE '%$fam2%')")" = 0 ]
req GET "/children/$cid" -b "$tj"
check "the file shows the corrected member" body_has "陈大山$tag"
check "and the correction in its history (变更记录)" body_has "原因：户口簿核对后更正"

# removal: a reason required; then off the file, in the history, kept in the database
post "/children/$cid/family/$fid/remove" "$tj"
check "a removal without a reason is refused (400)" status_is 400
check "the reason is asked for" body_has "请写明原因（将记入变更记录）。"
check "the member is still on the file" [ "$(sql "SELECT removed_at IS NULL FROM child_family WHERE id=$fid")" = 1 ]
post "/children/$cid/family/$fid/remove" "$tj" --data-urlencode "remove_reason=误录入，此人非本户成员"
check "a removal with a reason succeeds" status_is 303
check "the row stays with who, when and why" [ "$(sql "SELECT CONCAT(removed_at IS NOT NULL, removed_by = (SELECT id FROM users WHERE username='township'), removed_reason) FROM child_family WHERE id=$fid")" = "11误录入，此人非本户成员" ]
req GET "/children/$cid" -b "$tj"
check "the removed member leaves the file" body_lacks "/family/$fid/edit"
check "the family table counts nobody" body_has "家庭成员及监护人（0 人）"
check "the removal is in the history with the reason" body_has "删除家庭成员 父亲 陈大山$tag（外出务工）（原因：误录入，此人非本户成员）"
req GET "/children/$cid/print" -b "$tj"
check "nor is it on the print view" body_has "家庭成员及监护人（0 人）"
req GET "/children/$cid/family/$fid/edit" -b "$tj"
check "a removed member cannot be corrected again (404)" status_is 404

# attachments: kind corrected, then removed
upload "/children/$cid/attachments" "$tj" -F "kind=其他" -F "file=@$OUT/scan.png;type=image/png;filename=扫描$tag.png"
check "an attachment is uploaded" status_is 303
aid=$(sql "SELECT id FROM child_attachments WHERE child_id=$cid")
req GET "/children/$cid" -b "$tj"
check "the file offers its correction" body_has "/children/$cid/attachments/$aid/edit"
req GET "/children/$cid/attachments/$aid/edit" -b "$tj"
check "the correction page shows the kind selected" body_has "<option selected>其他</option>"
post "/children/$cid/attachments/$aid/edit" "$tj" --data-urlencode "kind=残疾证"
check "a kind corrected without a reason is refused (400)" status_is 400
check "with the kind typed kept" body_has "<option selected>残疾证</option>"
check "nothing changed" [ "$(sql "SELECT kind FROM child_attachments WHERE id=$aid")" = 其他 ]
post "/children/$cid/attachments/$aid/edit" "$tj" --data-urlencode "kind=残疾证" --data-urlencode "reason=上传时选错类型"
check "the kind is corrected" [ "$STATUS" = 303 ] && [ "$(sql "SELECT kind FROM child_attachments WHERE id=$aid")" = 残疾证 ]
check "the history says old -> new and why" grep -qF "更正材料 扫描$tag.png（原因：上传时选错类型）：材料类型：其他 → 残疾证" <<<"$(last_event attachment.update)"

# another township cannot reach the correction pages (the child is out of scope)
add_user "mw$tag" --display-name 麻旺镇更正测试 --role township_staff --division 500242102000 --password 'Xyz#2026portal'
mj=$(login "mw$tag" 'Xyz#2026portal')
req GET "/children/$cid/attachments/$aid/edit" -b "$mj"
check "another township's user gets 404" status_is 404
post "/children/$cid/attachments/$aid/remove" "$mj" --data-urlencode "remove_reason=越权"
check "and cannot remove it" status_is 404
check "which stays" [ "$(sql "SELECT removed_at IS NULL FROM child_attachments WHERE id=$aid")" = 1 ]

post "/children/$cid/attachments/$aid/remove" "$tj" --data-urlencode "remove_reason=重复上传"
check "the attachment is removed with a reason" status_is 303
check "its row and stored file stay" [ "$(sql "SELECT CONCAT(removed_reason, removed_at IS NOT NULL) FROM child_attachments WHERE id=$aid")" = 重复上传1 ] && [ -f "$TEST_DIR/attachments/$(sql "SELECT stored_name FROM child_attachments WHERE id=$aid")" ]
req GET "/children/$cid" -b "$tj"
check "it leaves the file" body_has "附件（0 份）"
check "the removal is in the history" body_has "删除材料 扫描$tag.png（残疾证）（原因：重复上传）"
req GET "/children/$cid/attachments/$aid" -b "$tj"
check "a removed attachment is no longer served" status_is 404
