/*
 * fuzz_urlencoded.c - libFuzzer target for http_parse_urlencoded (POST
 * bodies).  The input is the body, exactly as sized by libFuzzer (no NUL
 * after it), so ASan catches any read past the end.
 *
 * Also checks a round trip: re-encoding the parsed fields with esc_url and
 * parsing again gives the same fields.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi \
 *     tests/fuzz/fuzz_urlencoded.c cgi/host/http.c cgi/host/util.c -o build/fuzz_urlencoded
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    http_limits lim = fuzz_limits();
    arena *a = arena_new(1024);
    http_fields f = {0};
    int rc = http_parse_urlencoded(a, (const char *)data, size, &f, &lim);
    fuzz_check_rc(rc);
    fuzz_check_common(&f, &lim);
    for (size_t i = 0; i < f.n; i++)
        fuzz_check_text_field(&f.v[i], &lim);

    if (rc == HTTP_OK) {
        /* parse(encode(parse(x))) == parse(x) */
        buf b;
        buf_init(&b);
        for (size_t i = 0; i < f.n; i++) {
            if (i)
                buf_addc(&b, '&');
            esc_url(&b, f.v[i].name);
            buf_addc(&b, '=');
            esc_url(&b, f.v[i].value);
        }
        http_fields g = {0};
        int rc2 = http_parse_urlencoded(a, b.data ? b.data : "", b.len, &g, &lim);
        FUZZ_CHECK(rc2 == HTTP_OK);
        FUZZ_CHECK(g.n == f.n);
        for (size_t i = 0; i < f.n; i++) {
            FUZZ_CHECK(strcmp(g.v[i].name, f.v[i].name) == 0);
            FUZZ_CHECK(g.v[i].len == f.v[i].len);
            FUZZ_CHECK(memcmp(g.v[i].value, f.v[i].value, f.v[i].len) == 0);
        }
        buf_free(&b);
    }
    arena_free(a);
    return 0;
}
