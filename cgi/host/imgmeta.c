/* imgmeta.c - image type and metadata removal, PDF active content (see imgmeta.h). */
#include "imgmeta.h"

#include <string.h>
#include <zlib.h>

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

enum img_type img_sniff(const unsigned char *p, size_t n)
{
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
        return IMG_JPEG;
    if (n >= 8 && memcmp(p, png_sig, 8) == 0)
        return IMG_PNG;
    return IMG_NONE;
}

/*
 * The Orientation (tag 0x0112) of an EXIF APP1 payload ("Exif\0\0" then a
 * TIFF header and IFD0), 2..8; 0 when absent, 1 or unreadable.  Phones
 * store a photo sideways and say so here; it is kept so photos show upright.
 */
static unsigned exif_orientation(const unsigned char *p, size_t n)
{
    if (n < 14 || memcmp(p, "Exif\0\0", 6) != 0)
        return 0;
    p += 6, n -= 6;
    int be = p[0] == 'M' && p[1] == 'M';
    if (!be && !(p[0] == 'I' && p[1] == 'I'))
        return 0;
#define U16(q) (be ? (unsigned)(q)[0] << 8 | (q)[1] : (unsigned)(q)[1] << 8 | (q)[0])
#define U32(q) (be ? (unsigned long)U16(q) << 16 | U16((q) + 2) \
                   : (unsigned long)U16((q) + 2) << 16 | U16(q))
    if (U16(p + 2) != 42)
        return 0;
    unsigned long ifd = U32(p + 4);
    if (ifd < 8 || ifd > n - 2)
        return 0;
    unsigned count = U16(p + ifd);
    if (count > (n - ifd - 2) / 12)
        return 0;
    for (unsigned k = 0; k < count; k++) {
        const unsigned char *e = p + ifd + 2 + 12 * k;
        if (U16(e) == 0x0112 && U16(e + 2) == 3 && U32(e + 4) == 1) {
            unsigned v = U16(e + 8);
            return v >= 2 && v <= 8 ? v : 0;
        }
    }
    return 0;
#undef U16
#undef U32
}

/* the smallest APP1 that says only the orientation: 36 bytes */
static size_t put_orientation(unsigned char *o, unsigned v)
{
    static const unsigned char seg[36] = {
        0xFF, 0xE1, 0x00, 34, 'E', 'x', 'i', 'f', 0, 0,      /* APP1, length, EXIF id */
        'M', 'M', 0, 42, 0, 0, 0, 8,                         /* TIFF header, IFD0 at 8 */
        0, 1,                                                /* one entry */
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0,            /* Orientation SHORT 1 = v */
        0, 0, 0, 0};                                         /* no next IFD */
    memcpy(o, seg, sizeof seg);
    o[29] = (unsigned char)v;
    return sizeof seg;
}

/*
 * JPEG (ITU T.81 B.1): SOI, then segments "FF m [len16 payload]" - a marker
 * may be preceded by fill bytes FF.  Markers without a length: TEM (01) and
 * RST0-7 (D0-D7).  After an SOS segment comes entropy-coded data in which FF
 * is followed only by 00 (a stuffed byte) or RST0-7; any other FF x starts
 * the next marker.  EOI (D9) ends the image.
 *
 * strip_jpeg walks it with the three helpers below.
 */
/* An SOFn segment's payload: P, Y (lines), X (samples per line), ... - the
 * image must have a size, and not too large a one. */
static int jpeg_check_frame(const unsigned char *pl, size_t plen)
{
    if (plen < 6)
        return IMGMETA_E_MALFORMED;
    unsigned long long y = (unsigned)pl[1] << 8 | pl[2], x = (unsigned)pl[3] << 8 | pl[4];
    if (x == 0 || y == 0)
        return IMGMETA_E_MALFORMED;
    if (x > IMG_MAX_SIDE || y > IMG_MAX_SIDE || x * y > IMG_MAX_PIXELS)
        return IMGMETA_E_DIMENSIONS;
    return IMGMETA_OK;
}

/* What of the segment seg (marker m, seglen bytes from its first FF; payload
 * pl, plen bytes) goes to out: the bytes written (0: dropped). */
