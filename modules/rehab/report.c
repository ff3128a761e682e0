/*
 * report.c - 统计: screening coverage by township (the registry's children
 * 0-6, those screened in the year, children not in the registry screened)
 * and by age; suspected children without a diagnosis after the dated number
 * of days; children in training by provider and service this month;
 * spending against the yearly caps; certificates expiring.  Counts only,
 * in the user's division; ratios in per mille.
 */
#include "rehab.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param report_params[] = {
    {"year", PP_INT, 4, 0, "年度"},
    {NULL, 0, 0, 0, NULL}};

/* per township in the user's division: the registry's children 0-6, those
 * screened in the year, children not in the registry screened, suspected;
 * binds "siiis" (today, year three times, the scope prefix) */
#define COVERAGE_SQL                                                                          \
    "SELECT t.code, t.name, (SELECT COUNT(*) FROM children c WHERE c.township_code = t.code "  \
    "AND c.status = 'active' AND c.birth_date > DATE_SUB(?, INTERVAL 7 YEAR)) AS children, "   \
    "(SELECT COUNT(DISTINCT x.child_id) FROM rehab_screenings x JOIN rehab_rounds rd ON "      \
    "rd.id = x.round_id JOIN children c ON c.id = x.child_id WHERE c.township_code = t.code "  \
    "AND YEAR(rd.day) = ?) AS screened, (SELECT COUNT(*) FROM rehab_screenings x JOIN "       \
    "rehab_rounds rd ON rd.id = x.round_id WHERE rd.township_code = t.code AND x.child_id IS " \
    "NULL AND YEAR(rd.day) = ?) AS unregistered, (SELECT COUNT(*) FROM rehab_screenings x "   \
    "JOIN rehab_rounds rd ON rd.id = x.round_id WHERE rd.township_code = t.code AND "          \
    "x.suspected = 1 AND YEAR(rd.day) = ?) AS suspected FROM divisions t WHERE t.level = "     \
    "'township' AND t.code LIKE CONCAT(?, '%') ORDER BY t.code"

static int coverage_hdf(portal_req *r, const struct portal_services *s, const char *sp, int year)
{
    return s->db_query_hdf(r, "Towns", COVERAGE_SQL, "siiis", s->today(r), (long long)year,
                           (long long)year, (long long)year, sp);
}

/* the coverage table as an .xlsx: what a county sends upwards */
int report_coverage_xlsx_get(portal_req *r, const struct portal_services *s)
{
    static const struct portal_xlsx_col cols[] = {
        {"乡镇", 16, PX_TEXT}, {"在册0-6岁儿童", 14, PX_INT}, {"已筛查（在册）", 14, PX_INT},
        {"覆盖率（‰）", 12, PX_INT}, {"已筛查（未入册）", 16, PX_INT}, {"疑似", 8, PX_INT},
        {NULL, 0, 0}};
    const char *sp = s->scope_prefix(r);
    int year = (int)s->param_int(r, "year", atoi(s->today(r)));
    if (!sp)
        return s->refuse(r, 403, "page", "rehab.report", "user without a division",
                         "您的账户没有辖区，无法查看。");
    portal_rows *q = s->db_query(r, COVERAGE_SQL, "siiis", s->today(r), (long long)year,
                                 (long long)year, (long long)year, sp);
    portal_xlsx *x = q ? s->xlsx_begin(r, s->sprintf(r, "rehab-coverage-%d.xlsx", year),
                                       s->sprintf(r, "%d年残疾筛查覆盖", year), cols) : NULL;
    if (!x)
        return 500;
    s->audit(r, "rehab.report.export", "page", "rehab.report", s->sprintf(r, "year=%d", year));
    while (s->db_next(q)) {
        long long n = atoll(s->col(q, "children")), done = atoll(s->col(q, "screened"));
        const char *cells[] = {s->col(q, "name"), s->col(q, "children"), s->col(q, "screened"),
                               n ? rehab_id(r, s, done * 1000 / n) : "",
                               s->col(q, "unregistered"), s->col(q, "suspected")};
        if (s->xlsx_row(x, cells) != 0)
            break;
    }
    return s->xlsx_end(x);
}

