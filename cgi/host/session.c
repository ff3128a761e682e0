/*
 * session.c - passwords (scrypt), session tokens, CSRF and Origin checks.
 *
 * A session token is 256 random bits sent in the cookie; the database keeps
 * only its SHA-256.  The session row carries the CSRF token for forms.
 * Before login a separate random cookie ("pcsrf") plays the CSRF role.
 */
#include "host.h"
#include "crypto.h"
#include "dates.h"
#include "db.h"
#include "lookup.h"
#include "settings.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#define SCRYPT_N 16384
#define SCRYPT_R 8
#define SCRYPT_P 1
#define SCRYPT_LEN 32

static int scrypt(const char *pw, const unsigned char *salt, size_t saltlen, unsigned long n,
                  unsigned long r, unsigned long p, unsigned char *out, size_t outlen)
{
    return EVP_PBE_scrypt(pw, strlen(pw), salt, saltlen, n, r, p, 64UL * 1024 * 1024, out,
                          outlen) == 1 ? 0 : -1;
}

/* stored form: scrypt$N$r$p$salt$hash (base64url) */
int password_hash(const char *pw, char *out, size_t outlen)
{
    unsigned char salt[16], dk[SCRYPT_LEN];
    char s64[32], h64[64];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return -1;
    if (scrypt(pw, salt, sizeof salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, dk, sizeof dk) != 0)
        return -1;
    b64url_encode(salt, sizeof salt, s64);
    b64url_encode(dk, sizeof dk, h64);
    OPENSSL_cleanse(dk, sizeof dk);
    int n = snprintf(out, outlen, "scrypt$%d$%d$%d$%s$%s", SCRYPT_N, SCRYPT_R, SCRYPT_P, s64, h64);
    return n > 0 && (size_t)n < outlen ? 0 : -1;
}

int password_verify(const char *pw, const char *stored)
{
    unsigned long n, r, p;
    char s64[64], h64[128];
    if (!stored || sscanf(stored, "scrypt$%lu$%lu$%lu$%63[^$]$%127s", &n, &r, &p, s64, h64) != 5)
        return 0;
    if (n < 1024 || n > (1UL << 20) || r == 0 || r > 32 || p == 0 || p > 16)
        return 0;
    unsigned char salt[48], want[96], got[96];
    long sl = b64url_decode(s64, strlen(s64), salt, sizeof salt);
    long hl = b64url_decode(h64, strlen(h64), want, sizeof want);
    if (sl <= 0 || hl <= 0)
        return 0;
    if (scrypt(pw, salt, (size_t)sl, n, r, p, got, (size_t)hl) != 0)
        return 0;
    int ok = CRYPTO_memcmp(got, want, (size_t)hl) == 0;
    OPENSSL_cleanse(got, sizeof got);
    return ok;
}

/* at least 10 characters with three of: lower, upper, digit, other */
int password_policy(const char *pw, const char **why)
{
    size_t n = strlen(pw);
    int lo = 0, up = 0, di = 0, ot = 0;
    for (const char *p = pw; *p; p++) {
        if (*p >= 'a' && *p <= 'z') lo = 1;
        else if (*p >= 'A' && *p <= 'Z') up = 1;
        else if (*p >= '0' && *p <= '9') di = 1;
        else ot = 1;
    }
    if (n < 10) {
        *why = "密码至少需要 10 个字符。";
        return 0;
    }
    if (n > 128) {
        *why = "密码不能超过 128 个字符。";
        return 0;
    }
    if (lo + up + di + ot < 3) {
        *why = "密码须包含小写字母、大写字母、数字、符号中的至少三类。";
        return 0;
    }
    return 1;
}

/* a token's hash; all zeros (no session's) when OpenSSL fails */
static void sha256(const char *s, unsigned char out[32])
{
    if (crypto_digest(s, strlen(s), out) != 0)
        memset(out, 0, 32);
}

/* "; Secure" on cookies under HTTPS (as Apache says), or always with secure_cookies = 1 */
static const char *secure_attr(portal_req *r)
{
    int tls = r->https && strcasecmp(r->https, "on") == 0;
    return tls || config_int("secure_cookies", 0) ? "; Secure" : "";
}

