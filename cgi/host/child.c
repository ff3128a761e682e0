/*
 * child.c - the child's file in the core (see child.h): load a child with
 * its scope checked, its fields into templates, its timeline and its
 * categories.  Every module goes through these; the timeline summary is cut
 * here to its column, and every event is audited here.
 */
#include "child.h"
#include "db.h"
#include "lookup.h"
#include "scope.h"
#include "dates.h"

#include <ClearSilver.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* child_events.summary is VARCHAR(500): characters, not bytes */
#define EVENT_SUMMARY_CHARS 500
#define EVENT_KIND_BYTES 32

/* The categories of child_categories.category (an ENUM of the core): the
 * one table of their national names.  The core declares them as its labels
 * "core.category" (label("core.category", code) in every template, the
 * registry's forms and import read them there). */
const struct portal_label child_category_labels[] = {
    {"core.category", "orphan", "孤儿"},
    {"core.category", "de_facto_unsupported", "事实无人抚养儿童"},
    {"core.category", "tekun", "特困供养儿童"},
    {"core.category", "dibao", "低保家庭儿童"},
    {"core.category", "ill_disabled", "重病重残儿童"},
    {"core.category", "guardianship", "监护缺失或不当儿童"},
    {"core.category", "temporary", "临时困境儿童"},
    {NULL, NULL, NULL}};

static const char *category_title(const char *code)
{
    return label_title("core.category", code);
}

static const char *idstr(portal_req *r, long long id)
{
    return arena_sprintf(r->a, "%lld", id);
}

/* 2.14 perf (issue 17): which of the tables that hold a child's rows for a
 * panel (portal_child_panel.tables, and the core's own) have a row of the
 * child (child_has): one EXISTS (an index lookup) per table, asked with the
 * route's child row on a GET (no statement of its own), else in one
 * statement the first time a page asks. */
static const char *const core_child_tables[] = {"child_attachments", "wf_applications", NULL};

struct child_tables {
    long long child;
    char *yes;         /* 1: the child has a row there (one per declared table) */
    const char *marks; /* ",mark,mark," of child_marks, "" none (child_has_mark) */
};

/* the fields of struct portal_child, then the rest of the core row
 * (child_row_hdf; its one parameter is today, for the age) */
#define CHILD_COLS "c.id, c.name, c.sex, DATE_FORMAT(c.birth_date, '%Y-%m-%d') AS birth_date, " \
                   "c.id_last4, c.village_code, c.township_code, c.status"
#define ROW_COLS CHILD_COLS ", c.ethnicity, c.id_masked, c.no_id_reason, c.hukou, c.address, " \
                 "c.school, c.school_grade, c.health, c.disability_type, c.disability_grade, " \
                 "c.disability_cert_expiry, c.placement, c.created_at, c.updated_at, " \
                 "TIMESTAMPDIFF(YEAR, c.birth_date, ?) AS age, " \
                 "c.notes_enc IS NOT NULL AS has_notes"
#define ROW_NCOLS 24
/* 2.27 filedb (issue 17): after the row, the child's categories as
 * "category start end,..." (end "-" while open), for child_categories_on:
 * kept by triggers in child_category_spans (core 046), read by its key
 * (a GROUP_CONCAT over child_categories built a temporary table per read) */
#define CATS_COL ", cs.spans"
#define CATS_JOIN " LEFT JOIN child_category_spans cs ON cs.child_id = c.id"
#define CHILD_COND " WHERE c.id = ? AND c.status <> 'archived'" /* issue 19 */
#define CHILD_WHERE " FROM children c" CHILD_COND
/* the child's marks, kept by triggers in child_mark_lists (core 046) */
#define MARKS_JOIN " LEFT JOIN child_mark_lists cm ON cm.child_id = c.id"

/* the declared tables ("table" or "table.column"), in one order, and the
 * statements that ask for them (EXISTS columns on c.id, or for the tables
 * whose marks are kept, sql/041, one column of child_marks): built once per
 * worker, again when the enabled modules change */
static struct {
    unsigned gen;
    int built;
    size_t n;
    const char **decl;
    char **needle;   /* ",decl," per table: looked for in the child's marks */
    char *marked;    /* 1: the table's marks are kept (child_mark_tables) */
    int any_marked;
    char *families;  /* ",family@,...": mark families kept (sql/044), child_has_mark */
    char *row_sql;   /* the child's row and the flags */
    char *has_sql;   /* the flags alone */
} panel_tables;

