#!/usr/bin/env bash
# make run: applications waiting at each level (基本生活保障, 医疗救助, 康复救助,
# 控辍保学), made through the portal as staff make them (login, the form, the
# act; audited, dated by the working-day calendar), so that township,
# township2, county and canlian find work in their inboxes.  Once per instance and module: nothing
# for a module where the township account has applied (or jiaowei scanned)
# already.
#   demo_flow.sh ROOT PORT
set -euo pipefail
ROOT=$1
BASE="http://127.0.0.1:$2"
db() { mariadb --socket="$ROOT/var/run/mysqld.sock" -uroot -N -B portal -e "$1"; }
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
apply() { # apply PATH [curl args]: the new application's id (the last number of its page)
    post "$tj" "$@" | sed -n 's|.*/\([0-9][0-9]*\)$|\1|p'
}
pass() { # pass MODULE_PATH ID...: township2 passes the township's step
    local m=$1 a
    shift
    for a in "$@"; do
        post "$t2" "$m/$a/act" --data action=approve --data wf_confirm=1 \
            --data-urlencode "opinion=材料齐全，入户核实属实（示例）" >/dev/null
    done
}
todo() { # todo MODULE: 0 when the township account has applied in it already
    [ "$(db "SELECT COUNT(*) FROM wf_applications a JOIN users u ON u.id = a.created_by
              WHERE a.module = '$1' AND u.username = 'township'")" = 0 ]
}
kids() { # kids N MODULE [CONDITION]: children of 龙潭镇 with no application of the module
    db "SELECT c.id FROM children c WHERE c.village_code LIKE '500242101%' AND c.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM wf_applications a WHERE a.child_id = c.id AND a.module = '$2')
        ${3:-} ORDER BY c.id LIMIT $1"
}
refused() { echo "demo_flow: the demo applications of $1 were refused" >&2; exit 1; }

db "DELETE FROM login_throttle WHERE addr = '127.0.0.1'"
tj=$(login township 'Town#2026portal')
t2=$(login township2 'Town2#2026portal')

# 基本生活保障: five applications; two passed to the county's decision
if todo living; then
    mapfile -t k < <(kids 5 living "AND NOT EXISTS (SELECT 1 FROM living_grants g WHERE g.child_id = c.id)")
    if [ "${#k[@]}" = 5 ]; then
        a1=$(apply /living/apply --data "child=${k[0]}" --data benefit=orphan --data subtype=scattered \
            --data-urlencode "household_note=父母双亡，随祖母生活（示例）")
        a2=$(apply /living/apply --data "child=${k[1]}" --data benefit=de_facto_unsupported \
            --data subtype=scattered --data-urlencode "household_note=父亲服刑，母亲失联，由伯父照料（示例）")
        apply /living/apply --data "child=${k[2]}" --data benefit=orphan --data subtype=scattered \
            --data-urlencode "household_note=父母因病去世（示例）" >/dev/null
        apply /living/apply --data "child=${k[3]}" --data benefit=temporary --data subtype=one_off \
            --data amount=800 --data-urlencode "household_note=家中房屋失火，急需生活物资（示例）" >/dev/null
        apply /living/apply --data "child=${k[4]}" --data benefit=dibao --data subtype=rural \
            --data-urlencode "income_note=家庭年收入约 6000 元（示例）" >/dev/null
        [ -n "$a1" ] && [ -n "$a2" ] || refused 基本生活保障
        pass /living/applications "$a1" "$a2"
    fi
fi

