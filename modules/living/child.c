/*
 * child.c - 基本生活保障 of one child: the benefits page (grants, the
 * guardian's account, the child's ledger lines, the forms to act on them)
 * and the 生活保障 section of the child's file.
 */
#include "living.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GET /living/children/{id}: the child's benefits, suspensions, bank
 * account (masked) and recent ledger lines, with the forms to act on them.
 * The child is the route's object (Child.*, in scope). */
int child_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    const struct portal_child *c = o->data;
    if (s->db_query_hdf(
            r, "Grants",
            "SELECT g.id, g.benefit, g.subtype, DATE_FORMAT(g.start_month, '%Y-%m') AS start, "
            "DATE_FORMAT(g.end_month, '%Y-%m') AS end_month, g.next_recheck AS recheck, "
            "(SELECT DATE_FORMAT(su.from_month, '%Y-%m') FROM living_suspensions su WHERE "
            "su.grant_id = g.id AND su.to_month IS NULL LIMIT 1) AS suspended "
            "FROM living_grants g WHERE g.child_id = ? ORDER BY g.id", "i", o->id) < 0 ||
        s->db_row_hdf(r, "Account", "SELECT holder AS payee, bank_name AS bank, account_masked "
                      "AS masked FROM pay_payees WHERE child_id = ?", "i", o->id) < 0 ||
        s->db_query_hdf(r, "Payments", "SELECT DATE_FORMAT(b.period, '%Y-%m') AS month, b.id AS "
                        "batch_id, DATE_FORMAT(l.period, '%Y-%m') AS for_month, l.programme AS "
                        "benefit, IF(l.corrects_id IS NOT NULL, 'correction', IF(l.period < "
                        "b.period, 'backpay', 'regular')) AS kind, l.amount_fen, l.reason AS note "
                        "FROM pay_lines l JOIN pay_batches b ON b.id = l.batch_id WHERE "
                        "l.source_module = 'living' AND l.child_id = ? ORDER BY b.period DESC, "
                        "l.id DESC LIMIT 24", "i", o->id) < 0)
        return 500;
    s->set(r, "CanPay", s->has_perm(r, "living.pay") ? "1" : "0");
    s->set(r, "CanAccount", s->has_perm(r, "living.apply") ? "1" : "0");
    s->setf(r, "ThisMonth", "%.7s", s->today(r));
    s->audit(r, "living.child.read", "child", s->sprintf(r, "%lld", o->id), NULL);
    return s->render(r, "child.cs", s->sprintf(r, "基本生活保障：%s", c->name));
}

/* ------------------------------------------------------------ the child's file */

/* The 生活保障 section of the registry's file (ABI 1.5 child panel): the
 * child's grants with the monthly amount in force (the base rate plus the
 * care or child supplement, as the monthly list computes it) in the current
 * month, or in the last month paid for a grant that has ended, or in the
 * first month for one that has not started yet; temporary relief shows its
 * one-off amount.  The host has checked the child's jurisdiction and that
 * the viewer holds living.view. */
/* the 状态 cell of a grant row of the panel */
static const char *panel_status(portal_req *r, const struct portal_services *s, portal_rows *q)
{
    const char *ended = s->col(q, "ended"), *why = s->col(q, "end_reason");
    if (strcmp(s->col(q, "benefit"), "temporary") == 0)
        return "一次性救助";
    if (s->col(q, "suspended"))
        return s->sprintf(r, "自 %s 起暂停", s->col(q, "suspended"));
    if (ended && strcmp(ended, "1") == 0)
        return why && *why ? s->sprintf(r, "已终止（%s）", why) : "已终止";
    if (strcmp(s->col(q, "future"), "1") == 0)
        return "尚未开始";
    return "正常发放";
}

/* the 保障类别 cell: the rate's name, else the benefit's */
static const char *panel_kind(portal_req *r, const struct portal_services *s, portal_rows *q)
{
    const char *kind = s->sprintf(r, "%s:%s", s->col(q, "benefit"), s->col(q, "subtype"));
    return living_label_known(r, s, "living.rate", kind)
               ? s->label(r, "living.rate", kind)
               : s->label(r, "living.benefit", s->col(q, "benefit"));
}

/* the 月标准 cell: the monthly amount in force in the grant's month of
 * reference (this month, the last paid, or the first to come) */
static const char *panel_amount(portal_req *r, const struct portal_services *s, portal_rows *q)
{
    const char *b = s->col(q, "benefit"), *once = s->col(q, "once_fen");
    if (strcmp(b, "temporary") == 0)
        return once ? s->sprintf(r, "%s（一次性）", s->fen_to_yuan(r, atoll(once))) : "—";
    long long fen = living_monthly_fen(r, s, b, s->col(q, "subtype"), s->col(q, "care_level"),
                                       s->col(q, "ref"));
    return fen > 0 ? s->fen_to_yuan(r, fen) : "—";
}

/* the tables of the panel's rows (a child in none of them costs no query) */
const char *const living_panel_tables[] = {"living_grants", "pay_lines", NULL};

