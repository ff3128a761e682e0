/*
 * service.c - assignments, the partner's view of an assigned child, service
 * logs, verification by the child's township, the report.
 *
 * A partner sees a child only through an assignment of its own organisation
 * that is not ended, whose period holds today, while the organisation is
 * approved (objects.c); anything else is an audited 404.
 * The partner's view selects only name, sex, age, village, school grade and
 * the assignment's needs: the ID number, the family, the categories and
 * other modules' data are never queried.  Every view is audited.
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ parameters */

const struct portal_param assign_params[] = {
    {"child_id", PP_INT, 20, 1, "儿童编号"},
    {"service_type", PP_TEXT, 32, 1, "服务类型"},
    {"needs", PP_LINES, 500, 0, "服务需求"},
    {"start_date", PP_DATE, 10, 1, "开始日期"},
    {"end_date", PP_DATE, 10, 1, "结束日期"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param log_params[] = {
    {"service_date", PP_DATE, 10, 1, "服务日期"},
    {"minutes", PP_INT, 5, 1, "服务时长（分钟）"},
    {"participants", PP_INT, 6, 0, "参加人数"},
    {"service_type", PP_TEXT, 32, 1, "服务类型"},
    {"volunteer_ids", PP_TEXT, 200, 0, "参与志愿者编号"},
    {"volunteer", PP_INT, 12, 0, "参与志愿者"}, /* checkboxes by name, repeated */
    {"notes", PP_LINES, 1000, 0, "服务情况"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param verify_params[] = {
    {"action", PP_CODE, 16, 1, "操作"},
    {"reason", PP_TEXT, 200, 0, "退回原因"},
    /* the log's version the verifier was shown (the form always sends it) */
    {"version", PP_INT, 10, 0, "记录版本"},
    {"confirm", PP_INT, 1, 0, "确认"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param report_params[] = {
    {"from", PP_DATE, 10, 0, "起始日期"},
    {"to", PP_DATE, 10, 0, "截止日期"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------ assignments */

int org_assign_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *org = s->object(r);
    const char *type = s->param(r, "service_type"), *needs = s->param(r, "needs");
    const char *from = s->param(r, "start_date"), *to = s->param(r, "end_date");
    if (!vol_is_label("volunteer.service_type", type))
        return s->fail(r, 400, "服务类型不正确。");
    if (strcmp(from, to) > 0)
        return s->fail(r, 400, "结束日期不能早于开始日期。");
    const struct portal_child *c = s->child(r, s->param_int(r, "child_id", 0));
    if (!c)
        return 404;
    if (strcmp(c->status, "active") != 0)
        return s->fail(r, 409, "该儿童已退出保障，不能再指派服务。");
    if (strcmp(s->col(org->data, "status"), "approved") != 0)
        return s->fail(r, 409, "只能向已批准的社会组织指派服务对象。");
    portal_rows *q = s->db_query(r, "SELECT 1 FROM volunteer_org_areas WHERE vorg_id = ? AND "
                                    "township_code = ?", "is", org->id, c->township_code);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->fail(r, 409, "该儿童所在乡镇不在该组织的服务区域内。");
    if (s->db_exec(r, "INSERT INTO volunteer_assignments (child_id, vorg_id, service_type, needs, "
                      "start_date, end_date, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, "
                      "UTC_TIMESTAMP(), ?)",
                   "iissssi", c->id, org->id, type, needs ? needs : "", from, to,
                   s->user(r)->id) != 1)
        return 500;
    long long aid = s->db_insert_id(r);
    if (s->child_event(r, c->id, "volunteer.assign",
                       s->sprintf(r, "指派社会组织“%s”提供%s服务（%s 至 %s）",
                                  s->col(org->data, "name"), type, from, to)) != 0)
        return 500;
    s->audit(r, "volunteer.assign", "child", s->sprintf(r, "%lld", c->id),
             s->sprintf(r, "assignment=%lld vorg=%lld type=%s from=%s to=%s", aid, org->id, type,
                        from, to));
    s->flash(r, s->sprintf(r, "已将%s指派给该组织。", c->name));
    return s->redirect(r, s->sprintf(r, "/volunteer/orgs/%lld", org->id));
}

int assignment_end_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *a = s->object(r);
    const char *vorg = s->col(a->data, "vorg_id");
    if (s->col(a->data, "ended_at"))
        return s->fail(r, 409, "该指派已经结束。");
    if (s->db_exec(r, "UPDATE volunteer_assignments SET ended_at = UTC_TIMESTAMP(), ended_by = ? "
                      "WHERE id = ?", "ii", s->user(r)->id, a->id) != 1 ||
        (a->child_id > 0 &&
         s->child_event(r, a->child_id, "volunteer.assign.end", "社会组织服务指派已结束") != 0))
        return 500;
    if (a->child_id > 0)
        s->audit(r, "volunteer.assign.end", "child", s->sprintf(r, "%lld", a->child_id),
                 s->sprintf(r, "assignment=%lld vorg=%s", a->id, vorg));
    else
        s->audit(r, "volunteer.assign.end", "volunteer_assignment", s->sprintf(r, "%lld", a->id),
                 s->sprintf(r, "vorg=%s", vorg));
    s->flash(r, a->child_id > 0 ? "指派已结束，该组织即刻不能再查看该儿童。"
                                : "服务项目指派已结束，该组织不能再登记该区域的活动。");
    return s->redirect(r, s->sprintf(r, "/volunteer/orgs/%s", vorg));
}

int partner_child_get(portal_req *r, const struct portal_services *s)
{
    const struct vol_access *a = s->object(r)->data;
    const char *today = s->today(r);
    /* the permitted fields, and nothing else */
    if (s->db_row_hdf(r, "Child",
                      "SELECT c.id, c.name, CASE c.sex WHEN 1 THEN '男' WHEN 2 THEN '女' "
                      "ELSE '未说明' END AS sex, TIMESTAMPDIFF(YEAR, c.birth_date, ?) AS age, "
                      "d.name AS village, c.school_grade, a.id AS assignment_id, "
                      "a.service_type, a.needs, a.start_date, a.end_date "
                      "FROM children c JOIN divisions d ON d.code = c.village_code "
                      "JOIN volunteer_assignments a ON a.id = ? WHERE c.id = ?",
                      "sii", today, a->aid, a->child) != 1)
        return 500;
    if (vol_logs_hdf(r, s, "l.child_id = ? AND l.vorg_id = ?", a->child, a->vorg) < 0 ||
        s->db_query_hdf(r, "Volunteers", "SELECT id, name FROM volunteers WHERE vorg_id = ? "
                                         "AND active = 1 ORDER BY id", "i", a->vorg) < 0)
        return 500;
    s->labels_hdf(r, "Types", "volunteer.service_type");
    s->set(r, "Today", today);
    s->audit(r, "volunteer.child.view", "child", s->sprintf(r, "%lld", a->child),
             s->sprintf(r, "assignment=%lld vorg=%lld", a->aid, a->vorg));
    return s->render(r, "partner_child.cs", "服务对象");
}

/* the partner's logs (Logs.N) matching `where` (a constant of the caller's
 * with two bound ids), with their photos (Photos.N.{id,log_id}) */
int vol_logs_hdf(portal_req *r, const struct portal_services *s, const char *where, long long a,
                 long long b)
{
    int n = s->db_query_hdf(
        r, "Logs",
        s->sprintf(r,
                   "SELECT l.id, l.service_date, l.minutes, l.participants, l.service_type, "
                   "l.notes, l.status, l.return_reason, (SELECT GROUP_CONCAT(p.id ORDER BY p.id) "
                   "FROM volunteer_log_people lp JOIN volunteers p ON p.id = lp.volunteer_id "
                   "WHERE lp.log_id = l.id) AS volunteer_ids, (SELECT GROUP_CONCAT(p.name "
                   "ORDER BY p.id SEPARATOR '、') FROM volunteer_log_people lp JOIN volunteers p "
                   "ON p.id = lp.volunteer_id WHERE lp.log_id = l.id) AS people, (SELECT "
                   "COUNT(*) FROM volunteer_log_photos f WHERE f.log_id = l.id) AS photos "
                   "FROM volunteer_logs l WHERE %s "
                   "ORDER BY l.service_date DESC, l.id DESC LIMIT 200",
                   where),
        "ii", a, b);
    if (n <= 0)
        return n;
    return s->db_query_hdf(r, "Photos",
                           s->sprintf(r,
                                      "SELECT f.id, f.log_id FROM volunteer_log_photos f JOIN "
                                      "volunteer_logs l ON l.id = f.log_id WHERE %s ORDER BY f.id "
                                      "LIMIT 2000",
                                      where),
                           "ii", a, b) < 0
               ? -1
               : n;
}

/* validate a log's fields and its volunteers (comma-separated ids of the
 * organisation's volunteers); an area's log also needs its participants.
 * 0 ok, else a status already answered */
/* a refused field of a log: the message beside it; the caller shows its
 * form again (400) */
static int log_bad(portal_req *r, const struct portal_services *s, const char *field,
                   const char *msg)
{
    s->form_error(r, field, msg);
    return 400;
}

int vol_check_log(portal_req *r, const struct portal_services *s, long long vorg, long long aid,
                  long long log, int area, long long **vids, int *nv)
{
    const char *date = s->param(r, "service_date"), *type = s->param(r, "service_type");
    long long minutes = s->param_int(r, "minutes", 0);
    if (!vol_is_label("volunteer.service_type", type))
        return log_bad(r, s, "service_type", "服务类型不正确。");
    if (minutes < 1 || minutes > 1440)
        return log_bad(r, s, "minutes", "服务时长应为 1 到 1440 分钟。");
    if (strcmp(date, s->today(r)) > 0)
        return log_bad(r, s, "service_date", "服务日期不能晚于今天。");
    long long people = s->param_int(r, "participants", 0);
    if (area && (people < 1 || people > 10000))
        return log_bad(r, s, "participants", "请填写参加活动的人数（1 到 10000）。");
    portal_rows *q = s->db_query(r, "SELECT id FROM volunteer_assignments WHERE id = ? AND "
                                    "? BETWEEN start_date AND end_date", "is", aid, date);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return log_bad(r, s, "service_date", "服务日期须在指派的服务期限之内。");
    const char *in = s->param(r, "volunteer_ids");
    if (s->param_n(r, "volunteer", 0)) { /* ticked by name: the same list */
        in = s->param_n(r, "volunteer", 0);
        for (int i = 1; s->param_n(r, "volunteer", i); i++)
            in = s->sprintf(r, "%s,%s", in, s->param_n(r, "volunteer", i));
    }
    *nv = 0;
    *vids = s->alloc(r, sizeof **vids * 50);
    if (!in)
        return 0;
    for (const char *p = in; *p;) {
        while (*p == ',' || *p == ' ')
            p++;
        if (!*p)
            break;
        if (*p < '0' || *p > '9' || *nv >= 50)
            return log_bad(r, s, "volunteer", "参与志愿者编号应为数字，用逗号分隔。");
        char *end;
        long long v = strtoll(p, &end, 10);
        if (*end && *end != ',' && *end != ' ')
            return log_bad(r, s, "volunteer", "参与志愿者编号应为数字，用逗号分隔。");
        p = end;
        /* a volunteer who left stays on the logs already naming them */
        q = s->db_query(r, "SELECT active OR EXISTS (SELECT 1 FROM volunteer_log_people lp "
                           "WHERE lp.log_id = ? AND lp.volunteer_id = id) FROM volunteers "
                           "WHERE id = ? AND vorg_id = ?", "iii", log, v, vorg);
        if (!q)
            return 500;
        if (!s->db_next(q))
            return log_bad(r, s, "volunteer", s->sprintf(r, "编号为 %lld 的志愿者不属于本组织。", v));
        if (strcmp(s->db_col(q, 0), "0") == 0)
            return log_bad(r, s, "volunteer", s->sprintf(r, "编号为 %lld 的志愿者已停止服务，不能登记新的服务。", v));
        int dup = 0;
        for (int i = 0; i < *nv; i++)
            dup |= (*vids)[i] == v;
        if (!dup)
            (*vids)[(*nv)++] = v;
    }
    return 0;
}

int vol_save_people(portal_req *r, const struct portal_services *s, long long log,
                    const long long *vids, int nv)
{
    if (s->db_exec(r, "DELETE FROM volunteer_log_people WHERE log_id = ?", "i", log) < 0)
        return -1;
    for (int i = 0; i < nv; i++)
        if (s->db_exec(r, "INSERT INTO volunteer_log_people (log_id, volunteer_id) VALUES (?, ?)",
                       "ii", log, vids[i]) != 1)
            return -1;
    return 0;
}

int child_log_create_post(portal_req *r, const struct portal_services *s)
{
    const struct vol_access *a = s->object(r)->data;
    long long *vids = NULL;
    int nv = 0, rc = vol_check_log(r, s, a->vorg, a->aid, 0, 0, &vids, &nv);
    if (rc)
        return rc; /* 400: the host shows the form again */
    const char *notes = s->param(r, "notes");
    if (s->db_exec(r, "INSERT INTO volunteer_logs (assignment_id, child_id, vorg_id, service_date, "
                      "minutes, service_type, notes, status, created_at, created_by, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, 'submitted', UTC_TIMESTAMP(), ?, UTC_TIMESTAMP())",
                   "iiisissi", a->aid, a->child, a->vorg, s->param(r, "service_date"),
                   s->param_int(r, "minutes", 0), s->param(r, "service_type"),
                   notes ? notes : "", s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    if (vol_save_people(r, s, id, vids, nv) != 0)
        return 500;
    s->audit(r, "volunteer.log.add", "volunteer_log", s->sprintf(r, "%lld", id),
             s->sprintf(r, "child=%lld assignment=%lld minutes=%lld", a->child, a->aid,
                        s->param_int(r, "minutes", 0)));
    s->flash(r, "服务记录已提交，待乡镇核实。");
    return s->redirect(r, s->sprintf(r, "/volunteer/partner/children/%lld", a->child));
}

/* where the partner goes back to after acting on a log */
const char *vol_log_page(portal_req *r, const struct portal_services *s, long long child,
                         long long aid)
{
    return child ? s->sprintf(r, "/volunteer/partner/children/%lld", child)
                 : s->sprintf(r, "/volunteer/partner/areas/%lld", aid);
}

int log_edit_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    const struct vol_access *a = o->data;
    long long id = o->id, child = a->child, aid = a->aid;
    if (strcmp(a->status, "verified") == 0)
        return s->fail(r, 409, "该服务记录已经乡镇核实，不能再修改。");
    long long *vids = NULL;
    int nv = 0, rc = vol_check_log(r, s, a->vorg, aid, id, child == 0, &vids, &nv);
    if (rc)
        return rc; /* 400: the host shows the form again */
    const char *notes = s->param(r, "notes");
    /* the status condition closes the race with a verification (the
     * version always moves, so a matched row is a changed row) */
    long long n = s->db_exec(
        r, "UPDATE volunteer_logs SET assignment_id = ?, service_date = ?, minutes = ?, "
           "participants = ?, service_type = ?, notes = ?, status = 'submitted', "
           "return_reason = NULL, updated_at = UTC_TIMESTAMP(), version = version + 1 "
           "WHERE id = ? AND status <> 'verified'",
        "isisssi", aid, s->param(r, "service_date"), s->param_int(r, "minutes", 0),
        child ? NULL : s->sprintf(r, "%lld", s->param_int(r, "participants", 0)),
        s->param(r, "service_type"), notes ? notes : "", id);
    if (n < 0)
        return 500;
    if (n == 0)
        return s->fail(r, 409, "该服务记录已经乡镇核实，不能再修改。");
    if (vol_save_people(r, s, id, vids, nv) != 0)
        return 500;
    s->audit(r, "volunteer.log.edit", "volunteer_log", s->sprintf(r, "%lld", id),
             s->sprintf(r, "child=%lld assignment=%lld minutes=%lld", child, aid,
                        s->param_int(r, "minutes", 0)));
    s->flash(r, "服务记录已修改并重新提交。");
    return s->redirect(r, vol_log_page(r, s, child, aid));
}

/* the edit form of an unverified log: its values (or what was typed), the
 * organisation's volunteers ticked by name (those on the log ticked; one
 * who left stays listed while on it) */
int log_edit_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    const struct vol_access *a = o->data;
    if (strcmp(a->status, "verified") == 0)
        return s->fail(r, 409, "该服务记录已经乡镇核实，不能再修改。");
    if (s->db_row_hdf(r, "Log",
                      "SELECT l.id, l.child_id, l.service_date, l.minutes, l.participants, "
                      "l.service_type, l.notes, l.status, l.return_reason, a.start_date, "
                      "a.end_date FROM volunteer_logs l JOIN volunteer_assignments a ON "
                      "a.id = l.assignment_id WHERE l.id = ?", "i", o->id) != 1 ||
        s->db_query_hdf(r, "Volunteers",
                        "SELECT v.id, v.name, EXISTS (SELECT 1 FROM volunteer_log_people lp "
                        "WHERE lp.log_id = ? AND lp.volunteer_id = v.id) AS ticked FROM "
                        "volunteers v WHERE v.vorg_id = ? AND (v.active = 1 OR EXISTS (SELECT 1 "
                        "FROM volunteer_log_people lp WHERE lp.log_id = ? AND lp.volunteer_id = "
                        "v.id)) ORDER BY v.id", "iii", o->id, a->vorg, o->id) < 0)
        return 500;
    /* first view: the stored values; after a refusal what was typed */
    if (!s->form_failed(r) &&
        s->db_row_hdf(r, "Form", "SELECT service_date, minutes, participants, service_type, "
                                 "notes FROM volunteer_logs WHERE id = ?", "i", o->id) != 1)
        return 500;
    s->labels_hdf(r, "Types", "volunteer.service_type");
    s->set(r, "Back", vol_log_page(r, s, a->child, a->aid));
    s->set(r, "LogArea", a->child ? "0" : "1");
    s->set(r, "Today", s->today(r));
    return s->render(r, "log_edit.cs", "修改服务记录");
}

/* ------------------------------------------------------------ verification */

/* the logs waiting for verification; status 200, or 400 after a refused
 * 核实无误 (Errors.confirm beside the box of log VerifyFailed) */
static int verify_page(portal_req *r, const struct portal_services *s, int status)
{
    /* a child's log by the child's village, an area's log by its area */
    const char *pre, *w = s->scope_where(r, "d.code", &pre);
    if (s->db_query_hdf(r, "Logs", s->sprintf(r,
                        "SELECT l.id, l.version, l.child_id, c.name AS child_name, d.name AS village, "
                        "o.name AS org_name, l.service_date, l.minutes, l.participants, "
                        "l.service_type, l.notes, "
                        "(SELECT GROUP_CONCAT(p.name ORDER BY p.id SEPARATOR '、') FROM "
                        "volunteer_log_people lp JOIN volunteers p ON p.id = lp.volunteer_id "
                        "WHERE lp.log_id = l.id) AS people "
                        "FROM volunteer_logs l LEFT JOIN children c ON c.id = l.child_id "
                        "JOIN divisions d ON d.code = COALESCE(c.village_code, l.area_code) "
                        "JOIN volunteer_orgs v ON v.id = l.vorg_id JOIN orgs o ON o.id = v.org_id "
                        "WHERE l.status = 'submitted' AND %s "
                        "ORDER BY l.service_date, l.id LIMIT 500", w),
                        "s", pre) < 0 ||
        s->db_query_hdf(r, "Photos",
                        "SELECT f.id, f.log_id FROM volunteer_log_photos f JOIN volunteer_logs l "
                        "ON l.id = f.log_id LEFT JOIN children c ON c.id = l.child_id "
                        "WHERE l.status = 'submitted' AND COALESCE(c.village_code, l.area_code) "
                        "LIKE CONCAT(?, '%') ORDER BY f.id LIMIT 5000",
                        "s", pre) < 0)
        return 500;
    s->render(r, "verify_list.cs", "服务记录核实");
    return status;
}

int verify_list_get(portal_req *r, const struct portal_services *s)
{
    return verify_page(r, s, 200);
}

int verify_log_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *l = o->data;
    const char *action = s->param(r, "action"), *reason = s->param(r, "reason");
    int verify = strcmp(action, "verify") == 0;
    if (!verify && strcmp(action, "return") != 0)
        return s->fail(r, 400, "操作不正确。");
    if (!verify && (!reason || !*reason))
        return s->fail(r, 400, "退回须填写原因。");
    if (verify && s->param_int(r, "confirm", 0) != 1) { /* irreversible (issue 20) */
        s->form_error(r, "confirm", "请勾选“我已核对，确认核实无误”后再提交：核实后不能撤回。");
        s->setf(r, "VerifyFailed", "%lld", o->id);
        return verify_page(r, s, 400);
    }
    if (strcmp(s->col(l, "status"), "submitted") != 0)
        return s->fail(r, 409, "该服务记录不在待核实状态。");
    /* the partner may have corrected the log since the verifier saw it */
    const char *seen = s->param(r, "version");
    if (seen && *seen && strcmp(seen, s->col(l, "version")) != 0)
        return s->fail(r, 409, "该服务记录在您查看后已被社会组织修改，请刷新页面核对后再处理。");
    const char *org = s->col(l, "org_name"), *type = s->col(l, "service_type");
    const char *date = s->col(l, "service_date");
    const char *summary =
        verify ? s->sprintf(r, "接受社会组织“%s”%s服务（%s，%s 分钟），乡镇已核实", org, type, date,
                            s->col(l, "minutes"))
               : s->sprintf(r, "社会组织“%s”%s服务记录（%s）被乡镇退回：%s", org, type, date, reason);
    if (s->db_exec(r, "UPDATE volunteer_logs SET status = ?, return_reason = ?, verified_at = "
                      "UTC_TIMESTAMP(), verified_by = ? WHERE id = ?",
                   "ssii", verify ? "verified" : "returned", verify ? NULL : reason,
                   s->user(r)->id, o->id) != 1 ||
        /* an area's group activity is on no child's timeline */
        (o->child_id > 0 && s->child_event(r, o->child_id,
                                           verify ? "volunteer.verify" : "volunteer.return",
                                           summary) != 0))
        return 500;
    s->audit(r, verify ? "volunteer.log.verify" : "volunteer.log.return", "volunteer_log",
             s->sprintf(r, "%lld", o->id),
             s->sprintf(r, "child=%lld%s%s", o->child_id, verify ? "" : " reason=",
                        verify ? "" : reason));
    s->flash(r, verify ? "服务记录已核实。" : "服务记录已退回。");
    return s->redirect(r, "/volunteer/verify");
}

/* ------------------------------------------------------------ report */

static void period(portal_req *r, const struct portal_services *s, const char **from,
                   const char **to)
{
    *from = s->param(r, "from");
    *to = s->param(r, "to");
    if (!*to || !**to)
        *to = s->today(r);
    if (!*from || !**from)
        *from = s->sprintf(r, "%.4s-01-01", *to);
}

/* children's services and areas' group activities together: a child's log
 * counts where the child lives, an area's where the area is */
#define REPORT_COLS                                                                        \
    "COUNT(*) AS services, SUM(l.minutes) AS minutes, "                                    \
    "COUNT(DISTINCT l.child_id) AS children, COALESCE(SUM(l.participants), 0) AS "         \
    "participants FROM volunteer_logs l LEFT JOIN children c ON c.id = l.child_id "
#define REPORT_WHERE                                                                       \
    "l.status = 'verified' AND l.service_date BETWEEN ? AND ? AND "                        \
    "COALESCE(c.village_code, l.area_code) LIKE CONCAT(?, '%') "
#define REPORT_BY_ORG                                                                      \
    "SELECT o.name, " REPORT_COLS "JOIN volunteer_orgs v ON v.id = l.vorg_id "             \
    "JOIN orgs o ON o.id = v.org_id WHERE " REPORT_WHERE                                   \
    "GROUP BY v.id, o.name ORDER BY o.name"
#define REPORT_BY_TOWNSHIP                                                                 \
    "SELECT d.name, " REPORT_COLS "JOIN divisions d ON d.code = "                          \
    "COALESCE(c.township_code, CONCAT(LEFT(l.area_code, 9), '000')) WHERE " REPORT_WHERE   \
    "GROUP BY d.code, d.name ORDER BY d.code"

int report_get(portal_req *r, const struct portal_services *s)
{
    const char *from, *to;
    period(r, s, &from, &to);
    if (strcmp(from, to) > 0)
        return s->fail(r, 400, "起始日期不能晚于截止日期。");
    const char *pre = s->scope_prefix(r);
    if (s->db_query_hdf(r, "ByOrg", REPORT_BY_ORG, "sss", from, to, pre) < 0 ||
        s->db_query_hdf(r, "ByTownship", REPORT_BY_TOWNSHIP, "sss", from, to, pre) < 0)
        return 500;
    s->set(r, "From", from);
    s->set(r, "To", to);
    return s->render(r, "report.cs", "志愿服务统计");
}

int report_csv_get(portal_req *r, const struct portal_services *s)
{
    const char *from, *to;
    period(r, s, &from, &to);
    if (strcmp(from, to) > 0)
        return s->fail(r, 400, "起始日期不能晚于截止日期。");
    const char *pre = s->scope_prefix(r);
    static const char *const heads[] = {"分组", "名称", "服务次数", "服务时长（分钟）",
                                        "服务儿童数", "集体活动参加人次"};
    vol_csv_begin(r, s, s->sprintf(r, "volunteer-%s-%s.csv", from, to), "volunteer.report.export",
                  s->sprintf(r, "from=%s to=%s", from, to), heads, 6);
    struct vol_csv ctx = {r, s, "按组织", 5, 0};
    if (s->db_stream(r, vol_csv_row, &ctx, REPORT_BY_ORG, "sss", from, to, pre) < 0)
        return s->output_sent(r) ? 200 : 500;
    ctx.group = "按乡镇";
    if (s->db_stream(r, vol_csv_row, &ctx, REPORT_BY_TOWNSHIP, "sss", from, to, pre) < 0)
        return s->output_sent(r) ? 200 : 500;
    return 200;
}
