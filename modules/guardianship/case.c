/*
 * case.c - a report's case (issue 13 item 5): its page, shown by need-to-
 * know (access.c), every read audited; taking and assigning it; the
 * police's acknowledgement; emergency handling (safety), assessment, the
 * intervention plan, follow-up visits, closure; a child identified later.
 * Each step closes its urgent task and opens the next one's with the
 * deadline from the settings: what is overdue escalates by the host.
 */
#include "guardianship.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param gd_list_params[] = {{"stage", PP_CODE, 16, 0, "阶段"},
                                              {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_assign_params[] = {{"worker", PP_CODE, 64, 0, "个案工作人员"},
                                                {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_safety_params[] = {{"where_now", PP_LINES, 2000, 0, "儿童现在何处"},
                                                {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_assess_params[] = {{"risk", PP_CODE, 8, 0, "风险等级"},
                                                {"needs", PP_LINES, 4000, 0, "需求"},
                                                {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_plan_params[] = {{"plan", PP_LINES, 4000, 0, "干预方案"},
                                              {"procuratorate", PP_CODE, 1, 0, "移送检察院"},
                                              {"goal", PP_TEXT, 600, 0, "目标"},
                                              {"measure", PP_TEXT, 1500, 0, "措施"},
                                              {"responsible", PP_TEXT, 64, 0, "责任人"},
                                              {"deadline", PP_DATE, 0, 0, "完成时限"},
                                              {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_visit_params[] = {{"visit_date", PP_DATE, 0, 1, "回访日期"},
                                               {"notes", PP_LINES, 4000, 0, "回访情况"},
                                               {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_close_params[] = {{"outcome", PP_TEXT, 500, 0, "结案情况"},
                                               {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_identify_params[] = {{"child", PP_INT, 0, 1, "儿童档案编号"},
                                                  {NULL, 0, 0, 0, NULL}};

static const char *const access_names[] = {"none", "reporter", "intake", "police", "worker",
                                           "county"};

const struct gd_report *gd_report_of(portal_req *r, const struct portal_services *s)
{
    return s->object(r)->data;
}

int report_list_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    int police = gd_is_police(r, s), rep = s->has_perm(r, "guardianship.report");
    const char *stage = s->param(r, "stage"), *sa;
    const char *sql = s->sprintf(
        r, "SELECT g.id, g.situation, g.stage, g.reported_at, g.source, g.child_id IS NULL "
        "AS unidentified, c.name AS child_name, COALESCE(c.village_code, g.division_code) AS "
        "division, (SELECT MIN(t.due_at) FROM gd_report_tasks x JOIN urgent_tasks t ON t.id = "
        "x.task_id WHERE x.report_id = g.id AND t.status = 'open') AS next_due "
        "FROM gd_reports g LEFT JOIN children c ON c.id = g.child_id WHERE %s "
        "AND (? IS NULL OR g.stage = ?) ORDER BY g.id DESC LIMIT 500", gd_list_sql(r, s, &sa));
    if (s->db_query_hdf(r, "Reports", sql, "siiiiiii" "ss", sa,
                        (long long)s->has_perm(r, "guardianship.county"),
                        (long long)s->has_perm(r, "guardianship.handle"), (long long)police,
                        u->org_id, (long long)rep, u->org_id, u->id, stage, stage) < 0)
        return 500;
    if (s->labels_hdf(r, "Stages", "guardianship.stage") < 0)
        return 500;
    s->audit(r, "guardianship.report.list", NULL, NULL, stage);
    return s->render(r, "report_list.cs", "未成年人保护个案");
}

/* the encrypted parts the access allows, into Report.* */
static int put_secrets(portal_req *r, const struct portal_services *s, long long id, int a)
{
    portal_rows *q = s->db_query(r, "SELECT child_desc_enc, facts_enc, reporter_enc, "
                                 "safety_enc, needs_enc, plan_enc FROM gd_reports WHERE id = ?",
                                 "i", id);
    if (!q || !s->db_next(q))
        return -1;
    s->set(r, "Report.child_desc", gd_dec(r, s, q, "child_desc_enc"));
    s->set(r, "Report.facts", gd_dec(r, s, q, "facts_enc"));
    if (a == GD_COUNTY)
        s->set(r, "Report.reporter", gd_dec(r, s, q, "reporter_enc"));
    if (a < GD_WORKER)
        return 0;
    s->set(r, "Report.safety", gd_dec(r, s, q, "safety_enc"));
    s->set(r, "Report.needs", gd_dec(r, s, q, "needs_enc"));
    s->set(r, "Report.plan", gd_dec(r, s, q, "plan_enc"));
    q = s->db_query(r, "SELECT n, goal_enc, measure_enc, responsible, deadline FROM "
                    "gd_plan_items WHERE report_id = ? ORDER BY n", "i", id);
    for (int i = 0; q && s->db_next(q); i++) {
        const char *p = s->sprintf(r, "PlanItems.%d", i);
        s->put_row(r, p, q);
        s->set(r, s->sprintf(r, "%s.goal", p), gd_dec(r, s, q, "goal_enc"));
        s->set(r, s->sprintf(r, "%s.measure", p), gd_dec(r, s, q, "measure_enc"));
    }
    return q ? 0 : -1;
}

/* the case's history and workers (case workers and county only) */
static int put_history(portal_req *r, const struct portal_services *s, long long id, int a)
{
    /* the reporter's name is the county's only: not in the history either */
    portal_rows *q = s->db_query(r, "SELECT e.at, e.kind, e.visit_date, e.notes_enc, "
                                 "IF(e.kind = 'reported' AND ? = 0, '报告人（保密）', "
                                 "u.display_name) AS display_name FROM gd_report_events e JOIN "
                                 "users u ON u.id = e.user_id WHERE e.report_id = ? ORDER BY e.id",
                                 "ii", (long long)(a == GD_COUNTY), id);
    if (!q)
        return -1;
    for (int n = 0; s->db_next(q); n++) {
        const char *p = s->sprintf(r, "Events.%d", n);
        s->put_row(r, p, q);
        s->set(r, s->sprintf(r, "%s.notes", p), gd_dec(r, s, q, "notes_enc"));
    }
    return s->db_query_hdf(r, "Workers", "SELECT u.display_name, w.assigned_at FROM "
                           "gd_case_workers w JOIN users u ON u.id = w.user_id WHERE "
                           "w.report_id = ? AND w.ended_at IS NULL ORDER BY w.id", "i", id) < 0
               ? -1 : 0;
}

int report_get(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    int a = g->access;
    if (s->db_row_hdf(r, "Report", "SELECT g.id, g.child_id, c.name AS child_name, "
                      "g.division_code AS place, g.situation, g.source, g.stage, "
                      "g.reported_at, g.found_at, o.name AS police_name, g.police_at, "
                      "g.police_receipt, g.police_none_reason, g.police_ack_at, g.safety_due, "
                      "g.safe_at, g.assess_due, g.assessed_at, g.risk, g.plan_due, "
                      "g.planned_at, g.procuratorate, g.next_visit, g.closed_at, g.outcome, "
                      "g.identified_at FROM gd_reports g LEFT JOIN children c ON c.id = "
                      "g.child_id LEFT JOIN orgs o ON o.id = g.police_org_id WHERE g.id = ?",
                      "i", g->id) != 1)
        return 500;
    s->set(r, "Access", access_names[a]);
    if (a >= GD_POLICE && a != GD_INTAKE && put_secrets(r, s, g->id, a) != 0)
        return 500;
    if (a >= GD_WORKER && put_history(r, s, g->id, a) != 0)
        return 500;
    if (a >= GD_WORKER && s->labels_hdf(r, "Risks", "guardianship.risk") < 0)
        return 500;
    s->audit(r, "guardianship.report.read", "gd_report", gd_id(r, s, g->id), access_names[a]);
    return s->render(r, "report.cs", s->sprintf(r, "保护个案第 %lld 号", g->id));
}

/* the case must be worked by the user (assigned, or the county) and at
 * `stage` (NULL: any open stage); 0, or the status already answered */
int gd_step_refused(portal_req *r, const struct portal_services *s,
                        const struct gd_report *g, const char *stage)
{
    if (g->access < GD_WORKER)
        return s->refuse(r, 403, "gd_report", gd_id(r, s, g->id), "not a case worker of it",
                         "您不是该个案的工作人员：请先接案，或由县级指派。");
    if (strcmp(g->stage, "closed") == 0 || (stage && strcmp(g->stage, stage) != 0))
        return s->fail(r, 409, s->sprintf(r, "该个案当前为“%s”，不能进行此操作。",
                                          s->label(r, "guardianship.stage", g->stage)));
    return 0;
}

static int worker_add(portal_req *r, const struct portal_services *s, long long report,
                      long long user)
{
    return s->db_exec(r, "INSERT INTO gd_case_workers (report_id, user_id, assigned_at, "
                      "assigned_by) SELECT ?, ?, UTC_TIMESTAMP(), ? FROM DUAL WHERE NOT EXISTS "
                      "(SELECT 1 FROM gd_case_workers WHERE report_id = ? AND user_id = ? AND "
                      "ended_at IS NULL)", "iiiii", report, user, s->user(r)->id, report,
                      user) < 0 ? -1 : 0;
}

int gd_done(portal_req *r, const struct portal_services *s, long long id, const char *msg)
{
    s->flash(r, msg);
    return s->redirect(r, s->sprintf(r, "/guardianship/reports/%lld", id));
}

int report_take_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    if (g->access == GD_WORKER)
        return s->fail(r, 409, "您已在办理该个案。");
    if (g->access != GD_INTAKE && g->access != GD_COUNTY)
        return s->refuse(r, 403, "gd_report", gd_id(r, s, g->id), "take: not protection staff "
                         "of its division", NULL);
    if (strcmp(g->stage, "closed") == 0)
        return s->fail(r, 409, "该个案已结案。");
    if (worker_add(r, s, g->id, s->user(r)->id) != 0 ||
        !gd_step_done(r, s, g->id, "receive", "已接案") ||
        gd_event(r, s, g->id, "taken", NULL, NULL) != 0)
        return 500;
    return gd_done(r, s, g->id, "已接案：请在时限内确保儿童安全。");
}

int report_assign_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    if (g->access != GD_COUNTY)
        return s->refuse(r, 403, "gd_report", gd_id(r, s, g->id), "assign: not county staff",
                         NULL);
    const char *name = s->param(r, "worker");
    if (name && *name) {
        /* a protection worker whose jurisdiction covers the case (by the
         * division's code prefix, as the host's scope) */
        portal_rows *q = s->db_query(
            r, "SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN "
            "role_perms p ON p.role_id = ur.role_id WHERE u.username = ? AND u.active = 1 AND "
            "p.perm = 'guardianship.handle' AND ? LIKE CONCAT(CASE WHEN u.division_code LIKE "
            "'%000000' THEN LEFT(u.division_code, 6) WHEN u.division_code LIKE '%000' THEN "
            "LEFT(u.division_code, 9) ELSE u.division_code END, '%') LIMIT 1", "ss", name,
            g->division);
        if (!q || !s->db_next(q))
            return s->fail(r, 400, "没有该账号，或其不是本个案所在地的未成年人保护工作人员。");
        if (worker_add(r, s, g->id, atoll(s->db_col(q, 0))) != 0)
            return 500;
    }
    if (!gd_step_done(r, s, g->id, "county", name && *name ? "已指派" : "已知悉") ||
        gd_event(r, s, g->id, "assigned", name && *name ? name : NULL, NULL) != 0)
        return 500;
    return gd_done(r, s, g->id, name && *name ? "已指派个案工作人员。" : "已确认知悉。");
}

int report_police_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    if (g->access != GD_POLICE)
        return s->refuse(r, 403, "gd_report", gd_id(r, s, g->id), "police ack: not the station",
                         NULL);
    if (s->db_exec(r, "UPDATE gd_reports SET police_ack_at = UTC_TIMESTAMP(), police_ack_by "
                   "= ? WHERE id = ? AND police_ack_at IS NULL", "ii", s->user(r)->id,
                   g->id) != 1)
        return s->fail(r, 409, "该报告已回执。");
    if (gd_event(r, s, g->id, "police_ack", NULL, NULL) != 0)
        return 500;
    return gd_done(r, s, g->id, "已回执。");
}
