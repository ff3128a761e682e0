/* util.c - arena, buffer, escaping, encodings, configuration and log. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>

/* ------------------------------------------------------------------ arena */

struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct cleanup {
    struct cleanup *next;
    arena_cleanup_fn fn;
    void *arg;
};

struct arena {
    struct chunk *head;
    struct cleanup *cleanups;
    size_t chunk_size;
};

static struct chunk *chunk_new(size_t size)
{
    struct chunk *c = malloc(sizeof *c + size);
    if (!c) {
        log_msg("PT0001", "out of memory allocating %zu bytes", size);
        abort();
    }
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

arena *arena_new(size_t chunk)
{
    arena *a = calloc(1, sizeof *a);
    if (!a)
        abort();
    a->chunk_size = chunk ? chunk : 16384;
    a->head = chunk_new(a->chunk_size);
    return a;
}

void *arena_alloc(arena *a, size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n)
        abort();
    struct chunk *c = a->head;
    if (c->size - c->used < need) {
        size_t sz = need > a->chunk_size / 2 ? need : a->chunk_size;
        struct chunk *nc = chunk_new(sz);
        if (sz == need && c->size - c->used > 256) {
            /* big block: put it behind the current chunk, keep filling that */
            nc->next = c->next;
            c->next = nc;
            nc->used = need;
            return nc->data;
        }
        nc->next = c;
        a->head = nc;
        c = nc;
    }
    void *p = c->data + c->used;
    c->used += need;
    return p;
}

void *arena_zalloc(arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* the conversions arena_vsprintf writes itself: %s, %d, %i, %u with no
 * length or l, ll, z, and %%, no flags, width or precision (what names and
 * paths are made of); any other format is vsnprintf's */
static int fmt_plain(const char *fmt)
{
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
        p++;
        if (*p == '%' || *p == 's') {
            p++;
            continue;
        }
        if (*p == 'z')
            p++;
        else
            for (int k = 0; k < 2 && *p == 'l'; k++)
                p++;
        if (*p != 'd' && *p != 'i' && *p != 'u')
            return 0;
        p++;
    }
    return 1;
}

/* the digits of u, '-' first when neg, written before end; the start */
static char *digits_before(char *end, unsigned long long u, int neg)
{
    do
        *--end = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (neg)
        *--end = '-';
    return end;
}

/* one integer conversion at *pp (its length and letter), from ap */
static char *int_arg(const char **pp, va_list *ap, char num[24])
{
    const char *p = *pp;
    int size = 0; /* 0 int, 1 long, 2 long long, 3 size_t */
    if (*p == 'z') {
        size = 3;
        p++;
    }
    while (*p == 'l') {
        size++;
        p++;
    }
    int sign = *p != 'u';
    *pp = p + 1;
    unsigned long long u;
    long long v = 0;
    if (size == 3)
        u = sign ? (unsigned long long)(v = (long long)va_arg(*ap, ssize_t)) : va_arg(*ap, size_t);
    else if (size == 2)
        u = sign ? (unsigned long long)(v = va_arg(*ap, long long)) : va_arg(*ap, unsigned long long);
    else if (size == 1)
        u = sign ? (unsigned long long)(v = va_arg(*ap, long)) : va_arg(*ap, unsigned long);
    else
        u = sign ? (unsigned long long)(v = va_arg(*ap, int)) : va_arg(*ap, unsigned);
    if (sign && v < 0)
        u = 0ULL - u;
    return digits_before(num + 23, u, sign && v < 0);
}

/* a plain format (fmt_plain) into out (cap bytes): the length, or -1 when
 * it does not fit (ap is then spent) */
