/*
 * aid.c - 医疗救助: aid after insurance, an application per hospital stay
 * or outpatient episode on the host's workflow.
 *
 * Steps: 乡镇受理审核 (township) -> 县民政局审批 (county).  Their time
 * limits are the module's settings (aid_accept_days, aid_decide_days, in
 * working days): the module keeps the current step's due day itself.
 *
 * Aid = ratio x the policy-eligible out-of-pocket amount, never above the
 * yearly cap left for the child (the ledger's pay_cap_left, programme aid_in
 * or aid_out, the year of the stay).  Ratio and cap are dated settings per
 * category and case type, read for the first day of the stay: a rate
 * changed mid-year applies to stays from its date.  The category is the
 * child's category that day with the highest ratio.  Integer fen only; the
 * fen below the ratio's product are not paid (floor).  The figures are
 * computed when the application is made (shown to the township) and again
 * at the county's approval, which posts the line (to the guardian's account
 * or, one-stop settlement, to the hospital).
 */
#include "medical.h"

#include <stdlib.h>
#include <string.h>

static int on_done(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome);

static const struct portal_wf_step aid_steps[] = {
    /* limits: the settings aid_accept_days and aid_decide_days (working days) */
    {"accept", "乡镇受理审核", "township", "medical.township", 10, 1, 1, 0, NULL, 0},
    {"decide", "县民政局审批", "county", "medical.county", 10, 1, 1, 0, NULL, 0},
    {NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0}};

const struct portal_wf_type medical_workflows[] = {
    {"aid", "医疗救助", aid_steps, 0, 0, on_done},
    {NULL, NULL, NULL, 0, 0, NULL}};

