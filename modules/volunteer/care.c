/*
 * care.c - care offers: families and organisations offering foster care
 * (家庭寄养), entrusted care (委托代养) or caring sponsorship (爱心助养).
 *
 * Staff (volunteer.manage) record an offer for an area within their scope
 * and match it to a child in scope; the match is a volunteer_care_matches
 * row plus a child_events row, so the child's file shows it.  A match ends
 * with a date and a reason (on the timeline too), freeing its place in the
 * offer.  An offer is corrected in place (audited with what it was).  An
 * offer outside the user's scope answers s->not_found.  Everything is
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

static const char *kind_title(const char *k)
{
    if (!k) return NULL;
    if (strcmp(k, "foster") == 0) return "家庭寄养";
    if (strcmp(k, "entrusted") == 0) return "委托代养";
    if (strcmp(k, "sponsor") == 0) return "爱心助养";
    return NULL;
}

static void set_labels(portal_req *r, const struct portal_services *s)
{
    s->set(r, "Lbl.kind.foster", "家庭寄养");
    s->set(r, "Lbl.kind.entrusted", "委托代养");
    s->set(r, "Lbl.kind.sponsor", "爱心助养");
    s->set(r, "Lbl.offerer.family", "家庭");
    s->set(r, "Lbl.offerer.org", "组织");
    s->set(r, "Lbl.status.open", "可匹配");
    s->set(r, "Lbl.status.matched", "已满额");
    s->set(r, "Lbl.status.closed", "已关闭");
}

int care_list_get(portal_req *r, const struct portal_services *s)
{
    const char *pre = s->scope_prefix(r);
    if (s->db_query_hdf(r, "Offers",
                        "SELECT f.id, f.offerer_kind, f.offerer, f.contact_name, f.contact_phone, "
                        "f.kind, d.name AS area, f.capacity, f.status, (SELECT COUNT(*) FROM "
                        "volunteer_care_matches m WHERE m.offer_id = f.id AND m.end_date IS NULL) "
                        "AS matched "
                        "FROM volunteer_care_offers f JOIN divisions d ON d.code = f.area_code "
                        "WHERE f.area_code LIKE CONCAT(?, '%') ORDER BY f.id DESC LIMIT 500",
                        "s", pre) < 0 ||
        s->db_query_hdf(r, "Areas",
                        "SELECT code, name FROM divisions WHERE level IN ('county', 'township') "
                        "AND code LIKE CONCAT(?, '%') AND valid_to IS NULL ORDER BY code",
                        "s", pre) < 0)
        return 500;
    set_labels(r, s);
    return s->render(r, "care_list.cs", "爱心寄养与助养");
}

static int check_offer(portal_req *r, const struct portal_services *s);

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

/* the offer's area, when it exists and is in scope; NULL otherwise */
static const char *offer_area(portal_req *r, const struct portal_services *s, long long id,
                              int for_update)
{
    portal_rows *q = s->db_query(r, for_update ? "SELECT area_code FROM volunteer_care_offers "
                                                 "WHERE id = ? FOR UPDATE"
                                               : "SELECT area_code FROM volunteer_care_offers "
                                                 "WHERE id = ?", "i", id);
    if (!q || !s->db_next(q) || !s->in_scope(r, s->db_col(q, 0)))
        return NULL;
    return s->db_col(q, 0);
}

int care_get(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s);
    const char *sid = s->path_arg(r, "id");
    if (id <= 0 || !offer_area(r, s, id, 0))
        return s->not_found(r, "care_offer", sid);
    if (s->db_query_hdf(r, "Offer",
                        "SELECT f.id, f.offerer_kind, f.offerer, f.contact_name, f.contact_phone, "
                        "f.kind, d.name AS area, f.area_code, f.capacity, f.notes, f.status, "
                        "f.created_at "
                        "FROM volunteer_care_offers f JOIN divisions d ON d.code = f.area_code "
                        "WHERE f.id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Matches",
                        "SELECT m.id, m.child_id, c.name AS child_name, v.name AS village, "
                        "m.start_date, m.notes, m.end_date, m.end_reason FROM "
                        "volunteer_care_matches m JOIN children c ON "
                        "c.id = m.child_id JOIN divisions v ON v.code = c.village_code "
                        /* children outside the viewer's jurisdiction are not shown */
                        "WHERE m.offer_id = ? AND c.village_code LIKE CONCAT(?, '%') "
                        "ORDER BY m.end_date IS NOT NULL, m.id", "is", id, s->scope_prefix(r)) < 0 ||
        s->db_query_hdf(r, "Areas",
                        "SELECT code, name FROM divisions WHERE level IN ('county', 'township') "
                        "AND code LIKE CONCAT(?, '%') AND valid_to IS NULL ORDER BY code",
                        "s", s->scope_prefix(r)) < 0)
        return 500;
    set_labels(r, s);
    s->set(r, "Today", s->today(r));
    s->audit(r, "volunteer.care.view", "care_offer", sid, NULL);
    return s->render(r, "care.cs", "关爱意向");
}

