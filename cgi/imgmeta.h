/*
 * imgmeta.h - what an uploaded image is and what it says about where it was
 * taken: the type from the first bytes, and metadata removal for JPEG and
 * PNG.  Pure functions on byte arrays (no I/O, no allocation, no host), so
 * they are unit-tested and fuzzed on their own; cgi/files.c calls them.
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
                                    length, marker or chunk type, no EOI / IEND */

/*
 * Copy an image without the metadata that can identify a child or a place.
 *   JPEG: drops APP1 (EXIF with its GPS position and thumbnail, XMP), APP13
 *   (IPTC / Photoshop) and COM segments; every other segment, the scans and
 *   their entropy-coded data are copied byte for byte up to EOI.  The EXIF
 *   Orientation alone survives, as a minimal APP1 in the first EXIF's place
 *   (a phone photo would otherwise show sideways).
 *   PNG: keeps the critical chunks and the ancillary chunks that describe
 *   the pixels (tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, bKGD, pHYs, hIST, sPLT,
 *   cICP, mDCV, cLLI and APNG's acTL, fcTL, fdAT), each copied whole (its
 *   CRC unchanged) up to IEND; every other chunk - tEXt, zTXt, iTXt, eXIf,
 *   tIME, private or proposed ones - is dropped.
 * Anything after EOI / IEND is dropped (data appended to an image can hold
 * anything).  out must have room for n bytes: the result is never longer.
 * Returns IMGMETA_OK with *outlen set, or IMGMETA_E_TYPE / IMGMETA_E_MALFORMED
 * (then out holds nothing of use).
 */
int file_strip_metadata(const unsigned char *in, size_t n, unsigned char *out, size_t *outlen);

#endif