const struct portal_param aid_params[] = {
    {"child", PP_INT, 20, 0, "儿童"},
    {"q", PP_TEXT, 64, 0, "姓名"},
    {"case_type", PP_CODE, 16, 0, "就医类型"},
    {"hospital", PP_INT, 20, 0, "医院"},
    {"start_date", PP_DATE, 10, 0, "入院（就诊）日期"},
    {"end_date", PP_DATE, 10, 0, "出院（末次就诊）日期"},
    {"diagnosis", PP_TEXT, 200, 0, "诊断"},
    {"total", PP_TEXT, 16, 0, "医疗总费用"},
    {"basic", PP_TEXT, 16, 0, "基本医保支付"},
    {"critical", PP_TEXT, 16, 0, "大病保险支付"},
    {"charity", PP_TEXT, 16, 0, "慈善救助"},
    {"commercial", PP_TEXT, 16, 0, "商业保险"},
    {"eligible", PP_TEXT, 16, 0, "政策范围内个人自付"},
    {"payee", PP_CODE, 16, 0, "支付对象"},
    {"rehab", PP_CODE, 32, 0, "康复项目"},
    {"receipt", PP_FILE, 0, 0, "票据"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param act_params[] = {
    {"action", PP_CODE, 16, 1, "操作"},
    {"opinion", PP_LINES, 2000, 0, "意见"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param account_params[] = {
    {"bank", PP_TEXT, 200, 0, "开户行"},
    {"account", PP_TEXT, 40, 0, "账号"},
    {"org", PP_INT, 20, 0, "收款单位"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ the rate */

const char *medical_programme_of(const char *case_type)
{
    return strcmp(case_type, "inpatient") == 0 ? "aid_in" : "aid_out";
}

/* the best rate among categories `cats` (medical_categories) on day `on`:
 * 0, 1 when none of them has a medical-aid rate that day, -1 on error */
int medical_aid_rate_of(portal_req *r, const struct portal_services *s, const char *cats,
                        const char *case_type, const char *on, struct aid_calc *c)
{
    const char *t = strcmp(case_type, "inpatient") == 0 ? "in" : "out";
    c->category = NULL;
    c->ratio = c->cap = 0;
    for (int i = 0; medical_aid_categories[i]; i++) {
        const char *cat = medical_aid_categories[i];
        if (!strstr(cats, s->sprintf(r, ",%s,", cat)))
            continue;
        long long ratio = s->setting_int(r, s->sprintf(r, "aid_ratio_%s_%s", cat, t), on);
        long long cap = s->setting_int(r, s->sprintf(r, "aid_cap_%s_%s", cat, t), on);
        if (ratio == PORTAL_NO_SETTING || cap == PORTAL_NO_SETTING)
            return -1;
        if (!c->category || ratio > c->ratio || (ratio == c->ratio && cap > c->cap)) {
            c->category = cat;
            c->ratio = ratio;
            c->cap = cap;
        }
    }
    return c->category ? 0 : 1;
}

/* the best rate of the child's categories on day `on`: 0, 1 when the child
 * holds no category with a medical-aid rate that day, -1 on error */
int medical_aid_rate(portal_req *r, const struct portal_services *s, long long child,
                     const char *case_type, const char *on, struct aid_calc *c)
{
    const char *cats = s->child_categories_on(r, child, on);
    return cats ? medical_aid_rate_of(r, s, cats, case_type, on, c) : -1;
}

/* the aid for `eligible` fen: rate of the stay's first day, the yearly cap
 * left in the ledger for that year; 0, 1 not eligible, -1 error */
static int aid_compute(portal_req *r, const struct portal_services *s, long long child,
                       const char *case_type, const char *on, long long eligible,
                       struct aid_calc *c)
{
    int rc = medical_aid_rate(r, s, child, case_type, on, c);
    if (rc != 0)
        return rc;
    if (s->pay_cap_left(r, child, medical_programme_of(case_type), atoi(on), c->cap,
                        &c->cap_left) != 0)
        return -1;
    c->raw = eligible * c->ratio / 10000;
    c->aid = c->raw < c->cap_left ? c->raw : (c->cap_left > 0 ? c->cap_left : 0);
    return 0;
}

/* ------------------------------------------------------------ on_done */

/* the hospital's registered payee, 0 when none */
static long long hospital_payee(portal_req *r, const struct portal_services *s, long long org)
{
    portal_rows *q = s->db_query(r, "SELECT id FROM pay_payees WHERE kind = 'org' AND "
                                 "org_id = ?", "i", org);
    return q && s->db_next(q) ? atoll(s->db_col(q, 0)) : 0;
}

/* approved: the aid computed again with the cap left now, posted */
static int on_done(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome)
{
    portal_rows *q = s->db_query(r, "SELECT case_type, start_date, eligible_fen, payee, "
                                 "hospital_org_id, diagnosis FROM medical_aid WHERE app_id = ?",
                                 "i", app_id);
    if (!q || !s->db_next(q))
        return -1;
    const char *type = s->col(q, "case_type"), *on = s->col(q, "start_date");
    if (strcmp(outcome, "approved") != 0)
        return s->db_exec(r, "UPDATE medical_aid SET step_due = NULL, decided_at = "
                          "UTC_TIMESTAMP() WHERE app_id = ?", "i", app_id) == 1 ? 0 : -1;
    struct aid_calc c;
    if (aid_compute(r, s, child_id, type, on, atoll(s->col(q, "eligible_fen")), &c) != 0)
        return -1;
    long long line = 0;
    if (c.aid > 0) {
        long long payee = strcmp(s->col(q, "payee"), "hospital") == 0
                              ? hospital_payee(r, s, atoll(s->col(q, "hospital_org_id"))) : 0;
        const char *month = s->sprintf(r, "%.7s", s->today(r));
        struct portal_pay_line l = {medical_batch(r, s, medical_programme_of(type), month),
                                    child_id, payee, NULL,
                                    s->sprintf(r, "%.7s", on), c.aid,
                                    s->sprintf(r, "医疗救助（%s）#%lld", s->label(r,
                                               "medical.case_type", type), app_id),
                                    app_id, 0};
        if (!l.batch_id || (line = s->pay_line(r, &l)) <= 0)
            return -1;
    }
    if (s->db_exec(r, "UPDATE medical_aid SET category = ?, ratio_bp = ?, cap_fen = ?, "
                   "cap_left_fen = ?, raw_fen = ?, aid_fen = ?, pay_line_id = ?, step_due = NULL, "
                   "decided_at = UTC_TIMESTAMP() WHERE app_id = ?", "siiiiisi", c.category,
                   c.ratio, c.cap, c.cap_left, c.raw, c.aid,
                   line ? s->sprintf(r, "%lld", line) : NULL, app_id) != 1)
        return -1;
    return s->child_event(r, child_id, "aid.paid",
                          s->sprintf(r, "医疗救助 #%lld 批准：救助 %s 元（%s%s）", app_id,
                                     s->fen_to_yuan(r, c.aid), c.aid < c.raw ? "已达年度限额，" : "",
                                     s->label(r, "medical.case_type", type)));
}

/* ------------------------------------------------------------ the form */

struct aid_form {
    long long child, hospital;
    const char *type, *start, *end, *diagnosis, *payee;
    long long total, basic, critical, charity, commercial, eligible;
};

/* the form's lists: hospitals (organisations of kind hospital), covered
 * rehabilitation items in force today, the labels */
static int form_lists(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Hospitals", "SELECT id, name FROM orgs WHERE kind = 'hospital' AND "
                        "active = 1 ORDER BY name, id", "") < 0 ||
        s->lookup_hdf(r, "RehabItems", "rehab_item", NULL) < 0)
        return -1;
    s->labels_hdf(r, "CaseTypes", "medical.case_type");
    s->labels_hdf(r, "Payees", "medical.payee");
    return 0;
}

/* the form with the child picked (?child=, in scope) or a name search
 * (?q=) in the user's scope; status when it renders, else the refusal's */
static int form_page(portal_req *r, const struct portal_services *s, int status)
{
    int st = s->child_pick(r, s->param_int(r, "child", 0), s->trim(r, s->param(r, "q")));
    if (st)
        return st;
    if (form_lists(r, s) != 0)
        return 500;
    s->set(r, "Today", s->today(r));
    s->render(r, "aid_form.cs", "医疗救助申请");
    return status;
}

int aid_form_get(portal_req *r, const struct portal_services *s) { return form_page(r, s, 200); }

/* the amounts: each in yuan, the payers within the total, the eligible
 * amount within what is left */
static void form_amounts(portal_req *r, const struct portal_services *s, struct aid_form *f)
{
    f->total = medical_fen_field(r, s, "total", "医疗总费用");
    f->basic = medical_fen_field(r, s, "basic", "基本医保支付");
    f->critical = medical_fen_field(r, s, "critical", "大病保险支付");
    f->charity = medical_fen_field(r, s, "charity", "慈善救助");
    f->commercial = medical_fen_field(r, s, "commercial", "商业保险");
    f->eligible = medical_fen_field(r, s, "eligible", "政策范围内个人自付");
    if (s->form_failed(r))
        return;
    long long paid = f->basic + f->critical + f->charity + f->commercial;
    if (f->total <= 0)
        s->form_error(r, "total", "请填写医疗总费用（大于 0）。");
    else if (paid > f->total)
        s->form_error(r, "basic", "各项已支付金额之和不能超过医疗总费用。");
    else if (f->eligible <= 0 || f->eligible > f->total - paid)
        s->form_error(r, "eligible", s->sprintf(r, "政策范围内个人自付须大于 0，且不超过总费用减去"
                                                   "各方已支付后的 %s 元。",
                                                s->fen_to_yuan(r, f->total - paid)));
}

/* the form checked: 0, or -1 after form_error on each field at fault */
static int form_read(portal_req *r, const struct portal_services *s, struct aid_form *f)
{
    f->type = s->param(r, "case_type");
    f->payee = s->param(r, "payee");
    f->hospital = s->param_int(r, "hospital", 0);
    f->start = s->param(r, "start_date");
    f->end = s->param(r, "end_date");
    f->diagnosis = s->trim(r, s->param(r, "diagnosis"));
    if (!medical_is_label("medical.case_type", f->type))
        s->form_error(r, "case_type", "请选择住院或门诊。");
    if (!medical_is_label("medical.payee", f->payee))
        s->form_error(r, "payee", "请选择支付对象：监护人账户或医院（一站式结算）。");
    portal_rows *h = s->db_query(r, "SELECT id FROM orgs WHERE id = ? AND kind = 'hospital' "
                                 "AND active = 1", "i", f->hospital);
    if (!h || !s->db_next(h))
        s->form_error(r, "hospital", "请选择就诊医院。");
    if (!f->start || !*f->start)
        s->form_error(r, "start_date", "请填写入院（就诊）日期。");
    else if (!f->end || !*f->end || strcmp(f->end, f->start) < 0)
        s->form_error(r, "end_date", "出院（末次就诊）日期不能早于入院（就诊）日期。");
    else if (strcmp(f->end, s->today(r)) > 0)
        s->form_error(r, "end_date", "出院（末次就诊）日期不能晚于今天。");
    if (!*f->diagnosis)
        s->form_error(r, "diagnosis", "请填写诊断。");
    form_amounts(r, s, f);
    return s->form_failed(r) ? -1 : 0;
}

/* an item's yearly limits (the lookup's columns times and amount_yuan, ""
 * for none) against the child's applications of the stay's year that are
 * not rejected, this one included: NULL within, else the message */
static const char *item_over(portal_req *r, const struct portal_services *s, long long app,
                             portal_rows *item)
{
    const char *times = s->col(item, "c3"), *yuan = s->col(item, "c4");
    long long max_fen = -1;
    if (yuan && *yuan && s->yuan_to_fen(yuan, 0, &max_fen) != 0)
        max_fen = -1;
    if ((!times || !*times) && max_fen < 0)
        return NULL;
    portal_rows *q = s->db_query(r, "SELECT COUNT(*), COALESCE(SUM(m.eligible_fen), 0) FROM "
                                 "medical_aid m JOIN medical_aid me ON me.app_id = ? JOIN "
                                 "wf_applications w ON w.id = m.app_id JOIN medical_aid_items i ON "
                                 "i.app_id = m.app_id AND i.item_code = ? WHERE m.child_id = "
                                 "me.child_id AND YEAR(m.start_date) = YEAR(me.start_date) AND "
                                 "w.status <> 'rejected'", "is", app, s->col(item, "code"));
    if (!q || !s->db_next(q))
        return "数据库暂时不可用。";
    long long n = atoll(s->db_col(q, 0)), fen = atoll(s->db_col(q, 1));
    if (times && *times && n > atoll(times))
        return s->sprintf(r, "“%s”每年最多救助 %s 次，该儿童本年度已达上限。",
                          s->col(item, "c1"), times);
    if (max_fen >= 0 && fen > max_fen)
        return s->sprintf(r, "“%s”每年限额 %s 元，该儿童本年度（含本次）已超出限额。",
                          s->col(item, "c1"), yuan);
    return NULL;
}

/* the rehabilitation items ticked, each in force on the stay's first day
 * and within its yearly limits; 1 refused (form_error set), -1 */
static int save_items(portal_req *r, const struct portal_services *s, long long app,
                      const char *on)
{
    const char *code;
    for (int i = 0; (code = s->param_n(r, "rehab", i)) != NULL; i++) {
        portal_rows *q = s->db_query(r, "SELECT code, c1, c3, c4 FROM lookup_entries WHERE "
                                     "module = 'medical' AND kind = 'rehab_item' AND code = ? AND "
                                     "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)",
                                     "sss", code, on, on);
        if (!q)
            return -1;
        if (!s->db_next(q)) {
            s->form_error(r, "rehab", "所选康复项目在就医日期不属于保障范围。");
            return 1;
        }
        if (s->db_exec(r, "INSERT IGNORE INTO medical_aid_items (app_id, item_code, item_name) "
                       "VALUES (?, ?, ?)", "iss", app, code, s->col(q, "c1")) < 0)
            return -1;
        const char *over = item_over(r, s, app, q);
        if (over) {
            s->form_error(r, "rehab", over);
            return 1;
        }
    }
    return 0;
}

/* a receipt uploaded with the form (optional): stored and recorded */
static int save_receipt(portal_req *r, const struct portal_services *s, long long app)
{
    size_t len = 0;
    const char *name = NULL, *ctype = NULL;
    const char *data = s->upload(r, "receipt", &len, &name, &ctype);
    if (!data || len == 0)
        return 0;
    struct portal_file f;
    int st = s->file_store(r, data, len, 0, &f);
    if (st != 0)
        return st;
    if (s->db_exec(r, "INSERT INTO medical_aid_receipts (app_id, stored, sha256, ctype, size, "
                   "filename, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "UTC_TIMESTAMP())", "isssisi", app, f.stored, f.sha256, f.ctype,
                   (long long)f.len, s->sprintf(r, "票据.%s", f.ext), s->user(r)->id) != 1)
        return 500;
    return 0;
}

static int aid_insert(portal_req *r, const struct portal_services *s, long long id,
                      const struct aid_form *f, const struct aid_calc *c)
{
    const char *due = s->date_add(r, s->today(r), (int)s->setting_int(r, "aid_accept_days",
                                                                        NULL), 1);
    return s->db_exec(r, "INSERT INTO medical_aid (app_id, child_id, case_type, hospital_org_id, "
                      "start_date, end_date, diagnosis, total_fen, basic_fen, critical_fen, "
                      "charity_fen, commercial_fen, eligible_fen, payee, category, ratio_bp, "
                      "cap_fen, cap_left_fen, raw_fen, aid_fen, step_due, created_by, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "UTC_TIMESTAMP())", "iisisssiiiiiisssiiiisi", id, f->child, f->type,
                      f->hospital, f->start, f->end, f->diagnosis, f->total, f->basic,
                      f->critical, f->charity, f->commercial, f->eligible, f->payee, c->category,
                      s->sprintf(r, "%lld", c->ratio), c->cap, c->cap_left, c->raw, c->aid, due,
                      s->user(r)->id) == 1 ? 0 : -1;
}

int aid_create_post(portal_req *r, const struct portal_services *s)
{
    struct aid_form f = {0};
    f.child = s->param_int(r, "child", 0);
    if (f.child <= 0) {
        s->form_error(r, "child", "请先选择儿童。");
        return form_page(r, s, 400);
    }
    if (!s->child(r, f.child))
        return 404; /* audited by the host */
    if (form_read(r, s, &f) != 0)
        return form_page(r, s, 400);
    struct aid_calc c;
    int rc = aid_compute(r, s, f.child, f.type, f.start, f.eligible, &c);
    if (rc < 0)
        return 500;
    if (rc == 1) {
        s->form_error(r, "child", "该儿童在入院（就诊）日期不属于医疗救助对象（孤儿、事实无人抚养"
                                  "儿童、特困、低保家庭儿童、重病重残儿童）。");
        return form_page(r, s, 400);
    }
    long long id = s->wf_start(r, "aid", f.child, s->sprintf(r, "医疗救助（%s）%s 至 %s，%s",
                               s->label(r, "medical.case_type", f.type), f.start, f.end,
                               f.diagnosis));
    if (id < 0) {
        s->form_error(r, "child", s->wf_error(r));
        return form_page(r, s, 400);
    }
    if (aid_insert(r, s, id, &f, &c) != 0)
        return 500;
    int st = save_items(r, s, id, f.start);
    if (st == 1)
        return form_page(r, s, 400);
    if (st != 0 || (st = save_receipt(r, s, id)) != 0)
        return st < 0 ? 500 : st;
    s->audit(r, "medical.aid.apply", "wf_application", s->sprintf(r, "%lld", id),
             s->sprintf(r, "child %lld %s eligible %lld fen, preview aid %lld fen", f.child,
                        f.type, f.eligible, c.aid));
    s->flash(r, s->sprintf(r, "已提交医疗救助申请（#%lld）。", id));
    return s->redirect(r, s->sprintf(r, "/medical/aid/%lld", id));
}

/* ------------------------------------------------------------ pages */

/* the application's details (App.* is the route's object) into Aid.*,
 * its items and receipts */
static int aid_hdf(portal_req *r, const struct portal_services *s, long long id)
{
    if (s->db_row_hdf(r, "Aid", "SELECT a.*, o.name AS hospital, CONCAT(a.ratio_bp DIV 100, '.', "
                      "LPAD(a.ratio_bp MOD 100, 2, '0')) AS ratio_pct, a.total_fen - a.basic_fen - "
                      "a.critical_fen - a.charity_fen - a.commercial_fen AS oop_fen, "
                      "YEAR(a.start_date) AS year, p.account_masked AS hospital_account "
                      "FROM medical_aid a JOIN orgs o ON o.id = a.hospital_org_id LEFT JOIN "
                      "pay_payees p ON p.kind = 'org' AND p.org_id = a.hospital_org_id "
                      "WHERE a.app_id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Items", "SELECT item_code, item_name FROM medical_aid_items "
                        "WHERE app_id = ? ORDER BY item_code", "i", id) < 0 ||
        s->db_query_hdf(r, "Receipts", "SELECT id, filename, size, created_at FROM "
                        "medical_aid_receipts WHERE app_id = ? ORDER BY id", "i", id) < 0)
        return -1;
    return 0;
}

static int aid_page(portal_req *r, const struct portal_services *s, int status)
{
    long long id = s->object(r)->id;
    if (aid_hdf(r, s, id) != 0)
        return 500;
    s->set(r, "Today", s->today(r));
    s->audit(r, "medical.aid.read", "wf_application", s->sprintf(r, "%lld", id), NULL);
    s->render(r, "aid.cs", "医疗救助申请");
    return status;
}

int aid_get(portal_req *r, const struct portal_services *s) { return aid_page(r, s, 200); }

/* the settlement sheet: every number of the decision, printable */
int aid_sheet_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (aid_hdf(r, s, id) != 0)
        return 500;
    s->audit(r, "medical.aid.sheet.read", "wf_application", s->sprintf(r, "%lld", id), NULL);
    return s->render(r, "aid_sheet.cs", "医疗救助结算单");
}

/* the county approves a payment to the hospital only when the hospital's
 * account is registered: the refusal's message, or NULL */
static const char *approve_refused(portal_req *r, const struct portal_services *s, long long id)
{
    portal_rows *q = s->db_query(r, "SELECT w.step_code, a.payee, a.hospital_org_id FROM "
                                 "wf_applications w JOIN medical_aid a ON a.app_id = w.id "
                                 "WHERE w.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return "申请不存在。";
    if (strcmp(s->col(q, "step_code"), "decide") == 0 &&
        strcmp(s->col(q, "payee"), "hospital") == 0 &&
        !hospital_payee(r, s, atoll(s->col(q, "hospital_org_id"))))
        return "该医院尚未登记收款账户，不能向医院支付；请先在“医院收款账户”中登记。";
    return NULL;
}

/* the current step's due day from its setting (working days from today);
 * none while returned for documents or once decided: after every act */
static int step_due_set(portal_req *r, const struct portal_services *s, long long id)
{
    const char *accept = s->date_add(r, s->today(r),
                                     (int)s->setting_int(r, "aid_accept_days", NULL), 1);
    const char *decide = s->date_add(r, s->today(r),
                                     (int)s->setting_int(r, "aid_decide_days", NULL), 1);
    return s->db_exec(r, "UPDATE medical_aid a JOIN wf_applications w ON w.id = a.app_id SET "
                      "a.step_due = CASE WHEN w.status <> 'open' THEN NULL WHEN w.step_code = "
                      "'decide' THEN ? ELSE ? END WHERE a.app_id = ?", "ssi", decide, accept,
                      id) < 0 ? -1 : 0;
}

int aid_act_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    const char *action = s->param(r, "action");
    const char *opinion = s->trim(r, s->param(r, "opinion"));
    /* the workflow refuses a return or a rejection without an opinion */
    const char *why = strcmp(action, "approve") == 0 ? approve_refused(r, s, id) : NULL;
    if (why || s->wf_act(r, id, action, opinion) != 0) {
        why = why ? why : s->wf_error(r);
        s->audit(r, "medical.act.refused", "wf_application", s->sprintf(r, "%lld", id),
                 s->sprintf(r, "%s: %s", action, why));
        s->form_error(r, "action", why);
        return aid_page(r, s, 409);
    }
    if (step_due_set(r, s, id) != 0)
        return 500;
    s->flash(r, "已办理。");
    return s->redirect(r, s->sprintf(r, "/medical/aid/%lld", id));
}

static int home_page(portal_req *r, const struct portal_services *s, int status);

/* POST /medical/applications/batch: the applications ticked in the inbox,
 * approved by the host's batch approval, each with the checks and the due
 * day of one at a time */
int aid_batch_post(portal_req *r, const struct portal_services *s)
{
    int status = s->wf_batch(r, approve_refused, step_due_set);
    return status == 400 ? home_page(r, s, 400) : status;
}

int aid_receipt_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, rid = s->path_int(r, "rid");
    portal_rows *q = s->db_query(r, "SELECT stored, sha256, ctype, size, filename FROM "
                                 "medical_aid_receipts WHERE id = ? AND app_id = ?", "ii", rid,
                                 id);
    if (!q || !s->db_next(q))
        return s->not_found(r, "medical_aid_receipt", s->sprintf(r, "%lld", rid));
    int st = s->file_send(r, s->col(q, "stored"), atoll(s->col(q, "size")), s->col(q, "sha256"),
                          s->col(q, "ctype"), s->col(q, "filename"), 0);
    if (st == 200)
        s->audit(r, "medical.receipt.read", "medical_aid_receipt", s->sprintf(r, "%lld", rid),
                 NULL);
    return st;
}

