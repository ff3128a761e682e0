/*
 * lookups.c - a module's lookups on its settings page: a new entry from a
 * date, an entry retired from a date (the entries in force, waiting and
 * retired are shown by values.c's module_page).  Entries are never deleted nor edited: a change is a retired
 * entry and a new one with another code.
 */
#include "settings.h"

#include <string.h>

static const struct portal_lookup *lookup_of(const struct portal_module *m, const char *kind)
{
    for (const struct portal_lookup *l = m->lookups; l && l->kind; l++)
        if (kind && strcmp(l->kind, kind) == 0)
            return l;
    return NULL;
}

static int code_ok(const char *c)
{
    size_t n = strlen(c);
    return n >= 1 && n <= 32 &&
           strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.") == n;
}

/* the posted cells c1..cN of l's columns; Errors when the name is missing */
static void cells_check(portal_req *r, const struct portal_services *s,
                        const struct portal_lookup *l, const char **cells)
{
    int c = 0;
    for (const struct portal_lookup_col *col = l->cols; col->code; col++, c++) {
        const char *v = s->trim(r, s->param(r, s->sprintf(r, "c%d", c + 1)));
        cells[c] = *v ? v : NULL;
    }
    if (!cells[0])
        s->form_error(r, "c1", s->sprintf(r, "请填写%s。", l->cols[0].label));
}

int lookup_add_post(portal_req *r, const struct portal_services *s)
{
    int status = 0;
    const struct portal_module *m = module_of_path(r, s, &status);
    if (!m)
        return status;
    const struct portal_lookup *l = lookup_of(m, s->param(r, "kind"));
    const char *code = s->trim(r, s->param(r, "code")), *from = s->param(r, "valid_from");
    const char *cells[PORTAL_LOOKUP_COLS] = {NULL};
    if (!l)
        return s->fail(r, 400, "没有这个目录。");
    if (!code_ok(code))
        s->form_error(r, "code", "编码须为 1 到 32 个字母、数字、下划线、横线或点。");
    cells_check(r, s, l, cells);
    portal_rows *q = s->form_failed(r) ? NULL
                     : s->db_query(r, "SELECT 1 FROM lookup_entries WHERE module = ? AND "
                                   "kind = ? AND code = ?", "sss", m->name, l->kind, code);
    if (q && s->db_next(q))
        s->form_error(r, "code", "该编码已经用过（停用的条目也保留编码），请换一个。");
    if (s->form_failed(r))
        return 400; /* the host shows the form again: what was typed, each field's error */
    if (s->db_exec(r, "INSERT INTO lookup_entries (module, kind, code, c1, c2, c3, c4, c5, c6, "
                   "valid_from, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "UTC_TIMESTAMP())", "ssssssssssi", m->name, l->kind, code, cells[0],
                   cells[1], cells[2], cells[3], cells[4], cells[5], from, s->user(r)->id) < 0)
        return 500;
    const char *id = s->sprintf(r, "%lld", s->db_insert_id(r));
    s->audit(r, "settings.lookup.add", "lookup_entry", id,
             s->sprintf(r, "%s.%s code=%s valid_from=%s", m->name, l->kind, code, from));
    s->flash(r, s->sprintf(r, "已添加到“%s”：%s", l->title, cells[0]));
    return s->redirect(r, s->sprintf(r, "/admin/settings/%s", m->name));
}

int lookup_retire_post(portal_req *r, const struct portal_services *s)
{
    int status = 0;
    const struct portal_module *m = module_of_path(r, s, &status);
    if (!m)
        return status;
    long long id = s->path_int(r, "id");
    const char *to = s->param(r, "valid_to");
    portal_rows *q = s->db_query(r, "SELECT valid_from, valid_to, c1 FROM lookup_entries "
                                 "WHERE id = ? AND module = ?", "is", id, m->name);
    if (!q || !s->db_next(q))
        return q ? s->not_found(r, "lookup_entry", s->sprintf(r, "%lld", id)) : 500;
    if (s->db_col(q, 1))
        return s->fail(r, 400, "该条目已经停用。");
    if (strcmp(to, s->db_col(q, 0)) <= 0)
        return s->fail(r, 400, "停用日期须晚于该条目的生效日期。");
    if (s->db_exec(r, "UPDATE lookup_entries SET valid_to = ?, retired_by = ? WHERE id = ? AND "
                   "valid_to IS NULL", "sii", to, s->user(r)->id, id) != 1)
        return 500;
    s->audit(r, "settings.lookup.retire", "lookup_entry", s->sprintf(r, "%lld", id),
             s->sprintf(r, "valid_to=%s", to));
    s->flash(r, s->sprintf(r, "已停用：%s（自 %s 起）", s->db_col(q, 2), to));
    return s->redirect(r, s->sprintf(r, "/admin/settings/%s", m->name));
}
