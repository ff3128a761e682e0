# The director's pages on a phone: tests/browser/village.mjs in headless
# Chromium at 390 px (one column, touch targets, a draft kept offline and
# sent once), then what the database holds: exactly one visit.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001
add_user "vp_$tag" --display-name "手机主任$tag" --role village_director --division $V1 --org lt_gov --password "$PW"
sql "INSERT INTO village_directors (user_id, village_code, start_date, created_by, created_at) SELECT id, '$V1', '2026-01-01', id, UTC_TIMESTAMP() FROM users WHERE username='vp_$tag'"
child=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('手机童$tag', 2, '2017-02-03', '500242101000', '$V1', UTC_TIMESTAMP() - INTERVAL 200 DAY, 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
[ -d tests/browser/node_modules/playwright-core ] ||
    (cd tests/browser && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
out=$(cd tests/browser && BASE="$BASE" OUT_DIR="$ROOT/tests/out" DIRECTOR_USER="vp_$tag" \
      DIRECTOR_PASSWORD="$PW" CHILD_ID="$child" CHILD_NAME="手机童$tag" node village.mjs 2>&1)
rc=$?
echo "$out" | grep -v '^VISIT_TAG='
check "the director's pages work at 390 px in Chromium (see above)" [ "$rc" = 0 ]
vt=$(echo "$out" | sed -n 's/^VISIT_TAG=//p')
check "the visit sent after the network came back is saved once" \
    [ "$(sql "SELECT COUNT(*) FROM village_visits WHERE child_id=$child AND seen='儿童本人和祖母$vt'")" = 1 ]
check "with the concern ticked in the browser" \
    [ "$(sql "SELECT concerns FROM village_visits WHERE child_id=$child")" = injury ]
check "the screenshots are written" [ -s tests/out/browser-village-form.png ] && [ -s tests/out/browser-village-visit.png ]
