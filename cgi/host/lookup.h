/*
 * lookup.h - the names behind codes that every page shows: module labels
 * (portal_module.labels, ABI 2.0) and division names (the divisions table,
 * cached per worker).  The template functions label() and division() and the
 * services label and labels_hdf read them.
 */
#ifndef PORTAL_LOOKUP_H
#define PORTAL_LOOKUP_H

#include <stddef.h>
#include "portal_module.h"

/* the title of code in kind over every loaded module, NULL when unknown */
const char *label_title(const char *kind, const char *code);
/* kind's labels in module and declaration order: fn for each (NULL: none); the count */
int labels_each(const char *kind, void (*fn)(void *ctx, int i, const struct portal_label *l),
                void *ctx);
/* The divisions are cached per worker and reloaded when the version the
 * session's row carries (cache_versions 'divisions') moves. */
/* the name of a division code, NULL when unknown (or the database cannot say) */
const char *division_name(const char *code);
/* the divisions of level ("township", "village", "county") whose code starts
 * with prefix (NULL or "": all) and are valid on `on` (YYYY-MM-DD; NULL: any
 * day), in code order: fn for each (type: 镇, 乡, 街道 ...; fn NULL: counted
 * only); the count, -1 when none can be read */
int divisions_each(const char *level, const char *prefix, const char *on,
                   void (*fn)(void *ctx, int i, const char *code, const char *name,
                              const char *type), void *ctx);
/* the version of the divisions the database holds now (from the session's
 * row); -1 at the start of each request: unknown until then (a page without
 * a session reads it with one statement when it needs a division) */
void division_version_seen(long long version);
/* that version as seen this request; -1 unknown */
long long division_version_known(void);

#endif
