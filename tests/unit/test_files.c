/* Unit tests for cgi/host/imgmeta.c (the type of an upload and the removal of
 * JPEG and PNG metadata) and cgi/host/files.c (file_store, file_discard,
 * file_send on a request of their own, files in a temporary folder).
 * Run from the repository root (tests/run.sh does): the error page renders
 * templates/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "files.h"
#include "host.h"
#include "imgmeta.h"
#include "unit_request.h"

/* ---- a byte builder ---- */
struct bytes {
    unsigned char d[4096];
    size_t n;
};

static void add(struct bytes *b, const void *p, size_t n)
{
    assert_true(b->n + n <= sizeof b->d);
    memcpy(b->d + b->n, p, n);
    b->n += n;
}

/* a JPEG segment: FF m, length, payload */
static void seg(struct bytes *b, unsigned char m, const void *payload, size_t n)
{
    unsigned char h[4] = {0xFF, m, (unsigned char)((n + 2) >> 8), (unsigned char)(n + 2)};
    add(b, h, 4);
    add(b, payload, n);
}

/* the parts of a small baseline 8x8 greyscale JPEG, in order */
static void jpeg_head(struct bytes *b)
{
    add(b, "\xFF\xD8", 2);
    seg(b, 0xE0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14);               /* APP0 */
}

static void jpeg_body(struct bytes *b)
{
    unsigned char dqt[65] = {0};
    memset(dqt + 1, 1, 64);
    seg(b, 0xE2, "ICC_PROFILE\0\x01\x01" "colour", 20);                    /* APP2 ICC */
    seg(b, 0xDB, dqt, sizeof dqt);                                      /* DQT */
    seg(b, 0xC0, "\x08\0\x08\0\x08\x01\x01\x11\0", 9);                  /* SOF0 */
    unsigned char dht[18] = {0x00, 1};                                  /* DC 0: one code */
    seg(b, 0xC4, dht, sizeof dht);
    dht[0] = 0x10;                                                      /* AC 0 */
    seg(b, 0xC4, dht, sizeof dht);
    seg(b, 0xDD, "\0\x01", 2);                                          /* DRI */
    seg(b, 0xDA, "\x01\x01\0\0\x3F\0", 6);                              /* SOS */
    /* entropy-coded data with a stuffed FF00 and a restart marker inside */
    add(b, "\x3F\xFF\x00\x12\xFF\xD0\x3F\x80", 8);
    add(b, "\xFF\xD9", 2);                                              /* EOI */
}

/* what a phone puts in a photo: EXIF with the GPS position, XMP, IPTC, a comment */
static void jpeg_metadata(struct bytes *b)
{
    static const char exif[] = "Exif\0\0MM\0*\0\0\0\x08"
                               "GPSLatitude 28/1 50/1 1234/100 N GPSLongitude 108/1 46/1 E";
    static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>exif:GPSLatitude"
                              "</x:xmpmeta>";
    seg(b, 0xE1, exif, sizeof exif - 1);
    seg(b, 0xE1, xmp, sizeof xmp - 1);
    seg(b, 0xED, "Photoshop 3.0\08BIM\x04\x04 city: Youyang", 34);
    seg(b, 0xFE, "home of the child", 17);
}

static int strip(const struct bytes *in, unsigned char *out, size_t *outlen)
{
    *outlen = (size_t)-1;
    return file_strip_metadata(in->d, in->n, out, outlen);
}

/* in is stripped to exactly want: the result's length (the bytes in out) */
static size_t strips_to(const struct bytes *in, const struct bytes *want, unsigned char *out)
{
    size_t n;
    assert_int_equal(strip(in, out, &n), IMGMETA_OK);
    assert_int_equal(n, want->n);
    assert_memory_equal(out, want->d, n);
    return n;
}

static void test_jpeg_exif_gps_removed(void **state)
{
    (void)state;
    struct bytes in = {.n = 0}, want = {.n = 0};
    jpeg_head(&in);
    jpeg_metadata(&in);
    jpeg_body(&in);
    add(&in, "trailer after EOI: GPS", 22);  /* data appended after the image goes too */
    jpeg_head(&want);
    jpeg_body(&want);

    unsigned char out[4096];
    size_t n = strips_to(&in, &want, out);
    assert_true(n < in.n);
    assert_memory_equal(out, "\xFF\xD8", 2);
    assert_null(memmem(out, n, "Exif", 4));
    assert_null(memmem(out, n, "GPS", 3));
    assert_null(memmem(out, n, "xmpmeta", 7));
    assert_null(memmem(out, n, "8BIM", 4));
    assert_null(memmem(out, n, "home of the child", 17));
    /* APP0, ICC, DQT, SOF, DHT, DRI, SOS, the scan data and EOI byte for byte */
    assert_memory_equal(out + n - 2, "\xFF\xD9", 2);
}

