/*
 * testkit - a module loaded only by the test instance (never by make run or
 * production: it lives under tests/).  It gives the tests a request that
 * hangs, a large answer, a page that shows a value in every template
 * context, a state-changing form whose effect the tests can count, and
 * (ABI 2.0) typed path arguments, route objects, a loader, the child's
 * services and the host's transaction; template functions over a row,
 * labels, form errors put back, date arithmetic, CSV reading.
 */
#include "portal_module.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int sleep_route(portal_req *r, const struct portal_services *s)
{
    long long secs = s->param_int(r, "s", 1);
    struct timespec ts = {(time_t)secs, 0};
    while (nanosleep(&ts, &ts) != 0)
        ;
    s->header(r, "Content-Type", "text/plain; charset=utf-8");
    s->write(r, "slept\n", 6);
    return 200;
}

/* a statement that keeps a core busy until it is stopped (test_orphans),
 * as a county-wide search or an export's big read does: MariaDB notices
 * its client's death only when it next writes to it (a SLEEP() looks every
 * 5 s, so it is no stand-in; a scan of test_rows, a trillion rows, is).  lock=1 first moves the shared counter (its
 * row stays locked in the request's transaction), pause=N sleeps N seconds
 * before the statement, stream=1 streams it (an export's class) */
static int slow_row(void *ctx, portal_rows *rows)
{
    (void)ctx;
    (void)rows;
    return 0;
}

static int slow_route(portal_req *r, const struct portal_services *s)
{
    static const char busy[] = "SELECT COUNT(*) FROM test_rows WHERE SHA2(seq, 256) = 'orphan'";
    long long pause = s->param_int(r, "pause", 0);
    if (s->param_int(r, "lock", 0) &&
        s->db_exec(r, "UPDATE test_counter SET n = n + 1 WHERE id = 1", "") != 1)
        return 500;
    struct timespec ts = {(time_t)pause, 0};
    while (nanosleep(&ts, &ts) != 0)
        ;
    if (s->param_int(r, "stream", 0)) {
        if (s->db_stream(r, slow_row, NULL, busy, "") < 0)
            return 500;
    } else if (!s->db_query(r, busy, "")) {
        return 500;
    }
    s->header(r, "Content-Type", "text/plain; charset=utf-8");
    s->write(r, "done\n", 5);
    return 200;
}

/* the job testkit.slow: nothing, unless a test put a row 2 in test_counter;
 * then the slow scan above, which outlives jobs_timeout (test_orphans) */
static int slow_job(portal_req *r, const struct portal_services *s)
{
    portal_rows *on = s->db_query(r, "SELECT 1 FROM test_counter WHERE id = 2", "");
    if (!on)
        return -1;
    if (!s->db_next(on))
        return 0;
    return s->db_query(r, "SELECT COUNT(*) FROM test_rows WHERE SHA2(seq, 256) = 'job'", "")
               ? 0 : -1;
}

static const struct portal_job jobs[] = {
    {"slow", "测试：超时任务", 1440, slow_job},
    {NULL, NULL, 0, NULL}};

/* a large answer (mb MiB of text), for clients that read it slowly */
static int big_route(portal_req *r, const struct portal_services *s)
{
    static char chunk[65536];
    long long mb = s->param_int(r, "mb", 1);
    if (mb < 1 || mb > 64)
        return 400;
    memset(chunk, 'x', sizeof chunk - 1);
    chunk[sizeof chunk - 1] = '\n';
    s->header(r, "Content-Type", "text/plain; charset=utf-8");
    for (long long i = 0; i < mb * 16; i++)
        s->write(r, chunk, sizeof chunk);
    return 200;
}

static int echo(portal_req *r, const struct portal_services *s)
{
    const char *v = s->param(r, "v");
    s->set(r, "Echo.Value", v ? v : "");
    /* reads=N: N audit rows of a read (test_read_audit: one commit for all) */
    const char *reads = s->param(r, "reads");
    for (int i = 0; reads && i < atoi(reads); i++)
        s->audit(r, "testkit.read", "note", s->sprintf(r, "%d", i + 1), v);
    if (s->db_query_hdf(r, "Notes", "SELECT id, body FROM test_notes ORDER BY id DESC LIMIT 20",
                        "") < 0)
        return 500;
    return s->render(r, "echo.cs", v ? v : "echo");
}

static int note_post(portal_req *r, const struct portal_services *s)
{
    const char *body = s->param(r, "body");
    if (s->db_exec(r, "INSERT INTO test_notes (body) VALUES (?)", "s", body) < 0)
        return 500;
    s->audit(r, "testkit.note", "note", s->sprintf(r, "%lld", s->db_insert_id(r)), NULL);
    s->flash(r, s->sprintf(r, "已保存：%s", body));
    return s->redirect(r, "/_test/echo");
}

