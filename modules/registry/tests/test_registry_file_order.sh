# The order of the file's own rows (issue 17: they come from one UNION ALL
# and are ordered by the page, not by MariaDB): family members guardians
# first, then by id; categories open first, the latest start first, then the
# newest entry; the timeline newest entry first - with ties on every key.

tag=$(date +%s%N | tail -c 7)
sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.order")
k=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at) VALUES ('排序童$tag', 1, '2015-05-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
# family: in id order 甲 (not guardian), 乙 and 丙 (guardians), 丁 (not)
sql "INSERT INTO child_family (child_id, relation, name, is_guardian) VALUES
     ($k, '祖父', '序家甲$tag', 0), ($k, '祖母', '序家乙$tag', 1), ($k, '叔叔', '序家丙$tag', 1), ($k, '姑姑', '序家丁$tag', 0)"
# categories in id order: 1 and 2 open from the same day, 3 ended, 4 open
# and the latest start, 5 ended and started the same day as 1 and 2
sql "INSERT INTO child_categories (child_id, category, basis, start_date, end_date, exit_reason, entered_by) VALUES
     ($k, 'orphan', '序类1$tag', '2025-03-01', NULL, NULL, 1),
     ($k, 'dibao', '序类2$tag', '2025-03-01', NULL, NULL, 1),
     ($k, 'temporary', '序类3$tag', '2024-01-01', '2024-06-30', 'other', 1),
     ($k, 'tekun', '序类4$tag', '2026-01-01', NULL, NULL, 1),
     ($k, 'ill_disabled', '序类5$tag', '2025-03-01', '2025-12-31', 'other', 1)"
# timeline in id order: three at the same minute, then one dated earlier
sql "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) VALUES
     ($k, '2026-11-01 08:00:00', 1, 'registry', 'edit', '序事1$tag'),
     ($k, '2026-11-01 08:00:00', 1, 'registry', 'edit', '序事2$tag'),
     ($k, '2026-11-01 08:00:00', 1, 'living', 'edit', '序事3$tag'),
     ($k, '2026-10-01 08:00:00', 1, 'registry', 'edit', '序事4$tag')"

# the rows' marks between two headings of the file, in page order
section() { # section FROM_H2 TO_H2 PREFIX
    awk -v a="<h2>$1" -v b="<h2>$2" 'index($0, a) {on = 1} index($0, b) {on = 0} on' "$OUT/body" |
        grep -o "$3[^<]*$tag" | sed "s/$tag//" | tr '\n' ' '
}
req GET "/children/$k" -b "$tj"
check "the file opens" status_is 200
check "family: guardians first, each group by entry" same "$(section 家庭成员及监护人 困境类别 序家)" "序家乙 序家丙 序家甲 序家丁 "
check "categories: open first, latest start first, ties newest entry first" \
    same "$(section 困境类别 证明材料 序类)" "序类4 序类2 序类1 序类5 序类3 "
check "timeline: newest entry first, whatever the time" same "$(section 变更记录 各模块中的记录 序事)" "序事4 序事3 序事2 序事1 "
