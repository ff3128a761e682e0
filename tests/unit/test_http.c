/*
 * test_http.c - unit tests for cgi/host/http.c: urlencoded bodies and query
 * strings, cookies, multipart/form-data, and the error helpers.
 *
 * Build (from the repository root):
 *   cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wmissing-prototypes \
 *      -g -fsanitize=address,undefined -fno-sanitize-recover=all -Icgi \
 *      tests/unit/test_http.c cgi/host/http.c cgi/host/util.c -lcmocka -o build/test_http
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

/* ------------------------------------------------------------ fixture */

struct fx {
    arena *a;
    http_fields f;
    http_limits lim;
};

static int fx_setup(void **state)
{
    struct fx *x = calloc(1, sizeof *x);
    if (!x)
        return -1;
    x->a = arena_new(4096);
    x->lim.max_fields = 10;
    x->lim.max_name_len = 20;
    x->lim.max_field_len = 100;
    x->lim.max_upload = 1000;
    *state = x;
    return 0;
}

static int fx_teardown(void **state)
{
    struct fx *x = *state;
    arena_free(x->a);
    free(x);
    return 0;
}

/* start over with empty fields (same arena) */
static void fx_clear(struct fx *x)
{
    memset(&x->f, 0, sizeof x->f);
}

/* every returned field: NUL-terminated at len, sane name */
static void check_fields(const struct fx *x)
{
    assert_true(x->f.n <= x->lim.max_fields);
    for (size_t i = 0; i < x->f.n; i++) {
        const http_field *v = &x->f.v[i];
        assert_non_null(v->name);
        assert_non_null(v->value);
        assert_int_equal(v->value[v->len], 0);
        assert_true(strlen(v->name) >= 1);
        assert_true(strlen(v->name) <= x->lim.max_name_len);
        assert_true(http_text_ok(v->name, strlen(v->name), 0));
    }
}

static int urlenc(struct fx *x, const char *s)
{
    fx_clear(x);
    int rc = http_parse_urlencoded(x->a, s, strlen(s), &x->f, &x->lim);
    check_fields(x);
    return rc;
}

static int cookies(struct fx *x, const char *s)
{
    fx_clear(x);
    int rc = http_parse_cookies(x->a, s, strlen(s), &x->f, &x->lim);
    check_fields(x);
    return rc;
}

static int multipart(struct fx *x, const char *ctype, const buf *body)
{
    fx_clear(x);
    /* an exact-size copy: ASan sees any read past the end of the body */
    char *copy = malloc(body->len ? body->len : 1);
    assert_non_null(copy);
    if (body->len)
        memcpy(copy, body->data, body->len);
    int rc = http_parse_multipart(x->a, ctype, copy, body->len, &x->f, &x->lim);
    free(copy);
    check_fields(x);
    return rc;
}

static void assert_field(const struct fx *x, const char *name, const char *value)
{
    const http_field *v = http_get(&x->f, name);
    if (!v)
        fail_msg("no field \"%s\"", name);
    assert_string_equal(v->value, value);
    assert_int_equal(v->len, strlen(value));
}

/* ------------------------------------------------------- urlencoded */

static void test_urlenc_basic(void **state)
{
    struct fx *x = *state;
    assert_int_equal(urlenc(x, "a=1&b=hello+world&c=%41%42%43&d=%2B%26%3D%25"), HTTP_OK);
    assert_int_equal(x->f.n, 4);
    assert_string_equal(x->f.v[0].name, "a");
    assert_string_equal(x->f.v[3].name, "d"); /* in order */
    assert_field(x, "a", "1");
    assert_field(x, "b", "hello world");
    assert_field(x, "c", "ABC");
    assert_field(x, "d", "+&=%");
    assert_null(x->f.v[0].filename);
    assert_null(x->f.v[0].ctype);

    assert_int_equal(urlenc(x, "first+name=J+R&a%20b=%e4%b8%ad"), HTTP_OK);
    assert_field(x, "first name", "J R");
    assert_field(x, "a b", "中"); /* lower-case hex too */
    assert_int_equal(urlenc(x, "a=b=c"), HTTP_OK);
    assert_field(x, "a", "b=c");
    assert_int_equal(urlenc(x, "a=++"), HTTP_OK);
    assert_field(x, "a", "  ");
}

static void test_urlenc_missing_value_and_empty_pairs(void **state)
{
    struct fx *x = *state;
    assert_int_equal(urlenc(x, "flag&b=&c"), HTTP_OK);
    assert_int_equal(x->f.n, 3);
    assert_field(x, "flag", "");
    assert_field(x, "b", "");
    assert_field(x, "c", "");

    assert_int_equal(urlenc(x, "&&a=1&&&b=2&"), HTTP_OK);
    assert_int_equal(x->f.n, 2);
    assert_field(x, "a", "1");
    assert_field(x, "b", "2");

    assert_int_equal(urlenc(x, ""), HTTP_OK);
    assert_int_equal(x->f.n, 0);
    assert_int_equal(urlenc(x, "&"), HTTP_OK);
    assert_int_equal(x->f.n, 0);

    /* a pair with no name is malformed */
    assert_int_equal(urlenc(x, "=x"), HTTP_E_SYNTAX);
    assert_int_equal(urlenc(x, "a=1&=2"), HTTP_E_SYNTAX);
    assert_int_equal(urlenc(x, "="), HTTP_E_SYNTAX);
}

