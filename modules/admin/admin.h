/*
 * admin.h - the administration module's shared parts: form helpers, the
 * roles of an account, and the account acts shared by /admin/users (the
 * security administrator) and /org/users (a partner administrator).
 */
#ifndef ADMIN_H
#define ADMIN_H

#include "portal_module.h"

#define PAGE 50
#define MAX_ROLES 16

/* a declared parameter, "" when absent */
const char *arg(portal_req *r, const struct portal_services *s, const char *name);
/* the {id} of the path, or -1 */
long long path_id(portal_req *r, const struct portal_services *s);
/* form_error(field, msg), one more error counted in *nerr */
void field_error(portal_req *r, const struct portal_services *s, int *nerr, const char *field,
                 const char *msg);
/* pre + q with its LIKE wildcards escaped + post */
const char *like_pattern(portal_req *r, const struct portal_services *s, const char *pre,
                         const char *q, const char *post);
/* the current row as prefix.<cols[i]> ("" for SQL NULL); cols ends with NULL */
void put_cols(portal_req *r, const struct portal_services *s, const char *prefix, portal_rows *rows,
              const char *const *cols);
/* at most `limit` rows as prefix.N.<cols[i]>; *more = 1 when a row is left;
 * *last = column key_col of the last row put (NULL when none) */
int put_page(portal_req *r, const struct portal_services *s, const char *prefix, portal_rows *rows,
             const char *const *cols, int limit, int *more, int key_col, const char **last);
/* a list's pages: Pager.Paged past the first page, Pager.Next the key of
 * the next one (the template builds the links) */
void put_pager(portal_req *r, const struct portal_services *s, const char *after, int more,
               const char *next_key);
/* [a-z0-9_.]{3,32} */
int username_ok(const char *u);
/* the username of a user that exists, NULL otherwise */
const char *user_name(portal_req *r, const struct portal_services *s, long long uid);

/* roles */
struct role_set {
    const char *code[MAX_ROLES];
    size_t n;
};

/* an account's roles become exactly rs; 0 ok, -1 */
int store_roles(portal_req *r, const struct portal_services *s, long long uid,
                const struct role_set *rs);

/* account acts for both kinds of administrator (accounts.c): org_id 0 for
 * any account, else only a user of that organisation; each writes, audits
 * "<action>.enable"/"<action>.disable" or `action`, flashes and redirects */
int account_set_active(portal_req *r, const struct portal_services *s, long long uid,
                       long long org_id, int on, const char *action, const char *detail,
                       const char *back);
/* pw NULL: unlock */
int account_reset(portal_req *r, const struct portal_services *s, long long uid, long long org_id,
                  const char *pw, const char *action, const char *detail, const char *back);
/* the new password of a reset form: NULL when acceptable, else why not */
const char *reset_password_error(portal_req *r, const struct portal_services *s);
/* username, display_name, password, confirm_password of a new account */
void check_new_account(portal_req *r, const struct portal_services *s, int *nerr);
/* a new account with its roles (must change its password); its id or -1 */
long long account_create(portal_req *r, const struct portal_services *s, const char *org,
                         const char *division, int totp_required, const struct role_set *rs);

/* the handlers */
int user_list_get(portal_req *r, const struct portal_services *s);
int user_new_get(portal_req *r, const struct portal_services *s);
int user_create_post(portal_req *r, const struct portal_services *s);
int user_edit_get(portal_req *r, const struct portal_services *s);
int user_update_post(portal_req *r, const struct portal_services *s);
int user_disable_post(portal_req *r, const struct portal_services *s);
int user_enable_post(portal_req *r, const struct portal_services *s);
int user_password_post(portal_req *r, const struct portal_services *s);
int user_unlock_post(portal_req *r, const struct portal_services *s);
int user_totp_reset_post(portal_req *r, const struct portal_services *s);
/* review.c: the monthly access review */
int access_review_get(portal_req *r, const struct portal_services *s);
int review_remind_job(portal_req *r, const struct portal_services *s);
int job_list_get(portal_req *r, const struct portal_services *s);
int org_user_list_get(portal_req *r, const struct portal_services *s);
int org_user_create_post(portal_req *r, const struct portal_services *s);
int org_user_get(portal_req *r, const struct portal_services *s);
int org_user_disable_post(portal_req *r, const struct portal_services *s);
int org_user_enable_post(portal_req *r, const struct portal_services *s);
int org_user_password_post(portal_req *r, const struct portal_services *s);
int org_user_unlock_post(portal_req *r, const struct portal_services *s);
int audit_list_get(portal_req *r, const struct portal_services *s);
int audit_verify_get(portal_req *r, const struct portal_services *s);
int division_list_get(portal_req *r, const struct portal_services *s);
int division_create_post(portal_req *r, const struct portal_services *s);
int division_end_post(portal_req *r, const struct portal_services *s);
int org_list_get(portal_req *r, const struct portal_services *s);
int org_create_post(portal_req *r, const struct portal_services *s);
int calendar_get(portal_req *r, const struct portal_services *s);
int calendar_post(portal_req *r, const struct portal_services *s);

#endif
