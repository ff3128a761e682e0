/*
 * pay.c - 基本生活保障 on the payments ledger: the monthly amounts (dated
 * module settings), generating a month (one ledger batch per month, one
 * line per grant owed), back pay and corrections, the months list and the
 * home's totals.  Review, lock, the bank file and the printable summary are
 * the payments module's pages (/payments/batch/<id>): living links there.
 *
 * Money is integer fen: amounts typed in yuan are parsed as text into fen
 * by the host, rates are settings in fen read with setting_int for the
 * month paid (the first of it), sums are SUM() in SQL.
 *
 * A line is owed for (grant, month) when the grant pays that month (see
 * OWED) and the net of living's lines for that grant and month, in every
 * batch, corrections included, is not above zero: generating twice adds
 * nothing, a back pay of a month already paid is refused, and a month
 * whose line was cancelled by a suspension is paid again once resumed.
 */
#include "living.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


const struct portal_param month_params[] = {
    {"month", PP_CODE, 7, 0, "月份"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param adjust_params[] = {
    {"kind", PP_CODE, 16, 1, "调整类型"},
    {"grant_id", PP_INT, 20, 1, "保障记录编号"},
    {"for_month", PP_CODE, 7, 0, "所属月份"},
    {"amount", PP_TEXT, 20, 0, "金额（元）"},
    {"note", PP_TEXT, 200, 0, "说明"},
    {NULL, 0, 0, 0, NULL}};

const char *const LIVING_MSG_LOCKED =
    "该月发放批次已锁定，不能再生成、调整或暂停；如需补发或更正，请在未锁定的月份中添加补发或更正记录。";

/* ------------------------------------------------------------ months */

/* the month's batch for posting, opened when missing; the month's row is
 * locked until the host commits.  The batch's id, 0 when it is locked
 * (LIVING_MSG_LOCKED), -1 on an error */
static long long month_batch_for_post(portal_req *r, const struct portal_services *s,
                                      const char *month, int create)
{
    if (create && s->db_exec(r, "INSERT IGNORE INTO living_ledger_months (month, batch_id) "
                                "VALUES (?, NULL)", "s", month) < 0)
        return -1;
    portal_rows *q = s->db_query(r, "SELECT lm.batch_id, b.status FROM living_ledger_months lm "
                                    "LEFT JOIN pay_batches b ON b.id = lm.batch_id WHERE "
                                    "lm.month = ? FOR UPDATE", "s", month);
    if (!q)
        return -1;
    if (!s->db_next(q))
        return -2; /* never generated */
    if (s->col(q, "batch_id"))
        return living_batch_open(s->col(q, "status")) ? atoll(s->col(q, "batch_id")) : 0;
    long long id = s->pay_batch_open(r, "monthly", s->sprintf(r, "%.7s", month),
                                     s->sprintf(r, "%.7s 基本生活保障月度发放", month));
    if (id <= 0 || s->db_exec(r, "UPDATE living_ledger_months SET batch_id = ? WHERE month = ?",
                              "is", id, month) != 1)
        return -1;
    return id;
}

/* ------------------------------------------------------------ amounts */

/* one setting "<benefit>_<subtype>" in force on `on`, 0 when none */
static long long rate(portal_req *r, const struct portal_services *s, const char *benefit,
                      const char *subtype, const char *on)
{
    if (!benefit || !subtype || !living_label_known(r, s, "living.rate",
                                                    s->sprintf(r, "%s:%s", benefit, subtype)))
        return 0;
    long long v = s->setting_int(r, s->sprintf(r, "%s_%s", benefit, subtype), on);
    return v == PORTAL_NO_SETTING || v < 0 ? 0 : v;
}

long long living_monthly_fen(portal_req *r, const struct portal_services *s, const char *benefit,
                             const char *subtype, const char *care, const char *on)
{
    long long fen = rate(r, s, benefit, subtype, on);
    if (fen > 0 && strcmp(benefit, "tekun") == 0 && care)
        fen += rate(r, s, "tekun_care", care, on);
    if (fen > 0 && strcmp(benefit, "dibao") == 0)
        fen += rate(r, s, "dibao_child_supplement", "child", on);
    return fen;
}

/* every monthly kind a grant can be (benefit, subtype, care level) */
static const char *const kinds[][3] = {
    {"orphan", "institutional", ""},        {"orphan", "scattered", ""},
    {"de_facto_unsupported", "scattered", ""}, {"de_facto_unsupported", "institutional", ""},
    {"tekun", "basic", ""},                 {"tekun", "basic", "full_care"},
    {"tekun", "basic", "partial_care"},     {"tekun", "basic", "self_care"},
    {"dibao", "urban", ""},                 {"dibao", "rural", ""}};

/* The monthly amounts in force on `on` as a derived table (b, st, care,
 * fen) for the month's one statement.  Only this file's constant codes and
 * integers computed from the settings go into the text: nothing a user
 * typed. */
static const char *rates_table(portal_req *r, const struct portal_services *s, const char *on)
{
    const char *sql = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        long long fen = living_monthly_fen(r, s, kinds[i][0], kinds[i][1],
                                           *kinds[i][2] ? kinds[i][2] : NULL, on);
        const char *row = s->sprintf(r, "SELECT '%s' AS b, '%s' AS st, '%s' AS care, %lld AS fen",
                                     kinds[i][0], kinds[i][1], kinds[i][2], fen);
        sql = sql ? s->sprintf(r, "%s UNION ALL %s", sql, row) : row;
    }
    return sql;
}

/* ------------------------------------------------------------ posting */

/* The lines owed for a month (the first bound argument, twice) to the
 * grants in scope (every one for grant_id 0): a grant pays a month within
 * [start_month, end_month] that no suspension covers, while the child holds
 * the matching category on some day of it (the month a category ends is
 * still paid) and turns 18 in it or later, unless living's lines for that
 * grant and month already net above zero; temporary relief pays its
 * approved amount in its own month only.  Columns as pay_lines_select
 * wants them; %s is the rates' derived table. */
#define OWED                                                                                  \
    "SELECT g.child_id, g.benefit AS programme, CAST(? AS DATE) AS period, IF(g.benefit = "   \
    "'temporary', la.amount_fen, rt.fen) AS amount_fen, ? AS reason, g.id AS source_id "      \
    "FROM living_grants g JOIN children c ON c.id = g.child_id "                              \
    "LEFT JOIN living_applications la ON g.benefit = 'temporary' AND la.app_id = "            \
    "g.application_id LEFT JOIN (%s) rt ON rt.b = g.benefit AND rt.st = g.subtype AND "       \
    "rt.care = IF(g.benefit = 'tekun', COALESCE(g.care_level, ''), '') "                      \
    "WHERE (? = 0 OR g.id = ?) AND c.village_code LIKE CONCAT(?, '%%') AND ((g.benefit IN "    \
    "('orphan', 'de_facto_unsupported', 'tekun', 'dibao') AND g.start_month <= ? AND "        \
    "(g.end_month IS NULL OR g.end_month >= ?) AND c.birth_date >= DATE_SUB(CAST(? AS DATE), " \
    "INTERVAL 18 YEAR) AND EXISTS (SELECT 1 FROM child_categories cc WHERE cc.child_id = "    \
    "g.child_id AND cc.category = g.benefit AND cc.start_date <= LAST_DAY(CAST(? AS DATE)) "  \
    "AND (cc.end_date IS NULL OR cc.end_date >= ?))) OR (g.benefit = 'temporary' AND "        \
    "g.start_month = ? AND la.amount_fen > 0)) "                                              \
    "AND NOT EXISTS (SELECT 1 FROM living_suspensions su WHERE su.grant_id = g.id AND "       \
    "su.from_month <= ? AND (su.to_month IS NULL OR su.to_month >= ?)) "                      \
    "AND (SELECT COALESCE(SUM(l.amount_fen), 0) FROM pay_lines l WHERE l.source_module = "    \
    "'living' AND l.source_id = g.id AND l.period = ?) <= 0"

/* post into `batch` the lines owed for `for_month` in one statement
 * (pay_lines_select); the count posted, or -1 (pay_error may say why) */
long long living_post_owed(portal_req *r, const struct portal_services *s, long long batch,
                           const char *for_month, long long grant_id, const char *reason)
{
    const char *scope = s->scope_prefix(r), *f = for_month;
    if (!scope)
        return -1;
    const char *why = reason ? reason : s->sprintf(r, "月度发放 %.7s", f);
    return s->pay_lines_select(r, batch, s->sprintf(r, OWED, rates_table(r, s, f)),
                               "ssiissssssssss", f, why, grant_id, grant_id, scope, f, f, f, f,
                               f, f, f, f, f);
}

/* ------------------------------------------------------------ a new grant's months */

/* the first month after `month` ("YYYY-MM-01") whose batch still takes
 * lines, opened when never generated: its batch id (locked in the
 * request), -1 on an error */
static long long next_open_month(portal_req *r, const struct portal_services *s,
                                 const char *month, const char **open_month)
{
    for (int i = 1; i <= 24; i++) {
        int y = atoi(month), m = atoi(month + 5) + i;
        y += (m - 1) / 12;
        m = (m - 1) % 12 + 1;
        const char *next = s->sprintf(r, "%04d-%02d-01", y, m);
        long long b = month_batch_for_post(r, s, next, 1);
        if (b != 0) {
            *open_month = next;
            return b;
        }
    }
    return -1;
}

/* A grant just approved (issue 20: money between months): each month from
 * its start that has a batch already is paid now - into that month's own
 * batch while it takes lines, else (locked) as back pay (补发) into the
 * next month that still takes lines, opened ahead when needed, and the
 * approver is told by a notice.  0, or -1 (pay_error may say why). */
int living_grant_post_due(portal_req *r, const struct portal_services *s, long long grant_id,
                          long long child_id, const char *title)
{
    portal_rows *q = s->db_query(r, "SELECT DATE_FORMAT(lm.month, '%Y-%m-%d') AS month FROM "
                                    "living_ledger_months lm JOIN living_grants g ON g.id = ? "
                                    "WHERE lm.month >= g.start_month AND (g.end_month IS NULL "
                                    "OR lm.month <= g.end_month) AND lm.batch_id IS NOT NULL "
                                    "ORDER BY lm.month", "i", grant_id);
    if (!q)
        return -1;
    const char *months[240];
    int n = 0;
    while (n < 240 && s->db_next(q))
        months[n++] = s->col(q, "month");
    const char *late = NULL, *into = NULL;
    for (int i = 0; i < n; i++) {
        long long b = month_batch_for_post(r, s, months[i], 0), posted;
        if (b < 0)
            return -1;
        if (b > 0) {
            if (living_post_owed(r, s, b, months[i], grant_id, NULL) < 0)
                return -1;
            continue;
        }
        const char *open = NULL;
        long long target = next_open_month(r, s, months[i], &open);
        if (target < 0)
            return -1;
        posted = living_post_owed(r, s, target, months[i], grant_id,
                                  s->sprintf(r, "补发 %.7s（该月批次已锁定）", months[i]));
        if (posted < 0)
            return -1;
        if (posted > 0) {
            late = late ? s->sprintf(r, "%s、%.7s", late, months[i])
                        : s->sprintf(r, "%.7s", months[i]);
            into = open;
        }
    }
    if (!late)
        return 0;
    const char *msg = s->sprintf(r, "%s：%s 的发放批次已锁定，已作为补发计入 %.7s 的发放名单。",
                                 title, late, into);
    struct portal_notice nt = {
        .user_id = s->user(r)->id, .kind = "living.backpay", .title = msg,
        .body = "批准时该月发放名单已锁定，待遇不会遗漏：请在补发所在月份复核、锁定后发放。",
        .link = s->sprintf(r, "/living/payments/%.7s", into), .child_id = child_id,
        .object_type = "living_grant", .object_id = s->sprintf(r, "%lld", grant_id)};
    if (s->notice_send(r, &nt) < 0 ||
        s->child_event(r, child_id, "living.backpay", msg) != 0)
        return -1;
    s->flash(r, msg);
    return 0;
}

/* ------------------------------------------------------------ generate */

/* the first of the month after this one: the furthest a month can be
 * prepared ahead */
static const char *next_month(portal_req *r, const struct portal_services *s)
{
    const char *t = s->today(r);
    int y = atoi(t), m = atoi(t + 5) + 1;
    if (m > 12)
        m = 1, y++;
    return s->sprintf(r, "%04d-%02d-01", y, m);
}

static int months_page(portal_req *r, const struct portal_services *s, int status);

/* a generation refused: the months page again, the reason beside the month */
static int generate_refused(portal_req *r, const struct portal_services *s, int status,
                            const char *msg)
{
    s->audit(r, "living.generate.refused", "page", "living.generate", msg);
    s->form_error(r, "month", msg);
    return months_page(r, s, status);
}

int pay_month_generate_post(portal_req *r, const struct portal_services *s)
{
    const char *month = living_month_first(r, s, s->param(r, "month"));
    if (!s->scope_prefix(r))
        return s->refuse(r, 403, "page", "living.generate", "user without a division",
                         "您的账户没有辖区。");
    if (!month)
        return generate_refused(r, s, 400, "月份格式不正确，应为 YYYY-MM，例如 2025-07。");
    if (strcmp(month, next_month(r, s)) > 0)
        return generate_refused(r, s, 400, s->sprintf(r, "最多只能提前生成下个月（%.7s）的发放名单。",
                                                      next_month(r, s)));
    long long batch = month_batch_for_post(r, s, month, 1);
    if (batch == 0)
        return generate_refused(
            r, s, 409, s->sprintf(r, "%.7s 的发放名单已锁定，不能重新生成。锁定后批准的待遇会作为补发自动计入下一个未锁定的月份；如需补发或更正，请在未锁定的月份中办理。", month));
    if (batch < 0)
        return 500;
    long long n = living_post_owed(r, s, batch, month, 0, NULL);
    if (n < 0) {
        const char *why = s->pay_error(r);
        return why ? generate_refused(r, s, 409, why) : 500;
    }
    s->audit(r, "living.generate", "pay_batch", s->sprintf(r, "%lld", batch),
             s->sprintf(r, "added=%lld month=%.7s scope=%s", n, month, s->scope_prefix(r)));
    s->flash(r, n ? s->sprintf(r, "已生成 %.7s 的发放名单，新增 %lld 条记录。", month, n)
                  : s->sprintf(r, "%.7s 的发放名单没有新增记录（已生成的记录保持不变）。", month));
    return s->redirect(r, s->sprintf(r, "/payments/batch/%lld", batch));
}

/* ------------------------------------------------------------ the months */

int pay_month_list_get(portal_req *r, const struct portal_services *s)
{
    return months_page(r, s, 200);
}

/* the months, with the generate form (Errors.month after a refusal) */
static int months_page(portal_req *r, const struct portal_services *s, int status)
{
    const char *scope = s->scope_prefix(r);
    if (!scope)
        return s->refuse(r, 403, "page", "living.months", "user without a division",
                         "您的账户没有辖区。");
    if (s->db_query_hdf(
            r, "Months",
            "SELECT DATE_FORMAT(lm.month, '%Y-%m') AS month, b.id AS batch_id, b.status, "
            "(SELECT COUNT(*) FROM pay_lines l WHERE l.batch_id = b.id AND l.township_code LIKE "
            "CONCAT(?, '%')) AS `lines`, (SELECT COALESCE(SUM(l.amount_fen), 0) FROM pay_lines "
            "l WHERE l.batch_id = b.id AND l.township_code LIKE CONCAT(?, '%')) AS amount_fen, "
            "(SELECT COUNT(*) FROM pay_lines l WHERE l.batch_id = b.id AND l.period < lm.month "
            "AND l.corrects_id IS NULL AND l.township_code LIKE CONCAT(?, '%')) AS backpay, "
            "lm.month > ? AS ahead, "
            "b.locked_at, (SELECT display_name FROM users WHERE id = b.locked_by) AS locked_by "
            "FROM living_ledger_months lm JOIN pay_batches b ON b.id = lm.batch_id "
            "ORDER BY lm.month DESC LIMIT 120", "ssss", scope, scope, scope,
            living_this_month(r, s)) < 0)
        return 500;
    s->setf(r, "ThisMonth", "%.7s", s->today(r));
    s->setf(r, "NextMonth", "%.7s", next_month(r, s));
    s->render(r, "pay_month_list.cs", "月度发放");
    return status;
}

/* GET /living/payments/{month}: the month's batch on the payments pages */
int pay_month_get(portal_req *r, const struct portal_services *s)
{
    if (!s->scope_prefix(r))
        return s->refuse(r, 403, "page", "living.month", "user without a division",
                         "您的账户没有辖区。");
    long long batch = living_month_batch(r, s, s->sprintf(r, "%s-01", s->path_arg(r, "month")),
                                         NULL);
    if (batch < 0)
        return 500;
    if (batch == 0)
        return s->fail(r, 404, "该月的发放名单尚未生成。");
    return s->redirect(r, s->sprintf(r, "/payments/batch/%lld", batch));
}

int living_month_totals_hdf(portal_req *r, const struct portal_services *s, const char *prefix)
{
    const char *scope = s->scope_prefix(r), *month = living_this_month(r, s), *st = NULL;
    s->set(r, s->sprintf(r, "%s.month", prefix), s->sprintf(r, "%.7s", month));
    long long batch = scope ? living_month_batch(r, s, month, &st) : 0;
    s->set(r, s->sprintf(r, "%s.status", prefix), batch > 0 ? st : "none");
    if (batch <= 0)
        return batch < 0 ? -1 : 0;
    s->set(r, s->sprintf(r, "%s.batch", prefix), s->sprintf(r, "%lld", batch));
    return s->db_row_hdf(r, prefix, "SELECT COUNT(*) AS `lines`, COALESCE(SUM(l.amount_fen), 0) "
                         "AS amount_fen, COUNT(DISTINCT l.child_id) AS children FROM pay_lines l "
                         "WHERE l.batch_id = ? AND l.township_code LIKE CONCAT(?, '%')",
                         "is", batch, scope) == 1 ? 0 : -1;
}

/* ------------------------------------------------------------ back pay, corrections */

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
    int rc = living_grant_of_form(r, s, a->grant_id, &a->child_id);
    if (rc)
        return rc;
    a->note = s->param(r, "note");
    const char *fm = s->param(r, "for_month");
    if (fm && *fm) {
        a->for_month = living_month_first(r, s, fm);
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

/* a correction of the grant's first line for the month: a new line
 * referencing it.  The line's id, 0 refused (answered), -1 on an error */
static long long correction_post(portal_req *r, const struct portal_services *s, long long batch,
                                 const struct adjustment *a, int *status)
{
    portal_rows *q = s->db_query(r, "SELECT id, programme FROM pay_lines WHERE source_module = "
                                    "'living' AND source_id = ? AND period = ? AND corrects_id "
                                    "IS NULL ORDER BY id LIMIT 1", "is", a->grant_id, a->for_month);
    if (!q)
        return -1;
    if (!s->db_next(q)) {
        *status = s->fail(r, 409, "所属月份没有该保障的发放记录，无法更正；应发未发的请添加补发。");
        return 0;
    }
    struct portal_pay_line l = {batch, a->child_id, 0, s->col(q, "programme"),
                                s->sprintf(r, "%.7s", a->for_month), a->fen, a->note,
                                a->grant_id, atoll(s->col(q, "id"))};
    long long id = s->pay_line(r, &l);
    if (id <= 0)
        *status = s->pay_error(r) ? s->fail(r, 409, s->pay_error(r)) : 500;
    return id;
}

/* the back pay's line: its id, 0 refused (answered), -1 on an error */
static long long backpay_post(portal_req *r, const struct portal_services *s, long long batch,
                              const struct adjustment *a, int *status)
{
    const char *note = a->note && *a->note ? a->note : s->sprintf(r, "补发 %.7s", a->for_month);
    long long n = living_post_owed(r, s, batch, a->for_month, a->grant_id, note);
    if (n < 0) {
        *status = s->pay_error(r) ? s->fail(r, 409, s->pay_error(r)) : 500;
        return 0;
    }
    if (n == 0) {
        *status = s->fail(r, 409, "该月不能补发：该儿童在所属月份不符合发放条件，或该月已发放（含已补发）。");
        return 0;
    }
    portal_rows *q = s->db_query(r, "SELECT MAX(id) FROM pay_lines WHERE batch_id = ? AND "
                                    "source_module = 'living' AND source_id = ?",
                                 "ii", batch, a->grant_id);
    return q && s->db_next(q) && s->db_col(q, 0) ? atoll(s->db_col(q, 0)) : -1;
}

/* POST /living/payments/{month}/adjust: a back pay or a correction, posted
 * into the month's batch; the month's row is locked from the check to the
 * line, a refusal rolls the transaction back. */
int pay_month_adjust_post(portal_req *r, const struct portal_services *s)
{
    const char *month = s->sprintf(r, "%s-01", s->path_arg(r, "month")), *st = NULL;
    if (living_month_batch(r, s, month, &st) > 0 && !living_batch_open(st))
        return s->fail(r, 409, LIVING_MSG_LOCKED);
    struct adjustment a;
    int rc = adjust_read(r, s, month, &a);
    if (rc)
        return rc;
    long long batch = month_batch_for_post(r, s, month, 0);
    if (batch == -2)
        return s->fail(r, 409, "请先生成该月的发放名单，再添加补发或更正。");
    if (batch == 0)
        return s->fail(r, 409, LIVING_MSG_LOCKED);
    if (batch < 0)
        return 500;
    int status = 500;
    long long id = a.backpay ? backpay_post(r, s, batch, &a, &status)
                             : correction_post(r, s, batch, &a, &status);
    if (id <= 0)
        return id == 0 ? status : 500;
    portal_rows *q = s->db_query(r, "SELECT amount_fen FROM pay_lines WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    long long fen = atoll(s->db_col(q, 0));
    const char *what = a.backpay ? "补发" : "更正", *note = a.note && *a.note ? a.note : NULL;
    if (s->child_event(r, a.child_id, a.backpay ? "living.backpay" : "living.correction",
                       s->sprintf(r, "%.7s 发放名单中%s %.7s 的基本生活保障 %s 元%s%s", month,
                                  what, a.for_month, s->fen_to_yuan(r, fen), note ? "：" : "",
                                  note ? note : "")) != 0)
        return 500;
    s->audit(r, a.backpay ? "living.backpay" : "living.correction", "living_grant",
             s->sprintf(r, "%lld", a.grant_id),
             s->sprintf(r, "month=%.7s for=%.7s amount_fen=%lld line=%lld", month, a.for_month,
                        fen, id));
    s->flash(r, s->sprintf(r, "已添加%s记录：%s 元。", what, s->fen_to_yuan(r, fen)));
    return s->redirect(r, s->sprintf(r, "/payments/batch/%lld", batch));
}
