/*
 * provider.c - 康复机构端 and 月度结算: a provider's staff see only the
 * plans of the children referred to their organisation, record each month's
 * attendance and progress (an assessment score in the plan's first month
 * and every 6 months) and claim the month.  The county's 残联 settles a
 * claim against the plan (at most its amount a month, inside its months)
 * and the yearly cap of the service (a dated setting; pay_cap_left over the
 * ledger): what exceeds either is cut, nothing over the cap is payable; the
 * rest is posted to the ledger with the provider as payee.
 */
#include "rehab.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param month_params[] = {
    {"month", PP_TEXT, 7, 1, "月份"},
    {"days", PP_INT, 2, 1, "出勤天数"},
    {"progress", PP_LINES, 1000, 1, "康复进展"},
    {"score", PP_INT, 3, 0, "评估得分"},
    {"claim", PP_TEXT, 16, 1, "结算金额（元）"},
    {NULL, 0, 0, 0, NULL}};

/* "plan:id": the child's scope; a provider's staff only their own plans */
int plan_load(portal_req *r, const struct portal_services *s, long long id,
              struct portal_object *o)
{
    return rehab_load_own(r, s, "SELECT p.child_id, p.org_id, c.village_code FROM rehab_plans "
                          "p JOIN children c ON c.id = p.child_id WHERE p.id = ?", id, o);
}

/* "plan_month:id": a month of a plan, the same scope */
int plan_month_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT plan_id FROM rehab_months WHERE id = ?", "i", id);
    return q && s->db_next(q) ? plan_load(r, s, atoll(s->db_col(q, 0)), o) : 404;
}

int provider_home_get(portal_req *r, const struct portal_services *s)
{
    if (!rehab_org_user(r, s))
        return s->refuse(r, 403, "page", "rehab.provider", "not an organisation's staff",
                         "此页面供康复机构工作人员使用。");
    const char *a1 = NULL, *a2 = NULL, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond || s->db_query_hdf(r, "Plans", s->sprintf(r,
                        "SELECT p.id, p.service, p.start_month, p.months, p.amount_fen, c.name AS "
                        "child_name, (SELECT MAX(m.month) FROM rehab_months m WHERE m.plan_id = "
                        "p.id) AS last_month FROM rehab_plans p JOIN children c ON c.id = "
                        "p.child_id WHERE p.org_id = ? AND %s ORDER BY c.name, p.id LIMIT 500",
                        cond), "iss", s->user(r)->org_id, a1, a2) < 0)
        return 500;
    return s->render(r, "provider.cs", "本机构康复儿童");
}

int plan_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (!s->has_perm(r, "rehab.provider") && !s->has_perm(r, "rehab.manage"))
        return s->refuse(r, 403, "rehab_plan", rehab_id(r, s, id), "no permission", NULL);
    if (s->db_row_hdf(r, "Plan", "SELECT p.*, c.name AS child_name, c.birth_date, o.name AS "
                      "org_name, DATE_FORMAT(p.start_month + INTERVAL p.months - 1 MONTH, "
                      "'%Y-%m') AS end_month FROM rehab_plans p JOIN children c ON c.id = "
                      "p.child_id JOIN orgs o ON o.id = p.org_id WHERE p.id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Months", "SELECT id, DATE_FORMAT(month, '%Y-%m') AS month, days, "
                        "progress, score, claim_fen, status, paid_fen, decision FROM rehab_months "
                        "WHERE plan_id = ? ORDER BY month", "i", id) < 0)
        return 500;
    s->set(r, "ThisMonth", s->sprintf(r, "%.7s", s->today(r)));
    s->audit(r, "rehab.plan.read", "rehab_plan", rehab_id(r, s, id), NULL);
    return s->render(r, "plan.cs", "康复计划");
}

