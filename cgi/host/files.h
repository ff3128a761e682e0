/*
 * files.h - the stored-file services of ABI 1.5 (file_store, file_discard,
 * file_send in struct portal_services): one place where every module's
 * uploads are typed, stripped of metadata, written and served back.
 */
#ifndef PORTAL_FILES_H
#define PORTAL_FILES_H

#include "portal_module.h"

#include "http.h"

#define FILE_MAX_BYTES ((size_t)HTTP_UPLOAD_MB << 20) /* before metadata is removed */

int file_svc_store(portal_req *r, const void *data, size_t len, int images_only,
                   struct portal_file *out);
/* stored.c: the folder (config attachments_dir) or NULL; a stored name
 * (64 lowercase hex digits); removing one; the request's files settled */
const char *files_dir(void);
int hex64(const char *s);
void file_svc_discard(portal_req *r, const char *stored);
/* the request's outcome for the files it stored: keep (its writes
 * committed) or remove them (rolled back, failed); the list is emptied */
void files_settle(portal_req *r, int keep);
/* the Content-Disposition value of a download called filename (UTF-8; any
 * folder part dropped, .ext added when missing): inline or attachment, an
 * ASCII filename= for old clients and the UTF-8 filename* (RFC 5987) */
const char *files_disposition(portal_req *r, const char *filename, const char *ext,
                              int want_inline);
int file_svc_send(portal_req *r, const char *stored, long long size, const char *sha256,
                  const char *ctype, const char *filename, int want_inline);

#endif
