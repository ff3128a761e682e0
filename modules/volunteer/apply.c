/*
 * apply.c - an organisation applies to work with the county (自行申请).
 *
 * A public form (no account needed: the organisation has none yet) takes
 * its registration details, contacts, service areas and service types and
 * records them as a pending organisation, exactly as if civil affairs had
 * registered it, marked as self-applied; county staff then approve or end it
 * on /volunteer/orgs and the security administrator creates its accounts.
 * The form shows nothing of the portal's data beyond the township names.
 * Anonymous posts are throttled: at most APPLY_PER_IP applications a rolling
 * hour from one address (counted in the audit log, which records it), at
 * most APPLY_PER_HOUR for the whole site, and one per registration number.
 * Each application is audited.
 */
#include "volunteer.h"

#include <stdlib.h>
#include <string.h>

#define APPLY_PER_HOUR 100
#define APPLY_PER_IP 3

const struct portal_param apply_params[] = {
    {"name", PP_TEXT, 128, 1, "组织名称"},
    {"reg_no", PP_CODE, 18, 1, "统一社会信用代码"},
    {"contact_name", PP_TEXT, 64, 1, "联系人"},
    {"contact_phone", PP_CODE, 32, 1, "联系电话"},
    {"area", PP_CODE, 12, 1, "服务区域"},  /* one per township ticked */
    {"service_types", PP_TEXT, 200, 0, "服务类型"},
    {NULL, 0, 0, 0, NULL}};

int apply_form_get(portal_req *r, const struct portal_services *s)
{
    if (s->db_query_hdf(r, "Townships",
                        "SELECT code, name FROM divisions WHERE level = 'township' AND "
                        "(valid_to IS NULL OR valid_to >= ?) ORDER BY code",
                        "s", s->today(r)) < 0)
        return 500;
    vol_set_types(r, s);
    return s->render(r, "apply_form.cs", "社会组织申请参与");
}

/* GB 32100-2015 统一社会信用代码: 18 characters, the last a check
 * character over the first 17 (weights 3^i mod 31, alphabet without I O Z S V) */
static int uscc_ok(const char *c)
{
    static const char alpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    if (strlen(c) != 18)
        return 0;
    int sum = 0, w = 1;
    for (int i = 0; i < 17; i++) {
        const char *p = strchr(alpha, c[i]);
        if (!p || !c[i])
            return 0;
        sum += (int)(p - alpha) * w;
        w = w * 3 % 31;
    }
    int check = (31 - sum % 31) % 31;
    return c[17] == alpha[check];
}

int apply_create_post(portal_req *r, const struct portal_services *s)
{
    const char *name = s->param(r, "name"), *reg = s->param(r, "reg_no");
    const char *cname = s->param(r, "contact_name"), *cphone = s->param(r, "contact_phone");
    const char *types = s->param(r, "service_types");
    if (!uscc_ok(reg))
        return s->fail(r, 400, "统一社会信用代码应为 18 位（数字和大写字母），请核对后重新填写。");
    if (strspn(cphone, "0123456789-") != strlen(cphone) || strlen(cphone) < 7)
        return s->fail(r, 400, "联系电话只能包含数字和“-”。");
    const char *codes[64];
    int n = 0;
    for (const char *a; n < 64 && (a = s->param_n(r, "area", n)) != NULL; n++) {
        portal_rows *q = s->db_query(r, "SELECT code FROM divisions WHERE code = ? AND "
                                        "level = 'township' AND (valid_to IS NULL OR "
                                        "valid_to >= ?)", "ss", a, s->today(r));
        if (!q)
            return 500;
        if (!s->db_next(q))
            return s->fail(r, 400, "服务区域应为本县现有的乡镇（街道）。");
        codes[n] = a;
    }
    if (n == 0)
        return s->fail(r, 400, "请至少选择一个服务乡镇（街道）。");
    if (s->db_begin(r) != 0)
        return 500;
    /* the throttle: counted under a lock so parallel posts cannot pass it */
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM volunteer_orgs WHERE self_applied = 1 "
                                    "AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR FOR UPDATE",
                                 "");
    if (!q || !s->db_next(q))
        goto fail;
    if (atoi(s->db_col(q, 0)) >= APPLY_PER_HOUR) {
        s->db_rollback(r);
        return s->refuse(r, 429, "page", "volunteer.apply", "self-applications over the hourly limit",
                         "近期申请较多，请一小时后再提交，或直接联系县民政局。");
    }
    q = s->db_query(r, "SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.org.apply' AND "
                       "ip = ? AND at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "s", s->client_ip(r));
    if (!q || !s->db_next(q))
        goto fail;
    if (atoi(s->db_col(q, 0)) >= APPLY_PER_IP) {
        s->db_rollback(r);
        return s->refuse(r, 429, "page", "volunteer.apply", "self-applications from one address over the hourly limit",
                         "同一网络一小时内最多提交 3 份申请，请稍后再试，或直接联系县民政局。");
    }
    const char *code = s->sprintf(r, "ngo_%s", reg);
    q = s->db_query(r, "SELECT (SELECT COUNT(*) FROM orgs WHERE code = ?) + (SELECT COUNT(*) "
                       "FROM volunteer_orgs WHERE reg_no = ?)", "ss", code, reg);
    if (!q || !s->db_next(q))
        goto fail;
    if (strcmp(s->db_col(q, 0), "0") != 0) {
        s->db_rollback(r);
        return s->fail(r, 409, "该统一社会信用代码的组织已申请或已登记，请联系县民政局查询进度。");
    }
    if (s->db_exec(r, "INSERT INTO orgs (code, name, kind, division_code) VALUES (?, ?, 'ngo', "
                      "(SELECT code FROM divisions WHERE level = 'county' ORDER BY code LIMIT 1))",
                   "ss", code, name) != 1)
        goto fail;
    long long org_id = s->db_insert_id(r);
    if (s->db_exec(r, "INSERT INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, "
                      "service_types, status, self_applied, created_at, created_by) VALUES "
                      "(?, ?, ?, ?, ?, 'pending', 1, UTC_TIMESTAMP(), 0)",
                   "issss", org_id, reg, cname, cphone, types ? types : "") != 1)
        goto fail;
    long long vid = s->db_insert_id(r);
    for (int i = 0; i < n; i++)
        if (s->db_exec(r, "INSERT IGNORE INTO volunteer_org_areas (vorg_id, township_code) "
                          "VALUES (?, ?)", "is", vid, codes[i]) < 0)
            goto fail;
    if (s->db_exec(r, "INSERT INTO volunteer_org_events (vorg_id, at, effective_date, user_id, "
                      "status, reason) VALUES (?, UTC_TIMESTAMP(), ?, 0, 'pending', "
                      "'组织自行申请')", "is", vid, s->today(r)) != 1)
        goto fail;
    s->audit(r, "volunteer.org.apply", "volunteer_org", s->sprintf(r, "%lld", vid),
             s->sprintf(r, "reg_no=%s areas=%d", reg, n));
    if (s->db_commit(r) != 0)
        goto fail;
    s->set(r, "Applied.name", name);
    s->set(r, "Applied.reg_no", reg);
    return s->render(r, "apply_create.cs", "申请已提交");
fail:
    s->db_rollback(r);
    return 500;
}
