# The request's transaction under database faults (issue 21, items 1, 2, 6):
# a write whose connection is killed while it waits on the audit chain head
# never answers success; a change whose audit row cannot be written does not
# happen, and a child's file whose read cannot be audited is not shown; a
# stalled statement ends with the host's 503 before request_timeout; a
# resubmitted form writes once; /healthz says "degraded" at once while
# writes are blocked.  Every lock and grant taken here is given back on exit
# (trap), since later test files share the instance.

uniq_tag=$(date +%s%N | tail -c 7)
dbsock="$TEST_DIR/run/mysqld.sock"
db_user=$(sed -n 's/^db_user *= *//p' "$TEST_DIR/portal.conf")
db_user=${db_user:-portal}
grant_sql="GRANT SELECT, INSERT ON portal.audit_log TO '$db_user'@'localhost'"
grant_sessions="GRANT SELECT, INSERT, UPDATE, DELETE ON portal.sessions TO '$db_user'@'localhost'"

# a root client holding a lock in the background until release_hold
HOLD_MARK="hold_$uniq_tag"
hold() { # hold "STATEMENTS"
    mariadb --socket="$dbsock" -uroot -N -B portal \
        -e "$1; SELECT SLEEP(30) AS $HOLD_MARK" >/dev/null 2>&1 &
    HOLDER=$!
    # the lock is taken once the client sleeps
    wait_for bash -c "[ -n \"\$(mariadb --socket='$dbsock' -uroot -N -B -e \"SELECT id FROM information_schema.processlist WHERE info LIKE '%AS $HOLD_MARK%' AND info NOT LIKE '%processlist%'\")\" ]"
}
release_hold() {
    local ids
    ids=$(sql "SELECT id FROM information_schema.processlist WHERE info LIKE '%AS $HOLD_MARK%' AND info NOT LIKE '%processlist%'")
    for i in $ids; do sql "KILL $i" 2>/dev/null; done
    [ -n "${HOLDER:-}" ] && wait "$HOLDER" 2>/dev/null
    HOLDER=
}
restore() {
    release_hold
    sql "$grant_sql" 2>/dev/null
    sql "$grant_sessions" 2>/dev/null
}
trap restore EXIT

# bg_post NAME PATH JAR TOKEN [curl args] : a post in the background -> $OUT/NAME.{status,body,headers}
bg_post() {
    local name=$1 path=$2 jar=$3 tok=$4; shift 4
    curl -s -o "$OUT/$name.body" -D "$OUT/$name.headers" -w '%{http_code}' --max-time 30 \
        -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" "$@" "$BASE$path" \
        >"$OUT/$name.status" &
    BG=$!
}
# the portal's connection waiting on the audit chain head (its row lock, taken by
# the trigger of audit_log since migration 032, which runs as its definer: the
# processlist shows that user), or nothing
waiter() {
    sql "SELECT id FROM information_schema.processlist WHERE (user = '$db_user' AND info LIKE '%audit_head%FOR UPDATE%') OR info LIKE 'UPDATE audit_head SET last_hash = NEW.hash%' LIMIT 1"
}
# kill_when FINDER: KILL the connection FINDER names as soon as there is one (at most ~1.5 s)
kill_when() {
    local i w
    for i in $(seq 1 60); do
        w=$($1)
        if [ -n "$w" ]; then sql "KILL $w"; return 0; fi
        sleep 0.025
    done
    return 1
}
kill_waiter() { kill_when waiter; }  # the portal's connection, once it waits
# post_under_hold LOCK KILLER NAME PATH JAR TOKEN [curl args]: bg_post while a
# root client holds LOCK; KILLER (kill_waiter, kill_committer or false) may
# kill the portal's connection meanwhile -> killed=1 when it did
post_under_hold() {
    local lock=$1 killer=$2; shift 2
    hold "$lock"
    bg_post "$@"
    killed=0; $killer && killed=1
    wait "$BG"
    release_hold
}
audit_head_lock="BEGIN; SELECT * FROM audit_head FOR UPDATE"
family_count() { sql "SELECT COUNT(*) FROM child_family WHERE child_id = $cid AND name = '$1'"; }
no_location() { ! grep -qi '^Location:' "$OUT/$1.headers"; }

tj=$(login township 'Town#2026portal')
name="可靠性$uniq_tag"
post /children/new "$tj" --data-urlencode "name=$name" --data "sex=1" --data "birth_date=2016-05-09" \
    --data-urlencode "ethnicity=土家族" --data "id_number=$(make_id 500242 20160509 1)" \
    --data "village_code=500242101001" --data-urlencode "hukou=酉阳县龙潭镇"
check "a child for these tests is created" status_is 303
cid=$(loc_id /children)

