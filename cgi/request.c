/*
 * request.c - one request from bytes in to bytes out:
 *   parse -> route -> session -> login / permission -> CSRF + Origin for
 *   state changes -> declared parameters validated -> handler -> layout ->
 *   security headers -> write.
 * The handler runs inside the request's arena; a database deadlock makes the
 * host roll back and run the handler again (at most three times).
 */
#include "host.h"
#include "db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

static const char *status_message(int status)
{
    switch (status) {
    case 400: return "请求无效。";
    case 403: return "您没有权限执行此操作。";
    case 404: return "页面不存在，或您无权查看。";
    case 405: return "不支持此请求方式。";
    case 413: return "提交的内容过大。";
    case 503: return "系统暂时无法连接数据库，请稍后再试。";
    default: return "系统发生错误，请稍后再试。";
    }
}

void resp_header(portal_req *r, const char *name, const char *value)
{
    /* header values come from code, never raw from the request: still refuse CR/LF */
    if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
        return;
    buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

static void send_headers(portal_req *r, long long content_length)
{
    buf h;
    buf_init(&h);
    buf_printf(&h, "Status: %d %s\r\n", r->status, reason(r->status));
    buf_printf(&h, "Content-Type: %s\r\n", r->ctype ? r->ctype : "text/html; charset=utf-8");
    buf_adds(&h, "X-Content-Type-Options: nosniff\r\n"
                 "X-Frame-Options: DENY\r\n"
                 "Referrer-Policy: same-origin\r\n"
                 "Cache-Control: no-store\r\n"
                 "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
                 "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                 "form-action 'self'; frame-ancestors 'none'\r\n");
    if (config_int("secure_cookies", 0))
        buf_adds(&h, "Strict-Transport-Security: max-age=31536000\r\n");
    if (content_length >= 0)
        buf_printf(&h, "Content-Length: %lld\r\n", content_length);
    buf_add(&h, r->headers.data ? r->headers.data : "", r->headers.len);
    buf_adds(&h, "\r\n");
    r->io->write(r->io->ctx, h.data, h.len);
    buf_free(&h);
    r->headers_sent = 1;
}

/* Module output is buffered in r->body: a small response goes out whole
 * with its Content-Length; a large one (an export) streams in 16 KB pieces,
 * the headers going out with the first. */
#define STREAM_CHUNK 16384

static void stream_flush(portal_req *r)
{
    if (!r->headers_sent) {
        r->streaming = 1;
        if (!r->status)
            r->status = 200;
        send_headers(r, -1);
    }
    if (r->body.len && strcmp(r->method, "HEAD") != 0)
        r->io->write(r->io->ctx, r->body.data, r->body.len);
    buf_reset(&r->body);
}

void resp_write(portal_req *r, const void *data, size_t len)
{
    buf_add(&r->body, data, len);
    if (r->body.len >= STREAM_CHUNK)
        stream_flush(r);
}

void resp_csv_cell(portal_req *r, const char *value, int last)
{
    esc_csv(&r->body, value, last);
    if (r->body.len >= STREAM_CHUNK)
        stream_flush(r);
}

int resp_sent(portal_req *r)
{
    return r->headers_sent;
}

static void finish(portal_req *r)
{
    if (r->streaming) {
        stream_flush(r);
        return;
    }
    send_headers(r, (long long)r->body.len);
    if (strcmp(r->method, "HEAD") != 0 && r->body.len)
        r->io->write(r->io->ctx, r->body.data, r->body.len);
}

static int fail(portal_req *r, int status, const char *msg)
{
    r->status = status;
    render_error(r, status, msg ? msg : status_message(status));
    return status;
}

/* ------------------------------------------------------------ parameters */

const char *req_param(portal_req *r, const char *name)
{
    return req_param_n(r, name, 0);
}

/* the i-th value of a declared parameter (a POST's from its body, else from
 * the query string), or NULL; check_params has validated every one */
const char *req_param_n(portal_req *r, const char *name, int i)
{
    if (!r->route || !r->route->r->params || i < 0)
        return NULL;
    for (const struct portal_param *p = r->route->r->params; p->name; p++) {
        if (strcmp(p->name, name) != 0)
            continue;
        const http_fields *fs = &r->bf;
        if (!http_get(fs, name) && strcmp(r->method, "POST") != 0)
            fs = &r->qf;
        for (size_t k = 0; k < fs->n; k++)
            if (strcmp(fs->v[k].name, name) == 0 && !fs->v[k].filename && i-- == 0)
                return fs->v[k].value;
        return NULL;
    }
    return NULL;
}

static int valid_date(const char *s)
{
    int y, m, d;
    char extra;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return 0;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d >= 1 && d <= mdays[m - 1] + (m == 2 && leap);
}

static int valid_int(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!*p || strlen(p) > 18)
        return 0;
    for (; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    return 1;
}

static const char *check_params(portal_req *r)
{
    const struct portal_param *ps = r->route->r->params;
    for (const struct portal_param *p = ps; p && p->name; p++) {
        if (p->type == PP_FILE) {
            const http_field *f = http_get(&r->bf, p->name);
            if (p->required && (!f || !f->filename))
                return arena_sprintf(r->a, "请选择要上传的%s。", p->label);
            continue;
        }
        const char *v = req_param(r, p->name);
        if (!v || !*v) {
            if (p->required)
                return arena_sprintf(r->a, "请填写%s。", p->label);
            continue;
        }
        size_t maxlen = p->maxlen;
        if (!maxlen)
            maxlen = p->type == PP_LINES ? 65536 : p->type == PP_INT ? 20 : 255;
        /* every value of a repeated parameter, not only the first */
        for (int i = 0; (v = req_param_n(r, p->name, i)) != NULL; i++) {
            if (strlen(v) > maxlen)
                return arena_sprintf(r->a, "%s过长（最多 %zu 字节）。", p->label, maxlen);
            int ok = 1;
            switch (p->type) {
            case PP_TEXT: ok = http_text_ok(v, strlen(v), 0); break;
            case PP_LINES: ok = http_text_ok(v, strlen(v), 1); break;
            case PP_INT: ok = !*v || valid_int(v); break;
            case PP_DATE: ok = !*v || valid_date(v); break;
            case PP_CODE:
                for (const char *c = v; *c && ok; c++)
                    ok = isalnum((unsigned char)*c) || *c == '_' || *c == '.' || *c == '-';
                break;
            }
            if (!ok)
                return arena_sprintf(r->a, "%s的格式不正确。", p->label);
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ body */

static int read_body(portal_req *r, char **out, size_t *outlen)
{
    size_t n = (size_t)r->content_length, got = 0;
    char *b = arena_alloc(r->a, n + 1);
    while (got < n) {
        long k = r->io->read(r->io->ctx, b + got, n - got);
        if (k <= 0)
            return -1;
        got += (size_t)k;
    }
    b[n] = 0;
    *out = b;
    *outlen = n;
    return 0;
}

static http_limits limits(void)
{
    /* a zero or negative setting must not lift the limit: use the default */
    long f = config_int("max_fields", 200), fl = config_int("max_field_len", 65536),
         up = config_int("max_upload", 8 << 20);
    http_limits l;
    l.max_fields = (size_t)(f > 0 ? f : 200);
    l.max_name_len = 100;
    l.max_field_len = (size_t)(fl > 0 ? fl : 65536);
    l.max_upload = (size_t)(up > 0 ? up : 8 << 20);
    return l;
}

/* ----------------------------------------------------------------- audit */

static void new_error_id(portal_req *r)
{
    char t[16];
    random_token(t, 6);
    r->error_id = arena_strdup(r->a, t);
}

static int run_handler(portal_req *r)
{
    int status = 500;
    for (int attempt = 0; attempt < 3; attempt++) {
        db_clear_flags();
        status = r->route->r->handler(r, &services);
        if (db_in_txn()) {
            if (status < 400) {
                if (db_commit() == 0)
                    return status;
                /* nothing was acknowledged: never send the handler's success */
                log_msg("PT0404", "commit failed in %s %s (%u %s)", r->method, r->path,
                        db_errno(), db_error());
                status = 500;
                buf_reset(&r->headers);
                buf_reset(&r->body);
            } else {
                db_rollback();
            }
        }
        if (!(status >= 500 && db_deadlock()) || r->streaming)
            return status;
        log_msg("PT0401", "deadlock in %s %s; running it again", r->method, r->path);
        buf_reset(&r->headers);
        buf_reset(&r->body);
        hdf_reset_request();
        struct timespec ts = {0, 20000000L * (attempt + 1)};
        nanosleep(&ts, NULL);
    }
    return status;
}

void (*request_begin_hook)(const portal_req *r);

/* the whole pipeline; returns the status */
static int process(portal_req *r)
{
    const struct req_io *io = r->io;
    r->method = io->getenv(io->ctx, "REQUEST_METHOD");
    const char *uri = io->getenv(io->ctx, "REQUEST_URI");
    if (!r->method || !uri)
        return fail(r, 400, NULL);
    r->content_type = io->getenv(io->ctx, "CONTENT_TYPE");
    r->remote_addr = io->getenv(io->ctx, "REMOTE_ADDR");
    r->host = io->getenv(io->ctx, "HTTP_HOST");
    r->origin = io->getenv(io->ctx, "HTTP_ORIGIN");
    r->referer = io->getenv(io->ctx, "HTTP_REFERER");
    r->https = io->getenv(io->ctx, "HTTPS");
    const char *cl = io->getenv(io->ctx, "CONTENT_LENGTH");
    r->content_length = cl && *cl ? atoll(cl) : 0;

    /* path and query from REQUEST_URI (the same under proxy_fcgi and fcgid) */
    const char *q = strchr(uri, '?');
    r->path = q ? arena_strndup(r->a, uri, (size_t)(q - uri)) : arena_strdup(r->a, uri);
    r->query = q ? q + 1 : "";
    for (const char *p = r->path; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == '%' || (unsigned char)*p >= 0x7f || *p == '\\')
            return fail(r, 404, NULL);
    http_limits lim = limits();
    int rc = http_parse_urlencoded(r->a, r->query, strlen(r->query), &r->qf, &lim);
    if (rc)
        return fail(r, http_error_status(rc), http_error_text(rc));
    const char *ck = io->getenv(io->ctx, "HTTP_COOKIE");
    if (ck && (rc = http_parse_cookies(r->a, ck, strlen(ck), &r->cookies, &lim)))
        return fail(r, 400, http_error_text(rc));

    if (strcmp(r->method, "GET") && strcmp(r->method, "POST") && strcmp(r->method, "HEAD")) {
        resp_header(r, "Allow", "GET, HEAD, POST");
        return fail(r, 405, NULL);
    }
    int st = 0;
    r->route = route_find(r, r->method, r->path, &st);
    if (!r->route) {
        if (st == 405)
            resp_header(r, "Allow", strcmp(r->method, "POST") ? "POST" : "GET, HEAD");
        /* a signed-in user keeps the header and menu on the error page */
        if (http_get(&r->cookies, "psid") && db_ensure() == 0)
            session_load(r);
        return fail(r, st, NULL);
    }
    const struct portal_route *rt = r->route->r;

    if (strcmp(r->method, "POST") == 0) {
        if (r->content_length < 0 || r->content_length > config_int("max_body", 10 << 20))
            return fail(r, 413, "提交的内容超过了允许的大小。");
        char *body;
        size_t blen;
        if (read_body(r, &body, &blen) != 0)
            return fail(r, 400, NULL);
        const char *ct = r->content_type ? r->content_type : "";
        if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
            rc = http_parse_urlencoded(r->a, body, blen, &r->bf, &lim);
        else if (strncasecmp(ct, "multipart/form-data", 19) == 0)
            rc = http_parse_multipart(r->a, ct, body, blen, &r->bf, &lim);
        else if (blen)
            rc = HTTP_E_SYNTAX;
        if (rc)
            return fail(r, http_error_status(rc), http_error_text(rc));
    }

    if (!(rt->flags & PR_NO_DB)) {
        if (db_ensure() != 0) {
            resp_header(r, "Retry-After", "5");
            return fail(r, 503, NULL);
        }
        if (session_load(r) != 0) {
            resp_header(r, "Retry-After", "5");
            return fail(r, db_connected() ? 500 : 503, NULL);
        }
    }
    if (!(rt->flags & (PR_PUBLIC | PR_NO_DB))) {
        if (!r->logged_in) {
            if (strcmp(r->method, "POST") == 0)
                return fail(r, 403, "登录已过期，请重新登录后再提交。");
            r->status = 303;
            buf h;
            buf_init(&h);
            buf_adds(&h, "/login?next=");
            esc_url(&h, r->path);
            resp_header(r, "Location", arena_strdup(r->a, h.data));
            buf_free(&h);
            return 303;
        }
        if (r->must_change_password && strcmp(r->path, "/account/password") != 0 &&
            strcmp(r->path, "/logout") != 0) {
            r->status = 303;
            resp_header(r, "Location", "/account/password");
            return 303;
        }
        if (rt->permission && !user_has_perm(r, rt->permission)) {
            audit(r, "deny", "route", r->path, rt->permission);
            return fail(r, 403, NULL);
        }
    }
    if (rt->flags & PR_STATE_CHANGING) {
        if (!csrf_check(r) || !origin_check(r)) {
            audit(r, "deny.csrf", "route", r->path, NULL);
            return fail(r, 403, "表单已失效或来源不正确，请刷新页面后重试。");
        }
    }
    const char *bad = check_params(r);
    if (bad)
        return fail(r, 400, bad);

    if (request_begin_hook)
        request_begin_hook(r);
    int status = run_handler(r);
    if (r->streaming)
        return status;
    r->status = status;
    if (status >= 400 && r->body.len == 0) {
        if (status >= 500) {
            if (!db_connected() && db_lost()) {
                resp_header(r, "Retry-After", "5");
                return fail(r, 503, NULL);
            }
            new_error_id(r);
            log_msg("PT0402", "error id %s: %s %s answered %d (db: %u %s)", r->error_id,
                    r->method, r->path, status, db_errno(), db_error());
        }
        return fail(r, status, NULL);
    }
    return status;
}

void request_handle(const struct req_io *io, arena *a)
{
    portal_req r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.io = io;
    buf_init(&r.headers);
    buf_init(&r.body);
    double t0 = now_mono();
    int status = process(&r);
    if (!r.status)
        r.status = status;
    if (db_in_txn())
        db_rollback();
    finish(&r);
    double ms = (now_mono() - t0) * 1000;
    if (ms > config_int("slow_ms", 1000))
        log_msg("PT0403", "slow request %s %s %d %.0f ms", r.method ? r.method : "?",
                r.path ? r.path : "?", r.status, ms);
    buf_free(&r.headers);
    buf_free(&r.body);
    hdf_reset_request();
}
