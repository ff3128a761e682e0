/*
 * services.c - the table of host services handed to modules: the only way a
 * module reaches the request, the response, templates, the database, the
 * audit log and the log.
 */
#include "host.h"
#include "db.h"
#include "audit.h"
#include "crypto.h"
#include "workflow.h"
#include "files.h"
#include "child.h"
#include "dates.h"
#include "lookup.h"
#include "settings.h"
#include "csv.h"
#include "sheet.h"
#include "pay.h"
#include "tasks.h"
#include "scope.h"
#include "idcard.h"
#include "disclose.h"
#include "rmb.h"
#include "docx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *s_param(portal_req *r, const char *name) { return req_param(r, name); }

static const char *s_client_ip(portal_req *r) { return r->remote_addr ? r->remote_addr : ""; }

static long long s_param_int(portal_req *r, const char *name, long long dflt)
{
    const char *v = req_param(r, name);
    if (!v || !*v)
        return dflt;
    char *end;
    long long n = strtoll(v, &end, 10);
    return *end ? dflt : n;
}

static const char *s_path_arg(portal_req *r, const char *name)
{
    for (size_t i = 0; i < r->nargs; i++)
        if (strcmp(r->arg_names[i], name) == 0)
            return r->arg_values[i];
    return NULL;
}

static const char *s_method(portal_req *r) { return r->method; }

static const struct portal_user *s_user(portal_req *r)
{
    return r->logged_in ? &r->user : NULL;
}

static int s_has_perm(portal_req *r, const char *perm) { return user_has_perm(r, perm); }

static const char *s_upload(portal_req *r, const char *name, size_t *len, const char **filename,
                            const char **ctype)
{
    const struct portal_param *p = r->route->r->params;
    for (; p && p->name; p++)
        if (p->type == PP_FILE && strcmp(p->name, name) == 0)
            break;
    if (!p || !p->name)
        return NULL;
    const http_field *f = http_get(&r->bf, name);
    if (!f || !f->filename)
        return NULL;
    if (len) *len = f->len;
    if (filename) *filename = f->filename;
    if (ctype) *ctype = f->ctype;
    return f->value;
}

static void s_setf(portal_req *r, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *v = arena_vsprintf(r->a, fmt, ap);
    va_end(ap);
    render_set(r, name, v);
}

static int s_render(portal_req *r, const char *tmpl, const char *title)
{
    return render_page(r, r->route->mod, tmpl, title);
}

static int s_redirect(portal_req *r, const char *path)
{
    /* local paths only: no open redirects */
    if (!is_local_path(path))
        path = "/";
    resp_header(r, "Location", path);
    return 303;
}

static void s_flash(portal_req *r, const char *msg) { set_flash(r, msg); }

static void s_header(portal_req *r, const char *name, const char *value)
{
    if (strcasecmp(name, "Content-Type") == 0)
        r->ctype = arena_strdup(r->a, value);
    else
        resp_header(r, name, value);
}

static void s_write(portal_req *r, const void *data, size_t len) { resp_write(r, data, len); }

static long long s_db_exec(portal_req *r, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    long long n = db_vexec(r->a, sql, types, ap);
    va_end(ap);
    return n;
}

static portal_rows *s_db_query(portal_req *r, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    db_rows *rows = db_vquery(r->a, sql, types, ap);
    va_end(ap);
    return (portal_rows *)rows;
}

static int s_db_next(portal_rows *rows) { return db_next((db_rows *)rows); }
static const char *s_db_col(portal_rows *rows, int col)
{
    return col < 0 ? NULL : db_col((db_rows *)rows, (size_t)col);
}

static int s_db_query_hdf(portal_req *r, const char *prefix, const char *sql, const char *types,
                          ...)
{
    va_list ap;
    va_start(ap, types);
    db_rows *rows = db_vquery(r->a, sql, types, ap);
    va_end(ap);
    if (!rows)
        return -1;
    return hdf_put_rows(prefix, rows);
}

static long long s_db_insert_id(portal_req *r) { (void)r; return db_insert_id(); }
static int s_db_begin(portal_req *r) { (void)r; return db_begin(); }
static int s_db_commit(portal_req *r) { (void)r; return db_commit(); }
static void s_db_rollback(portal_req *r) { (void)r; db_rollback(); }

static void s_log(const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(id, fmt, ap);
    va_end(ap);
}

static void *s_alloc(portal_req *r, size_t n) { return arena_zalloc(r->a, n); }

static char *s_sprintf(portal_req *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vsprintf(r->a, fmt, ap);
    va_end(ap);
    return s;
}

