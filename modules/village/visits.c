/*
 * visits.c - the director's pages: home, my children with the next visit
 * due, the visit form (a checklist of concerns, what the family was told and
 * helped to apply for, an optional photo), a visit's page with the next step
 * of each concern one tap away (a mandatory report to the guardianship
 * module, an application in the module concerned), and the visits section
 * of the child's file.  Each visit is an event on the child's timeline.
 * A form sent twice (a retry on a poor network) is answered by the host's
 * request token with the first visit; the browser keeps a draft (draft.js).
 */
#include "village.h"

#include <stdlib.h>
#include <string.h>

/* a concern's next step: a mandatory report (强制报告: harm, suspected harm
 * or danger, reported at once) or an application in the module concerned */
static const struct {
    const char *code;
    int report;
    const char *title, *link; /* link: a local path the child's id ends */
    const char *perm;         /* the user needs it to follow the link */
} steps[] = {
    {"no_carer", 1, NULL, NULL, NULL},
    {"injury", 1, NULL, NULL, NULL},
    {"sexual_abuse", 1, NULL, NULL, NULL},
    {"malnutrition", 1, NULL, NULL, NULL},
    {"self_harm", 1, NULL, NULL, NULL},
    {"begging", 1, NULL, NULL, NULL},
    {"no_living", 0, "申请基本生活保障", "/living/apply?child=", "living.apply"},
    {"medical", 0, "一门受理：医疗", "/village/intake/new?need=medical&child=", "village.intake"},
    {"dropout", 0, "一门受理：教育", "/village/intake/new?need=education&child=",
     "village.intake"},
    {"no_hukou", 0, "一门受理：户口登记", "/village/intake/new?need=hukou&child=",
     "village.intake"},
    {"housing", 0, "一门受理：住房", "/village/intake/new?need=housing&child=",
     "village.intake"},
};

const struct portal_param visit_params[] = {
    {"visit_date", PP_DATE, 10, 1, "走访日期"},
    {"kind", PP_CODE, 16, 1, "方式"},
    {"seen", PP_TEXT, 200, 1, "见到的人"},
    {"living", PP_TEXT, 500, 0, "生活状况"},
    {"care", PP_TEXT, 500, 0, "监护照料"},
    {"schooling", PP_TEXT, 500, 0, "就学"},
    {"health", PP_TEXT, 500, 0, "健康"},
    {"concern", PP_CODE, 32, 0, "发现的问题"},
    {"concern_note", PP_LINES, 2000, 0, "问题说明"},
    {"told", PP_LINES, 1000, 1, "告知家庭的政策"},
    {"help", PP_CODE, 32, 0, "帮助申请"},
    {"photo", PP_FILE, 0, 0, "照片"},
    {NULL, 0, 0, 0, NULL}};

int home_get(portal_req *r, const struct portal_services *s)
{
    const char *week = s->date_add(r, s->today(r), 7, 0);
    int n = vil_plan_hdf(r, s, "Due", week, 0);
    if (n < 0)
        return 500;
    s->set_int(r, "Director", vil_is_director(r, s) == 1);
    s->set_int(r, "Supervisor", s->has_perm(r, "village.supervise"));
    s->set_int(r, "Surveyor", s->has_perm(r, "village.survey"));
    const char *sa, *w = s->scope_where(r, "village_code", &sa);
    if (s->db_query_hdf(r, "Villages", s->sprintf(r, "SELECT village_code AS code FROM "
                        "village_directors WHERE user_id = ? AND end_date IS NULL AND %s "
                        "ORDER BY village_code", w), "is", s->user(r)->id, sa) < 0)
        return 500;
    return s->render(r, "home.cs", "儿童主任");
}

int child_list_get(portal_req *r, const struct portal_services *s)
{
    int due = s->param_int(r, "due", 0) == 1;
    if (vil_plan_hdf(r, s, "Children", due ? s->today(r) : NULL, 0) < 0)
        return 500;
    s->set_int(r, "DueOnly", due);
    return s->render(r, "child_list.cs", due ? "到期应走访" : "我的儿童");
}

/* the child of the route, refused (audited 404) when a director does not
 * cover its village; NULL then */
