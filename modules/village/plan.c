/*
 * plan.c - the visit plan.  Each child is visited every N days, N the
 * shortest interval among the categories it holds now (dated settings
 * visit_days_*, read for today: a category entered today shortens the plan
 * at once); a child holding none of the listed ones, the interval for
 * others.  The next visit is due N days after the last one (or after the
 * file was opened, when never visited); overdue when that day has passed.
 * Overdue visits are counted per township and per director for the
 * township's supervisor and the county.
 */
#include "village.h"

#include <string.h>

/* The visit interval rule - the one place that holds it.  A child is
 * visited every N days: N the shortest of the intervals of the categories
 * it holds now (those listed here, each its dated setting; any other
 * category the interval for others), the interval for others when it holds
 * none.  Both users read it from here: plan_days_sql writes it as SQL for
 * PLAN_SQL (every child of a list or a count, sorted and paged by the due
 * day), plan_interval evaluates it in C for one child's file (its open
 * categories come with the child's row: no statement). */
static const struct {
    const char *category, *setting;
} plan_listed[] = {
    {"orphan", "visit_days_orphan"},
    {"de_facto_unsupported", "visit_days_de_facto_unsupported"},
    {"guardianship", "visit_days_guardianship"},
};
#define PLAN_LISTED 3
_Static_assert(sizeof plan_listed / sizeof *plan_listed == PLAN_LISTED,
               "PLAN_ARGS binds one interval per listed category");

/* the intervals in force today: the listed categories', then the others' */
struct plan {
    long long days[PLAN_LISTED], other;
};

static int plan_days(portal_req *r, const struct portal_services *s, struct plan *p)
{
    p->other = s->setting_int(r, "visit_days_other", NULL);
    for (int i = 0; i < PLAN_LISTED; i++)
        if ((p->days[i] = s->setting_int(r, plan_listed[i].setting, NULL)) == PORTAL_NO_SETTING)
            return -1;
    return p->other == PORTAL_NO_SETTING ? -1 : 0;
}

/* the rule in SQL for the child c: binds the listed intervals, then the
 * others' twice (a category not listed; no category at all) */
static const char *plan_days_sql(portal_req *r, const struct portal_services *s)
{
    const char *when = "";
    for (int i = 0; i < PLAN_LISTED; i++)
        when = s->sprintf(r, "%s WHEN '%s' THEN ?", when, plan_listed[i].category);
    return s->sprintf(r, "COALESCE((SELECT MIN(CASE k.category%s ELSE ? END) FROM "
                         "child_categories k WHERE k.child_id = c.id AND k.end_date IS NULL), ?)",
                      when);
}

/* the rule in C for a child holding the open categories `cats` (",a,b,") */
static long long plan_interval(const struct plan *p, const char *cats)
{
    long long days = -1;
    for (const char *c = cats + 1; *c; c = strchr(c, ',') + 1) {
        size_t n = strcspn(c, ","), k = 0;
        while (k < PLAN_LISTED && !(strlen(plan_listed[k].category) == n &&
                                    strncmp(c, plan_listed[k].category, n) == 0))
            k++;
        long long d = k < PLAN_LISTED ? p->days[k] : p->other;
        if (days < 0 || d < days)
            days = d;
    }
    return days < 0 ? p->other : days;
}

/* The children in the user's scope (and, for a director, their villages)
 * with last_visit, days and due, and late (1: overdue).  Formatted with
 * plan_days_sql and the scope's condition; binds, in order: today "s",
 * the intervals "iiiii", the scope "ss", the director "ii", the child "ii",
 * today "ss", then the caller's own. */
#define PLAN_SQL(outer_where)                                                                  \
    "SELECT y.*, y.due < ? AS late FROM (SELECT x.*, DATE_ADD(COALESCE(x.last_visit, "      \
    "DATE(x.created_at + INTERVAL 8 HOUR)), INTERVAL x.days DAY) AS due FROM (SELECT c.id, " \
    "c.name, c.sex, "                                                                        \
    "c.birth_date, c.village_code, c.township_code, c.created_at, (SELECT MAX(w.visit_date) " \
    "FROM village_visits w WHERE w.child_id = c.id) AS last_visit, %s AS days FROM children " \
    "c WHERE c.status = 'active' AND %s AND "                                                \
    "(? = 0 OR c.village_code IN " VIL_MY_VILLAGES ") AND (? = 0 OR c.id = ?)) x) y "         \
    "WHERE ? = ? "                                                                           \
    outer_where
#define PLAN_TYPES "iiiiissiiiiss"
#define PLAN_ARGS(p, a1, a2, mine, uid, child, today)                                         \
    (p).days[0], (p).days[1], (p).days[2], (p).other, (p).other, a1, a2, mine, uid, child,   \
        child, today, today

