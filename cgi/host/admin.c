/*
 * admin.c - the administration pages of the core module, and TOTP enrolment.
 *
 * Three administrator roles, kept apart on purpose (sql/003_roles.sql):
 *   system.users  (安全管理员 secadmin)  accounts, roles, jurisdictions
 *   system.audit  (审计员 auditor)       reads the audit log, checks its chain
 *   system.admin  (系统管理员 sysadmin)   divisions and organisations
 * and, for one NGO organisation each (sql/008_partner_admin.sql):
 *   org.users     (社会组织管理员 ngo_admin) the partner users of its own
 *                 organisation (/org/users)
 * Every act is audited (admin.*, org.user.*, audit.read), with the target's
 * id and never a password.  Bad input re-renders the form with Chinese
 * field errors and changes nothing.  Routes and their parameters are
 * declared in core.c.
 */
#include "host.h"
#include "audit.h"
#include "crypto.h"
#include "db.h"
#include "totp.h"

#include <ctype.h>
#include <limits.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE 50
#define MAX_ROLES 16

/* ------------------------------------------------------------ helpers */

static const char *path_arg(portal_req *r, const char *name)
{
    for (size_t i = 0; i < r->nargs; i++)
        if (strcmp(r->arg_names[i], name) == 0)
            return r->arg_values[i];
    return NULL;
}

/* the {id} of the path, or -1 */
static long long path_id(portal_req *r)
{
    const char *v = path_arg(r, "id");
    if (!v || !*v || strlen(v) > 18)
        return -1;
    for (const char *p = v; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    return atoll(v);
}

static const char *param(portal_req *r, const char *name)
{
    const char *v = req_param(r, name);
    return v ? v : "";
}

/* text for a LIKE pattern: pre + text with its wildcards escaped + post */
static const char *like_pattern(portal_req *r, const char *pre, const char *q, const char *post)
{
    buf b;
    buf_init(&b);
    buf_adds(&b, pre);
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_addc(&b, '\\');
        buf_addc(&b, *p);
    }
    buf_adds(&b, post);
    char *out = arena_strdup(r->a, b.data);
    buf_free(&b);
    return out;
}

/* at most `limit` rows as prefix.N.column (the core's row filler) */
static size_t put_rows(portal_req *r, const char *prefix, db_rows *rows, size_t limit, int *more)
{
    (void)r;
    int n = hdf_put_rows_limit(prefix, rows, limit, more);
    return n > 0 ? (size_t)n : 0;
}

static void field_error(portal_req *r, int *nerr, const char *field, const char *msg)
{
    hdf_put(arena_sprintf(r->a, "Errors.%s", field), msg);
    (*nerr)++;
}

static int is_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* [a-z0-9_.]{3,32} */
static int username_ok(const char *u)
{
    size_t n = strlen(u);
    if (n < 3 || n > 32)
        return 0;
    for (const char *p = u; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
            return 0;
    return 1;
}

/* reference lists for the user forms: organisations and current divisions */
static int put_org_division_choices(portal_req *r)
{
    db_rows *o = db_query(r->a, "SELECT id, name, code FROM orgs WHERE active = 1 "
                          "ORDER BY division_code, name", "");
    if (!o)
        return -1;
    put_rows(r, "Orgs", o, 10000, NULL);
    db_rows *d = db_query(r->a, "SELECT code, name, level FROM divisions "
                          "WHERE valid_to IS NULL OR valid_to >= UTC_DATE() ORDER BY code", "");
    if (!d)
        return -1;
    put_rows(r, "Divisions", d, 100000, NULL);
    return 0;
}

/* ------------------------------------------------------------- roles */

struct role_set {
    const char *code[MAX_ROLES];
    size_t n;
};

static int role_in(const struct role_set *rs, const char *code)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->code[i], code) == 0)
            return 1;
    return 0;
}

/* every "role" value posted (one per checked box) */
static void roles_posted(portal_req *r, struct role_set *rs)
{
    rs->n = 0;
    for (size_t i = 0; i < r->bf.n && rs->n < MAX_ROLES; i++) {
        const http_field *f = &r->bf.v[i];
        if (strcmp(f->name, "role") == 0 && !f->filename && f->value[0] &&
            !role_in(rs, f->value))
            rs->code[rs->n++] = f->value;
    }
}

static int roles_of_user(portal_req *r, long long uid, struct role_set *rs)
{
    rs->n = 0;
    db_rows *rows = db_query(r->a, "SELECT ro.code FROM user_roles ur JOIN roles ro "
                             "ON ro.id = ur.role_id WHERE ur.user_id = ? ORDER BY ro.code", "i", uid);
    if (!rows)
        return -1;
    while (db_next(rows) && rs->n < MAX_ROLES)
        rs->code[rs->n++] = db_col(rows, 0);
    return 0;
}

static int same_roles(const struct role_set *a, const struct role_set *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (!role_in(b, a->code[i]))
            return 0;
    return 1;
}

static const char *roles_joined(portal_req *r, const struct role_set *rs)
{
    buf b;
    buf_init(&b);
    buf_add(&b, "", 0);
    for (size_t i = 0; i < rs->n; i++) {
        if (i)
            buf_addc(&b, ',');
        buf_adds(&b, rs->code[i]);
    }
    char *out = arena_strdup(r->a, b.data);
    buf_free(&b);
    return out;
}

/* the roles table as checkboxes, the given set checked */
static int put_role_choices(portal_req *r, const struct role_set *checked)
{
    db_rows *rows = db_query(r->a, "SELECT code, name FROM roles ORDER BY id", "");
    if (!rows)
        return -1;
    size_t i = 0;
    while (db_next(rows)) {
        hdf_put(arena_sprintf(r->a, "Roles.%zu.code", i), db_col(rows, 0));
        hdf_put(arena_sprintf(r->a, "Roles.%zu.name", i), db_col(rows, 1));
        if (checked && role_in(checked, db_col(rows, 0)))
            hdf_put(arena_sprintf(r->a, "Roles.%zu.checked", i), "1");
        i++;
    }
    return 0;
}

/* roles exist; the auditor is never also an administrator who acts; a
 * partner administrator (ngo_admin) is no site administrator and belongs to
 * an NGO organisation (`org`: the organisation posted, "" for none) */
