/*
 * premium.c - 参保资助: the premium subsidy list of an insurance year.
 *
 * The year's list is drawn from the registry on its enrolment date: every
 * active child holding, that day, a category whose rule (the dated setting
 * premium_share_<category>, a share of the tier-1 personal premium) is above
 * zero; with several, the best share.  The tier is the child's choice for
 * the year (medical_tiers; the latest earlier choice, else tier 1); the
 * premium is that tier's personal premium and the subsidy share x the
 * tier-1 premium (in full at tier 1; a tier-2 child gets the tier-1
 * amount), all dated settings of the enrolment date, integer fen.
 * Drawing the list again adds only who is missing (idempotent); a child
 * entering a category later is added to the supplementary list drawn on a
 * later day; nobody is ever removed (leaving keeps the year's subsidy).
 * The bureau gets the list as .xlsx or CSV with the full ID numbers it
 * enrols by (audited); it returns the list with each child's result, which
 * is imported (checked whole first: nothing changes on a bad row); the
 * insured children's subsidies are posted to the ledger, payee the bureau,
 * once each.
 */
#include "medical.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param year_params[] = {
    {"year", PP_INT, 4, 0, "参保年度"},
    {"enrol_date", PP_DATE, 10, 0, "名单生成日期"},
    {"on", PP_DATE, 10, 0, "补充名单日期"},
    {"format", PP_CODE, 8, 0, "格式"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param import_params[] = {
    {"file", PP_FILE, 0, 1, "参保结果文件"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param tier_params[] = {
    {"year", PP_INT, 4, 1, "参保年度"},
    {"tier", PP_INT, 1, 1, "档次"},
    {NULL, 0, 0, 0, NULL}};

static int year_ok(long long y) { return y >= 2000 && y <= 2100; }

/* ------------------------------------------------------------ drawing */

/* adds to the year's list (list "main" or "supplement") every child in the
 * user's scope qualifying on day `on` and not yet on it: the number added,
 * -1 on error */
static long long premium_draw(portal_req *r, const struct portal_services *s, long long year,
                              const char *list, const char *on)
{
    long long t1 = s->setting_int(r, "premium_tier1", on);
    long long t2 = s->setting_int(r, "premium_tier2", on);
    long long sh[7];
    for (int i = 0; i < 7; i++)
        sh[i] = s->setting_int(r, s->sprintf(r, "premium_share_%s", medical_categories[i]), on);
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond || t1 == PORTAL_NO_SETTING || t2 == PORTAL_NO_SETTING)
        return -1;
    const char *const *k = medical_categories;
    return s->db_exec(r, s->sprintf(r,
        "INSERT IGNORE INTO medical_premium_lines (year, child_id, list, qualified_on, category, "
        "tier, premium_fen, subsidy_fen, township_code, created_at) SELECT ?, x.id, ?, ?, "
        "x.category, x.tier, IF(x.tier = 2, ?, ?), x.share * ? DIV 10000, x.township_code, "
        "UTC_TIMESTAMP() FROM (SELECT c.id, c.township_code, q.category, q.share, COALESCE(("
        "SELECT mt.tier FROM medical_tiers mt WHERE mt.child_id = c.id AND mt.year <= ? "
        "ORDER BY mt.year DESC LIMIT 1), 1) AS tier FROM (SELECT cc.child_id, SUBSTRING(MAX("
        "CONCAT(LPAD(sh.share, 5, '0'), cc.category)), 6) AS category, MAX(sh.share) AS share "
        "FROM child_categories cc JOIN (SELECT ? AS cat, ? AS share UNION ALL SELECT ?, ? "
        "UNION ALL SELECT ?, ? UNION ALL SELECT ?, ? UNION ALL SELECT ?, ? UNION ALL SELECT ?, ? "
        "UNION ALL SELECT ?, ?) sh ON sh.cat = cc.category WHERE cc.start_date <= ? AND "
        "(cc.end_date IS NULL OR cc.end_date >= ?) AND sh.share > 0 GROUP BY cc.child_id) q "
        "JOIN children c ON c.id = q.child_id WHERE c.status = 'active' AND %s) x", cond),
        "issiiii" "sisisisisisisi" "ss" "ss", year, list, on, t2, t1, t1, year, k[0], sh[0],
        k[1], sh[1], k[2], sh[2], k[3], sh[3], k[4], sh[4], k[5], sh[5], k[6], sh[6], on, on,
        a1, a2);
}

/* the year's enrolment date from the dated setting enrol_day ("MM-DD" of
 * the year before the insurance year, as in force today); NULL if unset or
 * not a real day */
static const char *enrol_day_of(portal_req *r, const struct portal_services *s, long long year)
{
    const char *md = s->setting(r, "enrol_day", NULL);
    const char *on = md && strlen(md) == 5 ? s->sprintf(r, "%lld-%s", year - 1, md) : NULL;
    return on && s->day_parse(on) != PORTAL_NO_DAY ? on : NULL;
}

int premium_generate_post(portal_req *r, const struct portal_services *s)
{
    long long year = s->param_int(r, "year", 0);
    const char *on = s->param(r, "enrol_date");
    if (!year_ok(year))
        return s->fail(r, 400, "请填写参保年度（2000 至 2100）。");
    if (!on || !*on)
        on = enrol_day_of(r, s, year);
    if (!on || !*on || atoi(on) < year - 1 || atoi(on) > year)
        return s->fail(r, 400, "名单生成日期须在参保年度或其上一年内。");
    portal_rows *q = s->db_query(r, "SELECT enrol_date FROM medical_premium_years WHERE year = ? "
                                 "FOR UPDATE", "i", year);
    if (!q)
        return 500;
    if (s->db_next(q) && strcmp(s->db_col(q, 0), on) != 0)
        return s->fail(r, 409, s->sprintf(r, "%lld 年度名单已按 %s 生成；年中新纳入的儿童请生成补充"
                                             "名单。", year, s->db_col(q, 0)));
    if (s->db_exec(r, "INSERT IGNORE INTO medical_premium_years (year, enrol_date, created_by, "
                   "created_at) VALUES (?, ?, ?, UTC_TIMESTAMP())", "isi", year, on,
                   s->user(r)->id) < 0)
        return 500;
    long long n = premium_draw(r, s, year, "main", on);
    if (n < 0)
        return 500;
    s->audit(r, "medical.premium.generate", "medical_premium_year", s->sprintf(r, "%lld", year),
             s->sprintf(r, "enrol_date=%s added=%lld", on, n));
    s->flash(r, s->sprintf(r, "%lld 年度参保资助名单：新增 %lld 人。", year, n));
    return s->redirect(r, s->sprintf(r, "/medical/premiums?year=%lld", year));
}

int premium_supplement_post(portal_req *r, const struct portal_services *s)
{
    long long year = s->path_int(r, "year");
    const char *on = s->param(r, "on");
    portal_rows *q = s->db_query(r, "SELECT enrol_date FROM medical_premium_years WHERE year = ?",
                                 "i", year);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->fail(r, 404, "该年度尚未生成参保资助名单。");
    if (!on || strcmp(on, s->db_col(q, 0)) <= 0 || atoi(on) != year ||
        strcmp(on, s->today(r)) > 0)
        return s->fail(r, 400, "补充名单日期须在年度名单生成日期之后、参保年度之内，且不晚于今天。");
    long long n = premium_draw(r, s, year, "supplement", on);
    if (n < 0)
        return 500;
    s->audit(r, "medical.premium.supplement", "medical_premium_year",
             s->sprintf(r, "%lld", year), s->sprintf(r, "on=%s added=%lld", on, n));
    s->flash(r, s->sprintf(r, "补充名单：新增 %lld 人。", n));
    return s->redirect(r, s->sprintf(r, "/medical/premiums?year=%lld", year));
}

/* ------------------------------------------------------------ the page */

int premium_list_get(portal_req *r, const struct portal_services *s)
{
    long long year = s->param_int(r, "year", atoi(s->today(r)));
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond || !year_ok(year))
        return s->fail(r, 400, "参保年度不正确。");
    const char *from = s->sprintf(r, "FROM medical_premium_lines l JOIN children c ON c.id = "
                                  "l.child_id WHERE l.year = ? AND %s", cond);
    if (s->db_query_hdf(r, "Years", "SELECT year, enrol_date FROM medical_premium_years ORDER BY "
                        "year DESC", "") < 0 ||
        s->db_row_hdf(r, "Year", "SELECT year, enrol_date FROM medical_premium_years WHERE "
                      "year = ?", "i", year) < 0 ||
        s->db_query_hdf(r, "Towns", s->sprintf(r, "SELECT l.township_code, COUNT(*) AS n, "
                        "SUM(l.list = 'supplement') AS n_supplement, SUM(l.tier = 2) AS n_tier2, "
                        "SUM(l.status = 'insured') AS n_insured, SUM(l.status = 'failed') AS "
                        "n_failed, SUM(l.subsidy_fen) AS subsidy_fen, SUM(IF(l.pay_line_id IS "
                        "NULL, 0, l.subsidy_fen)) AS posted_fen %s GROUP BY l.township_code "
                        "ORDER BY l.township_code", from), "iss", year, a1, a2) < 0 ||
        s->db_query_hdf(r, "Failed", s->sprintf(r, "SELECT l.id, l.child_id, c.name, "
                        "l.township_code, l.fail_reason %s AND l.status = 'failed' ORDER BY l.id "
                        "LIMIT 200", from), "iss", year, a1, a2) < 0 ||
        s->db_query_hdf(r, "Bureaus", "SELECT o.id, o.name, p.account_masked FROM orgs o LEFT "
                        "JOIN pay_payees p ON p.kind = 'org' AND p.org_id = o.id WHERE o.kind = "
                        "'dept_medical' AND o.active = 1 ORDER BY o.id", "") < 0)
        return 500;
    s->set_int(r, "Form.year", year);
    s->set(r, "Today", s->today(r));
    s->set(r, "Tier1", s->fen_to_yuan(r, s->setting_int(r, "premium_tier1", NULL)));
    s->set(r, "Tier2", s->fen_to_yuan(r, s->setting_int(r, "premium_tier2", NULL)));
    return s->render(r, "premiums.cs", "参保资助名单");
}

/* ------------------------------------------------------------ tiers */

int child_tier_post(portal_req *r, const struct portal_services *s)
{
    long long child = s->object(r)->id, year = s->param_int(r, "year", 0);
    long long tier = s->param_int(r, "tier", 0);
    if (!year_ok(year) || (tier != 1 && tier != 2))
        return s->fail(r, 400, "请选择参保年度和档次（一档或二档）。");
    if (s->db_exec(r, "INSERT INTO medical_tiers (child_id, year, tier, set_by, set_at) VALUES "
                   "(?, ?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE tier = VALUES(tier), "
                   "set_by = VALUES(set_by), set_at = VALUES(set_at)", "iiii", child, year, tier,
                   s->user(r)->id) < 0)
        return 500;
    /* a line not yet posted follows the choice: the premium of the tier on
     * its day; the subsidy stays the tier-1 amount */
    portal_rows *q = s->db_query(r, "SELECT qualified_on FROM medical_premium_lines WHERE "
                                 "child_id = ? AND year = ?", "ii", child, year);
    if (!q)
        return 500;
    const char *on = s->db_next(q) ? s->db_col(q, 0) : s->today(r);
    if (s->db_exec(r, "UPDATE medical_premium_lines SET tier = ?, premium_fen = ? WHERE "
                   "child_id = ? AND year = ? AND pay_line_id IS NULL AND status = 'listed'",
                   "iiii", tier, s->setting_int(r, tier == 2 ? "premium_tier2" : "premium_tier1",
                                                on), child, year) < 0 ||
        s->child_event(r, child, "tier.set", s->sprintf(r, "%lld 年度城乡居民医保选择%s档", year,
                                                        tier == 2 ? "二" : "一")) != 0)
        return 500;
    s->flash(r, "已登记参保档次。");
    return s->redirect(r, s->sprintf(r, "/medical/children/%lld", child));
}

/* ------------------------------------------------------------ export */

static const struct portal_xlsx_col export_cols[] = {
    {"编号", 10, PX_INT},          {"乡镇（街道）", 16, PX_TEXT}, {"姓名", 10, PX_TEXT},
    {"公民身份号码", 22, PX_TEXT}, {"资助类别", 16, PX_TEXT},     {"名单", 10, PX_TEXT},
    {"参保档次", 8, PX_INT},       {"个人缴费（元）", 14, PX_MONEY},
    {"资助金额（元）", 14, PX_MONEY}, {"参保结果", 10, PX_TEXT}, {"失败原因", 24, PX_TEXT},
    {NULL, 0, 0}};
#define EXPORT_COLS 11

struct export {
    portal_req *r;
    const struct portal_services *s;
    portal_xlsx *x; /* NULL: CSV */
    int failed;
};

/* one line: the ID number decrypted (the bureau enrols by it) */
static int export_row(void *ctx, portal_rows *rows)
{
    struct export *e = ctx;
    const struct portal_services *s = e->s;
    int ic = s->col_index(rows, "id_enc");
    const char *idn = s->col(rows, "id_enc") ? s->decrypt(e->r, s->col(rows, "id_enc"),
                                                          s->db_col_len(rows, ic)) : NULL;
    const char *status = s->col(rows, "status");
    s->export_row(e->r, atoll(s->col(rows, "child_id")));
    const char *cells[EXPORT_COLS] = {
        s->col(rows, "id"), s->col(rows, "town"),
        s->col(rows, "name"), idn ? idn : "",
        s->label(e->r, "core.category", s->col(rows, "category")),
        s->label(e->r, "medical.list", s->col(rows, "list")), s->col(rows, "tier"),
        s->col(rows, "premium_fen"), s->col(rows, "subsidy_fen"),
        strcmp(status, "listed") == 0 ? "" : s->label(e->r, "medical.premium_status", status),
        s->col(rows, "fail_reason")};
    if (e->x)
        return e->s->xlsx_row(e->x, cells) == 0 ? 0 : (e->failed = 1);
    cells[7] = s->fen_to_yuan(e->r, atoll(cells[7]));
    cells[8] = s->fen_to_yuan(e->r, atoll(cells[8]));
    for (int i = 0; i < EXPORT_COLS; i++)
        s->csv_cell(e->r, cells[i], i == EXPORT_COLS - 1);
    return 0;
}

int premium_export_get(portal_req *r, const struct portal_services *s)
{
    long long year = s->path_int(r, "year");
    const char *format = s->param(r, "format");
    int csv = format && strcmp(format, "csv") == 0;
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond)
        return 500;
    const char *name = s->sprintf(r, "参保资助名单-%lld.%s", year, csv ? "csv" : "xlsx");
    /* the list holds full ID numbers: a purpose, export.full_id, and for a
     * large list a second person's approval (export_begin) */
    portal_rows *nq = s->db_query(r, s->sprintf(r, "SELECT COUNT(*) FROM medical_premium_lines "
                                  "l JOIN children c ON c.id = l.child_id WHERE l.year = ? AND "
                                  "%s", cond), "iss", year, a1, a2);
    if (!nq || !s->db_next(nq))
        return 500;
    struct portal_export ex = {"medical.premium", s->sprintf(r, "%lld年度参保资助名单", year),
                               atoll(s->db_col(nq, 0)), 1, "姓名、身份证号、类别、参保档次、资助金额"};
    int st = s->export_begin(r, &ex);
    if (st)
        return st;
    struct export e = {r, s, NULL, 0};
    if (!csv && !(e.x = s->xlsx_begin(r, name, s->sprintf(r, "%lld年度参保资助", year),
                                      export_cols)))
        return 500;
    if (csv) {
        s->header(r, "Content-Type", "text/csv; charset=utf-8");
        s->header(r, "Content-Disposition", s->sprintf(r, "attachment; filename*=UTF-8''%s",
                                                       s->url_encode(r, name)));
    }
    /* audited before any row leaves: the list holds full ID numbers */
    s->audit(r, "medical.premium.export", "medical_premium_year", s->sprintf(r, "%lld", year),
             csv ? "format=csv" : "format=xlsx");
    if (csv) {
        s->write(r, "\xEF\xBB\xBF", 3);
        for (int i = 0; i < EXPORT_COLS; i++)
            s->csv_cell(r, export_cols[i].title, i == EXPORT_COLS - 1);
    }
    if (s->db_stream(r, export_row, &e, s->sprintf(r, "SELECT l.id, l.child_id, d.name AS town, "
                     "c.name, c.id_enc, l.category, l.list, l.tier, l.premium_fen, l.subsidy_fen, "
                     "l.status, l.fail_reason FROM medical_premium_lines l JOIN children c ON "
                     "c.id = l.child_id LEFT JOIN divisions d ON d.code = l.township_code WHERE l.year = ? AND %s ORDER BY l.township_code, l.id",
                     cond), "iss", year, a1, a2) < 0 || e.failed)
        return 500;
    return csv ? 200 : s->xlsx_end(e.x);
}

