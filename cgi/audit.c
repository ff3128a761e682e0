/* audit.c - hash-chained audit log (see audit.h). */
#include "audit.h"
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

void audit_hash(const char *prev_hash, const struct audit_row *row, char out[65])
{
    unsigned char md[32];
    unsigned mdlen = 0;
    char uid[32];
    snprintf(uid, sizeof uid, "%lld", row->user_id);
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
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

int audit_append(arena *a, const struct audit_row *in)
{
    struct audit_row row = *in;
    char at[40], hash[65];
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(at + strlen(at), sizeof at - strlen(at), ".%06ld", (long)tv.tv_usec);
    row.at = at;
    int own = !db_in_txn();
    for (int attempt = 0; attempt < 3; attempt++) {
        if (own && db_begin() != 0)
            return -1;
        db_rows *h = db_query(a, "SELECT last_hash FROM audit_head WHERE id = 1 FOR UPDATE", "");
        if (!h || !db_next(h))
            goto fail;
        audit_hash(db_col(h, 0), &row, hash);
        if (db_exec(a, "INSERT INTO audit_log (at, user_id, username, action, object_type, "
                    "object_id, detail, ip, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    "sissssssss", row.at, row.user_id ? row.user_id : 0LL, row.username,
                    row.action, row.object_type, row.object_id, row.detail, row.ip,
                    db_col(h, 0), hash) < 0)
            goto fail;
        if (db_exec(a, "UPDATE audit_head SET last_hash = ?, last_id = LAST_INSERT_ID() "
                    "WHERE id = 1", "s", hash) < 0)
            goto fail;
        if (!own || db_commit() == 0)
            return 0;
    fail:
        if (!own)
            return -1;
        db_rollback();
        if (!db_deadlock())
            return -1;
    }
    return -1;
}

long long audit_verify(arena *a, long long *checked)
{
    char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
    long long last = 0, n = 0;
    for (;;) {
        db_rows *rows = db_query(
            a,
            "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), user_id, username, action, "
            "object_type, object_id, detail, ip, prev_hash, hash FROM audit_log "
            "WHERE id > ? ORDER BY id LIMIT 5000", "i", last);
        if (!rows)
            return -1;
        if (rows->nrows == 0)
            break;
        while (db_next(rows)) {
            struct audit_row row = {
                db_col(rows, 1), db_col(rows, 2) ? atoll(db_col(rows, 2)) : 0, db_col(rows, 3),
                db_col(rows, 4), db_col(rows, 5), db_col(rows, 6), db_col(rows, 7),
                db_col(rows, 8)};
            char h[65];
            last = atoll(db_col(rows, 0));
            audit_hash(prev, &row, h);
            if (strcmp(prev, db_col(rows, 9) ? db_col(rows, 9) : "") != 0 ||
                strcmp(h, db_col(rows, 10) ? db_col(rows, 10) : "") != 0) {
                *checked = n;
                return last;
            }
            memcpy(prev, h, 65);
            n++;
        }
        arena_reset(a);
    }
    /* the head must point at the last row: deleting the tail is tampering too */
    db_rows *hd = db_query(a, "SELECT last_hash FROM audit_head WHERE id = 1", "");
    if (!hd || !db_next(hd))
        return -1;
    *checked = n;
    if (strcmp(db_col(hd, 0), prev) != 0)
        return last + 1;
    return 0;
}
