# 医疗救助 (issue 11 item 2) through HTTP: a township applies for a 低保
# child's hospital stay, the county approves; ratio and yearly cap are
# dated settings entered by the module administrator; a rate changed in
# July applies to stays from July; the second stay hits the yearly cap
# (the ledger's cap left); payment to the hospital needs its account;
# figures on the settlement sheet; jurisdiction; the child's panel.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
new_child() { # new_child NAME VILLAGE -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2015-05-01', CONCAT(LEFT('$2', 9), '000'), '$2', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
category() { # category CHILD CODE FROM
    sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($1, '$2', '测试', '$3', 1)"
}
act() { local jar=$1 app=$2 action=$3; shift 3; post "/medical/aid/$app/act" "$jar" --data "action=$action" --data wf_confirm=1 "$@"; }
app_state() { sql "SELECT CONCAT(step_code, '/', status) FROM wf_applications WHERE id=$1"; }
aid_col() { sql "SELECT $2 FROM medical_aid WHERE app_id=$1"; }
setting() { # setting CODE VALUE FROM
    post /admin/settings/medical/value "$mj" --data-urlencode "code=$1" --data-urlencode "value=$2" --data-urlencode "valid_from=$3"
}
apply() { # apply CHILD START END ELIGIBLE PAYEE -> $app
    post /medical/aid "$tj" --data "child=$1" --data case_type=inpatient --data "hospital=$hosp" \
        --data "start_date=$2" --data "end_date=$3" --data-urlencode "diagnosis=急性肺炎" \
        --data total=5000 --data basic=3000 --data critical=500 --data charity=0 \
        --data "eligible=$4" --data "payee=$5" "${@:6}"
    app=$(sed -n 's|^Location: /medical/aid/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r' | head -n1)
}

add_user "mcs$tag" --display-name 县民政局救助股 --role county_staff --division 500242000000 --org mz --password "$PW"
# a second township clerk accepts what the demo township account applied for (separation of duties)
add_user "mt2$tag" --display-name 龙潭镇审核 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
add_user "mot$tag" --display-name 他镇 --role township_staff --division 500242102000 --org lt_gov --password "$PW"
add_user "mma$tag" --display-name 医疗保障模块管理员 --role module_admin --division 500242000000 --org mz --password "$PW"
sql "INSERT INTO module_admins (module, user_id, granted_by, granted_at) SELECT 'medical', id, id, UTC_TIMESTAMP() FROM users WHERE username='mma$tag';
     INSERT INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, 'settings.module', 'settings', id, UTC_TIMESTAMP() FROM users WHERE username='mma$tag'"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('hosp$tag', '测试人民医院$tag', 'hospital', '500242000000')"
hosp=$(sql "SELECT id FROM orgs WHERE code='hosp$tag'")
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.mt")
cj=$(login "mcs$tag" "$PW")
t2j=$(login "mt2$tag" "$PW")
oj=$(login "mot$tag" "$PW")
mj=$(login "mma$tag" "$PW")
set_clock 2026-09-01

c1=$(new_child "医救童$tag" 500242101001)
c2=$(new_child "无类别童$tag" 500242101001)
category "$c1" dibao 2026-01-01

# ---------------------------------------------------------------- settings
setting aid_ratio_dibao_in 70 2026-01-01
check "the module administrator sets the 低保 inpatient ratio (303)" status_is 303
setting aid_ratio_dibao_in 80 2026-07-01
check "... and a higher ratio from July (303)" status_is 303
setting aid_cap_dibao_in 1000 2026-01-01
check "... and the yearly cap 1000 元 (303)" status_is 303
post /admin/settings/medical/lookup "$mj" --data kind=rehab_item --data "code=st$tag" \
    --data valid_from=2026-01-01 --data-urlencode "c1=听障儿童语言训练" --data-urlencode "c2=0-6 岁，每年 10 个月"
check "a covered rehabilitation item is added to the lookup (303)" status_is 303

# ---------------------------------------------------------------- the form
req GET "/medical/aid/new?child=$c1" -b "$tj"
check "the township opens the application form for the child" status_is 200
check "the form lists the hospital" body_has "测试人民医院$tag"
check "the form lists the covered rehabilitation item" body_has "听障儿童语言训练"
req GET "/medical/aid/new?child=$c1" -b "$oj"
check "another township cannot pick the child (404)" status_is 404

before=$(sql "SELECT COUNT(*) FROM medical_aid")
apply "$c1" 2026-03-10 2026-03-20 1600 hospital
check "an eligible amount above what is left after the payers is refused (400)" status_is 400
check "... with a Chinese message naming what is left" body_has "1500.00 元"
apply "$c2" 2026-03-10 2026-03-20 1000 hospital
check "a child without a category that day is refused (400)" status_is 400
check "... with the reason" body_has "不属于医疗救助对象"
apply "$c1" 2026-03-10 2026-10-20 1000 hospital
check "a discharge after today is refused (400)" status_is 400
check "nothing was stored by the refusals" same "$(sql "SELECT COUNT(*) FROM medical_aid")" "$before"

# ---------------------------------------------------------------- the caps on the file before any aid
# the child has a living allowance line (a line of another module): the
# file still shows the whole cap, and the first aid paid shows at once
sql "INSERT INTO pay_batches (module, programme, period, title, status, created_by, created_at) VALUES ('living', 't$tag', '2026-05-01', '医救生活$tag', 'draft', 1, UTC_TIMESTAMP());
     INSERT INTO pay_lines (batch_id, child_id, township_code, programme, period, amount_fen, reason, source_module, posted_by, created_at)
     VALUES (LAST_INSERT_ID(), $c1, '500242101000', 't$tag', '2026-05-01', 50000, '测试', 'living', 1, UTC_TIMESTAMP())"
caps_sql() { sql "SELECT COUNT(*) FROM mysql.general_log WHERE argument LIKE 'SELECT programme, SUM(amount_fen) FROM pay_lines%'"; }
was=$(sql "SELECT @@GLOBAL.log_output")
sql "SET GLOBAL log_output='TABLE'; TRUNCATE mysql.general_log; SET GLOBAL general_log=1"
req GET "/children/$c1" -b "$tj"
sql "SET GLOBAL general_log=0"
check "... and the file asks the ledger nothing for the caps (the child has no medical line)" same "$(caps_sql)" 0
sql "TRUNCATE mysql.general_log; SET GLOBAL log_output='$was'"
check "with only another module's pay line, the file shows the whole inpatient cap" \
    body_has "1000.00 元（年度限额 1000.00 元，低保家庭儿童）"
check "... the line marks the child for its module only" \
    same "$(sql "SELECT GROUP_CONCAT(tbl ORDER BY tbl) FROM child_marks WHERE child_id=$c1 AND tbl LIKE 'pay_lines@%'")" "pay_lines@living"

# ---------------------------------------------------------------- case 1: March, 70 %
apply "$c1" 2026-03-10 2026-03-20 1000 hospital --data "rehab=st$tag"
check "the application for a March stay is made (303)" status_is 303
a1=$app
check "it opens at the township's step" same "$(app_state "$a1")" "accept/open"
req GET "/children/$c1" -b "$tj"
check "the file's panel counts the open application" body_has '办理中的医疗救助申请</td><td data-label="情况">1 件'
check "... and no aid paid yet" body_has '年已获医疗救助</td><td data-label="情况">0.00 元（0 次）'
check "its due day is 10 working days on (setting)" same "$(aid_col "$a1" step_due)" 2026-09-15
check "the preview applies March's ratio: 700.00 元" same "$(aid_col "$a1" "CONCAT(ratio_bp, '/', aid_fen)")" "7000/70000"
check "the covered item is kept with the episode" same "$(sql "SELECT item_name FROM medical_aid_items WHERE app_id=$a1")" "听障儿童语言训练"
req GET "/medical/aid/$a1" -b "$tj"
check "the application page shows the covered item" body_has "纳入保障的康复项目：听障儿童语言训练"
check "... and the ratio" body_has "70.00%"
req GET "/medical/aid/$a1" -b "$oj"
check "another township cannot read it (404)" status_is 404
check "... the denial is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_id='$a1'")" -ge 1 ]

