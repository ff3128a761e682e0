/*
 * tasks.h - urgent tasks, the supervision list, notices and the outbound
 * hook (issue 10 part 4; portal_module.h "Urgent tasks and notices").
 * tasks.c: the task services and pages; notices.c: the notice services and
 * pages; jobs.c: what the master's periodic job runs (escalation, the hook;
 * the hook's queue is outbound.h).
 */
#ifndef PORTAL_TASKS_H
#define PORTAL_TASKS_H

#include "host.h"

/* ---- services (services.c puts them in the table) */
long long task_svc_open(portal_req *r, const struct portal_task *t);
int task_svc_close(portal_req *r, long long task_id, const char *outcome);
const char *task_svc_error(portal_req *r);
int task_svc_hdf(portal_req *r, const char *prefix, const char *module);
long long notice_svc_send(portal_req *r, const struct portal_notice *n);
long long notice_svc_unread(portal_req *r);
int notice_svc_send_kept(portal_req *r, const struct portal_notice *n);
int notice_svc_done(portal_req *r, long long notice_id);

/* ---- pages (core.c routes them) */
int escalated_get(portal_req *r, const struct portal_services *s);   /* /inbox/escalated */
int notices_get(portal_req *r, const struct portal_services *s);     /* /notices */
int notice_read_post(portal_req *r, const struct portal_services *s); /* /notices/{id}/read */
int notices_read_all_post(portal_req *r, const struct portal_services *s);

/* ---- the master's periodic job (a child of the master, never a request
 * worker): escalates the tasks whose deadline passed, then runs the hook
 * for the events due.  0 ok, -1 something failed (logged) */
int jobs_run(void);
/* 2.9: one module job now, by name "module.job" (portalctl): 0 ran */
int job_run_named(const char *spec, char *err, size_t errlen);
int jobs_svc_hdf(portal_req *r, const char *prefix);

#endif
