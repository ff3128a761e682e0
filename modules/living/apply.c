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
 * Every {id} route first checks that the application is this module's and its
 * child lies in the user's scope (else s->not_found: 404 + audited denial).
 */
#include "living.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int on_done(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome);

/* code, title, level, permission, limit_days, working_days, counts,
 * publicity_days, objection_to, objection_days */
static const struct portal_wf_step dibao_steps[] = {
    {"accept", "乡镇受理", "township", "living.township", 0, 0, 1, 0, NULL, 0},
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
    {"dibao", "低保家庭儿童", dibao_steps, 30, 0, on_done},
    {"tekun", "特困人员救助供养", dibao_steps, 30, 0, on_done},
    {"orphan", "孤儿基本生活费", orphan_steps, 0, 0, on_done},
    {"de_facto_unsupported", "事实无人抚养儿童基本生活费", orphan_steps, 0, 0, on_done},
    {"temporary", "临时救助", temporary_steps, 0, 0, on_done},
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

/* ------------------------------------------------------------ labels */

struct opt {
    const char *benefit, *code, *title;
};

static const struct opt subtypes[] = {
    {"dibao", "urban", "城市低保"},
    {"dibao", "rural", "农村低保"},
    {"tekun", "basic", "基本生活"},
    {"orphan", "institutional", "机构集中养育"},
    {"orphan", "scattered", "社会散居"},
    {"de_facto_unsupported", "scattered", "社会散居"},
    {"de_facto_unsupported", "institutional", "机构养育"},
    {"temporary", "one_off", "一次性救助"},
    {NULL, NULL, NULL}};

static const struct opt care_levels[] = {
    {"tekun", "full_care", "全护理"},
    {"tekun", "partial_care", "半护理"},
    {"tekun", "self_care", "生活自理"},
    {NULL, NULL, NULL}};

static const struct portal_wf_type *type_of(const char *code)
{
    for (const struct portal_wf_type *t = living_workflows; code && t->code; t++)
        if (strcmp(t->code, code) == 0)
            return t;
    return NULL;
}

static const char *opt_title(const struct opt *o, const char *benefit, const char *code)
{
    for (; benefit && code && o->benefit; o++)
        if (strcmp(o->benefit, benefit) == 0 && strcmp(o->code, code) == 0)
            return o->title;
    return NULL;
}

static void put_labels(portal_req *r, const struct portal_services *s)
{
    int i = 0;
    for (const struct portal_wf_type *t = living_workflows; t->code; t++, i++) {
        s->set(r, s->sprintf(r, "Benefits.%d.code", i), t->code);
        s->set(r, s->sprintf(r, "Benefits.%d.title", i), t->title);
        s->set(r, s->sprintf(r, "Lbl.benefit.%s", t->code), t->title);
    }
    i = 0;
    for (const struct opt *o = subtypes; o->benefit; o++, i++) {
        s->set(r, s->sprintf(r, "Subtypes.%d.benefit", i), o->benefit);
        s->set(r, s->sprintf(r, "Subtypes.%d.code", i), o->code);
        s->set(r, s->sprintf(r, "Subtypes.%d.title", i), o->title);
        s->set(r, s->sprintf(r, "Lbl.subtype.%s", o->code), o->title);
    }
    i = 0;
    for (const struct opt *o = care_levels; o->benefit; o++, i++) {
        s->set(r, s->sprintf(r, "CareLevels.%d.code", i), o->code);
        s->set(r, s->sprintf(r, "CareLevels.%d.title", i), o->title);
        s->set(r, s->sprintf(r, "Lbl.care.%s", o->code), o->title);
    }
}

/* ------------------------------------------------------------ helpers */

static long long parse_id(const char *v)
{
    if (!v || !*v || strlen(v) > 18)
        return -1;
    for (const char *p = v; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    long long n = strtoll(v, NULL, 10);
    return n > 0 ? n : -1;
}

static const char *trim(portal_req *r, const struct portal_services *s, const char *v)
{
    if (!v)
        return "";
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
        n--;
    char *out = s->alloc(r, n + 1);
    memcpy(out, v, n);
    out[n] = 0;
    return out;
}

/* a positive amount in yuan -> fen through the host's parser; -1 if not */
static long long parse_yuan(const struct portal_services *s, const char *v)
{
    long long fen = 0;
    return s->yuan_to_fen(v, 0, &fen) == 0 && fen > 0 ? fen : -1;
}

/* the child (name, village, township) if in scope: 1; 0 none/outside; -1 db */
static int load_child(portal_req *r, const struct portal_services *s, long long id, int put)
{
    portal_rows *q = s->db_query(r, "SELECT c.id, c.name, c.village_code, v.name, t.name, "
                                    "c.birth_date, c.status FROM children c "
                                    "LEFT JOIN divisions v ON v.code = c.village_code "
                                    "LEFT JOIN divisions t ON t.code = c.township_code "
                                    "WHERE c.id = ?", "i", id);
    if (!q)
        return -1;
    if (!s->db_next(q) || !s->in_scope(r, s->db_col(q, 2)))
        return 0;
    if (put) {
        static const char *const cols[] = {"id", "name", "village_code", "village", "township",
                                           "birth_date", "status"};
        for (int c = 0; c < 7; c++)
            if (s->db_col(q, c))
                s->set(r, s->sprintf(r, "Child.%s", cols[c]), s->db_col(q, c));
    }
    return 1;
}

/*
 * The guard of every {id} route: the application exists, is this module's,
 * and its child lies in the user's scope.  0 with *id set, or the status sent.
 */
static int guard(portal_req *r, const struct portal_services *s, long long *id,
                 const char **type, const char **step, const char **status)
{
    long long n = parse_id(s->path_arg(r, "id"));
    if (n < 0)
        return s->fail(r, 404, NULL);
    /* the child's current village: the scope follows the child (a transfer) */
    portal_rows *q = s->db_query(r, "SELECT a.module, c.village_code, a.type, a.step_code, "
                                    "a.status FROM wf_applications a JOIN children c ON "
                                    "c.id = a.child_id WHERE a.id = ?", "i", n);
    if (!q)
        return 500;
    if (!s->db_next(q) || strcmp(s->db_col(q, 0), "living") != 0 ||
        !s->in_scope(r, s->db_col(q, 1)))
        return s->not_found(r, "wf_application", s->sprintf(r, "%lld", n));
    *id = n;
    if (type)
        *type = s->db_col(q, 2);
    if (step)
        *step = s->db_col(q, 3);
    if (status)
        *status = s->db_col(q, 4);
    return 0;
}

/* ------------------------------------------------------------ on_done */

static int on_done(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome)
{
    if (strcmp(outcome, "approved") != 0)
        return 0; /* a rejection changes nothing here: the history keeps the reason */
    portal_rows *q = s->db_query(r, "SELECT benefit, subtype, care_level FROM living_applications "
                                    "WHERE app_id = ? AND child_id = ?", "ii", app_id, child_id);
    if (!q || !s->db_next(q))
        return -1;
    const char *benefit = s->db_col(q, 0), *subtype = s->db_col(q, 1), *care = s->db_col(q, 2);
    const char *today = s->today(r);
    int y = atoi(today), m = atoi(today + 5);
    /* orphan and de-facto-unsupported allowances are paid from the next month */
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
                   "iisssssss", child_id, app_id, benefit, subtype, care, start, end,
                   dibao ? "12" : NULL, recheck) != 1)
        return -1;
    long long gid = s->db_insert_id(r);
    s->audit(r, "living.grant.create", "child", s->sprintf(r, "%lld", child_id),
             s->sprintf(r, "grant %lld, application %lld, %s/%s from %s", gid, app_id, benefit,
                        subtype, start));
    /* the registry category, unless the child already holds it */
    portal_rows *c = s->db_query(r, "SELECT COUNT(*) FROM child_categories WHERE child_id = ? "
                                    "AND category = ? AND end_date IS NULL", "is",
                                 child_id, benefit);
    if (!c || !s->db_next(c))
        return -1;
    if (atoll(s->db_col(c, 0)) == 0) {
        const char *basis = s->sprintf(r, "基本生活保障审批 #%lld", app_id);
        const struct portal_wf_type *t = type_of(benefit);
        if (s->db_exec(r, "INSERT INTO child_categories (child_id, category, basis, start_date, "
                          "entered_by) VALUES (?, ?, ?, ?, ?)", "isssi", child_id, benefit,
                       basis, today, (long long)s->user(r)->id) != 1 ||
            s->db_exec(r, "UPDATE children SET status = 'active', updated_at = UTC_TIMESTAMP() "
                          "WHERE id = ?", "i", child_id) < 0 ||
            s->db_exec(r, "INSERT INTO child_events (child_id, at, user_id, module, kind, "
                          "summary) VALUES (?, UTC_TIMESTAMP(), ?, 'living', 'category.enter', ?)",
                       "iis", child_id, (long long)s->user(r)->id,
                       s->sprintf(r, "进入类别：%s（%s 起，依据：%s）", t ? t->title : benefit,
                                  today, basis)) < 0)
            return -1;
        s->audit(r, "child.category.enter", "child", s->sprintf(r, "%lld", child_id),
                 s->sprintf(r, "category %s by application %lld", benefit, app_id));
    }
    return 0;
}

