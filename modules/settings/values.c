/*
 * values.c - /admin/settings/<module>: the module's settings (the value in
 * force today, the history, a new value from a date), then its lookups and
 * the working permissions its administrator granted.
 */
#include "settings.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {"", "金额（元）", "比例（%）", "天数", "整数", "文字"};

/* a stored value as the administrator reads it: yuan, a percentage... */
static const char *shown(portal_req *r, const struct portal_services *s, int type,
                         const char *v)
{
    if (!v)
        return "";
    if (type == PS_MONEY)
        return s->fen_to_yuan(r, atoll(v));
    if (type == PS_RATIO) {
        long long bp = atoll(v);
        return s->sprintf(r, "%lld.%02lld", bp / 100, bp % 100);
    }
    return v;
}

static const struct portal_setting *setting_of(const struct portal_module *m, const char *code)
{
    for (const struct portal_setting *st = m->settings; st && st->code; st++)
        if (code && strcmp(st->code, code) == 0)
            return st;
    return NULL;
}

/* one setting's history, newest first, each marked as in force, waiting or past */
static int history_hdf(portal_req *r, const struct portal_services *s,
                       const struct portal_module *m, const struct portal_setting *st,
                       const char *prefix)
{
    portal_rows *q = s->db_query(r, "SELECT v.id, v.valid_from, v.value, v.note, v.created_at, "
                                 "u.username FROM setting_values v LEFT JOIN users u ON u.id = "
                                 "v.created_by WHERE v.module = ? AND v.code = ? "
                                 "ORDER BY v.valid_from DESC, v.id DESC LIMIT 100",
                                 "ss", m->name, st->code);
    if (!q)
        return -1;
    const char *today = s->today(r);
    int n = 0, current_seen = 0;
    while (s->db_next(q)) {
        const char *p = s->sprintf(r, "%s.History.%d", prefix, n++);
        s->put_row(r, p, q);
        s->set(r, s->sprintf(r, "%s.shown", p), shown(r, s, st->type, s->col(q, "value")));
        const char *state = "past";
        if (strcmp(s->col(q, "valid_from"), today) > 0)
            state = "future";
        else if (!current_seen++)
            state = "current";
        s->set(r, s->sprintf(r, "%s.state", p), state);
    }
    return n;
}

static int settings_hdf(portal_req *r, const struct portal_services *s,
                        const struct portal_module *m)
{
    int i = 0;
    for (const struct portal_setting *st = m->settings; st && st->code; st++, i++) {
        const char *p = s->sprintf(r, "Settings.%d", i);
        s->set(r, s->sprintf(r, "%s.code", p), st->code);
        s->set(r, s->sprintf(r, "%s.label", p), st->label);
        s->set(r, s->sprintf(r, "%s.unit", p), st->unit ? st->unit : "");
        s->set(r, s->sprintf(r, "%s.type", p), type_names[st->type]);
        const char *v = s->setting(r, s->sprintf(r, "%s.%s", m->name, st->code), NULL);
        s->set(r, s->sprintf(r, "%s.current", p), shown(r, s, st->type, v));
        if (history_hdf(r, s, m, st, p) < 0)
            return -1;
    }
    return i;
}

/* a module's lookups: their columns and entries (in force, waiting, retired) */
static int entries_hdf(portal_req *r, const struct portal_services *s,
                       const struct portal_module *m, const struct portal_lookup *l,
                       const char *prefix)
{
    portal_rows *q = s->db_query(r, "SELECT id, code, c1, c2, c3, c4, c5, c6, valid_from, "
                                 "valid_to, valid_from > ? AS waiting, "
                                 "valid_to IS NOT NULL AND valid_to <= ? AS retired "
                                 "FROM lookup_entries WHERE module = ? AND kind = ? "
                                 "ORDER BY retired, code LIMIT 500",
                                 "ssss", s->today(r), s->today(r), m->name, l->kind);
    if (!q)
        return -1;
    int n = 0;
    while (s->db_next(q)) {
        const char *p = s->sprintf(r, "%s.Entries.%d", prefix, n++);
        s->put_row(r, p, q);
        int c = 0;
        for (const struct portal_lookup_col *col = l->cols; col->code; col++, c++) {
            const char *v = s->db_col(q, 2 + c);
            s->set(r, s->sprintf(r, "%s.Cells.%d", p, c), v ? v : "");
        }
    }
    return n;
}

