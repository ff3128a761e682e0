/*
 * sheet_out.c - .xlsx exports (services xlsx_begin, xlsx_row, xlsx_end)
 * with libxlsxwriter in its constant-memory mode: each row goes to the
 * library's own temporary file (unlinked at once) as it is written, so a
 * million rows cost no more memory than ten.  The workbook itself can only
 * be written to a file: a private one (mkstemp, 0600) under tmp_dir, which
 * xlsx_end opens, unlinks and streams out through the response in pieces;
 * an export abandoned before xlsx_end is freed and removed when the
 * request's arena is reset.
 *
 * Text is always written as a text cell (worksheet_write_string): a value
 * such as "=HYPERLINK(...)" stays text and never becomes a formula.
 */
#include "host.h"
#include "files.h"
#include "sheet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define XLSX_CTYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define XLSX_LAST_ROW 1048575u   /* rows count from 0; row 0 is the header */
#define XLSX_MAX_TEXT 32767u     /* characters in a cell; bytes are a safe bound */

struct portal_xlsx {
    portal_req *r;
    lxw_workbook *wb;            /* freed by workbook_close (closed = 1) */
    lxw_worksheet *ws;
    lxw_format *money, *date;
    const struct portal_xlsx_col *cols;
    int ncols;
    const char *filename;
    char *path;                  /* the temporary file, until removed */
    lxw_row_t row;               /* the next row to write */
    int failed, closed;
};

static void xlsx_cleanup(void *arg)
{
    struct portal_xlsx *x = arg;
    if (x->wb && !x->closed)
        lxw_workbook_free(x->wb);
    if (x->path)
        unlink(x->path);
}

/* the bold header row, the column widths, the header frozen on screen */
static void header_row(struct portal_xlsx *x)
{
    lxw_format *head = workbook_add_format(x->wb);
    format_set_bold(head);
    format_set_bottom(head, LXW_BORDER_THIN);
    for (int i = 0; i < x->ncols; i++) {
        double w = x->cols[i].width > 0 ? x->cols[i].width : 12;
        worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL);
        worksheet_write_string(x->ws, 0, (lxw_col_t)i, x->cols[i].title, head);
    }
    worksheet_freeze_panes(x->ws, 1, 0);
    x->row = 1;
}

portal_xlsx *xlsx_svc_begin(portal_req *r, const char *filename, const char *sheet_title,
                            const struct portal_xlsx_col *cols)
{
    int n = 0;
    while (cols && cols[n].title)
        n++;
    if (n == 0 || n > 16384) {
        log_msg("PT1203", "xlsx export %s: %d columns", filename ? filename : "", n);
        return NULL;
    }
    struct portal_xlsx *x = arena_zalloc(r->a, sizeof *x);
    x->r = r;
    x->cols = cols;
    x->ncols = n;
    x->filename = arena_strdup(r->a, filename ? filename : "export.xlsx");
    const char *dir = sheet_tmp_dir();
    x->path = arena_sprintf(r->a, "%s/portal-xlsx-XXXXXX", dir);
    int fd = mkstemp(x->path);
    if (fd < 0) {
        log_msg("PT1204", "xlsx export: cannot create a temporary file under %s: %s", dir,
                strerror(errno));
        return NULL;
    }
    close(fd);
    arena_on_reset(r->a, xlsx_cleanup, x);
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = (char *)dir};
    x->wb = workbook_new_opt(x->path, &o);
    if (!x->wb) {
        log_msg("PT1205", "xlsx export: libxlsxwriter could not start a workbook");
        return NULL;
    }
    if (!sheet_title || workbook_validate_sheet_name(x->wb, sheet_title) != LXW_NO_ERROR)
        sheet_title = "Sheet1";
    x->ws = workbook_add_worksheet(x->wb, sheet_title);
    x->money = workbook_add_format(x->wb);
    format_set_num_format(x->money, "0.00");
    x->date = workbook_add_format(x->wb);
    format_set_num_format(x->date, "yyyy-mm-dd");
    if (!x->ws || !x->money || !x->date) {
        log_msg("PT1205", "xlsx export: libxlsxwriter could not start a workbook");
        return NULL;
    }
    header_row(x);
    return x;
}

