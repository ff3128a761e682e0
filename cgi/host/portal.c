/*
 * portal.c - the front controller and its own FastCGI process manager.
 *
 *   portal [--config FILE]            master + N workers on the unix socket
 *   portal [--config FILE] --check    load and check every module, then exit
 *   portal [--config FILE] --cgi      serve ONE request from the CGI
 *                                     environment and stdin (tests, no server)
 *   (fd 0 a listening socket)         one worker on it (mod_fcgid, spawn-fcgi)
 *
 * The master never loads a module: a checker child validates them, so a
 * reload (SIGHUP) forks new workers that load the modules afresh; the old
 * workers finish their request and exit.  The master kills a worker whose
 * request runs past request_timeout, replaces workers that die, and workers
 * leave by themselves after max_requests.  Nothing is shared between
 * workers but the scoreboard the master reads.
 */
#include "host.h"
#include "db.h"
#include "crypto.h"
#include "audit.h"
#include "tasks.h"

#include <errno.h>
#include <execinfo.h>
#include <fastcgi.h>
#include <fcgiapp.h>
#include <poll.h>
#include <grp.h>
#include <malloc.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/un.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SLOTS 256

/* What a worker is serving, for the master to log if the worker dies:
 * the method and path (never the query string, which may hold personal
 * data), the route pattern and the user.  Written by the worker at request
 * start and once the session is known, cleared at request end; read by the
 * master only after the worker is gone (or killed), so no locking. */
struct slot_req {
    char line[160];               /* "GET /children/12" */
    char route[96];               /* "GET /children/{id}" */
    char user[48];                /* "township" */
    long long uid;
};

struct slot {
    volatile pid_t pid;
    volatile int gen;
    volatile double busy_since;   /* monotonic seconds; 0 when idle */
    volatile unsigned long requests;
    struct slot_req rec;
    /* its database connection, written by the process at each (re)connect:
     * the server's id for it, which server of db_host, and when (time()) */
    volatile unsigned long db_thread;
    volatile int db_host;
    volatile long long db_since;
};

/* MAX_SLOTS workers, then the periodic job's connection (JOB_SLOT) */
#define JOB_SLOT MAX_SLOTS

static struct slot *board;
static int my_slot = -1;          /* in a worker: its slot on the board */
static int conn_slot = -1;        /* in a worker or the job: where its connection is told */
static int listen_sock = -1;      /* in the master: the workers' socket */
static pid_t master_pid;          /* in a worker: the master that forked it */
static volatile sig_atomic_t stop_flag, reload_flag;

static void on_stop(int sig) { (void)sig; stop_flag = 1; }
static void on_reload(int sig) { (void)sig; reload_flag = 1; }

static void set_signal(int sig, void (*fn)(int), int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(sig, &sa, NULL);
}

/* ------------------------------------------------- crash evidence (worker) */

/* copy printable ASCII only (a path is checked later; this runs first) */
static void copy_clean(char *dst, size_t cap, const char *src, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; src && i < n && src[i] && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[k++] = (c > 0x20 && c < 0x7f) ? (char)c : '?';
    }
    dst[k] = 0;
}

static void record_request_line(const char *method, const char *uri)
{
    if (my_slot < 0)
        return;
    struct slot_req *rec = &board[my_slot].rec;
    memset(rec, 0, sizeof *rec);
    char m[16], p[140];
    copy_clean(m, sizeof m, method ? method : "?", 15);
    copy_clean(p, sizeof p, uri ? uri : "?", uri ? strcspn(uri, "?#") : 1);
    snprintf(rec->line, sizeof rec->line, "%s %s", m, p);
}

/* called by request.c once the route and the session are known */
static void record_route_user(const portal_req *r)
{
    if (my_slot < 0)
        return;
    struct slot_req *rec = &board[my_slot].rec;
    if (r->route && r->route->r)
        snprintf(rec->route, sizeof rec->route, "%.15s %.79s", r->route->r->method,
                 r->route->r->path);
    if (r->logged_in) {
        rec->uid = r->user.id;
        copy_clean(rec->user, sizeof rec->user, r->user.username, sizeof rec->user);
    }
}

