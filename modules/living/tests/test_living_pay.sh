# 基本生活保障 payments (issue 4; on the payments ledger and module settings
# since issue 10: rates as dated settings, a month = one ledger batch,
# suspension and corrections as new lines, accounts as ledger payees; review,
# lock, summary and bank file on the payments pages).  Grants are created
# directly with SQL as the database root (the approval path is tested
# elsewhere); everything else goes through HTTP.  Months used: 2025-03 ..
# 2025-09 (the clock is moved to 2025-09-10 with CLOCK_FILE and put back at
# the end).  The ledger is append-only: the test needs a fresh instance (the
# test runner starts one).
CTL="build/portalctl --config $TEST_DIR/portal.conf"
V1=500242101001   # 龙潭镇第一村
MW=500242102001   # 麻旺镇第一村
PW='Xyz#2026portal'

matches() { printf '%s' "$1" | grep -Eq "$2"; }


$CTL seed --children 60 >"$OUT/seed.log" 2>&1
sql "INSERT IGNORE INTO orgs (code, name, kind, division_code) VALUES ('mw_gov', '麻旺镇人民政府', 'township', '500242102000')"
$CTL user add paycounty --display-name 县民政局发放 --role county_staff --division 500242000000 --org mz --password "$PW" >/dev/null 2>&1 || true
# a second county clerk: the batch is reviewed by another person (four eyes)
$CTL user add payrev --display-name 县民政局复核 --role county_staff --division 500242000000 --org mz --password "$PW" >/dev/null 2>&1 || true
# and locked by a third (separation of duties: the reviewer does not lock)
$CTL user add paylock --display-name 县民政局锁定 --role county_staff --division 500242000000 --org mz --password "$PW" >/dev/null 2>&1 || true
# county-staff permissions but 麻旺镇's jurisdiction: scope, not permission, must stop it
$CTL user add paymw --display-name 麻旺镇发放 --role county_staff --division 500242102000 --org mw_gov --password "$PW" >/dev/null 2>&1 || true
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username IN ('township','paycounty','payrev','paylock','modadmin','paymw')"

# child NAME BIRTH VILLAGE CATEGORY CAT_START [CAT_END] -> id
child() {
    local end=${6:+"'$6'"}
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 1, '$2', CONCAT(LEFT('$3', 9), '000'), '$3', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
    local id
    id=$(sql "SELECT id FROM children WHERE name = '$1'")
    sql "INSERT INTO child_categories (child_id, category, basis, start_date, end_date, entered_by)
         VALUES ($id, '$4', '测试', '$5', ${end:-NULL}, 1)"
    # an orphan's file holds both parents, dead (the registry tests check it)
    [ "$4" = orphan ] && sql "INSERT INTO child_family (child_id, relation, name, situation) VALUES
        ($id, '父亲', '发放测试父', 'dead'), ($id, '母亲', '发放测试母', 'dead')"
    echo "$id"
}
# grant CHILD BENEFIT SUBTYPE CARE START [NEXT_RECHECK] -> id
grant() {
    local care=${4:+"'$4'"} rc=${6:+"'$6'"} every=NULL
    [ -n "${6:-}" ] && every=12
    sql "INSERT INTO living_grants (child_id, benefit, subtype, care_level, start_month, recheck_every_months, next_recheck, created_at)
         VALUES ($1, '$2', '$3', ${care:-NULL}, '$5', $every, ${rc:-NULL}, UTC_TIMESTAMP());
         SELECT LAST_INSERT_ID()"
}
cA=$(child 发放测试甲 2012-03-01 $V1 orphan 2024-01-01);        gA=$(grant "$cA" orphan scattered "" 2025-01-01)
cB=$(child 发放测试乙 2013-05-05 $V1 tekun 2024-01-01);         gB=$(grant "$cB" tekun basic full_care 2025-01-01)
cC=$(child 发放测试丙 2014-06-06 $V1 dibao 2024-01-01);         gC=$(grant "$cC" dibao rural "" 2025-01-01 2025-09-01)
cD=$(child 发放测试丁 2011-01-01 $V1 orphan 2024-01-01 2025-03-20); gD=$(grant "$cD" orphan scattered "" 2025-01-01)
cE=$(child 发放测试戊 2007-05-15 $V1 de_facto_unsupported 2024-01-01); gE=$(grant "$cE" de_facto_unsupported scattered "" 2025-01-01)
cF=$(child 发放测试己 2015-02-02 $V1 dibao 2024-01-01);         gF=$(grant "$cF" dibao rural "" 2025-01-01 2025-12-01)
cH=$(child 发放测试辛 2012-08-08 $MW dibao 2024-01-01);         gH=$(grant "$cH" dibao urban "" 2025-01-01 2025-09-05)
check "test grants created" test -n "$gA" -a -n "$gB" -a -n "$gC" -a -n "$gD" -a -n "$gE" -a -n "$gF" -a -n "$gH"
set_clock 2025-09-10