int care_match_post(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s), child = s->param_int(r, "child_id", 0);
    const char *sid = s->path_arg(r, "id"), *notes = s->param(r, "notes");
    const char *start = s->param(r, "start_date");
    if (id <= 0)
        return s->not_found(r, "care_offer", sid);
    if (s->db_begin(r) != 0)
        return 500;
    if (!offer_area(r, s, id, 1)) {
        s->db_rollback(r);
        return s->not_found(r, "care_offer", sid);
    }
    portal_rows *q = s->db_query(r, "SELECT f.status, f.capacity, f.kind, f.offerer, (SELECT "
                                    "COUNT(*) FROM volunteer_care_matches m WHERE m.offer_id = "
                                    "f.id AND m.end_date IS NULL) FROM volunteer_care_offers f "
                                    "WHERE f.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    const char *status = s->db_col(q, 0), *kind = s->db_col(q, 2), *offerer = s->db_col(q, 3);
    long long cap = strtoll(s->db_col(q, 1), NULL, 10), used = strtoll(s->db_col(q, 4), NULL, 10);
    /* the places, not only the status: a full offer may have been reopened */
    if (strcmp(status, "open") != 0 || used >= cap)
        return s->fail(r, 409, "该关爱意向已满额或已关闭，不能再匹配。");
    q = s->db_query(r, "SELECT village_code, name, status FROM children WHERE id = ?", "i", child);
    if (!q)
        return 500;
    if (!s->db_next(q) || !s->in_scope(r, s->db_col(q, 0))) {
        s->db_rollback(r);
        return s->not_found(r, "child", s->sprintf(r, "%lld", child));
    }
    const char *cname = s->db_col(q, 1);
    q = s->db_query(r, "SELECT id FROM volunteer_care_matches WHERE offer_id = ? AND child_id = ? "
                       "AND end_date IS NULL", "ii", id, child);
    if (!q)
        return 500;
    if (s->db_next(q))
        return s->fail(r, 409, "该儿童已与此关爱意向匹配。");
    long long uid = s->user(r)->id;
    if (s->db_exec(r, "INSERT INTO volunteer_care_matches (offer_id, child_id, start_date, notes, "
                      "created_at, created_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
                   "iissi", id, child, start, notes ? notes : "", uid) != 1)
        return 500;
    long long mid = s->db_insert_id(r);
    if (used + 1 >= cap &&
        s->db_exec(r, "UPDATE volunteer_care_offers SET status = 'matched' WHERE id = ?", "i",
                   id) != 1)
        return 500;
    if (s->db_exec(r, "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) "
                      "VALUES (?, UTC_TIMESTAMP(), ?, 'volunteer', 'volunteer.care.match', ?)",
                   "iis", child, uid,
                   s->sprintf(r, "匹配%s：%s（自 %s 起）", kind_title(kind), offerer, start)) != 1)
        return 500;
    s->audit(r, "volunteer.care.match", "child", s->sprintf(r, "%lld", child),
             s->sprintf(r, "offer=%lld match=%lld kind=%s", id, mid, kind));
    s->flash(r, s->sprintf(r, "已为%s匹配该关爱意向。", cname));
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%lld", id));
}

