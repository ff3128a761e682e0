/*
 * education - 教育保障 (issue 12): the county education commission's duties
 * for children in difficulty.  Schools are core organisations of kind
 * 'school' (their staff see exactly the children enrolled there); this
 * module keeps their attributes, each child's dated enrolment history, the
 * semester roll imports (学籍), 控辍保学 dropout cases on the workflow, the
 * disabled-students ledger, migrant children and counselling sessions, and
 * a panel on the child's file.
 */
#include "education.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* the semester of a day: February-July is YYYY-1 (spring), August-December
 * YYYY-2 (autumn), January still the autumn of the year before */
const char *edu_semester(portal_req *r, svc *s, const char *day)
{
    if (!day || strlen(day) < 7)
        day = s->today(r);
    int y = atoi(day), m = atoi(day + 5);
    if (m == 1)
        return s->sprintf(r, "%d-2", y - 1);
    return s->sprintf(r, "%d-%d", y, m >= 8 ? 2 : 1);
}

int edu_semester_ok(const char *sem)
{
    if (!sem || strlen(sem) != 6 || sem[4] != '-' || (sem[5] != '1' && sem[5] != '2'))
        return 0;
    for (int i = 0; i < 4; i++)
        if (sem[i] < '0' || sem[i] > '9')
            return 0;
    return atoi(sem) >= 2000 && atoi(sem) <= 2099;
}

/* 31 August of the current school year: the day compulsory-school age is
 * counted on */
const char *edu_school_year_ref(portal_req *r, svc *s)
{
    const char *sem = edu_semester(r, s, NULL);
    int y = atoi(sem) - (sem[5] == '1' ? 1 : 0);
    return s->sprintf(r, "%d-08-31", y);
}

/* the birth dates of compulsory-school age (the settings, counted on 31
 * August of the school year): born after *after and on or before *upto */
void edu_age_bounds(portal_req *r, svc *s, const char **after, const char **upto)
{
    int y = atoi(edu_school_year_ref(r, s));
    long long lo = s->setting_int(r, "dropout_age_min", NULL);
    long long hi = s->setting_int(r, "dropout_age_max", NULL);
    if (lo == PORTAL_NO_SETTING || hi == PORTAL_NO_SETTING)
        lo = 6, hi = 15;
    *upto = s->sprintf(r, "%lld-08-31", y - lo);
    *after = s->sprintf(r, "%lld-08-31", y - hi - 1);
}

/* the user's school when they are a school's staff, else 0 */
long long edu_own_school(portal_req *r, svc *s)
{
    const struct portal_user *u = s->user(r);
    if (!u || !u->org_kind || strcmp(u->org_kind, "school") != 0)
        return 0;
    return u->org_id;
}

/* the education commission: county-wide management of schools and rolls */
int edu_manager(portal_req *r, svc *s)
{
    return s->has_perm(r, "education.manage") && !edu_own_school(r, s);
}

/* the commission, or a school's staff holding education.school: who keeps
 * enrolments and rolls and sees the aid lists */
int edu_staff(portal_req *r, svc *s)
{
    return edu_manager(r, s) || (edu_own_school(r, s) && s->has_perm(r, "education.school"));
}

/* 1 when code is one of the module's labels of kind (a form's choice) */
int edu_known(portal_req *r, svc *s, const char *kind, const char *code)
{
    return code && strcmp(s->label(r, kind, code), code) != 0;
}

/* 1 when the module `name` is enabled (its tables exist) */
int edu_module_on(portal_req *r, svc *s, const char *name)
{
    const struct portal_module *m;
    for (int i = 0; (m = s->module_nth(r, i)); i++)
        if (strcmp(m->name, name) == 0)
            return 1;
    return 0;
}

const char *edu_id(portal_req *r, svc *s, long long id)
{
    return s->sprintf(r, "%lld", id);
}

void edu_set_cols(portal_req *r, svc *s, const char *prefix, const char *const *cols, int n)
{
    for (int i = 0; i < n; i++)
        s->set(r, s->sprintf(r, "%s.Cols.%d", prefix, i), cols[i]);
}

/* ------------------------------------------------------------ home */

static int home_get(portal_req *r, svc *s)
{
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond)
        return 500;
    const char *sql = s->sprintf(
        r, "SELECT c.id, c.name, c.birth_date, e.semester, o.name AS school, e.grade, "
           "e.class_name, e.mode, e.boarding FROM edu_enrolments e JOIN children c ON "
           "c.id = e.child_id LEFT JOIN orgs o ON o.id = e.org_id WHERE e.ended_on IS NULL "
           "AND %s ORDER BY c.name, c.id LIMIT 500", cond);
    if (s->db_query_hdf(r, "Pupils", sql, "ss", a1, a2) < 0)
        return 500;
    s->set(r, "Semester", edu_semester(r, s, NULL));
    s->set_int(r, "Manager", edu_manager(r, s));
    s->set_int(r, "School", edu_own_school(r, s) > 0);
    s->set_int(r, "Counsel", s->has_perm(r, "education.counsel"));
    return s->render(r, "home.cs", "教育保障");
}

