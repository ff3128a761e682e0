/*
 * objects.c - the objects the module's routes are about (ABI 2 loaders).
 *
 * The host runs the loader a route names ("<loader>:id") before the
 * handler: a loader finds the object and either names the division whose
 * scope covers it (the host checks it) or checks access itself and leaves
 * the division NULL.  Absent, out of scope or not the partner's own is an
 * audited 404, the same page either way.  o->data is the object's row
 * (portal_rows on it: s->col by name), or a struct vol_access for what a
 * partner reaches through an assignment.
 *
 * A partner sees a child, an area or a log only through an assignment of
 * its own organisation that is not ended, whose period holds today, while
 * the organisation is approved (and, for a child, while the child is in
 * the registry's care).
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

long long vol_num(const char *v)
{
    return v ? strtoll(v, NULL, 10) : 0;
}

/* the object is the first row of q, its division (NULL: none) and its
 * child from the columns so named when there are: 0, 404 none, 500 error */
static int take_row(const struct portal_services *s, portal_rows *q, struct portal_object *o,
                    const char *division)
{
    if (!q)
        return 500;
    if (!s->db_next(q))
        return 404;
    o->data = q;
    o->child_id = vol_num(s->col(q, "child_id"));
    o->division = division ? s->col(q, division) : NULL;
    return o->division || !division ? 0 : 404;
}

/* POST routes lock the object's row for the request's transaction */
static const char *locked(portal_req *r, const struct portal_services *s, const char *sql)
{
    return strcmp(s->method(r), "POST") == 0 ? s->sprintf(r, "%s FOR UPDATE", sql) : sql;
}

int vol_partner_org(portal_req *r, const struct portal_services *s, long long *vorg,
                    const char **status)
{
    const struct portal_user *u = s->user(r);
    if (!u || u->org_id <= 0)
        return -1;
    portal_rows *q = s->db_query(r, "SELECT v.id, v.status FROM volunteer_orgs v JOIN orgs o "
                                    "ON o.id = v.org_id WHERE v.org_id = ? AND o.kind = 'ngo'",
                                 "i", u->org_id);
    if (!q || !s->db_next(q))
        return -1;
    *vorg = vol_num(s->db_col(q, 0));
    if (status)
        *status = s->db_col(q, 1);
    return 0;
}

/* the partner's current assignment for the child: its id, or 0 */
static long long active_assignment(portal_req *r, const struct portal_services *s,
                                   long long vorg, long long child)
{
    /* a child who left the registry's care is no longer served */
    portal_rows *q = s->db_query(r, "SELECT a.id FROM volunteer_assignments a JOIN volunteer_orgs v "
                                    "ON v.id = a.vorg_id JOIN children c ON c.id = a.child_id "
                                    "WHERE a.child_id = ? AND a.vorg_id = ? AND c.status = 'active' "
                                    "AND v.status = 'approved' AND a.ended_at IS NULL AND "
                                    "? BETWEEN a.start_date AND a.end_date ORDER BY a.id DESC LIMIT 1",
                                 "iis", child, vorg, s->today(r));
    return q && s->db_next(q) ? vol_num(s->db_col(q, 0)) : 0;
}

/* the area assignment aid when it is the partner's and runs today, else 0 */
static long long active_area(portal_req *r, const struct portal_services *s, long long vorg,
                             long long aid)
{
    portal_rows *q = s->db_query(r, "SELECT a.id FROM volunteer_assignments a JOIN volunteer_orgs v "
                                    "ON v.id = a.vorg_id WHERE a.id = ? AND a.vorg_id = ? AND "
                                    "a.area_code IS NOT NULL AND v.status = 'approved' AND "
                                    "a.ended_at IS NULL AND ? BETWEEN a.start_date AND a.end_date",
                                 "iis", aid, vorg, s->today(r));
    return q && s->db_next(q) ? aid : 0;
}

static struct vol_access *access_of(portal_req *r, const struct portal_services *s,
                                    struct portal_object *o)
{
    struct vol_access *a = s->alloc(r, sizeof *a);
    memset(a, 0, sizeof *a);
    o->data = a;
    return a;
}

/* ------------------------------------------------------------ partner */

static int partner_child_load(portal_req *r, const struct portal_services *s, long long id,
                              struct portal_object *o)
{
    struct vol_access *a = access_of(r, s, o);
    if (vol_partner_org(r, s, &a->vorg, NULL) != 0 ||
        (a->aid = active_assignment(r, s, a->vorg, id)) == 0)
        return 404;
    a->child = o->child_id = id;
    return 0;
}

