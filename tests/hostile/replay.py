#!/usr/bin/env python3
"""Hostile replay: randomised form posts through the real stack.

Logs in as each demo role, crawls the pages the role can reach (links and
forms), then, until --duration seconds have passed, posts randomised values
to every state-changing form it found (long, quoted, SQL- and template-like
values, format strings, unicode, many repeated rows, huge and negative
numbers, impossible dates, odd ids in the path) and fetches pages with odd
query strings.  At the end it reads the instance's portal.log for workers
that died by a signal (PT0609) and its log folder for ASan/UBSan reports.

Only the python3 standard library; only traffic to --base (127.0.0.1).
Exit status 0 when no worker died and no sanitizer reported anything; the
last line is the summary.

    replay.py --base http://127.0.0.1:18080 --instance var/test [--duration 600]
"""
import argparse
import glob
import html.parser
import http.cookiejar
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROLES = [
    ("township", "Town#2026portal"), ("county", "County#2026portal"),
    ("ngo", "Ngo#2026portal"), ("ngoadmin", "Ngoadmin#2026portal"),
    ("admin", "Admin#2026portal"), ("secadmin", "Secadmin#2026portal"),
    ("auditor", "Audit#2026portal"),
]
# never posted: they would end the replay's own sessions or lock its users out
SKIP_POST = re.compile(r"/logout|/login|/account/(password|totp)|/passwd|/password|/disable|"
                       r"/unlock|/reset|/totp|/modules|/keys|/roles|/_test/crash")
SKIP_GET = re.compile(r"/logout|/_test/(crash|sleep)")

HOSTILE = [
    "x' ORDER BY 999#", "' OR '1'='1", "\" OR 1=1 -- ", "1; DROP TABLE children; --",
    "1' AND SLEEP(0)#", "') UNION SELECT NULL,NULL#", "\\", "\\'", "%", "_", "%%%%",
    "<?cs var:Child.name ?>", "<?cs include:\"/etc/passwd\" ?>", "<?cs each:x = Rows ?>x<?cs /each ?>",
    "<?cs set:Page.title = \"x\" ?>", "<?cs ", "?>", "${7*7}", "{{7*7}}", "#{7*7}",
    "%s%s%s%s%n%n%x%p", "%999999999s", "%*.*s", "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0", "+SUM(1+1)", "@x", "-2+3",
    "../../../../etc/passwd", "NULL", "null", "undefined", "true", "[]", "{}", "0x41",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-1", "0",
    "99999999999999999999999999", "1e308", "-0", "1.5", " 12 ", "NaN", "Infinity",
    "2026-02-30", "0000-00-00", "9999-12-31", "2026-13-01", "1899-12-31", "2026-2-3",
    "2026-02-29", "2024-02-29 25:61:61", "2026-12", "2026-00", "20260230",
    "500242101001", "500242", "5002421010011", "50024220140506123X", "11010119900307123",
    "酉阳县" * 40, "😀" * 100, "\u202eevil", "a\u200bb", "e\u0301" * 50, "\u3000",
    "　全角　", "Ｘ", "\ufeff", "ﷺ" * 30, "𠀀" * 50,
]


def rand_value(rng, keep=None, options=None):
    r = rng.random()
    if options and r < 0.35:
        return rng.choice(options)
    if keep is not None and r < 0.5:
        return keep
    r = rng.random()
    if r < 0.55:
        return rng.choice(HOSTILE)
    if r < 0.65:
        return rng.choice("Aa'\"<%中") * rng.choice([256, 1000, 4096, 65535, 65536, 70000])
    if r < 0.75:
        return str(rng.choice([-1, 0, 1, 2, 2**31 - 1, 2**31, 2**32, 2**53, 2**63 - 1, -(2**63)]))
    if r < 0.85:
        return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(2, 6)))
    if r < 0.9:
        return ""
    return "".join(chr(rng.randint(0x20, 0x7e)) for _ in range(rng.randint(1, 300)))


