/*
 * account - the signed-in user's own account: the password (/account/password)
 * and two-step verification (/account/totp).  A user whose enrolment is due
 * reaches only these pages and /logout.  The secrets stay in the host
 * (the accounts services); this module asks and shows.
 */
#include "portal_module.h"

#include <stdlib.h>
#include <string.h>

static int password_get(portal_req *r, const struct portal_services *s)
{
    portal_rows *u = s->db_query(r, "SELECT must_change_password FROM users WHERE id = ?", "i",
                                 s->user(r)->id);
    if (!u)
        return 500;
    if (s->db_next(u) && atoi(s->db_col(u, 0)))
        s->set(r, "Form.Forced", "1");
    return s->render(r, "password.cs", "修改密码");
}

/* a refused change: the host shows the form again with msg at the field */
static int refused(portal_req *r, const struct portal_services *s, const char *field,
                   const char *msg)
{
    s->form_error(r, field, msg);
    return 400;
}

/* A wrong current password: audited (a .fail row stays when the 400 rolls
 * back), counted toward the login lockout by password_matches.  Once the
 * account is locked its sessions have ended, this one too: the login page
 * says why. */
static int wrong_password(portal_req *r, const struct portal_services *s)
{
    long long uid = s->user(r)->id;
    int locked = s->account_locked(r, uid);
    if (locked < 0)
        return 500;
    s->audit(r, "password.change.fail", "user", s->sprintf(r, "%lld", uid),
             locked ? "account locked (the password not checked, or wrong); its sessions ended"
                    : "wrong current password");
    if (locked)
        return s->redirect(r, "/login?msg=locked");
    return refused(r, s, "old_password", "原密码不正确。");
}

static int password_post(portal_req *r, const struct portal_services *s)
{
    const char *old = s->param(r, "old_password"), *nw = s->param(r, "new_password"),
               *again = s->param(r, "confirm_password"), *why;
    if (!old || !s->password_matches(r, old))
        return wrong_password(r, s);
    if (!nw || !again || strcmp(nw, again) != 0)
        return refused(r, s, "confirm_password", "两次输入的新密码不一致。");
    if ((why = s->password_refused(r, nw)) != NULL)
        return refused(r, s, "new_password", why);
    if (strcmp(nw, old) == 0)
        return refused(r, s, "new_password", "新密码不能与原密码相同。");
    /* a password change ends every other session of the user */
    if (s->password_set(r, s->user(r)->id, nw, 0, "password.change", NULL) != 0)
        return 500;
    s->flash(r, "密码已修改，其他设备上的登录已退出。");
    return s->redirect(r, "/");
}

static int totp_page(portal_req *r, const struct portal_services *s, const char *error)
{
    int st = s->totp_enrolment(r, "Totp");
    if (st)
        return st;
    if (error)
        s->set(r, "Form.Error", error);
    return s->render(r, "totp.cs", "两步验证");
}

static int totp_get(portal_req *r, const struct portal_services *s)
{
    return totp_page(r, s, NULL);
}

static int totp_post(portal_req *r, const struct portal_services *s)
{
    switch (s->totp_confirm(r, s->param(r, "code"))) {
    case 1:
        s->flash(r, "两步验证已启用。今后登录时，输入密码后还须输入验证器中的 6 位验证码。");
        return s->redirect(r, "/");
    case 0:
        /* the page itself, not a 400: a 400 rolls back, and the failed
         * enrolment's audit row (totp.enrol.fail) must stay */
        return totp_page(r, s, "验证码不正确，请核对手机时间后输入验证器当前显示的 6 位数字。");
    case 2:
        return s->redirect(r, "/account/totp");
    default:
        return 500;
    }
}

static const struct portal_param password_params[] = {
    {"old_password", PP_TEXT, 128, 1, "原密码"},
    {"new_password", PP_TEXT, 128, 1, "新密码"},
    {"confirm_password", PP_TEXT, 128, 1, "确认新密码"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param totp_params[] = {
    {"code", PP_CODE, 16, 1, "验证码"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_route routes[] = {
    {"GET", "/account/password", password_get, NULL, 0, NULL},
    {"POST", "/account/password", password_post, NULL, PR_STATE_CHANGING, password_params},
    {"GET", "/account/totp", totp_get, NULL, 0, NULL},
    {"POST", "/account/totp", totp_post, NULL, PR_STATE_CHANGING, totp_params},
    {NULL, NULL, NULL, NULL, 0, NULL}};

static const struct portal_menu menu[] = {
    {"账户安全", "/account/totp", NULL, 890},
    {NULL, NULL, NULL, 0}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "account",
    .title = "我的账户",
    .version = "2.0",
    .routes = routes,
    .menu = menu,
    .template_dir = "templates",
};
