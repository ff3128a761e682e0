/*
 * living.h - 基本生活保障: shared declarations.
 * apply.c: applications on the host's workflow (types, steps, on_done), the
 *          module home, the overdue list.
 * pay.c:   rates, grants (suspend/resume), bank accounts, monthly payments,
 *          the bank file, the printable summary, re-checks.
 * living.c: the module descriptor.
 */
#ifndef LIVING_H
#define LIVING_H

#include "portal_module.h"

/* apply.c */
extern const struct portal_wf_type living_workflows[];
extern const struct portal_param apply_params[];
extern const struct portal_param act_params[];
int home_get(portal_req *r, const struct portal_services *s);
int apply_form_get(portal_req *r, const struct portal_services *s);
int apply_create_post(portal_req *r, const struct portal_services *s);
int application_get(portal_req *r, const struct portal_services *s);
int application_act_post(portal_req *r, const struct portal_services *s);
int overdue_list_get(portal_req *r, const struct portal_services *s);

/* pay.c */
extern const struct portal_param rate_params[];
extern const struct portal_param month_params[];
extern const struct portal_param adjust_params[];
extern const struct portal_param suspend_params[];
extern const struct portal_param account_params[];
int rate_list_get(portal_req *r, const struct portal_services *s);
int rate_create_post(portal_req *r, const struct portal_services *s);
int pay_month_list_get(portal_req *r, const struct portal_services *s);
int pay_month_generate_post(portal_req *r, const struct portal_services *s);
int pay_month_get(portal_req *r, const struct portal_services *s);
int pay_month_review_post(portal_req *r, const struct portal_services *s);
int pay_month_lock_post(portal_req *r, const struct portal_services *s);
int pay_month_adjust_post(portal_req *r, const struct portal_services *s);
int pay_month_bank_file_get(portal_req *r, const struct portal_services *s);
int pay_month_summary_get(portal_req *r, const struct portal_services *s);
int grant_suspend_post(portal_req *r, const struct portal_services *s);
int grant_resume_post(portal_req *r, const struct portal_services *s);
int child_account_post(portal_req *r, const struct portal_services *s);
int recheck_list_get(portal_req *r, const struct portal_services *s);
int child_get(portal_req *r, const struct portal_services *s);
/* the 生活保障 section of the child's file (portal_child_panel.fill) */
int living_child_panel(portal_req *r, const struct portal_services *s, long long child,
                       const char *prefix);
extern const struct portal_param recheck_params[];
int recheck_done_post(portal_req *r, const struct portal_services *s);
/* for the module home: the current month's totals as prefix.{children,amount_fen,...}; 0 ok */
int living_month_totals_hdf(portal_req *r, const struct portal_services *s, const char *prefix);

#endif
