/* http.c - request parsers (see http.h). */
#include "http.h"

#include <string.h>
#include <strings.h>

static void fields_push(arena *a, http_fields *f, http_field v)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        http_field *nv = arena_alloc(a, cap * sizeof *nv);
        if (f->n)
            memcpy(nv, f->v, f->n * sizeof *nv);
        f->v = nv;
        f->cap = cap;
    }
    f->v[f->n++] = v;
}

const http_field *http_get(const http_fields *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->v[i].name, name) == 0)
            return &f->v[i];
    return NULL;
}

int http_text_ok(const char *s, size_t n, int allow_newlines)
{
    if (!utf8_valid(s, n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            if (allow_newlines && (c == '\n' || c == '\r' || c == '\t'))
                continue;
            return 0;
        }
    }
    return 1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* percent-decode s[0..n) into the arena; '+' is a space when plus is set */
static int pct_decode(arena *a, const char *s, size_t n, int plus, char **out, size_t *outlen)
{
    char *d = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            int h, l;
            if (i + 2 >= n)
                return HTTP_E_SYNTAX;
            h = hexval(s[i + 1]);
            l = hexval(s[i + 2]);
            if (h < 0 || l < 0)
                return HTTP_E_SYNTAX;
            d[o++] = (char)(h * 16 + l);
            i += 2;
        } else if (c == '+' && plus) {
            d[o++] = ' ';
        } else {
            d[o++] = c;
        }
    }
    d[o] = 0;
    *out = d;
    *outlen = o;
    return HTTP_OK;
}

int http_parse_urlencoded(arena *a, const char *s, size_t n, http_fields *out,
                          const http_limits *lim)
{
    size_t i = 0;
    while (i < n) {
        size_t end = i;
        while (end < n && s[end] != '&')
            end++;
        if (end > i) {
            size_t eq = i;
            while (eq < end && s[eq] != '=')
                eq++;
            if (out->n >= lim->max_fields)
                return HTTP_E_TOO_MANY;
            char *name, *value;
            size_t nl, vl;
            if (eq - i > lim->max_name_len * 3 || end - eq > lim->max_field_len * 3 + 1)
                return HTTP_E_TOO_LONG;
            int rc = pct_decode(a, s + i, eq - i, 1, &name, &nl);
            if (rc)
                return rc;
            if (eq < end)
                rc = pct_decode(a, s + eq + 1, end - eq - 1, 1, &value, &vl);
            else {
                value = arena_strdup(a, "");
                vl = 0;
            }
            if (rc)
                return rc;
            if (nl == 0)
                return HTTP_E_SYNTAX;
            if (nl > lim->max_name_len || vl > lim->max_field_len)
                return HTTP_E_TOO_LONG;
            if (!http_text_ok(name, nl, 0) || !http_text_ok(value, vl, 1))
                return HTTP_E_ENCODING;
            fields_push(a, out, (http_field){name, value, vl, NULL, NULL});
        }
        i = end + 1;
    }
    return HTTP_OK;
}

