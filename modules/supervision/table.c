/*
 * table.c - a month's figures as the table of townships the dashboard, the
 * bulletin and its export show: per township and indicator the numbers and
 * the rate, a weighted score, the rank, and the county total.  The numbers
 * come from the job's summary (supervision_figures) or from an issued
 * bulletin's own copy (supervision_bulletin_rows): one table either way.
 */
#include "supervision.h"

#include <stdlib.h>
#include <string.h>

#define town sv_town

/* rate in per-mille; -1 without a denominator */
static long long per_mille(long long num, long long den)
{
    return den > 0 ? num * 1000 / den : -1;
}

const char *sv_pct(portal_req *r, const struct portal_services *s, long long pm)
{
    return pm < 0 ? "—" : s->sprintf(r, "%lld.%lld%%", pm / 10, pm % 10);
}

/* the weighted mean of the rates that have a denominator, per-mille */
static long long score_of(const long long *num, const long long *den, const long long *w, int n)
{
    long long sum = 0, wsum = 0;
    for (int i = 0; i < n; i++)
        if (den[i] > 0 && w[i] > 0) {
            sum += w[i] * per_mille(num[i], den[i]);
            wsum += w[i];
        }
    return wsum > 0 ? sum / wsum : -1;
}

/* prefix.Cells.N.{num,den,pct} (the county's with title and dept too; N is
 * the indicator's index in Indicators, the templates' Indicators[name(c)]),
 * and with weights (the appraisal) pts: what the indicator adds to the
 * score, its weight's share of the weights in play times its rate.  As few
 * values as the pages use: the dashboard sets some 2,000 of them. */
static void cells_hdf(portal_req *r, const struct portal_services *s, const char *prefix,
                      const long long *num, const long long *den, const long long *w, int n)
{
    long long wsum = 0;
    int county = strcmp(prefix, "County") == 0;
    for (int i = 0; w && i < n; i++)
        if (den[i] > 0 && w[i] > 0)
            wsum += w[i];
    for (int i = 0; i < n; i++) {
        const char *p = s->sprintf(r, "%s.Cells.%d.", prefix, i);
        long long pm = per_mille(num[i], den[i]);
        if (county) {
            s->set(r, s->sprintf(r, "%stitle", p), sv_indicators[i].title);
            s->set(r, s->sprintf(r, "%sdept", p), sv_indicators[i].dept);
        }
        s->set_int(r, s->sprintf(r, "%snum", p), num[i]);
        s->set_int(r, s->sprintf(r, "%sden", p), den[i]);
        s->set(r, s->sprintf(r, "%spct", p), sv_pct(r, s, pm));
        if (wsum > 0 && den[i] > 0 && w[i] > 0)
            s->set(r, s->sprintf(r, "%spts", p), sv_pct(r, s, w[i] * pm / wsum));
    }
}

/* the sort key of a township for the column `sort` (an indicator's code,
 * "score" or "name"): larger is better; the name by code */
static long long sort_key(const struct town *t, int col)
{
    if (col == -1)
        return t->score;
    return per_mille(t->num[col], t->den[col]);
}

static void towns_sort(struct town *t, int n, int col, int asc)
{
    for (int i = 1; i < n; i++) /* insertion sort: a county has tens of townships */
        for (int j = i; j > 0; j--) {
            int swap;
            if (col == -2)
                swap = (strcmp(t[j - 1].code, t[j].code) > 0) == !!asc;
            else {
                long long a = sort_key(&t[j - 1], col), b = sort_key(&t[j], col);
                swap = asc ? a > b : a < b;
            }
            if (!swap)
                break;
            struct town x = t[j - 1];
            t[j - 1] = t[j];
            t[j] = x;
        }
}

/* the rows of the source into the townships' arrays and the county's */
static int rows_read(portal_req *r, const struct portal_services *s, const char *source,
                     const char *key, struct town *t, int nt, long long *cnum, long long *cden)
{
    portal_rows *q = strcmp(source, "year") == 0
        ? s->db_query(r, "SELECT township_code, indicator, SUM(numerator), SUM(denominator) "
                      "FROM supervision_figures WHERE month >= ? AND month <= ? GROUP BY "
                      "township_code, indicator", "ss", s->sprintf(r, "%s-01-01", key),
                      s->sprintf(r, "%s-12-01", key))
        : strcmp(source, "bulletin") == 0
        ? s->db_query(r, "SELECT township_code, indicator, numerator, denominator FROM "
                      "supervision_bulletin_rows WHERE bulletin_id = ?", "i", atoll(key))
        : s->db_query(r, "SELECT township_code, indicator, numerator, denominator FROM "
                      "supervision_figures WHERE month = ?", "s", s->sprintf(r, "%s-01", key));
    if (!q)
        return -1;
    while (s->db_next(q)) {
        const struct sv_indicator *ind = sv_indicator_find(s->db_col(q, 1));
        if (!ind)
            continue;
        int i = (int)(ind - sv_indicators);
        long long num = atoll(s->db_col(q, 2)), den = atoll(s->db_col(q, 3));
        cnum[i] += num;
        cden[i] += den;
        for (int k = 0; k < nt; k++)
            if (strcmp(t[k].code, s->db_col(q, 0)) == 0) {
                t[k].num[i] += num;
                t[k].den[i] += den;
            }
    }
    return 0;
}

static void ranks_set(struct town *t, int nt)
{
    for (int k = 0; k < nt; k++) {
        t[k].rank = 0;
        if (t[k].score < 0)
            continue;
        t[k].rank = 1;
        for (int j = 0; j < nt; j++)
            if (t[j].score > t[k].score)
                t[k].rank++;
    }
}

