# The layout's head kept per worker (render.c head_put, issue 17): a worker
# keeps the heads it rendered, each under every value the head prints (the
# title, the site, the user and their office, the session's CSRF token, the
# unread notices, the menu's entries and which is active), and writes each
# page's fresh idempotency token over the one the head was rendered with.
# Checked through every worker (par_*: more requests than workers, after
# each has served the page): whatever changes what the head prints is on
# every worker's next answer, and no user ever gets another's head.  (The
# unread notices' badge: test_session_statement.)
# Sourced by tests/run.sh.
sfx=$(date +%s%N | tail -c 7)
PW='Headkept#2026portal'
HU="hk$sfx"
add_user "$HU" --display-name "页头甲$sfx" --role township_staff --division 500242101000 --org lt_gov --password "$PW"
hj=$(login "$HU" "$PW" "$OUT/jar.hk")
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username = 'county'"
cj=$(login county 'County#2026portal' "$OUT/jar.hkc")
check "the new user's name is in every worker's head" par_say "$hj" "/" "<span class=\"user\">页头甲$sfx</span>"

# the idempotency token: fresh on every page, the same in every form of it
# (the head's logout form and the page's own)
idems=$OUT/hk.idems
: >"$idems"
for i in $(seq 1 16); do
    req GET /children/new -b "$hj"
    grep -o 'name="_idem" value="[^"]*"' "$OUT/body" | sort -u | wc -l >>"$idems.per"
    grep -o 'name="_idem" value="[^"]*"' "$OUT/body" | head -n1 >>"$idems"
done
check "16 pages: one token in all the forms of each (the head's and the page's)" \
    same "$(sort -u "$idems.per" | tr '\n' ' ')" "1 "
check "... and 16 different tokens" same "$(sort -u "$idems" | wc -l)" 16
check "... each a fresh one (22 characters)" \
    same "$(grep -c 'value="[A-Za-z0-9_-]\{22\}"' "$idems")" 16
# every worker draws its tokens from a pool of its own (crypto.c
# random_token): pages served at once by all the workers, and by workers
# forked since (a restart), never share a token
par_idems() { # the first _idem token of each of PAR concurrent GETs of /children/new
    seq 1 "$PAR" | xargs -P 8 -I{} sh -c 'curl -s -b "$1" "$2" | grep -o "name=\"_idem\" value=\"[^\"]*\"" | head -n1' _ "$hj" "$BASE/children/new"
}
par_idems >"$idems.par"
restart_portal
par_idems >>"$idems.par"
check "$((PAR * 2)) pages from every worker, before and after a restart: $((PAR * 2)) tokens" \
    same "$(grep -c 'value="[A-Za-z0-9_-]\{22\}"' "$idems.par") $(sort -u "$idems.par" | wc -l)" "$((PAR * 2)) $((PAR * 2))"

# the head's CSRF token is the session's own: the logout form it holds works
# and another user never gets it
req GET / -b "$hj"
htok=$(csrf_of_body)
check "the head's logout form carries the session's CSRF token" \
    same "$(sql "SELECT csrf_token FROM sessions WHERE user_id = $(uid_of "$HU") ORDER BY created_at DESC LIMIT 1")" "$htok"
check "the county user's heads never hold it (every worker)" par_none "$cj" "/" "$htok"
check "... nor the new user's name" par_none "$cj" "/" "页头甲$sfx"
check "the county user's name is on every worker" par_say "$cj" "/" "<span class=\"user\">$(sql "SELECT display_name FROM users WHERE username = 'county'")</span>"

# the active menu entry follows the page
check "on the list every worker marks 儿童台账 active" \
    par_say "$hj" "/children" '<li class="active"><a href="/children">儿童台账</a>'
check "... and on the home page 首页" par_say "$hj" "/" '<li class="active"><a href="/">首页</a>'
check "... where 儿童台账 is not active" par_none "$hj" "/" '<li class="active"><a href="/children">'
# two pages of one title (a refusal's) in two sections: each its own entry
check "a refusal under /children marks 儿童台账 on every worker" \
    par_say "$hj" "/children/99999999" '<li class="active"><a href="/children">'
check "... and one under /medical, of the same title, 医疗保障" \
    par_say "$hj" "/medical/nope" '<li class="active"><a href="/medical">'
check "... and not 儿童台账" par_none "$hj" "/medical/nope" '<li class="active"><a href="/children">'

# the user's name and office, changed: on every worker's next head
sql "UPDATE users SET display_name = '页头乙$sfx' WHERE username = '$HU'"
check "a new name: every worker's next head shows it" par_say "$hj" "/" "<span class=\"user\">页头乙$sfx</span>"
check "... and none the old one" par_none "$hj" "/" "页头甲$sfx"

# a permission taken away: its menu entry leaves every worker's head
check "the township user's menu has 新建档案" par_say "$hj" "/" 'href="/children/new"'
rid=$(sql "SELECT r.id FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = $(uid_of "$HU") LIMIT 1")
sql "DELETE FROM user_roles WHERE user_id = $(uid_of "$HU")"
check "its roles taken: no worker's head has 新建档案" par_none "$hj" "/" 'href="/children/new"'
sql "INSERT INTO user_roles (user_id, role_id) VALUES ($(uid_of "$HU"), $rid)"
check "given back: every worker's head has it again" par_say "$hj" "/" 'href="/children/new"'

# one permission swapped for another: as many menu entries as before, so
# only the permissions in the key tell the two menus apart
base="SELECT perm FROM role_perms WHERE role_id = $rid AND perm NOT IN ('registry.edit', 'registry.import')"
for x in a:registry.edit b:registry.import; do
    sql "INSERT INTO roles (code, name) VALUES ('hk${x%%:*}$sfx', '页头角色${x%%:*}$sfx')"
    sql "INSERT INTO role_perms (role_id, perm) SELECT r.id, p.perm FROM roles r, ($base UNION SELECT '${x#*:}') p
         WHERE r.code = 'hk${x%%:*}$sfx'"
done
sql "DELETE FROM user_roles WHERE user_id = $(uid_of "$HU")"
sql "INSERT INTO user_roles (user_id, role_id) SELECT $(uid_of "$HU"), id FROM roles WHERE code = 'hka$sfx'"
check "with registry.edit alone every worker's head has 新建档案" par_say "$hj" "/" 'href="/children/new"'
check "... and not 导入台账" par_none "$hj" "/" 'href="/children/import"'
sql "UPDATE user_roles SET role_id = (SELECT id FROM roles WHERE code = 'hkb$sfx') WHERE user_id = $(uid_of "$HU")"
check "swapped for registry.import: every worker's head has 导入台账" par_say "$hj" "/" 'href="/children/import"'
check "... and none 新建档案" par_none "$hj" "/" 'href="/children/new"'
sql "DELETE FROM user_roles WHERE user_id = $(uid_of "$HU")"
sql "INSERT INTO user_roles (user_id, role_id) VALUES ($(uid_of "$HU"), $rid)"
sql "DELETE FROM roles WHERE code IN ('hka$sfx', 'hkb$sfx')"

# a flash is printed by the head once, then gone from every worker's head
req GET /account/password -b "$hj"
post_page /account/password "$hj" --data-urlencode "old_password=$PW" \
    --data-urlencode "new_password=${PW}x" --data-urlencode "confirm_password=${PW}x"
req GET / -b "$hj"
check "a flash after a change is in the next head" body_has 'class="flash"'
check "... and in no worker's head after it" par_none "$hj" "/" 'class="flash"'
