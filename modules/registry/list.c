/*
 * list.c - the registry list (台账) and its CSV export (import.c: the import).
 *
 * Every query is confined to the user's scope with s->scope_sql (the one
 * check for a list): a division-scoped user's villages, or the children
 * linked to an organisation-scoped user's organisation (a school, a
 * hospital...); no scope, no rows.  The SQL text is assembled from fixed fragments chosen by code; every
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
#define MAX_BINDS 20 /* a name search with every filter on a later page: 19 */

const struct portal_param list_params[] = {
    {"township", PP_CODE, 12, 0, "乡镇（街道）"},
    {"village", PP_CODE, 12, 0, "村（居）"},
    {"category", PP_CODE, 32, 0, "类别"},
    {"status", PP_CODE, 10, 0, "状态"},
    {"age", PP_CODE, 8, 0, "年龄段"},
    {"q", PP_TEXT, 64, 0, "姓名或身份证号"},
    {"sort", PP_CODE, 8, 0, "排序"},
    {"after", PP_TEXT, 200, 0, "分页位置"},
    {"before", PP_TEXT, 200, 0, "分页位置"},
    /* the exports: full ID numbers (export.full_id; the purpose: export_begin) */
    {"full_id", PP_INT, 1, 0, "导出完整身份证号"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ categories */

/* the category codes (child_categories.category); their names are the
 * core's one table, labels "core.category" */
static const char *const category_codes[] = {"orphan", "de_facto_unsupported", "tekun", "dibao",
                                             "ill_disabled", "guardianship", "temporary", NULL};

/* the national name of a category code, NULL when it is none */
const char *registry_category(portal_req *r, const struct portal_services *s, const char *code)
{
    const char *t = code ? s->label(r, "core.category", code) : NULL;
    return t && strcmp(t, code) != 0 ? t : NULL;
}

/* a code or a Chinese label (with or without the trailing 儿童) -> code */
const char *registry_category_code(portal_req *r, const struct portal_services *s,
                                   const char *text)
{
    for (const char *const *c = category_codes; *c; c++) {
        const char *l = registry_category(r, s, *c);
        size_t n = strlen(l), k = strlen("儿童");
        if (strcmp(*c, text) == 0 || strcmp(l, text) == 0)
            return *c;
        if (n > k && strcmp(l + n - k, "儿童") == 0 && strlen(text) == n - k &&
            strncmp(l, text, n - k) == 0)
            return *c;
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
const char *registry_category_titles(portal_req *r, const struct portal_services *s)
{
    const char *out = "";
    for (const char *const *c = category_codes; *c; c++)
        out = s->sprintf(r, "%s%s%s", out, *out ? "、" : "", registry_category(r, s, *c));
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
int registry_date_norm(const struct portal_services *s, const char *v, char out[11])
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
        (b)->args[11], (b)->args[12], (b)->args[13], (b)->args[14], (b)->args[15],      \
        (b)->args[16], (b)->args[17], (b)->args[18], (b)->args[19]

struct filters {
    const char *scope_sql; /* s->scope_sql on children c, and its two binds */
    const char *scope_a1, *scope_a2;
    const char *prefix;     /* a division-scoped user's code prefix (NULL: none) */
    const char *scope_town; /* the user's township when the scope is one */
    const char *scope_village; /* the user's village when the scope is one */
    const char *set_villages;  /* "a,b": the villages of a set user's scope, when several */
    int villages;           /* the user's scope is a set of villages (issue 15) */
    const char *rc_scope, *rc_arg; /* the scope on the summary's villages (rc) */
    const char *township, *village, *category, *status, *age, *q, *sort;
    const char *today;
    const char *division;   /* the user's division: the office's notices */
    const char *notices;    /* their count kept by this worker (NULL: ask) */
    const char *total_key;  /* the key of the total kept (total_kept), NULL: none */
    const char *total;      /* the total kept by this worker (NULL: ask) */
    char born_after[11];   /* birth_date > this (exclusive), "" if none */
    char born_upto[11];    /* birth_date <= this, "" if none */
    const char *name_like; /* escaped for LIKE: any part of the name */
    const char *gram;      /* a division-scoped user's name search: the fragment
                            * whose gram's rows it reads (core 047), their scope */
    const char *gscope_sql, *gscope_a1, *gscope_a2;
    int q_last4;
    const char *q_hmac;    /* a full ID number's lookup (never the number) */
};

int registry_digits(const char *s, size_t n)
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
    f->scope_sql = s->scope_sql(r, "c", &f->scope_a1, &f->scope_a2);
    f->prefix = s->scope_prefix(r);
    f->today = s->today(r);
    if (f->prefix && strlen(f->prefix) == 9)
        f->scope_town = s->sprintf(r, "%s000", f->prefix);
    const char *vs = s->scope_villages(r);
    f->scope_village = vs && strlen(vs) == 12 ? vs : NULL;
    f->set_villages = vs && strchr(vs, ',') ? vs : NULL;
    f->villages = !f->prefix && vs; /* no prefix: a set user's (or an organisation's) */
    f->rc_scope = s->scope_where(r, "rc.village_code", &f->rc_arg);
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
    if (f->township &&
        (!registry_digits(f->township, 12) || strcmp(f->township + 9, "000") != 0))
        return "乡镇（街道）代码应为 12 位数字。";
    if (f->village && !registry_digits(f->village, 12))
        return "村（居）代码应为 12 位数字。";
    if (f->category && !registry_category(r, s, f->category))
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
        char *id = s->sprintf(r, "%s", f->q), birth[11];
        int sex;
        if (n == 18 && id[17] == 'x')
            id[17] = 'X';
        if (n == 18 && s->id_number_check(id, birth, &sex) == PORTAL_ID_OK) {
            f->q_hmac = s->hmac(r, id);
            if (!f->q_hmac)
                return "暂时无法按身份证号查询，请稍后再试。";
        } else if (last4) {
            char *v = s->sprintf(r, "%s", f->q);
            if (v[3] == 'x')
                v[3] = 'X';
            f->q = v;
            f->q_last4 = 1;
        } else {
            f->name_like = s->like_escape(r, f->q); /* any part of the name */
            if (f->prefix) {
                f->gram = f->q;
                f->gscope_sql = s->scope_sql(r, "g", &f->gscope_a1, &f->gscope_a2);
                if (!f->gscope_sql)
                    f->scope_sql = NULL; /* no scope, no rows: a 500 */
            }
        }
    }
    return NULL;
}

/* " AND <frag>" with its one bind, when the filter has a value */
static void add_cond(struct sqlb *b, const char *frag, const char *v)
{
    if (!v || !*v)
        return;
    add_sql(b, frag);
    add_arg(b, v);
}

/* the columns a query filters and sorts on: a name search's gram rows g
 * (core 047: copies of the child's), else the children c */
static const char *fa(const struct filters *f)
{
    return f->gram ? "g" : "c";
}

/* " AND <alias>.<frag>" with its one bind, when the filter has a value */
static void add_cond_a(struct sqlb *b, const struct filters *f, const char *frag, const char *v)
{
    char c[160];
    snprintf(c, sizeof c, " AND %s.%s", fa(f), frag);
    add_cond(b, c, v);
}

/* A name search's rows (core 047): the gram's entries in the key of
 * the page's order (the name's within a township too), each joined to its
 * child; a count's (`count`) in the key that holds the name (its LIKE) or,
 * over several townships under an age band, the birth date, unjoined.
 * Each key holds the scope's columns, so the capped count reads its
 * entries alone. */
static void gram_from(struct sqlb *b, const struct filters *f, int count)
{
    int town = f->scope_town || f->township, band = f->born_upto[0] || f->born_after[0];
    const char *key = count ? (town ? "gram_town_name" : band ? "gram_birth" : "gram_name")
                      : strcmp(f->sort, "id") == 0    ? "gram_id"
                      : strcmp(f->sort, "birth") == 0 ? "gram_birth"
                      : town                          ? "gram_town_name"
                                                      : "gram_name";
    char from[160];
    snprintf(from, sizeof from, " FROM child_name_grams g FORCE INDEX (%s)%s", key,
             count ? "" : " STRAIGHT_JOIN children c ON c.id = g.id");
    add_sql(b, from);
}

/* the WHERE clause shared by the list, the count and the export.  The
 * township as township_code (the scope's, or the filter's): the township
 * keys (town_name, town_birth, town_id, town_last4) then give a range of the
 * township, for the count too (its birth range, the holders of an ID's
 * last four digits), never the township's every child.  A name search
 * reads the gram's rows (gram_from) under the same filters, and the rows
 * shown (`rows`) are in the scope by the child's own row too.  `kept`: the
 * rows are the kept list rows (core 049), which hold the open codes. */
static void add_where(struct sqlb *b, const struct filters *f, int rows, int kept)
{
    add_sql(b, " WHERE ");
    if (f->gram) {
        /* the fragment's one character, or its last two: every name
         * holding the fragment holds them (sql/047_name_grams.sql) */
        add_cond(b, "g.gram = RIGHT(?, 2) AND ", f->gram);
        add_sql(b, f->gscope_sql);
        add_arg(b, f->gscope_a1);
        add_arg(b, f->gscope_a2);
        if (rows)
            add_sql(b, " AND ");
    }
    if (!f->gram || rows) {
        add_sql(b, f->scope_sql);
        add_arg(b, f->scope_a1);
        add_arg(b, f->scope_a2);
    }
    /* the scope's township once: the same test twice was two conditions
     * for MariaDB's optimizer to weigh */
    if (!(f->township && f->scope_town && strcmp(f->township, f->scope_town) == 0))
        add_cond_a(b, f, "township_code = ?", f->scope_town);
    add_cond_a(b, f, "township_code = ?", f->township);
    /* a village's user in the kept rows: the scope's village as an
     * equality (the scope's LIKE of all twelve digits is a range, which
     * the village keys would read, then sort; a set of one village's
     * scope is an equality already), once */
    if (kept && f->prefix &&
        !(f->village && f->scope_village && strcmp(f->village, f->scope_village) == 0))
        add_cond_a(b, f, "village_code = ?", f->scope_village);
    add_cond_a(b, f, "village_code = ?", f->village);
    /* a set of villages' user in the kept rows: the set's villages tested
     * in each entry read before the scope's semi-join on the divisions
     * (whose utf8mb4 codes cannot look up the kept rows' ascii ones in a
     * key: each entry read was joined to them, 4x the time) */
    if (kept && f->set_villages && !f->village)
        add_cond(b, " AND FIND_IN_SET(c.village_code, ?) > 0", f->set_villages);
    add_cond_a(b, f, "status = ?", f->status);
    add_cond_a(b, f, "birth_date <= ?", f->born_upto);
    add_cond_a(b, f, "birth_date > ?", f->born_after);
    add_cond_a(b, f, "name LIKE CONCAT('%', ?, '%')", f->name_like);
    add_cond(b, " AND c.id_hmac = ?", f->q_hmac);
    add_cond(b, " AND c.id_last4 = ?", f->q_last4 ? f->q : NULL);
    /* a subquery per child read in the order's key, not EXISTS: MariaDB
     * made that a semi-join materializing the category's every holder in
     * the county (46,000 orphans at 1,000,000 children, each then read by
     * its primary key and sorted) where the order's key meets a holder
     * every ~20 children (the rarest category is ~4.5% of them) */
    char cat[200];
    snprintf(cat, sizeof cat, " AND (SELECT 1 FROM child_categories fc WHERE fc.child_id = "
             "%s.id AND fc.category = ? AND fc.end_date IS NULL LIMIT 1) IS NOT NULL", fa(f));
    if (kept && f->category) {
        /* the kept row's seven columns are the first seven open codes: a
         * code not among them is held only by a child with seven or more
         * (c6 set), whose rows are then asked as above.  The same children,
         * tested in the key's entries (a subquery per entry read before,
         * ~1,500 per page of a category in a township) */
        add_sql(b, " AND (? IN (c.c0, c.c1, c.c2, c.c3, c.c4, c.c5, c.c6) OR (c.c6 IS NOT NULL");
        add_arg(b, f->category);
        add_cond(b, cat, f->category);
        add_sql(b, "))");
    } else {
        add_cond(b, cat, f->category);
    }
}

/* the sort column for keys and ORDER BY */
static const char *sort_col(const struct filters *f)
{
    if (f->gram)
        return strcmp(f->sort, "birth") == 0 ? "g.birth_date" : "g.name";
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
        if (!registry_date_norm(s, *val, d))
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
    if (f->township || f->village || f->category || f->status || f->age || f->q)
        s->set(r, "List.Filtered", "1"); /* the folded filters open */
    s->labels_hdf(r, "Opts.category", "core.category");
    s->labels_hdf(r, "List.Ages", "registry.age");
}

/* the township and village choices within the user's scope (from the
 * host's division cache: no statement) */
static int set_divisions(portal_req *r, const struct portal_services *s, const struct filters *f)
{
    if (!f->prefix)
        return 0;
    if (s->divisions_hdf(r, "List.Towns", "township", f->prefix, f->today) < 0)
        return -1;
    /* villages: of the chosen township (within the scope), or of the user's own township */
    const char *vp = f->township ? s->sprintf(r, "%.9s", f->township)
                                 : strlen(f->prefix) >= 9 ? f->prefix : NULL;
    if (vp && strncmp(vp, f->prefix, strlen(f->prefix)) != 0)
        vp = NULL;
    if (vp && s->divisions_hdf(r, "List.Villages", "village", vp, f->today) < 0)
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

/* the total comes from the per-village summary (registry_counts, or
 * registry_category_counts under a category filter): for a division's user
 * and a set of villages' */
static int summary_total(const struct filters *f)
{
    return (f->prefix || f->villages) && f->rc_scope && !f->born_upto[0] && !f->born_after[0] &&
           !f->name_like && !f->q_last4 && !f->q_hmac;
}

/* the summary's total as a scalar subquery; the township's test only when
 * the scope's prefix does not already say it (a township user looking at
 * their own township: the same range twice was a second range analysis,
 * 2% of MariaDB's work for the list) */
static void summary_sql(struct sqlb *b, const struct filters *f)
{
    if (f->category) {
        add_sql(b, "(SELECT COALESCE(SUM(n), 0) FROM registry_category_counts rc WHERE "
                   "rc.category = ? AND ");
        add_arg(b, f->category);
    } else {
        add_sql(b, "(SELECT COALESCE(SUM(n), 0) FROM registry_counts rc WHERE ");
    }
    add_sql(b, f->rc_scope);
    add_arg(b, f->rc_arg);
    add_sql(b, " AND rc.status <> 'archived'");
    if (!(f->township && f->prefix && strlen(f->prefix) >= 9 &&
          strncmp(f->township, f->prefix, 9) == 0))
        add_cond(b, " AND rc.village_code LIKE CONCAT(LEFT(?, 9), '%')", f->township);
    add_cond(b, " AND rc.village_code = ?", f->village);
    add_cond(b, " AND rc.status = ?", f->status);
    add_sql(b, ")");
}

/* A child's open categories as the row's own nodes cats.0 .. cats.6 (the
 * template's c.cats; SQL NULL: none): the columns c0 .. c6 of the row core
 * 042 keeps in step with child_categories, split there once per write
 * (043): one row by its key per child, no GROUP_CONCAT and no string split
 * per child, no node set by path per category.  Seven: the categories there
 * are (a code held twice would show once less). */
#define CAT_COL(a, i) ", " a ".c" #i " AS `cats." #i "`"
#define CATS_SQL(a)                                                                     \
    CAT_COL(a, 0) CAT_COL(a, 1) CAT_COL(a, 2) CAT_COL(a, 3) CAT_COL(a, 4) CAT_COL(a, 5)  \
    CAT_COL(a, 6)

/* the kept rows' village keys serve the page: a village chosen, or the
 * one village of the user's scope (a village's user, a set of one) */
static int by_village(const struct filters *f)
{
    return f->village || f->scope_village;
}


/* A township's page but for a search by ID or part of a name reads the
 * kept list rows (core 049): a copy of what the page shows of each child,
 * its categories' columns c0 .. c6 too, in keys named as children's, kept
 * by triggers in the statement of every write of a child or a category.
 * The page is then one run of index entries, without the 51 lookups of
 * the codes (MariaDB's instructions per page at 100,000 children: 1.75M ->
 * 0.95M).  So does the county's page, in the order's key over every
 * township (core 050; the primary key for sort=id), and a village's page
 * (a village chosen by any user, a village's own user, the director of
 * one village) in the village's keys (core 051), and the director of
 * several villages' in the county's, their villages tested in each entry
 * (one of the set's children every county/set entries: 2,900 entries for
 * two villages at any size, more under a filter; the scope's semi-join on
 * the divisions, utf8mb4, cannot look up the kept rows' ascii codes in a
 * key, and children's village key was not taken either).  The searches by
 * ID read children's keys of their holders, a name search its grams
 * (047); an organisation's users who choose no village or township,
 * children's keys. */
static int listed(const struct filters *f)
{
    int town = f->scope_town || f->township;
    int county = f->prefix && strlen(f->prefix) == 6;
    return !f->gram && (town || county || by_village(f) || f->set_villages) && !f->q_last4 &&
           !f->q_hmac;
}

/* the office's open notices (one ? : its division): beside the page's rows,
 * or alone when the page has none */
#define OFFICE_NOTICES_SQL                                                              \
    "SELECT COUNT(*) FROM notices WHERE division_code = ? AND module = 'registry' AND " \
    "done_at IS NULL"

/* The office's open notices, counted once per worker and 'notices' version:
 * every write of notices moves that version in its own statement (core
 * 040), and the session's statement read it for this request, so a count
 * kept under the version read is the count now (or one newer, never older).
 * Another office, or any notice raised, read or done: counted again. */
static struct {
    char division[16];
    long long version;
    char count[24];
} kept_notices = {"", -1, ""};

static const char *notices_kept(portal_req *r, const struct portal_services *s,
                                const char *division)
{
    long long v = s->data_version(r, "notices");
    if (v < 0 || v != kept_notices.version || strcmp(division, kept_notices.division) != 0)
        return NULL;
    return kept_notices.count;
}

static void notices_keep(portal_req *r, const struct portal_services *s, const char *division,
                         const char *count)
{
    long long v = s->data_version(r, "notices");
    kept_notices.version = -1;
    if (v < 0 || !count || strlen(division) >= sizeof kept_notices.division ||
        strlen(count) >= sizeof kept_notices.count)
        return;
    snprintf(kept_notices.division, sizeof kept_notices.division, "%s", division);
    snprintf(kept_notices.count, sizeof kept_notices.count, "%s", count);
    kept_notices.version = v;
}

/* The page's total (List.Total: the summary's, or the capped count), kept
 * per worker under the list's data version (registry 016: every write of
 * the kept list rows, which every change of the counts goes with, moves
 * it; read with the session's statement) and everything the count depends
 * on: the scope, the day (age bands), the filters.  A page with a search
 * is counted every time (the search is free text).  A total kept at
 * version v was counted at v or later, and no later request reads v again
 * once a write has moved it: never an old total.  The pages of one list
 * share their total: the second page on is counted no more (the summary's
 * subquery was a third of MariaDB's work for a township's page). */
#define TOTAL_SLOTS 16
static struct {
    char *key;
    char total[24];
} kept_totals[TOTAL_SLOTS];

static const char *total_key(portal_req *r, const struct portal_services *s,
                             const struct filters *f)
{
    long long v = s->data_version(r, "registry");
    if (v < 0 || f->q || !f->scope_sql)
        return NULL;
    return s->sprintf(r, "%lld|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s", v, f->today, f->scope_sql,
                      f->scope_a1 ? f->scope_a1 : "", f->scope_a2 ? f->scope_a2 : "",
                      f->prefix ? f->prefix : "", f->township ? f->township : "",
                      f->village ? f->village : "", f->category ? f->category : "",
                      f->status ? f->status : "", f->born_upto, f->born_after,
                      f->scope_town ? f->scope_town : "");
}

static unsigned total_slot(const char *key)
{
    unsigned h = 2166136261u;
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return h % TOTAL_SLOTS;
}

static const char *total_kept(const char *key)
{
    unsigned i = key ? total_slot(key) : 0;
    return key && kept_totals[i].key && strcmp(kept_totals[i].key, key) == 0
               ? kept_totals[i].total : NULL;
}

static void total_keep(const char *key, const char *total)
{
    if (!key || !total || strlen(total) >= sizeof kept_totals[0].total)
        return;
    unsigned i = total_slot(key);
    free(kept_totals[i].key);
    kept_totals[i].key = strdup(key);
    snprintf(kept_totals[i].total, sizeof kept_totals[i].total, "%s", total);
}

/* the page's columns: the row's, its categories when `cats` (the codes
 * joined as oc, or the kept list row's own c), and what the page shows
 * beside the rows */
static void page_cols(struct sqlb *b, const struct filters *f, const char *cats)
{
    /* birth only when it is the paging key (row_key): a row of 12 values
     * makes ClearSilver hash the row's node, a tenth of the page's CPU */
    add_sql(b, strcmp(f->sort, "birth") == 0 ? "SELECT c.birth_date AS birth, " : "SELECT ");
    add_sql(b, "c.id, c.name, c.sex, TIMESTAMPDIFF(YEAR, "
               "c.birth_date, ?) AS age, c.id_masked AS masked, c.status, c.village_code");
    add_arg(b, f->today);
    if (cats)
        add_sql(b, strcmp(cats, "c") == 0 ? CATS_SQL("c") : CATS_SQL("oc"));
    /* what the page shows beside the rows rides on them (issue 17): the
     * office's open notices and, when the summary has it, the total; named
     * with a leading '_' so that put_row leaves them out of the rows */
    if (f->notices) {
        add_sql(b, ", NULL AS `_notices`, ");
    } else {
        add_sql(b, ", (" OFFICE_NOTICES_SQL ") AS `_notices`, ");
        add_arg(b, f->division);
    }
    if (summary_total(f) && !f->total)
        summary_sql(b, f);
    else
        add_sql(b, "NULL");
    add_sql(b, " AS `_total`");
}

/* the page's query: (col, id) past the key in the direction of travel, one
 * row more than a page to know whether another follows; rows come in the
 * order they are shown (a backward page is read in reverse, then turned).
 * The category filter's EXISTS is a semi-join MariaDB runs right after
 * children (first match, or the category's children materialized); the
 * codes' table joined beside it made that a weedout reading the codes of
 * every candidate.  With that filter (and backward) the page's rows are
 * read first and their codes joined to those 51 rows.  The kept list rows
 * (`listed`) hold their codes: nothing joined. */
static void page_sql(struct sqlb *b, const struct filters *f, const struct page_key *k)
{
    int by_id = strcmp(f->sort, "id") == 0, bw = k->backward, kept = listed(f);
    int wrap = bw || (f->category && !kept);
    const char *col = sort_col(f);
    if (wrap) /* _page_n: the rows found, known at the first (the extra one) */
        add_sql(b, kept ? "SELECT p.*, COUNT(*) OVER () AS `_page_n` FROM ("
                   : bw ? "SELECT p.*" CATS_SQL("oc") ", COUNT(*) OVER () AS `_page_n` FROM ("
                        : "SELECT p.*" CATS_SQL("oc") " FROM (");
    page_cols(b, f, kept ? "c" : wrap ? NULL : "oc");
    /* Within a township the key of the order, or an ID's holders: the keys
     * of the name and birth orders hold every column read (registry 010),
     * so MariaDB costs them alike and could take the other order's key and
     * sort the township, and it built a rowid filter of the whole township
     * from the village key (the scope's prefix) once its statistics moved
     * (2,876 more reads per page at 100,000 children).  Over several
     * townships: not the other orders' keys. */
    int town = f->scope_town || f->township, band = f->born_upto[0] || f->born_after[0];
    const char *order_key = by_id ? "town_id" : strcmp(f->sort, "birth") == 0 ? "town_birth"
                                                                              : "town_name";
    if (f->gram)
        /* a part of a name: the gram's rows in the order's key, the first
         * that pass the filters (and the LIKE) joined to their children
         * (a pass over the township, or the county, found them before) */
        gram_from(b, f, 0);
    else if (kept && by_village(f)) {
        /* one village (core 051): the order's key within the village, and
         * a birth band's range in it (as within a township) */
        int birth = strcmp(f->sort, "birth") == 0;
        char from[96];
        snprintf(from, sizeof from, " FROM child_list_rows c USE INDEX (%s%s)",
                 by_id ? "vill_id" : birth ? "vill_birth" : "vill_name",
                 band && !birth ? ", vill_birth" : "");
        add_sql(b, from);
    } else if (town) {
        /* and the keys of a narrower range: a birth band's (a band of no
         * child reads nothing), a status's (township, status, id), an ID's
         * holders.  Keys named only where they can serve: each one named
         * is weighed on every page (8% of MariaDB's work for the list) */
        char from[128];
        snprintf(from, sizeof from, " FROM %s c USE INDEX (%s%s%s%s%s)",
                 kept ? "child_list_rows" : "children", order_key,
                 band && strcmp(f->sort, "birth") ? ", town_birth" : "",
                 f->status ? ", township" : "", f->q_last4 ? ", town_last4" : "",
                 f->q_hmac ? ", id_hmac" : "");
        add_sql(b, from);
    } else if (kept) {
        /* the county, or a set of several villages: the order's key (a
         * filter's entries, the set's villages, tested in it) and a birth
         * band's range (a band of few children, 18 and over, read and
         * sorted rather than the county's every entry passed) */
        char from[96];
        snprintf(from, sizeof from, " FROM child_list_rows c USE INDEX (%s%s)",
                 by_id ? "PRIMARY" : strcmp(f->sort, "birth") == 0 ? "birth_all" : "name_all",
                 band && strcmp(f->sort, "birth") ? ", birth_all" : "");
        add_sql(b, from);
    } else
        add_sql(b, by_id ? " FROM children c IGNORE INDEX (town_name, town_birth)"
                   : strcmp(f->sort, "birth") == 0 ? " FROM children c IGNORE INDEX (town_name, town_id)"
                                                   : " FROM children c IGNORE INDEX (town_birth, town_id)");
    if (!wrap && !kept)
        add_sql(b, " LEFT JOIN child_open_categories oc ON oc.child_id = c.id");
    add_where(b, f, 1, kept);
    const char *a = fa(f);
    if (k->id && by_id) {
        char frag[80];
        snprintf(frag, sizeof frag, bw ? " AND %s.id > CAST(? AS SIGNED)"
                                       : " AND %s.id < CAST(? AS SIGNED)", a);
        add_sql(b, frag);
        add_arg(b, k->id);
    } else if (k->id) {
        char frag[200];
        snprintf(frag, sizeof frag, " AND %s %s ? AND (%s %s ? OR %s.id %s CAST(? AS SIGNED))",
                 col, bw ? "<=" : ">=", col, bw ? "<" : ">", a, bw ? "<" : ">");
        add_sql(b, frag);
        add_arg(b, k->val);
        add_arg(b, k->val);
        add_arg(b, k->id);
    }
    char order[160];
    const char *outer = by_id ? "id" : strcmp(f->sort, "birth") == 0 ? "birth" : "name";
    if (by_id)
        snprintf(order, sizeof order, " ORDER BY %s.id %s LIMIT 51", a, bw ? "ASC" : "DESC");
    else
        snprintf(order, sizeof order, " ORDER BY %s %s, %s.id %s LIMIT 51", col,
                 bw ? "DESC" : "ASC", a, bw ? "DESC" : "ASC");
    add_sql(b, order);
    if (wrap) {
        snprintf(order, sizeof order, ") p%s ORDER BY p.%s%s",
                 kept ? "" : " LEFT JOIN child_open_categories oc ON oc.child_id = p.id", outer,
                 by_id ? " DESC" : ", p.id");
        add_sql(b, order);
    }
}

/* a row's paging key "<id>:<value of the sort>" ("<id>" for sort=id), from
 * the row's cells (a query's rows stay in memory until the request ends) */
static const char *row_key(portal_req *r, const struct portal_services *s,
                           const struct filters *f, const char *id, const char *val)
{
    return strcmp(f->sort, "id") == 0 ? id : s->sprintf(r, "%s:%s", id, val);
}

/* one page of rows into List.Rows with List.Prev and List.Next, and
 * List.Notices; returns the rows shown, or -1.  *more: another page follows
 * in the direction of travel; *summary: the summary's total (NULL: none) */
static int page_rows(portal_req *r, const struct portal_services *s, const struct filters *f,
                     const struct page_key *k, int *more, const char **summary)
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
    if (have && k->backward && atoi(s->col(rows, "_page_n")) > PAGE_ROWS) {
        *more = 1;
        have = s->db_next(rows);
    }
    if (have) {
        if (!f->notices)
            notices_keep(r, s, f->division, s->col(rows, "_notices"));
        s->set(r, "List.Notices", f->notices ? f->notices : s->col(rows, "_notices"));
        *summary = f->total ? f->total : s->col(rows, "_total");
        if (!f->total)
            total_keep(f->total_key, *summary);
    }
    /* the keys of the first and the last row shown: their cells, formatted
     * once after the loop */
    int ci = s->col_index(rows, "id");
    int cv = s->col_index(rows, strcmp(f->sort, "birth") == 0 ? "birth" : "name");
    const char *id0 = NULL, *v0 = NULL, *id1 = NULL, *v1 = NULL;
    char p[32];
    for (; have && n < PAGE_ROWS; have = s->db_next(rows)) {
        snprintf(p, sizeof p, "List.Rows.%d", n++);
        s->put_row(r, p, rows);
        id1 = s->db_col(rows, ci);
        v1 = s->db_col(rows, cv);
        if (!id0) {
            id0 = id1;
            v0 = v1;
        }
    }
    const char *kfirst = id0 ? row_key(r, s, f, id0, v0) : NULL;
    const char *klast = id1 ? row_key(r, s, f, id1, v1) : NULL;
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

/* what a count (`count`) or the export reads: the children, or a name
 * search's gram rows */
static void rows_from(struct sqlb *b, const struct filters *f, int count)
{
    if (f->gram)
        gram_from(b, f, count);
    else
        add_sql(b, " FROM children c");
}

/* the number of children the filters give: the kept per-village counts
 * when summary_total allows it (*kept 1), else a count of the rows, which
 * stops at `cap` rows when cap > 0.  -1 on an error */
static long long count_of(portal_req *r, const struct portal_services *s,
                          const struct filters *f, int cap, int *kept)
{
    struct sqlb cb;
    memset(&cb, 0, sizeof cb);
    *kept = summary_total(f);
    if (*kept) {
        add_sql(&cb, "SELECT ");
        summary_sql(&cb, f);
    } else {
        /* a page of the kept rows (a birth band's; an organisation's user
         * choosing a village) counts them in the birth key of the scope's
         * range, which holds every column filtered on (the children's
         * keys read each row of the county for its status) */
        int kept_rows = listed(f);
        add_sql(&cb, cap > 0 ? "SELECT COUNT(*) FROM (SELECT 1" : "SELECT COUNT(*)");
        if (kept_rows)
            add_sql(&cb, by_village(f) ? " FROM child_list_rows c USE INDEX (vill_birth)"
                         : f->scope_town || f->township
                             ? " FROM child_list_rows c USE INDEX (town_birth)"
                             : " FROM child_list_rows c USE INDEX (birth_all)");
        else
            rows_from(&cb, f, 1);
        add_where(&cb, f, 0, kept_rows);
        if (cap > 0) {
            char limit[40];
            snprintf(limit, sizeof limit, " LIMIT %d) t", cap);
            add_sql(&cb, limit);
        }
    }
    if (cb.overflow)
        return -1;
    portal_rows *cr = s->db_query(r, cb.sql, types_of(r, s, &cb), BINDS(&cb));
    if (!cr || !s->db_next(cr))
        return -1;
    return atoll(s->db_col(cr, 0));
}

/* a set of villages' user is shown a total of more than COUNT_CAP as
 * "10000+", as when it was counted (their summary came later) */
static int capped(const struct filters *f, long long total)
{
    return f->villages && total > COUNT_CAP;
}

/* List.Total: from the per-village summary when only a division scope,
 * township, village, status and category filter (summary_sql, which the
 * page's query carries too); otherwise a capped count.  0, or -1 */
static int page_total(portal_req *r, const struct portal_services *s, const struct filters *f)
{
    if (f->total) {
        s->set(r, "List.Total", f->total);
        return 0;
    }
    int simple;
    long long total = count_of(r, s, f, COUNT_CAP + 1, &simple);
    if (total < 0)
        return -1;
    const char *shown = (!simple && total > COUNT_CAP) || capped(f, total)
                            ? "10000+" : s->sprintf(r, "%lld", total);
    total_keep(f->total_key, shown);
    s->set(r, "List.Total", shown);
    return 0;
}

/* the office's open notices (children transferred in, duplicates to check)
 * when no row of the page brought their count */
static int office_notices(portal_req *r, const struct portal_services *s,
                          const struct filters *f)
{
    if (f->notices) {
        s->set(r, "List.Notices", f->notices);
        return 0;
    }
    portal_rows *nq = s->db_query(r, OFFICE_NOTICES_SQL, "s", f->division);
    if (!nq || !s->db_next(nq))
        return -1;
    notices_keep(r, s, f->division, s->db_col(nq, 0));
    s->set(r, "List.Notices", s->db_col(nq, 0));
    return 0;
}

/* The key of a list page's body (service render_kept), or NULL when it is
 * not kept: a page read from the kept list rows alone (`listed`), whose
 * rows, categories and total move the list's data version (registry 016:
 * every write of child_list_rows moves 'registry'), read with the session,
 * no statement of its own.  The rest the body shows is named: the office's
 * open notices (their version), the day (ages, age bands), the user, their
 * scope and the permissions that show the export and edit links, the
 * filters and the page; the host adds the versions of the divisions (the
 * township and village choices) and of the settings (labels).  The body has
 * no form with a CSRF token (the filters and the export are GETs). */
static const char *list_key(portal_req *r, const struct portal_services *s,
                            const struct filters *f, const struct portal_user *u)
{
    long long v = s->data_version(r, "registry"), nv = s->data_version(r, "notices");
    if (v < 0 || nv < 0 || !u || !listed(f) || !f->scope_sql || f->q ||
        (u->scope && strcmp(u->scope, "org") == 0))
        return NULL; /* a search is not kept (the after/before key is the one free
                      * text), nor an organisation's page (it names the organisation) */
    const char *after = s->param(r, "after"), *before = s->param(r, "before");
    return s->sprintf(r, "r%lld|n%lld|u%lld|%s|%s|%s|%s|%s|%s|%d%d%d|%s|%s|%s|%s|%s|%s|%s|a%s|b%s",
                      v, nv, u->id, f->today, u->scope ? u->scope : "", u->division ? u->division : "",
                      f->prefix ? f->prefix : "", f->scope_a1 ? f->scope_a1 : "",
                      f->scope_a2 ? f->scope_a2 : "", s->has_perm(r, "registry.export"),
                      s->has_perm(r, "registry.edit"), s->has_perm(r, "export.full_id"), f->sort,
                      f->township ? f->township : "", f->village ? f->village : "",
                      f->category ? f->category : "", f->status ? f->status : "",
                      f->age ? f->age : "", f->scope_sql,
                      after ? after : "", before ? before : "");
}

/* A status and a category together may match no child of the scope (no
 * exited orphan): the page's query then read the order's key to its end,
 * every child of the scope (the county's at 100,000 children: 0.4 billion
 * instructions in MariaDB) to find nothing.  The kept counts say so in a
 * read of their rows: 1 when none match (the page asks for no rows), 0
 * when some may (the page's query finds them), -1 on an error. */
static int none_match(portal_req *r, const struct portal_services *s, const struct filters *f)
{
    int kept;
    if (!f->status || !f->category || !summary_total(f))
        return 0;
    long long total = count_of(r, s, f, 0, &kept);
    return total < 0 ? -1 : total == 0;
}

int child_list_get(portal_req *r, const struct portal_services *s)
{
    struct filters f;
    const char *err = read_filters(r, s, &f);
    if (err)
        return s->fail(r, 400, err);
    struct page_key k;
    if ((err = read_page_key(r, s, &f, &k)))
        return s->fail(r, 400, err);
    const struct portal_user *u = s->user(r);
    const char *key = list_key(r, s, &f, u);
    if (key && s->page_kept(r, "child_list.cs", key))
        return s->render_kept(r, "child_list.cs", "儿童台账", key);
    set_filters(r, s, &f);
    s->set_int(r, "List.CanExport", s->has_perm(r, "registry.export"));
    s->set_int(r, "List.CanEdit", s->has_perm(r, "registry.edit"));
    f.division = u && u->division ? u->division : "";
    f.notices = notices_kept(r, s, f.division);
    f.total_key = total_key(r, s, &f);
    f.total = total_kept(f.total_key);
    s->set(r, "List.Base", s->sprintf(r, "/children?%s", filter_query(r, s, &f, 1) + 1));
    s->set(r, "List.Export", s->sprintf(r, "/children/export.csv?%s", filter_query(r, s, &f, 1) + 1));
    s->set(r, "List.ExportXlsx", s->sprintf(r, "/children/export.xlsx?%s", filter_query(r, s, &f, 1) + 1));
    s->set_int(r, "List.CanExportFull", s->has_perm(r, "export.full_id"));
    if (!f.scope_sql)
        return 500;
    if (u && u->scope && strcmp(u->scope, "org") == 0)
        s->set(r, "List.Org", u->org_name ? u->org_name : "");
    /* the township and village choices: a division-scoped user's own */
    if (f.prefix && set_divisions(r, s, &f) != 0)
        return 500;
    const char *summary = NULL;
    int more = 0, n = 0, none = none_match(r, s, &f);
    if (none < 0)
        return 500;
    if (none)
        s->set_int(r, "List.Shown", 0);
    else
        n = page_rows(r, s, &f, &k, &more, &summary);
    if (n < 0 || (!n && office_notices(r, s, &f) != 0))
        return 500;
    /* a first page that is not full is its own total; the summary's came
     * with the rows */
    if (!k.id && !more)
        s->set_int(r, "List.Total", n);
    else if (summary)
        s->set(r, "List.Total", capped(&f, atoll(summary)) ? "10000+" : summary);
    else if (page_total(r, s, &f) != 0)
        return 500;
    return s->render_kept(r, "child_list.cs", "儿童台账", key);
}

/* ------------------------------------------------------------ the export */

/* One export, CSV or .xlsx: the same columns and rows either way */
struct csv_out {
    portal_req *r;
    const struct portal_services *s;
    long long rows;
    portal_xlsx *x;             /* NULL: CSV */
    int failed;                 /* the workbook refused a row */
    int full_id;                /* full ID numbers, decrypted row by row */
};

#define EXPORT_COLS 11
static const struct portal_xlsx_col export_cols[] = {
    {"姓名", 10, PX_TEXT},          {"性别", 5, PX_TEXT},       {"出生日期", 11, PX_DATE},
    {"年龄", 5, PX_INT},            {"民族", 8, PX_TEXT},       {"身份证号（脱敏）", 20, PX_TEXT},
    {"乡镇（街道）", 14, PX_TEXT},  {"村（居）", 18, PX_TEXT},  {"现住址", 30, PX_TEXT},
    {"类别", 24, PX_TEXT},          {"状态", 8, PX_TEXT},       {NULL, 0, 0}};

/* one row of cells to the CSV writer (quoting, formula cells) or the workbook */
static void export_cells(struct csv_out *o, const char *const *cells)
{
    if (o->x) {
        if (!o->failed && o->s->xlsx_row(o->x, cells) != 0)
            o->failed = 1;
        return;
    }
    for (int i = 0; i < EXPORT_COLS; i++)
        o->s->csv_cell(o->r, cells[i], i + 1 == EXPORT_COLS);
}

/* category codes "a,b" -> their labels "甲、乙" into cats */
static void category_titles(struct csv_out *o, const char *cc, char *cats, size_t size)
{
    size_t used = 0;
    cats[0] = 0;
    for (const char *p = cc; p && *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char code[40];
        if (n < sizeof code) {
            memcpy(code, p, n);
            code[n] = 0;
            const char *l = registry_category(o->r, o->s, code);
            int w = snprintf(cats + used, size - used, "%s%s", used ? "、" : "", l ? l : code);
            if (w > 0 && (size_t)w < size - used)
                used += (size_t)w;
        }
        p += n;
        if (*p == ',')
            p++;
    }
}

static int export_row(void *ctx, portal_rows *rows)
{
    struct csv_out *o = ctx;
    const struct portal_services *s = o->s;
    const char *masked = s->db_col(rows, 5), *status = s->db_col(rows, 10);
    if (o->full_id && s->db_col(rows, 11)) {
        const char *id = s->decrypt(o->r, s->db_col(rows, 11), s->db_col_len(rows, 11));
        masked = id ? id : "（无法解密）";
    }
    const char *sex_title = registry_label("registry.sex", s->db_col(rows, 1));
    char cats[512];
    /* the callback must not run queries: labels come from the declarations */
    category_titles(o, s->db_col(rows, 9), cats, sizeof cats);
    const char *cells[EXPORT_COLS] = {
        s->db_col(rows, 0), sex_title ? sex_title : "", s->db_col(rows, 2), s->db_col(rows, 3),
        s->db_col(rows, 4), masked ? masked : "无身份证号", s->db_col(rows, 6),
        s->db_col(rows, 7), s->db_col(rows, 8), cats,
        registry_label("registry.status", status ? status : "active")};
    export_cells(o, cells);
    s->export_row(o->r, atoll(s->db_col(rows, 12)));
    o->rows++;
    return 0;
}

/* the rows the export holds (audited before the first row goes out), or -1 */
static long long export_total(portal_req *r, const struct portal_services *s,
                              const struct filters *f)
{
    int kept; /* uncapped: the kept counts (the list's total) or every row */
    return count_of(r, s, f, 0, &kept);
}

/* the export's rows through export_row: their number, or -1 */
static long long export_rows(portal_req *r, const struct portal_services *s,
                             const struct filters *f, struct csv_out *o)
{
    struct sqlb b;
    memset(&b, 0, sizeof b);
    add_sql(&b, "SELECT c.name, c.sex, c.birth_date, TIMESTAMPDIFF(YEAR, c.birth_date, ?), "
                "c.ethnicity, c.id_masked, (SELECT t.name FROM divisions t WHERE t.code = "
                "c.township_code), (SELECT v.name FROM divisions v WHERE v.code = "
                "c.village_code), c.address, (SELECT oc.codes FROM child_open_categories oc "
                "WHERE oc.child_id = c.id), c.status, c.id_enc, c.id");
    add_arg(&b, f->today);
    rows_from(&b, f, 0);
    add_where(&b, f, 1, 0);
    char order[80];
    if (strcmp(f->sort, "id") == 0)
        snprintf(order, sizeof order, " ORDER BY %s.id DESC", fa(f));
    else
        snprintf(order, sizeof order, " ORDER BY %s, %s.id", sort_col(f), fa(f));
    add_sql(&b, order);
    if (b.overflow)
        return -1;
    return s->db_stream(r, export_row, o, b.sql, types_of(r, s, &b), BINDS(&b));
}

/* the list as a file: CSV (xlsx 0) or .xlsx, the same columns and rows */
static int export_list(portal_req *r, const struct portal_services *s, int xlsx)
{
    struct filters f;
    const char *err = read_filters(r, s, &f);
    if (err)
        return s->fail(r, 400, err);
    if (!f.scope_sql)
        return 500;
    const char *fq = filter_query(r, s, &f, 1);
    char day[9];
    snprintf(day, sizeof day, "%.4s%.2s%.2s", f.today, f.today + 5, f.today + 8);
    struct csv_out *o = s->alloc(r, sizeof *o);
    memset(o, 0, sizeof *o);
    o->r = r;
    o->s = s;
    const char *full = s->param(r, "full_id");
    o->full_id = full && strcmp(full, "1") == 0;
    /* registered and audited before the first row goes out, with the number
     * of rows it holds and its purpose (export_begin: full ID numbers need
     * export.full_id, and a large list a second person's approval) */
    long long total = export_total(r, s, &f);
    if (total < 0)
        return 500;
    struct portal_export ex = {"registry.children", "儿童台账", total, o->full_id,
                               o->full_id ? "姓名、性别、出生日期、身份证号、住址、类别"
                                          : "姓名、性别、出生日期、脱敏身份证号、住址、类别"};
    int st = s->export_begin(r, &ex);
    if (st)
        return st;
    struct portal_xlsx_col *cols = s->alloc(r, sizeof export_cols);
    memcpy(cols, export_cols, sizeof export_cols);
    if (o->full_id)
        cols[5].title = "身份证号";
    if (xlsx && !(o->x = s->xlsx_begin(r, s->sprintf(r, "children-%s.xlsx", day), "儿童台账",
                                        cols)))
        return 500;
    s->audit(r, "child.export", "children", NULL,
             s->sprintf(r, "rows=%lld filters=%s%s%s", total, *fq ? fq + 1 : "",
                        xlsx ? " format=xlsx" : "", o->full_id ? " full_id" : ""));
    if (!xlsx) {
        s->header(r, "Content-Type", "text/csv; charset=utf-8");
        s->header(r, "Content-Disposition",
                  s->sprintf(r, "attachment; filename=\"children-%s.csv\"", day));
        s->write(r, "\xEF\xBB\xBF", 3);
        const char *head[EXPORT_COLS];
        for (int i = 0; i < EXPORT_COLS; i++)
            head[i] = cols[i].title;
        export_cells(o, head);
    }
    if (export_rows(r, s, &f, o) < 0 || o->failed) {
        s->log("RG0201", "export query failed after %lld rows", o->rows);
        /* nothing sent yet: an error page; else the file is cut short and
         * the export register marks it failed */
        return s->output_sent(r) ? 500 : s->fail(r, 500, NULL);
    } else if (o->rows != total) {
        s->log("RG0202", "export holds %lld rows, %lld when it was audited", o->rows, total);
    }
    return xlsx ? s->xlsx_end(o->x) : 200;
}

int child_export_get(portal_req *r, const struct portal_services *s)
{
    return export_list(r, s, 0);
}

int child_export_xlsx_get(portal_req *r, const struct portal_services *s)
{
    return export_list(r, s, 1);
}