/* a phone's EXIF, little-endian: Make, Orientation v, a GPS IFD with a position */
static void jpeg_phone_exif(struct bytes *b, unsigned v)
{
    unsigned char e[80] = "Exif\0\0II\x2a\0\x08\0\0\0";     /* IFD0 at 8 */
    static const unsigned char ifd[38] = {
        3, 0,                                                    /* three entries */
        0x0F, 0x01, 2, 0, 6, 0, 0, 0, 44, 0, 0, 0,               /* Make ASCII at 44 */
        0x12, 0x01, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0,                /* Orientation SHORT */
        0x25, 0x88, 4, 0, 1, 0, 0, 0, 50, 0, 0, 0};              /* GPS IFD at 50 */
    memcpy(e + 14, ifd, sizeof ifd);
    e[14 + 2 + 12 + 8] = (unsigned char)v;
    memcpy(e + 6 + 44, "Phone", 6);
    memcpy(e + 6 + 50, "GPSLatitude 28.84N", 18);
    seg(b, 0xE1, e, sizeof e);
}

static void test_jpeg_orientation_kept_alone(void **state)
{
    (void)state;
    struct bytes in = {.n = 0}, want = {.n = 0};
    jpeg_head(&in);
    jpeg_phone_exif(&in, 6);                                     /* rotated 90 degrees */
    jpeg_body(&in);
    static const unsigned char minimal[36] = {
        0xFF, 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
    jpeg_head(&want);
    add(&want, minimal, sizeof minimal);
    jpeg_body(&want);
    unsigned char out[4096];
    size_t n = strips_to(&in, &want, out);
    assert_null(memmem(out, n, "GPS", 3));
    assert_null(memmem(out, n, "Phone", 5));

    /* upright (1) needs no EXIF at all */
    struct bytes up = {.n = 0}, plain = {.n = 0};
    jpeg_head(&up);
    jpeg_phone_exif(&up, 1);
    jpeg_body(&up);
    jpeg_head(&plain);
    jpeg_body(&plain);
    n = strips_to(&up, &plain, out);
}

static void test_jpeg_without_metadata_is_identical(void **state)
{
    (void)state;
    struct bytes in = {.n = 0};
    jpeg_head(&in);
    jpeg_body(&in);
    unsigned char out[4096];
    strips_to(&in, &in, out);
}

static void test_jpeg_fill_bytes_and_progressive_scans(void **state)
{
    (void)state;
    /* fill FF bytes before a marker, two scans with a DHT between them */
    struct bytes in = {.n = 0};
    jpeg_head(&in);
    seg(&in, 0xDA, "\x01\x01\0\0\x3F\0", 6);
    add(&in, "\x01\x02\xFF\x00", 4);
    add(&in, "\xFF\xFF", 2);                       /* fill */
    seg(&in, 0xFE, "comment between scans", 21);   /* dropped */
    unsigned char dht[18] = {0x10, 1};
    seg(&in, 0xC4, dht, sizeof dht);
    seg(&in, 0xDA, "\x01\x01\0\0\x3F\0", 6);
    add(&in, "\x03\xFF\xD9", 3);

    struct bytes want = {.n = 0};
    jpeg_head(&want);
    seg(&want, 0xDA, "\x01\x01\0\0\x3F\0", 6);
    add(&want, "\x01\x02\xFF\x00", 4);
    seg(&want, 0xC4, dht, sizeof dht);
    seg(&want, 0xDA, "\x01\x01\0\0\x3F\0", 6);
    add(&want, "\x03\xFF\xD9", 3);

    unsigned char out[4096];
    size_t n = strips_to(&in, &want, out);
    assert_null(memmem(out, n, "comment", 7));
    /* the fill bytes went with the comment's marker; everything else is kept */
}

/* ---- PNG ---- */
static void chunk(struct bytes *b, const char *type, const void *data, size_t n)
{
    unsigned char h[8] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
                          (unsigned char)(n >> 8), (unsigned char)n};
    memcpy(h + 4, type, 4);
    add(b, h, 8);
    add(b, data, n);
    uLong c = crc32(0L, (const Bytef *)type, 4);
    c = crc32(c, (const Bytef *)data, (uInt)n);
    unsigned char t[4] = {(unsigned char)(c >> 24), (unsigned char)(c >> 16),
                          (unsigned char)(c >> 8), (unsigned char)c};
    add(b, t, 4);
}

static const unsigned char ihdr[13] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};
static const unsigned char idat[13] = {0x78, 0xda, 0x63, 0xf8, 0xff, 0xff, 0x7f,
                                       0x3d, 0x00, 0x09, 0x7b, 0x03, 0x7d};

static void png_image(struct bytes *b, int with_metadata)
{
    add(b, "\x89PNG\r\n\x1a\n", 8);
    chunk(b, "IHDR", ihdr, sizeof ihdr);
    if (with_metadata) {
        chunk(b, "tEXt", "Comment\0GPS 28.83N 108.77E", 26);
        chunk(b, "eXIf", "MM\0*\0\0\0\x08GPS", 11);
        chunk(b, "tIME", "\x07\xea\x0b\x1d\x0c\0\0", 7);
        chunk(b, "zTXt", "Author\0\0x", 9);
        chunk(b, "iTXt", "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>", 35);
    }
    chunk(b, "sRGB", "\0", 1);                    /* an ancillary chunk that stays */
    chunk(b, "IDAT", idat, sizeof idat);
    chunk(b, "IEND", "", 0);
}

