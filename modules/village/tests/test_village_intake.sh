# 一门受理 through Apache: a township window records a family's request with
# three needs (education, household registration, parents' employment);
# each becomes a task for its department due in 5 working days; two
# departments answer (accepted with the application opened; declined with
# the reason), the third is late: the master's job (no page opened) marks it
# overdue on the county coordinator's supervision list; once it answers the
# township is told and prints one written reply.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001
sql "DELETE FROM setting_values WHERE module='village' AND code LIKE 'intake%'"
for d in jw ga rs; do
    sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('i${d}_$tag', '县$d部门$tag', 'department', '500242000000')"
done
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at) VALUES
     ('village', 'intake_dept_education', '2026-01-01', 'ijw_$tag', 1, UTC_TIMESTAMP()),
     ('village', 'intake_dept_hukou', '2026-01-01', 'iga_$tag', 1, UTC_TIMESTAMP()),
     ('village', 'intake_dept_employment', '2026-01-01', 'irs_$tag', 1, UTC_TIMESTAMP())"
add_user "iw_$tag" --display-name 龙潭镇受理窗口 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
for d in jw ga rs; do
    add_user "i${d}u_$tag" --display-name "县$d经办人" --role county_staff --division 500242000000 --org "i${d}_$tag" --password "$PW"
