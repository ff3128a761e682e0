/*
 * enrol.c - schools (core orgs of kind 'school' with the commission's
 * attributes) and each child's dated enrolment history, kept with the
 * child's link to the school (child_link, relation 'enrolled') so that the
 * school's staff see exactly their pupils.
 */
#include "education.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param school_params[] = {
    {"code", PP_CODE, 16, 1, "学校标识码"},
    {"name", PP_TEXT, 128, 1, "学校名称"},
    {"level", PP_CODE, 16, 1, "学段"},
    {"township", PP_CODE, 12, 1, "所在乡镇"},
    {"boarding", PP_INT, 1, 0, "寄宿制"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param enrol_params[] = {
    {"school", PP_INT, 20, 0, "学校"},
    {"semester", PP_CODE, 6, 1, "学期"},
    {"grade", PP_TEXT, 16, 0, "年级"},
    {"class_name", PP_TEXT, 16, 0, "班级"},
    {"mode", PP_CODE, 16, 1, "就读方式"},
    {"boarding", PP_INT, 1, 0, "寄宿"},
    {"migrant", PP_INT, 1, 0, "随迁子女"},
    {"hukou_place", PP_TEXT, 100, 0, "户籍所在地"},
    {"note", PP_TEXT, 200, 0, "备注"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param support_params[] = {
    {"kind", PP_CODE, 16, 1, "支持方式"},
    {"day", PP_DATE, 10, 1, "日期"},
    {"note", PP_TEXT, 200, 0, "内容"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ enrolment */

/* the link of the child to the school changes with the enrolment: the old
 * school's enrolled links end, the new school's starts */
static int relink(portal_req *r, svc *s, long long child, long long old_org, long long new_org,
                  const char **why)
{
    if (old_org == new_org)
        return 0;
    portal_rows *q = s->db_query(r, "SELECT id FROM child_org_links WHERE child_id = ? AND "
                                 "relation = 'enrolled' AND ended_at IS NULL AND org_id <> ?",
                                 "ii", child, new_org);
    if (!q)
        return -1;
    while (s->db_next(q))
        if (s->child_unlink(r, atoll(s->db_col(q, 0))) != 0)
            return *why = s->link_error(r), -1;
    if (!new_org)
        return 0;
    q = s->db_query(r, "SELECT 1 FROM child_org_links WHERE child_id = ? AND org_id = ? AND "
                    "relation = 'enrolled' AND ended_at IS NULL", "ii", child, new_org);
    if (!q)
        return -1;
    if (!s->db_next(q) && s->child_link(r, child, new_org, "enrolled", NULL, NULL,
                                        "教育保障：在读") < 0)
        return *why = s->link_error(r), -1;
    return 0;
}

static int same_enrolment(svc *s, portal_rows *q, const struct edu_enrol *e)
{
    const char *org = s->col(q, "org_id");
    return atoll(org ? org : "0") == e->org_id && strcmp(s->col(q, "semester"), e->semester) == 0 &&
           strcmp(s->col(q, "grade"), e->grade) == 0 &&
           strcmp(s->col(q, "class_name"), e->class_name) == 0 &&
           strcmp(s->col(q, "mode"), e->mode) == 0 && atoi(s->col(q, "boarding")) == e->boarding &&
           atoi(s->col(q, "migrant")) == e->migrant;
}

/* a new enrolment row, the current one ended today: 1 changed, 0 the same
 * as the current one (nothing written), -1 refused (*why, Chinese) or an
 * error (*why NULL) */
int edu_enrol(portal_req *r, svc *s, const struct edu_enrol *e, const char **why)
{
    *why = NULL;
    portal_rows *q = s->db_query(r, "SELECT id, org_id, semester, grade, class_name, mode, "
                                 "boarding, migrant FROM edu_enrolments WHERE child_id = ? AND "
                                 "ended_on IS NULL FOR UPDATE", "i", e->child_id);
    if (!q)
        return -1;
    long long old_org = 0;
    if (s->db_next(q)) {
        if (same_enrolment(s, q, e))
            return 0;
        old_org = s->col(q, "org_id") ? atoll(s->col(q, "org_id")) : 0;
        if (s->db_exec(r, "UPDATE edu_enrolments SET ended_on = ? WHERE id = ?", "si",
                       s->today(r), atoll(s->col(q, "id"))) != 1)
            return -1;
    }
    if (s->db_exec(r, "INSERT INTO edu_enrolments (child_id, org_id, semester, grade, class_name, "
                   "boarding, mode, migrant, hukou_place, valid_from, source, import_id, note, "
                   "created_by, created_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "NULLIF(?, 0), ?, ?, UTC_TIMESTAMP())", "iisssisisssisi", e->child_id,
                   e->org_id, e->semester, e->grade, e->class_name, (long long)e->boarding,
                   e->mode, (long long)e->migrant, e->hukou_place ? e->hukou_place : "",
                   s->today(r), e->source, e->import_id, e->note ? e->note : "",
                   s->user(r)->id) != 1)
        return -1;
    const char *school = "";
    if (e->org_id) {
        q = s->db_query(r, "SELECT name FROM orgs WHERE id = ?", "i", e->org_id);
        school = q && s->db_next(q) ? s->db_col(q, 0) : "";
    }
    /* the child's file keeps the school in step (before the link moves:
     * a school enrolling its pupil still sees the child) */
    struct portal_child_core f = {.school = school, .school_grade = e->org_id ? e->grade : ""};
    if (s->child_core_set(r, e->child_id, &f, "教育保障") != 0)
        return *why = s->child_error(r), -1;
    if (relink(r, s, e->child_id, old_org, e->org_id, why) != 0)
        return -1;
    const char *summary = s->sprintf(r, "教育：%s %s%s %s", e->semester, school, e->grade,
                                     s->label(r, "education.mode", e->mode));
    return s->child_event(r, e->child_id, "enrolment.change", summary) == 0 ? 1 : -1;
}

/* ------------------------------------------------------------ schools */

int school_load(portal_req *r, svc *s, long long id, struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT township_code FROM edu_schools WHERE org_id = ?", "i",
                                 id);
    if (!q || !s->db_next(q))
        return 404;
    long long own = edu_own_school(r, s);
    if (own && own != id)
        return 404;
    o->division = own ? NULL : s->db_col(q, 0); /* a school's staff: their own */
    return 0;
}

static int school_list_page(portal_req *r, svc *s)
{
    if (s->db_query_hdf(r, "Schools", "SELECT o.id, o.name, o.active, e.school_code, e.level, "
                        "e.township_code, e.boarding, (SELECT COUNT(*) FROM edu_enrolments x "
                        "WHERE x.org_id = o.id AND x.ended_on IS NULL) AS pupils FROM "
                        "edu_schools e JOIN orgs o ON o.id = e.org_id ORDER BY e.township_code, "
                        "e.school_code", "") < 0 ||
        s->db_query_hdf(r, "Townships", "SELECT code, name FROM divisions WHERE level = "
                        "'township' ORDER BY code", "") < 0)
        return 500;
    s->labels_hdf(r, "Levels", "education.level");
    s->set_int(r, "Manager", edu_manager(r, s));
    return s->render(r, "school_list.cs", "学校名录");
}

int school_list_get(portal_req *r, svc *s)
{
    return school_list_page(r, s);
}

/* the form's checks: Errors.<field> */
static void school_check(portal_req *r, svc *s, long long self)
{
    const char *code = s->param(r, "code"), *lvl = s->param(r, "level");
    if (strlen(code) != 10 || strspn(code, "0123456789") != 10)
        s->form_error(r, "code", "学校标识码应为 10 位数字。");
    else {
        portal_rows *q = s->db_query(r, "SELECT org_id FROM edu_schools WHERE school_code = ? AND "
                                     "org_id <> ?", "si", code, self);
        if (q && s->db_next(q))
            s->form_error(r, "code", "该学校标识码已登记。");
    }
    if (!*s->trim(r, s->param(r, "name")))
        s->form_error(r, "name", "请填写学校名称。");
    if (!edu_known(r, s, "education.level", lvl))
        s->form_error(r, "level", "请选择学段。");
    portal_rows *t = s->db_query(r, "SELECT 1 FROM divisions WHERE code = ? AND level = "
                                 "'township'", "s", s->param(r, "township"));
    if (!t || !s->db_next(t))
        s->form_error(r, "township", "请选择所在乡镇（街道）。");
}

int school_create_post(portal_req *r, svc *s)
{
    school_check(r, s, 0);
    if (s->form_failed(r))
        return school_list_page(r, s);
    const char *code = s->param(r, "code"), *name = s->trim(r, s->param(r, "name"));
    if (s->db_exec(r, "INSERT INTO orgs (code, name, kind, division_code) VALUES (?, ?, 'school', "
                   "?)", "sss", s->sprintf(r, "school_%s", code), name,
                   s->param(r, "township")) != 1)
        return s->fail(r, 409, "该学校的机构代码已存在。");
    long long org = s->db_insert_id(r);
    if (s->db_exec(r, "INSERT INTO edu_schools (org_id, school_code, level, township_code, "
                   "boarding, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
                   "isssii", org, code, s->param(r, "level"), s->param(r, "township"),
                   s->param_int(r, "boarding", 0) ? 1LL : 0LL, s->user(r)->id) != 1)
        return 500;
    s->audit(r, "education.school.create", "edu_school", edu_id(r, s, org), name);
    s->flash(r, "学校已登记。");
    return s->redirect(r, s->sprintf(r, "/education/schools/%lld", org));
}

int school_get(portal_req *r, svc *s)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "School", "SELECT o.id, o.name, e.school_code, e.level, e.township_code, "
                      "e.boarding FROM edu_schools e JOIN orgs o ON o.id = e.org_id WHERE "
                      "o.id = ?", "i", id) != 1)
        return 500;
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond || s->db_query_hdf(r, "Pupils", s->sprintf(r, "SELECT c.id, c.name, e.semester, "
                                 "e.grade, e.class_name, e.mode, e.boarding FROM edu_enrolments e "
                                 "JOIN children c ON c.id = e.child_id WHERE e.org_id = ? AND "
                                 "e.ended_on IS NULL AND %s ORDER BY e.grade, c.name LIMIT 1000",
                                 cond), "iss", id, a1, a2) < 0 ||
        s->db_query_hdf(r, "Townships", "SELECT code, name FROM divisions WHERE level = "
                        "'township' ORDER BY code", "") < 0)
        return 500;
    s->labels_hdf(r, "Levels", "education.level");
    s->set_int(r, "Manager", edu_manager(r, s));
    s->audit(r, "education.school.read", "edu_school", edu_id(r, s, id), NULL);
    return s->render(r, "school.cs", "学校");
}

