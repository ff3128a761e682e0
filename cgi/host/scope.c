/*
 * scope.c - the one scope check for division-scoped and organisation-scoped
 * users, the SQL form of it for lists, and the links of children to
 * organisations (see scope.h and sql/013_org_scopes.sql).
 */
#include "scope.h"
#include "disclose.h"
#include "audit.h"
#include "child.h"
#include "dates.h"
#include "db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTE_BYTES 600 /* child_org_links.note is VARCHAR(200): 200 characters */

static char errbuf[256];

static void set_err(const char *msg)
{
    snprintf(errbuf, sizeof errbuf, "%s", msg);
}

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
        *arg2 = services.today(r);
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
        return arena_sprintf(r->a, "%s IN (SELECT scope_d.code FROM divisions scope_d "
                             "WHERE FIND_IN_SET(scope_d.code, ?) > 0)", column);
    }
    *arg = services.scope_prefix(r);
    return arena_sprintf(r->a, "%s LIKE CONCAT(?, '%%')", column);
}

int scope_allows(portal_req *r, const char *division, long long child_id)
{
    if (!r->logged_in)
        return 0;
    long long org = scope_org(r);
    if (!org)
        return services.in_scope(r, division);
    if (child_id <= 0)
        return 0;
    db_rows *q = db_query(r->a, arena_sprintf(r->a, "SELECT 1 FROM children c WHERE c.id = ? "
                                                    "AND " LINKED_SQL, "c"),
                          "iis", child_id, org, services.today(r));
    return q && db_next(q);
}

/* the organisation a child may be linked to with `relation`: its name and
 * the relation's title, or NULL with the message set */
static const char *link_org(portal_req *r, long long org_id, const char *relation,
                            const char **title)
{
    db_rows *q = db_query(r->a, "SELECT o.name, k.relation, k.relation_title FROM orgs o "
                          "JOIN org_kinds k ON k.code = o.kind WHERE o.id = ? AND o.active = 1",
                          "i", org_id);
    if (!q || !db_next(q))
        return set_err("该单位不存在或已停用。"), NULL;
    const char *want = db_col(q, 1);
    if (!want)
        return set_err("该类单位按行政区划管辖，不关联儿童。"), NULL;
    *title = db_col(q, 2);
    if (!relation || strcmp(relation, want) != 0)
        return set_err(arena_sprintf(r->a, "该单位只能以“%s”关联儿童。", *title)), NULL;
    return db_col(q, 0);
}

/* from (NULL: today) and to (NULL or ""; none) as dates, to not before from */
static int link_dates(portal_req *r, const char **from, const char **to)
{
    if (!*from || !**from)
        *from = services.today(r);
    if (*to && !**to)
        *to = NULL;
    if (day_parse(*from) == PORTAL_NO_DAY || (*to && day_parse(*to) == PORTAL_NO_DAY))
        return set_err("日期格式应为 YYYY-MM-DD。"), -1;
    if (*to && day_parse(*to) < day_parse(*from))
        return set_err("结束日期不能早于开始日期。"), -1;
    return 0;
}

long long scope_svc_link(portal_req *r, long long child_id, long long org_id,
                         const char *relation, const char *from, const char *to,
                         const char *note)
{
    errbuf[0] = 0;
    if (!note)
        note = "";
    if (strlen(note) > NOTE_BYTES || !utf8_valid(note, strlen(note)))
        return set_err("备注过长或含有无效字符。"), -1;
    if (!child_svc_get(r, child_id)) /* the denial is audited */
        return set_err("无权关联该儿童。"), -1;
    const char *rt = NULL, *org = link_org(r, org_id, relation, &rt);
    if (!org || link_dates(r, &from, &to) != 0)
        return -1;
    db_rows *d = db_query(r->a, "SELECT id FROM child_org_links WHERE child_id = ? AND "
                          "org_id = ? AND relation = ? AND ended_at IS NULL", "iis",
                          child_id, org_id, relation);
    if (!d)
        return set_err("数据库暂时不可用。"), -1;
    if (db_next(d))
        return set_err("该儿童已关联此单位。"), -1;
    const char *module = r->mod ? r->mod->m->name : "core";
    if (db_exec(r->a, "INSERT INTO child_org_links (child_id, org_id, relation, valid_from, "
                "valid_to, note, module, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
                "UTC_TIMESTAMP(), ?)", "iisssssi", child_id, org_id, relation, from, to, note,
                module, (long long)r->user.id) != 1)
        return set_err("数据库暂时不可用。"), -1;
    long long id = db_insert_id();
    const char *summary = arena_sprintf(r->a, "关联%s（%s），自 %s 起%s%s", org, rt, from, to ? "至 " : "",
                                        to ? to : "");
    if (child_event_write(r, module, child_id, "org.link", summary) != 0 ||
        disclose_link(r, child_id, org_id, org, rt, id, module) != 0)
        return set_err("数据库暂时不可用。"), -1;
    audit(r, "child.link", "child", arena_sprintf(r->a, "%lld", child_id),
          arena_sprintf(r->a, "link=%lld org=%lld relation=%s from=%s to=%s (%s)", id, org_id,
                        relation, from, to ? to : "-", module));
    return db_doomed() ? -1 : id;
}

