/*
 * reports.c - 医疗保障 reports, each on a page and exportable as CSV or
 * .xlsx (the same rows; money a number in the workbook): premiums subsidised per year and township, aid paid per
 * category and month, children at 80 % or more of a yearly cap, emergency
 * cases still open.  Every report is limited to the user's scope: the
 * children's (scope_sql) or, for emergency cases, the division's.
 */
#include "medical.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param report_params[] = {
    {"year", PP_INT, 4, 0, "年度"},
    {"report", PP_CODE, 16, 0, "报表"},
    {"format", PP_CODE, 8, 0, "格式"},
    {NULL, 0, 0, 0, NULL}};

/* a column: its title and how its value is shown (NULL as is, "money" fen
 * as yuan, else the label kind of a code) */
struct rcol {
    const char *title, *show;
};

/* a report: three '?' bound "iss" with the year and the scope's two
 * arguments; "%s" marks where the scope condition on children c goes */
struct report {
    const char *code, *title, *sql;
    struct rcol cols[7];
    const char *personal; /* the personal data it holds (export_begin), NULL: counts only;
                             its SQL has the child's id after the shown columns (export_row) */
};

static const struct report reports[] = {
    {"premiums", "参保资助（按乡镇）",
     "SELECT d.name, COUNT(*), SUM(l.list = 'supplement'), SUM(l.status = 'insured'), "
     "SUM(l.subsidy_fen), SUM(IF(l.pay_line_id IS NULL, 0, l.subsidy_fen)) FROM "
     "medical_premium_lines l JOIN children c ON c.id = l.child_id LEFT JOIN divisions d ON "
     "d.code = l.township_code WHERE l.year = ? AND %s GROUP BY l.township_code, d.name "
     "ORDER BY l.township_code",
     {{"乡镇（街道）", NULL}, {"人数", NULL}, {"其中补充名单", NULL}, {"已参保", NULL},
      {"资助金额（元）", "money"}, {"已入账（元）", "money"}, {NULL, NULL}}, NULL},
    {"aid", "医疗救助支出（按类别、月份）",
     "SELECT a.category, DATE_FORMAT(a.decided_at + INTERVAL 8 HOUR, '%Y-%m'), a.case_type, "
     "COUNT(*), "
     "SUM(a.eligible_fen), SUM(a.aid_fen) FROM medical_aid a JOIN children c ON c.id = "
     "a.child_id WHERE a.pay_line_id IS NOT NULL AND YEAR(a.decided_at + INTERVAL 8 HOUR) = ? "
     "AND %s GROUP BY a.category, 2, a.case_type ORDER BY 1, 2, 3",
     {{"类别", "core.category"}, {"月份", NULL}, {"类型", "medical.case_type"},
      {"人次", NULL}, {"政策范围内自付（元）", "money"}, {"救助金额（元）", "money"},
      {NULL, NULL}}, NULL},
    {"near_cap", "接近年度救助限额的儿童（已用 80% 以上）",
     "SELECT c.name, d.name, a.case_type, SUM(a.aid_fen), MAX(a.cap_fen), "
     "GREATEST(MAX(a.cap_fen) - SUM(a.aid_fen), 0), a.child_id FROM medical_aid a JOIN "
     "children c ON c.id = a.child_id LEFT JOIN divisions d ON d.code = c.township_code "
     "WHERE a.decided_at IS NOT NULL AND YEAR(a.start_date) = ? AND %s GROUP BY a.child_id, "
     "c.name, d.name, a.case_type "
     "HAVING SUM(a.aid_fen) * 10 >= MAX(a.cap_fen) * 8 ORDER BY 6, 1",
     {{"儿童", NULL}, {"乡镇（街道）", NULL}, {"类型", "medical.case_type"},
      {"已救助（元）", "money"}, {"年度限额（元）", "money"}, {"余额（元）", "money"},
      {NULL, NULL}}, "儿童姓名、乡镇、医疗救助金额和限额"},
    {"emergencies", "未结急救病例",
     "SELECT e.id, e.found_on, h.name, e.reason, e.place_found, (SELECT COALESCE(SUM(amount_fen), "
     "0) FROM medical_emergency_costs WHERE emergency_id = e.id), e.child_id FROM "
     "medical_emergencies e JOIN "
     "orgs h ON h.id = e.hospital_org_id WHERE e.status = 'open' AND ? > 0 AND %s ORDER BY e.id",
     {{"编号", NULL}, {"发现日期", NULL}, {"医院", NULL}, {"情形", "medical.emergency_reason"},
      {"发现地点", NULL}, {"救治费用（元）", "money"}, {NULL, NULL}},
     "急救病例的发现日期、地点、情形和救治费用"},
    {NULL, NULL, NULL, {{NULL, NULL}}, NULL}};

static const char *shown(portal_req *r, const struct portal_services *s, const struct rcol *c,
                         const char *v)
{
    if (!v || !c->show)
        return v ? v : "";
    if (strcmp(c->show, "money") == 0)
        return s->fen_to_yuan(r, atoll(v));
    return s->label(r, c->show, v);
}

/* one row into the workbook: money as fen (PX_MONEY), the rest shown */
static int xlsx_cells(portal_req *r, const struct portal_services *s, const struct report *rp,
                      portal_rows *q, portal_xlsx *x)
{
    const char *cells[7];
    for (int i = 0; rp->cols[i].title; i++) {
        int money = rp->cols[i].show && strcmp(rp->cols[i].show, "money") == 0;
        cells[i] = money ? s->db_col(q, i) : shown(r, s, &rp->cols[i], s->db_col(q, i));
    }
    return s->xlsx_row(x, cells);
}

