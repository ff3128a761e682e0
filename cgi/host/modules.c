/*
 * modules.c - load every module, check all it declares, build the route
 * table.  Any fault stops the start with a message naming the module and
 * the fault: fail at start, never on a request.
 */
#include "host.h"
#include "db.h"
#include "workflow.h"
#include "settings_check.h"

#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_MODULES 64

static struct loaded_module mods[MAX_MODULES];
static size_t nmods;
static struct route_entry *routes;
static size_t nroutes;

size_t modules_count(void) { return nmods; }
struct loaded_module *module_at(size_t i) { return i < nmods ? &mods[i] : NULL; }

struct loaded_module *module_find(const char *name)
{
    for (size_t i = 0; i < nmods; i++)
        if (strcmp(mods[i].m->name, name) == 0)
            return &mods[i];
    return NULL;
}

static int valid_perm_name(const char *s)
{
    const char *dot = s ? strchr(s, '.') : NULL;
    if (!dot || dot == s || !dot[1])
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
            return 0;
    return 1;
}

int perm_declared(const char *name)
{
    for (size_t i = 0; i < nmods; i++)
        for (const struct portal_permission *p = mods[i].m->permissions; p && p->name; p++)
            if (strcmp(p->name, name) == 0)
                return 1;
    return 0;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* "{name}" or "{name:type}": the type (enum seg_type), and the name's
 * length in *nlen; -1 when malformed or of an unknown type */
static int seg_type(const char *seg, size_t *nlen)
{
    static const char *const names[] = {"int", "ym", "date", "division"};
    size_t l = strlen(seg);
    if (l < 3 || seg[0] != '{' || seg[l - 1] != '}')
        return -1;
    const char *colon = memchr(seg, ':', l);
    size_t n = colon ? (size_t)(colon - seg - 1) : l - 2;
    if (n == 0 || n > 32)
        return -1;
    for (size_t i = 1; i <= n; i++)
        if (!((seg[i] >= 'a' && seg[i] <= 'z') || (seg[i] >= '0' && seg[i] <= '9') ||
              seg[i] == '_'))
            return -1;
    if (nlen)
        *nlen = n;
    if (!colon)
        return SEG_ANY;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strlen(names[k]) == l - n - 3 && strncmp(colon + 1, names[k], l - n - 3) == 0)
            return SEG_INT + (int)k;
    return -1;
}

/* the type of path argument `name` in path, or -1 when the path has none */
static int arg_type(const char *path, const char *name, size_t namelen)
{
    for (const char *p = strchr(path, '{'); p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (!end)
            return -1;
        char seg[80];
        size_t n = 0, l = (size_t)(end - p) + 1;
        if (l >= sizeof seg)
            return -1;
        memcpy(seg, p, l);
        seg[l] = 0;
        int t = seg_type(seg, &n);
        if (t > 0 && n == namelen && strncmp(seg + 1, name, n) == 0)
            return t;
    }
    return -1;
}

static const struct portal_loader *loader_find(const struct portal_module *m, const char *name,
                                               size_t n)
{
    for (const struct portal_loader *l = m->loaders; l && l->name; l++)
        if (strlen(l->name) == n && strncmp(l->name, name, n) == 0)
            return l;
    return NULL;
}

/* 2.0: typed path arguments and the route's object */
static int check_route_2(const struct portal_module *m, const struct portal_route *r,
                         char *err, size_t errlen)
{
    for (const char *p = r->path; (p = strchr(p, '{')) != NULL; p++) {
        const char *end = strchr(p, '/');
        char seg[80];
        size_t l = end ? (size_t)(end - p) : strlen(p);
        snprintf(seg, sizeof seg, "%.*s", (int)(l < sizeof seg ? l : sizeof seg - 1), p);
        if ((p > r->path && p[-1] != '/') || seg_type(seg, NULL) < 0) {
            snprintf(err, errlen, "module %s: route %s %s: path argument %s is not {name} or "
                     "{name:int|ym|date|division}", m->name, r->method, r->path, seg);
            return -1;
        }
    }
    if (!r->object)
        return 0;
    const char *colon = strchr(r->object, ':');
    size_t kl = colon ? (size_t)(colon - r->object) : 0;
    int known = colon && ((kl == 5 && strncmp(r->object, "child", 5) == 0) ||
                          (kl == 11 && strncmp(r->object, "application", 11) == 0) ||
                          loader_find(m, r->object, kl));
    if (!known || arg_type(r->path, colon + 1, strlen(colon + 1)) != SEG_INT) {
        snprintf(err, errlen, "module %s: route %s %s: object '%s' must be child, application "
                 "or one of the module's loaders, with an {argument:int} of the path", m->name,
                 r->method, r->path, r->object);
        return -1;
    }
    return 0;
}

