# The header names what a user answers for (issue 20 minors): an
# organisation's staff (a partner NGO) see their organisation, not
# "辖区：酉阳县"; division staff see their division.
nj=$(login ngo 'Ngo#2026portal')
req GET / -b "$nj"
check "a partner sees its organisation in the header" body_has "单位：$(sql "SELECT name FROM orgs WHERE code='demo_ngo'")"
check "and no 辖区 (it has none)" body_lacks "辖区："
tj=$(login township 'Town#2026portal')
req GET / -b "$tj"
check "a township user sees the township" body_has "辖区：$(sql "SELECT name FROM divisions WHERE code='500242101000'")"

# The menu shows an entry only to a user who can open its page (issue 20
# minor): a partner has no 待办事项 (it acts on no step and gets no task) and
# /inbox refuses it; a township user has both; every entry a user is shown
# opens for that user.
menu_paths() { grep -o '<li[^>]*><a href="/[^"]*"' "$OUT/body" | sed 's/.*href="//; s/"$//'; }
req GET / -b "$nj"
check "a partner's menu and home page have no 待办事项" eval 'body_lacks "href=\"/inbox\"" && body_lacks "待办事项"'
req GET /inbox -b "$nj"
check "and /inbox answers the partner 403" status_is 403
req GET / -b "$tj"
check "a township user's menu has 待办事项" body_has "href=\"/inbox\""
for p in $(menu_paths); do
    req GET "$p" -b "$tj"; check "the township's menu entry $p opens (200)" status_is 200
done
