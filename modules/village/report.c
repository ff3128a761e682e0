/*
 * report.c - the director's monthly work report to the township: the
 * month's figures from their own visits and surveys (children of their
 * villages, visited, visits by kind, visits with concerns, surveys), a note,
 * submitted once (again after a return); the township's supervisor
 * confirms it or returns it with an opinion.
 */
#include "village.h"

#include <string.h>

const struct portal_param report_params[] = {
    {"note", PP_LINES, 1000, 0, "工作说明"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param review_params[] = {
    {"decision", PP_CODE, 16, 1, "审核结果"},
    {"opinion", PP_TEXT, 500, 0, "意见"},
    {NULL, 0, 0, 0, NULL}};

/* the month's figures of the signed-in director as Figures.* */
#define FIGURES_SQL                                                                           \
    "SELECT (SELECT COUNT(*) FROM children c WHERE c.status = 'active' AND c.village_code IN " \
    VIL_MY_VILLAGES ") AS children, COUNT(DISTINCT v.child_id) AS visited, "                 \
    "COALESCE(SUM(v.kind = "                                                                 \
    "'visit'), 0) AS visits, COALESCE(SUM(v.kind = 'home_check'), 0) AS home_checks, "        \
    "COALESCE(SUM(v.kind = 'phone'), 0) AS calls, COALESCE(SUM(v.concerns <> ''), 0) AS "      \
    "concerns, (SELECT COUNT(*) FROM village_surveys s WHERE s.created_by = ? AND "            \
    "DATE_FORMAT(s.created_at + INTERVAL 8 HOUR, '%Y-%m') = ?) AS surveys FROM village_visits v WHERE "         \
    "v.user_id = ? AND DATE_FORMAT(v.visit_date, '%Y-%m') = ?"

int report_month_get(portal_req *r, const struct portal_services *s)
{
    const char *month = s->path_arg(r, "month");
    long long uid = s->user(r)->id;
    if (s->db_row_hdf(r, "Figures", FIGURES_SQL, "iisis", uid, uid, month, uid, month) != 1 ||
        s->db_row_hdf(r, "Report", "SELECT * FROM village_reports WHERE user_id = ? AND "
                      "month = ?", "is", uid, month) < 0)
        return 500;
    s->set(r, "Month", month);
    return s->render(r, "report_month.cs", s->sprintf(r, "%s 工作报告", month));
}

int report_month_post(portal_req *r, const struct portal_services *s)
{
    const char *month = s->path_arg(r, "month");
    long long uid = s->user(r)->id;
    if (strcmp(month, s->sprintf(r, "%.7s", s->today(r))) > 0)
        return s->fail(r, 400, "不能提交未来月份的工作报告。");
    if (vil_is_director(r, s) != 1)
        return s->refuse(r, 403, NULL, NULL, "not a director now", "只有在岗的儿童主任提交工作报告。");
    portal_rows *q = s->db_query(r, "SELECT id, status FROM village_reports WHERE user_id = ? AND "
                                    "month = ? FOR UPDATE", "is", uid, month);
    if (!q)
        return 500;
    int again = s->db_next(q);
    if (again && strcmp(s->db_col(q, 1), "returned") != 0)
        return s->fail(r, 409, "本月工作报告已提交。");
    /* after a return the same row takes the new figures (the return's
     * opinion stays on it and in the audit log) */
    if (s->db_exec(r, "INSERT INTO village_reports (user_id, month, township_code, children, "
                      "visited, visits, home_checks, calls, concerns, surveys, note, "
                      "submitted_at) SELECT ?, ?, (SELECT CONCAT(LEFT(division_code, 9), '000') "
                      "FROM users WHERE id = ?), f.children, f.visited, f.visits, f.home_checks, "
                      "f.calls, f.concerns, f.surveys, ?, UTC_TIMESTAMP() FROM (" FIGURES_SQL
                      ") f ON DUPLICATE KEY UPDATE children = VALUES(children), visited = "
                      "VALUES(visited), visits = VALUES(visits), home_checks = "
                      "VALUES(home_checks), calls = VALUES(calls), concerns = VALUES(concerns), "
                      "surveys = VALUES(surveys), note = VALUES(note), submitted_at = "
                      "VALUES(submitted_at), status = 'submitted'", "isisiisis", uid, month, uid,
                   s->trim(r, s->param(r, "note")), uid, uid, month, uid, month) < 1)
        return 500;
    long long id = again ? vil_num(s->db_col(q, 0)) : s->db_insert_id(r);
    s->audit(r, "village.report.submit", "village_report", vil_id(r, s, id), month);
    s->flash(r, "工作报告已提交乡镇。");
    return s->redirect(r, s->sprintf(r, "/village/reports/%lld", id));
}

int vil_report_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT township_code, user_id FROM village_reports WHERE "
                                    "id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    /* a director sees their own; the supervisors of the township all */
    if (vil_num(s->db_col(q, 1)) != s->user(r)->id && !s->has_perm(r, "village.supervise"))
        return 404;
    o->division = s->db_col(q, 0);
    return 0;
}

int report_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_row_hdf(r, "Report", "SELECT v.*, u.display_name AS director, u.username FROM "
                      "village_reports v JOIN users u ON u.id = v.user_id WHERE v.id = ?", "i",
                      s->object(r)->id) != 1)
        return 500;
    s->set_int(r, "CanReview", s->has_perm(r, "village.supervise"));
    return s->render(r, "report.cs", "儿童主任工作报告");
}