static void test_urlenc_bad_percent(void **state)
{
    struct fx *x = *state;
    const char *bad[] = {
        "a=%", "a=%4", "a=%GG", "a=%4G", "a=%G4", "a=1%", "a=x%2", "a%=1", "%zz=1", "%=1",
        "a=%%41", "a=% 41", "a=%-1", "a=%+1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = urlenc(x, bad[i]);
        if (rc != HTTP_E_SYNTAX)
            fail_msg("\"%s\" gave %d, want HTTP_E_SYNTAX", bad[i], rc);
    }
    /* only n bytes count: an escape cut by n is malformed */
    fx_clear(x);
    assert_int_equal(http_parse_urlencoded(x->a, "a=%41", 4, &x->f, &x->lim), HTTP_E_SYNTAX);
    fx_clear(x);
    assert_int_equal(http_parse_urlencoded(x->a, "a=%41", 5, &x->f, &x->lim), HTTP_OK);
    assert_field(x, "a", "A");
    fx_clear(x);
    assert_int_equal(http_parse_urlencoded(x->a, "a=1&b=2", 3, &x->f, &x->lim), HTTP_OK);
    assert_int_equal(x->f.n, 1);
    assert_null(http_get(&x->f, "b"));
}

static void test_urlenc_too_many(void **state)
{
    struct fx *x = *state;
    x->lim.max_fields = 3;
    assert_int_equal(urlenc(x, "a=1&b=2&c=3"), HTTP_OK);
    assert_int_equal(x->f.n, 3);
    assert_int_equal(urlenc(x, "a=1&b=2&c=3&d=4"), HTTP_E_TOO_MANY);
    assert_int_equal(urlenc(x, "a&b&c&d"), HTTP_E_TOO_MANY);
    /* empty pairs are not fields */
    assert_int_equal(urlenc(x, "a&&&b&&&c&&&"), HTTP_OK);
    assert_int_equal(x->f.n, 3);

    /* the limit is on the whole list: a body appended to the query */
    fx_clear(x);
    assert_int_equal(http_parse_urlencoded(x->a, "q=1&r=2", 7, &x->f, &x->lim), HTTP_OK);
    assert_int_equal(http_parse_urlencoded(x->a, "s=3", 3, &x->f, &x->lim), HTTP_OK);
    assert_int_equal(x->f.n, 3);
    assert_int_equal(http_parse_urlencoded(x->a, "t=4", 3, &x->f, &x->lim), HTTP_E_TOO_MANY);
    assert_int_equal(x->f.n, 3);

    /* many fields: the list grows past its first allocation */
    x->lim.max_fields = 500;
    buf b;
    buf_init(&b);
    for (int i = 0; i < 500; i++)
        buf_printf(&b, "f%d=%d&", i, i);
    assert_int_equal(urlenc(x, b.data), HTTP_OK);
    assert_int_equal(x->f.n, 500);
    assert_field(x, "f0", "0");
    assert_field(x, "f499", "499");
    buf_adds(&b, "one=more");
    assert_int_equal(urlenc(x, b.data), HTTP_E_TOO_MANY);
    buf_free(&b);
}

static void test_urlenc_too_long(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    /* value: exactly the limit is fine, one more byte is too long */
    buf_adds(&b, "v=");
    for (int i = 0; i < 100; i++)
        buf_addc(&b, 'x');
    assert_int_equal(urlenc(x, b.data), HTTP_OK);
    assert_int_equal(x->f.v[0].len, 100);
    buf_addc(&b, 'x');
    assert_int_equal(urlenc(x, b.data), HTTP_E_TOO_LONG);

    /* the limit is on decoded bytes: 100 x "%41" is fine, 101 is not */
    buf_reset(&b);
    buf_adds(&b, "v=");
    for (int i = 0; i < 100; i++)
        buf_adds(&b, "%41");
    assert_int_equal(urlenc(x, b.data), HTTP_OK);
    assert_int_equal(x->f.v[0].len, 100);
    buf_adds(&b, "%41");
    assert_int_equal(urlenc(x, b.data), HTTP_E_TOO_LONG);

    /* 33 Chinese characters = 99 bytes; 34 = 102 bytes */
    buf_reset(&b);
    buf_adds(&b, "v=");
    for (int i = 0; i < 33; i++)
        buf_adds(&b, "%E4%B8%AD");
    assert_int_equal(urlenc(x, b.data), HTTP_OK);
    assert_int_equal(x->f.v[0].len, 99);
    buf_adds(&b, "%E4%B8%AD");
    assert_int_equal(urlenc(x, b.data), HTTP_E_TOO_LONG);

    /* name: max_name_len is 20 */
    assert_int_equal(urlenc(x, "abcdefghijklmnopqrst=1"), HTTP_OK);
    assert_int_equal(urlenc(x, "abcdefghijklmnopqrstu=1"), HTTP_E_TOO_LONG);
    assert_int_equal(urlenc(x, "abcdefghijklmnopqrstu"), HTTP_E_TOO_LONG);
    buf_free(&b);
}

