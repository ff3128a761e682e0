/*
 * placement.c - placements and legal guardianship as dated history (issue
 * 13 items 1 and 2): where and with whom the child lives (relatives, an
 * institution, a foster family - the volunteer module's care match where
 * there is one - adoption) and who is the legal guardian (parents, a
 * relative, civil affairs temporarily under art. 92 with its situation and
 * basis, or long-term under art. 94 with periodic review, the adoptive
 * parents).  A new row ends the open one the day before it starts; nothing
 * is overwritten.  Adoption ends the state's guardianship and the categories
 * that depended on it (orphan, de facto unsupported, guardianship), on the
 * timeline.  "Who was the guardian on day X" is the row in force that day.
 */
#include "guardianship.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param gd_on_params[] = {{"on", PP_DATE, 0, 0, "日期"},
                                            {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_placement_params[] = {
    {"kind", PP_CODE, 16, 1, "安置方式"},   {"carer", PP_TEXT, 64, 0, "抚养人"},
    {"org", PP_INT, 0, 0, "机构"},          {"care_match", PP_INT, 0, 0, "寄养匹配"},
    {"start_date", PP_DATE, 0, 1, "开始日期"}, {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_guardian_params[] = {
    {"kind", PP_CODE, 16, 1, "监护类型"},   {"guardian", PP_TEXT, 64, 1, "监护人"},
    {"situation", PP_CODE, 32, 0, "临时监护情形"}, {"basis", PP_CODE, 16, 0, "依据"},
    {"basis_note", PP_TEXT, 200, 0, "文书"}, {"org", PP_INT, 0, 0, "照料机构"},
    {"start_date", PP_DATE, 0, 1, "开始日期"}, {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_review_params[] = {
    {"reviewed_on", PP_DATE, 0, 1, "评估日期"}, {"conclusion", PP_TEXT, 500, 0, "评估结论"},
    {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_guardian_end_params[] = {
    {"end_reason", PP_CODE, 16, 1, "终止原因"}, {"end_date", PP_DATE, 0, 1, "终止日期"},
    {NULL, 0, 0, 0, NULL}};

/* the guardian in force on `day` into prefix.*; 1 found, 0 none, -1 */
int gd_guardian_on(portal_req *r, const struct portal_services *s, long long child,
                   const char *day, const char *prefix)
{
    return s->db_row_hdf(r, prefix, "SELECT g.id, g.kind, g.guardian, g.situation, g.basis, "
                         "g.start_date, g.end_date, g.review_due, o.name AS org_name FROM "
                         "gd_guardians g LEFT JOIN orgs o ON o.id = g.org_id WHERE g.child_id = "
                         "? AND g.start_date <= ? AND (g.end_date IS NULL OR g.end_date >= ?) "
                         "ORDER BY g.start_date DESC, g.id DESC LIMIT 1", "iss", child, day, day);
}

int child_care_get(portal_req *r, const struct portal_services *s)
{
    long long cid = s->object(r)->id;
    const char *on = s->param(r, "on") ? s->param(r, "on") : s->today(r);
    s->set(r, "On", on);
    if (gd_guardian_on(r, s, cid, on, "GuardianOn") < 0 ||
        s->db_query_hdf(r, "Placements", "SELECT p.id, p.kind, p.carer, o.name AS org_name, "
                        "p.care_match_id, p.start_date, p.end_date, p.end_reason FROM "
                        "gd_placements p LEFT JOIN orgs o ON o.id = p.org_id WHERE p.child_id "
                        "= ? ORDER BY p.start_date DESC, p.id DESC", "i", cid) < 0 ||
        s->db_query_hdf(r, "Guardians", "SELECT g.id, g.kind, g.guardian, g.situation, "
                        "g.basis, g.basis_note, o.name AS org_name, g.start_date, g.end_date, "
                        "g.end_reason, g.review_due FROM gd_guardians g LEFT JOIN orgs o ON "
                        "o.id = g.org_id WHERE g.child_id = ? ORDER BY g.start_date DESC, g.id "
                        "DESC", "i", cid) < 0 ||
        gd_institutions_hdf(r, s) < 0 ||
        s->db_query_hdf(r, "Reviews", "SELECT v.guardian_id, v.reviewed_on, v.conclusion FROM "
                        "gd_guardian_reviews v JOIN gd_guardians g ON g.id = v.guardian_id WHERE "
                        "g.child_id = ? ORDER BY v.reviewed_on DESC, v.id DESC", "i", cid) < 0 ||
        s->labels_hdf(r, "PlacementKinds", "guardianship.placement") < 0 ||
        s->labels_hdf(r, "GuardianKinds", "guardianship.guardian") < 0 ||
        s->labels_hdf(r, "Art92", "guardianship.art92") < 0 ||
        s->labels_hdf(r, "Bases", "guardianship.basis") < 0 ||
        s->labels_hdf(r, "Ends", "guardianship.end") < 0)
        return 500;
    s->audit(r, "guardianship.child.read", "child", gd_id(r, s, cid), NULL);
    return s->render(r, "child_care.cs", "安置与监护");
}

/* ends the open row of `table` the day before `start`; 0, or 409 answered
 * when the new row would not start after the open one */
static int end_open(portal_req *r, const struct portal_services *s, const char *table,
                    long long child, const char *start, const char *reason)
{
    const char *sql = s->sprintf(r, "SELECT id FROM %s WHERE child_id = ? AND end_date IS NULL "
                                 "AND start_date >= ?", table);
    portal_rows *q = s->db_query(r, sql, "is", child, start);
    if (!q)
        return 500;
    if (s->db_next(q))
        return s->fail(r, 409, "开始日期须晚于当前记录的开始日期。");
    sql = s->sprintf(r, "UPDATE %s SET end_date = DATE_SUB(?, INTERVAL 1 DAY), end_reason = ? "
                     "WHERE child_id = ? AND end_date IS NULL", table);
    return s->db_exec(r, sql, "ssi", start, reason, child) < 0 ? 500 : 0;
}

/* adoption (art. 95): the adoptive parents become the guardians, the
 * state's guardianship ends, and the categories that depended on it */
static int adopted(portal_req *r, const struct portal_services *s, long long child,
                   const char *carer, const char *start)
{
    static const char *const cats[] = {"orphan", "de_facto_unsupported", "guardianship"};
    int st = end_open(r, s, "gd_guardians", child, start, "adoption");
    if (st)
        return st;
    if (s->db_exec(r, "INSERT INTO gd_guardians (child_id, kind, guardian, start_date, "
                   "created_at, created_by) VALUES (?, 'adoptive', ?, ?, UTC_TIMESTAMP(), ?)",
                   "issi", child, carer, start, s->user(r)->id) != 1)
        return 500;
    for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
        if (s->child_category_exit(r, child, cats[i], start, "adopted", NULL) != 0)
            return 500;
    return 0;
}

/* the placement's checks; NULL ok, else the message */
static const char *placement_refused(portal_req *r, const struct portal_services *s,
                                     long long cid, const char *kind)
{
    if (!gd_is_label(r, s, "guardianship.placement", kind))
        return "请选择安置方式。";
    if (strcmp(kind, "institution") == 0) {
        portal_rows *q = s->db_query(r, "SELECT 1 FROM orgs WHERE id = ? AND kind IN "
                                     "('welfare', 'institution') AND active = 1", "i",
                                     s->param_int(r, "org", 0));
        return q && s->db_next(q) ? NULL : "机构养育：请选择养育机构。";
    }
    if (!*s->trim(r, s->param(r, "carer")))
        return "请填写抚养人（亲属、寄养家庭或收养人）。";
    long long m = s->param_int(r, "care_match", 0);
    if (m && strcmp(kind, "foster") == 0) {
        portal_rows *q = s->db_query(r, "SELECT 1 FROM volunteer_care_matches WHERE id = ? AND "
                                     "child_id = ?", "ii", m, cid);
        return q && s->db_next(q) ? NULL : "所选寄养匹配不属于该儿童。";
    }
    return NULL;
}

int placement_create_post(portal_req *r, const struct portal_services *s)
{
    long long cid = s->object(r)->id;
    const char *kind = s->param(r, "kind"), *start = s->param(r, "start_date");
    const char *why = placement_refused(r, s, cid, kind);
    if (why)
        return s->fail(r, 400, why);
    int inst = strcmp(kind, "institution") == 0, foster = strcmp(kind, "foster") == 0;
    const char *carer = inst ? "" : s->trim(r, s->param(r, "carer"));
    long long org = inst ? s->param_int(r, "org", 0) : 0;
    long long m = foster ? s->param_int(r, "care_match", 0) : 0;
    int st = end_open(r, s, "gd_placements", cid, start, "新的安置");
    if (st)
        return st;
    struct portal_child_core f = {.placement = s->label(r, "guardianship.placement", kind)};
    if (s->child_core_set(r, cid, &f, "监护与安全保护") != 0)
        return s->fail(r, 400, s->child_error(r));
    if (s->db_exec(r, "INSERT INTO gd_placements (child_id, kind, carer, org_id, care_match_id, "
                   "start_date, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, "
                   "UTC_TIMESTAMP(), ?)", "issssss", cid, kind, carer,
                   org ? gd_id(r, s, org) : NULL, m ? gd_id(r, s, m) : NULL, start,
                   gd_id(r, s, s->user(r)->id)) != 1 ||
        s->child_event(r, cid, "placement.start",
                       s->sprintf(r, "安置：%s，自 %s 起", s->label(r, "guardianship.placement",
                                                                    kind), start)) != 0)
        return 500;
    if (strcmp(kind, "adoption") == 0 && (st = adopted(r, s, cid, carer, start)) != 0)
        return st;
    s->audit(r, "guardianship.placement.create", "child", gd_id(r, s, cid), kind);
    s->flash(r, "已登记安置。");
    return s->redirect(r, s->sprintf(r, "/guardianship/children/%lld", cid));
}

/* the category exit reason ("registry.exit") of a guardianship's end */
const char *gd_exit_reason(const char *end_reason)
{
    static const char *const map[][2] = {{"parent_able", "guardian_able"},
                                         {"adoption", "adopted"},
                                         {"adult", "adult"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], end_reason) == 0)
            return map[i][1];
    return "other";
}

/* the guardianship's checks; NULL ok, else the message */
static const char *guardian_refused(portal_req *r, const struct portal_services *s,
                                    const char *kind, int civil)
{
    if (!gd_is_label(r, s, "guardianship.guardian", kind) || strcmp(kind, "adoptive") == 0)
        return "请选择监护类型（收养请登记为“依法收养”安置）。";
    if (civil && !gd_is_label(r, s, "guardianship.basis", s->param(r, "basis")))
        return "民政监护：请选择依据（法院指定、公安机关护送等）。";
    if (strcmp(kind, "civil_temporary") == 0 &&
        !gd_is_label(r, s, "guardianship.art92", s->param(r, "situation")))
        return "临时监护：请选择《未成年人保护法》第九十二条的情形。";
    return NULL;
}

int guardian_create_post(portal_req *r, const struct portal_services *s)
{
    long long cid = s->object(r)->id;
    const char *kind = s->param(r, "kind"), *start = s->param(r, "start_date");
    int civil = kind && strncmp(kind, "civil_", 6) == 0;
    const char *why = guardian_refused(r, s, kind, civil);
    if (why)
        return s->fail(r, 400, why);
    long long org = s->param_int(r, "org", 0);
    const char *review = civil ? s->date_add(r, start, (int)s->setting_int(r, "review_days", start), 0)
                               : NULL;
    int st = end_open(r, s, "gd_guardians", cid, start, "other");
    if (st)
        return st;
    if (s->db_exec(r, "INSERT INTO gd_guardians (child_id, kind, guardian, situation, basis, "
                   "basis_note, org_id, start_date, review_due, created_at, created_by) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), ?)", "isssssssss", cid, kind,
                   s->trim(r, s->param(r, "guardian")),
                   strcmp(kind, "civil_temporary") == 0 ? s->param(r, "situation") : NULL,
                   civil ? s->param(r, "basis") : NULL, s->trim(r, s->param(r, "basis_note")),
                   org ? gd_id(r, s, org) : NULL, start, review,
                   gd_id(r, s, s->user(r)->id)) != 1 ||
        s->child_event(r, cid, "guardian.start",
                       s->sprintf(r, "监护：%s，自 %s 起",
                                  s->label(r, "guardianship.guardian", kind), start)) != 0 ||
        (civil && s->child_category(r, cid, "guardianship", 1, start,
                                    s->label(r, "guardianship.guardian", kind)) != 0))
        return 500;
    s->audit(r, "guardianship.guardian.create", "child", gd_id(r, s, cid), kind);
    s->flash(r, "已登记监护。");
    return s->redirect(r, s->sprintf(r, "/guardianship/children/%lld", cid));
}

int guardian_end_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    const char *reason = s->param(r, "end_reason"), *end = s->param(r, "end_date");
    if (!gd_is_label(r, s, "guardianship.end", reason))
        return s->fail(r, 400, "请选择终止原因。");
    portal_rows *q = s->db_query(r, "SELECT kind FROM gd_guardians WHERE id = ? AND end_date IS "
                                 "NULL AND start_date <= ?", "is", o->id, end);
    if (!q || !s->db_next(q))
        return s->fail(r, 409, "该监护已终止，或终止日期早于开始日期。");
    int civil = strncmp(s->db_col(q, 0), "civil_", 6) == 0;
    if (s->db_exec(r, "UPDATE gd_guardians SET end_date = ?, end_reason = ? WHERE id = ?", "ssi",
                   end, reason, o->id) != 1 ||
        s->child_event(r, o->child_id, "guardian.end",
                       s->sprintf(r, "监护终止：%s（%s）", s->label(r, "guardianship.end", reason),
                                  end)) != 0 ||
        (civil && s->child_category_exit(r, o->child_id, "guardianship", end,
                                         gd_exit_reason(reason), NULL) != 0))
        return 500;
    s->audit(r, "guardianship.guardian.end", "gd_guardian", gd_id(r, s, o->id), reason);
    s->flash(r, "已终止监护。");
    return s->redirect(r, s->sprintf(r, "/guardianship/children/%lld", o->child_id));
}

/* a periodic review of the state's guardianship: the next one is due
 * review_days after it */
int guardian_review_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    const char *on = s->param(r, "reviewed_on");
    const char *what = s->trim(r, s->param(r, "conclusion"));
    if (!*what)
        return s->fail(r, 400, "请填写评估结论。");
    const char *next = s->date_add(r, on, (int)s->setting_int(r, "review_days", on), 0);
    if (!next || s->db_exec(r, "UPDATE gd_guardians SET review_due = ? WHERE id = ? AND kind IN "
                            "('civil_temporary', 'civil_long') AND end_date IS NULL AND "
                            "start_date <= ?", "sis", next, o->id, on) != 1)
        return s->fail(r, 409, "只能评估进行中的民政监护，且评估日期不早于开始日期。");
    if (s->db_exec(r, "INSERT INTO gd_guardian_reviews (guardian_id, reviewed_on, conclusion, "
                   "created_at, created_by) VALUES (?, ?, ?, UTC_TIMESTAMP(), ?)", "issi", o->id,
                   on, what, s->user(r)->id) != 1 ||
        s->child_event(r, o->child_id, "guardian.review",
                       s->sprintf(r, "民政监护定期评估（%s）", on)) != 0)
        return 500;
    s->audit(r, "guardianship.guardian.review", "gd_guardian", gd_id(r, s, o->id), what);
    s->flash(r, s->sprintf(r, "已登记评估，下次评估：%s。", next));
    return s->redirect(r, s->sprintf(r, "/guardianship/children/%lld", o->child_id));
}

/* The job (daily): a guardianship ends when the child turns 18 - on the
 * birthday, reason "adult" - and so does the child's guardianship category
 * when it was the state's; on the timeline.  Runs as the system user. */
int gd_adult_job(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(r, "SELECT g.id, g.child_id, g.kind, DATE_FORMAT(DATE_ADD("
                                 "c.birth_date, INTERVAL 18 YEAR), '%Y-%m-%d') AS adult_on FROM "
                                 "gd_guardians g JOIN children c ON c.id = g.child_id WHERE "
                                 "g.end_date IS NULL AND DATE_ADD(c.birth_date, INTERVAL 18 YEAR) "
                                 "<= ? ORDER BY g.id LIMIT 5000 FOR UPDATE", "s", s->today(r));
    if (!q)
        return -1;
    int n = 0;
    while (s->db_next(q)) {
        long long id = atoll(s->col(q, "id")), child = atoll(s->col(q, "child_id"));
        const char *on = s->col(q, "adult_on");
        int civil = strncmp(s->col(q, "kind"), "civil_", 6) == 0;
        /* a row that started on or after the birthday ends on its start */
        if (s->db_exec(r, "UPDATE gd_guardians SET end_date = GREATEST(start_date, ?), "
                       "end_reason = 'adult' WHERE id = ? AND end_date IS NULL", "si", on,
                       id) != 1 ||
            s->child_event(r, child, "guardian.end",
                           s->sprintf(r, "监护终止：年满十八周岁（%s）", on)) != 0 ||
            (civil && s->child_category_exit(r, child, "guardianship", on, "adult", NULL) != 0))
            return -1;
        n++;
    }
    s->audit(r, "guardianship.adult.job", "gd_guardian", NULL, s->sprintf(r, "ended=%d", n));
    return 0;
}
