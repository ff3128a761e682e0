/*
 * crypto.h - field encryption for sensitive personal data.
 *
 * Key file (mode 0400, outside the database and the repository), lines:
 *     enc N BASE64URL(32 bytes)     AES-256-GCM key number N (1..255)
 *     mac BASE64URL(32 bytes)       HMAC-SHA256 key for lookups of ID numbers
 * The highest-numbered enc key encrypts; every listed key decrypts, so a new
 * key can be added and the data re-encrypted (`portalctl keys rotate`)
 * without losing a record.
 *
 * Ciphertext: 1 byte key number | 12 bytes nonce | ciphertext | 16 bytes tag.
 */
#ifndef PORTAL_CRYPTO_H
#define PORTAL_CRYPTO_H

#include <stddef.h>
#include "util.h"

#define CRYPTO_OVERHEAD 29

int crypto_load(const char *path, char *err, size_t errlen);   /* 0 ok */
int crypto_ready(void);
int crypto_current_key(void);
/* encrypt n bytes: returns a buffer of n + CRYPTO_OVERHEAD bytes in the arena */
unsigned char *crypto_encrypt(arena *a, const void *pt, size_t n, size_t *outlen);
/* decrypt: returns NUL-terminated plaintext in the arena, NULL if tampered */
char *crypto_decrypt(arena *a, const unsigned char *ct, size_t n, size_t *outlen);
/* hex HMAC-SHA256 of s (65 bytes with NUL) */
int crypto_hmac_hex(const char *s, char out[65]);
/* nbytes random bytes (at most 64) as base64url into out; aborts when the
 * system has no randomness */
void random_token(char *out, size_t nbytes);
/* write a new key file, or add a new enc key to an existing one */
int crypto_keygen(const char *path, int add, char *err, size_t errlen);

#endif
