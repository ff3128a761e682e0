# 月度通报 and 年度考核 (issue 16 items 3-4): the county's civil affairs
# previews and issues March 2025's bulletin; it is archived, listed, printable
# (A4 through the module's stylesheet, data-print) and exported; a later
# change of the data and a new run of the job change the dashboard but never
# the issued bulletin; the yearly appraisal weighs the months' figures with
# the weights in force (dated settings).  Townships C and D are synthetic
# and this test's alone (a real township may hold children other tests
# generate, which moved C's figures in a full run).
tag=$(date +%s%N | tail -c 7)
PW='Xyz#2026portal'
C=500242293000; C1=500242293001; D=500242294000; D1=500242294001
sql "INSERT IGNORE INTO divisions (code, parent_code, level, name, synthetic) VALUES
     ('$C', '500242000000', 'township', '通报测试丙乡', 1), ('$D', '500242000000', 'township', '通报测试丁乡', 1),
     ('$C1', '$C', 'village', '通报测试丙村', 1), ('$D1', '$D', 'village', '通报测试丁村', 1);
     UPDATE cache_versions SET version = version + 1 WHERE name = 'divisions'"
add_user "sbi_$tag" --display-name 县民政局通报 --role supervision_issuer --division 500242000000 --org mz --password "$PW"
add_user "sbc_$tag" --display-name 通报测试丙乡 --role township_staff --division "$C" --org mz --password "$PW"
add_user "sbl_$tag" --display-name 县领导 --role county_leader --division 500242000000 --org mz --password "$PW"
ij=$(login "sbi_$tag" "$PW" "$OUT/jar.sbi")
cj=$(login "sbc_$tag" "$PW" "$OUT/jar.sbc")
lj=$(login "sbl_$tag" "$PW" "$OUT/jar.sbl")
# the indicators job, as an operator runs it (the master runs it nightly)
run_indicators() { build/portalctl --config "$TEST_DIR/portal.conf" job run supervision.indicators; }

orphan() { # orphan NAME VILLAGE [GRANT_FROM] -> id: an orphan since 2024-10-01
    local id
    id=$(sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
              VALUES ('$1$tag', 2, '2015-05-05', '${2:0:9}000', '$2', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();")
    sql "INSERT INTO child_categories (child_id, category, basis, start_date, entered_by) VALUES ($id, 'orphan', '死亡证明（测试）', '2024-10-01', 1)"
    [ -z "${3:-}" ] || grant "$id" "$3"
    echo "$id"
}
grant() { sql "INSERT INTO living_grants (child_id, benefit, subtype, start_month, created_at) VALUES ($1, 'orphan', 'scattered', '$2', UTC_TIMESTAMP())"; }
k1=$(orphan 丙一 $C1); k2=$(orphan 丙二 $C1 2024-11-01); k3=$(orphan 丁三 $D1 2024-11-01)
# weights: from 2025 only 孤儿应保尽保 counts (all others 0); a 2026 weight does not apply to 2025
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at)
     SELECT 'supervision', CONCAT('weight_', x.c), '2025-01-01', IF(x.c = 'cov_orphan', '10', '0'), 1, UTC_TIMESTAMP()
     FROM (SELECT 'cov_orphan' c UNION ALL SELECT 'cov_dfu' UNION ALL SELECT 'cov_tekun' UNION ALL SELECT 'cov_dibao'
           UNION ALL SELECT 'app_timely' UNION ALL SELECT 'visit_timely' UNION ALL SELECT 'report_police'
           UNION ALL SELECT 'report_safety' UNION ALL SELECT 'dropout_resolved' UNION ALL SELECT 'screening'
           UNION ALL SELECT 'file_complete' UNION ALL SELECT 'data_quality' UNION ALL SELECT 'ngo_service') x;
     INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at)
     VALUES ('supervision', 'weight_cov_orphan', '2026-01-01', '0', 1, UTC_TIMESTAMP()),
            ('supervision', 'weight_visit_timely', '2026-01-01', '10', 1, UTC_TIMESTAMP())"

