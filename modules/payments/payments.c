/*
 * payments - 支付台账: the pages of the payments ledger every module posts
 * into (core tables pay_batches, pay_lines, pay_payees; services pay_* in
 * portal_module.h).  The batches list, a batch's lines with totals per
 * township and per programme, review and lock (four eyes: whoever opened
 * the batch or posted a line of it does not review it), the bank file
 * (CSV, accounts decrypted only there, audited with its row count and total
 * before the first byte), an .xlsx of the lines and a printable summary.
 * A batch is county-wide; its lines are shown in the user's scope only, and
 * review, lock and export need a scope covering every line.
 */
#include "portal_module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINES_PAGE 100
#define SCOPE "l.township_code LIKE CONCAT(?, '%')"

/* "batch:id": batches are county-wide (their lines are filtered by scope);
 * a user without a division sees none */
static int batch_load(portal_req *r, const struct portal_services *s, long long id,
                      struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT id FROM pay_batches WHERE id = ?", "i", id);
    if (!q || !s->db_next(q) || !s->scope_prefix(r))
        return 404;
    o->division = NULL;
    return 0;
}

static const char *idstr(portal_req *r, const struct portal_services *s, long long id)
{
    return s->sprintf(r, "%lld", id);
}

static int batch_list_get(portal_req *r, const struct portal_services *s)
{
    const char *module = s->param(r, "module"), *programme = s->param(r, "programme");
    const char *period = s->param(r, "period");
    if (period && *period && s->month_check(period) != 0)
        return s->fail(r, 400, "月份须为 YYYY-MM，例如 2026-12。");
    if (s->db_query_hdf(r, "Batches",
                        "SELECT b.id, b.module, b.programme, DATE_FORMAT(b.period, '%Y-%m') "
                        "AS period, b.title, b.status, b.created_at, COALESCE(t.n_lines, 0) AS "
                        "n_lines, COALESCE(t.amount_fen, 0) AS amount_fen FROM pay_batches b "
                        "LEFT JOIN (SELECT l.batch_id, COUNT(*) AS n_lines, SUM(l.amount_fen) AS "
                        "amount_fen FROM pay_lines l WHERE " SCOPE " GROUP BY l.batch_id) t ON "
                        "t.batch_id = b.id WHERE (? = '' OR b.module = ?) AND (? = '' OR "
                        "b.programme = ?) AND (? = '' OR b.period = CONCAT(?, '-01')) "
                        "ORDER BY b.period DESC, b.id DESC LIMIT 300", "sssssss",
                        s->scope_prefix(r), module ? module : "", module ? module : "",
                        programme ? programme : "", programme ? programme : "",
                        period ? period : "", period ? period : "") < 0)
        return 500;
    return s->render(r, "batch_list.cs", "支付台账");
}

/* the batch's header as Batch.* */
static int batch_hdf(portal_req *r, const struct portal_services *s, long long id)
{
    return s->db_row_hdf(
        r, "Batch",
        "SELECT b.id, b.module, b.programme, DATE_FORMAT(b.period, '%Y-%m') AS period, b.title, "
        "b.status, b.created_at, b.reviewed_at, b.locked_at, b.exported_at, CONCAT(b.module, "
        "'.programme') AS programme_kind, (SELECT display_name FROM users WHERE id = "
        "b.created_by) AS created_by, (SELECT display_name FROM users WHERE id = b.reviewed_by) "
        "AS reviewed_by, (SELECT display_name FROM users WHERE id = b.locked_by) AS locked_by, "
        "(SELECT display_name FROM users WHERE id = b.exported_by) AS exported_by "
        "FROM pay_batches b WHERE b.id = ?", "i", id) == 1 ? 0 : -1;
}

