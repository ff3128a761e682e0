/*
 * portal_module.h - the module ABI: the only header a domain module includes.
 *
 * A module is modules/<name>/ built into <name>.so.  It exports ONE symbol,
 * `portal_module`, a const struct portal_module that declares everything the
 * module has: routes, permissions, menu entries, migrations, templates and
 * optional init/shutdown hooks.  The host validates all of it at start and
 * refuses to start on any fault.  A module reaches the host only through the
 * struct portal_services table handed to its handlers and hooks; modules are
 * linked with --no-undefined so they cannot reach host symbols by accident.
 *
 * ABI history (bump MAJOR on any incompatible change, MINOR on additions at
 * the end of a struct; the host accepts minor <= its own):
 *   1.0  2026-11-29  first version.
 *   1.1  2026-11-29  services: in_scope, scope_prefix, encrypt, decrypt, hmac,
 *                    db_col_len, db_stream, not_found, today (from reserved slots).
 *   1.2  2026-11-29  the workflow: portal_module.workflows (first reserved slot)
 *                    and the wf_* services.
 *   1.3  2026-11-29  services csv_cell and output_sent; write() is buffered by
 *                    the host (small responses get a Content-Length).
 *   1.4  2026-11-29  services yuan_to_fen and fen_to_yuan (appended).
 *   1.5  2026-11-29  files outside the web root (file_store, file_discard,
 *                    file_send) and sections of the child's file from other
 *                    modules (portal_module.child_panels from a reserved slot,
 *                    service child_panels); repeated parameters (param_n);
 *                    the client's address (client_ip).
 *   1.6  2026-12-01  service refuse (appended): a refusal a handler decides
 *                    (403, or 404 for an object) is audited with its reason
 *                    through one host call.
 *   2.0  2026-12-01  the house (issue 9): typed path arguments ({id:int},
 *                    {month:ym}, {day:date}, {code:division}); route guards
 *                    (portal_route.object: the host loads the object, checks
 *                    the user's scope and hands it to the handler); the child
 *                    belongs to the core (child, child_event, child_category);
 *                    rows into templates by column name (db_row_hdf, put_row,
 *                    col); template functions (money, date, datetime, mask_id,
 *                    label, division); one of each helper (dates, text, form
 *                    errors, CSV reading); module labels and loaders;
 *                    the accounts services (passwords, sessions, TOTP
 *                    enrolment, audit verification) for the admin and
 *                    account modules; db_commit_now and db_exec_kept;
 *                    spreadsheets in and out (sheet_*, xlsx_*; issue 10).
 *   2.1  2026-12-01  module settings and lookups (portal_module.settings,
 *                    .lookups from reserved slots; services setting,
 *                    setting_int, lookup_hdf, module_nth); csv_line (the line
 *                    a CSV record starts on).
 *   2.2  2026-12-01  the payments ledger (pay_batch_open, pay_payee_account,
 *                    pay_payee_org, pay_line, pay_cap_left, pay_error).
 *   2.3  2026-12-01  urgent tasks and notices (issue 10 part 4: struct
 *                    portal_task, struct portal_notice; services task_open,
 *                    task_close, task_error, tasks_hdf, notice_send,
 *                    notices_unread).
 *   2.4  2026-12-01  organisation scopes (issue 10 part 3): portal_user.org_kind
 *                    and .scope; services scope_allows, scope_sql, child_link,
 *                    child_unlink, link_error; in_scope and scope_prefix
 *                    refuse org-scoped users; route objects, s->child and
 *                    child panels let them see exactly their linked children.
 *   2.5  2026-12-01  divisions from the worker's cache: divisions_hdf,
 *                    divisions_changed (issue 17: no statement per page for
 *                    a township or village list).
 *   2.6  2026-12-01  registry: services notice_done (an office's notice
 *                    handled, notices.done_at: core migration 018) and
 *                    notice_send_kept (a notice a refusal raises).
 *   2.7  2026-12-01  living-ledger: service pay_lines_select (many payment
 *                    lines in one statement; living's month generation).
 *   2.8  2026-12-01  id_number_check, id_number_mask (the registry's GB 11643
 *                    rule moved into the host for every module).
 *   2.9  2026-12-01  module jobs: portal_module.jobs (from a reserved slot),
 *                    struct portal_job: periodic work the master runs, never
 *                    a request (see "Jobs" in the rules below).
 *   2.10 2026-12-01  privacy (issue 19): export_begin (struct portal_export):
 *                    every export of personal data states a purpose, is
 *                    registered, and a large one with full ID numbers waits
 *                    for a second person's approval.
 *   2.11 2026-12-01  gaps: child_core_set (the child's school, disability and
 *                    placement written through the host: audited, on the
 *                    timeline); child_category_exit (a category left with a
 *                    reason code of "registry.exit", in exit_reason); a task
 *                    for an org-scoped organisation (portal_task.org_id) is
 *                    in its staff's inbox and closed by them.
 *   2.12 2026-12-01  duties (issue 20): separation of duties in the workflow
 *                    (portal_wf_step.same_actor, appended: the step struct
 *                    grew, modules are rebuilt with the host; the module
 *                    setting wf_one_clerk_townships); a user's approve or
 *                    reject needs the form's confirmation (wf_confirm=1);
 *                    service fen_to_rmb_upper (人民币大写).
 *   2.13 2026-12-01  clerk: PP_TEXT's maxlen counts characters (not bytes) and
 *                    the message names it ("姓名最多 30 个字。"); every page
 *                    gets Limits.<name> from its module's parameters (the
 *                    inputs' maxlength); one upload limit message
 *                    (HTTP_UPLOAD_TOO_BIG, Apache's 413 page too).  No new
 *                    service, no struct change.
 *   2.14 2026-12-01  perf (issue 17): portal_child_panel.tables (the tables
 *                    holding a panel's rows for a child) and service
 *                    child_has (whether the child has rows there: the host
 *                    asks once per page for every declared table, so a
 *                    panel skips the queries of tables the child is not in).
 *   2.15 2026-12-01  scope (issue 15): a user's scope may be a set of
 *                    villages (a village child director); services
 *                    scope_where (THE condition of a list on a village-code
 *                    column, for every user) and scope_grant (a module grants
 *                    a village to a user for dates); scope_prefix is NULL
 *                    for a set user (only township-code columns use it).
 *   2.16 2026-12-01  privacy (issue 19): service export_row (the rows of an export and
 *                    the children it held: the sharing register per child,
 *                    a failed export marked); portal_module.retention (from a
 *                    reserved slot): a module declares how long its tables'
 *                    rows of a child outlive the archived file and what is
 *                    kept of them.
 *   2.17 2026-12-01  superv (issue 16): docx_send (struct portal_doc_part): a
 *                    printable Word document (.docx: title, headings,
 *                    paragraphs, simple tables) from parts a module fills.
 *   2.18 2026-12-01  money (issue 20): service wf_batch (batch approval for every module
 *                    with workflows); approve, return and reject all follow
 *                    the separation of duties; the host offers every module
 *                    with village or township steps the setting
 *                    wf_one_clerk_townships; pay_batch_open answers the
 *                    month's open batch (a database key, core migration 036).
 *   2.19 2026-12-01  clerk (issue 20): PP_LINES's maxlen counts characters
 *                    like PP_TEXT (Limits.<name> for textareas too); a POST
 *                    the host's parameter check refuses answers its form
 *                    (the GET page at its path, <path>/new or above it) with
 *                    Form.*, Errors.<field> and Page.FormError; a menu entry
 *                    shows only to users who may open its page; the category
 *                    names are the core's labels "core.category" (was
 *                    "registry.category").  No new service, no struct change.
 *   2.20 2026-12-01  review: service text_chars (a text's characters,
 *                    the host's own count) instead of each module's copy.
 *   2.21 2026-12-01  house (issue 9): a module may leave out .version (the host takes
 *                    the ABI it was built for) and .template_dir (the
 *                    module folder's templates/ when it exists).  No new
 *                    service, no struct change.
 *   2.22 2026-12-01  dupsa (issue 9): wf_batch_params, the parameters of
 *                    every module's batch approval route, declared once
 *                    here instead of in each module; service child_pick
 *                    (an application form's child picker: the child picked
 *                    and the name search living and medical each wrote).
 *   2.23 2026-12-01  superv (issue 16): services page_kept and render_kept
 *                    (a page body kept per worker by a module's key)
 *   2.24 2026-12-01  dupsb (issue 9): services panel_cells and panel_rows,
 *                    one way for a child panel's fill() to set its headings
 *                    and cells and to read a table the child may have no
 *                    rows in (each module's loops and child_has blocks).
 *   2.25 2026-12-01  perf (issue 17): service child_row_hdf (the child's
 *                    core row into a template; on a GET it rides on the
 *                    route's child row with the child_has flags: no
 *                    statement of its own).
 *   2.26 2026-12-02  sess (issues 16, 17): service data_version, a module's
 *                    data version (a cache_versions row) read with the
 *                    session's own statement: a kept page's key costs no
 *                    statement of its own.
 *   2.27 2026-12-02  filedb (issue 17): services child_categories_on and
 *                    child_opened, the child's categories and opening day
 *                    read with the route's child row on a GET: the file
 *                    page's medical and village panels ask no statement
 *                    for them.
 *   2.28 2026-12-02  scale: service account_locked (is an account locked
 *                    out by the login throttle now): the account module's
 *                    wrong current password asks the host's one query.
 *   2.29 2026-12-02  village (issue 17): service scope_villages (the
 *                    villages of a village's user or a set user: the
 *                    registry list reads a village's keys, or tests a set's
 *                    villages in the entries it reads);
 *                    scope_where and scope_sql of a set of one village are
 *                    an equality (a key of the village serves it in order).
 *   2.30 2026-12-03  inbox (issue 17): service wf_inbox_page (a page of the
 *                    inbox and the count of all its rows: the home page
 *                    shows the most urgent, /inbox pages); the inbox is one
 *                    statement (it was one per step and two per row).
 *   2.31 2026-12-03  inbox (issue 17): service wf_inbox_paged (the page
 *                    the request's `page` asks, the pager's figures; the
 *                    modules' homes page their inboxes as /inbox does);
 *                    wf_inbox_params (`page`, and the filter `module`,
 *                    `step`, `township`) for such a route, and the page
 *                    and filter in wf_batch_params (a refused batch shows
 *                    its page).
 *   2.32 2026-12-03  reports (issue 17): service db_reads_committed (a job
 *                    or page that copies live tables for a report locks
 *                    none of their rows: the supervision indicators held a
 *                    shared lock on every category, child and application
 *                    they read until each month's commit).
 *
 * Writing a module (the rules; README "Writing a module" has the walk-through):
 *  - Names.  A handler is <noun>[_<what>]_get or ..._post (GET vs POST in the
 *    name: child_list_get, apply_form_get, apply_create_post, pay_month_get);
 *    its template is <noun>[_<what>].cs in the module's templates/; a
 *    permission is <module>.<verb> ("living.approve"); a route is
 *    /<module>/<noun>[/{id:int}[/<what>]].
 *  - The transaction is the host's.  Every request runs in one (opened at
 *    its first write or locking read: a loader's or handler's SELECT ...
 *    FOR UPDATE keeps its rows locked until the end): the host
 *    commits when the handler returns a status below 400 and rolls back
 *    otherwise (then nothing the handler wrote, and no audit row of a change,
 *    stays).  Denials, not-founds and reads are audited whatever happens:
 *    the host writes their audit rows again after a rollback.  They are the
 *    rows of refuse, not_found, child, the route's object, and every row of
 *    a GET; in C name them so: "deny", "deny.*" or "*.deny", or an action
 *    ending in .read, .view, .export, .check, .fail, .throttled or .refused.
 *    A counter that must count refused attempts (an hourly limit) or a
 *    notice a refusal raises is written with db_exec_kept: it is kept the
 *    same way.  A handler never calls db_begin/db_commit/db_rollback; only a
 *    long batch job that must commit in parts (an import, a month's
 *    payments) calls db_commit_now between parts.
 *  - Objects come from the route.  A route with .object = "child:id" (or
 *    "application:id", or "<loader>:id" for one of the module's loaders) has
 *    its object loaded and its scope checked by the host before the handler
 *    runs; out of scope or absent is an audited 404, the same page either
 *    way.  The handler reads it with s->object(r).  A child named in a form
 *    field goes through s->child(r, id): NULL means "answer 404", the denial
 *    is already audited.
 *  - The child's file is the core's: children, family, categories and the
 *    timeline are core tables.  A module reads them with SELECT as it needs,
 *    but writes a timeline event only with child_event, a category only
 *    with child_category (child_category_exit: with a reason code), and
 *    the school, disability and placement columns only with child_core_set.
 *  - Values reach templates as they come from the database (db_query_hdf,
 *    db_row_hdf, put_row) and are formatted in the template with the host's
 *    functions: money(fen) "1651.50" ("" for no number), date(x)
 *    "2026-12-01" (a DATE as it is; a DATETIME, stored in UTC, as its day in
 *    Beijing time), datetime(x) "2026-12-01 09:30" (Beijing time),
 *    mask_id(last4) "**************1234", label("kind", code) a module
 *    label's title, labels("kind", "a,b") a set's titles joined by 、
 *    (the set a comma list, or a node whose children hold the codes, as
 *    a row's cats.0, cats.1...),
 *    division(code) the name (all three: the code when unknown).
 *    Their results are escaped like any value.
 *    Print a value with var: only: ClearSilver's alt: and uvar: print it
 *    unescaped (a default is if/var/else; test_escaping refuses both).
 *  - Rates, ratios, caps and time limits are settings, and lists of
 *    hospitals, schools or providers are lookups (2.1): declare them in
 *    .settings and .lookups and read them with setting, setting_int and
 *    lookup_hdf for the day that matters (the month paid, the date of the
 *    bill); never a table or a page of the module's own for them.
 *  - Scopes.  A user's scope is a division (county > township > village,
 *    by code prefix) or, for the staff of a school, a hospital or clinic, a
 *    rehabilitation provider, a welfare or protection institution, a police
 *    station or an NGO (org_kinds.scope = 'org'), their organisation: they
 *    see exactly the children linked to it now (child_org_links: enrolled,
 *    referred, report; written with child_link/child_unlink) and nothing by
 *    division (in_scope is 0 and scope_prefix NULL for them).  County
 *    departments and governments are division-scoped.  Every check of a
 *    child goes through scope_allows (one row) or scope_sql (a list); the
 *    host's route objects and s->child already do.  A loader that sets
 *    o->child_id is checked the same way; one that sets only o->division
 *    refuses org-scoped users.
 *  - A user's scope may also be a SET of villages (2.15, issue 15: a village
 *    child director of the villages granted to them today with scope_grant;
 *    their account's division is then only their office).  A set is no
 *    prefix: a list filtered on any village-code column (children, visits,
 *    surveys, payment lines...) takes its condition from scope_where
 *    ("c.village_code LIKE CONCAT(?, '%')" for a division, an IN list for a
 *    set (an equality for a set of one), never true for an org or no scope) with its one bound argument;
 *    a list of children may use scope_sql.  scope_prefix is NULL for set
 *    and org users: use it only on a column holding a township or county
 *    code (a township's pay lines, screening rounds, reports), where such a
 *    user then gets a refusal or nothing - never the township.
 *  - An export of personal data (a list, a bank file, names in a bulletin;
 *    CSV or .xlsx) calls export_begin before its first byte and returns
 *    what it answers unless 0: the purpose is asked, registered and
 *    audited there, full ID numbers need export.full_id and, in a large
 *    file, a second person's approval (privacy, issue 19).  Every row it
 *    writes calls export_row with its child; a failure part-way answers
 *    500 even when the output began (the register marks it failed).
 *  - A module's tables holding a child's rows declare their retention
 *    (portal_module.retention): gone with the archived file, or kept longer
 *    under a years setting with a minimum line.
 *  - A form that fails validation calls form_error per field and returns
 *    400; the host rolls back and shows the GET page the form is on (at the
 *    POST's path, at <path>/new, <object>/edit for <object>/remove, or the
 *    nearest page above it) with Form.<name> = what was typed, Errors.<field>
 *    beside each field named (macros.cs: field_error, Errors.count) and the
 *    message at the top (Page.FormError).  s->fail(r, 400, msg) on a POST
 *    does the same with msg at the top; so does the host's own parameter
 *    check.  The host then puts what was typed back into every input,
 *    textarea, select and checkbox of the page's forms that send to that
 *    path (sticky.c; never hidden fields, passwords or files), whether the
 *    template reads Form.<name> or not; each field shows its
 *    Errors.<field>.  A handler may still render its form itself (then its
 *    page is kept as it is).  403, 404 and 409 (the record's state, not a
 *    typed value) stay the error page.  List tables (class="list") get their cells'
 *    data-label from their headings on the server (phones, cards.c).
 */
