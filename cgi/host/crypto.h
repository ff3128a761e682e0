/*
 * crypto.h - field encryption for sensitive personal data.
 *
 * Key file (mode 0400, outside the database and the repository), lines:
 *     enc N BASE64URL(32 bytes)     AES-256-GCM key number N (1..255)
 *     sm4 N BASE64URL(48 bytes)     SM4-CTR key (16) and HMAC-SM3 tag key (32),
 *                                   number N (one numbering with enc)
 *     mac BASE64URL(32 bytes)       HMAC-SHA256 key for lookups of ID numbers
 *     sm3mac BASE64URL(32 bytes)    HMAC-SM3 key for lookups (国密 suite)
 *     suite aes|sm                  which suite encrypts and looks up (the
 *                                   last such line; aes when none)
 * The newest key of the suite encrypts; every listed key decrypts, so a new
 * key can be added and the data re-encrypted, within a suite or into the
 * other one (`portalctl keys rotate [--suite aes|sm]`), without losing a
 * record.  The suite is the key file's, not the configuration's: the lookup
 * columns hold one suite's HMAC, so the portal and portalctl must agree.
 *
 * Ciphertext: 1 byte key number | 12 bytes nonce | ciphertext | 16 bytes tag.
 * AES: GCM's nonce and tag.  SM: encrypt-then-MAC; SM4-CTR with the nonce and
 * a 32-bit block counter as its IV; the tag is HMAC-SM3 over key number,
 * nonce and ciphertext, its first 16 bytes (the same size as GCM's).
 */
#ifndef PORTAL_CRYPTO_H
#define PORTAL_CRYPTO_H

#include <openssl/types.h>
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
/* SHA-256 for the EVP digest calls, looked up once per process: given
 * EVP_sha256(), OpenSSL 3 fetches the algorithm again (a locked lookup) on
 * every digest, 2% of a child file page's portal time (issue 17) */
const EVP_MD *crypto_sha256(void);
/* SHA-256 of n bytes into out[32]; 0, -1 when OpenSSL fails */
int crypto_digest(const void *data, size_t n, unsigned char out[32]);
/* hex HMAC-SHA256 of s (65 bytes with NUL) */
int crypto_hmac_hex(const char *s, char out[65]);
/* nbytes random bytes (at most 64) as base64url into out; aborts when the
 * system has no randomness */
void random_token(char *out, size_t nbytes);
/* write a new key file (add 0), or add a key to an existing one, of suite
 * "aes" or "sm" (NULL: the file's), with the suite's lookup key when the
 * file has none; the key number (1 for a new file), -1 with err */
int crypto_keygen(const char *path, int add, const char *suite, char *err, size_t errlen);
/* "aes" or "sm": the suite that encrypts and looks up */
const char *crypto_suite(void);
/* encrypt and look up with suite `name` from now on in this process (key
 * rotation); 0, -1 when the loaded file lacks its keys */
int crypto_use_suite(const char *name);
/* record the suite in use as the key file's (its last "suite" line) */
int crypto_write_suite(const char *path, char *err, size_t errlen);

#endif