/* ------------------------------------------------------------ pages */

int home_get(portal_req *r, const struct portal_services *s)
{
    int n = s->wf_inbox_hdf(r, "Inbox", "living");
    if (n < 0)
        return 500;
    s->set_int(r, "InboxCount", n);
    if (living_month_totals_hdf(r, s, "Totals") == 0)
        s->set(r, "HasTotals", "1");
    if (s->has_perm(r, "living.apply"))
        s->set(r, "Can.apply", "1");
    put_labels(r, s);
    return s->render(r, "home.cs", "基本生活保障");
}

static int form_page(portal_req *r, const struct portal_services *s, const char *error)
{
    long long child = s->param_int(r, "child", 0);
    if (child > 0) {
        int rc = load_child(r, s, child, 1);
        if (rc < 0)
            return 500;
        if (rc == 0)
            return s->not_found(r, "child", s->sprintf(r, "%lld", child));
    }
    const char *q = trim(r, s, s->param(r, "q"));
    const char *scope = s->scope_prefix(r);
    if (*q && scope) {
        /* a name search within the scope; LIKE wildcards in the name escaped */
        size_t n = strlen(q);
        char *pat = s->alloc(r, 2 * n + 3), *o = pat;
        *o++ = '%';
        for (const char *p = q; *p; p++) {
            if (*p == '%' || *p == '_' || *p == '\\')
                *o++ = '\\';
            *o++ = *p;
        }
        *o++ = '%';
        *o = 0;
        if (s->db_query_hdf(r, "Found", "SELECT c.id, c.name, c.birth_date, v.name AS village "
                            "FROM children c LEFT JOIN divisions v ON v.code = c.village_code "
                            "WHERE c.village_code LIKE CONCAT(?, '%') AND c.name LIKE ? "
                            "ORDER BY c.name, c.id LIMIT 20", "ss", scope, pat) < 0)
            return 500;
        s->set(r, "Form.q", q);
    }
    static const char *const keep[] = {"benefit", "subtype", "care_level", "amount",
                                       "household_note", "income_note", NULL};
    for (int i = 0; keep[i]; i++)
        s->set(r, s->sprintf(r, "Form.%s", keep[i]), trim(r, s, s->param(r, keep[i])));
    if (error)
        s->set(r, "Form.Error", error);
    put_labels(r, s);
    s->render(r, "apply_form.cs", "基本生活保障申请");
    return error ? 400 : 200;
}

