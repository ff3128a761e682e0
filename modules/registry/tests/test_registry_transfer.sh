# Jurisdiction follows the child (issue 22 item 2).  Township A (龙潭镇) files
# an orphan application; the county moves the child to a village of township
# B (麻旺镇).  From that commit A gets 404 on the application (audited) and
# cannot act on it, B finds it in its inbox and acts, and B has a notice of
# what it received.  The same for a living grant (the child's 生活保障 page)
# and a volunteer assignment (the service log B now verifies, A no longer).

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
act() { post "/living/applications/$2/act" "$1" --data "action=$3" --data wf_confirm=1 "${@:4}"; }
ctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@" >/dev/null 2>&1; }
new_child() { # new_child NAME VILLAGE -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at) VALUES ('$1', 1, '2016-05-01', CONCAT(LEFT('$2', 9), '000'), '$2', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
move() { # move CHILD NAME VILLAGE: the county edits the file's village
    post "/children/$1/edit" "$cj" --data-urlencode "name=$2" --data sex=1 --data birth_date=2016-05-01 \
        --data-urlencode "ethnicity=土家族" --data-urlencode "no_id_reason=未落户" --data "village_code=$3" \
        --data-urlencode "reason=迁居"
}
app_state() { sql "SELECT CONCAT(step_code, '/', status) FROM wf_applications WHERE id=$1"; }
denied() { sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='$1' AND object_id='$2' AND username='township'"; }
mkdir -p "$(dirname "$CLOCK_FILE")"; echo 2026-03-16 >"$CLOCK_FILE"

sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
ctl user add "tc_$tag" --display-name 县民政局 --role county_staff --division 500242000000 --org mz --password "$PW"
ctl user add "tb_$tag" --display-name 麻旺镇工作人员 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
ctl user add "tb2_$tag" --display-name 麻旺镇另一工作人员 --role township_staff --division 500242102000 --org mw_gov --password "$PW"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
aj=$(login township 'Town#2026portal' "$OUT/jar.a")
bj=$(login "tb_$tag" "$PW" "$OUT/jar.b")
cj=$(login "tc_$tag" "$PW" "$OUT/jar.c")
b2j=$(login "tb2_$tag" "$PW" "$OUT/jar.b2")
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township2'"
a2j=$(login township2 'Town2#2026portal' "$OUT/jar.a2")  # passes what township applied for
unread_of() { sed -n 's/.*id="notices-unread">\([0-9]*\)<.*/\1/p' "$OUT/body" | head -n1; }
row_of() { tr -d '\n' <"$OUT/body" | grep -o "id=\"notice-$1\">.*" | sed 's#</tr>.*##'; }  # ID: a row of /notices

# ---------------------------------------------------------------- an open application
n1="转移童$tag"
c1=$(new_child "$n1" 500242101001)
post /living/apply "$aj" --data "child=$c1" --data "benefit=orphan" --data "subtype=scattered" \
    --data-urlencode "household_note=父母双亡，随祖母生活$tag"
a1=$(loc_id /living/applications)
check "township A files an orphan application" [ -n "$a1" ] && [ "$(app_state "$a1")" = "check/open" ]
req GET "/living/applications/$a1" -b "$bj"
check "before the move township B gets 404 on it" status_is 404
req GET /inbox -b "$bj"
check "and does not see it in its inbox" body_lacks "/living/applications/$a1"

move "$c1" "$n1" 500242102001
check "the county moves the child to a village of township B (303)" status_is 303
check "the child is now B's" [ "$(sql "SELECT CONCAT(township_code, '/', village_code) FROM children WHERE id=$c1")" = "500242102000/500242102001" ]
check "the move is on the child's timeline, with the open application" \
    [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND kind='transfer' AND summary LIKE '%1 件待办申请%'")" = 1 ]
check "the move is audited" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.transfer' AND object_id='$c1' AND detail LIKE '%500242101001 -> 500242102001%'")" = 1 ]

d0=$(denied wf_application "$a1")
req GET "/living/applications/$a1" -b "$aj"
check "township A now gets 404 on the application page" status_is 404
check "without the household notes" body_lacks "随祖母生活$tag"
check "A's refused read is audited" [ "$(denied wf_application "$a1")" = "$((d0 + 1))" ]
act "$aj" "$a1" approve --data-urlencode "opinion=核实属实"
check "A cannot act on it (404)" status_is 404
check "A's refused act is audited" [ "$(denied wf_application "$a1")" = "$((d0 + 2))" ]
check "and nothing was recorded" [ "$(sql "SELECT COUNT(*) FROM wf_actions WHERE app_id=$a1")" = 1 ]
check "the application did not move on" [ "$(app_state "$a1")" = "check/open" ]
req GET /inbox -b "$aj"
check "A's inbox no longer lists it" body_lacks "/living/applications/$a1"
req GET /living/overdue -b "$aj"
check "nor does A's overdue list" body_lacks "/living/applications/$a1"

req GET /inbox -b "$bj"
check "B's inbox lists it" body_has "/living/applications/$a1"
req GET "/living/applications/$a1" -b "$bj"
check "B opens the application (200)" status_is 200
check "B sees the household notes" body_has "随祖母生活$tag"
act "$bj" "$a1" approve --data-urlencode "opinion=麻旺镇核实属实"
check "B acts on it (303)" status_is 303
check "it moved on to the county" [ "$(app_state "$a1")" = "decide/open" ]
check "B's act is in the history" [ "$(sql "SELECT COUNT(*) FROM wf_actions w JOIN users u ON u.id=w.user_id WHERE w.app_id=$a1 AND w.action='approve' AND u.username='tb_$tag'")" = 1 ]

req GET /children -b "$bj"
check "B's children list points to its open notices" body_has 'id="open-notices"'
req GET /children/notices -b "$bj"
check "B's notices page opens" status_is 200
check "B is told what it received" body_has "转入：儿童$n1（原属龙潭镇"
check "with the open application" body_has "含待办申请 1 件"
check "the notice links the child" body_has "/children/$c1"
req GET /children/notices -b "$aj"
check "A has no such notice" body_lacks "儿童$n1"
nid=$(sql "SELECT id FROM notices WHERE module='registry' AND child_id=$c1 AND kind='transfer_in'")
check "the notice is a core notice to B's office" \
    same "$(sql "SELECT CONCAT_WS('/', division_code, title, link) FROM notices WHERE id='$nid'")" "500242102000/儿童档案转入本辖区//children/$c1"
req GET /notices -b "$b2j"
check "B's colleague finds it unread on /notices" \
    eval 'status_is 200 && row_of "$nid" | grep -q "未读"'
unread0=$(unread_of)
post "/children/notices/$nid/done" "$aj"
check "A cannot mark B's notice handled (404)" status_is 404
check "that refusal is audited" [ "$(denied notice "$nid")" = 1 ]
check "and the notice stays open" same "$(sql "SELECT done_at IS NULL FROM notices WHERE id=$nid")" 1
post "/children/notices/$nid/done" "$bj"
check "B marks it handled (303)" status_is 303
check "it is recorded and audited" [ "$(sql "SELECT (done_by IS NOT NULL) + (SELECT COUNT(*) FROM audit_log WHERE action='notice.done' AND object_id='$nid') FROM notices WHERE id=$nid")" = 2 ]
req GET /children/notices -b "$b2j"
check "handled for the whole office: gone from the colleague's open notices" body_lacks "儿童$n1"
req GET /notices -b "$b2j"
check "the colleague's /notices shows it handled by the office" \
    eval 'row_of "$nid" | grep -q "本单位已处理" && ! row_of "$nid" | grep -q "未读"'
check "and it no longer counts as unread for the colleague" same "$(unread_of)" "$((unread0 - 1))"
post "/children/notices/$nid/done" "$b2j"
check "marking it again only says so (303)" eval 'status_is 303'
check "without a second audit row" same "$(audits notice.done "$nid")" 1

# ---------------------------------------------------------------- a living grant
n2="保障转移童$tag"
c2=$(new_child "$n2" 500242101001)
post /living/apply "$aj" --data "child=$c2" --data "benefit=orphan" --data "subtype=scattered"
a2=$(loc_id /living/applications)
act "$a2j" "$a2" approve --data-urlencode "opinion=属实"
act "$cj" "$a2" approve
check "the child has a grant (approved in A)" [ "$(sql "SELECT COUNT(*) FROM living_grants WHERE child_id=$c2")" = 1 ]
req GET "/living/children/$c2" -b "$aj"
check "A sees the child's 生活保障 page before the move" status_is 200
move "$c2" "$n2" 500242102001
check "the county moves the child to B" status_is 303
req GET "/living/children/$c2" -b "$aj"
check "A gets 404 on the grant's page after the move" status_is 404
req GET "/living/applications/$a2" -b "$aj"
check "and on the finished application" status_is 404
req GET "/living/children/$c2" -b "$bj"
check "B sees the grant" eval 'status_is 200 && body_has "孤儿"'
check "no open application: the notice says 0" \
    [ "$(sql "SELECT COUNT(*) FROM notices WHERE module='registry' AND child_id=$c2 AND kind='transfer_in' AND division_code='500242102000' AND body LIKE '%含待办申请 0 件%'")" = 1 ]

# ---------------------------------------------------------------- a volunteer assignment
ocode="ngo_tr$tag"
post /volunteer/orgs "$cj" --data "code=$ocode" --data-urlencode "name=转移测试社工$tag" --data "reg_no=TR$tag" \
    --data-urlencode "contact_name=张社工" --data contact_phone=13800000000 \
    --data "areas=500242101000,500242102000" --data-urlencode "service_types=学业辅导"
vorg=$(loc_id /volunteer/orgs)
post "/volunteer/orgs/$vorg/status" "$cj" --data status=approved
n3="服务转移童$tag"
c3=$(new_child "$n3" 500242101001)
post "/volunteer/orgs/$vorg/assign" "$cj" --data "child_id=$c3" --data-urlencode "service_type=学业辅导" \
    --data start_date=2026-03-01 --data end_date=2026-06-30
check "the county assigns the child in A to the organisation" status_is 303
ctl user add "tp_$tag" --display-name 转移测试社工 --role ngo_partner --division 500242000000 --org "$ocode" --password "$PW"
pj=$(login "tp_$tag" "$PW" "$OUT/jar.p")
post "/volunteer/partner/children/$c3/logs" "$pj" --data service_date=2026-03-10 --data minutes=60 \
    --data-urlencode "service_type=学业辅导" --data-urlencode "notes=辅导作业$tag"
check "the partner logs a service (303)" status_is 303
l1=$(sql "SELECT MAX(id) FROM volunteer_logs WHERE child_id=$c3")
req GET /volunteer/verify -b "$aj"
check "A has the log to verify before the move" body_has "/volunteer/verify/logs/$l1"
move "$c3" "$n3" 500242102001
req GET /volunteer/verify -b "$aj"
check "after the move A no longer has it" body_lacks "/volunteer/verify/logs/$l1"
post "/volunteer/verify/logs/$l1" "$aj" --data action=verify --data confirm=1
check "A cannot verify it (404)" status_is 404
check "and it stays submitted" [ "$(sql "SELECT status FROM volunteer_logs WHERE id=$l1")" = submitted ]
req GET /volunteer/verify -b "$bj"
check "B has it to verify" body_has "/volunteer/verify/logs/$l1"
post "/volunteer/verify/logs/$l1" "$bj" --data action=verify --data confirm=1
check "B verifies it" [ "$(sql "SELECT status FROM volunteer_logs WHERE id=$l1")" = verified ]
req GET "/volunteer/partner/children/$c3" -b "$pj"
check "the assignment goes on: the partner still serves the child (200)" status_is 200

rm -f "$CLOCK_FILE"