static void clear_record(void)
{
    if (my_slot >= 0)
        memset(&board[my_slot].rec, 0, sizeof board[my_slot].rec);
}

/* "request GET /x, route GET /x, user 5 township" or "idle" */
static void describe_record(const struct slot_req *rec, char *out, size_t cap)
{
    if (!rec->line[0]) {
        snprintf(out, cap, "idle (between requests)");
        return;
    }
    snprintf(out, cap, "request \"%.159s\", route \"%.95s\", user %lld%s%.47s", rec->line,
             rec->route[0] ? rec->route : "-", rec->uid, rec->user[0] ? " " : "",
             rec->user);
}

static void put_fd(int fd, const char *s)
{
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void put_num(int fd, long long v)
{
    char b[24], *p = b + sizeof b - 1;
    int neg = v < 0;
    unsigned long long u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    *p = 0;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *--p = '-';
    put_fd(fd, p);
}

/* SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT in a worker: what it was doing and
 * a backtrace on the log (stderr), then the default action (a core dump
 * where enabled).  Only async-signal-safe calls: write, backtrace (libgcc
 * preloaded at start), backtrace_symbols_fd. */
static void on_crash(int sig)
{
    int fd = 2;
    put_fd(fd, "PT0615 worker ");
    put_num(fd, (long long)getpid());
    put_fd(fd, " caught signal ");
    put_num(fd, sig);
    if (my_slot >= 0 && board[my_slot].rec.line[0]) {
        const struct slot_req *rec = &board[my_slot].rec;
        put_fd(fd, " serving \"");
        put_fd(fd, rec->line);
        put_fd(fd, "\" route \"");
        put_fd(fd, rec->route[0] ? rec->route : "-");
        put_fd(fd, "\" user ");
        put_num(fd, rec->uid);
        put_fd(fd, " ");
        put_fd(fd, rec->user);
    }
    put_fd(fd, "; backtrace:\n");
    void *frames[64];
    int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, fd);
    put_fd(fd, "PT0615 end of backtrace\n");
    signal(sig, SIG_DFL);
    raise(sig);   /* delivered when the handler returns */
}

static void install_crash_handlers(void)
{
    static char altstack[64 * 1024];   /* a stack overflow still gets its backtrace */
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    void *warm[2];
    backtrace(warm, 2);   /* loads libgcc now, not inside the handler */
    const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_crash;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
        sigaction(sigs[i], &sa, NULL);
    }
}

/* core_dumps = 1 (test and bench instances): unlimited core size, dumpable */
static void enable_core_dumps(void)
{
#ifdef __SANITIZE_ADDRESS__
    return;   /* ASan disables them: a core would hold the whole shadow memory */
#endif
    if (!config_int("core_dumps", 0))
        return;
    struct rlimit rl = {RLIM_INFINITY, RLIM_INFINITY};
    if (setrlimit(RLIMIT_CORE, &rl) != 0) {
        getrlimit(RLIMIT_CORE, &rl);
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_CORE, &rl);
    }
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/* ----------------------------------------------------------- worker setup */

static int load_everything(char *err, size_t errlen)
{
    const char *dbh = config_get("db_host", NULL);
    if (audit_host_check(dbh && strchr(dbh, ','), err, errlen) != 0)
        return -1;
    if (modules_load(&core_module, &services, config_get("modules_dir", "build/modules"),
                     config_get("modules_src", "modules"), err, errlen) != 0)
        return -1;
    const char *kf = config_get("key_file", NULL);
    if (kf && crypto_load(kf, err, errlen) != 0)
        return -1;
    if (render_init(config_get("templates_dir", "templates")) != 0) {
        snprintf(err, errlen, "templates folder %s is not usable",
                 config_get("templates_dir", "templates"));
        return -1;
    }
    return 0;
}

static struct db_params db_config(void)
{
    struct db_params p = {
        .socket = config_get("db_socket", NULL),
        .host = config_get("db_host", NULL),
        .user = config_get("db_user", "portal"),
        .password = config_get("db_password", NULL),
        .database = config_get("db_name", "portal"),
        .port = (unsigned)config_int("db_port", 0),
        .read_timeout = (unsigned)config_int("request_timeout", 30),
        .bound_statements = 1,
    };
    return p;
}

