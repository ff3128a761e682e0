/* Unit tests for cgi/host/sheet*.c (and docx.c, the documents written the
 * same way): reading uploads (.xlsx made here with
 * libxlsxwriter, .xls from tests/unit/fixtures/sample.xls, CSV in UTF-8 and
 * GBK), refusing bombs and broken files, and writing .xlsx exports (read
 * back with the reader and unzipped).  Run from the repository root
 * (tests/run.sh does): the error page renders templates/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "host.h"
#include "sheet.h"
#include "docx.h"
#include "unit_request.h"

static char tmpdir[64];
static portal_req rq;
static arena *ra;
static buf sent;                 /* what the response wrote through its io */

static int io_write(void *ctx, const char *src, size_t n)
{
    (void)ctx;
    buf_add(&sent, src, n);
    return 0;
}

static const struct req_io io = {NULL, NULL, NULL, io_write};

static void new_request(void)
{
    unit_request(&rq, &ra, "GET", "/export.xlsx");
    rq.io = &io;
    buf_free(&sent);
    buf_init(&sent);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/portal-sheet-XXXXXX");
    if (!mkdtemp(tmpdir) || render_init("templates") != 0)
        return -1;
    config_set("tmp_dir", tmpdir);
    return 0;
}

/* the files in tmp_dir (left by the services: there should be none);
 * removed when `remove` */
static int files_in_tmp(int remove)
{
    DIR *d = opendir(tmpdir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        n++;
        if (remove)
            unlinkat(dirfd(d), e->d_name, 0);
    }
    if (d)
        closedir(d);
    return n;
}

static int teardown(void **state)
{
    (void)state;
    if (ra)
        arena_free(ra);
    ra = NULL;
    buf_free(&rq.body);
    buf_free(&rq.headers);
    buf_free(&sent);
    files_in_tmp(1);
    return rmdir(tmpdir);
}

/* a whole file into the request's arena */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = arena_alloc(ra, (size_t)n + 1);
    assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return d;
}

/* the next row, which must hold exactly the cells given (NULL-terminated) */
static void expect_row(portal_sheet *sh, long rownum, ...)
{
    const char **cells;
    int n = sheet_svc_next(sh, &cells);
    if (n < 0)
        fail_msg("row %ld: %s", rownum, sheet_svc_error(sh));
    va_list ap;
    va_start(ap, rownum);
    int i = 0;
    for (const char *want; (want = va_arg(ap, const char *)); i++) {
        assert_true(i < n);
        if (strcmp(cells[i], want) != 0)
            fail_msg("row %ld cell %d: '%s', want '%s'", rownum, i, cells[i], want);
    }
    va_end(ap);
    assert_int_equal(n, i);
    assert_int_equal(sheet_svc_row(sh), rownum);
}

static void expect_error(portal_sheet *sh, const char *part)
{
    const char **cells;
    int n;
    while ((n = sheet_svc_next(sh, &cells)) > 0)
        ;
    assert_int_equal(n, -1);
    assert_non_null(sheet_svc_error(sh));
    if (!strstr(sheet_svc_error(sh), part))
        fail_msg("error '%s' does not say '%s'", sheet_svc_error(sh), part);
    assert_int_equal(sheet_svc_next(sh, &cells), -1); /* and it stays an error */
}

/* ---- .xlsx made by libxlsxwriter (shared strings, as Excel writes) ---- */

static char *made_xlsx(size_t *len)
{
    char path[128];
    snprintf(path, sizeof path, "%s/made.xlsx", tmpdir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "名单");
    lxw_format *date = workbook_add_format(wb), *money = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    format_set_num_format(money, "0.00");
    const char *head[] = {"姓名", "身份证号", "出生日期", "金额", "人数"};
    for (int i = 0; i < 5; i++)
        worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], NULL);
    worksheet_write_string(ws, 1, 0, "张小明", NULL);
    worksheet_write_string(ws, 1, 1, "500242200801011234", NULL);
    lxw_datetime d = {2008, 1, 1, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 2, &d, date);
    worksheet_write_number(ws, 1, 3, 1651.5, money);
    worksheet_write_number(ws, 1, 4, 3, NULL);
    /* row 3: B3 and C3 empty, a formula-looking text, more cells than the header */
    worksheet_write_string(ws, 2, 0, "=1+2", NULL);
    worksheet_write_number(ws, 2, 3, 0.1 + 0.2, NULL);
    worksheet_write_number(ws, 2, 4, -7, NULL);
    worksheet_write_string(ws, 2, 6, "多出的一列", NULL);
    /* row 4 empty; row 5: an ID number typed as a number, a boolean, a date-time */
    worksheet_write_number(ws, 4, 0, 500242200801011234.0, NULL);
    worksheet_write_boolean(ws, 4, 1, 1, NULL);
    lxw_format *dt = workbook_add_format(wb);
    format_set_num_format(dt, "yyyy-mm-dd hh:mm");
    lxw_datetime t = {2026, 12, 1, 9, 30, 0};
    worksheet_write_datetime(ws, 4, 2, &t, dt);
    worksheet_write_blank(ws, 4, 5, money);        /* a styled empty cell at the end */
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    char *data = slurp(path, len);
    unlink(path);
    return data;
}

