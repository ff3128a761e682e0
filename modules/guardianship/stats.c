/*
 * stats.c - the county's figures (issue 13 item 7): reports by situation,
 * source, township and month (Beijing time); the average time from finding
 * to the police notice and from the report to the child's safety; open
 * cases by stage; the children under the state's guardianship now.  Only
 * counts and the county's own children, within the user's jurisdiction.
 */
#include "guardianship.h"

#include <stdlib.h>

const struct portal_param gd_stats_params[] = {{"year", PP_INT, 0, 0, "年份"},
                                               {NULL, 0, 0, 0, NULL}};

#define SCOPED "FROM gd_reports g LEFT JOIN children c ON c.id = g.child_id WHERE " \
               "COALESCE(c.village_code, g.division_code) LIKE CONCAT(?, '%') AND " \
               "YEAR(DATE_ADD(g.reported_at, INTERVAL 8 HOUR)) = ? "

int stats_get(portal_req *r, const struct portal_services *s)
{
    const char *p = s->scope_prefix(r);
    long long year = s->param_int(r, "year", 0);
    if (year < 2000 || year > 2100)
        year = strtoll(s->today(r), NULL, 10);
    s->set_int(r, "Year", year);
    static const char *const groups[][2] = {
        {"BySituation", "g.situation"},
        {"BySource", "g.source"},
        {"ByTownship", "CONCAT(LEFT(COALESCE(c.village_code, g.division_code), 9), '000')"},
        {"ByMonth", "DATE_FORMAT(DATE_ADD(g.reported_at, INTERVAL 8 HOUR), '%Y-%m')"}};
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (s->db_query_hdf(r, groups[i][0], s->sprintf(r, "SELECT %s AS k, COUNT(*) AS n %s"
                            "GROUP BY k ORDER BY k", groups[i][1], SCOPED), "si", p, year) < 0)
            return 500;
    if (s->db_row_hdf(r, "Times", "SELECT COUNT(*) AS n, SUM(g.police_at IS NOT NULL) AS "
                      "police_n, ROUND(AVG(TIMESTAMPDIFF(MINUTE, g.found_at, g.police_at))) AS "
                      "police_min, SUM(g.safe_at IS NOT NULL) AS safe_n, ROUND(AVG("
                      "TIMESTAMPDIFF(MINUTE, g.reported_at, g.safe_at))) AS safe_min, "
                      "SUM(g.safe_at > g.safety_due) AS safe_late " SCOPED, "si", p, year) < 0 ||
        s->db_query_hdf(r, "Open", "SELECT g.stage AS k, COUNT(*) AS n FROM gd_reports g LEFT "
                        "JOIN children c ON c.id = g.child_id WHERE COALESCE(c.village_code, "
                        "g.division_code) LIKE CONCAT(?, '%') AND g.stage <> 'closed' GROUP BY "
                        "g.stage ORDER BY FIELD(g.stage, 'reported', 'safe', 'assessed', "
                        "'planned')", "s", p) < 0 ||
        s->db_query_hdf(r, "State", "SELECT c.id, c.name, c.village_code, g.kind, g.situation, "
                        "g.start_date, g.review_due, o.name AS org_name FROM gd_guardians g "
                        "JOIN children c ON c.id = g.child_id LEFT JOIN orgs o ON o.id = "
                        "g.org_id WHERE g.kind IN ('civil_temporary', 'civil_long') AND "
                        "g.end_date IS NULL AND c.village_code LIKE CONCAT(?, '%') ORDER BY "
                        "g.review_due, c.id LIMIT 1000", "s", p) < 0)
        return 500;
    s->audit(r, "guardianship.stats.view", NULL, NULL, s->sprintf(r, "%lld", year));
    return s->render(r, "stats.cs", "未成年人保护统计");
}