/* the declared tables' lists: the core's, then each panel's (every loaded
 * module's with all: portalctl migrate; else the enabled ones') */
static size_t declared_lists(const char *const **lists, size_t max, int all)
{
    size_t nl = 0;
    lists[nl++] = core_child_tables;
    for (size_t i = 0; i < modules_count(); i++) {
        const struct loaded_module *lm = module_at(i);
        for (const struct portal_child_panel *p = lm->m->child_panels;
             (all || lm->enabled) && p && p->title && nl < max; p++)
            lists[nl++] = p->tables;
    }
    return nl;
}

/* a declared name's table and column (names checked at module load:
 * [a-z][a-z0-9_]*, optionally .column) */
static void decl_split(const char *d, int *tlen, const char **col)
{
    const char *dot = strchr(d, '.');
    *tlen = dot ? (int)(dot - d) : (int)strlen(d);
    *col = dot ? dot + 1 : "child_id";
}

/* the names of the declared tables into decl (NULL: only count them) */
static size_t declared_names(const char *const *const *lists, size_t nl, const char **decl)
{
    size_t n = 0;
    for (size_t l = 0; l < nl; l++)
        for (const char *const *d = lists[l]; d && *d; d++, n++)
            if (decl)
                decl[n] = *d;
    return n;
}

/* the flag columns into b: the child's marks, then an EXISTS per table
 * whose marks are not kept */
static void flags_sql(buf *b)
{
    if (panel_tables.any_marked)
        buf_adds(b, ", cm.marks");
    for (size_t i = 0; i < panel_tables.n; i++) {
        int tl;
        const char *col;
        decl_split(panel_tables.decl[i], &tl, &col);
        if (!panel_tables.marked[i])
            buf_printf(b, ", EXISTS(SELECT 1 FROM %.*s WHERE %s = c.id)", tl,
                       panel_tables.decl[i], col);
    }
}

/* which declared tables have their marks kept, and which families of
 * marks ("table@", sql/044) are (child_mark_tables) */
static void marks_read(portal_req *r)
{
    panel_tables.any_marked = 0;
    buf f;
    buf_init(&f);
    buf_adds(&f, ",");
    db_rows *q = db_query(r->a, "SELECT tbl FROM child_mark_tables", "");
    while (q && db_next(q)) {
        const char *t = db_col(q, 0);
        if (*t && t[strlen(t) - 1] == '@')
            buf_printf(&f, "%s,", t), panel_tables.any_marked = 1;
        for (size_t i = 0; i < panel_tables.n; i++)
            if (strcmp(panel_tables.decl[i], t) == 0)
                panel_tables.marked[i] = 1, panel_tables.any_marked = 1;
    }
    free(panel_tables.families);
    panel_tables.families = strdup(f.data);
    buf_free(&f);
}

static void declared_build(portal_req *r)
{
    if (panel_tables.built && panel_tables.gen == modules_state_gen())
        return;
    const char *const *lists[64];
    size_t nl = declared_lists(lists, 64, 0);
    size_t n = declared_names(lists, nl, NULL);
    for (size_t i = 0; panel_tables.needle && i < panel_tables.n; i++)
        free(panel_tables.needle[i]);
    free(panel_tables.needle);
    free(panel_tables.decl);
    free(panel_tables.marked);
    free(panel_tables.row_sql);
    free(panel_tables.has_sql);
    panel_tables.decl = calloc(n + 1, sizeof *panel_tables.decl);
    panel_tables.marked = calloc(n + 1, 1);
    panel_tables.needle = calloc(n + 1, sizeof *panel_tables.needle);
    panel_tables.n = panel_tables.decl && panel_tables.marked && panel_tables.needle ? n : 0;
    declared_names(lists, nl, panel_tables.decl);
    for (size_t i = 0; i < panel_tables.n; i++)
        if (asprintf(&panel_tables.needle[i], ",%s,", panel_tables.decl[i]) < 0)
            panel_tables.needle[i] = NULL, panel_tables.n = i;
    marks_read(r);
    buf b, h;
    buf_init(&b);
    buf_init(&h);
    buf_adds(&b, "SELECT " ROW_COLS CATS_COL);
    buf_adds(&h, "SELECT 1");
    flags_sql(&b);
    flags_sql(&h);
    buf_adds(&b, " FROM children c" CATS_JOIN);
    buf_adds(&h, " FROM (SELECT ? AS id) c");
    if (panel_tables.any_marked) {
        buf_adds(&b, MARKS_JOIN);
        buf_adds(&h, MARKS_JOIN);
    }
    buf_adds(&b, CHILD_COND);
    panel_tables.row_sql = strdup(b.data);
    panel_tables.has_sql = strdup(h.data);
    buf_free(&b);
    buf_free(&h);
    if (!panel_tables.row_sql || !panel_tables.has_sql)
        panel_tables.n = 0;
    panel_tables.gen = modules_state_gen();
    panel_tables.built = 1;
}

