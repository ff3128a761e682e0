/*
 * docx.c - printable documents (service docx_send, issue 16): a module's
 * parts (title, headings, paragraphs, tables) written as a minimal Word
 * document - the three parts a .docx needs ([Content_Types].xml,
 * _rels/.rels, word/document.xml) zipped in memory with libzip - and sent
 * as an attachment.  Formatting is direct (no styles part): SimSun for
 * Chinese, A4 pages, tables with single borders whose header row repeats.
 * Word checks the order of the elements inside a property block (pPr,
 * rPr, tblPr): they are written in the schema's order.
 */
#include "host.h"
#include "files.h"
#include "docx.h"

#include <string.h>
#include <zip.h>

#define DOCX_CTYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define DOCX_MAX_COLS 63

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
    "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.document.main+xml\"/></Types>";

static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/* text as XML character data: & < > " escaped, control characters other
 * than a newline dropped, a newline a line break inside the run */
static void text_add(buf *b, const char *t)
{
    for (const unsigned char *p = (const unsigned char *)(t ? t : ""); *p; p++) {
        if (*p == '&')
            buf_adds(b, "&amp;");
        else if (*p == '<')
            buf_adds(b, "&lt;");
        else if (*p == '>')
            buf_adds(b, "&gt;");
        else if (*p == '"')
            buf_adds(b, "&quot;");
        else if (*p == '\n')
            buf_adds(b, "</w:t><w:br/><w:t xml:space=\"preserve\">");
        else if (*p >= 0x20 && *p != 0x7f)
            buf_addc(b, (char)*p);
    }
}

/* one paragraph: jc left/center/right, sz in half-points, bold or not */
static void para_add(buf *b, const char *text, const char *jc, int sz, int bold)
{
    buf_printf(b, "<w:p><w:pPr><w:spacing w:after=\"120\"/><w:jc w:val=\"%s\"/></w:pPr><w:r>"
               "<w:rPr><w:rFonts w:ascii=\"SimSun\" w:hAnsi=\"SimSun\" w:eastAsia=\"SimSun\"/>"
               "%s<w:sz w:val=\"%d\"/></w:rPr><w:t xml:space=\"preserve\">", jc,
               bold ? "<w:b/>" : "", sz);
    text_add(b, text);
    buf_adds(b, "</w:t></w:r></w:p>");
}

static int table_add(buf *b, const struct portal_doc_part *p)
{
    if (p->cols < 1 || p->cols > DOCX_MAX_COLS || p->rows < 1 || !p->cells)
        return -1;
    buf_adds(b, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
    for (size_t i = 0; i < sizeof sides / sizeof *sides; i++)
        buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
                   sides[i]);
    buf_adds(b, "</w:tblBorders></w:tblPr><w:tblGrid>");
    for (int c = 0; c < p->cols; c++)
        buf_adds(b, "<w:gridCol/>");
    buf_adds(b, "</w:tblGrid>");
    for (int row = 0; row < p->rows; row++) {
        buf_adds(b, row == 0 ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
        for (int c = 0; c < p->cols; c++) {
            buf_adds(b, "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>");
            para_add(b, p->cells[(size_t)row * (size_t)p->cols + (size_t)c], "left", 18, row == 0);
            buf_adds(b, "</w:tc>");
        }
        buf_adds(b, "</w:tr>");
    }
    buf_adds(b, "</w:tbl>");
    return 0;
}

/* word/document.xml of the parts into b; -1 on a part that cannot be written */
static int document_build(buf *b, int landscape, const struct portal_doc_part *parts)
{
    buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
                "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                "<w:body>");
    for (const struct portal_doc_part *p = parts; p && p->kind != PD_END; p++) {
        if (p->kind == PD_TITLE)
            para_add(b, p->text, "center", 36, 1);
        else if (p->kind == PD_HEADING)
            para_add(b, p->text, "left", 28, 1);
        else if (p->kind == PD_PARA)
            para_add(b, p->text, "both", 24, 0);
        else if (p->kind == PD_RIGHT)
            para_add(b, p->text, "right", 24, 0);
        else if (p->kind != PD_TABLE || table_add(b, p) != 0)
            return -1;
    }
    /* A4 in twentieths of a point, 2 cm margins */
    buf_printf(b, "<w:sectPr><w:pgSz w:w=\"%d\" w:h=\"%d\"%s/><w:pgMar w:top=\"1134\" "
               "w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" "
               "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
               landscape ? 16838 : 11906, landscape ? 11906 : 16838,
               landscape ? " w:orient=\"landscape\"" : "");
    return 0;
}

static int part_add(zip_t *z, const char *name, const void *data, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, data, len, 0);
    if (!src)
        return -1;
    if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(src);
        return -1;
    }
    return 0;
}

/* the zip of the three parts in memory (arena); NULL on failure */
static char *zip_build(portal_req *r, const buf *doc, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
    char *out = NULL;
    if (!z) {
        zip_error_fini(&ze);
        if (mem)
            zip_source_free(mem);
        return NULL;
    }
    zip_source_keep(mem);
    int bad = part_add(z, "[Content_Types].xml", content_types, sizeof content_types - 1) ||
        part_add(z, "_rels/.rels", rels, sizeof rels - 1) ||
        part_add(z, "word/document.xml", doc->data, doc->len);
    if (bad) {
        zip_discard(z);
    } else if (zip_close(z) == 0) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_source_stat(mem, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
            zip_source_open(mem) == 0) {
            out = arena_alloc(r->a, st.size + 1);
            zip_int64_t k = zip_source_read(mem, out, st.size);
            zip_source_close(mem);
            if (k < 0 || (zip_uint64_t)k != st.size)
                out = NULL;
            *len = (size_t)st.size;
        }
    } else {
        zip_discard(z);
    }
    zip_source_free(mem);
    zip_error_fini(&ze);
    return out;
}

int docx_svc_send(portal_req *r, const char *filename, int landscape,
                  const struct portal_doc_part *parts)
{
    buf doc;
    buf_init(&doc);
    size_t len = 0;
    char *zip = document_build(&doc, landscape, parts) == 0 ? zip_build(r, &doc, &len) : NULL;
    buf_free(&doc);
    if (!zip) {
        log_msg("PT1211", "docx %s: the document could not be written", filename ? filename : "");
        r->status = 500;
        render_error(r, 500, "文档生成失败，请稍后再试。");
        return 500;
    }
    r->ctype = DOCX_CTYPE;
    resp_header(r, "Content-Disposition",
                files_disposition(r, filename ? filename : "document.docx", "docx", 0));
    resp_write(r, zip, len);
    return 200;
}