static void test_png_text_and_exif_removed(void **state)
{
    (void)state;
    struct bytes in = {.n = 0}, want = {.n = 0};
    png_image(&in, 1);
    add(&in, "after IEND", 10);
    png_image(&want, 0);
    unsigned char out[4096];
    size_t n = strips_to(&in, &want, out);
    assert_null(memmem(out, n, "tEXt", 4));
    assert_null(memmem(out, n, "eXIf", 4));
    assert_null(memmem(out, n, "tIME", 4));
    assert_null(memmem(out, n, "zTXt", 4));
    assert_null(memmem(out, n, "iTXt", 4));
    assert_null(memmem(out, n, "GPS", 3));
    /* walk the result: IHDR, sRGB, IDAT, IEND, every CRC valid */
    const char *order[] = {"IHDR", "sRGB", "IDAT", "IEND"};
    size_t i = 8;
    for (int k = 0; k < 4; k++) {
        assert_true(i + 12 <= n);
        size_t len = (size_t)out[i] << 24 | (size_t)out[i + 1] << 16 | (size_t)out[i + 2] << 8 |
                     out[i + 3];
        assert_memory_equal(out + i + 4, order[k], 4);
        uLong c = crc32(0L, out + i + 4, (uInt)(4 + len));
        const unsigned char *t = out + i + 8 + len;
        assert_int_equal(c, (uLong)t[0] << 24 | (uLong)t[1] << 16 | (uLong)t[2] << 8 | t[3]);
        i += 12 + len;
    }
    assert_int_equal(i, n);
}

/* metadata in a chunk the list does not name (a private chunk, a proposed
 * compressed-EXIF "zxIf" that exiftool reads) goes too: PNG ancillary
 * chunks are kept only when they are known to describe the pixels */
static void test_png_unknown_ancillary_removed(void **state)
{
    (void)state;
    struct bytes in = {.n = 0}, want = {.n = 0};
    add(&in, "\x89PNG\r\n\x1a\n", 8);
    chunk(&in, "IHDR", ihdr, sizeof ihdr);
    chunk(&in, "zxIf", "\0MM\0*\0\0\0\x08GPS 28.83N", 20);
    chunk(&in, "gpSl", "GPS 28.83N 108.77E", 18);
    chunk(&in, "sRGB", "\0", 1);
    chunk(&in, "prVt", "home of the child", 17);
    chunk(&in, "IDAT", idat, sizeof idat);
    chunk(&in, "IEND", "", 0);
    png_image(&want, 0);
    unsigned char out[4096];
    size_t n = strips_to(&in, &want, out);
    assert_null(memmem(out, n, "GPS", 3));
    assert_null(memmem(out, n, "child", 5));
}

static void test_png_without_metadata_is_identical(void **state)
{
    (void)state;
    struct bytes in = {.n = 0};
    png_image(&in, 0);
    unsigned char out[4096];
    strips_to(&in, &in, out);
}

/* every strict prefix of a valid image is refused (n bytes of output room only) */
static void refuse_prefixes(const struct bytes *img, size_t sniffable)
{
    for (size_t k = 0; k < img->n; k++) {
        unsigned char *in = malloc(k ? k : 1), *out = malloc(k ? k : 1);
        assert_non_null(in);
        assert_non_null(out);
        memcpy(in, img->d, k);
        size_t n = 0;
        int rc = file_strip_metadata(in, k, out, &n);
        assert_int_equal(rc, k < sniffable ? IMGMETA_E_TYPE : IMGMETA_E_MALFORMED);
        free(in);
        free(out);
    }
}

static void test_truncated_refused(void **state)
{
    (void)state;
    struct bytes j = {.n = 0}, p = {.n = 0};
    jpeg_head(&j);
    jpeg_metadata(&j);
    jpeg_body(&j);
    refuse_prefixes(&j, 3);
    png_image(&p, 1);
    refuse_prefixes(&p, 8);
}

static void expect_malformed(const void *p, size_t n)
{
    unsigned char out[256];
    size_t m;
    assert_true(n <= sizeof out);
    assert_int_equal(file_strip_metadata(p, n, out, &m), IMGMETA_E_MALFORMED);
}

