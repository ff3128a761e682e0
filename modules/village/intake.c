/*
 * intake.c - 一门受理、协同办理.  A township window records a family's
 * request for a child with the needs ticked; each need becomes an urgent
 * task (task_open) for the department concerned (a dated setting names its
 * organisation code) at the county level, due after intake_days working
 * days.  The department's staff see it in their inbox and answer it here:
 * accepted (with the reference of the application it opened in its own
 * module) or declined with the reason; the task closes.  When every need is
 * answered the township is told and prints one written reply for the
 * family.  A task past its deadline is marked overdue by the master's job
 * and shows on the supervision list (/inbox/escalated) of the county
 * coordinator (妇儿工委办, core.supervise); this module lists it too.
 */
#include "village.h"

#include <string.h>

/* the needs, in the order of the form; the department is a setting */
static const char *const needs[] = {"living", "medical", "education", "guardianship",
                                    "rehabilitation", "hukou", "housing", "employment"};
#define NNEEDS (sizeof needs / sizeof *needs)

const struct portal_param intake_params[] = {
    {"child", PP_INT, 20, 1, "儿童"},
    {"need", PP_CODE, 16, 0, "需求"},
    {"applicant", PP_TEXT, 64, 0, "申请人"},
    {"relation", PP_TEXT, 16, 0, "与儿童关系"},
    {"phone", PP_TEXT, 32, 0, "联系电话"},
    {"request", PP_LINES, 1000, 0, "诉求"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param answer_params[] = {
    {"outcome", PP_CODE, 16, 1, "办理结果"},
    {"app_ref", PP_TEXT, 100, 0, "受理的申请"},
    {"answer", PP_TEXT, 500, 0, "答复意见"},
    {NULL, 0, 0, 0, NULL}};

static int intake_form(portal_req *r, const struct portal_services *s,
                       const struct portal_child *c, int status)
{
    s->child_hdf(r, "Child", c);
    s->labels_hdf(r, "Needs", "village.need");
    for (int i = 0; s->param_n(r, "need", i); i++)
        s->set(r, s->sprintf(r, "Checked.%s", s->param_n(r, "need", i)), "1");
    s->set_int(r, "Days", s->setting_int(r, "intake_days", NULL));
    s->render(r, "intake_form.cs", "一门受理：登记");
    return status;
}

int intake_form_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = s->child(r, s->param_int(r, "child", 0));
    if (!c)
        return 404;
    for (int i = 0; s->param_n(r, "need", i); i++)
        s->set(r, s->sprintf(r, "Checked.%s", s->param_n(r, "need", i)), "1");
    return intake_form(r, s, c, 200);
}

/* the department of a need today: its organisation's id, 0 when the
 * setting names none that exists */
static long long need_org(portal_req *r, const struct portal_services *s, const char *need)
{
    const char *code = s->setting(r, s->sprintf(r, "intake_dept_%s", need), NULL);
    portal_rows *q = code ? s->db_query(r, "SELECT id FROM orgs WHERE code = ? AND active = 1",
                                        "s", code) : NULL;
    return q && s->db_next(q) ? vil_num(s->db_col(q, 0)) : 0;
}

/* one need: its task and its row; 0 ok, else the status answered */
static int need_open(portal_req *r, const struct portal_services *s,
                     const struct portal_child *c, long long intake, const char *need,
                     long long org)
{
    const char *today = s->today(r);
    const char *due = s->date_add(r, today, (int)s->setting_int(r, "intake_days", NULL), 1);
    if (!due)
        return 500;
    long long hours = (s->day_parse(due) - s->day_parse(today)) * 24;
    struct portal_task t = {
        .kind = "intake.need",
        .title = s->sprintf(r, "一门受理：%s（%s）", s->label(r, "village.need", need), c->name),
        .link = s->sprintf(r, "/village/intake/%lld", intake),
        .child_id = c->id,
        .level = "county",
        .org_id = org,
        .permission = "village.answer",
        .hours = (int)(hours < 1 ? 1 : hours > 720 ? 720 : hours),
    };
    long long task = s->task_open(r, &t);
    if (task < 0)
        return s->fail(r, 400, s->task_error(r));
    if (s->db_exec(r, "INSERT INTO village_intake_needs (intake_id, need, org_id, task_id, "
                      "due_date) VALUES (?, ?, ?, ?, ?)", "isiis", intake, need, org, task,
                   due) != 1)
        return 500;
    return 0;
}

/* the ticked needs checked, each with its department; the count */
static int intake_check(portal_req *r, const struct portal_services *s, long long *orgs)
{
    int n = 0;
    for (int i = 0; s->param_n(r, "need", i); i++) {
        const char *v = s->param_n(r, "need", i);
        size_t k = 0;
        while (k < NNEEDS && strcmp(needs[k], v) != 0)
            k++;
        if (k == NNEEDS) {
            s->form_error(r, "need", "请从列表中选择需求。");
            return 0;
        }
        if (!orgs[k] && !(orgs[k] = need_org(r, s, v)))
            s->form_error(r, "need", s->sprintf(r, "“%s”尚未设置承办部门，请联系模块管理员。",
                                                s->label(r, "village.need", v)));
        n++;
    }
    if (!n)
        s->form_error(r, "need", "请至少勾选一项需求。");
    if (!*s->trim(r, s->param(r, "applicant")))
        s->form_error(r, "applicant", "请填写申请人。");
    if (!*s->trim(r, s->param(r, "request")))
        s->form_error(r, "request", "请填写家庭的诉求。");
    return n;
}

int intake_create_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = s->child(r, s->param_int(r, "child", 0));
    if (!c)
        return 404;
    long long orgs[NNEEDS] = {0};
    intake_check(r, s, orgs);
    if (s->form_failed(r))
        return intake_form(r, s, c, 400);
    if (s->db_exec(r, "INSERT INTO village_intakes (child_id, village_code, township_code, "
                      "applicant, relation, phone, request, created_by, created_at) VALUES "
                      "(?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())", "issssssi", c->id,
                   c->village_code, c->township_code, s->trim(r, s->param(r, "applicant")),
                   s->trim(r, s->param(r, "relation")), s->trim(r, s->param(r, "phone")),
                   s->trim(r, s->param(r, "request")), s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    for (size_t k = 0; k < NNEEDS; k++)
        if (orgs[k]) {
            int st = need_open(r, s, c, id, needs[k], orgs[k]);
            if (st)
                return st;
        }
    if (s->child_event(r, c->id, "intake.open", s->sprintf(r, "一门受理登记（%lld）："
                                                              "转有关部门协同办理", id)) != 0)
        return 500;
    s->audit(r, "village.intake.create", "village_intake", vil_id(r, s, id), NULL);
    s->flash(r, "已受理，各项需求已转有关部门办理。");
    return s->redirect(r, s->sprintf(r, "/village/intake/%lld", id));
}

int vil_intake_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o)
{
    return vil_child_object(r, s, s->db_query(r, "SELECT i.child_id, c.village_code FROM "
                                                 "village_intakes i JOIN children c ON c.id = "
                                                 "i.child_id WHERE i.id = ?", "i", id), o);
}

static int intake_hdf(portal_req *r, const struct portal_services *s, long long id)
{
    if (s->db_row_hdf(r, "Intake", "SELECT i.*, u.display_name AS clerk, c.name AS child_name "
                      "FROM village_intakes i JOIN users u ON u.id = i.created_by JOIN "
                      "children c ON c.id = i.child_id WHERE i.id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Needs", "SELECT n.*, o.name AS dept, n.status = 'open' AND "
                        "n.due_date < ? AS late, n.org_id = ? AS mine, u.display_name AS "
                        "answerer FROM village_intake_needs n JOIN orgs o ON o.id = n.org_id "
                        "LEFT JOIN users u ON u.id = n.answered_by WHERE n.intake_id = ? "
                        "ORDER BY n.id", "sii", s->today(r), s->user(r)->org_id, id) < 0)
        return -1;
    return 0;
}

int intake_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (!s->has_perm(r, "village.intake") && !s->has_perm(r, "village.answer"))
        return s->refuse(r, 403, "village_intake", vil_id(r, s, id), "no intake permission",
                         NULL);
    if (intake_hdf(r, s, id) != 0)
        return 500;
    s->set_int(r, "CanAnswer", s->has_perm(r, "village.answer"));
    s->audit(r, "village.intake.read", "child", vil_id(r, s, s->object(r)->child_id),
             s->sprintf(r, "intake=%lld", id));
    return s->render(r, "intake.cs", "一门受理");
}

