/*
 * reports.c - the volunteer's certificate of verified hours and the report
 * of children in scope who received no verified service for N months.
 *
 * Hours are always the SUM of verified service logs the volunteer took part
 * in; submitted or returned logs never count.
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param unserved_params[] = {
    {"months", PP_INT, 3, 0, "月数"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ CSV */

void vol_csv_begin(portal_req *r, const struct portal_services *s, const char *filename,
                   const char *action, const char *detail, const char *const *heads, int n)
{
    s->header(r, "Content-Type", "text/csv; charset=utf-8");
    s->header(r, "Content-Disposition", s->sprintf(r, "attachment; filename=\"%s\"", filename));
    /* audited before any row: a read that cannot be audited never leaves */
    s->audit(r, action, "volunteer_report", NULL, detail);
    s->write(r, "\xEF\xBB\xBF", 3);
    for (int i = 0; i < n; i++)
        s->csv_cell(r, heads[i], i == n - 1);
}

int vol_csv_row(void *ctx, portal_rows *rows)
{
    const struct vol_csv *c = ctx;
    const struct portal_services *s = c->s;
    if (c->child_col)
        s->export_row(c->r, vol_num(s->db_col(rows, c->child_col - 1)));
    if (c->group)
        s->csv_cell(c->r, c->group, 0);
    for (int i = 0; i < c->ncols; i++)
        s->csv_cell(c->r,
                    c->money >> i & 1u ? s->fen_to_yuan(c->r, vol_num(s->db_col(rows, i)))
                                       : s->db_col(rows, i),
                    i == c->ncols - 1);
    return 0;
}

/* ------------------------------------------------------------ certificate */

int certificate_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    long long id = o->id;
    if (s->db_row_hdf(r, "Cert",
                      "SELECT p.id, p.name, o.name AS org_name, "
                      "COUNT(l.id) AS services, COALESCE(SUM(l.minutes), 0) AS minutes, "
                      "MIN(l.service_date) AS first_date, MAX(l.service_date) AS last_date "
                      "FROM volunteers p JOIN volunteer_orgs v ON v.id = p.vorg_id "
                      "JOIN orgs o ON o.id = v.org_id "
                      "LEFT JOIN volunteer_log_people lp ON lp.volunteer_id = p.id "
                      "LEFT JOIN volunteer_logs l ON l.id = lp.log_id AND l.status = 'verified' "
                      "WHERE p.id = ? GROUP BY p.id, p.name, o.name",
                      "i", id) != 1)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT COALESCE(SUM(l.minutes), 0) FROM volunteer_log_people "
                                    "lp JOIN volunteer_logs l ON l.id = lp.log_id WHERE "
                                    "lp.volunteer_id = ? AND l.status = 'verified'", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    long long minutes = vol_num(s->db_col(q, 0));
    s->set_int(r, "Hours", minutes / 60);
    s->set_int(r, "Minutes", minutes % 60);
    s->set_int(r, "TotalMinutes", minutes);
    s->set(r, "Issued", s->today(r));
    s->audit(r, "volunteer.certificate", "volunteer", s->sprintf(r, "%lld", id),
             s->sprintf(r, "vorg=%s minutes=%lld", s->col(o->data, "vorg_id"), minutes));
    return s->render(r, "certificate.cs", "志愿服务时长证明");
}

/* ------------------------------------------------------------ unserved */

#define UNSERVED_FROM                                                                         \
    "FROM children c JOIN divisions d ON d.code = c.village_code "                            \
    "JOIN divisions t ON t.code = c.township_code "                                           \
    "WHERE c.status = 'active' AND %s AND NOT EXISTS "                                        \
    "(SELECT 1 FROM volunteer_logs l WHERE l.child_id = c.id AND l.status = 'verified' AND "  \
    "l.service_date > DATE_SUB(?, INTERVAL ? MONTH)) "
