/*
 * imgmeta.h - what an uploaded image is and what it says about where it was
 * taken: the type from the first bytes, and metadata removal for JPEG and
 * PNG; and whether an uploaded PDF carries active content.  Pure functions
 * on byte arrays (no I/O, no allocation, no host), so they are unit-tested
 * and fuzzed on their own; cgi/files.c calls them.
 */
#ifndef PORTAL_IMGMETA_H
#define PORTAL_IMGMETA_H

#include <stddef.h>

enum img_type { IMG_NONE = 0, IMG_JPEG, IMG_PNG };

/* JPEG (FF D8 FF) or PNG (its 8-byte signature) by the first bytes; else IMG_NONE */
enum img_type img_sniff(const unsigned char *p, size_t n);

#define IMGMETA_OK 0
#define IMGMETA_E_TYPE (-1)      /* neither JPEG nor PNG */
#define IMGMETA_E_MALFORMED (-2) /* a segment or chunk runs past the end, a bad
                                    length, marker or chunk type, no EOI / IEND,
                                    a width or height of 0 */
#define IMGMETA_E_DIMENSIONS (-3) /* declares a side over IMG_MAX_SIDE pixels or
                                     more than IMG_MAX_PIXELS in all: a decoder
                                     would allocate gigabytes for it */

#define IMG_MAX_SIDE 12000
#define IMG_MAX_PIXELS 40000000ull

/*
 * Copy an image without the metadata that can identify a child or a place.
 *   JPEG: keeps only what shows the image - SOF0-15, DHT, DAC, DQT, DRI,
 *   DNL, DHP, EXP, SOS with its entropy-coded data, RST, EOI - and, of the
 *   application segments, a genuine JFIF APP0 (rewritten without its
 *   thumbnail), an ICC profile (APP2 "ICC_PROFILE") and the Adobe APP14
 *   (rewritten to its 12 bytes); every other APPn (EXIF with its GPS
 *   position, XMP, IPTC, anything a file could smuggle HTML in), COM and
 *   reserved markers are dropped.  The EXIF Orientation alone survives, as a
 *   minimal APP1 in the first EXIF's place (a phone photo would otherwise
 *   show sideways).  A frame (SOF) wider or taller than IMG_MAX_SIDE, or
 *   larger than IMG_MAX_PIXELS, is refused with IMGMETA_E_DIMENSIONS.
 *   PNG: keeps the critical chunks and the ancillary chunks that describe
 *   the pixels (tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, bKGD, pHYs, hIST, sPLT,
 *   cICP, mDCV, cLLI and APNG's acTL, fcTL, fdAT), each copied whole (its
 *   CRC unchanged) up to IEND; every other chunk - tEXt, zTXt, iTXt, eXIf,
 *   tIME, private or proposed ones - is dropped.
 * Anything after EOI / IEND is dropped (data appended to an image can hold
 * anything).  out must have room for n bytes: the result is never longer.
 * Returns IMGMETA_OK with *outlen set, or IMGMETA_E_TYPE / IMGMETA_E_MALFORMED
 * / IMGMETA_E_DIMENSIONS (then out holds nothing of use).
 */
int file_strip_metadata(const unsigned char *in, size_t n, unsigned char *out, size_t *outlen);

#define PDF_OK 0
#define PDF_E_ACTIVE (-1)  /* a name for active content, an action, an embedded
                              file, encryption or a hiding filter */
#define PDF_E_COMPLEX (-2) /* its compressed streams inflate past PDF_MAX_INFLATE */

#define PDF_MAX_INFLATE (64u << 20)

/*
 * Whether a PDF may be stored as it is.  Every name (/Name, with #xx
 * escapes decoded, so /J#61vaScript is /JavaScript) in the file and in every
 * FlateDecode stream it holds (object streams, where a PDF 1.5 file keeps
 * its dictionaries) is compared with the names of active content:
 * JavaScript, JS, Launch, Rendition, AA (additional actions),
 * EmbeddedFile(s), RichMedia(Execute), XFA, SubmitForm, ImportData, GoToE,
 * Encrypt (object streams the check cannot read) and the filters that could
 * hide names from it (ASCIIHexDecode, ASCII85Decode, LZWDecode, Crypt, or a
 * stream compressed twice).  OpenAction itself passes (it often only sets
 * the first view): a script it would run needs /JS or /JavaScript.  Inside
 * a stream's data (between "stream" and the first "endstream") and in what
 * a stream inflates to, the two-letter JS and AA are not checked: they turn
 * up by chance in a scanned page's bytes, and an action there needs its
 * type name anyway.  Returns PDF_OK, PDF_E_ACTIVE or PDF_E_COMPLEX; reads
 * only the n bytes (zlib allocates its own state).
 */
int pdf_check(const unsigned char *p, size_t n);

#endif
