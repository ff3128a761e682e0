/*
 * jobs.c - the master's periodic job (portal.c forks it every jobs_interval
 * seconds, one at a time, and kills it past jobs_timeout): it escalates the
 * urgent tasks whose deadline passed and runs the outbound hook.  It runs in
 * a child of the master, never in a request worker, and never depends on a
 * user opening a page.
 *
 * Escalation is one transaction per task, re-checked under a row lock
 * (status open, not final, due_at passed, the level read), so a job killed
 * halfway or run twice escalates each deadline once; the supervision row's
 * unique key (task, level escalated from) says so again.  Audited as the
 * system (user 0) on a chain of its own.
 *
 * The modules' jobs (2.9, struct portal_job): each declared job whose
 * every_minutes have passed since its last start is claimed by one
 * conditional UPDATE of module_jobs (so two masters, or a job still inside
 * its interval, claim nothing), run as the system user in the host's
 * transaction (request_run_job), audited ("job.run") and its end recorded.
 * `portalctl job run` runs one at once through job_run_named.
 *
 * The hook (outbound_command): each event is one JSON line on the command's
 * stdin, no shell, no arguments; exit status 0 is success.  A run past
 * outbound_timeout seconds is killed (its process group).  A failure is
 * logged and retried later (outbound_retry_seconds, 30: 30 s, 60 s, 120 s ... at most an
 * hour apart) up
 * to outbound_tries times, then the event is marked failed.  The attempt is
 * counted before the command runs: a crash never buys an extra try.
 */
#include "host.h"
#include "db.h"
#include "audit.h"
#include "tasks.h"
#include "dates.h"
#include "outbound.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *next_level(const char *level)
{
    if (strcmp(level, "village") == 0)
        return "township";
    if (strcmp(level, "township") == 0)
        return "county";
    return NULL;
}

static int job_audit(arena *a, const char *action, const char *otype, const char *oid,
                     const char *detail)
{
    struct audit_row row = {.user_id = 0, .username = "system", .action = action,
                            .object_type = otype, .object_id = oid, .detail = detail,
                            .ip = "-"};
    return audit_append(a, &row);
}

/* the escalation's event for the hook: ids and codes, no names */
static const char *escalation_payload(arena *a, long long sid, long long tid, db_rows *t,
                                      const char *to, const char *due)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "{\"event\":\"escalation\",\"supervision_id\":%lld,\"task_id\":%lld",
               sid, tid);
    json_field(&b, "module", db_col(t, 4));
    json_field(&b, "kind", db_col(t, 5));
    json_field(&b, "from_level", db_col(t, 0));
    json_field(&b, "to_level", to);
    json_field(&b, "division", db_col(t, 1));
    json_field(&b, "missed_due_utc", db_col(t, 2));
    json_field(&b, "due_at_utc", due);
    buf_addc(&b, '}');
    char *out = arena_strdup(a, b.data);
    buf_free(&b);
    return out;
}

/* one task, in one transaction: 1 escalated, 0 nothing to do, -1 error */
static int escalate_one(arena *a, long long tid, const char *now)
{
    if (db_begin() != 0)
        return -1;
    db_rows *t = db_query(a, "SELECT level, division_code, due_at, hours, module, kind "
                          "FROM urgent_tasks WHERE id = ? AND status = 'open' AND final = 0 "
                          "AND due_at <= ? FOR UPDATE", "is", tid, now);
    if (!t || !db_next(t)) {
        db_rollback();
        return t ? 0 : -1;
    }
    const char *from = db_col(t, 0), *to = next_level(from);
    long long hours = atoll(db_col(t, 3));
    long long k = to ? db_exec(a, "UPDATE urgent_tasks SET level = ?, org_id = NULL, "
                               "escalations = escalations + 1, due_at = DATE_ADD(?, INTERVAL "
                               "? HOUR) WHERE id = ?", "ssii", to, now, hours, tid)
                     : db_exec(a, "UPDATE urgent_tasks SET final = 1, escalations = "
                               "escalations + 1 WHERE id = ?", "i", tid);
    if (k != 1 || db_exec(a, "INSERT INTO supervision_items (task_id, from_level, to_level, "
                          "division_code, missed_due, escalated_at) VALUES (?,?,?,?,?,?)",
                          "isssss", tid, from, to ? to : from, db_col(t, 1), db_col(t, 2),
                          now) != 1)
        goto fail;
    long long sid = db_insert_id();
    db_rows *d = db_query(a, "SELECT due_at FROM urgent_tasks WHERE id = ?", "i", tid);
    const char *due = d && db_next(d) ? db_col(d, 0) : NULL;
    const char *oid = arena_sprintf(a, "%lld", tid);
    if (outbound_queue(a, "escalation", sid, escalation_payload(a, sid, tid, t, to, due)) ||
        job_audit(a, "task.escalate", "urgent_task", oid,
                  arena_sprintf(a, "%s -> %s, missed %s UTC", from, to ? to : "(final)",
                                db_col(t, 2))) != 0)
        goto fail;
    if (db_commit() != 0)
        return -1;
    return 1;
fail:
    db_rollback();
    return -1;
}

