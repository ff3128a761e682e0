/*
 * test_util.c - unit tests for cgi/host/util.c: arena, buf, escaping, UTF-8,
 * base64url, hex, configuration and log.
 *
 * Build (from the repository root):
 *   cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wmissing-prototypes \
 *      -g -fsanitize=address,undefined -fno-sanitize-recover=all -Icgi \
 *      tests/unit/test_util.c cgi/host/util.c -lcmocka -o build/test_util
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

#include "util.h"

/* ------------------------------------------------------------ helpers */

/* write text to a fresh temporary file; the caller unlinks and frees it */
static char *write_temp(const char *text)
{
    const char *dir = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/test_util_XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    size_t n = strlen(text), off = 0;
    while (off < n) {
        ssize_t k = write(fd, text + off, n - off);
        assert_true(k > 0);
        off += (size_t)k;
    }
    close(fd);
    char *path = strdup(tmpl);
    assert_non_null(path);
    return path;
}

static int is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* -------------------------------------------------------------- arena */

static void test_arena_many_allocs(void **state)
{
    (void)state;
    arena *a = arena_new(1024);
    enum { N = 2000 };
    unsigned char *ptr[N];
    size_t len[N], total = 0;
    for (size_t i = 0; i < N; i++) {
        len[i] = 1 + (i * 37) % 200;
        ptr[i] = arena_alloc(a, len[i]);
        assert_non_null(ptr[i]);
        memset(ptr[i], (int)(i & 0xFF), len[i]);
        total += len[i];
    }
    /* nothing was overwritten by a later allocation */
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < len[i]; k++)
            assert_int_equal(ptr[i][k], i & 0xFF);
    assert_true(arena_used(a) >= total);
    arena_free(a);
}

static void test_arena_default_chunk(void **state)
{
    (void)state;
    arena *a = arena_new(0); /* 0 = the default size */
    char *p = arena_alloc(a, 100);
    memset(p, 'x', 100);
    assert_true(arena_used(a) >= 100);
    arena_free(a);
    arena_free(NULL); /* harmless */
}

static void test_arena_big_allocations(void **state)
{
    (void)state;
    arena *a = arena_new(1024);
    char *small1 = arena_strdup(a, "before");
    /* bigger than a chunk, while the current chunk still has room */
    unsigned char *big = arena_alloc(a, 100000);
    memset(big, 0xAB, 100000);
    char *small2 = arena_strdup(a, "after");
    /* exactly a chunk, and just over half a chunk */
    unsigned char *exact = arena_alloc(a, 1024);
    memset(exact, 0xCD, 1024);
    unsigned char *half = arena_alloc(a, 600);
    memset(half, 0xEF, 600);
    /* fill the current chunk so the next big block goes in front */
    for (int i = 0; i < 100; i++)
        memset(arena_alloc(a, 48), 0x11, 48);
    unsigned char *big2 = arena_alloc(a, 5000);
    memset(big2, 0x22, 5000);
    char *small3 = arena_strdup(a, "last");

    assert_string_equal(small1, "before");
    assert_string_equal(small2, "after");
    assert_string_equal(small3, "last");
    for (size_t i = 0; i < 100000; i++)
        assert_int_equal(big[i], 0xAB);
    for (size_t i = 0; i < 1024; i++)
        assert_int_equal(exact[i], 0xCD);
    for (size_t i = 0; i < 600; i++)
        assert_int_equal(half[i], 0xEF);
    for (size_t i = 0; i < 5000; i++)
        assert_int_equal(big2[i], 0x22);
    assert_true(arena_used(a) >= 100000 + 1024 + 600 + 5000);

    /* reset frees the big blocks; the arena is usable again */
    arena_reset(a);
    assert_int_equal(arena_used(a), 0);
    unsigned char *again = arena_alloc(a, 200000);
    memset(again, 0x33, 200000);
    assert_int_equal(again[199999], 0x33);
    arena_free(a);
}

