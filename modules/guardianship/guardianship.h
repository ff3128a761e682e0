/* guardianship - 监护与安全保护: the module's shared declarations. */
#ifndef GUARDIANSHIP_H
#define GUARDIANSHIP_H

#include "portal_module.h"

/* What the user may know of a report (need-to-know, issue 13 item 6), from
 * least to most.  GD_NONE: nothing, not even that it exists. */
enum gd_access {
    GD_NONE = 0,
    GD_REPORTER, /* the reporter and their organisation: the report as filed, its stage */
    GD_INTAKE,   /* a township protection worker of its division, not yet on the case */
    GD_POLICE,   /* the police station it was sent to: the report and the child */
    GD_WORKER,   /* an assigned case worker: the whole case but the reporter */
    GD_COUNTY    /* the county child-protection staff: everything, the reporter too */
};

/* a loaded report (the "report" route object's data) */
struct gd_report {
    long long id;
    long long child_id;        /* 0: unidentified */
    const char *division;      /* the child's current village, or the place */
    const char *stage;
    int access;                /* enum gd_access */
};

/* access.c */
int gd_access_of(portal_req *r, const struct portal_services *s, long long id,
                 struct gd_report *out);
const char *gd_list_sql(portal_req *r, const struct portal_services *s, const char **arg);
int gd_is_police(portal_req *r, const struct portal_services *s);
int gd_police_or_staff(portal_req *r, const struct portal_services *s, const char *police_org,
                       const char *division, struct portal_object *o);
extern const struct portal_loader gd_loaders[];

/* util.c */
const char *gd_id(portal_req *r, const struct portal_services *s, long long id);
int gd_is_label(portal_req *r, const struct portal_services *s, const char *kind,
                const char *code);
long long gd_task(portal_req *r, const struct portal_services *s, long long report,
                  long long child, const char *division, const char *step, const char *level,
                  const char *perm, int hours);
const char *gd_step_done(portal_req *r, const struct portal_services *s, long long report,
                         const char *step, const char *outcome);
int gd_event(portal_req *r, const struct portal_services *s, long long report, const char *kind,
             const char *notes, const char *visit_date);
const char *gd_dec(portal_req *r, const struct portal_services *s, portal_rows *q,
                   const char *col);
int gd_hours(portal_req *r, const struct portal_services *s, const char *code, int per_day);
int gd_places_hdf(portal_req *r, const struct portal_services *s);
int gd_institutions_hdf(portal_req *r, const struct portal_services *s);

/* report.c */
extern const struct portal_param gd_new_params[], gd_report_params[];
int report_new_get(portal_req *r, const struct portal_services *s);
int report_create_post(portal_req *r, const struct portal_services *s);

/* case.c */
extern const struct portal_param gd_list_params[], gd_assign_params[], gd_safety_params[],
    gd_assess_params[], gd_plan_params[], gd_visit_params[], gd_close_params[],
    gd_identify_params[];
int report_list_get(portal_req *r, const struct portal_services *s);
int report_get(portal_req *r, const struct portal_services *s);
int report_take_post(portal_req *r, const struct portal_services *s);
int report_assign_post(portal_req *r, const struct portal_services *s);
int report_police_post(portal_req *r, const struct portal_services *s);
int report_safety_post(portal_req *r, const struct portal_services *s);
int report_assess_post(portal_req *r, const struct portal_services *s);
int report_plan_post(portal_req *r, const struct portal_services *s);
int report_visit_post(portal_req *r, const struct portal_services *s);
int report_close_post(portal_req *r, const struct portal_services *s);
int report_identify_post(portal_req *r, const struct portal_services *s);
const struct gd_report *gd_report_of(portal_req *r, const struct portal_services *s);
int gd_step_refused(portal_req *r, const struct portal_services *s, const struct gd_report *g,
                    const char *stage);
int gd_done(portal_req *r, const struct portal_services *s, long long id, const char *msg);

/* placement.c */
extern const struct portal_param gd_on_params[], gd_placement_params[], gd_guardian_params[],
    gd_guardian_end_params[], gd_review_params[];
int guardian_review_post(portal_req *r, const struct portal_services *s);
int child_care_get(portal_req *r, const struct portal_services *s);
int placement_create_post(portal_req *r, const struct portal_services *s);
int guardian_create_post(portal_req *r, const struct portal_services *s);
int guardian_end_post(portal_req *r, const struct portal_services *s);
int gd_guardian_on(portal_req *r, const struct portal_services *s, long long child,
                   const char *day, const char *prefix);
const char *gd_exit_reason(const char *end_reason);
int gd_adult_job(portal_req *r, const struct portal_services *s);

/* stats.c */
extern const struct portal_param gd_stats_params[];
int stats_get(portal_req *r, const struct portal_services *s);
int stats_xlsx_get(portal_req *r, const struct portal_services *s);

/* detention.c */
extern const struct portal_param gd_detention_params[], gd_det_care_params[],
    gd_det_close_params[];
int gd_detention_load(portal_req *r, const struct portal_services *s, long long id,
                      struct portal_object *o);
int detention_list_get(portal_req *r, const struct portal_services *s);
int detention_create_post(portal_req *r, const struct portal_services *s);
int detention_get(portal_req *r, const struct portal_services *s);
int detention_care_post(portal_req *r, const struct portal_services *s);
int detention_close_post(portal_req *r, const struct portal_services *s);
int detention_receive_post(portal_req *r, const struct portal_services *s);

/* referral.c */
extern const struct portal_param gd_referral_params[], gd_outcome_params[];
int gd_referral_load(portal_req *r, const struct portal_services *s, long long id,
                     struct portal_object *o);
int referral_list_get(portal_req *r, const struct portal_services *s);
int referral_create_post(portal_req *r, const struct portal_services *s);
int referral_ack_post(portal_req *r, const struct portal_services *s);
int referral_outcome_post(portal_req *r, const struct portal_services *s);

/* panel.c */
extern const struct portal_child_panel gd_child_panels[];

#endif
