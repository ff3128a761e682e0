/*
 * core.c - the built-in "core" module: login (password, then a TOTP code
 * for users who have one), logout, password change and the health check,
 * plus the routes of the administration pages (admin.c), among them the
 * partner administrator's pages of its own organisation's accounts.
 * Declared with the same descriptor as every module.
 */
#include "host.h"
#include "crypto.h"
#include "db.h"
#include "audit.h"
#include "totp.h"
#include "workflow.h"

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
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
        return "/";
    return next;
}

static int login_form(portal_req *r, const char *error)
{
    const char *next = req_param(r, "next");
    hdf_put("Login.Next", safe_next(next));
    hdf_put("Login.Username", req_param(r, "username"));
    if (error)
        hdf_put("Login.Error", error);
    const char *msg = req_param(r, "msg");
    if (msg && strcmp(msg, "bye") == 0)
        hdf_put("Login.Notice", "您已安全退出。");
    return render_page(r, NULL, "login.cs", "登录");
}

static int login_get(portal_req *r, const struct portal_services *s)
{
    (void)s;
    if (r->logged_in)
        return services.redirect(r, "/");
    /* logged in by password but not yet enrolled: enrolment is the only way on */
    if (r->mfa_pending == 2)
        return services.redirect(r, "/account/totp");
    return login_form(r, NULL);
}

