/*
 * retention.c - retention and archival of children's files (issue 19 item
 * 2).  A file is due when the child has left every category and is 18 or
 * older, and its last event is older than the setting retention_years, and
 * no legal hold stops it.  The module job "archive" (run by the portal
 * master, never a request) archives what is due today: the legal minimum
 * (identity, categories, benefits paid) into child_archives, the rest
 * dropped - the core's family, timeline and attachments (this module's
 * declaration) and every module's tables it declares to go with the file
 * (portal_module.retention: visits and their photos, counselling...), the
 * free-text columns of the child's row - its links to organisations ended,
 * and the file marked archived: the host then keeps it out of every list,
 * search and page.  The records a module keeps longer (guardianship's
 * reports and referrals: retention_years_abuse) outlive the file; the same
 * job drops them once their period is over, keeping each one's minimum
 * line in child_archive_records.  Every step is one audit row with what
 * was dropped.  /privacy/retention is the dry run: what next month's runs
 * will archive, the holds, the files archived last.
 */
#include "privacy.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param hold_params[] = {
    {"hold", PP_INT, 1, 1, "法律保留"},
    {"reason", PP_TEXT, 200, 0, "理由"},
    {NULL, 0, 0, 0, NULL}};

/* the core's tables archival drops with the file (the other modules
 * declare their own): family details, the timeline (visit notes,
 * summaries), scans of certificates */
const struct portal_retention privacy_retention[] = {
    {"child_family", NULL, NULL, NULL, NULL, NULL},
    {"child_events", NULL, NULL, NULL, NULL, NULL},
    {"child_attachments", NULL, NULL, NULL, NULL, "stored_name"},
    {NULL, NULL, NULL, NULL, NULL, NULL}};

/* the children due on `ref` (YYYY-MM-DD) in the user's scope: id, name,
 * birth_date, village_code, last_at, abuse (1: an abuse-report case) */
static const char *due_sql(portal_req *r, svc *s, const char **a1, const char **a2)
{
    const char *cond = s->scope_sql(r, "c", a1, a2);
    if (!cond)
        return NULL;
    return s->sprintf(r,
        "SELECT c.id, c.name, c.birth_date, c.village_code, x.last_at, x.abuse FROM children c "
        "JOIN (SELECT c2.id AS child_id, COALESCE((SELECT MAX(e.at) FROM child_events e WHERE "
        "e.child_id = c2.id), c2.updated_at) AS last_at, EXISTS (SELECT 1 FROM child_events e "
        "WHERE e.child_id = c2.id AND e.kind LIKE 'protection.%%') AS abuse FROM children c2 "
        "WHERE c2.status = 'exited') x ON x.child_id = c.id "
        "WHERE %s AND c.birth_date <= ? - INTERVAL 18 YEAR AND NOT EXISTS (SELECT 1 FROM "
        "child_categories cc WHERE cc.child_id = c.id AND (cc.end_date IS NULL OR cc.end_date "
        "> ?)) AND NOT EXISTS (SELECT 1 FROM retention_holds h WHERE h.child_id = c.id) AND "
        "x.last_at < ? - INTERVAL ? YEAR ORDER BY c.id LIMIT ?", cond);
}

static portal_rows *due(portal_req *r, svc *s, const char *ref, long long limit)
{
    const char *a1, *a2, *sql = due_sql(r, s, &a1, &a2);
    long long years = s->setting_int(r, "privacy.retention_years", ref);
    if (!sql || years == PORTAL_NO_SETTING)
        return NULL;
    return s->db_query(r, sql, "sssssii", a1, a2, ref, ref, ref, years, limit);
}

/* the child's rows of an entry: SQL on t and c */
static const char *rows_of(const struct portal_retention *e)
{
    return e->rows ? e->rows : "t.child_id = c.id";
}

/* drops one entry's rows of the child (and their files): the count, -1 */
static long long purge_rows(portal_req *r, svc *s, const struct portal_retention *e,
                            long long child)
{
    if (e->file_col) {
        portal_rows *q = s->db_query(r, s->sprintf(r, "SELECT t.%s FROM %s t JOIN children c ON "
                                     "c.id = ? WHERE %s AND t.%s IS NOT NULL", e->file_col,
                                     e->table, rows_of(e), e->file_col), "i", child);
        if (!q)
            return -1;
        while (s->db_next(q))
            s->file_discard(r, s->db_col(q, 0));
    }
    return s->db_exec(r, s->sprintf(r, "DELETE t FROM %s t JOIN children c ON c.id = ? WHERE %s",
                                    e->table, rows_of(e)), "i", child);
}

