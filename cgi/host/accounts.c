/*
 * accounts.c - the accounts services (ABI 2.0) of the admin and account
 * modules: passwords (policy, scrypt), ending a user's sessions, TOTP
 * enrolment and the audit chain verification.  The secrets (password
 * hashes, TOTP secrets, the encryption key) never leave the host.
 */
#include "host.h"
#include "audit.h"
#include "crypto.h"
#include "db.h"
#include "totp.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char ISSUER[] = "酉阳困境儿童保障平台";

const char *acct_password_refused(portal_req *r, const char *pw)
{
    const char *why = NULL;
    return pw && password_policy(pw, &why) ? NULL : why ? why : "请填写密码。";
}

/* The signed-in user's current password (a password change).  A wrong one
 * counts toward the login lockout like a failed login; while the account
 * is locked nothing is verified or counted.  A locked account's sessions
 * all end, the caller's too: a stolen session cannot go on guessing.  The
 * count and the ending are kept (they stay when the request is refused). */
int acct_password_matches(portal_req *r, const char *pw)
{
    if (!r->logged_in || !pw)
        return 0;
    db_rows *u = db_query(r->a, "SELECT password_hash, locked_until > UTC_TIMESTAMP(), "
                          "failed_count FROM users WHERE id = ?", "i", r->user.id);
    if (!u || !db_next(u))
        return 0;
    int locked = db_col(u, 1) && atoi(db_col(u, 1));
    if (!locked && password_verify(pw, db_col(u, 0))) {
        /* as a login: the right password clears the count */
        if (atoi(db_col(u, 2)) > 0)
            db_exec(r->a, "UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = ?",
                    "i", r->user.id);
        return 1;
    }
    if (!locked) {
        login_count_failure(r, r->user.id);
        locked = login_locked(r, r->user.id) == 1;
    }
    if (locked)
        kept_exec(r, "DELETE FROM sessions WHERE user_id = ?", "i", r->user.id);
    return 0;
}

int acct_sessions_end(portal_req *r, long long user_id)
{
    return db_exec(r->a, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", "ib",
                   user_id, r->sid_hash, (size_t)32) < 0 ? -1 : 0;
}

int acct_password_set(portal_req *r, long long user_id, const char *pw, int must_change,
                      const char *action, const char *detail)
{
    char hash[256];
    if (acct_password_refused(r, pw) || password_hash(pw, hash, sizeof hash) != 0)
        return -1;
    long long n = db_exec(r->a, "UPDATE users SET password_hash = ?, must_change_password = ?, "
                          "password_changed_at = UTC_TIMESTAMP() WHERE id = ?", "sii", hash,
                          (long long)(must_change != 0), user_id);
    OPENSSL_cleanse(hash, sizeof hash);
    if (n != 1 || acct_sessions_end(r, user_id) != 0)
        return -1;
    if (action)
        audit(r, action, "user", arena_sprintf(r->a, "%lld", user_id), detail);
    return 0;
}

/* the secret awaiting confirmation: decrypted, or (create) a new one stored encrypted */
static int pending_secret(portal_req *r, unsigned char key[TOTP_SECRET_LEN], int create)
{
    db_rows *u = db_query(r->a, "SELECT totp_pending FROM users WHERE id = ?", "i", r->user.id);
    if (!u || !db_next(u))
        return -1;
    if (db_col(u, 0)) {
        size_t n = 0;
        char *pt = crypto_decrypt(r->a, (const unsigned char *)db_col(u, 0), db_col_len(u, 0), &n);
        if (pt && n == TOTP_SECRET_LEN) {
            memcpy(key, pt, n);
            OPENSSL_cleanse(pt, n);
            return 0;
        }
        if (pt)
            OPENSSL_cleanse(pt, n);
        log_msg("PT0602", "the pending TOTP secret of user %lld does not decrypt", r->user.id);
    }
    if (!create || RAND_bytes(key, TOTP_SECRET_LEN) != 1)
        return -1;
    size_t cl = 0;
    unsigned char *ct = crypto_encrypt(r->a, key, TOTP_SECRET_LEN, &cl);
    if (!ct || db_exec(r->a, "UPDATE users SET totp_pending = ? WHERE id = ?", "bi", ct, cl,
                       r->user.id) < 0)
        return -1;
    return 0;
}

