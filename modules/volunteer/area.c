/*
 * area.c - a project over an area: staff assign an organisation, optionally
 * for one of its charity projects, to a village or a township for a service
 * type and a period; the partner logs group activities there.
 *
 * The partner sees the area's name, the project, the service type, the
 * needs and the period - never the children who live there: an area
 * assignment gives no access to any child.  Its logs count participants,
 * not names; the township of the area verifies them like a child's log, and
 * they count toward the organisation's and its volunteers' hours.  Access
 * ends with the assignment (ended, out of its period, or the organisation
 * no longer approved): every other id is an audited 404 (objects.c).
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param area_assign_params[] = {
    {"area_code", PP_CODE, 12, 1, "服务区域（乡镇或村）"},
    {"project_id", PP_INT, 20, 0, "慈善项目"},
    {"service_type", PP_TEXT, 32, 1, "服务类型"},
    {"needs", PP_LINES, 500, 0, "服务需求"},
    {"start_date", PP_DATE, 10, 1, "开始日期"},
    {"end_date", PP_DATE, 10, 1, "结束日期"},
    {NULL, 0, 0, 0, NULL}};

int org_assign_area_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *org = s->object(r);
    long long vorg = org->id, pid = s->param_int(r, "project_id", 0);
    const char *area = s->param(r, "area_code"), *type = s->param(r, "service_type");
    const char *needs = s->param(r, "needs");
    const char *from = s->param(r, "start_date"), *to = s->param(r, "end_date");
    if (!vol_is_label("volunteer.service_type", type))
        return s->fail(r, 400, "服务类型不正确。");
    if (strcmp(from, to) > 0)
        return s->fail(r, 400, "结束日期不能早于开始日期。");
    /* a current township or village within the user's jurisdiction */
    portal_rows *q = s->db_query(r, "SELECT d.level, d.name, (SELECT COUNT(*) FROM "
                                    "volunteer_org_areas a WHERE a.vorg_id = ? AND "
                                    "a.township_code = IF(d.level = 'township', d.code, "
                                    "d.parent_code)) AS served FROM divisions d WHERE d.code = ? "
                                    "AND (d.valid_to IS NULL OR d.valid_to >= ?)",
                                 "iss", vorg, area, s->today(r));
    if (!q)
        return 500;
    if (!s->db_next(q) || !s->in_scope(r, area))
        return s->fail(r, 400, "服务区域应为您辖区内现有的乡镇（街道）或村（社区）代码。");
    if (strcmp(s->col(q, "level"), "county") == 0)
        return s->fail(r, 400, "服务区域应为乡镇（街道）或村（社区），不能是整个县。");
    if (strcmp(s->col(org->data, "status"), "approved") != 0)
        return s->fail(r, 409, "只能向已批准的社会组织指派服务项目。");
    if (strcmp(s->col(q, "served"), "0") == 0)
        return s->fail(r, 409, "该区域所在乡镇不在该组织的服务区域内。");
    const char *aname = s->col(q, "name");
    if (pid > 0) {
        q = s->db_query(r, "SELECT id FROM volunteer_projects WHERE id = ? AND vorg_id = ?", "ii",
                        pid, vorg);
        if (!q)
            return 500;
        if (!s->db_next(q))
            return s->fail(r, 400, "所选慈善项目不属于该组织。");
    }
    if (s->db_exec(r, "INSERT INTO volunteer_assignments (child_id, area_code, project_id, vorg_id, "
                      "service_type, needs, start_date, end_date, created_at, created_by) VALUES "
                      "(NULL, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
                   "ssissssi", area, pid > 0 ? s->sprintf(r, "%lld", pid) : NULL, vorg, type,
                   needs ? needs : "", from, to, s->user(r)->id) != 1)
        return 500;
    long long aid = s->db_insert_id(r);
    s->audit(r, "volunteer.assign.area", "volunteer_assignment", s->sprintf(r, "%lld", aid),
             s->sprintf(r, "vorg=%lld area=%s project=%lld type=%s from=%s to=%s", vorg, area, pid,
                        type, from, to));
    s->flash(r, s->sprintf(r, "已将%s的服务项目指派给该组织。", aname));
    return s->redirect(r, s->sprintf(r, "/volunteer/orgs/%lld", vorg));
}

int partner_area_get(portal_req *r, const struct portal_services *s)
{
    const struct vol_access *a = s->object(r)->data;
    long long aid = a->aid, vorg = a->vorg;
    /* the area and the assignment: no child of the area is queried */
    if (s->db_row_hdf(r, "Area",
                      "SELECT a.id, d.name AS area, d.level, COALESCE(t.name, '') AS township, "
                      "COALESCE(p.name, '') AS project, a.service_type, a.needs, a.start_date, "
                      "a.end_date FROM volunteer_assignments a JOIN divisions d ON "
                      "d.code = a.area_code LEFT JOIN divisions t ON t.code = d.parent_code AND "
                      "d.level = 'village' LEFT JOIN volunteer_projects p ON p.id = a.project_id "
                      "WHERE a.id = ?", "i", aid) != 1)
        return 500;
    if (vol_logs_hdf(r, s, "l.assignment_id = ? AND l.vorg_id = ?", aid, vorg) < 0 ||
        s->db_query_hdf(r, "Volunteers", "SELECT id, name FROM volunteers WHERE vorg_id = ? "
                                         "AND active = 1 ORDER BY id", "i", vorg) < 0)
        return 500;
    s->labels_hdf(r, "Types", "volunteer.service_type");
    s->set(r, "LogArea", "1");
    s->set(r, "Today", s->today(r));
    s->audit(r, "volunteer.area.view", "volunteer_assignment", s->sprintf(r, "%lld", aid),
             s->sprintf(r, "vorg=%lld", vorg));
    return s->render(r, "partner_area.cs", "服务项目");
}

int area_log_create_post(portal_req *r, const struct portal_services *s)
{
    const struct vol_access *a = s->object(r)->data;
    long long aid = a->aid, vorg = a->vorg;
    long long *vids = NULL;
    int nv = 0, rc = vol_check_log(r, s, vorg, aid, 0, 1, &vids, &nv);
    if (rc)
        return rc; /* 400: the host shows the form again */
    const char *notes = s->param(r, "notes");
    if (s->db_exec(r, "INSERT INTO volunteer_logs (assignment_id, child_id, area_code, vorg_id, "
                      "service_date, minutes, participants, service_type, notes, status, "
                      "created_at, created_by, updated_at) SELECT id, NULL, area_code, vorg_id, ?, "
                      "?, ?, ?, ?, 'submitted', UTC_TIMESTAMP(), ?, UTC_TIMESTAMP() FROM "
                      "volunteer_assignments WHERE id = ?",
                   "siissii", s->param(r, "service_date"), s->param_int(r, "minutes", 0),
                   s->param_int(r, "participants", 0), s->param(r, "service_type"),
                   notes ? notes : "", s->user(r)->id, aid) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    if (vol_save_people(r, s, id, vids, nv) != 0)
        return 500;
    s->audit(r, "volunteer.log.add", "volunteer_log", s->sprintf(r, "%lld", id),
             s->sprintf(r, "assignment=%lld minutes=%lld participants=%lld", aid,
                        s->param_int(r, "minutes", 0), s->param_int(r, "participants", 0)));
    s->flash(r, "活动记录已提交，待乡镇核实。");
    return s->redirect(r, s->sprintf(r, "/volunteer/partner/areas/%lld", aid));
}
