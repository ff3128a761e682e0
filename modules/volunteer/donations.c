/*
 * donations.c - charity projects (with a budget and what they spent) and
 * donations of money or goods, to a child or to a project; the donations
 * report.
 *
 * Money is integer fen everywhere: typed yuan text ("1234.5") is parsed
 * into fen by the host's yuan_to_fen without floating point, and shown as yuan by
 * integer arithmetic (the YUAN() SQL expression, DIV and MOD).  Staff
 * (volunteer.manage) register projects, spending and donations; a donation
 * to a child needs the child in scope and is on the child's timeline (pledged,
 * corrected, delivered).  A pledged donation can be corrected; a delivered
 * one no longer changes.  A project's name, budget and period can be
 * corrected (audited with what they were).  A partner sees its own
 * organisation's projects only; any other id answers s->not_found.
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

/* a non-negative fen column as yuan text: 123456 -> "1234.56" */
#define YUAN(x) "CONCAT(" x " DIV 100, '.', LPAD(" x " MOD 100, 2, '0'))"

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

#define PROJECT_COLS                                                                          \
    "p.id, p.name, o.name AS org_name, p.vorg_id, p.start_date, p.end_date, "                 \
    YUAN("p.budget_fen") " AS budget, "                                                       \
    YUAN("(SELECT COALESCE(SUM(x.amount_fen), 0) FROM volunteer_project_spending x "          \
         "WHERE x.project_id = p.id)") " AS spent, "                                          \
    YUAN("(SELECT COALESCE(SUM(d.money_fen), 0) FROM volunteer_donations d "                  \
         "WHERE d.project_id = p.id)") " AS pledged, "                                        \
    YUAN("(SELECT COALESCE(SUM(d.money_fen), 0) FROM volunteer_donations d "                  \
         "WHERE d.project_id = p.id AND d.status = 'delivered')") " AS delivered, "           \
    /* spending beyond the budget is recorded (it happened) and shown */                     \
    YUAN("GREATEST((SELECT COALESCE(SUM(x.amount_fen), 0) FROM volunteer_project_spending x " \
         "WHERE x.project_id = p.id) - p.budget_fen, 0)") " AS over_budget "                  \
    "FROM volunteer_projects p JOIN volunteer_orgs v ON v.id = p.vorg_id "                    \
    "JOIN orgs o ON o.id = v.org_id "

/* donations of a project (pid > 0), or those to children in scope (pid 0) */
#define DONATION_COLS                                                                         \
    "d.id, d.donor, d.project_id, d.child_id, c.name AS child_name, "                         \
    "IF(d.money_fen IS NULL, NULL, " YUAN("d.money_fen") ") AS money, d.goods, "              \
    "d.pledged_date, d.delivered_date, d.status FROM volunteer_donations d "                  \
    "LEFT JOIN children c ON c.id = d.child_id "

static void set_labels(portal_req *r, const struct portal_services *s)
{
    s->set(r, "Lbl.don.pledged", "已认捐");
    s->set(r, "Lbl.don.delivered", "已交付");
}

/* ------------------------------------------------------------ staff */

int project_list_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Projects", "SELECT " PROJECT_COLS "ORDER BY p.id DESC LIMIT 500",
                        "") < 0 ||
        s->db_query_hdf(r, "Orgs", "SELECT v.id, o.name FROM volunteer_orgs v JOIN orgs o ON "
                                   "o.id = v.org_id WHERE v.status = 'approved' ORDER BY o.name",
                        "") < 0 ||
        s->db_query_hdf(r, "ChildDonations",
                        "SELECT " DONATION_COLS "WHERE d.child_id IS NOT NULL AND "
                        "c.village_code LIKE CONCAT(?, '%') ORDER BY d.id DESC LIMIT 500",
                        "s", s->scope_prefix(r)) < 0)
        return 500;
    set_labels(r, s);
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