static int partner_area_load(portal_req *r, const struct portal_services *s, long long id,
                             struct portal_object *o)
{
    struct vol_access *a = access_of(r, s, o);
    if (vol_partner_org(r, s, &a->vorg, NULL) != 0 || !(a->aid = active_area(r, s, a->vorg, id)))
        return 404;
    return 0;
}

/* the partner's access to one of its logs: the log's child (0 for an
 * area's log) and the assignment it is filed under now; access ends with
 * the assignment (no edits either) */
static int log_access(portal_req *r, const struct portal_services *s, long long id,
                      struct vol_access *a)
{
    portal_rows *q = s->db_query(r, "SELECT child_id, assignment_id, status FROM volunteer_logs "
                                    "WHERE id = ? AND vorg_id = ?", "ii", id, a->vorg);
    if (!q || !s->db_next(q))
        return 404;
    a->child = vol_num(s->db_col(q, 0));
    a->status = s->db_col(q, 2);
    a->aid = a->child ? active_assignment(r, s, a->vorg, a->child)
                      : active_area(r, s, a->vorg, vol_num(s->db_col(q, 1)));
    return a->aid ? 0 : 404;
}

static int partner_log_load(portal_req *r, const struct portal_services *s, long long id,
                            struct portal_object *o)
{
    struct vol_access *a = access_of(r, s, o);
    if (vol_partner_org(r, s, &a->vorg, NULL) != 0 || log_access(r, s, id, a) != 0)
        return 404;
    o->child_id = a->child;
    return 0;
}

/* one of the partner's own volunteers (its organisation's status too) */
static int partner_volunteer_load(portal_req *r, const struct portal_services *s, long long id,
                                  struct portal_object *o)
{
    long long vorg = 0;
    const char *st = NULL;
    if (vol_partner_org(r, s, &vorg, &st) != 0)
        return 404;
    return take_row(s, s->db_query(r, locked(r, s, "SELECT p.id, p.vorg_id, p.name, p.active, "
                                                   "? AS org_status FROM volunteers p WHERE "
                                                   "p.id = ? AND p.vorg_id = ?"),
                                   "sii", st, id, vorg),
                    o, NULL);
}

static int partner_project_load(portal_req *r, const struct portal_services *s, long long id,
                                struct portal_object *o)
{
    long long vorg = 0;
    if (vol_partner_org(r, s, &vorg, NULL) != 0)
        return 404;
    return take_row(s, s->db_query(r, "SELECT id, vorg_id FROM volunteer_projects WHERE id = ? "
                                      "AND vorg_id = ?", "ii", id, vorg),
                    o, NULL);
}

/* a volunteer's certificate: staff who manage organisations, or a partner
 * of the volunteer's own organisation */
static int volunteer_load(portal_req *r, const struct portal_services *s, long long id,
                          struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT id, vorg_id FROM volunteers WHERE id = ?", "i", id);
    int st = take_row(s, q, o, NULL);
    if (st || s->has_perm(r, "volunteer.manage"))
        return st;
    long long mine = 0;
    return s->has_perm(r, "volunteer.partner") && vol_partner_org(r, s, &mine, NULL) == 0 &&
                   mine == vol_num(s->col(q, "vorg_id"))
               ? 0
               : 404;
}

/* a photo of log {id}: the partner that took it while its access lasts, or
 * township or county staff whose jurisdiction covers the log's child or area */
static int photo_load(portal_req *r, const struct portal_services *s, long long id,
                      struct portal_object *o)
{
    long long log = s->path_int(r, "id");
    portal_rows *q = s->db_query(r, "SELECT f.stored_name, f.size, f.sha256, f.content_type, "
                                    "f.filename, l.vorg_id, l.child_id, COALESCE(c.village_code, "
                                    "l.area_code) AS division FROM volunteer_log_photos f JOIN "
                                    "volunteer_logs l ON l.id = f.log_id LEFT JOIN children c ON "
                                    "c.id = l.child_id WHERE f.id = ? AND f.log_id = ?",
                                 "ii", id, log);
    int st = take_row(s, q, o, NULL);
    if (st)
        return st;
    struct vol_access a = {0};
    if (s->has_perm(r, "volunteer.partner") && vol_partner_org(r, s, &a.vorg, NULL) == 0 &&
        a.vorg == vol_num(s->col(q, "vorg_id")) && log_access(r, s, log, &a) == 0)
        return 0;
    if (s->has_perm(r, "volunteer.verify") || s->has_perm(r, "volunteer.manage"))
        o->division = s->col(q, "division"); /* the host checks its scope */
    return o->division ? 0 : 404;
}

/* ------------------------------------------------------------ staff */

/* organisations are the county's: whoever manages them sees every one */
static int org_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o)
{
    return take_row(s, s->db_query(r, locked(r, s, "SELECT v.id, v.status, o.name FROM "
                                                   "volunteer_orgs v JOIN orgs o ON "
                                                   "o.id = v.org_id WHERE v.id = ?"),
                                   "i", id),
                    o, NULL);
}