static const char *cookie(portal_req *r, const char *name)
{
    const http_field *f = http_get(&r->cookies, name);
    return f ? f->value : NULL;
}

/* where a session waiting for TOTP enrolment counts as logged in */
static int enrol_path(const char *path)
{
    return strcmp(path, "/account/totp") == 0 || strcmp(path, "/account/password") == 0 ||
           strcmp(path, "/logout") == 0;
}

/* The session's columns, as the full row gives them (session_row) and as
 * session_apply reads them.  The user's columns (SC_USER) are cached per
 * worker; the others are read on every request (session_check). */
enum {
    SC_UID, SC_USERNAME, SC_DISPLAY, SC_ORG_ID, SC_ORG_NAME, SC_DIVISION, SC_DIV_NAME,
    SC_CSRF, SC_MUST_CHANGE, SC_PERMS, SC_IDLE, SC_FLASH, SC_MFA, SC_AGE, SC_ORG_KIND,
    SC_SCOPE, SC_UNREAD, SC_VSUM, SC_VERSIONS, SC_SCOPE_SET, SC_N
};
static const int sc_user[] = {SC_UID, SC_USERNAME, SC_DISPLAY, SC_ORG_ID, SC_ORG_NAME,
                              SC_DIVISION, SC_DIV_NAME, SC_MUST_CHANGE, SC_PERMS, SC_ORG_KIND,
                              SC_SCOPE, SC_SCOPE_SET, SC_UNREAD};
#define SC_NUSER (sizeof sc_user / sizeof sc_user[0])

/* a user scoped by a set of divisions (issue 15; sql/033_scope_sets.sql):
 * the villages granted to them today, "" for none today; NULL for a user
 * with no grant at all (scoped by their division as always).  One of the
 * user's columns, cached by the worker for the day it was read on (a grant
 * begins and ends by the date alone); a grant written moves 'sessions'
 * (sql/040_session_statement.sql), so it is seen by the user's next
 * request.  Binds today twice. */
#define SCOPE_SET_SQL                                                                   \
    " (SELECT COALESCE(GROUP_CONCAT(DISTINCT IF(g.valid_from <= ? AND "                  \
    "   COALESCE(g.valid_to, '9999-12-31') > ?, g.division_code, NULL) ORDER BY "        \
    "   g.division_code), '') FROM user_scope_divisions g WHERE g.user_id = u.id "       \
    "   HAVING COUNT(*) > 0) "

/* the session's own columns: its age since it was last seen (SC_IDLE) and
 * since it was made (SC_AGE) in seconds by the server's clock (the portal
 * decides idle and absolute expiry from them: session_live), and the sum
 * of every version of what workers cache (sessions, divisions, settings,
 * notices and the modules' data versions: service data_version) plus their
 * count, in the order of SC_* above less the user's and the list.  The sum
 * moves with every write of cache_versions, whose rows only grow (core 048),
 * so the list "name:version,..." (SC_VERSIONS) is read again only when it
 * moves (versions_now): one number instead of a GROUP_CONCAT on every
 * request.  The unread notices are one of the user's columns, good while
 * 'notices' is the version they were counted at (every write of notices
 * and notice_reads moves it: core 040, 045). */
#define VERSIONS_SUM_SQL "SUM(v.version) + COUNT(*)"
#define VERSIONS_LIST_SQL "GROUP_CONCAT(v.name, ':', v.version)"
#define SESSION_LIVE_SQL \
    " s.csrf_token, TIMESTAMPDIFF(SECOND, s.last_seen, UTC_TIMESTAMP()), s.flash, " \
    " s.mfa_pending, TIMESTAMPDIFF(SECOND, s.created_at, UTC_TIMESTAMP()), " \
    " (SELECT " VERSIONS_SUM_SQL " FROM cache_versions v) "
static const int sc_live[] = {SC_CSRF, SC_IDLE, SC_FLASH, SC_MFA, SC_AGE, SC_VSUM};
#define SC_NLIVE (sizeof sc_live / sizeof sc_live[0])

