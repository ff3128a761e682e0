# Batch approval of a page of the inbox in a browser (issue 17): three
# 孤儿 applications of a township no other test uses (南腰界镇), made through
# the form by one clerk; another clerk narrows /living to the step, ticks
# the page with 全选本页 and submits in headless Chromium
# (tests/browser/batch.mjs); then what the database holds: all three
# passed, with the opinion typed, in one audited batch.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
T=500242119000 V=500242119001
sql "INSERT IGNORE INTO divisions (code, parent_code, level, name, type, synthetic, note)
     VALUES ('$V', '$T', 'village', '南腰界镇测试村', '村', 1, 'test');
     UPDATE cache_versions SET version = version + 1 WHERE name = 'divisions';
     INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('ny_gov', '南腰界镇人民政府', 'township', '$T')"
add_user "bb1_$tag" --display-name 南腰界经办甲 --role township_staff --division $T --org ny_gov --password "$PW"
add_user "bb2_$tag" --display-name 南腰界经办乙 --role township_staff --division $T --org ny_gov --password "$PW"
b1=$(login "bb1_$tag" "$PW" "$OUT/jar.bb1")
apps=""
for i in 1 2 3; do
    k=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, no_id_reason, created_at, created_by, updated_at)
             VALUES ('批量童$i$tag', 1, '2016-04-0$i', '$T', '$V', '测试', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
    post /living/apply "$b1" --data "child=$k" --data benefit=orphan --data subtype=scattered
    apps="$apps $(sed -n 's|^Location: .*/living/applications/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r')"
done
apps=${apps# }
check "three 孤儿 applications of 南腰界镇 are made" [ "$(wc -w <<<"$apps")" = 3 ]
b2=$(login "bb2_$tag" "$PW" "$OUT/jar.bb2")
req GET /living -b "$b2"
check "without the script, 全选本页 is in the page but hidden" body_has '<button type="button" data-select-all="batch-form" hidden>全选本页</button>'
[ -d tests/browser/node_modules/playwright-core ] ||
    (cd tests/browser && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
sql "DELETE FROM login_throttle WHERE addr = '127.0.0.1'"
out=$(cd tests/browser && BASE="$BASE" OUT_DIR="$ROOT/tests/out" APPS="$apps" APPROVER="bb2_$tag" \
      APPROVER_PASSWORD="$PW" node batch.mjs 2>&1)
rc=$?
echo "$out"
check "a page of the inbox is ticked with 全选本页 and passed in Chromium (see above)" [ "$rc" = 0 ]
ids=${apps// /,}
check "the three are at the county's step" \
    same "$(sql "SELECT COUNT(*) FROM wf_applications WHERE id IN ($ids) AND step_code = 'decide' AND status = 'open'")" 3
check "... each with the opinion typed, by the approver" \
    same "$(sql "SELECT COUNT(*) FROM wf_actions w JOIN users u ON u.id = w.user_id WHERE w.app_id IN ($ids)
                 AND w.action = 'approve' AND w.opinion = '浏览器批量通过' AND u.username = 'bb2_$tag'")" 3
check "... in one audited batch" \
    same "$(sql "SELECT detail FROM audit_log WHERE action = 'wf.batch.approve' AND username = 'bb2_$tag'")" \
    "module=living step=orphan/check done=3 refused=0"
check "the screenshot is written" [ -s tests/out/browser-batch.png ]
