/*
 * steps.c - the steps of a protection case after its report: emergency
 * handling (the child's safety, within the hours set), assessment (risk,
 * needs), the intervention plan (services, guardianship support, referral
 * to the procuratorate for public-interest action), follow-up visits and
 * closure; and an unidentified child identified later.  Each step is done
 * by a case worker or the county, closes its urgent task (the time it was
 * done is the host's clock) and opens the next one's.  Bad input: a
 * Chinese message, nothing changed.
 */
#include "guardianship.h"

#include <stdlib.h>
#include <string.h>

/* the next step's task; its deadline, or NULL (the request then fails) */
static const char *next_task(portal_req *r, const struct portal_services *s,
                             const struct gd_report *g, const char *step, const char *setting)
{
    long long t = gd_task(r, s, g->id, g->child_id, g->division, step, "township",
                          "guardianship.handle", gd_hours(r, s, setting, 1));
    portal_rows *q = t > 0 ? s->db_query(r, "SELECT due_at FROM urgent_tasks WHERE id = ?", "i",
                                         t) : NULL;
    return q && s->db_next(q) ? s->db_col(q, 0) : NULL;
}

/* text typed in a field, encrypted into *enc; 0, or the status answered */
static int sealed(portal_req *r, const struct portal_services *s, const char *field,
                  const char *missing, const void **enc, size_t *len)
{
    const char *v = s->trim(r, s->param(r, field));
    if (!*v)
        return s->fail(r, 400, missing);
    *enc = s->encrypt(r, v, len);
    return *enc ? 0 : s->fail(r, 500, "无法加密，请联系系统管理员。");
}

int report_safety_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    int st = gd_step_refused(r, s, g, "reported");
    if (st)
        return st;
    size_t len = 0;
    const void *enc = NULL;
    if ((st = sealed(r, s, "where_now", "请填写儿童现在何处、如何临时安置。", &enc, &len)) != 0)
        return st;
    const char *at = gd_step_done(r, s, g->id, "safety", "已确保儿童安全");
    const char *due = at && gd_step_done(r, s, g->id, "receive", "已处置")
                          ? next_task(r, s, g, "assess", "assess_days") : NULL;
    if (!due)
        return s->fail(r, 400, s->task_error(r));
    if (s->db_exec(r, "UPDATE gd_reports SET stage = 'safe', safe_at = ?, safety_enc = ?, "
                   "assess_due = ? WHERE id = ?", "sbsi", at, enc, len, due, g->id) != 1 ||
        gd_event(r, s, g->id, "safe", NULL, NULL) != 0)
        return 500;
    return gd_done(r, s, g->id, "已登记紧急处置：儿童安全已确保。");
}

int report_assess_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    int st = gd_step_refused(r, s, g, "safe");
    if (st)
        return st;
    const char *risk = s->param(r, "risk");
    if (!gd_is_label(r, s, "guardianship.risk", risk))
        return s->fail(r, 400, "请选择风险等级。");
    size_t len = 0;
    const void *enc = NULL;
    if ((st = sealed(r, s, "needs", "请填写评估的需求。", &enc, &len)) != 0)
        return st;
    const char *at = gd_step_done(r, s, g->id, "assess", "已评估");
    const char *due = at ? next_task(r, s, g, "plan", "plan_days") : NULL;
    if (!due)
        return s->fail(r, 400, s->task_error(r));
    if (s->db_exec(r, "UPDATE gd_reports SET stage = 'assessed', assessed_at = ?, risk = ?, "
                   "needs_enc = ?, plan_due = ? WHERE id = ?", "ssbsi", at, risk, enc, len, due,
                   g->id) != 1 ||
        gd_event(r, s, g->id, "assessed", NULL, NULL) != 0)
        return 500;
    return gd_done(r, s, g->id, "已登记调查评估。");
}

/* the plan's rows (goal, measures, responsible, deadline; each row whole
 * or empty): the number of rows, or minus the status answered */
static int plan_items(portal_req *r, const struct portal_services *s, long long report)
{
    int n = 0;
    for (int i = 0; s->param_n(r, "goal", i) || s->param_n(r, "measure", i); i++) {
        const char *f[4] = {s->trim(r, s->param_n(r, "goal", i)),
                            s->trim(r, s->param_n(r, "measure", i)),
                            s->trim(r, s->param_n(r, "responsible", i)),
                            s->param_n(r, "deadline", i)};
        int given = !!*f[0] + !!*f[1] + !!*f[2] + !!(f[3] && *f[3]);
        if (!given)
            continue;
        if (given < 4)
            return -s->fail(r, 400, s->sprintf(r, "干预方案第 %d 行：请填写目标、措施、责任人和完成"
                                              "时限。", i + 1));
        size_t gl = 0, ml = 0;
        const void *ge = s->encrypt(r, f[0], &gl), *me = ge ? s->encrypt(r, f[1], &ml) : NULL;
        if (!me)
            return -s->fail(r, 500, "无法加密，请联系系统管理员。");
        if (s->db_exec(r, "INSERT INTO gd_plan_items (report_id, n, goal_enc, measure_enc, "
                       "responsible, deadline) VALUES (?, ?, ?, ?, ?, ?)", "iibbss", report,
                       (long long)++n, ge, gl, me, ml, f[2], f[3]) != 1)
            return -500;
    }
    return n;
}

