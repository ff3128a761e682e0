/*
 * pay.c - the payments ledger (issue 10 part 1; sql/016_payments.sql): the
 * services a module posts payments with (portal_module.h, "payments").
 * A module opens batches of its own, registers payees (a guardian's bank
 * account for a child, or an institution) and posts lines; a correction or
 * back pay is a new line referencing the line it corrects, never an edit
 * (triggers refuse UPDATE and DELETE of pay_lines, and any line into a
 * locked batch).  Review, lock and export are the payments module's pages.
 * Every call joins the request's transaction; a refusal writes nothing and
 * leaves its Chinese message for pay_error.
 */
#include "pay.h"
#include "db.h"
#include "child.h"
#include "crypto.h"
#include "dates.h"
#include "scope.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REASON_CHARS 200
#define NAME_CHARS 64
#define TITLE_CHARS 100
#define MAX_FEN 100000000000LL /* one billion yuan: no line is larger */

static char errbuf[512];
static const portal_req *err_req;

static void set_err(portal_req *r, const char *msg)
{
    snprintf(errbuf, sizeof errbuf, "%s", msg);
    err_req = r;
}

const char *pay_svc_error(portal_req *r)
{
    return err_req == r && errbuf[0] ? arena_strdup(r->a, errbuf) : NULL;
}

static void clear_err(portal_req *r)
{
    errbuf[0] = 0;
    err_req = r;
}

static const char *idstr(portal_req *r, long long id)
{
    return arena_sprintf(r->a, "%lld", id);
}

/* the calling module's name, NULL for the core (which posts nothing) */
static const char *caller(portal_req *r)
{
    return r->mod && !r->mod->builtin ? r->mod->m->name : NULL;
}

/* text of 1..max characters, valid UTF-8 without control characters */
static int text_ok(const char *s, size_t max)
{
    if (!s || !*s || !utf8_valid(s, strlen(s)) || utf8_chars(s) > max)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

static int code_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_')
            return 0;
    return 1;
}

/* a bank account number: 8 to 32 digits */
static int account_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 8 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* a refusal of a change: audited (kept after the rollback), message kept */
static long long refused(portal_req *r, const char *otype, long long oid, const char *why,
                         const char *msg)
{
    set_err(r, msg);
    audit(r, "pay.line.refused", otype, oid ? idstr(r, oid) : NULL, why);
    return 0;
}

long long pay_svc_batch_open(portal_req *r, const char *programme, const char *period,
                             const char *title)
{
    clear_err(r);
    const char *module = caller(r);
    if (!module || !r->logged_in) {
        set_err(r, "只有业务模块可以建立发放批次。");
        return 0;
    }
    if (!code_ok(programme) || !period || month_check(period) != 0 ||
        !text_ok(title, TITLE_CHARS)) {
        set_err(r, "发放批次的项目、月份或名称不正确。");
        return 0;
    }
    /* one open batch per module, programme and month (key one_open, core
     * migration 036): a second open, on any node, takes the first one's id
     * (affected rows 0: nothing written, nothing to audit) */
    long long n = db_exec(r->a, "INSERT INTO pay_batches (module, programme, period, title, "
                          "status, created_by, created_at) VALUES (?, ?, CONCAT(?, '-01'), ?, "
                          "'draft', ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE id = "
                          "LAST_INSERT_ID(id)", "ssssi", module, programme, period, title,
                          r->user.id);
    long long id = db_insert_id();
    if (n < 0 || id <= 0)
        return 0;
    if (n == 1)
        audit(r, "pay.batch.open", "pay_batch", idstr(r, id),
              arena_sprintf(r->a, "module=%s programme=%s period=%s", module, programme,
                            period));
    return id;
}

/* "6222****1234": enough for a person to recognise the account */
static const char *masked(portal_req *r, const char *account)
{
    size_t n = strlen(account);
    return arena_sprintf(r->a, "%.4s****%s", account, account + n - 4);
}

