# ABI 2.0 routes (issue 9): typed path arguments, route objects (the child,
# an application, a module's loader) with the same audited 404 for absent
# and out of scope, the child's services (child, child_event,
# child_category), and the host's transaction: a 4xx undoes the handler's
# writes while its denials, reads and kept counters stay.  Driven through
# Apache against the testkit module (tests/modules/testkit).

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
denials() { # OBJECT_TYPE OBJECT_ID DETAIL-LIKE -> count of deny rows
    sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='$1' AND object_id='$2' AND detail LIKE '$3'"
}
strip() { sed -e 's/value="[^"]*"//g' -e 's/content="[^"]*"//g' "$OUT/body"; }

sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
add_user "ka_$tag" --display-name 龙潭镇测试员 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
add_user "kb_$tag" --display-name 麻旺镇测试员 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
aj=$(login "ka_$tag" "$PW" "$OUT/jar.a")
bj=$(login "kb_$tag" "$PW" "$OUT/jar.b")
new_child() { # NAME VILLAGE TOWNSHIP -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '2015-03-04', '$3', '$2', 'exited', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
c1=$(new_child "路由童甲$tag" 500242101001 500242101000)
c2=$(new_child "路由童乙$tag" 500242102001 500242102000)

# ---- typed path arguments
req GET "/_test/typed/12/2026-02/2024-02-29/500242101001/ab_c.d-e" -b "$aj"
check "a path fitting every type reaches the handler" eval 'status_is 200 && body_has "id=\"typed-n\">12<" && body_has "id=\"typed-month\">2026-02<" && body_has "id=\"typed-day\">2024-02-29<" && body_has "id=\"typed-code\">500242101001<" && body_has "id=\"typed-word\">ab_c.d-e<"'
bad=0
for p in 12x/2026-02/2024-02-29/500242101001/w 0/2026-02/2024-02-29/500242101001/w \
         0012/2026-02/2024-02-29/500242101001/w 1234567890123456789/2026-02/2024-02-29/500242101001/w \
         12/2026-13/2024-02-29/500242101001/w 12/2026-2/2024-02-29/500242101001/w \
         12/2026-02/2023-02-29/500242101001/w 12/2026-02/2024-02-30/500242101001/w \
         12/2026-02/2024-02-29/50024210100/w 12/2026-02/2024-02-29/50024210100x/w \
         12/2026-02/2024-02-29/500242101001/a~b \
         "12/2026-02/2024-02-29/500242101001/$(printf 'w%.0s' $(seq 65))"; do
    req GET "/_test/typed/$p" -b "$aj"
    if ! status_is 404 || ! body_has "页面不存在"; then bad=$((bad + 1)); echo "  (typed: $p answered $STATUS)"; fi
done
check "a segment not fitting its type is a 404 before the handler (12 cases)" [ $bad = 0 ]
req GET "/_test/typed/12/2026-02/2024-02-29/500242101001/$(printf 'w%.0s' $(seq 64))" -b "$aj"
check "a {name} of 64 characters fits" status_is 200

# ---- the child as the route's object
req GET "/_test/child/$c1" -b "$aj"
check "a child in scope is loaded for the handler (Child.* and the object)" eval 'status_is 200 && body_has "id=\"child-name\">路由童甲$tag<" && body_has "id=\"obj-kind\">child<" && body_has "id=\"obj-child_id\">$c1<" && body_has "id=\"obj-division\">500242101001<" && body_has "id=\"obj-name\">路由童甲$tag<"'
check "the handler's read is audited" [ "$(audits testkit.child.read "$c1")" -ge 1 ]
req GET "/_test/child/$c2" -b "$aj"
check "a child of another township is a 404" eval 'status_is 404 && body_lacks "路由童乙$tag"'
strip >"$OUT/outside.html"
check "... audited as a denial of the child, out of scope" [ "$(denials child "$c2" '404 route object child:id: outside%')" = 1 ]
absent=$((c2 + 1000000))
req GET "/_test/child/$absent" -b "$aj"
check "an absent child is a 404 too" status_is 404
check "... the same page as out of scope" bash -c "strip() { sed -e 's/value=\"[^\"]*\"//g' -e 's/content=\"[^\"]*\"//g' \"\$1\"; }; diff <(strip '$OUT/body') '$OUT/outside.html'"
check "... audited as a denial, absent" [ "$(denials child "$absent" '404 route object child:id: absent%')" = 1 ]

# ---- an application of the module as the route's object
post "/_test/child/$c1/apply" "$aj"
app=$(loc_id /_test/app)
check "the module starts an application for its child object" eval 'status_is 303 && [ -n "$app" ]'
req GET "/_test/app/$app" -b "$aj"
check "the application is loaded for the handler (App.* and its child)" eval 'status_is 200 && body_has "id=\"app-id\">$app<" && body_has "id=\"obj-kind\">application<" && body_has "id=\"obj-child_id\">$c1<"'
req GET "/_test/app/$app" -b "$bj"
check "another township's user gets a 404 for it, audited" eval 'status_is 404 && [ "$(denials wf_application "$app" "%its child is outside%")" = 1 ]'
sql "INSERT INTO wf_applications (module, type, type_title, child_id, village_code, township_code, step_index, step_code, step_title, status, summary, started_at, step_started, created_by)
     VALUES ('living', 'dibao', '低保', $c1, '500242101001', '500242101000', 0, 'accept', '受理', 'open', '他模块', UTC_TIMESTAMP(), '$(today_cn)', 1)"
other=$(sql "SELECT MAX(id) FROM wf_applications WHERE summary='他模块' AND child_id=$c1")
req GET "/_test/app/$other" -b "$aj"
check "another module's application is a 404 on this module's route, audited" eval 'status_is 404 && [ "$(denials wf_application "$other" "%no such application of this module%")" = 1 ]'

# ---- a module's loader
g1=$(sql "INSERT INTO test_grants (division_code, note) VALUES ('500242101001', '甲拨款$tag'); SELECT LAST_INSERT_ID()")
g2=$(sql "INSERT INTO test_grants (division_code, note) VALUES ('500242102001', '乙拨款$tag'); SELECT LAST_INSERT_ID()")
req GET "/_test/grant/$g1" -b "$aj"
check "the loader's object in scope reaches the handler" eval 'status_is 200 && body_has "id=\"obj-kind\">grant<" && body_has "id=\"obj-note\">甲拨款$tag<"'
req GET "/_test/grant/$g2" -b "$aj"
check "the loader's object out of scope is a 404, audited with its type" eval 'status_is 404 && body_lacks "乙拨款" && [ "$(denials test_grant "$g2" "%outside the user%")" = 1 ]'
req GET "/_test/grant/$((g2 + 1000000))" -b "$aj"
check "the loader's absent object is a 404, audited" eval 'status_is 404 && [ "$(denials test_grant "$((g2 + 1000000))" "%absent%")" = 1 ]'

# ---- child_event: the calling module, the summary cut to the column, audited
long=$(printf '事%.0s' $(seq 600))
post "/_test/child/$c1/event" "$aj" --data "kind=visit.done" --data-urlencode "summary=$long"
check "a timeline event is written (303)" status_is 303
check "... by the calling module, its summary cut to 500 characters ending in …" [ "$(sql "SELECT CONCAT(module, ' ', CHAR_LENGTH(summary), ' ', RIGHT(summary, 1)) FROM child_events WHERE child_id=$c1 AND kind='visit.done'")" = "testkit 500 …" ]
check "... audited as child.visit.done" [ "$(audits child.visit.done "$c1")" = 1 ]
post "/_test/child/$c2/event" "$bj" --data "kind=visit.done" --data-urlencode "summary=短"
check "the other township writes its own child's event" status_is 303
post "/_test/child/$c2/event" "$aj" --data "kind=visit.done" --data-urlencode "summary=越权"
check "an event on a child out of scope is a 404 and writes nothing" eval 'status_is 404 && [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c2 AND summary=\"越权\"")" = 0 ]'

# ---- child_category: enter, enter again (nothing), leave; status follows
post "/_test/child/$c1/category" "$aj" --data category=orphan --data enter=1 --data-urlencode "basis=死亡证明$tag"
check "a category is entered (303)" status_is 303
check "... one open row, the child active, the timeline and the audit" [ "$(sql "SELECT CONCAT((SELECT COUNT(*) FROM child_categories WHERE child_id=$c1 AND category='orphan' AND end_date IS NULL), ' ', status, ' ', (SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND kind='category.enter' AND module='testkit' AND summary LIKE '进入类别：孤儿%死亡证明$tag%'), ' ', (SELECT COUNT(*) FROM audit_log WHERE action='child.category.enter' AND object_id='$c1')) FROM children WHERE id=$c1")" = "1 active 1 1" ]
post "/_test/child/$c1/category" "$aj" --data category=orphan --data enter=1 --data-urlencode "basis=再次"
check "entering it again changes nothing" eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$c1")" = 1 ] && [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND kind=\"category.enter\"")" = 1 ]'
post "/_test/child/$c1/category" "$aj" --data category=orphan --data enter=0 --data-urlencode "basis=已被收养"
check "leaving it closes the row, the child exits, the timeline says so" [ "$(sql "SELECT CONCAT((SELECT COUNT(*) FROM child_categories WHERE child_id=$c1 AND end_date IS NOT NULL AND exit_note='已被收养'), ' ', status, ' ', (SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND kind='category.exit')) FROM children WHERE id=$c1")" = "1 exited 1" ]
post "/_test/child/$c1/category" "$aj" --data category=nosuch --data enter=1 --data-urlencode "basis=x"
check "an unknown category is refused and writes nothing" eval 'status_is 400 && [ "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$c1")" = 1 ]'