int intake_reply_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (!s->has_perm(r, "village.intake"))
        return s->refuse(r, 403, "village_intake", vil_id(r, s, id), "no village.intake", NULL);
    if (intake_hdf(r, s, id) != 0)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT status FROM village_intakes WHERE id = ?", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    if (strcmp(s->db_col(q, 0), "answered") != 0)
        return s->fail(r, 409, "还有部门未答复，全部答复后才能出具答复书。");
    s->set(r, "Today", s->today(r));
    s->audit(r, "village.intake.reply", "child", vil_id(r, s, s->object(r)->child_id),
             s->sprintf(r, "intake=%lld", id));
    return s->render(r, "intake_reply.cs", "一门受理答复书");
}

/* the need of the route, for the department it was sent to */
static portal_rows *route_need(portal_req *r, const struct portal_services *s, long long id)
{
    portal_rows *q = s->db_query(r, "SELECT n.intake_id, n.task_id, n.status, n.org_id, n.need, "
                                    "c.village_code, i.child_id FROM village_intake_needs n "
                                    "JOIN village_intakes i ON i.id = n.intake_id JOIN children "
                                    "c ON c.id = i.child_id WHERE n.id = ? FOR UPDATE", "i", id);
    if (!q || !s->db_next(q) || !s->scope_allows(r, s->col(q, "village_code"),
                                                 vil_num(s->col(q, "child_id")))) {
        s->not_found(r, "village_intake_need", vil_id(r, s, id));
        return NULL;
    }
    return q;
}

