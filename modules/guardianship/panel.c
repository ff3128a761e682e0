/*
 * panel.c - the section of the child's file (issue 13 item 8): the legal
 * guardian and the placement now, and the protection cases.  The registry
 * shows it to whoever may open the file; of a case, those without access
 * to it (access.c) read only that one exists, nothing more.
 */
#include "guardianship.h"

#include <stdlib.h>

static void row(portal_req *r, const struct portal_services *s, const char *prefix, int n,
                const char *what, const char *value)
{
    s->set(r, s->sprintf(r, "%s.Rows.%d.0", prefix, n), what);
    s->set(r, s->sprintf(r, "%s.Rows.%d.1", prefix, n), value ? value : "");
}

/* the cases of the child, each as much as the viewer may know; rows added */
static int case_rows(portal_req *r, const struct portal_services *s, long long child,
                     const char *prefix, int n)
{
    int has = s->child_has(r, child, "gd_reports");
    if (has <= 0)
        return has < 0 ? -1 : n;
    portal_rows *q = s->db_query(r, "SELECT id, stage FROM gd_reports WHERE child_id = ? "
                                 "AND stage <> 'closed' ORDER BY id", "i", child);
    if (!q)
        return -1;
    int hidden = 0;
    while (s->db_next(q)) {
        long long id = atoll(s->db_col(q, 0));
        if (gd_access_of(r, s, id, NULL) < GD_INTAKE) {
            hidden++;
            continue;
        }
        row(r, s, prefix, n++, s->sprintf(r, "保护个案第 %lld 号", id),
            s->label(r, "guardianship.stage", s->db_col(q, 1)));
        s->audit(r, "guardianship.panel.read", "gd_report", gd_id(r, s, id), NULL);
    }
    if (hidden)
        row(r, s, prefix, n++, "未成年人保护", "存在未成年人保护个案");
    return n;
}

static int care_fill(portal_req *r, const struct portal_services *s, long long child,
                     const char *prefix)
{
    const char *today = s->today(r);
    s->set(r, s->sprintf(r, "%s.Cols.0", prefix), "项目");
    s->set(r, s->sprintf(r, "%s.Cols.1", prefix), "情况");
    int n = 0, guardian = s->child_has(r, child, "gd_guardians");
    int placed = s->child_has(r, child, "gd_placements");
    if (guardian < 0 || placed < 0)
        return -1;
    portal_rows *q = !guardian ? NULL : s->db_query(r, "SELECT kind, guardian, start_date FROM gd_guardians WHERE "
                                 "child_id = ? AND start_date <= ? AND (end_date IS NULL OR "
                                 "end_date >= ?) ORDER BY start_date DESC, id DESC LIMIT 1",
                                 "iss", child, today, today);
    if (guardian && !q)
        return -1;
    if (q && s->db_next(q))
        row(r, s, prefix, n++, "法定监护人",
            s->sprintf(r, "%s：%s（自 %s 起）", s->label(r, "guardianship.guardian",
                                                         s->db_col(q, 0)),
                       s->db_col(q, 1), s->db_col(q, 2)));
    q = !placed ? NULL : s->db_query(r, "SELECT p.kind, COALESCE(o.name, p.carer), p.start_date FROM "
                    "gd_placements p LEFT JOIN orgs o ON o.id = p.org_id WHERE p.child_id = ? "
                    "AND p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?) ORDER BY "
                    "p.start_date DESC, p.id DESC LIMIT 1", "iss", child, today, today);
    if (placed && !q)
        return -1;
    if (q && s->db_next(q))
        row(r, s, prefix, n++, "当前安置",
            s->sprintf(r, "%s：%s（自 %s 起）", s->label(r, "guardianship.placement",
                                                         s->db_col(q, 0)),
                       s->db_col(q, 1), s->db_col(q, 2)));
    n = case_rows(r, s, child, prefix, n);
    if (n >= 0 && s->has_perm(r, "guardianship.placement"))
        s->set(r, s->sprintf(r, "%s.Link", prefix),
               s->sprintf(r, "/guardianship/children/%lld", child));
    return n;
}

/* the tables of the panel's rows (a child in none of them costs no query) */
static const char *const care_tables[] = {"gd_guardians", "gd_placements", "gd_reports", NULL};

const struct portal_child_panel gd_child_panels[] = {
    {"监护与安全保护", NULL, care_fill, care_tables},
    {NULL, NULL, NULL}};
