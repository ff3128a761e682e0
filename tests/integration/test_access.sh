# The access matrix of the child's file: every role against files outside its
# jurisdiction (404, audited as a denial) or without the permission (403,
# audited), for read, print, edit, family, categories, attachment upload and
# download - and nothing changes in the database.  In-scope access works;
# guessed ids answer 404.

new_child() { # new_child JAR NAME VILLAGE BIRTH8 -> child id
    local jar=$1 b=$4
    post /children/new "$jar" --data-urlencode "name=$2" --data "sex=1" \
        --data "birth_date=${b:0:4}-${b:4:2}-${b:6:2}" --data-urlencode "ethnicity=土家族" \
        --data "id_number=$(make_id "${3:0:6}" "$b" 1)" --data "village_code=$3" --data "confirm_duplicate=1"
    loc_id /children
}
# everything a denied request could have touched, in one line
state_of() {
    sql "SELECT CONCAT_WS('|', c.name, c.sex, c.school, c.village_code, c.status, c.updated_at, c.id_hmac,
        (SELECT COUNT(*) FROM child_family WHERE child_id=c.id),
        (SELECT GROUP_CONCAT(CONCAT(id, ':', IFNULL(end_date, '-')) ORDER BY id) FROM child_categories WHERE child_id=c.id),
        (SELECT COUNT(*) FROM child_attachments WHERE child_id=c.id),
        (SELECT COUNT(*) FROM child_events WHERE child_id=c.id)) FROM children c WHERE c.id=$1"
}
denials() { # denials USER TYPE ID
    if [ "$2" = route ]; then
        sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND username='$1' AND object_type='route'"
    else
        sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND username='$1' AND object_type='$2' AND object_id='$3'"
    fi
}
# Roles listed in require_totp_roles (the auditor) must enrol a second factor
# before anything else: enrol as the user would, so that the matrix tests the
# registry's permissions rather than the enrolment redirect.
enrol_totp_if_required() { # JAR
    req GET / -b "$1"
    status_is 200 && return 0
    req GET /account/totp -b "$1"
    local secret
    secret=$(sed -n 's/.*<code id="totp-secret">\([^<]*\)<.*/\1/p' "$OUT/body" | head -n1)
    [ -n "$secret" ] || return 1
    req POST /account/totp -b "$1" -c "$1" -H "Origin: $BASE" --data-urlencode "_csrf=$(csrf_of_body)" \
        --data-urlencode "code=$(totp "$secret")"
}
files_stored() { find "$TEST_DIR/attachments" -type f 2>/dev/null | wc -l; }

tag=$(date +%s%N | tail -c 6)
pw='Xyz#2026portal'
# (--org: portalctl user add without one currently fails the users_org foreign key)
ctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@" >/dev/null; }
ctl user add "vd$tag" --display-name "第一村儿童主任" --role village_director --division 500242101001 --org lt_gov --password "$pw"
ctl user add "mw$tag" --display-name "麻旺镇工作人员" --role township_staff --division 500242102000 --org mz --password "$pw"
ctl user add "cs$tag" --display-name "县民政局工作人员" --role county_staff --division 500242000000 --org mz --password "$pw"
ctl user add "ngo$tag" --display-name "社会组织" --role ngo_partner --division 500242101000 --org lt_gov --password "$pw"
ctl user add "au$tag" --display-name "审计员乙" --role auditor --division 500242000000 --org mz --password "$pw"
check "the matrix users were created" [ "$(sql "SELECT COUNT(*) FROM users WHERE username LIKE '%$tag'")" = 5 ]

tj=$(login township 'Town#2026portal' "$OUT/jar.town")
vj=$(login "vd$tag" "$pw")
mj=$(login "mw$tag" "$pw")
cj=$(login "cs$tag" "$pw")
nj=$(login "ngo$tag" "$pw")
aj=$(login "au$tag" "$pw")
enrol_totp_if_required "$aj"
req GET / -b "$aj"
check "the auditor is logged in (after any required TOTP enrolment)" status_is 200

