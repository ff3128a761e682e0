# 督查指标 (issue 16 item 1): every indicator on crafted data in two
# synthetic townships of this test's own (A and B: no generated or demo
# child is ever placed there, whatever ran before), June 2025, the
# expected numbers worked out by hand beside each case.  The job computes
# the month (the test clock says 2025-07-10); the figures and the cases
# behind them are checked in the database and on the dashboard.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
A=500242291000; A1=500242291001; B=500242292000; B1=500242292001
M=2025-06-01
# the indicators job, as an operator runs it (the master runs it nightly)
run_indicators() {
    if build/portalctl --config "$TEST_DIR/portal.conf" job run supervision.indicators |
        grep -q "job supervision.indicators done"; then JOB_STATUS=ok; else JOB_STATUS=failed; fi
}

sql "INSERT IGNORE INTO divisions (code, parent_code, level, name, synthetic) VALUES
     ('$A', '500242000000', 'township', '督查测试甲乡', 1), ('$B', '500242000000', 'township', '督查测试乙乡', 1),
     ('$A1', '$A', 'village', '督查测试甲村', 1), ('$B1', '$B', 'village', '督查测试乙村', 1);
     UPDATE cache_versions SET version = version + 1 WHERE name = 'divisions'"
add_user "svc_$tag" --display-name 县民政局督查 --role supervision_issuer --division 500242000000 --org mz --password "$PW"
add_user "sva_$tag" --display-name 督查测试甲乡 --role township_staff --division "$A" --org mz --password "$PW"
cj=$(login "svc_$tag" "$PW" "$OUT/jar.svc")
aj=$(login "sva_$tag" "$PW" "$OUT/jar.sva")

