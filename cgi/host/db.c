/* db.c - MariaDB Connector/C wrapper (see db.h). */
#include "db.h"

#include <mysql.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdio.h>

#define STMT_CACHE 256

struct cached { char *sql; unsigned long hash; MYSQL_STMT *st; };

static MYSQL *conn;
static struct db_params params;
static struct cached cache[STMT_CACHE];
static size_t ncached;
static int in_txn;
static unsigned last_errno;
static char last_error[512];
static int deadlock_seen, lost_seen, overrun_seen;
/* the request's transaction (see db.h): commits deferred to the host, and
 * whether the unit of work may still commit */
static int defer, doomed, txn_lost, loose_writes;
/* autobegin: a write outside a transaction opens one (auto_txn) */
static int autobegin, auto_txn;
/* the transactions this request or job opens read committed rows (2.32:
 * db_reads_committed; cleared by db_clear_flags) */
static int read_committed;

static void set_err(unsigned no, const char *msg)
{
    last_errno = no;
    snprintf(last_error, sizeof last_error, "%s", msg ? msg : "");
    /* a deadlock is worth re-running; a lock wait timeout (1205) already
     * waited its full time, so re-running it would outlast request_timeout */
    if (no == 1213)
        deadlock_seen = 1;
    /* a statement that ran out of its time: past max_statement_time (1969)
     * or waiting for a lock past lock_wait_timeout (1205) */
    if (no == 1969 || no == 1205)
        overrun_seen = 1;
}

static int is_lost(unsigned no)
{
    /* 1047: a Galera node not ready (joining, or out of the primary component) */
    return no == 2006 || no == 2013 || no == 1243 || no == 2030 || no == 2055 ||
           no == 2002 || no == 2003 || no == 1927 || no == 4031 || no == 1047;
}

static void drop_cache(void)
{
    for (size_t i = 0; i < ncached; i++) {
        if (conn)
            mysql_stmt_close(cache[i].st);
        free(cache[i].sql);
    }
    ncached = 0;
}

void db_close(void)
{
    drop_cache();
    if (conn)
        mysql_close(conn);
    conn = NULL;
    in_txn = 0;
}

static char *dupz(const char *s) { return s ? strdup(s) : NULL; }

int db_open(const struct db_params *p)
{
    params.socket = dupz(p->socket);
    params.host = dupz(p->host);
    params.user = dupz(p->user);
    params.password = dupz(p->password);
    params.database = dupz(p->database);
    params.port = p->port;
    params.read_timeout = p->read_timeout;
    params.bound_statements = p->bound_statements;
    return db_ensure();
}

int db_connected(void)
{
    return conn != NULL;
}

/* db_host may name several servers, "10.1.0.21,10.1.0.22:3307,10.1.0.23"
 * (the nodes of a Galera cluster, deploy/cluster): a connection goes to the
 * first of them that answers and is ready, starting from the one used last;
 * a connection lost (the node died, or left the cluster's primary component)
 * moves on to the next one, so a worker follows the cluster. */
static int host_at;

void (*db_connect_hook)(unsigned long thread_id, int host);

static int host_count(void)
{
    int n = 1;
    for (const char *p = params.host; p && *p; p++)
        n += *p == ',';
    return n;
}

/* the i-th server of db_host, with its own port when it names one */
static const char *host_item(int i, char *out, size_t len, unsigned *port)
{
    *port = params.port;
    if (!params.host || host_count() == 1)
        return params.host;
    const char *p = params.host;
    for (; i > 0; i--)
        p = strchr(p, ',') + 1;
    size_t n = strcspn(p, ",");
    snprintf(out, len, "%.*s", (int)n, p);
    out[strcspn(out, " ")] = 0;
    char *colon = strchr(out, ':');
    if (colon) {
        *colon = 0;
        *port = (unsigned)atoi(colon + 1);
    }
    return out;
}

/* a Galera node that is joining, donating by a blocking method or cut off
 * from the primary component answers, but refuses statements with 1047 */
static int node_ready(MYSQL *m)
{
    if (host_count() == 1)
        return 1;
    if (mysql_query(m, "SELECT 1") != 0)
        return 0;
    MYSQL_RES *res = mysql_store_result(m);
    if (res)
        mysql_free_result(res);
    return 1;
}

