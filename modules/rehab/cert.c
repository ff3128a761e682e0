/*
 * cert.c - 残疾人证: certificates (number, category, grade, issue date,
 * valid 10 years), kept encrypted (the number holds the ID number) with its
 * last four digits to show.  A renewal supersedes the last one.  A grade 1-2
 * certificate enters the child into 重病重残 (ill_disabled); the list shows
 * the certificates expiring within the dated warning days, and a lapsed one
 * not renewed ends the category (the daily job cert_lapse, not a button).  Also the panel on the child's file.
 */
#include "rehab.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param cert_params[] = {
    {"number", PP_CODE, 20, 1, "残疾人证号"},
    {"category", PP_CODE, 16, 1, "残疾类别"},
    {"grade", PP_INT, 1, 1, "残疾等级"},
    {"issued", PP_DATE, 10, 1, "发证日期"},
    {NULL, 0, 0, 0, NULL}};

/* 20 characters: the holder's ID number (17 digits and a digit or X), then
 * the category and grade digits */
static int number_shape(const char *n)
{
    if (!n || strlen(n) != 20)
        return 0;
    for (int i = 0; i < 20; i++)
        if ((n[i] < '0' || n[i] > '9') && !(i == 17 && n[i] == 'X'))
            return 0;
    return 1;
}

static const char *cert_check(portal_req *r, const struct portal_services *s)
{
    long long grade = s->param_int(r, "grade", 0);
    if (!number_shape(s->param(r, "number")))
        return "残疾人证号应为 20 位：身份证号 18 位加类别、等级各 1 位。";
    if (!rehab_is_label("rehab.category", s->param(r, "category")) || grade < 1 || grade > 4)
        return "请选择残疾类别和等级（GB/T 26341：一级至四级）。";
    if (strcmp(s->param(r, "issued"), s->today(r)) > 0)
        return "发证日期不能晚于今天。";
    return NULL;
}

/* the child's file: the disability, the expiry, 重病重残 for grades 1-2 */
static int cert_into_file(portal_req *r, const struct portal_services *s, long long child,
                          const char *cat, long long grade, const char *issued,
                          const char *expires)
{
    struct portal_child_core f = {.disability_type = cat, .disability_grade = (int)grade,
                                  .disability_cert_expiry = expires};
    if (s->child_core_set(r, child, &f, "残疾人证") != 0)
        return -1;
    const char *what = s->sprintf(r, "残疾人证：%s%s，有效期至 %s", s->label(r, "rehab.category",
                                  cat), s->label(r, "rehab.grade", rehab_id(r, s, grade)),
                                  expires);
    if (grade <= 2 && s->child_category(r, child, "ill_disabled", 1, issued, what) != 0)
        return -1;
    return s->child_event(r, child, "disability.certificate", what);
}

