# What issue 17 keeps per worker or reads less often, checked through the
# real stack (Apache -> every worker -> MariaDB): a settings value saved
# through the form, or written by SQL, is seen by the next request of every
# worker; a read's audit row (one INSERT from the worker's remembered chain
# head) keeps every chain verifiable under concurrent reads and after a
# head that moved under the worker; the file page's panels show a module's
# rows once the child has some, and nothing when it has none; revocation
# (logout, a disabled user, a role taken away) is seen by the next request.
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
yuan=$((3000 + sfx % 1000))
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
