/*
 * file.c - one child's file (一人一档): create, read, print, edit, family
 * members, categories (entry and exit as dated rows, never overwrites) and
 * attachments.
 *
 * Security rules every handler here follows:
 *  - every /children/{id:int} route declares the child as its object: the
 *    host loads it and answers the audited 404 when it is absent or outside
 *    the user's scope, before the handler reads or writes anything;
 *  - ID numbers exist in plaintext only in request memory: stored as id_enc
 *    (AES-256-GCM), id_hmac (lookups, duplicates), id_masked and id_last4;
 *    never in logs, audit details or the timeline;
 *  - the full ID number is shown only on the edit form (registry.edit), where
 *    the user needs it to correct it; that read is audited.  The file page and
 *    the print page show it masked;
 *  - every read of a file is audited (child.read, child.print,
 *    attachment.read).
 */
#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the form */

/* The create/edit form.  The order matches enum field below. */
const struct portal_param child_params[] = {
    {"name", PP_TEXT, 30, 0, "姓名"},
    {"sex", PP_CODE, 1, 0, "性别"},
    {"birth_date", PP_TEXT, 10, 0, "出生日期"},
    {"ethnicity", PP_TEXT, 16, 0, "民族"},
    {"id_number", PP_TEXT, 18, 0, "身份证号"},
    {"no_id_reason", PP_TEXT, 100, 0, "无身份证号原因"},
    {"hukou", PP_TEXT, 200, 0, "户籍地"},
    {"address", PP_TEXT, 200, 0, "现住址"},
    {"village_code", PP_CODE, 12, 0, "所在村（社区）"},
    {"school", PP_TEXT, 100, 0, "就读学校"},
    {"school_grade", PP_TEXT, 32, 0, "年级"},
    {"health", PP_TEXT, 500, 0, "健康状况"},
    {"disability_type", PP_CODE, 16, 0, "残疾类别"},
    {"disability_grade", PP_CODE, 1, 0, "残疾等级"},
    {"disability_cert_expiry", PP_TEXT, 10, 0, "残疾证有效期至"},
    {"placement", PP_TEXT, 32, 0, "安置方式"},
    {"notes", PP_LINES, 4000, 0, "备注（敏感信息）"},
    {"confirm_duplicate", PP_INT, 1, 0, "确认重复"},
    {"reason", PP_TEXT, 200, 0, "修改原因"},
    {NULL, 0, 0, 0, NULL}};

enum field {
    F_NAME, F_SEX, F_BIRTH, F_ETHNICITY, F_ID, F_NO_ID_REASON, F_HUKOU, F_ADDRESS, F_VILLAGE,
    F_SCHOOL, F_GRADE, F_HEALTH, F_DIS_TYPE, F_DIS_GRADE, F_DIS_EXPIRY, F_PLACEMENT, F_NOTES,
    F_COUNT
};

struct child_form {
    const char *v[F_COUNT];   /* as typed (trimmed); never NULL */
    int confirm;
    char township[13];
    /* derived from the ID number */
    const char *id_hmac;
    const void *id_enc;
    size_t id_enc_len;
    char id_masked[19];
    char id_last4[5];
    const void *notes_enc;
    size_t notes_enc_len;
};

/* ------------------------------------------------------------ helpers */

/* a real calendar date YYYY-MM-DD */
static int valid_date(const struct portal_services *s, const char *v)
{
    return v && s->day_parse(v) != PORTAL_NO_DAY;
}

/* the route's child ("child:id"), loaded and scope-checked by the host */
static long long child_id(portal_req *r, const struct portal_services *s)
{
    return s->object(r)->id;
}

static const char *idstr(portal_req *r, const struct portal_services *s, long long id)
{
    return s->sprintf(r, "%lld", id);
}

static int redirect_to_file(portal_req *r, const struct portal_services *s, long long id,
                            const char *anchor, const char *flash)
{
    if (flash)
        s->flash(r, flash);
    return s->redirect(r, s->sprintf(r, "/children/%lld%s", id, anchor ? anchor : ""));
}

/* ------------------------------------------------------------ validation */

static void field_error(portal_req *r, const struct portal_services *s, enum field k,
                        const char *msg)
{
    s->form_error(r, child_params[k].name, msg);
}

static void read_form(portal_req *r, const struct portal_services *s, struct child_form *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < F_COUNT; i++)
        f->v[i] = i == F_NOTES ? (s->param(r, "notes") ? s->param(r, "notes") : "")
                               : s->trim(r, s->param(r, child_params[i].name));
    f->confirm = s->param_int(r, "confirm_duplicate", 0) == 1;
    /* ID numbers: upper-case x, no spaces */
    char *id = s->alloc(r, strlen(f->v[F_ID]) + 1);
    size_t j = 0;
    for (const char *p = f->v[F_ID]; *p; p++)
        if (*p != ' ')
            id[j++] = *p == 'x' ? 'X' : *p;
    id[j] = 0;
    f->v[F_ID] = id;
}

/* name, sex, birth date, ethnicity; 1 when the birth date is usable */
static int check_person(portal_req *r, const struct portal_services *s, struct child_form *f)
{
    const char **v = f->v;
    if (!*v[F_NAME])
        field_error(r, s, F_NAME, "请填写姓名。");
    else if (registry_has_emoji(v[F_NAME]))
        field_error(r, s, F_NAME, REGISTRY_MSG_EMOJI);
    if (!registry_label("registry.sex", v[F_SEX]))
        field_error(r, s, F_SEX, "请选择性别。");
    int birth_ok = 0;
    if (!*v[F_BIRTH])
        field_error(r, s, F_BIRTH, "请填写出生日期。");
    else if (!valid_date(s, v[F_BIRTH]))
        field_error(r, s, F_BIRTH, "出生日期的格式不正确，应为 年-月-日，例如 2015-03-01。");
    else if (strcmp(v[F_BIRTH], s->today(r)) > 0)
        field_error(r, s, F_BIRTH, "出生日期不能晚于今天。");
    else
        birth_ok = 1;
    if (!*v[F_ETHNICITY])
        field_error(r, s, F_ETHNICITY, "请填写民族。");
    return birth_ok;
}