static void test_urlenc_chinese(void **state)
{
    struct fx *x = *state;
    assert_int_equal(urlenc(x, "q=%E4%BD%A0%E5%A5%BD%EF%BC%8C%E4%B8%96%E7%95%8C&"
                               "%E5%A7%93%E5%90%8D=%E5%BC%A0%E4%B8%89"),
                     HTTP_OK);
    assert_field(x, "q", "你好，世界");
    assert_field(x, "姓名", "张三");
    /* raw UTF-8, as some clients send it */
    assert_int_equal(urlenc(x, "q=中文+搜索"), HTTP_OK);
    assert_field(x, "q", "中文 搜索");
    /* 4-byte characters */
    assert_int_equal(urlenc(x, "e=%F0%9F%98%80"), HTTP_OK);
    assert_field(x, "e", "\xF0\x9F\x98\x80");
}

static void test_urlenc_encoding(void **state)
{
    struct fx *x = *state;
    const char *bad[] = {
        "a=%FF", "a=%C0%80", "a=%C0%AF", "a=%E4%B8", "a=%E4%B8x", "a=%ED%A0%80",
        "a=%F4%90%80%80", "a=%80", "%FF=1", "a=\xff", "a=\xe4\xb8", "\xe4=1",
        /* NUL */
        "a=%00", "a=x%00y", "%00=1", "a%00b=1",
        /* control characters */
        "a=%01", "a=%1B%5B31m", "a=%7F", "a=%08", "a=\x01", "a=x\x7fy",
        /* no newlines or tabs in names */
        "a%0A=1", "a%0D=1", "a%09=1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = urlenc(x, bad[i]);
        if (rc != HTTP_E_ENCODING)
            fail_msg("\"%s\" gave %d, want HTTP_E_ENCODING", bad[i], rc);
    }
    /* NUL as a raw byte inside n */
    fx_clear(x);
    assert_int_equal(http_parse_urlencoded(x->a, "a=x\0y", 5, &x->f, &x->lim), HTTP_E_ENCODING);

    /* newline, carriage return and tab are allowed in values (textareas) */
    assert_int_equal(urlenc(x, "t=line1%0D%0Aline2%0Aline3%09end"), HTTP_OK);
    assert_field(x, "t", "line1\r\nline2\nline3\tend");
    assert_int_equal(urlenc(x, "t=a\nb"), HTTP_OK);
    assert_field(x, "t", "a\nb");
}

static void test_http_get(void **state)
{
    struct fx *x = *state;
    assert_int_equal(urlenc(x, "a=1&a=2&b=3"), HTTP_OK);
    const http_field *v = http_get(&x->f, "a");
    assert_non_null(v);
    assert_string_equal(v->value, "1"); /* the first one */
    assert_ptr_equal(v, &x->f.v[0]);
    assert_null(http_get(&x->f, "c"));
    assert_null(http_get(&x->f, "A"));  /* case matters */
    assert_null(http_get(&x->f, ""));
    http_fields empty = {0};
    assert_null(http_get(&empty, "a"));
}

/* ----------------------------------------------------------- cookies */

static void test_cookies_basic(void **state)
{
    struct fx *x = *state;
    assert_int_equal(cookies(x, "sid=abc123; theme=dark; lang=zh-CN"), HTTP_OK);
    assert_int_equal(x->f.n, 3);
    assert_field(x, "sid", "abc123");
    assert_field(x, "theme", "dark");
    assert_field(x, "lang", "zh-CN");
    assert_null(x->f.v[0].filename);

    assert_int_equal(cookies(x, "a=b=c;d=%E4%B8%AD"), HTTP_OK);
    assert_field(x, "a", "b=c");
    assert_field(x, "d", "%E4%B8%AD"); /* values are opaque: not decoded */

    assert_int_equal(cookies(x, ""), HTTP_OK);
    assert_int_equal(x->f.n, 0);
    assert_int_equal(cookies(x, ";;; ;"), HTTP_OK);
    assert_int_equal(x->f.n, 0);
    assert_int_equal(cookies(x, "a="), HTTP_OK);
    assert_field(x, "a", "");
}