static size_t jpeg_keep_segment(unsigned char m, const unsigned char *seg, size_t seglen,
                                const unsigned char *pl, size_t plen, unsigned char *out,
                                int *oriented)
{
    if ((m >= 0xC0 && m <= 0xCF) || (m >= 0xDA && m <= 0xDF)) {
        /* frames, tables, scans, DRI, DNL, DHP, EXP: the image itself */
        memcpy(out, seg, seglen);
        return seglen;
    }
    if (m == 0xE0 && plen >= 14 && memcmp(pl, "JFIF\0", 5) == 0 &&
        plen == 14 + 3u * pl[12] * pl[13]) {
        /* a genuine JFIF header, without its thumbnail */
        static const unsigned char h[4] = {0xFF, 0xE0, 0, 16};
        memcpy(out, h, 4);
        memcpy(out + 4, pl, 12);
        out[16] = out[17] = 0;
        return 18;
    }
    if (m == 0xE2 && plen >= 14 && memcmp(pl, "ICC_PROFILE\0", 12) == 0) {
        memcpy(out, seg, seglen);   /* the colour profile */
        return seglen;
    }
    if (m == 0xEE && plen >= 12 && memcmp(pl, "Adobe", 5) == 0) {
        /* Adobe: version, flags, colour transform - 12 bytes, no more */
        static const unsigned char h[4] = {0xFF, 0xEE, 0, 14};
        memcpy(out, h, 4);
        memcpy(out + 4, pl, 12);
        return 16;
    }
    if (m == 0xE1 && !*oriented && seglen >= 36) {
        /* the EXIF goes, its orientation stays (never longer than it was) */
        unsigned v = exif_orientation(pl, plen);
        if (v) {
            *oriented = 1;
            return put_orientation(out, v);
        }
    }
    /* anything else - other APPn (EXIF, XMP, IPTC, ...), COM, reserved
     * markers - is dropped */
    return 0;
}

/* After SOS, entropy-coded data from i runs to the next real marker: where
 * it ends in *end. */
static int jpeg_scan_end(const unsigned char *in, size_t n, size_t i, size_t *end)
{
    size_t j = i;
    for (;;) {
        if (j >= n)
            return IMGMETA_E_MALFORMED;
        if (in[j] != 0xFF) {
            j++;
            continue;
        }
        if (j + 1 >= n)
            return IMGMETA_E_MALFORMED;
        unsigned char c = in[j + 1];
        if (c == 0x00 || (c >= 0xD0 && c <= 0xD7)) {
            j += 2;
            continue;
        }
        *end = j;                        /* FF x (x may be a fill FF): a marker */
        return IMGMETA_OK;
    }
}

static int strip_jpeg(const unsigned char *in, size_t n, unsigned char *out, size_t *outlen)
{
    size_t i = 2, o = 0;
    int oriented = 0, rc;
    out[o++] = 0xFF;
    out[o++] = 0xD8;
    for (;;) {
        if (i >= n || in[i] != 0xFF)
            return IMGMETA_E_MALFORMED;
        size_t start = i;
        while (i < n && in[i] == 0xFF)   /* fill bytes belong to the marker */
            i++;
        if (i >= n)
            return IMGMETA_E_MALFORMED;
        unsigned char m = in[i++];
        if (m == 0x00 || m == 0xD8)      /* a stuffed byte outside a scan, a second SOI */
            return IMGMETA_E_MALFORMED;
        if (m == 0xD9) {                 /* EOI: done; whatever follows is dropped */
            memcpy(out + o, in + start, i - start);
            *outlen = o + (i - start);
            return IMGMETA_OK;
        }
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            memcpy(out + o, in + start, i - start);
            o += i - start;
            continue;
        }
        if (n - i < 2)
            return IMGMETA_E_MALFORMED;
        size_t len = (size_t)in[i] << 8 | in[i + 1];
        if (len < 2 || len > n - i)
            return IMGMETA_E_MALFORMED;
        size_t end = i + len;
        const unsigned char *pl = in + i + 2;   /* the payload */
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC &&
            (rc = jpeg_check_frame(pl, len - 2)) != IMGMETA_OK)
            return rc;
        o += jpeg_keep_segment(m, in + start, end - start, pl, len - 2, out + o, &oriented);
        i = end;
        if (m != 0xDA)
            continue;
        size_t j;
        if ((rc = jpeg_scan_end(in, n, i, &j)) != IMGMETA_OK)
            return rc;
        memcpy(out + o, in + i, j - i);
        o += j - i;
        i = j;
    }
}

static int is_chunk(const unsigned char *type, const char *name)
{
    return memcmp(type, name, 4) == 0;
}

/* Ancillary chunks (first letter lower case: a decoder may skip them) are
 * kept only when they describe the pixels: transparency, colour, physical
 * size, palette histograms, animation (APNG).  Any other - text, EXIF, the
 * time, a private or proposed chunk such as zxIf - may carry metadata. */
