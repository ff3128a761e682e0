/* premium.c - stub */
#include "medical.h"
const struct portal_param year_params[] = {{NULL, 0, 0, 0, NULL}};
const struct portal_param import_params[] = {{NULL, 0, 0, 0, NULL}};
const struct portal_param tier_params[] = {{NULL, 0, 0, 0, NULL}};
int premium_list_get(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int premium_generate_post(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int premium_supplement_post(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int premium_export_get(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int premium_import_post(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int premium_post_post(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int child_tier_post(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
