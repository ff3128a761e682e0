/* audit.c - hash-chained audit log (see audit.h). */
#include "audit.h"
#include "crypto.h"
#include "db.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static void add(EVP_MD_CTX *c, const char *s)
{
    if (s)
        EVP_DigestUpdate(c, s, strlen(s));
    EVP_DigestUpdate(c, "\x1f", 1);
}

static int chain_id;

/* The chain's identity. Several portal hosts may write one database (a
 * Galera cluster, deploy/cluster), each worker to a chain of its own, and two
 * hosts must never append to one chain: host_id (portal.conf, 1..32; 0 or
 * absent on a single host) gives each host a range of its own, host_id *
 * AUDIT_HOST_SPAN + the process's chain (a worker's slot + 1, the periodic
 * job's, 0 for portalctl). audit_log.chain is a SMALLINT: 32 * 1000 + 257
 * fits. */
#define AUDIT_HOST_SPAN 1000
#define AUDIT_HOSTS_MAX 32

static int host_chain(int local)
{
    return (int)config_int("host_id", 0) * AUDIT_HOST_SPAN + local;
}

int audit_host_check(int cluster, char *err, size_t errlen)
{
    long id = config_int("host_id", 0);
    if (id < 0 || id > AUDIT_HOSTS_MAX) {
        snprintf(err, errlen, "host_id must be 0..%d (it is %ld)", AUDIT_HOSTS_MAX, id);
        return -1;
    }
    if (cluster && id == 0) {
        snprintf(err, errlen, "db_host names several servers (a cluster): set host_id "
                 "(1..%d, different on every portal host) so each host has audit "
                 "chains of its own", AUDIT_HOSTS_MAX);
        return -1;
    }
    return 0;
}

void audit_set_chain(int chain)
{
    chain_id = chain;
}

int audit_chain(void)
{
    return host_chain(chain_id);
}

void audit_hash(const char *prev_hash, const struct audit_row *row, char out[65])
{
    unsigned char md[32];
    unsigned mdlen = 0;
    char uid[32];
    snprintf(uid, sizeof uid, "%lld", row->user_id);
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, crypto_sha256(), NULL);
    if (row->chain) {
        /* a row cannot be moved to another chain unnoticed */
        char ch[16];
        snprintf(ch, sizeof ch, "chain %d", row->chain);
        add(c, ch);
    }
    add(c, prev_hash);
    add(c, row->at);
    add(c, uid);
    add(c, row->username);
    add(c, row->action);
    add(c, row->object_type);
    add(c, row->object_id);
    add(c, row->detail);
    add(c, row->ip);
    EVP_DigestFinal_ex(c, md, &mdlen);
    EVP_MD_CTX_free(c);
    hex_encode(md, 32, out);
}

/* This process's chain head as it last wrote or read it (issue 17): an
 * append is one INSERT.  The trigger audit_log_head (migration 032) moves
 * the head in the same statement and refuses the row when the head is not
 * its prev_hash (another process on the chain, or a rolled-back request):
 * then the head is read again and the row retried. */
static char head_hash[65];
static int head_chain = -1;

static int head_read(arena *a, int chain)
{
    /* inside a transaction a plain read is its snapshot: read the latest */
    const char *sql = db_in_txn() ? "SELECT last_hash FROM audit_head WHERE id = ? FOR UPDATE"
                                  : "SELECT last_hash FROM audit_head WHERE id = ?";
    db_rows *h = db_query(a, sql, "i", (long long)chain);
    if (h && h->nrows == 0) {
        /* this chain's first row: create its head */
        if (db_exec_alone(a, "INSERT IGNORE INTO audit_head (id, last_hash, last_id) "
                          "VALUES (?, ?, 0)", "is", (long long)chain,
                          "0000000000000000000000000000000000000000000000000000000000000000") < 0)
            return -1;
        h = db_query(a, sql, "i", (long long)chain);
    }
    if (!h || !db_next(h) || !db_col(h, 0) || strlen(db_col(h, 0)) != 64)
        return -1;
    memcpy(head_hash, db_col(h, 0), 65);
    head_chain = chain;
    return 0;
}

