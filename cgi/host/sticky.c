/*
 * sticky.c - a refused POST's form shows what was typed (issue 20 item 1).
 * When a POST is refused (request.c form_again), the GET page it was sent
 * from is rendered again; this pass then puts the submitted values back
 * into that page's forms whose action is the refused POST's path: text
 * inputs get value="...", a textarea its text, a select its option(s), a
 * checkbox or radio its checked state.  Hidden fields (the CSRF token, the
 * idempotency key), passwords and files are never filled.  One place for
 * every template, whichever wrote value="<?cs var:Form.x ?>" or not.  The
 * templates are the portal's own: attributes double-quoted, tags in lower
 * case, no nested forms.
 */
#include "host.h"

#include <string.h>
#include <strings.h>

#define MAX_ATTRS 24

struct attr {
    const char *n, *v; /* name, value (NULL: none) */
    size_t nl, vl;
    const char *start, *end; /* the attribute's own text */
};

struct tag {
    const char *p, *gt;  /* '<' and '>' */
    size_t nattr;
    struct attr a[MAX_ATTRS];
};

/* the attributes of the tag at p (its name of nl bytes) up to gt */
static void parse_tag(struct tag *t, const char *p, size_t nl, const char *gt)
{
    t->p = p;
    t->gt = gt;
    t->nattr = 0;
    const char *s = p + 1 + nl;
    while (s < gt && t->nattr < MAX_ATTRS) {
        while (s < gt && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '/'))
            s++;
        if (s >= gt)
            break;
        struct attr *a = &t->a[t->nattr++];
        a->start = a->n = s;
        while (s < gt && *s != '=' && *s != ' ' && *s != '\n' && *s != '\t' && *s != '/')
            s++;
        a->nl = (size_t)(s - a->n);
        a->v = NULL;
        a->vl = 0;
        if (s < gt && *s == '=') {
            s++;
            char q = (*s == '"' || *s == '\'') ? *s++ : 0;
            a->v = s;
            while (s < gt && (q ? *s != q : (*s != ' ' && *s != '\n')))
                s++;
            a->vl = (size_t)(s - a->v);
            if (q && s < gt)
                s++;
        }
        a->end = s;
    }
}

static const struct attr *attr_of(const struct tag *t, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < t->nattr; i++)
        if (t->a[i].nl == n && strncasecmp(t->a[i].n, name, n) == 0)
            return &t->a[i];
    return NULL;
}

/* an attribute's value as text: the entities the templates write undone */
static const char *attr_text(portal_req *r, const struct tag *t, const char *name)
{
    const struct attr *a = attr_of(t, name);
    if (!a)
        return NULL;
    static const struct {
        const char *e, *c;
    } ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                {"&#39;", "'"}, {"&#x27;", "'"}, {"&#34;", "\""}};
    char *o = arena_zalloc(r->a, a->vl + 1), *w = o;
    for (size_t i = 0; i < a->vl;) {
        size_t k = 0;
        while (k < sizeof ents / sizeof *ents &&
               strncmp(a->v + i, ents[k].e, strlen(ents[k].e)) != 0)
            k++;
        if (k < sizeof ents / sizeof *ents && i + strlen(ents[k].e) <= a->vl) {
            *w++ = ents[k].c[0];
            i += strlen(ents[k].e);
        } else {
            *w++ = a->v[i++];
        }
    }
    return o;
}

/* the tag again with the attribute named drop ("value", "checked" or
 * "selected") replaced by extra (" value=\"...\"", " checked" or ""), in
 * its place, or extra added at the end when the tag had none */
static void tag_again(buf *out, const struct tag *t, size_t nl, const char *drop,
                      const char *extra)
{
    int placed = 0;
    buf_add(out, t->p, 1 + nl);
    for (size_t i = 0; i < t->nattr; i++) {
        const struct attr *a = &t->a[i];
        if (a->nl == strlen(drop) && strncasecmp(a->n, drop, a->nl) == 0) {
            if (!placed++)
                buf_adds(out, extra);
            continue;
        }
        buf_addc(out, ' ');
        buf_add(out, a->start, (size_t)(a->end - a->start));
    }
    if (!placed)
        buf_adds(out, extra);
    buf_adds(out, t->gt > t->p && t->gt[-1] == '/' ? " />" : ">");
}

/* the n-th submitted (non-file) value of name, or NULL */
static const char *posted(portal_req *r, const char *name, int n)
{
    for (size_t k = 0; k < r->bf.n; k++)
        if (!r->bf.v[k].filename && strcmp(r->bf.v[k].name, name) == 0 && n-- == 0)
            return r->bf.v[k].value;
    return NULL;
}

static int posted_has(portal_req *r, const char *name, const char *value)
{
    const char *v;
    for (int i = 0; (v = posted(r, name, i)) != NULL; i++)
        if (strcmp(v, value) == 0)
            return 1;
    return 0;
}

struct sticky {
    portal_req *r;
    buf *out;
    const char *from; /* what is not copied to out yet */
};

