/*
 * files.c - stored files (ABI 1.5): file_store and file_send (file_discard
 * and the request's list of stored files: stored.c).
 *
 * Every module's uploads go through here, so there is one answer to each
 * question: what type a file is (its first bytes, never the browser's word or
 * the extension), what it may carry (no EXIF / XMP / IPTC / text chunks: a
 * phone photo's EXIF holds the GPS position of the child's home; no image of
 * absurd dimensions; no PDF with scripts, actions or embedded files), where it
 * lives (config attachments_dir, outside the web root, under a random name of
 * 64 hex digits, mode 0600), how it is written (temporary name, fsync,
 * rename, fsync of the folder: whole or not at all) and how it is served
 * (only after its size and sha256 match what the module recorded).
 */
#include "host.h"
#include "crypto.h"
#include "files.h"
#include "imgmeta.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *ctype, *ext;
} types[] = {{"image/jpeg", "jpg"}, {"image/png", "png"}, {"application/pdf", "pdf"}};

#define T_JPEG 0
#define T_PNG 1
#define T_PDF 2

static int sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[32];
    if (crypto_digest(data, len, md) != 0)
        return -1;
    hex_encode(md, 32, out);
    return 0;
}

/* A fault of the machine, not of the user: logged with an error id that the
 * page shows, answered 500 through the host's fail path. */
static int fault(portal_req *r, const char *id, const char *msg, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fault(portal_req *r, const char *id, const char *msg, const char *fmt, ...)
{
    char t[16];
    random_token(t, 6);
    r->error_id = arena_strdup(r->a, t);
    va_list ap;
    va_start(ap, fmt);
    char *what = arena_vsprintf(r->a, fmt, ap);
    va_end(ap);
    log_msg(id, "error id %s: %s %s: %s", r->error_id, r->method ? r->method : "?",
            r->path ? r->path : "?", what);
    return reply_fail(r, 500, msg);
}

/* Write name under dir: a temporary name, fsync, 0600, rename, fsync of the
 * folder.  NULL on success, else the step that failed (errno kept). */
static const char *write_stored(const char *dir, const char *name, const void *data, size_t len)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return "create the folder";
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return "open the folder";
    char tmp[80];
    snprintf(tmp, sizeof tmp, ".tmp-%s", name);
    const char *what = NULL;
    int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        what = "create";
    } else {
        const char *p = data;
        size_t done = 0;
        while (done < len) {
            ssize_t k = write(fd, p + done, len - done);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0) {
                if (k == 0)
                    errno = EIO;
                what = "write";
                break;
            }
            done += (size_t)k;
        }
        if (!what && fchmod(fd, 0600) != 0)
            what = "fchmod";
        if (!what && fsync(fd) != 0)
            what = "fsync";
        if (close(fd) != 0 && !what)
            what = "close";
        if (!what && renameat(dfd, tmp, dfd, name) != 0)
            what = "rename";
        if (what) {
            int e = errno;
            unlinkat(dfd, tmp, 0);
            errno = e;
        } else if (fsync(dfd) != 0) {
            /* not known to be durable: the module will not record it, so no orphan */
            int e = errno;
            unlinkat(dfd, name, 0);
            errno = e;
            what = "fsync the folder";
        }
    }
    int e = errno;
    close(dfd);
    errno = e;
    return what;
}