static void check_roles(portal_req *r, const struct role_set *rs, const char *org, int *nerr)
{
    if (rs->n == 0) {
        field_error(r, nerr, "role", "请至少选择一个角色。");
        return;
    }
    for (size_t i = 0; i < rs->n; i++) {
        db_rows *x = db_query(r->a, "SELECT id FROM roles WHERE code = ?", "s", rs->code[i]);
        if (!x || !db_next(x)) {
            field_error(r, nerr, "role", "所选角色不存在。");
            return;
        }
    }
    if (role_in(rs, "auditor") && (role_in(rs, "sysadmin") || role_in(rs, "secadmin")))
        field_error(r, nerr, "role",
                    "审计员角色不能与系统管理员或安全管理员角色授予同一账户（职责分离）。");
    if (!role_in(rs, "ngo_admin"))
        return;
    if (role_in(rs, "sysadmin") || role_in(rs, "secadmin") || role_in(rs, "auditor")) {
        field_error(r, nerr, "role", "社会组织管理员角色不能与系统管理员、安全管理员或审计员"
                    "角色授予同一账户。");
        return;
    }
    db_rows *o = *org ? db_query(r->a, "SELECT kind FROM orgs WHERE id = ?", "i", atoll(org))
                      : NULL;
    if (!o || !db_next(o) || strcmp(db_col(o, 0), "ngo") != 0)
        field_error(r, nerr, "role", "社会组织管理员角色只能授予社会组织的用户，请先选择该用户"
                    "所属的社会组织。");
}

static int store_roles(portal_req *r, long long uid, const struct role_set *rs)
{
    if (db_exec(r->a, "DELETE FROM user_roles WHERE user_id = ?", "i", uid) < 0)
        return -1;
    for (size_t i = 0; i < rs->n; i++)
        if (db_exec(r->a, "INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles "
                    "WHERE code = ?", "is", uid, rs->code[i]) != 1)
            return -1;
    return 0;
}

/* org (optional) and division (required) of the user forms */
static void check_org_division(portal_req *r, const char *org, const char *division, int *nerr)
{
    if (*org) {
        db_rows *o = db_query(r->a, "SELECT id FROM orgs WHERE id = ? AND active = 1", "i",
                              atoll(org));
        if (!o || !db_next(o))
            field_error(r, nerr, "org", "所选单位不存在。");
    }
    if (!*division) {
        field_error(r, nerr, "division", "请选择辖区。");
    } else {
        db_rows *d = db_query(r->a, "SELECT code FROM divisions WHERE code = ? "
                              "AND (valid_to IS NULL OR valid_to >= UTC_DATE())", "s", division);
        if (!d || !db_next(d))
            field_error(r, nerr, "division", "所选辖区不存在或已失效。");
    }
}

/* ------------------------------------------------------------- users */

int admin_users(portal_req *r, const struct portal_services *s)
{
    (void)s;
    const char *q = param(r, "q"), *after = param(r, "after");
    const char *pat = like_pattern(r, "%", q, "%");
    db_rows *rows = db_query(
        r->a,
        "SELECT u.id, u.username, u.display_name, COALESCE(o.name, '') AS org, "
        " COALESCE(d.name, '') AS division, "
        " COALESCE((SELECT GROUP_CONCAT(ro.name ORDER BY ro.id SEPARATOR '、') "
        "   FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id "
        "   WHERE ur.user_id = u.id), '') AS roles, "
        " u.active, IF(u.locked_until > UTC_TIMESTAMP(), 1, 0) AS locked, "
        " COALESCE(DATE_FORMAT(u.last_login, '%Y-%m-%d %H:%i'), '') AS last_login, "
        " IF(u.totp_secret IS NULL, 0, 1) AS totp "
        "FROM users u LEFT JOIN orgs o ON o.id = u.org_id "
        "LEFT JOIN divisions d ON d.code = u.division_code "
        "WHERE (? = '' OR u.username LIKE ? OR u.display_name LIKE ? OR o.name LIKE ?) "
        " AND u.username > ? ORDER BY u.username LIMIT 51",
        "sssss", q, pat, pat, pat, after);
    if (!rows)
        return 500;
    int more = 0;
    size_t n = put_rows(r, "Users", rows, PAGE, &more);
    hdf_put("Filter.q", q);
    hdf_put_int("Counts.users", (long long)n);
    if (more && n) {
        buf b;
        buf_init(&b);
        buf_adds(&b, "/admin/users?q=");
        esc_url(&b, q);
        buf_adds(&b, "&after=");
        esc_url(&b, rows->cells[(n - 1) * rows->ncols + 1]);
        hdf_put("Pager.Next", b.data);
        buf_free(&b);
        buf_init(&b);
        buf_adds(&b, "/admin/users?q=");
        esc_url(&b, q);
        hdf_put("Pager.First", b.data);
        buf_free(&b);
    } else if (*after) {
        buf b;
        buf_init(&b);
        buf_adds(&b, "/admin/users?q=");
        esc_url(&b, q);
        hdf_put("Pager.First", b.data);
        buf_free(&b);
    }
    return render_page(r, NULL, "admin_users.cs", "用户管理");
}

static int new_user_form(portal_req *r, const struct role_set *checked)
{
    if (put_role_choices(r, checked) != 0 || put_org_division_choices(r) != 0)
        return 500;
    return render_page(r, NULL, "admin_user_new.cs", "新建用户");
}

int admin_user_new_get(portal_req *r, const struct portal_services *s)
{
    (void)s;
    hdf_put("Form.division", r->user.division);
    return new_user_form(r, NULL);
}

int admin_user_new_post(portal_req *r, const struct portal_services *s)
{
    (void)s;
    const char *username = param(r, "username"), *name = param(r, "display_name"),
               *org = param(r, "org"), *division = param(r, "division"),
               *pw = param(r, "password"), *pw2 = param(r, "confirm_password"), *why = NULL;
    int totp_req = strcmp(param(r, "totp_required"), "1") == 0;
    struct role_set rs;
    roles_posted(r, &rs);
    int nerr = 0;
    if (!username_ok(username)) {
        field_error(r, &nerr, "username",
                    "用户名须为 3–32 个字符，只能包含小写字母、数字、下划线和点。");
    } else {
        db_rows *x = db_query(r->a, "SELECT id FROM users WHERE username = ?", "s", username);
        if (!x)
            return 500;
        if (db_next(x))
            field_error(r, &nerr, "username", "该用户名已被使用。");
    }
    if (!*name)
        field_error(r, &nerr, "display_name", "请填写姓名。");
    check_org_division(r, org, division, &nerr);
    check_roles(r, &rs, org, &nerr);
    if (!*pw)
        field_error(r, &nerr, "password", "请填写初始密码。");
    else if (!password_policy(pw, &why))
        field_error(r, &nerr, "password", why);
    else if (strcmp(pw, pw2) != 0)
        field_error(r, &nerr, "confirm_password", "两次输入的密码不一致。");
    if (nerr) {
        hdf_put("Form.Error", "请改正标出的错误后再提交，未做任何修改。");
        hdf_put("Form.username", username);
        hdf_put("Form.display_name", name);
        hdf_put("Form.org", org);
        hdf_put("Form.division", division);
        if (totp_req)
            hdf_put("Form.totp_required", "1");
        return new_user_form(r, &rs);
    }
    char hash[256];
    if (password_hash(pw, hash, sizeof hash) != 0)
        return 500;
    if (db_begin() != 0)
        return 500;
    if (db_exec(r->a, "INSERT INTO users (username, display_name, password_hash, org_id, "
                "division_code, active, must_change_password, totp_required, created_at) "
                "VALUES (?, ?, ?, ?, ?, 1, 1, ?, UTC_TIMESTAMP())", "sssssi", username, name,
                hash, *org ? org : NULL, division, (long long)totp_req) != 1)
        return 500;
    long long uid = db_insert_id();
    if (store_roles(r, uid, &rs) != 0)
        return 500;
    const char *uids = arena_sprintf(r->a, "%lld", uid);
    audit(r, "admin.user.create", "user", uids,
          arena_sprintf(r->a, "username=%s roles=%s division=%s org=%s totp_required=%d",
                        username, roles_joined(r, &rs), division, *org ? org : "-", totp_req));
    if (db_commit() != 0)
        return 500;
    set_flash(r, arena_sprintf(r->a, "用户 %s 已创建，首次登录时须修改密码。", username));
    return services.redirect(r, arena_sprintf(r->a, "/admin/users/%lld", uid));
}