# an application of C's first orphan open past its step's limit (04-01): overdue on 04-10
sql "INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index, step_code, status, started_at, step_started, step_due, created_by)
     VALUES ('living', 'orphan', $k1, '$C1', '$C', 0, 'check', 'open', '2025-03-01', '2025-03-01', '2025-04-01', 1)"
set_clock 2025-04-10
check "the job ran" eval 'run_indicators | grep -q "job supervision.indicators done"'
fig() { sql "SELECT CONCAT(numerator, '/', denominator) FROM supervision_figures WHERE month = '$1' AND indicator = 'cov_orphan' AND township_code = '$2'"; }
check "March: C pays one orphan of two" [ "$(fig 2025-03-01 $C)" = 1/2 ]

req GET "/supervision/bulletins/new?month=2025-03" -b "$cj"
check "a township cannot issue a bulletin" status_is 403
req GET "/supervision/bulletins/new?month=2025-03" -b "$ij"
check "the preview opens" status_is 200
check "titled for the month" body_has "2025年3月困境儿童保障工作督查通报"
check "with C's rate" grep -q "data-town=\"$C\">.*data-ind=\"cov_orphan\">50.0%" "$OUT/body"
check "and the form to issue it" body_has 'id="issue"'

post /supervision/bulletins "$ij" --data "month=2025-13"
check "a bad month is refused" status_is 400
check "nothing was issued" [ "$(sql "SELECT COUNT(*) FROM supervision_bulletins WHERE month = '2025-03-01'")" = 0 ]
post /supervision/bulletins "$cj" --data "month=2025-03"
check "a township's POST is refused" status_is 403
post /supervision/bulletins "$ij" --data "month=2025-03" --data-urlencode "remarks=请各乡镇对照问题限期整改（测试$tag）。"
check "the bulletin is issued" status_is 303
bid=$(loc_id /supervision/bulletins)
check "with its own copy of the numbers" [ "$(sql "SELECT CONCAT(numerator, '/', denominator) FROM supervision_bulletin_rows WHERE bulletin_id = '$bid' AND indicator = 'cov_orphan' AND township_code = '$C'")" = 1/2 ]
check "the issue is audited" [ "$(audits supervision.bulletin.issue "$bid")" = 1 ]
post /supervision/bulletins "$ij" --data "month=2025-03"
check "a month is issued once" status_is 409

req GET "/supervision/bulletins/$bid" -b "$ij"
check "the bulletin opens" status_is 200
check "with C's rate and rank" grep -q "data-town=\"$C\">.*data-ind=\"cov_orphan\">50.0%" "$OUT/body"
check "scored with the weights of March 2025 (only 孤儿应保尽保 counts)" \
    grep -q "data-town=\"$C\"><td[^>]*>[0-9]*</td><th scope=\"row\">通报测试丙乡</th><td[^>]*>50.0%</td>" "$OUT/body"
check "the remarks" body_has "限期整改（测试$tag）"
check "the best and the worst" body_has 'id="best-worst"'
check "overdue items by township" grep -q "<td[^>]*>通报测试丙乡</td><td[^>]*>逾期未办结的申请</td><td[^>]*>1</td>" "$OUT/body"
check "kept with the bulletin" [ "$(sql "SELECT n FROM supervision_bulletin_overdue WHERE bulletin_id = '$bid' AND township_code = '$C' AND kind = 'applications'")" = 1 ]
check "a print button without inline script" body_has "data-print"
check "the A4 stylesheet" body_has "/supervision/supervision.css"
cp "$OUT/body" "$OUT/bulletin-issued.html"
req GET /supervision/supervision.css
check "which sets an A4 page" body_has "@page { size: A4"

# the data change: C's first orphan is paid from March; the job runs again
grant "$k1" 2025-03-01
# each worker keeps the dashboard's body until the job moves the figures'
# version: many requests before the job fill every worker's copy, and every
# request after it shows the new figures all the same
cell() { echo "indicator=cov_orphan&amp;town=$C\">$1</a><br><small>$2</small>"; }
version() { sql "SELECT version FROM cache_versions WHERE name = 'supervision'"; }
kept_ok=1
for _ in 1 2 3 4 5 6 7 8; do
    req GET "/supervision?month=2025-03" -b "$ij"; body_has "$(cell 50.0% 1/2)" || kept_ok=0
