/*
 * test_workdays.c - unit tests for the working-day arithmetic of the
 * workflow (cgi/host/workflow.c): dates, weekdays, weekends skipped, a holiday
 * skipped, a make-up Saturday counted.  The calendar's exceptions are passed
 * in as an array: no database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "workflow.h"

static long D(const char *ymd)
{
    long d = wf_date_parse(ymd);
    assert_true(d != WF_NO_DAY);
    return d;
}

static void assert_day(long day, const char *want)
{
    char out[11];
    wf_date_format(day, out);
    assert_string_equal(out, want);
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(wf_date_parse("1970-01-01"), 0);
    assert_day(D("2024-02-29"), "2024-02-29");
    assert_day(D("2024-02-28") + 1, "2024-02-29");
    assert_day(D("2025-12-31") + 1, "2026-01-01");
    assert_int_equal(wf_date_parse("2025-02-29"), WF_NO_DAY);
    assert_int_equal(wf_date_parse("2025-13-01"), WF_NO_DAY);
    assert_int_equal(wf_date_parse("20250101"), WF_NO_DAY);
    assert_int_equal(wf_date_parse(NULL), WF_NO_DAY);
    assert_int_equal(wf_weekday(D("2026-03-02")), 1); /* Monday */
    assert_int_equal(wf_weekday(D("2026-03-07")), 6); /* Saturday */
    assert_int_equal(wf_weekday(D("1970-01-01")), 4); /* Thursday */
}

static void test_calendar_days(void **state)
{
    (void)state;
    assert_day(wf_add_days(D("2026-03-02"), 7, 0, NULL, 0), "2026-03-09");
    assert_int_equal(wf_days_used(D("2026-03-02"), D("2026-03-09"), 0, NULL, 0), 7);
    assert_int_equal(wf_days_used(D("2026-03-09"), D("2026-03-02"), 0, NULL, 0), 0);
}

static void test_weekends_skipped(void **state)
{
    (void)state;
    /* Friday + 1 working day = Monday; + 10 = two weeks later */
    assert_day(wf_add_days(D("2026-03-13"), 1, 1, NULL, 0), "2026-03-16");
    assert_day(wf_add_days(D("2026-03-13"), 10, 1, NULL, 0), "2026-03-27");
    /* Monday to the next Monday: 5 working days */
    assert_int_equal(wf_days_used(D("2026-03-02"), D("2026-03-09"), 1, NULL, 0), 5);
    /* Saturday to Sunday: none */
    assert_int_equal(wf_days_used(D("2026-03-07"), D("2026-03-08"), 1, NULL, 0), 0);
}

static void test_holiday_skipped(void **state)
{
    (void)state;
    const struct wf_cal_exc ex[] = {{D("2026-03-18"), 0}}; /* a Wednesday off */
    assert_int_equal(wf_is_workday(D("2026-03-18"), ex, 1), 0);
    assert_int_equal(wf_is_workday(D("2026-03-19"), ex, 1), 1);
    assert_day(wf_add_days(D("2026-03-13"), 10, 1, ex, 1), "2026-03-30");
    assert_int_equal(wf_days_used(D("2026-03-16"), D("2026-03-20"), 1, ex, 1), 3);
}

static void test_makeup_saturday_counted(void **state)
{
    (void)state;
    /* National Day 2025: Oct 1-8 off, Sunday Sep 28 and Saturday Oct 11 worked */
    const struct wf_cal_exc ex[] = {
        {D("2025-09-28"), 1}, {D("2025-10-01"), 0}, {D("2025-10-02"), 0},
        {D("2025-10-03"), 0}, {D("2025-10-06"), 0}, {D("2025-10-07"), 0},
        {D("2025-10-08"), 0}, {D("2025-10-11"), 1}};
    size_t n = sizeof ex / sizeof ex[0];
    assert_int_equal(wf_is_workday(D("2025-10-11"), ex, n), 1);
    /* Friday Sep 26 + 1 working day = the make-up Sunday Sep 28 */
    assert_day(wf_add_days(D("2025-09-26"), 1, 1, ex, n), "2025-09-28");
    /* Tuesday Sep 30 + 2: Oct 9 (Thu), Oct 10 (Fri); + 3: the make-up Saturday */
    assert_day(wf_add_days(D("2025-09-30"), 2, 1, ex, n), "2025-10-10");
    assert_day(wf_add_days(D("2025-09-30"), 3, 1, ex, n), "2025-10-11");
    assert_int_equal(wf_days_used(D("2025-10-08"), D("2025-10-12"), 1, ex, n), 3);
}

static void test_no_workday_at_all_terminates(void **state)
{
    (void)state;
    struct wf_cal_exc ex[7];
    for (int i = 0; i < 7; i++)
        ex[i] = (struct wf_cal_exc){D("2026-03-02") + i, 0};
    /* only one week off: it still finds the 1st working day after it */
    assert_day(wf_add_days(D("2026-03-01"), 1, 1, ex, 7), "2026-03-09");
    assert_day(wf_add_days(D("2026-03-02"), 0, 1, ex, 7), "2026-03-02");
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
