/*
 * admin - the administration pages, a module like every other one:
 *   system.users  (安全管理员 secadmin)  accounts, roles, jurisdictions
 *   system.audit  (审计员 auditor)       reads the audit log, checks its chain
 *   system.admin  (系统管理员 sysadmin)   divisions, organisations, the
 *                                        working-day calendar
 * and, for one NGO organisation each:
 *   org.users     (社会组织管理员 ngo_admin) the partner users of its own
 *                 organisation (/org/users)
 * The three site roles are kept apart on purpose (sql/003_roles.sql).
 * Every act is audited (admin.*, org.user.*, audit.read), with the target's
 * id and never a password.  Bad input re-renders the form with Chinese
 * field errors and changes nothing.  users, roles, divisions, orgs and
 * work_calendar are core tables (sql/); what needs a secret (passwords,
 * sessions, TOTP, the audit chain) goes through the accounts services.
 */
#include "admin.h"

#include <stdlib.h>
#include <string.h>

const char *arg(portal_req *r, const struct portal_services *s, const char *name)
{
    const char *v = s->param(r, name);
    return v ? v : "";
}

long long path_id(portal_req *r, const struct portal_services *s)
{
    const char *v = s->path_arg(r, "id");
    if (!v || !*v || strlen(v) > 18 || strspn(v, "0123456789") != strlen(v))
        return -1;
    return atoll(v);
}

void field_error(portal_req *r, const struct portal_services *s, int *nerr, const char *field,
                 const char *msg)
{
    s->form_error(r, field, msg);
    (*nerr)++;
}

const char *like_pattern(portal_req *r, const struct portal_services *s, const char *pre,
                         const char *q, const char *post)
{
    char *out = s->alloc(r, strlen(pre) + 2 * strlen(q) + strlen(post) + 1), *o = out;
    o = stpcpy(o, pre);
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            *o++ = '\\';
        *o++ = *p;
    }
    strcpy(o, post);
    return out;
}

void put_cols(portal_req *r, const struct portal_services *s, const char *prefix, portal_rows *rows,
              const char *const *cols)
{
    for (int c = 0; cols[c]; c++) {
        const char *v = s->db_col(rows, c);
        s->set(r, s->sprintf(r, "%s.%s", prefix, cols[c]), v ? v : "");
    }
}

int put_page(portal_req *r, const struct portal_services *s, const char *prefix, portal_rows *rows,
             const char *const *cols, int limit, int *more, int key_col, const char **last)
{
    int n = 0;
    *last = NULL;
    while (n < limit && s->db_next(rows)) {
        put_cols(r, s, s->sprintf(r, "%s.%d", prefix, n++), rows, cols);
        *last = s->db_col(rows, key_col);
    }
    *more = n == limit && s->db_next(rows);
    return n;
}

void put_pager(portal_req *r, const struct portal_services *s, const char *after, int more,
               const char *next_key)
{
    if (*after)
        s->set(r, "Pager.Paged", "1");
    if (more && next_key)
        s->set(r, "Pager.Next", next_key);
}

int username_ok(const char *u)
{
    size_t n = strlen(u);
    return n >= 3 && n <= 32 && strspn(u, "abcdefghijklmnopqrstuvwxyz0123456789_.") == n;
}

const char *user_name(portal_req *r, const struct portal_services *s, long long uid)
{
    portal_rows *x = uid < 0 ? NULL
                             : s->db_query(r, "SELECT username FROM users WHERE id = ?", "i", uid);
    return x && s->db_next(x) ? s->db_col(x, 0) : NULL;
}

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

