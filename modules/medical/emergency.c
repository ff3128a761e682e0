/*
 * emergency.c - 急救: emergency treatment of a child whose identity is
 * unknown or who cannot pay.  A hospital's staff (their own hospital) or
 * the health commission (any hospital) open a case at once, with no ID
 * number: a description, where and when the child was found, the hospital.
 * The county is told by an urgent task (medical.emergency_county, hours a
 * setting).  Costs are recorded for the emergency fund.  When the child is
 * identified, the county links the case to the child's file (made first in
 * the registry when the child has none): a timeline event, and the child
 * linked to the hospital (referred) so its staff see the file.
 * Hospital users are organisation-scoped: they see only the cases their
 * hospital opened; county users see the cases of their county.
 */
#include "medical.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param emergency_params[] = {
    {"reason", PP_CODE, 16, 0, "情形"},
    {"description", PP_LINES, 1000, 0, "儿童情况"},
    {"place_found", PP_TEXT, 200, 0, "发现地点"},
    {"found_on", PP_DATE, 10, 0, "发现日期"},
    {"hospital", PP_INT, 20, 0, "救治医院"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param cost_params[] = {
    {"cost_date", PP_DATE, 10, 1, "费用日期"},
    {"item", PP_TEXT, 100, 0, "费用项目"},
    {"amount", PP_TEXT, 16, 0, "金额"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param identify_params[] = {
    {"child", PP_INT, 20, 0, "儿童"},
    {"q", PP_TEXT, 64, 0, "姓名"},
    {NULL, 0, 0, 0, NULL}};

static int org_scoped(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    return u && u->scope && strcmp(u->scope, "org") == 0;
}

static int may_see(portal_req *r, const struct portal_services *s)
{
    return s->has_perm(r, "medical.emergency") || s->has_perm(r, "medical.emergency_county");
}

/* "emergency:id": a hospital user's own hospital's cases only (checked
 * here); anyone else by the case's county */
int emergency_load(portal_req *r, const struct portal_services *s, long long id,
                   struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT org_id, division_code, child_id FROM "
                                 "medical_emergencies WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    if (org_scoped(r, s)) {
        const char *org = s->col(q, "org_id");
        if (!org || atoll(org) != s->user(r)->org_id)
            return 404;
        o->division = NULL;
        return 0;
    }
    o->division = s->sprintf(r, "%s", s->col(q, "division_code"));
    return 0;
}

int emergency_list_get(portal_req *r, const struct portal_services *s)
{
    if (!may_see(r, s))
        return s->refuse(r, 403, "page", "medical.emergencies", "no emergency permission", NULL);
    const struct portal_user *u = s->user(r);
    int org = org_scoped(r, s);
    const char *scope, *w = s->scope_where(r, "e.division_code", &scope);
    if (!org && !scope)
        return s->refuse(r, 403, "page", "medical.emergencies", "no scope", NULL);
    if (s->db_query_hdf(r, "Cases", s->sprintf(r, "SELECT e.id, e.reason, e.found_on, e.place_found, "
                        "e.status, e.child_id, c.name AS child_name, h.name AS hospital, "
                        "(SELECT COALESCE(SUM(amount_fen), 0) FROM medical_emergency_costs WHERE "
                        "emergency_id = e.id) AS cost_fen FROM medical_emergencies e JOIN orgs h "
                        "ON h.id = e.hospital_org_id LEFT JOIN children c ON c.id = e.child_id "
                        "WHERE (? AND e.org_id = ?) OR (NOT ? AND %s) "
                        "ORDER BY e.status = 'open' DESC, e.id DESC LIMIT 200", w),
                        "iiis", (long long)org, u->org_id, (long long)org, scope) < 0)
        return 500;
    if (s->has_perm(r, "medical.emergency")) {
        s->set(r, "Can.open", "1");
        if (!org && s->db_query_hdf(r, "Hospitals", "SELECT id, name FROM orgs WHERE kind = "
                                    "'hospital' AND active = 1 ORDER BY name, id", "") < 0)
            return 500;
    }
    s->labels_hdf(r, "Reasons", "medical.emergency_reason");
    s->set(r, "Today", s->today(r));
    if (org)
        s->set(r, "OwnHospital", u->org_name ? u->org_name : "");
    return s->render(r, "emergencies.cs", "急救病例");
}

/* the hospital of a new case: the user's own, or the one chosen (health
 * commission); 0 after form_error */
static long long case_hospital(portal_req *r, const struct portal_services *s,
                               const char **county)
{
    long long id = org_scoped(r, s) ? s->user(r)->org_id : s->param_int(r, "hospital", 0);
    portal_rows *q = s->db_query(r, "SELECT division_code FROM orgs WHERE id = ? AND kind = "
                                 "'hospital' AND active = 1", "i", id);
    if (!q || !s->db_next(q)) {
        s->form_error(r, "hospital", org_scoped(r, s) ? "只有医院的工作人员可以登记急救病例。"
                                                      : "请选择救治医院。");
        return 0;
    }
    *county = s->sprintf(r, "%.6s000000", s->db_col(q, 0));
    return id;
}

/* the county's urgent task for case id: its id, or -1 (task_error) */
static long long case_task(portal_req *r, const struct portal_services *s, long long id,
                           const char *county, const char *reason)
{
    struct portal_task t = {
        .kind = "emergency.handle",
        .title = s->sprintf(r, "急救病例 #%lld：%s儿童，请确认身份并落实救治费用", id,
                            s->label(r, "medical.emergency_reason", reason)),
        .link = s->sprintf(r, "/medical/emergencies/%lld", id),
        .object_type = "medical_emergency", .object_id = s->sprintf(r, "%lld", id),
        .division = county, .level = "county", .permission = "medical.emergency_county",
        .hours = (int)s->setting_int(r, "emergency_hours", NULL)};
    return s->task_open(r, &t);
}

int emergency_create_post(portal_req *r, const struct portal_services *s)
{
    const char *reason = s->param(r, "reason"), *county = NULL;
    const char *desc = s->trim(r, s->param(r, "description"));
    const char *place = s->trim(r, s->param(r, "place_found"));
    const char *found = s->param(r, "found_on");
    long long hospital = case_hospital(r, s, &county);
    if (!medical_is_label("medical.emergency_reason", reason))
        s->form_error(r, "reason", "请选择情形：身份不明或无力支付。");
    if (!*desc)
        s->form_error(r, "description", "请描述儿童情况（外貌、年龄估计、伤病情况）。");
    if (!*place)
        s->form_error(r, "place_found", "请填写发现地点。");
    if (!found || !*found || strcmp(found, s->today(r)) > 0)
        s->form_error(r, "found_on", "请填写发现日期（不晚于今天）。");
    if (s->form_failed(r)) {
        emergency_list_get(r, s);
        return 400;
    }
    if (s->db_exec(r, "INSERT INTO medical_emergencies (org_id, hospital_org_id, division_code, "
                   "reason, description, place_found, found_on, created_by, created_at) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())", "sisssssi",
                   s->user(r)->org_id ? s->sprintf(r, "%lld", s->user(r)->org_id) : NULL,
                   hospital, county, reason, desc, place, found, s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    long long task = case_task(r, s, id, county, reason);
    if (task < 0)
        return s->fail(r, 409, s->task_error(r));
    if (s->db_exec(r, "UPDATE medical_emergencies SET task_id = ? WHERE id = ?", "ii", task,
                   id) != 1)
        return 500;
    s->audit(r, "medical.emergency.open", "medical_emergency", s->sprintf(r, "%lld", id),
             s->sprintf(r, "hospital %lld, %s, task %lld", hospital, reason, task));
    s->flash(r, s->sprintf(r, "已登记急救病例 #%lld，已通知县级处理。", id));
    return s->redirect(r, s->sprintf(r, "/medical/emergencies/%lld", id));
}

static int case_page(portal_req *r, const struct portal_services *s, int status)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Case", "SELECT e.*, h.name AS hospital, c.name AS child_name, "
                      "(SELECT COALESCE(SUM(amount_fen), 0) FROM medical_emergency_costs WHERE "
                      "emergency_id = e.id) AS cost_fen FROM medical_emergencies e JOIN orgs h "
                      "ON h.id = e.hospital_org_id LEFT JOIN children c ON c.id = e.child_id "
                      "WHERE e.id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Costs", "SELECT cost_date, item, amount_fen, created_at FROM "
                        "medical_emergency_costs WHERE emergency_id = ? ORDER BY cost_date, id",
                        "i", id) < 0)
        return 500;
    if (s->has_perm(r, "medical.emergency_county") && !org_scoped(r, s)) {
        s->set(r, "Can.identify", "1");
        if (s->child_pick(r, 0, s->trim(r, s->param(r, "q"))) != 0)
            return 500;
    }
    s->set(r, "Today", s->today(r));
    s->audit(r, "medical.emergency.read", "medical_emergency", s->sprintf(r, "%lld", id), NULL);
    s->render(r, "emergency.cs", "急救病例");
    return status;
}

int emergency_get(portal_req *r, const struct portal_services *s)
{
    if (!may_see(r, s))
        return s->refuse(r, 403, "medical_emergency", s->sprintf(r, "%lld", s->object(r)->id),
                         "no emergency permission", NULL);
    return case_page(r, s, 200);
}

int emergency_cost_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, fen = 0;
    if (!may_see(r, s))
        return s->refuse(r, 403, "medical_emergency", s->sprintf(r, "%lld", id),
                         "no emergency permission", NULL);
    const char *day = s->param(r, "cost_date"), *item = s->trim(r, s->param(r, "item"));
    if (s->yuan_to_fen(s->trim(r, s->param(r, "amount")), 0, &fen) != 0 || fen <= 0)
        s->form_error(r, "amount", "金额须为元（大于 0，最多两位小数）。");
    if (!*item)
        s->form_error(r, "item", "请填写费用项目。");
    if (strcmp(day, s->today(r)) > 0)
        s->form_error(r, "cost_date", "费用日期不能晚于今天。");
    if (s->form_failed(r))
        return case_page(r, s, 400);
    if (s->db_exec(r, "INSERT INTO medical_emergency_costs (emergency_id, cost_date, item, "
                   "amount_fen, created_by, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())",
                   "issii", id, day, item, fen, s->user(r)->id) != 1)
        return 500;
    s->audit(r, "medical.emergency.cost", "medical_emergency", s->sprintf(r, "%lld", id),
             s->sprintf(r, "%s %lld fen", day, fen));
    s->flash(r, "已登记救治费用。");
    return s->redirect(r, s->sprintf(r, "/medical/emergencies/%lld", id));
}

