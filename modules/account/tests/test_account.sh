# The account module: /account/password refuses in Chinese and changes
# nothing (wrong current password, mismatch, the policy, the same password);
# a change keeps the session that made it, ends the others, is audited and
# never stores the password; /account/totp shows the enrolment.
tag=$(date +%s%N | tail -c 7)
PW='Acct#2026portal' NEW='Acct#2026changed'
build/portalctl --config "$TEST_DIR/portal.conf" user add "ac_$tag" --display-name 账户测试 \
    --role township_staff --division 500242101000 --org mz --password "$PW" >/dev/null 2>&1
sql "UPDATE users SET must_change_password=0 WHERE username='ac_$tag'"
hash() { sql "SELECT password_hash FROM users WHERE username='ac_$tag'"; }
change() { # change JAR OLD NEW CONFIRM
    req POST /account/password -b "$1" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf "$1")" \
        --data-urlencode "old_password=$2" --data-urlencode "new_password=$3" \
        --data-urlencode "confirm_password=$4"
}
j=$(login "ac_$tag" "$PW" "$OUT/jar.ac1")
other=$(login "ac_$tag" "$PW" "$OUT/jar.ac2")
before=$(hash)
req GET /account/password -b "$j"
check "the password page opens" status_is 200
change "$j" "wrong#2026Pass" "$NEW" "$NEW"
check "a wrong current password is refused in Chinese" eval 'status_is 400 && body_has "原密码不正确。"'
change "$j" "$PW" "$NEW" "${NEW}x"
check "a mismatch is refused in Chinese" eval 'status_is 400 && body_has "两次输入的新密码不一致。"'
change "$j" "$PW" "short" "short"
check "the policy is applied" body_has "密码至少需要 10 个字符。"
change "$j" "$PW" "$PW" "$PW"
check "the same password is refused" eval 'status_is 400 && body_has "新密码不能与原密码相同。"'
check "no refusal changed the password" same "$(hash)" "$before"
change "$j" "$PW" "$NEW" "$NEW"
check "a good change succeeds" status_is 303
check "the password changed" [ "$(hash)" != "$before" ]
check "it is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='password.change' AND username='ac_$tag'")" = 1 ]
check "the password is not in the audit log" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%$NEW%'")" = 0 ]
req GET / -b "$j"
check "the session that changed it stays" status_is 200
req GET / -b "$other"
check "the other session is ended" status_is 303
req GET /account/totp -b "$j"
check "the enrolment page opens" status_is 200
check "with a secret to type" body_has 'id="totp-secret"'

# A wrong current password is a failed login: audited (the row stays when
# the 400 rolls back), counted toward the account's lockout; the right one
# still works before the limit (and clears the count); at the limit (10) the
# account is locked and every session of the user ends, with a Chinese
# message; while locked nothing is verified, not even the right password.
add_user "lk_$tag" --display-name 锁定测试 --role township_staff --division 500242101000 \
    --org mz --password "$PW"
sql "UPDATE users SET must_change_password=0 WHERE username IN ('lk_$tag','lr_$tag')"
lk=$(login "lk_$tag" "$PW" "$OUT/jar.lk1")
lk2=$(login "lk_$tag" "$PW" "$OUT/jar.lk2")
lkhash() { sql "SELECT password_hash FROM users WHERE username='lk_$tag'"; }
lkfails() { sql "SELECT COUNT(*) FROM audit_log WHERE action='password.change.fail' AND username='lk_$tag'"; }
lk_before=$(lkhash)
for i in 1 2 3 4 5 6 7 8 9; do change "$lk" "wrong#2026Pass$i" "$NEW" "$NEW"; done
check "nine wrong current passwords are each refused with a 400" eval 'status_is 400 && body_has "原密码不正确。"'
check "each refusal is audited" same "$(lkfails)" 9
check "the audit rows hold no password" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='password.change.fail' AND (detail LIKE '%wrong#2026%' OR detail LIKE '%$NEW%')")" = 0 ]
check "they count toward the lockout" same "$(sql "SELECT failed_count FROM users WHERE username='lk_$tag'")" 9
check "not locked yet" same "$(sql "SELECT locked_until IS NULL FROM users WHERE username='lk_$tag'")" 1
req GET / -b "$lk2"
check "the user's other session still works before the limit" status_is 200
change "$lk" "wrong#2026Pass10" "$NEW" "$NEW"
check "the tenth wrong one ends the session: to the login page" eval 'status_is 303 && header_has "Location: /login?msg=locked"'
check "...audited as the lock" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='password.change.fail' AND username='lk_$tag' AND detail LIKE 'account locked%'")" = 1 ]
check "the account is locked" same "$(sql "SELECT locked_until > UTC_TIMESTAMP() FROM users WHERE username='lk_$tag'")" 1
check "every session of the user ended" same "$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username='lk_$tag'")" 0
req GET / -b "$lk"
check "the session that guessed is gone" eval 'status_is 303 && header_has "Location: /login"'
req GET / -b "$lk2"
check "the other session is gone too" status_is 303
req GET "/login?msg=locked"
check "the login page says why, in Chinese" body_has "原密码连续输错次数过多，账户已临时锁定"
check "the lockout changed no password" same "$(lkhash)" "$lk_before"
# a session of a locked account (locked at the login form): the right
# password is not even checked, and the session ends
sql "UPDATE users SET locked_until = NULL, failed_count = 0 WHERE username='lk_$tag'"
lk=$(login "lk_$tag" "$PW" "$OUT/jar.lk1")
sql "UPDATE users SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE username='lk_$tag'"
change "$lk" "$PW" "$NEW" "$NEW"
check "while locked even the right password is refused" eval 'status_is 303 && header_has "Location: /login?msg=locked"'
check "...the password unchanged" same "$(lkhash)" "$lk_before"
check "...and the session ended" same "$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username='lk_$tag'")" 0
check "...nothing counted while locked" same "$(sql "SELECT failed_count FROM users WHERE username='lk_$tag'")" 0
# the right password before the limit: the change works and clears the count
sql "UPDATE users SET locked_until = NULL, failed_count = 0 WHERE username='lk_$tag'"
lk=$(login "lk_$tag" "$PW" "$OUT/jar.lk1")
for i in 1 2 3 4 5 6 7 8 9; do change "$lk" "wrong#2026Pass$i" "$NEW" "$NEW"; done
change "$lk" "$PW" "$NEW" "$NEW"
check "after nine wrong ones the right password still changes it" eval 'status_is 303 && header_has "Location: /"'
check "...the password changed" [ "$(lkhash)" != "$lk_before" ]
check "...and the count is cleared" same "$(sql "SELECT failed_count FROM users WHERE username='lk_$tag'")" 0
