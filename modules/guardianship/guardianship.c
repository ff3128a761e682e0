/*
 * guardianship - 监护与安全保护 (issue 13): mandatory reports (强制报告)
 * with emergency handling, assessment, intervention and follow-up under
 * hour deadlines; need-to-know access to them; placements and legal
 * guardianship as dated history; the child's file panel; the statistics.
 * This file is the descriptor: routes, permissions, labels, settings.
 */
#include "guardianship.h"

#include <stddef.h>

static const struct portal_param none[] = {{NULL, 0, 0, 0, NULL}};

#define SC PR_STATE_CHANGING
static const struct portal_route routes[] = {
    /* the report form: every reporting body (refused to NGOs in the handler) */
    {"GET", "/guardianship/report/new", report_new_get, "guardianship.report", 0, gd_new_params},
    {"POST", "/guardianship/report", report_create_post, "guardianship.report", SC, gd_report_params},
    /* a report and its case: who may see what is the loader's (access.c) */
    {"GET", "/guardianship/reports", report_list_get, NULL, 0, gd_list_params},
    {"GET", "/guardianship/reports/{id:int}", report_get, NULL, 0, none, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/take", report_take_post, "guardianship.handle", SC, none, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/assign", report_assign_post, "guardianship.county", SC, gd_assign_params, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/police", report_police_post, "guardianship.police", SC, none, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/safety", report_safety_post, "guardianship.handle", SC, gd_safety_params, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/assess", report_assess_post, "guardianship.handle", SC, gd_assess_params, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/plan", report_plan_post, "guardianship.handle", SC, gd_plan_params, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/visit", report_visit_post, "guardianship.handle", SC, gd_visit_params, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/close", report_close_post, "guardianship.handle", SC, gd_close_params, "report:id"},
    {"POST", "/guardianship/reports/{id:int}/identify", report_identify_post, "guardianship.handle", SC, gd_identify_params, "report:id"},
    /* placements and guardianship of a child in scope */
    {"GET", "/guardianship/children/{id:int}", child_care_get, "guardianship.placement", 0, gd_on_params, "child:id"},
    {"POST", "/guardianship/children/{id:int}/placements", placement_create_post, "guardianship.placement", SC, gd_placement_params, "child:id"},
    {"POST", "/guardianship/children/{id:int}/guardians", guardian_create_post, "guardianship.placement", SC, gd_guardian_params, "child:id"},
    {"POST", "/guardianship/guardians/{id:int}/end", guardian_end_post, "guardianship.placement", SC, gd_guardian_end_params, "guardian:id"},
    /* parents detained: recorded by a police station, cared for by the township */
    {"GET", "/guardianship/detentions", detention_list_get, NULL, 0, none},
    {"POST", "/guardianship/detentions", detention_create_post, "guardianship.police", SC, gd_detention_params},
    {"GET", "/guardianship/detentions/{id:int}", detention_get, NULL, 0, none, "detention:id"},
    {"POST", "/guardianship/detentions/{id:int}/care", detention_care_post, "guardianship.handle", SC, gd_det_care_params, "detention:id"},
    {"POST", "/guardianship/detentions/{id:int}/close", detention_close_post, NULL, SC, gd_det_close_params, "detention:id"},
    {"POST", "/guardianship/detentions/{id:int}/receive", detention_receive_post, "guardianship.receive", SC, none, "detention:id"},
    /* liability referrals of failing parents to the police */
    {"GET", "/guardianship/referrals", referral_list_get, NULL, 0, none},
    {"POST", "/guardianship/referrals", referral_create_post, "guardianship.handle", SC, gd_referral_params},
    {"POST", "/guardianship/referrals/{id:int}/ack", referral_ack_post, "guardianship.police", SC, none, "referral:id"},
    {"POST", "/guardianship/referrals/{id:int}/outcome", referral_outcome_post, "guardianship.police", SC, gd_outcome_params, "referral:id"},
    {"POST", "/guardianship/guardians/{id:int}/review", guardian_review_post, "guardianship.placement", SC, gd_review_params, "guardian:id"},
    {"GET", "/guardianship/stats", stats_get, "guardianship.county", 0, gd_stats_params},
    {"GET", "/guardianship/stats/export", stats_xlsx_get, "guardianship.county", PR_NO_LAYOUT, gd_stats_params},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};

