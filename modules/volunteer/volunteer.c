/* volunteer - 社会组织与志愿服务: the module descriptor. */
#include "volunteer.h"

#include <stddef.h>
#include <string.h>

static const struct portal_param none[] = {{NULL, 0, 0, 0, NULL}};

static const struct portal_route routes[] = {
    /* an organisation applies itself: no account yet (apply.c) */
    {"GET", "/volunteer/apply", apply_form_get, NULL, PR_PUBLIC, none},
    {"POST", "/volunteer/apply", apply_create_post, NULL, PR_PUBLIC | PR_STATE_CHANGING, apply_params},
    {"GET", "/volunteer/orgs", org_list_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/orgs", org_create_post, "volunteer.manage", PR_STATE_CHANGING, org_params},
    {"GET", "/volunteer/orgs/{id:int}", org_get, "volunteer.manage", 0, none, "org:id"},
    {"POST", "/volunteer/orgs/{id:int}/status", org_status_post, "volunteer.manage", PR_STATE_CHANGING, status_params, "org:id"},
    {"POST", "/volunteer/orgs/{id:int}/assign", org_assign_post, "volunteer.manage", PR_STATE_CHANGING, assign_params, "org:id"},
    {"POST", "/volunteer/orgs/{id:int}/assign-area", org_assign_area_post, "volunteer.manage", PR_STATE_CHANGING, area_assign_params, "org:id"},
    {"POST", "/volunteer/assignments/{id:int}/end", assignment_end_post, "volunteer.manage", PR_STATE_CHANGING, none, "assignment:id"},
    {"GET", "/volunteer/partner", partner_get, "volunteer.partner", 0, none},
    {"POST", "/volunteer/partner/volunteers", volunteer_create_post, "volunteer.partner", PR_STATE_CHANGING, volunteer_params},
    {"POST", "/volunteer/partner/volunteers/{id:int}", volunteer_edit_post, "volunteer.partner", PR_STATE_CHANGING, volunteer_edit_params, "partner_volunteer:id"},
    {"GET", "/volunteer/partner/children/{id:int}", partner_child_get, "volunteer.partner", 0, none, "partner_child:id"},
    {"POST", "/volunteer/partner/children/{id:int}/logs", child_log_create_post, "volunteer.partner", PR_STATE_CHANGING, log_params, "partner_child:id"},
    {"GET", "/volunteer/partner/logs/{id:int}/edit", log_edit_get, "volunteer.partner", 0, none, "partner_log:id"},
    {"POST", "/volunteer/partner/logs/{id:int}/edit", log_edit_post, "volunteer.partner", PR_STATE_CHANGING, log_params, "partner_log:id"},
    {"GET", "/volunteer/partner/areas/{id:int}", partner_area_get, "volunteer.partner", 0, none, "partner_area:id"},
    {"POST", "/volunteer/partner/areas/{id:int}/logs", area_log_create_post, "volunteer.partner", PR_STATE_CHANGING, log_params, "partner_area:id"},
    {"POST", "/volunteer/partner/logs/{id:int}/photos", log_photo_create_post, "volunteer.partner", PR_STATE_CHANGING, photo_params, "partner_log:id"},
    /* the partner of the log, or staff whose scope covers it: checked in the handler */
    {"GET", "/volunteer/logs/{id:int}/photos/{pid:int}", photo_get, NULL, PR_NO_LAYOUT, none, "photo:pid"},
    {"GET", "/volunteer/verify", verify_list_get, "volunteer.verify", 0, none},
    {"POST", "/volunteer/verify/logs/{id:int}", verify_log_post, "volunteer.verify", PR_STATE_CHANGING, verify_params, "log:id"},
    {"GET", "/volunteer/reports", report_get, "volunteer.manage", 0, report_params},
    {"GET", "/volunteer/reports.csv", report_csv_get, "volunteer.manage", PR_NO_LAYOUT, report_params},
    /* permission checked in the handler: volunteer.manage, or the partner of its org */
    {"GET", "/volunteer/volunteers/{id:int}/certificate", certificate_get, NULL, 0, none, "volunteer:id"},
    /* volunteer.manage or volunteer.verify, checked in the handler */
    {"GET", "/volunteer/reports/unserved", unserved_get, NULL, 0, unserved_params},
    {"GET", "/volunteer/reports/unserved.csv", unserved_csv_get, NULL, PR_NO_LAYOUT, unserved_params},
    {"GET", "/volunteer/care", care_list_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/care", care_create_post, "volunteer.manage", PR_STATE_CHANGING, care_params},
    {"GET", "/volunteer/care/{id:int}", care_get, "volunteer.manage", 0, none, "care:id"},
    {"POST", "/volunteer/care/{id:int}/match", care_match_post, "volunteer.manage", PR_STATE_CHANGING, match_params, "care:id"},
    {"POST", "/volunteer/care/{id:int}/status", care_status_post, "volunteer.manage", PR_STATE_CHANGING, care_status_params, "care:id"},
    {"POST", "/volunteer/care/{id:int}/edit", care_edit_post, "volunteer.manage", PR_STATE_CHANGING, care_params, "care:id"},
    {"POST", "/volunteer/care/matches/{id:int}/end", care_match_end_post, "volunteer.manage", PR_STATE_CHANGING, match_end_params, "care_match:id"},
    {"GET", "/volunteer/projects", project_list_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/projects", project_create_post, "volunteer.manage", PR_STATE_CHANGING, project_params},
    {"GET", "/volunteer/projects/{id:int}", project_get, "volunteer.manage", 0, none, "project:id"},
    {"POST", "/volunteer/projects/{id:int}/spend", project_spend_post, "volunteer.manage", PR_STATE_CHANGING, spend_params, "project:id"},
    /* the donations' forms are on the projects page: a refused one comes back at its path */
    {"GET", "/volunteer/donations", project_list_get, "volunteer.manage", 0, none},
    {"POST", "/volunteer/donations", donation_create_post, "volunteer.manage", PR_STATE_CHANGING, donation_params},
    {"POST", "/volunteer/projects/{id:int}/edit", project_edit_post, "volunteer.manage", PR_STATE_CHANGING, project_edit_params, "project:id"},
    {"POST", "/volunteer/donations/{id:int}/edit", donation_edit_post, "volunteer.manage", PR_STATE_CHANGING, donation_edit_params, "donation:id"},
    {"POST", "/volunteer/donations/{id:int}/deliver", donation_deliver_post, "volunteer.manage", PR_STATE_CHANGING, deliver_params, "donation:id"},
    {"GET", "/volunteer/partner/projects", partner_project_list_get, "volunteer.partner", 0, none},
    {"GET", "/volunteer/partner/projects/{id:int}", partner_project_get, "volunteer.partner", 0, none, "partner_project:id"},
    {"GET", "/volunteer/reports/donations", donation_report_get, "volunteer.manage", 0, none},
    {"GET", "/volunteer/reports/donations.csv", donation_report_csv_get, "volunteer.manage", PR_NO_LAYOUT, none},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};

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

static const struct portal_label labels[] = {
    {"volunteer.org_status", "pending", "待审核"},
    {"volunteer.org_status", "approved", "已批准"},
    {"volunteer.org_status", "suspended", "已暂停"},
    {"volunteer.org_status", "ended", "已终止合作"},
    {"volunteer.log_status", "submitted", "待核实"},
    {"volunteer.log_status", "verified", "已核实"},
    {"volunteer.log_status", "returned", "已退回"},
    /* the service types are stored as their Chinese names */
    {"volunteer.service_type", "心理疏导", "心理疏导"},
    {"volunteer.service_type", "学业辅导", "学业辅导"},
    {"volunteer.service_type", "家庭教育指导", "家庭教育指导"},
    {"volunteer.service_type", "权益保护", "权益保护"},
    {"volunteer.service_type", "陪伴关爱", "陪伴关爱"},
    {"volunteer.service_type", "物资帮扶", "物资帮扶"},
    {"volunteer.service_type", "其他", "其他"},
    {"volunteer.care_kind", "foster", "家庭寄养"},
    {"volunteer.care_kind", "entrusted", "委托代养"},
    {"volunteer.care_kind", "sponsor", "爱心助养"},
    {"volunteer.offerer", "family", "家庭"},
    {"volunteer.offerer", "org", "组织"},
    {"volunteer.care_status", "open", "可匹配"},
    {"volunteer.care_status", "matched", "已满额"},
    {"volunteer.care_status", "closed", "已关闭"},
    {"volunteer.donation_status", "pledged", "已认捐"},
    {"volunteer.donation_status", "delivered", "已交付"},
    {NULL, NULL, NULL}};

int vol_is_label(const char *kind, const char *code)
{
    for (const struct portal_label *l = labels; code && l->kind; l++)
        if (strcmp(l->kind, kind) == 0 && strcmp(l->code, code) == 0)
            return 1;
    return 0;
}

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
    .version = "2.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .child_panels = vol_child_panels,
    .loaders = vol_loaders,
    .labels = labels,
};