/* the edit page of one user; `posted` (a refused update) keeps what was sent */
static int user_page(portal_req *r, long long uid, const struct role_set *posted)
{
    db_rows *u = db_query(
        r->a,
        "SELECT u.id, u.username, u.display_name, COALESCE(u.org_id, '') AS org, "
        " COALESCE(o.name, '') AS org_name, u.division_code AS division, "
        " COALESCE(d.name, '') AS division_name, u.active, "
        " IF(u.locked_until > UTC_TIMESTAMP(), 1, 0) AS locked, u.failed_count, "
        " COALESCE(DATE_FORMAT(u.last_login, '%Y-%m-%d %H:%i'), '') AS last_login, "
        " DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i') AS created_at, u.must_change_password, "
        " IF(u.totp_secret IS NULL, 0, 1) AS totp, u.totp_required "
        "FROM users u LEFT JOIN orgs o ON o.id = u.org_id "
        "LEFT JOIN divisions d ON d.code = u.division_code WHERE u.id = ?", "i", uid);
    if (!u)
        return 500;
    if (!db_next(u))
        return 404;
    for (size_t c = 0; c < u->ncols; c++)
        hdf_put(arena_sprintf(r->a, "Edit.%s", u->names[c]), db_col(u, c) ? db_col(u, c) : "");
    const struct role_set *checked = posted;
    if (posted) {
        hdf_put("Edit.org", param(r, "org"));
        hdf_put("Edit.division", param(r, "division"));
        hdf_put("Edit.totp_required", strcmp(param(r, "totp_required"), "1") == 0 ? "1" : "0");
    }
    struct role_set have;
    if (!checked) {
        if (roles_of_user(r, uid, &have) != 0)
            return 500;
        checked = &have;
    }
    if (uid == r->user.id)
        hdf_put("Edit.Self", "1");
    if (put_role_choices(r, checked) != 0 || put_org_division_choices(r) != 0)
        return 500;
    return render_page(r, NULL, "admin_user_edit.cs",
                       arena_sprintf(r->a, "用户：%s", db_col(u, 1)));
}

int admin_user_get(portal_req *r, const struct portal_services *s)
{
    (void)s;
    long long uid = path_id(r);
    if (uid < 0)
        return 404;
    return user_page(r, uid, NULL);
}

/* the target of a POST: exists? (404 otherwise) */
static int target_exists(portal_req *r, long long uid, const char **username)
{
    if (uid < 0)
        return 0;
    db_rows *x = db_query(r->a, "SELECT username FROM users WHERE id = ?", "i", uid);
    if (!x || !db_next(x))
        return 0;
    if (username)
        *username = db_col(x, 0);
    return 1;
}

static int refuse(portal_req *r, long long uid, const char *field, const char *msg)
{
    int nerr = 0;
    field_error(r, &nerr, field, msg);
    hdf_put("Form.Error", msg);
    return user_page(r, uid, NULL);
}

int admin_user_update(portal_req *r, const struct portal_services *s)
{
    (void)s;
    long long uid = path_id(r);
    const char *uname;
    if (!target_exists(r, uid, &uname))
        return 404;
    const char *org = param(r, "org"), *division = param(r, "division");
    int totp_req = strcmp(param(r, "totp_required"), "1") == 0;
    struct role_set rs, before;
    roles_posted(r, &rs);
    if (roles_of_user(r, uid, &before) != 0)
        return 500;
    int nerr = 0;
    if (uid == r->user.id && !same_roles(&rs, &before))
        field_error(r, &nerr, "role", "不能修改自己的角色，请由另一位安全管理员操作。");
    check_org_division(r, org, division, &nerr);
    check_roles(r, &rs, org, &nerr);
    if (nerr) {
        hdf_put("Form.Error", "请改正标出的错误后再提交，未做任何修改。");
        return user_page(r, uid, &rs);
    }
    db_rows *old = db_query(r->a, "SELECT totp_required, totp_secret IS NULL FROM users "
                            "WHERE id = ?", "i", uid);
    if (!old || !db_next(old))
        return 500;
    int newly_required = totp_req && !atoi(db_col(old, 0)) && atoi(db_col(old, 1));
    if (db_begin() != 0)
        return 500;
    if (db_exec(r->a, "UPDATE users SET org_id = ?, division_code = ?, totp_required = ? "
                "WHERE id = ?", "ssii", *org ? org : NULL, division, (long long)totp_req,
                uid) < 0)
        return 500;
    if (store_roles(r, uid, &rs) != 0)
        return 500;
    /* two-factor newly required and not enrolled: the next login enrols */
    if (newly_required &&
        db_exec(r->a, "DELETE FROM sessions WHERE user_id = ?", "i", uid) < 0)
        return 500;
    audit(r, "admin.user.update", "user", arena_sprintf(r->a, "%lld", uid),
          arena_sprintf(r->a, "username=%s roles=%s (was %s) division=%s org=%s totp_required=%d",
                        uname, roles_joined(r, &rs), roles_joined(r, &before), division,
                        *org ? org : "-", totp_req));
    if (db_commit() != 0)
        return 500;
    set_flash(r, "用户信息已保存。");
    return services.redirect(r, arena_sprintf(r->a, "/admin/users/%lld", uid));
}

/* Enable or disable an account, for /admin/users (org_id 0) and /org/users
 * (org_id: only a user of that organisation, and an account the security
 * administrator disabled stays disabled): in one transaction with the audit
 * row (action.enable / action.disable), then the flash and the redirect. */