cj=$(login paycounty "$PW" "$OUT/jar.pc"); ctok=$(csrf "$cj")
aj=$(login modadmin 'Modadmin#2026portal' "$OUT/jar.ra"); atok=$(csrf "$aj")   # living's module administrator (demo)
rj=$(login payrev "$PW" "$OUT/jar.pr"); rtok=$(csrf "$rj")
lj=$(login paylock "$PW" "$OUT/jar.pl"); ltok=$(csrf "$lj")
tj=$(login township 'Town#2026portal' "$OUT/jar.tw"); ttok=$(csrf "$tj")
mj=$(login paymw "$PW" "$OUT/jar.mw"); mtok=$(csrf "$mj")
post() { # post JAR TOKEN PATH [--data-urlencode k=v ...]
    local jar=$1 tok=$2 path=$3; shift 3
    req POST "$path" -b "$jar" -H "Origin: $BASE" --data-urlencode "_csrf=$tok" "$@"
}
gen() { post "$cj" "$ctok" /living/payments/generate --data-urlencode "month=$1"; }
# the month's batch, and its lines: regular (for the month itself), backpay
# (for an earlier month), correction (referencing the line it corrects)
batch() { sql "SELECT batch_id FROM living_ledger_months WHERE month = '$1-01'"; }
KIND="CASE WHEN l.corrects_id IS NOT NULL THEN 'correction' WHEN l.period < m.month THEN 'backpay' ELSE 'regular' END"
LINES="pay_lines l JOIN living_ledger_months m ON m.batch_id = l.batch_id"
line() { # line MONTH GRANT [KIND] -> amount_fen of that line (net of its cancellations), empty if none
    sql "SELECT l.amount_fen + COALESCE((SELECT SUM(x.amount_fen) FROM pay_lines x WHERE x.corrects_id = l.id AND x.batch_id = l.batch_id), 0) AS net
         FROM $LINES WHERE m.month = '$1-01' AND l.source_module = 'living' AND l.source_id = $2 AND $KIND = '${3:-regular}'
         HAVING net <> 0 OR '${3:-regular}' = 'correction'"
}
mine="l.source_id IN ($gA,$gB,$gC,$gD,$gE,$gF,$gH)"
month_sig() { sql "SELECT COUNT(*), COALESCE(SUM(l.amount_fen), 0) FROM $LINES WHERE m.month = '$1-01'"; }
step() { # step JAR TOKEN MONTH review|lock: on the payments page of the month's batch
    post "$1" "$2" "/payments/batch/$(batch "$3")/$4" --data-urlencode confirm=1
}

# ---- rates: dated settings of the module, edited by its administrator
setv() { # setv CODE VALUE FROM [NOTE] as living's module administrator
    post "$aj" "$atok" /admin/settings/living/value --data-urlencode "code=$1" --data-urlencode "value=$2" \
        --data-urlencode "valid_from=$3" --data-urlencode "note=${4:-测试}"
}
stored() { sql "SELECT value FROM setting_values WHERE module = 'living' AND code = '$1' AND valid_from = '$2' ORDER BY id DESC LIMIT 1"; }
check "the rates came over from living_rates as settings" same "$(stored orphan_scattered 2025-07-01)" 165100
check "with their basis" same "$(sql "SELECT note FROM setting_values WHERE module = 'living' AND code = 'tekun_basic' AND valid_from = '2025-07-01'")" "渝民规〔2025〕6号"
req GET /living -b "$aj"
check "the module home links the administrator to the rates" body_has 'href="/admin/settings/living"'
req GET /living -b "$cj"
check "but not county staff" body_lacks 'href="/admin/settings/living"'
req GET /admin/settings/living -b "$aj"
check "the settings page lists the rates with the amount in force" eval 'status_is 200 && body_has 孤儿基本生活费（机构集中养育） && body_has "2000.00 元/人·月"'
setv tekun_care_full_care 520.5 2025-07-01 测试：护理补贴提标
check "a module administrator adds a dated rate" status_is 303
check "520.5 yuan is stored as 52050 fen" same "$(stored tekun_care_full_care 2025-07-01)" 52050
setv de_facto_unsupported_institutional 1651.5 2026-01-01
check "1651.5 yuan is exactly 165150 fen" same "$(stored de_facto_unsupported_institutional 2026-01-01)" 165150
check "the rate addition is audited" same "$(sql "SELECT detail FROM audit_log WHERE action = 'settings.value' AND object_id = 'living.de_facto_unsupported_institutional' ORDER BY id DESC LIMIT 1")" "valid_from=2026-01-01 value=165150"
for bad in 1651.555 abc 1e3 -5 12. .5; do
    setv de_facto_unsupported_institutional "$bad" 2026-02-01
    check "the amount '$bad' is refused in Chinese" body_has 金额须为元
