# Login, wrong password, lockout, sessions and their expiry, logout, CSRF.
jar=$(login admin 'Admin#2026portal')
req GET / -b "$jar"
check "admin logs in and reaches the home page" status_is 200
check "the home page names the user" body_has "系统管理员"
check "the header shows the organisation" body_has "酉阳县民政局"
check "the menu comes from the enabled modules" body_has 'href="/about"'
check "login was audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='login' AND username='admin'")" -ge 1 ]
check "the session cookie is HttpOnly and SameSite=Strict" grep -q 'HttpOnly.*psid' "$jar"
check "only a hash of the session token is stored" [ "$(sql "SELECT LENGTH(token_hash) FROM sessions LIMIT 1")" = 32 ]

# wrong password, then lockout after 5
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
sql "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username='township')"
login township 'wrong-password' >/dev/null
check "a wrong password is refused in Chinese" grep -q "用户名或密码错误" "$OUT/login_post.html"
cj="$OUT/anon"; curl -s -c "$cj" -o "$OUT/body" "$BASE/login"; tok=$(csrf_of_body)
for i in 1 2 3 4 5; do
    req POST /login -b "$cj" -c "$cj" --data-urlencode "_csrf=$tok" --data "username=township&password=nope$i"
done
check "after 5 failures the account is locked" [ -n "$(sql "SELECT locked_until FROM users WHERE username='township' AND locked_until > UTC_TIMESTAMP()")" ]
req POST /login -b "$cj" -c "$cj" --data-urlencode "_csrf=$tok" --data-urlencode "username=township" --data-urlencode 'password=Town#2026portal'
check "a locked account cannot log in even with the right password" body_has "账户已被锁定"
check "no session was created for the locked account" [ "$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id=s.user_id WHERE u.username='township'")" = 0 ]
check "failed logins were audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action IN ('login.fail','login.locked') AND object_id IN (SELECT id FROM users WHERE username='township')")" -ge 6 ]
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal')
req GET / -b "$tj"
check "once the lock is lifted the user logs in" body_has "龙潭镇工作人员"

req GET /no/such/page -b "$jar"
check "a 404 for a signed-in user keeps the header with the user" eval 'status_is 404 && body_has 系统管理员 && body_has 页面不存在'

# CSRF: a state change without the token changes nothing
before=$(sql "SELECT COUNT(*) FROM test_notes")
req POST /_test/note -b "$jar" -H "Origin: $BASE" --data "body=no-token"
check "a POST without a CSRF token is 403" status_is 403
check "the CSRF refusal is explained in Chinese" body_has "表单已失效"
tok=$(csrf "$jar")
req POST /_test/note -b "$jar" -H "Origin: http://evil.example" --data-urlencode "_csrf=$tok" --data "body=bad-origin"
check "a POST from another origin is 403 even with the token" status_is 403
req POST /_test/note -b "$jar" -H "Origin: $BASE" --data "_csrf=forged-token-forged-token-forg&body=forged"
check "a POST with a wrong token is 403" status_is 403
check "nothing changed after the refused POSTs" [ "$(sql "SELECT COUNT(*) FROM test_notes")" = "$before" ]
check "CSRF refusals were audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny.csrf'")" -ge 3 ]
req POST /_test/note -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" --data "body=with-token"
check "the same POST with the token succeeds" status_is 303
check "and changes the database once" [ "$(sql "SELECT COUNT(*) FROM test_notes")" = "$((before + 1))" ]

# permission: the township user lacks testkit.write
req GET /_test/echo -b "$tj"
check "a route needing a permission the user lacks is 403" status_is 403
check "the denial was audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_id='/_test/echo'")" -ge 1 ]

# idle expiry
sql "UPDATE sessions s JOIN users u ON u.id=s.user_id SET s.last_seen = UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE u.username='township'"
req GET / -b "$tj"
check "an idle session expires (redirect to login)" status_is 303
# absolute expiry
tj=$(login township 'Town#2026portal')
sql "UPDATE sessions s JOIN users u ON u.id=s.user_id SET s.created_at = UTC_TIMESTAMP() - INTERVAL 13 HOUR WHERE u.username='township'"
req GET / -b "$tj"
check "a session past its absolute lifetime expires" status_is 303

# logout ends the session
tok=$(csrf "$jar")
req POST /logout -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok"
check "logout redirects to the login page" header_has "Location: /login?msg=bye"
req GET / -b "$jar"
check "after logout the old cookie no longer works" status_is 303

# password change ends other sessions, forced change on first login
a1=$(login admin 'Admin#2026portal' "$OUT/a1")
a2=$(login admin 'Admin#2026portal' "$OUT/a2")
tok=$(curl -s -b "$a1" "$BASE/account/password" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)
req POST /account/password -b "$a1" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" --data-urlencode 'old_password=Admin#2026portal' --data-urlencode 'new_password=short' --data-urlencode 'confirm_password=short'
check "a weak new password is refused in Chinese" body_has "至少需要 10 个字符"
req POST /account/password -b "$a1" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" --data-urlencode 'old_password=Admin#2026portal' --data-urlencode 'new_password=Changed#2026x' --data-urlencode 'confirm_password=Changed#2026x'
check "the password change succeeds" status_is 303
req GET / -b "$a2"
check "the password change ended the other session" status_is 303
req GET / -b "$a1"
check "the session that changed it stays" status_is 200
build/portalctl --config "$TEST_DIR/portal.conf" user passwd admin --password 'Admin#2026portal' >/dev/null
a3=$(login admin 'Admin#2026portal' "$OUT/a3")
req GET / -b "$a3"
check "after an administrator reset the user must change the password" header_has "Location: /account/password"
sql "UPDATE users SET must_change_password=0 WHERE username='admin'"
