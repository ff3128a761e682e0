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

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int outbound_queue(arena *a, const char *kind, long long ref_id, const char *payload)
{
    const char *cmd = config_get("outbound_command", NULL);
    if (!cmd || !*cmd)
        return 0;
    return db_exec(a, "INSERT IGNORE INTO outbound_events (kind, ref_id, payload, created_at, "
                   "next_at) VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())", "sis", kind,
                   ref_id, payload) < 0 ? -1 : 0;
}

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
    arena_free(a);
    return rc;
}
