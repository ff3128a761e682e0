/*
 * links.c - the links of children to organisations (services child_link,
 * child_unlink, link_error; scope.h): what makes a child visible to an
 * org-scoped organisation's staff (scope.c checks them).
 */
#include "scope.h"
#include "disclose.h"
#include "audit.h"
#include "child.h"
#include "dates.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTE_BYTES 600 /* child_org_links.note is VARCHAR(200): 200 characters */

static char errbuf[256];

static void set_err(const char *msg)
{
    snprintf(errbuf, sizeof errbuf, "%s", msg);
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
        *from = clock_today(r);
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
 * request (issue 15).  The caller must have the village in scope. */
int scope_svc_grant(portal_req *r, long long source_id, long long user_id, const char *division,
                    const char *from, const char *to)
{
    errbuf[0] = 0;
    const char *module = r->mod ? r->mod->m->name : NULL;
    if (!module || source_id <= 0 || user_id <= 0 || !division || strlen(division) != 12 ||
        strcmp(division + 9, "000") == 0)
        return set_err("授权参数无效。"), -1;
    if (!in_scope(r, division)) {
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
