/*
 * fuzz_cookies.c - libFuzzer target for http_parse_cookies (HTTP_COOKIE).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi \
 *     tests/fuzz/fuzz_cookies.c cgi/host/http.c cgi/host/util.c -o build/fuzz_cookies
 */
#include "fuzz_common.h"

static int printable(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    http_limits lim = fuzz_limits();
    arena *a = arena_new(512);
    http_fields f = {0};
    int rc = http_parse_cookies(a, (const char *)data, size, &f, &lim);
    fuzz_check_rc(rc);
    FUZZ_CHECK(rc != HTTP_E_UPLOAD_TOO_BIG && rc != HTTP_E_SYNTAX);
    fuzz_check_common(&f, &lim);
    for (size_t i = 0; i < f.n; i++) {
        const http_field *v = &f.v[i];
        size_t nl = strlen(v->name);
        FUZZ_CHECK(v->filename == NULL && v->ctype == NULL);
        FUZZ_CHECK(v->len <= lim.max_field_len);
        FUZZ_CHECK(strlen(v->value) == v->len);
        /* opaque tokens: printable ASCII only */
        FUZZ_CHECK(printable(v->name, nl) && printable(v->value, v->len));
        /* the separators never end up inside a name or a value */
        FUZZ_CHECK(!strchr(v->name, '=') && !strchr(v->name, ';') && !strchr(v->value, ';'));
        /* names are trimmed */
        FUZZ_CHECK(v->name[0] != ' ' && v->name[nl - 1] != ' ');
    }
    arena_free(a);
    return 0;
}