done
check "the dashboard kept by the workers says 1/2" [ "$kept_ok" = 1 ]
v0=$(version)
run_indicators >/dev/null
check "the figures change" [ "$(fig 2025-03-01 $C)" = 2/2 ]
check "and C's paid orphan is off the list of cases that fall short" [ "$(sql "SELECT COUNT(*) FROM supervision_cases WHERE month = '2025-03-01' AND indicator = 'cov_orphan' AND township_code = '$C'")" = 0 ]
check "the job moved the figures' version" [ "$(version)" -gt "$v0" ]
fresh_ok=1; stale=0
for _ in 1 2 3 4 5 6 7 8; do
    req GET "/supervision?month=2025-03" -b "$ij"
    body_has "$(cell 100.0% 2/2)" || fresh_ok=0
    body_has "$(cell 50.0% 1/2)" && stale=1
done
check "every request shows the new figures" [ "$fresh_ok" = 1 ]
check "no worker shows the old ones" [ "$stale" = 0 ]
check "with the sparklines drawn" body_has "<polyline points=\""
check "the user's own layout around the kept body" body_has "县民政局通报"
# a township's staff after the county's body was kept: their own and the total only
for _ in 1 2 3 4; do
    req GET "/supervision?month=2025-03" -b "$cj"
    check "the township's dashboard holds its own row" body_has "data-town=\"$C\""
    check "and never the county's kept body" body_lacks "data-town=\"$D\""
done
check "the township's own name in its layout" body_has "通报测试丙乡"
# a weight saved (dated settings: the host's version) is seen at once, and
# taken back (the rest of the test weighs 孤儿应保尽保 alone)
weight_seen() { # weight_seen W: every worker's dashboard shows app_timely's weight W
    local ok=1
    for _ in 1 2 3 4; do
        req GET "/supervision?month=2025-03" -b "$ij"
        grep -q "申请按时办结 <small>（县民政局，权重 $1）" "$OUT/body" || ok=0
    done
    [ "$ok" = 1 ]
}
sql "INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at)
     VALUES ('supervision', 'weight_app_timely', '2025-03-15', '7', 1, UTC_TIMESTAMP())"
check "a new weight is shown by every worker at once" weight_seen 7
sql "DELETE FROM setting_values WHERE module = 'supervision' AND code = 'weight_app_timely' AND valid_from = '2025-03-15'"
check "and its removal too" weight_seen 0
req GET "/supervision/bulletins/$bid" -b "$ij"
check "the issued bulletin still says 50.0%" grep -q "data-town=\"$C\">.*data-ind=\"cov_orphan\">50.0%" "$OUT/body"
check "its copy is unchanged" [ "$(sql "SELECT CONCAT(numerator, '/', denominator) FROM supervision_bulletin_rows WHERE bulletin_id = '$bid' AND indicator = 'cov_orphan' AND township_code = '$C'")" = 1/2 ]