static int project_detail(portal_req *r, const struct portal_services *s, long long id,
                          long long vorg, const char *tmpl)
{
    const char *sid = s->path_arg(r, "id");
    int n = vorg > 0 ? s->db_query_hdf(r, "Project", "SELECT " PROJECT_COLS
                                       "WHERE p.id = ? AND p.vorg_id = ?", "ii", id, vorg)
                     : s->db_query_hdf(r, "Project", "SELECT " PROJECT_COLS "WHERE p.id = ?",
                                       "i", id);
    if (n < 0)
        return 500;
    if (n == 0)
        return s->not_found(r, "volunteer_project", sid);
    if (s->db_query_hdf(r, "Spending",
                        "SELECT id, spent_on, " YUAN("amount_fen") " AS amount, purpose FROM "
                        "volunteer_project_spending WHERE project_id = ? ORDER BY spent_on, id",
                        "i", id) < 0 ||
        s->db_query_hdf(r, "Donations", "SELECT " DONATION_COLS "WHERE d.project_id = ? "
                                        "ORDER BY d.id", "i", id) < 0)
        return 500;
    set_labels(r, s);
    s->set(r, "Today", s->today(r));
    s->audit(r, "volunteer.project.view", "volunteer_project", sid, NULL);
    return s->render(r, tmpl, "慈善项目");
}

int project_get(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s);
    if (id <= 0)
        return s->not_found(r, "volunteer_project", s->path_arg(r, "id"));
    return project_detail(r, s, id, 0, "project.cs");
}

int project_spend_post(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s), fen = 0;
    const char *sid = s->path_arg(r, "id");
    if (id <= 0)
        return s->not_found(r, "volunteer_project", sid);
    if (s->yuan_to_fen(s->param(r, "amount"), 0, &fen) != 0 || fen <= 0)
        return s->fail(r, 400, BAD_AMOUNT);
    portal_rows *q = s->db_query(r, "SELECT id FROM volunteer_projects WHERE id = ?", "i", id);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->not_found(r, "volunteer_project", sid);
    if (s->db_exec(r, "INSERT INTO volunteer_project_spending (project_id, spent_on, amount_fen, "
                      "purpose, created_at, created_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
                   "isisi", id, s->param(r, "spent_on"), fen, s->param(r, "purpose"),
                   s->user(r)->id) != 1)
        return 500;
    s->audit(r, "volunteer.project.spend", "volunteer_project", sid,
             s->sprintf(r, "amount_fen=%lld", fen));
    s->flash(r, "支出已登记。");
    return s->redirect(r, s->sprintf(r, "/volunteer/projects/%lld", id));
}

/* a line on the child's timeline */
static int child_event(portal_req *r, const struct portal_services *s, long long child,
                       const char *kind, const char *summary)
{
    return s->db_exec(r, "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) "
                         "VALUES (?, UTC_TIMESTAMP(), ?, 'volunteer', ?, ?)",
                      "iiss", child, s->user(r)->id, kind, summary) == 1
               ? 0
               : -1;
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
    } else {
        portal_rows *q = s->db_query(r, "SELECT village_code FROM children WHERE id = ?", "i", child);
        if (!q)
            return 500;
        if (!s->db_next(q) || !s->in_scope(r, s->db_col(q, 0)))
            return s->not_found(r, "child", s->sprintf(r, "%lld", child));
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
        child_event(r, s, child, "volunteer.donation",
                    s->sprintf(r, "受赠：%s 认捐%s", s->param(r, "donor"),
                               what(r, s, money ? fen : -1, goods))) != 0)
        return 500;
    s->audit(r, "volunteer.donation.add", "volunteer_donation", s->sprintf(r, "%lld", id),
             s->sprintf(r, "project=%lld child=%lld money_fen=%lld", pid, child, fen));
    s->flash(r, "捐赠已登记。");
    return s->redirect(r, back);
}