/* totals in the user's scope: Total, Towns.N, Programmes.N, Grid.N */
static int totals_hdf(portal_req *r, const struct portal_services *s, long long id)
{
    const char *sp = s->scope_prefix(r);
    if (s->db_row_hdf(r, "Total", "SELECT COUNT(*) AS n_lines, COUNT(DISTINCT l.child_id) AS "
                      "children, COALESCE(SUM(l.amount_fen), 0) AS amount_fen FROM pay_lines l "
                      "WHERE l.batch_id = ? AND " SCOPE, "is", id, sp) != 1 ||
        s->db_query_hdf(r, "Towns", "SELECT l.township_code, COUNT(*) AS n_lines, COUNT(DISTINCT "
                        "l.child_id) AS children, SUM(l.amount_fen) AS amount_fen FROM "
                        "pay_lines l WHERE l.batch_id = ? AND " SCOPE " GROUP BY "
                        "l.township_code ORDER BY l.township_code", "is", id, sp) < 0 ||
        s->db_query_hdf(r, "Programmes", "SELECT l.programme, COUNT(*) AS n_lines, "
                        "COUNT(DISTINCT l.child_id) AS children, SUM(l.amount_fen) AS amount_fen "
                        "FROM pay_lines l WHERE l.batch_id = ? AND " SCOPE " GROUP BY "
                        "l.programme ORDER BY l.programme", "is", id, sp) < 0 ||
        s->db_query_hdf(r, "Grid", "SELECT l.township_code, l.programme, COUNT(*) AS n_lines, "
                        "COUNT(DISTINCT l.child_id) AS children, SUM(l.amount_fen) AS amount_fen "
                        "FROM pay_lines l WHERE l.batch_id = ? AND " SCOPE " GROUP BY "
                        "l.township_code, l.programme ORDER BY l.township_code, l.programme",
                        "is", id, sp) < 0)
        return -1;
    return 0;
}

/* the line's payee: its own (an institution), else the child's account */
#define PAYEE_JOIN                                                                         \
    "LEFT JOIN pay_payees p ON p.id = COALESCE(l.payee_id, (SELECT a.id FROM pay_payees a " \
    "WHERE l.payee_id IS NULL AND a.child_id = l.child_id)) "

/* one page of lines (keyset by id) as Lines.N, Next when there are more */
static int lines_hdf(portal_req *r, const struct portal_services *s, long long id,
                     long long after)
{
    portal_rows *q = s->db_query(
        r,
        "SELECT l.id, l.child_id, c.name AS child, c.id_last4, l.township_code, l.programme, "
        "DATE_FORMAT(l.period, '%Y-%m') AS period, l.amount_fen, l.reason, l.corrects_id, "
        "l.source_id, p.holder, p.account_masked, l.corrects_id IS NULL AND l.period < "
        "bb.period AS backpay FROM pay_lines l JOIN pay_batches bb ON bb.id = l.batch_id "
        "LEFT JOIN children c ON "
        "c.id = l.child_id " PAYEE_JOIN "WHERE l.batch_id = ? AND " SCOPE " AND l.id > ? "
        "ORDER BY l.id LIMIT 101", "isi", id, s->scope_prefix(r), after);
    if (!q)
        return -1;
    int n = 0;
    while (s->db_next(q)) {
        if (n == LINES_PAGE) {
            s->set(r, "Lines.Next", s->sprintf(r, "%lld", after));
            break;
        }
        s->put_row(r, s->sprintf(r, "Lines.Rows.%d", n++), q);
        after = atoll(s->col(q, "id"));
    }
    if (s->db_row_hdf(r, "NoAccount", "SELECT COUNT(*) AS n_lines, COALESCE(SUM(l.amount_fen), 0) "
                      "AS amount_fen FROM pay_lines l " PAYEE_JOIN "WHERE l.batch_id = ? AND "
                      SCOPE " AND p.id IS NULL", "is", id, s->scope_prefix(r)) != 1)
        return -1;
    return 0;
}