done
check "no refused rate was stored" same "$(sql "SELECT COUNT(*) FROM setting_values WHERE module = 'living' AND valid_from = '2026-02-01'")" 0
setv orphan_full_care 1 2025-07-01
check "a rate that does not exist is refused" body_has 请选择要修改的设置项
setv tekun_care_self_care 0 2099-01-01 测试（将来生效）
check "a future rate is accepted" same "$(stored tekun_care_self_care 2099-01-01)" 0
post "$cj" "$ctok" /admin/settings/living/value --data-urlencode code=tekun_care_self_care --data-urlencode value=1 \
    --data-urlencode valid_from=2025-08-01
check "county staff who do not administer the module cannot add a rate (403)" status_is 403
check "the old rates page is gone" eval 'req GET /living/rates -b "$cj"; status_is 404'

# ---- permissions
req GET /living/payments -b "$aj"
check "a county user without living.pay gets 403 on the payments" status_is 403
post "$aj" "$atok" /living/payments/generate --data-urlencode month=2025-06
check "and cannot generate (403)" status_is 403
req GET /living/payments -b "$cj"
check "county staff see the payment months" status_is 200

# ---- March: generated before G exists, then reviewed and locked
gen 2025-03
check "generating 2025-03 redirects to the month's batch on the payments pages" eval 'status_is 303 && header_has "Location: /payments/batch/$(batch 2025-03)"'
check "the month is one ledger batch of living" same "$(sql "SELECT CONCAT(module, ' ', programme, ' ', period, ' ', status) FROM pay_batches WHERE id = $(batch 2025-03)")" "living monthly 2025-03-01 draft"
check "the posting is one audit row with the count and total of the lines" same "$(sql "SELECT detail FROM audit_log WHERE action = 'pay.lines.add' AND object_id = '$(batch 2025-03)' ORDER BY id DESC LIMIT 1")" "lines=$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id = $(batch 2025-03)") total_fen=$(sql "SELECT SUM(amount_fen) FROM pay_lines WHERE batch_id = $(batch 2025-03)")"
check "its lines carry the benefit as programme, the month as period, the grant as source" same "$(sql "SELECT CONCAT(programme, ' ', period, ' ', source_id) FROM pay_lines WHERE batch_id = $(batch 2025-03) AND source_id = $gA")" "orphan 2025-03-01 $gA"
req GET /living/payments/2025-03 -b "$cj"
check "the old month URL leads to the batch" eval 'status_is 303 && header_has "Location: /payments/batch/$(batch 2025-03)"'
check "March pays the orphan whose category ends on 20 March" same "$(line 2025-03 "$gD")" 162500
check "March pays the 18-year-old-to-be" same "$(line 2025-03 "$gE")" 162500
check "March pays F before suspension" same "$(line 2025-03 "$gF")" 61000
gG_child=$(child 发放测试庚 2013-09-09 $V1 orphan 2024-01-01)
gG=$(grant "$gG_child" orphan scattered "" 2025-03-01)   # approved late: March is owed
mine="l.source_id IN ($gA,$gB,$gC,$gD,$gE,$gF,$gG,$gH)"
check "the late grant is not in March's list" same "$(line 2025-03 "$gG")" ""
step "$rj" "$rtok" 2025-03 lock
check "locking before review is refused" eval 'status_is 409 && body_has 请先复核'
step "$cj" "$ctok" 2025-03 review
check "the clerk who generated the month cannot review it (four eyes)" eval 'status_is 403 && body_has 双人复核'
step "$rj" "$rtok" 2025-03 review
check "review of March by another clerk" status_is 303
step "$rj" "$rtok" 2025-03 lock
check "the reviewer cannot lock March (separation of duties)" eval 'status_is 403 && body_has 职责分离'
step "$lj" "$ltok" 2025-03 lock
check "lock of March" status_is 303
check "lock records who and when" same "$(sql "SELECT status, locked_by IS NOT NULL, locked_at IS NOT NULL FROM pay_batches WHERE id = $(batch 2025-03)")" "locked	1	1"
check "the lock is audited" same "$(sql "SELECT object_id, detail FROM audit_log WHERE action = 'payments.lock' ORDER BY id DESC LIMIT 1")" "$(batch 2025-03)	lines=$(sql "SELECT COUNT(*) FROM pay_lines WHERE batch_id = $(batch 2025-03)") total_fen=$(sql "SELECT SUM(amount_fen) FROM pay_lines WHERE batch_id = $(batch 2025-03)")"
sig03=$(month_sig 2025-03)
gen 2025-03
check "a locked month refuses generation in Chinese" eval 'status_is 409 && body_has 已锁定'
check "the locked month's lines are unchanged" same "$(month_sig 2025-03)" "$sig03"
post "$cj" "$ctok" /living/payments/2025-03/adjust --data-urlencode kind=correction --data-urlencode "grant_id=$gA" \
    --data-urlencode amount=10 --data-urlencode note=试图更正