/* the case identified: the child's timeline, the child referred to the
 * hospital, the county's task closed */
static int identify_effects(portal_req *r, const struct portal_services *s, long long id,
                            long long child)
{
    portal_rows *q = s->db_query(r, "SELECT e.hospital_org_id, e.found_on, e.place_found, "
                                 "e.reason, e.task_id, h.name AS hospital, t.status AS task_status "
                                 "FROM medical_emergencies e JOIN orgs h ON h.id = "
                                 "e.hospital_org_id LEFT JOIN urgent_tasks t ON t.id = e.task_id "
                                 "WHERE e.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    const char *why = s->label(r, "medical.emergency_reason", s->col(q, "reason"));
    if (s->child_event(r, child, "emergency.identified",
                       s->sprintf(r, "急救病例 #%lld：%s 在%s发现，于%s救治（%s），已确认身份", id,
                                  s->col(q, "found_on"), s->col(q, "place_found"),
                                  s->col(q, "hospital"), why)) != 0)
        return 500;
    if (s->child_link(r, child, atoll(s->col(q, "hospital_org_id")), "referred",
                      s->col(q, "found_on"), NULL, s->sprintf(r, "急救病例 #%lld", id)) < 0)
        return s->fail(r, 409, s->link_error(r));
    const char *ts = s->col(q, "task_status");
    if (ts && strcmp(ts, "open") == 0 &&
        s->task_close(r, atoll(s->col(q, "task_id")), "已确认身份，关联儿童档案") != 0)
        return s->fail(r, 409, s->task_error(r));
    return 0;
}

int emergency_identify_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, child = s->param_int(r, "child", 0);
    if (org_scoped(r, s))
        return s->refuse(r, 403, "medical_emergency", s->sprintf(r, "%lld", id),
                         "org-scoped user identifying", NULL);
    if (child <= 0) {
        s->form_error(r, "child", "请选择已建档的儿童。");
        return case_page(r, s, 400);
    }
    if (!s->child(r, child))
        return 404; /* audited by the host */
    if (s->db_exec(r, "UPDATE medical_emergencies SET status = 'identified', child_id = ?, "
                   "identified_by = ?, identified_at = UTC_TIMESTAMP() WHERE id = ? AND status = "
                   "'open'", "iii", child, s->user(r)->id, id) != 1)
        return s->fail(r, 409, "该病例已确认身份。");
    int st = identify_effects(r, s, id, child);
    if (st != 0)
        return st;
    s->audit(r, "medical.emergency.identify", "medical_emergency", s->sprintf(r, "%lld", id),
             s->sprintf(r, "child %lld", child));
    s->flash(r, "已确认身份并关联儿童档案。");
    return s->redirect(r, s->sprintf(r, "/medical/emergencies/%lld", id));
}
