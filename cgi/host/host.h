/*
 * host.h - the front controller's internals: the request, the module
 * registry and router, sessions, rendering, the service table.
 */
#ifndef PORTAL_HOST_H
#define PORTAL_HOST_H

#include "portal_module.h"
#include "util.h"
#include "http.h"

#include <string.h>

/* How a request reaches us: FastCGI, or CGI-style for tests (Fossil's way). */
struct req_io {
    void *ctx;
    const char *(*getenv)(void *ctx, const char *name);
    long (*read)(void *ctx, char *dst, size_t n);       /* bytes read, 0 at end, -1 error */
    int (*write)(void *ctx, const char *src, size_t n);  /* 0 ok */
    /* optional: write a whole piece that the io may keep instead of copying
     * (it swaps its own empty buffer into *piece); 0 ok */
    int (*write_buf)(void *ctx, buf *piece);
};

struct route_entry;
struct loaded_module;
struct audit_row;
struct kept;

struct portal_req {
    arena *a;
    const struct req_io *io;
    /* input */
    const char *method, *path, *query, *content_type, *remote_addr, *host, *origin,
        *referer, *https;
    long long content_length;
    http_fields qf, bf, cookies;
    const struct route_entry *route;
    const char **arg_names, **arg_values;
    size_t nargs;
    /* session */
    struct portal_user user;
    int logged_in;
    unsigned char sid_hash[32];
    const char *csrf;           /* the session's (or pre-session's) CSRF token */
    const char *perms;          /* ",perm1,perm2," */
    int must_change_password;
    /* two-factor state of the session cookie (sessions.mfa_pending): 1 = the
     * password was right and the TOTP code is due, 2 = TOTP enrolment is due.
     * With 1 the request is never logged in (only /login/totp reads it);
     * with 2 it is logged in on /account/totp, /account/password and /logout only. */
    int mfa_pending;
    long long mfa_user_id;
    int has_sid;                /* a psid cookie named a session row (sid_hash set) */
    const char *flash_in;       /* message saved by the previous request */
    long long unread_notices;   /* the user's unread notices when the session was read */
    const char *data_versions;  /* cache_versions as the session read them: "name:v,..." */
    /* issue 15: the villages of a user scoped by a set ("c1,c2", "" none
     * today); NULL: scoped by user.division (or their organisation) */
    const char *scope_set;
    const struct portal_child *child_seen; /* a GET's last child_load (read once per page) */
    void *child_tables;         /* child.c: the tables the child has rows in (child_has) */
    void *child_row;            /* child.c: a GET route's child row (db_rows, child_row_hdf) */
    void *pay_sums;             /* pay.c: a GET's sums of a child's lines in a year (caps) */
    void *child_cats;           /* child.c: a GET's categories of a child (child_categories_on) */
    const char *today;          /* dates.c: clock_today, read once per request */
    int flash_shown;            /* a page showed it: session_flash_seen clears it */
    /* response */
    int status;
    buf headers;                /* extra header lines */
    buf body;
    int headers_sent;
    int streaming;
    const char *ctype;
    const char *error_id;
    /* the request's transaction (request.c) */
    unsigned char idem[32];     /* idempotency key of a signed-in form submission */
    int has_idem;
    int stream_refused;         /* output was held back: the unit of work failed */
    int hold_output;            /* a file's bytes wait for the commit (file_send) */
    struct stored_file *stored; /* files written during the request (files.c) */
    /* 2.0 */
    struct loaded_module *mod;  /* the module whose code runs (handler, on_done, panel) */
    const struct portal_object *object; /* the route's object, loaded before the handler */
    struct kept *kept;          /* writes and audit rows that outlive a rollback */
    struct kept *held;          /* a read's audit rows, written at audit_flush */
    int hold_audit;             /* a read's handler runs: its audit rows are held */
    struct export_run *export;  /* the export export_begin let go out (disclose.c) */
    /* a refused POST answered with its form (request.c form_again): the
     * POST's route, each named field's message and the message at the top */
    const struct route_entry *form_of;
    struct form_err *form_errs;
    const char *form_msg;
    const char *refused_msg;    /* a handler's 400 through the fail service (reply.c) */
};

/* a field's message, kept across the refused POST's rollback */
struct form_err {
    struct form_err *next;
    const char *field, *msg;
};

