/*
 * correct.c - corrections of a child's file (issue 20 item 4): family
 * members added, corrected and removed; an attachment's kind corrected and
 * attachments removed.
 *
 * Every correction and removal needs a reason.  Each leaves one timeline
 * entry (child_event: who and when are the entry's) naming the row, the
 * reason and every changed field as old -> new; ID numbers appear masked
 * only, never in the timeline or the audit row (which names the fields).
 * Removal is a soft delete (removed_at, removed_by, removed_reason): the row
 * leaves the file page, the print view and the lookups, and stays in the
 * database and in the history.  A removed row cannot be corrected again
 * (404, the same as an absent one).
 */
#include "registry.h"

#include <stdlib.h>
#include <string.h>

static int back_to_file(portal_req *r, const struct portal_services *s, long long id,
                        const char *anchor, const char *flash)
{
    s->flash(r, flash);
    return s->redirect(r, s->sprintf(r, "/children/%lld#%s", id, anchor));
}

/* ------------------------------------------------------------ family */

struct family_form {
    const char *relation, *name, *situation, *phone, *note;
    long long guardian;
    const char *id;          /* as typed, spaces out, upper-case X; "" none */
    const void *enc;         /* from a valid id */
    size_t enc_len;
    const char *hmac;
    char masked[19];
};

/* the family form (adding and correcting): Errors.<field> for each fault;
 * the number of faults, -1 when encryption is unavailable */
static int family_read(portal_req *r, const struct portal_services *s, struct family_form *f)
{
    memset(f, 0, sizeof *f);
    f->relation = s->trim(r, s->param(r, "relation"));
    f->name = s->trim(r, s->param(r, "name"));
    f->situation = s->trim(r, s->param(r, "situation"));
    f->phone = s->trim(r, s->param(r, "phone"));
    f->note = s->trim(r, s->param(r, "note"));
    f->guardian = s->param_int(r, "is_guardian", 0);
    const char *raw = s->trim(r, s->param(r, "id_number"));
    char *id = s->alloc(r, strlen(raw) + 1);
    size_t j = 0;
    for (const char *p = raw; *p; p++)
        if (*p != ' ')
            id[j++] = *p == 'x' ? 'X' : *p;
    id[j] = 0;
    f->id = id;
    if (!*f->relation)
        s->form_error(r, "relation", "请填写与儿童的关系。");
    if (!*f->name)
        s->form_error(r, "name", "请填写家庭成员的姓名。");
    else if (registry_has_emoji(f->name))
        s->form_error(r, "name", REGISTRY_MSG_EMOJI);
    if (!registry_label("registry.situation", f->situation))
        s->form_error(r, "situation", "请从列表中选择家庭成员的情况。");
    if (f->guardian != 0 && f->guardian != 1)
        s->form_error(r, "is_guardian", "是否监护人的取值不正确。");
    if (*id) {
        char birth[11];
        int sex;
        if (s->id_number_check(id, birth, &sex) != PORTAL_ID_OK) {
            s->form_error(r, "id_number", "身份证号无效（位数、校验位或出生日期不正确），"
                                          "请核对；不知道时可以不填。");
        } else {
            f->enc = s->encrypt(r, id, &f->enc_len);
            f->hmac = s->hmac(r, id);
            if (!f->enc || !f->hmac)
                return -1;
            s->id_number_mask(id, f->masked);
        }
    }
    return s->form_failed(r);
}

static const char *guardian_text(long long g) { return g ? "是" : "否"; }

/* the same person on other files in scope (siblings, or a duplicate file) */
static const char *family_elsewhere(portal_req *r, const struct portal_services *s,
                                    long long id, const char *hmac, const char *flash)
{
    const char *a1, *a2, *scope = s->scope_sql(r, "c", &a1, &a2);
    if (!hmac || !scope)
        return flash;
    portal_rows *q = s->db_query(r, s->sprintf(r, "SELECT COUNT(DISTINCT c.id) FROM child_family f "
                                                  "JOIN children c ON c.id = f.child_id WHERE "
                                                  "f.id_hmac = ? AND f.removed_at IS NULL AND "
                                                  "c.id <> ? AND %s", scope),
                                 "siss", hmac, id, a1, a2);
    if (q && s->db_next(q) && atoll(s->db_col(q, 0)) > 0)
        return s->sprintf(r, "%s提示：此人也登记为辖区内另外 %s 名儿童的家庭成员，"
                             "请核对是否为兄弟姐妹或重复建档。", flash, s->db_col(q, 0));
    return flash;
}