/* the ID number: format, check character, date, then consistency with the
 * birth date and sex; fills the encrypted number and its lookups.  0, or -1
 * when encryption is unavailable */
static int check_id_number(portal_req *r, const struct portal_services *s, struct child_form *f,
                           int birth_ok)
{
    const char **v = f->v;
    const char *id = v[F_ID];
    if (!*id) {
        if (!*v[F_NO_ID_REASON])
            field_error(r, s, F_NO_ID_REASON,
                        "没有身份证号时，请填写原因（例如：未落户、弃婴待落户）。");
        return 0;
    }
    v[F_NO_ID_REASON] = ""; /* a reason only goes with no number */
    char birth[11];
    int sex = 0;
    int fault = s->id_number_check(id, birth, &sex);
    if (fault == PORTAL_ID_SHAPE)
        field_error(r, s, F_ID, "身份证号应为 18 位：前 17 位是数字，最后一位是数字或 X。");
    else if (fault == PORTAL_ID_CHECK_CHAR)
        field_error(r, s, F_ID, "身份证号校验位不正确，请逐位核对。");
    else if (fault == PORTAL_ID_BIRTH_DATE)
        field_error(r, s, F_ID, "身份证号中的出生日期无效。");
    else if (birth_ok && strcmp(birth, v[F_BIRTH]) != 0)
        field_error(r, s, F_ID,
                    s->sprintf(r, "身份证号中的出生日期（%s）与填写的出生日期不一致。", birth));
    else if (registry_label("registry.sex", v[F_SEX]) && sex != atoi(v[F_SEX]))
        field_error(r, s, F_ID, "身份证号显示的性别与填写的性别不一致。");
    else {
        f->id_enc = s->encrypt(r, id, &f->id_enc_len);
        f->id_hmac = s->hmac(r, id);
        if (!f->id_enc || !f->id_hmac)
            return -1;
        s->id_number_mask(id, f->id_masked);
        memcpy(f->id_last4, id + 14, 4);
        f->id_last4[4] = 0;
    }
    return 0;
}

/* the village: a current village inside the user's scope; fills the
 * township.  0, or -1 on a database error */
static int check_village(portal_req *r, const struct portal_services *s, struct child_form *f)
{
    const char *vc = f->v[F_VILLAGE];
    if (!*vc) {
        field_error(r, s, F_VILLAGE, "请选择所在村（社区）。");
        return 0;
    }
    if (strlen(vc) != 12 || !s->in_scope(r, vc)) {
        field_error(r, s, F_VILLAGE, "所选村（社区）不在您的辖区内。");
        return 0;
    }
    portal_rows *q = s->db_query(r, "SELECT code FROM divisions WHERE code = ? AND "
                                    "level = 'village' AND (valid_to IS NULL OR "
                                    "valid_to >= ?)", "ss", vc, s->today(r));
    if (!q)
        return -1;
    if (!s->db_next(q)) {
        field_error(r, s, F_VILLAGE, "所选村（社区）不存在或已撤销。");
        return 0;
    }
    memcpy(f->township, vc, 9);
    memcpy(f->township + 9, "000", 4);
    return 0;
}

/* disability (GB/T 26341-2010): a type, with its grade and expiry, or none */
static void check_disability(portal_req *r, const struct portal_services *s, struct child_form *f)
{
    const char **v = f->v;
    if (*v[F_DIS_TYPE]) {
        if (!registry_label("registry.disability", v[F_DIS_TYPE]))
            field_error(r, s, F_DIS_TYPE, "残疾类别不正确。");
        if (!registry_label("registry.grade", v[F_DIS_GRADE]))
            field_error(r, s, F_DIS_GRADE, "请选择残疾等级（一级至四级）。");
        if (*v[F_DIS_EXPIRY] && !valid_date(s, v[F_DIS_EXPIRY]))
            field_error(r, s, F_DIS_EXPIRY, "残疾证有效期的格式不正确，应为 年-月-日。");
    } else {
        if (*v[F_DIS_GRADE])
            field_error(r, s, F_DIS_TYPE, "填写了残疾等级时，请选择残疾类别。");
        if (*v[F_DIS_EXPIRY])
            field_error(r, s, F_DIS_TYPE, "填写了残疾证有效期时，请选择残疾类别。");
    }
}

/*
 * Check every field; sets Err.<field> for each fault (Chinese) and derives the
 * township, the encrypted ID and its lookups.  Returns the number of faults;
 * -1 on an internal error (encryption unavailable, database).
 */
static int validate(portal_req *r, const struct portal_services *s, struct child_form *f)
{
    int birth_ok = check_person(r, s, f);
    if (check_id_number(r, s, f, birth_ok) != 0 || check_village(r, s, f) != 0)
        return -1;
    check_disability(r, s, f);
    if (*f->v[F_NOTES]) {
        f->notes_enc = s->encrypt(r, f->v[F_NOTES], &f->notes_enc_len);
        if (!f->notes_enc)
            return -1;
    }
    return s->form_failed(r);
}

static const char *or_null(const char *v) { return v && *v ? v : NULL; }

/* ------------------------------------------------------------ form page */

static int put_villages(portal_req *r, const struct portal_services *s)
{
    const char *scope, *w = s->scope_where(r, "code", &scope);
    return s->db_query_hdf(r, "Villages",
                           s->sprintf(r, "SELECT code, name, parent_code FROM divisions "
                                      "WHERE level = 'village' AND %s "
                                      "AND (valid_to IS NULL OR valid_to >= ?) "
                                      "ORDER BY code", w), "ss", scope, s->today(r)) < 0 ? -1 : 0;
}

