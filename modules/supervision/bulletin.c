/*
 * bulletin.c - the monthly bulletin (通报): previewed from the job's figures,
 * issued once per month by the county's civil affairs, and from then on
 * shown only from its own copy of the numbers (supervision_bulletin_rows,
 * supervision_bulletin_overdue): a later change of the data, or the job
 * computing the month again, never alters an issued bulletin.  An A4 print
 * layout (supervision.css: @page) and an .xlsx export of its numbers.  A
 * mistake is corrected by a reissue: a new version of the month, the issued
 * one kept as it was and marked superseded.
 */
#include "supervision.h"

#include <stdlib.h>
#include <string.h>

/* the overdue items by township on @today: (township_code, kind, n), from
 * the workflow and from the modules that are enabled */
static const char *overdue_sql(portal_req *r, const struct portal_services *s)
{
    const char *q = "SELECT township_code, 'applications' kind, COUNT(*) n FROM wf_applications "
        "WHERE status = 'open' AND (step_due < @today OR total_due < @today) GROUP BY township_code";
    if (sv_module_on(r, s, "guardianship"))
        q = s->sprintf(r, "%s UNION ALL SELECT CONCAT(LEFT(division_code, 9), '000'), 'reports', "
                       "COUNT(*) FROM gd_reports WHERE safe_at IS NULL AND stage = 'reported' AND "
                       "safety_due < @today GROUP BY 1", q);
    if (sv_module_on(r, s, "education"))
        q = s->sprintf(r, "%s UNION ALL SELECT c.township_code, 'dropouts', COUNT(*) FROM "
                       "edu_dropouts d JOIN children c ON c.id = d.child_id WHERE d.closed_on IS "
                       "NULL AND d.detected_on <= @today - INTERVAL @days DAY GROUP BY "
                       "c.township_code", q);
    return q;
}

static int overdue_vars(portal_req *r, const struct portal_services *s)
{
    long long days = s->setting_int(r, "dropout_days", NULL);
    return s->db_exec(r, "SET @today = CAST(? AS DATE), @days = ?", "si", s->today(r),
                      days == PORTAL_NO_SETTING ? 30 : days) < 0 ? -1 : 0;
}

static int overdue_hdf(portal_req *r, const struct portal_services *s, long long bulletin_id)
{
    if (bulletin_id)
        return s->db_query_hdf(r, "Overdue", "SELECT o.township_code, d.name, o.kind, o.n FROM "
                               "supervision_bulletin_overdue o LEFT JOIN divisions d ON d.code = "
                               "o.township_code WHERE o.bulletin_id = ? ORDER BY o.township_code, "
                               "o.kind", "i", bulletin_id);
    if (overdue_vars(r, s) != 0)
        return -1;
    return s->db_query_hdf(r, "Overdue", s->sprintf(r, "SELECT o.township_code, d.name, o.kind, "
                           "o.n FROM (%s) o LEFT JOIN divisions d ON d.code = o.township_code "
                           "ORDER BY o.township_code, o.kind", overdue_sql(r, s)), "");
}

int bulletin_load(portal_req *r, const struct portal_services *s, long long id,
                  struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT id FROM supervision_bulletins WHERE id = ?", "i", id);
    /* an issued bulletin goes to the county and every township: no child in it */
    if (!q || !s->db_next(q) || !sv_viewer_township(r, s))
        return 404;
    o->division = NULL;
    return 0;
}

int bulletin_list_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Bulletins", "SELECT b.id, DATE_FORMAT(b.month, '%Y-%m') ym, b.title, "
                        "b.version, b.superseded_by, b.issued_at, u.display_name issued_by FROM "
                        "supervision_bulletins b LEFT JOIN users u ON u.id = b.issued_by ORDER "
                        "BY b.month DESC, b.version DESC", "") < 0)
        return 500;
    s->set_int(r, "CanIssue", s->has_perm(r, "supervision.issue"));
    return s->render(r, "bulletin_list.cs", "月度通报");
}

static const char *bulletin_title(portal_req *r, const struct portal_services *s, const char *ym)
{
    return s->sprintf(r, "%.4s年%d月困境儿童保障工作督查通报", ym, atoi(ym + 5));
}

/* the issuer is the county's civil affairs: county-wide staff only */
static int county_only(portal_req *r, const struct portal_services *s)
{
    const char *town = sv_viewer_township(r, s);
    return town && !*town;
}

