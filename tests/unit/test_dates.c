/*
 * test_dates.c - unit tests for the host's date library (cgi/host/dates.c):
 * dates, leap years and month ends, weekdays, working days (weekends and a
 * holiday skipped, a make-up Saturday counted, forwards and backwards), ages
 * on a date (29 February births), months.  The calendar's exceptions are
 * passed in as an array: no database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "host.h"

static long D(const char *ymd)
{
    long d = day_parse(ymd);
    assert_true(d != PORTAL_NO_DAY);
    return d;
}

static void assert_day(long day, const char *want)
{
    char out[11];
    day_format(day, out);
    assert_string_equal(out, want);
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(day_parse("1970-01-01"), 0);
    assert_day(D("2024-02-29"), "2024-02-29");
    assert_day(D("2024-02-28") + 1, "2024-02-29");
    assert_day(D("2025-12-31") + 1, "2026-01-01");
    assert_int_equal(day_parse("2025-02-29"), PORTAL_NO_DAY);
    assert_int_equal(day_parse("2025-13-01"), PORTAL_NO_DAY);
    assert_int_equal(day_parse("20250101"), PORTAL_NO_DAY);
    assert_int_equal(day_parse(NULL), PORTAL_NO_DAY);
    assert_int_equal(day_weekday(D("2026-03-02")), 1); /* Monday */
    assert_int_equal(day_weekday(D("2026-03-07")), 6); /* Saturday */
    assert_int_equal(day_weekday(D("1970-01-01")), 4); /* Thursday */
}

static void test_calendar_days(void **state)
{
    (void)state;
    assert_day(day_add(D("2026-03-02"), 7, 0, NULL, 0), "2026-03-09");
    assert_int_equal(day_used(D("2026-03-02"), D("2026-03-09"), 0, NULL, 0), 7);
    assert_int_equal(day_used(D("2026-03-09"), D("2026-03-02"), 0, NULL, 0), 0);
}

static void test_weekends_skipped(void **state)
{
    (void)state;
    /* Friday + 1 working day = Monday; + 10 = two weeks later */
    assert_day(day_add(D("2026-03-13"), 1, 1, NULL, 0), "2026-03-16");
    assert_day(day_add(D("2026-03-13"), 10, 1, NULL, 0), "2026-03-27");
    /* Monday to the next Monday: 5 working days */
    assert_int_equal(day_used(D("2026-03-02"), D("2026-03-09"), 1, NULL, 0), 5);
    /* Saturday to Sunday: none */
    assert_int_equal(day_used(D("2026-03-07"), D("2026-03-08"), 1, NULL, 0), 0);
}

static void test_holiday_skipped(void **state)
{
    (void)state;
    const struct day_exc ex[] = {{D("2026-03-18"), 0}}; /* a Wednesday off */
    assert_int_equal(day_is_workday(D("2026-03-18"), ex, 1), 0);
    assert_int_equal(day_is_workday(D("2026-03-19"), ex, 1), 1);
    assert_day(day_add(D("2026-03-13"), 10, 1, ex, 1), "2026-03-30");
    assert_int_equal(day_used(D("2026-03-16"), D("2026-03-20"), 1, ex, 1), 3);
}

static void test_makeup_saturday_counted(void **state)
{
    (void)state;
    /* National Day 2025: Oct 1-8 off, Sunday Sep 28 and Saturday Oct 11 worked */
    const struct day_exc ex[] = {
        {D("2025-09-28"), 1}, {D("2025-10-01"), 0}, {D("2025-10-02"), 0},
        {D("2025-10-03"), 0}, {D("2025-10-06"), 0}, {D("2025-10-07"), 0},
        {D("2025-10-08"), 0}, {D("2025-10-11"), 1}};
    size_t n = sizeof ex / sizeof ex[0];
    assert_int_equal(day_is_workday(D("2025-10-11"), ex, n), 1);
    /* Friday Sep 26 + 1 working day = the make-up Sunday Sep 28 */
    assert_day(day_add(D("2025-09-26"), 1, 1, ex, n), "2025-09-28");
    /* Tuesday Sep 30 + 2: Oct 9 (Thu), Oct 10 (Fri); + 3: the make-up Saturday */
    assert_day(day_add(D("2025-09-30"), 2, 1, ex, n), "2025-10-10");
    assert_day(day_add(D("2025-09-30"), 3, 1, ex, n), "2025-10-11");
    assert_int_equal(day_used(D("2025-10-08"), D("2025-10-12"), 1, ex, n), 3);
}

