/*
 * workflow.c - the workflow service of the core (ABI 1.2).
 *
 * A module declares its application types (struct portal_wf_type); the host
 * runs them.  Rules:
 *  - wf_start: the child exists and lies in the user's scope; step 0 opens
 *    with its due date (calendar days, or working days by work_calendar).
 *  - wf_act: the user holds the step's permission, the child is in scope,
 *    AND the user's own level (county / township / village, from the length
 *    of the scope prefix) is the step's level: county users do not act on
 *    township steps and township users do not act on county steps.
 *  - approve advances; the last step's approval sets "approved" and calls
 *    on_done("approved") in the same transaction (non-zero rolls it back).
 *  - return (opinion lists what is missing; once per step: one notice),
 *    then resubmit reopens the same step with a fresh due date; the time
 *    spent waiting for documents does not count.
 *  - reject (opinion = the reason) calls on_done("rejected").
 *  - publicity steps are never approved by hand: when today >= the end of
 *    the publicity and nobody objected, the step completes by itself, lazily,
 *    whenever the application is read or acted on or an inbox is listed.
 *  - object (publicity only) sends it back to objection_to; the publicity
 *    after an objection lasts objection_days.
 *  - every act writes a wf_actions row, a child_events row (module = the
 *    application's module) and an audit row.
 *  - jurisdiction follows the child: every check on one application uses
 *    the child's CURRENT village (children.village_code); the inbox filters
 *    by the copy in wf_applications (indexed), which the registry's trigger
 *    children_scope_follow moves with the child in the transfer's own
 *    statement, and re-checks each row.  When the county moves a child to
 *    another township its applications go with it: the old township gets
 *    404 (audited), the new one finds them in its inbox.
 * The functions join the caller's transaction when there is one (then the
 * caller commits or rolls back) and run their own otherwise.
 */
#include "host.h"
#include "db.h"
#include "workflow.h"
#include "child.h"
#include "dates.h"
#include "scope.h"
#include "settings.h"
#include "lookup.h"
#include "tasks.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static char errbuf[512];

static void set_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void set_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, sizeof errbuf, fmt, ap);
    va_end(ap);
}

const char *wf_svc_error(portal_req *r)
{
    return arena_strdup(r->a, errbuf);
}

/* the title of code in a {code, title} table ending in {NULL, NULL}: the
 * code itself when it has none, "" for no code */
static const char *title_of(const char *const t[][2], const char *code)
{
    for (int i = 0; code && t[i][0]; i++)
        if (strcmp(t[i][0], code) == 0)
            return t[i][1];
    return code ? code : "";
}

const char *wf_level_title(const char *level)
{
    static const char *const t[][2] = {
        {"village", "村（社区）"}, {"township", "乡镇（街道）"}, {"county", "县级部门"},
        {NULL, NULL}};
    return title_of(t, level);
}

static const char *action_title(const char *a)
{
    static const char *const t[][2] = {
        {"start", "提交申请"}, {"approve", "通过"}, {"return", "退回补正"},
        {"resubmit", "补正后重新提交"}, {"reject", "不予批准"}, {"object", "公示异议"},
        {"publicity_done", "公示期满无异议"}, {NULL, NULL}};
    return title_of(t, a);
}

static const char *status_title(const char *st)
{
    static const char *const t[][2] = {
        {"open", "办理中"}, {"returned", "退回补正中"}, {"approved", "已批准"},
        {"rejected", "不予批准"}, {NULL, NULL}};
    return title_of(t, st);
}

/* the user's own level, from the length of the scope prefix */
const char *wf_user_level(portal_req *r)
{
    const char *p = scope_prefix(r);
    size_t n = p ? strlen(p) : 0;
    return n == 6 ? "county" : n == 9 ? "township" : n == 12 ? "village" : NULL;
}

static const struct portal_wf_type *find_type(const struct portal_module *m, const char *code)
{
    if (!m || !code)
        return NULL;
    for (const struct portal_wf_type *t = m->workflows; t && t->code; t++)
        if (strcmp(t->code, code) == 0)
            return t;
    return NULL;
}

static int nsteps(const struct portal_wf_type *t)
{
    int n = 0;
    while (t->steps && t->steps[n].code)
        n++;
    return n;
}


static const char *fmt_day(portal_req *r, long day)
{
    char *out = arena_alloc(r->a, 11);
    day_format(day, out);
    return out;
}

static const char *idstr(portal_req *r, long long id) { return arena_sprintf(r->a, "%lld", id); }

/* cut a text to at most n bytes on a UTF-8 boundary */
static const char *cut(portal_req *r, const char *v, size_t n)
{
    if (!v)
        return "";
    size_t l = strlen(v);
    if (l <= n)
        return v;
    while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
        n--;
    return arena_strndup(r->a, v, n);
}

/* ------------------------------------------------------------ the calendar */

/* Per worker: the calendar as last read, and the version of 'calendar'
 * (cache_versions, core 053) it was read at; -1: none kept */
static struct {
    long long version;
    struct day_exc *ex;
    size_t n;
} kept_calendar = {-1, NULL, 0};

const struct day_exc *wf_calendar(portal_req *r, size_t *n)
{
    long long v = data_version(r, "calendar");
    if (v >= 0 && v == kept_calendar.version) {
        *n = kept_calendar.n;
        return kept_calendar.ex;
    }
    struct day_exc *ex = calendar_load(r->a, n);
    if (!ex || v < 0)
        return ex;
    /* kept under the version the session read before the calendar was:
     * a write in between is read again by the next request */
    struct day_exc *copy = malloc((*n + 1) * sizeof *copy);
    if (copy) {
        memcpy(copy, ex, (*n + 1) * sizeof *copy);
        free(kept_calendar.ex);
        kept_calendar.ex = copy;
        kept_calendar.n = *n;
        kept_calendar.version = v;
    }
    return ex;
}

/* ------------------------------------------------------------ one application */

struct app {
    long long id, child_id, total_used, created_by;
    const char *module, *type, *village, *township, *step_code, *status, *summary, *started_at,
        *step_started, *step_due, *publicity_until, *child_name;
    int step_index;
    struct loaded_module *lm;
    const struct portal_wf_type *t;
    const struct portal_wf_step *st; /* NULL if the step no longer exists */
};

/* an application's columns, as load_app and the inbox read them (alias a) */
#define APP_COLS                                                                        \
    "a.id, a.module, a.type, a.child_id, a.village_code, a.township_code, a.step_index, " \
    "a.step_code, a.status, a.summary, DATE_FORMAT(a.started_at + INTERVAL 8 HOUR, "     \
    "'%Y-%m-%d %H:%i'), a.step_started, a.step_due, a.publicity_until, a.total_used_days, " \
    "a.created_by"
#define APP_NCOLS 16

/* the application of q's row (APP_COLS first); its child's name and
 * divisions are the caller's to set */