int donation_deliver_post(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s);
    const char *sid = s->path_arg(r, "id"), *date = s->param(r, "delivered_date");
    if (id <= 0)
        return s->not_found(r, "volunteer_donation", sid);
    portal_rows *q = s->db_query(r, "SELECT d.status, d.project_id, c.village_code, d.pledged_date, "
                                    "d.child_id, d.donor, d.money_fen, d.goods "
                                    "FROM volunteer_donations d LEFT JOIN children c ON "
                                    "c.id = d.child_id WHERE d.id = ?", "i", id);
    if (!q)
        return 500;
    if (!s->db_next(q) || (!s->db_col(q, 1) && !s->in_scope(r, s->db_col(q, 2))))
        return s->not_found(r, "volunteer_donation", sid);
    if (strcmp(s->db_col(q, 0), "pledged") != 0)
        return s->fail(r, 409, "该捐赠已经交付。");
    if (strcmp(date, s->db_col(q, 3)) < 0)
        return s->fail(r, 400, "交付日期不能早于认捐日期。");
    const char *pid = s->db_col(q, 1), *cid = s->db_col(q, 4);
    /* the status condition closes the race with another delivery */
    long long n = s->db_exec(r, "UPDATE volunteer_donations SET status = 'delivered', "
                                "delivered_date = ? WHERE id = ? AND status = 'pledged'",
                             "si", date, id);
    if (n < 0)
        return 500;
    if (n == 0)
        return s->fail(r, 409, "该捐赠已经交付。");
    if (cid && child_event(r, s, strtoll(cid, NULL, 10), "volunteer.donation.deliver",
                           s->sprintf(r, "受赠：%s 捐赠的%s已于 %s 送达", s->db_col(q, 5),
                                      what(r, s, s->db_col(q, 6) ? strtoll(s->db_col(q, 6), NULL, 10)
                                                                 : -1,
                                           s->db_col(q, 7)),
                                      date)) != 0)
        return 500;
    s->audit(r, "volunteer.donation.deliver", "volunteer_donation", sid,
             s->sprintf(r, "delivered=%s", date));
    s->flash(r, "捐赠已确认交付。");
    return s->redirect(r, pid ? s->sprintf(r, "/volunteer/projects/%s", pid) : "/volunteer/projects");
}

int donation_edit_post(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s), fen = 0;
    const char *sid = s->path_arg(r, "id"), *amount = s->param(r, "amount");
    const char *goods = s->param(r, "goods"), *donor = s->param(r, "donor");
    const char *pledged = s->param(r, "pledged_date");
    int money = amount && *amount;
    if (id <= 0)
        return s->not_found(r, "volunteer_donation", sid);
    if (money && (s->yuan_to_fen(amount, 0, &fen) != 0 || fen <= 0))
        return s->fail(r, 400, BAD_AMOUNT);
    if (!money && (!goods || !*goods))
        return s->fail(r, 400, "请填写捐款金额或捐赠物资。");
    if (s->db_begin(r) != 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT d.status, d.project_id, c.village_code, d.child_id, "
                                    "d.donor, d.money_fen, d.goods, d.pledged_date "
                                    "FROM volunteer_donations d LEFT JOIN children c ON "
                                    "c.id = d.child_id WHERE d.id = ? FOR UPDATE", "i", id);
    if (!q)
        return 500;
    if (!s->db_next(q) || (!s->db_col(q, 1) && !s->in_scope(r, s->db_col(q, 2)))) {
        s->db_rollback(r);
        return s->not_found(r, "volunteer_donation", sid);
    }
    if (strcmp(s->db_col(q, 0), "pledged") != 0)
        return s->fail(r, 409, "该捐赠已经交付，不能再修改。");
    const char *pid = s->db_col(q, 1), *cid = s->db_col(q, 3);
    const char *was = s->sprintf(r, "donor=%s money_fen=%s goods=%s pledged=%s", s->db_col(q, 4),
                                 s->db_col(q, 5) ? s->db_col(q, 5) : "-", s->db_col(q, 6),
                                 s->db_col(q, 7));
    if (s->db_exec(r, "UPDATE volunteer_donations SET donor = ?, money_fen = ?, goods = ?, "
                      "pledged_date = ? WHERE id = ? AND status = 'pledged'",
                   "ssssi", donor, money ? s->sprintf(r, "%lld", fen) : NULL, goods ? goods : "",
                   pledged, id) != 1 ||
        (cid && child_event(r, s, strtoll(cid, NULL, 10), "volunteer.donation.edit",
                            s->sprintf(r, "受赠记录更正：%s 认捐%s", donor,
                                       what(r, s, money ? fen : -1, goods))) != 0))
        return 500;
    s->audit(r, "volunteer.donation.edit", "volunteer_donation", sid,
             s->sprintf(r, "was %s; now donor=%s money_fen=%lld pledged=%s", was, donor,
                        money ? fen : -1, pledged));
    s->flash(r, "捐赠记录已修改。");
    return s->redirect(r, pid ? s->sprintf(r, "/volunteer/projects/%s", pid) : "/volunteer/projects");
}

