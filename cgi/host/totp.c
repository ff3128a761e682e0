/* totp.c - HOTP / TOTP and base32 (see totp.h). */
#include "totp.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

long hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits)
{
    static const long pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                 100000000, 1000000000};
    if (!key || digits < 6 || digits > 9)
        return -1;
    unsigned char msg[8], md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;
    for (int i = 7; i >= 0; i--) {
        msg[i] = (unsigned char)(counter & 0xff);
        counter >>= 8;
    }
    if (!HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof msg, md, &mdlen) || mdlen < 20)
        return -1;
    /* dynamic truncation (RFC 4226 section 5.3) */
    int off = md[mdlen - 1] & 0x0f;
    unsigned long bin = ((unsigned long)(md[off] & 0x7f) << 24) |
                        ((unsigned long)md[off + 1] << 16) |
                        ((unsigned long)md[off + 2] << 8) | (unsigned long)md[off + 3];
    OPENSSL_cleanse(md, sizeof md);
    return (long)(bin % (unsigned long)pow10[digits]);
}

long long totp_step(time_t t)
{
    return t < 0 ? 0 : (long long)(t / TOTP_STEP);
}

long totp_at(const unsigned char *key, size_t keylen, time_t t, int digits)
{
    return hotp(key, keylen, (uint64_t)totp_step(t), digits);
}

int totp_check(const unsigned char *key, size_t keylen, time_t now, const char *code,
               long long last_step, long long *step)
{
    if (!code || strlen(code) != TOTP_DIGITS)
        return 0;
    for (const char *c = code; *c; c++)
        if (*c < '0' || *c > '9')
            return 0;
    long long s0 = totp_step(now);
    int found = 0;
    long long at = 0;
    /* compare against all three steps, without stopping early */
    for (long long s = s0 - 1; s <= s0 + 1; s++) {
        if (s < 0)
            continue;
        long v = hotp(key, keylen, (uint64_t)s, TOTP_DIGITS);
        if (v < 0)
            return 0;
        char want[16];
        for (int i = TOTP_DIGITS - 1; i >= 0; i--) {
            want[i] = (char)('0' + v % 10);
            v /= 10;
        }
        want[TOTP_DIGITS] = 0;
        if (CRYPTO_memcmp(want, code, TOTP_DIGITS) == 0 && !found) {
            found = 1;
            at = s;
        }
    }
    if (!found)
        return 0;
    if (at <= last_step)
        return -1;
    if (step)
        *step = at;
    return 1;
}

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

size_t base32_encode(const unsigned char *in, size_t n, char *out)
{
    size_t o = 0;
    unsigned buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        buffer = (buffer << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            out[o++] = B32[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        out[o++] = B32[(buffer << (5 - bits)) & 31];
    out[o] = 0;
    return o;
}

long base32_decode(const char *in, unsigned char *out, size_t outcap)
{
    unsigned buffer = 0;
    int bits = 0;
    size_t o = 0;
    for (const char *p = in; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '=' || c == '-')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        const char *q = c ? strchr(B32, c) : NULL;
        if (!q)
            return -1;
        buffer = (buffer << 5) | (unsigned)(q - B32);
        bits += 5;
        if (bits >= 8) {
            if (o == outcap)
                return -1;
            out[o++] = (unsigned char)((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return (long)o;
}