static int account_set_active(portal_req *r, long long uid, long long org_id, int on,
                              const char *action, const char *detail, const char *back)
{
    if (db_begin() != 0)
        return 500;
    if (org_id > 0 && on) {
        db_rows *x = db_query(r->a, "SELECT active, disabled_by_org FROM users WHERE id = ? "
                              "FOR UPDATE", "i", uid);
        if (!x || !db_next(x))
            return 500;
        if (!atoi(db_col(x, 0)) && !atoi(db_col(x, 1))) {
            db_rollback();
            return services.fail(r, 409, "该账户由县级安全管理员停用，本组织不能启用，请联系县民政局。");
        }
    }
    /* disabled_by_org: who may enable it again */
    if (db_exec(r->a, "UPDATE users SET active = ?, disabled_by_org = ? WHERE id = ? AND "
                "(? = 0 OR org_id = ?)", "iiiii", (long long)on, (long long)(org_id > 0 && !on),
                uid, org_id, org_id) < 0)
        return 500;
    /* a disabled user is logged out everywhere at once */
    if (!on && db_exec(r->a, "DELETE FROM sessions WHERE user_id = ?", "i", uid) < 0)
        return 500;
    audit(r, arena_sprintf(r->a, "%s.%s", action, on ? "enable" : "disable"), "user",
          arena_sprintf(r->a, "%lld", uid), detail);
    if (db_commit() != 0)
        return 500;
    set_flash(r, on ? "账户已启用。" : "账户已停用，该用户的所有登录已退出。");
    return services.redirect(r, back);
}

static int set_active(portal_req *r, int on)
{
    long long uid = path_id(r);
    const char *uname;
    if (!target_exists(r, uid, &uname))
        return 404;
    if (!on && uid == r->user.id)
        return refuse(r, uid, "status", "不能停用自己的账户。");
    return account_set_active(r, uid, 0, on, "admin.user", uname,
                              arena_sprintf(r->a, "/admin/users/%lld", uid));
}

int admin_user_disable(portal_req *r, const struct portal_services *s)
{
    (void)s;
    return set_active(r, 0);
}

int admin_user_enable(portal_req *r, const struct portal_services *s)
{
    (void)s;
    return set_active(r, 1);
}

/* the new password of a reset form: NULL when acceptable, else why not */
static const char *reset_password_error(portal_req *r)
{
    const char *pw = param(r, "password"), *pw2 = param(r, "confirm_password"), *why = NULL;
    if (!*pw)
        return "请填写新密码。";
    if (!password_policy(pw, &why))
        return why;
    if (strcmp(pw, pw2) != 0)
        return "两次输入的密码不一致。";
    return NULL;
}

/* The writes of a password reset or an unlock, for /admin/users and
 * /org/users alike: in one transaction with their audit row (org_id > 0:
 * only a user of that organisation), then the flash and the redirect to
 * back.  pw NULL: unlock. */
static int account_reset(portal_req *r, long long uid, long long org_id, const char *pw,
                         const char *action, const char *detail, const char *back)
{
    char hash[256];
    if (pw && password_hash(pw, hash, sizeof hash) != 0)
        return 500;
    if (db_begin() != 0)
        return 500;
    if (pw ? db_exec(r->a, "UPDATE users SET password_hash = ?, must_change_password = 1, "
                     "password_changed_at = UTC_TIMESTAMP() WHERE id = ? AND (? = 0 OR "
                     "org_id = ?)", "siii", hash, uid, org_id, org_id) < 0 ||
                 db_exec(r->a, "DELETE FROM sessions WHERE user_id = ?", "i", uid) < 0
           : db_exec(r->a, "UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = ? "
                     "AND (? = 0 OR org_id = ?)", "iii", uid, org_id, org_id) < 0)
        return 500;
    audit(r, action, "user", arena_sprintf(r->a, "%lld", uid), detail);
    if (db_commit() != 0)
        return 500;
    set_flash(r, pw ? "密码已重置，该用户的登录已退出，下次登录时须修改密码。" : "账户已解锁。");
    return services.redirect(r, back);
}

int admin_user_reset(portal_req *r, const struct portal_services *s)
{
    (void)s;
    long long uid = path_id(r);
    const char *uname, *msg;
    if (!target_exists(r, uid, &uname))
        return 404;
    if (uid == r->user.id)
        return refuse(r, uid, "password", "请通过“修改密码”页面修改自己的密码。");
    if ((msg = reset_password_error(r)) != NULL)
        return refuse(r, uid, "password", msg);
    return account_reset(r, uid, 0, param(r, "password"), "admin.user.reset", uname,
                         arena_sprintf(r->a, "/admin/users/%lld", uid));
}

int admin_user_unlock(portal_req *r, const struct portal_services *s)
{
    (void)s;
    long long uid = path_id(r);
    const char *uname;
    if (!target_exists(r, uid, &uname))
        return 404;
    return account_reset(r, uid, 0, NULL, "admin.user.unlock", uname,
                         arena_sprintf(r->a, "/admin/users/%lld", uid));
}

/* a lost phone: the user enrols again at the next login */
int admin_user_totp_reset(portal_req *r, const struct portal_services *s)
{
    (void)s;
    long long uid = path_id(r);
    const char *uname;
    if (!target_exists(r, uid, &uname))
        return 404;
    if (uid == r->user.id)
        return refuse(r, uid, "totp", "不能重置自己的两步验证，请由另一位安全管理员操作。");
    if (db_begin() != 0)
        return 500;
    if (db_exec(r->a, "UPDATE users SET totp_secret = NULL, totp_pending = NULL WHERE id = ?",
                "i", uid) < 0 ||
        db_exec(r->a, "DELETE FROM sessions WHERE user_id = ?", "i", uid) < 0)
        return 500;
    audit(r, "admin.user.totp_reset", "user", arena_sprintf(r->a, "%lld", uid), uname);
    if (db_commit() != 0)
        return 500;
    set_flash(r, "两步验证已重置，该用户下次登录时须重新绑定。");
    return services.redirect(r, arena_sprintf(r->a, "/admin/users/%lld", uid));
}

/* ------------------------------------------- partner administrators */

/*
 * /org/users: the partner administrator (org.users, role ngo_admin) manages
 * the accounts of its own NGO organisation.  It acts only on users of that
 * organisation whose roles are exactly {ngo_partner}: never on itself, on
 * another partner administrator, or on a government account whose
 * organisation was mis-set.  Any other id answers 404 through the audited
 * not-found path, so ids cannot be probed.  New accounts get the role
 * ngo_partner, the organisation's division and must change the password.
 */

/* a user whose only role is ngo_partner (SQL on the users row `u`) */
#define PARTNER_ONLY                                                                    \
    "(SELECT GROUP_CONCAT(ro.code) FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id " \
    " WHERE ur.user_id = u.id) = 'ngo_partner'"

struct own_org {
    long long id;
    const char *ids, *name, *division;
};

/* the administrator's organisation: an active NGO, or a Chinese refusal
 * (403, audited) and nothing else */