/* the flags from the columns from `from` on of the current row */
static struct child_tables *flags_of(portal_req *r, long long child, db_rows *q, size_t from)
{
    struct child_tables *t = arena_zalloc(r->a, sizeof *t);
    t->child = child;
    t->yes = arena_zalloc(r->a, panel_tables.n + 1);
    const char *marks = "";
    if (panel_tables.any_marked) {
        marks = db_col(q, from) ? arena_sprintf(r->a, ",%s,", db_col(q, from)) : "";
        from++;
    }
    t->marks = marks;
    for (size_t i = 0; i < panel_tables.n; i++)
        if (panel_tables.marked[i])
            t->yes[i] = strstr(marks, panel_tables.needle[i]) != NULL;
        else {
            t->yes[i] = db_col(q, from) && strcmp(db_col(q, from), "0") != 0;
            from++;
        }
    return t;
}

/* the names of a declared table's mark triggers (prefix of "_i", "_u"),
 * NULL when too long for MariaDB's 64 */
static const char *marks_trigger(arena *a, const char *d)
{
    int tl;
    const char *col;
    decl_split(d, &tl, &col);
    const char *name = arena_sprintf(a, "cm_%.*s_%s", tl, d, col);
    return strlen(name) + 2 > 64 ? NULL : name;
}

/* the marks of one declared table (sql/041): its triggers, the marks of
 * the rows already there (after the triggers: CREATE TRIGGER waits for the
 * transactions that wrote the table), then the table is listed.  Each step
 * may run again.  0 ok, -1 */
static int marks_install_one(arena *a, const char *d, const char *name, char *err,
                             size_t errlen)
{
    int tl;
    const char *col;
    decl_split(d, &tl, &col);
    const char *mark = arena_sprintf(a, "INSERT IGNORE INTO child_marks (child_id, tbl) SELECT "
                                     "NEW.`%s`, '%s' FROM DUAL WHERE NEW.`%s` IS NOT NULL",
                                     col, d, col);
    const char *sql = arena_sprintf(
        a, "CREATE TRIGGER IF NOT EXISTS `%s_i` AFTER INSERT ON `%.*s` FOR EACH ROW %s;"
        "CREATE TRIGGER IF NOT EXISTS `%s_u` AFTER UPDATE ON `%.*s` FOR EACH ROW %s AND NOT "
        "NEW.`%s` <=> OLD.`%s`;"
        "INSERT IGNORE INTO child_marks (child_id, tbl) SELECT DISTINCT `%s`, '%s' FROM "
        "`%.*s` WHERE `%s` IS NOT NULL;"
        "INSERT IGNORE INTO child_mark_tables (tbl, since) VALUES ('%s', UTC_TIMESTAMP())",
        name, tl, d, mark, name, tl, d, mark, col, col, col, d, tl, d, col, d);
    return db_run_script(sql, strlen(sql), err, errlen) == 0 ? 0 : -1;
}

/* whether a declared table is listed with both its triggers (a table a
 * migration dropped and created again lost them: installed again) */
static int marks_whole(arena *a, const char *d, const char *name)
{
    db_rows *q = db_query(a, "SELECT (SELECT COUNT(*) FROM child_mark_tables WHERE tbl = ?) + "
                          "(SELECT COUNT(*) FROM information_schema.triggers WHERE "
                          "trigger_schema = DATABASE() AND trigger_name IN (?, ?))", "sss", d,
                          arena_sprintf(a, "%s_i", name), arena_sprintf(a, "%s_u", name));
    return !q || !db_next(q) ? -1 : atoi(db_col(q, 0)) == 3;
}

