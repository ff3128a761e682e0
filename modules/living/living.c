/* living - 基本生活保障: the module descriptor. */
#include "living.h"

#include <stddef.h>

static const struct portal_param none[] = {{NULL, 0, 0, 0, NULL}};

static const struct portal_route routes[] = {
    {"GET", "/living", home_get, "living.view", 0, none},
    {"GET", "/living/apply", apply_form_get, "living.apply", 0, apply_params},
    {"POST", "/living/apply", apply_create_post, "living.apply", PR_STATE_CHANGING, apply_params},
    {"GET", "/living/applications/{id}", application_get, "living.view", 0, none},
    {"POST", "/living/applications/{id}/act", application_act_post, "living.view", PR_STATE_CHANGING, act_params},
    {"GET", "/living/overdue", overdue_list_get, "living.view", 0, none},
    {"GET", "/living/rates", rate_list_get, "living.view", 0, none},
    {"POST", "/living/rates", rate_create_post, "living.rates", PR_STATE_CHANGING, rate_params},
    {"GET", "/living/payments", pay_month_list_get, "living.pay", 0, none},
    {"POST", "/living/payments/generate", pay_month_generate_post, "living.pay", PR_STATE_CHANGING, month_params},
    {"GET", "/living/payments/{month}", pay_month_get, "living.pay", 0, month_params},
    {"POST", "/living/payments/{month}/review", pay_month_review_post, "living.pay", PR_STATE_CHANGING, none},
    {"POST", "/living/payments/{month}/lock", pay_month_lock_post, "living.pay", PR_STATE_CHANGING, none},
    {"POST", "/living/payments/{month}/adjust", pay_month_adjust_post, "living.pay", PR_STATE_CHANGING, adjust_params},
    {"GET", "/living/payments/{month}/bank.csv", pay_month_bank_file_get, "living.pay", PR_NO_LAYOUT, none},
    {"GET", "/living/payments/{month}/summary", pay_month_summary_get, "living.pay", 0, none},
    {"POST", "/living/grants/{id}/suspend", grant_suspend_post, "living.pay", PR_STATE_CHANGING, suspend_params},
    {"POST", "/living/grants/{id}/resume", grant_resume_post, "living.pay", PR_STATE_CHANGING, suspend_params},
    {"GET", "/living/children/{id}", child_get, "living.view", 0, none},
    {"POST", "/living/children/{id}/account", child_account_post, "living.apply", PR_STATE_CHANGING, account_params},
    {"GET", "/living/rechecks", recheck_list_get, "living.view", 0, none},
    {"POST", "/living/rechecks/{id}", recheck_done_post, "living.township", PR_STATE_CHANGING, recheck_params},
    {NULL, NULL, NULL, NULL, 0, NULL}};

static const struct portal_permission perms[] = {
    {"living.view", "查看基本生活保障"},
    {"living.apply", "受理和代为申请基本生活保障"},
    {"living.township", "乡镇审核基本生活保障"},
    {"living.county", "县级审批基本生活保障"},
    {"living.pay", "生成和锁定月度发放"},
    {"living.rates", "维护保障标准"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"基本生活保障", "/living", "living.view", 20},
    {NULL, NULL, NULL, 0}};

/* the child's file shows the grants to whoever may see this module */
static const struct portal_child_panel panels[] = {
    {"生活保障", "living.view", living_child_panel},
    {NULL, NULL, NULL}};

static const struct portal_migration migrations[] = {
    {1, "001_living.sql"},
    {2, "002_applications.sql"},
    {0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "living",
    .title = "基本生活保障",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .workflows = living_workflows,
    .child_panels = panels,
};
