/*
 * sharing.c - the sharing register on the child's file (issue 19 item 4):
 * every disclosure of the child's data to an organisation outside civil
 * affairs (the host writes the rows: child_link for a school, a hospital,
 * a provider, an NGO; export_begin for an export to another department).
 */
#include "privacy.h"

#include <stdlib.h>

/* the child panel (ABI 1.5): the sharing register's rows of a child,
 * newest first; the guardian's copy shows the same panel.  Rows or -1 */
int sharing_panel_fill(portal_req *r, svc *s, long long child_id, const char *prefix)
{
    static const char *const cols[] = {"时间", "接收单位", "数据类别", "依据"};
    for (int i = 0; i < 4; i++)
        s->set(r, s->sprintf(r, "%s.Cols.%d", prefix, i), cols[i]);
    portal_rows *q = s->db_query(r, "SELECT DATE_FORMAT(disclosed_at + INTERVAL 8 HOUR, "
                                 "'%Y-%m-%d %H:%i'), recipient, categories, basis FROM "
                                 "disclosures WHERE child_id = ? ORDER BY disclosed_at DESC, "
                                 "id DESC LIMIT 200", "i", child_id);
    if (!q)
        return -1;
    int n = 0;
    for (; s->db_next(q); n++)
        for (int i = 0; i < 4; i++)
            s->set(r, s->sprintf(r, "%s.Rows.%d.%d", prefix, n, i), s->db_col(q, i));
    s->set(r, s->sprintf(r, "%s.Note", prefix), n ? "向民政系统以外单位提供该儿童信息的记录（关联学校、医院、康复机构、社会组织时自动登记）。"
                                                  : "尚无向民政系统以外单位提供该儿童信息的记录。");
    s->set(r, s->sprintf(r, "%s.Link", prefix), s->sprintf(r, "/privacy/children/%lld/copy",
                                                            child_id));
    return n;
}