static void test_bad_structure_refused(void **state)
{
    (void)state;
    /* JPEG: a length below 2, a length past the end, FF 00 outside a scan,
     * a second SOI, bytes between segments, no EOI after a scan */
    expect_malformed("\xFF\xD8\xFF\xE0\x00\x01\xFF\xD9", 8);
    expect_malformed("\xFF\xD8\xFF\xE1\x10\x00" "Exif\xFF\xD9", 12);
    expect_malformed("\xFF\xD8\xFF\x00\xFF\xD9", 6);
    expect_malformed("\xFF\xD8\xFF\xD8\xFF\xD9", 6);
    expect_malformed("\xFF\xD8\xFF\xFE\x00\x03x junk\xFF\xD9", 14);
    expect_malformed("\xFF\xD8\xFF\xDA\x00\x02\x01\x02\x03", 9);
    /* PNG: a first chunk other than IHDR, a chunk length past the end or
     * above 2^31-1, a chunk type that is not letters, no IEND, an IEND with data */
    struct bytes b = {.n = 0};
    add(&b, "\x89PNG\r\n\x1a\n", 8);
    chunk(&b, "IDAT", idat, sizeof idat);
    chunk(&b, "IEND", "", 0);
    expect_malformed(b.d, b.n);
    b.n = 0;
    add(&b, "\x89PNG\r\n\x1a\n", 8);
    chunk(&b, "IHDR", ihdr, sizeof ihdr);
    add(&b, "\xFF\xFF\xFF\xF0tEXt", 8);
    add(&b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
    expect_malformed(b.d, b.n);
    b.n = 0;
    add(&b, "\x89PNG\r\n\x1a\n", 8);
    chunk(&b, "IHDR", ihdr, sizeof ihdr);
    chunk(&b, "ID4T", idat, sizeof idat);
    chunk(&b, "IEND", "", 0);
    expect_malformed(b.d, b.n);
    b.n = 0;
    add(&b, "\x89PNG\r\n\x1a\n", 8);
    chunk(&b, "IHDR", ihdr, sizeof ihdr);
    chunk(&b, "IDAT", idat, sizeof idat);
    expect_malformed(b.d, b.n);
    chunk(&b, "IEND", "GPS 28.83N", 10);      /* IEND is empty: nothing rides on it */
    expect_malformed(b.d, b.n);
}

static void test_not_an_image_refused(void **state)
{
    (void)state;
    static const char *const others[] = {"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "GIF89a\x01\0\x01\0",
                                         "hello, this is text named photo.jpg",
                                         "MZ\x90\0\x03\0\0\0", "\xFF\xD8", "\x89PNG\r\n"};
    unsigned char out[64];
    size_t n;
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        size_t len = strlen(others[i]);
        assert_int_equal(img_sniff((const unsigned char *)others[i], len), IMG_NONE);
        assert_int_equal(file_strip_metadata((const unsigned char *)others[i], len, out, &n),
                         IMGMETA_E_TYPE);
    }
    assert_int_equal(file_strip_metadata((const unsigned char *)"", 0, out, &n), IMGMETA_E_TYPE);
    assert_int_equal(img_sniff((const unsigned char *)"\xFF\xD8\xFF\xE0", 4), IMG_JPEG);
    assert_int_equal(img_sniff((const unsigned char *)"\x89PNG\r\n\x1a\n", 8), IMG_PNG);
}

/* ---- what only shows the image survives; absurd dimensions are refused ---- */
static void test_jpeg_unknown_segments_dropped(void **state)
{
    (void)state;
    static const char html[] = "<html><script>alert(document.cookie)</script></html>";
    struct bytes in = {.n = 0}, want = {.n = 0};
    add(&in, "\xFF\xD8", 2);
    /* a genuine JFIF header with a 2x1 thumbnail in which HTML hides */
    unsigned char jfif[14 + 6] = "JFIF\0\x01\x01\0\0\x01\0\x01\x02\x01";
    memcpy(jfif + 14, "<html>", 6);
    seg(&in, 0xE0, jfif, sizeof jfif);
    seg(&in, 0xE0, html, sizeof html - 1);                   /* APP0 that is no JFIF */
    seg(&in, 0xE3, html, sizeof html - 1);                   /* APP3 */
    seg(&in, 0xEF, html, sizeof html - 1);                   /* APP15 */
    seg(&in, 0xEE, "Adobe\0\x64\0\0\0\0\x01<html>", 18);     /* Adobe: 12 bytes stay */
    seg(&in, 0xE2, html, sizeof html - 1);                   /* APP2 that is no ICC profile */
    seg(&in, 0xF0, html, sizeof html - 1);                   /* JPG0, reserved */
    seg(&in, 0x4F, html, sizeof html - 1);                   /* a reserved marker */
    seg(&in, 0xFE, html, sizeof html - 1);                   /* COM */
    jpeg_body(&in);

    add(&want, "\xFF\xD8", 2);
    seg(&want, 0xE0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14); /* the header, no thumbnail */
    seg(&want, 0xEE, "Adobe\0\x64\0\0\0\0\x01", 12);
    jpeg_body(&want);

    unsigned char out[4096];
    size_t n = strips_to(&in, &want, out);
    assert_null(memmem(out, n, "<html", 5));
    assert_null(memmem(out, n, "script", 6));
}

/* a baseline JPEG frame of w x h */
static void jpeg_sized(struct bytes *b, unsigned w, unsigned h)
{
    unsigned char sof[9] = {8, (unsigned char)(h >> 8), (unsigned char)h,
                            (unsigned char)(w >> 8), (unsigned char)w, 1, 1, 0x11, 0};
    b->n = 0;
    add(b, "\xFF\xD8", 2);
    seg(b, 0xC0, sof, sizeof sof);
    seg(b, 0xDA, "\x01\x01\0\0\x3F\0", 6);
    add(b, "\x3F\xFF\xD9", 3);
}

static void png_sized(struct bytes *b, unsigned long w, unsigned long h)
{
    unsigned char hd[13] = {(unsigned char)(w >> 24), (unsigned char)(w >> 16),
                            (unsigned char)(w >> 8), (unsigned char)w,
                            (unsigned char)(h >> 24), (unsigned char)(h >> 16),
                            (unsigned char)(h >> 8), (unsigned char)h, 8, 6, 0, 0, 0};
    b->n = 0;
    add(b, "\x89PNG\r\n\x1a\n", 8);
    chunk(b, "IHDR", hd, sizeof hd);
    chunk(b, "IDAT", idat, sizeof idat);
    chunk(b, "IEND", "", 0);
}

