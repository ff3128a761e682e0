/* living - 基本生活保障: the module descriptor. */
#include "living.h"

#include <stddef.h>
#include <string.h>

static const struct portal_route routes[] = {
    {"GET", "/living", home_get, "living.view", 0, wf_inbox_params, NULL},
    {"GET", "/living/apply", apply_form_get, "living.apply", 0, apply_params, NULL},
    {"POST", "/living/apply", apply_create_post, "living.apply", PR_STATE_CHANGING, apply_params, NULL},
    {"POST", "/living/applications/batch", application_batch_post, "living.view", PR_STATE_CHANGING, wf_batch_params, NULL},
    {"GET", "/living/applications/{id:int}", application_get, "living.view", 0, NULL, "application:id"},
    {"POST", "/living/applications/{id:int}/act", application_act_post, "living.view", PR_STATE_CHANGING, act_params, "application:id"},
    {"GET", "/living/overdue", overdue_list_get, "living.view", 0, NULL, NULL},
    {"GET", "/living/report", report_get, "living.view", 0, report_params, NULL},
    {"GET", "/living/report/xlsx", report_xlsx_get, "living.view", PR_NO_LAYOUT, report_params, NULL},
    {"GET", "/living/payments", pay_month_list_get, "living.pay", 0, NULL, NULL},
    {"POST", "/living/payments/generate", pay_month_generate_post, "living.pay", PR_STATE_CHANGING, month_params, NULL},
    {"GET", "/living/payments/{month:ym}", pay_month_get, "living.pay", 0, NULL, NULL},
    {"POST", "/living/payments/{month:ym}/adjust", pay_month_adjust_post, "living.pay", PR_STATE_CHANGING, adjust_params, NULL},
    {"POST", "/living/grants/{id:int}/suspend", grant_suspend_post, "living.pay", PR_STATE_CHANGING, suspend_params, "grant:id"},
    {"POST", "/living/grants/{id:int}/resume", grant_resume_post, "living.pay", PR_STATE_CHANGING, suspend_params, "grant:id"},
    {"POST", "/living/grants/{id:int}/stop", grant_stop_post, "living.pay", PR_STATE_CHANGING, suspend_params, "grant:id"},
    {"GET", "/living/children/{id:int}", child_get, "living.view", 0, NULL, "child:id"},
    {"POST", "/living/children/{id:int}/account", child_account_post, "living.apply", PR_STATE_CHANGING, account_params, "child:id"},
    {"GET", "/living/rechecks", recheck_list_get, "living.view", 0, NULL, NULL},
    {"POST", "/living/rechecks/{id:int}", recheck_done_post, "living.township", PR_STATE_CHANGING, recheck_params, "grant:id"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};

static const struct portal_permission perms[] = {
    {"living.view", "查看基本生活保障"},
    {"living.apply", "受理和代为申请基本生活保障"},
    {"living.township", "乡镇审核基本生活保障"},
    {"living.county", "县级审批基本生活保障"},
    {"living.pay", "生成月度发放、补发和更正"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"基本生活保障", "/living", "living.view", 20},
    {NULL, NULL, NULL, 0}};

/* the child's file shows the grants to whoever may see this module */
static const struct portal_child_panel panels[] = {
    {"生活保障", "living.view", living_child_panel, living_panel_tables},
    {NULL, NULL, NULL}};

static const struct portal_loader loaders[] = {
    {"grant", "living_grant", grant_load},
    {NULL, NULL, NULL}};

static const struct portal_label labels[] = {
    /* the application types (the workflow's titles) */
    {"living.type", "dibao", LIVING_T_DIBAO},
    {"living.type", "tekun", LIVING_T_TEKUN},
    {"living.type", "orphan", LIVING_T_ORPHAN},
    {"living.type", "de_facto_unsupported", LIVING_T_DEFACTO},
    {"living.type", "temporary", LIVING_T_TEMPORARY},
    /* the categories of each type */
    {"living.subtype.dibao", "urban", "城市低保"},
    {"living.subtype.dibao", "rural", "农村低保"},
    {"living.subtype.tekun", "basic", "基本生活"},
    {"living.subtype.orphan", "institutional", "机构集中养育"},
    {"living.subtype.orphan", "scattered", "社会散居"},
    {"living.subtype.de_facto_unsupported", "scattered", "社会散居"},
    {"living.subtype.de_facto_unsupported", "institutional", "机构养育"},
    {"living.subtype.temporary", "one_off", "一次性救助"},
    /* 特困: the care levels */
    {"living.care", "full_care", "全护理"},
    {"living.care", "partial_care", "半护理"},
    {"living.care", "self_care", "生活自理"},
    /* the benefits as the payment pages name them */
    {"living.benefit", "orphan", "孤儿基本生活费"},
    {"living.benefit", "de_facto_unsupported", "事实无人抚养儿童生活补贴"},
    {"living.benefit", "tekun", "特困供养"},
    {"living.benefit", "dibao", "低保"},
    {"living.benefit", "temporary", "临时救助"},
    /* the dated rates, "benefit:subtype" */
    {"living.rate", "orphan:institutional", "孤儿基本生活费（机构集中养育）"},
    {"living.rate", "orphan:scattered", "孤儿基本生活费（社会散居）"},
    {"living.rate", "de_facto_unsupported:scattered", "事实无人抚养儿童生活补贴（散居）"},
    {"living.rate", "de_facto_unsupported:institutional", "事实无人抚养儿童生活补贴（机构）"},
    {"living.rate", "tekun:basic", "特困人员基本生活费"},
    {"living.rate", "tekun_care:full_care", "特困照料护理补贴（全护理）"},
    {"living.rate", "tekun_care:partial_care", "特困照料护理补贴（半护理）"},
    {"living.rate", "tekun_care:self_care", "特困照料护理补贴（自理）"},
    {"living.rate", "dibao:urban", "城市低保"},
    {"living.rate", "dibao:rural", "农村低保"},
    {"living.rate", "dibao_child_supplement:child", "低保家庭儿童提标"},
    {"living.rate", "temporary:one_off", "临时救助"},
    /* the ledger's programmes (payments pages): the month's batch, then the
     * lines' benefits */
    {"living.programme", "monthly", "基本生活保障月度发放"},
    {"living.programme", "orphan", "孤儿基本生活费"},
    {"living.programme", "de_facto_unsupported", "事实无人抚养儿童生活补贴"},
    {"living.programme", "tekun", "特困供养"},
    {"living.programme", "dibao", "低保"},
    {"living.programme", "temporary", "临时救助"},
    {NULL, NULL, NULL}};

/* the monthly rates, "<benefit>_<subtype>" of the living.rate labels, in
 * fen from their date (module administrators: /admin/settings/living) */
#define RATE(code, label) {code, PS_MONEY, "元/人·月", label, "0"}
static const struct portal_setting settings[] = {
    RATE("orphan_institutional", "孤儿基本生活费（机构集中养育）"),
    RATE("orphan_scattered", "孤儿基本生活费（社会散居）"),
    RATE("de_facto_unsupported_scattered", "事实无人抚养儿童生活补贴（散居）"),
    RATE("de_facto_unsupported_institutional", "事实无人抚养儿童生活补贴（机构）"),
    RATE("tekun_basic", "特困人员基本生活费"),
    RATE("tekun_care_full_care", "特困照料护理补贴（全护理）"),
    RATE("tekun_care_partial_care", "特困照料护理补贴（半护理）"),
    RATE("tekun_care_self_care", "特困照料护理补贴（自理）"),
    RATE("dibao_urban", "城市低保"),
    RATE("dibao_rural", "农村低保"),
    RATE("dibao_child_supplement_child", "低保家庭儿童提标"),
    /* the workflow's step limits (the host reads <type>_<step>_days) */
    {"orphan_check_days", PS_DAYS, "工作日", "孤儿认定：乡镇审核时限", "10"},
    {"orphan_decide_days", PS_DAYS, "工作日", "孤儿认定：县级审批时限", "10"},
    {"de_facto_unsupported_check_days", PS_DAYS, "工作日", "事实无人抚养儿童认定：乡镇审核时限", "10"},
    {"de_facto_unsupported_decide_days", PS_DAYS, "工作日", "事实无人抚养儿童认定：县级审批时限", "10"},
    {"temporary_check_days", PS_DAYS, "天", "临时救助：乡镇审核时限", "5"},
    {"temporary_decide_days", PS_DAYS, "天", "临时救助：县级审批时限", "5"},
    /* wf_one_clerk_townships (separation of duties) is the host's: offered
     * for every module with township or village workflow steps */
    {NULL, 0, NULL, NULL, NULL}};
#undef RATE

static const struct portal_migration migrations[] = {
    {1, "001_living.sql"},
    {2, "002_applications.sql"},
    {3, "003_ledger.sql"},
    {0, NULL}};

int living_label_known(portal_req *r, const struct portal_services *s, const char *kind,
                       const char *code)
{
    /* label() answers the code itself when it is not one of kind's */
    return code && *code && strcmp(s->label(r, kind, code), code) != 0;
}

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "living",
    .title = "基本生活保障",
    .version = "2.1",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .workflows = living_workflows,
    .child_panels = panels,
    .loaders = loaders,
    .labels = labels,
    .settings = settings,
};
