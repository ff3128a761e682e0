/*
 * sheet_xlsx.c - reading the first sheet of an .xlsx: libzip opens the
 * upload in memory, expat reads its parts.  workbook.xml and its
 * relationships name the first sheet's part; styles.xml says which cell
 * styles are dates; sharedStrings.xml holds the texts; the sheet itself is
 * parsed one row at a time (expat suspends at each </row>), so its size
 * costs no memory.  Every inflated byte is counted against the cap: a zip
 * bomb stops at the cap, whatever its entries claim.  No DTD is accepted.
 */
#include "host.h"
#include "sheet.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK 65536

enum { F_NUMBER, F_DATE, F_DATETIME, F_TIME };       /* what a number format shows */
enum { C_NUM, C_SST, C_STR, C_BOOL, C_DATE };        /* a cell's t="" */

struct numfmt {
    unsigned id;
    unsigned char kind;
};

struct sstr {
    const char *s;
    size_t len;
};

struct xlsx_in {
    portal_sheet *sh;
    zip_t *z;
    zip_file_t *f;           /* the sheet's part, while it is read */
    XML_Parser p;
    size_t unzipped;         /* bytes inflated so far, every part */
    int date1904;
    char *rid, *sheet_part;  /* the first sheet's relationship and part */
    struct sstr *sst;        /* shared strings (texts in the arena) */
    size_t nsst, cap_sst;
    struct numfmt *fmt;      /* the workbook's own number formats */
    size_t nfmt, cap_fmt;
    unsigned char *xf;       /* F_* of each cell style (cellXfs) */
    size_t nxf, cap_xf;
    int in_cellxfs, in_si, in_is, in_rph, in_text;
    buf t;                   /* the text being read */
    int ctype, style, col, last_col;
    long rownum;
    int row_done, sheet_done;
};

static const char msg_corrupt[] = "Excel 工作簿（.xlsx）已损坏，无法读取。";

