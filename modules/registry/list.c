/*
 * list.c - the registry list (台账), its CSV export and the CSV import.
 *
 * Every query is confined to the user's jurisdiction with
 * "c.village_code LIKE CONCAT(?, '%')" and s->scope_prefix(r); no prefix, no
 * rows.  The SQL text is assembled from fixed fragments chosen by code; every
 * value is bound.  Paging is keyset only (never OFFSET): the key is the sort
 * column plus the id as tiebreaker, carried in after= / before= as
 * "<id>:<value>".  Counts are capped (LIMIT 10001 in a subquery) so a page
 * never scans the whole table to count it.
 */
#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_ROWS 50
#define COUNT_CAP 10000
#define IMPORT_MAX_ROWS 5000
#define MAX_BINDS 16

const struct portal_param list_params[] = {
    {"township", PP_CODE, 12, 0, "乡镇（街道）"},
    {"village", PP_CODE, 12, 0, "村（居）"},
    {"category", PP_CODE, 32, 0, "类别"},
    {"status", PP_CODE, 10, 0, "状态"},
    {"age", PP_CODE, 8, 0, "年龄段"},
    {"q", PP_TEXT, 64, 0, "姓名或身份证号后四位"},
    {"sort", PP_CODE, 8, 0, "排序"},
    {"after", PP_TEXT, 200, 0, "分页位置"},
    {"before", PP_TEXT, 200, 0, "分页位置"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ categories */

/* a code or a Chinese label (with or without the trailing 儿童) -> code */
static const char *category_code(const char *text)
{
    for (const struct portal_label *c = registry_labels; c->kind; c++) {
        if (strcmp(c->kind, "registry.category") != 0)
            continue;
        const char *l = c->title;
        size_t n = strlen(l), k = strlen("儿童");
        if (strcmp(c->code, text) == 0 || strcmp(l, text) == 0)
            return c->code;
        if (n > k && strcmp(l + n - k, "儿童") == 0 && strlen(text) == n - k &&
            strncmp(l, text, n - k) == 0)
            return c->code;
    }
    /* the short names ledgers use, and the list's titles before 2.0 */
    static const char *const alias[][2] = {{"特困", "tekun"}, {"特困儿童", "tekun"},
                                           {"低保", "dibao"}, {"监护缺失儿童", "guardianship"}};
    for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
        if (strcmp(text, alias[i][0]) == 0)
            return alias[i][1];
    return NULL;
}

/* "孤儿、事实无人抚养儿童、..." : what the import accepts, for its message */
static const char *category_titles(portal_req *r, const struct portal_services *s)
{
    const char *out = "";
    for (const struct portal_label *c = registry_labels; c->kind; c++)
        if (strcmp(c->kind, "registry.category") == 0)
            out = s->sprintf(r, "%s%s%s", out, *out ? "、" : "", c->title);
    return out;
}

/* ----------------------------------------------------------------- dates */

/* YYYY-MM-DD of a date already checked (years 0..9999) */
static void fmt_date(char out[11], int y, int m, int d)
{
    char t[40];
    snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, d);
    memcpy(out, t, 10);
    out[10] = 0;
}

/* "YYYY-MM-DD" or "YYYY/M/D" (Excel) -> out "YYYY-MM-DD"; 1 if a real date
 * from 1900 on */
static int date_norm(const struct portal_services *s, const char *v, char out[11])
{
    int y = 0, m = 0, d = 0, n = 0;
    char sep = 0, sep2 = 0;
    if (sscanf(v, "%4d%c%2d%c%2d%n", &y, &sep, &m, &sep2, &d, &n) != 5 || v[n] != 0)
        return 0;
    if (sep != sep2 || (sep != '-' && sep != '/') || y < 1900)
        return 0;
    for (const char *p = v; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == sep))
            return 0;
    fmt_date(out, y, m, d);
    return s->day_parse(out) != PORTAL_NO_DAY;
}

/* today minus k years, 29 February becoming the 28th */
static void years_before(const struct portal_services *s, const char *today, int k, char out[11])
{
    int y = atoi(today) - k, m = atoi(today + 5), d = atoi(today + 8);
    fmt_date(out, y, m, d);
    if (s->day_parse(out) == PORTAL_NO_DAY)
        fmt_date(out, y, m, d - 1);
}

/* ------------------------------------------------------ filters and SQL */

struct sqlb {
    char sql[4096];
    size_t len;
    const char *args[MAX_BINDS];
    int nargs;
    int overflow;
};

static void add_sql(struct sqlb *b, const char *frag)
{
    size_t n = strlen(frag);
    if (b->len + n + 1 > sizeof b->sql) {
        b->overflow = 1;
        return;
    }
    memcpy(b->sql + b->len, frag, n + 1);
    b->len += n;
}

static void add_arg(struct sqlb *b, const char *v)
{
    if (b->nargs == MAX_BINDS) {
        b->overflow = 1;
        return;
    }
    b->args[b->nargs++] = v;
}

static const char *types_of(portal_req *r, const struct portal_services *s, const struct sqlb *b)
{
    char *t = s->alloc(r, (size_t)b->nargs + 1);
    memset(t, 's', (size_t)b->nargs);
    t[b->nargs] = 0;
    return t;
}