# the objects: A in 龙潭镇第一村, B in 龙潭镇第二村, C in 麻旺镇第一村
A=$(new_child "$tj" "甲童$tag" 500242101001 20140203)
B=$(new_child "$tj" "乙童$tag" 500242101002 20130405)
C=$(new_child "$cj" "丙童$tag" 500242102001 20120607)
check "three children were created (county staff creates in any township)" [ -n "$A" ] && [ -n "$B" ] && [ -n "$C" ]
printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' >"$OUT/doc.pdf"
for x in "$A:$tj" "$B:$tj" "$C:$cj"; do
    upload "/children/${x%%:*}/attachments" "${x#*:}" -F "kind=其他" -F "file=@$OUT/doc.pdf;type=application/pdf"
    post "/children/${x%%:*}/categories" "${x#*:}" --data "category=dibao" --data-urlencode "basis=低保证" --data "start_date=2022-01-01"
done
att() { sql "SELECT id FROM child_attachments WHERE child_id=$1 ORDER BY id LIMIT 1"; }
cat_of() { sql "SELECT id FROM child_categories WHERE child_id=$1 ORDER BY id LIMIT 1"; }
check "each child has an attachment and a category" \
    [ "$(sql "SELECT COUNT(DISTINCT a.child_id) + COUNT(DISTINCT k.child_id) FROM child_attachments a JOIN child_categories k ON k.child_id=a.child_id WHERE a.child_id IN ($A,$B,$C)")" = 6 ]

# try every route of one file as one user; expect one status for all of them
try_all() { # try_all WHO JAR CHILD EXPECT
    local who=$1 jar=$2 x=$3 want=$4 got="" a k
    a=$(att "$x"); k=$(cat_of "$x")
    req GET "/children/$x" -b "$jar"; got="$got $STATUS"
    req GET "/children/$x/print" -b "$jar"; got="$got $STATUS"
    req GET "/children/$x/edit" -b "$jar"; got="$got $STATUS"
    post "/children/$x/edit" "$jar" --data-urlencode "name=改名$tag" --data "sex=2" --data "birth_date=2014-02-03" \
        --data-urlencode "ethnicity=汉族" --data-urlencode "no_id_reason=x" --data "village_code=500242101001" \
        --data-urlencode "reason=x"
    got="$got $STATUS"
    post "/children/$x/family" "$jar" --data-urlencode "relation=父亲" --data-urlencode "name=某某" --data "situation=dead"
    got="$got $STATUS"
    post "/children/$x/categories" "$jar" --data "category=orphan" --data-urlencode "basis=x" --data "start_date=2022-02-01"
    got="$got $STATUS"
    post "/children/$x/categories/$k/exit" "$jar" --data "end_date=2023-01-01" --data "exit_reason=other"
    got="$got $STATUS"
    upload "/children/$x/attachments" "$jar" -F "kind=其他" -F "file=@$OUT/doc.pdf;type=application/pdf"
    got="$got $STATUS"
    req GET "/children/$x/attachments/$a" -b "$jar"; got="$got $STATUS"
    local expect=" $want $want $want $want $want $want $want $want $want"
    [ "$got" = "$expect" ] || echo "    $who on $x: got$got" >&2
    [ "$got" = "$expect" ]
}

# deny_case LABEL USER JAR CHILD STATUS: all 9 refused, nothing changed, 9 denials audited
deny_case() {
    local label=$1 user=$2 jar=$3 x=$4 want=$5 s0 d0 f0 kind=child
    [ "$want" = 403 ] && kind=route
    s0=$(state_of "$x"); d0=$(denials "$user" "$kind" "$x"); f0=$(files_stored)
    check "$label: read, print, edit, family, category, exit, upload, download all answer $want" try_all "$user" "$jar" "$x" "$want"
    check "$label: nothing changed in the database" [ "$(state_of "$x")" = "$s0" ]
    check "$label: no file was stored" [ "$(files_stored)" = "$f0" ]
    check "$label: every refusal was audited as a denial" [ "$(denials "$user" "$kind" "$x")" -ge "$((d0 + 9))" ]
}