/* ------------------------------------------------------------ import */

struct result {
    long long id;
    const char *status, *reason;
};

/* the columns of the header row: 编号, 参保结果, 失败原因, 公民身份号码 */
struct heads {
    int id, result, reason, idn;
};

static int find_heads(const char **cells, int n, struct heads *h)
{
    h->id = h->result = h->reason = h->idn = -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(cells[i], "编号") == 0)
            h->id = i;
        else if (strcmp(cells[i], "参保结果") == 0)
            h->result = i;
        else if (strcmp(cells[i], "失败原因") == 0)
            h->reason = i;
        else if (strcmp(cells[i], "公民身份号码") == 0)
            h->idn = i;
    }
    return h->id >= 0 && h->result >= 0 ? 0 : -1;
}

static const char *cell_at(const char **cells, int n, int i) { return i >= 0 && i < n ? cells[i] : ""; }

/* one row checked against the year's list in the user's scope: NULL, or
 * the Chinese reason it is refused */
static const char *row_check(portal_req *r, const struct portal_services *s, long long year,
                             const char **cells, int n, const struct heads *h, struct result *out)
{
    const char *id = cell_at(cells, n, h->id), *res = cell_at(cells, n, h->result);
    const char *idn = s->trim(r, cell_at(cells, n, h->idn));
    out->id = atoll(id);
    out->reason = s->trim(r, cell_at(cells, n, h->reason));
    if (strcmp(res, "成功") == 0 || strcmp(res, "已参保") == 0)
        out->status = "insured", out->reason = NULL;
    else if (strcmp(res, "失败") == 0 || strcmp(res, "参保失败") == 0)
        out->status = "failed";
    else
        return "参保结果须填写“成功”或“失败”";
    if (strcmp(out->status, "failed") == 0 && !*out->reason)
        return "参保失败须填写失败原因";
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    portal_rows *q = cond ? s->db_query(r, s->sprintf(r, "SELECT l.pay_line_id, c.id_hmac FROM "
                                        "medical_premium_lines l JOIN children c ON c.id = "
                                        "l.child_id WHERE l.id = ? AND l.year = ? AND %s", cond),
                                        "iiss", out->id, year, a1, a2) : NULL;
    if (!q || out->id <= 0 || !s->db_next(q))
        return "编号不在本年度名单中（或不在您的辖区）";
    if (s->col(q, "pay_line_id") && strcmp(out->status, "failed") == 0)
        return "该儿童的资助已入账，不能改为参保失败";
    if (*idn && s->col(q, "id_hmac") && strcmp(s->hmac(r, idn), s->col(q, "id_hmac")) != 0)
        return "公民身份号码与名单中的儿童不符";
    return NULL;
}

