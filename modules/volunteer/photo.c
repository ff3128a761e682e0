/*
 * photo.c - photos on service logs.
 *
 * A partner adds photos (JPEG or PNG, typed by content, at most
 * MAX_PHOTOS a log) to its own log while the log's assignment runs and
 * before the township verifies it; the host stores them outside the web
 * root with their metadata (EXIF: camera, GPS position) removed.  A photo
 * is shown to the partner that took it while its access lasts, and to
 * township or county staff whose jurisdiction covers the log's child or
 * area; every view is audited, anything else answers s->not_found.
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
    long long id = vol_path_id(r, s), vorg = 0, child = 0, aid = 0;
    const char *sid = s->path_arg(r, "id"), *status = NULL;
    if (id <= 0 || vol_partner_org(r, s, &vorg, NULL) != 0 ||
        vol_log_access(r, s, id, vorg, &child, &aid, &status) != 0)
        return s->not_found(r, "volunteer_log", sid);
    if (strcmp(status, "verified") == 0)
        return s->fail(r, 409, "该服务记录已经乡镇核实，不能再添加照片。");
    size_t len = 0;
    const char *filename = NULL, *ctype = NULL;
    const void *data = s->upload(r, "photo", &len, &filename, &ctype);
    if (!data || len == 0)
        return s->fail(r, 400, "请选择要上传的照片。");
    /* the log row locked: two uploads cannot both pass the limit */
    if (s->db_begin(r) != 0)
        return 500;
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
    s->audit(r, "volunteer.photo.add", "volunteer_log", sid,
             s->sprintf(r, "photo=%lld child=%lld %s %zu bytes sha256 %s", pid, child, f.ctype,
                        f.len, f.sha256));
    s->flash(r, "照片已上传（已去除拍摄位置等信息）。");
    return s->redirect(r, vol_log_page(r, s, child, aid));
}

int photo_get(portal_req *r, const struct portal_services *s)
{
    long long id = vol_path_id(r, s);
    const char *sid = s->path_arg(r, "id"), *spid = s->path_arg(r, "pid");
    long long pid = spid && *spid && strlen(spid) <= 18 && strspn(spid, "0123456789") == strlen(spid)
                        ? strtoll(spid, NULL, 10)
                        : 0;
    if (id <= 0 || pid <= 0)
        return s->not_found(r, "volunteer_photo", spid);
    portal_rows *q = s->db_query(r, "SELECT f.stored_name, f.size, f.sha256, f.content_type, "
                                    "f.filename, l.vorg_id, l.child_id, COALESCE(c.village_code, "
                                    "l.area_code) FROM volunteer_log_photos f JOIN volunteer_logs l "
                                    "ON l.id = f.log_id LEFT JOIN children c ON c.id = l.child_id "
                                    "WHERE f.id = ? AND f.log_id = ?", "ii", pid, id);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->not_found(r, "volunteer_photo", spid);
    long long owner = strtoll(s->db_col(q, 5), NULL, 10), vorg = 0, child = 0, aid = 0;
    int ok = 0;
    if (s->has_perm(r, "volunteer.partner"))
        ok = vol_partner_org(r, s, &vorg, NULL) == 0 && vorg == owner &&
             vol_log_access(r, s, id, vorg, &child, &aid, NULL) == 0;
    if (!ok && (s->has_perm(r, "volunteer.verify") || s->has_perm(r, "volunteer.manage")))
        ok = s->in_scope(r, s->db_col(q, 7));
    if (!ok)
        return s->not_found(r, "volunteer_photo", spid);
    const char *c = s->db_col(q, 6);
    int st = s->file_send(r, s->db_col(q, 0), strtoll(s->db_col(q, 1), NULL, 10),
                          s->db_col(q, 2), s->db_col(q, 3), s->db_col(q, 4), 1);
    if (st == 200)
        s->audit(r, "volunteer.photo.read", c ? "child" : "volunteer_log", c ? c : sid,
                 s->sprintf(r, "log=%s photo=%lld", sid, pid));
    return st;
}
