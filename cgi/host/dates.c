/*
 * dates.c - the host's date library (dates.h): civil dates as day numbers
 * (Howard Hinnant's days_from_civil), working days over the holiday
 * calendar, ages on a date, months.
 */
#include "dates.h"
#include "host.h"
#include "db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long day_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

void day_civil(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

int day_leap_year(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int day_month_days(long y, unsigned m)
{
    static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return mdays[m - 1] + (m == 2 && day_leap_year(y));
}

/* digits at the given positions of s, dashes at the others */
static int shape_ok(const char *s, size_t len)
{
    if (!s || strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

long day_parse(const char *v)
{
    if (!shape_ok(v, 10))
        return PORTAL_NO_DAY;
    long y = atol(v);
    unsigned m = (unsigned)atoi(v + 5), d = (unsigned)atoi(v + 8);
    if (y < 1900 || y > 9999 || d < 1 || (int)d > day_month_days(y, m))
        return PORTAL_NO_DAY;
    return day_from_civil(y, m, d);
}

int month_check(const char *ym)
{
    if (!shape_ok(ym, 7))
        return -1;
    long y = atol(ym);
    int m = atoi(ym + 5);
    return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 ? 0 : -1;
}

void day_format(long day, char out[11])
{
    long y;
    unsigned m, d;
    day_civil(day, &y, &m, &d);
    unsigned yy = y < 0 ? 0u : (unsigned)(y % 10000);
    snprintf(out, 11, "%04u-%02u-%02u", yy, m % 13, d % 32);
}

int day_weekday(long day)
{
    long w = (day + 3) % 7; /* 1970-01-01 was a Thursday: 3 with Monday 0 */
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int day_is_workday(long day, const struct day_exc *ex, size_t nex)
{
    for (size_t i = 0; i < nex; i++)
        if (ex[i].day == day)
            return ex[i].is_workday != 0;
    return day_weekday(day) <= 5;
}

long day_add(long from, int n, int working, const struct day_exc *ex, size_t nex)
{
    if (!working || n == 0)
        return from + n;
    int step = n > 0 ? 1 : -1, want = n > 0 ? n : -n;
    long d = from;
    /* a calendar with no working day at all must not loop forever */
    for (int got = 0, guard = 0; got < want && guard < 3660; guard++) {
        d += step;
        if (day_is_workday(d, ex, nex))
            got++;
    }
    return d;
}

long day_used(long from, long to, int working, const struct day_exc *ex, size_t nex)
{
    if (to <= from)
        return 0;
    if (!working)
        return to - from;
    long n = 0;
    for (long d = from + 1; d <= to; d++)
        n += day_is_workday(d, ex, nex);
    return n;
}

int day_age(long birth, long on)
{
    if (birth == PORTAL_NO_DAY || on == PORTAL_NO_DAY || on < birth)
        return -1;
    long by, oy;
    unsigned bm, bd, om, od;
    day_civil(birth, &by, &bm, &bd);
    day_civil(on, &oy, &om, &od);
    long age = oy - by;
    if (om < bm || (om == bm && od < bd))
        age--;
    return (int)age;
}

int datetime_beijing(const char *utc, char out[17])
{
    char day[11];
    if (!utc || strlen(utc) < 16 || utc[10] != ' ' || utc[13] != ':' ||
        !isdigit((unsigned char)utc[11]) || !isdigit((unsigned char)utc[12]) ||
        !isdigit((unsigned char)utc[14]) || !isdigit((unsigned char)utc[15]))
        return -1;
    memcpy(day, utc, 10);
    day[10] = 0;
    long d = day_parse(day);
    unsigned h = (unsigned)atoi(utc + 11), m = (unsigned)atoi(utc + 14);
    if (d == PORTAL_NO_DAY || h > 23 || m > 59)
        return -1;
    h += 8;
    d += h / 24;
    day_format(d, day);
    snprintf(out, 17, "%.10s %02u:%02u", day, h % 24u, m % 60u);
    return 0;
}

struct day_exc *calendar_load(arena *a, size_t *n)
{
    *n = 0;
    db_rows *q = db_query(a, "SELECT day, is_workday FROM work_calendar ORDER BY day", "");
    if (!q)
        return NULL;
    struct day_exc *ex = arena_zalloc(a, (q->nrows + 1) * sizeof *ex);
    while (db_next(q)) {
        long d = day_parse(db_col(q, 0));
        if (d == PORTAL_NO_DAY)
            continue;
        ex[*n].day = d;
        ex[*n].is_workday = atoi(db_col(q, 1));
        (*n)++;
    }
    return ex;
}

/* ---- the portal's clock */

/* Times are stored in UTC; days are days in China (UTC+8, no daylight
 * saving): a county's 07:30 on the 3rd is the 3rd, though UTC still says
 * the 2nd (issue 17's session found the portal's today one day behind
 * from 00:00 to 08:00 Beijing time). */
#define BEIJING_OFFSET (8 * 3600L)

/* "YYYY-MM-DD HH:MM:SS" of t seconds since the epoch */
static void format_utc(long long t, char out[20])
{
    long long day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    unsigned secs = (unsigned)(t - day * 86400) % 86400;
    char d[11];
    day_format((long)day, d);
    snprintf(out, 20, "%.10s %02u:%02u:%02u", d, secs / 3600 % 24, secs / 60 % 60, secs % 60);
}

/* seconds since the epoch of "YYYY-MM-DD HH:MM:SS" (UTC); -1: not one */
static long long parse_utc(const char *s)
{
    char d[11];
    unsigned h, mi, se;
    char tail;
    memcpy(d, s, 10);
    d[10] = 0;
    long day = day_parse(d);
    if (day == PORTAL_NO_DAY || s[10] != ' ' ||
        sscanf(s + 11, "%2u:%2u:%2u%c", &h, &mi, &se, &tail) != 3 || h > 23 || mi > 59 ||
        se > 59)
        return -1;
    return (long long)day * 86400 + h * 3600 + mi * 60 + se;
}

const char *clock_now(arena *a)
{
    char *out = arena_alloc(a, 20);
    long long t = (long long)time(NULL);
    format_utc(t, out);
    const char *cf = config_get("clock_file", NULL);
    FILE *f = cf && *cf ? fopen(cf, "r") : NULL;
    if (f) {
        char d[32] = "";
        if (fgets(d, sizeof d, f)) {
            d[strcspn(d, "\r\n")] = 0;
            long day = strlen(d) == 10 ? day_parse(d) : PORTAL_NO_DAY;
            if (strlen(d) == 19 && parse_utc(d) >= 0)
                memcpy(out, d, 19);   /* a date and time (UTC) */
            else if (day != PORTAL_NO_DAY)
                /* a day alone: that day in China at the real time of day there */
                format_utc((long long)day * 86400 + (t + BEIJING_OFFSET) % 86400 -
                               BEIJING_OFFSET, out);
        }
        fclose(f);
    }
    return out;
}

/* the day in China of a clock_now time (datetime_beijing's day) */
static void beijing_day(const char *utc, char out[11])
{
    char bj[17];
    memcpy(out, datetime_beijing(utc, bj) == 0 ? bj : utc, 10);
    out[10] = 0;
}

const char *clock_today(portal_req *r)
{
    /* tests move the clock by writing a date (and time) into clock_file;
     * a request (or a job's run) reads it once: a file page asked 14 times
     * (settings in force, panels, the route row; issue 17) */
    if (r->today)
        return r->today;
    const char *cf = config_get("clock_file", NULL);
    if (cf && *cf) {
        char *d = arena_alloc(r->a, 11);
        beijing_day(clock_now(r->a), d);
        r->today = d;
        return r->today;
    }
    /* the real clock: the day's text made once per day in China, not
     * printed and parsed again on every request (a twentieth of a kept
     * list page's instructions) */
    static long long made_for = -1;
    static char day[11];
    long long n = ((long long)time(NULL) + BEIJING_OFFSET) / 86400;
    if (n != made_for) {
        beijing_day(clock_now(r->a), day);
        made_for = n;
    }
    r->today = arena_strdup(r->a, day);
    return r->today;
}
