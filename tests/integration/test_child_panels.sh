# Other modules' sections of the child's file (ABI 1.5 child panels; issue 5:
# "the child's file shows services received", donations to a child): the
# volunteer module's 社会力量服务 (verified logs only), 爱心寄养与助养 and
# 受赠记录, the living module's 生活保障 (only for holders of living.view),
# on the screen and the print view, escaped.  Logs, care matches and
# donations go through HTTP; the grant is inserted with SQL as the living
# tests do.  The clock is set to 2026-07-15 with CLOCK_FILE and removed at
# the end.
CTL="build/portalctl --config $TEST_DIR/portal.conf"
PW='Xyz#2026portal'
tag=$(date +%s%N | tail -c 7)
post() { # post JAR PATH [curl args]
    local jar=$1 path=$2; shift 2
    req POST "$path" -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf "$jar")" "$@"
}
# the HTML of one panel (module, title) of the page in $OUT/body
panel() { awk -v m="data-module=\"$1\"" -v t="<h2>$2</h2>" '
    index($0, m) { inp = 1; buf = "" } inp { buf = buf $0 "\n" }
    inp && index($0, "</section>") { if (index(buf, t)) { printf "%s", buf; exit } inp = 0 }' "$OUT/body"; }
panel_has() { panel "$1" "$2" | sed 's/ data-label="[^"]*"//g' | grep -qF -- "$3"; }
panel_lacks() { ! panel "$1" "$2" | sed 's/ data-label="[^"]*"//g' | grep -qF -- "$3"; }
mkdir -p "$(dirname "$CLOCK_FILE")"; echo 2026-07-15 >"$CLOCK_FILE"

# ---- users: county staff, the demo township user, a partner, and a role that
# may open files (registry.view) but holds no living permission
$CTL user add panelcounty --display-name 县民政局档案 --role county_staff --division 500242000000 --org mz --password "$PW" >/dev/null 2>&1 || true
sql "INSERT IGNORE INTO roles (code, name) VALUES ('file_reader_t', '档案查阅（测试）')"
sql "INSERT IGNORE INTO role_perms (role_id, perm) SELECT id, 'registry.view' FROM roles WHERE code = 'file_reader_t'"
$CTL user add panelreader --display-name 档案查阅员 --role file_reader_t --division 500242101000 --org mz --password "$PW" >/dev/null 2>&1 || true
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('township','panelcounty','panelreader')"
cj=$(login panelcounty "$PW" "$OUT/jar.pc")
tj=$(login township 'Town#2026portal' "$OUT/jar.pt")
rj=$(login panelreader "$PW" "$OUT/jar.pr")
check "the file reader holds registry.view but not living.view" \
    same "$(sql "SELECT GROUP_CONCAT(rp.perm) FROM users u JOIN user_roles ur ON ur.user_id=u.id JOIN role_perms rp ON rp.role_id=ur.role_id WHERE u.username='panelreader'")" registry.view

# ---- fixtures: two children of 龙潭镇第一村, an approved organisation with a
# volunteer and a partner account, an assignment of the first child
mkchild() { # mkchild NAME -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 2, '2015-04-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
    sql "SELECT id FROM children WHERE name='$1'"
}
cname="档案面板童$tag"; cid=$(mkchild "$cname"); eid=$(mkchild "档案无记录童$tag")
ocode="pn$tag"; oname="彩虹社工站$tag"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('$ocode', '$oname', 'ngo', '500242000000')"
sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, created_at, created_by)
     SELECT id, 'R$ocode', '联系人', '1', 'approved', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='$ocode'"
vorg=$(sql "SELECT v.id FROM volunteer_orgs v JOIN orgs o ON o.id=v.org_id WHERE o.code='$ocode'")
sql "INSERT INTO volunteer_org_areas (vorg_id, township_code) VALUES ($vorg, '500242101000')"
sql "INSERT INTO volunteers (vorg_id, name, created_at, created_by) VALUES ($vorg, '面板志愿者$tag', UTC_TIMESTAMP(), 1)"
vol=$(sql "SELECT id FROM volunteers WHERE name='面板志愿者$tag'")
$CTL user add "pp$tag" --display-name 彩虹 --role ngo_partner --division 500242000000 --org "$ocode" --password "$PW" >/dev/null 2>&1
pj=$(login "pp$tag" "$PW" "$OUT/jar.pp")
sql "INSERT INTO volunteer_assignments (child_id, vorg_id, service_type, start_date, end_date, created_at, created_by)
     VALUES ($cid, $vorg, '学业辅导', '2026-01-01', '2026-12-31', UTC_TIMESTAMP(), 1)"

# ---- a child with nothing yet: every panel listed, with 暂无记录
req GET "/children/$eid" -b "$tj"
check "a file with no other records still opens (200)" status_is 200
check "it lists the volunteer panels with 暂无记录" eval 'panel_has volunteer 社会力量服务 暂无记录 && panel_has volunteer 爱心寄养与助养 暂无记录 && panel_has volunteer 受赠记录 暂无记录'
check "and the 生活保障 panel with 暂无记录" panel_has living 生活保障 暂无记录

