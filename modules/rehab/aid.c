/*
 * aid.c - 康复救助: the approved providers (organisations of kind rehab or
 * hospital with the services they are approved for, their price and the
 * approval period, and their bank account as a payee of the ledger), and
 * the guardian's application on the workflow: the township checks, the
 * county's 残联 decides.  Approval makes a plan (service, months, amount a
 * month or one-off) and links the child to the provider for the plan's
 * months, so the provider's staff see exactly their children.
 */
#include "rehab.h"

#include <stdlib.h>
#include <string.h>

static int on_done(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome);

/* code, title, level, permission, limit_days, working_days, counts,
 * publicity_days, objection_to, objection_days */
static const struct portal_wf_step aid_steps[] = {
    {"check", "乡镇审核", "township", "rehab.township", 10, 1, 1, 0, NULL, 0},
    {"decide", "县残联审批", "county", "rehab.manage", 10, 1, 1, 0, NULL, 0},
    {NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0}};

const struct portal_wf_type rehab_workflows[] = {
    {"aid", "残疾儿童康复救助", aid_steps, 0, 0, on_done},
    {NULL, NULL, NULL, 0, 0, NULL}};

const struct portal_param provider_params[] = {
    {"org", PP_INT, 20, 1, "机构"},
    {"service", PP_CODE, 16, 0, "服务"},
    {"price", PP_TEXT, 16, 1, "价格（元）"},
    {"from", PP_DATE, 10, 1, "定点起始日期"},
    {"to", PP_DATE, 10, 1, "定点截止日期"},
    {"bank", PP_TEXT, 64, 0, "开户行"},
    {"account", PP_CODE, 32, 0, "账号"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param apply_params[] = {
    {"child", PP_INT, 20, 1, "儿童"},
    {"service", PP_CODE, 16, 0, "救助项目"},
    {"provider", PP_INT, 20, 0, "定点机构"},
    {"months", PP_INT, 2, 0, "月数"},
    {"amount", PP_TEXT, 16, 0, "金额（元）"},
    {"note", PP_LINES, 500, 0, "情况说明"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param act_params[] = {
    {"action", PP_CODE, 16, 1, "操作"},
    {"opinion", PP_LINES, 2000, 0, "意见"},
    {NULL, 0, 0, 0, NULL}};

int provider_list_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Providers", "SELECT o.id, o.name, o.kind, p.services, p.price_fen, "
                        "p.approved_from, p.approved_to, y.bank_name, y.account_masked FROM orgs "
                        "o LEFT JOIN rehab_providers p ON p.org_id = o.id LEFT JOIN pay_payees y "
                        "ON y.kind = 'org' AND y.org_id = o.id WHERE o.kind IN ('rehab', "
                        "'hospital') AND o.active = 1 ORDER BY o.kind DESC, o.name", "") < 0)
        return 500;
    s->labels_hdf(r, "Services", "rehab.service");
    s->set(r, "Today", s->today(r));
    return s->render(r, "providers.cs", "康复机构与定点医院");
}

/* the checked services as "a,b" (declaration order), "" when none */
static const char *services_of(portal_req *r, const struct portal_services *s)
{
    const char *out = "", *v;
    for (int i = 0; (v = s->param_n(r, "service", i)); i++) {
        if (!rehab_is_label("rehab.service", v))
            return NULL;
        if (!strstr(out, v))
            out = *out ? s->sprintf(r, "%s,%s", out, v) : v;
    }
    return out;
}

int provider_save_post(portal_req *r, const struct portal_services *s)
{
    long long org = s->param_int(r, "org", 0), fen = 0;
    const char *svc = services_of(r, s), *from = s->param(r, "from"), *to = s->param(r, "to");
    const char *bank = s->trim(r, s->param(r, "bank")), *acct = s->param(r, "account");
    if (!rehab_org_of_kind(r, s, org, "rehab") && !rehab_org_of_kind(r, s, org, "hospital"))
        return s->fail(r, 400, "请选择康复服务机构或医院。");
    if (!svc || !*svc)
        return s->fail(r, 400, "请至少选择一项定点服务，未做任何修改。");
    if (s->yuan_to_fen(s->trim(r, s->param(r, "price")), 0, &fen) != 0)
        return s->fail(r, 400, "价格须为元，最多两位小数，例如 2000.00，未做任何修改。");
    if (strcmp(from, to) > 0)
        return s->fail(r, 400, "定点截止日期不能早于起始日期，未做任何修改。");
    if (s->db_exec(r, "INSERT INTO rehab_providers (org_id, services, price_fen, approved_from, "
                   "approved_to, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                   "UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE services = VALUES(services), "
                   "price_fen = VALUES(price_fen), approved_from = VALUES(approved_from), "
                   "approved_to = VALUES(approved_to), updated_by = VALUES(updated_by), "
                   "updated_at = VALUES(updated_at)", "isissi", org, svc, fen, from, to,
                   s->user(r)->id) < 0)
        return 500;
    if (acct && *acct && !s->pay_payee_org(r, org, bank, acct))
        return s->fail(r, 400, s->sprintf(r, "%s未做任何修改。", s->pay_error(r)));
    s->audit(r, "rehab.provider.save", "org", rehab_id(r, s, org),
             s->sprintf(r, "services=%s price_fen=%lld from=%s to=%s", svc, fen, from, to));
    s->flash(r, "已保存。");
    return s->redirect(r, "/rehab/providers");
}

/* the application form: the child (checked in scope), the providers
 * approved today and the services */
static int apply_page(portal_req *r, const struct portal_services *s,
                      const struct portal_child *c, int status)
{
    s->child_hdf(r, "Child", c);
    if (s->db_query_hdf(r, "Providers", "SELECT o.id, o.name, p.services, p.price_fen FROM "
                        "rehab_providers p JOIN orgs o ON o.id = p.org_id WHERE o.active = 1 AND "
                        "? BETWEEN p.approved_from AND p.approved_to ORDER BY o.name", "s",
                        s->today(r)) < 0)
        return 500;
    s->labels_hdf(r, "Services", "rehab.service");
    s->render(r, "apply.cs", "康复救助申请");
    return status;
}

int apply_form_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = s->child(r, s->param_int(r, "child", 0));
    return c ? apply_page(r, s, c, 200) : 404;
}

