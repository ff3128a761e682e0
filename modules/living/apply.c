/*
 * apply.c - 基本生活保障: applications, run by the host's workflow service.
 *
 * Types and steps (rules.md):
 *   dibao, tekun   乡镇受理 -> 乡镇调查核实（入户） -> 村（社区）民主评议 ->
 *                  村（社区）公示 7 天（异议：回到调查核实，再公示 3 天） -> 县级审批;
 *                  30 days from acceptance, review and publicity not counted.
 *   orphan, de_facto_unsupported   乡镇审核 (10 working days) -> 县级审批
 *                  (10 working days); NO publicity (privacy).
 *   temporary      乡镇审核 (5 days) -> 县级审批 (5 days).
 * Approval (on_done "approved"): a living_grants row (dibao, tekun, temporary
 * paid from the month of approval; orphan and de-facto-unsupported from the
 * next month) and, if the child does not hold it yet, the registry category.
 *
 * The {id} routes name their application as the route's object: the host
 * checks that it is this module's and that its child lies in the user's
 * scope before the handler runs (else an audited 404).
 */
#include "living.h"

#include <stdlib.h>
#include <string.h>

static int on_done(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome);

/* code, title, level, permission, limit_days, working_days, counts,
 * publicity_days, objection_to, objection_days */
static const struct portal_wf_step dibao_steps[] = {
    /* reception: the clerk who typed the application may accept it (same_actor) */
    {"accept", "乡镇受理", "township", "living.township", 0, 0, 1, 0, NULL, 0, 1},
    {"investigate", "乡镇调查核实（入户）", "township", "living.township", 0, 0, 1, 0, NULL, 0},
    {"review", "村（社区）民主评议", "village", "living.apply", 0, 0, 0, 0, NULL, 0},
    {"publicity", "村（社区）公示", "village", "living.apply", 0, 0, 0, 7, "investigate", 3},
    {"decide", "县级审批", "county", "living.county", 0, 0, 1, 0, NULL, 0},
    {NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0}};

static const struct portal_wf_step orphan_steps[] = {
    {"check", "乡镇审核", "township", "living.township", 10, 1, 1, 0, NULL, 0},
    {"decide", "县级审批", "county", "living.county", 10, 1, 1, 0, NULL, 0},
    {NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0}};

static const struct portal_wf_step temporary_steps[] = {
    {"check", "乡镇审核", "township", "living.township", 5, 0, 1, 0, NULL, 0},
    {"decide", "县级审批", "county", "living.county", 5, 0, 1, 0, NULL, 0},
    {NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0}};

const struct portal_wf_type living_workflows[] = {
    {"dibao", LIVING_T_DIBAO, dibao_steps, 30, 0, on_done},
    {"tekun", LIVING_T_TEKUN, dibao_steps, 30, 0, on_done},
    {"orphan", LIVING_T_ORPHAN, orphan_steps, 0, 0, on_done},
    {"de_facto_unsupported", LIVING_T_DEFACTO, orphan_steps, 0, 0, on_done},
    {"temporary", LIVING_T_TEMPORARY, temporary_steps, 0, 0, on_done},
    {NULL, NULL, NULL, 0, 0, NULL}};

