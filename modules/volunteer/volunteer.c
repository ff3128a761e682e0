/* volunteer - 社会组织与志愿服务: the module descriptor. */
#include "volunteer.h"

#include <stddef.h>

static const struct portal_param none[] = {{NULL, 0, 0, 0, NULL}};

static const struct portal_route routes[] = {
    /* an organisation applies itself: no account yet (apply.c) */
    {"GET", "/volunteer/apply", apply_form_get, NULL, PR_PUBLIC, none},
    {"POST", "/volunteer/apply", apply_create_post, NULL, PR_PUBLIC | PR_STATE_CHANGING, apply_params},
    {"GET", "/volunteer/orgs", org_list_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/orgs", org_create_post, "volunteer.manage", PR_STATE_CHANGING, org_params},
    {"GET", "/volunteer/orgs/{id}", org_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/orgs/{id}/status", org_status_post, "volunteer.manage", PR_STATE_CHANGING, status_params},
    {"POST", "/volunteer/orgs/{id}/assign", org_assign_post, "volunteer.manage", PR_STATE_CHANGING, assign_params},
    {"POST", "/volunteer/orgs/{id}/assign-area", org_assign_area_post, "volunteer.manage", PR_STATE_CHANGING, area_assign_params},
    {"POST", "/volunteer/assignments/{id}/end", assignment_end_post, "volunteer.manage", PR_STATE_CHANGING, none},
    {"GET", "/volunteer/partner", partner_get, "volunteer.partner", 0, none},
    {"POST", "/volunteer/partner/volunteers", volunteer_create_post, "volunteer.partner", PR_STATE_CHANGING, volunteer_params},
    {"POST", "/volunteer/partner/volunteers/{id}", volunteer_edit_post, "volunteer.partner", PR_STATE_CHANGING, volunteer_edit_params},
    {"GET", "/volunteer/partner/children/{id}", partner_child_get, "volunteer.partner", 0, none},
    {"POST", "/volunteer/partner/children/{id}/logs", child_log_create_post, "volunteer.partner", PR_STATE_CHANGING, log_params},
    {"POST", "/volunteer/partner/logs/{id}/edit", log_edit_post, "volunteer.partner", PR_STATE_CHANGING, log_params},
    {"GET", "/volunteer/partner/areas/{id}", partner_area_get, "volunteer.partner", 0, none},
    {"POST", "/volunteer/partner/areas/{id}/logs", area_log_create_post, "volunteer.partner", PR_STATE_CHANGING, log_params},
    {"POST", "/volunteer/partner/logs/{id}/photos", log_photo_create_post, "volunteer.partner", PR_STATE_CHANGING, photo_params},
    /* the partner of the log, or staff whose scope covers it: checked in the handler */
    {"GET", "/volunteer/logs/{id}/photos/{pid}", photo_get, NULL, PR_NO_LAYOUT, none},
    {"GET", "/volunteer/verify", verify_list_get, "volunteer.verify", 0, none},
    {"POST", "/volunteer/verify/logs/{id}", verify_log_post, "volunteer.verify", PR_STATE_CHANGING, verify_params},
    {"GET", "/volunteer/reports", report_get, "volunteer.manage", 0, report_params},
    {"GET", "/volunteer/reports.csv", report_csv_get, "volunteer.manage", PR_NO_LAYOUT, report_params},
    /* permission checked in the handler: volunteer.manage, or the partner of its org */
    {"GET", "/volunteer/volunteers/{id}/certificate", certificate_get, NULL, 0, none},
    /* volunteer.manage or volunteer.verify, checked in the handler */
    {"GET", "/volunteer/reports/unserved", unserved_get, NULL, 0, unserved_params},
    {"GET", "/volunteer/reports/unserved.csv", unserved_csv_get, NULL, PR_NO_LAYOUT, unserved_params},
    {"GET", "/volunteer/care", care_list_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/care", care_create_post, "volunteer.manage", PR_STATE_CHANGING, care_params},
    {"GET", "/volunteer/care/{id}", care_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/care/{id}/match", care_match_post, "volunteer.manage", PR_STATE_CHANGING, match_params},
    {"POST", "/volunteer/care/{id}/status", care_status_post, "volunteer.manage", PR_STATE_CHANGING, care_status_params},
    {"POST", "/volunteer/care/{id}/edit", care_edit_post, "volunteer.manage", PR_STATE_CHANGING, care_params},
    {"POST", "/volunteer/care/matches/{id}/end", care_match_end_post, "volunteer.manage", PR_STATE_CHANGING, match_end_params},
    {"GET", "/volunteer/projects", project_list_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/projects", project_create_post, "volunteer.manage", PR_STATE_CHANGING, project_params},
    {"GET", "/volunteer/projects/{id}", project_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/projects/{id}/spend", project_spend_post, "volunteer.manage", PR_STATE_CHANGING, spend_params},
    {"POST", "/volunteer/donations", donation_create_post, "volunteer.manage", PR_STATE_CHANGING, donation_params},
    {"POST", "/volunteer/projects/{id}/edit", project_edit_post, "volunteer.manage", PR_STATE_CHANGING, project_edit_params},
    {"POST", "/volunteer/donations/{id}/edit", donation_edit_post, "volunteer.manage", PR_STATE_CHANGING, donation_edit_params},
    {"POST", "/volunteer/donations/{id}/deliver", donation_deliver_post, "volunteer.manage", PR_STATE_CHANGING, deliver_params},
    {"GET", "/volunteer/partner/projects", partner_project_list_get, "volunteer.partner", 0, none},
    {"GET", "/volunteer/partner/projects/{id}", partner_project_get, "volunteer.partner", 0, none},
    {"GET", "/volunteer/reports/donations", donation_report_get, "volunteer.manage", 0, none},
    {"GET", "/volunteer/reports/donations.csv", donation_report_csv_get, "volunteer.manage", PR_NO_LAYOUT, none},
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
    {"未获服务儿童", "/volunteer/reports/unserved", "volunteer.verify", 44},
    {"爱心寄养与助养", "/volunteer/care", "volunteer.manage", 45},
    {"慈善项目与捐赠", "/volunteer/projects", "volunteer.manage", 46},
    {"本组织慈善项目", "/volunteer/partner/projects", "volunteer.partner", 47},
    {NULL, NULL, NULL, 0}};

static const struct portal_migration migrations[] = {
    {1, "001_volunteer.sql"},
    {2, "002_more.sql"},
    {3, "003_areas.sql"},
    {4, "004_log_version.sql"},
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
    .child_panels = vol_child_panels,
};