/* the form's checks (Errors.*); the amount in *fen */
static void apply_check(portal_req *r, const struct portal_services *s, long long *fen)
{
    const char *svc = s->param(r, "service");
    long long org = s->param_int(r, "provider", 0), months = s->param_int(r, "months", 0);
    portal_rows *q = s->db_query(r, "SELECT 1 FROM rehab_providers WHERE org_id = ? AND "
                                 "FIND_IN_SET(?, services) AND ? BETWEEN approved_from AND "
                                 "approved_to", "iss", org, svc ? svc : "", s->today(r));
    if (!rehab_is_label("rehab.service", svc))
        s->form_error(r, "service", "请选择救助项目。");
    else if (!q || !s->db_next(q))
        s->form_error(r, "provider", "请选择该项目的定点机构（在定点期内）。");
    if (months < 1 || months > 12 || (svc && strcmp(svc, "training") != 0 && months != 1))
        s->form_error(r, "months", "康复训练为 1 至 12 个月；手术和辅助器具为一次性，填 1。");
    if (s->yuan_to_fen(s->trim(r, s->param(r, "amount")), 0, fen) != 0 || *fen <= 0)
        s->form_error(r, "amount", "金额须为元，最多两位小数，例如 2000.00。");
}

int apply_create_post(portal_req *r, const struct portal_services *s)
{
    long long child = s->param_int(r, "child", 0), fen = 0;
    const struct portal_child *c = s->child(r, child);
    if (!c)
        return 404;
    apply_check(r, s, &fen);
    if (s->form_failed(r))
        return apply_page(r, s, c, 400);
    const char *svc = s->param(r, "service");
    long long org = s->param_int(r, "provider", 0), months = s->param_int(r, "months", 1);
    long long id = s->wf_start(r, "aid", child, s->sprintf(r, "%s，%lld 个月，%s 元%s",
                               s->label(r, "rehab.service", svc), months,
                               s->fen_to_yuan(r, fen), months > 1 ? "/月" : ""));
    if (id < 0) {
        s->form_error(r, "service", s->wf_error(r));
        return apply_page(r, s, c, 400);
    }
    if (s->db_exec(r, "INSERT INTO rehab_aid_apps (app_id, child_id, service, org_id, months, "
                   "amount_fen, note) VALUES (?, ?, ?, ?, ?, ?, ?)", "iisiiis", id, child, svc,
                   org, months, fen, s->trim(r, s->param(r, "note"))) != 1)
        return 500;
    s->audit(r, "rehab.apply", "wf_application", rehab_id(r, s, id),
             s->sprintf(r, "child=%lld service=%s org=%lld months=%lld amount_fen=%lld", child,
                        svc, org, months, fen));
    s->flash(r, "申请已提交，等待乡镇审核。");
    return s->redirect(r, s->sprintf(r, "/rehab/applications/%lld", id));
}

