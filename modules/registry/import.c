/*
 * import.c - the ledger import (台账导入): a list of children as an Excel
 * workbook (.xlsx or .xls, its first sheet) or a CSV file (UTF-8 or GBK, as
 * Excel in China saves it), read through the host's sheet_* services.  The
 * columns are found by their Chinese titles in the header row, in any order
 * (other columns are ignored; title rows above the header are skipped).  A
 * dry run lists every fault with its row number and writes nothing; the
 * commit checks again and imports every row or none.
 */
#include "registry.h"

#include <stdlib.h>
#include <string.h>

#define IMPORT_MAX_ROWS 5000
#define HEADER_SEARCH 10 /* rows the header may be preceded by a title */

static const char *import_columns[] = {"姓名", "性别", "出生日期", "民族", "身份证号", "无证原因",
                                       "村（居）代码", "户籍地址", "现住址", "类别", "认定依据",
                                       "开始日期"};
#define NCOLS 12
enum { C_NAME, C_SEX, C_BIRTH, C_ETHN, C_ID, C_NOID, C_VILLAGE, C_HUKOU, C_ADDR, C_CAT, C_BASIS,
       C_START };

/* one data row: its row number in the file and the template's cells, trimmed */
struct rec {
    int line;
    const char *f[NCOLS];
};

/* the rows read, before any check: at most IMPORT_MAX_ROWS kept, all counted */
struct ledger {
    struct rec *recs;
    int n, cap;
    int total;          /* non-blank data rows (and a row that cannot be read) */
    int map[NCOLS];     /* the column of each template column */
    int bad_line;       /* a row from which on the file cannot be read, and why */
    const char *bad;
    const char *format; /* "xlsx", "xls" or "csv" */
};

struct import_row {
    int line;
    const char *name, *ethnicity, *id, *no_id, *village, *township, *hukou, *address, *category,
        *basis;
    char birth[11], start[11];
    int sex;
};

struct import_ctx {
    portal_req *r;
    const struct portal_services *s;
    int nerrs;    /* faults listed in Import.Errors */
    int bad_line; /* the last line that had an error, to count bad rows */
    int bad_rows;
    /* ID numbers already on file: the hourly limit left, what was found */
    int dup_left, dup_checked, dup_in, dup_out;
};

/* a fault of the file, straight into the report (Import.Errors.N) */
static void add_err(struct import_ctx *c, int line, const char *field, const char *reason)
{
    const char *p = c->s->sprintf(c->r, "Import.Errors.%d", c->nerrs++);
    c->s->set_int(c->r, c->s->sprintf(c->r, "%s.line", p), line);
    c->s->set(c->r, c->s->sprintf(c->r, "%s.field", p), field);
    c->s->set(c->r, c->s->sprintf(c->r, "%s.reason", p), reason);
    if (c->bad_line != line) {
        c->bad_line = line;
        c->bad_rows++;
    }
}

static const char *field_at(const struct rec *rec, int i) { return rec->f[i]; }

/* a date cell: a spreadsheet's date-time at midnight is its day */
static const char *day_cell(struct import_ctx *c, const char *v)
{
    if (strlen(v) == 19 && strcmp(v + 10, " 00:00:00") == 0)
        return c->s->sprintf(c->r, "%.10s", v);
    return v;
}

/* count UTF-8 characters */
/* a cell over the form's limit for the same field (child_params: the
 * same number and the same message as the host gives the form) */
static int too_long(struct import_ctx *c, int line, const char *col, const char *field,
                    const char *v)
{
    const char *msg = registry_too_long(c->r, c->s, field, v);
    if (msg)
        add_err(c, line, col, msg);
    return msg != NULL;
}

struct village {
    const char *code, *township;
};

struct import_state {
    struct import_row *rows;
    int nrows;
    struct village *villages;
    int nvillages;
    const char **ids; /* open-addressing set of ID numbers seen in the file */
    size_t idcap;
};