static void test_arena_alignment_16(void **state)
{
    (void)state;
    /* util.h promises: "aligned to 16" (alignof(max_align_t) on x86-64) */
    arena *a = arena_new(512);
    uintptr_t first_bad = 0;
    int bad = 0;
    void *ps[200];
    int np = 0;
    for (size_t n = 0; n < 600; n += 7)
        ps[np++] = arena_alloc(a, n ? n : 1);
    ps[np++] = arena_alloc(a, 10000);    /* a big block */
    ps[np++] = arena_strdup(a, "x");
    arena_reset(a);
    ps[np++] = arena_alloc(a, 3);         /* after a reset */
    for (int i = 0; i < np; i++)
        if ((uintptr_t)ps[i] % 16 != 0 && !bad++)
            first_bad = (uintptr_t)ps[i];
    arena_free(a); /* before asserting: a failed assert must not leak */
    if (bad)
        fail_msg("%d of %d arena pointers not 16-aligned (e.g. %#lx, %lu mod 16)", bad, np,
                 (unsigned long)first_bad, (unsigned long)(first_bad % 16));
}

static void test_arena_allocations_are_16_apart(void **state)
{
    (void)state;
    /* whatever the base alignment, sizes are rounded up to 16 */
    arena *a = arena_new(4096);
    char *p1 = arena_alloc(a, 1);
    char *p2 = arena_alloc(a, 17);
    char *p3 = arena_alloc(a, 16);
    assert_int_equal(p2 - p1, 16);
    assert_int_equal(p3 - p2, 32);
    arena_free(a);
}

static void test_arena_zalloc(void **state)
{
    (void)state;
    arena *a = arena_new(1024);
    unsigned char *p = arena_alloc(a, 512);
    memset(p, 0xFF, 512);
    arena_reset(a);
    /* the same memory comes back: zalloc must clear it */
    unsigned char *z = arena_zalloc(a, 512);
    for (size_t i = 0; i < 512; i++)
        assert_int_equal(z[i], 0);
    unsigned char *zb = arena_zalloc(a, 4000);
    for (size_t i = 0; i < 4000; i++)
        assert_int_equal(zb[i], 0);
    arena_free(a);
}

struct order_log {
    int order[16];
    int n;
};

static struct order_log g_log;
static int g_ids[16];

static void record_cleanup(void *arg)
{
    int id = *(int *)arg;
    assert_true(g_log.n < 16);
    g_log.order[g_log.n++] = id;
}

static void test_arena_cleanups_lifo_once(void **state)
{
    (void)state;
    memset(&g_log, 0, sizeof g_log);
    arena *a = arena_new(256); /* small chunks: the cleanup records span chunks */
    for (int i = 0; i < 10; i++) {
        g_ids[i] = i;
        arena_on_reset(a, record_cleanup, &g_ids[i]);
        memset(arena_alloc(a, 100), i, 100);
    }
    assert_int_equal(g_log.n, 0); /* nothing runs before the reset */
    arena_reset(a);
    assert_int_equal(g_log.n, 10);
    for (int i = 0; i < 10; i++)
        assert_int_equal(g_log.order[i], 9 - i);

    /* a second reset runs nothing again */
    arena_reset(a);
    assert_int_equal(g_log.n, 10);

    /* cleanups registered after a reset run on the next one, and on free */
    arena_on_reset(a, record_cleanup, &g_ids[0]);
    arena_on_reset(a, record_cleanup, &g_ids[1]);
    arena_free(a);
    assert_int_equal(g_log.n, 12);
    assert_int_equal(g_log.order[10], 1);
    assert_int_equal(g_log.order[11], 0);
}

static void free_cleanup(void *p)
{
    free(p);
}

static void test_arena_cleanup_frees_heap(void **state)
{
    (void)state;
    /* ASan's leak checker fails this test if the cleanup does not run */
    arena *a = arena_new(1024);
    for (int i = 0; i < 5; i++) {
        char *p = malloc(64);
        assert_non_null(p);
        arena_on_reset(a, free_cleanup, p);
    }
    arena_free(a);
}

static void test_arena_reuse_after_reset(void **state)
{
    (void)state;
    arena *a = arena_new(1024);
    for (int round = 0; round < 20; round++) {
        char *strs[200];
        for (int i = 0; i < 200; i++)
            strs[i] = arena_sprintf(a, "round %d item %d", round, i);
        for (int i = 0; i < 200; i++) {
            char want[64];
            snprintf(want, sizeof want, "round %d item %d", round, i);
            assert_string_equal(strs[i], want);
        }
        assert_true(arena_used(a) > 0);
        arena_reset(a);
        assert_int_equal(arena_used(a), 0);
    }
    arena_free(a);
}

