/*
 * orgs.c - partner organisations and their volunteers.
 *
 * Civil-affairs staff (volunteer.manage) register an organisation (a core
 * orgs row of kind 'ngo' plus its volunteer_orgs row), approve, suspend and
 * end it; every change is a dated row in volunteer_org_events.  A partner
 * user (volunteer.partner) sees only the organisation of its users.org_id.
 * Hours are the SUM of verified service logs, never a stored number.
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ parameters */

const struct portal_param org_params[] = {
    {"code", PP_CODE, 32, 1, "组织代码"},
    {"name", PP_TEXT, 128, 1, "组织名称"},
    {"reg_no", PP_CODE, 64, 1, "登记证号"},
    {"contact_name", PP_TEXT, 64, 1, "联系人"},
    {"contact_phone", PP_CODE, 32, 1, "联系电话"},
    {"areas", PP_TEXT, 400, 1, "服务区域"},
    {"service_types", PP_TEXT, 200, 0, "服务类型"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param status_params[] = {
    {"status", PP_CODE, 16, 1, "状态"},
    {"effective_date", PP_DATE, 10, 0, "生效日期"},
    {"reason", PP_TEXT, 200, 0, "原因"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param volunteer_edit_params[] = {
    {"name", PP_TEXT, 64, 1, "姓名"},
    {"phone", PP_CODE, 32, 0, "联系电话"},
    {"skills", PP_TEXT, 200, 0, "专长"},
    {"availability", PP_TEXT, 200, 0, "可服务时间"},
    {"active", PP_INT, 1, 0, "在册"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param volunteer_params[] = {
    {"name", PP_TEXT, 64, 1, "姓名"},
    {"phone", PP_CODE, 32, 0, "联系电话"},
    {"skills", PP_TEXT, 200, 0, "专长"},
    {"availability", PP_TEXT, 200, 0, "可服务时间"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ staff */

int org_list_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Orgs",
                        "SELECT v.id, o.code, o.name, v.reg_no, v.contact_name, v.contact_phone, "
                        "v.status, v.self_applied, (SELECT GROUP_CONCAT(d.name ORDER BY d.code "
                        "SEPARATOR '、') "
                        "FROM volunteer_org_areas a JOIN divisions d ON d.code = a.township_code "
                        "WHERE a.vorg_id = v.id) AS areas "
                        "FROM volunteer_orgs v JOIN orgs o ON o.id = v.org_id ORDER BY o.name, v.id",
                        "") < 0)
        return 500;
    const char *prefix = s->scope_prefix(r);
    if (prefix && s->divisions_hdf(r, "Townships", "township", prefix, NULL) < 0)
        return 500;
    return s->render(r, "org_list.cs", "社会组织");
}

/* "500242101000,500242102000" -> each a township; 0 ok, -1 refused.
 * codes[] receives up to max pointers into a copy. */
static int parse_areas(portal_req *r, const struct portal_services *s, const char *in,
                       const char **codes, int max, int *n)
{
    size_t len = strlen(in);
    char *buf = s->alloc(r, len + 1);
    memcpy(buf, in, len + 1);
    *n = 0;
    for (char *p = buf; *p;) {
        while (*p == ',' || *p == ' ')
            p++;
        if (!*p)
            break;
        char *start = p;
        while (*p && *p != ',' && *p != ' ')
            p++;
        if (*p)
            *p++ = '\0';
        if (strlen(start) != 12 || strspn(start, "0123456789") != 12 || *n >= max)
            return -1;
        portal_rows *q = s->db_query(r, "SELECT code FROM divisions WHERE code = ? AND "
                                        "level = 'township'", "s", start);
        if (!q || !s->db_next(q))
            return -1;
        codes[(*n)++] = start;
    }
    return *n > 0 ? 0 : -1;
}

/* a new organisation, pending: its core orgs row (division NULL: the
 * county's), its volunteer_orgs row, its townships and its first dated
 * event.  The volunteer_orgs id, or -1. */
long long vol_org_insert(portal_req *r, const struct portal_services *s,
                         const struct vol_new_org *o)
{
    if (s->db_exec(r, "INSERT INTO orgs (code, name, kind, division_code) VALUES (?, ?, 'ngo', "
                      "COALESCE(?, (SELECT code FROM divisions WHERE level = 'county' "
                      "ORDER BY code LIMIT 1)))",
                   "sss", o->code, o->name, o->division) != 1)
        return -1;
    long long org_id = s->db_insert_id(r);
    if (s->db_exec(r, "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, "
                      "service_types, status, self_applied, created_at, created_by) VALUES "
                      "(?, ?, ?, ?, ?, 'pending', ?, UTC_TIMESTAMP(), ?)",
                   "issssii", org_id, o->reg_no, o->contact_name, o->contact_phone,
                   o->service_types ? o->service_types : "", (long long)o->self_applied,
                   o->user_id) != 1)
        return -1;
    long long vid = s->db_insert_id(r);
    for (int i = 0; i < o->ntownships; i++)
        if (s->db_exec(r, "INSERT IGNORE INTO volunteer_org_areas (vorg_id, township_code) "
                          "VALUES (?, ?)", "is", vid, o->townships[i]) < 0)
            return -1;
    if (s->db_exec(r, "INSERT INTO volunteer_org_events (vorg_id, at, effective_date, user_id, "
                      "status, reason) VALUES (?, UTC_TIMESTAMP(), ?, ?, 'pending', ?)",
                   "isis", vid, s->today(r), o->user_id, o->reason) != 1)
        return -1;
    return vid;
}

int org_create_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    struct vol_new_org o = {.code = s->param(r, "code"), .name = s->param(r, "name"),
                            .division = u->division, .reg_no = s->param(r, "reg_no"),
                            .contact_name = s->param(r, "contact_name"),
                            .contact_phone = s->param(r, "contact_phone"),
                            .service_types = s->param(r, "service_types"),
                            .user_id = u->id, .reason = "登记"};
    const char *codes[40];
    if (parse_areas(r, s, s->param(r, "areas"), codes, 40, &o.ntownships) != 0)
        return s->fail(r, 400, "服务区域应为乡镇区划代码（12 位数字），多个用逗号分隔。");
    o.townships = codes;
    portal_rows *q = s->db_query(r, "SELECT id FROM orgs WHERE code = ?", "s", o.code);
    if (!q)
        return 500;
    if (s->db_next(q))
        return s->fail(r, 409, "组织代码已被使用，请换一个。");
    q = s->db_query(r, "SELECT id FROM volunteer_orgs WHERE reg_no = ?", "s", o.reg_no);
    if (!q)
        return 500;
    if (s->db_next(q))
        return s->fail(r, 409, "该登记证号的社会组织已登记。");
    long long vid = vol_org_insert(r, s, &o);
    if (vid < 0)
        return 500;
    s->audit(r, "volunteer.org.register", "volunteer_org", s->sprintf(r, "%lld", vid),
             s->sprintf(r, "code=%s reg_no=%s areas=%d", o.code, o.reg_no, o.ntownships));
    s->flash(r, "社会组织已登记，待审核。");
    return s->redirect(r, s->sprintf(r, "/volunteer/orgs/%lld", vid));
}

int org_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    const char *sa, *w = s->scope_where(r, "c.village_code", &sa);
    if (s->db_row_hdf(r, "Org",
                      "SELECT v.id, o.code, o.name, v.reg_no, v.contact_name, v.contact_phone, "
                      "v.service_types, v.status, (SELECT GROUP_CONCAT(d.name ORDER BY d.code "
                      "SEPARATOR '、') FROM volunteer_org_areas a JOIN divisions d ON "
                      "d.code = a.township_code WHERE a.vorg_id = v.id) AS areas "
                      "FROM volunteer_orgs v JOIN orgs o ON o.id = v.org_id WHERE v.id = ?",
                      "i", id) != 1)
        return 500;
    if (s->db_query_hdf(r, "Events",
                        "SELECT e.at, e.effective_date, e.status, e.reason, u.display_name AS by_name "
                        "FROM volunteer_org_events e LEFT JOIN users u ON u.id = e.user_id "
                        "WHERE e.vorg_id = ? ORDER BY e.id", "i", id) < 0 ||
        s->db_query_hdf(r, "Volunteers",
                        "SELECT p.id, p.name, p.skills, p.availability, "
                        "(SELECT COALESCE(SUM(l.minutes), 0) FROM volunteer_log_people lp JOIN "
                        "volunteer_logs l ON l.id = lp.log_id WHERE lp.volunteer_id = p.id AND "
                        "l.status = 'verified') AS minutes FROM volunteers p WHERE p.vorg_id = ? "
                        "ORDER BY p.id", "i", id) < 0 ||
        /* assignments of children in the user's own jurisdiction only */
        s->db_query_hdf(r, "Assignments", s->sprintf(r,
                        "SELECT a.id, a.child_id, c.name AS child_name, d.name AS village, "
                        "a.service_type, a.start_date, a.end_date, a.ended_at, "
                        "(a.ended_at IS NULL AND ? BETWEEN a.start_date AND a.end_date) AS active "
                        "FROM volunteer_assignments a JOIN children c ON c.id = a.child_id "
                        "JOIN divisions d ON d.code = c.village_code WHERE a.vorg_id = ? AND "
                        "%s ORDER BY a.id DESC LIMIT 500", w),
                        "sis", s->today(r), id, sa) < 0 ||
        /* projects over an area in the user's jurisdiction */
        s->db_query_hdf(r, "AreaAssignments",
                        "SELECT a.id, d.name AS area, COALESCE(p.name, '') AS project, "
                        "a.service_type, a.start_date, a.end_date, a.ended_at, "
                        "(a.ended_at IS NULL AND ? BETWEEN a.start_date AND a.end_date) AS active, "
                        "(SELECT COUNT(*) FROM volunteer_logs l WHERE l.assignment_id = a.id AND "
                        "l.status = 'verified') AS verified_logs "
                        "FROM volunteer_assignments a JOIN divisions d ON d.code = a.area_code "
                        "LEFT JOIN volunteer_projects p ON p.id = a.project_id WHERE "
                        "a.vorg_id = ? AND a.area_code LIKE CONCAT(?, '%') ORDER BY a.id DESC "
                        "LIMIT 500",
                        "sis", s->today(r), id, s->scope_prefix(r)) < 0 ||
        /* where a project may go: current townships and villages of the
         * organisation's service areas, within the user's jurisdiction */
        s->db_query_hdf(r, "AreaChoices",
                        "SELECT d.code, d.name, d.level FROM divisions d JOIN volunteer_org_areas a "
                        "ON a.township_code = IF(d.level = 'township', d.code, d.parent_code) "
                        "WHERE a.vorg_id = ? AND d.level IN ('township', 'village') AND "
                        "d.code LIKE CONCAT(?, '%') AND (d.valid_to IS NULL OR d.valid_to >= ?) "
                        "ORDER BY d.code LIMIT 2000",
                        "iss", id, s->scope_prefix(r), s->today(r)) < 0 ||
        s->db_query_hdf(r, "Projects", "SELECT id, name FROM volunteer_projects WHERE vorg_id = ? "
                                       "ORDER BY id DESC LIMIT 200", "i", id) < 0)
        return 500;
    s->labels_hdf(r, "Types", "volunteer.service_type");
    s->set(r, "Today", s->today(r));
    return s->render(r, "org.cs", "社会组织详情");
}

/* allowed transitions: pending -> approved; approved <-> suspended; any but
 * ended -> ended (which also ends every open assignment) */
static int transition_ok(const char *from, const char *to)
{
    if (strcmp(from, "ended") == 0)
        return 0;
    if (strcmp(to, "ended") == 0)
        return 1;
    if (strcmp(to, "approved") == 0)
        return strcmp(from, "pending") == 0 || strcmp(from, "suspended") == 0;
    if (strcmp(to, "suspended") == 0)
        return strcmp(from, "approved") == 0;
    return 0;
}

int org_status_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *org = s->object(r);
    const char *to = s->param(r, "status"), *reason = s->param(r, "reason");
    const char *eff = s->param(r, "effective_date");
    if (!eff || !*eff)
        eff = s->today(r);
    if (!reason)
        reason = "";
    if (strcmp(to, "approved") && strcmp(to, "suspended") && strcmp(to, "ended"))
        return s->fail(r, 400, "状态不正确。");
    if (strcmp(to, "approved") != 0 && !*reason)
        return s->fail(r, 400, "暂停或终止合作须填写原因。");
    /* a change takes effect when it is made: a later date would say otherwise */
    if (strcmp(eff, s->today(r)) > 0)
        return s->fail(r, 400, "生效日期不能晚于今天；请到生效之日再办理。");
    const char *from = s->col(org->data, "status");
    if (!transition_ok(from, to))
        return s->fail(r, 409, s->sprintf(r, "该组织当前状态为“%s”，不能改为“%s”。",
                                          s->label(r, "volunteer.org_status", from),
                                          s->label(r, "volunteer.org_status", to)));
    long long id = org->id, uid = s->user(r)->id, ended = 0;
    if (s->db_exec(r, "UPDATE volunteer_orgs SET status = ? WHERE id = ?", "si", to, id) != 1 ||
        s->db_exec(r, "INSERT INTO volunteer_org_events (vorg_id, at, effective_date, user_id, "
                      "status, reason) VALUES (?, UTC_TIMESTAMP(), ?, ?, ?, ?)",
                   "isiss", id, eff, uid, to, reason) != 1)
        return 500;
    if (strcmp(to, "ended") == 0) {
        ended = s->db_exec(r, "UPDATE volunteer_assignments SET ended_at = UTC_TIMESTAMP(), "
                              "ended_by = ? WHERE vorg_id = ? AND ended_at IS NULL", "ii", uid, id);
        /* its partner administrator no longer manages accounts (/org/users) */
        if (ended < 0 || s->db_exec(r, "UPDATE orgs SET active = 0 WHERE id = (SELECT org_id FROM "
                                       "volunteer_orgs WHERE id = ?)", "i", id) < 0)
            return 500;
    }
    s->audit(r, "volunteer.org.status", "volunteer_org", s->sprintf(r, "%lld", id),
             s->sprintf(r, "from=%s to=%s date=%s ended_assignments=%lld reason=%s", from, to, eff,
                        ended, reason));
    s->flash(r, s->sprintf(r, "组织状态已改为“%s”。", s->label(r, "volunteer.org_status", to)));
    return s->redirect(r, s->sprintf(r, "/volunteer/orgs/%lld", id));
}

/* ------------------------------------------------------------ partner */

int partner_get(portal_req *r, const struct portal_services *s)
{
    long long vorg = 0;
    if (vol_partner_org(r, s, &vorg, NULL) != 0)
        return s->refuse(r, 403, "page", "volunteer.partner", "no registered partner organisation",
                         "您的账号未关联已登记的社会组织，请联系县民政局。");
    const char *today = s->today(r);
    if (s->db_row_hdf(r, "Org",
                      "SELECT v.id, o.name, v.reg_no, v.contact_name, v.contact_phone, v.status "
                      "FROM volunteer_orgs v JOIN orgs o ON o.id = v.org_id WHERE v.id = ?",
                      "i", vorg) < 0 ||
        s->db_query_hdf(r, "Volunteers",
                        "SELECT p.id, p.name, p.phone, p.skills, p.availability, p.active, "
                        "(SELECT COALESCE(SUM(l.minutes), 0) FROM volunteer_log_people lp JOIN "
                        "volunteer_logs l ON l.id = lp.log_id WHERE lp.volunteer_id = p.id AND "
                        "l.status = 'verified') AS minutes FROM volunteers p WHERE p.vorg_id = ? "
                        "ORDER BY p.id", "i", vorg) < 0 ||
        /* only what the partner may see: children assigned now, name and period */
        s->db_query_hdf(r, "Children",
                        "SELECT c.id, c.name, a.service_type, a.start_date, a.end_date "
                        "FROM volunteer_assignments a JOIN children c ON c.id = a.child_id "
                        "JOIN volunteer_orgs v ON v.id = a.vorg_id WHERE a.vorg_id = ? AND "
                        "c.status = 'active' AND v.status = 'approved' AND a.ended_at IS NULL AND "
                        "? BETWEEN a.start_date AND a.end_date ORDER BY c.name, a.id",
                        "is", vorg, today) < 0 ||
        /* projects over an area: the area's name, never its children */
        s->db_query_hdf(r, "Areas",
                        "SELECT a.id, d.name AS area, COALESCE(p.name, '') AS project, "
                        "a.service_type, a.start_date, a.end_date FROM volunteer_assignments a "
                        "JOIN divisions d ON d.code = a.area_code JOIN volunteer_orgs v ON "
                        "v.id = a.vorg_id LEFT JOIN volunteer_projects p ON p.id = a.project_id "
                        "WHERE a.vorg_id = ? AND v.status = 'approved' AND a.ended_at IS NULL AND "
                        "? BETWEEN a.start_date AND a.end_date ORDER BY d.code, a.id",
                        "is", vorg, today) < 0)
        return 500;
    if (s->db_row_hdf(r, "Total", "SELECT COALESCE(SUM(minutes), 0) AS minutes, COUNT(*) AS "
                                  "services FROM volunteer_logs WHERE vorg_id = ? AND "
                                  "status = 'verified'", "i", vorg) != 1)
        return 500;
    /* everything a partner reads is audited: here the names of its children */
    portal_rows *q = s->db_query(r, "SELECT GROUP_CONCAT(DISTINCT a.child_id ORDER BY a.child_id) FROM "
                       "volunteer_assignments a JOIN volunteer_orgs v ON v.id = a.vorg_id WHERE "
                       "a.vorg_id = ? AND a.child_id IS NOT NULL AND v.status = 'approved' AND "
                       "a.ended_at IS NULL AND ? BETWEEN a.start_date AND a.end_date",
                    "is", vorg, today);
    if (!q || !s->db_next(q))
        return 500;
    s->audit(r, "volunteer.partner.view", "volunteer_org", s->sprintf(r, "%lld", vorg),
             s->sprintf(r, "children=%s", s->db_col(q, 0) ? s->db_col(q, 0) : ""));
    return s->render(r, "partner.cs", "志愿服务");
}

int volunteer_create_post(portal_req *r, const struct portal_services *s)
{
    long long vorg = 0;
    const char *st = NULL;
    if (vol_partner_org(r, s, &vorg, &st) != 0)
        return s->refuse(r, 403, "page", "volunteer.volunteer_add",
                         "no registered partner organisation",
                         "您的账号未关联已登记的社会组织，请联系县民政局。");
    if (strcmp(st, "ended") == 0)
        return s->fail(r, 409, "本组织已终止合作，不能再添加志愿者。");
    const char *phone = s->param(r, "phone"), *skills = s->param(r, "skills");
    const char *avail = s->param(r, "availability");
    if (s->db_exec(r, "INSERT INTO volunteers (vorg_id, name, phone, skills, availability, "
                      "created_at, created_by) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
                   "issssi", vorg, s->param(r, "name"), phone ? phone : "", skills ? skills : "",
                   avail ? avail : "", s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "volunteer.add", "volunteer", s->sprintf(r, "%lld", id),
             s->sprintf(r, "vorg=%lld", vorg));
    s->flash(r, "志愿者已添加。");
    return s->redirect(r, "/volunteer/partner");
}

/* a volunteer's details corrected, or the volunteer no longer serving
 * (active = 0: kept on past logs and certificates, offered for no new log) */
int volunteer_edit_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *p = o->data;
    if (strcmp(s->col(p, "org_status"), "ended") == 0)
        return s->fail(r, 409, "本组织已终止合作，不能再修改志愿者信息。");
    const char *phone = s->param(r, "phone"), *skills = s->param(r, "skills");
    const char *avail = s->param(r, "availability");
    long long active = s->param_int(r, "active", 0) ? 1 : 0;
    const char *was = s->sprintf(r, "name=%s active=%s", s->col(p, "name"), s->col(p, "active"));
    if (s->db_exec(r, "UPDATE volunteers SET name = ?, phone = ?, skills = ?, availability = ?, "
                      "active = ? WHERE id = ?",
                   "ssssii", s->param(r, "name"), phone ? phone : "", skills ? skills : "",
                   avail ? avail : "", active, o->id) < 0)
        return 500;
    s->audit(r, "volunteer.edit", "volunteer", s->sprintf(r, "%lld", o->id),
             s->sprintf(r, "vorg=%s was %s; now active=%lld", s->col(p, "vorg_id"), was, active));
    s->flash(r, active ? "志愿者信息已修改。" : "该志愿者已标记为停止服务。");
    return s->redirect(r, "/volunteer/partner");
}