/* every bind is a string; the host reads exactly strlen(types) of them */
#define BINDS(b)                                                                        \
    (b)->args[0], (b)->args[1], (b)->args[2], (b)->args[3], (b)->args[4], (b)->args[5], \
        (b)->args[6], (b)->args[7], (b)->args[8], (b)->args[9], (b)->args[10],          \
        (b)->args[11], (b)->args[12], (b)->args[13], (b)->args[14], (b)->args[15]

struct filters {
    const char *scope;     /* the user's code prefix */
    const char *scope_town; /* the user's township when the scope is one */
    const char *township, *village, *category, *status, *age, *q, *sort;
    const char *today;
    char born_after[11];   /* birth_date > this (exclusive), "" if none */
    char born_upto[11];    /* birth_date <= this, "" if none */
    const char *name_like; /* escaped for LIKE */
    int q_last4;
};

static int all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* the age bands of the filter (titles: labels registry.age) */
static const struct {
    const char *code;
    int lo, hi; /* ages, hi -1 = no upper bound */
} age_bands[] = {
    {"0-2", 0, 2}, {"3-5", 3, 5}, {"6-11", 6, 11}, {"12-15", 12, 15}, {"16-17", 16, 17},
    {"18up", 18, -1},
};

static const char *empty_null(const char *v) { return v && *v ? v : NULL; }

/* read and check the filters; returns a Chinese message on a bad value */
static const char *read_filters(portal_req *r, const struct portal_services *s, struct filters *f)
{
    memset(f, 0, sizeof *f);
    f->scope = s->scope_prefix(r);
    f->today = s->today(r);
    if (f->scope && strlen(f->scope) == 9)
        f->scope_town = s->sprintf(r, "%s000", f->scope);
    f->township = empty_null(s->param(r, "township"));
    f->village = empty_null(s->param(r, "village"));
    f->category = empty_null(s->param(r, "category"));
    f->status = empty_null(s->param(r, "status"));
    f->age = empty_null(s->param(r, "age"));
    f->q = empty_null(s->param(r, "q"));
    f->sort = empty_null(s->param(r, "sort"));
    if (!f->sort)
        f->sort = "name";
    if (strcmp(f->sort, "name") && strcmp(f->sort, "birth") && strcmp(f->sort, "id"))
        return "排序方式不正确。";
    if (f->township && (!all_digits(f->township, 12) || strcmp(f->township + 9, "000") != 0))
        return "乡镇（街道）代码应为 12 位数字。";
    if (f->village && !all_digits(f->village, 12))
        return "村（居）代码应为 12 位数字。";
    if (f->category && !registry_label("registry.category", f->category))
        return "类别不正确。";
    if (f->status && strcmp(f->status, "active") && strcmp(f->status, "exited"))
        return "状态不正确。";
    if (f->age) {
        size_t i;
        for (i = 0; i < sizeof age_bands / sizeof *age_bands; i++)
            if (strcmp(age_bands[i].code, f->age) == 0)
                break;
        if (i == sizeof age_bands / sizeof *age_bands)
            return "年龄段不正确。";
        /* age in [lo, hi]  <=>  today-(hi+1)y < birth_date <= today-lo y */
        years_before(s, f->today, age_bands[i].lo, f->born_upto);
        if (age_bands[i].hi >= 0)
            years_before(s, f->today, age_bands[i].hi + 1, f->born_after);
    }
    if (f->q) {
        size_t n = strlen(f->q);
        int last4 = n == 4;
        for (size_t i = 0; i < n && last4; i++)
            last4 = (f->q[i] >= '0' && f->q[i] <= '9') || ((f->q[i] == 'X' || f->q[i] == 'x') && i == 3);
        if (last4) {
            char *v = s->sprintf(r, "%s", f->q);
            if (v[3] == 'x')
                v[3] = 'X';
            f->q = v;
            f->q_last4 = 1;
        } else {
            f->name_like = s->like_escape(r, f->q); /* a name prefix */
        }
    }
    return NULL;
}

/* the WHERE clause shared by the list, the count and the export.  A village
 * code starts with its township's 9 digits, so a township is also a prefix:
 * the count uses that form (the village index then covers it), the list the
 * township_code form (the township indexes give its order). */
static void add_where(struct sqlb *b, const struct filters *f, int counting)
{
    add_sql(b, " WHERE c.village_code LIKE CONCAT(?, '%')");
    add_arg(b, f->scope);
    if (f->scope_town && !counting) {
        add_sql(b, " AND c.township_code = ?");
        add_arg(b, f->scope_town);
    }
    if (f->township && counting) {
        add_sql(b, " AND c.village_code LIKE CONCAT(LEFT(?, 9), '%')");
        add_arg(b, f->township);
    } else if (f->township) {
        add_sql(b, " AND c.township_code = ?");
        add_arg(b, f->township);
    }
    if (f->village) {
        add_sql(b, " AND c.village_code = ?");
        add_arg(b, f->village);
    }
    if (f->status) {
        add_sql(b, " AND c.status = ?");
        add_arg(b, f->status);
    }
    if (f->born_upto[0]) {
        add_sql(b, " AND c.birth_date <= ?");
        add_arg(b, f->born_upto);
    }
    if (f->born_after[0]) {
        add_sql(b, " AND c.birth_date > ?");
        add_arg(b, f->born_after);
    }
    if (f->name_like) {
        add_sql(b, " AND c.name LIKE CONCAT(?, '%')");
        add_arg(b, f->name_like);
    }
    if (f->q_last4) {
        add_sql(b, " AND c.id_last4 = ?");
        add_arg(b, f->q);
    }
    if (f->category) {
        add_sql(b, " AND EXISTS (SELECT 1 FROM child_categories fc WHERE fc.child_id = c.id "
                   "AND fc.category = ? AND fc.end_date IS NULL)");
        add_arg(b, f->category);
    }
}

