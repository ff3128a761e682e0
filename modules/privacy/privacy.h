/*
 * privacy.h - children's personal information (issue 19): shared declarations.
 * exports.c: the export register (/privacy/exports), a request's page, its
 *            approval or refusal by a second county-level person, and the
 *            one download of an approved request.
 * sharing.c: the sharing register on the child's file (a child panel).
 * retention.c: retention and archival: the job, the dry run, legal holds.
 * copy.c:    the guardian's copy (PIPL art. 45): the request recorded, the
 *            printable answer, protected parts left out by one rule.
 * privacy.c: the module descriptor: routes, permissions, settings, loaders.
 */
#ifndef PRIVACY_H
#define PRIVACY_H

#include "portal_module.h"

typedef const struct portal_services svc;

/* privacy.c: an id as text (audit rows, notices) */
const char *privacy_id(portal_req *r, svc *s, long long id);

/* exports.c */
extern const struct portal_param export_list_params[];
extern const struct portal_param decide_params[];
int export_load(portal_req *r, svc *s, long long id, struct portal_object *o);
int export_list_get(portal_req *r, svc *s);
int export_get(portal_req *r, svc *s);
int export_approve_post(portal_req *r, svc *s);
int export_reject_post(portal_req *r, svc *s);

/* sharing.c */
int sharing_panel_fill(portal_req *r, svc *s, long long child_id, const char *prefix);
extern const char *const sharing_panel_tables[];

/* copy.c */
extern const struct portal_param copy_params[];
int copy_form_get(portal_req *r, svc *s);
int copy_create_post(portal_req *r, svc *s);
int copy_load(portal_req *r, svc *s, long long id, struct portal_object *o);
int copy_get(portal_req *r, svc *s);

/* retention.c */
extern const struct portal_param hold_params[];
int retention_job(portal_req *r, svc *s);
/* the core's tables dropped with an archived file (portal_module.retention) */
extern const struct portal_retention privacy_retention[];
int retention_get(portal_req *r, svc *s);
int retention_hold_post(portal_req *r, svc *s);

#endif