int school_update_post(portal_req *r, svc *s)
{
    long long id = s->object(r)->id;
    school_check(r, s, id);
    if (s->form_failed(r))
        return school_get(r, s);
    const char *name = s->trim(r, s->param(r, "name"));
    if (s->db_exec(r, "UPDATE orgs SET name = ?, division_code = ? WHERE id = ?", "ssi", name,
                   s->param(r, "township"), id) < 0 ||
        s->db_exec(r, "UPDATE edu_schools SET school_code = ?, level = ?, township_code = ?, "
                   "boarding = ?, updated_by = ?, updated_at = UTC_TIMESTAMP() WHERE org_id = ?",
                   "sssiii", s->param(r, "code"), s->param(r, "level"), s->param(r, "township"),
                   s->param_int(r, "boarding", 0) ? 1LL : 0LL, s->user(r)->id, id) < 0)
        return 500;
    s->audit(r, "education.school.update", "edu_school", edu_id(r, s, id), name);
    s->flash(r, "已保存。");
    return s->redirect(r, s->sprintf(r, "/education/schools/%lld", id));
}

/* ------------------------------------------------------------ the child */

static int child_page(portal_req *r, svc *s, int status)
{
    const struct portal_object *o = s->object(r);
    s->child_hdf(r, "Child", o->data);
    if (s->db_query_hdf(r, "History", "SELECT e.id, e.semester, o.name AS school, e.grade, "
                        "e.class_name, e.mode, e.boarding, e.migrant, e.hukou_place, e.valid_from, "
                        "e.ended_on, e.source, e.note FROM edu_enrolments e LEFT JOIN orgs o ON "
                        "o.id = e.org_id WHERE e.child_id = ? ORDER BY e.id DESC", "i", o->id) < 0 ||
        s->db_row_hdf(r, "Current", "SELECT org_id, semester, grade, class_name, mode, boarding, "
                      "migrant, hukou_place FROM edu_enrolments WHERE child_id = ? AND ended_on "
                      "IS NULL", "i", o->id) < 0 ||
        s->db_query_hdf(r, "Support", "SELECT kind, day, note FROM edu_support WHERE child_id = ? "
                        "ORDER BY day DESC, id DESC LIMIT 100", "i", o->id) < 0 ||
        s->db_query_hdf(r, "Cases", "SELECT d.app_id, d.reason, d.detected_on, d.outcome, "
                        "d.closed_on, a.step_title, a.status FROM edu_dropouts d JOIN "
                        "wf_applications a ON a.id = d.app_id WHERE d.child_id = ? ORDER BY "
                        "d.app_id DESC", "i", o->id) < 0 ||
        s->db_query_hdf(r, "Schools", "SELECT o.id, o.name FROM edu_schools e JOIN orgs o ON "
                        "o.id = e.org_id WHERE o.active = 1 AND (? = 0 OR o.id = ?) ORDER BY "
                        "e.school_code", "ii", edu_own_school(r, s), edu_own_school(r, s)) < 0)
        return 500;
    s->labels_hdf(r, "Modes", "education.mode");
    s->labels_hdf(r, "SupportKinds", "education.support");
    s->set(r, "Semester", edu_semester(r, s, NULL));
    s->set_int(r, "CanEnrol", edu_staff(r, s));
    s->set_int(r, "IsSchool", edu_own_school(r, s) > 0 && s->has_perm(r, "education.school"));
    s->set_int(r, "Counsel", s->has_perm(r, "education.counsel"));
    s->audit(r, "education.child.read", "child", edu_id(r, s, o->id), NULL);
    s->render(r, "child.cs", "教育保障：儿童");
    return status;
}

