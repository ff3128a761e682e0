/*
 * access.c - need-to-know (issue 13 item 6).  A report and its case are
 * seen only by: the county child-protection staff of its division (all of
 * it, the reporter too); the case workers assigned (all but the reporter);
 * the police station it was sent to (the report, the child, the police's
 * part); a township protection worker of its division not yet on the case
 * (what is needed to take it: the situation, the time, the stage); the
 * reporter and their organisation (the report as filed: its stage).  Nobody
 * else, whatever their jurisdiction: NGOs, other schools, other townships,
 * the auditor get the same 404 as for a report that does not exist, and the
 * denial is audited by the host.  Scope follows the child's CURRENT village.
 */
#include "guardianship.h"

#include <stdlib.h>
#include <string.h>

static int is_police(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    return u && u->org_kind && strcmp(u->org_kind, "police_station") == 0 &&
           s->has_perm(r, "guardianship.police");
}

/* the access of the signed-in user to report `id` (GD_NONE when absent);
 * fills *out when given */
int gd_access_of(portal_req *r, const struct portal_services *s, long long id,
                 struct gd_report *out)
{
    const struct portal_user *u = s->user(r);
    if (!u)
        return GD_NONE;
    portal_rows *q = s->db_query(
        r, "SELECT g.id, g.child_id, COALESCE(c.village_code, g.division_code) AS division, "
        "g.stage, g.police_org_id, g.reporter_org_id, g.reporter_user_id, "
        "EXISTS (SELECT 1 FROM gd_case_workers w WHERE w.report_id = g.id AND w.user_id = ? "
        "AND w.ended_at IS NULL) AS worker FROM gd_reports g LEFT JOIN children c "
        "ON c.id = g.child_id WHERE g.id = ?", "ii", u->id, id);
    if (!q || !s->db_next(q))
        return GD_NONE;
    const char *div = s->col(q, "division");
    const char *police = s->col(q, "police_org_id"), *rorg = s->col(q, "reporter_org_id");
    int in = s->in_scope(r, div), a = GD_NONE;
    if (in && s->has_perm(r, "guardianship.county"))
        a = GD_COUNTY;
    else if (in && s->has_perm(r, "guardianship.handle"))
        a = strcmp(s->col(q, "worker"), "1") == 0 ? GD_WORKER : GD_INTAKE;
    else if (police && u->org_id && atoll(police) == u->org_id && is_police(r, s))
        a = GD_POLICE;
    else if (s->has_perm(r, "guardianship.report") &&
             ((rorg && u->org_id && atoll(rorg) == u->org_id) ||
              atoll(s->col(q, "reporter_user_id")) == u->id))
        a = GD_REPORTER;
    if (out) {
        out->id = id;
        out->child_id = s->col(q, "child_id") ? atoll(s->col(q, "child_id")) : 0;
        out->division = div;
        out->stage = s->col(q, "stage");
        out->access = a;
    }
    return a;
}

/* the "report:id" loader: the access decides, the division is left NULL
 * (checked here, for org-scoped police and reporters alike) */
static int report_load(portal_req *r, const struct portal_services *s, long long id,
                       struct portal_object *o)
{
    struct gd_report *g = s->alloc(r, sizeof *g);
    if (gd_access_of(r, s, id, g) == GD_NONE)
        return 404;
    o->child_id = 0; /* the access above is the check; the child may be unidentified */
    o->data = g;
    return 0;
}

/* the "guardian:id" loader: a guardianship row of a child in scope */
static int guardian_load(portal_req *r, const struct portal_services *s, long long id,
                         struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT g.child_id, c.village_code FROM gd_guardians g "
                                 "JOIN children c ON c.id = g.child_id WHERE g.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    o->child_id = atoll(s->db_col(q, 0));
    o->division = s->db_col(q, 1);
    return 0;
}

/* a detention's or a referral's loader: the police station it concerns
 * (o->data 1) or protection staff whose jurisdiction covers the division
 * (o->data 2); 404 for anyone else */
int gd_police_or_staff(portal_req *r, const struct portal_services *s, const char *police_org,
                       const char *division, struct portal_object *o)
{
    int police = police_org && is_police(r, s) && atoll(police_org) == s->user(r)->org_id;
    int staff = s->has_perm(r, "guardianship.handle") && s->in_scope(r, division);
    if (!police && !staff)
        return 404;
    int *who = s->alloc(r, sizeof *who);
    *who = police ? 1 : 2;
    o->data = who;
    return 0;
}

const struct portal_loader gd_loaders[] = {
    {"report", "gd_report", report_load},
    {"guardian", "gd_guardian", guardian_load},
    {"detention", "gd_detention", gd_detention_load},
    {"referral", "gd_referral", gd_referral_load},
    {NULL, NULL, NULL}};

/* The reports a user may see, as a condition on gd_reports g LEFT JOIN
 * children c, the same rules as gd_access_of (intake and case workers alike
 * list the cases of their division: the list shows no more than intake).
 * Bound "siiiiiii": the scope prefix (NULL: none), county (0/1), handle
 * (0/1), police (0/1) and the user's org id, reporter (0/1), the user's org
 * id and the user's id. */
const char *gd_list_sql(portal_req *r, const struct portal_services *s, const char **arg)
{
    return s->sprintf(r, "((%s AND (? = 1 OR ? = 1)) OR (? = 1 AND g.police_org_id = ?) OR "
                      "(? = 1 AND (g.reporter_org_id = ? OR g.reporter_user_id = ?)))",
                      s->scope_where(r, "COALESCE(c.village_code, g.division_code)", arg));
}

int gd_is_police(portal_req *r, const struct portal_services *s)
{
    return is_police(r, s);
}
