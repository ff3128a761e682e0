/*
 * fuzz_imgmeta.c - libFuzzer target for the metadata stripper file_store
 * applies to every JPEG and PNG upload (cgi/host/imgmeta.c).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi \
 *     tests/fuzz/fuzz_imgmeta.c cgi/host/imgmeta.c -lz -o build/fuzz_imgmeta
 *
 * Invariants: it reads only the n input bytes and writes at most n (ASan
 * watches exact-size heap copies); the result is one of the three codes;
 * refusals are about the type only when the first bytes say so; an accepted
 * image keeps its type, ends at EOI / IEND, and is a fixed point - stripping
 * it again changes nothing, so no APP1 / APP13 / COM segment or text, eXIf
 * or tIME chunk is left in it.  The same bytes go through pdf_check (names
 * and FlateDecode streams), which must answer one of its codes.
 */
#include "fuzz_common.h"
#include "imgmeta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* exact-size copies so any read or write past n is caught */
    unsigned char *in = malloc(size ? size : 1), *out = malloc(size ? size : 1);
    FUZZ_CHECK(in && out);
    if (size)
        memcpy(in, data, size);
    size_t n = (size_t)-1;
    int rc = file_strip_metadata(in, size, out, &n);
    enum img_type t = img_sniff(in, size);
    FUZZ_CHECK(rc == IMGMETA_OK || rc == IMGMETA_E_TYPE || rc == IMGMETA_E_MALFORMED ||
          rc == IMGMETA_E_DIMENSIONS);
    FUZZ_CHECK((rc == IMGMETA_E_TYPE) == (t == IMG_NONE));
    FUZZ_CHECK(memcmp(in, data, size) == 0);   /* the input is never written */
    if (rc == IMGMETA_OK) {
        FUZZ_CHECK(n <= size);
        FUZZ_CHECK(img_sniff(out, n) == t);
        if (t == IMG_JPEG)
            FUZZ_CHECK(n >= 4 && out[n - 2] == 0xFF && out[n - 1] == 0xD9);
        else
            FUZZ_CHECK(n >= 8 + 12 + 12 && memcmp(out + n - 8, "IEND", 4) == 0);
        unsigned char *again = malloc(n);
        FUZZ_CHECK(again);
        size_t m = (size_t)-1;
        FUZZ_CHECK(file_strip_metadata(out, n, again, &m) == IMGMETA_OK);
        FUZZ_CHECK(m == n && memcmp(again, out, n) == 0);
        free(again);
    }
    /* the PDF check on the same bytes: one of its codes, the input untouched */
    int pr = pdf_check(in, size);
    FUZZ_CHECK(pr == PDF_OK || pr == PDF_E_ACTIVE || pr == PDF_E_COMPLEX);
    FUZZ_CHECK(memcmp(in, data, size) == 0);
    free(in);
    free(out);
    return 0;
}
