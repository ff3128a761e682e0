/*
 * lookup.c - module labels and division names (lookup.h).
 */
#include "host.h"
#include "db.h"
#include "lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The labels of every module in one open-addressed table, built once per
 * worker (modules are loaded before the fork and never unloaded; built
 * again if the count changes): a list page asks for about 150 titles, and
 * the walk over every module's labels cost 13% of its CPU (issue 17).  The
 * first module declaring a (kind, code) wins, as the walk did. */
struct kind_run { const char *kind; size_t from, n; };
static struct {
    const struct portal_label **slot;
    size_t mask, modules;
    const struct portal_label **by_kind; /* each kind's labels together, in module order */
    struct kind_run *runs;
    size_t nruns;
} labels;

static size_t label_hash(const char *kind, const char *code)
{
    size_t h = 14695981039346656037ULL;
    for (const char *p = kind; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL; /* a separator no UTF-8 byte is */
    for (const char *p = code; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return h;
}

/* the slot of (kind, code): its label, or the empty slot where it goes */
static const struct portal_label **label_slot(const char *kind, const char *code)
{
    size_t i = label_hash(kind, code) & labels.mask;
    while (labels.slot[i] && (strcmp(labels.slot[i]->code, code) != 0 ||
                              strcmp(labels.slot[i]->kind, kind) != 0))
        i = (i + 1) & labels.mask;
    return &labels.slot[i];
}

static struct kind_run *kind_run(const char *kind)
{
    for (size_t i = 0; i < labels.nruns; i++)
        if (strcmp(labels.runs[i].kind, kind) == 0)
            return &labels.runs[i];
    return NULL;
}

/* labels.by_kind: the runs counted, placed, then filled in module order */
static void kinds_build(size_t n)
{
    free(labels.by_kind);
    free(labels.runs);
    labels.by_kind = calloc(n + 1, sizeof *labels.by_kind);
    labels.runs = calloc(n + 1, sizeof *labels.runs);
    if (!labels.by_kind || !labels.runs)
        abort();
    labels.nruns = 0;
    for (size_t i = 0; i < modules_count(); i++)
        for (const struct portal_label *l = module_at(i)->m->labels; l && l->kind; l++) {
            struct kind_run *k = kind_run(l->kind);
            if (!k) {
                k = &labels.runs[labels.nruns++];
                k->kind = l->kind;
            }
            k->n++;
        }
    for (size_t i = 1; i < labels.nruns; i++)
        labels.runs[i].from = labels.runs[i - 1].from + labels.runs[i - 1].n;
    for (size_t i = 0; i < labels.nruns; i++)
        labels.runs[i].n = 0;
    for (size_t i = 0; i < modules_count(); i++)
        for (const struct portal_label *l = module_at(i)->m->labels; l && l->kind; l++) {
            struct kind_run *k = kind_run(l->kind);
            labels.by_kind[k->from + k->n++] = l;
        }
}

static void labels_build(void)
{
    size_t n = 0, cap = 16;
    for (size_t i = 0; i < modules_count(); i++)
        for (const struct portal_label *l = module_at(i)->m->labels; l && l->kind; l++)
            n++;
    while (cap < 2 * n + 2)
        cap *= 2;
    free(labels.slot);
    labels.slot = calloc(cap, sizeof *labels.slot);
    if (!labels.slot)
        abort();
    labels.mask = cap - 1;
    labels.modules = modules_count();
    for (size_t i = 0; i < modules_count(); i++)
        for (const struct portal_label *l = module_at(i)->m->labels; l && l->kind; l++) {
            const struct portal_label **s = label_slot(l->kind, l->code);
            if (!*s)
                *s = l;
        }
    kinds_build(n);
}

static void labels_ready(void)
{
    if (!labels.slot || labels.modules != modules_count())
        labels_build();
}

const char *label_title(const char *kind, const char *code)
{
    if (!kind || !code)
        return NULL;
    labels_ready();
    const struct portal_label *l = *label_slot(kind, code);
    return l ? l->title : NULL;
}

int labels_each(const char *kind, void (*fn)(void *, int, const struct portal_label *),
                void *ctx)
{
    if (!kind)
        return 0;
    labels_ready();
    const struct kind_run *k = kind_run(kind);
    for (size_t i = 0; fn && k && i < k->n; i++) /* fn NULL: counted only */
        fn(ctx, (int)i, labels.by_kind[k->from + i]);
    return k ? (int)k->n : 0;
}

/* ------------------------------------------------------------ divisions */

/* Every division, loaded once per worker and again when the version in
 * cache_versions moves (the session's row carries it: division_version_seen).
 * Codes sort as the table's primary key, so a prefix's divisions are one run. */
struct division {
    char code[13], level;       /* 'c'ounty, 't'ownship, 'v'illage */
    char type[65];              /* divisions.type (镇, 乡, 街道; up to 16 characters) */
    char from[11], to[11];      /* valid_from, valid_to; "" open */
    char *name;
};
static struct division *divs;
static size_t ndivs;
static long long divs_version = -1; /* of the divisions loaded */
static long long divs_wanted = -1;  /* in the database now; -1 unknown this request */

static void divisions_free(void)
{
    for (size_t i = 0; i < ndivs; i++)
        free(divs[i].name);
    free(divs);
    divs = NULL;
    ndivs = 0;
}

static int divisions_load(void)
{
    arena *a = arena_new(4096);
    db_rows *v = db_query(a, "SELECT version FROM cache_versions WHERE name = 'divisions'", "");
    db_rows *q = db_query(a, "SELECT code, level, name, COALESCE(valid_from, ''), "
                          "COALESCE(valid_to, ''), type FROM divisions ORDER BY code", "");
    if (!v || !q) {
        arena_free(a);
        return -1;
    }
    long long version = db_next(v) ? atoll(db_col(v, 0)) : 0;
    size_t n = 0, cap = 16;
    struct division *d = malloc(cap * sizeof *d);
    if (!d)
        abort();
    while (db_next(q)) {
        if (n == cap) {
            cap = cap ? cap * 2 : 512;
            if (!(d = realloc(d, cap * sizeof *d)))
                abort();
        }
        snprintf(d[n].code, sizeof d[n].code, "%s", db_col(q, 0));
        d[n].level = db_col(q, 1)[0];
        snprintf(d[n].from, sizeof d[n].from, "%s", db_col(q, 3));
        snprintf(d[n].to, sizeof d[n].to, "%s", db_col(q, 4));
        snprintf(d[n].type, sizeof d[n].type, "%s", db_col(q, 5) ? db_col(q, 5) : "");
        if (!(d[n].name = strdup(db_col(q, 2))))
            abort();
        n++;
    }
    arena_free(a);
    divisions_free();
    divs = d;
    ndivs = n;
    divs_version = divs_wanted = version;
    return 0;
}

/* the loaded divisions, reloaded first when stale; 0 ok */
static int divisions_fresh(void)
{
    if (divs_wanted < 0 && divs) {
        /* a request without a session (a public page): ask once */
        arena *a = arena_new(512);
        db_rows *v = db_query(a, "SELECT version FROM cache_versions WHERE name = 'divisions'", "");
        int ok = v && db_next(v);
        if (ok)
            divs_wanted = atoll(db_col(v, 0));
        arena_free(a);
        if (!ok)
            return -1; /* the database failed: the page fails too, never a stale answer */
    }
    if (divs && divs_version == divs_wanted)
        return 0;
    return divisions_load() == 0 || divs ? 0 : -1;
}

void division_version_seen(long long version)
{
    divs_wanted = version;
}

long long division_version_known(void)
{
    return divs_wanted;
}

static int code_cmp(const void *key, const void *elem)
{
    return memcmp(key, ((const struct division *)elem)->code, 12);
}

const char *division_name(const char *code)
{
    if (!code || strlen(code) != 12 || divisions_fresh() != 0)
        return NULL;
    struct division *d = bsearch(code, divs, ndivs, sizeof *divs, code_cmp);
    return d ? d->name : NULL;
}

int divisions_each(const char *level, const char *prefix, const char *on,
                   void (*fn)(void *ctx, int i, const char *code, const char *name,
                              const char *type), void *ctx)
{
    if (!level || !*level || divisions_fresh() != 0)
        return -1;
    size_t plen = prefix ? strlen(prefix) : 0;
    int n = 0;
    for (size_t i = 0; i < ndivs; i++) {
        const struct division *d = &divs[i];
        if (d->level != level[0] || (plen && strncmp(d->code, prefix, plen) != 0))
            continue;
        if (on && ((*d->from && strcmp(d->from, on) > 0) || (*d->to && strcmp(d->to, on) < 0)))
            continue;
        if (fn)
            fn(ctx, n, d->code, d->name, d->type);
        n++;
    }
    return n;
}