static int lookups_hdf(portal_req *r, const struct portal_services *s, const struct portal_module *m)
{
    int i = 0;
    for (const struct portal_lookup *l = m->lookups; l && l->kind; l++, i++) {
        const char *p = s->sprintf(r, "Lookups.%d", i);
        s->set(r, s->sprintf(r, "%s.kind", p), l->kind);
        s->set(r, s->sprintf(r, "%s.title", p), l->title);
        int c = 0;
        for (const struct portal_lookup_col *col = l->cols; col->code; col++, c++) {
            s->set(r, s->sprintf(r, "%s.Cols.%d.label", p, c), col->label);
            s->set(r, s->sprintf(r, "%s.Cols.%d.field", p, c), s->sprintf(r, "c%d", c + 1));
        }
        if (entries_hdf(r, s, m, l, p) < 0)
            return -1;
    }
    return i;
}

int module_page(portal_req *r, const struct portal_services *s, const struct portal_module *m)
{
    s->set(r, "Module.name", m->name);
    s->set(r, "Module.title", m->title);
    s->set(r, "Today", s->today(r));
    if (settings_hdf(r, s, m) < 0 || lookups_hdf(r, s, m) < 0 || grants_hdf(r, s, m) < 0)
        return 500;
    return s->render(r, "module.cs", s->sprintf(r, "模块设置：%s", m->title));
}

int module_get(portal_req *r, const struct portal_services *s)
{
    int status = 0;
    const struct portal_module *m = module_of_path(r, s, &status);
    return m ? module_page(r, s, m) : status;
}

/* the typed value in its stored form, or NULL with Errors.value set */
static const char *value_parse(portal_req *r, const struct portal_services *s,
                               const struct portal_setting *st, const char *text)
{
    long long n = 0;
    char *end = NULL;
    switch (st->type) {
    case PS_MONEY:
        if (s->yuan_to_fen(text, 0, &n) == 0)
            return s->sprintf(r, "%lld", n);
        s->form_error(r, "value", "金额须为元，最多两位小数，例如 1651.00。");
        return NULL;
    case PS_RATIO: /* a percentage, at most two decimals: basis points */
        if (s->yuan_to_fen(text, 0, &n) == 0 && n <= 10000)
            return s->sprintf(r, "%lld", n);
        s->form_error(r, "value", "比例须为 0 到 100 之间的百分数，最多两位小数，例如 70 或 62.5。");
        return NULL;
    case PS_DAYS:
    case PS_INT:
        n = strtoll(text, &end, 10);
        if (*text && !*end && strlen(text) <= 15 && (st->type == PS_INT || (n >= 0 && n <= 3650)) &&
            strspn(text + (*text == '-'), "0123456789") == strlen(text + (*text == '-')))
            return s->sprintf(r, "%lld", n);
        s->form_error(r, "value", st->type == PS_DAYS ? "天数须为 0 到 3650 之间的整数。"
                                                      : "请填写整数，例如 12。");
        return NULL;
    default:
        if (*text && strlen(text) <= 1500)
            return text;
        s->form_error(r, "value", "请填写新值。");
        return NULL;
    }
}

int value_post(portal_req *r, const struct portal_services *s)
{
    int status = 0;
    const struct portal_module *m = module_of_path(r, s, &status);
    if (!m)
        return status;
    const struct portal_setting *st = setting_of(m, s->param(r, "code"));
    const char *text = s->trim(r, s->param(r, "value"));
    const char *from = s->param(r, "valid_from"), *note = s->trim(r, s->param(r, "note"));
    const char *v = NULL;
    if (!st)
        s->form_error(r, "code", "请选择要修改的设置项。");
    else
        v = value_parse(r, s, st, text);
    if (s->form_failed(r))
        return 400; /* the host shows the form again: what was typed, each field's error */
    if (s->db_exec(r, "INSERT INTO setting_values (module, code, valid_from, value, note, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
                   "sssssi", m->name, st->code, from, v, note, s->user(r)->id) < 0)
        return 500;
    s->audit(r, "settings.value", "setting", s->sprintf(r, "%s.%s", m->name, st->code),
             s->sprintf(r, "valid_from=%s value=%s", from, v));
    s->flash(r, s->sprintf(r, "已保存：%s 自 %s 起为 %s%s", st->label, from,
                           shown(r, s, st->type, v), st->unit ? st->unit : ""));
    return s->redirect(r, s->sprintf(r, "/admin/settings/%s", m->name));
}
