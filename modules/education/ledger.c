/*
 * ledger.c - the panel on the child's file, the disabled-students ledger
 * (county view and export), migrant children, and counselling sessions
 * (visible only to holders of education.counsel: school counsellors and
 * the county's child-protection staff; never NGO partners).
 */
#include "education.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param counsel_params[] = {
    {"session_date", PP_DATE, 10, 1, "辅导日期"},
    {"kind", PP_CODE, 16, 1, "辅导形式"},
    {"concern", PP_CODE, 16, 1, "关注等级"},
    {"referral", PP_CODE, 16, 1, "转介"},
    {"notes", PP_LINES, 2000, 0, "辅导记录"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ panel */

/* the tables of the panel's rows (a child in none of them costs no query) */
const char *const edu_panel_tables[] = {"edu_enrolments", "edu_dropouts.open_child", NULL};

int edu_child_panel(portal_req *r, svc *s, long long child_id, const char *prefix)
{
    static const char *const cols[] = {"学期", "学校", "年级班级", "就读方式", "本年资助（元）",
                                       "控辍保学"};
    edu_set_cols(r, s, prefix, cols, 6);
    int enrolled = s->child_has(r, child_id, "edu_enrolments");
    int open_case = s->child_has(r, child_id, "edu_dropouts.open_child");
    if (enrolled < 0 || open_case < 0)
        return -1;
    portal_rows *q = !enrolled ? NULL : s->db_query(
        r, "SELECT e.semester, o.name AS school, CONCAT(e.grade, e.class_name) AS grade, e.mode, "
           "e.boarding, (SELECT SUM(l.amount_fen) FROM pay_lines l WHERE l.child_id = e.child_id "
           "AND l.source_module = 'education' AND YEAR(l.period) = ?) AS aid, (SELECT "
           "a.step_title FROM edu_dropouts d JOIN wf_applications a ON a.id = d.app_id WHERE "
           "d.open_child = e.child_id) AS open_case FROM edu_enrolments e LEFT JOIN orgs o ON "
           "o.id = e.org_id WHERE e.child_id = ? AND e.ended_on IS NULL", "ii",
        (long long)atoi(s->today(r)), child_id);
    if (enrolled && !q)
        return -1;
    int n = 0;
    for (; q && s->db_next(q); n++) {
        const char *aid = s->col(q, "aid"), *open = s->col(q, "open_case");
        const char *mode = s->label(r, "education.mode", s->col(q, "mode"));
        const char *cells[6] = {s->col(q, "semester"), s->col(q, "school") ? s->col(q, "school")
                                : "", s->col(q, "grade"), atoi(s->col(q, "boarding")) ?
                                s->sprintf(r, "%s（寄宿）", mode) : mode,
                                aid ? s->fen_to_yuan(r, atoll(aid)) : "0.00",
                                open ? s->sprintf(r, "办理中：%s", open) : "无"};
        for (int i = 0; i < 6; i++)
            s->set(r, s->sprintf(r, "%s.Rows.%d.%d", prefix, n, i), cells[i]);
    }
    if (!n && open_case) {
        q = s->db_query(r, "SELECT a.step_title FROM edu_dropouts d JOIN wf_applications a ON "
                        "a.id = d.app_id WHERE d.open_child = ?", "i", child_id);
        if (q && s->db_next(q))
            s->set(r, s->sprintf(r, "%s.Note", prefix),
                   s->sprintf(r, "无在读记录；控辍保学案件办理中：%s", s->db_col(q, 0)));
    }
    s->set(r, s->sprintf(r, "%s.Link", prefix), s->sprintf(r, "/education/children/%lld",
                                                           child_id));
    return n;
}

/* ------------------------------------------------------------ disabled ledger */

/* the ledger's query under the user's scope: disabled children aged from
 * the compulsory-school age to 17 on 31 August (12 years of free schooling) */
static const char *disabled_sql(portal_req *r, svc *s, const char **a1, const char **a2,
                                const char **after, const char **upto)
{
    const char *cond = s->scope_sql(r, "c", a1, a2), *lo;
    if (!cond)
        return NULL;
    edu_age_bounds(r, s, &lo, upto);
    *after = s->sprintf(r, "%d-08-31", atoi(edu_school_year_ref(r, s)) - 18);
    /* the valid certificate of the rehab module where there is one: the
     * disability as certified, and children certified but not yet in the
     * file's columns */
    int certs = edu_module_on(r, s, "rehab");
    const char *k = certs ? "LEFT JOIN rehab_certificates k ON k.child_id = c.id AND k.status "
                            "= 'valid' " : "";
    return s->sprintf(
        r, "SELECT c.id, c.name, c.birth_date, c.township_code, %s AS disability_type, "
           "%s AS disability_grade, %s AS disability_cert_expiry, %s AS certified, "
           "o.name AS school, e.grade, e.mode, "
           "(SELECT COUNT(*) FROM edu_support x WHERE x.child_id = c.id AND x.kind = "
           "'resource_room') AS resource_room, (SELECT COUNT(*) FROM edu_support x WHERE "
           "x.child_id = c.id AND x.kind = 'itinerant') AS itinerant, (SELECT COUNT(*) FROM "
           "edu_support x WHERE x.child_id = c.id AND x.kind = 'home_visit') AS home_visit, "
           "(e.id IS NULL OR e.mode = 'none') AS no_placement FROM children c LEFT JOIN "
           "edu_enrolments e ON e.child_id = c.id AND e.ended_on IS NULL LEFT JOIN orgs o ON "
           "o.id = e.org_id %s WHERE %s AND c.status = 'active' AND (c.disability_type IS NOT "
           "NULL%s) AND c.birth_date > ? AND c.birth_date <= ? ORDER BY no_placement DESC, "
           "c.township_code, c.name, c.id",
        certs ? "COALESCE(k.category, c.disability_type)" : "c.disability_type",
        certs ? "COALESCE(k.grade, c.disability_grade)" : "c.disability_grade",
        certs ? "COALESCE(k.expires_on, c.disability_cert_expiry)" : "c.disability_cert_expiry",
        certs ? "k.id IS NOT NULL" : "0", k, cond, certs ? " OR k.id IS NOT NULL" : "");
}

int disabled_list_get(portal_req *r, svc *s)
{
    const char *a1, *a2, *after, *upto, *sql = disabled_sql(r, s, &a1, &a2, &after, &upto);
    if (!sql)
        return 500;
    int n = s->db_query_hdf(r, "Rows", s->sprintf(r, "%s LIMIT 2000", sql), "ssss", a1, a2, after,
                            upto);
    if (n < 0)
        return 500;
    s->audit(r, "education.disabled.view", "child", NULL, s->sprintf(r, "rows=%d", n));
    return s->render(r, "disabled.cs", "残疾学生台账");
}

struct xrow { portal_req *r; svc *s; portal_xlsx *x; };

static int disabled_row(void *ctx, portal_rows *q)
{
    struct xrow *e = ctx;
    svc *s = e->s;
    const char *mode = s->col(q, "mode"), *type = s->col(q, "disability_type");
    const char *cert = s->col(q, "certified");
    s->export_row(e->r, atoll(s->col(q, "id")));
    /* labels, as the page shows them: a spreadsheet is read by people too */
    const char *cells[12] = {s->col(q, "name"), s->col(q, "birth_date"), s->col(q, "township_code"),
                             type ? s->label(e->r, "registry.disability", type) : "",
                             s->col(q, "disability_grade"),
                             cert && strcmp(cert, "1") == 0 ? "是" : "否",
                             s->col(q, "school"), s->col(q, "grade"),
                             mode ? s->label(e->r, "education.mode", mode) : "无安置",
                             s->col(q, "resource_room"), s->col(q, "itinerant"),
                             s->col(q, "home_visit")};
    return s->xlsx_row(e->x, cells);
}

int disabled_export_get(portal_req *r, svc *s)
{
    static const struct portal_xlsx_col cols[] = {
        {"姓名", 12, PX_TEXT}, {"出生日期", 12, PX_DATE}, {"乡镇代码", 14, PX_TEXT},
        {"残疾类别", 10, PX_TEXT}, {"残疾等级", 8, PX_INT}, {"持残疾人证", 10, PX_TEXT},
        {"学校", 24, PX_TEXT},
        {"年级", 8, PX_TEXT}, {"安置方式", 16, PX_TEXT}, {"资源教室（次）", 12, PX_INT},
        {"巡回指导（次）", 12, PX_INT}, {"送教上门（次）", 12, PX_INT}, {NULL, 0, 0}};
    const char *a1, *a2, *after, *upto, *sql = disabled_sql(r, s, &a1, &a2, &after, &upto);
    if (!sql)
        return 500;
    portal_rows *nq = s->db_query(r, s->sprintf(r, "SELECT COUNT(*) FROM (%s) x", sql), "ssss",
                                  a1, a2, after, upto);
    if (!nq || !s->db_next(nq))
        return 500;
    struct portal_export ex = {"education.disabled", "残疾学生台账", atoll(s->db_col(nq, 0)), 0,
                               "姓名、出生日期、残疾类别和等级、学校、安置方式"};
    int st = s->export_begin(r, &ex);
    if (st)
        return st;
    struct xrow e = {r, s, s->xlsx_begin(r, s->sprintf(r, "disabled-students-%s.xlsx",
                                                       s->today(r)), "残疾学生台账", cols)};
    if (!e.x)
        return 500;
    s->audit(r, "education.disabled.export", "child", NULL, NULL);
    if (s->db_stream(r, disabled_row, &e, sql, "ssss", a1, a2, after, upto) < 0)
        return 500;
    return s->xlsx_end(e.x);
}

int migrant_list_get(portal_req *r, svc *s)
{
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond || s->db_query_hdf(r, "Rows", s->sprintf(r, "SELECT c.id, c.name, c.birth_date, "
                                 "e.hukou_place, o.name AS school, e.grade, e.mode, e.semester "
                                 "FROM edu_enrolments e JOIN children c ON c.id = e.child_id "
                                 "LEFT JOIN orgs o ON o.id = e.org_id WHERE e.ended_on IS NULL "
                                 "AND e.migrant = 1 AND %s ORDER BY o.name, c.name LIMIT 2000",
                                 cond), "ss", a1, a2) < 0)
        return 500;
    s->audit(r, "education.migrants.view", "child", NULL, NULL);
    return s->render(r, "migrants.cs", "随迁子女");
}