/* a session's row is live while it was seen within session_idle seconds
 * and made within session_absolute */
static int session_live(const char *const *c)
{
    return atoll(c[SC_IDLE]) < config_int("session_idle", 1800) &&
           atoll(c[SC_AGE]) < config_int("session_absolute", 43200);
}

/* Per worker: the list of versions as last read, and the sum it was read
 * with (in one statement, so they are one snapshot) */
static struct {
    long long sum;
    char *list;
} kept_versions = {-1, NULL};

/* The versions asked of the worker's kept list, each scanned once while
 * the list stays (a request asked 7 of them, each a scan of the whole
 * list: about a tenth of a kept list page's instructions) */
#define VERSIONS_MEMO 16
static struct {
    const char *name[VERSIONS_MEMO]; /* copies of the names asked */
    long long v[VERSIONS_MEMO];
    int n;
} versions_memo;

static void versions_memo_clear(void)
{
    for (int i = 0; i < versions_memo.n; i++)
        free((char *)versions_memo.name[i]);
    versions_memo.n = 0;
}

static void versions_keep(const char *sum, const char *list)
{
    versions_memo_clear();
    free(kept_versions.list);
    kept_versions.list = list ? strdup(list) : NULL;
    kept_versions.sum = sum && kept_versions.list ? atoll(sum) : -1;
}

/* c[SC_VERSIONS]: the list of versions whose sum the session's row read
 * (c[SC_VSUM]), the worker's when it kept that sum, else read again now (a
 * snapshot as new as the row's or newer).  0, or -1: the database failed */
static int versions_now(portal_req *r, const char **c)
{
    if (kept_versions.list && c[SC_VSUM] && atoll(c[SC_VSUM]) == kept_versions.sum) {
        c[SC_VERSIONS] = arena_strdup(r->a, kept_versions.list);
        return 0;
    }
    db_rows *q = db_query(r->a, "SELECT " VERSIONS_SUM_SQL ", " VERSIONS_LIST_SQL
                          " FROM cache_versions v", "");
    if (!q || !db_next(q))
        return -1;
    c[SC_VSUM] = db_col(q, 0);
    c[SC_VERSIONS] = db_col(q, 1);
    versions_keep(c[SC_VSUM], c[SC_VERSIONS]);
    return 0;
}

/* the version of `name` in a list "name:version,..." (the session's
 * SC_VERSIONS): its row's plus its stripes' ("notices.0" ... "notices.7",
 * rows that writers on different connections move apart: core 045), a sum
 * that grows with every write of any of them; -1 when it has none */
static long long version_scan(const char *list, const char *name)
{
    size_t n = strlen(name);
    long long v = -1;
    for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        const char *colon = strchr(p, ':');
        if (colon && strncmp(p, name, n) == 0 && (p[n] == ':' || p[n] == '.'))
            v = (v < 0 ? 0 : v) + atoll(colon + 1);
    }
    return v;
}

static long long version_in(const char *list, const char *name)
{
    if (!list || !kept_versions.list || strcmp(list, kept_versions.list) != 0)
        return version_scan(list, name);
    for (int i = 0; i < versions_memo.n; i++)
        if (strcmp(versions_memo.name[i], name) == 0)
            return versions_memo.v[i];
    long long v = version_scan(list, name);
    if (versions_memo.n < VERSIONS_MEMO) {
        char *kept = strdup(name);
        if (kept) {
            versions_memo.name[versions_memo.n] = kept;
            versions_memo.v[versions_memo.n++] = v;
        }
    }
    return v;
}

/* the session of the token whose hash is r->sid_hash, with its active user:
 * columns 0 .. SC_NUSER-1 the user's (sc_user), then the live ones
 * (sc_live), then the list of versions (read with the sum: one snapshot) */
