/*
 * village.h - 儿童主任 (issue 15): shared declarations.
 * village.c:   the module descriptor, labels, settings, the phone assets.
 * directors.c: who covers which village; the county's page per village.
 * plan.c:      the visit plan (interval per category, next visit due) and
 *              overdue visits per township and per director.
 * visits.c:    the visit form, a visit's page, its concerns' next steps,
 *              the child's file panel.
 * survey.c:    摸底: children not on file, reviewed by the township.
 * intake.c:    一门受理: a township window's request, a task per need for the
 *              department concerned, their answers, one printable reply.
 * report.c:    the director's monthly work report, confirmed by the township.
 */
#ifndef VILLAGE_H
#define VILLAGE_H

#include "portal_module.h"

/* village.c: code is one of the module's labels of kind */
int vil_is_label(const char *kind, const char *code);
/* village.c: a number column (NULL: 0) */
long long vil_num(const char *v);
/* village.c: "%lld" */
const char *vil_id(portal_req *r, const struct portal_services *s, long long id);

/* directors.c: 1 when the user directs some village now (their pages are
 * then limited to their villages), 0 not, -1 error */
int vil_is_director(portal_req *r, const struct portal_services *s);
/* SQL: the villages user ? directs now (a subquery, one '?') */
#define VIL_MY_VILLAGES                                                                       \
    "(SELECT d.village_code FROM village_directors d WHERE d.user_id = ? AND d.end_date IS "  \
    "NULL)"
/* 1 when the user may work on a child of village (a director: one of their
 * villages; anyone else: the host's scope check already made), 0 not */
int vil_covers(portal_req *r, const struct portal_services *s, const char *village);
/* a loader's object from a row (child_id, village_code): the child's scope
 * checked by the host, a director's villages here; 0 or 404 */
int vil_child_object(portal_req *r, const struct portal_services *s, portal_rows *q,
                     struct portal_object *o);

/* plan.c: the children of the user (their villages for a director, their
 * scope otherwise) with last_visit, days and due into prefix.N; until
 * (YYYY-MM-DD or NULL) keeps those due on or before it; child_id (0: all)
 * one child.  Rows or -1 */
int vil_plan_hdf(portal_req *r, const struct portal_services *s, const char *prefix,
                 const char *until, long long child_id);

/* plan.c: one child's interval, next visit due and whether it is late,
 * by vil_plan_hdf's rule, last_visit (YYYY-MM-DD) its latest visit (NULL:
 * never visited); 1, 0 (not active or out of scope), -1 */
int vil_plan_one(portal_req *r, const struct portal_services *s, long long child_id,
                 const char *last_visit, long long *days, const char **due, int *late);

/* visits.c */
extern const struct portal_param visit_params[];
extern const struct portal_child_panel vil_panels[];
int vil_visit_load(portal_req *r, const struct portal_services *s, long long id,
                   struct portal_object *o);

/* handlers */
int home_get(portal_req *r, const struct portal_services *s);
int child_list_get(portal_req *r, const struct portal_services *s);
int overdue_get(portal_req *r, const struct portal_services *s);
int director_list_get(portal_req *r, const struct portal_services *s);
int director_create_post(portal_req *r, const struct portal_services *s);
int director_end_post(portal_req *r, const struct portal_services *s);
int visit_form_get(portal_req *r, const struct portal_services *s);
int visit_create_post(portal_req *r, const struct portal_services *s);
int visit_get(portal_req *r, const struct portal_services *s);
int visit_photo_get(portal_req *r, const struct portal_services *s);
int survey_form_get(portal_req *r, const struct portal_services *s);
int survey_create_post(portal_req *r, const struct portal_services *s);
int survey_list_get(portal_req *r, const struct portal_services *s);
int survey_get(portal_req *r, const struct portal_services *s);
int survey_file_post(portal_req *r, const struct portal_services *s);
int survey_dismiss_post(portal_req *r, const struct portal_services *s);
int vil_survey_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o);
extern const struct portal_param survey_params[];
extern const struct portal_param dismiss_params[];
extern const struct portal_param director_params[];

/* intake.c: 一门受理 */
extern const struct portal_param intake_params[];
extern const struct portal_param answer_params[];
int vil_intake_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o);
int intake_form_get(portal_req *r, const struct portal_services *s);
int intake_create_post(portal_req *r, const struct portal_services *s);
int intake_get(portal_req *r, const struct portal_services *s);
int intake_reply_get(portal_req *r, const struct portal_services *s);
int intake_list_get(portal_req *r, const struct portal_services *s);
int vil_intake_overdue_job(portal_req *r, const struct portal_services *s);
int need_answer_post(portal_req *r, const struct portal_services *s);

/* report.c: the monthly work report */
extern const struct portal_param report_params[];
extern const struct portal_param review_params[];
int vil_report_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o);
int report_list_get(portal_req *r, const struct portal_services *s);
int report_month_get(portal_req *r, const struct portal_services *s);
int report_month_post(portal_req *r, const struct portal_services *s);
int report_get(portal_req *r, const struct portal_services *s);
int report_review_post(portal_req *r, const struct portal_services *s);

#endif
