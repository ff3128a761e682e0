/*
 * grants.c - who administers which module (named by the system
 * administrator) and the module's working permissions its administrators
 * grant to users in their jurisdiction.
 */
#include "settings.h"

#include <stdlib.h>
#include <string.h>

/* the modules that can have administrators, with their administrators */
int admins_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_module *m;
    for (int i = 0, n = 0; (m = s->module_nth(r, i)) != NULL; i++) {
        if (!module_named(r, s, m->name))
            continue;
        s->set(r, s->sprintf(r, "Modules.%d.name", n), m->name);
        s->set(r, s->sprintf(r, "Modules.%d.title", n++), m->title);
    }
    if (s->db_query_hdf(r, "Admins", "SELECT ma.module, u.id, u.username, u.display_name, "
                        "ma.granted_at FROM module_admins ma JOIN users u ON u.id = ma.user_id "
                        "ORDER BY ma.module, u.username", "") < 0)
        return 500;
    return s->render(r, "admins.cs", "模块管理员");
}

int admin_add_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_module *m = module_named(r, s, s->param(r, "module"));
    long long uid = user_by_name(r, s, s->param(r, "username"));
    if (!m)
        s->form_error(r, "module", "请选择模块。");
    if (!uid)
        s->form_error(r, "username", "没有这个用户（或已停用）。");
    portal_rows *q = s->form_failed(r) ? NULL
                     : s->db_query(r, "SELECT 1 FROM module_admins WHERE module = ? AND "
                                   "user_id = ?", "si", m->name, uid);
    if (q && s->db_next(q))
        s->form_error(r, "username", "该用户已是这个模块的管理员。");
    if (s->form_failed(r))
        return 400; /* the host shows the form again: what was typed, each field's error */
    long long me = s->user(r)->id;
    if (s->db_exec(r, "INSERT INTO module_admins (module, user_id, granted_by, granted_at) "
                   "VALUES (?, ?, ?, UTC_TIMESTAMP())", "sii", m->name, uid, me) != 1 ||
        s->db_exec(r, "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, "
                   "granted_at) VALUES (?, 'settings.module', 'settings', ?, UTC_TIMESTAMP())",
                   "ii", uid, me) < 0)
        return 500;
    s->audit(r, "settings.admin.add", "user", s->sprintf(r, "%lld", uid),
             s->sprintf(r, "module=%s", m->name));
    s->flash(r, s->sprintf(r, "已指定 %s 为“%s”模块管理员。", s->param(r, "username"), m->title));
    return s->redirect(r, "/admin/module-admins");
}

int admin_remove_post(portal_req *r, const struct portal_services *s)
{
    const char *module = s->param(r, "module");
    long long uid = s->param_int(r, "user", 0);
    long long n = s->db_exec(r, "DELETE FROM module_admins WHERE module = ? AND user_id = ?",
                             "si", module, uid);
    if (n < 0 || s->db_exec(r, "DELETE FROM user_perms WHERE user_id = ? AND perm = "
                            "'settings.module' AND NOT EXISTS (SELECT 1 FROM module_admins "
                            "WHERE user_id = ?)", "ii", uid, uid) < 0)
        return 500;
    if (n == 0)
        return s->fail(r, 400, "该用户不是这个模块的管理员。");
    s->audit(r, "settings.admin.remove", "user", s->sprintf(r, "%lld", uid),
             s->sprintf(r, "module=%s", module));
    s->flash(r, "已取消该模块管理员。");
    return s->redirect(r, "/admin/module-admins");
}

/* the modules the user administers */
int index_get(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(r, "SELECT module FROM module_admins WHERE user_id = ? "
                                 "ORDER BY module", "i", s->user(r)->id);
    if (!q)
        return 500;
    for (int n = 0; s->db_next(q);) {
        const struct portal_module *m = module_named(r, s, s->db_col(q, 0));
        if (!m)
            continue;
        s->set(r, s->sprintf(r, "Modules.%d.name", n), m->name);
        s->set(r, s->sprintf(r, "Modules.%d.title", n++), m->title);
    }
    return s->render(r, "index.cs", "模块设置");
}

