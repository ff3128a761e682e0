/*
 * seed.c - `portalctl seed --children N`: realistic synthetic children for
 * demos and benchmarks.  NOT real people: names are drawn from surname and
 * given-name lists, ID numbers are generated (valid check character, the
 * Youyang address code 500242) and stored as the portal stores them:
 * AES-256-GCM + HMAC, masked, last four.
 *
 * Speed: the rows of 500 children (and their families, categories and
 * events) go in one INSERT ... SELECT per table and batch, the rows bound as
 * ONE value - a JSON array read by JSON_TABLE - through the core's db_exec
 * (its varargs could not carry thousands of values one by one), one
 * transaction per batch.  Foreign-key and unique checks stay on.
 *
 * Uniqueness of ID numbers: the birth date and the 3-digit sequence come
 * from a counter: block q of the counter uses the sequence pair 2q+1 (male)
 * / 2q+2 (female), and within a block every day of the 18-year window once.
 * The first block is past the highest sequence already in the registry
 * (MAX(id_last4) - an index lookup), so running the seed again adds N more
 * children with new numbers.
 */
#include "seed.h"
#include "crypto.h"
#include "dates.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 500      /* children per transaction and per INSERT of children */

/* ------------------------------------------------------------ randomness */

static unsigned long long rng_state = 0x9E3779B97F4A7C15ULL;

static unsigned long long rnd(void)
{
    unsigned long long x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static int rnd_n(int n) { return (int)((rnd() >> 33) % (unsigned long long)n); }
static int chance(int percent) { return rnd_n(100) < percent; }

struct weighted {
    const char *v;
    int w;
};

static const char *pick(const struct weighted *t, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++)
        total += t[i].w;
    int x = rnd_n(total);
    for (size_t i = 0; i < n; i++) {
        if (x < t[i].w)
            return t[i].v;
        x -= t[i].w;
    }
    return t[0].v;
}
#define PICK(t) pick(t, sizeof t / sizeof *t)

static const char *pick_s(const char *const *t, size_t n) { return t[rnd_n((int)n)]; }
#define PICKS(t) pick_s(t, sizeof t / sizeof *t)

/* ------------------------------------------------------------ name lists */

/* common surnames, with the Tujia and Miao surnames frequent in Youyang
 * (冉 田 彭 向 白 石 龙 麻 滕 覃 舒) weighted up */
static const struct weighted surnames[] = {
    {"冉", 60}, {"田", 60}, {"杨", 55}, {"彭", 50}, {"李", 45}, {"王", 45}, {"张", 45},
    {"白", 40}, {"石", 40}, {"向", 40}, {"何", 35}, {"陈", 35}, {"刘", 35}, {"龙", 30},
    {"黄", 28}, {"吴", 28}, {"罗", 25}, {"周", 25}, {"舒", 20}, {"滕", 18}, {"麻", 18},
    {"覃", 16}, {"赵", 15}, {"谢", 15}, {"徐", 14}, {"任", 14}, {"冯", 12}, {"邓", 12},
    {"汪", 12}, {"姚", 12}, {"余", 12}, {"熊", 12}, {"唐", 12}, {"胡", 12}, {"朱", 10},
    {"简", 8},  {"庞", 8},  {"甘", 7},  {"姜", 7},  {"秦", 7},  {"宋", 7},  {"孙", 7},
    {"付", 7},  {"蒲", 6},  {"梁", 6},  {"钟", 6},  {"郑", 6},  {"高", 6},  {"马", 6},
    {"侯", 5},  {"杜", 5},  {"晏", 4},  {"代", 4},  {"喻", 4},  {"邹", 4},
};
static const char *const boy_chars[] = {
    "浩", "宇", "轩", "子", "俊", "杰", "明", "磊", "鑫", "博", "文", "睿", "泽", "强", "伟",
    "晨", "鹏", "阳", "勇", "涛", "航", "凯", "豪", "诚", "林", "然", "翔", "宏", "志", "辰",
    "毅", "峰", "天", "奕", "嘉", "铭", "瑞", "宸", "昊", "洋", "锐", "成", "坤", "恒", "亮"};
static const char *const girl_chars[] = {
    "欣", "怡", "雨", "婷", "思", "梦", "佳", "琪", "悦", "雪", "丽", "静", "娜", "芳", "萱",
    "可", "馨", "妍", "晓", "雅", "瑶", "颖", "倩", "玲", "璐", "蕾", "诗", "若", "彤", "紫",
    "慧", "涵", "沁", "语", "桐", "菲", "艳", "露", "月", "兰", "春", "霞", "媛", "琳", "依"};
