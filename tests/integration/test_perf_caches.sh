# What issue 17 keeps per worker or reads less often, checked through the
# real stack (Apache -> every worker -> MariaDB): a settings value saved
# through the form, or written by SQL, is seen by the next request of every
# worker; a read's audit row (one INSERT from the worker's remembered chain
# head) keeps every chain verifiable under concurrent reads and after a
# head that moved under the worker; the file page's panels show a module's
# rows once the child has some, and nothing when it has none; revocation
# (logout, a disabled user, a role taken away) is seen by the next request;
# the session cache per worker: a name, a permission, a role, a township, a
# password (changed or reset), idle and absolute expiry, disabling and logout
# are seen by the next request of every worker, under concurrent requests,
# and so is the menu each worker keeps for the permissions it last showed.
# Sourced by tests/run.sh.

sfx=$(date +%s%N | tail -c 7)
PW='Perfcache#2026portal'
MA="pcadm$sfx"
ROUNDS=16 # requests per step: more than the instance's workers, so each one answers
add_user "$MA" --display-name 缓存测试管理员 --role module_admin --division 500242000000 --org mz --password "$PW"
aj=$(login admin 'Admin#2026portal' "$OUT/jar.pa")
post /admin/module-admins "$aj" --data-urlencode module=testkit --data-urlencode "username=$MA"
mj=$(login "$MA" "$PW" "$OUT/jar.pm")

# every one of ROUNDS answers of GET PATH (jar JAR) holds TEXT
all_say() { # all_say JAR PATH TEXT
    local i
    for i in $(seq 1 $ROUNDS); do
        req GET "$2" -b "$1"
        grep -qF -- "$3" "$OUT/body" || return 1
    done
}

