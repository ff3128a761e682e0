/*
 * indicators.c - the supervision indicators and the job that computes them.
 *
 * Each indicator is one SELECT of the cases in its denominator with a flag
 * for the numerator (supervision.h).  The job runs each for a month into the
 * summary tables: supervision_figures (the numbers per township) and
 * supervision_cases (the cases that fall short, for the lists behind a
 * number).  Pages read only those tables, never the modules' large ones.
 *
 * Speed (issue 16: a month of a county with 100,000 children and 1,000,000
 * visits in well under 10 s): the children in difficulty on the month's
 * last day are found once a month (the temporary table sv_kids, which the
 * indicators of children start from), and each indicator's SELECT runs
 * once, into the temporary table sv_rows, from which its cases and its
 * figures are both taken.  Both are MEMORY tables; sv_kids carries what
 * the indicators need of the child's row, so none probes children again;
 * the visits and the decisions are read set-wise (one pass each) rather
 * than probed per child or application.  What is left of a month's time
 * (bench: some 4 s of database CPU) is mostly the scan of the visits'
 * (child, date, kind) index and the upkeep of the cases: an index of the
 * visits by date (village) would make the first a range.
 */
#include "supervision.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* the children in difficulty on the month's last day (sv_kids, kids_fill):
 * id, township_code, need_ngo (1: a category that needs NGO service),
 * no_basis (1: an open category without its basis), since_<category> (the
 * earliest start of an open category of the four benefits; NULL none), and
 * from the child's row birth_date, id_ok (an ID number or the reason for
 * none) and cert_expiry (the disability certificate's), so the indicators
 * of children read sv_kids alone */

/* 应保尽保 for one benefit: a child holding the category (long enough for the
 * decision: since_<category>, the earliest start of the child's open
 * categories of that kind) and no living grant of that benefit paid for
 * the month */
#define COVERAGE(b)                                                                      \
    "SELECT k.id case_id, k.id child_id, k.township_code, EXISTS (SELECT 1 FROM "        \
    "living_grants g WHERE g.child_id = k.id AND g.benefit = '" b "' AND g.start_month " \
    "<= @m1 AND (g.end_month IS NULL OR g.end_month >= @m1) AND NOT EXISTS (SELECT 1 "   \
    "FROM living_suspensions u WHERE u.grant_id = g.id AND u.from_month <= @m1 AND "     \
    "(u.to_month IS NULL OR u.to_month >= @m1))) ok FROM sv_kids k WHERE k.since_" b     \
    " <= @m2 - INTERVAL @days DAY"

#define COVERAGE_DEF(name)                                                               \
    "应保尽保：分母为月末仍属" name "、且认定已满“应保尽保宽限天数”的儿童；分子为其中本月领取" \
    name "基本生活保障（未暂停）的儿童。点击数字列出应保未保的儿童。"

const struct sv_indicator sv_indicators[] = {
    {"cov_orphan", "孤儿应保尽保", "县民政局", "child", "living", "coverage_grace_days",
     COVERAGE_DEF("孤儿"), COVERAGE("orphan")},
    {"cov_dfu", "事实无人抚养应保尽保", "县民政局", "child", "living", "coverage_grace_days",
     COVERAGE_DEF("事实无人抚养儿童"), COVERAGE("de_facto_unsupported")},
    {"cov_tekun", "特困应保尽保", "县民政局", "child", "living", "coverage_grace_days",
     COVERAGE_DEF("特困儿童"), COVERAGE("tekun")},
    {"cov_dibao", "低保应保尽保", "县民政局", "child", "living", "coverage_grace_days",
     COVERAGE_DEF("低保家庭儿童"), COVERAGE("dibao")},
    {"app_timely", "申请按时办结", "县民政局", "application", "registry", NULL,
     "分母为本月作出最终决定（批准或不予批准）的申请（有总时限的申请类型）；分子为其中所用天数未超过"
     "该类型总时限的申请。公示期不计入。",
     /* decided in the month: its last decisive act is in it (one pass over
      * the acts, no probe per application) */
     "SELECT a.id case_id, a.child_id, a.township_code, a.total_used_days <= l.limit_days ok "
     "FROM wf_applications a JOIN supervision_wf_limits l ON l.module = a.module AND "
     "l.type = a.type AND l.limit_days > 0 JOIN (SELECT app_id FROM wf_actions WHERE action "
     "IN ('approve', 'reject') GROUP BY app_id HAVING MAX(at) >= @t1 AND MAX(at) < @t2) d "
     "ON d.app_id = a.id WHERE a.status IN ('approved', 'rejected')"},
    {"visit_timely", "按期走访", "乡镇人民政府", "child", "village", "visit_days",
     "分母为月末在册的困境儿童；分子为其中在月末前“走访周期天数”内有入户走访或家庭核查记录的儿童"
     "（电话回访不计）。",
     /* the children visited in the window, once, rather than a probe per
      * child through its ten visits */
     "SELECT k.id case_id, k.id child_id, k.township_code, v.child_id IS NOT NULL ok FROM "
     "sv_kids k LEFT JOIN (SELECT DISTINCT child_id FROM village_visits WHERE visit_date <= "
     "@m2 AND visit_date > @m2 - INTERVAL @days DAY AND kind <> 'phone') v ON v.child_id = k.id"},
    {"report_police", "强制报告及时报警", "县公安局", "report", "guardianship", "police_hours",
     "分母为本月登记的强制报告；分子为其中自发现起“报警时限小时数”内已告知公安机关的报告。",
     "SELECT g.id case_id, g.child_id, CONCAT(LEFT(g.division_code, 9), '000') township_code, "
     "g.police_at IS NOT NULL AND g.police_at <= g.found_at + INTERVAL @days HOUR ok "
     "FROM gd_reports g WHERE g.reported_at >= @t1 AND g.reported_at < @t2"},
    {"report_safety", "24小时内确保安全", "县民政局", "report", "guardianship", NULL,
     "分母为本月登记的强制报告；分子为其中登记后24小时内确认儿童安全的报告。",
     "SELECT g.id case_id, g.child_id, CONCAT(LEFT(g.division_code, 9), '000') township_code, "
     "g.safe_at IS NOT NULL AND g.safe_at <= g.reported_at + INTERVAL 24 HOUR ok "
     "FROM gd_reports g WHERE g.reported_at >= @t1 AND g.reported_at < @t2"},
    {"dropout_resolved", "辍学劝返办结", "县教育委员会", "dropout", "education", "dropout_days",
     "分母为本月办结的辍学案件，及截至月末已登记满“劝返办结天数”仍未办结的案件；分子为本月办结的案件。",
     "SELECT d.app_id case_id, d.child_id, c.township_code, d.closed_on IS NOT NULL AND "
     "d.closed_on <= @m2 ok FROM edu_dropouts d JOIN children c ON c.id = d.child_id "
     "WHERE (d.closed_on >= @m1 AND d.closed_on <= @m2) OR ((d.closed_on IS NULL OR "
     "d.closed_on > @m2) AND d.detected_on <= @m2 - INTERVAL @days DAY)"},
    {"screening", "0-6岁筛查覆盖", "县残疾人联合会", "child", "rehab", NULL,
     "分母为月末未满7周岁的在册困境儿童；分子为其中近12个月内参加过残疾筛查的儿童。",
     "SELECT k.id case_id, k.id child_id, k.township_code, EXISTS (SELECT 1 FROM "
     "rehab_screenings s JOIN rehab_rounds rr ON rr.id = s.round_id WHERE s.child_id = k.id "
     "AND rr.day <= @m2 AND rr.day > @m2 - INTERVAL 1 YEAR) ok FROM sv_kids k WHERE "
     "k.birth_date <= @m2 AND k.birth_date > @m2 - INTERVAL 7 YEAR"},
    {"file_complete", "档案完整", "乡镇人民政府", "child", "registry", NULL,
     "分母为月末在册的困境儿童；分子为其中有身份证号（或已注明无证原因）且已上传至少一份证明材料的档案。",
     "SELECT k.id case_id, k.id child_id, k.township_code, k.id_ok AND EXISTS (SELECT 1 FROM "
     "child_attachments a WHERE a.child_id = k.id AND a.uploaded_at < @t2) ok FROM sv_kids k"},
    {"data_quality", "数据质量", "乡镇人民政府", "child", "registry", NULL,
     "分母为月末在册的困境儿童；分子为其中没有问题的档案：每个在册类别都写明认定依据，且残疾证未过期。",
     "SELECT k.id case_id, k.id child_id, k.township_code, k.no_basis = 0 AND NOT "
     "(k.cert_expiry IS NOT NULL AND k.cert_expiry < @m2) ok FROM sv_kids k"},
    {"ngo_service", "社会组织服务覆盖", "县民政局", "child", "volunteer", "ngo_days",
     "分母为月末属孤儿、事实无人抚养或监护缺失类别的儿童（需要社会组织服务）；分子为其中在月末前"
     "“社会组织服务周期天数”内有已核实服务记录的儿童。",
     "SELECT k.id case_id, k.id child_id, k.township_code, EXISTS (SELECT 1 FROM "
     "volunteer_logs l WHERE l.child_id = k.id AND l.status = 'verified' AND l.service_date "
     "<= @m2 AND l.service_date > @m2 - INTERVAL @days DAY) ok FROM sv_kids k WHERE "
     "k.need_ngo = 1"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}};

int sv_indicator_count(void)
{
    int n = 0;
    while (sv_indicators[n].code)
        n++;
    return n;
}

const struct sv_indicator *sv_indicator_find(const char *code)
{
    for (int i = 0; code && sv_indicators[i].code; i++)
        if (strcmp(sv_indicators[i].code, code) == 0)
            return &sv_indicators[i];
    return NULL;
}

int sv_module_on(portal_req *r, const struct portal_services *s, const char *name)
{
    const struct portal_module *m;
    for (int i = 0; (m = s->module_nth(r, i)) != NULL; i++)
        if (strcmp(m->name, name) == 0)
            return 1;
    return 0;
}

/* the total limits of every enabled module's workflow types, for app_timely */
static int wf_limits_copy(portal_req *r, const struct portal_services *s)
{
    const struct portal_module *m;
    for (int i = 0; (m = s->module_nth(r, i)) != NULL; i++)
        for (const struct portal_wf_type *t = m->workflows; t && t->code; t++)
            if (s->db_exec(r, "INSERT INTO supervision_wf_limits (module, type, limit_days) "
                           "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE limit_days = VALUES("
                           "limit_days)", "ssi", m->name, t->code,
                           (long long)t->total_limit_days) < 0)
                return -1;
    return 0;
}

/* one indicator for the month set in @m1.. by month_compute: its SELECT
 * once into sv_rows, then the cases that fall short (ok = 0) and the
 * figures per township from there (ok NULL counts as met, as ever).  The
 * cases are brought up to date rather than rewritten: a night's run of a
 * month computed before changes few of them (only the new ones inserted:
 * INSERT IGNORE of a row already there costs nearly a write). */
static int indicator_compute(portal_req *r, const struct portal_services *s,
                             const struct sv_indicator *ind, const char *as_of)
{
    if (s->db_exec(r, "DELETE FROM supervision_figures WHERE month = @m1 AND indicator = ?",
                   "s", ind->code) < 0)
        return -1;
    if (!sv_module_on(r, s, ind->module))
        return s->db_exec(r, "DELETE FROM supervision_cases WHERE month = @m1 AND indicator = ?",
                          "s", ind->code) < 0 ? -1 : 0;
    long long v = ind->setting ? s->setting_int(r, ind->setting, as_of) : 0;
    if (v == PORTAL_NO_SETTING || s->db_exec(r, "SET @days = ?", "i", v) < 0)
        return -1;
    if (s->db_exec(r, "DROP TEMPORARY TABLE IF EXISTS sv_rows", "") < 0 ||
        s->db_exec(r, s->sprintf(r, "CREATE TEMPORARY TABLE sv_rows (case_id BIGINT NOT NULL, "
                                 "child_id BIGINT NULL, township_code CHAR(12) CHARACTER SET "
                                 "ascii NOT NULL, ok "
                                 "TINYINT NULL, KEY short (ok, case_id)) ENGINE=MEMORY "
                                 "SELECT x.case_id, "
                                 "x.child_id, x.township_code, x.ok FROM (%s) x", ind->sql),
                   "") < 0 ||
        s->db_exec(r, "DELETE c FROM supervision_cases c LEFT JOIN sv_rows x ON x.ok = 0 AND "
                   "x.case_id = c.case_id AND x.township_code = c.township_code WHERE c.month = "
                   "@m1 AND c.indicator = ? AND x.case_id IS NULL", "s", ind->code) < 0 ||
        s->db_exec(r, "INSERT INTO supervision_cases (month, indicator, case_id, "
                   "township_code, child_id) SELECT @m1, ?, x.case_id, x.township_code, "
                   "x.child_id FROM sv_rows x WHERE x.ok = 0 AND NOT EXISTS (SELECT 1 FROM "
                   "supervision_cases c WHERE c.month = @m1 AND c.indicator = ? AND "
                   "c.township_code = x.township_code AND c.case_id = x.case_id)", "ss",
                   ind->code, ind->code) < 0)
        return -1;
    return s->db_exec(r, "INSERT INTO supervision_figures (month, township_code, indicator, "
                      "numerator, denominator, computed_at) SELECT @m1, township_code, ?, "
                      "COUNT(*) - COALESCE(SUM(ok = 0), 0), COUNT(*), UTC_TIMESTAMP() FROM "
                      "sv_rows GROUP BY township_code", "s", ind->code) < 0 ? -1 : 0;
}

/* the children in difficulty on @m2 (an open category), once a month: the
 * indicators of children start from them */
static int kids_fill(portal_req *r, const struct portal_services *s)
{
#define SINCE(b) "MIN(IF(k.category = '" b "', k.start_date, NULL)) since_" b ", "
    return s->db_exec(r, "DROP TEMPORARY TABLE IF EXISTS sv_kids", "") < 0 ||
        s->db_exec(r, "CREATE TEMPORARY TABLE sv_kids (id BIGINT NOT NULL PRIMARY KEY, "
                   "township_code CHAR(12) CHARACTER SET ascii NOT NULL, need_ngo TINYINT "
                   "NOT NULL, no_basis "
                   "TINYINT NOT NULL, since_orphan DATE NULL, since_de_facto_unsupported DATE "
                   "NULL, since_tekun DATE NULL, since_dibao DATE NULL, birth_date DATE NULL, "
                   "id_ok TINYINT NOT NULL, cert_expiry DATE NULL) ENGINE=MEMORY SELECT c.id, "
                   "c.township_code, " SINCE("orphan") SINCE("de_facto_unsupported")
                   SINCE("tekun") SINCE("dibao") "MAX(k.category IN ('orphan', "
                   "'de_facto_unsupported', 'guardianship')) need_ngo, MAX(TRIM(k.basis) = '') "
                   "no_basis, MIN(c.birth_date) birth_date, MIN(c.id_hmac IS NOT NULL OR "
                   "TRIM(COALESCE(c.no_id_reason, '')) <> '') id_ok, MIN(c.disability_cert_expiry) "
                   "cert_expiry FROM child_categories k JOIN children c ON c.id = k.child_id WHERE "
                   "k.start_date <= @m2 AND (k.end_date IS NULL OR k.end_date > @m2) GROUP BY "
                   "c.id", "") < 0 ? -1 : 0;
#undef SINCE
}

/* one month (YYYY-MM) up to as_of (YYYY-MM-DD), recorded in supervision_months */
static int month_compute(portal_req *r, const struct portal_services *s, const char *ym,
                         const char *as_of)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long first = s->day_parse(s->sprintf(r, "%s-01", ym));
    const char *month_end = sv_month_last(r, s, ym);
    long last = month_end ? s->day_parse(month_end) : PORTAL_NO_DAY, upto = s->day_parse(as_of);
    if (first == PORTAL_NO_DAY || last == PORTAL_NO_DAY || upto == PORTAL_NO_DAY || upto < first)
        return -1;
    if (upto < last)
        last = upto;
    const char *m1 = s->day_format(r, first), *m2 = s->day_format(r, last);
    /* Beijing days as UTC times: a day starts at 16:00 UTC the day before */
    const char *t1s = s->sprintf(r, "%s 16:00:00", s->day_format(r, first - 1));
    const char *t2s = s->sprintf(r, "%s 16:00:00", m2);
    if (s->db_exec(r, "SET @m1 = CAST(? AS DATE), @m2 = CAST(? AS DATE), "
                   "@t1 = CAST(? AS DATETIME), @t2 = CAST(? AS DATETIME)", "ssss",
                   m1, m2, t1s, t2s) < 0)
        return -1;
    /* the month's working tables are MEMORY tables (no redo, no undo; their
     * township codes ascii: grouped and compared byte by byte): room for a
     * province's children in this session */
    if (s->db_exec(r, "SET SESSION max_heap_table_size = 1073741824", "") < 0 ||
        kids_fill(r, s) != 0)
        return -1;
    for (const struct sv_indicator *ind = sv_indicators; ind->code; ind++)
        if (indicator_compute(r, s, ind, m2) != 0) {
            s->log("SV0101", "supervision: indicator %s for %s failed", ind->code, ym);
            return -1;
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ms = (t1.tv_sec - t0.tv_sec) * 1000LL + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    /* the figures changed: the workers' kept dashboards are stale */
    if (s->db_exec(r, "UPDATE cache_versions SET version = version + 1 "
                   "WHERE name = 'supervision'", "") < 0)
        return -1;
    return s->db_exec(r, "INSERT INTO supervision_months (month, as_of, computed_at, seconds_ms) "
                      "VALUES (?, ?, UTC_TIMESTAMP(), ?) ON DUPLICATE KEY UPDATE as_of = "
                      "VALUES(as_of), computed_at = VALUES(computed_at), seconds_ms = "
                      "VALUES(seconds_ms)", "ssi", m1, m2, ms) < 0 ? -1 : 0;
}

/* the month n months before ym (YYYY-MM) */
static const char *month_before(portal_req *r, const struct portal_services *s, const char *ym,
                                int n)
{
    int y = 0, m = 0;
    if (sscanf(ym, "%4d-%2d", &y, &m) != 2)
        return NULL;
    int k = y * 12 + (m - 1) - n;
    return s->sprintf(r, "%04d-%02d", k / 12, k % 12 + 1);
}

static int month_known(portal_req *r, const struct portal_services *s, const char *ym)
{
    portal_rows *q = s->db_query(r, "SELECT 1 FROM supervision_months WHERE month = ?", "s",
                                 s->sprintf(r, "%s-01", ym));
    return q && s->db_next(q);
}

int indicators_job(portal_req *r, const struct portal_services *s)
{
    /* the working copies (CREATE ... SELECT from the categories, children
     * and applications) lock none of the rows the clerks write meanwhile */
    s->db_reads_committed(r);
    const char *today = s->today(r);
    const char *now = s->sprintf(r, "%.7s", today);
    if (wf_limits_copy(r, s) != 0)
        return -1;
    int done = 0;
    for (int n = 12; n >= 0; n--) {
        const char *ym = month_before(r, s, now, n);
        if (!ym || (n > 1 && month_known(r, s, ym)))
            continue;
        if (month_compute(r, s, ym, today) != 0 || s->db_commit_now(r) != 0)
            return -1;
        done++;
    }
    if (s->db_exec(r, "DROP TEMPORARY TABLE IF EXISTS sv_kids, sv_rows", "") < 0)
        return -1;
    s->audit(r, "supervision.indicators", "supervision_month", now,
             s->sprintf(r, "months=%d", done));
    return 0;
}
