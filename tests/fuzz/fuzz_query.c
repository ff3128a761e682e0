/*
 * fuzz_query.c - libFuzzer target for query strings.  The same parser as
 * fuzz_urlencoded, called the way request.c calls it for a query: on a
 * NUL-terminated string with n = strlen, after splitting REQUEST_URI at the
 * first '?', and with the production name limit (100).  Also appends a body
 * to the same field list, as a POST does, to exercise the shared limit.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi \
 *     tests/fuzz/fuzz_query.c cgi/host/http.c cgi/host/util.c -o build/fuzz_query
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *uri = malloc(size + 1);
    if (!uri)
        return 0;
    memcpy(uri, data, size);
    uri[size] = 0;
    const char *q = strchr(uri, '?');
    const char *query = q ? q + 1 : "";

    http_limits lim = fuzz_limits();
    lim.max_name_len = 100;
    arena *a = arena_new(0);
    http_fields f = {0};
    int rc = http_parse_urlencoded(a, query, strlen(query), &f, &lim);
    fuzz_check_rc(rc);
    fuzz_check_common(&f, &lim);
    for (size_t i = 0; i < f.n; i++)
        fuzz_check_text_field(&f.v[i], &lim);

    if (rc == HTTP_OK) {
        /* the path part, used as a body appended to the same list */
        size_t before = f.n;
        size_t pl = q ? (size_t)(q - uri) : strlen(uri);
        rc = http_parse_urlencoded(a, uri, pl, &f, &lim);
        fuzz_check_rc(rc);
        fuzz_check_common(&f, &lim);
        FUZZ_CHECK(f.n >= before);
        for (size_t i = 0; i < f.n; i++)
            fuzz_check_text_field(&f.v[i], &lim);
    }
    arena_free(a);
    free(uri);
    return 0;
}