int certificate_create_post(portal_req *r, const struct portal_services *s)
{
    long long child = s->object(r)->id, grade = s->param_int(r, "grade", 0);
    const char *why = cert_check(r, s), *num = s->param(r, "number");
    const char *cat = s->param(r, "category"), *issued = s->param(r, "issued");
    if (why)
        return s->fail(r, 400, s->sprintf(r, "%s未做任何修改。", why));
    size_t elen = 0;
    const void *enc = s->encrypt(r, num, &elen);
    const char *hmac = s->hmac(r, num);
    if (!enc || !hmac)
        return s->fail(r, 500, "系统加密功能不可用，证件未保存，请联系系统管理员。");
    portal_rows *q = s->db_query(r, "SELECT 1 FROM rehab_certificates WHERE number_hmac = ?", "s",
                                 hmac);
    if (q && s->db_next(q))
        return s->fail(r, 409, "该残疾人证号已登记。");
    q = s->db_query(r, "SELECT DATE_ADD(?, INTERVAL 10 YEAR)", "s", issued);
    if (!q || !s->db_next(q))
        return 500;
    const char *expires = s->db_col(q, 0);
    if (s->db_exec(r, "UPDATE rehab_certificates SET status = 'renewed' WHERE child_id = ? AND "
                   "status = 'valid'", "i", child) < 0 ||
        s->db_exec(r, "INSERT INTO rehab_certificates (child_id, number_enc, number_hmac, "
                   "number_last4, category, grade, issued_on, expires_on, created_by, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
                   "ibsssissi", child, enc, elen, hmac, num + 16, cat, grade, issued, expires,
                   s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    if (cert_into_file(r, s, child, cat, grade, issued, expires) != 0)
        return 503;
    s->audit(r, "rehab.certificate.create", "rehab_certificate", rehab_id(r, s, id),
             s->sprintf(r, "child=%lld last4=%s category=%s grade=%lld expires=%s", child,
                        num + 16, cat, grade, expires));
    s->flash(r, s->sprintf(r, "残疾人证已登记，有效期至 %s。", expires));
    return s->redirect(r, s->sprintf(r, "/children/%lld", child));
}

int certificate_list_get(portal_req *r, const struct portal_services *s)
{
    const char *a1 = NULL, *a2 = NULL, *cond = s->scope_sql(r, "c", &a1, &a2);
    long long warn = s->setting_int(r, "cert_warn_days", NULL);
    if (!cond || s->db_query_hdf(r, "Certs", s->sprintf(r,
                        "SELECT k.id, k.number_last4, k.category, k.grade, k.issued_on, "
                        "k.expires_on, DATEDIFF(k.expires_on, ?) AS days_left, c.id AS child_id, "
                        "c.name AS child_name, c.village_code FROM rehab_certificates k JOIN "
                        "children c ON c.id = k.child_id WHERE k.status = 'valid' AND "
                        "k.expires_on <= DATE_ADD(?, INTERVAL ? DAY) AND %s ORDER BY "
                        "k.expires_on, k.id LIMIT 1000", cond), "ssiss", s->today(r),
                        s->today(r), warn, a1, a2) < 0)
        return 500;
    s->set_int(r, "WarnDays", warn);
    return s->render(r, "certificates.cs", "残疾人证到期提醒");
}

/* every lapsed certificate (expired, not renewed) in the user's scope (the
 * job's: the county's):
 * marked lapsed; a grade 1-2 one ends 重病重残 on its expiry (reason
 * "ineligible"); the number lapsed, or minus the status to answer */
static int lapse_all(portal_req *r, const struct portal_services *s)
{
    const char *a1 = NULL, *a2 = NULL, *cond = s->scope_sql(r, "c", &a1, &a2);
    portal_rows *q = cond ? s->db_query(r, s->sprintf(r, "SELECT k.id, k.child_id, k.grade, "
                                        "k.expires_on FROM rehab_certificates k JOIN children c "
                                        "ON c.id = k.child_id WHERE k.status = 'valid' AND "
                                        "k.expires_on < ? AND %s FOR UPDATE", cond), "sss",
                                        s->today(r), a1, a2) : NULL;
    if (!q)
        return -500;
    int n = 0;
    while (s->db_next(q)) {
        long long id = atoll(s->db_col(q, 0)), child = atoll(s->db_col(q, 1));
        const char *expired = s->db_col(q, 3);
        if (s->db_exec(r, "UPDATE rehab_certificates SET status = 'lapsed' WHERE id = ?", "i",
                       id) != 1)
            return -500;
        if (atoi(s->db_col(q, 2)) <= 2 &&
            s->child_category_exit(r, child, "ill_disabled", expired, "ineligible",
                                   "残疾人证到期未换领") != 0)
            return -503;
        if (s->child_event(r, child, "disability.lapsed",
                           s->sprintf(r, "残疾人证已于 %s 到期，未换领", expired)) != 0)
            return -503;
        n++;
    }
    s->audit(r, "rehab.certificate.lapse", "rehab_certificate", NULL,
             s->sprintf(r, "lapsed=%d", n));
    return n;
}

/* the job (daily): certificates lapse by themselves, as the system user */
int rehab_lapse_job(portal_req *r, const struct portal_services *s)
{
    return lapse_all(r, s) < 0 ? -1 : 0;
}

/* one row of the panel: what, when, how */
static void panel_row(portal_req *r, const struct portal_services *s, const char *prefix,
                      int n, const char *what, const char *when, const char *how)
{
    s->set(r, s->sprintf(r, "%s.Rows.%d.0", prefix, n), what);
    s->set(r, s->sprintf(r, "%s.Rows.%d.1", prefix, n), when ? when : "");
    s->set(r, s->sprintf(r, "%s.Rows.%d.2", prefix, n), how ? how : "");
}

/* the suspected domains of a screening row ("视力、孤独症表现疑似"), or 正常 */
static const char *domains_text(portal_req *r, const struct portal_services *s,
                                portal_rows *q)
{
    const char *out = "";
    for (int d = 0; d < REHAB_DOMAINS; d++)
        if (strcmp(s->col(q, rehab_domains[d]), "1") == 0)
            out = s->sprintf(r, "%s%s%s", out, *out ? "、" : "",
                             s->label(r, "rehab.domain", rehab_domains[d]));
    return *out ? s->sprintf(r, "%s疑似", out) : "正常";
}

/* the tables of the panel's rows, in its order (a child in none costs no query) */
const char *const rehab_panel_tables[] = {"rehab_screenings", "rehab_referrals",
                                          "rehab_certificates", "rehab_plans", NULL};

int rehab_child_panel(portal_req *r, const struct portal_services *s, long long child,
                      const char *prefix)
{
    static const char *const cols[] = {"事项", "日期", "情况"};
    for (int i = 0; i < 3; i++)
        s->set(r, s->sprintf(r, "%s.Cols.%d", prefix, i), cols[i]);
    int n = 0, has[4];
    for (int i = 0; i < 4; i++)
        if ((has[i] = s->child_has(r, child, rehab_panel_tables[i])) < 0)
            return -1;
    portal_rows *q = !has[0] ? NULL : s->db_query(r, "SELECT rd.day, x.vision, x.hearing, x.speech, x.motor, "
                                 "x.intellectual, x.autism FROM rehab_screenings x JOIN "
                                 "rehab_rounds rd ON rd.id = x.round_id WHERE x.child_id = ? "
                                 "ORDER BY rd.day", "i", child);
    while (q && s->db_next(q))
        panel_row(r, s, prefix, n++, "残疾筛查", s->col(q, "day"), domains_text(r, s, q));
    q = !has[1] ? NULL : s->db_query(r, "SELECT kind, referred_on, status, result, category, grade, outcome FROM "
                    "rehab_referrals WHERE child_id = ? ORDER BY id", "i", child);
    while (q && s->db_next(q))
        panel_row(r, s, prefix, n++, s->label(r, "rehab.referral_kind", s->col(q, "kind")),
                  s->col(q, "referred_on"), strcmp(s->col(q, "status"), "done") != 0 ?
                  "待结果" : s->sprintf(r, "%s%s%s", s->label(r, "rehab.result",
                  s->col(q, "result")), s->label(r, "rehab.category", s->col(q, "category")),
                  s->label(r, "rehab.grade", s->col(q, "grade"))));
    q = !has[2] ? NULL : s->db_query(r, "SELECT number_last4, category, grade, issued_on, expires_on, status FROM "
                    "rehab_certificates WHERE child_id = ? AND status <> 'renewed'", "i", child);
    while (q && s->db_next(q))
        panel_row(r, s, prefix, n++, "残疾人证", s->col(q, "issued_on"),
                  s->sprintf(r, "尾号 %s，%s%s，%s %s", s->col(q, "number_last4"),
                             s->label(r, "rehab.category", s->col(q, "category")),
                             s->label(r, "rehab.grade", s->col(q, "grade")),
                             strcmp(s->col(q, "status"), "valid") == 0 ? "有效期至" : "已过期",
                             s->col(q, "expires_on")));
    q = !has[3] ? NULL : s->db_query(r, "SELECT p.service, p.start_month, p.months, o.name, (SELECT CONCAT("
                    "DATE_FORMAT(m.month, '%Y-%m'), ' 出勤 ', m.days, ' 天', COALESCE(CONCAT("
                    "'，评估 ', m.score, ' 分'), ''), '：', m.progress) FROM rehab_months m WHERE "
                    "m.plan_id = p.id ORDER BY m.month DESC LIMIT 1) AS last FROM rehab_plans p "
                    "JOIN orgs o ON o.id = p.org_id WHERE p.child_id = ? ORDER BY p.id", "i",
                    child);
    while (q && s->db_next(q))
        panel_row(r, s, prefix, n++, s->sprintf(r, "康复救助：%s", s->label(r, "rehab.service",
                  s->db_col(q, 0))), s->db_col(q, 1), s->sprintf(r, "%s，%s 个月；%s",
                  s->db_col(q, 3), s->db_col(q, 2), s->db_col(q, 4) ? s->db_col(q, 4) :
                  "尚无训练记录"));
    if (has[3] && !q)
        return -1;
    s->set(r, s->sprintf(r, "%s.Link", prefix), s->sprintf(r, "/rehab/children/%lld", child));
    return n;
}

/* the child's rehabilitation page: the panel, the certificate form, apply */
int child_get(portal_req *r, const struct portal_services *s)
{
    long long child = s->object(r)->id;
    if (rehab_child_panel(r, s, child, "Panel") < 0)
        return 500;
    s->labels_hdf(r, "Categories", "rehab.category");
    s->set(r, "Today", s->today(r));
    s->audit(r, "rehab.child.read", "child", rehab_id(r, s, child), NULL);
    return s->render(r, "child.cs", "残疾与康复");
}