static int plain_format(char *out, size_t cap, const char *fmt, va_list *ap)
{
    size_t n = 0;
    char num[24];
    for (const char *p = fmt; *p;) {
        const char *pct = strchr(p, '%');
        size_t lit = pct ? (size_t)(pct - p) : strlen(p);
        const char *add = p;
        size_t len = lit;
        if (!lit) {
            p = pct + 1;
            if (*p == '%' || *p == 's') {
                add = *p == '%' ? "%" : va_arg(*ap, const char *);
                add = add ? add : "(null)";
                len = strlen(add);
                p++;
            } else {
                add = int_arg(&p, ap, num);
                len = (size_t)(num + 23 - add);
            }
        } else {
            p += lit;
        }
        if (n + len >= cap)
            return -1;
        memcpy(out + n, add, len);
        n += len;
    }
    out[n] = 0;
    return (int)n;
}

char *arena_vsprintf(arena *a, const char *fmt, va_list ap)
{
    /* formatted once when it fits the stack (a template path, a key: most
     * do), twice otherwise: every call formatted twice was 5% of a list
     * page's CPU (issue 17); a plain format without vsnprintf, which cost
     * a tenth of a child's file page (issue 17) */
    char tmp[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = fmt_plain(fmt) ? plain_format(tmp, sizeof tmp, fmt, &ap2) : -1;
    va_end(ap2);
    if (n < 0) {
        va_copy(ap2, ap);
        n = vsnprintf(tmp, sizeof tmp, fmt, ap2);
        va_end(ap2);
    }
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n < sizeof tmp)
        memcpy(p, tmp, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_sprintf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vsprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_on_reset(arena *a, arena_cleanup_fn fn, void *arg)
{
    struct cleanup *c = arena_alloc(a, sizeof *c);
    c->fn = fn;
    c->arg = arg;
    c->next = a->cleanups;
    a->cleanups = c;
}

void arena_reset(arena *a)
{
    /* cleanups may allocate nothing; run newest first */
    struct cleanup *c = a->cleanups;
    a->cleanups = NULL;
    for (; c; c = c->next)
        c->fn(c->arg);
    /* keep one chunk of the standard size, free the rest */
    struct chunk *keep = NULL, *n;
    for (struct chunk *k = a->head; k; k = n) {
        n = k->next;
        if (!keep && k->size == a->chunk_size)
            keep = k;
        else
            free(k);
    }
    if (!keep)
        keep = chunk_new(a->chunk_size);
    keep->next = NULL;
    keep->used = 0;
    a->head = keep;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    arena_reset(a);
    free(a->head);
    free(a);
}

size_t arena_used(const arena *a)
{
    size_t n = 0;
    for (const struct chunk *c = a->head; c; c = c->next)
        n += c->used;
    return n;
}

/* -------------------------------------------------------------------- buf */

void buf_init(buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_free(buf *b)
{
    free(b->data);
    buf_init(b);
}

void buf_reset(buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

static void buf_grow(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        log_msg("PT0002", "out of memory growing a buffer to %zu", cap);
        abort();
    }
    b->data = p;
    b->cap = cap;
}

void buf_reserve(buf *b, size_t n)
{
    buf_grow(b, n);
}

void buf_add_grown(buf *b, const void *p, size_t n)
{
    buf_grow(b, n); /* allocates even for n == 0: data is never NULL after a write */
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_adds(buf *b, const char *s)
{
    buf_add(b, s ? s : "", s ? strlen(s) : 0);
}

void buf_addc(buf *b, char c)
{
    buf_add(b, &c, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    va_end(ap);
}

/* --------------------------------------------------------------- escaping */

void esc_html(buf *b, const char *s)
{
    if (!s)
        return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_add(b, run, (size_t)(s - run));
        buf_adds(b, rep);
        run = s + 1;
    }
    buf_add(b, run, (size_t)(s - run));
}

void esc_url(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_add(b, "", 0);
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_addc(b, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_add(b, e, 3);
        }
    }
}

void esc_csv(buf *b, const char *v, int last)
{
    if (!v)
        v = "";
    /* a cell a spreadsheet would read as a formula gets a leading apostrophe */
    int formula = v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' ||
                  v[0] == '\r';
    int quote = strpbrk(v, ",\"\r\n") != NULL;
    if (quote)
        buf_addc(b, '"');
    if (formula)
        buf_addc(b, '\'');
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            buf_add(b, "\"\"", 2);
        else
            buf_addc(b, *p);
    }
    if (quote)
        buf_addc(b, '"');
    buf_add(b, last ? "\r\n" : ",", last ? 2 : 1);
}

int money_parse_fen(const char *in, int allow_sign, long long *fen)
{
    const char *p = in;
    int neg = 0;
    if (!p || !*p)
        return -1;
    if (*p == '-') {
        if (!allow_sign)
            return -1;
        neg = 1;
        p++;
    }
    long long whole = 0, frac = 0;
    int nd = 0, nf = 0;
    while (*p >= '0' && *p <= '9') {
        if (++nd > 10)
            return -1;
        whole = whole * 10 + (*p++ - '0');
    }
    if (nd == 0)
        return -1;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            if (++nf > 2)
                return -1;
            frac = frac * 10 + (*p++ - '0');
        }
        if (nf == 0)
            return -1;
        if (nf == 1)
            frac *= 10;
    }
    if (*p)
        return -1;
    *fen = (whole * 100 + frac) * (neg ? -1 : 1);
    return 0;
}