static int id_seen(struct import_state *st, const char *id)
{
    unsigned long h = 5381;
    for (const char *p = id; *p; p++)
        h = h * 33 + (unsigned char)*p;
    for (size_t i = h % st->idcap;; i = (i + 1) % st->idcap) {
        if (!st->ids[i]) {
            st->ids[i] = id;
            return 0;
        }
        if (strcmp(st->ids[i], id) == 0)
            return 1;
    }
}

static const struct village *find_village(const struct import_state *st, const char *code)
{
    for (int i = 0; i < st->nvillages; i++)
        if (strcmp(st->villages[i].code, code) == 0)
            return &st->villages[i];
    return NULL;
}

/* a date column: filled, a real date (typed, or an Excel date cell), not
 * after today; 1 with out set, else 0 with the fault listed */
static int import_date(struct import_ctx *c, int line, const char *field, const char *v,
                       const char *today, char out[11])
{
    portal_req *r = c->r;
    if (!*v)
        add_err(c, line, field, c->s->sprintf(r, "缺少%s。", field));
    else if (!registry_date_norm(c->s, day_cell(c, v), out))
        add_err(c, line, field,
                c->s->sprintf(r, "%s格式不正确（应为 YYYY-MM-DD，如 2015-03-08）。", field));
    else if (strcmp(out, today) > 0)
        add_err(c, line, field, c->s->sprintf(r, "%s晚于今天。", field));
    else
        return 1;
    return 0;
}

/* name, sex, birth date, ethnicity; 1 when the birth date is usable */
static int import_person(struct import_ctx *c, struct import_row *row, const struct rec *rec,
                         const char *today)
{
    int line = row->line;
    row->name = field_at(rec, C_NAME);
    if (!*row->name)
        add_err(c, line, "姓名", "缺少姓名。");
    else if (too_long(c, line, "姓名", "name", row->name))
        ;
    else if (registry_has_emoji(row->name))
        add_err(c, line, "姓名", REGISTRY_MSG_EMOJI);
    else if (strpbrk(row->name, "0123456789=+@<>\"'"))
        add_err(c, line, "姓名", "姓名含有不允许的字符。");

    const char *sex = field_at(rec, C_SEX);
    if (!*sex)
        add_err(c, line, "性别", "缺少性别。");
    else if (strcmp(sex, "男") == 0 || strcmp(sex, "1") == 0)
        row->sex = 1;
    else if (strcmp(sex, "女") == 0 || strcmp(sex, "2") == 0)
        row->sex = 2;
    else
        add_err(c, line, "性别", "性别应为“男”或“女”。");

    int birth_ok = import_date(c, line, "出生日期", field_at(rec, C_BIRTH), today, row->birth);

    row->ethnicity = field_at(rec, C_ETHN);
    if (!*row->ethnicity)
        row->ethnicity = "汉族";
    else if (strlen(row->ethnicity) > 16)
        add_err(c, line, "民族", "民族过长。");
    return birth_ok;
}

/* an ID number already on file?  As on the new-file form: outside the scope
 * only "a possible duplicate, the county checks", audited, and within the
 * hourly limit of checks that find one */
static void import_dup(struct import_ctx *c, int line, const char *id)
{
    portal_req *r = c->r;
    const struct portal_services *s = c->s;
    const char *hm = s->hmac(r, id);
    portal_rows *d = s->db_query(r, "SELECT id, village_code FROM children WHERE id_hmac = ?",
                                 "s", hm);
    c->dup_checked++;
    if (!d) {
        add_err(c, line, "身份证号", "无法核对是否重复，请稍后再试。");
        return;
    }
    if (!s->db_next(d))
        return;
    if (c->dup_left <= 0) {
        add_err(c, line, "身份证号", "一小时内查到的疑似重复档案过多，本行未能查重，"
                                     "请一小时后再检查。");
        return;
    }
    const char *other = s->db_col(d, 0);
    int visible = s->scope_allows(r, s->db_col(d, 1), atoll(other));
    c->dup_left--;
    if (registry_dup_hit(r, s) != 0 ||
        (!visible && registry_tell_county(r, s, other, "身份证号（台账导入）") != 0))
        add_err(c, line, "身份证号", "无法核对是否重复，请稍后再试。");
    else
        add_err(c, line, "身份证号", visible ? "该身份证号已在台账中登记，不能重复建档。"
                                             : REGISTRY_MSG_DUP_OUTSIDE);
    s->audit(r, "child.duplicate.check", "child", other,
             s->sprintf(r, "import line %d asked id_hmac %s: on file %s", line, hm,
                        visible ? "in scope" : "outside the scope (county notified)"));
    if (visible)
        c->dup_in++;
    else
        c->dup_out++;
}

