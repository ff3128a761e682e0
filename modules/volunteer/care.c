/*
 * care.c - care offers: families and organisations offering foster care
 * (家庭寄养), entrusted care (委托代养) or caring sponsorship (爱心助养).
 *
 * Staff (volunteer.manage) record an offer for an area within their scope
 * and match it to a child in scope; the match is a volunteer_care_matches
 * row plus a timeline event (child_event), so the child's file shows it.  A match ends
 * with a date and a reason (on the timeline too), freeing its place in the
 * offer.  An offer is corrected in place (audited with what it was).  An
 * offer outside the user's scope is an audited 404 (objects.c).  Everything is
 * audited.
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param care_params[] = {
    {"offerer_kind", PP_CODE, 8, 1, "提供方类型"},
    {"offerer", PP_TEXT, 100, 1, "提供方"},
    {"contact_name", PP_TEXT, 64, 1, "联系人"},
    {"contact_phone", PP_CODE, 32, 1, "联系电话"},
    {"kind", PP_CODE, 16, 1, "关爱方式"},
    {"area_code", PP_CODE, 12, 1, "服务区域"},
    {"capacity", PP_INT, 3, 1, "可照料人数"},
    {"notes", PP_LINES, 1000, 0, "备注"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param match_params[] = {
    {"child_id", PP_INT, 20, 1, "儿童编号"},
    {"start_date", PP_DATE, 10, 1, "开始日期"},
    {"notes", PP_TEXT, 500, 0, "备注"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param match_end_params[] = {
    {"end_date", PP_DATE, 10, 1, "结束日期"},
    {"reason", PP_TEXT, 200, 1, "结束原因"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param care_status_params[] = {
    {"status", PP_CODE, 16, 1, "状态"},
    {NULL, 0, 0, 0, NULL}};

static const char *kind_title(portal_req *r, const struct portal_services *s, const char *k)
{
    return s->label(r, "volunteer.care_kind", k);
}

/* the areas an offer may be for: the county and the townships in scope */
static int areas_hdf(portal_req *r, const struct portal_services *s)
{
    return s->db_query_hdf(r, "Areas",
                           "SELECT code, name FROM divisions WHERE level IN ('county', "
                           "'township') AND code LIKE CONCAT(?, '%') AND valid_to IS NULL "
                           "ORDER BY code", "s", s->scope_prefix(r));
}

int care_list_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Offers",
                        "SELECT f.id, f.offerer_kind, f.offerer, f.contact_name, f.contact_phone, "
                        "f.kind, d.name AS area, f.capacity, f.status, (SELECT COUNT(*) FROM "
                        "volunteer_care_matches m WHERE m.offer_id = f.id AND m.end_date IS NULL) "
                        "AS matched "
                        "FROM volunteer_care_offers f JOIN divisions d ON d.code = f.area_code "
                        "WHERE f.area_code LIKE CONCAT(?, '%') ORDER BY f.id DESC LIMIT 500",
                        "s", s->scope_prefix(r)) < 0 ||
        areas_hdf(r, s) < 0)
        return 500;
    return s->render(r, "care_list.cs", "爱心寄养与助养");
}

/* the offer's fields after a check; 0 ok, else the status already answered */
static int check_offer(portal_req *r, const struct portal_services *s)
{
    const char *area = s->param(r, "area_code");
    long long cap = s->param_int(r, "capacity", 0);
    if (!vol_is_label("volunteer.offerer", s->param(r, "offerer_kind")))
        return s->fail(r, 400, "提供方类型应为家庭或组织。");
    if (!vol_is_label("volunteer.care_kind", s->param(r, "kind")))
        return s->fail(r, 400, "关爱方式应为家庭寄养、委托代养或爱心助养。");
    if (cap < 1 || cap > 100)
        return s->fail(r, 400, "可照料人数应为 1 到 100。");
    portal_rows *q = s->db_query(r, "SELECT code FROM divisions WHERE code = ?", "s", area);
    if (!q)
        return 500;
    if (!s->db_next(q) || !s->in_scope(r, area))
        return s->fail(r, 400, "服务区域不在您的管辖范围内。");
    return 0;
}