/* a connection with the options opts() sets to server i of db_host, ready;
 * NULL with the error in errno_out/err_out */
static MYSQL *connect_one(int i, void (*opts)(MYSQL *), unsigned long flags,
                          unsigned *errno_out, char *err_out, size_t errlen)
{
    char name[256];
    unsigned port;
    const char *host = host_item(i, name, sizeof name, &port);
    MYSQL *m = mysql_init(NULL);
    if (!m) {
        *errno_out = 2008;
        snprintf(err_out, errlen, "out of memory");
        return NULL;
    }
    opts(m);
    if (mysql_real_connect(m, host, params.user, params.password, params.database, port,
                           params.socket, flags) && node_ready(m))
        return m;
    *errno_out = mysql_errno(m);
    snprintf(err_out, errlen, "%s", mysql_error(m));
    mysql_close(m); /* never reuse a handle after a failed connect */
    return NULL;
}

/* the same to the first server of db_host that answers and is ready */
static MYSQL *connect_any(void (*opts)(MYSQL *), unsigned long flags, unsigned *errno_out,
                          char *err_out, size_t errlen)
{
    int n = host_count();
    for (int k = 0; k < n; k++) {
        int i = (host_at + k) % n;
        MYSQL *m = connect_one(i, opts, flags, errno_out, err_out, errlen);
        if (m) {
            host_at = i;
            return m;
        }
        if (*errno_out == 2008)
            return NULL;
    }
    return NULL;
}

/* a lost connection: the next attempt starts with the next server */
static void drop_lost(void)
{
    lost_seen = 1;
    host_at = (host_at + 1) % host_count();
    db_close();
}

static void worker_opts(MYSQL *m)
{
    /* params.read_timeout is the longest a unit of work may take (the
     * portal's request_timeout): the socket gives up at three quarters of it
     * and the server stops waiting for a lock at two thirds of that, so a
     * stalled statement ends with an error the host answers (503), never
     * with the master's SIGKILL */
    unsigned timeout = 2, limit = params.read_timeout ? params.read_timeout : 60;
    unsigned rt = limit * 3 / 4 ? limit * 3 / 4 : 1, lw = rt * 2 / 3 ? rt * 2 / 3 : 1;
    /* and, between the two, the server ends a statement that runs on
     * (max_statement_time, 1969): the socket's timeout or the worker's death
     * would leave it running until it next writes to its client (issue 17:
     * one still ran 100 s after its worker was killed).  A streamed one (an
     * export) too: given longer, a silent stretch (the sort before its first
     * row) outlasted the read timeout, and the worker ran it again on a new
     * connection - on Galera on the next node - while the first ran on.
     * 0: no bound */
    double st = params.bound_statements ? (lw + rt) / 2.0 : 0;
    char init[400];
    snprintf(init, sizeof init,
             "SET time_zone='+00:00', sql_mode='STRICT_ALL_TABLES,NO_ZERO_DATE,"
             "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
             "lock_wait_timeout=%u, innodb_lock_wait_timeout=%u, max_statement_time=%.1f",
             lw, lw, st);
    my_bool off = 0;
    mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &rt);
    mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &rt);
    mysql_options(m, MYSQL_OPT_RECONNECT, &off);
    mysql_options(m, MYSQL_INIT_COMMAND, init);
}

int db_ensure(void)
{
    if (conn)
        return 0;
    unsigned no = 0;
    char err[512];
    MYSQL *m = connect_any(worker_opts, CLIENT_MULTI_STATEMENTS, &no, err, sizeof err);
    if (!m) {
        set_err(no, err);
        lost_seen = 1;
        return -1;
    }
    conn = m;
    in_txn = 0;
    if (db_connect_hook)
        db_connect_hook(mysql_thread_id(m), host_at);
    return 0;
}

int db_ping(void)
{
    if (db_ensure() != 0)
        return -1;
    if (mysql_ping(conn) != 0) {
        set_err(mysql_errno(conn), mysql_error(conn));
        db_close();
        if (db_ensure() != 0)
            return -1;
        return mysql_ping(conn) == 0 ? 0 : -1;
    }
    return 0;
}

