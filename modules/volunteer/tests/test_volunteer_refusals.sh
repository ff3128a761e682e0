# Refusals decided inside volunteer's handlers are audited (issue 22 item 3):
# the unserved-children report (page and CSV) to a partner, the partner pages
# (orgs.c, donations.c) to an account whose organisation is no registered
# partner.  Each answers 403 in Chinese AND leaves an audit row "deny".

tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'

# a partner of a registered, approved organisation
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('ngo_rf$tag', '拒绝测试社工$tag', 'ngo', '500242000000')"
sql "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, status, created_at, created_by)
     SELECT id, 'RF$tag', '李', '1', 'approved', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='ngo_rf$tag'" 2>/dev/null
add_user "rp_$tag" --display-name 拒绝测试伙伴 --role ngo_partner --division 500242000000 --org "ngo_rf$tag" --password "$PW"
pj=$(login "rp_$tag" "$PW" "$OUT/jar.p")

d0=$(denials_of "rp_$tag" unserved)
req GET /volunteer/reports/unserved -b "$pj"
check "a partner gets 403 on the unserved report" status_is 403
check "in Chinese" body_has "您没有查看此报表的权限"
check "the refusal is audited" [ "$(denials_of "rp_$tag" unserved)" = "$((d0 + 1))" ]
req GET "/volunteer/reports/unserved.csv?months=3" -b "$pj"
check "a partner gets 403 on the unserved CSV" status_is 403
check "no CSV went out" body_lacks "儿童编号"
check "that refusal is audited too" [ "$(denials_of "rp_$tag" unserved)" = "$((d0 + 2))" ]
check "the audit row says why" \
    [ "$(sql "SELECT detail FROM audit_log WHERE action='deny' AND username='rp_$tag' AND object_id='unserved' ORDER BY id DESC LIMIT 1")" = "403 neither volunteer.manage nor volunteer.verify" ]

# an account with the partner role whose organisation is no registered partner
add_user "rn_$tag" --display-name 未登记伙伴 --role ngo_partner --division 500242000000 --org mz --password "$PW"
nj=$(login "rn_$tag" "$PW" "$OUT/jar.n")
req GET /volunteer/partner -b "$nj"
check "orgs: the partner page answers 403 without a registered organisation" status_is 403
check "in Chinese" body_has "未关联已登记的社会组织"
check "orgs: the refusal is audited" [ "$(denials_of "rn_$tag" volunteer.partner)" = 1 ]
post /volunteer/partner/volunteers "$nj" --data-urlencode "name=某志愿者" --data phone=13800000000
check "orgs: adding a volunteer answers 403" status_is 403
check "orgs: that refusal is audited" [ "$(denials_of "rn_$tag" volunteer.volunteer_add)" = 1 ]
check "and nothing was added" [ "$(sql "SELECT COUNT(*) FROM volunteers WHERE name='某志愿者'")" = 0 ]
req GET /volunteer/partner/projects -b "$nj"
check "donations: the partner's projects answer 403" status_is 403
check "donations: the refusal is audited" [ "$(denials_of "rn_$tag" volunteer.partner_projects)" = 1 ]
