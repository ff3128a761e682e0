# Issue 13: a school reports a child it cannot identify (a description and
# the village where it was found; the police could not be reached, and why):
# the tasks go to that village's township and the county at once; the
# township's worker takes the case; a worker of another township cannot see
# it; a child outside the worker's scope cannot be named; the worker then
# identifies the child: the report joins the child's file (timeline, the
# police station's link), the case goes on with the child.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001 # 龙潭镇第一村
is() { [ "$1" = "$2" ] || { echo "    got: $1" | head -3; return 1; }; }
mkorg() { sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('$1$tag', '$2$tag', '$3', '$4'); SELECT LAST_INSERT_ID();"; }
school=$(mkorg usch 龙潭中学 school 500242101000)
police=$(mkorg upol 龙潭派出所 police_station 500242101000)
mkorg ugov 龙潭镇政府 township 500242101000 >/dev/null
u() { add_user "$1$tag" --display-name "$2" --role "$3" --division "$4" --org "$5$tag" --password "$PW"; }
u utea 陈老师 org_staff 500242101000 usch
u ucop 刘警官 org_staff 500242101000 upol
u uwk 龙潭镇保护专干 protection_worker 500242101000 ugov
u uwk2 麻旺镇保护专干 protection_worker 500242102000 ugov
u ucty 县未保中心 protection_county 500242000000 ugov
for x in tea cop wk wk2 cty; do eval "${x}j=\$(login u$x$tag \"\$PW\" \"\$OUT/jar.$x\")"; done
mkchild() { sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('$1$tag', 1, '2019-02-03', '$2', '$3', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"; }
child=$(mkchild 无名童 500242101000 "$V1")
other=$(mkchild 他镇童 500242102000 500242102001)
set_clock "2026-12-02 01:00:00"

req GET /guardianship/report/new -b "$teaj"
check "the form for an unidentified child asks for a description and the place" eval 'status_is 200 && body_has "身份不明的儿童" && body_has "龙潭镇"'
post /guardianship/report "$teaj" --data source=education --data situation=abandoned --data found_at=2026-12-02T08:10 \
    --data-urlencode "facts=校门口发现一名幼儿独自哭泣$tag" --data-urlencode "police_none_reason=山区无信号，已请乡镇代为报警"
check "without the description and the place: refused, each field named" eval 'status_is 200 && body_has "请填写其特征和发现地点" && body_has "请选择发现儿童的乡镇或村"'
post /guardianship/report "$teaj" --data source=education --data situation=abandoned --data found_at=2026-12-02T08:10 \
    --data-urlencode "facts=校门口发现一名幼儿独自哭泣$tag" --data-urlencode "police_none_reason=山区无信号，已请乡镇代为报警" \
    --data-urlencode "child_desc=男孩约七岁，蓝色外套$tag" --data "place=$V1" --data "police_org=$police"
rid=$(loc_id /guardianship/reports)
check "the school reports the unidentified child (why no receipt recorded)" eval 'status_is 303 && [ -n "$rid" ]'
check "... no child, the village as its division, the reason kept" is \
    "$(sql "SELECT IFNULL(child_id, '-'), division_code, police_none_reason, LOCATE(BINARY '蓝色外套', child_desc_enc) FROM gd_reports WHERE id=$rid")" \
    "$(printf -- '-\t%s\t山区无信号，已请乡镇代为报警\t0' "$V1")"
check "... the township's and the county's tasks for that village, at once" is \
    "$(sql "SELECT GROUP_CONCAT(CONCAT(t.level, ':', t.division_code, ':', IFNULL(t.child_id, '-')) ORDER BY x.step) FROM gd_report_tasks x JOIN urgent_tasks t ON t.id=x.task_id WHERE x.report_id=$rid")" \
    "county:$V1:-,township:$V1:-,township:$V1:-"
req GET "/guardianship/reports/$rid" -b "$ctyj"
check "the county reads the description and the facts" eval 'status_is 200 && body_has "男孩约七岁，蓝色外套$tag" && body_has "校门口发现一名幼儿独自哭泣$tag" && body_has "陈老师"'
req GET "/guardianship/reports/$rid" -b "$wk2j"
check "another township's worker: 404" status_is 404
req GET /guardianship/reports -b "$teaj"
check "the school lists its report, the child unidentified" eval 'body_has "id=\"report-$rid\"" && body_has "身份不明"'

post "/guardianship/reports/$rid/take" "$wkj"
check "the township's worker takes the case" status_is 303
post "/guardianship/reports/$rid/identify" "$wkj" --data "child=$other"
check "a child outside the worker's scope cannot be named (404, nothing changed)" eval 'status_is 404 && [ "$(sql "SELECT IFNULL(child_id, 0) FROM gd_reports WHERE id=$rid")" = 0 ]'
post "/guardianship/reports/$rid/identify" "$wkj" --data "child=$child"
check "the worker identifies the child" eval 'status_is 303 && [ "$(sql "SELECT child_id FROM gd_reports WHERE id=$rid")" = "$child" ]'
check "... on the child's timeline (only that a case exists) and linked to the station" is \
    "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$child AND kind='protection.case'"):$(sql "SELECT COUNT(*) FROM child_org_links WHERE child_id=$child AND org_id=$police AND relation='report' AND ended_at IS NULL")" "1:1"
post "/guardianship/reports/$rid/identify" "$wkj" --data "child=$child"
check "... once (409)" status_is 409
req GET "/guardianship/reports/$rid" -b "$wkj"
check "the case page now names the child" eval 'body_has "无名童$tag" && body_has "查明儿童身份"'
req GET "/guardianship/reports/$rid" -b "$copj"
check "the station it was sent to reads it" eval 'status_is 200 && body_has "无名童$tag" && body_lacks "陈老师"'
safety=$(sql "SELECT task_id FROM gd_report_tasks WHERE report_id=$rid AND step='safety'")
set_clock "2026-12-03 01:30:00"   # 24 h and a half after the report
check "24 hours without the child's safety recorded: the host escalates to the county" wait_for eval \
    '[ "$(sql "SELECT level FROM urgent_tasks WHERE id=$safety")" = county ]'
post "/guardianship/reports/$rid/safety" "$wkj" --data-urlencode "where_now=由外祖母接回$tag"
check "the case goes on with the child: safety recorded late, its escalated task closed" is \
    "$(sql "SELECT g.stage, g.safe_at > g.safety_due, t.status FROM gd_reports g JOIN urgent_tasks t ON t.id=$safety WHERE g.id=$rid")" "$(printf 'safe\t1\tclosed')"

# ---- the village module's link: the child director reports a child of the village
add_user "uvd$tag" --display-name 第一村儿童主任 --role village_director --division "$V1" --org "ugov$tag" --password "$PW"
vdj=$(login "uvd$tag" "$PW" "$OUT/jar.vd")
req GET "/guardianship/report/new?child=$child&source=village" -b "$vdj"
check "the village director opens the form from the village module's link" eval 'status_is 200 && body_has "无名童$tag" && body_has "name=\"source\" value=\"village\""'
post /guardianship/report "$vdj" --data "child=$child" --data source=village --data situation=begging --data found_at=2026-12-03T09:00 \
    --data-urlencode "facts=在集市被组织乞讨$tag" --data "police_org=$police" --data police_at=2026-12-03T09:05 --data police_receipt=V1
r2=$(loc_id /guardianship/reports)
check "... files it: source village, the township's task opened" is \
    "$(sql "SELECT g.source, t.level FROM gd_reports g JOIN gd_report_tasks x ON x.report_id=g.id AND x.step='receive' JOIN urgent_tasks t ON t.id=x.task_id WHERE g.id=0$r2")" "$(printf 'village\ttownship')"

rm -f "$CLOCK_FILE"