static void test_arena_strings(void **state)
{
    (void)state;
    arena *a = arena_new(128);
    assert_null(arena_strdup(a, NULL));
    assert_string_equal(arena_strdup(a, ""), "");
    const char *zh = "门户网站：统一身份认证";
    char *d = arena_strdup(a, zh);
    assert_string_equal(d, zh);
    assert_ptr_not_equal(d, zh);

    char *nd = arena_strndup(a, "abcdef", 3);
    assert_string_equal(nd, "abc");
    char *n0 = arena_strndup(a, "abc", 0);
    assert_string_equal(n0, "");
    /* strndup copies n bytes even with a NUL inside */
    char *bin = arena_strndup(a, "a\0b", 3);
    assert_memory_equal(bin, "a\0b\0", 4);

    char *s = arena_sprintf(a, "%s=%d;%05.1f|%c", "用户", -42, 3.14159, 'z');
    assert_string_equal(s, "用户=-42;003.1|z");
    assert_string_equal(arena_sprintf(a, "%s", ""), "");
    /* the plain conversions, written without vsnprintf: as vsnprintf writes them */
    char want[256];
    snprintf(want, sizeof want, "%s.%d.%i|%u|%ld|%lu|%lld|%llu|%zu|%zd|%%|%s", "List.Rows", -7, 0,
             4000000000u, -9000000000L, 18000000000UL, (long long)INT64_MIN, (unsigned long long)UINT64_MAX,
             (size_t)12, (ssize_t)-3, "");
    assert_string_equal(arena_sprintf(a, "%s.%d.%i|%u|%ld|%lu|%lld|%llu|%zu|%zd|%%|%s", "List.Rows",
                                      -7, 0, 4000000000u, -9000000000L, 18000000000UL,
                                      (long long)INT64_MIN, (unsigned long long)UINT64_MAX,
                                      (size_t)12, (ssize_t)-3, ""),
                        want);
    assert_string_equal(arena_sprintf(a, "%d%%", INT32_MIN), "-2147483648%");
    /* longer than the stack's 256 bytes, plain */
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    char *b = arena_sprintf(a, "%s:%d", big, 42);
    assert_int_equal(strlen(b), 602);
    assert_string_equal(b + 599, ":42");

    /* output larger than a chunk */
    char *w = arena_sprintf(a, "[%0*d]", 5000, 7);
    assert_int_equal(strlen(w), 5002);
    assert_int_equal(w[0], '[');
    assert_int_equal(w[5000], '7');
    assert_int_equal(w[5001], ']');
    for (int i = 1; i < 5000; i++)
        assert_int_equal(w[i], '0');
    arena_free(a);
}

/* ---------------------------------------------------------------- buf */

static void test_buf_growth(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    for (size_t i = 0; i < 100000; i++) {
        buf_addc(&b, (char)('a' + i % 26));
        assert_int_equal(b.len, i + 1);
        assert_int_equal(b.data[b.len], 0);
        assert_true(b.cap > b.len);
    }
    for (size_t i = 0; i < 100000; i++)
        assert_int_equal(b.data[i], 'a' + i % 26);
    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
}

static void test_buf_add_binary_and_strings(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    buf_add(&b, "", 0); /* allocates: data is a valid empty string */
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    buf_add(&b, "a\0b", 3);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b\0", 4);
    buf_adds(&b, NULL); /* no-op */
    assert_int_equal(b.len, 3);
    buf_adds(&b, "中文");
    assert_int_equal(b.len, 3 + 6);
    assert_memory_equal(b.data + 3, "中文", 7);
    /* one big add that needs several doublings at once */
    char big[3000];
    memset(big, 'q', sizeof big);
    buf_add(&b, big, sizeof big);
    assert_int_equal(b.len, 9 + 3000);
    assert_int_equal(b.data[b.len], 0);
    assert_int_equal(b.data[b.len - 1], 'q');

    size_t cap = b.cap;
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    assert_int_equal(b.cap, cap); /* memory kept */
    buf_adds(&b, "again");
    assert_string_equal(b.data, "again");
    buf_free(&b);

    buf_reset(&b); /* on an empty buf: harmless */
    assert_null(b.data);
}