/* one payee row (kind account with child_id, or org with org_id): its id */
static long long payee_save(portal_req *r, const char *kind, long long child_id, long long org_id,
                            const char *holder, const char *bank, const char *account)
{
    if (!text_ok(holder, NAME_CHARS) || !text_ok(bank, NAME_CHARS) || !account_ok(account)) {
        set_err(r, "收款人、开户行须填写（64 字以内），账号须为 8 至 32 位数字。");
        return 0;
    }
    size_t elen = 0;
    unsigned char *enc = crypto_encrypt(r->a, account, strlen(account), &elen);
    if (!enc) {
        log_msg("PT0901", "payee account not saved: encryption unavailable");
        set_err(r, "系统加密功能不可用，账号未保存，请联系系统管理员。");
        return 0;
    }
    const char *m = masked(r, account);
    if (db_exec(r->a, "INSERT INTO pay_payees (kind, child_id, org_id, holder, bank_name, "
                "account_enc, account_masked, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                "?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), "
                "holder = VALUES(holder), bank_name = VALUES(bank_name), account_enc = "
                "VALUES(account_enc), account_masked = VALUES(account_masked), updated_by = "
                "VALUES(updated_by), updated_at = VALUES(updated_at)", "sssssbsi", kind,
                child_id ? idstr(r, child_id) : NULL, org_id ? idstr(r, org_id) : NULL, holder,
                bank, enc, elen, m, r->user.id) < 0)
        return 0;
    long long id = db_insert_id();
    audit(r, "pay.payee.save", "pay_payee", idstr(r, id),
          arena_sprintf(r->a, "kind=%s child=%lld org=%lld account=%s", kind, child_id, org_id,
                        m));
    return id;
}

long long pay_svc_payee_account(portal_req *r, long long child_id, const char *holder,
                                const char *bank, const char *account)
{
    clear_err(r);
    if (!caller(r) || !child_svc_get(r, child_id)) {
        set_err(r, "儿童不存在或不在您的辖区。");
        return 0;
    }
    return payee_save(r, "account", child_id, 0, holder, bank, account);
}

long long pay_svc_payee_org(portal_req *r, long long org_id, const char *bank,
                            const char *account)
{
    clear_err(r);
    db_rows *q = db_query(r->a, "SELECT name, division_code FROM orgs WHERE id = ? AND "
                          "active = 1", "i", org_id);
    if (!caller(r) || !q || !db_next(q) || !in_scope(r, db_col(q, 1))) {
        set_err(r, "收款机构不存在或不在您的辖区。");
        return 0;
    }
    return payee_save(r, "org", 0, org_id, db_col(q, 0), bank, account);
}

/* the batch, locked for the insert: 0 open (draft or reviewed), else refused */
static int line_batch(portal_req *r, const char *module, const struct portal_pay_line *l,
                      const char **programme, const char **period, int *reviewed)
{
    db_rows *q = db_query(r->a, "SELECT module, programme, DATE_FORMAT(period, '%Y-%m'), "
                          "status FROM pay_batches WHERE id = ? FOR UPDATE", "i", l->batch_id);
    if (!q || !db_next(q) || strcmp(db_col(q, 0), module) != 0) {
        refused(r, "pay_batch", l->batch_id, "no such batch of the module", "发放批次不存在。");
        return -1;
    }
    const char *st = db_col(q, 3);
    if (strcmp(st, "locked") == 0 || strcmp(st, "exported") == 0) {
        refused(r, "pay_batch", l->batch_id, arena_sprintf(r->a, "batch %s", st),
                "该发放批次已锁定，不能再添加发放明细；请在新的批次中补发或更正。");
        return -1;
    }
    *reviewed = strcmp(st, "reviewed") == 0;
    *programme = l->programme ? l->programme : db_col(q, 1);
    *period = l->period ? l->period : db_col(q, 2);
    return 0;
}

/* the township the line belongs to (the child's, else the institution's) */
static const char *line_township(portal_req *r, const struct portal_pay_line *l)
{
    const char *town = NULL;
    if (l->child_id) {
        const struct portal_child *c = child_svc_get(r, l->child_id);
        if (!c)
            return NULL;
        town = c->township_code;
    }
    if (l->payee_id) {
        db_rows *q = db_query(r->a, "SELECT p.kind, p.child_id, o.division_code FROM "
                              "pay_payees p LEFT JOIN orgs o ON o.id = p.org_id WHERE p.id = ?",
                              "i", l->payee_id);
        if (!q || !db_next(q))
            return NULL;
        if (strcmp(db_col(q, 0), "account") == 0 &&
            (!l->child_id || atoll(db_col(q, 1)) != l->child_id))
            return NULL;
        const char *div = db_col(q, 2);
        if (!town && div && in_scope(r, div))
            town = arena_sprintf(r->a, "%.9s000", div);
    }
    return town;
}

