/*
 * render.c - ClearSilver rendering inside the common layout.
 *
 * Each worker owns one HDF data tree and one parsed CSPARSE per template,
 * parsed on first use and reused (parse once, refill, render).  Escaping is
 * on by default (Config.VarEscapeMode = html).  A page template holds only
 * the page body; the layout wraps it at parse time.  Every template has the
 * host's functions money, date, datetime, mask_id, label and division
 * (portal_module.h); their results are escaped like any other value.
 */
#include "host.h"
#include "crypto.h"
#include "dates.h"
#include "lookup.h"

#include <ClearSilver.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parsed { char *key; CSPARSE *cs; };

static HDF *hdf;
static char *core_dir;
static struct parsed *parsed;
static size_t nparsed, capparsed;

void render_log_error(const char *id, NEOERR *err)
{
    STRING s;
    string_init(&s);
    nerr_error_traceback(err, &s);
    log_msg(id, "template error: %s", s.buf ? s.buf : "?");
    string_clear(&s);
    nerr_ignore(&err);
}

int render_init(const char *core_tmpl_dir)
{
    nerr_init();
    core_dir = realpath(core_tmpl_dir, NULL);
    if (!core_dir) {
        log_msg("PT0301", "template folder %s not found", core_tmpl_dir);
        return -1;
    }
    NEOERR *e = hdf_init(&hdf);
    if (e) {
        render_log_error("PT0302", e);
        return -1;
    }
    hdf_set_value(hdf, "Config.VarEscapeMode", "html");
    hdf_set_value(hdf, "Config.WhiteSpaceStrip", "1");
    return 0;
}

/* a node and its children out of the tree (tree.c: the request's nodes
 * live in an arena, and hdf_remove_tree would free them) */
static void remove_node(const char *name)
{
    tree_drop(hdf, name);
}

HDF *render_hdf(void)
{
    return hdf;
}

/* Clear everything a request put in the tree; Config and hdf stay. */
void hdf_reset_request(void)
{
    tree_reset(hdf);
}

void hdf_node_put(HDF *node, const char *name, const char *value)
{
    if (tree_put(node, name, value ? value : "", 0) == 0)
        return;
    NEOERR *e = hdf_set_value(node, name, value ? value : "");
    if (e)
        render_log_error("PT0303", e);
}

/* the node parent.i (made when missing): its name written without printf,
 * as a page names hundreds of rows and labels (issue 17); NULL on error */
static const char *row_name(char idx[24], size_t i)
{
    char *p = idx + 24;
    *--p = 0;
    do
        *--p = (char)('0' + i % 10);
    while ((i /= 10) > 0);
    return p;
}

struct _hdf *hdf_row_node(struct _hdf *parent, size_t i)
{
    char idx[24];
    const char *p = row_name(idx, i);
    HDF *row = tree_node(parent, p);
    if (!row)
        log_msg("PT0307", "no template node %s", p);
    return row;
}

/* the new node parent.i, for a caller that knows parent has no such row
 * (it had no child when the caller began): added, not looked for among
 * the rows before it */
struct _hdf *hdf_row_add(struct _hdf *parent, size_t i)
{
    char idx[24];
    return tree_add(parent, tree_strdup(row_name(idx, i)), NULL);
}

void hdf_put(const char *name, const char *value)
{
    hdf_node_put(hdf, name, value);
}

const char *hdf_value(const char *name)
{
    return hdf_get_value(hdf, name, NULL);
}

void hdf_drop(const char *name)
{
    remove_node(name);
}

void hdf_putf(const char *name, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    hdf_put(name, tmp);
}

void hdf_put_int(const char *name, long long v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", v);
    hdf_put(name, tmp);
}

/* Every `var:` of a template goes through neos_var_escape (escaping on by
 * default, Config.VarEscapeMode html), ClearSilver's only caller of it
 * being var_eval (csparse.c 0.10.5), which hands the escaped copy to the
 * output callback and frees it.  Its html escape built each value in a
 * STRING grown piece by piece, and the copy cost a malloc and a free: a
 * fifth of a list page's instructions (issue 17).  The portal links with
 * -Wl,--wrap=neos_var_escape (Makefile: LDLIBS), so ClearSilver's calls
 * land here.  In the html context, while the host renders into a page
 * (rendering_into, set around cs_render with out_cb), the value is escaped
 * straight onto the page and no copy is returned (var_eval then writes and
 * frees nothing); otherwise into one block of the right size.  Either way
 * the bytes are neos_html_escape's: & < > " ' as &amp; &lt; &gt; &quot;
 * &#39;, a CR dropped.  Every other context (url, script, none) is
 * ClearSilver's own.  tests/unit/test_render.c compares the two. */
NEOERR *__real_neos_var_escape(NEOS_ESCAPE context, const char *in, char **esc);
NEOERR *__wrap_neos_var_escape(NEOS_ESCAPE context, const char *in, char **esc);

static buf *rendering_into; /* the page cs_render writes through out_cb */