static unsigned long hash_str(const char *s)
{
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

static MYSQL_STMT *prepare(const char *sql)
{
    unsigned long h = hash_str(sql);
    for (size_t i = 0; i < ncached; i++)
        if (cache[i].hash == h && strcmp(cache[i].sql, sql) == 0)
            return cache[i].st;
    MYSQL_STMT *st = mysql_stmt_init(conn);
    if (!st) {
        set_err(2008, "out of memory");
        return NULL;
    }
    my_bool one = 1;
    mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &one);
    if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
        set_err(mysql_stmt_errno(st), mysql_stmt_error(st));
        mysql_stmt_close(st);
        return NULL;
    }
    if (ncached == STMT_CACHE)
        drop_cache();
    cache[ncached].sql = strdup(sql);
    cache[ncached].hash = h;
    cache[ncached].st = st;
    ncached++;
    return st;
}

/* The arguments described by `types`, read once from the caller's list
 * (so a statement can be run again, or kept to run later: db_args_copy). */
struct db_arg *db_args(arena *a, const char *types, va_list ap)
{
    size_t n = strlen(types);
    struct db_arg *v = arena_zalloc(a, (n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i].type = types[i];
        if (types[i] == 'i') {
            v[i].i = va_arg(ap, long long);
        } else if (types[i] == 's') {
            v[i].p = va_arg(ap, const char *);
            v[i].len = v[i].p ? strlen(v[i].p) : 0;
        } else if (types[i] == 'b') {
            v[i].p = va_arg(ap, const void *);
            v[i].len = va_arg(ap, size_t);
        } else {
            break; /* bind_params refuses it */
        }
    }
    return v;
}

struct db_arg *db_args_copy(arena *a, const char *types, const struct db_arg *in)
{
    size_t n = strlen(types);
    struct db_arg *v = arena_zalloc(a, (n + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i] = in[i];
        if (in[i].p) {
            char *c = arena_alloc(a, in[i].len + 1);
            memcpy(c, in[i].p, in[i].len);
            c[in[i].len] = 0;
            v[i].p = c;
        }
    }
    return v;
}

/* Bind the arguments described by `types`.  `binds` has room for strlen(types). */
static int bind_params(MYSQL_STMT *st, MYSQL_BIND *binds, const char *types,
                       const struct db_arg *args)
{
    size_t n = strlen(types);
    if (n != mysql_stmt_param_count(st)) {
        set_err(2034, "parameter count does not match the bind format");
        return -1;
    }
    memset(binds, 0, n * sizeof *binds);
    for (size_t i = 0; i < n; i++) {
        if (args[i].type != types[i] || !strchr("isb", types[i])) {
            set_err(2034, "unknown bind format letter");
            return -1;
        }
        if (types[i] == 'i') {
            binds[i].buffer_type = MYSQL_TYPE_LONGLONG;
            binds[i].buffer = (void *)&args[i].i;
        } else if (!args[i].p) {
            binds[i].buffer_type = MYSQL_TYPE_NULL;
        } else {
            binds[i].buffer_type = types[i] == 's' ? MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
            binds[i].buffer = (void *)args[i].p;
            binds[i].buffer_length = args[i].len;
        }
    }
    if (n && mysql_stmt_bind_param(st, binds) != 0) {
        set_err(mysql_stmt_errno(st), mysql_stmt_error(st));
        return -1;
    }
    return 0;
}

/* The result columns bound as strings: one buffer a column, cap bytes
 * (cap 0: the column's max_length + 1, for a stored result). */
struct col_bufs {
    MYSQL_BIND *b;
    unsigned long *lens;
    my_bool *nulls;
    char **bufs;
};

/* Names the columns of r, binds them into cb and frees meta: 0, or -1 with
 * the error set and the statement's result freed. */