/* the create/edit form, with the values as typed; status 200 or 400 */
static int form_page(portal_req *r, const struct portal_services *s, const struct child_form *f,
                     long long id, int status)
{
    for (int i = 0; i < F_COUNT; i++)
        s->set(r, s->sprintf(r, "Form.%s", child_params[i].name), f->v[i]);
    if (id > 0) {
        s->set_int(r, "Form.id", id);
        s->setf(r, "Form.action", "/children/%lld/edit", id);
    } else {
        s->set(r, "Form.action", "/children/new");
    }
    s->labels_hdf(r, "Opts.sex", "registry.sex");
    s->labels_hdf(r, "Opts.disability", "registry.disability");
    s->labels_hdf(r, "Opts.grade", "registry.grade");
    if (put_villages(r, s) < 0)
        return 500;
    int rc = s->render(r, "child_form.cs", id > 0 ? "修改儿童档案" : "新建儿童档案");
    return rc == 200 ? status : rc;
}

/* ------------------------------------------------------------ create */

int child_new_get(portal_req *r, const struct portal_services *s)
{
    struct child_form f;
    memset(&f, 0, sizeof f);
    for (int i = 0; i < F_COUNT; i++)
        f.v[i] = "";
    f.v[F_ETHNICITY] = "土家族"; /* Youyang is a Tujia and Miao autonomous county */
    return form_page(r, s, &f, 0, 200);
}

/*
 * Duplicates.  The same ID number is refused (the unique key would refuse it
 * anyway); the same name and birth date is a warning the user can confirm
 * past.  Inside the user's scope the existing files are linked, as always.
 * Outside it the form must not be an oracle across townships: it says only
 * "可能存在重复档案，已提交县级核查" (never where, never how many) and leaves
 * the county a notice to check.  Every check is audited with what was asked
 * (the ID number's HMAC, never the number; or the name and birth date) and
 * what it found; a user gets REGISTRY_DUP_HITS_PER_HOUR checks that find
 * something per hour (the CSV import counts too), then an audited refusal
 * (a check that finds nothing creates the file, so it is no free probe).
 * Returns 0 (no blocking duplicate), 1 (form must be shown again), -1 error,
 * or the status already answered (429).
 */
static int duplicates(portal_req *r, const struct portal_services *s, struct child_form *f,
                      long long self)
{
    if (!f->id_hmac && f->confirm)
        return 0; /* nothing to check */
    int left = registry_dup_left(r, s);
    if (left < 0)
        return -1;
    if (left == 0)
        return registry_dup_refuse(r, s);
    portal_rows *q;
    int hit = 0, blocked = 0;
    if (f->id_hmac) {
        q = s->db_query(r, "SELECT id, village_code FROM children WHERE id_hmac = ? AND id <> ?",
                        "si", f->id_hmac, self);
        if (!q)
            return -1;
        if (s->db_next(q)) {
            const char *other = s->db_col(q, 0);
            int visible = s->scope_allows(r, s->db_col(q, 1), atoll(other));
            field_error(r, s, F_ID, visible ? "该身份证号已有档案，不能重复建档。"
                                               : REGISTRY_MSG_DUP_OUTSIDE);
            if (visible)
                s->set(r, "Dup.Existing", other);
            else if (registry_tell_county(r, s, other, "身份证号") != 0)
                return -1;
            s->audit(r, "child.duplicate.check", "child", other,
                     s->sprintf(r, "asked id_hmac %s: on file %s", f->id_hmac,
                                visible ? "in scope" : "outside the scope (county notified)"));
            hit = blocked = 1;
        } else {
            s->audit(r, "child.duplicate.check", "child", NULL,
                     s->sprintf(r, "asked id_hmac %s: none", f->id_hmac));
        }
    }
    if (!f->confirm && !blocked) {
        q = s->db_query(r, "SELECT id, village_code FROM children WHERE name = ? "
                           "AND birth_date = ? AND id <> ? ORDER BY id LIMIT 10",
                        "ssi", f->v[F_NAME], f->v[F_BIRTH], self);
        if (!q)
            return -1;
        int n = 0, hidden = 0;
        const char *first_hidden = NULL, *ids = "";
        while (s->db_next(q)) {
            const char *cid = s->db_col(q, 0);
            ids = s->sprintf(r, "%s%s%s", ids, *ids ? "," : "", cid);
            if (s->scope_allows(r, s->db_col(q, 1), atoll(cid))) {
                s->set(r, s->sprintf(r, "Dup.Similar.%d", n++), cid);
            } else if (!hidden++) {
                first_hidden = cid;
            }
        }
        const char *asked = s->sprintf(r, "asked name %s birth %s", f->v[F_NAME], f->v[F_BIRTH]);
        if (hidden &&
            registry_tell_county(r, s, first_hidden,
                        s->sprintf(r, "姓名和出生日期（%s，%s）", f->v[F_NAME], f->v[F_BIRTH])) != 0)
            return -1;
        s->audit(r, "child.duplicate.check", "child", n || hidden ? ids : NULL,
                 s->sprintf(r, "%s: %d in scope, %d outside%s", asked, n, hidden,
                            hidden ? " (county notified)" : ""));
        if (n)
            s->set_int(r, "Dup.Warn", n);
        if (hidden)
            s->set(r, "Dup.Outside", REGISTRY_MSG_DUP_OUTSIDE);
        if (n || hidden)
            hit = blocked = 1;
    }
    if (hit && registry_dup_hit(r, s) != 0)
        return -1;
    return blocked;
}

/* the form's values into a new file (id 0) or file id: the same columns,
 * bound the same way; db_exec's result */