/* the month's place in the plan (0 the first), -1 outside it or in the future */
static int month_index(portal_req *r, const struct portal_services *s, long long plan,
                       const char *month)
{
    if (s->month_check(month) != 0 || strncmp(month, s->today(r), 7) > 0)
        return -1;
    portal_rows *q = s->db_query(r, "SELECT PERIOD_DIFF(REPLACE(?, '-', ''), "
                                 "DATE_FORMAT(start_month, '%Y%m')), months FROM rehab_plans "
                                 "WHERE id = ?", "si", month, plan);
    if (!q || !s->db_next(q))
        return -1;
    int i = atoi(s->db_col(q, 0));
    return i >= 0 && i < atoi(s->db_col(q, 1)) ? i : -1;
}

int plan_month_post(portal_req *r, const struct portal_services *s)
{
    long long plan = s->object(r)->id, days = s->param_int(r, "days", -1), fen = 0;
    const char *month = s->param(r, "month"), *sc = s->param(r, "score");
    const char *progress = s->trim(r, s->param(r, "progress"));
    long long score = s->param_int(r, "score", -1);
    int i = month_index(r, s, plan, month);
    if (!rehab_org_user(r, s))
        return s->refuse(r, 403, "rehab_plan", rehab_id(r, s, plan), "not the provider", NULL);
    if (i < 0)
        return s->fail(r, 400, "月份须在康复计划期内，且不晚于本月，未做任何修改。");
    if (days < 0 || days > 31 || !*progress)
        return s->fail(r, 400, "请填写出勤天数（0 至 31）和康复进展，未做任何修改。");
    if (i % 6 == 0 && (!sc || !*sc || score < 0 || score > 100))
        return s->fail(r, 400, "计划首月及此后每 6 个月须填写评估得分（0 至 100），未做任何修改。");
    if (s->yuan_to_fen(s->trim(r, s->param(r, "claim")), 0, &fen) != 0)
        return s->fail(r, 400, "结算金额须为元，最多两位小数，未做任何修改。");
    long long n = s->db_exec(r, "INSERT INTO rehab_months (plan_id, month, days, progress, score, "
                             "claim_fen, submitted_by, submitted_at) VALUES (?, CONCAT(?, '-01'), "
                             "?, ?, ?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE days = "
                             "IF(status = 'submitted', VALUES(days), days), progress = IF(status "
                             "= 'submitted', VALUES(progress), progress), score = IF(status = "
                             "'submitted', VALUES(score), score), claim_fen = IF(status = "
                             "'submitted', VALUES(claim_fen), claim_fen)", "isissii", plan, month,
                             days, progress, sc && *sc ? rehab_id(r, s, score) : NULL, fen,
                             s->user(r)->id);
    if (n < 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT status FROM rehab_months WHERE plan_id = ? AND month "
                                 "= CONCAT(?, '-01')", "is", plan, month);
    if (!q || !s->db_next(q) || strcmp(s->db_col(q, 0), "submitted") != 0)
        return s->fail(r, 409, "该月已结算，不能再修改。");
    s->audit(r, "rehab.month.submit", "rehab_plan", rehab_id(r, s, plan),
             s->sprintf(r, "month=%s days=%lld score=%lld claim_fen=%lld", month, days, score,
                        fen));
    s->flash(r, "已提交，等待县残联结算。");
    return s->redirect(r, s->sprintf(r, "/rehab/plans/%lld", plan));
}

int claim_list_get(portal_req *r, const struct portal_services *s)
{
    const char *a1 = NULL, *a2 = NULL, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond || s->db_query_hdf(r, "Claims", s->sprintf(r,
                        "SELECT m.id, DATE_FORMAT(m.month, '%%Y-%%m') AS month, m.days, "
                        "m.claim_fen, m.status, m.paid_fen, m.decision, p.id AS plan_id, "
                        "p.service, p.amount_fen, c.name AS child_name, o.name AS org_name FROM "
                        "rehab_months m JOIN rehab_plans p ON p.id = m.plan_id JOIN children c ON "
                        "c.id = p.child_id JOIN orgs o ON o.id = p.org_id WHERE %s ORDER BY "
                        "m.status = 'submitted' DESC, m.month DESC, m.id LIMIT 500", cond), "ss",
                        a1, a2) < 0)
        return 500;
    return s->render(r, "claims.cs", "康复救助月度结算");
}

