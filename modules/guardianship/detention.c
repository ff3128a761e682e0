/*
 * detention.c - parents detained (issue 13 item 3).  A police station
 * records the detention (administrative or criminal, its dates) of a parent
 * whose child is left without care: the child as the police know it
 * (encrypted) and where the child lives.  The township's protection staff
 * get an urgent task at once (the safety hours) and the institution named a
 * notice; the township links the child's file and records the temporary
 * care; the case closes when the parent is released or another guardian is
 * found.  Seen by the station that recorded it and the protection staff
 * whose jurisdiction covers it; every read audited.
 */
#include "guardianship.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param gd_detention_params[] = {
    {"child_desc", PP_LINES, 1000, 0, "儿童姓名与情况"}, {"place", PP_CODE, 12, 0, "儿童住所"},
    {"parent_name", PP_TEXT, 64, 0, "被羁押的父母"}, {"kind", PP_CODE, 16, 0, "羁押类型"},
    {"start_date", PP_DATE, 0, 0, "羁押开始"}, {"expected_end", PP_DATE, 0, 0, "预计结束"},
    {"institution", PP_INT, 0, 0, "通知机构"}, {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_det_care_params[] = {
    {"child", PP_INT, 0, 0, "儿童档案编号"}, {"care", PP_LINES, 1000, 1, "临时照料安排"},
    {NULL, 0, 0, 0, NULL}};
const struct portal_param gd_det_close_params[] = {
    {"end_reason", PP_CODE, 16, 1, "结束原因"}, {"end_date", PP_DATE, 0, 1, "结束日期"},
    {NULL, 0, 0, 0, NULL}};

/* the "detention:id" loader: the station that recorded it, or protection
 * staff whose jurisdiction covers the child's village (or the place) */
int gd_detention_load(portal_req *r, const struct portal_services *s, long long id,
                          struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT d.police_org_id, COALESCE(c.village_code, "
                                 "d.division_code), d.child_id, d.institution_org_id FROM "
                                 "gd_detentions d LEFT JOIN children c ON c.id = d.child_id "
                                 "WHERE d.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    /* the institution told to take the child in (o->data 3) */
    const char *inst = s->db_col(q, 3);
    if (inst && s->has_perm(r, "guardianship.receive") && atoll(inst) == s->user(r)->org_id &&
        gd_police_or_staff(r, s, s->db_col(q, 0), s->db_col(q, 1), o) == 404) {
        int *who = s->alloc(r, sizeof *who);
        *who = 3;
        o->data = who;
        return 0;
    }
    return gd_police_or_staff(r, s, s->db_col(q, 0), s->db_col(q, 1), o);
}

int detention_list_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    const char *sa, *w = s->scope_where(r, "COALESCE(c.village_code, d.division_code)", &sa);
    if (s->db_query_hdf(r, "Detentions", s->sprintf(r, "SELECT d.id, d.division_code, d.parent_name, d.kind, "
                        "d.start_date, d.status, d.child_id, c.name AS child_name FROM "
                        "gd_detentions d LEFT JOIN children c ON c.id = d.child_id WHERE "
                        "(? = 1 AND d.police_org_id = ?) OR (? = 1 AND %s) "
                        "ORDER BY d.id DESC LIMIT 500", w),
                        "iiis", (long long)gd_is_police(r, s), u->org_id,
                        (long long)s->has_perm(r, "guardianship.handle"), sa) < 0 ||
        (gd_is_police(r, s) && (gd_places_hdf(r, s) < 0 || gd_institutions_hdf(r, s) < 0)))
        return 500;
    s->set_int(r, "IsPolice", gd_is_police(r, s));
    s->audit(r, "guardianship.detention.list", NULL, NULL, NULL);
    return s->render(r, "detention_list.cs", "父母被羁押儿童");
}

static const char *det_refused(portal_req *r, const struct portal_services *s)
{
    const char *k = s->param(r, "kind");
    if (!*s->trim(r, s->param(r, "child_desc")))
        return "请填写儿童姓名与情况。";
    if (!*s->trim(r, s->param(r, "parent_name")))
        return "请填写被羁押的父（母）姓名。";
    if (!k || (strcmp(k, "administrative") != 0 && strcmp(k, "criminal") != 0))
        return "请选择行政拘留或刑事羁押。";
    if (!s->param(r, "start_date"))
        return "请填写羁押开始日期。";
    portal_rows *q = s->db_query(r, "SELECT 1 FROM divisions WHERE code = ? AND level IN "
                                 "('township', 'village')", "s", s->param(r, "place"));
    return q && s->db_next(q) ? NULL : "请选择儿童住所所在的乡镇或村。";
}

/* the township's task and the institution's notice; 0 or -1 */
static int det_alert(portal_req *r, const struct portal_services *s, long long id,
                     const char *place, long long inst)
{
    const char *did = gd_id(r, s, id), *link = s->sprintf(r, "/guardianship/detentions/%s", did);
    struct portal_task t = {.kind = "detention.care", .link = link,
                            .title = s->sprintf(r, "父母被羁押：儿童临时照料（第 %s 号）", did),
                            .object_type = "gd_detention", .object_id = did, .division = place,
                            .level = "township", .permission = "guardianship.handle",
                            .hours = gd_hours(r, s, "safety_hours", 0)};
    long long tid = s->task_open(r, &t);
    if (tid < 0 || s->db_exec(r, "UPDATE gd_detentions SET task_id = ? WHERE id = ?", "ii", tid,
                              id) != 1)
        return -1;
    if (!inst)
        return 0;
    /* the institution's own task: its staff see it in their inbox */
    struct portal_task it = t;
    it.kind = "detention.receive";
    it.title = s->sprintf(r, "父母被羁押：请接收儿童临时照料（第 %s 号）", did);
    it.org_id = inst;
    it.permission = "guardianship.receive";
    long long iid = s->task_open(r, &it);
    struct portal_notice n = {.org_id = inst, .kind = "detention.care",
                              .title = "父母被羁押儿童需临时照料，请配合乡镇接收", .link = link,
                              .object_type = "gd_detention", .object_id = did};
    if (iid < 0 || s->db_exec(r, "UPDATE gd_detentions SET receive_task_id = ? WHERE id = ?",
                              "ii", iid, id) != 1)
        return -1;
    return s->notice_send(r, &n) < 0 ? -1 : 0;
}

int detention_create_post(portal_req *r, const struct portal_services *s)
{
    if (!gd_is_police(r, s))
        return s->refuse(r, 403, "page", "guardianship.detention", "not a police station", NULL);
    const char *why = det_refused(r, s);
    if (why)
        return s->fail(r, 400, why);
    size_t len = 0;
    const void *enc = s->encrypt(r, s->trim(r, s->param(r, "child_desc")), &len);
    long long inst = s->param_int(r, "institution", 0);
    if (!enc || s->db_exec(r, "INSERT INTO gd_detentions (division_code, child_desc_enc, "
                           "parent_name, kind, start_date, expected_end, police_org_id, "
                           "institution_org_id, created_at, created_by) SELECT ?, ?, ?, ?, ?, "
                           "?, ?, (SELECT id FROM orgs WHERE id = ? AND kind IN ('welfare', "
                           "'institution')), UTC_TIMESTAMP(), ?", "sbssssiii",
                           s->param(r, "place"), enc, len,
                           s->trim(r, s->param(r, "parent_name")), s->param(r, "kind"),
                           s->param(r, "start_date"), s->param(r, "expected_end"),
                           s->user(r)->org_id, inst, s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    if (det_alert(r, s, id, s->param(r, "place"), inst) != 0)
        return s->fail(r, 400, s->sprintf(r, "无法通知乡镇：%s", s->task_error(r)));
    s->audit(r, "guardianship.detention.create", "gd_detention", gd_id(r, s, id),
             s->param(r, "kind"));
    s->flash(r, "已登记，乡镇未成年人保护工作人员已收到紧急任务。");
    return s->redirect(r, s->sprintf(r, "/guardianship/detentions/%lld", id));
}

int detention_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    portal_rows *q = s->db_query(r, "SELECT d.*, c.name AS child_name, p.name AS police_name, "
                                 "i.name AS institution_name FROM gd_detentions d LEFT JOIN "
                                 "children c ON c.id = d.child_id JOIN orgs p ON p.id = "
                                 "d.police_org_id LEFT JOIN orgs i ON i.id = "
                                 "d.institution_org_id WHERE d.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    s->put_row(r, "Det", q);
    s->set(r, "Det.child_desc", gd_dec(r, s, q, "child_desc_enc"));
    s->set(r, "Det.care", gd_dec(r, s, q, "care_enc"));
    s->set_int(r, "IsPolice", *(int *)s->object(r)->data == 1);
    s->set_int(r, "Who", *(int *)s->object(r)->data);
    s->audit(r, "guardianship.detention.read", "gd_detention", gd_id(r, s, id), NULL);
    return s->render(r, "detention.cs", s->sprintf(r, "父母被羁押儿童第 %lld 号", id));
}

/* closes the detention's open task of task_col (task_id: the township's,
 * receive_task_id: the institution's) while `pending` holds; 0, or the
 * status answered (409 with done_msg when it no longer holds) */
static int det_task_close(portal_req *r, const struct portal_services *s, long long id,
                          const char *task_col, const char *pending, const char *done_msg,
                          const char *outcome)
{
    portal_rows *q = s->db_query(r, s->sprintf(r, "SELECT t.id FROM gd_detentions d LEFT JOIN "
                                               "urgent_tasks t ON t.id = d.%s AND t.status = "
                                               "'open' WHERE d.id = ? AND %s FOR UPDATE",
                                               task_col, pending), "i", id);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->fail(r, 409, done_msg);
    const char *tid = s->db_col(q, 0);
    return tid && s->task_close(r, atoll(tid), outcome) != 0 ? s->fail(r, 409, s->task_error(r))
                                                             : 0;
}

int detention_care_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, cid = s->param_int(r, "child", 0);
    if (*(int *)s->object(r)->data != 2)
        return s->refuse(r, 403, "gd_detention", gd_id(r, s, id), "care: not protection staff",
                         NULL);
    const struct portal_child *c = cid ? s->child(r, cid) : NULL;
    if (cid && !c)
        return 404;
    size_t len = 0;
    const void *enc = s->encrypt(r, s->trim(r, s->param(r, "care")), &len);
    if (!enc)
        return 500;
    int st = det_task_close(r, s, id, "task_id", "d.status = 'open'", "该记录已结束。",
                            "已安排临时照料");
    if (st)
        return st;
    if (s->db_exec(r, "UPDATE gd_detentions SET care_enc = ?, care_at = UTC_TIMESTAMP(), "
                   "child_id = COALESCE(?, child_id) WHERE id = ?", "bsi", enc, len,
                   c ? gd_id(r, s, c->id) : NULL, id) != 1 ||
        (c && s->child_event(r, c->id, "detention.care", "父母被羁押，已安排临时照料") != 0))
        return 500;
    s->audit(r, "guardianship.detention.care", "gd_detention", gd_id(r, s, id), NULL);
    s->flash(r, "已登记临时照料。");
    return s->redirect(r, s->sprintf(r, "/guardianship/detentions/%lld", id));
}

int detention_close_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (*(int *)s->object(r)->data == 3)
        return s->refuse(r, 403, "gd_detention", gd_id(r, s, id), "close: the institution",
                         NULL);
    const char *why = s->param(r, "end_reason");
    if (!why || (strcmp(why, "released") != 0 && strcmp(why, "guardian_found") != 0 &&
                 strcmp(why, "other") != 0))
        return s->fail(r, 400, "请选择结束原因：父母释放或已有其他监护人。");
    if (s->db_exec(r, "UPDATE gd_detentions SET status = 'closed', end_date = ?, end_reason = ? "
                   "WHERE id = ? AND status = 'open' AND care_at IS NOT NULL", "ssi",
                   s->param(r, "end_date"), why, id) != 1)
        return s->fail(r, 409, "尚未登记临时照料，或已结束。");
    s->audit(r, "guardianship.detention.close", "gd_detention", gd_id(r, s, id), why);
    s->flash(r, "已结束。");
    return s->redirect(r, s->sprintf(r, "/guardianship/detentions/%lld", id));
}

/* the institution took the child in: its task closes */
int detention_receive_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (*(int *)s->object(r)->data != 3)
        return s->refuse(r, 403, "gd_detention", gd_id(r, s, id), "receive: not the institution",
                         NULL);
    int st = det_task_close(r, s, id, "receive_task_id", "d.received_at IS NULL", "已登记接收。",
                            "机构已接收儿童");
    if (st)
        return st;
    if (s->db_exec(r, "UPDATE gd_detentions SET received_at = UTC_TIMESTAMP(), received_by = ? "
                   "WHERE id = ?", "ii", s->user(r)->id, id) != 1)
        return 500;
    s->audit(r, "guardianship.detention.receive", "gd_detention", gd_id(r, s, id), NULL);
    s->flash(r, "已登记接收。");
    return s->redirect(r, s->sprintf(r, "/guardianship/detentions/%lld", id));
}