int child_get(portal_req *r, svc *s)
{
    return child_page(r, s, 200);
}

/* the enrolment form's checks; the school's org id into *org */
static void enrol_check(portal_req *r, svc *s, long long *org)
{
    const char *mode = s->param(r, "mode");
    long long own = edu_own_school(r, s);
    *org = own ? own : s->param_int(r, "school", 0);
    if (!edu_semester_ok(s->param(r, "semester")))
        s->form_error(r, "semester", "学期格式应为“2026-2”（秋季）或“2027-1”（春季）。");
    if (!edu_known(r, s, "education.mode", mode))
        s->form_error(r, "mode", "请选择就读方式。");
    else if (strcmp(mode, "none") == 0 || strcmp(mode, "exempt") == 0)
        *org = 0;
    else {
        portal_rows *q = s->db_query(r, "SELECT 1 FROM edu_schools e JOIN orgs o ON o.id = "
                                     "e.org_id WHERE e.org_id = ? AND o.active = 1", "i", *org);
        if (!q || !s->db_next(q))
            s->form_error(r, "school", "请选择学校。");
        if (!*s->trim(r, s->param(r, "grade")))
            s->form_error(r, "grade", "请填写年级。");
    }
}

int child_enrol_post(portal_req *r, svc *s)
{
    const struct portal_object *o = s->object(r);
    if (!edu_staff(r, s))
        return s->refuse(r, 403, "child", edu_id(r, s, o->id), "education enrol without the "
                         "commission's or a school's permission", "您没有登记在读情况的权限。");
    long long org = 0;
    enrol_check(r, s, &org);
    if (s->form_failed(r))
        return child_page(r, s, 400);
    struct edu_enrol e = {o->id, org, s->param(r, "semester"), s->trim(r, s->param(r, "grade")),
                          s->trim(r, s->param(r, "class_name")), s->param(r, "mode"),
                          s->trim(r, s->param(r, "hukou_place")),
                          s->trim(r, s->param(r, "note")), s->param_int(r, "boarding", 0) != 0,
                          s->param_int(r, "migrant", 0) != 0, "form", 0};
    if (!org)
        e.grade = e.class_name = "";
    const char *why;
    int rc = edu_enrol(r, s, &e, &why);
    if (rc < 0)
        return why ? s->fail(r, 409, why) : 500;
    s->audit(r, "education.enrol", "child", edu_id(r, s, o->id),
             s->sprintf(r, "org=%lld semester=%s mode=%s", org, e.semester, e.mode));
    s->flash(r, rc ? "在读情况已登记。" : "与当前在读情况相同，未作修改。");
    return s->redirect(r, s->sprintf(r, "/education/children/%lld", o->id));
}

int child_support_post(portal_req *r, svc *s)
{
    const struct portal_object *o = s->object(r);
    if (!edu_staff(r, s))
        return s->refuse(r, 403, "child", edu_id(r, s, o->id), "education support without the "
                         "commission's or a school's permission", "您没有登记支持服务的权限。");
    const char *kind = s->param(r, "kind"), *day = s->param(r, "day");
    if (!edu_known(r, s, "education.support", kind))
        s->form_error(r, "kind", "请选择支持方式。");
    if (strcmp(day, s->today(r)) > 0)
        s->form_error(r, "day", "日期不能晚于今天。");
    if (s->form_failed(r))
        return child_page(r, s, 400);
    if (s->db_exec(r, "INSERT INTO edu_support (child_id, kind, day, note, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())", "isssi", o->id, kind, day,
                   s->trim(r, s->param(r, "note")), s->user(r)->id) != 1)
        return 500;
    s->audit(r, "education.support", "child", edu_id(r, s, o->id), kind);
    s->flash(r, "支持服务已记录。");
    return s->redirect(r, s->sprintf(r, "/education/children/%lld", o->id));
}