static const struct portal_child *route_child(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = s->object(r)->data;
    if (vil_covers(r, s, c->village_code))
        return c;
    s->not_found(r, "child", vil_id(r, s, c->id));
    return NULL;
}

static int visit_form(portal_req *r, const struct portal_services *s,
                      const struct portal_child *c, int status)
{
    s->child_hdf(r, "Child", c);
    s->labels_hdf(r, "Kinds", "village.kind");
    s->labels_hdf(r, "Concerns", "village.concern");
    s->labels_hdf(r, "Helps", "village.help");
    if (vil_plan_hdf(r, s, "Plan", NULL, c->id) < 0)
        return 500;
    for (int i = 0; s->param_n(r, "concern", i); i++)
        s->set(r, s->sprintf(r, "Checked.concern.%s", s->param_n(r, "concern", i)), "1");
    for (int i = 0; s->param_n(r, "help", i); i++)
        s->set(r, s->sprintf(r, "Checked.help.%s", s->param_n(r, "help", i)), "1");
    s->set(r, "Today", s->today(r));
    s->set(r, "DraftKey", s->sprintf(r, "village-visit-%lld-%lld", s->user(r)->id, c->id));
    s->render(r, "visit_form.cs", s->sprintf(r, "走访：%s", c->name));
    return status;
}

int visit_form_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = route_child(r, s);
    if (!c)
        return 404;
    s->set(r, "Form.visit_date", s->today(r));
    s->set(r, "Form.kind", "visit");
    return visit_form(r, s, c, 200);
}

/* the checked codes of a repeated field, comma-separated; NULL when one
 * is not a label of kind (form_error said so) */
static const char *codes(portal_req *r, const struct portal_services *s, const char *field,
                         const char *kind)
{
    const char *out = "";
    for (int i = 0; s->param_n(r, field, i); i++) {
        const char *v = s->param_n(r, field, i);
        if (!vil_is_label(kind, v)) {
            s->form_error(r, field, "请从列表中选择。");
            return NULL;
        }
        out = *out ? s->sprintf(r, "%s,%s", out, v) : v;
    }
    return out;
}

static void visit_check(portal_req *r, const struct portal_services *s,
                        const struct portal_child *c)
{
    const char *day = s->param(r, "visit_date");
    if (strcmp(day, s->today(r)) > 0)
        s->form_error(r, "visit_date", "走访日期不能晚于今天。");
    else if (strcmp(day, c->birth_date) < 0)
        s->form_error(r, "visit_date", "走访日期不能早于儿童出生日期。");
    if (!vil_is_label("village.kind", s->param(r, "kind")))
        s->form_error(r, "kind", "请选择走访方式。");
    if (!*s->trim(r, s->param(r, "seen")))
        s->form_error(r, "seen", "请填写见到的人（儿童本人、监护人等）。");
    if (!*s->trim(r, s->param(r, "told")))
        s->form_error(r, "told", "请填写向家庭告知了哪些政策。");
}

/* the optional photo: 0 none or stored into *f, else the status answered */
static int visit_photo(portal_req *r, const struct portal_services *s, struct portal_file *f,
                       int *has)
{
    size_t len = 0;
    const char *fn = NULL, *ct = NULL;
    const void *data = s->upload(r, "photo", &len, &fn, &ct);
    *has = data && len > 0;
    return *has ? s->file_store(r, data, len, 1, f) : 0;
}

static long long visit_insert(portal_req *r, const struct portal_services *s,
                              const struct portal_child *c, const char *concerns,
                              const char *helped, const struct portal_file *f)
{
    const char *note = s->trim(r, s->param(r, "concern_note"));
    size_t elen = 0;
    const void *enc = *note ? s->encrypt(r, note, &elen) : NULL;
    if (*note && !enc)
        return 0;
    if (s->db_exec(r, "INSERT INTO village_visits (child_id, village_code, township_code, "
                      "visit_date, kind, seen, living, care, schooling, health, concerns, "
                      "concern_enc, told, helped, photo_stored, photo_sha256, photo_ctype, "
                      "photo_size, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
                   "i" "ssssssssss" "b" "sssss" "ii", c->id, c->village_code, c->township_code,
                   s->param(r, "visit_date"), s->param(r, "kind"),
                   s->trim(r, s->param(r, "seen")), s->trim(r, s->param(r, "living")),
                   s->trim(r, s->param(r, "care")), s->trim(r, s->param(r, "schooling")),
                   s->trim(r, s->param(r, "health")), concerns, enc, elen,
                   s->trim(r, s->param(r, "told")), helped, f ? f->stored : NULL,
                   f ? f->sha256 : NULL, f ? f->ctype : NULL, f ? (long long)f->len : 0LL,
                   s->user(r)->id) != 1)
        return 0;
    return s->db_insert_id(r);
}

