# A village child director's scope is exactly the villages assigned to them
# (issue 15 item 1): a director of villages A and B of 龙潭镇, whose account's
# division is the township, sees, searches, opens and exports the children
# of A and B and never those of C; an assignment of C on /village/directors
# is seen on the next request, an ended one (B) is gone on the next request;
# the township's staff and an organisation's partner see what they saw.
tag=$(date +%s%N | tail -c 7)
PW='Scope#2026portal'
VA=500242101001 VB=500242101002 VC=500242101003
listed() { grep -qF "href=\"/children/$1\"" "$OUT/body"; }  # CHILD: a row of the list
file_child() { # file_child NAME VILLAGE ID_NUMBER BIRTH -> id (filed by the township through the form)
    post /children/new "$tj" --data-urlencode "name=$1" --data "sex=1" --data "birth_date=$4" \
        --data-urlencode "ethnicity=土家族" --data "id_number=$3" --data "village_code=$2" \
        --data-urlencode "hukou=酉阳县龙潭镇"
    loc_id /children
}
assignment_of() { sql "SELECT d.id FROM village_directors d JOIN users u ON u.id = d.user_id WHERE u.username='sd_$tag' AND d.village_code='$1' AND d.end_date IS NULL"; }

add_user "sd_$tag" --display-name "两村主任$tag" --role village_director --division 500242101000 --org lt_gov --password "$PW"
add_user "sc_$tag" --display-name 县民政局 --role county_staff --division 500242000000 --org mz --password "$PW"
sql "INSERT INTO user_perms (user_id, perm, module, granted_by, granted_at) SELECT id, x.p, x.m, 1, UTC_TIMESTAMP() FROM users, (SELECT 'registry.export' p, 'registry' m UNION SELECT 'education.view', 'education') x WHERE username='sd_$tag'"
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.st")
cj=$(login "sc_$tag" "$PW" "$OUT/jar.sc")

IDA=$(make_id 500242 20150611 1) IDB=$(make_id 500242 20150612 1) IDC=$(make_id 500242 20150613 1)
ca=$(file_child "甲村童$tag" $VA "$IDA" 2015-06-11)
cb=$(file_child "乙村童$tag" $VB "$IDB" 2015-06-12)
cc=$(file_child "丙村童$tag" $VC "$IDC" 2015-06-13)
check "three children of one township are filed" bash -c "[ -n '$ca' ] && [ -n '$cb' ] && [ -n '$cc' ]"

# ------------------------------------------------------------ assignment
post /village/directors "$cj" --data "username=sd_$tag" --data "village=$VA"
check "the county assigns the director to village A" status_is 303
post /village/directors "$cj" --data "username=sd_$tag" --data "village=$VB"
check "... and to village B" status_is 303
check "the director's scope holds A and B" \
    same "$(sql "SELECT GROUP_CONCAT(g.division_code ORDER BY g.division_code) FROM user_scope_divisions g JOIN users u ON u.id=g.user_id WHERE u.username='sd_$tag' AND g.valid_to IS NULL")" "$VA,$VB"
check "each grant is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='scope.grant' AND username='sc_$tag'")" = 2 ]
dj=$(login "sd_$tag" "$PW" "$OUT/jar.sd")

# ------------------------------------------------------------ the registry
req GET "/children?q=$tag" -b "$dj"
check "the director's list opens" status_is 200
check "... with the children of A and B" listed "$ca"
check "... B too" listed "$cb"
check "... never C of the same township" bash -c "! grep -qF 'href=\"/children/$cc\"' '$OUT/body'"
req GET "/children?q=丙村童$tag" -b "$dj"
check "a search by C's child's name finds nothing" bash -c "! grep -qF 'href=\"/children/$cc\"' '$OUT/body'"
req GET "/children?q=甲村童$tag" -b "$dj"
check "a search by A's child's name finds it" listed "$ca"
req GET "/children?q=$IDC" -b "$dj"
check "a search by C's child's full ID number finds nothing" bash -c "! grep -qF 'href=\"/children/$cc\"' '$OUT/body'"
req GET "/children?q=$IDB" -b "$dj"
check "a search by B's child's full ID number finds it" listed "$cb"
req GET "/children/$ca" -b "$dj"
check "A's child's file opens" status_is 200
n0=$(denials_of "sd_$tag" "$cc")
req GET "/children/$cc" -b "$dj"
check "C's child's file is a 404" status_is 404
check "... and the refusal is audited" [ "$(denials_of "sd_$tag" "$cc")" -gt "$n0" ]
req GET "/children/export.csv?purpose=stats&q=$tag" -b "$dj"
cp "$OUT/body" "$OUT/scope.csv"
check "the director's CSV export answers" status_is 200
check "... holds the children of A and B" bash -c "grep -qF '甲村童$tag' '$OUT/scope.csv' && grep -qF '乙村童$tag' '$OUT/scope.csv'"
check "... and not C's" bash -c "! grep -qF '丙村童$tag' '$OUT/scope.csv'"
check "... two rows after the header" same "$(($(wc -l <"$OUT/scope.csv") - 1))" 2

