/*
 * wf_batch.c - batch approval (issue 20): the applications a clerk ticked
 * in an inbox, all at one step of one type, approved one by one, each
 * exactly as if alone (scope, state, level, permission, separation of
 * duties, the module's own checks and bookkeeping through its hooks), each
 * in a savepoint of the request's transaction so a refused one leaves
 * nothing; a page says what was done and what was refused and why.  The
 * service wf_batch (portal_module.h); the form is wf_macros.cs
 * wf_batch_form, the summary templates/wf_batch_result.cs.
 */
#include "host.h"
#include "db.h"
#include "workflow.h"
#include "scope.h"

#include <stdlib.h>
#include <string.h>

#define BATCH_MAX 100

typedef const char *(*batch_before)(portal_req *r, const struct portal_services *s,
                                    long long app_id);
typedef int (*batch_after)(portal_req *r, const struct portal_services *s, long long app_id);

/* the application as the batch checks it before the workflow does: NULL
 * when it is the calling module's, in the user's scope and at the batch's
 * step (the first one's when *step is NULL), else why not */
static const char *batch_target(portal_req *r, const char *module, long long id,
                                const char **step)
{
    db_rows *q = db_query(r->a, "SELECT a.module, CONCAT(a.type, '/', a.step_code), "
                          "c.village_code, c.id FROM wf_applications a JOIN children c ON "
                          "c.id = a.child_id WHERE a.id = ?", "i", id);
    if (!q)
        return "";
    if (!db_next(q) || strcmp(db_col(q, 0), module) != 0 ||
        !scope_allows(r, db_col(q, 2), atoll(db_col(q, 3)))) {
        audit(r, "deny", "wf_application", arena_sprintf(r->a, "%lld", id),
              "batch approval: absent, another module's or outside the user's scope");
        return "申请不存在或不在您的辖区内。";
    }
    if (!*step)
        *step = arena_strdup(r->a, db_col(q, 1));
    return strcmp(db_col(q, 1), *step) == 0 ? NULL
                                             : "与所选的其他申请不在同一环节，请分批办理。";
}

/* one application: NULL approved, else why not (its writes undone) */
static const char *batch_one(portal_req *r, const char *module, long long id, const char **step,
                             const char *opinion, batch_before before, batch_after after)
{
    const char *why = batch_target(r, module, id, step); /* writes only its denial */
    if (why)
        return why;
    if (db_savepoint("SAVEPOINT", "wf_batch") != 0)
        return "";
    if (before)
        why = before(r, module_services(), id);
    if (!why && wf_svc_act(r, id, "approve", opinion) != 0)
        why = wf_svc_error(r);
    if (!why && after && after(r, module_services(), id) != 0)
        why = "保存失败，请重试。";
    if (!why)
        return db_savepoint("RELEASE SAVEPOINT", "wf_batch") == 0 ? NULL : "";
    if (db_savepoint("ROLLBACK TO SAVEPOINT", "wf_batch") != 0)
        return "";
    audit(r, "wf.batch.refused", "wf_application", arena_sprintf(r->a, "%lld", id), why);
    return why;
}

/* the one and only place the selection is read: 0 ok, else a refusal (400)
 * with the message beside the field, nothing done */
static int batch_selection(portal_req *r, const struct portal_services *s, int *n)
{
    for (*n = 0; s->param_n(r, "app", *n); (*n)++)
        if (*n == BATCH_MAX) {
            form_error(r, "app", "一次最多批量办理 100 件申请。");
            return 400;
        }
    if (*n == 0) {
        form_error(r, "app", "请先在待办列表中勾选要批量通过的申请。");
        return 400;
    }
    return wf_unconfirmed(r, "approve") ? 400 : 0;
}

int wf_svc_batch(portal_req *r, batch_before before, batch_after after)
{
    const struct portal_services *s = module_services();
    struct loaded_module *lm = req_module(r);
    int n, done = 0, refused = 0, rc;
    if (!lm || !r->logged_in)
        return 403;
    if ((rc = batch_selection(r, s, &n)) != 0)
        return rc;
    if (!db_in_txn() && db_begin() != 0)
        return 500;
    const char *opinion = s->trim(r, s->param(r, "opinion")), *step = NULL;
    for (int i = 0; i < n; i++) {
        long long id = atoll(s->param_n(r, "app", i));
        const char *why = batch_one(r, lm->m->name, id, &step, opinion, before, after);
        if ((why && !*why) || db_doomed())
            return 500; /* the database failed: the whole request is rolled back */
        const char *p = why ? arena_sprintf(r->a, "Batch.Refused.%d", refused++)
                            : arena_sprintf(r->a, "Batch.Done.%d", done++);
        hdf_put(arena_sprintf(r->a, "%s.id", p), arena_sprintf(r->a, "%lld", id));
        hdf_put(arena_sprintf(r->a, "%s.url", p),
                arena_sprintf(r->a, "/%s/applications/%lld", lm->m->name, id));
        if (why)
            hdf_put(arena_sprintf(r->a, "%s.why", p), why);
    }
    hdf_put_int("Batch.done", done);
    hdf_put_int("Batch.refused", refused);
    hdf_put("Batch.back", arena_sprintf(r->a, "/%s", lm->m->name));
    audit(r, "wf.batch.approve", "wf_application", NULL,
          arena_sprintf(r->a, "module=%s step=%s done=%d refused=%d", lm->m->name,
                        step ? step : "-", done, refused));
    return s->render(r, "wf_batch_result.cs", "批量办理结果");
}
