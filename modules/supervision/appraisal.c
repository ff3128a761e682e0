/*
 * appraisal.c - the yearly appraisal (考核) of the townships and the county
 * departments: each indicator's numbers summed over the year's computed
 * months, its rate weighted by the setting weight_<indicator> in force on
 * the year's last day (or today, for the year running), with the breakdown
 * of every score; printable like the bulletin.
 */
#include "supervision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int appraisal_get(portal_req *r, const struct portal_services *s)
{
    const char *town = sv_viewer_township(r, s);
    if (!town)
        return s->refuse(r, 403, "page", "supervision.appraisal", "neither county nor township staff",
                         "督查考核只对县级和乡镇工作人员开放。");
    const char *today = s->today(r);
    long long year = s->param_int(r, "year", atoll(today));
    if (year < 2000 || year > 2100)
        return s->fail(r, 400, "年度不正确。");
    const char *y = s->sprintf(r, "%lld", year);
    const char *last = s->sprintf(r, "%s-12-31", y);
    const char *on = strcmp(last, today) < 0 ? last : today;
    s->set(r, "Year", y);
    s->set(r, "On", on);
    s->set(r, "Town", town);
    if (s->db_query_hdf(r, "Months", "SELECT DATE_FORMAT(month, '%Y-%m') ym FROM supervision_months "
                        "WHERE month >= ? AND month <= ? ORDER BY month", "ss",
                        s->sprintf(r, "%s-01-01", y), s->sprintf(r, "%s-12-01", y)) < 0)
        return 500;
    sv_indicators_hdf(r, s, "Indicators", on);
    if (sv_table_hdf(r, s, "year", y, town, on) < 0)
        return 500;
    return s->render(r, "appraisal.cs", "年度考核");
}
