/*
 * places.c - /admin/divisions and /admin/orgs: the villages of each
 * township and the organisations users belong to (system.admin).  A
 * division is never deleted (children and users keep pointing at it): it
 * ends.
 */
#include "admin.h"

#include <string.h>

/* townships, each with its villages (codes sort a township before its villages) */
static int divisions_page(portal_req *r, const struct portal_services *s)
{
    static const char *const cols[] = {"code", "level", "name", "type", "valid_from",
                                       "valid_to", "synthetic", "ended", NULL};
    portal_rows *rows = s->db_query(
        r,
        "SELECT code, level, name, type, COALESCE(valid_from, '') AS valid_from, "
        " COALESCE(valid_to, '') AS valid_to, synthetic, "
        " IF(valid_to IS NOT NULL AND valid_to < ?, 1, 0) AS ended "
        "FROM divisions WHERE level IN ('township', 'village') ORDER BY code", "s", s->today(r));
    if (!rows)
        return 500;
    long long t = -1, v = 0;
    while (s->db_next(rows)) {
        if (strcmp(s->db_col(rows, 1), "township") == 0) {
            v = 0;
            put_cols(r, s, s->sprintf(r, "Towns.%lld", ++t), rows, cols);
        } else if (t >= 0) {
            put_cols(r, s, s->sprintf(r, "Towns.%lld.Villages.%lld", t, v++), rows, cols);
        }
    }
    return s->render(r, "division_list.cs", "区划管理");
}

int division_list_get(portal_req *r, const struct portal_services *s)
{
    return divisions_page(r, s);
}

static int is_digits(const char *v, size_t n)
{
    return strlen(v) == n && strspn(v, "0123456789") == n;
}

static void check_division(portal_req *r, const struct portal_services *s, const char *town,
                           const char *code, int *nerr)
{
    portal_rows *t = *town ? s->db_query(r, "SELECT code FROM divisions WHERE code = ? "
                                         "AND level = 'township'", "s", town)
                           : NULL;
    if (!t || !s->db_next(t))
        field_error(r, s, nerr, "township", "请选择所属乡镇（街道）。");
    portal_rows *x;
    if (!is_digits(code, 12))
        field_error(r, s, nerr, "code", "区划代码须为 12 位数字。");
    else if (*town && strncmp(code, town, 9) != 0)
        field_error(r, s, nerr, "code", "村级区划代码的前 9 位须与所属乡镇（街道）的代码一致。");
    else if (strcmp(code + 9, "000") == 0)
        field_error(r, s, nerr, "code", "村级区划代码的后 3 位不能是 000。");
    else if (!(x = s->db_query(r, "SELECT code FROM divisions WHERE code = ?", "s", code)) ||
             s->db_next(x))
        field_error(r, s, nerr, "code", "该区划代码已存在。");
}

int division_create_post(portal_req *r, const struct portal_services *s)
{
    const char *town = arg(r, s, "township"), *code = arg(r, s, "code"),
               *name = arg(r, s, "name"), *type = arg(r, s, "type"),
               *from = arg(r, s, "valid_from");
    int nerr = 0;
    check_division(r, s, town, code, &nerr);
    if (!*name)
        field_error(r, s, &nerr, "name", "请填写名称。");
    if (strcmp(type, "村") != 0 && strcmp(type, "社区") != 0)
        field_error(r, s, &nerr, "type", "请选择类型（村或社区）。");
    if (!*from)
        field_error(r, s, &nerr, "valid_from", "请填写生效日期。");
    if (nerr)
        return 400; /* the host shows the form again: what was typed, each field's error */
    /* a real code from the statistics bureau's list: not synthetic */
    if (s->db_exec(r, "INSERT INTO divisions (code, parent_code, level, name, type, valid_from, "
                   "synthetic, note) VALUES (?, ?, 'village', ?, ?, ?, 0, '')", "sssss", code,
                   town, name, type, from) != 1 || s->divisions_changed(r) != 0)
        return 500;
    s->audit(r, "admin.division.create", "division", code,
             s->sprintf(r, "%s %s, parent %s, valid from %s", name, type, town, from));
    s->flash(r, s->sprintf(r, "已添加%s（%s）。", name, code));
    return s->redirect(r, "/admin/divisions");
}

