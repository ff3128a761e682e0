# An unverified service log's edit form (issue 20 minor): a page of its
# own whose volunteers are ticked by name (those on the log ticked), no id
# list to type; a refusal (the module's or the host's check) shows that
# page again with what was typed and the message beside the field, nothing
# changed; a verified log has no edit form.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('ngo_le$tag', '修改测试社工$tag', 'ngo', '500242000000')"
sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, created_at, created_by)
     SELECT id, 'LE$tag', '李', '1', 'approved', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='ngo_le$tag'"
vorg=$(sql "SELECT v.id FROM volunteer_orgs v JOIN orgs o ON o.id=v.org_id WHERE o.code='ngo_le$tag'")
sql "INSERT INTO volunteer_org_areas (vorg_id, township_code) VALUES ($vorg, '500242101000')"
cid=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('修改测试童$tag', 2, '2015-04-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
aid=$(sql "INSERT INTO volunteer_assignments (child_id, vorg_id, service_type, start_date, end_date, created_at, created_by)
     VALUES ($cid, $vorg, '学业辅导', '2020-01-01', '2099-12-31', UTC_TIMESTAMP(), 1); SELECT LAST_INSERT_ID();")
v1=$(sql "INSERT INTO volunteers (vorg_id, name, created_at, created_by) VALUES ($vorg, '张甲$tag', UTC_TIMESTAMP(), 1); SELECT LAST_INSERT_ID();")
v2=$(sql "INSERT INTO volunteers (vorg_id, name, created_at, created_by) VALUES ($vorg, '李乙$tag', UTC_TIMESTAMP(), 1); SELECT LAST_INSERT_ID();")
lid=$(sql "INSERT INTO volunteer_logs (assignment_id, child_id, vorg_id, service_date, minutes, service_type, notes, status, created_at, created_by, updated_at)
     VALUES ($aid, $cid, $vorg, '2020-01-10', 60, '学业辅导', '原记录$tag', 'submitted', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
sql "INSERT INTO volunteer_log_people (log_id, volunteer_id) VALUES ($lid, $v1)"
add_user "lep$tag" --display-name 修改测试队员 --role ngo_partner --division 500242000000 --org "ngo_le$tag" --password "$PW"
pj=$(login "lep$tag" "$PW")
people() { sql "SELECT GROUP_CONCAT(volunteer_id ORDER BY volunteer_id) FROM volunteer_log_people WHERE log_id=$lid"; }

req GET "/volunteer/partner/children/$cid" -b "$pj"
check "the child's page links to the log's edit page, with no id list to type" \
    eval 'body_has "href=\"/volunteer/partner/logs/$lid/edit\"" && body_lacks "name=\"volunteer_ids\""'
req GET "/volunteer/partner/logs/$lid/edit" -b "$pj"
check "the edit page opens with the log's values" eval 'status_is 200 && body_has "value=\"2020-01-10\"" && body_has "原记录$tag</textarea>"'
check "its volunteers are checkboxes by name, the one on the log ticked" \
    eval 'grep -q "value=\"$v1\" checked> 张甲$tag" "$OUT/body" && grep -q "value=\"$v2\"> 李乙$tag" "$OUT/body" && body_lacks "volunteer_ids"'

post "/volunteer/partner/logs/$lid/edit" "$pj" --data service_date=2020-01-11 --data minutes=0 \
    --data-urlencode "service_type=学业辅导" --data "volunteer=$v2" --data-urlencode "notes=改过$tag"
check "a bad duration: the edit page again (400), the message beside the minutes" \
    eval 'status_is 400 && grep -q "<span class=\"field-error\" role=\"alert\">服务时长应为 1 到 1440 分钟。</span>" "$OUT/body" && body_has "id=\"f-min\""'
check "... what was typed is kept" eval 'body_has "value=\"2020-01-11\"" && body_has "改过$tag</textarea>"'
check "... nothing changed" eval '[ "$(sql "SELECT CONCAT(minutes, service_date) FROM volunteer_logs WHERE id=$lid")" = 602020-01-10 ] && [ "$(people)" = "$v1" ]'
post "/volunteer/partner/logs/$lid/edit" "$pj" --data service_date=2020-01-11 --data minutes=45 \
    --data-urlencode "service_type=$(printf '类%.0s' $(seq 1 40))" --data "volunteer=$v2" --data-urlencode "notes=改过$tag"
check "a service type too long (the host's check): the edit page again (400)" \
    eval 'status_is 400 && body_has "未能提交：服务类型最多 32 个字。" && body_has "改过$tag</textarea>"'
post "/volunteer/partner/logs/$lid/edit" "$pj" --data service_date=2020-01-11 --data minutes=45 \
    --data-urlencode "service_type=学业辅导" --data "volunteer=$v1" --data "volunteer=$v2" --data-urlencode "notes=改过$tag"
check "ticking both by name saves the correction (303)" eval 'status_is 303 && [ "$(people)" = "$v1,$v2" ]'
check "... with its new values" same "$(sql "SELECT CONCAT(minutes, '/', status) FROM volunteer_logs WHERE id=$lid")" "45/submitted"

sql "UPDATE volunteer_logs SET status='verified' WHERE id=$lid"
req GET "/volunteer/partner/logs/$lid/edit" -b "$pj"
check "a verified log has no edit form (409)" eval 'status_is 409 && body_has "已经乡镇核实，不能再修改"'
req GET "/volunteer/partner/children/$cid" -b "$pj"
check "... nor a link to one" body_lacks "/volunteer/partner/logs/$lid/edit"