/* in escaped for html into out (room made by the caller: len bytes + NUL) */
static char *html_escape_into(char *o, const char *in, size_t plain, size_t n)
{
    memcpy(o, in, plain);
    o += plain;
    for (const char *p = in + plain; p < in + n; p++) {
        switch (*p) {
        case '&': memcpy(o, "&amp;", 5); o += 5; break;
        case '<': memcpy(o, "&lt;", 4); o += 4; break;
        case '>': memcpy(o, "&gt;", 4); o += 4; break;
        case '"': memcpy(o, "&quot;", 6); o += 6; break;
        case '\'': memcpy(o, "&#39;", 5); o += 5; break;
        case '\r': break;
        default: *o++ = *p;
        }
    }
    *o = 0;
    return o;
}

NEOERR *__wrap_neos_var_escape(NEOS_ESCAPE context, const char *in, char **esc)
{
    if (!in || context == NEOS_ESCAPE_NONE || context == NEOS_ESCAPE_FUNCTION ||
        (context & (NEOS_ESCAPE_URL | NEOS_ESCAPE_SCRIPT)) || !(context & NEOS_ESCAPE_HTML))
        return __real_neos_var_escape(context, in, esc);
    size_t plain = strcspn(in, "&<>\"'\r"), n = plain, len = plain;
    for (const char *p = in + plain; *p; p++, n++)
        len += *p == '&' || *p == '\'' ? 5 : *p == '<' || *p == '>' ? 4 : *p == '"' ? 6
                                                                         : *p == '\r' ? 0 : 1;
    *esc = NULL;
    if (rendering_into) {
        buf *b = rendering_into;
        buf_reserve(b, len);
        b->len = (size_t)(html_escape_into(b->data + b->len, in, plain, n) - b->data);
        return STATUS_OK;
    }
    char *out = malloc(len + 1);
    if (!out)
        return nerr_raise(NERR_NOMEM, "Unable to allocate memory to escape");
    html_escape_into(out, in, plain, n);
    *esc = out;
    return STATUS_OK;
}

static NEOERR *out_cb(void *ctx, char *s);

/* cs_render into out through out_cb, the values escaped onto it */
static NEOERR *render_to(CSPARSE *cs, buf *out)
{
    rendering_into = out;
    NEOERR *e = cs_render(cs, out, out_cb);
    rendering_into = NULL;
    return e;
}

static NEOERR *out_cb(void *ctx, char *s)
{
    if (s)
        buf_add((buf *)ctx, s, strlen(s));
    return STATUS_OK;
}

/* ------------------------------------------------ template functions */

/* a function's result: a copy of out in the request's arena (tree.c),
 * which ClearSilver does not free (alloc 0); escaped by the template like
 * any value */
static NEOERR *str_result(CSARG *result, const char *out)
{
    result->op_type = CS_TYPE_STRING;
    result->s = tree_strdup(out ? out : "");
    result->alloc = 0;
    return STATUS_OK;
}

/* ClearSilver's own evaluation of a string or variable argument (csparse.c,
 * not in its headers): the string or the variable's value as it is */
char *arg_eval(CSPARSE *parse, CSARG *arg);

/* the n string arguments of a function call into v[] (NULL when unset):
 * a plain string or variable read in place, anything else (an expression)
 * through cs_arg_parse, whose copies are kept in *owned to be freed */
static NEOERR *str_args(CSPARSE *parse, CSARG *args, int n, const char **v, char **owned)
{
    int plain = 1;
    CSARG *a = args;
    for (int i = 0; i < n; i++, a = a ? a->next : NULL)
        if (!a || !(a->op_type == CS_TYPE_STRING || a->op_type == CS_TYPE_VAR))
            plain = 0;
    owned[0] = owned[1] = NULL;
    if (plain) {
        a = args;
        for (int i = 0; i < n; i++, a = a->next)
            v[i] = arg_eval(parse, a);
        return STATUS_OK;
    }
    NEOERR *e = n == 1 ? cs_arg_parse(parse, args, "s", &owned[0])
                       : cs_arg_parse(parse, args, "ss", &owned[0], &owned[1]);
    if (e) {
        free(owned[0]);
        free(owned[1]);
        owned[0] = owned[1] = NULL;
        return nerr_pass(e);
    }
    for (int i = 0; i < n; i++)
        v[i] = owned[i];
    return STATUS_OK;
}

/* an integer as text: optional '-', 1 to 18 digits */
static int int_text(const char *v, long long *n)
{
    const char *p = v && *v == '-' ? v + 1 : v;
    size_t len = p ? strlen(p) : 0;
    if (len < 1 || len > 18 || strspn(p, "0123456789") != len)
        return 0;
    *n = strtoll(v, NULL, 10);
    return 1;
}

/* s into out (cap bytes), cut as snprintf cuts it */
static void copy_out(char *out, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = 0;
}

/* the one-argument functions: v (NULL when unset) -> out ("" for nothing) */
static void f_money(const char *v, char *out, size_t cap)
{
    long long fen;
    char t[32];
    if (int_text(v, &fen)) {
        money_format(fen, t);
        copy_out(out, cap, t);
    }
}