int http_parse_cookies(arena *a, const char *s, size_t n, http_fields *out,
                       const http_limits *lim)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t end = i;
        while (end < n && s[end] != ';')
            end++;
        size_t eq = i;
        while (eq < end && s[eq] != '=')
            eq++;
        if (eq < end && eq > i) {
            size_t vs = eq + 1, ve = end;
            while (vs < ve && (s[vs] == ' ' || s[vs] == '\t'))
                vs++;
            while (ve > vs && (s[ve - 1] == ' ' || s[ve - 1] == '\t'))
                ve--;
            if (ve - vs >= 2 && s[vs] == '"' && s[ve - 1] == '"') {
                vs++;
                ve--;
            }
            size_t ne = eq;
            while (ne > i && (s[ne - 1] == ' ' || s[ne - 1] == '\t'))
                ne--;
            if (out->n >= lim->max_fields)
                return HTTP_E_TOO_MANY;
            if (ne - i > lim->max_name_len || ve - vs > lim->max_field_len)
                return HTTP_E_TOO_LONG;
            /* cookie values are opaque tokens: printable ASCII only */
            for (size_t k = i; k < ve; k++) {
                unsigned char c = (unsigned char)s[k];
                if (c < 0x20 || c >= 0x7f)
                    return HTTP_E_ENCODING;
            }
            char *name = arena_strndup(a, s + i, ne - i);
            char *value = arena_strndup(a, s + vs, ve - vs);
            fields_push(a, out, (http_field){name, value, ve - vs, NULL, NULL});
        } else if (end > i) {
            /* a cookie without '=' carries nothing we use; skip it */
            for (size_t k = i; k < end; k++)
                if ((unsigned char)s[k] < 0x20 && s[k] != '\t')
                    return HTTP_E_ENCODING;
        }
        i = end + 1;
    }
    return HTTP_OK;
}

static const char *memfind(const char *h, size_t hn, const char *nd, size_t nn)
{
    if (nn == 0 || hn < nn)
        return NULL;
    const char *end = h + hn - nn + 1;
    for (const char *p = h; p < end; p++) {
        p = memchr(p, nd[0], (size_t)(end - p));
        if (!p)
            return NULL;
        if (memcmp(p, nd, nn) == 0)
            return p;
    }
    return NULL;
}

/* value of parameter `key` in a header like: form-data; name="a"; filename="b" */
static char *header_param(arena *a, const char *h, size_t n, const char *key)
{
    size_t kl = strlen(key);
    size_t i = 0;
    while (i < n) {
        while (i < n && (h[i] == ';' || h[i] == ' ' || h[i] == '\t'))
            i++;
        if (i + kl < n && strncasecmp(h + i, key, kl) == 0 && h[i + kl] == '=') {
            i += kl + 1;
            if (i < n && h[i] == '"') {
                size_t s = ++i;
                while (i < n && h[i] != '"')
                    i++;
                if (i >= n)
                    return NULL;
                return arena_strndup(a, h + s, i - s);
            }
            size_t s = i;
            while (i < n && h[i] != ';' && h[i] != ' ')
                i++;
            return arena_strndup(a, h + s, i - s);
        }
        int quoted = 0;
        while (i < n && (quoted || h[i] != ';')) {
            if (h[i] == '"')
                quoted = !quoted;
            i++;
        }
    }
    return NULL;
}

/* The value of the header line (ll bytes) after its name hname,
 * leading spaces skipped: NULL when the line is not that header. */
static const char *header_value(const char *line, size_t ll, const char *hname, size_t *vl)
{
    size_t nl = strlen(hname);
    if (ll <= nl || strncasecmp(line, hname, nl) != 0)
        return NULL;
    const char *v = line + nl;
    *vl = ll - nl;
    while (*vl && *v == ' ') { v++; (*vl)--; }
    return v;
}

/* A part's headers, from p to hend (its blank line): name, filename (NULL
 * for a plain field) and content type (NULL when not given). */
static int part_headers(arena *a, const char *p, const char *hend, char **name,
                        char **filename, char **ctype)
{
    *name = *filename = *ctype = NULL;
    for (const char *line = p; line < hend + 2;) {
        const char *le = memfind(line, (size_t)(hend + 2 - line), "\r\n", 2);
        if (!le)
            break;
        size_t ll = (size_t)(le - line), vl;
        const char *v;
        if ((v = header_value(line, ll, "Content-Disposition:", &vl))) {
            if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
                return HTTP_E_SYNTAX;
            *name = header_param(a, v + 9, vl - 9, "name");
            *filename = header_param(a, v + 9, vl - 9, "filename");
        } else if ((v = header_value(line, ll, "Content-Type:", &vl))) {
            *ctype = arena_strndup(a, v, vl);
        }
        line = le + 2;
    }
    return *name && **name ? HTTP_OK : HTTP_E_SYNTAX;
}

