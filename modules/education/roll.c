/*
 * roll.c - the semester roll (学籍) import: a school (its own pupils) or
 * the commission (every school) uploads the roll exported from the national
 * student register (xlsx, xls or CSV: 姓名, 身份证号, 学校, 年级[, 班级]).
 * Children are matched by the HMAC of the ID number; a matched child's
 * enrolment is brought up to date (a new dated row, the school link), rows
 * that cannot be applied are listed with the reason, and the page lists the
 * registry children of compulsory-school age the semester's rolls missed.
 * Pupils who are not in the registry (most of a roll) are only counted.
 */
#include "education.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const struct portal_param roll_params[] = {
    {"file", PP_FILE, 0, 1, "学籍名册"},
    {"semester", PP_CODE, 6, 1, "学期"},
    {NULL, 0, 0, 0, NULL}};

#define ROLL_PART 2000 /* rows per committed part */

struct school { const char *org, *code, *name, *level; };

/* a row waiting for the batched lookup of its ID number's HMAC */
#define ROLL_BATCH 32
struct pending {
    long row;
    const char *cells[5]; /* copies: name, ID number, school, grade, class */
    const char *hmac;
    const struct school *sc;
};

struct roll {
    portal_req *r;
    svc *s;
    long long id, own;
    const char *semester;
    struct school *schools;
    int nschools;
    long long row, total, matched, updated, missing, refused;
    struct pending pend[ROLL_BATCH];
    int npend;
};

static int load_schools(struct roll *c)
{
    portal_req *r = c->r;
    svc *s = c->s;
    portal_rows *q = s->db_query(r, "SELECT o.id, e.school_code, o.name, e.level FROM edu_schools "
                                 "e JOIN orgs o ON o.id = e.org_id WHERE o.active = 1", "");
    if (!q)
        return -1;
    int cap = 64;
    c->schools = s->alloc(r, cap * sizeof *c->schools);
    while (s->db_next(q)) {
        if (c->nschools == cap) {
            struct school *n = s->alloc(r, 2 * cap * sizeof *n);
            memcpy(n, c->schools, cap * sizeof *n);
            c->schools = n, cap *= 2;
        }
        struct school *x = &c->schools[c->nschools++];
        x->org = s->db_col(q, 0), x->code = s->db_col(q, 1), x->name = s->db_col(q, 2);
        x->level = s->db_col(q, 3);
    }
    return 0;
}

static const struct school *school_named(struct roll *c, const char *text)
{
    for (int i = 0; i < c->nschools; i++)
        if (strcmp(c->schools[i].code, text) == 0 || strcmp(c->schools[i].name, text) == 0)
            return &c->schools[i];
    return NULL;
}

/* an ID number as typed: 17 digits and a digit or X (x upper-cased), or NULL */
static const char *id_norm(portal_req *r, svc *s, const char *text)
{
    char *id = (char *)s->trim(r, text);
    if (strlen(id) != 18 || strspn(id, "0123456789") < 17)
        return NULL;
    id[17] = (char)toupper((unsigned char)id[17]);
    return isdigit((unsigned char)id[17]) || id[17] == 'X' ? id : NULL;
}

static const char *id_mask(portal_req *r, svc *s, const char *text)
{
    const char *id = s->trim(r, text);
    size_t n = strlen(id);
    if (n != 18)
        return "";
    return s->sprintf(r, "%.6s********%.4s", id, id + 14);
}

static int refuse_row(struct roll *c, const char **cells, int n, const char *reason)
{
    svc *s = c->s;
    c->refused++;
    return s->db_exec(c->r, "INSERT INTO edu_roll_rows (import_id, row_no, name, id_masked, "
                      "school, grade, reason) VALUES (?, ?, LEFT(?, 64), ?, LEFT(?, 128), "
                      "LEFT(?, 16), ?)", "iisssss", c->id, c->row, n > 0 ? cells[0] : "",
                      n > 1 ? id_mask(c->r, s, cells[1]) : "", n > 2 ? cells[2] : "",
                      n > 3 ? cells[3] : "", reason) == 1 ? 0 : -1;
}