int apply_form_get(portal_req *r, const struct portal_services *s) { return form_page(r, s, NULL); }

int apply_create_post(portal_req *r, const struct portal_services *s)
{
    long long child = s->param_int(r, "child", 0);
    if (child <= 0)
        return form_page(r, s, "请先选择儿童。");
    int rc = load_child(r, s, child, 0);
    if (rc < 0)
        return 500;
    if (rc == 0)
        return s->not_found(r, "child", s->sprintf(r, "%lld", child));
    const char *benefit = s->param(r, "benefit"), *subtype = s->param(r, "subtype"),
               *care = s->param(r, "care_level"), *amount = trim(r, s, s->param(r, "amount")),
               *household = trim(r, s, s->param(r, "household_note")),
               *income = trim(r, s, s->param(r, "income_note"));
    const struct portal_wf_type *t = type_of(benefit);
    long long fen = 0;
    if (!t)
        return form_page(r, s, "请选择保障类型。");
    const char *sub_title = opt_title(subtypes, benefit, subtype);
    if (!sub_title)
        return form_page(r, s, "请选择与保障类型相符的类别。");
    int tekun = strcmp(benefit, "tekun") == 0;
    if (tekun && !opt_title(care_levels, benefit, care))
        return form_page(r, s, "特困人员救助供养须选择护理等级。");
    if (!tekun)
        care = NULL;
    if (strcmp(benefit, "temporary") == 0) {
        fen = parse_yuan(s, amount);
        if (fen <= 0)
            return form_page(r, s, "临时救助须填写救助金额（元，最多两位小数，大于 0）。");
    }
    const char *summary = s->sprintf(r, "%s（%s）%s%s", t->title, sub_title,
                                     fen > 0 ? "，金额 " : "", fen > 0 ? s->fen_to_yuan(r, fen) : "");
    long long id = s->wf_start(r, benefit, child, summary);
    if (id < 0) {
        const char *why = s->wf_error(r); /* nothing was written */
        s->audit(r, "living.apply.refused", "child", s->sprintf(r, "%lld", child), why);
        return form_page(r, s, why);
    }
    if (s->db_exec(r, "INSERT INTO living_applications (app_id, child_id, benefit, subtype, "
                      "care_level, amount_fen, household_note, income_note, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())", "iissssss", id, child,
                   benefit, subtype, care, fen > 0 ? s->sprintf(r, "%lld", fen) : NULL,
                   household, income) != 1)
        return 500;
    s->audit(r, "living.apply", "wf_application", s->sprintf(r, "%lld", id),
             s->sprintf(r, "child %lld, %s/%s%s", child, benefit, subtype,
                        fen > 0 ? s->sprintf(r, ", %lld fen", fen) : ""));
    s->flash(r, s->sprintf(r, "已提交%s申请（#%lld）。", t->title, id));
    return s->redirect(r, s->sprintf(r, "/living/applications/%lld", id));
}