q() { if [ -n "$1" ]; then echo "'$1'"; else echo NULL; fi; }  # a quoted value or NULL
# kid NAME VILLAGE BIRTH [ID yes/no] [NO_ID_REASON] [CERT_EXPIRY] -> id
kid() {
    local town="${2:0:9}000" idh=NULL reason=NULL cert=NULL
    [ "${4:-yes}" = yes ] && idh="SHA2('$tag$1', 256)"
    [ -n "${5:-}" ] && reason="'$5'"
    [ -n "${6:-}" ] && cert="'$6'"
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, id_hmac,
         no_id_reason, disability_cert_expiry, status, created_at, created_by, updated_at)
         VALUES ('$1$tag', 1, '$3', '$town', '$2', $idh, $reason, $cert, 'active',
         UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
cat_() { # cat_ CHILD CATEGORY START [END] [BASIS]
    sql "INSERT INTO child_categories (child_id, category, basis, start_date, end_date, entered_by)
         VALUES ($1, '$2', '${5-证明材料（测试）}', '$3', $(q "${4:-}"), 1)"
}
grant_() { # grant_ CHILD BENEFIT START_MONTH [END_MONTH] -> id
    sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, end_month, created_at)
         VALUES ($1, '$2', 'scattered', '$3', $(q "${4:-}"), UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
visit() { # visit CHILD DATE KIND
    sql "INSERT INTO village_visits (child_id, village_code, township_code, visit_date, kind, seen, user_id, created_at)
         SELECT id, village_code, township_code, '$2', '$3', '儿童本人（测试）', 1, UTC_TIMESTAMP() FROM children WHERE id = $1"
}
attach() { # attach CHILD UPLOADED_AT
    sql "INSERT INTO child_attachments (child_id, kind, filename, content_type, size, sha256, stored_name, uploaded_by, uploaded_at)
         VALUES ($1, '死亡证明', 't.pdf', 'application/pdf', 1, SHA2('$tag$1$2', 256), SHA2('s$tag$1$2', 256), 1, '$2')"
}

# children: A holds c1..c5, c8, c9; B holds c6, c7
c1=$(kid 甲一 $A1 2020-01-01); c2=$(kid 甲二 $A1 2019-05-05 no '弃婴，未落户'); c3=$(kid 甲三 $A1 2010-03-03)
c4=$(kid 甲四 $A1 2018-06-30 yes '' 2025-06-01); c5=$(kid 甲五 $A1 2015-01-01)
c8=$(kid 甲八 $A1 2021-02-02 no '' 2025-12-31); c9=$(kid 甲九 $A1 2012-02-02)
c6=$(kid 乙六 $B1 2022-01-01); c7=$(kid 乙七 $B1 2011-01-01)
cat_ $c1 orphan 2025-01-01; cat_ $c2 orphan 2025-01-01 '' ''; cat_ $c3 orphan 2025-06-15
cat_ $c4 orphan 2025-01-01; cat_ $c5 orphan 2025-01-01 2025-06-10; cat_ $c6 orphan 2025-01-01
cat_ $c7 dibao 2024-12-01; cat_ $c8 de_facto_unsupported 2025-01-01; cat_ $c9 tekun 2025-01-01
grant_ $c1 orphan 2025-02-01 >/dev/null; g4=$(grant_ $c4 orphan 2025-02-01); grant_ $c6 orphan 2025-02-01 >/dev/null
grant_ $c7 dibao 2024-12-01 2025-05-01 >/dev/null; grant_ $c8 de_facto_unsupported 2025-02-01 >/dev/null
grant_ $c9 dibao 2025-02-01 >/dev/null
sql "INSERT INTO living_suspensions (grant_id, from_month, reason, created_by, created_at) VALUES ($g4, '2025-06-01', '测试', 1, UTC_TIMESTAMP())"

# visits (31 days back from 06-30: after 05-30, phone calls not counted)
visit $c1 2025-06-10 visit; visit $c2 2025-06-12 phone; visit $c3 2025-05-20 visit
visit $c4 2025-05-31 home_check; visit $c5 2025-06-10 visit; visit $c6 2025-06-30 visit; visit $c7 2025-07-01 visit
# attachments (uploaded before July; c4's only in July)
attach $c1 '2025-03-01 08:00:00'; attach $c2 '2025-03-01 08:00:00'; attach $c4 '2025-07-05 08:00:00'
attach $c8 '2025-03-01 08:00:00'; attach $c9 '2025-03-01 08:00:00'; attach $c6 '2025-03-01 08:00:00'

# screenings: a round (12 months back from 06-30)
org=$(sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('sv$tag', '测试社会组织$tag', 'ngo', '500242000000'); SELECT LAST_INSERT_ID();")
round() { sql "INSERT INTO rehab_rounds (org_id, township_code, day, place, created_by, created_at) VALUES ($org, '$A', '$1', '测试', 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"; }
screen() { sql "INSERT INTO rehab_screenings (round_id, child_id, name, sex, birth_date, village_code, created_by, created_at) SELECT $2, id, name, sex, birth_date, village_code, 1, UTC_TIMESTAMP() FROM children WHERE id = $1"; }
screen $c1 "$(round 2025-03-01)"; screen $c8 "$(round 2024-05-01)"; screen $c6 "$(round 2025-06-15)"

# NGO services: verified logs 90 days back from 06-30 (after 04-01)
vorg=$(sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, created_at, created_by) VALUES ($org, 'SV$tag', '联系人', '023-0000', 'approved', UTC_TIMESTAMP(), 1); SELECT LAST_INSERT_ID();")
service() { # service CHILD DATE STATUS
    local as
    as=$(sql "INSERT INTO volunteer_assignments (child_id, vorg_id, service_type, start_date, end_date, created_at, created_by) VALUES ($1, $vorg, 'care', '2025-01-01', '2025-12-31', UTC_TIMESTAMP(), 1); SELECT LAST_INSERT_ID();")
    sql "INSERT INTO volunteer_logs (assignment_id, child_id, vorg_id, service_date, minutes, service_type, status, created_at, created_by, updated_at) VALUES ($as, $1, $vorg, '$2', 60, 'care', '$3', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
}
service $c1 2025-06-01 verified; service $c2 2025-06-01 submitted; service $c3 2025-04-01 verified
service $c8 2025-05-15 verified; service $c6 2025-06-20 verified

# applications (dibao: 30 days in all); the final decision's time in UTC
app() { # app CHILD STATUS USED -> id
    sql "INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index, step_code, status, started_at, step_started, total_used_days, created_by)
         SELECT 'living', 'dibao', id, village_code, township_code, 3, 'decide', '$2', '2025-05-01', '2025-05-01', $3, 1 FROM children WHERE id = $1; SELECT LAST_INSERT_ID();"
}
act() { sql "INSERT INTO wf_actions (app_id, step_code, action, user_id, at) VALUES ($1, 'decide', '$2', 1, '$3')"; }
a1=$(app $c2 approved 20); act $a1 approve '2025-06-10 02:00:00'
a2=$(app $c3 rejected 35); act $a2 reject '2025-06-20 02:00:00'
a3=$(app $c4 approved 10); act $a3 approve '2025-05-20 02:00:00'
a4=$(app $c8 approved 5); act $a4 approve '2025-06-05 02:00:00'; act $a4 approve '2025-07-02 02:00:00'
a5=$(app $c7 approved 25); act $a5 approve '2025-06-30 15:00:00'   # 23:00 on 06-30 in Beijing
a6=$(app $c6 approved 25); act $a6 approve '2025-06-30 16:30:00'   # 00:30 on 07-01 in Beijing

# mandatory reports (police within 2 hours of finding; safe within 24 hours of reporting)
report() { # report DIVISION CHILD FOUND POLICE REPORTED SAFE -> id
    sql "INSERT INTO gd_reports (child_id, division_code, situation, facts_enc, reporter_enc, reporter_user_id, found_at, police_at, reported_at, safety_due, safe_at)
         VALUES ($2, '$1', 'other', 'x', 'x', 1, '$3', $(q "${4:-}"), '$5', '$5' + INTERVAL 24 HOUR, $(q "${6:-}")); SELECT LAST_INSERT_ID();"
}
r1=$(report $A1 $c1 '2025-06-05 02:00:00' '2025-06-05 03:30:00' '2025-06-05 02:10:00' '2025-06-05 20:00:00')
r2=$(report $A NULL '2025-06-10 00:00:00' '2025-06-10 03:00:00' '2025-06-10 01:00:00' '')
r3=$(report $B1 $c7 '2025-06-15 00:00:00' '' '2025-06-15 00:00:00' '2025-06-16 01:00:00')
r4=$(report 500242000000 NULL '2025-06-20 00:00:00' '2025-06-20 01:00:00' '2025-06-20 00:30:00' '2025-06-20 02:00:00')
r5=$(report $A1 $c2 '2025-05-31 15:00:00' '' '2025-05-31 15:00:00' '')

# dropout cases (30 days: open ones count once detected by 05-31)
dropout() { # dropout CHILD DETECTED CLOSED -> app id
    local app
    app=$(sql "INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index, step_code, status, started_at, step_started, created_by)
         SELECT 'education', 'dropout', id, village_code, township_code, 0, 'visit', 'open', '$2', '$2', 1 FROM children WHERE id = $1; SELECT LAST_INSERT_ID();")
    sql "INSERT INTO edu_dropouts (app_id, child_id, open_child, reason, detected_on, outcome, closed_on)
         VALUES ($app, $1, $(if [ -n "${3:-}" ]; then echo NULL; else echo "$1"; fi), 'absent', '$2', $(if [ -n "${3:-}" ]; then echo "'returned'"; else echo NULL; fi), $(q "${3:-}"))"
    echo "$app"
}
d1=$(dropout $c2 2025-05-01 2025-06-15); d2=$(dropout $c3 2025-04-01 ''); d3=$(dropout $c4 2025-06-10 '')
d4=$(dropout $c6 2025-03-01 2025-05-20); d5=$(dropout $c7 2025-05-15 2025-07-03)

set_clock 2025-07-10
run_indicators
check "the job ran" [ "$JOB_STATUS" = ok ]
check "and is recorded" [ "$(sql "SELECT last_status FROM module_jobs WHERE module = 'supervision' AND job = 'indicators'")" = ok ]
# the master's periodic child runs it as the portal's database user, not
# portalctl's administrator: its temporary tables need their grant (they
# failed with 1044 in every run by the master before)
sql "UPDATE module_jobs SET last_started = NULL, last_status = NULL, last_message = '' WHERE module = 'supervision' AND job = 'indicators'"
sup_job_ended() { [ -n "$(sql "SELECT 1 FROM module_jobs WHERE module = 'supervision' AND job = 'indicators' AND last_status IN ('ok', 'failed')")" ]; }
wait_for sup_job_ended
check "the master runs it too, as the portal's database user" \
    [ "$(sql "SELECT CONCAT(last_status, ' ', last_message) FROM module_jobs WHERE module = 'supervision' AND job = 'indicators'")" = "ok " ]
check "June 2025 is computed as of its last day" \
    [ "$(sql "SELECT as_of FROM supervision_months WHERE month = '$M'")" = 2025-06-30 ]
check "July 2025 as of today" [ "$(sql "SELECT as_of FROM supervision_months WHERE month = '2025-07-01'")" = 2025-07-10 ]
check "twelve months back are computed too" [ "$(sql "SELECT COUNT(*) FROM supervision_months WHERE month BETWEEN '2024-07-01' AND '2025-07-01'")" = 13 ]

fig() { sql "SELECT CONCAT(numerator, '/', denominator) FROM supervision_figures WHERE month = '$M' AND indicator = '$1' AND township_code = '$2'"; }
short() { sql "SELECT GROUP_CONCAT(case_id ORDER BY case_id) FROM supervision_cases WHERE month = '$M' AND indicator = '$1' AND township_code = '$2'"; }
ids() { tr ' ' '\n' <<<"$*" | sort -n | paste -sd, -; }

# 孤儿应保尽保: A: c1 paid; c2 not; c4 suspended in June; c3 too new (06-15), c5 left (06-10)
check "cov_orphan A = 1/3" [ "$(fig cov_orphan $A)" = 1/3 ]
check "cov_orphan A's gaps are c2 and c4" [ "$(short cov_orphan $A)" = "$(ids $c2 $c4)" ]
check "cov_orphan B = 1/1" [ "$(fig cov_orphan $B)" = 1/1 ]
# 低保: c7's grant ended in May; c9's dibao grant is not a tekun grant
check "cov_dibao B = 0/1 (the grant ended in May)" [ "$(fig cov_dibao $B)" = 0/1 ]
check "cov_dfu A = 1/1" [ "$(fig cov_dfu $A)" = 1/1 ]
check "cov_tekun A = 0/1 (a dibao grant is not tekun)" [ "$(fig cov_tekun $A)" = 0/1 ]
# 按期走访: A in difficulty on 06-30: c1 c2 c3 c4 c8 c9; visited: c1 (06-10), c4 (home check 05-31)
check "visit_timely A = 2/6" [ "$(fig visit_timely $A)" = 2/6 ]
check "visit_timely A's short cases" [ "$(short visit_timely $A)" = "$(ids $c2 $c3 $c8 $c9)" ]
check "visit_timely B = 1/2 (a visit on 07-01 is July's)" [ "$(fig visit_timely $B)" = 1/2 ]
# 档案完整: c1 ID+file, c2 reason+file, c9 ID+file; c3 no file, c4's file came in July, c8 neither ID nor reason
check "file_complete A = 3/6" [ "$(fig file_complete $A)" = 3/6 ]
check "file_complete A's short cases" [ "$(short file_complete $A)" = "$(ids $c3 $c4 $c8)" ]
check "file_complete B = 1/2" [ "$(fig file_complete $B)" = 1/2 ]
# 数据质量: c2's category has no basis, c4's certificate expired 06-01
check "data_quality A = 4/6" [ "$(fig data_quality $A)" = 4/6 ]
check "data_quality A's short cases" [ "$(short data_quality $A)" = "$(ids $c2 $c4)" ]
check "data_quality B = 2/2" [ "$(fig data_quality $B)" = 2/2 ]
# 0-6 筛查: under 7 on 06-30: c1 (screened 03-01), c2 (never), c8 (screened 2024-05: too long ago); c4 turned 7 that day
check "screening A = 1/3" [ "$(fig screening $A)" = 1/3 ]
check "screening A's short cases" [ "$(short screening $A)" = "$(ids $c2 $c8)" ]
check "screening B = 1/1" [ "$(fig screening $B)" = 1/1 ]
# 社会组织服务: in need (orphan, de facto, guardianship): c1 c2 c3 c4 c8; served: c1, c8
check "ngo_service A = 2/5" [ "$(fig ngo_service $A)" = 2/5 ]
check "ngo_service A's short cases (unverified, too old, none)" [ "$(short ngo_service $A)" = "$(ids $c2 $c3 $c4)" ]
check "ngo_service B = 1/1" [ "$(fig ngo_service $B)" = 1/1 ]
# 按时办结: A: a1 in time, a2 over 30 days; a3 (May) and a4 (decided in July) not June's
check "app_timely A = 1/2" [ "$(fig app_timely $A)" = 1/2 ]
check "app_timely A's short case is a2" [ "$(short app_timely $A)" = "$a2" ]
check "app_timely B = 1/1 (23:00 Beijing on 06-30 is June, 00:30 on 07-01 is not)" [ "$(fig app_timely $B)" = 1/1 ]
# 强制报告: A: r1 police in 1.5 h, safe in 18 h; r2 police after 3 h, never safe; B: r3 no police, safe after 25 h
check "report_police A = 1/2" [ "$(fig report_police $A)" = 1/2 ]
check "report_police B = 0/1" [ "$(fig report_police $B)" = 0/1 ]
check "a county-level report counts for the county" [ "$(fig report_police 500242000000 | cut -d/ -f2)" -ge 1 ]
check "report_safety A = 1/2" [ "$(fig report_safety $A)" = 1/2 ]
check "report_safety A's short case is r2" [ "$(short report_safety $A)" = "$r2" ]
check "report_safety B = 0/1" [ "$(fig report_safety $B)" = 0/1 ]
check "a report of 23:00 Beijing on 05-31 is May's" [ "$(sql "SELECT COUNT(*) FROM supervision_cases WHERE month = '$M' AND case_id = $r5 AND indicator LIKE 'report%'")" = 0 ]
# 辍学劝返: A: d1 closed in June, d2 open since April; d3 too new; B: d4 closed in May (not June's), d5 closed in July
check "dropout_resolved A = 1/2" [ "$(fig dropout_resolved $A)" = 1/2 ]
check "dropout_resolved A's short case is d2" [ "$(short dropout_resolved $A)" = "$d2" ]
check "dropout_resolved B = 0/1" [ "$(fig dropout_resolved $B)" = 0/1 ]

# the dashboard: the county sees every township and the total
req GET "/supervision?month=2025-06" -b "$cj"
check "the dashboard opens" status_is 200
check "it shows A's visit figure" body_has "indicator=visit_timely&amp;town=$A\">33.3%</a><br><small>2/6</small>"
check "and B's row" body_has "data-town=\"$B\""
check "with each definition" body_has "电话回访不计"
check "and a sparkline drawn as SVG" body_has "<polyline points=\""
check "and the ranking" body_has 'id="ranking"'
req GET "/supervision?month=2025-06&sort=visit_timely&dir=desc" -b "$cj"
check "sorted by visits, B (50%) comes before A (33.3%)" \
    [ "$(grep -o "data-town=\"\($A\|$B\)\"" "$OUT/body" | head -n1)" = "data-town=\"$B\"" ]
req GET "/supervision?month=2025-06&sort=visit_timely&dir=asc" -b "$cj"
check "and the other way, A before B" \
    [ "$(grep -o "data-town=\"\($A\|$B\)\"" "$OUT/body" | head -n1)" = "data-town=\"$A\"" ]
req GET "/supervision/cases?month=2025-06&indicator=cov_orphan&town=$A" -b "$cj"
check "a click lists the children behind the number" body_has "甲二$tag"
check "the gaps only" body_lacks "甲一$tag"
check "the list is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'supervision.cases.view' AND username = 'svc_$tag'")" -ge 1 ]

# a township sees itself and the county total, nothing of B
req GET "/supervision?month=2025-06" -b "$aj"
check "the township's dashboard opens" status_is 200
check "with its own row" body_has "data-town=\"$A\""
check "and no other township" body_lacks "data-town=\"$B\""
check "and the county total" body_has 'data-town="county"'
check "without the ranking" body_lacks 'id="ranking"'
req GET "/supervision/cases?month=2025-06&indicator=visit_timely&town=$B" -b "$aj"
check "B's list is a 404 for A" status_is 404
check "and the denial is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'deny' AND username = 'sva_$tag'")" -ge 1 ]
req GET "/supervision/cases?month=2025-06&indicator=visit_timely" -b "$aj"
check "A's own list opens" body_has "甲三$tag"
check "and holds nothing of B" body_lacks "乙七$tag"
rm -f "$CLOCK_FILE"
