/* privacy - 儿童个人信息保护 (issue 19): the module descriptor. */
#include "privacy.h"

#include <stddef.h>

const char *privacy_id(portal_req *r, svc *s, long long id)
{
    return s->sprintf(r, "%lld", id);
}

#define SC PR_STATE_CHANGING
static const struct portal_route routes[] = {
    {"GET", "/privacy/exports", export_list_get, "privacy.register", 0, export_list_params, NULL},
    /* a request's page: its requester, or whoever may read the register */
    {"GET", "/privacy/exports/{id:int}", export_get, NULL, 0, NULL, "export:id"},
    {"POST", "/privacy/exports/{id:int}/approve", export_approve_post, "privacy.export_approve",
     SC, decide_params, "export:id"},
    {"POST", "/privacy/exports/{id:int}/reject", export_reject_post, "privacy.export_approve",
     SC, decide_params, "export:id"},
    {"GET", "/privacy/children/{id:int}/copy", copy_form_get, "privacy.copy", 0, NULL, "child:id"},
    {"POST", "/privacy/children/{id:int}/copy", copy_create_post, "privacy.copy", SC,
     copy_params, "child:id"},
    {"GET", "/privacy/copies/{id:int}", copy_get, "privacy.copy", 0, NULL, "copy:id"},
    {"GET", "/privacy/retention", retention_get, "privacy.retention", 0, NULL, NULL},
    {"POST", "/privacy/children/{id:int}/hold", retention_hold_post, "privacy.retention", SC,
     hold_params, "child:id"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};
#undef SC

static const struct portal_permission perms[] = {
    {"privacy.register", "查看导出登记簿"},
    {"privacy.export_approve", "审批含完整身份证号的大批量导出（县级）"},
    {"privacy.sharing", "查看儿童档案的信息共享登记"},
    {"privacy.copy", "受理监护人查阅复制申请、出具儿童信息副本"},
    {"privacy.retention", "档案保存期限：查看将归档的档案，设置法律保留"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"导出登记簿", "/privacy/exports", "privacy.register", 90},
    {"档案保存期限", "/privacy/retention", "privacy.retention", 91},
    {NULL, NULL, NULL, 0}};

static const struct portal_setting settings[] = {
    {"export_approval_rows", PS_INT, "行", "含完整身份证号的导出超过此行数须他人审批", "50"},
    {"export_window_hours", PS_INT, "小时", "审批通过后的下载时限", "24"},
    {"retention_years", PS_INT, "年", "档案保存年限：儿童退出全部类别且年满18周岁后，自最后一条记录起", "5"},
    {"retention_years_abuse", PS_INT, "年", "保护记录（强制报告、移送公安、国家监护等）在档案归档后继续保存，自其中最后一条起的年限", "20"},
    {NULL, 0, NULL, NULL, NULL}};

/* the purposes of an export (the host's export_begin reads them): the
 * county adds its own; whether one needs a recipient (another department
 * or a higher level: a disclosure) or a written purpose is the entry's */
static const struct portal_lookup_col purpose_cols[] = {
    {"title", "用途"},
    {"recipient", "须写明接收单位（是/否；向上级或其他部门提供）"},
    {"note", "须写明具体用途（是/否）"},
    {NULL, NULL}};

static const struct portal_lookup lookups[] = {
    {"purpose", "导出用途", purpose_cols},
    {NULL, NULL, NULL}};

static const struct portal_child_panel panels[] = {
    {"信息共享登记", "privacy.sharing", sharing_panel_fill, sharing_panel_tables},
    {NULL, NULL, NULL}};

static const struct portal_loader loaders[] = {
    {"export", "export", export_load},
    {"copy", "guardian_copy", copy_load},
    {NULL, NULL, NULL}};

static const struct portal_label labels[] = {
    {"privacy.relationship", "father", "父亲"},
    {"privacy.relationship", "mother", "母亲"},
    {"privacy.relationship", "grandparent", "祖父母、外祖父母"},
    {"privacy.relationship", "sibling", "成年兄姐"},
    {"privacy.relationship", "guardian", "其他监护人"},
    {"privacy.relationship", "self", "儿童本人（已满 16 周岁）"},
    {"privacy.status", "done", "已导出"},
    {"privacy.status", "pending", "待审批"},
    {"privacy.status", "approved", "已批准，待下载"},
    {"privacy.status", "rejected", "未批准"},
    {"privacy.status", "downloaded", "已下载"},
    {"privacy.status", "failed", "导出失败（文件不完整）"},
    {NULL, NULL, NULL}};

/* 2.9: what the master runs, never a request */
static const struct portal_job jobs[] = {
    {"archive", "档案到期归档（保留最少信息）", 1440, retention_job},
    {NULL, NULL, 0, NULL}};

static const struct portal_migration migrations[] = {
    {1, "001_privacy.sql"},
    {2, "002_retention.sql"},
    {3, "003_archived_counts.sql"},
    {4, "004_export_full_id.sql"},
    {5, "005_archive_records.sql"},
    {6, "006_purposes.sql"},
    {0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "privacy",
    .title = "儿童个人信息保护",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .child_panels = panels,
    .loaders = loaders,
    .labels = labels,
    .settings = settings,
    .lookups = lookups,
    .jobs = jobs,
    .retention = privacy_retention,
};
