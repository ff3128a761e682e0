/*
 * audit.c - /admin/audit: the auditor (system.audit) reads the audit log
 * and checks its hash chains.  Reading the log is itself an act the log
 * keeps.
 */
#include "admin.h"

#include <limits.h>
#include <stdlib.h>

int audit_list_get(portal_req *r, const struct portal_services *s)
{
    static const char *const cols[] = {"id", "at", "username", "action", "otype", "oid",
                                       "detail", "ip", NULL};
    const char *user = arg(r, s, "user"), *action = arg(r, s, "action"),
               *otype = arg(r, s, "otype"), *oid = arg(r, s, "oid"), *from = arg(r, s, "from"),
               *to = arg(r, s, "to"), *before_s = arg(r, s, "before");
    long long before = *before_s ? atoll(before_s) : LLONG_MAX;
    /* by user: the account's id when it exists, else the name as recorded
     * (failed logins of unknown names, portalctl) */
    long long uid = -1;
    if (*user) {
        portal_rows *u = s->db_query(r, "SELECT id FROM users WHERE username = ?", "s", user);
        if (!u)
            return 500;
        if (s->db_next(u))
            uid = atoll(s->db_col(u, 0));
    }
    /* an action or a family of them: "admin.user" finds admin.user.create...
     * The log keeps UTC; the auditor reads and searches Beijing time (UTC+8,
     * no summer time), to the second: the day's bounds are moved in SQL so
     * the key on `at` still serves, and the shown time with them. */
    portal_rows *rows = s->db_query(
        r,
        "SELECT a.id, DATE_FORMAT(a.at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s') AS at, "
        " COALESCE(a.username, '') AS username, a.action, "
        " COALESCE(a.object_type, '') AS otype, COALESCE(a.object_id, '') AS oid, "
        " COALESCE(a.detail, '') AS detail, COALESCE(a.ip, '') AS ip "
        "FROM audit_log a WHERE a.id < ? "
        " AND (? = '' OR a.user_id = ? OR (? = 1 AND a.username = ?)) "
        " AND (? = '' OR a.action = ? OR a.action LIKE ?) "
        " AND (? = '' OR a.object_type = ?) "
        " AND (? = '' OR a.object_id = ?) "
        " AND a.at >= CAST(? AS DATETIME) - INTERVAL 8 HOUR "
        " AND a.at < CAST(? AS DATETIME) + INTERVAL 16 HOUR "
        "ORDER BY a.id DESC LIMIT 51",
        "isiis" "sss" "ss" "ss" "ss",
        before, user, uid, (long long)(*user && uid < 0), user,
        action, action, like_pattern(r, s, "", action, ".%"),
        otype, otype, oid, oid,
        *from ? from : "1970-01-01", *to ? to : "9999-12-30");
    if (!rows)
        return 500;
    int more = 0;
    const char *last;
    int n = put_page(r, s, "Audit", rows, cols, PAGE, &more, 0, &last);
    static const char *const filters[] = {"user", "action", "otype", "oid", "from", "to", NULL};
    for (int i = 0; filters[i]; i++)
        s->set(r, s->sprintf(r, "Filter.%s", filters[i]), arg(r, s, filters[i]));
    s->set_int(r, "Counts.audit", n);
    put_pager(r, s, before_s, more, last);
    s->audit(r, "audit.read", "audit", NULL,
             s->sprintf(r, "user=%s action=%s object=%s/%s from=%s to=%s before=%s rows=%d",
                        user, action, otype, oid, from, to, before_s, n));
    return s->render(r, "audit_list.cs", "审计日志");
}

int audit_verify_get(portal_req *r, const struct portal_services *s)
{
    long long checked = 0, bad = 0;
    if (s->audit_verify(r, &checked, &bad) != 0)
        return 500;
    s->set_int(r, "Verify.Checked", checked);
    if (bad == 0)
        s->set(r, "Verify.Intact", "1");
    else
        s->set_int(r, "Verify.BrokenAt", bad);
    return s->render(r, "audit_verify.cs", "审计日志完整性");
}
