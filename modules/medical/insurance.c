/*
 * insurance.c - 慈善保险: accident and critical-illness insurance bought
 * for children with charity money.  A policy (insurer, kind, period,
 * premium per child, who funds it: a donor or a charity project); the
 * children it insures, added by category (every child of the user's scope
 * holding it today), from a spreadsheet (儿童编号 or 公民身份号码 column),
 * or one by hand; claims under the policy with their outcome and amount.
 * Policies belong to the county that bought them (scope by division).
 */
#include "medical.h"

#include <stdlib.h>
#include <string.h>

const struct portal_param policy_params[] = {
    {"insurer", PP_TEXT, 100, 0, "保险公司"},
    {"kind", PP_CODE, 16, 0, "险种"},
    {"policy_no", PP_TEXT, 64, 0, "保单号"},
    {"start_date", PP_DATE, 10, 0, "保险起期"},
    {"end_date", PP_DATE, 10, 0, "保险止期"},
    {"premium", PP_TEXT, 16, 0, "每人保费"},
    {"funded_by", PP_TEXT, 200, 0, "资金来源"},
    {"project", PP_INT, 20, 0, "慈善项目"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param insured_params[] = {
    {"mode", PP_CODE, 16, 1, "方式"},
    {"category", PP_CODE, 32, 0, "类别"},
    {"child", PP_INT, 20, 0, "儿童编号"},
    {"file", PP_FILE, 0, 0, "名单文件"},
    {NULL, 0, 0, 0, NULL}};

const struct portal_param claim_params[] = {
    {"child", PP_INT, 20, 0, "儿童编号"},
    {"event_date", PP_DATE, 10, 0, "出险日期"},
    {"description", PP_TEXT, 500, 0, "出险经过"},
    {"claimed", PP_TEXT, 16, 0, "申请理赔金额"},
    {"outcome", PP_CODE, 16, 0, "理赔结果"},
    {"paid", PP_TEXT, 16, 0, "赔付金额"},
    {"note", PP_TEXT, 200, 0, "说明"},
    {NULL, 0, 0, 0, NULL}};

int policy_load(portal_req *r, const struct portal_services *s, long long id,
                struct portal_object *o)
{
    portal_rows *q = s->db_query(r, "SELECT division_code FROM medical_policies WHERE id = ?",
                                 "i", id);
    if (!q || !s->db_next(q))
        return 404;
    o->division = s->sprintf(r, "%s", s->db_col(q, 0));
    return 0;
}

/* 1 when the volunteer module (its charity projects) is enabled */
static int projects_on(portal_req *r, const struct portal_services *s)
{
    const struct portal_module *m;
    for (int i = 0; (m = s->module_nth(r, i)); i++)
        if (strcmp(m->name, "volunteer") == 0)
            return 1;
    return 0;
}

/* the charity project chosen (0 none) and its name into *name; -1 when it
 * is not a project of the volunteer module */
static long long policy_project(portal_req *r, const struct portal_services *s,
                                const char **name)
{
    long long id = s->param_int(r, "project", 0);
    if (id <= 0)
        return 0;
    portal_rows *q = projects_on(r, s) ? s->db_query(r, "SELECT name FROM volunteer_projects "
                                                     "WHERE id = ?", "i", id) : NULL;
    if (!q || !s->db_next(q))
        return -1;
    *name = s->db_col(q, 0);
    return id;
}

int policy_list_get(portal_req *r, const struct portal_services *s)
{
    if (projects_on(r, s) &&
        s->db_query_hdf(r, "Projects", "SELECT id, name FROM volunteer_projects WHERE end_date "
                        ">= ? ORDER BY name, id LIMIT 500", "s", s->today(r)) < 0)
        return 500;
    const char *scope = s->scope_prefix(r);
    if (!scope)
        return s->refuse(r, 403, "page", "medical.policies", "no division", NULL);
    if (s->db_query_hdf(r, "Policies", "SELECT p.*, (SELECT COUNT(*) FROM "
                        "medical_policy_children k WHERE k.policy_id = p.id) AS n_children, "
                        "(SELECT COUNT(*) FROM medical_claims m WHERE m.policy_id = p.id) AS "
                        "n_claims FROM medical_policies p WHERE p.division_code LIKE CONCAT(?, "
                        "'%') ORDER BY p.end_date DESC, p.id DESC LIMIT 200", "s", scope) < 0)
        return 500;
    s->labels_hdf(r, "Kinds", "medical.policy_kind");
    return s->render(r, "policies.cs", "慈善保险");
}

int policy_create_post(portal_req *r, const struct portal_services *s)
{
    const char *insurer = s->trim(r, s->param(r, "insurer")), *kind = s->param(r, "kind");
    const char *no = s->trim(r, s->param(r, "policy_no"));
    const char *funded = s->trim(r, s->param(r, "funded_by"));
    const char *from = s->param(r, "start_date"), *to = s->param(r, "end_date");
    long long fen = medical_fen_field(r, s, "premium", "每人保费");
    if (!*insurer)
        s->form_error(r, "insurer", "请填写保险公司。");
    if (!medical_is_label("medical.policy_kind", kind))
        s->form_error(r, "kind", "请选择险种：意外伤害保险或重大疾病保险。");
    if (!*no)
        s->form_error(r, "policy_no", "请填写保单号。");
    if (!from || !*from || !to || !*to || strcmp(to, from) < 0)
        s->form_error(r, "end_date", "请填写保险期间（止期不早于起期）。");
    if (fen <= 0 && !s->form_failed(r))
        s->form_error(r, "premium", "每人保费须大于 0。");
    const char *pname = NULL;
    long long project = policy_project(r, s, &pname);
    if (project < 0)
        s->form_error(r, "project", "所选慈善项目不存在。");
    if (!*funded && pname)
        funded = pname;
    if (!*funded)
        s->form_error(r, "funded_by", "请填写资金来源（捐赠方或慈善项目）。");
    if (s->form_failed(r)) {
        policy_list_get(r, s);
        return 400;
    }
    if (s->db_exec(r, "INSERT INTO medical_policies (insurer, kind, policy_no, start_date, "
                   "end_date, premium_fen, funded_by, project_id, division_code, created_by, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, "
                   "UTC_TIMESTAMP())", "sssssisisi", insurer, kind, no, from, to, fen, funded,
                   project, s->user(r)->division, s->user(r)->id) != 1)
        return 500;
    long long id = s->db_insert_id(r);
    s->audit(r, "medical.policy.create", "medical_policy", s->sprintf(r, "%lld", id),
             s->sprintf(r, "%s %s %s..%s", kind, no, from, to));
    s->flash(r, "已登记保单。");
    return s->redirect(r, s->sprintf(r, "/medical/policies/%lld", id));
}

static int policy_page(portal_req *r, const struct portal_services *s, int status)
{
    long long id = s->object(r)->id;
    if (s->db_row_hdf(r, "Policy", "SELECT * FROM medical_policies WHERE id = ?", "i", id) != 1 ||
        s->db_query_hdf(r, "Insured", "SELECT c.id, c.name, c.birth_date, c.village_code, "
                        "k.added_how FROM medical_policy_children k JOIN children c ON c.id = "
                        "k.child_id WHERE k.policy_id = ? ORDER BY c.township_code, c.name, c.id "
                        "LIMIT 500", "i", id) < 0 ||
        s->db_row_hdf(r, "Count", "SELECT COUNT(*) AS n FROM medical_policy_children WHERE "
                      "policy_id = ?", "i", id) < 0 ||
        s->db_query_hdf(r, "Claims", "SELECT m.*, c.name AS child_name FROM medical_claims m "
                        "JOIN children c ON c.id = m.child_id WHERE m.policy_id = ? ORDER BY "
                        "m.id DESC", "i", id) < 0)
        return 500;
    s->labels_hdf(r, "Categories", "core.category");
    s->labels_hdf(r, "Outcomes", "medical.claim_outcome");
    s->set(r, "Today", s->today(r));
    s->audit(r, "medical.policy.read", "medical_policy", s->sprintf(r, "%lld", id), NULL);
    s->render(r, "policy.cs", "慈善保险：保单");
    return status;
}

int policy_get(portal_req *r, const struct portal_services *s) { return policy_page(r, s, 200); }

/* every child of the user's scope holding `category` today: the number added */
static long long add_by_category(portal_req *r, const struct portal_services *s, long long id,
                                 const char *category)
{
    const char *a1, *a2, *cond = s->scope_sql(r, "c", &a1, &a2), *today = s->today(r);
    if (!cond)
        return -1;
    return s->db_exec(r, s->sprintf(r, "INSERT IGNORE INTO medical_policy_children (policy_id, "
                      "child_id, added_how, added_by, added_at) SELECT ?, c.id, 'category', ?, "
                      "UTC_TIMESTAMP() FROM children c WHERE c.status = 'active' AND EXISTS ("
                      "SELECT 1 FROM child_categories k WHERE k.child_id = c.id AND k.category = "
                      "? AND k.start_date <= ? AND (k.end_date IS NULL OR k.end_date >= ?)) AND %s",
                      cond), "iisssss", id, s->user(r)->id, category, today, today, a1, a2);
}

/* the child of a spreadsheet row: by 儿童编号, else by 公民身份号码 (its
 * keyed hash); in scope; 0 when none */
static long long import_child(portal_req *r, const struct portal_services *s, const char *num,
                              const char *idn)
{
    long long id = atoll(num);
    if (id <= 0 && *idn) {
        portal_rows *q = s->db_query(r, "SELECT id FROM children WHERE id_hmac = ?", "s",
                                     s->hmac(r, idn));
        id = q && s->db_next(q) ? atoll(s->db_col(q, 0)) : 0;
    }
    return id > 0 && s->child(r, id) ? id : 0;
}

/* the spreadsheet checked whole, then added: the number added, or -1 with
 * *err the refusal (NULL: an error) */
static long long add_by_import(portal_req *r, const struct portal_services *s, long long id,
                               const char **err)
{
    size_t len = 0;
    const char *data = s->upload(r, "file", &len, NULL, NULL), **cells;
    portal_sheet *sh = s->sheet_open(r, data ? data : "", data ? len : 0);
    int n = s->sheet_next(sh, &cells), cnum = -1, cidn = -1;
    for (int i = 0; i < n; i++)
        cnum = strcmp(cells[i], "儿童编号") == 0 ? i : cnum,
        cidn = strcmp(cells[i], "公民身份号码") == 0 ? i : cidn;
    if (n <= 0 || (cnum < 0 && cidn < 0))
        return *err = n < 0 ? s->sheet_error(sh)
                            : "文件第一行须为表头，含“儿童编号”或“公民身份号码”列。", -1;
    long long *kids = s->alloc(r, 200001 * sizeof *kids), k = 0, added = 0;
    while ((n = s->sheet_next(sh, &cells)) > 0) {
        kids[k] = import_child(r, s, cnum >= 0 && cnum < n ? cells[cnum] : "",
                               s->trim(r, cidn >= 0 && cidn < n ? cells[cidn] : ""));
        if (!kids[k++])
            return *err = s->sprintf(r, "第 %ld 行：找不到该儿童（或不在您的辖区），名单未导入。",
                                     s->sheet_row(sh)), -1;
    }
    if (n < 0)
        return *err = s->sheet_error(sh), -1;
    for (long long i = 0; i < k; i++) {
        long long rc = s->db_exec(r, "INSERT IGNORE INTO medical_policy_children (policy_id, "
                                  "child_id, added_how, added_by, added_at) VALUES (?, ?, "
                                  "'import', ?, UTC_TIMESTAMP())", "iii", id, kids[i],
                                  s->user(r)->id);
        if (rc < 0)
            return *err = NULL, -1;
        added += rc;
    }
    return added;
}

int policy_children_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, n = 0, child = s->param_int(r, "child", 0);
    const char *mode = s->param(r, "mode"), *cat = s->param(r, "category");
    if (strcmp(mode, "category") == 0) {
        if (!medical_category_known(cat))
            return s->fail(r, 400, "请选择儿童类别。");
        n = add_by_category(r, s, id, cat);
    } else if (strcmp(mode, "hand") == 0) {
        if (child <= 0 || !s->child(r, child))
            return s->not_found(r, "child", s->sprintf(r, "%lld", child));
        n = s->db_exec(r, "INSERT IGNORE INTO medical_policy_children (policy_id, child_id, "
                       "added_how, added_by, added_at) VALUES (?, ?, 'hand', ?, UTC_TIMESTAMP())",
                       "iii", id, child, s->user(r)->id);
    } else if (strcmp(mode, "import") == 0) {
        const char *err = NULL;
        if ((n = add_by_import(r, s, id, &err)) < 0)
            return err ? s->fail(r, 400, err) : 500;
    } else {
        return s->fail(r, 400, "方式不正确。");
    }
    if (n < 0)
        return 500;
    s->audit(r, "medical.policy.insure", "medical_policy", s->sprintf(r, "%lld", id),
             s->sprintf(r, "mode=%s added=%lld", mode, n));
    s->flash(r, s->sprintf(r, "新增参保儿童 %lld 人。", n));
    return s->redirect(r, s->sprintf(r, "/medical/policies/%lld", id));
}

/* the claim's child: insured under the policy; its date within the
 * policy's period; 0 after form_error */
static long long claim_child(portal_req *r, const struct portal_services *s, long long policy)
{
    long long child = s->param_int(r, "child", 0);
    const char *day = s->param(r, "event_date");
    portal_rows *q = s->db_query(r, "SELECT p.start_date, p.end_date FROM medical_policy_children "
                                 "k JOIN medical_policies p ON p.id = k.policy_id WHERE "
                                 "k.policy_id = ? AND k.child_id = ?", "ii", policy, child);
    if (!q || !s->db_next(q)) {
        s->form_error(r, "child", "该儿童不在本保单的参保名单中。");
        return 0;
    }
    if (!day || !*day || strcmp(day, s->col(q, "start_date")) < 0 ||
        strcmp(day, s->col(q, "end_date")) > 0 || strcmp(day, s->today(r)) > 0) {
        s->form_error(r, "event_date", "出险日期须在保险期间内，且不晚于今天。");
        return 0;
    }
    return child;
}

int claim_create_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, child = claim_child(r, s, id);
    long long fen = medical_fen_field(r, s, "claimed", "申请理赔金额");
    const char *desc = s->trim(r, s->param(r, "description"));
    if (fen == 0)
        s->form_error(r, "claimed", "申请理赔金额须大于 0。");
    if (!*desc)
        s->form_error(r, "description", "请填写出险经过。");
    if (s->form_failed(r))
        return policy_page(r, s, 400);
    if (s->db_exec(r, "INSERT INTO medical_claims (policy_id, child_id, event_date, description, "
                   "claimed_fen, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                   "UTC_TIMESTAMP())", "iissii", id, child, s->param(r, "event_date"), desc, fen,
                   s->user(r)->id) != 1)
        return 500;
    long long cid = s->db_insert_id(r);
    if (s->child_event(r, child, "insurance.claim", s->sprintf(r, "保险理赔 #%lld：申请 %s 元",
                       cid, s->fen_to_yuan(r, fen))) != 0)
        return 500;
    s->flash(r, "已登记理赔申请。");
    return s->redirect(r, s->sprintf(r, "/medical/policies/%lld", id));
}