/* A part within the limits: HTTP_OK, or the error (name, filename, ctype
 * from part_headers; its data len bytes). */
static int part_check(const char *name, const char *filename, const char *ctype,
                      const char *data, size_t len, const http_limits *lim)
{
    size_t nl = strlen(name);
    if (nl > lim->max_name_len)
        return HTTP_E_TOO_LONG;
    if (!http_text_ok(name, nl, 0))
        return HTTP_E_ENCODING;
    if (!filename) {
        if (len > lim->max_field_len)
            return HTTP_E_TOO_LONG;
        return http_text_ok(data, len, 1) ? HTTP_OK : HTTP_E_ENCODING;
    }
    if (len > lim->max_upload)
        return HTTP_E_UPLOAD_TOO_BIG;
    size_t fl = strlen(filename);
    if (fl > lim->max_field_len)
        return HTTP_E_TOO_LONG;
    if (!http_text_ok(filename, fl, 0))
        return HTTP_E_ENCODING;
    if (ctype && !http_text_ok(ctype, strlen(ctype), 0))
        return HTTP_E_ENCODING;
    return HTTP_OK;
}

int http_parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                         http_fields *out, const http_limits *lim)
{
    if (!content_type)
        return HTTP_E_SYNTAX;
    const char *semi = strchr(content_type, ';');
    if (!semi)
        return HTTP_E_SYNTAX;
    char *boundary = header_param(a, semi, strlen(semi), "boundary");
    if (!boundary || !*boundary || strlen(boundary) > 200)
        return HTTP_E_SYNTAX;
    char *delim = arena_sprintf(a, "\r\n--%s", boundary);
    size_t dl = strlen(delim);

    /* the body starts with the delimiter without its leading CRLF */
    if (n < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
        return HTTP_E_SYNTAX;
    const char *p = body + dl - 2, *end = body + n;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return HTTP_OK; /* closing delimiter */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return HTTP_E_SYNTAX;
        p += 2;
        const char *hend = memfind(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!hend || hend - p > 4096)
            return HTTP_E_SYNTAX;
        if (memchr(p, 0, (size_t)(hend - p)))
            return HTTP_E_ENCODING;
        char *name, *filename, *ctype;
        int rc = part_headers(a, p, hend, &name, &filename, &ctype);
        if (rc != HTTP_OK)
            return rc;
        const char *data = hend + 4;
        const char *next = memfind(data, (size_t)(end - data), delim, dl);
        if (!next)
            return HTTP_E_SYNTAX;
        size_t len = (size_t)(next - data);
        if (out->n >= lim->max_fields)
            return HTTP_E_TOO_MANY;
        if ((rc = part_check(name, filename, ctype, data, len, lim)) != HTTP_OK)
            return rc;
        p = next + dl;
        if (filename && !*filename && len == 0)
            continue;   /* an empty file input: the browser sends it, nobody chose a file */
        fields_push(a, out,
                    (http_field){name, arena_strndup(a, data, len), len, filename,
                                 filename ? (ctype ? ctype : "application/octet-stream") : NULL});
    }
}

const char *http_error_text(int code)
{
    switch (code) {
    case HTTP_E_TOO_MANY: return "提交的字段过多，请减少后重试。";
    case HTTP_E_TOO_LONG: return "提交的内容过长，请缩短后重试。";
    case HTTP_E_ENCODING: return "提交的内容含有无效字符（须为 UTF-8 文本，不得含控制字符）。";
    case HTTP_E_UPLOAD_TOO_BIG: return HTTP_UPLOAD_TOO_BIG;
    case HTTP_E_SYNTAX: return "请求格式不正确。";
    default: return "请求无效。";
    }
}

int http_error_status(int code)
{
    return code == HTTP_E_UPLOAD_TOO_BIG || code == HTTP_E_TOO_LONG ? 413 : 400;
}
