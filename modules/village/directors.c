/*
 * directors.c - who covers which village.  The county assigns an account
 * of role village_director to a village (one director may cover several;
 * the account's own jurisdiction must cover the village, so the host's
 * scope checks and the director's pages agree) and ends an assignment
 * (the row stays, end_date set).  The page lists every village in the
 * user's jurisdiction with its directors, the villages with none first.
 */
#include "village.h"

#include <string.h>

int vil_is_director(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(r, "SELECT EXISTS " VIL_MY_VILLAGES, "i", s->user(r)->id);
    if (!q || !s->db_next(q))
        return -1;
    return vil_num(s->db_col(q, 0)) == 1;
}

int vil_covers(portal_req *r, const struct portal_services *s, const char *village)
{
    int d = vil_is_director(r, s);
    if (d <= 0)
        return d == 0;
    portal_rows *q = s->db_query(r, "SELECT 1 FROM village_directors WHERE user_id = ? AND "
                                    "village_code = ? AND end_date IS NULL", "is",
                                 s->user(r)->id, village);
    return q && s->db_next(q);
}

int vil_child_object(portal_req *r, const struct portal_services *s, portal_rows *q,
                     struct portal_object *o)
{
    if (!q || !s->db_next(q) || !vil_covers(r, s, s->db_col(q, 1)))
        return 404;
    o->child_id = vil_num(s->db_col(q, 0));
    o->division = s->db_col(q, 1);
    return 0;
}

const struct portal_param director_params[] = {
    {"username", PP_CODE, 64, 1, "儿童主任账号"},
    {"village", PP_CODE, 12, 1, "村（居）"},
    {"start_date", PP_DATE, 10, 0, "开始日期"},
    {NULL, 0, 0, 0, NULL}};

static int director_page(portal_req *r, const struct portal_services *s, int status)
{
    const char *pre = s->scope_prefix(r);
    if (!pre)
        return s->refuse(r, 403, NULL, NULL, "org-scoped user on the directors page", NULL);
    int n = s->db_query_hdf(
        r, "Villages",
        "SELECT v.code, v.name, v.parent_code AS township, "
        "GROUP_CONCAT(CONCAT(u.display_name, '（', u.username, '）') ORDER BY d.id "
        "SEPARATOR '、') AS directors, COUNT(d.id) AS n, "
        "GROUP_CONCAT(d.id ORDER BY d.id) AS ids "
        "FROM divisions v LEFT JOIN village_directors d ON d.village_code = v.code AND "
        "d.end_date IS NULL LEFT JOIN users u ON u.id = d.user_id "
        "WHERE v.level = 'village' AND v.code LIKE CONCAT(?, '%') AND "
        "(v.valid_to IS NULL OR v.valid_to >= ?) GROUP BY v.code, v.name, v.parent_code "
        "ORDER BY COUNT(d.id) > 0, v.code LIMIT 2000", "ss", pre, s->today(r));
    if (n < 0)
        return 500;
    if (s->db_query_hdf(r, "Assignments",
                        "SELECT d.id, d.village_code, d.start_date, u.username, u.display_name "
                        "FROM village_directors d JOIN users u ON u.id = d.user_id "
                        "WHERE d.end_date IS NULL AND d.village_code LIKE CONCAT(?, '%') "
                        "ORDER BY d.village_code, d.id LIMIT 2000", "s", pre) < 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM divisions v WHERE v.level = 'village' "
                                    "AND v.code LIKE CONCAT(?, '%') AND (v.valid_to IS NULL OR "
                                    "v.valid_to >= ?) AND NOT EXISTS (SELECT 1 FROM "
                                    "village_directors d WHERE d.village_code = v.code AND "
                                    "d.end_date IS NULL)", "ss", pre, s->today(r));
    if (!q || !s->db_next(q))
        return 500;
    int none = (int)vil_num(s->db_col(q, 0));
    s->set_int(r, "NoDirector", none);
    s->set_int(r, "CanAssign", s->has_perm(r, "village.directors"));
    s->render(r, "director_list.cs", "儿童主任配备");
    return status;
}

int director_list_get(portal_req *r, const struct portal_services *s)
{
    return director_page(r, s, 200);
}

/* the account to assign: active, of role village_director, its own
 * jurisdiction covering the village; its id or 0 (form_error said why) */