static void app_of_row(db_rows *q, struct app *a)
{
    memset(a, 0, sizeof *a);
    a->id = atoll(db_col(q, 0));
    a->module = db_col(q, 1);
    a->type = db_col(q, 2);
    a->child_id = atoll(db_col(q, 3));
    a->village = db_col(q, 4);
    a->township = db_col(q, 5);
    a->step_index = atoi(db_col(q, 6));
    a->step_code = db_col(q, 7);
    a->status = db_col(q, 8);
    a->summary = db_col(q, 9);
    a->started_at = db_col(q, 10);
    a->step_started = db_col(q, 11);
    a->step_due = db_col(q, 12);
    a->publicity_until = db_col(q, 13);
    a->total_used = atoll(db_col(q, 14));
    a->created_by = atoll(db_col(q, 15));
}

/* the module, type and step of an application's codes (NULL when gone) */
static void app_types(struct app *a)
{
    a->lm = module_find(a->module);
    a->t = a->lm ? find_type(a->lm->m, a->type) : NULL;
    if (a->t && a->step_index >= 0 && a->step_index < nsteps(a->t) &&
        strcmp(a->t->steps[a->step_index].code, a->step_code) == 0)
        a->st = &a->t->steps[a->step_index];
}

/* 1 found, 0 none, -1 database error */
static int load_app(portal_req *r, long long id, int for_update, struct app *a)
{
    memset(a, 0, sizeof *a);
    db_rows *q = db_query(r->a,
                          for_update ? "SELECT " APP_COLS " FROM wf_applications a WHERE a.id = ? FOR UPDATE"
                                     : "SELECT " APP_COLS " FROM wf_applications a WHERE a.id = ?",
                          "i", id);
    if (!q)
        return -1;
    if (!db_next(q))
        return 0;
    app_of_row(q, a);
    /* the scope is the child's current division, not the copy made at the start */
    const struct portal_child *c = child_load(r, a->child_id);
    if (!c && db_doomed())
        return -1;
    if (c) {
        a->child_name = c->name;
        a->village = c->village_code;
        a->township = c->township_code;
    } else {
        a->child_name = "";
        a->village = a->township = "-"; /* no child: in nobody's scope */
    }
    app_types(a);
    return 1;
}

static int is_open(const struct app *a) { return strcmp(a->status, "open") == 0; }

/* days used toward the total: finished counting steps + the current one */
static long total_used_now(portal_req *r, const struct app *a, long today,
                           const struct day_exc *ex, size_t nex)
{
    (void)r;
    long used = (long)a->total_used;
    if (a->st && a->st->counts && is_open(a))
        used += day_used(day_parse(a->step_started), today, a->t->total_working_days,
                             ex, nex);
    return used;
}

/* the writes every act makes: the history row, the child's timeline, the audit */
static int record(portal_req *r, const struct app *a, const struct portal_wf_step *st,
                  const char *action, const char *opinion, int system)
{
    const char *step_code = st ? st->code : a->step_code;
    if (db_exec(r->a, "INSERT INTO wf_actions (app_id, step_code, action, user_id, at, opinion) "
                "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?)", "issss", a->id, step_code, action,
                system ? NULL : idstr(r, r->user.id), cut(r, opinion ? opinion : "", 2000)) < 0)
        return -1;
    const char *summary = arena_sprintf(r->a, "%s申请 #%lld：%s%s%s", a->t ? a->t->title : a->type,
                                        a->id, st ? st->title : step_code,
                                        strcmp(action, "start") == 0 ? "，" : " ",
                                        action_title(action));
    if (child_event_write(r, a->module, a->child_id, arena_sprintf(r->a, "wf.%s", action),
                          summary) != 0)
        return -1;
    audit(r, arena_sprintf(r->a, "wf.%s", action), "wf_application", idstr(r, a->id),
          arena_sprintf(r->a, "%s/%s child %lld step %s%s", a->module, a->type, a->child_id,
                        step_code, system ? " (system)" : ""));
    return 0;
}

/* entering a publicity step after an objection: objection_days */
static int objected_before(portal_req *r, long long app_id, const char *step_code)
{
    db_rows *q = db_query(r->a, "SELECT COUNT(*) FROM wf_actions WHERE app_id = ? AND "
                          "step_code = ? AND action = 'object'", "is", app_id, step_code);
    return q && db_next(q) && atoll(db_col(q, 0)) > 0;
}

/* a step's limit in days: the module's setting "<type>_<step>_days" in force
 * on `day` when the module declares one (its administrator edits it on the
 * settings pages), else the declaration's limit_days */
static int step_limit(portal_req *r, const struct app *a, const struct portal_wf_step *st, long day)
{
    const char *code = arena_sprintf(r->a, "%s_%s_days", a->type, st->code);
    for (const struct portal_setting *d = a->lm ? a->lm->m->settings : NULL; d && d->code; d++)
        if (strcmp(d->code, code) == 0) {
            long long v = setting_number(r, arena_sprintf(r->a, "%s.%s", a->module, code),
                                         fmt_day(r, day));
            return v != PORTAL_NO_SETTING && v >= 0 && v <= 3650 ? (int)v : st->limit_days;
        }
    return st->limit_days;
}

/* open step idx from today; after an objection the publicity is shorter */
static int enter_step(portal_req *r, struct app *a, int idx, long today,
                      const struct day_exc *ex, size_t nex)
{
    const struct portal_wf_step *st = &a->t->steps[idx];
    int after_objection = st->publicity_days > 0 && objected_before(r, a->id, st->code);
    const char *due = NULL, *pub = NULL;
    if (st->publicity_days > 0) {
        int days = after_objection && st->objection_days > 0 ? st->objection_days
                                                             : st->publicity_days;
        pub = fmt_day(r, today + days);
    } else {
        int limit = step_limit(r, a, st, today);
        if (limit > 0)
            due = fmt_day(r, day_add(today, limit, st->working_days, ex, nex));
    }
    /* the total's due date, from the days it has left (already over: the
     * calendar day it ran out, as near as the count allows) */
    const char *tdue = NULL;
    if (a->t->total_limit_days > 0 && st->counts) {
        long left = a->t->total_limit_days - (long)a->total_used;
        tdue = fmt_day(r, left > 0 ? day_add(today, (int)left, a->t->total_working_days, ex, nex)
                                   : today + left);
    }
    if (db_exec(r->a, "UPDATE wf_applications SET step_index = ?, step_code = ?, step_title = ?, "
                "status = 'open', step_started = ?, step_due = ?, publicity_until = ?, "
                "total_due = ? WHERE id = ?", "issssssi", (long long)idx, st->code, st->title,
                fmt_day(r, today), due, pub, tdue, a->id) < 0)
        return -1;
    a->step_index = idx;
    a->st = st;
    a->step_code = st->code;
    a->status = "open";
    return 0;
}

/* add the current step's days to the total when it counts */
static int leave_step(portal_req *r, struct app *a, long today, const struct day_exc *ex,
                      size_t nex)
{
    if (!a->st || !a->st->counts)
        return 0;
    long used = day_used(day_parse(a->step_started), today, a->t->total_working_days,
                             ex, nex);
    a->total_used += used;
    return db_exec(r->a, "UPDATE wf_applications SET total_used_days = ? WHERE id = ?", "ii",
                   a->total_used, a->id) < 0 ? -1 : 0;
}