static const char *const father_chars[] = {"军", "华", "平", "勇", "强", "明", "国", "建", "林",
                                           "海", "兵", "波", "斌", "刚", "志", "伟", "春", "生",
                                           "江", "成", "德", "文", "云", "福"};
static const char *const mother_chars[] = {"英", "芳", "琴", "燕", "梅", "霞", "兰", "红",
                                           "丽", "萍", "敏", "群", "娟", "秀", "花", "莲",
                                           "玉", "凤", "菊", "翠", "容", "珍"};
static const struct weighted ethnicities[] = {
    {"土家族", 58}, {"苗族", 18}, {"汉族", 22}, {"侗族", 1}, {"仡佬族", 1}};

static void gen_given(char *out, size_t cap, const char *const *pool, size_t n, int two)
{
    snprintf(out, cap, "%s%s", pool[rnd_n((int)n)], two ? pool[rnd_n((int)n)] : "");
}

/* ------------------------------------------------------------ categories */

enum cat { ORPHAN, DEFACTO, TEKUN, DIBAO, ILL, GUARD, TEMP, NCAT };
static const char *const cat_code[NCAT] = {"orphan", "de_facto_unsupported", "tekun", "dibao",
                                           "ill_disabled", "guardianship", "temporary"};
static const int cat_weight[NCAT] = {5, 12, 5, 45, 15, 8, 10};
static const char *const cat_basis[NCAT][3] = {
    {"父母死亡证明、县民政局孤儿认定批复", "法院宣告失踪判决书、死亡证明", "父母死亡证明"},
    {"父亲服刑证明、母亲失联六个月以上情况说明", "父母重残证明（残疾证一级）", "母亲死亡证明、父亲强制隔离戒毒决定书"},
    {"乡镇调查核实报告、特困供养审批表", "特困人员认定审批表", "乡镇入户调查报告"},
    {"低保审批表（县民政局）", "城乡低保审批通知书", "低保证"},
    {"残疾人证（二级）", "县人民医院诊断证明（重病）", "残疾人证（一级）"},
    {"派出所出警记录、乡镇报告", "法院撤销监护资格判决书", "强制报告线索核实记录"},
    {"乡镇调查报告（家庭遭受洪灾）", "乡镇调查报告（家庭成员意外受伤）", "乡镇调查报告（房屋火灾）"}};

static enum cat pick_cat(void)
{
    int x = rnd_n(100);
    for (int i = 0; i < NCAT; i++) {
        if (x < cat_weight[i])
            return (enum cat)i;
        x -= cat_weight[i];
    }
    return DIBAO;
}

/* ---------------------------------------------------------- bulk insert */

/* a table's rows for one batch: a JSON array of rows (each an array of
 * values, in the order of the statement's JSON_TABLE columns), inserted by
 * one statement at the batch's end (children first: the other tables refer
 * to them) */
struct table {
    const char *sql;    /* INSERT ... SELECT ... FROM JSON_TABLE(?, ...) */
    buf json;
    int rows, cells;    /* cells: of the current row */
};

static void table_init(struct table *t, const char *sql)
{
    t->sql = sql;
    buf_init(&t->json);
    t->rows = t->cells = 0;
}

/* call before adding a row's values */
static void row_begin(struct table *t)
{
    buf_adds(&t->json, t->rows ? "],[" : "[[");
    t->rows++;
    t->cells = 0;
}

static void sep(struct table *t)
{
    if (t->cells++)
        buf_addc(&t->json, ',');
}

