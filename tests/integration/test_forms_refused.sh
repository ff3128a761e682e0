# Issue 20 item 1, the modules' own refusals: a POST a module refuses with
# 400 (s->fail(r, 400, ...), or form_error and 400) comes back as its form,
# like the host's own parameter check (test_forms_again): 400, the page the
# form is on, what was typed in the inputs, the message at the top and
# beside the field the module named, nothing in the database and no audit
# row of the change.  A form the module renders again itself stays so; a
# 409 stays the error page; a refused POST is never replayed as done; an
# upload's file is not kept and the message says so.

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
V1=500242101001
form_back() { # form_back MESSAGE: the form again (400), the message at the top, no dead end
    status_is 400 && body_has "未能提交：$1" && body_lacks "请求无法完成" && body_has "<form"
}
beside() { # beside MESSAGE: the message beside its field
    grep -qF "<span class=\"field-error\" role=\"alert\">$1</span>" "$OUT/body"
}
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('township','county')"
tj=$(login township 'Town#2026portal' "$OUT/jar.rt")
k=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('拒收童$tag', 1, '2016-05-01', '500242101000', '$V1', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
audit0=$(sql "SELECT MAX(id) FROM audit_log")
changes() { # the actions audited since the start that are not reads, denials or sign-ins
    sql "SELECT GROUP_CONCAT(DISTINCT action ORDER BY action) FROM audit_log WHERE id > $audit0 AND user_id IS NOT NULL AND action NOT LIKE '%.read' AND action NOT LIKE '%.view' AND action NOT LIKE 'deny%' AND action NOT LIKE 'login%' AND action NOT LIKE 'user.%'"
}

# ---------------------------------------------------------------- living: the account
p0=$(sql "SELECT COUNT(*) FROM pay_payees")
post "/living/children/$k/account" "$tj" --data-urlencode "payee=王$tag" --data-urlencode "bank=酉阳农商行$tag" --data account=12345
check "living: an account of 5 digits (the module's check): the child's living page again (400)" \
    eval 'form_back "账号应为 10 至 30 位数字（不含空格）。" && body_has "基本生活保障：拒收童$tag"'
check "... the message beside the account, what was typed in the inputs" \
    eval 'beside "账号应为 10 至 30 位数字（不含空格）。" && body_has "value=\"王$tag\"" && body_has "value=\"酉阳农商行$tag\"" && body_has "value=\"12345\""'
post "/living/children/$k/account" "$tj" --data-urlencode "payee=王$tag" --data-urlencode "bank=酉阳农商行$tag" --data-urlencode "account=6228 4800 1234 5678"
check "living: an account typed with spaces: the form again (400), the payee and bank kept" \
    eval 'status_is 400 && body_has "未能提交：" && body_lacks "请求无法完成" && body_has "value=\"酉阳农商行$tag\""'
check "... no payee account saved" same "$(sql "SELECT COUNT(*) FROM pay_payees")" "$p0"

# ---------------------------------------------------------------- living: 不予批准 without a reason
add_user "rf1_$tag" --display-name 龙潭镇经办乙 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
t1=$(login "rf1_$tag" "$PW" "$OUT/jar.rt1")
post /living/apply "$tj" --data "child=$k" --data benefit=orphan --data subtype=scattered
app=$(loc_id /living/applications)
check "an application to decide" [ -n "$app" ]
n0=$(sql "SELECT COUNT(*) FROM wf_actions WHERE app_id=${app:-0}")
post "/living/applications/$app/act" "$t1" --data action=reject --data wf_confirm=1 --data-urlencode "visit_findings=入户$tag"
check "living: 不予批准 without a reason: the application's own form again (400), the reason asked beside the opinion" \
    eval 'status_is 400 && beside "不予批准时，请在意见中写明理由。" && body_lacks "请求无法完成" && body_has "id=\"history\""'
check "... nothing decided" same "$(sql "SELECT COUNT(*) FROM wf_actions WHERE app_id=${app:-0}")" "$n0"

# ---------------------------------------------------------------- registry: a family member's bad ID
post "/children/$k/family" "$tj" --data-urlencode "relation=母亲" --data-urlencode "name=李$tag" \
    --data situation=normal --data id_number=500242198001011234 --data-urlencode "phone=1390000$tag"
check "registry: a family member with a bad ID number: the file again (400), the message beside the ID" \
    eval 'status_is 400 && beside "身份证号无效（位数、校验位或出生日期不正确），请核对；不知道时可以不填。" && body_lacks "请求无法完成"'
check "... the name and phone typed kept" eval 'body_has "value=\"李$tag\"" && body_has "value=\"1390000$tag\""'
check "... no member saved" same "$(sql "SELECT COUNT(*) FROM child_family WHERE child_id=$k")" 0
post "/children/$k/categories" "$tj" --data category=orphan --data-urlencode "basis=民政认定$tag" --data start_date=2009-01-01
check "registry: a category starting before birth (the module's s->fail 400): the file again, the basis kept" \
    eval 'form_back "开始日期不能早于出生日期。" && body_has "民政认定$tag" && body_has "拒收童$tag"'
check "... no category saved" same "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$k")" 0