static int bind_columns(arena *a, MYSQL_STMT *st, MYSQL_RES *meta, db_rows *r, size_t cap,
                        struct col_bufs *cb)
{
    size_t nc = mysql_num_fields(meta);
    MYSQL_FIELD *f = mysql_fetch_fields(meta);
    r->ncols = nc;
    r->names = arena_alloc(a, (nc + 1) * sizeof(char *));
    cb->b = arena_zalloc(a, (nc + 1) * sizeof *cb->b);
    cb->lens = arena_zalloc(a, (nc + 1) * sizeof *cb->lens);
    cb->nulls = arena_zalloc(a, (nc + 1) * sizeof *cb->nulls);
    cb->bufs = arena_alloc(a, (nc + 1) * sizeof(char *));
    for (size_t c = 0; c < nc; c++) {
        size_t len = cap ? cap : f[c].max_length + 1;
        r->names[c] = arena_strdup(a, f[c].name);
        cb->bufs[c] = arena_alloc(a, len + 1);
        cb->b[c].buffer_type = MYSQL_TYPE_STRING;
        cb->b[c].buffer = cb->bufs[c];
        cb->b[c].buffer_length = len;
        cb->b[c].length = &cb->lens[c];
        cb->b[c].is_null = &cb->nulls[c];
    }
    mysql_free_result(meta);
    if (nc && mysql_stmt_bind_result(st, cb->b) != 0) {
        set_err(mysql_stmt_errno(st), mysql_stmt_error(st));
        mysql_stmt_free_result(st);
        return -1;
    }
    return 0;
}

/* A value longer than its bound buffer: column c of the current row whole
 * into v (len + 1 bytes), NUL-terminated. */
static void fetch_long_column(MYSQL_STMT *st, size_t c, char *v, size_t len)
{
    MYSQL_BIND one;
    unsigned long l2 = 0;
    memset(&one, 0, sizeof one);
    one.buffer_type = MYSQL_TYPE_STRING;
    one.buffer = v;
    one.buffer_length = len + 1;
    one.length = &l2;
    mysql_stmt_fetch_column(st, &one, (unsigned)c, 0);
    v[len] = 0;
}

static db_rows *fetch_all(arena *a, MYSQL_STMT *st)
{
    MYSQL_RES *meta = mysql_stmt_result_metadata(st);
    db_rows *r = arena_zalloc(a, sizeof *r);
    if (!meta)
        return r;
    if (mysql_stmt_store_result(st) != 0) {
        set_err(mysql_stmt_errno(st), mysql_stmt_error(st));
        mysql_free_result(meta);
        return NULL;
    }
    struct col_bufs cb;
    if (bind_columns(a, st, meta, r, 0, &cb) != 0)
        return NULL;
    size_t nc = r->ncols, nr = (size_t)mysql_stmt_num_rows(st);
    r->nrows = nr;
    r->cells = arena_alloc(a, (nr * nc + 1) * sizeof(char *));
    r->lens = arena_alloc(a, (nr * nc + 1) * sizeof(size_t));
    for (size_t row = 0; row < nr; row++) {
        int rc = mysql_stmt_fetch(st);
        if (rc == 1 || rc == MYSQL_NO_DATA) {
            set_err(mysql_stmt_errno(st), mysql_stmt_error(st));
            mysql_stmt_free_result(st);
            return NULL;
        }
        for (size_t c = 0; c < nc; c++) {
            size_t k = row * nc + c, len = cb.lens[c];
            if (cb.nulls[c]) {
                r->cells[k] = NULL;
                r->lens[k] = 0;
                continue;
            }
            char *v = arena_alloc(a, len + 1);
            if (len < cb.b[c].buffer_length) {
                memcpy(v, cb.bufs[c], len);
                v[len] = 0;
            } else {
                /* longer than max_length said: fetch the column whole */
                fetch_long_column(st, c, v, len);
            }
            r->cells[k] = v;
            r->lens[k] = len;
        }
    }
    mysql_stmt_free_result(st);
    return r;
}

static MYSQL_STMT *run_once(arena *a, const char *sql, const char *types,
                            const struct db_arg *args);

/* Prepare, bind and execute; on a lost connection outside a transaction,
 * reconnect and try once more.  Returns the statement or NULL. */
static MYSQL_STMT *run(arena *a, const char *sql, const char *types, const struct db_arg *args)
{
    if (defer && txn_lost) {
        /* the unit of work is gone: nothing more of it may run, least of
         * all as autocommit statements on a fresh connection (the error
         * of the loss stays in db_errno/db_error) */
        return NULL;
    }
    MYSQL_STMT *st = run_once(a, sql, types, args);
    if (!st && in_txn) {
        doomed = 1;
        /* a deadlock (on Galera also a write set that beat this one) rolled
         * the whole transaction back, not the statement: the unit of work is
         * gone.  Nothing may report it done (a caller that shrugs off its
         * own write's failure: the flash cleared, the audit row) and none of
         * its later statements may run as autocommit ones (test_cluster:
         * a note answered 303 and never stored) */
        if (last_errno == 1213)
            txn_lost = 1;
    }
    return st;
}

