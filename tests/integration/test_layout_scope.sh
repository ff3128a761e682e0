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
