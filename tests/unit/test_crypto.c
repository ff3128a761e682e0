/* Unit tests for cgi/host/crypto.c: AES-256-GCM and SM4 fields, HMAC-SHA256 and
 * HMAC-SM3 lookups, key files, rotation within and across suites. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto.h"

static char keyfile[64];

static int setup(void **state)
{
    (void)state;
    char err[256];
    snprintf(keyfile, sizeof keyfile, "/tmp/portal-key-XXXXXX");
    int fd = mkstemp(keyfile);
    close(fd);
    unlink(keyfile);
    if (crypto_keygen(keyfile, 0, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return crypto_load(keyfile, err, sizeof err);
}

static int teardown(void **state)
{
    (void)state;
    chmod(keyfile, 0600);
    unlink(keyfile);
    return 0;
}

static void test_round_trip(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    const char *id = "11010519491231002X";
    size_t n = 0, m = 0;
    unsigned char *ct = crypto_encrypt(a, id, strlen(id), &n);
    assert_non_null(ct);
    assert_int_equal(n, strlen(id) + CRYPTO_OVERHEAD);
    assert_int_equal(ct[0], 1);
    assert_null(memmem(ct, n, "19491231", 8)); /* no plaintext inside */
    char *pt = crypto_decrypt(a, ct, n, &m);
    assert_non_null(pt);
    assert_string_equal(pt, id);
    assert_int_equal(m, strlen(id));
    /* the same text encrypts differently each time (random nonce) */
    unsigned char *ct2 = crypto_encrypt(a, id, strlen(id), &n);
    assert_memory_not_equal(ct, ct2, n);
    arena_free(a);
}

static void test_tamper_detected(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    const char *text = "虐待报告：敏感内容";
    size_t n;
    unsigned char *ct = crypto_encrypt(a, text, strlen(text), &n);
    for (size_t i = 1; i < n; i++) {
        ct[i] ^= 0x01;
        assert_null(crypto_decrypt(a, ct, n, NULL));
        ct[i] ^= 0x01;
    }
    assert_non_null(crypto_decrypt(a, ct, n, NULL));
    assert_null(crypto_decrypt(a, ct, n - 1, NULL));          /* truncated */
    assert_null(crypto_decrypt(a, ct, 10, NULL));             /* too short */
    ct[0] = 77;                                               /* unknown key */
    assert_null(crypto_decrypt(a, ct, n, NULL));
    arena_free(a);
}

static void test_empty_plaintext(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    size_t n;
    unsigned char *ct = crypto_encrypt(a, "", 0, &n);
    assert_int_equal(n, CRYPTO_OVERHEAD);
    char *pt = crypto_decrypt(a, ct, n, NULL);
    assert_non_null(pt);
    assert_string_equal(pt, "");
    arena_free(a);
}

static void test_hmac(void **state)
{
    (void)state;
    char h1[65], h2[65], h3[65];
    assert_int_equal(crypto_hmac_hex("500242201001011234", h1), 0);
    assert_int_equal(crypto_hmac_hex("500242201001011234", h2), 0);
    assert_int_equal(crypto_hmac_hex("500242201001011235", h3), 0);
    assert_string_equal(h1, h2);
    assert_string_not_equal(h1, h3);
    assert_int_equal(strlen(h1), 64);
}

static void test_rotation_keeps_old_data(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    char err[256], before[65], after[65];
    size_t n, n2;
    crypto_hmac_hex("x", before);
    unsigned char *old = crypto_encrypt(a, "old", 3, &n);
    assert_int_equal(crypto_keygen(keyfile, 1, NULL, err, sizeof err), 2);
    assert_int_equal(crypto_current_key(), 2);
    unsigned char *nw = crypto_encrypt(a, "new", 3, &n2);
    assert_int_equal(nw[0], 2);
    assert_string_equal(crypto_decrypt(a, old, n, NULL), "old");
    assert_string_equal(crypto_decrypt(a, nw, n2, NULL), "new");
    crypto_hmac_hex("x", after);
    assert_string_equal(before, after); /* lookups survive a rotation */
    struct stat st;
    stat(keyfile, &st);
    assert_int_equal(st.st_mode & 0777, 0400);
    arena_free(a);
}

