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
