# Partner administrators (issue 5): the security administrator gives the
# ngo_admin role (社会组织管理员) to a user of an NGO organisation; that user
# manages the partner users (ngo_partner only) of its own organisation at
# /org/users - list, create, disable, enable, reset the password, unlock -
# and nobody else: other organisations, government accounts, other partner
# administrators and itself answer an audited 404.  Sourced by tests/run.sh.

CTL="build/portalctl --config $TEST_DIR/portal.conf"
sfx=$(date +%s%N | tail -c 7)          # names unique per run on a reused instance
PW='Partner#2026pw'
SEC_PW='Secadmin#2026portal'
roles_of() { sql "SELECT GROUP_CONCAT(ro.code ORDER BY ro.code) FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = '$1'"; }
denials() { sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='user' AND object_id='$1' AND username='$2'"; }
changes_by() { sql "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'org.user.%' AND username='$1'"; }
# act PATH [curl args...]: a POST of the partner administrator with a fresh form token
act() { req GET /org/users -b "$aj"; post_page "$1" "$aj" "${@:2}"; }
hash_of() { sql "SELECT password_hash FROM users WHERE id='$1'"; }

# ---- the organisations and accounts of this test
town=500242101000                       # 龙潭镇
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES
     ('pa_a$sfx', '春晖社工站$sfx', 'ngo', '$town'),
     ('pa_b$sfx', '晨曦公益$sfx', 'ngo', '500242102000'),
     ('pa_c$sfx', '已停用公益$sfx', 'ngo', '$town'),
     ('pa_g$sfx', '龙潭镇政府$sfx', 'township', '$town')"
sql "UPDATE orgs SET active = 0 WHERE code = 'pa_c$sfx'"
orga=$(sql "SELECT id FROM orgs WHERE code='pa_a$sfx'")
orgg=$(sql "SELECT id FROM orgs WHERE code='pa_g$sfx'")
add() { # add NAME ROLES ORG [DIVISION]
    $CTL user add "$1" --display-name "测试$1" --role "$2" --division "${4:-$town}" --org "$3" \
        --password "$PW" >/dev/null 2>&1
}
add "pa_adm$sfx" ngo_partner "pa_a$sfx"              # becomes the partner administrator
add "pa_adm2$sfx" ngo_partner,ngo_admin "pa_a$sfx"   # another partner administrator
add "pa_p1$sfx" ngo_partner "pa_a$sfx"               # a partner user of the organisation
add "pa_gov$sfx" township_staff "pa_a$sfx"           # a government user with a mis-set org
add "pa_mix$sfx" ngo_partner,township_staff "pa_a$sfx"
add "pb_p1$sfx" ngo_partner "pa_b$sfx" 500242102000  # a partner user of another organisation
add "pc_adm$sfx" ngo_partner,ngo_admin "pa_c$sfx"    # administrator of an inactive organisation
add "pa_town$sfx" township_staff "pa_g$sfx"          # a government user of a government org
adm=$(uid_of "pa_adm$sfx"); adm2=$(uid_of "pa_adm2$sfx"); p1=$(uid_of "pa_p1$sfx")
gov=$(uid_of "pa_gov$sfx"); mix=$(uid_of "pa_mix$sfx"); pb1=$(uid_of "pb_p1$sfx")
town_u=$(uid_of "pa_town$sfx")
all_set() { local v; for v; do [ -n "$v" ] || return 1; done; }
check "the test accounts exist" all_set "$adm" "$adm2" "$p1" "$gov" "$mix" "$pb1" "$town_u" "$(uid_of "pc_adm$sfx")"

# ---- the security administrator gives ngo_admin
sj=$(login secadmin "$SEC_PW" "$OUT/pa_sec")
req GET "/admin/users/$adm" -b "$sj"
check "the role 社会组织管理员 is offered to the security administrator" body_has 'name="role" value="ngo_admin"'
post_page "/admin/users/$adm" "$sj" --data-urlencode "division=$town" --data-urlencode "org=$orga" \
    --data-urlencode "role=ngo_partner" --data-urlencode "role=ngo_admin" --data-urlencode "role=auditor"
check "ngo_admin with the auditor role is refused in Chinese" body_has "社会组织管理员角色不能与系统管理员、安全管理员或审计员"
check "and the roles are unchanged" same "$(roles_of "$adm")" "ngo_partner"
req GET "/admin/users/$town_u" -b "$sj"
post_page "/admin/users/$town_u" "$sj" --data-urlencode "division=$town" --data-urlencode "org=$orgg" \
    --data-urlencode "role=township_staff" --data-urlencode "role=ngo_admin"
check "ngo_admin for a user of a government organisation is refused" body_has "只能授予社会组织的用户"
post_page "/admin/users/$town_u" "$sj" --data-urlencode "division=$town" --data-urlencode "role=ngo_admin"
check "ngo_admin for a user without an organisation is refused" body_has "只能授予社会组织的用户"
check "and that user's roles are unchanged" same "$(roles_of "$town_u")" "township_staff"
req GET "/admin/users/$adm" -b "$sj"
post_page "/admin/users/$adm" "$sj" --data-urlencode "division=$town" --data-urlencode "org=$orga" \
    --data-urlencode "role=ngo_partner" --data-urlencode "role=ngo_admin"
check "the security administrator gives ngo_admin to a user of an NGO (303)" status_is 303
check "the user holds ngo_admin and ngo_partner" same "$(roles_of "$adm")" "ngo_admin,ngo_partner"
check "the role change is audited" [ "$(audits admin.user.update "$adm")" -ge 1 ]

# ---- the partner administrator's list
aj=$(login "pa_adm$sfx" "$PW" "$OUT/pa_adm")
req GET / -b "$aj"
check "the partner administrator has 本组织账户 in the menu" sh -c "grep -qF 'href=\"/org/users\"' '$OUT/body' && grep -qF '本组织账户' '$OUT/body'"
check "but not 用户管理" body_lacks 'href="/admin/users"'
req GET /org/users -b "$aj"
check "the partner administrator opens /org/users" status_is 200
check "the list names the organisation" body_has "春晖社工站$sfx"
check "the list shows the organisation's partner user with a link" body_has "href=\"/org/users/$p1\""
check "and its other partner accounts, without a link" sh -c "grep -qF '>pa_adm2$sfx<' '$OUT/body' && ! grep -qF 'href=\"/org/users/$adm2\"' '$OUT/body' && ! grep -qF 'href=\"/org/users/$adm\"' '$OUT/body'"
check "but no government account put in the organisation by mistake" sh -c "! grep -qF 'pa_gov$sfx' '$OUT/body' && ! grep -qF 'pa_mix$sfx' '$OUT/body'"
check "the list shows roles" body_has "社会组织管理员"
check "no user of another organisation is listed" body_lacks "pb_p1$sfx"
check "no user without the organisation is listed" body_lacks ">secadmin<"
req GET /admin/users -b "$aj"
check "the partner administrator gets 403 on /admin/users" status_is 403

# ---- create a partner user: refusals first
req GET /org/users -b "$aj"
post_page /org/users "$aj" --data-urlencode "username=pa_weak$sfx" --data-urlencode "display_name=弱密码" \
    --data-urlencode "password=short" --data-urlencode "confirm_password=short"
check "a weak initial password is refused in Chinese" body_has "至少需要 10 个字符"
check "the refused form keeps what was typed" body_has "value=\"pa_weak$sfx\""
check "nothing was created for a weak password" [ -z "$(uid_of "pa_weak$sfx")" ]
post_page /org/users "$aj" --data-urlencode "username=pb_p1$sfx" --data-urlencode "display_name=重名" \
    --data-urlencode "password=Initial#2026pw" --data-urlencode "confirm_password=Initial#2026pw"
check "a duplicate username is refused in Chinese" body_has "该用户名已被使用"
check "and the existing user is untouched" same "$(sql "SELECT CONCAT(org_id, '/', display_name) FROM users WHERE id=$pb1")" "$(sql "SELECT id FROM orgs WHERE code='pa_b$sfx'")/测试pb_p1$sfx"
post_page /org/users "$aj" --data-urlencode "username=pa_mism$sfx" --data-urlencode "display_name=不一致" \
    --data-urlencode "password=Initial#2026pw" --data-urlencode "confirm_password=Initial#2026px"
check "a mismatched confirmation is refused" body_has "两次输入的密码不一致"
check "nothing was created for a mismatch" [ -z "$(uid_of "pa_mism$sfx")" ]
check "no refused form was audited as a creation" same "$(changes_by "pa_adm$sfx")" 0

post_page /org/users "$aj" --data-urlencode "username=pa_new$sfx" --data-urlencode "display_name=新志愿者" \
    --data-urlencode "password=Initial#2026pw" --data-urlencode "confirm_password=Initial#2026pw"
check "the partner administrator creates a partner user (303)" status_is 303
new=$(uid_of "pa_new$sfx")
check "the user is in the administrator's organisation and its division" same "$(sql "SELECT CONCAT(org_id, '/', division_code) FROM users WHERE id='$new'")" "$orga/$town"
check "its only role is ngo_partner" same "$(roles_of "$new")" "ngo_partner"
check "it must change the password at first login" same "$(sql "SELECT CONCAT(must_change_password, active) FROM users WHERE id='$new'")" "11"
check "the creation is audited with the id and username" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='org.user.create' AND object_id='$new' AND username='pa_adm$sfx' AND detail LIKE 'username=pa_new$sfx %'")" 1
check "no password is in the audit log" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'org.user.%' AND (detail LIKE '%Initial#%' OR detail LIKE '%scrypt%')")" 0
req GET "/org/users/$new" -b "$aj"
check "the new user's page opens" sh -c "[ '$STATUS' = 200 ] && grep -qF '新志愿者' '$OUT/body'"

nj=$(login "pa_new$sfx" 'Initial#2026pw' "$OUT/pa_new")
req GET / -b "$nj"
check "the new user logs in and must change the password" header_has "Location: /account/password"
req GET /account/password -b "$nj"
post_page /account/password "$nj" --data-urlencode 'old_password=Initial#2026pw' \
    --data-urlencode 'new_password=Chosen#2026pw' --data-urlencode 'confirm_password=Chosen#2026pw'
req GET / -b "$nj"
check "after the change the new user reaches the home page" status_is 200
check "a partner user has no 本组织账户 in the menu" body_lacks 'href="/org/users"'
req GET /org/users -b "$nj"
check "a plain partner user gets 403 on /org/users" status_is 403
check "that denial is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND username='pa_new$sfx' AND object_id='/org/users'")" -ge 1 ]