static void test_absurd_dimensions_refused(void **state)
{
    (void)state;
    struct bytes b = {.n = 0};
    unsigned char out[4096];
    size_t n;
    static const struct { unsigned long w, h; int rc; } cases[] = {
        {50000, 50000, IMGMETA_E_DIMENSIONS}, {12001, 1, IMGMETA_E_DIMENSIONS},
        {1, 12001, IMGMETA_E_DIMENSIONS},     {8000, 6000, IMGMETA_E_DIMENSIONS},
        {12000, 3000, IMGMETA_OK},            {6000, 6000, IMGMETA_OK},
        {4000, 3000, IMGMETA_OK},             {0, 10, IMGMETA_E_MALFORMED},
        {10, 0, IMGMETA_E_MALFORMED}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        jpeg_sized(&b, (unsigned)cases[i].w, (unsigned)cases[i].h);
        assert_int_equal(strip(&b, out, &n), cases[i].rc);
        png_sized(&b, cases[i].w, cases[i].h);
        assert_int_equal(strip(&b, out, &n), cases[i].rc);
    }
    png_sized(&b, 0x80000000ul, 1);
    assert_int_equal(strip(&b, out, &n), IMGMETA_E_MALFORMED);
    /* a progressive frame (SOF2) too */
    jpeg_sized(&b, 50000, 50000);
    b.d[3] = 0xC2;
    assert_int_equal(strip(&b, out, &n), IMGMETA_E_DIMENSIONS);
}

/* ---- PDF: nothing that runs ---- */
static int pdf_str(const char *s) { return pdf_check((const unsigned char *)s, strlen(s)); }

/* a PDF with one FlateDecode stream holding text (an object stream) */
static size_t pdf_with_stream(unsigned char *dst, size_t cap, const void *plain, size_t plen)
{
    uLongf zl = compressBound(plen);
    unsigned char *z = malloc(zl);
    assert_non_null(z);
    assert_int_equal(compress(z, &zl, plain, plen), Z_OK);
    int h = snprintf((char *)dst, cap, "%%PDF-1.7\n4 0 obj\n<< /Type /ObjStm /N 1 /First 4 "
                     "/Filter /FlateDecode /Length %lu >>\nstream\r\n", (unsigned long)zl);
    assert_true(h > 0 && (size_t)h + zl + 40 <= cap);
    memcpy(dst + h, z, zl);
    free(z);
    size_t n = (size_t)h + zl;
    static const char tail[] = "\nendstream\nendobj\n%%EOF\n";
    memcpy(dst + n, tail, sizeof tail - 1);
    return n + sizeof tail - 1;
}

