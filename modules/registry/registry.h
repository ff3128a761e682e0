/*
 * registry.h - the children's registry (台账, 一人一档): shared declarations.
 * file.c: one child's file (create, edit, family, categories, attachments,
 * timeline, print).  list.c: the list and its CSV export.  import.c: the
 * ledger import (.xlsx, .xls or CSV through the host's sheet_* reader).
 * correct.c: family members added, corrected and removed, attachments
 * corrected and removed (with reasons, in the history).  notice.c: notices to an office (transfers
 * in, duplicates for the county to check).  registry.c: the module descriptor
 * and the helpers file.c and correct.c share (limits, a correction's history).
 */
#ifndef REGISTRY_H
#define REGISTRY_H

#include "portal_module.h"

/* file.c */
int child_new_get(portal_req *r, const struct portal_services *s);
int child_new_post(portal_req *r, const struct portal_services *s);
int child_file_get(portal_req *r, const struct portal_services *s);
int child_print_get(portal_req *r, const struct portal_services *s);
int child_edit_get(portal_req *r, const struct portal_services *s);
int child_edit_post(portal_req *r, const struct portal_services *s);
int category_enter_post(portal_req *r, const struct portal_services *s);
int category_exit_post(portal_req *r, const struct portal_services *s);
int attachment_add_post(portal_req *r, const struct portal_services *s);
int attachment_get(portal_req *r, const struct portal_services *s);
/* the file page again (a form on it failed): status 200 or 400 */
int registry_file_page(portal_req *r, const struct portal_services *s, int status);

/* registry.c: a correction's history: text "情况：正常 → 死亡；电话：（空） → 138..."
 * (values cut at 40 characters; the caller masks sensitive ones), fields
 * "situation,phone" for the audit row; both NULL while nothing changed */
struct registry_diff {
    const char *text, *fields;
};
/* adds field (its label, was -> now) when the two differ */
void registry_diff_add(portal_req *r, const struct portal_services *s, struct registry_diff *d,
                       const char *field, const char *label, const char *was, const char *now);
/* the reason every correction and removal needs (the parameter reason);
 * when empty, a form error beside the form's field `field` */
const char *registry_reason(portal_req *r, const struct portal_services *s, const char *field);

/* correct.c */
int family_add_post(portal_req *r, const struct portal_services *s);
int family_edit_get(portal_req *r, const struct portal_services *s);
int family_edit_post(portal_req *r, const struct portal_services *s);
int family_remove_post(portal_req *r, const struct portal_services *s);
int attachment_edit_get(portal_req *r, const struct portal_services *s);
int attachment_edit_post(portal_req *r, const struct portal_services *s);
int attachment_remove_post(portal_req *r, const struct portal_services *s);

/* list.c */
int child_list_get(portal_req *r, const struct portal_services *s);
int child_export_get(portal_req *r, const struct portal_services *s);
int child_export_xlsx_get(portal_req *r, const struct portal_services *s);
/* a category's code from its code or Chinese title (with or without the
 * trailing 儿童, and the ledgers' short names); NULL when none */
const char *registry_category_code(portal_req *r, const struct portal_services *s,
                                   const char *text);
/* the core's name of a category code (labels "core.category"), NULL: none */
const char *registry_category(portal_req *r, const struct portal_services *s, const char *code);
/* "孤儿、事实无人抚养儿童、...": every category title, for messages */
const char *registry_category_titles(portal_req *r, const struct portal_services *s);
/* "YYYY-MM-DD" or "YYYY/M/D" (Excel) -> out "YYYY-MM-DD"; 1 if a real date
 * from 1900 on */
int registry_date_norm(const struct portal_services *s, const char *v, char out[11]);
/* 1 when s is exactly n digits */
int registry_digits(const char *s, size_t n);

/* import.c */
int child_import_get(portal_req *r, const struct portal_services *s);
int child_import_post(portal_req *r, const struct portal_services *s);
int child_import_template_get(portal_req *r, const struct portal_services *s);
int child_import_villages_get(portal_req *r, const struct portal_services *s);

/* notice.c */
int notice_list_get(portal_req *r, const struct portal_services *s);
int notice_done_post(portal_req *r, const struct portal_services *s);
/* the loader "notice": a notice of the user's own office (404 otherwise) */
int registry_notice_load(portal_req *r, const struct portal_services *s, long long id,
                         struct portal_object *o);
const char *registry_county_code(portal_req *r, const struct portal_services *s);
/* a notice to the office of `division` (kind transfer_in or duplicate_check),
 * audited; 0 ok, -1 database error */
int registry_notice_add(portal_req *r, const struct portal_services *s, const char *division,
                        const char *kind, long long child_id, const char *summary);

/* duplicates outside the user's scope (file.c's form, list.c's import):
 * the answer, the county's notice, the hourly limit of checks that find one */
#define REGISTRY_MSG_DUP_OUTSIDE "可能存在重复档案，已提交县级核查。"
#define REGISTRY_MSG_DUP_LIMIT "一小时内查到的疑似重复档案过多，暂停查重建档，请一小时后再试；" \
                               "如需核实，请联系县民政局。"
#define REGISTRY_DUP_HITS_PER_HOUR 30
int registry_dup_left(portal_req *r, const struct portal_services *s);
int registry_dup_hit(portal_req *r, const struct portal_services *s);
int registry_dup_refuse(portal_req *r, const struct portal_services *s);
int registry_tell_county(portal_req *r, const struct portal_services *s, const char *existing,
                         const char *what);


/* registry.c: the lookup lists (portal_module.labels; kinds registry.sex,
 * .status, .category, .situation, .exit, .disability, .grade, .age, .module) */
extern const struct portal_label *registry_labels;
/* the title of code in kind, NULL when it is not one of kind's codes (what
 * validation asks; s->label answers the code itself for an unknown one) */
const char *registry_label(const char *kind, const char *code);

/* Names refuse emoji (issue 20 minors: decided to refuse rather than show
 * an empty box where a font has none; a name on a certificate or a bank
 * list cannot carry one): 1 when v holds a pictograph, a dingbat, a
 * variation selector or a zero-width joiner.  Rare CJK characters (the
 * supplementary planes used in names) are accepted. */
#define REGISTRY_MSG_EMOJI "姓名不能含表情符号等图形字符，请只填写文字。"
int registry_has_emoji(const char *v);
/* characters of valid UTF-8 (what a clerk counts) */
/* "姓名最多 30 个字。" when v is over the limit the forms declare for field
 * (child_params, or basis of a category's entry), NULL when it fits: the
 * import says what the host says to the form */
const char *registry_too_long(portal_req *r, const struct portal_services *s, const char *field,
                              const char *v);

/* parameter tables shared by routes (registry.c) */
extern const struct portal_param child_params[];
extern const struct portal_param list_params[];

#endif