static void test_xlsx_read(void **state)
{
    (void)state;
    new_request();
    size_t len;
    char *data = made_xlsx(&len);
    portal_sheet *sh = sheet_svc_open(&rq, data, len);
    assert_string_equal(sheet_svc_format(sh), "xlsx");
    expect_row(sh, 1, "姓名", "身份证号", "出生日期", "金额", "人数", NULL);
    expect_row(sh, 2, "张小明", "500242200801011234", "2008-01-01", "1651.5", "3", NULL);
    expect_row(sh, 3, "=1+2", "", "", "0.3", "-7", "", "多出的一列", NULL);
    expect_row(sh, 5, "5.00242200801011E+17", "TRUE", "2026-12-01 09:30:00", NULL);
    const char **cells;
    assert_int_equal(sheet_svc_next(sh, &cells), 0);
    assert_null(sheet_svc_error(sh));
}

/* ---- .xls: the fixture written by python3-xlwt ---- */

static void test_xls_read(void **state)
{
    (void)state;
    new_request();
    size_t len;
    char *data = slurp("tests/unit/fixtures/sample.xls", &len);
    portal_sheet *sh = sheet_svc_open(&rq, data, len);
    assert_string_equal(sheet_svc_format(sh), "xls");
    expect_row(sh, 1, "姓名", "身份证号", "出生日期", "金额", "人数", NULL);
    expect_row(sh, 2, "张小明", "500242200801011234", "2008-01-01", "1651.5", "3", NULL);
    expect_row(sh, 3, "李四", "", "", "0.3", "-7", "", "多出的一列", NULL);
    const char **cells;
    assert_int_equal(sheet_svc_next(sh, &cells), 0);
    assert_int_equal(files_in_tmp(0), 0);     /* the spilled copy is gone */

    /* the caps are the worker's, whatever the reader (here a child process) says */
    struct sheet_caps caps = sheet_default_caps;
    caps.cells = 5;
    sh = sheet_open_caps(&rq, data, len, &caps);
    expect_row(sh, 1, "姓名", "身份证号", "出生日期", "金额", "人数", NULL);
    expect_error(sh, "第 3 行：超过 5 列");
    assert_int_equal(files_in_tmp(0), 0);
    /* a reader left half way is stopped when the request ends */
    sh = sheet_svc_open(&rq, data, len);
    expect_row(sh, 1, "姓名", "身份证号", "出生日期", "金额", "人数", NULL);
    new_request();
    assert_int_equal(files_in_tmp(0), 0);
}

/* ---- CSV: UTF-8 as is, GBK converted, anything else refused ---- */

