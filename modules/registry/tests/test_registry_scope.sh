# The registry's lists filter with s->scope_sql, the one scope check for a
# list (issue 10, part 3): the staff of an organisation (a school, a police
# station) find in /children exactly the children linked to it now, never a
# child of their township by division; division-scoped users see what they
# always saw.  org_staff reads files (registry.view) but cannot edit or export.
tag=$(date +%s%N | tail -c 7)
pw='Scope#2026portal'
ctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@" >/dev/null 2>&1; }
mk() { # mk NAME VILLAGE -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
         VALUES ('$1', 2, '2014-09-01', CONCAT(LEFT('$2', 9), '000'), '$2', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
    sql "SELECT id FROM children WHERE name = '$1'"
}
link() { # link CHILD ORG RELATION FROM TO(NULL or 'YYYY-MM-DD') [ENDED]
    sql "INSERT INTO child_org_links (child_id, org_id, relation, valid_from, valid_to, module, created_at, created_by, ended_at)
         VALUES ($1, $2, '$3', '$4', $5, 'registry', UTC_TIMESTAMP(), 1, ${6:-NULL})"
}
listed() { grep -qF "href=\"/children/$1\"" "$OUT/body"; }  # CHILD: a row of the list
A=$(mk "在读童$tag" 500242101001)     # 龙潭镇, enrolled at the school now
B=$(mk "同镇童$tag" 500242101002)     # 龙潭镇, not linked
C=$(mk "外镇在读$tag" 500242102001)   # 麻旺镇, enrolled at the school (a pupil from elsewhere)
D=$(mk "已转学$tag" 500242101001)     # 龙潭镇, link ended
E=$(mk "未入学$tag" 500242101001)     # 龙潭镇, link from next year
sql "INSERT INTO orgs (code, name, kind, division_code) VALUES ('sc_$tag', '龙潭小学$tag', 'school', '500242101000'),
     ('ps_$tag', '龙潭派出所$tag', 'police_station', '500242101000')"
school=$(sql "SELECT id FROM orgs WHERE code = 'sc_$tag'")
police=$(sql "SELECT id FROM orgs WHERE code = 'ps_$tag'")
link "$A" "$school" enrolled 2020-09-01 NULL
link "$C" "$school" enrolled 2020-09-01 NULL
link "$D" "$school" enrolled 2020-09-01 NULL 'UTC_TIMESTAMP()'
link "$E" "$school" enrolled 2099-09-01 NULL
ctl user add "sch$tag" --display-name 龙潭小学老师 --role org_staff --division 500242101000 --org "sc_$tag" --password "$pw"
ctl user add "pol$tag" --display-name 龙潭派出所民警 --role org_staff --division 500242101000 --org "ps_$tag" --password "$pw"
sj=$(login "sch$tag" "$pw")
pj=$(login "pol$tag" "$pw")

req GET /children -b "$sj"
check "the school's staff open the children list (registry.view)" status_is 200
check "it says the list is the school's linked children" body_has "仅列出与本单位（龙潭小学$tag）现有关联的儿童"
check "the enrolled child of its township is listed" listed "$A"
check "so is the enrolled child of another township" listed "$C"
check "not the unlinked child of its own township" sh -c "! grep -qF 'href=\"/children/$B\"' '$OUT/body'"
check "not the child whose link ended" sh -c "! grep -qF 'href=\"/children/$D\"' '$OUT/body'"
check "not the child whose link starts later" sh -c "! grep -qF 'href=\"/children/$E\"' '$OUT/body'"
check "the total counts its two children" body_has "符合条件共 2 条"
check "no township choices are offered by division" sh -c "! grep -q '<option value=\"500242101000\"' '$OUT/body'"
req GET "/children?township=500242102000" -b "$sj"
check "filters narrow the linked children (麻旺镇: the pupil from there only)" \
    eval 'listed "$C" && ! listed "$A" && body_has "符合条件共 1 条"'
req GET /children -b "$sj" --get --data-urlencode "q=同镇童$tag"
check "a name search finds nothing outside the links" eval 'status_is 200 && ! listed "$B"'
req GET "/children?sort=birth" -b "$sj"
check "another sort keeps the scope" eval 'listed "$A" && listed "$C" && ! listed "$B"'
req GET "/children/$A" -b "$sj"
check "the school's staff open a listed child's file" eval 'status_is 200 && body_has "在读童$tag"'
req GET "/children/$B" -b "$sj"
check "an unlinked child's file is 404" status_is 404
req GET "/children/export.csv?purpose=stats" -b "$sj"
check "org staff may not export (403)" status_is 403
req GET /children/new -b "$sj"
check "nor file a child (403)" status_is 403

req GET /children -b "$pj"
check "a police station with no report linked lists nobody" \
    eval 'status_is 200 && body_has "没有符合条件的儿童" && ! listed "$A" && ! listed "$B"'
link "$B" "$police" report 2026-01-01 NULL
req GET /children -b "$pj"
check "a child reported to the station is listed for it" eval 'listed "$B" && ! listed "$A"'

tj=$(login township 'Town#2026portal')
req GET "/children?sort=id" -b "$tj"
check "the township still lists its children by division, linked or not" \
    eval 'listed "$A" && listed "$B" && listed "$D" && listed "$E" && ! listed "$C"'
req GET "/children/export.csv?purpose=stats" -b "$tj"
check "the township's export still holds its children" \
    eval 'status_is 200 && grep -qF "在读童$tag" "$OUT/body" && grep -qF "同镇童$tag" "$OUT/body" && ! grep -qF "外镇在读$tag" "$OUT/body"'