done
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('ife_$tag', '县妇儿工委办$tag', 'dept_women_children', '500242000000')"
add_user "ife_$tag" --display-name 县妇儿工委办 --role county_staff --division 500242000000 --org "ife_$tag" --password "$PW"
add_user "ivd_$tag" --display-name 村主任 --role village_director --division $V1 --org lt_gov --password "$PW"
wj=$(login "iw_$tag" "$PW" "$OUT/jar.iw")
jw=$(login "ijwu_$tag" "$PW" "$OUT/jar.ijw")
ga=$(login "igau_$tag" "$PW" "$OUT/jar.iga")
rs=$(login "irsu_$tag" "$PW" "$OUT/jar.irs")
fe=$(login "ife_$tag" "$PW" "$OUT/jar.ife")
vd=$(login "ivd_$tag" "$PW" "$OUT/jar.ivd")
child=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('受理童$tag', 1, '2015-09-09', '500242101000', '$V1', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
mkdir -p "$(dirname "$CLOCK_FILE")"
echo "2026-06-01 02:00:00" >"$CLOCK_FILE"   # Monday 10:00 in Beijing
need_id() { sql "SELECT n.id FROM village_intake_needs n WHERE n.intake_id='$intake' AND n.need='$1'"; }
task_of() { sql "SELECT task_id FROM village_intake_needs WHERE id='$1'"; }

req GET "/village/intake/new?child=$child&need=education" -b "$wj"
check "the window's form opens for the child" status_is 200
check "with the need asked for ticked" body_has 'value="education" checked'
req GET "/village/intake/new?child=$child" -b "$vd"
check "a village director is not the window (403)" status_is 403
post /village/intake/new "$wj" --data "child=$child" --data-urlencode "applicant=祖母" \
    --data-urlencode "request=孙子失学，未上户口，父亲想找工作"
check "an intake without a need is refused" status_is 400
check "with a Chinese message" body_has "请至少勾选一项需求"
check "and nothing is recorded" [ "$(sql "SELECT COUNT(*) FROM village_intakes WHERE child_id=$child")" = 0 ]
post /village/intake/new "$wj" --data "child=$child" --data "need=education" --data "need=hukou" \
    --data "need=employment" --data-urlencode "applicant=祖母$tag" --data-urlencode "relation=祖母" \
    --data-urlencode "request=孙子失学，未上户口，父亲想找工作"
check "the window records the request with three needs" status_is 303
intake=$(loc_id /village/intake)
check "three needs, each to its department" [ "$(sql "SELECT GROUP_CONCAT(o.code ORDER BY n.need) FROM village_intake_needs n JOIN orgs o ON o.id=n.org_id WHERE n.intake_id='$intake'")" = "ijw_$tag,irs_$tag,iga_$tag" ]
check "due in 5 working days (Monday 2026-06-08)" [ "$(sql "SELECT COUNT(*) FROM village_intake_needs WHERE intake_id='$intake' AND due_date='2026-06-08'")" = 3 ]
check "each an open task at the county for its department" [ "$(sql "SELECT COUNT(*) FROM urgent_tasks t JOIN village_intake_needs n ON n.task_id=t.id WHERE n.intake_id='$intake' AND t.level='county' AND t.org_id=n.org_id AND t.status='open' AND t.due_at='2026-06-08 02:00:00'")" = 3 ]
check "on the child's timeline" [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$child AND kind='intake.open'")" = 1 ]
ne=$(need_id education) nh=$(need_id hukou) nr=$(need_id employment)

req GET /inbox -b "$jw"
check "the education department has it in its inbox" body_has "一门受理：教育（受理童$tag）"
check "not the other departments' needs" body_lacks "一门受理：户口登记（受理童$tag）"
post "/village/intake/needs/$nr/answer" "$jw" --data outcome=accepted --data-urlencode "app_ref=X1"
check "a department cannot answer another's need" status_is 403
post "/village/intake/needs/$ne/answer" "$jw" --data outcome=accepted
check "accepting needs the application opened" status_is 400
post "/village/intake/needs/$ne/answer" "$jw" --data outcome=accepted --data-urlencode "app_ref=教资〔2026〕$tag号"
check "education accepts with its application" status_is 303
check "its task is closed" [ "$(sql "SELECT status FROM urgent_tasks WHERE id=$(task_of "$ne")")" = closed ]
post "/village/intake/needs/$nh/answer" "$ga" --data outcome=declined
check "declining needs a reason" status_is 400
post "/village/intake/needs/$nh/answer" "$ga" --data outcome=declined --data-urlencode "answer=请监护人携出生医学证明到派出所办理$tag"
check "the police decline with the reason" [ "$(sql "SELECT status FROM village_intake_needs WHERE id=$nh")" = declined ]
req GET "/village/intake/$intake/reply" -b "$wj"
check "no reply while a department has not answered" status_is 409

# the employment department is late: the clock passes its deadline
echo "2026-06-09 03:00:00" >"$CLOCK_FILE"
tr=$(task_of "$nr")
check "the master's job marks the late task overdue at the county" \
    wait_for eval '[ "$(sql "SELECT final FROM urgent_tasks WHERE id=$tr")" = 1 ]'
check "with a row on the supervision list" [ "$(sql "SELECT COUNT(*) FROM supervision_items WHERE task_id=$tr AND status='open'")" = 1 ]
req GET /inbox/escalated -b "$fe"
check "the county coordinator sees it on the supervision page" body_has "一门受理：父母就业（人社）（受理童$tag）"
office=$(sql "SELECT id FROM orgs WHERE code='ife_$tag'")
told() { sql "SELECT COUNT(*) FROM notices WHERE kind='intake.overdue' AND org_id=$office AND object_id='$nr'"; }
pctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@"; }
check "the module's job tells 妇儿工委办 of the late need" eval 'pctl job run village.intake_overdue | grep -q "job village.intake_overdue done" && [ "$(told)" = 1 ]'
pctl job run village.intake_overdue >/dev/null
check "... once" [ "$(told)" = 1 ]
check "... not of the needs answered in time" [ "$(sql "SELECT COUNT(*) FROM notices WHERE kind='intake.overdue' AND object_id IN ('$ne', '$nh')")" = 0 ]
req GET /notices -b "$fe"
check "the coordinator reads it among the notices" body_has "一门受理逾期未答复：父母就业"
req GET /village/intake -b "$wj"
check "the township's list shows it late" grep -q "县rs部门$tag" "$OUT/body"
req GET "/village/intake/$intake" -b "$wj"
check "the intake's page marks the late need" grep -q "id=\"need-$nr\" data-status=\"open\" class=\"overdue\"" "$OUT/body"

post "/village/intake/needs/$nr/answer" "$rs" --data outcome=accepted --data-urlencode "app_ref=就业援助$tag"
check "the late department answers at last" status_is 303
check "the supervision row is resolved" [ "$(sql "SELECT status FROM supervision_items WHERE task_id=$tr")" = resolved ]
check "every need answered: the intake is" [ "$(sql "SELECT status FROM village_intakes WHERE id=$intake")" = answered ]
check "the township is told" [ "$(sql "SELECT COUNT(*) FROM notices WHERE kind='intake.answered' AND object_id='$intake' AND division_code='500242101000'")" = 1 ]
req GET "/village/intake/$intake/reply" -b "$wj"
check "the family's written reply prints" status_is 200
check "addressed to the applicant" body_has "祖母$tag："
check "with each department's answer" eval 'body_has "教资〔2026〕$tag号" && body_has "请监护人携出生医学证明到派出所办理$tag" && body_has "就业援助$tag"'
check "the reply is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='village.intake.reply' AND object_id='$child'")" = 1 ]
post "/village/intake/needs/$ne/answer" "$jw" --data outcome=declined --data-urlencode "answer=再答"
check "a need is answered once" status_is 409
rm -f "$CLOCK_FILE"
