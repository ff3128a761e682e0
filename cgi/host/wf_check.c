/*
 * wf_check.c - the checks of a module's workflow declarations at start
 * (ABI 1.2): codes, titles, levels, permissions, publicity and objection
 * steps.  It knows no module registry: modules.c hands it the test of a
 * declared permission.
 */
#include "workflow.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wf_step_index(const struct portal_wf_type *t, const char *code)
{
    for (int i = 0; code && t->steps[i].code; i++)
        if (strcmp(t->steps[i].code, code) == 0)
            return i;
    return -1;
}

int wf_check_module(const struct portal_module *m, int (*declared)(const char *perm), char *err,
                    size_t errlen)
{
    for (const struct portal_wf_type *t = m->workflows; t && t->code; t++) {
        /* codes [a-z][a-z0-9_]*: "type.step" and the inbox's
         * "module.type.step" keys name one step each */
        if (!name_ok(t->code) || !t->title || !*t->title || !t->steps || !t->steps[0].code) {
            snprintf(err, errlen, "module %s: workflow %s needs a code [a-z][a-z0-9_]*, a title "
                     "and steps", m->name, t->code);
            return -1;
        }
        for (const struct portal_wf_type *u = m->workflows; u != t; u++)
            if (strcmp(u->code, t->code) == 0) {
                snprintf(err, errlen, "module %s: workflow %s is declared twice", m->name,
                         t->code);
                return -1;
            }
        for (const struct portal_wf_step *st = t->steps; st->code; st++) {
            const char *what = NULL;
            if (!name_ok(st->code) || !st->title || !*st->title)
                what = "needs a code [a-z][a-z0-9_]* and a title";
            else if (!st->level || (strcmp(st->level, "village") && strcmp(st->level, "township") &&
                                    strcmp(st->level, "county")))
                what = "level must be village, township or county";
            else if (!st->permission || !declared(st->permission))
                what = "names a permission no module declares";
            else if (st->limit_days < 0 || st->publicity_days < 0 || st->objection_days < 0)
                what = "has a negative number of days";
            else if (st->publicity_days > 0 && st->objection_days <= 0)
                what = "is a publicity without objection_days";
            else if (st->publicity_days > 0 &&
                     (!st->objection_to || wf_step_index(t, st->objection_to) < 0))
                what = "is a publicity whose objection_to names no step of the same type";
            else if (st->publicity_days == 0 && st->objection_to)
                what = "names objection_to but is not a publicity";
            if (!what)
                for (const struct portal_wf_step *o = t->steps; o != st; o++)
                    if (strcmp(o->code, st->code) == 0)
                        what = "is declared twice";
            if (what) {
                snprintf(err, errlen, "module %s: workflow %s step %s %s%s%s", m->name, t->code,
                         st->code, what, st->permission && strstr(what, "permission") ? ": " : "",
                         st->permission && strstr(what, "permission") ? st->permission : "");
                return -1;
            }
        }
    }
    return 0;
}

/* the setting the workflow reads for its one-clerk waiver (workflow.c) */
static const struct portal_setting one_clerk = {
    "wf_one_clerk_townships", PS_TEXT, NULL,
    "只有一名经办人的乡镇（同一人可连续办理两个环节，通过、退回补正或不予批准均逐次留痕；"
    "填乡镇代码，以逗号或空格分隔）", ""};

const struct portal_module *wf_offer_settings(const struct portal_module *m)
{
    int below_county = 0;
    for (const struct portal_wf_type *t = m->workflows; t && t->code; t++)
        for (int i = 0; t->steps[i].code; i++)
            below_county |= strcmp(t->steps[i].level, "county") != 0;
    size_t n = 0;
    for (const struct portal_setting *st = m->settings; st && st->code; st++, n++)
        if (strcmp(st->code, one_clerk.code) == 0)
            return m;
    if (!below_county)
        return m;
    struct portal_setting *all = calloc(n + 2, sizeof *all);
    struct portal_module *copy = malloc(sizeof *copy);
    if (!all || !copy) {
        free(all);
        free(copy);
        return m;
    }
    if (n)
        memcpy(all, m->settings, n * sizeof *all);
    all[n] = one_clerk;
    *copy = *m;
    copy->settings = all;
    return copy;
}
