/*
 * rehab - 残疾儿童康复 (issue 14): the module descriptor and the helpers its
 * files share.  Screening of every child 0-6 in rounds held by a health
 * institution (screen.c); a suspected result referred to a diagnosing
 * hospital, the diagnosis subsidy for poor families posted to the payments
 * ledger, the diagnosis written to the child's file (refer.c).  Providers
 * and hospitals are organisations (kinds rehab, hospital); their staff see
 * exactly the children referred to them (child_link, relation referred).
 */
#include "rehab.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *const rehab_domains[REHAB_DOMAINS] = {"vision", "hearing", "speech",
                                                  "motor", "intellectual", "autism"};

#define SC PR_STATE_CHANGING
static const struct portal_route routes[] = {
    {"GET", "/rehab", home_get, "rehab.view", 0, wf_inbox_params, NULL},
    {"POST", "/rehab/rounds", round_create_post, "rehab.screen", SC, round_params, NULL},
    {"GET", "/rehab/rounds/{id:int}", round_get, "rehab.view", 0, grid_params, "round:id"},
    {"POST", "/rehab/rounds/{id:int}/grid", round_grid_post, "rehab.screen", SC, grid_params,
     "round:id"},
    {"POST", "/rehab/rounds/{id:int}/import", round_import_post, "rehab.screen", SC,
     import_params, "round:id"},
    {"POST", "/rehab/rounds/{id:int}/screenees", round_screenee_post, "rehab.screen", SC,
     screenee_params, "round:id"},
    {"POST", "/rehab/rounds/{id:int}/link", round_link_post, "rehab.screen", SC, NULL,
     "round:id"},
    {"POST", "/rehab/screenings/{id:int}/refer", screening_refer_post, "rehab.manage", SC,
     refer_params, "screening:id"},
    {"GET", "/rehab/referrals", referral_list_get, "rehab.diagnose", 0, NULL, NULL},
    {"GET", "/rehab/referrals/{id:int}", referral_get, "rehab.diagnose", 0, NULL,
     "referral:id"},
    {"POST", "/rehab/referrals/{id:int}/result", referral_result_post, "rehab.diagnose", SC,
     result_params, "referral:id"},
    {"POST", "/rehab/referrals/{id:int}/subsidy", referral_subsidy_post, "rehab.manage", SC,
     NULL, "referral:id"},
    {"GET", "/rehab/tomorrow", tomorrow_list_get, "rehab.manage", 0, NULL, NULL},
    {"POST", "/rehab/children/{id:int}/tomorrow", tomorrow_refer_post, "rehab.manage", SC,
     refer_params, "child:id"},
    {"GET", "/rehab/providers", provider_list_get, "rehab.manage", 0, NULL, NULL},
    {"POST", "/rehab/providers", provider_save_post, "rehab.manage", SC, provider_params, NULL},
    {"GET", "/rehab/apply", apply_form_get, "rehab.apply", 0, apply_params, NULL},
    {"POST", "/rehab/apply", apply_create_post, "rehab.apply", SC, apply_params, NULL},
    {"GET", "/rehab/applications/{id:int}", application_get, "rehab.view", 0, NULL,
     "application:id"},
    {"POST", "/rehab/applications/{id:int}/act", application_act_post, "rehab.view", SC,
     act_params, "application:id"},
    {"POST", "/rehab/applications/batch", application_batch_post, "rehab.view", SC, wf_batch_params,
     NULL},
    {"GET", "/rehab/provider", provider_home_get, "rehab.provider", 0, NULL, NULL},
    /* rehab.provider (their own plans) or rehab.manage, checked in the handler */
    {"GET", "/rehab/plans/{id:int}", plan_get, NULL, 0, NULL, "plan:id"},
    {"POST", "/rehab/plans/{id:int}/months", plan_month_post, "rehab.provider", SC,
     month_params, "plan:id"},
    {"GET", "/rehab/claims", claim_list_get, "rehab.manage", 0, NULL, NULL},
    {"POST", "/rehab/months/{id:int}/settle", claim_settle_post, "rehab.manage", SC, NULL,
     "plan_month:id"},
    {"GET", "/rehab/children/{id:int}", child_get, "rehab.view", 0, NULL, "child:id"},
    {"POST", "/rehab/children/{id:int}/certificate", certificate_create_post, "rehab.manage", SC,
     cert_params, "child:id"},
    {"GET", "/rehab/certificates", certificate_list_get, "rehab.view", 0, NULL, NULL},
    {"GET", "/rehab/reports", report_get, "rehab.view", 0, report_params, NULL},
    {"GET", "/rehab/reports/coverage.xlsx", report_coverage_xlsx_get, "rehab.view",
     PR_NO_LAYOUT, report_params, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};
#undef SC

static const struct portal_permission perms[] = {
    {"rehab.view", "查看残疾儿童康复"},
    {"rehab.screen", "登记残疾筛查"},
    {"rehab.apply", "受理和代为申请康复救助"},
    {"rehab.township", "乡镇审核康复救助申请"},
    {"rehab.manage", "县残联：转介、补贴、残疾证、审批、结算"},
    {"rehab.diagnose", "诊断医院：查看转介儿童、登记诊断结果"},
    {"rehab.provider", "康复机构：训练记录与月度结算"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"残疾儿童康复", "/rehab", "rehab.view", 60},
    {"转介诊断", "/rehab/referrals", "rehab.diagnose", 61},
    {"康复机构端", "/rehab/provider", "rehab.provider", 62},
    {"康复救助结算", "/rehab/claims", "rehab.manage", 63},
    {"残疾人证到期", "/rehab/certificates", "rehab.view", 64},
    {"康复统计", "/rehab/reports", "rehab.view", 65},
    {NULL, NULL, NULL, 0}};

static const struct portal_loader loaders[] = {
    {"round", "rehab_round", round_load},
    {"screening", "rehab_screening", screening_load},
    {"referral", "rehab_referral", referral_load},
    {"plan", "rehab_plan", plan_load},
    {"plan_month", "rehab_month", plan_month_load},
    {NULL, NULL, NULL}};

static const struct portal_label labels[] = {
    {"rehab.domain", "vision", "视力"},
    {"rehab.domain", "hearing", "听力"},
    {"rehab.domain", "speech", "言语"},
    {"rehab.domain", "motor", "肢体运动"},
    {"rehab.domain", "intellectual", "智力"},
    {"rehab.domain", "autism", "孤独症表现"},
    /* GB/T 26341-2010 */
    {"rehab.category", "visual", "视力残疾"},
    {"rehab.category", "hearing", "听力残疾"},
    {"rehab.category", "speech", "言语残疾"},
    {"rehab.category", "physical", "肢体残疾"},
    {"rehab.category", "intellectual", "智力残疾"},
    {"rehab.category", "mental", "精神残疾"},
    {"rehab.category", "multiple", "多重残疾"},
    {"rehab.grade", "1", "一级"},
    {"rehab.grade", "2", "二级"},
    {"rehab.grade", "3", "三级"},
    {"rehab.grade", "4", "四级"},
    {"rehab.referral_kind", "diagnosis", "疑似残疾转介诊断"},
    {"rehab.referral_kind", "tomorrow", "明天计划手术"},
    {"rehab.referral_status", "referred", "已转介，待结果"},
    {"rehab.referral_status", "done", "已有结果"},
    {"rehab.result", "confirmed", "确诊残疾"},
    {"rehab.result", "not_disabled", "排除残疾"},
    {"rehab.result", "done", "手术完成"},
    {"rehab.result", "failed", "未能手术"},
    {"rehab.programme", "diagnosis", "残疾儿童诊断补贴"},
    {"rehab.programme", "aid_training", "残疾儿童康复训练救助"},
    {"rehab.programme", "aid_device", "残疾儿童辅助器具适配救助"},
    {"rehab.programme", "aid_surgery", "残疾儿童手术救助"},
    {"rehab.service", "training", "康复训练"},
    {"rehab.service", "device", "辅助器具适配"},
    {"rehab.service", "surgery", "手术矫治"},
    {"rehab.month_status", "submitted", "待结算"},
    {"rehab.month_status", "paid", "已结算"},
    {"rehab.month_status", "refused", "不予结算"},
    {NULL, NULL, NULL}};

static const struct portal_setting settings[] = {
    {"diagnosis_subsidy_cap", PS_MONEY, "元/人次", "疑似残疾儿童诊断补贴上限（困难家庭）",
     "50000"},
    {"cap_training", PS_MONEY, "元/人·年", "康复训练救助年度限额（每名儿童）", "2400000"},
    {"cap_device", PS_MONEY, "元/人·年", "辅助器具适配救助年度限额（每名儿童）", "500000"},
    {"cap_surgery", PS_MONEY, "元/人·年", "手术救助年度限额（每名儿童）", "2000000"},
    {"cert_warn_days", PS_DAYS, "天", "残疾人证到期提前提醒天数", "90"},
    {"diagnosis_hospital", PS_TEXT, NULL, "默认诊断医院（机构代码）：筛查疑似的在册儿童自动转介，残联不必逐一选择", ""},
    /* the workflow's step limits (the host reads <type>_<step>_days) */
    {"aid_check_days", PS_DAYS, "工作日", "康复救助：乡镇审核时限", "10"},
    {"aid_decide_days", PS_DAYS, "工作日", "康复救助：县残联审批时限", "10"},
    {"suspected_days", PS_DAYS, "天", "疑似儿童转介后未诊断的提示天数", "30"},
    {NULL, 0, NULL, NULL, NULL}};

static const struct portal_child_panel panels[] = {
    {"残疾与康复", "rehab.view", rehab_child_panel, rehab_panel_tables},
    {NULL, NULL, NULL}};

static const struct portal_migration migrations[] = {
    {1, "001_rehab.sql"},
    {0, NULL}};

const char *rehab_id(portal_req *r, const struct portal_services *s, long long id)
{
    return s->sprintf(r, "%lld", id);
}

int rehab_is_label(const char *kind, const char *code)
{
    for (const struct portal_label *l = labels; code && l->kind; l++)
        if (strcmp(l->kind, kind) == 0 && strcmp(l->code, code) == 0)
            return 1;
    return 0;
}

/* 1 when the user is the staff of an organisation (sees linked children only) */
int rehab_org_user(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    return u && u->scope && strcmp(u->scope, "org") == 0;
}

/* a loader of an object that concerns a child and an organisation: sql
 * selects (child_id, org_id, village_code) of object id; the staff of an
 * organisation only their own (else 404), everyone the child's scope */
int rehab_load_own(portal_req *r, const struct portal_services *s, const char *sql,
                   long long id, struct portal_object *o)
{
    portal_rows *q = s->db_query(r, sql, "i", id);
    if (!q || !s->db_next(q))
        return 404;
    if (rehab_org_user(r, s) && atoll(s->db_col(q, 1)) != s->user(r)->org_id)
        return 404;
    o->child_id = atoll(s->db_col(q, 0));
    o->division = s->db_col(q, 2);
    return 0;
}

/* 1 when org_id is an active organisation of that kind */
int rehab_org_of_kind(portal_req *r, const struct portal_services *s, long long org_id,
                      const char *kind)
{
    portal_rows *q = s->db_query(r, "SELECT 1 FROM orgs WHERE id = ? AND kind = ? AND "
                                 "active = 1", "is", org_id, kind);
    return q && s->db_next(q);
}

/* this month's open batch of a programme (draft or reviewed), else a new one */
long long rehab_batch(portal_req *r, const struct portal_services *s, const char *programme,
                      const char *title)
{
    const char *month = s->sprintf(r, "%.7s", s->today(r));
    return s->pay_batch_open(r, programme, month, s->sprintf(r, "%s%s", month, title));
}

/* the organisation's payee (its bank account, kept on the providers page), 0 none */
long long rehab_payee(portal_req *r, const struct portal_services *s, long long org_id)
{
    portal_rows *q = s->db_query(r, "SELECT id FROM pay_payees WHERE kind = 'org' AND "
                                 "org_id = ?", "i", org_id);
    return q && s->db_next(q) ? atoll(s->db_col(q, 0)) : 0;
}

/* periodic work of the master, never a request (2.9) */
static const struct portal_job jobs[] = {
    {"cert_lapse", "残疾人证到期未换领：标记失效、退出重病重残", 1440, rehab_lapse_job},
    {NULL, NULL, 0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "rehab",
    .title = "残疾儿童康复",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .workflows = rehab_workflows,
    .child_panels = panels,
    .loaders = loaders,
    .labels = labels,
    .settings = settings,
    .jobs = jobs,
};