/* the batch's page; status 200, or 403/409 after a refused step whose
 * reason form_error put beside its button (Errors.review, Errors.lock,
 * Errors.confirm): the same page, nothing changed */
static int batch_page(portal_req *r, const struct portal_services *s, int status)
{
    long long id = s->object(r)->id, after = s->param_int(r, "after", 0);
    if (batch_hdf(r, s, id) != 0 || totals_hdf(r, s, id) != 0 || lines_hdf(r, s, id, after) != 0)
        return 500;
    if (after > 0)
        s->set(r, "Lines.First", "1");
    static const char *const perms[] = {"payments.review", "payments.lock", "payments.export"};
    static const char *const flags[] = {"Can.review", "Can.lock", "Can.export"};
    for (int i = 0; i < 3; i++)
        if (s->has_perm(r, perms[i]))
            s->set(r, flags[i], "1");
    s->audit(r, "payments.batch.read", "pay_batch", idstr(r, s, id),
             s->sprintf(r, "scope=%s after=%lld", s->scope_prefix(r), after));
    s->render(r, "batch.cs", "支付批次");
    return status;
}

static int batch_get(portal_req *r, const struct portal_services *s)
{
    return batch_page(r, s, 200);
}

static int batch_summary_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (batch_hdf(r, s, id) != 0 || totals_hdf(r, s, id) != 0)
        return 500;
    s->set(r, "PrintedBy", s->user(r)->display_name);
    s->set(r, "PrintedOn", s->today(r));
    /* the printed form: the issuing unit, the total in 人民币大写 */
    s->set(r, "IssuedBy", s->user(r)->org_name ? s->user(r)->org_name : "");
    portal_rows *q = s->db_query(r, "SELECT COALESCE(SUM(amount_fen), 0) FROM pay_lines l WHERE "
                                 "l.batch_id = ? AND " SCOPE, "is", id, s->scope_prefix(r));
    if (!q || !s->db_next(q))
        return 500;
    s->set(r, "TotalUpper", s->fen_to_rmb_upper(r, atoll(s->db_col(q, 0))));
    s->audit(r, "payments.summary.view", "pay_batch", idstr(r, s, id),
             s->sprintf(r, "scope=%s", s->scope_prefix(r)));
    return s->render(r, "batch_summary.cs", "支付汇总表");
}

/* a step on the whole batch needs a scope covering every line of it */
static int whole_batch_in_scope(portal_req *r, const struct portal_services *s, long long id)
{
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM pay_lines l WHERE l.batch_id = ? AND "
                                 "NOT " SCOPE, "is", id, s->scope_prefix(r));
    return q && s->db_next(q) && strcmp(s->db_col(q, 0), "0") == 0;
}

/* the batch as a step needs it, its row locked until the host commits */
struct step_state {
    const char *status, *figures;
    long long created_by, reviewed_by, lines, posted_by_user;
};

static int step_state(portal_req *r, const struct portal_services *s, long long id,
                      struct step_state *b)
{
    portal_rows *q = s->db_query(r, "SELECT status, created_by, COALESCE(reviewed_by, 0) FROM "
                                 "pay_batches WHERE id = ? FOR UPDATE", "i", id);
    if (!q || !s->db_next(q))
        return -1;
    b->status = s->db_col(q, 0);
    b->created_by = atoll(s->db_col(q, 1));
    b->reviewed_by = atoll(s->db_col(q, 2));
    q = s->db_query(r, "SELECT COUNT(*), COALESCE(SUM(amount_fen), 0), COALESCE(SUM(posted_by "
                    "= ?), 0) FROM pay_lines WHERE batch_id = ?", "ii", s->user(r)->id, id);
    if (!q || !s->db_next(q))
        return -1;
    b->lines = atoll(s->db_col(q, 0));
    b->posted_by_user = atoll(s->db_col(q, 2));
    b->figures = s->sprintf(r, "lines=%s total_fen=%s", s->db_col(q, 0), s->db_col(q, 1));
    return 0;
}