/* the legal minimum kept: identity, categories, benefits paid; 0, -1 */
static int archive_row(portal_req *r, svc *s, long long child, const char *last_at, int abuse)
{
    return s->db_exec(r,
        "INSERT INTO child_archives (child_id, name, sex, birth_date, id_enc, id_hmac, "
        "id_masked, township_code, village_code, categories, benefits_fen, benefits, "
        "last_event_at, abuse_case, archived_at) SELECT c.id, c.name, c.sex, c.birth_date, "
        "c.id_enc, c.id_hmac, c.id_masked, c.township_code, c.village_code, (SELECT "
        "GROUP_CONCAT(CONCAT(cc.category, ' ', cc.start_date, '~', COALESCE(cc.end_date, '')) "
        "ORDER BY cc.start_date SEPARATOR '; ') FROM child_categories cc WHERE cc.child_id = "
        "c.id), (SELECT COALESCE(SUM(l.amount_fen), 0) FROM pay_lines l JOIN pay_batches b ON "
        "b.id = l.batch_id WHERE l.child_id = c.id AND b.status = 'exported'), (SELECT "
        "GROUP_CONCAT(CONCAT(DATE_FORMAT(l.period, '%Y-%m'), ' ', b.module, '.', l.programme, "
        "' ', l.amount_fen) ORDER BY l.period, l.id SEPARATOR '; ') FROM pay_lines l JOIN "
        "pay_batches b ON b.id = l.batch_id WHERE l.child_id = c.id AND b.status = "
        "'exported'), ?, ?, UTC_TIMESTAMP() FROM children c WHERE c.id = ?", "sii", last_at,
        (long long)abuse, child) == 1 ? 0 : -1;
}

/* ends the child's links to organisations (they see it no more): 0, -1 */
static int unlink_all(portal_req *r, svc *s, long long child)
{
    portal_rows *q = s->db_query(r, "SELECT id FROM child_org_links WHERE child_id = ? AND "
                                 "ended_at IS NULL", "i", child);
    if (!q)
        return -1;
    while (s->db_next(q))
        if (s->child_unlink(r, atoll(s->db_col(q, 0))) != 0)
            return -1;
    return 0;
}

/* archives one due child: 0, -1 */
static int archive_one(portal_req *r, svc *s, long long child, const char *last_at, int abuse)
{
    if (archive_row(r, s, child, last_at, abuse) != 0 || unlink_all(r, s, child) != 0)
        return -1;
    char *dropped = s->sprintf(r, "rule=%s last_event=%s", abuse ? "abuse" : "ordinary", last_at);
    const struct portal_module *m;
    for (int i = 0; (m = s->module_nth(r, i)); i++)
        for (const struct portal_retention *e = m->retention; e && e->table; e++) {
            if (e->years_setting)
                continue; /* kept longer: records_job */
            long long n = purge_rows(r, s, e, child);
            if (n < 0)
                return -1;
            dropped = s->sprintf(r, "%s %s=%lld", dropped, e->table, n);
        }
    if (s->db_exec(r, "UPDATE children SET hukou = '', address = '', school = '', "
                   "school_grade = '', health = '', placement = '', notes_enc = NULL, "
                   "disability_cert_expiry = NULL, status = 'archived', updated_at = "
                   "UTC_TIMESTAMP() WHERE id = ? AND status = 'exited'", "i", child) != 1)
        return -1;
    s->audit(r, "privacy.archive", "child", privacy_id(r, s, child),
             s->sprintf(r, "%s children=hukou,address,school,school_grade,health,placement,"
                        "notes_enc,disability_cert_expiry", dropped));
    return 0;
}

static int files_job(portal_req *r, svc *s);

/* ---- the records kept longer than the file (an entry with years_setting) */

/* SQL: the archived children whose rows of module m's entries kept under
 * `setting` are all past it (the newest dated one older than the years) */
static const char *records_due_sql(portal_req *r, svc *s, const struct portal_module *m,
                                   const char *setting)
{
    const char *any = "0", *newest = "'1000-01-01 00:00:00'";
    for (const struct portal_retention *e = m->retention; e->table; e++) {
        if (!e->years_setting || strcmp(e->years_setting, setting) != 0)
            continue;
        any = s->sprintf(r, "%s OR EXISTS (SELECT 1 FROM %s t WHERE %s)", any, e->table,
                         rows_of(e));
        if (e->date_col)
            newest = s->sprintf(r, "%s, COALESCE((SELECT CAST(MAX(%s) AS DATETIME) FROM %s t "
                                "WHERE %s), '1000-01-01 00:00:00')", newest, e->date_col,
                                e->table, rows_of(e));
    }
    return s->sprintf(r, "SELECT c.id FROM children c WHERE c.status = 'archived' AND (%s) AND "
                      "GREATEST(%s, '1000-01-01 00:00:00') < CAST(? AS DATETIME) - INTERVAL ? "
                      "YEAR ORDER BY c.id LIMIT 50", any, newest);
}