req GET /supervision/bulletins -b "$lj"
check "the county leader sees the archive" body_has "/supervision/bulletins/$bid"
req GET "/supervision/bulletins/$bid" -b "$cj"
check "a township reads the issued bulletin" status_is 200
req GET "/supervision/bulletins/$bid/export.xlsx" -b "$ij"
check "the export is an .xlsx" header_has "spreadsheetml"
check "and audited" [ "$(audits supervision.bulletin.export "$bid")" = 1 ]
# the bulletin as a Word document (item 3): a valid zip whose word/document.xml
# parses and holds the frozen figures (C 50.0 %, not today's 100 %)
docx_rows() { # docx_rows FILE: the document's title, then each table row, cells joined by |
    python3 - "$1" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None and '[Content_Types].xml' in z.namelist()
body = ET.fromstring(z.read('word/document.xml')).find(W + 'body')
print(''.join(t.text or '' for t in body.find(W + 'p').iter(W + 't')))
for tr in body.iter(W + 'tr'):
    print('|'.join(''.join(t.text or '' for t in tc.iter(W + 't')) for tc in tr.findall(W + 'tc')))
PY
}
curl -s -o "$OUT/bulletin.docx" -D "$OUT/headers" -b "$cj" "$BASE/supervision/bulletins/$bid/bulletin.docx"
check "a township downloads the bulletin as .docx" header_has "wordprocessingml.document"
check "as an attachment" header_has "attachment"
docx_rows "$OUT/bulletin.docx" > "$OUT/docx.txt"
check "a valid zip whose document.xml parses" [ -s "$OUT/docx.txt" ]
check "titled for the month" [ "$(head -n1 "$OUT/docx.txt")" = "2025年3月困境儿童保障工作督查通报" ]
check "C's frozen rate and score (50.0 %, not the 100 % of the data now)" grep -q "^[0-9]*|通报测试丙乡|50.0%|50.0%|" "$OUT/docx.txt"
check "D ranks first" grep -q "^1|通报测试丁乡|100.0%|" "$OUT/docx.txt"
check "the overdue items by township" grep -qx "通报测试丙乡|逾期未办结的申请|1" "$OUT/docx.txt"
check "the county summary" grep -q "^孤儿应保尽保|县民政局|[0-9]*/[0-9]*|" "$OUT/docx.txt"
check "the issuing unit and the date" grep -q "酉阳县民政局</w:t><w:br/><w:t xml:space=\"preserve\">20[0-9-]*<" <(unzip -p "$OUT/bulletin.docx" word/document.xml)
check "the download is audited" [ "$(audits supervision.bulletin.export "$bid")" = 2 ]

# a corrected reissue (item 4): a new version from the figures now (C paid in
# March: 2/2); the issued one kept as it was, marked superseded; both listed
req GET "/supervision/bulletins/$bid" -b "$ij"
check "the issuer sees the reissue form" body_has 'id="reissue"'
post "/supervision/bulletins/$bid/reissue" "$ij" --data "reason="
check "a reissue without a reason is refused" status_is 400
check "and nothing was issued" [ "$(sql "SELECT COUNT(*) FROM supervision_bulletins WHERE month = '2025-03-01'")" = 1 ]
post "/supervision/bulletins/$bid/reissue" "$cj" --data-urlencode "reason=测试"
check "a township cannot reissue" status_is 403
post "/supervision/bulletins/$bid/reissue" "$ij" --data-urlencode "reason=通报测试丙乡3月发放数据补录（测试$tag）"
check "the corrected bulletin is issued" status_is 303
bid2=$(loc_id /supervision/bulletins)
check "as version 2 of March, superseding the first" [ "$(sql "SELECT CONCAT(b.version, ':', b.supersedes, ':', o.superseded_by) FROM supervision_bulletins b JOIN supervision_bulletins o ON o.id = b.supersedes WHERE b.id = '$bid2'")" = "2:$bid:$bid2" ]
check "with the figures as they are now (C 2/2)" [ "$(sql "SELECT CONCAT(numerator, '/', denominator) FROM supervision_bulletin_rows WHERE bulletin_id = '$bid2' AND indicator = 'cov_orphan' AND township_code = '$C'")" = 2/2 ]
check "the first keeps its own (1/2)" [ "$(sql "SELECT CONCAT(numerator, '/', denominator) FROM supervision_bulletin_rows WHERE bulletin_id = '$bid' AND indicator = 'cov_orphan' AND township_code = '$C'")" = 1/2 ]
check "the reissue is audited" [ "$(audits supervision.bulletin.reissue "$bid2")" = 1 ]
req GET "/supervision/bulletins/$bid2" -b "$cj"
check "the new version shows C at 100.0 %" grep -q "data-town=\"$C\">.*data-ind=\"cov_orphan\">100.0%" "$OUT/body"
check "and why it was corrected" body_has "通报测试丙乡3月发放数据补录（测试$tag）"
req GET "/supervision/bulletins/$bid" -b "$cj"
check "the first still says 50.0 %" grep -q "data-town=\"$C\">.*data-ind=\"cov_orphan\">50.0%" "$OUT/body"
check "and is marked superseded" body_has 'id="superseded"'
req GET /supervision/bulletins -b "$lj"
check "both are listed" body_has "/supervision/bulletins/$bid2\""
check "the first marked superseded" body_has "data-superseded=\"$bid\""
post "/supervision/bulletins/$bid/reissue" "$ij" --data-urlencode "reason=再次更正"
check "a superseded version is not corrected again" status_is 409
curl -s -o "$OUT/old.docx" -b "$ij" "$BASE/supervision/bulletins/$bid/bulletin.docx"
check "its .docx says it was corrected" grep -q "本通报已被更正，以第2版为准" <(unzip -p "$OUT/old.docx" word/document.xml)
req GET "/supervision/appraisal.docx?year=2025" -b "$cj"
check "a township cannot download the county's appraisal" status_is 403
curl -s -o "$OUT/appraisal.docx" -D "$OUT/headers" -b "$ij" "$BASE/supervision/appraisal.docx?year=2025"
docx_rows "$OUT/appraisal.docx" > "$OUT/docx.txt"
check "the appraisal as .docx" [ "$(head -n1 "$OUT/docx.txt")" = "2025年度困境儿童保障工作考核" ]
check "with C's breakdown: 75.0 % (6/8)" grep -q "^[0-9]*|通报测试丙乡|75.0%|75.0%（6/8）|" "$OUT/docx.txt"
req GET "/supervision/bulletins/999999999" -b "$ij"
check "no such bulletin is 404" status_is 404

