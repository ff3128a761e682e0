# One name per category, from one table (issue 20 minor): the core's labels
# "core.category" (cgi/host/child.c).  A child in every category: its file,
# its print view, the child list, the list's filter, the export, the
# timeline and medical's panel all show the national names (特困供养儿童,
# 监护缺失或不当儿童, ...) and never the short ones.

tag=$(date +%s%N | tail -c 7)
names=(孤儿 事实无人抚养儿童 特困供养儿童 低保家庭儿童 重病重残儿童 监护缺失或不当儿童 临时困境儿童)
codes=(orphan de_facto_unsupported tekun dibao ill_disabled guardianship temporary)
all_names() { local n; for n in "${names[@]}"; do body_has "$n" || return 1; done; }
no_short_names() { ! grep -qE '特困儿童|监护缺失儿童|低保儿童' "$OUT/body"; }

sql "UPDATE users SET failed_count=0, locked_until=NULL WHERE username='township'"
tj=$(login township 'Town#2026portal' "$OUT/jar.cn")
k=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('类别名称童$tag', 1, '2015-05-01', '500242101000', '500242101001', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
# each category entered through the file's form (the timeline names them too)
for c in "${codes[@]}"; do
    post "/children/$k/categories" "$tj" --data "category=$c" --data-urlencode "basis=认定$tag" --data start_date=2026-01-05
done
check "the child holds all seven categories" same "$(sql "SELECT COUNT(*) FROM child_categories WHERE child_id=$k")" 7

req GET "/children/$k" -b "$tj"
check "the file shows every category by its national name (categories and timeline)" all_names
check "... and no short name" no_short_names
check "the timeline line for 特困 uses the national name" body_has "特困供养儿童"
req GET "/children/$k/print" -b "$tj"
check "the print view: the national names" eval 'all_names && no_short_names'
req GET "/children?q=类别名称童$tag" -b "$tj"
check "the child list: the national names" eval 'all_names && no_short_names'
req GET "/children" -b "$tj"
for i in "${!codes[@]}"; do
    check "the list's filter offers ${names[$i]}" body_has "<option value=\"${codes[$i]}\">${names[$i]}</option>"
done
req GET "/children/import" -b "$tj"
check "the import page's category choice: the national names" eval 'all_names && no_short_names'
check "no category name left in the registry's own labels (one table: the core's)" \
    eval '! grep -q "特困供养儿童" modules/registry/registry.c && grep -q "\"core.category\", \"tekun\", \"特困供养儿童\"" cgi/host/child.c'
