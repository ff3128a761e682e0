/*
 * pay.c - 基本生活保障: dated rates, monthly payment lists (generate, review,
 * lock, back pay and corrections), the bank file, the printable summary,
 * suspension and resumption of grants, bank accounts and re-checks.
 *
 * Money is integer fen everywhere: amounts typed in yuan are parsed as text
 * into fen by the host (never through a float), sums are SUM() in SQL, and
 * fen reach the pages as they are, formatted by money().  Months are DATE
 * values on the 1st.
 *
 * Jurisdiction: every query carries the user's scope prefix.  A grant or a
 * child of the path is the route's object (the host answers the audited 404
 * outside the scope); a grant named in a form answers s->not_found.  A
 * month's list is shared county-wide (living_months), its lines are
 * filtered by scope.
 */
#include "living.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINES_PAGE 100
#define NOACCOUNT_MAX 200
#define RECHECK_MAX 500

/* ------------------------------------------------------------ parameters */

const struct portal_param rate_params[] = {
    {"kind", PP_TEXT, 70, 0, "保障项目"},   /* "benefit:subtype", from the form's one list */
    {"benefit", PP_CODE, 32, 0, "保障项目"},
    {"subtype", PP_CODE, 32, 0, "类型"},
    {"effective_from", PP_DATE, 10, 1, "执行日期"},
    {"amount", PP_TEXT, 20, 1, "金额（元）"},
    {"basis", PP_TEXT, 200, 1, "依据文件"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param month_params[] = {
    {"month", PP_CODE, 7, 0, "月份"},
    {"after", PP_CODE, 20, 0, "分页位置"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param adjust_params[] = {
    {"kind", PP_CODE, 16, 1, "调整类型"},
    {"grant_id", PP_INT, 20, 1, "保障记录编号"},
    {"for_month", PP_CODE, 7, 0, "所属月份"},
    {"amount", PP_TEXT, 20, 0, "金额（元）"},
    {"note", PP_TEXT, 200, 0, "说明"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param suspend_params[] = {
    {"month", PP_CODE, 7, 1, "月份"},
    {"reason", PP_TEXT, 200, 0, "原因"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param account_params[] = {
    {"payee", PP_TEXT, 64, 1, "收款人"},
    {"bank", PP_TEXT, 64, 1, "开户行"},
    {"account", PP_CODE, 40, 1, "账号"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ months */

/* a form's "YYYY-MM" as "YYYY-MM-01", or NULL when it is not a real month */
static const char *month_first(portal_req *r, const struct portal_services *s, const char *ym)
{
    return ym && s->month_check(ym) == 0 ? s->sprintf(r, "%s-01", ym) : NULL;
}

/* the first of the current month */
static const char *this_month(portal_req *r, const struct portal_services *s)
{
    return s->sprintf(r, "%.7s-01", s->today(r));
}

/* the route's {month:ym} as "YYYY-MM-01" */
static const char *path_month(portal_req *r, const struct portal_services *s)
{
    return s->sprintf(r, "%s-01", s->path_arg(r, "month"));
}

static const char *MSG_LOCKED = "该月发放名单已锁定，不能再生成、调整或复核；如需补发或更正，请在未锁定的月份中添加补发或更正记录。";

/* the month's status, or NULL when it was never generated */
static const char *month_status(portal_req *r, const struct portal_services *s, const char *month,
                                int for_update)
{
    portal_rows *q = s->db_query(r, for_update
                                        ? "SELECT status FROM living_months WHERE month = ? FOR UPDATE"
                                        : "SELECT status FROM living_months WHERE month = ?",
                                 "s", month);
    if (!q || !s->db_next(q))
        return NULL;
    return s->db_col(q, 0);
}

/* the scope of payment lines: a township code starts with the county's and
 * the township's prefix; a village user is confined through the child */
static const char *pay_scope(portal_req *r, const struct portal_services *s, const char *alias)
{
    const char *sc = s->scope_prefix(r);
    if (sc && strlen(sc) > 9)
        return s->sprintf(r, "%s.child_id IN (SELECT sc.id FROM children sc WHERE sc.village_code = ?)",
                          alias);
    return s->sprintf(r, "%s.township_code LIKE CONCAT(?, '%%')", alias);
}

/* ------------------------------------------------------------ generation */

/* the rate of each benefit/subtype in force on a month's first day */
#define RATES_IN_FORCE                                                                       \
    "(SELECT r.benefit, r.subtype, r.amount_fen FROM living_rates r JOIN (SELECT benefit, " \
    "subtype, MAX(effective_from) ef FROM living_rates WHERE effective_from <= ? GROUP BY "  \
    "benefit, subtype) m ON m.benefit = r.benefit AND m.subtype = r.subtype AND m.ef = "    \
    "r.effective_from)"

/* Insert the lines owed for `for_month` into the list of `month`, as `kind`
 * (regular or backpay), for every grant in scope (grant_id 0) or one grant.
 * One set-based statement; the unique key makes it idempotent.  A grant pays
 * for a month when the month is within [start_month, end_month], no
 * suspension covers it, the child holds the matching category on some day of
 * it (the month a category ends is still paid) and the child turns 18 in it
 * or later (the month after the 18th birthday stops).  Returns rows added. */
static long long insert_lines(portal_req *r, const struct portal_services *s, const char *month,
                              const char *for_month, const char *kind, long long grant_id,
                              const char *note)
{
    const char *scope = s->scope_prefix(r);
    if (!scope)
        return -1;
    int backpay = strcmp(kind, "backpay") == 0;
    const char *sql =
        "INSERT INTO living_payments (month, for_month, grant_id, child_id, township_code, "
        "benefit, kind, amount_fen, note, created_at) "
        "SELECT ?, ?, g.id, g.child_id, c.township_code, g.benefit, ?, br.amount_fen + "
        "COALESCE(cr.amount_fen, 0) + COALESCE(sr.amount_fen, 0), ?, UTC_TIMESTAMP() "
        "FROM living_grants g JOIN children c ON c.id = g.child_id "
        "JOIN " RATES_IN_FORCE " br ON br.benefit = g.benefit AND br.subtype = g.subtype "
        "LEFT JOIN " RATES_IN_FORCE " cr ON g.benefit = 'tekun' AND cr.benefit = 'tekun_care' "
        "AND cr.subtype = g.care_level "
        "LEFT JOIN " RATES_IN_FORCE " sr ON g.benefit = 'dibao' AND sr.benefit = "
        "'dibao_child_supplement' AND sr.subtype = 'child' "
        "WHERE g.benefit IN ('orphan', 'de_facto_unsupported', 'tekun', 'dibao') "
        "AND c.village_code LIKE CONCAT(?, '%') "
        "AND g.start_month <= ? AND (g.end_month IS NULL OR g.end_month >= ?) "
        "AND c.birth_date >= DATE_SUB(CAST(? AS DATE), INTERVAL 18 YEAR) "
        "AND EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = g.child_id AND "
        "cc.category = g.benefit AND cc.start_date <= LAST_DAY(CAST(? AS DATE)) AND "
        "(cc.end_date IS NULL OR cc.end_date >= ?)) "
        "AND NOT EXISTS (SELECT 1 FROM living_suspensions su WHERE su.grant_id = g.id AND "
        "su.from_month <= ? AND (su.to_month IS NULL OR su.to_month >= ?)) "
        "AND (? = 0 OR g.id = ?) "
        "AND (? = 0 OR NOT EXISTS (SELECT 1 FROM living_payments q WHERE q.grant_id = g.id AND "
        "q.for_month = ? AND q.kind IN ('regular', 'backpay'))) "
        "ON DUPLICATE KEY UPDATE living_payments.id = living_payments.id";
    const char *f = for_month;
    return s->db_exec(r, sql, "sssssssssssssssiiis", month, f, kind, note ? note : "", f, f, f,
                      scope, f, f, f, f, f, f, f, grant_id, grant_id, (long long)backpay, f);
}

/* generate one month's regular lines for every open grant (idempotent);
 * returns the number of lines added or -1 */
static long long living_generate(portal_req *r, const struct portal_services *s, const char *month)
{
    const struct portal_user *u = s->user(r);
    if (!u || !s->scope_prefix(r))
        return -1;
    /* the first write opens the request's transaction: the month's row is
     * then locked until the host commits */
    if (s->db_exec(r, "INSERT INTO living_months (month, status, generated_at, generated_by) "
                      "VALUES (?, 'generated', UTC_TIMESTAMP(), ?) ON DUPLICATE KEY UPDATE "
                      "month = month",
                   "si", month, u->id) < 0)
        return -1;
    const char *st = month_status(r, s, month, 1);
    if (!st || strcmp(st, "locked") == 0)
        return -1;
    long long n = insert_lines(r, s, month, month, "regular", 0, "");
    if (n < 0)
        return -1;
    /* temporary relief: one line, in its month, of the amount approved */
    long long t = s->db_exec(
        r,
        "INSERT INTO living_payments (month, for_month, grant_id, child_id, township_code, "
        "benefit, kind, amount_fen, note, created_at) "
        "SELECT ?, ?, g.id, g.child_id, c.township_code, g.benefit, 'regular', la.amount_fen, "
        "'临时救助（一次性）', UTC_TIMESTAMP() FROM living_grants g "
        "JOIN children c ON c.id = g.child_id "
        "JOIN living_applications la ON la.app_id = g.application_id "
        "WHERE g.benefit = 'temporary' AND g.start_month = ? AND la.amount_fen > 0 "
        "AND c.village_code LIKE CONCAT(?, '%') "
        "AND NOT EXISTS (SELECT 1 FROM living_suspensions su WHERE su.grant_id = g.id AND "
        "su.from_month <= ? AND (su.to_month IS NULL OR su.to_month >= ?)) "
        "ON DUPLICATE KEY UPDATE living_payments.id = living_payments.id",
        "ssssss", month, month, month, s->scope_prefix(r), month, month);
    if (t < 0)
        return -1;
    n += t;
    /* new lines in a reviewed list: it needs reviewing again */
    if (s->db_exec(r, "UPDATE living_months SET generated_at = UTC_TIMESTAMP(), generated_by = ?, "
                      "status = IF(? > 0, 'generated', status), reviewed_by = IF(? > 0, NULL, "
                      "reviewed_by), reviewed_at = IF(? > 0, NULL, reviewed_at) WHERE month = ?",
                   "iiiis", u->id, n, n, n, month) < 0)
        return -1;
    return n; /* a locked month wrote nothing; an error is rolled back by the host */
}

/* ------------------------------------------------------------ rates */

int rate_list_get(portal_req *r, const struct portal_services *s)
{
    const char *today = s->today(r);
    if (s->db_query_hdf(
            r, "Rates",
            "SELECT r.id, CONCAT(r.benefit, ':', r.subtype) AS kind, r.effective_from, "
            "r.amount_fen, r.basis, r.effective_from = (SELECT MAX(x.effective_from) FROM "
            "living_rates x WHERE x.benefit = r.benefit AND x.subtype = r.subtype AND "
            "x.effective_from <= ?) AS current, r.effective_from > ? AS future, "
            "COALESCE(u.display_name, '系统初始数据') AS created_by "
            "FROM living_rates r LEFT JOIN users u ON u.id = r.created_by "
            "ORDER BY r.benefit, r.subtype, r.effective_from DESC",
            "ss", today, today) < 0)
        return 500;
    s->labels_hdf(r, "Kinds", "living.rate");
    s->set(r, "Today", today);
    s->set(r, "CanEdit", s->has_perm(r, "living.rates") ? "1" : "0");
    return s->render(r, "rate_list.cs", "保障标准");
}

int rate_create_post(portal_req *r, const struct portal_services *s)
{
    /* "benefit:subtype" from the form's one list, or the two fields */
    const char *kind = s->param(r, "kind");
    if (!kind || !*kind)
        kind = s->sprintf(r, "%s:%s", s->param(r, "benefit") ? s->param(r, "benefit") : "",
                          s->param(r, "subtype") ? s->param(r, "subtype") : "");
    if (strcmp(kind, ":") == 0)
        return s->fail(r, 400, "请选择保障项目。");
    if (!living_label_known(r, s, "living.rate", kind))
        return s->fail(r, 400, "保障项目或类型不正确。");
    const char *colon = strchr(kind, ':');
    const char *benefit = s->sprintf(r, "%.*s", (int)(colon - kind), kind), *subtype = colon + 1;
    const char *from = s->param(r, "effective_from"), *amount = s->param(r, "amount");
    const char *basis = s->param(r, "basis");
    long long fen = 0;
    if (s->yuan_to_fen(amount, 0, &fen) != 0)
        return s->fail(r, 400, "金额格式不正确：请填写以元为单位的数字，最多两位小数，例如 1651.50。");
    if (!basis || !*basis)
        return s->fail(r, 400, "请填写依据文件。");
    portal_rows *d = s->db_query(r, "SELECT 1 FROM living_rates WHERE benefit = ? AND subtype = ? "
                                    "AND effective_from = ?",
                                 "sss", benefit, subtype, from);
    if (!d)
        return 500;
    if (s->db_next(d))
        return s->fail(r, 409, "该项目在这一执行日期已有标准。标准只能新增、不能修改；如需变更，请以新的执行日期新增一条。");
    if (s->db_exec(r, "INSERT INTO living_rates (benefit, subtype, effective_from, amount_fen, "
                      "basis, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
                   "sssisi", benefit, subtype, from, fen, basis, s->user(r)->id) != 1)
        return s->fail(r, 409, "保存失败：该项目在这一执行日期已有标准。");
    long long id = s->db_insert_id(r);
    s->audit(r, "living.rate.add", "living_rate", s->sprintf(r, "%lld", id),
             s->sprintf(r, "benefit=%s subtype=%s from=%s amount_fen=%lld", benefit, subtype, from,
                        fen));
    s->flash(r, s->sprintf(r, "已新增标准：%s，自 %s 起每月 %s 元。", s->label(r, "living.rate", kind),
                           from, s->fen_to_yuan(r, fen)));
    return s->redirect(r, "/living/rates");
}

/* ------------------------------------------------------------ months */

int pay_month_list_get(portal_req *r, const struct portal_services *s)
{
    const char *scope = s->scope_prefix(r);
    if (!scope)
        return s->refuse(r, 403, "page", "living.months", "user without a division",
                         "您的账户没有辖区。");
    const char *sql = s->sprintf(
        r,
        "SELECT DATE_FORMAT(m.month, '%%Y-%%m') AS month, m.status, "
        "(SELECT COUNT(*) FROM living_payments p WHERE p.month = m.month AND %s) AS `lines`, "
        "(SELECT COALESCE(SUM(p.amount_fen), 0) FROM living_payments p WHERE p.month = m.month "
        "AND %s) AS amount_fen, m.locked_at, "
        "(SELECT display_name FROM users WHERE id = m.locked_by) AS locked_by "
        "FROM living_months m ORDER BY m.month DESC LIMIT 120",
        pay_scope(r, s, "p"), pay_scope(r, s, "p"));
    if (s->db_query_hdf(r, "Months", sql, "ss", scope, scope) < 0)
        return 500;
    s->setf(r, "ThisMonth", "%.7s", s->today(r));
    return s->render(r, "pay_month_list.cs", "月度发放");
}

int pay_month_generate_post(portal_req *r, const struct portal_services *s)
{
    const char *month = month_first(r, s, s->param(r, "month"));
    if (!month)
        return s->fail(r, 400, "月份格式不正确，应为 YYYY-MM，例如 2025-07。");
    if (strcmp(month, this_month(r, s)) > 0)
        return s->fail(r, 400, "不能生成未来月份的发放名单。");
    const char *st = month_status(r, s, month, 0);
    if (st && strcmp(st, "locked") == 0)
        return s->fail(r, 409, MSG_LOCKED);
    long long n = living_generate(r, s, month);
    if (n < 0) {
        st = month_status(r, s, month, 0);
        if (st && strcmp(st, "locked") == 0)
            return s->fail(r, 409, MSG_LOCKED);
        return 500;
    }
    s->audit(r, "living.generate", "living_month", s->sprintf(r, "%.7s", month),
             s->sprintf(r, "added=%lld scope=%s", n, s->scope_prefix(r)));
    s->flash(r, n ? s->sprintf(r, "已生成 %.7s 的发放名单，新增 %lld 条记录。", month, n)
                  : s->sprintf(r, "%.7s 的发放名单没有新增记录（已生成的记录保持不变）。", month));
    return s->redirect(r, s->sprintf(r, "/living/payments/%.7s", month));
}

/* the month's totals in the user's scope: prefix.Rows by township and
 * benefit, prefix.Towns by township, prefix.{lines,amount_fen}; 0 or -1 */
static int totals_hdf(portal_req *r, const struct portal_services *s, const char *month,
                      const char *prefix)
{
    const char *scope = s->scope_prefix(r), *where = pay_scope(r, s, "p");
    const char *rows = s->sprintf(
        r,
        "SELECT p.township_code, p.benefit, COUNT(*) AS `lines`, SUM(p.amount_fen) AS amount_fen, "
        "COUNT(DISTINCT p.child_id) AS children FROM living_payments p WHERE p.month = ? AND %s "
        "GROUP BY p.township_code, p.benefit ORDER BY p.township_code, p.benefit", where);
    const char *towns = s->sprintf(
        r,
        "SELECT p.township_code, COUNT(*) AS `lines`, SUM(p.amount_fen) AS amount_fen FROM "
        "living_payments p WHERE p.month = ? AND %s GROUP BY p.township_code "
        "ORDER BY p.township_code", where);
    const char *all = s->sprintf(
        r,
        "SELECT COUNT(*) AS `lines`, COALESCE(SUM(p.amount_fen), 0) AS amount_fen FROM "
        "living_payments p WHERE p.month = ? AND %s", where);
    if (s->db_query_hdf(r, s->sprintf(r, "%s.Rows", prefix), rows, "ss", month, scope) < 0 ||
        s->db_query_hdf(r, s->sprintf(r, "%s.Towns", prefix), towns, "ss", month, scope) < 0 ||
        s->db_row_hdf(r, prefix, all, "ss", month, scope) < 0)
        return -1;
    return 0;
}

/* the month's header into Month: status, who generated, reviewed, locked;
 * 1 found, 0 never generated, -1 error */
static int month_hdf(portal_req *r, const struct portal_services *s, const char *month)
{
    return s->db_row_hdf(
        r, "Month",
        "SELECT DATE_FORMAT(m.month, '%Y-%m') AS month, m.status, m.generated_at, "
        "(SELECT display_name FROM users WHERE id = m.generated_by) AS generated_by, "
        "m.reviewed_at, (SELECT display_name FROM users WHERE id = m.reviewed_by) AS reviewed_by, "
        "m.locked_at, (SELECT display_name FROM users WHERE id = m.locked_by) AS locked_by "
        "FROM living_months m WHERE m.month = ?",
        "s", month);
}

/* one page of the month's lines (keyset by id) into Lines.Rows; 0, -1 on error */
static int month_lines_hdf(portal_req *r, const struct portal_services *s, const char *month,
                           long long after_id)
{
    const char *sql = s->sprintf(
        r,
        "SELECT p.id, p.child_id, c.name AS child, p.township_code, p.benefit, p.kind, "
        "DATE_FORMAT(p.for_month, '%%Y-%%m') AS for_month, p.amount_fen, p.note, "
        "a.account_masked AS account, p.grant_id FROM living_payments p "
        "JOIN children c ON c.id = p.child_id "
        "LEFT JOIN living_accounts a ON a.child_id = p.child_id "
        "WHERE p.month = ? AND %s AND p.id > ? ORDER BY p.id LIMIT %d",
        pay_scope(r, s, "p"), LINES_PAGE + 1);
    portal_rows *q = s->db_query(r, sql, "ssi", month, s->scope_prefix(r), after_id);
    if (!q)
        return -1;
    const char *last = NULL;
    for (int i = 0; s->db_next(q); i++) {
        if (i == LINES_PAGE) {
            s->set(r, "Lines.Next", last); /* a page more after this one */
            break;
        }
        s->put_row(r, s->sprintf(r, "Lines.Rows.%d", i), q);
        last = s->col(q, "id");
    }
    if (after_id > 0)
        s->set(r, "Lines.First", "1");
    s->set(r, "Lines.Base", s->sprintf(r, "/living/payments/%.7s?", month));
    return 0;
}

/* lines whose child has no registered account (not in the bank file) into
 * NoAccount.Rows, their count and sum into NoAccount; 0, -1 on error */
static int month_noaccount_hdf(portal_req *r, const struct portal_services *s, const char *month)
{
    const char *scope = s->scope_prefix(r), *where = pay_scope(r, s, "p");
    const char *rows = s->sprintf(
        r,
        "SELECT p.child_id, c.name AS child, p.township_code, p.benefit, p.amount_fen, p.kind "
        "FROM living_payments p JOIN children c ON c.id = p.child_id WHERE p.month = ? AND %s "
        "AND NOT EXISTS (SELECT 1 FROM living_accounts a WHERE a.child_id = p.child_id) "
        "ORDER BY p.township_code, p.child_id LIMIT %d",
        where, NOACCOUNT_MAX);
    const char *all = s->sprintf(
        r,
        "SELECT COUNT(*) AS `lines`, COALESCE(SUM(p.amount_fen), 0) AS amount_fen FROM "
        "living_payments p WHERE p.month = ? AND %s AND NOT EXISTS (SELECT 1 FROM "
        "living_accounts a WHERE a.child_id = p.child_id)", where);
    if (s->db_query_hdf(r, "NoAccount.Rows", rows, "ss", month, scope) < 0 ||
        s->db_row_hdf(r, "NoAccount", all, "ss", month, scope) < 0)
        return -1;
    return 0;
}

/* the month's header and totals for the list and the summary: 0, or the
 * status answered (no jurisdiction, never generated) */
static int month_pages_head(portal_req *r, const struct portal_services *s, const char *month,
                            const char *page)
{
    if (!s->scope_prefix(r))
        return s->refuse(r, 403, "page", page, "user without a division", "您的账户没有辖区。");
    int have = month_hdf(r, s, month);
    if (have < 0)
        return 500;
    if (have == 0)
        return s->fail(r, 404, "该月的发放名单尚未生成。");
    return totals_hdf(r, s, month, "Totals") == 0 ? 0 : 500;
}

int pay_month_get(portal_req *r, const struct portal_services *s)
{
    const char *month = path_month(r, s);
    int st = month_pages_head(r, s, month, "living.month");
    if (st)
        return st;
    const char *after = s->param(r, "after");
    long long after_id = after && *after ? strtoll(after, NULL, 10) : 0;
    if (after && *after && after_id <= 0)
        return s->fail(r, 400, "分页位置不正确，请回到第一页。");
    if (month_lines_hdf(r, s, month, after_id) != 0 || month_noaccount_hdf(r, s, month) != 0)
        return 500;
    return s->render(r, "pay_month.cs", s->sprintf(r, "%.7s 月度发放", month));
}

int pay_month_summary_get(portal_req *r, const struct portal_services *s)
{
    const char *month = path_month(r, s);
    int st = month_pages_head(r, s, month, "living.month_summary");
    if (st)
        return st;
    s->set(r, "PrintedBy", s->user(r)->display_name);
    s->set(r, "PrintedOn", s->today(r));
    s->audit(r, "living.summary", "living_month", s->sprintf(r, "%.7s", month),
             s->sprintf(r, "scope=%s", s->scope_prefix(r)));
    return s->render(r, "pay_month_summary.cs", s->sprintf(r, "%.7s 发放汇总表", month));
}

/* why a month cannot go to the next state (status is NULL when the list was
 * never generated); *code is the status to answer */
static const char *month_step_refusal(const char *st, int lock, int *code)
{
    *code = 409;
    if (!st) {
        *code = 404;
        return "该月的发放名单尚未生成。";
    }
    if (strcmp(st, "locked") == 0)
        return MSG_LOCKED;
    if (lock)
        return "请先复核该月发放名单，复核后才能锁定。";
    return "该月发放名单已复核。";
}

/* generated -> reviewed -> locked: one conditional update, so two clerks
 * acting at once cannot both succeed */
static int month_step(portal_req *r, const struct portal_services *s, int lock)
{
    const char *month = path_month(r, s);
    long long uid = s->user(r)->id;
    long long n = lock ? s->db_exec(r, "UPDATE living_months SET status = 'locked', locked_by = ?, "
                                       "locked_at = UTC_TIMESTAMP() WHERE month = ? AND status = "
                                       "'reviewed'",
                                    "is", uid, month)
                       : s->db_exec(r, "UPDATE living_months SET status = 'reviewed', reviewed_by "
                                       "= ?, reviewed_at = UTC_TIMESTAMP() WHERE month = ? AND "
                                       "status = 'generated'",
                                    "is", uid, month);
    if (n < 0)
        return 500;
    if (n == 0) {
        int code;
        const char *msg = month_step_refusal(month_status(r, s, month, 0), lock, &code);
        return s->fail(r, code, msg);
    }
    /* what was reviewed / locked: the figures go into the audit row */
    portal_rows *q = s->db_query(r, "SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM "
                                    "living_payments WHERE month = ?",
                                 "s", month);
    if (!q || !s->db_next(q))
        return 500;
    s->audit(r, lock ? "living.lock" : "living.review", "living_month",
             s->sprintf(r, "%.7s", month),
             s->sprintf(r, "lines=%s total_fen=%s", s->db_col(q, 0), s->db_col(q, 1)));
    s->flash(r, lock ? s->sprintf(r, "%.7s 的发放名单已锁定。", month)
                     : s->sprintf(r, "%.7s 的发放名单已复核。", month));
    return s->redirect(r, s->sprintf(r, "/living/payments/%.7s", month));
}

int pay_month_review_post(portal_req *r, const struct portal_services *s) { return month_step(r, s, 0); }
int pay_month_lock_post(portal_req *r, const struct portal_services *s) { return month_step(r, s, 1); }

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
static int grant_of_form(portal_req *r, const struct portal_services *s, long long id,
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

/* a back pay or a correction, as the form gives it */
struct adjustment {
    int backpay;
    const char *kind, *note;
    const char *for_month;
    long long grant_id, child_id, fen;
};

/* the form read and checked: 0, or the status already answered */
static int adjust_read(portal_req *r, const struct portal_services *s, const char *month,
                       struct adjustment *a)
{
    a->kind = s->param(r, "kind");
    a->backpay = a->kind && strcmp(a->kind, "backpay") == 0;
    if (!a->backpay && !(a->kind && strcmp(a->kind, "correction") == 0))
        return s->fail(r, 400, "调整类型应为补发或更正。");
    a->grant_id = s->param_int(r, "grant_id", 0);
    int rc = grant_of_form(r, s, a->grant_id, &a->child_id);
    if (rc)
        return rc;
    a->note = s->param(r, "note");
    const char *fm = s->param(r, "for_month");
    if (fm && *fm) {
        a->for_month = month_first(r, s, fm);
        if (!a->for_month)
            return s->fail(r, 400, "所属月份格式不正确，应为 YYYY-MM。");
    } else if (a->backpay) {
        return s->fail(r, 400, "补发须填写所属月份（应发未发的月份）。");
    } else {
        a->for_month = month;
    }
    if (strcmp(a->for_month, month) > 0)
        return s->fail(r, 400, "所属月份不能晚于发放月份。");
    if (a->backpay && strcmp(a->for_month, month) >= 0)
        return s->fail(r, 400, "补发只能针对本月以前应发未发的月份。");
    a->fen = 0;
    if (!a->backpay) {
        if (s->yuan_to_fen(s->param(r, "amount"), 1, &a->fen) != 0 || a->fen == 0)
            return s->fail(r, 400, "更正金额格式不正确：请填写以元为单位的非零数字，最多两位小数，减少用负数，例如 -100.50。");
        if (!a->note || !*a->note)
            return s->fail(r, 400, "更正须填写说明。");
    }
    return 0;
}

/* the adjustment's line into an unlocked month: rows added (0: refused,
 * nothing owed or already there), -1 on error */
static long long adjust_insert(portal_req *r, const struct portal_services *s, const char *month,
                               const struct adjustment *a)
{
    if (a->backpay)
        return insert_lines(r, s, month, a->for_month, "backpay", a->grant_id,
                            a->note && *a->note ? a->note : s->sprintf(r, "补发 %.7s", a->for_month));
    portal_rows *q = s->db_query(r, "SELECT c.township_code, g.benefit FROM living_grants g "
                                    "JOIN children c ON c.id = g.child_id WHERE g.id = ?",
                                 "i", a->grant_id);
    if (!q || !s->db_next(q))
        return -1;
    return s->db_exec(r, "INSERT INTO living_payments (month, for_month, grant_id, child_id, "
                         "township_code, benefit, kind, amount_fen, note, created_at) VALUES (?, "
                         "?, ?, ?, ?, ?, 'correction', ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY "
                         "UPDATE id = id",
                      "ssiissis", month, a->for_month, a->grant_id, a->child_id, s->db_col(q, 0),
                      s->db_col(q, 1), a->fen, a->note);
}

/* POST /living/payments/{month}/adjust: a back pay or a correction.  The
 * month's row is locked from the check to the insert; a refusal rolls the
 * transaction back. */
int pay_month_adjust_post(portal_req *r, const struct portal_services *s)
{
    const char *month = path_month(r, s);
    /* a locked month refuses before anything else is looked at */
    const char *st = month_status(r, s, month, 0);
    if (st && strcmp(st, "locked") == 0)
        return s->fail(r, 409, MSG_LOCKED);
    struct adjustment a;
    int rc = adjust_read(r, s, month, &a);
    if (rc)
        return rc;
    /* the month's row locked first (this write opens the request's
     * transaction): a lock at the same moment waits for this insert */
    if (s->db_exec(r, "UPDATE living_months SET month = month WHERE month = ?", "s", month) < 0)
        return 500;
    st = month_status(r, s, month, 1);
    if (!st)
        return s->fail(r, 409, "请先生成该月的发放名单，再添加补发或更正。");
    if (strcmp(st, "locked") == 0)
        return s->fail(r, 409, MSG_LOCKED);
    long long n = adjust_insert(r, s, month, &a);
    if (n < 0)
        return 500;
    if (n == 0)
        return s->fail(r, 409, a.backpay ? "该月不能补发：该儿童在所属月份不符合发放条件，或该月已发放（含已补发）。"
                                         : "本月已有该儿童该所属月份的更正记录；如需再调整，请选择其他所属月份或在下月更正。");
    portal_rows *q = s->db_query(r, "SELECT amount_fen FROM living_payments WHERE month = ? AND "
                                    "grant_id = ? AND for_month = ? AND kind = ?",
                                 "siss", month, a.grant_id, a.for_month, a.kind);
    if (!q || !s->db_next(q))
        return 500;
    long long fen = strtoll(s->db_col(q, 0), NULL, 10);
    const char *what = a.backpay ? "补发" : "更正", *note = a.note && *a.note ? a.note : NULL;
    if (s->db_exec(r, "UPDATE living_months SET status = 'generated', reviewed_by = NULL, "
                      "reviewed_at = NULL WHERE month = ?",
                   "s", month) < 0 ||
        s->child_event(r, a.child_id, a.backpay ? "living.backpay" : "living.correction",
                       s->sprintf(r, "%.7s 发放名单中%s %.7s 的基本生活保障 %s 元%s%s", month,
                                  what, a.for_month, s->fen_to_yuan(r, fen), note ? "：" : "",
                                  note ? note : "")) != 0)
        return 500;
    s->audit(r, a.backpay ? "living.backpay" : "living.correction", "living_grant",
             s->sprintf(r, "%lld", a.grant_id),
             s->sprintf(r, "month=%.7s for=%.7s amount_fen=%lld", month, a.for_month, fen));
    s->flash(r, s->sprintf(r, "已添加%s记录：%s 元。", what, s->fen_to_yuan(r, fen)));
    return s->redirect(r, s->sprintf(r, "/living/payments/%.7s", month));
}

/* ------------------------------------------------------------ bank file */

struct bank_out {
    portal_req *r;
    const struct portal_services *s;
    const char *month7;
    long long rows, fen, failed;
    /* the transfer being summed: one child and benefit */
    int pending;
    long long child_id, sum;
    char town_code[16], benefit[40], payee[260], bank[260], name[260], town[520];
    unsigned char enc[256];
    size_t enclen;
};

/* one CSV cell through the host's writer (quoting, formula cells) */
static void bank_cell(struct bank_out *o, const char *v, int last)
{
    o->s->csv_cell(o->r, v, last);
}

/* write the pending transfer (a non-positive net is not a transfer) */
static void bank_emit(struct bank_out *o)
{
    const struct portal_services *s = o->s;
    if (!o->pending || o->sum <= 0)
        return;
    const char *acct = s->decrypt(o->r, o->enc, o->enclen);
    if (!acct) {
        o->failed++;
        return;
    }
    bank_cell(o, o->payee, 0);
    bank_cell(o, o->bank, 0);
    bank_cell(o, acct, 0);
    bank_cell(o, s->fen_to_yuan(o->r, o->sum), 0);
    bank_cell(o, o->name, 0);
    bank_cell(o, o->town, 0);
    bank_cell(o, s->label(o->r, "living.benefit", o->benefit), 0);
    bank_cell(o, o->month7, 1);
    o->rows++;
    o->fen += o->sum;
}

static void copy_col(char *dst, size_t cap, const char *v)
{
    snprintf(dst, cap, "%s", v ? v : "");
}

/* rows come ordered by township, child, benefit: the lines of one transfer
 * are consecutive and summed here (cheaper than GROUP BY in a temp table) */
static int bank_row(void *ctx, portal_rows *rows)
{
    struct bank_out *o = ctx;
    const struct portal_services *s = o->s;
    long long cid = strtoll(s->col(rows, "child_id"), NULL, 10);
    const char *town_code = s->col(rows, "township_code"), *benefit = s->col(rows, "benefit");
    long long fen = strtoll(s->col(rows, "amount_fen"), NULL, 10);
    if (o->pending && cid == o->child_id && strcmp(benefit, o->benefit) == 0 &&
        strcmp(town_code, o->town_code) == 0) {
        o->sum += fen;
        return 0;
    }
    bank_emit(o);
    int enc = s->col_index(rows, "account_enc");
    size_t elen = s->db_col_len(rows, enc);
    if (elen > sizeof o->enc) {
        o->failed++;
        o->pending = 0;
        return 0;
    }
    o->pending = 1;
    o->child_id = cid;
    o->sum = fen;
    copy_col(o->town_code, sizeof o->town_code, town_code);
    copy_col(o->benefit, sizeof o->benefit, benefit);
    copy_col(o->payee, sizeof o->payee, s->col(rows, "payee_name"));
    copy_col(o->bank, sizeof o->bank, s->col(rows, "bank_name"));
    memcpy(o->enc, s->db_col(rows, enc), elen);
    o->enclen = elen;
    copy_col(o->name, sizeof o->name, s->col(rows, "name"));
    copy_col(o->town, sizeof o->town, s->col(rows, "town"));
    return 0;
}

int pay_month_bank_file_get(portal_req *r, const struct portal_services *s)
{
    const char *month = path_month(r, s);
    const char *scope = s->scope_prefix(r);
    if (!scope)
        return s->refuse(r, 403, "page", "living.bank_file", "user without a division",
                         "您的账户没有辖区。");
    const char *st = month_status(r, s, month, 0);
    if (!st)
        return s->fail(r, 404, "该月的发放名单尚未生成。");
    struct bank_out *o = s->alloc(r, sizeof *o);
    o->r = r;
    o->s = s;
    o->month7 = s->sprintf(r, "%.7s", month);
    s->header(r, "Content-Type", "text/csv; charset=utf-8");
    s->header(r, "Content-Disposition",
              s->sprintf(r, "attachment; filename=\"living-bank-%.4s%.2s.csv\"", month, month + 5));
    /* audited before the first line goes out, with the transfers and the
     * total it holds (the same lines, summed as bank_row does): a bank file
     * whose audit row cannot be written never leaves */
    const char *from_where = s->sprintf(
        r,
        "FROM living_payments p JOIN living_accounts a ON a.child_id = p.child_id JOIN children c "
        "ON c.id = p.child_id WHERE p.month = ? AND %s",
        pay_scope(r, s, "p"));
    portal_rows *tq = s->db_query(
        r, s->sprintf(r, "SELECT COUNT(*), COALESCE(SUM(fen), 0) FROM (SELECT SUM(p.amount_fen) "
                         "AS fen %s GROUP BY p.township_code, p.child_id, p.benefit HAVING "
                         "SUM(p.amount_fen) > 0) x", from_where),
        "ss", month, scope);
    if (!tq || !s->db_next(tq))
        return 500;
    long long want_rows = strtoll(s->db_col(tq, 0), NULL, 10);
    long long want_fen = strtoll(s->db_col(tq, 1), NULL, 10);
    s->audit(r, "living.bankfile", "living_month", o->month7,
             s->sprintf(r, "rows=%lld total_fen=%lld status=%s", want_rows, want_fen, st));
    s->write(r, "\xEF\xBB\xBF", 3);
    static const char *head[] = {"收款人", "开户行", "账号", "金额（元）", "儿童姓名", "乡镇", "类别", "月份"};
    for (size_t i = 0; i < 8; i++)
        bank_cell(o, head[i], i == 7);
    /* one transfer per child and benefit: the month's lines (regular, back
     * pay and corrections) summed by bank_row in this order */
    const char *sql = s->sprintf(
        r,
        "SELECT p.township_code, p.child_id, p.benefit, p.amount_fen, a.payee_name, "
        "a.bank_name, a.account_enc, c.name, COALESCE(t.name, p.township_code) AS town FROM "
        "living_payments p JOIN living_accounts a ON a.child_id = p.child_id JOIN children c "
        "ON c.id = p.child_id LEFT JOIN divisions t ON t.code = p.township_code WHERE p.month "
        "= ? AND %s ORDER BY p.township_code, p.child_id, p.benefit",
        pay_scope(r, s, "p"));
    long long n = s->db_stream(r, bank_row, o, sql, "ss", month, scope);
    if (n < 0) {
        s->log("LV0301", "bank file query failed after %lld rows", o->rows);
        if (!s->output_sent(r))
            return s->fail(r, 500, NULL);
    }
    if (n >= 0)
        bank_emit(o);
    if (o->failed)
        s->log("LV0302", "bank file %s: %lld accounts failed to decrypt", o->month7, o->failed);
    if (n >= 0 && (o->rows != want_rows || o->fen != want_fen))
        s->log("LV0303", "bank file %s holds rows=%lld total_fen=%lld, audited rows=%lld "
               "total_fen=%lld", o->month7, o->rows, o->fen, want_rows, want_fen);
    return 200;
}

/* ------------------------------------------------------------ suspension */

static void remove_unlocked_lines(portal_req *r, const struct portal_services *s, long long gid,
                                  const char *from, long long *removed)
{
    /* regular lines of unlocked lists for the suspended months go: the
     * list is not final yet; locked lists never change */
    *removed = s->db_exec(r, "DELETE p FROM living_payments p JOIN living_months m ON m.month = "
                             "p.month WHERE p.grant_id = ? AND p.kind = 'regular' AND "
                             "p.for_month >= ? AND m.status <> 'locked'",
                          "is", gid, from);
    if (*removed > 0)
        s->db_exec(r, "UPDATE living_months SET status = 'generated', reviewed_by = NULL, "
                      "reviewed_at = NULL WHERE month >= ? AND status = 'reviewed'",
                   "s", from);
}

int grant_suspend_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    long long gid = o->id, cid = o->child_id;
    const char *from = month_first(r, s, s->param(r, "month"));
    if (!from)
        return s->fail(r, 400, "暂停月份格式不正确，应为 YYYY-MM。");
    const char *reason = s->param(r, "reason");
    if (!reason || !*reason)
        return s->fail(r, 400, "请填写暂停原因。");
    const char *st = month_status(r, s, from, 0);
    if (st && strcmp(st, "locked") == 0)
        return s->fail(r, 409, "该月发放名单已锁定，暂停只能从未锁定的月份开始。");
    /* the grant's row locked first (this write opens the request's
     * transaction): two suspensions at once cannot both be recorded */
    if (s->db_exec(r, "UPDATE living_grants SET id = id WHERE id = ?", "i", gid) < 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT id FROM living_suspensions WHERE grant_id = ? AND "
                                    "to_month IS NULL FOR UPDATE",
                                 "i", gid);
    if (!q)
        return 500;
    if (s->db_next(q))
        return s->fail(r, 409, "该保障已处于暂停状态，请先恢复。");
    long long removed = 0;
    if (s->db_exec(r, "INSERT INTO living_suspensions (grant_id, from_month, to_month, reason, "
                      "created_by, created_at) VALUES (?, ?, NULL, ?, ?, UTC_TIMESTAMP())",
                   "issi", gid, from, reason, s->user(r)->id) != 1)
        return 500;
    remove_unlocked_lines(r, s, gid, from, &removed);
    if (removed < 0)
        return 500;
    if (s->child_event(r, cid, "living.suspend",
                       s->sprintf(r, "基本生活保障自 %.7s 起暂停发放，原因：%s", from, reason)) != 0)
        return 500;
    s->audit(r, "living.suspend", "living_grant", s->sprintf(r, "%lld", gid),
             s->sprintf(r, "from=%.7s removed_lines=%lld reason=%s", from, removed, reason));
    s->flash(r, s->sprintf(r, "已自 %.7s 起暂停发放。", from));
    return s->redirect(r, s->sprintf(r, "/living/children/%lld", cid));
}

int grant_resume_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    long long gid = o->id, cid = o->child_id;
    const char *from = month_first(r, s, s->param(r, "month"));
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

/* ------------------------------------------------------------ accounts */

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
        return s->fail(r, 400, "账号应为 10 至 30 位数字。");
    if (!payee || !*payee || !bank || !*bank)
        return s->fail(r, 400, "请填写收款人和开户行。");
    size_t enclen = 0;
    const void *enc = s->encrypt(r, acct, &enclen);
    if (!enc)
        return s->fail(r, 500, "无法加密账号，请联系系统管理员。");
    const char *masked = s->sprintf(r, "****%s", acct + n - 4);
    if (s->db_exec(r, "INSERT INTO living_accounts (child_id, payee_name, bank_name, account_enc, "
                      "account_masked, updated_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP()) ON "
                      "DUPLICATE KEY UPDATE payee_name = VALUES(payee_name), bank_name = "
                      "VALUES(bank_name), account_enc = VALUES(account_enc), account_masked = "
                      "VALUES(account_masked), updated_at = VALUES(updated_at)",
                   "issbs", cid, payee, bank, enc, enclen, masked) < 0 ||
        s->child_event(r, cid, "living.account",
                       s->sprintf(r, "登记发放账户：收款人 %s，开户行 %s，账号 %s", payee, bank,
                                  masked)) != 0)
        return 500;
    s->audit(r, "living.account", "child", s->sprintf(r, "%lld", cid),
             s->sprintf(r, "account=%s", masked));
    s->flash(r, s->sprintf(r, "已保存发放账户（账号 %s）。", masked));
    return s->redirect(r, s->sprintf(r, "/living/children/%lld", cid));
}

/* ------------------------------------------------------------ re-checks */

int recheck_list_get(portal_req *r, const struct portal_services *s)
{
    const char *scope = s->scope_prefix(r);
    if (!scope)
        return s->refuse(r, 403, "page", "living.rechecks", "user without a division",
                         "您的账户没有辖区。");
    const char *today = s->today(r);
    int n = s->db_query_hdf(
        r, "Rechecks",
        "SELECT g.id, g.child_id, c.name AS child, c.township_code, c.village_code, g.subtype, "
        "g.next_recheck, g.recheck_every_months AS every, g.next_recheck < ? AS overdue "
        "FROM living_grants g JOIN children c ON c.id = g.child_id "
        "WHERE g.benefit = 'dibao' AND g.next_recheck IS NOT NULL AND g.next_recheck <= "
        "DATE_ADD(CAST(? AS DATE), INTERVAL 30 DAY) AND (g.end_month IS NULL OR g.end_month >= ?) "
        "AND c.village_code LIKE CONCAT(?, '%') ORDER BY g.next_recheck, g.id LIMIT 500",
        "ssss", today, today, this_month(r, s), scope);
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

/* ------------------------------------------------------------ home */

int living_month_totals_hdf(portal_req *r, const struct portal_services *s, const char *prefix)
{
    const char *scope = s->scope_prefix(r);
    const char *month = this_month(r, s);
    s->set(r, s->sprintf(r, "%s.month", prefix), s->sprintf(r, "%.7s", month));
    const char *st = scope ? month_status(r, s, month, 0) : NULL;
    s->set(r, s->sprintf(r, "%s.status", prefix), st ? st : "none");
    if (!scope)
        return 0;
    const char *sql = s->sprintf(r,
                                 "SELECT COUNT(*) AS `lines`, COALESCE(SUM(p.amount_fen), 0) AS "
                                 "amount_fen, COUNT(DISTINCT p.child_id) AS children FROM "
                                 "living_payments p WHERE p.month = ? AND %s",
                                 pay_scope(r, s, "p"));
    return s->db_row_hdf(r, prefix, sql, "ss", month, scope) == 1 ? 0 : -1;
}

/* ------------------------------------------------------------ one child */

/* GET /living/children/{id}: the child's benefits, suspensions, bank
 * account (masked) and recent payments, with the forms to act on them.
 * The child is the route's object (Child.*, in scope). */
int child_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    const struct portal_child *c = o->data;
    if (s->db_query_hdf(
            r, "Grants",
            "SELECT g.id, g.benefit, g.subtype, DATE_FORMAT(g.start_month, '%Y-%m') AS start, "
            "DATE_FORMAT(g.end_month, '%Y-%m') AS end_month, g.next_recheck AS recheck, "
            "(SELECT DATE_FORMAT(su.from_month, '%Y-%m') FROM living_suspensions su WHERE "
            "su.grant_id = g.id AND su.to_month IS NULL LIMIT 1) AS suspended "
            "FROM living_grants g WHERE g.child_id = ? ORDER BY g.id", "i", o->id) < 0 ||
        s->db_row_hdf(r, "Account", "SELECT payee_name AS payee, bank_name AS bank, "
                      "account_masked AS masked FROM living_accounts WHERE child_id = ?",
                      "i", o->id) < 0 ||
        s->db_query_hdf(r, "Payments", "SELECT DATE_FORMAT(month, '%Y-%m') AS month, "
                        "DATE_FORMAT(for_month, '%Y-%m') AS for_month, benefit, kind, amount_fen, "
                        "note FROM living_payments WHERE child_id = ? ORDER BY month DESC, id "
                        "DESC LIMIT 24", "i", o->id) < 0)
        return 500;
    s->set(r, "CanPay", s->has_perm(r, "living.pay") ? "1" : "0");
    s->set(r, "CanAccount", s->has_perm(r, "living.apply") ? "1" : "0");
    s->audit(r, "living.child.read", "child", s->sprintf(r, "%lld", o->id), NULL);
    return s->render(r, "child.cs", s->sprintf(r, "基本生活保障：%s", c->name));
}

/* ------------------------------------------------------------ the child's file */

/* The 生活保障 section of the registry's file (ABI 1.5 child panel): the
 * child's grants with the monthly amount in force (the base rate plus the
 * care or child supplement, as the monthly list computes it) in the current
 * month, or in the last month paid for a grant that has ended, or in the
 * first month for one that has not started yet; temporary relief shows its
 * one-off amount.  The host has checked the child's jurisdiction and that
 * the viewer holds living.view. */
/* the 状态 cell of a grant row of the panel */
static const char *panel_status(portal_req *r, const struct portal_services *s, portal_rows *q)
{
    const char *ended = s->col(q, "ended"), *why = s->col(q, "end_reason");
    if (strcmp(s->col(q, "benefit"), "temporary") == 0)
        return "一次性救助";
    if (s->col(q, "suspended"))
        return s->sprintf(r, "自 %s 起暂停", s->col(q, "suspended"));
    if (ended && strcmp(ended, "1") == 0)
        return why && *why ? s->sprintf(r, "已终止（%s）", why) : "已终止";
    if (strcmp(s->col(q, "future"), "1") == 0)
        return "尚未开始";
    return "正常发放";
}

/* the 保障类别 cell: the rate's name, else the benefit's */
static const char *panel_kind(portal_req *r, const struct portal_services *s, portal_rows *q)
{
    const char *kind = s->sprintf(r, "%s:%s", s->col(q, "benefit"), s->col(q, "subtype"));
    return living_label_known(r, s, "living.rate", kind)
               ? s->label(r, "living.rate", kind)
               : s->label(r, "living.benefit", s->col(q, "benefit"));
}

int living_child_panel(portal_req *r, const struct portal_services *s, long long child,
                       const char *prefix)
{
    static const char *const cols[] = {"保障类别", "月标准（元）", "起始月份", "终止月份",
                                       "状态"};
    for (int i = 0; i < 5; i++)
        s->set(r, s->sprintf(r, "%s.Cols.%d", prefix, i), cols[i]);
    const char *month = this_month(r, s);
#define RATE_AT(b, st)                                                                    \
    "(SELECT x.amount_fen FROM living_rates x WHERE x.benefit = " b " AND x.subtype = " st \
    " AND x.effective_from <= g.ref ORDER BY x.effective_from DESC LIMIT 1)"
    portal_rows *q = s->db_query(
        r,
        "SELECT g.benefit, g.subtype, DATE_FORMAT(g.start_month, '%Y-%m') AS start, "
        "DATE_FORMAT(g.end_month, '%Y-%m') AS end_month, g.end_month < ? AS ended, "
        "g.start_month > ? AS future, (SELECT DATE_FORMAT(su.from_month, '%Y-%m') FROM "
        "living_suspensions su WHERE su.grant_id = g.id AND su.to_month IS NULL ORDER BY su.id "
        "LIMIT 1) AS suspended, "
        "IF(g.benefit = 'temporary', la.amount_fen, " RATE_AT("g.benefit", "g.subtype") " + "
        "IF(g.benefit = 'tekun', COALESCE(" RATE_AT("'tekun_care'", "g.care_level") ", 0), 0) + "
        "IF(g.benefit = 'dibao', COALESCE(" RATE_AT("'dibao_child_supplement'", "'child'")
        ", 0), 0)) AS amount_fen, g.end_reason "
        "FROM (SELECT g0.*, GREATEST(g0.start_month, LEAST(COALESCE(g0.end_month, ?), ?)) AS ref "
        "FROM living_grants g0 WHERE g0.child_id = ?) g "
        "LEFT JOIN living_applications la ON la.app_id = g.application_id "
        "ORDER BY g.end_month IS NOT NULL, g.start_month DESC, g.id DESC",
        "ssssi", month, month, month, month, child);
#undef RATE_AT
    if (!q)
        return -1;
    int n = 0;
    for (; s->db_next(q); n++) {
        const char *fen = s->col(q, "amount_fen"), *end = s->col(q, "end_month");
        const char *amount = fen ? s->fen_to_yuan(r, strtoll(fen, NULL, 10)) : "—";
        if (fen && strcmp(s->col(q, "benefit"), "temporary") == 0)
            amount = s->sprintf(r, "%s（一次性）", amount);
        const char *cells[5] = {panel_kind(r, s, q), amount, s->col(q, "start"),
                                end ? end : "在保", panel_status(r, s, q)};
        for (int i = 0; i < 5; i++)
            s->set(r, s->sprintf(r, "%s.Rows.%d.%d", prefix, n, i), cells[i]);
    }
    /* what was actually paid: lines of locked months only */
    q = s->db_query(r, "SELECT COUNT(*) AS n, COALESCE(SUM(p.amount_fen), 0) AS fen FROM "
                       "living_payments p JOIN living_months m ON m.month = p.month AND "
                       "m.status = 'locked' WHERE p.child_id = ?", "i", child);
    if (!q || !s->db_next(q))
        return -1;
    if (strcmp(s->col(q, "n"), "0") != 0)
        s->set(r, s->sprintf(r, "%s.Note", prefix),
               s->sprintf(r, "已锁定的月度发放中共 %s 笔，合计 %s 元。", s->col(q, "n"),
                          s->fen_to_yuan(r, strtoll(s->col(q, "fen"), NULL, 10))));
    s->set(r, s->sprintf(r, "%s.Link", prefix), s->sprintf(r, "/living/children/%lld", child));
    return n;
}
