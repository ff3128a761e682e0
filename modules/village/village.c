/*
 * village - 儿童主任工作 (issue 15): the village child directors' work from a
 * phone in the village and the township supervisor's follow-up.  A director
 * (role village_director, one or more villages assigned by the county) sees
 * the children of their villages with the next visit due (the interval per
 * category is a dated setting), records visits (走访, 入户核查, a call) with a
 * checklist of concerns whose next step is one tap away (a mandatory report,
 * an application), and records children found who are not on file (摸底),
 * which the township files or dismisses.  The township and the county see
 * overdue visits per township and per director, and the county the
 * directors per village.
 */
#include "village.h"

#include <stdlib.h>
#include <string.h>

long long vil_num(const char *v)
{
    return v ? atoll(v) : 0;
}

const char *vil_id(portal_req *r, const struct portal_services *s, long long id)
{
    return s->sprintf(r, "%lld", id);
}

/* ------------------------------------------------ the phone's assets
 * Served by the module (the layout links only the portal's stylesheet;
 * the CSP allows 'self' scripts and styles, nothing inline). */

static const char css[] =
    ".vil .field input, .vil .field select, .vil .field textarea { max-width: none; "
    "min-height: 44px; font-size: 16px; }\n"
    ".vil .field textarea { min-height: 5rem; }\n"
    ".vil button, .vil a.button { display: block; width: 100%; min-height: 48px; margin: .6rem 0; "
    "font-size: 1.05rem; text-align: center; text-decoration: none; line-height: 48px; "
    "padding: 0 1rem; }\n"
    ".vil fieldset { border: 1px solid var(--line); background: #fff; margin: .8rem 0; "
    "padding: .4rem .8rem; }\n"
    ".vil label.check { display: flex; align-items: center; gap: .7rem; min-height: 44px; "
    "font-weight: normal; }\n"
    ".vil label.check input { width: 24px; height: 24px; flex: none; }\n"
    "ul.cards { list-style: none; margin: 0; padding: 0; }\n"
    "ul.cards li a { display: block; min-height: 48px; padding: .7rem .9rem; margin: .5rem 0; "
    "background: #fff; border: 1px solid var(--line); border-radius: 4px; "
    "text-decoration: none; color: var(--ink); }\n"
    "ul.cards li a strong { color: var(--accent); font-size: 1.05rem; }\n"
    "ul.cards .due { display: block; color: var(--muted); }\n"
    "ul.cards .late .due { color: var(--bad); font-weight: bold; }\n"
    ".offer { background: #fff7e6; border-left: 4px solid var(--bad); padding: .6rem .9rem; }\n"
    ".draft-note { background: #fff7e6; padding: .5rem .8rem; }\n"
    "@media (max-width: 40rem) { main { margin: .6rem auto; padding: 0 .6rem; } "
    "header.top { padding: .5rem .6rem; } nav.menu ul { padding: 0 .3rem; } "
    "dl.facts { grid-template-columns: 1fr; } table.list { display: block; overflow-x: auto; } }\n";

/* The visit form keeps a draft in the browser (localStorage) while it is
 * filled in, restores it when the form is opened again, and does not send
 * while the phone is offline.  The draft keeps the form's request token
 * (_idem) too: a form sent again after a lost answer is recognised by the
 * host and not saved twice.  The page after a visit was saved clears it.
 * Fields marked data-nodraft (the details of a concern: abuse, injuries)
 * never go into the phone's storage. */