int division_end_post(portal_req *r, const struct portal_services *s)
{
    const char *code = s->path_arg(r, "code"), *to = arg(r, s, "valid_to");
    if (!code || !is_digits(code, 12))
        return 404;
    portal_rows *d = s->db_query(r, "SELECT level, name, COALESCE(valid_from, ''), valid_to "
                                 "FROM divisions WHERE code = ?", "s", code);
    if (!d)
        return 500;
    if (!s->db_next(d))
        return 404;
    const char *msg = NULL, *name = s->db_col(d, 1);
    if (strcmp(s->db_col(d, 0), "county") == 0)
        msg = "县级区划不能在此终止。";
    else if (s->db_col(d, 3))
        msg = "该区划已设置终止日期。";
    else if (*s->db_col(d, 2) && strcmp(to, s->db_col(d, 2)) < 0)
        msg = "终止日期不能早于生效日期。";
    if (msg)
        return s->fail(r, 400, s->sprintf(r, "%s（%s）：%s", name, code, msg));
    if (s->db_exec(r, "UPDATE divisions SET valid_to = ? WHERE code = ?", "ss", to, code) < 0 ||
        s->divisions_changed(r) != 0)
        return 500;
    s->audit(r, "admin.division.end", "division", code,
             s->sprintf(r, "%s valid to %s", name, to));
    s->flash(r, s->sprintf(r, "%s的有效期已截止到 %s。", name, to));
    return s->redirect(r, "/admin/divisions");
}

static int orgs_page(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "OrgList",
                        "SELECT o.id, o.code, o.name, o.kind, k.title AS kind_title, k.scope, "
                        " o.division_code AS division, COALESCE(d.name, '') AS division_name, "
                        " o.active, (SELECT COUNT(*) FROM users u WHERE u.org_id = o.id AND "
                        " u.active = 1) AS users FROM orgs o JOIN org_kinds k ON k.code = o.kind "
                        "LEFT JOIN divisions d ON d.code = o.division_code "
                        "ORDER BY o.division_code, k.sort, o.name", "") < 0 ||
        /* the core's reference list of kinds (sql/013_org_scopes.sql) */
        s->db_query_hdf(r, "OrgKinds", "SELECT code, title, grp, scope, relation FROM org_kinds "
                        "ORDER BY sort", "") < 0 ||
        s->db_query_hdf(r, "Divisions", "SELECT code, name, level FROM divisions "
                        "WHERE valid_to IS NULL OR valid_to >= ? ORDER BY code", "s",
                        s->today(r)) < 0)
        return 500;
    return s->render(r, "org_list.cs", "单位管理");
}

int org_list_get(portal_req *r, const struct portal_services *s) { return orgs_page(r, s); }

static void check_org(portal_req *r, const struct portal_services *s, const char *code,
                      const char *kind, const char *division, int *nerr)
{
    size_t cl = strlen(code);
    portal_rows *x;
    if (cl < 2 || cl > 32 || strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") != cl)
        field_error(r, s, nerr, "code", "单位代码须为 2–32 个字符，只能包含小写字母、数字和下划线。");
    else if (!(x = s->db_query(r, "SELECT id FROM orgs WHERE code = ?", "s", code)) ||
             s->db_next(x))
        field_error(r, s, nerr, "code", "该单位代码已被使用。");
    portal_rows *k = *kind ? s->db_query(r, "SELECT code FROM org_kinds WHERE code = ?", "s", kind)
                           : NULL;
    if (!k || !s->db_next(k))
        field_error(r, s, nerr, "kind", "请选择单位类别。");
    portal_rows *d = *division ? s->db_query(r, "SELECT code FROM divisions WHERE code = ? AND "
                                             "(valid_to IS NULL OR valid_to >= ?)",
                                             "ss", division, s->today(r))
                               : NULL;
    if (!d || !s->db_next(d))
        field_error(r, s, nerr, "division", "请选择有效的所在区划。");
}

int org_create_post(portal_req *r, const struct portal_services *s)
{
    const char *code = arg(r, s, "code"), *name = arg(r, s, "name"), *kind = arg(r, s, "kind"),
               *division = arg(r, s, "division");
    int nerr = 0;
    check_org(r, s, code, kind, division, &nerr);
    if (!*name)
        field_error(r, s, &nerr, "name", "请填写单位名称。");
    if (nerr)
        return 400; /* the host shows the form again: what was typed, each field's error */
    if (s->db_exec(r, "INSERT INTO orgs (code, name, kind, division_code) VALUES (?, ?, ?, ?)",
                   "ssss", code, name, kind, division) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "admin.org.create", "org", s->sprintf(r, "%lld", id),
             s->sprintf(r, "%s %s (%s) in %s", code, name, kind, division));
    s->flash(r, s->sprintf(r, "已添加单位：%s。", name));
    return s->redirect(r, "/admin/orgs");
}