static lxw_error write_text(struct portal_xlsx *x, lxw_col_t c, const char *v)
{
    if (strlen(v) > XLSX_MAX_TEXT)
        v = arena_strndup(x->r->a, v, utf8_truncate(v, XLSX_MAX_TEXT));
    return worksheet_write_string(x->ws, x->row, c, v, NULL);
}

/* one value by its column's type; what does not fit the type is text */
static lxw_error write_cell(struct portal_xlsx *x, lxw_col_t c, const char *v)
{
    char *end;
    int type = x->cols[c].type;
    if (type == PX_INT || type == PX_MONEY) {
        errno = 0;
        long long n = strtoll(v, &end, 10);
        if (!*end && errno == 0)
            return type == PX_INT ? worksheet_write_number(x->ws, x->row, c, (double)n, NULL)
                                  : worksheet_write_number(x->ws, x->row, c, (double)n / 100.0,
                                                           x->money);
    } else if (type == PX_DATE) {
        lxw_datetime dt = {0};
        int used = 0;
        if (sscanf(v, "%4d-%2d-%2d%n", &dt.year, &dt.month, &dt.day, &used) == 3 && used == 10 &&
            (v[10] == 0 || v[10] == ' ') && dt.month >= 1 && dt.month <= 12 && dt.day >= 1 &&
            dt.day <= 31 && dt.year >= 1900)
            return worksheet_write_datetime(x->ws, x->row, c, &dt, x->date);
    }
    return write_text(x, c, v);
}

int xlsx_svc_row(portal_xlsx *x, const char *const *cells)
{
    if (x->failed || x->closed)
        return -1;
    if (x->row > XLSX_LAST_ROW) {
        log_msg("PT1206", "xlsx export %s: more than %u rows", x->filename, XLSX_LAST_ROW);
        x->failed = 1;
        return -1;
    }
    for (int i = 0; i < x->ncols; i++) {
        const char *v = cells[i];
        if (!v || !*v)
            continue;
        lxw_error e = write_cell(x, (lxw_col_t)i, v);
        if (e != LXW_NO_ERROR) {
            log_msg("PT1207", "xlsx export %s: row %u: %s", x->filename, x->row, lxw_strerror(e));
            x->failed = 1;
            return -1;
        }
    }
    x->row++;
    return 0;
}

static int xlsx_fail(struct portal_xlsx *x)
{
    x->r->status = 500;
    render_error(x->r, 500, "导出失败，请稍后再试。");
    return 500;
}

int xlsx_svc_end(portal_xlsx *x)
{
    if (x->closed)
        return 500; /* ended twice: the first answer stands */
    if (x->failed)
        return xlsx_fail(x);
    lxw_error e = workbook_close(x->wb);
    x->closed = 1;
    if (e != LXW_NO_ERROR) {
        log_msg("PT1208", "xlsx export %s: the workbook could not be written: %s", x->filename,
                lxw_strerror(e));
        return xlsx_fail(x);
    }
    int fd = open(x->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    unlink(x->path);            /* gone from the folder; the bytes stay readable */
    x->path = NULL;
    if (fd < 0) {
        log_msg("PT1208", "xlsx export %s: cannot read the written workbook: %s", x->filename,
                strerror(errno));
        return xlsx_fail(x);
    }
    portal_req *r = x->r;
    r->ctype = XLSX_CTYPE;
    resp_header(r, "Content-Disposition", files_disposition(r, x->filename, "xlsx", 0));
    /* resp_write sends it in 16 KB pieces, after the request's writes (the
     * export's audit row) have committed */
    char *chunk = arena_alloc(r->a, 65536);
    ssize_t k;
    while ((k = read(fd, chunk, 65536)) != 0) {
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            log_msg("PT1208", "xlsx export %s: read failed: %s", x->filename, strerror(errno));
            break;
        }
        resp_write(r, chunk, (size_t)k);
    }
    close(fd);
    return k == 0 ? 200 : 500;
}