/* the ID number (or the reason there is none): shape, check character,
 * consistency with the birth date and sex, unique in the file and on file */
static void import_id_number(struct import_ctx *c, struct import_state *st,
                             struct import_row *row, const struct rec *rec, int birth_ok)
{
    int line = row->line;
    const char *id = field_at(rec, C_ID);
    row->no_id = field_at(rec, C_NOID);
    if (!*id) {
        row->id = NULL;
        if (!*row->no_id)
            add_err(c, line, "身份证号", "缺少身份证号；没有身份证号的儿童请填写无证原因。");
        else
            too_long(c, line, "无证原因", "no_id_reason", row->no_id);
        return;
    }
    char *u = c->s->sprintf(c->r, "%s", id), bd[11];
    int isex = 0;
    if (strlen(u) == 18 && u[17] == 'x')
        u[17] = 'X';
    row->id = u;
    int fault = c->s->id_number_check(u, bd, &isex);
    if (fault == PORTAL_ID_SHAPE)
        add_err(c, line, "身份证号", "身份证号应为 18 位（最后一位可为 X）；如被 Excel 改成科学计数法，请把该列设为文本。");
    else if (fault == PORTAL_ID_CHECK_CHAR)
        add_err(c, line, "身份证号", "身份证号校验位不正确。");
    else if (fault == PORTAL_ID_BIRTH_DATE)
        add_err(c, line, "身份证号", "身份证号中的出生日期无效。");
    else {
        if (birth_ok && strcmp(bd, row->birth) != 0)
            add_err(c, line, "身份证号", "身份证号与出生日期不一致。");
        if (row->sex && isex != row->sex)
            add_err(c, line, "身份证号", "身份证号与性别不一致。");
        if (id_seen(st, u))
            add_err(c, line, "身份证号", "身份证号在本文件中重复。");
        else
            import_dup(c, line, u);
    }
    if (*row->no_id)
        add_err(c, line, "无证原因", "已填写身份证号时，无证原因应留空。");
    row->no_id = NULL;
}

/* the village (in the scope, current) with its township; the addresses */
static void import_place(struct import_ctx *c, struct import_state *st, struct import_row *row,
                         const struct rec *rec)
{
    int line = row->line;
    row->village = field_at(rec, C_VILLAGE);
    if (!*row->village)
        add_err(c, line, "村（居）代码", "缺少村（居）代码。");
    else if (!registry_digits(row->village, 12))
        add_err(c, line, "村（居）代码", "村（居）代码应为 12 位数字。");
    else if (!c->s->in_scope(c->r, row->village))
        add_err(c, line, "村（居）代码", "该村（居）不在您的辖区内。");
    else {
        const struct village *v = find_village(st, row->village);
        if (!v)
            add_err(c, line, "村（居）代码", "没有这个村（居）代码。");
        else
            row->township = v->township;
    }
    row->hukou = field_at(rec, C_HUKOU);
    row->address = field_at(rec, C_ADDR);
    too_long(c, line, "户籍地址", "hukou", row->hukou);
    too_long(c, line, "现住址", "address", row->address);
}

/* the category, its basis and its start date */
static void import_category(struct import_ctx *c, struct import_row *row,
                            const struct rec *rec, const char *today, int birth_ok)
{
    int line = row->line;
    const char *cat = field_at(rec, C_CAT);
    if (!*cat)
        add_err(c, line, "类别", "缺少类别。");
    else if (!(row->category = registry_category_code(c->r, c->s, cat)))
        add_err(c, line, "类别", c->s->sprintf(c->r, "未知的类别（可填：%s）。",
                                               registry_category_titles(c->r, c->s)));

    row->basis = field_at(rec, C_BASIS);
    if (!*row->basis)
        add_err(c, line, "认定依据", "缺少认定依据。");
    else if (registry_too_long(c->r, c->s, "basis", row->basis))
        add_err(c, line, "认定依据", registry_too_long(c->r, c->s, "basis", row->basis));

    if (import_date(c, line, "开始日期", field_at(rec, C_START), today, row->start) &&
        birth_ok && strcmp(row->start, row->birth) < 0)
        add_err(c, line, "开始日期", "开始日期早于出生日期。");
}