/* a refused step: audited (kept), the batch page again with the reason
 * beside the step's button */
static int step_refused(portal_req *r, const struct portal_services *s, const char *step,
                        int status, const char *field, const char *reason, const char *msg)
{
    s->audit(r, s->sprintf(r, "payments.%s.refused", step), "pay_batch",
             idstr(r, s, s->object(r)->id), reason);
    s->form_error(r, field ? field : step, msg);
    return batch_page(r, s, status);
}

/* separation of duties (issue 20): whoever opened the batch or posted a
 * line of it neither reviews nor locks it, and the reviewer does not lock
 * it; NULL when the user may take `step`.  The workflow's one-clerk
 * township waiver never reaches these county steps; a county with a single
 * finance clerk sets one_finance_clerk (default 0, a module administrator's
 * dated setting): the rule then gives way and the step is audited
 * payments.duties.waived each time (*waived = 1). */
static const char *duties_refusal(const struct portal_services *s, portal_req *r,
                                  const char *step, const struct step_state *b, int *waived)
{
    long long uid = s->user(r)->id;
    const char *why = NULL;
    *waived = 0;
    if (b->created_by == uid || b->posted_by_user > 0)
        why = strcmp(step, "review") == 0
                  ? "复核人不能是该批次的建立人或录入人（双人复核），请由其他工作人员复核。"
                  : "锁定人不能是该批次的建立人或录入人，请由其他工作人员锁定。";
    else if (strcmp(step, "lock") == 0 && b->reviewed_by == uid)
        why = "职责分离：该批次由您复核，锁定须由复核人以外的工作人员办理。";
    if (why && s->setting_int(r, "one_finance_clerk", NULL) == 1) {
        *waived = 1;
        return NULL;
    }
    return why;
}

/* a step (review, lock) done: audited payments.<step> with the batch's
 * figures, and before it, under the single-finance-clerk waiver, the
 * waiver with why; the batch's page again with the step's message */
static int step_done(portal_req *r, const struct portal_services *s, const char *step,
                     int waived, const struct step_state *b, const char *msg)
{
    long long id = s->object(r)->id;
    if (waived)
        s->audit(r, "payments.duties.waived", "pay_batch", idstr(r, s, id),
                 s->sprintf(r, "%s by the batch's opener, poster or reviewer: the county has "
                            "one finance clerk (payments.one_finance_clerk); %s", step,
                            b->figures));
    s->audit(r, s->sprintf(r, "payments.%s", step), "pay_batch", idstr(r, s, id), b->figures);
    s->flash(r, msg);
    return s->redirect(r, s->sprintf(r, "/payments/batch/%lld", id));
}

static int batch_review_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, uid = s->user(r)->id;
    struct step_state b;
    if (step_state(r, s, id, &b) != 0)
        return 500;
    const char *why;
    if (strcmp(b.status, "draft") != 0)
        return step_refused(r, s, "review", 409, NULL, "not a draft",
                            strcmp(b.status, "reviewed") == 0 ? "该批次已复核。"
                                                              : "该批次已锁定，不能再复核。");
    if (b.lines == 0)
        return step_refused(r, s, "review", 409, NULL, "empty batch",
                            "该批次还没有发放明细（发放名单为空），不能复核；请先核对是否已生成发放名单。");
    int waived;
    if ((why = duties_refusal(s, r, "review", &b, &waived)) != NULL)
        return step_refused(r, s, "review", 403, NULL, "reviewer opened or posted in the batch",
                            why);
    if (!whole_batch_in_scope(r, s, id))
        return s->refuse(r, 403, "pay_batch", idstr(r, s, id), "batch beyond the user's scope",
                         "该批次含有您辖区以外的明细，须由上级复核。");
    if (s->db_exec(r, "UPDATE pay_batches SET status = 'reviewed', reviewed_by = ?, reviewed_at "
                   "= UTC_TIMESTAMP() WHERE id = ? AND status = 'draft'", "ii", uid, id) != 1)
        return 500;
    return step_done(r, s, "review", waived, &b, "该批次已复核。");
}