/* a correction: same child, payee, programme and module as the line it
 * corrects (itself not a correction), and the net never below zero */
static int line_corrects(portal_req *r, const char *module, const char *programme,
                         const struct portal_pay_line *l)
{
    db_rows *q = db_query(r->a, "SELECT COALESCE(child_id, 0), COALESCE(payee_id, 0), "
                          "programme, source_module, corrects_id, (SELECT SUM(amount_fen) FROM "
                          "pay_lines WHERE id = ? OR corrects_id = ?) FROM pay_lines WHERE id = ? "
                          "FOR UPDATE", "iii", l->corrects, l->corrects, l->corrects);
    const char *msg = NULL;
    if (!q || !db_next(q) || strcmp(db_col(q, 3), module) != 0)
        msg = "被更正的发放明细不存在。";
    else if (db_col(q, 4))
        msg = "请更正原始发放明细，而不是更正记录。";
    else if (atoll(db_col(q, 0)) != l->child_id || atoll(db_col(q, 1)) != l->payee_id ||
             strcmp(db_col(q, 2), programme) != 0)
        msg = "更正记录须与原发放明细的儿童、收款人和项目一致。";
    else if (atoll(db_col(q, 5)) + l->amount_fen < 0)
        msg = "更正后的金额不能为负数。";
    if (!msg)
        return 0;
    refused(r, "pay_line", l->corrects, "correction refused", msg);
    return -1;
}

/* the line's own fields: 0 ok, else refused */
static int line_fields(portal_req *r, const struct portal_pay_line *l, const char *programme,
                       const char *period)
{
    const char *msg = NULL;
    if (!code_ok(programme) || month_check(period) != 0)
        msg = "发放项目或所属月份不正确。";
    else if (!text_ok(l->reason, REASON_CHARS))
        msg = "请填写发放事由（200 字以内）。";
    else if (l->amount_fen == 0 || l->amount_fen > MAX_FEN || l->amount_fen < -MAX_FEN)
        msg = "发放金额不正确。";
    else if (l->amount_fen < 0 && !l->corrects)
        msg = "负数金额只能用于更正原发放明细。";
    else if (!l->child_id && !l->payee_id)
        msg = "请指定儿童或收款机构。";
    if (!msg)
        return 0;
    refused(r, "pay_batch", l->batch_id, "bad line", msg);
    return -1;
}

long long pay_svc_line(portal_req *r, const struct portal_pay_line *l)
{
    clear_err(r);
    const char *module = caller(r), *programme, *period;
    int reviewed = 0;
    if (!module || !r->logged_in || !l) {
        set_err(r, "只有业务模块可以登记发放明细。");
        return 0;
    }
    if (line_batch(r, module, l, &programme, &period, &reviewed) != 0 ||
        line_fields(r, l, programme, period) != 0)
        return 0;
    const char *town = line_township(r, l);
    if (!town)
        return refused(r, "pay_batch", l->batch_id, "child or payee absent or out of scope",
                       "儿童或收款人不存在、不在您的辖区，或收款账户不属于该儿童。");
    if (l->corrects && line_corrects(r, module, programme, l) != 0)
        return 0;
    if (reviewed && db_exec(r->a, "UPDATE pay_batches SET status = 'draft', reviewed_by = NULL, "
                            "reviewed_at = NULL WHERE id = ?", "i", l->batch_id) != 1)
        return 0;
    if (db_exec(r->a, "INSERT INTO pay_lines (batch_id, child_id, payee_id, township_code, "
                "programme, period, amount_fen, reason, source_module, source_id, corrects_id, "
                "posted_by, created_at) VALUES (?, ?, ?, ?, ?, CONCAT(?, '-01'), ?, ?, ?, ?, ?, ?, "
                "UTC_TIMESTAMP())", "isssssissssi", l->batch_id,
                l->child_id ? idstr(r, l->child_id) : NULL,
                l->payee_id ? idstr(r, l->payee_id) : NULL, town, programme, period,
                l->amount_fen, l->reason, module, l->source_id ? idstr(r, l->source_id) : NULL,
                l->corrects ? idstr(r, l->corrects) : NULL, r->user.id) != 1)
        return 0;
    long long id = db_insert_id();
    audit(r, l->corrects ? "pay.line.correct" : "pay.line.add", "pay_line", idstr(r, id),
          arena_sprintf(r->a, "batch=%lld child=%lld payee=%lld amount_fen=%lld corrects=%lld%s",
                        l->batch_id, l->child_id, l->payee_id, l->amount_fen, l->corrects,
                        reviewed ? " review_cleared" : ""));
    return id;
}