# ---- 1. service logs: one verified, one submitted, one returned
addlog() { # addlog DATE MINUTES -> log id (submitted by the partner over HTTP)
    post "$pj" "/volunteer/partner/children/$cid/logs" --data "service_date=$1" --data "minutes=$2" \
        --data-urlencode "service_type=学业辅导" --data "volunteer_ids=$vol" --data-urlencode "notes=辅导数学"
    [ "$STATUS" = 303 ] && sql "SELECT MAX(id) FROM volunteer_logs WHERE child_id=$cid AND minutes=$2"
}
l1=$(addlog 2026-07-01 137); l2=$(addlog 2026-07-08 263); l3=$(addlog 2026-07-09 171)
check "the partner submits three logs over HTTP" eval '[ -n "$l1" ] && [ -n "$l2" ] && [ -n "$l3" ]'
post "$tj" "/volunteer/verify/logs/$l1" --data action=verify --data confirm=1
check "the township verifies the first (303)" status_is 303
post "$tj" "/volunteer/verify/logs/$l3" --data action=return --data-urlencode "reason=缺少签名"
check "and returns the third (303)" status_is 303
check "the database holds one verified, one submitted and one returned log" \
    same "$(sql "SELECT GROUP_CONCAT(status ORDER BY id) FROM volunteer_logs WHERE child_id=$cid")" "verified,submitted,returned"

req GET "/children/$cid" -b "$tj"
check "the township opens the child's file (200)" status_is 200
check "the file shows the 社会力量服务 panel" body_has "<h2>社会力量服务</h2>"
check "with the verified service: date, organisation, type, minutes and volunteer" \
    eval 'panel_has volunteer 社会力量服务 "<td>2026-07-01</td><td>$oname</td><td>学业辅导</td><td>137</td><td>面板志愿者$tag</td>"'
check "a submitted log is not listed as a row" panel_lacks volunteer 社会力量服务 "<td>263</td>"
check "nor a returned one" panel_lacks volunteer 社会力量服务 "<td>171</td>"
check "the note sums the verified services and counts the others" \
    panel_has volunteer 社会力量服务 "经乡镇核实的服务共 1 次，合计 2 小时 17 分钟；另有待核实 1 条、已退回 1 条，不计入。"
check "the panels are data of the volunteer module" body_has "id=\"panel-volunteer-"

# ---- 2. a care match, through HTTP
post "$cj" /volunteer/care --data offerer_kind=family --data-urlencode "offerer=李氏家庭$tag" \
    --data-urlencode "contact_name=李女士" --data contact_phone=13600000000 --data kind=sponsor \
    --data area_code=500242101000 --data capacity=3
offer=$(loc_id /volunteer/care)
post "$cj" "/volunteer/care/$offer/match" --data "child_id=$cid" --data start_date=2026-07-10 --data-urlencode "notes=每月探望"
check "county staff match a sponsorship to the child (303)" eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM volunteer_care_matches WHERE offer_id=$offer AND child_id=$cid")" = 1 ]'

# ---- 3. donations to the child: money (with HTML in the donor's name), goods delivered
evil="<b>恶意捐赠方$tag</b>"
post "$cj" /volunteer/donations --data-urlencode "donor=$evil" --data "child_id=$cid" --data amount=300.5 --data pledged_date=2026-07-02
check "a money donation to the child (303)" status_is 303
check "300.5 yuan is stored as 30050 fen" same "$(sql "SELECT money_fen FROM volunteer_donations WHERE child_id=$cid AND donor='$evil'")" 30050
post "$cj" /volunteer/donations --data-urlencode "donor=文具店$tag" --data "child_id=$cid" --data-urlencode "goods=书包 1 个" --data pledged_date=2026-07-03
d2=$(sql "SELECT id FROM volunteer_donations WHERE child_id=$cid AND donor='文具店$tag'")
post "$cj" "/volunteer/donations/$d2/deliver" --data delivered_date=2026-07-05
check "the goods donation is delivered" same "$(sql "SELECT CONCAT(status, delivered_date) FROM volunteer_donations WHERE id=$d2")" delivered2026-07-05

# ---- 4. a grant of the living module (SQL, as test_living_pay.sh does)
sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($cid, 'orphan', '测试', '2026-01-01', 1)"
sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, created_at) VALUES ($cid, 'orphan', 'scattered', '2026-02-01', UTC_TIMESTAMP())"
sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, end_month, end_reason, created_at) VALUES ($cid, 'dibao', 'rural', '2025-01-01', '2026-01-01', '转为孤儿保障', UTC_TIMESTAMP())"
rate() { sql "SELECT COALESCE((SELECT value FROM setting_values WHERE module='living' AND code='$1' AND valid_from <= '$2' ORDER BY valid_from DESC, id DESC LIMIT 1), 0)"; }
fen=$(rate orphan_scattered 2026-07-01)
yuan="$((fen / 100)).$(printf '%02d' $((fen % 100)))"
dfen=$(($(rate dibao_rural 2026-01-01) + $(rate dibao_child_supplement_child 2026-01-01)))
dyuan="$((dfen / 100)).$(printf '%02d' $((dfen % 100)))"