/* reads the whole file: the rows, or NULL after answering the refusal */
static struct result *import_read(portal_req *r, const struct portal_services *s, long long year,
                                  long *count, const char **err)
{
    size_t len = 0;
    const char *data = s->upload(r, "file", &len, NULL, NULL);
    portal_sheet *sh = s->sheet_open(r, data ? data : "", data ? len : 0);
    const char **cells;
    struct heads h;
    int n = s->sheet_next(sh, &cells);
    if (n <= 0 || find_heads(cells, n, &h) != 0) {
        *err = n < 0 ? s->sheet_error(sh) : "文件第一行须为表头，至少含“编号”和“参保结果”两列。";
        return NULL;
    }
    size_t cap = 1024;
    struct result *rows = s->alloc(r, cap * sizeof *rows);
    *count = 0;
    while ((n = s->sheet_next(sh, &cells)) > 0) {
        if ((size_t)*count == cap) {
            struct result *more = s->alloc(r, 2 * cap * sizeof *rows);
            memcpy(more, rows, cap * sizeof *rows);
            rows = more, cap *= 2;
        }
        const char *why = row_check(r, s, year, cells, n, &h, &rows[*count]);
        if (why) {
            *err = s->sprintf(r, "第 %ld 行：%s。文件未导入，请改正后重新导入。", s->sheet_row(sh), why);
            return NULL;
        }
        (*count)++;
    }
    if (n < 0) {
        *err = s->sheet_error(sh);
        return NULL;
    }
    return rows;
}

