/*
 * fuzz_util.c - libFuzzer target for the encoders in util.c: utf8_valid
 * (against a reference decoder), utf8_truncate, base64url, esc_html and
 * esc_url.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi \
 *     tests/fuzz/fuzz_util.c cgi/host/util.c -o build/fuzz_util
 */
#include "fuzz_common.h"
#include "util.h"

/* reference: decode each scalar value, then judge it (Unicode 3.9, D92) */
static int ref_utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t c = s[i], cp, min;
        size_t k;
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1; cp = c & 0x1F; min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2; cp = c & 0x0F; min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3; cp = c & 0x07; min = 0x10000;
        } else {
            return 0;
        }
        if (n - i - 1 < k)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;

    /* utf8_valid agrees with the reference */
    FUZZ_CHECK(utf8_valid(s, size) == ref_utf8_valid(data, size));

    char *z = malloc(size + 1);
    if (!z)
        return 0;
    memcpy(z, data, size);
    z[size] = 0;
    size_t zl = strlen(z);

    /* utf8_truncate: never longer, never half a character of valid text */
    for (size_t max = 0; max <= zl + 1 && max < 64; max++) {
        size_t k = utf8_truncate(z, max);
        FUZZ_CHECK(k <= zl);
        if (max >= zl) {
            FUZZ_CHECK(k == zl);
            continue;
        }
        FUZZ_CHECK(k <= max);
        if (utf8_valid(z, zl)) {
            FUZZ_CHECK(max - k < 4);
            FUZZ_CHECK(utf8_valid(z, k));
        }
    }

    /* base64url: round trip of the raw bytes */
    size_t cap = 4 * size / 3 + 4;
    char *enc = malloc(cap);
    unsigned char *dec = malloc(size + 1);
    FUZZ_CHECK(enc && dec);
    size_t e = b64url_encode(data, size, enc);
    FUZZ_CHECK(e < cap && enc[e] == 0 && e == (4 * size + 2) / 3);
    FUZZ_CHECK(b64url_decode(enc, e, dec, size) == (long)size);
    FUZZ_CHECK(size == 0 || memcmp(dec, data, size) == 0);
    /* decoding arbitrary text: never writes past outcap */
    size_t outcap = size * 3 / 4; /* the most any input can need */
    if (size && (data[0] & 1) && outcap)
        outcap--;                  /* and sometimes one byte short */
    unsigned char *small = malloc(outcap + 1);
    FUZZ_CHECK(small);
    long d = b64url_decode(s, size, small, outcap);
    FUZZ_CHECK(d >= -1 && (d == -1 || (size_t)d <= outcap));
    if (d >= 0) {
        /* re-encoding gives the input back up to the unused low bits */
        char *re = malloc(4 * (size_t)d / 3 + 4);
        FUZZ_CHECK(re);
        size_t rl = b64url_encode(small, (size_t)d, re);
        FUZZ_CHECK(rl == size);
        FUZZ_CHECK(size == 0 || memcmp(re, s, size - 1) == 0);
        free(re);
    }
    free(small);
    free(enc);
    free(dec);

    /* esc_html: none of the five characters survive; esc_url: only unreserved */
    buf b;
    buf_init(&b);
    esc_html(&b, z);
    FUZZ_CHECK(b.data && strlen(b.data) == b.len);
    FUZZ_CHECK(!strpbrk(b.data, "<>\"'"));
    for (const char *p = b.data; (p = strchr(p, '&')); p++)
        FUZZ_CHECK(!strncmp(p, "&amp;", 5) || !strncmp(p, "&lt;", 4) || !strncmp(p, "&gt;", 4) ||
              !strncmp(p, "&quot;", 6) || !strncmp(p, "&#39;", 5));
    buf_reset(&b);
    esc_url(&b, z);
    FUZZ_CHECK(b.len == 0 || strlen(b.data) == b.len);
    FUZZ_CHECK(b.len == 0 || strspn(b.data, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789-_.~%") == b.len);
    buf_free(&b);
    free(z);
    return 0;
}