/* the applicant learns the decision (issue 20: the township was never told):
 * a notice to the user who started it, unless they decided it themselves; a
 * refused notice (the account disabled since) does not stop the decision */
static void tell_applicant(portal_req *r, const struct app *a, const char *outcome)
{
    if (a->created_by <= 0 || a->created_by == r->user.id)
        return;
    int ok = strcmp(outcome, "approved") == 0;
    struct portal_notice n = {
        .user_id = a->created_by,
        .kind = "wf.decided",
        .title = arena_sprintf(r->a, "%s申请%s：%s", a->t->title, ok ? "已批准" : "不予批准",
                               a->child_name && *a->child_name ? a->child_name : "（未关联儿童）"),
        .body = ok ? "申请已审批通过。" : "申请未获批准，理由见办理记录。",
        .link = a->child_id > 0 ? arena_sprintf(r->a, "/children/%lld", a->child_id) : NULL,
        .child_id = a->child_id,
        .object_type = "wf_application",
        .object_id = arena_sprintf(r->a, "%lld", a->id)};
    notice_svc_send(r, &n);
}

static int finish(portal_req *r, struct app *a, const char *outcome)
{
    if (db_exec(r->a, "UPDATE wf_applications SET status = ?, step_due = NULL, "
                "publicity_until = NULL, total_due = NULL WHERE id = ?", "si", outcome, a->id) < 0)
        return -1;
    a->status = outcome;
    struct loaded_module *was = r->mod;
    r->mod = a->lm; /* its timeline events are the type's module's */
    int done = a->t->on_done ? a->t->on_done(r, module_services(), a->id, a->child_id, outcome) : 0;
    r->mod = was;
    if (done != 0) {
        set_err("办结后的处理未能完成（%s），未做任何修改。",
                strcmp(outcome, "approved") == 0 ? "批准" : "不予批准");
        return -1;
    }
    tell_applicant(r, a, outcome);
    return 0;
}

/* the current step is done: the next one opens, or the application is approved */
static int advance(portal_req *r, struct app *a, long today, const struct day_exc *ex,
                   size_t nex)
{
    if (leave_step(r, a, today, ex, nex) != 0)
        return -1;
    if (a->step_index + 1 < nsteps(a->t))
        return enter_step(r, a, a->step_index + 1, today, ex, nex);
    return finish(r, a, "approved");
}

static long today_day(portal_req *r)
{
    long d = day_parse(clock_today(r));
    return d == PORTAL_NO_DAY ? 0 : d;
}

/* a publicity past its end with no objection completes by itself */
static int settle(portal_req *r, long long id)
{
    long today = today_day(r);
    struct app a;
    int rc = load_app(r, id, 0, &a);
    if (rc <= 0)
        return rc;
    if (!is_open(&a) || !a.st || a.st->publicity_days <= 0 || !a.publicity_until ||
        day_parse(a.publicity_until) > today)
        return 0;
    int own = !db_in_txn();
    if (own && db_begin() != 0)
        return -1;
    if (load_app(r, id, 1, &a) != 1 || !is_open(&a) || !a.st || a.st->publicity_days <= 0 ||
        !a.publicity_until || day_parse(a.publicity_until) > today) {
        if (own)
            db_rollback();
        return 0;
    }
    size_t nex;
    const struct day_exc *ex = wf_calendar(r, &nex);
    const struct portal_wf_step *st = a.st;
    if (!ex || record(r, &a, st, "publicity_done",
                      arena_sprintf(r->a, "公示至 %s 期满，无异议。", a.publicity_until), 1) != 0 ||
        advance(r, &a, today, ex, nex) != 0) {
        if (own)
            db_rollback();
        return -1;
    }
    if (own && db_commit() != 0)
        return -1;
    return 1;
}

/* Per worker: the scopes where no publicity was due on a day.  A
 * publicity ends at least a day after it begins (advance: publicity_days >
 * 0), so within a day no other can fall due: once a scope has none, the
 * inbox need not ask again until the day changes (one statement less on
 * every home page and inbox, issue 17).  Kept only when the statement
 * found none (what it settled could still roll back with the request).  A
 * day of the portal's clock: a test's clock moved is another day. */
#define SETTLED_SCOPES 16
static struct {
    char scope[16], day[16];
} settled[SETTLED_SCOPES];
static unsigned settled_next;

static int settled_today(const char *scope, const char *day)
{
    for (int i = 0; i < SETTLED_SCOPES; i++)
        if (strcmp(settled[i].scope, scope) == 0 && strcmp(settled[i].day, day) == 0)
            return 1;
    return 0;
}

static void settled_keep(const char *scope, const char *day)
{
    if (strlen(scope) >= sizeof settled[0].scope || strlen(day) >= sizeof settled[0].day)
        return;
    unsigned i = settled_next++ % SETTLED_SCOPES;
    strcpy(settled[i].scope, scope);
    strcpy(settled[i].day, day);
}

/* settle every due publicity in the user's scope */
static void settle_due(portal_req *r)
{
    const char *scope = scope_prefix(r), *today = clock_today(r);
    if (!scope || settled_today(scope, today))
        return;
    db_rows *q = db_query(r->a, "SELECT id FROM wf_applications WHERE status = 'open' AND "
                          "publicity_until IS NOT NULL AND publicity_until <= ? AND "
                          "village_code LIKE CONCAT(?, '%') ORDER BY id LIMIT 200",
                          "ss", today, scope);
    if (!q)
        return;
    if (q->nrows == 0)
        settled_keep(scope, today); /* none: none until tomorrow */
    while (db_next(q))
        settle(r, atoll(db_col(q, 0)));
}

/* 1 when the module of `a` lists the child's township in its setting
 * wf_one_clerk_townships (9- or 12-digit codes; spaces, commas) today */
static int one_clerk_township(portal_req *r, const struct app *a)
{
    static const char code[] = "wf_one_clerk_townships";
    const struct portal_setting *d = a->lm ? a->lm->m->settings : NULL;
    while (d && d->code && strcmp(d->code, code) != 0)
        d++;
    if (!d || !d->code || !a->township || strlen(a->township) != 12)
        return 0;
    const char *v = setting_value(r, arena_sprintf(r->a, "%s.%s", a->module, code),
                                  clock_today(r));
    for (const char *p = v; p && *p;) {
        size_t n = strspn(p, "0123456789");
        if ((n == 9 || n == 12) && strncmp(p, a->township, 9) == 0)
            return 1;
        p += n ? n : 1;
    }
    return 0;
}

/* separation of duties (issue 20): NULL when the user may decide the
 * current step (通过, 退回补正 or 不予批准: the one rule for every decisive
 * act), else why not.  *waived = 1 when only a one-clerk township's setting
 * lets them (the caller audits it) */
