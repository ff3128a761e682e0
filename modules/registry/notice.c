/*
 * notice.c - notices to an office, on the core's notices (notice_send,
 * notice_send_kept, notice_done): what a township received when the county
 * moved a child into it, and the possible duplicates outside a filer's
 * jurisdiction that the county checks.  A user sees and handles the open
 * notices of exactly their own division here (and every notice on /notices).
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

/* the titles of the registry's notices, by kind */
static const char *notice_title(const char *kind)
{
    return strcmp(kind, "transfer_in") == 0 ? "儿童档案转入本辖区" : "疑似重复档案，请县级核查";
}

int registry_notice_add(portal_req *r, const struct portal_services *s, const char *division,
                        const char *kind, long long child_id, const char *summary)
{
    if (!division)
        return -1;
    const char *cid = s->sprintf(r, "%lld", child_id);
    struct portal_notice n = {.division = division, .kind = kind, .title = notice_title(kind),
                              .body = summary, .child_id = child_id,
                              .link = child_id > 0 ? s->sprintf(r, "/children/%s", cid) : NULL,
                              .object_type = child_id > 0 ? "child" : NULL,
                              .object_id = child_id > 0 ? cid : NULL};
    /* a duplicate check's notice stays even when the form is refused (the
     * host rolls a 400 back): the kept variant */
    if (strcmp(kind, "duplicate_check") == 0)
        return s->notice_send_kept(r, &n) == 0 ? 0 : -1;
    return s->notice_send(r, &n) > 0 ? 0 : -1;
}

int notice_list_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    if (!u->division || !*u->division)
        return s->refuse(r, 403, "page", "registry.notices", "user without a division",
                         "您的账户没有辖区，无法查看。");
    int n = s->db_query_hdf(r, "Notices",
                            "SELECT n.id, n.kind, n.child_id, n.body AS summary, "
                            "n.created_at AS at, "
                            "COALESCE(u.display_name, '') AS by_name FROM notices n "
                            "LEFT JOIN users u ON u.id = n.created_by "
                            "WHERE n.division_code = ? AND n.module = 'registry' AND "
                            "n.done_at IS NULL ORDER BY n.id DESC LIMIT 500", "s", u->division);
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
    portal_rows *q = s->db_query(r, "SELECT done_at FROM notices WHERE id = ? AND "
                                    "module = 'registry' AND division_code = ?", "is", id,
                                 u->division);
    if (!q || !s->db_next(q))
        return 404;
    return 0;
}

int notice_done_post(portal_req *r, const struct portal_services *s)
{
    int rc = s->notice_done(r, s->object(r)->id);
    if (rc < 0)
        return 500;
    s->flash(r, rc == 1 ? "该通知已处理。" : "已标记为已处理。");
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
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM notices WHERE module = 'registry' AND "
                                    "created_by = ? AND kind = 'duplicate_check' AND "
                                    "child_id = ? AND done_at IS NULL", "is", (long long)u->id,
                                 existing);
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
