/*
 * supervision - 督查考核 (issue 16): the supervision indicators per township
 * and month (computed by the module's job into summary tables), the county's
 * dashboard with the cases behind each number, the monthly bulletin (通报,
 * frozen once issued) and the yearly appraisal of the townships (考核) from
 * weights that are dated settings.  For county staff, the county's leaders
 * and the townships (each sees itself and the county total).
 */
#include "supervision.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param month_params[] = {
    {"month", PP_TEXT, 7, 0, "月份"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param dashboard_params[] = {
    {"month", PP_TEXT, 7, 0, "月份"},
    {"sort", PP_CODE, 32, 0, "排序"},
    {"dir", PP_CODE, 4, 0, "顺序"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param cases_params[] = {
    {"month", PP_TEXT, 7, 1, "月份"},
    {"indicator", PP_CODE, 32, 1, "指标"},
    {"town", PP_CODE, 12, 0, "乡镇"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param bulletin_params[] = {
    {"month", PP_TEXT, 7, 1, "月份"},
    {"remarks", PP_LINES, 2000, 0, "通报意见"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param reissue_params[] = {
    {"reason", PP_TEXT, 200, 1, "更正原因"},
    {"remarks", PP_LINES, 2000, 0, "通报意见"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param year_params[] = {
    {"year", PP_INT, 4, 0, "年度"},
    {NULL, 0, 0, 0, NULL}};

/* the module's stylesheet (the CSP allows no inline style): the sparklines,
 * the wide tables, and the A4 page of a printed bulletin or appraisal */
static const char css[] =
    ".sv-nav { margin: 0 0 .5rem; }\n"
    ".sv-scroll { overflow-x: auto; }\n"
    ".sv-table th, .sv-table td { font-size: .85rem; text-align: center; white-space: nowrap; }\n"
    ".sv-table th[scope=row] { text-align: left; }\n"
    ".sv-table small { color: var(--muted); }\n"
    ".sv-defs dt { margin-top: .6rem; font-weight: bold; }\n"
    ".sv-defs dd { margin: .2rem 0 0 1rem; }\n"
    "svg.spark { vertical-align: middle; margin-left: .5rem; }\n"
    ".sv-remarks { white-space: pre-wrap; }\n"
    ".sv-meta { text-align: center; }\n"
    "@page { size: A4 portrait; margin: 18mm 15mm; }\n"
    "@media print { .no-print, .sv-nav { display: none !important; } "
    ".sv-bulletin h1 { text-align: center; font-size: 16pt; } "
    ".sv-table th, .sv-table td { font-size: 7.5pt; padding: 1px 2px; white-space: normal; } "
    ".sv-scroll { overflow: visible; } table { page-break-inside: auto; } "
    "tr { page-break-inside: avoid; } }\n";

static int style_get(portal_req *r, const struct portal_services *s)
{
    s->header(r, "Content-Type", "text/css; charset=utf-8");
    s->write(r, css, sizeof css - 1);
    return 200;
}

#define SC PR_STATE_CHANGING
static const struct portal_route routes[] = {
    {"GET", "/supervision/supervision.css", style_get, NULL, PR_NO_DB | PR_NO_LAYOUT, NULL, NULL},
    {"GET", "/supervision", dashboard_get, "supervision.view", 0, dashboard_params, NULL},
    {"GET", "/supervision/cases", cases_get, "supervision.view", 0, cases_params, NULL},
    {"GET", "/supervision/bulletins", bulletin_list_get, "supervision.view", 0, NULL, NULL},
    {"GET", "/supervision/bulletins/new", bulletin_new_get, "supervision.issue", 0, month_params, NULL},
    {"POST", "/supervision/bulletins", bulletin_create_post, "supervision.issue", SC, bulletin_params, NULL},
    {"POST", "/supervision/bulletins/{id:int}/reissue", bulletin_reissue_post, "supervision.issue", SC, reissue_params, "bulletin:id"},
    {"GET", "/supervision/bulletins/{id:int}", bulletin_get, "supervision.view", 0, NULL, "bulletin:id"},
    {"GET", "/supervision/bulletins/{id:int}/export.xlsx", bulletin_export_get, "supervision.view", PR_NO_LAYOUT, NULL, "bulletin:id"},
    {"GET", "/supervision/bulletins/{id:int}/bulletin.docx", bulletin_docx_get, "supervision.view", PR_NO_LAYOUT, NULL, "bulletin:id"},
    {"GET", "/supervision/appraisal", appraisal_get, "supervision.view", 0, year_params, NULL},
    {"GET", "/supervision/appraisal.docx", appraisal_docx_get, "supervision.view", PR_NO_LAYOUT, year_params, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};

static const struct portal_permission perms[] = {
    {"supervision.view", "查看督查指标、通报和考核"},
    {"supervision.issue", "印发月度通报（县民政局）"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"督查考核", "/supervision", "supervision.view", 80},
    {NULL, NULL, NULL, 0}};

static const struct portal_migration migrations[] = {
    {1, "001_supervision.sql"},
    {2, "002_cases_key.sql"},
    {3, "003_sparks.sql"},
    {4, "004_reissue.sql"},
    {5, "005_version.sql"},
    {6, "006_data_version.sql"},
    {0, NULL}};

static const struct portal_loader loaders[] = {
    {"bulletin", "supervision_bulletin", bulletin_load},
    {NULL, NULL, NULL}};

#define WEIGHT(code, name) {"weight_" code, PS_INT, "分", "考核权重：" name, "10"}
static const struct portal_setting settings[] = {
    {"coverage_grace_days", PS_DAYS, "天", "应保尽保宽限天数（认定后多久应领到保障）", "60"},
    {"visit_days", PS_DAYS, "天", "走访周期天数", "31"},
    {"police_hours", PS_INT, "小时", "强制报告报警时限小时数", "2"},
    {"dropout_days", PS_DAYS, "天", "劝返办结天数", "30"},
    {"ngo_days", PS_DAYS, "天", "社会组织服务周期天数", "90"},
    WEIGHT("cov_orphan", "孤儿应保尽保"),
    WEIGHT("cov_dfu", "事实无人抚养应保尽保"),
    WEIGHT("cov_tekun", "特困应保尽保"),
    WEIGHT("cov_dibao", "低保应保尽保"),
    WEIGHT("app_timely", "申请按时办结"),
    WEIGHT("visit_timely", "按期走访"),
    WEIGHT("report_police", "强制报告及时报警"),
    WEIGHT("report_safety", "24小时内确保安全"),
    WEIGHT("dropout_resolved", "辍学劝返办结"),
    WEIGHT("screening", "0-6岁筛查覆盖"),
    WEIGHT("file_complete", "档案完整"),
    WEIGHT("data_quality", "数据质量"),
    WEIGHT("ngo_service", "社会组织服务覆盖"),
    {NULL, 0, NULL, NULL, NULL}};

/* the indicators, nightly: the month running, the month before, and any of
 * the last twelve not computed yet */
static const struct portal_job jobs[] = {
    {"indicators", "督查指标月度计算", 1440, indicators_job},
    {NULL, NULL, 0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "supervision",
    .title = "督查考核",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .loaders = loaders,
    .settings = settings,
    .jobs = jobs,
};

const char *sv_viewer_township(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    const char *p = s->scope_prefix(r);
    if (!u || !p)
        return NULL;
    if (strlen(p) == 6)
        return "";
    if (strlen(p) == 9)
        return u->division;
    return NULL; /* a village sees no county figures */
}

const char *sv_month_param(portal_req *r, const struct portal_services *s)
{
    const char *m = s->param(r, "month");
    portal_rows *q = m && s->month_check(m) == 0
        ? s->db_query(r, "SELECT DATE_FORMAT(month, '%Y-%m') FROM supervision_months "
                      "WHERE month = ?", "s", s->sprintf(r, "%s-01", m))
        : NULL;
    if (q && s->db_next(q))
        return s->db_col(q, 0);
    q = s->db_query(r, "SELECT DATE_FORMAT(MAX(month), '%Y-%m') FROM supervision_months", "");
    return q && s->db_next(q) ? s->db_col(q, 0) : NULL;
}

const char *sv_month_last(portal_req *r, const struct portal_services *s, const char *ym)
{
    long first = s->day_parse(s->sprintf(r, "%s-01", ym));
    if (first == PORTAL_NO_DAY)
        return NULL;
    /* 35 days after a first is in the next month: its first, less a day */
    return s->day_format(r, s->day_parse(s->sprintf(r, "%.7s-01", s->day_format(r, first + 35))) - 1);
}

void sv_indicators_hdf(portal_req *r, const struct portal_services *s, const char *prefix,
                       const char *on)
{
    for (int i = 0; sv_indicators[i].code; i++) {
        const struct sv_indicator *ind = &sv_indicators[i];
        s->setf(r, s->sprintf(r, "%s.%d.code", prefix, i), "%s", ind->code);
        s->setf(r, s->sprintf(r, "%s.%d.title", prefix, i), "%s", ind->title);
        s->setf(r, s->sprintf(r, "%s.%d.dept", prefix, i), "%s", ind->dept);
        s->setf(r, s->sprintf(r, "%s.%d.definition", prefix, i), "%s", ind->definition);
        s->set_int(r, s->sprintf(r, "%s.%d.weight", prefix, i),
                   s->setting_int(r, s->sprintf(r, "weight_%s", ind->code), on));
    }
}
