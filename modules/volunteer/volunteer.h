/*
 * volunteer.h - 社会组织与志愿服务: shared declarations.
 * orgs.c:    partner organisations (register, approve, suspend, end; dated
 *            status events), their volunteers, the partner's own page.
 * service.c: assignments of children to an organisation, the partner's
 *            restricted view of an assigned child, service logs, township
 *            verification, the report and its CSV.
 * reports.c: a volunteer's certificate of verified hours; children with no
 *            verified service for N months.
 * care.c:    care offers (foster, entrusted care, sponsorship) and matches.
 * donations.c: charity projects, spending, donations (integer fen), the
 *            donations report.
 * panel.c:   its sections of the child's file (services received, care
 *            matches, donations to the child).
 * area.c:    a project over a village or township: assignment, the
 *            partner's page, group-activity logs.
 * photo.c:   photos on service logs.
 * apply.c:   the public form on which an organisation applies itself.
 * objects.c: the objects routes are about (loaders) and a partner's access.
 * volunteer.c: the module descriptor and its labels.
 */
#ifndef VOLUNTEER_H
#define VOLUNTEER_H

#include "portal_module.h"

/* volunteer.c: code is one of the module's labels of kind */
int vol_is_label(const char *kind, const char *code);

/* objects.c: a number column (NULL: 0) */
long long vol_num(const char *v);
/* objects.c: the route objects */
extern const struct portal_loader vol_loaders[];
/* what a partner reaches through an assignment (the partner_* loaders'
 * o->data): its organisation, the assignment, the child (0: an area) and,
 * for a log, the log's status */
struct vol_access {
    long long vorg, aid, child;
    const char *status;
};
/* the partner user's organisation (volunteer_orgs.id via users.org_id);
 * 0 ok, -1 none.  status may be NULL. */
int vol_partner_org(portal_req *r, const struct portal_services *s, long long *vorg,
                    const char **status);
/* a new organisation (orgs.c, apply.c) */
struct vol_new_org {
    const char *code, *name, *division, *reg_no, *contact_name, *contact_phone, *service_types;
    int self_applied;
    long long user_id;         /* 0: the organisation itself */
    const char *reason;        /* of its first event */
    const char **townships;
    int ntownships;
};
long long vol_org_insert(portal_req *r, const struct portal_services *s,
                         const struct vol_new_org *o);

/* service.c: shared by the log handlers */
int vol_logs_hdf(portal_req *r, const struct portal_services *s, const char *where, long long a,
                 long long b);
/* log: the log being edited (its volunteers may have left since), 0 for a new one */
int vol_check_log(portal_req *r, const struct portal_services *s, long long vorg, long long aid,
                  long long log, int area, long long **vids, int *nv);
int vol_save_people(portal_req *r, const struct portal_services *s, long long log,
                    const long long *vids, int nv);
const char *vol_log_page(portal_req *r, const struct portal_services *s, long long child,
                         long long aid);

/* area.c */
extern const struct portal_param area_assign_params[];
int org_assign_area_post(portal_req *r, const struct portal_services *s);
int partner_area_get(portal_req *r, const struct portal_services *s);
int area_log_create_post(portal_req *r, const struct portal_services *s);

/* apply.c */
extern const struct portal_param apply_params[];
int apply_form_get(portal_req *r, const struct portal_services *s);
int apply_create_post(portal_req *r, const struct portal_services *s);

/* photo.c */
extern const struct portal_param photo_params[];
int log_photo_create_post(portal_req *r, const struct portal_services *s);
int photo_get(portal_req *r, const struct portal_services *s);

