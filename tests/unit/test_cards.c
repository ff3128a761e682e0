/*
 * test_cards.c - unit tests for cgi/host/cards.c: the phone labels of list
 * tables (data-label on each body cell from its column's heading), written
 * in one pass over the page.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "host.h"

static arena *a;

/* the page after cards_label */
static const char *labelled(const char *page)
{
    portal_req r;
    memset(&r, 0, sizeof r);
    if (!a)
        a = arena_new(4096);
    r.a = a;
    buf b;
    buf_init(&b);
    buf_adds(&b, page);
    cards_label(&r, &b);
    char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

static void test_cells_take_their_heading(void **state)
{
    (void)state;
    assert_string_equal(
        labelled("<p>x</p><table class=\"list wide\"><caption>c</caption><thead><tr>"
                 "<th scope=\"col\">姓名</th><th colspan=\"2\"> 金额\n <small>(元)</small></th>"
                 "<th>\"说明\"</th></tr></thead><tbody>"
                 "<tr><td>张三</td><td class=\"num\">1.00</td><td>2.00</td><td>a</td></tr>"
                 "<tr><th>合计</th><td colspan=\"2\">3.00</td><td data-label=\"备\">b</td></tr>"
                 "</tbody></table><td>after</td>"),
        "<p>x</p><table class=\"list wide\"><caption>c</caption><thead><tr>"
        "<th scope=\"col\">姓名</th><th colspan=\"2\"> 金额\n <small>(元)</small></th>"
        "<th>\"说明\"</th></tr></thead><tbody>"
        "<tr><td data-label=\"姓名\">张三</td><td data-label=\"金额 (元)\" class=\"num\">1.00</td>"
        "<td data-label=\"金额 (元)\">2.00</td><td data-label=\"&quot;说明&quot;\">a</td></tr>"
        "<tr><th>合计</th><td colspan=\"2\">3.00</td><td data-label=\"备\">b</td></tr>"
        "</tbody></table><td>after</td>");
}

static void test_other_tables_unchanged(void **state)
{
    (void)state;
    const char *page = "<table class=\"listing\"><thead><tr><th>A</th></tr></thead>"
                       "<tr><td>1</td></tr></table>"
                       "<table class=\"list\"><tr><td>no heading</td></tr></table>"
                       "<table><thead><tr><th>B</th></tr></thead><tr><td>2</td></tr></table>";
    assert_string_equal(labelled(page), page);
    assert_string_equal(labelled("<p>no table</p>"), "<p>no table</p>");
    /* only a tag named table opens one (the page is searched for "<table") */
    const char *x = "<tablex class=\"list\"><thead><tr><th>A</th></tr></thead>"
                    "<tr><td>1</td></tr></tablex><p>class=\"list\"</p>";
    assert_string_equal(labelled(x), x);
}

static void test_two_lists_each_their_headings(void **state)
{
    (void)state;
    assert_string_equal(
        labelled("<table class=\"list\"><thead><tr><th>甲</th></tr></thead><tbody>"
                 "<tr><td>1</td></tr></tbody></table><table class=\"list\"><thead><tr>"
                 "<th>乙</th><th></th></tr></thead><tbody><tr><td>2</td><td>3</td></tr>"
                 "</tbody></table>"),
        "<table class=\"list\"><thead><tr><th>甲</th></tr></thead><tbody>"
        "<tr><td data-label=\"甲\">1</td></tr></tbody></table><table class=\"list\"><thead><tr>"
        "<th>乙</th><th></th></tr></thead><tbody><tr><td data-label=\"乙\">2</td><td>3</td></tr>"
        "</tbody></table>");
    /* a list after a plain table and the page between them */
    assert_string_equal(
        labelled("<table><thead><tr><th>X</th></tr></thead><tr><td>0</td></tr></table>"
                 "<div><a href=\"/\">a</a></div><table\nclass=\"list\"><thead><tr><td>丙</td>"
                 "</tr></thead><tr><td>1</td></tr></table>"),
        "<table><thead><tr><th>X</th></tr></thead><tr><td>0</td></tr></table>"
        "<div><a href=\"/\">a</a></div><table\nclass=\"list\"><thead><tr><td>丙</td>"
        "</tr></thead><tr><td data-label=\"丙\">1</td></tr></table>");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_take_their_heading),
        cmocka_unit_test(test_other_tables_unchanged),
        cmocka_unit_test(test_two_lists_each_their_headings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
