/*
 * document.c - the issued bulletin and the yearly appraisal as Word
 * documents (.docx, the host's docx_send), to print or send as they are:
 * the same frozen numbers as the bulletin's page (its own copy), the same
 * scores as the appraisal's page.  Only figures of townships and
 * departments: no child is named, so no export_begin.
 */
#include "supervision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARTS_MAX 64

struct doc {
    struct portal_doc_part p[PARTS_MAX + 1];
    int n;
};

static void doc_text(struct doc *d, int kind, const char *text)
{
    if (d->n < PARTS_MAX)
        d->p[d->n++] = (struct portal_doc_part){.kind = kind, .text = text};
}

static void doc_table(struct doc *d, int cols, int rows, const char *const *cells)
{
    if (d->n < PARTS_MAX)
        d->p[d->n++] = (struct portal_doc_part){.kind = PD_TABLE, .cols = cols, .rows = rows,
                                                .cells = cells};
}

/* the county's rates: indicator, department, met/due, rate (then the score) */
static void county_table(portal_req *r, const struct portal_services *s, struct doc *d,
                         const struct sv_table *tb)
{
    int rows = tb->ni + 2;
    const char **c = s->alloc(r, sizeof *c * 4 * (size_t)rows);
    c[0] = "指标", c[1] = "主管部门", c[2] = "达标数/应达标数", c[3] = "比率";
    for (int i = 0; i < tb->ni; i++) {
        const char **row = c + 4 * (i + 1);
        row[0] = sv_indicators[i].title;
        row[1] = sv_indicators[i].dept;
        row[2] = s->sprintf(r, "%lld/%lld", tb->cnum[i], tb->cden[i]);
        row[3] = sv_pct(r, s, tb->cden[i] > 0 ? tb->cnum[i] * 1000 / tb->cden[i] : -1);
    }
    const char **last = c + 4 * (rows - 1);
    last[0] = "全县综合得分", last[1] = "", last[2] = "", last[3] = sv_pct(r, s, tb->score);
    doc_table(d, 4, rows, c);
}

/* the townships by rank: rank, name, score, each indicator's rate (with its
 * points when `points`: the appraisal's breakdown) */
static void towns_table(portal_req *r, const struct portal_services *s, struct doc *d,
                        const struct sv_table *tb, int points)
{
    int cols = tb->ni + 3, rows = 1;
    const char **c = s->alloc(r, sizeof *c * (size_t)cols * (size_t)(tb->nt + 1));
    c[0] = "排名", c[1] = "乡镇（街道）", c[2] = "综合得分";
    for (int i = 0; i < tb->ni; i++)
        c[3 + i] = points ? s->sprintf(r, "%s（权重%lld）", sv_indicators[i].title, tb->w[i])
                          : sv_indicators[i].title;
    for (int k = 0; k < tb->nt; k++) {
        const struct sv_town *t = &tb->t[k];
        if (t->rank <= 0 && !points)
            continue;
        const char **row = c + (size_t)cols * (size_t)rows++;
        row[0] = t->rank > 0 ? s->sprintf(r, "%d", t->rank) : "—";
        row[1] = t->name;
        row[2] = sv_pct(r, s, t->score);
        for (int i = 0; i < tb->ni; i++) {
            long long pm = t->den[i] > 0 ? t->num[i] * 1000 / t->den[i] : -1;
            row[3 + i] = pm < 0 || !points ? sv_pct(r, s, pm)
                : s->sprintf(r, "%s（%lld/%lld）", sv_pct(r, s, pm), t->num[i], t->den[i]);
        }
    }
    doc_table(d, cols, rows, c);
}

static const char *best_worst(portal_req *r, const struct portal_services *s,
                              const struct sv_table *tb)
{
    const struct sv_town *best = NULL, *worst = NULL;
    for (int k = 0; k < tb->nt; k++)
        if (tb->t[k].rank > 0) {
            if (!best)
                best = &tb->t[k];
            worst = &tb->t[k];
        }
    if (!best)
        return "本月没有可排名的乡镇（街道）。";
    const char *t = s->sprintf(r, "综合得分最高：%s（%s），予以通报表扬。", best->name,
                               sv_pct(r, s, best->score));
    if (worst != best)
        t = s->sprintf(r, "%s综合得分最低：%s（%s），请认真查找原因、限期整改。", t, worst->name,
                       sv_pct(r, s, worst->score));
    return t;
}

static const char *overdue_kind(const char *kind)
{
    return strcmp(kind, "applications") == 0 ? "逾期未办结的申请"
        : strcmp(kind, "reports") == 0 ? "超过24小时未确认安全的强制报告"
        : "逾期未办结的辍学劝返";
}

/* the bulletin's frozen overdue items by township */
static int overdue_table(portal_req *r, const struct portal_services *s, struct doc *d,
                         long long id)
{
    portal_rows *q = s->db_query(r, "SELECT COALESCE(d.name, o.township_code), o.kind, o.n FROM "
                                 "supervision_bulletin_overdue o LEFT JOIN divisions d ON d.code "
                                 "= o.township_code WHERE o.bulletin_id = ? ORDER BY "
                                 "o.township_code, o.kind LIMIT 3000", "i", id);
    if (!q)
        return -1;
    const char **c = s->alloc(r, sizeof *c * 3 * 3001);
    int rows = 1;
    c[0] = "乡镇（街道）", c[1] = "事项", c[2] = "件数";
    while (s->db_next(q)) {
        c[3 * rows] = s->db_col(q, 0);
        c[3 * rows + 1] = overdue_kind(s->db_col(q, 1));
        c[3 * rows + 2] = s->db_col(q, 2);
        rows++;
    }
    if (rows == 1)
        doc_text(d, PD_PARA, "没有逾期事项。");
    else
        doc_table(d, 3, rows, c);
    return 0;
}

