/*
 * sheet.h - spreadsheets in and out: the services sheet_* (an uploaded .xlsx,
 * .xls or CSV read row by row) and xlsx_* (an export written with
 * libxlsxwriter in constant-memory mode).  portal_module.h documents what
 * modules see; this header is the host's side and the readers' shared parts.
 *
 *   sheet_in.c    the reader interface: detection, caps, rows, CSV (UTF-8 or
 *                 GB18030 converted with iconv, then the one CSV parser)
 *   sheet_cells.c the readers' shared parts (cells, failures, numbers, dates)
 *   sheet_xlsx.c  .xlsx: libzip + expat, pulled one row at a time
 *   sheet_xls.c   .xls: libfreexl
 *   sheet_out.c   .xlsx exports
 */
#ifndef PORTAL_SHEET_H
#define PORTAL_SHEET_H

#include "portal_module.h"
#include "util.h"

/* What one upload may hold; past a cap, reading stops with a Chinese message. */
struct sheet_caps {
    long rows;          /* rows with a non-empty cell */
    int cells;          /* cells a row (the column of the last non-empty one) */
    size_t cell_bytes;  /* bytes of one cell's text */
    size_t unzipped;    /* bytes an .xlsx inflates to, all parts read together */
};
extern const struct sheet_caps sheet_default_caps;

/* sheet_open with other caps (the unit tests); the service uses the defaults */
portal_sheet *sheet_open_caps(portal_req *r, const void *data, size_t len,
                              const struct sheet_caps *caps);

/* the services (struct portal_services) */
portal_sheet *sheet_svc_open(portal_req *r, const void *data, size_t len);
int sheet_svc_next(portal_sheet *sh, const char ***cells);
long sheet_svc_row(portal_sheet *sh);
const char *sheet_svc_error(portal_sheet *sh);
const char *sheet_svc_format(portal_sheet *sh);
portal_xlsx *xlsx_svc_begin(portal_req *r, const char *filename, const char *sheet_title,
                            const struct portal_xlsx_col *cols);
int xlsx_svc_row(portal_xlsx *x, const char *const *cells);
int xlsx_svc_end(portal_xlsx *x);

/* The bytes of a CSV upload as UTF-8 without a BOM: the same bytes when
 * they are valid UTF-8, else converted from GB18030 (a superset of GBK and
 * GB2312) into the arena.  NULL when they are neither (or hold a NUL).
 * *enc names what was found ("utf-8" or "gb18030"). */
const char *sheet_csv_utf8(arena *a, const char *data, size_t len, size_t *outlen,
                     const char **enc);

/* the folder for temporary files: config tmp_dir, else $TMPDIR, else /tmp */
const char *sheet_tmp_dir(void);

/* ---- the readers' shared parts ---- */

/* One reader: next() builds the next row with sheet_cell (sh->row set to
 * its row number) and returns 1, or 0 at the end, or -1 with sheet_fail;
 * done() releases what the reader holds (called once, at the request's end). */
struct sheet_reader {
    const char *format;
    int (*next)(portal_sheet *sh);
    void (*done)(portal_sheet *sh);
};

struct portal_sheet {
    portal_req *r;
    arena *a;
    struct sheet_caps caps;
    const struct sheet_reader *rd;
    void *impl;             /* the reader's own state */
    const char *error;      /* Chinese; once set, every sheet_next returns -1 */
    long row;               /* the row number of the row being built or returned */
    long rows;              /* rows returned so far */
    /* the row being built: texts one after another in text, cell i at
     * off[i]; cells[] points into text once the row is complete */
    buf text;
    size_t *off;
    const char **cells;
    int ncells;
};

/* cell `col` (from 0) of the current row; cells skipped before it are "".
 * 0, or -1 after sheet_fail (too many cells, too long, out of order). */
int sheet_cell(portal_sheet *sh, int col, const char *text, size_t len);
/* records the first error (Chinese; "第 N 行：" is added when row > 0); -1 */
int sheet_fail(portal_sheet *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* a number as Excel shows it in a General cell: "42", "1651.5", "1E+20" */
void sheet_number(double v, char out[32]);
/* an Excel serial day (1900 system unless date1904) as YYYY-MM-DD, with
 * " HH:MM:SS" when with_time; only the time when time_only */
void sheet_serial_date(double serial, int date1904, int with_time, int time_only,
                       char out[32]);

extern const struct sheet_reader sheet_xlsx_reader, sheet_xls_reader;
/* open the reader's state (sh->impl); 0, or -1 after sheet_fail */
int sheet_xlsx_open(portal_sheet *sh, const void *data, size_t len);
int sheet_xls_open(portal_sheet *sh, const void *data, size_t len);

#endif
