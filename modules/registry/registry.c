/* registry - the module descriptor: everything the registry declares. */
#include "registry.h"

#include <stddef.h>
#include <string.h>

static const struct portal_param id_only[] = {{NULL, 0, 0, 0, NULL}};

/* family, category and attachment forms: declared here so both files agree.
 * One family form adds and corrects (reason, clear_id: corrections only) */
static const struct portal_param family_params[] = {
    {"relation", PP_TEXT, 16, 0, "关系"},
    {"name", PP_TEXT, 30, 0, "姓名"},
    {"id_number", PP_TEXT, 24, 0, "身份证号"},
    {"situation", PP_CODE, 16, 0, "情况"},
    {"is_guardian", PP_INT, 1, 0, "是否监护人"},
    {"phone", PP_TEXT, 32, 0, "电话"},
    {"note", PP_TEXT, 200, 0, "备注"},
    {"clear_id", PP_INT, 1, 0, "清除身份证号"},
    {"reason", PP_TEXT, 200, 0, "原因"},
    {NULL, 0, 0, 0, NULL}};
/* a removal's form shares its page with the correction's: its own name */
static const struct portal_param remove_params[] = {
    {"remove_reason", PP_TEXT, 200, 0, "删除原因"},
    {NULL, 0, 0, 0, NULL}};
static const struct portal_param attachment_edit_params[] = {
    {"kind", PP_TEXT, 32, 0, "材料类型"},
    {"reason", PP_TEXT, 200, 0, "原因"},
    {NULL, 0, 0, 0, NULL}};
static const struct portal_param enter_params[] = {
    {"category", PP_CODE, 32, 1, "类别"},
    {"basis", PP_TEXT, 200, 1, "认定依据"},
    {"start_date", PP_DATE, 10, 1, "开始日期"},
    {NULL, 0, 0, 0, NULL}};
static const struct portal_param exit_params[] = {
    {"end_date", PP_DATE, 10, 1, "退出日期"},
    {"exit_reason", PP_CODE, 32, 1, "退出原因"},
    {"exit_note", PP_TEXT, 200, 0, "说明"},
    {"confirm", PP_INT, 1, 0, "确认"},
    {NULL, 0, 0, 0, NULL}};
static const struct portal_param upload_params[] = {
    {"kind", PP_TEXT, 32, 1, "材料类型"},
    {"file", PP_FILE, 0, 1, "文件"},
    {NULL, 0, 0, 0, NULL}};
static const struct portal_param import_params[] = {
    {"file", PP_FILE, 0, 1, "台账文件"},
    {"mode", PP_CODE, 10, 0, "方式"},
    {NULL, 0, 0, 0, NULL}};

/* every /children/{id:int} route is about that child: the host loads it and
 * checks the user's scope before the handler runs (an audited 404 else) */
