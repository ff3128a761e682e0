/*
 * survey.c - 摸底: a director records a child found in the village who is
 * not on file (a minimal record, the ID number optional, the situation as
 * observed); the township's supervisor files it (a new file in the
 * registry's tables, with its timeline event) or dismisses it with a
 * reason.  Possible duplicates are shown before saving and on review: the
 * same ID number (by its HMAC) on file or in another survey, or the same
 * name and birth date.  The ID number is stored encrypted.
 */
#include "village.h"

#include <ctype.h>
#include <string.h>

const struct portal_param survey_params[] = {
    {"village", PP_CODE, 12, 1, "村（居）"},
    {"name", PP_TEXT, 64, 1, "姓名"},
    {"sex", PP_CODE, 1, 1, "性别"},
    {"birth_date", PP_DATE, 10, 0, "出生日期"},
    {"id_number", PP_CODE, 18, 0, "身份证号"},
    {"guardian", PP_TEXT, 64, 0, "监护人或照料人"},
    {"address", PP_TEXT, 200, 0, "住址"},
    {"situation", PP_LINES, 1000, 1, "发现的情况"},
    {"confirm", PP_INT, 1, 0, "确认不是重复"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param dismiss_params[] = {
    {"reason", PP_TEXT, 200, 0, "不予建档的理由"},
    {"birth_date", PP_DATE, 10, 0, "出生日期"},
    {NULL, 0, 0, 0, NULL}};

/* Dup.{id_files,id_surveys,name_files,name_surveys} and Dup.count;
 * self: the survey under review (not its own duplicate).  Only within the
 * township of the village (a director learns nothing of other townships'
 * children; the same ID number elsewhere is still refused on filing).
 * -1 error */
static int duplicates(portal_req *r, const struct portal_services *s, const char *village,
                      const char *hmac, const char *name, const char *birth, long long self)
{
    const char *town = s->sprintf(r, "%.9s000", village);
    portal_rows *q = s->db_query(
        r, "SELECT (SELECT COUNT(*) FROM children WHERE id_hmac = ? AND township_code = ?), "
           "(SELECT COUNT(*) FROM village_surveys WHERE id_hmac = ? AND township_code = ? AND "
           "status <> 'dismissed' AND id <> ?), (SELECT COUNT(*) FROM children WHERE name = ? "
           "AND birth_date = ? AND township_code = ?), (SELECT COUNT(*) FROM village_surveys "
           "WHERE name = ? AND birth_date = ? AND township_code = ? AND status <> 'dismissed' "
           "AND id <> ?)", "ssssissssssi", hmac, town, hmac, town, self, name, birth, town, name,
        birth, town, self);
    if (!q || !s->db_next(q))
        return -1;
    static const char *const keys[] = {"id_files", "id_surveys", "name_files", "name_surveys"};
    long long n = 0;
    for (int i = 0; i < 4; i++) {
        s->set_int(r, s->sprintf(r, "Dup.%s", keys[i]), vil_num(s->db_col(q, i)));
        n += vil_num(s->db_col(q, i));
    }
    s->set_int(r, "Dup.count", n);
    return n > 0;
}

static int survey_form(portal_req *r, const struct portal_services *s, int status)
{
    const char *pre, *w = s->scope_where(r, "v.code", &pre);
    if (!pre)
        return s->refuse(r, 403, NULL, NULL, "org-scoped user on the survey form", NULL);
    /* a director's villages, else the villages of the user's jurisdiction */
    if (s->db_query_hdf(r, "Villages", s->sprintf(r, "SELECT v.code, v.name FROM divisions v "
                        "WHERE v.level = 'village' AND %s AND (NOT EXISTS "
                        VIL_MY_VILLAGES " OR v.code IN " VIL_MY_VILLAGES ") "
                        "ORDER BY v.code LIMIT 500", w), "sii", pre, s->user(r)->id,
                        s->user(r)->id) < 0)
        return 500;
    s->set(r, "Today", s->today(r));
    s->render(r, "survey_form.cs", "摸底登记");
    return status;
}

int survey_form_get(portal_req *r, const struct portal_services *s)
{
    return survey_form(r, s, 200);
}

static void survey_check(portal_req *r, const struct portal_services *s, const char *village)
{
    const char *sex = s->param(r, "sex"), *birth = s->param(r, "birth_date");
    const char *idn = s->param(r, "id_number");
    if (!*s->trim(r, s->param(r, "name")))
        s->form_error(r, "name", "请填写儿童姓名（不知道全名可填小名）。");
    if (strcmp(sex, "1") != 0 && strcmp(sex, "2") != 0)
        s->form_error(r, "sex", "请选择性别。");
    if (birth && *birth && strcmp(birth, s->today(r)) > 0)
        s->form_error(r, "birth_date", "出生日期不能晚于今天。");
    if (idn && *idn && s->id_number_check(s->sprintf(r, "%.17s%c", idn, strlen(idn) == 18 ?
                                                       toupper((unsigned char)idn[17]) : 0),
                                          NULL, NULL) != PORTAL_ID_OK)
        s->form_error(r, "id_number", "身份证号不正确（18 位，最后一位校验码），没有可不填。");
    else if (idn && *idn && birth && *birth &&
             strncmp(idn + 6, s->sprintf(r, "%.4s%.2s%.2s", birth, birth + 5, birth + 8), 8))
        s->form_error(r, "birth_date", "出生日期与身份证号不一致。");
    if (!*s->trim(r, s->param(r, "situation")))
        s->form_error(r, "situation", "请填写发现的情况。");
    portal_rows *q = s->db_query(r, "SELECT 1 FROM divisions WHERE code = ? AND level = "
                                    "'village'", "s", village);
    if (!q || !s->db_next(q) || !s->in_scope(r, village) || !vil_covers(r, s, village))
        s->form_error(r, "village", "请选择您负责的村（居）。");
}

int survey_create_post(portal_req *r, const struct portal_services *s)
{
    const char *village = s->param(r, "village"), *idn = s->param(r, "id_number");
    const char *birth = s->param(r, "birth_date"), *name = s->trim(r, s->param(r, "name"));
    survey_check(r, s, village);
    if (s->form_failed(r))
        return survey_form(r, s, 400);
    if (idn && !*idn)
        idn = NULL;
    if (birth && !*birth)
        birth = NULL;
    char up[19] = "";
    if (idn) {
        for (int i = 0; i < 18; i++)
            up[i] = (char)toupper((unsigned char)idn[i]);
        idn = up;
    }
    if (idn && !birth) /* the ID number holds it (checked as a date below) */
        birth = s->sprintf(r, "%.4s-%.2s-%.2s", idn + 6, idn + 10, idn + 12);
    if (birth && s->day_parse(birth) == PORTAL_NO_DAY) {
        s->form_error(r, "id_number", "身份证号中的出生日期不正确。");
        return survey_form(r, s, 400);
    }
    const char *hmac = idn ? s->hmac(r, idn) : NULL;
    int dup = duplicates(r, s, village, hmac, name, birth, 0);
    if (dup < 0)
        return 500;
    if (dup && s->param_int(r, "confirm", 0) != 1)
        return survey_form(r, s, 409);
    size_t elen = 0;
    const void *enc = idn ? s->encrypt(r, idn, &elen) : NULL;
    if (idn && !enc)
        return 500;
    if (s->db_exec(r, "INSERT INTO village_surveys (village_code, township_code, name, sex, "
                      "birth_date, id_enc, id_hmac, id_last4, guardian, address, situation, "
                      "created_by, created_at) VALUES (?, CONCAT(LEFT(?, 9), '000'), ?, ?, ?, ?, "
                      "?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())", "sssisbsssssi", village, village,
                   name, vil_num(s->param(r, "sex")), birth, enc, elen, hmac,
                   idn ? idn + 14 : NULL, s->trim(r, s->param(r, "guardian")),
                   s->trim(r, s->param(r, "address")), s->trim(r, s->param(r, "situation")),
                   s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "village.survey.create", "village_survey", vil_id(r, s, id),
             dup ? "possible duplicate confirmed by the director" : NULL);
    s->flash(r, "摸底记录已保存，等待乡镇审核建档。");
    return s->redirect(r, s->sprintf(r, "/village/surveys/%lld", id));
}

int vil_survey_load(portal_req *r, const struct portal_services *s, long long id,
                    struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT village_code FROM village_surveys WHERE id = ?",
                                 "i", id);
    if (!q || !s->db_next(q) || !vil_covers(r, s, s->db_col(q, 0)))
        return 404;
    o->division = s->db_col(q, 0);
    return 0;
}

int survey_list_get(portal_req *r, const struct portal_services *s)
{
    const char *pre, *w = s->scope_where(r, "village_code", &pre);
    if (!pre)
        return s->refuse(r, 403, NULL, NULL, "org-scoped user on the survey list", NULL);
    int mine = vil_is_director(r, s);
    if (mine < 0 || s->db_query_hdf(r, "Surveys", s->sprintf(r, "SELECT id, village_code, name, "
                                    "sex, birth_date, status, created_at FROM village_surveys "
                                    "WHERE %s AND (? = 0 OR created_by = ?) ORDER BY status = "
                                    "'pending' DESC, id DESC LIMIT 500", w),
                                    "sii", pre, (long long)mine, s->user(r)->id) < 0)
        return 500;
    return s->render(r, "survey_list.cs", "摸底登记");
}

int survey_get(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Survey", "SELECT v.*, u.display_name AS director FROM "
                      "village_surveys v JOIN users u ON u.id = v.created_by WHERE v.id = ?",
                      "i", id) != 1)
        return 500;
    portal_rows *q = s->db_query(r, "SELECT id_hmac, name, birth_date, village_code FROM "
                                    "village_surveys WHERE id = ?", "i", id);
    if (!q || !s->db_next(q) ||
        duplicates(r, s, s->db_col(q, 3), s->db_col(q, 0), s->db_col(q, 1), s->db_col(q, 2),
                   id) < 0)
        return 500;
    s->set_int(r, "CanReview", s->has_perm(r, "village.supervise"));
    s->audit(r, "village.survey.read", "village_survey", vil_id(r, s, id), NULL);
    return s->render(r, "survey.cs", "摸底记录");
}

