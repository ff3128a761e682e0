/*
 * sheet_xls.c - reading the first sheet of an .xls (Excel 97-2003, an OLE2
 * compound file) with libfreexl.  FreeXL reads only from a path: the upload
 * goes to a private temporary file (mode 0600 under tmp_dir) that is removed
 * as soon as FreeXL has read it.  FreeXL gives texts in UTF-8 and dates
 * already as YYYY-MM-DD; numbers are formatted as for .xlsx.
 */
#include "host.h"
#include "sheet.h"

#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XLS_MAX_CELLS 4000000ull /* FreeXL keeps every cell of the sheet: 16 bytes each */

struct xls_in {
    const void *h;
    unsigned rows, row;
    unsigned short cols;
};

static const char msg_corrupt[] = "Excel 97-2003 工作簿（.xls）已损坏或已加密，无法读取。";

static int xls_next(portal_sheet *sh)
{
    struct xls_in *x = sh->impl;
    if (x->row >= x->rows)
        return 0;
    sh->row = (long)x->row + 1;
    unsigned short cols = x->cols;
    if (cols > sh->caps.cells)
        cols = (unsigned short)(sh->caps.cells + 1); /* one past: sheet_cell says too many */
    for (unsigned short c = 0; c < cols; c++) {
        FreeXL_CellValue v;
        char num[32];
        const char *t = NULL;
        if (freexl_get_cell_value(x->h, x->row, c, &v) != FREEXL_OK)
            return sheet_fail(sh, "%s", msg_corrupt);
        switch (v.type) {
        case FREEXL_CELL_INT:
            snprintf(num, sizeof num, "%d", v.value.int_value);
            t = num;
            break;
        case FREEXL_CELL_DOUBLE:
            sheet_number(v.value.double_value, num);
            t = num;
            break;
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_DATETIME:
        case FREEXL_CELL_TIME:
            t = v.value.text_value;
            break;
        }
        if (t && *t && sheet_cell(sh, c, t, strlen(t)) != 0)
            return -1;
    }
    x->row++;
    return 1;
}

static void xls_done(portal_sheet *sh)
{
    struct xls_in *x = sh->impl;
    if (x->h)
        freexl_close(x->h);
}

const struct sheet_reader sheet_xls_reader = {"xls", xls_next, xls_done};

/* the upload in a private temporary file; its path, or NULL (logged) */
static char *spill(portal_sheet *sh, const void *data, size_t len)
{
    char *path = arena_sprintf(sh->a, "%s/portal-xls-XXXXXX", sheet_tmp_dir());
    int fd = mkstemp(path);
    if (fd < 0) {
        log_msg("PT1201", "xls upload: cannot create a temporary file under %s: %s",
                sheet_tmp_dir(), strerror(errno));
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f ? fclose(f) != 0 : close(fd) != 0)
        ok = 0;
    if (ok)
        return path;
    log_msg("PT1202", "xls upload: cannot write a temporary file: %s", strerror(errno));
    unlink(path);
    return NULL;
}

int sheet_xls_open(portal_sheet *sh, const void *data, size_t len)
{
    struct xls_in *x = arena_zalloc(sh->a, sizeof *x);
    sh->rd = &sheet_xls_reader;
    sh->impl = x;
    char *path = spill(sh, data, len);
    if (!path)
        return sheet_fail(sh, "系统暂时无法读取上传的文件，请稍后再试。");
    /* FreeXL sizes its cell table from the sheet's own DIMENSION record: a
     * small crafted file could claim 65536 x 256 cells.  Look first. */
    unsigned rows = 0;
    unsigned short cols = 0;
    int rc = freexl_open_info(path, &x->h);
    if (rc == FREEXL_OK && freexl_select_active_worksheet(x->h, 0) == FREEXL_OK &&
        freexl_worksheet_dimensions(x->h, &rows, &cols) == FREEXL_OK &&
        (unsigned long long)rows * cols > XLS_MAX_CELLS) {
        unlink(path);
        return sheet_fail(sh, "工作表过大（%u 行 × %u 列），请分成几个文件上传。", rows,
                          (unsigned)cols);
    }
    if (x->h)
        freexl_close(x->h);
    x->h = NULL;
    if (rc == FREEXL_OK)
        rc = freexl_open(path, &x->h);
    unlink(path);
    unsigned info = 0;
    if (rc == FREEXL_OK && freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
        info == FREEXL_BIFF_OBFUSCATED)
        return sheet_fail(sh, "工作簿设有密码，请取消密码后再上传。");
    if (rc != FREEXL_OK || freexl_select_active_worksheet(x->h, 0) != FREEXL_OK ||
        freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK)
        return sheet_fail(sh, "%s", msg_corrupt);
    return 0;
}
