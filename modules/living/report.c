/*
 * report.c - 基本生活保障 月报: a month's payments by township and benefit
 * (人数, 金额, of which back pay), from the month's batch on the payments
 * ledger, in the user's scope; a page and its .xlsx (the host's xlsx_*).
 */
#include "living.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param report_params[] = {
    {"month", PP_CODE, 7, 0, "月份"},
    {NULL, 0, 0, 0, NULL}};

/* the month's rows: township, its name, benefit, children, fen, back pay lines */
#define REPORT_SQL                                                                            \
    "SELECT l.township_code, COALESCE(t.name, l.township_code) AS town, l.programme, "        \
    "COUNT(DISTINCT l.child_id) AS children, SUM(l.amount_fen) AS amount_fen, "                \
    "SUM(l.corrects_id IS NULL AND l.period < lm.month) AS backpay FROM pay_lines l "          \
    "JOIN living_ledger_months lm ON lm.batch_id = l.batch_id LEFT JOIN divisions t ON "       \
    "t.code = l.township_code WHERE lm.month = ? AND l.township_code LIKE CONCAT(?, '%') "     \
    "GROUP BY l.township_code, t.name, l.programme ORDER BY l.township_code, l.programme"

/* the month asked ("YYYY-MM", this month when none): its first day, or NULL
 * after form_error */
static const char *report_month(portal_req *r, const struct portal_services *s)
{
    const char *ym = s->param(r, "month");
    if (!ym || !*ym)
        return living_this_month(r, s);
    const char *first = living_month_first(r, s, ym);
    if (!first)
        s->form_error(r, "month", "月份格式不正确，应为 YYYY-MM，例如 2026-12。");
    return first;
}

/* the user's scope, or NULL with the refusal answered in *status */
static const char *report_scope(portal_req *r, const struct portal_services *s, int *status)
{
    const char *scope = s->scope_prefix(r);
    if (!scope)
        *status = s->refuse(r, 403, "page", "living.report", "user without a division",
                            "您的账户没有辖区，无法查看。");
    return scope;
}

int report_get(portal_req *r, const struct portal_services *s)
{
    int status = 200;
    const char *scope = report_scope(r, s, &status);
    if (!scope)
        return status;
    const char *month = report_month(r, s);
    status = month ? 200 : 400;
    if (month) {
        if (s->db_query_hdf(r, "Rows", REPORT_SQL, "ss", month, scope) < 0 ||
            s->db_row_hdf(r, "Total", "SELECT COUNT(DISTINCT l.child_id) AS children, "
                          "COALESCE(SUM(l.amount_fen), 0) AS amount_fen, COALESCE(SUM("
                          "l.corrects_id IS NULL AND l.period < lm.month), 0) AS backpay FROM "
                          "pay_lines l JOIN living_ledger_months lm ON lm.batch_id = "
                          "l.batch_id WHERE lm.month = ? AND l.township_code LIKE CONCAT(?, '%')",
                          "ss", month, scope) != 1)
            return 500;
        s->setf(r, "Month", "%.7s", month);
        s->audit(r, "living.report.view", "page", "living.report",
                 s->sprintf(r, "month=%.7s scope=%s", month, scope));
    }
    s->render(r, "report.cs", "基本生活保障月报");
    return status;
}

struct report_out {
    portal_req *r;
    const struct portal_services *s;
    portal_xlsx *x;
    int full;
};

static int report_row(void *ctx, portal_rows *rows)
{
    struct report_out *o = ctx;
    const struct portal_services *s = o->s;
    const char *cells[] = {s->col(rows, "town"),
                           s->label(o->r, "living.benefit", s->col(rows, "programme")),
                           s->col(rows, "children"), s->col(rows, "amount_fen"),
                           s->col(rows, "backpay")};
    if (!o->full && s->xlsx_row(o->x, cells) != 0)
        o->full = 1;
    return o->full;
}

int report_xlsx_get(portal_req *r, const struct portal_services *s)
{
    int status = 200;
    const char *scope = report_scope(r, s, &status);
    if (!scope)
        return status;
    const char *month = report_month(r, s);
    if (!month)
        return s->fail(r, 400, "月份格式不正确，应为 YYYY-MM，例如 2026-12。");
    static const struct portal_xlsx_col cols[] = {
        {"乡镇（街道）", 16, PX_TEXT}, {"保障类别", 24, PX_TEXT}, {"人数", 8, PX_INT},
        {"金额（元）", 14, PX_MONEY}, {"其中补发（笔）", 12, PX_INT}, {NULL, 0, 0}};
    struct report_out o = {r, s, NULL, 0};
    o.x = s->xlsx_begin(r, s->sprintf(r, "living-report-%.7s.xlsx", month),
                        s->sprintf(r, "%.7s 月报", month), cols);
    if (!o.x)
        return 500;
    s->audit(r, "living.report.export", "page", "living.report",
             s->sprintf(r, "month=%.7s scope=%s", month, scope));
    if (s->db_stream(r, report_row, &o, REPORT_SQL, "ss", month, scope) < 0)
        return 500;
    return s->xlsx_end(o.x);
}
