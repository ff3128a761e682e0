# The director's monthly work report through Apache: figures from their
# own visits and surveys of the month, submitted once, returned with an
# opinion, submitted again, confirmed by the township's supervisor; another
# township's supervisor cannot see it.
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V3=500242101003
add_user "rd_$tag" --display-name "报告主任$tag" --role village_director --division $V3 --org lt_gov --password "$PW"
add_user "rs_$tag" --display-name 龙潭镇督导员 --role child_supervisor --division 500242101000 --org lt_gov --password "$PW"
add_user "ro_$tag" --display-name 他镇督导员 --role child_supervisor --division 500242102000 --org lt_gov --password "$PW"
dj=$(login "rd_$tag" "$PW" "$OUT/jar.rd")
sj=$(login "rs_$tag" "$PW" "$OUT/jar.rs")
oj=$(login "ro_$tag" "$PW" "$OUT/jar.ro")
uid=$(sql "SELECT id FROM users WHERE username='rd_$tag'")
sql "UPDATE village_directors SET end_date='2026-04-30' WHERE village_code='$V3' AND end_date IS NULL"
sql "INSERT INTO village_directors (user_id, village_code, start_date, created_by, created_at) VALUES ($uid, '$V3', '2026-01-01', 1, UTC_TIMESTAMP())"
set_clock 2026-06-03
c1=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('报告童甲$tag', 1, '2015-01-01', '500242101000', '$V3', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
c2=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('报告童乙$tag', 2, '2016-01-01', '500242101000', '$V3', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
visit() { post "/village/children/$1/visit" "$dj" --data "visit_date=$2" --data "kind=$3" \
    --data-urlencode "seen=祖父" --data-urlencode "told=政策告知$RANDOM" "${@:4}"; }
visit "$c1" 2026-05-04 visit
visit "$c1" 2026-05-20 home_check --data concern=dropout
visit "$c2" 2026-05-21 phone
visit "$c2" 2026-06-02 visit
post /village/survey/new "$dj" --data "village=$V3" --data-urlencode "name=摸底童$tag" --data sex=1 \
    --data-urlencode "situation=外来务工家庭" --data confirm=1
sql "UPDATE village_surveys SET created_at='2026-05-15 02:00:00' WHERE name='摸底童$tag'"
# one made at 00:30 on 1 June in Beijing (16:30 UTC on 31 May) is June's
post /village/survey/new "$dj" --data "village=$V3" --data-urlencode "name=摸底童乙$tag" --data sex=2 \
    --data-urlencode "situation=外来务工家庭" --data confirm=1
sql "UPDATE village_surveys SET created_at='2026-05-31 16:30:00' WHERE name='摸底童乙$tag'"

req GET /village/reports/month/2026-05 -b "$dj"
check "the director's May report opens" status_is 200
# the village's active children (other tests may have filed some there too)
nv=$(sql "SELECT COUNT(*) FROM children WHERE status = 'active' AND village_code = '$V3'")
check "children of their village: the $nv on file, these 2 among them" eval '[ "$nv" -ge 2 ] && grep -q "id=\"f-children\">$nv 人" "$OUT/body"'
check "visited in May: 2 (June's visit not counted)" grep -q 'id="f-visited">2 人' "$OUT/body"
check "one home check, one visit with a concern" eval 'grep -q "id=\"f-home\">1 次" "$OUT/body" && grep -q "id=\"f-concerns\">1 次" "$OUT/body"'
check "one survey (not the one of 00:30 on 1 June, Beijing time)" grep -q 'id="f-surveys">1 人' "$OUT/body"
post /village/reports/month/2026-07 "$dj"
check "a future month is refused" status_is 400
post /village/reports/month/2026-05 "$dj" --data-urlencode "note=5月走访完成$tag"
check "the report is submitted" status_is 303
rid=$(loc_id /village/reports)
check "with its figures kept" [ "$(sql "SELECT CONCAT(children,'/',visited,'/',visits,'/',home_checks,'/',calls,'/',concerns,'/',surveys,'/',township_code) FROM village_reports WHERE id='$rid'")" = "$nv/2/1/1/1/1/1/500242101000" ]
post /village/reports/month/2026-05 "$dj"
check "a second submission of the month is refused" status_is 409
req GET /village/reports -b "$sj"
check "the supervisor sees it to confirm" body_has "/village/reports/$rid"
req GET "/village/reports/$rid" -b "$oj"
check "another township's supervisor gets 404" status_is 404
post "/village/reports/$rid/review" "$dj" --data decision=confirmed
check "the director cannot confirm their own" status_is 403
post "/village/reports/$rid/review" "$sj" --data decision=returned
check "a return needs an opinion" status_is 400
post "/village/reports/$rid/review" "$sj" --data decision=returned --data-urlencode "opinion=请补充辍学儿童的跟进情况"
check "returned with the opinion" [ "$(sql "SELECT status FROM village_reports WHERE id='$rid'")" = returned ]
post /village/reports/month/2026-05 "$dj" --data-urlencode "note=已联系学校劝返$tag"
check "after a return it is submitted again" status_is 303
check "it is the same report" [ "$(loc_id /village/reports)" = "$rid" ]
check "submitted again, the return's opinion kept" [ "$(sql "SELECT CONCAT(status, '/', opinion) FROM village_reports WHERE id=$rid")" = "submitted/请补充辍学儿童的跟进情况" ]
post "/village/reports/$rid/review" "$sj" --data decision=confirmed
check "the supervisor confirms it" [ "$(sql "SELECT CONCAT(status, '/', note) FROM village_reports WHERE id='$rid'")" = "confirmed/已联系学校劝返$tag" ]
check "the return and the confirmation are audited" [ "$(audits village.report.review "$rid")" = 2 ]
rm -f "$CLOCK_FILE"