int premium_import_post(portal_req *r, const struct portal_services *s)
{
    long long year = s->path_int(r, "year");
    long count = 0, insured = 0;
    const char *err = NULL;
    struct result *rows = import_read(r, s, year, &count, &err);
    if (!rows) {
        s->audit(r, "medical.premium.import.refused", "medical_premium_year",
                 s->sprintf(r, "%lld", year), err);
        return s->fail(r, 400, err);
    }
    for (long i = 0; i < count; i++) {
        if (s->db_exec(r, "UPDATE medical_premium_lines SET status = ?, fail_reason = ?, "
                       "confirmed_at = UTC_TIMESTAMP() WHERE id = ? AND year = ?", "ssii",
                       rows[i].status, rows[i].reason, rows[i].id, year) < 0)
            return 500;
        insured += strcmp(rows[i].status, "insured") == 0;
    }
    s->audit(r, "medical.premium.import", "medical_premium_year", s->sprintf(r, "%lld", year),
             s->sprintf(r, "rows=%ld insured=%ld failed=%ld", count, insured, count - insured));
    s->flash(r, s->sprintf(r, "已导入参保结果 %ld 条：参保成功 %ld 人，失败 %ld 人。", count, insured,
                           count - insured));
    return s->redirect(r, s->sprintf(r, "/medical/premiums?year=%lld", year));
}