int claim_outcome_post(portal_req *r, const struct portal_services *s)
{
    long long id = s->object(r)->id, cid = s->path_int(r, "cid");
    const char *outcome = s->param(r, "outcome"), *note = s->trim(r, s->param(r, "note"));
    long long fen = medical_fen_field(r, s, "paid", "赔付金额");
    portal_rows *q = s->db_query(r, "SELECT child_id, claimed_fen FROM medical_claims WHERE id = "
                                 "? AND policy_id = ? AND outcome = 'pending' FOR UPDATE", "ii",
                                 cid, id);
    if (!q || !s->db_next(q))
        return s->fail(r, 409, "理赔记录不存在或已有结果。");
    int paid = outcome && strcmp(outcome, "paid") == 0;
    if (!paid && !(outcome && strcmp(outcome, "rejected") == 0))
        s->form_error(r, "outcome", "请选择理赔结果：已赔付或拒赔。");
    else if (paid && (fen <= 0 || fen > atoll(s->col(q, "claimed_fen"))))
        s->form_error(r, "paid", "赔付金额须大于 0，且不超过申请金额。");
    else if (!paid && !*note)
        s->form_error(r, "note", "拒赔须写明原因。");
    if (s->form_failed(r))
        return policy_page(r, s, 400);
    long long child = atoll(s->col(q, "child_id"));
    if (s->db_exec(r, "UPDATE medical_claims SET outcome = ?, paid_fen = ?, outcome_note = ?, "
                   "decided_by = ?, decided_at = UTC_TIMESTAMP() WHERE id = ?", "sisii", outcome,
                   paid ? fen : 0, note, s->user(r)->id, cid) != 1 ||
        s->child_event(r, child, "insurance.outcome", s->sprintf(r, "保险理赔 #%lld：%s%s", cid,
                       paid ? "已赔付 " : "拒赔：", paid ? s->fen_to_yuan(r, fen) : note)) != 0)
        return 500;
    s->flash(r, "已登记理赔结果。");
    return s->redirect(r, s->sprintf(r, "/medical/policies/%lld", id));
}