req GET "/children/$cid" -b "$tj"
check "the file shows the care match: kind in Chinese, offerer, start date, notes" \
    panel_has volunteer 爱心寄养与助养 "<td>爱心助养</td><td>李氏家庭$tag（家庭）</td><td>2026-07-10</td><td>每月探望</td>"
check "the donation panel shows the money donation in yuan, not yet delivered" \
    panel_has volunteer 受赠记录 "<td>300.50</td><td>—</td><td>2026-07-02</td><td>未送达</td><td>已认捐</td>"
check "and the goods, delivered" panel_has volunteer 受赠记录 "<td>文具店$tag</td><td>—</td><td>书包 1 个</td><td>2026-07-03</td><td>2026-07-05</td><td>已交付</td>"
check "the donor's HTML is escaped on the file page" eval 'body_has "&lt;b&gt;恶意捐赠方$tag&lt;/b&gt;" && body_lacks "$evil"'
check "the donations note sums them" panel_has volunteer 受赠记录 "共 2 笔，认捐金额合计 300.50 元，其中已交付 0.00 元。"
check "the 生活保障 panel lists the open grant with its monthly amount in yuan" \
    panel_has living 生活保障 "<td>孤儿基本生活费（社会散居）</td><td>$yuan</td><td>2026-02</td><td>在保</td><td>正常发放</td>"
check "and the ended grant, at the amount of its last month" \
    panel_has living 生活保障 "<td>农村低保</td><td>$dyuan</td><td>2025-01</td><td>2026-01</td><td>已终止（转为孤儿保障）</td>"
check "with a link to the child's living page" panel_has living 生活保障 "<a href=\"/living/children/$cid\">查看详情</a>"
req GET "/children/$cid" -b "$cj"
check "county staff (volunteer.manage) get the care link" panel_has volunteer 爱心寄养与助养 '<a href="/volunteer/care">查看详情</a>'
req GET "/children/$cid" -b "$tj"
check "township staff without volunteer.manage get no care link" panel_lacks volunteer 爱心寄养与助养 "查看详情"

# ---- 5. who sees what
req GET "/children/$cid" -b "$rj"
check "a user who may open files but lacks living.view opens the file (200)" status_is 200
check "and sees the volunteer panels" eval 'panel_has volunteer 社会力量服务 "<td>137</td>" && body_has "<h2>受赠记录</h2>"'
check "but not the 生活保障 panel" eval 'body_lacks "<h2>生活保障</h2>" && body_lacks "孤儿基本生活费（社会散居）" && body_lacks "/living/children/$cid"'
req GET "/children/$cid" -b "$pj"
check "the organisation's partner cannot open the file at all (403)" status_is 403
check "nor see the panels" body_lacks "社会力量服务"
sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
$CTL user add panelmw --display-name 麻旺镇档案 --role township_staff --division 500242102000 --org mw_gov --password "$PW" >/dev/null 2>&1 || true
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='panelmw'"
mwj=$(login panelmw "$PW" "$OUT/jar.pmw")
req GET "/children/$cid" -b "$mwj"
check "another township's staff get 404 (no panels leak)" eval '{ status_is 404 || status_is 302 || status_is 303; } && body_lacks "$oname"'

# ---- 6. the print view
req GET "/children/$cid/print" -b "$tj"
check "the print view shows the panels too" eval 'status_is 200 && body_has "<h2>社会力量服务</h2>" && body_has "<h2>生活保障</h2>" && body_has "<h2>爱心寄养与助养</h2>" && body_has "<h2>受赠记录</h2>"'
check "with their rows" eval 'panel_has volunteer 社会力量服务 "<td>137</td>" && panel_has living 生活保障 "<td>$yuan</td>"'
check "escaped there too" eval 'body_has "&lt;b&gt;恶意捐赠方$tag&lt;/b&gt;" && body_lacks "$evil"'
check "and without links on paper" body_lacks "查看详情"
check "the print is audited as before" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.print' AND object_id='$cid'")" -ge 1 ]

# ---- 7. a disabled module's panels disappear with it
$CTL module disable volunteer >/dev/null
wait_for bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -b '$cj' '$BASE/volunteer/care')\" = 404 ]"
req GET "/children/$cid" -b "$tj"
check "with the volunteer module disabled its panels are gone" eval 'status_is 200 && body_lacks "社会力量服务" && body_has "<h2>生活保障</h2>"'
$CTL module enable volunteer >/dev/null
wait_for bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -b '$cj' '$BASE/volunteer/care')\" = 200 ]"
req GET "/children/$cid" -b "$tj"
check "re-enabled, they are back" eval 'status_is 200 && body_has "<h2>社会力量服务</h2>"'

rm -f "$CLOCK_FILE"
