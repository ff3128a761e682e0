/* volunteer - 社会组织与志愿服务: the module descriptor. */
#include "volunteer.h"

#include <stddef.h>

static const struct portal_param none[] = {{NULL, 0, 0, 0, NULL}};

static const struct portal_route routes[] = {
    {"GET", "/volunteer/orgs", orgs_page, "volunteer.manage", 0, none},
    {"POST", "/volunteer/orgs", org_register, "volunteer.manage", PR_STATE_CHANGING, org_params},
    {"GET", "/volunteer/orgs/{id}", org_view, "volunteer.manage", 0, none},
    {"POST", "/volunteer/orgs/{id}/status", org_status, "volunteer.manage", PR_STATE_CHANGING, status_params},
    {"POST", "/volunteer/orgs/{id}/assign", assign_add, "volunteer.manage", PR_STATE_CHANGING, assign_params},
    {"POST", "/volunteer/assignments/{id}/end", assign_end, "volunteer.manage", PR_STATE_CHANGING, none},
    {"GET", "/volunteer/partner", partner_home, "volunteer.partner", 0, none},
    {"POST", "/volunteer/partner/volunteers", volunteer_add, "volunteer.partner", PR_STATE_CHANGING, volunteer_params},
    {"GET", "/volunteer/partner/children/{id}", partner_child, "volunteer.partner", 0, none},
    {"POST", "/volunteer/partner/children/{id}/logs", log_add, "volunteer.partner", PR_STATE_CHANGING, log_params},
    {"POST", "/volunteer/partner/logs/{id}/edit", log_edit, "volunteer.partner", PR_STATE_CHANGING, log_params},
    {"GET", "/volunteer/verify", verify_page, "volunteer.verify", 0, none},
    {"POST", "/volunteer/verify/logs/{id}", verify_act, "volunteer.verify", PR_STATE_CHANGING, verify_params},
    {"GET", "/volunteer/reports", report_page, "volunteer.manage", 0, report_params},
    {"GET", "/volunteer/reports.csv", report_csv, "volunteer.manage", PR_NO_LAYOUT, report_params},
    {NULL, NULL, NULL, NULL, 0, NULL}};

static const struct portal_permission perms[] = {
    {"volunteer.manage", "登记、审核社会组织，指派服务对象"},
    {"volunteer.partner", "社会组织合作方：管理志愿者和服务记录"},
    {"volunteer.verify", "乡镇核实志愿服务记录"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"社会组织", "/volunteer/orgs", "volunteer.manage", 40},
    {"志愿服务统计", "/volunteer/reports", "volunteer.manage", 41},
    {"志愿服务", "/volunteer/partner", "volunteer.partner", 42},
    {"服务记录核实", "/volunteer/verify", "volunteer.verify", 43},
    {NULL, NULL, NULL, 0}};

static const struct portal_migration migrations[] = {
    {1, "001_volunteer.sql"},
    {0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "volunteer",
    .title = "社会组织与志愿服务",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
};