int file_svc_store(portal_req *r, const void *data, size_t len, int images_only,
                   struct portal_file *out)
{
    memset(out, 0, sizeof *out);
    if (!data || len == 0)
        return reply_fail(r, 400, "上传的文件是空的。");
    if (len > FILE_MAX_BYTES)
        return reply_fail(r, 413, HTTP_UPLOAD_TOO_BIG);
    const unsigned char *p = data;
    enum img_type img = img_sniff(p, len);
    int t = img == IMG_JPEG ? T_JPEG : img == IMG_PNG ? T_PNG
          : (len >= 5 && memcmp(p, "%PDF-", 5) == 0) ? T_PDF : -1;
    if (t < 0 || (t == T_PDF && images_only))
        return reply_fail(r, 400, images_only
                                 ? "只能上传 JPEG 或 PNG 格式的照片（按文件内容判断，改扩展名无效）。"
                                 : "只能上传 JPEG、PNG 图片或 PDF 文件（按文件内容判断，"
                                   "改扩展名无效）。");
    const unsigned char *bytes = p;
    size_t n = len;
    if (t != T_PDF) {
        unsigned char *clean = arena_alloc(r->a, len);
        int rc = file_strip_metadata(p, len, clean, &n);
        if (rc == IMGMETA_E_DIMENSIONS)
            return reply_fail(r, 400, "图片尺寸过大（每边最多 12000 像素，总计最多 4000 万像素），"
                                         "请缩小后再上传。");
        if (rc != IMGMETA_OK)
            return reply_fail(r, 400, "图片文件不完整或已损坏，无法识别。"
                                         "请重新拍摄或导出后再上传。");
        bytes = clean;
    } else {
        /* a PDF is stored as it came, so it must not carry anything that runs */
        int rc = pdf_check(p, len);
        if (rc == PDF_E_COMPLEX)
            return reply_fail(r, 400, "PDF 文件的压缩内容过大，无法进行安全检查。"
                                         "请用“打印为 PDF”重新生成，或扫描为图片后再上传。");
        if (rc != PDF_OK)
            return reply_fail(r, 400, "PDF 文件含有脚本、自动操作、嵌入文件、加密或特殊编码，"
                                         "出于安全考虑不能上传。请用“打印为 PDF”重新生成，"
                                         "或扫描为图片后再上传。");
    }
    const char *dir = files_dir();
    if (!dir)
        return fault(r, "PT0701", "文件暂时无法保存，请稍后再试。",
                     "attachments_dir is not configured");
    unsigned char rnd[32];
    char name[65], sum[65];
    if (RAND_bytes(rnd, sizeof rnd) != 1)
        return fault(r, "PT0702", "文件暂时无法保存，请稍后再试。",
                     "no random bytes for a stored file's name");
    hex_encode(rnd, sizeof rnd, name);
    if (sha256_hex(bytes, n, sum) != 0)
        return fault(r, "PT0702", "文件暂时无法保存，请稍后再试。", "sha256 unavailable");
    const char *what = write_stored(dir, name, bytes, n);
    if (what) {
        int e = errno;
        return fault(r, "PT0703", "文件暂时无法保存，请稍后再试。",
                     "cannot store a file in %s (%s): %s", dir, what, strerror(e));
    }
    /* the host removes it if the request's writes do not commit */
    struct stored_file *sf = arena_alloc(r->a, sizeof *sf);
    memcpy(sf->name, name, sizeof name);
    sf->next = r->stored;
    r->stored = sf;
    memcpy(out->stored, name, sizeof name);
    memcpy(out->sha256, sum, sizeof sum);
    out->ctype = types[t].ctype;
    out->ext = types[t].ext;
    out->len = n;
    return 0;
}

/* The name the browser saves the file as: the recorded name (last path
 * segment, valid UTF-8 without control characters, at most 180 bytes),
 * ending in the extension of the type actually sent - a PNG someone named
 * "x.pdf" is saved as "x.pdf.png" and opens. */
static const char *download_name(portal_req *r, const char *filename, const char *ext)
{
    const char *base = filename ? filename : "";
    for (const char *q = base; *q; q++)
        if (*q == '/' || *q == '\\')
            base = q + 1;
    size_t n = strlen(base);
    int ok = n > 0 && utf8_valid(base, n);
    for (size_t i = 0; ok && i < n; i++)
        if ((unsigned char)base[i] < 0x20 || base[i] == 0x7F)
            ok = 0;
    if (!ok)
        return arena_sprintf(r->a, "attachment.%s", ext);
    n = utf8_truncate(base, 180);
    size_t dot = n;                       /* the last '.', if any */
    for (size_t i = 0; i < n; i++)
        if (base[i] == '.')
            dot = i;
    const char *suffix = dot < n ? base + dot + 1 : "";
    size_t slen = dot < n ? n - dot - 1 : 0;
    int has_ext = (slen == strlen(ext) && strncasecmp(suffix, ext, slen) == 0) ||
                  (strcmp(ext, "jpg") == 0 && slen == 4 && strncasecmp(suffix, "jpeg", 4) == 0);
    return has_ext ? arena_strndup(r->a, base, n)
                   : arena_sprintf(r->a, "%.*s.%s", (int)n, base, ext);
}