static db_rows *session_row(portal_req *r)
{
    const char *today = clock_today(r);
    return db_query(
        r->a,
        "SELECT u.id, u.username, u.display_name, u.org_id, o.name, u.division_code, "
        " d.name, u.must_change_password, "
        " CONCAT_WS(',', (SELECT GROUP_CONCAT(DISTINCT rp.perm) FROM user_roles ur "
        "   JOIN role_perms rp ON rp.role_id = ur.role_id WHERE ur.user_id = u.id), "
        "  (SELECT GROUP_CONCAT(up.perm) FROM user_perms up WHERE up.user_id = u.id)), "
        " o.kind, k.scope, " SCOPE_SET_SQL ", "
        NOTICES_UNREAD_SQL("u.id", "u.org_id", "u.division_code") ", " SESSION_LIVE_SQL
        ", (SELECT " VERSIONS_LIST_SQL " FROM cache_versions v) "
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "LEFT JOIN orgs o ON o.id = u.org_id "
        "LEFT JOIN org_kinds k ON k.code = o.kind "
        "LEFT JOIN divisions d ON d.code = u.division_code "
        "WHERE s.token_hash = ? AND u.active = 1",
        "ssb", today, today, r->sid_hash, (size_t)32);
}

/* the same session without what the worker caches of its user, the
 * session's row alone: column 0 the user's id, then the live ones
 * (sc_live).  The user's row is not read: a user disabled or removed moves
 * 'sessions' (034), so the worker's entry is stale and session_row, which
 * wants an active user, decides. */
static db_rows *session_check(portal_req *r)
{
    return db_query(r->a, "SELECT s.user_id, " SESSION_LIVE_SQL "FROM sessions s "
                    "WHERE s.token_hash = ?", "b", r->sid_hash, (size_t)32);
}

/* Per worker: the user's columns of recent sessions, keyed by the session
 * token's hash, good on the day they were read and while the versions of
 * scache_names are the ones they were read at (read with the row that
 * filled the entry, so the entry and its versions are one snapshot).
 * Direct-mapped: a session whose slot another took is read in full again. */
static const char *const scache_names[] = {"sessions", "divisions", "notices"};
#define SCACHE_NV (sizeof scache_names / sizeof scache_names[0])
struct session_cached {
    unsigned char sid[32];
    long long v[SCACHE_NV];
    char day[16];
    char *col[SC_NUSER];
    int used;
};
static struct session_cached scache[256];

static struct session_cached *scache_slot(const unsigned char *sid)
{
    return &scache[sid[0]];
}

static void scache_store(portal_req *r, const char *const *c)
{
    struct session_cached *e = scache_slot(r->sid_hash);
    for (size_t i = 0; i < SC_NUSER; i++) {
        free(e->col[i]);
        e->col[i] = c[sc_user[i]] ? strdup(c[sc_user[i]]) : NULL;
        if (c[sc_user[i]] && !e->col[i]) {
            e->used = 0;   /* out of memory: the next request reads the row in full */
            return;
        }
    }
    memcpy(e->sid, r->sid_hash, 32);
    snprintf(e->day, sizeof e->day, "%s", clock_today(r));
    e->used = 1;
    for (size_t i = 0; i < SCACHE_NV; i++)
        if ((e->v[i] = version_in(c[SC_VERSIONS], scache_names[i])) < 0)
            e->used = 0;
}

/* the cached user's columns into c when the entry is of this session and
 * still current (the live columns in c say the versions now): 1, else 0 */
static int scache_fill(portal_req *r, const char **c)
{
    struct session_cached *e = scache_slot(r->sid_hash);
    for (size_t i = 0; i < SCACHE_NV; i++)
        if (version_in(c[SC_VERSIONS], scache_names[i]) != e->v[i])
            return 0;
    if (strcmp(e->day, clock_today(r)) != 0 || !e->col[0] || strcmp(e->col[0], c[SC_UID]) != 0)
        return 0;
    for (size_t i = 0; i < SC_NUSER; i++)
        c[sc_user[i]] = e->col[i] ? arena_strdup(r->a, e->col[i]) : NULL;
    return 1;
}

/* the session's columns (SC_*) into c: from the worker's cache and one
 * indexed read when it is current, else from the full row (then cached).
 * 1: a live session; 0: none; -1: the database failed */