int family_add_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    struct family_form f;
    int bad = family_read(r, s, &f);
    if (bad < 0)
        return 500;
    if (bad > 0)
        return registry_file_page(r, s, 400);
    if (s->db_exec(r, "INSERT INTO child_family (child_id, relation, name, id_enc, id_hmac, "
                      "situation, is_guardian, phone, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "issbssiss", id, f.relation, f.name, f.enc, f.enc_len, f.hmac, f.situation,
                   f.guardian, f.phone, f.note) < 0)
        return 500;
    if (s->child_event(r, id, "family.add",
                       s->sprintf(r, "添加家庭成员：%s %s（%s）%s", f.relation, f.name,
                                  registry_label("registry.situation", f.situation),
                                  f.guardian ? "，监护人" : "")) != 0)
        return 500;
    return back_to_file(r, s, id, "family", family_elsewhere(r, s, id, f.hmac, "已添加家庭成员。"));
}

/* the member {fid} of the route's child, not removed, locked for the
 * correction; its columns by name; NULL when absent (the handler answers 404) */
static portal_rows *member_load(portal_req *r, const struct portal_services *s, long long id,
                                long long fid)
{
    portal_rows *q = s->db_query(r, "SELECT id, relation, name, id_enc, id_hmac, situation, "
                                    "is_guardian, phone, note FROM child_family WHERE id = ? "
                                    "AND child_id = ? AND removed_at IS NULL FOR UPDATE",
                                 "ii", fid, id);
    return q && s->db_next(q) ? q : NULL;
}

/* the stored ID number masked ("" none) */
static const char *member_masked(portal_req *r, const struct portal_services *s, portal_rows *q)
{
    const char *enc = s->col(q, "id_enc");
    if (!enc)
        return "";
    const char *pt = s->decrypt(r, enc, s->db_col_len(q, 3));
    char *m = s->alloc(r, 19);
    s->id_number_mask(pt, m);
    return pt ? m : "（无法解密）";
}

/* the correction page: the member's values (or what was typed) and the
 * removal form; status 200, or 400 with Errors */
static int member_page(portal_req *r, const struct portal_services *s, portal_rows *q, int status)
{
    static const char *const cols[] = {"relation", "name", "situation", "phone", "note",
                                       "is_guardian"};
    s->set(r, "Member.id", s->col(q, "id"));
    s->set(r, "Member.relation", s->col(q, "relation"));
    s->set(r, "Member.name", s->col(q, "name"));
    s->set(r, "Member.masked", member_masked(r, s, q));
    if (!s->param(r, "relation")) /* first view: the stored values */
        for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
            s->set(r, s->sprintf(r, "Form.%s", cols[i]), s->col(q, cols[i]));
    s->labels_hdf(r, "Opts.situation", "registry.situation");
    int rc = s->render(r, "family_edit.cs", "更正家庭成员");
    return rc == 200 ? status : rc;
}

int family_edit_get(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = member_load(r, s, s->object(r)->id, s->path_int(r, "fid"));
    if (!q)
        return s->not_found(r, "child_family", s->path_arg(r, "fid"));
    return member_page(r, s, q, 200);
}

/* the changes of a correction, the stored ID number kept when none is typed
 * (clear_id=1 removes it) */
