/*
 * disclose.c - children's personal information leaving the portal (issue 19,
 * items 1 and 4): the service export_begin that every export of personal
 * data calls before its first byte, the export register, the approval of
 * large exports with full ID numbers, and the sharing register (disclosures)
 * that child_link and exports to another department write.
 *
 * An export asks for a purpose (an entry of the privacy module's lookup
 * "purpose", which the county extends on /admin/settings/privacy, with free
 * text; a recipient for what goes to another department).  The host reads these
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
#include "dates.h"
#include "tasks.h"

#include <stdlib.h>
#include <string.h>

#define APPROVAL_ROWS_DEFAULT 50
#define WINDOW_HOURS_DEFAULT 24

/* The purposes are the entries of the lookup "privacy.purpose" valid
 * today (the county adds its own; migration privacy/006 holds the first
 * five); what each one requires is a property of the entry: a recipient
 * (another department or a higher level: the export is then a disclosure),
 * free text (as for 其他). */
struct purpose {
    const char *code, *title;
    int recipient, note;
};

static int yes(const char *v)
{
    return v && (strcmp(v, "是") == 0 || strcmp(v, "1") == 0);
}

/* 0 found, -1 not a purpose of today, -2 a database error */
static int purpose_find(portal_req *r, const char *code, struct purpose *p)
{
    if (!code)
        return -1;
    const char *today = clock_today(r);
    db_rows *q = db_query(r->a, "SELECT c1, c2, c3 FROM lookup_entries WHERE module = "
                          "'privacy' AND kind = 'purpose' AND code = ? AND valid_from <= ? AND "
                          "(valid_to IS NULL OR valid_to > ?) ORDER BY valid_from DESC LIMIT 1",
                          "sss", code, today, today);
    if (!q)
        return -2;
    if (!db_next(q))
        return -1;
    p->code = code;
    p->title = arena_strdup(r->a, db_col(q, 0));
    p->recipient = yes(db_col(q, 1));
    p->note = yes(db_col(q, 2));
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
    long long v = setting_number(r, code, clock_today(r));
    return v == PORTAL_NO_SETTING || v < 0 ? dflt : v;
}