# ---- disable, enable
req GET "/org/users/$new" -b "$aj"
post_page "/org/users/$new/disable" "$aj"
check "disabling succeeds (303)" status_is 303
check "the user is inactive" same "$(sql "SELECT active FROM users WHERE id=$new")" 0
req GET / -b "$nj"
check "the disabled user's cookie gets the login page" header_has "Location: /login"
check "its sessions are gone" same "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id=$new")" 0
login "pa_new$sfx" 'Chosen#2026pw' "$OUT/pa_new2" >/dev/null
check "a disabled user cannot log in" grep -q "用户名或密码错误" "$OUT/login_post.html"
check "disable is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='org.user.disable' AND object_id='$new' AND detail LIKE 'username=pa_new$sfx %'")" 1
req GET "/org/users/$new" -b "$aj"
check "the page offers 启用账户" body_has "/org/users/$new/enable"
post_page "/org/users/$new/enable" "$aj"
check "enabling succeeds (303)" status_is 303
check "enable is audited" same "$(audits org.user.enable "$new")" 1
nj=$(login "pa_new$sfx" 'Chosen#2026pw' "$OUT/pa_new")
req GET / -b "$nj"
check "the enabled user logs in again" status_is 200
req GET "/admin/users/$new" -b "$sj"
post_page "/admin/users/$new/disable" "$sj"
check "the security administrator disables the partner user" same "$(sql "SELECT CONCAT(active, '/', disabled_by_org) FROM users WHERE id=$new")" "0/0"
req GET "/org/users/$new" -b "$aj"
post_page "/org/users/$new/enable" "$aj"
check "the partner administrator cannot undo that (409, in Chinese)" eval 'status_is 409 && body_has "安全管理员停用"'
check "and the account stays disabled" same "$(sql "SELECT active FROM users WHERE id=$new")" 0
req GET "/admin/users/$new" -b "$sj"
post_page "/admin/users/$new/enable" "$sj"
check "the security administrator enables it again" same "$(sql "SELECT active FROM users WHERE id=$new")" 1
nj=$(login "pa_new$sfx" 'Chosen#2026pw' "$OUT/pa_new")