/* what is payable for the month: at most the plan's amount and the year's
 * cap left; *why says what was cut (Chinese), "" when nothing */
static long long payable(portal_req *r, const struct portal_services *s, portal_rows *m,
                         long long child, const char **why)
{
    long long claim = atoll(s->col(m, "claim_fen")), plan = atoll(s->col(m, "amount_fen"));
    const char *svc = s->col(m, "service"), *month = s->col(m, "month"), *cut = "";
    long long cap = s->setting_int(r, s->sprintf(r, "cap_%s", svc), month), left = 0;
    if (cap == PORTAL_NO_SETTING ||
        s->pay_cap_left(r, child, s->sprintf(r, "aid_%s", svc), atoi(month), cap, &left) != 0)
        return -1;
    long long pay = claim;
    if (pay > plan)
        pay = plan, cut = s->sprintf(r, "超出计划金额 %s 元的部分不予结算；", s->fen_to_yuan(r, plan));
    if (pay > left)
        pay = left > 0 ? left : 0,
        cut = s->sprintf(r, "%s本年度限额 %s 元，剩余 %s 元；", cut, s->fen_to_yuan(r, cap),
                         s->fen_to_yuan(r, left > 0 ? left : 0));
    *why = cut;
    return pay;
}

/* the month's ledger line: its id, or 0 (pay_error) */
static long long post_line(portal_req *r, const struct portal_services *s, portal_rows *m,
                           long long child, long long pay)
{
    const char *svc = s->col(m, "service");
    long long payee = rehab_payee(r, s, atoll(s->col(m, "org_id")));
    if (!payee)
        return 0;
    long long batch = rehab_batch(r, s, s->sprintf(r, "aid_%s", svc), "康复救助机构结算");
    struct portal_pay_line l = {.batch_id = batch, .child_id = child, .payee_id = payee,
                                .period = s->sprintf(r, "%.7s", s->col(m, "month")),
                                .amount_fen = pay, .source_id = atoll(s->col(m, "id")),
                                .reason = s->sprintf(r, "%s %.7s", s->label(r, "rehab.service",
                                                     svc), s->col(m, "month"))};
    return batch ? s->pay_line(r, &l) : 0;
}

int claim_settle_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *m = s->db_query(r, "SELECT m.id, m.month, m.claim_fen, m.status, p.service, "
                                 "p.amount_fen, p.org_id, p.id AS plan_id FROM rehab_months m "
                                 "JOIN rehab_plans p ON p.id = m.plan_id WHERE m.id = ? FOR "
                                 "UPDATE", "i", o->id);
    if (!m || !s->db_next(m))
        return 500;
    if (strcmp(s->col(m, "status"), "submitted") != 0)
        return s->fail(r, 409, "该月已结算。");
    if (!rehab_payee(r, s, atoll(s->col(m, "org_id"))))
        return s->fail(r, 409, "该机构尚未登记收款账户，请先在“康复机构”页登记。");
    const char *why = "";
    long long pay = payable(r, s, m, o->child_id, &why), line = 0;
    if (pay < 0)
        return 500;
    if (pay > 0 && !(line = post_line(r, s, m, o->child_id, pay)))
        return s->fail(r, 409, s->pay_error(r));
    const char *decision = pay > 0 ? s->sprintf(r, "%s结算 %s 元", why, s->fen_to_yuan(r, pay))
                                   : s->sprintf(r, "%s不予结算", why);
    if (s->db_exec(r, "UPDATE rehab_months SET status = ?, paid_fen = ?, pay_line_id = ?, "
                   "decision = ?, decided_by = ?, decided_at = UTC_TIMESTAMP() WHERE id = ?",
                   "sissii", pay > 0 ? "paid" : "refused", pay, line ? rehab_id(r, s, line) : NULL,
                   decision, s->user(r)->id, o->id) != 1)
        return 500;
    s->audit(r, "rehab.month.settle", "rehab_month", rehab_id(r, s, o->id),
             s->sprintf(r, "paid_fen=%lld line=%lld", pay, line));
    s->flash(r, decision);
    return s->redirect(r, "/rehab/claims");
}