int care_create_post(portal_req *r, const struct portal_services *s)
{
    const char *okind = s->param(r, "offerer_kind"), *kind = s->param(r, "kind");
    const char *area = s->param(r, "area_code"), *notes = s->param(r, "notes");
    long long cap = s->param_int(r, "capacity", 0);
    int st = check_offer(r, s);
    if (st)
        return st;
    if (s->db_exec(r, "INSERT INTO volunteer_care_offers (offerer_kind, offerer, contact_name, "
                      "contact_phone, kind, area_code, capacity, notes, status, created_at, "
                      "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', UTC_TIMESTAMP(), ?)",
                   "ssssssisi", okind, s->param(r, "offerer"), s->param(r, "contact_name"),
                   s->param(r, "contact_phone"), kind, area, cap, notes ? notes : "",
                   s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "volunteer.care.add", "care_offer", s->sprintf(r, "%lld", id),
             s->sprintf(r, "kind=%s area=%s capacity=%lld", kind, area, cap));
    s->flash(r, "关爱意向已登记。");
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%lld", id));
}

int care_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    const char *sa, *w = s->scope_where(r, "c.village_code", &sa);
    if (s->db_row_hdf(r, "Offer",
                      "SELECT f.id, f.offerer_kind, f.offerer, f.contact_name, f.contact_phone, "
                      "f.kind, d.name AS area, f.area_code, f.capacity, f.notes, f.status, "
                      "f.created_at "
                      "FROM volunteer_care_offers f JOIN divisions d ON d.code = f.area_code "
                      "WHERE f.id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Matches", s->sprintf(r,
                        "SELECT m.id, m.child_id, c.name AS child_name, v.name AS village, "
                        "m.start_date, m.notes, m.end_date, m.end_reason FROM "
                        "volunteer_care_matches m JOIN children c ON "
                        "c.id = m.child_id JOIN divisions v ON v.code = c.village_code "
                        /* children outside the viewer's jurisdiction are not shown */
                        "WHERE m.offer_id = ? AND %s "
                        "ORDER BY m.end_date IS NOT NULL, m.id", w), "is", id, sa) < 0 ||
        areas_hdf(r, s) < 0)
        return 500;
    s->set(r, "Today", s->today(r));
    s->audit(r, "volunteer.care.view", "care_offer", s->sprintf(r, "%lld", id), NULL);
    return s->render(r, "care.cs", "关爱意向");
}

int care_match_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *f = o->data;
    const char *notes = s->param(r, "notes"), *start = s->param(r, "start_date");
    const char *kind = s->col(f, "kind"), *offerer = s->col(f, "offerer");
    long long cap = vol_num(s->col(f, "capacity"));
    long long used = vol_num(s->col(f, "active"));
    /* the places, not only the status: a full offer may have been reopened */
    if (strcmp(s->col(f, "status"), "open") != 0 || used >= cap)
        return s->fail(r, 409, "该关爱意向已满额或已关闭，不能再匹配。");
    const struct portal_child *c = s->child(r, s->param_int(r, "child_id", 0));
    if (!c)
        return 404;
    portal_rows *q = s->db_query(r, "SELECT id FROM volunteer_care_matches WHERE offer_id = ? AND "
                                    "child_id = ? AND end_date IS NULL", "ii", o->id, c->id);
    if (!q)
        return 500;
    if (s->db_next(q))
        return s->fail(r, 409, "该儿童已与此关爱意向匹配。");
    if (s->db_exec(r, "INSERT INTO volunteer_care_matches (offer_id, child_id, start_date, notes, "
                      "created_at, created_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
                   "iissi", o->id, c->id, start, notes ? notes : "", s->user(r)->id) != 1)
        return 500;
    long long mid = s->db_insert_id(r);
    if ((used + 1 >= cap &&
         s->db_exec(r, "UPDATE volunteer_care_offers SET status = 'matched' WHERE id = ?", "i",
                    o->id) != 1) ||
        s->child_event(r, c->id, "volunteer.care.match",
                       s->sprintf(r, "匹配%s：%s（自 %s 起）", kind_title(r, s, kind), offerer,
                                  start)) != 0)
        return 500;
    s->audit(r, "volunteer.care.match", "child", s->sprintf(r, "%lld", c->id),
             s->sprintf(r, "offer=%lld match=%lld kind=%s", o->id, mid, kind));
    s->flash(r, s->sprintf(r, "已为%s匹配该关爱意向。", c->name));
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%lld", o->id));
}