/* tests/cluster: one shared row, incremented by every post - on a Galera
 * cluster, posts through two nodes conflict at certification (1213 at
 * COMMIT) and the host runs the loser again */
static int counter_post(portal_req *r, const struct portal_services *s)
{
    if (s->db_exec(r, "UPDATE test_counter SET n = n + 1 WHERE id = 1", "") != 1)
        return 500;
    s->audit(r, "testkit.counter", "counter", "1", NULL);
    return s->redirect(r, "/_test/echo");
}

/* ABI 2.0: the template functions over a row from the database (values as
 * MariaDB gives them) and over the raw parameters */
static int fmt_get(portal_req *r, const struct portal_services *s)
{
    static const char *const names[] = {"fen", "at", "day", "last4", "kind", "code", "div"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = s->param(r, names[i]);
        if (v)
            s->set(r, s->sprintf(r, "Raw.%s", names[i]), v);
    }
    portal_rows *q = s->db_query(r, "SELECT CAST(? AS SIGNED) AS fen, CAST(? AS DATETIME) AS at, "
                                    "CAST(? AS DATE) AS day, NULL AS nothing, 'beside' AS `_beside`", "sss",
                                 s->param(r, "fen"), s->param(r, "at"), s->param(r, "day"));
    if (!q || !s->db_next(q))
        return 500;
    s->put_row(r, "Row", q);
    s->set(r, "Col.fen", s->col(q, "fen"));
    s->set_int(r, "Col.at_index", s->col_index(q, "at"));
    s->set_int(r, "Col.missing_index", s->col_index(q, "missing"));
    s->set(r, "Col.nothing", s->col(q, "nothing") ? "set" : "null");
    s->set(r, "Col.beside", s->col(q, "_beside"));
    int found = s->db_row_hdf(r, "One", "SELECT ? AS fen, 'x' AS tag FROM DUAL WHERE ? = 1", "si",
                              s->param(r, "fen"), s->param_int(r, "found", 1));
    s->set_int(r, "One.found", found);
    s->set(r, "Label.direct", s->label(r, "testkit.color", s->param(r, "code")));
    s->labels_hdf(r, "Colors", "testkit.color");
    return s->render(r, "fmt.cs", "格式");
}

/* ABI 2.0: one form with errors; rendered again with what was typed */
static int form_post(portal_req *r, const struct portal_services *s)
{
    const char *name = s->trim(r, s->param(r, "name"));
    long long age = s->param_int(r, "age", -1);
    if (!*name)
        s->form_error(r, "name", "请填写姓名。");
    if (age < 0 || age > 17)
        s->form_error(r, "age", "年龄应在 0 到 17 岁之间。");
    if (s->form_failed(r))
        return s->render(r, "form.cs", "表单");
    if (s->db_exec(r, "INSERT INTO test_notes (body) VALUES (?)", "s",
                   s->sprintf(r, "form %s %lld", name, age)) < 0)
        return 500;
    s->audit(r, "testkit.form", "note", s->sprintf(r, "%lld", s->db_insert_id(r)), NULL);
    return s->redirect(r, "/_test/echo");
}

static int form_get(portal_req *r, const struct portal_services *s)
{
    return s->render(r, "form.cs", "表单");
}

/* ABI 2.0: date arithmetic with the holiday calendar, ages, months, text */
static int days_get(portal_req *r, const struct portal_services *s)
{
    const char *d = s->param(r, "d");
    int n = (int)s->param_int(r, "n", 0);
    const char *cal = s->date_add(r, d, n, 0), *work = s->date_add(r, d, n, 1);
    s->set(r, "Days.calendar", cal ? cal : "invalid");
    s->set(r, "Days.working", work ? work : "invalid");
    s->set_int(r, "Days.age", s->age_on(r, s->param(r, "birth"), d));
    s->set_int(r, "Days.month", s->month_check(s->param(r, "ym")));
    long day = s->day_parse(d);
    s->set(r, "Days.roundtrip", day == PORTAL_NO_DAY ? "invalid" : s->day_format(r, day));
    s->set(r, "Days.like", s->like_escape(r, s->param(r, "q")));
    s->set(r, "Days.url", s->url_encode(r, s->param(r, "q")));
    return s->render(r, "days.cs", "日期");
}

