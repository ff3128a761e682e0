/*
 * child.h - the child's file is the core's (2.0): children, child_family,
 * child_categories and child_events are core tables (sql/012_child_core.sql)
 * and no other host file reads them.
 */
#ifndef PORTAL_CHILD_H
#define PORTAL_CHILD_H

#include "host.h"

/* the national names of the categories: the core's labels "core.category" */
extern const struct portal_label child_category_labels[];

/* the child's core record, or NULL (absent, or a database error); no scope
 * check, no audit: for the host's own checks */
const struct portal_child *child_load(portal_req *r, long long id);
/* the same for a route's object: on a GET the flags of child_has ride on
 * the row (no statement of their own) */
const struct portal_child *child_load_route(portal_req *r, long long id);
/* the service child_has (2.14): 1 the child has rows in the declared
 * table (or it is not declared), 0 none, -1 a database error */
int child_has(portal_req *r, long long child_id, const char *table);
/* whether the child has a mark "family@value" of a family kept by triggers
 * (child_mark_tables lists "family@"; sql/044: "pay_lines@<source_module>"):
 * 1 yes (or the family is not kept: the caller reads), 0 no, -1 a database
 * error.  Read with child_has's flags (no statement on a GET's route child) */
int child_has_mark(portal_req *r, long long child_id, const char *mark);
/* portalctl migrate (sql/041): the marks of every declared table not yet
 * listed in child_mark_tables (triggers, the rows already there); *added the
 * tables listed now.  0 ok, -1 with err */
int child_marks_install(arena *a, int *added, char *err, size_t errlen);
/* the fields of struct portal_child into HDF prefix.* */
void child_put_hdf(portal_req *r, const char *prefix, const struct portal_child *c);
/* a timeline row of `module` in the request's transaction, without an
 * audit row (the caller audits): 0 ok, -1 */
int child_event_write(portal_req *r, const char *module, long long child_id, const char *kind,
                      const char *summary);

/* the services (portal_module.h) */
const struct portal_child *child_svc_get(portal_req *r, long long child_id);
int child_svc_event(portal_req *r, long long child_id, const char *kind, const char *summary);
int child_svc_category(portal_req *r, long long child_id, const char *category, int enter,
                       const char *date, const char *basis);
/* gaps: the core columns and category exits with a reason code */
int child_svc_core_set(portal_req *r, long long child_id, const struct portal_child_core *f,
                       const char *why);
int child_svc_category_exit(portal_req *r, long long child_id, const char *category,
                            const char *date, const char *reason, const char *note);
const char *child_svc_error(portal_req *r);
/* dupsa: an application form's child picker (Found, Form.q) */
int child_svc_pick(portal_req *r, long long child_id, const char *q);
int child_svc_row_hdf(portal_req *r, long long child_id, const char *prefix, int *has_notes);
/* the services child_categories_on and child_opened (2.27) */
const char *child_svc_categories_on(portal_req *r, long long child_id, const char *on);
const char *child_svc_opened(portal_req *r, long long child_id);

#endif