static void test_no_workday_at_all_terminates(void **state)
{
    (void)state;
    struct day_exc ex[7];
    for (int i = 0; i < 7; i++)
        ex[i] = (struct day_exc){D("2026-03-02") + i, 0};
    /* only one week off: it still finds the 1st working day after it */
    assert_day(day_add(D("2026-03-01"), 1, 1, ex, 7), "2026-03-09");
    assert_day(day_add(D("2026-03-02"), 0, 1, ex, 7), "2026-03-02");
}

static void test_leap_years_and_month_ends(void **state)
{
    (void)state;
    assert_true(day_parse("2024-02-29") != PORTAL_NO_DAY);
    assert_true(day_parse("2000-02-29") != PORTAL_NO_DAY); /* divisible by 400 */
    assert_int_equal(day_parse("1900-02-29"), PORTAL_NO_DAY); /* by 100, not 400 */
    assert_int_equal(day_parse("2026-04-31"), PORTAL_NO_DAY);
    assert_int_equal(day_parse("2026-06-00"), PORTAL_NO_DAY);
    assert_int_equal(day_parse("2026-12-01 09:30:00"), PORTAL_NO_DAY); /* exactly a date */
    assert_int_equal(day_parse("2026-1-01"), PORTAL_NO_DAY);
    assert_int_equal(day_parse("1899-12-31"), PORTAL_NO_DAY);
    assert_int_equal(day_month_days(2024, 2), 29);
    assert_int_equal(day_month_days(2100, 2), 28);
    assert_int_equal(day_month_days(2026, 12), 31);
    assert_int_equal(day_month_days(2026, 13), 0);
    assert_day(D("2024-02-28") + 1, "2024-02-29");
    assert_day(D("2023-02-28") + 1, "2023-03-01");
    assert_day(D("2026-12-31") + 1, "2027-01-01");
    assert_day(day_add(D("2026-03-01"), -1, 0, NULL, 0), "2026-02-28");
}

static void test_months(void **state)
{
    (void)state;
    assert_int_equal(month_check("2026-12"), 0);
    assert_int_equal(month_check("2026-13"), -1);
    assert_int_equal(month_check("2026-00"), -1);
    assert_int_equal(month_check("2026-1"), -1);
    assert_int_equal(month_check("2026-12-01"), -1);
    assert_int_equal(month_check(NULL), -1);
}

static void test_working_days_backwards(void **state)
{
    (void)state;
    /* the 2025 National Day week: 1-8 Oct off, Sunday 28 Sep and Saturday
     * 11 Oct make-up working days */
    struct day_exc ex[10];
    size_t n = 0;
    for (int i = 0; i < 8; i++)
        ex[n++] = (struct day_exc){D("2025-10-01") + i, 0};
    ex[n++] = (struct day_exc){D("2025-09-28"), 1};
    ex[n++] = (struct day_exc){D("2025-10-11"), 1};
    assert_day(day_add(D("2025-10-09"), -1, 1, ex, n), "2025-09-30");
    assert_day(day_add(D("2025-09-29"), -1, 1, ex, n), "2025-09-28"); /* the make-up Sunday */
    assert_day(day_add(D("2025-10-13"), -1, 1, ex, n), "2025-10-11"); /* the make-up Saturday */
    assert_day(day_add(D("2025-10-13"), -3, 1, ex, n), "2025-10-09");
}

