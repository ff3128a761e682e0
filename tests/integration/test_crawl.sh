# Every page a user reads is in Chinese (issue 20 minors): GET every route
# without path arguments (and a sample child with a grant, its application
# and its file's history for the main ones with) as each demo role, and
# fail on ASCII words outside an allowlist (tests/integration/crawl_text.py:
# formats, units, ID, codes shown on purpose in <code>; usernames and
# organisation and module codes, which the administrators' pages show on
# purpose; the audit log's action codes for the auditor).  Pages a role may
# not open (403/404) and downloads (exports, files) are skipped.
tag=$(date +%s%N | tail -c 7)
build/portalctl --config "$TEST_DIR/portal.conf" module routes >"$OUT/routes.tsv" 2>/dev/null
check "the route list is read" [ -s "$OUT/routes.tsv" ]
tj=$(login township 'Town#2026portal')
cid=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('巡检童$tag', 1, '2015-05-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
post "/children/$cid/family" "$tj" --data-urlencode "relation=祖母" --data-urlencode "name=巡检祖母$tag" --data situation=ill
post "/children/$cid/categories" "$tj" --data category=orphan --data-urlencode "basis=死亡证明" --data start_date=2024-01-01
post /living/apply "$tj" --data "child=$cid" --data "benefit=orphan" --data "subtype=scattered"
app=$(loc_id /living/applications)
sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, created_at) VALUES ($cid, 'orphan', 'scattered', '2026-01-01', UTC_TIMESTAMP()), ($cid, 'temporary', 'one_off', '2026-02-01', UTC_TIMESTAMP())"
# another module's entry on the child's timeline (its module column)
sql "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) VALUES ($cid, UTC_TIMESTAMP(), 1, 'volunteer', 'service', '志愿服务：学业辅导')"
paths=$(awk -F'\t' '$1 == "GET" && $2 !~ /[{]/ && $2 !~ /\.(csv|xlsx|xls|pdf|png|js|css)$/ && int($4 / 8) % 2 == 0 {print $2}' "$OUT/routes.tsv" | grep -v -e '^/logout' -e '^/healthz' -e '^/_test')
paths="$paths /children/$cid /children/$cid/print /children/$cid/edit /living/children/$cid /living/applications/$app"
crawl_pages "$OUT/crawl" "township|Town#2026portal county|County#2026portal ngo|Ngo#2026portal modadmin|Modadmin#2026portal admin|Admin#2026portal auditor|Audit#2026portal secadmin|Secadmin#2026portal ngoadmin|Ngoadmin#2026portal" "$paths"
# identifiers the administrators' pages show on purpose
# and the ASCII words other tests typed into names (data, not the portal's words)
export CRAWL_ALLOW="$(sql "SELECT username FROM users UNION SELECT code FROM orgs UNION SELECT name FROM module_state" | tr '\n' ' ') $(sql "SELECT display_name FROM users UNION SELECT name FROM orgs UNION SELECT name FROM children" | grep -oE '[A-Za-z][A-Za-z0-9_]*' | sort -u | tr '\n' ' ')"
bad=$(python3 tests/integration/crawl_text.py "$OUT/crawl")
[ -n "$bad" ] && printf '%s\n' "$bad" | sed 's/^/    /'
check "no page shows English words or raw codes to any demo role (see above)" [ -z "$bad" ]
check "the pages were read ($(ls "$OUT/crawl/"*.page | wc -l) of them)" [ "$(ls "$OUT/crawl/"*.page | wc -l)" -gt 100 ]