static int escalate_due(arena *a, const char *now)
{
    db_rows *q = db_query(a, "SELECT id FROM urgent_tasks WHERE status = 'open' AND final = 0 "
                          "AND due_at <= ? ORDER BY due_at, id LIMIT 500", "s", now);
    if (!q)
        return -1;
    int rc = 0;
    while (db_next(q)) {
        long long tid = atoll(db_col(q, 0));
        int e = escalate_one(a, tid, now);
        if (e < 0) {
            log_msg("PT1001", "task %lld: escalation failed (%u %s); retried next run", tid,
                    db_errno(), db_error());
            rc = -1;
        }
    }
    return rc;
}

/* runs cmd with line on stdin: 0 exit status 0; else -1 and why */
static int run_hook(const char *cmd, const char *line, long timeout, char *why, size_t cap)
{
    int p[2];
    if (pipe(p) != 0)
        return snprintf(why, cap, "pipe: %s", strerror(errno)), -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return snprintf(why, cap, "fork: %s", strerror(errno)), -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGPIPE, SIG_DFL);
        dup2(p[0], 0);
        close(p[0]);
        close(p[1]);
        int nul = open("/dev/null", O_WRONLY);
        if (nul >= 0)
            dup2(nul, 1);
        execl(cmd, cmd, (char *)NULL);
        _exit(127);
    }
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    size_t n = strlen(line);
    int wrote = write(p[1], line, n) == (ssize_t)n && write(p[1], "\n", 1) == 1;
    close(p[1]);
    double until = now_mono() + (double)timeout;
    int st = 0;
    pid_t w;
    while ((w = waitpid(pid, &st, WNOHANG)) == 0 && now_mono() < until) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (w == 0) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
        return snprintf(why, cap, "timed out after %ld s", timeout), -1;
    }
    if (w < 0)
        return snprintf(why, cap, "waitpid: %s", strerror(errno)), -1;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return wrote ? 0 : (snprintf(why, cap, "the command did not read its input"), -1);
    if (WIFEXITED(st))
        return snprintf(why, cap, "exit status %d", WEXITSTATUS(st)), -1;
    return snprintf(why, cap, "killed by signal %d", WTERMSIG(st)), -1;
}

/* claims one try of event id (counted before it runs): 1 claimed */
static int claim(arena *a, long long id, long long attempts)
{
    if (db_begin() != 0)
        return 0;
    long long k = db_exec(a, "UPDATE outbound_events SET attempts = attempts + 1, next_at = "
                          "UTC_TIMESTAMP() + INTERVAL LEAST(? * POW(2, attempts), 3600) SECOND "
                          "WHERE id = ? AND status = 'pending' AND attempts = ?", "iii",
                          (long long)config_int("outbound_retry_seconds", 30), id, attempts);
    if (k != 1 || db_commit() != 0) {
        db_rollback();
        return 0;
    }
    return 1;
}