/* a DATE as it is; a DATETIME (UTC) as its day in Beijing */
static void f_date(const char *v, char *out, size_t cap)
{
    char t[17];
    if (v && strlen(v) == 10 && day_parse(v) != PORTAL_NO_DAY)
        copy_out(out, cap, v);
    else if (datetime_beijing(v, t) == 0)
        snprintf(out, cap, "%.10s", t);
}

/* a DATETIME (UTC) as "YYYY-MM-DD HH:MM" in Beijing time */
static void f_datetime(const char *v, char *out, size_t cap)
{
    char t[17];
    if (datetime_beijing(v, t) == 0)
        copy_out(out, cap, t);
}

/* the 18 characters of an ID number with the first 14 hidden */
static void f_mask_id(const char *v, char *out, size_t cap)
{
    if (v && *v && strlen(v) <= 4)
        snprintf(out, cap, "**************%s", v);
}

/* the division's name, the code itself when unknown */
static void f_division(const char *v, char *out, size_t cap)
{
    const char *name = division_name(v);
    copy_out(out, cap, name ? name : v ? v : "");
}

/* a one-argument function: v (NULL when unset) formatted by fmt */
static NEOERR *fn_one(CSPARSE *parse, CSARG *args, CSARG *result,
                      void (*fmt)(const char *v, char *out, size_t cap))
{
    const char *v[1] = {NULL};
    char *owned[2], out[512] = "";
    NEOERR *e = str_args(parse, args, 1, v, owned);
    if (e)
        return nerr_pass(e);
    fmt(v[0], out, sizeof out);
    free(owned[0]);
    return str_result(result, out);
}

/* each function its own entry, called without looking for its name (the
 * name compared against the list on every call cost as much as a date) */