/* the sort column for keys and ORDER BY */
static const char *sort_col(const struct filters *f)
{
    return strcmp(f->sort, "birth") == 0 ? "c.birth_date" : "c.name";
}

/* ---------------------------------------------------------------- URL */

/* the query string of the current filters (no paging), starting with '&' */
static const char *filter_query(portal_req *r, const struct portal_services *s,
                                const struct filters *f, int with_sort)
{
    const char *name[] = {"sort", "township", "village", "category", "status", "age", "q"};
    const char *value[] = {with_sort ? f->sort : NULL, f->township, f->village, f->category,
                           f->status, f->age, f->q};
    const char *q = "";
    for (size_t i = 0; i < sizeof name / sizeof *name; i++)
        if (value[i])
            q = s->sprintf(r, "%s&%s=%s", q, name[i], s->url_encode(r, value[i]));
    return q;
}

/* ------------------------------------------------------------ the list */

/* a key "<id>:<value>" (value empty for sort=id); 0 if malformed */
static int parse_key(portal_req *r, const struct portal_services *s, const char *key,
                     const struct filters *f, const char **id, const char **val)
{
    char *end;
    long long n = strtoll(key, &end, 10);
    if (n <= 0 || (*end != ':' && *end != 0))
        return 0;
    *id = s->sprintf(r, "%lld", n);
    *val = *end == ':' ? end + 1 : "";
    if (strcmp(f->sort, "id") != 0 && *end != ':')
        return 0;
    if (strcmp(f->sort, "birth") == 0) {
        char d[11];
        if (!date_norm(s, *val, d))
            return 0;
    }
    return 1;
}

static void set_filters(portal_req *r, const struct portal_services *s, const struct filters *f)
{
    s->set(r, "List.F.sort", f->sort);
    if (f->township) s->set(r, "List.F.township", f->township);
    if (f->village) s->set(r, "List.F.village", f->village);
    if (f->category) s->set(r, "List.F.category", f->category);
    if (f->status) s->set(r, "List.F.status", f->status);
    if (f->age) s->set(r, "List.F.age", f->age);
    if (f->q) s->set(r, "List.F.q", f->q);
    s->labels_hdf(r, "Opts.category", "registry.category");
    s->labels_hdf(r, "List.Ages", "registry.age");
}

/* the township and village choices within the user's scope */
static int set_divisions(portal_req *r, const struct portal_services *s, const struct filters *f)
{
    if (s->db_query_hdf(r, "List.Towns",
                        "SELECT code, name FROM divisions WHERE level = 'township' AND code LIKE "
                        "CONCAT(?, '%') AND (valid_to IS NULL OR valid_to >= ?) ORDER BY code",
                        "ss", f->scope, f->today) < 0)
        return -1;
    /* villages: of the chosen township, or of the user's own township */
    const char *vp = f->township ? s->sprintf(r, "%.9s", f->township)
                                 : strlen(f->scope) >= 9 ? f->scope : NULL;
    if (vp && s->db_query_hdf(r, "List.Villages",
                              "SELECT code, name FROM divisions WHERE level = 'village' AND code "
                              "LIKE CONCAT(?, '%') AND code LIKE CONCAT(?, '%') AND (valid_to IS "
                              "NULL OR valid_to >= ?) ORDER BY code",
                              "sss", f->scope, vp, f->today) < 0)
        return -1;
    return 0;
}

/* where a page starts: after= or before= (at most one), a key of the sort */
struct page_key {
    const char *id, *val; /* NULL: the first page */
    int backward;         /* before=: the page before the key */
};

static const char *read_page_key(portal_req *r, const struct portal_services *s,
                                 const struct filters *f, struct page_key *k)
{
    const char *after = empty_null(s->param(r, "after"));
    const char *before = empty_null(s->param(r, "before"));
    memset(k, 0, sizeof *k);
    if (after && before)
        return "分页位置不正确。";
    if (!after && !before)
        return NULL;
    if (!parse_key(r, s, after ? after : before, f, &k->id, &k->val))
        return "分页位置不正确，请回到第一页。";
    k->backward = before != NULL;
    return NULL;
}

/* the page's query: (col, id) past the key in the direction of travel, one
 * row more than a page to know whether another follows; rows come in the
 * order they are shown (a backward page is read in reverse, then turned) */