/* the lines of a batch posted after line `after`: "lines=N total_fen=M" */
static const char *posted_figures(portal_req *r, long long batch_id, long long after,
                                  long long *n)
{
    db_rows *q = db_query(r->a, "SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM pay_lines "
                          "WHERE batch_id = ? AND id > ?", "ii", batch_id, after);
    if (!q || !db_next(q))
        return NULL;
    *n = atoll(db_col(q, 0));
    return arena_sprintf(r->a, "lines=%s total_fen=%s", db_col(q, 0), db_col(q, 1));
}

/* the arguments of the insert: batch, module, user, the module's, the scope's */
static struct db_arg *select_args(portal_req *r, const char *module, long long batch_id,
                                  const char *types, va_list ap, const char *sa1,
                                  const char *sa2, const char **all_types)
{
    size_t nt = strlen(types);
    struct db_arg *mine = db_args(r->a, types, ap);
    struct db_arg *args = arena_alloc(r->a, (nt + 5) * sizeof *args);
    if (!args || (nt && !mine))
        return NULL;
    args[0] = (struct db_arg){'i', batch_id, NULL, 0};
    args[1] = db_arg_str(module);
    args[2] = (struct db_arg){'i', r->user.id, NULL, 0};
    if (nt)
        memcpy(args + 3, mine, nt * sizeof *args);
    args[3 + nt] = db_arg_str(sa1);
    args[4 + nt] = db_arg_str(sa2);
    *all_types = arena_sprintf(r->a, "isi%sss", types);
    return args;
}

long long pay_svc_lines_select(portal_req *r, long long batch_id, const char *select,
                               const char *types, ...)
{
    clear_err(r);
    const char *module = caller(r), *programme, *period, *sa1 = NULL, *sa2 = NULL, *all;
    int reviewed = 0;
    struct portal_pay_line probe = {batch_id, 0, 0, NULL, NULL, 0, NULL, 0, 0};
    if (!module || !r->logged_in || !select || !types) {
        set_err(r, "只有业务模块可以登记发放明细。");
        return -1;
    }
    const char *cond = scope_svc_sql(r, "c", &sa1, &sa2);
    if (!cond || line_batch(r, module, &probe, &programme, &period, &reviewed) != 0)
        return -1;
    db_rows *q = db_query(r->a, "SELECT COALESCE(MAX(id), 0) FROM pay_lines", "");
    if (!q || !db_next(q))
        return -1;
    long long before = atoll(db_col(q, 0)), n = 0;
    va_list ap;
    va_start(ap, types);
    struct db_arg *args = select_args(r, module, batch_id, types, ap, sa1, sa2, &all);
    va_end(ap);
    const char *sql = arena_sprintf(
        r->a,
        "INSERT INTO pay_lines (batch_id, child_id, payee_id, township_code, programme, period, "
        "amount_fen, reason, source_module, source_id, corrects_id, posted_by, created_at) "
        "SELECT ?, c.id, NULL, c.township_code, x.programme, x.period, x.amount_fen, x.reason, "
        "?, x.source_id, NULL, ?, UTC_TIMESTAMP() FROM (%s) x JOIN children c ON c.id = "
        "x.child_id WHERE x.amount_fen BETWEEN 1 AND %lld AND x.programme REGEXP "
        "'^[a-z0-9_]{1,32}$' AND CHAR_LENGTH(x.reason) BETWEEN 1 AND %d AND x.period = "
        "DATE_FORMAT(x.period, '%%Y-%%m-01') AND %s", select, MAX_FEN, REASON_CHARS, cond);
    if (!args || db_exec_args(r->a, sql, all, args) < 0)
        return -1;
    const char *fig = posted_figures(r, batch_id, before, &n);
    if (!fig || (reviewed && n > 0 &&
                 db_exec(r->a, "UPDATE pay_batches SET status = 'draft', reviewed_by = NULL, "
                         "reviewed_at = NULL WHERE id = ?", "i", batch_id) != 1))
        return -1;
    audit(r, "pay.lines.add", "pay_batch", idstr(r, batch_id),
          arena_sprintf(r->a, "%s%s", fig, reviewed && n > 0 ? " review_cleared" : ""));
    return n;
}