int child_marks_install(arena *a, int *added, char *err, size_t errlen)
{
    const char *const *lists[64];
    size_t nl = declared_lists(lists, 64, 1);
    size_t n = declared_names(lists, nl, NULL);
    const char **decl = arena_zalloc(a, (n + 1) * sizeof *decl);
    declared_names(lists, nl, decl);
    *added = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = marks_trigger(a, decl[i]);
        int whole = name ? marks_whole(a, decl[i], name) : 1; /* too long: its EXISTS */
        if (whole < 0) {
            snprintf(err, errlen, "%s", db_error());
            return -1;
        }
        if (whole)
            continue;
        if (marks_install_one(a, decl[i], name, err, errlen) != 0)
            return -1;
        (*added)++;
    }
    return 0;
}

/* A GET reads a child's row once: the route's object, s->child and the
 * panels' scope checks share it (a GET writes no child; a POST reads again).
 * with_tables: the child_has flags ride on the row */
static const struct portal_child *child_read(portal_req *r, long long id, int with_tables)
{
    int get = r->method && (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0);
    if (get && r->child_seen && r->child_seen->id == id)
        return r->child_seen;
    if (with_tables)
        declared_build(r);
    with_tables = with_tables && panel_tables.n;
    db_rows *q = with_tables ? db_query(r->a, panel_tables.row_sql, "si", clock_today(r), id)
                             : db_query(r->a, "SELECT " CHILD_COLS CHILD_WHERE, "i", id);
    if (!q || !db_next(q))
        return NULL;
    struct portal_child *c = arena_zalloc(r->a, sizeof *c);
    c->id = atoll(db_col(q, 0));
    c->name = db_col(q, 1);
    c->gender = db_col(q, 2);
    c->birth_date = db_col(q, 3);
    c->id_last4 = db_col(q, 4);
    c->village_code = db_col(q, 5);
    c->township_code = db_col(q, 6);
    c->status = db_col(q, 7);
    if (with_tables) {
        r->child_tables = flags_of(r, id, q, ROW_NCOLS + 1);
        r->child_row = q;
    }
    if (get)
        r->child_seen = c;
    return c;
}

const struct portal_child *child_load(portal_req *r, long long id)
{
    return child_read(r, id, 0);
}

const struct portal_child *child_load_route(portal_req *r, long long id)
{
    int get = r->method && (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0);
    return child_read(r, id, get);
}

/* the flags of a child not read with them: one statement */
static struct child_tables *child_tables_load(portal_req *r, long long child)
{
    declared_build(r);
    if (!panel_tables.n)
        return NULL;
    db_rows *q = db_query(r->a, panel_tables.has_sql, "i", child);
    if (!q || !db_next(q))
        return NULL;
    return flags_of(r, child, q, 1);
}

int child_has(portal_req *r, long long child_id, const char *table)
{
    struct child_tables *t = r->child_tables;
    if (!t || t->child != child_id) {
        if (!(t = child_tables_load(r, child_id)))
            return -1;
        r->child_tables = t;
    }
    size_t tl = table ? strcspn(table, ".") : 0;
    for (size_t i = 0; table && i < panel_tables.n; i++) {
        const char *d = panel_tables.decl[i];
        size_t dl = strcspn(d, ".");
        /* the same table under the same column */
        if (dl == tl && strncmp(d, table, tl) == 0 &&
            strcmp(d[dl] ? d + dl + 1 : "child_id", table[tl] ? table + tl + 1 : "child_id") == 0)
            return t->yes[i];
    }
    return 1; /* not declared: the caller reads */
}

int child_has_mark(portal_req *r, long long child_id, const char *mark)
{
    const char *at = mark ? strchr(mark, '@') : NULL;
    if (child_has(r, child_id, NULL) < 0)
        return -1;
    if (!at || !panel_tables.families ||
        !strstr(panel_tables.families, arena_sprintf(r->a, ",%.*s,", (int)(at - mark + 1), mark)))
        return 1; /* not kept: the caller reads */
    const struct child_tables *t = r->child_tables;
    return strstr(t->marks, arena_sprintf(r->a, ",%s,", mark)) != NULL;
}