static void page_sql(struct sqlb *b, const struct filters *f, const struct page_key *k)
{
    int by_id = strcmp(f->sort, "id") == 0, bw = k->backward;
    const char *col = sort_col(f);
    if (bw) /* page_n: the rows found, known at the first (the extra one) */
        add_sql(b, "SELECT p.*, COUNT(*) OVER () AS page_n FROM (");
    add_sql(b, "SELECT c.id, c.name, c.sex, c.birth_date AS birth, TIMESTAMPDIFF(YEAR, "
               "c.birth_date, ?) AS age, c.id_masked AS masked, c.status, c.village_code, "
               "(SELECT GROUP_CONCAT(cc.category ORDER BY cc.category) FROM child_categories cc "
               "WHERE cc.child_id = c.id AND cc.end_date IS NULL) AS cat_codes FROM children c");
    add_arg(b, f->today);
    add_where(b, f, 0);
    if (k->id && by_id) {
        add_sql(b, bw ? " AND c.id > CAST(? AS SIGNED)" : " AND c.id < CAST(? AS SIGNED)");
        add_arg(b, k->id);
    } else if (k->id) {
        char frag[200];
        snprintf(frag, sizeof frag, " AND %s %s ? AND (%s %s ? OR c.id %s CAST(? AS SIGNED))", col,
                 bw ? "<=" : ">=", col, bw ? "<" : ">", bw ? "<" : ">");
        add_sql(b, frag);
        add_arg(b, k->val);
        add_arg(b, k->val);
        add_arg(b, k->id);
    }
    char order[160];
    const char *outer = by_id ? "id" : strcmp(f->sort, "birth") == 0 ? "birth" : "name";
    if (by_id)
        snprintf(order, sizeof order, " ORDER BY c.id %s LIMIT 51", bw ? "ASC" : "DESC");
    else
        snprintf(order, sizeof order, " ORDER BY %s %s, c.id %s LIMIT 51", col,
                 bw ? "DESC" : "ASC", bw ? "DESC" : "ASC");
    add_sql(b, order);
    if (bw) {
        snprintf(order, sizeof order, ") p ORDER BY %s%s", outer, by_id ? " DESC" : ", id");
        add_sql(b, order);
    }
}

/* a row's paging key "<id>:<value of the sort>" ("<id>" for sort=id) */
static const char *row_key(portal_req *r, const struct portal_services *s,
                           const struct filters *f, portal_rows *rows)
{
    if (strcmp(f->sort, "id") == 0)
        return s->col(rows, "id");
    return s->sprintf(r, "%s:%s", s->col(rows, "id"),
                      s->col(rows, strcmp(f->sort, "birth") == 0 ? "birth" : "name"));
}

/* one page of rows into List.Rows with List.Prev and List.Next; returns
 * the rows shown, or -1.  *more: another page follows in the direction of
 * travel */
static int page_rows(portal_req *r, const struct portal_services *s, const struct filters *f,
                     const struct page_key *k, int *more)
{
    struct sqlb b;
    memset(&b, 0, sizeof b);
    page_sql(&b, f, k);
    if (b.overflow)
        return -1;
    portal_rows *rows = s->db_query(r, b.sql, types_of(r, s, &b), BINDS(&b));
    if (!rows)
        return -1;
    /* the extra row is after the page forward, before it backward */
    int n = 0, have = s->db_next(rows);
    *more = 0;
    if (have && k->backward && atoi(s->col(rows, "page_n")) > PAGE_ROWS) {
        *more = 1;
        have = s->db_next(rows);
    }
    const char *kfirst = NULL, *klast = NULL;
    for (; have && n < PAGE_ROWS; have = s->db_next(rows)) {
        const char *p = s->sprintf(r, "List.Rows.%d", n++);
        s->put_row(r, p, rows);
        const char *codes = s->col(rows, "cat_codes");
        char *cats = s->sprintf(r, "%s", codes ? codes : ""), *save = NULL;
        int m = 0;
        for (char *c = strtok_r(cats, ",", &save); c; c = strtok_r(NULL, ",", &save))
            s->set(r, s->sprintf(r, "%s.cats.%d", p, m++), c); /* titles: the template */
        klast = row_key(r, s, f, rows);
        kfirst = kfirst ? kfirst : klast;
    }
    if (!k->backward)
        *more = have;
    /* forward: a previous page exists if we came from a key; a next one if
     * the query found more.  Backward: the mirror image. */
    if (n > 0 && (k->backward ? *more : k->id != NULL))
        s->set(r, "List.Prev", kfirst);
    if (n > 0 && (k->backward || *more))
        s->set(r, "List.Next", klast);
    s->set_int(r, "List.Shown", n);
    return n;
}

/* List.Total: from the per-village summary when only the scope, township,
 * village and status filter; otherwise a capped count.  0, or -1 */
static int page_total(portal_req *r, const struct portal_services *s, const struct filters *f)
{
    struct sqlb cb;
    memset(&cb, 0, sizeof cb);
    int simple = !f->category && !f->born_upto[0] && !f->born_after[0] && !f->name_like &&
                 !f->q_last4;
    if (simple) {
        add_sql(&cb, "SELECT COALESCE(SUM(n), 0) FROM registry_counts c WHERE c.village_code "
                     "LIKE CONCAT(?, '%')");
        add_arg(&cb, f->scope);
        if (f->township) {
            add_sql(&cb, " AND c.village_code LIKE CONCAT(LEFT(?, 9), '%')");
            add_arg(&cb, f->township);
        }
        if (f->village) {
            add_sql(&cb, " AND c.village_code = ?");
            add_arg(&cb, f->village);
        }
        if (f->status) {
            add_sql(&cb, " AND c.status = ?");
            add_arg(&cb, f->status);
        }
    } else {
        add_sql(&cb, "SELECT COUNT(*) FROM (SELECT 1 FROM children c");
        add_where(&cb, f, 1);
        add_sql(&cb, " LIMIT 10001) t");
    }
    if (cb.overflow)
        return -1;
    portal_rows *cr = s->db_query(r, cb.sql, types_of(r, s, &cb), BINDS(&cb));
    if (!cr || !s->db_next(cr))
        return -1;
    long long total = atoll(s->db_col(cr, 0));
    if (!simple && total > COUNT_CAP)
        s->set(r, "List.Total", "10000+");
    else
        s->set_int(r, "List.Total", total);
    return 0;
}

