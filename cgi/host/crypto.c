/* crypto.c - field encryption (AES-256-GCM, or SM4-CTR + HMAC-SM3) and keyed
 * lookups (HMAC-SHA256 or HMAC-SM3); see crypto.h. */
#include "crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SUITE_AES = 1, SUITE_SM = 2 };

static unsigned char enc_keys[256][32];  /* AES: 32 bytes; SM: the 16-byte SM4 key */
static unsigned char tag_keys[256][32];  /* SM: the HMAC-SM3 key of the tag */
static unsigned char suite_of[256];      /* 0: no key of that number */
static unsigned char mac_key[32], sm3_key[32];
static int have_mac, have_sm3, suite = SUITE_AES, newest[3];

/* the key that encrypts: the newest of the file's suite */
static int current_key(void) { return newest[suite]; }
int crypto_ready(void) { return current_key() > 0 && (suite == SUITE_SM ? have_sm3 : have_mac); }
int crypto_current_key(void) { return current_key(); }
const char *crypto_suite(void) { return suite == SUITE_SM ? "sm" : "aes"; }

static void crypto_forget(void)
{
    OPENSSL_cleanse(enc_keys, sizeof enc_keys);
    OPENSSL_cleanse(tag_keys, sizeof tag_keys);
    OPENSSL_cleanse(mac_key, sizeof mac_key);
    OPENSSL_cleanse(sm3_key, sizeof sm3_key);
    memset(suite_of, 0, sizeof suite_of);
    memset(newest, 0, sizeof newest);
    have_mac = have_sm3 = 0;
    suite = SUITE_AES;
}

/* one line of the key file; 0 ok */
static int key_file_line(const char *line)
{
    char kind[8], b64[128];
    int num = 0, ok = -1;
    unsigned char raw[64];
    size_t n;
    if (sscanf(line, "suite %7s", kind) == 1 && (!strcmp(kind, "aes") || !strcmp(kind, "sm"))) {
        suite = strcmp(kind, "sm") == 0 ? SUITE_SM : SUITE_AES;
        return 0;
    }
    if (sscanf(line, "%7s", kind) != 1)
        return -1;
    int numbered = strcmp(kind, "enc") == 0 || strcmp(kind, "sm4") == 0;
    if (numbered && sscanf(line, "%*s %d %127s", &num, b64) == 2 && num >= 1 && num <= 255 &&
        !suite_of[num]) {
        n = b64url_decode(b64, strlen(b64), raw, sizeof raw);
        if (kind[0] == 'e' && n == 32) {
            memcpy(enc_keys[num], raw, 32);
            suite_of[num] = SUITE_AES;
            ok = 0;
        } else if (kind[0] == 's' && n == 48) {
            memcpy(enc_keys[num], raw, 16);
            memcpy(tag_keys[num], raw + 16, 32);
            suite_of[num] = SUITE_SM;
            ok = 0;
        }
        if (ok == 0 && num > newest[suite_of[num]])
            newest[suite_of[num]] = num;
    } else if (!numbered && sscanf(line, "%*s %127s", b64) == 1 &&
               b64url_decode(b64, strlen(b64), raw, sizeof raw) == 32) {
        if (strcmp(kind, "mac") == 0) {
            memcpy(mac_key, raw, 32);
            have_mac = 1;
            ok = 0;
        } else if (strcmp(kind, "sm3mac") == 0) {
            memcpy(sm3_key, raw, 32);
            have_sm3 = 1;
            ok = 0;
        }
    }
    OPENSSL_cleanse(raw, sizeof raw);
    OPENSSL_cleanse(b64, sizeof b64);
    return ok;
}

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
    crypto_forget();
    char line[256];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        if (key_file_line(line) != 0) {
            fclose(f);
            OPENSSL_cleanse(line, sizeof line);
            snprintf(err, errlen, "key file %s:%d is not 'enc N KEY', 'sm4 N KEY', 'mac KEY', "
                     "'sm3mac KEY' or 'suite aes|sm' (or repeats a key number)", path, lineno);
            return -1;
        }
    }
    OPENSSL_cleanse(line, sizeof line);
    fclose(f);
    if (!crypto_ready()) {
        snprintf(err, errlen, "key file %s needs, for its suite %s, an %s key and a %s key", path,
                 crypto_suite(), suite == SUITE_SM ? "sm4" : "enc", suite == SUITE_SM ? "sm3mac" : "mac");
        return -1;
    }
    return 0;
}

/* SM: the tag is HMAC-SM3(tag key, key number | nonce | ciphertext), cut to 16 bytes */
static int sm_tag(int num, const unsigned char *head, size_t n, unsigned char tag[16])
{
    unsigned char md[32];
    unsigned mdlen = 0;
    if (!HMAC(EVP_sm3(), tag_keys[num], 32, head, 13 + n, md, &mdlen) || mdlen != 32)
        return -1;
    memcpy(tag, md, 16);
    OPENSSL_cleanse(md, sizeof md);
    return 0;
}

