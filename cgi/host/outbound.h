/*
 * outbound.h - the outbound hook's queue.
 */
#ifndef PORTAL_OUTBOUND_H
#define PORTAL_OUTBOUND_H

#include "util.h"

/* the outbound hook's queue: an event for outbound_command (when the
 * key is set) in the caller's transaction; payload one JSON object.  0 ok */
int outbound_queue(arena *a, const char *kind, long long ref_id, const char *payload);

#endif