static int check_loaders(const struct portal_module *m, char *err, size_t errlen)
{
    for (const struct portal_loader *l = m->loaders; l && (l->name || l->load); l++) {
        int ok = l->name && *l->name && l->object_type && l->load &&
                 strcmp(l->name, "child") && strcmp(l->name, "application");
        for (const char *c = l->name; ok && *c; c++)
            ok = (*c >= 'a' && *c <= 'z') || *c == '_';
        if (!ok) {
            snprintf(err, errlen, "module %s: loader %d needs a name [a-z_]+ (not child or "
                     "application), an object type and a load function", m->name,
                     (int)(l - m->loaders) + 1);
            return -1;
        }
    }
    return 0;
}

/* 2.9: every job has a name [a-z][a-z0-9_]* unique in the module, a title,
 * an interval and a function */
static int check_jobs(const struct portal_module *m, char *err, size_t errlen)
{
    for (const struct portal_job *j = m->jobs; j && (j->name || j->run); j++) {
        int ok = j->name && j->name[0] >= 'a' && j->name[0] <= 'z' && strlen(j->name) <= 32 &&
                 j->title && *j->title && j->every_minutes > 0 && j->run;
        for (const char *c = j->name; ok && *c; c++)
            ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_';
        for (const struct portal_job *k = m->jobs; ok && k < j; k++)
            ok = strcmp(k->name, j->name) != 0;
        if (!ok) {
            snprintf(err, errlen, "module %s: job %d needs a unique name [a-z][a-z0-9_]* (at "
                     "most 32), a title, every_minutes > 0 and a run function", m->name,
                     (int)(j - m->jobs) + 1);
            return -1;
        }
    }
    return 0;
}

/* every route's method, path, flags, parameters and (2.0) typed arguments and object */
static int check_routes(const struct portal_module *m, char *err, size_t errlen)
{
    for (const struct portal_route *r = m->routes; r && r->path; r++) {
        if (!r->method || (strcmp(r->method, "GET") && strcmp(r->method, "POST")) ||
            r->path[0] != '/' || !r->handler) {
            snprintf(err, errlen, "module %s: route %s %s needs GET or POST, a path from / and "
                     "a handler", m->name, r->method ? r->method : "?", r->path);
            return -1;
        }
        if ((r->flags & PR_STATE_CHANGING) && strcmp(r->method, "POST")) {
            snprintf(err, errlen, "module %s: route %s %s changes state but is not POST", m->name,
                     r->method, r->path);
            return -1;
        }
        if (r->permission && (r->flags & (PR_PUBLIC | PR_NO_DB))) {
            snprintf(err, errlen, "module %s: route %s %s is public but names a permission",
                     m->name, r->method, r->path);
            return -1;
        }
        if (check_route_2(m, r, err, errlen) != 0)
            return -1;
        for (const struct portal_param *pp = r->params; pp && pp->name; pp++)
            if (pp->type < PP_TEXT || pp->type > PP_FILE || !pp->label) {
                snprintf(err, errlen, "module %s: route %s %s: parameter %s has no valid type "
                         "or label", m->name, r->method, r->path, pp->name);
                return -1;
            }
    }
    return 0;
}

/* checks that need only the module itself */

/* 2.x perf: a child panel's tables go into SQL text (child_has): each is
 * an identifier, optionally ".column", of at most 64 bytes each */
static int ident_ok(const char *p, size_t n)
{
    if (n < 1 || n > 64 || !(*p >= 'a' && *p <= 'z'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '_'))
            return 0;
    return 1;
}

static int panel_tables_ok(const char *const *tables)
{
    for (; tables && *tables; tables++) {
        size_t t = strcspn(*tables, ".");
        if (!ident_ok(*tables, t) ||
            ((*tables)[t] && !ident_ok(*tables + t + 1, strlen(*tables + t + 1))))
            return 0;
    }
    return 1;
}

