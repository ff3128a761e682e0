/*
 * audit.h - the append-only, hash-chained audit log.
 * Each row's hash = SHA-256 of the previous row's hash and the row's fields,
 * joined in a fixed order; `portalctl audit verify` recomputes the chains.
 * Each worker slot appends to a chain of its own (one head row each), so
 * audited reads do not queue behind one lock and one disk flush.
 */
#ifndef PORTAL_AUDIT_H
#define PORTAL_AUDIT_H

#include "util.h"

struct audit_row {
    const char *at;           /* UTC, "YYYY-MM-DD HH:MM:SS.uuuuuu" */
    long long user_id;        /* 0 = none */
    const char *username, *action, *object_type, *object_id, *detail, *ip;
    int chain;                /* set by audit_append from audit_set_chain */
};

/* the hash chain this process appends to: its worker slot + 1, 0 otherwise,
 * in the range of this host (host_id in portal.conf: a cluster's hosts never
 * share a chain); audit_chain() is the chain as stored */
void audit_set_chain(int chain);
int audit_chain(void);
/* host_id is usable (0..32; not 0 when `cluster`, several db_host servers):
 * 0, else -1 and why */
int audit_host_check(int cluster, char *err, size_t errlen);

/* hex SHA-256 (65 bytes with NUL) of prev_hash and the row */
void audit_hash(const char *prev_hash, const struct audit_row *row, char out[65]);
/* append a row; inside the caller's transaction if one is open (then a
 * failure dooms that transaction: the change must not commit without its
 * audit row), else in a transaction of its own committed at once; 0 ok */
int audit_append(arena *a, const struct audit_row *row);
/* now, as a row's `at` ("YYYY-MM-DD HH:MM:SS.uuuuuu", UTC); a row whose at
 * is NULL gets the time audit_append runs */
void audit_now(char at[40]);
/* walk the whole chain: 0 intact, else the id of the first broken row (-1 db error) */
long long audit_verify(arena *a, long long *checked);

#endif