# ------------------------------------------------ settings: per-worker cache
far=2098-01-01
yuan=$((3000 + 10#$sfx % 1000)) # sfx may start with 0: decimal
all_say "$aj" "/_test/setting?code=allowance&on=2099-06-01" "int=" # every worker has the values cached
before=$(sed -n 's/.*int=\([0-9]*\).*/\1/p' "$OUT/body" | head -n1)
check "a far day's value is known to the workers before the change" [ -n "$before" ]
v0=$(sql "SELECT version FROM cache_versions WHERE name='settings'")
post /admin/settings/testkit/value "$mj" --data-urlencode code=allowance --data-urlencode "value=$yuan" \
    --data-urlencode "valid_from=$far" --data-urlencode "note=缓存测试"
check "a value saved through the form answers 303" status_is 303
check "... and moves the settings version" [ "$(sql "SELECT version FROM cache_versions WHERE name='settings'")" -gt "$v0" ]
check "... every worker's next request gives the new value" all_say "$aj" "/_test/setting?code=allowance&on=2099-06-01" "int=${yuan}00"
check "... and the day before it still the old one" all_say "$aj" "/_test/setting?code=allowance&on=2097-12-31" "int="
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES ('testkit', 'allowance', '2098-06-01', '424242', 1, UTC_TIMESTAMP())"
check "a value written by SQL is seen by every worker's next request" all_say "$aj" "/_test/setting?code=allowance&on=2099-06-01" "int=424242"
sql "DELETE FROM setting_values WHERE module='testkit' AND code='allowance' AND valid_from >= '2098-01-01'"
check "values removed by SQL are gone from every worker's next answer" all_say "$aj" "/_test/setting?code=allowance&on=2099-06-01" "int=$before"

# ------------------------------------------------ the audit write: one INSERT per read
tj=$(login township 'Town#2026portal' "$OUT/jar.pt")
post /children/new "$tj" --data-urlencode "name=缓存$sfx" --data "sex=1" --data "birth_date=2016-05-09" \
    --data-urlencode "ethnicity=土家族" --data "id_number=$(make_id 500242 20160509 1)" \
    --data "village_code=500242101001" --data-urlencode "hukou=酉阳县龙潭镇"
cid=$(loc_id /children)
check "a child for these checks is filed" [ -n "$cid" ]
n0=$(audits child.read "$cid")
for i in $(seq 1 $ROUNDS); do req GET "/children/$cid" -b "$tj"; done
check "each read of a file is one audit row" same "$(audits child.read "$cid")" $((n0 + ROUNDS))
seq 1 40 | xargs -P 8 -I{} curl -s -o /dev/null -b "$tj" "$BASE/children/$cid"
check "40 concurrent reads: 40 more rows" same "$(audits child.read "$cid")" $((n0 + ROUNDS + 40))
check "the chains verify after concurrent reads" bash -c "build/portalctl --config '$TEST_DIR/portal.conf' audit verify | grep -q intact"
# another writer on a worker's chain (portalctl's rows go to chain 0, so
# write a row the way a second process on chain 1 would): the worker's
# remembered head is stale, its INSERT is refused by the trigger, it reads
# the head again and the chain stays whole
build/portalctl --config "$TEST_DIR/portal.conf" audit verify >/dev/null
for ch in $(sql "SELECT id FROM audit_head WHERE id BETWEEN 1 AND 8"); do
    head=$(sql "SELECT last_hash FROM audit_head WHERE id = $ch")
    sql "SET @at = DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%d %H:%i:%s.%f');
         INSERT INTO audit_log (chain, at, user_id, username, action, object_type, object_id, detail, ip, prev_hash, hash)
         VALUES ($ch, @at, 0, NULL, 'test.other_writer', NULL, NULL, NULL, NULL, '$head',
                 SHA2(CONCAT('chain $ch', CHAR(31), '$head', CHAR(31), @at, CHAR(31), '0', CHAR(31), CHAR(31),
                             'test.other_writer', CHAR(31), CHAR(31), CHAR(31), CHAR(31), CHAR(31)), 256))"
done
check "a row by another writer moves the heads (the trigger accepts a row on the head)" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log l JOIN audit_head h ON h.id = l.chain AND h.last_id = l.id WHERE l.action='test.other_writer'")" -ge 1 ]
n1=$(audits child.read "$cid")
for i in $(seq 1 $ROUNDS); do req GET "/children/$cid" -b "$tj"; done
check "reads after the head moved under the workers are all shown" status_is 200
check "... and all audited" same "$(audits child.read "$cid")" $((n1 + ROUNDS))
check "... each on the head it found: no row of a chain shares a prev_hash" \
    same "$(sql "SELECT COUNT(*) FROM (SELECT chain, prev_hash FROM audit_log GROUP BY chain, prev_hash HAVING COUNT(*) > 1) d")" 0
check "portalctl audit verify: every chain intact" bash -c "build/portalctl --config '$TEST_DIR/portal.conf' audit verify | grep -q intact"

# ------------------------------------------------ panels: a table the child has no row in costs no query
kid=$cid
req GET "/children/$kid" -b "$tj"
check "a child without donations: the file opens" status_is 200
check "... its donations panel has no rows" bash -c "! grep -qF '缓存测试捐赠$sfx' '$OUT/body'"
sql "INSERT INTO volunteer_donations (donor, child_id, money_fen, pledged_date, status, created_at, created_by) VALUES ('缓存测试捐赠$sfx', $kid, 12345, '2026-01-05', 'pledged', UTC_TIMESTAMP(), 1)"
check "a donation then shows on every worker's next file page" all_say "$tj" "/children/$kid" "缓存测试捐赠$sfx"
check "... with its total" body_has '认捐金额合计 123.45 元'
sql "DELETE FROM volunteer_donations WHERE donor='缓存测试捐赠$sfx'"

# ------------------------------------------------ revocation: the next request sees it
RV="pcrv$sfx"
add_user "$RV" --display-name 撤销测试 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
rj=$(login "$RV" "$PW" "$OUT/jar.prv")
check "a signed-in user opens the list on every worker" all_say "$rj" "/children" "儿童台账"
sql "DELETE ur FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE u.username='$RV'"
req GET /children -b "$rj"
check "a role taken away: the next request is refused" status_is 403
check "... on every worker" bash -c 'for i in $(seq 1 '$ROUNDS'); do [ "$(curl -s -o /dev/null -w "%{http_code}" -b "'"$rj"'" "'"$BASE"'/children")" = 403 ] || exit 1; done'
sql "INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE u.username='$RV' AND r.code='township_staff'"
check "the role given back: every worker lets the user in again" all_say "$rj" "/children" "儿童台账"
sql "UPDATE users SET active = 0 WHERE username='$RV'"
check "a disabled user: every worker's next request goes to the login page" \
    bash -c 'for i in $(seq 1 '$ROUNDS'); do [ "$(curl -s -o /dev/null -w "%{http_code}" -b "'"$rj"'" "'"$BASE"'/children")" = 303 ] || exit 1; done'
sql "UPDATE users SET active = 1 WHERE username='$RV'"
rj=$(login "$RV" "$PW" "$OUT/jar.prv")
post /logout "$rj"
check "after logout every worker's next request goes to the login page" \
    bash -c 'for i in $(seq 1 '$ROUNDS'); do [ "$(curl -s -o /dev/null -w "%{http_code}" -b "'"$rj"'" "'"$BASE"'/children")" = 303 ] || exit 1; done'

# ------------------------------------------------ the session cache (issue 17): every worker keeps
# the signed-in user (roles, permissions, scope, names) by session and checks one version
# with the session's row; whatever changes the user is seen by the next request of every
# worker.  Concurrent requests (more than the instance's workers) warm every worker first
# (par_* in tests/lib.sh).
SC="pcsc$sfx"
sql "INSERT INTO roles (code, name) VALUES ('pcr$sfx', '缓存测试角色');
     INSERT INTO role_perms (role_id, perm) SELECT r2.id, rp.perm FROM roles r2, role_perms rp
       JOIN roles r ON r.id = rp.role_id AND r.code = 'township_staff' WHERE r2.code = 'pcr$sfx'"
add_user "$SC" --display-name 会话缓存甲 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
sql "DELETE ur FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE u.username='$SC';
     INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE u.username='$SC' AND r.code='pcr$sfx'"
sj=$(login "$SC" "$PW" "$OUT/jar.psc")
check "cache: every worker serves the user's file page, concurrently" par_say "$sj" "/children/$kid" "缓存$sfx"
sql "UPDATE users SET display_name = '会话缓存乙' WHERE username='$SC'"
check "a name changed by SQL: every worker's next page shows it" par_say "$sj" "/" "会话缓存乙"
check "... with 儿童台账 in every worker's menu" par_say "$sj" "/" 'href="/children">儿童台账<'
sql "DELETE rp FROM role_perms rp JOIN roles r ON r.id = rp.role_id WHERE r.code='pcr$sfx' AND rp.perm='registry.view'"
check "a permission taken from the user's role: every worker refuses at once" par_all "$sj" "/children/$kid" 403
# the menu each worker keeps for the last permissions it showed (render.c menu_of)
check "... and no worker's menu shows its entry 儿童台账 any more" par_none "$sj" "/" 'href="/children">儿童台账<'
sql "INSERT INTO role_perms (role_id, perm) SELECT id, 'registry.view' FROM roles WHERE code='pcr$sfx'"
check "... given back: every worker lets the user in" par_say "$sj" "/children/$kid" "缓存$sfx"
check "... and every worker's menu shows 儿童台账 again" par_say "$sj" "/" 'href="/children">儿童台账<'
sql "DELETE FROM roles WHERE code='pcr$sfx'"
check "the user's role deleted (its rows go by a cascade): every worker refuses" par_all "$sj" "/children/$kid" 403
sql "INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE u.username='$SC' AND r.code='township_staff'"
check "... another role given: every worker lets the user in" par_say "$sj" "/children/$kid" "缓存$sfx"
sql "UPDATE users SET division_code = '500242102000' WHERE username='$SC'"
check "moved to another township: no worker opens a 龙潭镇 child any more (404, as for any child out of scope)" par_all "$sj" "/children/$kid" 404
sql "UPDATE users SET division_code = '500242101000' WHERE username='$SC'"
check "... moved back: every worker opens it" par_say "$sj" "/children/$kid" "缓存$sfx"
sql "UPDATE users SET must_change_password = 1 WHERE username='$SC'"
check "a password reset by SQL (must change): every worker sends the user to the password form" \
    par_all "$sj" "/children/$kid" 303
sql "UPDATE users SET must_change_password = 0 WHERE username='$SC'"

# the password changed through the form in one session ends the user's other
# session on every worker; the session that changed it goes on
sj2=$(login "$SC" "$PW" "$OUT/jar.psc2")
check "a second session of the user: every worker serves it" par_say "$sj2" "/children/$kid" "缓存$sfx"
par_say "$sj" "/children/$kid" "缓存$sfx"
post /account/password "$sj" --data-urlencode "old_password=$PW" --data-urlencode "new_password=Perfcache#2027portal" \
    --data-urlencode "confirm_password=Perfcache#2027portal"
check "the password changed through the form answers 303" status_is 303
check "... the other session: every worker's next request goes to the login page" par_all "$sj2" "/children/$kid" 303
check "... the session that changed it: every worker still serves it" par_say "$sj" "/children/$kid" "缓存$sfx"
oj=$(login "$SC" "$PW" "$OUT/jar.psc3")
check "... and the old password no longer logs in" bash -c "! grep -q psid '$oj'"

# expiry is the session row's, read on every request: idle and absolute
sql "UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.last_seen = UTC_TIMESTAMP() - INTERVAL 120 SECOND WHERE u.username='$SC'"
req GET "/children/$kid" -b "$sj"
check "a session idle for two minutes is served" status_is 200
check "... and its last_seen moves to now (idle timeout counts from here)" \
    same "$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username='$SC' AND s.last_seen > UTC_TIMESTAMP() - INTERVAL 30 SECOND")" 1
