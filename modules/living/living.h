/*
 * living.h - 基本生活保障: shared declarations.
 * apply.c:  applications on the host's workflow (types, steps, on_done), the
 *           module home, the overdue list.
 * pay.c:    rates, grants (suspend/resume), bank accounts, monthly payments,
 *           the bank file, the printable summary, re-checks.
 * living.c: the module descriptor: routes, permissions, labels, loaders.
 */
#ifndef LIVING_H
#define LIVING_H

#include "portal_module.h"

/* the application types' titles: the workflow's and the labels' */
#define LIVING_T_DIBAO "低保家庭儿童"
#define LIVING_T_TEKUN "特困人员救助供养"
#define LIVING_T_ORPHAN "孤儿基本生活费"
#define LIVING_T_DEFACTO "事实无人抚养儿童基本生活费"
#define LIVING_T_TEMPORARY "临时救助"

/* living.c: 1 when code is one of the labels of kind */
int living_label_known(portal_req *r, const struct portal_services *s, const char *kind,
                       const char *code);

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
extern const struct portal_param recheck_params[];
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
int child_get(portal_req *r, const struct portal_services *s);
int child_account_post(portal_req *r, const struct portal_services *s);
int recheck_list_get(portal_req *r, const struct portal_services *s);
int recheck_done_post(portal_req *r, const struct portal_services *s);
/* the loader of "grant:id": a grant, in scope through its child's village */
int grant_load(portal_req *r, const struct portal_services *s, long long id,
               struct portal_object *o);
/* the 生活保障 section of the child's file (portal_child_panel.fill) */
int living_child_panel(portal_req *r, const struct portal_services *s, long long child,
                       const char *prefix);
/* for the module home: the current month's totals as prefix.{children,lines,amount_fen,status} */
int living_month_totals_hdf(portal_req *r, const struct portal_services *s, const char *prefix);

#endif
