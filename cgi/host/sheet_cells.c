/*
 * sheet_cells.c - the parts every spreadsheet reader builds its rows with
 * (sheet.h, "the readers' shared parts"): a cell within the caps, a failure
 * with its row, numbers and dates as Excel shows them, the folder for
 * temporary files.  sheet_in.c picks a reader; sheet_xlsx.c and sheet_xls.c
 * read; all of them stand on this file, which calls none of them.
 */
#include "host.h"
#include "sheet.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *sheet_tmp_dir(void)
{
    const char *d = config_get("tmp_dir", NULL);
    if (!d || !*d)
        d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

/* "A", "B", ... "Z", "AA": the column's letters as Excel shows them */
static const char *col_name(char out[8], int col)
{
    char t[8];
    int n = 0;
    for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
        t[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = t[n - 1 - i];
    out[n] = 0;
    return out;
}

int sheet_fail(portal_sheet *sh, const char *fmt, ...)
{
    if (sh->error)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    const char *m = arena_vsprintf(sh->a, fmt, ap);
    va_end(ap);
    sh->error = sh->row > 0 ? arena_sprintf(sh->a, "第 %ld 行：%s", sh->row, m) : m;
    return -1;
}

int sheet_cell(portal_sheet *sh, int col, const char *text, size_t len)
{
    char cn[8];
    if (col < sh->ncells)
        return sheet_fail(sh, "单元格的顺序不正确，文件可能已损坏。");
    if (col >= sh->caps.cells)
        return sheet_fail(sh, "超过 %d 列，无法读取。", sh->caps.cells);
    if (len > sh->caps.cell_bytes)
        return sheet_fail(sh, "%s 列的内容超过 %zu 字节，无法读取。", col_name(cn, col),
                          sh->caps.cell_bytes);
    while (sh->ncells < col) {             /* empty cells in between */
        sh->off[sh->ncells++] = sh->text.len;
        buf_addc(&sh->text, 0);
    }
    sh->off[sh->ncells++] = sh->text.len;
    buf_add(&sh->text, text, len);
    buf_addc(&sh->text, 0);
    return 0;
}

void sheet_number(double v, char out[32])
{
    /* Excel keeps 15 significant digits; whole numbers print without ".0" */
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(out, 32, "%.0f", v);
    else
        snprintf(out, 32, "%.15G", v);
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

void sheet_serial_date(double serial, int date1904, int with_time, int time_only, char out[32])
{
    double whole = floor(serial);
    long secs = lround((serial - whole) * 86400.0);
    long day = (long)whole;
    if (secs >= 86400) {
        secs -= 86400;
        day++;
    }
    /* day 0 of the 1900 system is 1899-12-31 and Excel counts a 1900-02-29
     * that never was (serial 60): from serial 61 on, day 0 is 1899-12-30 */
    long epoch = date1904 ? -24107 : day >= 61 ? -25569 : -25568;
    time_t t = (time_t)(day + epoch) * 86400 + secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, time_only ? "%H:%M:%S" : with_time ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d",
             &tm);
}