static struct registry_diff family_diff(portal_req *r, const struct portal_services *s, portal_rows *q,
                               const struct family_form *f, int clear_id)
{
    struct registry_diff d = {NULL, NULL};
    registry_diff_add(r, s, &d, "relation", "关系", s->col(q, "relation"), f->relation);
    registry_diff_add(r, s, &d, "name", "姓名", s->col(q, "name"), f->name);
    const char *was = member_masked(r, s, q);
    if (f->hmac && (!s->col(q, "id_hmac") || strcmp(f->hmac, s->col(q, "id_hmac")) != 0))
        registry_diff_add(r, s, &d, "id_number", "身份证号", was, f->masked);
    else if (!f->hmac && clear_id)
        registry_diff_add(r, s, &d, "id_number", "身份证号", was, "");
    registry_diff_add(r, s, &d, "situation", "情况",
             registry_label("registry.situation", s->col(q, "situation")),
             registry_label("registry.situation", f->situation));
    registry_diff_add(r, s, &d, "is_guardian", "监护人", guardian_text(atoll(s->col(q, "is_guardian"))),
             guardian_text(f->guardian));
    registry_diff_add(r, s, &d, "phone", "电话", s->col(q, "phone"), f->phone);
    registry_diff_add(r, s, &d, "note", "备注", s->col(q, "note"), f->note);
    return d;
}

int family_edit_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, fid = s->path_int(r, "fid");
    portal_rows *q = member_load(r, s, id, fid);
    if (!q)
        return s->not_found(r, "child_family", s->path_arg(r, "fid"));
    struct family_form f;
    int bad = family_read(r, s, &f);
    const char *why = registry_reason(r, s, "reason");
    if (bad < 0)
        return 500;
    int clear_id = s->param_int(r, "clear_id", 0) == 1 && !*f.id;
    struct registry_diff d = family_diff(r, s, q, &f, clear_id);
    if (!bad && !d.text)
        s->form_error(r, "reason", "没有修改任何内容；要删除此人，请使用下方的“删除”。");
    if (s->form_failed(r))
        return member_page(r, s, q, 400);
    const int keep_id = !f.hmac && !clear_id;
    if (s->db_exec(r, "UPDATE child_family SET relation = ?, name = ?, situation = ?, "
                      "is_guardian = ?, phone = ?, note = ?, id_enc = IF(?, id_enc, ?), "
                      "id_hmac = IF(?, id_hmac, ?) WHERE id = ? AND child_id = ?",
                   "sssissibisii", f.relation, f.name, f.situation, f.guardian, f.phone, f.note,
                   (long long)keep_id, f.enc, f.enc_len, (long long)keep_id, f.hmac, fid, id) < 0)
        return 500;
    if (s->child_event(r, id, "family.update",
                       s->sprintf(r, "更正家庭成员 %s %s（原因：%s）：%s", s->col(q, "relation"),
                                  s->col(q, "name"), why, d.text)) != 0)
        return 500;
    s->audit(r, "family.update", "child", s->sprintf(r, "%lld", id),
             s->sprintf(r, "member %lld, fields: %s", fid, d.fields));
    return back_to_file(r, s, id, "family",
                        family_elsewhere(r, s, id, f.hmac, "已更正家庭成员信息。"));
}

int family_remove_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, fid = s->path_int(r, "fid");
    portal_rows *q = member_load(r, s, id, fid);
    if (!q)
        return s->not_found(r, "child_family", s->path_arg(r, "fid"));
    const char *why = registry_reason(r, s, "remove_reason");
    if (s->form_failed(r))
        return member_page(r, s, q, 400);
    if (s->db_exec(r, "UPDATE child_family SET removed_at = UTC_TIMESTAMP(), removed_by = ?, "
                      "removed_reason = ? WHERE id = ? AND child_id = ? AND removed_at IS NULL",
                   "isii", (long long)s->user(r)->id, why, fid, id) != 1)
        return 500;
    if (s->child_event(r, id, "family.remove",
                       s->sprintf(r, "删除家庭成员 %s %s（%s%s）（原因：%s）", s->col(q, "relation"),
                                  s->col(q, "name"),
                                  registry_label("registry.situation", s->col(q, "situation")),
                                  atoll(s->col(q, "is_guardian")) ? "，监护人" : "", why)) != 0)
        return 500;
    s->audit(r, "family.remove", "child", s->sprintf(r, "%lld", id),
             s->sprintf(r, "member %lld", fid));
    return back_to_file(r, s, id, "family", "已删除家庭成员（记录保留在变更记录中）。");
}