static int batch_lock_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    struct step_state b;
    if (step_state(r, s, id, &b) != 0)
        return 500;
    const char *why, *confirm = s->param(r, "confirm");
    if (strcmp(b.status, "locked") == 0 || strcmp(b.status, "exported") == 0)
        return step_refused(r, s, "lock", 409, NULL, "locked already", "该批次已锁定。");
    if (strcmp(b.status, "reviewed") != 0)
        return step_refused(r, s, "lock", 409, NULL, "not reviewed",
                            "请先复核该批次，复核后才能锁定。");
    if (b.lines == 0)
        return step_refused(r, s, "lock", 409, NULL, "empty batch",
                            "该批次没有发放明细（发放名单为空），不能锁定。");
    int waived;
    if ((why = duties_refusal(s, r, "lock", &b, &waived)) != NULL)
        return step_refused(r, s, "lock", 403, NULL, "locker reviewed, opened or posted", why);
    if (!confirm || strcmp(confirm, "1") != 0)
        return step_refused(r, s, "lock", 400, "confirm", "not confirmed",
                            "请勾选“我已核对，确认锁定”：锁定后不能再添加或修改明细。");
    if (!whole_batch_in_scope(r, s, id))
        return s->refuse(r, 403, "pay_batch", idstr(r, s, id), "batch beyond the user's scope",
                         "该批次含有您辖区以外的明细，须由上级锁定。");
    if (s->db_exec(r, "UPDATE pay_batches SET status = 'locked', locked_by = ?, locked_at = "
                   "UTC_TIMESTAMP() WHERE id = ? AND status = 'reviewed'", "ii",
                   s->user(r)->id, id) != 1)
        return 500;
    return step_done(r, s, "lock", waived, &b, "该批次已锁定，不能再添加或修改明细。");
}

/* ------------------------------------------------------------ bank file */

/* one transfer per township, payee and programme: the lines (payments,
 * back pay, corrections) summed; a non-positive net is not a transfer.
 * The child's account is a LEFT JOIN, not a correlated subquery: MariaDB
 * answered the subquery form wrongly when a connection executed the
 * prepared statement a second time (a transfer went missing from the bank
 * file; test_payments after test_living_pay). */
#define TRANSFERS                                                                          \
    "SELECT x.township_code, COALESCE(t.name, x.township_code) AS town, p.holder, "        \
    "p.bank_name, p.account_enc, COALESCE(c.name, '') AS child, p.child_id, x.programme, "  \
    "SUM(x.amount_fen) AS fen, GROUP_CONCAT(DISTINCT DATE_FORMAT(x.bp, '%Y-%m') ORDER BY "  \
    "x.bp SEPARATOR '、') AS backpay FROM (SELECT l.township_code, l.programme, "          \
    "l.amount_fen, COALESCE(l.payee_id, a.id) AS pid, IF(l.corrects_id IS NULL AND "       \
    "l.period < bb.period, l.period, NULL) AS bp FROM pay_lines l JOIN pay_batches bb ON " \
    "bb.id = l.batch_id LEFT JOIN pay_payees a ON "                                       \
    "l.payee_id IS NULL AND a.child_id = l.child_id WHERE l.batch_id = ? AND " SCOPE       \
    ") x JOIN pay_payees p ON p.id = x.pid LEFT JOIN children c ON c.id = p.child_id "     \
    "LEFT JOIN divisions t ON t.code = x.township_code GROUP BY x.township_code, p.id, "   \
    "x.programme HAVING SUM(x.amount_fen) > 0"

struct bank_out {
    portal_req *r;
    const struct portal_services *s;
    const char *kind, *period;
    long long rows, fen, failed;
};