static char *to_gbk(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("GBK", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in = strlen(utf8), cap = 2 * in + 1, left = cap;
    char *out = arena_alloc(ra, cap), *o = out, *i = (char *)utf8;
    assert_int_not_equal(iconv(cd, &i, &in, &o, &left), (size_t)-1);
    iconv_close(cd);
    *len = cap - left;
    return out;
}

static void test_csv_encodings(void **state)
{
    (void)state;
    new_request();
    static const char text[] = "姓名,身份证号,金额\r\n张小明,500242200801011234,1651.50\r\n";
    size_t n, glen;
    const char *enc;
    char *gbk = to_gbk(text, &glen);
    assert_int_not_equal(memcmp(gbk, text, glen < sizeof text ? glen : sizeof text), 0);
    const char *u = sheet_csv_utf8(ra, gbk, glen, &n, &enc);
    assert_non_null(u);
    assert_string_equal(enc, "gb18030");
    assert_int_equal(n, strlen(text));
    assert_memory_equal(u, text, n);

    char *bom = arena_sprintf(ra, "\xEF\xBB\xBF%s", text);
    u = sheet_csv_utf8(ra, bom, strlen(bom), &n, &enc);
    assert_string_equal(enc, "utf-8");
    assert_int_equal(n, strlen(text));
    assert_memory_equal(u, text, n);

    /* bytes that are neither: a NUL, and a lone GB18030 lead byte at the end */
    assert_null(sheet_csv_utf8(ra, "a,b\0c", 5, &n, &enc));
    assert_null(sheet_csv_utf8(ra, "a,\xD5", 3, &n, &enc));
    portal_sheet *sh = sheet_svc_open(&rq, "a,\xD5", 3);
    assert_string_equal(sheet_svc_format(sh), "");
    expect_error(sh, "无法识别该文件");

    /* a GBK file is a CSV; its rows come from the one CSV parser (csv.c) */
    sh = sheet_svc_open(&rq, gbk, glen);
    assert_string_equal(sheet_svc_format(sh), "csv");
    if (services.csv_open) {
        expect_row(sh, 1, "姓名", "身份证号", "金额", NULL);
        expect_row(sh, 2, "张小明", "500242200801011234", "1651.50", NULL);
    } else {
        expect_error(sh, "暂不能读取 CSV 文件");
    }
}

/* ---- refusals ---- */

/* a zip from name/content pairs (NULL-terminated), into the arena */
static char *zip_of(size_t *len, ...)
{
    char path[128];
    snprintf(path, sizeof path, "%s/z.zip", tmpdir);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    va_list ap;
    va_start(ap, len);
    for (const char *name; (name = va_arg(ap, const char *));) {
        const char *content = va_arg(ap, const char *);
        size_t n = va_arg(ap, size_t);
        zip_source_t *s = zip_source_buffer(z, content, n, 0);
        assert_true(zip_file_add(z, name, s, 0) >= 0);
    }
    va_end(ap);
    assert_int_equal(zip_close(z), 0);
    char *d = slurp(path, len);
    unlink(path);
    return d;
}

static const char workbook[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets>"
    "<sheet name=\"a\" sheetId=\"1\"/></sheets></workbook>";

static void test_zip_bomb_refused(void **state)
{
    (void)state;
    new_request();
    /* 20 MB of blanks inside the sheet: 20 KB zipped */
    size_t big = 20u << 20;
    char *sheet = calloc(1, big);
    assert_non_null(sheet);
    static const char head[] = "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>x"
                               "</t></is></c></row>";
    memset(sheet, ' ', big);
    memcpy(sheet, head, sizeof head - 1);
    memcpy(sheet + big - 25, "</sheetData></worksheet>", 24);
    size_t len;
    char *data = zip_of(&len, "xl/workbook.xml", workbook, sizeof workbook - 1,
                        "xl/worksheets/sheet1.xml", sheet, big, NULL);
    free(sheet);
    assert_true(len < big / 100);
    struct sheet_caps caps = sheet_default_caps;
    caps.unzipped = 4u << 20;
    /* its entry says how large it is: refused before inflating anything */
    portal_sheet *sh = sheet_open_caps(&rq, data, len, &caps);
    expect_error(sh, "文件解压后超过 4 MB");
    /* the default cap reads it all (and it has one row) */
    sh = sheet_svc_open(&rq, data, len);
    expect_row(sh, 1, "x", NULL);
    const char **cells;
    assert_int_equal(sheet_svc_next(sh, &cells), 0);
}

/* a zip whose entry claims to be small: the inflated bytes are counted */
static void test_zip_bomb_lying_size(void **state)
{
    (void)state;
    new_request();
    size_t big = 8u << 20, len;
    char *sheet = calloc(1, big);
    assert_non_null(sheet);
    memset(sheet, ' ', big);
    memcpy(sheet, "<worksheet><sheetData>", 22);
    char *data = zip_of(&len, "xl/workbook.xml", workbook, sizeof workbook - 1,
                        "xl/worksheets/sheet1.xml", sheet, big, NULL);
    free(sheet);
    /* patch the uncompressed size of the sheet's entry (local header and
     * central directory) to 1000 bytes */
    int patched = 0;
    for (size_t i = 0; i + 46 < len; i++) {
        int local = memcmp(data + i, "PK\x03\x04", 4) == 0, central =
                    memcmp(data + i, "PK\x01\x02", 4) == 0;
        size_t name_at = local ? 30 : 46, size_at = local ? 22 : 24;
        if ((local || central) && memcmp(data + i + name_at, "xl/worksheets", 13) == 0) {
            memcpy(data + i + size_at, "\xE8\x03\0\0", 4);
            patched++;
        }
    }
    assert_int_equal(patched, 2);
    struct sheet_caps caps = sheet_default_caps;
    caps.unzipped = 2u << 20;
    portal_sheet *sh = sheet_open_caps(&rq, data, len, &caps);
    expect_error(sh, "");                       /* refused, whatever libzip noticed first */
    assert_true(strstr(sheet_svc_error(sh), "解压后超过") ||
                strstr(sheet_svc_error(sh), "已损坏"));
}

static void test_caps(void **state)
{
    (void)state;
    new_request();
    size_t len;
    char *data = made_xlsx(&len);
    struct sheet_caps caps = sheet_default_caps;
    caps.cells = 5;                             /* row 3 has 7 */
    portal_sheet *sh = sheet_open_caps(&rq, data, len, &caps);
    expect_row(sh, 1, "姓名", "身份证号", "出生日期", "金额", "人数", NULL);
    expect_row(sh, 2, "张小明", "500242200801011234", "2008-01-01", "1651.5", "3", NULL);
    expect_error(sh, "第 3 行：超过 5 列");

    caps = sheet_default_caps;
    caps.rows = 2;
    sh = sheet_open_caps(&rq, data, len, &caps);
    expect_error(sh, "第 3 行：文件超过 2 行");

    caps = sheet_default_caps;
    caps.cell_bytes = 10;                       /* "张小明" is 9 bytes, "身份证号" 12 */
    sh = sheet_open_caps(&rq, data, len, &caps);
    expect_error(sh, "超过 10 字节");
}

static void test_broken_files_refused(void **state)
{
    (void)state;
    new_request();
    size_t len;
    char *data = made_xlsx(&len);
    portal_sheet *sh = sheet_svc_open(&rq, data, len / 2);     /* cut short */
    assert_string_equal(sheet_svc_format(sh), "xlsx");
    expect_error(sh, "已损坏");

    char *other = zip_of(&len, "word/document.xml", "<w/>", (size_t)4, NULL);
    sh = sheet_svc_open(&rq, other, len);
    expect_error(sh, "不是 Excel 工作簿");

    static const char dtd[] = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData>"
                              "<row><c t=\"inlineStr\"><is><t>&a;</t></is></c></row>"
                              "</sheetData></worksheet>";
    data = zip_of(&len, "xl/workbook.xml", workbook, sizeof workbook - 1,
                  "xl/worksheets/sheet1.xml", dtd, sizeof dtd - 1, NULL);
    sh = sheet_svc_open(&rq, data, len);
    expect_error(sh, "已损坏");

    static const char badxml[] = "<worksheet><sheetData><row><c><v>1</c></row>";
    data = zip_of(&len, "xl/workbook.xml", workbook, sizeof workbook - 1,
                  "xl/worksheets/sheet1.xml", badxml, sizeof badxml - 1, NULL);
    sh = sheet_svc_open(&rq, data, len);
    expect_error(sh, "已损坏");

    /* an OLE2 signature and then nothing sensible */
    char ole[2048];
    memset(ole, 0x41, sizeof ole);
    memcpy(ole, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    sh = sheet_svc_open(&rq, ole, sizeof ole);
    assert_string_equal(sheet_svc_format(sh), "xls");
    expect_error(sh, "已损坏或已加密");
    /* the fixture claiming 65536 rows x 256 columns in its DIMENSION record
     * (id 0x0200, 14 bytes: first row, last row + 1, first col, last col + 1) */
    data = slurp("tests/unit/fixtures/sample.xls", &len);
    char *dim = memmem(data, len, "\x00\x02\x0e\x00", 4);
    assert_non_null(dim);
    memcpy(dim + 8, "\x00\x00\x01\x00", 4);
    memcpy(dim + 14, "\x00\x01", 2);
    sh = sheet_svc_open(&rq, data, len);
    expect_error(sh, "工作表过大（65536 行 × 256 列）");
    assert_int_equal(files_in_tmp(0), 0);
    /* the real fixture cut short */
    data = slurp("tests/unit/fixtures/sample.xls", &len);
    sh = sheet_svc_open(&rq, data, 1536);
    expect_error(sh, "已损坏或已加密");
    assert_int_equal(files_in_tmp(0), 0);

    sh = sheet_svc_open(&rq, "", 0);
    expect_error(sh, "文件是空的");
}

/* ---- writing ---- */

static const struct portal_xlsx_col cols[] = {
    {"姓名", 10, PX_TEXT},   {"身份证号（脱敏）", 22, PX_TEXT}, {"出生日期", 12, PX_DATE},
    {"月发放金额", 12, PX_MONEY}, {"人数", 6, PX_INT},        {NULL, 0, 0}};

/* the body of the response: after the headers sent through io, then what is left */
static const char *response_body(size_t *len)
{
    buf all;
    buf_init(&all);
    const char *s = sent.data ? strstr(sent.data, "\r\n\r\n") : NULL;
    if (s)
        buf_add(&all, s + 4, sent.len - (size_t)(s + 4 - sent.data));
    buf_add(&all, rq.body.data, rq.body.len);
    char *d = arena_alloc(ra, all.len + 1);
    memcpy(d, all.data, all.len);
    *len = all.len;
    buf_free(&all);
    return d;
}

/* one part of a zip (an .xlsx or a .docx) into xml (NUL-terminated) */
static void zip_part(zip_t *z, const char *name, char *xml, size_t size)
{
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    zip_int64_t n = zip_fread(f, xml, size - 1);
    assert_true(n > 0);
    xml[n] = 0;
    zip_fclose(f);
}

static void test_xlsx_write(void **state)
{
    (void)state;
    new_request();
    portal_xlsx *x = xlsx_svc_begin(&rq, "儿童名单-20261201.xlsx", "儿童名单", cols);
    assert_non_null(x);
    assert_int_equal(files_in_tmp(0), 1);
    const char *r1[] = {"张小明", "**************1234", "2008-01-01", "165150", "3"};
    const char *r2[] = {"=HYPERLINK(\"http://x\")", NULL, "", "-5", "x"};
    const char *r3[] = {"+86 123", "500242200801011234", "2026-12-01 09:30:00", "12", "-1"};
    assert_int_equal(xlsx_svc_row(x, r1), 0);
    assert_int_equal(xlsx_svc_row(x, r2), 0);
    assert_int_equal(xlsx_svc_row(x, r3), 0);
    assert_int_equal(xlsx_svc_end(x), 200);
    assert_int_equal(files_in_tmp(0), 0);
    assert_int_equal(xlsx_svc_row(x, r1), -1);   /* after the end: refused, not a crash */
    assert_int_equal(xlsx_svc_end(x), 500);
    assert_string_equal(rq.ctype,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_non_null(strstr(rq.headers.data, "Content-Disposition: attachment; filename=\""));
    assert_non_null(strstr(rq.headers.data,
                           "filename*=UTF-8''%E5%84%BF%E7%AB%A5%E5%90%8D%E5%8D%95-20261201.xlsx"));

    size_t len;
    const char *body = response_body(&len);
    portal_sheet *sh = sheet_svc_open(&rq, body, len);
    assert_string_equal(sheet_svc_format(sh), "xlsx");
    expect_row(sh, 1, "姓名", "身份证号（脱敏）", "出生日期", "月发放金额", "人数", NULL);
    expect_row(sh, 2, "张小明", "**************1234", "2008-01-01", "1651.5", "3", NULL);
    expect_row(sh, 3, "=HYPERLINK(\"http://x\")", "", "", "-0.05", "x", NULL);
    expect_row(sh, 4, "+86 123", "500242200801011234", "2026-12-01", "0.12", "-1", NULL);
    const char **cells;
    assert_int_equal(sheet_svc_next(sh, &cells), 0);

    /* no formula anywhere, the money format and the date format are there */
    zip_error_t ze;
    zip_source_t *src = zip_source_buffer_create(body, len, 0, &ze);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    assert_non_null(z);
    char xml[16384];
    zip_part(z, "xl/worksheets/sheet1.xml", xml, sizeof xml);
    assert_null(strstr(xml, "<f>"));
    assert_non_null(strstr(xml, "<pane "));             /* the header is frozen */
    zip_part(z, "xl/styles.xml", xml, sizeof xml);
    assert_non_null(strstr(xml, "formatCode=\"0.00\""));
    assert_non_null(strstr(xml, "formatCode=\"yyyy-mm-dd\""));
    zip_discard(z);
}

/* a large export streams out through io, after its headers */
static void test_xlsx_write_large_and_abandoned(void **state)
{
    (void)state;
    new_request();
    portal_xlsx *x = xlsx_svc_begin(&rq, "big", NULL, cols);
    assert_non_null(x);
    char name[32], fen[32];
    const char *row[] = {name, "**************1234", "2008-01-01", fen, "1"};
    for (int i = 0; i < 20000; i++) {
        snprintf(name, sizeof name, "儿童%d", i);
        snprintf(fen, sizeof fen, "%d", i);
        assert_int_equal(xlsx_svc_row(x, row), 0);
    }
    assert_int_equal(xlsx_svc_end(x), 200);
    assert_true(rq.headers_sent);
    assert_non_null(strstr(sent.data, "filename*=UTF-8''big.xlsx"));
    size_t len;
    const char *body = response_body(&len);
    portal_sheet *sh = sheet_svc_open(&rq, body, len);
    const char **cells;
    long rows = 0;
    int n;
    while ((n = sheet_svc_next(sh, &cells)) > 0)
        rows++;
    assert_int_equal(n, 0);
    assert_int_equal(rows, 20001);
    assert_int_equal(files_in_tmp(0), 0);

    /* begun and never ended: nothing stays behind when the request ends */
    new_request();
    x = xlsx_svc_begin(&rq, "gone.xlsx", "x", cols);
    assert_non_null(x);
    assert_int_equal(xlsx_svc_row(x, row), 0);
    assert_int_equal(files_in_tmp(0), 1);
    new_request();
    assert_int_equal(files_in_tmp(0), 0);
}

/* docx_send (docx.c): the three parts zipped, text escaped, control
 * characters dropped, a newline a line break; a bad table is a 500 */
static void test_docx_write(void **state)
{
    (void)state;
    new_request();
    const char *cells[] = {"乡镇", "比率", "楠木乡 <&>", "50.0%"};
    const struct portal_doc_part parts[] = {
        {.kind = PD_TITLE, .text = "2025年3月通报 \"A&B\" <x>\x01"},
        {.kind = PD_PARA, .text = "第一行\n第二行"},
        {.kind = PD_TABLE, .cols = 2, .rows = 2, .cells = cells},
        {.kind = PD_RIGHT, .text = "酉阳县民政局"},
        {.kind = PD_END}};
    assert_int_equal(docx_svc_send(&rq, "通报-2025-03.docx", 1, parts), 200);
    assert_string_equal(rq.ctype,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_non_null(strstr(rq.headers.data, "Content-Disposition: attachment; filename=\""));
    size_t len;
    const char *body = response_body(&len);
    zip_error_t ze;
    zip_source_t *src = zip_source_buffer_create(body, len, 0, &ze);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    assert_non_null(z);
    assert_int_equal(zip_get_num_entries(z, 0), 3);
    assert_true(zip_name_locate(z, "[Content_Types].xml", 0) >= 0);
    assert_true(zip_name_locate(z, "_rels/.rels", 0) >= 0);
    char xml[16384];
    zip_part(z, "word/document.xml", xml, sizeof xml);
    zip_discard(z);
    assert_non_null(strstr(xml, "2025年3月通报 &quot;A&amp;B&quot; &lt;x&gt;</w:t>"));
    assert_non_null(strstr(xml, "第一行</w:t><w:br/><w:t xml:space=\"preserve\">第二行"));
    assert_non_null(strstr(xml, "楠木乡 &lt;&amp;&gt;"));
    assert_non_null(strstr(xml, "<w:tblHeader/>"));
    assert_non_null(strstr(xml, "w:orient=\"landscape\""));
    assert_null(strchr(xml, '\x01'));

    new_request();
    const struct portal_doc_part bad[] = {{.kind = PD_TABLE, .cols = 0, .rows = 1, .cells = cells},
                                          {.kind = PD_END}};
    assert_int_equal(docx_svc_send(&rq, "x.docx", 0, bad), 500);
    assert_int_equal(rq.status, 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx_read),
        cmocka_unit_test(test_xls_read),
        cmocka_unit_test(test_csv_encodings),
        cmocka_unit_test(test_zip_bomb_refused),
        cmocka_unit_test(test_zip_bomb_lying_size),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_broken_files_refused),
        cmocka_unit_test(test_xlsx_write),
        cmocka_unit_test(test_xlsx_write_large_and_abandoned),
        cmocka_unit_test(test_docx_write),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