static MYSQL_STMT *run_once(arena *a, const char *sql, const char *types,
                            const struct db_arg *args)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        MYSQL_STMT *st = NULL;
        int failed = 0;
        if (db_ensure() != 0)
            return NULL;
        st = prepare(sql);
        if (!st) {
            failed = 1;
        } else {
            MYSQL_BIND *binds = arena_alloc(a, (strlen(types) + 1) * sizeof *binds);
            if (bind_params(st, binds, types, args) != 0)
                return NULL; /* a programming error: do not retry */
            if (mysql_stmt_execute(st) != 0) {
                set_err(mysql_stmt_errno(st), mysql_stmt_error(st));
                failed = 1;
            }
        }
        if (!failed)
            return st;
        if (!is_lost(last_errno))
            return NULL;
        int was_txn = in_txn;
        log_msg("PT0101", "database connection lost (%u %s); reconnecting", last_errno,
                last_error);
        drop_lost();
        if (was_txn) {
            doomed = txn_lost = 1;
            return NULL; /* the transaction is gone with the connection */
        }
    }
    return NULL;
}

long long db_vexec(arena *a, const char *sql, const char *types, va_list ap)
{
    return db_exec_args(a, sql, types, db_args(a, types, ap));
}

/* the request's transaction opens at its first write, or at its first
 * locking read (FOR UPDATE, LOCK IN SHARE MODE), whose locks hold only
 * inside a transaction: a handler's (or a route object's loader's)
 * "SELECT ... FOR UPDATE" then keeps the rows locked until the host commits */
static void auto_open(void)
{
    if (defer && autobegin && !in_txn && !txn_lost && db_begin() == 0)
        auto_txn = 1;
}

static int locking_read(const char *sql)
{
    return strstr(sql, " FOR UPDATE") || strstr(sql, " LOCK IN SHARE MODE");
}

long long db_exec_args(arena *a, const char *sql, const char *types, const struct db_arg *args)
{
    auto_open();
    MYSQL_STMT *st = run(a, sql, types, args);
    if (!st) {
        doomed = 1; /* a write failed: the request cannot report success */
        return -1;
    }
    if (!in_txn)
        loose_writes++;
    my_ulonglong n = mysql_stmt_affected_rows(st);
    if (mysql_stmt_field_count(st) > 0)
        mysql_stmt_free_result(st);
    return n == (my_ulonglong)-1 ? 0 : (long long)n;
}

long long db_exec(arena *a, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    long long n = db_vexec(a, sql, types, ap);
    va_end(ap);
    return n;
}

struct db_arg db_arg_str(const char *v)
{
    return (struct db_arg){'s', 0, v, v ? strlen(v) : 0};
}

db_rows *db_query_args(arena *a, const char *sql, const char *types, const struct db_arg *args)
{
    if (locking_read(sql))
        auto_open();
    MYSQL_STMT *st = run(a, sql, types, args);
    if (!st)
        return NULL;
    return fetch_all(a, st);
}

db_rows *db_vquery(arena *a, const char *sql, const char *types, va_list ap)
{
    return db_query_args(a, sql, types, db_args(a, types, ap));
}

db_rows *db_query(arena *a, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    db_rows *r = db_vquery(a, sql, types, ap);
    va_end(ap);
    return r;
}

int db_next(db_rows *r)
{
    if (!r || r->cur >= r->nrows)
        return 0;
    r->cur++;
    return 1;
}

const char *db_col(db_rows *r, size_t col)
{
    if (!r || r->cur == 0 || col >= r->ncols)
        return NULL;
    return r->cells[(r->cur - 1) * r->ncols + col];
}

size_t db_col_len(db_rows *r, size_t col)
{
    if (!r || r->cur == 0 || col >= r->ncols)
        return 0;
    return r->lens[(r->cur - 1) * r->ncols + col];
}

int db_col_index(db_rows *r, const char *name)
{
    for (size_t c = 0; r && name && c < r->ncols; c++)
        if (r->names[c] && strcmp(r->names[c], name) == 0)
            return (int)c;
    return -1;
}

const char *db_col_named(db_rows *r, const char *name)
{
    int c = db_col_index(r, name);
    return c < 0 ? NULL : db_col(r, (size_t)c);
}