/* the connection this process now holds, on the board for the master */
static void record_connection(unsigned long thread_id, int host)
{
    if (conn_slot < 0)
        return;
    board[conn_slot].db_thread = thread_id;
    board[conn_slot].db_host = host;
    board[conn_slot].db_since = (long long)time(NULL);
}

static void open_db(void)
{
    struct db_params p = db_config();
    db_connect_hook = record_connection;
    if (db_open(&p) != 0)
        log_msg("PT0601", "database not reachable at start (%u %s); will retry per request",
                db_errno(), db_error());
}

static int modules_state_loaded;

static void refresh_module_state(void)
{
    if (modules_state_loaded || !db_connected())
        return;
    arena *a = arena_new(4096);
    if (modules_read_enabled(a) == 0)
        modules_state_loaded = 1;
    arena_free(a);
}

static void init_modules(void)
{
    for (size_t i = 0; i < modules_count(); i++) {
        const struct portal_module *m = module_at(i)->m;
        if (m->init && m->init(&services) != 0) {
            log_msg("PT0602", "module %s: init failed; worker stops", m->name);
            _exit(3);
        }
    }
}

static void shutdown_modules(void)
{
    for (size_t i = modules_count(); i-- > 0;) {
        const struct portal_module *m = module_at(i)->m;
        if (m->shutdown)
            m->shutdown();
    }
}

/* ------------------------------------------------------------- FastCGI io */

/* FCGX_GetParam's lookup, with the first letter compared inline: it called
 * strncmp for each of some 30 parameters, and a request asks for a dozen
 * (issue 17) */
static const char *fcgi_getenv(void *ctx, const char *name)
{
    size_t n = strlen(name);
    for (char **p = ((FCGX_Request *)ctx)->envp; p && *p; p++)
        if ((*p)[0] == name[0] && strncmp(*p, name, n) == 0 && (*p)[n] == '=')
            return *p + n + 1;
    return NULL;
}

static long fcgi_read(void *ctx, char *dst, size_t n)
{
    int chunk = n > 1 << 30 ? 1 << 30 : (int)n;
    return FCGX_GetStr(dst, chunk, ((FCGX_Request *)ctx)->in);
}

/* all of iov out on fd (blocking or not), or -1 */
static int writev_all(int fd, struct iovec *iov, int n)
{
    while (n > 0) {
        ssize_t w = writev(fd, iov, n);
        if (w < 0 && errno == EAGAIN) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            poll(&p, 1, -1);
            continue;
        }
        if (w < 0 && errno != EINTR)
            return -1;
        for (; w > 0 && n > 0; iov++, n--) {
            if ((size_t)w < iov->iov_len) {
                iov->iov_base = (char *)iov->iov_base + w;
                iov->iov_len -= (size_t)w;
                break;
            }
            w -= (ssize_t)iov->iov_len;
        }
    }
    return 0;
}

/* A page (the headers and body in one piece, reply.c) goes out as
 * FCGI_STDOUT records of up to 64 KB written straight to the connection,
 * after what libfcgi's stream holds: its 8 KB buffer cut a 27 KB list page
 * into 4 records, and Apache forwards each record on its own (a poll, two
 * reads and a write to the client per record; issue 17).  The piece is held
 * until the next write or the request's end (fcgi_flush, just before
 * FCGX_Finish_r writes the end records), so that Apache finds the page and
 * the end of the request together and does not sleep between them.  Small
 * pieces (an export's cells) still go through the stream, in order. */
#define FCGI_DIRECT_MIN 8192
#define FCGI_RECORD_MAX 65528 /* the largest multiple of 8 under 64 KB */

static buf held;

