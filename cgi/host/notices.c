/*
 * notices.c - notices to a user or to every user of an organisation (see
 * tasks.h and portal_module.h "Urgent tasks and notices"): the services
 * notice_send, notice_send_kept, notice_done and notices_unread, the page
 * /notices and marking read.  A notice an office has marked handled
 * (notice_done) counts as unread for nobody.
 */
#include "host.h"
#include "db.h"
#include "tasks.h"
#include "dates.h"
#include "outbound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the notices the signed-in user receives: their own, their organisation's
 * and their division's office's (binds: user id, org id, division) */
#define FOR_USER NOTICES_FOR_SQL("?", "?", "?")

/* the outbound payload after its notice id: '{"event":"notice","notice_id":'
 * ID, then this */
static const char *notice_payload_tail(portal_req *r, const char *module,
                                       const struct portal_notice *n)
{
    buf b;
    buf_init(&b);
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

#define PAYLOAD_HEAD "{\"event\":\"notice\",\"notice_id\":"

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

/* a notice's row, checked: the bound values of NOTICE_INSERT */
struct notice_row {
    const char *module, *uid, *oid, *div, *title, *cid, *at, *by;
};

#define NOTICE_INSERT "INSERT INTO notices (user_id, org_id, division_code, module, kind, " \
                      "title, body, link, child_id, object_type, object_id, created_at, " \
                      "created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
#define NOTICE_BINDS(w, n) (w).uid, (w).oid, (w).div, (w).module, (n)->kind, (w).title, \
                           (n)->body, (n)->link, (w).cid, (n)->object_type, (n)->object_id, \
                           (w).at, (w).by

/* 0 with w filled, -1 when the notice is refused (see notice_send) */
static int notice_row(portal_req *r, const struct portal_notice *n, struct notice_row *w)
{
    struct loaded_module *lm = req_module(r);
    if (!lm || !n || !n->kind || !*n->kind || !n->title || !recipient_ok(r, n))
        return -1;
    const char *title = text_trim(r->a, n->title);
    if (!*title || (n->link && !is_local_path(n->link)))
        return -1;
    w->module = lm->m->name;
    w->title = arena_strndup(r->a, title, utf8_truncate(title, 200));
    w->uid = n->user_id > 0 ? arena_sprintf(r->a, "%lld", n->user_id) : NULL;
    w->oid = n->org_id > 0 ? arena_sprintf(r->a, "%lld", n->org_id) : NULL;
    w->div = w->uid || w->oid ? NULL : n->division;
    w->cid = n->child_id > 0 ? arena_sprintf(r->a, "%lld", n->child_id) : NULL;
    w->at = clock_now(r->a);
    w->by = r->logged_in ? arena_sprintf(r->a, "%lld", r->user.id) : NULL;
    return 0;
}

static const char *notice_to(const struct notice_row *w)
{
    return w->uid ? "user" : w->oid ? "org" : "division";
}

long long notice_svc_send(portal_req *r, const struct portal_notice *n)
{
    struct notice_row w;
    if (notice_row(r, n, &w) != 0 ||
        db_exec(r->a, NOTICE_INSERT, "sssssssssssss", NOTICE_BINDS(w, n)) != 1)
        return -1;
    long long id = db_insert_id();
    audit(r, "notice.send", "notice", arena_sprintf(r->a, "%lld", id),
          arena_sprintf(r->a, "%s %s to %s %s", w.module, n->kind, notice_to(&w),
                        w.uid ? w.uid : w.oid ? w.oid : w.div));
    const char *payload = arena_sprintf(r->a, PAYLOAD_HEAD "%lld%s", id,
                                        notice_payload_tail(r, w.module, n));
    if (outbound_queue(r->a, "notice", id, payload) != 0)
        return -1;
    return id;
}

/* Kept like db_exec_kept: written again after a rollback, where its id is
 * new, so the outbound row takes the notice's id from LAST_INSERT_ID() (it
 * runs right after the notice, before the audit row) */
int notice_svc_send_kept(portal_req *r, const struct portal_notice *n)
{
    struct notice_row w;
    if (notice_row(r, n, &w) != 0 ||
        kept_exec(r, NOTICE_INSERT, "sssssssssssss", NOTICE_BINDS(w, n)) != 1)
        return -1;
    const char *cmd = config_get("outbound_command", NULL);
    if (cmd && *cmd &&
        kept_exec(r, "INSERT IGNORE INTO outbound_events (kind, ref_id, payload, "
                              "created_at, next_at) VALUES ('notice', LAST_INSERT_ID(), "
                              "CONCAT('" PAYLOAD_HEAD "', LAST_INSERT_ID(), ?), "
                              "UTC_TIMESTAMP(), UTC_TIMESTAMP())", "s",
                              notice_payload_tail(r, w.module, n)) < 0)
        return -1;
    audit(r, "notice.send.check", "notice", NULL,
          arena_sprintf(r->a, "%s %s to %s %s, child %s (kept)", w.module, n->kind,
                        notice_to(&w), w.uid ? w.uid : w.oid ? w.oid : w.div,
                        w.cid ? w.cid : "-"));
    return 0;
}

/* an office's notice of the calling module handled, for every user of the
 * office: 0 now, 1 already, -1 not a notice of the user's */
int notice_svc_done(portal_req *r, long long id)
{
    struct loaded_module *lm = req_module(r);
    if (!lm || !r->logged_in)
        return -1;
    db_rows *q = db_query(r->a, "SELECT n.done_at FROM notices n WHERE n.id = ? AND "
                          "n.module = ? AND " FOR_USER, "isiis", id, lm->m->name, r->user.id,
                          r->user.org_id, r->user.division);
    if (!q || !db_next(q))
        return -1;
    if (db_col(q, 0))
        return 1;
    long long k = db_exec(r->a, "UPDATE notices SET done_at = ?, done_by = ? WHERE id = ? AND "
                          "done_at IS NULL", "sii", clock_now(r->a), r->user.id, id);
    if (k < 0)
        return -1;
    if (k == 0)
        return 1; /* a colleague was quicker */
    audit(r, "notice.done", "notice", arena_sprintf(r->a, "%lld", id), lm->m->name);
    return db_exec(r->a, "INSERT IGNORE INTO notice_reads (notice_id, user_id, read_at) "
                   "VALUES (?, ?, UTC_TIMESTAMP())", "ii", id, r->user.id) < 0 ? -1 : 0;
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
                            "nr.read_at, n.done_at, "
                            "nr.notice_id IS NULL AND n.done_at IS NULL AS unread "
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