static void test_cookies_spaces(void **state)
{
    struct fx *x = *state;
    assert_int_equal(cookies(x, "   a=1;b=2 ;  c=3\t;\td=4  "), HTTP_OK);
    assert_int_equal(x->f.n, 4);
    assert_field(x, "a", "1");
    assert_field(x, "b", "2");
    assert_field(x, "c", "3");
    assert_field(x, "d", "4");
    assert_int_equal(cookies(x, "name =v"), HTTP_OK);
    assert_field(x, "name", "v");
    assert_int_equal(cookies(x, "a=x y"), HTTP_OK); /* inner space kept */
    assert_field(x, "a", "x y");
}

static void test_cookies_quoted(void **state)
{
    struct fx *x = *state;
    assert_int_equal(cookies(x, "a=\"hello\"; b=\"\"; c=\"x"), HTTP_OK);
    assert_field(x, "a", "hello");
    assert_field(x, "b", "");
    assert_field(x, "c", "\"x"); /* unbalanced: left alone */
    assert_int_equal(cookies(x, "a=\""), HTTP_OK);
    assert_field(x, "a", "\"");
    assert_int_equal(cookies(x, "a=\"quoted\"  ; b=1"), HTTP_OK);
    assert_field(x, "a", "quoted");
}

static void test_cookies_no_equals(void **state)
{
    struct fx *x = *state;
    assert_int_equal(cookies(x, "flag; a=1; =nothing; b=2"), HTTP_OK);
    assert_int_equal(x->f.n, 2);
    assert_field(x, "a", "1");
    assert_field(x, "b", "2");
    /* even skipped pieces may not carry control characters */
    assert_int_equal(cookies(x, "fl\x01g; a=1"), HTTP_E_ENCODING);
}

static void test_cookies_rejected(void **state)
{
    struct fx *x = *state;
    const char *bad[] = {
        "a=中文", "中=1", "a=\xff", "a=caf\xc3\xa9", "a=x\x7f", "a=b\x01", "a=b\tc", "a\x1b=1",
        "ok=1; bad=\xe4\xb8\xad",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = cookies(x, bad[i]);
        if (rc != HTTP_E_ENCODING)
            fail_msg("cookie \"%s\" gave %d, want HTTP_E_ENCODING", bad[i], rc);
    }
    fx_clear(x);
    assert_int_equal(http_parse_cookies(x->a, "a=x\0y", 5, &x->f, &x->lim), HTTP_E_ENCODING);
}

static void test_cookies_limits(void **state)
{
    struct fx *x = *state;
    x->lim.max_fields = 2;
    assert_int_equal(cookies(x, "a=1; b=2"), HTTP_OK);
    assert_int_equal(cookies(x, "a=1; b=2; c=3"), HTTP_E_TOO_MANY);
    assert_int_equal(cookies(x, "a=1; b=2; flag"), HTTP_OK); /* no '=': not counted */
    x->lim.max_fields = 10;

    buf b;
    buf_init(&b);
    buf_adds(&b, "v=");
    for (int i = 0; i < 100; i++)
        buf_addc(&b, 'x');
    assert_int_equal(cookies(x, b.data), HTTP_OK);
    buf_addc(&b, 'x');
    assert_int_equal(cookies(x, b.data), HTTP_E_TOO_LONG);
    buf_free(&b);
    assert_int_equal(cookies(x, "abcdefghijklmnopqrst=1"), HTTP_OK);
    assert_int_equal(cookies(x, "abcdefghijklmnopqrstu=1"), HTTP_E_TOO_LONG);
}

/* --------------------------------------------------------- multipart */

#define BND "----WebKitFormBoundary7MA4YWxkTrZu0gW"
#define CT "multipart/form-data; boundary=" BND

static void part_text(buf *b, const char *bnd, const char *name, const char *value)
{
    buf_printf(b, "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", bnd, name,
               value);
}

static void part_file(buf *b, const char *bnd, const char *name, const char *filename,
                      const char *ctype, const void *data, size_t n)
{
    buf_printf(b, "--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n", bnd,
               name, filename);
    if (ctype)
        buf_printf(b, "Content-Type: %s\r\n", ctype);
    buf_adds(b, "\r\n");
    buf_add(b, data, n);
    buf_adds(b, "\r\n");
}

static void part_end(buf *b, const char *bnd)
{
    buf_printf(b, "--%s--\r\n", bnd);
}

static void test_multipart_text_fields(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    part_text(&b, BND, "title", "你好，世界");
    part_text(&b, BND, "body", "line1\r\nline2\n\tindented");
    part_text(&b, BND, "empty", "");
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_int_equal(x->f.n, 3);
    assert_field(x, "title", "你好，世界");
    assert_field(x, "body", "line1\r\nline2\n\tindented");
    assert_field(x, "empty", "");
    for (size_t i = 0; i < x->f.n; i++) {
        assert_null(x->f.v[i].filename);
        assert_null(x->f.v[i].ctype);
    }
    buf_free(&b);
}