#define UNSERVED_LIST                                                                         \
    "SELECT c.id, c.name, t.name AS township, d.name AS village, "                            \
    "COALESCE((SELECT MAX(l.service_date) FROM volunteer_logs l WHERE l.child_id = c.id AND " \
    "l.status = 'verified'), '无') AS last_service " UNSERVED_FROM                            \
    "ORDER BY c.township_code, c.village_code, c.id LIMIT ?"
#define UNSERVED_LIMIT 1000

/* months from the query: 1..36, default 3; 0 = refused (answered) */
static int unserved_months(portal_req *r, const struct portal_services *s, long long *months)
{
    if (!s->has_perm(r, "volunteer.manage") && !s->has_perm(r, "volunteer.verify"))
        return s->refuse(r, 403, "volunteer_report", "unserved",
                        "neither volunteer.manage nor volunteer.verify", "您没有查看此报表的权限。");
    *months = s->param_int(r, "months", 3);
    if (*months < 1 || *months > 36)
        return s->fail(r, 400, "月数应为 1 到 36。");
    return 0;
}

int unserved_get(portal_req *r, const struct portal_services *s)
{
    long long months = 0;
    int rc = unserved_months(r, s, &months);
    if (rc)
        return rc;
    const char *pre, *w = s->scope_where(r, "c.village_code", &pre), *today = s->today(r);
    if (s->db_query_hdf(r, "ByTownship",
                        s->sprintf(r, "SELECT t.name AS township, COUNT(*) AS children "
                                   UNSERVED_FROM "GROUP BY c.township_code, t.name ORDER BY "
                                   "c.township_code", w), "ssi", pre, today, months) < 0)
        return 500;
    if (s->db_query_hdf(r, "Children", s->sprintf(r, UNSERVED_LIST, w), "ssii", pre, today,
                        months, (long long)UNSERVED_LIMIT) < 0)
        return 500;
    portal_rows *q = s->db_query(r, s->sprintf(r, "SELECT COUNT(*) " UNSERVED_FROM, w), "ssi",
                                 pre, today, months);
    if (!q || !s->db_next(q))
        return 500;
    long long total = vol_num(s->db_col(q, 0));
    s->set_int(r, "Total", total);
    if (total > UNSERVED_LIMIT)
        s->set_int(r, "Truncated", UNSERVED_LIMIT);
    s->set_int(r, "Months", months);
    s->set(r, "Today", today);
    return s->render(r, "unserved.cs", "未获服务儿童");
}

int unserved_csv_get(portal_req *r, const struct portal_services *s)
{
    long long months = 0;
    int rc = unserved_months(r, s, &months);
    if (rc)
        return rc;
    const char *pre, *w = s->scope_where(r, "c.village_code", &pre), *today = s->today(r);
    const char *list = s->sprintf(r, UNSERVED_LIST, w);
    /* a list of children by name: its purpose first (issue 19) */
    portal_rows *nq = s->db_query(r, s->sprintf(r, "SELECT COUNT(*) FROM (%s) x", list), "ssii",
                                  pre, today, months, 100000LL);
    if (!nq || !s->db_next(nq))
        return 500;
    struct portal_export ex = {"volunteer.unserved", "未获服务儿童", atoll(s->db_col(nq, 0)), 0,
                               "儿童姓名、乡镇、村（社区）、最近一次服务日期"};
    int st = s->export_begin(r, &ex);
    if (st)
        return st;
    static const char *const heads[] = {"儿童编号", "姓名", "乡镇", "村（社区）", "最近一次服务"};
    vol_csv_begin(r, s, s->sprintf(r, "unserved-%lldm-%s.csv", months, today),
                  "volunteer.unserved.export", s->sprintf(r, "months=%lld", months), heads, 5);
    struct vol_csv ctx = {r, s, NULL, 5, 0, 1};
    if (s->db_stream(r, vol_csv_row, &ctx, list, "ssii", pre, today, months,
                     100000LL) < 0)
        return 500; /* the output may have begun: the register marks it failed */
    return 200;
}