static int own_org(portal_req *r, struct own_org *o)
{
    const char *why = "您的账户未关联社会组织，不能管理组织账户，请联系安全管理员。",
               *detail = "org.users: no NGO organisation";
    o->id = r->user.org_id;
    o->ids = arena_sprintf(r->a, "%lld", o->id);
    if (o->id > 0) {
        db_rows *x = db_query(r->a, "SELECT name, kind, division_code, active FROM orgs "
                              "WHERE id = ?", "i", o->id);
        if (!x)
            return 500;
        if (db_next(x) && strcmp(db_col(x, 1), "ngo") == 0) {
            if (atoi(db_col(x, 3))) {
                o->name = db_col(x, 0);
                o->division = db_col(x, 2);
                return 0;
            }
            why = "您所在的社会组织已停用，不能管理本组织账户。如有疑问请联系县民政部门。";
            detail = "org.users: organisation inactive";
        }
    }
    audit(r, "deny", "org", o->id > 0 ? o->ids : NULL, detail);
    return render_error(r, 403, why);
}

/* the target of /org/users/{id}: a partner user of the organisation, else 0
 * (the caller answers the audited 404) */
static int org_target(portal_req *r, const struct own_org *o, long long uid,
                      const char **username)
{
    if (uid < 0 || uid == r->user.id)
        return 0;
    db_rows *x = db_query(r->a, "SELECT u.username FROM users u WHERE u.id = ? AND u.org_id = ? "
                          "AND " PARTNER_ONLY, "ii", uid, o->id);
    if (!x || !db_next(x))
        return 0;
    *username = db_col(x, 0);
    return 1;
}

static int org_not_found(portal_req *r)
{
    const char *id = path_arg(r, "id");
    return services.not_found(r, "user", id ? id : "");
}

/* the administrator's organisation and the user of the path it may act on:
 * 0, or the status already answered (403 no organisation, audited 404) */
static int org_subject(portal_req *r, struct own_org *o, long long *uid, const char **uname)
{
    int st = own_org(r, o);
    if (st)
        return st;
    *uid = path_id(r);
    return org_target(r, o, *uid, uname) ? 0 : org_not_found(r);
}

static int org_users_page(portal_req *r, const struct own_org *o)
{
    const char *after = param(r, "after");
    db_rows *rows = db_query(
        r->a,
        "SELECT u.id, u.username, u.display_name, "
        " COALESCE((SELECT GROUP_CONCAT(ro.name ORDER BY ro.id SEPARATOR '、') "
        "   FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id "
        "   WHERE ur.user_id = u.id), '') AS roles, "
        " u.active, IF(u.locked_until > UTC_TIMESTAMP(), 1, 0) AS locked, "
        " COALESCE(DATE_FORMAT(u.last_login, '%Y-%m-%d %H:%i'), '') AS last_login, "
        " IF(u.id <> ? AND " PARTNER_ONLY ", 1, 0) AS manageable "
        "FROM users u WHERE u.org_id = ? AND u.username > ? "
        /* partner accounts only: a government account put in the organisation
         * by mistake is none of the partner administrator's business */
        " AND NOT EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id "
        "   WHERE ur.user_id = u.id AND ro.code NOT IN ('ngo_partner', 'ngo_admin')) "
        "ORDER BY u.username LIMIT 51",
        "iis", r->user.id, o->id, after);
    if (!rows)
        return 500;
    int more = 0;
    size_t n = put_rows(r, "Users", rows, PAGE, &more);
    hdf_put_int("Counts.users", (long long)n);
    if (*after)
        hdf_put("Pager.First", "/org/users");
    if (more && n) {
        buf b;
        buf_init(&b);
        buf_adds(&b, "/org/users?after=");
        esc_url(&b, rows->cells[(n - 1) * rows->ncols + 1]);
        hdf_put("Pager.Next", b.data);
        buf_free(&b);
    }
    hdf_put("Org.name", o->name);
    db_rows *d = db_query(r->a, "SELECT name FROM divisions WHERE code = ?", "s", o->division);
    if (!d)
        return 500;
    hdf_put("Org.division", db_next(d) ? db_col(d, 0) : o->division);
    return render_page(r, NULL, "org_users.cs", "本组织账户");
}

int org_users(portal_req *r, const struct portal_services *s)
{
    (void)s;
    struct own_org o;
    int st = own_org(r, &o);
    return st ? st : org_users_page(r, &o);
}

int org_user_create(portal_req *r, const struct portal_services *s)
{
    (void)s;
    struct own_org o;
    int st = own_org(r, &o);
    if (st)
        return st;
    const char *username = param(r, "username"), *name = param(r, "display_name"),
               *pw = param(r, "password"), *pw2 = param(r, "confirm_password"), *why = NULL;
    int nerr = 0;
    if (!username_ok(username)) {
        field_error(r, &nerr, "username",
                    "用户名须为 3–32 个字符，只能包含小写字母、数字、下划线和点。");
    } else {
        db_rows *x = db_query(r->a, "SELECT id FROM users WHERE username = ?", "s", username);
        if (!x)
            return 500;
        if (db_next(x))
            field_error(r, &nerr, "username", "该用户名已被使用。");
    }
    if (!*name)
        field_error(r, &nerr, "display_name", "请填写姓名。");
    if (!*pw)
        field_error(r, &nerr, "password", "请填写初始密码。");
    else if (!password_policy(pw, &why))
        field_error(r, &nerr, "password", why);
    else if (strcmp(pw, pw2) != 0)
        field_error(r, &nerr, "confirm_password", "两次输入的密码不一致。");
    if (nerr) {
        hdf_put("Form.Error", "请改正标出的错误后再提交，未做任何修改。");
        hdf_put("Form.username", username);
        hdf_put("Form.display_name", name);
        return org_users_page(r, &o);
    }
    char hash[256];
    if (password_hash(pw, hash, sizeof hash) != 0)
        return 500;
    if (db_begin() != 0)
        return 500;
    if (db_exec(r->a, "INSERT INTO users (username, display_name, password_hash, org_id, "
                "division_code, active, must_change_password, totp_required, created_at) "
                "VALUES (?, ?, ?, ?, ?, 1, 1, 0, UTC_TIMESTAMP())", "sssis", username, name, hash,
                o.id, o.division) != 1)
        return 500;
    long long uid = db_insert_id();
    struct role_set rs = {{"ngo_partner"}, 1};
    if (store_roles(r, uid, &rs) != 0)
        return 500;
    audit(r, "org.user.create", "user", arena_sprintf(r->a, "%lld", uid),
          arena_sprintf(r->a, "username=%s roles=ngo_partner org=%lld division=%s", username,
                        o.id, o.division));
    if (db_commit() != 0)
        return 500;
    set_flash(r, arena_sprintf(r->a, "账户 %s 已创建，首次登录时须修改密码。", username));
    return services.redirect(r, arena_sprintf(r->a, "/org/users/%lld", uid));
}