static long long save_child(portal_req *r, const struct portal_services *s,
                            const struct child_form *f, long long id)
{
    static const char insert[] =
        "INSERT INTO children (name, sex, birth_date, ethnicity, id_enc, id_hmac, id_masked, "
        "id_last4, no_id_reason, hukou, address, township_code, village_code, school, "
        "school_grade, health, disability_type, disability_grade, disability_cert_expiry, "
        "placement, notes_enc, created_by, status, created_at, updated_at) VALUES (?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', UTC_TIMESTAMP(), "
        "UTC_TIMESTAMP())";
    static const char update[] =
        "UPDATE children SET name = ?, sex = ?, birth_date = ?, ethnicity = ?, id_enc = ?, "
        "id_hmac = ?, id_masked = ?, id_last4 = ?, no_id_reason = ?, hukou = ?, address = ?, "
        "township_code = ?, village_code = ?, school = ?, school_grade = ?, health = ?, "
        "disability_type = ?, disability_grade = ?, disability_cert_expiry = ?, placement = ?, "
        "notes_enc = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?";
    const char *const *v = f->v;
    return s->db_exec(r, id ? update : insert, "sissbsssssssssssssssbi", v[F_NAME],
                      (long long)atoi(v[F_SEX]), v[F_BIRTH], v[F_ETHNICITY], f->id_enc,
                      f->id_enc_len, f->id_hmac, f->id_hmac ? f->id_masked : NULL,
                      f->id_hmac ? f->id_last4 : NULL, or_null(v[F_NO_ID_REASON]), v[F_HUKOU],
                      v[F_ADDRESS], f->township, v[F_VILLAGE], v[F_SCHOOL], v[F_GRADE],
                      v[F_HEALTH], or_null(v[F_DIS_TYPE]), or_null(v[F_DIS_GRADE]),
                      or_null(v[F_DIS_EXPIRY]), v[F_PLACEMENT], f->notes_enc, f->notes_enc_len,
                      id ? id : (long long)s->user(r)->id);
}

int child_new_post(portal_req *r, const struct portal_services *s)
{
    struct child_form f;
    read_form(r, s, &f);
    int bad = validate(r, s, &f);
    if (bad < 0)
        return 500;
    if (bad > 0)
        return form_page(r, s, &f, 0, 400);
    int dup = duplicates(r, s, &f, 0);
    if (dup < 0)
        return 500;
    if (dup >= 400)
        return dup; /* refused and answered (too many checks) */
    if (dup > 0)
        return form_page(r, s, &f, 0, 400);

    const char **v = f.v;
    if (save_child(r, s, &f, 0) < 0)
        return 500;
    long long id = s->db_insert_id(r);
    if (s->child_event(r, id, "created",
                  s->sprintf(r, "建立档案：%s%s", v[F_NAME], f.id_hmac ? "" : "（无身份证号）")) != 0)
        return 500;
    s->audit(r, "child.create", "child", idstr(r, s, id),
             f.id_hmac ? NULL : "no ID number");
    return redirect_to_file(r, s, id, NULL, "已建立档案。");
}

/* ------------------------------------------------------------ the file page */

#define TIMELINE_ROWS 500
#define HOLD_MODULES 64

/* The file's own rows in one statement (issue 17): family members,
 * categories and the timeline are the parts of one UNION ALL, each row
 * tagged with its part and the integer keys of its order in it (each part
 * ordered as its table on the page); the cells come back as c1..c8 and go
 * to the template under their own names.  MariaDB streams the parts without
 * a temporary table or a sort (the timeline's newest rows come in its index
 * order); the page orders the few rows by (part, k1, k2, k3) itself: a
 * total order, k3 being the row's id. */
enum part { PART_FAMILY, PART_CATS, PART_EVENTS, PARTS };

static const char *const part_prefix[PARTS] = {"Family", "Cats", "Events"};
static const char *const part_cols[PARTS][8] = {
    {"id", "relation", "name", "situation", "guardian", "phone", "note", "has_id"},
    {"id", "category", "basis", "start_date", "end_date", "exit_reason", "exit_note",
     "entered_by"},
    {"at", "module", "kind", "summary", "who", NULL, NULL, NULL}};

static const char file_rows_sql[] =
    "SELECT 0 AS part, id AS c1, relation AS c2, name AS c3, situation AS c4, is_guardian AS c5, "
    "phone AS c6, note AS c7, id_enc IS NOT NULL AS c8, -is_guardian AS k1, 0 AS k2, id AS k3 "
    "FROM child_family WHERE child_id = ? AND removed_at IS NULL "
    "UNION ALL SELECT 1, k.id, k.category, k.basis, k.start_date, k.end_date, k.exit_reason, "
    "k.exit_note, u.display_name, k.end_date IS NOT NULL, -TO_DAYS(k.start_date), -k.id "
    "FROM child_categories k LEFT JOIN users u ON u.id = k.entered_by WHERE k.child_id = ? "
    "UNION ALL (SELECT 2, e.at, e.module, e.kind, e.summary, u.display_name, NULL, NULL, NULL, "
    "0, 0, -e.id FROM child_events e LEFT JOIN users u ON u.id = e.user_id "
    "WHERE e.child_id = ? ORDER BY e.id DESC LIMIT ?)";

/* one row of file_rows_sql (its cells live until the request ends) */
struct file_row {
    int part;
    long long k[3];
    const char *c[8];
};

static int file_row_cmp(const void *a, const void *b)
{
    const struct file_row *x = a, *y = b;
    if (x->part != y->part)
        return x->part < y->part ? -1 : 1;
    for (int i = 0; i < 3; i++)
        if (x->k[i] != y->k[i])
            return x->k[i] < y->k[i] ? -1 : 1;
    return 0;
}

/* the rows of file_rows_sql in the page's order into *out; their count or -1 */
static int file_rows_read(portal_req *r, const struct portal_services *s, long long id,
                          struct file_row **out)
{
    portal_rows *q = s->db_query(r, file_rows_sql, "iiii", id, id, id,
                                 (long long)TIMELINE_ROWS);
    if (!q)
        return -1;
    size_t n = 0, cap = 16;
    struct file_row *v = s->alloc(r, cap * sizeof *v);
    int sorted = 1;
    while (s->db_next(q)) {
        if (n == cap) {
            struct file_row *w = s->alloc(r, 2 * cap * sizeof *w);
            memcpy(w, v, n * sizeof *v);
            v = w, cap *= 2;
        }
        struct file_row *x = &v[n];
        x->part = atoi(s->db_col(q, 0));
        if (x->part < 0 || x->part >= PARTS)
            return -1;
        for (int c = 0; c < 8; c++)
            x->c[c] = s->db_col(q, c + 1);
        for (int k = 0; k < 3; k++)
            x->k[k] = atoll(s->db_col(q, 9 + k));
        sorted = sorted && (!n || file_row_cmp(&v[n - 1], x) <= 0);
        n++;
    }
    if (!sorted)
        qsort(v, n, sizeof *v, file_row_cmp);
    *out = v;
    return (int)n;
}

