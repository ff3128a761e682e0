#!/usr/bin/env python3
"""Writes a ledger for the registry import tests as a real .xlsx or .xls.

    /usr/bin/python3 make_ledger.py OUT.xlsx|OUT.xls [TITLE] < rows.tsv

rows.tsv: tab-separated, the first line the header.  A cell "d:2015-03-08"
is written as an Excel date (a number with a date format), "n:42" as a
number, anything else as text.  TITLE, when given, is a title row above the
header (as clerks' ledgers have).  The .xls is written by Debian's
python3-xlwt; the .xlsx is zipped SpreadsheetML with shared strings and a
date style, as Excel saves it (no third-party package needed).
"""
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape


def cells_of(line):
    out = []
    for v in line.rstrip("\n").split("\t"):
        if v.startswith("d:"):
            out.append(("date", datetime.date.fromisoformat(v[2:])))
        elif v.startswith("n:"):
            out.append(("num", float(v[2:])))
        else:
            out.append(("text", v))
    return out


def write_xls(path, rows):
    import xlwt
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("台账")
    date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(rows):
        for c, (kind, v) in enumerate(row):
            if kind == "date":
                sheet.write(r, c, v, date)
            elif kind == "num" or v:
                sheet.write(r, c, v)
    book.save(path)


def col_name(c):
    name = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return name


def write_xlsx(path, rows):
    strings, index = [], {}
    sheet_rows = []
    epoch = datetime.date(1899, 12, 30)
    for r, row in enumerate(rows):
        cells = []
        for c, (kind, v) in enumerate(row):
            ref = "%s%d" % (col_name(c), r + 1)
            if kind == "date":
                cells.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, (v - epoch).days))
            elif kind == "num":
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, repr(v).rstrip("0").rstrip(".")))
            elif v:
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
        sheet_rows.append('<row r="%d">%s</row>' % (r + 1, "".join(cells)))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>' % rel,
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook %s xmlns:r="%s"><sheets>'
            '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, rel),
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%s/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>' % (rel, rel, rel),
        "xl/styles.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<styleSheet %s><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '</cellXfs></styleSheet>' % ns,
        "xl/sharedStrings.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst %s count="%d" uniqueCount="%d">%s</sst>'
            % (ns, len(strings), len(strings),
               "".join("<si><t>%s</t></si>" % escape(s) for s in strings)),
        "xl/worksheets/sheet1.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet %s><sheetData>%s</sheetData></worksheet>' % (ns, "".join(sheet_rows)),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))


def main():
    out = sys.argv[1]
    rows = [cells_of(line) for line in sys.stdin if line.strip()]
    if len(sys.argv) > 2:
        rows.insert(0, [("text", sys.argv[2])])
    (write_xls if out.endswith(".xls") else write_xlsx)(out, rows)


main()
