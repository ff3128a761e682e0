/* rehab - 残疾儿童康复: what the module's files share. */
#ifndef REHAB_H
#define REHAB_H

#include "portal_module.h"

/* the six screening domains, in the order of the grid and the import */
#define REHAB_DOMAINS 6
extern const char *const rehab_domains[REHAB_DOMAINS];

/* rehab.c */
const char *rehab_id(portal_req *r, const struct portal_services *s, long long id);
int rehab_is_label(const char *kind, const char *code);
int rehab_org_user(portal_req *r, const struct portal_services *s);
long long rehab_batch(portal_req *r, const struct portal_services *s, const char *programme,
                      const char *title);
long long rehab_payee(portal_req *r, const struct portal_services *s, long long org_id);
int rehab_load_own(portal_req *r, const struct portal_services *s, const char *sql,
                   long long id, struct portal_object *o);
int rehab_org_of_kind(portal_req *r, const struct portal_services *s, long long org_id,
                      const char *kind);

/* one child's results, as saved (screen.c, import.c) */
struct scr {
    long long child_id;           /* 0: not in the registry */
    const char *name, *sex, *birth, *village, *id_hmac;
    const void *id_enc;
    size_t id_len;
    int d[REHAB_DOMAINS];         /* 1 suspected */
    const char *id;               /* import: the ID number until it is encrypted */
    const char *why;              /* import: why the row is refused, NULL if not */
    long line;                    /* import: the sheet's row number */
};

/* the round's township and day (the route's object) */
struct round {
    long long id;
    const char *township, *day;
    const char **villages;        /* the township's village codes */
    int nvillages;
};

/* screen.c: rounds, the grid, the import, minimal records */
extern const struct portal_param round_params[], grid_params[], import_params[],
    screenee_params[];
int home_get(portal_req *r, const struct portal_services *s);
int home_page(portal_req *r, const struct portal_services *s, int status);
int round_create_post(portal_req *r, const struct portal_services *s);
int round_get(portal_req *r, const struct portal_services *s);
int round_grid_post(portal_req *r, const struct portal_services *s);
int round_screenee_post(portal_req *r, const struct portal_services *s);
int round_link_post(portal_req *r, const struct portal_services *s);
int rehab_round_of(portal_req *r, const struct portal_services *s, struct round *rd);
int rehab_screen_save(portal_req *r, const struct portal_services *s, long long round_id,
                      const struct scr *x);
const char *rehab_screen_fields(portal_req *r, const struct portal_services *s,
                                const struct round *rd, const struct scr *x);
int round_load(portal_req *r, const struct portal_services *s, long long id,
               struct portal_object *o);

/* import.c: the spreadsheet import, all or nothing, in batches */
int round_import_post(portal_req *r, const struct portal_services *s);

/* refer.c: referrals, diagnosis, the subsidy, 明天计划 */
extern const struct portal_param refer_params[], result_params[];
int screening_load(portal_req *r, const struct portal_services *s, long long id,
                   struct portal_object *o);
int referral_load(portal_req *r, const struct portal_services *s, long long id,
                  struct portal_object *o);
int screening_refer_post(portal_req *r, const struct portal_services *s);
int rehab_lapse_job(portal_req *r, const struct portal_services *s);
long long rehab_default_hospital(portal_req *r, const struct portal_services *s);
long long rehab_route_default(portal_req *r, const struct portal_services *s, long long child_id,
                              long long round_id);
int referral_list_get(portal_req *r, const struct portal_services *s);
int referral_get(portal_req *r, const struct portal_services *s);
int referral_result_post(portal_req *r, const struct portal_services *s);
int referral_subsidy_post(portal_req *r, const struct portal_services *s);
int tomorrow_list_get(portal_req *r, const struct portal_services *s);
int tomorrow_refer_post(portal_req *r, const struct portal_services *s);

/* aid.c: providers, the application on the workflow, plans */
extern const struct portal_wf_type rehab_workflows[];
extern const struct portal_param provider_params[], apply_params[], act_params[];
int provider_list_get(portal_req *r, const struct portal_services *s);
int provider_save_post(portal_req *r, const struct portal_services *s);
int apply_form_get(portal_req *r, const struct portal_services *s);
int apply_create_post(portal_req *r, const struct portal_services *s);
int application_get(portal_req *r, const struct portal_services *s);
int application_act_post(portal_req *r, const struct portal_services *s);
int application_batch_post(portal_req *r, const struct portal_services *s);

/* provider.c: the provider's months, the settlement against plan and cap */
extern const struct portal_param month_params[];
int plan_load(portal_req *r, const struct portal_services *s, long long id,
              struct portal_object *o);
int plan_month_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o);
int provider_home_get(portal_req *r, const struct portal_services *s);
int plan_get(portal_req *r, const struct portal_services *s);
int plan_month_post(portal_req *r, const struct portal_services *s);
int claim_list_get(portal_req *r, const struct portal_services *s);
int claim_settle_post(portal_req *r, const struct portal_services *s);

/* cert.c: disability certificates, the child's panel and page */
extern const struct portal_param cert_params[];
int certificate_create_post(portal_req *r, const struct portal_services *s);
int certificate_list_get(portal_req *r, const struct portal_services *s);
extern const char *const rehab_panel_tables[];
int rehab_child_panel(portal_req *r, const struct portal_services *s, long long child,
                      const char *prefix);
int child_get(portal_req *r, const struct portal_services *s);

/* report.c */
extern const struct portal_param report_params[];
int report_get(portal_req *r, const struct portal_services *s);
int report_coverage_xlsx_get(portal_req *r, const struct portal_services *s);

#endif
