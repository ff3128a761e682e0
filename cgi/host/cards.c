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

/* whether the tag at p (up to its '>') has name `name` ("td", "tr"...) */
static int tag_is(const char *p, const char *name)
{
    size_t n = strlen(name);
    return p[0] == '<' && strncmp(p + 1, name, n) == 0 && (p[n + 1] == ' ' || p[n + 1] == '>');
}

/* the span of the cell whose start tag is [p, gt) */
static int col_span(const char *p, const char *gt)
{
    const char *c = memmem(p, (size_t)(gt - p), "colspan=\"", 9); /* within the tag only */
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

/* the headings of the thead in [t, end) into heads; the number of columns */
static int list_heads(arena *a, const char *t, const char *end, char **heads)
{
    const char *th = strstr(t, "<thead"), *the = th ? strstr(th, "</thead>") : NULL;
    if (!th || !the || the > end)
        return 0;
    int n = 0;
    for (const char *p = strchr(th, '>'); p && p < the && n < MAX_COLS; p++) {
        if (!tag_is(p, "th") && !tag_is(p, "td"))
            continue;
        const char *gt = strchr(p, '>'), *close = gt ? strstr(gt, "</th>") : NULL;
        if (!gt || gt > the)
            break;
        char *text = head_text(a, gt + 1, close && close < the ? close : the);
        for (int k = col_span(p, gt); k > 0 && n < MAX_COLS; k--)
            heads[n++] = text;
        p = gt;
    }
    return n;
}

/* the rows of one list table [t, end) into out, its cells labelled */
static void label_rows(buf *out, const char *t, const char *end, char **heads, int nheads)
{
    int col = 0;
    const char *from = t;
    for (const char *p = strstr(t, "</thead>"); p && p < end; p = strchr(p + 1, '<')) {
        if (tag_is(p, "tr")) {
            col = 0;
            continue;
        }
        if (!tag_is(p, "td") && !tag_is(p, "th"))
            continue;
        const char *gt = strchr(p, '>');
        if (!gt || gt > end)
            break;
        int span = col_span(p, gt);
        int plain = p[2] == 'd' && span == 1 && !memmem(p, (size_t)(gt - p), "data-label", 10);
        /* the label first in the tag: <td data-label="金额" class="num"> */
        if (plain && col < nheads && *heads[col]) {
            buf_add(out, from, (size_t)(p + 3 - from));
            buf_adds(out, " data-label=\"");
            buf_adds(out, heads[col]);
            buf_addc(out, '"');
            from = p + 3;
        }
        col += span;
    }
    buf_add(out, from, (size_t)(end - from));
}

void cards_label(portal_req *r, buf *body)
{
    if (!body->data || !strstr(body->data, "class=\"list"))
        return;
    buf out;
    buf_init(&out);
    buf_add(&out, body->data, body->len); /* room for the page at once */
    buf_reset(&out);
    const char *p = body->data;
    for (const char *t; (t = strstr(p, "<table")) != NULL;) {
        const char *gt = strchr(t, '>');
        const char *cls = gt ? memmem(t, (size_t)(gt - t), "class=\"list", 11) : NULL;
        const char *end = gt ? strstr(gt, "</table>") : NULL;
        if (!end)
            break;
        char *heads[MAX_COLS];
        int list = cls && (cls[11] == '"' || cls[11] == ' ');
        int n = list ? list_heads(r->a, t, end, heads) : 0;
        if (n) {
            buf_add(&out, p, (size_t)(t - p));
            label_rows(&out, t, end, heads, n);
        } else {
            buf_add(&out, p, (size_t)(end - p));
        }
        p = end;
    }
    buf_adds(&out, p);
    buf_reset(body);
    buf_add(body, out.data, out.len);
    buf_free(&out);
}
