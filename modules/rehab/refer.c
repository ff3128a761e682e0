/*
 * refer.c - 转介诊断 and 明天计划: a suspected screening result is referred
 * to a diagnosing hospital (the child linked to it, relation referred, so
 * its staff see exactly their referred children); the hospital records the
 * result (category and grade per GB/T 26341); a confirmed disability goes
 * into the child's file.  A poor family's child (an open 低保, 特困, orphan
 * or de-facto-unsupported category) gets the diagnosis subsidy, up to the
 * dated cap, posted to the payments ledger with the hospital as payee.
 * 明天计划: disabled orphans are candidates; a referral for surgery to a
 * hospital designated for surgery (rehab_providers), its outcome recorded
 * the same way.
 */
#include "rehab.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param refer_params[] = {
    {"hospital", PP_INT, 20, 0, "医院"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param result_params[] = {
    {"result", PP_CODE, 16, 1, "结果"},
    {"category", PP_CODE, 16, 0, "残疾类别"},
    {"grade", PP_INT, 1, 0, "残疾等级"},
    {"day", PP_DATE, 10, 1, "日期"},
    {"cost", PP_TEXT, 16, 0, "费用（元）"},
    {"outcome", PP_LINES, 500, 0, "情况说明"},
    {NULL, 0, 0, 0, NULL}};

/* "screening:id": the child's village (a registry child) or the record's */
int screening_load(portal_req *r, const struct portal_services *s, long long id,
                   struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT x.child_id, COALESCE(c.village_code, "
                                 "x.village_code) FROM rehab_screenings x LEFT JOIN children c "
                                 "ON c.id = x.child_id WHERE x.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    o->child_id = s->db_col(q, 0) ? atoll(s->db_col(q, 0)) : 0;
    o->division = s->db_col(q, 1);
    return 0;
}

/* "referral:id": the child's scope; a hospital's staff only their own */
int referral_load(portal_req *r, const struct portal_services *s, long long id,
                  struct portal_object *o)
{
    return rehab_load_own(r, s, "SELECT f.child_id, f.org_id, c.village_code FROM "
                          "rehab_referrals f JOIN children c ON c.id = f.child_id WHERE f.id = ?",
                          id, o);
}

/* links the child to the hospital and records the referral: its id, or
 * minus the status already answered */
static long long refer(portal_req *r, const struct portal_services *s, const char *kind,
                       long long child_id, long long screening_id, long long org)
{
    const char *note = strcmp(kind, "tomorrow") == 0 ? "明天计划：转介手术" : "残疾筛查疑似：转介诊断";
    long long link = s->child_link(r, child_id, org, "referred", NULL, NULL, note);
    if (link < 0)
        return -s->fail(r, 409, s->link_error(r));
    if (s->db_exec(r, "INSERT INTO rehab_referrals (kind, child_id, screening_id, org_id, "
                   "link_id, referred_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "UTC_TIMESTAMP())", "sisiisi", kind, child_id,
                   screening_id ? rehab_id(r, s, screening_id) : NULL, org, link, s->today(r),
                   s->user(r)->id) != 1)
        return -500;
    long long id = s->db_insert_id(r);
    portal_rows *q = s->db_query(r, "SELECT name FROM orgs WHERE id = ?", "i", org);
    const char *name = q && s->db_next(q) ? s->db_col(q, 0) : "";
    if (s->child_event(r, child_id, strcmp(kind, "tomorrow") == 0 ? "tomorrow.referred" :
                       "screen.referred", s->sprintf(r, "%s：%s", note, name)) != 0)
        return -503;
    s->audit(r, "rehab.referral.create", "rehab_referral", rehab_id(r, s, id),
             s->sprintf(r, "kind=%s child=%lld org=%lld", kind, child_id, org));
    return id;
}

/* the default diagnosing hospital (setting diagnosis_hospital: its
 * organisation code), 0 when none is set or it is no active hospital */
long long rehab_default_hospital(portal_req *r, const struct portal_services *s)
{
    const char *code = s->setting(r, "diagnosis_hospital", NULL);
    if (!code || !*code)
        return 0;
    portal_rows *q = s->db_query(r, "SELECT id FROM orgs WHERE code = ? AND kind = 'hospital' "
                                 "AND active = 1", "s", code);
    return q && s->db_next(q) ? atoll(s->db_col(q, 0)) : 0;
}

/* a registered child's suspected result of the round, straight to the
 * default hospital (so the county need not pick one): the referral's id, 0
 * when there is no default, it is referred already or the child is linked
 * to that hospital already, or minus the status already answered */
long long rehab_route_default(portal_req *r, const struct portal_services *s, long long child_id,
                              long long round_id)
{
    long long org = child_id ? rehab_default_hospital(r, s) : 0;
    if (!org)
        return 0;
    portal_rows *q = s->db_query(r, "SELECT x.id FROM rehab_screenings x WHERE x.round_id = ? "
                                 "AND x.child_id = ? AND x.suspected = 1 AND NOT EXISTS (SELECT 1 "
                                 "FROM rehab_referrals f WHERE f.screening_id = x.id) AND NOT "
                                 "EXISTS (SELECT 1 FROM child_org_links l WHERE l.child_id = "
                                 "x.child_id AND l.org_id = ? AND l.ended_at IS NULL)", "iii",
                                 round_id, child_id, org);
    if (!q)
        return -500;
    return s->db_next(q) ? refer(r, s, "diagnosis", child_id, atoll(s->db_col(q, 0)), org) : 0;
}

int screening_refer_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    long long org = s->param_int(r, "hospital", 0);
    if (!org)
        org = rehab_default_hospital(r, s);
    portal_rows *q = s->db_query(r, "SELECT suspected, (SELECT COUNT(*) FROM rehab_referrals f "
                                 "WHERE f.screening_id = x.id) FROM rehab_screenings x WHERE "
                                 "x.id = ? FOR UPDATE", "i", o->id);
    if (!q || !s->db_next(q))
        return 500;
    if (strcmp(s->db_col(q, 0), "1") != 0)
        return s->fail(r, 409, "该儿童的筛查结果正常，无需转介。");
    if (strcmp(s->db_col(q, 1), "0") != 0)
        return s->fail(r, 409, "该筛查结果已转介过。");
    if (!o->child_id)
        return s->fail(r, 409, "该儿童尚未登记入册：请先在儿童档案中登记，再关联筛查记录后转介。");
    if (!rehab_org_of_kind(r, s, org, "hospital"))
        return s->fail(r, 400, "请选择诊断医院。");
    long long id = refer(r, s, "diagnosis", o->child_id, o->id, org);
    if (id < 0)
        return (int)-id;
    s->flash(r, "已转介诊断医院。");
    return s->redirect(r, s->sprintf(r, "/rehab/referrals/%lld", id));
}