/* the secret grouped by four (typed by hand) and the otpauth:// URI (the QR code) */
static void put_secret(portal_req *r, const char *prefix, const char *b32)
{
    buf g;
    buf_init(&g);
    for (size_t i = 0; b32[i]; i++) {
        if (i && i % 4 == 0)
            buf_addc(&g, ' ');
        buf_addc(&g, b32[i]);
    }
    hdf_put(arena_sprintf(r->a, "%s.Secret", prefix), g.data);
    buf_reset(&g);
    buf_adds(&g, "otpauth://totp/");
    esc_url(&g, ISSUER);
    buf_adds(&g, ":");
    esc_url(&g, r->user.username);
    buf_printf(&g, "?secret=%s&issuer=", b32);
    esc_url(&g, ISSUER);
    buf_printf(&g, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP);
    hdf_put(arena_sprintf(r->a, "%s.Uri", prefix), g.data);
    OPENSSL_cleanse(g.data, g.len);
    buf_free(&g);
}

int acct_totp_enrolment(portal_req *r, const char *prefix)
{
    db_rows *u = db_query(r->a, "SELECT totp_secret IS NOT NULL FROM users WHERE id = ?", "i",
                          r->user.id);
    if (!u || !db_next(u))
        return 500;
    if (r->mfa_pending == 2 || totp_required_for(r, r->user.id))
        hdf_put(arena_sprintf(r->a, "%s.Required", prefix), "1");
    if (r->mfa_pending == 2)
        hdf_put(arena_sprintf(r->a, "%s.Blocking", prefix), "1");
    if (atoi(db_col(u, 0))) {
        hdf_put(arena_sprintf(r->a, "%s.Enabled", prefix), "1");
        return 0;
    }
    if (!crypto_ready()) {
        log_msg("PT0603", "TOTP enrolment needs the key file (key_file)");
        return render_error(r, 500, "系统未配置加密密钥，暂时无法启用两步验证，请联系系统管理员。");
    }
    unsigned char key[TOTP_SECRET_LEN];
    if (pending_secret(r, key, 1) != 0)
        return 500;
    char b32[64];
    base32_encode(key, TOTP_SECRET_LEN, b32);
    OPENSSL_cleanse(key, sizeof key);
    put_secret(r, prefix, b32);
    OPENSSL_cleanse(b32, sizeof b32);
    return 0;
}

int acct_totp_confirm(portal_req *r, const char *code)
{
    db_rows *u = db_query(r->a, "SELECT totp_secret IS NOT NULL, totp_last_step FROM users "
                          "WHERE id = ?", "i", r->user.id);
    if (!u || !db_next(u))
        return -1;
    unsigned char key[TOTP_SECRET_LEN];
    if (atoi(db_col(u, 0)) || pending_secret(r, key, 0) != 0)
        return 2;
    long long step = 0;
    int rc = totp_check(key, TOTP_SECRET_LEN, time(NULL), code, atoll(db_col(u, 1)), &step);
    OPENSSL_cleanse(key, sizeof key);
    const char *uid = arena_sprintf(r->a, "%lld", r->user.id);
    if (rc != 1) {
        audit(r, "totp.enrol.fail", "user", uid, NULL);
        return 0;
    }
    if (db_exec(r->a, "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, "
                "totp_last_step = ? WHERE id = ? AND totp_pending IS NOT NULL "
                "AND totp_secret IS NULL", "ii", step, r->user.id) != 1)
        return -1;
    audit(r, "totp.enrol", "user", uid, NULL);
    /* the enrolment-only session becomes a full one, under a new token */
    if (r->mfa_pending == 2 && session_create_mfa(r, r->user.id, 0) != 0)
        return -1;
    r->mfa_pending = 0;
    return 1;
}

int acct_audit_verify(portal_req *r, long long *checked, long long *broken_at)
{
    /* audit_verify resets the arena it walks with: never the request's */
    arena *va = arena_new(1 << 20);
    *checked = 0;
    long long bad = audit_verify(va, checked);
    arena_free(va);
    if (bad < 0)
        return -1;
    *broken_at = bad;
    audit(r, "audit.verify", "audit", NULL,
          bad == 0 ? arena_sprintf(r->a, "intact, %lld rows", *checked)
                   : arena_sprintf(r->a, "broken at row %lld", bad));
    return 0;
}