# ---------------------------------------------------------------- registry: removal on its edit page
post "/children/$k/family" "$tj" --data-urlencode "relation=父亲" --data-urlencode "name=陈$tag" --data situation=normal
fid=$(sql "SELECT id FROM child_family WHERE child_id=$k AND name='陈$tag'")
long201=$(printf '因%.0s' $(seq 1 201))
post "/children/$k/family/$fid/remove" "$tj" --data-urlencode "remove_reason=$long201"
check "registry: a removal's reason of 201 characters: the member's edit page again (400), the reason kept in its own input" \
    eval 'status_is 400 && beside "删除原因最多 200 个字。" && body_has "name=\"remove_reason\" value=\"$long201\"" && body_has "value=\"陈$tag\""'
check "... the member stays" same "$(sql "SELECT removed_at IS NULL FROM child_family WHERE id=$fid")" 1

# ---------------------------------------------------------------- registry: an upload refused
printf '%%PDF-1.4 test %s\n' "$tag" >"$OUT/att.pdf"
a0=$(sql "SELECT COUNT(*) FROM child_attachments WHERE child_id=$k")
req POST "/children/$k/attachments" -b "$tj" -H "Origin: $BASE" -F "_csrf=$(csrf "$tj")" -F "kind= " -F "file=@$OUT/att.pdf;type=application/pdf"
check "registry: an upload without its kind: the file again (400), saying the file was not kept" \
    eval 'form_back "请" && body_has "材料类型。（所选文件没有保存，请重新选择。）"'
check "... nothing stored" same "$(sql "SELECT COUNT(*) FROM child_attachments WHERE child_id=$k")" "$a0"

# ---------------------------------------------------------------- volunteer: "1，2"
partner_for_child "ngo_rf$tag" "拒收测试社工$tag" "$k" "rfp$tag"
pj=$(login "rfp$tag" "$PW" "$OUT/jar.rp")
post "/volunteer/partner/children/$k/logs" "$pj" --data service_date=2026-01-05 --data minutes=75 \
    --data-urlencode "service_type=学业辅导" --data-urlencode "volunteer_ids=1，2" --data-urlencode "notes=辅导语文$tag"
check "volunteer: a log naming volunteers \"1，2\": the child's page again (400), the message beside the volunteers" \
    eval 'form_back "参与志愿者编号应为数字，用逗号分隔。" && beside "参与志愿者编号应为数字，用逗号分隔。"'
check "... the date, minutes and notes typed kept" \
    eval 'body_has "value=\"2026-01-05\"" && body_has "value=\"75\"" && body_has "辅导语文$tag</textarea>"'
check "... no log saved" same "$(sql "SELECT COUNT(*) FROM volunteer_logs WHERE child_id=$k")" 0

# ---------------------------------------------------------------- volunteer: a donation (its form on the projects page)
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='county'"
cyj=$(login county 'County#2026portal' "$OUT/jar.rcy")
d0=$(sql "SELECT COUNT(*) FROM volunteer_donations")
post /volunteer/donations "$cyj" --data-urlencode "donor=爱心企业$tag" --data "child_id=$k" --data amount=12.345 --data pledged_date=2026-01-03
check "volunteer: a donation of 12.345 yuan: the projects page again (400), the donor and the date kept" \
    eval 'status_is 400 && body_has "未能提交：" && body_lacks "请求无法完成" && body_has "value=\"爱心企业$tag\"" && body_has "value=\"12.345\"" && body_has "value=\"2026-01-03\""'