# every worker has a chain head (the /healthz probe looks at its own)
wait_for bash -c "curl -s -o /dev/null -b '$tj' '$BASE/children/$cid'; [ \"\$(mariadb --socket='$dbsock' -uroot -N -B portal -e 'SELECT COUNT(*) FROM audit_head WHERE id BETWEEN 1 AND 4')\" = 4 ]"

# ---- 1. the connection killed while the write waits on the audit chain head
tok=$(csrf "$tj")
member="王可靠$uniq_tag"
post_under_hold "$audit_head_lock" kill_waiter fam "/children/$cid/family" "$tj" "$tok" --data-urlencode "relation=父亲" \
    --data-urlencode "name=$member" --data "situation=normal" --data "is_guardian=0"
STATUS=$(cat "$OUT/fam.status")
check "the portal's connection was found waiting on the audit chain and killed" [ $killed = 1 ]
check "a family member whose transaction was lost is not acknowledged (503)" [ "$STATUS" = 503 ]
check "... no redirect is sent" no_location fam
check "... the page claims nothing" bash -c "! grep -qF '已添加家庭成员' '$OUT/fam.body' && grep -qF '没有保存' '$OUT/fam.body'"
check "... and nothing was stored" [ "$(family_count "$member")" = 0 ]
req GET "/children/$cid" -b "$tj"
check "the file page afterwards shows no success message and no member" \
    bash -c "[ $STATUS = 200 ] && ! grep -qF '已添加家庭成员' '$OUT/body' && ! grep -qF '$member' '$OUT/body'"

# the same for a new child: the 303 would have named an id that the rollback frees
tok=$(csrf "$tj")
lost="丢失$uniq_tag"
post_under_hold "$audit_head_lock" kill_waiter kid /children/new "$tj" "$tok" --data-urlencode "name=$lost" --data "sex=1" \
    --data "birth_date=2017-02-03" --data-urlencode "ethnicity=汉族" \
    --data "id_number=$(make_id 500242 20170203 1)" --data "village_code=500242101001" \
    --data-urlencode "hukou=酉阳县龙潭镇"
check "creating a child whose transaction was lost: the connection was killed" [ $killed = 1 ]
check "... answers 503, never 303 to the freed id" \
    bash -c "[ \"\$(cat '$OUT/kid.status')\" = 503 ] && ! grep -qi '^Location:' '$OUT/kid.headers'"
check "... and stores no child" [ "$(sql "SELECT COUNT(*) FROM children WHERE name = '$lost'")" = 0 ]

# ---- the COMMIT itself: held back by a backup lock, then failing or lost
block_commit="BACKUP STAGE START; BACKUP STAGE FLUSH; BACKUP STAGE BLOCK_DDL; BACKUP STAGE BLOCK_COMMIT"
committer() {
    sql "SELECT id FROM information_schema.processlist WHERE user = '$db_user' AND info = 'COMMIT' LIMIT 1"
}
kill_committer() { kill_when committer; }
# a commit that fails (the backup lock outlasts the lock wait): 503, nothing claimed
tok=$(csrf "$tj")
member5="周提交$uniq_tag"
post_under_hold "$block_commit" false cf "/children/$cid/family" "$tj" "$tok" --data-urlencode "relation=姑姑" \
    --data-urlencode "name=$member5" --data "situation=normal" --data "is_guardian=0"
check "a failed COMMIT answers 503 and claims nothing" \
    bash -c "[ \"\$(cat '$OUT/cf.status')\" = 503 ] && ! grep -qi '^Location:' '$OUT/cf.headers' && grep -qF '没有保存' '$OUT/cf.body'"
check "... and nothing was stored" [ "$(family_count "$member5")" = 0 ]
# the connection lost during COMMIT, no idempotency token: the outcome is unknown and said so
tok=$(csrf "$tj")
member6="吴未知$uniq_tag"
post_under_hold "$block_commit" kill_committer cl "/children/$cid/family" "$tj" "$tok" --data-urlencode "relation=舅舅" \
    --data-urlencode "name=$member6" --data "situation=normal" --data "is_guardian=0"
check "the portal's connection was killed during COMMIT" [ $killed = 1 ]
check "... the answer is 503 'may have been saved: check before retrying'" \
    bash -c "[ \"\$(cat '$OUT/cl.status')\" = 503 ] && ! grep -qi '^Location:' '$OUT/cl.headers' && grep -qF '可能已保存，请先核对再重试' '$OUT/cl.body'"