static int bank_row(void *ctx, portal_rows *rows)
{
    struct bank_out *o = ctx;
    const struct portal_services *s = o->s;
    int ei = s->col_index(rows, "account_enc");
    const char *acct = s->decrypt(o->r, s->db_col(rows, ei), s->db_col_len(rows, ei));
    if (!acct) {
        o->failed++;
        return 0;
    }
    const char *child = s->col(rows, "child_id");
    s->export_row(o->r, child ? atoll(child) : 0);
    long long fen = atoll(s->col(rows, "fen"));
    const char *bp = s->col(rows, "backpay");
    const char *cells[] = {s->col(rows, "holder"), s->col(rows, "bank_name"), acct,
                           s->fen_to_yuan(o->r, fen), s->col(rows, "child"), s->col(rows, "town"),
                           s->label(o->r, o->kind, s->col(rows, "programme")), o->period,
                           bp && *bp ? s->sprintf(o->r, "含补发 %s", bp) : ""};
    for (int i = 0; i < 9; i++)
        s->csv_cell(o->r, cells[i], i == 8);
    o->rows++;
    o->fen += fen;
    return 0;
}

/* the transfers' count and total, for the audit row before the first byte */
static int bank_figures(portal_req *r, const struct portal_services *s, long long id,
                        long long *rows, long long *fen)
{
    portal_rows *q = s->db_query(r, "SELECT COUNT(*), COALESCE(SUM(fen), 0) FROM (" TRANSFERS
                                 ") y", "is", id, s->scope_prefix(r));
    if (!q || !s->db_next(q))
        return -1;
    *rows = atoll(s->db_col(q, 0));
    *fen = atoll(s->db_col(q, 1));
    return 0;
}