/* one partner user and what may be done to it */
static int org_user_page(portal_req *r, const struct own_org *o, long long uid)
{
    db_rows *u = db_query(
        r->a,
        "SELECT u.id, u.username, u.display_name, u.active, "
        " IF(u.locked_until > UTC_TIMESTAMP(), 1, 0) AS locked, u.must_change_password, "
        " COALESCE(DATE_FORMAT(u.last_login, '%Y-%m-%d %H:%i'), '') AS last_login, "
        " DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i') AS created_at "
        "FROM users u WHERE u.id = ? AND u.org_id = ?", "ii", uid, o->id);
    if (!u)
        return 500;
    if (!db_next(u))
        return 404;
    for (size_t c = 0; c < u->ncols; c++)
        hdf_put(arena_sprintf(r->a, "Edit.%s", u->names[c]), db_col(u, c) ? db_col(u, c) : "");
    hdf_put("Org.name", o->name);
    return render_page(r, NULL, "org_user.cs", arena_sprintf(r->a, "账户：%s", db_col(u, 1)));
}

int org_user_get(portal_req *r, const struct portal_services *s)
{
    (void)s;
    struct own_org o;
    long long uid;
    const char *uname;
    int st = org_subject(r, &o, &uid, &uname);
    if (st)
        return st;
    return org_user_page(r, &o, uid);
}

static int org_set_active(portal_req *r, int on)
{
    struct own_org o;
    long long uid;
    const char *uname;
    int st = org_subject(r, &o, &uid, &uname);
    if (st)
        return st;
    return account_set_active(r, uid, o.id, on, "org.user",
                              arena_sprintf(r->a, "username=%s org=%lld", uname, o.id),
                              arena_sprintf(r->a, "/org/users/%lld", uid));
}

int org_user_disable(portal_req *r, const struct portal_services *s)
{
    (void)s;
    return org_set_active(r, 0);
}

int org_user_enable(portal_req *r, const struct portal_services *s)
{
    (void)s;
    return org_set_active(r, 1);
}

int org_user_reset(portal_req *r, const struct portal_services *s)
{
    (void)s;
    struct own_org o;
    long long uid;
    const char *uname;
    int st = org_subject(r, &o, &uid, &uname);
    if (st)
        return st;
    const char *msg;
    if ((msg = reset_password_error(r)) != NULL) {
        int nerr = 0;
        field_error(r, &nerr, "password", msg);
        hdf_put("Form.Error", "请改正标出的错误后再提交，未做任何修改。");
        return org_user_page(r, &o, uid);
    }
    return account_reset(r, uid, o.id, param(r, "password"), "org.user.reset",
                         arena_sprintf(r->a, "username=%s org=%lld", uname, o.id),
                         arena_sprintf(r->a, "/org/users/%lld", uid));
}

int org_user_unlock(portal_req *r, const struct portal_services *s)
{
    (void)s;
    struct own_org o;
    long long uid;
    const char *uname;
    int st = org_subject(r, &o, &uid, &uname);
    if (st)
        return st;
    return account_reset(r, uid, o.id, NULL, "org.user.unlock",
                         arena_sprintf(r->a, "username=%s org=%lld", uname, o.id),
                         arena_sprintf(r->a, "/org/users/%lld", uid));
}

/* ------------------------------------------------------------- audit */

int admin_audit(portal_req *r, const struct portal_services *s)
{
    (void)s;
    const char *user = param(r, "user"), *action = param(r, "action"),
               *otype = param(r, "otype"), *oid = param(r, "oid"), *from = param(r, "from"),
               *to = param(r, "to"), *before_s = param(r, "before");
    long long before = *before_s ? atoll(before_s) : LLONG_MAX;
    /* by user: the account's id when it exists, else the name as recorded
     * (failed logins of unknown names, portalctl) */
    long long uid = -1;
    int by_name = 0;
    if (*user) {
        db_rows *u = db_query(r->a, "SELECT id FROM users WHERE username = ?", "s", user);
        if (!u)
            return 500;
        if (db_next(u))
            uid = atoll(db_col(u, 0));
        else
            by_name = 1;
    }
    /* an action or a family of them: "admin.user" finds admin.user.create... */
    const char *action_like = like_pattern(r, "", action, ".%");
    db_rows *rows = db_query(
        r->a,
        "SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s') AS at, "
        " COALESCE(a.username, '') AS username, a.action, "
        " COALESCE(a.object_type, '') AS otype, COALESCE(a.object_id, '') AS oid, "
        " COALESCE(a.detail, '') AS detail, COALESCE(a.ip, '') AS ip "
        "FROM audit_log a WHERE a.id < ? "
        " AND (? = '' OR a.user_id = ? OR (? = 1 AND a.username = ?)) "
        " AND (? = '' OR a.action = ? OR a.action LIKE ?) "
        " AND (? = '' OR a.object_type = ?) "
        " AND (? = '' OR a.object_id = ?) "
        " AND a.at >= ? AND a.at < DATE_ADD(?, INTERVAL 1 DAY) "
        "ORDER BY a.id DESC LIMIT 51",
        "isiis" "sss" "ss" "ss" "ss",
        before, user, uid, (long long)by_name, user,
        action, action, action_like,
        otype, otype,
        oid, oid,
        *from ? from : "1970-01-01", *to ? to : "9999-12-30");
    if (!rows)
        return 500;
    int more = 0;
    size_t n = put_rows(r, "Audit", rows, PAGE, &more);
    hdf_put("Filter.user", user);
    hdf_put("Filter.action", action);
    hdf_put("Filter.otype", otype);
    hdf_put("Filter.oid", oid);
    hdf_put("Filter.from", from);
    hdf_put("Filter.to", to);
    hdf_put_int("Counts.audit", (long long)n);
    buf b;
    buf_init(&b);
    buf_adds(&b, "/admin/audit?user=");
    esc_url(&b, user);
    buf_adds(&b, "&action=");
    esc_url(&b, action);
    buf_adds(&b, "&otype=");
    esc_url(&b, otype);
    buf_adds(&b, "&oid=");
    esc_url(&b, oid);
    buf_adds(&b, "&from=");
    esc_url(&b, from);
    buf_adds(&b, "&to=");
    esc_url(&b, to);
    if (*before_s)
        hdf_put("Pager.First", b.data);
    if (more && n) {
        buf_printf(&b, "&before=%s", rows->cells[(n - 1) * rows->ncols]);
        hdf_put("Pager.Next", b.data);
    }
    buf_free(&b);
    /* reading the log is itself an act the log keeps */
    audit(r, "audit.read", "audit", NULL,
          arena_sprintf(r->a, "user=%s action=%s object=%s/%s from=%s to=%s before=%s rows=%zu",
                        user, action, otype, oid, from, to, before_s, n));
    return render_page(r, NULL, "admin_audit.cs", "审计日志");
}

int admin_audit_verify(portal_req *r, const struct portal_services *s)
{
    (void)s;
    /* audit_verify resets the arena it walks with: never the request's */
    arena *va = arena_new(1 << 20);
    long long checked = 0;
    long long bad = audit_verify(va, &checked);
    arena_free(va);
    if (bad < 0)
        return 500;
    hdf_put_int("Verify.Checked", checked);
    if (bad == 0)
        hdf_put("Verify.Intact", "1");
    else
        hdf_put_int("Verify.BrokenAt", bad);
    audit(r, "audit.verify", "audit", NULL,
          bad == 0 ? arena_sprintf(r->a, "intact, %lld rows", checked)
                   : arena_sprintf(r->a, "broken at row %lld", bad));
    return render_page(r, NULL, "admin_audit_verify.cs", "审计日志完整性");
}