sql "UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.last_seen = UTC_TIMESTAMP() - INTERVAL 1801 SECOND WHERE u.username='$SC'"
check "idle past session_idle: every worker's next request goes to the login page" par_all "$sj" "/children/$kid" 303
sj=$(login "$SC" "Perfcache#2027portal" "$OUT/jar.psc")
check "signed in again: every worker serves the new session" par_say "$sj" "/children/$kid" "缓存$sfx"
sql "UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.created_at = UTC_TIMESTAMP() - INTERVAL 43201 SECOND WHERE u.username='$SC'"
check "older than session_absolute: every worker's next request goes to the login page" par_all "$sj" "/children/$kid" 303
sj=$(login "$SC" "Perfcache#2027portal" "$OUT/jar.psc")
par_say "$sj" "/children/$kid" "缓存$sfx"
tok=$(csrf "$sj")
check "the form's CSRF token is the session's" same "$tok" "$(sql "SELECT s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username='$SC' ORDER BY s.created_at DESC LIMIT 1")"
sql "UPDATE users SET active = 0 WHERE username='$SC'"
check "disabled while every worker holds the user: all refuse at once, concurrently" par_all "$sj" "/children/$kid" 303
sql "UPDATE users SET active = 1 WHERE username='$SC'"
sj=$(login "$SC" "Perfcache#2027portal" "$OUT/jar.psc")
par_say "$sj" "/children/$kid" "缓存$sfx"
post /logout "$sj"
check "logout while every worker holds the session: all refuse, concurrently" par_all "$sj" "/children/$kid" 303

# a village director's set of villages is cached with the user's columns
# (test_session_statement): no 'user_scopes' version, and the only
# triggers on user_scope_divisions are core 040's, which move 'sessions'
check "no cache version of village sets; user_scope_divisions' triggers move 'sessions'" \
    same "$(sql "SELECT (SELECT COUNT(*) FROM cache_versions WHERE name = 'user_scopes'), (SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = 'portal' AND event_object_table = 'user_scope_divisions' AND action_statement LIKE '%name = ''sessions''%')")" "$(printf '0\t3')"