static const char *local(const char *name)
{
    const char *p = strrchr(name, '|');
    return p ? p + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* grow a malloc'd array to hold one more; 0 ok */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 256;
    void *p = realloc(*arr, nc * size);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

/* stop the parser on an error already recorded (or recorded here) */
static void abort_parse(struct xlsx_in *x, const char *msg)
{
    if (msg)
        sheet_fail(x->sh, "%s", msg);
    XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL text(void *ud, const XML_Char *s, int len)
{
    struct xlsx_in *x = ud;
    if (!x->in_text || x->in_rph)
        return;
    if (x->t.len + (size_t)len > x->sh->caps.cell_bytes) {
        sheet_fail(x->sh, "有单元格的内容超过 %zu 字节，无法读取。", x->sh->caps.cell_bytes);
        abort_parse(x, NULL);
        return;
    }
    buf_add(&x->t, s, (size_t)len);
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                               const XML_Char *pub, int has_internal)
{
    abort_parse(ud, msg_corrupt);
}

static XML_Parser new_parser(struct xlsx_in *x, XML_StartElementHandler start,
                             XML_EndElementHandler end)
{
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    if (!p)
        return NULL;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, no_doctype);
    return p;
}

static int bomb(portal_sheet *sh)
{
    return sheet_fail(sh, "文件解压后超过 %zu MB，已拒绝（可能是恶意构造的压缩文件）。",
                      sh->caps.unzipped >> 20);
}

/* the part called name, opened for reading; NULL when absent (an error
 * only when required) or too large for what is left of the cap */
static zip_file_t *part_open(struct xlsx_in *x, const char *name, int required)
{
    portal_sheet *sh = x->sh;
    zip_int64_t i = zip_name_locate(x->z, name, 0);
    if (i < 0) {
        if (required)
            sheet_fail(sh, "%s", msg_corrupt);
        return NULL;
    }
    zip_stat_t st;
    if (zip_stat_index(x->z, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > sh->caps.unzipped - x->unzipped) {
        bomb(sh);
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(x->z, (zip_uint64_t)i, 0);
    if (!f) {
        int ze = zip_error_code_zip(zip_get_error(x->z));
        sheet_fail(sh, "%s", ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD
                                 ? "工作簿设有密码，请取消密码后再上传。" : msg_corrupt);
    }
    return f;
}

/* the next piece of f through the parser */
static enum XML_Status feed(struct xlsx_in *x, zip_file_t *f)
{
    void *b = XML_GetBuffer(x->p, CHUNK);
    if (!b)
        return XML_STATUS_ERROR;
    zip_int64_t n = zip_fread(f, b, CHUNK);
    if (n < 0) {
        sheet_fail(x->sh, "%s", msg_corrupt);
        return XML_STATUS_ERROR;
    }
    x->unzipped += (size_t)n;
    if (x->unzipped > x->sh->caps.unzipped) {
        bomb(x->sh);
        return XML_STATUS_ERROR;
    }
    return XML_ParseBuffer(x->p, (int)n, n == 0);
}

/* a whole part through its handlers; 0, or -1 after sheet_fail */
static int part_parse(struct xlsx_in *x, const char *name, int required,
                      XML_StartElementHandler start, XML_EndElementHandler end)
{
    zip_file_t *f = part_open(x, name, required);
    if (!f)
        return x->sh->error ? -1 : 0;
    x->p = new_parser(x, start, end);
    int rc = x->p ? 0 : -1;
    XML_ParsingStatus ps = {XML_PARSING, 0};
    while (rc == 0 && ps.parsing != XML_FINISHED) {
        if (feed(x, f) != XML_STATUS_OK)
            rc = -1;
        XML_GetParsingStatus(x->p, &ps);
    }
    if (x->p)
        XML_ParserFree(x->p);
    x->p = NULL;
    zip_fclose(f);
    return rc == 0 ? 0 : sheet_fail(x->sh, "%s", msg_corrupt);
}

/* ---- workbook.xml and its relationships: the first sheet's part ---- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx_in *x = ud;
    const char *n = local(name), *v;
    if (strcmp(n, "workbookPr") == 0 && (v = attr(atts, "date1904")))
        x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
    else if (strcmp(n, "sheet") == 0 && !x->rid && (v = attr(atts, "id")))
        x->rid = arena_strdup(x->sh->a, v);
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx_in *x = ud;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (strcmp(local(name), "Relationship") != 0 || !x->rid || !id || !target ||
        strcmp(id, x->rid) != 0 || x->sheet_part)
        return;
    x->sheet_part = target[0] == '/' ? arena_strdup(x->sh->a, target + 1)
                                     : arena_sprintf(x->sh->a, "xl/%s", target);
}

/* ---- styles.xml: which cell styles show dates ---- */

/* what a format code shows: letters outside quotes, brackets and escapes */
static unsigned char code_kind(const char *code)
{
    int date = 0, time = 0, month = 0;
    for (const char *c = code; *c; c++) {
        if (*c == '"') {
            c = strchr(c + 1, '"');
            if (!c)
                break;
        } else if (*c == '[') {
            if (c[1] == 'h' || c[1] == 'H' || c[1] == 'm' || c[1] == 'M' || c[1] == 's' ||
                c[1] == 'S')
                time = 1;                    /* elapsed time: [h]:mm */
            c = strchr(c, ']');
            if (!c)
                break;
        } else if (*c == '\\' || *c == '_' || *c == '*') {
            if (!*++c)
                break;
        } else {
            char l = (char)(*c | 0x20);
            date |= l == 'y' || l == 'd';
            time |= l == 'h' || l == 's';
            month |= l == 'm';
        }
    }
    return date ? (time ? F_DATETIME : F_DATE) : time ? F_TIME : month ? F_DATE : F_NUMBER;
}

/* the built-in formats that show dates and times (with the Chinese ones) */
static unsigned char builtin_kind(unsigned id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
        id == 57 || id == 58)
        return F_DATE;
    if (id == 22)
        return F_DATETIME;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
        id == 56)
        return F_TIME;
    return F_NUMBER;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx_in *x = ud;
    const char *n = local(name), *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
    if (strcmp(n, "cellXfs") == 0) {
        x->in_cellxfs = 1;
    } else if (strcmp(n, "numFmt") == 0 && id && code && !x->in_cellxfs) {
        if (grow((void **)&x->fmt, &x->cap_fmt, x->nfmt, sizeof *x->fmt) != 0)
            return abort_parse(x, msg_corrupt);
        x->fmt[x->nfmt++] = (struct numfmt){(unsigned)strtoul(id, NULL, 10), code_kind(code)};
    } else if (strcmp(n, "xf") == 0 && x->in_cellxfs) {
        unsigned fid = id ? (unsigned)strtoul(id, NULL, 10) : 0;
        unsigned char kind = builtin_kind(fid);
        for (size_t i = 0; i < x->nfmt; i++)
            if (x->fmt[i].id == fid)
                kind = x->fmt[i].kind;
        if (grow((void **)&x->xf, &x->cap_xf, x->nxf, 1) != 0)
            return abort_parse(x, msg_corrupt);
        x->xf[x->nxf++] = kind;
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    struct xlsx_in *x = ud;
    if (strcmp(local(name), "cellXfs") == 0)
        x->in_cellxfs = 0;
}

/* ---- sharedStrings.xml: the texts (phonetic runs left out) ---- */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx_in *x = ud;
    const char *n = local(name);
    if (strcmp(n, "si") == 0) {
        x->in_si = 1;
        buf_reset(&x->t);
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph++;
    } else if (strcmp(n, "t") == 0 && x->in_si) {
        x->in_text = 1;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    struct xlsx_in *x = ud;
    const char *n = local(name);
    if (strcmp(n, "t") == 0) {
        x->in_text = 0;
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph--;
    } else if (strcmp(n, "si") == 0 && x->in_si) {
        x->in_si = 0;
        if (grow((void **)&x->sst, &x->cap_sst, x->nsst, sizeof *x->sst) != 0)
            return abort_parse(x, msg_corrupt);
        x->sst[x->nsst++] = (struct sstr){
            arena_strndup(x->sh->a, x->t.data ? x->t.data : "", x->t.len), x->t.len};
    }
}

/* ---- the sheet, one row at a time ---- */

/* "BC12" -> 54 (the column from 0); -1 when there are no letters */
static int ref_col(const char *ref)
{
    int col = 0, n = 0;
    for (; *ref >= 'A' && *ref <= 'Z' && n < 4; ref++, n++)
        col = col * 26 + (*ref - 'A' + 1);
    return n ? col - 1 : -1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx_in *x = ud;
    const char *n = local(name), *v;
    if (strcmp(n, "row") == 0) {
        v = attr(atts, "r");
        x->rownum = v ? atol(v) : x->rownum + 1;
        x->sh->row = x->rownum;
        x->last_col = -1;
    } else if (strcmp(n, "c") == 0) {
        v = attr(atts, "r");
        x->col = v ? ref_col(v) : x->last_col + 1;
        v = attr(atts, "t");
        x->ctype = !v ? C_NUM : strcmp(v, "s") == 0 ? C_SST : strcmp(v, "b") == 0 ? C_BOOL
                 : strcmp(v, "d") == 0 ? C_DATE : strcmp(v, "n") == 0 ? C_NUM : C_STR;
        v = attr(atts, "s");
        x->style = v ? atoi(v) : 0;
        buf_reset(&x->t);
    } else if (strcmp(n, "v") == 0) {
        buf_reset(&x->t);
        x->in_text = 1;
    } else if (strcmp(n, "is") == 0) {
        x->in_is = 1;
    } else if (strcmp(n, "t") == 0 && x->in_is) {
        x->in_text = 1;                       /* rich text runs add up */
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph++;
    }
}

/* a number cell as Excel shows it: a date when its style says so */
static const char *number_text(struct xlsx_in *x, const char *v, char out[32])
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end)
        return v;
    unsigned char kind = x->style >= 0 && (size_t)x->style < x->nxf ? x->xf[x->style] : F_NUMBER;
    if (kind != F_NUMBER && d >= 0 && d < 2958466) /* up to 9999-12-31 */
        sheet_serial_date(d, x->date1904, kind == F_DATETIME, kind == F_TIME, out);
    else
        sheet_number(d, out);
    return out;
}

