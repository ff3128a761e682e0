/*
 * donations.c - charity projects (with a budget and what they spent) and
 * donations of money or goods, to a child or to a project; the donations
 * report.
 *
 * Money is integer fen everywhere: typed yuan text ("1234.5") is parsed
 * into fen by the host's yuan_to_fen without floating point, and shown as yuan by
 * the templates' money() (the CSV by fen_to_yuan).  Staff
 * (volunteer.manage) register projects, spending and donations; a donation
 * to a child needs the child in scope and is on the child's timeline (pledged,
 * corrected, delivered).  A pledged donation can be corrected; a delivered
 * one no longer changes.  A project's name, budget and period can be
 * corrected (audited with what they were).  A partner sees its own
 * organisation's projects only; any other id is an audited 404 (objects.c).
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

#define BAD_AMOUNT "金额格式不正确：请填写以元为单位的正数，最多两位小数，例如 1234.50。"

/* ------------------------------------------------------------ parameters */

const struct portal_param project_params[] = {
    {"vorg_id", PP_INT, 20, 1, "社会组织"},
    {"name", PP_TEXT, 128, 1, "项目名称"},
    {"budget", PP_TEXT, 20, 1, "预算（元）"},
    {"start_date", PP_DATE, 10, 1, "开始日期"},
    {"end_date", PP_DATE, 10, 1, "结束日期"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param project_edit_params[] = {
    {"name", PP_TEXT, 128, 1, "项目名称"},
    {"budget", PP_TEXT, 20, 1, "预算（元）"},
    {"start_date", PP_DATE, 10, 1, "开始日期"},
    {"end_date", PP_DATE, 10, 1, "结束日期"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param donation_edit_params[] = {
    {"donor", PP_TEXT, 100, 1, "捐赠方"},
    {"amount", PP_TEXT, 20, 0, "捐款金额（元）"},
    {"goods", PP_TEXT, 200, 0, "捐赠物资"},
    {"pledged_date", PP_DATE, 10, 1, "认捐日期"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param spend_params[] = {
    {"amount", PP_TEXT, 20, 1, "支出金额（元）"},
    {"spent_on", PP_DATE, 10, 1, "支出日期"},
    {"purpose", PP_TEXT, 200, 1, "用途"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param donation_params[] = {
    {"donor", PP_TEXT, 100, 1, "捐赠方"},
    {"project_id", PP_INT, 20, 0, "项目编号"},
    {"child_id", PP_INT, 20, 0, "儿童编号"},
    {"amount", PP_TEXT, 20, 0, "捐款金额（元）"},
    {"goods", PP_TEXT, 200, 0, "捐赠物资"},
    {"pledged_date", PP_DATE, 10, 1, "认捐日期"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param deliver_params[] = {
    {"delivered_date", PP_DATE, 10, 1, "交付日期"},
    {NULL, 0, 0, 0, NULL}};

/* money in fen, shown by the templates' money() */
#define PROJECT_COLS                                                                          \
    "p.id, p.name, o.name AS org_name, p.vorg_id, p.start_date, p.end_date, "                 \
    "p.budget_fen AS budget, (SELECT COALESCE(SUM(x.amount_fen), 0) FROM "                    \
    "volunteer_project_spending x WHERE x.project_id = p.id) AS spent, "                      \
    "(SELECT COALESCE(SUM(d.money_fen), 0) FROM volunteer_donations d "                       \
    "WHERE d.project_id = p.id) AS pledged, "                                                 \
    "(SELECT COALESCE(SUM(d.money_fen), 0) FROM volunteer_donations d "                       \
    "WHERE d.project_id = p.id AND d.status = 'delivered') AS delivered, "                    \
    /* spending beyond the budget is recorded (it happened) and shown */                     \
    "GREATEST((SELECT COALESCE(SUM(x.amount_fen), 0) FROM volunteer_project_spending x "      \
    "WHERE x.project_id = p.id) - p.budget_fen, 0) AS over_budget "                           \
    "FROM volunteer_projects p JOIN volunteer_orgs v ON v.id = p.vorg_id "                    \
    "JOIN orgs o ON o.id = v.org_id "

/* donations of a project (pid > 0), or those to children in scope (pid 0) */
#define DONATION_COLS                                                                         \
    "d.id, d.donor, d.project_id, d.child_id, c.name AS child_name, "                         \
    "d.money_fen AS money, d.goods, "                                                         \
    "d.pledged_date, d.delivered_date, d.status FROM volunteer_donations d "                  \
    "LEFT JOIN children c ON c.id = d.child_id "

/* ------------------------------------------------------------ staff */

int project_list_get(portal_req *r, const struct portal_services *s)
{
    const char *sa, *w = s->scope_where(r, "c.village_code", &sa);
    if (s->db_query_hdf(r, "Projects", "SELECT " PROJECT_COLS "ORDER BY p.id DESC LIMIT 500",
                        "") < 0 ||
        s->db_query_hdf(r, "Orgs", "SELECT v.id, o.name FROM volunteer_orgs v JOIN orgs o ON "
                                   "o.id = v.org_id WHERE v.status = 'approved' ORDER BY o.name",
                        "") < 0 ||
        s->db_query_hdf(r, "ChildDonations",
                        s->sprintf(r, "SELECT " DONATION_COLS "WHERE d.child_id IS NOT NULL "
                                   "AND %s ORDER BY d.id DESC LIMIT 500", w), "s", sa) < 0)
        return 500;
    s->set(r, "Today", s->today(r));
    return s->render(r, "project_list.cs", "慈善项目与捐赠");
}

int project_create_post(portal_req *r, const struct portal_services *s)
{
    long long vorg = s->param_int(r, "vorg_id", 0), budget = 0;
    const char *from = s->param(r, "start_date"), *to = s->param(r, "end_date");
    if (s->yuan_to_fen(s->param(r, "budget"), 0, &budget) != 0 || budget <= 0)
        return s->fail(r, 400, BAD_AMOUNT);
    if (strcmp(from, to) > 0)
        return s->fail(r, 400, "结束日期不能早于开始日期。");
    portal_rows *q = s->db_query(r, "SELECT status FROM volunteer_orgs WHERE id = ?", "i", vorg);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->not_found(r, "volunteer_org", s->sprintf(r, "%lld", vorg));
    if (strcmp(s->db_col(q, 0), "approved") != 0)
        return s->fail(r, 409, "只能为已批准的社会组织登记项目。");
    if (s->db_exec(r, "INSERT INTO volunteer_projects (vorg_id, name, budget_fen, start_date, "
                      "end_date, created_at, created_by) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
                   "isissi", vorg, s->param(r, "name"), budget, from, to, s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "volunteer.project.add", "volunteer_project", s->sprintf(r, "%lld", id),
             s->sprintf(r, "vorg=%lld budget_fen=%lld", vorg, budget));
    s->flash(r, "慈善项目已登记。");
    return s->redirect(r, s->sprintf(r, "/volunteer/projects/%lld", id));
}

/* a project the route's loader let through (staff: any; a partner: its own) */
static int project_detail(portal_req *r, const struct portal_services *s, const char *tmpl)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Project", "SELECT " PROJECT_COLS "WHERE p.id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Spending",
                        "SELECT id, spent_on, amount_fen AS amount, purpose FROM "
                        "volunteer_project_spending WHERE project_id = ? ORDER BY spent_on, id",
                        "i", id) < 0 ||
        s->db_query_hdf(r, "Donations", "SELECT " DONATION_COLS "WHERE d.project_id = ? "
                                        "ORDER BY d.id", "i", id) < 0)
        return 500;
    s->set(r, "Today", s->today(r));
    s->audit(r, "volunteer.project.view", "volunteer_project", s->sprintf(r, "%lld", id), NULL);
    return s->render(r, tmpl, "慈善项目");
}

int project_get(portal_req *r, const struct portal_services *s)
{
    return project_detail(r, s, "project.cs");
}

int project_spend_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, fen = 0;
    if (s->yuan_to_fen(s->param(r, "amount"), 0, &fen) != 0 || fen <= 0)
        return s->fail(r, 400, BAD_AMOUNT);
    if (s->db_exec(r, "INSERT INTO volunteer_project_spending (project_id, spent_on, amount_fen, "
                      "purpose, created_at, created_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
                   "isisi", id, s->param(r, "spent_on"), fen, s->param(r, "purpose"),
                   s->user(r)->id) != 1)
        return 500;
    s->audit(r, "volunteer.project.spend", "volunteer_project", s->sprintf(r, "%lld", id),
             s->sprintf(r, "amount_fen=%lld", fen));
    s->flash(r, "支出已登记。");
    return s->redirect(r, s->sprintf(r, "/volunteer/projects/%lld", id));
}

/* what was given: "1234.50 元" or the goods (fen < 0: goods only) */
static const char *what(portal_req *r, const struct portal_services *s, long long fen,
                        const char *goods)
{
    if (fen >= 0)
        return s->sprintf(r, "%s 元%s%s", s->fen_to_yuan(r, fen), goods && *goods ? "及" : "",
                          goods ? goods : "");
    return goods ? goods : "";
}

int donation_create_post(portal_req *r, const struct portal_services *s)
{
    long long pid = s->param_int(r, "project_id", 0), child = s->param_int(r, "child_id", 0);
    const char *amount = s->param(r, "amount"), *goods = s->param(r, "goods");
    long long fen = 0;
    int money = amount && *amount;
    if ((pid > 0) == (child > 0))
        return s->fail(r, 400, "请填写受赠项目或受赠儿童中的一项。");
    if (money && (s->yuan_to_fen(amount, 0, &fen) != 0 || fen <= 0))
        return s->fail(r, 400, BAD_AMOUNT);
    if (!money && (!goods || !*goods))
        return s->fail(r, 400, "请填写捐款金额或捐赠物资。");
    const char *back = "/volunteer/projects";
    if (pid > 0) {
        portal_rows *q = s->db_query(r, "SELECT id FROM volunteer_projects WHERE id = ?", "i", pid);
        if (!q)
            return 500;
        if (!s->db_next(q))
            return s->not_found(r, "volunteer_project", s->sprintf(r, "%lld", pid));
        back = s->sprintf(r, "/volunteer/projects/%lld", pid);
    } else if (!s->child(r, child)) {
        return 404;
    }
    if (s->db_exec(r, "INSERT INTO volunteer_donations (donor, project_id, child_id, money_fen, "
                      "goods, pledged_date, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, "
                      "?, 'pledged', UTC_TIMESTAMP(), ?)",
                   "ssssssi", s->param(r, "donor"),
                   pid > 0 ? s->sprintf(r, "%lld", pid) : NULL,
                   child > 0 ? s->sprintf(r, "%lld", child) : NULL,
                   money ? s->sprintf(r, "%lld", fen) : NULL, goods ? goods : "",
                   s->param(r, "pledged_date"), s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    if (child > 0 &&
        s->child_event(r, child, "volunteer.donation",
                       s->sprintf(r, "受赠：%s 认捐%s", s->param(r, "donor"),
                                  what(r, s, money ? fen : -1, goods))) != 0)
        return 500;
    s->audit(r, "volunteer.donation.add", "volunteer_donation", s->sprintf(r, "%lld", id),
             s->sprintf(r, "project=%lld child=%lld money_fen=%lld", pid, child, fen));
    s->flash(r, "捐赠已登记。");
    return s->redirect(r, back);
}

/* where a donation's page is: its project's, or the list */
static const char *donation_page(portal_req *r, const struct portal_services *s, const char *pid)
{
    return pid ? s->sprintf(r, "/volunteer/projects/%s", pid) : "/volunteer/projects";
}

int donation_deliver_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *d = o->data;
    const char *date = s->param(r, "delivered_date"), *money = s->col(d, "money_fen");
    if (strcmp(s->col(d, "status"), "pledged") != 0)
        return s->fail(r, 409, "该捐赠已经交付。");
    if (strcmp(date, s->col(d, "pledged_date")) < 0)
        return s->fail(r, 400, "交付日期不能早于认捐日期。");
    /* the status condition closes the race with another delivery */
    long long n = s->db_exec(r, "UPDATE volunteer_donations SET status = 'delivered', "
                                "delivered_date = ? WHERE id = ? AND status = 'pledged'",
                             "si", date, o->id);
    if (n < 0)
        return 500;
    if (n == 0)
        return s->fail(r, 409, "该捐赠已经交付。");
    if (o->child_id &&
        s->child_event(r, o->child_id, "volunteer.donation.deliver",
                       s->sprintf(r, "受赠：%s 捐赠的%s已于 %s 送达", s->col(d, "donor"),
                                  what(r, s, money ? vol_num(money) : -1,
                                       s->col(d, "goods")),
                                  date)) != 0)
        return 500;
    s->audit(r, "volunteer.donation.deliver", "volunteer_donation", s->sprintf(r, "%lld", o->id),
             s->sprintf(r, "delivered=%s", date));
    s->flash(r, "捐赠已确认交付。");
    return s->redirect(r, donation_page(r, s, s->col(d, "project_id")));
}

int donation_edit_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *d = o->data;
    long long fen = 0;
    const char *amount = s->param(r, "amount"), *goods = s->param(r, "goods");
    const char *donor = s->param(r, "donor"), *pledged = s->param(r, "pledged_date");
    int money = amount && *amount;
    if (money && (s->yuan_to_fen(amount, 0, &fen) != 0 || fen <= 0))
        return s->fail(r, 400, BAD_AMOUNT);
    if (!money && (!goods || !*goods))
        return s->fail(r, 400, "请填写捐款金额或捐赠物资。");
    if (strcmp(s->col(d, "status"), "pledged") != 0)
        return s->fail(r, 409, "该捐赠已经交付，不能再修改。");
    const char *was = s->sprintf(r, "donor=%s money_fen=%s goods=%s pledged=%s", s->col(d, "donor"),
                                 s->col(d, "money_fen") ? s->col(d, "money_fen") : "-",
                                 s->col(d, "goods"), s->col(d, "pledged_date"));
    if (s->db_exec(r, "UPDATE volunteer_donations SET donor = ?, money_fen = ?, goods = ?, "
                      "pledged_date = ? WHERE id = ? AND status = 'pledged'",
                   "ssssi", donor, money ? s->sprintf(r, "%lld", fen) : NULL, goods ? goods : "",
                   pledged, o->id) != 1 ||
        (o->child_id && s->child_event(r, o->child_id, "volunteer.donation.edit",
                                       s->sprintf(r, "受赠记录更正：%s 认捐%s", donor,
                                                  what(r, s, money ? fen : -1, goods))) != 0))
        return 500;
    s->audit(r, "volunteer.donation.edit", "volunteer_donation", s->sprintf(r, "%lld", o->id),
             s->sprintf(r, "was %s; now donor=%s money_fen=%lld pledged=%s", was, donor,
                        money ? fen : -1, pledged));
    s->flash(r, "捐赠记录已修改。");
    return s->redirect(r, donation_page(r, s, s->col(d, "project_id")));
}

int project_edit_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *p = o->data;
    long long budget = 0;
    const char *name = s->param(r, "name");
    const char *from = s->param(r, "start_date"), *to = s->param(r, "end_date");
    if (s->yuan_to_fen(s->param(r, "budget"), 0, &budget) != 0 || budget <= 0)
        return s->fail(r, 400, BAD_AMOUNT);
    if (strcmp(from, to) > 0)
        return s->fail(r, 400, "结束日期不能早于开始日期。");
    const char *was = s->sprintf(r, "name=%s budget_fen=%s %s..%s", s->col(p, "name"),
                                 s->col(p, "budget_fen"), s->col(p, "start_date"),
                                 s->col(p, "end_date"));
    if (s->db_exec(r, "UPDATE volunteer_projects SET name = ?, budget_fen = ?, start_date = ?, "
                      "end_date = ? WHERE id = ?", "sissi", name, budget, from, to, o->id) < 0)
        return 500;
    s->audit(r, "volunteer.project.edit", "volunteer_project", s->sprintf(r, "%lld", o->id),
             s->sprintf(r, "was %s; now name=%s budget_fen=%lld %s..%s", was, name, budget, from,
                        to));
    s->flash(r, "项目信息已修改。");
    return s->redirect(r, s->sprintf(r, "/volunteer/projects/%lld", o->id));
}

/* ------------------------------------------------------------ partner */

int partner_project_list_get(portal_req *r, const struct portal_services *s)
{
    long long vorg = 0;
    if (vol_partner_org(r, s, &vorg, NULL) != 0)
        return s->refuse(r, 403, "page", "volunteer.partner_projects",
                         "no registered partner organisation", "您的账号没有关联社会组织。");
    if (s->db_query_hdf(r, "Projects", "SELECT " PROJECT_COLS "WHERE p.vorg_id = ? "
                                       "ORDER BY p.id DESC LIMIT 500", "i", vorg) < 0)
        return 500;
    s->audit(r, "volunteer.partner.projects", "volunteer_org", s->sprintf(r, "%lld", vorg), NULL);
    return s->render(r, "partner_project_list.cs", "本组织慈善项目");
}

int partner_project_get(portal_req *r, const struct portal_services *s)
{
    return project_detail(r, s, "partner_project.cs");
}

/* ------------------------------------------------------------ report */

/* count, money pledged and delivered (fen), goods: by project, by
 * organisation, and straight to children in scope */
#define DON_SUMS                                                                              \
    "COUNT(d.id) AS donations, COALESCE(SUM(d.money_fen), 0) AS pledged, "                    \
    "COALESCE(SUM(IF(d.status = 'delivered', d.money_fen, 0)), 0) AS delivered, "             \
    "COALESCE(SUM(d.goods <> ''), 0) AS goods "
#define DON_OF_PROJECTS                                                                       \
    "FROM volunteer_projects p JOIN volunteer_orgs v ON v.id = p.vorg_id "                    \
    "JOIN orgs o ON o.id = v.org_id LEFT JOIN volunteer_donations d ON d.project_id = p.id "
#define DON_BY_PROJECT                                                                        \
    "SELECT p.name, o.name AS org_name, " DON_SUMS DON_OF_PROJECTS                            \
    "GROUP BY p.id, p.name, o.name ORDER BY o.name, p.id"
#define DON_BY_ORG                                                                            \
    "SELECT '' AS name, o.name AS org_name, " DON_SUMS DON_OF_PROJECTS                        \
    "GROUP BY v.id, o.name ORDER BY o.name"
#define DON_TO_CHILDREN                                                                       \
    "SELECT '' AS name, '' AS org_name, " DON_SUMS "FROM volunteer_donations d "              \
    "JOIN children c ON c.id = d.child_id WHERE c.village_code LIKE CONCAT(?, '%')"

int donation_report_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "ByProject", DON_BY_PROJECT, "") < 0 ||
        s->db_query_hdf(r, "ByOrg", DON_BY_ORG, "") < 0 ||
        s->db_query_hdf(r, "ToChildren", DON_TO_CHILDREN, "s", s->scope_prefix(r)) < 0)
        return 500;
    return s->render(r, "donation_report.cs", "捐赠统计");
}

int donation_report_csv_get(portal_req *r, const struct portal_services *s)
{
    static const char *const heads[] = {"分组", "项目", "社会组织", "捐赠笔数", "认捐金额（元）",
                                        "已交付金额（元）", "物资笔数"};
    vol_csv_begin(r, s, "donations.csv", "volunteer.donations.export", NULL, heads, 7);
    /* columns 3 and 4 are money in fen */
    struct vol_csv ctx = {r, s, "按项目", 6, 1u << 3 | 1u << 4};
    if (s->db_stream(r, vol_csv_row, &ctx, DON_BY_PROJECT, "") < 0)
        return s->output_sent(r) ? 200 : 500;
    ctx.group = "按组织";
    if (s->db_stream(r, vol_csv_row, &ctx, DON_BY_ORG, "") < 0)
        return s->output_sent(r) ? 200 : 500;
    ctx.group = "直接资助儿童";
    if (s->db_stream(r, vol_csv_row, &ctx, DON_TO_CHILDREN, "s", s->scope_prefix(r)) < 0)
        return s->output_sent(r) ? 200 : 500;
    return 200;
}