static int session_columns(portal_req *r, const char **c)
{
    db_rows *q;
    const struct session_cached *e = scache_slot(r->sid_hash);
    if (e->used && memcmp(e->sid, r->sid_hash, 32) == 0) {
        if (!(q = session_check(r)))
            return -1;
        if (!db_next(q))
            return 0;
        c[SC_UID] = db_col(q, 0);
        for (size_t i = 0; i < SC_NLIVE; i++)
            c[sc_live[i]] = db_col(q, (int)(i + 1));
        if (!session_live(c))
            return 0;
        if (versions_now(r, c) < 0)
            return -1;
        if (scache_fill(r, c))
            return 1;
    }
    if (!(q = session_row(r)))
        return -1;
    if (!db_next(q))
        return 0;
    for (size_t i = 0; i < SC_NUSER; i++)
        c[sc_user[i]] = db_col(q, (int)i);
    for (size_t i = 0; i < SC_NLIVE; i++)
        c[sc_live[i]] = db_col(q, (int)(SC_NUSER + i));
    if (!session_live(c))
        return 0;
    c[SC_VERSIONS] = db_col(q, (int)(SC_NUSER + SC_NLIVE));
    versions_keep(c[SC_VSUM], c[SC_VERSIONS]);
    scache_store(r, c);
    return 1;
}

/* what the session's row says beside the user: unread notices and the
 * versions of what workers cache */
static void session_extras(portal_req *r, const char *const *c)
{
    r->unread_notices = c[SC_UNREAD] ? atoll(c[SC_UNREAD]) : 0;
    r->data_versions = c[SC_VERSIONS];
    division_version_seen(version_in(c[SC_VERSIONS], "divisions"));
    settings_version_seen(version_in(c[SC_VERSIONS], "settings"));
}

/* service data_version (ABI "sess"): the version of a cache_versions row
 * as the session's statement read it, -1 without a session or such a row */