static int fcgi_flush(FCGX_Request *req)
{
    const char *src = held.data;
    size_t n = held.len;
    int rc = 0;
    while (rc == 0 && n > 0) {
        size_t len = n > FCGI_RECORD_MAX ? FCGI_RECORD_MAX : n;
        unsigned char h[FCGI_HEADER_LEN] = {
            FCGI_VERSION_1, FCGI_STDOUT, (unsigned char)(req->requestId >> 8),
            (unsigned char)req->requestId, (unsigned char)(len >> 8), (unsigned char)len, 0, 0};
        struct iovec iov[2] = {{h, sizeof h}, {(void *)src, len}};
        rc = writev_all(req->ipcFd, iov, 2);
        src += len;
        n -= len;
    }
    if (held.cap > (1u << 20))
        buf_free(&held); /* a large export's piece is not kept for the next page */
    else
        buf_reset(&held);
    return rc;
}

static int fcgi_write(void *ctx, const char *src, size_t n)
{
    FCGX_Request *req = ctx;
    if (held.len && (FCGX_FFlush(req->out) != 0 || fcgi_flush(req) != 0))
        return -1;
    if (n < FCGI_DIRECT_MIN)
        return FCGX_PutStr(src, (int)n, req->out) == (int)n ? 0 : -1;
    if (FCGX_FFlush(req->out) != 0)
        return -1;
    buf_add(&held, src, n);
    return 0;
}

/* a whole piece (reply.c: a page with its headers): held as it is, its
 * buffer taken instead of copied into held (a list page's 27 KB were
 * copied twice on the way out); what fcgi_write does otherwise */
static int fcgi_write_buf(void *ctx, buf *piece)
{
    FCGX_Request *req = ctx;
    if (held.len || piece->len < FCGI_DIRECT_MIN)
        return fcgi_write(ctx, piece->data, piece->len);
    if (FCGX_FFlush(req->out) != 0)
        return -1;
    buf empty = held; /* no bytes: its room goes back to the caller */
    held = *piece;
    *piece = empty;
    return 0;
}

/* libfcgi closes a connection by shutting down its side, then waiting
 * (poll, up to 2 s) and reading until Apache closes its own: so that a TCP
 * peer's unread data cannot turn into a reset that loses the answer.
 * Apache closes only after it has read the end of the request, so the
 * worker slept once more per request before its next accept (0.4 of a
 * context switch per hello; issue 17).  When the request's input was read
 * to its end (its empty FCGI_STDIN record: Apache sends nothing after it),
 * nothing can be left unread and a plain close loses nothing of the answer
 * (a unix socket keeps what was written for its reader).  A body not read
 * to its end (an answer given before it, a 413) still gets the drain.  The
 * end record is usually in libfcgi's buffer already (Apache writes it
 * right after the parameters); a peer that never sends it holds the worker
 * until request_timeout, as one that stops mid-body does. */
static void fcgi_close_plain(FCGX_Request *req)
{
    if (FCGX_GetChar(req->in) == EOF)
        FCGX_Detach(req);
}