/* ------------------------------------------------------------ declarations */

#define SC PR_STATE_CHANGING
#define V "education.view"
static const struct portal_route routes[] = {
    {"GET", "/education", home_get, V, 0, NULL, NULL},
    {"GET", "/education/schools", school_list_get, V, 0, NULL, NULL},
    {"POST", "/education/schools", school_create_post, "education.manage", SC, school_params, NULL},
    {"GET", "/education/schools/{id:int}", school_get, V, 0, NULL, "school:id"},
    {"POST", "/education/schools/{id:int}", school_update_post, "education.manage", SC,
     school_params, "school:id"},
    {"GET", "/education/children/{id:int}", child_get, V, 0, NULL, "child:id"},
    {"POST", "/education/children/{id:int}/enrol", child_enrol_post, V, SC, enrol_params,
     "child:id"},
    {"POST", "/education/children/{id:int}/support", child_support_post, V, SC, support_params,
     "child:id"},
    {"POST", "/education/children/{id:int}/absent", child_absent_post, V, SC, absent_params,
     "child:id"},
    {"GET", "/education/children/{id:int}/counselling", counselling_get, "education.counsel", 0,
     NULL, "child:id"},
    {"POST", "/education/children/{id:int}/counselling", counselling_post, "education.counsel",
     SC, counsel_params, "child:id"},
    {"GET", "/education/roll", roll_list_get, V, 0, NULL, NULL},
    {"POST", "/education/roll", roll_import_post, V, SC, roll_params, NULL},
    {"GET", "/education/roll/{id:int}", roll_get, V, 0, NULL, "roll:id"},
    {"GET", "/education/dropouts", dropout_list_get, V, 0, wf_inbox_params, NULL},
    {"POST", "/education/scan", dropout_scan_post, "education.manage", SC, scan_params, NULL},
    {"GET", "/education/applications/{id:int}", dropout_get, V, 0, NULL, "application:id"},
    {"POST", "/education/applications/batch", dropout_batch_post, V, SC, wf_batch_params, NULL},
    {"POST", "/education/applications/{id:int}/act", dropout_act_post, V, SC, act_params,
     "application:id"},
    {"GET", "/education/report", report_get, V, 0, report_params, NULL},
    {"GET", "/education/disabled", disabled_list_get, V, 0, NULL, NULL},
    {"GET", "/education/disabled.xlsx", disabled_export_get, V, PR_NO_LAYOUT, NULL, NULL},
    {"GET", "/education/migrants", migrant_list_get, V, 0, NULL, NULL},
    {"GET", "/education/aid", aid_list_get, V, 0, NULL, NULL},
    {"POST", "/education/aid", aid_generate_post, "education.manage", SC, aid_params, NULL},
    {"GET", "/education/aid/{id:int}", aid_get, V, 0, NULL, "aid:id"},
    {"POST", "/education/aid/{id:int}/review", aid_review_post, V, SC, review_params, "aid:id"},
    {"POST", "/education/aid/{id:int}/approve", aid_approve_post, "education.manage", SC, NULL,
     "aid:id"},
    {"POST", "/education/schools/{id:int}/account", school_account_post, "education.manage", SC,
     account_params, "school:id"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};
#undef SC
#undef V

static const struct portal_permission perms[] = {
    {"education.view", "教育保障：查看"},
    {"education.manage", "教育保障：县教委管理（学校、学籍导入、控辍保学排查）"},
    {"education.school", "教育保障：学校登记本校学生在读、缺课和支持服务"},
    {"education.dropout", "教育保障：乡镇办理控辍保学"},
    {"education.counsel", "教育保障：心理辅导记录（心理教师、县级未成年人保护人员）"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"教育保障", "/education", "education.view", 40},
    {NULL, NULL, NULL, 0}};

static const struct portal_migration migrations[] = {
    {1, "001_education.sql"},
    {2, "002_aid.sql"},
    {3, "003_text_limits.sql"},
    {0, NULL}};

static const struct portal_child_panel panels[] = {
    {"教育保障", "education.view", edu_child_panel, edu_panel_tables},
    {NULL, NULL, NULL}};

static const struct portal_loader loaders[] = {
    {"school", "edu_school", school_load},
    {"roll", "edu_roll_import", roll_load},
    {"aid", "edu_aid_list", aid_load},
    {NULL, NULL, NULL}};

static const struct portal_setting settings[] = {
    {"dropout_age_min", PS_INT, "周岁", "控辍保学：义务教育起始年龄（8月31日）", "6"},
    {"dropout_age_max", PS_INT, "周岁", "控辍保学：义务教育截止年龄（8月31日）", "15"},
    /* the workflow's step limits (the host reads <type>_<step>_days) */
    {"dropout_visit_days", PS_DAYS, "工作日", "控辍保学：入户家访核实时限", "5"},
    {"dropout_persuade_days", PS_DAYS, "工作日", "控辍保学：劝返复学时限", "10"},
    {"dropout_outcome_days", PS_DAYS, "工作日", "控辍保学：结果认定时限", "5"},
    {"aid_boarding_primary", PS_MONEY, "元/人·学期", "两免一补：小学寄宿生生活补助", "50000"},
    {"aid_boarding_junior", PS_MONEY, "元/人·学期", "两免一补：初中寄宿生生活补助", "62500"},
    {"aid_hs_grant", PS_MONEY, "元/人·学期", "普通高中、中职国家助学金", "100000"},
    {"aid_free12", PS_MONEY, "元/人·学期", "贫困残疾学生十二年免费教育（免学杂费，付学校）", "80000"},
    {"aid_preschool", PS_MONEY, "元/人·学期", "学前教育资助", "50000"},
    {"dropout_task_hours", PS_INT, "小时", "控辍保学：每一环节督办时限", "168"},
    {NULL, 0, NULL, NULL, NULL}};

static const struct portal_label labels[] = {
    {"education.level", "kindergarten", "幼儿园"},
    {"education.level", "primary", "小学"},
    {"education.level", "junior", "初级中学"},
    {"education.level", "senior", "普通高中"},
    {"education.level", "vocational", "中等职业学校"},
    {"education.level", "special", "特殊教育学校"},
    {"education.mode", "ordinary", "普通班就读"},
    {"education.mode", "inclusive", "随班就读"},
    {"education.mode", "special", "特殊教育学校就读"},
    {"education.mode", "home", "送教上门"},
    {"education.mode", "exempt", "缓学、免学"},
    {"education.mode", "none", "未入学（失学、辍学）"},
    {"education.roll_reason", "bad_id", "身份证号格式不正确"},
    {"education.roll_reason", "no_school", "学校不在学校名录中"},
    {"education.roll_reason", "other_school", "不是本校的学生"},
    {"education.roll_reason", "incomplete", "姓名、身份证号、学校或年级缺失"},
    {"education.roll_reason", "name_differs", "姓名与档案不一致"},
    {"education.dropout_reason", "no_enrolment", "无在读记录"},
    {"education.dropout_reason", "absent", "学校报告缺课"},
    {"education.outcome", "returned", "劝返复学"},
    {"education.outcome", "home", "送教上门"},
    {"education.outcome", "medical", "因病缓学、免学"},
    {"education.outcome", "moved", "迁出本县"},
    {"education.outcome", "unfounded", "核实非辍学"},
    {"education.counsel_kind", "individual", "个别辅导"},
    {"education.counsel_kind", "group", "团体辅导"},
    {"education.counsel_kind", "family", "家庭辅导"},
    {"education.counsel_kind", "crisis", "危机干预"},
    {"education.concern", "low", "一般"},
    {"education.concern", "medium", "关注"},
    {"education.concern", "high", "重点关注"},
    {"education.concern", "critical", "危急"},
    {"education.referral", "none", "未转介"},
    {"education.referral", "hospital", "转介医疗机构"},
    {"education.referral", "guardianship", "强制报告（未成年人保护）"},
    {"education.referral", "police", "报告公安机关"},
    {"education.referral", "other", "其他"},
    {"education.programme", "boarding", "两免一补寄宿生生活补助"},
    {"education.programme", "hs_grant", "高中国家助学金"},
    {"education.programme", "free12", "贫困残疾学生十二年免费教育"},
    {"education.programme", "preschool", "学前教育资助"},
    {"education.support", "resource_room", "资源教室"},
    {"education.support", "itinerant", "巡回指导教师"},
    {"education.support", "home_visit", "送教上门"},
    {NULL, NULL, NULL}};

/* archival (privacy, issue 19): counselling notes go with the file */
static const struct portal_retention retention[] = {
    {"edu_counselling", NULL, NULL, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "education",
    .title = "教育保障",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .workflows = edu_workflows,
    .child_panels = panels,
    .loaders = loaders,
    .labels = labels,
    .settings = settings,
    .retention = retention,
};