/* a child without an ID number whose name and birth date are already on
 * file in the same village: most likely the same ledger imported again */
static void import_same_child(struct import_ctx *c, const struct import_row *row)
{
    portal_req *r = c->r;
    const struct portal_services *s = c->s;
    portal_rows *q = s->db_query(r, "SELECT id FROM children WHERE name = ? AND birth_date = ? "
                                    "AND village_code = ? ORDER BY id LIMIT 1", "sss",
                                 row->name, row->birth, row->village);
    if (!q)
        add_err(c, row->line, "姓名", "无法核对是否重复，请稍后再试。");
    else if (s->db_next(q))
        add_err(c, row->line, "姓名",
                s->sprintf(r, "本村（居）已有同名、同出生日期的儿童档案（档案 %s），可能是重复导入；"
                              "如确为另一名儿童，请在“新建档案”中逐个建档。", s->db_col(q, 0)));
}

/* one record: every fault is listed; a clean row is kept for the write */
static void check_row(struct import_ctx *c, struct import_state *st, const struct rec *rec,
                      const char *today)
{
    struct import_row *row = &st->rows[st->nrows];
    int errs0 = c->nerrs;
    memset(row, 0, sizeof *row);
    row->line = rec->line;
    int birth_ok = import_person(c, row, rec, today);
    import_id_number(c, st, row, rec, birth_ok);
    import_place(c, st, row, rec);
    import_category(c, row, rec, today, birth_ok);
    if (c->nerrs == errs0 && !row->id)
        import_same_child(c, row);
    if (c->nerrs == errs0)
        st->nrows++;
}

static void set_columns(portal_req *r, const struct portal_services *s)
{
    for (int i = 0; i < NCOLS; i++)
        s->set(r, s->sprintf(r, "Import.Columns.%d", i), import_columns[i]);
    s->labels_hdf(r, "Opts.category", "core.category");
    s->set_int(r, "Import.MaxRows", IMPORT_MAX_ROWS);
}

int child_import_get(portal_req *r, const struct portal_services *s)
{
    set_columns(r, s);
    return s->render(r, "child_import.cs", "导入台账");
}

/* the ledger template: the header row the import reads and one example
 * row (synthetic: a child without an ID number), UTF-8 with a BOM so that
 * Excel opens it in Chinese */
int child_import_template_get(portal_req *r, const struct portal_services *s)
{
    s->header(r, "Content-Type", "text/csv; charset=utf-8");
    s->header(r, "Content-Disposition",
              "attachment; filename=\"import-template.csv\"; "
              "filename*=UTF-8''%E5%84%BF%E7%AB%A5%E5%8F%B0%E8%B4%A6%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv");
    s->write(r, "\xEF\xBB\xBF", 3);
    for (int i = 0; i < NCOLS; i++)
        s->csv_cell(r, import_columns[i], i == NCOLS - 1);
    const char *scope, *w = s->scope_where(r, "code", &scope);
    const char *example[NCOLS] = {"示例儿童（请删除此行）", "女", "2015-03-08", "土家族", "",
                                  "未落户", "", "", "", "孤儿", "县民政局批复〔2025〕12号",
                                  "2025-01-01"};
    portal_rows *q = s->db_query(r, s->sprintf(r, "SELECT code FROM divisions WHERE level = "
                                               "'village' AND %s ORDER BY code LIMIT 1", w),
                                 "s", scope);
    example[C_VILLAGE] = q && s->db_next(q) ? s->db_col(q, 0) : "";
    for (int i = 0; i < NCOLS; i++)
        s->csv_cell(r, example[i], i == NCOLS - 1);
    return 200;
}

