/*
 * core.c - the built-in "core" module: login, logout, password change and
 * the health check.  Declared with the same descriptor as every module.
 */
#include "host.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FAILURES 5
#define LOCK_MINUTES 15

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
    return login_form(r, NULL);
}

static int login_post(portal_req *r, const struct portal_services *s)
{
    (void)s;
    const char *user = req_param(r, "username"), *pw = req_param(r, "password");
    if (!user || !*user || !pw || !*pw)
        return login_form(r, "请输入用户名和密码。");
    db_rows *rows = db_query(r->a,
                             "SELECT id, password_hash, active, locked_until > UTC_TIMESTAMP(), "
                             " CEIL(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until) / 60) "
                             "FROM users WHERE username = ?", "s", user);
    if (!rows)
        return 500;
    if (!db_next(rows)) {
        /* spend the same time as a real check, so timing does not reveal names */
        password_verify(pw, "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$"
                            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        audit(r, "login.fail", "user", user, "unknown user");
        return login_form(r, "用户名或密码错误。");
    }
    long long uid = atoll(db_col(rows, 0));
    const char *uids = db_col(rows, 0);
    if (db_col(rows, 3) && atoi(db_col(rows, 3))) {
        audit(r, "login.locked", "user", uids, user);
        return login_form(r, arena_sprintf(r->a, "登录失败次数过多，账户已被锁定，请 %s 分钟后再试。",
                                           db_col(rows, 4) ? db_col(rows, 4) : "15"));
    }
    if (!atoi(db_col(rows, 2))) {
        password_verify(pw, db_col(rows, 1));
        audit(r, "login.fail", "user", uids, "disabled account");
        return login_form(r, "用户名或密码错误。");
    }
    if (!password_verify(pw, db_col(rows, 1))) {
        db_exec(r->a,
                "UPDATE users SET locked_until = IF(failed_count + 1 >= ?, "
                " UTC_TIMESTAMP() + INTERVAL ? MINUTE, locked_until), "
                " failed_count = IF(failed_count + 1 >= ?, 0, failed_count + 1) WHERE id = ?",
                "iiii", (long long)MAX_FAILURES, (long long)LOCK_MINUTES,
                (long long)MAX_FAILURES, uid);
        audit(r, "login.fail", "user", uids, "wrong password");
        return login_form(r, "用户名或密码错误。");
    }
    db_exec(r->a, "UPDATE users SET failed_count = 0, locked_until = NULL, "
            "last_login = UTC_TIMESTAMP() WHERE id = ?", "i", uid);
    if (session_create(r, uid) != 0)
        return 500;
    r->logged_in = 1;
    r->user.id = uid;
    r->user.username = user;
    audit(r, "login", "user", uids, NULL);
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

static int healthz(portal_req *r, const struct portal_services *s)
{
    (void)s;
    r->ctype = "text/plain; charset=utf-8";
    if (db_ping() != 0) {
        buf_adds(&r->body, "database unavailable\n");
        return 503;
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

static const struct portal_route core_routes[] = {
    {"GET", "/login", login_get, NULL, PR_PUBLIC, login_params},
    {"POST", "/login", login_post, NULL, PR_PUBLIC | PR_STATE_CHANGING, login_params},
    {"POST", "/logout", logout_post, NULL, PR_STATE_CHANGING, NULL},
    {"GET", "/healthz", healthz, NULL, PR_NO_DB | PR_NO_LAYOUT, NULL},
    {"GET", "/account/password", password_get, NULL, 0, NULL},
    {"POST", "/account/password", password_post, NULL, PR_STATE_CHANGING, password_params},
    {NULL, NULL, NULL, NULL, 0, NULL}};

static const struct portal_permission core_perms[] = {
    {"system.admin", "系统管理"},
    {"system.users", "用户管理"},
    {"system.audit", "查看审计日志"},
    {NULL, NULL}};

static const struct portal_migration core_migrations[] = {
    {1, "001_core.sql"},
    {2, "002_divisions.sql"},
    {3, "003_roles.sql"},
    {4, "004_crypto_columns.sql"},
    {0, NULL}};

const struct portal_module core_module = {
    PORTAL_MODULE_HEADER,
    .name = "core",
    .title = "平台核心",
    .version = "1.0",
    .routes = core_routes,
    .permissions = core_perms,
    .menu = NULL,
    .migrations = core_migrations,
    .template_dir = NULL,
};