static int application_page(portal_req *r, const struct portal_services *s, int status)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Detail", "SELECT a.service, a.months, a.amount_fen, a.note, o.name "
                      "AS org_name, p.id AS plan_id FROM rehab_aid_apps a JOIN orgs o ON o.id = "
                      "a.org_id LEFT JOIN rehab_plans p ON p.app_id = a.app_id WHERE a.app_id = "
                      "?", "i", id) < 0)
        return 500;
    s->audit(r, "rehab.application.read", "wf_application", rehab_id(r, s, id), NULL);
    s->render(r, "application.cs", "康复救助申请");
    return status;
}

int application_get(portal_req *r, const struct portal_services *s)
{
    return application_page(r, s, 200);
}

int application_act_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    const char *action = s->param(r, "action"), *opinion = s->trim(r, s->param(r, "opinion"));
    if ((strcmp(action, "reject") == 0 || strcmp(action, "return") == 0) && !*opinion)
        return s->fail(r, 400, "退回或不予批准时，请在意见中写明理由或需补正的材料。");
    if (s->wf_act(r, id, action, opinion) != 0) {
        s->form_error(r, "action", s->wf_error(r));
        return application_page(r, s, 403);
    }
    s->flash(r, "已办理。");
    return s->redirect(r, s->sprintf(r, "/rehab/applications/%lld", id));
}

/* POST /rehab/applications/batch: the applications ticked in the inbox,
 * approved by the host's batch approval (nothing of rehab's own to check) */
int application_batch_post(portal_req *r, const struct portal_services *s)
{
    int status = s->wf_batch(r, NULL, NULL);
    return status == 400 ? home_page(r, s, 400) : status;
}

/* Approved: the plan from this month, the child linked to the provider
 * until the plan's last month ends. */
static int on_done(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome)
{
    if (strcmp(outcome, "approved") != 0)
        return 0;
    portal_rows *q = s->db_query(r, "SELECT service, org_id, months, amount_fen, "
                                 "DATE_FORMAT(?, '%Y-%m-01'), LAST_DAY(DATE_FORMAT(?, "
                                 "'%Y-%m-01') + INTERVAL months - 1 MONTH) FROM rehab_aid_apps "
                                 "WHERE app_id = ?", "ssi", s->today(r), s->today(r), app_id);
    if (!q || !s->db_next(q))
        return -1;
    const char *svc = s->db_col(q, 0), *start = s->db_col(q, 4), *end = s->db_col(q, 5);
    long long org = atoll(s->db_col(q, 1));
    long long link = s->child_link(r, child_id, org, "referred", start, end,
                                   s->sprintf(r, "康复救助：%s", s->label(r, "rehab.service", svc)));
    if (link < 0) {
        s->log("RH0101", "plan of application %lld not linked: %s", app_id, s->link_error(r));
        return -1;
    }
    if (s->db_exec(r, "INSERT INTO rehab_plans (app_id, child_id, org_id, service, start_month, "
                   "months, amount_fen, link_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                   "UTC_TIMESTAMP())", "iiisssss", app_id, child_id, org, svc, start,
                   s->db_col(q, 2), s->db_col(q, 3), rehab_id(r, s, link)) != 1)
        return -1;
    s->audit(r, "rehab.plan.create", "rehab_plan", rehab_id(r, s, s->db_insert_id(r)),
             s->sprintf(r, "application=%lld org=%lld service=%s", app_id, org, svc));
    return s->child_event(r, child_id, "rehab.plan",
                          s->sprintf(r, "康复救助获批：%s，自 %.7s 起", s->label(r,
                                     "rehab.service", svc), start));
}