#ifndef PORTAL_MODULE_H
#define PORTAL_MODULE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define PORTAL_MODULE_MAGIC 0x59594D44u /* "YYMD" */
#define PORTAL_ABI_MAJOR 2
#define PORTAL_ABI_MINOR 32

typedef struct portal_req portal_req;     /* one request; opaque to modules */
typedef struct portal_rows portal_rows;   /* a query result; opaque */
typedef struct portal_csv portal_csv;     /* a CSV being read (2.0); opaque */
struct portal_services;

/* A handler returns an HTTP status (200, 303, 404...); the host renders the
 * error page for statuses >= 400 unless the handler already wrote a body. */
typedef int (*portal_handler)(portal_req *r, const struct portal_services *s);

/* Parameter validators: anything not declared on a route never reaches the
 * handler, and a declared parameter that fails its check gets a 400 with a
 * Chinese message before the handler runs. */
enum portal_param_type {
    PP_TEXT = 1,   /* any valid UTF-8 without control characters, maxlen characters */
    PP_LINES,      /* PP_TEXT with newlines and tabs; maxlen characters (clerk,
                      issue 20: an encrypted column holds maxlen x 4 bytes + 29) */
    PP_INT,        /* optional '-', digits, fits in int64 */
    PP_DATE,       /* YYYY-MM-DD, a real calendar date */
    PP_CODE,       /* [A-Za-z0-9_.-] only: codes, names, ids */
    PP_FILE        /* a multipart upload */
};

struct portal_param {
    const char *name;
    int type;          /* enum portal_param_type */
    size_t maxlen;     /* PP_TEXT and PP_LINES characters, others bytes; 0 = the host default.
                        * Templates get it as Limits.<name> (macros.cs
                        * text_field: maxlength) */
    int required;
    const char *label; /* Chinese label used in error messages */
};

/* Route flags */
#define PR_STATE_CHANGING 0x01u /* POST only; CSRF token and Origin checked */
#define PR_PUBLIC         0x02u /* no login needed */
#define PR_NO_DB          0x04u /* must not touch the database (implies PR_PUBLIC) */
#define PR_NO_LAYOUT      0x08u /* handler writes the whole body itself */

/*
 * A path is literal segments and typed arguments, one segment each:
 *   {name}           [A-Za-z0-9_.-]{1,64}
 *   {name:int}       a positive integer, at most 18 digits (s->path_int)
 *   {name:ym}        a real month, YYYY-MM
 *   {name:date}      a real calendar date, YYYY-MM-DD
 *   {name:division}  a 12-digit administrative division code (GB/T 2260 + 6)
 * A segment that does not fit its type is a 404 before the handler runs.
 *
 * .object names the object the route is about, as "<kind>:<argument>":
 *   "child:id"        the child {id:int} (core tables); scope: its village
 *   "application:id"  the workflow application {id:int} of one of this
 *                     module's types; scope: its child's village
 *   "<loader>:id"     one of the module's loaders (portal_module.loaders)
 * The argument must be declared :int.  Absent, or outside the user's scope,
 * is an audited 404 before the handler runs.  The handler gets the object
 * from s->object(r); a child is also in HDF Child.* and an application in
 * App.* (the fields of struct portal_child / the wf_app_hdf fields).
 */
struct portal_route {
    const char *method;      /* "GET" or "POST" */
    const char *path;        /* "/hello", "/living/apply/{id:int}" */
    portal_handler handler;
    const char *permission;  /* required permission, or NULL with PR_PUBLIC */
    unsigned flags;
    const struct portal_param *params; /* terminated by {NULL}; may be NULL */
    const char *object;      /* 2.0: "child:id", "application:id", "<loader>:id"; or NULL */
};

/* The object a route is about (2.0), loaded before the handler runs. */
struct portal_object {
    const char *kind;        /* "child", "application" or the loader's name */
    long long id;
    long long child_id;      /* the child it concerns; 0 when none */
    const char *division;    /* the division code whose scope covers it; NULL:
                                the loader checked access itself */
    void *data;              /* the loader's own (s->alloc'ed); the child's
                                struct portal_child for "child" */
};

/* A module's loader (2.0): fill o->division (and o->child_id, o->data as it
 * likes) for object `id` and return 0; return 404 when there is no such
 * object or it is not for this user (a partner's own rows: the loader checks
 * the organisation itself and leaves division NULL).  The host checks the
 * scope of o->division, audits every refusal and answers 404. */
struct portal_loader {
    const char *name;        /* [a-z_]+, used in routes as "<name>:id" */
    const char *object_type; /* audit object type, e.g. "living_grant" */
    int (*load)(portal_req *r, const struct portal_services *s, long long id,
                struct portal_object *o);
};

/* A lookup label (2.0): label("kind", code) in templates, s->label in C.
 * Kinds are the module's name or "<module>.<list>" ("living.benefit"). */
struct portal_label {
    const char *kind;
    const char *code;
    const char *title;       /* Chinese */
};

struct portal_permission {
    const char *name;  /* "module.verb", e.g. "living.approve" */
    const char *title; /* Chinese, shown to administrators */
};

