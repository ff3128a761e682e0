# Limits in characters (issue 20 item 8) through Apache: a name is counted
# in characters as a clerk counts it (30 Chinese characters fit, 31 do not),
# the message names the limit, the inputs carry the same number as maxlength;
# a file too large gets the same message naming the limit in MB whichever
# check stops it (the portal's file service at 9 MB, its body limit at
# 11 MB, Apache's LimitRequestBody at 20 MB).

tag=$(date +%s%N | tail -c 7)
tj=$(login township 'Town#2026portal')
name30=$(printf '龙%.0s' $(seq 1 26))$tag
name30=${name30:0:30}
name31="$name30"龙

req GET /children/new -b "$tj"
check "the name input carries the server's limit" body_has 'name="name" value="" maxlength="30"'
before=$(children)
file_child "$tj" "$name31"
check "31 characters are refused" status_is 400
check "the message names the limit in characters" body_has "姓名最多 30 个字。"
check "nothing is created" [ "$(children)" = "$before" ]
file_child "$tj" "$name30" --data confirm_duplicate=1
check "30 Chinese characters (90 bytes) are accepted" status_is 303
cid=$(sql "SELECT id FROM children WHERE name='$name30'")
check "and stored whole" [ -n "$cid" ]

req GET "/children/$cid" -b "$tj"
check "the family form's inputs carry their limits" body_has 'name="relation" value="" maxlength="16"'
post "/children/$cid/family" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=$name31" --data situation=normal
check "the same cause, the same message on another form" body_has "姓名最多 30 个字。"

# files too large: one message naming the limit, whichever check stops it
msg="上传的文件超过 8 MB，请压缩后或分开上传。"
for mb in 9 11 20; do
    head -c $((mb * 1024 * 1024)) /dev/zero >"$OUT/big.pdf"
    req POST "/children/$cid/attachments" -b "$tj" -H "Origin: $BASE" -F "_csrf=$(csrf "$tj")" \
        -F "kind=其他" -F "file=@$OUT/big.pdf;type=application/pdf"
    check "a $mb MB file answers 413" status_is 413
    check "a $mb MB file gets the message naming 8 MB" body_has "$msg"
done
rm -f "$OUT/big.pdf"
check "no attachment was stored" [ "$(sql "SELECT COUNT(*) FROM child_attachments WHERE child_id=$cid")" = 0 ]
req GET "/children/$cid" -b "$tj"
check "the upload form names the same limit" body_has "最大 8 MB"

# A multi-line text counts characters too (issue 20 item 5): the file's
# sensitive notes take 4000 characters, even 4000 of four bytes each (the
# encrypted column holds 4000 x 4 + 29 bytes); 4001 are refused with the
# limit named, the form again with what was typed.
req GET /children/new -b "$tj"
check "the notes' textarea carries the limit as maxlength" body_has 'name="notes" rows="4" maxlength="4000"'
notes4000=$(printf '𠀀%.0s' $(seq 1 4000))
post /children/new "$tj" --data-urlencode "name=长备注童$tag" --data sex=2 --data birth_date=2016-06-01 \
    --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data village_code=500242101001 \
    --data-urlencode "notes=$notes4000"
check "4000 four-byte characters of notes are accepted (303)" status_is 303
check "and stored whole, encrypted (16000 bytes + 29)" \
    same "$(sql "SELECT LENGTH(notes_enc) FROM children WHERE name='长备注童$tag'")" 16029
before=$(children)
post /children/new "$tj" --data-urlencode "name=超长备注童$tag" --data sex=2 --data birth_date=2016-06-01 \
    --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data village_code=500242101001 \
    --data-urlencode "notes=${notes4000}记"
check "4001 characters are refused, the limit named in characters, on the form again" \
    eval 'status_is 400 && body_has "备注（敏感信息）最多 4000 个字。" && body_has "超长备注童$tag"'
check "nothing is created" [ "$(children)" = "$before" ]