/* the CTR (SM4) or GCM (AES) pass over n bytes of in; 0 ok */
static int cipher_pass(int enc, int num, const unsigned char *nonce, const unsigned char *in,
                       size_t n, unsigned char *out)
{
    unsigned char iv[16] = {0};
    memcpy(iv, nonce, 12);  /* SM4-CTR: the nonce and a 32-bit block counter from 0 */
    const EVP_CIPHER *ciph = suite_of[num] == SUITE_SM ? EVP_sm4_ctr() : EVP_aes_256_gcm();
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int len = 0, ok = c && EVP_CipherInit_ex(c, ciph, NULL, enc_keys[num],
                                             suite_of[num] == SUITE_SM ? iv : nonce, enc) == 1 &&
                      EVP_CipherUpdate(c, out, &len, in, (int)n) == 1;
    if (ok && suite_of[num] == SUITE_AES && !enc)
        ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, (void *)(in + n)) == 1;
    ok = ok && EVP_CipherFinal_ex(c, out + len, &len) == 1;
    if (ok && suite_of[num] == SUITE_AES && enc)
        ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, out + n) == 1;
    EVP_CIPHER_CTX_free(c);
    return ok ? 0 : -1;
}

unsigned char *crypto_encrypt(arena *a, const void *pt, size_t n, size_t *outlen)
{
    int num = current_key();
    if (!num)
        return NULL;
    unsigned char *out = arena_alloc(a, n + CRYPTO_OVERHEAD);
    out[0] = (unsigned char)num;
    if (RAND_bytes(out + 1, 12) != 1 || cipher_pass(1, num, out + 1, pt, n, out + 13) != 0 ||
        (suite_of[num] == SUITE_SM && sm_tag(num, out, n, out + 13 + n) != 0))
        return NULL;
    *outlen = n + CRYPTO_OVERHEAD;
    return out;
}

char *crypto_decrypt(arena *a, const unsigned char *ct, size_t n, size_t *outlen)
{
    if (!ct || n < CRYPTO_OVERHEAD || !suite_of[ct[0]])
        return NULL;
    size_t pn = n - CRYPTO_OVERHEAD;
    char *out = arena_alloc(a, pn + 1);
    if (suite_of[ct[0]] == SUITE_SM) {
        /* encrypt-then-MAC: nothing is decrypted before the tag checks */
        unsigned char tag[16];
        if (sm_tag(ct[0], ct, pn, tag) != 0 || CRYPTO_memcmp(tag, ct + 13 + pn, 16) != 0)
            return NULL;
    }
    if (cipher_pass(0, ct[0], ct + 1, ct + 13, pn, (unsigned char *)out) != 0)
        return NULL;
    out[pn] = 0;
    if (outlen)
        *outlen = pn;
    return out;
}

const EVP_MD *crypto_sha256(void)
{
    static EVP_MD *md;
    if (!md && !(md = EVP_MD_fetch(NULL, "SHA2-256", NULL)))
        return EVP_sha256(); /* fetched on each use, as before */
    return md;
}

int crypto_digest(const void *data, size_t n, unsigned char out[32])
{
    unsigned len = 0;
    return EVP_Digest(data, n, out, &len, crypto_sha256(), NULL) == 1 && len == 32 ? 0 : -1;
}

int crypto_hmac_hex(const char *s, char out[65])
{
    unsigned char md[32];
    unsigned mdlen = 0;
    int sm = suite == SUITE_SM;
    if (!(sm ? have_sm3 : have_mac) ||
        !HMAC(sm ? EVP_sm3() : crypto_sha256(), sm ? sm3_key : mac_key, 32,
              (const unsigned char *)s, strlen(s), md, &mdlen) || mdlen != 32)
        return -1;
    hex_encode(md, 32, out);
    return 0;
}

static void key_line(FILE *f, const char *prefix, size_t nbytes)
{
    unsigned char raw[48];
    char b64[80];
    if (RAND_bytes(raw, (int)nbytes) != 1)
        abort();
    b64url_encode(raw, nbytes, b64);
    fprintf(f, "%s%s\n", prefix, b64);
    OPENSSL_cleanse(raw, sizeof raw);
    OPENSSL_cleanse(b64, sizeof b64);
}

static int suite_code(const char *name)
{
    return !name ? suite : strcmp(name, "sm") == 0 ? SUITE_SM : strcmp(name, "aes") == 0 ? SUITE_AES : 0;
}