int care_status_post(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s);
    const char *sid = s->path_arg(r, "id"), *st = s->param(r, "status");
    if (id <= 0 || !offer_area(r, s, id, 0))
        return s->not_found(r, "care_offer", sid);
    if (strcmp(st, "closed") != 0 && strcmp(st, "open") != 0)
        return s->fail(r, 400, "状态不正确。");
    /* reopened, an offer whose places are all taken is full, not open */
    if (s->db_begin(r) != 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT IF(? = 'open' AND (SELECT COUNT(*) FROM "
                                    "volunteer_care_matches m WHERE m.offer_id = f.id AND "
                                    "m.end_date IS NULL) >= f.capacity, 'matched', ?) FROM "
                                    "volunteer_care_offers f WHERE f.id = ? FOR UPDATE",
                                 "ssi", st, st, id);
    if (!q || !s->db_next(q))
        return 500;
    st = s->db_col(q, 0);
    if (s->db_exec(r, "UPDATE volunteer_care_offers SET status = ? WHERE id = ?", "si", st, id) < 0)
        return 500;
    s->audit(r, "volunteer.care.status", "care_offer", sid, s->sprintf(r, "status=%s", st));
    s->flash(r, strcmp(st, "closed") == 0  ? "关爱意向已关闭。"
                : strcmp(st, "matched") == 0 ? "关爱意向已重新开放，但名额已满，不能再匹配。"
                                             : "关爱意向已重新开放。");
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%lld", id));
}

/* the offer's fields after a check; 0 ok, else the status already answered */
static int check_offer(portal_req *r, const struct portal_services *s)
{
    const char *okind = s->param(r, "offerer_kind"), *kind = s->param(r, "kind");
    const char *area = s->param(r, "area_code");
    long long cap = s->param_int(r, "capacity", 0);
    if (strcmp(okind, "family") != 0 && strcmp(okind, "org") != 0)
        return s->fail(r, 400, "提供方类型应为家庭或组织。");
    if (!kind_title(kind))
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

int care_edit_post(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s), cap = s->param_int(r, "capacity", 0);
    const char *sid = s->path_arg(r, "id"), *notes = s->param(r, "notes");
    if (id <= 0 || !offer_area(r, s, id, 0))
        return s->not_found(r, "care_offer", sid);
    int st = check_offer(r, s);
    if (st)
        return st;
    if (s->db_begin(r) != 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT f.status, f.offerer, f.kind, f.area_code, f.capacity, "
                                    "(SELECT COUNT(*) FROM volunteer_care_matches m WHERE "
                                    "m.offer_id = f.id AND m.end_date IS NULL) FROM "
                                    "volunteer_care_offers f WHERE f.id = ? FOR UPDATE", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    long long active = strtoll(s->db_col(q, 5), NULL, 10);
    if (cap < active)
        return s->fail(r, 409, s->sprintf(r, "该意向已匹配 %lld 名儿童，可照料人数不能少于此数。",
                                          active));
    const char *was = s->sprintf(r, "offerer=%s kind=%s area=%s capacity=%s", s->db_col(q, 1),
                                 s->db_col(q, 2), s->db_col(q, 3), s->db_col(q, 4));
    /* a closed offer stays closed; otherwise its status follows its places */
    const char *status = strcmp(s->db_col(q, 0), "closed") == 0 ? "closed"
                         : active >= cap                        ? "matched"
                                                                : "open";
    if (s->db_exec(r, "UPDATE volunteer_care_offers SET offerer_kind = ?, offerer = ?, "
                      "contact_name = ?, contact_phone = ?, kind = ?, area_code = ?, capacity = ?, "
                      "notes = ?, status = ? WHERE id = ?",
                   "ssssssissi", s->param(r, "offerer_kind"), s->param(r, "offerer"),
                   s->param(r, "contact_name"), s->param(r, "contact_phone"), s->param(r, "kind"),
                   s->param(r, "area_code"), cap, notes ? notes : "", status, id) < 0)
        return 500;
    s->audit(r, "volunteer.care.edit", "care_offer", sid,
             s->sprintf(r, "was %s; now kind=%s area=%s capacity=%lld", was, s->param(r, "kind"),
                        s->param(r, "area_code"), cap));
    s->flash(r, "关爱意向已修改。");
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%lld", id));
}

int care_match_end_post(portal_req *r, const struct portal_services *s)
{
    long long mid = vol_path_id(r, s);
    const char *sid = s->path_arg(r, "id"), *date = s->param(r, "end_date");
    const char *reason = s->param(r, "reason");
    if (mid <= 0)
        return s->not_found(r, "care_match", sid);
    if (s->db_begin(r) != 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT m.offer_id, m.child_id, m.start_date, m.end_date, "
                                    "c.village_code, f.kind, f.offerer, f.status, f.area_code "
                                    "FROM volunteer_care_matches m JOIN children c ON "
                                    "c.id = m.child_id JOIN volunteer_care_offers f ON "
                                    "f.id = m.offer_id WHERE m.id = ? FOR UPDATE", "i", mid);
    if (!q)
        return 500;
    /* both the child and the offer within the user's jurisdiction */
    if (!s->db_next(q) || !s->in_scope(r, s->db_col(q, 4)) || !s->in_scope(r, s->db_col(q, 8))) {
        s->db_rollback(r);
        return s->not_found(r, "care_match", sid);
    }
    long long offer = strtoll(s->db_col(q, 0), NULL, 10), child = strtoll(s->db_col(q, 1), NULL, 10);
    if (s->db_col(q, 3))
        return s->fail(r, 409, "该匹配已经结束。");
    if (strcmp(date, s->db_col(q, 2)) < 0)
        return s->fail(r, 400, "结束日期不能早于开始日期。");
    const char *kind = s->db_col(q, 5), *offerer = s->db_col(q, 6);
    long long uid = s->user(r)->id;
    if (s->db_exec(r, "UPDATE volunteer_care_matches SET end_date = ?, end_reason = ?, "
                      "ended_by = ? WHERE id = ?", "ssii", date, reason, uid, mid) != 1 ||
        /* a full offer has a place again */
        (strcmp(s->db_col(q, 7), "matched") == 0 &&
         s->db_exec(r, "UPDATE volunteer_care_offers SET status = 'open' WHERE id = ?", "i",
                    offer) != 1) ||
        s->db_exec(r, "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) "
                      "VALUES (?, UTC_TIMESTAMP(), ?, 'volunteer', 'volunteer.care.end', ?)",
                   "iis", child, uid,
                   s->sprintf(r, "结束%s：%s（%s 结束，原因：%s）", kind_title(kind), offerer, date,
                              reason)) != 1)
        return 500;
    s->audit(r, "volunteer.care.end", "child", s->sprintf(r, "%lld", child),
             s->sprintf(r, "offer=%lld match=%lld end=%s reason=%s", offer, mid, date, reason));
    s->flash(r, "匹配已结束。");
    return s->redirect(r, s->sprintf(r, "/volunteer/care/%lld", offer));
}
