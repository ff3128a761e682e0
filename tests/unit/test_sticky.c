/*
 * test_sticky.c - unit tests for cgi/host/sticky.c: a refused POST's values
 * put back into the forms of its page that send to the POST's path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "host.h"

static arena *a;

/* the page after sticky_fill, the POST to path having sent n fields */
static const char *filled(const char *page, const char *path, const char *const *kv, size_t n)
{
    portal_req r;
    memset(&r, 0, sizeof r);
    if (!a)
        a = arena_new(4096);
    r.a = a;
    http_field f[16];
    memset(f, 0, sizeof f);
    for (size_t i = 0; i < n; i++) {
        f[i].name = kv[2 * i];
        f[i].value = kv[2 * i + 1];
        f[i].len = strlen(kv[2 * i + 1]);
    }
    r.bf.v = f;
    r.bf.n = n;
    buf b;
    buf_init(&b);
    buf_adds(&b, page);
    sticky_fill(&r, &b, path, "/x");
    char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

static void test_text_textarea_select(void **state)
{
    (void)state;
    static const char *const kv[] = {"bank", "农商行<a>", "account", "12 34", "note", "x&y",
                                     "kind", "correction", "_csrf", "typed", "pw", "secret"};
    assert_string_equal(
        filled("<form method=\"post\" action=\"/m/5/account\"><input type=\"hidden\" name=\"_csrf\" value=\"t\">"
               "<input type=\"text\" name=\"bank\" maxlength=\"64\" required>"
               "<input name=\"account\" value=\"old\" />"
               "<input type=\"password\" name=\"pw\">"
               "<textarea name=\"note\" rows=\"2\">old</textarea>"
               "<select name=\"kind\"><option value=\"backpay\" selected>补发</option>"
               "<option value=\"correction\">更正</option></select></form>",
               "/m/5/account", kv, 6),
        "<form method=\"post\" action=\"/m/5/account\"><input type=\"hidden\" name=\"_csrf\" value=\"t\">"
        "<input type=\"text\" name=\"bank\" maxlength=\"64\" required value=\"农商行&lt;a&gt;\">"
        "<input name=\"account\" value=\"12 34\" />"
        "<input type=\"password\" name=\"pw\">"
        "<textarea name=\"note\" rows=\"2\">x&amp;y</textarea>"
        "<select name=\"kind\"><option value=\"backpay\">补发</option>"
        "<option value=\"correction\" selected>更正</option></select></form>");
}

static void test_checkboxes_and_other_forms(void **state)
{
    (void)state;
    static const char *const kv[] = {"v", "2", "q", "typed"};
    /* a box submitted is checked, one not submitted is unchecked; a form
     * sending elsewhere and a GET form are left as they are */
    assert_string_equal(
        filled("<form method=\"get\" action=\"/m\"><input name=\"q\" value=\"a\"></form>"
               "<form method=\"post\" action=\"/m/other\"><input name=\"q\"></form>"
               "<form method=\"post\" action=\"/m/log?x=1\"><input type=\"checkbox\" name=\"v\" value=\"1\" checked>"
               "<input type=\"checkbox\" name=\"v\" value=\"2\"><input name=\"q\"></form>",
               "/m/log", kv, 2),
        "<form method=\"get\" action=\"/m\"><input name=\"q\" value=\"a\"></form>"
        "<form method=\"post\" action=\"/m/other\"><input name=\"q\"></form>"
        "<form method=\"post\" action=\"/m/log?x=1\"><input type=\"checkbox\" name=\"v\" value=\"1\">"
        "<input type=\"checkbox\" name=\"v\" value=\"2\" checked><input name=\"q\" value=\"typed\"></form>");
}

static void test_entities_in_action(void **state)
{
    (void)state;
    static const char *const kv[] = {"n", "1"};
    assert_string_equal(filled("<form action=\"/x\" method=\"POST\"><input name=\"n\"></form>",
                               "/x", kv, 1),
                        "<form action=\"/x\" method=\"POST\"><input name=\"n\" value=\"1\"></form>");
    /* no action: the page's own path ("/x" here) */
    assert_string_equal(filled("<form method=\"post\"><input name=\"n\"></form>", "/x", kv, 1),
                        "<form method=\"post\"><input name=\"n\" value=\"1\"></form>");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_textarea_select),
        cmocka_unit_test(test_checkboxes_and_other_forms),
        cmocka_unit_test(test_entities_in_action),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