int child_list_get(portal_req *r, const struct portal_services *s)
{
    struct filters f;
    const char *err = read_filters(r, s, &f);
    if (err)
        return s->fail(r, 400, err);
    set_filters(r, s, &f);
    s->set_int(r, "List.CanExport", s->has_perm(r, "registry.export"));
    s->set_int(r, "List.CanEdit", s->has_perm(r, "registry.edit"));
    /* the office's open notices (children transferred in, duplicates to check) */
    const struct portal_user *u = s->user(r);
    portal_rows *nq = s->db_query(r, "SELECT COUNT(*) FROM registry_notices WHERE "
                                     "division_code = ? AND done_at IS NULL", "s",
                                  u && u->division ? u->division : "");
    if (!nq || !s->db_next(nq))
        return 500;
    s->set(r, "List.Notices", s->db_col(nq, 0));
    s->set(r, "List.Base", s->sprintf(r, "/children?%s", filter_query(r, s, &f, 1) + 1));
    s->set(r, "List.Export", s->sprintf(r, "/children/export.csv?%s", filter_query(r, s, &f, 1) + 1));
    if (!f.scope) {
        /* no jurisdiction, no children */
        s->set(r, "List.Shown", "0");
        s->set(r, "List.Total", "0");
        return s->render(r, "child_list.cs", "儿童台账");
    }
    if (set_divisions(r, s, &f) != 0)
        return 500;
    struct page_key k;
    if ((err = read_page_key(r, s, &f, &k)))
        return s->fail(r, 400, err);
    int more, n = page_rows(r, s, &f, &k, &more);
    if (n < 0)
        return 500;
    /* a first page that is not full is its own total */
    if (!k.id && !more)
        s->set_int(r, "List.Total", n);
    else if (page_total(r, s, &f) != 0)
        return 500;
    return s->render(r, "child_list.cs", "儿童台账");
}

/* ------------------------------------------------------------ the export */

struct csv_out {
    portal_req *r;
    const struct portal_services *s;
    long long rows;
};

/* one CSV cell through the host's writer (quoting, formula cells) */
static void csv_cell(struct csv_out *o, const char *v, int last)
{
    o->s->csv_cell(o->r, v, last);
}

static int export_row(void *ctx, portal_rows *rows)
{
    struct csv_out *o = ctx;
    const struct portal_services *s = o->s;
    const char *sex = s->db_col(rows, 1);
    const char *masked = s->db_col(rows, 5);
    const char *status = s->db_col(rows, 10);
    char cats[512];
    cats[0] = 0;
    const char *cc = s->db_col(rows, 9);
    if (cc) {
        /* codes -> labels; the callback must not run queries, so no s->sprintf churn */
        const char *p = cc;
        size_t used = 0;
        while (*p) {
            const char *e = strchr(p, ',');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char code[40];
            if (n < sizeof code) {
                memcpy(code, p, n);
                code[n] = 0;
                const char *l = registry_label("registry.category", code);
                int w = snprintf(cats + used, sizeof cats - used, "%s%s", used ? "、" : "",
                                 l ? l : code);
                if (w > 0 && (size_t)w < sizeof cats - used)
                    used += (size_t)w;
            }
            p += n;
            if (*p == ',')
                p++;
        }
    }
    csv_cell(o, s->db_col(rows, 0), 0);
    const char *sex_title = registry_label("registry.sex", sex);
    csv_cell(o, sex_title ? sex_title : "", 0);
    csv_cell(o, s->db_col(rows, 2), 0);
    csv_cell(o, s->db_col(rows, 3), 0);
    csv_cell(o, s->db_col(rows, 4), 0);
    csv_cell(o, masked ? masked : "无身份证号", 0);
    csv_cell(o, s->db_col(rows, 6), 0);
    csv_cell(o, s->db_col(rows, 7), 0);
    csv_cell(o, s->db_col(rows, 8), 0);
    csv_cell(o, cats, 0);
    csv_cell(o, registry_label("registry.status", status ? status : "active"), 1);
    o->rows++;
    return 0;
}

