/*
 * stored.c - the attachments folder's names and the files a request wrote:
 * removed when its writes roll back, kept when they commit (files_settle).
 * files.c types, writes and serves them.
 */
#include "host.h"
#include "files.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* our stored names: exactly 64 lowercase hex digits, nothing a path could hide in */
int hex64(const char *s)
{
    if (!s || strlen(s) != 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

const char *files_dir(void)
{
    const char *d = config_get("attachments_dir", NULL);
    return d && *d ? d : NULL;
}

/* Idempotent: a file already removed (by the module, or by the host after
 * a rollback) is no error, and it leaves the request's list. */
void file_svc_discard(portal_req *r, const char *stored)
{
    const char *dir = files_dir();
    if (!hex64(stored) || !dir)
        return;
    for (struct stored_file **p = &r->stored; *p; p = &(*p)->next)
        if (strcmp((*p)->name, stored) == 0) {
            *p = (*p)->next;
            break;
        }
    char *path = arena_sprintf(r->a, "%s/%s", dir, stored);
    if (unlink(path) != 0 && errno != ENOENT)
        log_msg("PT0704", "cannot remove the stored file %s: %s", stored, strerror(errno));
}

void files_settle(portal_req *r, int keep)
{
    while (r->stored) {
        struct stored_file *f = r->stored;
        if (keep) {
            r->stored = f->next;
            continue;
        }
        log_msg("PT0708", "%s %s: removing the stored file %s, its request did not commit",
                r->method ? r->method : "?", r->path ? r->path : "?", f->name);
        file_svc_discard(r, f->name); /* takes it off the list */
    }
}