static void test_multipart_file_binary(void **state)
{
    struct fx *x = *state;
    /* NUL, CRLF, a blank line, a near-miss delimiter, high bytes */
    static const unsigned char data[] = {
        0x00, 0x01, 0xFF, 0xFE, '\r', '\n', 0x00, '\r', '\n', '\r', '\n', '-', '-',
        '\r', '\n', '-', '-', '-', '-', 'W', 'e', 'b', 'K', 'i', 't', 0x00, 0x80, '\r',
    };
    buf b;
    buf_init(&b);
    part_text(&b, BND, "note", "附件");
    part_file(&b, BND, "upload", "报告 2024.bin", "application/octet-stream", data, sizeof data);
    part_file(&b, BND, "pic", "a.png", NULL, "\x89PNG", 4);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_int_equal(x->f.n, 3);
    assert_field(x, "note", "附件");

    const http_field *f = http_get(&x->f, "upload");
    assert_non_null(f);
    assert_int_equal(f->len, sizeof data);
    assert_memory_equal(f->value, data, sizeof data);
    assert_int_equal(f->value[f->len], 0);
    assert_string_equal(f->filename, "报告 2024.bin");
    assert_string_equal(f->ctype, "application/octet-stream");

    f = http_get(&x->f, "pic");
    assert_non_null(f);
    assert_int_equal(f->len, 4);
    assert_memory_equal(f->value, "\x89PNG", 4);
    assert_string_equal(f->filename, "a.png");
    assert_string_equal(f->ctype, "application/octet-stream"); /* the default */
    buf_free(&b);
}

static void test_multipart_file_ctype(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    part_file(&b, BND, "doc", "说明.txt", "text/plain; charset=UTF-8", "hello", 5);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    const http_field *f = http_get(&x->f, "doc");
    assert_non_null(f);
    assert_string_equal(f->ctype, "text/plain; charset=UTF-8");
    assert_string_equal(f->filename, "说明.txt");
    assert_string_equal(f->value, "hello");
    buf_free(&b);
}

static void test_multipart_empty_file_skipped(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    part_text(&b, BND, "a", "1");
    part_file(&b, BND, "attachment", "", "application/octet-stream", "", 0);
    part_text(&b, BND, "b", "2");
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_int_equal(x->f.n, 2);
    assert_null(http_get(&x->f, "attachment"));
    assert_field(x, "a", "1");
    assert_field(x, "b", "2");

    /* a chosen file that happens to be empty is kept */
    buf_reset(&b);
    part_file(&b, BND, "attachment", "empty.txt", "text/plain", "", 0);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_int_equal(x->f.n, 1);
    const http_field *f = http_get(&x->f, "attachment");
    assert_non_null(f);
    assert_int_equal(f->len, 0);
    assert_string_equal(f->filename, "empty.txt");
    buf_free(&b);
}

static void test_multipart_boundary_forms(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    part_text(&b, "simple boundary", "a", "1");
    part_end(&b, "simple boundary");
    assert_int_equal(multipart(x, "multipart/form-data; boundary=\"simple boundary\"", &b),
                     HTTP_OK);
    assert_field(x, "a", "1");

    buf_reset(&b);
    part_text(&b, "xyz", "a", "2");
    part_end(&b, "xyz");
    assert_int_equal(multipart(x, "multipart/form-data; charset=UTF-8; boundary=xyz", &b), HTTP_OK);
    assert_field(x, "a", "2");
    assert_int_equal(multipart(x, "multipart/form-data; boundary=\"xyz\"", &b), HTTP_OK);
    assert_int_equal(multipart(x, "multipart/form-data;boundary=xyz", &b), HTTP_OK);
    assert_int_equal(multipart(x, "multipart/form-data; BOUNDARY=xyz", &b), HTTP_OK);
    assert_int_equal(multipart(x, "multipart/form-data; boundary=xyz; charset=UTF-8", &b),
                     HTTP_OK);
    assert_int_equal(multipart(x, "multipart/form-data; boundary=xy", &b), HTTP_E_SYNTAX);
    assert_int_equal(multipart(x, "multipart/form-data; boundary=xyzz", &b), HTTP_E_SYNTAX);
    buf_free(&b);
}