int child_svc_row_hdf(portal_req *r, long long child_id, const char *prefix, int *has_notes)
{
    if (has_notes)
        *has_notes = 0;
    if (!prefix || render_reserved(prefix))
        return -1;
    if (!child_svc_get(r, child_id))
        return db_doomed() ? -1 : 0;
    db_rows *q = r->child_row;
    if (!q || atoll(db_col(q, 0)) != child_id) {
        /* a POST, or another child than the route's */
        q = db_query(r->a, "SELECT " ROW_COLS CHILD_WHERE, "si", clock_today(r), child_id);
        if (!q)
            return -1;
        if (!db_next(q))
            return 0;
    }
    /* under the prefix's node, found once (not a path printed and walked per
     * column); into a fresh node each column is added, not looked for (the
     * row's names are distinct), its cell kept: it lives until the request
     * ends, as the node does */
    HDF *node = tree_node(render_hdf(), prefix);
    int fresh = node && !node->child;
    for (size_t i = 0; node && i < ROW_NCOLS && i < q->ncols; i++)
        if (db_col(q, i)) {
            if (fresh && !strchr(q->names[i], '.'))
                tree_add(node, q->names[i], db_col(q, i));
            else
                hdf_node_put(node, q->names[i], db_col(q, i));
        }
    if (has_notes)
        *has_notes = db_col(q, ROW_NCOLS - 1) && strcmp(db_col(q, ROW_NCOLS - 1), "1") == 0;
    return 1;
}

/* 2.27 filedb: a GET's categories and opening day of a child, from the
 * route's row or one statement (a GET writes no category) */
struct child_cats {
    long long child;
    const char *list;   /* "category start end,..." (end "-": open), "" none */
    const char *opened; /* YYYY-MM-DD, NULL: no such child */
};

static const struct child_cats *child_cats_get(portal_req *r, long long child_id)
{
    struct child_cats *k = r->child_cats;
    if (k && k->child == child_id)
        return k;
    db_rows *row = r->child_row;
    k = arena_zalloc(r->a, sizeof *k);
    k->child = child_id;
    if (row && atoll(db_col(row, 0)) == child_id) {
        k->list = db_col(row, ROW_NCOLS) ? db_col(row, ROW_NCOLS) : "";
        /* the day in China the file was opened (created_at is UTC) */
        char bj[17];
        const char *at = db_col_named(row, "created_at");
        k->opened = arena_sprintf(r->a, "%.10s", at && datetime_beijing(at, bj) == 0 ? bj : "");
    } else {
        db_rows *q = db_query(r->a, "SELECT DATE_FORMAT(c.created_at + INTERVAL 8 HOUR, '%Y-%m-%d')" CATS_COL
                              " FROM children c" CATS_JOIN " WHERE c.id = ?", "i", child_id);
        if (!q)
            return NULL;
        k->list = "";
        if (db_next(q)) {
            k->opened = db_col(q, 0);
            k->list = db_col(q, 1) ? db_col(q, 1) : "";
        }
    }
    int get = r->method && (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0);
    r->child_cats = get ? k : NULL;
    return k;
}

const char *child_svc_categories_on(portal_req *r, long long child_id, const char *on)
{
    const struct child_cats *k = child_cats_get(r, child_id);
    if (!k)
        return NULL;
    const char *out = ",";
    for (const char *p = k->list; *p;) {
        char cat[32], start[11], end[11];
        int used = 0;
        if (sscanf(p, "%31[a-z_] %10s %10[0-9-]%n", cat, start, end, &used) != 3 || !used)
            return NULL;
        p += used + (p[used] == ',');
        int held = on ? strcmp(start, on) <= 0 && (strcmp(end, "-") == 0 || strcmp(end, on) >= 0)
                      : strcmp(end, "-") == 0;
        if (held && !strstr(out, arena_sprintf(r->a, ",%s,", cat)))
            out = arena_sprintf(r->a, "%s%s,", out, cat);
    }
    return out;
}

const char *child_svc_opened(portal_req *r, long long child_id)
{
    const struct child_cats *k = child_cats_get(r, child_id);
    return k ? k->opened : NULL;
}