/* --------------------------------------------------------- divisions */

/* townships, each with its villages (codes sort a township before its villages) */
static int divisions_page(portal_req *r)
{
    db_rows *rows = db_query(
        r->a,
        "SELECT code, level, name, type, COALESCE(valid_from, '') AS valid_from, "
        " COALESCE(valid_to, '') AS valid_to, synthetic, "
        " IF(valid_to IS NOT NULL AND valid_to < UTC_DATE(), 1, 0) AS ended "
        "FROM divisions WHERE level IN ('township', 'village') ORDER BY code", "");
    if (!rows)
        return 500;
    long long t = -1, v = 0;
    while (db_next(rows)) {
        const char *prefix;
        if (strcmp(db_col(rows, 1), "township") == 0) {
            t++;
            v = 0;
            prefix = arena_sprintf(r->a, "Towns.%lld", t);
        } else {
            if (t < 0)
                continue;
            prefix = arena_sprintf(r->a, "Towns.%lld.Villages.%lld", t, v++);
        }
        for (size_t c = 0; c < rows->ncols; c++)
            hdf_put(arena_sprintf(r->a, "%s.%s", prefix, rows->names[c]),
                    db_col(rows, c) ? db_col(rows, c) : "");
    }
    return render_page(r, NULL, "admin_divisions.cs", "区划管理");
}

int admin_divisions(portal_req *r, const struct portal_services *s)
{
    (void)s;
    return divisions_page(r);
}

int admin_division_add(portal_req *r, const struct portal_services *s)
{
    (void)s;
    const char *town = param(r, "township"), *code = param(r, "code"),
               *name = param(r, "name"), *type = param(r, "type"),
               *from = param(r, "valid_from");
    int nerr = 0;
    db_rows *t = NULL;
    if (*town)
        t = db_query(r->a, "SELECT code FROM divisions WHERE code = ? AND level = 'township'",
                     "s", town);
    if (!t || !db_next(t)) {
        field_error(r, &nerr, "township", "请选择所属乡镇（街道）。");
    }
    if (!is_digits(code, 12)) {
        field_error(r, &nerr, "code", "区划代码须为 12 位数字。");
    } else if (*town && strncmp(code, town, 9) != 0) {
        field_error(r, &nerr, "code", "村级区划代码的前 9 位须与所属乡镇（街道）的代码一致。");
    } else if (strcmp(code + 9, "000") == 0) {
        field_error(r, &nerr, "code", "村级区划代码的后 3 位不能是 000。");
    } else {
        db_rows *x = db_query(r->a, "SELECT code FROM divisions WHERE code = ?", "s", code);
        if (!x)
            return 500;
        if (db_next(x))
            field_error(r, &nerr, "code", "该区划代码已存在。");
    }
    if (!*name)
        field_error(r, &nerr, "name", "请填写名称。");
    if (strcmp(type, "村") != 0 && strcmp(type, "社区") != 0)
        field_error(r, &nerr, "type", "请选择类型（村或社区）。");
    if (!*from)
        field_error(r, &nerr, "valid_from", "请填写生效日期。");
    if (nerr) {
        hdf_put("Form.Error", "请改正标出的错误后再提交，未做任何修改。");
        hdf_put("Form.township", town);
        hdf_put("Form.code", code);
        hdf_put("Form.name", name);
        hdf_put("Form.type", type);
        hdf_put("Form.valid_from", from);
        return divisions_page(r);
    }
    if (db_begin() != 0)
        return 500;
    /* a real code from the statistics bureau's list: not synthetic */
    if (db_exec(r->a, "INSERT INTO divisions (code, parent_code, level, name, type, valid_from, "
                "synthetic, note) VALUES (?, ?, 'village', ?, ?, ?, 0, '')", "sssss", code, town,
                name, type, from) != 1)
        return 500;
    audit(r, "admin.division.create", "division", code,
          arena_sprintf(r->a, "%s %s, parent %s, valid from %s", name, type, town, from));
    if (db_commit() != 0)
        return 500;
    set_flash(r, arena_sprintf(r->a, "已添加%s（%s）。", name, code));
    return services.redirect(r, "/admin/divisions");
}

int admin_division_end(portal_req *r, const struct portal_services *s)
{
    (void)s;
    const char *code = path_arg(r, "code"), *to = param(r, "valid_to");
    if (!code || !is_digits(code, 12))
        return 404;
    db_rows *d = db_query(r->a, "SELECT level, name, COALESCE(valid_from, ''), valid_to "
                          "FROM divisions WHERE code = ?", "s", code);
    if (!d)
        return 500;
    if (!db_next(d))
        return 404;
    const char *msg = NULL;
    if (strcmp(db_col(d, 0), "county") == 0)
        msg = "县级区划不能在此终止。";
    else if (db_col(d, 3))
        msg = "该区划已设置终止日期。";
    else if (*db_col(d, 2) && strcmp(to, db_col(d, 2)) < 0)
        msg = "终止日期不能早于生效日期。";
    if (msg) {
        hdf_put("Form.Error", arena_sprintf(r->a, "%s（%s）：%s", db_col(d, 1), code, msg));
        return divisions_page(r);
    }
    if (db_begin() != 0)
        return 500;
    /* never deleted: children and users keep pointing at it */
    if (db_exec(r->a, "UPDATE divisions SET valid_to = ? WHERE code = ?", "ss", to, code) < 0)
        return 500;
    audit(r, "admin.division.end", "division", code,
          arena_sprintf(r->a, "%s valid to %s", db_col(d, 1), to));
    if (db_commit() != 0)
        return 500;
    set_flash(r, arena_sprintf(r->a, "%s的有效期已截止到 %s。", db_col(d, 1), to));
    return services.redirect(r, "/admin/divisions");
}

/* ------------------------------------------------------ organisations */

static const char *const ORG_KINDS[] = {"department", "township", "village", "ngo",
                                        "institution", NULL};

static int orgs_page(portal_req *r)
{
    db_rows *o = db_query(
        r->a,
        "SELECT o.id, o.code, o.name, o.kind, o.division_code AS division, "
        " COALESCE(d.name, '') AS division_name, o.active "
        "FROM orgs o LEFT JOIN divisions d ON d.code = o.division_code "
        "ORDER BY o.division_code, o.name", "");
    if (!o)
        return 500;
    put_rows(r, "OrgList", o, 100000, NULL);
    db_rows *d = db_query(r->a, "SELECT code, name, level FROM divisions "
                          "WHERE valid_to IS NULL OR valid_to >= UTC_DATE() ORDER BY code", "");
    if (!d)
        return 500;
    put_rows(r, "Divisions", d, 100000, NULL);
    return render_page(r, NULL, "admin_orgs.cs", "单位管理");
}

