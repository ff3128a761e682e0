/*
 * test_csv.c - unit tests for the CSV reader (cgi/host/csv.c): plain and
 * quoted cells, doubled quotes, a BOM, CRLF and LF, line breaks inside
 * quotes, empty lines and cells, and what is refused with the line named:
 * a quote left open, text after a closing quote, invalid UTF-8, a NUL,
 * too many cells, a cell too long.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "csv.h"

static arena *A;

static portal_csv *open_text(const char *text) { return csv_open(A, text, strlen(text)); }

/* the next record has exactly the given cells */
static void expect(portal_csv *c, int n, ...)
{
    const char **cells = NULL;
    assert_int_equal(csv_next(c, &cells), n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        assert_string_equal(cells[i], va_arg(ap, const char *));
    va_end(ap);
    assert_null(cells[n]);
}

static void expect_error(portal_csv *c, const char *part)
{
    const char **cells = NULL;
    assert_int_equal(csv_next(c, &cells), -1);
    if (!strstr(csv_error(c), part))
        fail_msg("error \"%s\" lacks \"%s\"", csv_error(c), part);
    assert_int_equal(csv_next(c, &cells), -1); /* and it stays failed */
}

static void test_plain_and_quoted(void **state)
{
    (void)state;
    portal_csv *c = open_text("姓名,身份证号,备注\n张三,\"5002421\",\"说\"\"好\"\"的,是\"\n,,\n");
    expect(c, 3, "姓名", "身份证号", "备注");
    expect(c, 3, "张三", "5002421", "说\"好\"的,是");
    expect(c, 3, "", "", "");
    expect(c, 0);
    assert_string_equal(csv_error(c), "");
}

static void test_bom_crlf_and_last_line(void **state)
{
    (void)state;
    portal_csv *c = open_text("\xEF\xBB\xBF" "a,b\r\n\r\nc,\"d\"\r\ne,f");
    expect(c, 2, "a", "b");
    expect(c, 2, "c", "d"); /* the empty line is skipped */
    assert_int_equal(csv_line(c), 3);
    expect(c, 2, "e", "f"); /* no line end after the last record */
    expect(c, 0);
    c = csv_open(A, NULL, 0);
    expect(c, 0);
}

static void test_newline_in_quotes(void **state)
{
    (void)state;
    portal_csv *c = open_text("1,\"第一行\r\n第二行\nend\",x\n2,y,z\n");
    expect(c, 3, "1", "第一行\r\n第二行\nend", "x");
    expect(c, 3, "2", "y", "z");
    assert_int_equal(csv_line(c), 4); /* the line numbers count the lines inside quotes */
}

static void test_refused(void **state)
{
    (void)state;
    portal_csv *c = open_text("a,b\n\"open,c\nd\n");
    expect(c, 2, "a", "b");
    expect_error(c, "第 2 行：引号没有成对");
    c = open_text("x\n\"a\"b,c\n");
    expect(c, 1, "x");
    expect_error(c, "第 2 行：结束引号后还有多余的字符");
    c = open_text("ok\n\"多\n行\"\n\xC3\x28,x\n");
    expect(c, 1, "ok");
    expect(c, 1, "多\n行");
    expect_error(c, "第 4 行：第 1 列不是有效的 UTF-8");
    expect_error(open_text("\xE5\xBC,x\n"), "第 1 行：第 1 列不是有效的 UTF-8");
    c = csv_open(A, "a,b\0c\n", 6);
    expect_error(c, "第 1 行：第 2 列不是有效的 UTF-8");
}

static void test_caps(void **state)
{
    (void)state;
    size_t n = CSV_MAX_CELLS + 1;
    char *wide = calloc(1, 2 * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(wide + 2 * i, i + 1 < n ? "x," : "x\n", 2);
    expect_error(open_text(wide), "超过 256 列");
    wide[2 * (n - 1) - 1] = '\n'; /* exactly the cap: fine */
    const char **cells;
    assert_int_equal(csv_next(open_text(wide), &cells), CSV_MAX_CELLS);
    assert_string_equal(cells[CSV_MAX_CELLS - 1], "x");
    free(wide);
    char *longcell = malloc(CSV_MAX_CELL + 4);
    memset(longcell, 'y', CSV_MAX_CELL + 1);
    strcpy(longcell + CSV_MAX_CELL + 1, "\n");
    expect_error(open_text(longcell), "第 1 行：第 1 列超过 65536 字节");
    longcell[CSV_MAX_CELL] = '\n';
    longcell[CSV_MAX_CELL + 1] = 0;
    portal_csv *c = open_text(longcell);
    assert_int_equal(csv_next(c, &cells), 1);
    assert_int_equal(strlen(cells[0]), CSV_MAX_CELL);
    free(longcell);
}

static int setup(void **state)
{
    (void)state;
    A = arena_new(4096);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(A);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_quoted),
        cmocka_unit_test(test_bom_crlf_and_last_line),
        cmocka_unit_test(test_newline_in_quotes),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_caps),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