struct portal_menu {
    const char *title;       /* Chinese */
    const char *path;
    const char *permission;  /* shown only to users holding it */
    int order;
};

struct portal_migration {
    int version;            /* 1, 2, 3... strictly increasing */
    const char *file;       /* file name under the module's sql/ folder */
};

/*
 * Workflow (ABI 1.2).  A module declares its application types; the host
 * runs them: who acts at each step, time limits, publicity, objections,
 * returns for missing documents, the inbox, overdue marking and the history.
 */
struct portal_wf_step {
    const char *code;          /* "investigate" */
    const char *title;         /* Chinese: "乡镇调查核实" */
    const char *level;         /* who acts: "village", "township" or "county" */
    const char *permission;    /* the actor needs it, AND the child in scope at that level */
    int limit_days;            /* this step's own limit; 0 = none.  A module makes it
                                  a setting by declaring "<type>_<step>_days" (PS_DAYS)
                                  in .settings: the value in force on the day the
                                  step opens wins (its administrator edits it) */
    int working_days;          /* 1: limit_days counts working days (the calendar) */
    int counts;                /* 1: counts toward the type's total limit */
    int publicity_days;        /* > 0: publicity; it completes by itself after this many
                                  days unless someone objects */
    const char *objection_to;  /* publicity: the step an objection sends it back to */
    int objection_days;        /* the publicity after an objection (e.g. 3) */
    /* duties (issue 20): separation of duties.  0 (the default): whoever
     * decides this step by hand (通过, 退回补正 or 不予批准) is neither the
     * applicant (who started the application) nor the last person who
     * approved a step of it; refused with a Chinese message in wf_error.
     * 1: the same person may (a reception step: the clerk who typed the
     * application accepts it).  The host offers every module with village
     * or township steps the PS_TEXT setting "wf_one_clerk_townships"
     * (township codes, 9 or 12 digits, separated by spaces or commas; the
     * module declares nothing): it lets the same person act on the village
     * and township steps of a child of a listed township (a township with
     * one clerk), never on county steps; audited wf.duties.waived each
     * time. */
    int same_actor;
};

struct portal_services;
struct portal_wf_type {
    const char *code;          /* "dibao" */
    const char *title;         /* Chinese */
    const struct portal_wf_step *steps; /* in order, terminated by {NULL} */
    int total_limit_days;      /* over the steps with counts = 1; 0 = none */
    int total_working_days;    /* 1: the total counts working days */
    /* called in the same transaction when the last step approves (outcome
     * "approved") or any step rejects ("rejected"); non-zero rolls it back */
    int (*on_done)(portal_req *r, const struct portal_services *s, long long app_id,
                   long long child_id, const char *outcome);
};

/*
 * A section of the child's file (ABI 1.5).  The registry shows, on a child's
 * file it has already checked the viewer may open, one table per panel of
 * every module: fill() puts the headings in prefix.Cols.N and the cells in
 * prefix.Rows.N.M (strings, in column order; every cell set, "" for none),
 * optionally prefix.Note (a line under the table) and prefix.Link (a local
 * path to the module's own page for the child).  Returns the number of rows
 * or -1 (the file page then fails with 500).  Data only: the registry's
 * template renders it, escaped.
 */
struct portal_child_panel {
    const char *title;       /* Chinese heading */
    const char *permission;  /* the viewer needs it too; NULL: whoever may open the file */
    int (*fill)(portal_req *r, const struct portal_services *s, long long child_id,
                const char *prefix);
    /* 2.14 perf: the tables holding this panel's rows for a child, each
     * "table" (its column child_id) or "table.column", indexed on that
     * column; NULL-terminated; may be NULL.  fill() asks s->child_has
     * before a query of one of them and skips it when the child has none. */
    const char *const *tables;
};

/*
 * Settings and lookups (2.1, issue 10 part 5).  A module declares its
 * dated settings (premiums, ratios, caps, time limits) and its lookups
 * (hospitals, schools, providers...); their values are rows the module's
 * administrators edit on /admin/settings/<module> (history kept, never
 * overwritten; audited).  A value is stored as text in its type's form:
 *   PS_MONEY  integer fen ("165100"; typed in yuan "1651.00")
 *   PS_RATIO  basis points, 1/10000 ("7000"; typed as a percentage "70")
 *   PS_DAYS   whole days >= 0
 *   PS_INT    an integer
 *   PS_TEXT   text (at most 500 characters)
 * The default is used on dates before the first value.
 */
enum portal_setting_type { PS_MONEY = 1, PS_RATIO, PS_DAYS, PS_INT, PS_TEXT };

struct portal_setting {
    const char *code;        /* [a-z][a-z0-9_]*, unique in the module */
    int type;                /* enum portal_setting_type */
    const char *unit;        /* Chinese unit shown beside the value ("元/人·月"); may be NULL */
    const char *label;       /* Chinese */
    const char *dflt;        /* the default in its stored form ("0", "7000", "") */
};

/* A lookup's column: entries hold at most PORTAL_LOOKUP_COLS of them,
 * the first is the entry's name. */
#define PORTAL_LOOKUP_COLS 6
struct portal_lookup_col {
    const char *code;        /* [a-z][a-z0-9_]* */
    const char *label;       /* Chinese */
};

struct portal_lookup {
    const char *kind;        /* [a-z][a-z0-9_]*, unique in the module ("hospital") */
    const char *title;       /* Chinese ("定点医院") */
    const struct portal_lookup_col *cols; /* 1..PORTAL_LOOKUP_COLS, terminated by {NULL} */
};

/*
 * Jobs (2.9): periodic work of a module - a nightly figure, certificates
 * that lapse, a guardianship that ends at 18, files due for archival.  The
 * master's periodic child (cgi/host/jobs.c) runs a job when every_minutes
 * have passed since its last start (by the test clock too), one job at a
 * time, never inside a request.  It runs as the system user (id 0,
 * "system", the whole county in scope, every permission) with a request
 * context, so every service works.  Like a handler it runs in the host's
 * transaction: committed when run returns 0, rolled back otherwise (a long
 * job may commit in parts with db_commit_now); each run is recorded in
 * module_jobs and audited ("job.run").  `portalctl job run <module>.<job>`
 * runs one at once (operators, tests); /admin/jobs lists them.  A job must
 * be safe to run twice (idempotent) and to be killed halfway.
 */
struct portal_job {
    const char *name;    /* [a-z][a-z0-9_]*, unique in the module */
    const char *title;   /* Chinese, shown on /admin/jobs */
    int every_minutes;   /* 1440 = daily */
    int (*run)(portal_req *r, const struct portal_services *s); /* 0 ok, -1 failed */
};

/*
 * Retention of a module's tables (privacy, issue 19 item 2: the privacy
 * module's job privacy.archive reads every enabled module's list).  When a
 * child's file is archived (retention_years after its last event, the
 * child an adult in no category, no legal hold) the rows of the entries
 * without years_setting go with it.  The entries with a years_setting (an
 * abuse report, a police referral: "privacy.retention_years_abuse") outlive
 * the file: the child's rows of the module's entries with that setting go
 * together once the newest dated one (date_col) is that many years old,
 * and each row's `keep` line stays in child_archive_records.  Entries run
 * in their order: a table whose rows hang on another's comes before it.
 * SQL is the module's own constant text; `t` is the table's row, `c` the
 * child's row (children).
 */
struct portal_retention {
    const char *table;          /* the module's table */
    const char *rows;           /* the child's rows, SQL on t and c; NULL: "t.child_id = c.id" */
    const char *years_setting;  /* NULL: dropped with the file; else the setting of the period */
    const char *date_col;       /* SQL on t: the row's date the period runs from; NULL: none */
    const char *keep;           /* SQL on t: the minimum kept once the row goes (a line of text,
                                   at most 500 characters); NULL: nothing */
    const char *file_col;       /* a column holding a stored file's name (file_discard); NULL */
};

struct portal_module {
    uint32_t magic;          /* PORTAL_MODULE_MAGIC */
    uint16_t abi_major;      /* PORTAL_ABI_MAJOR */
    uint16_t abi_minor;      /* PORTAL_ABI_MINOR */
    uint32_t size;           /* sizeof(struct portal_module) */
    const char *name;        /* [a-z][a-z0-9_]*, unique, = the .so name */
    const char *title;       /* Chinese */
    const char *version;     /* NULL (2.21 house): the ABI it was built for ("2.27") */
    const struct portal_route *routes;           /* terminated by {NULL} */
    const struct portal_permission *permissions; /* terminated by {NULL} */
    const struct portal_menu *menu;              /* terminated by {NULL} */
    const struct portal_migration *migrations;   /* terminated by {0} */
    const char *template_dir;                    /* relative to the module folder; NULL
                                                    (2.21 house): templates/ if it is there */
    int (*init)(const struct portal_services *s);  /* 0 = ok */
    void (*shutdown)(void);
    const struct portal_wf_type *workflows;      /* 1.2; terminated by {NULL}; may be NULL */
    const struct portal_child_panel *child_panels; /* 1.5; terminated by {NULL}; may be NULL */
    const struct portal_loader *loaders;   /* 2.0; terminated by {NULL}; may be NULL */
    const struct portal_label *labels;     /* 2.0; terminated by {NULL}; may be NULL */
    const struct portal_setting *settings; /* 2.1; terminated by {NULL}; may be NULL */
    const struct portal_lookup *lookups;   /* 2.1; terminated by {NULL}; may be NULL */
    const struct portal_job *jobs;         /* 2.9; terminated by {NULL}; may be NULL */
    const struct portal_retention *retention; /* privacy; terminated by {NULL}; may be NULL */
    void *reserved[2];       /* room to grow without a major bump */
};

#define PORTAL_MODULE_HEADER \
    PORTAL_MODULE_MAGIC, PORTAL_ABI_MAJOR, PORTAL_ABI_MINOR, \
    (uint32_t)sizeof(struct portal_module)

/* A stored file (ABI 1.5, file_store). */
struct portal_file {
    char stored[65];         /* the random name under attachments_dir, 64 hex */
    char sha256[65];         /* of the bytes stored */
    const char *ctype;       /* image/jpeg, image/png or application/pdf */
    const char *ext;         /* jpg, png or pdf */
    size_t len;              /* bytes stored (after metadata was removed) */
};

/* A child's core record (2.0, s->child and the "child" route object).  The
 * ID number itself stays encrypted; id_last4 is enough to show it masked. */
struct portal_child {
    long long id;
    const char *name;
    const char *gender;          /* "1" male, "2" female (GB/T 2261.1) */
    const char *birth_date;      /* YYYY-MM-DD */
    const char *id_last4;
    const char *village_code;    /* 12 digits */
    const char *township_code;
    const char *status;          /* registry status code */
};

/* The user of the request, as the host resolved it from the session. */
struct portal_user {
    long long id;
    const char *username;
    const char *display_name;
    long long org_id;
    const char *org_name;
    const char *division;      /* 12-digit code of the jurisdiction */
    const char *division_name;
    /* 2.2: the kind of the user's organisation (org_kinds.code, "" for none)
     * and its scope: "division" (as always: by the division above) or "org"
     * (only the children linked to org_id; see "Scopes" in the rules) */
    const char *org_kind;
    const char *scope;
};