# 年度考核 2025: C's 孤儿应保尽保 Jan 1/2, Feb 1/2, Mar 2/2, Apr 2/2 = 6/8; the only weight = 75.0 %
req GET "/supervision/appraisal?year=2025" -b "$ij"
check "the appraisal opens" status_is 200
check "C's orphan coverage over the year is 6/8" grep -q "data-town=\"$C\">.*data-ind=\"cov_orphan\">75.0% <small>(6/8)</small>" "$OUT/body"
check "C's score is that rate alone (the 2026 weights do not count)" grep -q "data-town=\"$C\"><td[^>]*>[0-9]*</td><th scope=\"row\">通报测试丙乡</th><td[^>]*>75.0%</td>" "$OUT/body"
check "D scores 100 % and ranks before C" \
    [ "$(grep -o "data-town=\"\($C\|$D\)\"" "$OUT/body" | head -n1)" = "data-town=\"$D\"" ]
check "the departments' scores" body_has 'id="depts"'
req GET "/supervision/appraisal?year=2025" -b "$cj"
check "a township's appraisal shows itself only" body_lacks "data-town=\"$D\""
check "and no department scores" body_lacks 'id="depts"'
# Chromium: the dashboard and the printed bulletin, screenshots in tests/out
[ -d tests/browser/node_modules/playwright-core ] ||
    (cd tests/browser && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
out=$(cd tests/browser && BASE="$BASE" OUT_DIR="$ROOT/tests/out" SV_USER="sbi_$tag" SV_PASSWORD="$PW" \
      SV_MONTH=2025-03 SV_BULLETIN="$bid" node supervision.mjs 2>&1)
rc=$?
echo "$out"
check "the dashboard and the printed bulletin in Chromium (see above)" [ "$rc" = 0 ]
check "the screenshots and the PDF are written" [ -s tests/out/browser-supervision-dashboard.png ] &&
    [ -s tests/out/browser-supervision-bulletin.png ] && [ "$(head -c 4 tests/out/browser-supervision-bulletin.pdf)" = %PDF ]

sql "DELETE FROM setting_values WHERE module = 'supervision' AND created_by = 1 AND code LIKE 'weight\_%'"
rm -f "$CLOCK_FILE"
