/*
 * settings.h - the settings module's shared parts (settings.c).
 */
#ifndef SETTINGS_MOD_H
#define SETTINGS_MOD_H

#include "portal_module.h"


/* an enabled module that has administrators (not the house's own modules),
 * by name; NULL otherwise */
const struct portal_module *module_named(portal_req *r, const struct portal_services *s,
                                         const char *name);
/* the module of the path {module} when the user administers it, else NULL
 * with *status the refusal already answered (404, audited) */
const struct portal_module *module_of_path(portal_req *r, const struct portal_services *s,
                                           int *status);
/* a user id by username (active accounts only), 0 when none */
long long user_by_name(portal_req *r, const struct portal_services *s, const char *username);

/* the module's page (values.c): its settings, lookups and grants; the
 * handlers of lookups.c answer a refused form with it */
int module_page(portal_req *r, const struct portal_services *s, const struct portal_module *m);
int module_get(portal_req *r, const struct portal_services *s);
int value_post(portal_req *r, const struct portal_services *s);
/* lookups.c */
int lookup_add_post(portal_req *r, const struct portal_services *s);
int lookup_retire_post(portal_req *r, const struct portal_services *s);
/* grants.c: module administrators (the system administrator) and the
 * module's working permissions (its administrators) */
int admins_get(portal_req *r, const struct portal_services *s);
int admin_add_post(portal_req *r, const struct portal_services *s);
int admin_remove_post(portal_req *r, const struct portal_services *s);
int index_get(portal_req *r, const struct portal_services *s);
int grants_hdf(portal_req *r, const struct portal_services *s, const struct portal_module *m);
int grant_post(portal_req *r, const struct portal_services *s);
int revoke_post(portal_req *r, const struct portal_services *s);

#endif