static const struct portal_permission perms[] = {
    {"guardianship.report", "填报强制报告（报告单位工作人员）"},
    {"guardianship.handle", "办理未成年人保护个案（乡镇保护工作人员）"},
    {"guardianship.county", "县级未成年人保护：全部个案、报告人身份、统计"},
    {"guardianship.police", "派出所：接收强制报告并回执"},
    {"guardianship.placement", "登记安置与监护"},
    {"guardianship.receive", "福利机构：接收父母被羁押儿童（待办任务）"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"强制报告", "/guardianship/report/new", "guardianship.report", 50},
    {"保护个案", "/guardianship/reports", "guardianship.handle", 51},
    {"收到的强制报告", "/guardianship/reports", "guardianship.police", 52},
    {"保护统计", "/guardianship/stats", "guardianship.county", 53},
    {"父母被羁押儿童", "/guardianship/detentions", "guardianship.handle", 54},
    {"登记父母被羁押", "/guardianship/detentions", "guardianship.police", 55},
    {"监护失职移送", "/guardianship/referrals", "guardianship.handle", 56},
    {"监护失职移送回执", "/guardianship/referrals", "guardianship.police", 57},
    {NULL, NULL, NULL, 0}};

static const struct portal_label labels[] = {
    /* the nine situations of mandatory reporting (2020 opinion) */
    {"guardianship.situation", "private_injury", "未成年人的生殖器官或隐私部位遭受或疑似遭受非正常损伤"},
    {"guardianship.situation", "girl_under14", "不满十四周岁的女性未成年人遭受或疑似遭受性侵害、怀孕、流产"},
    {"guardianship.situation", "girl_pregnant", "十四周岁以上女性未成年人疑似遭受性侵害致怀孕、流产"},
    {"guardianship.situation", "injuries", "身体多处损伤、严重营养不良、意识不清，存在或疑似存在暴力伤害、欺凌、虐待"},
    {"guardianship.situation", "self_harm", "因自杀、自残、工伤、中毒、被人麻醉等原因致重伤、死亡或严重残疾"},
    {"guardianship.situation", "abandoned", "被遗弃或长期处于无人照料状态"},
    {"guardianship.situation", "missing", "来源不明、失踪或被拐卖、收买"},
    {"guardianship.situation", "begging", "被组织乞讨"},
    {"guardianship.situation", "other", "其他严重侵害或面临不法侵害危险"},
    /* where a report came from: the module whose page linked to the form */
    {"guardianship.source", "direct", "直接填报"},
    {"guardianship.source", "education", "学校（教育模块）"},
    {"guardianship.source", "village", "村（居）儿童主任"},
    {"guardianship.source", "health", "医疗机构"},
    {"guardianship.stage", "reported", "已报告，待确保安全"},
    {"guardianship.stage", "safe", "已确保安全，待评估"},
    {"guardianship.stage", "assessed", "已评估，待制定干预方案"},
    {"guardianship.stage", "planned", "干预与回访中"},
    {"guardianship.stage", "closed", "已结案"},
    {"guardianship.risk", "low", "低风险"},
    {"guardianship.risk", "medium", "中风险"},
    {"guardianship.risk", "high", "高风险"},
    {"guardianship.event", "reported", "收到报告"},
    {"guardianship.event", "taken", "接案"},
    {"guardianship.event", "assigned", "指派个案工作人员"},
    {"guardianship.event", "police_ack", "派出所回执"},
    {"guardianship.event", "safe", "紧急处置：确保安全"},
    {"guardianship.event", "assessed", "调查评估"},
    {"guardianship.event", "planned", "干预方案"},
    {"guardianship.event", "visit", "回访"},
    {"guardianship.event", "identified", "查明儿童身份"},
    {"guardianship.event", "closed", "结案"},
    {"guardianship.placement", "parents", "父母抚养"},
    {"guardianship.placement", "relatives", "亲属抚养"},
    {"guardianship.placement", "institution", "机构养育"},
    {"guardianship.placement", "foster", "家庭寄养"},
    {"guardianship.placement", "adoption", "依法收养"},
    {"guardianship.guardian", "parents", "父母"},
    {"guardianship.guardian", "relative", "其他近亲属或个人"},
    {"guardianship.guardian", "civil_temporary", "民政部门临时监护"},
    {"guardianship.guardian", "civil_long", "民政部门长期监护"},
    {"guardianship.guardian", "adoptive", "收养人"},
    /* art. 92: the seven situations of temporary guardianship */
    {"guardianship.art92", "unknown", "流浪乞讨或身份不明，暂时查找不到父母或其他监护人"},
    {"guardianship.art92", "guardian_missing", "监护人下落不明且无其他人可以担任监护人"},
    {"guardianship.art92", "unable", "监护人因自身客观原因或突发事件不能履行监护职责"},
    {"guardianship.art92", "neglect", "监护人拒绝或怠于履行监护职责，处于无人照料状态"},
    {"guardianship.art92", "crime", "监护人教唆、利用未成年人违法犯罪，需要带离安置"},
    {"guardianship.art92", "harm", "遭受监护人严重伤害或面临人身安全威胁，需要紧急安置"},
    {"guardianship.art92", "other", "法律规定的其他情形"},
    {"guardianship.basis", "court", "人民法院指定"},
    {"guardianship.basis", "police", "公安机关护送"},
    {"guardianship.basis", "report", "强制报告后紧急安置"},
    {"guardianship.basis", "revoked", "人民法院撤销监护人资格"},
    {"guardianship.basis", "other", "其他"},
    {"guardianship.end", "parent_able", "监护人恢复履行监护能力"},
    {"guardianship.end", "adoption", "依法收养"},
    {"guardianship.end", "adult", "年满十八周岁"},
    {"guardianship.end", "other", "其他"},
    {NULL, NULL, NULL}};