/* filename="...": the name's ASCII letters, digits and "._-" (anything else
 * ASCII becomes "_", non-ASCII is left out); "attachment.EXT" when no letter
 * or digit is left before the extension */
static const char *ascii_name(portal_req *r, const char *name, const char *ext)
{
    char *o = arena_alloc(r->a, strlen(name) + 1);
    /* stem: letters and digits before the last '.'; seg: since the last '.' */
    size_t k = 0, seg = 0, stem = 0;
    for (const unsigned char *q = (const unsigned char *)name; *q; q++) {
        int an = (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9');
        if (an || *q == '-' || *q == '_')
            o[k++] = (char)*q;
        else if (*q == '.')
            stem += seg, seg = 0, o[k++] = '.';
        else if (*q < 0x80)
            o[k++] = '_';
        seg += an;
    }
    o[k] = 0;
    return stem ? o : arena_sprintf(r->a, "attachment.%s", ext);
}

const char *files_disposition(portal_req *r, const char *filename, const char *ext,
                              int want_inline)
{
    const char *name = download_name(r, filename, ext);
    return arena_sprintf(r->a, "%s; filename=\"%s\"; filename*=UTF-8''%s",
                         want_inline ? "inline" : "attachment", ascii_name(r, name, ext),
                         text_url_encode(r->a, name));
}

int file_svc_send(portal_req *r, const char *stored, long long size, const char *sha256,
                  const char *ctype, const char *filename, int want_inline)
{
    static const char *broken = "文件已丢失或损坏，无法下载。请联系管理员。";
    int t = -1;
    for (int i = 0; i < 3 && ctype; i++)
        if (strcmp(ctype, types[i].ctype) == 0)
            t = i;
    const char *dir = files_dir();
    if (t < 0 || !hex64(stored) || !hex64(sha256) || size < 0 || size > (long long)FILE_MAX_BYTES || !dir)
        return fault(r, "PT0705", broken, "refusing to send a stored file with an invalid "
                     "record (name %s, type %s, size %lld, sha256 %s)%s",
                     hex64(stored) ? stored : "?", t < 0 ? "?" : ctype, size,
                     hex64(sha256) ? sha256 : "?",
                     dir ? "" : "; attachments_dir is not configured");
    char *path = arena_sprintf(r->a, "%s/%s", dir, stored);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return fault(r, "PT0706", broken, "stored file %s cannot be opened: %s", stored,
                     strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != size) {
        close(fd);
        return fault(r, "PT0707", broken, "stored file %s is not the recorded %lld bytes",
                     stored, size);
    }
    unsigned char *body = arena_alloc(r->a, (size_t)size + 1);
    size_t got = 0;
    while (got < (size_t)size) {
        ssize_t k = read(fd, body + got, (size_t)size - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd);
    char sum[65];
    if (got != (size_t)size || sha256_hex(body, got, sum) != 0 || strcmp(sum, sha256) != 0)
        return fault(r, "PT0707", broken, "stored file %s does not match its recorded sha256",
                     stored);

    r->ctype = types[t].ctype;
    resp_header(r, "Content-Disposition",
                files_disposition(r, filename, types[t].ext, want_inline && t != T_PDF));
    /* every response already carries Cache-Control: no-store (request.c).
     * The bytes wait in the response until the handler has audited the
     * read and the host has committed: a read that cannot be audited never
     * leaves, however large the file (no streaming here). */
    r->hold_output = 1;
    resp_write(r, body, got);
    return 200;
}