# ---- s->child for a child named in a form
post /_test/lookup "$aj" --data "child_id=$c2"
check "a child named in a form outside the scope: 404, audited" eval 'status_is 404 && body_lacks "路由童乙" && [ "$(denials child "$c2" "404 child outside%(testkit)")" = 1 ]'
post /_test/lookup "$aj" --data "child_id=$c1"
check "a child named in a form in scope is shown" eval 'status_is 200 && body_has "id=\"child-name\">路由童甲$tag<"'

# ---- the transaction is the host's
post /_test/refused "$aj" --data-urlencode "body=R$tag"
check "a handler's 409 shows its message" eval 'status_is 409 && body_has "测试：已拒绝，未保存。"'
check "... nothing it wrote stays (the row and the change's audit row)" [ "$(sql "SELECT (SELECT COUNT(*) FROM test_notes WHERE body='R$tag') + (SELECT COUNT(*) FROM audit_log WHERE action='testkit.note' AND detail='R$tag')")" = 0 ]
check "... its kept counter and its refusal's audit row stay" [ "$(sql "SELECT CONCAT((SELECT COUNT(*) FROM test_attempts WHERE body='R$tag'), ' ', (SELECT COUNT(*) FROM audit_log WHERE action='testkit.attempt.refused' AND detail='R$tag'))")" = "1 1" ]
post /_test/batch "$aj" --data-urlencode "body=B$tag"
check "a batch committed in parts keeps the part before db_commit_now, not the one after the 409" eval 'status_is 409 && [ "$(sql "SELECT GROUP_CONCAT(body) FROM test_notes WHERE body LIKE \"B$tag-%\"")" = "B$tag-1" ]'
check "the audit chains are intact after the rollbacks and replays" bash -c "build/portalctl --config '$TEST_DIR/portal.conf' audit verify | grep -q intact"