int referral_list_get(portal_req *r, const struct portal_services *s)
{
    const char *a1 = NULL, *a2 = NULL, *cond = s->scope_sql(r, "c", &a1, &a2);
    const char *mine = rehab_org_user(r, s) ? rehab_id(r, s, s->user(r)->org_id) : NULL;
    if (!cond || s->db_query_hdf(r, "Referrals", s->sprintf(r,
                        "SELECT f.id, f.kind, f.status, f.result, f.referred_on, f.done_on, "
                        "f.category, f.grade, c.id AS child_id, c.name AS child_name, "
                        "c.village_code, o.name AS org_name, DATEDIFF(?, f.referred_on) AS days "
                        "FROM rehab_referrals f JOIN children c ON c.id = f.child_id JOIN orgs o "
                        "ON o.id = f.org_id WHERE %s AND (? IS NULL OR f.org_id = ?) ORDER BY "
                        "f.status DESC, f.referred_on, f.id LIMIT 500", cond), "sssss",
                        s->today(r), a1, a2, mine, mine) < 0)
        return 500;
    s->set_int(r, "SuspectedDays", s->setting_int(r, "suspected_days", NULL));
    return s->render(r, "referral_list.cs", "转介诊断");
}

int referral_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Ref", "SELECT f.*, c.name AS child_name, c.birth_date, "
                      "c.village_code, o.name AS org_name, x.vision, x.hearing, x.speech, "
                      "x.motor, x.intellectual, x.autism, rd.day AS screened_on, EXISTS (SELECT 1 "
                      "FROM child_categories k WHERE k.child_id = f.child_id AND k.end_date IS "
                      "NULL AND k.category IN ('dibao', 'tekun', 'orphan', "
                      "'de_facto_unsupported')) AS poor FROM rehab_referrals f JOIN children c "
                      "ON c.id = f.child_id JOIN orgs o ON o.id = f.org_id LEFT JOIN "
                      "rehab_screenings x ON x.id = f.screening_id LEFT JOIN rehab_rounds rd ON "
                      "rd.id = x.round_id WHERE f.id = ?", "i", id) != 1)
        return 500;
    s->set_int(r, "Cap", s->setting_int(r, "diagnosis_subsidy_cap", NULL));
    s->labels_hdf(r, "Categories", "rehab.category");
    s->labels_hdf(r, "Domains", "rehab.domain");
    s->set(r, "Today", s->today(r));
    s->audit(r, "rehab.referral.read", "rehab_referral", rehab_id(r, s, id), NULL);
    return s->render(r, "referral.cs", "转介与诊断");
}