deny_case "village director, another village of the township" "vd$tag" "$vj" "$B" 404
deny_case "village director, another township" "vd$tag" "$vj" "$C" 404
deny_case "township staff of 麻旺镇, a child of 龙潭镇" "mw$tag" "$mj" "$A" 404
deny_case "township staff of 龙潭镇, a child of 麻旺镇" township "$tj" "$C" 404
deny_case "NGO partner (no registry permission)" "ngo$tag" "$nj" "$A" 403
deny_case "auditor (no registry permission)" "au$tag" "$aj" "$C" 403

for who in "ngo$tag:$nj" "au$tag:$aj" "vd$tag:$vj"; do
    req GET /children/export.csv -b "${who#*:}"
    check "${who%%:*} may not export the registry" status_is 403
done

# in scope
req GET "/children/$A" -b "$vj"
check "the village director reads a child of the village" status_is 200
check "the page is the child's" body_has "甲童$tag"
post "/children/$A/family" "$vj" --data-urlencode "relation=祖父" --data-urlencode "name=甲祖父$tag" --data "situation=normal" --data "is_guardian=1"
check "the village director may add a family member there" status_is 303
req GET "/children/$A/attachments/$(att "$A")" -b "$vj"
check "and download its attachment" status_is 200
check "the downloaded bytes are the uploaded ones" cmp -s "$OUT/body" "$OUT/doc.pdf"
for x in "$A" "$B" "$C"; do
    req GET "/children/$x" -b "$cj"
    check "county staff read child $x of the whole county" status_is 200
done
req GET "/children/$C/print" -b "$mj"
check "麻旺镇 staff print their own child" status_is 200
req GET "/children/$B" -b "$tj"
check "龙潭镇 staff read a child of any of its villages" status_is 200
check "the in-scope reads were audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='child.read' AND username='cs$tag' AND object_id IN ('$A','$B','$C')")" -ge 3 ]

# guessing
top=$(sql "SELECT MAX(id) FROM children")
req GET "/children/$((top + 1))" -b "$cj"
check "the next unused id is 404" status_is 404
check "and the probe is audited" [ "$(denials "cs$tag" child "$((top + 1))")" -ge 1 ]
req GET "/children/${A}abc" -b "$cj"
check "a non-numeric id is 404" status_is 404
req GET "/children/-1" -b "$cj"
check "a negative id is 404" status_is 404
req GET "/children/$C/attachments/$(att "$A")" -b "$cj"
check "another child's attachment id under an in-scope child is 404" status_is 404
req GET "/children/$C/attachments/$(( $(sql "SELECT MAX(id) FROM child_attachments") + 1 ))" -b "$cj"
check "an unknown attachment id is 404" status_is 404
post "/children/$C/categories/$(cat_of "$A")/exit" "$cj" --data "end_date=2023-01-01" --data "exit_reason=other"
check "exiting another child's category row through an in-scope child is 404" status_is 404
check "that row stays open" [ "$(sql "SELECT end_date IS NULL FROM child_categories WHERE id=$(cat_of "$A")")" = 1 ]
req GET "/children/$((top + 1))/attachments/1" -b "$cj"
check "an attachment of an unknown child is 404" status_is 404