static long long director_account(portal_req *r, const struct portal_services *s,
                                  const char *username, const char *village)
{
    /* a division's scope is its code without the trailing zeros of its level */
    portal_rows *q = s->db_query(
        r, "SELECT u.id, ? LIKE CONCAT(CASE WHEN RIGHT(u.division_code, 6) = '000000' THEN "
           "LEFT(u.division_code, 6) WHEN RIGHT(u.division_code, 3) = '000' THEN "
           "LEFT(u.division_code, 9) ELSE u.division_code END, '%'), EXISTS (SELECT 1 FROM "
           "user_roles ur JOIN roles ro ON ro.id = ur.role_id WHERE ur.user_id = u.id AND "
           "ro.code = 'village_director') FROM users u WHERE u.username = ? AND u.active = 1",
        "ss", village, username);
    if (!q || !s->db_next(q)) {
        s->form_error(r, "username", "没有这个账号，或账号已停用。");
        return 0;
    }
    if (!vil_num(s->db_col(q, 2))) {
        s->form_error(r, "username", "该账号不是“村（居）儿童主任”角色。");
        return 0;
    }
    if (!vil_num(s->db_col(q, 1))) {
        s->form_error(r, "username", "该账号的辖区不包含这个村，请先调整账号的辖区。");
        return 0;
    }
    return vil_num(s->db_col(q, 0));
}

int director_create_post(portal_req *r, const struct portal_services *s)
{
    const char *village = s->param(r, "village"), *start = s->param(r, "start_date");
    const char *username = s->param(r, "username");
    if (!start || !*start)
        start = s->today(r);
    portal_rows *q = s->db_query(r, "SELECT name FROM divisions WHERE code = ? AND level = "
                                    "'village'", "s", village);
    if (!q || !s->db_next(q) || !s->in_scope(r, village)) {
        s->form_error(r, "village", "请选择本辖区内的村（居）。");
        return director_page(r, s, 400);
    }
    const char *vname = s->db_col(q, 0);
    long long uid = director_account(r, s, username, village);
    if (!uid)
        return director_page(r, s, 400);
    q = s->db_query(r, "SELECT 1 FROM village_directors WHERE user_id = ? AND village_code = ? "
                       "AND end_date IS NULL FOR UPDATE", "is", uid, village);
    if (!q)
        return 500;
    if (s->db_next(q)) {
        s->form_error(r, "username", "该儿童主任已负责这个村。");
        return director_page(r, s, 400);
    }
    if (s->db_exec(r, "INSERT INTO village_directors (user_id, village_code, start_date, "
                      "created_by, created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())", "issi",
                   uid, village, start, s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    /* the director's scope: from their next request, their villages only */
    if (s->scope_grant(r, id, uid, village, start, NULL) != 0) {
        s->form_error(r, "village", s->link_error(r));
        return director_page(r, s, 400);
    }
    s->audit(r, "village.director.assign", "village_director", vil_id(r, s, id),
             s->sprintf(r, "user=%s village=%s from=%s", username, village, start));
    s->flash(r, s->sprintf(r, "已安排 %s 负责%s。", username, vname));
    return s->redirect(r, "/village/directors");
}

int director_end_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->path_int(r, "id");
    portal_rows *q = s->db_query(r, "SELECT village_code, user_id, start_date, "
                                    "GREATEST(start_date, ?) FROM village_directors WHERE id = ? "
                                    "AND end_date IS NULL FOR UPDATE", "si", s->today(r), id);
    if (!q || !s->db_next(q) || !s->in_scope(r, s->db_col(q, 0)))
        return s->not_found(r, "village_director", vil_id(r, s, id));
    /* the village leaves the director's scope today: their next request */
    if (s->db_exec(r, "UPDATE village_directors SET end_date = ? WHERE id = ?", "si",
                   s->today(r), id) != 1 ||
        s->scope_grant(r, id, vil_num(s->db_col(q, 1)), s->db_col(q, 0), s->db_col(q, 2),
                       s->db_col(q, 3)) != 0)
        return 500;
    s->audit(r, "village.director.end", "village_director", vil_id(r, s, id), NULL);
    s->flash(r, "已结束该儿童主任对这个村的负责。");
    return s->redirect(r, "/village/directors");
}
