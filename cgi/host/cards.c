/*
 * cards.c - list rows as cards on a phone without script (issue 20 item 6).
 * Below 600 px a table.list stacks its cells; each cell shows its column's
 * heading from a data-label attribute (portal.css: content: attr(data-label)).
 * The host writes those attributes into every rendered page: for each
 * <table class="list ...">, the text of its <thead> cells labels the <td>s
 * of its rows by column (colspan counted; a cell that spans or already has a
 * label is left alone).  The templates are the portal's own, so the markup
 * is regular: no nested list tables, tags written in lower case.
 */
#include "host.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COLS 40

/* where needle (n bytes) starts in [p, gt), or NULL: a plain scan, as the
 * tags are short (memmem's setup cost more than the whole tag) */
static const char *in_tag(const char *p, const char *gt, const char *needle, size_t n)
{
    for (const char *q = p; q && q + n <= gt; q++) {
        q = memchr(q, needle[0], (size_t)(gt - q));
        if (!q || q + n > gt)
            return NULL;
        if (memcmp(q, needle, n) == 0)
            return q;
    }
    return NULL;
}

/* the span of the cell whose start tag is [p, gt) */
static int col_span(const char *p, const char *gt)
{
    const char *c = in_tag(p, gt, "colspan=\"", 9); /* within the tag only */
    int n = c ? atoi(c + 9) : 1;
    return n > 0 && n <= MAX_COLS ? n : 1;
}

/* the heading's text between from and to: tags dropped, whitespace runs
 * made one space, trimmed, '"' escaped (the text is escaped HTML already) */
static char *head_text(arena *a, const char *from, const char *to)
{
    buf b;
    buf_init(&b);
    int in_tag = 0, space = 0;
    for (const char *p = from; p < to; p++) {
        if (*p == '<' || *p == '>') {
            in_tag = *p == '<';
            continue;
        }
        if (in_tag)
            continue;
        if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
            space = b.len > 0;
            continue;
        }
        if (space)
            buf_addc(&b, ' ');
        space = 0;
        if (*p == '"')
            buf_adds(&b, "&quot;");
        else
            buf_addc(&b, *p);
    }
    char *s = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

/* One pass over the page: the state of the list table being read */
struct cards {
    portal_req *r;
    buf *out;
    const char *from;      /* the page not yet copied to out */
    int list, in_head;     /* inside a list table, inside its thead */
    int nheads, col;
    char *heads[MAX_COLS];
};

/* a heading cell [p, gt) of a list's thead: its text, once per column it spans */
static void head_cell(struct cards *c, const char *p, const char *gt, const char *end)
{
    const char *close = strstr(gt, "</th>"), *the = strstr(gt, "</thead>");
    if (the && (!close || close > the))
        close = the;
    char *text = head_text(c->r->a, gt + 1, close ? close : end);
    for (int k = col_span(p, gt); k > 0 && c->nheads < MAX_COLS; k--)
        c->heads[c->nheads++] = text;
}

/* a body cell [p, gt) of a list: the label first in the tag
 * (<td data-label="金额" class="num">) unless it spans or has one */
static void body_cell(struct cards *c, const char *p, const char *gt)
{
    int span = col_span(p, gt);
    int plain = p[2] == 'd' && span == 1 && !in_tag(p, gt, "data-label", 10);
    if (plain && c->col < c->nheads && *c->heads[c->col]) {
        buf_add(c->out, c->from, (size_t)(p + 3 - c->from));
        buf_adds(c->out, " data-label=\"");
        buf_adds(c->out, c->heads[c->col]);
        buf_addc(c->out, '"');
        c->from = p + 3;
    }
    c->col += span;
}

/* the tag's name ("td", "/table") into name[8], "" when longer: read once
 * per tag, where asking html_tag_is for each name it might be cost a tenth
 * of a list page's CPU (issue 17); the same end of a name as html_tag_is */
static void tag_name(const char *p, const char *gt, char name[8])
{
    size_t n = 0;
    const char *q = p + 1;
    if (q < gt && *q == '/')
        name[n++] = *q++;
    for (; q < gt && *q != ' ' && *q != '\n' && *q != '/'; q++) {
        if (n == 7) {
            n = 0;
            break;
        }
        name[n++] = *q;
    }
    name[n] = 0;
}

/* the tag at p ('<'), its '>' at gt */
static void one_tag(struct cards *c, const char *p, const char *gt, const char *end)
{
    char t[8];
    tag_name(p, gt, t);
    if (strcmp(t, "table") == 0) {
        const char *cls = in_tag(p, gt, "class=\"list", 11);
        c->list = cls && (cls[11] == '"' || cls[11] == ' ');
        c->in_head = c->nheads = c->col = 0;
    } else if (!c->list) {
        return;
    } else if (strcmp(t, "/table") == 0) {
        c->list = 0;
    } else if (strcmp(t, "thead") == 0) {
        c->in_head = 1;
    } else if (strcmp(t, "/thead") == 0) {
        c->in_head = 0;
    } else if (strcmp(t, "tr") == 0) {
        c->col = 0;
    } else if (strcmp(t, "td") == 0 || strcmp(t, "th") == 0) {
        if (c->in_head)
            head_cell(c, p, gt, end);
        else if (c->nheads)
            body_cell(c, p, gt);
    }
}

void cards_label(portal_req *r, buf *body)
{
    if (!body->data || !strstr(body->data, "class=\"list"))
        return;
    buf out;
    buf_init(&out);
    struct cards c = {.r = r, .out = &out, .from = body->data};
    const char *end = body->data + body->len;
    for (const char *p = body->data; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt)
            break;
        one_tag(&c, p, gt, end);
        p = gt;
    }
    buf_add(&out, c.from, (size_t)(end - c.from));
    buf_free(body);
    *body = out; /* the labelled page replaces the page: no copy back */
}