static const char *s_config(const char *key)
{
    /* secrets stay in the host */
    if (strstr(key, "password") || strstr(key, "key"))
        return NULL;
    return config_get(key, NULL);
}

static const void *s_encrypt(portal_req *r, const char *pt, size_t *len)
{
    if (!pt)
        return NULL;
    unsigned char *ct = crypto_encrypt(r->a, pt, strlen(pt), len);
    if (!ct)
        log_msg("PT0503", "encryption unavailable (no key loaded?)");
    return ct;
}

static const char *s_decrypt(portal_req *r, const void *ct, size_t len)
{
    char *pt = crypto_decrypt(r->a, ct, len, NULL);
    if (!pt && ct)
        log_msg("PT0504", "a field failed to decrypt (tampered or unknown key)");
    return pt;
}

static const char *s_hmac(portal_req *r, const char *text)
{
    char *out = arena_alloc(r->a, 65);
    if (!text || crypto_hmac_hex(text, out) != 0)
        return NULL;
    return out;
}

static size_t s_db_col_len(portal_rows *rows, int col)
{
    return col < 0 ? 0 : db_col_len((db_rows *)rows, (size_t)col);
}

static long long s_db_stream(portal_req *r, int (*row)(void *, portal_rows *), void *ctx,
                             const char *sql, const char *types, ...)
{
    /* the rows stream out as they come, and no statement runs meanwhile:
     * a read's held audit rows are written first (kept.c) */
    if (audit_flush(r) != 0)
        return -1;
    va_list ap;
    va_start(ap, types);
    long long n = db_vstream(r->a, (int (*)(void *, db_rows *))row, ctx, sql, types, ap);
    va_end(ap);
    return n;
}

static const char *s_fen_to_yuan(portal_req *r, long long fen)
{
    char out[32];
    money_format(fen, out);
    return arena_strdup(r->a, out);
}

/* 2.24: a child panel's headings (row < 0) or one row of its cells */
static void s_panel_cells(portal_req *r, const char *prefix, int row, const char *const *cells,
                          int n)
{
    for (int i = 0; i < n; i++) {
        const char *name = row < 0 ? arena_sprintf(r->a, "%s.Cols.%d", prefix, i)
                                   : arena_sprintf(r->a, "%s.Rows.%d.%d", prefix, row, i);
        render_set(r, name, cells[i] ? cells[i] : "");
    }
}

/* 2.24: a panel's rows of the child in a table, unless the child has none */
static int s_panel_rows(portal_req *r, long long child_id, const char *table, const char *sql,
                        portal_rows **rows)
{
    *rows = NULL;
    int has = child_has(r, child_id, table);
    if (has <= 0)
        return has;
    *rows = s_db_query(r, sql, "i", child_id);
    return *rows ? 1 : -1;
}

/* 1.5: the sections other modules add to a child's file.  The caller (the
 * registry) has checked its own permission and the child; the host checks
 * the child's jurisdiction again so no module can be made to show a child
 * outside the user's scope, then asks every enabled module in module order
 * for the panels the user may see: prefix.N.{module,title,rows} and what
 * the module's fill() puts under prefix.N. */
static int s_child_panels(portal_req *r, long long child_id, const char *prefix)
{
    if (!r->logged_in || !prefix || !*prefix)
        return -1;
    const struct portal_child *c = child_load(r, child_id);
    if (!c || !scope_allows(r, c->village_code, c->id)) {
        log_msg("PT0506", "child panels asked for child %lld outside the user's scope", child_id);
        return -1;
    }
    int n = 0;
    for (size_t i = 0; i < modules_count(); i++) {
        const struct loaded_module *lm = module_at(i);
        if (!lm->enabled)
            continue;
        for (const struct portal_child_panel *p = lm->m->child_panels; p && p->title; p++) {
            if (p->permission && !user_has_perm(r, p->permission))
                continue;
            const char *pp = arena_sprintf(r->a, "%s.%d", prefix, n);
            render_set(r, arena_sprintf(r->a, "%s.module", pp), lm->m->name);
            render_set(r, arena_sprintf(r->a, "%s.title", pp), p->title);
            struct loaded_module *was = r->mod;
            r->mod = (struct loaded_module *)lm;
            int rows = p->fill(r, &services, child_id, pp);
            r->mod = was;
            if (rows < 0) {
                log_msg("PT0507", "module %s: child panel %s failed for child %lld", lm->m->name,
                        p->title, child_id);
                return -1;
            }
            render_set_int(r, arena_sprintf(r->a, "%s.rows", pp), rows);
            /* Link must be a local path, as for s->redirect */
            const char *ln = arena_sprintf(r->a, "%s.Link", pp), *link = hdf_value(ln);
            if (link && (link[0] != '/' || link[1] == '/' || link[1] == '\\' ||
                         strpbrk(link, "\r\n"))) {
                log_msg("PT0508", "module %s: child panel %s: Link is not a local path",
                        lm->m->name, p->title);
                hdf_drop(ln);
            }
            n++;
        }
    }
    return n;
}

