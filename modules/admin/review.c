/*
 * review.c - the access review (issue 19 item 6), for the security
 * administrator (system.users), meant to be done monthly:
 *   - accounts unused for 90 days (never logged in: created 90 days ago),
 *   - accounts holding an administration role (system.*, org.users),
 *   - partner accounts whose organisation has ended (orgs.active = 0),
 * each active one disabled in one click (POST /admin/users/{id}/disable with
 * back=review: the same act as on the user's page, audited the same way);
 * and the unusual access of the last 30 days: users who read the files of
 * children outside their own township (county-level staff, other
 * departments, partners), with how many children and files, most first.
 * Reading the review is audited (admin.review.view).
 */
#include "admin.h"

#include <stdlib.h>

#define UNUSED_DAYS 90
#define UNUSUAL_DAYS 30

/* the accounts of one list: id, username, display name, org, last login */
static int put_accounts(portal_req *r, const struct portal_services *s, const char *prefix,
                        const char *where)
{
    return s->db_query_hdf(
        r, prefix,
        s->sprintf(r,
                   "SELECT u.id, u.username, u.display_name, COALESCE(o.name, '') AS org, "
                   "u.last_login, u.created_at, u.active, "
                   "(SELECT GROUP_CONCAT(DISTINCT ro.name ORDER BY ro.name SEPARATOR '、') "
                   " FROM user_roles ur JOIN roles ro ON ro.id = ur.role_id "
                   " WHERE ur.user_id = u.id) AS roles "
                   "FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE %s "
                   "ORDER BY u.active DESC, u.username LIMIT 500",
                   where),
        "i", (long long)UNUSED_DAYS);
}

int access_review_get(portal_req *r, const struct portal_services *s)
{
    /* the ? of every list binds the 90 days (unused only) */
    if (put_accounts(r, s, "Unused",
                     "u.active = 1 AND COALESCE(u.last_login, u.created_at) < "
                     "UTC_TIMESTAMP() - INTERVAL ? DAY") < 0 ||
        put_accounts(r, s, "Admins",
                     "? > 0 AND EXISTS (SELECT 1 FROM user_roles ur JOIN role_perms rp "
                     "ON rp.role_id = ur.role_id WHERE ur.user_id = u.id AND "
                     "(rp.perm LIKE 'system.%' OR rp.perm = 'org.users'))") < 0 ||
        put_accounts(r, s, "Orphans", "? > 0 AND o.active = 0 AND u.active = 1") < 0)
        return 500;
    /* reads of a child's file (child.read) by users whose division does not
     * hold the child's township */
    if (s->db_query_hdf(
            r, "Unusual",
            "SELECT u.id, u.username, u.display_name, COALESCE(o.name, '') AS org, "
            "COUNT(DISTINCT c.id) AS children, COUNT(*) AS reads_n, MAX(a.at) AS last "
            "FROM audit_log a JOIN users u ON u.id = a.user_id "
            "JOIN children c ON c.id = a.object_id "
            "LEFT JOIN orgs o ON o.id = u.org_id "
            "WHERE a.action = 'child.read' AND a.object_type = 'child' "
            "AND a.at > UTC_TIMESTAMP() - INTERVAL ? DAY "
            "AND u.division_code <> c.township_code "
            "GROUP BY u.id, u.username, u.display_name, org "
            "ORDER BY children DESC, reads_n DESC LIMIT 100",
            "i", (long long)UNUSUAL_DAYS) < 0)
        return 500;
    s->set_int(r, "Review.UnusedDays", UNUSED_DAYS);
    s->set_int(r, "Review.UnusualDays", UNUSUAL_DAYS);
    s->audit(r, "admin.review.view", "review", "access", NULL);
    return s->render(r, "access_review.cs", "账户与访问复核");
}

/* 2.9, a job run daily by the master: on its first run of a month every
 * active security administrator (system.users) is told what this month's
 * access review holds, with a link to it.  Once per month: the notice of
 * the month (object_id = "YYYY-MM") is looked for first. */
int review_remind_job(portal_req *r, const struct portal_services *s)
{
    const char *month = s->sprintf(r, "%.7s", s->today(r));
    portal_rows *q = s->db_query(r, "SELECT COUNT(*), (SELECT COUNT(*) FROM users u WHERE "
                                 "u.active = 1 AND COALESCE(u.last_login, u.created_at) < "
                                 "UTC_TIMESTAMP() - INTERVAL ? DAY) FROM notices WHERE kind = "
                                 "'admin.review' AND object_id = ?",
                                 "is", (long long)UNUSED_DAYS, month);
    if (!q || !s->db_next(q))
        return -1;
    if (atoll(s->db_col(q, 0)) > 0)
        return 0;
    const char *title = s->sprintf(r, "%s 账户与访问复核：%s 个账户 %d 天未使用，请复核", month,
                                   s->db_col(q, 1), UNUSED_DAYS);
    portal_rows *u = s->db_query(r, "SELECT DISTINCT u.id FROM users u JOIN user_roles ur ON "
                                 "ur.user_id = u.id JOIN role_perms rp ON rp.role_id = ur.role_id "
                                 "WHERE rp.perm = 'system.users' AND u.active = 1 ORDER BY u.id",
                                 "");
    if (!u)
        return -1;
    while (s->db_next(u)) {
        struct portal_notice n = {.user_id = atoll(s->db_col(u, 0)), .kind = "admin.review",
                                  .title = title, .link = "/admin/access-review",
                                  .object_type = "review", .object_id = month};
        if (s->notice_send(r, &n) <= 0)
            return -1;
    }
    return 0;
}

/* the modules' periodic jobs and their last runs (the master runs them;
 * there is no button: a job never runs inside a request) */
int job_list_get(portal_req *r, const struct portal_services *s)
{
    if (s->jobs_hdf(r, "Jobs") < 0)
        return 500;
    return s->render(r, "jobs.cs", "定时任务");
}