check "a locked month refuses adjustment" eval 'status_is 409 && body_has 已锁定'
post "$cj" "$ctok" /living/payments/2025-03/adjust --data-urlencode kind=backpay --data-urlencode "grant_id=$gG" --data-urlencode for_month=2025-02
check "a locked month refuses back pay" eval 'status_is 409 && body_has 已锁定'
step "$rj" "$rtok" 2025-03 review
check "a locked month refuses review" eval 'status_is 409 && body_has 已锁定'
check "still unchanged after all that" same "$(month_sig 2025-03)" "$sig03"

# ---- suspension (F from April), resumption (from June)
post "$cj" "$ctok" "/living/grants/$gF/suspend" --data-urlencode month=2025-04 --data-urlencode reason=外出务工家庭收入变化，待核实
check "suspend F from April" status_is 303
check "the suspension is on the child's file" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id = $cF AND module = 'living' AND kind = 'living.suspend'")" 1
check "the suspension is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'living.suspend' AND object_id = '$gF'")" 1
post "$cj" "$ctok" "/living/grants/$gF/suspend" --data-urlencode month=2025-05 --data-urlencode reason=again
check "a second open suspension is refused" status_is 409
post "$cj" "$ctok" "/living/grants/$gF/suspend" --data-urlencode month=2025-03 --data-urlencode reason=x
check "a suspension cannot start in a locked month" status_is 409
post "$mj" "$mtok" /living/payments/generate --data-urlencode month=2025-04
check "麻旺镇's clerk generating April posts 麻旺镇's lines only" same "$(sql "SELECT GROUP_CONCAT(DISTINCT township_code) FROM pay_lines WHERE batch_id = $(batch 2025-04)")" 500242102000
gen 2025-04; gen 2025-05
check "April does not pay F (suspended)" same "$(line 2025-04 "$gF")" ""
check "May does not pay F (suspended)" same "$(line 2025-05 "$gF")" ""
check "April does not pay D (category ended in March)" same "$(line 2025-04 "$gD")" ""
check "April pays G (late grant, its own month)" same "$(line 2025-04 "$gG")" 162500
check "May pays E (18th birthday month)" same "$(line 2025-05 "$gE")" 162500
post "$cj" "$ctok" "/living/grants/$gF/resume" --data-urlencode month=2025-06
check "resume F from June" status_is 303
check "the resumption is on the child's file" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id = $cF AND module = 'living' AND kind = 'living.resume'")" 1
gen 2025-06
check "June pays F again" same "$(line 2025-06 "$gF")" 61000
check "June does not pay E (the month after the 18th birthday)" same "$(line 2025-06 "$gE")" ""

# ---- idempotence
sig06=$(month_sig 2025-06)
lines06=$(sql "SELECT GROUP_CONCAT(l.id ORDER BY l.id) FROM $LINES WHERE m.month = '2025-06-01'")
gen 2025-06
check "generating June again answers" status_is 303
check "generating June twice gives the same count and sum" same "$(month_sig 2025-06)" "$sig06"
check "and the very same lines" same "$(sql "SELECT GROUP_CONCAT(l.id ORDER BY l.id) FROM $LINES WHERE m.month = '2025-06-01'")" "$lines06"
check "the generation is audited" same "$(sql "SELECT detail FROM audit_log WHERE action = 'living.generate' AND object_id = '$(batch 2025-06)' ORDER BY id DESC LIMIT 1" | cut -d' ' -f1-2)" "added=0 month=2025-06"
check "one regular line per grant per month" same "$(sql "SELECT COUNT(*) FROM (SELECT l.source_id FROM $LINES WHERE $KIND = 'regular' AND $mine GROUP BY m.month, l.source_id HAVING COUNT(*) > 1) x")" 0

# ---- the mid-year rate change
gen 2025-07
check "June pays the orphan at the old rate" same "$(line 2025-06 "$gA")" 162500
check "July pays the orphan at the new rate" same "$(line 2025-07 "$gA")" 165100
check "June pays tekun basic + full care at the old rates" same "$(line 2025-06 "$gB")" $((97500 + 50000))
check "July pays tekun with the care rate added on the page" same "$(line 2025-07 "$gB")" $((100100 + 52050))
check "June pays dibao rural (2024 rate)" same "$(line 2025-06 "$gC")" 61000
check "July pays dibao rural (2025 rate)" same "$(line 2025-07 "$gC")" 63000
check "the other township's dibao urban child is paid too (county list)" same "$(line 2025-07 "$gH")" 77000
gen 2025-11
check "a month two months ahead cannot be generated, said on the months page" eval 'status_is 400 && body_has "最多只能提前生成下个月（2025-10）" && body_has 各月发放名单' 

