/*
 * tasks.c - urgent tasks (see tasks.h and portal_module.h "Urgent tasks and
 * notices"): opening and closing them (services), the tasks the user acts on
 * now (the top of /inbox) and the supervision list (/inbox/escalated).  The
 * escalation itself is the master's job (jobs.c), never a request.
 */
#include "host.h"
#include "db.h"
#include "child.h"
#include "scope.h"
#include "tasks.h"
#include "workflow.h"
#include "dates.h"
#include "outbound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TASK_MAX_HOURS 720

static char errbuf[256];

static long long set_err(const char *msg)
{
    snprintf(errbuf, sizeof errbuf, "%s", msg);
    return -1;
}

const char *task_svc_error(portal_req *r)
{
    return arena_strdup(r->a, errbuf);
}

static int level_ok(const char *level)
{
    return level && (strcmp(level, "village") == 0 || strcmp(level, "township") == 0 ||
                     strcmp(level, "county") == 0);
}

/* A division-only task (an object without a child's file: a mandatory
 * report of an unidentified child) opened by the staff of an org-scoped
 * organisation (a school, a hospital): they raise the alarm for a division
 * of their own county, though they see nothing by division: a hospital
 * tells its county of an emergency (issue 11), a school reports a child
 * found in a village (issue 13).  So does a village child director scoped
 * by a set of villages (issue 15): a child found in the next township. */
static int org_alerts(portal_req *r, const char *division)
{
    return (scope_org(r) || r->scope_set) && r->user.division &&
           strlen(r->user.division) == 12 &&
           strncmp(division, r->user.division, 6) == 0;
}

/* the division the task is about: the child's village, or the one given;
 * NULL (errbuf set) when absent or outside the user's scope (the child: the
 * one scope check, scope_allows, so a school may alert about its pupil) */
static const char *task_division(portal_req *r, const struct portal_task *t)
{
    if (t->child_id > 0) {
        const struct portal_child *c = child_load(r, t->child_id);
        if (!c || !scope_allows(r, c->village_code, t->child_id)) {
            audit(r, "deny", "child", arena_sprintf(r->a, "%lld", t->child_id),
                  "task.open outside the user's scope");
            return set_err("无权为该儿童创建任务。"), NULL;
        }
        return c->village_code;
    }
    if (!t->division || strlen(t->division) != 12 ||
        !(in_scope(r, t->division) || org_alerts(r, t->division)))
        return set_err("任务所属区划不在您的辖区内。"), NULL;
    return t->division;
}

static const char *task_payload(portal_req *r, const char *event, long long id,
                                const char *module, const char *kind, const char *level,
                                const char *division, const char *due)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "{\"event\":\"%s\",\"task_id\":%lld", event, id);
    json_field(&b, "module", module);
    json_field(&b, "kind", kind);
    json_field(&b, "level", level);
    json_field(&b, "division", division);
    json_field(&b, "due_at_utc", due);
    buf_addc(&b, '}');
    char *out = arena_strdup(r->a, b.data);
    buf_free(&b);
    return out;
}

