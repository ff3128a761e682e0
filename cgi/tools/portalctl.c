/*
 * portalctl - the administrators' command-line tool.  It reads the same
 * configuration as the portal (--config FILE, else $PORTAL_CONFIG, else
 * ./var/portal.conf, else /etc/portal/portal.conf) and connects as the
 * administrative database user (db_admin_user, root over the unix socket
 * by default).
 */
#include "host.h"
#include "db.h"
#include "audit.h"
#include "child.h"
#include "crypto.h"
#include "seed.h"
#include "tasks.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static arena *A;

static void usage(void)
{
    fprintf(stderr,
            "usage: portalctl [--config FILE] COMMAND\n"
            "  migrate                       apply pending migrations, grant the portal user\n"
            "  user add NAME --display-name TEXT --role ROLE[,ROLE] --division CODE\n"
            "           [--org CODE] [--password PW | env PORTAL_PASSWORD] [--must-change]\n"
            "  user passwd NAME [--password PW]   set a password, end the user's sessions\n"
            "  user disable NAME | user enable NAME\n"
            "  module list | module enable NAME | module disable NAME\n"
            "  module routes                 every route: METHOD PATH PERMISSION FLAGS PARAMS\n"
            "  audit verify                  check the audit log's hash chain\n"
            "  job list | job run MODULE.JOB  the modules' periodic jobs (2.9): their last\n"
            "                                runs, or run one now as the master would\n"
            "  seed-demo [--modules]         demo villages, organisations and accounts;\n"
            "                                --modules: also each module's sql/demo.sql\n"
            "  seed --children N             generate N realistic children (demo, bench)\n"
            "  keys generate [--suite aes|sm] create the field-encryption key file (key_file)\n"
            "  keys rotate [--suite aes|sm]  add a key and re-encrypt every encrypted column\n"
            "                                (into the other suite: lookups computed anew)\n"
            "  config                        show the configuration (secrets hidden)\n");
}

static int die(const char *fmt, const char *arg) __attribute__((format(printf, 1, 0)));
static int die(const char *fmt, const char *arg)
{
    char msg[1024];
    /* fmt is always a literal of this file with at most one %s */
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wformat-nonliteral\"")
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    _Pragma("GCC diagnostic pop")
    fprintf(stderr, "portalctl: %s\n", msg);
    return 1;
}

/* The modules the configuration names: 0, or 1 after saying why. */
static int load_modules(void)
{
    char err[1024];
    if (modules_load(&core_module, &services, config_get("modules_dir", "build/modules"),
                     config_get("modules_src", "modules"), err, sizeof err) != 0)
        return die("%s", err);
    return 0;
}

static int connect_admin(void)
{
    struct db_params p = {
        .socket = config_get("db_socket", NULL),
        .host = config_get("db_host", NULL),
        .user = config_get("db_admin_user", "root"),
        .password = config_get("db_admin_password", NULL),
        .database = config_get("db_name", "portal"),
        .port = (unsigned)config_int("db_port", 0),
        .read_timeout = 600,
    };
    if (db_open(&p) != 0) {
        fprintf(stderr, "portalctl: cannot connect to the database: %s\n", db_error());
        return -1;
    }
    return 0;
}

static void cli_audit(const char *action, const char *otype, const char *oid, const char *detail)
{
    struct audit_row row = {NULL, 0, "portalctl", action, otype, oid, detail, "cli", 0};
    if (audit_append(A, &row) != 0)
        fprintf(stderr, "portalctl: warning: audit write failed: %s\n", db_error());
}

