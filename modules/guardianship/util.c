/*
 * util.c - what every part of the module uses: ids as text, the case's
 * urgent tasks (opened per step, closed when the step is done: their times
 * are the host's clock, the one the escalation uses), the case's history,
 * decryption of a column, and the time limits in hours.
 */
#include "guardianship.h"

#include <stdlib.h>
#include <string.h>

const char *gd_id(portal_req *r, const struct portal_services *s, long long id)
{
    return s->sprintf(r, "%lld", id);
}

/* code is one of the module's labels of kind (every title differs from its code) */
int gd_is_label(portal_req *r, const struct portal_services *s, const char *kind,
                const char *code)
{
    return code && *code && strcmp(s->label(r, kind, code), code) != 0;
}

/* hours of a time-limit setting: per_day = 1 for a PS_DAYS one; 1..720 */
int gd_hours(portal_req *r, const struct portal_services *s, const char *code, int per_day)
{
    long long v = s->setting_int(r, code, NULL);
    if (v == PORTAL_NO_SETTING || v < 1)
        v = 1;
    v *= per_day ? 24 : 1;
    return (int)(v > 720 ? 720 : v);
}

static const char *step_title(const char *step)
{
    static const char *const t[][2] = {
        {"receive", "强制报告：立即接案"}, {"county", "强制报告：县级知悉督办"},
        {"safety", "强制报告：24小时内确保儿童安全"}, {"assess", "保护个案：调查评估"},
        {"plan", "保护个案：制定干预方案"}, {"visit", "保护个案：回访"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(t[i][0], step) == 0)
            return t[i][1];
    return "保护个案";
}

/* opens the case's urgent task of `step` (the title names no one: the inbox
 * is not need-to-know); the task's id, or -1 with task_error */
long long gd_task(portal_req *r, const struct portal_services *s, long long report,
                  long long child, const char *division, const char *step, const char *level,
                  const char *perm, int hours)
{
    const char *rid = gd_id(r, s, report);
    struct portal_task t = {
        .kind = s->sprintf(r, "report.%s", step),
        .title = s->sprintf(r, "%s（第 %s 号）", step_title(step), rid),
        .link = s->sprintf(r, "/guardianship/reports/%s", rid),
        .child_id = child,
        .object_type = "gd_report",
        .object_id = rid,
        .division = child ? NULL : division,
        .level = level,
        .permission = perm,
        .hours = hours,
    };
    long long id = s->task_open(r, &t);
    if (id > 0 && s->db_exec(r, "INSERT INTO gd_report_tasks (report_id, task_id, step) "
                             "VALUES (?, ?, ?)", "iis", report, id, step) != 1)
        return -1;
    return id;
}

/* closes the open tasks of `step` (NULL: every step) with the outcome; the
 * time it was done by the host's clock (the close of the last task), or the
 * database's time when no task was open; NULL on an error */
const char *gd_step_done(portal_req *r, const struct portal_services *s, long long report,
                         const char *step, const char *outcome)
{
    portal_rows *q = s->db_query(r, "SELECT t.id FROM gd_report_tasks g JOIN urgent_tasks t "
                                 "ON t.id = g.task_id WHERE g.report_id = ? AND t.status = "
                                 "'open' AND (? IS NULL OR g.step = ?)", "iss", report, step,
                                 step);
    if (!q)
        return NULL;
    long long last = 0;
    while (s->db_next(q)) {
        long long tid = atoll(s->db_col(q, 0));
        if (s->task_close(r, tid, outcome) != 0) {
            s->log("GD0101", "report %lld: task %lld not closed: %s", report, tid,
                   s->task_error(r));
            continue;
        }
        last = tid;
    }
    q = last ? s->db_query(r, "SELECT closed_at FROM urgent_tasks WHERE id = ?", "i", last)
             : s->db_query(r, "SELECT UTC_TIMESTAMP()", "");
    return q && s->db_next(q) ? s->db_col(q, 0) : NULL;
}

/* one line of the case's history (notes encrypted; NULL: none) */
int gd_event(portal_req *r, const struct portal_services *s, long long report, const char *kind,
             const char *notes, const char *visit_date)
{
    size_t len = 0;
    const void *enc = notes && *notes ? s->encrypt(r, notes, &len) : NULL;
    if (notes && *notes && !enc)
        return -1;
    if (s->db_exec(r, "INSERT INTO gd_report_events (report_id, at, user_id, kind, notes_enc, "
                   "visit_date) VALUES (?, UTC_TIMESTAMP(), ?, ?, ?, ?)", "iisbs", report,
                   s->user(r)->id, kind, enc, len, visit_date) != 1)
        return -1;
    s->audit(r, s->sprintf(r, "guardianship.report.%s", kind), "gd_report", gd_id(r, s, report),
             NULL);
    return 0;
}

/* an encrypted column of the current row as text ("" for none; a tampered
 * value shows as such) */
const char *gd_dec(portal_req *r, const struct portal_services *s, portal_rows *q,
                   const char *col)
{
    int i = s->col_index(q, col);
    const char *v = i < 0 ? NULL : s->db_col(q, i);
    if (!v)
        return "";
    const char *pt = s->decrypt(r, v, s->db_col_len(q, i));
    return pt ? pt : "（无法解密）";
}

/* the current townships and villages (a place in a form) into Places.N */
int gd_places_hdf(portal_req *r, const struct portal_services *s)
{
    return s->db_query_hdf(r, "Places", "SELECT code, name, level FROM divisions WHERE level IN "
                           "('township', 'village') AND (valid_to IS NULL OR valid_to >= ?) "
                           "ORDER BY code", "s", s->today(r));
}

/* the institutions that take children in into Institutions.N */
int gd_institutions_hdf(portal_req *r, const struct portal_services *s)
{
    return s->db_query_hdf(r, "Institutions", "SELECT id, name FROM orgs WHERE kind IN "
                           "('welfare', 'institution') AND active = 1 ORDER BY name", "");
}