static int home_page(portal_req *r, const struct portal_services *s, int status)
{
    int n = s->wf_inbox_paged(r, "Inbox", "medical", PORTAL_INBOX_PAGE);
    if (n < 0)
        return 500;
    if (n > 0 && (s->has_perm(r, "medical.township") || s->has_perm(r, "medical.county")))
        s->set(r, "InboxSelect", "batch-form");
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond || s->db_query_hdf(r, "Recent", s->sprintf(r, "SELECT a.app_id, a.child_id, "
                                 "c.name AS child_name, a.case_type, a.start_date, a.eligible_fen, "
                                 "a.aid_fen, w.status, w.step_title, a.step_due FROM medical_aid a "
                                 "JOIN children c ON c.id = a.child_id JOIN wf_applications w ON "
                                 "w.id = a.app_id WHERE %s ORDER BY a.app_id DESC LIMIT 50",
                                 cond), "ss", a1, a2) < 0)
        return 500;
    s->set(r, "Today", s->today(r));
    const char *perms[] = {"medical.apply", "medical.county", "medical.premium",
                           "medical.emergency", "medical.emergency_county", NULL};
    for (int i = 0; perms[i]; i++)
        if (s->has_perm(r, perms[i]))
            s->set(r, s->sprintf(r, "Can.%s", perms[i] + 8), "1");
    s->render(r, "home.cs", "医疗保障");
    return status;
}

int home_get(portal_req *r, const struct portal_services *s) { return home_page(r, s, 200); }

/* ------------------------------------------------------------ hospitals */

int hospital_list_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Hospitals", "SELECT o.id, o.name, p.bank_name, p.account_masked "
                        "FROM orgs o LEFT JOIN pay_payees p ON p.kind = 'org' AND p.org_id = "
                        "o.id WHERE o.kind = 'hospital' AND o.active = 1 ORDER BY o.name, o.id",
                        "") < 0)
        return 500;
    return s->render(r, "hospitals.cs", "医院收款账户");
}

int hospital_account_post(portal_req *r, const struct portal_services *s)
{
    long long org = s->path_int(r, "id");
    portal_rows *q = s->db_query(r, "SELECT id FROM orgs WHERE id = ? AND kind = 'hospital'",
                                 "i", org);
    if (!q || !s->db_next(q))
        return s->not_found(r, "org", s->sprintf(r, "%lld", org));
    if (s->pay_payee_org(r, org, s->trim(r, s->param(r, "bank")),
                         s->trim(r, s->param(r, "account"))) <= 0)
        return s->fail(r, 400, s->pay_error(r));
    s->flash(r, "已登记医院收款账户。");
    return s->redirect(r, "/medical/hospitals");
}
