/*
 * lookup.c - module labels and division names (lookup.h).
 */
#include "host.h"
#include "db.h"
#include "lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int kind_ok(const char *k)
{
    if (!k || !*k)
        return 0;
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_' || *k == '.'))
            return 0;
    return 1;
}

/* the module (other than skip) already declaring kind+code, or NULL */
static const struct portal_module *declared_by(const char *kind, const char *code,
                                               const struct portal_module *skip)
{
    for (size_t i = 0; i < modules_count(); i++) {
        const struct portal_module *m = module_at(i)->m;
        if (m == skip)
            continue;
        for (const struct portal_label *l = m->labels; l && l->kind; l++)
            if (strcmp(l->kind, kind) == 0 && l->code && strcmp(l->code, code) == 0)
                return m;
    }
    return NULL;
}

int labels_check(const struct portal_module *m, char *err, size_t errlen)
{
    for (const struct portal_label *l = m->labels; l && l->kind; l++) {
        if (!kind_ok(l->kind) || !l->code || !*l->code || !l->title || !*l->title) {
            snprintf(err, errlen, "module %s: label %s/%s needs a kind [a-z0-9_.], a code "
                     "and a title", m->name, l->kind, l->code ? l->code : "(null)");
            return -1;
        }
        for (const struct portal_label *e = m->labels; e != l; e++)
            if (strcmp(e->kind, l->kind) == 0 && strcmp(e->code, l->code) == 0) {
                snprintf(err, errlen, "module %s: label %s/%s declared twice", m->name,
                         l->kind, l->code);
                return -1;
            }
        const struct portal_module *o = declared_by(l->kind, l->code, m);
        if (o) {
            snprintf(err, errlen, "module %s: label %s/%s is already declared by module %s",
                     m->name, l->kind, l->code, o->name);
            return -1;
        }
    }
    return 0;
}

const char *label_title(const char *kind, const char *code)
{
    if (!kind || !code)
        return NULL;
    for (size_t i = 0; i < modules_count(); i++) {
        const struct portal_module *m = module_at(i)->m;
        for (const struct portal_label *l = m->labels; l && l->kind; l++)
            if (strcmp(l->kind, kind) == 0 && strcmp(l->code, code) == 0)
                return l->title;
    }
    return NULL;
}

int labels_each(const char *kind, void (*fn)(void *, int, const struct portal_label *),
                void *ctx)
{
    int n = 0;
    for (size_t i = 0; kind && i < modules_count(); i++) {
        const struct portal_module *m = module_at(i)->m;
        for (const struct portal_label *l = m->labels; l && l->kind; l++)
            if (strcmp(l->kind, kind) == 0)
                fn(ctx, n++, l);
    }
    return n;
}

/* ------------------------------------------------------------ divisions */

struct division { char code[13]; char *name; };
static struct division *divs;
static size_t ndivs, capdivs;

static void division_add(const char *code, const char *name)
{
    if (ndivs == capdivs) {
        capdivs = capdivs ? capdivs * 2 : 256;
        divs = realloc(divs, capdivs * sizeof *divs);
        if (!divs)
            abort();
    }
    snprintf(divs[ndivs].code, sizeof divs[ndivs].code, "%s", code);
    divs[ndivs].name = strdup(name);
    if (!divs[ndivs].name)
        abort();
    ndivs++;
}

const char *division_name(const char *code)
{
    if (!code || strlen(code) != 12)
        return NULL;
    for (size_t i = 0; i < ndivs; i++)
        if (memcmp(divs[i].code, code, 12) == 0)
            return divs[i].name;
    /* one prepared statement per miss: a code added since, or none at all */
    arena *a = arena_new(1024);
    db_rows *q = db_query(a, "SELECT name FROM divisions WHERE code = ?", "s", code);
    const char *name = NULL;
    if (q && db_next(q) && db_col(q, 0)) {
        division_add(code, db_col(q, 0));
        name = divs[ndivs - 1].name;
    }
    arena_free(a);
    return name;
}
