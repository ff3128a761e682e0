/*
 * idcard.c - GB 11643-1999 citizen ID numbers (公民身份号码): 6-digit address
 * code, 8-digit birth date, 3-digit sequence (odd = male), one check character
 * computed with ISO 7064 MOD 11-2.  One rule for every module: the services
 * id_number_check and id_number_mask (ABI 2.8).
 */
#include "idcard.h"

#include <string.h>
#include <time.h>

char idcard_check_char(const char *first17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char map[] = "10X98765432";
    if (!first17)
        return 0;
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (first17[i] < '0' || first17[i] > '9')
            return 0; /* also stops at a short string's terminator */
        sum += (first17[i] - '0') * weights[i];
    }
    return map[sum % 11];
}

static int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (p[i] - '0');
    return v;
}

int idcard_parse(const char *id, char birth[11], int *sex)
{
    if (!id || strlen(id) != 18)
        return 0;
    char check = idcard_check_char(id); /* 0 unless the first 17 are digits */
    char last = id[17] == 'x' ? 'X' : id[17];
    if (!check || check != last)
        return 0;
    int y = digits(id + 6, 4), m = digits(id + 10, 2), d = digits(id + 12, 2);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > mdays[m - 1] + (m == 2 && leap))
        return 0;
    /* not in the future, by the calendar in China (UTC+8) */
    time_t now = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    long born = (long)y * 10000 + m * 100 + d;
    long today = (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    if (born > today)
        return 0;
    if (birth) {
        memcpy(birth, id + 6, 4);
        birth[4] = '-';
        memcpy(birth + 5, id + 10, 2);
        birth[7] = '-';
        memcpy(birth + 8, id + 12, 2);
        birth[10] = 0;
    }
    if (sex)
        *sex = (id[16] - '0') % 2 ? 1 : 2;
    return 1;
}

int idcard_check(const char *id, char birth[11], int *sex)
{
    int shape = id && strlen(id) == 18;
    for (int i = 0; shape && i < 17; i++)
        shape = id[i] >= '0' && id[i] <= '9';
    if (!shape || !((id[17] >= '0' && id[17] <= '9') || id[17] == 'X'))
        return PORTAL_ID_SHAPE;
    if (idcard_check_char(id) != id[17])
        return PORTAL_ID_CHECK_CHAR;
    return idcard_parse(id, birth, sex) ? PORTAL_ID_OK : PORTAL_ID_BIRTH_DATE;
}

void idcard_mask(const char *id, char out[19])
{
    size_t n = id ? strlen(id) : 0;
    if (n != 18) {
        /* never echo something that is not an ID number in full */
        memset(out, '*', 18);
        out[18] = 0;
        return;
    }
    memcpy(out, id, 6);
    memset(out + 6, '*', 8);
    memcpy(out + 14, id + 14, 4);
    if (out[17] == 'x')
        out[17] = 'X';
    out[18] = 0;
}
