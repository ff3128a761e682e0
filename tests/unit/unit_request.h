/* unit_request.h - a request of its own for the unit tests of host services
 * (test_files.c, test_sheet.c): the arena reset (its cleanups run) or made,
 * empty response buffers, no template data left from the last test. */
#ifndef UNIT_REQUEST_H
#define UNIT_REQUEST_H

#include <string.h>

#include "host.h"

static void unit_request(portal_req *r, arena **a, const char *method, const char *path)
{
    if (*a)
        arena_reset(*a);
    else
        *a = arena_new(65536);
    buf_free(&r->body);
    buf_free(&r->headers);
    hdf_reset_request();
    memset(r, 0, sizeof *r);
    r->a = *a;
    r->method = method;
    r->path = path;
    buf_init(&r->body);
    buf_init(&r->headers);
}

#endif