#define ONE_ARG(f)                                                                       \
    static NEOERR *fn_##f(CSPARSE *parse, CS_FUNCTION *csf, CSARG *args, CSARG *result) \
    {                                                                                    \
        return fn_one(parse, args, result, f_##f);                                       \
    }
ONE_ARG(money)
ONE_ARG(date)
ONE_ARG(datetime)
ONE_ARG(mask_id)
ONE_ARG(division)

static const struct {
    const char *name;
    CSFUNCTION fn;
} one_arg[] = {
    {"money", fn_money},     {"date", fn_date},         {"datetime", fn_datetime},
    {"mask_id", fn_mask_id}, {"division", fn_division},
};

/* label(kind, code): the module label's title, the code itself when unknown */
static NEOERR *fn_label(CSPARSE *parse, CS_FUNCTION *csf, CSARG *args, CSARG *result)
{
    const char *v[2] = {NULL, NULL};
    char *owned[2];
    NEOERR *e = str_args(parse, args, 2, v, owned);
    if (e)
        return nerr_pass(e);
    /* the title is the module's own string (modules stay loaded) and a
     * plain argument the template's or the tree's: they outlive the
     * render, no copy; an evaluated argument is freed below, so copied */
    const char *t = label_title(v[0], v[1]);
    result->op_type = CS_TYPE_STRING;
    result->s = (char *)(t ? t : v[1] ? v[1] : "");
    if (!t && owned[1])
        result->s = tree_strdup(owned[1]);
    result->alloc = 0;
    free(owned[0]);
    free(owned[1]);
    return e;
}

/* the node a template variable names, found as ClearSilver's each finds
 * it (csparse.c var_lookup_obj): its first part a local (each, with, a
 * macro's argument) naming a node, else the whole name from the top */
static HDF *var_node(CSPARSE *parse, const char *name)
{
    size_t len = strcspn(name, ".");
    for (CS_LOCAL_MAP *m = parse->locals; m; m = m->next)
        if (strlen(m->name) == len && memcmp(m->name, name, len) == 0) {
            if (m->type != CS_TYPE_VAR)
                break;
            return name[len] ? hdf_get_obj(m->h, name + len + 1) : m->h;
        }
    return hdf_get_obj(parse->hdf, (char *)name);
}

/* labels(kind, set): the codes of a set by their titles joined by 、,
 * "康复训练、辅助器具"; an unknown code as itself.  The set is a comma
 * list (a SET column, "a,b,c"), or a node without a value whose children
 * hold the codes (a row's cats.0, cats.1...): then what
 *   each:k = set, if:!first(k) 、, var:label(kind, k)
 * writes, in one call instead of a loop of three per code (issue 17). */
static NEOERR *fn_labels(CSPARSE *parse, CS_FUNCTION *csf, CSARG *args, CSARG *result)
{
    const char *v[2] = {NULL, NULL};
    char *owned[2];
    NEOERR *e = str_args(parse, args, 2, v, owned);
    if (e)
        return nerr_pass(e);
    HDF *set = !v[1] && args->next && args->next->op_type == CS_TYPE_VAR
                   ? var_node(parse, args->next->s) : NULL;
    HDF *code = set ? hdf_obj_child(set) : NULL;
    result->op_type = CS_TYPE_STRING;
    result->alloc = 0;
    if (code && !hdf_obj_next(code)) { /* one code: its title as label() gives it */
        const char *c = hdf_obj_value(code), *t = label_title(v[0], c);
        result->s = (char *)(t ? t : c ? c : "");
        free(owned[0]);
        free(owned[1]);
        return STATUS_OK;
    }
    buf out;
    buf_init(&out);
    for (int first = 1; code; code = hdf_obj_next(code), first = 0) {
        const char *c = hdf_obj_value(code), *t = label_title(v[0], c);
        if (!first)
            buf_adds(&out, "、");
        buf_adds(&out, t ? t : c ? c : "");
    }
    for (const char *p = !set && v[1] ? v[1] : ""; *p;) {
        size_t n = strcspn(p, ",");
        char one[128];
        if (n) {
            /* no label has a code this long: such a one is shown as it is */
            const char *t = NULL;
            if (n < sizeof one) {
                memcpy(one, p, n);
                one[n] = 0;
                t = label_title(v[0], one);
            }
            if (out.len)
                buf_adds(&out, "、");
            if (t)
                buf_adds(&out, t);
            else
                buf_add(&out, p, n);
        }
        p += n + (p[n] == ',');
    }
    result->s = tree_strdup(out.data ? out.data : "");
    buf_free(&out);
    free(owned[0]);
    free(owned[1]);
    return e;
}

static NEOERR *register_functions(CSPARSE *cs)
{
    NEOERR *e = cgi_register_strfuncs(cs);
    for (size_t i = 0; !e && i < sizeof one_arg / sizeof *one_arg; i++)
        e = cs_register_function(cs, one_arg[i].name, 1, one_arg[i].fn);
    if (!e)
        e = cs_register_function(cs, "label", 2, fn_label);
    if (!e)
        e = cs_register_function(cs, "labels", 2, fn_labels);
    return e;
}

/* the parse of `source` (a wrapper of includes) kept under key: module
 * templates are found in the module's directory after the core's */
static CSPARSE *parse_of(struct loaded_module *mod, const char *what, char *source)
{
    char key[512];
    snprintf(key, sizeof key, "%s/%s", mod && !mod->builtin ? mod->m->name : "", what);
    for (size_t i = 0; i < nparsed; i++)
        if (strcmp(parsed[i].key, key) == 0) {
            free(source);
            return parsed[i].cs;
        }
    CSPARSE *cs = NULL;
    NEOERR *e;
    /* core templates first: a module cannot replace the layout */
    hdf_set_value(hdf, "hdf.loadpaths.0", core_dir);
    if (mod && mod->tmpl_dir)
        hdf_set_value(hdf, "hdf.loadpaths.1", mod->tmpl_dir);
    else
        remove_node("hdf.loadpaths.1");
    if ((e = cs_init(&cs, hdf)) || (e = register_functions(cs))) {
        render_log_error("PT0304", e);
        if (cs)
            cs_destroy(&cs);
        free(source);
        return NULL;
    }
    /* cs_parse_string takes ownership of the string */
    if ((e = cs_parse_string(cs, source, strlen(source)))) {
        render_log_error("PT0305", e);
        cs_destroy(&cs);
        return NULL;
    }
    if (nparsed == capparsed) {
        capparsed = capparsed ? capparsed * 2 : 16;
        parsed = realloc(parsed, capparsed * sizeof *parsed);
    }
    parsed[nparsed].key = strdup(key);
    parsed[nparsed].cs = cs;
    nparsed++;
    return cs;
}

/* the includes of tmpl with what comes before and after it */
static char *source_of(const char *before, const char *tmpl, const char *after)
{
    char *src = NULL;
    if (asprintf(&src, "%s<?cs include!\"%s\" ?>%s", before, tmpl, after) < 0)
        abort();
    return src;
}

/* a part of a page alone: the layout's head or foot, or a body (with the
 * macros the head defines: defined as the file is parsed, inside a block
 * never rendered, so that the definitions' line breaks, which the head
 * already printed, are not printed again at the top of the body: a kept
 * body is then byte for byte the body of the whole page) */
static CSPARSE *part_parse(struct loaded_module *mod, const char *tmpl, int body)
{
    char what[300];
    snprintf(what, sizeof what, "part:%s", tmpl);
    return parse_of(mod, what, source_of(body ? "<?cs if:0 ?><?cs include!\"macros.cs\" ?><?cs /if ?>" : "", tmpl, ""));
}

/* module data lives under its own name so it cannot overwrite the layout's */
int render_reserved(const char *name)
{
    /* asked for every value a module sets (a file page sets 150): the
     * lengths known, the first letter compared before the rest */
    static const struct { const char *s; size_t n; } top[] = {
        {"Page", 4}, {"User", 4}, {"Menu", 4}, {"CSRF", 4}, {"Config", 6}, {"hdf", 3},
    };
    for (size_t i = 0; i < sizeof top / sizeof *top; i++) {
        size_t n = top[i].n;
        if (name[0] == top[i].s[0] && strncmp(name, top[i].s, n) == 0 &&
            (name[n] == '.' || name[n] == 0)) {
            log_msg("PT0502", "a module tried to set reserved template data %s", name);
            return 1;
        }
    }
    return 0;
}

void render_set(portal_req *r, const char *name, const char *value)
{
    (void)r;
    if (!render_reserved(name))
        hdf_put(name, value);
}

void render_set_int(portal_req *r, const char *name, long long v)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    render_set(r, name, t);
}