/* what the loader can trust before reading the rest: magic, ABI, size */
static int check_header(const struct portal_module *m, const char *where, char *err,
                        size_t errlen)
{
    if (m->magic != PORTAL_MODULE_MAGIC) {
        snprintf(err, errlen, "module %s: wrong magic number 0x%08x (not a portal module)",
                 where, m->magic);
        return -1;
    }
    if (m->abi_major != PORTAL_ABI_MAJOR || m->abi_minor > PORTAL_ABI_MINOR) {
        snprintf(err, errlen, "module %s: ABI %u.%u does not match the host's %d.%d", where,
                 m->abi_major, m->abi_minor, PORTAL_ABI_MAJOR, PORTAL_ABI_MINOR);
        return -1;
    }
    if ((m->workflows && m->abi_minor < 12) || (m->child_panels && m->abi_minor < 14)) {
        /* 2.12 grew struct portal_wf_step (same_actor), 2.14 struct
         * portal_child_panel (tables): older arrays are read wrong */
        snprintf(err, errlen, "module %s: built for ABI %u.%u, before its workflow steps or "
                 "child panels grew (2.12, 2.14); rebuild it", where, m->abi_major,
                 m->abi_minor);
        return -1;
    }
    if (m->size != sizeof(struct portal_module)) {
        snprintf(err, errlen, "module %s: descriptor size %u, expected %zu", where, m->size,
                 sizeof(struct portal_module));
        return -1;
    }
    return 0;
}

static int check_perms(const struct portal_module *m, char *err, size_t errlen)
{
    for (const struct portal_permission *p = m->permissions; p && p->name; p++) {
        if (!valid_perm_name(p->name) || !p->title) {
            snprintf(err, errlen, "module %s: permission '%s' is not of the form module.verb",
                     m->name, p->name);
            return -1;
        }
        if (perm_declared(p->name)) {
            snprintf(err, errlen, "module %s: permission '%s' is already declared", m->name,
                     p->name);
            return -1;
        }
    }
    return 0;
}

/* a file of the module's sql/ named as a migration (NNN_name.sql) that its
 * list of migrations does not name: it would never be applied, and nothing
 * would say so (core 055 was written and tested so before this check) */
static int unlisted_migration(const struct loaded_module *lm, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/sql", lm->src_dir);
    DIR *d = opendir(path);
    if (!d)
        return 0; /* a module without SQL */
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        if (len < 9 || !isdigit((unsigned char)n[0]) || !isdigit((unsigned char)n[1]) ||
            !isdigit((unsigned char)n[2]) || n[3] != '_' || strcmp(n + len - 4, ".sql") != 0)
            continue;
        const struct portal_migration *g = lm->m->migrations;
        while (g && g->version && strcmp(g->file, n) != 0)
            g++;
        if (!g || !g->version) {
            snprintf(err, errlen, "module %s: sql/%s is not in its migrations (it would never be "
                     "applied)", lm->m->name, n);
            rc = -1;
        }
    }
    closedir(d);
    return rc;
}

/* the migrations' files in the module's sql/, versions increasing */
static int check_migrations(const struct loaded_module *lm, char *err, size_t errlen)
{
    const struct portal_module *m = lm->m;
    int last = 0;
    for (const struct portal_migration *g = m->migrations; g && g->version; g++) {
        char path[4096];
        if (g->version <= last || !g->file) {
            snprintf(err, errlen, "module %s: migrations must have increasing versions", m->name);
            return -1;
        }
        last = g->version;
        snprintf(path, sizeof path, "%s/sql/%s", lm->src_dir, g->file);
        if (!is_file(path)) {
            snprintf(err, errlen, "module %s: migration file %s is missing", m->name, path);
            return -1;
        }
    }
    return unlisted_migration(lm, err, errlen);
}

/* 1.5: sections of the child's file; the list ends with an all-NULL entry,
 * so an entry missing its title is a fault, not a silent end */