/* kept.c: what must stay whatever the request's transaction does - the
 * audit rows of denials and reads, counters of refused attempts (kept
 * writes).  They run in the transaction; when it rolls back they run again
 * after it, in one of their own. */
void audit(portal_req *r, const char *action, const char *otype, const char *oid,
           const char *detail);
int audit_is_kept(portal_req *r, const char *action);
void req_keep_audit(portal_req *r, const struct audit_row *row);
long long req_exec_kept(portal_req *r, const char *sql, const char *types, va_list ap);
long long kept_exec(portal_req *r, const char *sql, const char *types, ...);
/* the request (or job) whose transaction runs now, and its end */
void kept_begin(portal_req *r);
void kept_end(void);
/* after its transaction ended: what it lost, in one transaction of its
 * own; 0 ok (or nothing to do), -1 failed */
int keep_replay(portal_req *r);
/* a read's audit rows held since its handler began (r->hold_audit), written
 * in one transaction before anything of the page goes out; 0 ok (or none),
 * -1 not recorded (the page must not go out).  Holding stops here. */
int audit_flush(portal_req *r);
/* 2.9: run a module's job in the host's transaction (0 committed) */
int request_run_job(portal_req *r, struct loaded_module *mod,
                    int (*run)(portal_req *, const struct portal_services *));

/* a file file_store wrote during the request: kept when the request's
 * writes commit, removed when they roll back (files_settle) */
struct stored_file {
    struct stored_file *next;
    char name[65];
};

struct loaded_module {
    const struct portal_module *m;
    char *src_dir;              /* modules_src/<name>, for sql/ and templates */
    char *tmpl_dir;             /* absolute template folder or NULL */
    int enabled;
    int builtin;
};

struct route_entry {
    const struct portal_route *r;
    struct loaded_module *mod;
    char **segs;                /* path split on '/', "{x}" kept as is */
    size_t nsegs;
    unsigned char *types;       /* per segment: 0 literal, else enum seg_type */
    int obj_kind;               /* enum obj_kind of portal_route.object */
    const char *obj_arg;        /* its argument's name */
    const struct portal_loader *loader; /* OBJ_LOADER */
};

/* typed path arguments (2.0) */
enum seg_type { SEG_LIT = 0, SEG_ANY, SEG_INT, SEG_YM, SEG_DATE, SEG_DIVISION };
enum obj_kind { OBJ_NONE = 0, OBJ_CHILD, OBJ_APPLICATION, OBJ_LOADER };
/* The request's own state, read and written by every layer (request,
 * session, render): kept here so that none of them calls back into another. */

/* a response header line; values come from code, never raw from the
 * request: a name or value with CR/LF is refused all the same */