/* one child's rows of m's entries under `setting`: each row's minimum kept,
 * then the rows (and files) dropped, audited; 0, -1 */
static int records_drop(portal_req *r, svc *s, const struct portal_module *m,
                        const char *setting, long long child)
{
    char *dropped = s->sprintf(r, "module=%s setting=%s", m->name, setting);
    for (const struct portal_retention *e = m->retention; e->table; e++) {
        if (!e->years_setting || strcmp(e->years_setting, setting) != 0)
            continue;
        if (e->keep && s->db_exec(r, s->sprintf(r, "INSERT INTO child_archive_records "
                                  "(child_id, module, source, summary, archived_at) SELECT "
                                  "c.id, ?, ?, LEFT(%s, 500), UTC_TIMESTAMP() FROM %s t JOIN "
                                  "children c ON c.id = ? WHERE %s", e->keep, e->table,
                                  rows_of(e)), "ssi", m->name, e->table, child) < 0)
            return -1;
        long long n = purge_rows(r, s, e, child);
        if (n < 0)
            return -1;
        dropped = s->sprintf(r, "%s %s=%lld", dropped, e->table, n);
    }
    s->audit(r, "privacy.archive.records", "child", privacy_id(r, s, child), dropped);
    return 0;
}

/* module m's records kept under `setting` whose period is over: dropped in
 * parts of 50 committed as it goes; 0, -1 */
static int records_job(portal_req *r, svc *s, const struct portal_module *m,
                       const char *setting)
{
    long long years = s->setting_int(r, setting, s->today(r));
    if (years == PORTAL_NO_SETTING || years < 1)
        return -1;
    const char *sql = records_due_sql(r, s, m, setting);
    for (;;) {
        portal_rows *q = s->db_query(r, sql, "si", s->today(r), years);
        if (!q)
            return -1;
        long long ids[50];
        int n = 0;
        while (n < 50 && s->db_next(q))
            ids[n++] = atoll(s->db_col(q, 0));
        for (int i = 0; i < n; i++)
            if (records_drop(r, s, m, setting, ids[i]) != 0)
                return -1;
        if (n == 0 || s->db_commit_now(r) != 0)
            return n == 0 ? 0 : -1;
    }
}

/* every module's records kept longer, setting by setting; 0, -1 */
static int records_all(portal_req *r, svc *s)
{
    const struct portal_module *m;
    for (int i = 0; (m = s->module_nth(r, i)); i++)
        for (const struct portal_retention *e = m->retention; e && e->table; e++) {
            if (!e->years_setting)
                continue;
            const struct portal_retention *p = m->retention;
            while (p < e && !(p->years_setting && strcmp(p->years_setting, e->years_setting) == 0))
                p++;
            if (p == e && records_job(r, s, m, e->years_setting) != 0) /* its first entry */
                return -1;
        }
    return 0;
}

/* THE job (portal_job "archive", daily): the files due today, in parts of
 * 50 committed as it goes, then the records kept longer that are due.
 * 0, -1 */
int retention_job(portal_req *r, svc *s)
{
    if (files_job(r, s) != 0)
        return -1;
    return records_all(r, s);
}

/* the files due today; 0, -1 */
static int files_job(portal_req *r, svc *s)
{
    for (;;) {
        portal_rows *q = due(r, s, s->today(r), 50);
        if (!q)
            return -1;
        int n = 0;
        while (s->db_next(q)) {
            if (archive_one(r, s, atoll(s->col(q, "id")), s->col(q, "last_at"),
                            atoi(s->col(q, "abuse"))) != 0)
                return -1;
            n++;
        }
        if (n == 0 || s->db_commit_now(r) != 0)
            return n == 0 ? 0 : -1;
    }
}

/* An archive's categories as a clerk reads them: the kept text is
 * "code from~to; code from~to" (archive_row: codes, so that the legal
 * minimum does not depend on a label's wording), shown as "孤儿
 * 2005-01-01～2015-06-30；...", each code by its label */
