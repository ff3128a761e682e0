/*
 * report.c - the mandatory report (强制报告, issue 13 item 5): the form at
 * /guardianship/report/new (?child=<id>&source=<module>: the education and
 * village modules link to it) and its submission.  One of the nine
 * situations; the child identified (in the reporter's scope) or described
 * with the place; what was seen; the police notification (station, time,
 * receipt) or why the police could not be reached (the station
 * responsible may still be named) - nothing is filed without one.
 * Filing opens the urgent tasks at once: the township's
 * protection workers (receive, and the child's safety within the set
 * hours) and the county's child-protection staff.  The reporter's identity
 * and the facts are stored encrypted.
 */
#include "guardianship.h"

#include <string.h>

const struct portal_param gd_new_params[] = {
    {"child", PP_INT, 0, 0, "儿童"},
    {"source", PP_CODE, 32, 0, "来源"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param gd_report_params[] = {
    {"child", PP_INT, 0, 0, "儿童"},
    {"source", PP_CODE, 32, 0, "来源"},
    {"situation", PP_CODE, 32, 0, "情形"},
    {"child_desc", PP_LINES, 2000, 0, "儿童特征与发现地点"},
    {"place", PP_CODE, 12, 0, "发现地"},
    {"facts", PP_LINES, 4000, 0, "发现的情况"},
    {"found_at", PP_TEXT, 16, 0, "发现时间"},
    {"police_org", PP_INT, 0, 0, "派出所"},
    {"police_at", PP_TEXT, 16, 0, "报警时间"},
    {"police_receipt", PP_TEXT, 64, 0, "报警回执编号"},
    {"police_none_reason", PP_LINES, 500, 0, "未能报警的原因"},
    {"phone", PP_TEXT, 32, 0, "联系电话"},
    {NULL, 0, 0, 0, NULL}};

/* the lists the form offers; 0, or -1 */
static int form_lists(portal_req *r, const struct portal_services *s)
{
    if (s->labels_hdf(r, "Situations", "guardianship.situation") < 0 ||
        s->db_query_hdf(r, "Stations", "SELECT id, name FROM orgs WHERE kind = "
                        "'police_station' AND active = 1 ORDER BY name", "") < 0 ||
        gd_places_hdf(r, s) < 0)
        return -1;
    return 0;
}

/* the form, with the child (in the user's scope) when one is named */
static int form_render(portal_req *r, const struct portal_services *s)
{
    long long cid = s->param_int(r, "child", 0);
    if (cid > 0) {
        const struct portal_child *c = s->child(r, cid);
        if (!c)
            return 404;
        s->child_hdf(r, "Child", c);
    }
    if (form_lists(r, s) != 0)
        return 500;
    return s->render(r, "report_form.cs", "强制报告");
}

/* NGOs are not reporting bodies (Minors Protection Law art. 11): they tell
 * the township or the police, who file */
static int reporting_body(portal_req *r, const struct portal_services *s)
{
    const char *k = s->user(r)->org_kind;
    return !(k && strcmp(k, "ngo") == 0);
}

int report_new_get(portal_req *r, const struct portal_services *s)
{
    if (!reporting_body(r, s))
        return s->refuse(r, 403, "page", "guardianship.report", "an NGO is not a reporting body",
                         "社会组织不是强制报告主体，请立即向所在地派出所或乡镇报告。");
    s->set(r, "Form.source", s->param(r, "source") ? s->param(r, "source") : "direct");
    s->set(r, "Form.child", s->param(r, "child"));
    return form_render(r, s);
}

/* "YYYY-MM-DDTHH:MM" (a datetime-local field, Beijing time) is a real time */
static int time_ok(portal_req *r, const struct portal_services *s, const char *t)
{
    if (!t || strlen(t) != 16 || t[10] != 'T')
        return 0;
    portal_rows *q = s->db_query(r, "SELECT STR_TO_DATE(?, '%Y-%m-%dT%H:%i') IS NOT NULL", "s",
                                 t);
    return q && s->db_next(q) && strcmp(s->db_col(q, 0), "1") == 0;
}

/* the police part: a station, its time and receipt, or why not */
static void check_police(portal_req *r, const struct portal_services *s)
{
    long long st = s->param_int(r, "police_org", 0);
    const char *why = s->trim(r, s->param(r, "police_none_reason"));
    if (!st && !*why) {
        s->form_error(r, "police_org", "请填写向哪个派出所报警，或说明未能报警的原因。");
        return;
    }
    if (!st)
        return;
    portal_rows *q = s->db_query(r, "SELECT 1 FROM orgs WHERE id = ? AND kind = "
                                 "'police_station' AND active = 1", "i", st);
    if (!q || !s->db_next(q))
        s->form_error(r, "police_org", "请选择派出所。");
    const char *at = s->param(r, "police_at");
    if ((*why && at && *at && !time_ok(r, s, at)) || (!*why && !time_ok(r, s, at)))
        s->form_error(r, "police_at", "请填写报警时间。");
    if (!*s->trim(r, s->param(r, "police_receipt")) && !*why)
        s->form_error(r, "police_receipt", "请填写报警回执编号，或说明未取得回执的原因。");
}

/* the division of the report: the child's village, or the place given
 * (a current township or village); NULL with Errors set */
static const char *check_form(portal_req *r, const struct portal_services *s,
                              const struct portal_child *c)
{
    const char *place = NULL;
    if (!gd_is_label(r, s, "guardianship.situation", s->param(r, "situation")))
        s->form_error(r, "situation", "请选择属于哪一种强制报告情形。");
    if (!*s->trim(r, s->param(r, "facts")))
        s->form_error(r, "facts", "请填写发现的情况。");
    if (!time_ok(r, s, s->param(r, "found_at")))
        s->form_error(r, "found_at", "请填写发现时间。");
    if (!c) {
        if (!*s->trim(r, s->param(r, "child_desc")))
            s->form_error(r, "child_desc", "身份不明的儿童：请填写其特征和发现地点。");
        portal_rows *q = s->db_query(r, "SELECT code FROM divisions WHERE code = ? AND level "
                                     "IN ('township', 'village')", "s", s->param(r, "place"));
        if (q && s->db_next(q))
            place = s->db_col(q, 0);
        else
            s->form_error(r, "place", "请选择发现儿童的乡镇或村（社区）。");
    }
    check_police(r, s);
    return s->form_failed(r) ? NULL : c ? c->village_code : place;
}

/* the report's row; its id, or 0 */
static long long insert_report(portal_req *r, const struct portal_services *s,
                               const struct portal_child *c, const char *division)
{
    const struct portal_user *u = s->user(r);
    const char *desc = s->trim(r, s->param(r, "child_desc"));
    const char *who = s->sprintf(r, "%s（%s），联系电话：%s", u->display_name,
                                 u->org_name && *u->org_name ? u->org_name : "无单位",
                                 *s->trim(r, s->param(r, "phone")) ? s->trim(r, s->param(r, "phone")) : "未填");
    size_t fl = 0, dl = 0, wl = 0;
    const void *fe = s->encrypt(r, s->trim(r, s->param(r, "facts")), &fl);
    const void *de = !c && *desc ? s->encrypt(r, desc, &dl) : NULL;
    const void *we = s->encrypt(r, who, &wl);
    if (!fe || !we || (!c && !de))
        return 0;
    long long st = s->param_int(r, "police_org", 0);
    const char *receipt = s->trim(r, s->param(r, "police_receipt"));
    const char *why = s->trim(r, s->param(r, "police_none_reason"));
    const char *src = s->param(r, "source");
    if (s->db_exec(r, "INSERT INTO gd_reports (child_id, division_code, situation, source, "
                   "child_desc_enc, facts_enc, reporter_enc, reporter_user_id, reporter_org_id, "
                   "found_at, police_org_id, police_at, police_receipt, police_none_reason, "
                   "reported_at, safety_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "DATE_SUB(STR_TO_DATE(?, '%Y-%m-%dT%H:%i'), INTERVAL 8 HOUR), ?, "
                   "DATE_SUB(STR_TO_DATE(?, '%Y-%m-%dT%H:%i'), INTERVAL 8 HOUR), ?, ?, "
                   "UTC_TIMESTAMP(), UTC_TIMESTAMP())", "ssssbbbis" "sssss",
                   c ? gd_id(r, s, c->id) : NULL, division, s->param(r, "situation"),
                   src && *src ? src : "direct", de, dl, fe, fl, we, wl, u->id,
                   u->org_id ? gd_id(r, s, u->org_id) : NULL, s->param(r, "found_at"),
                   st ? gd_id(r, s, st) : NULL, st && *s->trim(r, s->param(r, "police_at")) ? s->param(r, "police_at") : NULL,
                   *receipt ? receipt : NULL, *why ? why : NULL) != 1)
        return 0;
    return s->db_insert_id(r);
}

/* the tasks of a new report; its times are the receive task's; 0 or -1 */
static int open_tasks(portal_req *r, const struct portal_services *s, long long id,
                      long long child, const char *division)
{
    int h = gd_hours(r, s, "receive_hours", 0);
    long long t1 = gd_task(r, s, id, child, division, "receive", "township",
                           "guardianship.handle", h);
    /* the county's task needs guardianship.handle too: whoever works the
     * case may close it with the case (the county staff hold it) */
    if (t1 < 0 || gd_task(r, s, id, child, division, "county", "county",
                          "guardianship.handle", h) < 0)
        return -1;
    long long t3 = gd_task(r, s, id, child, division, "safety", "township",
                           "guardianship.handle", gd_hours(r, s, "safety_hours", 0));
    if (t3 < 0)
        return -1;
    return s->db_exec(r, "UPDATE gd_reports g, urgent_tasks a, urgent_tasks b SET "
                      "g.reported_at = a.opened_at, g.safety_due = b.due_at WHERE g.id = ? "
                      "AND a.id = ? AND b.id = ?", "iii", id, t1, t3) == 1 ? 0 : -1;
}

/* the identified child: on the timeline (nothing but that a case exists)
 * and linked to the police station it was reported to; 0 or -1 */
static int child_side(portal_req *r, const struct portal_services *s, long long id,
                      long long child, long long station)
{
    if (s->child_event(r, child, "protection.case", "登记未成年人保护个案") != 0)
        return -1;
    if (!station)
        return 0;
    portal_rows *q = s->db_query(r, "SELECT 1 FROM child_org_links WHERE child_id = ? AND "
                                 "org_id = ? AND relation = 'report' AND ended_at IS NULL",
                                 "ii", child, station);
    if (q && s->db_next(q))
        return 0;
    return s->child_link(r, child, station, "report", NULL, NULL,
                         s->sprintf(r, "强制报告第 %lld 号", id)) > 0 ? 0 : -1;
}

int report_create_post(portal_req *r, const struct portal_services *s)
{
    if (!reporting_body(r, s))
        return s->refuse(r, 403, "page", "guardianship.report", "an NGO is not a reporting body",
                         "社会组织不是强制报告主体，请立即向所在地派出所或乡镇报告。");
    long long cid = s->param_int(r, "child", 0);
    const struct portal_child *c = cid > 0 ? s->child(r, cid) : NULL;
    if (cid > 0 && !c)
        return 404;
    const char *division = check_form(r, s, c);
    if (!division)
        return form_render(r, s);
    long long id = insert_report(r, s, c, division);
    if (!id)
        return s->fail(r, 500, "无法保存报告，请立即电话报告乡镇和派出所。");
    if (open_tasks(r, s, id, c ? c->id : 0, division) != 0)
        return s->fail(r, 400, s->sprintf(r, "无法通知乡镇和县级保护人员：%s",
                                          s->task_error(r)));
    if (c && child_side(r, s, id, c->id, s->param_int(r, "police_org", 0)) != 0)
        return s->fail(r, 400, s->link_error(r) ? s->link_error(r) : "无法登记。");
    if (gd_event(r, s, id, "reported", NULL, NULL) != 0)
        return 500;
    s->audit(r, "guardianship.report.create", "gd_report", gd_id(r, s, id),
             s->sprintf(r, "situation=%s source=%s child=%lld", s->param(r, "situation"),
                        s->param(r, "source") ? s->param(r, "source") : "direct", cid));
    s->flash(r, "强制报告已提交，乡镇和县级未成年人保护工作人员已收到紧急任务。");
    return s->redirect(r, s->sprintf(r, "/guardianship/reports/%lld", id));
}
