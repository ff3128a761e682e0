/* test_rmb.c - amounts in 人民币大写 (cgi/host/rmb.c), as printed on the
 * payment forms: the examples of the 人民银行's rules for bills. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "rmb.h"

static const char *upper(long long fen)
{
    static char buf[160];
    assert_int_equal(rmb_upper(fen, buf, sizeof buf), 0);
    return buf;
}

static void test_whole_yuan(void **state)
{
    (void)state;
    assert_string_equal(upper(0), "零元整");
    assert_string_equal(upper(100), "壹元整");
    assert_string_equal(upper(1600), "壹拾陆元整");             /* 壹拾, never 拾 alone */
    assert_string_equal(upper(165100), "壹仟陆佰伍拾壹元整");
    assert_string_equal(upper(10000000), "壹拾万元整");
    assert_string_equal(upper(1000000000000LL), "壹佰亿元整");
}

static void test_zeros_inside(void **state)
{
    (void)state;
    assert_string_equal(upper(100100), "壹仟零壹元整");
    assert_string_equal(upper(10001000), "壹拾万零壹拾元整");
    assert_string_equal(upper(100000100), "壹佰万零壹元整");
    assert_string_equal(upper(1000100000000LL), "壹佰亿零壹佰万元整");
    assert_string_equal(upper(10700053), "壹拾万柒仟元零伍角叁分");
    assert_string_equal(upper(10000100000LL), "壹亿零壹仟元整");        /* a group of zeros */
    assert_string_equal(upper(10000000100LL), "壹亿零壹元整");
}

static void test_jiao_and_fen(void **state)
{
    (void)state;
    assert_string_equal(upper(165150), "壹仟陆佰伍拾壹元伍角整");
    assert_string_equal(upper(168032), "壹仟陆佰捌拾元零叁角贰分");
    assert_string_equal(upper(105), "壹元零伍分");
    assert_string_equal(upper(50), "伍角整");
    assert_string_equal(upper(5), "伍分");
    assert_string_equal(upper(1234567891), "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角壹分");
}

static void test_sign_and_room(void **state)
{
    (void)state;
    char small[8];
    assert_string_equal(upper(-16510), "负壹佰陆拾伍元壹角整");
    assert_int_equal(rmb_upper(165150, small, sizeof small), -1);
    assert_string_equal(small, "");
    assert_int_equal(rmb_upper(100, NULL, 10), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_yuan),
        cmocka_unit_test(test_zeros_inside),
        cmocka_unit_test(test_jiao_and_fen),
        cmocka_unit_test(test_sign_and_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