static void put_hdf(portal_req *r, const char *name, const char *value)
{
    (void)r;
    hdf_put(name, value);
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
    if (lookup_rows(r, "Export.Purposes", "privacy.purpose", clock_today(r), put_hdf) < 0)
        return 500;
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

/* the purpose fields checked into p: 0, 1 for the form (errors set unless
 * it is the first time), -1 a database error */
static int purpose_read(portal_req *r, struct purpose *p, const char **note,
                        const char **recipient)
{
    const char *code = raw_field(r, "purpose");
    int bad_note = 0, bad_rcpt = 0, found = purpose_find(r, code, p), known = found == 0;
    if (found == -2)
        return -1;
    *note = text_field(r, "purpose_note", 200, &bad_note);
    *recipient = text_field(r, "recipient", 100, &bad_rcpt);
    if (!code && !raw_field(r, "purpose_note"))
        return 1; /* the first time: the form without errors */
    if (!known)
        form_error(r, "purpose", "请选择导出用途。");
    if (bad_note)
        form_error(r, "purpose_note", "用途说明最多 200 个字，且不能含控制字符。");
    else if (known && p->note && strlen(*note) < 6)
        form_error(r, "purpose_note",
                   arena_sprintf(r->a, "用途选“%s”时须写明具体用途（至少 2 个字）。", p->title));
    if (bad_rcpt)
        form_error(r, "recipient", "接收单位最多 100 个字。");
    else if (known && p->recipient && !**recipient)
        form_error(r, "recipient",
                   arena_sprintf(r->a, "用途选“%s”时须写明接收单位。", p->title));
    return form_failed(r) ? 1 : 0;
}

/* an export is a disclosure when it goes to another department or a
 * higher level (a purpose with a recipient) or holds full ID numbers: the
 * sharing register has its row, and a row per child it held */
static int is_disclosure(const struct portal_export *e, const struct purpose *p)
{
    return p->recipient || e->full_id;
}

/* the sharing register's row of an export that is a disclosure */
static int disclose_export(portal_req *r, const struct portal_export *e, long long reg_id,
                           const struct purpose *p, const char *note, const char *recipient)
{
    if (!is_disclosure(e, p))
        return 0;
    const char *basis = *note ? arena_sprintf(r->a, "%s：%s", p->title, note) : p->title;
    return db_exec(r->a, "INSERT INTO disclosures (child_id, org_id, recipient, categories, "
                   "basis, disclosed_at, source, export_id, module, user_id) VALUES (NULL, "
                   "NULL, ?, ?, ?, UTC_TIMESTAMP(), 'export', ?, ?, ?)", "sssisi",
                   *recipient ? recipient : "本单位内部使用（含完整身份证号）",
                   e->categories && *e->categories ? e->categories : e->title, basis, reg_id,
                   r->route->mod->m->name, (long long)r->user.id) == 1 ? 0 : -1;
}

/* The export going out in this request: the rows the module wrote
 * (export_row) and, for a disclosure, the children they held, written by
 * export_settle once the file is out (a streamed query holds the
 * connection while the rows are written). */
struct export_run {
    long long id, rows;
    int disclosure;
    long long *ids; /* malloc'd: a file may hold a million rows */
    size_t n, cap;
};

static void export_started(portal_req *r, long long id, int disclosure)
{
    struct export_run *x = arena_zalloc(r->a, sizeof *x);
    x->id = id;
    x->disclosure = disclosure;
    r->export = x;
}

void export_svc_row(portal_req *r, long long child_id)
{
    struct export_run *x = r ? r->export : NULL;
    if (!x)
        return;
    x->rows++;
    if (!x->disclosure || child_id <= 0 || x->cap == (size_t)-1)
        return;
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 1024;
        long long *ids = realloc(x->ids, cap * sizeof *ids);
        if (!ids) {
            log_msg("PT1902", "export %lld: no memory for its children's rows", x->id);
            x->cap = (size_t)-1; /* the export is marked failed (export_settle) */
            return;
        }
        x->ids = ids;
        x->cap = cap;
    }
    x->ids[x->n++] = child_id;
}

static int cmp_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

#define CHILD_CHUNK 500

/* the children of x, each once, a multi-row INSERT per chunk: 0, -1 */
static int children_write(portal_req *r, struct export_run *x)
{
    if (!x->n)
        return 0;
    qsort(x->ids, x->n, sizeof *x->ids, cmp_id);
    size_t n = 1;
    for (size_t i = 1; i < x->n; i++)
        if (x->ids[i] != x->ids[n - 1])
            x->ids[n++] = x->ids[i];
    struct db_arg *args = arena_zalloc(r->a, 2 * CHILD_CHUNK * sizeof *args);
    char types[2 * CHILD_CHUNK + 1];
    buf sql = {0};
    int rc = 0;
    for (size_t at = 0; at < n && rc == 0; at += CHILD_CHUNK) {
        size_t k = n - at < CHILD_CHUNK ? n - at : CHILD_CHUNK;
        buf_reset(&sql);
        buf_adds(&sql, "INSERT IGNORE INTO export_children (export_id, child_id) VALUES ");
        for (size_t i = 0; i < k; i++) {
            buf_adds(&sql, i ? ",(?,?)" : "(?,?)");
            args[2 * i] = (struct db_arg){'i', x->id, NULL, 0};
            args[2 * i + 1] = (struct db_arg){'i', x->ids[at + i], NULL, 0};
            types[2 * i] = types[2 * i + 1] = 'i';
        }
        types[2 * k] = 0;
        rc = db_exec_args(r->a, sql.data, types, args) < 0 ? -1 : 0;
    }
    buf_free(&sql);
    return rc;
}

