/*
 * csv.c - reading CSV (csv.h).  One record at a time: the cells' bytes go
 * into one reused buffer (NUL after each cell), then the pointers are set.
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct portal_csv {
    const char *p, *end;
    long line;           /* the line p is on, from 1 */
    long rec_line;       /* the line the current record started on */
    int failed;
    char err[256];
    buf bytes;           /* the record's cells, each ended by NUL */
    size_t offs[CSV_MAX_CELLS];
    const char *cells[CSV_MAX_CELLS + 1];
};

static void csv_free(void *p)
{
    struct portal_csv *c = p;
    buf_free(&c->bytes);
}

portal_csv *csv_open(arena *a, const void *data, size_t len)
{
    struct portal_csv *c = arena_zalloc(a, sizeof *c);
    c->p = data ? data : "";
    c->end = c->p + (data ? len : 0);
    if (c->end - c->p >= 3 && memcmp(c->p, "\xEF\xBB\xBF", 3) == 0)
        c->p += 3;
    c->line = 1;
    buf_init(&c->bytes);
    arena_on_reset(a, csv_free, c);
    return c;
}

static int fail(struct portal_csv *c, const char *what)
{
    snprintf(c->err, sizeof c->err, "第 %ld 行：%s", c->rec_line, what);
    c->failed = 1;
    return -1;
}

/* at a line end (LF or CRLF): step over it */
static int line_end(struct portal_csv *c)
{
    if (*c->p == '\n' || (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')) {
        c->p += *c->p == '\r' ? 2 : 1;
        c->line++;
        return 1;
    }
    return 0;
}

/* a quoted cell's bytes, c->p just after the opening quote; 0 ok */
static int quoted(struct portal_csv *c)
{
    for (;;) {
        if (c->p >= c->end)
            return fail(c, "引号没有成对（缺少结束的引号）。");
        if (*c->p == '"') {
            if (c->p + 1 < c->end && c->p[1] == '"') {
                buf_addc(&c->bytes, '"');
                c->p += 2;
                continue;
            }
            c->p++;
            break;
        }
        if (*c->p == '\n')
            c->line++;
        buf_addc(&c->bytes, *c->p++);
    }
    if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
        !(*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n'))
        return fail(c, "结束引号后还有多余的字符。");
    return 0;
}

/* one cell into c->bytes; 0 ok, -1 failed */
static int cell(struct portal_csv *c, int n)
{
    size_t start = c->bytes.len;
    if (c->p < c->end && *c->p == '"') {
        c->p++;
        if (quoted(c) != 0)
            return -1;
    } else {
        const char *s = c->p;
        while (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
               !(*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n'))
            c->p++;
        buf_add(&c->bytes, s, (size_t)(c->p - s));
    }
    size_t len = c->bytes.len - start;
    char what[128];
    if (len > CSV_MAX_CELL) {
        snprintf(what, sizeof what, "第 %d 列超过 %d 字节。", n + 1, CSV_MAX_CELL);
        return fail(c, what);
    }
    if (!utf8_valid(c->bytes.data + start, len)) {
        snprintf(what, sizeof what, "第 %d 列不是有效的 UTF-8 文本（请以 UTF-8 编码保存）。", n + 1);
        return fail(c, what);
    }
    buf_addc(&c->bytes, 0);
    return 0;
}

int csv_next(portal_csv *c, const char ***cells)
{
    if (c->failed)
        return -1;
    while (c->p < c->end && line_end(c))
        ; /* empty lines */
    c->cells[0] = NULL;
    *cells = c->cells;
    if (c->p >= c->end)
        return 0;
    c->rec_line = c->line;
    buf_reset(&c->bytes);
    int n = 0;
    for (;;) {
        if (n == CSV_MAX_CELLS) {
            char what[64];
            snprintf(what, sizeof what, "超过 %d 列。", CSV_MAX_CELLS);
            return fail(c, what);
        }
        c->offs[n] = c->bytes.len;
        if (cell(c, n) != 0)
            return -1;
        n++;
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        if (c->p < c->end)
            line_end(c);
        break;
    }
    for (int i = 0; i < n; i++)
        c->cells[i] = c->bytes.data + c->offs[i];
    c->cells[n] = NULL;
    return n;
}

const char *csv_error(portal_csv *c) { return c->failed ? c->err : ""; }

long csv_line(portal_csv *c) { return c->rec_line; }
