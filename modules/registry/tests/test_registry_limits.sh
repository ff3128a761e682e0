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
children() { sql "SELECT COUNT(*) FROM children"; }

req GET /children/new -b "$tj"
check "the name input carries the server's limit" body_has 'name="name" value="" maxlength="30"'
before=$(children)
post /children/new "$tj" --data-urlencode "name=$name31" --data sex=1 --data birth_date=2016-05-01 \
    --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data village_code=500242101001
check "31 characters are refused" status_is 400
check "the message names the limit in characters" body_has "姓名最多 30 个字。"
check "nothing is created" [ "$(children)" = "$before" ]
post /children/new "$tj" --data-urlencode "name=$name30" --data sex=1 --data birth_date=2016-05-01 \
    --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data village_code=500242101001 \
    --data confirm_duplicate=1
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