static void worker_main(int listen_fd, int slot)
{
    char err[1024];
    log_set_name("portal-worker");
    my_slot = conn_slot = slot;
    if (slot >= 0) {
        audit_set_chain(slot + 1);
        /* the master's death: SIGTERM, handled like a stop (the current
         * request finishes, then the worker leaves); checked again below in
         * case the master died before this line */
        prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
        if (getppid() != master_pid)
            _exit(0);
    }
    request_begin_hook = record_route_user;
    install_crash_handlers();
    if (load_everything(err, sizeof err) != 0) {
        log_msg("PT0603", "%s", err);
        _exit(2);
    }
    open_db();
    refresh_module_state();
    init_modules();

    FCGX_Init();
    /* FCGX_Init installs its own handlers: put back what the manager needs */
    set_signal(SIGTERM, on_stop, 0);
    set_signal(SIGINT, on_stop, 0);
    set_signal(SIGHUP, SIG_IGN, 1);
    set_signal(SIGPIPE, SIG_IGN, 1);
    set_signal(SIGUSR1, SIG_IGN, 1);

    /* no fastbins: libfcgi mallocs and frees its stream buffers on every
     * request, and each of those large requests made glibc consolidate the
     * fastbins the request before left (malloc_consolidate, about 5% of a
     * worker's CPU); tcache still serves small blocks */
    mallopt(M_MXFAST, 0);
    FCGX_Request req;
    FCGX_InitRequest(&req, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
    struct req_io io = {&req, fcgi_getenv, fcgi_read, fcgi_write, fcgi_write_buf};
    arena *a = arena_new(64 * 1024);
    unsigned long max = (unsigned long)config_int("max_requests", 5000), served = 0;
    while (!stop_flag) {
        if (slot >= 0) {
            board[slot].busy_since = 0;
            clear_record();
            if (getppid() != master_pid)
                break;
        }
        if (FCGX_Accept_r(&req) < 0) {
            if (stop_flag)
                break;
            if (errno == EINTR)
                continue;
            log_msg("PT0604", "accept failed: %s", strerror(errno));
            break;
        }
        if (slot >= 0) {
            board[slot].busy_since = now_mono();
            record_request_line(fcgi_getenv(&req, "REQUEST_METHOD"),
                                fcgi_getenv(&req, "REQUEST_URI"));
        }
        refresh_module_state();
        request_handle(&io, a);
        if (held.len)
            fcgi_flush(&req); /* a client gone is no error here */
        fcgi_close_plain(&req);
        FCGX_Finish_r(&req);
        arena_reset(a);
        clear_record();
        served++;
        if (slot >= 0)
            board[slot].requests = served;
        if (max && served >= max)
            break; /* recycle: the master starts a fresh worker */
    }
    if (slot >= 0 && getppid() != master_pid)
        log_msg("PT0616", "the master %d is gone; worker leaves", (int)master_pid);
    shutdown_modules();
    db_close();
    _exit(0);
}

/* ---------------------------------------------------------------- CGI io */

static const char *cgi_getenv(void *ctx, const char *name)
{
    (void)ctx;
    return getenv(name);
}

static long cgi_read(void *ctx, char *dst, size_t n)
{
    (void)ctx;
    size_t k = fread(dst, 1, n, stdin);
    return k ? (long)k : (ferror(stdin) ? -1 : 0);
}

static int cgi_write(void *ctx, const char *src, size_t n)
{
    (void)ctx;
    return fwrite(src, 1, n, stdout) == n ? 0 : -1;
}

static int cgi_main(void)
{
    char err[1024];
    if (load_everything(err, sizeof err) != 0) {
        fprintf(stderr, "portal: %s\n", err);
        return 2;
    }
    open_db();
    refresh_module_state();
    init_modules();
    struct req_io io = {NULL, cgi_getenv, cgi_read, cgi_write};
    arena *a = arena_new(64 * 1024);
    request_handle(&io, a);
    fflush(stdout);
    arena_free(a);
    shutdown_modules();
    db_close();
    return 0;
}

/* ---------------------------------------------------------------- master */

/* load every module in a child that then exits: the master stays clean */
static int check_in_child(void)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char err[1024];
        if (load_everything(err, sizeof err) != 0) {
            fprintf(stderr, "portal: refusing to start: %s\n", err);
            log_msg("PT0605", "refusing to start: %s", err);
            _exit(1);
        }
        _exit(0);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int spawn(int listen_fd, int gen)
{
    int s;
    for (s = 0; s < MAX_SLOTS; s++)
        if (board[s].pid == 0)
            break;
    if (s == MAX_SLOTS)
        return -1;
    board[s].gen = gen;
    board[s].busy_since = 0;
    board[s].requests = 0;
    board[s].db_thread = 0;
    memset(&board[s].rec, 0, sizeof board[s].rec);
    master_pid = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        log_msg("PT0606", "fork failed: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        board[s].pid = getpid();
        worker_main(listen_fd, s);
    }
    board[s].pid = pid;
    return 0;
}

/* ---------------------------------------------------- the periodic job */

/* Every jobs_interval seconds (60; 0 = never) the master forks one child
 * that escalates the urgent tasks whose deadline passed and runs the
 * outbound hook (jobs.c), then exits: the master itself never opens the
 * database.  One at a time; killed past jobs_timeout seconds (300). */
static pid_t job_pid;
static double job_started, job_last;

static void job_main(int listen_fd)
{
    prctl(PR_SET_NAME, "portal-job", 0, 0, 0);   /* not a worker (tests/lib.sh) */
    log_set_name("portal-job");
    close(listen_fd);   /* nor its hook may hold the workers' socket */
    set_signal(SIGTERM, SIG_DFL, 1);
    set_signal(SIGINT, SIG_DFL, 1);
    set_signal(SIGHUP, SIG_IGN, 1);
    prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
    if (getppid() != master_pid)
        _exit(0);
    audit_set_chain(MAX_SLOTS + 1);   /* the job's own audit chain */
    conn_slot = JOB_SLOT;
    char err[1024];
    if (load_everything(err, sizeof err) != 0) {   /* the modules' jobs (2.9) */
        log_msg("PT1008", "periodic job: %s", err);
        _exit(2);
    }
    open_db();
    refresh_module_state();   /* which modules are enabled: their jobs run */
    init_modules();
    int rc = jobs_run();
    db_close();
    _exit(rc == 0 ? 0 : 1);
}

static void job_tick(double now, int listen_fd)
{
    long every = config_int("jobs_interval", 60);
    if (job_pid) {
        if (now - job_started > (double)config_int("jobs_timeout", 300)) {
            log_msg("PT1005", "the periodic job %d ran for %.0f s; killing it", (int)job_pid,
                    now - job_started);
            kill(job_pid, SIGKILL);
            job_started = now;   /* reaped by the loop; logged once a timeout */
        }
        return;
    }
    if (every <= 0 || (job_last > 0 && now - job_last < (double)every))
        return;
    job_last = now;
    master_pid = getpid();
    board[JOB_SLOT].db_thread = 0;
    pid_t pid = fork();
    if (pid < 0) {
        log_msg("PT1006", "cannot fork the periodic job: %s", strerror(errno));
        return;
    }
    if (pid == 0)
        job_main(listen_fd);
    job_pid = pid;
    job_started = now;
}

/* ------------------------------------- a dead process's statement (KILL) */

/* A worker killed at request_timeout (or by anyone, or crashed) while it
 * served a request, or the job killed at jobs_timeout, leaves its statement
 * running in MariaDB, which notices a dead client only when it next writes
 * to it: a county-wide search or an export's read kept a core busy, and
 * maybe locks, 100 s after its worker was gone (issue 17).  The master
 * forks a child that ends that connection on the server it was on (KILL is
 * per node on a Galera cluster) and logs it; the master itself never opens
 * the database. */
static void end_connection(const volatile struct slot *sl, pid_t dead)
{
    unsigned long id = sl->db_thread;
    int host = sl->db_host;
    long long since = sl->db_since;
    if (!id)
        return;
    pid_t pid = fork();
    if (pid != 0) {
        if (pid < 0)
            log_msg("PT0619", "cannot fork to end the connection %lu of process %d: %s", id,
                    (int)dead, strerror(errno));
        return;   /* reaped like any child by reap_workers */
    }
    prctl(PR_SET_NAME, "portal-kill", 0, 0, 0);   /* not a worker (tests/lib.sh) */
    log_set_name("portal-kill");
    if (listen_sock >= 0)
        close(listen_sock);
    set_signal(SIGTERM, SIG_DFL, 1);
    set_signal(SIGINT, SIG_DFL, 1);
    set_signal(SIGHUP, SIG_IGN, 1);
    struct db_params p = db_config();
    char why[200];
    int rc = db_kill_connection(&p, host, id, since, why, sizeof why);
    log_msg(rc < 0 ? "PT0619" : "PT0618", "the database connection %lu (server %d) of the dead "
            "process %d: %s", id, host, (int)dead, why);
    _exit(0);
}

/* a child the master reaped: 1 when it was the periodic job */
static int job_reaped(pid_t pid, int st)
{
    if (!job_pid || pid != job_pid)
        return 0;
    job_pid = 0;
    if (WIFSIGNALED(st))
        end_connection(&board[JOB_SLOT], pid);
    if (WIFSIGNALED(st) || WEXITSTATUS(st) != 0)
        log_msg("PT1007", "the periodic job %d ended with %s %d", (int)pid,
                WIFSIGNALED(st) ? "signal" : "status",
                WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
    return 1;
}

/* another process (a second master, or workers left by a killed one)
 * still accepts on this socket */
static int socket_in_use(const char *path)
{
    struct sockaddr_un sa;
    if (strlen(path) >= sizeof sa.sun_path)
        return 0;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, path, strlen(path));
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    int used = connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0;
    close(fd);
    return used;
}

static int open_listener(const char *path)
{
    if (socket_in_use(path)) {
        fprintf(stderr, "portal: refusing to start: another portal (or workers left by a "
                "killed master) still serves on %s\n", path);
        log_msg("PT0617", "refusing to start: %s is still served by another process", path);
        errno = EADDRINUSE;
        return -2;
    }
    unlink(path);
    mode_t old = umask(0077);
    int fd = FCGX_OpenSocket(path, (int)config_int("backlog", 256));
    umask(old);
    if (fd < 0)
        return -1;
    long mode = config_int("socket_mode", 0660);
    chmod(path, (mode_t)mode);
    const char *grp = config_get("socket_group", NULL);
    if (grp && *grp) {
        struct group *g = getgrnam(grp);
        if (!g || chown(path, (uid_t)-1, g->gr_gid) != 0)
            log_msg("PT0607", "cannot give the socket to group %s", grp);
    }
    return fd;
}

static void write_pid(void)
{
    const char *pf = config_get("pid_file", NULL);
    if (!pf)
        return;
    FILE *f = fopen(pf, "w");
    if (f) {
        fprintf(f, "%d\n", (int)getpid());
        fclose(f);
    }
}

/* collect ended workers (and the periodic job), logging abnormal ends */
static void reap_workers(void)
{
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        if (job_reaped(pid, st))
            continue;
        for (int s = 0; s < MAX_SLOTS; s++)
            if (board[s].pid == pid) {
                char what[400];
                describe_record(&board[s].rec, what, sizeof what);
                if (WIFSIGNALED(st) && board[s].rec.line[0])
                    end_connection(&board[s], pid);   /* it died while serving */
                if (WIFSIGNALED(st))
                    log_msg("PT0609", "worker %d died by signal %d%s; %s", (int)pid,
                            WTERMSIG(st), WCOREDUMP(st) ? " (core dumped)" : "", what);
                else if (WEXITSTATUS(st) != 0)
                    log_msg("PT0610", "worker %d exited with %d; %s", (int)pid,
                            WEXITSTATUS(st), what);
                board[s].pid = 0;
                board[s].busy_since = 0;
            }
    }
}