static const char *duties_refusal(portal_req *r, const struct app *a, int *waived)
{
    *waived = 0;
    if (a->st->same_actor)
        return NULL;
    const char *why = NULL;
    if (a->created_by == r->user.id)
        why = arena_sprintf(r->a, "职责分离：您是该申请的提交人，“%s”环节须由其他工作人员办理。",
                            a->st->title);
    db_rows *q = why ? NULL : db_query(r->a, "SELECT user_id FROM wf_actions WHERE app_id = ? "
                                       "AND action = 'approve' AND user_id IS NOT NULL "
                                       "ORDER BY id DESC LIMIT 1", "i", a->id);
    if (q && db_next(q) && atoll(db_col(q, 0)) == r->user.id)
        why = arena_sprintf(r->a, "职责分离：上一环节由您办理，“%s”环节须由其他工作人员办理。",
                            a->st->title);
    if (!why && !q && db_doomed())
        return "数据库暂时不可用。";
    if (why && strcmp(a->st->level, "county") != 0 && one_clerk_township(r, a)) {
        *waived = 1;
        return NULL;
    }
    return why;
}

/*
 * May the current user take this action now?  1 yes; 0 no with *why set.
 * *waived (may be NULL): the approval passes only by a one-clerk township's
 * waiver of the separation of duties.
 */
static int may_act(portal_req *r, const struct app *a, const char *action, long today,
                   const char **why, int *waived)
{
    *why = NULL;
    int w = 0;
    if (waived)
        *waived = 0;
    if (!r->logged_in || !scope_allows(r, a->village, a->child_id)) {
        *why = "该申请不在您的辖区内。";
        return 0;
    }
    if (!a->t || !a->st) {
        *why = "该申请的类型或环节已不存在，请联系管理员。";
        return 0;
    }
    const struct portal_wf_step *st = a->st;
    int open = is_open(a), returned = strcmp(a->status, "returned") == 0;
    if (strcmp(action, "resubmit") == 0) {
        if (!returned) {
            *why = "只有退回补正的申请才能重新提交。";
            return 0;
        }
    } else if (!open) {
        *why = returned ? "该申请已退回补正，请在材料补齐后重新提交。" : "该申请已办结。";
        return 0;
    }
    if (!st->permission || !user_has_perm(r, st->permission)) {
        *why = arena_sprintf(r->a, "您没有办理“%s”环节的权限。", st->title);
        return 0;
    }
    const char *lvl = wf_user_level(r);
    if (!lvl || strcmp(lvl, st->level) != 0) {
        *why = arena_sprintf(r->a, "“%s”环节由%s办理。", st->title, wf_level_title(st->level));
        return 0;
    }
    int publicity = st->publicity_days > 0;
    if (strcmp(action, "approve") == 0) {
        if (publicity) {
            *why = arena_sprintf(r->a, "公示期至 %s，不能提前通过；期满无异议将自动进入下一环节。",
                                 a->publicity_until ? a->publicity_until : "");
            return 0;
        }
        if ((*why = duties_refusal(r, a, &w)) != NULL)
            return 0;
    } else if (strcmp(action, "return") == 0) {
        if (publicity) {
            *why = "公示期间不能退回补正；有异议请登记异议。";
            return 0;
        }
        if ((*why = duties_refusal(r, a, &w)) != NULL)
            return 0;
        db_rows *q = db_query(r->a, "SELECT COUNT(*) FROM wf_actions WHERE app_id = ? AND "
                              "step_code = ? AND action = 'return'", "is", a->id, st->code);
        if (!q || !db_next(q) || atoll(db_col(q, 0)) > 0) {
            *why = "本环节已经一次性告知过需要补正的材料，不能再次退回；材料仍不齐全的，可作出不予批准的决定。";
            return 0;
        }
    } else if (strcmp(action, "object") == 0) {
        if (!publicity) {
            *why = "只有在公示期间才能登记异议。";
            return 0;
        }
    } else if (strcmp(action, "reject") == 0) {
        if ((*why = duties_refusal(r, a, &w)) != NULL)
            return 0;
    } else if (strcmp(action, "resubmit") != 0) {
        *why = "未知的操作。";
        return 0;
    }
    (void)today;
    if (waived)
        *waived = w;
    return 1;
}

/* ------------------------------------------------------------ services */

static struct loaded_module *caller(portal_req *r)
{
    return req_module(r);
}

/* the end of a workflow write: committed when the write opened its own
 * transaction (own), else left to the host's; on failure (failed) the
 * error set and its own transaction rolled back.  0 or -1 */
static int own_txn_end(int own, int failed)
{
    if (!failed) {
        if (own && db_commit() != 0)
            return set_err("保存失败，请重试。"), -1;
        return 0;
    }
    if (!errbuf[0])
        set_err("保存失败，请重试。");
    if (own)
        db_rollback();
    return -1;
}

long long wf_svc_start(portal_req *r, const char *type, long long child_id, const char *summary)
{
    errbuf[0] = 0;
    struct loaded_module *lm = caller(r);
    const struct portal_wf_type *t = lm ? find_type(lm->m, type) : NULL;
    if (!r->logged_in) {
        set_err("请先登录。");
        return -1;
    }
    if (!t || nsteps(t) == 0) {
        set_err("未知的申请类型。");
        return -1;
    }
    const struct portal_child *c = child_load(r, child_id);
    if (!c && db_doomed())
        return set_err("数据库暂时不可用。"), -1;
    if (!c || !scope_allows(r, c->village_code, c->id)) {
        set_err("无权为该儿童申请。");
        audit(r, "deny", "child", idstr(r, child_id),
              arena_sprintf(r->a, "wf.start %s/%s outside the user's scope", lm->m->name, type));
        return -1;
    }
    const char *village = c->village_code, *township = c->township_code;
    int own = !db_in_txn();
    if (own && db_begin() != 0)
        return set_err("数据库暂时不可用。"), -1;
    /* one open application of a type per child */
    db_rows *d = db_query(r->a, "SELECT id FROM wf_applications WHERE child_id = ? AND "
                          "module = ? AND type = ? AND status IN ('open', 'returned') "
                          "LIMIT 1 FOR UPDATE", "iss", child_id, lm->m->name, t->code);
    if (!d)
        goto fail;
    if (db_next(d)) {
        set_err("该儿童已有一件正在办理的%s申请（#%s），不能重复申请。", t->title, db_col(d, 0));
        if (own)
            db_rollback();
        return -1;
    }
    long today = today_day(r);
    if (db_exec(r->a, "INSERT INTO wf_applications (module, type, type_title, child_id, "
                "village_code, township_code, step_index, step_code, step_title, status, "
                "summary, started_at, step_started, created_by) VALUES (?, ?, ?, ?, ?, ?, 0, ?, "
                "?, 'open', ?, UTC_TIMESTAMP(), ?, ?)", "sssissssssi", lm->m->name, t->code,
                t->title, child_id, village, township, t->steps[0].code, t->steps[0].title,
                cut(r, summary ? summary : "", 480), fmt_day(r, today), (long long)r->user.id) != 1)
        goto fail;
    long long id = db_insert_id();
    size_t nex;
    const struct day_exc *ex = wf_calendar(r, &nex);
    struct app a;
    if (!ex || load_app(r, id, 1, &a) != 1 || enter_step(r, &a, 0, today, ex, nex) != 0 ||
        record(r, &a, a.st, "start", summary, 0) != 0)
        goto fail;
    return own_txn_end(own, 0) == 0 ? id : -1;
fail:
    return own_txn_end(own, 1);
}

