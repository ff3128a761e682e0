/*
 * notice.c - notices to an office (registry_notices, migration 004): what a
 * township received when the county moved a child into it, and the possible
 * duplicates outside a filer's jurisdiction that the county checks.  A user
 * sees and handles the open notices of exactly their own division.
 */
#include "registry.h"

#include <stdlib.h>
#include <string.h>

/* the county's own division (the office that checks duplicates) */
const char *registry_county_code(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(r, "SELECT code FROM divisions WHERE level = 'county' "
                                    "ORDER BY code LIMIT 1", "");
    return q && s->db_next(q) ? s->db_col(q, 0) : NULL;
}

/* cut to at most n bytes on a UTF-8 boundary */
static const char *cut(portal_req *r, const struct portal_services *s, const char *v, size_t n)
{
    size_t l = strlen(v);
    if (l <= n)
        return v;
    while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
        n--;
    char *out = s->alloc(r, n + 1);
    memcpy(out, v, n);
    out[n] = 0;
    return out;
}

int registry_notice_add(portal_req *r, const struct portal_services *s, const char *division,
                        const char *kind, long long child_id, const char *summary)
{
    if (!division)
        return -1;
    /* a duplicate check's notice stays even when the form is refused (the
     * host rolls a 400 back): a kept write, audited as a kept row */
    int kept = strcmp(kind, "duplicate_check") == 0;
    if ((kept ? s->db_exec_kept : s->db_exec)(
            r, "INSERT INTO registry_notices (division_code, kind, child_id, summary, "
               "created_at, created_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
            "ssssi", division, kind, child_id > 0 ? s->sprintf(r, "%lld", child_id) : NULL,
            cut(r, s, summary, 480), (long long)s->user(r)->id) != 1)
        return -1;
    s->audit(r, kept ? "registry.notice.check" : "registry.notice.create", "registry_notice",
             s->sprintf(r, "%lld", s->db_insert_id(r)),
             s->sprintf(r, "%s for %s, child %lld", kind, division, child_id));
    return 0;
}

int notice_list_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    if (!u->division || !*u->division)
        return s->refuse(r, 403, "page", "registry.notices", "user without a division",
                         "您的账户没有辖区，无法查看。");
    int n = s->db_query_hdf(r, "Notices",
                            "SELECT n.id, n.kind, n.child_id, n.summary, "
                            "n.created_at AS at, "
                            "COALESCE(u.display_name, '') AS by_name FROM registry_notices n "
                            "LEFT JOIN users u ON u.id = n.created_by "
                            "WHERE n.division_code = ? AND n.done_at IS NULL "
                            "ORDER BY n.id DESC LIMIT 500", "s", u->division);
    if (n < 0)
        return 500;
    s->set_int(r, "NoticeCount", n);
    if (s->has_perm(r, "registry.edit"))
        s->set(r, "CanHandle", "1");
    return s->render(r, "notice_list.cs", "档案通知");
}

int registry_notice_load(portal_req *r, const struct portal_services *s, long long id,
                         struct portal_object *o)
{
    const struct portal_user *u = s->user(r);
    if (!u->division)
        return 404;
    portal_rows *q = s->db_query(r, "SELECT done_at FROM registry_notices WHERE id = ? "
                                    "AND division_code = ?", "is", id, u->division);
    if (!q || !s->db_next(q))
        return 404;
    o->data = (void *)(s->db_col(q, 0) ? "done" : "open");
    return 0;
}

int notice_done_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    if (strcmp(o->data, "done") == 0) {
        s->flash(r, "该通知已处理。");
        return s->redirect(r, "/children/notices");
    }
    if (s->db_exec(r, "UPDATE registry_notices SET done_at = UTC_TIMESTAMP(), done_by = ? "
                      "WHERE id = ? AND done_at IS NULL", "ii", (long long)s->user(r)->id,
                   o->id) < 0)
        return 500;
    s->audit(r, "registry.notice.done", "registry_notice", s->sprintf(r, "%lld", o->id), NULL);
    s->flash(r, "已标记为已处理。");
    return s->redirect(r, "/children/notices");
}

/* ------------------------------------------------------------ duplicate checks */

/* checks that found a possible duplicate still allowed to the user this
 * hour (0: none left), or -1 */
int registry_dup_left(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM registry_dup_checks WHERE user_id = ? "
                                    "AND at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "i",
                                 (long long)s->user(r)->id);
    if (!q || !s->db_next(q))
        return -1;
    long long used = atoll(s->db_col(q, 0));
    return used >= REGISTRY_DUP_HITS_PER_HOUR ? 0 : (int)(REGISTRY_DUP_HITS_PER_HOUR - used);
}

int registry_dup_hit(portal_req *r, const struct portal_services *s)
{
    /* counts refused attempts too: a kept write */
    return s->db_exec_kept(r, "INSERT INTO registry_dup_checks (user_id, at) VALUES (?, "
                         "UTC_TIMESTAMP())", "i", (long long)s->user(r)->id) == 1 ? 0 : -1;
}

int registry_dup_refuse(portal_req *r, const struct portal_services *s)
{
    return s->refuse(r, 429, "child", NULL,
                     s->sprintf(r, "duplicate checks over %d an hour", REGISTRY_DUP_HITS_PER_HOUR),
                     REGISTRY_MSG_DUP_LIMIT);
}

/* the county checks a possible duplicate outside the asker's scope (one open
 * notice per asker and file) */
int registry_tell_county(portal_req *r, const struct portal_services *s, const char *existing,
                         const char *what)
{
    const struct portal_user *u = s->user(r);
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM registry_notices WHERE created_by = ? "
                                    "AND kind = 'duplicate_check' AND child_id = ? AND "
                                    "done_at IS NULL", "is", (long long)u->id, existing);
    if (!q || !s->db_next(q))
        return -1;
    if (atoll(s->db_col(q, 0)) > 0)
        return 0;
    return registry_notice_add(
        r, s, registry_county_code(r, s), "duplicate_check", atoll(existing),
        s->sprintf(r, "可能重复建档：%s %s（%s）建档时填写的%s与档案 %s 相同，该档案不在其辖区内，"
                      "请县级核查（是否同一儿童、是否需要调整所属村（社区））。",
                   u->division_name ? u->division_name : "", u->display_name ? u->display_name : "",
                   u->username, what, existing));
}
