/*
 * fuzz_multipart.c - libFuzzer target for http_parse_multipart.
 *
 * Input: the first line (up to '\n') is the Content-Type header value, the
 * rest is the body.  An input without '\n' is a body for a fixed
 * Content-Type (boundary "B").  The body is the tail of libFuzzer's buffer,
 * so ASan catches any read past its end.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi \
 *     tests/fuzz/fuzz_multipart.c cgi/host/http.c cgi/host/util.c -o build/fuzz_multipart
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    const char *nl = memchr(in, '\n', size);
    char ctype[512];
    const char *body;
    size_t blen;
    if (nl && (size_t)(nl - in) < sizeof ctype) {
        size_t cl = (size_t)(nl - in);
        memcpy(ctype, in, cl);
        ctype[cl] = 0; /* a NUL inside just ends the header early */
        body = nl + 1;
        blen = size - cl - 1;
    } else {
        snprintf(ctype, sizeof ctype, "multipart/form-data; boundary=B");
        body = in;
        blen = size;
    }

    http_limits lim = fuzz_limits();
    arena *a = arena_new(1024);
    http_fields f = {0};
    int rc = http_parse_multipart(a, ctype, body, blen, &f, &lim);
    fuzz_check_rc(rc);
    fuzz_check_common(&f, &lim);
    for (size_t i = 0; i < f.n; i++) {
        const http_field *v = &f.v[i];
        if (!v->filename) {
            fuzz_check_text_field(v, &lim);
            continue;
        }
        /* an upload: raw bytes, inside the body, within the limit */
        FUZZ_CHECK(v->ctype != NULL);
        FUZZ_CHECK(v->len <= lim.max_upload);
        FUZZ_CHECK(v->len <= blen);
        FUZZ_CHECK(http_text_ok(v->name, strlen(v->name), 0));
        FUZZ_CHECK(http_text_ok(v->filename, strlen(v->filename), 0));
        FUZZ_CHECK(strlen(v->filename) <= lim.max_field_len);
        FUZZ_CHECK(http_text_ok(v->ctype, strlen(v->ctype), 0));
        FUZZ_CHECK(v->filename[0] || v->len > 0); /* empty file inputs are skipped */
        FUZZ_CHECK(memmem(body, blen, v->value, v->len) != NULL);
    }
    arena_free(a);
    return 0;
}