/* Depts.N.{name,score_pct}: each county department's score from the
 * county totals of the indicators it answers for */
static void depts_hdf(portal_req *r, const struct portal_services *s, const long long *num,
                      const long long *den, const long long *w, int ni)
{
    int out = 0;
    for (int i = 0; i < ni; i++) {
        int first = 1;
        for (int j = 0; j < i; j++)
            if (strcmp(sv_indicators[j].dept, sv_indicators[i].dept) == 0)
                first = 0;
        if (!first)
            continue;
        long long sum = 0, wsum = 0;
        for (int j = i; j < ni; j++)
            if (strcmp(sv_indicators[j].dept, sv_indicators[i].dept) == 0 && den[j] > 0 &&
                w[j] > 0) {
                sum += w[j] * per_mille(num[j], den[j]);
                wsum += w[j];
            }
        const char *p = s->sprintf(r, "Depts.%d", out++);
        s->set(r, s->sprintf(r, "%s.name", p), sv_indicators[i].dept);
        s->set(r, s->sprintf(r, "%s.score_pct", p), sv_pct(r, s, wsum > 0 ? sum / wsum : -1));
    }
}

/* the townships valid on `on`, with zeroed arrays of ni indicators */
static int towns_load(portal_req *r, const struct portal_services *s, const char *on, int ni,
                      struct town **out)
{
    portal_rows *q = s->db_query(r, "SELECT code, name FROM divisions WHERE level = 'township' "
                                 "AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS "
                                 "NULL OR valid_to >= ?) ORDER BY code LIMIT 1000", "ss", on, on);
    struct town *t = s->alloc(r, sizeof *t * 1000);
    size_t sz = sizeof(long long) * (size_t)ni;
    int k = 0;
    while (q && s->db_next(q)) {
        t[k].code = s->db_col(q, 0);
        t[k].name = s->db_col(q, 1);
        t[k].num = s->alloc(r, sz);
        t[k].den = s->alloc(r, sz);
        memset(t[k].num, 0, sz);
        memset(t[k].den, 0, sz);
        k++;
    }
    *out = t;
    return q ? k : -1;
}

static void town_hdf(portal_req *r, const struct portal_services *s, const char *p,
                     const struct town *t, const long long *w, int ni)
{
    s->set(r, s->sprintf(r, "%s.code", p), t->code);
    s->set(r, s->sprintf(r, "%s.name", p), t->name);
    s->set_int(r, s->sprintf(r, "%s.score", p), t->score);
    s->set(r, s->sprintf(r, "%s.score_pct", p), sv_pct(r, s, t->score));
    s->set_int(r, s->sprintf(r, "%s.rank", p), t->rank);
    if (ni > 0)
        cells_hdf(r, s, p, t->num, t->den, w, ni);
}

int sv_table_load(portal_req *r, const struct portal_services *s, const char *source,
                  const char *key, const char *on, struct sv_table *tb)
{
    int ni = sv_indicator_count();
    size_t sz = sizeof(long long) * (size_t)ni;
    struct town *t;
    int nt = towns_load(r, s, on, ni, &t);
    long long *w = s->alloc(r, sz), *cnum = s->alloc(r, sz), *cden = s->alloc(r, sz);
    memset(cnum, 0, sz);
    memset(cden, 0, sz);
    if (nt < 0 || rows_read(r, s, source, key, t, nt, cnum, cden) != 0)
        return -1;
    for (int i = 0; i < ni; i++)
        w[i] = s->setting_int(r, s->sprintf(r, "weight_%s", sv_indicators[i].code), on);
    for (int k = 0; k < nt; k++)
        t[k].score = score_of(t[k].num, t[k].den, w, ni);
    ranks_set(t, nt);
    towns_sort(t, nt, -1, 0);
    *tb = (struct sv_table){ni, nt, t, w, cnum, cden, score_of(cnum, cden, w, ni)};
    return 0;
}

int sv_table_hdf(portal_req *r, const struct portal_services *s, const char *source,
                 const char *key, const char *town, const char *on)
{
    struct sv_table tb;
    if (sv_table_load(r, s, source, key, on, &tb) != 0)
        return -1;
    int ni = tb.ni, nt = tb.nt;
    struct town *t = tb.t;
    /* the ranking (county-wide viewers), then the table in the order asked */
    for (int k = 0, n = 0; !*town && k < nt; k++)
        if (t[k].score >= 0)
            town_hdf(r, s, s->sprintf(r, "Rank.%d", n++), &t[k], tb.w, 0);
    const char *sort = s->param(r, "sort"), *dir = s->param(r, "dir");
    const struct sv_indicator *si = sv_indicator_find(sort);
    int col = si ? (int)(si - sv_indicators) : sort && strcmp(sort, "name") == 0 ? -2 : -1;
    int asc = dir ? strcmp(dir, "asc") == 0 : col == -2;
    towns_sort(t, nt, col, asc);
    s->set(r, "Sort", si ? si->code : col == -2 ? "name" : "score");
    s->set(r, "Dir", asc ? "asc" : "desc");
    int out = 0;
    const long long *pw = strcmp(source, "year") == 0 ? tb.w : NULL; /* the appraisal's points */
    for (int k = 0; k < nt; k++)
        if (!*town || strcmp(t[k].code, town) == 0)
            town_hdf(r, s, s->sprintf(r, "Towns.%d", out++), &t[k], pw, ni);
    cells_hdf(r, s, "County", tb.cnum, tb.cden, pw, ni);
    s->set(r, "County.score_pct", sv_pct(r, s, tb.score));
    depts_hdf(r, s, tb.cnum, tb.cden, tb.w, ni);
    return out;
}