# 医疗救助: two stays at the demo hospital of children of 低保 or 特困 families; one passed
if todo medical; then
    hosp=$(db "SELECT id FROM orgs WHERE code = 'demo_hospital'")
    mapfile -t k < <(kids 2 medical "AND EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = c.id
        AND cc.end_date IS NULL AND cc.category IN ('dibao', 'tekun'))")
    if [ -n "$hosp" ] && [ "${#k[@]}" = 2 ]; then
        from=$(date -d '20 days ago' +%F) to=$(date -d '12 days ago' +%F)
        m=()
        for i in 0 1; do
            m[i]=$(apply /medical/aid --data "child=${k[i]}" --data case_type=inpatient --data "hospital=$hosp" \
                --data "start_date=$from" --data "end_date=$to" --data-urlencode "diagnosis=急性肺炎（示例）" \
                --data total=5000 --data basic=3000 --data critical=500 --data charity=0 \
                --data eligible=1000 --data payee=hospital)
        done
        [ -n "${m[0]}" ] && [ -n "${m[1]}" ] || refused 医疗救助
        pass /medical/aid "${m[0]}"
    fi
fi

# 康复救助: six months of training at the demo centre for two disabled children; one passed
if todo rehab; then
    centre=$(db "SELECT id FROM orgs WHERE code = 'demo_rehab'")
    mapfile -t k < <(kids 2 rehab "AND c.disability_type IS NOT NULL")
    if [ -n "$centre" ] && [ "${#k[@]}" = 2 ]; then
        r=()
        for i in 0 1; do
            r[i]=$(apply /rehab/apply --data "child=${k[i]}" --data service=training --data "provider=$centre" \
                --data months=6 --data amount=3000 --data-urlencode "note=言语、运动功能训练（示例）")
        done
        [ -n "${r[0]}" ] && [ -n "${r[1]}" ] || refused 康复救助
        pass /rehab/applications "${r[0]}"
    fi
fi

# 控辍保学: jiaowei's scan of 龙潭镇 (school-age children on no school's roll)
# opens a case for each, for the township's home visit
if [ "$(db "SELECT COUNT(*) FROM wf_applications WHERE module = 'education'")" = 0 ]; then
    tw=$(login jiaowei 'Jiaowei#2026portal')
    post "$tw" /education/scan --data township=500242101000 >/dev/null
fi

# 一门受理: two families at 龙潭镇's window, their needs sent to the
# departments set in the village module (民政 county, 教委 jiaowei, 残联
# canlian, 医保 yibao, 公安 gongan); 医保 has answered one
if [ "$(db "SELECT COUNT(*) FROM village_intakes i JOIN users u ON u.id = i.created_by
           WHERE u.username = 'township'")" = 0 ]; then
    mapfile -t k < <(db "SELECT c.id FROM children c WHERE c.village_code LIKE '500242101%'
        AND c.status = 'active' AND NOT EXISTS (SELECT 1 FROM village_intakes i WHERE i.child_id = c.id)
        ORDER BY c.disability_type IS NULL, c.id LIMIT 2")
    if [ "${#k[@]}" = 2 ]; then
        i1=$(apply /village/intake/new --data "child=${k[0]}" --data need=living --data need=education \
            --data need=rehabilitation --data-urlencode "applicant=王秀英（示例）" \
            --data-urlencode "relation=祖母" --data phone=13800000001 \
            --data-urlencode "request=孩子父母在外务工失联，家中无收入；孩子有残疾，需要康复训练和送教上门（示例）")
        i2=$(apply /village/intake/new --data "child=${k[1]}" --data need=medical --data need=hukou \
            --data-urlencode "applicant=李大明（示例）" --data-urlencode "relation=伯父" --data phone=13800000002 \
            --data-urlencode "request=孩子住院费用负担重；孩子尚未落户（示例）")
        [ -n "$i1" ] && [ -n "$i2" ] || refused 一门受理
        need=$(db "SELECT id FROM village_intake_needs WHERE intake_id = $i2 AND need = 'medical'")
        yb=$(login yibao 'Yibao#2026portal')
        post "$yb" "/village/intake/needs/$need/answer" --data outcome=accepted \
            --data-urlencode "app_ref=医疗救助申请（县人民医院住院）" \
            --data-urlencode "answer=已受理，请携带住院票据到县医保局窗口（示例）" >/dev/null
    fi
fi