static const char *categories_shown(portal_req *r, svc *s, const char *kept)
{
    const char *out = "";
    for (const char *p = kept ? kept : ""; *p;) {
        const char *end = strstr(p, "; ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *one = s->sprintf(r, "%.*s", (int)len, p);
        const char *sp = strchr(one, ' ');
        const char *code = sp ? s->sprintf(r, "%.*s", (int)(sp - one), one) : one;
        const char *span = sp ? sp + 1 : "";
        const char *tilde = strchr(span, '~');
        const char *dates = tilde ? s->sprintf(r, "%.*s～%s", (int)(tilde - span), span, tilde + 1)
                                  : span;
        out = s->sprintf(r, "%s%s%s%s%s", out, *out ? "；" : "", s->label(r, "core.category", code),
                         *dates ? " " : "", dates);
        p = end ? end + 2 : p + len;
    }
    return out;
}

/* the last 100 archives in the user's scope into Archived.N; 0, -1 */
static int archived_hdf(portal_req *r, svc *s, const char *where, const char *arg)
{
    portal_rows *q = s->db_query(r, s->sprintf(r, "SELECT a.child_id, a.name, a.birth_date, "
                                 "a.categories, a.benefits_fen, a.last_event_at, a.abuse_case, "
                                 "a.archived_at, (SELECT COUNT(*) FROM child_archive_records x "
                                 "WHERE x.child_id = a.child_id) AS minimum FROM child_archives a "
                                 "WHERE %s ORDER BY a.archived_at DESC LIMIT 100", where), "s", arg);
    if (!q)
        return -1;
    for (int n = 0; s->db_next(q); n++) {
        const char *p = s->sprintf(r, "Archived.%d", n);
        s->put_row(r, p, q);
        s->set(r, s->sprintf(r, "%s.categories", p), categories_shown(r, s, s->col(q, "categories")));
    }
    return 0;
}

/* GET /privacy/retention: the dry run - what next month's runs archive */
int retention_get(portal_req *r, svc *s)
{
    const char *next = s->date_add(r, s->today(r), 31, 0);
    portal_rows *q = next ? due(r, s, next, 1000) : NULL;
    if (!q)
        return 500;
    int n = 0;
    while (s->db_next(q))
        s->put_row(r, s->sprintf(r, "Due.%d", n++), q);
    const char *sp, *wc = s->scope_where(r, "c.village_code", &sp);
    const char *wa = s->scope_where(r, "a.village_code", &sp);
    if (s->db_query_hdf(r, "Holds", s->sprintf(r, "SELECT h.child_id, c.name, h.reason, "
                        "h.set_at, u.display_name AS set_by FROM retention_holds h JOIN "
                        "children c ON c.id = h.child_id JOIN users u ON u.id = h.set_by WHERE "
                        "%s ORDER BY h.set_at DESC LIMIT 500", wc), "s", sp) < 0 ||
        archived_hdf(r, s, wa, sp) != 0)
        return 500;
    s->set(r, "Until", next);
    s->set_int(r, "Years", s->setting_int(r, "retention_years", NULL));
    s->set_int(r, "YearsAbuse", s->setting_int(r, "retention_years_abuse", NULL));
    s->audit(r, "privacy.retention.view", "page", "privacy.retention", s->sprintf(r, "due=%d", n));
    return s->render(r, "retention.cs", "档案保存期限：下月将归档");
}

/* POST /privacy/children/{id}/hold: a legal hold set (hold=1, a reason) or
 * lifted (hold=0) */
int retention_hold_post(portal_req *r, svc *s)
{
    long long child = s->object(r)->id;
    const char *reason = s->trim(r, s->param(r, "reason")), *cid = privacy_id(r, s, child);
    int hold = s->param_int(r, "hold", 0) == 1;
    if (hold && !*reason)
        return s->fail(r, 400, "设置法律保留须写明理由（如诉讼、调查）。");
    long long n = hold ? s->db_exec(r, "INSERT INTO retention_holds (child_id, reason, set_by, "
                                    "set_at) VALUES (?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY "
                                    "UPDATE reason = VALUES(reason)", "isi", child, reason,
                                    s->user(r)->id)
                       : s->db_exec(r, "DELETE FROM retention_holds WHERE child_id = ?", "i",
                                    child);
    if (n < 0)
        return 500;
    /* audited, not a timeline event: a hold must not move the last event */
    s->audit(r, hold ? "privacy.hold.set" : "privacy.hold.lift", "child", cid, reason);
    s->flash(r, hold ? "已设置法律保留，该档案不会被归档。" : "已解除法律保留。");
    return s->redirect(r, "/privacy/retention");
}
