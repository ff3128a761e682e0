/*
 * disclose.h - exports of personal data and the sharing register (issue 19;
 * disclose.c).
 */
#ifndef PORTAL_DISCLOSE_H
#define PORTAL_DISCLOSE_H

#include "host.h"

/* the service export_begin */
int export_svc_begin(portal_req *r, const struct portal_export *e);
/* the sharing register's row of a new child_link: 0, -1 */
int disclose_link(portal_req *r, long long child_id, long long org_id, const char *org_name,
                  const char *relation_title, long long link_id, const char *module);

#endif