# the same with the form's idempotency token: the host looks and knows it was not saved
req GET "/children/$cid" -b "$tj"
form_csrf=$(csrf_of_body)
form_idem=$(sed -n 's/.*name="_idem" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -n1)
member7="郑核对$uniq_tag"
post_under_hold "$block_commit" kill_committer ck "/children/$cid/family" "$tj" "$form_csrf" --data-urlencode "_idem=$form_idem" \
    --data-urlencode "relation=舅舅" --data-urlencode "name=$member7" --data "situation=normal" \
    --data "is_guardian=0"
check "with an idempotency token the lost COMMIT is checked: not saved, and said so" \
    bash -c "[ $killed = 1 ] && [ \"\$(cat '$OUT/ck.status')\" = 503 ] && grep -qF '没有保存' '$OUT/ck.body'"
check "... truthfully" [ "$(family_count "$member7")" = 0 ]

# ---- a stalled statement: the host answers 503 before request_timeout (4 s here)
log_lines=$(wc -l <"$TEST_DIR/log/portal.log")
hold "$audit_head_lock"
t0=$(date +%s%N)
req GET "/children/$cid" -b "$tj"
t1=$(date +%s%N)
release_hold
echo "  measured: a read stalled on the audit chain lock answered $STATUS after $(( (t1 - t0) / 1000000 )) ms (request_timeout 4000 ms)"
check "a read that waits on a held audit lock ends with the host's 503" status_is 503
check "... before request_timeout (the database timeouts are shorter)" [ $(( (t1 - t0) / 1000000 )) -lt 4000 ]
check "... the file is not shown" body_lacks "$name"
check "... and says why in Chinese" body_has "暂不显示"
check "... and the master did not have to kill a worker" \
    bash -c "! tail -n +$((log_lines + 1)) '$TEST_DIR/log/portal.log' | grep -q PT0613"

# ---- 2. the audit log refuses the portal's INSERT
member2="赵审计$uniq_tag"
reads_before=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'child.read' AND object_id = '$cid'")
aj=$(login admin 'Admin#2026portal')
atok=$(csrf "$aj")
sql "REVOKE INSERT ON portal.audit_log FROM '$db_user'@'localhost'"
post "/children/$cid/family" "$tj" --data-urlencode "relation=母亲" --data-urlencode "name=$member2" \
    --data "situation=normal" --data "is_guardian=0"
check "a change whose audit row cannot be written answers 503" status_is 503
check "... claims nothing" body_lacks "已添加家庭成员"
check "... and did not happen" [ "$(family_count "$member2")" = 0 ]
# a handler that writes in autocommit (the test module's note): the host
# makes its write and its audit row one transaction
note="note-$uniq_tag"
req POST /_test/note -b "$aj" -H "Origin: $BASE" --data-urlencode "_csrf=$atok" --data-urlencode "body=$note"
check "an autocommit write whose audit row cannot be written answers 503" status_is 503
check "... and is not kept" [ "$(sql "SELECT COUNT(*) FROM test_notes WHERE body = '$note'")" = 0 ]
req GET "/children/$cid" -b "$tj"
check "a child's file whose read cannot be audited is refused (503)" status_is 503
check "... and not shown" body_lacks "$name"
sql "$grant_sql"
req GET "/children/$cid" -b "$tj"
check "with the grant back the file opens again" status_is 200
check "... and its read is audited" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'child.read' AND object_id = '$cid'")" -gt "$reads_before" ]
req POST /_test/note -b "$aj" -H "Origin: $BASE" --data-urlencode "_csrf=$atok" --data-urlencode "body=$note"
check "with the grant back the note is kept, with its audit row" \
    bash -c "[ $STATUS = 303 ] && [ \"\$(mariadb --socket='$dbsock' -uroot -N -B portal -e \"SELECT COUNT(*) FROM test_notes n JOIN audit_log a ON a.action = 'testkit.note' AND a.object_id = n.id WHERE n.body = '$note'\")\" = 1 ]"
check "the audit chain is intact after the faults" \
    bash -c "'$ROOT/build/portalctl' --config '$TEST_DIR/portal.conf' audit verify >/dev/null"

# the flash (the next page's message) cannot be written: the change does not happen either
member8="冯消息$uniq_tag"
tok=$(csrf "$tj")
sql "REVOKE UPDATE ON portal.sessions FROM '$db_user'@'localhost'"
req POST "/children/$cid/family" -b "$tj" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
    --data-urlencode "relation=爷爷" --data-urlencode "name=$member8" --data "situation=normal"
sql "$grant_sessions"
check "a change whose flash cannot be written answers 503" status_is 503
check "... and did not happen" [ "$(family_count "$member8")" = 0 ]