/* ABI 2.0: an uploaded CSV read record by record */
static int csv_post(portal_req *r, const struct portal_services *s)
{
    size_t len = 0;
    const char *data = s->upload(r, "file", &len, NULL, NULL);
    portal_csv *c = s->csv_open(r, data, data ? len : 0);
    const char **cells;
    int n, rec = 0;
    while ((n = s->csv_next(c, &cells)) > 0) {
        for (int i = 0; i < n; i++)
            s->set(r, s->sprintf(r, "Csv.Rows.%d.%d", rec, i), cells[i]);
        rec++;
    }
    s->set_int(r, "Csv.count", rec);
    if (n < 0)
        s->set(r, "Csv.error", s->csv_error(c));
    return s->render(r, "csv.cs", "CSV");
}

/* a worker crashing on purpose, so the tests can see the evidence it leaves
 * (the request, route and user in the master's log, a backtrace) */
static int crash_route(portal_req *r, const struct portal_services *s)
{
    const char *how = s->param(r, "how");
    if (how && how[0] == 'a')
        abort();
#ifdef __SANITIZE_ADDRESS__
    /* UBSan would report the null store and exit: a plain SIGSEGV instead */
    raise(SIGSEGV);
#else
    volatile int *volatile p = NULL;
    *p = 1;
#endif
    return 500;
}

/* ---- ABI 2.0: typed path arguments, route objects, the child, the
 * transaction (tests/integration/test_abi2_routes.sh) */

static int typed_get(portal_req *r, const struct portal_services *s)
{
    s->set_int(r, "Typed.n", s->path_int(r, "n"));
    s->set(r, "Typed.month", s->path_arg(r, "month"));
    s->set(r, "Typed.day", s->path_arg(r, "day"));
    s->set(r, "Typed.code", s->path_arg(r, "code"));
    s->set(r, "Typed.word", s->path_arg(r, "word"));
    return s->render(r, "abi2.cs", "typed");
}

/* any route object: what the host loaded; a read of the child's file */
static int object_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    if (!o)
        return 500;
    s->set(r, "Obj.kind", o->kind);
    s->set_int(r, "Obj.id", o->id);
    s->set_int(r, "Obj.child_id", o->child_id);
    s->set(r, "Obj.division", o->division ? o->division : "");
    if (strcmp(o->kind, "child") == 0)
        s->set(r, "Obj.name", ((const struct portal_child *)o->data)->name);
    if (strcmp(o->kind, "grant") == 0)
        s->set(r, "Obj.note", (const char *)o->data);
    s->audit(r, "testkit.child.read", o->kind, s->sprintf(r, "%lld", o->id), NULL);
    return s->render(r, "abi2.cs", o->kind);
}

/* the module's loader: a test_grants row; a division the host checks */
static int grant_load(portal_req *r, const struct portal_services *s, long long id,
                      struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT division_code, note FROM test_grants WHERE id = ?",
                                 "i", id);
    if (!q || !s->db_next(q))
        return 404;
    o->division = s->db_col(q, 0);
    o->data = (void *)s->db_col(q, 1);
    return 0;
}

static int apply_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->wf_start(r, "tk_check", s->object(r)->child_id, "测试申请");
    if (id < 0)
        return s->fail(r, 409, s->wf_error(r));
    return s->redirect(r, s->sprintf(r, "/_test/app/%lld", id));
}

static int event_post(portal_req *r, const struct portal_services *s)
{
    if (s->child_event(r, s->object(r)->child_id, s->param(r, "kind"), s->param(r, "summary")))
        return 500;
    return s->redirect(r, s->sprintf(r, "/_test/child/%lld", s->object(r)->child_id));
}

static int category_post(portal_req *r, const struct portal_services *s)
{
    if (s->child_category(r, s->object(r)->child_id, s->param(r, "category"),
                          (int)s->param_int(r, "enter", 1), s->param(r, "date"),
                          s->param(r, "basis")) != 0)
        return s->fail(r, 400, "类别登记失败。");
    return s->redirect(r, s->sprintf(r, "/_test/child/%lld", s->object(r)->child_id));
}

/* a child named in a form field */
static int lookup_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = s->child(r, s->param_int(r, "child_id", 0));
    if (!c)
        return 404;
    s->child_hdf(r, "Child", c);
    return s->render(r, "abi2.cs", c->name);
}

/* writes, then a refusal: nothing of the change stays, the kept counter,
 * the refusal's audit row and the audited read stay */
static int refused_post(portal_req *r, const struct portal_services *s)
{
    const char *body = s->param(r, "body");
    if (s->db_exec(r, "INSERT INTO test_notes (body) VALUES (?)", "s", body) != 1)
        return 500;
    s->audit(r, "testkit.note", "note", s->sprintf(r, "%lld", s->db_insert_id(r)), body);
    if (s->db_exec_kept(r, "INSERT INTO test_attempts (body) VALUES (?)", "s", body) != 1)
        return 500;
    s->audit(r, "testkit.attempt.refused", "note", NULL, body);
    return s->fail(r, 409, "测试：已拒绝，未保存。");
}

