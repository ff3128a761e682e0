/* supervision - 督查考核 (issue 16): what the module's files share. */
#ifndef SUPERVISION_H
#define SUPERVISION_H

#include "portal_module.h"

/*
 * An indicator: numerator out of denominator per township and month.  `sql`
 * is a SELECT of the cases counted in the denominator with the columns
 * case_id, child_id (NULL: none), township_code and ok (1: counted in the
 * numerator too).  It reads the month from user variables the job sets
 * first: @m1 (the month's first day), @m2 (its last day counted: the month's
 * last, or today for the month running), @t1 and @t2 (the month as UTC
 * DATETIMEs, Beijing days), @days, @hours and @text (the indicator's own
 * setting, see `setting`).
 */
struct sv_indicator {
    const char *code;       /* [a-z_]{1,24}: its weight is the setting weight_<code> */
    const char *title;      /* Chinese, short: a column heading */
    const char *dept;       /* the county department it concerns (Chinese) */
    const char *cases;      /* what the cases are: child application report dropout */
    const char *module;     /* the module whose tables it reads; skipped when disabled */
    const char *setting;    /* the setting read into @days/@hours/@text; NULL none */
    const char *definition; /* Chinese: shown beside it */
    const char *sql;
};

extern const struct sv_indicator sv_indicators[];
int sv_indicator_count(void);
const struct sv_indicator *sv_indicator_find(const char *code);

/* the job: computes the month running, the month before and any of the
 * last twelve not yet computed (struct portal_job's run) */
int indicators_job(portal_req *r, const struct portal_services *s);

/* 1 when the module `name` is enabled (its tables may be read) */
int sv_module_on(portal_req *r, const struct portal_services *s, const char *name);
/* the viewer's township (its code) when the viewer is a township's staff,
 * "" for the county's, NULL for anyone else (refused) */
const char *sv_viewer_township(portal_req *r, const struct portal_services *s);
/* a month from the parameter "month" when it is one the job has computed,
 * else the latest computed (NULL: none yet); YYYY-MM */
const char *sv_month_param(portal_req *r, const struct portal_services *s);
/* the last day of the month ym (YYYY-MM): the day whose weights and
 * townships a month's table uses (dated settings: a bulletin keeps them) */
const char *sv_month_last(portal_req *r, const struct portal_services *s, const char *ym);
/* fills prefix.N.{code,title,dept,definition,weight} for every indicator */
void sv_indicators_hdf(portal_req *r, const struct portal_services *s, const char *prefix,
                       const char *on);
/* the table of a month, from `source` ("figures": the job's summary, or
 * "bulletin": an issued bulletin's copy, id = key): Towns.N.{code,score,rank,
 * I.<indicator>.{num,den,pm}} and County.I.<indicator>.{...}, score and rank
 * in per-mille (weights on `on`); only the viewer's township when town is
 * not "" (the county total always).  The number of townships, -1 */
int sv_table_hdf(portal_req *r, const struct portal_services *s, const char *source,
                 const char *key, const char *town, const char *on);

/* a month's (or a year's) table computed: the townships valid on `on`
 * sorted by score, best first (rank 0: no figure), with per indicator the
 * numerator and denominator; the weights; the county's totals and score */
struct sv_town {
    const char *code, *name;
    long long *num, *den;
    long long score;    /* per-mille; -1: no figure at all */
    int rank;
};
struct sv_table {
    int ni, nt;                 /* indicators, townships */
    struct sv_town *t;
    long long *w, *cnum, *cden; /* per indicator: weight, county numerator, denominator */
    long long score;            /* the county's, per-mille; -1 none */
};
/* from the source and key of sv_table_hdf; 0, -1 */
int sv_table_load(portal_req *r, const struct portal_services *s, const char *source,
                  const char *key, const char *on, struct sv_table *tb);
/* a per-mille rate as "87.5%" ("—" for none, -1) */
const char *sv_pct(portal_req *r, const struct portal_services *s, long long pm);

/* handlers */
int dashboard_get(portal_req *r, const struct portal_services *s);
int cases_get(portal_req *r, const struct portal_services *s);
int bulletin_list_get(portal_req *r, const struct portal_services *s);
int bulletin_new_get(portal_req *r, const struct portal_services *s);
int bulletin_create_post(portal_req *r, const struct portal_services *s);
int bulletin_get(portal_req *r, const struct portal_services *s);
int bulletin_reissue_post(portal_req *r, const struct portal_services *s);
int bulletin_export_get(portal_req *r, const struct portal_services *s);
int appraisal_get(portal_req *r, const struct portal_services *s);
int bulletin_docx_get(portal_req *r, const struct portal_services *s);
int appraisal_docx_get(portal_req *r, const struct portal_services *s);
int bulletin_load(portal_req *r, const struct portal_services *s, long long id,
                  struct portal_object *o);

extern const struct portal_param month_params[];
extern const struct portal_param dashboard_params[];
extern const struct portal_param cases_params[];
extern const struct portal_param bulletin_params[];
extern const struct portal_param year_params[];
extern const struct portal_param reissue_params[];

#define SV_COUNTY "500242000000"

#endif