static const char js[] =
    "(function () {\n"
    "  var sent = document.querySelector('[data-draft-sent]');\n"
    "  if (sent) { try { localStorage.removeItem(sent.getAttribute('data-draft-sent')); } "
    "catch (e) {} }\n"
    "  var form = document.querySelector('form[data-draft]');\n"
    "  if (!form) return;\n"
    "  var key = form.getAttribute('data-draft');\n"
    "  var note = document.getElementById('draft-note');\n"
    "  function say(t) { if (note) { note.hidden = false; note.textContent = t; } }\n"
    "  function skip(el) { return !el.name || el.name === '_csrf' || el.type === 'file' || "
    "el.type === 'submit' || el.hasAttribute('data-nodraft'); }\n"
    "  function save() {\n"
    "    var d = {};\n"
    "    Array.prototype.forEach.call(form.elements, function (el) {\n"
    "      if (skip(el)) return;\n"
    "      if (el.type === 'checkbox') { d[el.name] = d[el.name] || []; "
    "if (el.checked) d[el.name].push(el.value); }\n"
    "      else d[el.name] = el.value;\n"
    "    });\n"
    "    try { localStorage.setItem(key, JSON.stringify(d)); } catch (e) {}\n"
    "  }\n"
    "  function restore() {\n"
    "    var d;\n"
    "    try { d = JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return; }\n"
    "    if (!d) return;\n"
    "    Array.prototype.forEach.call(form.elements, function (el) {\n"
    "      if (skip(el) || !(el.name in d)) return;\n"
    "      if (el.type === 'checkbox') el.checked = d[el.name].indexOf(el.value) >= 0;\n"
    "      else el.value = d[el.name];\n"
    "    });\n"
    "    say('已恢复本机保存的草稿（尚未提交）。');\n"
    "  }\n"
    "  restore();\n"
    "  form.addEventListener('input', save);\n"
    "  form.addEventListener('change', save);\n"
    "  form.addEventListener('submit', function (ev) {\n"
    "    save();\n"
    "    if (navigator.onLine === false) { ev.preventDefault(); "
    "say('网络不通：草稿已保存在本机，联网后请再次提交。'); }\n"
    "  });\n"
    "})();\n";

static int asset(portal_req *r, const struct portal_services *s, const char *ctype,
                 const char *body, size_t len)
{
    s->header(r, "Content-Type", ctype);
    s->write(r, body, len);
    return 200;
}

static int style_get(portal_req *r, const struct portal_services *s)
{
    return asset(r, s, "text/css; charset=utf-8", css, sizeof css - 1);
}

static int script_get(portal_req *r, const struct portal_services *s)
{
    return asset(r, s, "text/javascript; charset=utf-8", js, sizeof js - 1);
}

/* ------------------------------------------------------------ descriptor */

static const struct portal_param child_list_params[] = {
    {"due", PP_INT, 1, 0, "只看到期"},
    {NULL, 0, 0, 0, NULL}};