static void test_pdf_active_content_refused(void **state)
{
    (void)state;
    static const char *const clean[] = {
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n",
        "%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction [3 0 R /FitH null]>>endobj\n%%EOF\n",
        "%PDF-1.4\n1 0 obj<</JSX 1/AAA 2/Font/F1/FlateDecode/DCTDecode>>endobj\n",
        "%PDF-1.4\n(a string: JavaScript) Tj\n%%EOF\n", "%PDF-1.4\n/J#6", "%PDF-"};
    for (size_t i = 0; i < sizeof clean / sizeof *clean; i++)
        assert_int_equal(pdf_str(clean[i]), PDF_OK);
    static const char *const active[] = {
        "%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n",
        "%PDF-1.4\n1 0 obj<</S /JavaScript>>endobj\n",
        "%PDF-1.4\n1 0 obj<</JS 5 0 R>>endobj\n",
        "%PDF-1.4\n1 0 obj<</S/J#61vaScript>>endobj\n",        /* hex escapes in a name */
        "%PDF-1.4\n1 0 obj<</S/#4A#53>>endobj\n",
        "%PDF-1.4\n1 0 obj<</S/Launch/F(cmd.exe)>>endobj\n",
        "%PDF-1.4\n3 0 obj<</Type/Page/AA<</O 9 0 R>>>>endobj\n",
        "%PDF-1.4\n1 0 obj<</Type/EmbeddedFile>>endobj\n",
        "%PDF-1.4\n1 0 obj<</Names<</EmbeddedFiles 4 0 R>>>>endobj\n",
        "%PDF-1.4\n1 0 obj<</Subtype/RichMedia>>endobj\n",
        "%PDF-1.4\n1 0 obj<</AcroForm<</XFA 7 0 R>>>>endobj\n",
        "%PDF-1.4\n1 0 obj<</S/SubmitForm>>endobj\n",
        "%PDF-1.4\ntrailer<</Encrypt 9 0 R>>\n",
        "%PDF-1.4\n1 0 obj<</Filter/ASCIIHexDecode>>endobj\n",
        "%PDF-1.4\n1 0 obj<</Filter[/ASCII85Decode/FlateDecode]>>endobj\n",
        "%PDF-1.4\n1 0 obj<</Filter/LZWDecode>>endobj\n",
        "%PDF-1.4\n1 0 obj<</S/JavaScript"};                     /* at the very end */
    for (size_t i = 0; i < sizeof active / sizeof *active; i++) {
        if (pdf_str(active[i]) != PDF_E_ACTIVE)
            fail_msg("not refused: %s", active[i]);
    }

    /* in a stream's data (a scanned page's bytes) two letters happen by
     * chance: /JS and /AA pass there, the names of actions do not */
    static const char img[] = "%PDF-1.4\n6 0 obj<</Subtype/Image/Filter/DCTDecode/Length 20>>"
                              "stream\n\xff\xd8/JS \x01/AA\n\x7f\xff\xd9\nendstream\nendobj\n"
                              "7 0 obj<</Type/Page>>endobj\n%%EOF\n";
    assert_int_equal(pdf_check((const unsigned char *)img, sizeof img - 1), PDF_OK);
    static const char raw_objstm[] = "%PDF-1.5\n4 0 obj<</Type/ObjStm/N 1/First 4>>stream\r\n"
                                     "5 0 <</S/Launch/F(x.exe)>>\nendstream\nendobj\n";
    assert_int_equal(pdf_check((const unsigned char *)raw_objstm, sizeof raw_objstm - 1),
                     PDF_E_ACTIVE);
    /* after a stream's end, /JS is outside again */
    static const char after[] = "%PDF-1.4\n6 0 obj<</Length 3>>stream\nabc\nendstream\n"
                                "endobj\n7 0 obj<</S/X/JS(1)>>endobj\n";
    assert_int_equal(pdf_check((const unsigned char *)after, sizeof after - 1), PDF_E_ACTIVE);
    static const char unended[] = "%PDF-1.4\n6 0 obj<</Length 3>>stream\n/JS (x)";
    assert_int_equal(pdf_check((const unsigned char *)unended, sizeof unended - 1), PDF_OK);

    /* inside a compressed object stream (PDF 1.5), escaped or not */
    unsigned char pdf[8192];
    static const char inner_ok[] = "5 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    static const char inner_js[] = "5 0 << /S /J#61vaScript /JS (app.launchURL('x')) >>";
    size_t n = pdf_with_stream(pdf, sizeof pdf, inner_ok, sizeof inner_ok - 1);
    assert_int_equal(pdf_check(pdf, n), PDF_OK);
    n = pdf_with_stream(pdf, sizeof pdf, inner_js, sizeof inner_js - 1);
    assert_null(memmem(pdf, n, "JS", 2));      /* nothing to see without inflating */
    assert_int_equal(pdf_check(pdf, n), PDF_E_ACTIVE);
    /* compressed twice: the inner layer would hide the names */
    unsigned char once[512];
    uLongf ol = sizeof once;
    assert_int_equal(compress(once, &ol, (const Bytef *)inner_ok, sizeof inner_ok - 1), Z_OK);
    n = pdf_with_stream(pdf, sizeof pdf, once, ol);
    assert_int_equal(pdf_check(pdf, n), PDF_E_ACTIVE);
    /* a decompression bomb is not inflated to the end */
    size_t big = PDF_MAX_INFLATE + 1024;
    unsigned char *zeros = calloc(1, big);
    assert_non_null(zeros);
    unsigned char *bomb = malloc(big / 100);
    assert_non_null(bomb);
    n = pdf_with_stream(bomb, big / 100, zeros, big);
    free(zeros);
    assert_true(n < 200000);
    assert_int_equal(pdf_check(bomb, n), PDF_E_COMPLEX);
    free(bomb);
}

/* ---- the services, on a request of their own ---- */
static char tmpdir[64], attdir[128];
static portal_req rq;
static arena *ra;

static void new_request(void)
{
    unit_request(&rq, &ra, "POST", "/children/1/attachments");
}

static int svc_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/portal-files-XXXXXX");
    if (!mkdtemp(tmpdir) || render_init("templates") != 0)
        return -1;
    snprintf(attdir, sizeof attdir, "%s/attachments", tmpdir); /* missing: file_store makes it */
    config_set("attachments_dir", attdir);
    return 0;
}