/* ------------------------------------------------------------ attachments */

/* the attachment {aid} of the route's child, not removed, locked */
static portal_rows *attachment_load(portal_req *r, const struct portal_services *s, long long id,
                                    long long aid)
{
    portal_rows *q = s->db_query(r, "SELECT id, kind, filename, content_type, size, uploaded_at "
                                    "AS at FROM child_attachments WHERE id = ? AND child_id = ? "
                                    "AND removed_at IS NULL FOR UPDATE", "ii", aid, id);
    return q && s->db_next(q) ? q : NULL;
}

static int attachment_page(portal_req *r, const struct portal_services *s, portal_rows *q,
                           int status)
{
    s->put_row(r, "Att", q);
    if (!s->param(r, "kind"))
        s->set(r, "Form.kind", s->col(q, "kind"));
    int rc = s->render(r, "attachment_edit.cs", "更正证明材料");
    return rc == 200 ? status : rc;
}

int attachment_edit_get(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = attachment_load(r, s, s->object(r)->id, s->path_int(r, "aid"));
    if (!q)
        return s->not_found(r, "attachment", s->path_arg(r, "aid"));
    return attachment_page(r, s, q, 200);
}

int attachment_edit_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, aid = s->path_int(r, "aid");
    portal_rows *q = attachment_load(r, s, id, aid);
    if (!q)
        return s->not_found(r, "attachment", s->path_arg(r, "aid"));
    const char *kind = s->trim(r, s->param(r, "kind"));
    if (!*kind)
        s->form_error(r, "kind", "请选择材料类型。");
    const char *why = registry_reason(r, s, "reason");
    struct registry_diff d = {NULL, NULL};
    registry_diff_add(r, s, &d, "kind", "材料类型", s->col(q, "kind"), kind);
    if (*kind && !d.text)
        s->form_error(r, "kind", "没有修改任何内容；要删除此材料，请使用下方的“删除”。");
    if (s->form_failed(r))
        return attachment_page(r, s, q, 400);
    if (s->db_exec(r, "UPDATE child_attachments SET kind = ? WHERE id = ? AND child_id = ?",
                   "sii", kind, aid, id) < 0 ||
        s->child_event(r, id, "attachment.update",
                       s->sprintf(r, "更正材料 %s（原因：%s）：%s", s->col(q, "filename"), why,
                                  d.text)) != 0)
        return 500;
    s->audit(r, "attachment.update", "child", s->sprintf(r, "%lld", id),
             s->sprintf(r, "attachment %lld, fields: %s", aid, d.fields));
    return back_to_file(r, s, id, "attachments", "已更正材料类型。");
}

int attachment_remove_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, aid = s->path_int(r, "aid");
    portal_rows *q = attachment_load(r, s, id, aid);
    if (!q)
        return s->not_found(r, "attachment", s->path_arg(r, "aid"));
    const char *why = registry_reason(r, s, "remove_reason");
    if (s->form_failed(r))
        return attachment_page(r, s, q, 400);
    if (s->db_exec(r, "UPDATE child_attachments SET removed_at = UTC_TIMESTAMP(), "
                      "removed_by = ?, removed_reason = ? WHERE id = ? AND child_id = ? "
                      "AND removed_at IS NULL",
                   "isii", (long long)s->user(r)->id, why, aid, id) != 1 ||
        s->child_event(r, id, "attachment.remove",
                       s->sprintf(r, "删除材料 %s（%s）（原因：%s）", s->col(q, "filename"),
                                  s->col(q, "kind"), why)) != 0)
        return 500;
    s->audit(r, "attachment.remove", "child", s->sprintf(r, "%lld", id),
             s->sprintf(r, "attachment %lld", aid));
    return back_to_file(r, s, id, "attachments", "已删除材料（记录保留在变更记录中）。");
}