check "... no donation saved" same "$(sql "SELECT COUNT(*) FROM volunteer_donations")" "$d0"

# ---------------------------------------------------------------- any template: what was typed is put back by the host
# the hospitals' account forms (one per hospital) write no value="<?cs var:Form.x ?>": the host puts
# what was typed back into the one form that sent it (sticky.c), never into another hospital's
h=$(sql "SELECT MIN(id) FROM orgs WHERE kind='hospital'")
h2=$(sql "SELECT MAX(id) FROM orgs WHERE kind='hospital'")
pp0=$(sql "SELECT COUNT(*) FROM pay_payees")
post "/medical/hospitals/$h/account" "$cyj" --data-urlencode "bank=县农商行$tag" --data account=12ab34
check "medical: a hospital's account with letters: the hospitals page again (400), the bank and account typed in their inputs" \
    eval 'status_is 400 && body_has "未能提交：" && body_lacks "请求无法完成" && body_has "value=\"县农商行$tag\"" && body_has "value=\"12ab34\""'
check "... typed into that hospital's form only" \
    eval '[ "$(grep -o "value=\"县农商行$tag\"" "$OUT/body" | wc -l)" = 1 ] && { [ "$h" = "$h2" ] || grep -q "action=\"/medical/hospitals/$h2/account\"" "$OUT/body"; }'
check "... no account saved" same "$(sql "SELECT COUNT(*) FROM pay_payees")" "$pp0"

# ---------------------------------------------------------------- guardianship: a step's bad value
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('rgov$tag', '县民政局$tag', 'dept_civil', '500242000000')"
add_user "rcty$tag" --display-name 县未保中心 --role protection_county --division 500242000000 --org "rgov$tag" --password "$PW"
cj=$(login "rcty$tag" "$PW" "$OUT/jar.rc")
post "/guardianship/children/$k/placements" "$cj" --data kind=foster --data-urlencode "carer=何家$tag" \
    --data care_match=99999999 --data start_date=2026-01-01
check "guardianship: a placement naming another child's foster match: the care page again (400)" \
    eval 'form_back "所选寄养匹配不属于该儿童。" && body_has "安置与监护：拒收童$tag"'
check "... the carer and the match typed kept" eval 'body_has "value=\"何家$tag\"" && body_has "value=\"99999999\""'
check "... no placement saved" same "$(sql "SELECT COUNT(*) FROM gd_placements WHERE child_id=$k")" 0

# ---------------------------------------------------------------- no change audited; 409; the key
acts=$(changes)
check "no audit row of a refused change: only the writes accepted (the application, a family member)" \
    same "$acts" "child.family.add,living.apply,wf.start"
post "/guardianship/children/$k/placements" "$cj" --data kind=foster --data-urlencode "carer=何家$tag" --data start_date=2026-01-01
post "/guardianship/children/$k/placements" "$cj" --data kind=relatives --data-urlencode "carer=姑姑$tag" --data start_date=2025-06-01
check "a 409 (a placement before the open one: the record's state) stays the error page" \
    eval 'status_is 409 && body_has "请求无法完成" && body_lacks "未能提交"'
idem=rf${tag}abcdefghijklmnop
for i in 1 2; do
    post "/living/children/$k/account" "$tj" --data-urlencode "payee=王$tag" --data-urlencode "bank=行$tag" --data account=123 --data "_idem=$idem"
done
check "the same refused POST sent twice (one idempotency key) is refused twice, never replayed as done" \
    eval 'status_is 400 && body_lacks "此操作已完成" && body_has "账号应为 10 至 30 位数字"'
post "/living/children/$k/account" "$tj" --data-urlencode "payee=王$tag" --data-urlencode "bank=行$tag" --data account=6228480012345678 --data "_idem=$idem"
check "... and with the value corrected under that key it is saved" \
    eval 'status_is 303 && [ "$(sql "SELECT COUNT(*) FROM pay_payees")" -gt "$p0" ]'
