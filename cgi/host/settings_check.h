/*
 * settings_check.h - the checks of a module's settings and lookups at start
 * (ABI 2.1): modules.c refuses to start a module that fails them.
 */
#ifndef PORTAL_SETTINGS_CHECK_H
#define PORTAL_SETTINGS_CHECK_H

#include <stddef.h>
#include "portal_module.h"

/* a module's settings and lookups at start: codes [a-z][a-z0-9_]*, unique,
 * a known type, a label, a default of its type; lookups with a title and
 * 1..PORTAL_LOOKUP_COLS columns.  0 ok, else err filled */
int settings_check(const struct portal_module *m, char *err, size_t errlen);
/* the stored form of a number: optional '-' (allow_sign), 1..18 digits */
int number_ok(const char *v, int allow_sign);

#endif