static int png_keep(const unsigned char *type)
{
    static const char *const keep[] = {"tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT",
                                       "bKGD", "pHYs", "hIST", "sPLT", "cICP", "mDCV",
                                       "cLLI", "acTL", "fcTL", "fdAT", NULL};
    if (type[0] >= 'A' && type[0] <= 'Z')   /* critical: the image needs it */
        return 1;
    for (int k = 0; keep[k]; k++)
        if (is_chunk(type, keep[k]))
            return 1;
    return 0;
}

/*
 * PNG: the signature, then chunks "length32 type4 data crc32", the first
 * IHDR (13 bytes), the last IEND (empty).  Lengths are at most 2^31 - 1;
 * types are four ASCII letters.
 */
static int strip_png(const unsigned char *in, size_t n, unsigned char *out, size_t *outlen)
{
    size_t i = 8, o = 8;
    memcpy(out, png_sig, 8);
    for (int first = 1;; first = 0) {
        if (n - i < 12)
            return IMGMETA_E_MALFORMED;
        unsigned long len = (unsigned long)in[i] << 24 | (unsigned long)in[i + 1] << 16 |
                            (unsigned long)in[i + 2] << 8 | in[i + 3];
        if (len > 0x7FFFFFFFul || len > n - i - 12)
            return IMGMETA_E_MALFORMED;
        const unsigned char *type = in + i + 4;
        for (int k = 0; k < 4; k++)
            if (!((type[k] >= 'A' && type[k] <= 'Z') || (type[k] >= 'a' && type[k] <= 'z')))
                return IMGMETA_E_MALFORMED;
        if ((first && (!is_chunk(type, "IHDR") || len != 13)) ||
            (is_chunk(type, "IEND") && len != 0))
            return IMGMETA_E_MALFORMED;
        if (first) {
            const unsigned char *d = in + i + 8;
            unsigned long long w = (unsigned long long)d[0] << 24 | (unsigned long)d[1] << 16 |
                                   (unsigned long)d[2] << 8 | d[3],
                               h = (unsigned long long)d[4] << 24 | (unsigned long)d[5] << 16 |
                                   (unsigned long)d[6] << 8 | d[7];
            if (w == 0 || h == 0 || w > 0x7FFFFFFFull || h > 0x7FFFFFFFull)
                return IMGMETA_E_MALFORMED;
            if (w > IMG_MAX_SIDE || h > IMG_MAX_SIDE || w * h > IMG_MAX_PIXELS)
                return IMGMETA_E_DIMENSIONS;
        }
        size_t total = 12 + (size_t)len;
        if (png_keep(type)) {
            memcpy(out + o, in + i, total);
            o += total;
        }
        i += total;
        if (is_chunk(type, "IEND")) {
            *outlen = o;
            return IMGMETA_OK;
        }
    }
}

int file_strip_metadata(const unsigned char *in, size_t n, unsigned char *out, size_t *outlen)
{
    switch (img_sniff(in, n)) {
    case IMG_JPEG: return strip_jpeg(in, n, out, outlen);
    case IMG_PNG: return strip_png(in, n, out, outlen);
    default: return IMGMETA_E_TYPE;
    }
}

/* ------------------------------------------------------------------ PDF */

/* PDF names that run something, carry a file, or hide names from this check.
 * The first two are checked only outside streams' data: two letters turn up
 * by chance in the bytes of a scanned page (about once in 130 million
 * positions), and inside a stream an action needs its type name (/S
 * /JavaScript, /Launch, /Rendition ...) too, which is checked there. */
static const char *const pdf_bad_names[] = {
    "JS", "AA",
    "JavaScript", "Launch", "Rendition", "EmbeddedFile", "EmbeddedFiles", "RichMedia",
    "RichMediaExecute", "XFA", "SubmitForm", "ImportData", "GoToE", "Encrypt",
    "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW", "Crypt", NULL};
#define PDF_SHORT_NAMES 2

/* a name lexer that can be fed in pieces (a stream inflates in chunks) */
struct pdf_names {
    int in_stream;                  /* in a stream's data: the short names pass */
    int in_name, hex, overflow;
    unsigned hexv;
    size_t len;
    char name[32];
};

static int pdf_regular(unsigned char c)
{
    return !(c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ' ||
             c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
             c == '{' || c == '}' || c == '/' || c == '%');
}