struct hold {
    const char *module, *last;
    int events;
};

/* which module holds what (Holds: module, events, last), tallied from the
 * timeline rows the page shows */
struct holds {
    struct hold h[HOLD_MODULES];
    int n, all;
};

static void hold_event(portal_req *r, const struct portal_services *s, struct holds *t,
                       const char *m, const char *at)
{
    /* m and at are the query's cells: they live until the request ends */
    int k = 0;
    while (k < t->n && strcmp(t->h[k].module, m) != 0)
        k++;
    if (k == HOLD_MODULES) {
        t->all = 0;
        return;
    }
    if (k == t->n)
        t->h[t->n++] = (struct hold){m, at, 0};
    else if (strcmp(at, t->h[k].last) > 0)
        t->h[k].last = at;
    t->h[k].events++;
}

static int hold_cmp(const void *a, const void *b)
{
    return strcmp(((const struct hold *)a)->module, ((const struct hold *)b)->module);
}

/* Holds from the tally when the page shows the whole timeline, else the
 * totals of all of it (one more statement); 0 or -1 */
static int put_holds(portal_req *r, const struct portal_services *s, long long id,
                     struct holds *t, int events)
{
    if (!t->all || events >= TIMELINE_ROWS)
        return s->db_query_hdf(r, "Holds", "SELECT module, COUNT(*) AS events, MAX(at) AS "
                               "last FROM child_events WHERE child_id = ? GROUP BY module "
                               "ORDER BY module", "i", id) < 0 ? -1 : 0;
    qsort(t->h, (size_t)t->n, sizeof *t->h, hold_cmp);
    for (int i = 0; i < t->n; i++) {
        s->set(r, s->sprintf(r, "Holds.%d.module", i), t->h[i].module);
        s->set_int(r, s->sprintf(r, "Holds.%d.events", i), t->h[i].events);
        s->set(r, s->sprintf(r, "Holds.%d.last", i), t->h[i].last);
    }
    return 0;
}

/* the family members' ID numbers masked into FamilyIds.<member id>
 * (decrypted only to be masked): a statement only when a member has one */
static int put_family_ids(portal_req *r, const struct portal_services *s, long long id)
{
    portal_rows *q = s->db_query(r, "SELECT id, id_enc FROM child_family WHERE child_id = ? "
                                 "AND id_enc IS NOT NULL AND removed_at IS NULL", "i", id);
    if (!q)
        return -1;
    while (s->db_next(q)) {
        const char *pt = s->decrypt(r, s->col(q, "id_enc"), s->db_col_len(q, 1));
        char masked[19];
        s->id_number_mask(pt, masked);
        s->set(r, s->sprintf(r, "FamilyIds.%s", s->col(q, "id")), pt ? masked : "（无法解密）");
    }
    return 0;
}

/* Family.N, Cats.N, Events.N (newest first, at most TIMELINE_ROWS), Holds
 * and FamilyIds; the counts into n[part].  0 or -1 */
static int put_file_rows(portal_req *r, const struct portal_services *s, long long id,
                         int n[PARTS])
{
    struct file_row *v;
    int rows = file_rows_read(r, s, id, &v);
    if (rows < 0)
        return -1;
    struct holds t = {.all = 1};
    int ids = 0;
    for (int i = 0; i < rows; i++) {
        int p = v[i].part;
        const char *row = s->sprintf(r, "%s.%d", part_prefix[p], n[p]++);
        for (int c = 0; c < 8 && part_cols[p][c]; c++)
            if (v[i].c[c])
                s->set(r, s->sprintf(r, "%s.%s", row, part_cols[p][c]), v[i].c[c]);
        if (p == PART_FAMILY)
            ids += v[i].c[7] && strcmp(v[i].c[7], "1") == 0;
        else if (p == PART_EVENTS)
            hold_event(r, s, &t, v[i].c[1], v[i].c[0]);
    }
    if (put_holds(r, s, id, &t, n[PART_EVENTS]) != 0 || (ids && put_family_ids(r, s, id) != 0))
        return -1;
    return 0;
}

/* identity, family, categories, attachments, timeline, holdings, other
 * modules' panels */