#define SC PR_STATE_CHANGING
#define ASSET (PR_NO_DB | PR_NO_LAYOUT)
static const struct portal_route routes[] = {
    {"GET", "/village", home_get, "village.visit", 0, NULL, NULL},
    {"GET", "/village/village.css", style_get, NULL, ASSET, NULL, NULL},
    {"GET", "/village/draft.js", script_get, NULL, ASSET, NULL, NULL},
    {"GET", "/village/children", child_list_get, "village.visit", 0, child_list_params, NULL},
    {"GET", "/village/children/{id:int}/visit", visit_form_get, "village.visit", 0, NULL,
     "child:id"},
    {"POST", "/village/children/{id:int}/visit", visit_create_post, "village.visit", SC,
     visit_params, "child:id"},
    {"GET", "/village/visits/{id:int}", visit_get, "village.visit", 0, NULL, "visit:id"},
    {"GET", "/village/visits/{id:int}/photo", visit_photo_get, "village.visit", PR_NO_LAYOUT,
     NULL, "visit:id"},
    {"GET", "/village/overdue", overdue_get, "village.supervise", 0, NULL, NULL},
    {"GET", "/village/directors", director_list_get, "village.supervise", 0, NULL, NULL},
    {"POST", "/village/directors", director_create_post, "village.directors", SC,
     director_params, NULL},
    {"POST", "/village/directors/{id:int}/end", director_end_post, "village.directors", SC, NULL,
     NULL},
    {"GET", "/village/survey/new", survey_form_get, "village.survey", 0, NULL, NULL},
    {"POST", "/village/survey/new", survey_create_post, "village.survey", SC, survey_params, NULL},
    {"GET", "/village/surveys", survey_list_get, "village.visit", 0, NULL, NULL},
    {"GET", "/village/surveys/{id:int}", survey_get, "village.visit", 0, NULL, "survey:id"},
    {"POST", "/village/surveys/{id:int}/file", survey_file_post, "village.supervise", SC, NULL,
     "survey:id"},
    {"POST", "/village/surveys/{id:int}/dismiss", survey_dismiss_post, "village.supervise", SC,
     dismiss_params, "survey:id"},
    {"GET", "/village/intake", intake_list_get, NULL, 0, NULL, NULL},
    {"GET", "/village/intake/new", intake_form_get, "village.intake", 0, intake_params, NULL},
    {"POST", "/village/intake/new", intake_create_post, "village.intake", SC, intake_params,
     NULL},
    {"GET", "/village/intake/{id:int}", intake_get, NULL, 0, NULL, "intake:id"},
    {"GET", "/village/intake/{id:int}/reply", intake_reply_get, "village.intake", 0, NULL,
     "intake:id"},
    {"POST", "/village/intake/needs/{id:int}/answer", need_answer_post, "village.answer", SC,
     answer_params, NULL},
    {"GET", "/village/reports", report_list_get, "village.visit", 0, NULL, NULL},
    {"GET", "/village/reports/month/{month:ym}", report_month_get, "village.visit", 0, NULL,
     NULL},
    {"POST", "/village/reports/month/{month:ym}", report_month_post, "village.visit", SC,
     report_params, NULL},
    {"GET", "/village/reports/{id:int}", report_get, "village.visit", 0, NULL, "report:id"},
    {"POST", "/village/reports/{id:int}/review", report_review_post, "village.supervise", SC,
     review_params, "report:id"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};
#undef SC
#undef ASSET

static const struct portal_loader loaders[] = {
    {"visit", "village_visit", vil_visit_load},
    {"survey", "village_survey", vil_survey_load},
    {"intake", "village_intake", vil_intake_load},
    {"report", "village_report", vil_report_load},
    {NULL, NULL, NULL}};

static const struct portal_label labels[] = {
    {"village.kind", "visit", "走访"},
    {"village.kind", "home_check", "入户核查"},
    {"village.kind", "phone", "电话联系"},
    /* the checklist of concerns; visits.c knows each one's next step */
    {"village.concern", "no_carer", "长期无人照料或被遗弃"},
    {"village.concern", "injury", "身上有伤、疑似遭受暴力或虐待"},
    {"village.concern", "sexual_abuse", "疑似遭受性侵害"},
    {"village.concern", "malnutrition", "严重营养不良"},
    {"village.concern", "self_harm", "有自伤自残或轻生倾向"},
    {"village.concern", "begging", "流浪乞讨或被组织乞讨"},
    {"village.concern", "no_living", "基本生活无着落"},
    {"village.concern", "medical", "患病未得到治疗"},
    {"village.concern", "dropout", "辍学或失学"},
    {"village.concern", "no_hukou", "未办理户口登记"},
    {"village.concern", "housing", "住房不安全"},
    {"village.help", "living", "基本生活保障"},
    {"village.help", "medical", "医疗救助"},
    {"village.help", "education", "教育资助"},
    {"village.help", "rehabilitation", "残疾儿童康复"},
    {"village.help", "dibao", "最低生活保障"},
    {"village.survey", "pending", "待乡镇审核"},
    {"village.survey", "filed", "已建档"},
    {"village.survey", "dismissed", "不予建档"},
    {"village.need", "living", "基本生活"},
    {"village.need", "medical", "医疗"},
    {"village.need", "education", "教育"},
    {"village.need", "guardianship", "监护"},
    {"village.need", "rehabilitation", "康复"},
    {"village.need", "hukou", "户口登记（公安）"},
    {"village.need", "housing", "住房（住建）"},
    {"village.need", "employment", "父母就业（人社）"},
    {"village.answer", "open", "办理中"},
    {"village.answer", "accepted", "已受理"},
    {"village.answer", "declined", "不予受理"},
    {"village.report", "submitted", "待乡镇确认"},
    {"village.report", "confirmed", "已确认"},
    {"village.report", "returned", "已退回"},
    {"village.sex", "1", "男"},
    {"village.sex", "2", "女"},
    {NULL, NULL, NULL}};

int vil_is_label(const char *kind, const char *code)
{
    for (const struct portal_label *l = labels; code && l->kind; l++)
        if (strcmp(l->kind, kind) == 0 && strcmp(l->code, code) == 0)
            return 1;
    return 0;
}

static const struct portal_setting settings[] = {
    {"visit_days_orphan", PS_DAYS, "天", "走访周期：孤儿", "30"},
    {"visit_days_de_facto_unsupported", PS_DAYS, "天", "走访周期：事实无人抚养儿童", "30"},
    {"visit_days_guardianship", PS_DAYS, "天", "走访周期：监护缺失或不当儿童", "30"},
    {"visit_days_other", PS_DAYS, "天", "走访周期：其他困境儿童", "90"},
    {"intake_days", PS_DAYS, "个工作日", "一门受理：部门答复时限", "5"},
    /* the department each need goes to: an organisation's code (orgs.code) */
    {"intake_dept_living", PS_TEXT, NULL, "一门受理承办部门：基本生活", "mz"},
    {"intake_dept_medical", PS_TEXT, NULL, "一门受理承办部门：医疗", "demo_yb"},
    {"intake_dept_education", PS_TEXT, NULL, "一门受理承办部门：教育", "demo_jw"},
    {"intake_dept_guardianship", PS_TEXT, NULL, "一门受理承办部门：监护", "mz"},
    {"intake_dept_rehabilitation", PS_TEXT, NULL, "一门受理承办部门：康复", "demo_cl"},
    {"intake_dept_hukou", PS_TEXT, NULL, "一门受理承办部门：户口登记", "demo_ga"},
    {"intake_dept_housing", PS_TEXT, NULL, "一门受理承办部门：住房", "demo_zj"},
    {"intake_dept_employment", PS_TEXT, NULL, "一门受理承办部门：父母就业", "demo_rs"},
    {NULL, 0, NULL, NULL, NULL}};

static const struct portal_permission perms[] = {
    {"village.visit", "儿童主任：走访和入户核查"},
    {"village.survey", "儿童主任：摸底登记"},
    {"village.supervise", "儿童督导：审核摸底、督办逾期走访"},
    {"village.directors", "儿童主任：配备和调整"},
    {"village.intake", "一门受理：窗口登记和答复书"},
    {"village.answer", "一门受理：部门答复"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"儿童主任", "/village", "village.visit", 150},
    {"儿童主任配备", "/village/directors", "village.directors", 151},
    {"一门受理", "/village/intake", "village.intake", 152},
    {NULL, NULL, NULL, 0}};

static const struct portal_migration migrations[] = {
    {1, "001_village.sql"},
    {2, "002_intake.sql"},
    {3, "003_reports.sql"},
    {4, "004_intake_overdue.sql"},
    {5, "005_scope.sql"},
    {6, "006_visit_kind.sql"},
    {7, "007_text_limits.sql"},
    {8, "008_visit_date.sql"},
    {0, NULL}};

/* periodic work of the master, never a request (2.9) */
static const struct portal_job jobs[] = {
    {"intake_overdue", "一门受理逾期未答复：通知县妇儿工委办", 60, vil_intake_overdue_job},
    {NULL, NULL, 0, NULL}};

/* archival (privacy, issue 19): visit records and their photos go with the file */
static const struct portal_retention retention[] = {
    {"village_visits", NULL, NULL, NULL, NULL, "photo_stored"},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "village",
    .title = "儿童主任",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .child_panels = vil_panels,
    .loaders = loaders,
    .labels = labels,
    .settings = settings,
    .jobs = jobs,
    .retention = retention,
};
