/*
 * test_render.c - unit tests for cgi/host/render.c and tree.c: the worker's
 * HDF tree is emptied between requests without leaving ClearSilver's lookup
 * cache pointing at freed nodes (the worker SIGSEGV of issue 22), and the
 * request's nodes made in tree.c's arena live beside the ones ClearSilver
 * allocates itself (issue 17).
 *
 * hdf_remove_tree (ClearSilver 0.10.5) frees a node but keeps its parent's
 * last_hp / last_hs / last_child; tree.c removes nodes itself and repairs
 * them.  ASan does not see reads through a stale cache (libneo is not
 * instrumented), so the test checks the cache itself: after every removal
 * each cached pointer is NULL or one of the parent's current children.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "host.h"
#include "unit_request.h"
#include <ClearSilver.h>
#include <stdlib.h>

static int is_child(HDF *parent, HDF *p)
{
    if (!p)
        return 1;
    for (HDF *c = parent->child; c; c = c->next)
        if (c == p)
            return 1;
    return 0;
}

/* every node of the tree: its cache points at live children only, and
 * last_child (used to append when the level is hashed) is the last one */
static void assert_cache_live(HDF *n)
{
    assert_true(is_child(n, n->last_hp));
    assert_true(is_child(n, n->last_hs));
    assert_true(is_child(n, n->last_child));
    if (n->hash) {
        HDF *last = NULL;
        for (HDF *c = n->child; c; c = c->next)
            last = c;
        assert_ptr_equal(n->last_child, last);
    }
    for (HDF *c = n->child; c; c = c->next)
        assert_cache_live(c);
}

static NEOERR *render_discard_cb(void *ctx, char *s)
{
    (void)ctx;
    (void)s;
    return STATUS_OK;
}

static int setup(void **state)
{
    (void)state;
    return render_init("templates");
}

/* a request's page data, as handlers and the layout write it */
static void fill_request(int rows)
{
    hdf_put("Page.title", "儿童档案");
    hdf_put("User.name", "township");
    hdf_put("Csrf", "token");
    for (int i = 0; i < rows; i++) {
        char name[64];
        snprintf(name, sizeof name, "Rows.%d.name", i);
        hdf_put(name, "x' ORDER BY 999#");
    }
    for (int i = 0; i < 20; i++) {   /* enough top-level names to hash the root */
        char name[64];
        snprintf(name, sizeof name, "Extra%d", i);
        hdf_put(name, "v");
    }
    hdf_put("Flash", "已保存");
}

static void test_reset_leaves_no_stale_cache(void **state)
{
    (void)state;
    HDF *root = render_hdf();
    assert_non_null(root);
    for (int round = 0; round < 3; round++) {
        fill_request(round * 40);
        assert_cache_live(root);
        hdf_reset_request();
        assert_cache_live(root);
        /* only Config and hdf stay */
        for (HDF *c = root->child; c; c = c->next)
            assert_true(!strcmp(c->name, "Config") || !strcmp(c->name, "hdf"));
    }
    /* and the tree still works */
    hdf_put("Page.title", "首页");
    assert_string_equal(hdf_value("Page.title"), "首页");
    hdf_reset_request();
}

static void test_drop_repairs_parent(void **state)
{
    (void)state;
    HDF *root = render_hdf();
    hdf_put("Rows.0.name", "a");
    hdf_put("Rows.1.name", "b");
    hdf_put("Rows.2.name", "c");
    hdf_put("Rows.2.name", "c2");       /* the cache now holds Rows.2 */
    hdf_drop("Rows.2");
    assert_cache_live(root);
    hdf_drop("Rows.0");                 /* the first child */
    assert_cache_live(root);
    hdf_put("Rows.3.name", "d");
    assert_string_equal(hdf_value("Rows.1.name"), "b");
    assert_string_equal(hdf_value("Rows.3.name"), "d");
    assert_null(hdf_value("Rows.2.name"));
    hdf_drop("Rows.1");
    hdf_drop("Rows.3");                 /* the level is empty */
    assert_cache_live(root);
    hdf_put("Rows.4.name", "e");
    assert_string_equal(hdf_value("Rows.4.name"), "e");
    hdf_reset_request();
    assert_cache_live(root);
}

/* tree.c: ClearSilver's own writes under the arena's nodes (a value it
 * replaces, a child it adds, a template's set:) are its heap blocks and
 * freed as such; the arena's are never passed to free (ASan: make unit) */
static void test_tree_mixed_owners(void **state)
{
    (void)state;
    HDF *root = render_hdf();
    for (int round = 0; round < 3; round++) {
        hdf_put("List.Rows.0.name", "甲");
        hdf_put("List.Rows.0.sex", "1");
        assert_int_equal(hdf_set_value(root, "List.Rows.0.name", "乙"), STATUS_OK);
        assert_int_equal(hdf_set_value(root, "List.Rows.0.extra.deep", "丙"), STATUS_OK);
        hdf_put("List.Rows.0.extra.deep", "丁"); /* ClearSilver's value replaced */
        hdf_put("List.Rows.0.sex", "2");
        assert_string_equal(hdf_value("List.Rows.0.name"), "乙");
        assert_string_equal(hdf_value("List.Rows.0.extra.deep"), "丁");
        assert_string_equal(hdf_value("List.Rows.0.sex"), "2");
        CSPARSE *cs = NULL;
        assert_int_equal(cs_init(&cs, root), STATUS_OK);
        char *src = strdup("<?cs set:List.Rows.0.sex = \"3\" ?><?cs set:Made.here = \"x\" ?>"
                           "<?cs var:List.Rows.0.name ?>");
        assert_int_equal(cs_parse_string(cs, src, strlen(src)), STATUS_OK);
        assert_int_equal(cs_render(cs, NULL, render_discard_cb), STATUS_OK);
        cs_destroy(&cs);
        assert_string_equal(hdf_value("List.Rows.0.sex"), "3");
        assert_string_equal(hdf_value("Made.here"), "x");
        hdf_drop("List.Rows.0.extra");
        assert_null(hdf_value("List.Rows.0.extra.deep"));
        assert_cache_live(root);
        hdf_reset_request();
        assert_null(hdf_value("List.Rows.0.name"));
        assert_null(hdf_value("Made.here"));
    }
}

