/*
 * disclose.h - exports of personal data and the sharing register (issue 19;
 * disclose.c).
 */
#ifndef PORTAL_DISCLOSE_H
#define PORTAL_DISCLOSE_H

#include "host.h"

/* the service export_begin */
int export_svc_begin(portal_req *r, const struct portal_export *e);
/* the service export_row: one row of the file going out, its child (0: none) */
void export_svc_row(portal_req *r, long long child_id);
/* after the request's transaction ended (request.c): the register's row of
 * the export the request sent (rows written; failed when the handler
 * answered status >= 400) and the children it held, in a transaction of
 * their own; nothing without an export */
void export_settle(portal_req *r, int status);
/* the sharing register's row of a new child_link: 0, -1 */
int disclose_link(portal_req *r, long long child_id, long long org_id, const char *org_name,
                  const char *relation_title, long long link_id, const char *module);

#endif
