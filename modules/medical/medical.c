/* medical - 医疗保障 (issue 11): the module descriptor. */
#include "medical.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define SC PR_STATE_CHANGING

static const struct portal_param none[] = {{NULL, 0, 0, 0, NULL}};

static const struct portal_route routes[] = {
    {"GET", "/medical", home_get, "medical.view", 0, wf_inbox_params, NULL},
    {"GET", "/medical/aid/new", aid_form_get, "medical.apply", 0, aid_params, NULL},
    {"POST", "/medical/aid", aid_create_post, "medical.apply", SC, aid_params, NULL},
    {"GET", "/medical/aid/{id:int}", aid_get, "medical.view", 0, none, "application:id"},
    {"POST", "/medical/aid/{id:int}/act", aid_act_post, "medical.view", SC, act_params, "application:id"},
    /* the workflow's address of an application (inbox links) and batch approval */
    {"GET", "/medical/applications/{id:int}", aid_get, "medical.view", 0, none, "application:id"},
    {"POST", "/medical/applications/batch", aid_batch_post, "medical.view", SC, wf_batch_params, NULL},
    {"GET", "/medical/aid/{id:int}/sheet", aid_sheet_get, "medical.view", 0, none, "application:id"},
    {"GET", "/medical/aid/{id:int}/receipts/{rid:int}", aid_receipt_get, "medical.view", PR_NO_LAYOUT, none, "application:id"},
    {"GET", "/medical/hospitals", hospital_list_get, "medical.county", 0, none, NULL},
    {"POST", "/medical/hospitals/{id:int}/account", hospital_account_post, "medical.county", SC, account_params, NULL},
    {"GET", "/medical/premiums", premium_list_get, "medical.premium", 0, year_params, NULL},
    {"POST", "/medical/premiums/generate", premium_generate_post, "medical.premium", SC, year_params, NULL},
    {"POST", "/medical/premiums/{year:int}/supplement", premium_supplement_post, "medical.premium", SC, year_params, NULL},
    {"GET", "/medical/premiums/{year:int}/export", premium_export_get, "medical.premium", PR_NO_LAYOUT, year_params, NULL},
    {"POST", "/medical/premiums/{year:int}/import", premium_import_post, "medical.premium", SC, import_params, NULL},
    {"POST", "/medical/premiums/{year:int}/post", premium_post_post, "medical.premium", SC, account_params, NULL},
    {"GET", "/medical/policies", policy_list_get, "medical.insurance", 0, policy_params, NULL},
    {"POST", "/medical/policies", policy_create_post, "medical.insurance", SC, policy_params, NULL},
    {"GET", "/medical/policies/{id:int}", policy_get, "medical.insurance", 0, none, "policy:id"},
    {"POST", "/medical/policies/{id:int}/children", policy_children_post, "medical.insurance", SC, insured_params, "policy:id"},
    {"POST", "/medical/policies/{id:int}/claims", claim_create_post, "medical.insurance", SC, claim_params, "policy:id"},
    {"POST", "/medical/policies/{id:int}/claims/{cid:int}", claim_outcome_post, "medical.insurance", SC, claim_params, "policy:id"},
    {"GET", "/medical/reports", report_get, "medical.view", 0, report_params, NULL},
    {"GET", "/medical/reports/export", report_csv_get, "medical.view", PR_NO_LAYOUT, report_params, NULL},
    {"GET", "/medical/children/{id:int}", child_get, "medical.view", 0, none, "child:id"},
    {"POST", "/medical/children/{id:int}/tier", child_tier_post, "medical.premium", SC, tier_params, "child:id"},
    /* hospitals and the health commission open; the county handles: the
     * handlers check one of medical.emergency / medical.emergency_county */
    {"GET", "/medical/emergencies", emergency_list_get, NULL, 0, none, NULL},
    {"POST", "/medical/emergencies", emergency_create_post, "medical.emergency", SC, emergency_params, NULL},
    {"GET", "/medical/emergencies/{id:int}", emergency_get, NULL, 0, identify_params, "emergency:id"},
    {"POST", "/medical/emergencies/{id:int}/costs", emergency_cost_post, NULL, SC, cost_params, "emergency:id"},
    {"POST", "/medical/emergencies/{id:int}/identify", emergency_identify_post, "medical.emergency_county", SC, identify_params, "emergency:id"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};

static const struct portal_permission perms[] = {
    {"medical.view", "查看医疗保障"},
    {"medical.apply", "受理和代为申请医疗救助"},
    {"medical.township", "乡镇审核医疗救助"},
    {"medical.county", "县民政局审批医疗救助、登记医院收款账户"},
    {"medical.premium", "参保资助名单：生成、导出、导入参保结果、入账"},
    {"medical.emergency", "登记急救病例（医院、卫健委）"},
    {"medical.insurance", "慈善资金购买的意外伤害、重大疾病保险：保单、参保儿童、理赔"},
    {"medical.emergency_county", "处理急救病例（县级）：身份确认、关联儿童档案"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"医疗保障", "/medical", "medical.view", 25},
    {"参保资助", "/medical/premiums", "medical.premium", 26},
    {"慈善保险", "/medical/policies", "medical.insurance", 28},
    {"医疗保障统计", "/medical/reports", "medical.view", 29},
    {"急救病例", "/medical/emergencies", "medical.emergency", 27},
    {NULL, NULL, NULL, 0}};

static const struct portal_child_panel panels[] = {
    {"医疗保障", "medical.view", medical_child_panel, medical_panel_tables},
    {NULL, NULL, NULL}};

static const struct portal_loader loaders[] = {
    {"emergency", "medical_emergency", emergency_load},
    {"policy", "medical_policy", policy_load},
    {NULL, NULL, NULL}};

const char *const medical_aid_categories[] = {"orphan", "de_facto_unsupported", "tekun", "dibao",
                                              "ill_disabled", NULL};
const char *const medical_categories[] = {"orphan", "de_facto_unsupported", "tekun", "dibao",
                                          "ill_disabled", "guardianship", "temporary", NULL};

static const struct portal_label labels[] = {
    {"medical.programme", "aid_in", "医疗救助（住院）"},
    {"medical.programme", "aid_out", "医疗救助（门诊）"},
    {"medical.programme", "premium", "城乡居民医保参保资助"},
    {"medical.case_type", "inpatient", "住院"},
    {"medical.case_type", "outpatient", "门诊"},
    {"medical.payee", "guardian", "监护人账户"},
    {"medical.payee", "hospital", "医院（一站式结算）"},
    {"medical.premium_status", "listed", "待参保确认"},
    {"medical.premium_status", "insured", "已参保"},
    {"medical.premium_status", "failed", "参保失败"},
    {"medical.list", "main", "年度名单"},
    {"medical.list", "supplement", "补充名单"},
    {"medical.emergency_reason", "unidentified", "身份不明"},
    {"medical.emergency_reason", "unable_to_pay", "无力支付"},
    {"medical.policy_kind", "accident", "意外伤害保险"},
    {"medical.policy_kind", "critical", "重大疾病保险"},
    {"medical.claim_outcome", "pending", "理赔中"},
    {"medical.claim_outcome", "paid", "已赔付"},
    {"medical.claim_outcome", "rejected", "拒赔"},
    {"medical.status", "open", "办理中"},
    {"medical.status", "returned", "退回补正"},
    {"medical.status", "approved", "已批准"},
    {"medical.status", "rejected", "不予批准"},
    {"medical.emergency_status", "open", "待确认身份"},
    {"medical.emergency_status", "identified", "已确认身份"},
    {"medical.emergency_status", "closed", "已结案"},
    {NULL, NULL, NULL}};

#define RATIO(cat, t, title, d) \
    {"aid_ratio_" cat "_" t, PS_RATIO, "%", "医疗救助比例（" title "）", d}
#define CAP(cat, t, title, d) \
    {"aid_cap_" cat "_" t, PS_MONEY, "元/年", "医疗救助年度限额（" title "）", d}
#define SHARE(cat, title, d) \
    {"premium_share_" cat, PS_RATIO, "%", "参保资助比例（" title "，按一档个人缴费）", d}

/* defaults are examples (示例) until the county enters its own */
static const struct portal_setting settings[] = {
    {"enrol_day", PS_TEXT, "月-日", "参保名单生成日（参保年度上一年的月-日，如 12-01；生成时不填日期即用此日）", "12-01"},
    {"premium_tier1", PS_MONEY, "元/人·年", "城乡居民医保一档个人缴费", "40000"},
    {"premium_tier2", PS_MONEY, "元/人·年", "城乡居民医保二档个人缴费", "73500"},
    SHARE("orphan", "孤儿", "10000"),
    SHARE("de_facto_unsupported", "事实无人抚养儿童", "10000"),
    SHARE("tekun", "特困供养儿童", "10000"),
    SHARE("dibao", "低保家庭儿童", "10000"),
    SHARE("ill_disabled", "重病重残儿童", "0"),
    SHARE("guardianship", "监护缺失或不当儿童", "0"),
    SHARE("temporary", "临时困境儿童", "0"),
    RATIO("orphan", "in", "孤儿，住院", "10000"),
    RATIO("orphan", "out", "孤儿，门诊", "7000"),
    RATIO("de_facto_unsupported", "in", "事实无人抚养儿童，住院", "9000"),
    RATIO("de_facto_unsupported", "out", "事实无人抚养儿童，门诊", "6000"),
    RATIO("tekun", "in", "特困供养儿童，住院", "10000"),
    RATIO("tekun", "out", "特困供养儿童，门诊", "7000"),
    RATIO("dibao", "in", "低保家庭儿童，住院", "7000"),
    RATIO("dibao", "out", "低保家庭儿童，门诊", "5000"),
    RATIO("ill_disabled", "in", "重病重残儿童，住院", "6000"),
    RATIO("ill_disabled", "out", "重病重残儿童，门诊", "5000"),
    CAP("orphan", "in", "孤儿，住院", "6000000"),
    CAP("orphan", "out", "孤儿，门诊", "400000"),
    CAP("de_facto_unsupported", "in", "事实无人抚养儿童，住院", "6000000"),
    CAP("de_facto_unsupported", "out", "事实无人抚养儿童，门诊", "400000"),
    CAP("tekun", "in", "特困供养儿童，住院", "6000000"),
    CAP("tekun", "out", "特困供养儿童，门诊", "400000"),
    CAP("dibao", "in", "低保家庭儿童，住院", "5000000"),
    CAP("dibao", "out", "低保家庭儿童，门诊", "300000"),
    CAP("ill_disabled", "in", "重病重残儿童，住院", "5000000"),
    CAP("ill_disabled", "out", "重病重残儿童，门诊", "300000"),
    {"aid_accept_days", PS_DAYS, "工作日", "医疗救助乡镇受理审核时限", "10"},
    {"aid_decide_days", PS_DAYS, "工作日", "医疗救助县级审批时限", "10"},
    {"emergency_hours", PS_INT, "小时", "急救病例县级处理时限", "24"},
    {NULL, 0, NULL, NULL, NULL}};

static const struct portal_lookup_col rehab_cols[] = {
    {"name", "康复项目"}, {"limits", "限定条件（说明）"},
    {"times", "每年救助次数上限（空为不限）"}, {"amount_yuan", "每年政策范围内费用限额（元，空为不限）"},
    {NULL, NULL}};

static const struct portal_lookup lookups[] = {
    {"rehab_item", "纳入保障的康复项目", rehab_cols},
    {NULL, NULL, NULL}};

static const struct portal_migration migrations[] = {
    {1, "001_medical.sql"},
    {2, "002_insurance.sql"},
    {3, "003_policy_project.sql"},
    {0, NULL}};

int medical_is_label(const char *kind, const char *code)
{
    for (const struct portal_label *l = labels; code && l->kind; l++)
        if (strcmp(l->kind, kind) == 0 && strcmp(l->code, code) == 0)
            return 1;
    return 0;
}

int medical_category_known(const char *code)
{
    for (int i = 0; code && medical_categories[i]; i++)
        if (strcmp(code, medical_categories[i]) == 0)
            return 1;
    return 0;
}

long long medical_fen_field(portal_req *r, const struct portal_services *s, const char *field,
                            const char *what)
{
    long long fen = 0;
    const char *t = s->trim(r, s->param(r, field));
    if (!*t)
        t = "0";
    if (s->yuan_to_fen(t, 0, &fen) != 0) {
        s->form_error(r, field, s->sprintf(r, "%s须为金额（元，最多两位小数）。", what));
        return -1;
    }
    return fen;
}

long long medical_batch(portal_req *r, const struct portal_services *s, const char *programme,
                        const char *month)
{
    return s->pay_batch_open(r, programme, month,
                             s->sprintf(r, "%.4s年%.2s月%s", month, month + 5,
                                        s->label(r, "medical.programme", programme)));
}

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "medical",
    .title = "医疗保障",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .workflows = medical_workflows,
    .child_panels = panels,
    .loaders = loaders,
    .labels = labels,
    .settings = settings,
    .lookups = lookups,
};