/* count a failed attempt (password or code) against the account */
static void count_failure(portal_req *r, long long uid)
{
    db_exec(r->a,
            "UPDATE users SET failed_count = IF(last_failed_at IS NULL OR "
            "   last_failed_at < UTC_TIMESTAMP() - INTERVAL ? SECOND, 1, failed_count + 1), "
            " locked_until = IF(failed_count >= ?, UTC_TIMESTAMP() + INTERVAL "
            "   LEAST(POW(2, LEAST(failed_count - ? + 1, 10)), ?) SECOND, locked_until), "
            " last_failed_at = UTC_TIMESTAMP() WHERE id = ?",
            "iiiii", (long long)THROTTLE_ACCOUNT_WINDOW, (long long)THROTTLE_ACCOUNT_FREE,
            (long long)THROTTLE_ACCOUNT_FREE, (long long)THROTTLE_MAX_DELAY, uid);
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
    (void)s;
    const char *user = req_param(r, "username"), *pw = req_param(r, "password");
    if (!user || !*user || !pw || !*pw)
        return login_form(r, "请输入用户名和密码。");
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
        audit(r, "login.throttled", "user", known ? uids : user,
              arena_sprintf(r->a, "%s%s", addr_blocked ? "address " : "account",
                            addr_blocked ? client_addr(r) : ""));
        return login_form(r, LOGIN_REFUSED);
    }
    if (!known) {
        password_verify(pw, DUMMY_HASH);
        count_addr_failure(r);
        audit(r, "login.fail", "user", user, "unknown user");
        return login_form(r, LOGIN_REFUSED);
    }
    if (!atoi(db_col(rows, 2))) {
        password_verify(pw, db_col(rows, 1));
        count_addr_failure(r);
        audit(r, "login.fail", "user", uids, "disabled account");
        return login_form(r, LOGIN_REFUSED);
    }
    if (!password_verify(pw, db_col(rows, 1))) {
        count_failure(r, uid);
        count_addr_failure(r);
        audit(r, "login.fail", "user", uids, "wrong password");
        return login_form(r, LOGIN_REFUSED);
    }
    const char *next = safe_next(req_param(r, "next"));
    /* addresses nobody failed from for a day are forgotten */
    db_exec(r->a, "DELETE FROM login_throttle WHERE last_failed_at < UTC_TIMESTAMP() - "
            "INTERVAL 1 DAY", "");
    if (atoi(db_col(rows, 4))) {
        /* enrolled in TOTP: a half session that only /login/totp accepts; the
         * failure count stays until the code is right, so re-entering the
         * password does not buy more guesses at the code */
        if (session_create_mfa(r, uid, 1) != 0)
            return 500;
        audit(r, "login.password", "user", uids, "totp code due");
        buf h;
        buf_init(&h);
        buf_adds(&h, "/login/totp?next=");
        esc_url(&h, next);
        int st = services.redirect(r, arena_strdup(r->a, h.data));
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
    audit(r, "login", "user", uids, enrol ? "totp enrolment due" : NULL);
    resp_header(r, "Set-Cookie", "pcsrf=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return services.redirect(r, enrol ? "/account/totp" : next);
}

/* the second step: the code from the authenticator app */
static int totp_form(portal_req *r, const char *error)
{
    hdf_put("Login.Step", "totp");
    hdf_put("Login.Next", safe_next(req_param(r, "next")));
    if (error)
        hdf_put("Login.Error", error);
    return render_page(r, NULL, "login.cs", "两步验证");
}

static int login_totp_get(portal_req *r, const struct portal_services *s)
{
    (void)s;
    if (r->mfa_pending != 1)
        return services.redirect(r, "/login");
    return totp_form(r, NULL);
}

static int login_totp_post(portal_req *r, const struct portal_services *s)
{
    (void)s;
    if (r->mfa_pending != 1)
        return services.redirect(r, "/login");
    long long uid = r->mfa_user_id;
    const char *uids = arena_sprintf(r->a, "%lld", uid);
    db_rows *rows = db_query(r->a,
                             "SELECT username, totp_secret, totp_last_step, "
                             " locked_until > UTC_TIMESTAMP() "
                             "FROM users WHERE id = ? AND active = 1", "i", uid);
    if (!rows)
        return 500;
    if (!db_next(rows) || !db_col(rows, 1)) {
        session_destroy(r);
        return services.redirect(r, "/login");
    }
    if (db_col(rows, 3) && atoi(db_col(rows, 3))) {
        session_destroy(r);
        audit(r, "login.throttled", "user", uids, "account");
        return login_form(r, LOGIN_REFUSED);
    }
    size_t klen = 0;
    char *key = crypto_decrypt(r->a, (const unsigned char *)db_col(rows, 1),
                               db_col_len(rows, 1), &klen);
    if (!key) {
        log_msg("PT0601", "the TOTP secret of user %lld does not decrypt", uid);
        return 500;
    }
    long long step = 0;
    int rc = totp_check((const unsigned char *)key, klen, time(NULL), req_param(r, "code"),
                        atoll(db_col(rows, 2)), &step);
    OPENSSL_cleanse(key, klen);
    /* the step is claimed atomically: two requests with one code cannot both pass */
    if (rc == 1 && db_exec(r->a, "UPDATE users SET totp_last_step = ?, failed_count = 0, "
                           "locked_until = NULL, last_login = UTC_TIMESTAMP() "
                           "WHERE id = ? AND totp_last_step < ?", "iii", step, uid, step) != 1)
        rc = -1;
    if (rc != 1) {
        count_failure(r, uid);
        audit(r, "login.fail", "user", uids, rc < 0 ? "replayed totp code" : "wrong totp code");
        db_rows *l = db_query(r->a, "SELECT locked_until > UTC_TIMESTAMP() FROM users "
                              "WHERE id = ?", "i", uid);
        if (l && db_next(l) && db_col(l, 0) && atoi(db_col(l, 0))) {
            session_destroy(r);
            return login_form(r, LOGIN_REFUSED);
        }
        return totp_form(r, rc < 0 ? "该验证码已经使用过，请等待验证器显示下一个验证码。"
                                   : "验证码不正确。");
    }
    /* a fresh session token for the full login (the half session is dropped) */
    if (session_create_mfa(r, uid, 0) != 0)
        return 500;
    r->logged_in = 1;
    r->user.id = uid;
    r->user.username = db_col(rows, 0);
    audit(r, "login", "user", uids, "totp");
    resp_header(r, "Set-Cookie", "pcsrf=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return services.redirect(r, safe_next(req_param(r, "next")));
}

static int logout_post(portal_req *r, const struct portal_services *s)
{
    (void)s;
    audit(r, "logout", "user", arena_sprintf(r->a, "%lld", r->user.id), NULL);
    session_destroy(r);
    return services.redirect(r, "/login?msg=bye");
}

/* /healthz answers within about a second whatever the database does, on a
 * probe connection of its own: 200 "ok"; 200 "degraded: ..." when the
 * database answers but a write would wait (a lock held on this worker's
 * audit chain head, FLUSH TABLES WITH READ LOCK, a backup lock), so pages
 * that write or audit would stall; 503 "database unavailable" when it does
 * not answer.  Monitors read the first word of the body. */
static int healthz(portal_req *r, const struct portal_services *s)
{
    (void)s;
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

static int password_form(portal_req *r, const char *error)
{
    if (error)
        hdf_put("Form.Error", error);
    if (r->must_change_password)
        hdf_put("Form.Forced", "1");
    return render_page(r, NULL, "password.cs", "修改密码");
}

static int password_get(portal_req *r, const struct portal_services *s)
{
    (void)s;
    return password_form(r, NULL);
}

static int password_post(portal_req *r, const struct portal_services *s)
{
    (void)s;
    const char *old = req_param(r, "old_password"), *nw = req_param(r, "new_password"),
               *again = req_param(r, "confirm_password"), *why = NULL;
    db_rows *rows = db_query(r->a, "SELECT password_hash FROM users WHERE id = ?", "i",
                             r->user.id);
    if (!rows || !db_next(rows))
        return 500;
    if (!old || !password_verify(old, db_col(rows, 0)))
        return password_form(r, "原密码不正确。");
    if (!nw || !again || strcmp(nw, again) != 0)
        return password_form(r, "两次输入的新密码不一致。");
    if (!password_policy(nw, &why))
        return password_form(r, why);
    if (strcmp(nw, old) == 0)
        return password_form(r, "新密码不能与原密码相同。");
    char hash[256];
    if (password_hash(nw, hash, sizeof hash) != 0)
        return 500;
    if (db_begin() != 0)
        return 500;
    db_exec(r->a, "UPDATE users SET password_hash = ?, must_change_password = 0, "
            "password_changed_at = UTC_TIMESTAMP() WHERE id = ?", "si", hash, r->user.id);
    /* a password change ends every other session of the user */
    db_exec(r->a, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", "ib",
            r->user.id, r->sid_hash, (size_t)32);
    audit(r, "password.change", "user", arena_sprintf(r->a, "%lld", r->user.id), NULL);
    if (db_commit() != 0)
        return 500;
    set_flash(r, "密码已修改，其他设备上的登录已退出。");
    return services.redirect(r, "/");
}

static const struct portal_param login_params[] = {
    {"username", PP_TEXT, 64, 0, "用户名"},
    {"password", PP_TEXT, 128, 0, "密码"},
    {"next", PP_TEXT, 500, 0, "跳转地址"},
    {"msg", PP_CODE, 20, 0, "提示"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param password_params[] = {
    {"old_password", PP_TEXT, 128, 1, "原密码"},
    {"new_password", PP_TEXT, 128, 1, "新密码"},
    {"confirm_password", PP_TEXT, 128, 1, "确认新密码"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param totp_login_params[] = {
    {"code", PP_CODE, 16, 0, "验证码"},
    {"next", PP_TEXT, 500, 0, "跳转地址"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param totp_enrol_params[] = {
    {"code", PP_CODE, 16, 1, "验证码"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param users_list_params[] = {
    {"q", PP_TEXT, 64, 0, "查询"},
    {"after", PP_CODE, 64, 0, "分页位置"},
    {NULL, 0, 0, 0, NULL}};

/* one parameter "role" per checked box: admin.c reads every value */
static const struct portal_param user_new_params[] = {
    {"username", PP_TEXT, 64, 0, "用户名"},
    {"display_name", PP_TEXT, 64, 0, "姓名"},
    {"org", PP_INT, 20, 0, "单位"},
    {"division", PP_CODE, 12, 0, "辖区"},
    {"role", PP_CODE, 32, 0, "角色"},
    {"totp_required", PP_CODE, 1, 0, "要求两步验证"},
    {"password", PP_TEXT, 256, 0, "初始密码"},
    {"confirm_password", PP_TEXT, 256, 0, "确认密码"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param user_update_params[] = {
    {"org", PP_INT, 20, 0, "单位"},
    {"division", PP_CODE, 12, 0, "辖区"},
    {"role", PP_CODE, 32, 0, "角色"},
    {"totp_required", PP_CODE, 1, 0, "要求两步验证"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param user_reset_params[] = {
    {"password", PP_TEXT, 256, 0, "新密码"},
    {"confirm_password", PP_TEXT, 256, 0, "确认密码"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param org_users_params[] = {
    {"after", PP_CODE, 64, 0, "分页位置"},
    {NULL, 0, 0, 0, NULL}};

/* the partner administrator's new user: role, organisation and division are fixed */
static const struct portal_param org_user_new_params[] = {
    {"username", PP_TEXT, 64, 0, "用户名"},
    {"display_name", PP_TEXT, 64, 0, "姓名"},
    {"password", PP_TEXT, 256, 0, "初始密码"},
    {"confirm_password", PP_TEXT, 256, 0, "确认密码"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param audit_params[] = {
    {"user", PP_TEXT, 64, 0, "用户"},
    {"action", PP_CODE, 64, 0, "操作"},
    {"otype", PP_CODE, 32, 0, "对象类型"},
    {"oid", PP_TEXT, 128, 0, "对象编号"},
    {"from", PP_DATE, 10, 0, "开始日期"},
    {"to", PP_DATE, 10, 0, "结束日期"},
    {"before", PP_INT, 20, 0, "分页位置"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param division_add_params[] = {
    {"township", PP_CODE, 12, 0, "所属乡镇"},
    {"code", PP_CODE, 12, 0, "区划代码"},
    {"name", PP_TEXT, 64, 0, "名称"},
    {"type", PP_TEXT, 16, 0, "类型"},
    {"valid_from", PP_DATE, 10, 0, "生效日期"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param division_end_params[] = {
    {"valid_to", PP_DATE, 10, 1, "终止日期"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param org_add_params[] = {
    {"code", PP_CODE, 32, 0, "单位代码"},
    {"name", PP_TEXT, 128, 0, "单位名称"},
    {"kind", PP_CODE, 16, 0, "单位类别"},
    {"division", PP_CODE, 12, 0, "所在区划"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param calendar_params[] = {
    {"day", PP_DATE, 10, 1, "日期"},
    {"is_workday", PP_CODE, 1, 0, "类型"},
    {"note", PP_TEXT, 64, 0, "说明"},
    {"remove", PP_CODE, 1, 0, "删除"},
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
    {"GET", "/account/password", password_get, NULL, 0, NULL},
    {"POST", "/account/password", password_post, NULL, SC, password_params},
    {"GET", "/account/totp", account_totp_get, NULL, 0, NULL},
    {"POST", "/account/totp", account_totp_post, NULL, SC, totp_enrol_params},
    /* accounts and roles: the security administrator */
    {"GET", "/admin/users", admin_users, "system.users", 0, users_list_params},
    {"GET", "/admin/users/new", admin_user_new_get, "system.users", 0, NULL},
    {"POST", "/admin/users/new", admin_user_new_post, "system.users", SC, user_new_params},
    {"GET", "/admin/users/{id}", admin_user_get, "system.users", 0, NULL},
    {"POST", "/admin/users/{id}", admin_user_update, "system.users", SC, user_update_params},
    {"POST", "/admin/users/{id}/disable", admin_user_disable, "system.users", SC, NULL},
    {"POST", "/admin/users/{id}/enable", admin_user_enable, "system.users", SC, NULL},
    {"POST", "/admin/users/{id}/password", admin_user_reset, "system.users", SC,
     user_reset_params},
    {"POST", "/admin/users/{id}/unlock", admin_user_unlock, "system.users", SC, NULL},
    {"POST", "/admin/users/{id}/totp-reset", admin_user_totp_reset, "system.users", SC, NULL},
    /* the accounts of one partner organisation: its partner administrator */
    {"GET", "/org/users", org_users, "org.users", 0, org_users_params},
    {"POST", "/org/users", org_user_create, "org.users", SC, org_user_new_params},
    {"GET", "/org/users/{id}", org_user_get, "org.users", 0, NULL},
    {"POST", "/org/users/{id}/disable", org_user_disable, "org.users", SC, NULL},
    {"POST", "/org/users/{id}/enable", org_user_enable, "org.users", SC, NULL},
    {"POST", "/org/users/{id}/password", org_user_reset, "org.users", SC, user_reset_params},
    {"POST", "/org/users/{id}/unlock", org_user_unlock, "org.users", SC, NULL},
    /* the audit log: the auditor */
    {"GET", "/admin/audit", admin_audit, "system.audit", 0, audit_params},
    {"GET", "/admin/audit/verify", admin_audit_verify, "system.audit", 0, NULL},
    /* divisions and organisations: the system administrator */
    {"GET", "/admin/divisions", admin_divisions, "system.admin", 0, NULL},
    {"POST", "/admin/divisions", admin_division_add, "system.admin", SC, division_add_params},
    {"POST", "/admin/divisions/{code}/end", admin_division_end, "system.admin", SC,
     division_end_params},
    {"GET", "/admin/orgs", admin_orgs, "system.admin", 0, NULL},
    {"POST", "/admin/orgs", admin_org_add, "system.admin", SC, org_add_params},
    /* the workflow (workflow.c): what waits for the user, the working-day calendar */
    {"GET", "/inbox", wf_inbox_page, NULL, 0, NULL},
    {"GET", "/admin/calendar", wf_calendar_get, "system.admin", 0, NULL},
    {"POST", "/admin/calendar", wf_calendar_post, "system.admin", SC, calendar_params},
    {NULL, NULL, NULL, NULL, 0, NULL}};
#undef SC

static const struct portal_menu core_menu[] = {
    {"待办事项", "/inbox", NULL, 5},
    {"本组织账户", "/org/users", "org.users", 795},
    {"用户管理", "/admin/users", "system.users", 800},
    {"审计日志", "/admin/audit", "system.audit", 810},
    {"区划与单位", "/admin/divisions", "system.admin", 820},
    {"工作日历", "/admin/calendar", "system.admin", 825},
    {"账户安全", "/account/totp", NULL, 890},
    {NULL, NULL, NULL, 0}};

static const struct portal_permission core_perms[] = {
    {"system.admin", "系统管理"},
    {"system.users", "用户管理"},
    {"system.audit", "查看审计日志"},
    {"org.users", "管理本组织账户"},
    {NULL, NULL}};

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
    .template_dir = NULL,
};