int report_review_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    const char *d = s->param(r, "decision"), *opinion = s->trim(r, s->param(r, "opinion"));
    if (strcmp(d, "confirmed") != 0 && strcmp(d, "returned") != 0)
        return s->fail(r, 400, "请选择确认或退回。");
    if (strcmp(d, "returned") == 0 && !*opinion)
        return s->fail(r, 400, "退回须写明意见。");
    if (s->db_exec(r, "UPDATE village_reports SET status = ?, opinion = ?, reviewed_by = ?, "
                      "reviewed_at = UTC_TIMESTAMP() WHERE id = ? AND status = 'submitted' AND "
                      "user_id <> ?", "ssiii", d, opinion, s->user(r)->id, id,
                   s->user(r)->id) != 1)
        return s->fail(r, 409, "该报告不是待审核状态。");
    s->audit(r, "village.report.review", "village_report", vil_id(r, s, id),
             *opinion ? s->sprintf(r, "%s: %s", d, opinion) : d);
    s->flash(r, strcmp(d, "confirmed") == 0 ? "已确认。" : "已退回。");
    return s->redirect(r, s->sprintf(r, "/village/reports/%lld", id));
}

int report_list_get(portal_req *r, const struct portal_services *s)
{
    const char *sa, *pre = s->scope_prefix(r);
    s->scope_where(r, "v.township_code", &sa);
    if (!sa)
        return s->refuse(r, 403, NULL, NULL, "org-scoped user on the reports", NULL);
    /* a director of a set of villages (no township in scope): their own reports */
    int sup = pre && s->has_perm(r, "village.supervise");
    if (s->db_query_hdf(r, "Reports", "SELECT v.id, v.month, v.status, v.visits + "
                        "v.home_checks + v.calls AS total, u.display_name AS director FROM "
                        "village_reports v JOIN users u ON u.id = v.user_id WHERE "
                        "(? IS NULL OR v.township_code LIKE CONCAT(?, '%')) AND (? = 1 OR v.user_id = ?) "
                        "ORDER BY v.status = 'submitted' DESC, v.month DESC, v.id DESC "
                        "LIMIT 500", "ssii", pre, pre, (long long)sup, s->user(r)->id) < 0)
        return 500;
    const char *last = s->date_add(r, s->sprintf(r, "%.7s-01", s->today(r)), -1, 0);
    s->set(r, "LastMonth", s->sprintf(r, "%.7s", last));
    s->set(r, "ThisMonth", s->sprintf(r, "%.7s", s->today(r)));
    s->set_int(r, "Director", vil_is_director(r, s) == 1);
    return s->render(r, "report_list.cs", "工作报告");
}