# ------------------------------------------------------------ organisations
# Every kind of organisation (sql/013_org_scopes.sql).  County departments are
# division-scoped: they see the county as county staff always did.  The staff
# of a school, hospital, provider, welfare institution, police station or NGO
# see exactly the children linked to their organisation - not the other
# children of their own township - through the host's route objects
# (/_test/child/{id}: child:id) and the scoped list (/_test/scoped: scope_sql).
kinds_n=$(sql "SELECT COUNT(*) FROM org_kinds")
check "the core lists every kind of organisation" [ "$kinds_n" -ge 18 ]
for k in dept_civil dept_education dept_health dept_hrss dept_police dept_disabled dept_women_children dept_medical; do
    sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('${k}_$tag', '$k$tag', '$k', '500242000000')"
    ctl user add "$k$tag" --display-name "县级部门$k" --role county_staff --division 500242000000 --org "${k}_$tag" --password "$pw"
    check "$k: its user belongs to it" [ "$(sql "SELECT o.kind FROM users u JOIN orgs o ON o.id=u.org_id WHERE u.username='$k$tag'")" = "$k" ]
    dj=$(login "$k$tag" "$pw")
    got=""
    for x in "$A" "$B" "$C"; do req GET "/_test/child/$x" -b "$dj"; got="$got $STATUS"; done
    check "$k: a county department reads every child of the county by division" [ "$got" = " 200 200 200" ]
    req GET /_test/scoped -b "$dj"
    check "$k: its list holds the children of the county" sh -c "grep -qF 'id=\"scoped-$A\"' '$OUT/body' && grep -qF 'id=\"scoped-$C\"' '$OUT/body'"
done

