/*
 * csv.h - the one CSV reader (the services csv_open, csv_next, csv_error):
 * UTF-8 with or without a BOM, RFC 4180 quoting ("" inside quotes), CRLF or
 * LF line ends, line breaks inside quoted cells.  Lines that are entirely
 * empty are skipped.  A record with more than CSV_MAX_CELLS cells, a cell
 * longer than CSV_MAX_CELL bytes, invalid UTF-8 (or a NUL byte), a quote
 * left open or text after a closing quote make csv_next return -1, and
 * csv_error says what and on which line, in Chinese.  (The CSV writer is
 * esc_csv in util.h.)
 */
#ifndef PORTAL_CSV_H
#define PORTAL_CSV_H

#include <stddef.h>
#include "portal_module.h"
#include "util.h"

#define CSV_MAX_CELLS 256
#define CSV_MAX_CELL 65536

/* the reader lives in a's memory and its buffers are freed when a is reset;
 * data must stay until then */
portal_csv *csv_open(arena *a, const void *data, size_t len);
/* the number of cells of the next record (cells valid until the next
 * call), 0 at the end, -1 on an error (and on every call after it) */
int csv_next(portal_csv *c, const char ***cells);
const char *csv_error(portal_csv *c);  /* "" when none */
long csv_line(portal_csv *c);          /* the line the last record started on */

#endif