/* orgs.c */
extern const struct portal_param org_params[];
extern const struct portal_param status_params[];
extern const struct portal_param volunteer_params[];
int org_list_get(portal_req *r, const struct portal_services *s);
int org_create_post(portal_req *r, const struct portal_services *s);
int org_get(portal_req *r, const struct portal_services *s);
int org_status_post(portal_req *r, const struct portal_services *s);
int partner_get(portal_req *r, const struct portal_services *s);
int volunteer_create_post(portal_req *r, const struct portal_services *s);
extern const struct portal_param volunteer_edit_params[];
int volunteer_edit_post(portal_req *r, const struct portal_services *s);

/* service.c */
extern const struct portal_param assign_params[];
extern const struct portal_param log_params[];
extern const struct portal_param verify_params[];
extern const struct portal_param report_params[];
int org_assign_post(portal_req *r, const struct portal_services *s);
int assignment_end_post(portal_req *r, const struct portal_services *s);
int partner_child_get(portal_req *r, const struct portal_services *s);
int child_log_create_post(portal_req *r, const struct portal_services *s);
int log_edit_get(portal_req *r, const struct portal_services *s);
int log_edit_post(portal_req *r, const struct portal_services *s);
int verify_list_get(portal_req *r, const struct portal_services *s);
int verify_log_post(portal_req *r, const struct portal_services *s);
int report_get(portal_req *r, const struct portal_services *s);
int report_csv_get(portal_req *r, const struct portal_services *s);

/* reports.c: a CSV download - its headers, the audit of the read, the BOM
 * and the heading row; then rows by vol_csv_row (db_stream's callback):
 * the group (NULL: none) and ncols columns, those of bit i in money being
 * fen shown as yuan */
struct vol_csv {
    portal_req *r;
    const struct portal_services *s;
    const char *group;
    int ncols;
    unsigned money;
    int child_col; /* an export's rows (export_row): 1 + the column of the child's id; 0 none */
};
void vol_csv_begin(portal_req *r, const struct portal_services *s, const char *filename,
                   const char *action, const char *detail, const char *const *heads, int n);
int vol_csv_row(void *ctx, portal_rows *rows);

/* reports.c */
extern const struct portal_param unserved_params[];
int certificate_get(portal_req *r, const struct portal_services *s);
int unserved_get(portal_req *r, const struct portal_services *s);
int unserved_csv_get(portal_req *r, const struct portal_services *s);

/* care.c */
extern const struct portal_param care_params[];
extern const struct portal_param match_params[];
extern const struct portal_param care_status_params[];
int care_list_get(portal_req *r, const struct portal_services *s);
int care_create_post(portal_req *r, const struct portal_services *s);
int care_get(portal_req *r, const struct portal_services *s);
int care_match_post(portal_req *r, const struct portal_services *s);
int care_status_post(portal_req *r, const struct portal_services *s);
extern const struct portal_param match_end_params[];
int care_edit_post(portal_req *r, const struct portal_services *s);
int care_match_end_post(portal_req *r, const struct portal_services *s);

/* donations.c */
extern const struct portal_param project_params[];
extern const struct portal_param spend_params[];
extern const struct portal_param donation_params[];
extern const struct portal_param deliver_params[];
int project_list_get(portal_req *r, const struct portal_services *s);
int project_create_post(portal_req *r, const struct portal_services *s);
int project_get(portal_req *r, const struct portal_services *s);
int project_spend_post(portal_req *r, const struct portal_services *s);
int donation_create_post(portal_req *r, const struct portal_services *s);
int donation_deliver_post(portal_req *r, const struct portal_services *s);
int partner_project_list_get(portal_req *r, const struct portal_services *s);
int partner_project_get(portal_req *r, const struct portal_services *s);
int donation_report_get(portal_req *r, const struct portal_services *s);
int donation_report_csv_get(portal_req *r, const struct portal_services *s);
extern const struct portal_param project_edit_params[];
extern const struct portal_param donation_edit_params[];
int project_edit_post(portal_req *r, const struct portal_services *s);
int donation_edit_post(portal_req *r, const struct portal_services *s);

/* panel.c */
extern const struct portal_child_panel vol_child_panels[];

#endif
