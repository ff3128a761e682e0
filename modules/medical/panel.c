/*
 * panel.c - the 医疗保障 section of the child's file and the module's page
 * of a child: the insurance tier and premium subsidy this year, aid
 * received this year and the yearly cap left (per case type), open
 * applications.
 */
#include "medical.h"

#include <stdlib.h>
#include <string.h>

static void cell(portal_req *r, const struct portal_services *s, const char *prefix, int row,
                 int col, const char *v)
{
    s->set(r, s->sprintf(r, "%s.Rows.%d.%d", prefix, row, col), v ? v : "");
}

/* the cap left this year for a case type, by the child's best rate today */
static const char *cap_left_text(portal_req *r, const struct portal_services *s, long long child,
                                 const char *cats, const char *case_type, int year)
{
    struct aid_calc c;
    long long left = 0;
    int rc = cats ? medical_aid_rate_of(r, s, cats, case_type, s->today(r), &c) : -1;
    if (rc == 1)
        return "不属于医疗救助对象";
    if (rc != 0 || s->pay_cap_left(r, child, medical_programme_of(case_type), year, c.cap,
                                   &left) != 0)
        return "";
    return s->sprintf(r, "%s 元（年度限额 %s 元，%s）", s->fen_to_yuan(r, left < 0 ? 0 : left),
                      s->fen_to_yuan(r, c.cap), s->label(r, "core.category", c.category));
}

/* the tables of the panel's rows, in its order (a child in none costs no query) */
const char *const medical_panel_tables[] = {"medical_premium_lines", "medical_aid",
                                            "medical_policy_children", NULL};

int medical_child_panel(portal_req *r, const struct portal_services *s, long long child,
                        const char *prefix)
{
    int year = atoi(s->today(r));
    const char *cols[] = {"项目", "情况"};
    for (int i = 0; i < 2; i++)
        s->set(r, s->sprintf(r, "%s.Cols.%d", prefix, i), cols[i]);
    int has[3];
    for (int i = 0; i < 3; i++)
        if ((has[i] = s->child_has(r, child, medical_panel_tables[i])) < 0)
            return -1;
    portal_rows *q = !has[0] ? NULL : s->db_query(r, "SELECT tier, subsidy_fen, status, list FROM "
                                 "medical_premium_lines WHERE child_id = ? AND year = ?", "ii",
                                 child, (long long)year);
    if (has[0] && !q)
        return -1;
    int row = 0;
    cell(r, s, prefix, row, 0, s->sprintf(r, "%d 年度参保", year));
    cell(r, s, prefix, row++, 1, q && s->db_next(q)
         ? s->sprintf(r, "%s档，资助 %s 元，%s（%s）", strcmp(s->col(q, "tier"), "2") == 0 ? "二" : "一",
                      s->fen_to_yuan(r, atoll(s->col(q, "subsidy_fen"))),
                      s->label(r, "medical.premium_status", s->col(q, "status")),
                      s->label(r, "medical.list", s->col(q, "list")))
         : "不在本年度参保资助名单");
    /* the aid paid this year and the open applications: one statement */
    portal_rows *a = !has[1] ? NULL : s->db_query(r, "SELECT COALESCE(SUM(CASE WHEN YEAR(m.start_date) = ? "
                                 "AND m.pay_line_id IS NOT NULL THEN m.aid_fen END), 0), COUNT(CASE "
                                 "WHEN YEAR(m.start_date) = ? AND m.pay_line_id IS NOT NULL THEN 1 "
                                 "END), COUNT(CASE WHEN w.status IN ('open', 'returned') THEN 1 END) "
                                 "FROM medical_aid m LEFT JOIN wf_applications w ON w.id = m.app_id "
                                 "WHERE m.child_id = ?", "iii", (long long)year, (long long)year, child);
    if (has[1] && (!a || !s->db_next(a)))
        return -1;
    cell(r, s, prefix, row, 0, s->sprintf(r, "%d 年已获医疗救助", year));
    cell(r, s, prefix, row++, 1, s->sprintf(r, "%s 元（%s 次）", s->fen_to_yuan(r,
                                             a ? atoll(s->db_col(a, 0)) : 0), a ? s->db_col(a, 1) : "0"));
    cell(r, s, prefix, row, 0, "住院救助年度余额");
    /* the child's categories today, for both case types (with the route's
     * child row: no statement) */
    const char *cats = s->child_categories_on(r, child, s->today(r));
    cell(r, s, prefix, row++, 1, cap_left_text(r, s, child, cats, "inpatient", year));
    cell(r, s, prefix, row, 0, "门诊救助年度余额");
    cell(r, s, prefix, row++, 1, cap_left_text(r, s, child, cats, "outpatient", year));
    cell(r, s, prefix, row, 0, "办理中的医疗救助申请");
    cell(r, s, prefix, row++, 1, s->sprintf(r, "%s 件", a ? s->db_col(a, 2) : "0"));
    portal_rows *p = !has[2] ? NULL : s->db_query(r, "SELECT GROUP_CONCAT(CONCAT(IF(p.kind = 'accident', "
                                 "'意外伤害保险', '重大疾病保险'), '（', p.insurer, '，至 ', "
                                 "p.end_date, '）') ORDER BY p.end_date SEPARATOR '；') FROM "
                                 "medical_policy_children k JOIN medical_policies p ON p.id = "
                                 "k.policy_id WHERE k.child_id = ? AND ? BETWEEN p.start_date "
                                 "AND p.end_date", "is", child, s->today(r));
    if (has[2] && (!p || !s->db_next(p)))
        return -1;
    cell(r, s, prefix, row, 0, "慈善购买的商业保险");
    cell(r, s, prefix, row++, 1, p && s->db_col(p, 0) ? s->db_col(p, 0) : "无");
    s->set(r, s->sprintf(r, "%s.Link", prefix), s->sprintf(r, "/medical/children/%lld", child));
    return row;
}

int child_get(portal_req *r, const struct portal_services *s)
{
    long long child = s->object(r)->id;
    if (medical_child_panel(r, s, child, "Panel") < 0 ||
        s->db_query_hdf(r, "Aid", "SELECT a.app_id, a.case_type, a.start_date, a.end_date, "
                        "a.eligible_fen, a.aid_fen, w.status, w.step_title FROM medical_aid a "
                        "JOIN wf_applications w ON w.id = a.app_id WHERE a.child_id = ? "
                        "ORDER BY a.start_date DESC, a.app_id DESC LIMIT 100", "i", child) < 0 ||
        s->db_query_hdf(r, "Premiums", "SELECT year, list, tier, premium_fen, subsidy_fen, "
                        "status, fail_reason FROM medical_premium_lines WHERE child_id = ? "
                        "ORDER BY year DESC", "i", child) < 0 ||
        s->db_query_hdf(r, "Tiers", "SELECT year, tier FROM medical_tiers WHERE child_id = ? "
                        "ORDER BY year DESC", "i", child) < 0)
        return 500;
    if (s->has_perm(r, "medical.premium"))
        s->set(r, "Can.premium", "1");
    s->set_int(r, "Year", atoi(s->today(r)));
    s->audit(r, "medical.child.read", "child", s->sprintf(r, "%lld", child), NULL);
    return s->render(r, "child.cs", "医疗保障：儿童");
}