static void definitions(portal_req *r, const struct portal_services *s, struct doc *d)
{
    const char *t = "";
    for (int i = 0; sv_indicators[i].code; i++)
        t = s->sprintf(r, "%s%s%s：%s", t, *t ? "\n" : "", sv_indicators[i].title,
                       sv_indicators[i].definition);
    doc_text(d, PD_PARA, t);
}

int bulletin_docx_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    portal_rows *q = s->db_query(r, "SELECT DATE_FORMAT(b.month, '%Y-%m'), b.title, b.remarks, "
                                 "DATE(b.issued_at + INTERVAL 8 HOUR), b.version, b.reason, "
                                 "n.version FROM supervision_bulletins b LEFT JOIN "
                                 "supervision_bulletins n ON n.id = b.superseded_by WHERE b.id = "
                                 "?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    const char *ym = s->db_col(q, 0), *title = s->db_col(q, 1), *remarks = s->db_col(q, 2);
    const char *day = s->db_col(q, 3), *on = sv_month_last(r, s, ym);
    struct sv_table tb;
    struct doc d = {.n = 0};
    if (!on || sv_table_load(r, s, "bulletin", s->sprintf(r, "%lld", id), on, &tb) != 0)
        return 500;
    doc_text(&d, PD_TITLE, title);
    doc_text(&d, PD_RIGHT, s->sprintf(r, "酉阳县民政局　%s 印发", day));
    if (s->db_col(q, 6))
        doc_text(&d, PD_PARA, s->sprintf(r, "本通报已被更正，以第%s版为准；本版保留存档。",
                                         s->db_col(q, 6)));
    if (atoll(s->db_col(q, 4)) > 1)
        doc_text(&d, PD_PARA, s->sprintf(r, "本版为第%s版，更正原因：%s", s->db_col(q, 4),
                                         s->db_col(q, 5)));
    doc_text(&d, PD_HEADING, "一、全县总体情况");
    county_table(r, s, &d, &tb);
    doc_text(&d, PD_HEADING, "二、各乡镇（街道）情况及排名");
    towns_table(r, s, &d, &tb, 0);
    doc_text(&d, PD_HEADING, "三、先进与落后");
    doc_text(&d, PD_PARA, best_worst(r, s, &tb));
    doc_text(&d, PD_HEADING, "四、逾期事项");
    if (overdue_table(r, s, &d, id) != 0)
        return 500;
    if (remarks && *remarks) {
        doc_text(&d, PD_HEADING, "五、工作要求");
        doc_text(&d, PD_PARA, remarks);
    }
    doc_text(&d, PD_RIGHT, s->sprintf(r, "酉阳县民政局\n%s", day));
    doc_text(&d, PD_HEADING, "附：指标定义");
    definitions(r, s, &d);
    s->audit(r, "supervision.bulletin.export", "supervision_bulletin", s->sprintf(r, "%lld", id),
             "docx");
    return s->docx_send(r, s->sprintf(r, "督查通报-%s.docx", ym), 1, d.p);
}

int appraisal_docx_get(portal_req *r, const struct portal_services *s)
{
    const char *town = sv_viewer_township(r, s), *today = s->today(r);
    long long year = s->param_int(r, "year", atoll(today));
    if (!town || *town)
        return s->refuse(r, 403, "page", "supervision.appraisal.docx", "not county-wide",
                         "只有县级工作人员可以导出全县考核。");
    if (year < 2000 || year > 2100)
        return s->fail(r, 400, "年度不正确。");
    const char *y = s->sprintf(r, "%lld", year), *last = s->sprintf(r, "%s-12-31", y);
    const char *on = strcmp(last, today) < 0 ? last : today;
    struct sv_table tb;
    struct doc d = {.n = 0};
    if (sv_table_load(r, s, "year", y, on, &tb) != 0)
        return 500;
    doc_text(&d, PD_TITLE, s->sprintf(r, "%s年度困境儿童保障工作考核", y));
    doc_text(&d, PD_PARA, s->sprintf(r, "按%s年已计算月份的指标汇总；各指标比率按 %s 施行的考核"
                                     "权重加权平均得到综合得分，括号内为达标数/应达标数。", y, on));
    doc_text(&d, PD_HEADING, "一、乡镇（街道）得分");
    towns_table(r, s, &d, &tb, 1);
    doc_text(&d, PD_HEADING, "二、全县总体情况");
    county_table(r, s, &d, &tb);
    doc_text(&d, PD_RIGHT, s->sprintf(r, "酉阳县民政局\n%s", today));
    s->audit(r, "supervision.appraisal.export", "supervision_appraisal", y, "docx");
    return s->docx_send(r, s->sprintf(r, "年度考核-%s.docx", y), 1, d.p);
}