# ------------------------------------------------------------ other modules
req GET "/living/children/$cb" -b "$dj"
check "living: B's child opens" status_is 200
req GET "/living/children/$cc" -b "$dj"
check "living: C's child is a 404" status_is 404
req GET "/living/apply?q=村童$tag" -b "$dj"
check "living: the application form's search finds A's child" body_has "甲村童$tag"
check "... not C's" body_lacks "丙村童$tag"
req GET "/medical/children/$ca" -b "$dj"
check "medical: A's child opens" status_is 200
req GET "/medical/children/$cc" -b "$dj"
check "medical: C's child is a 404" status_is 404
req GET "/education/children/$ca" -b "$dj"
check "education: A's child opens" status_is 200
req GET "/education/children/$cc" -b "$dj"
check "education: C's child is a 404" status_is 404
req GET /village/children -b "$dj"
check "village: my children hold A's and B's" bash -c "grep -qF '甲村童$tag' '$OUT/body' && grep -qF '乙村童$tag' '$OUT/body'"
check "... not C's" body_lacks "丙村童$tag"
req GET /village/survey/new -b "$dj"
check "village: the survey form offers A and B" bash -c "grep -qF 'value=\"$VA\"' '$OUT/body' && grep -qF 'value=\"$VB\"' '$OUT/body'"
check "... not C" bash -c "! grep -qF 'value=\"$VC\"' '$OUT/body'"
req GET /supervision -b "$dj"
check "supervision's pages are not the director's" status_is 403

# ------------------------------------------------------------ C assigned, B ended
post /village/directors "$cj" --data "username=sd_$tag" --data "village=$VC"
check "the county assigns village C" status_is 303
req GET "/children/$cc" -b "$dj"
check "C's child opens on the director's next request" status_is 200
req GET "/children?q=$tag" -b "$dj"
check "... and is in the list" listed "$cc"
post "/village/directors/$(assignment_of $VB)/end" "$cj"
check "the county ends the assignment of B" status_is 303
req GET "/children/$cb" -b "$dj"
check "B's child is a 404 on the director's next request" status_is 404
req GET "/children?q=$tag" -b "$dj"
check "... and gone from the list" bash -c "! grep -qF 'href=\"/children/$cb\"' '$OUT/body'"
check "... A's child still there" listed "$ca"
req GET /village/children -b "$dj"
check "my children: B's gone, C's there" bash -c "! grep -qF '乙村童$tag' '$OUT/body' && grep -qF '丙村童$tag' '$OUT/body'"
check "the ended grant keeps its row, ended today" \
    same "$(sql "SELECT COUNT(*) FROM user_scope_divisions g JOIN users u ON u.id=g.user_id WHERE u.username='sd_$tag' AND g.division_code='$VB' AND g.valid_to IS NOT NULL")" 1
post "/village/directors/$(assignment_of $VA)/end" "$cj"
post "/village/directors/$(assignment_of $VC)/end" "$cj"
req GET "/children?q=$tag" -b "$dj"
check "with every assignment ended the director sees no child (never the township)" \
    bash -c "! grep -qF 'href=\"/children/$ca\"' '$OUT/body' && ! grep -qF 'href=\"/children/$cc\"' '$OUT/body'"

# ------------------------------------------------------------ others unchanged
req GET "/children?q=$tag" -b "$tj"
check "the township's staff see all three" bash -c "grep -qF 'href=\"/children/$ca\"' '$OUT/body' && grep -qF 'href=\"/children/$cb\"' '$OUT/body' && grep -qF 'href=\"/children/$cc\"' '$OUT/body'"
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('so_$tag', '龙潭小学$tag', 'school', '500242101000')"
sql "INSERT INTO child_org_links (child_id, org_id, relation, valid_from, module, created_at, created_by) SELECT $ca, id, 'enrolled', '2020-09-01', 'registry', UTC_TIMESTAMP(), 1 FROM orgs WHERE code='so_$tag'"
add_user "so_$tag" --display-name 龙潭小学老师 --role org_staff --division 500242101000 --org "so_$tag" --password "$PW"
oj=$(login "so_$tag" "$PW" "$OUT/jar.so")
req GET "/children?q=$tag" -b "$oj"
check "an organisation's partner sees its linked child" listed "$ca"
check "... and no other" bash -c "! grep -qF 'href=\"/children/$cb\"' '$OUT/body' && ! grep -qF 'href=\"/children/$cc\"' '$OUT/body'"
