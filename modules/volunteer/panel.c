/*
 * panel.c - the volunteer module's sections of the child's file (ABI 1.5
 * child panels): services received from partner organisations (verified
 * logs only; pending and returned ones are counted, not listed), care
 * matches, and donations to the child.
 *
 * The registry shows them on a file it has already let the viewer open
 * (registry.view and the child in scope; the host checks the scope again),
 * so they need no permission of this module: partner accounts never reach
 * the registry's file.  Data only; the registry's template escapes it.
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

#define PANEL_ROWS 100 /* = the LIMIT of the row queries below */

/* prefix.<name> = value: the panel's Note and Link (the headings and cells
 * go through s->panel_cells) */
static void put(portal_req *r, const struct portal_services *s, const char *prefix,
                const char *name, const char *value)
{
    s->set(r, s->sprintf(r, "%s.%s", prefix, name), value ? value : "");
}

/* ------------------------------------------------------------ services */

static int services_panel(portal_req *r, const struct portal_services *s, long long child,
                          const char *prefix)
{
    static const char *const cols[] = {"服务日期", "社会组织", "服务类型", "时长（分钟）",
                                       "参与志愿者"};
    s->panel_cells(r, prefix, -1, cols, 5);
    int logged = s->child_has(r, child, "volunteer_logs");
    if (logged <= 0) {
        put(r, s, prefix, "Note", "经乡镇核实的服务共 0 次，合计 0 小时 0 分钟。");
        return logged < 0 ? -1 : 0;
    }
    portal_rows *q = s->db_query(
        r,
        "SELECT l.service_date, o.name, l.service_type, l.minutes, "
        "(SELECT GROUP_CONCAT(p.name ORDER BY p.id SEPARATOR '、') FROM volunteer_log_people lp "
        "JOIN volunteers p ON p.id = lp.volunteer_id WHERE lp.log_id = l.id) "
        "FROM volunteer_logs l JOIN volunteer_orgs v ON v.id = l.vorg_id "
        "JOIN orgs o ON o.id = v.org_id WHERE l.child_id = ? AND l.status = 'verified' "
        "ORDER BY l.service_date DESC, l.id DESC LIMIT 100",
        "i", child);
    if (!q)
        return -1;
    int n = 0;
    while (s->db_next(q)) {
        const char *cells[5] = {s->db_col(q, 0), s->db_col(q, 1), s->db_col(q, 2),
                                s->db_col(q, 3), s->db_col(q, 4)};
        s->panel_cells(r, prefix, n++, cells, 5);
    }
    /* the totals count every verified log, not only the rows shown */
    q = s->db_query(r, "SELECT COALESCE(SUM(status = 'verified'), 0), "
                       "COALESCE(SUM(IF(status = 'verified', minutes, 0)), 0), "
                       "COALESCE(SUM(status = 'submitted'), 0), "
                       "COALESCE(SUM(status = 'returned'), 0) "
                       "FROM volunteer_logs WHERE child_id = ?", "i", child);
    if (!q || !s->db_next(q))
        return -1;
    long long done = vol_num(s->db_col(q, 0)), minutes = vol_num(s->db_col(q, 1));
    long long pending = vol_num(s->db_col(q, 2)), returned = vol_num(s->db_col(q, 3));
    const char *note = s->sprintf(r, "经乡镇核实的服务共 %lld 次，合计 %lld 小时 %lld 分钟",
                                  done, minutes / 60, minutes % 60);
    if (done > PANEL_ROWS)
        note = s->sprintf(r, "%s（表中为最近 %d 次）", note, PANEL_ROWS);
    if (pending || returned)
        note = s->sprintf(r, "%s；另有待核实 %lld 条、已退回 %lld 条，不计入", note, pending,
                          returned);
    put(r, s, prefix, "Note", s->sprintf(r, "%s。", note));
    return n;
}

/* ------------------------------------------------------------ care */

