/*
 * exports.c - the export register (issue 19 item 1): every export of
 * personal data the host's export_begin registered, filterable; a request's
 * page; the approval or refusal of a large export with full ID numbers by a
 * second county-level person (never the requester); the requester's one
 * download of an approved request within the window (the host checks the
 * ticket: export_begin).
 */
#include "privacy.h"

/* the purpose's name (an entry of the lookup, retired or not) */
#define PURPOSE_TITLE                                                                         \
    "COALESCE((SELECT l.c1 FROM lookup_entries l WHERE l.module = 'privacy' AND l.kind = "    \
    "'purpose' AND l.code = e.purpose ORDER BY l.valid_from DESC LIMIT 1), e.purpose) AS "    \
    "purpose_title, "

#include <stdlib.h>
#include <string.h>

const struct portal_param export_list_params[] = {
    {"from", PP_DATE, 10, 0, "起始日期"},
    {"to", PP_DATE, 10, 0, "截止日期"},
    {"user", PP_TEXT, 64, 0, "导出人"},
    {"purpose", PP_CODE, 16, 0, "用途"},
    {"status", PP_CODE, 16, 0, "状态"},
    {"full_id", PP_INT, 1, 0, "含完整身份证号"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param decide_params[] = {
    {"note", PP_TEXT, 200, 0, "审批意见"},
    {NULL, 0, 0, 0, NULL}};

/* "export:id": the requester, or whoever reads the register or approves,
 * within the scope of the requester's division (the host checks it) */
int export_load(portal_req *r, svc *s, long long id, struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT user_id, division_code FROM export_register "
                                 "WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    if (atoll(s->db_col(q, 0)) != s->user(r)->id && !s->has_perm(r, "privacy.register") &&
        !s->has_perm(r, "privacy.export_approve"))
        return 404;
    o->division = s->db_col(q, 1);
    return 0;
}

/* a filter of the list: its SQL condition appended when the value is set */
static const char *opt(portal_req *r, svc *s, const char *name)
{
    const char *v = s->trim(r, s->param(r, name));
    return *v ? v : NULL;
}

int export_list_get(portal_req *r, svc *s)
{
    const char *sp = s->scope_prefix(r);
    if (!sp)
        return s->refuse(r, 403, "page", "privacy.exports", "user without a division",
                         "您的账户没有辖区，无法查看。");
    const char *from = opt(r, s, "from"), *to = opt(r, s, "to"), *user = opt(r, s, "user"),
               *purpose = opt(r, s, "purpose"), *status = opt(r, s, "status"),
               *full = opt(r, s, "full_id");
    int n = s->db_query_hdf(
        r, "Exports",
        "SELECT e.id, e.created_at, u.username, u.display_name AS user_name, e.kind, e.title, "
        PURPOSE_TITLE "e.purpose, e.purpose_note, e.recipient, e.row_count, e.rows_written, "
        "e.full_id, e.status, d.display_name AS decided_by, e.decided_at, e.downloaded_at, "
        "e.filter FROM export_register e JOIN users u ON u.id = e.user_id LEFT JOIN users d ON "
        "d.id = e.decided_by WHERE e.division_code LIKE CONCAT(?, '%') "
        "AND (? IS NULL OR DATE(e.created_at + INTERVAL 8 HOUR) >= ?) "
        "AND (? IS NULL OR DATE(e.created_at + INTERVAL 8 HOUR) <= ?) "
        "AND (? IS NULL OR u.username = ? OR u.display_name = ?) "
        "AND (? IS NULL OR e.purpose = ?) AND (? IS NULL OR e.status = ?) "
        "AND (? IS NULL OR e.full_id = 1) ORDER BY e.id DESC LIMIT 500",
        "sssssssssssss", sp, from, from, to, to, user, user, user, purpose, purpose, status,
        status, full);
    if (n < 0)
        return 500;
    if (s->lookup_hdf(r, "Purposes", "purpose", NULL) < 0)
        return 500;
    s->labels_hdf(r, "Statuses", "privacy.status");
    s->audit(r, "privacy.exports.view", "page", "privacy.exports", s->sprintf(r, "rows=%d", n));
    return s->render(r, "exports.cs", "导出登记簿");
}

/* the download of an approved request: the same export asked again with
 * the ticket (a link for a GET export) */
static void download_link(portal_req *r, svc *s, long long id)
{
    portal_rows *q = s->db_query(r, "SELECT method, path, filter, user_id, status = 'approved' "
                                 "AND decided_at + INTERVAL ? HOUR >= UTC_TIMESTAMP() FROM "
                                 "export_register WHERE id = ?", "ii",
                                 s->setting_int(r, "export_window_hours", NULL), id);
    if (!q || !s->db_next(q) || atoll(s->db_col(q, 3)) != s->user(r)->id ||
        strcmp(s->db_col(q, 4), "1") != 0)
        return;
    const char *filter = s->db_col(q, 2);
    if (strcmp(s->db_col(q, 0), "GET") == 0)
        s->setf(r, "Download", "%s?%s%sexport_ticket=%lld", s->db_col(q, 1), filter,
                *filter ? "&" : "", id);
}

int export_get(portal_req *r, svc *s)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Export", "SELECT e.id, e.created_at, e.user_id, u.username, "
                      "u.display_name AS user_name, e.kind, e.title, " PURPOSE_TITLE
                      "e.purpose, e.purpose_note, e.recipient, e.method, e.path, e.filter, "
                      "e.row_count, e.rows_written, e.full_id, e.status, d.display_name AS "
                      "decided_by, e.decided_at, e.decision_note, e.downloaded_at, "
                      "e.decided_at + INTERVAL ? HOUR AS download_until FROM export_register e "
                      "JOIN users u ON u.id = e.user_id LEFT JOIN users "
                      "d ON d.id = e.decided_by WHERE e.id = ?", "ii",
                      s->setting_int(r, "export_window_hours", NULL), id) != 1)
        return 500;
    s->set_int(r, "CanDecide", s->has_perm(r, "privacy.export_approve"));
    s->set_int(r, "Me", s->user(r)->id);
    download_link(r, s, id);
    s->audit(r, "privacy.export.view", "export", privacy_id(r, s, id), NULL);
    return s->render(r, "export.cs", s->sprintf(r, "导出申请 #%lld", id));
}