int report_get(portal_req *r, const struct portal_services *s)
{
    const char *sp = s->scope_prefix(r);
    int year = (int)s->param_int(r, "year", atoi(s->today(r)));
    long long days = s->setting_int(r, "suspected_days", NULL);
    if (!sp)
        return s->refuse(r, 403, "page", "rehab.report", "user without a division",
                         "您的账户没有辖区，无法查看。");
    if (coverage_hdf(r, s, sp, year) < 0 ||
        s->db_query_hdf(r, "Ages", "SELECT TIMESTAMPDIFF(YEAR, x.birth_date, rd.day) AS age, "
                        "COUNT(*) AS screened, SUM(x.suspected) AS suspected FROM "
                        "rehab_screenings x JOIN rehab_rounds rd ON rd.id = x.round_id WHERE "
                        "YEAR(rd.day) = ? AND rd.township_code LIKE CONCAT(?, '%') GROUP BY age "
                        "ORDER BY age", "is", (long long)year, sp) < 0 ||
        s->db_row_hdf(r, "Late", "SELECT (SELECT COUNT(*) FROM rehab_referrals f JOIN children c "
                      "ON c.id = f.child_id WHERE f.kind = 'diagnosis' AND f.status = 'referred' "
                      "AND f.referred_on < DATE_SUB(?, INTERVAL ? DAY) AND c.village_code LIKE "
                      "CONCAT(?, '%')) AS referred, (SELECT COUNT(*) FROM rehab_screenings x "
                      "JOIN rehab_rounds rd ON rd.id = x.round_id WHERE x.suspected = 1 AND "
                      "rd.day < DATE_SUB(?, INTERVAL ? DAY) AND rd.township_code LIKE CONCAT(?, "
                      "'%') AND NOT EXISTS (SELECT 1 FROM rehab_referrals f WHERE f.screening_id "
                      "= x.id)) AS unreferred", "sissis", s->today(r), days, sp, s->today(r),
                      days, sp) < 0 ||
        s->db_query_hdf(r, "Training", "SELECT o.name AS org_name, p.service, COUNT(*) AS "
                        "children FROM rehab_plans p JOIN orgs o ON o.id = p.org_id JOIN "
                        "children c ON c.id = p.child_id WHERE DATE_FORMAT(?, '%Y-%m-01') "
                        "BETWEEN p.start_month AND p.start_month + INTERVAL p.months - 1 MONTH "
                        "AND c.village_code LIKE CONCAT(?, '%') GROUP BY o.name, p.service "
                        "ORDER BY o.name, p.service", "ss", s->today(r), sp) < 0 ||
        s->db_query_hdf(r, "Spending", "SELECT l.programme, COUNT(DISTINCT l.child_id) AS "
                        "children, SUM(l.amount_fen) AS amount_fen FROM pay_lines l WHERE "
                        "l.source_module = 'rehab' AND YEAR(l.period) = ? AND l.township_code "
                        "LIKE CONCAT(?, '%') GROUP BY l.programme ORDER BY l.programme", "is",
                        (long long)year, sp) < 0)
        return 500;
    for (int i = 0; i < 3; i++) {
        static const char *const svc[] = {"training", "device", "surgery"};
        s->set_int(r, s->sprintf(r, "Caps.aid_%s", svc[i]),
                   s->setting_int(r, s->sprintf(r, "cap_%s", svc[i]),
                                  s->sprintf(r, "%04d-12-31", year)));
    }
    s->set_int(r, "Year", year);
    s->set_int(r, "Days", days);
    s->audit(r, "rehab.report.view", "page", "rehab.report", s->sprintf(r, "year=%d", year));
    return s->render(r, "report.cs", "残疾儿童康复统计");
}