/* the timeline's line: the day, the kind, who was seen, the concerns */
static const char *visit_summary(portal_req *r, const struct portal_services *s,
                                 const char *concerns)
{
    const char *out = s->sprintf(r, "%s（%s）：见到%s", s->label(r, "village.kind",
                                 s->param(r, "kind")), s->param(r, "visit_date"),
                                 s->trim(r, s->param(r, "seen")));
    int n = 0;
    for (int i = 0; s->param_n(r, "concern", i); i++, n++)
        out = s->sprintf(r, "%s%s%s", out, n ? "、" : "；发现：",
                         s->label(r, "village.concern", s->param_n(r, "concern", i)));
    return *concerns ? out : s->sprintf(r, "%s；未发现问题", out);
}

int visit_create_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = route_child(r, s);
    if (!c)
        return 404;
    visit_check(r, s, c);
    const char *concerns = codes(r, s, "concern", "village.concern");
    const char *helped = codes(r, s, "help", "village.help");
    if (s->form_failed(r))
        return visit_form(r, s, c, 400);
    struct portal_file f;
    int has = 0, st = visit_photo(r, s, &f, &has);
    if (st)
        return st;
    long long id = visit_insert(r, s, c, concerns, helped, has ? &f : NULL);
    if (!id || s->child_event(r, c->id, "visit.recorded", visit_summary(r, s, concerns)) != 0)
        return 500;
    s->audit(r, "village.visit.create", "village_visit", vil_id(r, s, id),
             s->sprintf(r, "child=%lld kind=%s concerns=%s", c->id, s->param(r, "kind"),
                        concerns));
    s->flash(r, *concerns ? "走访已保存。发现的问题请按下方提示立即处理。" : "走访已保存。");
    return s->redirect(r, s->sprintf(r, "/village/visits/%lld", id));
}

/* ------------------------------------------------------ a visit's page */

int vil_visit_load(portal_req *r, const struct portal_services *s, long long id,
                   struct portal_object *o)
{
    return vil_child_object(r, s, s->db_query(r, "SELECT v.child_id, c.village_code FROM "
                                                 "village_visits v JOIN children c ON c.id = "
                                                 "v.child_id WHERE v.id = ?", "i", id), o);
}

/* Offers.N.{title,link}: what the concerns of the visit call for (no link:
 * the user cannot open it; the page says where to go); Report: the report */
static void put_offers(portal_req *r, const struct portal_services *s, long long child,
                       const char *concerns)
{
    int n = 0, report = 0;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        const char *p = strstr(concerns, steps[i].code);
        size_t len = strlen(steps[i].code);
        if (!p || (p != concerns && p[-1] != ',') || (p[len] && p[len] != ','))
            continue;
        if (steps[i].report) {
            report = 1;
            continue;
        }
        s->set(r, s->sprintf(r, "Offers.%d.title", n), steps[i].title);
        if (s->has_perm(r, steps[i].perm))
            s->set(r, s->sprintf(r, "Offers.%d.link", n), s->sprintf(r, "%s%lld",
                                                                    steps[i].link, child));
        n++;
    }
    if (report)
        s->set(r, "Report", s->sprintf(r, "/guardianship/report/new?child=%lld&source=village",
                                       child));
}

/* a comma list of codes as prefix.N = their titles */
static void put_list(portal_req *r, const struct portal_services *s, const char *prefix,
                     const char *list, const char *kind)
{
    int n = 0;
    for (const char *p = list; p && *p; n++) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        s->set(r, s->sprintf(r, "%s.%d", prefix, n),
               s->label(r, kind, s->sprintf(r, "%.*s", (int)len, p)));
        p += len + (e ? 1 : 0);
    }
}

