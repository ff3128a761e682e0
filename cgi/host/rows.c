/*
 * rows.c - query results into the template data: the bridge between the
 * database (db.c) and the worker's HDF tree (render.c), so that neither
 * knows the other.
 */
#include "host.h"
#include "db.h"
#include "lookup.h"

#include <ClearSilver.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the length of a column name's first part (up to a dot) */
static size_t first_part(const char *n)
{
    const char *dot = strchr(n, '.');
    return dot ? (size_t)(dot - n) : strlen(n);
}

/* whether a row put in a fresh node can add its plain columns (no dot)
 * without looking for them: no two columns share a first part unless both
 * are dotted ("cats.0", "cats.1").  Found once per result set, with which
 * columns are dotted (*dotted: one flag per column). */
static int names_apart(const db_rows *rows, const unsigned char **dotted)
{
    static const db_rows *seen;
    static unsigned seen_gen;
    static int apart;
    static unsigned char *dots;
    static size_t cap;
    if (rows == seen && seen_gen == tree_gen()) {
        *dotted = dots;
        return apart;
    }
    if (rows->ncols > cap) {
        cap = rows->ncols;
        dots = realloc(dots, cap);
        if (!dots)
            abort();
    }
    seen = rows;
    seen_gen = tree_gen();
    apart = 1;
    for (size_t c = 0; c < rows->ncols; c++) {
        const char *n = rows->names[c];
        size_t len = n ? first_part(n) : 0;
        dots[c] = n && n[len] == '.';
        if (!len)
            apart = 0;
        for (size_t d = 0; apart && d < c; d++) {
            const char *m = rows->names[d];
            if (first_part(m) == len && memcmp(n, m, len) == 0 && (!n[len] || !m[len]))
                apart = 0;
        }
    }
    *dotted = dots;
    return apart;
}

/* the current row's columns under node; SQL NULL columns stay unset, and
 * so do columns named with a leading '_': what rides on every row for the
 * handler alone (a page's total beside its rows: read with col, not made
 * a node per row).  A query's cells and names live until the request ends
 * (db.c), as long as the request's nodes: the nodes keep them, not copies */
static void row_into(HDF *node, db_rows *rows)
{
    if (!rows->cur || rows->cur > rows->nrows)
        return;
    const unsigned char *dotted = NULL;
    int fresh = !node->child && !node->hash && names_apart(rows, &dotted);
    char *const *cells = rows->cells + (rows->cur - 1) * rows->ncols; /* db_col's */
    for (size_t c = 0; c < rows->ncols; c++) {
        const char *v = cells[c], *name = rows->names[c];
        if (!v || name[0] == '_')
            continue;
        if (fresh && !dotted[c])
            tree_add(node, name, v);
        else if (tree_put(node, name, v, 1) != 0)
            hdf_node_put(node, name, v);
    }
}

void hdf_put_row(const char *prefix, void *p)
{
    HDF *node = tree_node(render_hdf(), prefix);
    if (node)
        row_into(node, p);
}

/* rows as prefix.N.column, one node lookup per row, not per cell; at most
 * `limit` rows, *more = 1 when another row followed (keyset pages) */
int hdf_put_rows_limit(const char *prefix, void *p, size_t limit, int *more)
{
    db_rows *rows = p;
    HDF *parent = tree_node(render_hdf(), prefix), *row = NULL;
    if (more)
        *more = 0;
    if (!parent)
        return -1;
    size_t i = 0;
    while (db_next(rows)) {
        if (i == limit) {
            if (more)
                *more = 1;
            break;
        }
        if (!(row = hdf_row_node(parent, i)))
            return -1;
        row_into(row, rows);
        i++;
    }
    return (int)i;
}

int hdf_put_rows(const char *prefix, void *p)
{
    return hdf_put_rows_limit(prefix, p, (size_t)-1, NULL);
}

/* one label as row i: code and title */
struct label_rows { HDF *parent; int fresh; };

static void label_into(void *ctx, int i, const struct portal_label *l)
{
    struct label_rows *d = ctx;
    HDF *row = !d->parent ? NULL
               : d->fresh ? hdf_row_add(d->parent, (size_t)i) : hdf_row_node(d->parent, (size_t)i);
    if (row && !row->child) { /* a fresh row: added, not looked for; the module's
                               * own strings (modules stay loaded), not copied */
        tree_add(row, "code", l->code);
        tree_add(row, "title", l->title);
    } else if (row) {
        hdf_node_put(row, "code", l->code);
        hdf_node_put(row, "title", l->title);
    }
}

/* the labels of a kind as prefix.N.code and prefix.N.title, the prefix's
 * node found once (not a path printed and walked per value); when it had
 * no child, every row is new: added, not looked for (three lookups per
 * label cost a file page's three kinds 40,000 instructions); the count */
int hdf_put_labels(const char *prefix, const char *kind)
{
    HDF *parent = tree_node(render_hdf(), prefix);
    struct label_rows d = {parent, parent && !parent->child};
    return labels_each(kind, label_into, &d);
}

/* the divisions' rows go under parent; when it had no child at the start,
 * every row is new: added, not looked for among the rows before it */
struct division_rows { HDF *parent; int fresh; };

/* one division as row i: code, name and type, copied (the worker's cache
 * they come from is read again later in the request, and may be reloaded) */
static void division_into(void *ctx, int i, const char *code, const char *name, const char *type)
{
    struct division_rows *d = ctx;
    HDF *row = d->fresh ? hdf_row_add(d->parent, (size_t)i) : hdf_row_node(d->parent, (size_t)i);
    if (row && !row->child) { /* a fresh row: the names added, not looked for */
        tree_add(row, "code", tree_strdup(code));
        tree_add(row, "name", tree_strdup(name));
        tree_add(row, "type", tree_strdup(type));
    } else if (row) {
        hdf_node_put(row, "code", code);
        hdf_node_put(row, "name", name);
        hdf_node_put(row, "type", type);
    }
}

/* the divisions of a level (lookup.c divisions_each) as prefix.N.code,
 * name and type, the prefix's node found once: a path printed and walked
 * from the root per value was 40% of the portal's instructions on /about
 * (issue 17); the count */
int hdf_put_divisions(const char *prefix, const char *level, const char *code_prefix,
                      const char *on)
{
    struct division_rows d = {tree_node(render_hdf(), prefix), 0};
    if (!d.parent)
        return divisions_each(level, code_prefix, on, NULL, NULL); /* counted, nothing set */
    d.fresh = !d.parent->child && !d.parent->hash;
    return divisions_each(level, code_prefix, on, division_into, &d);
}