# ---- reset the password
before=$(hash_of "$new")
req GET "/org/users/$new" -b "$aj"
post_page "/org/users/$new/password" "$aj" --data-urlencode "password=abc" --data-urlencode "confirm_password=abc"
check "a weak reset password is refused in Chinese" body_has "至少需要 10 个字符"
check "and the password is unchanged" same "$(hash_of "$new")" "$before"
post_page "/org/users/$new/password" "$aj" --data-urlencode "password=Reset#2026given" --data-urlencode "confirm_password=Reset#2026given"
check "a password reset succeeds (303)" status_is 303
req GET / -b "$nj"
check "the reset ended the user's session" header_has "Location: /login"
nj=$(login "pa_new$sfx" 'Reset#2026given' "$OUT/pa_new")
req GET / -b "$nj"
check "after a reset the user must change the password" header_has "Location: /account/password"
check "reset is audited without the password" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='org.user.reset' AND object_id='$new' AND detail NOT LIKE '%Reset#%'")" 1

# ---- unlock
sql "UPDATE users SET failed_count = 3, locked_until = UTC_TIMESTAMP() + INTERVAL 10 MINUTE WHERE id=$p1"
login "pa_p1$sfx" "$PW" "$OUT/pa_p1" >/dev/null
check "a locked partner user cannot log in" grep -q "尝试过于频繁" "$OUT/login_post.html"
req GET "/org/users/$p1" -b "$aj"
check "the locked user shows as locked" body_has "已锁定"
check "the page's reset form posts to this user's password route" body_has "action=\"/org/users/$p1/password\""
post_page "/org/users/$p1/unlock" "$aj"
check "unlocking succeeds (303)" status_is 303
check "unlock clears the lock" same "$(sql "SELECT COUNT(*) FROM users WHERE id=$p1 AND locked_until IS NULL AND failed_count=0")" 1
check "unlock is audited" same "$(audits org.user.unlock "$p1")" 1
pj=$(login "pa_p1$sfx" "$PW" "$OUT/pa_p1")
req GET / -b "$pj"
check "the unlocked user logs in" status_is 200

