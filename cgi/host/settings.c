/*
 * settings.c - module settings and lookups (settings.h).
 */
#include "host.h"
#include "db.h"
#include "dates.h"
#include "settings.h"
#include "settings_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "code" of the running module or "<module>.<code>": the module and the code */
static const struct portal_module *owner(portal_req *r, const char *qualified,
                                         const char **code)
{
    const char *dot = qualified ? strchr(qualified, '.') : NULL;
    if (!qualified)
        return NULL;
    if (!dot) {
        *code = qualified;
        return r->mod ? r->mod->m : NULL;
    }
    *code = dot + 1;
    char name[65];
    snprintf(name, sizeof name, "%.*s", (int)(dot - qualified), qualified);
    struct loaded_module *lm = module_find(name);
    return lm ? lm->m : NULL;
}

/* logs a declaration a module asked for and does not have; NULL */
static void *undeclared(const char *what, const char *qualified)
{
    log_msg("PT0910", "%s %s is not declared", what, qualified ? qualified : "(null)");
    return NULL;
}

static const struct portal_setting *setting_find(portal_req *r, const char *qualified,
                                                 const char **module)
{
    const char *code = NULL;
    const struct portal_module *m = owner(r, qualified, &code);
    const struct portal_setting *st = m ? m->settings : NULL;
    while (st && st->code && strcmp(st->code, code) != 0)
        st++;
    *module = m ? m->name : NULL;
    return st && st->code ? st : undeclared("setting", qualified);
}

/* Every module's setting values, loaded once per worker and again when the
 * version 'settings' in cache_versions moves (issue 17): triggers of
 * migration 032 bump it with every write of setting_values, and the
 * session's row carries it (settings_version_seen), so a page reads no
 * settings statement and a value saved a moment ago is seen by the next
 * request of any worker.  Rows sort by module, code, newest first. */
struct setting_row {
    char *module, *code, *from, *value;
};
static struct setting_row *sets;
static size_t nsets;
static long long sets_version = -1; /* of the rows loaded */
static long long sets_wanted = -1;  /* in the database now; -1 unknown this request */

void settings_version_seen(long long version)
{
    sets_wanted = version;
}

long long settings_version_known(void)
{
    return sets_wanted;
}

static void settings_free(void)
{
    for (size_t i = 0; i < nsets; i++) {
        free(sets[i].module);
        free(sets[i].code);
        free(sets[i].from);
        free(sets[i].value);
    }
    free(sets);
    sets = NULL;
    nsets = 0;
}

static char *xdup(const char *v)
{
    char *d = strdup(v ? v : "");
    if (!d)
        abort();
    return d;
}

static int settings_load(arena *a)
{
    db_rows *v = db_query(a, "SELECT version FROM cache_versions WHERE name = 'settings'", "");
    db_rows *q = db_query(a, "SELECT module, code, DATE_FORMAT(valid_from, '%Y-%m-%d'), value "
                          "FROM setting_values ORDER BY module, code, valid_from DESC, id DESC",
                          "");
    if (!v || !q)
        return -1;
    struct setting_row *rows = calloc(q->nrows + 1, sizeof *rows);
    if (!rows)
        abort();
    size_t n = 0;
    for (; db_next(q); n++) {
        rows[n].module = xdup(db_col(q, 0));
        rows[n].code = xdup(db_col(q, 1));
        rows[n].from = xdup(db_col(q, 2));
        rows[n].value = xdup(db_col(q, 3));
    }
    settings_free();
    sets = rows;
    nsets = n;
    sets_version = sets_wanted = db_next(v) ? atoll(db_col(v, 0)) : 0;
    return 0;
}

/* the loaded rows, reloaded first when stale; 0 ok */
static int settings_fresh(portal_req *r)
{
    if (sets_wanted < 0) {
        /* a request without a session: ask once */
        db_rows *v = db_query(r->a, "SELECT version FROM cache_versions WHERE name = 'settings'",
                              "");
        if (!v)
            return -1;
        sets_wanted = db_next(v) ? atoll(db_col(v, 0)) : 0;
    }
    if (sets && sets_version == sets_wanted)
        return 0;
    return settings_load(r->a);
}

const char *setting_value(portal_req *r, const char *code, const char *on)
{
    const char *module = NULL;
    const struct portal_setting *st = setting_find(r, code, &module);
    if (!st || !on || day_parse(on) == PORTAL_NO_DAY || settings_fresh(r) != 0)
        return NULL;
    /* the first row of the code on or before the day is the one in force */
    for (size_t i = 0; i < nsets; i++)
        if (strcmp(sets[i].module, module) == 0 && strcmp(sets[i].code, st->code) == 0 &&
            strcmp(sets[i].from, on) <= 0)
            return arena_strdup(r->a, sets[i].value);
    return st->dflt;
}

long long setting_number(portal_req *r, const char *code, const char *on)
{
    const char *module = NULL;
    const struct portal_setting *st = setting_find(r, code, &module);
    const char *v = st && st->type != PS_TEXT ? setting_value(r, code, on) : NULL;
    return v && number_ok(v, 1) ? atoll(v) : PORTAL_NO_SETTING;
}

static const struct portal_lookup *lookup_find(portal_req *r, const char *qualified,
                                               const char **module)
{
    const char *kind = NULL;
    const struct portal_module *m = owner(r, qualified, &kind);
    const struct portal_lookup *l = m ? m->lookups : NULL;
    for (; l && l->kind; l++)
        if (strcmp(l->kind, kind) == 0)
            break;
    *module = m ? m->name : NULL;
    return l && l->kind ? l : undeclared("lookup", qualified);
}

int lookup_rows(portal_req *r, const char *prefix, const char *kind, const char *on,
                void (*put)(portal_req *r, const char *name, const char *value))
{
    const char *module = NULL;
    const struct portal_lookup *l = lookup_find(r, kind, &module);
    if (!l || !on || day_parse(on) == PORTAL_NO_DAY)
        return -1;
    db_rows *rows = db_query(r->a, "SELECT id, code, c1, c2, c3, c4, c5, c6 FROM lookup_entries "
                             "WHERE module = ? AND kind = ? AND valid_from <= ? AND "
                             "(valid_to IS NULL OR valid_to > ?) ORDER BY code",
                             "ssss", module, l->kind, on, on);
    if (!rows)
        return -1;
    int n = 0;
    for (; db_next(rows); n++) {
        put(r, arena_sprintf(r->a, "%s.%d.id", prefix, n), db_col(rows, 0));
        put(r, arena_sprintf(r->a, "%s.%d.code", prefix, n), db_col(rows, 1));
        int c = 0;
        for (const struct portal_lookup_col *col = l->cols; col->code; col++, c++) {
            const char *v = db_col(rows, 2 + (size_t)c);
            put(r, arena_sprintf(r->a, "%s.%d.%s", prefix, n, col->code), v ? v : "");
        }
    }
    return n;
}

const struct portal_module *module_enabled_nth(int i)
{
    for (size_t k = 0; k < modules_count(); k++) {
        struct loaded_module *lm = module_at(k);
        if (!lm->enabled || strcmp(lm->m->name, "core") == 0)
            continue;
        if (i-- == 0)
            return lm->m;
    }
    return NULL;
}
