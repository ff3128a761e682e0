/*
 * settings_check.c - the checks of a module's settings and lookups at start
 * (ABI 2.1; settings.h): codes, types, labels, defaults of their type.
 */
#include "settings_check.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int code_ok(const char *c)
{
    return name_ok(c) && strlen(c) <= 48;
}

/* the stored form of a number: optional '-', 1..18 digits */
int number_ok(const char *v, int allow_sign)
{
    if (allow_sign && *v == '-')
        v++;
    size_t n = strspn(v, "0123456789");
    return n > 0 && n <= 18 && !v[n];
}

static int default_ok(const struct portal_setting *st)
{
    if (!st->dflt)
        return 0;
    switch (st->type) {
    case PS_MONEY: case PS_DAYS: return number_ok(st->dflt, 0);
    case PS_RATIO: return number_ok(st->dflt, 0) && atoll(st->dflt) <= 10000;
    case PS_INT: return number_ok(st->dflt, 1);
    case PS_TEXT: return strlen(st->dflt) <= 1500;
    default: return 0;
    }
}

static int lookups_check(const struct portal_module *m, char *err, size_t errlen)
{
    for (const struct portal_lookup *l = m->lookups; l && (l->kind || l->title); l++) {
        int ncols = 0, ok = code_ok(l->kind) && l->title && *l->title && l->cols;
        for (const struct portal_lookup_col *c = ok ? l->cols : NULL; c && c->code; c++, ncols++)
            ok = ok && code_ok(c->code) && c->label && *c->label;
        for (const struct portal_lookup *e = m->lookups; ok && e != l; e++)
            ok = strcmp(e->kind, l->kind) != 0;
        if (!ok || ncols < 1 || ncols > PORTAL_LOOKUP_COLS) {
            snprintf(err, errlen, "module %s: lookup %s needs a unique kind [a-z][a-z0-9_]*, "
                     "a title and 1 to %d columns with a code and a label", m->name,
                     l->kind ? l->kind : "(null)", PORTAL_LOOKUP_COLS);
            return -1;
        }
    }
    return 0;
}

int settings_check(const struct portal_module *m, char *err, size_t errlen)
{
    for (const struct portal_setting *st = m->settings; st && (st->code || st->label); st++) {
        int ok = code_ok(st->code) && st->label && *st->label && default_ok(st);
        for (const struct portal_setting *e = m->settings; ok && e != st; e++)
            ok = strcmp(e->code, st->code) != 0;
        if (!ok) {
            snprintf(err, errlen, "module %s: setting %s needs a unique code [a-z][a-z0-9_]*, "
                     "a type (money, ratio, days, integer, text), a label and a default of "
                     "its type", m->name, st->code ? st->code : "(null)");
            return -1;
        }
    }
    return lookups_check(m, err, errlen);
}