/* a key of suite `want` numbered num, and the lookup key of that suite when missing */
static void key_lines(FILE *f, int want, int num, int with_mac)
{
    char prefix[24];
    snprintf(prefix, sizeof prefix, "%s %d ", want == SUITE_SM ? "sm4" : "enc", num);
    key_line(f, prefix, want == SUITE_SM ? 48 : 32);
    if (with_mac)
        key_line(f, want == SUITE_SM ? "sm3mac " : "mac ", 32);
}

/* append lines under a temporary write permission, then back to 0400 */
static FILE *key_file_append(const char *path, char *err, size_t errlen)
{
    if (chmod(path, 0600) != 0) {
        snprintf(err, errlen, "chmod %s: %s", path, strerror(errno));
        return NULL;
    }
    FILE *f = fopen(path, "a");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        chmod(path, 0400);
    }
    return f;
}

static int key_file_close(const char *path, FILE *f, char *err, size_t errlen)
{
    int rc = fclose(f);
    chmod(path, 0400);
    if (rc != 0) {
        snprintf(err, errlen, "cannot write %s", path);
        return -1;
    }
    return 0;
}

int crypto_keygen(const char *path, int add, const char *suite_name, char *err, size_t errlen)
{
    int want = suite_code(suite_name);
    if (!want) {
        snprintf(err, errlen, "unknown suite %s (aes or sm)", suite_name);
        return -1;
    }
    if (!add) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0400);
        if (fd < 0) {
            snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
            return -1;
        }
        FILE *f = fdopen(fd, "w");
        fprintf(f, "# portal field-encryption keys: keep outside the database and backups\n");
        key_lines(f, want, 1, 1);
        if (want == SUITE_SM)
            fprintf(f, "suite sm\n");
        return fclose(f) == 0 ? 0 : -1;
    }
    if (crypto_load(path, err, errlen) != 0)
        return -1;
    int top = 0;
    for (int k = 1; k < 256; k++)
        if (suite_of[k])
            top = k;
    if (top >= 255) {
        snprintf(err, errlen, "no key numbers left");
        return -1;
    }
    FILE *f = key_file_append(path, err, errlen);
    if (!f)
        return -1;
    key_lines(f, want, top + 1, want == SUITE_SM ? !have_sm3 : !have_mac);
    if (key_file_close(path, f, err, errlen) != 0 || crypto_load(path, err, errlen) != 0)
        return -1;
    return top + 1;
}

int crypto_use_suite(const char *name)
{
    int want = suite_code(name);
    if (!want || !newest[want] || !(want == SUITE_SM ? have_sm3 : have_mac))
        return -1;
    suite = want;
    return 0;
}

int crypto_write_suite(const char *path, char *err, size_t errlen)
{
    FILE *f = key_file_append(path, err, errlen);
    if (!f)
        return -1;
    fprintf(f, "suite %s\n", crypto_suite());
    return key_file_close(path, f, err, errlen);
}

/* random_token's bytes, drawn from RAND_bytes 1 KB at a time (issue 17):
 * OpenSSL 3's DRBG costs the same per call for 16 bytes as for 1,024 (it
 * rekeys its AES and checks the pid each time), and every rendered page
 * asks for a form's token - 3% of the child list's CPU.  The bytes are the
 * DRBG's all the same.  A forked child forgets the pool (pthread_atfork),
 * so no two processes ever hand out the same bytes; each byte is handed out
 * once and wiped.  Only tokens draw on it: a cipher's nonce and a key take
 * their own RAND_bytes. */
static unsigned char token_pool[1024];
static size_t token_left; /* the unread bytes, at the pool's end */
static void token_pool_forget(void)
{
    OPENSSL_cleanse(token_pool, sizeof token_pool);
    token_left = 0;
}
static void draw(unsigned char *raw, size_t n)
{
    if (RAND_bytes(raw, (int)n) != 1) {
        log_msg("PT0201", "RAND_bytes failed");
        abort();
    }
}
static void token_pool_bytes(unsigned char *raw, size_t n)
{
    static int watched; /* 1: the fork hook is set; -1: it could not be */
    if (!watched)
        watched = pthread_atfork(NULL, NULL, token_pool_forget) == 0 ? 1 : -1;
    if (watched < 0) {
        draw(raw, n); /* no hook, no pool: each token its own draw */
        return;
    }
    if (token_left < n) {
        draw(token_pool, sizeof token_pool);
        token_left = sizeof token_pool;
    }
    unsigned char *from = token_pool + sizeof token_pool - token_left;
    memcpy(raw, from, n);
    OPENSSL_cleanse(from, n);
    token_left -= n;
}

void random_token(char *out, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw)
        nbytes = sizeof raw;
    token_pool_bytes(raw, nbytes);
    b64url_encode(raw, nbytes, out);
    OPENSSL_cleanse(raw, sizeof raw);
}