/* an unknown action, or nobody logged in: the error set, -1 */
static int act_refused(portal_req *r, const char *action)
{
    static const char *const actions[] = {"approve", "return", "resubmit", "reject", "object",
                                          NULL};
    int known = 0;
    for (int i = 0; action && actions[i]; i++)
        known |= strcmp(actions[i], action) == 0;
    if (!known) {
        set_err("未知的操作。");
        return -1;
    }
    if (!r->logged_in) {
        set_err("请先登录。");
        return -1;
    }
    return 0;
}

/* return, reject and object need an opinion: 1 (the error set) when it is missing */
static int opinion_missing(const char *action, const char *opinion)
{
    if (!*opinion && (strcmp(action, "return") == 0 || strcmp(action, "reject") == 0 ||
                      strcmp(action, "object") == 0)) {
        set_err("%s", strcmp(action, "return") == 0 ? "退回补正时，请一次性列明需要补正的全部材料。"
                      : strcmp(action, "reject") == 0 ? "不予批准时，请写明理由。"
                                                      : "请写明异议的内容。");
        return 1;
    }
    return 0;
}

/* a user's approve or reject through a form needs its confirmation box
 * (wf_confirm=1, wf_macros.cs: wf_confirm), checked here once for every
 * module's act form: 1 (the error set, Errors.wf_confirm beside the box)
 * when it is missing.  The field is the workflow's own, like the CSRF
 * token: no route declares it. */
int wf_unconfirmed(portal_req *r, const char *action)
{
    if (!r->route || !r->method || strcmp(r->method, "POST") != 0 ||
        (strcmp(action, "approve") != 0 && strcmp(action, "reject") != 0))
        return 0;
    const http_field *f = http_get(&r->bf, "wf_confirm");
    if (f && !f->filename && strcmp(f->value, "1") == 0)
        return 0;
    set_err("请勾选“我已核对，确认%s”后再提交：%s后不能撤回。",
            strcmp(action, "approve") == 0 ? "通过" : "不予批准",
            strcmp(action, "approve") == 0 ? "通过" : "不予批准");
    form_error(r, "wf_confirm", errbuf);
    return 1;
}

/* what the recorded action does to the application at step st */
static int apply_action(portal_req *r, struct app *a, const struct portal_wf_step *st,
                        const char *action, long today, const struct day_exc *ex, size_t nex)
{
    if (strcmp(action, "approve") == 0) {
        if (advance(r, a, today, ex, nex) != 0)
            return -1;
    } else if (strcmp(action, "return") == 0) {
        if (leave_step(r, a, today, ex, nex) != 0 ||
            db_exec(r->a, "UPDATE wf_applications SET status = 'returned', step_due = NULL, "
                    "total_due = NULL WHERE id = ?", "i", a->id) < 0)
            return -1;
    } else if (strcmp(action, "resubmit") == 0) {
        if (enter_step(r, a, a->step_index, today, ex, nex) != 0)
            return -1;
    } else if (strcmp(action, "reject") == 0) {
        if (leave_step(r, a, today, ex, nex) != 0 || finish(r, a, "rejected") != 0)
            return -1;
    } else { /* object */
        int back = wf_step_index(a->t, st->objection_to);
        if (back < 0)
            return -1;
        /* the steps between (re-investigation, review) run again; the next
         * publicity of this step lasts objection_days */
        if (enter_step(r, a, back, today, ex, nex) != 0)
            return -1;
    }
    return 0;
}

int wf_svc_act(portal_req *r, long long app_id, const char *action, const char *opinion)
{
    errbuf[0] = 0;
    if (act_refused(r, action) != 0)
        return -1;
    if (settle(r, app_id) < 0)
        return set_err("数据库暂时不可用。"), -1;
    opinion = text_trim(r->a, opinion);
    long today = today_day(r);
    struct loaded_module *lm = caller(r);
    int own = !db_in_txn();
    if (own && db_begin() != 0)
        return set_err("数据库暂时不可用。"), -1;
    struct app a;
    int rc = load_app(r, app_id, 1, &a);
    if (rc < 0)
        goto fail;
    if (rc == 0 || !lm || strcmp(a.module, lm->m->name) != 0) {
        set_err("申请不存在。");
        if (own)
            db_rollback();
        return -1;
    }
    const char *why;
    int waived;
    if (!may_act(r, &a, action, today, &why, &waived)) {
        set_err("%s", why);
        if (own)
            db_rollback();
        /* after the rollback, so the denial is kept when we own the transaction */
        audit(r, "wf.deny", "wf_application", idstr(r, a.id),
              arena_sprintf(r->a, "%s at step %s: %s", action, a.step_code, why));
        return -1;
    }
    if (opinion_missing(action, opinion) || wf_unconfirmed(r, action)) {
        if (own)
            db_rollback();
        return -1;
    }
    if (waived)
        audit(r, "wf.duties.waived", "wf_application", idstr(r, a.id),
              arena_sprintf(r->a, "%s/%s %s at step %s by the applicant or the previous "
                            "actor: township %s has one clerk (%s.wf_one_clerk_townships)",
                            a.module, a.type, action, a.step_code, a.township, a.module));
    size_t nex;
    const struct day_exc *ex = wf_calendar(r, &nex);
    if (!ex)
        goto fail;
    const struct portal_wf_step *st = a.st;
    if (record(r, &a, st, action, opinion, 0) != 0)
        goto fail;
    if (apply_action(r, &a, st, action, today, ex, nex) != 0)
        goto fail;
    return own_txn_end(own, 0);
fail:
    return own_txn_end(own, 1);
}

/* ------------------------------------------------------------ reading */

