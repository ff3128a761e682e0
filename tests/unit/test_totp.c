/* test_totp.c - HOTP/TOTP against the RFC test vectors, and base32. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "totp.h"

static const unsigned char SECRET[] = "12345678901234567890";

/* RFC 4226 appendix D: HOTP values for counters 0..9 */
static void test_hotp_rfc4226(void **state)
{
    (void)state;
    static const long want[] = {755224, 287082, 359152, 969429, 338314,
                                254676, 287922, 162583, 399871, 520489};
    for (uint64_t c = 0; c < 10; c++)
        assert_int_equal(hotp(SECRET, 20, c, 6), want[c]);
}

/* RFC 6238 appendix B, SHA-1 column */
static const struct { time_t t; long code8; } V[] = {
    {59, 94287082},         {1111111109, 7081804},  {1111111111, 14050471},
    {1234567890, 89005924}, {2000000000, 69279037}, {20000000000LL, 65353130},
};

static void test_totp_rfc6238_8_digits(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof V / sizeof *V; i++)
        assert_int_equal(totp_at(SECRET, 20, V[i].t, 8), V[i].code8);
}

static void test_totp_rfc6238_6_digits(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof V / sizeof *V; i++)
        assert_int_equal(totp_at(SECRET, 20, V[i].t, 6), V[i].code8 % 1000000);
}

static void code6(time_t t, char out[8])
{
    long v = totp_at(SECRET, 20, t, 6);
    for (int i = 5; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
    out[6] = 0;
}

static void test_totp_check_window_and_replay(void **state)
{
    (void)state;
    time_t now = 1234567890;
    char c[8];
    long long step = 0;
    code6(now, c);
    assert_int_equal(totp_check(SECRET, 20, now, c, 0, &step), 1);
    assert_int_equal(step, now / 30);
    /* one step either side is accepted, two is not */
    code6(now - 30, c);
    assert_int_equal(totp_check(SECRET, 20, now, c, 0, &step), 1);
    assert_int_equal(step, now / 30 - 1);
    code6(now + 30, c);
    assert_int_equal(totp_check(SECRET, 20, now, c, 0, &step), 1);
    code6(now - 60, c);
    assert_int_equal(totp_check(SECRET, 20, now, c, 0, &step), 0);
    code6(now + 60, c);
    assert_int_equal(totp_check(SECRET, 20, now, c, 0, &step), 0);
    /* the same code again after it was used: replay */
    code6(now, c);
    assert_int_equal(totp_check(SECRET, 20, now, c, now / 30, &step), -1);
    /* an older step after a newer one was used: replay too */
    code6(now - 30, c);
    assert_int_equal(totp_check(SECRET, 20, now, c, now / 30, &step), -1);
    /* malformed codes */
    assert_int_equal(totp_check(SECRET, 20, now, "12345", 0, &step), 0);
    assert_int_equal(totp_check(SECRET, 20, now, "1234567", 0, &step), 0);
    assert_int_equal(totp_check(SECRET, 20, now, "12a456", 0, &step), 0);
    assert_int_equal(totp_check(SECRET, 20, now, "", 0, &step), 0);
    assert_int_equal(totp_check(SECRET, 20, now, NULL, 0, &step), 0);
}

static void test_base32_rfc4648(void **state)
{
    (void)state;
    /* RFC 4648 section 10, without padding */
    static const struct { const char *in, *out; } T[] = {
        {"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
        {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        char out[32];
        unsigned char back[32];
        base32_encode((const unsigned char *)T[i].in, strlen(T[i].in), out);
        assert_string_equal(out, T[i].out);
        long n = base32_decode(out, back, sizeof back);
        assert_int_equal(n, (long)strlen(T[i].in));
        assert_memory_equal(back, T[i].in, (size_t)n);
    }
    char o[64];
    base32_encode(SECRET, 20, o);
    assert_string_equal(o, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

static void test_base32_round_trip_and_input_forms(void **state)
{
    (void)state;
    unsigned char in[20], back[40];
    char enc[64];
    for (int seed = 0; seed < 50; seed++) {
        for (int i = 0; i < 20; i++)
            in[i] = (unsigned char)(seed * 37 + i * 101 + (i * i * seed));
        size_t n = base32_encode(in, 20, enc);
        assert_int_equal(n, 32);
        assert_int_equal(base32_decode(enc, back, sizeof back), 20);
        assert_memory_equal(in, back, 20);
    }
    /* lower case, spaces and padding are accepted; other characters are not */
    assert_int_equal(base32_decode("mzxw 6ytb oi==", back, sizeof back), 6);
    assert_memory_equal(back, "foobar", 6);
    assert_int_equal(base32_decode("MZXW1", back, sizeof back), -1);
    assert_int_equal(base32_decode("MZXW6YTBOI", back, 3), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hotp_rfc4226),
        cmocka_unit_test(test_totp_rfc6238_8_digits),
        cmocka_unit_test(test_totp_rfc6238_6_digits),
        cmocka_unit_test(test_totp_check_window_and_replay),
        cmocka_unit_test(test_base32_rfc4648),
        cmocka_unit_test(test_base32_round_trip_and_input_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