int child_export_get(portal_req *r, const struct portal_services *s)
{
    struct filters f;
    const char *err = read_filters(r, s, &f);
    if (err)
        return s->fail(r, 400, err);
    const char *fq = filter_query(r, s, &f, 1);
    char day[9];
    snprintf(day, sizeof day, "%.4s%.2s%.2s", f.today, f.today + 5, f.today + 8);
    s->header(r, "Content-Type", "text/csv; charset=utf-8");
    s->header(r, "Content-Disposition",
              s->sprintf(r, "attachment; filename=\"children-%s.csv\"", day));

    struct csv_out *o = s->alloc(r, sizeof *o);
    o->r = r;
    o->s = s;
    s->write(r, "\xEF\xBB\xBF", 3);
    static const char *head[] = {"姓名", "性别", "出生日期", "年龄", "民族", "身份证号（脱敏）",
                                 "乡镇（街道）", "村（居）", "现住址", "类别", "状态"};
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        csv_cell(o, head[i], i + 1 == sizeof head / sizeof *head);

    /* audited before the first row goes out, with the number of rows it
     * holds: an export whose audit row cannot be written never leaves (the
     * host refuses to start the output of a request whose audit failed) */
    long long total = 0;
    if (f.scope) {
        struct sqlb cb;
        memset(&cb, 0, sizeof cb);
        add_sql(&cb, "SELECT COUNT(*) FROM children c");
        add_where(&cb, &f, 0);
        if (cb.overflow)
            return 500;
        portal_rows *cr = s->db_query(r, cb.sql, types_of(r, s, &cb), BINDS(&cb));
        if (!cr || !s->db_next(cr))
            return 500;
        total = atoll(s->db_col(cr, 0));
    }
    s->audit(r, "child.export", "children", NULL,
             s->sprintf(r, "rows=%lld filters=%s", total, *fq ? fq + 1 : ""));

    long long n = 0;
    if (f.scope) {
        struct sqlb b;
        memset(&b, 0, sizeof b);
        add_sql(&b, "SELECT c.name, c.sex, c.birth_date, TIMESTAMPDIFF(YEAR, c.birth_date, ?), "
                    "c.ethnicity, c.id_masked, (SELECT t.name FROM divisions t WHERE t.code = "
                    "c.township_code), (SELECT v.name FROM divisions v WHERE v.code = "
                    "c.village_code), c.address, (SELECT GROUP_CONCAT(cc.category ORDER BY "
                    "cc.category) FROM child_categories cc WHERE cc.child_id = c.id AND "
                    "cc.end_date IS NULL), c.status FROM children c");
        add_arg(&b, f.today);
        add_where(&b, &f, 0);
        if (strcmp(f.sort, "id") == 0)
            add_sql(&b, " ORDER BY c.id DESC");
        else
            add_sql(&b, strcmp(f.sort, "birth") == 0 ? " ORDER BY c.birth_date, c.id"
                                                     : " ORDER BY c.name, c.id");
        if (b.overflow)
            return 500;
        n = s->db_stream(r, export_row, o, b.sql, types_of(r, s, &b), BINDS(&b));
        if (n < 0) {
            s->log("RG0201", "export query failed after %lld rows", o->rows);
            if (!s->output_sent(r))
                return s->fail(r, 500, NULL); /* nothing sent yet: an error page */
        } else if (o->rows != total) {
            s->log("RG0202", "export holds %lld rows, %lld when it was audited", o->rows, total);
        }
    }
    return 200;
}

/* ------------------------------------------------------------ the import */

static const char *import_columns[] = {"姓名", "性别", "出生日期", "民族", "身份证号", "无证原因",
                                       "村（居）代码", "户籍地址", "现住址", "类别", "认定依据",
                                       "开始日期"};
#define NCOLS 12
enum { C_NAME, C_SEX, C_BIRTH, C_ETHN, C_ID, C_NOID, C_VILLAGE, C_HUKOU, C_ADDR, C_CAT, C_BASIS,
       C_START };

