/*
 * dropout.c - 控辍保学: every registry child of compulsory-school age with
 * no current enrolment (the commission's scan), or reported absent by the
 * school, becomes a suspected-dropout case on the host's workflow, handled
 * by the township in working-day limits (home visit, persuasion to return,
 * outcome).  Each step also opens an urgent task: past its hours it
 * escalates to the county's inbox and the supervision list.  A monthly
 * report per township counts cases opened, returned and still open.
 */
#include "education.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param act_params[] = {
    {"action", PP_CODE, 16, 1, "操作"},
    {"opinion", PP_LINES, 2000, 0, "意见"},
    {"outcome", PP_CODE, 16, 0, "结果"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param absent_params[] = {
    {"note", PP_TEXT, 200, 1, "缺课情况"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param scan_params[] = {
    {"township", PP_CODE, 12, 0, "乡镇（街道）"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param report_params[] = {
    {"month", PP_CODE, 7, 0, "月份"},
    {NULL, 0, 0, 0, NULL}};

static int dropout_done(portal_req *r, svc *s, long long app_id, long long child_id,
                        const char *outcome);

/* a follow-up case, not an approval: one clerk may take every step (same_actor) */
static const struct portal_wf_step dropout_steps[] = {
    {"visit", "入户家访核实", "township", "education.dropout", 5, 1, 1, 0, NULL, 0, 1},
    {"persuade", "劝返复学", "township", "education.dropout", 10, 1, 1, 0, NULL, 0, 1},
    {"outcome", "结果认定", "township", "education.dropout", 5, 1, 1, 0, NULL, 0, 1},
    {NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0}};

const struct portal_wf_type edu_workflows[] = {
    {"dropout", "控辍保学（疑似失学辍学）", dropout_steps, 0, 0, dropout_done},
    {NULL, NULL, NULL, 0, 0, NULL}};

/* the urgent task of the case's current step (closing the previous one) */
static int step_task(portal_req *r, svc *s, long long app, long long child, const char *step)
{
    portal_rows *q = s->db_query(r, "SELECT task_id FROM edu_dropouts WHERE app_id = ?", "i", app);
    if (!q || !s->db_next(q))
        return -1;
    if (s->db_col(q, 0) && s->task_close(r, atoll(s->db_col(q, 0)), "环节已办理") != 0)
        s->log(NULL, "education: task %s of case %lld not closed: %s", s->db_col(q, 0), app,
               s->task_error(r));
    long long task = 0;
    if (step) {
        long long hours = s->setting_int(r, "dropout_task_hours", NULL);
        struct portal_task t = {"dropout.step", s->sprintf(r, "控辍保学：%s", step),
                                s->sprintf(r, "/education/applications/%lld", app), child, NULL,
                                NULL, NULL, "township", 0, "education.dropout",
                                hours < 1 || hours > 720 ? 168 : (int)hours};
        task = s->task_open(r, &t);
        if (task < 0) {
            s->log(NULL, "education: task of case %lld: %s", app, s->task_error(r));
            return -1;
        }
    }
    return s->db_exec(r, "UPDATE edu_dropouts SET task_id = NULLIF(?, 0) WHERE app_id = ?", "ii",
                      task, app) < 0 ? -1 : 0;
}

/* a case a school opened: the township's office is told too (its urgent
 * task, opened at once, is the work; the notice says who reported it) */
static int case_notice(portal_req *r, svc *s, long long app, long long child)
{
    portal_rows *q = s->db_query(r, "SELECT township_code, name FROM children WHERE id = ?", "i",
                                 child);
    if (!q || !s->db_next(q))
        return -1;
    struct portal_notice n = {0, 0, s->db_col(q, 0), "dropout.absent",
                              s->sprintf(r, "学校报告缺课：%s，请入户核实劝返", s->db_col(q, 1)),
                              NULL, s->sprintf(r, "/education/applications/%lld", app), child,
                              "wf_application", edu_id(r, s, app)};
    return s->notice_send(r, &n) < 0 ? -1 : 1;
}

/* a case for the child unless one is open: 1 opened, 0 one was open, -1 */
static int case_open(portal_req *r, svc *s, long long child, const char *reason, long long org,
                     const char *note)
{
    portal_rows *q = s->db_query(r, "SELECT app_id FROM edu_dropouts WHERE open_child = ? FOR "
                                 "UPDATE", "i", child);
    if (!q)
        return -1;
    if (s->db_next(q))
        return 0;
    if (!org) { /* the last school */
        /* by date: ids are not ordered across a cluster's nodes (issue 18) */
        q = s->db_query(r, "SELECT org_id FROM edu_enrolments WHERE child_id = ? AND org_id IS "
                        "NOT NULL ORDER BY valid_from DESC, id DESC LIMIT 1", "i", child);
        org = q && s->db_next(q) ? atoll(s->db_col(q, 0)) : 0;
    }
    long long app = s->wf_start(r, "dropout", child, s->sprintf(r, "疑似失学辍学：%s",
                                s->label(r, "education.dropout_reason", reason)));
    if (app < 0) {
        s->log(NULL, "education: case for child %lld: %s", child, s->wf_error(r));
        return -1;
    }
    if (s->db_exec(r, "INSERT INTO edu_dropouts (app_id, child_id, open_child, last_org_id, "
                   "reason, detected_on, note) VALUES (?, ?, ?, NULLIF(?, 0), ?, ?, ?)", "iiiisss",
                   app, child, child, org, reason, s->today(r), note ? note : "") != 1)
        return -1;
    /* a school alerts about its pupil: the township's task at once */
    const struct portal_user *u = s->user(r);
    if (u->scope && strcmp(u->scope, "org") == 0 && case_notice(r, s, app, child) < 0)
        return -1;
    return step_task(r, s, app, child, dropout_steps[0].title) == 0 ? 1 : -1;
}

int dropout_scan_post(portal_req *r, svc *s)
{
    const char *after, *upto, *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond)
        return 500;
    edu_age_bounds(r, s, &after, &upto);
    const char *town = s->param(r, "township"); /* one township, or all in scope */
    portal_rows *q = s->db_query(
        r, s->sprintf(r, "SELECT c.id FROM children c WHERE %s AND (? = '' OR c.township_code = "
                      "?) AND c.status = 'active' AND "
                      "c.birth_date > ? AND c.birth_date <= ? AND NOT EXISTS (SELECT 1 FROM "
                      "edu_enrolments e WHERE e.child_id = c.id AND e.ended_on IS NULL AND "
                      "e.mode <> 'none') AND NOT EXISTS (SELECT 1 FROM edu_dropouts d WHERE "
                      "d.open_child = c.id) ORDER BY c.id LIMIT 5000", cond),
        "ssssss", a1, a2, town ? town : "", town ? town : "", after, upto);
    if (!q)
        return 500;
    long long n = 0;
    while (s->db_next(q)) {
        int rc = case_open(r, s, atoll(s->db_col(q, 0)), "no_enrolment", 0, "县教委排查：无在读记录");
        if (rc < 0)
            return 500;
        n += rc;
    }
    s->audit(r, "education.dropout.scan", "edu_dropout", NULL, s->sprintf(r, "opened=%lld", n));
    s->flash(r, s->sprintf(r, "排查完成：新立疑似失学辍学案件 %lld 件，已交乡镇办理。", n));
    return s->redirect(r, "/education/dropouts");
}

int child_absent_post(portal_req *r, svc *s)
{
    const struct portal_object *o = s->object(r);
    long long own = edu_own_school(r, s);
    if (!own || !s->has_perm(r, "education.school"))
        return s->refuse(r, 403, "child", edu_id(r, s, o->id), "absence report by a user who is "
                         "not a school's staff", "只有学校可以报告学生缺课。");
    int rc = case_open(r, s, o->id, "absent", own, s->trim(r, s->param(r, "note")));
    if (rc < 0)
        return 500;
    s->audit(r, "education.absent", "child", edu_id(r, s, o->id), s->param(r, "note"));
    s->flash(r, rc ? "已报告缺课，乡镇将入户核实劝返。" : "该学生已有办理中的控辍保学案件。");
    return s->redirect(r, s->sprintf(r, "/education/children/%lld", o->id));
}

static int dropout_done(portal_req *r, svc *s, long long app_id, long long child_id,
                        const char *outcome)
{
    (void)child_id;
    if (strcmp(outcome, "rejected") == 0 &&
        s->db_exec(r, "UPDATE edu_dropouts SET outcome = 'unfounded' WHERE app_id = ?", "i",
                   app_id) != 1)
        return -1;
    if (s->db_exec(r, "UPDATE edu_dropouts SET open_child = NULL, closed_on = ? WHERE app_id = ?",
                   "si", s->today(r), app_id) != 1)
        return -1;
    return step_task(r, s, app_id, child_id, NULL);
}

static int case_page(portal_req *r, svc *s, int status)
{
    long long id = s->object(r)->id;
    if (s->wf_app_hdf(r, "App", id) != 0 ||
        s->db_row_hdf(r, "Case", "SELECT d.reason, d.detected_on, d.note, d.outcome, d.closed_on, "
                      "o.name AS school FROM edu_dropouts d LEFT JOIN orgs o ON o.id = "
                      "d.last_org_id WHERE d.app_id = ?", "i", id) != 1)
        return 500;
    s->labels_hdf(r, "Outcomes", "education.outcome");
    s->audit(r, "education.dropout.read", "wf_application", edu_id(r, s, id), NULL);
    s->render(r, "case.cs", "控辍保学案件");
    return status;
}

int dropout_get(portal_req *r, svc *s)
{
    return case_page(r, s, 200);
}

int dropout_act_post(portal_req *r, svc *s)
{
    long long id = s->object(r)->id, child = s->object(r)->child_id;
    const char *action = s->param(r, "action"), *outcome = s->param(r, "outcome");
    const char *opinion = s->trim(r, s->param(r, "opinion"));
    portal_rows *q = s->db_query(r, "SELECT step_code FROM wf_applications WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    const char *step = s->db_col(q, 0);
    int last = strcmp(step, "outcome") == 0 && strcmp(action, "approve") == 0;
    if (strcmp(action, "approve") != 0 && strcmp(action, "reject") != 0)
        s->form_error(r, "action", "控辍保学案件只能完成本环节或核实非辍学结案。");
    else if (strcmp(action, "reject") == 0 && !*opinion)
        s->form_error(r, "action", "认定不属于失学辍学时，请在意见中写明核实情况。");
    if (last && (!outcome || !strcmp(outcome, "unfounded") ||
                 !edu_known(r, s, "education.outcome", outcome)))
        s->form_error(r, "outcome", "请选择办理结果。");
    if (s->form_failed(r))
        return case_page(r, s, 400);
    if (last && s->db_exec(r, "UPDATE edu_dropouts SET outcome = ? WHERE app_id = ?", "si",
                           outcome, id) != 1)
        return 500;
    if (s->wf_act(r, id, action, opinion) != 0) {
        s->form_error(r, "action", s->wf_error(r));
        return case_page(r, s, 403);
    }
    q = s->db_query(r, "SELECT status, step_title FROM wf_applications WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    if (strcmp(s->db_col(q, 0), "open") == 0 && step_task(r, s, id, child, s->db_col(q, 1)) != 0)
        return 500;
    s->audit(r, "education.dropout.act", "wf_application", edu_id(r, s, id), action);
    s->flash(r, "已办理。");
    return s->redirect(r, s->sprintf(r, "/education/applications/%lld", id));
}

/* batch approval (the host's wf_batch): the outcome is chosen on the case's
 * page, one at a time; the other steps need nothing more */
static const char *batch_before(portal_req *r, svc *s, long long id)
{
    portal_rows *q = s->db_query(r, "SELECT step_code = 'outcome' AND status = 'open' FROM "
                                 "wf_applications WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return "申请不存在。";
    return strcmp(s->db_col(q, 0), "1") == 0
               ? "结果认定须在案件页选择办理结果，不能批量办理。" : NULL;
}

/* after each: the next step's urgent task, as for one case at a time */
static int batch_after(portal_req *r, svc *s, long long id)
{
    portal_rows *q = s->db_query(r, "SELECT status, step_title, child_id FROM wf_applications "
                                 "WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return -1;
    if (strcmp(s->db_col(q, 0), "open") == 0 &&
        step_task(r, s, id, atoll(s->db_col(q, 2)), s->db_col(q, 1)) != 0)
        return -1;
    s->audit(r, "education.dropout.act", "wf_application", edu_id(r, s, id), "approve");
    return 0;
}

static int dropout_list_page(portal_req *r, svc *s, int status);

/* POST /education/applications/batch: the cases ticked on 控辍保学 */
int dropout_batch_post(portal_req *r, svc *s)
{
    int status = s->wf_batch(r, batch_before, batch_after);
    return status == 400 ? dropout_list_page(r, s, 400) : status;
}

int dropout_list_get(portal_req *r, svc *s) { return dropout_list_page(r, s, 200); }

static int dropout_list_page(portal_req *r, svc *s, int status)
{
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond)
        return 500;
    const char *today = s->today(r);
    int n = s->db_query_hdf(
        r, "Cases", s->sprintf(r, "SELECT d.app_id, c.id AS child_id, c.name, c.township_code, "
                               "d.reason, d.detected_on, a.step_title, a.step_due, "
                               "a.step_due < ? AS overdue, o.name AS school FROM edu_dropouts d "
                               "JOIN children c ON c.id = d.child_id JOIN wf_applications a ON "
                               "a.id = d.app_id LEFT JOIN orgs o ON o.id = d.last_org_id WHERE "
                               "d.open_child IS NOT NULL AND %s ORDER BY overdue DESC, "
                               "a.step_due, d.app_id LIMIT 1000", cond),
        "sss", today, a1, a2);
    if (n < 0)
        return 500;
    s->set_int(r, "Manager", edu_manager(r, s));
    if ((n = s->wf_inbox_paged(r, "Inbox", "education", PORTAL_INBOX_PAGE)) < 0)
        return 500;
    if (n > 0 && s->has_perm(r, "education.dropout"))
        s->set(r, "InboxSelect", "batch-form");
    s->render(r, "dropout_list.cs", "控辍保学");
    return status;
}

int report_get(portal_req *r, svc *s)
{
    const char *month = s->param(r, "month");
    if (!month || s->month_check(month) != 0)
        month = s->sprintf(r, "%.7s", s->today(r));
    const char *from = s->sprintf(r, "%s-01", month);
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond)
        return 500;
    if (s->db_query_hdf(
            r, "Rows", s->sprintf(r, "SELECT c.township_code, SUM(d.detected_on >= ? AND "
                                  "d.detected_on < ? + INTERVAL 1 MONTH) AS opened, "
                                  "SUM(d.outcome = 'returned' AND d.closed_on >= ? AND d.closed_on "
                                  "< ? + INTERVAL 1 MONTH) AS returned, SUM(d.detected_on < ? + "
                                  "INTERVAL 1 MONTH AND (d.closed_on IS NULL OR d.closed_on >= ? + "
                                  "INTERVAL 1 MONTH)) AS still_open FROM edu_dropouts d JOIN "
                                  "children c ON c.id = d.child_id WHERE %s GROUP BY "
                                  "c.township_code ORDER BY c.township_code", cond),
            "ssssss" "ss", from, from, from, from, from, from, a1, a2) < 0)
        return 500;
    s->set(r, "Month", month);
    s->audit(r, "education.report.view", "edu_dropout", NULL, month);
    return s->render(r, "report.cs", "控辍保学月报");
}