/* the result form's own checks; cost in *fen (-1 none) */
static const char *result_check(portal_req *r, const struct portal_services *s,
                                const char *kind, long long *fen)
{
    const char *res = s->param(r, "result"), *cat = s->param(r, "category");
    const char *cost = s->trim(r, s->param(r, "cost"));
    long long grade = s->param_int(r, "grade", 0);
    int diag = strcmp(kind, "diagnosis") == 0;
    *fen = -1;
    if (diag ? strcmp(res, "confirmed") != 0 && strcmp(res, "not_disabled") != 0
             : strcmp(res, "done") != 0 && strcmp(res, "failed") != 0)
        return "请选择结果。";
    if (strcmp(s->param(r, "day"), s->today(r)) > 0)
        return "日期不能晚于今天。";
    if (strcmp(res, "confirmed") == 0 &&
        (!rehab_is_label("rehab.category", cat) || grade < 1 || grade > 4))
        return "确诊残疾须选择残疾类别和等级（GB/T 26341：一级至四级）。";
    if (*cost && (s->yuan_to_fen(cost, 0, fen) != 0))
        return "费用须为元，最多两位小数，例如 320.50。";
    if (!diag && !*s->trim(r, s->param(r, "outcome")))
        return "请填写手术情况。";
    return NULL;
}

/* a confirmed disability into the child's file (the core's columns) */
static int confirm_disability(portal_req *r, const struct portal_services *s,
                              long long child_id, const char *cat, long long grade)
{
    struct portal_child_core f = {.disability_type = cat, .disability_grade = (int)grade};
    if (s->child_core_set(r, child_id, &f, "诊断确认") != 0)
        return -1;
    return s->child_event(r, child_id, "disability.diagnosed",
                          s->sprintf(r, "诊断确认：%s%s", s->label(r, "rehab.category", cat),
                                     s->label(r, "rehab.grade", rehab_id(r, s, grade))));
}

