/*
 * kept.c - the audit rows of a request and what outlives its rollback:
 * audit(), and the denials, reads and kept writes replayed after the
 * request's transaction rolled back (request.c runs the transaction).
 */
#include "host.h"
#include "db.h"
#include "audit.h"

#include <string.h>

static void hold(portal_req *r, const struct audit_row *row);

void audit(portal_req *r, const char *action, const char *otype, const char *oid,
           const char *detail)
{
    struct audit_row row = {NULL,
                            r && r->logged_in ? r->user.id : 0,
                            r && r->logged_in ? r->user.username : NULL,
                            action, otype, oid, detail,
                            r ? r->remote_addr : NULL, 0};
    if (r->hold_audit && !db_in_txn()) {
        hold(r, &row); /* a read's rows: one commit at audit_flush */
        return;
    }
    if (audit_append(r->a, &row) == 0) {
        req_keep_audit(r, &row); /* a denial or a read outlives a rollback */
    } else {
        /* a change or a read that cannot be audited does not happen: the
         * host rolls the request back and answers 503 */
        db_doom();
        log_msg("PT0501", "audit write failed (%u %s): %s %s %s", db_errno(), db_error(), action,
                otype ? otype : "", oid ? oid : "");
    }
}

/* ------------------------------------------- what outlives a rollback */

/* An audit row, or a kept write, made inside the request's transaction:
 * pending until that transaction ends; lost when it rolls back, then run
 * again after it (keep_replay). */
struct kept {
    struct kept *next;
    int state;                  /* KEPT_PENDING, KEPT_LOST, KEPT_DONE */
    struct audit_row row;       /* row.action set: an audit row */
    const char *sql, *types;    /* else a write */
    struct db_arg *args;
};
enum { KEPT_PENDING, KEPT_LOST, KEPT_DONE };

static portal_req *txn_req;     /* the request whose handler runs */

static void kept_txn_end(int committed)
{
    for (struct kept *k = txn_req ? txn_req->kept : NULL; k; k = k->next)
        if (k->state == KEPT_PENDING)
            k->state = committed ? KEPT_DONE : KEPT_LOST;
}

/* the request whose handler (or job) runs now: its audit rows and kept
 * writes are pending until its transaction ends */
void kept_begin(portal_req *r)
{
    txn_req = r;
    db_txn_end_hook = kept_txn_end;
}

void kept_end(void)
{
    txn_req = NULL;
}

static const char *dupz(portal_req *r, const char *v)
{
    return v ? arena_strdup(r->a, v) : NULL;
}

static void keep(portal_req *r, struct kept *k)
{
    k->state = KEPT_PENDING;
    k->next = r->kept;
    r->kept = k;
}

/* Denials and reads are recorded whatever happens: every audit row of a
 * GET or HEAD (a read), and actions that say they are a denial or a read:
 * "deny", "deny.*", "*.deny", or ending in .read .view .export .check
 * .fail .throttled .refused.  Any other row records a change and goes with
 * the change's transaction. */
int audit_is_kept(portal_req *r, const char *action)
{
    static const char *const ends[] = {".deny", ".read", ".view", ".export", ".check",
                                       ".fail", ".throttled", ".refused"};
    if (is_read(r) || strcmp(action, "deny") == 0 || strncmp(action, "deny.", 5) == 0)
        return 1;
    size_t n = strlen(action);
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t l = strlen(ends[i]);
        if (n > l && strcmp(action + n - l, ends[i]) == 0)
            return 1;
    }
    return 0;
}

/* a copy of an audit row in the request's arena */
static struct kept *row_copy(portal_req *r, const struct audit_row *row)
{
    struct kept *k = arena_zalloc(r->a, sizeof *k);
    k->row = *row;
    k->row.at = dupz(r, row->at);
    k->row.username = dupz(r, row->username);
    k->row.action = dupz(r, row->action);
    k->row.object_type = dupz(r, row->object_type);
    k->row.object_id = dupz(r, row->object_id);
    k->row.detail = dupz(r, row->detail);
    k->row.ip = dupz(r, row->ip);
    return k;
}

