/*
 * system - the home page, site information and the cheapest route (/hello).
 * The smallest real module: it proves the ABI end to end.
 */
#include "portal_module.h"

#include <string.h>

/* the applications the home page shows (the most urgent first) */
#define HOME_INBOX_ROWS 10

static int home_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_user *u = s->user(r);
    s->set(r, "Home.Name", u->display_name);
    /* what waits for this user, across every module (not for a partner,
     * who has no inbox: core.inbox): the most urgent few and how many in
     * all; /inbox lists them all, a page at a time */
    if (s->has_perm(r, "core.inbox")) {
        int n = s->wf_inbox_page(r, "Inbox", NULL, 0, HOME_INBOX_ROWS);
        s->set(r, "Home.Inbox", "1");
        s->set_int(r, "Home.Waiting", n > 0 ? n : 0);
        if (n > HOME_INBOX_ROWS)
            s->set_int(r, "InboxTotal", n); /* the table shows the first few */
    }
    return s->render(r, "home.cs", "首页");
}

/* public: which townships the portal serves - no personal data; from the
 * worker's division cache (a public page has no session row to carry the
 * divisions' version, so the cache asks for it: one primary-key read) */
static int about_get(portal_req *r, const struct portal_services *s)
{
    int n = s->divisions_hdf(r, "Towns", "township", NULL, NULL);
    if (n < 0)
        return 500;
    s->set_int(r, "About.Townships", n);
    return s->render(r, "about.cs", "站点信息");
}

static int hello_get(portal_req *r, const struct portal_services *s)
{
    static const char text[] = "你好，酉阳。\n";
    s->header(r, "Content-Type", "text/plain; charset=utf-8");
    s->write(r, text, sizeof text - 1);
    return 200;
}

static const struct portal_route routes[] = {
    {"GET", "/", home_get, NULL, 0, NULL},
    {"GET", "/about", about_get, NULL, PR_PUBLIC, NULL},
    {"GET", "/hello", hello_get, NULL, PR_NO_DB | PR_NO_LAYOUT, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL}};

static const struct portal_menu menu[] = {
    {"首页", "/", NULL, 0},
    {"站点信息", "/about", NULL, 900},
    {NULL, NULL, NULL, 0}};

const struct portal_module portal_module = {
    PORTAL_MODULE_HEADER,
    .name = "system",
    .title = "系统",
    .version = "1.0",
    .routes = routes,
    .permissions = NULL,
    .menu = menu,
    .migrations = NULL,
    .template_dir = "templates",
};
