# Issue 20 item 1, walked (item 4 of its last part): as each demo role, every
# POST form on the pages that role opens (the routes without arguments, and
# a sample child's file, its living page and application, its care page) is
# sent once with bad values (tests/integration/walk_forms.py: an unknown
# code in each select, an impossible date, a word for a number).  None may
# answer 400 with the bare error page: a refused form comes back as its
# form.  Nor may any answer 500.
tag=$(date +%s%N | tail -c 7)
build/portalctl --config "$TEST_DIR/portal.conf" module routes >"$OUT/routes.tsv" 2>/dev/null
tj=$(login township 'Town#2026portal' "$OUT/jar.walk0")
cid=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('走表童$tag', 1, '2015-05-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
post "/children/$cid/family" "$tj" --data-urlencode "relation=祖母" --data-urlencode "name=走表祖母$tag" --data situation=ill
post "/children/$cid/categories" "$tj" --data category=orphan --data-urlencode "basis=死亡证明" --data start_date=2024-01-01
post /living/apply "$tj" --data "child=$cid" --data "benefit=orphan" --data "subtype=scattered"
app=$(loc_id /living/applications)
fid=$(sql "SELECT id FROM child_family WHERE child_id=$cid")
paths=$(awk -F'\t' '$1 == "GET" && $2 !~ /[{]/ && $2 !~ /\.(csv|xlsx|xls|pdf|png|js|css)$/ && int($4 / 8) % 2 == 0 {print $2}' "$OUT/routes.tsv" | grep -v -e '^/logout' -e '^/healthz' -e '^/_test')
paths="$paths /children/$cid /children/$cid/edit /children/$cid/family/$fid/edit /living/children/$cid /living/applications/$app /guardianship/children/$cid /medical/aid/new?child=$cid"
W="$OUT/walk"
crawl_pages "$W" "township|Town#2026portal township2|Town2#2026portal county|County#2026portal county2|County2#2026portal ngo|Ngo#2026portal ngoadmin|Ngoadmin#2026portal modadmin|Modadmin#2026portal admin|Admin#2026portal secadmin|Secadmin#2026portal cunzhuren|Cunzhuren#2026portal dudao|Dudao#2026portal school|School#2026portal hospital|Hospital#2026portal police|Police#2026portal" "$paths"
python3 tests/integration/walk_forms.py "$W" >"$OUT/walk.tsv"
bare=""; errs=""; done_=""; sent=0; forms_back=0
while IFS="$(printf '\t')" read -r user page action body; do
    sent=$((sent + 1))
    code=$(curl -s -o "$OUT/walk.body" -w '%{http_code}' --max-time 30 -b "$OUT/jar.crawl.$user" \
        -H "Origin: $BASE" --data-raw "$body" "$BASE$action")
    if [ "$code" = 400 ] && grep -q 'class="error-page"' "$OUT/walk.body"; then
        bare="$bare
    $user $action ($page): $(sed -n 's/.*<p class="error-message">\([^<]*\)<.*/\1/p' "$OUT/walk.body" | head -n1)"
    elif [ "$code" = 400 ]; then
        forms_back=$((forms_back + 1))
    else
        done_="$done_
    $user $action ($page): $code"
    fi
    case $code in 5*|000) errs="$errs
    $user $action ($page): $code";; esac
done <"$OUT/walk.tsv"
echo "    $sent forms sent, $forms_back came back as their form (400)"
[ -n "$bare" ] && printf '  bare error page:%s\n' "$bare"
[ -n "$errs" ] && printf '  server error:%s\n' "$errs"
[ -n "$done_" ] && printf '  not refused:%s\n' "$done_"
check "the walk sent the forms of every role's pages ($sent)" [ "$sent" -gt 40 ]
check "no refused form answered the bare error page" [ -z "$bare" ]
check "no form answered a server error" [ -z "$errs" ]