static void put_app_fields(portal_req *r, const char *p, const struct app *a, long today,
                           const struct day_exc *ex, size_t nex)
{
    hdf_put(arena_sprintf(r->a, "%s.id", p), idstr(r, a->id));
    hdf_put(arena_sprintf(r->a, "%s.module", p), a->module);
    hdf_put(arena_sprintf(r->a, "%s.type", p), a->type);
    hdf_put(arena_sprintf(r->a, "%s.type_title", p), a->t ? a->t->title : a->type);
    hdf_put(arena_sprintf(r->a, "%s.child_id", p), idstr(r, a->child_id));
    hdf_put(arena_sprintf(r->a, "%s.child_name", p), a->child_name);
    hdf_put(arena_sprintf(r->a, "%s.village_code", p), a->village);
    hdf_put(arena_sprintf(r->a, "%s.step", p), a->step_code);
    hdf_put(arena_sprintf(r->a, "%s.step_title", p), a->st ? a->st->title : a->step_code);
    hdf_put(arena_sprintf(r->a, "%s.step_level", p), a->st ? wf_level_title(a->st->level) : "");
    hdf_put(arena_sprintf(r->a, "%s.status", p), a->status);
    hdf_put(arena_sprintf(r->a, "%s.status_title", p), status_title(a->status));
    hdf_put(arena_sprintf(r->a, "%s.summary", p), a->summary);
    hdf_put(arena_sprintf(r->a, "%s.started_at", p), a->started_at);
    hdf_put(arena_sprintf(r->a, "%s.step_started", p), a->step_started);
    hdf_put(arena_sprintf(r->a, "%s.url", p),
            arena_sprintf(r->a, "/%s/applications/%lld", a->module, a->id));
    int open = is_open(a);
    if (a->step_due) {
        long due = day_parse(a->step_due);
        hdf_put(arena_sprintf(r->a, "%s.due", p), a->step_due);
        if (open && due < today) {
            hdf_put(arena_sprintf(r->a, "%s.overdue", p), "1");
            hdf_put_int(arena_sprintf(r->a, "%s.days_over", p), today - due);
        }
    }
    if (a->publicity_until && open) {
        hdf_put(arena_sprintf(r->a, "%s.publicity_until", p), a->publicity_until);
        hdf_put(arena_sprintf(r->a, "%s.in_publicity", p), "1");
    }
    if (a->t && a->t->total_limit_days > 0) {
        long used = total_used_now(r, a, today, ex, nex);
        hdf_put_int(arena_sprintf(r->a, "%s.total_limit", p), a->t->total_limit_days);
        hdf_put(arena_sprintf(r->a, "%s.total_unit", p), a->t->total_working_days ? "个工作日" : "天");
        hdf_put_int(arena_sprintf(r->a, "%s.total_used", p), used);
        hdf_put_int(arena_sprintf(r->a, "%s.total_remaining", p), a->t->total_limit_days - used);
        if (used > a->t->total_limit_days && (open || strcmp(a->status, "returned") == 0)) {
            hdf_put(arena_sprintf(r->a, "%s.total_overdue", p), "1");
            hdf_put_int(arena_sprintf(r->a, "%s.total_over", p), used - a->t->total_limit_days);
        }
    }
}

/* ------------------------------------------------------------ the inbox
 *
 * What waits for the user (issue 17): the applications at a step of the
 * user's level and permission, of a child of the user's scope, in ONE
 * statement whatever the number of steps and rows (it was a statement per
 * step and two per row: a county clerk's home page with 800 applications
 * waiting asked 1,646), sorted as staff work them (overdue first, then by
 * the date due, the oldest first) and counted by the server, so that a page
 * of them is all a request builds. */

/* a step the user acts on: of the user's level, with its permission */
static int step_mine(portal_req *r, const struct portal_wf_step *st, const char *lvl)
{
    return strcmp(st->level, lvl) == 0 && user_has_perm(r, st->permission);
}

/* "type.step": the code of a step in an inbox's filter */
static int step_is(const struct portal_wf_type *t, const struct portal_wf_step *st,
                   const char *code)
{
    size_t n = strlen(t->code);
    return strncmp(code, t->code, n) == 0 && code[n] == '.' && strcmp(code + n + 1, st->code) == 0;
}

/* the user's steps (only: the one "type.step", NULL all) appended to sql,
 * their arguments to args/types, as
 *  - by_key 0: "(a.module = ? AND a.type = ? AND a.step_code = ?) OR ...",
 *    3 arguments a step: ranges of the key inbox (a county's many rows);
 *  - by_key 1: "?, ?, ..." of "module.type.step" (codes hold no '.'), 1 a
 *    step, for CONCAT(a.module, '.', a.type, '.', a.step_code) IN (...):
 *    a township's few rows tested one by one, instead of MariaDB weighing
 *    the OR's ranges over every key (half the statement's time).
 * The number of arguments (0: no step of the user's); with args NULL it
 * only counts them. */
static size_t inbox_steps(portal_req *r, const char *module, const char *lvl, const char *only,
                          int by_key, buf *sql, struct db_arg *args, char *types)
{
    size_t n = 0;
    for (size_t i = 0; i < modules_count(); i++) {
        struct loaded_module *lm = module_at(i);
        if (!lm->enabled || (module && strcmp(module, lm->m->name)))
            continue;
        for (const struct portal_wf_type *t = lm->m->workflows; t && t->code; t++)
            for (const struct portal_wf_step *st = t->steps; st && st->code; st++) {
                if (!step_mine(r, st, lvl) || (only && !step_is(t, st, only)))
                    continue;
                if (args && by_key) {
                    buf_adds(sql, n ? ", ?" : "?");
                    args[n] = db_arg_str(arena_sprintf(r->a, "%s.%s.%s", lm->m->name, t->code,
                                                       st->code));
                    types[n] = 's';
                } else if (args) {
                    buf_adds(sql, n ? " OR (a.module = ? AND a.type = ? AND a.step_code = ?)"
                                    : "(a.module = ? AND a.type = ? AND a.step_code = ?)");
                    const char *v[3] = {lm->m->name, t->code, st->code};
                    for (int k = 0; k < 3; k++) {
                        args[n + k] = db_arg_str(v[k]);
                        types[n + k] = 's';
                    }
                }
                n += by_key ? 1 : 3;
            }
    }
    if (types)
        types[n] = 0;
    return n;
}

/* what an inbox is narrowed to: one module (across the modules: /inbox),
 * one step ("type.step" of the module's workflows at the user's level), one
 * township (its 12-digit code, in the user's scope); NULL members: all */
struct inbox_filter {
    const char *module, *step, *township;
};

/* rows offset .. offset+limit-1 of the user's inbox (f: narrowed, or NULL)
 * as prefix.0, .1 ...; the number of rows in all, or -1 */