int bulletin_new_get(portal_req *r, const struct portal_services *s)
{
    if (!county_only(r, s))
        return s->refuse(r, 403, "page", "supervision.bulletin.new", "not county-wide",
                         "只有县级工作人员可以印发通报。");
    const char *ym = sv_month_param(r, s);
    if (!ym)
        return s->fail(r, 409, "还没有计算过任何月份的指标，暂不能生成通报。");
    s->set(r, "Month", ym);
    s->set(r, "B.title", bulletin_title(r, s, ym));
    s->set(r, "Preview", "1");
    const char *on = sv_month_last(r, s, ym);
    sv_indicators_hdf(r, s, "Indicators", on);
    if (sv_table_hdf(r, s, "figures", ym, "", on) < 0 || overdue_hdf(r, s, 0) < 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT id FROM supervision_bulletins WHERE month = ? AND "
                                 "superseded_by IS NULL", "s", s->sprintf(r, "%s-01", ym));
    if (q && s->db_next(q))
        s->set(r, "Issued", s->db_col(q, 0));
    return s->render(r, "bulletin.cs", "月度通报：预览");
}

/* the frozen copy: the month's figures and today's overdue items */
static int bulletin_copy(portal_req *r, const struct portal_services *s, long long id,
                         const char *first)
{
    if (s->db_exec(r, "INSERT INTO supervision_bulletin_rows (bulletin_id, township_code, "
                   "indicator, numerator, denominator) SELECT ?, township_code, indicator, "
                   "numerator, denominator FROM supervision_figures WHERE month = ?", "is", id,
                   first) < 0 || overdue_vars(r, s) != 0)
        return -1;
    return s->db_exec(r, s->sprintf(r, "INSERT INTO supervision_bulletin_overdue (bulletin_id, "
                                    "township_code, kind, n) SELECT ?, o.township_code, o.kind, "
                                    "o.n FROM (%s) o", overdue_sql(r, s)), "i", id) < 0 ? -1 : 0;
}

/* a bulletin of ym (version 1, or the correction of `supersedes`) with its
 * frozen copy of the month's figures and today's overdue items; its id, -1 */
static long long bulletin_insert(portal_req *r, const struct portal_services *s, const char *ym,
                                 long long version, long long supersedes, const char *reason)
{
    const char *first = s->sprintf(r, "%s-01", ym);
    const char *title = bulletin_title(r, s, ym);
    if (version > 1)
        title = s->sprintf(r, "%s（第%lld版，更正）", title, version);
    if (s->db_exec(r, "INSERT INTO supervision_bulletins (month, version, title, remarks, "
                   "issued_by, issued_at, supersedes, reason) VALUES (?, ?, ?, ?, ?, "
                   "UTC_TIMESTAMP(), ?, ?)", "sississ", first, version, title,
                   s->trim(r, s->param(r, "remarks")), s->user(r)->id,
                   supersedes ? s->sprintf(r, "%lld", supersedes) : NULL, reason) != 1)
        return -1;
    long long id = s->db_insert_id(r);
    return bulletin_copy(r, s, id, first) == 0 ? id : -1;
}

int bulletin_create_post(portal_req *r, const struct portal_services *s)
{
    const char *ym = s->param(r, "month");
    if (!county_only(r, s))
        return s->refuse(r, 403, "page", "supervision.bulletin.issue", "not county-wide",
                         "只有县级工作人员可以印发通报。");
    const char *first = s->sprintf(r, "%s-01", ym ? ym : "");
    portal_rows *q = s->month_check(ym) == 0
        ? s->db_query(r, "SELECT 1 FROM supervision_months WHERE month = ?", "s", first) : NULL;
    if (!q || !s->db_next(q))
        return s->fail(r, 400, "该月份的指标尚未计算，不能印发通报。");
    q = s->db_query(r, "SELECT id FROM supervision_bulletins WHERE month = ? FOR UPDATE", "s",
                    first);
    if (q && s->db_next(q))
        return s->fail(r, 409, "该月的通报已经印发，印发后不能再改；如有错误，请在通报页面“更正重发”。");
    long long id = bulletin_insert(r, s, ym, 1, 0, "");
    if (id < 0)
        return 500;
    s->audit(r, "supervision.bulletin.issue", "supervision_bulletin", s->sprintf(r, "%lld", id),
             ym);
    s->flash(r, "通报已印发并存档，此后数据变化不会改变它。");
    return s->redirect(r, s->sprintf(r, "/supervision/bulletins/%lld", id));
}

/* a corrected reissue: a new version of the month from the figures as they
 * are now (the job computed the month again after a correction of the
 * data); the issued one is kept as it was, marked superseded */