/* on SIGHUP: a new generation if the new modules pass the check */
static void reload_workers(int *gen)
{
    if (check_in_child() == 0) {
        (*gen)++;
        log_msg("PT0611", "reloading: generation %d", *gen);
        for (int s = 0; s < MAX_SLOTS; s++)
            if (board[s].pid && board[s].gen != *gen)
                kill(board[s].pid, SIGTERM); /* finishes its request, then exits */
    } else {
        log_msg("PT0612", "reload refused: the new modules do not pass the check; "
                "the running workers stay");
    }
}

/* kill the workers whose request has run longer than timeout seconds */
static void kill_overdue(double now, double timeout)
{
    for (int s = 0; s < MAX_SLOTS; s++) {
        double b = board[s].busy_since;
        if (board[s].pid && b > 0 && now - b > timeout) {
            char what[400];
            describe_record(&board[s].rec, what, sizeof what);
            log_msg("PT0613", "worker %d ran a request for %.0f s; killing it; %s",
                    (int)board[s].pid, now - b, what);
            kill(board[s].pid, SIGKILL);
            board[s].busy_since = 0;
        }
    }
}

static int live_workers(int gen)
{
    int live = 0;
    for (int s = 0; s < MAX_SLOTS; s++)
        if (board[s].pid && board[s].gen == gen)
            live++;
    return live;
}