static int view_page(portal_req *r, const struct portal_services *s, long long id,
                     const char *error)
{
    if (s->wf_app_hdf(r, "App", id) != 0)
        return s->not_found(r, "wf_application", s->sprintf(r, "%lld", id));
    if (s->db_query_hdf(r, "Detail", "SELECT benefit, subtype, care_level, amount_fen, "
                        "household_note, income_note, visit_date, visit_findings "
                        "FROM living_applications WHERE app_id = ?", "i", id) < 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT amount_fen FROM living_applications WHERE app_id = ?",
                                 "i", id);
    if (q && s->db_next(q) && s->db_col(q, 0))
        s->set(r, "Amount", s->fen_to_yuan(r, atoll(s->db_col(q, 0))));
    if (s->db_query_hdf(r, "Grants", "SELECT id, benefit, subtype, start_month, end_month "
                        "FROM living_grants WHERE application_id = ?", "i", id) < 0)
        return 500;
    if (error)
        s->set(r, "Form.Error", error);
    s->set(r, "Today", s->today(r));
    put_labels(r, s);
    s->audit(r, "living.application.read", "wf_application", s->sprintf(r, "%lld", id), NULL);
    s->render(r, "application.cs", "基本生活保障申请");
    return error ? 403 : 200;
}

int application_get(portal_req *r, const struct portal_services *s)
{
    long long id;
    int st = guard(r, s, &id, NULL, NULL, NULL);
    if (st)
        return st;
    return view_page(r, s, id, NULL);
}