static int deliver_due(arena *a)
{
    const char *cmd = config_get("outbound_command", NULL);
    if (!cmd || !*cmd)
        return 0;
    long timeout = config_int("outbound_timeout", 10), tries = config_int("outbound_tries", 5);
    db_rows *q = db_query(a, "SELECT id, kind, payload, attempts FROM outbound_events "
                          "WHERE status = 'pending' AND next_at <= UTC_TIMESTAMP() "
                          "ORDER BY id LIMIT 50", "");
    if (!q)
        return -1;
    while (db_next(q)) {
        long long id = atoll(db_col(q, 0)), att = atoll(db_col(q, 3));
        if (!claim(a, id, att))
            continue;
        char why[200] = "";
        int ok = run_hook(cmd, db_col(q, 2), timeout, why, sizeof why) == 0;
        if (!ok)
            log_msg("PT1002", "outbound hook, %s event %lld, try %lld of %ld: %s", db_col(q, 1),
                    id, att + 1, tries, why);
        db_exec(a, "UPDATE outbound_events SET status = IF(?, 'sent', IF(attempts >= ?, "
                "'failed', 'pending')), sent_at = IF(?, UTC_TIMESTAMP(), NULL), "
                "last_error = ? WHERE id = ?", "iiisi", (long long)ok, (long long)tries,
                (long long)ok, ok ? NULL : why, id);
        if (!ok && att + 1 >= tries)
            log_msg("PT1003", "outbound hook: %s event %lld given up after %ld tries",
                    db_col(q, 1), id, tries);
    }
    return 0;
}

/* ------------------------------------------------ 2.9: the modules' jobs */

/* ",p1,p2,...," every permission any module declares: the system user's */
static const char *all_perms(arena *a)
{
    buf b;
    buf_init(&b);
    buf_adds(&b, ",");
    for (size_t i = 0; i < modules_count(); i++)
        for (const struct portal_permission *p = module_at(i)->m->permissions; p && p->name; p++)
            buf_printf(&b, "%s,", p->name);
    const char *out = arena_strdup(a, b.data ? b.data : ",");
    buf_free(&b);
    return out;
}

static const char *county_code(arena *a)
{
    db_rows *q = db_query(a, "SELECT code FROM divisions WHERE level = 'county' ORDER BY code "
                          "LIMIT 1", "");
    return q && db_next(q) ? arena_strdup(a, db_col(q, 0)) : "";
}

/* 1 claimed (its start recorded and committed), 0 not due or taken, -1 db */
static int job_claim(arena *a, const char *mod, const struct portal_job *j, const char *now,
                     int force)
{
    if (db_exec(a, "INSERT IGNORE INTO module_jobs (module, job) VALUES (?, ?)", "ss", mod,
                j->name) < 0)
        return -1;
    long long n = db_exec(a, "UPDATE module_jobs SET last_started = ?, last_status = 'running', "
                          "runs = runs + 1 WHERE module = ? AND job = ? AND (? OR last_started "
                          "IS NULL OR last_started <= ? - INTERVAL ? MINUTE)", "sssisi", now, mod,
                          j->name, (long long)force, now, (long long)j->every_minutes);
    return n < 0 ? -1 : n > 0;
}

static void job_request(portal_req *r, arena *a, const char *mod, const struct portal_job *j)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    r->method = "JOB";
    r->path = arena_sprintf(a, "job:%s.%s", mod, j->name);
    r->remote_addr = "-";
    r->logged_in = 1;
    r->perms = all_perms(a);
    r->user = (struct portal_user){.id = 0, .username = "system", .display_name = "系统",
                                   .org_name = "", .division = county_code(a),
                                   .division_name = "", .org_kind = "", .scope = "division"};
    buf_init(&r->headers);
    buf_init(&r->body);
}

/* run one job now (claimed unless force); 0 ran and committed, 1 not due,
 * -1 failed */
