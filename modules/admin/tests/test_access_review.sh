# The monthly access review of the security administrator (issue 19 item 6):
# accounts unused for 90 days, accounts with administration roles, partner
# accounts of an ended organisation, each disabled in one click (sessions
# ended, audited), and the users who read files outside their township.
# Sourced by tests/run.sh.

tag=$(date +%s%N | tail -c 7)
PW='Review#2026portal'
t0=$(sql "SELECT UTC_TIMESTAMP()")
add_user "stale_$tag" --display-name 长期未用 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
sql "UPDATE users SET created_at = UTC_TIMESTAMP() - INTERVAL 100 DAY, last_login = NULL WHERE username = 'stale_$tag'"
add_user "fresh_$tag" --display-name 近期新建 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
sql "INSERT INTO orgs (code, name, kind, division_code, active) VALUES ('gone_$tag', '已注销组织$tag', 'ngo', '500242000000', 0)"
add_user "orphan_$tag" --display-name 注销组织成员 --role ngo_partner --division 500242000000 --org "gone_$tag" --password "$PW"
add_user "reader_$tag" --display-name 县级查阅 --role county_staff --division 500242000000 --org mz --password "$PW"
stale=$(sql "SELECT id FROM users WHERE username='stale_$tag'")
fresh=$(sql "SELECT id FROM users WHERE username='fresh_$tag'")
orphan=$(sql "SELECT id FROM users WHERE username='orphan_$tag'")
reader=$(sql "SELECT id FROM users WHERE username='reader_$tag'")
check "the crafted accounts exist" [ -n "$stale" ] && [ -n "$orphan" ] && [ -n "$reader" ]

# the county reader opens the file of a child of 龙潭镇, the township user one of its own
tj=$(login township 'Town#2026portal' "$OUT/rv.t")
req GET /children/new -b "$tj"
post /children/new "$tj" --data-urlencode "name=复核$tag" --data sex=2 --data birth_date=2016-03-04 \
    --data-urlencode "ethnicity=汉族" --data village_code=500242101001 --data-urlencode "no_id_reason=未办理户籍"
child=$(loc_id /children)
check "a child of 龙潭镇 is filed" [ -n "$child" ]
rj=$(login "reader_$tag" "$PW" "$OUT/rv.r")
req GET "/children/$child" -b "$rj"
check "the county reader reads the file" status_is 200
req GET "/children/$child" -b "$tj"

sj=$(login secadmin 'Secadmin#2026portal' "$OUT/rv.s")
req GET /admin/access-review -b "$sj"
check "the security administrator opens the review" status_is 200
check "it has its menu entry" body_has 'href="/admin/access-review"'
check "an account unused for 100 days is listed" body_has "id=\"unused-$stale\""
check "a new account is not" body_lacks "id=\"unused-$fresh\""
check "the security administrator is among the administration roles" body_has "id=\"admins-$(sql "SELECT id FROM users WHERE username='secadmin'")\""
check "an active member of an ended organisation is listed" body_has "id=\"orphans-$orphan\""
check "the county reader is listed for reading outside their township" body_has "id=\"unusual-$reader\""
check "the township user reading its own child is not" body_lacks "id=\"unusual-$(sql "SELECT id FROM users WHERE username='township'")\""
check "reading the review is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='admin.review.view' AND username='secadmin'")" -ge 1 ]

# one click: disabled, logged out, audited, back on the review
oj=$(login "orphan_$tag" "$PW" "$OUT/rv.o")
post "/admin/users/$orphan/disable" "$sj" --data back=review
check "one click disables the account and returns to the review" eval 'status_is 303 && header_has "Location: /admin/access-review"'
check "the account is disabled" [ "$(sql "SELECT active FROM users WHERE id=$orphan")" = 0 ]
check "its sessions are ended" [ "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id=$orphan")" = 0 ]
check "the act is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='admin.user.disable' AND object_id='$orphan'")" = 1 ]
req GET /admin/access-review -b "$sj"
check "a disabled account offers no second click" eval '! grep -q "action=\"/admin/users/$orphan/disable\"" "$OUT/body"'

# only the security administrator
aj=$(login auditor 'Audit#2026portal' "$OUT/rv.a")
req GET /admin/access-review -b "$aj"
check "the auditor is refused the review" status_is 403

# leave the demo accounts as the other test files expect them: logged out
for j in "$tj" "$sj" "$aj"; do post /logout "$j"; done
check "the demo accounts used here are logged out again" [ "$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username IN ('township', 'secadmin', 'auditor') AND s.created_at >= '$t0'")" = 0 ]