int application_act_post(portal_req *r, const struct portal_services *s)
{
    long long id;
    const char *type, *step, *status;
    int st = guard(r, s, &id, &type, &step, &status);
    if (st)
        return st;
    const char *action = s->param(r, "action");
    const char *opinion = trim(r, s, s->param(r, "opinion"));
    const char *visit_date = s->param(r, "visit_date");
    const char *findings = trim(r, s, s->param(r, "visit_findings"));
    if ((strcmp(action, "return") == 0 || strcmp(action, "reject") == 0 ||
         strcmp(action, "object") == 0) && !*opinion)
        return s->fail(r, 400, strcmp(action, "return") == 0
                                   ? "退回补正时，请在意见中一次性列明需要补正的全部材料。"
                               : strcmp(action, "reject") == 0 ? "不予批准时，请在意见中写明理由。"
                                                               : "请在意见中写明异议的内容。");
    int investigate = strcmp(step, "investigate") == 0 && strcmp(status, "open") == 0;
    if (visit_date && *visit_date && strcmp(visit_date, s->today(r)) > 0)
        return s->fail(r, 400, "入户日期不能晚于今天。");
    if (investigate && strcmp(action, "approve") == 0) {
        /* the home-visit record is required to approve the investigation */
        portal_rows *q = s->db_query(r, "SELECT visit_date, visit_findings FROM "
                                        "living_applications WHERE app_id = ?", "i", id);
        if (!q || !s->db_next(q))
            return 500;
        int have = s->db_col(q, 0) && s->db_col(q, 1) && *s->db_col(q, 1);
        if (!have && (!visit_date || !*visit_date || !*findings))
            return s->fail(r, 400, "调查核实须填写入户日期和入户调查情况后才能通过。");
    }
    if (investigate && visit_date && *visit_date && *findings &&
        s->db_exec(r, "UPDATE living_applications SET visit_date = ?, visit_findings = ? "
                      "WHERE app_id = ?", "ssi", visit_date, findings, id) < 0)
        return 500;
    if (s->wf_act(r, id, action, opinion) != 0) {
        const char *why = s->wf_error(r);
        /* the home-visit record must not stay; a denial row the workflow
         * wrote in this transaction goes with it: keep one here */
        s->db_rollback(r);
        s->audit(r, "living.act.refused", "wf_application", s->sprintf(r, "%lld", id),
                 s->sprintf(r, "%s: %s", action, why));
        return view_page(r, s, id, why);
    }
    s->flash(r, "已办理。");
    return s->redirect(r, s->sprintf(r, "/living/applications/%lld", id));
}

int overdue_list_get(portal_req *r, const struct portal_services *s)
{
    const char *scope = s->scope_prefix(r);
    if (!scope)
        return s->refuse(r, 403, "page", "living.overdue", "user without a division",
                        "您的账户没有辖区，无法查看。");
    int n = s->db_query_hdf(
        r, "Overdue",
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
        "AND a.village_code LIKE CONCAT(?, '%') AND c.village_code LIKE CONCAT(?, '%') "
        "ORDER BY days_over DESC, a.id LIMIT 500",
        "ssssss", s->today(r), s->today(r), s->today(r), s->today(r), scope, scope);
    if (n < 0)
        return 500;
    s->set_int(r, "OverdueCount", n);
    s->set(r, "Today", s->today(r));
    return s->render(r, "overdue_list.cs", "逾期未办结的申请");
}