static void test_age_on(void **state)
{
    (void)state;
    assert_int_equal(day_age(D("2010-06-15"), D("2026-06-14")), 15); /* the day before */
    assert_int_equal(day_age(D("2010-06-15"), D("2026-06-15")), 16); /* the birthday */
    assert_int_equal(day_age(D("2010-06-15"), D("2010-06-15")), 0);
    assert_int_equal(day_age(D("2010-06-15"), D("2010-06-14")), -1); /* before birth */
    /* born on 29 February: a year older on 1 March of a common year */
    assert_int_equal(day_age(D("2008-02-29"), D("2026-02-28")), 17);
    assert_int_equal(day_age(D("2008-02-29"), D("2026-03-01")), 18);
    assert_int_equal(day_age(D("2008-02-29"), D("2028-02-28")), 19);
    assert_int_equal(day_age(D("2008-02-29"), D("2028-02-29")), 20);
    assert_int_equal(day_age(PORTAL_NO_DAY, D("2028-02-29")), -1);
}

static void test_datetime_beijing(void **state)
{
    (void)state;
    char out[17];
    assert_int_equal(datetime_beijing("2026-12-01 09:30:15", out), 0);
    assert_string_equal(out, "2026-12-01 17:30");
    /* 16:00 UTC is midnight in Beijing: the next day */
    assert_int_equal(datetime_beijing("2026-12-31 16:00:00", out), 0);
    assert_string_equal(out, "2027-01-01 00:00");
    assert_int_equal(datetime_beijing("2026-12-31 15:59:59", out), 0);
    assert_string_equal(out, "2026-12-31 23:59");
    assert_int_equal(datetime_beijing("2024-02-28 23:10:00.123456", out), 0);
    assert_string_equal(out, "2024-02-29 07:10");
    assert_int_equal(datetime_beijing("2026-12-01", out), -1);
    assert_int_equal(datetime_beijing("2026-12-01 24:00:00", out), -1);
    assert_int_equal(datetime_beijing("2026-02-30 01:00:00", out), -1);
    assert_int_equal(datetime_beijing(NULL, out), -1);
}

/* clock_today: the real day in China (UTC+8) without a clock file - kept
 * per worker between requests - and the clock file's day when there is one */
static void test_clock_today(void **state)
{
    (void)state;
    portal_req r = {0};
    arena *a = arena_new(4096);
    r.a = a;
    config_set("clock_file", "");
    for (int i = 0; i < 3; i++) {
        r.today = NULL; /* a new request */
        time_t t0 = time(NULL) + 8 * 3600;
        const char *today = clock_today(&r);
        time_t t1 = time(NULL) + 8 * 3600;
        char want0[11], want1[11];
        struct tm tm;
        strftime(want0, sizeof want0, "%Y-%m-%d", gmtime_r(&t0, &tm));
        strftime(want1, sizeof want1, "%Y-%m-%d", gmtime_r(&t1, &tm));
        assert_true(strcmp(today, want0) == 0 || strcmp(today, want1) == 0);
        assert_ptr_equal(clock_today(&r), today); /* once per request */
    }
    char path[] = "/tmp/test_dates_clock.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "2031-07-15\n", 11), 11);
    close(fd);
    config_set("clock_file", path);
    r.today = NULL; /* a new request */
    assert_string_equal(clock_today(&r), "2031-07-15");
    config_set("clock_file", "");
    unlink(path);
    r.today = NULL; /* a new request */
    assert_string_not_equal(clock_today(&r), "2031-07-15");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_calendar_days),
        cmocka_unit_test(test_weekends_skipped),
        cmocka_unit_test(test_holiday_skipped),
        cmocka_unit_test(test_makeup_saturday_counted),
        cmocka_unit_test(test_no_workday_at_all_terminates),
        cmocka_unit_test(test_leap_years_and_month_ends),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_working_days_backwards),
        cmocka_unit_test(test_age_on),
        cmocka_unit_test(test_datetime_beijing),
        cmocka_unit_test(test_clock_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