class Page(html.parser.HTMLParser):
    """links and forms of one page"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms = [], []
        self._form = self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                          "multipart": "multipart" in (a.get("enctype") or ""), "fields": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select", "button"):
            name = a.get("name")
            if not name:
                return
            kind = (a.get("type") or tag).lower()
            field = {"name": name, "type": kind, "value": a.get("value") or "", "options": []}
            self._form["fields"].append(field)
            if tag == "select":
                self._select = field
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


LOCK = threading.Lock()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base, stats):
        self.base, self.stats = base, stats
        self.jar = http.cookiejar.CookieJar()
        self.csrf = ""
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, method, path, data=None, ctype=None):
        url = path if path.startswith("http") else self.base + path
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Origin", self.base)
        if ctype:
            req.add_header("Content-Type", ctype)
        with LOCK:
            self.stats["requests"] += 1
            if method == "POST":
                self.stats["posts"] += 1
        try:
            with self.opener.open(req, timeout=30) as resp:
                body, status = resp.read(), resp.status
        except urllib.error.HTTPError as e:
            body, status = e.read(), e.code
        except Exception as e:  # reset, timeout: counted, never fatal
            with LOCK:
                self.stats["errors"] += 1
            return 0, ""
        key = "%dxx" % (status // 100)
        with LOCK:
            self.stats[key] = self.stats.get(key, 0) + 1
            if status >= 500:
                self.stats.setdefault("5xx_paths", set()).add("%s %s %d" % (method, re.sub(r"\?.*", "", path), status))
        return status, body.decode("utf-8", "replace")

    def login(self, user, password):
        _, body = self.request("GET", "/login")
        m = re.search(r'name="_csrf" value="([^"]*)"', body)
        data = urllib.parse.urlencode({"_csrf": m.group(1) if m else "", "username": user,
                                       "password": password}).encode()
        status, _ = self.request("POST", "/login", data, "application/x-www-form-urlencoded")
        st, body = self.request("GET", "/")
        m = re.search(r'name="_csrf" value="([^"]*)"', body)
        self.csrf = m.group(1) if m else ""
        return st == 200 and "/logout" in body


def local_path(base, page_path, href):
    url = urllib.parse.urljoin(base + page_path, href)
    u = urllib.parse.urlsplit(url)
    if url.startswith(base) and u.path.startswith("/") and not u.path.startswith("/static/"):
        return u.path + ("?" + u.query if u.query else "")
    return None


IDS = set()


def crawl(client, base, budget, deadline):
    seen, queue, forms = set(), ["/"], {}
    while queue and len(seen) < budget and time.monotonic() < deadline:
        path = queue.pop(0)
        key = re.sub(r"\d+", "N", path.split("?")[0])   # one page per shape
        if key in seen or SKIP_GET.search(path):
            continue
        seen.add(key)
        status, body = client.request("GET", path)
        if status != 200 or "<" not in body:
            continue
        p = Page()
        try:
            p.feed(body)
        except Exception:
            continue
        for href in p.links:
            lp = local_path(base, path, href)
            if lp:
                queue.append(lp)
                IDS.update(int(x) for x in re.findall(r"/(\d{1,9})(?=/|$|\?)", lp))
        for f in p.forms:
            action = local_path(base, path, f["action"] or path) or path
            if f["method"] == "post" and not SKIP_POST.search(action):
                shape = re.sub(r"\d+", "N", action.split("?")[0])
                forms.setdefault((shape, tuple(x["name"] for x in f["fields"])), (action.split("?")[0], path, f))
            elif f["method"] == "get":
                forms.setdefault((re.sub(r"\d+", "N", action.split("?")[0]) + "#get", ()),
                                 (action.split("?")[0], path, f))
    return list(forms.items())


PTYPES = {1: "text", 2: "textarea", 3: "int", 4: "date", 5: "code", 6: "file"}
SAMPLE = {"int": "1", "date": "2026-11-30", "code": "approve", "text": "测试", "textarea": "测试"}


def route_forms(path, ids, seen_shapes):
    """forms for the declared state-changing routes no page showed: every
    declared parameter, {id}-like segments filled from the ids seen"""
    forms = []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        return forms
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 5 or parts[0] != "POST" or not int(parts[3]) & 1:
            continue
        pattern = parts[1]
        shape = re.sub(r"\{[^}]*\}", "N", pattern)
        if SKIP_POST.search(pattern) or shape in seen_shapes:
            continue
        fields = [{"name": "_csrf", "type": "hidden", "value": "", "options": []}]
        multipart = False
        for spec in filter(None, parts[4].split(",")):
            name, _, t = spec.partition(":")
            kind = PTYPES.get(int(t or 1), "text")
            multipart |= kind == "file"
            fields.append({"name": name, "type": kind, "value": SAMPLE.get(kind, ""), "options": []})
        for i in range(3):
            action = re.sub(r"\{[^}]*\}", lambda m: str(ids[(hash(pattern) + i) % len(ids)]), pattern)
            forms.append(((shape, "route%d" % i), (action, "/", {"action": action, "method": "post",
                                                                  "multipart": multipart, "fields": fields})))
    return forms


def mutate_path(rng, path):
    if rng.random() < 0.2:
        parts = path.split("/")
        idx = [i for i, s in enumerate(parts) if s.isdigit()]
        if idx:
            parts[rng.choice(idx)] = rng.choice(["-1", "0", "99999999999", "9223372036854775808",
                                                 "1e3", "00001", "2147483648"])
            return "/".join(parts)
    return path


def encode_multipart(rng, pairs):
    boundary = "----hostile%016x" % rng.getrandbits(64)
    out = []
    for name, value, is_file in pairs:
        out.append(("--%s\r\n" % boundary).encode())
        if is_file:
            payload = rng.choice([
                b"\x89PNG\r\n\x1a\n" + os.urandom(rng.randint(0, 2000)),
                b"\xff\xd8\xff\xe0" + os.urandom(rng.randint(0, 2000)),
                b"%PDF-1.4\n" + os.urandom(rng.randint(0, 500)),
                os.urandom(rng.randint(0, 3000)), b""])
            fname = rng.choice(["a.png", "../../x.jpg", "x\".pdf", "照片.jpg", "a" * 300 + ".png"])
            out.append(('Content-Disposition: form-data; name="%s"; filename="%s"\r\n'
                        "Content-Type: application/octet-stream\r\n\r\n" % (name, fname)).encode())
            out.append(payload + b"\r\n")
        else:
            out.append(('Content-Disposition: form-data; name="%s"\r\n\r\n' % name).encode())
            out.append(value.encode("utf-8", "surrogatepass") + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=" + boundary


def fill(rng, form, csrf):
    """the form's fields with hostile values; sometimes many rows of one"""
    pairs = []
    # most posts change a few fields and keep the others valid, to get past
    # validation into the handlers; some change every field
    names = [f["name"] for f in form["fields"] if f["name"] != "_csrf"]
    hit = set(rng.sample(names, min(len(names), rng.choice([1, 1, 2, 3, len(names) or 1]))))
    for f in form["fields"]:
        if f["name"] == "_csrf":
            pairs.append((f["name"], csrf or f["value"], False))
            continue
        if f["type"] == "file":
            pairs.append((f["name"], "", True))
            continue
        if f["type"] in ("checkbox", "radio") and rng.random() < 0.3:
            continue
        options = [o for o in f["options"] if o]
        if f["name"] not in hit:
            pairs.append((f["name"], rng.choice(options) if options and not f["value"] else f["value"]
                          or rand_value(rng, None, options), False))
            continue
        reps = rng.choice([1] * 8 + [2, 30, 150])
        for _ in range(reps):
            pairs.append((f["name"], rand_value(rng, f["value"] or None, options), False))
    if rng.random() < 0.1:   # an undeclared field, too
        pairs.append((rng.choice(["id", "child_id", "org_id", "admin", "role"]), rand_value(rng), False))
    return pairs