static int check_panels(const struct portal_module *m, char *err, size_t errlen)
{
    for (const struct portal_child_panel *cp = m->child_panels;
         cp && (cp->title || cp->permission || cp->fill); cp++)
        if (!cp->title || !*cp->title || !cp->fill || !panel_tables_ok(cp->tables)) {
            snprintf(err, errlen, "module %s: child panel %d needs a title and a fill "
                     "function (and tables named [a-z][a-z0-9_]* or table.column)", m->name,
                     (int)(cp - m->child_panels) + 1);
            return -1;
        }
    return 0;
}

/* 2.21 house: what a module may leave out.  Its version is the ABI it was
 * built for ("2.20"); its templates are its folder's templates/ when there
 * is one.  The host then holds its own copy of the descriptor (module_nth
 * hands that out too).  The core (built in) declares its own. */
static void module_defaults(struct loaded_module *lm)
{
    const struct portal_module *m = lm->m;
    char path[4096];
    snprintf(path, sizeof path, "%s/templates", lm->src_dir);
    int tmpl = !m->template_dir && is_dir(path);
    struct portal_module *c;
    if (lm->builtin || (m->version && !tmpl) || !(c = malloc(sizeof *c)))
        return;
    *c = *m;
    char *version = NULL;
    if (!m->version && asprintf(&version, "%u.%u", m->abi_major, m->abi_minor) >= 0)
        c->version = version; /* else NULL: refused below */
    if (tmpl)
        c->template_dir = "templates";
    lm->m = c;
}

static int check_module(struct loaded_module *lm, const char *where, char *err, size_t errlen)
{
    if (check_header(lm->m, where, err, errlen) != 0)
        return -1;
    module_defaults(lm);
    const struct portal_module *m = lm->m;
    if (!name_ok(m->name) || !m->title || !m->version) {
        snprintf(err, errlen, "module %s: name must be [a-z][a-z0-9_]* with a title", where);
        return -1;
    }
    if (check_perms(m, err, errlen) != 0 || check_routes(m, err, errlen) != 0 ||
        check_loaders(m, err, errlen) != 0 || check_migrations(lm, err, errlen) != 0 ||
        check_panels(m, err, errlen) != 0)
        return -1;
    if (m->template_dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", lm->src_dir, m->template_dir);
        if (!is_dir(path)) {
            snprintf(err, errlen, "module %s: template folder %s is missing", m->name, path);
            return -1;
        }
        lm->tmpl_dir = realpath(path, NULL);
    }
    return 0;
}

/* ---- 2.0: labels (lookup.c reads them) */

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

static void split_path(const char *path, struct route_entry *e)
{
    char *copy = strdup(path), *save = NULL;
    size_t cap = 8;
    e->segs = malloc(cap * sizeof(char *));
    e->nsegs = 0;
    for (char *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
        if (e->nsegs == cap)
            e->segs = realloc(e->segs, (cap *= 2) * sizeof(char *));
        e->segs[e->nsegs++] = strdup(t);
    }
    free(copy);
    e->types = calloc(e->nsegs + 1, 1);
    for (size_t i = 0; i < e->nsegs; i++) {
        size_t n = 0;
        int t = e->segs[i][0] == '{' ? seg_type(e->segs[i], &n) : SEG_LIT;
        e->types[i] = (unsigned char)(t > 0 ? t : SEG_LIT);
        if (t > 0) /* keep the bare name: path_arg("id") for {id:int} */
            e->segs[i][n + 1] = 0;
    }
    const char *o = e->r->object, *colon = o ? strchr(o, ':') : NULL;
    if (colon) {
        size_t kl = (size_t)(colon - o);
        e->obj_arg = colon + 1;
        e->obj_kind = kl == 5 && strncmp(o, "child", 5) == 0         ? OBJ_CHILD
                      : kl == 11 && strncmp(o, "application", 11) == 0 ? OBJ_APPLICATION
                                                                       : OBJ_LOADER;
        if (e->obj_kind == OBJ_LOADER)
            e->loader = loader_find(e->mod->m, o, kl);
    }
}

static int same_shape(const struct route_entry *a, const struct route_entry *b)
{
    if (a->nsegs != b->nsegs)
        return 0;
    for (size_t i = 0; i < a->nsegs; i++) {
        int va = a->types[i] != SEG_LIT, vb = b->types[i] != SEG_LIT;
        if (va != vb || (!va && strcmp(a->segs[i], b->segs[i])))
            return 0;
    }
    return 1;
}

