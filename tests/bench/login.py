#!/usr/bin/env python3
"""200 users logging in at once (make bench): each client first fetches the
login form (its CSRF token and pre-session cookie), then all POST the form
together (a barrier releases them at the same moment).  Prints
"bench login-N p50_ms=... p99_ms=... max_ms=... ok=... seconds=..."; the
latency is that of the POST (the password check: scrypt).  No pass/fail."""
import argparse
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--user", default="township")
    ap.add_argument("--password", default="Town#2026portal")
    ap.add_argument("-n", type=int, default=200)
    a = ap.parse_args()
    clients = []
    for _ in range(a.n):
        jar = http.cookiejar.CookieJar()
        op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        body = op.open(a.base + "/login", timeout=60).read().decode()
        tok = re.search(r'name="_csrf" value="([^"]*)"', body).group(1)
        clients.append((op, tok))
    barrier = threading.Barrier(a.n)
    lat, ok = [None] * a.n, [False] * a.n

    def one(i):
        op, tok = clients[i]
        data = urllib.parse.urlencode({"_csrf": tok, "username": a.user, "password": a.password}).encode()
        req = urllib.request.Request(a.base + "/login", data=data, method="POST")
        req.add_header("Origin", a.base)
        barrier.wait()
        t0 = time.monotonic()
        try:
            op.open(req, timeout=120).read()
            status = 200
        except urllib.error.HTTPError as e:
            status = e.code
        except Exception:
            status = 0
        lat[i] = (time.monotonic() - t0) * 1000
        ok[i] = status == 303   # signed in: redirected home

    t0 = time.monotonic()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(a.n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    s = sorted(lat)
    pct = lambda q: s[min(len(s) - 1, int(q * len(s)))]
    print("bench login-%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f ok=%d seconds=%.1f"
          % (a.n, pct(0.50), pct(0.99), s[-1], sum(ok), wall))


if __name__ == "__main__":
    main()
