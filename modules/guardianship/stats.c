/*
 * stats.c - the county's figures (issue 13 item 7): reports by situation,
 * source, township and month (Beijing time); the average time from finding
 * to the police notice and from the report to the child's safety; open
 * cases by stage; the children under the state's guardianship now.  Only
 * counts and the county's own children, within the user's jurisdiction.
 * Over any range of days (a year by default), on the page and as an .xlsx
 * (the grouped counts and the times: what the county sends upwards).
 */
#include "guardianship.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param gd_stats_params[] = {
    {"year", PP_INT, 0, 0, "年份"}, {"from", PP_DATE, 0, 0, "开始日期"},
    {"to", PP_DATE, 0, 0, "结束日期"}, {NULL, 0, 0, 0, NULL}};

/* the reports of the user's scope in the range: binds the scope's
 * argument (*arg), from, to ("sss") */
static const char *scoped(portal_req *r, const struct portal_services *s, const char **arg)
{
    return s->sprintf(r, "FROM gd_reports g LEFT JOIN children c ON c.id = g.child_id WHERE %s "
                      "AND DATE(DATE_ADD(g.reported_at, INTERVAL 8 HOUR)) BETWEEN ? AND ? ",
                      s->scope_where(r, "COALESCE(c.village_code, g.division_code)", arg));
}

/* the grouped counts: HDF name, the grouping, its label kind, its title */
static const char *const groups[][4] = {
    {"BySituation", "g.situation", "guardianship.situation", "按情形"},
    {"BySource", "g.source", "guardianship.source", "按来源"},
    {"ByTownship", "CONCAT(LEFT(COALESCE(c.village_code, g.division_code), 9), '000')", "",
     "按乡镇"},
    {"ByMonth", "DATE_FORMAT(DATE_ADD(g.reported_at, INTERVAL 8 HOUR), '%Y-%m')", "",
     "按月份"}};
#define NGROUPS (sizeof groups / sizeof groups[0])

#define TIMES_COLS                                                                         \
    "SELECT COUNT(*) AS n, SUM(g.police_at IS NOT NULL) AS police_n, "                     \
    "ROUND(AVG(TIMESTAMPDIFF(MINUTE, g.found_at, g.police_at))) AS police_min, "            \
    "SUM(g.safe_at IS NOT NULL) AS safe_n, ROUND(AVG(TIMESTAMPDIFF(MINUTE, g.reported_at, "  \
    "g.safe_at))) AS safe_min, SUM(g.safe_at > g.safety_due) AS safe_late "

/* the range asked for: from/to, else the year (default this year); 0, or
 * 400 answered when it is upside down */
static int stats_range(portal_req *r, const struct portal_services *s, const char **from,
                       const char **to)
{
    long long year = s->param_int(r, "year", 0);
    if (year < 2000 || year > 2100)
        year = strtoll(s->today(r), NULL, 10);
    *from = s->param(r, "from") ? s->param(r, "from") : s->sprintf(r, "%lld-01-01", year);
    *to = s->param(r, "to") ? s->param(r, "to") : s->sprintf(r, "%lld-12-31", year);
    s->set_int(r, "Year", year);
    s->set(r, "From", *from);
    s->set(r, "To", *to);
    return strcmp(*from, *to) > 0 ? s->fail(r, 400, "开始日期不能晚于结束日期。") : 0;
}