int project_edit_post(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s), budget = 0;
    const char *sid = s->path_arg(r, "id"), *name = s->param(r, "name");
    const char *from = s->param(r, "start_date"), *to = s->param(r, "end_date");
    if (id <= 0)
        return s->not_found(r, "volunteer_project", sid);
    if (s->yuan_to_fen(s->param(r, "budget"), 0, &budget) != 0 || budget <= 0)
        return s->fail(r, 400, BAD_AMOUNT);
    if (strcmp(from, to) > 0)
        return s->fail(r, 400, "结束日期不能早于开始日期。");
    if (s->db_begin(r) != 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT name, budget_fen, start_date, end_date FROM "
                                    "volunteer_projects WHERE id = ? FOR UPDATE", "i", id);
    if (!q)
        return 500;
    if (!s->db_next(q)) {
        s->db_rollback(r);
        return s->not_found(r, "volunteer_project", sid);
    }
    const char *was = s->sprintf(r, "name=%s budget_fen=%s %s..%s", s->db_col(q, 0),
                                 s->db_col(q, 1), s->db_col(q, 2), s->db_col(q, 3));
    if (s->db_exec(r, "UPDATE volunteer_projects SET name = ?, budget_fen = ?, start_date = ?, "
                      "end_date = ? WHERE id = ?", "sissi", name, budget, from, to, id) < 0)
        return 500;
    s->audit(r, "volunteer.project.edit", "volunteer_project", sid,
             s->sprintf(r, "was %s; now name=%s budget_fen=%lld %s..%s", was, name, budget, from,
                        to));
    s->flash(r, "项目信息已修改。");
    return s->redirect(r, s->sprintf(r, "/volunteer/projects/%lld", id));
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
    long long id = vol_path_id(r, s), vorg = 0;
    if (id <= 0 || vol_partner_org(r, s, &vorg, NULL) != 0)
        return s->not_found(r, "volunteer_project", s->path_arg(r, "id"));
    return project_detail(r, s, id, vorg, "partner_project.cs");
}

/* ------------------------------------------------------------ report */

#define DON_BY_PROJECT                                                                        \
    "SELECT p.name, o.name AS org_name, COUNT(d.id) AS donations, "                           \
    YUAN("COALESCE(SUM(d.money_fen), 0)") " AS pledged, "                                     \
    YUAN("COALESCE(SUM(IF(d.status = 'delivered', d.money_fen, 0)), 0)") " AS delivered, "    \
    "SUM(d.goods <> '') AS goods FROM volunteer_projects p "                                  \
    "JOIN volunteer_orgs v ON v.id = p.vorg_id JOIN orgs o ON o.id = v.org_id "               \
    "LEFT JOIN volunteer_donations d ON d.project_id = p.id "                                 \
    "GROUP BY p.id, p.name, o.name ORDER BY o.name, p.id"
#define DON_BY_ORG                                                                            \
    "SELECT '' AS name, o.name AS org_name, COUNT(d.id) AS donations, "                       \
    YUAN("COALESCE(SUM(d.money_fen), 0)") " AS pledged, "                                     \
    YUAN("COALESCE(SUM(IF(d.status = 'delivered', d.money_fen, 0)), 0)") " AS delivered, "    \
    "SUM(d.goods <> '') AS goods FROM volunteer_projects p "                                  \
    "JOIN volunteer_orgs v ON v.id = p.vorg_id JOIN orgs o ON o.id = v.org_id "               \
    "LEFT JOIN volunteer_donations d ON d.project_id = p.id "                                 \
    "GROUP BY v.id, o.name ORDER BY o.name"
#define DON_TO_CHILDREN                                                                       \
    "SELECT '' AS name, '' AS org_name, COUNT(d.id) AS donations, "                           \
    YUAN("COALESCE(SUM(d.money_fen), 0)") " AS pledged, "                                     \
    YUAN("COALESCE(SUM(IF(d.status = 'delivered', d.money_fen, 0)), 0)") " AS delivered, "    \
    "COALESCE(SUM(d.goods <> ''), 0) AS goods FROM volunteer_donations d "                    \
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
    struct vol_csv ctx = {r, s, "按项目", 6};
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