static int load_file(portal_req *r, const struct portal_services *s, long long id, int print)
{
    /* raw values: the templates format dates (datetime) and name divisions;
     * the core row came with the route's child (no statement of its own) */
    int has_notes = 0;
    if (s->child_row_hdf(r, id, "Child", &has_notes) != 1)
        return 500;
    /* the core's tables the child has no row in cost no query (child_has) */
    int has_atts = s->child_has(r, id, "child_attachments");
    int has_apps = s->child_has(r, id, "wf_applications");
    if (has_atts < 0 || has_apps < 0)
        return 500;
    /* family, categories and the timeline: one statement */
    int n[PARTS] = {0};
    if (put_file_rows(r, s, id, n) != 0)
        return 500;
    int atts = !has_atts ? 0 : s->db_query_hdf(r, "Atts",
                               "SELECT a.id, a.kind, a.filename, a.content_type, a.size, "
                               "a.uploaded_at AS at, u.display_name AS who FROM child_attachments a "
                               "LEFT JOIN users u ON u.id = a.uploaded_by "
                               "WHERE a.child_id = ? AND a.removed_at IS NULL ORDER BY a.id",
                               "i", id);
    /* applications of the child in any module (the host's workflow tables) */
    int apps = !has_apps ? 0 : s->db_query_hdf(r, "Apps",
                               "SELECT id, module, type_title, step_title, status, started_at "
                               "FROM wf_applications WHERE child_id = ? ORDER BY id DESC "
                               "LIMIT 100", "i", id);
    if (atts < 0 || apps < 0)
        return 500;
    s->set_int(r, "Count.family", n[PART_FAMILY]);
    s->set_int(r, "Count.cats", n[PART_CATS]);
    s->set_int(r, "Count.atts", atts);

    /* sensitive notes: on screen for editors only, never on paper */
    if (!print && s->has_perm(r, "registry.edit")) {
        s->set(r, "File.CanEdit", "1");
        portal_rows *q = !has_notes ? NULL : s->db_query(r, "SELECT notes_enc FROM children "
                                                         "WHERE id = ?", "i", id);
        if (!q && has_notes)
            return 500;
        if (q && s->db_next(q) && s->db_col(q, 0)) {
            const char *pt = s->decrypt(r, s->db_col(q, 0), s->db_col_len(q, 0));
            s->set(r, "File.Notes", pt ? pt : "（无法解密，请联系管理员）");
        }
    }
    /* other modules' sections (services, care, donations, benefits...): each
     * module decides what the viewer may see of its own; the print view too */
    if (s->child_panels(r, id, "Panels") < 0)
        return 500;
    s->set(r, "File.Today", s->today(r));
    if (!print) {
        s->labels_hdf(r, "Opts.situation", "registry.situation");
        s->labels_hdf(r, "Opts.category", "core.category");
        s->labels_hdf(r, "Opts.exit", "registry.exit");
    }
    return 0;
}

/* the file, or its print view: loaded, the read audited, rendered */
static int file_page(portal_req *r, const struct portal_services *s, int print)
{
    long long id = child_id(r, s);
    if (load_file(r, s, id, print) != 0)
        return 500;
    s->audit(r, print ? "child.print" : "child.read", "child", idstr(r, s, id), NULL);
    return s->render(r, print ? "child_print.cs" : "child_file.cs",
                     print ? "儿童档案（打印）" : "儿童档案");
}

int registry_file_page(portal_req *r, const struct portal_services *s, int status)
{
    int rc = file_page(r, s, 0);
    return rc == 200 ? status : rc;
}

int child_file_get(portal_req *r, const struct portal_services *s) { return file_page(r, s, 0); }

int child_print_get(portal_req *r, const struct portal_services *s) { return file_page(r, s, 1); }

/* ------------------------------------------------------------ edit */

/* the stored values, as strings in form order; *notes and *id decrypted */
static int load_current(portal_req *r, const struct portal_services *s, long long id,
                        struct child_form *cur, const char **hmac)
{
    memset(cur, 0, sizeof *cur);
    portal_rows *q = s->db_query(r,
                                 "SELECT name, sex, birth_date, ethnicity, id_enc, no_id_reason, "
                                 "hukou, address, village_code, school, school_grade, health, "
                                 "disability_type, disability_grade, disability_cert_expiry, "
                                 "placement, notes_enc, id_hmac FROM children WHERE id = ?",
                                 "i", id);
    if (!q || !s->db_next(q))
        return -1;
    for (int i = 0; i < F_COUNT; i++) {
        const char *c = s->db_col(q, i);
        if (c && (i == F_ID || i == F_NOTES)) {
            c = s->decrypt(r, c, s->db_col_len(q, i));
            if (!c)
                return -1; /* tampered or unknown key: do not let an edit overwrite it */
        }
        cur->v[i] = c ? c : "";
    }
    *hmac = s->db_col(q, 17);
    return 0;
}

int child_edit_get(portal_req *r, const struct portal_services *s)
{
    long long id = child_id(r, s);
    struct child_form cur;
    const char *hmac;
    if (load_current(r, s, id, &cur, &hmac) != 0)
        return 500;
    /* the form holds the full ID number: an audited read */
    s->audit(r, "child.read", "child", idstr(r, s, id), "edit form (full ID number)");
    return form_page(r, s, &cur, id, 200);
}

/*
 * A child moved to another village (the county, or a township within its
 * own villages), in the transaction of the edit.  Every module scopes what
 * concerns a child by the child's current village (the workflow, living's
 * grants, volunteer's assignments, care and logs); the workflow's indexed
 * copies move with the child by the trigger children_scope_follow
 * (migration 005), in the same UPDATE.  So the old township loses it all and
 * the new one has it from this commit.  The move is on the timeline and
 * audited; a new township is told what it received.
 */
static int transfer(portal_req *r, const struct portal_services *s, long long id,
                    const char *name, const char *from, const char *to)
{
    const char *names[2][2] = {{from, ""}, {to, ""}}; /* village, township */
    for (int i = 0; i < 2; i++) {
        portal_rows *q = s->db_query(r, "SELECT v.name, COALESCE(t.name, '') FROM divisions v "
                                        "LEFT JOIN divisions t ON t.code = v.parent_code "
                                        "WHERE v.code = ?", "s", i ? to : from);
        if (!q)
            return -1;
        if (s->db_next(q)) {
            names[i][0] = s->db_col(q, 0);
            names[i][1] = s->db_col(q, 1);
        }
    }
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM wf_applications WHERE child_id = ? "
                                    "AND status IN ('open', 'returned')", "i", id);
    if (!q || !s->db_next(q))
        return -1;
    long long open = atoll(s->db_col(q, 0));
    int new_town = strncmp(from, to, 9) != 0;
    if (s->child_event(r, id, "transfer",
                  s->sprintf(r, "所属村（社区）调整：由%s%s调整为%s%s%s", names[0][1], names[0][0],
                             names[1][1], names[1][0],
                             open ? s->sprintf(r, "，%lld 件待办申请随档案转由新辖区办理", open)
                                  : "")) != 0)
        return -1;
    s->audit(r, "child.transfer", "child", idstr(r, s, id),
             s->sprintf(r, "village %s -> %s, open applications %lld", from, to, open));
    if (!new_town)
        return 0;
    char town[13];
    memcpy(town, to, 9);
    memcpy(town + 9, "000", 4);
    return registry_notice_add(r, s, town, "transfer_in", id,
                               s->sprintf(r, "转入：儿童%s（原属%s%s），现属%s，含待办申请 %lld 件。",
                                          name, names[0][1], names[0][0], names[1][0], open));
}