long long db_insert_id(void)
{
    return conn ? (long long)mysql_insert_id(conn) : 0;
}

static int simple(const char *q)
{
    if (db_ensure() != 0)
        return -1;
    if (mysql_real_query(conn, q, strlen(q)) != 0) {
        set_err(mysql_errno(conn), mysql_error(conn));
        if (is_lost(last_errno))
            drop_lost();
        return -1;
    }
    return 0;
}

int db_begin(void)
{
    if (in_txn) {
        auto_txn = 0; /* the handler's own transaction from here on */
        return 0;
    }
    if (defer && txn_lost)
        return -1;
    /* for this transaction only (a report's: its INSERT ... SELECT and
     * CREATE ... SELECT read the rows without locking them) */
    static const char rc_next[] = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
    if (read_committed && simple(rc_next) != 0 && (!lost_seen || simple(rc_next) != 0))
        return -1;
    if (simple("START TRANSACTION") != 0) {
        /* a dead idle connection is found here: one fresh try */
        if (!lost_seen || simple("START TRANSACTION") != 0)
            return -1;
    }
    in_txn = 1;
    return 0;
}

int db_commit(void)
{
    if (!in_txn)
        return 0;
    if (defer) {
        /* the host commits once the response is settled */
        if (doomed) {
            db_rollback();
            return -1;
        }
        return 0;
    }
    return db_commit_now() == 0 ? 0 : -1;
}

void (*db_txn_end_hook)(int committed);

static void txn_ended(int committed)
{
    if (db_txn_end_hook)
        db_txn_end_hook(committed);
}

int db_commit_now(void)
{
    auto_txn = 0;
    if (!in_txn)
        return 0;
    in_txn = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (simple("COMMIT") != 0) {
        /* on a Galera cluster a transaction another node's write set beat
         * fails certification at COMMIT: 1213 (set_err), or 1205 when it was
         * aborted for it; nothing of it happened, so it is run again. A 1205
         * that took a second or more is a real lock wait timeout (a backup
         * lock): re-running it would outlast request_timeout. */
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long ms = (t1.tv_sec - t0.tv_sec) * 1000L + (t1.tv_nsec - t0.tv_nsec) / 1000000L;
        if (last_errno == 1205 && ms < 1000)
            deadlock_seen = 1;
        txn_ended(0);
        if (!conn)
            return -2; /* lost during COMMIT: it may or may not have happened */
        simple("ROLLBACK");
        return -1;
    }
    txn_ended(1);
    return 0;
}

void db_rollback(void)
{
    auto_txn = 0;
    if (!in_txn)
        return;
    in_txn = 0;
    if (conn)
        simple("ROLLBACK");
    txn_ended(0);
}

int db_in_txn(void)
{
    return in_txn;
}

int db_savepoint(const char *verb, const char *name)
{
    char q[128];
    if (!in_txn || strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name) ||
        (size_t)snprintf(q, sizeof q, "%s %s", verb, name) >= sizeof q)
        return -1;
    if (simple(q) != 0) {
        doomed = 1;
        return -1;
    }
    return 0;
}

int db_run_script(const char *sql, size_t len, char *err, size_t errlen)
{
    if (db_ensure() != 0) {
        snprintf(err, errlen, "%s", last_error);
        return -1;
    }
    if (mysql_real_query(conn, sql, len) != 0)
        goto fail;
    for (;;) {
        MYSQL_RES *res = mysql_store_result(conn);
        if (res)
            mysql_free_result(res);
        int rc = mysql_next_result(conn);
        if (rc == -1)
            return 0;
        if (rc > 0)
            goto fail;
    }
fail:
    set_err(mysql_errno(conn), mysql_error(conn));
    snprintf(err, errlen, "%u: %s", last_errno, last_error);
    db_close();
    return -1;
}

unsigned db_errno(void) { return last_errno; }
const char *db_error(void) { return last_error; }
int db_deadlock(void) { return deadlock_seen; }
int db_lost(void) { return lost_seen; }
int db_overrun(void) { return overrun_seen; }
void db_clear_flags(void)
{
    deadlock_seen = lost_seen = overrun_seen = doomed = txn_lost = loose_writes = auto_txn = 0;
    read_committed = 0;
}
void db_read_committed(void) { read_committed = 1; }
void db_defer_commits(int on) { defer = on; }
void db_auto_begin(int on) { autobegin = on; }
int db_auto_txn(void) { return auto_txn && in_txn; }
void db_doom(void) { doomed = 1; }
int db_doomed(void) { return doomed; }
void db_set_doomed(int v) { doomed = v || txn_lost; }
int db_txn_lost(void) { return txn_lost; }
int db_loose_writes(void) { return loose_writes; }