static void test_multipart_missing_boundary(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    part_text(&b, BND, "a", "1");
    part_end(&b, BND);
    assert_int_equal(multipart(x, NULL, &b), HTTP_E_SYNTAX);
    assert_int_equal(multipart(x, "multipart/form-data", &b), HTTP_E_SYNTAX);
    assert_int_equal(multipart(x, "multipart/form-data;", &b), HTTP_E_SYNTAX);
    assert_int_equal(multipart(x, "multipart/form-data; charset=UTF-8", &b), HTTP_E_SYNTAX);
    assert_int_equal(multipart(x, "multipart/form-data; boundary=", &b), HTTP_E_SYNTAX);
    assert_int_equal(multipart(x, "multipart/form-data; boundary=\"\"", &b), HTTP_E_SYNTAX);
    assert_int_equal(multipart(x, "multipart/form-data; boundary=\"" BND, &b), HTTP_E_SYNTAX);
    assert_int_equal(multipart(x, "multipart/form-data; xboundary=" BND, &b), HTTP_E_SYNTAX);

    /* a boundary over 200 bytes */
    char ct[400], bnd[260];
    memset(bnd, 'b', 201);
    bnd[201] = 0;
    snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", bnd);
    buf_reset(&b);
    part_text(&b, bnd, "a", "1");
    part_end(&b, bnd);
    assert_int_equal(multipart(x, ct, &b), HTTP_E_SYNTAX);
    bnd[200] = 0; /* 200 is fine */
    snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", bnd);
    buf_reset(&b);
    part_text(&b, bnd, "a", "1");
    part_end(&b, bnd);
    assert_int_equal(multipart(x, ct, &b), HTTP_OK);
    buf_free(&b);
}

static void test_multipart_truncated(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    part_text(&b, BND, "a", "hello");
    part_file(&b, BND, "f", "x.bin", "application/octet-stream", "\0\r\n\0", 4);
    part_end(&b, BND);
    size_t full = b.len;
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_int_equal(x->f.n, 2);
    /* every prefix that cuts before the closing "--" is malformed */
    for (size_t n = 0; n < full; n++) {
        buf p;
        buf_init(&p);
        buf_add(&p, b.data, n);
        int rc = multipart(x, CT, &p);
        buf_free(&p);
        if (n < full - 2 && rc != HTTP_E_SYNTAX)
            fail_msg("prefix of %zu/%zu bytes gave %d, want HTTP_E_SYNTAX", n, full, rc);
        if (n >= full - 2 && rc != HTTP_OK) /* only the final CRLF is missing */
            fail_msg("prefix of %zu/%zu bytes gave %d, want HTTP_OK", n, full, rc);
    }
    buf_free(&b);
}

static void test_multipart_closing_delimiter(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    /* no parts at all */
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_int_equal(x->f.n, 0);

    /* the epilogue after the closing delimiter is ignored */
    buf_reset(&b);
    part_text(&b, BND, "a", "1");
    part_end(&b, BND);
    buf_adds(&b, "epilogue\r\n--" BND "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n");
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_int_equal(x->f.n, 1);
    assert_null(http_get(&x->f, "b"));

    /* no closing delimiter: the body just stops after a part */
    buf_reset(&b);
    part_text(&b, BND, "a", "1");
    buf_printf(&b, "--%s\r\n", BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);

    /* text before the first boundary is not accepted */
    buf_reset(&b);
    buf_adds(&b, "preamble\r\n");
    part_text(&b, BND, "a", "1");
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);

    /* garbage right after a delimiter */
    buf_reset(&b);
    buf_printf(&b, "--%sXX\r\n", BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);
    buf_free(&b);
}

static void test_multipart_upload_too_big(void **state)
{
    struct fx *x = *state;
    unsigned char data[1001];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7);
    buf b;
    buf_init(&b);
    part_file(&b, BND, "f", "big.bin", "application/octet-stream", data, 1000);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK); /* exactly max_upload */
    assert_int_equal(x->f.v[0].len, 1000);
    assert_memory_equal(x->f.v[0].value, data, 1000);

    buf_reset(&b);
    part_file(&b, BND, "f", "big.bin", "application/octet-stream", data, 1001);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_UPLOAD_TOO_BIG);
    buf_free(&b);
}

static void test_multipart_text_too_long(void **state)
{
    struct fx *x = *state;
    char v[102];
    memset(v, 'x', 101);
    v[101] = 0;
    buf b;
    buf_init(&b);
    part_text(&b, BND, "t", v);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_TOO_LONG);
    v[100] = 0;
    buf_reset(&b);
    part_text(&b, BND, "t", v);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_int_equal(x->f.v[0].len, 100);

    /* a text field is held to max_field_len, not max_upload */
    x->lim.max_upload = 1000000;
    char big[500];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = 0;
    buf_reset(&b);
    part_text(&b, BND, "t", big);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_TOO_LONG);

    /* a name over max_name_len */
    buf_reset(&b);
    part_text(&b, BND, "abcdefghijklmnopqrstu", "1");
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_TOO_LONG);
    buf_free(&b);
}

static void test_multipart_too_many(void **state)
{
    struct fx *x = *state;
    x->lim.max_fields = 3;
    buf b;
    buf_init(&b);
    for (int i = 0; i < 3; i++) {
        char n[16];
        snprintf(n, sizeof n, "f%d", i);
        part_text(&b, BND, n, "v");
    }
    buf p;
    buf_init(&p);
    buf_add(&p, b.data, b.len);
    part_end(&p, BND);
    assert_int_equal(multipart(x, CT, &p), HTTP_OK);
    assert_int_equal(x->f.n, 3);
    part_text(&b, BND, "f3", "v");
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_TOO_MANY);
    buf_free(&b);
    buf_free(&p);
}