int stats_get(portal_req *r, const struct portal_services *s)
{
    const char *p, *from, *to, *sc = scoped(r, s, &p);
    const char *wc = s->scope_where(r, "c.village_code", &p);
    int st = stats_range(r, s, &from, &to);
    if (st)
        return st;
    for (size_t i = 0; i < NGROUPS; i++)
        if (s->db_query_hdf(r, groups[i][0], s->sprintf(r, "SELECT %s AS k, COUNT(*) AS n %s"
                            "GROUP BY k ORDER BY k", groups[i][1], sc), "sss", p, from,
                            to) < 0)
            return 500;
    if (s->db_row_hdf(r, "Times", s->sprintf(r, TIMES_COLS "%s", sc), "sss", p, from, to) < 0 ||
        s->db_query_hdf(r, "Open", s->sprintf(r, "SELECT g.stage AS k, COUNT(*) AS n FROM "
                        "gd_reports g LEFT JOIN children c ON c.id = g.child_id WHERE %s AND "
                        "g.stage <> 'closed' GROUP BY g.stage ORDER BY FIELD(g.stage, "
                        "'reported', 'safe', 'assessed', 'planned')",
                        s->scope_where(r, "COALESCE(c.village_code, g.division_code)", &p)),
                        "s", p) < 0 ||
        s->db_query_hdf(r, "State", s->sprintf(r, "SELECT c.id, c.name, c.village_code, g.kind, "
                        "g.situation, g.start_date, g.review_due, o.name AS org_name FROM "
                        "gd_guardians g JOIN children c ON c.id = g.child_id LEFT JOIN orgs o "
                        "ON o.id = g.org_id WHERE g.kind IN ('civil_temporary', 'civil_long') "
                        "AND g.end_date IS NULL AND %s ORDER BY g.review_due, c.id LIMIT 1000",
                        wc), "s", p) < 0)
        return 500;
    s->audit(r, "guardianship.stats.view", NULL, NULL, s->sprintf(r, "%s..%s", from, to));
    return s->render(r, "stats.cs", "未成年人保护统计");
}

/* one group's rows into the workbook, titled: the township by its name */
static int xgroup(portal_req *r, const struct portal_services *s, portal_xlsx *x, size_t i,
                  const char *from, const char *to)
{
    const char *p, *sc = scoped(r, s, &p);
    portal_rows *q = s->db_query(r, s->sprintf(r, "SELECT z.k, z.n, d.name FROM (SELECT %s AS "
                                 "k, COUNT(*) AS n %s GROUP BY k) z LEFT JOIN divisions d ON "
                                 "d.code = z.k ORDER BY z.k", groups[i][1], sc), "sss", p,
                                 from, to);
    if (!q)
        return -1;
    while (s->db_next(q)) {
        const char *k = s->db_col(q, 0);
        const char *item = *groups[i][2] ? s->label(r, groups[i][2], k)
                           : s->db_col(q, 2) ? s->db_col(q, 2) : k;
        const char *cells[] = {groups[i][3], item, s->db_col(q, 1)};
        if (s->xlsx_row(x, cells) != 0)
            return -1;
    }
    return 0;
}

/* the statistics of the range as an .xlsx: group, item, count */
int stats_xlsx_get(portal_req *r, const struct portal_services *s)
{
    static const struct portal_xlsx_col cols[] = {
        {"分组", 14, PX_TEXT}, {"项目", 60, PX_TEXT}, {"数量", 12, PX_INT}, {NULL, 0, 0}};
    const char *p, *from, *to, *sc = scoped(r, s, &p);
    int st = stats_range(r, s, &from, &to);
    if (st)
        return st;
    portal_rows *t = s->db_query(r, s->sprintf(r, TIMES_COLS "%s", sc), "sss", p, from, to);
    portal_xlsx *x = t && s->db_next(t) ? s->xlsx_begin(r, s->sprintf(r, "guardianship-stats-"
                                                        "%s-%s.xlsx", from, to), "未成年人保护统计",
                                                        cols) : NULL;
    if (!x)
        return 500;
    s->audit(r, "guardianship.stats.export", NULL, NULL, s->sprintf(r, "%s..%s", from, to));
    const char *range = s->sprintf(r, "%s 至 %s", from, to);
    const char *times[][2] = {{"报告数", s->col(t, "n")},
                              {"从发现到报警（平均分钟）", s->col(t, "police_min")},
                              {"从报告到确保安全（平均分钟）", s->col(t, "safe_min")},
                              {"确保安全超时的个案", s->col(t, "safe_late")}};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        const char *cells[] = {range, times[i][0], times[i][1]};
        if (s->xlsx_row(x, cells) != 0)
            break;
    }
    for (size_t i = 0; i < NGROUPS; i++)
        if (xgroup(r, s, x, i, from, to) != 0)
            break;
    return s->xlsx_end(x);
}
