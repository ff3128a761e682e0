/*
 * settings.h - module settings and lookups (ABI 2.1, issue 10 part 5):
 * the values in force on a date (services setting, setting_int,
 * lookup_hdf; the checks at start: settings_check.h).  The rows are core
 * tables (sql/015_settings.sql); the settings module edits them.
 */
#ifndef PORTAL_SETTINGS_H
#define PORTAL_SETTINGS_H

#include <stddef.h>
#include "portal_module.h"

struct portal_req;

/* the value of code ("code" of the running module, or "<module>.<code>") in
 * force on `on` (YYYY-MM-DD); NULL when undeclared or the date is bad */
const char *setting_value(portal_req *r, const char *code, const char *on);
/* the version of the settings in cache_versions (the session's row); -1 unknown */
void settings_version_seen(long long version);
/* that version as seen this request; -1 unknown */
long long settings_version_known(void);
long long setting_number(portal_req *r, const char *code, const char *on);
/* a lookup's entries in force on `on` through put(name, value); count or -1 */
int lookup_rows(portal_req *r, const char *prefix, const char *kind, const char *on,
                void (*put)(portal_req *r, const char *name, const char *value));
/* the i-th enabled module but the core, NULL past the last */
const struct portal_module *module_enabled_nth(int i);

#endif