struct csv_rec {
    int line;                 /* the line the record starts on (the header: 1) */
    int nf;
    const char *f[NCOLS + 1]; /* trimmed; extra columns beyond NCOLS are counted, not kept */
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
    int nrec; /* the records of the file */
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

/* the next record of the host's CSV reader, its cells trimmed: the number
 * of cells, 0 at the end, -1 for a malformed record (s->csv_error says) */
static int next_record(portal_req *r, const struct portal_services *s, portal_csv *csv,
                       struct csv_rec *rec)
{
    const char **cells;
    int n = s->csv_next(csv, &cells);
    rec->line = (int)s->csv_line(csv);
    rec->nf = n > 0 ? n : 0;
    for (int i = 0; i < rec->nf && i <= NCOLS; i++)
        rec->f[i] = s->trim(r, cells[i]);
    return n;
}

static int rec_blank(const struct csv_rec *rec)
{
    for (int i = 0; i < rec->nf && i <= NCOLS; i++)
        if (rec->f[i][0])
            return 0;
    return 1;
}

static const char *field_at(const struct csv_rec *rec, int i)
{
    return i < rec->nf ? rec->f[i] : "";
}

/* count UTF-8 characters */
static size_t nchars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
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

/* name, sex, birth date, ethnicity; 1 when the birth date is usable */
static int import_person(struct import_ctx *c, struct import_row *row, const struct csv_rec *rec,
                         const char *today)
{
    int line = row->line;
    row->name = field_at(rec, C_NAME);
    if (!*row->name)
        add_err(c, line, "姓名", "缺少姓名。");
    else if (nchars(row->name) > 20 || strlen(row->name) > 64)
        add_err(c, line, "姓名", "姓名过长（最多 20 个字）。");
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

    const char *birth = field_at(rec, C_BIRTH);
    int birth_ok = 0;
    if (!*birth)
        add_err(c, line, "出生日期", "缺少出生日期。");
    else if (!date_norm(c->s, birth, row->birth))
        add_err(c, line, "出生日期", "出生日期格式不正确（应为 YYYY-MM-DD，如 2015-03-08）。");
    else if (strcmp(row->birth, today) > 0)
        add_err(c, line, "出生日期", "出生日期晚于今天。");
    else
        birth_ok = 1;

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
    int visible = s->in_scope(r, s->db_col(d, 1));
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
                             struct import_row *row, const struct csv_rec *rec, int birth_ok)
{
    int line = row->line;
    const char *id = field_at(rec, C_ID);
    row->no_id = field_at(rec, C_NOID);
    if (!*id) {
        row->id = NULL;
        if (!*row->no_id)
            add_err(c, line, "身份证号", "缺少身份证号；没有身份证号的儿童请填写无证原因。");
        else if (strlen(row->no_id) > 100)
            add_err(c, line, "无证原因", "无证原因过长（最多 100 字节）。");
        return;
    }
    char *u = c->s->sprintf(c->r, "%s", id), bd[11];
    int isex = 0;
    if (strlen(u) == 18 && u[17] == 'x')
        u[17] = 'X';
    row->id = u;
    enum idcard_fault fault = idcard_check(u, bd, &isex);
    if (fault == ID_SHAPE)
        add_err(c, line, "身份证号", "身份证号应为 18 位（最后一位可为 X）；如被 Excel 改成科学计数法，请把该列设为文本。");
    else if (fault == ID_CHECK_CHAR)
        add_err(c, line, "身份证号", "身份证号校验位不正确。");
    else if (fault == ID_BIRTH_DATE)
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
                         const struct csv_rec *rec)
{
    int line = row->line;
    row->village = field_at(rec, C_VILLAGE);
    if (!*row->village)
        add_err(c, line, "村（居）代码", "缺少村（居）代码。");
    else if (!all_digits(row->village, 12))
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
    if (strlen(row->hukou) > 200)
        add_err(c, line, "户籍地址", "户籍地址过长（最多 200 字节）。");
    if (strlen(row->address) > 200)
        add_err(c, line, "现住址", "现住址过长（最多 200 字节）。");
}

/* the category, its basis and its start date */
static void import_category(struct import_ctx *c, struct import_row *row,
                            const struct csv_rec *rec, const char *today, int birth_ok)
{
    int line = row->line;
    const char *cat = field_at(rec, C_CAT);
    if (!*cat)
        add_err(c, line, "类别", "缺少类别。");
    else if (!(row->category = category_code(cat)))
        add_err(c, line, "类别", c->s->sprintf(c->r, "未知的类别（可填：%s）。",
                                               category_titles(c->r, c->s)));

    row->basis = field_at(rec, C_BASIS);
    if (!*row->basis)
        add_err(c, line, "认定依据", "缺少认定依据。");
    else if (strlen(row->basis) > 200)
        add_err(c, line, "认定依据", "认定依据过长（最多 200 字节）。");

    const char *start = field_at(rec, C_START);
    if (!*start)
        add_err(c, line, "开始日期", "缺少开始日期。");
    else if (!date_norm(c->s, start, row->start))
        add_err(c, line, "开始日期", "开始日期格式不正确（应为 YYYY-MM-DD）。");
    else if (strcmp(row->start, today) > 0)
        add_err(c, line, "开始日期", "开始日期晚于今天。");
    else if (birth_ok && strcmp(row->start, row->birth) < 0)
        add_err(c, line, "开始日期", "开始日期早于出生日期。");
}

/* one record: every fault is listed; a clean row is kept for the write */
static void check_row(struct import_ctx *c, struct import_state *st, const struct csv_rec *rec,
                      const char *today)
{
    struct import_row *row = &st->rows[st->nrows];
    int errs0 = c->nerrs;
    memset(row, 0, sizeof *row);
    row->line = rec->line;
    if (rec->nf > NCOLS + 1 || (rec->nf == NCOLS + 1 && rec->f[NCOLS][0]))
        add_err(c, row->line, "—", "列数多于 12 列，请使用页面上的模板。");
    int birth_ok = import_person(c, row, rec, today);
    import_id_number(c, st, row, rec, birth_ok);
    import_place(c, st, row, rec);
    import_category(c, row, rec, today, birth_ok);
    if (c->nerrs == errs0)
        st->nrows++;
}

static void set_columns(portal_req *r, const struct portal_services *s)
{
    for (int i = 0; i < NCOLS; i++)
        s->set(r, s->sprintf(r, "Import.Columns.%d", i), import_columns[i]);
    s->labels_hdf(r, "Opts.category", "registry.category");
    s->set_int(r, "Import.MaxRows", IMPORT_MAX_ROWS);
}

int child_import_get(portal_req *r, const struct portal_services *s)
{
    set_columns(r, s);
    return s->render(r, "child_import.cs", "导入台账");
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
            idcard_mask(w->id, m);
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
                                      registry_label("registry.category", w->category))) != 0 ||
            s->child_category(r, cid, w->category, 1, w->start, w->basis) != 0)
            return -1;
    }
    return 0;
}

/* records that are not blank after the header (a malformed one counts and
 * ends the file): what the limit is checked against before any check */
