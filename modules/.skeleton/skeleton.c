/*
 * skeleton - 新模块: one paragraph on what the module does and for whom.
 * Made by `make module NAME=skeleton` (README, "Writing a module"): a list,
 * a record's page, its new and edit forms, one action and a CSV export.
 * Replace the items and their fields with the module's own.
 */
#include "portal_module.h"

/* the loader of "item:id" routes: the host checks the division's scope */
static int item_load(portal_req *r, const struct portal_services *s, long long id,
                     struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT division_code FROM skeleton_items WHERE id = ?",
                                 "i", id);
    if (!q || !s->db_next(q))
        return 404;
    o->division = s->db_col(q, 0);
    return 0;
}

/* the domain's checks of the form: Errors.<field>; the amount in fen */
static long long item_check(portal_req *r, const struct portal_services *s)
{
    long long fen = 0;
    if (!*s->trim(r, s->param(r, "title")))
        s->form_error(r, "title", "请填写名称。");
    if (s->yuan_to_fen(s->trim(r, s->param(r, "amount")), 0, &fen) != 0)
        s->form_error(r, "amount", "金额须为元，最多两位小数，例如 120.50。");
    return fen;
}

static int list_get(portal_req *r, const struct portal_services *s)
{
    /* the user's scope (a prefix, or a director's set of villages) */
    const char *sa, *w = s->scope_where(r, "division_code", &sa);
    if (s->db_query_hdf(r, "Items", s->sprintf(r, "SELECT id, title, amount_fen, day, status "
                        "FROM skeleton_items WHERE %s ORDER BY id DESC LIMIT 200", w),
                        "s", sa) < 0)
        return 500;
    return s->render(r, "list.cs", "新模块");
}

static int item_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_row_hdf(r, "Item", "SELECT id, title, amount_fen, day, status, created_at "
                      "FROM skeleton_items WHERE id = ?", "i", s->object(r)->id) != 1)
        return 500;
    s->audit(r, "skeleton.item.read", "skeleton_item", s->sprintf(r, "%lld", s->object(r)->id),
             NULL);
    return s->render(r, "item.cs", "新模块：记录");
}

/* the new form (/skeleton/new) and the edit form (an "item:id" route) */
static int item_form_get(portal_req *r, const struct portal_services *s)
{
    if (!s->object(r)) {
        s->set(r, "Form.day", s->today(r));
        return s->render(r, "item_form.cs", "新模块：新建");
    }
    if (s->db_row_hdf(r, "Form", "SELECT id, title, day, "
                      "CAST(amount_fen / 100 AS DECIMAL(12, 2)) AS amount "
                      "FROM skeleton_items WHERE id = ?", "i", s->object(r)->id) != 1)
        return 500;
    return s->render(r, "item_form.cs", "新模块：修改");
}

static int item_create_post(portal_req *r, const struct portal_services *s)
{
    long long fen = item_check(r, s);
    if (s->form_failed(r))
        return s->render(r, "item_form.cs", "新模块：新建");
    const char *title = s->trim(r, s->param(r, "title"));
    if (s->db_exec(r, "INSERT INTO skeleton_items (title, amount_fen, day, division_code, "
                   "status, created_by, created_at) VALUES (?, ?, ?, ?, 'open', ?, "
                   "UTC_TIMESTAMP())", "siss" "i", title, fen, s->param(r, "day"),
                   s->user(r)->division, s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "skeleton.item.create", "skeleton_item", s->sprintf(r, "%lld", id), title);
    s->flash(r, "已保存。");
    return s->redirect(r, s->sprintf(r, "/skeleton/%lld", id));
}

static int item_update_post(portal_req *r, const struct portal_services *s)
{
    long long fen = item_check(r, s), id = s->object(r)->id;
    if (s->form_failed(r))
        return s->render(r, "item_form.cs", "新模块：修改");
    if (s->db_exec(r, "UPDATE skeleton_items SET title = ?, amount_fen = ?, day = ? "
                   "WHERE id = ? AND status = 'open'", "sisi", s->trim(r, s->param(r, "title")),
                   fen, s->param(r, "day"), id) != 1)
        return s->fail(r, 409, "该记录已关闭，不能修改。");
    s->audit(r, "skeleton.item.update", "skeleton_item", s->sprintf(r, "%lld", id), NULL);
    s->flash(r, "已保存。");
    return s->redirect(r, s->sprintf(r, "/skeleton/%lld", id));
}

/* an action without a workflow: close the record */
static int item_close_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (s->db_exec(r, "UPDATE skeleton_items SET status = 'closed' WHERE id = ? "
                   "AND status = 'open'", "i", id) != 1)
        return s->fail(r, 409, "该记录已关闭。");
    s->audit(r, "skeleton.item.close", "skeleton_item", s->sprintf(r, "%lld", id), NULL);
    s->flash(r, "已关闭。");
    return s->redirect(r, s->sprintf(r, "/skeleton/%lld", id));
}