/* A GET's caps are figures shown on a page (a GET posts no line): the
 * module's lines of the child in the year, summed by programme in one
 * statement for every cap the page shows, and in none when the child has no
 * line of the module (child_has_mark, sql/044: free on the route's child) */
struct pay_sums {
    long long child;
    int year;
    const char *module;
    size_t n;
    const char **programme;
    long long *fen;
};

/* the sum of the programme's lines in the year (a GET), 0 ok, -1 */
static int year_sum(portal_req *r, long long child_id, const char *module, const char *programme,
                    int year, long long *fen)
{
    struct pay_sums *m = r->pay_sums;
    if (!m || m->child != child_id || m->year != year || strcmp(m->module, module) != 0) {
        int has = child_has(r, child_id, "pay_lines");
        if (has > 0) /* and a line of this module (sql/044) */
            has = child_has_mark(r, child_id, arena_sprintf(r->a, "pay_lines@%s", module));
        db_rows *q = has <= 0 ? NULL : db_query(r->a, "SELECT programme, SUM(amount_fen) FROM "
                                                "pay_lines WHERE child_id = ? AND source_module "
                                                "= ? AND period >= ? AND period < ? GROUP BY "
                                                "programme", "isss", child_id, module,
                                                arena_sprintf(r->a, "%04d-01-01", year),
                                                arena_sprintf(r->a, "%04d-01-01", year + 1));
        if (has < 0 || (has && !q))
            return -1;
        m = arena_zalloc(r->a, sizeof *m);
        *m = (struct pay_sums){child_id, year, arena_strdup(r->a, module), 0, NULL, NULL};
        m->programme = arena_zalloc(r->a, (q ? q->nrows : 0) * sizeof *m->programme + 1);
        m->fen = arena_zalloc(r->a, (q ? q->nrows : 0) * sizeof *m->fen + 1);
        for (; q && db_next(q); m->n++) {
            m->programme[m->n] = db_col(q, 0);
            m->fen[m->n] = atoll(db_col(q, 1));
        }
        r->pay_sums = m;
    }
    *fen = 0;
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->programme[i], programme) == 0)
            *fen = m->fen[i];
    return 0;
}

/* The cap left is audited (pay.cap.check) where it decides a payment: a
 * form's POST that computes an aid or a settlement.  A GET only shows it,
 * inside a page whose read is audited already (child.read, <module>.child.read),
 * so it writes no audit row of its own. */
int pay_svc_cap_left(portal_req *r, long long child_id, const char *programme, int year,
                     long long cap_fen, long long *left)
{
    clear_err(r);
    const char *module = caller(r);
    if (!module || !code_ok(programme) || year < 1900 || year > 9999 || !left) {
        set_err(r, "年度限额查询的参数不正确。");
        return -1;
    }
    if (!child_svc_get(r, child_id)) {
        set_err(r, "儿童不存在或不在您的辖区。");
        return -1;
    }
    long long used = 0;
    if (is_read(r)) {
        if (year_sum(r, child_id, module, programme, year, &used) != 0)
            return -1;
        *left = cap_fen - used;
        return 0;
    }
    db_rows *q = db_query(r->a, "SELECT COALESCE(SUM(amount_fen), 0) FROM pay_lines WHERE "
                          "child_id = ? AND programme = ? AND source_module = ? AND period >= ? "
                          "AND period < ?", "issss", child_id, programme, module,
                          arena_sprintf(r->a, "%04d-01-01", year),
                          arena_sprintf(r->a, "%04d-01-01", year + 1));
    if (!q || !db_next(q))
        return -1;
    *left = cap_fen - atoll(db_col(q, 0));
    audit(r, "pay.cap.check", "child", idstr(r, child_id),
          arena_sprintf(r->a, "programme=%s year=%d cap_fen=%lld left_fen=%lld", programme, year,
                        cap_fen, *left));
    return 0;
}