# ---- back pay and corrections (July, unlocked)
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=backpay --data-urlencode "grant_id=$gG" --data-urlencode for_month=2025-03
check "back pay for G's unpaid March" status_is 303
check "the back pay line is in July, for March, at March's rate" same "$(sql "SELECT DATE_FORMAT(l.period, '%Y-%m'), l.amount_fen FROM $LINES WHERE m.month = '2025-07-01' AND l.source_id = $gG AND $KIND = 'backpay'")" "2025-03	162500"
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=backpay --data-urlencode "grant_id=$gG" --data-urlencode for_month=2025-03
check "the same back pay twice is refused" status_is 409
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=backpay --data-urlencode "grant_id=$gA" --data-urlencode for_month=2025-04
check "back pay of a month already paid is refused" eval 'status_is 409 && body_has 不能补发'
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=backpay --data-urlencode "grant_id=$gD" --data-urlencode for_month=2025-05
check "back pay of a month the child was not owed is refused" status_is 409
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=correction --data-urlencode "grant_id=$gA" \
    --data-urlencode amount=-100.50 --data-urlencode note=六月多发更正 --data-urlencode for_month=2025-06
check "a negative correction" status_is 303
check "the correction is -10050 fen" same "$(line 2025-07 "$gA" correction)" -10050
check "it is a new line referencing June's line, which is unchanged" same "$(sql "SELECT o.amount_fen, DATE_FORMAT(o.period, '%Y-%m') FROM $LINES JOIN pay_lines o ON o.id = l.corrects_id WHERE m.month = '2025-07-01' AND l.source_id = $gA AND l.corrects_id IS NOT NULL")" "162500	2025-06"
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=correction --data-urlencode "grant_id=$gB" \
    --data-urlencode amount=12.3 --data-urlencode note=少发补足
check "a positive correction is 1230 fen" same "$(line 2025-07 "$gB" correction)" 1230
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=correction --data-urlencode "grant_id=$gB" \
    --data-urlencode amount=5 --data-urlencode for_month=2025-05
check "a correction needs a note" eval 'status_is 400 && body_has 说明'
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=correction --data-urlencode "grant_id=$gB" \
    --data-urlencode amount=1.234 --data-urlencode note=x --data-urlencode for_month=2025-05
check "a correction of 1.234 is refused" eval 'status_is 400 && body_has 金额格式不正确'
check "adjustments are audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action IN ('living.backpay', 'living.correction') AND object_id IN ('$gG', '$gA', '$gB')")" 3
check "the locked March list still has no line for G" same "$(line 2025-03 "$gG")" ""

# ---- accounts (township staff of 龙潭镇)
ACCT=6228480012345678901
for c in "$cA" "$cB" "$cC"; do
    post "$tj" "$ttok" "/living/children/$c/account" --data-urlencode payee=监护人 --data-urlencode bank=酉阳农商行龙潭支行 \
        --data-urlencode "account=$ACCT"
done
post "$tj" "$ttok" "/living/children/$gG_child/account" --data-urlencode 'payee==SUM(1,2)' --data-urlencode bank=酉阳农商行 \
    --data-urlencode "account=$ACCT"
check "the township registers an account" status_is 303
check "the account is a ledger payee, stored encrypted and masked" same "$(sql "SELECT kind, account_masked, LOCATE('$ACCT', account_enc) FROM pay_payees WHERE child_id = $cA")" "account	6228****8901	0"
check "the account registration is audited without the number" same "$(sql "SELECT detail FROM audit_log WHERE action = 'living.account' AND object_id = '$cA' ORDER BY id DESC LIMIT 1" | cut -d' ' -f1)" "account=6228****8901"
check "the account is on the child's file" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id = $cA AND module = 'living' AND kind = 'living.account'")" 1
post "$tj" "$ttok" "/living/children/$cB/account" --data-urlencode payee=x --data-urlencode bank=y --data-urlencode account=12345
check "a short account number is refused in Chinese" eval 'status_is 400 && body_has 10 至 30 位数字'
post "$tj" "$ttok" "/living/children/$cH/account" --data-urlencode payee=x --data-urlencode bank=y --data-urlencode "account=$ACCT"
check "a township user cannot set an account in another township (404)" status_is 404
check "that denial is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'deny' AND object_type = 'child' AND object_id = '$cH'")" 1
check "and no account was stored" same "$(sql "SELECT COUNT(*) FROM pay_payees WHERE child_id = $cH")" 0

# ---- scope: 麻旺镇's pay user
post "$mj" "$mtok" "/living/grants/$gA/suspend" --data-urlencode month=2025-08 --data-urlencode reason=x
check "a user of another township cannot suspend the grant (404)" status_is 404
check "that denial is audited" same "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'deny' AND object_type = 'living_grant' AND object_id = '$gA'")" 1
check "and nothing was suspended" same "$(sql "SELECT COUNT(*) FROM living_suspensions WHERE grant_id = $gA")" 0
post "$mj" "$mtok" "/living/grants/$gF/resume" --data-urlencode month=2025-08
check "nor resume one (404)" status_is 404
post "$mj" "$mtok" /living/payments/2025-07/adjust --data-urlencode kind=correction --data-urlencode "grant_id=$gA" \
    --data-urlencode amount=1 --data-urlencode note=x --data-urlencode for_month=2025-05