/* a batch committing in parts, then failing: the first part stays */
static int batch_post(portal_req *r, const struct portal_services *s)
{
    const char *body = s->param(r, "body");
    if (s->db_exec(r, "INSERT INTO test_notes (body) VALUES (?)", "s",
                   s->sprintf(r, "%s-1", body)) != 1 || s->db_commit_now(r) != 0 ||
        s->db_exec(r, "INSERT INTO test_notes (body) VALUES (?)", "s",
                   s->sprintf(r, "%s-2", body)) != 1)
        return 500;
    return s->fail(r, 409, "测试：第二部分未保存。");
}

/* ---- payments (issue 10 part 1): the ledger's services as a module uses
 * them.  op = open | account | org | line | bulk | select | cap; answers "id=N" or
 * "left=N", or 409 with pay_error's message. */
static const struct portal_param pay_params[] = {
    {"op", PP_CODE, 16, 1, "操作"}, {"programme", PP_CODE, 32, 0, "项目"},
    {"period", PP_CODE, 7, 0, "月份"}, {"title", PP_TEXT, 100, 0, "名称"},
    {"batch_id", PP_INT, 18, 0, "批次"}, {"child_id", PP_INT, 18, 0, "儿童"},
    {"payee_id", PP_INT, 18, 0, "收款人"}, {"org_id", PP_INT, 18, 0, "机构"},
    {"holder", PP_TEXT, 64, 0, "收款人"}, {"bank", PP_TEXT, 64, 0, "开户行"},
    {"account", PP_TEXT, 40, 0, "账号"}, {"amount", PP_INT, 18, 0, "金额（分）"},
    {"reason", PP_TEXT, 400, 0, "事由"}, {"corrects", PP_INT, 18, 0, "更正"},
    {"source_id", PP_INT, 18, 0, "来源"}, {"year", PP_INT, 4, 0, "年度"},
    {"cap", PP_INT, 18, 0, "限额"}, {"count", PP_INT, 7, 0, "条数"},
    {"name", PP_TEXT, 64, 0, "姓名"},
    {NULL, 0, 0, 0, NULL}};

/* make bench: one line for each of the first `count` children in scope,
 * committed every 5,000 lines as a module's monthly generation would */
static int pay_bulk(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(r, "SELECT id FROM children WHERE village_code LIKE "
                                 "CONCAT(?, '%') ORDER BY id LIMIT ?", "si",
                                 s->scope_prefix(r), s->param_int(r, "count", 0));
    long long n = 0;
    while (q && s->db_next(q)) {
        struct portal_pay_line l = {s->param_int(r, "batch_id", 0), atoll(s->db_col(q, 0)), 0,
                                    NULL, s->param(r, "period"), s->param_int(r, "amount", 0),
                                    s->param(r, "reason"), 0, 0};
        if (s->pay_line(r, &l) <= 0)
            return s->fail(r, 409, s->pay_error(r));
        if (++n % 5000 == 0 && s->db_commit_now(r) != 0)
            return 500;
    }
    s->set(r, "Out", s->sprintf(r, "id=%lld", n));
    return s->render(r, "pay.cs", "测试");
}

