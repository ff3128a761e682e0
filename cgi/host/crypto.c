/* crypto.c - AES-256-GCM fields and HMAC lookups (see crypto.h). */
#include "crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned char enc_keys[256][32];
static unsigned char have_key[256];
static unsigned char mac_key[32];
static int have_mac, current;

int crypto_ready(void) { return current > 0 && have_mac; }
int crypto_current_key(void) { return current; }

int crypto_load(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "key file %s: %s", path, strerror(errno));
        return -1;
    }
    if (st.st_mode & 077) {
        snprintf(err, errlen, "key file %s is readable by others (chmod 0400)", path);
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "key file %s: %s", path, strerror(errno));
        return -1;
    }
    char line[256];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char kind[8], b64[128];
        int num = 0;
        unsigned char raw[64];
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        if (sscanf(line, "enc %d %127s", &num, b64) == 2 && num >= 1 && num <= 255 &&
            b64url_decode(b64, strlen(b64), raw, sizeof raw) == 32) {
            memcpy(enc_keys[num], raw, 32);
            have_key[num] = 1;
            if (num > current)
                current = num;
        } else if (sscanf(line, "%7s %127s", kind, b64) == 2 && strcmp(kind, "mac") == 0 &&
                   b64url_decode(b64, strlen(b64), raw, sizeof raw) == 32) {
            memcpy(mac_key, raw, 32);
            have_mac = 1;
        } else {
            fclose(f);
            snprintf(err, errlen, "key file %s:%d is not 'enc N KEY' or 'mac KEY'", path, lineno);
            return -1;
        }
        OPENSSL_cleanse(raw, sizeof raw);
    }
    fclose(f);
    if (!crypto_ready()) {
        snprintf(err, errlen, "key file %s needs an enc key and a mac key", path);
        return -1;
    }
    return 0;
}

unsigned char *crypto_encrypt(arena *a, const void *pt, size_t n, size_t *outlen)
{
    if (!current)
        return NULL;
    unsigned char *out = arena_alloc(a, n + CRYPTO_OVERHEAD);
    out[0] = (unsigned char)current;
    if (RAND_bytes(out + 1, 12) != 1)
        return NULL;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int len = 0, ok = c && EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, enc_keys[current],
                                              out + 1) == 1 &&
                      EVP_EncryptUpdate(c, out + 13, &len, pt, (int)n) == 1 &&
                      EVP_EncryptFinal_ex(c, out + 13 + len, &len) == 1 &&
                      EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, out + 13 + n) == 1;
    EVP_CIPHER_CTX_free(c);
    if (!ok)
        return NULL;
    *outlen = n + CRYPTO_OVERHEAD;
    return out;
}

char *crypto_decrypt(arena *a, const unsigned char *ct, size_t n, size_t *outlen)
{
    if (!ct || n < CRYPTO_OVERHEAD || !have_key[ct[0]])
        return NULL;
    size_t pn = n - CRYPTO_OVERHEAD;
    char *out = arena_alloc(a, pn + 1);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int len = 0, ok = c && EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, enc_keys[ct[0]],
                                              ct + 1) == 1 &&
                      EVP_DecryptUpdate(c, (unsigned char *)out, &len, ct + 13, (int)pn) == 1 &&
                      EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16,
                                          (void *)(ct + 13 + pn)) == 1 &&
                      EVP_DecryptFinal_ex(c, (unsigned char *)out + len, &len) == 1;
    EVP_CIPHER_CTX_free(c);
    if (!ok)
        return NULL;
    out[pn] = 0;
    if (outlen)
        *outlen = pn;
    return out;
}

int crypto_hmac_hex(const char *s, char out[65])
{
    unsigned char md[32];
    unsigned mdlen = 0;
    if (!have_mac || !HMAC(EVP_sha256(), mac_key, 32, (const unsigned char *)s, strlen(s), md,
                           &mdlen))
        return -1;
    hex_encode(md, 32, out);
    return 0;
}

static void key_line(FILE *f, const char *prefix)
{
    unsigned char raw[32];
    char b64[64];
    if (RAND_bytes(raw, 32) != 1)
        abort();
    b64url_encode(raw, 32, b64);
    fprintf(f, "%s%s\n", prefix, b64);
    OPENSSL_cleanse(raw, sizeof raw);
    OPENSSL_cleanse(b64, sizeof b64);
}

int crypto_keygen(const char *path, int add, char *err, size_t errlen)
{
    if (!add) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0400);
        if (fd < 0) {
            snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
            return -1;
        }
        FILE *f = fdopen(fd, "w");
        fprintf(f, "# portal field-encryption keys: keep outside the database and backups\n");
        key_line(f, "enc 1 ");
        key_line(f, "mac ");
        return fclose(f) == 0 ? 0 : -1;
    }
    if (crypto_load(path, err, errlen) != 0)
        return -1;
    if (current >= 255) {
        snprintf(err, errlen, "no key numbers left");
        return -1;
    }
    /* append under a temporary write permission, then back to 0400 */
    if (chmod(path, 0600) != 0) {
        snprintf(err, errlen, "chmod %s: %s", path, strerror(errno));
        return -1;
    }
    FILE *f = fopen(path, "a");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        chmod(path, 0400);
        return -1;
    }
    char prefix[24];
    snprintf(prefix, sizeof prefix, "enc %d ", current + 1);
    key_line(f, prefix);
    int rc = fclose(f);
    chmod(path, 0400);
    if (rc != 0)
        return -1;
    return crypto_load(path, err, errlen);
}

void random_token(char *out, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw)
        nbytes = sizeof raw;
    if (RAND_bytes(raw, (int)nbytes) != 1) {
        log_msg("PT0201", "RAND_bytes failed");
        abort();
    }
    b64url_encode(raw, nbytes, out);
    OPENSSL_cleanse(raw, sizeof raw);
}
