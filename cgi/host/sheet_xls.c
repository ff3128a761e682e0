/*
 * sheet_xls.c - reading the first sheet of an .xls (Excel 97-2003, an OLE2
 * compound file) with libfreexl.
 *
 * FreeXL 1.0.6 reads out of bounds on some damaged files (found by mutating
 * a good one under AddressSanitizer: an over-read inside its string
 * conversion), so it never runs in the worker: a child process opens the
 * file and sends the non-empty cells up a pipe, one row at a time (it blocks
 * while the worker has not read them: flat memory), and the worker checks
 * every cap itself.  A child that crashes, loops (20 s of CPU) or says
 * something malformed is a damaged file to the user.  FreeXL reads only
 * from a path: the upload goes to a private temporary file (0600 under
 * tmp_dir), removed once the child is done with it.
 *
 * The pipe:  'R' u32 row (from 1), then 'C' u16 col u32 len + bytes per
 * cell, then 'N' (end of row) ... 'E' (end of sheet), or 'X' u32 len + a
 * Chinese message.  FreeXL gives texts in UTF-8 and dates as YYYY-MM-DD.
 */
#include "host.h"
#include "sheet.h"

#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define XLS_MAX_CELLS 4000000ull /* FreeXL keeps every cell of the sheet: 16 bytes each */
#define XLS_CPU_SECONDS 20

struct xls_in {
    pid_t pid;               /* the child, until reaped */
    FILE *in;                /* its pipe */
    char *path;              /* the temporary file, until removed */
    char *cell;              /* one cell's bytes, at most caps.cell_bytes */
};

static const char msg_corrupt[] = "Excel 97-2003 工作簿（.xls）已损坏或已加密，无法读取。";

/* ---- the child: FreeXL, nothing else ---- */

static void put_msg(FILE *w, const char *msg)
{
    uint32_t n = (uint32_t)strlen(msg);
    fputc('X', w);
    fwrite(&n, sizeof n, 1, w);
    fwrite(msg, 1, n, w);
}

/* one cell as text ("" when empty) */
static const char *cell_text(const FreeXL_CellValue *v, char num[32])
{
    switch (v->type) {
    case FREEXL_CELL_INT:
        snprintf(num, 32, "%d", v->value.int_value);
        return num;
    case FREEXL_CELL_DOUBLE:
        sheet_number(v->value.double_value, num);
        return num;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        return v->value.text_value ? v->value.text_value : "";
    }
    return "";
}

/* every non-empty cell (BIFF8 has at most 256 columns): the worker checks the caps */
static int put_rows(FILE *w, const void *h, unsigned rows, unsigned short cols)
{
    for (uint32_t r = 0; r < rows; r++) {
        int started = 0;
        for (uint16_t c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            char num[32];
            if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
                return -1;
            const char *t = cell_text(&v, num);
            uint32_t n = (uint32_t)strlen(t), rownum = r + 1;
            if (!n)
                continue;
            if (!started++) {
                fputc('R', w);
                fwrite(&rownum, sizeof rownum, 1, w);
            }
            fputc('C', w);
            fwrite(&c, sizeof c, 1, w);
            fwrite(&n, sizeof n, 1, w);
            fwrite(t, 1, n, w);
        }
        if (started)
            fputc('N', w);
    }
    fputc('E', w);
    return 0;
}

static void xls_child(const char *path, int fd)
{
    const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);             /* not the worker's crash report */
    struct rlimit cpu = {XLS_CPU_SECONDS, XLS_CPU_SECONDS}, core = {0, 0};
    setrlimit(RLIMIT_CPU, &cpu);
    setrlimit(RLIMIT_CORE, &core);
    FILE *w = fdopen(fd, "wb");
    const void *h = NULL;
    unsigned rows = 0, info = 0;
    unsigned short cols = 0;
    /* FreeXL sizes its cell table from the sheet's own DIMENSION record: a
     * small crafted file could claim 65536 x 256 cells.  Look first. */
    int rc = freexl_open_info(path, &h);
    if (rc == FREEXL_OK && freexl_select_active_worksheet(h, 0) == FREEXL_OK &&
        freexl_worksheet_dimensions(h, &rows, &cols) == FREEXL_OK &&
        (unsigned long long)rows * cols > XLS_MAX_CELLS) {
        char m[160];
        snprintf(m, sizeof m, "工作表过大（%u 行 × %u 列），请分成几个文件上传。", rows,
                 (unsigned)cols);
        put_msg(w, m);
    } else {
        if (h)
            freexl_close(h);
        h = NULL;
        if (rc == FREEXL_OK)
            rc = freexl_open(path, &h);
        if (rc == FREEXL_OK && freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
            info == FREEXL_BIFF_OBFUSCATED)
            put_msg(w, "工作簿设有密码，请取消密码后再上传。");
        else if (rc != FREEXL_OK || freexl_select_active_worksheet(h, 0) != FREEXL_OK ||
                 freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK ||
                 put_rows(w, h, rows, cols) != 0)
            put_msg(w, msg_corrupt);
    }
    fflush(w);
    _exit(0);
}