static int pay_post(portal_req *r, const struct portal_services *s)
{
    const char *op = s->param(r, "op");
    long long id = 0, left = 0;
    if (strcmp(op, "open") == 0) {
        id = s->pay_batch_open(r, s->param(r, "programme"), s->param(r, "period"),
                               s->param(r, "title"));
    } else if (strcmp(op, "account") == 0) {
        id = s->pay_payee_account(r, s->param_int(r, "child_id", 0), s->param(r, "holder"),
                                  s->param(r, "bank"), s->param(r, "account"));
    } else if (strcmp(op, "org") == 0) {
        id = s->pay_payee_org(r, s->param_int(r, "org_id", 0), s->param(r, "bank"),
                              s->param(r, "account"));
    } else if (strcmp(op, "line") == 0) {
        struct portal_pay_line l = {
            s->param_int(r, "batch_id", 0), s->param_int(r, "child_id", 0),
            s->param_int(r, "payee_id", 0), s->param(r, "programme"), s->param(r, "period"),
            s->param_int(r, "amount", 0), s->param(r, "reason"),
            s->param_int(r, "source_id", 0), s->param_int(r, "corrects", 0)};
        id = s->pay_line(r, &l);
    } else if (strcmp(op, "bulk") == 0) {
        return pay_bulk(r, s);
    } else if (strcmp(op, "select") == 0) {
        /* every child whose name starts with `name`, unscoped on purpose:
         * the service keeps the rows in the user's scope */
        long long n = s->pay_lines_select(
            r, s->param_int(r, "batch_id", 0),
            "SELECT c.id AS child_id, ? AS programme, CAST(CONCAT(?, '-01') AS DATE) AS period, "
            "? AS amount_fen, ? AS reason, NULL AS source_id FROM children c WHERE c.name LIKE "
            "CONCAT(?, '%')", "ssiss", s->param(r, "programme"), s->param(r, "period"),
            s->param_int(r, "amount", 0), s->param(r, "reason"), s->param(r, "name"));
        if (n < 0)
            return s->fail(r, 409, s->pay_error(r));
        s->set(r, "Out", s->sprintf(r, "id=%lld", n));
        return s->render(r, "pay.cs", "测试");
    } else if (strcmp(op, "cap") == 0) {
        if (s->pay_cap_left(r, s->param_int(r, "child_id", 0), s->param(r, "programme"),
                            (int)s->param_int(r, "year", 0), s->param_int(r, "cap", 0),
                            &left) != 0)
            return s->fail(r, 409, s->pay_error(r));
        s->set(r, "Out", s->sprintf(r, "left=%lld", left));
        return s->render(r, "pay.cs", "测试");
    }
    if (id <= 0)
        return s->fail(r, 409, s->pay_error(r));
    s->set(r, "Out", s->sprintf(r, "id=%lld", id));
    return s->render(r, "pay.cs", "测试");
}

/* ---- ABI 2.2: organisation scopes (tests/integration/test_access.sh) */

/* the children the user sees, by the one scope check in its SQL form */
static int scoped_get(portal_req *r, const struct portal_services *s)
{
    const char *a1 = NULL, *a2 = NULL, *cond = s->scope_sql(r, "c", &a1, &a2);
    if (!cond ||
        s->db_query_hdf(r, "Scoped", s->sprintf(r, "SELECT c.id, c.name FROM children c "
                                                   "WHERE %s ORDER BY c.id", cond),
                        "ss", a1, a2) < 0)
        return 500;
    s->audit(r, "testkit.children.view", NULL, NULL, NULL);
    return s->render(r, "scoped.cs", "scoped");
}

static int link_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->child_link(r, s->object(r)->child_id, s->param_int(r, "org_id", 0),
                                 s->param(r, "relation"), s->param(r, "from"),
                                 s->param(r, "to"), s->param(r, "note"));
    if (id < 0)
        return s->fail(r, 409, s->link_error(r));
    s->set_int(r, "Obj.link", id);
    return s->render(r, "abi2.cs", "link");
}

static int unlink_post(portal_req *r, const struct portal_services *s)
{
    if (s->child_unlink(r, s->path_int(r, "id")) != 0)
        return s->fail(r, 409, s->link_error(r));
    s->set_int(r, "Obj.unlinked", s->path_int(r, "id"));
    return s->render(r, "abi2.cs", "unlink");
}