/* on stop: SIGTERM to the job and every worker, SIGKILL to those left after timeout */
static void stop_workers(double timeout)
{
    if (job_pid)
        kill(job_pid, SIGTERM);
    for (int s = 0; s < MAX_SLOTS; s++)
        if (board[s].pid)
            kill(board[s].pid, SIGTERM);
    double until = now_mono() + timeout;
    for (;;) {
        int left = 0, st;
        pid_t pid;
        while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
            if (!job_reaped(pid, st))
                for (int s = 0; s < MAX_SLOTS; s++)
                    if (board[s].pid == pid) {
                        if (WIFSIGNALED(st) && board[s].rec.line[0])
                            end_connection(&board[s], pid);
                        board[s].pid = 0;
                    }
        for (int s = 0; s < MAX_SLOTS; s++)
            if (board[s].pid)
                left++;
        if (!left)
            break;
        if (now_mono() > until) {
            for (int s = 0; s < MAX_SLOTS; s++)
                if (board[s].pid)
                    kill(board[s].pid, SIGKILL);
        }
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static int master_main(void)
{
    const char *sock = config_get("listen", NULL);
    if (!sock) {
        fprintf(stderr, "portal: no 'listen' socket path in %s\n", config_path());
        return 1;
    }
    log_set_name("portal-master");
    enable_core_dumps();
    if (check_in_child() != 0)
        return 1;
    int fd = open_listener(sock);
    if (fd == -2)
        return 1;
    if (fd < 0) {
        fprintf(stderr, "portal: cannot listen on %s: %s\n", sock, strerror(errno));
        return 1;
    }
    board = mmap(NULL, sizeof(struct slot) * (MAX_SLOTS + 1), PROT_READ | PROT_WRITE,
                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (board == MAP_FAILED)
        return 1;
    memset(board, 0, sizeof(struct slot) * (MAX_SLOTS + 1));
    listen_sock = fd;
    write_pid();
    set_signal(SIGTERM, on_stop, 0);
    set_signal(SIGINT, on_stop, 0);
    set_signal(SIGHUP, on_reload, 0);
    set_signal(SIGPIPE, SIG_IGN, 1);

    int nworkers = (int)config_int("workers", 4), gen = 1;
    if (nworkers < 1 || nworkers > MAX_SLOTS / 2)
        nworkers = 4;
    double timeout = (double)config_int("request_timeout", 30);
    log_msg("PT0608", "listening on %s with %d workers", sock, nworkers);
    double window = now_mono();
    int spawned_in_window = 0;

    while (!stop_flag) {
        reap_workers();
        if (reload_flag) {
            reload_flag = 0;
            reload_workers(&gen);
        }
        double now = now_mono();
        kill_overdue(now, timeout);
        int live = live_workers(gen);
        if (now - window > 1.0) {
            window = now;
            spawned_in_window = 0;
        }
        while (live < nworkers && spawned_in_window < 2 * nworkers + 4) {
            if (spawn(fd, gen) != 0)
                break;
            live++;
            spawned_in_window++;
        }
        job_tick(now, fd);
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }

    log_msg("PT0614", "stopping");
    stop_workers(timeout);
    unlink(sock);
    const char *pf = config_get("pid_file", NULL);
    if (pf)
        unlink(pf);
    return 0;
}

static int fd0_is_listener(void)
{
    int v = 0;
    socklen_t l = sizeof v;
    return getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &v, &l) == 0 && v;
}

int main(int argc, char **argv)
{
    const char *cfg = NULL;
    int check = 0, cgi = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            cfg = argv[++i];
        else if (strcmp(argv[i], "--check") == 0)
            check = 1;
        else if (strcmp(argv[i], "--cgi") == 0)
            cgi = 1;
        else {
            fprintf(stderr, "usage: portal [--config FILE] [--check | --cgi]\n");
            return 2;
        }
    }
    char err[1024];
    if (config_load(config_locate(cfg), err, sizeof err) != 0) {
        fprintf(stderr, "portal: %s\n", err);
        return 1;
    }
    if (check) {
        if (load_everything(err, sizeof err) != 0) {
            fprintf(stderr, "portal: refusing to start: %s\n", err);
            return 1;
        }
        printf("ok: %zu modules\n", modules_count());
        return 0;
    }
    if (cgi)
        return cgi_main();
    if (fd0_is_listener()) {
        worker_main(0, -1);
        return 0;
    }
    return master_main();
}