/* a matched child: the roll's school, grade and class; the mode, boarding
 * and migrant status of a current enrolment at the same school are kept */
static int roll_apply(struct roll *c, long long child, const struct school *sc, const char *grade,
                      const char *klass)
{
    portal_req *r = c->r;
    svc *s = c->s;
    long long org = atoll(sc->org);
    struct edu_enrol e = {child, org, c->semester, grade, klass,
                          strcmp(sc->level, "special") == 0 ? "special" : "ordinary", "",
                          "学籍名册导入", 0, 0, "roll", c->id};
    portal_rows *q = s->db_query(r, "SELECT mode, boarding, migrant, hukou_place, class_name FROM "
                                 "edu_enrolments WHERE child_id = ? AND ended_on IS NULL AND "
                                 "org_id = ?", "ii", child, org);
    if (!q)
        return -1;
    if (s->db_next(q)) {
        const char *mode = s->col(q, "mode");
        if (strcmp(mode, "none") != 0 && strcmp(mode, "exempt") != 0)
            e.mode = mode;
        e.boarding = atoi(s->col(q, "boarding")), e.migrant = atoi(s->col(q, "migrant"));
        e.hukou_place = s->col(q, "hukou_place");
        if (!*klass)
            e.class_name = s->col(q, "class_name");
    }
    if (s->db_exec(r, "INSERT IGNORE INTO edu_roll_matches (import_id, child_id) VALUES (?, ?)",
                   "ii", c->id, child) < 0)
        return -1;
    const char *why;
    int rc = edu_enrol(r, s, &e, &why);
    if (rc < 0)
        return -1;
    c->updated += rc;
    return 0;
}

/* one row of the roll checked: listed with the reason, or kept for the
 * batched lookup (its cells copied) */
static int roll_check(struct roll *c, const char **cells, int n)
{
    portal_req *r = c->r;
    svc *s = c->s;
    c->total++;
    const char *name = n > 0 ? s->trim(r, cells[0]) : "", *grade = n > 3 ? s->trim(r, cells[3]) : "";
    if (n < 4 || !*name || !*s->trim(r, cells[1]) || !*s->trim(r, cells[2]) || !*grade)
        return refuse_row(c, cells, n, "incomplete");
    const char *id = id_norm(r, s, cells[1]);
    if (!id)
        return refuse_row(c, cells, n, "bad_id");
    const struct school *sc = school_named(c, s->trim(r, cells[2]));
    if (!sc)
        return refuse_row(c, cells, n, "no_school");
    if (c->own && atoll(sc->org) != c->own)
        return refuse_row(c, cells, n, "other_school");
    struct pending *p = &c->pend[c->npend++];
    p->row = c->row, p->sc = sc, p->hmac = s->hmac(r, id);
    p->cells[0] = s->sprintf(r, "%s", name), p->cells[1] = s->sprintf(r, "%s", cells[1]);
    p->cells[2] = s->sprintf(r, "%s", cells[2]), p->cells[3] = s->sprintf(r, "%s", grade);
    p->cells[4] = s->sprintf(r, "%s", n > 4 ? s->trim(r, cells[4]) : "");
    return p->hmac ? 0 : -1;
}

/* one pending row with the child its HMAC found (0: none): applied,
 * counted as not in the registry, or listed.  A school's import never tells
 * it whether a pupil who is not its enrolled child is in the registry: such
 * rows count as not found. */
static int roll_match(struct roll *c, struct pending *p, long long child, const char *name,
                      const char *village)
{
    c->row = p->row;
    if (!child || (c->own && !c->s->scope_allows(c->r, village, child))) {
        c->missing++;
        return 0;
    }
    if (strcmp(name, p->cells[0]) != 0)
        return refuse_row(c, p->cells, 5, "name_differs");
    c->matched++;
    return roll_apply(c, child, p->sc, p->cells[3], p->cells[4]);
}