/*
 * Spreadsheets (2.0, issue 10): the services sheet_* read an upload, the
 * services xlsx_* write an export.  Both are opaque to modules.
 */
typedef struct portal_sheet portal_sheet; /* an uploaded spreadsheet being read */
typedef struct portal_xlsx portal_xlsx;   /* an .xlsx export being written */

/* The type of an export column: how xlsx_row writes its values (strings as
 * they come from the database).  A value that does not fit its type, and
 * every PX_TEXT value, is written as a text cell (never a formula, whatever
 * it starts with); NULL or "" leaves the cell empty. */
enum portal_xlsx_type {
    PX_TEXT = 1, /* text as is: names, codes, ID numbers masked or full */
    PX_INT,      /* "42" -> the number 42 */
    PX_MONEY,    /* fen "165150" -> the number 1651.50, shown "0.00" */
    PX_DATE      /* "2026-12-01" (a DATE or DATETIME column) -> an Excel
                    date shown yyyy-mm-dd */
};

struct portal_xlsx_col {
    const char *title;   /* Chinese header of the column */
    double width;        /* in characters (a Chinese character counts 2); 0: 12 */
    int type;            /* enum portal_xlsx_type */
};

/* An export of personal data (privacy, issue 19: export_begin). */
struct portal_export {
    const char *kind;        /* "<module>.<what>" ("registry.children"), at most 64 bytes */
    const char *title;       /* Chinese, what the file holds ("儿童台账"), at most 100 bytes */
    long long rows;          /* the rows the file will hold */
    int full_id;             /* 1: it holds full ID numbers (needs export.full_id) */
    const char *categories;  /* Chinese, the data categories it holds ("姓名、身份证号、
                                银行账号"), for the sharing register; NULL: the title */
};

/* One payment line (payments, issue 10 part 1: pay_line). */
struct portal_pay_line {
    long long batch_id;      /* a batch of the calling module (pay_batch_open) */
    long long child_id;      /* the child paid for; 0: none (an institution's own line) */
    long long payee_id;      /* pay_payee_*; 0: the child's registered account */
    const char *programme;   /* NULL: the batch's */
    const char *period;      /* YYYY-MM the line is for (back pay: earlier); NULL: the batch's */
    long long amount_fen;    /* > 0; < 0 only for a correction */
    const char *reason;      /* Chinese, 1 to 200 characters */
    long long source_id;     /* the module's record it comes from; 0: none */
    long long corrects;      /* the line it corrects (same child, payee and programme;
                                the corrected line's net never below 0); 0: none */
};

/*
 * Urgent tasks and notices (issue 10 part 4; services task_* and notice_*).
 *
 * An urgent task counts HOURS: a module opens one for a child or an object
 * (an abuse report, an emergency) with who acts (level, optional
 * organisation, permission, like a workflow step) and a deadline in hours.
 * /inbox lists the open tasks first with a red mark and the time left.  When
 * the deadline passes, the master's periodic job (never a request) escalates
 * it: to the next level's inbox (village -> township -> county) with a new
 * window of the same hours, and a row in the supervision list
 * (supervision_items, /inbox/escalated for core.supervise).  Past the
 * county's window it stays there marked overdue.  Every open, escalation and
 * close is audited; with portal.conf outbound_command the master also tells
 * that command (one JSON line on stdin).
 */
struct portal_task {
    const char *kind;        /* the module's code, "report.handle" */
    const char *title;       /* Chinese, shown in the inbox */
    const char *link;        /* a local path ("/reports/12"); NULL: none */
    long long child_id;      /* the child it concerns (scope: its village); 0: none */
    const char *object_type; /* or the object ("report") ... */
    const char *object_id;
    const char *division;    /* ... and its division when there is no child */
    const char *level;       /* who acts first: "village", "township" or "county" */
    long long org_id;        /* only this organisation's users at that level; 0: any.
                                An org-scoped organisation (a school, a hospital, a
                                welfare institution): its staff act on it whatever
                                the level, until it escalates (2.11 gaps) */
    const char *permission;  /* the actor needs it (declared by some module) */
    int hours;               /* 1 .. 720 */
};

/* A notice to one user, to every user of an organisation, or to the office
 * of a division (every user whose jurisdiction is exactly that division: a
 * township's staff, the county's); read per user. */
struct portal_notice {
    long long user_id;       /* the user, or 0 ... */
    long long org_id;        /* ... the organisation, or 0 ... */
    const char *division;    /* ... the division's office (12 digits); exactly one */
    const char *kind;        /* the module's code, "transfer.sent" */
    const char *title;       /* Chinese, at most 200 bytes (cut on a character) */
    const char *body;        /* Chinese, may be NULL */
    const char *link;        /* a local path; NULL: none */
    long long child_id;      /* the child it concerns; 0: none */
    const char *object_type; /* the object it is about; NULL: none */
    const char *object_id;
};

/* The child's core columns other modules keep in step (2.11 gaps,
 * child_core_set): NULL leaves a field as it is. */
struct portal_child_core {
    const char *school;          /* the school's name; "" none */
    const char *school_grade;    /* "三年级"; "" none */
    const char *disability_type; /* GB/T 26341: visual hearing speech physical intellectual
                                    mental multiple; "" clears the disability (its grade
                                    and certificate expiry too) */
    int disability_grade;        /* 1 (most severe) .. 4; 0 leaves it */
    const char *disability_cert_expiry; /* YYYY-MM-DD; "" none */
    const char *placement;       /* where the child lives ("机构养育"); "" none */
};

/*
 * A part of a document (2.17 superv, docx_send), in the order printed; the
 * list ends with kind PD_END (0).  Text is UTF-8 (control characters are
 * dropped; a newline breaks the line).  A table's first row is its header
 * (bold, repeated on each page); its cells are rows * cols strings, row by
 * row (NULL prints nothing).
 */
enum portal_doc_kind {
    PD_END = 0,
    PD_TITLE,     /* the document's title: large, bold, centred */
    PD_HEADING,   /* a section heading: bold */
    PD_PARA,      /* a paragraph */
    PD_RIGHT,     /* a paragraph set to the right (the issuing unit, the date) */
    PD_TABLE      /* a table with borders */
};

struct portal_doc_part {
    int kind;                 /* enum portal_doc_kind */
    const char *text;         /* PD_TITLE .. PD_RIGHT */
    int cols, rows;           /* PD_TABLE: 1..63 columns, 1.. rows (the first the header) */
    const char *const *cells; /* PD_TABLE: rows * cols cells */
};

/*
 * The host's services.  Database bind formats (the `types` argument): one
 * letter per '?' in the SQL:  i = long long,  s = const char * (NULL binds
 * SQL NULL),  b = const void *, size_t (a blob).  Results come back as
 * strings (NULL for SQL NULL) and live until the request ends.
 */
struct portal_services {
    uint32_t magic;          /* PORTAL_MODULE_MAGIC */
    uint16_t abi_major, abi_minor;
    uint32_t size;

    /* request */
    const char *(*param)(portal_req *r, const char *name);      /* declared params only */
    long long (*param_int)(portal_req *r, const char *name, long long dflt);
    const char *(*path_arg)(portal_req *r, const char *name);  /* {name} in the route */
    const char *(*method)(portal_req *r);
    const struct portal_user *(*user)(portal_req *r);           /* NULL if anonymous */
    int (*has_perm)(portal_req *r, const char *perm);
    const char *(*upload)(portal_req *r, const char *name, size_t *len,
                          const char **filename, const char **ctype);