long long data_version(portal_req *r, const char *name)
{
    return version_in(r->data_versions, name);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* the logged-in user of the session row */
static void session_user(portal_req *r, const char *const *c, int mfa)
{
    r->mfa_pending = mfa;
    r->logged_in = 1;
    r->user.id = atoll(c[SC_UID]);
    r->user.username = c[SC_USERNAME];
    r->user.display_name = c[SC_DISPLAY];
    r->user.org_id = c[SC_ORG_ID] ? atoll(c[SC_ORG_ID]) : 0;
    r->user.org_name = or_empty(c[SC_ORG_NAME]);
    r->user.division = or_empty(c[SC_DIVISION]);
    r->user.division_name = or_empty(c[SC_DIV_NAME]);
    r->user.org_kind = or_empty(c[SC_ORG_KIND]);
    /* an organisation of an org-scoped kind: its links, never a division */
    r->user.scope = c[SC_SCOPE] && strcmp(c[SC_SCOPE], "org") == 0 &&
                            r->user.org_id > 0 ? "org" : "division";
    r->scope_set = strcmp(r->user.scope, "org") != 0 ? c[SC_SCOPE_SET] : NULL;
    r->csrf = c[SC_CSRF];
    session_extras(r, c);
    r->must_change_password = atoi(c[SC_MUST_CHANGE]) != 0;
    /* until enrolled the user holds no permission at all */
    /* core.inbox (the workflows' and urgent tasks' inbox) is every account's
     * but a social organisation's: its partners neither act on a step nor
     * receive a task (their work is volunteer's pages) */
    r->perms = mfa ? ",," : arena_sprintf(r->a, ",%s,%s", or_empty(c[SC_PERMS]),
                                          strcmp(r->user.org_kind, "ngo") ? "core.inbox," : "");
    r->flash_in = c[SC_FLASH];
    if (atoll(c[SC_IDLE]) > 60)
        db_exec(r->a, "UPDATE sessions SET last_seen = UTC_TIMESTAMP() "
                "WHERE token_hash = ?", "b", r->sid_hash, (size_t)32);
}

/* 1: the session row settles the request; 0: the request goes on as anonymous */
static int session_apply(portal_req *r, const char *const *c)
{
    int mfa = atoi(c[SC_MFA]);
    r->has_sid = 1;
    if (mfa == 1) {
        /* password verified, code due: never logged in; the code form
         * (and only it) uses this half session's CSRF token, for five minutes */
        if (atoll(c[SC_AGE]) < 300) {
            r->mfa_pending = 1;
            r->mfa_user_id = atoll(c[SC_UID]);
            if (strcmp(r->path, "/login/totp") == 0) {
                r->csrf = c[SC_CSRF];
                session_extras(r, c);
                return 1;
            }
        }
        return 0;
    }
    if (mfa == 2 && !enrol_path(r->path)) {
        r->mfa_pending = 2;
        r->mfa_user_id = atoll(c[SC_UID]);
        return 0;
    }
    session_user(r, c, mfa);
    return 1;
}

/* anonymous: the pre-session CSRF cookie */
static void anonymous_csrf(portal_req *r)
{
    const char *pc = cookie(r, "pcsrf");
    if (pc && strlen(pc) == 32) {
        r->csrf = pc;
    } else {
        char *t = arena_alloc(r->a, 64);
        random_token(t, 24);
        r->csrf = t;
        resp_header(r, "Set-Cookie",
                    arena_sprintf(r->a, "pcsrf=%s; Path=/; HttpOnly; SameSite=Strict%s", t,
                                  secure_attr(r)));
    }
}

int session_load(portal_req *r)
{
    const char *tok = cookie(r, "psid");
    division_version_seen(-1);
    settings_version_seen(-1);
    if (tok && strlen(tok) == 43) {
        const char *c[SC_N] = {0};
        sha256(tok, r->sid_hash);
        int live = session_columns(r, c);
        if (live < 0)
            return -1;
        if (live && session_apply(r, c))
            return 0;
    }
    anonymous_csrf(r);
    return 0;
}

int session_create(portal_req *r, long long user_id)
{
    return session_create_mfa(r, user_id, 0);
}

int session_create_mfa(portal_req *r, long long user_id, int mfa_pending)
{
    char tok[64], csrf[64];
    /* a new login replaces the session (or half session) the browser held */
    if (r->has_sid)
        db_exec(r->a, "DELETE FROM sessions WHERE token_hash = ?", "b", r->sid_hash, (size_t)32);
    random_token(tok, 32);   /* 256 bits: 43 characters */
    random_token(csrf, 24);
    sha256(tok, r->sid_hash);
    if (db_exec(r->a, "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                "last_seen, ip, mfa_pending) VALUES (?, ?, ?, UTC_TIMESTAMP(), "
                "UTC_TIMESTAMP(), ?, ?)",
                "bissi", r->sid_hash, (size_t)32, user_id, csrf,
                r->remote_addr ? r->remote_addr : "", (long long)mfa_pending) < 0)
        return -1;
    r->has_sid = 1;
    resp_header(r, "Set-Cookie",
                arena_sprintf(r->a, "psid=%s; Path=/; HttpOnly; SameSite=Strict%s", tok,
                              secure_attr(r)));
    r->csrf = arena_strdup(r->a, csrf);
    return 0;
}

void session_destroy(portal_req *r)
{
    if (r->logged_in || r->has_sid)
        db_exec(r->a, "DELETE FROM sessions WHERE token_hash = ?", "b", r->sid_hash, (size_t)32);
    resp_header(r, "Set-Cookie", "psid=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    r->logged_in = 0;
    r->has_sid = 0;
}

int totp_required_for(portal_req *r, long long user_id)
{
    db_rows *rows = db_query(r->a,
                             "SELECT u.totp_required, (SELECT GROUP_CONCAT(ro.code) FROM user_roles ur "
                             " JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id) "
                             "FROM users u WHERE u.id = ?", "i", user_id);
    if (!rows || !db_next(rows))
        return 1;   /* in doubt, ask for the second factor */
    if (atoi(db_col(rows, 0)))
        return 1;
    const char *want = config_get("require_totp_roles", "sysadmin,secadmin,auditor,ngo_admin");
    const char *have = db_col(rows, 1);
    if (!have || !want)
        return 0;
    /* both are comma lists of role codes; spaces around the configured ones are allowed */
    char *w = arena_strdup(r->a, want), *save = NULL;
    for (char *t = strtok_r(w, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        size_t l = strlen(t);
        for (const char *p = strstr(have, t); p; p = strstr(p + 1, t))
            if ((p == have || p[-1] == ',') && (p[l] == ',' || p[l] == 0))
                return 1;
    }
    return 0;
}

int csrf_check(portal_req *r)
{
    const http_field *f = http_get(&r->bf, "_csrf");
    if (!f || !r->csrf)
        return 0;
    size_t a = strlen(r->csrf);
    return f->len == a && CRYPTO_memcmp(f->value, r->csrf, a) == 0;
}

/* scheme://host[:port] at the start of s: the scheme and host lower-cased,
 * the port explicit (the scheme's default when absent); 0 when s does not
 * start with an http(s) origin.  *rest points after the authority. */
static int origin_parse(const char *s, char *out, size_t outlen, const char **rest)
{
    const char *scheme, *p;
    int tls;
    if (strncasecmp(s, "https://", 8) == 0)
        tls = 1, scheme = "https", p = s + 8;
    else if (strncasecmp(s, "http://", 7) == 0)
        tls = 0, scheme = "http", p = s + 7;
    else
        return 0;
    size_t hl = strcspn(p, ":/?#");
    if (hl == 0 || hl > 255 || memchr(p, '@', hl))
        return 0;
    const char *q = p + hl;
    long port = tls ? 443 : 80;
    if (*q == ':') {
        char *end;
        if (q[1] < '0' || q[1] > '9')
            return 0;
        port = strtol(q + 1, &end, 10);
        if (port < 1 || port > 65535 || end - q > 6)
            return 0;
        q = end;
    }
    if (*q && *q != '/' && *q != '?' && *q != '#')
        return 0;
    int n = snprintf(out, outlen, "%s://%.*s:%ld", scheme, (int)hl, p, port);
    if (n < 0 || (size_t)n >= outlen)
        return 0;
    for (char *c = out; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    *rest = q;
    return 1;
}

/* A state change must come from a page of this site: the Origin (or, when
 * the browser sent none, the Referer) names the same scheme, host and port
 * as the request itself (HTTPS from the server, Host from the client).  A
 * request with neither header is refused: every browser sends Origin on a
 * form POST, so only scripts omit both (see README, Security). */
int origin_check(portal_req *r)
{
    const char *o = r->origin, *rest = NULL;
    int from_referer = 0;
    if (!o || !*o || strcmp(o, "null") == 0) {
        if (!r->referer || !*r->referer)
            return 0;
        o = r->referer;
        from_referer = 1;
    }
    if (!r->host || !*r->host)
        return 0;
    int tls = r->https && strcasecmp(r->https, "on") == 0;
    char self[300], theirs[300];
    const char *srest = NULL;
    if (!origin_parse(arena_sprintf(r->a, "%s://%s", tls ? "https" : "http", r->host), self,
                      sizeof self, &srest) || *srest)
        return 0;
    if (!origin_parse(o, theirs, sizeof theirs, &rest))
        return 0;
    /* an Origin is exactly scheme://host[:port]; a Referer goes on with a path */
    if (!from_referer && *rest)
        return 0;
    return strcmp(self, theirs) == 0;
}

void session_flash_seen(portal_req *r)
{
    /* showing a message twice is no reason to fail the page */
    int doomed = db_doomed();
    db_exec(r->a, "UPDATE sessions SET flash = NULL WHERE token_hash = ?", "b", r->sid_hash,
            (size_t)32);
    db_set_doomed(doomed);
    r->flash_shown = 0;
}

void set_flash(portal_req *r, const char *msg)
{
    if (r->logged_in)
        db_exec(r->a, "UPDATE sessions SET flash = ? WHERE token_hash = ?", "sb", msg,
                r->sid_hash, (size_t)32);
}