void child_put_hdf(portal_req *r, const char *prefix, const struct portal_child *c)
{
    if (!c || !prefix)
        return;
    const struct {
        const char *name, *value;
    } f[] = {{"id", idstr(r, c->id)},       {"name", c->name},
             {"gender", c->gender},         {"birth_date", c->birth_date},
             {"id_last4", c->id_last4},     {"village_code", c->village_code},
             {"township_code", c->township_code}, {"status", c->status}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (f[i].value)
            hdf_put(arena_sprintf(r->a, "%s.%s", prefix, f[i].name), f[i].value);
}

const struct portal_child *child_svc_get(portal_req *r, long long child_id)
{
    const struct portal_child *c = child_load(r, child_id);
    const char *why = !c ? "absent" : !scope_allows(r, c->village_code, c->id)
                                          ? "outside the user's scope" : NULL;
    if (!why)
        return c;
    audit(r, "deny", "child", idstr(r, child_id),
          arena_sprintf(r->a, "404 child %s (%s)", why, r->mod ? r->mod->m->name : "core"));
    return NULL;
}

/* the first `chars` characters of valid UTF-8 text, "…" ending a cut one */
static const char *cut_chars(portal_req *r, const char *s, size_t chars)
{
    size_t n = 0, i = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++n > chars)
            break;
    if (!s[i])
        return s;
    /* keep chars - 1 of them and the ellipsis */
    size_t keep = i;
    do
        keep--;
    while (keep && ((unsigned char)s[keep] & 0xC0) == 0x80);
    return arena_sprintf(r->a, "%.*s…", (int)keep, s);
}

int child_event_write(portal_req *r, const char *module, long long child_id, const char *kind,
                      const char *summary)
{
    if (!kind || !*kind || strlen(kind) > EVENT_KIND_BYTES || !summary ||
        !utf8_valid(summary, strlen(summary))) {
        log_msg("PT0509", "child event refused: kind %s of module %s", kind ? kind : "(none)",
                module);
        db_doom();
        return -1;
    }
    return db_exec(r->a, "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) "
                   "VALUES (?, UTC_TIMESTAMP(), ?, ?, ?, ?)", "iisss", child_id,
                   (long long)(r->logged_in ? r->user.id : 0), module, kind,
                   cut_chars(r, summary, EVENT_SUMMARY_CHARS)) < 0 ? -1 : 0;
}

int child_svc_event(portal_req *r, long long child_id, const char *kind, const char *summary)
{
    const char *module = r->mod ? r->mod->m->name : "core";
    if (child_event_write(r, module, child_id, kind, summary) != 0)
        return -1;
    audit(r, arena_sprintf(r->a, "child.%s", kind), "child", idstr(r, child_id), module);
    return db_doomed() ? -1 : 0;
}

/* the child's status follows its open categories */
static int status_follow(portal_req *r, long long id)
{
    return db_exec(r->a, "UPDATE children SET status = IF(EXISTS (SELECT 1 FROM "
                   "child_categories WHERE child_id = ? AND end_date IS NULL), 'active', "
                   "'exited'), updated_at = UTC_TIMESTAMP() WHERE id = ?", "ii", id, id) < 0
               ? -1 : 0;
}

static char errbuf[256];

static int set_err(const char *msg)
{
    snprintf(errbuf, sizeof errbuf, "%s", msg);
    return -1;
}

const char *child_svc_error(portal_req *r)
{
    return arena_strdup(r->a, errbuf);
}

/* enters or leaves (reason: a "registry.exit" code) a category; the rest
 * as child_svc_category */
static int category_write(portal_req *r, long long child_id, const char *category, int enter,
                          const char *date, const char *basis, const char *reason)
{
    const char *title = category_title(category);
    if (!date)
        date = clock_today(r);
    if (!title || !basis || !seg_fits(SEG_DATE, date))
        return set_err("类别、日期或依据不正确。");
    /* one writer of the child's categories at a time */
    db_rows *q = db_query(r->a, "SELECT id FROM children WHERE id = ? FOR UPDATE", "i", child_id);
    db_rows *open = q && db_next(q) ? db_query(r->a, "SELECT id FROM child_categories WHERE "
                                               "child_id = ? AND category = ? AND end_date IS "
                                               "NULL FOR UPDATE", "is", child_id, category)
                                    : NULL;
    if (!open)
        return set_err("数据库暂时不可用。");
    int held = db_next(open);
    if (held == !!enter)
        return 0; /* already so: nothing changes */
    long long uid = r->logged_in ? r->user.id : 0;
    long long n = enter ? db_exec(r->a, "INSERT INTO child_categories (child_id, category, "
                                  "basis, start_date, entered_by) VALUES (?, ?, ?, ?, ?)",
                                  "isssi", child_id, category, cut_chars(r, basis, 200), date, uid)
                        : db_exec(r->a, "UPDATE child_categories SET end_date = ?, "
                                  "exit_reason = ?, exit_note = ?, exited_by = ? "
                                  "WHERE id = ? AND end_date IS NULL", "sssii", date, reason,
                                  *basis ? cut_chars(r, basis, 200) : NULL, uid,
                                  atoll(db_col(open, 0)));
    if (n != 1 || status_follow(r, child_id) != 0)
        return set_err("数据库暂时不可用。");
    const char *why = enter || strcmp(reason, "other") == 0
                          ? basis
                          : arena_sprintf(r->a, "%s%s%s", label_title("registry.exit", reason),
                                          *basis ? "；" : "", basis);
    const char *summary = enter ? arena_sprintf(r->a, "进入类别：%s（%s 起，依据：%s）", title,
                                                date, basis)
                                : arena_sprintf(r->a, "退出类别：%s（%s，原因：%s）", title,
                                                date, why);
    return child_svc_event(r, child_id, enter ? "category.enter" : "category.exit", summary) == 0
               ? 0 : set_err("数据库暂时不可用。");
}