static inline void resp_header(portal_req *r, const char *name, const char *value)
{
    if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
        return;
    buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

/* the module a notice, task or workflow call belongs to: the route's, or
 * for a module's job (2.9, no route) the module whose code runs */
static inline struct loaded_module *req_module(const portal_req *r)
{
    return r->route ? r->route->mod : r->mod;
}

/* a read: its audit rows are kept whatever its transaction does */
static inline int is_read(const portal_req *r)
{
    return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

/* the signed-in user holds perm (r->perms is ",perm1,perm2,") */
static inline int user_has_perm(const portal_req *r, const char *perm)
{
    if (!r->logged_in || !r->perms || !perm)
        return 0;
    size_t l = strlen(perm);
    for (const char *p = strstr(r->perms, perm); p; p = strstr(p + 1, perm))
        if (p[-1] == ',' && p[l] == ',')
            return 1;
    return 0;
}

/* cards.c: every list table's cells get data-label from its column's
 * heading (the cards a phone shows, without script) */
void cards_label(portal_req *r, buf *body);
/* sticky.c: a refused POST's values back into its page's forms sending to path */
void sticky_fill(portal_req *r, buf *body, const char *path, const char *page);

/* render.c: whether the user may open the page of route e (its
 * permission, signed in unless public) */
int route_usable(const portal_req *r, const struct route_entry *e);

/* modules.c */
/* the built-in core module first, then the .so modules; svc is the table
 * every module's code is handed (services.c builds it) */
int modules_load(const struct portal_module *core, const struct portal_services *svc,
                 const char *so_dir, const char *src_dir, char *err, size_t errlen);
const struct portal_services *module_services(void);
size_t modules_count(void);
struct loaded_module *module_at(size_t i);
struct loaded_module *module_find(const char *name);
int modules_read_enabled(arena *a);       /* from the database: 0 ok */
unsigned modules_state_gen(void);         /* changes when modules_read_enabled ran */
/* find a route; *status = 0 found, 404 or 405 */
const struct route_entry *route_find(portal_req *r, const char *method, const char *path,
                                     int *status);
int perm_declared(const char *name);
/* a module's labels at start: kind, code and title non-empty, kind
 * [a-z0-9_.]+, no kind+code twice in the module or across the modules
 * already loaded; 0 ok, else err filled (modules.c refuses to start) */
int labels_check(const struct portal_module *m, char *err, size_t errlen);
extern const struct portal_module core_module;

/* session.c */
int session_load(portal_req *r);          /* 0 ok (logged in or not), -1 db error */
long long data_version(portal_req *r, const char *name); /* service data_version */
int session_create(portal_req *r, long long user_id);
/* a session in a two-factor state (mfa_pending 0, 1 or 2, as above) */
int session_create_mfa(portal_req *r, long long user_id, int mfa_pending);
/* 1 if the user must use TOTP: users.totp_required or a role listed in the
 * configuration key require_totp_roles (default "sysadmin,secadmin,auditor") */
int totp_required_for(portal_req *r, long long user_id);
void session_destroy(portal_req *r);
int csrf_check(portal_req *r);            /* 1 ok */
int origin_check(portal_req *r);          /* 1 ok */
int password_hash(const char *pw, char *out, size_t outlen);   /* 0 ok */
int password_verify(const char *pw, const char *stored);         /* 1 match */
int password_policy(const char *pw, const char **why);           /* 1 ok */
void set_flash(portal_req *r, const char *msg);
/* the message of the previous request was shown (r->flash_shown): gone */
void session_flash_seen(portal_req *r);

/* render.c */
int render_init(const char *core_tmpl_dir);
int render_page(portal_req *r, struct loaded_module *mod, const char *tmpl,
                const char *title);
int render_error(portal_req *r, int status, const char *msg);
/* bodies.c: a page body kept per worker (services page_kept, render_kept) */
int body_kept(portal_req *r, const char *tmpl, const char *key);
int body_render(portal_req *r, const char *tmpl, const char *title, const char *key);
/* the page with the layout's head (kept per worker: render.c head_put) and
 * foot, and the body (tmpl alone, its lists labelled) copied from `kept`,
 * or when kept is NULL rendered now into `fresh` (bodies.c keeps it), or
 * with both NULL rendered straight into the page (render_page) */
int render_page_body(portal_req *r, struct loaded_module *mod, const char *tmpl,
                     const char *title, const buf *kept, buf *fresh);
void hdf_reset_request(void);
void hdf_put(const char *name, const char *value);
void hdf_putf(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hdf_put_int(const char *name, long long v);
const char *hdf_value(const char *name);           /* NULL when unset */
/* a module's data (the services set, set_int): never under the layout's
 * own names (Page, User, Menu, CSRF, Config, hdf; render_reserved logs it) */
int render_reserved(const char *name);
void render_set(portal_req *r, const char *name, const char *value);
void render_set_int(portal_req *r, const char *name, long long v);
void hdf_drop(const char *name);                   /* remove a node and its children */
struct _hdf;
struct _neo_err;
struct _hdf *render_hdf(void);                     /* the worker's tree */
void hdf_node_put(struct _hdf *node, const char *name, const char *value); /* under node */
struct _hdf *hdf_row_node(struct _hdf *parent, size_t i); /* parent.i, made when missing */
struct _hdf *hdf_row_add(struct _hdf *parent, size_t i);  /* a new parent.i, not looked for */
void render_log_error(const char *id, struct _neo_err *err); /* logs and frees err */
/* tree.c: the request's nodes in an arena, gone at once with tree_reset.
 * tree_node: the node at a dotted name under at, made when missing;
 * tree_put: its value, copied or (keep) the caller's own string, which
 * lives until the request ends; NULL / -1 for what ClearSilver must set
 * (Config and hdf, which outlive requests) */
struct _hdf *tree_node(struct _hdf *at, const char *name);
int tree_put(struct _hdf *at, const char *name, const char *value, int keep);
void tree_drop(struct _hdf *root, const char *name);
void tree_reset(struct _hdf *root);
char *tree_strdup(const char *s);   /* a copy that lives as long as the nodes */
struct _hdf *tree_add(struct _hdf *parent, const char *name, const char *value); /* a new name, kept */
unsigned tree_gen(void);            /* moves when the request's nodes go */
/* form errors, one convention: Errors.<field> and Errors.count; a page
 * rendered after one shows the declared parameters again as Form.<name> */
void form_error(portal_req *r, const char *field, const char *msg);
int form_failed(portal_req *r);
/* the Errors.<field> set so far, copied out of the tree (for form_again) */
struct form_err *form_errors_take(portal_req *r);

/* rows.c: a query's rows (db_rows) as prefix.N.column */
int hdf_put_rows(const char *prefix, void *rows);
void hdf_put_row(const char *prefix, void *rows);  /* the current row as prefix.column */
int hdf_put_rows_limit(const char *prefix, void *rows, size_t limit, int *more);
int hdf_put_labels(const char *prefix, const char *kind); /* prefix.N.code/title; the count */
/* divisions of a level as prefix.N.code/name/type; the count, -1 when unknown */
int hdf_put_divisions(const char *prefix, const char *level, const char *code_prefix,
                      const char *on);

/* params.c: the route's declared parameters and typed path arguments */
const char *req_param(portal_req *r, const char *name);
const char *req_param_n(portal_req *r, const char *name, int i);
/* a declared parameter's limit (its maxlen or the type's default): characters
 * for PP_TEXT, bytes for the others; the same number the request check uses
 * and the templates' Limits.<name> (maxlength) show */
size_t param_limit(const struct portal_param *p);
/* 1 when a path segment fits the type (enum seg_type) */
int seg_fits(int type, const char *seg);
long long req_path_int(portal_req *r, const char *name);
/* YYYY-MM-DD, a real date of the years 1900-2200 */
int valid_date(const char *s);
/* an optional minus and 1 to 18 digits */
int valid_int(const char *s);

/* reply.c: the response; a small one goes out whole, a large one streams
 * once the request's writes are committed */
void resp_write(portal_req *r, const void *data, size_t len);
void resp_csv_cell(portal_req *r, const char *value, int last);
int resp_sent(portal_req *r);   /* headers went out: the status is fixed */
void resp_finish(portal_req *r); /* the rest of the response goes out */
/* the services fail, not_found and refuse (portal_module.h): the error page
 * with status; a refusal audited as a denial */
int reply_fail(portal_req *r, int status, const char *msg);
int reply_not_found(portal_req *r, const char *otype, const char *oid);
int reply_refuse(portal_req *r, int status, const char *otype, const char *oid,
                 const char *reason, const char *msg);

/* request.c */
void request_handle(const struct req_io *io, arena *a);
/* called once the route and the session are known, before the handler
 * (the process manager records what each worker serves); may be NULL */
extern void (*request_begin_hook)(const portal_req *r);
extern const struct portal_services services;

/* accounts.c: the accounts services (portal_module.h, "2.0: accounts") */
const char *acct_password_refused(portal_req *r, const char *pw);
int acct_password_matches(portal_req *r, const char *pw);
void login_count_failure(portal_req *r, long long uid); /* core.c: the login throttle */
int login_locked(portal_req *r, long long uid);              /* 1 locked now, 0, -1 */
int acct_password_set(portal_req *r, long long user_id, const char *pw, int must_change,
                      const char *action, const char *detail);
int acct_sessions_end(portal_req *r, long long user_id);
int acct_totp_enrolment(portal_req *r, const char *prefix);
int acct_totp_confirm(portal_req *r, const char *code);
int acct_audit_verify(portal_req *r, long long *checked, long long *broken_at);

/* the notices user U (of organisation O, in division D) receives, as SQL over
 * notices n: NOTICES_FOR_SQL("?", "?", "?") binds them; the session's row reads
 * the unread count with the user's columns (one round trip per page) */
#define NOTICES_FOR_SQL(U, O, D) "(n.user_id = " U " OR (n.org_id IS NOT NULL AND n.org_id = " \
    O ") OR (n.division_code IS NOT NULL AND n.division_code = " D "))"
#define NOTICES_UNREAD_SQL(U, O, D) "(SELECT COUNT(*) FROM notices n LEFT JOIN notice_reads nr " \
    "ON nr.notice_id = n.id AND nr.user_id = " U " WHERE " NOTICES_FOR_SQL(U, O, D) \
    " AND nr.notice_id IS NULL AND n.done_at IS NULL)"

#endif
