#!/usr/bin/env python3
"""Slow clients against the portal, and probes that say whether it still answers.

Attack (127.0.0.1 only), each connection reopened as soon as the server drops it:
  - slowloris: a GET whose headers trickle in, one short header line every
    few seconds, never finished;
  - slow body: a POST /login announcing Content-Length 100000 whose body
    trickles in a few bytes a second.
Probes, started at a fixed pace while the attack holds its connections,
each on a new connection: /healthz, and a logged-in page (the session cookie
given by --cookie). A probe counts as "within 1 s" when its whole answer,
status 200, arrived within 1 s of its start; a refused, failed or late probe
does not count.

Prints one line:
  soak slow-clients probes=N within_1s=P% slowloris=A slowbody=B p50_ms=.. p95_ms=.. failed=F
(A and B: attack connections open when the probes ended) and exits 0 when
P >= --need (default 95), 1 otherwise. Standard library only.
"""
import argparse
import asyncio
import random
import sys
import time

HOST = "127.0.0.1"


class Stats:
    def __init__(self):
        self.open = {"slowloris": 0, "slowbody": 0}
        self.reopened = {"slowloris": 0, "slowbody": 0}
        self.probes = []  # (path, seconds or None, status)


async def hold(kind, port, stats, stop, interval):
    """One attack connection, reopened whenever the server closes it."""
    while not stop.is_set():
        writer = None
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(HOST, port), 5)
            stats.open[kind] += 1
            try:
                if kind == "slowloris":
                    writer.write(b"GET /about HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                else:
                    writer.write(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 b"Content-Type: application/x-www-form-urlencoded\r\n"
                                 b"Content-Length: 100000\r\n\r\nusername=")
                await writer.drain()
                n = 0
                while not stop.is_set():
                    try:
                        # the server answering (an error page) or closing ends it
                        await asyncio.wait_for(reader.read(4096), interval)
                        break
                    except asyncio.TimeoutError:
                        pass
                    n += 1
                    if kind == "slowloris":
                        writer.write(b"X-Slow-%d: %d\r\n" % (n, random.randrange(10**6)))
                    else:
                        writer.write(b"aaa")
                    await writer.drain()
            finally:
                stats.open[kind] -= 1
                stats.reopened[kind] += 1
        except (OSError, asyncio.TimeoutError):
            await asyncio.sleep(0.2)
        finally:
            if writer is not None:
                writer.close()


async def probe(port, path, cookie, stats, limit):
    t0 = time.monotonic()
    status = 0
    writer = None
    try:
        async def exchange():
            nonlocal writer
            reader, writer = await asyncio.open_connection(HOST, port)
            head = "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" % path
            if cookie:
                head += "Cookie: %s\r\n" % cookie
            writer.write((head + "\r\n").encode())
            await writer.drain()
            return await reader.read()  # the whole answer (Connection: close)
        data = await asyncio.wait_for(exchange(), limit)
        line = data.split(b"\r\n", 1)[0].split()
        status = int(line[1]) if len(line) >= 2 and line[1].isdigit() else 0
    except (OSError, asyncio.TimeoutError, ValueError):
        status = 0
    finally:
        if writer is not None:
            writer.close()
    took = time.monotonic() - t0
    stats.probes.append((path, took if status == 200 else None, status))


async def main(a):
    stats = Stats()
    stop = asyncio.Event()
    tasks = []
    # open the attack in a burst (a few ms apart), as an attacker would
    for kind, count in (("slowloris", a.slowloris), ("slowbody", a.slowbody)):
        for _ in range(count):
            tasks.append(asyncio.create_task(hold(kind, a.port, stats, stop, a.interval)))
            await asyncio.sleep(0.005)
    await asyncio.sleep(a.warmup)
    paths = ["/healthz", a.page]
    probes = []
    t_end = time.monotonic() + a.seconds
    i = 0
    while time.monotonic() < t_end:
        probes.append(asyncio.create_task(
            probe(a.port, paths[i % 2], a.cookie if i % 2 else None, stats, a.limit)))
        i += 1
        await asyncio.sleep(a.pace)
    await asyncio.gather(*probes)
    held = dict(stats.open)
    stop.set()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    n = len(stats.probes)
    fast = [t for _, t, _ in stats.probes if t is not None and t <= 1.0]
    lat = sorted(t if t is not None else a.limit for _, t, _ in stats.probes)
    pct = 100.0 * len(fast) / n if n else 0.0
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else 0
    failed = sum(1 for _, t, _ in stats.probes if t is None)
    codes = {}
    for _, _, s in stats.probes:
        codes[s] = codes.get(s, 0) + 1
    print("soak slow-clients probes=%d within_1s=%.1f%% slowloris=%d slowbody=%d "
          "p50_ms=%.0f p95_ms=%.0f failed=%d statuses=%s reopened=%d/%d" % (
              n, pct, held["slowloris"], held["slowbody"], p(0.50), p(0.95), failed,
              ",".join("%s:%d" % (k, v) for k, v in sorted(codes.items())),
              stats.reopened["slowloris"], stats.reopened["slowbody"]))
    return 0 if n > 0 and pct >= a.need else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--slowloris", type=int, default=300)
    ap.add_argument("--slowbody", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60, help="how long the probes run")
    ap.add_argument("--warmup", type=float, default=3, help="attack alone before probing")
    ap.add_argument("--pace", type=float, default=0.1, help="seconds between probe starts")
    ap.add_argument("--limit", type=float, default=5, help="a probe gives up after this")
    ap.add_argument("--interval", type=float, default=2, help="seconds between trickles")
    ap.add_argument("--page", default="/", help="the logged-in page probed")
    ap.add_argument("--cookie", default="", help="Cookie header of a logged-in session")
    ap.add_argument("--need", type=float, default=95.0, help="pass when within_1s >= this")
    args = ap.parse_args()
    sys.exit(asyncio.run(main(args)))