void req_keep_audit(portal_req *r, const struct audit_row *row)
{
    if (!db_in_txn() || txn_req != r || !audit_is_kept(r, row->action))
        return; /* committed on its own already, or goes with the change */
    keep(r, row_copy(r, row));
}

/* ------------------------------------------------ a read's audit rows */

/* Issue 17: a page that reads (a GET or HEAD) wrote each of its audit rows
 * in a durable commit of its own - the child's file three (its read and
 * two checks of a cap).  Its rows are now held from the start of its
 * handler, with the time each happened, and audit_flush writes them in one
 * transaction, one commit (one row: its INSERT alone), before anything of the page goes out (settle,
 * or the first piece of a streamed export).  A row that cannot be recorded
 * still stops the page: audit_flush fails, the host answers 503. */
static void hold(portal_req *r, const struct audit_row *row)
{
    char at[40];
    struct audit_row timed = *row;
    audit_now(at);
    timed.at = at;
    struct kept *k = row_copy(r, &timed);
    k->next = r->held;
    r->held = k;
}

int audit_flush(portal_req *r)
{
    struct kept *list = NULL;
    r->hold_audit = 0;
    for (struct kept *k = r->held, *next; k; k = next) {
        next = k->next;
        k->next = list; /* reversed: oldest first */
        list = k;
    }
    r->held = NULL;
    if (!list)
        return 0;
    /* the handler's own transaction (a read that wrote) takes them with its
     * writes, kept as ever; else one of their own.  A single row needs no
     * transaction: its INSERT commits alone (autocommit), as durably, in one
     * statement instead of three (START TRANSACTION and COMMIT). */
    int own = !db_in_txn(), alone = own && !list->next;
    int rc = own && !alone ? db_begin() : 0;
    for (struct kept *k = list; k && rc == 0; k = k->next) {
        rc = audit_append(r->a, &k->row);
        if (rc == 0 && !own)
            req_keep_audit(r, &k->row);
    }
    if (rc == 0 && (!own || alone || db_commit_now() == 0))
        return 0;
    if (own && !alone)
        db_rollback();
    db_doom(); /* a read that cannot be audited does not happen */
    log_msg("PT0501", "audit write failed (%u %s): the audit rows of %s %s (%s...)", db_errno(),
            db_error(), r->method, r->path, list->row.action);
    return -1;
}

long long req_exec_kept(portal_req *r, const char *sql, const char *types, va_list ap)
{
    struct db_arg *args = db_args(r->a, types, ap);
    long long n = db_exec_args(r->a, sql, types, args);
    if (n >= 0 && db_in_txn() && txn_req == r) {
        struct kept *k = arena_zalloc(r->a, sizeof *k);
        k->sql = arena_strdup(r->a, sql);
        k->types = arena_strdup(r->a, types);
        k->args = db_args_copy(r->a, types, args);
        keep(r, k);
    }
    return n;
}

/* after the request's transaction ended: what it lost, in one transaction
 * of its own, oldest first; 0 ok (or nothing to do), -1 failed */
int keep_replay(portal_req *r)
{
    struct kept *lost = NULL;
    for (struct kept *k = r->kept, *next; k; k = next) {
        next = k->next;
        if (k->state == KEPT_LOST) {
            k->next = lost; /* reversed: oldest first */
            lost = k;
        }
    }
    r->kept = NULL;
    if (!lost)
        return 0;
    if (db_in_txn())
        db_rollback();
    int rc = db_begin();
    for (struct kept *k = lost; k && rc == 0; k = k->next)
        rc = k->row.action ? audit_append(r->a, &k->row)
                           : db_exec_args(r->a, k->sql, k->types, k->args) < 0 ? -1 : 0;
    if (rc == 0 && db_commit_now() == 0)
        return 0;
    db_rollback();
    log_msg("PT0407", "%s %s: denials, reads or kept counters could not be recorded after the "
            "rollback (%u %s)", r->method, r->path, db_errno(), db_error());
    return -1;
}

long long kept_exec(portal_req *r, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    long long n = req_exec_kept(r, sql, types, ap);
    va_end(ap);
    return n;
}
