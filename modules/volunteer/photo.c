/*
 * photo.c - photos on service logs.
 *
 * A partner adds photos (JPEG or PNG, typed by content, at most
 * MAX_PHOTOS a log) to its own log while the log's assignment runs and
 * before the township verifies it; the host stores them outside the web
 * root with their metadata (EXIF: camera, GPS position) removed.  A photo
 * is shown to the partner that took it while its access lasts, and to
 * township or county staff whose jurisdiction covers the log's child or
 * area (objects.c); every view is audited, anything else is an audited 404.
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PHOTOS 6

const struct portal_param photo_params[] = {
    {"photo", PP_FILE, 0, 1, "照片"},
    {NULL, 0, 0, 0, NULL}};

int log_photo_create_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    const struct vol_access *a = o->data;
    long long id = o->id;
    if (strcmp(a->status, "verified") == 0)
        return s->fail(r, 409, "该服务记录已经乡镇核实，不能再添加照片。");
    size_t len = 0;
    const char *filename = NULL, *ctype = NULL;
    const void *data = s->upload(r, "photo", &len, &filename, &ctype);
    if (!data || len == 0)
        return s->fail(r, 400, "请选择要上传的照片。");
    /* the log row locked: two uploads cannot both pass the limit */
    portal_rows *q = s->db_query(r, "SELECT status, (SELECT COUNT(*) FROM volunteer_log_photos f "
                                    "WHERE f.log_id = l.id) FROM volunteer_logs l WHERE l.id = ? "
                                    "FOR UPDATE", "i", id);
    if (!q || !s->db_next(q))
        return 500;
    if (strcmp(s->db_col(q, 0), "verified") == 0)
        return s->fail(r, 409, "该服务记录已经乡镇核实，不能再添加照片。");
    if (atoi(s->db_col(q, 1)) >= MAX_PHOTOS)
        return s->fail(r, 409, "每条服务记录最多上传 6 张照片。");
    struct portal_file f;
    int st = s->file_store(r, data, len, 1, &f);
    if (st)
        return st;
    const char *shown = s->sprintf(r, "服务照片-%lld.%s", id, f.ext);
    if (s->db_exec(r, "INSERT INTO volunteer_log_photos (log_id, filename, content_type, size, "
                      "sha256, stored_name, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                      "UTC_TIMESTAMP())",
                   "ississi", id, shown, f.ctype, (long long)f.len, f.sha256, f.stored,
                   s->user(r)->id) != 1)
        return 500; /* the host removes the file stored */
    long long pid = s->db_insert_id(r);
    /* a photo is part of what the township verifies: the log's version moves */
    if (s->db_exec(r, "UPDATE volunteer_logs SET version = version + 1 WHERE id = ?", "i", id) != 1)
        return 500;
    s->audit(r, "volunteer.photo.add", "volunteer_log", s->sprintf(r, "%lld", id),
             s->sprintf(r, "photo=%lld child=%lld %s %zu bytes sha256 %s", pid, a->child, f.ctype,
                        f.len, f.sha256));
    s->flash(r, "照片已上传（已去除拍摄位置等信息）。");
    return s->redirect(r, vol_log_page(r, s, a->child, a->aid));
}

int photo_get(portal_req *r, const struct portal_services *s)
{
    const struct portal_object *o = s->object(r);
    portal_rows *p = o->data;
    long long log = s->path_int(r, "id");
    int st = s->file_send(r, s->col(p, "stored_name"), vol_num(s->col(p, "size")),
                          s->col(p, "sha256"), s->col(p, "content_type"), s->col(p, "filename"), 1);
    if (st == 200)
        s->audit(r, "volunteer.photo.read", o->child_id ? "child" : "volunteer_log",
                 s->sprintf(r, "%lld", o->child_id ? o->child_id : log),
                 s->sprintf(r, "log=%lld photo=%lld", log, o->id));
    return st;
}