static int svc_teardown(void **state)
{
    (void)state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* regular files in the folder, temporary ones included */
static int count_files(void)
{
    DIR *d = opendir(attdir);
    int n = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static size_t read_file(const char *path, unsigned char *dst, size_t cap)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(dst, 1, cap, f);
    fclose(f);
    return n;
}

static void hex_sha256(const unsigned char *p, size_t n, char out[65])
{
    unsigned char md[32];
    SHA256(p, n, md);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static const char *body(void) { return rq.body.data ? rq.body.data : ""; }

static void test_store_strips_and_writes_durably(void **state)
{
    (void)state;
    struct bytes in = {.n = 0}, want = {.n = 0};
    jpeg_head(&in);
    jpeg_metadata(&in);
    jpeg_body(&in);
    jpeg_head(&want);
    jpeg_body(&want);
    new_request();
    struct portal_file f;
    assert_int_equal(file_svc_store(&rq, in.d, in.n, 1, &f), 0);
    assert_string_equal(f.ctype, "image/jpeg");
    assert_string_equal(f.ext, "jpg");
    assert_int_equal(f.len, want.n);
    assert_int_equal(strlen(f.stored), 64);
    assert_int_equal(strspn(f.stored, "0123456789abcdef"), 64);
    char sum[65];
    hex_sha256(want.d, want.n, sum);
    assert_string_equal(f.sha256, sum);

    char path[256];
    snprintf(path, sizeof path, "%s/%s", attdir, f.stored);
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(stat(attdir, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0700);
    unsigned char disk[4096];
    assert_int_equal(read_file(path, disk, sizeof disk), want.n);
    assert_memory_equal(disk, want.d, want.n);
    assert_int_equal(count_files(), 1);          /* no temporary file left */

    /* a second store gets another random name */
    new_request();
    struct portal_file g;
    assert_int_equal(file_svc_store(&rq, in.d, in.n, 0, &g), 0);
    assert_string_not_equal(g.stored, f.stored);
    assert_string_equal(g.sha256, f.sha256);
    file_svc_discard(&rq, g.stored);
    file_svc_discard(&rq, f.stored);
    assert_int_equal(count_files(), 0);
}

static void test_store_refusals(void **state)
{
    (void)state;
    static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
    struct portal_file f;
    int before = count_files();

    new_request();
    assert_int_equal(file_svc_store(&rq, pdf, sizeof pdf - 1, 1, &f), 400);
    assert_non_null(strstr(body(), "只能上传 JPEG 或 PNG 格式的照片"));
    new_request();
    assert_int_equal(file_svc_store(&rq, "GIF89a....", 10, 0, &f), 400);
    assert_non_null(strstr(body(), "只能上传 JPEG、PNG 图片或 PDF 文件"));
    new_request();
    assert_int_equal(file_svc_store(&rq, "", 0, 0, &f), 400);
    assert_non_null(strstr(body(), "上传的文件是空的。"));
    new_request();
    assert_int_equal(file_svc_store(&rq, NULL, 0, 0, &f), 400);
    new_request();
    assert_int_equal(file_svc_store(&rq, "\xFF\xD8\xFF\xE1\x00\x40" "Exif", 10, 0, &f), 400);
    assert_non_null(strstr(body(), "图片文件不完整或已损坏"));
    size_t big = FILE_MAX_BYTES + 1;
    unsigned char *b = calloc(1, big);
    assert_non_null(b);
    memcpy(b, "%PDF-", 5);
    new_request();
    assert_int_equal(file_svc_store(&rq, b, big, 0, &f), 413);
    free(b);
    assert_int_equal(count_files(), before);

    /* a PDF with a script, an image of absurd size: refused in Chinese, nothing stored */
    static const char js[] = "%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(x)>>>>endobj\n";
    new_request();
    assert_int_equal(file_svc_store(&rq, js, sizeof js - 1, 0, &f), 400);
    assert_non_null(strstr(body(), "PDF 文件含有脚本"));
    struct bytes huge = {.n = 0};
    png_sized(&huge, 50000, 50000);
    new_request();
    assert_int_equal(file_svc_store(&rq, huge.d, huge.n, 1, &f), 400);
    assert_non_null(strstr(body(), "图片尺寸过大"));
    assert_int_equal(count_files(), before);

    /* a PDF is stored as it came when PDFs are allowed */
    new_request();
    assert_int_equal(file_svc_store(&rq, pdf, sizeof pdf - 1, 0, &f), 0);
    assert_string_equal(f.ctype, "application/pdf");
    assert_int_equal(f.len, sizeof pdf - 1);
    file_svc_discard(&rq, f.stored);
    assert_int_equal(count_files(), before);

    /* the machine's faults: a 500 with an error id, nothing stored */
    char notdir[256];
    snprintf(notdir, sizeof notdir, "%s/plain", tmpdir);
    FILE *v = fopen(notdir, "w");
    assert_non_null(v);
    fclose(v);
    snprintf(notdir, sizeof notdir, "%s/plain/attachments", tmpdir); /* under a plain file */
    const char *fault_dirs[] = {notdir, ""};
    for (int i = 0; i < 2; i++) {
        config_set("attachments_dir", fault_dirs[i]);
        new_request();
        assert_int_equal(file_svc_store(&rq, pdf, sizeof pdf - 1, 0, &f), 500);
        assert_non_null(strstr(body(), "文件暂时无法保存"));
        assert_non_null(rq.error_id);
        assert_string_equal(f.stored, "");
    }
    config_set("attachments_dir", attdir);
    assert_int_equal(count_files(), before);
}

static void test_discard_only_our_names(void **state)
{
    (void)state;
    char path[256];
    const char *decoys[] = {"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
                            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
                            ".tmp-0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab",
                            "keep"};
    mkdir(attdir, 0700);
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", attdir, decoys[i]);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/victim", tmpdir);
    FILE *v = fopen(path, "w");
    assert_non_null(v);
    fclose(v);
    int before = count_files();
    new_request();
    for (int i = 0; i < 4; i++)
        file_svc_discard(&rq, decoys[i]);
    file_svc_discard(&rq, "../victim");
    file_svc_discard(&rq, NULL);
    file_svc_discard(&rq, "");
    assert_int_equal(count_files(), before);
    assert_int_equal(access(path, F_OK), 0);
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", attdir, decoys[i]);
        unlink(path);
    }
}

/* a PDF is never inline */
static void test_send_pdf_never_inline(void **state)
{
    (void)state;
    static const char pdf[] = "%PDF-1.4\n%%EOF\n";
    new_request();
    struct portal_file p;
    assert_int_equal(file_svc_store(&rq, pdf, sizeof pdf - 1, 0, &p), 0);
    new_request();
    assert_int_equal(file_svc_send(&rq, p.stored, (long long)p.len, p.sha256, "application/pdf",
                                   "证明.pdf", 1), 200);
    assert_non_null(strstr(rq.headers.data, "Content-Disposition: attachment; filename=\"attachment.pdf\""));
    file_svc_discard(&rq, p.stored);
}

static void test_send(void **state)
{
    (void)state;
    struct bytes png = {.n = 0};
    png_image(&png, 0);
    new_request();
    struct portal_file f;
    assert_int_equal(file_svc_store(&rq, png.d, png.n, 1, &f), 0);
    char stored[65], sum[65];
    strcpy(stored, f.stored);
    strcpy(sum, f.sha256);
    long long size = (long long)f.len;

    new_request();
    rq.method = "GET";
    assert_int_equal(file_svc_send(&rq, stored, size, sum, "image/png", "照片 1.png", 1), 200);
    assert_string_equal(rq.ctype, "image/png");
    assert_int_equal(rq.body.len, png.n);
    assert_memory_equal(rq.body.data, png.d, png.n);
    assert_non_null(strstr(rq.headers.data, "Content-Disposition: inline; filename=\"_1.png\"; "
                                            "filename*=UTF-8''%E7%85%A7%E7%89%87%201.png\r\n"));

    /* not inline unless asked; a name without the type's extension gets it;
     * quotes and control-free oddities become "_" in the ASCII name */
    new_request();
    assert_int_equal(file_svc_send(&rq, stored, size, sum, "image/png", "a\"b.pdf", 0), 200);
    assert_non_null(strstr(rq.headers.data, "Content-Disposition: attachment; "
                                            "filename=\"a_b.pdf.png\"; filename*=UTF-8''a%22b.pdf.png"));
    new_request();
    assert_int_equal(file_svc_send(&rq, stored, size, sum, "image/png", NULL, 0), 200);
    assert_non_null(strstr(rq.headers.data, "filename=\"attachment.png\""));

    /* records that do not hold: each a 500 with the error page, no file bytes */
    char other[65];
    memset(other, 'a', 64);
    other[64] = 0;
    struct {
        const char *stored;
        long long size;
        const char *sha, *ctype;
    } bad[] = {{stored, size, sum, "text/html"},          {stored, size, sum, NULL},
               {"../victim", size, sum, "image/png"},      {other, size, sum, "image/png"},
               {stored, size + 1, sum, "image/png"},        {stored, -1, sum, "image/png"},
               {stored, size, other, "image/png"},          {stored, size, "x", "image/png"},
               {stored, (long long)FILE_MAX_BYTES + 1, sum, "image/png"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        new_request();
        rq.method = "GET";
        assert_int_equal(file_svc_send(&rq, bad[i].stored, bad[i].size, bad[i].sha, bad[i].ctype,
                                       "x.png", 0), 500);
        assert_null(memmem(rq.body.data, rq.body.len, "IHDR", 4));
        assert_non_null(strstr(body(), "文件已丢失或损坏"));
        assert_non_null(rq.error_id);
    }

    /* changed on disk, same size: 500 */
    char path[256];
    snprintf(path, sizeof path, "%s/%s", attdir, stored);
    FILE *w = fopen(path, "r+b");
    assert_non_null(w);
    fseek(w, 20, SEEK_SET);
    fputc(0x42, w);
    fclose(w);
    new_request();
    assert_int_equal(file_svc_send(&rq, stored, size, sum, "image/png", "x.png", 0), 500);
    assert_null(memmem(rq.body.data, rq.body.len, "IHDR", 4));
    /* gone: 500 */
    file_svc_discard(&rq, stored);
    new_request();
    assert_int_equal(file_svc_send(&rq, stored, size, sum, "image/png", "x.png", 0), 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jpeg_exif_gps_removed),
        cmocka_unit_test(test_jpeg_orientation_kept_alone),
        cmocka_unit_test(test_jpeg_without_metadata_is_identical),
        cmocka_unit_test(test_jpeg_fill_bytes_and_progressive_scans),
        cmocka_unit_test(test_png_text_and_exif_removed),
        cmocka_unit_test(test_png_without_metadata_is_identical),
        cmocka_unit_test(test_png_unknown_ancillary_removed),
        cmocka_unit_test(test_truncated_refused),
        cmocka_unit_test(test_bad_structure_refused),
        cmocka_unit_test(test_not_an_image_refused),
        cmocka_unit_test(test_jpeg_unknown_segments_dropped),
        cmocka_unit_test(test_absurd_dimensions_refused),
        cmocka_unit_test(test_pdf_active_content_refused),
    };
    const struct CMUnitTest services_tests[] = {
        cmocka_unit_test(test_store_strips_and_writes_durably),
        cmocka_unit_test(test_store_refusals),
        cmocka_unit_test(test_discard_only_our_names),
        cmocka_unit_test(test_send),
        cmocka_unit_test(test_send_pdf_never_inline),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    failed += cmocka_run_group_tests(services_tests, svc_setup, svc_teardown);
    buf_free(&rq.body);
    buf_free(&rq.headers);
    if (ra)
        arena_free(ra);
    return failed;
}
