# 急救 (issue 11 item 4) through HTTP: a hospital opens a case at once for
# an unidentified child (no ID number), the county gets an urgent task, the
# costs are recorded, another hospital sees nothing of it, the health
# commission opens one for a hospital, the county identifies the child: the
# timeline shows it, the child is referred to the hospital, the task closes.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('eh1$tag', '急救医院甲$tag', 'hospital', '500242000000'), ('eh2$tag', '急救医院乙$tag', 'hospital', '500242000000'), ('ewj$tag', '测试卫健委$tag', 'dept_health', '500242000000')"
h1=$(sql "SELECT id FROM orgs WHERE code='eh1$tag'")
add_user "eh1$tag" --display-name 医院甲医生 --role hospital_staff --division 500242000000 --org "eh1$tag" --password "$PW"
add_user "eh2$tag" --display-name 医院乙医生 --role hospital_staff --division 500242000000 --org "eh2$tag" --password "$PW"
add_user "ewj$tag" --display-name 卫健委 --role health_commission --division 500242000000 --org "ewj$tag" --password "$PW"
add_user "ecs$tag" --display-name 县民政局 --role county_staff --division 500242000000 --org mz --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
aj=$(login "eh1$tag" "$PW"); bj=$(login "eh2$tag" "$PW"); wj=$(login "ewj$tag" "$PW"); cj=$(login "ecs$tag" "$PW")
tj=$(login township 'Town#2026portal' "$OUT/jar.et")
kid=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('走失童$tag', 1, '2019-06-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")

req GET /medical/emergencies -b "$aj"
check "a hospital user opens the emergency page" status_is 200
post /medical/emergencies "$aj" --data reason=unidentified --data-urlencode "description=男孩，约七岁，头部外伤" --data found_on=2026-11-30
check "a case without the place found is refused (400)" status_is 400
check "... with a Chinese message" body_has "请填写发现地点"
post /medical/emergencies "$aj" --data reason=unidentified --data-urlencode "description=男孩，约七岁，头部外伤" \
    --data-urlencode "place_found=龙潭镇汽车站" --data found_on=2026-11-30
check "the hospital opens a case at once, without an ID number (303)" status_is 303
e1=$(loc_id /medical/emergencies)
check "the case is stored for the hospital's own organisation" same "$(sql "SELECT o.code FROM medical_emergencies e JOIN orgs o ON o.id=e.org_id WHERE e.id='$e1'")" "eh1$tag"
check "the county has an urgent task for it" same "$(sql "SELECT CONCAT(t.level, '/', t.division_code, '/', t.status, '/', t.hours) FROM urgent_tasks t JOIN medical_emergencies e ON e.task_id=t.id WHERE e.id='$e1'")" "county/500242000000/open/24"
req GET /inbox -b "$cj"
check "the county user's inbox lists it" body_has "/medical/emergencies/$e1"

post "/medical/emergencies/$e1/costs" "$aj" --data cost_date=2026-11-30 --data-urlencode "item=清创缝合" --data amount=1200.50
check "the hospital records a cost (303)" status_is 303
check "... in fen" same "$(sql "SELECT amount_fen FROM medical_emergency_costs WHERE emergency_id='$e1'")" 120050
post "/medical/emergencies/$e1/costs" "$aj" --data cost_date=2026-11-30 --data-urlencode "item=药品" --data amount=-5
check "a negative cost is refused (400)" status_is 400

req GET "/medical/emergencies/$e1" -b "$bj"
check "another hospital cannot open the case (404)" status_is 404
req GET /medical/emergencies -b "$bj"
check "... nor sees it in its list" body_lacks "/medical/emergencies/$e1\""
post "/medical/emergencies/$e1/costs" "$bj" --data cost_date=2026-11-30 --data-urlencode "item=x" --data amount=1
check "... nor adds costs to it (404)" status_is 404
req GET "/medical/emergencies/$e1" -b "$tj"
check "a township user cannot open it" [ "$STATUS" = 404 ] || [ "$STATUS" = 403 ]

post /medical/emergencies "$wj" --data reason=unable_to_pay --data "hospital=$h1" --data-urlencode "description=女孩，家属无力支付" \
    --data-urlencode "place_found=县人民医院急诊" --data found_on=2026-11-30
check "the health commission opens a case for a hospital (303)" status_is 303
e2=$(loc_id /medical/emergencies)
req GET "/medical/emergencies/$e2" -b "$aj"
check "the hospital sees only the cases it opened itself (404)" status_is 404

req GET "/medical/children/$kid" -b "$aj"
check "before identification the hospital cannot see the child (404)" status_is 404
post "/medical/emergencies/$e1/identify" "$aj" --data "child=$kid"
check "a hospital user cannot identify the child (403)" status_is 403
req GET "/medical/emergencies/$e1?q=%E8%B5%B0%E5%A4%B1%E7%AB%A5$tag" -b "$cj"
check "the county finds the child by name on the case" body_has "走失童$tag"
post "/medical/emergencies/$e1/identify" "$cj" --data "child=$kid"
check "the county links the case to the child's file (303)" status_is 303
check "the case is identified" same "$(sql "SELECT CONCAT(status, '/', child_id) FROM medical_emergencies WHERE id='$e1'")" "identified/$kid"
check "the timeline has the case" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$kid AND kind='emergency.identified' AND summary LIKE '%龙潭镇汽车站%'")" 1
check "the child is referred to the hospital" same "$(sql "SELECT COUNT(*) FROM child_org_links WHERE child_id=$kid AND org_id=$h1 AND relation='referred' AND ended_at IS NULL")" 1
check "the county's task is closed" same "$(sql "SELECT t.status FROM urgent_tasks t JOIN medical_emergencies e ON e.task_id=t.id WHERE e.id='$e1'")" closed
req GET "/children/$kid" -b "$tj"
check "the child's file shows the case on its timeline" body_has "急救病例 #$e1"
req GET "/medical/children/$kid" -b "$aj"
check "the hospital now sees the medical page of the child it treats" status_is 200
post "/medical/emergencies/$e1/identify" "$cj" --data "child=$kid"
check "identifying twice is refused (409)" status_is 409
req GET /medical/reports -b "$cj"
check "the open-cases report lists the case still open" body_has "县人民医院急诊"
check "... and not the identified one" body_lacks "龙潭镇汽车站"
