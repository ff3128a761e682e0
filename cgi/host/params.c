/*
 * params.c - what a request carries, as the route declares it: declared
 * parameters (req_param), their limits, typed path arguments (seg_fits,
 * req_path_int).  Reads the request only; request.c checks the values.
 */
#include "host.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int valid_date(const char *s)
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

int valid_int(const char *s)
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

/* 2.0: a path segment of a typed argument (enum seg_type) */
int seg_fits(int type, const char *seg)
{
    size_t n = strlen(seg);
    switch (type) {
    case SEG_ANY:
        if (n < 1 || n > 64)
            return 0;
        for (const char *c = seg; *c; c++)
            if (!isalnum((unsigned char)*c) && *c != '_' && *c != '.' && *c != '-')
                return 0;
        return 1;
    case SEG_INT:
        return n <= 18 && seg[0] >= '1' && seg[0] <= '9' && valid_int(seg);
    case SEG_YM: {
        char d[16];
        if (n != 7)
            return 0;
        snprintf(d, sizeof d, "%s-01", seg);
        return valid_date(d);
    }
    case SEG_DATE:
        return valid_date(seg);
    case SEG_DIVISION:
        if (n != 12)
            return 0;
        for (const char *c = seg; *c; c++)
            if (!isdigit((unsigned char)*c))
                return 0;
        return 1;
    }
    return 0;
}

long long req_path_int(portal_req *r, const char *name)
{
    for (size_t i = 0; i < r->nargs; i++)
        if (strcmp(r->arg_names[i], name) == 0)
            return valid_int(r->arg_values[i]) ? atoll(r->arg_values[i]) : 0;
    return 0;
}

size_t param_limit(const struct portal_param *p)
{
    /* a multi-line text's default fits a TEXT column: 16000 x 4 bytes */
    return p->maxlen ? p->maxlen : p->type == PP_LINES ? 16000 : p->type == PP_INT ? 20 : 255;
}