int care_status_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *f = o->data;
    const char *st = s->param(r, "status");
    if (strcmp(st, "closed") != 0 && strcmp(st, "open") != 0)
        return s->fail(r, 400, "状态不正确。");
    /* reopened, an offer whose places are all taken is full, not open */
    if (strcmp(st, "open") == 0 &&
        vol_num(s->col(f, "active")) >= vol_num(s->col(f, "capacity")))
        st = "matched";
    if (s->db_exec(r, "UPDATE volunteer_care_offers SET status = ? WHERE id = ?", "si", st,
                   o->id) < 0)
        return 500;
    s->audit(r, "volunteer.care.status", "care_offer", s->sprintf(r, "%lld", o->id),
             s->sprintf(r, "status=%s", st));
    s->flash(r, strcmp(st, "closed") == 0  ? "关爱意向已关闭。"
                : strcmp(st, "matched") == 0 ? "关爱意向已重新开放，但名额已满，不能再匹配。"
                                             : "关爱意向已重新开放。");
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%lld", o->id));
}

int care_edit_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *f = o->data;
    long long cap = s->param_int(r, "capacity", 0);
    const char *notes = s->param(r, "notes");
    int st = check_offer(r, s);
    if (st)
        return st;
    long long active = vol_num(s->col(f, "active"));
    if (cap < active)
        return s->fail(r, 409, s->sprintf(r, "该意向已匹配 %lld 名儿童，可照料人数不能少于此数。",
                                          active));
    const char *was = s->sprintf(r, "offerer=%s kind=%s area=%s capacity=%s", s->col(f, "offerer"),
                                 s->col(f, "kind"), s->col(f, "area_code"), s->col(f, "capacity"));
    /* a closed offer stays closed; otherwise its status follows its places */
    const char *status = strcmp(s->col(f, "status"), "closed") == 0 ? "closed"
                         : active >= cap                            ? "matched"
                                                                    : "open";
    if (s->db_exec(r, "UPDATE volunteer_care_offers SET offerer_kind = ?, offerer = ?, "
                      "contact_name = ?, contact_phone = ?, kind = ?, area_code = ?, capacity = ?, "
                      "notes = ?, status = ? WHERE id = ?",
                   "ssssssissi", s->param(r, "offerer_kind"), s->param(r, "offerer"),
                   s->param(r, "contact_name"), s->param(r, "contact_phone"), s->param(r, "kind"),
                   s->param(r, "area_code"), cap, notes ? notes : "", status, o->id) < 0)
        return 500;
    s->audit(r, "volunteer.care.edit", "care_offer", s->sprintf(r, "%lld", o->id),
             s->sprintf(r, "was %s; now kind=%s area=%s capacity=%lld", was, s->param(r, "kind"),
                        s->param(r, "area_code"), cap));
    s->flash(r, "关爱意向已修改。");
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%lld", o->id));
}

int care_match_end_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *m = o->data;
    const char *date = s->param(r, "end_date"), *reason = s->param(r, "reason");
    const char *offer = s->col(m, "offer_id");
    if (s->col(m, "end_date"))
        return s->fail(r, 409, "该匹配已经结束。");
    if (strcmp(date, s->col(m, "start_date")) < 0)
        return s->fail(r, 400, "结束日期不能早于开始日期。");
    if (s->db_exec(r, "UPDATE volunteer_care_matches SET end_date = ?, end_reason = ?, "
                      "ended_by = ? WHERE id = ?", "ssii", date, reason, s->user(r)->id,
                   o->id) != 1 ||
        /* a full offer has a place again */
        (strcmp(s->col(m, "status"), "matched") == 0 &&
         s->db_exec(r, "UPDATE volunteer_care_offers SET status = 'open' WHERE id = ?", "s",
                    offer) != 1) ||
        s->child_event(r, o->child_id, "volunteer.care.end",
                       s->sprintf(r, "结束%s：%s（%s 结束，原因：%s）",
                                  kind_title(r, s, s->col(m, "kind")), s->col(m, "offerer"), date,
                                  reason)) != 0)
        return 500;
    s->audit(r, "volunteer.care.end", "child", s->sprintf(r, "%lld", o->child_id),
             s->sprintf(r, "offer=%s match=%lld end=%s reason=%s", offer, o->id, date, reason));
    s->flash(r, "匹配已结束。");
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%s", offer));
}