static int job_run(arena *a, struct loaded_module *lm, const struct portal_job *j, int force)
{
    const char *now = clock_now(a);
    int c = job_claim(a, lm->m->name, j, now, force);
    if (c <= 0)
        return c < 0 ? -1 : 1;
    portal_req r;
    job_request(&r, a, lm->m->name, j);
    int rc = request_run_job(&r, lm, j->run);
    const char *what = arena_sprintf(a, "%s.%s", lm->m->name, j->name);
    if (rc != 0)
        log_msg("PT1007", "job %s failed (%u %s)", what, db_errno(), db_error());
    job_audit(a, "job.run", "job", what, rc == 0 ? "ok" : "failed");
    db_exec(a, "UPDATE module_jobs SET last_finished = ?, last_status = ?, last_message = ?, "
            "failures = failures + ? WHERE module = ? AND job = ?", "sssiss", clock_now(a),
            rc == 0 ? "ok" : "failed", rc == 0 ? "" : "运行失败，详见日志", (long long)(rc != 0),
            lm->m->name, j->name);
    buf_free(&r.headers);
    buf_free(&r.body);
    return rc;
}

/* every enabled module's due jobs, one after the other */
static int module_jobs_due(arena *a)
{
    int rc = 0;
    for (size_t i = 0; i < modules_count(); i++) {
        struct loaded_module *lm = module_at(i);
        for (const struct portal_job *j = lm->enabled ? lm->m->jobs : NULL; j && j->name; j++)
            if (job_run(a, lm, j, 0) < 0)
                rc = -1;
    }
    return rc;
}

/* `portalctl job run <module>.<job>`: 0 ran, -1 failed or no such job */
int job_run_named(const char *spec, char *err, size_t errlen)
{
    const char *dot = spec ? strchr(spec, '.') : NULL;
    struct loaded_module *lm = NULL;
    if (dot) {
        char mod[64];
        snprintf(mod, sizeof mod, "%.*s", (int)(dot - spec), spec);
        lm = module_find(mod);
    }
    for (const struct portal_job *j = lm ? lm->m->jobs : NULL; j && j->name; j++)
        if (strcmp(j->name, dot + 1) == 0) {
            arena *a = arena_new(64 * 1024);
            int rc = job_run(a, lm, j, 1);
            arena_free(a);
            if (rc != 0)
                snprintf(err, errlen, "job %s failed (see the log)", spec);
            return rc == 0 ? 0 : -1;
        }
    snprintf(err, errlen, "no job %s (module.job)", spec ? spec : "");
    return -1;
}

/* the jobs_hdf service: every declared job with its last run */
int jobs_svc_hdf(portal_req *r, const char *prefix)
{
    int n = 0;
    for (size_t i = 0; i < modules_count(); i++) {
        const struct portal_module *m = module_at(i)->m;
        for (const struct portal_job *j = m->jobs; j && j->name; j++, n++) {
            const char *p = arena_sprintf(r->a, "%s.%d", prefix, n);
            db_rows *q = db_query(r->a, "SELECT last_started, last_finished, last_status, "
                                  "last_message, runs, failures FROM module_jobs WHERE module "
                                  "= ? AND job = ?", "ss", m->name, j->name);
            if (!q)
                return -1;
            int had = db_next(q);
            static const char *const cols[] = {"started", "finished", "status", "message",
                                               "runs", "failures"};
            for (int c = 0; c < 6; c++)
                render_set(r, arena_sprintf(r->a, "%s.%s", p, cols[c]),
                             had && db_col(q, (size_t)c) ? db_col(q, (size_t)c) : "");
            render_set(r, arena_sprintf(r->a, "%s.module", p), m->name);
            render_set(r, arena_sprintf(r->a, "%s.name", p), j->name);
            render_set(r, arena_sprintf(r->a, "%s.title", p), j->title);
            render_set_int(r, arena_sprintf(r->a, "%s.every", p), j->every_minutes);
        }
    }
    return n;
}

int jobs_run(void)
{
    if (db_ensure() != 0) {
        log_msg("PT1004", "periodic job: the database is not reachable (%u %s)", db_errno(),
                db_error());
        return -1;
    }
    arena *a = arena_new(64 * 1024);
    int rc = escalate_due(a, clock_now(a));
    if (deliver_due(a) != 0)
        rc = -1;
    if (module_jobs_due(a) != 0)
        rc = -1;
    arena_free(a);
    return rc;
}