/* ---- the worker: the child's rows, checked ---- */

/* the child is done, or must be (kill_it): reap it, close its pipe, remove
 * the file; a child that died by itself is logged */
static void finish(struct xls_in *x, int kill_it)
{
    if (x->in)
        fclose(x->in);
    x->in = NULL;
    if (x->pid > 0) {
        if (kill_it)
            kill(x->pid, SIGKILL);
        int st = 0;
        pid_t p;
        while ((p = waitpid(x->pid, &st, 0)) < 0 && errno == EINTR)
            ;
        if (p == x->pid && !kill_it && !(WIFEXITED(st) && WEXITSTATUS(st) == 0))
            log_msg("PT1209", "the .xls reader (FreeXL) died: %s %d",
                    WIFSIGNALED(st) ? "signal" : "status",
                    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
        x->pid = 0;
    }
    if (x->path)
        unlink(x->path);
    x->path = NULL;
}

static int get(struct xls_in *x, void *p, size_t n)
{
    return fread(p, 1, n, x->in) == n ? 0 : -1;
}

/* the pipe ended or said something malformed: the child crashed or looped */
static int broken(portal_sheet *sh, struct xls_in *x)
{
    finish(x, 0);
    return sheet_fail(sh, "%s", msg_corrupt);
}

/* the child's own message (Chinese, at most 512 bytes) */
static int child_msg(portal_sheet *sh, struct xls_in *x)
{
    uint32_t n;
    char m[513];
    if (get(x, &n, sizeof n) != 0 || n > 512 || get(x, m, n) != 0)
        return broken(sh, x);
    m[n] = 0;
    finish(x, 0);
    sh->row = 0;
    return sheet_fail(sh, "%s", utf8_valid(m, n) ? m : msg_corrupt);
}

static int xls_next(portal_sheet *sh)
{
    struct xls_in *x = sh->impl;
    if (!x->in)
        return 0;
    int t = fgetc(x->in);
    uint32_t row, n;
    if (t == 'E') {
        finish(x, 0);
        return 0;
    }
    if (t == 'X')
        return child_msg(sh, x);
    if (t != 'R' || get(x, &row, sizeof row) != 0)
        return broken(sh, x);
    sh->row = row;
    while ((t = fgetc(x->in)) == 'C') {
        uint16_t col;
        if (get(x, &col, sizeof col) != 0 || get(x, &n, sizeof n) != 0)
            return broken(sh, x);
        /* a cell over the cap is refused by sheet_cell before its bytes are read */
        if ((n <= sh->caps.cell_bytes && get(x, x->cell, n) != 0))
            return broken(sh, x);
        if (sheet_cell(sh, col, x->cell, n) != 0) {
            finish(x, 1);
            return -1;
        }
    }
    if (t == 'X')
        return child_msg(sh, x);
    return t == 'N' ? 1 : broken(sh, x);
}

static void xls_done(portal_sheet *sh)
{
    finish(sh->impl, 1);
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
    x->cell = arena_alloc(sh->a, sh->caps.cell_bytes + 1);
    x->path = spill(sh, data, len);
    int p[2];
    if (!x->path || pipe2(p, O_CLOEXEC) != 0)
        return sheet_fail(sh, "系统暂时无法读取上传的文件，请稍后再试。");
    x->pid = fork();
    if (x->pid == 0) {
        /* nothing of the worker's: not its database, not its client */
        int fd = fcntl(p[1], F_DUPFD, 3);
        close_range(0, 1, 0);
        if (fd > 3)
            close_range(3, (unsigned)fd - 1, 0);
        close_range((unsigned)fd + 1, ~0u, 0);
        xls_child(x->path, fd);
    }
    close(p[1]);
    if (x->pid < 0) {
        log_msg("PT1210", "xls upload: fork failed: %s", strerror(errno));
        close(p[0]);
        return sheet_fail(sh, "系统暂时无法读取上传的文件，请稍后再试。");
    }
    x->in = fdopen(p[0], "rb");
    return x->in ? 0 : sheet_fail(sh, "系统暂时无法读取上传的文件，请稍后再试。");
}