static const struct portal_param link_params[] = {
    {"org_id", PP_INT, 0, 1, "单位"},
    {"relation", PP_CODE, 16, 1, "关系"},
    {"from", PP_DATE, 0, 0, "开始日期"},
    {"to", PP_DATE, 0, 0, "结束日期"},
    {"note", PP_TEXT, 1000, 0, "备注"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param event_params[] = {
    {"kind", PP_CODE, 40, 1, "类型"}, {"summary", PP_LINES, 4000, 1, "摘要"},
    {NULL, 0, 0, 0, NULL}};
static const struct portal_param category_params[] = {
    {"category", PP_CODE, 32, 1, "类别"}, {"enter", PP_INT, 1, 0, "进入"},
    {"date", PP_DATE, 10, 0, "日期"}, {"basis", PP_TEXT, 400, 1, "依据"},
    {NULL, 0, 0, 0, NULL}};
static const struct portal_param lookup_params[] = {
    {"child_id", PP_INT, 18, 1, "儿童"}, {NULL, 0, 0, 0, NULL}};

static const struct portal_loader loaders[] = {
    {"grant", "test_grant", grant_load}, {NULL, NULL, NULL}};

static const struct portal_wf_step tk_steps[] = {
    {"check", "乡镇审核", "township", "testkit.child", 5, 0, 1, 0, NULL, 0},
    {NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0}};
static const struct portal_wf_type workflows[] = {
    {"tk_check", "测试申请", tk_steps, 0, 0, NULL}, {NULL, NULL, NULL, 0, 0, NULL}};

static const struct portal_param crash_params[] = {
    {"how", PP_TEXT, 8, 0, "方式"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param slow_params[] = {
    {"pause", PP_INT, 2, 0, "等待"},
    {"stream", PP_INT, 1, 0, "流式"}, {"lock", PP_INT, 1, 0, "加锁"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param sleep_params[] = {
    {"s", PP_INT, 4, 0, "秒数"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param big_params[] = {
    {"mb", PP_INT, 2, 0, "大小"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param echo_params[] = {
    {"v", PP_LINES, 2000, 0, "值"}, {"reads", PP_INT, 1, 0, "读"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param note_params[] = {
    {"body", PP_LINES, 2000, 1, "内容"}, {NULL, 0, 0, 0, NULL}};

static const struct portal_param fmt_params[] = {
    {"fen", PP_TEXT, 32, 0, "金额"},   {"at", PP_TEXT, 32, 0, "时间"},
    {"day", PP_TEXT, 32, 0, "日期"},   {"last4", PP_TEXT, 8, 0, "后四位"},
    {"kind", PP_TEXT, 64, 0, "种类"},  {"code", PP_TEXT, 400, 0, "代码"},
    {"div", PP_TEXT, 16, 0, "区划"},   {"found", PP_INT, 2, 0, "找到"},
    {NULL, 0, 0, 0, NULL}};
static const struct portal_param form_params[] = {
    {"name", PP_TEXT, 64, 0, "姓名"}, {"age", PP_INT, 4, 0, "年龄"},
    {"password", PP_TEXT, 64, 0, "密码"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param days_params[] = {
    {"d", PP_TEXT, 32, 0, "日期"},  {"n", PP_INT, 6, 0, "天数"},
    {"birth", PP_TEXT, 32, 0, "出生日期"}, {"ym", PP_TEXT, 16, 0, "月份"},
    {"q", PP_TEXT, 64, 0, "文本"},  {NULL, 0, 0, 0, NULL}};
static const struct portal_param csv_params[] = {
    {"file", PP_FILE, 0, 1, "文件"}, {NULL, 0, 0, 0, NULL}};
/* GET /testkit/xlsx: an .xlsx export as a module writes one - begun,
 * audited, then streamed from a query row by row (tests/integration/
 * test_sheets.sh reads it back) */
struct xlsx_ctx {
    const struct portal_services *s;
    portal_xlsx *x;
};

static int xlsx_one(void *ctx, portal_rows *rows)
{
    struct xlsx_ctx *c = ctx;
    const char *cells[6];
    for (int i = 0; i < 6; i++)
        cells[i] = c->s->db_col(rows, i);
    return c->s->xlsx_row(c->x, cells);
}

static int xlsx_route(portal_req *r, const struct portal_services *s)
{
    static const struct portal_xlsx_col cols[] = {
        {"姓名", 10, PX_TEXT},         {"身份证号（脱敏）", 22, PX_TEXT},
        {"出生日期", 12, PX_DATE},     {"月发放金额（元）", 16, PX_MONEY},
        {"人数", 6, PX_INT},           {"备注", 20, PX_TEXT},
        {NULL, 0, 0}};
    portal_xlsx *x = s->xlsx_begin(r, "儿童名单-测试.xlsx", "儿童名单", cols);
    if (!x)
        return 500;
    s->audit(r, "testkit.export", "test_notes", NULL, "rows=3 format=xlsx");
    struct xlsx_ctx c = {s, x};
    if (s->db_stream(r, xlsx_one, &c,
                     "SELECT name, idm, birth, fen, n, note FROM ("
                     "SELECT 1 AS k, '张小明' AS name, '**************1234' AS idm, "
                     "DATE '2008-01-01' AS birth, 165150 AS fen, 3 AS n, '=1+2' AS note "
                     "UNION ALL SELECT 2, '李四', NULL, NULL, -5, 0, '+86 138 0000 0000' "
                     "UNION ALL SELECT 3, '王五', '500242200801011234', DATE '2026-12-01', 0, "
                     "-1, '@SUM(A1)') t ORDER BY k", "") != 3)
        return 500;
    return s->xlsx_end(x);
}

/* 2.1: the settings services: the value of ?code= in force on ?on= (text
 * and number) and the hospitals in force that day */
static int setting_get(portal_req *r, const struct portal_services *s)
{
    const char *code = s->param(r, "code"), *on = s->param(r, "on");
    const char *v = s->setting(r, code, on);
    long long n = s->setting_int(r, code, on);
    s->set(r, "Setting.text", v ? v : "(null)");
    s->set(r, "Setting.int", n == PORTAL_NO_SETTING ? "none" : s->sprintf(r, "%lld", n));
    if (s->lookup_hdf(r, "Hospitals", "hospital", on) < 0)
        return 500;
    return s->render(r, "setting.cs", "设置");
}

static const struct portal_param setting_params[] = {
    {"code", PP_CODE, 64, 1, "设置项"},
    {"on", PP_DATE, 10, 0, "日期"},
    {NULL, 0, 0, 0, NULL}};

/* urgent tasks and notices (issue 10 part 4): open a task for a child,
 * close it, send a notice to a user (by name) or an organisation (by code) */
static int text_answer(portal_req *r, const struct portal_services *s, const char *text)
{
    s->header(r, "Content-Type", "text/plain; charset=utf-8");
    s->write(r, text, strlen(text));
    return 200;
}

static int task_post(portal_req *r, const struct portal_services *s)
{
    struct portal_task t = {
        .kind = "report.handle", .title = s->param(r, "title"), .link = s->param(r, "link"),
        .child_id = s->param_int(r, "child", 0), .level = s->param(r, "level"),
        .permission = "testkit.task", .hours = (int)s->param_int(r, "hours", 0)};
    long long id = s->task_open(r, &t);
    if (id < 0)
        return s->fail(r, 400, s->task_error(r));
    return text_answer(r, s, s->sprintf(r, "task %lld\n", id));
}

static int task_close_post(portal_req *r, const struct portal_services *s)
{
    if (s->task_close(r, s->path_int(r, "id"), s->param(r, "outcome")) != 0)
        return s->fail(r, 400, s->task_error(r));
    return text_answer(r, s, "closed\n");
}

static int notice_post(portal_req *r, const struct portal_services *s)
{
    const char *user = s->param(r, "user"), *org = s->param(r, "org");
    portal_rows *q = user ? s->db_query(r, "SELECT id FROM users WHERE username = ?", "s", user)
                          : s->db_query(r, "SELECT id FROM orgs WHERE code = ?", "s", org);
    long long to = q && s->db_next(q) ? atoll(s->db_col(q, 0)) : 0;
    struct portal_notice n = {
        .user_id = user ? to : 0, .org_id = user ? 0 : to, .division = s->param(r, "division"),
        .kind = "report.sent", .title = s->param(r, "title"), .body = s->param(r, "body"),
        .link = s->param(r, "link")};
    long long id = to || n.division ? s->notice_send(r, &n) : -1;
    if (id < 0)
        return s->fail(r, 400, "通知未发送：收件人或标题不正确。");
    return text_answer(r, s, s->sprintf(r, "notice %lld\n", id));
}

static const struct portal_param task_params[] = {
    {"child", PP_INT, 0, 1, "儿童"},
    {"hours", PP_INT, 0, 1, "时限"},
    {"level", PP_CODE, 16, 1, "层级"},
    {"title", PP_TEXT, 300, 1, "标题"},
    {"link", PP_TEXT, 200, 0, "链接"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param task_close_params[] = {
    {"outcome", PP_TEXT, 500, 0, "办理结果"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_param notice_params[] = {
    {"user", PP_CODE, 64, 0, "用户"},
    {"org", PP_CODE, 32, 0, "单位"},
    {"division", PP_CODE, 12, 0, "区划"},
    {"title", PP_TEXT, 300, 1, "标题"},
    {"body", PP_LINES, 2000, 0, "内容"},
    {"link", PP_TEXT, 200, 0, "链接"},
    {NULL, 0, 0, 0, NULL}};

static const struct portal_route routes[] = {
    {"GET", "/_test/sleep", sleep_route, NULL, PR_NO_DB | PR_NO_LAYOUT, sleep_params},
    {"GET", "/_test/slow", slow_route, "testkit.write", PR_NO_LAYOUT, slow_params},
    {"GET", "/_test/crash", crash_route, "testkit.write", PR_NO_LAYOUT, crash_params},
    {"GET", "/_test/big", big_route, NULL, PR_NO_DB | PR_NO_LAYOUT, big_params},
    {"GET", "/_test/echo", echo, "testkit.write", 0, echo_params},
    {"POST", "/_test/note", note_post, "testkit.write", PR_STATE_CHANGING, note_params},
    {"POST", "/_test/counter", counter_post, "testkit.write", PR_STATE_CHANGING, NULL},
    {"GET", "/_test/typed/{n:int}/{month:ym}/{day:date}/{code:division}/{word}", typed_get,
     "testkit.child", 0, NULL},
    {"GET", "/_test/child/{id:int}", object_get, "testkit.child", 0, NULL, "child:id"},
    {"GET", "/_test/app/{id:int}", object_get, "testkit.child", 0, NULL, "application:id"},
    {"GET", "/_test/grant/{id:int}", object_get, "testkit.child", 0, NULL, "grant:id"},
    {"POST", "/_test/child/{id:int}/apply", apply_post, "testkit.child", PR_STATE_CHANGING,
     NULL, "child:id"},
    {"POST", "/_test/child/{id:int}/event", event_post, "testkit.child", PR_STATE_CHANGING,
     event_params, "child:id"},
    {"POST", "/_test/child/{id:int}/category", category_post, "testkit.child",
     PR_STATE_CHANGING, category_params, "child:id"},
    {"POST", "/_test/lookup", lookup_post, "testkit.child", PR_STATE_CHANGING, lookup_params},
    {"POST", "/_test/refused", refused_post, "testkit.child", PR_STATE_CHANGING, note_params},
    {"POST", "/_test/batch", batch_post, "testkit.child", PR_STATE_CHANGING, note_params},
    {"GET", "/_test/fmt", fmt_get, "testkit.write", 0, fmt_params},
    {"GET", "/_test/form", form_get, "testkit.write", 0, NULL},
    {"POST", "/_test/form", form_post, "testkit.write", PR_STATE_CHANGING, form_params},
    {"GET", "/_test/days", days_get, "testkit.write", 0, days_params},
    {"POST", "/_test/csv", csv_post, "testkit.write", PR_STATE_CHANGING, csv_params},
    {"GET", "/testkit/xlsx", xlsx_route, "testkit.write", PR_NO_LAYOUT, NULL},
    {"GET", "/_test/setting", setting_get, "testkit.write", 0, setting_params},
    {"POST", "/_test/pay", pay_post, "testkit.child", PR_STATE_CHANGING, pay_params},
    {"POST", "/_test/task", task_post, "testkit.task", PR_STATE_CHANGING | PR_NO_LAYOUT,
     task_params},
    {"POST", "/_test/task/{id:int}/close", task_close_post, "testkit.task",
     PR_STATE_CHANGING | PR_NO_LAYOUT, task_close_params},
    {"POST", "/_test/notice", notice_post, "testkit.task", PR_STATE_CHANGING | PR_NO_LAYOUT,
     notice_params},
    {"GET", "/_test/scoped", scoped_get, "testkit.child", 0, NULL},
    {"POST", "/_test/child/{id:int}/link", link_post, "testkit.child", PR_STATE_CHANGING,
     link_params, "child:id"},
    {"POST", "/_test/link/{id:int}/unlink", unlink_post, "testkit.child", PR_STATE_CHANGING,
     NULL},
    {NULL, NULL, NULL, NULL, 0, NULL}};

static const struct portal_permission perms[] = {
    {"testkit.write", "测试：写入记录"}, {"testkit.child", "测试：儿童对象"},
    {"testkit.task", "测试：紧急任务与通知"}, {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"测试", "/_test/echo", "testkit.write", 999}, {NULL, NULL, NULL, 0}};

/* one label holds markup: the tests see it escaped */
static const struct portal_label labels[] = {
    {"testkit.color", "red", "红色"},
    {"testkit.color", "green", "绿色"},
    {"testkit.color", "xss", "<script>alert(1)</script>红"},
    {"testkit.programme", "aid", "测试救助金"},
    {NULL, NULL, NULL}};

/* 2.1: settings of every type and one lookup (test_settings.sh) */
static const struct portal_setting settings[] = {
    {"allowance", PS_MONEY, "元/人·月", "测试：每月补助", "165100"},
    {"ratio", PS_RATIO, "%", "测试：报销比例", "7000"},
    {"limit_days", PS_DAYS, "天", "测试：办理时限", "15"},
    {"visits", PS_INT, "次/年", "测试：走访次数", "4"},
    {"basis", PS_TEXT, NULL, "测试：政策依据", "渝民规〔2025〕6号"},
    {NULL, 0, NULL, NULL, NULL}};

static const struct portal_lookup_col hospital_cols[] = {
    {"name", "医院名称"}, {"level", "等级"}, {NULL, NULL}};

static const struct portal_lookup lookups[] = {
    {"hospital", "测试：定点医院", hospital_cols},
    {NULL, NULL, NULL}};

static const struct portal_migration migrations[] = {
    {1, "001_testkit.sql"}, {2, "002_gap.sql"}, {3, "003_after.sql"}, {4, "004_abi2.sql"},
    {5, "005_tasks.sql"}, {6, "006_org_scopes.sql"}, {7, "007_counter.sql"},
    {8, "008_rows.sql"}, {0, NULL}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "testkit",
    .title = "测试工具",
    .version = "1.0",
    .routes = routes,
    .permissions = perms,
    .menu = menu,
    .migrations = migrations,
    .template_dir = "templates",
    .workflows = workflows,
    .loaders = loaders,
    .labels = labels,
    .settings = settings,
    .lookups = lookups,
    .jobs = jobs,
};