/* a field's value as the history shows it: labels for codes, village names,
 * the ID number masked, the sensitive notes never */
static const char *shown_value(portal_req *r, const struct portal_services *s, int i,
                               const char *v)
{
    if (!*v)
        return v;
    if (i == F_SEX || i == F_DIS_TYPE || i == F_DIS_GRADE) {
        const char *l = registry_label(i == F_SEX ? "registry.sex" : i == F_DIS_TYPE
                                       ? "registry.disability" : "registry.grade", v);
        return l ? l : v;
    }
    if (i == F_ID) {
        char *m = s->alloc(r, 19);
        s->id_number_mask(v, m);
        return m;
    }
    if (i == F_VILLAGE) {
        portal_rows *q = s->db_query(r, "SELECT CONCAT(COALESCE(t.name, ''), v.name) FROM "
                                        "divisions v LEFT JOIN divisions t ON t.code = "
                                        "v.parent_code WHERE v.code = ?", "s", v);
        return q && s->db_next(q) ? s->db_col(q, 0) : v;
    }
    return v;
}

/* what an edit changes, each field old -> new as shown_value shows it (the
 * ID number compared by its HMAC, the notes only said to have changed) */
static struct registry_diff edit_diff(portal_req *r, const struct portal_services *s,
                                      const struct child_form *cur, const struct child_form *f,
                                      const char *old_hmac)
{
    struct registry_diff d = {NULL, NULL};
    for (int i = 0; i < F_COUNT; i++) {
        const char *was = cur->v[i], *now = f->v[i];
        if (i == F_ID ? (old_hmac && f->id_hmac ? strcmp(old_hmac, f->id_hmac) == 0
                                                : !old_hmac && !f->id_hmac)
                      : strcmp(was, now) == 0)
            continue;
        if (i == F_NOTES) {
            was = *was ? "（原内容，不显示）" : "";
            now = *now ? "（新内容，不显示）" : "";
        } else {
            was = shown_value(r, s, i, was);
            now = shown_value(r, s, i, now);
        }
        registry_diff_add(r, s, &d, child_params[i].name, child_params[i].label, was, now);
    }
    return d;
}

int child_edit_post(portal_req *r, const struct portal_services *s)
{
    long long id = child_id(r, s);
    struct child_form cur, f;
    const char *old_hmac;
    if (load_current(r, s, id, &cur, &old_hmac) != 0)
        return 500;
    read_form(r, s, &f);
    int bad = validate(r, s, &f);
    if (bad < 0)
        return 500;
    if (bad > 0)
        return form_page(r, s, &f, id, 400);
    f.confirm = 1; /* name + birth date warnings are for new files */
    int dup = duplicates(r, s, &f, id);
    if (dup < 0)
        return 500;
    if (dup >= 400)
        return dup;
    if (dup > 0)
        return form_page(r, s, &f, id, 400);

    struct registry_diff d = edit_diff(r, s, &cur, &f, old_hmac);
    if (!d.text)
        return redirect_to_file(r, s, id, NULL, "没有修改任何内容。");
    const char *why = registry_reason(r, s, "reason");
    if (s->form_failed(r))
        return form_page(r, s, &f, id, 400);

    const char **v = f.v;
    if (save_child(r, s, &f, id) < 0)
        return 500;
    if (s->child_event(r, id, "updated",
                       s->sprintf(r, "修改身份信息（原因：%s）：%s", why, d.text)) != 0)
        return 500;
    s->audit(r, "child.update", "child", idstr(r, s, id), s->sprintf(r, "fields: %s", d.fields));
    if (strcmp(cur.v[F_VILLAGE], v[F_VILLAGE]) != 0 &&
        transfer(r, s, id, v[F_NAME], cur.v[F_VILLAGE], v[F_VILLAGE]) != 0)
        return 500;
    return redirect_to_file(r, s, id, NULL, "已保存修改。");
}

/* ------------------------------------------------------------ categories */

static int set_status(portal_req *r, const struct portal_services *s, long long id)
{
    return s->db_exec(r, "UPDATE children SET status = IF(EXISTS (SELECT 1 FROM "
                         "child_categories WHERE child_id = ? AND end_date IS NULL), "
                         "'active', 'exited'), updated_at = UTC_TIMESTAMP() WHERE id = ?",
                      "ii", id, id) < 0 ? -1 : 0;
}

int category_enter_post(portal_req *r, const struct portal_services *s)
{
    const struct portal_child *c = s->object(r)->data;
    const char *cat = s->param(r, "category");
    const char *basis = s->trim(r, s->param(r, "basis"));
    const char *start = s->param(r, "start_date");
    const char *label = registry_category(r, s, cat);
    if (!label)
        return s->fail(r, 400, "类别不正确，请从列表中选择。");
    if (!*basis)
        return s->fail(r, 400, "请填写认定依据。");
    if (strcmp(start, s->today(r)) > 0)
        return s->fail(r, 400, "开始日期不能晚于今天。");
    if (strcmp(start, c->birth_date) < 0)
        return s->fail(r, 400, "开始日期不能早于出生日期。");
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM child_categories WHERE child_id = ? "
                                    "AND category = ? AND end_date IS NULL", "is", c->id, cat);
    if (!q || !s->db_next(q))
        return 500;
    if (atoll(s->db_col(q, 0)) > 0)
        return s->fail(r, 400, s->sprintf(r, "该儿童已在“%s”类别中且尚未退出，不能重复进入。",
                                          label));
    /* the core writes the row, the child's status, the timeline and the audit */
    if (s->child_category(r, c->id, cat, 1, start, basis) != 0)
        return 500;
    return redirect_to_file(r, s, c->id, "#categories", s->sprintf(r, "已登记为%s。", label));
}