/* the new file: the survey's fields, the ID number masked from its
 * plaintext; its id, 0 on error, -1 when the ID number is on file */
static long long file_insert(portal_req *r, const struct portal_services *s, portal_rows *q,
                             const char *birth)
{
    const char *masked = NULL;
    int ci = s->col_index(q, "id_enc");
    if (s->db_col(q, ci)) {
        const char *idn = s->decrypt(r, s->db_col(q, ci), s->db_col_len(q, ci));
        if (!idn)
            return 0;
        masked = s->sprintf(r, "%.6s********%s", idn, idn + 14);
    }
    if (s->col(q, "id_hmac")) {
        portal_rows *d = s->db_query(r, "SELECT 1 FROM children WHERE id_hmac = ? FOR UPDATE",
                                     "s", s->col(q, "id_hmac"));
        if (!d || s->db_next(d))
            return d ? -1 : 0;
    }
    if (s->db_exec(r, "INSERT INTO children (name, sex, birth_date, id_enc, id_hmac, id_masked, "
                      "id_last4, no_id_reason, address, township_code, village_code, "
                      "created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "?, ?, UTC_TIMESTAMP(), ?, UTC_TIMESTAMP())", "sisbsssssssi",
                   s->col(q, "name"), vil_num(s->col(q, "sex")), birth, s->db_col(q, ci),
                   s->db_col_len(q, ci), s->col(q, "id_hmac"), masked, s->col(q, "id_last4"),
                   masked ? NULL : "摸底发现，暂无身份证号", s->col(q, "address"),
                   s->col(q, "township_code"), s->col(q, "village_code"), s->user(r)->id) != 1)
        return 0;
    return s->db_insert_id(r);
}