/* ------------------------------------------------------------ counselling */

/* never an NGO partner's, whatever it was granted */
static int counsel_refused(portal_req *r, svc *s)
{
    const struct portal_user *u = s->user(r);
    if (!u->org_kind || strcmp(u->org_kind, "ngo") != 0)
        return 0;
    return s->refuse(r, 403, "child", edu_id(r, s, s->object(r)->id), "counselling refused to an "
                     "NGO partner", "心理辅导记录仅心理教师和县级未成年人保护工作人员可见。");
}

static int counsel_page(portal_req *r, svc *s, int status)
{
    const struct portal_object *o = s->object(r);
    s->child_hdf(r, "Child", o->data);
    portal_rows *q = s->db_query(r, "SELECT id, session_date, kind, concern, referral, notes_enc "
                                 "FROM edu_counselling WHERE child_id = ? ORDER BY session_date "
                                 "DESC, id DESC", "i", o->id);
    if (!q)
        return 500;
    for (int i = 0; s->db_next(q); i++) {
        const char *p = s->sprintf(r, "Sessions.%d", i);
        s->put_row(r, p, q);
        int c = s->col_index(q, "notes_enc");
        const char *ct = s->db_col(q, c);
        const char *txt = ct ? s->decrypt(r, ct, s->db_col_len(q, c)) : "";
        s->set(r, s->sprintf(r, "%s.notes", p), txt ? txt : "（无法解密）");
    }
    s->labels_hdf(r, "Kinds", "education.counsel_kind");
    s->labels_hdf(r, "Concerns", "education.concern");
    s->labels_hdf(r, "Referrals", "education.referral");
    s->audit(r, "education.counselling.read", "child", edu_id(r, s, o->id), NULL);
    s->render(r, "counselling.cs", "心理辅导");
    return status;
}

