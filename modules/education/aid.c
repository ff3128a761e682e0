/*
 * aid.c - aid per semester (资助): 两免一补 boarding subsidy, high-school
 * 国家助学金, 12 years of free schooling for poor disabled students (a fee
 * waiver paid to the school) and preschool aid.  The amounts are dated
 * settings (per semester, in force on the semester's first day).  The
 * commission generates a programme's list for a semester from the registry
 * categories, the enrolment and disability; each school reviews its pupils
 * (and may take one out); the commission approves and the list is posted to
 * the payments ledger.  A child is counted once per programme and semester.
 */
#include "education.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param aid_params[] = {
    {"programme", PP_CODE, 16, 1, "资助项目"},
    {"semester", PP_CODE, 6, 1, "学期"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param review_params[] = {
    {"exclude", PP_INT, 20, 0, "不予资助的学生"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param account_params[] = {
    {"bank", PP_TEXT, 64, 1, "开户行"},
    {"account", PP_CODE, 32, 1, "账号"},
    {NULL, 0, 0, 0, NULL}};

/* a family in difficulty: an open category of the registry */
#define POOR "EXISTS (SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.end_date " \
             "IS NULL AND k.category IN ('orphan', 'de_facto_unsupported', 'tekun', 'dibao', " \
             "'ill_disabled'))"

/* each programme: who is eligible (SQL over the current enrolment e, its
 * school x and the child c), the setting of its amount for a primary or
 * other school and for a junior school, and who is paid */
static const struct programme {
    const char *code, *where, *amount, *amount_junior, *payee;
} programmes[] = {
    {"boarding", "e.boarding = 1 AND x.level IN ('primary', 'junior') AND " POOR,
     "aid_boarding_primary", "aid_boarding_junior", "family"},
    {"hs_grant", "x.level IN ('senior', 'vocational') AND " POOR, "aid_hs_grant", "aid_hs_grant",
     "family"},
    {"free12", "c.disability_type IS NOT NULL AND x.level <> 'kindergarten' AND " POOR,
     "aid_free12", "aid_free12", "school"},
    {"preschool", "x.level = 'kindergarten' AND " POOR, "aid_preschool", "aid_preschool", "family"},
    {NULL, NULL, NULL, NULL, NULL}};

static const struct programme *programme_of(const char *code)
{
    for (const struct programme *p = programmes; code && p->code; p++)
        if (strcmp(p->code, code) == 0)
            return p;
    return NULL;
}

/* the semester's first day: the day its amounts are read for */
static const char *semester_start(portal_req *r, svc *s, const char *sem)
{
    return s->sprintf(r, "%.4s-%s-01", sem, sem[5] == '1' ? "03" : "09");
}

static int aid_page(portal_req *r, svc *s, int status)
{
    if (s->db_query_hdf(r, "Lists", "SELECT l.id, l.programme, l.semester, l.status, l.batch_id, "
                        "(SELECT COUNT(*) FROM edu_aid_items i WHERE i.list_id = l.id AND "
                        "i.excluded = 0) AS n, (SELECT SUM(amount_fen) FROM edu_aid_items i WHERE "
                        "i.list_id = l.id AND i.excluded = 0) AS total_fen FROM edu_aid_lists l "
                        "ORDER BY l.semester DESC, l.programme", "") < 0)
        return 500;
    s->labels_hdf(r, "Programmes", "education.programme");
    if (!s->param(r, "semester"))
        s->set(r, "Form.semester", edu_semester(r, s, NULL));
    s->set_int(r, "Manager", edu_manager(r, s));
    s->render(r, "aid_list.cs", "学生资助");
    return status;
}

int aid_list_get(portal_req *r, svc *s)
{
    if (!edu_staff(r, s))
        return s->refuse(r, 403, "page", "education.aid", "aid lists without the commission's "
                         "or a school's permission", "您没有查看资助名单的权限。");
    return aid_page(r, s, 200);
}

/* generates (or completes) a programme's list for a semester */
int aid_generate_post(portal_req *r, svc *s)
{
    const struct programme *p = programme_of(s->param(r, "programme"));
    const char *sem = s->param(r, "semester");
    if (!p)
        s->form_error(r, "programme", "请选择资助项目。");
    if (!edu_semester_ok(sem))
        s->form_error(r, "semester", "学期格式应为“2026-2”（秋季）或“2027-1”（春季）。");
    if (s->form_failed(r))
        return aid_page(r, s, 400);
    if (s->db_exec(r, "INSERT IGNORE INTO edu_aid_lists (programme, semester, created_by, "
                   "created_at) VALUES (?, ?, ?, UTC_TIMESTAMP())", "ssi", p->code, sem,
                   s->user(r)->id) < 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT id, status FROM edu_aid_lists WHERE programme = ? AND "
                                 "semester = ? FOR UPDATE", "ss", p->code, sem);
    if (!q || !s->db_next(q))
        return 500;
    long long id = atoll(s->db_col(q, 0));
    if (strcmp(s->db_col(q, 1), "draft") != 0)
        return s->fail(r, 409, "该学期的资助名单已审批发放，不能再生成。");
    const char *day = semester_start(r, s, sem);
    long long a = s->setting_int(r, p->amount, day), j = s->setting_int(r, p->amount_junior, day);
    long long n = s->db_exec(
        r, s->sprintf(r, "INSERT IGNORE INTO edu_aid_items (list_id, programme, semester, "
                      "child_id, org_id, amount_fen, payee, created_at) SELECT ?, ?, ?, c.id, "
                      "e.org_id, IF(x.level = 'junior', ?, ?), ?, UTC_TIMESTAMP() FROM "
                      "edu_enrolments e JOIN children c ON c.id = e.child_id JOIN edu_schools x "
                      "ON x.org_id = e.org_id WHERE e.ended_on IS NULL AND e.semester = ? AND "
                      "e.mode NOT IN ('none', 'exempt') AND c.status = 'active' AND %s", p->where),
        "issiiss", id, p->code, sem, j, a, p->payee, sem);
    if (n < 0)
        return 500;
    s->audit(r, "education.aid.generate", "edu_aid_list", edu_id(r, s, id),
             s->sprintf(r, "%s %s added=%lld", p->code, sem, n));
    s->flash(r, s->sprintf(r, "资助名单已生成：新增 %lld 名学生（已在名单中的不重复计入）。", n));
    return s->redirect(r, s->sprintf(r, "/education/aid/%lld", id));
}

int aid_load(portal_req *r, svc *s, long long id, struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT id FROM edu_aid_lists WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    if (!edu_staff(r, s))
        return 404;
    o->division = NULL; /* checked here; a school sees only its own pupils' items */
    return 0;
}

static int aid_list_page(portal_req *r, svc *s, int status)
{
    long long id = s->object(r)->id, own = edu_own_school(r, s);
    if (s->db_row_hdf(r, "List", "SELECT id, programme, semester, status, batch_id FROM "
                      "edu_aid_lists WHERE id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Items", "SELECT i.id, i.child_id, c.name, o.name AS school, "
                        "i.amount_fen, i.payee, i.reviewed_at, i.excluded, i.line_id FROM "
                        "edu_aid_items i JOIN children c ON c.id = i.child_id JOIN orgs o ON "
                        "o.id = i.org_id WHERE i.list_id = ? AND (? = 0 OR i.org_id = ?) ORDER BY "
                        "o.name, c.name", "iii", id, own, own) < 0)
        return 500;
    s->set_int(r, "Manager", edu_manager(r, s));
    s->set_int(r, "School", own > 0);
    s->audit(r, "education.aid.read", "edu_aid_list", edu_id(r, s, id), NULL);
    s->render(r, "aid.cs", "资助名单");
    return status;
}

int aid_get(portal_req *r, svc *s)
{
    return aid_list_page(r, s, 200);
}

/* the school reviews its pupils' items: every one reviewed, the ones
 * ticked taken out */
int aid_review_post(portal_req *r, svc *s)
{
    long long id = s->object(r)->id, own = edu_own_school(r, s);
    if (!own || !s->has_perm(r, "education.school"))
        return s->refuse(r, 403, "edu_aid_list", edu_id(r, s, id), "aid review by a user who is "
                         "not a school's staff", "资助名单由学校审核。");
    if (s->db_exec(r, "UPDATE edu_aid_items i JOIN edu_aid_lists l ON l.id = i.list_id SET "
                   "i.reviewed_by = ?, i.reviewed_at = UTC_TIMESTAMP(), i.excluded = 0 WHERE "
                   "i.list_id = ? AND i.org_id = ? AND l.status = 'draft'", "iii", s->user(r)->id,
                   id, own) < 0)
        return 500;
    const char *x;
    for (int i = 0; (x = s->param_n(r, "exclude", i)); i++)
        if (s->db_exec(r, "UPDATE edu_aid_items SET excluded = 1 WHERE list_id = ? AND org_id = ? "
                       "AND id = ? AND line_id IS NULL", "iis", id, own, x) < 0)
            return 500;
    s->audit(r, "education.aid.review", "edu_aid_list", edu_id(r, s, id),
             s->sprintf(r, "org=%lld", own));
    s->flash(r, "本校名单已审核。");
    return s->redirect(r, s->sprintf(r, "/education/aid/%lld", id));
}

/* posts every item kept to a new batch of the payments ledger */
static int aid_post_lines(portal_req *r, svc *s, long long id, const char *prog, const char *sem)
{
    const char *title = s->sprintf(r, "%s年%s学期%s", s->sprintf(r, "%.4s", sem),
                                   sem[5] == '1' ? "春季" : "秋季",
                                   s->label(r, "education.programme", prog));
    long long batch = s->pay_batch_open(r, prog, s->sprintf(r, "%.7s", semester_start(r, s, sem)),
                                        title);
    if (!batch)
        return -1;
    portal_rows *q = s->db_query(r, "SELECT i.id, i.child_id, i.amount_fen, i.payee, p.id AS "
                                 "payee_id, o.name FROM edu_aid_items i JOIN orgs o ON o.id = "
                                 "i.org_id LEFT JOIN pay_payees p ON p.org_id = i.org_id WHERE "
                                 "i.list_id = ? AND i.excluded = 0 AND i.line_id IS NULL", "i", id);
    if (!q)
        return -1;
    while (s->db_next(q)) {
        int school = strcmp(s->col(q, "payee"), "school") == 0;
        if (school && !s->col(q, "payee_id"))
            return s->fail(r, 409, s->sprintf(r, "%s尚未登记收款账户，请先在学校页面登记。",
                                              s->col(q, "name"))), -2;
        struct portal_pay_line l = {batch, atoll(s->col(q, "child_id")),
                                    school ? atoll(s->col(q, "payee_id")) : 0, NULL, NULL,
                                    atoll(s->col(q, "amount_fen")), title, atoll(s->col(q, "id")),
                                    0};
        long long line = s->pay_line(r, &l);
        if (!line || s->db_exec(r, "UPDATE edu_aid_items SET line_id = ? WHERE id = ?", "ii", line,
                                l.source_id) != 1)
            return -1;
    }
    return s->db_exec(r, "UPDATE edu_aid_lists SET status = 'approved', batch_id = ?, "
                      "approved_by = ?, approved_at = UTC_TIMESTAMP() WHERE id = ?", "iii", batch,
                      s->user(r)->id, id) == 1 ? 0 : -1;
}

int aid_approve_post(portal_req *r, svc *s)
{
    long long id = s->object(r)->id;
    if (!edu_manager(r, s))
        return s->refuse(r, 403, "edu_aid_list", edu_id(r, s, id), "aid approval without the "
                         "commission's permission", "资助名单由县教委审批。");
    portal_rows *q = s->db_query(r, "SELECT l.programme, l.semester, l.status, (SELECT COUNT(*) "
                                 "FROM edu_aid_items i WHERE i.list_id = l.id AND i.reviewed_at IS "
                                 "NULL) FROM edu_aid_lists l WHERE l.id = ? FOR UPDATE", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    if (strcmp(s->db_col(q, 2), "draft") != 0)
        return s->fail(r, 409, "该资助名单已审批发放。");
    if (atoll(s->db_col(q, 3)) > 0)
        return s->fail(r, 409, s->sprintf(r, "尚有 %s 名学生未经学校审核，不能审批。",
                                          s->db_col(q, 3)));
    int rc = aid_post_lines(r, s, id, s->db_col(q, 0), s->db_col(q, 1));
    if (rc == -2)
        return 409;
    if (rc != 0)
        return s->fail(r, 409, s->pay_error(r) ? s->pay_error(r) : "发放明细未能登记。");
    s->audit(r, "education.aid.approve", "edu_aid_list", edu_id(r, s, id), NULL);
    s->flash(r, "已审批，发放明细已进入发放批次。");
    return s->redirect(r, s->sprintf(r, "/education/aid/%lld", id));
}

/* the school's bank account, the payee of fee waivers */
int school_account_post(portal_req *r, svc *s)
{
    long long id = s->object(r)->id;
    if (!s->pay_payee_org(r, id, s->trim(r, s->param(r, "bank")), s->param(r, "account")))
        return s->fail(r, 400, s->pay_error(r) ? s->pay_error(r) : "收款账户未能登记。");
    s->audit(r, "education.school.account", "edu_school", edu_id(r, s, id), NULL);
    s->flash(r, "收款账户已登记。");
    return s->redirect(r, s->sprintf(r, "/education/schools/%lld", id));
}