/* the villages of the user's scope with their 12-digit codes (the column
 * 村（居）代码 of the ledger) */
int child_import_villages_get(portal_req *r, const struct portal_services *s)
{
    const char *scope, *w = s->scope_where(r, "v.code", &scope);
    if (s->db_query_hdf(r, "Villages",
                        s->sprintf(r, "SELECT v.code, v.name, t.name AS township FROM divisions v "
                                   "LEFT JOIN divisions t ON t.code = v.parent_code "
                                   "WHERE v.level = 'village' AND %s "
                                   "AND (v.valid_to IS NULL OR v.valid_to >= ?) "
                                   "ORDER BY v.code", w), "ss", scope, s->today(r)) < 0)
        return 500;
    return s->render(r, "child_import_villages.cs", "村（居）代码");
}

static int import_report(portal_req *r, const struct portal_services *s, struct import_ctx *c,
                         const char *msg)
{
    set_columns(r, s);
    if (msg)
        s->set(r, "Import.Error", msg);
    s->set_int(r, "Import.BadRows", c->bad_rows);
    return s->render(r, "child_import_report.cs", "导入台账 - 检查结果");
}

/* every good row, in the request's transaction: 0 ok, -1 a write failed
 * (a concurrent file with the same ID number), 500 no encryption key */
static int import_write(portal_req *r, const struct portal_services *s, struct import_state *st)
{
    long long uid = s->user(r)->id;
    for (int i = 0; i < st->nrows; i++) {
        struct import_row *w = &st->rows[i];
        const void *enc = NULL;
        size_t enclen = 0;
        const char *mac = NULL, *masked = NULL, *last4 = NULL;
        if (w->id) {
            enc = s->encrypt(r, w->id, &enclen);
            mac = s->hmac(r, w->id);
            if (!enc || !mac)
                return 500; /* no key: an internal error, rolled back by the host */
            char *m = s->alloc(r, 19);
            s->id_number_mask(w->id, m);
            masked = m;
            last4 = w->id + 14;
        }
        if (s->db_exec(r, "INSERT INTO children (name, sex, birth_date, ethnicity, id_enc, "
                          "id_hmac, id_masked, id_last4, no_id_reason, hukou, address, "
                          "township_code, village_code, status, created_at, created_by, "
                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', "
                          "UTC_TIMESTAMP(), ?, UTC_TIMESTAMP())",
                       "sissbssssssssi", w->name, (long long)w->sex, w->birth, w->ethnicity, enc,
                       enclen, mac, masked, last4, w->no_id, w->hukou, w->address, w->township,
                       w->village, uid) != 1)
            return -1;
        long long cid = s->db_insert_id(r);
        if (s->child_event(r, cid, "imported",
                           s->sprintf(r, "批量导入建档（台账文件第 %d 行），类别：%s", w->line,
                                      registry_category(r, s, w->category))) != 0 ||
            s->child_category(r, cid, w->category, 1, w->start, w->basis) != 0)
            return -1;
    }
    return 0;
}

/* room for nrec rows and their ID numbers; the villages in the user's
 * scope with their townships.  0, or -1 */
static int import_prepare(portal_req *r, const struct portal_services *s, struct import_state *st,
                          int nrec)
{
    memset(st, 0, sizeof *st);
    st->rows = s->alloc(r, (size_t)nrec * sizeof *st->rows);
    st->idcap = (size_t)nrec * 2 + 1;
    st->ids = s->alloc(r, st->idcap * sizeof *st->ids);
    const char *scope, *w = s->scope_where(r, "code", &scope);
    portal_rows *vr = s->db_query(r, s->sprintf(r, "SELECT code, parent_code FROM divisions "
                                                "WHERE level = 'village' AND %s AND (valid_to "
                                                "IS NULL OR valid_to >= ?)", w),
                                  "ss", scope, s->today(r));
    if (!vr)
        return -1;
    int vcap = 64;
    st->villages = s->alloc(r, (size_t)vcap * sizeof *st->villages);
    while (s->db_next(vr)) {
        if (st->nvillages == vcap) {
            struct village *nv = s->alloc(r, (size_t)vcap * 2 * sizeof *nv);
            memcpy(nv, st->villages, (size_t)vcap * sizeof *nv);
            st->villages = nv;
            vcap *= 2;
        }
        st->villages[st->nvillages].code = s->db_col(vr, 0);
        st->villages[st->nvillages].township = s->db_col(vr, 1);
        st->nvillages++;
    }
    return 0;
}

