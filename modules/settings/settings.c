/*
 * settings - module settings and module administrators (issue 10 part 5).
 *
 * Every module declares its dated settings and its lookups (ABI 2.1,
 * portal_module.settings and .lookups); this module is the one generic
 * page that edits them, /admin/settings/<module>, for that module's
 * administrators:
 *   - the system administrator (system.admin) names the administrators of
 *     each module (/admin/module-admins; core table module_admins); being
 *     named also grants settings.module, the key to these pages;
 *   - a module administrator sees and edits only the settings and lookups
 *     of the modules they administer: new values from a date (history kept,
 *     never overwritten), lookup entries added and retired from a date;
 *   - and grants that module's working permissions (the permissions it
 *     declares) to users in their own jurisdiction (core table user_perms,
 *     added to the user's roles' permissions at each request): never an
 *     administrator's permission, never another module's.
 * Every change is audited (settings.*); a module the user does not
 * administer is an audited 404.  The house's own modules (system, admin,
 * account, settings) have no module administrators.
 */
#include "settings.h"

#include <stdlib.h>
#include <string.h>

static const char *const house[] = {"core", "system", "admin", "account", "settings", NULL};

const struct portal_module *module_named(portal_req *r, const struct portal_services *s,
                                         const char *name)
{
    for (int i = 0; name && house[i]; i++)
        if (strcmp(house[i], name) == 0)
            return NULL;
    const struct portal_module *m;
    for (int i = 0; name && (m = s->module_nth(r, i)) != NULL; i++)
        if (strcmp(m->name, name) == 0)
            return m;
    return NULL;
}

const struct portal_module *module_of_path(portal_req *r, const struct portal_services *s,
                                           int *status)
{
    const char *name = s->path_arg(r, "module");
    const struct portal_module *m = module_named(r, s, name);
    portal_rows *q = m ? s->db_query(r, "SELECT 1 FROM module_admins WHERE module = ? AND "
                                     "user_id = ?", "si", m->name, s->user(r)->id)
                       : NULL;
    if (q && s->db_next(q))
        return m;
    *status = s->refuse(r, 404, "module", name, "not an administrator of this module", NULL);
    return NULL;
}

long long user_by_name(portal_req *r, const struct portal_services *s, const char *username)
{
    portal_rows *q = s->db_query(r, "SELECT id FROM users WHERE username = ? AND active = 1",
                                 "s", s->trim(r, username));
    return q && s->db_next(q) ? atoll(s->db_col(q, 0)) : 0;
}

static const struct portal_param admin_add_params[] = {
    {"module", PP_CODE, 64, 1, "模块"},
    {"username", PP_TEXT, 64, 1, "用户名"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param admin_remove_params[] = {
    {"module", PP_CODE, 64, 1, "模块"},
    {"user", PP_INT, 20, 1, "用户"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param value_params[] = {
    {"code", PP_CODE, 48, 1, "设置项"},
    {"valid_from", PP_DATE, 10, 1, "生效日期"},
    {"value", PP_TEXT, 1500, 0, "新值"},
    {"note", PP_TEXT, 200, 0, "依据"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param lookup_params[] = {
    {"kind", PP_CODE, 48, 1, "目录"},
    {"code", PP_TEXT, 64, 0, "编码"},
    {"c1", PP_TEXT, 200, 0, "名称"},
    {"c2", PP_TEXT, 200, 0, "第2列"},
    {"c3", PP_TEXT, 200, 0, "第3列"},
    {"c4", PP_TEXT, 200, 0, "第4列"},
    {"c5", PP_TEXT, 200, 0, "第5列"},
    {"c6", PP_TEXT, 200, 0, "第6列"},
    {"valid_from", PP_DATE, 10, 1, "生效日期"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param retire_params[] = {
    {"valid_to", PP_DATE, 10, 1, "停用日期"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param grant_params[] = {
    {"username", PP_TEXT, 64, 1, "用户名"},
    {"perm", PP_CODE, 64, 1, "权限"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param revoke_params[] = {
    {"user", PP_INT, 20, 1, "用户"},
    {"perm", PP_CODE, 64, 1, "权限"},
    {NULL, 0, 0, 0, NULL}};

#define SC PR_STATE_CHANGING
#define MA "settings.module"
static const struct portal_route routes[] = {
    /* the system administrator names module administrators */
    {"GET", "/admin/module-admins", admins_get, "system.admin", 0, NULL},
    {"POST", "/admin/module-admins", admin_add_post, "system.admin", SC, admin_add_params},
    {"POST", "/admin/module-admins/remove", admin_remove_post, "system.admin", SC,
     admin_remove_params},
    /* a module administrator: the modules they administer, one page each */
    {"GET", "/admin/settings", index_get, MA, 0, NULL},
    {"GET", "/admin/settings/{module}", module_get, MA, 0, NULL},
    {"POST", "/admin/settings/{module}/value", value_post, MA, SC, value_params},
    {"POST", "/admin/settings/{module}/lookup", lookup_add_post, MA, SC, lookup_params},
    {"POST", "/admin/settings/{module}/lookup/{id:int}/retire", lookup_retire_post, MA, SC,
     retire_params},
    {"POST", "/admin/settings/{module}/grant", grant_post, MA, SC, grant_params},
    {"POST", "/admin/settings/{module}/revoke", revoke_post, MA, SC, revoke_params},
    {NULL, NULL, NULL, NULL, 0, NULL}};
#undef SC

static const struct portal_permission perms[] = {
    {MA, "管理本模块的设置、目录和工作权限（由系统管理员指定模块管理员时授予）"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"模块设置", "/admin/settings", MA, 80},
    {"模块管理员", "/admin/module-admins", "system.admin", 81},
    {NULL, NULL, NULL, 0}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "settings",
    .title = "模块设置",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .template_dir = "templates",
};
