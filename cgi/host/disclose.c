/*
 * disclose.c - children's personal information leaving the portal (issue 19,
 * items 1 and 4): the service export_begin that every export of personal
 * data calls before its first byte, the export register, the approval of
 * large exports with full ID numbers, and the sharing register (disclosures)
 * that child_link and exports to another department write.
 *
 * An export asks for a purpose (a label privacy.purpose, with free text; a
 * recipient for what goes to another department).  The host reads these
 * fields itself from the request (purpose, purpose_note, recipient,
 * export_ticket), so a module's route declares nothing for them: without a
 * valid purpose the host answers the form (templates/export_purpose.cs) that
 * asks the same request again with them.  Full ID numbers need the
 * permission export.full_id; above privacy.export_approval_rows rows the
 * export becomes a request (export_register.status 'pending') that another
 * county-level person approves on the privacy module's page; the requester
 * then asks the same export again with export_ticket=<id>, once, within
 * privacy.export_window_hours of the approval.
 */
#include "host.h"
#include "db.h"
#include "settings.h"
#include "disclose.h"
#include "lookup.h"

#include <stdlib.h>
#include <string.h>

#define APPROVAL_ROWS_DEFAULT 50
#define WINDOW_HOURS_DEFAULT 24

/* The purposes are the labels "privacy.purpose" of the privacy module (the
 * short list its administrators read on the register); what each one
 * requires is here: a recipient for another department (the export is then
 * a disclosure), free text for "other". */
struct purpose {
    const char *code, *title;
    int recipient, note;
};

static int purpose_find(const char *code, struct purpose *p)
{
    const char *title = code ? label_title("privacy.purpose", code) : NULL;
    if (!title)
        return -1;
    p->code = code;
    p->title = title;
    p->recipient = strcmp(code, "report_up") == 0 || strcmp(code, "dept_assist") == 0;
    p->note = strcmp(code, "other") == 0;
    return 0;
}

/* a field of the request as sent (the body of a POST, else the query
 * string): the host's own fields, declared by no route */
static const char *raw_field(portal_req *r, const char *name)
{
    const http_fields *fs = strcmp(r->method, "POST") == 0 ? &r->bf : &r->qf;
    const http_field *f = http_get(fs, name);
    return f && !f->filename ? f->value : NULL;
}

static int own_field(const char *name)
{
    static const char *const own[] = {"_csrf", "_idem", "purpose", "purpose_note", "recipient",
                                      "export_ticket", NULL};
    for (int i = 0; own[i]; i++)
        if (strcmp(own[i], name) == 0)
            return 1;
    return 0;
}

/* the export's parameters, URL-encoded in the order sent, without the
 * tokens and the host's own fields: the register's filter, and what an
 * approved request must ask again */