int survey_file_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    if (!s->has_perm(r, "registry.edit"))
        return s->refuse(r, 403, "village_survey", vil_id(r, s, id), "no registry.edit",
                         "您没有建立儿童档案的权限。");
    portal_rows *q = s->db_query(r, "SELECT * FROM village_surveys WHERE id = ? AND status = "
                                    "'pending' FOR UPDATE", "i", id);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->fail(r, 409, "该摸底记录已审核。");
    const char *birth = s->col(q, "birth_date");
    if (!birth) {
        birth = s->param(r, "birth_date");
        if (!birth || !*birth)
            return s->fail(r, 400, "建档须有出生日期：请填写出生日期后再建档。");
    }
    long long child = file_insert(r, s, q, birth);
    if (child < 0)
        return s->fail(r, 409, "身份证号相同的儿童已有档案，不能重复建档；请不予建档并注明。");
    if (!child || s->db_exec(r, "UPDATE village_surveys SET status = 'filed', child_id = ?, "
                                "reviewed_by = ?, reviewed_at = UTC_TIMESTAMP() WHERE id = ?",
                             "iii", child, s->user(r)->id, id) != 1 ||
        s->child_event(r, child, "created", s->sprintf(r, "摸底发现，乡镇审核建档（摸底记录 "
                                                          "%lld）：%s", id, s->col(q, "name"))))
        return 500;
    s->audit(r, "child.create", "child", vil_id(r, s, child), s->sprintf(r, "survey=%lld", id));
    s->audit(r, "village.survey.file", "village_survey", vil_id(r, s, id),
             s->sprintf(r, "child=%lld", child));
    s->flash(r, "已建立档案，请补充家庭成员和困境类别。");
    return s->redirect(r, s->sprintf(r, "/children/%lld", child));
}

int survey_dismiss_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    const char *reason = s->trim(r, s->param(r, "reason"));
    if (!*reason)
        return s->fail(r, 400, "请填写不予建档的理由。");
    if (s->db_exec(r, "UPDATE village_surveys SET status = 'dismissed', reason = ?, "
                      "reviewed_by = ?, reviewed_at = UTC_TIMESTAMP() WHERE id = ? AND "
                      "status = 'pending'", "sii", reason, s->user(r)->id, id) != 1)
        return s->fail(r, 409, "该摸底记录已审核。");
    s->audit(r, "village.survey.dismiss", "village_survey", vil_id(r, s, id), reason);
    s->flash(r, "已不予建档。");
    return s->redirect(r, s->sprintf(r, "/village/surveys/%lld", id));
}