long long task_svc_open(portal_req *r, const struct portal_task *t)
{
    errbuf[0] = 0;
    struct loaded_module *lm = req_module(r);
    if (!r->logged_in || !lm || !t)
        return set_err("请先登录。");
    if (!t->kind || !*t->kind || !t->title || !*text_trim(r->a, t->title))
        return set_err("任务缺少类型或标题。");
    if (!level_ok(t->level) || !t->permission || !perm_declared(t->permission))
        return set_err("任务的办理层级或权限不正确。");
    if (t->hours < 1 || t->hours > TASK_MAX_HOURS)
        return set_err("任务时限应为 1 至 720 小时。");
    if (t->link && !is_local_path(t->link))
        return set_err("任务链接必须是本站地址。");
    const char *division = task_division(r, t);
    if (!division)
        return -1;
    db_rows *o = t->org_id > 0 ? db_query(r->a, "SELECT 1 FROM orgs WHERE id = ? AND active = 1",
                                          "i", t->org_id) : NULL;
    if (t->org_id > 0 && (!o || !db_next(o)))
        return set_err("任务指定的单位不存在或已停用。");
    const char *title = text_trim(r->a, t->title);
    title = arena_strndup(r->a, title, utf8_truncate(title, 200));
    const char *now = clock_now(r->a);
    /* ids as text: NULL binds SQL NULL for "none" */
    const char *child = t->child_id > 0 ? arena_sprintf(r->a, "%lld", t->child_id) : NULL;
    const char *org = t->org_id > 0 ? arena_sprintf(r->a, "%lld", t->org_id) : NULL;
    if (db_exec(r->a, "INSERT INTO urgent_tasks (module, kind, title, link, child_id, "
                "object_type, object_id, division_code, level, org_id, permission, hours, "
                "opened_at, due_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?, "
                "DATE_ADD(?, INTERVAL ? HOUR), ?)", "sssssssssssissii", lm->m->name,
                t->kind, title, t->link, child, t->object_type, t->object_id, division,
                t->level, org, t->permission, (long long)t->hours, now, now,
                (long long)t->hours, r->user.id) != 1)
        return set_err("数据库暂时不可用。");
    long long id = db_insert_id();
    db_rows *d = db_query(r->a, "SELECT due_at FROM urgent_tasks WHERE id = ?", "i", id);
    const char *due = d && db_next(d) ? db_col(d, 0) : NULL;
    const char *oid = arena_sprintf(r->a, "%lld", id);
    audit(r, "task.open", "urgent_task", oid,
          arena_sprintf(r->a, "%s %s %s level %s due %s (%d h)", lm->m->name, t->kind,
                        division, t->level, due ? due : "?", t->hours));
    if (outbound_queue(r->a, "task", id, task_payload(r, "task", id, lm->m->name, t->kind,
                                                      t->level, division, due)) != 0)
        return set_err("数据库暂时不可用。");
    return id;
}

int task_svc_close(portal_req *r, long long task_id, const char *outcome)
{
    errbuf[0] = 0;
    struct loaded_module *lm = req_module(r);
    if (!r->logged_in || !lm)
        return (int)set_err("请先登录。");
    db_rows *q = db_query(r->a, "SELECT module, division_code, permission, status, kind, "
                          "org_id FROM urgent_tasks WHERE id = ? FOR UPDATE", "i", task_id);
    if (!q)
        return (int)set_err("数据库暂时不可用。");
    const char *oid = arena_sprintf(r->a, "%lld", task_id);
    int found = db_next(q);
    /* the task's division in scope, or given to the user's organisation */
    int mine = found && (in_scope(r, db_col(q, 1)) ||
                         (scope_org(r) && db_col(q, 5) && atoll(db_col(q, 5)) == scope_org(r)));
    if (!found || strcmp(db_col(q, 0), lm->m->name) != 0 || !mine ||
        !user_has_perm(r, db_col(q, 2))) {
        audit(r, "deny", "urgent_task", oid, "task.close: absent, another module's, "
              "outside the user's scope or without its permission");
        return (int)set_err("没有这项任务，或您无权办理。");
    }
    if (strcmp(db_col(q, 3), "open") != 0)
        return (int)set_err("该任务已经办结。");
    const char *now = clock_now(r->a);
    outcome = outcome ? text_trim(r->a, outcome) : "";
    outcome = arena_strndup(r->a, outcome, utf8_truncate(outcome, 500));
    if (db_exec(r->a, "UPDATE urgent_tasks SET status = 'closed', closed_at = ?, "
                "closed_by = ?, outcome = ? WHERE id = ? AND status = 'open'", "sisi", now,
                r->user.id, outcome, task_id) != 1 ||
        db_exec(r->a, "UPDATE supervision_items SET status = 'resolved', resolved_at = ? "
                "WHERE task_id = ? AND status = 'open'", "si", now, task_id) < 0)
        return (int)set_err("数据库暂时不可用。");
    audit(r, "task.close", "urgent_task", oid, outcome);
    return 0;
}

/* "剩余 1 小时 20 分" / "已超时 35 分" */
static const char *time_left(portal_req *r, long long minutes)
{
    long long m = minutes < 0 ? -minutes : minutes;
    const char *what = minutes < 0 ? "已超时" : "剩余";
    if (m >= 60)
        return arena_sprintf(r->a, "%s %lld 小时 %lld 分", what, m / 60, m % 60);
    return arena_sprintf(r->a, "%s %lld 分", what, m);
}