static void test_multipart_encoding(void **state)
{
    struct fx *x = *state;
    const char *bad_values[] = {"\xff", "\xe4\xb8", "a\x01", "\x1b[31m", "\xed\xa0\x80"};
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < sizeof bad_values / sizeof *bad_values; i++) {
        buf_reset(&b);
        part_text(&b, BND, "t", bad_values[i]);
        part_end(&b, BND);
        assert_int_equal(multipart(x, CT, &b), HTTP_E_ENCODING);
    }
    /* a NUL byte in a text value */
    buf_reset(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n", BND);
    buf_add(&b, "a\0b", 3);
    buf_adds(&b, "\r\n");
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_ENCODING);
    /* bad names and filenames */
    buf_reset(&b);
    part_text(&b, BND, "na\xffme", "1");
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_ENCODING);
    buf_reset(&b);
    part_file(&b, BND, "f", "bad\xff.txt", NULL, "x", 1);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_ENCODING);
    buf_reset(&b);
    part_file(&b, BND, "f", "a.txt", "text/pl\x01in", "x", 1);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_ENCODING);
    buf_free(&b);
}

static void test_multipart_headers(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    /* header names are case-insensitive; unquoted names; unknown headers */
    buf_printf(&b, "--%s\r\ncontent-disposition: form-data; name=plain\r\nX-Other: 1\r\n\r\nv1\r\n",
               BND);
    buf_printf(&b, "--%s\r\nCONTENT-DISPOSITION:form-data; name=\"q\"\r\n\r\nv2\r\n", BND);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_OK);
    assert_field(x, "plain", "v1");
    assert_field(x, "q", "v2");

    /* a part without a name, or not form-data, or without headers */
    buf_reset(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: form-data\r\n\r\nv\r\n", BND);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);
    buf_reset(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n", BND);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);
    buf_reset(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n", BND);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);
    buf_reset(&b);
    buf_printf(&b, "--%s\r\n\r\nv\r\n", BND);
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);
    buf_reset(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: form-data; name=\"a\"\r\nv\r\n", BND);
    part_end(&b, BND); /* no blank line after the headers */
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);

    /* headers over 4096 bytes */
    buf_reset(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ", BND);
    for (int i = 0; i < 4100; i++)
        buf_addc(&b, 'p');
    buf_adds(&b, "\r\n\r\nv\r\n");
    part_end(&b, BND);
    assert_int_equal(multipart(x, CT, &b), HTTP_E_SYNTAX);
    buf_free(&b);
}

/* A ';' inside a quoted parameter value is data, not a separator
 * (RFC 7578 / RFC 2183 quoted-string).  A field named "a;filename=x" must
 * stay a text field; header_param() skips to the next ';' without
 * honouring quotes and finds a filename parameter inside the name. */
static void test_multipart_quoted_semicolon(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: form-data; name=\"a;filename=x\"\r\n\r\nv\r\n",
               BND);
    part_end(&b, BND);
    int rc = multipart(x, CT, &b);
    buf_free(&b); /* the fields live in the arena; free before asserting */
    assert_int_equal(rc, HTTP_OK);
    const http_field *f = http_get(&x->f, "a;filename=x");
    assert_non_null(f);
    assert_string_equal(f->value, "v");
    if (f->filename)
        fail_msg("text field \"a;filename=x\" parsed as an upload with filename \"%s\"",
                 f->filename);
}

/* http.h: "Text is rejected unless it is valid UTF-8 with no NUL".  A NUL
 * inside a quoted name or filename is not rejected: the value is silently
 * cut at the NUL ("evil.php\0.jpg" becomes "evil.php"). */
static void test_multipart_nul_in_filename(void **state)
{
    struct fx *x = *state;
    buf b;
    buf_init(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: form-data; name=\"f\"; filename=\"evil.php", BND);
    buf_add(&b, "\0.jpg\"\r\n\r\n", 10);
    buf_adds(&b, "data\r\n");
    part_end(&b, BND);
    int rc1 = multipart(x, CT, &b);
    const char *fn = rc1 == HTTP_OK && x->f.n ? x->f.v[0].filename : NULL;

    buf_reset(&b);
    buf_printf(&b, "--%s\r\nContent-Disposition: form-data; name=\"a", BND);
    buf_add(&b, "\0b\"\r\n\r\n", 7);
    buf_adds(&b, "v\r\n");
    part_end(&b, BND);
    int rc2 = multipart(x, CT, &b);
    const char *nm = rc2 == HTTP_OK && x->f.n ? x->f.v[0].name : NULL;
    buf_free(&b);
    if (rc1 == HTTP_OK)
        fail_msg("NUL in a filename accepted; filename cut to \"%s\"", fn ? fn : "(null)");
    assert_int_equal(rc1, HTTP_E_ENCODING);
    if (rc2 == HTTP_OK)
        fail_msg("NUL in a field name accepted; name cut to \"%s\"", nm ? nm : "(null)");
    assert_int_equal(rc2, HTTP_E_ENCODING);
}

