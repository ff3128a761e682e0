/*
 * tree.c - the request's template data in an arena (issue 17).
 *
 * ClearSilver's HDF makes three heap blocks per node (the node, its name,
 * its value) and frees them one by one: on a list page of 50 rows that
 * was a third of the portal's instructions.  The nodes a request adds are
 * made here instead, node, name and value in one arena the worker keeps,
 * and the whole request's part of the tree goes at once when the request
 * ends (tree_reset).  The nodes are ClearSilver's own struct, linked the
 * way its _set_value links them (child list, last_child, the parent's hash
 * when it has one), so templates read them as any other node.
 *
 * What ClearSilver itself adds under them (a template's `set:`, a value it
 * replaces) is its usual heap memory: a node made here is marked (its
 * fileload_ctx, used only on a tree's top node), and tree_free frees
 * exactly what is not marked and every value ClearSilver owns
 * (alloc_value).  The worker's lasting part (Config, hdf) is never made
 * here: tree_put refuses it and render.c sets it the usual way.
 */
#include "host.h"

#include <ClearSilver.h>
#include <stdlib.h>
#include <string.h>

static arena *mem;  /* the request's nodes, names and copied values */
static char mark;   /* fileload_ctx of a node made in mem */

/* children past this many are found through a hash, as ClearSilver does
 * past 10 (a linear walk of a few dozen names costs less than hashing) */
#define HASH_AT 64

#define MADE_HERE(n) ((n)->fileload_ctx == (void *)&mark)

/* the top names that outlive requests: render.c sets them the usual way */
static int tree_lasting(const char *name, size_t len)
{
    return (len == 6 && memcmp(name, "Config", 6) == 0) || (len == 3 && memcmp(name, "hdf", 3) == 0);
}

static UINT32 node_hash(const void *a)
{
    const HDF *h = a;
    UINT32 x = 2166136261u;
    for (int i = 0; i < h->name_len; i++)
        x = (x ^ (unsigned char)h->name[i]) * 16777619u;
    return x;
}

static int node_comp(const void *a, const void *b)
{
    const HDF *x = a, *y = b;
    return x->name_len == y->name_len && memcmp(x->name, y->name, (size_t)x->name_len) == 0;
}

/* a hash over parent's children, once they are many */
static void hash_level(HDF *parent)
{
    if (ne_hash_init(&parent->hash, node_hash, node_comp) != STATUS_OK) {
        parent->hash = NULL;
        return;
    }
    for (HDF *c = parent->child; c; c = c->next)
        if (ne_hash_insert(parent->hash, c, c) != STATUS_OK)
            abort();
}

/* the child of parent named [name, name + len), NULL when none */
static HDF *child_named(HDF *parent, const char *name, size_t len)
{
    HDF *c = parent->last_child;
    if (c && c->name && (size_t)c->name_len == len && memcmp(c->name, name, len) == 0)
        return c;
    if (parent->hash) {
        HDF key;
        key.name = (char *)name;
        key.name_len = (int)len;
        return ne_hash_lookup(parent->hash, &key);
    }
    size_t n = 0; /* the first letters compared inline: rows 10 to 49 are all two long */
    for (c = parent->child; c; c = c->next, n++)
        if (c->name && (size_t)c->name_len == len && c->name[0] == name[0] &&
            c->name[len - 1] == name[len - 1] && memcmp(c->name, name, len) == 0)
            return c;
    if (n > HASH_AT)
        hash_level(parent);
    return NULL;
}

static unsigned gen; /* tree_reset's count */

/* a new last child of parent; its name copied, or kept when keep */
static HDF *node_new(HDF *parent, const char *name, size_t len, int keep)
{
    HDF *n = arena_zalloc(mem, sizeof *n);
    n->name = keep ? (char *)name : arena_strndup(mem, name, len);
    n->name_len = (int)len;
    n->top = parent->top;
    n->fileload_ctx = (void *)&mark;
    HDF *last = parent->last_child;
    if (!last || last->next) /* not known: walk to the end */
        for (last = parent->child; last && last->next; last = last->next)
            ;
    if (last)
        last->next = n;
    else
        parent->child = n;
    parent->last_child = n;
    if (parent->hash && ne_hash_insert(parent->hash, n, n) != STATUS_OK)
        abort();
    return n;
}

/* the node at the segments of [name, end) under at, made when missing;
 * NULL for what ClearSilver must set (a lasting top name, a symlink, an
 * empty part) */
static HDF *walk(HDF *at, const char *name, const char *end)
{
    while (at && name < end) {
        const char *dot = memchr(name, '.', (size_t)(end - name));
        size_t len = dot ? (size_t)(dot - name) : (size_t)(end - name);
        if (!len || at->link || (at == at->top && tree_lasting(name, len)))
            return NULL;
        HDF *c = child_named(at, name, len);
        at = c ? c : node_new(at, name, len, 0);
        name = dot ? dot + 1 : end;
    }
    return at && !at->link ? at : NULL;
}