struct export { portal_req *r; const struct portal_services *s; };

static int export_row(void *ctx, portal_rows *rows)
{
    struct export *e = ctx;
    e->s->csv_cell(e->r, e->s->col(rows, "id"), 0);
    e->s->csv_cell(e->r, e->s->col(rows, "title"), 0);
    e->s->csv_cell(e->r, e->s->col(rows, "amount"), 0);
    e->s->csv_cell(e->r, e->s->col(rows, "day"), 0);
    e->s->csv_cell(e->r, e->s->label(e->r, "skeleton.status", e->s->col(rows, "status")), 1);
    return 0;
}

static int list_export_get(portal_req *r, const struct portal_services *s)
{
    struct export e = {r, s};
    s->header(r, "Content-Type", "text/csv; charset=utf-8");
    s->header(r, "Content-Disposition", "attachment; filename=\"skeleton.csv\"");
    static const char *const head[] = {"编号", "名称", "金额（元）", "日期", "状态"};
    for (int i = 0; i < 5; i++)
        s->csv_cell(r, head[i], i == 4);
    const char *sa, *w = s->scope_where(r, "division_code", &sa);
    long long n = s->db_stream(r, export_row, &e, s->sprintf(r, "SELECT id, title, CAST(amount_fen "
                               "/ 100 AS DECIMAL(12, 2)) AS amount, day, status "
                               "FROM skeleton_items WHERE %s ORDER BY id", w),
                               "s", sa);
    if (n < 0)
        return 500;
    s->audit(r, "skeleton.export", "skeleton_item", NULL, s->sprintf(r, "rows=%lld", n));
    return 200;
}

static const struct portal_param item_params[] = {
    {"title", PP_TEXT, 100, 1, "名称"},
    {"amount", PP_TEXT, 16, 1, "金额"},
    {"day", PP_DATE, 10, 1, "日期"},
    {NULL, 0, 0, 0, NULL}};

#define SC PR_STATE_CHANGING
static const struct portal_route routes[] = {
    {"GET", "/skeleton", list_get, "skeleton.view", 0, NULL, NULL},
    {"GET", "/skeleton/export.csv", list_export_get, "skeleton.view", PR_NO_LAYOUT, NULL, NULL},
    {"GET", "/skeleton/new", item_form_get, "skeleton.edit", 0, NULL, NULL},
    {"POST", "/skeleton/new", item_create_post, "skeleton.edit", SC, item_params, NULL},
    {"GET", "/skeleton/{id:int}", item_get, "skeleton.view", 0, NULL, "item:id"},
    {"GET", "/skeleton/{id:int}/edit", item_form_get, "skeleton.edit", 0, NULL, "item:id"},
    {"POST", "/skeleton/{id:int}/edit", item_update_post, "skeleton.edit", SC, item_params,
     "item:id"},
    {"POST", "/skeleton/{id:int}/close", item_close_post, "skeleton.edit", SC, NULL, "item:id"},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL}};
#undef SC

static const struct portal_loader loaders[] = {
    {"item", "skeleton_item", item_load},
    {NULL, NULL, NULL}};

static const struct portal_label labels[] = {
    {"skeleton.status", "open", "办理中"},
    {"skeleton.status", "closed", "已关闭"},
    {NULL, NULL, NULL}};

static const struct portal_permission perms[] = {
    {"skeleton.view", "新模块：查看"},
    {"skeleton.edit", "新模块：登记和修改"},
    {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"新模块", "/skeleton", "skeleton.view", 500},
    {NULL, NULL, NULL, 0}};

static const struct portal_migration migrations[] = {
    {1, "001_skeleton.sql"},
    {0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "skeleton",
    .title = "新模块",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .loaders = loaders,
    .labels = labels,
};