static void test_buf_printf(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    buf_printf(&b, "%d-%s", 12, "ab");
    assert_string_equal(b.data, "12-ab");
    assert_int_equal(b.len, 5);
    buf_printf(&b, "|%s|", "中文");
    assert_string_equal(b.data, "12-ab|中文|");
    buf_printf(&b, "%s", ""); /* nothing appended, still terminated */
    assert_string_equal(b.data, "12-ab|中文|");
    /* longer than the first allocation */
    buf_printf(&b, "%0*d", 1000, 5);
    assert_int_equal(b.len, 13 + 1000);
    assert_int_equal(b.data[b.len], 0);
    assert_int_equal(b.data[b.len - 1], '5');
    assert_int_equal(b.data[13], '0');
    assert_int_equal(strlen(b.data), b.len);
    buf_free(&b);

    /* many small printfs */
    buf_init(&b);
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 2000);
    assert_int_equal(strlen(b.data), 2000);
    assert_memory_equal(b.data, "0,1,2,3,4,", 10);
    buf_free(&b);
}

/* ----------------------------------------------------------- escaping */

static void test_esc_html(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    esc_html(&b, "<a href=\"x\">Tom & Jerry's</a>");
    assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    buf_reset(&b);
    esc_html(&b, "&<>\"'");
    assert_string_equal(b.data, "&amp;&lt;&gt;&quot;&#39;");
    buf_reset(&b);
    esc_html(&b, "中文测试，你好！《标题》“引号”");
    assert_string_equal(b.data, "中文测试，你好！《标题》“引号”");
    buf_reset(&b);
    esc_html(&b, "<中>&文'");
    assert_string_equal(b.data, "&lt;中&gt;&amp;文&#39;");
    buf_reset(&b);
    esc_html(&b, "plain text");
    assert_string_equal(b.data, "plain text");
    buf_reset(&b);
    esc_html(&b, "&amp;"); /* escapes again: no double-unescaping tricks */
    assert_string_equal(b.data, "&amp;amp;");

    /* NULL appends nothing; appending keeps what was there */
    buf_reset(&b);
    buf_adds(&b, "keep");
    esc_html(&b, NULL);
    assert_string_equal(b.data, "keep");
    esc_html(&b, "");
    assert_string_equal(b.data, "keep");
    esc_html(&b, "<");
    assert_string_equal(b.data, "keep&lt;");
    buf_free(&b);
}

