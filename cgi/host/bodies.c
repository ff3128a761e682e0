/*
 * bodies.c - a page's body kept per worker (issue 16: the supervision
 * dashboard renders some 1,600 cells from figures that change only when its
 * nightly job runs).  The module names what the body depends on in a key
 * (its data's version, the viewer's scope, the parameters); the host adds
 * the versions of the divisions and the settings the session's row carried,
 * so a township renamed or a weight saved is seen at once.  The layout (the
 * user's name, menu, CSRF token, flash) is rendered on every request; only
 * the body, escaped when it was rendered, is copied.  A body must hold
 * nothing of the user or the request that its key does not name.
 */
#include "host.h"
#include "lookup.h"
#include "settings.h"

#include <stdlib.h>
#include <string.h>

/* a few keys per month and scope are in use at once; the least recently
 * used gives way (some 70 KB each) */
#define BODY_SLOTS 32

struct body_kept {
    char *key;
    buf html;
    unsigned long long used;
};
static struct body_kept slots[BODY_SLOTS];
static unsigned long long ticks;

/* the full key, or NULL when the versions are unknown (nothing is kept) */
static const char *full_key(portal_req *r, const char *tmpl, const char *key)
{
    long long dv = division_version_known(), sv = settings_version_known();
    if (!key || dv < 0 || sv < 0 || !r->route || !r->route->mod)
        return NULL;
    return arena_sprintf(r->a, "%s/%s|d%lld|s%lld|%s", r->route->mod->m->name, tmpl, dv, sv,
                         key);
}

static struct body_kept *body_find(const char *k)
{
    for (int i = 0; k && i < BODY_SLOTS; i++)
        if (slots[i].key && strcmp(slots[i].key, k) == 0)
            return &slots[i];
    return NULL;
}

int body_kept(portal_req *r, const char *tmpl, const char *key)
{
    return body_find(full_key(r, tmpl, key)) != NULL;
}

/* the slot for a new body: a free one, else the least recently used */
static struct body_kept *body_slot(void)
{
    struct body_kept *e = &slots[0];
    for (int i = 0; i < BODY_SLOTS; i++) {
        if (!slots[i].key)
            return &slots[i];
        if (slots[i].used < e->used)
            e = &slots[i];
    }
    free(e->key);
    e->key = NULL;
    return e;
}

int body_render(portal_req *r, const char *tmpl, const char *title, const char *key)
{
    struct loaded_module *mod = r->route ? r->route->mod : NULL;
    const char *k = full_key(r, tmpl, key);
    struct body_kept *e = body_find(k);
    if (e) {
        e->used = ++ticks;
        return render_page_body(r, mod, tmpl, title, &e->html, NULL);
    }
    buf fresh;
    buf_init(&fresh);
    int rc = render_page_body(r, mod, tmpl, title, NULL, &fresh);
    if (rc == 200 && k) {
        e = body_slot();
        if ((e->key = strdup(k)) == NULL)
            abort();
        buf_free(&e->html);
        e->html = fresh;
        e->used = ++ticks;
        return rc;
    }
    buf_free(&fresh);
    return rc;
}