/* the parent of the last dotted name walked from a root, and that name's
 * part before its last dot: a name with the same part starts there (a
 * handler sets File.Care.rows.3.a, then File.Care.rows.3.b...); forgotten
 * when a node goes */
static struct {
    HDF *root, *node;
    size_t len;
    char path[200];
} near;

/* the node at the dotted name under at, made when missing; NULL for a
 * name ClearSilver must set (a lasting top name, a symlink, an empty part) */
HDF *tree_node(HDF *at, const char *name)
{
    if (!mem)
        mem = arena_new(64 * 1024);
    size_t n = strlen(name);
    const char *last = at && at == at->top ? memrchr(name, '.', n) : NULL;
    if (!last || last == name)
        return walk(at, name, name + n);
    size_t plen = (size_t)(last - name);
    HDF *parent = near.node;
    if (!parent || near.root != at || near.len != plen || memcmp(near.path, name, plen) != 0) {
        parent = walk(at, name, last);
        near.node = parent && plen < sizeof near.path ? parent : NULL;
        near.root = at;
        near.len = plen;
        if (near.node)
            memcpy(near.path, name, plen);
    }
    return walk(parent, last + 1, name + n);
}

/* value at the dotted name under at: copied, or when keep, the caller's
 * string itself (it lives until the request ends); -1 when ClearSilver
 * must set it */
int tree_put(HDF *at, const char *name, const char *value, int keep)
{
    HDF *n = tree_node(at, name);
    if (!n)
        return -1;
    if (n->alloc_value)
        free(n->value);
    n->alloc_value = 0;
    n->value = keep ? (char *)value : arena_strdup(mem, value);
    return 0;
}

/* parent's new child name = value, both the caller's own strings, which
 * live until the request ends: for a name parent does not have yet (a
 * fresh row's distinct columns, rows.c), so not looked for */
HDF *tree_add(HDF *parent, const char *name, const char *value)
{
    HDF *n = node_new(parent, name, strlen(name), 1);
    n->value = (char *)value;
    return n;
}

/* how many times the request's nodes went: what a cache of this
 * request's data compares (its arena's addresses are used again after) */
unsigned tree_gen(void)
{
    return gen;
}

/* a copy of s that lives until the request's nodes go */
char *tree_strdup(const char *s)
{
    if (!mem)
        mem = arena_new(64 * 1024);
    return arena_strdup(mem, s);
}

/* n and everything under it: ClearSilver's blocks freed, the arena's left */
static void tree_free(HDF *n)
{
    for (HDF *c = n->child, *next; c; c = next) {
        next = c->next;
        tree_free(c);
    }
    if (n->hash)
        ne_hash_destroy(&n->hash);
    for (HDF_ATTR *a = n->attr, *next; a; a = next) {
        next = a->next;
        free(a->key);
        free(a->value);
        free(a);
    }
    if (n->alloc_value)
        free(n->value);
    if (!MADE_HERE(n)) {
        free(n->name);
        free(n);
    }
}

/* parent's child n out of the tree (prev: the child before it, or NULL) */
static void unlink_child(HDF *parent, HDF *prev, HDF *n)
{
    if (parent->hash)
        ne_hash_remove(parent->hash, n);
    if (prev)
        prev->next = n->next;
    else
        parent->child = n->next;
    if (parent->last_child == n)
        parent->last_child = prev;
    parent->last_hp = parent->last_hs = NULL;
    n->next = NULL;
    tree_free(n);
}

/* remove the node at the dotted name under root, whoever made it (never
 * hdf_remove_tree: it frees the arena's nodes, and ClearSilver 0.10.5
 * leaves the parent's cache pointing at a node it frees, issue 22) */
void tree_drop(HDF *root, const char *name)
{
    HDF *parent = root, *prev = NULL, *c = NULL;
    while (parent) {
        const char *dot = strchr(name, '.');
        size_t len = dot ? (size_t)(dot - name) : strlen(name);
        prev = NULL;
        for (c = parent->child; c; prev = c, c = c->next)
            if (c->name && (size_t)c->name_len == len && memcmp(c->name, name, len) == 0)
                break;
        if (!c || !dot)
            break;
        parent = c;
        name = dot + 1;
    }
    if (parent && c) {
        near.node = NULL;
        unlink_child(parent, prev, c);
    }
}

/* the request's part of the tree gone: every top node but the lasting
 * ones, then the arena emptied */
void tree_reset(HDF *root)
{
    HDF *keep = NULL, *tail = NULL, *next;
    if (root->hash) /* rebuilt by ClearSilver when the level grows again */
        ne_hash_destroy(&root->hash);
    for (HDF *c = root->child; c; c = next) {
        next = c->next;
        c->next = NULL;
        if (c->name && tree_lasting(c->name, (size_t)c->name_len)) {
            if (tail)
                tail->next = c;
            else
                keep = c;
            tail = c;
        } else {
            tree_free(c);
        }
    }
    root->child = keep;
    root->last_child = tail;
    root->last_hp = root->last_hs = NULL;
    near.node = NULL;
    gen++;
    if (mem)
        arena_reset(mem);
}