static void test_esc_url(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    esc_url(&b, "AZaz09-_.~");
    assert_string_equal(b.data, "AZaz09-_.~");
    buf_reset(&b);
    esc_url(&b, "a b&c=d/e?f#g+h%");
    assert_string_equal(b.data, "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
    buf_reset(&b);
    esc_url(&b, "中文");
    assert_string_equal(b.data, "%E4%B8%AD%E6%96%87");
    buf_reset(&b);
    esc_url(&b, "\x01\x7f\xff\n");
    assert_string_equal(b.data, "%01%7F%FF%0A");
    buf_reset(&b);
    buf_adds(&b, "q=");
    esc_url(&b, NULL);
    assert_string_equal(b.data, "q=");
    buf_free(&b);
}

/* -------------------------------------------------------------- UTF-8 */

static void test_utf8_valid_good(void **state)
{
    (void)state;
    const char *ok[] = {
        "",
        "hello",
        "中文，你好。",
        "统一身份认证门户",
        "\xC2\x80",             /* U+0080, smallest 2-byte */
        "\xDF\xBF",             /* U+07FF */
        "\xE0\xA0\x80",         /* U+0800, smallest 3-byte */
        "\xED\x9F\xBF",         /* U+D7FF, just below the surrogates */
        "\xEE\x80\x80",         /* U+E000, just above */
        "\xEF\xBF\xBF",         /* U+FFFF */
        "\xF0\x90\x80\x80",     /* U+10000, smallest 4-byte */
        "\xF0\x9F\x98\x80",     /* U+1F600 emoji */
        "\xF4\x8F\xBF\xBF",     /* U+10FFFF, the largest */
        "\t\r\n\x7f",           /* controls are the caller's business */
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        assert_int_equal(utf8_valid(ok[i], strlen(ok[i])), 1);
    /* only n bytes are looked at */
    assert_int_equal(utf8_valid("\xFF", 0), 1);
    assert_int_equal(utf8_valid("ab\xFF", 2), 1);
}

static void test_utf8_valid_bad(void **state)
{
    (void)state;
    struct { const char *s; size_t n; } bad[] = {
        /* overlong encodings */
        {"\xC0\x80", 2}, {"\xC0\xAF", 2}, {"\xC1\xBF", 2},
        {"\xE0\x80\x80", 3}, {"\xE0\x80\xAF", 3}, {"\xE0\x9F\xBF", 3},
        {"\xF0\x80\x80\x80", 4}, {"\xF0\x80\x80\xAF", 4}, {"\xF0\x8F\xBF\xBF", 4},
        /* surrogates */
        {"\xED\xA0\x80", 3}, {"\xED\xAD\xBF", 3}, {"\xED\xB0\x80", 3}, {"\xED\xBF\xBF", 3},
        {"\xED\xA0\xBD\xED\xB8\x80", 6}, /* CESU-8 pair */
        /* truncated sequences */
        {"\xE4\xB8", 2}, {"\xE4", 1}, {"\xC3", 1}, {"\xF0\x9F\x98", 3},
        {"ok\xE4\xB8", 4}, {"\xE4\xB8\xAD", 2},
        /* a character cut by n even though the bytes follow */
        {"\xE4\xB8\xAD\xE6\x96\x87", 5},
        /* bad continuation bytes */
        {"\xE4\x41\xAD", 3}, {"\xE4\xB8\x41", 3}, {"\xC3\x28", 2}, {"\xF0\x9F\x98\x28", 4},
        {"\xE4\xB8\xC0", 3},
        /* stray continuation bytes */
        {"\x80", 1}, {"\xBF", 1}, {"a\x80" "b", 3},
        /* NUL */
        {"\0", 1}, {"a\0b", 3}, {"中\0", 4},
        /* above U+10FFFF and impossible lead bytes */
        {"\xF4\x90\x80\x80", 4}, {"\xF7\xBF\xBF\xBF", 4}, {"\xF5\x80\x80\x80", 4},
        {"\xF8\x88\x80\x80\x80", 5}, {"\xFC\x84\x80\x80\x80\x80", 6},
        {"\xFE", 1}, {"\xFF", 1}, {"\xFF\xFE", 2},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (utf8_valid(bad[i].s, bad[i].n) != 0)
            fail_msg("utf8_valid accepted bad case %zu", i);
    }
}

static void test_utf8_truncate(void **state)
{
    (void)state;
    const char *cases[] = {
        "中文测试，你好",
        "a中b文c",
        "ab\xF0\x9F\x98\x80" "cd\xC3\xA9" "e",
        "plain ascii",
        "",
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const char *s = cases[c];
        size_t n = strlen(s);
        for (size_t max = 0; max <= n + 3; max++) {
            size_t k = utf8_truncate(s, max);
            if (max >= n) {
                assert_int_equal(k, n);
                continue;
            }
            assert_true(k <= max);
            assert_true(max - k < 4);          /* drops at most one character */
            assert_false(is_cont((unsigned char)s[k])); /* on a boundary */
            assert_int_equal(utf8_valid(s, k), 1); /* never half a character */
        }
    }
    /* "中文" is 6 bytes: 0-2 keep nothing, 3-5 keep one character */
    assert_int_equal(utf8_truncate("中文", 2), 0);
    assert_int_equal(utf8_truncate("中文", 3), 3);
    assert_int_equal(utf8_truncate("中文", 5), 3);
    assert_int_equal(utf8_truncate("中文", 6), 6);
    assert_int_equal(utf8_truncate("中文", 100), 6);
}

/* ---------------------------------------------------------- base64url */

static void test_b64url_vectors(void **state)
{
    (void)state;
    struct { const char *in, *out; } v[] = {
        {"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"},
        {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
        {"\xFB\xFF", "-_8"}, /* '+' and '/' in standard base64 */
        {"\xFF\xFF\xFF", "____"},
        {"\xF8\x00", "-AA"},
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        char out[64];
        size_t inlen = strlen(v[i].in);
        if (i == sizeof v / sizeof *v - 1)
            inlen = 2;
        size_t n = b64url_encode((const unsigned char *)v[i].in, inlen, out);
        assert_int_equal(n, strlen(v[i].out));
        assert_string_equal(out, v[i].out);
        unsigned char back[64];
        long m = b64url_decode(out, n, back, sizeof back);
        assert_int_equal(m, (long)inlen);
        assert_memory_equal(back, v[i].in, inlen);
    }
}

static void test_b64url_roundtrip_0_to_40(void **state)
{
    (void)state;
    for (size_t n = 0; n <= 40; n++) {
        unsigned char in[40], back[64];
        char out[4 * 40 / 3 + 4 + 8];
        for (size_t i = 0; i < n; i++)
            in[i] = (unsigned char)(i * 97 + n * 13 + (i % 3 == 0 ? 0xF0 : 0));
        if (n > 1)
            in[1] = 0; /* a NUL byte and a 0xFF byte in every longer input */
        if (n > 2)
            in[2] = 0xFF;
        memset(out, '#', sizeof out);
        size_t e = b64url_encode(in, n, out);
        assert_int_equal(e, (4 * n + 2) / 3); /* no padding */
        assert_int_equal(out[e], 0);
        for (size_t i = 0; i < e; i++) {
            char c = out[i];
            assert_true((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_');
        }
        long d = b64url_decode(out, e, back, sizeof back);
        assert_int_equal(d, (long)n);
        assert_memory_equal(back, in, n);
        /* exactly enough room is enough; one byte less is an error */
        d = b64url_decode(out, e, back, n);
        assert_int_equal(d, (long)n);
        if (n > 0)
            assert_int_equal(b64url_decode(out, e, back, n - 1), -1);
    }
}

static void test_b64url_invalid(void **state)
{
    (void)state;
    unsigned char out[64];
    const char *bad[] = {
        "Zm9v=",  /* padding is not base64url-without-padding */
        "Zg==",
        "Zm+v",   /* standard alphabet */
        "Zm/v",
        "Zm 9v",
        "Zm9v\n",
        "Zm\xC3\xA9v",
        "a",      /* length 4k+1 can never be valid */
        "Zm9vY",
        "!!!!",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (b64url_decode(bad[i], strlen(bad[i]), out, sizeof out) != -1)
            fail_msg("b64url_decode accepted \"%s\"", bad[i]);
    }
    assert_int_equal(b64url_decode("Zm\0v", 4, out, sizeof out), -1); /* NUL inside */
    assert_int_equal(b64url_decode("", 0, out, sizeof out), 0);
    assert_int_equal(b64url_decode("Zm9v", 4, out, 0), -1);
}

static void test_hex_encode(void **state)
{
    (void)state;
    char out[16];
    hex_encode((const unsigned char *)"\x00\x01\xAB\xFF", 4, out);
    assert_string_equal(out, "0001abff");
    hex_encode((const unsigned char *)"", 0, out);
    assert_string_equal(out, "");
}

/* ------------------------------------------------------ configuration */

static void test_config_load(void **state)
{
    (void)state;
    char *path = write_temp(
        "# a comment\n"
        "   # an indented comment\n"
        "\n"
        "   \t \n"
        "t1_plain=value1\n"
        "  t1_spaced   =   value with  inner  spaces   \n"
        "t1_tabs\t=\tv\t\n"
        "t1_eqs = a=b=c\n"
        "t1_empty =\n"
        "t1_hash = not # a comment\n"
        "t1_crlf = windows\r\n"
        "t1_zh = 统一身份认证门户\n"
        "t1_num = 42\n"
        "t1_hex = 0x1F\n"
        "t1_oct = 0660\n"
        "t1_neg = -7\n"
        "t1_spacenum =   17   \n"
        "t1_bad = 12abc\n"
        "t1_word = abc\n"
        "t1_float = 1.5\n"
        "t1_twice = first\n"
        "t1_twice = second\n"
        "t1_last = no newline at the end");
    char err[256] = "";
    int rc = config_load(path, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_string_equal(config_path(), path);

    assert_string_equal(config_get("t1_plain", NULL), "value1");
    assert_string_equal(config_get("t1_spaced", NULL), "value with  inner  spaces");
    assert_string_equal(config_get("t1_tabs", NULL), "v");
    assert_string_equal(config_get("t1_eqs", NULL), "a=b=c");
    assert_string_equal(config_get("t1_empty", "dflt"), "");
    assert_string_equal(config_get("t1_hash", NULL), "not # a comment");
    assert_string_equal(config_get("t1_crlf", NULL), "windows");
    assert_string_equal(config_get("t1_zh", NULL), "统一身份认证门户");
    assert_string_equal(config_get("t1_twice", NULL), "second");
    assert_string_equal(config_get("t1_last", NULL), "no newline at the end");
    assert_string_equal(config_get("t1_missing", "dflt"), "dflt");
    assert_null(config_get("t1_missing", NULL));
    assert_null(config_get("# a comment", NULL));
    assert_null(config_get("a comment", NULL));

    assert_int_equal(config_int("t1_num", -1), 42);
    assert_int_equal(config_int("t1_hex", -1), 31);
    assert_int_equal(config_int("t1_oct", -1), 0660); /* base 0: socket_mode */
    assert_int_equal(config_int("t1_neg", -1), -7);
    assert_int_equal(config_int("t1_spacenum", -1), 17);
    assert_int_equal(config_int("t1_bad", 99), 99);
    assert_int_equal(config_int("t1_word", 99), 99);
    assert_int_equal(config_int("t1_float", 99), 99);
    assert_int_equal(config_int("t1_empty", 99), 99);
    assert_int_equal(config_int("t1_missing", 99), 99);

    /* config_set overrides a loaded value and adds new ones */
    config_set("t1_plain", "changed");
    assert_string_equal(config_get("t1_plain", NULL), "changed");
    config_set("t1_new", "7");
    assert_int_equal(config_int("t1_new", 0), 7);

    unlink(path);
    free(path);
}

static void test_config_int_out_of_range(void **state)
{
    (void)state;
    /* a number that does not fit in a long is a bad number: the default */
    config_set("t2_big", "99999999999999999999");
    config_set("t2_small", "-99999999999999999999");
    assert_int_equal(config_int("t2_big", 5), 5);
    assert_int_equal(config_int("t2_small", 5), 5);
}

static void test_config_load_errors(void **state)
{
    (void)state;
    char *path = write_temp("# ok\nt3_a = 1\nthis line has no equals sign\nt3_b = 2\n");
    char err[512] = "";
    assert_int_equal(config_load(path, err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, ":3:"));
    assert_non_null(strstr(err, "expected key = value"));
    /* lines before the error were read, the rest were not */
    assert_string_equal(config_get("t3_a", NULL), "1");
    assert_null(config_get("t3_b", NULL));
    unlink(path);

    /* a missing file */
    err[0] = 0;
    assert_int_equal(config_load(path, err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "cannot open"));
    free(path);
}

static void count_keys(const char *key, const char *value, void *ctx)
{
    (void)value;
    if (strncmp(key, "t4_", 3) == 0)
        ++*(int *)ctx;
}

static void test_config_each_and_reload(void **state)
{
    (void)state;
    char *p1 = write_temp("t4_a = 1\nt4_b = 2\n");
    char *p2 = write_temp("t4_b = 20\nt4_c = 30\n");
    char err[256];
    assert_int_equal(config_load(p1, err, sizeof err), 0);
    assert_int_equal(config_load(p2, err, sizeof err), 0);
    /* a second load merges: later values win, earlier keys stay */
    assert_int_equal(config_int("t4_a", 0), 1);
    assert_int_equal(config_int("t4_b", 0), 20);
    assert_int_equal(config_int("t4_c", 0), 30);
    int n = 0;
    config_each(count_keys, &n);
    assert_int_equal(n, 3);
    assert_string_equal(config_path(), p2);
    unlink(p1);
    unlink(p2);
    free(p1);
    free(p2);
}

static void test_config_locate(void **state)
{
    (void)state;
    assert_string_equal(config_locate("/x/y.conf"), "/x/y.conf");
    setenv("PORTAL_CONFIG", "/from/env.conf", 1);
    assert_string_equal(config_locate(NULL), "/from/env.conf");
    unsetenv("PORTAL_CONFIG");
    const char *p = config_locate(NULL);
    assert_true(strcmp(p, "var/portal.conf") == 0 || strcmp(p, "/etc/portal/portal.conf") == 0);
}

/* ---------------------------------------------------------------- log */

static void test_log_one_line(void **state)
{
    (void)state;
    char *path = write_temp("");
    FILE *f = fopen(path, "w+");
    assert_non_null(f);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(f), 2) >= 0);
    log_set_name("unit");
    log_msg("PT9999", "first\nforged line\r%s", "中文");
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char line[512] = "";
    rewind(f);
    size_t n = fread(line, 1, sizeof line - 1, f);
    line[n] = 0;
    fclose(f);
    unlink(path);
    free(path);
    /* exactly one line, the newline at its end */
    assert_true(n > 0);
    assert_ptr_equal(strchr(line, '\n'), line + n - 1);
    assert_null(strchr(line, '\r'));
    assert_non_null(strstr(line, " unit["));
    assert_non_null(strstr(line, "] PT9999 first forged line 中文\n"));
    log_set_name("portal");
}

static void test_clocks(void **state)
{
    (void)state;
    double a = now_mono(), b = now_mono();
    assert_true(b >= a);
    assert_true(now_unix() > 1600000000LL);
}

/* money: the one yuan -> fen parser and fen -> yuan formatter */
static void test_money(void **state)
{
    (void)state;
    long long f = 0;
    assert_int_equal(money_parse_fen("1651.5", 0, &f), 0);
    assert_int_equal(f, 165150);
    assert_int_equal(money_parse_fen("0.05", 0, &f), 0);
    assert_int_equal(f, 5);
    assert_int_equal(money_parse_fen("12345.60", 0, &f), 0);
    assert_int_equal(f, 1234560);
    assert_int_equal(money_parse_fen("-12.05", 1, &f), 0);
    assert_int_equal(f, -1205);
    const char *bad[] = {"", "-5", "1651.555", "abc", "1e3", "12.", ".5", "1,000", "12345678901",
                         " 1", "1 ", "+1", NULL};
    for (int k = 0; bad[k]; k++)
        assert_int_equal(money_parse_fen(bad[k], 0, &f), -1);
    assert_int_equal(money_parse_fen(NULL, 0, &f), -1);
    char out[32];
    money_format(165150, out);
    assert_string_equal(out, "1651.50");
    money_format(-1205, out);
    assert_string_equal(out, "-12.05");
    money_format(5, out);
    assert_string_equal(out, "0.05");
    money_format(0, out);
    assert_string_equal(out, "0.00");
}

/* ------------------------------------------------------------ text helpers */

static void test_text_helpers(void **state)
{
    (void)state;
    arena *a = arena_new(1024);
    assert_string_equal(text_trim(a, "  \t张三 \r\n"), "张三");
    assert_string_equal(text_trim(a, "a b"), "a b");
    assert_string_equal(text_trim(a, " \n\t "), "");
    assert_string_equal(text_trim(a, NULL), "");
    assert_string_equal(text_like_escape(a, "50%_a\\b"), "50\\%\\_a\\\\b");
    assert_string_equal(text_like_escape(a, "王"), "王");
    assert_string_equal(text_like_escape(a, NULL), "");
    assert_string_equal(text_url_encode(a, "a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~");
    assert_string_equal(text_url_encode(a, "张"), "%E5%BC%A0");
    assert_string_equal(text_url_encode(a, NULL), "");
    size_t len;
    assert_int_equal(text_trim_span("  ab ", &len), 2);
    assert_int_equal(len, 2);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_arena_many_allocs),
        cmocka_unit_test(test_arena_default_chunk),
        cmocka_unit_test(test_arena_big_allocations),
        cmocka_unit_test(test_arena_alignment_16),
        cmocka_unit_test(test_arena_allocations_are_16_apart),
        cmocka_unit_test(test_arena_zalloc),
        cmocka_unit_test(test_arena_cleanups_lifo_once),
        cmocka_unit_test(test_arena_cleanup_frees_heap),
        cmocka_unit_test(test_arena_reuse_after_reset),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_buf_growth),
        cmocka_unit_test(test_buf_add_binary_and_strings),
        cmocka_unit_test(test_buf_printf),
        cmocka_unit_test(test_esc_html),
        cmocka_unit_test(test_esc_url),
        cmocka_unit_test(test_utf8_valid_good),
        cmocka_unit_test(test_utf8_valid_bad),
        cmocka_unit_test(test_utf8_truncate),
        cmocka_unit_test(test_b64url_vectors),
        cmocka_unit_test(test_b64url_roundtrip_0_to_40),
        cmocka_unit_test(test_b64url_invalid),
        cmocka_unit_test(test_hex_encode),
        cmocka_unit_test(test_config_load),
        cmocka_unit_test(test_config_int_out_of_range),
        cmocka_unit_test(test_config_load_errors),
        cmocka_unit_test(test_config_each_and_reload),
        cmocka_unit_test(test_config_locate),
        cmocka_unit_test(test_log_one_line),
        cmocka_unit_test(test_clocks),
        cmocka_unit_test(test_text_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
