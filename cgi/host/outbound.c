/*
 * outbound.c - the outbound hook's queue (outbound.h): tasks, notices and
 * escalations queue an event; the master's job (jobs.c) runs the hook.
 */
#include "outbound.h"
#include "db.h"

int outbound_queue(arena *a, const char *kind, long long ref_id, const char *payload)
{
    const char *cmd = config_get("outbound_command", NULL);
    if (!cmd || !*cmd)
        return 0;
    return db_exec(a, "INSERT IGNORE INTO outbound_events (kind, ref_id, payload, created_at, "
                   "next_at) VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())", "sis", kind,
                   ref_id, payload) < 0 ? -1 : 0;
}
