/*
 * core.c - the built-in "core" module: login (password, then a TOTP code
 * for users who have one), logout, the health check and the inbox.  Its
 * handlers reach the rest of the host through the services like any
 * module's; only what no module may do (sessions, password and TOTP checks,
 * the throttle) is called directly.  The administration and account pages
 * are modules (modules/admin, modules/account).
 */
#include "host.h"
#include "child.h"
#include "crypto.h"
#include "db.h"
#include "audit.h"
#include "totp.h"
#include "tasks.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Login throttling (no hard lock a stranger could hold): failures are
 * counted per source address (login_throttle) and per account (users);
 * past a threshold each further failure blocks that address or account for
 * 2, 4, 8 ... seconds, at most THROTTLE_MAX_DELAY.  An address reaches its
 * threshold first, so one stranger guessing at a name is held back long
 * before the account is; only many addresses together slow an account.
 * Counts decay: an address's after 15 minutes without a failure, an
 * account's after an hour.  While blocked nothing is verified or counted. */
#define THROTTLE_ADDR_FREE 5
#define THROTTLE_ACCOUNT_FREE 10
#define THROTTLE_MAX_DELAY 900
#define THROTTLE_ADDR_WINDOW 900
#define THROTTLE_ACCOUNT_WINDOW 3600

/* unknown, wrong, disabled and throttled all read the same */
#define LOGIN_REFUSED "用户名或密码错误，或尝试过于频繁，请稍后再试。"

/* a hash nobody's password matches: unknown and throttled logins spend the
 * same scrypt time as a real check, so timing reveals neither */
#define DUMMY_HASH "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$" \
                   "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

static const char *safe_next(const char *next)
{
    return is_local_path(next) ? next : "/";
}

static int login_form(portal_req *r, const struct portal_services *s, const char *error)
{
    const char *next = s->param(r, "next");
    s->set(r, "Login.Next", safe_next(next));
    s->set(r, "Login.Username", s->param(r, "username"));
    if (error)
        s->set(r, "Login.Error", error);
    const char *msg = s->param(r, "msg");
    if (msg && strcmp(msg, "bye") == 0)
        s->set(r, "Login.Notice", "您已安全退出。");
    if (msg && strcmp(msg, "locked") == 0 && !error) /* account.c: a password change */
        s->set(r, "Login.Error", "原密码连续输错次数过多，账户已临时锁定，所有设备上的登录均已退出。"
                                 "请稍后重新登录；如非本人操作，请立即联系系统管理员。");
    return s->render(r, "login.cs", "登录");
}

static int login_get(portal_req *r, const struct portal_services *s)
{
    if (r->logged_in)
        return s->redirect(r, "/");
    /* logged in by password but not yet enrolled: enrolment is the only way on */
    if (r->mfa_pending == 2)
        return s->redirect(r, "/account/totp");
    return login_form(r, s, NULL);
}

/* count a failed attempt (password, code, or the current password of a
 * password change: accounts.c) against the account; kept, so it stays when
 * the request is refused (a 400 rolls back) */
void login_count_failure(portal_req *r, long long uid)
{
    kept_exec(r,
            "UPDATE users SET failed_count = IF(last_failed_at IS NULL OR "
            "   last_failed_at < UTC_TIMESTAMP() - INTERVAL ? SECOND, 1, failed_count + 1), "
            " locked_until = IF(failed_count >= ?, UTC_TIMESTAMP() + INTERVAL "
            "   LEAST(POW(2, LEAST(failed_count - ? + 1, 10)), ?) SECOND, locked_until), "
            " last_failed_at = UTC_TIMESTAMP() WHERE id = ?",
            "iiiii", (long long)THROTTLE_ACCOUNT_WINDOW, (long long)THROTTLE_ACCOUNT_FREE,
            (long long)THROTTLE_ACCOUNT_FREE, (long long)THROTTLE_MAX_DELAY, uid);
}

/* is the account locked out now (login_count_failure)? 1, 0, -1 */
int login_locked(portal_req *r, long long uid)
{
    db_rows *l = db_query(r->a, "SELECT locked_until > UTC_TIMESTAMP() FROM users WHERE id = ?",
                          "i", uid);
    if (!l || !db_next(l))
        return -1;
    return db_col(l, 0) && atoi(db_col(l, 0));
}

static const char *client_addr(portal_req *r)
{
    return r->remote_addr && *r->remote_addr ? r->remote_addr : "-";
}