int referral_result_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *q = s->db_query(r, "SELECT kind, status FROM rehab_referrals WHERE id = ? FOR "
                                 "UPDATE", "i", o->id);
    if (!q || !s->db_next(q))
        return 500;
    const char *kind = s->db_col(q, 0);
    if (strcmp(s->db_col(q, 1), "referred") != 0)
        return s->fail(r, 409, "该转介已登记结果。");
    long long fen;
    const char *why = result_check(r, s, kind, &fen);
    if (why)
        return s->fail(r, 400, s->sprintf(r, "%s未做任何修改。", why));
    const char *res = s->param(r, "result"), *cat = s->param(r, "category");
    long long grade = s->param_int(r, "grade", 0);
    int confirmed = strcmp(res, "confirmed") == 0;
    if (s->db_exec(r, "UPDATE rehab_referrals SET status = 'done', result = ?, category = ?, "
                   "grade = ?, done_on = ?, cost_fen = ?, outcome = ? WHERE id = ?", "ssssssi",
                   res, confirmed ? cat : NULL, confirmed ? rehab_id(r, s, grade) : NULL,
                   s->param(r, "day"), fen >= 0 ? rehab_id(r, s, fen) : NULL,
                   s->trim(r, s->param(r, "outcome")), o->id) != 1)
        return 500;
    if (confirmed && confirm_disability(r, s, o->child_id, cat, grade) != 0)
        return 503;
    if (!confirmed && s->child_event(r, o->child_id, strcmp(kind, "tomorrow") == 0 ?
                                     "tomorrow.outcome" : "disability.excluded",
                                     s->sprintf(r, "%s：%s", s->label(r, "rehab.referral_kind",
                                                kind), s->label(r, "rehab.result", res))) != 0)
        return 503;
    s->audit(r, "rehab.referral.result", "rehab_referral", rehab_id(r, s, o->id),
             s->sprintf(r, "result=%s category=%s grade=%lld", res, confirmed ? cat : "", grade));
    s->flash(r, "结果已登记。");
    return s->redirect(r, s->sprintf(r, "/rehab/referrals/%lld", o->id));
}

int referral_subsidy_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *q = s->db_query(r, "SELECT kind, status, org_id, done_on, COALESCE(cost_fen, 0), "
                                 "pay_line_id, EXISTS (SELECT 1 FROM child_categories k WHERE "
                                 "k.child_id = f.child_id AND k.end_date IS NULL AND k.category "
                                 "IN ('dibao', 'tekun', 'orphan', 'de_facto_unsupported')) FROM "
                                 "rehab_referrals f WHERE id = ?", "i", o->id);
    if (!q || !s->db_next(q))
        return 500;
    if (strcmp(s->db_col(q, 0), "diagnosis") != 0 || strcmp(s->db_col(q, 1), "done") != 0)
        return s->fail(r, 409, "诊断结果登记后才能发放诊断补贴。");
    if (s->db_col(q, 5))
        return s->fail(r, 409, "该次诊断的补贴已发放。");
    if (strcmp(s->db_col(q, 6), "1") != 0)
        return s->fail(r, 409, "该儿童不属于低保、特困、孤儿或事实无人抚养儿童，不享受诊断补贴。");
    long long cost = atoll(s->db_col(q, 4)), org = atoll(s->db_col(q, 2));
    long long cap = s->setting_int(r, "diagnosis_subsidy_cap", s->db_col(q, 3));
    long long amount = cost < cap ? cost : cap, payee = rehab_payee(r, s, org);
    if (amount <= 0)
        return s->fail(r, 409, "诊断费用未登记，无法计算补贴。");
    if (!payee)
        return s->fail(r, 409, "诊断医院尚未登记收款账户，请先在“康复机构”页登记。");
    long long batch = rehab_batch(r, s, "diagnosis", "残疾儿童诊断补贴");
    struct portal_pay_line l = {.batch_id = batch, .child_id = o->child_id, .payee_id = payee,
                                .amount_fen = amount, .reason = "疑似残疾儿童诊断补贴",
                                .source_id = o->id};
    long long line = batch ? s->pay_line(r, &l) : 0;
    if (!line)
        return s->fail(r, 409, s->pay_error(r));
    if (s->db_exec(r, "UPDATE rehab_referrals SET subsidy_fen = ?, pay_line_id = ? WHERE id = ?",
                   "iii", amount, line, o->id) != 1 ||
        s->child_event(r, o->child_id, "diagnosis.subsidy",
                       s->sprintf(r, "诊断补贴 %s 元", s->fen_to_yuan(r, amount))) != 0)
        return 503;
    s->audit(r, "rehab.subsidy.post", "rehab_referral", rehab_id(r, s, o->id),
             s->sprintf(r, "amount_fen=%lld cost_fen=%lld cap_fen=%lld line=%lld", amount, cost,
                        cap, line));
    s->flash(r, s->sprintf(r, "诊断补贴 %s 元已列入发放批次。", s->fen_to_yuan(r, amount)));
    return s->redirect(r, s->sprintf(r, "/rehab/referrals/%lld", o->id));
}