act "$cj" "$a1" approve
check "the county cannot act on the township's step (409)" status_is 409
# the applicant neither returns nor rejects (separation of duties): another township clerk
act "$t2j" "$a1" return
check "a return without the list of missing documents is refused (409)" status_is 409
check "... with the workflow's message" body_has "一次性列明需要补正的全部材料"
act "$t2j" "$a1" return --data-urlencode "opinion=请补充出院小结"
check "the township returns it for documents (303)" status_is 303
check "... no due day while returned" same "$(aid_col "$a1" "COALESCE(step_due, 'none')")" none
act "$tj" "$a1" resubmit
check "... resubmitted, the township's due day runs again" same "$(aid_col "$a1" step_due)" 2026-09-15
act "$t2j" "$a1" approve --data-urlencode "opinion=材料齐全"
check "the township accepts (303)" status_is 303
check "it moves to the county" same "$(app_state "$a1")" "decide/open"
check "the county's due day is 10 working days on" same "$(aid_col "$a1" step_due)" 2026-09-15
act "$cj" "$a1" approve
check "paying the hospital without its account is refused (409)" status_is 409
check "... with the reason" body_has "尚未登记收款账户"
check "... and nothing changed" same "$(app_state "$a1")" "decide/open"
post "/medical/hospitals/$hosp/account" "$cj" --data-urlencode "bank=酉阳农商行" --data account=6222000011112222
check "the county registers the hospital's account (303)" status_is 303
act "$cj" "$a1" approve --data-urlencode "opinion=同意救助"
check "the county approves (303)" status_is 303
check "the application is approved" same "$(sql "SELECT status FROM wf_applications WHERE id=$a1")" approved
line1=$(aid_col "$a1" pay_line_id)
check "700.00 元 is posted to the ledger" same "$(sql "SELECT CONCAT(amount_fen, '/', programme, '/', period, '/', source_module) FROM pay_lines WHERE id='$line1'")" "70000/aid_in/2026-03-01/medical"
check "... paid to the hospital (one-stop settlement)" same "$(sql "SELECT o.code FROM pay_lines l JOIN pay_payees p ON p.id=l.payee_id JOIN orgs o ON o.id=p.org_id WHERE l.id='$line1'")" "hosp$tag"
check "the child's timeline shows the aid" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$c1 AND kind='aid.paid'")" 1
req GET "/children/$c1" -b "$tj"
check "the first aid paid shows on the file's inpatient cap at once" \
    body_has "300.00 元（年度限额 1000.00 元，低保家庭儿童）"