/* every need answered: the intake is, and the township is told */
static int intake_complete(portal_req *r, const struct portal_services *s, long long intake)
{
    if (s->db_exec(r, "UPDATE village_intakes SET status = 'answered', answered_at = "
                      "UTC_TIMESTAMP() WHERE id = ? AND status = 'open' AND NOT EXISTS "
                      "(SELECT 1 FROM village_intake_needs WHERE intake_id = ? AND status = "
                      "'open')", "ii", intake, intake) != 1)
        return 0;
    portal_rows *q = s->db_query(r, "SELECT township_code, child_id FROM village_intakes WHERE "
                                    "id = ?", "i", intake);
    if (!q || !s->db_next(q))
        return -1;
    struct portal_notice n = {
        .division = s->db_col(q, 0),
        .kind = "intake.answered",
        .title = "一门受理：各部门已全部答复，请打印答复书交给家庭",
        .link = s->sprintf(r, "/village/intake/%lld/reply", intake),
        .child_id = vil_num(s->db_col(q, 1)),
        .object_type = "village_intake",
        .object_id = vil_id(r, s, intake),
    };
    return s->notice_send(r, &n) < 0 ? -1 : 0;
}

int need_answer_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->path_int(r, "id");
    portal_rows *q = route_need(r, s, id);
    if (!q)
        return 404;
    long long intake = vil_num(s->col(q, "intake_id"));
    if (vil_num(s->col(q, "org_id")) != s->user(r)->org_id)
        return s->refuse(r, 403, "village_intake_need", vil_id(r, s, id),
                         "not the department concerned", "这项需求不是转给您单位的。");
    if (strcmp(s->col(q, "status"), "open") != 0)
        return s->fail(r, 409, "这项需求已经答复。");
    const char *outcome = s->param(r, "outcome"), *ref = s->trim(r, s->param(r, "app_ref"));
    const char *answer = s->trim(r, s->param(r, "answer"));
    int ok = strcmp(outcome, "accepted") == 0;
    if (!ok && strcmp(outcome, "declined") != 0)
        return s->fail(r, 400, "请选择受理或不予受理。");
    if (!ok && !*answer)
        return s->fail(r, 400, "不予受理须写明理由。");
    if (ok && !*ref)
        return s->fail(r, 400, "受理须填写在本部门开启的申请（编号或名称）。");
    if (s->db_exec(r, "UPDATE village_intake_needs SET status = ?, answer = ?, app_ref = ?, "
                      "answered_by = ?, answered_at = UTC_TIMESTAMP() WHERE id = ? AND status "
                      "= 'open'", "sssii", outcome, answer, ok ? ref : NULL, s->user(r)->id,
                   id) != 1 ||
        s->task_close(r, vil_num(s->col(q, "task_id")), ok ? s->sprintf(r, "受理：%s", ref)
                                                           : s->sprintf(r, "不予受理：%s",
                                                                        answer)) != 0 ||
        intake_complete(r, s, intake) < 0)
        return 500;
    s->audit(r, "village.intake.answer", "village_intake", vil_id(r, s, intake),
             s->sprintf(r, "need=%s %s", s->col(q, "need"), outcome));
    s->flash(r, "已答复。");
    return s->redirect(r, s->sprintf(r, "/village/intake/%lld", intake));
}

