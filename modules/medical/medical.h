/*
 * medical.h - 医疗保障 (issue 11): shared declarations.
 * aid.c:       aid after insurance on the host's workflow (form, page,
 *              decision, settlement sheet) and the rate it applies.
 * premium.c:   premium subsidies per insurance year (list, supplement,
 *              export, confirmation import, posting to the ledger).
 * emergency.c: emergency treatment cases (hospitals, health commission).
 * insurance.c: accident and critical-illness insurance bought for children.
 * reports.c:   the reports, on a page and as CSV.
 * panel.c:     the child's file panel and the module's page of a child.
 * medical.c:   the module descriptor: routes, permissions, settings, labels.
 */
#ifndef MEDICAL_H
#define MEDICAL_H

#include "portal_module.h"

/* the categories with a medical-aid rate (settings aid_ratio_<cat>_<in|out>) */
extern const char *const medical_aid_categories[];
/* every registry category (settings premium_share_<cat>) */
extern const char *const medical_categories[];

/* medical.c */
int medical_is_label(const char *kind, const char *code);
/* 1 when code is a registry category (child_categories.category) */
int medical_category_known(const char *code);
/* the yuan text of an amount field: fen, or -1 after form_error(field) */
long long medical_fen_field(portal_req *r, const struct portal_services *s, const char *field,
                            const char *what);

/* the open (draft or reviewed) batch of the programme for month YYYY-MM,
 * or a new one: its id, 0 when refused (pay_error) */
long long medical_batch(portal_req *r, const struct portal_services *s, const char *programme,
                        const char *month);

/* aid.c */
/* the figures of an aid: the category whose rate applies, its ratio
 * (basis points) and yearly cap, the cap left, ratio x eligible, the aid */
struct aid_calc {
    const char *category;
    long long ratio, cap, cap_left, raw, aid;
};
/* the best rate (c->category, ratio, cap) of the child's categories on day
 * `on` for case_type inpatient|outpatient: 0, 1 when none has a medical-aid
 * rate that day, -1 on error */
int medical_aid_rate_of(portal_req *r, const struct portal_services *s, const char *cats,
                        const char *case_type, const char *on, struct aid_calc *c);
int medical_aid_rate(portal_req *r, const struct portal_services *s, long long child,
                     const char *case_type, const char *on, struct aid_calc *c);
/* the ledger programme of a case type: aid_in or aid_out */
const char *medical_programme_of(const char *case_type);
extern const struct portal_wf_type medical_workflows[];
extern const struct portal_param aid_params[];
extern const struct portal_param act_params[];
int home_get(portal_req *r, const struct portal_services *s);
int aid_form_get(portal_req *r, const struct portal_services *s);
int aid_create_post(portal_req *r, const struct portal_services *s);
int aid_get(portal_req *r, const struct portal_services *s);
int aid_act_post(portal_req *r, const struct portal_services *s);
int aid_batch_post(portal_req *r, const struct portal_services *s);
int aid_sheet_get(portal_req *r, const struct portal_services *s);
int aid_receipt_get(portal_req *r, const struct portal_services *s);
int hospital_list_get(portal_req *r, const struct portal_services *s);
int hospital_account_post(portal_req *r, const struct portal_services *s);
extern const struct portal_param account_params[];

/* premium.c */
extern const struct portal_param year_params[];
extern const struct portal_param import_params[];
extern const struct portal_param tier_params[];
int premium_list_get(portal_req *r, const struct portal_services *s);
int premium_generate_post(portal_req *r, const struct portal_services *s);
int premium_supplement_post(portal_req *r, const struct portal_services *s);
int premium_export_get(portal_req *r, const struct portal_services *s);
int premium_import_post(portal_req *r, const struct portal_services *s);
int premium_post_post(portal_req *r, const struct portal_services *s);
int child_tier_post(portal_req *r, const struct portal_services *s);

/* emergency.c */
extern const struct portal_param emergency_params[];
extern const struct portal_param cost_params[];
extern const struct portal_param identify_params[];
int emergency_list_get(portal_req *r, const struct portal_services *s);
int emergency_create_post(portal_req *r, const struct portal_services *s);
int emergency_get(portal_req *r, const struct portal_services *s);
int emergency_cost_post(portal_req *r, const struct portal_services *s);
int emergency_identify_post(portal_req *r, const struct portal_services *s);
int emergency_load(portal_req *r, const struct portal_services *s, long long id,
                   struct portal_object *o);

/* insurance.c */
extern const struct portal_param policy_params[];
extern const struct portal_param insured_params[];
extern const struct portal_param claim_params[];
int policy_list_get(portal_req *r, const struct portal_services *s);
int policy_create_post(portal_req *r, const struct portal_services *s);
int policy_get(portal_req *r, const struct portal_services *s);
int policy_children_post(portal_req *r, const struct portal_services *s);
int claim_create_post(portal_req *r, const struct portal_services *s);
int claim_outcome_post(portal_req *r, const struct portal_services *s);
int policy_load(portal_req *r, const struct portal_services *s, long long id,
                struct portal_object *o);

/* reports.c */
extern const struct portal_param report_params[];
int report_get(portal_req *r, const struct portal_services *s);
int report_csv_get(portal_req *r, const struct portal_services *s);

/* panel.c */
extern const char *const medical_panel_tables[];
int medical_child_panel(portal_req *r, const struct portal_services *s, long long child,
                        const char *prefix);
int child_get(portal_req *r, const struct portal_services *s);

#endif
