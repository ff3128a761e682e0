/*
 * import.c - the screening import: one spreadsheet of a round's results
 * (ID number, name, sex, birth date, village code, six domains), all or
 * nothing.  Every row is read and checked before the first is written; a
 * child with an ID number on the registry is matched by its HMAC and saved
 * as the registry's child (it must live in the round's township), any other
 * as a minimal record (its ID number encrypted).  A county's file holds
 * tens of thousands of rows: the registry is asked, and the rows written,
 * CHUNK at a time, each batch one statement whose only parameter is a JSON
 * array read by JSON_TABLE.
 */
#include "rehab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 500
#define IMPORT_ERRORS 20

/* a growing text buffer of the request's arena */
struct jbuf {
    portal_req *r;
    const struct portal_services *s;
    char *p;
    size_t len, cap;
};

static void jb_raw(struct jbuf *b, const char *t, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = b->s->alloc(b->r, cap);
        if (b->len)
            memcpy(p, b->p, b->len);
        b->p = p, b->cap = cap;
    }
    memcpy(b->p + b->len, t, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void jb_put(struct jbuf *b, const char *t)
{
    jb_raw(b, t, strlen(t));
}

/* a JSON string (quoted and escaped), or null */
static void jb_str(struct jbuf *b, const char *t)
{
    if (!t) {
        jb_put(b, "null");
        return;
    }
    jb_raw(b, "\"", 1);
    for (; *t; t++) {
        char esc[8];
        unsigned char c = (unsigned char)*t;
        if (c == '"' || c == '\\' || c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            jb_put(b, esc);
        } else {
            jb_raw(b, t, 1);
        }
    }
    jb_raw(b, "\"", 1);
}

/* "疑似"/"1" suspected, "正常"/"0"/"" normal; -1 anything else */
static int domain_value(const char *v)
{
    if (!v || !*v || strcmp(v, "0") == 0 || strcmp(v, "正常") == 0)
        return 0;
    if (strcmp(v, "1") == 0 || strcmp(v, "疑似") == 0)
        return 1;
    return -1;
}

static const char *sex_code(const char *v)
{
    if (v && (strcmp(v, "男") == 0 || strcmp(v, "1") == 0))
        return "1";
    if (v && (strcmp(v, "女") == 0 || strcmp(v, "2") == 0))
        return "2";
    return v;
}

/* one row of the sheet into x; x->why says why it is refused (a refusal
 * of the fields is lifted when the ID number matches the registry) */
static void import_row(portal_req *r, const struct portal_services *s, const struct round *rd,
                       const char **c, int n, struct scr *x)
{
    memset(x, 0, sizeof *x);
    const char *id = n > 0 ? s->trim(r, c[0]) : "";
    x->name = n > 1 ? s->trim(r, c[1]) : "";
    x->sex = sex_code(n > 2 ? s->trim(r, c[2]) : "");
    x->birth = n > 3 ? s->trim(r, c[3]) : "";
    x->village = n > 4 ? s->trim(r, c[4]) : "";
    for (int d = 0; d < REHAB_DOMAINS; d++) {
        x->d[d] = domain_value(n > 5 + d ? s->trim(r, c[5 + d]) : "");
        if (x->d[d] < 0) {
            x->why = s->sprintf(r, "%s结果须为“正常”或“疑似”",
                                s->label(r, "rehab.domain", rehab_domains[d]));
            return;
        }
    }
    if (*id && strlen(id) == 18 && id[17] == 'x')
        id = s->sprintf(r, "%.17sX", id);
    if (*id && s->id_number_check(id, NULL, NULL) != PORTAL_ID_OK) {
        x->why = "身份证号不正确（应为 18 位，校验位和出生日期须正确）";
        return;
    }
    if (*id) {
        x->id = id;
        x->id_hmac = s->hmac(r, id);
    }
    x->why = rehab_screen_fields(r, s, rd, x);
}

/* reads every row (nothing written): the rows, or NULL on a sheet error */
static struct scr *import_read(portal_req *r, const struct portal_services *s,
                               const struct round *rd, portal_sheet *sh, int *nrows)
{
    size_t cap = 1024;
    struct scr *rows = s->alloc(r, cap * sizeof *rows);
    const char **c;
    int n, first = 1;
    *nrows = 0;
    while ((n = s->sheet_next(sh, &c)) > 0) {
        int header = first && (strstr(c[0], "身份证") || (n > 1 && strstr(c[1], "姓名")));
        first = 0;
        if (header)
            continue;
        if ((size_t)*nrows == cap) {
            struct scr *more = s->alloc(r, cap * 2 * sizeof *rows);
            memcpy(more, rows, cap * sizeof *rows);
            rows = more, cap *= 2;
        }
        import_row(r, s, rd, c, n, &rows[*nrows]);
        rows[(*nrows)++].line = s->sheet_row(sh);
    }
    return n < 0 ? NULL : rows;
}

/* the registry's children among rows [from, to) by ID number's HMAC */
static int match_chunk(portal_req *r, const struct portal_services *s, const struct round *rd,
                       struct scr *rows, int from, int to, struct jbuf *b)
{
    b->len = 0;
    jb_put(b, "[");
    for (int i = from; i < to; i++)
        if (rows[i].id_hmac) {
            jb_put(b, b->len > 1 ? ",{\"n\":" : "{\"n\":");
            jb_put(b, rehab_id(r, s, i));
            jb_put(b, ",\"h\":");
            jb_str(b, rows[i].id_hmac);
            jb_put(b, "}");
        }
    jb_put(b, "]");
    if (b->len == 2)
        return 0;
    portal_rows *q = s->db_query(r, "SELECT j.n, c.id, c.name, c.sex, c.birth_date, "
                                 "c.village_code, c.township_code FROM JSON_TABLE(?, '$[*]' "
                                 "COLUMNS (n INT PATH '$.n', h VARCHAR(64) PATH '$.h')) j JOIN "
                                 "children c ON c.id_hmac = CONVERT(j.h USING utf8mb4) COLLATE "
                                 "utf8mb4_unicode_ci", "s", b->p);
    while (q && s->db_next(q)) {
        struct scr *x = &rows[atoi(s->db_col(q, 0))];
        if (strcmp(s->db_col(q, 6), rd->township) != 0) {
            x->why = "该儿童在册，但不属于本轮筛查的乡镇";
            continue;
        }
        x->child_id = atoll(s->db_col(q, 1));
        x->name = s->db_col(q, 2);
        x->sex = s->db_col(q, 3);
        x->birth = s->db_col(q, 4);
        x->village = s->db_col(q, 5);
        x->id = x->id_hmac = NULL;
        x->why = NULL;
    }
    return q ? 0 : -1;
}

/* the registry match, then the ID numbers of the others encrypted */
static int import_match(portal_req *r, const struct portal_services *s, const struct round *rd,
                        struct scr *rows, int n, struct jbuf *b)
{
    for (int from = 0; from < n; from += CHUNK)
        if (match_chunk(r, s, rd, rows, from, from + CHUNK < n ? from + CHUNK : n, b) != 0)
            return -1;
    for (int i = 0; i < n; i++)
        if (rows[i].id && !rows[i].why) {
            rows[i].id_enc = s->encrypt(r, rows[i].id, &rows[i].id_len);
            if (!rows[i].id_enc)
                return -1;
        }
    return 0;
}

/* one row as a JSON object of the save statement */
static int row_json(portal_req *r, const struct portal_services *s, struct jbuf *b,
                    const struct scr *x)
{
    int any = 0;
    jb_put(b, b->len > 1 ? ",{\"c\":" : "{\"c\":");
    jb_put(b, x->child_id ? rehab_id(r, s, x->child_id) : "null");
    jb_put(b, ",\"a\":");
    jb_str(b, x->name);
    jb_put(b, x->sex && strcmp(x->sex, "2") == 0 ? ",\"s\":2,\"b\":" : ",\"s\":1,\"b\":");
    jb_str(b, x->birth);
    jb_put(b, ",\"v\":");
    jb_str(b, x->village);
    jb_put(b, ",\"h\":");
    jb_str(b, x->child_id ? NULL : x->id_hmac);
    jb_put(b, ",\"e\":\"");
    for (size_t k = 0; x->id_enc && !x->child_id && k < x->id_len; k++) {
        char hex[3];
        snprintf(hex, sizeof hex, "%02x", ((const unsigned char *)x->id_enc)[k]);
        jb_raw(b, hex, 2);
    }
    jb_put(b, "\",\"d\":\"");
    for (int d = 0; d < REHAB_DOMAINS; d++) {
        jb_put(b, x->d[d] ? "1" : "0");
        any |= x->d[d];
    }
    jb_put(b, "\"}");
    return any;
}

/* rows [from, to) in one statement; the number suspected, or -1 */
static int save_chunk(portal_req *r, const struct portal_services *s, long long round_id,
                      const struct scr *rows, int from, int to, struct jbuf *b)
{
    int suspected = 0;
    b->len = 0;
    jb_put(b, "[");
    for (int i = from; i < to; i++)
        suspected += row_json(r, s, b, &rows[i]);
    jb_put(b, "]");
    return s->db_exec(
        r, "INSERT INTO rehab_screenings (round_id, child_id, name, sex, birth_date, "
        "village_code, id_enc, id_hmac, vision, hearing, speech, motor, intellectual, autism, "
        "suspected, created_by, created_at) SELECT ?, j.c, j.a, j.s, j.b, j.v, NULLIF(UNHEX(j.e), "
        "''), j.h, SUBSTR(j.d, 1, 1), SUBSTR(j.d, 2, 1), SUBSTR(j.d, 3, 1), SUBSTR(j.d, 4, 1), "
        "SUBSTR(j.d, 5, 1), SUBSTR(j.d, 6, 1), j.d <> '000000', ?, UTC_TIMESTAMP() FROM "
        "JSON_TABLE(?, '$[*]' COLUMNS (c BIGINT PATH '$.c', a VARCHAR(64) PATH '$.a', s INT PATH "
        "'$.s', b DATE PATH '$.b', v CHAR(12) PATH '$.v', h CHAR(64) PATH '$.h', e VARCHAR(200) "
        "PATH '$.e', d CHAR(6) PATH '$.d')) j ON DUPLICATE KEY UPDATE vision = VALUES(vision), "
        "hearing = VALUES(hearing), speech = VALUES(speech), motor = VALUES(motor), "
        "intellectual = VALUES(intellectual), autism = VALUES(autism), suspected = "
        "VALUES(suspected)", "iis", round_id, s->user(r)->id, b->p) < 0 ? -1 : suspected;
}

/* the refused rows as ImportErrors.N (the first IMPORT_ERRORS); their count */
static int import_errors(portal_req *r, const struct portal_services *s,
                         const struct scr *rows, int n)
{
    int errors = 0;
    for (int i = 0; i < n; i++)
        if (rows[i].why && errors++ < IMPORT_ERRORS)
            s->setf(r, s->sprintf(r, "ImportErrors.%d", errors - 1), "第 %ld 行：%s。",
                    rows[i].line, rows[i].why);
    return errors;
}

int round_import_post(portal_req *r, const struct portal_services *s)
{
    struct round rd;
    size_t len = 0;
    const char *data = s->upload(r, "file", &len, NULL, NULL);
    if (rehab_round_of(r, s, &rd) != 0)
        return 500;
    portal_sheet *sh = s->sheet_open(r, data ? data : "", len);
    struct jbuf b = {r, s, NULL, 0, 0};
    int n = 0, suspected = 0;
    struct scr *rows = import_read(r, s, &rd, sh, &n);
    if (!rows)
        return s->fail(r, 400, s->sprintf(r, "无法读取筛查结果表：%s", s->sheet_error(sh)));
    if (import_match(r, s, &rd, rows, n, &b) != 0)
        return 500;
    int errors = import_errors(r, s, rows, n);
    if (errors || !n) {
        s->set(r, "ImportError", errors ? s->sprintf(r, "共 %d 行有错误，未导入任何一行，请改正"
               "后重新导入。", errors) : "表中没有数据行。");
        s->audit(r, "rehab.import.refused", "rehab_round", rehab_id(r, s, rd.id),
                 s->sprintf(r, "rows=%d errors=%d", n, errors));
        return round_get(r, s);
    }
    for (int from = 0; from < n; from += CHUNK) {
        int k = save_chunk(r, s, rd.id, rows, from, from + CHUNK < n ? from + CHUNK : n, &b);
        if (k < 0)
            return 500;
        suspected += k;
    }
    s->audit(r, "rehab.screen.import", "rehab_round", rehab_id(r, s, rd.id),
             s->sprintf(r, "rows=%d suspected=%d format=%s", n, suspected,
                        s->sheet_format(sh)));
    s->flash(r, s->sprintf(r, "已导入 %d 行筛查结果，其中疑似 %d 名。", n, suspected));
    return s->redirect(r, s->sprintf(r, "/rehab/rounds/%lld", rd.id));
}
