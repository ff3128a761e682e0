/*
 * workflow.h - the workflow service (ABI 1.2): applications declared by the
 * modules (struct portal_wf_type), run by the host.  The services wf_start,
 * wf_act, wf_error, wf_inbox_hdf and wf_app_hdf, the /inbox page and the
 * checks of the declarations.  Its date arithmetic is dates.h.
 */
#ifndef PORTAL_WORKFLOW_H
#define PORTAL_WORKFLOW_H

#include <stddef.h>
#include "portal_module.h"

/* ---- services (services.c puts them in the table) */
long long wf_svc_start(portal_req *r, const char *type, long long child_id, const char *summary);
int wf_svc_act(portal_req *r, long long app_id, const char *action, const char *opinion);
const char *wf_svc_error(portal_req *r);
int wf_svc_inbox_hdf(portal_req *r, const char *prefix, const char *module);
int wf_svc_inbox_paged(portal_req *r, const char *prefix, const char *module, long rows);
int wf_svc_inbox_page(portal_req *r, const char *prefix, const char *module, long offset,
                      long limit);
int wf_svc_app_hdf(portal_req *r, const char *prefix, long long app_id);

/* issue 20: a user's approve or reject through a form without its
 * confirmation box wf_confirm=1: 1 (the error set, Errors.wf_confirm
 * beside the box), else 0 */
int wf_unconfirmed(portal_req *r, const char *action);
/* issue 20: batch approval (wf_batch.c; the service wf_batch) */
int wf_svc_batch(portal_req *r,
                 const char *(*before)(portal_req *r, const struct portal_services *s,
                                       long long app_id),
                 int (*after)(portal_req *r, const struct portal_services *s, long long app_id));

/* the working-day calendar's exceptions (dates.h calendar_load), kept by
 * the worker while 'calendar' (cache_versions, core 053) is the version the
 * request's session read; NULL with *n = 0 on a database error.  Read only. */
struct day_exc;
const struct day_exc *wf_calendar(portal_req *r, size_t *n);

/* the signed-in user's level from the length of their scope prefix: "county",
 * "township", "village" or NULL; a level's Chinese title (urgent tasks too) */
const char *wf_user_level(portal_req *r);
const char *wf_level_title(const char *level);

/* ---- module validation at start (wf_check.c, called by modules.c): 0 ok,
 * else err filled; declared(perm) says whether some module declares perm */
int wf_check_module(const struct portal_module *m, int (*declared)(const char *perm), char *err,
                    size_t errlen);
/* issue 20: the module as the host runs it: with the setting
 * wf_one_clerk_townships (the one-clerk township waiver of the separation
 * of duties) appended to its settings when a workflow of it has a township
 * or village step and it does not declare the setting itself - modules
 * declare nothing for it.  A copy made once at start, or m itself */
const struct portal_module *wf_offer_settings(const struct portal_module *m);
/* the index of step `code` in t->steps, -1 when none */
int wf_step_index(const struct portal_wf_type *t, const char *code);

#endif
