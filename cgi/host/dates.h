/*
 * dates.h - the one date library of the host: calendar days as numbers,
 * working days with the holiday calendar (work_calendar, /admin/calendar),
 * ages and months, and the portal's clock (clock_now, clock_today: config
 * clock_file moves it in tests).  Pure arithmetic (testable without a database) except
 * calendar_load, which reads the calendar's exceptions.
 */
#ifndef PORTAL_DATES_H
#define PORTAL_DATES_H

#include <stddef.h>
#include "portal_module.h" /* PORTAL_NO_DAY */
#include "util.h"

/* a day is the number of days since 1970-01-01 */
long day_parse(const char *ymd);          /* exactly YYYY-MM-DD, a real date, or PORTAL_NO_DAY */
void day_format(long day, char out[11]);
int day_weekday(long day);                /* 1 Monday .. 7 Sunday */
long day_from_civil(long y, unsigned m, unsigned d);  /* no check: day_parse checks */
void day_civil(long day, long *y, unsigned *m, unsigned *d);
int day_leap_year(long y);
int day_month_days(long y, unsigned m);   /* days in month m (1-12) of year y */

/* An exception to Monday-Friday: a holiday (is_workday 0) or a make-up
 * working day (is_workday 1). */
struct day_exc {
    long day;
    int is_workday;
};
int day_is_workday(long day, const struct day_exc *ex, size_t nex);
/* n days after `from` (from itself not counted; n < 0: before); working = 1:
 * the n-th working day after (or before) from */
long day_add(long from, int n, int working, const struct day_exc *ex, size_t nex);
/* the days used from `from` to `to`: calendar days to - from, or the working
 * days in (from, to]; 0 when to <= from */
long day_used(long from, long to, int working, const struct day_exc *ex, size_t nex);
/* whole years of age on `on` of someone born on `birth` (born on 29 Feb: a
 * year older on 1 Mar of a common year); -1 when on < birth */
int day_age(long birth, long on);
/* YYYY-MM of a real month (1900-9999): 0 ok, -1 not */
int month_check(const char *ym);

/* a DATETIME as the database stores it (UTC_TIMESTAMP(), "YYYY-MM-DD
 * HH:MM[:SS...]") in Beijing time (UTC+8, no daylight saving) as
 * "YYYY-MM-DD HH:MM"; 0 ok, -1 not a date and time */
int datetime_beijing(const char *utc, char out[17]);

/* the calendar's exceptions from work_calendar (a few dozen rows a year),
 * in a's memory; NULL with *n = 0 on a database error */
struct day_exc *calendar_load(arena *a, size_t *n);

/* the portal's clock, "YYYY-MM-DD HH:MM:SS" UTC: the real time, or what
 * config clock_file holds (tests move it: a date and time, UTC, replaces
 * both; a date alone is that day in China at the real time of day there) */
const char *clock_now(arena *a);

/* its day in China (UTC+8), "YYYY-MM-DD" (the service today): the day a
 * user's dates are checked against and days are counted in */
const char *clock_today(portal_req *r);

#endif