check "nor adjust it (404)" status_is 404
B7=$(batch 2025-07)
req GET "/payments/batch/$B7" -b "$mj"
check "麻旺镇's view of the month's batch shows none of 龙潭镇's children" eval 'status_is 200 && body_lacks 发放测试甲 && body_has 发放测试辛'

# ---- the month's batch on the payments pages
req GET /living/payments -b "$cj"
check "the months page links each month to its batch" body_has "href=\"/payments/batch/$B7\""
req GET "/payments/batch/$B7" -b "$cj"
cp "$OUT/body" "$OUT/month.html"
check "the month's batch page answers" status_is 200
tot=$(sql "SELECT SUM(amount_fen) FROM pay_lines WHERE batch_id = $B7")
yuan_of() { awk -v f="$1" 'BEGIN { s = f < 0 ? "-" : ""; if (f < 0) f = -f; printf "%s%d.%02d", s, int(f / 100), f % 100 }'; }
check "the month total is the SQL sum in yuan with 2 decimals" grep -q "id=\"total-amount\">$(yuan_of "$tot")<" "$OUT/month.html"
sed -n '/id="lines"/,/<\/table>/p' "$OUT/month.html" | sed 's/ data-label="[^"]*"//g' | grep -o 'class="num">[^<]*<' >"$OUT/amounts"
check "the lines table shows amounts" test -s "$OUT/amounts"
check "every line amount is yuan with 2 decimals" sh -c "! grep -Ev '^class=\"num\">-?[0-9]+\.[0-9]{2}<\$' '$OUT/amounts'"
check "the lines show the correction of -100.50" body_has ">-100.50<"
check "the benefits are named as living names them" eval 'body_has 孤儿基本生活费 && body_has 特困供养'
check "the page shows masked accounts only" eval 'body_has "6228****8901" && body_lacks "$ACCT"'
check "lines without an account are counted apart" eval 'body_has "id=\"no-account\"" && body_has 尚未登记收款账户'
check "amounts in the database are whole fen (BIGINT)" same "$(sql "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'portal' AND TABLE_NAME = 'pay_lines' AND COLUMN_NAME = 'amount_fen'")" bigint
req GET "/payments/batch/$B7/summary" -b "$cj"
check "the printable summary has the grand total" eval "status_is 200 && grep -q 'id=\"summary-total\">$(yuan_of "$tot")<' '$OUT/body'"
check "the summary groups by township" eval 'body_has 龙潭镇 && body_has 麻旺镇'
req GET /living/payments -b "$cj"
check "the months page lists July with its total" body_has "$(yuan_of "$tot")"

# ---- the bank file: after review and lock by another clerk
step "$rj" "$rtok" 2025-07 review
step "$lj" "$ltok" 2025-07 lock
check "July is reviewed and locked" same "$(sql "SELECT status FROM pay_batches WHERE id = $B7")" locked
post "$cj" "$ctok" /living/payments/2025-07/adjust --data-urlencode kind=correction --data-urlencode "grant_id=$gA" \
    --data-urlencode amount=10 --data-urlencode note=试图更正
check "a locked month refuses adjustment" eval 'status_is 409 && body_has 已锁定'
post "$mj" "$mtok" "/payments/batch/$B7/bank" --data-urlencode purpose=payment_check
check "麻旺镇's bank file holds none of 龙潭镇's accounts" eval 'status_is 200 && ! grep -q "$ACCT" "$OUT/body" && body_has 收款人'
post "$cj" "$ctok" "/payments/batch/$B7/bank" --data-urlencode purpose=payment_check
cp "$OUT/body" "$OUT/bank.csv"
check "the bank file answers 200 as CSV" eval 'status_is 200 && header_has "text/csv; charset=utf-8"'
check "the bank file starts with the UTF-8 BOM" same "$(head -c3 "$OUT/bank.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
check "the bank file has the Chinese header" grep -q '收款人,开户行,账号,金额（元）,儿童姓名,乡镇,项目,月份,备注' "$OUT/bank.csv"
check "the bank file says which transfer holds back pay (issue 20)" eval 'grep "发放测试庚" "$OUT/bank.csv" | grep -q "含补发 2025-03"' 
check "the bank file holds the decrypted account" grep -q "^监护人,酉阳农商行龙潭支行,$ACCT,1550.50,发放测试甲,龙潭镇,孤儿基本生活费," "$OUT/bank.csv"
check "the bank file nets the correction into the tekun line" grep -q "^监护人,酉阳农商行龙潭支行,$ACCT,1533.80,发放测试乙," "$OUT/bank.csv"
check "the bank file skips children without an account" sh -c "! grep -q 发放测试己 '$OUT/bank.csv'"
want=$(sql "SELECT COUNT(*), SUM(fen) FROM (SELECT l.township_code, p.id, l.programme, SUM(l.amount_fen) fen FROM pay_lines l
            JOIN pay_payees p ON p.child_id = l.child_id WHERE l.batch_id = $B7 GROUP BY l.township_code, p.id, l.programme HAVING SUM(l.amount_fen) > 0) x")