static const char *filter_of(portal_req *r)
{
    const http_fields *fs = strcmp(r->method, "POST") == 0 ? &r->bf : &r->qf;
    buf b = {0};
    for (size_t i = 0; i < fs->n; i++) {
        if (fs->v[i].filename || own_field(fs->v[i].name))
            continue;
        buf_printf(&b, "%s%s=%s", b.len ? "&" : "", text_url_encode(r->a, fs->v[i].name),
                   text_url_encode(r->a, fs->v[i].value));
    }
    const char *out = arena_strndup(r->a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

static long long setting_or(portal_req *r, const char *code, long long dflt)
{
    long long v = setting_number(r, code, services.today(r));
    return v == PORTAL_NO_SETTING || v < 0 ? dflt : v;
}

static void purpose_option(void *ctx, int i, const struct portal_label *l)
{
    portal_req *r = ctx;
    hdf_put(arena_sprintf(r->a, "Export.Purposes.%d.code", i), l->code);
    hdf_put(arena_sprintf(r->a, "Export.Purposes.%d.title", i), l->title);
}

/* the form that asks the same request again with a purpose; 200 */
static int purpose_form(portal_req *r, const struct portal_export *e, int need_approval)
{
    const http_fields *fs = strcmp(r->method, "POST") == 0 ? &r->bf : &r->qf;
    hdf_put("Export.Title", e->title);
    hdf_put_int("Export.Rows", e->rows);
    hdf_put_int("Export.FullId", e->full_id);
    hdf_put_int("Export.NeedApproval", need_approval);
    hdf_put("Export.Method", strcmp(r->method, "POST") == 0 ? "post" : "get");
    hdf_put("Export.Action", r->path);
    int k = 0;
    for (size_t i = 0; i < fs->n; i++) {
        if (fs->v[i].filename || own_field(fs->v[i].name))
            continue;
        hdf_put(arena_sprintf(r->a, "Export.Fields.%d.name", k), fs->v[i].name);
        hdf_put(arena_sprintf(r->a, "Export.Fields.%d.value", k++), fs->v[i].value);
    }
    labels_each("privacy.purpose", purpose_option, r);
    const char *v;
    if ((v = raw_field(r, "purpose")))
        hdf_put("Export.Purpose", v);
    if ((v = raw_field(r, "purpose_note")))
        hdf_put("Export.Note", v);
    if ((v = raw_field(r, "recipient")))
        hdf_put("Export.Recipient", v);
    r->status = 200;
    return render_page(r, r->route->mod, "export_purpose.cs", "导出：填写用途");
}

/* text of at most max bytes, valid, without control characters */
static const char *text_field(portal_req *r, const char *name, size_t max, int *bad)
{
    const char *v = raw_field(r, name);
    v = v ? text_trim(r->a, v) : "";
    if (utf8_chars(v) > max || !http_text_ok(v, strlen(v), 0)) /* characters: VARCHAR(max) */
        *bad = 1;
    return v;
}

/* the purpose fields checked into p: 0, or 1 for the form (errors set
 * unless it is the first time) */
static int purpose_read(portal_req *r, struct purpose *p, const char **note,
                        const char **recipient)
{
    const char *code = raw_field(r, "purpose");
    int bad_note = 0, bad_rcpt = 0, known = purpose_find(code, p) == 0;
    *note = text_field(r, "purpose_note", 200, &bad_note);
    *recipient = text_field(r, "recipient", 100, &bad_rcpt);
    if (!code && !raw_field(r, "purpose_note"))
        return 1; /* the first time: the form without errors */
    if (!known)
        form_error(r, "purpose", "请选择导出用途。");
    if (bad_note)
        form_error(r, "purpose_note", "用途说明最多 200 个字，且不能含控制字符。");
    else if (known && p->note && strlen(*note) < 6)
        form_error(r, "purpose_note", "用途选“其他”时须写明具体用途（至少 2 个字）。");
    if (bad_rcpt)
        form_error(r, "recipient", "接收单位最多 100 个字。");
    else if (known && p->recipient && !**recipient)
        form_error(r, "recipient", "上级报送、部门协查须写明接收单位。");
    return form_failed(r) ? 1 : 0;
}

/* the sharing register's row of an export to another department */
static int disclose_export(portal_req *r, const struct portal_export *e, long long reg_id,
                           const struct purpose *p, const char *note, const char *recipient)
{
    if (!p->recipient)
        return 0;
    const char *basis = *note ? arena_sprintf(r->a, "%s：%s", p->title, note) : p->title;
    return db_exec(r->a, "INSERT INTO disclosures (child_id, org_id, recipient, categories, "
                   "basis, disclosed_at, source, export_id, module, user_id) VALUES (NULL, "
                   "NULL, ?, ?, ?, UTC_TIMESTAMP(), 'export', ?, ?, ?)", "sssisi", recipient,
                   e->categories && *e->categories ? e->categories : e->title, basis, reg_id,
                   r->route->mod->m->name, (long long)r->user.id) == 1 ? 0 : -1;
}

static void audit_export(portal_req *r, const struct portal_export *e, long long reg_id,
                         const char *purpose, const char *filter, const char *action)
{
    audit(r, action, "export", arena_sprintf(r->a, "%lld", reg_id),
          arena_sprintf(r->a, "kind=%s purpose=%s rows=%lld full_id=%d filter=%s", e->kind,
                        purpose, e->rows, e->full_id, filter));
}

/* the register's row (and a used ticket) committed before the file's first
 * byte: a streamed export must not hold the transaction open (the host
 * commits when the output starts, with the stream's rows still coming),
 * and an export that fails after it has still been asked for.  0, or 503 */
static int commit_before_file(void)
{
    return !db_doomed() && db_commit_now() == 0 ? 0 : 503;
}

/* an approved request downloaded: 0, or the refusal's status */
static int ticket_use(portal_req *r, const struct portal_export *e, const char *ticket,
                      const char *filter)
{
    long long id = atoll(ticket);
    struct purpose p;
    const char *oid = arena_sprintf(r->a, "%lld", id);
    long long hours = setting_or(r, "privacy.export_window_hours", WINDOW_HOURS_DEFAULT);
    db_rows *q = db_query(r->a, "SELECT user_id, kind, path, filter, status, purpose, "
                          "purpose_note, recipient, decided_at + INTERVAL ? HOUR < "
                          "UTC_TIMESTAMP() FROM export_register WHERE id = ? FOR UPDATE",
                          "ii", hours, id);
    if (!q)
        return 500;
    if (!db_next(q) || atoll(db_col(q, 0)) != r->user.id || strcmp(db_col(q, 1), e->kind) ||
        strcmp(db_col(q, 2), r->path) || strcmp(db_col(q, 3), filter))
        return services.refuse(r, 404, "export", oid, "no such export request of this user "
                               "for this export", "没有这个导出申请。");
    const char *st = db_col(q, 4);
    if (strcmp(st, "pending") == 0 || strcmp(st, "rejected") == 0)
        return services.refuse(r, 403, "export", oid, arena_sprintf(r->a, "export request %s",
                               st), strcmp(st, "pending") == 0 ? "该导出申请尚未审批，不能下载。"
                               : "该导出申请未获批准，不能下载。");
    if (strcmp(st, "downloaded") == 0)
        return services.refuse(r, 403, "export", oid, "export request downloaded already",
                               "该导出已下载过一次，不能再次下载；如需要请重新申请。");
    if (strcmp(st, "approved") != 0 || !db_col(q, 8) || atoi(db_col(q, 8)))
        return services.refuse(r, 403, "export", oid, "approval expired",
                               "审批后的下载时限已过，请重新申请。");
    if (db_exec(r->a, "UPDATE export_register SET status = 'downloaded', downloaded_at = "
                "UTC_TIMESTAMP(), row_count = ? WHERE id = ? AND status = 'approved'", "ii",
                e->rows, id) != 1 ||
        purpose_find(db_col(q, 5), &p) != 0 ||
        disclose_export(r, e, id, &p, db_col(q, 6), db_col(q, 7)) != 0)
        return 500;
    audit_export(r, e, id, db_col(q, 5), filter, "data.export");
    return commit_before_file();
}

/* a register row: its id, or 0 */
static long long register_row(portal_req *r, const struct portal_export *e, const char *status,
                              const struct purpose *p, const char *note, const char *recipient,
                              const char *filter)
{
    if (db_exec(r->a, "INSERT INTO export_register (kind, title, user_id, division_code, "
                "created_at, purpose, purpose_note, recipient, method, path, filter, "
                "row_count, full_id, status) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?, ?, ?, ?, "
                "?, ?, ?, ?, ?)", "ssisssssssiis", e->kind, e->title, (long long)r->user.id,
                r->user.division ? r->user.division : "", p->code, note, recipient, r->method,
                r->path, filter, e->rows, (long long)(e->full_id != 0), status) != 1)
        return 0;
    return db_insert_id();
}

/* a large export with full ID numbers becomes a request: the page that says
 * so (200), or 500 */
static int request_approval(portal_req *r, const struct portal_export *e,
                            const struct purpose *p, const char *note, const char *recipient,
                            const char *filter)
{
    long long id = register_row(r, e, "pending", p, note, recipient, filter);
    if (!id)
        return 500;
    audit_export(r, e, id, p->code, filter, "data.export.request");
    /* the county's office is told: its approvers act on the request's page */
    const char *div = r->user.division && strlen(r->user.division) == 12 ? r->user.division
                                                                          : "000000000000";
    struct portal_notice n = {0, 0, arena_sprintf(r->a, "%.6s000000", div), "export.request",
                              arena_sprintf(r->a, "导出申请待审批：%s（%lld 行，含完整身份证号）",
                                            e->title, e->rows),
                              NULL, arena_sprintf(r->a, "/privacy/exports/%lld", id), 0,
                              "export", arena_sprintf(r->a, "%lld", id)};
    if (services.notice_send(r, &n) < 0)
        return 500;
    hdf_put_int("Export.Id", id);
    hdf_put("Export.Title", e->title);
    hdf_put_int("Export.Rows", e->rows);
    r->status = 200;
    return render_page(r, r->route->mod, "export_requested.cs", "导出：已提交审批");
}

static int export_valid(const struct portal_export *e)
{
    return e && e->kind && *e->kind && e->title && *e->title && e->rows >= 0 &&
           strlen(e->kind) <= 64 && strlen(e->title) <= 100;
}

int export_svc_begin(portal_req *r, const struct portal_export *e)
{
    if (!r->logged_in || !r->route || !export_valid(e)) {
        log_msg("PT1901", "export_begin: no user or an invalid export");
        return 500;
    }
    if (e->full_id && !user_has_perm(r, "export.full_id"))
        return services.refuse(r, 403, "export", e->kind, "full ID numbers without "
                               "export.full_id", "您没有导出完整身份证号的权限。");
    const char *filter = filter_of(r), *ticket = raw_field(r, "export_ticket");
    if (strlen(filter) > 2000)
        return services.fail(r, 400, "导出条件过长。");
    if (ticket && *ticket)
        return ticket_use(r, e, ticket, filter);
    long long limit = setting_or(r, "privacy.export_approval_rows", APPROVAL_ROWS_DEFAULT);
    int need_approval = e->full_id && e->rows > limit;
    struct purpose p;
    const char *note, *recipient;
    if (purpose_read(r, &p, &note, &recipient) != 0)
        return purpose_form(r, e, need_approval);
    if (need_approval)
        return request_approval(r, e, &p, note, recipient, filter);
    long long id = register_row(r, e, "done", &p, note, recipient, filter);
    if (!id || disclose_export(r, e, id, &p, note, recipient) != 0)
        return 500;
    audit_export(r, e, id, p.code, filter, "data.export");
    return commit_before_file();
}

/* child_link's row of the sharing register (scope.c): 0, -1 */
int disclose_link(portal_req *r, long long child_id, long long org_id, const char *org_name,
                  const char *relation_title, long long link_id, const char *module)
{
    return db_exec(r->a, "INSERT INTO disclosures (child_id, org_id, recipient, categories, "
                   "basis, disclosed_at, source, link_id, module, user_id) VALUES (?, ?, ?, "
                   "'身份信息（姓名、性别、出生日期、脱敏身份证号）、所属类别、与本单位相关的服务记录', ?, "
                   "UTC_TIMESTAMP(), 'link', ?, ?, ?)", "iissisi", child_id, org_id, org_name,
                   arena_sprintf(r->a, "关联儿童（%s）", relation_title), link_id, module,
                   (long long)r->user.id) == 1 ? 0 : -1;
}
