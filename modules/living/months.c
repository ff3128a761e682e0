/*
 * months.c - 基本生活保障's months: the first of a month typed or of today,
 * and the ledger batch a month was generated in (pay.c generates it,
 * grants.c suspends and stops against it).
 */
#include "living.h"

#include <stdlib.h>
#include <string.h>

const char *living_month_first(portal_req *r, const struct portal_services *s, const char *ym)
{
    return ym && s->month_check(ym) == 0 ? s->sprintf(r, "%s-01", ym) : NULL;
}

const char *living_this_month(portal_req *r, const struct portal_services *s)
{
    return s->sprintf(r, "%.7s-01", s->today(r));
}

long long living_month_batch(portal_req *r, const struct portal_services *s, const char *month,
                             const char **status)
{
    portal_rows *q = s->db_query(r, "SELECT lm.batch_id, b.status FROM living_ledger_months lm "
                                    "JOIN pay_batches b ON b.id = lm.batch_id WHERE lm.month = ?",
                                 "s", month);
    if (!q)
        return -1;
    if (!s->db_next(q))
        return 0;
    if (status)
        *status = s->col(q, "status");
    return atoll(s->col(q, "batch_id"));
}

int living_batch_open(const char *status)
{
    return status && (strcmp(status, "draft") == 0 || strcmp(status, "reviewed") == 0);
}
