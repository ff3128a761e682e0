/*
 * pay.h - the payments ledger's services (portal_module.h, "payments";
 * issue 10 part 1; tables in sql/016_payments.sql).
 */
#ifndef PORTAL_PAY_H
#define PORTAL_PAY_H

#include "host.h"

long long pay_svc_batch_open(portal_req *r, const char *programme, const char *period,
                             const char *title);
long long pay_svc_payee_account(portal_req *r, long long child_id, const char *holder,
                                const char *bank, const char *account);
long long pay_svc_payee_org(portal_req *r, long long org_id, const char *bank,
                            const char *account);
long long pay_svc_line(portal_req *r, const struct portal_pay_line *line);
int pay_svc_cap_left(portal_req *r, long long child_id, const char *programme, int year,
                     long long cap_fen, long long *left);
const char *pay_svc_error(portal_req *r);
long long pay_svc_lines_select(portal_req *r, long long batch_id, const char *select,
                               const char *types, ...);

#endif
