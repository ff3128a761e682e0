/*
 * org_users.c - /org/users: the partner administrator (org.users, role
 * ngo_admin) manages the accounts of its own NGO organisation.  It acts only
 * on users of that organisation whose roles are exactly {ngo_partner}: never
 * on itself, on another partner administrator, or on a government account
 * whose organisation was mis-set.  Any other id answers 404 through the
 * audited not-found path, so ids cannot be probed.  New accounts get the
 * role ngo_partner, the organisation's division and must change the password.
 */
#include "admin.h"

#include <stdlib.h>
#include <string.h>

/* a user whose only role is ngo_partner (SQL on the users row `u`) */
#define PARTNER_ONLY                                                                    \
    "(SELECT GROUP_CONCAT(ro.code) FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id " \
    " WHERE ur.user_id = u.id) = 'ngo_partner'"

struct own_org {
    long long id;
    const char *name, *division;
};

/* the administrator's organisation: an active NGO, or a Chinese refusal
 * (403, audited) and nothing else */
static int own_org(portal_req *r, const struct portal_services *s, struct own_org *o)
{
    const char *why = "您的账户未关联社会组织，不能管理组织账户，请联系安全管理员。",
               *detail = "org.users: no NGO organisation";
    o->id = s->user(r)->org_id;
    if (o->id > 0) {
        portal_rows *x = s->db_query(r, "SELECT name, kind, division_code, active FROM orgs "
                                     "WHERE id = ?", "i", o->id);
        if (!x)
            return 500;
        if (s->db_next(x) && strcmp(s->db_col(x, 1), "ngo") == 0) {
            if (atoi(s->db_col(x, 3))) {
                o->name = s->db_col(x, 0);
                o->division = s->db_col(x, 2);
                return 0;
            }
            why = "您所在的社会组织已停用，不能管理本组织账户。如有疑问请联系县民政部门。";
            detail = "org.users: organisation inactive";
        }
    }
    s->audit(r, "deny", "org", o->id > 0 ? s->sprintf(r, "%lld", o->id) : NULL, detail);
    return s->fail(r, 403, why);
}

/* the user of the path a partner administrator may act on: its
 * organisation, id, name, the audit detail and the page to go back to */
struct org_subject {
    struct own_org o;
    long long uid;
    const char *uname, *detail, *back;
};

/* 0, or the status already answered (403 no organisation, audited 404) */
static int org_subject(portal_req *r, const struct portal_services *s, struct org_subject *x)
{
    int st = own_org(r, s, &x->o);
    if (st)
        return st;
    x->uid = path_id(r, s);
    portal_rows *q = x->uid < 0 || x->uid == s->user(r)->id
                         ? NULL
                         : s->db_query(r, "SELECT u.username FROM users u WHERE u.id = ? "
                                       "AND u.org_id = ? AND " PARTNER_ONLY, "ii", x->uid,
                                       x->o.id);
    if (!q || !s->db_next(q)) {
        const char *id = s->path_arg(r, "id");
        return s->not_found(r, "user", id ? id : "");
    }
    x->uname = s->db_col(q, 0);
    x->detail = s->sprintf(r, "username=%s org=%lld", x->uname, x->o.id);
    x->back = s->sprintf(r, "/org/users/%lld", x->uid);
    return 0;
}

static int org_users_page(portal_req *r, const struct portal_services *s, const struct own_org *o)
{
    static const char *const cols[] = {"id", "username", "display_name", "roles", "active",
                                       "locked", "last_login", "manageable", NULL};
    const char *after = arg(r, s, "after");
    portal_rows *rows = s->db_query(
        r,
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
        "iis", s->user(r)->id, o->id, after);
    if (!rows)
        return 500;
    int more = 0;
    const char *last;
    int n = put_page(r, s, "Users", rows, cols, PAGE, &more, 1, &last);
    s->set_int(r, "Counts.users", n);
    put_pager(r, s, after, more, last);
    s->set(r, "Org.name", o->name);
    portal_rows *d = s->db_query(r, "SELECT name FROM divisions WHERE code = ?", "s", o->division);
    if (!d)
        return 500;
    s->set(r, "Org.division", s->db_next(d) ? s->db_col(d, 0) : o->division);
    return s->render(r, "org_user_list.cs", "本组织账户");
}