# ---- targets outside the administrator's reach: 404, audited, nothing changed
for t in "$pb1:another organisation's user" "$gov:a government user of the organisation" \
         "$mix:a user with a government role besides ngo_partner" "$adm2:another partner administrator" \
         "$adm:the administrator itself"; do
    id=${t%%:*}; what=${t#*:}
    state=$(sql "SELECT CONCAT(active, '/', password_hash, '/', COALESCE(locked_until, '-')) FROM users WHERE id=$id")
    d0=$(denials "$id" "pa_adm$sfx")
    req GET "/org/users/$id" -b "$aj"
    check "GET of $what answers 404" status_is 404
    act "/org/users/$id/disable"
    check "disabling $what answers 404" status_is 404
    act "/org/users/$id/password" --data-urlencode "password=Hijack#2026pw" --data-urlencode "confirm_password=Hijack#2026pw"
    check "resetting the password of $what answers 404" status_is 404
    act "/org/users/$id/unlock"
    check "unlocking $what answers 404" status_is 404
    check "$what is unchanged" same "$(sql "SELECT CONCAT(active, '/', password_hash, '/', COALESCE(locked_until, '-')) FROM users WHERE id=$id")" "$state"
    check "the denials on $what are audited" same "$(denials "$id" "pa_adm$sfx")" "$((d0 + 4))"
done
check "the administrator still has its own session" sh -c "curl -s -o /dev/null -w '%{http_code}' -b '$aj' '$BASE/org/users' | grep -qx 200"
req GET /org/users/abc -b "$aj"
check "a malformed id answers 404" status_is 404
req GET /org/users/999999999 -b "$aj"
check "an unknown id answers the same 404" status_is 404
check "and is audited like the others" same "$(denials 999999999 "pa_adm$sfx")" 1

# ---- CSRF
req POST "/org/users/$p1/disable" -b "$aj" -H "Origin: $BASE"
check "a POST without the CSRF token is refused (403)" status_is 403
req POST /org/users -b "$aj" -H "Origin: $BASE" --data-urlencode "username=pa_csrf$sfx" \
    --data-urlencode "display_name=x" --data-urlencode "password=Initial#2026pw" --data-urlencode "confirm_password=Initial#2026pw"
check "a creation without the CSRF token is refused (403)" status_is 403
check "nothing changed without the token" sh -c "[ '$(sql "SELECT active FROM users WHERE id=$p1")' = 1 ] && [ -z '$(uid_of "pa_csrf$sfx")' ]"
check "the CSRF refusals are audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny.csrf' AND username='pa_adm$sfx'")" -ge 2 ]

# ---- an inactive organisation: a Chinese message, nothing else
cj=$(login "pc_adm$sfx" "$PW" "$OUT/pc_adm")
req GET /org/users -b "$cj"
check "the administrator of an inactive organisation sees a Chinese message" sh -c "[ '$STATUS' = 403 ] && grep -qF '社会组织已停用' '$OUT/body'"
req GET / -b "$cj"
post_page /org/users "$cj" --data-urlencode "username=pc_new$sfx" --data-urlencode "display_name=x" \
    --data-urlencode "password=Initial#2026pw" --data-urlencode "confirm_password=Initial#2026pw"
check "and cannot create a user" sh -c "[ '$STATUS' = 403 ] && [ -z '$(uid_of "pc_new$sfx")' ]"
check "the refusals are audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='org' AND username='pc_adm$sfx' AND detail='org.users: organisation inactive'")" -ge 2 ]
sql "UPDATE orgs SET active = 0 WHERE id = $orga"
req GET "/org/users/$p1" -b "$aj"
check "an organisation stopped later stops its administrator too" sh -c "[ '$STATUS' = 403 ] && grep -qF '社会组织已停用' '$OUT/body'"
sql "UPDATE orgs SET active = 1 WHERE id = $orga"

# ---- every change left exactly one audit row
check "every change by the partner administrator is audited (create, disable, enable, reset, unlock)" \
    same "$(changes_by "pa_adm$sfx")" 5

# leave the demo security administrator logged out, as the other test files expect
req GET /account/totp -b "$sj"
post_page /logout "$sj"
req GET / -b "$sj"
check "the security administrator is logged out again" header_has "Location: /login"