check "... and the outpatient cap is whole" body_has "3000.00 元（年度限额 3000.00 元，低保家庭儿童）"

# ---------------------------------------------------------------- case 2: August, 80 %, hits the cap
apply "$c1" 2026-08-03 2026-08-10 1000 guardian
a2=$app
check "a second stay, in August, is made (303)" status_is 303
check "its preview applies August's ratio, capped at what is left (300.00 元)" same "$(aid_col "$a2" "CONCAT(ratio_bp, '/', raw_fen, '/', cap_left_fen, '/', aid_fen)")" "8000/80000/30000/30000"
act "$t2j" "$a2" approve
act "$cj" "$a2" approve
check "the county approves the second stay" same "$(sql "SELECT status FROM wf_applications WHERE id=$a2")" approved
line2=$(aid_col "$a2" pay_line_id)
check "only the 300.00 元 left under the cap is posted, to the guardian's account" same "$(sql "SELECT CONCAT(amount_fen, '/', COALESCE(payee_id, 'guardian')) FROM pay_lines WHERE id='$line2'")" "30000/guardian"
req GET "/medical/aid/$a2/sheet" -b "$cj"
check "the settlement sheet opens" status_is 200
check "... shows the ratio of the stay's date" body_has "80.00%"
check "... the amount before the cap" body_has "800.00 元"
check "... the cap left and the aid" body_has "300.00 元"
check "... and says the cap was reached" body_has "已达年度限额"
check "reading the sheet is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='medical.aid.sheet.read' AND object_id='$a2'")" 1

# a third stay this year: nothing left under the cap
apply "$c1" 2026-08-20 2026-08-22 500 guardian
a3=$app
act "$t2j" "$a3" approve
act "$cj" "$a3" approve
check "a stay after the cap is reached is approved with no aid" same "$(aid_col "$a3" "CONCAT(aid_fen, '/', COALESCE(pay_line_id, 'none'))")" "0/none"

# ---------------------------------------------------------------- the child's file
capchecks=$(sql "SELECT COUNT(*) FROM audit_log WHERE action='pay.cap.check' AND object_id='$c1'")
reads=$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.read' AND object_id='$c1'")
check "the approvals' cap checks decided payments: audited (pay.cap.check)" [ "$capchecks" -ge 2 ]
req GET "/children/$c1" -b "$tj"
check "the child's file has the 医疗保障 panel" body_has "医疗保障"
check "... with the aid received this year" body_has "1000.00 元（2 次）"
check "... and no open application (all three decided)" body_has '办理中的医疗救助申请</td><td data-label="情况">0 件'
check "... and the inpatient cap left" body_has "0.00 元（年度限额 1000.00 元，低保家庭儿童）"
check "... and the outpatient cap, untouched by the inpatient lines" body_has "3000.00 元（年度限额 3000.00 元，低保家庭儿童）"
check "the file's read is audited once, its caps shown are no cap check of their own" \
    same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.read' AND object_id='$c1'")/$(sql "SELECT COUNT(*) FROM audit_log WHERE action='pay.cap.check' AND object_id='$c1'")" "$((reads + 1))/$capchecks"