int report_plan_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    int st = gd_step_refused(r, s, g, "assessed");
    if (st)
        return st;
    int rows = plan_items(r, s, g->id);
    if (rows < 0)
        return -rows;
    size_t len = 0;
    const void *enc = NULL;
    if (rows > 0 && !*s->trim(r, s->param(r, "plan")))
        enc = s->encrypt(r, s->sprintf(r, "干预方案共 %d 项，见下表。", rows), &len);
    else if ((st = sealed(r, s, "plan", "请填写干预方案（至少一行目标与措施，或方案说明）。", &enc,
                          &len)) != 0)
        return st;
    if (!enc)
        return s->fail(r, 500, "无法加密，请联系系统管理员。");
    const char *p = s->param(r, "procuratorate");
    long long proc = p && strcmp(p, "1") == 0;
    const char *at = gd_step_done(r, s, g->id, "plan", "已制定干预方案");
    const char *due = at ? next_task(r, s, g, "visit", "visit_days") : NULL;
    if (!due)
        return s->fail(r, 400, s->task_error(r));
    if (s->db_exec(r, "UPDATE gd_reports SET stage = 'planned', planned_at = ?, plan_enc = ?, "
                   "procuratorate = ?, next_visit = DATE(?) WHERE id = ?", "sbisi", at, enc,
                   len, proc, due, g->id) != 1 ||
        gd_event(r, s, g->id, "planned", proc ? "移送检察院提起公益诉讼" : NULL, NULL) != 0)
        return 500;
    return gd_done(r, s, g->id, "已登记干预方案。");
}

int report_visit_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    int st = gd_step_refused(r, s, g, "planned");
    if (st)
        return st;
    const char *notes = s->trim(r, s->param(r, "notes"));
    if (!*notes)
        return s->fail(r, 400, "请填写回访情况。");
    if (!gd_step_done(r, s, g->id, "visit", "已回访"))
        return 500;
    const char *due = next_task(r, s, g, "visit", "visit_days");
    if (!due)
        return s->fail(r, 400, s->task_error(r));
    if (s->db_exec(r, "UPDATE gd_reports SET next_visit = DATE(?) WHERE id = ?", "si", due,
                   g->id) < 0 ||
        gd_event(r, s, g->id, "visit", notes, s->param(r, "visit_date")) != 0)
        return 500;
    return gd_done(r, s, g->id, "已登记回访。");
}

int report_close_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    int st = gd_step_refused(r, s, g, NULL);
    if (st)
        return st;
    const char *outcome = s->trim(r, s->param(r, "outcome"));
    if (!*outcome)
        return s->fail(r, 400, "请填写结案情况。");
    const char *at = gd_step_done(r, s, g->id, NULL, "已结案");
    if (!at || s->db_exec(r, "UPDATE gd_reports SET stage = 'closed', closed_at = ?, outcome = ?, "
                          "next_visit = NULL WHERE id = ?", "ssi", at, outcome, g->id) != 1 ||
        (g->child_id && s->child_event(r, g->child_id, "protection.closed",
                                       "未成年人保护个案结案") != 0) ||
        gd_event(r, s, g->id, "closed", NULL, NULL) != 0)
        return 500;
    return gd_done(r, s, g->id, "已结案。");
}

int report_identify_post(portal_req *r, const struct portal_services *s)
{
    const struct gd_report *g = gd_report_of(r, s);
    int st = gd_step_refused(r, s, g, NULL);
    if (st)
        return st;
    if (g->child_id)
        return s->fail(r, 409, "该报告的儿童身份已明确。");
    const struct portal_child *c = s->child(r, s->param_int(r, "child", 0));
    if (!c)
        return 404;
    portal_rows *q = s->db_query(r, "SELECT police_org_id FROM gd_reports WHERE id = ?", "i",
                                 g->id);
    const char *station = q && s->db_next(q) ? s->db_col(q, 0) : NULL;
    if (s->db_exec(r, "UPDATE gd_reports SET child_id = ?, identified_at = UTC_TIMESTAMP() "
                   "WHERE id = ? AND child_id IS NULL", "ii", c->id, g->id) != 1 ||
        s->child_event(r, c->id, "protection.case", "登记未成年人保护个案") != 0)
        return 500;
    if (station && s->child_link(r, c->id, strtoll(station, NULL, 10), "report", NULL, NULL,
                                 s->sprintf(r, "强制报告第 %lld 号", g->id)) < 0)
        return s->fail(r, 400, s->link_error(r));
    if (gd_event(r, s, g->id, "identified", NULL, NULL) != 0)
        return 500;
    return gd_done(r, s, g->id, s->sprintf(r, "已查明儿童身份：%s。", c->name));
}