static const struct portal_param disable_params[] = {
    {"back", PP_CODE, 16, 0, "返回页面"},
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
    {"kind", PP_CODE, 32, 0, "单位类别"},
    {"division", PP_CODE, 12, 0, "所在区划"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param calendar_params[] = {
    {"day", PP_DATE, 10, 1, "日期"},
    {"is_workday", PP_CODE, 1, 0, "类型"},
    {"note", PP_TEXT, 64, 0, "说明"},
    {"remove", PP_CODE, 1, 0, "删除"},
    {NULL, 0, 0, 0, NULL}};

#define SC PR_STATE_CHANGING
static const struct portal_route routes[] = {
    /* accounts and roles: the security administrator */
    {"GET", "/admin/users", user_list_get, "system.users", 0, users_list_params},
    {"GET", "/admin/users/new", user_new_get, "system.users", 0, NULL},
    {"POST", "/admin/users/new", user_create_post, "system.users", SC, user_new_params},
    {"GET", "/admin/users/{id}", user_edit_get, "system.users", 0, NULL},
    {"POST", "/admin/users/{id}", user_update_post, "system.users", SC, user_update_params},
    {"POST", "/admin/users/{id}/disable", user_disable_post, "system.users", SC, disable_params},
    {"POST", "/admin/users/{id}/enable", user_enable_post, "system.users", SC, NULL},
    {"POST", "/admin/users/{id}/password", user_password_post, "system.users", SC,
     user_reset_params},
    {"POST", "/admin/users/{id}/unlock", user_unlock_post, "system.users", SC, NULL},
    {"POST", "/admin/users/{id}/totp-reset", user_totp_reset_post, "system.users", SC, NULL},
    {"GET", "/admin/access-review", access_review_get, "system.users", 0, NULL},
    {"GET", "/admin/jobs", job_list_get, "system.admin", 0, NULL},
    /* the accounts of one partner organisation: its partner administrator */
    {"GET", "/org/users", org_user_list_get, "org.users", 0, org_users_params},
    {"POST", "/org/users", org_user_create_post, "org.users", SC, org_user_new_params},
    {"GET", "/org/users/{id}", org_user_get, "org.users", 0, NULL},
    {"POST", "/org/users/{id}/disable", org_user_disable_post, "org.users", SC, NULL},
    {"POST", "/org/users/{id}/enable", org_user_enable_post, "org.users", SC, NULL},
    {"POST", "/org/users/{id}/password", org_user_password_post, "org.users", SC,
     user_reset_params},
    {"POST", "/org/users/{id}/unlock", org_user_unlock_post, "org.users", SC, NULL},
    /* the audit log: the auditor */
    {"GET", "/admin/audit", audit_list_get, "system.audit", 0, audit_params},
    {"GET", "/admin/audit/verify", audit_verify_get, "system.audit", 0, NULL},
    /* divisions, organisations, the working-day calendar: the system administrator */
    {"GET", "/admin/divisions", division_list_get, "system.admin", 0, NULL},
    {"POST", "/admin/divisions", division_create_post, "system.admin", SC, division_add_params},
    {"POST", "/admin/divisions/{code}/end", division_end_post, "system.admin", SC,
     division_end_params},
    {"GET", "/admin/orgs", org_list_get, "system.admin", 0, NULL},
    {"POST", "/admin/orgs", org_create_post, "system.admin", SC, org_add_params},
    {"GET", "/admin/calendar", calendar_get, "system.admin", 0, NULL},
    {"POST", "/admin/calendar", calendar_post, "system.admin", SC, calendar_params},
    {NULL, NULL, NULL, NULL, 0, NULL}};
#undef SC

static const struct portal_menu menu[] = {
    {"本组织账户", "/org/users", "org.users", 795},
    {"用户管理", "/admin/users", "system.users", 800},
    {"账户复核", "/admin/access-review", "system.users", 805},
    {"审计日志", "/admin/audit", "system.audit", 810},
    {"区划与单位", "/admin/divisions", "system.admin", 820},
    {"工作日历", "/admin/calendar", "system.admin", 825},
    {"定时任务", "/admin/jobs", "system.admin", 830},
    {NULL, NULL, NULL, 0}};

static const struct portal_permission perms[] = {
    {"system.admin", "系统管理"},
    {"system.users", "用户管理"},
    {"system.audit", "查看审计日志"},
    {"org.users", "管理本组织账户"},
    {NULL, NULL}};

/* 2.9: periodic work the master runs */
static const struct portal_job jobs[] = {
    {"review_remind", "每月提醒账户与访问复核", 1440, review_remind_job},
    {NULL, NULL, 0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "admin",
    .title = "系统管理",
    .version = "2.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .template_dir = "templates",
    .jobs = jobs,
};