#define Q8 "?, ?, ?, ?, ?, ?, ?, ?"
#define H8(o) h[o], h[o + 1], h[o + 2], h[o + 3], h[o + 4], h[o + 5], h[o + 6], h[o + 7]

/* the children of the pending rows, ROLL_BATCH HMACs a query */
static int roll_flush(struct roll *c)
{
    portal_req *r = c->r;
    svc *s = c->s;
    const char *h[ROLL_BATCH] = {0}, *name[ROLL_BATCH] = {0}, *village[ROLL_BATCH] = {0};
    long long child[ROLL_BATCH] = {0};
    for (int i = 0; i < c->npend; i++)
        h[i] = c->pend[i].hmac;
    portal_rows *q = s->db_query(r, "SELECT id, name, village_code, id_hmac FROM children WHERE "
                                 "id_hmac IN (" Q8 ", " Q8 ", " Q8 ", " Q8 ")",
                                 "ssssssss" "ssssssss" "ssssssss" "ssssssss", H8(0), H8(8),
                                 H8(16), H8(24));
    if (!q)
        return -1;
    while (s->db_next(q))
        for (int i = 0; i < c->npend; i++)
            if (strcmp(s->db_col(q, 3), h[i]) == 0) {
                child[i] = atoll(s->db_col(q, 0));
                name[i] = s->db_col(q, 1), village[i] = s->db_col(q, 2);
            }
    for (int i = 0; i < c->npend; i++)
        if (roll_match(c, &c->pend[i], child[i], name[i], village[i]) != 0)
            return -1;
    c->npend = 0;
    return 0;
}
#undef Q8
#undef H8

static int roll_page(portal_req *r, svc *s, int status)
{
    long long own = edu_own_school(r, s);
    if (s->db_query_hdf(r, "Imports", "SELECT i.id, i.semester, i.filename, i.rows_total, "
                        "i.matched, i.updated, i.not_in_registry, i.refused, i.status, "
                        "i.created_at, o.name AS school FROM edu_roll_imports i LEFT JOIN orgs o "
                        "ON o.id = i.org_id WHERE (? = 0 OR i.org_id = ?) ORDER BY i.id DESC "
                        "LIMIT 100", "ii", own, own) < 0)
        return 500;
    if (!s->param(r, "semester"))
        s->set(r, "Form.semester", edu_semester(r, s, NULL));
    s->render(r, "roll_list.cs", "学籍名册导入");
    return status;
}

int roll_list_get(portal_req *r, svc *s)
{
    if (!edu_staff(r, s))
        return s->refuse(r, 403, "page", "education.roll", "roll without the commission's or a "
                         "school's permission", "您没有导入学籍名册的权限。");
    return roll_page(r, s, 200);
}

/* reads the rows, committing every ROLL_PART; 0, or the error status */
static int roll_read(struct roll *c, portal_sheet *sh)
{
    portal_req *r = c->r;
    svc *s = c->s;
    const char **cells;
    int n = s->sheet_next(sh, &cells);
    if (n > 0 && strstr(cells[0], "姓名"))
        n = s->sheet_next(sh, &cells);
    for (; n > 0; n = s->sheet_next(sh, &cells)) {
        c->row = s->sheet_row(sh);
        if (roll_check(c, cells, n) != 0 || (c->npend == ROLL_BATCH && roll_flush(c) != 0))
            return 500;
        if (c->total % ROLL_PART == 0 && s->db_commit_now(r) != 0)
            return 500;
    }
    if (c->npend && roll_flush(c) != 0)
        return 500;
    if (n < 0)
        s->flash(r, s->sprintf(r, "文件读取中断：%s 已导入此前的各行。", s->sheet_error(sh)));
    return 0;
}

