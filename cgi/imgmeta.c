/* imgmeta.c - image type and metadata removal (see imgmeta.h). */
#include "imgmeta.h"

#include <string.h>

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
 */
static int strip_jpeg(const unsigned char *in, size_t n, unsigned char *out, size_t *outlen)
{
    size_t i = 2, o = 0;
    int oriented = 0;
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
        int drop = m == 0xE1 /* APP1: EXIF, XMP */ || m == 0xED /* APP13: IPTC */ ||
                   m == 0xFE /* COM */;
        if (!drop) {
            memcpy(out + o, in + start, end - start);
            o += end - start;
        } else if (m == 0xE1 && !oriented && end - start >= 36) {
            /* the EXIF goes, its orientation stays (never longer than it was) */
            unsigned v = exif_orientation(in + i + 2, len - 2);
            if (v) {
                o += put_orientation(out + o, v);
                oriented = 1;
            }
        }
        i = end;
        if (m != 0xDA)
            continue;
        /* SOS: the entropy-coded data runs to the next real marker */
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
            break;                       /* FF x (x may be a fill FF): a marker */
        }
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