/* a string (NULL: SQL NULL), escaped for JSON */
static void js(struct table *t, const char *s)
{
    sep(t);
    if (!s) {
        buf_adds(&t->json, "null");
        return;
    }
    buf_addc(&t->json, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_printf(&t->json, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            buf_printf(&t->json, "\\u%04x", (unsigned char)*s);
        else
            buf_addc(&t->json, *s);
    }
    buf_addc(&t->json, '"');
}

static void ji(struct table *t, long long v)
{
    sep(t);
    buf_printf(&t->json, "%lld", v);
}

/* bytes as hex (the statement UNHEXes them) */
static void jb(struct table *t, const void *p, size_t n)
{
    static const char hx[] = "0123456789ABCDEF";
    sep(t);
    buf_addc(&t->json, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = ((const unsigned char *)p)[i];
        buf_addc(&t->json, hx[c >> 4]);
        buf_addc(&t->json, hx[c & 15]);
    }
    buf_addc(&t->json, '"');
}

static int table_flush(arena *a, struct table *t)
{
    if (!t->rows)
        return 0;
    buf_adds(&t->json, "]]");
    long long n = db_exec(a, t->sql, "s", t->json.data);
    if (n != t->rows)
        fprintf(stderr, "portalctl: seed: insert failed (%lld of %d rows): %s\n", n, t->rows,
                db_error());
    int rc = n == t->rows ? 0 : -1;
    buf_reset(&t->json);
    t->rows = 0;
    return rc;
}

/* ------------------------------------------------------------ the seed */

struct village {
    char code[13], township[13], name[130], tname[70];
    int weight;
};

#define JT(cols) "FROM JSON_TABLE(?, '$[*]' COLUMNS (" cols ")) AS j"
static const char *const CHILD_SQL =
    "INSERT INTO children (id, name, sex, birth_date, ethnicity, id_enc, id_hmac, id_masked, "
    "id_last4, hukou, address, township_code, village_code, school, school_grade, health, "
    "disability_type, disability_grade, placement, status, created_at, created_by, updated_at) "
    "SELECT id, name, sex, birth_date, ethnicity, UNHEX(id_enc), id_hmac, id_masked, id_last4, "
    "hukou, address, township_code, village_code, school, school_grade, health, "
    "disability_type, disability_grade, placement, status, UTC_TIMESTAMP(), created_by, "
    "UTC_TIMESTAMP() "
    JT("id BIGINT PATH '$[0]', name VARCHAR(255) PATH '$[1]', sex INT PATH '$[2]', "
       "birth_date DATE PATH '$[3]', ethnicity VARCHAR(255) PATH '$[4]', "
       "id_enc VARCHAR(4000) PATH '$[5]', id_hmac VARCHAR(255) PATH '$[6]', "
       "id_masked VARCHAR(255) PATH '$[7]', id_last4 VARCHAR(255) PATH '$[8]', "
       "hukou VARCHAR(1000) PATH '$[9]', address VARCHAR(1000) PATH '$[10]', "
       "township_code VARCHAR(255) PATH '$[11]', village_code VARCHAR(255) PATH '$[12]', "
       "school VARCHAR(1000) PATH '$[13]', school_grade VARCHAR(255) PATH '$[14]', "
       "health VARCHAR(1000) PATH '$[15]', disability_type VARCHAR(255) PATH '$[16]', "
       "disability_grade INT PATH '$[17]', placement VARCHAR(255) PATH '$[18]', "
       "status VARCHAR(255) PATH '$[19]', created_by BIGINT PATH '$[20]'");
static const char *const FAMILY_SQL =
    "INSERT INTO child_family (child_id, relation, name, situation, is_guardian, phone, note) "
    "SELECT child_id, relation, name, situation, is_guardian, phone, note "
    JT("child_id BIGINT PATH '$[0]', relation VARCHAR(255) PATH '$[1]', "
       "name VARCHAR(255) PATH '$[2]', situation VARCHAR(255) PATH '$[3]', "
       "is_guardian INT PATH '$[4]', phone VARCHAR(255) PATH '$[5]', "
       "note VARCHAR(1000) PATH '$[6]'");
static const char *const CAT_SQL =
    "INSERT INTO child_categories (child_id, category, basis, start_date, end_date, "
    "exit_reason, exit_note, entered_by, exited_by) "
    "SELECT child_id, category, basis, start_date, end_date, exit_reason, exit_note, "
    "entered_by, exited_by "
    JT("child_id BIGINT PATH '$[0]', category VARCHAR(255) PATH '$[1]', "
       "basis VARCHAR(1000) PATH '$[2]', start_date DATE PATH '$[3]', "
       "end_date DATE PATH '$[4]', exit_reason VARCHAR(255) PATH '$[5]', "
       "exit_note VARCHAR(1000) PATH '$[6]', entered_by BIGINT PATH '$[7]', "
       "exited_by BIGINT PATH '$[8]'");
static const char *const EVENT_SQL =
    "INSERT INTO child_events (child_id, at, user_id, kind, summary) "
    "SELECT child_id, UTC_TIMESTAMP(), user_id, kind, summary "
    JT("child_id BIGINT PATH '$[0]', user_id BIGINT PATH '$[1]', kind VARCHAR(255) PATH '$[2]', "
       "summary VARCHAR(1000) PATH '$[3]'");

static long today_days(void)
{
    long fixed = day_parse(config_get("clock_today", NULL));
    if (fixed != PORTAL_NO_DAY)
        return fixed;
    time_t t = time(NULL) + 8 * 3600;   /* the day in China, as the portal's today */
    struct tm tm;
    gmtime_r(&t, &tm);
    return day_from_civil(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
}

static const char *school_of(arena *a, int age, const char *tname, int *grade_out)
{
    (void)grade_out;
    if (age < 3)
        return "";
    if (age < 6)
        return arena_sprintf(a, "%s中心幼儿园", tname);
    if (age < 12)
        return arena_sprintf(a, "%s中心小学", tname);
    if (age < 15)
        return arena_sprintf(a, "%s初级中学", tname);
    return chance(60) ? "酉阳第一中学校" : "酉阳职业教育中心";
}

static const char *grade_of(arena *a, int age)
{
    static const char *const g[] = {"一", "二", "三", "四", "五", "六"};
    if (age < 3)
        return "";
    if (age < 6)
        return age == 3 ? "小班" : age == 4 ? "中班" : "大班";
    if (age < 12)
        return arena_sprintf(a, "%s年级", g[age - 6]);
    if (age < 15)
        return arena_sprintf(a, "初%s", g[age - 12]);
    return arena_sprintf(a, "高%s", g[age - 15 < 3 ? age - 15 : 2]);
}

static const char *phone(arena *a)
{
    static const char *const pre[] = {"133", "135", "136", "138", "139", "150", "151", "152",
                                      "157", "158", "177", "178", "182", "183", "187", "189",
                                      "191", "199"};
    return arena_sprintf(a, "%s%04d%04d", PICKS(pre), rnd_n(10000), rnd_n(10000));
}

int seed_children(arena *a, long n)
{
    if (n <= 0 || n > 3000000) {
        fprintf(stderr, "portalctl: seed --children N: N from 1 to 3000000\n");
        return -1;
    }
    char err[512];
    const char *kf = config_get("key_file", NULL);
    if (!kf || crypto_load(kf, err, sizeof err) != 0) {
        fprintf(stderr, "portalctl: seed: %s\n", kf ? err : "no key_file in the configuration");
        return -1;
    }
    double t0 = now_mono();

    /* villages, each with a weight (some villages are bigger) */
    db_rows *vr = db_query(a, "SELECT v.code, v.parent_code, v.name, t.name FROM divisions v "
                              "JOIN divisions t ON t.code = v.parent_code WHERE v.level = "
                              "'village' AND v.synthetic = 1 ORDER BY v.code", "");
    if (!vr || vr->nrows == 0) {
        fprintf(stderr, "portalctl: seed: no synthetic villages (run seed-demo): %s\n",
                vr ? "" : db_error());
        return -1;
    }
    struct village *vs = arena_zalloc(a, vr->nrows * sizeof *vs);
    int nv = 0, wtotal = 0;
    unsigned long long h = 1469598103934665603ULL;
    while (db_next(vr)) {
        struct village *v = &vs[nv++];
        snprintf(v->code, sizeof v->code, "%s", db_col(vr, 0));
        snprintf(v->township, sizeof v->township, "%s", db_col(vr, 1));
        snprintf(v->name, sizeof v->name, "%s", db_col(vr, 2));
        snprintf(v->tname, sizeof v->tname, "%s", db_col(vr, 3));
        for (const char *p = v->code; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        v->weight = 2 + (int)(h % 5); /* 2..6: a stable, uneven spread */
        wtotal += v->weight;
    }
    db_rows *q = db_query(a, "SELECT (SELECT COALESCE(MAX(id), 0) FROM children), "
                             "(SELECT MAX(id_last4) FROM children), "
                             "(SELECT id FROM users WHERE username = 'admin'), "
                             "(SELECT COALESCE(MIN(id), 0) FROM users)", "");
    if (!q || !db_next(q)) {
        fprintf(stderr, "portalctl: seed: %s (is the registry module migrated?)\n", db_error());
        return -1;
    }
    long long next_id = atoll(db_col(q, 0)) + 1;
    /* the sequence is the first 3 of the last 4 (the 4th may be X) */
    const char *ml4 = db_col(q, 1);
    int maxseq = 0;
    if (ml4 && strlen(ml4) == 4)
        for (int j = 0; j < 3; j++)
            maxseq = maxseq * 10 + (ml4[j] >= '0' && ml4[j] <= '9' ? ml4[j] - '0' : 9);
    long long uid = db_col(q, 2) ? atoll(db_col(q, 2)) : atoll(db_col(q, 3));
    long block0 = (maxseq + 1) / 2;  /* pairs 2q+1 / 2q+2 above maxseq */

    long today = today_days(), ty;
    unsigned tm_, td;
    day_civil(today, &ty, &tm_, &td);
    /* the window: born after today-18 years, up to today */
    long first = day_from_civil(ty - 18, tm_, td == 29 && tm_ == 2 ? 28 : td) + 1;
    long ndays = today - first + 1;
    long capacity = (499 - block0) * ndays;
    if (capacity < n) {
        fprintf(stderr, "portalctl: seed: ID sequence space used up (%ld more possible)\n",
                capacity > 0 ? capacity : 0);
        return -1;
    }
    /* a step coprime with ndays spreads consecutive counters over the window */
    long step = 7919;
    while (ndays % step == 0)
        step += 2;
    rng_state ^= (unsigned long long)next_id * 0x9E3779B97F4A7C15ULL;
    if (!rng_state)
        rng_state = 1;

    struct table tc, tf, tk, te;
    table_init(&tc, CHILD_SQL);
    table_init(&tf, FAMILY_SQL);
    table_init(&tk, CAT_SQL);
    table_init(&te, EVENT_SQL);
    arena *b = arena_new(1 << 20);
    long done = 0, exited = 0, two = 0, fam = 0;
    int rc = 0;

    for (long i = 0; i < n && rc == 0; i++) {
        long k = i;
        long block = block0 + k / ndays;
        long dayn = first + (long)(((long long)(k % ndays) * step) % ndays);
        int sex = chance(52) ? 1 : 2;
        int seq = (int)(2 * block + (sex == 1 ? 1 : 2));
        char birth[11], id[19];
        day_format(dayn, birth);
        memcpy(id, "500242", 6);
        memcpy(id + 6, birth, 4);
        memcpy(id + 10, birth + 5, 2);
        memcpy(id + 12, birth + 8, 2);
        id[14] = (char)('0' + seq / 100 % 10);
        id[15] = (char)('0' + seq / 10 % 10);
        id[16] = (char)('0' + seq % 10);
        id[17] = 0;
        /* the check character (GB 11643, ISO 7064 MOD 11-2) */
        {
            static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
            int sum = 0;
            for (int j = 0; j < 17; j++)
                sum += (id[j] - '0') * w[j];
            id[17] = "10X98765432"[sum % 11];
            id[18] = 0;
        }
        int age = day_age(dayn, today);

        /* the village, weighted */
        int x = rnd_n(wtotal);
        struct village *v = vs;
        for (int j = 0; j < nv; j++) {
            if (x < vs[j].weight) {
                v = &vs[j];
                break;
            }
            x -= vs[j].weight;
        }
        const char *sur = PICK(surnames);
        char given[16];
        if (sex == 1)
            gen_given(given, sizeof given, boy_chars, sizeof boy_chars / sizeof *boy_chars,
                      chance(75));
        else
            gen_given(given, sizeof given, girl_chars, sizeof girl_chars / sizeof *girl_chars,
                      chance(75));
        const char *name = arena_sprintf(b, "%s%s", sur, given);

        /* categories */
        enum cat c1 = pick_cat(), c2 = NCAT;
        if (chance(10)) {
            /* a second, compatible category: mostly a poor family plus illness */
            static const enum cat seconds[] = {ILL, DIBAO, TEMP, GUARD};
            c2 = seconds[rnd_n(4)];
            if (c2 == c1)
                c2 = c1 == DIBAO ? ILL : DIBAO;
            two++;
        }
        int is_exited = chance(8);
        long bornday = dayn;
        long start1 = bornday + rnd_n((int)(today - bornday + 1));
        if (today - start1 > 5 * 365)
            start1 = today - rnd_n(5 * 365);
        if (start1 < bornday)
            start1 = bornday;
        char s1[11], e1[11];
        day_format(start1, s1);
        long endd = start1 + (today > start1 ? rnd_n((int)(today - start1) + 1) : 0);
        day_format(endd, e1);

        /* ID number: as the portal stores it */
        size_t enclen = 0;
        unsigned char *enc = crypto_encrypt(b, id, 18, &enclen);
        char *mac = arena_alloc(b, 65), *masked = arena_alloc(b, 19);
        if (!enc || crypto_hmac_hex(id, mac) != 0) {
            fprintf(stderr, "portalctl: seed: encryption failed\n");
            rc = -1;
            break;
        }
        memcpy(masked, id, 6);
        memset(masked + 6, '*', 8);
        memcpy(masked + 14, id + 14, 5);

        const char *health = "", *dtype = NULL;
        long long dgrade = 0;
        if (c1 == ILL || c2 == ILL) {
            static const char *const types[] = {"physical", "intellectual", "hearing", "visual",
                                                "speech", "mental", "multiple"};
            if (chance(70)) {
                dtype = PICKS(types);
                dgrade = 1 + rnd_n(2);
                health = "持残疾人证，需长期康复训练";
            } else {
                static const char *const ill[] = {"先天性心脏病，术后复查中", "白血病，化疗中",
                                                  "肾病综合征，长期服药", "脑瘫，康复训练中",
                                                  "癫痫，长期服药"};
                health = PICKS(ill);
            }
        }
        const char *placement = (c1 == ORPHAN || c1 == DEFACTO || c1 == GUARD) ?
                                    (chance(85) ? "亲属抚养" : "家庭寄养") : "";

        long long cid = next_id + i;
        struct table *B = &tc;
        row_begin(B);
        ji(B, cid);
        js(B, name);
        ji(B, sex);
        js(B, arena_strdup(b, birth));
        js(B, PICK(ethnicities));
        jb(B, enc, enclen);
        js(B, mac);
        js(B, masked);
        js(B, masked + 14);
        /* the synthetic village names already start with the township's */
        js(B, arena_sprintf(b, "重庆市酉阳县%s", v->name));
        js(B, arena_sprintf(b, "%s%d组", v->name, 1 + rnd_n(12)));
        js(B, v->township);
        js(B, v->code);
        js(B, school_of(b, age, v->tname, NULL));
        js(B, grade_of(b, age));
        js(B, health);
        js(B, dtype);
        if (dtype)
            ji(B, dgrade);
        else
            js(B, NULL);
        js(B, placement);
        js(B, is_exited ? "exited" : "active");
        ji(B, uid);

        /* categories rows */
        enum cat cs[2] = {c1, c2};
        for (int j = 0; j < 2 && rc == 0; j++) {
            if (cs[j] == NCAT)
                continue;
            B = &tk;
            row_begin(B);
            ji(B, cid);
            js(B, cat_code[cs[j]]);
            js(B, cat_basis[cs[j]][rnd_n(3)]);
            js(B, arena_strdup(b, s1));
            if (is_exited) {
                static const char *const reasons[NCAT] = {"adopted", "released", "ineligible",
                                                          "ineligible", "ineligible", "released",
                                                          "ineligible"};
                static const char *const notes[NCAT] = {"被收养", "父亲刑满释放，恢复抚养",
                                                        "家庭收入好转", "家庭收入超过低保标准",
                                                        "病情好转", "监护人恢复履行监护职责",
                                                        "困难情形已消除"};
                const char *reason = chance(15) ? "moved" : reasons[cs[j]];
                js(B, arena_strdup(b, e1));
                js(B, reason);
                js(B, strcmp(reason, "moved") == 0 ? "迁出本县" : notes[cs[j]]);
                ji(B, uid);
                ji(B, uid);
            } else {
                js(B, NULL);
                js(B, NULL);
                js(B, NULL);
                ji(B, uid);
                js(B, NULL);
            }
        }

        /* family: situations consistent with the main category */
        const char *fsit = "normal", *msit = "normal";
        int guardian = 0; /* 0 father, 1 mother, 2 grandparent */
        switch (c1) {
        case ORPHAN:
            fsit = "dead";
            msit = chance(80) ? "dead" : "missing";
            guardian = 2;
            break;
        case DEFACTO: {
            static const char *const f[] = {"imprisoned", "dead", "missing", "disabled",
                                            "drug_treatment"};
            static const char *const m[] = {"missing", "disabled", "ill", "dead"};
            fsit = PICKS(f);
            msit = PICKS(m);
            if (strcmp(fsit, "dead") == 0 && strcmp(msit, "dead") == 0)
                msit = "missing";
            guardian = 2;
            break;
        }
        case TEKUN:
            fsit = "dead";
            msit = chance(50) ? "missing" : "disabled";
            guardian = 2;
            break;
        case GUARD: {
            static const char *const f[] = {"imprisoned", "drug_treatment", "revoked", "normal"};
            fsit = PICKS(f);
            msit = chance(60) ? "missing" : "working_away";
            guardian = 2;
            break;
        }
        case ILL:
        case DIBAO:
        case TEMP:
        default: {
            static const struct weighted f[] = {{"normal", 40}, {"working_away", 25},
                                                {"ill", 10}, {"disabled", 10}, {"dead", 5}};
            static const struct weighted m[] = {{"normal", 50}, {"working_away", 20},
                                                {"ill", 10}, {"disabled", 8}, {"missing", 7}};
            fsit = PICK(f);
            msit = PICK(m);
            guardian = strcmp(msit, "normal") == 0 ? 1 : strcmp(fsit, "normal") == 0 ? 0 : 2;
            break;
        }
        }
        int nfam = 1 + rnd_n(3);
        if (guardian == 2 && nfam < 3)
            nfam = 3; /* both parents and the grandparent who cares */
        if (guardian == 1 && nfam < 2)
            nfam = 2;
        const char *fname = arena_sprintf(b, "%s%s%s", sur, PICKS(father_chars),
                                          chance(50) ? PICKS(father_chars) : "");
        const char *mname = arena_sprintf(b, "%s%s%s", PICK(surnames), PICKS(mother_chars),
                                          chance(50) ? PICKS(mother_chars) : "");
        for (int j = 0; j < nfam && rc == 0; j++) {
            B = &tf;
            row_begin(B);
            const char *rel, *fn, *sit, *note = "";
            int g = guardian == j;
            if (j == 0) {
                rel = "父亲"; fn = fname; sit = fsit;
            } else if (j == 1) {
                rel = "母亲"; fn = mname; sit = msit;
            } else if (chance(60)) {
                rel = "祖母";
                fn = arena_sprintf(b, "%s%s", PICK(surnames), PICKS(mother_chars));
                sit = "normal";
                note = "与儿童共同居住";
            } else {
                rel = "祖父";
                fn = arena_sprintf(b, "%s%s", sur, PICKS(father_chars));
                sit = "normal";
                note = "与儿童共同居住";
            }
            if (strcmp(sit, "working_away") == 0)
                note = "在外务工";
            ji(B, cid);
            js(B, rel);
            js(B, fn);
            js(B, sit);
            ji(B, g);
            js(B, g ? phone(b) : "");
            js(B, note);
            fam++;
        }
        if (rc)
            break;

        B = &te;
        row_begin(B);
        ji(B, cid);
        ji(B, uid);
        js(B, "created");
        js(B, "建档（演示数据）");
        if (is_exited)
            exited++;

        /* one transaction per batch of children */
        if ((i + 1) % BATCH == 0 || i + 1 == n) {
            if (db_begin() != 0 || table_flush(b, &tc) || table_flush(b, &tk) ||
                table_flush(b, &tf) || table_flush(b, &te) || db_commit() != 0) {
                fprintf(stderr, "portalctl: seed: %s\n", db_error());
                db_rollback();
                rc = -1;
                break;
            }
            done = i + 1;
            arena_reset(b);
        }
    }
    /* fresh statistics, so the list's plans are right at once */
    if (rc == 0 && !db_query(a, "ANALYZE TABLE children, child_categories, child_family", ""))
        fprintf(stderr, "portalctl: seed: ANALYZE TABLE failed: %s\n", db_error());
    arena_free(b);
    buf_free(&tc.json);
    buf_free(&tf.json);
    buf_free(&tk.json);
    buf_free(&te.json);
    double secs = now_mono() - t0;
    if (rc == 0)
        printf("seeded %ld children (%ld family members, %ld with two categories, %ld exited) in "
           "%.1f seconds\n", done, fam, two, exited, secs);
    if (rc != 0) {
        fprintf(stderr, "portalctl: seed stopped after %ld children (committed batches kept)\n",
                done);
        return -1;
    }
    return 0;
}
