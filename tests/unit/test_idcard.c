/* test_idcard.c - GB 11643-1999 ID numbers (cgi/host/idcard.c): check character,
 * parsing, masking. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "idcard.h"

/* the standard's published example */
static void test_standard_example(void **state)
{
    (void)state;
    char birth[11];
    int sex = 0;
    assert_int_equal(idcard_check_char("11010519491231002"), 'X');
    assert_int_equal(idcard_parse("11010519491231002X", birth, &sex), 1);
    assert_string_equal(birth, "1949-12-31");
    assert_int_equal(sex, 2); /* 17th digit 2: even, female */
}

static void test_check_chars(void **state)
{
    (void)state;
    /* every remainder maps as the standard says: build one per digit */
    /* weights: 17 ones -> sum 7+9+10+5+8+4+2+1+6+3+7+9+10+5+8+4+2 = 100; 100 % 11 = 1 -> '0' */
    assert_int_equal(idcard_check_char("11111111111111111"), '0');
    /* all zeros: sum 0 -> '1' */
    assert_int_equal(idcard_check_char("00000000000000000"), '1');
    assert_int_equal(idcard_check_char("1101051949123100"), 0);   /* 16 digits */
    assert_int_equal(idcard_check_char("1101051949123100A"), 0);  /* a letter */
    assert_int_equal(idcard_check_char(NULL), 0);
}

static void test_wrong_check_digit(void **state)
{
    (void)state;
    char birth[11];
    int sex;
    assert_int_equal(idcard_parse("110105194912310020", birth, &sex), 0);
    assert_int_equal(idcard_parse("110105194912310021", birth, &sex), 0);
    assert_int_equal(idcard_parse("110105194912310029", birth, &sex), 0);
    /* one digit changed in the body */
    assert_int_equal(idcard_parse("11010519491231003X", birth, &sex), 0);
}

static void test_lowercase_x(void **state)
{
    (void)state;
    char birth[11];
    int sex;
    assert_int_equal(idcard_parse("11010519491231002x", birth, &sex), 1);
    assert_string_equal(birth, "1949-12-31");
}

/* make a valid number from 17 digits */
static void make(char out[19], const char *first17)
{
    memcpy(out, first17, 17);
    out[17] = idcard_check_char(first17);
    out[18] = 0;
}

static void test_bad_dates(void **state)
{
    (void)state;
    char id[19], birth[11];
    int sex;
    make(id, "50024220150230001"); /* 30 February */
    assert_int_equal(idcard_parse(id, birth, &sex), 0);
    make(id, "50024220150229001"); /* 2015 is not a leap year */
    assert_int_equal(idcard_parse(id, birth, &sex), 0);
    make(id, "50024220160229001"); /* 2016 is */
    assert_int_equal(idcard_parse(id, birth, &sex), 1);
    assert_string_equal(birth, "2016-02-29");
    assert_int_equal(sex, 1); /* sequence 001: odd, male */
    make(id, "50024220151301001"); /* month 13 */
    assert_int_equal(idcard_parse(id, birth, &sex), 0);
    make(id, "50024220150400001"); /* day 0 */
    assert_int_equal(idcard_parse(id, birth, &sex), 0);
    make(id, "50024220150431001"); /* 31 April */
    assert_int_equal(idcard_parse(id, birth, &sex), 0);
    make(id, "50024218991231001"); /* before 1900 */
    assert_int_equal(idcard_parse(id, birth, &sex), 0);
    /* in the future: next year */
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char f17[32];
    snprintf(f17, sizeof f17, "500242%04d0101001", (tm.tm_year + 1900 + 1) % 10000);
    make(id, f17);
    assert_int_equal(idcard_parse(id, birth, &sex), 0);
}

static void test_lengths_and_letters(void **state)
{
    (void)state;
    char birth[11];
    int sex;
    assert_int_equal(idcard_parse("11010519491231002", birth, &sex), 0);    /* 17 */
    assert_int_equal(idcard_parse("11010519491231002X1", birth, &sex), 0);  /* 19 */
    assert_int_equal(idcard_parse("", birth, &sex), 0);
    assert_int_equal(idcard_parse(NULL, birth, &sex), 0);
    assert_int_equal(idcard_parse("1101051949123100AX", birth, &sex), 0);   /* a letter */
    assert_int_equal(idcard_parse("X1010519491231002X", birth, &sex), 0);
    assert_int_equal(idcard_parse("11010519491231002Y", birth, &sex), 0);   /* not X */
    assert_int_equal(idcard_parse("110105 9491231002X", birth, &sex), 0);
}

static void test_mask(void **state)
{
    (void)state;
    char out[19];
    idcard_mask("50024220150301123X", out);
    assert_string_equal(out, "500242********123X");
    idcard_mask("50024220150301123x", out);
    assert_string_equal(out, "500242********123X");
    idcard_mask("11010519491231002X", out);
    assert_string_equal(out, "110105********002X");
    idcard_mask("12345", out); /* never echoes a wrong-length value */
    assert_string_equal(out, "******************");
    idcard_mask(NULL, out);
    assert_int_equal(strlen(out), 18);
}

/* what the form and the import say about a number typed in: the first fault */
static void test_check(void **state)
{
    (void)state;
    char birth[11] = "";
    int sex = 0;
    assert_int_equal(idcard_check("11010519491231002X", birth, &sex), PORTAL_ID_OK);
    assert_string_equal(birth, "1949-12-31");
    assert_int_equal(sex, 2);
    assert_int_equal(idcard_check("1101051949123100", birth, &sex), PORTAL_ID_SHAPE);   /* 16 */
    assert_int_equal(idcard_check("1101051949123100A2", birth, &sex), PORTAL_ID_SHAPE); /* a letter */
    assert_int_equal(idcard_check("11010519491231002Y", birth, &sex), PORTAL_ID_SHAPE); /* last not X */
    assert_int_equal(idcard_check("11010519491231002x", birth, &sex), PORTAL_ID_SHAPE); /* upper-case only */
    assert_int_equal(idcard_check(NULL, birth, &sex), PORTAL_ID_SHAPE);
    assert_int_equal(idcard_check("110105194912310021", birth, &sex), PORTAL_ID_CHECK_CHAR);
    /* 2015-02-30 with its right check character */
    char id[19] = "50024220150230001";
    id[17] = idcard_check_char(id);
    id[18] = 0;
    assert_int_equal(idcard_check(id, birth, &sex), PORTAL_ID_BIRTH_DATE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_example),
        cmocka_unit_test(test_check_chars),
        cmocka_unit_test(test_wrong_check_digit),
        cmocka_unit_test(test_lowercase_x),
        cmocka_unit_test(test_bad_dates),
        cmocka_unit_test(test_lengths_and_letters),
        cmocka_unit_test(test_mask),
        cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
