/*
 * dashboard.c - the county's dashboard (the indicators by township with the
 * county total, sortable, a 12-month sparkline per indicator drawn here as
 * SVG, the ranking) and the list of the cases behind a number.  Only the
 * job's summary tables are read, and the dashboard's body is kept by each
 * worker until the job moves the figures' version (cache_versions
 * 'supervision', read with the session: service data_version).
 * A township's staff see their township and the county total, nothing of
 * the other townships.
 */
#include "supervision.h"

#include <stdlib.h>
#include <string.h>

/* the sparkline's box (templates/dashboard.cs draws it 124 x 34 with a margin) */
#define SPARK_W 120
#define SPARK_H 30

/* the points of a polyline over 12 months (per-mille rates; -1 none):
 * "x,y x,y ..." with 0 % at the bottom, 100 % at the top */
static const char *spark_points(portal_req *r, const struct portal_services *s,
                                const long long *pm, int n)
{
    const char *pts = "";
    for (int i = 0; i < n; i++)
        if (pm[i] >= 0)
            pts = s->sprintf(r, "%s%s%d,%lld", pts, *pts ? " " : "", i * SPARK_W / (n - 1),
                             SPARK_H - pm[i] * SPARK_H / 1000);
    return pts;
}

/* the points of every indicator's sparkline, '|' between them, for the 12
 * months up to ym, of the county or of one township, from the figures */
static const char *sparks_draw(portal_req *r, const struct portal_services *s, const char *ym,
                               const char *town)
{
    int ni = sv_indicator_count();
    long long *pm = s->alloc(r, sizeof *pm * (size_t)ni * 12);
    for (int i = 0; i < ni * 12; i++)
        pm[i] = -1;
    const char *first = s->sprintf(r, "%s-01", ym);
    portal_rows *q = s->db_query(r, "SELECT indicator, PERIOD_DIFF(EXTRACT(YEAR_MONTH FROM ?), "
                                 "EXTRACT(YEAR_MONTH FROM month)), SUM(numerator), "
                                 "SUM(denominator) FROM supervision_figures WHERE month > ? - "
                                 "INTERVAL 12 MONTH AND month <= ? AND (? = '' OR township_code "
                                 "= ?) GROUP BY month, indicator", "sssss", first, first, first,
                                 town, town);
    if (!q)
        return NULL;
    while (s->db_next(q)) {
        const struct sv_indicator *ind = sv_indicator_find(s->db_col(q, 0));
        int back = atoi(s->db_col(q, 1));
        long long num = atoll(s->db_col(q, 2)), den = atoll(s->db_col(q, 3));
        if (ind && back >= 0 && back < 12 && den > 0)
            pm[(ind - sv_indicators) * 12 + 11 - back] = num * 1000 / den;
    }
    const char *all = "";
    for (int i = 0; i < ni; i++)
        all = s->sprintf(r, "%s%s%s", all, i ? "|" : "", spark_points(r, s, pm + i * 12, 12));
    return all;
}

/* Indicators.N.spark: the 12 months' polylines of every indicator */
static int sparks_hdf(portal_req *r, const struct portal_services *s, const char *ym,
                      const char *town)
{
    const char *all = sparks_draw(r, s, ym, town);
    if (!all)
        return -1;
    for (int i = 0; all; i++) {
        const char *bar = strchr(all, '|');
        s->set(r, s->sprintf(r, "Indicators.%d.spark", i),
               bar ? s->sprintf(r, "%.*s", (int)(bar - all), all) : all);
        all = bar ? bar + 1 : NULL;
    }
    return 0;
}

/* months the job has computed, newest first, for the choice of month */
static int months_hdf(portal_req *r, const struct portal_services *s)
{
    return s->db_query_hdf(r, "Months", "SELECT DATE_FORMAT(month, '%Y-%m') ym, as_of, "
                           "computed_at FROM supervision_months ORDER BY month DESC LIMIT 36", "");
}

/* the key of the dashboard's body (service render_kept): the figures'
 * version (the job moves it; read with the session, no statement), the day
 * (weights are dated), the viewer's township ("" the county's: a township
 * never gets the county's body) and the parameters; NULL when the version
 * is unknown (then the page is rendered, not kept) */
