/*
 * education.h - shared declarations of the 教育保障 module (issue 12).
 */
#ifndef EDUCATION_H
#define EDUCATION_H

#include "portal_module.h"

typedef const struct portal_services svc;

/* one enrolment change (edu_enrol) */
struct edu_enrol {
    long long child_id;
    long long org_id;          /* the school; 0 for mode none / exempt */
    const char *semester;      /* YYYY-1 / YYYY-2 */
    const char *grade, *class_name, *mode, *hukou_place, *note;
    int boarding, migrant;
    const char *source;        /* "form" or "roll" */
    long long import_id;       /* 0: none */
};

/* education.c */
const char *edu_semester(portal_req *r, svc *s, const char *day);
int edu_semester_ok(const char *sem);
const char *edu_school_year_ref(portal_req *r, svc *s);
void edu_age_bounds(portal_req *r, svc *s, const char **after, const char **upto);
long long edu_own_school(portal_req *r, svc *s);
int edu_manager(portal_req *r, svc *s);
int edu_staff(portal_req *r, svc *s);
int edu_module_on(portal_req *r, svc *s, const char *name);
int edu_known(portal_req *r, svc *s, const char *kind, const char *code);
const char *edu_id(portal_req *r, svc *s, long long id);
void edu_set_cols(portal_req *r, svc *s, const char *prefix, const char *const *cols, int n);

/* enrol.c */
int edu_enrol(portal_req *r, svc *s, const struct edu_enrol *e, const char **why);
int school_list_get(portal_req *r, svc *s);
int school_create_post(portal_req *r, svc *s);
int school_get(portal_req *r, svc *s);
int school_update_post(portal_req *r, svc *s);
int school_load(portal_req *r, svc *s, long long id, struct portal_object *o);
int child_get(portal_req *r, svc *s);
int child_enrol_post(portal_req *r, svc *s);
int child_support_post(portal_req *r, svc *s);
extern const struct portal_param school_params[], enrol_params[], support_params[];

/* roll.c */
int roll_list_get(portal_req *r, svc *s);
int roll_import_post(portal_req *r, svc *s);
int roll_get(portal_req *r, svc *s);
int roll_load(portal_req *r, svc *s, long long id, struct portal_object *o);
extern const struct portal_param roll_params[];

/* dropout.c */
extern const struct portal_wf_type edu_workflows[];
int dropout_list_get(portal_req *r, svc *s);
int dropout_scan_post(portal_req *r, svc *s);
int dropout_get(portal_req *r, svc *s);
int dropout_act_post(portal_req *r, svc *s);
int dropout_batch_post(portal_req *r, svc *s);
int child_absent_post(portal_req *r, svc *s);
int report_get(portal_req *r, svc *s);
extern const struct portal_param act_params[], absent_params[], scan_params[], report_params[];

/* ledger.c */
int edu_child_panel(portal_req *r, svc *s, long long child_id, const char *prefix);
extern const char *const edu_panel_tables[];
int disabled_list_get(portal_req *r, svc *s);
int disabled_export_get(portal_req *r, svc *s);
int migrant_list_get(portal_req *r, svc *s);
int counselling_get(portal_req *r, svc *s);
int counselling_post(portal_req *r, svc *s);
extern const struct portal_param counsel_params[];

/* aid.c */
int aid_list_get(portal_req *r, svc *s);
int aid_generate_post(portal_req *r, svc *s);
int aid_load(portal_req *r, svc *s, long long id, struct portal_object *o);
int aid_get(portal_req *r, svc *s);
int aid_review_post(portal_req *r, svc *s);
int aid_approve_post(portal_req *r, svc *s);
int school_account_post(portal_req *r, svc *s);
extern const struct portal_param aid_params[], review_params[], account_params[];

#endif
