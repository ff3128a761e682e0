/*
 * notices.c - notices to a user or to every user of an organisation (see
 * tasks.h and portal_module.h "Urgent tasks and notices"): the services
 * notice_send and notices_unread, the page /notices and marking read.
 */
#include "host.h"
#include "db.h"
#include "tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the notices the signed-in user receives: their own, their organisation's
 * and their division's office's (binds: user id, org id, division) */
#define FOR_USER NOTICES_FOR_SQL("?", "?", "?")

static const char *notice_payload(portal_req *r, long long id, const char *module,
                                  const struct portal_notice *n)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "{\"event\":\"notice\",\"notice_id\":%lld", id);
    json_field(&b, "module", module);
    json_field(&b, "kind", n->kind);
    if (n->user_id > 0)
        buf_printf(&b, ",\"user_id\":%lld", n->user_id);
    else if (n->org_id > 0)
        buf_printf(&b, ",\"org_id\":%lld", n->org_id);
    else
        json_field(&b, "division", n->division);
    buf_addc(&b, '}');
    char *out = arena_strdup(r->a, b.data);
    buf_free(&b);
    return out;
}

/* exactly one recipient, and it exists: an active user, an active
 * organisation or a division */
static int recipient_ok(portal_req *r, const struct portal_notice *n)
{
    int div = n->division && *n->division;
    if ((n->user_id > 0) + (n->org_id > 0) + div != 1)
        return 0;
    db_rows *q = n->user_id > 0
                     ? db_query(r->a, "SELECT 1 FROM users WHERE id = ? AND active = 1", "i",
                                n->user_id)
                 : n->org_id > 0
                     ? db_query(r->a, "SELECT 1 FROM orgs WHERE id = ? AND active = 1", "i",
                                n->org_id)
                     : db_query(r->a, "SELECT 1 FROM divisions WHERE code = ?", "s",
                                n->division);
    return q && db_next(q);
}

long long notice_svc_send(portal_req *r, const struct portal_notice *n)
{
    struct loaded_module *lm = r->route ? r->route->mod : NULL;
    if (!lm || !n || !n->kind || !*n->kind || !n->title || !recipient_ok(r, n))
        return -1;
    const char *title = text_trim(r->a, n->title);
    if (!*title || (n->link && !is_local_path(n->link)))
        return -1;
    title = arena_strndup(r->a, title, utf8_truncate(title, 200));
    const char *uid = n->user_id > 0 ? arena_sprintf(r->a, "%lld", n->user_id) : NULL;
    const char *oid = n->org_id > 0 ? arena_sprintf(r->a, "%lld", n->org_id) : NULL;
    const char *div = uid || oid ? NULL : n->division;
    const char *cid = n->child_id > 0 ? arena_sprintf(r->a, "%lld", n->child_id) : NULL;
    const char *by = r->logged_in ? arena_sprintf(r->a, "%lld", r->user.id) : NULL;
    if (db_exec(r->a, "INSERT INTO notices (user_id, org_id, division_code, module, kind, "
                "title, body, link, child_id, object_type, object_id, created_at, created_by) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", "sssssssssssss", uid, oid, div, lm->m->name,
                n->kind, title, n->body, n->link, cid, n->object_type, n->object_id,
                clock_now(r->a), by) != 1)
        return -1;
    long long id = db_insert_id();
    audit(r, "notice.send", "notice", arena_sprintf(r->a, "%lld", id),
          arena_sprintf(r->a, "%s %s to %s %s", lm->m->name, n->kind,
                        uid ? "user" : oid ? "org" : "division", uid ? uid : oid ? oid : div));
    if (outbound_queue(r->a, "notice", id, notice_payload(r, id, lm->m->name, n)) != 0)
        return -1;
    return id;
}

long long notice_svc_unread(portal_req *r)
{
    if (!r->logged_in)
        return 0;
    db_rows *q = db_query(r->a, "SELECT " NOTICES_UNREAD_SQL("?", "?", "?"), "iiis",
                          r->user.id, r->user.id, r->user.org_id, r->user.division);
    return q && db_next(q) ? atoll(db_col(q, 0)) : 0;
}

/* /notices: the user's notices, newest first, unread marked */
int notices_get(portal_req *r, const struct portal_services *s)
{
    long long me = r->user.id;
    int n = s->db_query_hdf(r, "Notices",
                            "SELECT n.id, n.kind, n.title, n.body, n.link, n.created_at, "
                            "n.org_id IS NOT NULL AS to_org, n.division_code IS NOT NULL AS to_office, "
                            "nr.read_at, "
                            "nr.notice_id IS NULL AS unread "
                            "FROM notices n LEFT JOIN notice_reads nr "
                            "ON nr.notice_id = n.id AND nr.user_id = ? WHERE " FOR_USER
                            " ORDER BY n.id DESC LIMIT 200", "iiis", me, me, r->user.org_id,
                            r->user.division);
    if (n < 0)
        return 500;
    s->set_int(r, "NoticeCount", n);
    s->set_int(r, "UnreadCount", notice_svc_unread(r));
    return s->render(r, "notices.cs", "通知");
}

/* POST /notices/{id}/read: marked read; go=1 then follows its link */
int notice_read_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->path_int(r, "id");
    const char *oid = s->sprintf(r, "%lld", id);
    db_rows *q = db_query(r->a, "SELECT n.link FROM notices n WHERE n.id = ? AND " FOR_USER,
                          "iiis", id, r->user.id, r->user.org_id, r->user.division);
    if (!q)
        return 500;
    if (!db_next(q))
        return s->not_found(r, "notice", oid);
    const char *link = db_col(q, 0);
    long long k = db_exec(r->a, "INSERT IGNORE INTO notice_reads (notice_id, user_id, read_at) "
                          "VALUES (?, ?, UTC_TIMESTAMP())", "ii", id, r->user.id);
    if (k < 0)
        return 500;
    if (k > 0)
        s->audit(r, "notice.mark_read", "notice", oid, NULL);
    if (s->param_int(r, "go", 0) == 1 && link && is_local_path(link))
        return s->redirect(r, link);
    return s->redirect(r, "/notices");
}

int notices_read_all_post(portal_req *r, const struct portal_services *s)
{
    long long k = db_exec(r->a, "INSERT IGNORE INTO notice_reads (notice_id, user_id, read_at) "
                          "SELECT n.id, ?, UTC_TIMESTAMP() FROM notices n WHERE " FOR_USER,
                          "iiis", r->user.id, r->user.id, r->user.org_id, r->user.division);
    if (k < 0)
        return 500;
    if (k > 0)
        s->audit(r, "notice.mark_read", "notice", NULL, s->sprintf(r, "all: %lld", k));
    s->flash(r, "已全部标为已读。");
    return s->redirect(r, "/notices");
}