def log_tail_from(path, offset):
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--instance", required=True, help="the instance folder (its log/ is read)")
    ap.add_argument("--duration", type=float, default=float(os.environ.get("DURATION", 600)))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("SEED", time.time())))
    ap.add_argument("--routes", help="`portalctl module routes` output: post to every declared route too")
    ap.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", 4)),
                    help="concurrent clients (4)")
    args = ap.parse_args()
    base = args.base.rstrip("/")
    if not re.match(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?$", base):
        sys.exit("replay: only 127.0.0.1")
    rng = random.Random(args.seed)
    log = os.path.join(args.instance, "log", "portal.log")
    log_start = os.path.getsize(log) if os.path.exists(log) else 0
    san_before = set(glob.glob(os.path.join(args.instance, "log", "[au]*san.*")))
    stats = {"requests": 0, "posts": 0, "errors": 0}
    t0 = time.monotonic()
    end = t0 + args.duration
    crawl_deadline = t0 + max(5.0, min(args.duration / 3, 90.0))
    sessions = []
    for user, pw in ROLES:
        c = Client(base, stats)
        if not c.login(user, pw):
            print("replay: %s cannot log in; skipped" % user)
            continue
        per_role_deadline = min(crawl_deadline, time.monotonic() + (crawl_deadline - time.monotonic()) / 2)
        forms = crawl(c, base, 80, per_role_deadline)
        print("replay: %s: %d forms" % (user, len(forms)))
        sessions.append((user, pw, c, forms))
    if args.routes:   # the declared routes no page showed, for every role
        shapes = {k[0] for s_ in sessions for k, _ in s_[3]}
        extra = route_forms(args.routes, sorted(IDS)[:50] or [1, 2, 3], shapes)
        print("replay: %d more forms from the declared routes (%s)" % (len(extra), args.routes))
        sessions = [(u, p, c, forms + extra) for u, p, c, forms in sessions]
    targets = sum(len(s[3]) for s in sessions)
    print("replay: seed %d, %d forms over %d roles" % (args.seed, targets, len(sessions)), flush=True)
    posted = set()

    def worker(k):
        # thread 0 uses the crawling sessions; the others sign in themselves,
        # so concurrent requests meet on the same rows (locks, deadlocks)
        trng = random.Random(args.seed * 1000 + k)
        mine = sessions
        if k:
            mine = []
            for user, pw, _, forms in sessions:
                c = Client(base, stats)
                if c.login(user, pw):
                    mine.append((user, pw, c, forms))
        while time.monotonic() < end and mine:
            user, pw, c, forms = trng.choice(mine)
            if not forms:
                continue
            (key, (action, page, form)) = trng.choice(forms)
            action = mutate_path(trng, action)
            pairs = fill(trng, form, c.csrf)
            if form["method"] == "get":
                q = urllib.parse.urlencode([(n, v) for n, v, _ in pairs])
                c.request("GET", action + "?" + q)
                continue
            with LOCK:
                posted.add(key[0])
            if form["multipart"] or trng.random() < 0.05:
                body, ctype = encode_multipart(trng, pairs)
            else:
                body = urllib.parse.urlencode([(n, v) for n, v, _ in pairs]).encode()
                ctype = "application/x-www-form-urlencoded"
            status, _ = c.request("POST", action, body, ctype)
            if status == 403 and trng.random() < 0.5 or trng.random() < 0.01:   # a stale session: log in again
                c.login(user, pw)
            if trng.random() < 0.3:   # the pages that show what was posted
                c.request("GET", mutate_path(trng, page))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(max(1, args.threads))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    text = log_tail_from(log, log_start)
    deaths = [line for line in text.splitlines() if "PT0609" in line and "died by signal 9;" not in line]
    timeouts = [line for line in text.splitlines() if "PT0613" in line]
    san = sorted(set(glob.glob(os.path.join(args.instance, "log", "[au]*san.*"))) - san_before)
    san += [line for line in text.splitlines()   # UBSan writes to stderr: the log
            if re.search(r"runtime error:|ERROR: (Address|Leak)Sanitizer", line)]
    for line in deaths + timeouts:
        print("replay: " + line)
    for f in san:
        print("replay: sanitizer: " + f)
    for p in sorted(stats.get("5xx_paths", ())):
        print("replay: 5xx " + p)
    codes = " ".join("%s=%d" % (k, v) for k, v in sorted(stats.items()) if k.endswith("xx"))
    print("hostile: %d requests (%d posts to %d routes) in %.0f s, %d worker deaths, "
          "%d timeouts, %d sanitizer reports, %d transport errors; %s; seed %d"
          % (stats["requests"], stats["posts"], len(posted), elapsed, len(deaths), len(timeouts),
             len(san), stats["errors"], codes, args.seed))
    return 1 if deaths or san or not targets else 0


if __name__ == "__main__":
    sys.exit(main())