static int hexval(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void name_add(struct pdf_names *s, unsigned char c)
{
    if (s->len < sizeof s->name - 1)
        s->name[s->len++] = (char)c;
    else
        s->overflow = 1;
}

/* the name ends: 1 when it is one of the refused */
static int name_end(struct pdf_names *s)
{
    int bad = 0;
    if (s->in_name && !s->overflow) {
        s->name[s->len] = 0;
        for (int k = s->in_stream ? PDF_SHORT_NAMES : 0; pdf_bad_names[k] && !bad; k++)
            bad = strcmp(s->name, pdf_bad_names[k]) == 0;
    }
    s->in_name = s->hex = s->overflow = 0;
    s->len = 0;
    return bad;
}

static int names_feed(struct pdf_names *s, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (s->in_name) {
            if (s->hex) {                       /* #xx: two hex digits */
                int v = hexval(c);
                if (v >= 0) {
                    s->hexv = s->hexv << 4 | (unsigned)v;
                    if (++s->hex == 3) {
                        name_add(s, (unsigned char)s->hexv);
                        s->hex = 0;
                    }
                    continue;
                }
                name_add(s, '#');               /* not an escape: the '#' stays */
                s->hex = 0;
            }
            if (c == '#') {
                s->hex = 1;
                s->hexv = 0;
                continue;
            }
            if (pdf_regular(c)) {
                name_add(s, c);
                continue;
            }
            if (name_end(s))
                return 1;
        }
        if (c == '/') {
            s->in_name = 1;
            s->len = 0;
        }
    }
    return 0;
}

/* inflate a FlateDecode stream starting at p (at most n bytes) and scan its
 * names; *budget is what may still be inflated.  0 clean (or not zlib data),
 * PDF_E_ACTIVE, PDF_E_COMPLEX. */
static int pdf_stream(const unsigned char *p, size_t n, size_t *budget)
{
    if (n < 2 || (p[0] & 0x0F) != 8 || ((unsigned)p[0] << 8 | p[1]) % 31 != 0)
        return 0;                               /* no zlib header: not Flate */
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK)
        return PDF_E_COMPLEX;
    unsigned char buf[16384];
    struct pdf_names names;
    memset(&names, 0, sizeof names);
    names.in_stream = 1;
    int rc = 0, zr = Z_OK, first = 1;
    z.next_in = (unsigned char *)p;
    z.avail_in = n > 0x7FFFFFFFu ? 0x7FFFFFFFu : (uInt)n;
    while (zr == Z_OK) {
        z.next_out = buf;
        z.avail_out = sizeof buf;
        zr = inflate(&z, Z_NO_FLUSH);
        if (zr != Z_OK && zr != Z_STREAM_END)
            break;                              /* corrupt or cut: what came out is scanned */
        size_t got = sizeof buf - z.avail_out;
        if (got > *budget) {
            rc = PDF_E_COMPLEX;
            break;
        }
        *budget -= got;
        /* compressed twice: the inner layer would hide its names */
        if (first && got >= 2 && (buf[0] & 0x0F) == 8 && ((unsigned)buf[0] << 8 | buf[1]) % 31 == 0) {
            rc = PDF_E_ACTIVE;
            break;
        }
        if (got)
            first = 0;
        if (names_feed(&names, buf, got)) {
            rc = PDF_E_ACTIVE;
            break;
        }
        if (got == 0 && zr == Z_OK)
            break;                              /* no progress: input ran out */
    }
    if (!rc && name_end(&names))
        rc = PDF_E_ACTIVE;
    inflateEnd(&z);
    return rc;
}

int pdf_check(const unsigned char *p, size_t n)
{
    struct pdf_names names;
    memset(&names, 0, sizeof names);
    size_t budget = PDF_MAX_INFLATE, i = 0;
    while (i < n) {
        /* outside streams: up to the next "stream" keyword and its end of line */
        size_t d = n, kw = n;
        for (size_t k = i; k + 6 <= n; k++) {
            if (p[k] != 's' || memcmp(p + k, "stream", 6) != 0)
                continue;
            size_t e = k + 6;
            if (e < n && p[e] == '\r')
                e++;
            if (e < n && p[e] == '\n')
                e++;
            if (e > k + 6) {
                kw = k;
                d = e;
                break;
            }
        }
        names.in_stream = 0;
        if (names_feed(&names, p + i, kw - i) || name_end(&names))
            return PDF_E_ACTIVE;
        if (d >= n)
            break;
        /* a stream's data, to the first "endstream" (never past its real end):
         * its names as they are, and what it inflates to if it is Flate */
        const unsigned char *end = memmem(p + d, n - d, "endstream", 9);
        size_t dn = end ? (size_t)(end - (p + d)) : n - d;
        names.in_stream = 1;
        if (names_feed(&names, p + d, dn) || name_end(&names))
            return PDF_E_ACTIVE;
        int rc = pdf_stream(p + d, n - d, &budget);
        if (rc)
            return rc;
        i = end ? d + dn + 9 : n;               /* after "endstream" */
    }
    return PDF_OK;
}
