/*
 * grants.c - 基本生活保障: a child's grants - suspension, resumption and
 * stop (lines of unlocked batches cancelled by correction lines, never
 * edited),
 * the guardian's bank account (a payee of the ledger), re-checks, the
 * child's benefits page and the 生活保障 section of the child's file.
 *
 * Jurisdiction: a grant or a child of the path is the route's object (the
 * host answers the audited 404 outside the scope); a grant named in a form
 * answers s->not_found.
 */
#include "living.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct portal_param suspend_params[] = {
    {"month", PP_CODE, 7, 1, "月份"},
    {"reason", PP_TEXT, 200, 0, "原因"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param account_params[] = {
    {"payee", PP_TEXT, 64, 1, "收款人"},
    {"bank", PP_TEXT, 64, 1, "开户行"},
    {"account", PP_CODE, 40, 1, "账号"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ grants */

int grant_load(portal_req *r, const struct portal_services *s, long long id,
               struct portal_object *o)
{
    /* the child's current village: the scope follows the child (a transfer) */
    portal_rows *q = s->db_query(r, "SELECT g.child_id, c.village_code FROM living_grants g JOIN "
                                    "children c ON c.id = g.child_id WHERE g.id = ?",
                                 "i", id);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return 404;
    o->child_id = strtoll(s->col(q, "child_id"), NULL, 10);
    o->division = s->col(q, "village_code");
    return 0;
}

/* a grant named in a form field: 0 with its child, or the status answered
 * (404, audited when it exists outside the user's scope) */
int living_grant_of_form(portal_req *r, const struct portal_services *s, long long id,
                         long long *child_id)
{
    struct portal_object o = {"grant", id, 0, NULL, NULL};
    int rc = id > 0 ? grant_load(r, s, id, &o) : 404;
    if (rc)
        return rc == 404 ? s->fail(r, 404, NULL) : rc;
    if (!s->in_scope(r, o.division))
        return s->not_found(r, "living_grant", s->sprintf(r, "%lld", id));
    *child_id = o.child_id;
    return 0;
}

/* ------------------------------------------------------------ suspension */

/* the grant's lines for `from` and later in batches not yet locked, each
 * cancelled by a correction of its net in its own batch; the count, -1 */
static long long cancel_unlocked_lines(portal_req *r, const struct portal_services *s,
                                       long long gid, const char *from)
{
    portal_rows *q = s->db_query(
        r,
        "SELECT l.id, l.batch_id, l.child_id, l.programme, DATE_FORMAT(l.period, '%Y-%m') AS "
        "period, l.amount_fen + COALESCE((SELECT SUM(x.amount_fen) FROM pay_lines x WHERE "
        "x.corrects_id = l.id), 0) AS net FROM pay_lines l JOIN pay_batches b ON b.id = "
        "l.batch_id WHERE l.source_module = 'living' AND l.source_id = ? AND l.corrects_id IS "
        "NULL AND l.period >= ? AND b.status IN ('draft', 'reviewed') ORDER BY l.id",
        "is", gid, from);
    if (!q)
        return -1;
    long long n = 0;
    while (s->db_next(q)) {
        long long net = atoll(s->col(q, "net"));
        if (net <= 0)
            continue;
        struct portal_pay_line l = {atoll(s->col(q, "batch_id")), atoll(s->col(q, "child_id")),
                                    0, s->col(q, "programme"), s->col(q, "period"), -net,
                                    s->sprintf(r, "暂停发放（自 %.7s 起），冲销未锁定的发放", from),
                                    gid, atoll(s->col(q, "id"))};
        if (s->pay_line(r, &l) <= 0)
            return -1;
        n++;
    }
    return n;
}

/* a suspension's or a stop's form (what: 暂停 or 终止): 0 with the first
 * month not paid and the reason, or the status answered */
static int end_form(portal_req *r, const struct portal_services *s, const char *what,
                    const char **from, const char **reason)
{
    const char *st = NULL;
    *from = living_month_first(r, s, s->param(r, "month"));
    *reason = s->param(r, "reason");
    if (!*from)
        return s->fail(r, 400, s->sprintf(r, "%s月份格式不正确，应为 YYYY-MM。", what));
    if (!*reason || !**reason)
        return s->fail(r, 400, s->sprintf(r, "请填写%s原因。", what));
    if (living_month_batch(r, s, *from, &st) > 0 && !living_batch_open(st))
        return s->fail(r, 409, s->sprintf(r, "该月发放批次已锁定，%s只能从未锁定的月份开始。", what));
    return 0;
}

/* after a suspension or a stop is recorded: the lines cancelled, the
 * child's file, the audit row (action living.<kind>), the answer */
static int end_done(portal_req *r, const struct portal_services *s, const char *kind,
                    const char *what, const char *from, const char *reason)
{
    const struct portal_object *o = s->object(r);
    long long cancelled = cancel_unlocked_lines(r, s, o->id, from);
    if (cancelled < 0)
        return s->pay_error(r) ? s->fail(r, 409, s->pay_error(r)) : 500;
    if (s->child_event(r, o->child_id, s->sprintf(r, "living.%s", kind),
                       s->sprintf(r, "基本生活保障自 %.7s 起%s发放，原因：%s", from, what,
                                  reason)) != 0)
        return 500;
    s->audit(r, s->sprintf(r, "living.%s", kind), "living_grant", s->sprintf(r, "%lld", o->id),
             s->sprintf(r, "from=%.7s cancelled_lines=%lld reason=%s", from, cancelled, reason));
    s->flash(r, s->sprintf(r, "已自 %.7s 起%s发放。", from, what));
    return s->redirect(r, s->sprintf(r, "/living/children/%lld", o->child_id));
}

int grant_suspend_post(portal_req *r, const struct portal_services *s)
{
    long long gid = s->object(r)->id;
    const char *from, *reason;
    int rc = end_form(r, s, "暂停", &from, &reason);
    if (rc)
        return rc;
    /* the grant's row locked first (this write opens the request's
     * transaction): two suspensions at once cannot both be recorded */
    if (s->db_exec(r, "UPDATE living_grants SET id = id WHERE id = ?", "i", gid) < 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT id FROM living_suspensions WHERE grant_id = ? AND "
                                    "to_month IS NULL FOR UPDATE", "i", gid);
    if (!q)
        return 500;
    if (s->db_next(q))
        return s->fail(r, 409, "该保障已处于暂停状态，请先恢复。");
    if (s->db_exec(r, "INSERT INTO living_suspensions (grant_id, from_month, to_month, reason, "
                      "created_by, created_at) VALUES (?, ?, NULL, ?, ?, UTC_TIMESTAMP())",
                   "issi", gid, from, reason, s->user(r)->id) != 1)
        return 500;
    return end_done(r, s, "suspend", "暂停", from, reason);
}

int grant_resume_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    long long gid = o->id, cid = o->child_id;
    const char *from = living_month_first(r, s, s->param(r, "month"));
    if (!from)
        return s->fail(r, 400, "恢复月份格式不正确，应为 YYYY-MM。");
    portal_rows *q = s->db_query(r, "SELECT id, from_month FROM living_suspensions WHERE "
                                    "grant_id = ? AND to_month IS NULL",
                                 "i", gid);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->fail(r, 409, "该保障没有处于暂停状态。");
    long long sid = strtoll(s->col(q, "id"), NULL, 10);
    if (strcmp(from, s->col(q, "from_month")) < 0)
        return s->fail(r, 400, "恢复月份不能早于暂停月份。");
    const char *reason = s->param(r, "reason");
    /* still open: a resumption at the same moment closes it only once */
    long long n = s->db_exec(r, "UPDATE living_suspensions SET to_month = DATE_SUB(CAST(? AS "
                                "DATE), INTERVAL 1 MONTH) WHERE id = ? AND to_month IS NULL",
                             "si", from, sid);
    if (n < 0)
        return 500;
    if (n == 0)
        return s->fail(r, 409, "该保障没有处于暂停状态。");
    if (s->child_event(r, cid, "living.resume",
                       s->sprintf(r, "基本生活保障自 %.7s 起恢复发放%s%s", from,
                                  reason && *reason ? "，说明：" : "", reason ? reason : "")) != 0)
        return 500;
    s->audit(r, "living.resume", "living_grant", s->sprintf(r, "%lld", gid),
             s->sprintf(r, "from=%.7s suspension=%lld", from, sid));
    s->flash(r, s->sprintf(r, "已自 %.7s 起恢复发放；已生成的月份如需补发，请添加补发记录。", from));
    return s->redirect(r, s->sprintf(r, "/living/children/%lld", cid));
}

/* POST /living/grants/{id}/stop: payment stops from a month (the grant's
 * last month paid is the one before; "stopping takes effect the next
 * month"), with the reason; lines already posted for that month and later
 * in batches not yet locked are cancelled by correction lines. */
int grant_stop_post(portal_req *r, const struct portal_services *s)
{
    const char *from, *reason;
    int rc = end_form(r, s, "终止", &from, &reason);
    if (rc)
        return rc;
    long long n = s->db_exec(r, "UPDATE living_grants SET end_month = DATE_SUB(CAST(? AS DATE), "
                                "INTERVAL 1 MONTH), end_reason = ? WHERE id = ? AND (end_month IS "
                                "NULL OR end_month >= ?)", "ssis", from, reason,
                             s->object(r)->id, from);
    if (n < 0)
        return 500;
    if (n == 0)
        return s->fail(r, 409, "该保障在这一月份之前已终止。");
    return end_done(r, s, "stop", "终止", from, reason);
}

/* ------------------------------------------------------------ accounts */

/* the guardian's account: a payee of the ledger (stored encrypted by the
 * host, shown masked, decrypted only in the bank file) */
int child_account_post(portal_req *r, const struct portal_services *s)
{
    long long cid = s->object(r)->id; /* the child, in scope */
    const char *payee = s->param(r, "payee"), *bank = s->param(r, "bank");
    const char *acct = s->param(r, "account");
    size_t n = acct ? strlen(acct) : 0;
    int digits = n >= 10 && n <= 30;
    for (size_t i = 0; i < n && digits; i++)
        digits = acct[i] >= '0' && acct[i] <= '9';
    if (!digits)
        s->form_error(r, "account", "账号应为 10 至 30 位数字（不含空格）。");
    if (!payee || !*payee)
        s->form_error(r, "payee", "请填写收款人。");
    if (!bank || !*bank)
        s->form_error(r, "bank", "请填写开户行。");
    if (s->form_failed(r))
        return 400; /* the host shows the form again, the fields marked */
    long long pid = s->pay_payee_account(r, cid, payee, bank, acct);
    if (pid <= 0)
        return s->pay_error(r) ? s->fail(r, 400, s->pay_error(r)) : 500;
    portal_rows *q = s->db_query(r, "SELECT account_masked FROM pay_payees WHERE id = ?", "i", pid);
    if (!q || !s->db_next(q))
        return 500;
    const char *masked = s->db_col(q, 0);
    if (s->child_event(r, cid, "living.account",
                       s->sprintf(r, "登记发放账户：收款人 %s，开户行 %s，账号 %s", payee, bank,
                                  masked)) != 0)
        return 500;
    s->audit(r, "living.account", "child", s->sprintf(r, "%lld", cid),
             s->sprintf(r, "account=%s payee=%lld", masked, pid));
    s->flash(r, s->sprintf(r, "已保存发放账户（账号 %s）。", masked));
    return s->redirect(r, s->sprintf(r, "/living/children/%lld", cid));
}

/* ------------------------------------------------------------ re-checks */

int recheck_list_get(portal_req *r, const struct portal_services *s)
{
    const char *scope, *w = s->scope_where(r, "c.village_code", &scope);
    if (!scope)
        return s->refuse(r, 403, "page", "living.rechecks", "user without a division",
                         "您的账户没有辖区。");
    const char *today = s->today(r);
    int n = s->db_query_hdf(
        r, "Rechecks", s->sprintf(r,
        "SELECT g.id, g.child_id, c.name AS child, c.township_code, c.village_code, g.subtype, "
        "g.next_recheck, g.recheck_every_months AS every, g.next_recheck < ? AS overdue "
        "FROM living_grants g JOIN children c ON c.id = g.child_id "
        "WHERE g.benefit = 'dibao' AND g.next_recheck IS NOT NULL AND g.next_recheck <= "
        "DATE_ADD(CAST(? AS DATE), INTERVAL 30 DAY) AND (g.end_month IS NULL OR g.end_month >= ?) "
        "AND %s ORDER BY g.next_recheck, g.id LIMIT 500", w),
        "ssss", today, today, living_this_month(r, s), scope);
    if (n < 0)
        return 500;
    s->set_int(r, "RecheckCount", n);
    s->set(r, "Today", today);
    s->set(r, "CanRecheck", s->has_perm(r, "living.township") ? "1" : "0");
    return s->render(r, "recheck_list.cs", "低保复核提醒");
}

/* POST /living/rechecks/{id}: the township records a re-check done; the
 * next one falls due after the grant's period (yearly by default). */
const struct portal_param recheck_params[] = {
    {"result", PP_TEXT, 200, 1, "复核结论"},
    {NULL, 0, 0, 0, NULL}};

int recheck_done_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    long long gid = o->id, cid = o->child_id;
    const char *result = s->param(r, "result");
    if (!result || !*result)
        return s->fail(r, 400, "请填写复核结论。");
    const char *today = s->today(r);
    long long n = s->db_exec(r, "UPDATE living_grants SET next_recheck = DATE_ADD(CAST(? AS DATE), "
                                "INTERVAL COALESCE(recheck_every_months, 12) MONTH) WHERE id = ? "
                                "AND benefit = 'dibao' AND next_recheck IS NOT NULL",
                             "si", today, gid);
    if (n < 0)
        return 500;
    if (n == 0)
        return s->fail(r, 409, "该保障无需复核。");
    if (s->child_event(r, cid, "living.recheck", s->sprintf(r, "低保复核：%s", result)) != 0)
        return 500;
    s->audit(r, "living.recheck", "living_grant", s->sprintf(r, "%lld", gid), result);
    s->flash(r, "复核已记录，下次复核日期已顺延。");
    return s->redirect(r, "/living/rechecks");
}