/* Leaving a category is the registry's own form: a row chosen by its id, a
 * reason from registry.exit and a note (child_category leaves with a basis
 * only), so it writes the row itself and the rest through the core. */
int category_exit_post(portal_req *r, const struct portal_services *s)
{
    long long id = child_id(r, s), cid = s->path_int(r, "cid");
    const char *end = s->param(r, "end_date");
    const char *reason = s->param(r, "exit_reason");
    const char *note = s->trim(r, s->param(r, "exit_note"));
    const char *rlabel = registry_label("registry.exit", reason);
    if (!rlabel)
        return s->fail(r, 400, "退出原因不正确，请从列表中选择。");
    if (strcmp(end, s->today(r)) > 0)
        return s->fail(r, 400, "退出日期不能晚于今天。");
    portal_rows *q = s->db_query(r, "SELECT category, start_date, end_date FROM child_categories "
                                    "WHERE id = ? AND child_id = ?", "ii", cid, id);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->not_found(r, "child_category", idstr(r, s, cid));
    const char *cat = s->db_col(q, 0), *start = s->db_col(q, 1);
    if (s->db_col(q, 2))
        return s->fail(r, 400, "该类别已经退出，退出记录不能修改。");
    if (strcmp(end, start) < 0)
        return s->fail(r, 400, s->sprintf(r, "退出日期不能早于开始日期（%s）。", start));
    if (s->param_int(r, "confirm", 0) != 1) {
        /* irreversible (issue 20): the file again, the reason beside the box */
        s->form_error(r, "exit_confirm", "请勾选“我已核对，确认退出此类别”：退出记录不能修改。");
        s->set(r, "ExitFailed", idstr(r, s, cid));
        return file_page(r, s, 0) == 200 ? 400 : 500;
    }
    long long n = s->db_exec(r, "UPDATE child_categories SET end_date = ?, exit_reason = ?, "
                                "exit_note = ?, exited_by = ? WHERE id = ? AND child_id = ? "
                                "AND end_date IS NULL", "sssiii", end, reason, or_null(note),
                             (long long)s->user(r)->id, cid, id);
    if (n == 0)
        return s->fail(r, 400, "该类别已经退出，退出记录不能修改。");
    const char *label = registry_category(r, s, cat);
    if (n < 0 || set_status(r, s, id) != 0 ||
        s->child_event(r, id, "category.exit",
                       s->sprintf(r, "退出类别：%s（%s，原因：%s%s%s）", label, end, rlabel,
                                  *note ? "；" : "", note)) != 0)
        return 500;
    return redirect_to_file(r, s, id, "#categories", s->sprintf(r, "已退出%s。", label));
}

/* ------------------------------------------------------------ attachments */

/* Files are typed, stripped of metadata, stored and served by the host
 * (file_store, file_send); a row of child_attachments records each one. */

/* the user's file name, for display only: the last path segment, valid
 * UTF-8 without control characters, at most ~180 bytes */
static const char *clean_filename(portal_req *r, const struct portal_services *s,
                                  const char *name, const char *ext)
{
    const char *base = name ? name : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    size_t n = strlen(base), i = 0, keep = 0;
    while (i < n) {
        unsigned char c = (unsigned char)base[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!k || i + k > n || c < 0x20 || c == 0x7F || (k == 2 && c < 0xC2))
            break;
        for (size_t j = 1; j < k; j++)
            if (((unsigned char)base[i + j] & 0xC0) != 0x80)
                k = 0;
        if (!k)
            break;
        if (i + k > 180)
            break;
        i += k;
        keep = i;
    }
    if (keep == 0 || keep != n)
        return s->sprintf(r, "附件.%s", ext);
    return base;
}

int attachment_add_post(portal_req *r, const struct portal_services *s)
{
    long long id = child_id(r, s);
    const char *kind = s->trim(r, s->param(r, "kind"));
    size_t len = 0;
    const char *filename = NULL;
    const void *data = s->upload(r, "file", &len, &filename, NULL);
    if (!*kind)
        return s->fail(r, 400, "请选择材料类型。");
    struct portal_file f;
    int st = s->file_store(r, data, len, 0, &f);
    if (st)
        return st;
    const char *shown = clean_filename(r, s, filename, f.ext);
    if (s->db_exec(r, "INSERT INTO child_attachments (child_id, kind, filename, content_type, "
                      "size, sha256, stored_name, uploaded_by, uploaded_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
                   "isssissi", id, kind, shown, f.ctype, (long long)f.len, f.sha256, f.stored,
                   (long long)s->user(r)->id) < 0)
        return 500; /* the host removes the stored file of a request that does not commit */
    long long aid = s->db_insert_id(r);
    if (s->child_event(r, id, "attachment.add", s->sprintf(r, "上传材料：%s（%s）", kind, shown)) != 0)
        return 500;
    s->audit(r, "attachment.add", "child", idstr(r, s, id),
             s->sprintf(r, "attachment %lld, %s, %zu bytes, sha256 %s", aid, f.ctype, f.len,
                        f.sha256));
    return redirect_to_file(r, s, id, "#attachments", "已上传材料。");
}

int attachment_get(portal_req *r, const struct portal_services *s)
{
    long long id = child_id(r, s), aid = s->path_int(r, "aid");
    portal_rows *q = s->db_query(r, "SELECT content_type, stored_name, size, sha256, filename "
                                    "FROM child_attachments WHERE id = ? AND child_id = ? "
                                    "AND removed_at IS NULL",
                                 "ii", aid, id);
    if (!q)
        return 500;
    if (!s->db_next(q))
        return s->not_found(r, "attachment", idstr(r, s, aid));
    int st = s->file_send(r, s->db_col(q, 1), atoll(s->db_col(q, 2)), s->db_col(q, 3),
                      s->db_col(q, 0), s->db_col(q, 4), 0);
    if (st == 200)
        s->audit(r, "attachment.read", "child", idstr(r, s, id),
                 s->sprintf(r, "attachment %lld", aid));
    return st;
}