static void flush_to(struct sticky *s, const char *p)
{
    buf_add(s->out, s->from, (size_t)(p - s->from));
}

/* an <input>: its value, or its checked state, from what was submitted */
static void fill_input(struct sticky *s, const char *p, const char *gt)
{
    struct tag t;
    parse_tag(&t, p, 5, gt);
    const char *name = attr_text(s->r, &t, "name");
    const char *type = attr_text(s->r, &t, "type");
    if (!name || !*name)
        return;
    if (!type)
        type = "text";
    static const char *const never[] = {"hidden", "password", "file", "submit", "button",
                                        "reset", "image", NULL};
    for (const char *const *n = never; *n; n++)
        if (strcasecmp(type, *n) == 0)
            return;
    flush_to(s, p);
    if (strcasecmp(type, "checkbox") == 0 || strcasecmp(type, "radio") == 0) {
        const char *v = attr_text(s->r, &t, "value");
        tag_again(s->out, &t, 5, "checked", posted_has(s->r, name, v ? v : "on") ? " checked" : "");
    } else {
        const char *v = posted(s->r, name, 0);
        if (!v) {
            buf_add(s->out, p, (size_t)(gt + 1 - p));
        } else {
            buf e;
            buf_init(&e);
            buf_adds(&e, " value=\"");
            esc_html(&e, v);
            buf_addc(&e, '"');
            tag_again(s->out, &t, 5, "value", e.data);
            buf_free(&e);
        }
    }
    s->from = gt + 1;
}

/* a <textarea>...</textarea>: its text; returns where to go on */
static const char *fill_textarea(struct sticky *s, const char *p, const char *gt,
                                 const char *end)
{
    struct tag t;
    parse_tag(&t, p, 8, gt);
    const char *name = attr_text(s->r, &t, "name");
    const char *v = name ? posted(s->r, name, 0) : NULL;
    const char *close = memmem(gt, (size_t)(end - gt), "</textarea>", 11);
    if (!v || !close)
        return gt;
    flush_to(s, gt + 1);
    esc_html(s->out, v);
    s->from = close;
    return close;
}

/* a <select>...</select>: the options submitted selected */
static const char *fill_select(struct sticky *s, const char *p, const char *gt,
                               const char *end)
{
    struct tag t;
    parse_tag(&t, p, 6, gt);
    const char *name = attr_text(s->r, &t, "name");
    const char *close = memmem(gt, (size_t)(end - gt), "</select>", 9);
    if (!name || !close || !posted(s->r, name, 0))
        return gt;
    for (const char *o = gt; (o = memmem(o, (size_t)(close - o), "<option", 7)) != NULL;) {
        const char *ogt = memchr(o, '>', (size_t)(close - o));
        if (!ogt)
            break;
        struct tag ot;
        parse_tag(&ot, o, 6, ogt);
        const char *v = attr_text(s->r, &ot, "value");
        if (!v) { /* no value: its text */
            const char *lt = memchr(ogt, '<', (size_t)(close - ogt));
            v = arena_strndup(s->r->a, ogt + 1, lt ? (size_t)(lt - ogt - 1) : 0);
        }
        flush_to(s, o);
        tag_again(s->out, &ot, 6, "selected", posted_has(s->r, name, v) ? " selected" : "");
        s->from = ogt + 1;
        o = ogt;
    }
    return close;
}

/* does this <form> send to path: its action (without a query), or the
 * page's own path when it has none */
static int form_sends_to(portal_req *r, const char *p, const char *gt, const char *path,
                         const char *page)
{
    struct tag t;
    parse_tag(&t, p, 4, gt);
    const char *method = attr_text(r, &t, "method");
    if (!method || strcasecmp(method, "post") != 0)
        return 0;
    const char *action = attr_text(r, &t, "action");
    if (!action || !*action)
        action = page;
    size_t n = strcspn(action, "?#");
    return strlen(path) == n && strncmp(action, path, n) == 0;
}

void sticky_fill(portal_req *r, buf *body, const char *path, const char *page)
{
    if (!body->data || !strstr(body->data, "<form") || !r->bf.n)
        return;
    buf out;
    buf_init(&out);
    struct sticky s = {.r = r, .out = &out, .from = body->data};
    const char *end = body->data + body->len, *form_end = NULL;
    for (const char *p = body->data; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt)
            break;
        if (html_tag_is(p, end, "form")) {
            form_end = NULL;
            if (form_sends_to(r, p, gt, path, page))
                form_end = memmem(gt, (size_t)(end - gt), "</form>", 7);
        } else if (form_end && p < form_end) {
            if (html_tag_is(p, end, "input"))
                fill_input(&s, p, gt);
            else if (html_tag_is(p, end, "textarea"))
                gt = fill_textarea(&s, p, gt, form_end);
            else if (html_tag_is(p, end, "select"))
                gt = fill_select(&s, p, gt, form_end);
        }
        p = gt;
    }
    buf_add(&out, s.from, (size_t)(end - s.from));
    buf_free(body);
    *body = out;
}