/* checks across modules, then the route table */
static int link_all(char *err, size_t errlen)
{
    size_t n = 0;
    for (size_t i = 0; i < nmods; i++)
        for (const struct portal_route *r = mods[i].m->routes; r && r->path; r++)
            n++;
    routes = calloc(n + 1, sizeof *routes);
    nroutes = 0;
    for (size_t i = 0; i < nmods; i++) {
        const struct portal_module *m = mods[i].m;
        for (const struct portal_route *r = m->routes; r && r->path; r++) {
            if (r->permission && !perm_declared(r->permission)) {
                snprintf(err, errlen, "module %s: route %s %s requires permission '%s', which no "
                         "module declares", m->name, r->method, r->path, r->permission);
                return -1;
            }
            struct route_entry *e = &routes[nroutes];
            e->r = r;
            e->mod = &mods[i];
            split_path(r->path, e);
            for (size_t k = 0; k < nroutes; k++)
                if (strcmp(routes[k].r->method, r->method) == 0 && same_shape(&routes[k], e)) {
                    snprintf(err, errlen, "module %s: route %s %s clashes with module %s's %s %s",
                             m->name, r->method, r->path, routes[k].mod->m->name,
                             routes[k].r->method, routes[k].r->path);
                    return -1;
                }
            nroutes++;
        }
        for (const struct portal_menu *mu = m->menu; mu && mu->title; mu++)
            if (!mu->path || (mu->permission && !perm_declared(mu->permission))) {
                snprintf(err, errlen, "module %s: menu entry %s names an undeclared permission",
                         m->name, mu->title);
                return -1;
            }
        /* 1.5: a child panel's permission, like a route's, must be declared */
        for (const struct portal_child_panel *cp = m->child_panels;
             cp && cp->title; cp++)
            if (cp->permission && !perm_declared(cp->permission)) {
                snprintf(err, errlen, "module %s: child panel %s requires permission '%s', "
                         "which no module declares", m->name, cp->title, cp->permission);
                return -1;
            }
        /* 1.2: the workflows it declares (levels, permissions, publicity) */
        if (wf_check_module(m, perm_declared, err, errlen) != 0)
            return -1;
        if (labels_check(m, err, errlen) != 0) /* 2.0: labels (read by lookup.c) */
            return -1;
        if (settings_check(m, err, errlen) != 0) /* 2.1: settings, lookups (settings_check.c) */
            return -1;
        if (check_jobs(m, err, errlen) != 0) /* 2.9 */
            return -1;
    }
    return 0;
}

static int add_module(const struct portal_module *m, const char *src_root, const char *where,
                      int builtin, char *err, size_t errlen)
{
    if (nmods == MAX_MODULES) {
        snprintf(err, errlen, "too many modules (at most %d)", MAX_MODULES);
        return -1;
    }
    struct loaded_module *lm = &mods[nmods];
    memset(lm, 0, sizeof *lm);
    lm->m = m;
    lm->builtin = builtin;
    lm->enabled = 1;
    if (m->magic == PORTAL_MODULE_MAGIC && name_ok(m->name) && module_find(m->name)) {
        snprintf(err, errlen, "module %s: duplicate module name '%s' (already loaded)", where,
                 m->name);
        return -1;
    }
    /* src_root: one folder or several separated by ':'; the first that holds
     * a folder named for the module is its home (sql/, templates/) */
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", src_root, builtin ? "" : (name_ok(m->name) ? m->name : "?"));
    if (!builtin && strchr(src_root, ':')) {
        char *copy = strdup(src_root), *save = NULL;
        for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
            snprintf(path, sizeof path, "%s/%s", dir, name_ok(m->name) ? m->name : "?");
            if (is_dir(path))
                break;
        }
        free(copy);
    }
    lm->src_dir = strdup(path);
    if (check_module(lm, where, err, errlen) != 0)
        return -1;
    lm->m = wf_offer_settings(lm->m); /* after the checks of the module's own descriptor */
    nmods++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* load every .so of one folder, in name order (a stable order for menus) */