/* a child's assignment by the child's village, an area's by the area */
static int assignment_load(portal_req *r, const struct portal_services *s, long long id,
                           struct portal_object *o)
{
    portal_rows *q = s->db_query(r, locked(r, s, "SELECT a.id, a.child_id, a.vorg_id, a.ended_at, "
                                                 "COALESCE(c.village_code, a.area_code) AS "
                                                 "division FROM volunteer_assignments a LEFT JOIN "
                                                 "children c ON c.id = a.child_id WHERE a.id = ?"),
                                 "i", id);
    return take_row(s, q, o, "division");
}

/* a log to verify: a child's by the child's village, an area's by the area */
static int log_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o)
{
    portal_rows *q = s->db_query(
        r, locked(r, s, "SELECT l.id, l.child_id, l.status, COALESCE(c.village_code, "
                        "l.area_code) AS division, l.minutes, l.service_type, l.service_date, "
                        "o.name AS org_name, l.version FROM volunteer_logs l LEFT JOIN children c "
                        "ON c.id = l.child_id JOIN volunteer_orgs v ON v.id = l.vorg_id JOIN "
                        "orgs o ON o.id = v.org_id WHERE l.id = ?"),
        "i", id);
    return take_row(s, q, o, "division");
}

static int care_load(portal_req *r, const struct portal_services *s, long long id,
                     struct portal_object *o)
{
    return take_row(s, s->db_query(r, locked(r, s, "SELECT f.id, f.status, f.capacity, f.kind, "
                                                   "f.offerer, f.area_code, (SELECT COUNT(*) FROM "
                                                   "volunteer_care_matches m WHERE m.offer_id = "
                                                   "f.id AND m.end_date IS NULL) AS active FROM "
                                                   "volunteer_care_offers f WHERE f.id = ?"),
                                   "i", id),
                    o, "area_code");
}

/* a match: both the child and the offer within the user's jurisdiction */
static int care_match_load(portal_req *r, const struct portal_services *s, long long id,
                           struct portal_object *o)
{
    portal_rows *q = s->db_query(
        r, locked(r, s, "SELECT m.id, m.offer_id, m.child_id, m.start_date, m.end_date, "
                        "c.village_code, f.kind, f.offerer, f.status, f.area_code FROM "
                        "volunteer_care_matches m JOIN children c ON c.id = m.child_id JOIN "
                        "volunteer_care_offers f ON f.id = m.offer_id WHERE m.id = ?"),
        "i", id);
    int st = take_row(s, q, o, "village_code");
    return st ? st : s->in_scope(r, s->col(q, "area_code")) ? 0 : 404;
}

/* projects are the county's, like organisations */
static int project_load(portal_req *r, const struct portal_services *s, long long id,
                        struct portal_object *o)
{
    return take_row(s, s->db_query(r, locked(r, s, "SELECT id, name, budget_fen, start_date, "
                                                   "end_date FROM volunteer_projects WHERE id = ?"),
                                   "i", id),
                    o, NULL);
}

/* a donation to a child by the child's village; to a project, the county's */
static int donation_load(portal_req *r, const struct portal_services *s, long long id,
                         struct portal_object *o)
{
    portal_rows *q = s->db_query(
        r, locked(r, s, "SELECT d.id, d.status, d.project_id, c.village_code, d.child_id, "
                        "d.donor, d.money_fen, d.goods, d.pledged_date FROM volunteer_donations d "
                        "LEFT JOIN children c ON c.id = d.child_id WHERE d.id = ?"),
        "i", id);
    int st = take_row(s, q, o, NULL);
    if (st)
        return st;
    if (!s->col(q, "project_id"))
        o->division = s->col(q, "village_code");
    return !s->col(q, "project_id") && !o->division ? 404 : 0;
}

const struct portal_loader vol_loaders[] = {
    {"org", "volunteer_org", org_load},
    {"assignment", "volunteer_assignment", assignment_load},
    {"log", "volunteer_log", log_load},
    {"care", "care_offer", care_load},
    {"care_match", "care_match", care_match_load},
    {"project", "volunteer_project", project_load},
    {"donation", "volunteer_donation", donation_load},
    {"volunteer", "volunteer", volunteer_load},
    {"photo", "volunteer_photo", photo_load},
    {"partner_child", "child", partner_child_load},
    {"partner_area", "volunteer_assignment", partner_area_load},
    {"partner_log", "volunteer_log", partner_log_load},
    {"partner_volunteer", "volunteer", partner_volunteer_load},
    {"partner_project", "volunteer_project", partner_project_load},
    {NULL, NULL, NULL}};
