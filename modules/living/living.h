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
int living_home(portal_req *r, const struct portal_services *s);
int apply_form(portal_req *r, const struct portal_services *s);
int apply_submit(portal_req *r, const struct portal_services *s);
int application_view(portal_req *r, const struct portal_services *s);
int application_act(portal_req *r, const struct portal_services *s);
int overdue_list(portal_req *r, const struct portal_services *s);

/* pay.c */
extern const struct portal_param rate_params[];
extern const struct portal_param month_params[];
extern const struct portal_param adjust_params[];
extern const struct portal_param suspend_params[];
extern const struct portal_param account_params[];
int rates_page(portal_req *r, const struct portal_services *s);
int rate_add(portal_req *r, const struct portal_services *s);
int months_page(portal_req *r, const struct portal_services *s);
int month_generate(portal_req *r, const struct portal_services *s);
int month_view(portal_req *r, const struct portal_services *s);
int month_review(portal_req *r, const struct portal_services *s);
int month_lock(portal_req *r, const struct portal_services *s);
int month_adjust(portal_req *r, const struct portal_services *s);
int month_bank_file(portal_req *r, const struct portal_services *s);
int month_summary(portal_req *r, const struct portal_services *s);
int grant_suspend(portal_req *r, const struct portal_services *s);
int grant_resume(portal_req *r, const struct portal_services *s);
int account_save(portal_req *r, const struct portal_services *s);
int rechecks_page(portal_req *r, const struct portal_services *s);
int child_living_page(portal_req *r, const struct portal_services *s);
/* the 生活保障 section of the child's file (portal_child_panel.fill) */
int living_child_panel(portal_req *r, const struct portal_services *s, long long child,
                       const char *prefix);
extern const struct portal_param recheck_params[];
int recheck_done(portal_req *r, const struct portal_services *s);
/* for the module home: the current month's totals as prefix.{children,amount_fen,...}; 0 ok */
int living_month_totals_hdf(portal_req *r, const struct portal_services *s, const char *prefix);
/* generate one month's regular lines for every open grant (idempotent);
 * returns the number of lines added or -1 (used by the bench too) */
long long living_generate(portal_req *r, const struct portal_services *s, const char *month);

#endif