const struct portal_param apply_params[] = {
    {"child", PP_INT, 20, 0, "儿童"},
    {"q", PP_TEXT, 64, 0, "姓名"},
    {"benefit", PP_CODE, 32, 0, "保障类型"},
    {"subtype", PP_CODE, 32, 0, "类别"},
    {"care_level", PP_CODE, 32, 0, "护理等级"},
    {"amount", PP_TEXT, 16, 0, "救助金额（元）"},
    {"household_note", PP_LINES, 1000, 0, "家庭情况"},
    {"income_note", PP_LINES, 1000, 0, "收入情况"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param act_params[] = {
    {"action", PP_CODE, 16, 1, "操作"},
    {"opinion", PP_LINES, 2000, 0, "意见"},
    {"visit_date", PP_DATE, 10, 0, "入户日期"},
    {"visit_findings", PP_LINES, 2000, 0, "入户调查情况"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ helpers */

static const struct portal_wf_type *type_of(const char *code)
{
    for (const struct portal_wf_type *t = living_workflows; code && t->code; t++)
        if (strcmp(t->code, code) == 0)
            return t;
    return NULL;
}

/* the form's lists: Benefits (the types), Subtypes.<type> and CareLevels */
static void form_labels(portal_req *r, const struct portal_services *s)
{
    s->labels_hdf(r, "Benefits", "living.type");
    for (const struct portal_wf_type *t = living_workflows; t->code; t++)
        s->labels_hdf(r, s->sprintf(r, "Subtypes.%s", t->code),
                      s->sprintf(r, "living.subtype.%s", t->code));
    s->labels_hdf(r, "CareLevels", "living.care");
}

/* ------------------------------------------------------------ on_done */

/* Approved: the grant, paid from this month (dibao, tekun, temporary) or
 * the next (orphan, de-facto-unsupported), and the registry category. */
static int on_done(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome)
{
    if (strcmp(outcome, "approved") != 0)
        return 0; /* a rejection changes nothing here: the history keeps the reason */
    portal_rows *q = s->db_query(r, "SELECT benefit, subtype, care_level FROM living_applications "
                                    "WHERE app_id = ? AND child_id = ?", "ii", app_id, child_id);
    if (!q || !s->db_next(q))
        return -1;
    const char *benefit = s->col(q, "benefit"), *subtype = s->col(q, "subtype");
    const char *today = s->today(r);
    int y = atoi(today), m = atoi(today + 5);
    if (strcmp(benefit, "orphan") == 0 || strcmp(benefit, "de_facto_unsupported") == 0) {
        if (++m > 12)
            m = 1, y++;
    }
    const char *start = s->sprintf(r, "%04d-%02d-01", y, m);
    const char *end = strcmp(benefit, "temporary") == 0 ? start : NULL;
    int dibao = strcmp(benefit, "dibao") == 0;
    const char *recheck = dibao ? s->sprintf(r, "%04d-%02d-01", y + 1, m) : NULL;
    if (s->db_exec(r, "INSERT INTO living_grants (child_id, application_id, benefit, subtype, "
                      "care_level, start_month, end_month, recheck_every_months, next_recheck, "
                      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
                   "iisssssss", child_id, app_id, benefit, subtype, s->col(q, "care_level"),
                   start, end, dibao ? "12" : NULL, recheck) != 1)
        return -1;
    long long gid = s->db_insert_id(r);
    s->audit(r, "living.grant.create", "child", s->sprintf(r, "%lld", child_id),
             s->sprintf(r, "grant %lld, application %lld, %s/%s from %s", gid, app_id, benefit,
                        subtype, start));
    /* the registry category (nothing when the child holds it already) */
    if (s->child_category(r, child_id, benefit, 1, today,
                          s->sprintf(r, "基本生活保障审批 #%lld", app_id)) != 0)
        return -1;
    /* the months already generated pay it now; a locked one as back pay */
    return living_grant_post_due(r, s, gid, child_id,
                                 s->sprintf(r, "%s #%lld", s->label(r, "living.type", benefit),
                                            app_id));
}

/* ------------------------------------------------------------ pages */

/* the module home: the inbox a page at a time (with boxes for batch
 * approval when the user approves a step: living.township or
 * living.county), this month's totals; status 200, or 400 after a refused
 * batch (Errors.*) */
int home_page(portal_req *r, const struct portal_services *s, int status)
{
    int n = s->wf_inbox_paged(r, "Inbox", "living", PORTAL_INBOX_PAGE);
    if (n < 0)
        return 500;
    if (n > 0 && (s->has_perm(r, "living.township") || s->has_perm(r, "living.county")))
        s->set(r, "InboxSelect", "batch-form");
    if (living_month_totals_hdf(r, s, "Totals") == 0)
        s->set(r, "HasTotals", "1");
    if (s->has_perm(r, "living.apply"))
        s->set(r, "Can.apply", "1");
    if (s->has_perm(r, "settings.module")) /* the rates: module settings */
        s->set(r, "Can.rates", "1");
    s->render(r, "home.cs", "基本生活保障");
    return status;
}

int home_get(portal_req *r, const struct portal_services *s) { return home_page(r, s, 200); }

/* The application form: the child picked (?child=, in scope) or a name
 * search (?q=) within the user's scope.  Returns status when the form
 * renders (400 after form errors), or the refusal's status. */
static int form_page(portal_req *r, const struct portal_services *s, int status)
{
    int st = s->child_pick(r, s->param_int(r, "child", 0), s->trim(r, s->param(r, "q")));
    if (st)
        return st;
    form_labels(r, s);
    s->render(r, "apply_form.cs", "基本生活保障申请");
    return status;
}

int apply_form_get(portal_req *r, const struct portal_services *s) { return form_page(r, s, 200); }

/* an application as the form gives it */
struct application {
    const struct portal_wf_type *type;
    const char *benefit, *subtype, *care;
    long long fen;
};

/* the form checked: 0, or -1 after form_error on each field at fault */
static int apply_read(portal_req *r, const struct portal_services *s, struct application *a)
{
    a->benefit = s->param(r, "benefit");
    a->subtype = s->param(r, "subtype");
    a->care = s->param(r, "care_level");
    a->type = type_of(a->benefit);
    a->fen = 0;
    if (!a->type) {
        s->form_error(r, "benefit", "请选择保障类型。");
        return -1;
    }
    if (!living_label_known(r, s, s->sprintf(r, "living.subtype.%s", a->benefit), a->subtype))
        s->form_error(r, "subtype", "请选择与保障类型相符的类别。");
    int tekun = strcmp(a->benefit, "tekun") == 0;
    if (tekun && !living_label_known(r, s, "living.care", a->care))
        s->form_error(r, "care_level", "特困人员救助供养须选择护理等级。");
    if (!tekun)
        a->care = NULL;
    if (strcmp(a->benefit, "temporary") == 0 &&
        (s->yuan_to_fen(s->trim(r, s->param(r, "amount")), 0, &a->fen) != 0 || a->fen <= 0))
        s->form_error(r, "amount", "临时救助须填写救助金额（元，最多两位小数，大于 0）。");
    return s->form_failed(r) ? -1 : 0;
}

int apply_create_post(portal_req *r, const struct portal_services *s)
{
    long long child = s->param_int(r, "child", 0);
    if (child <= 0) {
        s->form_error(r, "child", "请先选择儿童。");
        return form_page(r, s, 400);
    }
    if (!s->child(r, child))
        return 404; /* audited by the host */
    struct application a;
    if (apply_read(r, s, &a) != 0)
        return form_page(r, s, 400);
    const char *summary = s->sprintf(r, "%s（%s）%s%s", a.type->title,
                                     s->label(r, s->sprintf(r, "living.subtype.%s", a.benefit),
                                              a.subtype),
                                     a.fen > 0 ? "，金额 " : "",
                                     a.fen > 0 ? s->fen_to_yuan(r, a.fen) : "");
    long long id = s->wf_start(r, a.benefit, child, summary);
    if (id < 0) {
        const char *why = s->wf_error(r);
        s->audit(r, "living.apply.refused", "child", s->sprintf(r, "%lld", child), why);
        s->form_error(r, "benefit", why);
        return form_page(r, s, 400);
    }
    if (s->db_exec(r, "INSERT INTO living_applications (app_id, child_id, benefit, subtype, "
                      "care_level, amount_fen, household_note, income_note, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())", "iissssss", id, child,
                   a.benefit, a.subtype, a.care, a.fen > 0 ? s->sprintf(r, "%lld", a.fen) : NULL,
                   s->trim(r, s->param(r, "household_note")),
                   s->trim(r, s->param(r, "income_note"))) != 1)
        return 500;
    s->audit(r, "living.apply", "wf_application", s->sprintf(r, "%lld", id),
             s->sprintf(r, "child %lld, %s/%s%s", child, a.benefit, a.subtype,
                        a.fen > 0 ? s->sprintf(r, ", %lld fen", a.fen) : ""));
    s->flash(r, s->sprintf(r, "已提交%s申请（#%lld）。", a.type->title, id));
    return s->redirect(r, s->sprintf(r, "/living/applications/%lld", id));
}

/* the application (App.* is the route's object) with this module's details;
 * status is 200, or 400/403 after a refused action (Errors.<field> says
 * why; the typed opinion and visit record are put back by the host) */
static int application_page(portal_req *r, const struct portal_services *s, int status)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Detail", "SELECT benefit, subtype, care_level, amount_fen, "
                      "household_note, income_note, visit_date, visit_findings "
                      "FROM living_applications WHERE app_id = ?", "i", id) < 0 ||
        s->db_query_hdf(r, "Grants", "SELECT id, benefit, subtype, DATE_FORMAT(start_month, "
                        "'%Y-%m') AS start_month, DATE_FORMAT(end_month, '%Y-%m') AS end_month "
                        "FROM living_grants WHERE application_id = ?", "i", id) < 0)
        return 500;
    s->set(r, "Today", s->today(r));
    s->audit(r, "living.application.read", "wf_application", s->sprintf(r, "%lld", id), NULL);
    s->render(r, "application.cs", "基本生活保障申请");
    return status;
}

int application_get(portal_req *r, const struct portal_services *s)
{
    return application_page(r, s, 200);
}

/* the reason an action needs in the opinion, or NULL */
static const char *opinion_needed(const char *action)
{
    if (strcmp(action, "return") == 0)
        return "退回补正时，请在意见中一次性列明需要补正的全部材料。";
    if (strcmp(action, "reject") == 0)
        return "不予批准时，请在意见中写明理由。";
    if (strcmp(action, "object") == 0)
        return "请在意见中写明异议的内容。";
    return NULL;
}

int application_act_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    const char *action = s->param(r, "action");
    const char *opinion = s->trim(r, s->param(r, "opinion"));
    const char *visit_date = s->param(r, "visit_date");
    const char *findings = s->trim(r, s->param(r, "visit_findings"));
    if (opinion_needed(action) && !*opinion) {
        s->form_error(r, "opinion", opinion_needed(action));
        return application_page(r, s, 400);
    }
    if (visit_date && *visit_date && strcmp(visit_date, s->today(r)) > 0) {
        s->form_error(r, "visit_date", "入户日期不能晚于今天。");
        return application_page(r, s, 400);
    }
    portal_rows *q = s->db_query(r, "SELECT a.step_code, a.status, la.visit_date, la.visit_findings "
                                    "FROM wf_applications a LEFT JOIN living_applications la ON "
                                    "la.app_id = a.id WHERE a.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    int investigate = strcmp(s->col(q, "step_code"), "investigate") == 0 &&
                      strcmp(s->col(q, "status"), "open") == 0;
    int typed = visit_date && *visit_date && *findings;
    if (investigate && strcmp(action, "approve") == 0 && !typed) {
        /* the home-visit record is required to approve the investigation */
        const char *f = s->col(q, "visit_findings");
        if (!s->col(q, "visit_date") || !f || !*f) {
            s->form_error(r, "visit_findings", "调查核实须填写入户日期和入户调查情况后才能通过。");
            return application_page(r, s, 400);
        }
    }
    if (s->wf_act(r, id, action, opinion) != 0) {
        const char *why = s->wf_error(r);
        s->audit(r, "living.act.refused", "wf_application", s->sprintf(r, "%lld", id),
                 s->sprintf(r, "%s: %s", action, why));
        s->form_error(r, "action", why);
        return application_page(r, s, 403);
    }
    /* the home-visit record, once the action is accepted (same transaction) */
    if (investigate && typed &&
        s->db_exec(r, "UPDATE living_applications SET visit_date = ?, visit_findings = ? "
                      "WHERE app_id = ?", "ssi", visit_date, findings, id) < 0)
        return 500;
    s->flash(r, "已办理。");
    return s->redirect(r, s->sprintf(r, "/living/applications/%lld", id));
}

/* ------------------------------------------------------------ batch approval */

/* living's own check of an application in a batch approval (the host's
 * wf_batch checks the rest as for one at a time): the investigation needs
 * its home-visit record, typed on the application's page */
static const char *batch_before(portal_req *r, const struct portal_services *s, long long id)
{
    portal_rows *q = s->db_query(r, "SELECT a.step_code, a.status, la.visit_date, "
                                    "la.visit_findings FROM wf_applications a LEFT JOIN "
                                    "living_applications la ON la.app_id = a.id WHERE a.id = ?",
                                 "i", id);
    if (!q || !s->db_next(q))
        return "申请不存在。";
    const char *f = s->col(q, "visit_findings");
    if (strcmp(s->col(q, "step_code"), "investigate") == 0 &&
        strcmp(s->col(q, "status"), "open") == 0 && (!s->col(q, "visit_date") || !f || !*f))
        return "调查核实须先在申请页填写入户日期和入户调查情况。";
    return NULL;
}

/* POST /living/applications/batch: the applications ticked in the inbox,
 * approved by the host's batch approval (wf_batch) */
int application_batch_post(portal_req *r, const struct portal_services *s)
{
    int status = s->wf_batch(r, batch_before, NULL);
    return status == 400 ? home_page(r, s, 400) : status;
}

int overdue_list_get(portal_req *r, const struct portal_services *s)
{
    const char *scope, *w = s->scope_where(r, "c.village_code", &scope);
    if (!scope)
        return s->refuse(r, 403, "page", "living.overdue", "user without a division",
                        "您的账户没有辖区，无法查看。");
    const char *sa, *wa = s->scope_where(r, "a.village_code", &sa);
    int n = s->db_query_hdf(
        r, "Overdue", s->sprintf(r,
        "SELECT a.id, a.type, a.type_title, a.child_id, c.name AS child_name, v.name AS village, "
        "t.name AS township, a.step_code, a.step_title, a.step_due, a.total_due, "
        /* over the step's own limit, or the type's total (低保, 特困: 30 days) */
        "DATEDIFF(?, LEAST(COALESCE(a.step_due, a.total_due), COALESCE(a.total_due, a.step_due))) "
        "AS days_over, a.total_due < ? AS total_over FROM wf_applications a "
        "JOIN children c ON c.id = a.child_id "
        "LEFT JOIN divisions v ON v.code = c.village_code "
        "LEFT JOIN divisions t ON t.code = c.township_code "
        /* the copy is indexed and moves with the child (registry trigger);
         * the child's own village is checked too */
        "WHERE a.status = 'open' AND (a.step_due < ? OR a.total_due < ?) AND a.module = 'living' "
        "AND %s AND %s ORDER BY days_over DESC, a.id LIMIT 500", wa, w),
        "ssssss", s->today(r), s->today(r), s->today(r), s->today(r), sa, scope);
    if (n < 0)
        return 500;
    s->set_int(r, "OverdueCount", n);
    s->set(r, "Today", s->today(r));
    return s->render(r, "overdue_list.cs", "逾期未办结的申请");
}