static int batch_bank_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, want_rows, want_fen;
    struct step_state b;
    if (step_state(r, s, id, &b) != 0)
        return 500;
    const char *st = b.status;
    if (strcmp(st, "locked") != 0 && strcmp(st, "exported") != 0)
        return s->fail(r, 409, "批次锁定后才能导出银行代发文件。");
    if (bank_figures(r, s, id, &want_rows, &want_fen) != 0)
        return 500;
    struct portal_export ex = {"payments.bank", s->sprintf(r, "银行代发文件（批次 %lld）", id),
                               want_rows, 0, "收款人姓名、银行账号、金额、儿童姓名"};
    int est = s->export_begin(r, &ex);
    if (est)
        return est;
    s->audit(r, "payments.bankfile", "pay_batch", idstr(r, s, id),
             s->sprintf(r, "rows=%lld total_fen=%lld scope=%s", want_rows, want_fen,
                        s->scope_prefix(r)));
    if (strcmp(st, "locked") == 0 &&
        s->db_exec(r, "UPDATE pay_batches SET status = 'exported', exported_by = ?, "
                   "exported_at = UTC_TIMESTAMP() WHERE id = ?", "ii", s->user(r)->id, id) != 1)
        return 500;
    /* the audit row and the status are committed before the first byte */
    if (s->db_commit_now(r) != 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT CONCAT(module, '.programme'), DATE_FORMAT(period, "
                                 "'%Y-%m') FROM pay_batches WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    struct bank_out o = {r, s, s->db_col(q, 0), s->db_col(q, 1), 0, 0, 0};
    s->header(r, "Content-Type", "text/csv; charset=utf-8");
    s->header(r, "Content-Disposition",
              s->sprintf(r, "attachment; filename=\"payments-bank-%lld.csv\"", id));
    s->write(r, "\xEF\xBB\xBF", 3);
    static const char *const head[] = {"收款人", "开户行", "账号", "金额（元）", "儿童姓名",
                                       "乡镇", "项目", "月份", "备注"};
    for (int i = 0; i < 9; i++)
        s->csv_cell(r, head[i], i == 8);
    long long n = s->db_stream(r, bank_row, &o, TRANSFERS " ORDER BY x.township_code, p.id, "
                               "x.programme", "is", id, s->scope_prefix(r));
    if (n < 0) {
        s->log("PM0101", "bank file of batch %lld failed after %lld rows", id, o.rows);
        if (!s->output_sent(r))
            return s->fail(r, 500, NULL);
    }
    if (n >= 0 && (o.rows != want_rows || o.fen != want_fen))
        s->log("PM0103", "bank file of batch %lld holds rows=%lld total_fen=%lld, audited "
               "rows=%lld total_fen=%lld", id, o.rows, o.fen, want_rows, want_fen);
    if (!o.failed)
        return n < 0 ? 500 : 200;
    /* a transfer left out: the file must not be used, the register marks
     * it failed (a small file has not gone out yet: an error page) */
    s->log("PM0102", "bank file of batch %lld: %lld accounts failed to decrypt", id, o.failed);
    return s->output_sent(r) ? 500 : s->fail(r, 500, "有收款账号无法解密，银行代发文件不完整，"
                                             "已登记为导出失败，请联系系统管理员。");
}

/* ------------------------------------------------------------ .xlsx */

struct xlsx_out {
    portal_req *r;
    const struct portal_services *s;
    portal_xlsx *x;
    const char *kind;
    int full;
};

static int xlsx_line(void *ctx, portal_rows *rows)
{
    struct xlsx_out *o = ctx;
    const struct portal_services *s = o->s;
    const char *last4 = s->col(rows, "id_last4");
    const char *child = s->col(rows, "child_id");
    s->export_row(o->r, child ? atoll(child) : 0);
    const char *cells[] = {s->col(rows, "id"), s->col(rows, "child"),
                           last4 ? s->sprintf(o->r, "**************%s", last4) : NULL,
                           s->col(rows, "town"),
                           s->label(o->r, o->kind, s->col(rows, "programme")),
                           s->col(rows, "period"), s->col(rows, "amount_fen"),
                           s->col(rows, "reason"), s->col(rows, "holder"),
                           s->col(rows, "account_masked"), s->col(rows, "corrects_id")};
    if (!o->full && s->xlsx_row(o->x, cells) != 0)
        o->full = 1;
    return o->full;
}

static int batch_lines_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    static const struct portal_xlsx_col cols[] = {
        {"明细编号", 10, PX_INT}, {"儿童姓名", 12, PX_TEXT}, {"身份证号", 22, PX_TEXT},
        {"乡镇（街道）", 14, PX_TEXT}, {"项目", 20, PX_TEXT}, {"所属月份", 10, PX_TEXT},
        {"金额（元）", 12, PX_MONEY}, {"事由", 30, PX_TEXT}, {"收款人", 12, PX_TEXT},
        {"账号", 16, PX_TEXT}, {"更正的明细", 10, PX_INT}, {NULL, 0, 0}};
    portal_rows *q = s->db_query(r, "SELECT CONCAT(module, '.programme'), (SELECT COUNT(*) FROM "
                                 "pay_lines l WHERE l.batch_id = b.id AND " SCOPE ") FROM "
                                 "pay_batches b WHERE b.id = ?", "si", s->scope_prefix(r), id);
    if (!q || !s->db_next(q))
        return 500;
    struct xlsx_out o = {r, s, NULL, s->db_col(q, 0), 0};
    struct portal_export ex = {"payments.lines", s->sprintf(r, "发放明细（批次 %lld）", id),
                               atoll(s->db_col(q, 1)), 0, "儿童姓名、脱敏身份证号、金额、收款人"};
    int est = s->export_begin(r, &ex);
    if (est)
        return est;
    o.x = s->xlsx_begin(r, s->sprintf(r, "payments-%lld.xlsx", id), "发放明细", cols);
    if (!o.x)
        return 500;
    s->audit(r, "payments.lines.export", "pay_batch", idstr(r, s, id),
             s->sprintf(r, "rows=%s scope=%s", s->db_col(q, 1), s->scope_prefix(r)));
    if (s->db_stream(r, xlsx_line, &o, "SELECT l.id, l.child_id, c.name AS child, c.id_last4, "
                     "COALESCE(t.name, l.township_code) AS town, l.programme, "
                     "DATE_FORMAT(l.period, '%Y-%m') AS period, l.amount_fen, l.reason, "
                     "p.holder, p.account_masked, l.corrects_id FROM pay_lines l LEFT JOIN "
                     "children c ON c.id = l.child_id LEFT JOIN divisions t ON t.code = "
                     "l.township_code " PAYEE_JOIN "WHERE l.batch_id = ? AND " SCOPE
                     " ORDER BY l.id", "is", id, s->scope_prefix(r)) < 0)
        return 500;
    return s->xlsx_end(o.x);
}

