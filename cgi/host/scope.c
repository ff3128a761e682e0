/*
 * scope.c - the one scope check for division-scoped and organisation-scoped
 * users, and the SQL form of it for lists (see scope.h and
 * sql/013_org_scopes.sql; the links of children to organisations: links.c).
 */
#include "scope.h"
#include "audit.h"
#include "dates.h"
#include "db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long long scope_org(const portal_req *r)
{
    return r->logged_in && r->user.scope && strcmp(r->user.scope, "org") == 0 ? r->user.org_id
                                                                                : 0;
}

/* The link is active: not ended, today within its dates, its organisation
 * active, and of the relation its organisation's kind has.  One definition,
 * for the C check and for lists.  An archived file (issue 19: the privacy
 * module's retention job) is in no list and no search: NOT_ARCHIVED. */
#define NOT_ARCHIVED(A) A ".status <> 'archived'"
#define LINKED_SQL                                                                         \
    "EXISTS (SELECT 1 FROM child_org_links l JOIN orgs o ON o.id = l.org_id "              \
    "JOIN org_kinds k ON k.code = o.kind AND k.relation = l.relation "                     \
    "WHERE l.child_id = %s.id AND l.org_id = ? AND o.active = 1 AND l.ended_at IS NULL "   \
    "AND ? BETWEEN l.valid_from AND COALESCE(l.valid_to, '9999-12-31'))"

static int alias_ok(const char *a)
{
    size_t n = a ? strlen(a) : 0;
    if (n == 0 || n > 32 || !((a[0] >= 'a' && a[0] <= 'z') || a[0] == '_'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((a[i] >= 'a' && a[i] <= 'z') || (a[i] >= '0' && a[i] <= '9') || a[i] == '_'))
            return 0;
    return 1;
}

const char *scope_svc_sql(portal_req *r, const char *alias, const char **arg1,
                          const char **arg2)
{
    if (!alias_ok(alias) || !arg1 || !arg2) {
        log_msg("PT0510", "scope_sql: a bad table alias or no arguments");
        return NULL;
    }
    long long org = scope_org(r);
    if (org) {
        *arg1 = arena_sprintf(r->a, "%lld", org);
        *arg2 = clock_today(r);
        return arena_sprintf(r->a, "(" LINKED_SQL " AND " NOT_ARCHIVED("%s") ")", alias, alias);
    }
    /* no scope at all (a NULL argument): never true */
    *arg2 = NULL;
    const char *col = arena_sprintf(r->a, "%s.village_code", alias);
    return arena_sprintf(r->a, "(%s AND ? IS NULL AND " NOT_ARCHIVED("%s") ")",
                         scope_svc_where(r, col, arg1), alias);
}

/* a column ("c.village_code") or an expression of columns
 * ("COALESCE(c.village_code, g.division_code)"): letters, digits, '_', '.',
 * '(', ')', ',' and spaces only - never a quote, a '?' or a ';' */
static int column_ok(const char *c)
{
    size_t n = c ? strlen(c) : 0;
    if (n == 0 || n > 200)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= 'A' && c[i] <= 'Z') ||
              (c[i] >= '0' && c[i] <= '9') || strchr("_.(), ", c[i])))
            return 0;
    return 1;
}

int scope_set_has(const portal_req *r, const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n != 12 || !r->scope_set)
        return 0;
    for (const char *p = r->scope_set; (p = strstr(p, code)) != NULL; p += n)
        if ((p == r->scope_set || p[-1] == ',') && (p[n] == ',' || p[n] == 0))
            return 1;
    return 0;
}

/* THE condition of a list on a column holding a village code (issue 15):
 * a division-scoped user's prefix, a set user's villages (looked up through
 * the divisions table, so the column's index still serves), nothing for an
 * org-scoped user or no user (a NULL argument is never true). */
const char *scope_svc_where(portal_req *r, const char *column, const char **arg)
{
    if (!column_ok(column) || !arg) {
        log_msg("PT0511", "scope_where: a bad column name or no argument");
        return NULL;
    }
    if (r->logged_in && r->scope_set && !scope_org(r)) {
        *arg = r->scope_set;
        /* a set of one village (a village's director): the same condition
         * as an equality, which a key beginning with the column reads as
         * one run in the key's order (issue 17: a director's list sorted
         * the village's every child behind a semi-join) */
        if (strlen(r->scope_set) == 12)
            return arena_sprintf(r->a, "%s = ?", column);
        return arena_sprintf(r->a, "%s IN (SELECT scope_d.code FROM divisions scope_d "
                             "WHERE FIND_IN_SET(scope_d.code, ?) > 0)", column);
    }
    *arg = scope_prefix(r);
    return arena_sprintf(r->a, "%s LIKE CONCAT(?, '%%')", column);
}

int scope_allows(portal_req *r, const char *division, long long child_id)
{
    if (!r->logged_in)
        return 0;
    long long org = scope_org(r);
    if (!org)
        return in_scope(r, division);
    if (child_id <= 0)
        return 0;
    db_rows *q = db_query(r->a, arena_sprintf(r->a, "SELECT 1 FROM children c WHERE c.id = ? "
                                                    "AND " LINKED_SQL, "c"),
                          "iis", child_id, org, clock_today(r));
    return q && db_next(q);
}

/* The user's jurisdiction as a code prefix: county 500242, township
 * 500242101, village all 12 digits.  No user, a user of an org-scoped
 * organisation (scope.h: never anything by division) or a user scoped by a
 * set of villages (issue 15: a set is no prefix): no prefix. */
const char *scope_prefix(portal_req *r)
{
    if (!r->logged_in || scope_org(r) || r->scope_set || !r->user.division ||
        strlen(r->user.division) != 12)
        return NULL;
    const char *d = r->user.division;
    size_t n = 12;
    if (strcmp(d + 9, "000") == 0) {
        n = 9;
        if (strcmp(d + 6, "000000") == 0)
            n = 6;
    }
    return arena_strndup(r->a, d, n);
}

const char *scope_villages(portal_req *r)
{
    const char *p = scope_prefix(r);
    if (p)
        return strlen(p) == 12 ? p : NULL;
    return r->logged_in && r->scope_set && !scope_org(r) ? r->scope_set : NULL;
}

int in_scope(portal_req *r, const char *code)
{
    if (r->logged_in && r->scope_set)
        return scope_set_has(r, code);
    const char *p = scope_prefix(r);
    return p && code && strlen(code) == 12 && strncmp(code, p, strlen(p)) == 0;
}