got_rows=$(($(wc -l <"$OUT/bank.csv") - 1))
got_fen=$(tail -n +2 "$OUT/bank.csv" | awk -F, '{ split($(NF - 5), a, "."); s += a[1] * 100 + a[2] } END { printf "%d", s }')
check "bank file rows and total match SQL" same "$got_rows	$got_fen" "$want"
check "the bank file is audited with rows and total" same "$(sql "SELECT detail FROM audit_log WHERE action = 'payments.bankfile' AND object_id = '$B7' ORDER BY id DESC LIMIT 1" | cut -d' ' -f1-2)" "rows=$got_rows total_fen=$got_fen"
check "a formula-looking payee is neutralised and quoted in the bank file" grep -qF "\"'=SUM(1,2)\",酉阳农商行,$ACCT,3276.00,发放测试庚," "$OUT/bank.csv"
check "the account number appears nowhere else (audit, events)" same "$(sql "SELECT (SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%$ACCT%') + (SELECT COUNT(*) FROM child_events WHERE summary LIKE '%$ACCT%')")" 0

# ---- the module home: this month's totals in the user's scope
set_clock 2025-07-15
req GET /living -b "$cj"
check "the module home shows this month's total" eval "status_is 200 && body_has '本月发放（2025-07）' && body_has '$(yuan_of "$tot") 元'"
req GET /living -b "$mj"
mw_tot=$(sql "SELECT SUM(amount_fen) FROM pay_lines WHERE batch_id = $B7 AND township_code = '500242102000'")
check "and only the user's township's total for 麻旺镇" body_has "$(yuan_of "$mw_tot") 元"
set_clock 2025-09-10

# ---- re-checks (clock 2025-09-10)
req GET /living/rechecks -b "$tj"
check "the township sees its due dibao re-check" eval 'status_is 200 && body_has 发放测试丙 && body_has 已逾期'
check "not one due in December" body_lacks 发放测试己
check "nor another township's" body_lacks 发放测试辛
req GET /living/rechecks -b "$mj"
check "麻旺镇 sees its own" eval 'body_has 发放测试辛 && body_lacks 发放测试丙'
# recording a re-check moves the next one a period on (clock 2025-09-10)
post "$tj" "$ttok" "/living/rechecks/$gC" --data-urlencode "result=家庭情况无变化，继续保障"
check "the township records a re-check" status_is 303
check "the next re-check is a year from today" same "$(sql "SELECT next_recheck FROM living_grants WHERE id = $gC")" 2026-09-10
check "the re-check is on the child's timeline" same "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id = $cC AND kind = 'living.recheck'")" 1
check "and audited" same "$(sql "SELECT COUNT(*) > 0 FROM audit_log WHERE action = 'living.recheck' AND object_id = '$gC'")" 1
req GET /living/rechecks -b "$tj"
check "it leaves the list of due re-checks" body_lacks 发放测试丙
post "$tj" "$ttok" "/living/rechecks/$gA" --data-urlencode "result=x"
check "a grant without re-checks (an orphan allowance) is refused" status_is 409
post "$mj" "$mtok" "/living/rechecks/$gH" --data-urlencode "result=x"
check "a user without the township permission cannot record one" status_is 403

