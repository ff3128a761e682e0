# Emoji in names (issue 20 minors): decided to refuse them with a clear
# message (a font without them shows an empty box; a name goes onto
# certificates and bank lists), on the child's form and the family form,
# nothing saved; a rare CJK character of a supplementary plane (𠀀, U+20000,
# as in some names) is accepted and shown as typed.
tag=$(date +%s%N | tail -c 7)
tj=$(login township 'Town#2026portal')
before=$(children)
file_child "$tj" "小明😀$tag"
check "a name with an emoji is refused (400)" status_is 400
check "with a clear message beside the name" body_has "姓名不能含表情符号等图形字符，请只填写文字。"
check "nothing is created" [ "$(children)" = "$before" ]
file_child "$tj" "王𠀀$tag" --data confirm_duplicate=1
check "a rare CJK character (U+20000) is accepted" status_is 303
cid=$(loc_id /children)
check "and stored as typed" [ "$(sql "SELECT HEX(name) FROM children WHERE id=$cid")" = "$(printf '%s' "王𠀀$tag" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ]
req GET "/children/$cid" -b "$tj"
check "and shown as typed" body_has "王𠀀$tag"
post "/children/$cid/family" "$tj" --data-urlencode "relation=母亲" --data-urlencode "name=李❤️$tag" --data situation=normal
check "a family member's name with an emoji is refused" body_has "姓名不能含表情符号等图形字符，请只填写文字。"
check "and not added" [ "$(sql "SELECT COUNT(*) FROM child_family WHERE child_id=$cid")" = 0 ]
