/*
 * xlsx_export - how fast the .xlsx services go and how much memory they
 * take: ROWS rows (1,000,000 by default) of six typed columns written with
 * xlsx_begin/xlsx_row/xlsx_end on a request of its own whose response goes
 * to a file, then read back with sheet_open/sheet_next.  Prints
 *   xlsx-export rows=... seconds=... rows_per_s=... peak_rss_mb=... bytes=...
 *   xlsx-read rows=... seconds=... rows_per_s=... peak_rss_mb=...
 * (peak RSS of the whole process so far: the read line includes the file
 * held in memory, as an upload is; the read lifts the row and unzipped caps,
 * which refuse an upload this large).  No database: the query side of an
 * export is measured by make bench.  make bench builds and runs it
 * (`make build/xlsx_export && build/xlsx_export [ROWS]`) and prints its lines
 * as "bench export-1m ..." and "bench import-1m ...".
 */
#include "host.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static FILE *out;

static int to_file(void *ctx, const char *src, size_t n)
{
    (void)ctx;
    return fwrite(src, 1, n, out) == n ? 0 : -1;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

static void new_request(portal_req *r, arena *a, const struct req_io *io)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    r->io = io;
    r->method = "GET";
    r->path = "/bench.xlsx";
    buf_init(&r->body);
    buf_init(&r->headers);
}

static const struct portal_xlsx_col cols[] = {
    {"姓名", 10, PX_TEXT},     {"身份证号（脱敏）", 22, PX_TEXT}, {"出生日期", 12, PX_DATE},
    {"月发放金额", 12, PX_MONEY}, {"人数", 6, PX_INT},        {"乡镇（街道）", 14, PX_TEXT},
    {NULL, 0, 0}};

static long export(portal_req *r, long rows)
{
    portal_xlsx *x = xlsx_svc_begin(r, "bench.xlsx", "名单", cols);
    if (!x)
        return -1;
    char name[32], date[16], fen[24], n[8];
    const char *cells[] = {name, "**************1234", date, fen, n, "龙潭镇"};
    for (long i = 0; i < rows; i++) {
        snprintf(name, sizeof name, "儿童%ld", i);
        snprintf(date, sizeof date, "20%02ld-%02ld-%02ld", 5 + i % 15, 1 + i % 12, 1 + i % 28);
        snprintf(fen, sizeof fen, "%ld", 100000 + i % 90000);
        snprintf(n, sizeof n, "%ld", 1 + i % 5);
        if (xlsx_svc_row(x, cells) != 0)
            return -1;
    }
    return xlsx_svc_end(x) == 200 ? rows : -1;
}

int main(int argc, char **argv)
{
    long rows = argc > 1 ? atol(argv[1]) : 1000000;
    char path[] = "/tmp/xlsx-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || render_init("templates") != 0)
        return 1;
    out = fdopen(fd, "w+");
    static const struct req_io io = {NULL, NULL, NULL, to_file};
    arena *a = arena_new(65536);
    portal_req r;
    new_request(&r, a, &io);

    double t0 = now_mono();
    if (export(&r, rows) != rows)
        return 1;
    fwrite(r.body.data, 1, r.body.len, out); /* what the host's finish() would send */
    fflush(out);
    double t1 = now_mono();
    long size = ftell(out);
    printf("xlsx-export rows=%ld seconds=%.2f rows_per_s=%.0f peak_rss_mb=%.1f bytes=%ld\n",
           rows, t1 - t0, rows / (t1 - t0), peak_rss_mb(), size);

    /* the bytes after the CGI headers are the workbook */
    char *all = malloc((size_t)size);
    rewind(out);
    if (!all || fread(all, 1, (size_t)size, out) != (size_t)size)
        return 1;
    char *body = memmem(all, (size_t)size, "\r\n\r\n", 4);
    if (!body)
        return 1;
    body += 4;
    arena_reset(a);
    buf_free(&r.body);
    buf_free(&r.headers);
    new_request(&r, a, &io);
    t0 = now_mono();
    struct sheet_caps caps = sheet_default_caps; /* an upload this large is refused */
    caps.rows = rows + 1;
    caps.unzipped = (size_t)1 << 32;
    portal_sheet *sh = sheet_open_caps(&r, body, (size_t)(all + size - body), &caps);
    const char **cells;
    long got = 0;
    int n;
    while ((n = sheet_svc_next(sh, &cells)) > 0)
        got++;
    t1 = now_mono();
    if (n < 0)
        fprintf(stderr, "read: %s\n", sheet_svc_error(sh));
    printf("xlsx-read rows=%ld seconds=%.2f rows_per_s=%.0f peak_rss_mb=%.1f\n", got, t1 - t0,
           got / (t1 - t0), peak_rss_mb());
    unlink(path);
    return n < 0;
}
