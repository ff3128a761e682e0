/*
 * workflow.h - the workflow service (ABI 1.2): applications declared by the
 * modules (struct portal_wf_type), run by the host.  The services wf_start,
 * wf_act, wf_error, wf_inbox_hdf and wf_app_hdf, the checks of the
 * declarations, and the working-day arithmetic (testable without a
 * database: the calendar's exceptions are passed in as an array).
 */
#ifndef PORTAL_WORKFLOW_H
#define PORTAL_WORKFLOW_H

#include <stddef.h>
#include "portal_module.h"

/* ---- dates: a day is the number of days since 1970-01-01 */
#define WF_NO_DAY (-2147483647L)
long wf_date_parse(const char *ymd);          /* YYYY-MM-DD, or WF_NO_DAY */
void wf_date_format(long day, char out[11]);
int wf_weekday(long day);                     /* 1 Monday .. 7 Sunday */

/* An exception to Monday-Friday: a holiday (is_workday 0) or a make-up
 * working day (is_workday 1). */
struct wf_cal_exc {
    long day;
    int is_workday;
};
int wf_is_workday(long day, const struct wf_cal_exc *ex, size_t nex);
/* the due date n days after `from` (from itself not counted); working = 1:
 * the n-th working day after from */
long wf_add_days(long from, int n, int working, const struct wf_cal_exc *ex, size_t nex);
/* the days used from `from` to `to`: calendar days to - from, or the working
 * days in (from, to]; 0 when to <= from */
long wf_days_used(long from, long to, int working, const struct wf_cal_exc *ex, size_t nex);

/* ---- services (services.c puts them in the table) */
long long wf_svc_start(portal_req *r, const char *type, long long child_id, const char *summary);
int wf_svc_act(portal_req *r, long long app_id, const char *action, const char *opinion);
const char *wf_svc_error(portal_req *r);
int wf_svc_inbox_hdf(portal_req *r, const char *prefix, const char *module);
int wf_svc_app_hdf(portal_req *r, const char *prefix, long long app_id);

/* ---- module validation at start (wf_check.c, called by modules.c): 0 ok,
 * else err filled; declared(perm) says whether some module declares perm */
int wf_check_module(const struct portal_module *m, int (*declared)(const char *perm), char *err,
                    size_t errlen);
/* the index of step `code` in t->steps, -1 when none */
int wf_step_index(const struct portal_wf_type *t, const char *code);

#endif
