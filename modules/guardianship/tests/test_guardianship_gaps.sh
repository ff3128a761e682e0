# Issues 11-15 gaps, guardianship: the institution named to take in a child
# whose parents are detained gets an urgent TASK in its staff's inbox (not
# only a notice), opens the record and marks the child received (the task
# closes); another institution sees nothing.  A placement keeps the child's
# core column placement in step through the host (on the timeline).  The
# statistics over any range of days, and as an .xlsx.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001
is() { [ "$1" = "$2" ] || { echo "    got: $1" | head -3; return 1; }; }
mkorg() { sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('$1$tag', '$2$tag', '$3', '$4'); SELECT LAST_INSERT_ID();"; }
police=$(mkorg gpol 龙潭派出所 police_station 500242101000)
inst=$(mkorg gwel 县儿童福利院 welfare 500242000000)
mkorg gwel2 另一福利院 welfare 500242000000 >/dev/null
mkorg ggov 县民政局 dept_civil 500242000000 >/dev/null
u() { add_user "$1$tag" --display-name "$2" --role "$3" --division "$4" --org "$5$tag" --password "$PW"; }
u gcop 张警官 org_staff 500242101000 gpol
u gwel 福利院社工 org_staff 500242000000 gwel
u gwel2 另一福利院社工 org_staff 500242000000 gwel2
u gcty 县未保中心 protection_county 500242000000 ggov
for x in cop wel wel2 cty; do eval "${x}j=\$(login g$x$tag \"\$PW\" \"\$OUT/jar.$x\")"; done
set_clock "2026-12-04 03:00:00"

# ---- the institution's task
post /guardianship/detentions "$copj" --data-urlencode "child_desc=钱小花，6岁$tag" --data "place=$V1" \
    --data-urlencode "parent_name=钱某" --data kind=administrative --data start_date=2026-12-03 --data "institution=$inst"
did=$(loc_id /guardianship/detentions)
check "a detention naming an institution opens the institution's own urgent task" is \
    "$(sql "SELECT t.org_id, t.permission, t.status FROM gd_detentions d JOIN urgent_tasks t ON t.id=d.receive_task_id WHERE d.id=$did")" \
    "$(printf '%s\tguardianship.receive\topen' "$inst")"
req GET /inbox -b "$welj"
check "... in the institution's staff's inbox" eval 'status_is 200 && body_has "/guardianship/detentions/$did" && body_has "请接收儿童临时照料"'
req GET /inbox -b "$wel2j"
check "... not in another institution's" body_lacks "/guardianship/detentions/$did"
req GET "/guardianship/detentions/$did" -b "$wel2j"
check "another institution cannot open the record (404)" status_is 404
req GET "/guardianship/detentions/$did" -b "$welj"
check "the institution opens it (audited)" eval 'status_is 200 && body_has "钱小花，6岁$tag" && body_has "已接收儿童"'
post "/guardianship/detentions/$did/close" "$welj" --data end_reason=released --data end_date=2026-12-10
check "the institution cannot close the case (403)" eval 'status_is 403 && [ "$(sql "SELECT status FROM gd_detentions WHERE id=$did")" = open ]'
post "/guardianship/detentions/$did/receive" "$welj"
check "the institution marks the child received: its task closes" is \
    "$(sql "SELECT d.received_at IS NOT NULL, t.status, t.closed_by FROM gd_detentions d JOIN urgent_tasks t ON t.id=d.receive_task_id WHERE d.id=$did")" \
    "$(printf '1\tclosed\t%s' "$(sql "SELECT id FROM users WHERE username='gwel$tag'")")"
req GET /inbox -b "$welj"
check "... and leaves its inbox" body_lacks "/guardianship/detentions/$did"

# ---- placement kept in the child's core column
child=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('安置童$tag', 2, '2015-06-07', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
post "/guardianship/children/$child/placements" "$ctyj" --data kind=institution --data "org=$inst" --data start_date=2026-11-01
check "a placement writes children.placement through the host, on the timeline" is \
    "$(sql "SELECT placement FROM children WHERE id=$child"):$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$child AND kind='file.core' AND summary LIKE '%安置方式：无 → 机构养育%'")" "机构养育:1"

# ---- the statistics over a range of days, and as .xlsx
for at in "2019-03-05 02:00:00" "2019-03-31 15:59:00" "2019-04-01 01:00:00"; do
    sql "INSERT INTO gd_reports (division_code, situation, facts_enc, reporter_enc, reporter_user_id, found_at, reported_at, safety_due)
         VALUES ('$V1', 'begging', 'x', 'x', 1, '$at', '$at', '$at')"
done
req GET "/guardianship/stats?from=2019-03-01&to=2019-03-31" -b "$ctyj"
check "the statistics of March 2019 (Beijing days) count its two reports" eval 'status_is 200 && grep -q "id=\"t-n\">2<" "$OUT/body" && body_has "2019-03-01 至 2019-03-31"'
req GET "/guardianship/stats?from=2019-04-01&to=2019-03-01" -b "$ctyj"
check "an upside-down range is refused" eval 'status_is 400 && body_has "开始日期不能晚于结束日期"'
req GET "/guardianship/stats/export?from=2019-03-01&to=2019-04-30" -b "$ctyj"
unzip -p "$OUT/body" xl/worksheets/sheet1.xml >"$OUT/sheet.xml" 2>/dev/null
check "the range as .xlsx: the count by situation, audited" eval 'status_is 200 && header_has "spreadsheetml" && grep -q "被组织乞讨" "$OUT/sheet.xml" && grep -q "<v>3</v>" "$OUT/sheet.xml" && [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action=\"guardianship.stats.export\" AND username=\"gcty$tag\"")" = 1 ]'
req GET "/guardianship/stats/export?from=2019-03-01&to=2019-04-30" -b "$welj"
check "an institution cannot export the statistics (403)" status_is 403

# ---- guardianship ends at 18, by the master's job
pctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@"; }
adult=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('成年童$tag', 1, '2008-12-01', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
minor=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('未成年童$tag', 1, '2008-12-05', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
for c in $adult $minor; do
    post "/guardianship/children/$c/guardians" "$ctyj" --data kind=civil_long --data-urlencode "guardian=酉阳县民政局" \
        --data basis=revoked --data-urlencode "basis_note=(2020)渝0242民特1号" --data start_date=2020-05-01
done
check "two children under the state's long-term guardianship" is "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id IN ($adult, $minor) AND category='guardianship' AND end_date IS NULL")" 2
check "the job is declared (daily)" eval 'pctl job list | grep -q "^guardianship.adult	every 1440 min"'
check "portalctl runs it" eval 'pctl job run guardianship.adult | grep -q "job guardianship.adult done"'
check "the guardianship of the child who turned 18 ended on the birthday, reason adult" is \
    "$(sql "SELECT CONCAT(end_date, ' ', end_reason) FROM gd_guardians WHERE child_id=$adult")" "2026-12-01 adult"
check "... the category exits with the reason code adult, on the timeline" is \
    "$(sql "SELECT CONCAT(end_date, ' ', exit_reason) FROM child_categories WHERE child_id=$adult AND category='guardianship'"):$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$adult AND kind='guardian.end' AND summary LIKE '%年满十八周岁%'")" \
    "2026-12-01 adult:1"
check "... a child not yet 18 keeps it" is "$(sql "SELECT IFNULL(end_date, '-') FROM gd_guardians WHERE child_id=$minor")" "-"

rm -f "$CLOCK_FILE"