/* ------------------------------------------------------------ forms */

void form_error(portal_req *r, const char *field, const char *msg)
{
    if (!field || !*field || strchr(field, '.'))
        return;
    char name[160];
    snprintf(name, sizeof name, "Errors.%s", field);
    if (!hdf_value(name))
        hdf_put_int("Errors.count", form_failed(r) + 1);
    hdf_put(name, msg && *msg ? msg : "请检查此项。");
}

int form_failed(portal_req *r)
{
    const char *n = hdf_value("Errors.count");
    return n ? atoi(n) : 0;
}

struct form_err *form_errors_take(portal_req *r)
{
    struct form_err *list = NULL, **tail = &list;
    for (HDF *c = hdf_obj_child(hdf_get_obj(hdf, "Errors")); c; c = hdf_obj_next(c)) {
        if (strcmp(hdf_obj_name(c), "count") == 0 || !hdf_obj_value(c))
            continue;
        struct form_err *e = arena_zalloc(r->a, sizeof *e);
        e->field = arena_strdup(r->a, hdf_obj_name(c));
        e->msg = arena_strdup(r->a, hdf_obj_value(c));
        *tail = e;
        tail = &e->next;
    }
    return list;
}

/* a form that failed is shown again with what the user typed: the route's
 * declared parameters as Form.<name>, unless the handler set one itself
 * (passwords and files are never sent back) */
static void form_refill(portal_req *r)
{
    if ((!form_failed(r) && !r->form_of) || !r->route)
        return;
    /* a POST the host refused shows its form's page (request.c form_again):
     * what was posted wins over the values that page shows at first */
    const struct route_entry *src = r->form_of ? r->form_of : r->route;
    for (const struct portal_param *p = src->r->params; p && p->name; p++) {
        if (p->type == PP_FILE || strstr(p->name, "password") || p->name[0] == '_')
            continue;
        char name[160];
        snprintf(name, sizeof name, "Form.%s", p->name);
        const http_field *f = r->form_of ? http_get(&r->bf, p->name) : NULL;
        const char *v = r->form_of ? (f && !f->filename ? f->value : NULL) : req_param(r, p->name);
        if (v && (r->form_of || !hdf_value(name)))
            hdf_put(name, v);
    }
    if (r->form_of)
        hdf_put("Page.FormError", r->form_msg);
}

/* Limits.<name>: the limit of each text parameter the module
 * declares (the smallest when routes differ), for the inputs' maxlength
 * (macros.cs text_field): the same number the request check refuses above.
 * The module's list is made once per worker (modules never change in a
 * worker): walking every route's parameters on every page was 5% of a
 * list page's CPU (issue 17). */
struct limit { const char *name; size_t n; char text[24]; };
static struct limits_of {
    const struct loaded_module *mod;
    struct limit *l;
    size_t n;
} *limits_seen;
static size_t nlimits_seen;

static void limits_add(struct limits_of *lo, const struct portal_param *p)
{
    size_t n = param_limit(p);
    for (size_t i = 0; i < lo->n; i++)
        if (strcmp(lo->l[i].name, p->name) == 0) {
            if (n < lo->l[i].n)
                lo->l[i].n = n;
            return;
        }
    lo->l = realloc(lo->l, (lo->n + 1) * sizeof *lo->l);
    if (!lo->l)
        abort();
    lo->l[lo->n].name = p->name;
    lo->l[lo->n++].n = n;
}

static const struct limits_of *limits_of(const struct loaded_module *mod)
{
    for (size_t i = 0; i < nlimits_seen; i++)
        if (limits_seen[i].mod == mod)
            return &limits_seen[i];
    limits_seen = realloc(limits_seen, (nlimits_seen + 1) * sizeof *limits_seen);
    if (!limits_seen)
        abort();
    struct limits_of *lo = &limits_seen[nlimits_seen++];
    *lo = (struct limits_of){.mod = mod};
    for (const struct portal_route *rt = mod->m->routes; rt && rt->path; rt++)
        for (const struct portal_param *p = rt->params; p && p->name; p++)
            if (p->type != PP_FILE)
                limits_add(lo, p);
    for (size_t i = 0; i < lo->n; i++)
        snprintf(lo->l[i].text, sizeof lo->l[i].text, "%zu", lo->l[i].n);
    return lo;
}