/* the module's permissions and the grants to users in the administrator's scope */
int grants_hdf(portal_req *r, const struct portal_services *s, const struct portal_module *m)
{
    int i = 0;
    for (const struct portal_permission *p = m->permissions; p && p->name; p++, i++) {
        s->set(r, s->sprintf(r, "Perms.%d.name", i), p->name);
        s->set(r, s->sprintf(r, "Perms.%d.title", i), p->title);
    }
    return s->db_query_hdf(r, "Grants", "SELECT up.user_id, u.username, u.display_name, up.perm, "
                           "up.granted_at, u.division_code FROM user_perms up JOIN users u ON "
                           "u.id = up.user_id WHERE up.module = ? AND u.division_code LIKE "
                           "CONCAT(?, '%') ORDER BY u.username, up.perm", "ss", m->name,
                           s->scope_prefix(r));
}

static const struct portal_permission *perm_of(const struct portal_module *m, const char *name)
{
    for (const struct portal_permission *p = m->permissions; p && p->name; p++)
        if (name && strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

/* the user a grant is about, in the administrator's jurisdiction and not
 * the administrator; 0 with *status answered (400, or an audited 403) */
static long long grantee(portal_req *r, const struct portal_services *s, long long uid,
                         int *status)
{
    portal_rows *q = s->db_query(r, "SELECT division_code FROM users WHERE id = ? AND active = 1",
                                 "i", uid);
    if (!q || !s->db_next(q)) {
        *status = q ? s->fail(r, 400, "没有这个用户（或已停用）。") : 500;
        return 0;
    }
    if (!s->in_scope(r, s->db_col(q, 0)) || uid == s->user(r)->id) {
        *status = s->refuse(r, 403, "user", s->sprintf(r, "%lld", uid),
                            "grant outside the administrator's jurisdiction or to themselves",
                            "只能为本辖区内的其他用户授予权限。");
        return 0;
    }
    return uid;
}

/* the permission of a grant: one the module declares, else an audited 403 */
static const struct portal_permission *grant_perm(portal_req *r, const struct portal_services *s,
                                                  const struct portal_module *m, int *status)
{
    const struct portal_permission *p = perm_of(m, s->param(r, "perm"));
    if (!p)
        *status = s->refuse(r, 403, "permission", s->param(r, "perm"),
                            s->sprintf(r, "not a working permission of module %s", m->name),
                            "只能授予本模块的工作权限，不能授予管理员权限或其他模块的权限。");
    return p;
}

int grant_post(portal_req *r, const struct portal_services *s)
{
    int status = 0;
    const struct portal_module *m = module_of_path(r, s, &status);
    const struct portal_permission *p = m ? grant_perm(r, s, m, &status) : NULL;
    long long uid = user_by_name(r, s, s->param(r, "username"));
    if (p && !uid)
        return s->fail(r, 400, "没有这个用户（或已停用）。");
    if (!p || !(uid = grantee(r, s, uid, &status)))
        return status;
    long long n = s->db_exec(r, "INSERT IGNORE INTO user_perms (user_id, perm, module, "
                             "granted_by, granted_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
                             "issi", uid, p->name, m->name, s->user(r)->id);
    if (n < 0)
        return 500;
    if (n > 0)
        s->audit(r, "settings.grant", "user", s->sprintf(r, "%lld", uid),
                 s->sprintf(r, "perm=%s", p->name));
    s->flash(r, n > 0 ? s->sprintf(r, "已授予 %s：%s", s->param(r, "username"), p->title)
                      : "该用户已有这项权限，未做修改。");
    return s->redirect(r, s->sprintf(r, "/admin/settings/%s", m->name));
}

int revoke_post(portal_req *r, const struct portal_services *s)
{
    int status = 0;
    const struct portal_module *m = module_of_path(r, s, &status);
    const struct portal_permission *p = m ? grant_perm(r, s, m, &status) : NULL;
    long long uid = p ? grantee(r, s, s->param_int(r, "user", 0), &status) : 0;
    if (!uid)
        return status;
    long long n = s->db_exec(r, "DELETE FROM user_perms WHERE user_id = ? AND perm = ? AND "
                             "module = ?", "iss", uid, p->name, m->name);
    if (n < 0)
        return 500;
    if (n > 0)
        s->audit(r, "settings.revoke", "user", s->sprintf(r, "%lld", uid),
                 s->sprintf(r, "perm=%s", p->name));
    s->flash(r, n > 0 ? s->sprintf(r, "已收回：%s", p->title) : "该用户没有这项权限。");
    return s->redirect(r, s->sprintf(r, "/admin/settings/%s", m->name));
}