static int load_dir(const char *so_dir, const char *src_dir, char *err, size_t errlen)
{
    DIR *d = opendir(so_dir);
    if (!d) {
        snprintf(err, errlen, "cannot open the modules folder %s", so_dir);
        return -1;
    }
    char *names[MAX_MODULES * 2];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) && nn < MAX_MODULES * 2) {
        size_t l = strlen(de->d_name);
        if (l > 3 && strcmp(de->d_name + l - 3, ".so") == 0)
            names[nn++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < nn && rc == 0; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", so_dir, names[i]);
        void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            snprintf(err, errlen, "module %s: cannot load: %s", names[i], dlerror());
            rc = -1;
            break;
        }
        const struct portal_module *m = dlsym(h, "portal_module");
        if (!m) {
            snprintf(err, errlen, "module %s: exports no 'portal_module' descriptor", names[i]);
            rc = -1;
            break;
        }
        rc = add_module(m, src_dir, names[i], 0, err, errlen);
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    return rc;
}

static const struct portal_services *table; /* what every module is handed */

const struct portal_services *module_services(void) { return table; }

/* so_dirs: one folder or several separated by ':' */
int modules_load(const struct portal_module *core, const struct portal_services *svc,
                 const char *so_dirs, const char *src_dir, char *err, size_t errlen)
{
    table = svc;
    /* the core is a module like the others, compiled in; its SQL is in sql/ */
    if (add_module(core, config_get("core_src", "."), "core", 1, err, errlen) != 0)
        return -1;
    char *copy = strdup(so_dirs), *save = NULL;
    int rc = 0;
    for (char *dir = strtok_r(copy, ":", &save); dir && rc == 0; dir = strtok_r(NULL, ":", &save))
        rc = load_dir(dir, src_dir, err, errlen);
    free(copy);
    if (rc != 0)
        return -1;
    return link_all(err, errlen);
}

static unsigned state_gen;

/* bumped whenever the enabled set may have changed (route_find's answers) */
unsigned modules_state_gen(void) { return state_gen; }

int modules_read_enabled(arena *a)
{
    db_rows *rows = db_query(a, "SELECT name, enabled FROM module_state", "");
    if (!rows)
        return -1;
    state_gen++;
    while (db_next(rows)) {
        struct loaded_module *lm = module_find(db_col(rows, 0));
        if (lm && !lm->builtin)
            lm->enabled = atoi(db_col(rows, 1)) != 0;
    }
    return 0;
}

const struct route_entry *route_find(portal_req *r, const char *method, const char *path,
                                     int *status)
{
    /* split the request path in the request arena */
    char *copy = arena_strdup(r->a, path), *save = NULL;
    char *segs[32];
    size_t ns = 0;
    for (char *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
        if (ns == 32) {
            *status = 404;
            return NULL;
        }
        segs[ns++] = t;
    }
    /* the match with the fewest {x} segments wins: /children/export.csv
     * beats /children/{id} */
    const struct route_entry *other_method = NULL, *best = NULL;
    size_t best_vars = (size_t)-1;
    for (size_t i = 0; i < nroutes; i++) {
        const struct route_entry *e = &routes[i];
        if (!e->mod->enabled || e->nsegs != ns)
            continue;
        size_t k, vars = 0;
        for (k = 0; k < ns; k++) {
            if (e->types[k] != SEG_LIT) {
                /* a segment not fitting its type does not match at all */
                if (!seg_fits(e->types[k], segs[k]))
                    break;
                vars++;
            } else if (strcmp(e->segs[k], segs[k]) != 0) {
                break;
            }
        }
        if (k < ns)
            continue;
        int same = strcmp(e->r->method, method) == 0 ||
                   (strcmp(method, "HEAD") == 0 && strcmp(e->r->method, "GET") == 0);
        if (!same) {
            if (!other_method || vars < best_vars)
                other_method = e;
            continue;
        }
        if (vars < best_vars) {
            best = e;
            best_vars = vars;
        }
    }
    if (best) {
        const struct route_entry *e = best;
        size_t k;
        r->arg_names = arena_alloc(r->a, (best_vars + 1) * sizeof(char *));
        r->arg_values = arena_alloc(r->a, (best_vars + 1) * sizeof(char *));
        r->nargs = 0;
        for (k = 0; k < ns; k++)
            if (e->types[k] != SEG_LIT) {
                r->arg_names[r->nargs] = e->segs[k] + 1;
                r->arg_values[r->nargs++] = segs[k];
            }
        *status = 0;
        return e;
    }
    *status = other_method ? 405 : 404;
    return NULL;
}