static const char *dashboard_key(portal_req *r, const struct portal_services *s,
                                 const char *town)
{
    long long v = s->data_version(r, "supervision");
    if (v < 0)
        return NULL;
    const char *m = s->param(r, "month"), *sort = s->param(r, "sort"), *dir = s->param(r, "dir");
    return s->sprintf(r, "v%lld|%s|t%s|m%s|s%s|d%s", v, s->today(r), town,
                      m && s->month_check(m) == 0 ? m : "", sort ? sort : "", dir ? dir : "");
}

/* The table by township, the ranking and the sparklines change only when
 * the job runs: each worker keeps the rendered body per key and renders
 * only the layout around it (the session's statement only). */
int dashboard_get(portal_req *r, const struct portal_services *s)
{
    const char *town = sv_viewer_township(r, s);
    if (!town)
        return s->refuse(r, 403, "page", "supervision.dashboard",
                         "neither county nor township staff", "督查指标只对县级和乡镇工作人员开放。");
    const char *key = dashboard_key(r, s, town);
    if (key && s->page_kept(r, "dashboard.cs", key))
        return s->render_kept(r, "dashboard.cs", "督查指标", key);
    const char *ym = sv_month_param(r, s);
    if (months_hdf(r, s) < 0)
        return 500;
    s->set(r, "Town", town);
    const char *on = ym ? sv_month_last(r, s, ym) : s->today(r);
    sv_indicators_hdf(r, s, "Indicators", on);
    if (ym) {
        s->set(r, "Month", ym);
        if (sv_table_hdf(r, s, "figures", ym, town, on) < 0 || sparks_hdf(r, s, ym, town) < 0)
            return 500;
    }
    return s->render_kept(r, "dashboard.cs", "督查指标", key);
}

/* the cases of one number that fall short: children (names, villages) or
 * applications, reports, dropout cases with their child; only what the
 * viewer may see (scope_sql on the child; a report without a child by its
 * township) */
int cases_get(portal_req *r, const struct portal_services *s)
{
    const char *town = sv_viewer_township(r, s);
    const struct sv_indicator *ind = sv_indicator_find(s->param(r, "indicator"));
    const char *ym = s->param(r, "month"), *want = s->param(r, "town");
    if (!town)
        return s->refuse(r, 403, "page", "supervision.cases", "neither county nor township staff",
                         "督查指标只对县级和乡镇工作人员开放。");
    if (!ind || s->month_check(ym) != 0)
        return s->fail(r, 400, "没有这个指标或月份。");
    if (!want || !*want)
        want = town;
    if (*town && strcmp(want, town) != 0)
        return s->not_found(r, "township", want);
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    int n = s->db_query_hdf(r, "Cases", s->sprintf(r,
        "SELECT x.case_id, x.township_code, c.id child_id, c.name, c.village_code, c.id_last4 "
        "FROM supervision_cases x LEFT JOIN children c ON c.id = x.child_id WHERE x.month = ? "
        "AND x.indicator = ? AND (? = '' OR x.township_code = ?) AND ((c.id IS NOT NULL AND %s) "
        "OR (c.id IS NULL AND x.township_code LIKE CONCAT(?, '%%'))) ORDER BY x.township_code, "
        "x.case_id LIMIT 1000", cond), "sssssss", s->sprintf(r, "%s-01", ym), ind->code, want,
        want, a1, a2, s->scope_prefix(r));
    if (n < 0)
        return 500;
    s->set(r, "Month", ym);
    s->set(r, "Want", want);
    s->set(r, "Ind.code", ind->code);
    s->set(r, "Ind.title", ind->title);
    s->set(r, "Ind.cases", ind->cases);
    s->set(r, "Ind.definition", ind->definition);
    s->audit(r, "supervision.cases.view", "supervision_indicator", ind->code,
             s->sprintf(r, "month=%s town=%s rows=%d", ym, *want ? want : "county", n));
    return s->render(r, "cases.cs", "督查指标：未达标名单");
}
