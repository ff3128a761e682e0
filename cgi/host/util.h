/*
 * util.h - the few building blocks everything else uses: the request arena,
 * the growable buffer, the configuration file and the log.
 * One way to do each thing: allocate from an arena, build text in a buf.
 */
#ifndef PORTAL_UTIL_H
#define PORTAL_UTIL_H

#include <stddef.h>
#include <stdarg.h>

/* ---- arena: memory with a lifetime, plus cleanups run when it is reset ---- */
typedef struct arena arena;
typedef void (*arena_cleanup_fn)(void *);

arena *arena_new(size_t chunk);
void *arena_alloc(arena *a, size_t n);          /* aligned to 16; aborts on OOM */
void *arena_zalloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_sprintf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vsprintf(arena *a, const char *fmt, va_list ap);
void arena_on_reset(arena *a, arena_cleanup_fn fn, void *arg); /* LIFO */
void arena_reset(arena *a);                     /* runs cleanups, keeps one chunk */
void arena_free(arena *a);
size_t arena_used(const arena *a);

/* ---- buf: a growable byte string, always NUL-terminated ---- */
typedef struct {
    char *data;
    size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);
void buf_add_grown(buf *b, const void *p, size_t n); /* buf_add when it must grow */
void buf_reserve(buf *b, size_t n);       /* room for n more bytes, grown once */
/* inline, as a page is written in thousands of small pieces (issue 17) */
static inline void buf_add(buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        buf_add_grown(b, p, n);
        return;
    }
    if (n)
        __builtin_memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- escaping: one path per output context ---- */
void esc_html(buf *b, const char *s);     /* text and attribute values */
void esc_url(buf *b, const char *s);      /* a query-string component */
/* one CSV cell (RFC 4180 quoting; a formula-looking cell gets a leading
 * apostrophe); last = 1 ends the row with CRLF */
void esc_csv(buf *b, const char *v, int last);
/* whether the tag at p ('<', before end) is named name: "<td>", "<td ...",
 * "</table>" with name "/table" (the host's passes over a rendered page).
 * Inline, as those passes ask it for most tags of a page (issue 17): the
 * name's length is then known when compiling. */
static inline int html_tag_is(const char *p, const char *end, const char *name)
{
    size_t n = __builtin_strlen(name);
    return (size_t)(end - p) > n + 1 && __builtin_memcmp(p + 1, name, n) == 0 &&
           (p[n + 1] == ' ' || p[n + 1] == '>' || p[n + 1] == '\n' || p[n + 1] == '/');
}
int utf8_valid(const char *s, size_t n);  /* 1 if valid UTF-8 without NUL */
/* characters (code points) of valid UTF-8: what a user counts and what a
 * utf8mb4 VARCHAR(n) holds; every limit shown to users is in these */
size_t utf8_chars(const char *s);

/* text helpers (the services trim, like_escape, url_encode): results in a's
 * memory; NULL reads as "".  Whitespace is space, tab, CR and LF. */
size_t text_trim_span(const char *s, size_t *len);      /* offset of the trimmed text */
const char *text_trim(arena *a, const char *s);
const char *text_like_escape(arena *a, const char *s);  /* for LIKE ... ESCAPE '\\' */
const char *text_url_encode(arena *a, const char *s);   /* a query value (esc_url) */

/* money is integer fen.  "1651.5" -> 165150 exactly: digits, at most two
 * decimals, at most 10 integer digits, a leading '-' only when allow_sign;
 * 0 ok, -1 refused.  money_format: fen -> "1651.50" / "-12.05". */
int money_parse_fen(const char *in, int allow_sign, long long *fen);
void money_format(long long fen, char out[32]);
size_t utf8_truncate(const char *s, size_t maxbytes); /* bytes to keep, on a char boundary */
/* a path on this site ("/x"), never another site's ("//x", "/\\x") nor a header break: 1 */
int is_local_path(const char *p);
/* a name a module declares (module, workflow, step, setting, lookup...):
 * [a-z][a-z0-9_]*, 1 */
int name_ok(const char *s);
/* s as a JSON string, quoted (NULL: null); json_field adds ,"key":s */
void json_str(buf *b, const char *s);
void json_field(buf *b, const char *key, const char *s);

/* base64url without padding; returns bytes written (out has room for 4n/3+4) */
size_t b64url_encode(const unsigned char *in, size_t n, char *out);
/* returns decoded length or -1 */
long b64url_decode(const char *in, size_t n, unsigned char *out, size_t outcap);
void hex_encode(const unsigned char *in, size_t n, char *out); /* out: 2n+1 */

/* ---- configuration: "key = value" lines, '#' comments ---- */
int config_load(const char *path, char *err, size_t errlen); /* 0 ok */
const char *config_get(const char *key, const char *dflt);
long config_int(const char *key, long dflt);
void config_set(const char *key, const char *value);        /* for defaults and tests */
void config_each(void (*fn)(const char *key, const char *value, void *ctx), void *ctx);
const char *config_path(void);
/* find the configuration: explicit path, $PORTAL_CONFIG, ./var/portal.conf,
 * /etc/portal/portal.conf - the first that exists */
const char *config_locate(const char *explicit_path);

/* ---- log: one line per message, to stderr; every message has an id ---- */
void log_msg(const char *id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(const char *id, const char *fmt, va_list ap);
void log_set_name(const char *name);

/* monotonic and wall clocks */
double now_mono(void);
long long now_unix(void);

#endif