int child_svc_category(portal_req *r, long long child_id, const char *category, int enter,
                       const char *date, const char *basis)
{
    if (!basis || !*basis)
        return -1;
    return category_write(r, child_id, category, enter, date, basis, "other");
}

int child_svc_category_exit(portal_req *r, long long child_id, const char *category,
                            const char *date, const char *reason, const char *note)
{
    errbuf[0] = 0;
    if (!reason || !label_title("registry.exit", reason))
        return set_err("退出原因不正确。");
    note = note ? text_trim(r->a, note) : "";
    if (!utf8_valid(note, strlen(note)))
        return set_err("备注含有无效字符。");
    return category_write(r, child_id, category, 0, date, note, reason);
}

/* ------------------------------------------------------- core columns */

static int disability_code(const char *t)
{
    static const char *const codes[] = {"visual", "hearing", "speech", "physical",
                                        "intellectual", "mental", "multiple"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (strcmp(codes[i], t) == 0)
            return 1;
    return 0;
}

/* text of at most `chars` characters (NULL: unchanged) */
static int text_ok(const char *v, size_t chars)
{
    return !v || (utf8_valid(v, strlen(v)) && utf8_chars(v) <= chars);
}

/* the fields' own checks: NULL ok, else the message */
static const char *core_refused(const struct portal_child_core *f)
{
    if (!text_ok(f->school, 100) || !text_ok(f->school_grade, 32) ||
        !text_ok(f->placement, 32))
        return "学校、年级或安置方式过长或含有无效字符。";
    if (f->disability_type && *f->disability_type && !disability_code(f->disability_type))
        return "残疾类别不正确（GB/T 26341）。";
    if (f->disability_grade < 0 || f->disability_grade > 4)
        return "残疾等级应为一级至四级。";
    if (f->disability_cert_expiry && *f->disability_cert_expiry &&
        !seg_fits(SEG_DATE, f->disability_cert_expiry))
        return "残疾人证有效期格式应为 YYYY-MM-DD。";
    return NULL;
}

struct core_col {
    const char *col, *title, *old, *now;
};

/* a value on the timeline: the disability's title, "无" for none */
static const char *core_shown(int i, const char *v)
{
    const char *t = i == 2 && v ? label_title("registry.disability", v) : NULL;
    return t ? t : v && *v ? v : "无";
}

/* the new values over the old row; the summary of what changes ("" none) */
static const char *core_merge(portal_req *r, const struct portal_child_core *f, db_rows *q,
                              struct core_col *c)
{
    const char *want[6] = {f->school, f->school_grade, f->disability_type,
                           f->disability_grade ? arena_sprintf(r->a, "%d", f->disability_grade)
                                               : NULL,
                           f->disability_cert_expiry, f->placement};
    int clear = f->disability_type && !*f->disability_type;
    const char *sum = "";
    for (int i = 0; i < 6; i++) {
        c[i].old = db_col(q, i);
        c[i].now = want[i] ? want[i] : c[i].old;
        if (i >= 2 && i <= 4 && (clear || (c[i].now && !*c[i].now)))
            c[i].now = NULL; /* the disability's columns are NULL for none */
        if (i < 2 || i == 5)
            c[i].now = c[i].now ? c[i].now : "";
        int same = c[i].old && c[i].now ? strcmp(c[i].old, c[i].now) == 0 : c[i].old == c[i].now;
        if (!same)
            sum = arena_sprintf(r->a, "%s%s%s：%s → %s", sum, *sum ? "；" : "", c[i].title,
                                core_shown(i, c[i].old), core_shown(i, c[i].now));
    }
    return sum;
}

int child_svc_core_set(portal_req *r, long long child_id, const struct portal_child_core *f,
                       const char *why)
{
    errbuf[0] = 0;
    const char *bad = f ? core_refused(f) : "没有要修改的内容。";
    if (bad)
        return set_err(bad);
    if (!child_svc_get(r, child_id)) /* the denial is audited */
        return set_err("无权修改该儿童的档案。");
    db_rows *q = db_query(r->a, "SELECT school, school_grade, disability_type, "
                          "disability_grade, DATE_FORMAT(disability_cert_expiry, '%Y-%m-%d'), "
                          "placement FROM children WHERE id = ? FOR UPDATE", "i", child_id);
    if (!q || !db_next(q))
        return set_err("数据库暂时不可用。");
    struct core_col c[6] = {{"school", "就读学校", 0, 0},     {"school_grade", "年级", 0, 0},
                            {"disability_type", "残疾类别", 0, 0},
                            {"disability_grade", "残疾等级", 0, 0},
                            {"disability_cert_expiry", "残疾人证有效期", 0, 0},
                            {"placement", "安置方式", 0, 0}};
    const char *sum = core_merge(r, f, q, c);
    if (!*sum)
        return 0;
    if (db_exec(r->a, "UPDATE children SET school = ?, school_grade = ?, disability_type = ?, "
                "disability_grade = ?, disability_cert_expiry = ?, placement = ?, updated_at = "
                "UTC_TIMESTAMP() WHERE id = ?", "ssssssi", c[0].now, c[1].now, c[2].now,
                c[3].now, c[4].now, c[5].now, child_id) != 1)
        return set_err("数据库暂时不可用。");
    if (why && *why)
        sum = arena_sprintf(r->a, "%s（%s）", sum, why);
    return child_svc_event(r, child_id, "file.core", sum) == 0 ? 0
                                                               : set_err("数据库暂时不可用。");
}

/* the child picker of an application form (macros.cs child_picker): the
 * child picked, and the user's children by a part of the name, scoped as
 * every list of children is (scope_sql); a division-scoped user's read in
 * name order from the fragment's gram rows (sql/047_name_grams.sql), not a
 * pass over the township or the county */
int child_svc_pick(portal_req *r, long long child_id, const char *q)
{
    if (child_id > 0) {
        const struct portal_child *c = child_svc_get(r, child_id);
        if (!c)
            return 404; /* absent or out of scope: audited by child_svc_get */
        child_put_hdf(r, "Child", c);
    }
    if (!q || !*q)
        return 0;
    const char *a1, *a2, *cond = scope_svc_sql(r, "c", &a1, &a2), *g1, *g2, *gcond = NULL;
    if (!cond || (scope_prefix(r) && !(gcond = scope_svc_sql(r, "g", &g1, &g2))))
        return 500;
    const char *like = text_like_escape(r->a, q);
    db_rows *rows =
        gcond ? db_query(r->a, arena_sprintf(r->a, "SELECT c.id, c.name, c.birth_date, "
                                             "c.village_code FROM child_name_grams g FORCE INDEX "
                                             "(gram_name) STRAIGHT_JOIN children c ON c.id = g.id "
                                             "WHERE g.gram = RIGHT(?, 2) AND %s AND %s AND g.name "
                                             "LIKE CONCAT('%%', ?, '%%') ORDER BY g.name, g.id "
                                             "LIMIT 20", gcond, cond),
                         "ssssss", q, g1, g2, a1, a2, like)
              : db_query(r->a, arena_sprintf(r->a, "SELECT c.id, c.name, c.birth_date, "
                                             "c.village_code FROM children c WHERE %s AND "
                                             "c.name LIKE CONCAT('%%', ?, '%%') ORDER BY "
                                             "c.name, c.id LIMIT 20", cond),
                         "sss", a1, a2, like);
    if (!rows || hdf_put_rows("Found", rows) < 0)
        return 500;
    render_set(r, "Form.q", q);
    return 0;
}
