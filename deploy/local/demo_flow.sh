#!/usr/bin/env bash
# make run: applications of 基本生活保障 waiting at each level, made through
# the portal as staff make them (login, the form, the act; audited, dated by
# the working-day calendar), so that township2 and county find work in their
# inboxes.  Once per instance: nothing when living has an application.
#   demo_flow.sh ROOT PORT
set -euo pipefail
ROOT=$1
BASE="http://127.0.0.1:$2"
db() { mariadb --socket="$ROOT/var/run/mysqld.sock" -uroot -N -B portal -e "$1"; }
[ "$(db "SELECT COUNT(*) FROM wf_applications WHERE module = 'living'")" = 0 ] || exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

token() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$1" | head -n1; }
login() { # login USER PASSWORD: the jar of a fresh session
    local jar="$tmp/jar.$1"
    curl -s -c "$jar" -b "$jar" -o "$tmp/page" "$BASE/login"
    curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $BASE" --data-urlencode "_csrf=$(token "$tmp/page")" \
        --data-urlencode "username=$1" --data-urlencode "password=$2" "$BASE/login"
    echo "$jar"
}
post() { # post JAR PATH [curl args]: the Location answered (the new application's page)
    local jar=$1 path=$2
    shift 2
    curl -s -b "$jar" -o "$tmp/page" "$BASE/"
    curl -s -b "$jar" -o /dev/null -w '%{redirect_url}' -H "Origin: $BASE" \
        --data-urlencode "_csrf=$(token "$tmp/page")" "$@" "$BASE$path"
}
apply() { # apply CHILD BENEFIT SUBTYPE [curl args]: the new application's id
    post "$tj" /living/apply --data "child=$1" --data "benefit=$2" --data "subtype=$3" "${@:4}" |
        sed -n 's|.*/living/applications/\([0-9]*\)$|\1|p'
}

# five children of 龙潭镇 with no grant and no application
mapfile -t kids < <(db "SELECT c.id FROM children c WHERE c.village_code LIKE '500242101%'
    AND c.status = 'active'
    AND NOT EXISTS (SELECT 1 FROM living_grants g WHERE g.child_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM wf_applications a WHERE a.child_id = c.id)
    ORDER BY c.id LIMIT 5")
if [ "${#kids[@]}" != 5 ]; then
    echo "demo_flow: fewer than five demo children of 龙潭镇 free: no demo applications" >&2
    exit 0
fi

db "DELETE FROM login_throttle WHERE addr = '127.0.0.1'"
tj=$(login township 'Town#2026portal')
a1=$(apply "${kids[0]}" orphan scattered --data-urlencode "household_note=父母双亡，随祖母生活（示例）")
a2=$(apply "${kids[1]}" de_facto_unsupported scattered \
    --data-urlencode "household_note=父亲服刑，母亲失联，由伯父照料（示例）")
apply "${kids[2]}" orphan scattered --data-urlencode "household_note=父母因病去世（示例）" >/dev/null
apply "${kids[3]}" temporary one_off --data "amount=800" \
    --data-urlencode "household_note=家中房屋失火，急需生活物资（示例）" >/dev/null
apply "${kids[4]}" dibao rural --data-urlencode "income_note=家庭年收入约 6000 元（示例）" >/dev/null
[ -n "$a1" ] && [ -n "$a2" ] || { echo "demo_flow: the demo applications were refused" >&2; exit 1; }
# township2 passes the township's step of two: they wait for the county
t2=$(login township2 'Town2#2026portal')
for a in "$a1" "$a2"; do
    post "$t2" "/living/applications/$a/act" --data action=approve --data wf_confirm=1 \
        --data-urlencode "opinion=材料齐全，入户核实属实（示例）" >/dev/null
done