static int inbox_put(portal_req *r, const char *prefix, const char *module,
                     const struct inbox_filter *f, long offset, long limit)
{
    const char *scope = scope_prefix(r);
    const char *lvl = wf_user_level(r);
    if (!r->logged_in || !scope || !lvl || limit <= 0 || offset < 0)
        return 0;
    settle_due(r);
    const char *only = f ? f->step : NULL;
    /* a township of the scope: its villages' prefix (its first 9 digits) */
    if (f && f->township)
        scope = arena_strndup(r->a, f->township, 9);
    /* a township's or a village's scope: its rows by the key village,
     * which holds every column the sort and the count read (core 055) */
    int by_key = strlen(scope) >= 9;
    size_t n = inbox_steps(r, module, lvl, only, by_key, NULL, NULL, NULL);
    if (n == 0)
        return 0; /* no step of the user's level and permissions */
    long today = today_day(r);
    size_t nex;
    const struct day_exc *ex = wf_calendar(r, &nex);
    if (!ex)
        return -1;
    /* today and the scope, the steps', the limit and the offset */
    struct db_arg *args = arena_zalloc(r->a, (n + 4) * sizeof *args);
    char *types = arena_alloc(r->a, n + 5);
    buf sql;
    buf_init(&sql);
    /* the page's ids sorted and counted from the key inbox alone (core
     * 052: the copies of the child's village and archival follow the
     * child), then the page's rows whole; each is checked below by the
     * child's own village */
    buf_adds(&sql, "SELECT " APP_COLS ", c.name, c.village_code, c.township_code, p.n FROM ("
             "SELECT a.id, COUNT(*) OVER () AS n, (a.status = 'open' AND a.step_due IS NOT NULL "
             "AND a.step_due < ?) AS late, COALESCE(a.step_due, a.publicity_until) AS due "
             "FROM wf_applications a");
    buf_adds(&sql, by_key ? " FORCE INDEX (village)" : "");
    buf_adds(&sql, " WHERE a.status IN ('open', 'returned') AND a.child_archived = 0 AND "
             "a.village_code LIKE CONCAT(?, '%') AND ");
    buf_adds(&sql, by_key ? "CONCAT(a.module, '.', a.type, '.', a.step_code) IN (" : "(");
    args[0] = db_arg_str(fmt_day(r, today));
    args[1] = db_arg_str(scope);
    types[0] = types[1] = 's';
    inbox_steps(r, module, lvl, only, by_key, &sql, args + 2, types + 2);
    buf_adds(&sql, ") ORDER BY late DESC, due IS NULL, due, a.id LIMIT ? OFFSET ?) p "
             "JOIN wf_applications a ON a.id = p.id "
             "JOIN children c ON c.id = a.child_id AND c.status <> 'archived' "
             "ORDER BY p.late DESC, p.due IS NULL, p.due, p.id");
    args[2 + n] = (struct db_arg){.type = 'i', .i = limit};
    args[3 + n] = (struct db_arg){.type = 'i', .i = offset};
    memcpy(types + 2 + n, "ii", 3);
    const char *sql_text = arena_strdup(r->a, sql.data);
    buf_free(&sql);
    db_rows *q = db_query_args(r->a, sql_text, types, args);
    if (!q)
        return -1;
    long total = 0, i = 0;
    while (db_next(q)) {
        struct app a;
        app_of_row(q, &a);
        const char *made_in = a.village; /* the copy: the village shown */
        a.child_name = db_col(q, APP_NCOLS);
        a.village = db_col(q, APP_NCOLS + 1);
        a.township = db_col(q, APP_NCOLS + 2);
        total = atol(db_col(q, APP_NCOLS + 3));
        if (!scope_allows(r, a.village, a.child_id))
            continue; /* never: the statement asked the same */
        app_types(&a);
        const char *p = arena_sprintf(r->a, "%s.%ld", prefix, i++);
        put_app_fields(r, p, &a, today, ex, nex);
        /* its name from the worker's division cache */
        const char *vname = division_name(made_in);
        if (vname)
            hdf_put(arena_sprintf(r->a, "%s.village", p), vname);
    }
    if (q->nrows == 0 && offset > 0) {
        /* a page past the end: the count alone, from the first row */
        args[2 + n].i = 1;
        args[3 + n].i = 0;
        db_rows *c = db_query_args(r->a, sql_text, types, args);
        if (!c)
            return -1;
        if (db_next(c))
            total = atol(db_col(c, APP_NCOLS + 3));
    }
    return (int)total;
}

/* every row (as many as a page may hold: INBOX_ALL) */
#define INBOX_ALL 2000

int wf_svc_inbox_hdf(portal_req *r, const char *prefix, const char *module)
{
    return inbox_put(r, prefix, module, NULL, 0, INBOX_ALL);
}

int wf_svc_inbox_page(portal_req *r, const char *prefix, const char *module, long offset,
                      long limit)
{
    return inbox_put(r, prefix, module, NULL, offset, limit > INBOX_ALL ? INBOX_ALL : limit);
}

/* the filter an inbox offers (prefix"Filter": across the modules, the
 * modules with a step of the user's; a module's steps at the user's level;
 * the townships of a county's scope) and the one the request asks (the
 * declared parameters module, step and township; a value not offered is no
 * filter) */
struct town_opts {
    portal_req *r;
    const char *prefix, *asked;
    const char *found;
};

static void town_opt(void *ctx, int i, const char *code, const char *name, const char *type)
{
    struct town_opts *o = ctx;
    const char *p = arena_sprintf(o->r->a, "%sFilter.Towns.%d", o->prefix, i);
    hdf_put(arena_sprintf(o->r->a, "%s.code", p), code);
    hdf_put(arena_sprintf(o->r->a, "%s.name", p), name);
    if (o->asked && strcmp(o->asked, code) == 0)
        o->found = arena_strdup(o->r->a, code);
}

/* the module's steps at the user's level as prefix"Filter.Steps" (the one
 * asked, when offered, in f->step); the number of them */
static int filter_steps(portal_req *r, const char *prefix, struct loaded_module *lm,
                        const char *lvl, const char *asked, struct inbox_filter *f)
{
    int n = 0;
    for (const struct portal_wf_type *t = lm->m->workflows; t && t->code; t++)
        for (const struct portal_wf_step *st = t->steps; st && st->code; st++) {
            if (!step_mine(r, st, lvl))
                continue;
            if (!prefix)
                return 1; /* only asked whether there is one */
            const char *p = arena_sprintf(r->a, "%sFilter.Steps.%d", prefix, n++);
            const char *code = arena_sprintf(r->a, "%s.%s", t->code, st->code);
            hdf_put(arena_sprintf(r->a, "%s.code", p), code);
            hdf_put(arena_sprintf(r->a, "%s.title", p),
                    arena_sprintf(r->a, "%s：%s", t->title, st->title));
            if (asked && strcmp(asked, code) == 0)
                f->step = code;
        }
    return n;
}

static void inbox_filter_put(portal_req *r, const char *prefix, const char *module,
                             struct inbox_filter *f)
{
    const char *lvl = wf_user_level(r), *scope = scope_prefix(r);
    const char *asked = req_param(r, "module"), *step = req_param(r, "step");
    const char *town = req_param(r, "township");
    f->module = f->step = f->township = NULL;
    if (!lvl || !scope)
        return;
    /* a module's home: its steps; across the modules (/inbox): the modules
     * with a step of the user's, one of which narrows it, then its steps */
    struct loaded_module *lm = module ? module_find(module) : NULL;
    for (size_t i = 0, n = 0; !module && i < modules_count(); i++) {
        struct loaded_module *m = module_at(i);
        if (!m->enabled || !filter_steps(r, NULL, m, lvl, NULL, f))
            continue;
        const char *p = arena_sprintf(r->a, "%sFilter.Modules.%zu", prefix, n++);
        hdf_put(arena_sprintf(r->a, "%s.code", p), m->m->name);
        hdf_put(arena_sprintf(r->a, "%s.title", p), m->m->title);
        if (asked && strcmp(asked, m->m->name) == 0) {
            f->module = m->m->name;
            lm = m;
        }
    }
    if (lm && lm->enabled)
        filter_steps(r, prefix, lm, lvl, step, f);
    /* a county's (or a province's) user narrows to one of its townships */
    if (strlen(scope) < 9) {
        struct town_opts o = {r, prefix, town && *town ? town : NULL, NULL};
        divisions_each("township", scope, fmt_day(r, today_day(r)), town_opt, &o);
        f->township = o.found;
    }
    buf q;
    buf_init(&q);
    if (f->module)
        buf_printf(&q, "module=%s", f->module);
    if (f->step)
        buf_printf(&q, "%sstep=%s", q.len ? "&" : "", f->step);
    if (f->township)
        buf_printf(&q, "%stownship=%s", q.len ? "&" : "", f->township);
    if (q.len) {
        hdf_put(arena_sprintf(r->a, "%sQuery", prefix), q.data);
        hdf_put(arena_sprintf(r->a, "%sFilter.module", prefix), f->module ? f->module : "");
        hdf_put(arena_sprintf(r->a, "%sFilter.step", prefix), f->step ? f->step : "");
        hdf_put(arena_sprintf(r->a, "%sFilter.township", prefix), f->township ? f->township : "");
    }
    buf_free(&q);
}