int org_user_list_get(portal_req *r, const struct portal_services *s)
{
    struct own_org o;
    int st = own_org(r, s, &o);
    return st ? st : org_users_page(r, s, &o);
}

int org_user_create_post(portal_req *r, const struct portal_services *s)
{
    struct own_org o;
    int st = own_org(r, s, &o), nerr = 0;
    if (st)
        return st;
    const char *username = arg(r, s, "username");
    check_new_account(r, s, &nerr);
    if (nerr)
        return 400; /* the host shows the form again: what was typed, each field's error */
    struct role_set rs = {{"ngo_partner"}, 1};
    long long uid = account_create(r, s, s->sprintf(r, "%lld", o.id), o.division, 0, &rs);
    if (uid < 0)
        return 500;
    s->audit(r, "org.user.create", "user", s->sprintf(r, "%lld", uid),
             s->sprintf(r, "username=%s roles=ngo_partner org=%lld division=%s", username, o.id,
                        o.division));
    s->flash(r, s->sprintf(r, "账户 %s 已创建，首次登录时须修改密码。", username));
    return s->redirect(r, s->sprintf(r, "/org/users/%lld", uid));
}

/* one partner user and what may be done to it */
static int org_user_page(portal_req *r, const struct portal_services *s, const struct own_org *o,
                         long long uid)
{
    static const char *const cols[] = {"id", "username", "display_name", "active", "locked",
                                       "must_change_password", "last_login", "created_at",
                                       NULL};
    portal_rows *u = s->db_query(
        r,
        "SELECT u.id, u.username, u.display_name, u.active, "
        " IF(u.locked_until > UTC_TIMESTAMP(), 1, 0) AS locked, u.must_change_password, "
        " COALESCE(DATE_FORMAT(u.last_login, '%Y-%m-%d %H:%i'), '') AS last_login, "
        " DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i') AS created_at "
        "FROM users u WHERE u.id = ? AND u.org_id = ?", "ii", uid, o->id);
    if (!u)
        return 500;
    if (!s->db_next(u))
        return 404;
    put_cols(r, s, "Edit", u, cols);
    s->set(r, "Org.name", o->name);
    return s->render(r, "org_user.cs", s->sprintf(r, "账户：%s", s->db_col(u, 1)));
}

int org_user_get(portal_req *r, const struct portal_services *s)
{
    struct org_subject x;
    int st = org_subject(r, s, &x);
    return st ? st : org_user_page(r, s, &x.o, x.uid);
}

static int org_set_active(portal_req *r, const struct portal_services *s, int on)
{
    struct org_subject x;
    int st = org_subject(r, s, &x);
    return st ? st : account_set_active(r, s, x.uid, x.o.id, on, "org.user", x.detail, x.back);
}

int org_user_disable_post(portal_req *r, const struct portal_services *s)
{
    return org_set_active(r, s, 0);
}

int org_user_enable_post(portal_req *r, const struct portal_services *s)
{
    return org_set_active(r, s, 1);
}

int org_user_password_post(portal_req *r, const struct portal_services *s)
{
    struct org_subject x;
    const char *msg;
    int st = org_subject(r, s, &x);
    if (st)
        return st;
    if ((msg = reset_password_error(r, s)) != NULL) {
        s->form_error(r, "password", msg);
        return 400;
    }
    return account_reset(r, s, x.uid, x.o.id, arg(r, s, "password"), "org.user.reset", x.detail,
                         x.back);
}

int org_user_unlock_post(portal_req *r, const struct portal_services *s)
{
    struct org_subject x;
    int st = org_subject(r, s, &x);
    return st ? st : account_reset(r, s, x.uid, x.o.id, NULL, "org.user.unlock", x.detail,
                                   x.back);
}
