/*
 * referral.c - liability referrals (issue 13 item 4): when parents fail
 * their duties, the township or county protection staff refer them to the
 * police (station, date, facts - encrypted); the child is linked to the
 * station ('report') so the station sees the child; a police user of that
 * station acknowledges it and records the outcome.  Seen by the staff whose
 * jurisdiction covers the child and by that station; every read audited.
 */
#include "guardianship.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param gd_referral_params[] = {
    {"child", PP_INT, 0, 1, "儿童档案编号"}, {"police_org", PP_INT, 0, 1, "派出所"},
    {"referred_on", PP_DATE, 0, 1, "移送日期"}, {"facts", PP_LINES, 4000, 0, "监护失职情况"},
    {"report", PP_INT, 0, 0, "关联报告"}, {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_outcome_params[] = {{"outcome", PP_TEXT, 500, 0, "处理结果"},
                                                 {NULL, 0, 0, 0, NULL}};

/* the "referral:id" loader: the station it went to (data 1), or the
 * protection staff whose jurisdiction covers the child (data 2) */
int gd_referral_load(portal_req *r, const struct portal_services *s, long long id,
                     struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT f.police_org_id, c.village_code, f.child_id FROM "
                                 "gd_referrals f JOIN children c ON c.id = f.child_id WHERE "
                                 "f.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    if (gd_police_or_staff(r, s, s->db_col(q, 0), s->db_col(q, 1), o) != 0)
        return 404;
    o->child_id = atoll(s->db_col(q, 2));
    return 0;
}

int referral_list_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    int police = gd_is_police(r, s), staff = s->has_perm(r, "guardianship.handle");
    const char *sa, *w = s->scope_where(r, "c.village_code", &sa);
    portal_rows *q = s->db_query(
        r, s->sprintf(r, "SELECT f.id, f.child_id, c.name AS child_name, o.name AS police_name, f.referred_on, "
        "f.ack_at, f.outcome, f.facts_enc FROM gd_referrals f JOIN children c ON c.id = "
        "f.child_id JOIN orgs o ON o.id = f.police_org_id WHERE (? = 1 AND f.police_org_id = ?) "
        "OR (? = 1 AND %s) ORDER BY f.id DESC LIMIT 200", w),
        "iiis", (long long)police, u->org_id, (long long)staff, sa);
    if (!q)
        return 500;
    for (int n = 0; s->db_next(q); n++) {
        const char *p = s->sprintf(r, "Referrals.%d", n);
        s->put_row(r, p, q);
        s->set(r, s->sprintf(r, "%s.facts", p), gd_dec(r, s, q, "facts_enc"));
    }
    if (staff && s->db_query_hdf(r, "Stations", "SELECT id, name FROM orgs WHERE kind = "
                                 "'police_station' AND active = 1 ORDER BY name", "") < 0)
        return 500;
    s->set_int(r, "IsPolice", police);
    s->set_int(r, "IsStaff", staff);
    s->audit(r, "guardianship.referral.list", NULL, NULL, NULL);
    return s->render(r, "referral_list.cs", "监护失职移送公安");
}

int referral_create_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = s->child(r, s->param_int(r, "child", 0));
    if (!c)
        return 404;
    long long st = s->param_int(r, "police_org", 0);
    const char *facts = s->trim(r, s->param(r, "facts"));
    portal_rows *q = s->db_query(r, "SELECT 1 FROM orgs WHERE id = ? AND kind = "
                                 "'police_station' AND active = 1", "i", st);
    if (!q || !s->db_next(q))
        return s->fail(r, 400, "请选择派出所。");
    if (!*facts)
        return s->fail(r, 400, "请填写父母监护失职的情况。");
    size_t len = 0;
    const void *enc = s->encrypt(r, facts, &len);
    long long rep = s->param_int(r, "report", 0);
    if (!enc || s->db_exec(r, "INSERT INTO gd_referrals (child_id, report_id, police_org_id, "
                           "referred_on, facts_enc, created_at, created_by) VALUES (?, (SELECT "
                           "id FROM gd_reports WHERE id = ? AND child_id = ?), ?, ?, ?, "
                           "UTC_TIMESTAMP(), ?)", "iiiisbi", c->id, rep, c->id, st,
                           s->param(r, "referred_on"), enc, len, s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    q = s->db_query(r, "SELECT 1 FROM child_org_links WHERE child_id = ? AND org_id = ? AND "
                    "relation = 'report' AND ended_at IS NULL", "ii", c->id, st);
    if (!q || (!s->db_next(q) && s->child_link(r, c->id, st, "report", NULL, NULL,
                                               s->sprintf(r, "监护失职移送第 %lld 号", id)) < 0))
        return s->fail(r, 400, s->link_error(r) ? s->link_error(r) : "无法关联派出所。");
    if (s->child_event(r, c->id, "referral.police", "监护失职情况移送公安机关") != 0)
        return 500;
    s->audit(r, "guardianship.referral.create", "gd_referral", gd_id(r, s, id), NULL);
    s->flash(r, "已移送派出所。");
    return s->redirect(r, "/guardianship/referrals");
}

/* the station's acknowledgement (outcome NULL) or its outcome */
static int police_act(portal_req *r, const struct portal_services *s, const char *outcome)
{
    long long id = s->object(r)->id;
    if (*(int *)s->object(r)->data != 1)
        return s->refuse(r, 403, "gd_referral", gd_id(r, s, id), "not the station", NULL);
    long long n = outcome
        ? s->db_exec(r, "UPDATE gd_referrals SET outcome = ?, outcome_at = UTC_TIMESTAMP(), "
                     "outcome_by = ?, ack_at = COALESCE(ack_at, UTC_TIMESTAMP()), ack_by = "
                     "COALESCE(ack_by, ?) WHERE id = ? AND outcome IS NULL", "siii", outcome,
                     s->user(r)->id, s->user(r)->id, id)
        : s->db_exec(r, "UPDATE gd_referrals SET ack_at = UTC_TIMESTAMP(), ack_by = ? WHERE "
                     "id = ? AND ack_at IS NULL", "ii", s->user(r)->id, id);
    if (n != 1)
        return s->fail(r, 409, outcome ? "已记录处理结果。" : "已回执。");
    s->audit(r, outcome ? "guardianship.referral.outcome" : "guardianship.referral.ack",
             "gd_referral", gd_id(r, s, id), outcome);
    s->flash(r, outcome ? "已记录处理结果。" : "已回执。");
    return s->redirect(r, "/guardianship/referrals");
}

int referral_ack_post(portal_req *r, const struct portal_services *s)
{
    return police_act(r, s, NULL);
}

int referral_outcome_post(portal_req *r, const struct portal_services *s)
{
    const char *o = s->trim(r, s->param(r, "outcome"));
    if (!*o)
        return s->fail(r, 400, "请填写处理结果。");
    return police_act(r, s, o);
}