    /* response and templates: values set are escaped by the template */
    void (*set)(portal_req *r, const char *name, const char *value);
    void (*setf)(portal_req *r, const char *name, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
    void (*set_int)(portal_req *r, const char *name, long long v);
    int (*render)(portal_req *r, const char *tmpl, const char *title); /* returns 200 */
    int (*redirect)(portal_req *r, const char *path);  /* 303 to a local path */
    void (*flash)(portal_req *r, const char *msg);     /* shown on the next page */
    int (*fail)(portal_req *r, int status, const char *msg); /* Chinese message */
    void (*header)(portal_req *r, const char *name, const char *value);
    void (*write)(portal_req *r, const void *data, size_t len); /* with PR_NO_LAYOUT;
                                                                    buffered, streamed when large */

    /* database: prepared statements only */
    long long (*db_exec)(portal_req *r, const char *sql, const char *types, ...);
    portal_rows *(*db_query)(portal_req *r, const char *sql, const char *types, ...);
    int (*db_next)(portal_rows *rows);                       /* 1 = a row */
    const char *(*db_col)(portal_rows *rows, int col);
    int (*db_query_hdf)(portal_req *r, const char *prefix, const char *sql,
                        const char *types, ...);            /* rows, or -1 */
    long long (*db_insert_id)(portal_req *r);
    int (*db_begin)(portal_req *r);
    int (*db_commit)(portal_req *r);   /* marks the work done: the host commits after the
                                          handler (-1: a write failed, rolled back) */
    void (*db_rollback)(portal_req *r);

    /* audit, logging, memory */
    void (*audit)(portal_req *r, const char *action, const char *object_type,
                  const char *object_id, const char *detail);
    void (*log)(const char *id, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
    void *(*alloc)(portal_req *r, size_t n);   /* freed when the request ends */
    char *(*sprintf)(portal_req *r, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
    const char *(*config)(const char *key);

    /* 1.1: jurisdiction - a division code is in scope when the user's own
     * division covers it (county > township > village, by code prefix) */
    int (*in_scope)(portal_req *r, const char *division_code);
    const char *(*scope_prefix)(portal_req *r);  /* for "code LIKE CONCAT(?, '%')" */
    /* 1.1: field encryption (AES-256-GCM) and keyed lookups (HMAC-SHA256) */
    const void *(*encrypt)(portal_req *r, const char *plaintext, size_t *len);
    const char *(*decrypt)(portal_req *r, const void *ct, size_t len); /* NULL: tampered */
    const char *(*hmac)(portal_req *r, const char *text);              /* 64 hex chars */
    size_t (*db_col_len)(portal_rows *rows, int col);
    /* 1.1: a query streamed row by row (exports); the callback returns 0 to go
     * on; returns the number of rows or -1 */
    long long (*db_stream)(portal_req *r, int (*row)(void *ctx, portal_rows *rows),
                           void *ctx, const char *sql, const char *types, ...);
    /* 1.1: an object outside the user's scope: audit the denial, answer 404 */
    int (*not_found)(portal_req *r, const char *object_type, const char *object_id);
    /* 1.1: today's date, YYYY-MM-DD (config clock_file names a file holding a
     * date, for tests of deadlines; production has no such key) */
    const char *(*today)(portal_req *r);

    /* 1.2: the workflow.  wf_start opens an application of one of the
     * module's types for a child (jurisdiction checked) and returns its id;
     * wf_act acts on its current step: "approve", "return" (for documents:
     * the opinion lists everything missing), "resubmit" (after a return),
     * "reject" (the opinion is the reason), "object" (during publicity).
     * Both return -1 with a Chinese message in wf_error.  Duties (issue
     * 20): approve, return and reject are refused to the applicant and to
     * the last person who approved a step of it (portal_wf_step.same_actor,
     * wf_one_clerk_townships); a user's approve or
     * reject through a form needs its confirmation box wf_confirm=1
     * (macros.cs wf_confirm(); the host reads the field itself and puts
     * Errors.wf_confirm beside the box when it is missing). */
    long long (*wf_start)(portal_req *r, const char *type, long long child_id,
                          const char *summary);
    int (*wf_act)(portal_req *r, long long app_id, const char *action, const char *opinion);
    const char *(*wf_error)(portal_req *r);
    /* prefix.N.{id,type,type_title,child_id,child_name,step,step_title,status,due,overdue,...}
     * of what waits for the current user (module NULL = every module); rows or -1 */
    int (*wf_inbox_hdf)(portal_req *r, const char *prefix, const char *module);
    /* one application (prefix.{id,type,step,status,due,overdue,...}) and its
     * history (prefix.History.N.{at,user,step_title,action,opinion}); 0 ok, -1 none */
    int (*wf_app_hdf)(portal_req *r, const char *prefix, long long app_id);

    /* 1.3: one CSV cell into the response (quoted as needed, formula-looking
     * cells neutralised; last = 1 ends the row) - the one CSV writer */
    void (*csv_cell)(portal_req *r, const char *value, int last);
    /* 1.3: 1 once output has gone out (the status can no longer change) */
    int (*output_sent)(portal_req *r);

    /* 1.4: money is integer fen.  yuan_to_fen parses "1651.5" -> 165150
     * exactly (digits, at most 2 decimals, at most 10 integer digits, a
     * leading '-' only when allow_sign); 0 ok, -1 refused.  fen_to_yuan
     * formats 165150 as "1651.50". */
    int (*yuan_to_fen)(const char *text, int allow_sign, long long *fen);
    const char *(*fen_to_yuan)(portal_req *r, long long fen);

    /* 1.5: files kept outside the web root (config attachments_dir).
     * file_store takes an upload: its type from its first bytes, never from
     * the browser (JPEG, PNG, and PDF unless images_only), at most 8 MB;
     * strips JPEG and PNG metadata (EXIF with its GPS position, XMP, text
     * chunks) and writes it durably (fsync, rename) under a random name.
     * Returns 0 with *out filled, or the status of the Chinese message it has
     * already answered (400, 413, 500).  Record the file in the module's
     * table in the same request.  The host removes the files a request
     * stored when its writes do not commit (rolled back, a failed commit,
     * an answer >= 400); file_discard removes one at once and may be called
     * again for the same file (idempotent). */
    int (*file_store)(portal_req *r, const void *data, size_t len, int images_only,
                      struct portal_file *out);
    void (*file_discard)(portal_req *r, const char *stored);
    /* sends a stored file after checking its size and sha256: Content-Type
     * ctype, Content-Disposition inline (images only, when want_inline) or
     * attachment with filename (UTF-8, RFC 5987).  Returns 200, or 500 when
     * the file is missing or does not match (logged).  With PR_NO_LAYOUT.
     * Its bytes go out only after the handler returned and the request's
     * writes committed: audit the read after file_send answered 200, and a
     * read whose audit row fails answers 503 without a byte of the file. */
    int (*file_send)(portal_req *r, const char *stored, long long size, const char *sha256,
                     const char *ctype, const char *filename, int want_inline);
    /* fills prefix.N.{module,title,rows,Cols,Rows,Note,Link} from every
     * module's child_panels the user may see; the number of panels or -1 */
    int (*child_panels)(portal_req *r, long long child_id, const char *prefix);
    /* 1.5: the i-th value (from 0) of a repeated declared parameter
     * (checkboxes, a multiple select), NULL past the last; the host has
     * validated every value, not only the first */
    const char *(*param_n)(portal_req *r, const char *name, int i);
    /* 1.5: the client's address as Apache saw it ("" when unknown), the one
     * the audit log records: for per-address limits on public forms */
    const char *(*client_ip)(portal_req *r);

    /* 1.6: every refusal a handler decides itself (no permission for this
     * report, no jurisdiction, not the partner's own object, too many
     * checks): rolls back the handler's open transaction (nothing was done),
     * audits action "deny" with the object (NULL: none) and the reason
     * (English, for the auditors), then answers status (403, 404 or 429)
     * with msg (Chinese; NULL: the default for the status).  Returns status.
     * An object outside the user's scope keeps the short form not_found. */
    int (*refuse)(portal_req *r, int status, const char *object_type, const char *object_id,
                  const char *reason, const char *msg);

    /* ---- 2.0: routes and objects */
    /* {name:int} of the route as a number (0 when absent: the host already
     * answered 404 for a malformed one) */
    long long (*path_int)(portal_req *r, const char *name);
    /* the route's object (portal_route.object), NULL when it declares none */
    const struct portal_object *(*object)(portal_req *r);

    /* ---- 2.0: the child (core tables) */
    /* the child with its scope checked; NULL when absent or out of scope:
     * the denial is audited and the handler answers 404 (return 404) */
    const struct portal_child *(*child)(portal_req *r, long long child_id);
    /* the child's fields into HDF prefix.{id,name,gender,birth_date,id_last4,
     * village_code,township_code,status} */
    void (*child_hdf)(portal_req *r, const char *prefix, const struct portal_child *c);
    /* a timeline event of the calling module in the request's transaction:
     * kind "<noun>.<verb>" ("grant.approved"), summary in Chinese (cut to
     * the column's size on a character boundary); also audited as
     * "child.<kind>".  0 ok, -1 (the request is then doomed: 503) */
    int (*child_event)(portal_req *r, long long child_id, const char *kind,
                       const char *summary);
    /* enter (enter = 1) or leave a category ("orphan", "disabled"... the
     * registry's codes) from `date` (YYYY-MM-DD; NULL today) with its basis
     * (Chinese); writes the timeline event too.  Entering one already held,
     * or leaving one not held, changes nothing and returns 0.  -1 on error. */
    int (*child_category)(portal_req *r, long long child_id, const char *category,
                          int enter, const char *date, const char *basis);

    /* ---- 2.0: rows into templates by column name */
    /* the first row of a query as prefix.<column>; 1 found, 0 none, -1 error */
    int (*db_row_hdf)(portal_req *r, const char *prefix, const char *sql,
                      const char *types, ...);
    /* the current row of `rows` (after db_next) as prefix.<column>; columns
     * that are SQL NULL are left unset, and so are columns named with a
     * leading '_' (here and in db_row_hdf, db_query_hdf): values that ride
     * on every row for the handler alone, read with col */
    void (*put_row)(portal_req *r, const char *prefix, portal_rows *rows);
    /* a column of the current row by its name (as in the SELECT); NULL for
     * SQL NULL or no such column */
    const char *(*col)(portal_rows *rows, const char *name);
    /* the number of the column called name, -1 if none (for db_col_len) */
    int (*col_index)(portal_rows *rows, const char *name);
    /* commit the work so far with its audit rows and go on in a new
     * transaction: only for long batch jobs that must commit in parts.  0 ok,
     * -1 (nothing more should be written; return the error status) */
    int (*db_commit_now)(portal_req *r);
    /* a write that stays even when the request is refused or fails: a
     * counter of refused attempts, a notice a refusal raises.  It runs in
     * the request's transaction and, when that rolls back, again after it
     * (with the denials' audit rows).  Only for such counters and notices;
     * returns what db_exec returns */
    long long (*db_exec_kept)(portal_req *r, const char *sql, const char *types, ...);

    /* ---- 2.0: labels (portal_module.labels, every module's) */
    /* the title of code in kind, or code itself when unknown; NULL code: "" */
    const char *(*label)(portal_req *r, const char *kind, const char *code);
    /* kind's labels into prefix.N.{code,title}, in declaration order; count */
    int (*labels_hdf)(portal_req *r, const char *prefix, const char *kind);

    /* ---- 2.0: dates.  A day is the number of days since 1970-01-01;
     * PORTAL_NO_DAY when the text is not a real date. */
    long (*day_parse)(const char *ymd);                    /* YYYY-MM-DD */
    const char *(*day_format)(portal_req *r, long day);    /* YYYY-MM-DD */
    /* n days after ymd (n < 0: before); working = 1 counts working days with
     * the holiday calendar (/admin/calendar); NULL when ymd is not a date,
     * |n| > 3650 or the result falls outside the years 1900-9999 */
    const char *(*date_add)(portal_req *r, const char *ymd, int n, int working);
    /* whole years of age on `on` (NULL: today) of someone born on birth; -1 bad */
    int (*age_on)(portal_req *r, const char *birth, const char *on);
    /* YYYY-MM of a real month, 0 ok, -1 not */
    int (*month_check)(const char *ym);

    /* ---- 2.0: text */
    const char *(*trim)(portal_req *r, const char *text);        /* NULL -> "" */
    const char *(*like_escape)(portal_req *r, const char *text); /* for LIKE ... ESCAPE '\\' */
    const char *(*url_encode)(portal_req *r, const char *text);  /* a query value */

    /* ---- 2.0: form errors, one convention: Errors.<field> (the message)
     * and Errors.count; the form is then rendered again with the values the
     * user typed (Form.<field>, put back by the host from the declared
     * parameters when the handler has not set Form.<field> itself; never a
     * file or a parameter whose name holds "password").  form_failed() is
     * the count so far (a field counts once). */
    void (*form_error)(portal_req *r, const char *field, const char *msg);
    int (*form_failed)(portal_req *r);

    /* ---- 2.0: CSV reading (UTF-8, with or without BOM; RFC 4180 quotes;
     * CRLF or LF; line breaks inside quotes; empty lines skipped).
     * csv_open takes an upload's bytes (kept until the request ends);
     * csv_next returns the number of cells of the next record (cells valid
     * until the next call), 0 at the end, -1 on a malformed record, bad
     * UTF-8, more than 256 cells or a cell over 64 KiB (csv_error says, in
     * Chinese, with the line number; -1 again on every later call). */
    portal_csv *(*csv_open)(portal_req *r, const void *data, size_t len);
    int (*csv_next)(portal_csv *c, const char ***cells);
    const char *(*csv_error)(portal_csv *c);

    /* ---- 2.0: accounts (the admin and account modules).  The secrets stay
     * in the host: a module never sees a password hash or a TOTP secret.
     * users, roles, sessions are core tables a module may read and write
     * with SQL (its own audit rows); what needs a secret goes through here. */
    /* NULL when pw meets the password policy, else why not (Chinese) */
    const char *(*password_refused)(portal_req *r, const char *pw);
    /* 1 when pw is the signed-in user's current password, else 0.  A wrong
     * one counts toward the login lockout (users.failed_count/locked_until);
     * while the account is locked nothing is verified (0).  A locked
     * account's sessions all end, the caller's too; the count and the
     * ending stay when the request is refused.  Audit the refusal (an
     * action ending in .fail) */
    int (*password_matches)(portal_req *r, const char *pw);
    /* sets user_id's password: the policy checked again (-1 when refused),
     * scrypt-hashed, must_change = 1 forces a change at the next login; ends
     * the user's sessions (but the request's own, when it is the caller's
     * account); audits `action` on the user with `detail` (action NULL: part
     * of an act the caller audits, e.g. an account's creation).  0 ok, -1 */
    int (*password_set)(portal_req *r, long long user_id, const char *pw, int must_change,
                        const char *action, const char *detail);
    /* ends every session of user_id but the request's own (a disabled
     * account, a reset second factor): part of an act the caller audits.
     * 0 ok, -1 */
    int (*sessions_end)(portal_req *r, long long user_id);
    /* the signed-in user's TOTP enrolment into prefix.{Enabled, Required,
     * Blocking}; when not enabled, a pending secret (created once, stored
     * encrypted) as prefix.Secret (grouped by four, for typing) and
     * prefix.Uri (otpauth://, for the QR code).  0, or the status of the
     * Chinese error page already answered (500: no encryption key) */
    int (*totp_enrolment)(portal_req *r, const char *prefix);
    /* confirms the enrolment with a code of the pending secret: 1 enabled
     * (audited totp.enrol; an enrolment-only session becomes a full one
     * under a new token), 0 wrong code (audited totp.enrol.fail), 2 nothing
     * to confirm (enabled already, or no pending secret), -1 error */
    int (*totp_confirm)(portal_req *r, const char *code);
    /* walks every audit chain: *checked rows read, *broken_at the first
     * broken row (0: intact); audits audit.verify.  0 ok, -1 error */
    int (*audit_verify)(portal_req *r, long long *checked, long long *broken_at);

    /* ---- 2.0: spreadsheets in and out (issue 10) */
    /* Reading an upload, whatever its format, found from its bytes (never
     * from its name): .xlsx (first sheet), .xls (first sheet), or CSV in
     * UTF-8 (with or without BOM) or GBK/GB18030 (what Excel in China
     * saves).  sheet_open never returns NULL: a file that cannot be read
     * (corrupt, encrypted, too large when unzipped, not a spreadsheet) makes
     * the first sheet_next return -1.  sheet_next gives the next row that
     * has a non-empty cell as UTF-8 strings (cells valid until the next
     * call; trailing empty cells not counted, empty ones in between ""):
     * the number of cells, 0 at the end, -1 on an error (and from then on).
     * Cells read as Excel shows them: text exactly as typed (an ID number
     * stored as text keeps every digit); numbers in plain notation without
     * thousands separators ("42", "1651.5"; at most 15 significant
     * digits, as Excel keeps); dates as YYYY-MM-DD (with " HH:MM:SS" when
     * the cell's format shows a time; a time alone HH:MM:SS); TRUE/FALSE.
     * Caps: 200,000 rows, 256 cells a row, 32,767 bytes a cell, 128 MB
     * unzipped; past one, -1 with a Chinese message naming the row.
     * sheet_row: the spreadsheet's row number (from 1) of the row sheet_next
     * gave last (for a CSV, the line its record starts on, as csv_line),
     * for "第 N 行" in the module's own messages.  sheet_error:
     * the Chinese message after -1, NULL before.  sheet_format: "xlsx",
     * "xls", "csv", or "" when the bytes are none of them. */
    portal_sheet *(*sheet_open)(portal_req *r, const void *data, size_t len);
    int (*sheet_next)(portal_sheet *sh, const char ***cells);
    long (*sheet_row)(portal_sheet *sh);
    const char *(*sheet_error)(portal_sheet *sh);
    const char *(*sheet_format)(portal_sheet *sh);
    /* Writing an .xlsx export (with PR_NO_LAYOUT), in flat memory however
     * many rows: xlsx_begin(r, filename ("children-20261201.xlsx", UTF-8),
     * sheet title (Chinese, at most 31 characters), columns terminated by
     * {NULL}) writes the header row (bold, frozen); NULL when the export
     * cannot start (logged; answer 500).  Then audit the export, then one
     * xlsx_row per row (cells in column order, as many as the columns):
     * 0, or -1 when the sheet is full (1,048,575 rows) or cannot be written
     * (stop; xlsx_end then fails).  xlsx_end finishes the workbook and sends
     * it (Content-Type of .xlsx, Content-Disposition attachment with the
     * UTF-8 filename, RFC 5987); returns 200, or 500 with the error page
     * when the workbook could not be written (nothing was sent).  Nothing
     * leaves before xlsx_end, so the audit row always commits before the
     * first byte.  The workbook is written to a private temporary file under
     * the instance's tmp_dir (mode 0600), streamed out and removed; a request
     * that never calls xlsx_end leaves nothing behind. */
    portal_xlsx *(*xlsx_begin)(portal_req *r, const char *filename, const char *sheet_title,
                               const struct portal_xlsx_col *cols);
    int (*xlsx_row)(portal_xlsx *x, const char *const *cells);
    int (*xlsx_end)(portal_xlsx *x);

    /* ---- 2.1: module settings and lookups (issue 10 part 5).  code is
     * one of the calling module's settings, or "<module>.<code>" for
     * another module's; on is YYYY-MM-DD (NULL: today).  The value in force
     * on that day: the row with the latest valid_from on or before it (the
     * latest entered among rows of the same day), else the declared
     * default.  NULL for an undeclared code or a bad date (logged). */
    const char *(*setting)(portal_req *r, const char *code, const char *on);
    /* the same as a number (fen, basis points, days, the integer);
     * PORTAL_NO_SETTING for an undeclared code, a bad date or a text setting */
    long long (*setting_int)(portal_req *r, const char *code, const char *on);
    /* the entries of one of the calling module's lookups ("kind", or
     * "<module>.<kind>") in force on `on` (NULL: today) into
     * prefix.N.{id,code,<column code>...}, ordered by code; the count, -1 */
    int (*lookup_hdf)(portal_req *r, const char *prefix, const char *kind, const char *on);
    /* the i-th enabled module (from 0; the core not included), NULL past
     * the last: its declarations (permissions, settings, lookups) */
    const struct portal_module *(*module_nth)(portal_req *r, int i);

    /* ---- 2.1: the line of the file (from 1) the record csv_next gave last
     * started on, blank lines and line breaks inside quotes counted: for
     * "第 N 行" in the module's own messages, as sheet_row is for sheets */
    long (*csv_line)(portal_csv *c);
    /* ---- 2.2: payments (issue 10 part 1): the ledger every module posts into
     * (core tables pay_batches, pay_lines, pay_payees; the payments module
     * shows, reviews, locks and exports the batches).  Every call joins the
     * request's transaction; -1 (or 0 for an id) is a refusal with a Chinese
     * message in pay_error, nothing written; the handler answers it (409 or
     * 400: the host rolls back).  Money in fen, periods YYYY-MM. */
    /* opens a batch of the calling module (draft): programme [a-z0-9_]{1,32}
     * (its title is the label "<module>.programme"), period YYYY-MM, title
     * (Chinese); audited pay.batch.open.  A programme has at most one open
     * (draft or reviewed) batch a month, a database key (core migration
     * 036): when it exists, whoever asks - another clerk, another node - gets
     * that batch (its own title kept, nothing audited).  The batch's id, or 0 */
    long long (*pay_batch_open)(portal_req *r, const char *programme, const char *period,
                                const char *title);
    /* the guardian's bank account a child is paid into (one per child; a
     * second call replaces it): holder, bank and the account number (digits,
     * 8 to 32; stored encrypted, shown masked, decrypted only in the bank
     * file).  The child is checked in scope (else 0, the denial audited);
     * audited pay.payee.account.  The payee's id, or 0 */
    long long (*pay_payee_account)(portal_req *r, long long child_id, const char *holder,
                                   const char *bank, const char *account);
    /* an institution (an org: hospital, school, provider) as a payee, its
     * bank account as above; holder is the org's name.  The payee's id, or 0 */
    long long (*pay_payee_org)(portal_req *r, long long org_id, const char *bank,
                               const char *account);
    /* posts one line into a draft or reviewed batch of the calling module
     * (a reviewed one goes back to draft: it must be reviewed again); a
     * locked or exported batch refuses it.  The line's id, or 0 */
    long long (*pay_line)(portal_req *r, const struct portal_pay_line *line);
    /* how much is left this year for a child in a programme of the calling
     * module: cap_fen minus the sum of its lines (every batch, corrections
     * included) whose period falls in `year`; negative when over the cap.
     * The child is checked in scope.  A POST's check is audited
     * (pay.cap.check: it decides a payment); a GET's is a figure of its page,
     * whose read is audited already.  0 ok with *left set, -1 */
    int (*pay_cap_left)(portal_req *r, long long child_id, const char *programme, int year,
                        long long cap_fen, long long *left);
    /* the Chinese message of the last refusal of a pay_* call, NULL if none */
    const char *(*pay_error)(portal_req *r);

    /* ---- 2.3, issue 10 part 4: urgent tasks and notices (struct portal_task,
     * struct portal_notice above).  All run in the request's transaction. */
    /* opens an urgent task of the calling module; checks the child (with
     * scope_allows: a school may alert about its pupil) or the division (in
     * the user's scope; for an org-scoped user, a division of their own
     * county: a school reporting a child without a file), the level, the
     * permission and the hours; audited task.open.  The id, or -1 with a
     * Chinese message in task_error (nothing written) */
    long long (*task_open)(portal_req *r, const struct portal_task *t);
    /* closes a task the user may act on (in scope, at its level, with its
     * permission): the outcome (Chinese) is kept, its supervision rows are
     * resolved; audited task.close.  0 ok, -1 (task_error says why) */
    int (*task_close)(portal_req *r, long long task_id, const char *outcome);
    const char *(*task_error)(portal_req *r);
    /* the open tasks the user acts on now, most urgent first (module NULL:
     * every module): prefix.N.{id,module,kind,title,link,child_id,level,
     * level_title,due_at,opened_at,minutes_left,left,overdue,escalations};
     * due_at in UTC (datetime() shows Beijing time); rows or -1 */
    int (*tasks_hdf)(portal_req *r, const char *prefix, const char *module);
    /* sends a notice from the calling module (audited notice.send); the id
     * or -1 (no such user, organisation or division, not exactly one of
     * them, no title, a link that is not local) */
    long long (*notice_send)(portal_req *r, const struct portal_notice *n);
    /* the signed-in user's unread notices (their own, their organisation's
     * and their division's office's) */
    long long (*notices_unread)(portal_req *r);
    /* ---- 2.4: organisation scopes (issue 10 part 3; "Scopes" in the rules
     * above).  scope_allows is THE scope check of anything about a child:
     * 1 when the user may see what concerns child_id (0: no child) in the
     * division division_code (NULL: none) - a division-scoped user when
     * in_scope(division_code), an org-scoped user when child_id is linked
     * to their organisation now (never by division).  Route objects,
     * s->child and child panels use it; a module's own check of a child
     * uses it too (in_scope alone refuses every org-scoped user). */
    int (*scope_allows)(portal_req *r, const char *division_code, long long child_id);
    /* the same check for a list: an SQL condition on the children table
     * under `alias` ("c": c.id, c.village_code) with exactly two '?' bound
     * as "ss" with *arg1, *arg2 (either may be NULL: it binds SQL NULL):
     *   "SELECT c.id, c.name FROM children c WHERE <cond> ORDER BY c.name"
     * NULL (logged) when alias is not [a-z_][a-z0-9_]{0,31}. */
    const char *(*scope_sql)(portal_req *r, const char *alias, const char **arg1,
                             const char **arg2);
    /* link child_id to organisation org_id with the relation of its kind
     * ("enrolled" a school, "referred" a hospital, a provider, a welfare
     * institution or an NGO, "report" a police station) from `from` (NULL:
     * today) to `to` (inclusive; NULL: open-ended), with a note (Chinese,
     * at most 200 characters; NULL none).  The caller must have the child
     * in scope (else the denial is audited).  In the request's transaction:
     * a timeline event "org.link" and the audit row "child.link".  The link
     * id, or -1 with link_error set (nothing written). */
    long long (*child_link)(portal_req *r, long long child_id, long long org_id,
                            const char *relation, const char *from, const char *to,
                            const char *note);
    /* end a link now (the row stays, ended_at set): the child in the
     * caller's scope, a timeline event "org.unlink", audit "child.unlink".
     * 0, or -1 with link_error set (an unknown link's probe is audited) */
    int (*child_unlink)(portal_req *r, long long link_id);
    /* the Chinese message of the last child_link / child_unlink that
     * failed, NULL after one that worked */
    const char *(*link_error)(portal_req *r);

    /* ---- 2.5: divisions from the worker's cache (issue 17) ---- */
    /* the divisions of `level` ("township" or "village") whose code starts
     * with code_prefix (NULL or "": all) valid on `on` (NULL: today) into
     * prefix.N.{code,name,type}, in code order: no statement per page.  The
     * count, -1 when they cannot be read. */
    int (*divisions_hdf)(portal_req *r, const char *prefix, const char *level,
                         const char *code_prefix, const char *on);
    /* after writing the divisions table: every worker reloads its cache
     * (in the request's transaction); 0, -1 */
    int (*divisions_changed)(portal_req *r);
    /* ---- 2.6 registry (issue 10): notices an office handles.  A notice to a
     * division's office is one piece of work for that office: */
    /* marks a notice of the calling module handled (notices.done_at,
     * done_by: the same for every user of the office, shown on /notices,
     * unread for nobody any more) by one of its recipients; audited
     * notice.done.  0 done now, 1 done already, -1 no such notice of the
     * calling module for this user (or a database error) */
    int (*notice_done)(portal_req *r, long long notice_id);
    /* notice_send for a notice a refusal raises (a possible duplicate for
     * the county to check while the form itself is refused): written like
     * db_exec_kept, so it stays when the request rolls back (its id is
     * then another: none is returned); audited notice.send.check.  0, or
     * -1 as notice_send */
    int (*notice_send_kept)(portal_req *r, const struct portal_notice *n);
    /* ---- 2.7 living-ledger (issue 10: living's monthly payments on the
     * ledger): many payment lines at once, for a month of a whole county
     * (100,000 lines), where pay_line one at a time is too slow.  Posts
     * into a draft or reviewed batch of the calling module (a reviewed one
     * goes back to draft) every row of `select`, a SELECT of the module
     * with the columns child_id, programme, period (a DATE, first of the
     * month), amount_fen, reason, source_id and its own bound arguments
     * (types, ...), in one statement inside the request's transaction.  A
     * row is posted only when its child is in the user's scope, its amount
     * is 1 fen or more, its programme a code and its reason 1 to 200
     * characters: the module's SELECT filters, these hold.  No payee (the
     * child's registered account), no correction (pay_line does those).
     * One audit row pay.lines.add with the count and the total.  The number
     * of lines posted, or -1 (pay_error says why when it was a refusal). */
    long long (*pay_lines_select)(portal_req *r, long long batch_id, const char *select,
                                  const char *types, ...);

    /* ---- 2.8: citizen ID numbers (GB 11643-1999), one rule for every
     * module.  id_number_check: PORTAL_ID_OK with birth (YYYY-MM-DD, 11
     * bytes) and sex (1 male, 2 female) filled, or the first fault found
     * (PORTAL_ID_SHAPE: not 17 digits and a digit or upper-case X;
     * PORTAL_ID_CHECK_CHAR; PORTAL_ID_BIRTH_DATE: no such day, or later than
     * today).  birth and sex may be NULL.  id_number_mask: 500242********123X
     * into out (all '*' for anything that is not 18 characters). */
    int (*id_number_check)(const char *id, char birth[11], int *sex);
    void (*id_number_mask)(const char *id, char out[19]);

    /* ---- 2.9: the modules' jobs (struct portal_job).  jobs_hdf: every
     * declared job under prefix.N (module, name, title, every, started,
     * finished, status: running/ok/failed or empty, message, runs,
     * failures); the count, or -1. */
    int (*jobs_hdf)(portal_req *r, const char *prefix);
    /* ---- 2.10 privacy (issue 19 items 1 and 4): every export of personal
     * data (a list, a bank file, a bulletin with names; CSV or .xlsx) calls
     * export_begin once it knows its row count and BEFORE anything else of
     * the file (xlsx_begin, a header, a write) and before its own writes.
     * 0: go on and write the file - it is in the export register (who,
     * when, kind, purpose, the request's parameters, rows, full ID or not)
     * and audited ("data.export"); an export to another department is in
     * the sharing register.  Else return what it returns: the status of a
     * page it has answered - the form asking the purpose (the host's own
     * fields purpose, purpose_note, recipient: no route declares them; the
     * form asks the same request again), the request for approval of a
     * large export with full ID numbers (above the setting
     * privacy.export_approval_rows: downloaded once, after a second
     * county-level person's approval, with export_ticket), or a refusal
     * (no export.full_id, a ticket not approved or used). */
    int (*export_begin)(portal_req *r, const struct portal_export *e);
    /* ---- 2.11 gaps (issues 11-15): the child's core columns and category
     * exits through the host.  child_core_set writes the fields of f that
     * are not NULL into the child's row (the child in the caller's scope,
     * scope_allows; the row locked): only what changes, one timeline event
     * "file.core" of the calling module listing old and new values with
     * `why` (Chinese; NULL none), audited "child.file.core".  0 (also when
     * nothing changed), -1 with a Chinese message in child_error (nothing
     * written): out of scope (the denial audited), a value of the wrong
     * shape, a database error. */
    int (*child_core_set)(portal_req *r, long long child_id, const struct portal_child_core *f,
                          const char *why);
    /* leaves `category` on `date` (NULL today) with the reason code
     * `reason` (one of the labels "registry.exit": adult, adopted, found,
     * guardian_able, ...) kept in child_categories.exit_reason and a note
     * (Chinese, NULL none) in exit_note; the child's status, the timeline
     * and the audit as child_category.  Not held: changes nothing, 0.  -1
     * with child_error set (an unknown reason, a bad date, the database) */
    int (*child_category_exit)(portal_req *r, long long child_id, const char *category,
                               const char *date, const char *reason, const char *note);
    /* the Chinese message of the last child_core_set / child_category_exit
     * that failed */
    const char *(*child_error)(portal_req *r);
    /* ---- 2.12 duties (issue 20): an amount in fen in 人民币大写 for printed
     * payment forms ("壹仟陆佰伍拾壹元伍角整"; negative: "负..."), "" when it
     * cannot be written */
    const char *(*fen_to_rmb_upper)(portal_req *r, long long fen);
    /* ---- 2.14 perf (issue 17): whether a child has rows in a table a
     * module's child panel declares (portal_child_panel.tables; also the
     * core's child_attachments and wf_applications): 1 yes (or the table
     * is not declared: assume so), 0 none, -1 a database error.  The first
     * call of a page asks for every declared table in one statement; it is
     * a hint for what to read, never a permission (the child's scope is
     * checked as before).  1 may also mean "had rows once": the answer
     * comes from marks the declared tables' triggers keep (sql/041,
     * installed by portalctl migrate) and a mark stays when the rows go, so
     * read the rows to show them; 0 is always true. */
    int (*child_has)(portal_req *r, long long child_id, const char *table);
    /* ---- 2.15 scope (issue 15): a user's scope as a set of villages.
     * scope_where: THE scope condition of a list on `column` (a column
     * holding a 12-digit village code: "c.village_code", "v.code", or an
     * expression of columns: "COALESCE(c.village_code, g.division_code)";
     * letters, digits, "_.(), " only) with exactly one '?' bound as "s"
     * with *arg (NULL binds SQL NULL: nothing):
     *   const char *sa, *w = s->scope_where(r, "c.village_code", &sa);
     *   s->db_query(r, s->sprintf(r, "SELECT ... WHERE %s", w), "s", sa);
     * the user's prefix for a division-scoped user, their villages today
     * for a set user, never true for an org-scoped user.  NULL (logged)
     * for a bad column name. */
    const char *(*scope_where)(portal_req *r, const char *column, const char **arg);
    /* the calling module grants village `division` to user_id from `from`
     * (NULL today) until `to` (the day it ends, exclusive: from that day on
     * the village is no longer theirs; NULL open-ended), as its row
     * source_id (granted again with the same source_id: the row's dates
     * change, e.g. `to` set to end it).  From the user's next request their
     * scope is the set of the villages their grants hold that day (not
     * their account's division; none: nothing).  The village must be in
     * the caller's scope.  Audited "scope.grant", in the request's
     * transaction.  0, or -1 with link_error set (nothing written). */
    int (*scope_grant)(portal_req *r, long long source_id, long long user_id,
                       const char *division, const char *from, const char *to);
    /* ---- privacy (issue 19 items 1 and 5): every row an export writes
     * after export_begin answered 0, with the child it is about (0: none,
     * an institution's line); no query, safe inside a db_stream callback.
     * Once the request ends the host records the rows written in the export
     * register and, for an export that is a disclosure (to another
     * department or a higher level, or with full ID numbers), the children
     * it held (export_children: the child's 信息共享登记 and the guardian's
     * copy show it).  An export that fails part-way answers a status >= 400
     * (500 even when the output began): the register marks it failed. */
    void (*export_row)(portal_req *r, long long child_id);
    /* ---- 2.17 superv (issue 16): a document to print or send, as .docx.
     * docx_send writes the parts (struct portal_doc_part, in order) as a
     * minimal WordprocessingML document (A4 portrait; landscape = 1: A4
     * landscape, for wide tables) and sends it with PR_NO_LAYOUT as the
     * attachment `filename` (".docx" added when missing).  A document with
     * children's names or ID numbers goes through export_begin first.
     * 200, or 500 (a part that cannot be written: nothing sent, logged). */
    int (*docx_send)(portal_req *r, const char *filename, int landscape,
                     const struct portal_doc_part *parts);
    /* ---- 2.18 money (issue 20): batch approval, one mechanism for every
     * module with workflows.  A module's route POST /<module>/applications/
     * batch (params wf_batch_params, below: "app", several, and "opinion";
     * the confirmation wf_confirm is the workflow's) hands it over; its inbox
     * sets InboxSelect to "batch-form" and calls wf_batch_form("/<module>/
     * applications/batch") (wf_macros.cs).  The applications ticked (at
     * most 100), all of the calling module at one type and step, are
     * approved one by one exactly as if alone: scope, state, level,
     * permission, separation of duties by wf_act, before them the module's
     * own check `before` (NULL or the Chinese reason it may not) and after
     * them its own bookkeeping `after` (0 ok), either may be NULL.  Each is
     * a savepoint: a refused one leaves nothing but its audit row
     * (wf.batch.refused); the batch is audited wf.batch.approve.  Renders
     * the summary (templates/wf_batch_result.cs: done and refused, with
     * why) and returns its status; 400 with nothing done and the message
     * beside the field (Errors.app, Errors.wf_confirm) when none is ticked,
     * too many, or the box is not ticked: the module shows its inbox
     * again; 500 when the database failed (all rolled back). */
    int (*wf_batch)(portal_req *r,
                    const char *(*before)(portal_req *r, const struct portal_services *s,
                                          long long app_id),
                    int (*after)(portal_req *r, const struct portal_services *s,
                                 long long app_id));
    /* ---- 2.20 (review): the characters of a UTF-8 text, as clerks count
     * them (PP_TEXT and PP_LINES limits count the same way); NULL: 0 */
    size_t (*text_chars)(const char *s);
    /* ---- 2.22 dupsa (issue 9): an application form's child picker (macros.cs
     * child_picker): child_id > 0 is the child picked (?child=), checked as
     * s->child does and put into Child.* (child_hdf); a non-empty q
     * (?q=) searches the children of the user's scope (scope_sql: not
     * archived) whose name holds it, at most 20, into Found.<n>.{id, name,
     * birth_date, village_code}, and q into Form.q.  0; 404 when the child
     * is absent or out of scope (the denial audited); 500 a database error */
    int (*child_pick)(portal_req *r, long long child_id, const char *q);
    /* ---- 2.23 superv (issue 16): a page body kept per worker, for a page
     * whose body is costly to render and changes only with data the module
     * versions itself (the supervision dashboard: its job's figures).  `key`
     * names everything the body depends on: the module's data version, the
     * viewer's scope (a township's key never equals the county's), the
     * parameters.  The host adds the versions of the divisions and the
     * settings.  The layout (name, menu, CSRF token, flash) is rendered on
     * every request; the body, escaped when it was rendered, is copied.  A
     * body must show nothing of the user or the request that the key does
     * not name (no forms with a CSRF token).  page_kept: 1 when this worker
     * holds the body of tmpl for key (render_kept then needs no data set);
     * render_kept: as render, with the body kept or rendered now and kept
     * (key NULL: nothing kept). */
    int (*page_kept)(portal_req *r, const char *tmpl, const char *key);
    int (*render_kept)(portal_req *r, const char *tmpl, const char *title, const char *key);
    /* ---- 2.24 dupsb (issue 9): a child panel's table (struct
     * portal_child_panel), one way for every fill().  panel_cells sets n
     * strings in order, NULL as "": the headings when row < 0
     * (prefix.Cols.N), else the cells of that row (prefix.Rows.<row>.N).
     * panel_rows runs sql, whose one parameter (bound "i") is the child,
     * unless child_has says the child has no rows in `table`: 1 with *rows
     * set, 0 none (no query; *rows NULL), -1 a database error. */
    void (*panel_cells)(portal_req *r, const char *prefix, int row, const char *const *cells,
                        int n);
    int (*panel_rows)(portal_req *r, long long child_id, const char *table, const char *sql,
                      portal_rows **rows);
    /* ---- 2.25 perf (issue 17): the child's core row as prefix.<column>:
     * id, name, sex, birth_date, id_last4, village_code, township_code,
     * status, ethnicity, id_masked, no_id_reason, hukou, address, school,
     * school_grade, health, disability_type, disability_grade,
     * disability_cert_expiry, placement, created_at, updated_at, age (whole
     * years today) and has_notes (1 when encrypted notes exist; never the
     * notes, the ID number or their lookups); SQL NULL columns left unset.
     * The child's scope is checked as for s->child (absent or outside: 0,
     * the refusal audited).  On a GET the route's child row carries it (no
     * statement of its own), else one statement.  *has_notes (may be NULL)
     * gets has_notes.  1, 0, or -1 on a database error */
    int (*child_row_hdf)(portal_req *r, long long child_id, const char *prefix,
                         int *has_notes);
    /* ---- 2.26 sess (issues 16, 17): the version of the cache_versions row
     * `name` (a module's data version, e.g. 'supervision', moved by its own
     * writes or job in their transaction), as the session's statement read
     * it with the session, or newer (the host reads the list again when the
     * versions' sum moved: core 048): no statement of its own.  -1 on a request
     * without a session, or when there is no such row.  A module adds its
     * row in a migration and never moves it on a read; a row only grows
     * (core 048 refuses a version lowered, a row renamed or deleted). */
    long long (*data_version)(portal_req *r, const char *name);
    /* ---- 2.27 filedb (issue 17): the child's categories and the day its
     * file was opened, read with the route's child row on a GET (no
     * statement of their own; else one statement, once per GET and child).
     * The caller has checked the child (its route object, or s->child).
     * child_categories_on: the categories child_id holds on day `on`
     * (start_date <= on, no end_date or end_date >= on) as ",a,b," ("," for
     * none; each once, in no order); on NULL: those not ended (no end_date,
     * whatever their start).  child_opened: YYYY-MM-DD of the file's
     * created_at (UTC), NULL when there is no such child.  NULL on a
     * database error. */
    const char *(*child_categories_on)(portal_req *r, long long child_id, const char *on);
    const char *(*child_opened)(portal_req *r, long long child_id);
    /* ---- 2.28 scale: 1 when user_id is locked out now by the login
     * throttle (users.locked_until, moved by a failed login or a wrong
     * current password: password_matches), 0 when not, -1 on a database
     * error or no such user */
    int (*account_locked)(portal_req *r, long long user_id);
    /* ---- 2.29 village (issue 17): the villages of the user's scope
     * today, 12-digit codes: a village's user's (their division), a set
     * user's (a village's director: "a,b", "" for none today); NULL for a
     * county's, a township's or an organisation's user.  A hint for what
     * to read (a list of one village in a key beginning with the village;
     * a set's villages tested in the entries before the scope's
     * semi-join), never a permission: the list's condition is still
     * scope_sql / scope_where's, which for a set of one village is an
     * equality too. */
    const char *(*scope_villages)(portal_req *r);
    /* ---- 2.30 inbox (issue 17): rows offset .. offset+limit-1 of what
     * waits for the user (as wf_inbox_hdf, in its order: overdue first,
     * then by the date due) as prefix.0, prefix.1 ...; the number of rows
     * in all (not only the page's), or -1.  limit at most 2000. */
    int (*wf_inbox_page)(portal_req *r, const char *prefix, const char *module, long offset,
                         long limit);
    /* ---- 2.31 inbox (issue 17): the page of `rows` rows (1 .. 2000) the
     * route's declared parameter `page` asks (wf_inbox_params; 1 when
     * absent, the last page when past the end), as wf_inbox_page puts
     * them, and the pager's figures: <prefix>Count (the rows in all) and,
     * when they fill more than one page, <prefix>Total, <prefix>Page,
     * <prefix>Pages, <prefix>Prev and <prefix>Next.  The filter it offers
     * too: without a module (across the modules) <prefix>Filter.Modules
     * (code, title: the modules with a step of the user's); with a module
     * (or one chosen) <prefix>Filter.Steps (code "type.step", title: the
     * module's steps at the user's level); <prefix>Filter.Towns (code,
     * name: a county user's townships).  The declared parameters `module`,
     * `step` and `township` narrow the rows to one of them (a value not
     * offered: no filter), and then <prefix>Filter.module, .step,
     * .township and <prefix>Query (the filter as a query string, for the
     * pager's links) say so.
     * templates/wf_macros.cs: wf_inbox_paged (wf_inbox_filter,
     * wf_inbox_table, wf_inbox_pager) and wf_batch_form read them as Inbox*.  The number of
     * rows in all (as narrowed), or -1. */
    int (*wf_inbox_paged)(portal_req *r, const char *prefix, const char *module, long rows);
    /* ---- 2.32 reports (issue 17): the transactions this request or job
     * opens from now on (not one already open: call it first) read
     * committed rows, READ COMMITTED: an INSERT ... SELECT or CREATE ...
     * SELECT from live tables (a report's working copy) locks none of the
     * rows it reads.  At the default REPEATABLE READ such a statement holds
     * a shared lock on every row it read until the commit, and a clerk's
     * write to one of them waits for it or deadlocks.  Each statement then
     * reads what is committed when it starts (not one snapshot for the
     * transaction). */
    void (*db_reads_committed)(portal_req *r);
};

/* 2.22 dupsa (issue 9): the parameters of a module's batch approval route
 * POST /<module>/applications/batch (service wf_batch: "app", several, and
 * the opinion shared by all), declared once for every module:
 *   {"POST", "/living/applications/batch", application_batch_post,
 *    "living.view", PR_STATE_CHANGING, wf_batch_params, NULL} */
static const struct portal_param wf_batch_params[] = {
    {"app", PP_INT, 20, 0, "申请"},
    {"opinion", PP_LINES, 2000, 0, "意见"},
    /* 2.31: the inbox's page the boxes were on, and its filter */
    {"page", PP_INT, 7, 0, "页码"},
    {"step", PP_CODE, 100, 0, "环节"},
    {"township", PP_CODE, 12, 0, "乡镇（街道）"},
    {NULL, 0, 0, 0, NULL}};

/* 2.31 inbox (issue 17): the parameter of a page that lists its inbox a
 * page at a time (service wf_inbox_paged):
 *   {"GET", "/living", home_get, "living.view", 0, wf_inbox_params, NULL} */
#define PORTAL_INBOX_PAGE 50 /* the rows of a page of an inbox, everywhere */
static const struct portal_param wf_inbox_params[] = {
    {"page", PP_INT, 7, 0, "页码"},
    {"module", PP_CODE, 32, 0, "模块"},
    {"step", PP_CODE, 100, 0, "环节"},
    {"township", PP_CODE, 12, 0, "乡镇（街道）"},
    {NULL, 0, 0, 0, NULL}};

#define PORTAL_NO_SETTING (-9223372036854775807LL - 1)

#define PORTAL_NO_DAY (-2147483647L)

/* id_number_check (2.8) */
enum { PORTAL_ID_OK = 0, PORTAL_ID_SHAPE, PORTAL_ID_CHECK_CHAR, PORTAL_ID_BIRTH_DATE };

#endif