void export_settle(portal_req *r, int status)
{
    struct export_run *x = r->export;
    if (!x)
        return;
    r->export = NULL;
    int failed = status >= 400 || x->cap == (size_t)-1;
    int rc = db_in_txn() || db_begin() != 0 || children_write(r, x) != 0 ||
             db_exec(r->a, "UPDATE export_register SET rows_written = ?, status = IF(?, "
                     "'failed', status) WHERE id = ?", "iii", x->rows, (long long)failed,
                     x->id) < 0 ? -1 : 0;
    if (rc == 0 && failed)
        audit(r, "data.export.fail", "export", arena_sprintf(r->a, "%lld", x->id),
              arena_sprintf(r->a, "rows_written=%lld status=%d", x->rows, status));
    if (rc != 0 || db_doomed() || db_commit_now() != 0) {
        if (db_in_txn())
            db_rollback();
        log_msg("PT1903", "export %lld: its rows written (%lld) and children could not be "
                "recorded (%u %s)", x->id, x->rows, db_errno(), db_error());
    }
    free(x->ids);
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

/* the purpose an approved request was asked with: its entry, or (retired
 * since) the code itself, a disclosure when it named a recipient; 0, -1 */
static int purpose_of_request(portal_req *r, const char *code, const char *recipient,
                              struct purpose *p)
{
    int rc = purpose_find(r, code, p);
    if (rc == -1) {
        *p = (struct purpose){code, code, recipient && *recipient, 0};
        return 0;
    }
    return rc;
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
        return reply_refuse(r, 404, "export", oid, "no such export request of this user "
                               "for this export", "没有这个导出申请。");
    const char *st = db_col(q, 4);
    if (strcmp(st, "pending") == 0 || strcmp(st, "rejected") == 0)
        return reply_refuse(r, 403, "export", oid, arena_sprintf(r->a, "export request %s",
                               st), strcmp(st, "pending") == 0 ? "该导出申请尚未审批，不能下载。"
                               : "该导出申请未获批准，不能下载。");
    if (strcmp(st, "downloaded") == 0)
        return reply_refuse(r, 403, "export", oid, "export request downloaded already",
                               "该导出已下载过一次，不能再次下载；如需要请重新申请。");
    if (strcmp(st, "approved") != 0 || !db_col(q, 8) || atoi(db_col(q, 8)))
        return reply_refuse(r, 403, "export", oid, "approval expired",
                               "审批后的下载时限已过，请重新申请。");
    if (db_exec(r->a, "UPDATE export_register SET status = 'downloaded', downloaded_at = "
                "UTC_TIMESTAMP(), row_count = ? WHERE id = ? AND status = 'approved'", "ii",
                e->rows, id) != 1 ||
        purpose_of_request(r, db_col(q, 5), db_col(q, 7), &p) != 0 ||
        disclose_export(r, e, id, &p, db_col(q, 6), db_col(q, 7)) != 0)
        return 500;
    audit_export(r, e, id, db_col(q, 5), filter, "data.export");
    export_started(r, id, is_disclosure(e, &p));
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
    if (notice_svc_send(r, &n) < 0)
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
        return reply_refuse(r, 403, "export", e->kind, "full ID numbers without "
                               "export.full_id", "您没有导出完整身份证号的权限。");
    const char *filter = filter_of(r), *ticket = raw_field(r, "export_ticket");
    if (strlen(filter) > 2000)
        return reply_fail(r, 400, "导出条件过长。");
    if (ticket && *ticket)
        return ticket_use(r, e, ticket, filter);
    long long limit = setting_or(r, "privacy.export_approval_rows", APPROVAL_ROWS_DEFAULT);
    int need_approval = e->full_id && e->rows > limit;
    struct purpose p;
    const char *note, *recipient;
    int asked = purpose_read(r, &p, &note, &recipient);
    if (asked < 0)
        return 500;
    if (asked)
        return purpose_form(r, e, need_approval);
    if (need_approval)
        return request_approval(r, e, &p, note, recipient, filter);
    long long id = register_row(r, e, "done", &p, note, recipient, filter);
    if (!id || disclose_export(r, e, id, &p, note, recipient) != 0)
        return 500;
    audit_export(r, e, id, p.code, filter, "data.export");
    export_started(r, id, is_disclosure(e, &p));
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