/* ------------------------------------------------------------ reading */

/* 1 when the row holds the cell "姓名": the header (title rows above it) */
static int is_header(portal_req *r, const struct portal_services *s, const char **cells, int n)
{
    for (int j = 0; j < n; j++)
        if (strcmp(s->trim(r, cells[j]), import_columns[C_NAME]) == 0)
            return 1;
    return 0;
}

/* where each template column is in the header row; 0, or -1 with the
 * faults in the report (a column missing or twice) */
static int map_header(struct import_ctx *c, struct ledger *l, const char **cells, int n,
                      int line)
{
    int faults = 0;
    for (int i = 0; i < NCOLS; i++) {
        l->map[i] = -1;
        for (int j = 0; j < n; j++) {
            if (strcmp(c->s->trim(c->r, cells[j]), import_columns[i]) != 0)
                continue;
            if (l->map[i] >= 0) {
                add_err(c, line, import_columns[i],
                        c->s->sprintf(c->r, "表头中“%s”列出现了两次。", import_columns[i]));
                faults++;
                break;
            }
            l->map[i] = j;
        }
        if (l->map[i] < 0) {
            add_err(c, line, import_columns[i],
                    c->s->sprintf(c->r, "表头缺少“%s”列，请使用页面上的模板。", import_columns[i]));
            faults++;
        }
    }
    return faults ? -1 : 0;
}

/* a data row: its template cells, trimmed; a row with none of them filled
 * is skipped; past IMPORT_MAX_ROWS rows are counted only */
static void keep_rec(portal_req *r, const struct portal_services *s, struct ledger *l,
                     const char **cells, int n, int line)
{
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 64;
        struct rec *nr = s->alloc(r, (size_t)cap * sizeof *nr);
        if (l->n)
            memcpy(nr, l->recs, (size_t)l->n * sizeof *nr);
        l->recs = nr;
        l->cap = cap;
    }
    struct rec *x = &l->recs[l->n];
    int blank = 1;
    x->line = line;
    for (int i = 0; i < NCOLS; i++) {
        x->f[i] = l->map[i] < n ? s->trim(r, cells[l->map[i]]) : "";
        blank = blank && !*x->f[i];
    }
    if (blank)
        return;
    if (++l->total <= IMPORT_MAX_ROWS)
        l->n++;
}

/* the header, then every data row; NULL, or the Chinese message of the report */
static const char *read_rows(struct import_ctx *c, portal_sheet *sh, struct ledger *l)
{
    portal_req *r = c->r;
    const struct portal_services *s = c->s;
    const char **cells;
    int k, seen = 0;
    while ((k = s->sheet_next(sh, &cells)) > 0 && !is_header(r, s, cells, k))
        if (++seen >= HEADER_SEARCH)
            break;
    if (k == 0 && seen == 0)
        return "文件是空的。";
    if (k < 0 && seen == 0)
        return s->sprintf(r, "文件无法读取：%s请上传 Excel 工作簿（.xlsx 或 .xls，未加密）或 "
                             "CSV 文件。", s->sheet_error(sh));
    if (k <= 0 || seen >= HEADER_SEARCH) {
        add_err(c, 1, import_columns[C_NAME], "没有找到表头（含“姓名”等列名的一行）。");
        return "表头与模板不一致，未做检查。";
    }
    if (map_header(c, l, cells, k, (int)s->sheet_row(sh)) != 0)
        return "表头与模板不一致，未做检查。";
    while ((k = s->sheet_next(sh, &cells)) > 0)
        keep_rec(r, s, l, cells, k, (int)s->sheet_row(sh));
    if (k < 0) {
        long at = s->sheet_row(sh);
        l->bad_line = at > 0 ? (int)at : l->n ? l->recs[l->n - 1].line + 1 : 2;
        l->bad = s->sprintf(r, "%s该行起到文件末尾无法读取。", s->sheet_error(sh));
        l->total++;
    }
    if (l->total == 0)
        return "文件中没有数据行。";
    if (l->total > IMPORT_MAX_ROWS)
        return s->sprintf(r, "文件有 %d 行数据，超过每个文件 %d 行的上限，请分成几个文件导入。",
                          l->total, IMPORT_MAX_ROWS);
    return NULL;
}

