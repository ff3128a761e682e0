/*
 * faulty - one module source, built once per fault the host must refuse at
 * start (tests/integration/test_module_faults.sh):
 *   -DFAULT_MAGIC   wrong magic number
 *   -DFAULT_ABI     ABI major version mismatch (99)
 *   -DFAULT_DUP     a second module named "system"
 *   -DFAULT_CLASH   a route that clashes with the system module's GET /about
 *   -DFAULT_PERM    a route requiring a permission nobody declares
 *   -DFAULT_WF      a workflow step requiring a permission nobody declares
 *   -DFAULT_WFCODE  a workflow step whose code holds a '.'
 *   -DFAULT_PANEL   a child's-file panel requiring a permission nobody declares
 *   -DFAULT_PANELFILL  a child's-file panel without a fill function
 *   -DFAULT_ARGTYPE    a path argument of an unknown type ({id:uuid})
 *   -DFAULT_OBJECT     a route object naming a loader the module lacks
 *   -DFAULT_OBJARG     a route object whose argument is not {name:int}
 *   -DFAULT_LABEL   a label without a title (ABI 2.0)
 *   -DFAULT_LABELDUP   a label declared twice (ABI 2.0)
 *   -DFAULT_SETTING    a money setting whose default is not fen (ABI 2.1)
 *   -DFAULT_LOOKUP     a lookup without columns (ABI 2.1)
 */
#include "portal_module.h"

static int handler(portal_req *r, const struct portal_services *s)
{
    return s->fail(r, 404, "不存在");
}

static const struct portal_route routes[] = {
#if defined(FAULT_CLASH)
    {"GET", "/about", handler, NULL, PR_PUBLIC, NULL},
#elif defined(FAULT_PERM)
    {"GET", "/faulty", handler, "nobody.declares_this", 0, NULL},
#elif defined(FAULT_ARGTYPE)
    {"GET", "/faulty/{id:uuid}", handler, NULL, PR_PUBLIC, NULL},
#elif defined(FAULT_OBJECT)
    {"GET", "/faulty/{id:int}", handler, NULL, PR_PUBLIC, NULL, "nosuch:id"},
#elif defined(FAULT_OBJARG)
    {"GET", "/faulty/{id}", handler, NULL, PR_PUBLIC, NULL, "child:id"},
#else
    {"GET", "/faulty", handler, NULL, PR_PUBLIC, NULL},
#endif
    {NULL, NULL, NULL, NULL, 0, NULL}};

#if defined(FAULT_WF) || defined(FAULT_WFCODE)
static const struct portal_wf_step wf_steps[] = {
#if defined(FAULT_WFCODE)
    {"check.one", "审核", "township", "nobody.declares_wf", 5, 0, 1, 0, NULL, 0},
#else
    {"check", "审核", "township", "nobody.declares_wf", 5, 0, 1, 0, NULL, 0},
#endif
    {NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0}};
static const struct portal_wf_type wf_types[] = {
    {"faulty_wf", "故障流程", wf_steps, 0, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL}};
#endif

#if defined(FAULT_PANEL)
static int fill(portal_req *r, const struct portal_services *s, long long child_id,
                const char *prefix)
{
    return 0;
}
#endif
#if defined(FAULT_PANEL) || defined(FAULT_PANELFILL)
static const struct portal_child_panel panels[] = {
#if defined(FAULT_PANEL)
    {"故障面板", "nobody.declares_panel", fill},
#else
    {"故障面板", NULL, NULL},
#endif
    {NULL, NULL, NULL}};
#endif

#if defined(FAULT_LABEL) || defined(FAULT_LABELDUP)
static const struct portal_label labels[] = {
    {"faulty.kind", "a", "甲"},
#if defined(FAULT_LABEL)
    {"faulty.kind", "b", ""},
#else
    {"faulty.kind", "a", "乙"},
#endif
    {NULL, NULL, NULL}};
#endif

#if defined(FAULT_SETTING)
static const struct portal_setting settings[] = {
    {"rate", PS_MONEY, "元", "故障设置", "12.50"},
    {NULL, 0, NULL, NULL, NULL}};
#endif
#if defined(FAULT_LOOKUP)
static const struct portal_lookup_col no_cols[] = {{NULL, NULL}};
static const struct portal_lookup lookups[] = {
    {"hospital", "故障目录", no_cols},
    {NULL, NULL, NULL}};
#endif

const struct portal_module portal_module = {
#if defined(FAULT_MAGIC)
    0xDEADBEEFu, PORTAL_ABI_MAJOR, PORTAL_ABI_MINOR, (uint32_t)sizeof(struct portal_module),
#elif defined(FAULT_ABI)
    PORTAL_MODULE_MAGIC, 99, 0, (uint32_t)sizeof(struct portal_module),
#else
    PORTAL_MODULE_HEADER,
#endif
#if defined(FAULT_DUP)
    .name = "system",
#else
    .name = "faulty",
#endif
    .title = "故障模块",
    .version = "0",
    .routes = routes,
#if defined(FAULT_WF) || defined(FAULT_WFCODE)
    .workflows = wf_types,
#endif
#if defined(FAULT_PANEL) || defined(FAULT_PANELFILL)
    .child_panels = panels,
#endif
#if defined(FAULT_LABEL) || defined(FAULT_LABELDUP)
    .labels = labels,
#endif
#if defined(FAULT_SETTING)
    .settings = settings,
#endif
#if defined(FAULT_LOOKUP)
    .lookups = lookups,
#endif
};
