# Searching the list (issue 20 minors): a full ID number finds its child by
# the HMAC lookup (never a plaintext column, never in the access log), part
# of a given name finds it, the last four characters still do, and a search
# finds nothing outside the user's scope.
tag=$(date +%s%N | tail -c 7)
tj=$(login township 'Town#2026portal')
idn=$(make_id 500242 20150607 2)
post /children/new "$tj" --data-urlencode "name=司马春燕$tag" --data sex=2 --data birth_date=2015-06-07 \
    --data-urlencode "ethnicity=土家族" --data "id_number=$idn" --data village_code=500242101001
check "a child with an ID number is filed" status_is 303
cid=$(sql "SELECT id FROM children WHERE name='司马春燕$tag'")

req GET "/children?q=$idn" -b "$tj"
check "a full ID number finds the child" body_has "/children/$cid\""
check "and only that child" [ "$(grep -c 'href="/children/[0-9]*"' "$OUT/body")" = 1 ]
req GET "/children?q=${idn:0:17}$(echo "${idn:17}" | tr X x)" -b "$tj"
check "a lower-case x works too" body_has "/children/$cid\""
req GET "/children?q=春燕$tag" -b "$tj"
check "part of the given name finds the child" body_has "/children/$cid\""
req GET "/children?q=${idn:14:4}" -b "$tj"
check "the last four characters still find the child" body_has "/children/$cid\""
check "the full number is not in the access log" bash -c "! grep -qF '$idn' '$TEST_DIR/log/access.log'"

add_user "srch$tag" --display-name 麻旺镇查询 --role township_staff --division 500242102000 --password 'Xyz#2026portal'
mj=$(login "srch$tag" 'Xyz#2026portal')
req GET "/children?q=$idn" -b "$mj"
check "another township finds nothing by the number" body_lacks "/children/$cid\""
req GET "/children?q=春燕$tag" -b "$mj"
check "nor by the name" body_lacks "/children/$cid\""