/* count a failed password from the request's address */
static void count_addr_failure(portal_req *r)
{
    db_exec(r->a,
            "INSERT INTO login_throttle (addr, failures, last_failed_at) "
            "VALUES (?, 1, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE "
            " failures = IF(last_failed_at < UTC_TIMESTAMP() - INTERVAL ? SECOND, 1, failures + 1), "
            " blocked_until = IF(failures >= ?, UTC_TIMESTAMP() + INTERVAL "
            "   LEAST(POW(2, LEAST(failures - ? + 1, 10)), ?) SECOND, NULL), "
            " last_failed_at = UTC_TIMESTAMP()",
            "siiii", client_addr(r), (long long)THROTTLE_ADDR_WINDOW,
            (long long)THROTTLE_ADDR_FREE, (long long)THROTTLE_ADDR_FREE,
            (long long)THROTTLE_MAX_DELAY);
}

static int login_post(portal_req *r, const struct portal_services *s)
{
    const char *user = s->param(r, "username"), *pw = s->param(r, "password");
    if (!user || !*user || !pw || !*pw)
        return login_form(r, s, "请输入用户名和密码。");
    db_rows *blk = db_query(r->a, "SELECT 1 FROM login_throttle WHERE addr = ? "
                            "AND blocked_until > UTC_TIMESTAMP()", "s", client_addr(r));
    db_rows *rows = db_query(r->a,
                             "SELECT id, password_hash, active, locked_until > UTC_TIMESTAMP(), "
                             " totp_secret IS NOT NULL "
                             "FROM users WHERE username = ?", "s", user);
    if (!blk || !rows)
        return 500;
    int addr_blocked = db_next(blk), known = db_next(rows);
    const char *uids = known ? db_col(rows, 0) : NULL;
    long long uid = known ? atoll(uids) : 0;
    if (addr_blocked || (known && db_col(rows, 3) && atoi(db_col(rows, 3)))) {
        /* throttled: nothing is verified or counted, the answer is the same */
        password_verify(pw, DUMMY_HASH);
        s->audit(r, "login.throttled", "user", known ? uids : user,
                 s->sprintf(r, "%s%s", addr_blocked ? "address " : "account",
                            addr_blocked ? client_addr(r) : ""));
        return login_form(r, s, LOGIN_REFUSED);
    }
    if (!known) {
        password_verify(pw, DUMMY_HASH);
        count_addr_failure(r);
        s->audit(r, "login.fail", "user", user, "unknown user");
        return login_form(r, s, LOGIN_REFUSED);
    }
    if (!atoi(db_col(rows, 2))) {
        password_verify(pw, db_col(rows, 1));
        count_addr_failure(r);
        s->audit(r, "login.fail", "user", uids, "disabled account");
        return login_form(r, s, LOGIN_REFUSED);
    }
    if (!password_verify(pw, db_col(rows, 1))) {
        login_count_failure(r, uid);
        count_addr_failure(r);
        s->audit(r, "login.fail", "user", uids, "wrong password");
        return login_form(r, s, LOGIN_REFUSED);
    }
    const char *next = safe_next(s->param(r, "next"));
    /* addresses nobody failed from for a day are forgotten */
    db_exec(r->a, "DELETE FROM login_throttle WHERE last_failed_at < UTC_TIMESTAMP() - "
            "INTERVAL 1 DAY", "");
    if (atoi(db_col(rows, 4))) {
        /* enrolled in TOTP: a half session that only /login/totp accepts; the
         * failure count stays until the code is right, so re-entering the
         * password does not buy more guesses at the code */
        if (session_create_mfa(r, uid, 1) != 0)
            return 500;
        s->audit(r, "login.password", "user", uids, "totp code due");
        buf h;
        buf_init(&h);
        buf_adds(&h, "/login/totp?next=");
        esc_url(&h, next);
        int st = s->redirect(r, arena_strdup(r->a, h.data));
        buf_free(&h);
        return st;
    }
    int enrol = totp_required_for(r, uid);
    db_exec(r->a, "UPDATE users SET failed_count = 0, locked_until = NULL, "
            "last_login = UTC_TIMESTAMP() WHERE id = ?", "i", uid);
    if (session_create_mfa(r, uid, enrol ? 2 : 0) != 0)
        return 500;
    r->logged_in = 1;
    r->user.id = uid;
    r->user.username = user;
    s->audit(r, "login", "user", uids, enrol ? "totp enrolment due" : NULL);
    s->header(r, "Set-Cookie", "pcsrf=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return s->redirect(r, enrol ? "/account/totp" : next);
}

/* the second step: the code from the authenticator app */
static int totp_form(portal_req *r, const struct portal_services *s, const char *error)
{
    s->set(r, "Login.Step", "totp");
    s->set(r, "Login.Next", safe_next(s->param(r, "next")));
    if (error)
        s->set(r, "Login.Error", error);
    return s->render(r, "login.cs", "两步验证");
}

static int login_totp_get(portal_req *r, const struct portal_services *s)
{
    if (r->mfa_pending != 1)
        return s->redirect(r, "/login");
    return totp_form(r, s, NULL);
}

static int login_totp_post(portal_req *r, const struct portal_services *s)
{
    if (r->mfa_pending != 1)
        return s->redirect(r, "/login");
    long long uid = r->mfa_user_id;
    const char *uids = s->sprintf(r, "%lld", uid);
    db_rows *rows = db_query(r->a,
                             "SELECT username, totp_secret, totp_last_step, "
                             " locked_until > UTC_TIMESTAMP() "
                             "FROM users WHERE id = ? AND active = 1", "i", uid);
    if (!rows)
        return 500;
    if (!db_next(rows) || !db_col(rows, 1)) {
        session_destroy(r);
        return s->redirect(r, "/login");
    }
    if (db_col(rows, 3) && atoi(db_col(rows, 3))) {
        session_destroy(r);
        s->audit(r, "login.throttled", "user", uids, "account");
        return login_form(r, s, LOGIN_REFUSED);
    }
    size_t klen = 0;
    char *key = crypto_decrypt(r->a, (const unsigned char *)db_col(rows, 1),
                               db_col_len(rows, 1), &klen);
    if (!key) {
        log_msg("PT0601", "the TOTP secret of user %lld does not decrypt", uid);
        return 500;
    }
    long long step = 0;
    int rc = totp_check((const unsigned char *)key, klen, time(NULL), s->param(r, "code"),
                        atoll(db_col(rows, 2)), &step);
    OPENSSL_cleanse(key, klen);
    /* the step is claimed atomically: two requests with one code cannot both pass */
    if (rc == 1 && db_exec(r->a, "UPDATE users SET totp_last_step = ?, failed_count = 0, "
                           "locked_until = NULL, last_login = UTC_TIMESTAMP() "
                           "WHERE id = ? AND totp_last_step < ?", "iii", step, uid, step) != 1)
        rc = -1;
    if (rc != 1) {
        login_count_failure(r, uid);
        s->audit(r, "login.fail", "user", uids, rc < 0 ? "replayed totp code" : "wrong totp code");
        if (login_locked(r, uid) == 1) {
            session_destroy(r);
            return login_form(r, s, LOGIN_REFUSED);
        }
        return totp_form(r, s, rc < 0 ? "该验证码已经使用过，请等待验证器显示下一个验证码。"
                                   : "验证码不正确。");
    }
    /* a fresh session token for the full login (the half session is dropped) */
    if (session_create_mfa(r, uid, 0) != 0)
        return 500;
    r->logged_in = 1;
    r->user.id = uid;
    r->user.username = db_col(rows, 0);
    s->audit(r, "login", "user", uids, "totp");
    s->header(r, "Set-Cookie", "pcsrf=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return s->redirect(r, safe_next(s->param(r, "next")));
}

static int logout_post(portal_req *r, const struct portal_services *s)
{
    s->audit(r, "logout", "user", s->sprintf(r, "%lld", r->user.id), NULL);
    session_destroy(r);
    return s->redirect(r, "/login?msg=bye");
}

/* /healthz answers within about a second whatever the database does, on a
 * probe connection of its own: 200 "ok"; 200 "degraded: ..." when the
 * database answers but a write would wait (a lock held on this worker's
 * audit chain head, FLUSH TABLES WITH READ LOCK, a backup lock), so pages
 * that write or audit would stall; 503 "database unavailable" when it does
 * not answer.  Monitors read the first word of the body. */
static int healthz(portal_req *r, const struct portal_services *s)
{
    r->ctype = "text/plain; charset=utf-8";
    char why[160];
    int rc = db_probe(audit_chain(), why, sizeof why);
    if (rc < 0) {
        buf_printf(&r->body, "database unavailable: %s\n", why);
        return 503;
    }
    if (rc > 0) {
        buf_printf(&r->body, "degraded: %s\n", why);
        return 200;
    }
    buf_adds(&r->body, "ok\n");
    return 200;
}

/* what waits for the user, across every module's workflows */
static int inbox_get(portal_req *r, const struct portal_services *s)
{
    /* urgent tasks (hours) first, then the workflows' applications (days),
     * a page of them */
    int t = s->tasks_hdf(r, "Tasks", NULL);
    if (t < 0 || s->wf_inbox_paged(r, "Inbox", NULL, PORTAL_INBOX_PAGE) < 0)
        return 500;
    s->set_int(r, "TaskCount", t);
    s->set(r, "CanSupervise", s->has_perm(r, "core.supervise") ? "1" : "0");
    s->set(r, "Today", s->today(r));
    return s->render(r, "inbox.cs", "待办事项");
}

static const struct portal_param login_params[] = {
    {"username", PP_TEXT, 64, 0, "用户名"},
    {"password", PP_TEXT, 128, 0, "密码"},
    {"next", PP_TEXT, 500, 0, "跳转地址"},
    {"msg", PP_CODE, 20, 0, "提示"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param totp_login_params[] = {
    {"code", PP_CODE, 16, 0, "验证码"},
    {"next", PP_TEXT, 500, 0, "跳转地址"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param notice_read_params[] = {
    {"go", PP_INT, 1, 0, "跳转"},
    {NULL, 0, 0, 0, NULL}};

#define SC PR_STATE_CHANGING
static const struct portal_route core_routes[] = {
    {"GET", "/login", login_get, NULL, PR_PUBLIC, login_params},
    {"POST", "/login", login_post, NULL, PR_PUBLIC | SC, login_params},
    /* public: the half session of a verified password is checked by the handler */
    {"GET", "/login/totp", login_totp_get, NULL, PR_PUBLIC, totp_login_params},
    {"POST", "/login/totp", login_totp_post, NULL, PR_PUBLIC | SC, totp_login_params},
    {"POST", "/logout", logout_post, NULL, SC, NULL},
    {"GET", "/healthz", healthz, NULL, PR_NO_DB | PR_NO_LAYOUT, NULL},
    /* what waits for the user, in every module's workflows */
    {"GET", "/inbox", inbox_get, "core.inbox", 0, wf_inbox_params},
    /* urgent tasks past their deadline, for supervision (tasks.c) */
    {"GET", "/inbox/escalated", escalated_get, "core.supervise", 0, NULL},
    /* the user's notices (notices.c) */
    {"GET", "/notices", notices_get, NULL, 0, NULL},
    {"POST", "/notices/{id:int}/read", notice_read_post, NULL, SC, notice_read_params},
    {"POST", "/notices/read-all", notices_read_all_post, NULL, SC, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL}};
#undef SC

static const struct portal_permission core_perms[] = {
    /* every account but a social organisation's partners holds it (session.c) */
    {"core.inbox", "待办事项：办理审批环节和紧急任务"},
    {"core.supervise", "督办：查看超时升级的紧急任务"},
    /* issue 19: one rule for full ID numbers in any export (disclose.c) */
    {"export.full_id", "导出含完整身份证号的名单（须写明用途，超过限额须他人审批）"},
    {NULL, NULL}};

static const struct portal_menu core_menu[] = {
    {"待办事项", "/inbox", "core.inbox", 5},
    {"超时督办", "/inbox/escalated", "core.supervise", 6},
    {NULL, NULL, NULL, 0}};

static const struct portal_migration core_migrations[] = {
    {1, "001_core.sql"},
    {2, "002_divisions.sql"},
    {3, "003_roles.sql"},
    {4, "004_crypto_columns.sql"},
    {5, "005_admin.sql"},
    {6, "006_workflow.sql"},
    {7, "007_audit_chains.sql"},
    {8, "008_partner_admin.sql"},
    {9, "009_wf_total_due.sql"},
    {10, "010_request_tokens.sql"},
    {11, "011_login_throttle.sql"},
    {12, "012_child_core.sql"},
    {13, "013_org_scopes.sql"},
    {14, "014_tasks.sql"},
    {15, "015_settings.sql"},
    {16, "016_payments.sql"},
    {17, "017_pay_lines_period.sql"},
    {18, "018_notice_done.sql"},
    {24, "024_division_cache.sql"},
    {25, "025_crypto_lookups.sql"},
    {26, "026_module_jobs.sql"},
    {29, "029_disclosure.sql"},
    {31, "031_family_removal.sql"},
    {32, "032_perf_caches.sql"},
    {33, "033_scope_sets.sql"},
    {34, "034_session_cache.sql"},
    {36, "036_pay_batch_open_key.sql"},
    {37, "037_export_children.sql"},
    {38, "038_text_limits.sql"},
    {39, "039_house.sql"},
    {40, "040_session_statement.sql"},
    {41, "041_child_marks.sql"},
    {42, "042_open_categories.sql"},
    {43, "043_open_category_columns.sql"},
    {44, "044_pay_marks.sql"},
    {45, "045_notices_stripes.sql"},
    {46, "046_category_spans.sql"},
    {47, "047_name_grams.sql"},
    {48, "048_versions_grow.sql"},
    {49, "049_list_rows.sql"},
    {50, "050_list_rows_county.sql"},
    {51, "051_list_rows_village.sql"},
    {52, "052_inbox_key.sql"},
    {53, "053_calendar_version.sql"},
    {54, "054_inbox_archived_insert.sql"},
    {55, "055_inbox_village_covering.sql"},
    {0, NULL}};

const struct portal_module core_module = {
    PORTAL_MODULE_HEADER,
    .name = "core",
    .title = "平台核心",
    .version = "1.0",
    .routes = core_routes,
    .permissions = core_perms,
    .menu = core_menu,
    .migrations = core_migrations,
    .labels = child_category_labels, /* the categories' names (child.c) */
    .template_dir = NULL,
};