/* ------------------------------------------------------------ posting */

/* the bureau's payee: registered now with the account typed, or the one
 * on file; 0 after answering why not */
static long long bureau_payee(portal_req *r, const struct portal_services *s, long long org)
{
    const char *bank = s->trim(r, s->param(r, "bank")), *acct = s->trim(r, s->param(r, "account"));
    portal_rows *q = s->db_query(r, "SELECT o.id, p.id AS payee FROM orgs o LEFT JOIN pay_payees "
                                 "p ON p.kind = 'org' AND p.org_id = o.id WHERE o.id = ? AND "
                                 "o.kind = 'dept_medical'", "i", org);
    if (!q || !s->db_next(q)) {
        s->fail(r, 400, "请选择收款的医疗保障部门。");
        return 0;
    }
    if (!*acct && s->col(q, "payee"))
        return atoll(s->col(q, "payee"));
    long long id = s->pay_payee_org(r, org, bank, acct);
    if (id <= 0)
        s->fail(r, 400, s->pay_error(r));
    return id;
}

int premium_post_post(portal_req *r, const struct portal_services *s)
{
    long long year = s->path_int(r, "year"), n = 0, fen = 0;
    long long payee = bureau_payee(r, s, s->param_int(r, "org", 0));
    if (!payee)
        return 400;
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    portal_rows *q = cond ? s->db_query(r, s->sprintf(r, "SELECT l.id, l.child_id, l.tier, "
                                        "l.subsidy_fen FROM medical_premium_lines l JOIN "
                                        "children c ON c.id = l.child_id WHERE l.year = ? AND "
                                        "l.status = 'insured' AND l.pay_line_id IS NULL AND "
                                        "l.subsidy_fen > 0 AND %s ORDER BY l.id", cond), "iss",
                                        year, a1, a2) : NULL;
    long long batch = q ? medical_batch(r, s, "premium", s->sprintf(r, "%lld-01", year)) : 0;
    if (!q || !batch)
        return q ? s->fail(r, 409, s->pay_error(r)) : 500;
    while (s->db_next(q)) {
        long long id = atoll(s->col(q, "id"));
        struct portal_pay_line l = {batch, atoll(s->col(q, "child_id")), payee, NULL, NULL,
                                    atoll(s->col(q, "subsidy_fen")),
                                    s->sprintf(r, "%lld 年度城乡居民医保参保资助（%s档）", year,
                                               strcmp(s->col(q, "tier"), "2") == 0 ? "二" : "一"),
                                    id, 0};
        long long line = s->pay_line(r, &l);
        if (line <= 0)
            return s->fail(r, 409, s->pay_error(r));
        if (s->db_exec(r, "UPDATE medical_premium_lines SET pay_line_id = ? WHERE id = ?", "ii",
                       line, id) != 1)
            return 500;
        n++, fen += l.amount_fen;
        /* a long list commits in parts; posting again goes on where it stopped */
        if (n % 5000 == 0 && s->db_commit_now(r) != 0)
            return 500;
    }
    s->audit(r, "medical.premium.post", "medical_premium_year", s->sprintf(r, "%lld", year),
             s->sprintf(r, "batch=%lld lines=%lld fen=%lld", batch, n, fen));
    s->flash(r, s->sprintf(r, "已入账 %lld 人，合计 %s 元（发放批次 #%lld）。", n,
                           s->fen_to_yuan(r, fen), batch));
    return s->redirect(r, s->sprintf(r, "/medical/premiums?year=%lld", year));
}