/* the report's rows, each cell shown: to HDF prefix.Rows.N.M, into the
 * workbook x, or (both NULL) as CSV; the number of rows or -1 */
static int report_rows(portal_req *r, const struct portal_services *s, const struct report *rp,
                       long long year, const char *prefix, portal_xlsx *x)
{
    const char *a1, *a2, *cond;
    if (strcmp(rp->code, "emergencies") == 0) {
        a2 = NULL;
        cond = s->sprintf(r, "%s AND ? IS NULL", s->scope_where(r, "e.division_code", &a1));
    } else if (!(cond = s->scope_sql(r, "c", &a1, &a2))) {
        return -1;
    }
    const char *at = strstr(rp->sql, "%s"); /* where the scope condition goes */
    portal_rows *q = s->db_query(r, s->sprintf(r, "%.*s%s%s", (int)(at - rp->sql), rp->sql, cond,
                                               at + 2), "iss", year, a1, a2);
    int n = 0, ncols = 0;
    while (rp->cols[ncols].title)
        ncols++;
    while (q && s->db_next(q)) {
        if (rp->personal && !prefix)
            s->export_row(r, atoll(s->db_col(q, ncols) ? s->db_col(q, ncols) : "0"));
        if (x && xlsx_cells(r, s, rp, q, x) != 0)
            return -1;
        for (int i = 0; !x && rp->cols[i].title; i++) {
            const char *v = shown(r, s, &rp->cols[i], s->db_col(q, i));
            if (prefix)
                s->set(r, s->sprintf(r, "%s.Rows.%d.%d", prefix, n, i), v);
            else
                s->csv_cell(r, v, !rp->cols[i + 1].title);
        }
        n++;
    }
    return q ? n : -1;
}

int report_get(portal_req *r, const struct portal_services *s)
{
    long long year = s->param_int(r, "year", atoi(s->today(r)));
    for (int k = 0; reports[k].code; k++) {
        const char *p = s->sprintf(r, "Reports.%d", k);
        s->set(r, s->sprintf(r, "%s.code", p), reports[k].code);
        s->set(r, s->sprintf(r, "%s.title", p), reports[k].title);
        for (int i = 0; reports[k].cols[i].title; i++)
            s->set(r, s->sprintf(r, "%s.Cols.%d", p, i), reports[k].cols[i].title);
        if (report_rows(r, s, &reports[k], year, p, NULL) < 0)
            return 500;
    }
    s->set_int(r, "Year", year);
    return s->render(r, "reports.cs", "医疗保障统计");
}

/* the report as an .xlsx (audited as the CSV is) */
static int report_xlsx(portal_req *r, const struct portal_services *s, const struct report *rp,
                       long long year)
{
    struct portal_xlsx_col cols[7];
    int n = 0;
    for (; rp->cols[n].title; n++) {
        int money = rp->cols[n].show && strcmp(rp->cols[n].show, "money") == 0;
        cols[n] = (struct portal_xlsx_col){rp->cols[n].title, 16,
                                           money ? PX_MONEY : rp->cols[n].show ? PX_TEXT : PX_INT};
    }
    cols[n] = (struct portal_xlsx_col){NULL, 0, 0};
    portal_xlsx *x = s->xlsx_begin(r, s->sprintf(r, "medical-%s-%lld.xlsx", rp->code, year),
                                   s->sprintf(r, "%lld年%s", year, rp->title), cols);
    if (!x)
        return 500;
    s->audit(r, "medical.report.export", "medical_report", rp->code,
             s->sprintf(r, "year=%lld format=xlsx", year));
    if (report_rows(r, s, rp, year, NULL, x) < 0)
        return 500;
    return s->xlsx_end(x);
}

int report_csv_get(portal_req *r, const struct portal_services *s)
{
    long long year = s->param_int(r, "year", atoi(s->today(r)));
    const char *code = s->param(r, "report");
    const struct report *rp = reports;
    while (rp->code && (!code || strcmp(rp->code, code) != 0))
        rp++;
    if (!rp->code)
        return s->fail(r, 404, "没有这张报表。");
    if (rp->personal) { /* a list of children: its purpose first (issue 19) */
        int n = report_rows(r, s, rp, year, "Counted", NULL);
        if (n < 0)
            return 500;
        struct portal_export ex = {s->sprintf(r, "medical.%s", rp->code), rp->title, n, 0,
                                   rp->personal};
        int st = s->export_begin(r, &ex);
        if (st)
            return st;
    }
    const char *fmt = s->param(r, "format");
    if (fmt && strcmp(fmt, "xlsx") == 0)
        return report_xlsx(r, s, rp, year);
    const char *name = s->sprintf(r, "%s-%lld.csv", rp->title, year);
    s->header(r, "Content-Type", "text/csv; charset=utf-8");
    s->header(r, "Content-Disposition", s->sprintf(r, "attachment; filename*=UTF-8''%s",
                                                   s->url_encode(r, name)));
    s->audit(r, "medical.report.export", "medical_report", rp->code,
             s->sprintf(r, "year=%lld", year));
    s->write(r, "\xEF\xBB\xBF", 3);
    for (int i = 0; rp->cols[i].title; i++)
        s->csv_cell(r, rp->cols[i].title, !rp->cols[i + 1].title);
    return report_rows(r, s, rp, year, NULL, NULL) < 0 ? 500 : 200;
}