int intake_list_get(portal_req *r, const struct portal_services *s)
{
    const char *pre, *w = s->scope_where(r, "i.village_code", &pre);
    if (!pre)
        return s->refuse(r, 403, NULL, NULL, "org-scoped user on the intake list", NULL);
    if (s->db_query_hdf(r, "Intakes", s->sprintf(r, "SELECT i.id, i.child_id, c.name AS child_name, "
                        "i.status, i.created_at, (SELECT COUNT(*) FROM village_intake_needs n "
                        "WHERE n.intake_id = i.id) AS needs, (SELECT COUNT(*) FROM "
                        "village_intake_needs n WHERE n.intake_id = i.id AND n.status = 'open' "
                        "AND n.due_date < ?) AS late FROM village_intakes i JOIN children c ON "
                        "c.id = i.child_id WHERE %s AND (? = 0 "
                        "OR EXISTS (SELECT 1 FROM village_intake_needs n WHERE n.intake_id = "
                        "i.id AND n.org_id = ?)) ORDER BY i.status = 'open' DESC, i.id DESC "
                        "LIMIT 300", w), "ssii", s->today(r), pre,
                        (long long)!s->has_perm(r, "village.intake"), s->user(r)->org_id) < 0)
        return 500;
    if (s->db_query_hdf(r, "Late", s->sprintf(r, "SELECT n.id, n.intake_id, n.need, n.due_date, o.name AS "
                        "dept, c.name AS child_name FROM village_intake_needs n JOIN "
                        "village_intakes i ON i.id = n.intake_id JOIN children c ON c.id = "
                        "i.child_id JOIN orgs o ON o.id = n.org_id WHERE n.status = 'open' AND "
                        "n.due_date < ? AND %s ORDER BY n.due_date, n.id LIMIT 300", w), "ss", s->today(r), pre) < 0)
        return 500;
    return s->render(r, "intake_list.cs", "一门受理");
}

/* The job (hourly): every need still unanswered past its due day is told
 * once to the county coordinator, 妇儿工委办 (the organisations of kind
 * dept_women_children of the child's county: every user there), leading to
 * the supervision list.  Runs as the system user. */
int vil_intake_overdue_job(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(r, "SELECT n.id, n.need, n.due_date, i.child_id, c.name, "
                                 "d.name AS dept, f.id AS office FROM village_intake_needs n "
                                 "JOIN village_intakes i ON i.id = n.intake_id JOIN children c "
                                 "ON c.id = i.child_id JOIN orgs d ON d.id = n.org_id JOIN orgs f "
                                 "ON f.kind = 'dept_women_children' AND f.active = 1 AND "
                                 "f.division_code = CONCAT(LEFT(i.township_code, 6), '000000') "
                                 "WHERE n.status = 'open' AND n.due_date < ? AND "
                                 "n.overdue_told_at IS NULL ORDER BY n.id LIMIT 1000 FOR UPDATE",
                                 "s", s->today(r));
    if (!q)
        return -1;
    int n = 0;
    while (s->db_next(q)) {
        struct portal_notice m = {
            .org_id = vil_num(s->col(q, "office")), .kind = "intake.overdue",
            .title = s->sprintf(r, "一门受理逾期未答复：%s（%s，%s，应于 %s 前答复）",
                                s->label(r, "village.need", s->col(q, "need")), s->col(q, "name"),
                                s->col(q, "dept"), s->col(q, "due_date")),
            .link = "/inbox/escalated", .child_id = vil_num(s->col(q, "child_id")),
            .object_type = "village_intake_need", .object_id = s->col(q, "id")};
        /* one row per office: the need is marked told after the last */
        if (s->notice_send(r, &m) < 0 ||
            s->db_exec(r, "UPDATE village_intake_needs SET overdue_told_at = UTC_TIMESTAMP() "
                       "WHERE id = ?", "i", vil_num(s->col(q, "id"))) < 0)
            return -1;
        n++;
    }
    s->audit(r, "village.intake.overdue", "village_intake_need", NULL,
             s->sprintf(r, "notices=%d", n));
    return 0;
}