int admin_orgs(portal_req *r, const struct portal_services *s)
{
    (void)s;
    return orgs_page(r);
}

int admin_org_add(portal_req *r, const struct portal_services *s)
{
    (void)s;
    const char *code = param(r, "code"), *name = param(r, "name"), *kind = param(r, "kind"),
               *division = param(r, "division");
    int nerr = 0, kind_ok = 0;
    size_t cl = strlen(code);
    int code_ok = cl >= 2 && cl <= 32;
    for (const char *p = code; *p && code_ok; p++)
        code_ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (!code_ok) {
        field_error(r, &nerr, "code", "单位代码须为 2–32 个字符，只能包含小写字母、数字和下划线。");
    } else {
        db_rows *x = db_query(r->a, "SELECT id FROM orgs WHERE code = ?", "s", code);
        if (!x)
            return 500;
        if (db_next(x))
            field_error(r, &nerr, "code", "该单位代码已被使用。");
    }
    if (!*name)
        field_error(r, &nerr, "name", "请填写单位名称。");
    for (const char *const *k = ORG_KINDS; *k; k++)
        if (strcmp(kind, *k) == 0)
            kind_ok = 1;
    if (!kind_ok)
        field_error(r, &nerr, "kind", "请选择单位类别。");
    db_rows *d = *division ? db_query(r->a, "SELECT code FROM divisions WHERE code = ? AND "
                                      "(valid_to IS NULL OR valid_to >= UTC_DATE())", "s",
                                      division)
                           : NULL;
    if (!d || !db_next(d))
        field_error(r, &nerr, "division", "请选择有效的所在区划。");
    if (nerr) {
        hdf_put("Form.Error", "请改正标出的错误后再提交，未做任何修改。");
        hdf_put("Form.code", code);
        hdf_put("Form.name", name);
        hdf_put("Form.kind", kind);
        hdf_put("Form.division", division);
        return orgs_page(r);
    }
    if (db_begin() != 0)
        return 500;
    if (db_exec(r->a, "INSERT INTO orgs (code, name, kind, division_code) VALUES (?, ?, ?, ?)",
                "ssss", code, name, kind, division) != 1)
        return 500;
    long long id = db_insert_id();
    audit(r, "admin.org.create", "org", arena_sprintf(r->a, "%lld", id),
          arena_sprintf(r->a, "%s %s (%s) in %s", code, name, kind, division));
    if (db_commit() != 0)
        return 500;
    set_flash(r, arena_sprintf(r->a, "已添加单位：%s。", name));
    return services.redirect(r, "/admin/orgs");
}

/* ------------------------------------------------------ TOTP enrolment */

static const char ISSUER[] = "酉阳困境儿童保障平台";

/* the secret awaiting confirmation: decrypted, or a new one stored encrypted */
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
    if (!create)
        return -1;
    if (RAND_bytes(key, TOTP_SECRET_LEN) != 1)
        return -1;
    size_t cl = 0;
    unsigned char *ct = crypto_encrypt(r->a, key, TOTP_SECRET_LEN, &cl);
    if (!ct)
        return -1;
    if (db_exec(r->a, "UPDATE users SET totp_pending = ? WHERE id = ?", "bi", ct, cl,
                r->user.id) < 0)
        return -1;
    return 0;
}

static int totp_page(portal_req *r, const char *error)
{
    db_rows *u = db_query(r->a, "SELECT totp_secret IS NOT NULL FROM users WHERE id = ?", "i",
                          r->user.id);
    if (!u || !db_next(u))
        return 500;
    if (r->mfa_pending == 2 || totp_required_for(r, r->user.id))
        hdf_put("Totp.Required", "1");
    if (r->mfa_pending == 2)
        hdf_put("Totp.Blocking", "1");
    if (atoi(db_col(u, 0))) {
        hdf_put("Totp.Enabled", "1");
        return render_page(r, NULL, "admin_totp.cs", "两步验证");
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
    /* grouped by four for typing into the app by hand */
    buf g;
    buf_init(&g);
    for (size_t i = 0; b32[i]; i++) {
        if (i && i % 4 == 0)
            buf_addc(&g, ' ');
        buf_addc(&g, b32[i]);
    }
    hdf_put("Totp.Secret", g.data);
    buf_free(&g);
    buf u2;
    buf_init(&u2);
    buf_adds(&u2, "otpauth://totp/");
    esc_url(&u2, ISSUER);
    buf_adds(&u2, ":");
    esc_url(&u2, r->user.username);
    buf_printf(&u2, "?secret=%s&issuer=", b32);
    esc_url(&u2, ISSUER);
    buf_printf(&u2, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP);
    hdf_put("Totp.Uri", u2.data);
    buf_free(&u2);
    OPENSSL_cleanse(b32, sizeof b32);
    if (error)
        hdf_put("Form.Error", error);
    return render_page(r, NULL, "admin_totp.cs", "两步验证");
}

int account_totp_get(portal_req *r, const struct portal_services *s)
{
    (void)s;
    return totp_page(r, NULL);
}

int account_totp_post(portal_req *r, const struct portal_services *s)
{
    (void)s;
    db_rows *u = db_query(r->a, "SELECT totp_secret IS NOT NULL, totp_last_step FROM users "
                          "WHERE id = ?", "i", r->user.id);
    if (!u || !db_next(u))
        return 500;
    if (atoi(db_col(u, 0)))
        return services.redirect(r, "/account/totp");
    unsigned char key[TOTP_SECRET_LEN];
    if (pending_secret(r, key, 0) != 0)
        return services.redirect(r, "/account/totp");
    long long step = 0;
    int rc = totp_check(key, TOTP_SECRET_LEN, time(NULL), param(r, "code"),
                        atoll(db_col(u, 1)), &step);
    OPENSSL_cleanse(key, sizeof key);
    if (rc != 1) {
        audit(r, "totp.enrol.fail", "user", arena_sprintf(r->a, "%lld", r->user.id), NULL);
        return totp_page(r, "验证码不正确，请核对手机时间后输入验证器当前显示的 6 位数字。");
    }
    if (db_begin() != 0)
        return 500;
    if (db_exec(r->a, "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, "
                "totp_last_step = ? WHERE id = ? AND totp_pending IS NOT NULL "
                "AND totp_secret IS NULL", "ii", step, r->user.id) != 1)
        return 500;
    audit(r, "totp.enrol", "user", arena_sprintf(r->a, "%lld", r->user.id), NULL);
    /* the enrolment-only session becomes a full one, under a new token */
    if (r->mfa_pending == 2 && session_create_mfa(r, r->user.id, 0) != 0)
        return 500;
    if (db_commit() != 0)
        return 500;
    r->mfa_pending = 0;
    set_flash(r, "两步验证已启用。今后登录时，输入密码后还须输入验证器中的 6 位验证码。");
    return services.redirect(r, "/");
}
