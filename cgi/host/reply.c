/*
 * reply.c - the response: its headers, its body buffered or streamed (an
 * export goes out in pieces once the request's writes are committed), and
 * the answers a handler gives when it fails or refuses (the error page;
 * a refusal audited).
 */
#include "host.h"
#include "db.h"
#include "files.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

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
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

/* the headers, with the body after them when it is given: a page goes to
 * the server in one write (portal.c fcgi_write) */
static void send_headers(portal_req *r, long long content_length, const buf *body)
{
    buf h;
    buf_init(&h);
    /* the headers and the page in one piece: room made once, not doubled
     * up to the page's size */
    buf_reserve(&h, 1024 + r->headers.len + (body ? body->len : 0));
    buf_printf(&h, "Status: %d %s\r\n", r->status, reason(r->status));
    buf_printf(&h, "Content-Type: %s\r\n", r->ctype ? r->ctype : "text/html; charset=utf-8");
    buf_adds(&h, "X-Content-Type-Options: nosniff\r\n"
                 "X-Frame-Options: DENY\r\n"
                 "Referrer-Policy: same-origin\r\n"
                 "Cache-Control: no-store\r\n"
                 "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
                 "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                 "form-action 'self'; frame-ancestors 'none'\r\n");
    if (config_int("secure_cookies", 0) || (r->https && strcasecmp(r->https, "on") == 0))
        buf_adds(&h, "Strict-Transport-Security: max-age=31536000\r\n");
    if (content_length >= 0)
        buf_printf(&h, "Content-Length: %lld\r\n", content_length);
    buf_add(&h, r->headers.data ? r->headers.data : "", r->headers.len);
    buf_adds(&h, "\r\n");
    if (body && body->len)
        buf_add(&h, body->data, body->len);
    if (r->io->write_buf) /* the page handed over, not copied again (portal.c) */
        r->io->write_buf(r->io->ctx, &h);
    else
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
    if (r->stream_refused) {
        buf_reset(&r->body);
        return;
    }
    if (!r->headers_sent &&
        (audit_flush(r) != 0 || db_doomed() || (db_in_txn() && db_commit_now() != 0))) {
        /* nothing goes out before the request's writes and a read's audit
         * rows are committed: a failed unit of work answers 503 instead
         * (settle) */
        r->stream_refused = 1;
        buf_reset(&r->body);
        return;
    }
    if (!r->headers_sent) {
        files_settle(r, 1); /* committed with the request's writes */
        r->streaming = 1;
        if (!r->status)
            r->status = 200;
        send_headers(r, -1, NULL);
    }
    if (r->body.len && strcmp(r->method, "HEAD") != 0)
        r->io->write(r->io->ctx, r->body.data, r->body.len);
    buf_reset(&r->body);
}

void resp_write(portal_req *r, const void *data, size_t len)
{
    buf_add(&r->body, data, len);
    if (r->body.len >= STREAM_CHUNK && !r->hold_output)
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

void resp_finish(portal_req *r)
{
    if (r->streaming) {
        stream_flush(r);
        return;
    }
    send_headers(r, (long long)r->body.len, strcmp(r->method, "HEAD") != 0 ? &r->body : NULL);
}

int reply_fail(portal_req *r, int status, const char *msg)
{
    if (r->headers_sent) {
        /* an export already under way: its status went out, it just ends */
        log_msg("PT0505", "%s %s failed (%d) after output began", r->method, r->path, status);
        return status;
    }
    r->status = status;
    if (status == 400) /* a POST's refusal: request.c shows its form again */
        r->refused_msg = msg ? msg : "无法完成请求。";
    render_error(r, status, msg ? msg : status == 404 ? "页面不存在，或您无权查看。" : "无法完成请求。");
    return status;
}

int reply_not_found(portal_req *r, const char *otype, const char *oid)
{
    audit(r, "deny", otype, oid, "outside the user's scope");
    return reply_fail(r, 404, NULL);
}

/* 1.6: one audited answer for every refusal a handler decides */
int reply_refuse(portal_req *r, int status, const char *otype, const char *oid,
                    const char *reason, const char *msg)
{
    if (status != 403 && status != 404 && status != 429)
        status = 403;
    if (db_in_txn())
        db_rollback(); /* nothing was done; the audit row must not go with it */
    audit(r, "deny", otype, oid,
          arena_sprintf(r->a, "%d %s", status, reason && *reason ? reason : "refused"));
    return reply_fail(r, status, msg);
}
