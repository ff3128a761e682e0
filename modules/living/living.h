/*
 * living.h - 基本生活保障: shared declarations.
 * apply.c:  applications on the host's workflow (types, steps, on_done), the
 *           module home, the overdue list.
 * pay.c:    monthly payments on the payments ledger (generate, back pay,
 *           corrections), the rates as dated settings.
 * grants.c: suspension and resumption, bank accounts (ledger payees), re-checks.
 * child.c:  the child's benefits page and the child's file panel.
 * report.c: the monthly statistical report (月报), page and .xlsx.
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
int home_page(portal_req *r, const struct portal_services *s, int status);
int application_batch_post(portal_req *r, const struct portal_services *s);
int apply_form_get(portal_req *r, const struct portal_services *s);
int apply_create_post(portal_req *r, const struct portal_services *s);
int application_get(portal_req *r, const struct portal_services *s);
int application_act_post(portal_req *r, const struct portal_services *s);
int overdue_list_get(portal_req *r, const struct portal_services *s);

/* pay.c: months on the payments ledger (one batch per month) */
extern const struct portal_param month_params[];
extern const struct portal_param adjust_params[];
extern const char *const LIVING_MSG_LOCKED;
int pay_month_list_get(portal_req *r, const struct portal_services *s);
int pay_month_generate_post(portal_req *r, const struct portal_services *s);
int pay_month_get(portal_req *r, const struct portal_services *s);
int pay_month_adjust_post(portal_req *r, const struct portal_services *s);
/* months.c: a form's "YYYY-MM" as "YYYY-MM-01", NULL when it is not a real month */
const char *living_month_first(portal_req *r, const struct portal_services *s, const char *ym);
/* the first of the current month */
const char *living_this_month(portal_req *r, const struct portal_services *s);
/* the ledger batch of a month ("YYYY-MM-01") with its status: the id, 0
 * never generated, -1 on an error */
long long living_month_batch(portal_req *r, const struct portal_services *s, const char *month,
                             const char **status);
/* 1 when a batch of that status still takes lines (draft, reviewed) */
int living_batch_open(const char *status);
/* a grant's monthly amount in fen in force on `on` (YYYY-MM-DD): its rate
 * setting "<benefit>_<subtype>", plus the care supplement (tekun) or the
 * child supplement (dibao); 0 when no rate is set */
long long living_monthly_fen(portal_req *r, const struct portal_services *s, const char *benefit,
                             const char *subtype, const char *care, const char *on);
/* posts into `batch` the lines owed for for_month ("YYYY-MM-01") to every
 * grant in scope (grant_id 0) or one; reason NULL: "<benefit> YYYY-MM".
 * The count posted, -1 (pay_error may say why) */
long long living_post_owed(portal_req *r, const struct portal_services *s, long long batch,
                           const char *for_month, long long grant_id, const char *reason);
/* a grant just approved: its months already generated are paid now (a
 * locked month's as back pay into the next open month; the approver is
 * told).  0, -1 */
int living_grant_post_due(portal_req *r, const struct portal_services *s, long long grant_id,
                          long long child_id, const char *title);
/* for the module home: the current month's totals as prefix.{children,lines,amount_fen,status,batch} */
int living_month_totals_hdf(portal_req *r, const struct portal_services *s, const char *prefix);

/* report.c: 月报 by township and benefit, a page and its .xlsx */
extern const struct portal_param report_params[];
int report_get(portal_req *r, const struct portal_services *s);
int report_xlsx_get(portal_req *r, const struct portal_services *s);

/* grants.c: suspension, accounts, re-checks */
extern const struct portal_param suspend_params[];
extern const struct portal_param account_params[];
extern const struct portal_param recheck_params[];
int grant_suspend_post(portal_req *r, const struct portal_services *s);
int grant_resume_post(portal_req *r, const struct portal_services *s);
int grant_stop_post(portal_req *r, const struct portal_services *s);
int child_account_post(portal_req *r, const struct portal_services *s);
int recheck_list_get(portal_req *r, const struct portal_services *s);
int recheck_done_post(portal_req *r, const struct portal_services *s);
/* the loader of "grant:id": a grant, in scope through its child's village */
int grant_load(portal_req *r, const struct portal_services *s, long long id,
               struct portal_object *o);
/* a grant named in a form field: 0 with its child, or the status answered
 * (404, audited when it exists outside the user's scope) */
int living_grant_of_form(portal_req *r, const struct portal_services *s, long long id,
                         long long *child_id);

/* child.c: the child's benefits page and the 生活保障 section of the file */
int child_get(portal_req *r, const struct portal_services *s);
extern const char *const living_panel_tables[];
int living_child_panel(portal_req *r, const struct portal_services *s, long long child,
                       const char *prefix);

#endif
