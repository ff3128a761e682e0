/*
 * http.h - parsers for what a browser sends: query strings, urlencoded and
 * multipart bodies, cookies.  Pure functions over a buffer (no I/O), so the
 * unit tests and the libFuzzer targets call them directly.  Everything they
 * return lives in the arena.  Text is rejected unless it is valid UTF-8 with
 * no NUL or other C0 control character except tab, CR and LF.
 */
#ifndef PORTAL_HTTP_H
#define PORTAL_HTTP_H

#include <stddef.h>
#include "util.h"

typedef struct {
    const char *name;
    const char *value;     /* NUL-terminated; for uploads the raw bytes */
    size_t len;            /* length of value */
    const char *filename;  /* uploads only, else NULL */
    const char *ctype;     /* uploads only */
} http_field;

typedef struct {
    http_field *v;
    size_t n, cap;
} http_fields;

typedef struct {
    size_t max_fields;     /* fields per request */
    size_t max_name_len;   /* bytes */
    size_t max_field_len;  /* bytes of a text value */
    size_t max_upload;     /* bytes of one uploaded file */
} http_limits;

enum http_status {
    HTTP_OK = 0,
    HTTP_E_SYNTAX,        /* malformed */
    HTTP_E_TOO_MANY,      /* more than max_fields */
    HTTP_E_TOO_LONG,      /* a name or value over its limit */
    HTTP_E_ENCODING,      /* invalid UTF-8, NUL or control character */
    HTTP_E_UPLOAD_TOO_BIG /* a file over max_upload */
};

int http_parse_urlencoded(arena *a, const char *s, size_t n, http_fields *out,
                          const http_limits *lim);
int http_parse_cookies(arena *a, const char *s, size_t n, http_fields *out,
                       const http_limits *lim);
int http_parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                         http_fields *out, const http_limits *lim);

const http_field *http_get(const http_fields *f, const char *name);
const char *http_error_text(int code);  /* a Chinese message for the user */
int http_error_status(int code);        /* 400 or 413 */
/* The upload limit, named the same way wherever a file is too large: the
 * multipart reader (max_upload), the body check (max_body), the stored-file
 * service (FILE_MAX_BYTES) and Apache's LimitRequestBody page (413.html,
 * pages.tsv) */
#define HTTP_UPLOAD_MB 8
#define HTTP_STR_(x) #x
#define HTTP_STR(x) HTTP_STR_(x)
#define HTTP_UPLOAD_TOO_BIG "上传的文件超过 " HTTP_STR(HTTP_UPLOAD_MB) " MB，请压缩后或分开上传。"
int http_text_ok(const char *s, size_t n, int allow_newlines);

#endif