static void form_limits(struct loaded_module *mod)
{
    const struct limits_of *lo = mod ? limits_of(mod) : NULL;
    HDF *node = lo && lo->n ? tree_node(hdf, "Limits") : NULL;
    if (!node)
        return;
    int fresh = !node->child; /* the handler set none: each name added, not looked for */
    for (size_t i = 0; i < lo->n; i++) {
        if (fresh) {
            tree_add(node, lo->l[i].name, lo->l[i].text); /* the worker's own strings */
            continue;
        }
        /* a smaller limit the handler set stays */
        const char *had = hdf_get_value(node, lo->l[i].name, NULL);
        if (!had || (size_t)atol(had) > lo->l[i].n)
            tree_put(node, lo->l[i].name, lo->l[i].text, 1); /* the worker's text */
    }
}

struct menu_item { const struct portal_menu *m; };

/* whether this user may open the page: the one rule for a form shown
 * again (request.c form_again) and for the menu below */
int route_usable(const portal_req *r, const struct route_entry *e)
{
    const struct portal_route *rt = e->r;
    if (rt->flags & PR_NO_DB)
        return 0;
    return (rt->flags & PR_PUBLIC) ||
           (r->logged_in && (!rt->permission || user_has_perm(r, rt->permission)));
}

/* one rule for the menu: an entry shows only to a user who may open its
 * page (the entry's permission and its page's route's); the request's path
 * arguments are kept */
#define MENU_ROUTES 256

/* the GET route of a menu entry's page: found once per worker (route_find
 * walks every route, and the menu asked it for each entry on every page),
 * found again when the enabled modules change */
static const struct route_entry *menu_route(portal_req *r, const struct portal_menu *m)
{
    static struct {
        const struct portal_menu *m;
        const struct route_entry *e;
    } seen[MENU_ROUTES];
    static size_t nseen;
    static unsigned gen;
    if (gen != modules_state_gen()) {
        gen = modules_state_gen();
        nseen = 0;
    }
    for (size_t i = 0; i < nseen; i++)
        if (seen[i].m == m)
            return seen[i].e;
    const char **names = r->arg_names, **values = r->arg_values;
    size_t nargs = r->nargs;
    int st = 0;
    const struct route_entry *e = route_find(r, "GET", m->path, &st);
    r->arg_names = names;
    r->arg_values = values;
    r->nargs = nargs;
    if (nseen < MENU_ROUTES) {
        seen[nseen].m = m;
        seen[nseen++].e = e;
    }
    return e;
}

static int menu_page_usable(portal_req *r, const struct portal_menu *m)
{
    const struct route_entry *e = menu_route(r, m);
    return e && route_usable(r, e);
}

static int menu_cmp(const void *a, const void *b)
{
    const struct menu_item *x = a, *y = b;
    return x->m->order - y->m->order;
}

static int menu_active(const portal_req *r, const char *path)
{
    return strcmp(path, "/") == 0 ? strcmp(r->path, "/") == 0
                                  : strncmp(r->path, path, strlen(path)) == 0;
}

/* Menu.N.title, path and active: set under Menu's node, one lookup per
 * entry rather than a printed path walked from the root per value.  Only
 * the layout's head prints the menu: set when the head is rendered, not
 * when it is kept (head_put) */
static void menu_put(const portal_req *r, const struct menu_item *items, size_t n)
{
    HDF *menu = n ? tree_node(hdf, "Menu") : NULL, *row;
    if (!menu)
        return;
    int fresh = !menu->child; /* each row added, not looked for */
    for (size_t i = 0; i < n; i++) {
        if (!(row = fresh ? hdf_row_add(menu, i) : hdf_row_node(menu, i)))
            return;
        const char *path = items[i].m->path;
        const char *active = menu_active(r, path) ? "1" : "0";
        if (!row->child) { /* the modules' own strings, kept: no lookups, no copies */
            tree_add(row, "title", items[i].m->title);
            tree_add(row, "path", path);
            tree_add(row, "active", active);
            continue;
        }
        hdf_node_put(row, "title", items[i].m->title);
        hdf_node_put(row, "path", path);
        hdf_node_put(row, "active", active);
    }
}

/* The entries a signed-in user's menu shows depend on nothing but the
 * user's permissions (r->perms, read with the session on this request) and
 * the enabled modules: the last page's entries are kept per worker and
 * used again for the same permissions and modules, so a permission
 * revoked or a module disabled changes the very next menu.  Choosing and
 * sorting them on every page was a twentieth of a list page's CPU
 * (issue 17). */
#define MENU_MAX 128
struct menu_kept {
    char *perms;   /* the permissions they were chosen for (NULL: none kept) */
    unsigned gen;  /* modules_state_gen() then */
    size_t n;
    struct menu_item items[MENU_MAX];
};

