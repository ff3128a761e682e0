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

/* the attribute ` data-label="T"` of a heading's text T between from and
 * to: tags dropped, whitespace runs made one space, trimmed, '"' escaped
 * (the text is escaped HTML already); written straight into the request's
 * arena, *len its length, 0 when T is empty */
#define LABEL_OPEN " data-label=\""
static char *head_label(arena *a, const char *from, const char *to, size_t *len)
{
    size_t quotes = 0, open = sizeof LABEL_OPEN - 1;
    for (const char *q = from; (q = memchr(q, '"', (size_t)(to - q))) != NULL; q++)
        quotes++;
    char *s = arena_alloc(a, open + (size_t)(to - from) + 5 * quotes + 2), *o = s + open;
    memcpy(s, LABEL_OPEN, open);
    int in_tag = 0, space = 0;
    for (const char *p = from; p < to; p++) {
        if (*p == '<' || *p == '>') {
            in_tag = *p == '<';
            continue;
        }
        if (in_tag)
            continue;
        if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
            space = o > s + open;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = 0;
        if (*p == '"') {
            memcpy(o, "&quot;", 6);
            o += 6;
        } else {
            *o++ = *p;
        }
    }
    *len = o > s + open ? (size_t)(o + 1 - s) : 0;
    *o++ = '"';
    *o = 0;
    return s;
}

/* One pass over the page: the state of the list table being read */
struct cards {
    portal_req *r;
    buf *out;
    const char *from;      /* the page not yet copied to out */
    int list, in_head;     /* inside a list table, inside its thead */
    const char *head_end;  /* the thead's "</thead>" (NULL: none) */
    int nheads, col;
    const char *heads[MAX_COLS]; /* each column's ` data-label="..."` */
    size_t head_len[MAX_COLS];   /* 0: no heading, no label */
};

/* a heading cell [p, gt) of a list's thead: its text, once per column it spans */
static void head_cell(struct cards *c, const char *p, const char *gt, const char *end)
{
    /* the cell ends at its "</th>", or at the thead's end (found once) */
    const char *to = c->head_end ? c->head_end : end;
    const char *close = memmem(gt, (size_t)(to - gt), "</th>", 5);
    size_t len;
    const char *label = head_label(c->r->a, gt + 1, close ? close : to, &len);
    for (int k = col_span(p, gt); k > 0 && c->nheads < MAX_COLS; k--) {
        c->head_len[c->nheads] = len;
        c->heads[c->nheads++] = label;
    }
}

/* a body cell [p, gt) of a list: the label first in the tag
 * (<td data-label="金额" class="num">) unless it spans or has one */
static void body_cell(struct cards *c, const char *p, const char *gt)
{
    int bare = gt == p + 3; /* "<td>": no attribute to look for */
    int span = bare ? 1 : col_span(p, gt);
    int plain = p[2] == 'd' && span == 1 && (bare || !in_tag(p, gt, "data-label", 10));
    if (plain && c->col < c->nheads && c->head_len[c->col]) {
        buf_add(c->out, c->from, (size_t)(p + 3 - c->from));
        buf_add(c->out, c->heads[c->col], c->head_len[c->col]);
        c->from = p + 3;
    }
    c->col += span;
}

/* a <table> tag [p, gt): whether it opens a list */
static void table_tag(struct cards *c, const char *p, const char *gt)
{
    const char *cls = in_tag(p, gt, "class=\"list", 11);
    c->list = cls && (cls[11] == '"' || cls[11] == ' ');
    c->in_head = c->nheads = c->col = 0;
}

/* a tag [p, gt) inside a list table: dispatched on its first letters, as
 * naming each tag and asking for each name it might be cost a tenth of a
 * list page's CPU (issue 17) */
static void list_tag(struct cards *c, const char *p, const char *gt, const char *end)
{
    if (p[1] == '/') {
        if (html_tag_is(p, gt + 1, "/table"))
            c->list = 0;
        else if (html_tag_is(p, gt + 1, "/thead"))
            c->in_head = 0;
    } else if (p[1] == 't') {
        if (html_tag_is(p, gt + 1, "td") || html_tag_is(p, gt + 1, "th")) {
            if (c->in_head)
                head_cell(c, p, gt, end);
            else if (c->nheads)
                body_cell(c, p, gt);
        } else if (html_tag_is(p, gt + 1, "tr")) {
            c->col = 0;
        } else if (html_tag_is(p, gt + 1, "thead")) {
            c->in_head = 1;
            c->head_end = strstr(gt, "</thead>");
        } else if (html_tag_is(p, gt + 1, "table")) {
            table_tag(c, p, gt);
        }
    }
}

/* the next tag from p on that matters: any tag inside a list table, a
 * <table> outside one (found directly, the rest of the page is skipped) */
static const char *next_tag(const struct cards *c, const char *p, const char *end)
{
    if (c->list)
        return memchr(p, '<', (size_t)(end - p));
    /* strstr, as the page ends with a NUL (buf): quicker than memmem here */
    while ((p = strstr(p, "<table")) != NULL && !html_tag_is(p, end, "table"))
        p += 6;
    return p;
}

/* whether the tag at p inside a list table can matter: one named t... or
 * </table> or </thead>; the rest (<a>, </td>, <span>...) are passed over
 * without looking for their end, as most tags of a list's rows are (the
 * page ends with a NUL, so p[1]..p[4] are there to read) */
static int list_tag_may_matter(const char *p)
{
    return p[1] == 't' || (p[1] == '/' && p[2] == 't' && (p[3] == 'a' || (p[3] == 'h' && p[4] == 'e')));
}

void cards_label(portal_req *r, buf *body)
{
    if (!body->data || !strstr(body->data, "class=\"list"))
        return;
    buf out;
    buf_init(&out);
    buf_reserve(&out, body->len + body->len / 2); /* the labels: grown once, not doubled up to it */
    struct cards c = {.r = r, .out = &out, .from = body->data};
    const char *end = body->data + body->len;
    for (const char *p = body->data; (p = next_tag(&c, p, end)) != NULL; p++) {
        if (c.list && !list_tag_may_matter(p))
            continue;
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt)
            break;
        if (c.list)
            list_tag(&c, p, gt, end);
        else
            table_tag(&c, p, gt);
        p = gt;
    }
    buf_add(&out, c.from, (size_t)(end - c.from));
    buf_free(body);
    *body = out; /* the labelled page replaces the page: no copy back */
}