int bulletin_reissue_post(portal_req *r, const struct portal_services *s)
{
    long long old = s->object(r)->id;
    const char *reason = s->trim(r, s->param(r, "reason"));
    if (!county_only(r, s))
        return s->refuse(r, 403, "supervision_bulletin", s->sprintf(r, "%lld", old),
                         "not county-wide", "只有县级工作人员可以更正重发通报。");
    portal_rows *q = s->db_query(r, "SELECT DATE_FORMAT(month, '%Y-%m'), version, superseded_by "
                                 "FROM supervision_bulletins WHERE id = ? FOR UPDATE", "i", old);
    if (!q || !s->db_next(q))
        return 500;
    if (s->db_col(q, 2))
        return s->fail(r, 409, "这一版通报已经被更正过，请在最新一版上更正。");
    if (!reason || !*reason)
        return s->fail(r, 400, "请写明更正原因。");
    const char *ym = s->db_col(q, 0);
    long long id = bulletin_insert(r, s, ym, atoll(s->db_col(q, 1)) + 1, old, reason);
    if (id < 0 || s->db_exec(r, "UPDATE supervision_bulletins SET superseded_by = ? WHERE id = ?",
                             "ii", id, old) != 1)
        return 500;
    s->audit(r, "supervision.bulletin.reissue", "supervision_bulletin", s->sprintf(r, "%lld", id),
             s->sprintf(r, "%s supersedes=%lld reason=%s", ym, old, reason));
    s->flash(r, "更正后的通报已印发；原通报保留并标明已被更正。");
    return s->redirect(r, s->sprintf(r, "/supervision/bulletins/%lld", id));
}

int bulletin_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "B", "SELECT b.id, DATE_FORMAT(b.month, '%Y-%m') ym, b.title, b.remarks, "
                      "b.issued_at, DATE(b.issued_at + INTERVAL 8 HOUR) issued_day, "
                      "u.display_name issued_by, b.version, b.supersedes, b.superseded_by, "
                      "b.reason FROM supervision_bulletins b LEFT JOIN users u ON u.id = "
                      "b.issued_by WHERE b.id = ?", "i", id) != 1)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT DATE_FORMAT(month, '%Y-%m') FROM "
                                 "supervision_bulletins WHERE id = ?", "i", id);
    /* the weights and townships of the bulletin's month: dated, so they stay */
    const char *on = q && s->db_next(q) ? sv_month_last(r, s, s->db_col(q, 0)) : NULL;
    if (!on)
        return 500;
    sv_indicators_hdf(r, s, "Indicators", on);
    if (sv_table_hdf(r, s, "bulletin", s->sprintf(r, "%lld", id), "", on) < 0 ||
        overdue_hdf(r, s, id) < 0)
        return 500;
    s->set_int(r, "CanIssue", s->has_perm(r, "supervision.issue") && county_only(r, s));
    s->audit(r, "supervision.bulletin.view", "supervision_bulletin", s->sprintf(r, "%lld", id),
             NULL);
    return s->render(r, "bulletin.cs", "月度通报");
}

static const struct portal_xlsx_col export_cols[] = {
    {"乡镇（街道）", 20, PX_TEXT},
    {"指标", 22, PX_TEXT},
    {"分子", 10, PX_INT},
    {"分母", 10, PX_INT},
    {"比率（‰）", 10, PX_INT},
    {"主管部门", 16, PX_TEXT},
    {NULL, 0, 0}};

int bulletin_export_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    portal_rows *q = s->db_query(r, "SELECT COALESCE(d.name, x.township_code), x.indicator, "
        "x.numerator, x.denominator FROM (SELECT township_code, indicator, numerator, "
        "denominator FROM supervision_bulletin_rows WHERE bulletin_id = ? UNION ALL SELECT "
        "'county', indicator, SUM(numerator), SUM(denominator) FROM supervision_bulletin_rows "
        "WHERE bulletin_id = ? GROUP BY indicator) x LEFT JOIN divisions d ON d.code = "
        "x.township_code ORDER BY x.township_code = 'county', x.township_code, x.indicator",
        "ii", id, id);
    if (!q)
        return 500;
    portal_xlsx *x = s->xlsx_begin(r, s->sprintf(r, "bulletin-%lld.xlsx", id), "督查通报", export_cols);
    if (!x)
        return 500;
    s->audit(r, "supervision.bulletin.export", "supervision_bulletin", s->sprintf(r, "%lld", id),
             NULL);
    while (s->db_next(q)) {
        const struct sv_indicator *ind = sv_indicator_find(s->db_col(q, 1));
        long long num = atoll(s->db_col(q, 2)), den = atoll(s->db_col(q, 3));
        const char *town = s->db_col(q, 0);
        const char *cells[] = {strcmp(town, "county") == 0 ? "全县合计" : town,
                               ind ? ind->title : s->db_col(q, 1), s->db_col(q, 2), s->db_col(q, 3),
                               den > 0 ? s->sprintf(r, "%lld", num * 1000 / den) : "",
                               ind ? ind->dept : ""};
        if (s->xlsx_row(x, cells) != 0)
            break;
    }
    return s->xlsx_end(x);
}