static const struct menu_kept *menu_of(portal_req *r)
{
    static struct menu_kept k;
    const char *perms = r->perms ? r->perms : "";
    if (k.perms && k.gen == modules_state_gen() && strcmp(k.perms, perms) == 0)
        return &k;
    free(k.perms);
    k.perms = NULL;
    k.n = 0;
    for (size_t i = 0; i < modules_count(); i++) {
        struct loaded_module *lm = module_at(i);
        if (!lm->enabled)
            continue;
        for (const struct portal_menu *m = lm->m->menu; m && m->title && k.n < MENU_MAX; m++)
            if ((!m->permission || user_has_perm(r, m->permission)) && menu_page_usable(r, m))
                k.items[k.n++].m = m;
    }
    qsort(k.items, k.n, sizeof *k.items, menu_cmp);
    k.gen = modules_state_gen();
    k.perms = strdup(perms);
    if (!k.perms)
        abort();
    return &k;
}

static int rendering_error;   /* render_error is rendering its page */

/* A value the layout's head prints: set for the templates and written into
 * the head's key (head_put) */
static void layout_put(buf *key, const char *name, const char *value)
{
    hdf_put(name, value);
    buf_adds(key, value);
    buf_addc(key, '\x1f');
}

/* The values the layout's head (layout_head.cs) prints, set, and with them
 * the key the head is kept under (head_put): the head must print nothing
 * else (Page.Path, Page.ErrorId: set for the pages' own templates, never
 * printed by the head; Page.Idem: written over, head_put).  A flash or a
 * form's error (form_refill, after this) is printed too: a head with one
 * is never kept. */
static void fill_layout(portal_req *r, const char *title, buf *key)
{
    layout_put(key, "Page.Title", title);
    hdf_put("Page.Path", r->path);
    layout_put(key, "Page.Static", config_get("static_url", "/static"));
    layout_put(key, "Page.Site", config_get("site_name", "酉阳县困境儿童保障工作平台"));
    layout_put(key, "CSRF.Token", r->csrf);
    /* every form carries a fresh idempotency token with its CSRF token
     * (macros.cs csrf()): a resubmission of a completed write is recognised */
    char idem[32];
    random_token(idem, 16);
    hdf_put("Page.Idem", idem);
    if (r->error_id)
        hdf_put("Page.ErrorId", r->error_id);
    if (!r->logged_in)
        return;
    layout_put(key, "User.Name", r->user.display_name);
    layout_put(key, "User.Username", r->user.username);
    layout_put(key, "User.Org", r->user.org_name);
    layout_put(key, "User.Division", r->user.division_name);
    /* an organisation's staff see their organisation's children, not a division's */
    layout_put(key, "User.OrgScoped",
               r->user.scope && strcmp(r->user.scope, "org") == 0 ? "1" : NULL);
    /* the unread notices, read with the session (no statement of its own) */
    char unread[24];
    snprintf(unread, sizeof unread, "%lld", r->unread_notices);
    layout_put(key, "User.UnreadNotices", unread);
    /* the menu: its entries are named by the permissions and modules they
     * were chosen for (menu_of), and which one is active */
    const struct menu_kept *k = menu_of(r);
    char gen[24];
    snprintf(gen, sizeof gen, "%u\x1f", k->gen);
    buf_adds(key, gen);
    buf_adds(key, k->perms);
    buf_addc(key, '\x1f');
    for (size_t i = 0; i < k->n; i++)
        buf_addc(key, menu_active(r, k->items[i].m->path) ? '1' : '0');
    if (r->flash_in) {
        /* shown: the request clears it from the session (session_flash_seen) */
        hdf_put("Flash", r->flash_in);
        r->flash_in = NULL;
        r->flash_shown = 1;
    }
}

static int render_into(CSPARSE *cs, buf *out)
{
    NEOERR *e = render_to(cs, out);
    if (e)
        render_log_error("PT0306", e);
    return e ? -1 : 0;
}

/* the head rendered: with a signed-in user's menu (menu_of: the entries
 * fill_layout keyed, kept) */
static int head_render(CSPARSE *head, portal_req *r, buf *out)
{
    if (r->logged_in) {
        const struct menu_kept *k = menu_of(r);
        menu_put(r, k->items, k->n);
    }
    return render_into(head, out);
}

/* The layout's head, kept per worker (issue 17).  The head is a function of
 * the values fill_layout wrote into its key and of Page.Idem, the fresh
 * idempotency token of the logout form.  The last HEADS_KEPT heads a worker
 * rendered are kept, each under its key, with where the token stands in
 * it: a page whose key matches copies the head and writes its own token
 * there.  To find it, a head is rendered with a stand-in token that no
 * value can hold (the worker's own random one, never sent), and kept only
 * where that stands exactly once (a signed-in user's head has the logout
 * form).  Rendering the head was about a quarter of a kept list
 * page's instructions in the portal. */
#define HEADS_KEPT 8
static struct head_kept {
    char *key, *html;
    size_t key_len, len, idem_at;
    unsigned long used;
} heads[HEADS_KEPT];
static unsigned long heads_clock;
static char head_stand_in[32];