void audit_now(char at[40])
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    strftime(at, 40, "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(at + strlen(at), 40 - strlen(at), ".%06ld", (long)tv.tv_usec);
}

int audit_append(arena *a, const struct audit_row *in)
{
    struct audit_row row = *in;
    char at[40], hash[65];
    if (!row.at) {
        audit_now(at);
        row.at = at;
    }
    row.chain = audit_chain();
    int was_doomed = db_doomed();
    for (int attempt = 0; attempt < 4; attempt++) {
        if (head_chain != row.chain && head_read(a, row.chain) != 0)
            return -1;
        audit_hash(head_hash, &row, hash);
        /* a read's row commits now (autocommit); a change's goes with it */
        if (db_exec_alone(a, "INSERT INTO audit_log (chain, at, user_id, username, action, "
                          "object_type, object_id, detail, ip, prev_hash, hash) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                          "isissssssss", (long long)row.chain, row.at,
                          row.user_id ? row.user_id : 0LL, row.username, row.action,
                          row.object_type, row.object_id, row.detail, row.ip, head_hash,
                          hash) == 1) {
            memcpy(head_hash, hash, 65);
            return 0;
        }
        head_chain = -1;
        /* the head moved (1644, the trigger) or, alone, a deadlock: again;
         * inside a transaction a deadlock has rolled it back: give up */
        if (db_errno() != 1644 && (db_in_txn() || !db_deadlock()))
            break;
        db_set_doomed(was_doomed);
    }
    return -1;
}

/* walk one chain; 0 intact, else the first broken row's id, -1 db error */
static long long verify_chain(arena *a, int chain, long long *checked)
{
    char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
    long long last = 0;
    for (;;) {
        db_rows *rows = db_query(
            a,
            "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), user_id, username, action, "
            "object_type, object_id, detail, ip, prev_hash, hash FROM audit_log "
            "WHERE chain = ? AND id > ? ORDER BY id LIMIT 5000", "ii", (long long)chain, last);
        if (!rows)
            return -1;
        if (rows->nrows == 0)
            break;
        while (db_next(rows)) {
            struct audit_row row = {
                db_col(rows, 1), db_col(rows, 2) ? atoll(db_col(rows, 2)) : 0, db_col(rows, 3),
                db_col(rows, 4), db_col(rows, 5), db_col(rows, 6), db_col(rows, 7),
                db_col(rows, 8), chain};
            char h[65];
            last = atoll(db_col(rows, 0));
            audit_hash(prev, &row, h);
            if (strcmp(prev, db_col(rows, 9) ? db_col(rows, 9) : "") != 0 ||
                strcmp(h, db_col(rows, 10) ? db_col(rows, 10) : "") != 0)
                return last;
            memcpy(prev, h, 65);
            (*checked)++;
        }
        arena_reset(a);
    }
    /* the head must point at the chain's last row: deleting the tail is tampering too */
    db_rows *hd = db_query(a, "SELECT last_hash FROM audit_head WHERE id = ?", "i",
                           (long long)chain);
    if (!hd)
        return -1;
    if (!db_next(hd))
        return last ? last : -1;
    if (strcmp(db_col(hd, 0), prev) != 0)
        return last + 1;
    return 0;
}

long long audit_verify(arena *a, long long *checked)
{
    /* every chain that has rows or a head */
    db_rows *chains = db_query(a, "SELECT id FROM audit_head UNION SELECT DISTINCT chain "
                               "FROM audit_log ORDER BY 1", "");
    if (!chains)
        return -1;
    size_t n = chains->nrows;
    int *ids = malloc((n + 1) * sizeof *ids);
    for (size_t i = 0; db_next(chains); i++)
        ids[i] = atoi(db_col(chains, 0));
    *checked = 0;
    long long bad = 0;
    for (size_t i = 0; i < n && bad == 0; i++)
        bad = verify_chain(a, ids[i], checked);
    free(ids);
    return bad;
}