static int ident_ok(const char *s)
{
    if (!s || !*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b;
    buf_init(&b);
    char tmp[8192];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_add(&b, tmp, k);
    fclose(f);
    *len = b.len;
    return b.data ? b.data : strdup("");
}

/* "-- requires: a, b" lines at the top of a module's first migration name
 * the modules whose tables it needs.  Returns 1 if module i requires name. */
static int requires(size_t i, const char *name)
{
    struct loaded_module *lm = module_at(i);
    const struct portal_migration *g = lm->m->migrations;
    if (!g || !g->version)
        return 0;
    char path[4096], line[512];
    snprintf(path, sizeof path, "%s/sql/%s", lm->src_dir, g->file);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int found = 0;
    while (!found && fgets(line, sizeof line, f) && strncmp(line, "--", 2) == 0) {
        if (strncmp(line, "-- requires:", 12) != 0)
            continue;
        char *save = NULL;
        for (char *t = strtok_r(line + 12, " ,\t\r\n", &save); t;
             t = strtok_r(NULL, " ,\t\r\n", &save))
            if (strcmp(t, name) == 0)
                found = 1;
    }
    fclose(f);
    return found;
}

/* the core first, then every module after the modules it requires */
static int migration_order(size_t *order, size_t *n, char *err, size_t errlen)
{
    size_t count = modules_count();
    int done[256] = {0};
    if (count > 256) {
        snprintf(err, errlen, "too many modules");
        return -1;
    }
    *n = 0;
    while (*n < count) {
        size_t before = *n;
        for (size_t i = 0; i < count; i++) {
            if (done[i])
                continue;
            int ready = 1;
            for (size_t k = 0; k < count && ready; k++)
                if (k != i && !done[k] && (module_at(k)->builtin || requires(i, module_at(k)->m->name)))
                    ready = 0;
            if (ready) {
                done[i] = 1;
                order[(*n)++] = i;
            }
        }
        if (*n == before) {
            snprintf(err, errlen, "module migrations require each other in a circle");
            return -1;
        }
    }
    return 0;
}

/* One module migration: 1 applied, 0 recorded already (every version not
 * recorded is applied, even below the highest one recorded: a migration can
 * arrive after a later-numbered one), -1 failed (said on stderr). */
static int apply_migration(const struct loaded_module *lm, const struct portal_migration *g)
{
    db_rows *r = db_query(A, "SELECT 1 FROM schema_migrations WHERE module = ? AND "
                          "version = ?", "si", lm->m->name, (long long)g->version);
    if (!r)
        return die("%s", db_error()), -1;
    if (db_next(r))
        return 0;
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/sql/%s", lm->src_dir, g->file);
    size_t len;
    char *sql = read_file(path, &len);
    if (!sql) {
        fprintf(stderr, "portalctl: cannot read %s\n", path);
        return -1;
    }
    if (db_run_script(sql, len, err, sizeof err) != 0) {
        fprintf(stderr, "portalctl: migration %s %d (%s) failed: %s\n", lm->m->name,
                g->version, g->file, err);
        free(sql);
        return -1;
    }
    free(sql);
    if (db_exec(A, "INSERT INTO schema_migrations VALUES (?, ?, ?, UTC_TIMESTAMP())",
                "sis", lm->m->name, (long long)g->version, g->file) < 0)
        return die("%s", db_error()), -1;
    printf("applied %s %d %s\n", lm->m->name, g->version, g->file);
    return 1;
}

/* The runtime user: data rights on every table (and temporary tables of
 * its own), but only SELECT and INSERT
 * on the audit log, so the portal can never rewrite history; only SELECT on
 * what triggers keep (child_marks, child_open_categories,
 * child_category_spans, child_name_grams, child_list_rows: a row written
 * wrong would hide a panel, a category or a child from a search or a list).  0, or the
 * exit status after saying why. */
static int grant_runtime_user(void)
{
    const char *user = config_get("db_user", "portal");
    const char *host = config_get("db_user_host", "localhost");
    const char *dbn = config_get("db_name", "portal");
    if (!ident_ok(user) || !ident_ok(dbn) || strpbrk(host, "'\\`"))
        return die("db_user, db_name must be [a-z0-9_]", NULL);
    db_rows *t = db_query(A, "SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = ?", "s", dbn);
    if (!t)
        return die("%s", db_error());
    while (db_next(t)) {
        const char *tn = db_col(t, 0);
        if (!ident_ok(tn))
            continue;
        /* audit_log and setting_values (dated settings) are append-only */
        const char *rights = strcmp(tn, "audit_log") == 0 || strcmp(tn, "setting_values") == 0
                                 ? "SELECT, INSERT"
                             : strcmp(tn, "schema_migrations") == 0 ||
                                       strcmp(tn, "migrate_lock") == 0 ||
                                       strncmp(tn, "child_mark", 10) == 0 ||
                                       strcmp(tn, "child_open_categories") == 0 ||
                                       strcmp(tn, "child_category_spans") == 0 ||
                                       strcmp(tn, "child_name_grams") == 0 ||
                                       strcmp(tn, "child_list_rows") == 0
                                   ? "SELECT"
                                                                    : "SELECT, INSERT, UPDATE, DELETE";
        /* identifiers cannot be bound: all three were checked above */
        char *sql = arena_sprintf(A, "GRANT %s ON `%s`.`%s` TO '%s'@'%s'", rights, dbn, tn,
                                  user, host);
        char e2[512];
        if (db_run_script(sql, strlen(sql), e2, sizeof e2) != 0)
            return die("grant failed: %s", e2);
    }
    /* a job's working tables (supervision.indicators): private to its
     * connection, gone with it, never replicated */
    char *tmp = arena_sprintf(A, "GRANT CREATE TEMPORARY TABLES ON `%s`.* TO '%s'@'%s'", dbn,
                              user, host);
    char e3[512];
    if (db_run_script(tmp, strlen(tmp), e3, sizeof e3) != 0)
        return die("grant failed: %s", e3);
    return 0;
}

/* One migrate at a time, for a whole cluster too (deploy/cluster: a named lock of the server
 * is not replicated by Galera): a row of migrate_lock claims the run. Two
 * hosts inserting it at once, one wins (a duplicate key here, a
 * certification conflict between two Galera nodes); a claim older than an
 * hour is a crashed run's and is taken over. 0 claimed, else the exit status. */
static int migrate_claim(void)
{
    char host[256] = "?";
    gethostname(host, sizeof host - 1);
    if (db_exec(A, "CREATE TABLE IF NOT EXISTS migrate_lock (id TINYINT NOT NULL, holder "
                "VARCHAR(300) NOT NULL, since DATETIME NOT NULL, PRIMARY KEY (id)) "
                "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", "") < 0 ||
        db_exec(A, "DELETE FROM migrate_lock WHERE since < UTC_TIMESTAMP() - INTERVAL 1 HOUR",
                "") < 0)
        return die("cannot claim the migration: %s", db_error());
    if (db_exec(A, "INSERT INTO migrate_lock VALUES (1, ?, UTC_TIMESTAMP())", "s",
                arena_sprintf(A, "%s pid %d", host, (int)getpid())) == 1)
        return 0;
    db_rows *r = db_query(A, "SELECT holder, since FROM migrate_lock WHERE id = 1", "");
    if (r && db_next(r))
        return die("%s", arena_sprintf(A, "another migrate runs (%s, since %s UTC): wait for "
                                       "it; after a crash, DELETE FROM migrate_lock",
                                       db_col(r, 0), db_col(r, 1)));
    return die("cannot claim the migration: %s", db_error());
}

static void migrate_release(void)
{
    db_exec(A, "DELETE FROM migrate_lock WHERE id = 1", "");
}

static int migrate_all(void);

static int cmd_migrate(void)
{
    if (load_modules() != 0)
        return 1;
    int rc = migrate_claim();
    if (rc)
        return rc;
    rc = migrate_all();
    migrate_release();
    return rc;
}

static int migrate_all(void)
{
    if (db_exec(A, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "module VARCHAR(64) NOT NULL, version INT NOT NULL, file VARCHAR(255) NOT NULL,"
                " applied_at DATETIME NOT NULL, PRIMARY KEY (module, version)"
                ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", "") < 0)
        return die("cannot create schema_migrations: %s", db_error());
    size_t order[256], norder = 0;
    char err[1024];
    if (migration_order(order, &norder, err, sizeof err) != 0)
        return die("%s", err);
    int applied = 0;
    for (size_t oi = 0; oi < norder; oi++) {
        struct loaded_module *lm = module_at(order[oi]);
        for (const struct portal_migration *g = lm->m->migrations; g && g->version; g++) {
            int rc = apply_migration(lm, g);
            if (rc < 0)
                return 1;
            applied += rc;
        }
        if (!lm->builtin)
            db_exec(A, "INSERT IGNORE INTO module_state (name, enabled, changed_at) "
                    "VALUES (?, 1, UTC_TIMESTAMP())", "s", lm->m->name);
    }
    int marked = 0;
    if (child_marks_install(A, &marked, err, sizeof err) != 0)
        return die("the marks of the child's panels (sql/041): %s", err);
    int rc = grant_runtime_user();
    if (rc)
        return rc;
    if (marked)
        printf("child marks kept for %d more tables\n", marked);
    if (applied)
        cli_audit("migrate", "schema", NULL, arena_sprintf(A, "%d migrations", applied));
    printf("migrations up to date (%d applied)\n", applied);
    return 0;
}

static const char *opt(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc - 1; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return NULL;
}

static int has_flag(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return 1;
    return 0;
}

static int user_add(const char *name, const char *display, const char *roles,
                    const char *division, const char *org, const char *pw, int must_change)
{
    const char *why;
    if (!name || !display || !roles || !division || !pw)
        return die("user add needs NAME, --display-name, --role, --division and a password",
                   NULL);
    if (!password_policy(pw, &why))
        return die("%s", why);
    db_rows *d = db_query(A, "SELECT code FROM divisions WHERE code = ?", "s", division);
    if (!d || !db_next(d))
        return die("no division with code %s", division);
    long long org_id = 0;
    if (org) {
        db_rows *o = db_query(A, "SELECT id FROM orgs WHERE code = ?", "s", org);
        if (!o || !db_next(o))
            return die("no organisation with code %s", org);
        org_id = atoll(db_col(o, 0));
    }
    char hash[256];
    if (password_hash(pw, hash, sizeof hash) != 0)
        return die("password hashing failed", NULL);
    if (db_begin() != 0)
        return die("%s", db_error());
    if (db_exec(A, "INSERT INTO users (username, display_name, password_hash, org_id, "
                "division_code, active, must_change_password, created_at) "
                "VALUES (?, ?, ?, ?, ?, 1, ?, UTC_TIMESTAMP())", "sssssi", name, display, hash,
                org_id ? arena_sprintf(A, "%lld", org_id) : NULL, division,
                (long long)must_change) < 0) {
        db_rollback();
        return die("cannot add the user: %s", db_error());
    }
    long long uid = db_insert_id();
    char *copy = arena_strdup(A, roles), *save = NULL;
    for (char *ro = strtok_r(copy, ",", &save); ro; ro = strtok_r(NULL, ",", &save)) {
        if (db_exec(A, "INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles "
                    "WHERE code = ?", "is", uid, ro) != 1) {
            db_rollback();
            return die("no role %s", ro);
        }
    }
    cli_audit("user.add", "user", arena_sprintf(A, "%lld", uid), name);
    if (db_commit() != 0)
        return die("%s", db_error());
    printf("user %s added (id %lld)\n", name, uid);
    return 0;
}

static int cmd_user(int argc, char **argv)
{
    if (argc < 2)
        return usage(), 2;
    const char *name = argv[1];
    if (strcmp(argv[0], "add") == 0) {
        const char *pw = opt(argc, argv, "--password");
        if (!pw)
            pw = getenv("PORTAL_PASSWORD");
        return user_add(name, opt(argc, argv, "--display-name"), opt(argc, argv, "--role"),
                        opt(argc, argv, "--division"), opt(argc, argv, "--org"), pw,
                        has_flag(argc, argv, "--must-change"));
    }
    db_rows *u = db_query(A, "SELECT id FROM users WHERE username = ?", "s", name);
    if (!u || !db_next(u))
        return die("no user %s", name);
    long long uid = atoll(db_col(u, 0));
    if (strcmp(argv[0], "passwd") == 0) {
        const char *pw = opt(argc, argv, "--password"), *why;
        char line[256];
        if (!pw)
            pw = getenv("PORTAL_PASSWORD");
        if (!pw) {
            fprintf(stderr, "new password: ");
            if (!fgets(line, sizeof line, stdin))
                return 1;
            line[strcspn(line, "\r\n")] = 0;
            pw = line;
        }
        if (!password_policy(pw, &why))
            return die("%s", why);
        char hash[256];
        if (password_hash(pw, hash, sizeof hash) != 0)
            return 1;
        db_exec(A, "UPDATE users SET password_hash = ?, failed_count = 0, locked_until = NULL, "
                "must_change_password = 1 WHERE id = ?", "si", hash, uid);
        db_exec(A, "DELETE FROM sessions WHERE user_id = ?", "i", uid);
        cli_audit("user.passwd", "user", db_col(u, 0), name);
        printf("password of %s set; they must change it at next login\n", name);
        return 0;
    }
    if (strcmp(argv[0], "disable") == 0 || strcmp(argv[0], "enable") == 0) {
        int on = strcmp(argv[0], "enable") == 0;
        db_exec(A, "UPDATE users SET active = ?, disabled_by_org = 0 WHERE id = ?", "ii",
                (long long)on, uid);
        if (!on)
            db_exec(A, "DELETE FROM sessions WHERE user_id = ?", "i", uid);
        cli_audit(on ? "user.enable" : "user.disable", "user", db_col(u, 0), name);
        printf("user %s %s\n", name, on ? "enabled" : "disabled");
        return 0;
    }
    return usage(), 2;
}

static void signal_portal(void)
{
    const char *pf = config_get("pid_file", NULL);
    FILE *f = pf ? fopen(pf, "r") : NULL;
    int pid = 0;
    if (f) {
        if (fscanf(f, "%d", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    if (pid > 0 && kill(pid, SIGHUP) == 0)
        printf("the running portal (pid %d) is reloading\n", pid);
    else
        printf("no running portal found; the change applies at its next start\n");
}

static int cmd_module(int argc, char **argv)
{
    if (argc < 1)
        return usage(), 2;
    if (strcmp(argv[0], "list") == 0) {
        if (load_modules() != 0)
            return 1;
        if (modules_read_enabled(A) != 0)
            return die("%s", db_error());
        for (size_t i = 0; i < modules_count(); i++) {
            struct loaded_module *lm = module_at(i);
            printf("%-16s %-8s %-8s %s\n", lm->m->name, lm->m->version,
                   lm->builtin ? "builtin" : lm->enabled ? "enabled" : "disabled", lm->m->title);
        }
        return 0;
    }
    if (strcmp(argv[0], "routes") == 0) {
        /* for tools (the hostile replay): one route a line, tab-separated;
         * PARAMS are name:type pairs (type 1 text ... 6 file) */
        if (load_modules() != 0)
            return 1;
        for (size_t i = 0; i < modules_count(); i++) {
            const struct portal_module *m = module_at(i)->m;
            for (const struct portal_route *rt = m->routes; rt && rt->method; rt++) {
                printf("%s\t%s\t%s\t%u\t", rt->method, rt->path,
                       rt->permission ? rt->permission : "-", rt->flags);
                for (const struct portal_param *pp = rt->params; pp && pp->name; pp++)
                    printf("%s%s:%d", pp == rt->params ? "" : ",", pp->name, (int)pp->type);
                printf("\n");
            }
        }
        return 0;
    }
    if (argc < 2 || (strcmp(argv[0], "enable") && strcmp(argv[0], "disable")))
        return usage(), 2;
    int on = strcmp(argv[0], "enable") == 0;
    if (db_exec(A, "UPDATE module_state SET enabled = ?, changed_at = UTC_TIMESTAMP() "
                "WHERE name = ?", "is", (long long)on, argv[1]) < 0)
        return die("%s", db_error());
    db_rows *r = db_query(A, "SELECT enabled FROM module_state WHERE name = ?", "s", argv[1]);
    if (!r || !db_next(r))
        return die("no module %s (run migrate after adding a module)", argv[1]);
    cli_audit(on ? "module.enable" : "module.disable", "module", argv[1], NULL);
    printf("module %s %s\n", argv[1], on ? "enabled" : "disabled");
    signal_portal();
    return 0;
}

/* the modules' jobs (2.9): list them with their last run, or run one now */
static int cmd_job(int argc, char **argv)
{
    if (argc < 1 || (strcmp(argv[0], "list") && (strcmp(argv[0], "run") || argc < 2)))
        return usage(), 2;
    if (load_modules() != 0)
        return 1;
    if (modules_read_enabled(A) != 0)
        return die("%s", db_error());
    if (strcmp(argv[0], "list") == 0) {
        for (size_t i = 0; i < modules_count(); i++)
            for (const struct portal_job *j = module_at(i)->m->jobs; j && j->name; j++) {
                const char *m = module_at(i)->m->name;
                db_rows *q = db_query(A, "SELECT last_started, last_status FROM module_jobs "
                                      "WHERE module = ? AND job = ?", "ss", m, j->name);
                int had = q && db_next(q);
                printf("%s.%s\tevery %d min\t%s\t%s\t%s\n", m, j->name, j->every_minutes,
                       had && db_col(q, 0) ? db_col(q, 0) : "never",
                       had && db_col(q, 1) ? db_col(q, 1) : "-", j->title);
            }
        return 0;
    }
    char err[1024];
    const char *kf = config_get("key_file", NULL);
    if (kf && crypto_load(kf, err, sizeof err) != 0)
        return die("%s", err);
    for (size_t i = 0; i < modules_count(); i++) {
        const struct portal_module *m = module_at(i)->m;
        if (m->jobs && m->init && m->init(&services) != 0)
            return die("module %s: init failed", m->name);
    }
    if (job_run_named(argv[1], err, sizeof err) != 0)
        return die("%s", err);
    printf("job %s done\n", argv[1]);
    return 0;
}

static int cmd_audit(int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "verify") != 0)
        return usage(), 2;
    long long checked = 0;
    long long bad = audit_verify(A, &checked);
    if (bad < 0)
        return die("%s", db_error());
    if (bad > 0) {
        printf("audit chain BROKEN at row %lld (%lld rows before it are intact)\n", bad, checked);
        return 3;
    }
    printf("audit chain intact: %lld rows\n", checked);
    return 0;
}

/* One organisation and one user of every kind (sql/013_org_scopes.sql)
 * beyond the civil-affairs bureau, the township and the NGO above. */
static int seed_demo_kinds(void)
{
#define COUNTY "500242000000"
#define LONGTAN "500242101000"
    static const struct {
        const char *code, *name, *kind, *division, *user, *display, *role, *pw;
    } k[] = {
        {"demo_jw", "酉阳县教育委员会（示例）", "dept_education", COUNTY, "jiaowei",
         "县教委工作人员", "county_staff", "Jiaowei#2026portal"},
        {"demo_wj", "酉阳县卫生健康委员会（示例）", "dept_health", COUNTY, "weijian",
         "县卫健委工作人员", "county_staff", "Weijian#2026portal"},
        {"demo_rs", "酉阳县人力资源和社会保障局（示例）", "dept_hrss", COUNTY, "renshe",
         "县人社局工作人员", "county_staff", "Renshe#2026portal"},
        {"demo_ga", "酉阳县公安局（示例）", "dept_police", COUNTY, "gongan", "县公安局工作人员",
         "county_staff", "Gongan#2026portal"},
        {"demo_cl", "酉阳县残疾人联合会（示例）", "dept_disabled", COUNTY, "canlian",
         "县残联工作人员", "county_staff", "Canlian#2026portal"},
        {"demo_fe", "酉阳县妇女儿童工作委员会办公室（示例）", "dept_women_children", COUNTY,
         "fuer", "县妇儿工委办工作人员", "county_staff", "Fuer#2026portal"},
        {"demo_yb", "酉阳县医疗保障局（示例）", "dept_medical", COUNTY, "yibao",
         "县医保局工作人员", "county_staff", "Yibao#2026portal"},
        {"demo_school", "龙潭镇中心小学（示例）", "school", LONGTAN, "school",
         "龙潭镇中心小学老师", "org_staff", "School#2026portal"},
        {"demo_hospital", "酉阳县人民医院（示例）", "hospital", COUNTY, "hospital",
         "县人民医院医生", "org_staff", "Hospital#2026portal"},
        {"demo_rehab", "酉阳县儿童康复服务中心（示例）", "rehab", COUNTY, "rehab",
         "康复中心康复师", "org_staff", "Rehab#2026portal"},
        {"demo_welfare", "酉阳县儿童福利院（示例）", "welfare", COUNTY, "welfare",
         "儿童福利院工作人员", "org_staff", "Welfare#2026portal"},
        {"demo_police", "龙潭派出所（示例）", "police_station", LONGTAN, "police",
         "龙潭派出所民警", "org_staff", "Police#2026portal"},
    };
#undef COUNTY
#undef LONGTAN
    /* the county's civil-affairs bureau is of its own kind */
    if (db_exec(A, "UPDATE orgs SET kind = 'dept_civil' WHERE code = 'mz' AND "
                "kind = 'department'", "") < 0)
        return die("%s", db_error());
    for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
        if (db_exec(A, "INSERT IGNORE INTO orgs (code, name, kind, division_code) "
                    "VALUES (?, ?, ?, ?)", "ssss", k[i].code, k[i].name, k[i].kind,
                    k[i].division) < 0)
            return die("%s", db_error());
        db_rows *r = db_query(A, "SELECT id FROM users WHERE username = ?", "s", k[i].user);
        if (!r)
            return die("%s", db_error());
        if (db_next(r))
            continue;
        if (user_add(k[i].user, k[i].display, k[i].role, k[i].division, k[i].code, k[i].pw,
                     0) != 0)
            return 1;
    }
    return 0;
}

static int cmd_seed_demo(void)
{
    /* synthetic villages (real village codes are not public): three per
     * township, numbered 001-003, marked synthetic */
    if (db_exec(A, "INSERT IGNORE INTO divisions (code, parent_code, level, name, type, "
                "synthetic, note) SELECT CONCAT(LEFT(t.code, 9), n.s), t.code, 'village', "
                "CONCAT(t.name, n.label, '（示例）'), '村', 1, 'demo data' FROM divisions t "
                "JOIN (SELECT '001' s, '第一村' label UNION SELECT '002', '第二村' "
                "UNION SELECT '003', '第三社区') n WHERE t.level = 'township'", "") < 0 ||
        db_exec(A, "UPDATE cache_versions SET version = version + 1 WHERE name = 'divisions'",
                "") < 0)
        return die("%s", db_error());
    static const struct { const char *code, *name, *kind, *division; } orgs[] = {
        {"mz", "酉阳县民政局", "department", "500242000000"},
        {"lt_gov", "龙潭镇人民政府", "township", "500242101000"},
        {"demo_ngo", "酉阳县阳光社会工作服务中心（示例）", "ngo", "500242000000"},
    };
    for (size_t i = 0; i < sizeof orgs / sizeof *orgs; i++)
        if (db_exec(A, "INSERT IGNORE INTO orgs (code, name, kind, division_code) "
                    "VALUES (?, ?, ?, ?)", "ssss", orgs[i].code, orgs[i].name, orgs[i].kind,
                    orgs[i].division) < 0)
            return die("%s", db_error());
    static const struct { const char *user, *name, *role, *division, *org, *pw; } users[] = {
        {"admin", "系统管理员", "sysadmin", "500242000000", "mz", "Admin#2026portal"},
        {"auditor", "审计员", "auditor", "500242000000", "mz", "Audit#2026portal"},
        {"secadmin", "安全管理员", "secadmin", "500242000000", "mz", "Secadmin#2026portal"},
        {"township", "龙潭镇工作人员", "township_staff", "500242101000", "lt_gov",
         "Town#2026portal"},
        /* the county clerk exports full ID numbers (a separate grant, issue 19) */
        {"county", "县民政局儿童福利股", "county_staff,export_full_id", "500242000000", "mz",
         "County#2026portal"},
        /* separation of duties (issue 20): a second clerk at each level, who
         * passes what the first applied for or posted, or locks what the
         * first reviewed */
        {"township2", "龙潭镇审核员（示例）", "township_staff", "500242101000", "lt_gov",
         "Town2#2026portal"},
        {"county2", "县民政局复核员（示例）", "county_staff", "500242000000", "mz",
         "County2#2026portal"},
        {"ngoadmin", "阳光社工管理员", "ngo_partner,ngo_admin", "500242000000", "demo_ngo",
         "Ngoadmin#2026portal"},
        {"ngo", "阳光社工", "ngo_partner", "500242000000", "demo_ngo", "Ngo#2026portal"},
        {"modadmin", "县民政局社会事务股（模块管理员）", "module_admin", "500242000000", "mz",
         "Modadmin#2026portal"},
    };
    for (size_t i = 0; i < sizeof users / sizeof *users; i++) {
        db_rows *r = db_query(A, "SELECT id FROM users WHERE username = ?", "s", users[i].user);
        if (r && db_next(r))
            continue;
        if (user_add(users[i].user, users[i].name, users[i].role, users[i].division,
                     users[i].org, users[i].pw, 0) != 0)
            return 1;
    }
    /* modadmin administers the living module (its settings, lookups and
     * working permissions, /admin/settings/living) */
    if (db_exec(A, "INSERT IGNORE INTO module_admins (module, user_id, granted_by, granted_at) "
                "SELECT 'living', id, id, UTC_TIMESTAMP() FROM users WHERE username = 'modadmin'",
                "") < 0 ||
        db_exec(A, "INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at) "
                "SELECT id, 'settings.module', 'settings', id, UTC_TIMESTAMP() FROM users "
                "WHERE username = 'modadmin'", "") < 0)
        return die("%s", db_error());
    if (seed_demo_kinds() != 0)
        return 1;
    printf("demo data loaded\n");
    return 0;
}

/* Each organisation of an org-scoped kind gets one child of 龙潭镇 linked
 * (once; the generated children must exist): what its staff can see. */
static int seed_demo_links(void)
{
    db_rows *o = db_query(A, "SELECT o.id, o.name, k.relation, k.relation_title FROM orgs o "
                          "JOIN org_kinds k "
                          "ON k.code = o.kind WHERE o.code LIKE 'demo\\_%' AND "
                          "k.relation IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                          "child_org_links l WHERE l.org_id = o.id) ORDER BY o.id", "");
    if (!o)
        return die("%s", db_error());
    long long n = 0;
    while (db_next(o)) {
        const char *org = db_col(o, 0), *rel = db_col(o, 2), *rt = db_col(o, 3);
        db_rows *c = db_query(A, "SELECT id FROM children WHERE village_code LIKE "
                              "'500242101%' ORDER BY id LIMIT 1 OFFSET ?", "i", n++);
        if (!c || !db_next(c))
            continue; /* no generated children yet */
        const char *child = db_col(c, 0);
        if (db_exec(A, "INSERT INTO child_org_links (child_id, org_id, relation, valid_from, "
                    "note, module, created_at, created_by) SELECT ?, ?, ?, DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR), "
                    "'示例数据', 'core', UTC_TIMESTAMP(), id FROM users WHERE username = 'admin'",
                    "sss", child, org, rel) != 1 ||
            db_exec(A, "INSERT INTO child_events (child_id, at, user_id, module, kind, summary) "
                    "SELECT ?, UTC_TIMESTAMP(), id, 'core', 'org.link', CONCAT('关联', ?, '（', "
                    "?, '）（示例数据）') FROM users WHERE username = 'admin'", "sss", child,
                    db_col(o, 1), rt) != 1)
            return die("%s", db_error());
    }
    return 0;
}

/* Each module's demo data, sql/demo.sql when it has one: idempotent
 * statements, run by seed-demo --modules once the demo children exist
 * (make run; never the test suite). */
static int seed_module_demo(void)
{
    if (load_modules() != 0)
        return 1;
    for (size_t i = 0; i < modules_count(); i++) {
        struct loaded_module *lm = module_at(i);
        char path[4096], err[1024];
        snprintf(path, sizeof path, "%s/sql/demo.sql", lm->src_dir);
        size_t len;
        char *sql = read_file(path, &len);
        if (!sql)
            continue;
        int rc = db_run_script(sql, len, err, sizeof err);
        free(sql);
        if (rc != 0) {
            fprintf(stderr, "portalctl: demo data of module %s failed: %s\n", lm->m->name, err);
            return 1;
        }
    }
    return 0;
}

/* the statements of one rotation pass over t.c (identifiers from our own
 * tables, checked; values bound) */
struct pass {
    const char *t, *idc, *c, *src; /* src: the encrypted source of a lookup column */
    char *sel, *upd;
};

static int pass_prepare(struct pass *p)
{
    if (!ident_ok(p->t) || !ident_ok(p->idc) || !ident_ok(p->c) || (p->src && !ident_ok(p->src)))
        return -1;
    /* a value is redone while it is not under the new key (a lookup: once,
     * by id order, from the start) */
    p->sel = strdup(p->src ? arena_sprintf(A, "SELECT `%s`, `%s` FROM `%s` WHERE `%s` > ? AND "
                                           "`%s` IS NOT NULL AND ? > 0 ORDER BY `%s` LIMIT 500",
                                           p->idc, p->src, p->t, p->idc, p->src, p->idc)
                           : arena_sprintf(A, "SELECT `%s`, `%s` FROM `%s` WHERE `%s` > ? AND "
                                           "`%s` IS NOT NULL AND ASCII(`%s`) <> ? ORDER BY `%s` "
                                           "LIMIT 500", p->idc, p->c, p->t, p->idc, p->c, p->c,
                                           p->idc));
    p->upd = strdup(arena_sprintf(A, "UPDATE `%s` SET `%s` = ? WHERE `%s` = ?", p->t, p->c, p->idc));
    return p->sel && p->upd ? 0 : -1;
}

/* one row: re-encrypted, or its lookup computed again; 0, -1 stop */
static int pass_row(struct pass *p, arena *b, db_rows *rows, long long id)
{
    size_t pl, cl;
    char *pt = crypto_decrypt(b, (const unsigned char *)db_col(rows, 1), db_col_len(rows, 1), &pl);
    if (!pt) {
        fprintf(stderr, "portalctl: %s.%s row %lld does not decrypt; rotation stopped, nothing "
                "of this batch written\n", p->t, p->src ? p->src : p->c, id);
        return -1;
    }
    if (p->src) {
        char mac[65];
        return crypto_hmac_hex(pt, mac) == 0 && db_exec(b, p->upd, "si", mac, id) >= 0 ? 0 : -1;
    }
    unsigned char *ct = crypto_encrypt(b, pt, pl, &cl);
    return ct && db_exec(b, p->upd, "bi", ct, cl, id) >= 0 ? 0 : -1;
}

/* every row of one column, in batches of 500, each batch one transaction;
 * the count, -1 */
static long long pass_run(struct pass *p, int cur)
{
    long long last = 0, n = 0;
    arena *b = arena_new(1 << 20);
    for (;;) {
        db_rows *rows = db_query(b, p->sel, "ii", last, (long long)cur);
        if (!rows || db_begin() != 0) {
            fprintf(stderr, "portalctl: %s\n", db_error());
            n = -1;
            break;
        }
        if (rows->nrows == 0) {
            db_rollback();
            break;
        }
        while (n >= 0 && db_next(rows)) {
            last = atoll(db_col(rows, 0));
            n = pass_row(p, b, rows, last) == 0 ? n + 1 : -1;
        }
        if (n < 0 || db_commit() != 0) {
            db_rollback();
            n = -1;
            break;
        }
        arena_reset(b);
    }
    arena_free(b);
    free(p->sel);
    free(p->upd);
    return n;
}

/* every column of crypto_columns (lookups 0) or crypto_lookups (1): the total, -1 */
static long long rotate_all(int lookups, int cur)
{
    db_rows *cols = db_query(A, lookups ? "SELECT table_name, id_column, column_name, "
                                          "source_column FROM crypto_lookups ORDER BY 1, 3"
                                        : "SELECT table_name, id_column, column_name, NULL "
                                          "FROM crypto_columns ORDER BY 1, 3", "");
    if (!cols) {
        fprintf(stderr, "portalctl: %s\n", db_error());
        return -1;
    }
    long long total = 0;
    while (db_next(cols)) {
        struct pass p = {db_col(cols, 0), db_col(cols, 1), db_col(cols, 2), db_col(cols, 3),
                         NULL, NULL};
        if (pass_prepare(&p) != 0) {
            fprintf(stderr, "portalctl: crypto_columns or crypto_lookups holds a bad identifier\n");
            return -1;
        }
        long long n = pass_run(&p, cur);
        if (n < 0)
            return -1;
        printf("%s.%s: %lld values %s\n", p.t, p.c, n, lookups ? "looked up anew" : "re-encrypted");
        total += n;
    }
    return total;
}

/* Add a key of the suite (the key file's, or --suite aes|sm), then
 * re-encrypt every column of crypto_columns with it; when the suite
 * changes, compute every lookup column of crypto_lookups again under the
 * new suite's HMAC and record the suite in the key file.  Batches of 500
 * rows, each in its own transaction; a value that does not decrypt stops
 * the rotation before anything of its batch is written (run it again to
 * finish: what is done is not redone).  Run it in a maintenance window: until
 * the suite line is written, the portal looks ID numbers up under the old
 * suite. */
static int cmd_keys_rotate(const char *kf, const char *to)
{
    char err[512];
    const char *from = crypto_suite();
    int cur = crypto_keygen(kf, 1, to, err, sizeof err);
    if (cur < 0)
        return die("%s", err);
    if (to && crypto_use_suite(to) != 0)
        return die("the key file lacks the keys of suite %s", to);
    printf("new key %d (%s) added to %s\n", cur, crypto_suite(), kf);
    long long total = rotate_all(0, cur), looked = 0;
    if (total < 0)
        return 1;
    int changed = strcmp(from, crypto_suite()) != 0;
    if (changed && ((looked = rotate_all(1, cur)) < 0 || crypto_write_suite(kf, err, sizeof err)))
        return looked < 0 ? 1 : die("%s", err);
    struct audit_row row = {NULL, 0, "portalctl", "keys.rotate", "key", NULL, NULL, "cli", 0};
    char detail[128];
    snprintf(detail, sizeof detail, "key %d (%s%s%s), %lld values, %lld lookups", cur,
             changed ? from : "", changed ? " -> " : "", crypto_suite(), total, looked);
    row.detail = detail;
    audit_append(A, &row);
    printf("rotation done: %lld values now under key %d (%s)%s\n", total, cur, crypto_suite(),
           changed ? ", lookups computed anew" : "");
    signal_portal();
    return 0;
}

static void show(const char *k, const char *v, void *ctx)
{
    (void)ctx;
    printf("%s = %s\n", k, strstr(k, "password") || strstr(k, "secret") ? "(hidden)" : v);
}

int main(int argc, char **argv)
{
    const char *cfg = NULL;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--config") == 0) {
        cfg = argv[i + 1];
        i += 2;
    }
    if (i >= argc) {
        usage();
        return 2;
    }
    char err[1024];
    if (config_load(config_locate(cfg), err, sizeof err) != 0) {
        fprintf(stderr, "portalctl: %s\n", err);
        return 1;
    }
    log_set_name("portalctl");
    A = arena_new(64 * 1024);
    const char *cmd = argv[i];
    if (strcmp(cmd, "config") == 0) {
        printf("# %s\n", config_path());
        config_each(show, NULL);
        return 0;
    }
    const char *suite = i + 3 < argc && strcmp(argv[i + 2], "--suite") == 0 ? argv[i + 3] : NULL;
    if (strcmp(cmd, "keys") == 0 && i + 1 < argc && strcmp(argv[i + 1], "generate") == 0) {
        const char *kf = config_get("key_file", NULL);
        if (!kf)
            return die("no key_file in the configuration", NULL);
        if (crypto_keygen(kf, 0, suite, err, sizeof err) < 0)
            return die("%s", err);
        printf("key file %s created (mode 0400); back it up apart from the database\n", kf);
        return 0;
    }
    if (connect_admin() != 0)
        return 1;
    if (strcmp(cmd, "keys") == 0 && i + 1 < argc && strcmp(argv[i + 1], "rotate") == 0) {
        const char *kf = config_get("key_file", NULL);
        if (!kf || crypto_load(kf, err, sizeof err) != 0)
            return die("%s", kf ? err : "no key_file in the configuration");
        return cmd_keys_rotate(kf, suite);
    }
    if (strcmp(cmd, "migrate") == 0)
        return cmd_migrate();
    if (strcmp(cmd, "user") == 0)
        return cmd_user(argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "module") == 0)
        return cmd_module(argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "audit") == 0)
        return cmd_audit(argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "job") == 0)
        return cmd_job(argc - i - 1, argv + i + 1);
    if (strcmp(cmd, "seed-demo") == 0) {
        if (cmd_seed_demo() != 0)
            return 1;
        if (!has_flag(argc - i - 1, argv + i + 1, "--modules"))
            return 0;
        return seed_demo_links() != 0 ? 1 : seed_module_demo();
    }
    if (strcmp(cmd, "seed") == 0 && i + 2 < argc && strcmp(argv[i + 1], "--children") == 0) {
        if (cmd_seed_demo() != 0)
            return 1;
        return seed_children(A, atol(argv[i + 2])) == 0 ? 0 : 1;
    }
    usage();
    return 2;
}