static int cell_end(struct xlsx_in *x)
{
    const char *v = x->t.data ? x->t.data : "";
    size_t n = x->t.len;
    char num[32];
    if (x->col < 0)
        return sheet_fail(x->sh, "%s", msg_corrupt);
    x->last_col = x->col;
    if (n == 0)
        return 0;                              /* an empty (styled) cell */
    switch (x->ctype) {
    case C_SST: {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (*end || i >= x->nsst)
            return sheet_fail(x->sh, "%s", msg_corrupt);
        v = x->sst[i].s;
        n = x->sst[i].len;
        break;
    }
    case C_BOOL:
        v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
        n = strlen(v);
        break;
    case C_NUM:
        v = number_text(x, v, num);
        n = strlen(v);
        break;
    case C_DATE: /* ISO 8601: the date, and the time unless it is midnight */
        if (n >= 19 && v[10] == 'T' && strncmp(v + 11, "00:00:00", 8) != 0) {
            memcpy(num, v, 19);
            num[10] = ' ';
            v = num;
            n = 19;
        } else if (n > 10) {
            n = 10;
        }
        break;
    }
    return sheet_cell(x->sh, x->col, v, n);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    struct xlsx_in *x = ud;
    const char *n = local(name);
    if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
        x->in_text = 0;
    } else if (strcmp(n, "is") == 0) {
        x->in_is = 0;
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph--;
    } else if (strcmp(n, "c") == 0) {
        if (cell_end(x) != 0)
            abort_parse(x, NULL);
    } else if (strcmp(n, "row") == 0) {
        x->row_done = 1;
        XML_StopParser(x->p, XML_TRUE);      /* resumed by the next sheet_next */
    } else if (strcmp(n, "sheetData") == 0) {
        x->sheet_done = 1;                   /* what follows is not data */
        XML_StopParser(x->p, XML_FALSE);
    }
}

