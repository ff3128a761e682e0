/*
 * screen.c - 残疾筛查: screening rounds of the children 0-6 of a township,
 * held by a health institution on a day at a place.  Results per child and
 * domain (normal / suspected) come by a fast grid of the registry's
 * children of the township, by a spreadsheet import (sheet_*), or one by
 * one for a child not in the registry (a minimal record, linked when the
 * child enters it: the same ID number).  An import is all or nothing: every
 * row is checked before the first is written.
 */
#include "rehab.h"

#include <stdlib.h>
#include <string.h>

#define GRID_MAX 300


const struct portal_param round_params[] = {
    {"org", PP_INT, 20, 1, "筛查机构"},
    {"township", PP_CODE, 12, 1, "乡镇"},
    {"day", PP_DATE, 10, 1, "筛查日期"},
    {"place", PP_TEXT, 100, 1, "筛查地点"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param grid_params[] = {
    {"village", PP_CODE, 12, 0, "村（社区）"},
    {"child", PP_INT, 20, 0, "已筛查"},
    {"d_vision", PP_INT, 20, 0, "视力"},
    {"d_hearing", PP_INT, 20, 0, "听力"},
    {"d_speech", PP_INT, 20, 0, "言语"},
    {"d_motor", PP_INT, 20, 0, "肢体运动"},
    {"d_intellectual", PP_INT, 20, 0, "智力"},
    {"d_autism", PP_INT, 20, 0, "孤独症表现"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param import_params[] = {
    {"file", PP_FILE, 0, 1, "筛查结果表"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param screenee_params[] = {
    {"name", PP_TEXT, 64, 1, "姓名"},
    {"sex", PP_CODE, 1, 1, "性别"},
    {"birth", PP_DATE, 10, 1, "出生日期"},
    {"village", PP_CODE, 12, 1, "村（社区）"},
    {"id_number", PP_CODE, 18, 0, "身份证号"},
    {"d_vision", PP_INT, 1, 0, "视力"},
    {"d_hearing", PP_INT, 1, 0, "听力"},
    {"d_speech", PP_INT, 1, 0, "言语"},
    {"d_motor", PP_INT, 1, 0, "肢体运动"},
    {"d_intellectual", PP_INT, 1, 0, "智力"},
    {"d_autism", PP_INT, 1, 0, "孤独症表现"},
    {NULL, 0, 0, 0, NULL}};

int rehab_round_of(portal_req *r, const struct portal_services *s, struct round *rd)
{
    rd->id = s->object(r)->id;
    portal_rows *q = s->db_query(r, "SELECT township_code, day FROM rehab_rounds WHERE id = ?",
                                 "i", rd->id);
    if (!q || !s->db_next(q))
        return -1;
    rd->township = s->db_col(q, 0);
    rd->day = s->db_col(q, 1);
    q = s->db_query(r, "SELECT code FROM divisions WHERE parent_code = ? AND level = 'village'",
                    "s", rd->township);
    rd->nvillages = 0;
    rd->villages = s->alloc(r, 512 * sizeof *rd->villages);
    while (q && s->db_next(q) && rd->nvillages < 512)
        rd->villages[rd->nvillages++] = s->db_col(q, 0);
    return q ? 0 : -1;
}

int round_load(portal_req *r, const struct portal_services *s, long long id,
               struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT township_code FROM rehab_rounds WHERE id = ?", "i",
                                 id);
    if (!q || !s->db_next(q))
        return 404;
    o->division = s->db_col(q, 0);
    return 0;
}

/* saves one result (a second entry for the same child replaces the first) */
int rehab_screen_save(portal_req *r, const struct portal_services *s, long long round_id,
                       const struct scr *x)
{
    int any = 0;
    for (int i = 0; i < REHAB_DOMAINS; i++)
        any |= x->d[i];
    return s->db_exec(
        r, "INSERT INTO rehab_screenings (round_id, child_id, name, sex, birth_date, "
        "village_code, id_enc, id_hmac, vision, hearing, speech, motor, intellectual, autism, "
        "suspected, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE vision = VALUES(vision), hearing = "
        "VALUES(hearing), speech = VALUES(speech), motor = VALUES(motor), intellectual = "
        "VALUES(intellectual), autism = VALUES(autism), suspected = VALUES(suspected)",
        "isssssbsiiiiiiii", round_id, x->child_id ? rehab_id(r, s, x->child_id) : NULL,
        x->name, x->sex, x->birth, x->village, x->id_enc, x->id_len, x->id_hmac,
        (long long)x->d[0], (long long)x->d[1], (long long)x->d[2], (long long)x->d[3],
        (long long)x->d[4], (long long)x->d[5], (long long)any, s->user(r)->id) < 0 ? -1 : any;
}

/* the home page: what waits for the user (with batch approval), the
 * screening rounds and the suspected children not yet referred */
int home_page(portal_req *r, const struct portal_services *s, int status)
{
    const char *sp = s->scope_prefix(r);
    if (!sp)
        return s->refuse(r, 403, "page", "rehab", "user without a division",
                         "您的账户没有辖区，无法查看。");
    if (s->db_query_hdf(r, "Rounds", "SELECT rd.id, rd.day, rd.place, rd.township_code, o.name "
                        "AS org_name, (SELECT COUNT(*) FROM rehab_screenings x WHERE x.round_id "
                        "= rd.id) AS screened, (SELECT COUNT(*) FROM rehab_screenings x WHERE "
                        "x.round_id = rd.id AND x.suspected = 1) AS suspected FROM rehab_rounds "
                        "rd JOIN orgs o ON o.id = rd.org_id WHERE rd.township_code LIKE "
                        "CONCAT(?, '%') ORDER BY rd.day DESC, rd.id DESC LIMIT 100", "s", sp) < 0 ||
        s->db_query_hdf(r, "Hospitals", "SELECT id, name, id = ? AS dflt FROM orgs WHERE kind = "
                        "'hospital' AND active = 1 ORDER BY name", "i",
                        rehab_default_hospital(r, s)) < 0 ||
        s->db_query_hdf(r, "Townships", "SELECT code, name FROM divisions WHERE level = "
                        "'township' AND code LIKE CONCAT(?, '%') ORDER BY code", "s", sp) < 0 ||
        s->db_query_hdf(r, "Unreferred", "SELECT x.id, x.name, x.child_id, x.village_code, "
                        "rd.day FROM rehab_screenings x JOIN rehab_rounds rd ON rd.id = "
                        "x.round_id WHERE x.suspected = 1 AND rd.township_code LIKE CONCAT(?, "
                        "'%') AND NOT EXISTS (SELECT 1 FROM rehab_referrals f WHERE "
                        "f.screening_id = x.id) ORDER BY rd.day, x.id LIMIT 200", "s", sp) < 0)
        return 500;
    int n = s->wf_inbox_paged(r, "Inbox", "rehab", PORTAL_INBOX_PAGE);
    if (n < 0)
        return 500;
    if (n > 0 && (s->has_perm(r, "rehab.township") || s->has_perm(r, "rehab.manage")))
        s->set(r, "InboxSelect", "batch-form");
    s->set(r, "Today", s->today(r));
    s->render(r, "home.cs", "残疾儿童康复");
    return status;
}

int home_get(portal_req *r, const struct portal_services *s) { return home_page(r, s, 200); }

int round_create_post(portal_req *r, const struct portal_services *s)
{
    long long org = s->param_int(r, "org", 0);
    const char *town = s->param(r, "township"), *day = s->param(r, "day");
    const char *place = s->trim(r, s->param(r, "place"));
    portal_rows *q = s->db_query(r, "SELECT 1 FROM divisions WHERE code = ? AND level = "
                                 "'township'", "s", town);
    if (!rehab_org_of_kind(r, s, org, "hospital"))
        return s->fail(r, 400, "请选择开展筛查的医疗卫生机构。");
    if (!q || !s->db_next(q) || !s->in_scope(r, town))
        return s->fail(r, 400, "请选择您辖区内的乡镇。");
    if (!*place)
        return s->fail(r, 400, "请填写筛查地点。");
    if (strcmp(day, s->today(r)) > 0)
        return s->fail(r, 400, "筛查日期不能晚于今天。");
    if (s->db_exec(r, "INSERT INTO rehab_rounds (org_id, township_code, day, place, created_by, "
                   "created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())", "isssi", org, town, day,
                   place, s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "rehab.round.create", "rehab_round", rehab_id(r, s, id),
             s->sprintf(r, "township=%s day=%s", town, day));
    s->flash(r, "筛查轮次已建立，请录入筛查结果。");
    return s->redirect(r, s->sprintf(r, "/rehab/rounds/%lld", id));
}

int round_get(portal_req *r, const struct portal_services *s)
{
    struct round rd;
    const char *village = s->param(r, "village");
    if (rehab_round_of(r, s, &rd) != 0 ||
        s->db_row_hdf(r, "Round", "SELECT rd.id, rd.day, rd.place, rd.township_code, o.name AS "
                      "org_name FROM rehab_rounds rd JOIN orgs o ON o.id = rd.org_id WHERE "
                      "rd.id = ?", "i", rd.id) != 1 ||
        s->db_query_hdf(r, "Villages", "SELECT code, name FROM divisions WHERE parent_code = ? "
                        "ORDER BY code", "s", rd.township) < 0 ||
        /* the registry's children 0-6 on the round's day, with their results */
        s->db_query_hdf(r, "Grid", "SELECT c.id, c.name, c.birth_date, c.village_code, x.id AS "
                        "sid, x.vision, x.hearing, x.speech, x.motor, x.intellectual, x.autism "
                        "FROM children c LEFT JOIN rehab_screenings x ON x.round_id = ? AND "
                        "x.child_id = c.id WHERE c.township_code = ? AND c.status = 'active' AND "
                        "c.birth_date > DATE_SUB(?, INTERVAL 7 YEAR) AND c.birth_date <= ? AND "
                        "(? = '' OR c.village_code = ?) ORDER BY c.village_code, c.name, c.id "
                        "LIMIT " "300", "isssss", rd.id, rd.township, rd.day, rd.day,
                        village ? village : "", village ? village : "") < 0 ||
        s->db_query_hdf(r, "Others", "SELECT id, name, sex, birth_date, village_code, child_id, "
                        "vision, hearing, speech, motor, intellectual, autism FROM "
                        "rehab_screenings WHERE round_id = ? AND (child_id IS NULL OR id_hmac IS "
                        "NOT NULL) ORDER BY id LIMIT 500", "i", rd.id) < 0 ||
        s->db_row_hdf(r, "Count", "SELECT COUNT(*) AS screened, COALESCE(SUM(suspected), 0) AS "
                      "suspected, COALESCE(SUM(child_id IS NULL), 0) AS unregistered FROM "
                      "rehab_screenings WHERE round_id = ?", "i", rd.id) < 0)
        return 500;
    s->labels_hdf(r, "Domains", "rehab.domain");
    s->set(r, "Village", village ? village : "");
    s->audit(r, "rehab.round.read", "rehab_round", rehab_id(r, s, rd.id), NULL);
    return s->render(r, "round.cs", "筛查轮次");
}

/* 1 when id is among the values of the repeated parameter name */
static int posted(portal_req *r, const struct portal_services *s, const char *name,
                  long long id)
{
    const char *v;
    for (int i = 0; (v = s->param_n(r, name, i)); i++)
        if (atoll(v) == id)
            return 1;
    return 0;
}

/* a registry child of the round's township, 0-6 on its day, as x; else -1 */
static int grid_child(portal_req *r, const struct portal_services *s, const struct round *rd,
                      long long id, struct scr *x)
{
    portal_rows *q = s->db_query(r, "SELECT name, sex, birth_date, village_code FROM children "
                                 "WHERE id = ? AND township_code = ? AND status = 'active' AND "
                                 "birth_date > DATE_SUB(?, INTERVAL 7 YEAR) AND birth_date <= ?",
                                 "isss", id, rd->township, rd->day, rd->day);
    if (!q || !s->db_next(q))
        return -1;
    memset(x, 0, sizeof *x);
    x->child_id = id;
    x->name = s->db_col(q, 0);
    x->sex = s->db_col(q, 1);
    x->birth = s->db_col(q, 2);
    x->village = s->db_col(q, 3);
    return 0;
}

int round_grid_post(portal_req *r, const struct portal_services *s)
{
    struct round rd;
    if (rehab_round_of(r, s, &rd) != 0)
        return 500;
    const char *v;
    int n = 0, suspected = 0, routed = 0;
    for (int i = 0; (v = s->param_n(r, "child", i)); i++, n++) {
        struct scr x;
        if (n >= GRID_MAX)
            return s->fail(r, 400, "一次最多提交 300 名儿童，请按村（社区）分批录入。");
        if (grid_child(r, s, &rd, atoll(v), &x) != 0)
            return s->fail(r, 400, "所选儿童不是本乡镇 0-6 岁的在册儿童，未做任何修改。");
        for (int d = 0; d < REHAB_DOMAINS; d++)
            x.d[d] = posted(r, s, s->sprintf(r, "d_%s", rehab_domains[d]), x.child_id);
        int any = rehab_screen_save(r, s, rd.id, &x);
        if (any < 0)
            return 500;
        if (any && s->child_event(r, x.child_id, "screen.suspected",
                                  s->sprintf(r, "残疾筛查（%s）：疑似残疾，待转介诊断", rd.day)) != 0)
            return 503;
        long long f = any ? rehab_route_default(r, s, x.child_id, rd.id) : 0;
        if (f < 0)
            return (int)-f;
        suspected += any;
        routed += f > 0;
    }
    if (!n)
        return s->fail(r, 400, "请勾选已筛查的儿童。");
    s->audit(r, "rehab.screen.grid", "rehab_round", rehab_id(r, s, rd.id),
             s->sprintf(r, "children=%d suspected=%d routed=%d", n, suspected, routed));
    s->flash(r, s->sprintf(r, "已保存 %d 名儿童的筛查结果，其中疑似 %d 名%s。", n, suspected,
                           routed ? s->sprintf(r, "，%d 名已自动转介默认诊断医院", routed) : ""));
    return s->redirect(r, s->sprintf(r, "/rehab/rounds/%lld", rd.id));
}

/* a village of the round's township */
static int village_ok(const struct round *rd, const char *code)
{
    for (int i = 0; code && i < rd->nvillages; i++)
        if (strcmp(rd->villages[i], code) == 0)
            return 1;
    return 0;
}

/* the child with this ID number in the registry: 1 found (x filled from the
 * registry; -1 when it lives outside the round's township), 0 none */
static int registry_match(portal_req *r, const struct portal_services *s,
                          const struct round *rd, const char *hmac, struct scr *x)
{
    portal_rows *q = s->db_query(r, "SELECT id, name, sex, birth_date, village_code, "
                                 "township_code FROM children WHERE id_hmac = ?", "s", hmac);
    if (!q || !s->db_next(q))
        return 0;
    if (strcmp(s->db_col(q, 5), rd->township) != 0)
        return -1;
    x->child_id = atoll(s->db_col(q, 0));
    x->name = s->db_col(q, 1);
    x->sex = s->db_col(q, 2);
    x->birth = s->db_col(q, 3);
    x->village = s->db_col(q, 4);
    x->id_hmac = NULL;
    x->id_enc = NULL;
    return 1;
}

/* a child not in the registry (or given by ID number): checks x's own
 * fields; NULL when they are right, else the Chinese reason */
static const char *minimal_check(portal_req *r, const struct portal_services *s,
                                 const struct round *rd, const char *id, struct scr *x)
{
    if (id && *id) {
        if (s->id_number_check(id, NULL, NULL) != PORTAL_ID_OK)
            return "身份证号不正确（应为 18 位，校验位和出生日期须正确）";
        x->id_hmac = s->hmac(r, id);
        int m = registry_match(r, s, rd, x->id_hmac, x);
        if (m < 0)
            return "该儿童在册，但不属于本轮筛查的乡镇";
        if (m > 0)
            return NULL;
        x->id_enc = s->encrypt(r, id, &x->id_len);
        if (!x->id_enc || !x->id_hmac)
            return "系统加密功能不可用";
    }
    return rehab_screen_fields(r, s, rd, x);
}

/* the fields of a child not in the registry: NULL, or why they are refused
 * (the name as the form's declared limit says: 64 characters, the column's) */
const char *rehab_screen_fields(portal_req *r, const struct portal_services *s,
                                const struct round *rd, const struct scr *x)
{
    if (!x->name || !*x->name)
        return "请填写姓名";
    if (s->text_chars(x->name) > 64)
        return "姓名最多 64 个字";
    if (!x->sex || (strcmp(x->sex, "1") != 0 && strcmp(x->sex, "2") != 0))
        return "性别须为 1（男）或 2（女）";
    if (!x->birth || s->day_parse(x->birth) == PORTAL_NO_DAY ||
        s->age_on(r, x->birth, rd->day) < 0 || s->age_on(r, x->birth, rd->day) > 6)
        return "出生日期须为 YYYY-MM-DD，且筛查时在 0-6 岁";
    if (!village_ok(rd, x->village))
        return "村（社区）代码须为本乡镇的 12 位代码";
    return NULL;
}

int round_screenee_post(portal_req *r, const struct portal_services *s)
{
    struct round rd;
    struct scr x;
    if (rehab_round_of(r, s, &rd) != 0)
        return 500;
    memset(&x, 0, sizeof x);
    x.name = s->trim(r, s->param(r, "name"));
    x.sex = s->param(r, "sex");
    x.birth = s->param(r, "birth");
    x.village = s->param(r, "village");
    for (int d = 0; d < REHAB_DOMAINS; d++)
        x.d[d] = s->param_int(r, s->sprintf(r, "d_%s", rehab_domains[d]), 0) == 1;
    const char *why = minimal_check(r, s, &rd, s->param(r, "id_number"), &x);
    if (why)
        return s->fail(r, 400, s->sprintf(r, "%s，未做任何修改。", why));
    int any = rehab_screen_save(r, s, rd.id, &x);
    if (any < 0)
        return 500;
    s->audit(r, "rehab.screen.add", "rehab_round", rehab_id(r, s, rd.id),
             s->sprintf(r, "child=%lld suspected=%d", x.child_id, any));
    s->flash(r, x.child_id ? "该儿童已在册，结果已记入其档案。" : "已登记（未入册儿童）。");
    return s->redirect(r, s->sprintf(r, "/rehab/rounds/%lld", rd.id));
}

/* minimal records whose ID number has since entered the registry */
int round_link_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id;
    long long n = s->db_exec(r, "UPDATE IGNORE rehab_screenings x JOIN children c ON c.id_hmac "
                             "= x.id_hmac SET x.child_id = c.id WHERE x.round_id = ? AND "
                             "x.child_id IS NULL", "i", id);
    if (n < 0)
        return 500;
    s->audit(r, "rehab.screen.link", "rehab_round", rehab_id(r, s, id),
             s->sprintf(r, "linked=%lld", n));
    s->flash(r, s->sprintf(r, "已关联 %lld 名入册儿童。", n));
    return s->redirect(r, s->sprintf(r, "/rehab/rounds/%lld", id));
}
