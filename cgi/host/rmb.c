/*
 * rmb.c - 人民币大写 (rmb.h).  The integer part is read in groups of four
 * digits (个, 万, 亿, 万亿); a run of zeros inside the number is one 零, none
 * at the end of a group (壹拾万柒仟元); a ten is always 壹拾 (壹拾陆元, as cheques write
 * it).  元 is followed by 整 when there are no 角 and 分; 零 stands where
 * the 元 digit or the 角 is zero before a non-zero 角 or 分.
 */
#include "rmb.h"

#include <string.h>

static const char *const DIGIT[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
static const char *const UNIT[] = {"", "拾", "佰", "仟"};
static const char *const GROUP[] = {"", "万", "亿", "万亿"};

struct out {
    char *p;
    size_t n, len;
    int full;
};

static void put(struct out *o, const char *s)
{
    size_t l = strlen(s);
    if (o->full || o->len + l + 1 > o->n) {
        o->full = 1;
        return;
    }
    memcpy(o->p + o->len, s, l + 1);
    o->len += l;
}

/* the whole yuan, at most 16 digits */
static void yuan_upper(struct out *o, unsigned long long yuan)
{
    char d[24];
    int nd = 0;
    for (; yuan; yuan /= 10)
        d[nd++] = (char)(yuan % 10);
    int zero = 0, group_has = 0;
    for (int i = nd - 1; i >= 0; i--) {
        if (d[i] == 0) {
            zero = 1;
        } else {
            if (zero)
                put(o, DIGIT[0]);
            zero = 0;
            group_has = 1;
            put(o, DIGIT[(int)d[i]]);
            put(o, UNIT[i % 4]);
        }
        /* zeros that end a group are absorbed by its unit (壹拾万柒仟); a
         * whole group of zeros is one 零 with the zeros around it */
        if (i % 4 == 0 && i > 0) {
            if (group_has) {
                put(o, GROUP[i / 4]);
                zero = 0;
            }
            group_has = 0;
        }
    }
}

int rmb_upper(long long fen, char *out, size_t n)
{
    if (!out || n == 0)
        return -1;
    struct out o = {out, n, 0, 0};
    out[0] = 0;
    unsigned long long v = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
    unsigned long long yuan = v / 100;
    int jiao = (int)(v / 10 % 10), cent = (int)(v % 10);
    if (fen < 0)
        put(&o, "负");
    if (yuan > 9999999999999999ULL) {
        out[0] = 0;
        return -1;
    }
    if (yuan > 0) {
        yuan_upper(&o, yuan);
        put(&o, "元");
    }
    if (jiao == 0 && cent == 0) {
        put(&o, yuan > 0 ? "整" : "零元整");
    } else {
        if (yuan > 0 && (jiao == 0 || yuan % 10 == 0))
            put(&o, DIGIT[0]);
        if (jiao > 0) {
            put(&o, DIGIT[jiao]);
            put(&o, "角");
        }
        if (cent > 0) {
            put(&o, DIGIT[cent]);
            put(&o, "分");
        } else {
            put(&o, "整");
        }
    }
    if (o.full) {
        out[0] = 0;
        return -1;
    }
    return 0;
}
