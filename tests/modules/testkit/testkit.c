/*
 * testkit - a module loaded only by the test instance (never by make run or
 * production: it lives under tests/).  It gives the tests a request that
 * hangs, a large answer, a page that shows a value in every template
 * context, and a state-changing form whose effect the tests can count.
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

static const struct portal_param crash_params[] = {
    {"how", PP_TEXT, 8, 0, "方式"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param sleep_params[] = {
    {"s", PP_INT, 4, 0, "秒数"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param big_params[] = {
    {"mb", PP_INT, 2, 0, "大小"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param echo_params[] = {
    {"v", PP_LINES, 2000, 0, "值"}, {NULL, 0, 0, 0, NULL}};
static const struct portal_param note_params[] = {
    {"body", PP_LINES, 2000, 1, "内容"}, {NULL, 0, 0, 0, NULL}};

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

static const struct portal_route routes[] = {
    {"GET", "/_test/sleep", sleep_route, NULL, PR_NO_DB | PR_NO_LAYOUT, sleep_params},
    {"GET", "/_test/crash", crash_route, "testkit.write", PR_NO_LAYOUT, crash_params},
    {"GET", "/_test/big", big_route, NULL, PR_NO_DB | PR_NO_LAYOUT, big_params},
    {"GET", "/_test/echo", echo, "testkit.write", 0, echo_params},
    {"POST", "/_test/note", note_post, "testkit.write", PR_STATE_CHANGING, note_params},
    {"GET", "/testkit/xlsx", xlsx_route, "testkit.write", PR_NO_LAYOUT, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL}};

static const struct portal_permission perms[] = {
    {"testkit.write", "测试：写入记录"}, {NULL, NULL}};

static const struct portal_menu menu[] = {
    {"测试", "/_test/echo", "testkit.write", 999}, {NULL, NULL, NULL, 0}};

static const struct portal_migration migrations[] = {
    {1, "001_testkit.sql"}, {2, "002_gap.sql"}, {3, "003_after.sql"}, {0, NULL}};

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
};
