/*
 * db.h - the one database helper: one MariaDB connection per process,
 * prepared statements cached per connection, reconnect on a lost server.
 *
 * Bind formats: one letter per '?':  i = long long,  s = const char * (NULL
 * binds SQL NULL),  b = const void *, size_t (blob).  Query results are
 * fetched whole into the caller's arena as strings.
 *
 * Lost connection (2006, 2013, 1243, 2030, 2055): the connection is closed,
 * the statement cache dropped, and - outside a transaction - the statement
 * is retried once on a fresh connection.  Inside a transaction the error is
 * returned (the transaction is gone) and db_deadlock() or db_lost() tell the
 * caller whether re-running the whole unit of work is safe.
 */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include <stdarg.h>
#include <stddef.h>
#include "util.h"

typedef struct db_rows {
    size_t nrows, ncols, cur;   /* cur: 1-based after db_next */
    char **cells;               /* nrows * ncols */
    size_t *lens;
    char **names;
} db_rows;

struct db_params {
    const char *socket, *host, *user, *password, *database;
    unsigned port;
    unsigned read_timeout;      /* seconds */
    /* 1 (the portal's workers and job, not portalctl): the server itself
     * ends a statement that runs too long (max_statement_time, error 1969),
     * before the client's read timeout: a statement its client gave up on,
     * or whose process died, would run on until it next writes */
    int bound_statements;
};

int db_open(const struct db_params *p);   /* 0 ok; keeps the params for reconnects */
int db_ensure(void);                      /* connect if needed: 0 ok */
int db_ping(void);                        /* 0 if the server answers */
void db_close(void);
int db_connected(void);
/* called after every (re)connection: the server's id of the connection
 * (KILL) and which server of db_host it is on (portal.c: the scoreboard) */
extern void (*db_connect_hook)(unsigned long thread_id, int host);
/* From another process (the master's): end connection `id` on server
 * `host` of p's db_host (KILL), the connection of a process that died, made
 * at `since` (time(NULL)); nothing when that server started after it (the
 * id may be another's by now).  1 ended, 0 nothing to end, -1 not reached;
 * what happened in why. */
int db_kill_connection(const struct db_params *p, int host, unsigned long id, long long since,
                       char *why, size_t whylen);

/* one bound argument: type 'i' (i), 's' (p, NULL = SQL NULL) or 'b' (p, len) */
struct db_arg {
    char type;
    long long i;
    const void *p;
    size_t len;
};
struct db_arg *db_args(arena *a, const char *types, va_list ap);
struct db_arg db_arg_str(const char *v); /* type 's' (NULL = SQL NULL) */
struct db_arg *db_args_copy(arena *a, const char *types, const struct db_arg *in); /* deep */
long long db_exec_args(arena *a, const char *sql, const char *types, const struct db_arg *args);
/* a query whose arguments were gathered first (a statement with as many ?
 * as a list has items): args[i] for types[i] */
db_rows *db_query_args(arena *a, const char *sql, const char *types, const struct db_arg *args);

long long db_exec(arena *a, const char *sql, const char *types, ...);
long long db_vexec(arena *a, const char *sql, const char *types, va_list ap);
/* issue 17: never opens the request's transaction, no loose write, dooms nothing */
long long db_exec_alone(arena *a, const char *sql, const char *types, ...);
db_rows *db_query(arena *a, const char *sql, const char *types, ...);
db_rows *db_vquery(arena *a, const char *sql, const char *types, va_list ap);
long long db_vstream(arena *a, int (*cb)(void *ctx, db_rows *row), void *ctx, const char *sql,
                     const char *types, va_list ap);
int db_next(db_rows *r);
const char *db_col(db_rows *r, size_t col);
size_t db_col_len(db_rows *r, size_t col);
int db_col_index(db_rows *r, const char *name);          /* -1 when no such column */
const char *db_col_named(db_rows *r, const char *name);  /* NULL: SQL NULL or no such column */
long long db_insert_id(void);

int db_begin(void);
int db_commit(void);
void db_rollback(void);
int db_in_txn(void);

/*
 * The request's transaction.  While the host runs a handler, commits are
 * deferred (db_defer_commits(1)): db_commit() keeps the transaction open
 * (or rolls it back and fails if the unit of work is doomed) and the host
 * commits with db_commit_now() once the response is settled, so nothing -
 * an audit row, a flash, a redirect naming a new row - can come after the
 * commit and nothing is acknowledged before it.
 * The unit of work is doomed when a write fails, a statement fails inside
 * the transaction, the transaction is lost with the connection, or a caller
 * says so (db_doom: an audit row that could not be written).  After the
 * transaction was lost no further statement of the request runs.
 */
int db_commit_now(void);
/* called when a transaction ends: committed 1, rolled back (or a failed
 * COMMIT) 0; the request keeps what must outlive a rollback (request.c) */
extern void (*db_txn_end_hook)(int committed);    /* 0 committed, -1 not committed, -2 connection lost during COMMIT */
void db_defer_commits(int on);
void db_doom(void);
int db_doomed(void);
void db_set_doomed(int v);
int db_txn_lost(void);
int db_loose_writes(void);
/* with db_defer_commits: the first write outside a transaction opens one */
void db_auto_begin(int on);
int db_auto_txn(void);      /* the open transaction was opened that way, not by the handler */  /* writes that succeeded outside a transaction since the flags were cleared */
/* a quick health probe on a connection of its own (1 s timeouts): 0 ok,
 * 1 degraded (writes would wait: a lock held, FLUSH TABLES WITH READ LOCK),
 * -1 unavailable; `why` says which */
int db_probe(int chain, char *why, size_t whylen);

/* a savepoint of the open transaction (issue 20, batch approval): set
 * ("SAVEPOINT"), undo to it ("ROLLBACK TO SAVEPOINT") or drop it ("RELEASE
 * SAVEPOINT"), named `name` ([a-z_]+); 0 ok, -1 (no transaction, or the
 * database refused) */
int db_savepoint(const char *verb, const char *name);

/* run a script of several statements (migrations); 0 ok */
int db_run_script(const char *sql, size_t len, char *err, size_t errlen);

unsigned db_errno(void);
const char *db_error(void);
int db_deadlock(void);      /* a deadlock (1213) was seen: the unit of work may be re-run */
void db_clear_flags(void);
/* the transactions opened from now until db_clear_flags read committed
 * rows (READ COMMITTED): a report's INSERT ... SELECT or CREATE ... SELECT
 * from live tables locks none of the rows it reads */
void db_read_committed(void);
int db_lost(void);          /* last error was a lost connection */
int db_overrun(void);       /* a statement ran out of its time (1969, 1205) in this unit of work */

#endif