/* every time limit of a case, in hours or days (the host caps a task at 720 h) */
static const struct portal_setting settings[] = {
    {"receive_hours", PS_INT, "小时", "收到强制报告后乡镇、县级接报时限", "2"},
    {"safety_hours", PS_INT, "小时", "紧急处置（确保儿童安全）时限", "24"},
    {"assess_days", PS_DAYS, "天", "调查评估时限（自确保安全起）", "7"},
    {"plan_days", PS_DAYS, "天", "制定干预方案时限（自评估起）", "10"},
    {"visit_days", PS_DAYS, "天", "回访间隔", "30"},
    {"review_days", PS_DAYS, "天", "民政监护定期评估间隔", "180"},
    {NULL, 0, NULL, NULL, NULL}};

static const struct portal_migration migrations[] = {
    {1, "001_guardianship.sql"},
    {2, "002_detentions_referrals.sql"},
    {3, "003_guardian_reviews.sql"},
    {4, "004_institution_tasks.sql"},
    {5, "005_plan_items.sql"},
    {6, "006_text_limits.sql"},
    {0, NULL}};

/* periodic work of the master, never a request (2.9) */
static const struct portal_job jobs[] = {
    {"adult", "年满十八周岁：监护自动终止", 1440, gd_adult_job},
    {NULL, NULL, 0, NULL}};

/* Archival (privacy, issue 19 item 2): the protection records outlive the
 * child's archived file until retention_years_abuse (20) after the newest
 * of them; then only that each existed, its date and its outcome code stay
 * (child_archive_records).  The rows hanging on a report or a guardianship
 * go first. */
#define ABUSE "privacy.retention_years_abuse"
#define OF_REPORTS "t.report_id IN (SELECT x.id FROM gd_reports x WHERE x.child_id = c.id)"
static const struct portal_retention retention[] = {
    {"gd_report_events", OF_REPORTS, ABUSE, NULL, NULL, NULL},
    {"gd_case_workers", OF_REPORTS, ABUSE, NULL, NULL, NULL},
    {"gd_report_tasks", OF_REPORTS, ABUSE, NULL, NULL, NULL},
    {"gd_plan_items", OF_REPORTS, ABUSE, NULL, NULL, NULL},
    {"gd_reports", NULL, ABUSE, "t.reported_at",
     "CONCAT('强制报告 ', DATE(t.reported_at + INTERVAL 8 HOUR), ' situation=', t.situation, "
     "' stage=', t.stage, IF(t.risk IS NULL, '', CONCAT(' risk=', t.risk)), "
     "IF(t.procuratorate, ' procuratorate', ''))", NULL},
    {"gd_referrals", NULL, ABUSE, "t.referred_on",
     "CONCAT('移送公安 ', t.referred_on, IF(t.outcome_at IS NULL, ' outcome=none', "
     "' outcome=recorded'))", NULL},
    {"gd_detentions", NULL, ABUSE, "t.start_date",
     "CONCAT('监护人被羁押 ', t.start_date, ' kind=', t.kind, ' status=', t.status, "
     "COALESCE(CONCAT(' end=', t.end_reason), ''))", NULL},
    {"gd_guardian_reviews", "t.guardian_id IN (SELECT x.id FROM gd_guardians x WHERE x.child_id = "
     "c.id)", ABUSE, "t.reviewed_on", NULL, NULL},
    {"gd_guardians", NULL, ABUSE, "t.start_date",
     "CONCAT('国家监护 ', t.start_date, '~', COALESCE(t.end_date, ''))", NULL},
    {"gd_placements", NULL, ABUSE, "t.start_date",
     "CONCAT('安置 ', t.start_date, '~', COALESCE(t.end_date, ''))", NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL}};
#undef OF_REPORTS
#undef ABUSE

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "guardianship",
    .title = "监护与安全保护",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .child_panels = gd_child_panels,
    .loaders = gd_loaders,
    .labels = labels,
    .settings = settings,
    .jobs = jobs,
    .retention = retention,
};