# the township links children; the relation must be the one of the kind
link() { # link JAR CHILD ORG_ID RELATION [curl args] -> the link id (or nothing)
    local jar=$1 x=$2 org=$3 rel=$4; shift 4
    post "/_test/child/$x/link" "$jar" --data "org_id=$org" --data "relation=$rel" "$@"
    sed -n 's|.*<dd id="obj-link">\([0-9]*\)</dd>.*|\1|p' "$OUT/body" | head -n1
}
reads() { sql "SELECT COUNT(*) FROM audit_log WHERE action='testkit.child.read' AND username='$1' AND object_id='$2'"; }
for kr in school:enrolled hospital:referred rehab:referred welfare:referred police_station:report ngo:referred; do
    k=${kr%%:*} rel=${kr#*:}
    sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('${k}_$tag', '$k$tag', '$k', '500242101000')"
    org=$(sql "SELECT id FROM orgs WHERE code='${k}_$tag'")
    ctl user add "o$k$tag" --display-name "机构$k" --role org_staff --division 500242101000 --org "${k}_$tag" --password "$pw"
    check "$k: its user belongs to it" [ "$(sql "SELECT o.kind FROM users u JOIN orgs o ON o.id=u.org_id WHERE u.username='o$k$tag'")" = "$k" ]
    oj=$(login "o$k$tag" "$pw")
    # before any link: nothing, not even the children of its own township
    req GET "/_test/child/$A" -b "$oj"
    check "$k: an unlinked child of its own township is 404" status_is 404
    req GET /_test/scoped -b "$oj"
    check "$k: its list is empty before any link" body_lacks 'id="scoped-'
    bad=$([ "$rel" = report ] && echo enrolled || echo report)
    n0=$(sql "SELECT COUNT(*) FROM child_org_links WHERE org_id=$org")
    link "$tj" "$A" "$org" "$bad" >/dev/null
    check "$k: a link of another relation ($bad) is refused with a Chinese message" sh -c "[ '$STATUS' = 409 ] && grep -qF '该单位只能以' '$OUT/body'"
    check "$k: and writes nothing" [ "$(sql "SELECT COUNT(*) FROM child_org_links WHERE org_id=$org")" = "$n0" ]
    lid=$(link "$tj" "$A" "$org" "$rel" --data-urlencode "note=测试关联")
    check "$k: the township links child A ($rel)" [ -n "$lid" ] && [ "$STATUS" = 200 ]
    check "$k: the link is in the database with who made it" \
        [ "$(sql "SELECT CONCAT(child_id, ':', relation, ':', created_by, ':', ended_at IS NULL) FROM child_org_links WHERE id=$lid")" = "$A:$rel:$(sql "SELECT id FROM users WHERE username='township'"):1" ]
    check "$k: the link is audited and on the child's timeline" \
        [ "$(audits child.link "$A")" -ge 1 ] && [ "$(sql "SELECT COUNT(*) FROM child_events WHERE child_id=$A AND kind='org.link' AND summary LIKE '%$k$tag%'")" = 1 ]
    r0=$(reads "o$k$tag" "$A")
    req GET "/_test/child/$A" -b "$oj"
    check "$k: its staff read the linked child" sh -c "[ '$STATUS' = 200 ] && grep -qF '甲童$tag' '$OUT/body'"
    check "$k: the read is audited" [ "$(reads "o$k$tag" "$A")" = "$((r0 + 1))" ]
    for x in "$B" "$C"; do
        d0=$(denials "o$k$tag" child "$x")
        req GET "/_test/child/$x" -b "$oj"
        check "$k: unlinked child $x (own township or not) is 404" status_is 404
        check "$k: and the refusal is audited" [ "$(denials "o$k$tag" child "$x")" = "$((d0 + 1))" ]
    done
    req GET /_test/scoped -b "$oj"
    check "$k: its list holds exactly the linked child" sh -c "grep -qF 'id=\"scoped-$A\"' '$OUT/body' && [ \$(grep -c 'id=\"scoped-' '$OUT/body') = 1 ]"
    # an org user may not link what it cannot see
    n0=$(sql "SELECT COUNT(*) FROM child_org_links")
    post "/_test/child/$B/link" "$oj" --data "org_id=$org" --data "relation=$rel"
    check "$k: its staff cannot link a child outside its scope (404)" status_is 404
    check "$k: and nothing is written" [ "$(sql "SELECT COUNT(*) FROM child_org_links")" = "$n0" ]
    # the township unlinks: the child is gone from the organisation's view
    post "/_test/link/$lid/unlink" "$tj"
    check "$k: the township unlinks" status_is 200
    check "$k: the row stays, ended, and the unlink is audited" \
        [ "$(sql "SELECT ended_at IS NOT NULL FROM child_org_links WHERE id=$lid")" = 1 ] && [ "$(audits child.unlink "$A")" -ge 1 ]
    req GET "/_test/child/$A" -b "$oj"
    check "$k: after the unlink its staff get 404" status_is 404
done

# dates: a link that has not started or has ended does not count
sch=$(sql "SELECT id FROM orgs WHERE code='school_$tag'")
sj=$(login "oschool$tag" "$pw")
link "$tj" "$B" "$sch" enrolled --data "from=2099-09-01" >/dev/null
req GET "/_test/child/$B" -b "$sj"
check "a link from a future date does not count yet" status_is 404
link "$cj" "$C" "$sch" enrolled --data "from=2020-09-01" --data "to=2021-07-01" >/dev/null
check "a county user may link a child of another township" status_is 200
req GET "/_test/child/$C" -b "$sj"
check "a link that ended does not count" status_is 404
link "$tj" "$A" "$sch" enrolled --data "from=2022-09-01" --data "to=2021-07-01" >/dev/null
check "a link ending before it starts is refused" sh -c "[ '$STATUS' = 409 ] && grep -qF '结束日期不能早于开始日期' '$OUT/body'"
post "/_test/link/999999999/unlink" "$tj"
check "an unknown link is refused" status_is 409
check "and the probe is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='deny' AND object_type='child_org_link' AND object_id='999999999'")" -ge 1 ]

# division-scoped users are unchanged: the township lists its own villages only
req GET /_test/scoped -b "$tj"
check "the township's list holds A and B, not C of 麻旺镇" \
    sh -c "grep -qF 'id=\"scoped-$A\"' '$OUT/body' && grep -qF 'id=\"scoped-$B\"' '$OUT/body' && ! grep -qF 'id=\"scoped-$C\"' '$OUT/body'"
req GET "/_test/child/$C" -b "$tj"
check "a link of a child to a school gives the township nothing outside its division" status_is 404
