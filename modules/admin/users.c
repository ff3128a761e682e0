/*
 * users.c - /admin/users: accounts, their roles, organisation and
 * jurisdiction, for the security administrator (system.users).
 */
#include "admin.h"

#include <stdlib.h>
#include <string.h>

/* reference lists for the user forms: organisations and current divisions */
static int put_org_division_choices(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Orgs", "SELECT o.id, o.name, o.code, k.title AS kind_title, k.scope "
                        "FROM orgs o JOIN org_kinds k ON k.code = o.kind WHERE o.active = 1 "
                        "ORDER BY o.division_code, k.sort, o.name", "") < 0)
        return -1;
    return s->db_query_hdf(r, "Divisions", "SELECT code, name, level FROM divisions "
                           "WHERE valid_to IS NULL OR valid_to >= ? ORDER BY code",
                           "s", s->today(r)) < 0 ? -1 : 0;
}

static int role_in(const struct role_set *rs, const char *code)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->code[i], code) == 0)
            return 1;
    return 0;
}

/* every "role" value posted (one per checked box) */
static void roles_posted(portal_req *r, const struct portal_services *s, struct role_set *rs)
{
    rs->n = 0;
    const char *v;
    for (int i = 0; (v = s->param_n(r, "role", i)) != NULL && rs->n < MAX_ROLES; i++)
        if (*v && !role_in(rs, v))
            rs->code[rs->n++] = v;
}