# ---- temporary relief: one line of the approved amount, in its own month only
cT=$(child 发放测试临 2016-04-04 $V1 temporary 2025-08-01)
appT=$(sql "INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index, step_code, status, started_at, step_started, created_by)
            VALUES ('living', 'temporary', $cT, '$V1', CONCAT(LEFT('$V1', 9), '000'), 1, 'decide', 'approved', UTC_TIMESTAMP(), '2025-08-01', 1);
            SELECT LAST_INSERT_ID()")
sql "INSERT INTO living_applications (app_id, child_id, benefit, subtype, amount_fen, created_at) VALUES ($appT, $cT, 'temporary', 'one_off', 80050, UTC_TIMESTAMP())"
gT=$(sql "INSERT INTO living_grants (child_id, application_id, benefit, subtype, start_month, end_month, created_at)
          VALUES ($cT, $appT, 'temporary', 'one_off', '2025-08-01', '2025-08-01', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()")
gen 2025-08
check "temporary relief is paid in its month at the approved amount" same "$(line 2025-08 "$gT")" 80050
gen 2025-08
check "generating the month again pays it once" same "$(sql "SELECT COUNT(*) FROM pay_lines WHERE source_module = 'living' AND source_id = $gT")" 1
gen 2025-09
check "and not in the next month" same "$(line 2025-09 "$gT")" ""

# ---- a suspension of a month already generated: a correction line, never an edit
orig=$(sql "SELECT l.id, l.amount_fen FROM $LINES WHERE m.month = '2025-08-01' AND l.source_id = $gC AND l.corrects_id IS NULL")
check "August paid C" same "$(echo "$orig" | cut -f2)" 63000
post "$cj" "$ctok" "/living/grants/$gC/suspend" --data-urlencode month=2025-08 --data-urlencode reason=复核中
check "suspend C from August (generated, not locked)" status_is 303
check "August's line is cancelled by a correction referencing it" same "$(sql "SELECT amount_fen, batch_id = $(batch 2025-08) FROM pay_lines WHERE corrects_id = $(echo "$orig" | cut -f1)")" "-63000	1"
check "the original line is unchanged" same "$(sql "SELECT id, amount_fen FROM pay_lines WHERE id = $(echo "$orig" | cut -f1)")" "$orig"
check "so August pays C nothing" same "$(line 2025-08 "$gC")" ""
check "the suspension's audit row counts the cancelled lines" eval 'sql "SELECT detail FROM audit_log WHERE action = '"'living.suspend'"' AND object_id = '"'$gC'"' ORDER BY id DESC LIMIT 1" | grep -q "cancelled_lines=2"'
post "$cj" "$ctok" "/living/grants/$gC/resume" --data-urlencode month=2025-08
gen 2025-08
check "resumed and generated again, August pays C once more" same "$(sql "SELECT SUM(l.amount_fen) FROM $LINES WHERE m.month = '2025-08-01' AND l.source_id = $gC")" 63000

# ---- a stop: from a month generated but not locked, a correction line again
check "September paid B" same "$(line 2025-09 "$gB")" $((100100 + 52050))
post "$mj" "$mtok" "/living/grants/$gB/stop" --data-urlencode month=2025-09 --data-urlencode reason=x
check "another township cannot stop the grant (404)" status_is 404
post "$cj" "$ctok" "/living/grants/$gB/stop" --data-urlencode month=2025-09 --data-urlencode reason=监护人恢复抚养能力
check "stop B from September" status_is 303
check "the grant's last month paid is August, with the reason" same "$(sql "SELECT end_month, end_reason FROM living_grants WHERE id = $gB")" "2025-08-01	监护人恢复抚养能力"
check "September's line is cancelled by a correction" same "$(line 2025-09 "$gB")" ""
check "the stop is on the child's file and audited" same "$(sql "SELECT (SELECT COUNT(*) FROM child_events WHERE child_id = $cB AND kind = 'living.stop') + (SELECT COUNT(*) FROM audit_log WHERE action = 'living.stop' AND object_id = '$gB')")" 2
gen 2025-09
check "generating September again does not pay B" same "$(sql "SELECT SUM(l.amount_fen) FROM $LINES WHERE m.month = '2025-09-01' AND l.source_id = $gB")" 0
post "$cj" "$ctok" "/living/grants/$gB/stop" --data-urlencode month=2025-09 --data-urlencode reason=again
check "a second stop from the same month is refused" eval 'status_is 409 && body_has 已终止'
post "$cj" "$ctok" "/living/grants/$gA/stop" --data-urlencode month=2025-03 --data-urlencode reason=x
check "a stop cannot start in a locked month" eval 'status_is 409 && body_has 已锁定'

# ---- the child's benefits page: grants, forms, masked account, payments
req GET "/living/children/$cA" -b "$cj"
check "the child's benefits page shows the grant and the suspend form" eval 'status_is 200 && body_has 发放测试甲 && body_has "/living/grants/$gA/" && body_has 最近发放记录'
check "it never shows a full account number" body_lacks "$ACCT"
req GET "/living/children/$cA" -b "$mj"
check "another township gets 404 for that child" status_is 404
req GET "/living/children/$cH" -b "$mj"
check "麻旺镇 sees its own child's benefits" eval 'status_is 200 && body_has 发放测试辛'
check "reading it is audited" same "$(sql "SELECT COUNT(*) > 0 FROM audit_log WHERE action = 'living.child.read' AND object_id = '$cA'")" 1


# ---- the child's file (issue 17): the panel's grants in their order and
# what the locked months paid, from one statement
sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, end_month, end_reason, created_at)
     VALUES ($cA, 'dibao', 'rural', '2024-01-01', '2024-12-01', '测试终止', UTC_TIMESTAMP())"
paid=$(sql "SELECT CONCAT(COUNT(*), ' 笔，合计 ', FLOOR(SUM(l.amount_fen) / 100), '.', LPAD(MOD(SUM(l.amount_fen), 100), 2, '0'))
            FROM pay_lines l JOIN pay_batches b ON b.id = l.batch_id AND b.status IN ('locked', 'exported')
            WHERE l.source_module = 'living' AND l.child_id = $cA")
req GET "/children/$cA" -b "$cj"
check "the child's file shows what the locked months paid ($paid)" eval 'status_is 200 && body_has "已锁定的月度发放中共 $paid 元。"'
check "the open grant comes before the ended one" same "$(sed 's/<[^>]*>/\n/g' "$OUT/body" | grep -E '^ *(在保|2024-12) *$' | tr -d ' ' | tr '\n' ' ')" "在保 2024-12 "

rm -f "$CLOCK_FILE"
