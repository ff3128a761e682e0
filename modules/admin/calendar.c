/*
 * calendar.c - /admin/calendar: the exceptions to Monday-Friday that the
 * working-day limits count with (system.admin): a holiday on a weekday or
 * a make-up working day on a weekend.  The calendar is a core table
 * (work_calendar); the host does the working-day arithmetic with it.
 */
#include "admin.h"

#include <string.h>

static int calendar_page(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Days",
                        "SELECT day, ELT(WEEKDAY(day) + 1, '一', '二', '三', '四', '五', '六', "
                        " '日') AS weekday, is_workday, note FROM work_calendar "
                        "ORDER BY day DESC LIMIT 500", "") < 0)
        return 500;
    return s->render(r, "calendar.cs", "工作日历");
}

int calendar_get(portal_req *r, const struct portal_services *s) { return calendar_page(r, s); }

/* why the entry cannot be made, NULL when it can (weekday: 0 Monday .. 6 Sunday) */
static const char *calendar_refusal(portal_req *r, const struct portal_services *s, int removing,
                                    const char *kind)
{
    portal_rows *w = s->db_query(r, "SELECT WEEKDAY(?)", "s", arg(r, s, "day"));
    const char *wd = w && s->db_next(w) ? s->db_col(w, 0) : NULL;
    if (!wd)
        return "请填写日期（年-月-日）。";
    if (removing)
        return NULL;
    if (strcmp(kind, "0") && strcmp(kind, "1"))
        return "请选择类型：节假日（休息）或调休上班日。";
    int weekend = wd[0] >= '5';
    if (strcmp(kind, "0") == 0 && weekend)
        return "该日是周末，本来就不上班，无需登记为节假日。";
    if (strcmp(kind, "1") == 0 && !weekend)
        return "该日是周一至周五，本来就是工作日，无需登记为调休上班日。";
    return NULL;
}

int calendar_post(portal_req *r, const struct portal_services *s)
{
    const char *day = arg(r, s, "day"), *kind = arg(r, s, "is_workday"),
               *note = arg(r, s, "note");
    int removing = strcmp(arg(r, s, "remove"), "1") == 0, workday = strcmp(kind, "1") == 0;
    const char *msg = calendar_refusal(r, s, removing, kind);
    if (msg)
        return s->fail(r, 400, msg); /* the calendar again, with what was typed */
    if (removing) {
        if (s->db_exec(r, "DELETE FROM work_calendar WHERE day = ?", "s", day) < 0)
            return 500;
        s->audit(r, "admin.calendar.remove", "work_calendar", day, NULL);
        s->flash(r, s->sprintf(r, "已删除 %s 的登记，恢复按周一至周五计算。", day));
        return s->redirect(r, "/admin/calendar");
    }
    if (s->db_exec(r, "INSERT INTO work_calendar (day, is_workday, note) VALUES (?, ?, TRIM(?)) "
                   "ON DUPLICATE KEY UPDATE is_workday = VALUES(is_workday), note = VALUES(note)",
                   "sis", day, (long long)workday, note) < 0)
        return 500;
    s->audit(r, "admin.calendar.set", "work_calendar", day,
             s->sprintf(r, "%s %s", workday ? "workday" : "holiday", note));
    s->flash(r, s->sprintf(r, "已登记 %s 为%s。", day, workday ? "调休上班日" : "节假日"));
    return s->redirect(r, "/admin/calendar");
}