void money_format(long long fen, char out[32])
{
    unsigned long long a = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
    snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", a / 100, a % 100);
}

/* ---- text helpers */

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t text_trim_span(const char *s, size_t *len)
{
    size_t start = 0, n = strlen(s);
    while (start < n && is_space(s[start]))
        start++;
    while (n > start && is_space(s[n - 1]))
        n--;
    *len = n - start;
    return start;
}

const char *text_trim(arena *a, const char *s)
{
    if (!s)
        return "";
    size_t len, start = text_trim_span(s, &len);
    return arena_strndup(a, s + start, len);
}

const char *text_like_escape(arena *a, const char *s)
{
    if (!s)
        return "";
    char *out = arena_alloc(a, 2 * strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            *o++ = '\\';
        *o++ = *s;
    }
    *o = 0;
    return out;
}

const char *text_url_encode(arena *a, const char *s)
{
    buf b;
    buf_init(&b);
    esc_url(&b, s);
    char *out = arena_strndup(a, b.data, b.len);
    buf_free(&b);
    return out;
}

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + n;
    while (s < end) {
        unsigned char c = *s;
        if (c == 0)
            return 0;
        if (c < 0x80) {
            s++;
            continue;
        }
        size_t len;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
        else return 0;
        if ((size_t)(end - s) < len)
            return 0;
        for (size_t i = 1; i < len; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        s += len;
    }
    return 1;
}

