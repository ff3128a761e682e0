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

/* the current row's columns under node; SQL NULL columns stay unset */
static void row_into(HDF *node, db_rows *rows)
{
    for (size_t c = 0; c < rows->ncols; c++) {
        const char *v = db_col(rows, c);
        if (v)
            hdf_node_put(node, rows->names[c], v);
    }
}

void hdf_put_row(const char *prefix, void *p)
{
    HDF *node = NULL;
    NEOERR *e = hdf_get_node(render_hdf(), prefix, &node);
    if (e)
        render_log_error("PT0307", e);
    else
        row_into(node, p);
}

/* rows as prefix.N.column, one node lookup per row, not per cell; at most
 * `limit` rows, *more = 1 when another row followed (keyset pages) */
int hdf_put_rows_limit(const char *prefix, void *p, size_t limit, int *more)
{
    db_rows *rows = p;
    HDF *parent = NULL, *row = NULL;
    if (more)
        *more = 0;
    NEOERR *e = hdf_get_node(render_hdf(), prefix, &parent);
    if (e) {
        render_log_error("PT0307", e);
        return -1;
    }
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
static void label_into(void *ctx, int i, const struct portal_label *l)
{
    HDF *row = ctx ? hdf_row_node(ctx, (size_t)i) : NULL;
    if (row) {
        hdf_node_put(row, "code", l->code);
        hdf_node_put(row, "title", l->title);
    }
}

/* the labels of a kind as prefix.N.code and prefix.N.title, the prefix's
 * node found once (not a path printed and walked per value); the count */
int hdf_put_labels(const char *prefix, const char *kind)
{
    HDF *parent = NULL;
    NEOERR *e = hdf_get_node(render_hdf(), prefix, &parent);
    if (e) {
        render_log_error("PT0307", e);
        parent = NULL;
    }
    return labels_each(kind, label_into, parent);
}