/* the panel's grants with what was paid (paid_n, paid_fen: living's lines
 * of locked or exported batches, on a row of its own whose benefit is NULL)
 * in one statement: a UNION ALL of the sums and the grants in their order,
 * which MariaDB streams without a temporary table (the derived table it
 * replaces cost three, issue 17); only the grants, or only the sums, for a
 * child with rows in one table */
#define PANEL_GRANT_COLS                                                                       \
    "g.benefit, g.subtype, g.care_level, DATE_FORMAT(g.start_month, '%Y-%m') AS start, "     \
    "DATE_FORMAT(g.end_month, '%Y-%m') AS end_month, g.end_month < ? AS ended, "             \
    "g.start_month > ? AS future, (SELECT DATE_FORMAT(su.from_month, '%Y-%m') FROM "          \
    "living_suspensions su WHERE su.grant_id = g.id AND su.to_month IS NULL ORDER BY su.id "  \
    "LIMIT 1) AS suspended, la.amount_fen AS once_fen, g.end_reason, "                       \
    "DATE_FORMAT(GREATEST(g.start_month, LEAST(COALESCE(g.end_month, ?), ?)), '%Y-%m-%d') "   \
    "AS ref"
#define PANEL_GRANTS "living_grants g LEFT JOIN living_applications la ON la.app_id = " \
                     "g.application_id WHERE g.child_id = ?"
#define PANEL_SUMS "SELECT COUNT(*) AS paid_n, COALESCE(SUM(l.amount_fen), 0) AS paid_fen"
#define PANEL_PAID " FROM pay_lines l JOIN pay_batches b ON b.id = l.batch_id AND b.status " \
                   "IN ('locked', 'exported') WHERE l.source_module = 'living' AND "         \
                   "l.child_id = ?"
/* the grants' order (a part of a UNION keeps its ORDER BY only with a LIMIT:
 * far above any child's grants) */
#define PANEL_ORDER " ORDER BY g.end_month IS NOT NULL, g.start_month DESC, g.id DESC LIMIT 100000"

static portal_rows *living_panel_rows(portal_req *r, const struct portal_services *s,
                                      long long child, const char *month, int granted,
                                      int paid)
{
    if (granted && paid)
        return s->db_query(r, PANEL_SUMS ", NULL AS benefit, NULL AS subtype, NULL AS "
                           "care_level, NULL AS start, NULL AS end_month, NULL AS ended, NULL AS "
                           "future, NULL AS suspended, NULL AS once_fen, NULL AS end_reason, "
                           "NULL AS ref" PANEL_PAID " UNION ALL (SELECT NULL, NULL, "
                           PANEL_GRANT_COLS " FROM " PANEL_GRANTS PANEL_ORDER ")",
                           "issssi", child, month, month, month, month, child);
    if (granted)
        return s->db_query(r, "SELECT " PANEL_GRANT_COLS " FROM " PANEL_GRANTS PANEL_ORDER,
                           "ssssi", month, month, month, month, child);
    return paid ? s->db_query(r, PANEL_SUMS PANEL_PAID, "i", child) : NULL;
}

int living_child_panel(portal_req *r, const struct portal_services *s, long long child,
                       const char *prefix)
{
    static const char *const cols[] = {"保障类别", "月标准（元）", "起始月份", "终止月份",
                                       "状态"};
    for (int i = 0; i < 5; i++)
        s->set(r, s->sprintf(r, "%s.Cols.%d", prefix, i), cols[i]);
    const char *month = living_this_month(r, s);
    int granted = s->child_has(r, child, "living_grants"), paid = s->child_has(r, child, "pay_lines");
    if (granted < 0 || paid < 0)
        return -1;
    portal_rows *q = living_panel_rows(r, s, child, month, granted, paid);
    if ((granted || paid) && !q)
        return -1;
    int n = 0;
    const char *paid_n = "0", *paid_fen = "0";
    while (q && s->db_next(q)) {
        if (!s->col(q, "benefit")) { /* the row of the sums */
            paid_n = s->sprintf(r, "%s", s->col(q, "paid_n"));
            paid_fen = s->sprintf(r, "%s", s->col(q, "paid_fen"));
            continue;
        }
        const char *end = s->col(q, "end_month");
        const char *cells[5] = {panel_kind(r, s, q), panel_amount(r, s, q), s->col(q, "start"),
                                end ? end : "在保", panel_status(r, s, q)};
        for (int i = 0; i < 5; i++)
            s->set(r, s->sprintf(r, "%s.Rows.%d.%d", prefix, n, i), cells[i]);
        n++;
    }
    /* what was actually paid: living's lines of locked (or exported) batches */
    if (strcmp(paid_n, "0") != 0)
        s->set(r, s->sprintf(r, "%s.Note", prefix),
               s->sprintf(r, "已锁定的月度发放中共 %s 笔，合计 %s 元。", paid_n,
                          s->fen_to_yuan(r, strtoll(paid_fen, NULL, 10))));
    s->set(r, s->sprintf(r, "%s.Link", prefix), s->sprintf(r, "/living/children/%lld", child));
    return n;
}
