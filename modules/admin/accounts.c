/*
 * accounts.c - what /admin/users and /org/users both do to an account:
 * create it, enable or disable it, reset its password, unlock it.  With
 * org_id > 0 (a partner administrator) only a user of that organisation is
 * touched, and an account the security administrator disabled stays so.
 */
#include "admin.h"

#include <stdlib.h>
#include <string.h>

void check_new_account(portal_req *r, const struct portal_services *s, int *nerr)
{
    const char *username = arg(r, s, "username"), *pw = arg(r, s, "password"), *why;
    if (!username_ok(username)) {
        field_error(r, s, nerr, "username",
                    "用户名须为 3–32 个字符，只能包含小写字母、数字、下划线和点。");
    } else {
        portal_rows *x = s->db_query(r, "SELECT id FROM users WHERE username = ?", "s", username);
        if (!x || s->db_next(x))
            field_error(r, s, nerr, "username", "该用户名已被使用。");
    }
    if (!*arg(r, s, "display_name"))
        field_error(r, s, nerr, "display_name", "请填写姓名。");
    if (!*pw)
        field_error(r, s, nerr, "password", "请填写初始密码。");
    else if ((why = s->password_refused(r, pw)) != NULL)
        field_error(r, s, nerr, "password", why);
    else if (strcmp(pw, arg(r, s, "confirm_password")) != 0)
        field_error(r, s, nerr, "confirm_password", "两次输入的密码不一致。");
}

int store_roles(portal_req *r, const struct portal_services *s, long long uid,
                const struct role_set *rs)
{
    if (s->db_exec(r, "DELETE FROM user_roles WHERE user_id = ?", "i", uid) < 0)
        return -1;
    for (size_t i = 0; i < rs->n; i++)
        if (s->db_exec(r, "INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles "
                       "WHERE code = ?", "is", uid, rs->code[i]) != 1)
            return -1;
    return 0;
}

long long account_create(portal_req *r, const struct portal_services *s, const char *org,
                         const char *division, int totp_required, const struct role_set *rs)
{
    /* no password yet ("" matches none): password_set gives it one */
    if (s->db_exec(r, "INSERT INTO users (username, display_name, password_hash, org_id, "
                   "division_code, active, must_change_password, totp_required, created_at) "
                   "VALUES (?, ?, '', ?, ?, 1, 1, ?, UTC_TIMESTAMP())", "ssssi",
                   arg(r, s, "username"), arg(r, s, "display_name"), org, division,
                   (long long)totp_required) != 1)
        return -1;
    long long uid = s->db_insert_id(r);
    if (store_roles(r, s, uid, rs) != 0 ||
        s->password_set(r, uid, arg(r, s, "password"), 1, NULL, NULL) != 0)
        return -1;
    return uid;
}

int account_set_active(portal_req *r, const struct portal_services *s, long long uid,
                       long long org_id, int on, const char *action, const char *detail,
                       const char *back)
{
    if (org_id > 0 && on) {
        portal_rows *x = s->db_query(r, "SELECT active, disabled_by_org FROM users WHERE id = ? "
                                     "FOR UPDATE", "i", uid);
        if (!x || !s->db_next(x))
            return 500;
        if (!atoi(s->db_col(x, 0)) && !atoi(s->db_col(x, 1)))
            return s->fail(r, 409, "该账户由县级安全管理员停用，本组织不能启用，请联系县民政局。");
    }
    /* disabled_by_org: who may enable it again */
    if (s->db_exec(r, "UPDATE users SET active = ?, disabled_by_org = ? WHERE id = ? AND "
                   "(? = 0 OR org_id = ?)", "iiiii", (long long)on,
                   (long long)(org_id > 0 && !on), uid, org_id, org_id) < 0)
        return 500;
    /* a disabled user is logged out everywhere at once */
    if (!on && s->sessions_end(r, uid) != 0)
        return 500;
    s->audit(r, s->sprintf(r, "%s.%s", action, on ? "enable" : "disable"), "user",
             s->sprintf(r, "%lld", uid), detail);
    s->flash(r, on ? "账户已启用。" : "账户已停用，该用户的所有登录已退出。");
    return s->redirect(r, back);
}

const char *reset_password_error(portal_req *r, const struct portal_services *s)
{
    const char *pw = arg(r, s, "password");
    if (!*pw)
        return "请填写新密码。";
    const char *why = s->password_refused(r, pw);
    if (why)
        return why;
    return strcmp(pw, arg(r, s, "confirm_password")) != 0 ? "两次输入的密码不一致。" : NULL;
}

int account_reset(portal_req *r, const struct portal_services *s, long long uid, long long org_id,
                  const char *pw, const char *action, const char *detail, const char *back)
{
    if (pw) {
        /* the caller checked the user is of org_id */
        if (s->password_set(r, uid, pw, 1, action, detail) != 0)
            return 500;
        s->flash(r, "密码已重置，该用户的登录已退出，下次登录时须修改密码。");
        return s->redirect(r, back);
    }
    if (s->db_exec(r, "UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = ? "
                   "AND (? = 0 OR org_id = ?)", "iii", uid, org_id, org_id) < 0)
        return 500;
    s->audit(r, action, "user", s->sprintf(r, "%lld", uid), detail);
    s->flash(r, "账户已解锁。");
    return s->redirect(r, back);
}