int roll_import_post(portal_req *r, svc *s)
{
    if (!edu_staff(r, s))
        return s->refuse(r, 403, "page", "education.roll", "roll import without the commission's "
                         "or a school's permission", "您没有导入学籍名册的权限。");
    size_t len = 0;
    const char *fname = NULL, *ctype = NULL;
    const char *data = s->upload(r, "file", &len, &fname, &ctype);
    const char *sem = s->param(r, "semester");
    if (!edu_semester_ok(sem))
        s->form_error(r, "semester", "学期格式应为“2026-2”（秋季）或“2027-1”（春季）。");
    portal_sheet *sh = data && len ? s->sheet_open(r, data, len) : NULL;
    if (!sh || !*s->sheet_format(sh))
        s->form_error(r, "file", "请选择学籍名册文件（xlsx、xls 或 CSV）。");
    if (s->form_failed(r))
        return roll_page(r, s, 400);
    struct roll c = {r, s, 0, edu_own_school(r, s), sem, NULL, 0, 0, 0, 0, 0, 0, 0};
    if (load_schools(&c) != 0 ||
        s->db_exec(r, "INSERT INTO edu_roll_imports (org_id, semester, filename, created_by, "
                   "created_at) VALUES (NULLIF(?, 0), ?, LEFT(?, 200), ?, UTC_TIMESTAMP())",
                   "issi", c.own, sem, fname ? fname : "", s->user(r)->id) != 1)
        return 500;
    c.id = s->db_insert_id(r);
    int rc = roll_read(&c, sh);
    if (rc)
        return rc;
    if (s->db_exec(r, "UPDATE edu_roll_imports SET rows_total = ?, matched = ?, updated = ?, "
                   "not_in_registry = ?, refused = ?, status = 'done' WHERE id = ?", "iiiiii",
                   c.total, c.matched, c.updated, c.missing, c.refused, c.id) != 1)
        return 500;
    s->audit(r, "education.roll.import", "edu_roll_import", edu_id(r, s, c.id),
             s->sprintf(r, "semester=%s rows=%lld matched=%lld updated=%lld refused=%lld", sem,
                        c.total, c.matched, c.updated, c.refused));
    return s->redirect(r, s->sprintf(r, "/education/roll/%lld", c.id));
}

int roll_load(portal_req *r, svc *s, long long id, struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT COALESCE(org_id, 0) FROM edu_roll_imports WHERE "
                                 "id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    long long own = edu_own_school(r, s), org = atoll(s->db_col(q, 0));
    if (own ? own != org : !edu_manager(r, s))
        return 404;
    o->division = NULL; /* checked here: the school's own, or the commission */
    return 0;
}

int roll_get(portal_req *r, svc *s)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Import", "SELECT i.id, i.semester, i.filename, i.rows_total, i.matched, "
                      "i.updated, i.not_in_registry, i.refused, i.status, i.created_at, o.name AS "
                      "school FROM edu_roll_imports i LEFT JOIN orgs o ON o.id = i.org_id WHERE "
                      "i.id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Refused", "SELECT row_no, name, id_masked, school, grade, reason FROM "
                        "edu_roll_rows WHERE import_id = ? ORDER BY row_no LIMIT 2000", "i", id) < 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT semester FROM edu_roll_imports WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    const char *sem = s->db_col(q, 0), *after, *upto, *a1, *a2;
    edu_age_bounds(r, s, &after, &upto);
    const char *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond)
        return 500;
    int n = s->db_query_hdf(
        r, "Missed", s->sprintf(r, "SELECT c.id, c.name, c.birth_date, c.township_code, "
                                "c.village_code FROM children c WHERE %s AND c.status = 'active' "
                                "AND c.birth_date > ? AND c.birth_date <= ? AND NOT EXISTS "
                                "(SELECT 1 FROM edu_roll_matches m JOIN edu_roll_imports i ON "
                                "i.id = m.import_id WHERE m.child_id = c.id AND i.semester = ?) "
                                "ORDER BY c.township_code, c.name, c.id LIMIT 500", cond),
        "sssss", a1, a2, after, upto, sem);
    if (n < 0)
        return 500;
    s->set_int(r, "MissedCount", n);
    s->audit(r, "education.roll.read", "edu_roll_import", edu_id(r, s, id), NULL);
    return s->render(r, "roll.cs", "学籍名册导入结果");
}