static int roles_of_user(portal_req *r, const struct portal_services *s, long long uid,
                         struct role_set *rs)
{
    rs->n = 0;
    portal_rows *rows = s->db_query(r, "SELECT ro.code FROM user_roles ur JOIN roles ro "
                                    "ON ro.id = ur.role_id WHERE ur.user_id = ? ORDER BY ro.code",
                                    "i", uid);
    if (!rows)
        return -1;
    while (s->db_next(rows) && rs->n < MAX_ROLES)
        rs->code[rs->n++] = s->db_col(rows, 0);
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

static const char *roles_joined(portal_req *r, const struct portal_services *s,
                                const struct role_set *rs)
{
    const char *out = "";
    for (size_t i = 0; i < rs->n; i++)
        out = s->sprintf(r, "%s%s%s", out, i ? "," : "", rs->code[i]);
    return out;
}

/* the roles table as checkboxes, the given set checked */
static int put_role_choices(portal_req *r, const struct portal_services *s,
                            const struct role_set *checked)
{
    portal_rows *rows = s->db_query(r, "SELECT code, name FROM roles ORDER BY id", "");
    if (!rows)
        return -1;
    for (int i = 0; s->db_next(rows); i++) {
        s->set(r, s->sprintf(r, "Roles.%d.code", i), s->db_col(rows, 0));
        s->set(r, s->sprintf(r, "Roles.%d.name", i), s->db_col(rows, 1));
        if (checked && role_in(checked, s->db_col(rows, 0)))
            s->set(r, s->sprintf(r, "Roles.%d.checked", i), "1");
    }
    return 0;
}

/* roles exist; the auditor is never also an administrator who acts; a
 * partner administrator (ngo_admin) is no site administrator and belongs to
 * an NGO organisation (`org`: the organisation posted, "" for none) */
static void check_roles(portal_req *r, const struct portal_services *s, const struct role_set *rs,
                        const char *org, int *nerr)
{
    if (rs->n == 0) {
        field_error(r, s, nerr, "role", "请至少选择一个角色。");
        return;
    }
    for (size_t i = 0; i < rs->n; i++) {
        portal_rows *x = s->db_query(r, "SELECT id FROM roles WHERE code = ?", "s", rs->code[i]);
        if (!x || !s->db_next(x)) {
            field_error(r, s, nerr, "role", "所选角色不存在。");
            return;
        }
    }
    if (role_in(rs, "auditor") && (role_in(rs, "sysadmin") || role_in(rs, "secadmin")))
        field_error(r, s, nerr, "role",
                    "审计员角色不能与系统管理员或安全管理员角色授予同一账户（职责分离）。");
    if (!role_in(rs, "ngo_admin"))
        return;
    if (role_in(rs, "sysadmin") || role_in(rs, "secadmin") || role_in(rs, "auditor")) {
        field_error(r, s, nerr, "role", "社会组织管理员角色不能与系统管理员、安全管理员或审计员"
                    "角色授予同一账户。");
        return;
    }
    portal_rows *o = *org ? s->db_query(r, "SELECT kind FROM orgs WHERE id = ?", "i", atoll(org))
                          : NULL;
    if (!o || !s->db_next(o) || strcmp(s->db_col(o, 0), "ngo") != 0)
        field_error(r, s, nerr, "role", "社会组织管理员角色只能授予社会组织的用户，请先选择该用户"
                    "所属的社会组织。");
}

/* org (optional) and division (required) of the user forms */
static void check_org_division(portal_req *r, const struct portal_services *s, const char *org,
                               const char *division, int *nerr)
{
    if (*org) {
        portal_rows *o = s->db_query(r, "SELECT id FROM orgs WHERE id = ? AND active = 1", "i",
                                     atoll(org));
        if (!o || !s->db_next(o))
            field_error(r, s, nerr, "org", "所选单位不存在。");
    }
    if (!*division) {
        field_error(r, s, nerr, "division", "请选择辖区。");
    } else {
        portal_rows *d = s->db_query(r, "SELECT code FROM divisions WHERE code = ? "
                                     "AND (valid_to IS NULL OR valid_to >= ?)", "ss",
                                     division, s->today(r));
        if (!d || !s->db_next(d))
            field_error(r, s, nerr, "division", "所选辖区不存在或已失效。");
    }
}

int user_list_get(portal_req *r, const struct portal_services *s)
{
    static const char *const cols[] = {"id", "username", "display_name", "org", "division",
                                       "roles", "active", "locked", "last_login", "totp", NULL};
    const char *q = arg(r, s, "q"), *after = arg(r, s, "after");
    const char *pat = like_pattern(r, s, "%", q, "%");
    portal_rows *rows = s->db_query(
        r,
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
    const char *last;
    int n = put_page(r, s, "Users", rows, cols, PAGE, &more, 1, &last);
    s->set(r, "Filter.q", q);
    s->set_int(r, "Counts.users", n);
    put_pager(r, s, after, more, last);
    return s->render(r, "user_list.cs", "用户管理");
}

static int new_user_form(portal_req *r, const struct portal_services *s,
                         const struct role_set *checked)
{
    if (put_role_choices(r, s, checked) != 0 || put_org_division_choices(r, s) != 0)
        return 500;
    return s->render(r, "user_new.cs", "新建用户");
}

int user_new_get(portal_req *r, const struct portal_services *s)
{
    s->set(r, "Form.division", s->user(r)->division);
    return new_user_form(r, s, NULL);
}

int user_create_post(portal_req *r, const struct portal_services *s)
{
    const char *username = arg(r, s, "username"), *org = arg(r, s, "org"),
               *division = arg(r, s, "division");
    int totp_req = strcmp(arg(r, s, "totp_required"), "1") == 0;
    struct role_set rs;
    roles_posted(r, s, &rs);
    int nerr = 0;
    check_new_account(r, s, &nerr);
    check_org_division(r, s, org, division, &nerr);
    check_roles(r, s, &rs, org, &nerr);
    if (nerr)
        return 400; /* the host shows the form again: what was typed, each field's error */
    long long uid = account_create(r, s, *org ? org : NULL, division, totp_req, &rs);
    if (uid < 0)
        return 500;
    s->audit(r, "admin.user.create", "user", s->sprintf(r, "%lld", uid),
             s->sprintf(r, "username=%s roles=%s division=%s org=%s totp_required=%d", username,
                        roles_joined(r, s, &rs), division, *org ? org : "-", totp_req));
    s->flash(r, s->sprintf(r, "用户 %s 已创建，首次登录时须修改密码。", username));
    return s->redirect(r, s->sprintf(r, "/admin/users/%lld", uid));
}

/* the user of the path: its id, name and page; 0, or 404 */
struct target {
    long long uid;
    const char *uname, *back;
};

static int target_of(portal_req *r, const struct portal_services *s, struct target *t)
{
    t->uid = path_id(r, s);
    t->uname = user_name(r, s, t->uid);
    t->back = s->sprintf(r, "/admin/users/%lld", t->uid);
    return t->uname ? 0 : 404;
}

/* the edit page of one user; `posted` (a refused update) keeps what was sent */
static int user_page(portal_req *r, const struct portal_services *s, long long uid,
                     const struct role_set *posted)
{
    static const char *const cols[] = {
        "id", "username", "display_name", "org", "org_name", "division", "division_name",
        "active", "locked", "failed_count", "last_login", "created_at", "must_change_password",
        "totp", "totp_required", NULL};
    portal_rows *u = s->db_query(
        r,
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
    if (!s->db_next(u))
        return 404;
    put_cols(r, s, "Edit", u, cols);
    const struct role_set *checked = posted;
    if (posted) {
        s->set(r, "Edit.org", arg(r, s, "org"));
        s->set(r, "Edit.division", arg(r, s, "division"));
        s->set(r, "Edit.totp_required", strcmp(arg(r, s, "totp_required"), "1") == 0 ? "1" : "0");
    }
    struct role_set have;
    if (!checked) {
        if (roles_of_user(r, s, uid, &have) != 0)
            return 500;
        checked = &have;
    }
    if (uid == s->user(r)->id)
        s->set(r, "Edit.Self", "1");
    if (put_role_choices(r, s, checked) != 0 || put_org_division_choices(r, s) != 0)
        return 500;
    return s->render(r, "user_edit.cs", s->sprintf(r, "用户：%s", s->db_col(u, 1)));
}

int user_edit_get(portal_req *r, const struct portal_services *s)
{
    long long uid = path_id(r, s);
    return uid < 0 ? 404 : user_page(r, s, uid, NULL);
}

/* a refused act on the edit page: the message at its field, nothing done
 * (the host shows the user's page again) */
static int refuse_on_page(portal_req *r, const struct portal_services *s, const char *field,
                          const char *msg)
{
    s->form_error(r, field, msg);
    return 400;
}

int user_update_post(portal_req *r, const struct portal_services *s)
{
    struct target t;
    if (target_of(r, s, &t))
        return 404;
    long long uid = t.uid;
    const char *org = arg(r, s, "org"), *division = arg(r, s, "division");
    int totp_req = strcmp(arg(r, s, "totp_required"), "1") == 0;
    struct role_set rs, before;
    roles_posted(r, s, &rs);
    if (roles_of_user(r, s, uid, &before) != 0)
        return 500;
    int nerr = 0;
    if (uid == s->user(r)->id && !same_roles(&rs, &before))
        field_error(r, s, &nerr, "role", "不能修改自己的角色，请由另一位安全管理员操作。");
    check_org_division(r, s, org, division, &nerr);
    check_roles(r, s, &rs, org, &nerr);
    if (nerr)
        return 400; /* the host shows the form again: what was typed, each field's error */
    portal_rows *old = s->db_query(r, "SELECT totp_required, totp_secret IS NULL FROM users "
                                   "WHERE id = ?", "i", uid);
    if (!old || !s->db_next(old))
        return 500;
    int newly_required = totp_req && !atoi(s->db_col(old, 0)) && atoi(s->db_col(old, 1));
    if (s->db_exec(r, "UPDATE users SET org_id = ?, division_code = ?, totp_required = ? "
                   "WHERE id = ?", "ssii", *org ? org : NULL, division, (long long)totp_req,
                   uid) < 0 ||
        store_roles(r, s, uid, &rs) != 0)
        return 500;
    /* two-factor newly required and not enrolled: the next login enrols */
    if (newly_required && s->sessions_end(r, uid) != 0)
        return 500;
    s->audit(r, "admin.user.update", "user", s->sprintf(r, "%lld", uid),
             s->sprintf(r, "username=%s roles=%s (was %s) division=%s org=%s totp_required=%d",
                        t.uname, roles_joined(r, s, &rs), roles_joined(r, s, &before), division,
                        *org ? org : "-", totp_req));
    s->flash(r, "用户信息已保存。");
    return s->redirect(r, t.back);
}

static int set_active(portal_req *r, const struct portal_services *s, int on)
{
    struct target t;
    if (target_of(r, s, &t))
        return 404;
    if (!on && t.uid == s->user(r)->id)
        return refuse_on_page(r, s, "status", "不能停用自己的账户。");
    /* one click from the access review goes back to it */
    const char *back = s->param(r, "back");
    if (!on && back && strcmp(back, "review") == 0)
        t.back = "/admin/access-review";
    return account_set_active(r, s, t.uid, 0, on, "admin.user", t.uname, t.back);
}

int user_disable_post(portal_req *r, const struct portal_services *s)
{
    return set_active(r, s, 0);
}

int user_enable_post(portal_req *r, const struct portal_services *s)
{
    return set_active(r, s, 1);
}

int user_password_post(portal_req *r, const struct portal_services *s)
{
    struct target t;
    const char *msg;
    if (target_of(r, s, &t))
        return 404;
    if (t.uid == s->user(r)->id)
        return refuse_on_page(r, s, "password", "请通过“修改密码”页面修改自己的密码。");
    if ((msg = reset_password_error(r, s)) != NULL)
        return refuse_on_page(r, s, "password", msg);
    return account_reset(r, s, t.uid, 0, arg(r, s, "password"), "admin.user.reset", t.uname,
                         t.back);
}

int user_unlock_post(portal_req *r, const struct portal_services *s)
{
    struct target t;
    return target_of(r, s, &t) ? 404
                               : account_reset(r, s, t.uid, 0, NULL, "admin.user.unlock", t.uname,
                                               t.back);
}

/* a lost phone: the user enrols again at the next login */
int user_totp_reset_post(portal_req *r, const struct portal_services *s)
{
    struct target t;
    if (target_of(r, s, &t))
        return 404;
    if (t.uid == s->user(r)->id)
        return refuse_on_page(r, s, "totp", "不能重置自己的两步验证，请由另一位安全管理员操作。");
    if (s->db_exec(r, "UPDATE users SET totp_secret = NULL, totp_pending = NULL WHERE id = ?",
                   "i", t.uid) < 0 ||
        s->sessions_end(r, t.uid) != 0)
        return 500;
    s->audit(r, "admin.user.totp_reset", "user", s->sprintf(r, "%lld", t.uid), t.uname);
    s->flash(r, "两步验证已重置，该用户下次登录时须重新绑定。");
    return s->redirect(r, t.back);
}
