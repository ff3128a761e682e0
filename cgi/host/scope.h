/*
 * scope.h - the one scope check (issue 10 part 3).  A user's scope is a
 * division (county > township > village by code prefix, as always) or, for
 * the staff of an organisation of an org-scoped kind (sql/013_org_scopes.sql:
 * schools, hospitals, providers, institutions, police stations, NGOs), that
 * organisation: they see exactly the children linked to it by an active
 * child_org_links row, never anything by division.  Every guard of the host
 * (s->child, the route objects, child panels, the workflow) asks here.
 */
#ifndef PORTAL_SCOPE_H
#define PORTAL_SCOPE_H

#include "host.h"

/* the user's organisation when its kind is org-scoped, else 0 */
long long scope_org(const portal_req *r);
/* THE check: may the user see what concerns child_id (0: none) in the
 * division `division` (NULL: none)?  Division-scoped users: in_scope of the
 * division; org-scoped users: an active link of the child to their
 * organisation.  1 yes, 0 no (a database error is a no). */
int scope_allows(portal_req *r, const char *division, long long child_id);
/* the services scope_prefix and in_scope: a division-scoped user's code
 * prefix (NULL for none or an org-scoped user); 1 when code is under it */
const char *scope_prefix(portal_req *r);
int in_scope(portal_req *r, const char *code);
/* the service scope_villages: the villages of a village's user or a set
 * user ("a,b"; "" none today), else NULL */
const char *scope_villages(portal_req *r);

/* the services (portal_module.h, organisation scopes) */
const char *scope_svc_sql(portal_req *r, const char *alias, const char **arg1,
                          const char **arg2);
/* links.c: a child's links to organisations */
long long scope_svc_link(portal_req *r, long long child_id, long long org_id,
                         const char *relation, const char *from, const char *to,
                         const char *note);
int scope_svc_unlink(portal_req *r, long long link_id);
const char *scope_svc_error(portal_req *r);
/* issue 15: a user scoped by a set of villages (r->scope_set) */
int scope_set_has(const portal_req *r, const char *code);
const char *scope_svc_where(portal_req *r, const char *column, const char **arg);
int scope_svc_grant(portal_req *r, long long source_id, long long user_id, const char *division,
                    const char *from, const char *to);

#endif
