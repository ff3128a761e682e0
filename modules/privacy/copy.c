/*
 * copy.c - the guardian's copy (issue 19 item 3, PIPL art. 45): a guardian
 * asks what the portal holds about the child; the clerk records the request
 * (who asked, the relationship, that the requester's ID document was
 * checked) from the child's file and prints "本系统保存的该儿童信息":
 * identity (the ID number masked: a printed page may be lost, and the
 * guardian has the number), categories, benefits paid, services received
 * (the timeline) and the sharing register.  Protected parts are left out by
 * ONE rule (copy_protected): the mandatory reports and protection cases
 * (the reporter's identity, the abuse details), police referrals and
 * detentions, counselling; the copy says how many entries were left out and
 * why.  Family members' data is not the child's and is not in the copy.
 */
#include "privacy.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param copy_params[] = {
    {"requester", PP_TEXT, 64, 1, "申请人姓名"},
    {"relationship", PP_CODE, 16, 1, "与儿童关系"},
    {"id_checked", PP_INT, 1, 0, "已核验申请人身份证件"},
    {"note", PP_TEXT, 200, 0, "备注"},
    {NULL, 0, 0, 0, NULL}};

/* THE rule of what a guardian's copy leaves out: timeline events of these
 * kinds (prefixes) - a report's or a case's details name the reporter and
 * describe the abuse; police and detention records; counselling */
static int copy_protected(const char *kind)
{
    static const char *const prefixes[] = {"protection.", "report", "referral.police",
                                           "detention.", "counsel", "guardian.review", NULL};
    for (int i = 0; prefixes[i]; i++)
        if (strncmp(kind, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

int copy_load(portal_req *r, svc *s, long long id, struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT g.child_id, c.village_code FROM guardian_copies g "
                                 "JOIN children c ON c.id = g.child_id WHERE g.id = ? AND "
                                 "c.status <> 'archived'", "i", id);
    if (!q || !s->db_next(q))
        return 404;
    o->child_id = atoll(s->db_col(q, 0));
    o->division = s->db_col(q, 1);
    return 0;
}

static int copy_page(portal_req *r, svc *s, long long child_id)
{
    if (s->db_query_hdf(r, "Copies", "SELECT g.id, g.requester, g.relationship, g.id_checked, "
                        "g.created_at, u.display_name AS clerk FROM guardian_copies g JOIN "
                        "users u ON u.id = g.created_by WHERE g.child_id = ? ORDER BY g.id DESC",
                        "i", child_id) < 0)
        return 500;
    s->labels_hdf(r, "Relationships", "privacy.relationship");
    return s->render(r, "copy_form.cs", "监护人查阅复制");
}

int copy_form_get(portal_req *r, svc *s)
{
    return copy_page(r, s, s->object(r)->id);
}

int copy_create_post(portal_req *r, svc *s)
{
    long long child_id = s->object(r)->id;
    const char *who = s->trim(r, s->param(r, "requester")), *rel = s->param(r, "relationship");
    if (!*who)
        s->form_error(r, "requester", "请填写申请人姓名。");
    if (!rel || strcmp(s->label(r, "privacy.relationship", rel), rel) == 0)
        s->form_error(r, "relationship", "请选择申请人与儿童的关系。");
    if (s->param_int(r, "id_checked", 0) != 1)
        s->form_error(r, "id_checked", "须先核验申请人的身份证件和监护关系证明。");
    if (s->form_failed(r))
        return copy_page(r, s, child_id);
    if (s->db_exec(r, "INSERT INTO guardian_copies (child_id, requester, relationship, "
                   "id_checked, note, created_at, created_by) VALUES (?, ?, ?, 1, ?, "
                   "UTC_TIMESTAMP(), ?)", "isssi", child_id, who, rel,
                   s->trim(r, s->param(r, "note")), s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "privacy.copy.create", "guardian_copy", privacy_id(r, s, id),
             s->sprintf(r, "child=%lld relationship=%s", child_id, rel));
    if (s->child_event(r, child_id, "copy.given", s->sprintf(r, "向%s（%s）出具本系统保存的该儿童信息",
                       who, s->label(r, "privacy.relationship", rel))) != 0)
        return 500;
    return s->redirect(r, s->sprintf(r, "/privacy/copies/%lld", id));
}

/* the timeline without the protected entries: Events.N.{at,kind,summary};
 * the number left out in Copy.Withheld */
static int copy_events(portal_req *r, svc *s, long long child_id)
{
    portal_rows *q = s->db_query(r, "SELECT at, kind, summary FROM child_events WHERE "
                                 "child_id = ? ORDER BY at, id", "i", child_id);
    if (!q)
        return -1;
    int n = 0, withheld = 0;
    while (s->db_next(q)) {
        if (copy_protected(s->col(q, "kind"))) {
            withheld++;
            continue;
        }
        s->put_row(r, s->sprintf(r, "Events.%d", n++), q);
    }
    s->set_int(r, "Copy.Withheld", withheld);
    return n;
}

int copy_get(portal_req *r, svc *s)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Copy", "SELECT g.id, g.child_id, g.requester, g.relationship, "
                      "g.note, g.created_at, u.display_name AS clerk FROM guardian_copies g "
                      "JOIN users u ON u.id = g.created_by WHERE g.id = ?", "i", id) != 1)
        return 500;
    long long child_id = s->object(r)->child_id;
    if (s->db_row_hdf(r, "Child", "SELECT name, sex, birth_date, id_last4, village_code, "
                      "township_code, status FROM children WHERE id = ?", "i", child_id) != 1 ||
        s->db_query_hdf(r, "Categories", "SELECT category, start_date, end_date FROM "
                        "child_categories WHERE child_id = ? ORDER BY start_date", "i",
                        child_id) < 0 ||
        s->db_query_hdf(r, "Paid", "SELECT DATE_FORMAT(l.period, '%Y-%m') AS period, "
                        "CONCAT(b.module, '.programme') AS kind, l.programme, l.amount_fen "
                        "FROM pay_lines l JOIN pay_batches b ON b.id = l.batch_id WHERE "
                        "l.child_id = ? AND b.status = 'exported' ORDER BY l.period, l.id",
                        "i", child_id) < 0 ||
        copy_events(r, s, child_id) < 0 || sharing_panel_fill(r, s, child_id, "Sharing") < 0)
        return 500;
    s->audit(r, "privacy.copy.read", "child", privacy_id(r, s, child_id),
             s->sprintf(r, "copy=%lld", id));
    return s->render(r, "copy.cs", "本系统保存的该儿童信息");
}