static int head_put(CSPARSE *head, portal_req *r, const buf *key, buf *out)
{
    /* a flash or a form error is printed by the head: rendered as it is;
     * and a signed-out visitor's (its key holds the visitor's own CSRF
     * token, so it would be rendered, kept and never asked for again) */
    if (!r->logged_in || hdf_value("Flash") || hdf_value("Page.FormError") ||
        hdf_value("Errors.count"))
        return head_render(head, r, out);
    if (!head_stand_in[0])
        random_token(head_stand_in, 16);
    const char *idem = hdf_value("Page.Idem");
    size_t idem_len = strlen(head_stand_in);
    if (!idem || strlen(idem) != idem_len)
        return head_render(head, r, out);
    struct head_kept *h = &heads[0];
    for (int i = 0; i < HEADS_KEPT; i++) {
        struct head_kept *c = &heads[i];
        if (c->html && c->key_len == key->len && memcmp(c->key, key->data, key->len) == 0) {
            size_t at = out->len;
            buf_add(out, c->html, c->len);
            memcpy(out->data + at + c->idem_at, idem, idem_len);
            c->used = ++heads_clock;
            return 0;
        }
        if (c->used < h->used)
            h = c;
    }
    char real[32];
    memcpy(real, idem, idem_len + 1);
    size_t at = out->len;
    hdf_put("Page.Idem", head_stand_in);
    int rc = head_render(head, r, out);
    hdf_put("Page.Idem", real);
    if (rc != 0)
        return rc;
    char *start = out->data + at;
    size_t len = out->len - at;
    char *first = memmem(start, len, head_stand_in, idem_len), *second = NULL;
    if (first)
        second = memmem(first + 1, len - (size_t)(first + 1 - start), head_stand_in, idem_len);
    if (first && !second) {
        free(h->key);
        free(h->html);
        h->key = malloc(key->len ? key->len : 1);
        h->html = malloc(len ? len : 1);
        if (!h->key || !h->html)
            abort();
        memcpy(h->key, key->data, key->len);
        memcpy(h->html, start, len);
        h->key_len = key->len;
        h->len = len;
        h->idem_at = (size_t)(first - start);
        h->used = ++heads_clock;
        memcpy(first, real, idem_len);
        return 0;
    }
    /* the stand-in not once (it cannot be: but never a wrong token) */
    out->len = at;
    return head_render(head, r, out);
}

/* the page: the layout's head (kept, head_put), the body (rendered from
 * tmpl, or kept: the caller's), the foot; the body rendered into fresh
 * when kept is NULL and fresh is not, else straight into the page */
int render_page_body(portal_req *r, struct loaded_module *mod, const char *tmpl,
                     const char *title, const buf *kept, buf *fresh)
{
    /* the head's and the foot's parses, once: a parse lives as long as
     * the worker (parse_of) */
    static CSPARSE *head, *foot;
    if (!head)
        head = part_parse(NULL, "layout_head.cs", 0);
    if (!foot)
        foot = part_parse(NULL, "layout_foot.cs", 0);
    CSPARSE *body = kept ? NULL : part_parse(mod, tmpl, 1);
    if (!head || !foot || (!kept && !body))
        return 500;
    static buf key; /* the worker's: its room kept from page to page */
    buf_reset(&key);
    fill_layout(r, title, &key);
    form_refill(r);
    form_limits(mod);
    if (!kept && fresh) {
        buf_reset(fresh);
        if (render_into(body, fresh) != 0)
            return 500;
        cards_label(r, fresh); /* as a page's body is labelled below */
        kept = fresh;
    }
    buf_reset(&r->body);
    /* room for a page as large as the worker's last: grown once, not
     * doubled from 256 bytes up to it */
    static size_t last_page;
    buf_reserve(&r->body, last_page < (1u << 18) ? last_page : (1u << 18));
    if (head_put(head, r, &key, &r->body) != 0)
        return 500;
    if (kept)
        buf_add(&r->body, kept->data, kept->len);
    else if (render_into(body, &r->body) != 0)
        return 500;
    if (render_into(foot, &r->body) != 0)
        return 500;
    last_page = r->body.len;
    r->ctype = "text/html; charset=utf-8";
    return 200;
}

int render_page(portal_req *r, struct loaded_module *mod, const char *tmpl, const char *title)
{
    int rc = render_page_body(r, mod, tmpl, title, NULL, NULL);
    if (rc == 200)
        cards_label(r, &r->body); /* list cells labelled for phones (cards.c) */
    return rc;
}

int render_error(portal_req *r, int status, const char *msg)
{
    hdf_put_int("Error.Status", status);
    hdf_put("Error.Message", msg);
    rendering_error = 1;
    int rc = render_page(r, NULL, "error.cs", status >= 500 ? "系统错误" : "无法完成请求");
    rendering_error = 0;
    if (rc != 200) {
        /* even the error template failed: a plain page, still escaped */
        buf_reset(&r->body);
        buf_adds(&r->body, "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\">"
                           "<title>错误</title><p>");
        esc_html(&r->body, msg);
        buf_adds(&r->body, "</p></html>");
        r->ctype = "text/html; charset=utf-8";
    }
    return status;
}