/* ------------------------------------------------------------ declarations */

static const struct portal_param list_params[] = {
    {"module", PP_CODE, 32, 0, "模块"},
    {"programme", PP_CODE, 32, 0, "项目"},
    {"period", PP_CODE, 7, 0, "月份"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param page_params[] = {
    {"after", PP_INT, 18, 0, "分页位置"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param lock_params[] = {
    {"confirm", PP_CODE, 1, 0, "确认"},
    {NULL, 0, 0, 0, NULL}};

#define SC PR_STATE_CHANGING
#define B "/payments/batch/{id:int}"
static const struct portal_route routes[] = {
    {"GET", "/payments/batch", batch_list_get, "payments.view", 0, list_params, NULL},
    {"GET", B, batch_get, "payments.view", 0, page_params, "batch:id"},
    {"GET", B "/summary", batch_summary_get, "payments.view", 0, NULL, "batch:id"},
    {"POST", B "/review", batch_review_post, "payments.review", SC, NULL, "batch:id"},
    {"POST", B "/lock", batch_lock_post, "payments.lock", SC, lock_params, "batch:id"},
    {"GET", B "/lines", batch_lines_get, "payments.view", PR_NO_LAYOUT, NULL, "batch:id"},
    {"POST", B "/bank", batch_bank_post, "payments.export", SC | PR_NO_LAYOUT, NULL, "batch:id"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};
#undef B
#undef SC

static const struct portal_loader loaders[] = {
    {"batch", "pay_batch", batch_load},
    {NULL, NULL, NULL}};

static const struct portal_label labels[] = {
    {"payments.status", "draft", "待复核"},
    {"payments.status", "reviewed", "已复核"},
    {"payments.status", "locked", "已锁定"},
    {"payments.status", "exported", "已导出"},
    {"payments.module", "living", "基本生活保障"},
    {"payments.module", "medical", "医疗救助"},
    {"payments.module", "education", "教育资助"},
    {"payments.module", "rehab", "康复救助"},
    {NULL, NULL, NULL}};

static const struct portal_permission perms[] = {
    {"payments.view", "支付台账：查看"},
    {"payments.review", "支付台账：复核"},
    {"payments.lock", "支付台账：锁定"},
    {"payments.export", "支付台账：导出银行代发文件"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"支付台账", "/payments/batch", "payments.view", 300},
    {NULL, NULL, NULL, 0}};

/* separation of duties: a county with one finance clerk (duties_refusal) */
static const struct portal_setting settings[] = {
    {"one_finance_clerk", PS_INT, NULL,
     "县级只有一名财务经办人（填 1：同一人可复核并锁定批次，逐次留痕；填 0：须由不同人员办理，默认）",
     "0"},
    {NULL, 0, NULL, NULL, NULL}};

static const struct portal_migration migrations[] = {
    {1, "001_payments.sql"},
    {0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "payments",
    .title = "支付台账",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .loaders = loaders,
    .labels = labels,
    .settings = settings,
};