/* a decision on a pending request: the decider county-level and not the
 * requester; 0, or the refusal's status */
static int decide_refused(portal_req *r, svc *s, long long id, long long *requester)
{
    const struct portal_user *u = s->user(r);
    portal_rows *q = s->db_query(r, "SELECT user_id, status FROM export_register WHERE id = ? "
                                 "FOR UPDATE", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    *requester = atoll(s->db_col(q, 0));
    if (*requester == u->id)
        return s->refuse(r, 403, "export", privacy_id(r, s, id), "approver is the requester",
                         "不能审批本人提交的导出申请，须由县级另一名工作人员审批。");
    if (!u->division || strlen(u->division) != 12 || strcmp(u->division + 6, "000000") != 0)
        return s->refuse(r, 403, "export", privacy_id(r, s, id), "approver is not county-level",
                         "导出申请须由县级工作人员审批。");
    if (strcmp(s->db_col(q, 1), "pending") != 0)
        return s->fail(r, 409, "该导出申请已审批过，不能再次审批。");
    return 0;
}

static int decide(portal_req *r, svc *s, int approve)
{
    long long id = s->object(r)->id, requester = 0;
    int st = decide_refused(r, s, id, &requester);
    if (st)
        return st;
    const char *note = s->trim(r, s->param(r, "note"));
    if (!approve && !*note) {
        s->flash(r, "不批准时须写明理由。");
        return s->redirect(r, s->sprintf(r, "/privacy/exports/%lld", id));
    }
    if (s->db_exec(r, "UPDATE export_register SET status = ?, decided_by = ?, decided_at = "
                   "UTC_TIMESTAMP(), decision_note = ? WHERE id = ? AND status = 'pending'",
                   "sisi", approve ? "approved" : "rejected", s->user(r)->id, note, id) != 1)
        return 500;
    s->audit(r, approve ? "export.approve" : "export.reject", "export", privacy_id(r, s, id), note);
    struct portal_notice n = {requester, 0, NULL, approve ? "export.approved" : "export.rejected",
                              approve ? "您的导出申请已批准，请在时限内下载（只能下载一次）"
                                      : "您的导出申请未获批准",
                              *note ? note : NULL, s->sprintf(r, "/privacy/exports/%lld", id), 0,
                              "export", privacy_id(r, s, id)};
    if (s->notice_send(r, &n) < 0)
        return 500;
    s->flash(r, approve ? "已批准；申请人可在时限内下载一次。" : "已不予批准。");
    return s->redirect(r, s->sprintf(r, "/privacy/exports/%lld", id));
}

int export_approve_post(portal_req *r, svc *s)
{
    return decide(r, s, 1);
}

int export_reject_post(portal_req *r, svc *s)
{
    return decide(r, s, 0);
}
