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
    if (s->divisions_hdf(r, "Townships", "township", NULL, NULL) < 0)
        return 500;
    s->labels_hdf(r, "Types", "volunteer.service_type");
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

/* the townships ticked, each a current one: 0, or the status answered */
static int apply_areas(portal_req *r, const struct portal_services *s, const char **codes,
                       int *n)
{
    *n = 0;
    for (const char *a; *n < 64 && (a = s->param_n(r, "area", *n)) != NULL; (*n)++) {
        portal_rows *q = s->db_query(r, "SELECT code FROM divisions WHERE code = ? AND "
                                        "level = 'township' AND (valid_to IS NULL OR "
                                        "valid_to >= ?)", "ss", a, s->today(r));
        if (!q)
            return 500;
        if (!s->db_next(q))
            return s->fail(r, 400, "服务区域应为本县现有的乡镇（街道）。");
        codes[*n] = a;
    }
    return *n ? 0 : s->fail(r, 400, "请至少选择一个服务乡镇（街道）。");
}

/* the throttle, counted under a lock so parallel posts cannot pass it: 0,
 * or the refusal answered */
static int apply_throttle(portal_req *r, const struct portal_services *s)
{
    portal_rows *q = s->db_query(r, "SELECT COUNT(*) FROM volunteer_orgs WHERE self_applied = 1 "
                                    "AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR FOR UPDATE",
                                 "");
    if (!q || !s->db_next(q))
        return 500;
    if (atoi(s->db_col(q, 0)) >= APPLY_PER_HOUR)
        return s->refuse(r, 429, "page", "volunteer.apply", "self-applications over the hourly limit",
                         "近期申请较多，请一小时后再提交，或直接联系县民政局。");
    q = s->db_query(r, "SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.org.apply' AND "
                       "ip = ? AND at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "s", s->client_ip(r));
    if (!q || !s->db_next(q))
        return 500;
    if (atoi(s->db_col(q, 0)) >= APPLY_PER_IP)
        return s->refuse(r, 429, "page", "volunteer.apply", "self-applications from one address over the hourly limit",
                         "同一网络一小时内最多提交 3 份申请，请稍后再试，或直接联系县民政局。");
    return 0;
}

int apply_create_post(portal_req *r, const struct portal_services *s)
{
    struct vol_new_org o = {.name = s->param(r, "name"), .reg_no = s->param(r, "reg_no"),
                            .contact_name = s->param(r, "contact_name"),
                            .contact_phone = s->param(r, "contact_phone"),
                            .service_types = s->param(r, "service_types"),
                            .self_applied = 1, .reason = "组织自行申请"};
    if (!uscc_ok(o.reg_no))
        return s->fail(r, 400, "统一社会信用代码应为 18 位（数字和大写字母），请核对后重新填写。");
    if (strspn(o.contact_phone, "0123456789-") != strlen(o.contact_phone) ||
        strlen(o.contact_phone) < 7)
        return s->fail(r, 400, "联系电话只能包含数字和“-”。");
    const char *codes[64];
    int st = apply_areas(r, s, codes, &o.ntownships);
    if (st)
        return st;
    o.townships = codes;
    if ((st = apply_throttle(r, s)) != 0)
        return st;
    o.code = s->sprintf(r, "ngo_%s", o.reg_no);
    portal_rows *q = s->db_query(r, "SELECT (SELECT COUNT(*) FROM orgs WHERE code = ?) + (SELECT "
                                    "COUNT(*) FROM volunteer_orgs WHERE reg_no = ?)",
                                 "ss", o.code, o.reg_no);
    if (!q || !s->db_next(q))
        return 500;
    if (strcmp(s->db_col(q, 0), "0") != 0)
        return s->fail(r, 409, "该统一社会信用代码的组织已申请或已登记，请联系县民政局查询进度。");
    long long vid = vol_org_insert(r, s, &o);
    if (vid < 0)
        return 500;
    s->audit(r, "volunteer.org.apply", "volunteer_org", s->sprintf(r, "%lld", vid),
             s->sprintf(r, "reg_no=%s areas=%d", o.reg_no, o.ntownships));
    s->set(r, "Applied.name", o.name);
    s->set(r, "Applied.reg_no", o.reg_no);
    return s->render(r, "apply_create.cs", "申请已提交");
}