size_t utf8_truncate(const char *s, size_t maxbytes)
{
    size_t n = strlen(s);
    if (n <= maxbytes)
        return n;
    n = maxbytes;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int is_local_path(const char *p)
{
    return p && p[0] == '/' && p[1] != '/' && p[1] != '\\' && !strpbrk(p, "\r\n");
}

int name_ok(const char *s)
{
    if (!s || !(*s >= 'a' && *s <= 'z'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

void json_str(buf *b, const char *s)
{
    if (!s) {
        buf_adds(b, "null");
        return;
    }
    buf_addc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_printf(b, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            buf_printf(b, "\\u%04x", *p);
        else
            buf_addc(b, (char)*p);
    }
    buf_addc(b, '"');
}

void json_field(buf *b, const char *key, const char *s)
{
    buf_printf(b, ",\"%s\":", key);
    json_str(b, s);
}

size_t b64url_encode(const unsigned char *in, size_t n, char *out)
{
    static const char t[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
        out[o++] = t[v >> 18];
        out[o++] = t[(v >> 12) & 63];
        out[o++] = t[(v >> 6) & 63];
        out[o++] = t[v & 63];
    }
    if (n - i == 1) {
        unsigned v = (unsigned)in[i] << 16;
        out[o++] = t[v >> 18];
        out[o++] = t[(v >> 12) & 63];
    } else if (n - i == 2) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
        out[o++] = t[v >> 18];
        out[o++] = t[(v >> 12) & 63];
        out[o++] = t[(v >> 6) & 63];
    }
    out[o] = 0;
    return o;
}

static int b64val(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

long b64url_decode(const char *in, size_t n, unsigned char *out, size_t outcap)
{
    size_t o = 0;
    unsigned v = 0;
    int bits = 0;
    if (n % 4 == 1)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int d = b64val(in[i]);
        if (d < 0)
            return -1;
        v = (v << 6) | (unsigned)d;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= outcap)
                return -1;
            out[o++] = (unsigned char)(v >> bits);
        }
    }
    return (long)o;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
    static const char h[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = h[in[i] >> 4];
        out[2 * i + 1] = h[in[i] & 15];
    }
    out[2 * n] = 0;
}

/* ---------------------------------------------------------- configuration */

struct kv { char *key, *value; };
static struct kv *cfg;
static size_t cfg_n, cfg_cap;
static char cfg_path[4096];

void config_set(const char *key, const char *value)
{
    for (size_t i = 0; i < cfg_n; i++)
        if (strcmp(cfg[i].key, key) == 0) {
            free(cfg[i].value);
            cfg[i].value = strdup(value);
            return;
        }
    if (cfg_n == cfg_cap) {
        cfg_cap = cfg_cap ? cfg_cap * 2 : 32;
        cfg = realloc(cfg, cfg_cap * sizeof *cfg);
        if (!cfg)
            abort();
    }
    cfg[cfg_n].key = strdup(key);
    cfg[cfg_n].value = strdup(value);
    cfg_n++;
}

static char *trim(char *s)
{
    size_t len;
    s += text_trim_span(s, &len);
    s[len] = 0;
    return s;
}

int config_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot open configuration %s: %s", path, strerror(errno));
        return -1;
    }
    snprintf(cfg_path, sizeof cfg_path, "%s", path);
    char line[4096];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
            fclose(f);
            return -1;
        }
        *eq = 0;
        config_set(trim(s), trim(eq + 1));
    }
    fclose(f);
    return 0;
}

const char *config_get(const char *key, const char *dflt)
{
    /* the first letter compared inline: a request asks for a handful of
     * keys among some 35, and a strcmp per key was a tenth of /hello's
     * instructions (issue 17) */
    for (size_t i = 0; i < cfg_n; i++)
        if (cfg[i].key[0] == key[0] && strcmp(cfg[i].key, key) == 0)
            return cfg[i].value;
    return dflt;
}

long config_int(const char *key, long dflt)
{
    const char *v = config_get(key, NULL);
    if (!v || !*v)
        return dflt;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 0);
    return *end || errno == ERANGE ? dflt : n;
}

void config_each(void (*fn)(const char *, const char *, void *), void *ctx)
{
    for (size_t i = 0; i < cfg_n; i++)
        fn(cfg[i].key, cfg[i].value, ctx);
}

const char *config_path(void)
{
    return cfg_path;
}

const char *config_locate(const char *explicit_path)
{
    if (explicit_path)
        return explicit_path;
    const char *env = getenv("PORTAL_CONFIG");
    if (env && *env)
        return env;
    if (access("var/portal.conf", R_OK) == 0)
        return "var/portal.conf";
    return "/etc/portal/portal.conf";
}

/* -------------------------------------------------------------------- log */

static char log_name[32] = "portal";

void log_set_name(const char *name)
{
    snprintf(log_name, sizeof log_name, "%s", name);
}

void log_vmsg(const char *id, const char *fmt, va_list ap)
{
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    /* never let a newline from data forge a log line */
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char ts[32];
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(stderr, "%s %s[%d] %s %s\n", ts, log_name, (int)getpid(), id, msg);
    fflush(stderr);
}

void log_msg(const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(id, fmt, ap);
    va_end(ap);
}

double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

long long now_unix(void)
{
    return (long long)time(NULL);
}
