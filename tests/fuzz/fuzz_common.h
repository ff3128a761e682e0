/*
 * fuzz_common.h - what the libFuzzer targets share: their entry point,
 * FUZZ_CHECK and the request parsers' invariants.  Every check that fails
 * calls abort(), so libFuzzer saves the input as a crash.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tight limits so the fuzzer reaches every limit quickly */
static inline http_limits fuzz_limits(void)
{
    http_limits l;
    l.max_fields = 8;
    l.max_name_len = 16;
    l.max_field_len = 64;
    l.max_upload = 256;
    return l;
}

#define FUZZ_CHECK(cond)                                                            \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            abort();                                                                \
        }                                                                           \
    } while (0)

static inline void fuzz_check_rc(int rc)
{
    FUZZ_CHECK(rc == HTTP_OK || rc == HTTP_E_SYNTAX || rc == HTTP_E_TOO_MANY ||
               rc == HTTP_E_TOO_LONG || rc == HTTP_E_ENCODING || rc == HTTP_E_UPLOAD_TOO_BIG);
    FUZZ_CHECK(http_error_text(rc) != NULL);
    int st = http_error_status(rc);
    FUZZ_CHECK(st == 400 || st == 413);
}

/* what every parser promises, whether it succeeded or not */
static inline void fuzz_check_common(const http_fields *f, const http_limits *lim)
{
    FUZZ_CHECK(f->n <= lim->max_fields);
    FUZZ_CHECK(f->n <= f->cap);
    FUZZ_CHECK(f->n == 0 || f->v != NULL);
    for (size_t i = 0; i < f->n; i++) {
        const http_field *v = &f->v[i];
        FUZZ_CHECK(v->name != NULL && v->value != NULL);
        size_t nl = strlen(v->name);
        FUZZ_CHECK(nl >= 1 && nl <= lim->max_name_len);
        FUZZ_CHECK(utf8_valid(v->name, nl));
        FUZZ_CHECK(v->value[v->len] == 0); /* NUL-terminated at len */
        /* http_get finds a field of this name (the first one) */
        const http_field *g = http_get(f, v->name);
        FUZZ_CHECK(g != NULL && g <= v && strcmp(g->name, v->name) == 0);
    }
}

/* text fields from urlencoded and multipart bodies */
static inline void fuzz_check_text_field(const http_field *v, const http_limits *lim)
{
    FUZZ_CHECK(v->filename == NULL && v->ctype == NULL);
    FUZZ_CHECK(http_text_ok(v->name, strlen(v->name), 0));
    FUZZ_CHECK(v->len <= lim->max_field_len);
    FUZZ_CHECK(strlen(v->value) == v->len); /* no NUL inside */
    FUZZ_CHECK(http_text_ok(v->value, v->len, 1));
}

#endif