int visit_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    portal_rows *q = s->db_query(r, "SELECT v.*, u.display_name AS director FROM village_visits "
                                    "v JOIN users u ON u.id = v.user_id WHERE v.id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    s->put_row(r, "Visit", q);
    int ci = s->col_index(q, "concern_enc");
    if (s->db_col(q, ci)) {
        const char *note = s->decrypt(r, s->db_col(q, ci), s->db_col_len(q, ci));
        if (!note)
            return 500;
        s->set(r, "Visit.concern_note", note);
    }
    const char *concerns = s->col(q, "concerns");
    put_list(r, s, "Found", concerns, "village.concern");
    put_list(r, s, "Helped", s->col(q, "helped"), "village.help");
    const struct portal_child *c = s->child(r, s->object(r)->child_id);
    if (!c)
        return 404;
    s->child_hdf(r, "Child", c);
    put_offers(r, s, c->id, concerns);
    s->set(r, "DraftKey", s->sprintf(r, "village-visit-%lld-%lld", s->user(r)->id, c->id));
    s->audit(r, "village.visit.read", "child", vil_id(r, s, c->id), s->sprintf(r, "visit=%lld",
                                                                               id));
    return s->render(r, "visit.cs", s->sprintf(r, "走访记录：%s", c->name));
}

int visit_photo_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    portal_rows *q = s->db_query(r, "SELECT photo_stored, photo_size, photo_sha256, photo_ctype "
                                    "FROM village_visits WHERE id = ? AND photo_stored IS NOT "
                                    "NULL", "i", id);
    if (!q || !s->db_next(q))
        return s->not_found(r, "village_visit", vil_id(r, s, id));
    const char *ct = s->db_col(q, 3);
    int st = s->file_send(r, s->db_col(q, 0), vil_num(s->db_col(q, 1)), s->db_col(q, 2), ct,
                          s->sprintf(r, "走访照片-%lld.%s", id, strstr(ct, "png") ? "png" : "jpg"),
                          1);
    if (st == 200)
        s->audit(r, "village.photo.read", "child", vil_id(r, s, s->object(r)->child_id),
                 s->sprintf(r, "visit=%lld", id));
    return st;
}

/* ------------------------------------------------ the child's file panel */

static int visits_panel(portal_req *r, const struct portal_services *s, long long child,
                        const char *prefix)
{
    static const char *const cols[] = {"日期", "方式", "儿童主任", "发现的问题"};
    s->panel_cells(r, prefix, -1, cols, 4);
    portal_rows *q;
    if (s->panel_rows(r, child, "village_visits",
                      "SELECT v.visit_date, v.kind, u.display_name, v.concerns FROM village_visits v "
                      "JOIN users u ON u.id = v.user_id WHERE v.child_id = ? "
                      "ORDER BY v.visit_date DESC, v.id DESC LIMIT 50", &q) < 0)
        return -1;
    int n = 0;
    const char *last_visit = NULL; /* the rows' first: the latest visit */
    while (q && s->db_next(q)) {
        if (!n)
            last_visit = s->sprintf(r, "%s", s->db_col(q, 0));
        const char *k = s->db_col(q, 3);
        const char *cells[4] = {s->db_col(q, 0), s->label(r, "village.kind", s->db_col(q, 1)),
                                s->db_col(q, 2), *k ? "有（详见走访记录）" : "无"};
        s->panel_cells(r, prefix, n++, cells, 4);
    }
    long long days = 0;
    const char *due = NULL;
    int late = 0;
    if (vil_plan_one(r, s, child, last_visit, &days, &due, &late) == 1)
        s->set(r, s->sprintf(r, "%s.Note", prefix),
               s->sprintf(r, "走访周期 %lld 天；下次应走访：%s%s", days, due,
                          late ? "（已逾期）" : ""));
    if (s->has_perm(r, "village.visit"))
        s->set(r, s->sprintf(r, "%s.Link", prefix),
               s->sprintf(r, "/village/children/%lld/visit", child));
    return n;
}

/* the table of the panel's rows (a child never visited costs no query for it) */
static const char *const visits_tables[] = {"village_visits", NULL};

const struct portal_child_panel vil_panels[] = {
    {"儿童主任走访", NULL, visits_panel, visits_tables},
    {NULL, NULL, NULL}};