static int count_records(portal_req *r, const struct portal_services *s, const void *data,
                         size_t len)
{
    portal_csv *csv = s->csv_open(r, data, len);
    struct csv_rec rec;
    memset(&rec, 0, sizeof rec);
    int n = 0, k = next_record(r, s, csv, &rec);
    while (k > 0 && (k = next_record(r, s, csv, &rec)) != 0)
        if (k < 0 || !rec_blank(&rec))
            n++;
    return n;
}

/* the uploaded file: CSV with the template's header and 1 to
 * IMPORT_MAX_ROWS records.  Returns NULL with *csv just past the header
 * (rec holds it), or the Chinese message of the report */
static const char *import_open(struct import_ctx *c, portal_csv **csv, struct csv_rec *rec)
{
    portal_req *r = c->r;
    const struct portal_services *s = c->s;
    size_t len = 0;
    const char *fname = NULL;
    const char *data = s->upload(r, "file", &len, &fname, NULL);
    if (!data)
        return "请选择要上传的台账文件。";
    if (fname)
        s->set(r, "Import.File", fname);
    if (!s->scope_prefix(r))
        return "您的账户没有辖区，不能导入。";
    *csv = s->csv_open(r, data, len);
    memset(rec, 0, sizeof *rec);
    int k = next_record(r, s, *csv, rec);
    if (k == 0)
        return "文件是空的。";
    if (k < 0)
        return s->sprintf(r, "文件无法读取：%s请在 Excel 中选择“另存为”→“CSV UTF-8（逗号分隔）”"
                             "后再上传。", s->csv_error(*csv));
    for (int i = 0; i < NCOLS; i++)
        if (strcmp(field_at(rec, i), import_columns[i]) != 0) {
            add_err(c, 1, import_columns[i],
                    s->sprintf(r, "第 1 行应为表头，第 %d 列应为“%s”。", i + 1, import_columns[i]));
            return "表头与模板不一致，未做检查。";
        }
    c->nrec = count_records(r, s, data, len);
    if (c->nrec == 0)
        return "文件中没有数据行。";
    if (c->nrec > IMPORT_MAX_ROWS)
        return s->sprintf(r, "文件有 %d 行数据，超过每个文件 %d 行的上限，请分成几个文件导入。",
                          c->nrec, IMPORT_MAX_ROWS);
    return NULL;
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
    portal_rows *vr = s->db_query(r, "SELECT code, parent_code FROM divisions WHERE level = "
                                     "'village' AND code LIKE CONCAT(?, '%') AND (valid_to IS "
                                     "NULL OR valid_to >= ?)",
                                  "ss", s->scope_prefix(r), s->today(r));
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

int child_import_post(portal_req *r, const struct portal_services *s)
{
    const char *mode = s->param(r, "mode");
    int commit = mode && strcmp(mode, "commit") == 0;
    if (mode && *mode && !commit && strcmp(mode, "dry") != 0)
        return s->fail(r, 400, "导入方式不正确。");
    s->set(r, "Import.Mode", commit ? "commit" : "dry");
    struct import_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.s = s;
    portal_csv *csv = NULL;
    struct csv_rec rec;
    const char *msg = import_open(&c, &csv, &rec);
    if (msg)
        return import_report(r, s, &c, msg);
    struct import_state st;
    if (import_prepare(r, s, &st, c.nrec) != 0)
        return 500;
    c.dup_left = registry_dup_left(r, s);
    if (c.dup_left < 0)
        return 500;
    if (c.dup_left == 0)
        return registry_dup_refuse(r, s);
    const char *today = s->today(r);
    int total = 0, rc;
    while ((rc = next_record(r, s, csv, &rec)) != 0) {
        if (rc < 0) {
            add_err(&c, rec.line, "—", s->sprintf(r, "%s该行起到文件末尾无法读取。",
                                                  s->csv_error(csv)));
            total++;
            break;
        }
        if (rec_blank(&rec))
            continue;
        total++;
        check_row(&c, &st, &rec, today);
    }
    s->set_int(r, "Import.Total", total);
    s->set_int(r, "Import.Good", st.nrows);

    if (c.nerrs || !commit) {
        s->audit(r, commit ? "child.import.refused" : "child.import.check", "children", NULL,
                 s->sprintf(r, "rows=%d bad=%d id_checks=%d on_file_in_scope=%d outside=%d",
                            total, c.bad_rows, c.dup_checked, c.dup_in, c.dup_out));
        if (c.nerrs && commit)
            return import_report(r, s, &c, "文件中有错误，未导入任何记录。请改正后重新检查。");
        return import_report(r, s, &c, NULL);
    }
    rc = import_write(r, s, &st);
    if (rc > 0)
        return rc;
    if (rc < 0) {
        /* all or nothing: the report answers 409, so the host rolls back
         * every row of the file written so far */
        s->log("RG0202", "import of %d rows rolled back", st.nrows);
        rc = import_report(r, s, &c, "导入时出错（可能有人同时录入了相同的身份证号），已全部撤销，未导入任何记录。请重新检查后再试。");
        return rc == 200 ? 409 : rc;
    }
    s->audit(r, "child.import", "children", NULL, s->sprintf(r, "rows=%d", st.nrows));
    s->flash(r, s->sprintf(r, "已导入 %d 名儿童的档案。", st.nrows));
    return s->redirect(r, "/children?sort=id");
}