/* A filename longer than max_field_len is reported as HTTP_E_ENCODING
 * ("invalid characters", 400) instead of HTTP_E_TOO_LONG (413). */
static void test_multipart_filename_too_long(void **state)
{
    struct fx *x = *state;
    char fn[120];
    memset(fn, 'n', 101);
    memcpy(fn + 101, ".txt", 5);
    buf b;
    buf_init(&b);
    part_file(&b, BND, "f", fn, "text/plain", "x", 1);
    part_end(&b, BND);
    int rc = multipart(x, CT, &b);
    buf_free(&b);
    assert_int_equal(rc, HTTP_E_TOO_LONG);
}

/* ------------------------------------------------------------ errors */

static void test_error_status(void **state)
{
    (void)state;
    assert_int_equal(http_error_status(HTTP_E_UPLOAD_TOO_BIG), 413);
    assert_int_equal(http_error_status(HTTP_E_TOO_LONG), 413);
    assert_int_equal(http_error_status(HTTP_E_SYNTAX), 400);
    assert_int_equal(http_error_status(HTTP_E_TOO_MANY), 400);
    assert_int_equal(http_error_status(HTTP_E_ENCODING), 400);
    assert_int_equal(http_error_status(12345), 400);
    assert_int_equal(http_error_status(-1), 400);
}

static int has_cjk(const char *s)
{
    /* U+4E00..U+9FFF is E4 B8 80 .. E9 BF BF */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xE4 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
            return 1;
    return 0;
}

static void test_error_text(void **state)
{
    (void)state;
    int codes[] = {HTTP_E_SYNTAX, HTTP_E_TOO_MANY, HTTP_E_TOO_LONG, HTTP_E_ENCODING,
                   HTTP_E_UPLOAD_TOO_BIG, 999};
    const char *seen[6];
    for (size_t i = 0; i < 6; i++) {
        const char *t = http_error_text(codes[i]);
        assert_non_null(t);
        assert_true(strlen(t) > 0);
        assert_true(utf8_valid(t, strlen(t)));
        assert_true(has_cjk(t));
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(t, seen[k]); /* each error its own message */
        seen[i] = t;
    }
    assert_non_null(strstr(http_error_text(HTTP_E_UPLOAD_TOO_BIG), "上传的文件超过"));
    assert_non_null(strstr(http_error_text(HTTP_E_TOO_MANY), "字段过多"));
    assert_non_null(strstr(http_error_text(HTTP_E_TOO_LONG), "过长"));
    assert_non_null(strstr(http_error_text(HTTP_E_ENCODING), "UTF-8"));
}

static void test_text_ok(void **state)
{
    (void)state;
    assert_true(http_text_ok("", 0, 0));
    assert_true(http_text_ok("中文 text", strlen("中文 text"), 0));
    assert_false(http_text_ok("a\nb", 3, 0));
    assert_true(http_text_ok("a\nb", 3, 1));
    assert_true(http_text_ok("a\r\n\tb", 5, 1));
    assert_false(http_text_ok("a\tb", 3, 0));
    assert_false(http_text_ok("a\x0b" "b", 3, 1)); /* vertical tab */
    assert_false(http_text_ok("a\x7f", 2, 1));
    assert_false(http_text_ok("a\0b", 3, 1));
    assert_false(http_text_ok("\xc0\x80", 2, 1));
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_urlenc_basic),
        T(test_urlenc_missing_value_and_empty_pairs),
        T(test_urlenc_bad_percent),
        T(test_urlenc_too_many),
        T(test_urlenc_too_long),
        T(test_urlenc_chinese),
        T(test_urlenc_encoding),
        T(test_http_get),
        T(test_cookies_basic),
        T(test_cookies_spaces),
        T(test_cookies_quoted),
        T(test_cookies_no_equals),
        T(test_cookies_rejected),
        T(test_cookies_limits),
        T(test_multipart_text_fields),
        T(test_multipart_file_binary),
        T(test_multipart_file_ctype),
        T(test_multipart_empty_file_skipped),
        T(test_multipart_boundary_forms),
        T(test_multipart_missing_boundary),
        T(test_multipart_truncated),
        T(test_multipart_closing_delimiter),
        T(test_multipart_upload_too_big),
        T(test_multipart_text_too_long),
        T(test_multipart_too_many),
        T(test_multipart_encoding),
        T(test_multipart_headers),
        T(test_multipart_quoted_semicolon),
        T(test_multipart_nul_in_filename),
        T(test_multipart_filename_too_long),
        T(test_error_status),
        T(test_error_text),
        T(test_text_ok),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