/* 2.0: routes, objects, the child */
static long long s_path_int(portal_req *r, const char *name) { return req_path_int(r, name); }
static const struct portal_object *s_object(portal_req *r) { return r->object; }
static void s_db_reads_committed(portal_req *r) { db_read_committed(); }

static int s_db_commit_now(portal_req *r)
{
    (void)r;
    return !db_doomed() && db_commit_now() == 0 ? 0 : -1;
}

/* ---- 2.0: rows, labels, helpers */

static int s_db_row_hdf(portal_req *r, const char *prefix, const char *sql, const char *types,
                        ...)
{
    va_list ap;
    va_start(ap, types);
    db_rows *rows = db_vquery(r->a, sql, types, ap);
    va_end(ap);
    if (!rows || render_reserved(prefix))
        return -1;
    if (!db_next(rows))
        return 0;
    hdf_put_row(prefix, rows);
    return 1;
}

static void s_put_row(portal_req *r, const char *prefix, portal_rows *rows)
{
    if (!render_reserved(prefix))
        hdf_put_row(prefix, rows);
}

static const char *s_col(portal_rows *rows, const char *name)
{
    return db_col_named((db_rows *)rows, name);
}

static int s_col_index(portal_rows *rows, const char *name)
{
    return db_col_index((db_rows *)rows, name);
}

static const char *s_label(portal_req *r, const char *kind, const char *code)
{
    const char *t = label_title(kind, code);
    return t ? t : code ? code : "";
}

static int s_labels_hdf(portal_req *r, const char *prefix, const char *kind)
{
    (void)r;
    if (render_reserved(prefix))
        return labels_each(kind, NULL, NULL); /* counted, nothing set */
    return hdf_put_labels(prefix, kind);
}

static const char *s_day_format(portal_req *r, long day)
{
    char *out = arena_alloc(r->a, 11);
    day_format(day, out);
    return out;
}

static const char *s_date_add(portal_req *r, const char *ymd, int n, int working)
{
    long d = day_parse(ymd);
    if (d == PORTAL_NO_DAY || n > 3650 || n < -3650)
        return NULL;
    size_t nex = 0;
    const struct day_exc *ex = working ? wf_calendar(r, &nex) : NULL;
    const char *out = s_day_format(r, day_add(d, n, working, ex, nex));
    return day_parse(out) == PORTAL_NO_DAY ? NULL : out; /* past the years 1900-9999 */
}

static int s_age_on(portal_req *r, const char *birth, const char *on)
{
    return day_age(day_parse(birth), day_parse(on ? on : clock_today(r)));
}

static const char *s_trim(portal_req *r, const char *v) { return text_trim(r->a, v); }
static const char *s_like_escape(portal_req *r, const char *v)
{
    return text_like_escape(r->a, v);
}
static const char *s_url_encode(portal_req *r, const char *v) { return text_url_encode(r->a, v); }

static void s_form_error(portal_req *r, const char *field, const char *msg)
{
    form_error(r, field, msg);
}
static int s_form_failed(portal_req *r) { return form_failed(r); }

static portal_csv *s_csv_open(portal_req *r, const void *data, size_t len)
{
    return csv_open(r->a, data, len);
}

/* 2.1: module settings and lookups (settings.c) */
static const char *s_setting(portal_req *r, const char *code, const char *on)
{
    return setting_value(r, code, on ? on : clock_today(r));
}

static long long s_setting_int(portal_req *r, const char *code, const char *on)
{
    return setting_number(r, code, on ? on : clock_today(r));
}

static int s_lookup_hdf(portal_req *r, const char *prefix, const char *kind, const char *on)
{
    return lookup_rows(r, prefix, kind, on ? on : clock_today(r), render_set);
}

static int s_divisions_hdf(portal_req *r, const char *prefix, const char *level,
                           const char *code_prefix, const char *on)
{
    on = on ? on : clock_today(r);
    if (render_reserved(prefix))
        return divisions_each(level, code_prefix, on, NULL, NULL); /* counted, nothing set */
    return hdf_put_divisions(prefix, level, code_prefix, on);
}