/* many children: found through a hash once past a few dozen, dropped and
 * added again; the lasting Config is set the usual way and outlives the
 * request's arena */
static void test_tree_many_rows(void **state)
{
    (void)state;
    HDF *root = render_hdf();
    HDF *rows = NULL;
    for (int i = 0; i < 300; i++) {
        char name[64], v[16];
        snprintf(name, sizeof name, "Rows.%d.n", i);
        snprintf(v, sizeof v, "%d", i);
        hdf_put(name, v);
        hdf_put(name, v); /* found again, not made twice */
    }
    rows = hdf_get_obj(root, "Rows");
    assert_non_null(rows);
    assert_non_null(rows->hash);
    int n = 0;
    for (HDF *c = rows->child; c; c = c->next)
        n++;
    assert_int_equal(n, 300);
    assert_string_equal(hdf_value("Rows.217.n"), "217");
    hdf_drop("Rows.217");
    assert_null(hdf_value("Rows.217.n"));
    hdf_put("Rows.217.n", "again");
    assert_string_equal(hdf_value("Rows.217.n"), "again");
    assert_cache_live(root);
    hdf_put("Config.TreeTest", "kept");
    hdf_reset_request();
    hdf_put("Page.Title", "0123456789012345678901234567890123456789");
    assert_string_equal(hdf_value("Config.TreeTest"), "kept");
    hdf_reset_request();
}

/* render.c's escape of template values (linked in place of ClearSilver's
 * neos_var_escape): the bytes of ClearSilver's own html escape for any
 * text, and ClearSilver's own function for every other context */
NEOERR *__wrap_neos_var_escape(NEOS_ESCAPE context, const char *in, char **esc);
NEOERR *__real_neos_var_escape(NEOS_ESCAPE context, const char *in, char **esc);

static void same_escape(NEOS_ESCAPE context, const char *in)
{
    char *mine = NULL, *theirs = NULL;
    assert_int_equal(__wrap_neos_var_escape(context, in, &mine), STATUS_OK);
    if (context == NEOS_ESCAPE_HTML)
        assert_int_equal(neos_html_escape(in, (int)strlen(in), &theirs), STATUS_OK);
    else
        assert_int_equal(__real_neos_var_escape(context, in, &theirs), STATUS_OK);
    assert_non_null(mine);
    assert_string_equal(mine, theirs);
    free(mine);
    free(theirs);
}

static void test_escape_is_clearsilvers(void **state)
{
    (void)state;
    static const char *const fixed[] = {
        "", "plain", "儿童档案", "<script>alert('x')</script>", "a & b \"c\" d",
        "\r\n line\r", "&&<<>>\"\"''", "'", "x' ORDER BY 999#", "&amp;",
    };
    static const NEOS_ESCAPE contexts[] = {
        NEOS_ESCAPE_HTML, NEOS_ESCAPE_NONE, NEOS_ESCAPE_FUNCTION, NEOS_ESCAPE_URL,
        NEOS_ESCAPE_SCRIPT, NEOS_ESCAPE_HTML | NEOS_ESCAPE_URL,
        NEOS_ESCAPE_HTML | NEOS_ESCAPE_SCRIPT,
    };
    for (size_t c = 0; c < sizeof contexts / sizeof *contexts; c++)
        for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
            same_escape(contexts[c], fixed[i]);
    srand(17);
    for (int round = 0; round < 2000; round++) { /* any byte but NUL */
        char in[64];
        size_t n = (size_t)(rand() % 63);
        for (size_t i = 0; i < n; i++)
            in[i] = (char)(1 + rand() % 255);
        in[n] = 0;
        same_escape(NEOS_ESCAPE_HTML, in);
        same_escape(NEOS_ESCAPE_URL, in);
    }
}

/* a page's values escaped onto the page as it renders: the error page
 * shows its message escaped, the layout's values too */
static void test_page_values_escaped(void **state)
{
    (void)state;
    static arena *a;
    portal_req r;
    memset(&r, 0, sizeof r);
    unit_request(&r, &a, "GET", "/x\"<y>");
    assert_int_equal(render_error(&r, 404, "<b>无此页</b> & 'q' \"z\"\r"), 404);
    assert_non_null(strstr(r.body.data, "&lt;b&gt;无此页&lt;/b&gt; &amp; &#39;q&#39; &quot;z&quot;"));
    assert_null(strstr(r.body.data, "<b>无此页"));
    assert_null(strstr(r.body.data, "/x\"<y>"));
    assert_non_null(strstr(r.body.data, "</html>"));
    buf_free(&r.body);
    buf_free(&r.headers);
    hdf_reset_request();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reset_leaves_no_stale_cache),
        cmocka_unit_test(test_drop_repairs_parent),
        cmocka_unit_test(test_tree_mixed_owners),
        cmocka_unit_test(test_tree_many_rows),
        cmocka_unit_test(test_escape_is_clearsilvers),
        cmocka_unit_test(test_page_values_escaped),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