static const struct portal_route routes[] = {
    {"GET", "/children", child_list_get, "registry.view", 0, list_params, NULL},
    {"GET", "/children/export.csv", child_export_get, "registry.export", PR_NO_LAYOUT, list_params, NULL},
    {"GET", "/children/export.xlsx", child_export_xlsx_get, "registry.export", PR_NO_LAYOUT, list_params, NULL},
    {"GET", "/children/import", child_import_get, "registry.import", 0, id_only, NULL},
    {"GET", "/children/import/template.csv", child_import_template_get, "registry.import", PR_NO_LAYOUT, id_only, NULL},
    {"GET", "/children/import/villages", child_import_villages_get, "registry.import", 0, id_only, NULL},
    {"POST", "/children/import", child_import_post, "registry.import", PR_STATE_CHANGING, import_params, NULL},
    {"GET", "/children/new", child_new_get, "registry.edit", 0, id_only, NULL},
    {"POST", "/children/new", child_new_post, "registry.edit", PR_STATE_CHANGING, child_params, NULL},
    {"GET", "/children/notices", notice_list_get, "registry.view", 0, id_only, NULL},
    {"POST", "/children/notices/{id:int}/done", notice_done_post, "registry.edit", PR_STATE_CHANGING, id_only, "notice:id"},
    {"GET", "/children/{id:int}", child_file_get, "registry.view", 0, id_only, "child:id"},
    {"GET", "/children/{id:int}/print", child_print_get, "registry.view", 0, id_only, "child:id"},
    {"GET", "/children/{id:int}/edit", child_edit_get, "registry.edit", 0, id_only, "child:id"},
    {"POST", "/children/{id:int}/edit", child_edit_post, "registry.edit", PR_STATE_CHANGING, child_params, "child:id"},
    {"POST", "/children/{id:int}/family", family_add_post, "registry.edit", PR_STATE_CHANGING, family_params, "child:id"},
    {"GET", "/children/{id:int}/family/{fid:int}/edit", family_edit_get, "registry.edit", 0, id_only, "child:id"},
    {"POST", "/children/{id:int}/family/{fid:int}/edit", family_edit_post, "registry.edit", PR_STATE_CHANGING, family_params, "child:id"},
    {"POST", "/children/{id:int}/family/{fid:int}/remove", family_remove_post, "registry.edit", PR_STATE_CHANGING, remove_params, "child:id"},
    {"POST", "/children/{id:int}/categories", category_enter_post, "registry.edit", PR_STATE_CHANGING, enter_params, "child:id"},
    {"POST", "/children/{id:int}/categories/{cid:int}/exit", category_exit_post, "registry.edit", PR_STATE_CHANGING, exit_params, "child:id"},
    {"POST", "/children/{id:int}/attachments", attachment_add_post, "registry.edit", PR_STATE_CHANGING, upload_params, "child:id"},
    {"GET", "/children/{id:int}/attachments/{aid:int}", attachment_get, "registry.view", PR_NO_LAYOUT, id_only, "child:id"},
    {"GET", "/children/{id:int}/attachments/{aid:int}/edit", attachment_edit_get, "registry.edit", 0, id_only, "child:id"},
    {"POST", "/children/{id:int}/attachments/{aid:int}/edit", attachment_edit_post, "registry.edit", PR_STATE_CHANGING, attachment_edit_params, "child:id"},
    {"POST", "/children/{id:int}/attachments/{aid:int}/remove", attachment_remove_post, "registry.edit", PR_STATE_CHANGING, remove_params, "child:id"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};

/* a notice is its office's own: the loader checks that itself */
static const struct portal_loader loaders[] = {
    {"notice", "notice", registry_notice_load},
    {NULL, NULL, NULL}};

static const struct portal_permission perms[] = {
    {"registry.view", "查看儿童档案"},
    {"registry.edit", "建立和修改儿童档案"},
    {"registry.export", "导出儿童台账"},
    {"registry.import", "导入儿童台账"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"儿童台账", "/children", "registry.view", 10},
    {"新建档案", "/children/new", "registry.edit", 11},
    {"导入台账", "/children/import", "registry.import", 12},
    {"档案通知", "/children/notices", "registry.view", 13},
    {NULL, NULL, NULL, 0}};

static const struct portal_migration migrations[] = {
    {1, "001_registry.sql"},
    {2, "002_counts.sql"},
    {3, "003_list_index.sql"},
    {4, "004_notices.sql"},
    {5, "005_scope_follows.sql"},
    {6, "006_core_notices.sql"},
    {7, "007_org_staff.sql"},
    {8, "008_export_full_id.sql"},
    {9, "009_attachment_removal.sql"},
    {10, "010_list_cover.sql"},
    {11, "011_list_id_last4.sql"},
    {12, "012_category_counts.sql"},
    {14, "014_category_counts_delete.sql"},
    {16, "016_list_version.sql"},
    {0, NULL}};

/* The registry's lookup lists: one title per code, wherever it is shown
 * (file, list, export, import, timeline): label("registry.sex", code) in
 * templates, labels_hdf for a form's options.  The category titles are the
 * core's (the timeline entries child_category writes use them too). */
static const struct portal_label labels[] = {
    {"registry.sex", "1", "男"},
    {"registry.sex", "2", "女"},
    {"registry.status", "active", "在册"},
    {"registry.status", "exited", "已退出"},
    {"registry.situation", "normal", "正常"},
    {"registry.situation", "dead", "死亡"},
    {"registry.situation", "missing", "失踪（下落不明）"},
    {"registry.situation", "disabled", "重度残疾"},
    {"registry.situation", "ill", "重病"},
    {"registry.situation", "imprisoned", "服刑在押"},
    {"registry.situation", "drug_treatment", "强制隔离戒毒"},
    {"registry.situation", "working_away", "外出务工"},
    {"registry.situation", "revoked", "被撤销监护资格"},
    {"registry.situation", "deported", "被遣送（驱逐）出境"},
    {"registry.situation", "other", "其他"},
    {"registry.exit", "released", "父母刑满释放或戒毒期满"},
    {"registry.exit", "found", "父母已找到"},
    {"registry.exit", "adult", "年满十八周岁（或十八周岁后离校）"},
    {"registry.exit", "adopted", "被依法收养"},
    {"registry.exit", "guardian_able", "监护人恢复履行监护能力"},
    {"registry.exit", "death", "死亡"},
    {"registry.exit", "moved", "迁出本县"},
    {"registry.exit", "ineligible", "不再符合条件"},
    {"registry.exit", "other", "其他"},
    {"registry.disability", "visual", "视力残疾"},
    {"registry.disability", "hearing", "听力残疾"},
    {"registry.disability", "speech", "言语残疾"},
    {"registry.disability", "physical", "肢体残疾"},
    {"registry.disability", "intellectual", "智力残疾"},
    {"registry.disability", "mental", "精神残疾"},
    {"registry.disability", "multiple", "多重残疾"},
    {"registry.grade", "1", "一级"},
    {"registry.grade", "2", "二级"},
    {"registry.grade", "3", "三级"},
    {"registry.grade", "4", "四级"},
    {"registry.age", "0-2", "0-2 岁"},
    {"registry.age", "3-5", "3-5 岁"},
    {"registry.age", "6-11", "6-11 岁"},
    {"registry.age", "12-15", "12-15 岁"},
    {"registry.age", "16-17", "16-17 岁"},
    {"registry.age", "18up", "18 岁及以上"},
    {"registry.module", "registry", "儿童台账"},
    {"registry.module", "living", "基本生活保障"},
    {"registry.module", "core", "平台"},
    {"registry.module", "payments", "支付台账"},
    {"registry.module", "volunteer", "社会组织与志愿服务"},
    {"registry.module", "medical", "医疗保障"},
    {"registry.module", "education", "教育保障"},
    {"registry.module", "guardianship", "监护与安全保护"},
    {"registry.module", "rehab", "残疾儿童康复"},
    {"registry.module", "village", "儿童主任"},
    {NULL, NULL, NULL}};

const struct portal_label *registry_labels = labels;

const char *registry_label(const char *kind, const char *code)
{
    for (const struct portal_label *l = labels; code && l->kind; l++)
        if (strcmp(l->kind, kind) == 0 && strcmp(l->code, code) == 0)
            return l->title;
    return NULL;
}

int registry_has_emoji(const char *v)
{
    const unsigned char *p = (const unsigned char *)(v ? v : "");
    while (*p) {
        unsigned cp = *p;
        int k = cp < 0x80 ? 0 : cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
        cp = k == 0 ? cp : k == 1 ? cp & 0x1F : k == 2 ? cp & 0x0F : cp & 0x07;
        for (p++; k > 0 && (*p & 0xC0) == 0x80; k--, p++)
            cp = (cp << 6) | (*p & 0x3F);
        if ((cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
            (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
            cp == 0x200D || (cp >= 0xE0000 && cp <= 0xE007F))
            return 1;
    }
    return 0;
}

const char *registry_too_long(portal_req *r, const struct portal_services *s, const char *field,
                              const char *v)
{
    const struct portal_param *p = strcmp(field, "basis") == 0 ? enter_params : child_params;
    for (; p->name; p++)
        if (strcmp(p->name, field) == 0)
            return s->text_chars(v) > p->maxlen
                       ? s->sprintf(r, "%s最多 %zu 个字。", p->label, p->maxlen) : NULL;
    return NULL;
}

/* ---- a correction's history and reason (file.c and correct.c) */

/* a value in the history: "（空）" for none, at most 40 characters */
static const char *shown(portal_req *r, const struct portal_services *s, const char *v)
{
    if (!v || !*v)
        return "（空）";
    size_t i = 0;
    for (int n = 0; v[i] && n < 40; n++)
        do
            i++;
        while (((unsigned char)v[i] & 0xC0) == 0x80);
    return v[i] ? s->sprintf(r, "%.*s…", (int)i, v) : v;
}

void registry_diff_add(portal_req *r, const struct portal_services *s, struct registry_diff *d,
                       const char *field, const char *label, const char *was, const char *now)
{
    if (strcmp(was ? was : "", now ? now : "") == 0)
        return;
    d->text = s->sprintf(r, "%s%s%s：%s → %s", d->text ? d->text : "", d->text ? "；" : "",
                         label, shown(r, s, was), shown(r, s, now));
    d->fields = s->sprintf(r, "%s%s%s", d->fields ? d->fields : "", d->fields ? "," : "", field);
}

const char *registry_reason(portal_req *r, const struct portal_services *s, const char *field)
{
    const char *why = s->trim(r, s->param(r, field));
    if (!*why)
        s->form_error(r, field, "请写明原因（将记入变更记录）。");
    return why;
}

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "registry",
    .title = "儿童台账",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .loaders = loaders,
    .labels = labels,
};
