/* emergency.c - stub */
#include "medical.h"
const struct portal_param emergency_params[] = {{NULL, 0, 0, 0, NULL}};
const struct portal_param cost_params[] = {{NULL, 0, 0, 0, NULL}};
const struct portal_param identify_params[] = {{NULL, 0, 0, 0, NULL}};
int emergency_list_get(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int emergency_create_post(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int emergency_get(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int emergency_cost_post(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int emergency_identify_post(portal_req *r, const struct portal_services *s) { (void)r; (void)s; return 404; }
int emergency_load(portal_req *r, const struct portal_services *s, long long id, struct portal_object *o) { (void)r; (void)s; (void)id; (void)o; return 404; }
