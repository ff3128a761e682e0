/*
 * sharing.c - the sharing register on the child's file (issue 19 item 4):
 * every disclosure of the child's data to an organisation outside civil
 * affairs (the host writes the rows: child_link for a school, a hospital,
 * a provider, an NGO; export_begin for an export that is a disclosure: to
 * another department or a higher level, or with full ID numbers - the
 * export's row, and export_children says which children it held).
 */
#include "privacy.h"

#include <stdlib.h>

/* where a child's rows of the register are: a child in neither (most
 * children) costs the panel no query (child_has, ABI 2.14) */
const char *const sharing_panel_tables[] = {"disclosures", "export_children", NULL};

/* the child panel (ABI 1.5): the sharing register's rows of a child,
 * newest first; the guardian's copy shows the same panel.  Rows or -1 */
int sharing_panel_fill(portal_req *r, svc *s, long long child_id, const char *prefix)
{
    static const char *const cols[] = {"时间", "接收单位", "数据类别", "依据", "导出编号"};
    s->panel_cells(r, prefix, -1, cols, 5);
    int own = s->child_has(r, child_id, sharing_panel_tables[0]);
    int exported = s->child_has(r, child_id, sharing_panel_tables[1]);
    if (own < 0 || exported < 0)
        return -1;
    /* the child's own rows (links), and the exports that held the child */
    portal_rows *q = !own && !exported ? NULL : s->db_query(r, "SELECT DATE_FORMAT(at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), "
                                 "recipient, categories, basis, export_no FROM (SELECT "
                                 "d.disclosed_at AS at, d.id, d.recipient, d.categories, d.basis, "
                                 "'' AS export_no FROM disclosures d WHERE d.child_id = ? UNION "
                                 "ALL SELECT d.disclosed_at, d.id, d.recipient, d.categories, "
                                 "d.basis, CAST(d.export_id AS CHAR) FROM export_children x JOIN "
                                 "disclosures d ON d.export_id = x.export_id AND d.child_id IS "
                                 "NULL WHERE x.child_id = ?) u ORDER BY at DESC, id DESC LIMIT 200",
                                 "ii", child_id, child_id);
    if (!q && (own || exported))
        return -1;
    int n = 0;
    while (q && s->db_next(q)) {
        const char *cells[5];
        for (int i = 0; i < 5; i++)
            cells[i] = s->db_col(q, i);
        s->panel_cells(r, prefix, n++, cells, 5);
    }
    s->set(r, s->sprintf(r, "%s.Note", prefix), n ? "向民政系统以外单位提供该儿童信息的记录（关联学校、医院、康复机构、社会组织，"
                                                    "向上级或其他部门报送、导出完整身份证号时自动登记）。"
                                                  : "尚无向民政系统以外单位提供该儿童信息的记录。");
    s->set(r, s->sprintf(r, "%s.Link", prefix), s->sprintf(r, "/privacy/children/%lld/copy",
                                                            child_id));
    return n;
}
