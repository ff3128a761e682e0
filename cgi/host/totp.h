/*
 * totp.h - one-time passwords for two-factor login: HOTP (RFC 4226) and
 * TOTP (RFC 6238) with HMAC-SHA-1, 30-second steps, 6 digits, and the
 * base32 (RFC 4648, no padding) form authenticator apps read.
 */
#ifndef PORTAL_TOTP_H
#define PORTAL_TOTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TOTP_STEP 30
#define TOTP_DIGITS 6
#define TOTP_SECRET_LEN 20     /* bytes: 160 bits, the RFC's recommendation */

/* the HOTP value of counter, reduced to `digits` digits (6..9); -1 on error */
long hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits);
/* the TOTP value at time t */
long totp_at(const unsigned char *key, size_t keylen, time_t t, int digits);
/* the time step of t */
long long totp_step(time_t t);

/* Check a 6-digit code typed at time `now` against the steps now-1, now,
 * now+1.  A step <= last_step was used already (replay).
 * Returns 1 ok (*step = the matching step), 0 wrong, -1 replayed. */
int totp_check(const unsigned char *key, size_t keylen, time_t now, const char *code,
               long long last_step, long long *step);

/* base32 without padding: out needs (n * 8 + 4) / 5 + 1 bytes; returns the length */
size_t base32_encode(const unsigned char *in, size_t n, char *out);
/* decode (upper or lower case, spaces and '=' ignored); bytes written or -1 */
long base32_decode(const char *in, unsigned char *out, size_t outcap);

#endif