/* Stream a result row by row without buffering it whole (exports).  The
 * callback sees one row at a time and must not run other statements. */
long long db_vstream(arena *a, int (*cb)(void *ctx, db_rows *row), void *ctx, const char *sql,
                     const char *types, va_list ap)
{
    MYSQL_STMT *st = run(a, sql, types, db_args(a, types, ap));
    if (!st)
        return -1;
    MYSQL_RES *meta = mysql_stmt_result_metadata(st);
    if (!meta)
        return 0;
    const size_t cap = 1024;
    db_rows *r = arena_zalloc(a, sizeof *r);
    struct col_bufs cols;
    if (bind_columns(a, st, meta, r, cap, &cols) != 0)
        return -1;
    size_t nc = r->ncols;
    r->nrows = 1;
    r->cur = 1;
    r->cells = arena_alloc(a, (nc + 1) * sizeof(char *));
    r->lens = arena_alloc(a, (nc + 1) * sizeof(size_t));
    long long n = 0;
    int stop = 0;
    for (;;) {
        int rc = mysql_stmt_fetch(st);
        if (rc == MYSQL_NO_DATA)
            break;
        if (rc == 1) {
            /* an error the server sends mid-result (max_statement_time)
             * is on the connection, not the statement (Connector/C 3.3) */
            if (mysql_stmt_errno(st))
                set_err(mysql_stmt_errno(st), mysql_stmt_error(st));
            else
                set_err(mysql_errno(conn), mysql_error(conn));
            n = -1;
            break;
        }
        for (size_t c = 0; c < nc; c++) {
            size_t len = cols.lens[c];
            if (cols.nulls[c]) {
                r->cells[c] = NULL;
                len = 0;
            } else if (len <= cap) {
                cols.bufs[c][len] = 0;
                r->cells[c] = cols.bufs[c];
            } else {
                /* a long value: fetch it whole into the arena */
                r->cells[c] = arena_alloc(a, len + 1);
                fetch_long_column(st, c, r->cells[c], len);
            }
            r->lens[c] = len;
        }
        n++;
        if (!stop && cb(ctx, r) != 0)
            stop = 1; /* keep fetching to drain the result, but stop calling */
    }
    mysql_stmt_free_result(st);
    return n;
}

/* /healthz: a connection of its own, so the answer never waits on the
 * worker's connection, with 1 s timeouts; a write that would have to wait
 * (a row lock on this worker's audit chain head, FLUSH TABLES WITH READ
 * LOCK, a backup lock) is found with NOWAIT instead of being waited for. */
static void probe_opts(MYSQL *m)
{
    unsigned one = 1;
    my_bool off = 0;
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &one);
    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &one);
    mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &one);
    mysql_options(m, MYSQL_OPT_RECONNECT, &off);
}

int db_probe(int chain, char *why, size_t whylen)
{
    unsigned cno = 0;
    char err[512];
    MYSQL *m = connect_any(probe_opts, 0, &cno, err, sizeof err);
    if (!m) {
        snprintf(why, whylen, "database unavailable (%u)", cno);
        return -1;
    }
    int rc = 0;
    MYSQL_STMT *st = NULL;
    static const char probe[] = "SELECT id FROM audit_head WHERE id = ? FOR UPDATE NOWAIT";
    long long id = chain;
    MYSQL_BIND b;
    memset(&b, 0, sizeof b);
    b.buffer_type = MYSQL_TYPE_LONGLONG;
    b.buffer = &id;
    if (mysql_query(m, "START TRANSACTION") != 0 || !(st = mysql_stmt_init(m)) ||
        mysql_stmt_prepare(st, probe, sizeof probe - 1) != 0 ||
        mysql_stmt_bind_param(st, &b) != 0 || mysql_stmt_execute(st) != 0 ||
        mysql_stmt_store_result(st) != 0) {
        unsigned no = st ? mysql_stmt_errno(st) : mysql_errno(m);
        if (!no)
            no = mysql_errno(m);
        rc = is_lost(no) ? -1 : 1;
        snprintf(why, whylen, "%s (%u)", rc < 0 ? "database unavailable" : "writes are blocked",
                 no);
    } else {
        snprintf(why, whylen, "ok");
    }
    if (st)
        mysql_stmt_close(st);
    mysql_query(m, "ROLLBACK");
    mysql_close(m);
    return rc;
}