# denials are still recorded when the handler's work is rolled back
other=$(sql "SELECT id FROM children WHERE village_code NOT LIKE '500242101%' LIMIT 1")
if [ -n "$other" ]; then
    denials=$(audits deny "$other")
    post "/children/$other/family" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=越权$uniq_tag" \
        --data "situation=normal"
    check "a write outside the scope is 404" status_is 404
    check "... and its denial is audited" [ "$(audits deny "$other")" -gt "$denials" ]
fi

# ---- 6.1 a resubmitted form is recognised and writes once
req GET "/children/$cid" -b "$tj"
form_csrf=$(csrf_of_body)
form_idem=$(sed -n 's/.*name="_idem" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -n1)
check "forms carry an idempotency token" [ -n "$form_idem" ]
member3="钱重复$uniq_tag"
submit() {
    req POST "/children/$cid/family" -b "$tj" -H "Origin: $BASE" --data-urlencode "_csrf=$form_csrf" \
        --data-urlencode "_idem=$form_idem" --data-urlencode "relation=叔叔" \
        --data-urlencode "name=$1" --data "situation=normal" --data "is_guardian=0"
}
submit "$member3"
check "the first submission writes" bash -c "[ $STATUS = 303 ] && [ $(family_count "$member3") = 1 ]"
first_loc=$(grep -i '^Location:' "$OUT/headers" | tr -d '\r')
submit "$member3"
check "the same form sent again is answered with the original redirect" \
    bash -c "[ $STATUS = 303 ] && [ \"\$(grep -i '^Location:' '$OUT/headers' | tr -d '\r')\" = '$first_loc' ]"
check "... and writes nothing more" [ "$(family_count "$member3")" = 1 ]
req GET "/children/$cid" -b "$tj"
check "... the page says the operation was already done" body_has "此操作已完成"
check "the key is kept in request_tokens with an expiry" \
    [ "$(sql "SELECT COUNT(*) FROM request_tokens WHERE expires_at > UTC_TIMESTAMP() AND location LIKE '/children/$cid%'")" -ge 1 ]
member4="孙另一$uniq_tag"
submit "$member4"
check "another form of the same page (other fields) is not taken for a resubmission" \
    bash -c "[ $STATUS = 303 ] && [ $(family_count "$member4") = 1 ]"

# the same form sent twice at once: both answered with the redirect, one row
req GET "/children/$cid" -b "$tj"
form_csrf=$(csrf_of_body)
form_idem=$(sed -n 's/.*name="_idem" value="\([^"]*\)".*/\1/p' "$OUT/body" | head -n1)
member9="陈并发$uniq_tag"
bg_post d1 "/children/$cid/family" "$tj" "$form_csrf" --data-urlencode "_idem=$form_idem" \
    --data-urlencode "relation=叔叔" --data-urlencode "name=$member9" --data "situation=normal"
b1=$BG
bg_post d2 "/children/$cid/family" "$tj" "$form_csrf" --data-urlencode "_idem=$form_idem" \
    --data-urlencode "relation=叔叔" --data-urlencode "name=$member9" --data "situation=normal"
wait "$b1" "$BG"
check "two copies of one submission at once both answer 303" \
    bash -c "[ \"\$(cat '$OUT/d1.status')\" = 303 ] && [ \"\$(cat '$OUT/d2.status')\" = 303 ]"
check "... and write once" [ "$(family_count "$member9")" = 1 ]

# ---- 6.2 /healthz answers at once whatever the database does
req GET /healthz
check "/healthz says ok normally" bash -c "[ $STATUS = 200 ] && grep -q '^ok' '$OUT/body'"
hold "FLUSH TABLES WITH READ LOCK"
t=$(curl -s -o "$OUT/hz" -w '%{http_code} %{time_total}' --max-time 10 "$BASE/healthz")
release_hold
echo "  measured: /healthz under FLUSH TABLES WITH READ LOCK: status and seconds $t, $(head -c 60 "$OUT/hz")"
check "/healthz under FLUSH TABLES WITH READ LOCK answers (200) within 2 s" \
    awk -v t="$t" 'BEGIN { split(t, a, " "); exit !(a[1] == 200 && a[2] < 2.0) }'
check "... and reports degraded" grep -q '^degraded' "$OUT/hz"
hold "$audit_head_lock"
t=$(curl -s -o "$OUT/hz" -w '%{http_code} %{time_total}' --max-time 10 "$BASE/healthz")
release_hold
check "/healthz with the audit chain heads locked answers within 2 s, degraded" \
    bash -c "awk -v t='$t' 'BEGIN { split(t, a, \" \"); exit !(a[1] == 200 && a[2] < 2.0) }' && grep -q '^degraded' '$OUT/hz'"
req GET /healthz
check "/healthz is ok again once the locks are gone" bash -c "[ $STATUS = 200 ] && grep -q '^ok' '$OUT/body'"