/* a page of `rows` as the route's declared parameter `page` asks (1 when
 * absent; past the end: the last page), with the pager's figures; a
 * module's inbox narrowed as the filter asks */
int wf_svc_inbox_paged(portal_req *r, const char *prefix, const char *module, long rows)
{
    if (rows < 1 || rows > INBOX_ALL)
        rows = INBOX_ALL;
    const char *pp = req_param(r, "page");
    long long page = pp ? strtoll(pp, NULL, 10) : 1;
    if (page < 1)
        page = 1;
    if (page > 1000000)
        page = 1000000;
    struct inbox_filter f;
    inbox_filter_put(r, prefix, module, &f);
    if (f.module)
        module = f.module; /* /inbox narrowed to one module */
    int n = inbox_put(r, prefix, module, &f, (long)(page - 1) * rows, rows);
    if (n < 0)
        return -1;
    long pages = (n + rows - 1) / rows;
    if (pages > 0 && page > pages) { /* past the end: the last page instead */
        page = pages;
        if ((n = inbox_put(r, prefix, module, &f, (long)(page - 1) * rows, rows)) < 0)
            return -1;
        pages = (n + rows - 1) / rows;
        if (page > pages)
            page = pages > 0 ? pages : 1; /* rows left meanwhile */
    }
    hdf_put_int(arena_sprintf(r->a, "%sCount", prefix), n);
    if (pages > 1) { /* the table shows a page of them */
        hdf_put_int(arena_sprintf(r->a, "%sTotal", prefix), n);
        hdf_put_int(arena_sprintf(r->a, "%sPage", prefix), page);
        hdf_put_int(arena_sprintf(r->a, "%sPages", prefix), pages);
        if (page > 1)
            hdf_put_int(arena_sprintf(r->a, "%sPrev", prefix), page - 1);
        if (page < pages)
            hdf_put_int(arena_sprintf(r->a, "%sNext", prefix), page + 1);
    }
    return n;
}

int wf_svc_app_hdf(portal_req *r, const char *prefix, long long app_id)
{
    if (settle(r, app_id) < 0)
        return -1;
    struct app a;
    if (load_app(r, app_id, 0, &a) != 1 || !scope_allows(r, a.village, a.child_id))
        return -1;
    long today = today_day(r);
    size_t nex;
    const struct day_exc *ex = wf_calendar(r, &nex);
    if (!ex)
        return -1;
    put_app_fields(r, prefix, &a, today, ex, nex);
    const char *vname = division_name(a.village), *tname = division_name(a.township);
    if (vname)
        hdf_put(arena_sprintf(r->a, "%s.village", prefix), vname);
    if (tname)
        hdf_put(arena_sprintf(r->a, "%s.township", prefix), tname);
    /* the steps, with the current one marked */
    for (int i = 0, limit; a.t && a.t->steps[i].code; i++) {
        const struct portal_wf_step *st = &a.t->steps[i];
        const char *p = arena_sprintf(r->a, "%s.Steps.%d", prefix, i);
        hdf_put(arena_sprintf(r->a, "%s.code", p), st->code);
        hdf_put(arena_sprintf(r->a, "%s.title", p), st->title);
        hdf_put(arena_sprintf(r->a, "%s.level", p), wf_level_title(st->level));
        if (st->publicity_days > 0)
            hdf_put(arena_sprintf(r->a, "%s.limit", p),
                    arena_sprintf(r->a, "公示 %d 天（异议后 %d 天）", st->publicity_days,
                                  st->objection_days));
        else if ((limit = step_limit(r, &a, st, today)) > 0)
            hdf_put(arena_sprintf(r->a, "%s.limit", p),
                    arena_sprintf(r->a, "%d %s", limit, st->working_days ? "个工作日" : "天"));
        if (!st->counts)
            hdf_put(arena_sprintf(r->a, "%s.not_counted", p), "1");
        if (i == a.step_index && (is_open(&a) || strcmp(a.status, "returned") == 0))
            hdf_put(arena_sprintf(r->a, "%s.current", p), "1");
    }
    /* the actions the user may take now */
    static const char *const acts[] = {"approve", "return", "resubmit", "reject", "object", NULL};
    for (int i = 0; acts[i]; i++) {
        const char *why;
        if (may_act(r, &a, acts[i], today, &why, NULL))
            hdf_put(arena_sprintf(r->a, "%s.Can.%s", prefix, acts[i]), "1");
        else if (i == 0 && why)
            hdf_put(arena_sprintf(r->a, "%s.CannotApprove", prefix), why);
    }
    if (a.st && a.st->publicity_days > 0 && is_open(&a) && objected_before(r, a.id, a.st->code))
        hdf_put(arena_sprintf(r->a, "%s.after_objection", prefix), "1");
    db_rows *h = db_query(r->a, "SELECT DATE_FORMAT(w.at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), "
                          "u.display_name, w.step_code, w.action, w.opinion FROM wf_actions w "
                          "LEFT JOIN users u ON u.id = w.user_id WHERE w.app_id = ? "
                          "ORDER BY w.id", "i", a.id);
    if (!h)
        return -1;
    for (int i = 0; db_next(h); i++) {
        const char *p = arena_sprintf(r->a, "%s.History.%d", prefix, i);
        int si = a.t ? wf_step_index(a.t, db_col(h, 2)) : -1;
        hdf_put(arena_sprintf(r->a, "%s.at", p), db_col(h, 0));
        hdf_put(arena_sprintf(r->a, "%s.user", p), db_col(h, 1) ? db_col(h, 1) : "系统");
        hdf_put(arena_sprintf(r->a, "%s.step", p), db_col(h, 2));
        hdf_put(arena_sprintf(r->a, "%s.step_title", p),
                si >= 0 ? a.t->steps[si].title : db_col(h, 2));
        hdf_put(arena_sprintf(r->a, "%s.action", p), db_col(h, 3));
        hdf_put(arena_sprintf(r->a, "%s.action_title", p), action_title(db_col(h, 3)));
        hdf_put(arena_sprintf(r->a, "%s.opinion", p), db_col(h, 4));
    }
    return 0;
}