/* one value of a statement on m with at most one integer parameter, into
 * out; 0, or -1 with the error in *no */
static int probe_one(MYSQL *m, const char *sql, const long long *arg, char *out, size_t outlen,
                     unsigned *no)
{
    MYSQL_STMT *st = mysql_stmt_init(m);
    MYSQL_BIND b, res;
    long long v = arg ? *arg : 0;
    unsigned long len = 0;
    my_bool null = 0;
    memset(&b, 0, sizeof b);
    b.buffer_type = MYSQL_TYPE_LONGLONG;
    b.buffer = &v;
    memset(&res, 0, sizeof res);
    res.buffer_type = MYSQL_TYPE_STRING;
    res.buffer = out;
    res.buffer_length = outlen;
    res.length = &len;
    res.is_null = &null;
    int rc = -1;
    if (st && mysql_stmt_prepare(st, sql, strlen(sql)) == 0 &&
        (!arg || mysql_stmt_bind_param(st, &b) == 0) && mysql_stmt_execute(st) == 0) {
        rc = 0;
        out[0] = 0;
        if (mysql_stmt_field_count(st) > 0) {
            if (mysql_stmt_bind_result(st, &res) != 0 || mysql_stmt_store_result(st) != 0)
                rc = -1;
            else if (mysql_stmt_fetch(st) == 0 && !null)
                out[len < outlen ? len : outlen - 1] = 0;
        }
    }
    if (rc != 0)
        *no = st && mysql_stmt_errno(st) ? mysql_stmt_errno(st) : mysql_errno(m);
    if (st)
        mysql_stmt_close(st);
    return rc;
}

int db_kill_connection(const struct db_params *p, int host, unsigned long id, long long since,
                       char *why, size_t whylen)
{
    params = *p;
    unsigned no = 0;
    char err[512], up[32];
    MYSQL *m = host >= 0 && host < host_count()
                   ? connect_one(host, probe_opts, 0, &no, err, sizeof err) : NULL;
    if (!m) {
        snprintf(why, whylen, "server %d not reached (%u)", host, no);
        return -1;
    }
    int rc = -1;
    long long target = (long long)id;
    /* thread ids start again at 1 when a server restarts: a connection
     * made before this server started is gone, and its id may be another's */
    if (probe_one(m, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                  "WHERE VARIABLE_NAME = 'UPTIME'", NULL, up, sizeof up, &no) != 0) {
        snprintf(why, whylen, "uptime not read (%u)", no);
    } else if ((long long)time(NULL) - atoll(up) > since + 1) {
        snprintf(why, whylen, "the server restarted since; nothing to end");
        rc = 0;
    } else if (probe_one(m, "KILL CONNECTION ?", &target, up, sizeof up, &no) == 0) {
        snprintf(why, whylen, "ended");
        rc = 1;
    } else if (no == 1094) {
        snprintf(why, whylen, "already gone");
        rc = 0;
    } else {
        snprintf(why, whylen, "KILL failed (%u)", no);
    }
    mysql_close(m);
    return rc;
}

/* issue 17: a write that is not the handler's (the audit row): it never
 * opens the request's transaction (autocommit when none is open, else a
 * statement of it), is no loose write, and a failure of it does not doom
 * the request by itself: the caller decides.  Affected rows or -1. */
long long db_exec_alone(arena *a, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    struct db_arg *args = db_args(a, types, ap);
    va_end(ap);
    int was = doomed;
    MYSQL_STMT *st = run(a, sql, types, args);
    if (!st) {
        doomed = was || txn_lost;
        return -1;
    }
    my_ulonglong n = mysql_stmt_affected_rows(st);
    if (mysql_stmt_field_count(st) > 0)
        mysql_stmt_free_result(st);
    return n == (my_ulonglong)-1 ? 0 : (long long)n;
}