static int s_divisions_changed(portal_req *r)
{
    return db_exec(r->a, "UPDATE cache_versions SET version = version + 1 "
                   "WHERE name = 'divisions'", "") < 0 ? -1 : 0;
}

static const struct portal_module *s_module_nth(portal_req *r, int i)
{
    return module_enabled_nth(i);
}

/* 2.12 duties: an amount in 人民币大写 (rmb.c) */
static const char *s_fen_to_rmb_upper(portal_req *r, long long fen)
{
    char *out = arena_alloc(r->a, 160);
    return rmb_upper(fen, out, 160) == 0 ? out : "";
}

const struct portal_services services = {
    .magic = PORTAL_MODULE_MAGIC,
    .abi_major = PORTAL_ABI_MAJOR,
    .abi_minor = PORTAL_ABI_MINOR,
    .size = sizeof(struct portal_services),
    .param = s_param,
    .param_int = s_param_int,
    .param_n = req_param_n,
    .client_ip = s_client_ip,
    .path_arg = s_path_arg,
    .method = s_method,
    .user = s_user,
    .has_perm = s_has_perm,
    .upload = s_upload,
    .set = render_set,
    .setf = s_setf,
    .set_int = render_set_int,
    .render = s_render,
    .redirect = s_redirect,
    .flash = s_flash,
    .fail = reply_fail,
    .header = s_header,
    .write = s_write,
    .db_exec = s_db_exec,
    .db_query = s_db_query,
    .db_next = s_db_next,
    .db_col = s_db_col,
    .db_query_hdf = s_db_query_hdf,
    .db_insert_id = s_db_insert_id,
    .db_begin = s_db_begin,
    .db_commit = s_db_commit,
    .db_rollback = s_db_rollback,
    .audit = audit,
    .log = s_log,
    .alloc = s_alloc,
    .sprintf = s_sprintf,
    .config = s_config,
    .in_scope = in_scope,
    .scope_prefix = scope_prefix,
    .encrypt = s_encrypt,
    .decrypt = s_decrypt,
    .hmac = s_hmac,
    .db_col_len = s_db_col_len,
    .db_stream = s_db_stream,
    .not_found = reply_not_found,
    .today = clock_today,
    .csv_cell = resp_csv_cell,
    .output_sent = resp_sent,
    .yuan_to_fen = money_parse_fen,
    .fen_to_yuan = s_fen_to_yuan,
    .child_panels = s_child_panels,
    .wf_start = wf_svc_start,
    .wf_act = wf_svc_act,
    .wf_error = wf_svc_error,
    .wf_inbox_hdf = wf_svc_inbox_hdf,
    .wf_app_hdf = wf_svc_app_hdf,
    .file_store = file_svc_store,
    .file_discard = file_svc_discard,
    .file_send = file_svc_send,
    /* 2.0: accounts */
    .password_refused = acct_password_refused,
    .password_matches = acct_password_matches,
    .password_set = acct_password_set,
    .sessions_end = acct_sessions_end,
    .totp_enrolment = acct_totp_enrolment,
    .totp_confirm = acct_totp_confirm,
    .audit_verify = acct_audit_verify,
    .refuse = reply_refuse,
    /* 2.0: routes, objects, the child */
    .path_int = s_path_int,
    .object = s_object,
    .child = child_svc_get,
    .child_hdf = child_put_hdf,
    .child_event = child_svc_event,
    .child_category = child_svc_category,
    .db_commit_now = s_db_commit_now,
    .db_exec_kept = kept_exec,
    /* 2.0: rows, labels, helpers */
    .db_row_hdf = s_db_row_hdf,
    .put_row = s_put_row,
    .col = s_col,
    .col_index = s_col_index,
    .label = s_label,
    .labels_hdf = s_labels_hdf,
    .day_parse = day_parse,
    .day_format = s_day_format,
    .date_add = s_date_add,
    .age_on = s_age_on,
    .month_check = month_check,
    .trim = s_trim,
    .like_escape = s_like_escape,
    .url_encode = s_url_encode,
    .form_error = s_form_error,
    .form_failed = s_form_failed,
    .csv_open = s_csv_open,
    .csv_next = csv_next,
    .csv_error = csv_error,
    /* 2.0: spreadsheets */
    .sheet_open = sheet_svc_open,
    .sheet_next = sheet_svc_next,
    .sheet_row = sheet_svc_row,
    .sheet_error = sheet_svc_error,
    .sheet_format = sheet_svc_format,
    .xlsx_begin = xlsx_svc_begin,
    .xlsx_row = xlsx_svc_row,
    .xlsx_end = xlsx_svc_end,
    /* 2.1: module settings and lookups (issue 10 part 5) */
    .setting = s_setting,
    .setting_int = s_setting_int,
    .lookup_hdf = s_lookup_hdf,
    .module_nth = s_module_nth,
    .csv_line = csv_line,
    /* payments (issue 10 part 1): the ledger */
    .pay_batch_open = pay_svc_batch_open,
    .pay_payee_account = pay_svc_payee_account,
    .pay_payee_org = pay_svc_payee_org,
    .pay_line = pay_svc_line,
    .pay_cap_left = pay_svc_cap_left,
    .pay_error = pay_svc_error,
    /* issue 10 part 4: urgent tasks and notices (tasks.c, notices.c) */
    .task_open = task_svc_open,
    .task_close = task_svc_close,
    .task_error = task_svc_error,
    .tasks_hdf = task_svc_hdf,
    .notice_send = notice_svc_send,
    .notices_unread = notice_svc_unread,
    /* 2.4: organisation scopes (issue 10 part 3) */
    .scope_allows = scope_allows,
    .scope_sql = scope_svc_sql,
    .child_link = scope_svc_link,
    .child_unlink = scope_svc_unlink,
    .link_error = scope_svc_error,
    /* 2.5: divisions from the worker's cache */
    .divisions_hdf = s_divisions_hdf,
    .divisions_changed = s_divisions_changed,
    /* 2.6 registry (issue 10): notices an office handles, a notice a refusal raises */
    .notice_done = notice_svc_done,
    .notice_send_kept = notice_svc_send_kept,
    /* 2.7 living-ledger: many lines posted at once (pay.c) */
    .pay_lines_select = pay_svc_lines_select,
    /* 2.8: citizen ID numbers */
    .id_number_check = idcard_check,
    .id_number_mask = idcard_mask,
    /* 2.9: the modules' jobs (jobs.c) */
    .jobs_hdf = jobs_svc_hdf,
    /* 2.10 privacy (issue 19): exports of personal data (disclose.c) */
    .export_begin = export_svc_begin,
    /* 2.11 gaps (issues 11-15): the child's core columns, category exits */
    .child_core_set = child_svc_core_set,
    .child_category_exit = child_svc_category_exit,
    .child_error = child_svc_error,
    /* 2.12 duties (issue 20): 人民币大写 for printed payment forms */
    .fen_to_rmb_upper = s_fen_to_rmb_upper,
    /* 2.14 perf (issue 17): the tables a child has rows in */
    .child_has = child_has,
    /* 2.16 privacy (issue 19): the rows and children of an export (disclose.c) */
    .export_row = export_svc_row,
    /* 2.15 scope (issue 15): a user's scope as a set of villages */
    .scope_where = scope_svc_where,
    .scope_grant = scope_svc_grant,
    /* 2.17 superv (issue 16): printable documents as .docx (docx.c) */
    .docx_send = docx_svc_send,
    /* 2.18 money (issue 20): batch approval (wf_batch.c) */
    .wf_batch = wf_svc_batch,
    /* 2.20 review: one count of characters (util.c) */
    .text_chars = utf8_chars,
    /* 2.22 dupsa (issue 9): an application form's child picker (child.c) */
    .child_pick = child_svc_pick,
    /* 2.23 superv (issue 16): a page body kept per worker (bodies.c) */
    .page_kept = body_kept,
    .render_kept = body_render,
    /* 2.24 dupsb (issue 9): a child panel's cells and rows */
    .panel_cells = s_panel_cells,
    .panel_rows = s_panel_rows,
    /* 2.25 perf (issue 17): the child's core row, with the route's (child.c) */
    .child_row_hdf = child_svc_row_hdf,
    /* 2.26 sess (issues 16, 17): a module's data version, read with the session */
    .data_version = data_version,
    /* 2.27 filedb (issue 17): the child's categories and opening day, with
     * the route's row (child.c) */
    .child_categories_on = child_svc_categories_on,
    .child_opened = child_svc_opened,
    /* 2.28 scale: the login throttle's lock (core.c) */
    .account_locked = login_locked,
    /* 2.29 village (issue 17): the villages of the user's scope (scope.c) */
    .scope_villages = scope_villages,
    .wf_inbox_page = wf_svc_inbox_page,
    /* 2.31 inbox (issue 17): a page as the request asks, with its pager */
    .wf_inbox_paged = wf_svc_inbox_paged,
    /* 2.32 reports (issue 17): a report's transactions read committed rows */
    .db_reads_committed = s_db_reads_committed,
};