int tomorrow_list_get(portal_req *r, const struct portal_services *s)
{
    const char *a1 = NULL, *a2 = NULL, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond || s->db_query_hdf(r, "Candidates", s->sprintf(r,
                        "SELECT c.id, c.name, c.birth_date, c.village_code, c.disability_type, "
                        "c.disability_grade, (SELECT MAX(f.id) FROM rehab_referrals f WHERE "
                        "f.child_id = c.id AND f.kind = 'tomorrow') AS referral_id FROM children "
                        "c WHERE %s AND c.status = 'active' AND c.disability_type IS NOT NULL AND "
                        "EXISTS (SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND "
                        "k.category = 'orphan' AND k.end_date IS NULL) ORDER BY c.village_code, "
                        "c.name LIMIT 500", cond), "ss", a1, a2) < 0 ||
        s->db_query_hdf(r, "Hospitals", "SELECT o.id, o.name FROM orgs o JOIN rehab_providers "
                        "p ON p.org_id = o.id WHERE o.kind = 'hospital' AND o.active = 1 AND "
                        "FIND_IN_SET('surgery', p.services) AND ? BETWEEN p.approved_from AND "
                        "p.approved_to ORDER BY o.name", "s", s->today(r)) < 0)
        return 500;
    return s->render(r, "tomorrow.cs", "明天计划");
}

int tomorrow_refer_post(portal_req *r, const struct portal_services *s)
{
    long long child = s->object(r)->id, org = s->param_int(r, "hospital", 0);
    portal_rows *q = s->db_query(r, "SELECT 1 FROM children c WHERE c.id = ? AND "
                                 "c.disability_type IS NOT NULL AND EXISTS (SELECT 1 FROM "
                                 "child_categories k WHERE k.child_id = c.id AND k.category = "
                                 "'orphan' AND k.end_date IS NULL)", "i", child);
    if (!q || !s->db_next(q))
        return s->fail(r, 409, "明天计划只面向残疾孤儿。");
    q = s->db_query(r, "SELECT 1 FROM rehab_referrals WHERE child_id = ? AND kind = 'tomorrow' "
                    "AND status = 'referred'", "i", child);
    if (q && s->db_next(q))
        return s->fail(r, 409, "该儿童已转介手术，尚无结果。");
    q = s->db_query(r, "SELECT 1 FROM rehab_providers WHERE org_id = ? AND FIND_IN_SET("
                    "'surgery', services) AND ? BETWEEN approved_from AND approved_to", "is", org,
                    s->today(r));
    if (!rehab_org_of_kind(r, s, org, "hospital") || !q || !s->db_next(q))
        return s->fail(r, 400, "请选择手术定点医院（在定点期内）。");
    long long id = refer(r, s, "tomorrow", child, 0, org);
    if (id < 0)
        return (int)-id;
    s->flash(r, "已转介定点医院。");
    return s->redirect(r, s->sprintf(r, "/rehab/referrals/%lld", id));
}
