/*
 * sheet_in.c - one reader for every uploaded spreadsheet (services
 * sheet_open, sheet_next, sheet_row, sheet_error, sheet_format).
 *
 * The format comes from the bytes, never from the file's name: a zip is an
 * .xlsx (sheet_xlsx.c), an OLE2 compound file an .xls (sheet_xls.c), the
 * rest is CSV - UTF-8, or GB18030/GBK as Excel in China saves it, converted
 * here with iconv and then read by the one CSV parser (csv.c).
 * Every reader builds rows through sheet_cell, so the caps (cells a row,
 * bytes a cell, rows) and the messages are the same whatever the format.
 */
#include "host.h"
#include "sheet.h"
#include "csv.h"

#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const struct sheet_caps sheet_default_caps = {200000, 256, 32767, 128u << 20};

static const char msg_unknown[] =
    "无法识别该文件：请上传 Excel 工作簿（.xlsx 或 .xls），或 UTF-8、GBK 编码的 CSV 文件。";

const char *sheet_csv_utf8(arena *a, const char *data, size_t len, size_t *outlen,
                           const char **enc)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (utf8_valid(data, len)) {
        *enc = "utf-8";
        *outlen = len;
        return data;
    }
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = 2 * len + 4, left = cap, inleft = len; /* 4 bytes in -> at most 4 out */
    char *out = arena_alloc(a, cap), *o = out, *in = (char *)data;
    size_t rc = iconv(cd, &in, &inleft, &o, &left);
    iconv_close(cd);
    if (rc == (size_t)-1 || inleft != 0 || !utf8_valid(out, cap - left))
        return NULL;
    *o = 0;
    *enc = "gb18030";
    *outlen = cap - left;
    return out;
}

/* ---- CSV: the one CSV parser (csv.c) on UTF-8 bytes ---- */

struct csv_in {
    portal_csv *c;
    long record;
};

static int csv_in_next(portal_sheet *sh)
{
    struct csv_in *x = sh->impl;
    const char **cells = NULL;
    int n = csv_next(x->c, &cells);
    if (n < 0) {
        const char *e = csv_error(x->c);
        sh->row = 0; /* the parser's message names its line */
        return sheet_fail(sh, "%s", e ? e : "CSV 文件的格式不正确。");
    }
    if (n == 0)
        return 0;
    /* the line the record starts on (blank lines and line breaks inside
     * quotes counted), as a text editor shows it */
    x->record++;
    sh->row = csv_line(x->c);
    for (int i = 0; i < n; i++)
        if (sheet_cell(sh, i, cells[i], strlen(cells[i])) != 0)
            return -1;
    return 1;
}

static void csv_in_done(portal_sheet *sh) { (void)sh; }

static const struct sheet_reader csv_reader = {"csv", csv_in_next, csv_in_done};

static int csv_in_open(portal_sheet *sh, const void *data, size_t len)
{
    size_t n;
    const char *enc;
    const char *text = sheet_csv_utf8(sh->a, data, len, &n, &enc);
    if (!text)
        return sheet_fail(sh, "%s", msg_unknown);
    sh->rd = &csv_reader;
    /* the CSV parser is the host's csv_open service (csv.c) */
    struct csv_in *x = arena_zalloc(sh->a, sizeof *x);
    x->c = csv_open(sh->a, text, n);
    if (!x->c)
        return sheet_fail(sh, "CSV 文件无法读取。");
    sh->impl = x;
    return 0;
}

/* ---- the interface ---- */

static void sheet_done(void *arg)
{
    portal_sheet *sh = arg;
    if (sh->rd && sh->impl)
        sh->rd->done(sh);
    buf_free(&sh->text);
}

portal_sheet *sheet_open_caps(portal_req *r, const void *data, size_t len,
                              const struct sheet_caps *caps)
{
    portal_sheet *sh = arena_zalloc(r->a, sizeof *sh);
    sh->r = r;
    sh->a = r->a;
    sh->caps = *caps;
    buf_init(&sh->text);
    sh->off = arena_alloc(r->a, (size_t)caps->cells * sizeof *sh->off);
    sh->cells = arena_alloc(r->a, ((size_t)caps->cells + 1) * sizeof *sh->cells);
    arena_on_reset(r->a, sheet_done, sh);
    const unsigned char *b = data;
    if (!data || len == 0)
        sheet_fail(sh, "文件是空的。");
    else if (len >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        sheet_xlsx_open(sh, data, len);
    else if (len >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        sheet_xls_open(sh, data, len);
    else
        csv_in_open(sh, data, len);
    return sh;
}

portal_sheet *sheet_svc_open(portal_req *r, const void *data, size_t len)
{
    return sheet_open_caps(r, data, len, &sheet_default_caps);
}

int sheet_svc_next(portal_sheet *sh, const char ***cells)
{
    if (cells)
        *cells = NULL;
    while (!sh->error) {
        buf_reset(&sh->text);
        sh->ncells = 0;
        int rc = sh->rd ? sh->rd->next(sh) : 0;
        if (rc < 0)
            return sheet_fail(sh, "文件内容损坏，无法读取。");
        if (rc == 0)
            return 0;
        while (sh->ncells > 0 && sh->text.data[sh->off[sh->ncells - 1]] == 0)
            sh->ncells--;                  /* trailing empty cells */
        if (sh->ncells == 0)
            continue;                      /* a row with nothing in it */
        if (++sh->rows > sh->caps.rows)
            return sheet_fail(sh, "文件超过 %ld 行，请分成几个文件上传。", sh->caps.rows);
        for (int i = 0; i < sh->ncells; i++)
            sh->cells[i] = sh->text.data + sh->off[i];
        sh->cells[sh->ncells] = NULL;
        if (cells)
            *cells = sh->cells;
        return sh->ncells;
    }
    return -1;
}

long sheet_svc_row(portal_sheet *sh) { return sh->row; }

const char *sheet_svc_error(portal_sheet *sh) { return sh->error; }

const char *sheet_svc_format(portal_sheet *sh) { return sh->rd ? sh->rd->format : ""; }