static int xlsx_next(portal_sheet *sh)
{
    struct xlsx_in *x = sh->impl;
    x->row_done = 0;
    while (!x->row_done) {
        XML_ParsingStatus ps;
        XML_GetParsingStatus(x->p, &ps);
        if (x->sheet_done || ps.parsing == XML_FINISHED)
            return 0;
        enum XML_Status st = ps.parsing == XML_SUSPENDED ? XML_ResumeParser(x->p) : feed(x, x->f);
        if (st == XML_STATUS_ERROR && !x->sheet_done)
            return sheet_fail(sh, "%s", msg_corrupt);
    }
    return 1;
}

static void xlsx_done(portal_sheet *sh)
{
    struct xlsx_in *x = sh->impl;
    if (x->p)
        XML_ParserFree(x->p);
    if (x->f)
        zip_fclose(x->f);
    if (x->z)
        zip_discard(x->z);
    free(x->sst);
    free(x->fmt);
    free(x->xf);
    buf_free(&x->t);
}

const struct sheet_reader sheet_xlsx_reader = {"xlsx", xlsx_next, xlsx_done};

int sheet_xlsx_open(portal_sheet *sh, const void *data, size_t len)
{
    struct xlsx_in *x = arena_zalloc(sh->a, sizeof *x);
    x->sh = sh;
    buf_init(&x->t);
    sh->rd = &sheet_xlsx_reader;
    sh->impl = x;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (src && !(x->z = zip_open_from_source(src, ZIP_RDONLY, &ze)))
        zip_source_free(src);
    zip_error_fini(&ze);
    if (!x->z)
        return sheet_fail(sh, "%s", msg_corrupt);
    if (zip_name_locate(x->z, "xl/workbook.xml", 0) < 0)
        return sheet_fail(sh, "该压缩文件不是 Excel 工作簿（.xlsx），无法读取。");
    if (part_parse(x, "xl/workbook.xml", 1, wb_start, NULL) != 0 ||
        part_parse(x, "xl/_rels/workbook.xml.rels", 0, rels_start, NULL) != 0 ||
        part_parse(x, "xl/styles.xml", 0, styles_start, styles_end) != 0 ||
        part_parse(x, "xl/sharedStrings.xml", 0, sst_start, sst_end) != 0)
        return -1;
    x->in_text = x->in_rph = 0;
    x->f = part_open(x, x->sheet_part ? x->sheet_part : "xl/worksheets/sheet1.xml", 1);
    if (!x->f)
        return -1;
    x->p = new_parser(x, sheet_start, sheet_end);
    return x->p ? 0 : sheet_fail(sh, "%s", msg_corrupt);
}