int counselling_get(portal_req *r, svc *s)
{
    int refused = counsel_refused(r, s);
    return refused ? refused : counsel_page(r, s, 200);
}

int counselling_post(portal_req *r, svc *s)
{
    const struct portal_object *o = s->object(r);
    int refused = counsel_refused(r, s);
    if (refused)
        return refused;
    const char *kind = s->param(r, "kind"), *concern = s->param(r, "concern");
    const char *referral = s->param(r, "referral"), *day = s->param(r, "session_date");
    if (!edu_known(r, s, "education.counsel_kind", kind))
        s->form_error(r, "kind", "请选择辅导形式。");
    if (!edu_known(r, s, "education.concern", concern))
        s->form_error(r, "concern", "请选择关注等级。");
    if (!edu_known(r, s, "education.referral", referral))
        s->form_error(r, "referral", "请选择转介情况。");
    if (strcmp(day, s->today(r)) > 0)
        s->form_error(r, "session_date", "辅导日期不能晚于今天。");
    if (s->form_failed(r))
        return counsel_page(r, s, 400);
    const char *notes = s->trim(r, s->param(r, "notes"));
    size_t len = 0;
    const void *enc = *notes ? s->encrypt(r, notes, &len) : NULL;
    if (*notes && !enc)
        return 500;
    long long own = edu_own_school(r, s);
    if (s->db_exec(r, "INSERT INTO edu_counselling (child_id, org_id, session_date, kind, concern, "
                   "referral, notes_enc, created_by, created_at) VALUES (?, NULLIF(?, 0), ?, ?, "
                   "?, ?, ?, ?, UTC_TIMESTAMP())", "iissssbi", o->id, own, day, kind, concern,
                   referral, enc, len, s->user(r)->id) != 1)
        return 500;
    s->audit(r, "education.counselling.create", "child", edu_id(r, s, o->id),
             s->sprintf(r, "concern=%s referral=%s", concern, referral));
    if (strcmp(referral, "guardianship") == 0) /* the mandatory report, in one step */
        return s->redirect(r, s->sprintf(r, "/guardianship/report/new?child=%lld&source=education",
                                         o->id));
    s->flash(r, "辅导记录已保存。");
    return s->redirect(r, s->sprintf(r, "/education/children/%lld/counselling", o->id));
}