int vil_plan_hdf(portal_req *r, const struct portal_services *s, const char *prefix,
                 const char *until, long long child_id)
{
    struct plan p;
    const char *a1, *a2, *today = s->today(r);
    const char *cond = s->scope_sql(r, "c", &a1, &a2);
    int mine = vil_is_director(r, s);
    if (!cond || mine < 0 || plan_days(r, s, &p) != 0)
        return -1;
    /* the first today binds "y.due < ?" (late), the pair "? = ?" is a no-op
     * that keeps the binds in one order for every caller */
    const char *sql = s->sprintf(r, PLAN_SQL("AND (? IS NULL OR y.due <= ?) ORDER BY y.due, "
                                             "y.name, y.id LIMIT 1000"),
                                 plan_days_sql(r, s), cond);
    return s->db_query_hdf(r, prefix, sql, "s" PLAN_TYPES "ss", today,
                           PLAN_ARGS(p, a1, a2, (long long)mine, s->user(r)->id, child_id, today),
                           until, until);
}

/* the rule for one child, the last visit given, in C (plan_interval): the open
 * categories and the day the file was opened come with the route's child
 * row (no statement on the file page).  1, 0 (no plan: absent, not the
 * user's, not active), -1 on error */
int vil_plan_one(portal_req *r, const struct portal_services *s, long long child_id,
                 const char *last_visit, long long *days, const char **due, int *late)
{
    struct plan p;
    if (plan_days(r, s, &p) != 0)
        return -1;
    const struct portal_child *c = s->child(r, child_id);
    if (!c || strcmp(c->status, "active") != 0) /* the scope and rows of PLAN_SQL */
        return 0;
    const char *cats = s->child_categories_on(r, child_id, NULL);
    const char *since = last_visit ? last_visit : s->child_opened(r, child_id);
    if (!cats || !since)
        return -1;
    *days = plan_interval(&p, cats);
    if (*days > 3650 || *days < -3650 || !(*due = s->date_add(r, since, (int)*days, 0)))
        return -1;
    *late = strcmp(*due, s->today(r)) < 0;
    return 1;
}

/* overdue children per township and per director, in the user's scope */
int overdue_get(portal_req *r, const struct portal_services *s)
{
    struct plan p;
    const char *a1, *a2, *today = s->today(r);
    const char *cond = s->scope_sql(r, "c", &a1, &a2), *days = plan_days_sql(r, s);
    if (!cond || plan_days(r, s, &p) != 0)
        return 500;
    const char *by_town = s->sprintf(
        r, "SELECT z.township_code AS code, COUNT(*) AS children, SUM(z.late) AS late FROM ("
           PLAN_SQL("") ") z GROUP BY z.township_code ORDER BY SUM(z.late) DESC, z.township_code",
        days, cond);
    if (s->db_query_hdf(r, "Townships", by_town, "s" PLAN_TYPES, today,
                        PLAN_ARGS(p, a1, a2, 0LL, 0LL, 0LL, today)) < 0)
        return 500;
    const char *by_director = s->sprintf(
        r, "SELECT COALESCE(u.display_name, '（未配备儿童主任）') AS director, u.username, "
           "z.township_code, COUNT(DISTINCT z.id) AS children, COUNT(DISTINCT IF(z.late = 1, "
           "z.id, NULL)) AS late, GROUP_CONCAT(DISTINCT z.village_code ORDER BY z.village_code) "
           "AS villages FROM (" PLAN_SQL("") ") z LEFT JOIN village_directors d ON "
           "d.village_code = z.village_code AND d.end_date IS NULL LEFT JOIN users u ON "
           "u.id = d.user_id GROUP BY u.id, u.display_name, u.username, z.township_code "
           "ORDER BY late DESC, z.township_code, u.display_name LIMIT 1000", days, cond);
    if (s->db_query_hdf(r, "Directors", by_director, "s" PLAN_TYPES, today,
                        PLAN_ARGS(p, a1, a2, 0LL, 0LL, 0LL, today)) < 0)
        return 500;
    /* the overdue children themselves, most overdue first */
    const char *late = s->sprintf(r, PLAN_SQL("AND y.due < ? ORDER BY y.due, y.id LIMIT 300"),
                                  days, cond);
    if (s->db_query_hdf(r, "Late", late, "s" PLAN_TYPES "s", today,
                        PLAN_ARGS(p, a1, a2, 0LL, 0LL, 0LL, today), today) < 0)
        return 500;
    s->set(r, "Today", today);
    return s->render(r, "overdue.cs", "逾期未走访");
}