/* the uploaded file read whole (its rows are checked afterwards): NULL, or
 * the Chinese message of the report */
static const char *import_open(struct import_ctx *c, struct ledger *l)
{
    portal_req *r = c->r;
    const struct portal_services *s = c->s;
    size_t len = 0;
    const char *fname = NULL;
    const char *data = s->upload(r, "file", &len, &fname, NULL);
    memset(l, 0, sizeof *l);
    if (!data)
        return "请选择要上传的台账文件。";
    if (fname)
        s->set(r, "Import.File", fname);
    const char *scope;
    s->scope_where(r, "code", &scope);
    if (!scope)
        return "您的账户没有辖区，不能导入。";
    portal_sheet *sh = s->sheet_open(r, data, len);
    const char *msg = read_rows(c, sh, l);
    l->format = s->sheet_format(sh);
    return msg;
}

/* the rows checked: the report (a dry run, or a commit refused for a bad
 * row), or every row written in the request's transaction */
static int import_commit(struct import_ctx *c, struct import_state *st, const struct ledger *l,
                         int commit)
{
    portal_req *r = c->r;
    const struct portal_services *s = c->s;
    if (c->nerrs || !commit) {
        s->audit(r, commit ? "child.import.refused" : "child.import.check", "children", NULL,
                 s->sprintf(r, "rows=%d bad=%d id_checks=%d on_file_in_scope=%d outside=%d",
                            l->total, c->bad_rows, c->dup_checked, c->dup_in, c->dup_out));
        if (c->nerrs && commit)
            return import_report(r, s, c, "文件中有错误，未导入任何记录。请改正后重新检查。");
        return import_report(r, s, c, NULL);
    }
    int rc = import_write(r, s, st);
    if (rc > 0)
        return rc;
    if (rc < 0) {
        /* all or nothing: the report answers 409, so the host rolls back
         * every row of the file written so far */
        s->log("RG0202", "import of %d rows rolled back", st->nrows);
        rc = import_report(r, s, c, "导入时出错（可能有人同时录入了相同的身份证号），已全部撤销，"
                                    "未导入任何记录。请重新检查后再试。");
        return rc == 200 ? 409 : rc;
    }
    s->audit(r, "child.import", "children", NULL,
             s->sprintf(r, "rows=%d format=%s", st->nrows, l->format));
    s->flash(r, s->sprintf(r, "已导入 %d 名儿童的档案。", st->nrows));
    return s->redirect(r, "/children?sort=id");
}

int child_import_post(portal_req *r, const struct portal_services *s)
{
    const char *mode = s->param(r, "mode");
    int commit = mode && strcmp(mode, "commit") == 0;
    if (mode && *mode && !commit && strcmp(mode, "dry") != 0)
        return s->fail(r, 400, "导入方式不正确。");
    s->set(r, "Import.Mode", commit ? "commit" : "dry");
    struct import_ctx c = {.r = r, .s = s};
    struct ledger l;
    const char *msg = import_open(&c, &l);
    if (msg)
        return import_report(r, s, &c, msg);
    struct import_state st;
    if (import_prepare(r, s, &st, l.n) != 0)
        return 500;
    c.dup_left = registry_dup_left(r, s);
    if (c.dup_left < 0)
        return 500;
    if (c.dup_left == 0)
        return registry_dup_refuse(r, s);
    const char *today = s->today(r);
    for (int i = 0; i < l.n; i++)
        check_row(&c, &st, &l.recs[i], today);
    if (l.bad)
        add_err(&c, l.bad_line, "—", l.bad);
    s->set_int(r, "Import.Total", l.total);
    s->set_int(r, "Import.Good", st.nrows);
    return import_commit(&c, &st, &l, commit);
}
