# .xlsx exports (services xlsx_begin/xlsx_row/xlsx_end) through the real
# stack: the testkit's GET /testkit/xlsx streams three rows from a query.
# The download carries the .xlsx type and the UTF-8 file name (RFC 5987),
# is audited once, leaves no temporary file behind, and unzipped holds the
# values typed as they should be: dates as dates, money as numbers shown
# "0.00", formula-looking text as text, empty cells empty.

TMPD="$TEST_DIR/tmp"
xlsx_temps() { find "$TMPD" -maxdepth 1 -name 'portal-xlsx-*' 2>/dev/null | wc -l; }
exports() { sql "SELECT COUNT(*) FROM audit_log WHERE action='testkit.export'"; }

aj=$(login admin 'Admin#2026portal')
before=$(exports)
req GET /testkit/xlsx -b "$aj"
check "the export answers 200" status_is 200
check "its type is .xlsx" \
    header_has "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
check "it is an attachment with an ASCII fallback name" \
    header_has 'Content-Disposition: attachment; filename="'
check "its UTF-8 name is 儿童名单-测试.xlsx (RFC 5987)" \
    header_has "filename*=UTF-8''%E5%84%BF%E7%AB%A5%E5%90%8D%E5%8D%95-%E6%B5%8B%E8%AF%95.xlsx"
check "it is not cached" header_has "Cache-Control: no-store"
check "the export was audited once" same "$(exports)" "$((before + 1))"
check "the audit row says what was exported" \
    same "$(sql "SELECT detail FROM audit_log WHERE action='testkit.export' ORDER BY id DESC LIMIT 1")" \
    "rows=3 format=xlsx"
check "no temporary file is left under the instance's tmp" same "$(xlsx_temps)" 0

# the cells, as Excel will read them
python3 - "$OUT/body" >"$OUT/cells" 2>&1 <<'PY'
import sys, zipfile
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
styles = ET.fromstring(z.read("xl/styles.xml"))
codes = {f.get("numFmtId"): f.get("formatCode") for f in styles.iterfind("m:numFmts/m:numFmt", ns)}
xfs = [codes.get(x.get("numFmtId"), x.get("numFmtId")) for x in styles.iterfind("m:cellXfs/m:xf", ns)]
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
for c in sheet.iterfind(".//m:c", ns):
    t = c.get("t", "n")
    if t == "inlineStr":
        v = "".join(x.text or "" for x in c.iterfind(".//m:t", ns))
    elif t == "s":
        shared = ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)
        v = "".join(x.text or "" for x in shared[int(c.find("m:v", ns).text)].iterfind(".//m:t", ns))
    else:
        v = c.find("m:v", ns).text if c.find("m:v", ns) is not None else ""
    fmt = xfs[int(c.get("s", "0"))]
    print("%s\t%s\t%s\t%s\t%s" % (c.get("r"), "text" if t in ("inlineStr", "s", "str") else t, v,
                                  fmt, "formula" if c.find("m:f", ns) is not None else ""))
print("sheet\t" + ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets/m:sheet", ns).get("name"))
PY
cell() { grep -P "^$1\t" "$OUT/cells" | cut -f2-4; }
check "the download is a zip python can read" grep -q '^A1' "$OUT/cells"
check "the sheet is called 儿童名单" grep -qxP 'sheet\t儿童名单' "$OUT/cells"
check "the header is Chinese text" same "$(cell A1 | cut -f1-2)" "$(printf 'text\t姓名')"
check "a name is text" same "$(cell A2 | cut -f1-2)" "$(printf 'text\t张小明')"
check "a masked ID is text" same "$(cell B2 | cut -f1-2)" "$(printf 'text\t**************1234')"
check "a full ID number is text, every digit kept" \
    same "$(cell B4 | cut -f1-2)" "$(printf 'text\t500242200801011234')"
check "a date is an Excel date shown yyyy-mm-dd" same "$(cell C2)" "$(printf 'n\t39448\tyyyy-mm-dd')"
check "money in fen is a number of yuan shown 0.00" same "$(cell D2)" "$(printf 'n\t1651.5\t0.00')"
check "negative money too" same "$(cell D3)" "$(printf 'n\t-0.05\t0.00')"
check "an integer is a number" same "$(cell E2 | cut -f1-2)" "$(printf 'n\t3')"
check "=1+2 stays text" same "$(cell F2 | cut -f1-2)" "$(printf 'text\t=1+2')"
check "+86 stays text" same "$(cell F3 | cut -f1-2)" "$(printf 'text\t+86 138 0000 0000')"
check "@SUM stays text" same "$(cell F4 | cut -f1-2)" "$(printf 'text\t@SUM(A1)')"
check "no cell is a formula" bash -c "! grep -q 'formula' '$OUT/cells'"
check "an empty value leaves the cell empty" bash -c "! grep -qP '^(B3|C3)\t' '$OUT/cells'"
check "three rows and the header" same "$(grep -cP '^A[0-9]+\t' "$OUT/cells")" 4

# without the permission: refused, nothing exported, nothing audited as an export
tj=$(login township 'Town#2026portal')
before=$(exports)
req GET /testkit/xlsx -b "$tj"
check "a user without the permission is refused" status_is 403
check "the refusal is not an xlsx" bash -c "! grep -qi 'spreadsheetml' '$OUT/headers'"
check "no export was audited" same "$(exports)" "$before"
check "and no temporary file is left" same "$(xlsx_temps)" 0
