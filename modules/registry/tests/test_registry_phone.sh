# The main pages on a 390 px phone (issue 20 item 7): tests/browser/phone.mjs
# in headless Chromium as each demo role (township, county, the partner
# organisation, a village child director): home, inbox, the child list
# (stacked cards, folded filters), a child's file (with family, categories,
# an attachment and other modules' panels), the living application form and
# an application, the volunteer pages.  Fails on any page wider than the
# viewport.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001
add_user "ph_$tag" --display-name "手机主任$tag" --role village_director --division $V1 --org lt_gov --password "$PW"
# a child with a long name, long address and a family, categories, an attachment
cid=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, hukou, address, created_at, created_by, updated_at) VALUES ('欧阳手机测试长名字儿童$tag', 2, '2016-02-03', '500242101000', '$V1', '重庆市酉阳土家族苗族自治县龙潭镇某某村某某组一百二十三号附近的一个很长很长的地址', 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
sql "INSERT INTO child_family (child_id, relation, name, situation, is_guardian, phone, note) VALUES ($cid, '祖母', '手机祖母$tag', 'ill', 1, '13800000000', '长期患病，需要照顾，备注写得很长很长很长很长很长很长很长很长')"
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($cid, 'de_facto_unsupported', '父亲服刑、母亲失联的认定材料（很长的依据说明很长的依据说明）', '2024-01-01', 1)"
check "the child's file has its long category row to lay out" \
    [ "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id = $cid")" = 1 ]
sql "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) VALUES ($cid, UTC_TIMESTAMP(), 1, 'registry', 'created', '建立档案：手机测试，一条很长的变更记录内容一条很长的变更记录内容一条很长的变更记录内容')"
# the demo partner organisation, registered and approved (as make run's demo data has it)
sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, service_types, status, created_at, created_by) SELECT o.id, 'PH$tag', '周晨', '13800001111', '学业辅导', 'approved', UTC_TIMESTAMP(), 1 FROM orgs o WHERE o.code='demo_ngo' AND NOT EXISTS (SELECT 1 FROM volunteer_orgs v WHERE v.org_id=o.id)"
sql "UPDATE volunteer_orgs v JOIN orgs o ON o.id=v.org_id SET v.status='approved' WHERE o.code='demo_ngo'"
tj=$(login township 'Town#2026portal')
post /living/apply "$tj" --data "child=$cid" --data "benefit=orphan" --data "subtype=institutional"
app=$(loc_id /living/applications)
check "a living application to look at is submitted" [ -n "$app" ]
apppath="/living/applications/$app"
plan="township|Town#2026portal|/ /inbox /children /children/$cid /children/$cid/edit /living/apply $apppath /volunteer/verify
county|County#2026portal|/ /inbox /children /children/$cid /volunteer/orgs /volunteer/reports /volunteer/care /volunteer/projects $apppath
ngo|Ngo#2026portal|/ /volunteer/partner /volunteer/partner/projects
ph_$tag|$PW|/ /inbox /children /children/$cid"
sql "DELETE FROM login_throttle" 2>/dev/null
[ -d tests/browser/node_modules/playwright-core ] ||
    (cd tests/browser && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
out=$(cd tests/browser && BASE="$BASE" OUT_DIR="$ROOT/tests/out" PHONE_PLAN="$plan" node phone.mjs 2>&1)
rc=$?
echo "$out"
check "every main page fits a 390 px phone as each demo role (see above)" [ "$rc" = 0 ]
check "the child list was checked as cards with folded filters" grep -q "rows are labelled cards (script off)" <<<"$out"
# the labels are the server's (issue 20 item 6): every list cell names its column
req GET "/children?q=欧阳手机测试长名字儿童$tag" -b "$tj"
check "the child list's cells carry their column's heading (data-label) from the server" \
    eval 'grep -q "<td data-label=\"姓名\">" "$OUT/body" && body_has "data-label=\"年龄\""'
req GET "/children/$cid" -b "$tj"
check "so do the file's lists (family members)" body_has "data-label=\"关系\""
check "portal.js no longer labels cells" eval '! grep -q "dataset.label" templates/static/portal.js'