static int care_panel(portal_req *r, const struct portal_services *s, long long child,
                      const char *prefix)
{
    static const char *const cols[] = {"关爱方式", "提供方", "开始日期", "备注", "结束"};
    s->panel_cells(r, prefix, -1, cols, 5);
    portal_rows *q;
    if (s->panel_rows(r, child, "volunteer_care_matches",
                    "SELECT f.kind, f.offerer, f.offerer_kind, m.start_date, m.notes, m.end_date, "
                    "m.end_reason FROM volunteer_care_matches m JOIN volunteer_care_offers f ON "
                    "f.id = m.offer_id WHERE m.child_id = ? ORDER BY m.start_date DESC, m.id DESC "
                    "LIMIT 100", &q) < 0)
        return -1;
    int n = 0;
    while (q && s->db_next(q)) {
        const char *okind = s->db_col(q, 2);
        const char *cells[5] = {
            s->label(r, "volunteer.care_kind", s->db_col(q, 0)),
            s->sprintf(r, "%s（%s）", s->db_col(q, 1),
                       s->label(r, "volunteer.offerer", okind && *okind ? okind : "family")),
            s->db_col(q, 3), s->db_col(q, 4),
            s->db_col(q, 5) ? s->sprintf(r, "%s（%s）", s->db_col(q, 5),
                                         s->db_col(q, 6) ? s->db_col(q, 6) : "")
                            : "进行中"};
        s->panel_cells(r, prefix, n++, cells, 5);
    }
    if (s->has_perm(r, "volunteer.manage"))
        put(r, s, prefix, "Link", "/volunteer/care");
    return n;
}

/* ------------------------------------------------------------ donations */

static int donations_panel(portal_req *r, const struct portal_services *s, long long child,
                           const char *prefix)
{
    static const char *const cols[] = {"捐赠方", "捐款（元）", "捐赠物资", "认捐日期",
                                       "送达日期", "状态"};
    s->panel_cells(r, prefix, -1, cols, 6);
    portal_rows *q;
    int given = s->panel_rows(r, child, "volunteer_donations",
                            "SELECT donor, money_fen, goods, pledged_date, delivered_date, status "
                            "FROM volunteer_donations WHERE child_id = ? "
                            "ORDER BY pledged_date DESC, id DESC LIMIT 100", &q);
    if (given < 0)
        return -1;
    int n = 0;
    while (q && s->db_next(q)) {
        const char *money = s->db_col(q, 1), *st = s->db_col(q, 5);
        const char *cells[6] = {
            s->db_col(q, 0), money ? s->fen_to_yuan(r, vol_num(money)) : "—",
            s->db_col(q, 2) && *s->db_col(q, 2) ? s->db_col(q, 2) : "—", s->db_col(q, 3),
            s->db_col(q, 4) ? s->db_col(q, 4) : "未送达",
            s->label(r, "volunteer.donation_status", st)};
        s->panel_cells(r, prefix, n++, cells, 6);
    }
    q = !given ? NULL : s->db_query(r, "SELECT COUNT(*), COALESCE(SUM(money_fen), 0), "
                       "COALESCE(SUM(IF(status = 'delivered', money_fen, 0)), 0) "
                       "FROM volunteer_donations WHERE child_id = ?", "i", child);
    if (given && (!q || !s->db_next(q)))
        return -1;
    if (q && vol_num(s->db_col(q, 0)) > 0)
        put(r, s, prefix, "Note",
            s->sprintf(r, "共 %s 笔，认捐金额合计 %s 元，其中已交付 %s 元。", s->db_col(q, 0),
                          s->fen_to_yuan(r, vol_num(s->db_col(q, 1))),
                          s->fen_to_yuan(r, vol_num(s->db_col(q, 2)))));
    if (s->has_perm(r, "volunteer.manage"))
        put(r, s, prefix, "Link", "/volunteer/projects");
    return n;
}

/* the tables of the panels' rows (a child in none of them costs no query) */
static const char *const logs_tables[] = {"volunteer_logs", NULL};
static const char *const care_tables[] = {"volunteer_care_matches", NULL};
static const char *const donations_tables[] = {"volunteer_donations", NULL};

const struct portal_child_panel vol_child_panels[] = {
    {"社会力量服务", NULL, services_panel, logs_tables},
    {"爱心寄养与助养", NULL, care_panel, care_tables},
    {"受赠记录", NULL, donations_panel, donations_tables},
    {NULL, NULL, NULL}};