#define TASK_COLS                                                                          \
    "SELECT t.id, t.module, t.kind, t.title, t.link, t.child_id, t.level, t.due_at, "       \
    "t.opened_at, t.escalations, t.final, t.permission, c.name AS child_name, "              \
    "TIMESTAMPDIFF(MINUTE, ?, t.due_at) AS minutes_left "                                    \
    "FROM urgent_tasks t LEFT JOIN children c ON c.id = t.child_id WHERE t.status = 'open' "

/* the open tasks the user acts on: a division-scoped user's level and
 * division; an org-scoped user's those given to their organisation (gaps) */
static db_rows *tasks_of(portal_req *r, const char *module)
{
    long long org = scope_org(r);
    if (org)
        return db_query(r->a, TASK_COLS "AND t.org_id = ? AND (? IS NULL OR t.module = ?) "
                        "ORDER BY t.due_at, t.id LIMIT 200", "siss", clock_now(r->a), org,
                        module, module);
    const char *scope = scope_prefix(r);
    const char *lvl = wf_user_level(r);
    if (!scope || !lvl)
        return NULL;
    return db_query(r->a, TASK_COLS "AND t.level = ? AND t.division_code LIKE CONCAT(?, '%') "
                    "AND (t.org_id IS NULL OR t.org_id = ?) AND (? IS NULL OR t.module = ?) "
                    "ORDER BY t.due_at, t.id LIMIT 200", "sssiss", clock_now(r->a), lvl, scope,
                    r->user.org_id, module, module);
}

int task_svc_hdf(portal_req *r, const char *prefix, const char *module)
{
    if (!r->logged_in || (!scope_org(r) && !wf_user_level(r)))
        return 0;
    db_rows *q = tasks_of(r, module);
    if (!q)
        return -1;
    int n = 0;
    while (db_next(q)) {
        if (!user_has_perm(r, db_col_named(q, "permission")))
            continue;
        const char *p = arena_sprintf(r->a, "%s.%d", prefix, n++);
        static const char *const cols[] = {"id", "module", "kind", "title", "link",
                                           "child_id", "level", "due_at", "opened_at",
                                           "escalations", "final", "child_name",
                                           "minutes_left", NULL};
        for (int i = 0; cols[i]; i++)
            if (db_col_named(q, cols[i]))
                hdf_put(arena_sprintf(r->a, "%s.%s", p, cols[i]), db_col_named(q, cols[i]));
        long long left = atoll(db_col_named(q, "minutes_left"));
        hdf_put(arena_sprintf(r->a, "%s.level_title", p), wf_level_title(db_col(q, 6)));
        hdf_put(arena_sprintf(r->a, "%s.left", p), time_left(r, left));
        hdf_put(arena_sprintf(r->a, "%s.overdue", p), left < 0 ? "1" : "0");
    }
    return n;
}

/* /inbox/escalated: the supervision list of the user's scope, open first */
int escalated_get(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(
        r, "SELECT i.id, i.task_id, i.from_level, i.to_level, i.missed_due, "
        "i.escalated_at, i.status, i.resolved_at, t.module, t.title, t.link, t.status AS "
        "task_status, t.final, d.name AS division_name "
        "FROM supervision_items i JOIN urgent_tasks t ON t.id = i.task_id "
        "LEFT JOIN divisions d ON d.code = i.division_code "
        "WHERE i.division_code LIKE CONCAT(?, '%') "
        "ORDER BY i.status = 'open' DESC, i.escalated_at DESC, i.id DESC LIMIT 500", "s",
        s->scope_prefix(r));
    if (!q)
        return 500;
    int n = 0;
    for (; s->db_next(q); n++) {
        const char *p = s->sprintf(r, "Items.%d", n);
        s->put_row(r, p, q);
        s->set(r, s->sprintf(r, "%s.from_title", p), wf_level_title(s->col(q, "from_level")));
        s->set(r, s->sprintf(r, "%s.to_title", p), wf_level_title(s->col(q, "to_level")));
    }
    s->set_int(r, "ItemCount", n);
    s->audit(r, "supervision.view", "supervision_items", NULL, s->sprintf(r, "rows=%d", n));
    return s->render(r, "escalated.cs", "超时督办");
}