int scope_svc_unlink(portal_req *r, long long link_id)
{
    errbuf[0] = 0;
    const char *lid = arena_sprintf(r->a, "%lld", link_id);
    db_rows *q = db_query(r->a, "SELECT l.child_id, l.org_id, l.relation, o.name, "
                          "l.ended_at IS NOT NULL, k.relation_title FROM child_org_links l "
                          "JOIN orgs o ON o.id = l.org_id JOIN org_kinds k ON k.code = o.kind "
                          "WHERE l.id = ?", "i", link_id);
    if (!q)
        return set_err("数据库暂时不可用。"), -1;
    if (!db_next(q)) {
        audit(r, "deny", "child_org_link", lid, "404 no such link");
        return set_err("关联记录不存在。"), -1;
    }
    long long child_id = atoll(db_col(q, 0));
    const char *org = db_col(q, 3), *relation = db_col(q, 2), *org_id = db_col(q, 1);
    if (!child_svc_get(r, child_id))
        return set_err("关联记录不存在。"), -1;
    if (atoi(db_col(q, 4)))
        return set_err("该关联已解除。"), -1;
    const char *module = r->mod ? r->mod->m->name : "core";
    if (db_exec(r->a, "UPDATE child_org_links SET ended_at = UTC_TIMESTAMP(), ended_by = ? "
                "WHERE id = ? AND ended_at IS NULL", "ii", (long long)r->user.id, link_id) != 1 ||
        child_event_write(r, module, child_id, "org.unlink",
                          arena_sprintf(r->a, "解除与%s的关联（%s）", org,
                                        db_col(q, 5) ? db_col(q, 5) : relation)) != 0)
        return set_err("数据库暂时不可用。"), -1;
    audit(r, "child.unlink", "child", arena_sprintf(r->a, "%lld", child_id),
          arena_sprintf(r->a, "link=%s org=%s relation=%s (%s)", lid, org_id, relation, module));
    return db_doomed() ? -1 : 0;
}

const char *scope_svc_error(portal_req *r)
{
    (void)r;
    return errbuf[0] ? errbuf : NULL;
}

/* a module's grant of a village to a user (its row source_id), made or
 * changed: the user's scope becomes the set of their grants from the next
 * request.  The caller must have the village in scope. */
int scope_svc_grant(portal_req *r, long long source_id, long long user_id, const char *division,
                    const char *from, const char *to)
{
    errbuf[0] = 0;
    const char *module = r->mod ? r->mod->m->name : NULL;
    if (!module || source_id <= 0 || user_id <= 0 || !division || strlen(division) != 12 ||
        strcmp(division + 9, "000") == 0)
        return set_err("授权参数无效。"), -1;
    if (!services.in_scope(r, division)) {
        audit(r, "deny", "division", division, "403 scope grant outside the caller's scope");
        return set_err("无权授权该村。"), -1;
    }
    if (link_dates(r, &from, &to) != 0)
        return -1;
    if (db_exec(r->a, "INSERT INTO user_scope_divisions (user_id, division_code, valid_from, "
                "valid_to, module, source_id, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                "?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), "
                "division_code = VALUES(division_code), valid_from = VALUES(valid_from), "
                "valid_to = VALUES(valid_to), updated_by = VALUES(updated_by), "
                "updated_at = VALUES(updated_at)", "issssii", user_id, division, from, to,
                module, source_id, (long long)r->user.id) < 0)
        return set_err("数据库暂时不可用。"), -1;
    audit(r, "scope.grant", "user", arena_sprintf(r->a, "%lld", user_id),
          arena_sprintf(r->a, "division=%s from=%s to=%s (%s #%lld)", division, from,
                        to ? to : "-", module, source_id));
    return db_doomed() ? -1 : 0;
}