req GET "/medical/children/$c1" -b "$tj"
check "the module's page of the child lists the applications" body_has "/medical/aid/$a2"
req GET "/medical/children/$c1" -b "$oj"
check "another township cannot open it (404)" status_is 404
# ---------------------------------------------------------------- a receipt
python3 -c "import zlib,struct,sys
def ch(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d))
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n'+ch(b'IHDR',struct.pack('>IIBBBBB',1,1,8,2,0,0,0))+ch(b'IDAT',zlib.compress(b'\x00\xff\x00\x00'))+ch(b'IEND',b''))" >"$OUT/receipt.png"
req POST /medical/aid -b "$tj" -H "Origin: $BASE" -F "_csrf=$(csrf "$tj")" -F "child=$c1" -F case_type=outpatient \
    -F "hospital=$hosp" -F start_date=2026-08-25 -F end_date=2026-08-25 -F "diagnosis=复诊" -F total=300 \
    -F basic=100 -F eligible=200 -F payee=guardian -F "receipt=@$OUT/receipt.png;type=image/png"
check "an outpatient application with a receipt is made (303)" status_is 303
a4=$(sed -n 's|^Location: /medical/aid/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r' | head -n1)
rid=$(sql "SELECT id FROM medical_aid_receipts WHERE app_id='$a4'")
check "the receipt is stored with it" [ -n "$rid" ]
req GET "/medical/aid/$a4/receipts/$rid" -b "$tj"
check "the township opens the receipt" status_is 200
req GET "/medical/aid/$a4/receipts/$rid" -b "$oj"
check "another township cannot (404)" status_is 404
check "outpatient aid uses the outpatient cap (default 3000.00 元 for 低保)" same "$(aid_col "$a4" "CONCAT(ratio_bp, '/', cap_fen, '/', aid_fen)")" "5000/300000/10000"

# ---------------------------------------------------------------- reports
req GET "/medical/reports?year=2026" -b "$cj"
check "the reports page opens" status_is 200
check "the child at the yearly cap is listed as near it" body_has "医救童$tag"
req GET "/medical/reports/export?report=near_cap&year=2026" -b "$cj"
check "the near-cap list (children's names) asks its purpose first" eval 'status_is 200 && body_has "导出用途" && ! grep -q "医救童$tag,龙潭镇" "$OUT/body"'
req GET "/medical/reports/export?report=near_cap&year=2026&purpose=stats" -b "$cj"
check "with a purpose it is in the export register" [ "$(sql "SELECT COUNT(*) FROM export_register WHERE kind='medical.near_cap' AND purpose='stats'")" -ge 1 ]
check "the near-cap report exports as CSV" grep -q "医救童$tag,龙潭镇,住院,1000.00,1000.00,0.00" "$OUT/body"
req GET "/medical/reports/export?report=aid&year=$(today_cn | cut -c1-4)" -b "$cj"
check "the aid report exports per category and month" grep -q "^低保家庭儿童,.*,住院," "$OUT/body"
check "exports are audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='medical.report.export'")" -ge 2 ]
req GET "/medical/reports?year=2026" -b "$oj"
check "another township's reports do not list the child" body_lacks "医救童$tag"
# months are China's: a decision at 00:30 on 1 April in Beijing (16:30 UTC on
# 31 March) is April's, in the year of Beijing's calendar
paid=$(sql "SELECT app_id FROM medical_aid WHERE pay_line_id IS NOT NULL ORDER BY app_id DESC LIMIT 1")
was=$(sql "SELECT decided_at FROM medical_aid WHERE app_id = $paid")
sql "UPDATE medical_aid SET decided_at = '2031-03-31 16:30:00' WHERE app_id = $paid"
req GET "/medical/reports/export?report=aid&year=2031" -b "$cj"
check "a decision at 00:30 Beijing on 1 April counts in April, not March" \
    eval 'grep -q ",2031-04," "$OUT/body" && ! grep -q ",2031-03," "$OUT/body"'
sql "UPDATE medical_aid SET decided_at = '2031-12-31 16:30:00' WHERE app_id = $paid"
req GET "/medical/reports/export?report=aid&year=2031" -b "$cj"
check "and one at 00:30 on 1 January 2032 in Beijing is not 2031's" bash -c "! grep -q ',2031-12,' '$OUT/body'"
sql "UPDATE medical_aid SET decided_at = '$was' WHERE app_id = $paid"
rm -f "$CLOCK_FILE"
