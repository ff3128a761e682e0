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

# a wrong password (throttling by address and account: test_throttle.sh)
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
sql "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username='township')"
login township 'wrong-password' >/dev/null
check "a wrong password is refused in Chinese" grep -q "用户名或密码错误" "$OUT/login_post.html"
check "no session was created for the wrong password" [ "$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id=s.user_id WHERE u.username='township'")" = 0 ]
check "the failed login was audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='login.fail' AND object_id IN (SELECT id FROM users WHERE username='township')")" -ge 1 ]
tj=$(login township 'Town#2026portal')
req GET / -b "$tj"
check "with the right password the user logs in" body_has "龙潭镇工作人员"

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
# the Origin names scheme, host and port: any difference is another site
port=${BASE##*:}
for o in "https://127.0.0.1:$port" "http://127.0.0.1:$((port + 1))" "http://127.0.0.1" \
         "http://localhost:$port" "http://127.0.0.1:$port.evil.example" "http://127.0.0.1:$port/" "null"; do
    req POST /_test/note -b "$jar" -H "Origin: $o" --data-urlencode "_csrf=$tok" --data "body=origin-$o"
    check "a POST with the token but Origin $o is 403" status_is 403
done
req POST /_test/note -b "$jar" -H "Origin: HTTP://127.0.0.1:$port" --data-urlencode "_csrf=$tok" --data "body=upper-case-origin"
check "scheme and host compare without case (HTTP://127.0.0.1:$port passes)" status_is 303
# no Origin: the Referer decides, by the same rule
req POST /_test/note -b "$jar" -H "Referer: https://127.0.0.1:$port/" --data-urlencode "_csrf=$tok" --data "body=https-referer"
check "without Origin, a Referer of another scheme is 403" status_is 403
req POST /_test/note -b "$jar" -H "Referer: $BASE/_test/form?x=1" --data-urlencode "_csrf=$tok" --data "body=own-referer"
check "without Origin, a Referer of this site passes" status_is 303
# neither header: refused, whatever the token (README, Security)
req POST /_test/note -b "$jar" --data-urlencode "_csrf=$tok" --data "body=no-origin"
check "a POST with neither Origin nor Referer is 403 even with the token" status_is 403
before=$(sql "SELECT COUNT(*) FROM test_notes")
check "nothing changed after the refused POSTs" [ "$(sql "SELECT COUNT(*) FROM test_notes")" = "$before" ]
check "CSRF refusals were audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny.csrf'")" -ge 12 ]
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