static void test_key_file_rules(void **state)
{
    (void)state;
    char err[256], path[64];
    snprintf(path, sizeof path, "/tmp/portal-badkey-XXXXXX");
    int fd = mkstemp(path);
    assert_true(write(fd, "enc 1 short\n", 12) == 12);
    close(fd);
    chmod(path, 0400);
    assert_int_not_equal(crypto_load(path, err, sizeof err), 0);
    chmod(path, 0644);
    assert_int_not_equal(crypto_load(path, err, sizeof err), 0);
    assert_non_null(strstr(err, "readable by others"));
    unlink(path);
    assert_int_not_equal(crypto_load("/nonexistent/key", err, sizeof err), 0);
    /* keygen refuses to overwrite an existing file */
    assert_int_not_equal(crypto_keygen(keyfile, 0, NULL, err, sizeof err), 0);
}

/* the 国密 suite: a key added into it encrypts with SM4-CTR and tags with
 * HMAC-SM3 (tampering refused), lookups use HMAC-SM3, AES data still reads,
 * and the key file's "suite" line decides after a reload */
static void test_sm_suite(void **state)
{
    (void)state;
    arena *a = arena_new(4096);
    char err[256], h_aes[65], h_sm[65], h_back[65];
    size_t n, n2;
    unsigned char *old = crypto_encrypt(a, "aes data", 8, &n);
    crypto_hmac_hex("500242201001011234", h_aes);
    int k = crypto_keygen(keyfile, 1, "sm", err, sizeof err);
    assert_true(k > 1);
    assert_string_equal(crypto_suite(), "aes"); /* added, not yet in use */
    assert_int_equal(crypto_use_suite("sm"), 0);
    assert_int_equal(crypto_current_key(), k);
    const char *id = "11010519491231002X";
    unsigned char *ct = crypto_encrypt(a, id, strlen(id), &n2);
    assert_non_null(ct);
    assert_int_equal(n2, strlen(id) + CRYPTO_OVERHEAD);
    assert_int_equal(ct[0], k);
    assert_null(memmem(ct, n2, "19491231", 8));
    assert_string_equal(crypto_decrypt(a, ct, n2, NULL), id);
    assert_string_equal(crypto_decrypt(a, old, n, NULL), "aes data");
    for (size_t i = 1; i < n2; i++) { /* any flipped byte: nonce, text or tag */
        unsigned char *bad = arena_alloc(a, n2);
        memcpy(bad, ct, n2);
        bad[i] ^= 0x01;
        assert_null(crypto_decrypt(a, bad, n2, NULL));
    }
    crypto_hmac_hex("500242201001011234", h_sm);
    assert_string_not_equal(h_aes, h_sm);
    assert_int_equal(strlen(h_sm), 64);
    /* the suite line makes it the file's after a reload */
    assert_int_equal(crypto_write_suite(keyfile, err, sizeof err), 0);
    assert_int_equal(crypto_load(keyfile, err, sizeof err), 0);
    assert_string_equal(crypto_suite(), "sm");
    assert_string_equal(crypto_decrypt(a, ct, n2, NULL), id);
    assert_int_equal(crypto_use_suite("aes"), 0);
    crypto_hmac_hex("500242201001011234", h_back);
    assert_string_equal(h_aes, h_back);
    assert_int_equal(crypto_write_suite(keyfile, err, sizeof err), 0);
    assert_int_equal(crypto_load(keyfile, err, sizeof err), 0);
    assert_string_equal(crypto_suite(), "aes");
    assert_int_equal(crypto_use_suite("des"), -1);
    struct stat st;
    stat(keyfile, &st);
    assert_int_equal(st.st_mode & 0777, 0400);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_tamper_detected),
        cmocka_unit_test(test_empty_plaintext),
        cmocka_unit_test(test_hmac),
        cmocka_unit_test(test_rotation_keeps_old_data),
        cmocka_unit_test(test_sm_suite),
        cmocka_unit_test(test_key_file_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
