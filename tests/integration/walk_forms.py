#!/usr/bin/env python3
"""The POST forms of the pages in DIR (DIR/N.html with DIR/N.page "user
path"), each filled with one kind of bad value, as lines for
test_forms_walk.sh: "user<TAB>page<TAB>action<TAB>urlencoded body".

Hidden fields keep their values (the CSRF and idempotency tokens, ids);
a select gets an unknown code, a date an impossible day, a month an
impossible month, a number a word; text keeps what the page shows; boxes
stay unticked; the first named button is sent.  A form with none of the
corrupted kinds (a lone button) is left alone, as are uploads, passwords
and the session's own forms: the walk must refuse, never do.
"""
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import urlencode

SKIP_ACTIONS = re.compile(r"^/(logout|login|account)|password|totp")
BAD = {"date": "2026-02-30", "month": "2026-13", "number": "abc", "datetime-local": "2026-02-30T25:00"}


class Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.cur, self.ta, self.sel = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            post = (a.get("method") or "get").lower() == "post"
            self.cur = {"action": a.get("action") or "", "fields": [], "bad": 0, "skip": 0,
                        "button": None} if post else None
            if post and "multipart" in (a.get("enctype") or ""):
                self.cur["skip"] = 1
            return
        f = self.cur
        if f is None or "name" not in a:
            return
        name = a["name"]
        if tag == "input":
            t = (a.get("type") or "text").lower()
            if t in ("file", "password"):
                f["skip"] = 1
            elif t in BAD:
                f["fields"].append((name, BAD[t]))
                f["bad"] += 1
            elif t in ("checkbox", "radio"):
                pass
            elif t == "submit":
                if f["button"] is None:
                    f["button"] = (name, a.get("value") or "")
            else:
                f["fields"].append((name, a.get("value") or ""))
        elif tag == "textarea":
            self.ta = [name, ""]
        elif tag == "select":
            f["fields"].append((name, "zz_bad"))
            f["bad"] += 1
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            if f["button"] is None:
                f["button"] = (name, a.get("value") or "")

    def handle_data(self, data):
        if self.ta is not None:
            self.ta[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.ta is not None and self.cur is not None:
            self.cur["fields"].append(tuple(self.ta))
            self.ta = None
        elif tag == "form" and self.cur is not None:
            self.forms.append(self.cur)
            self.cur = None


def main(d):
    seen = set()
    for f in sorted(os.listdir(d)):
        if not f.endswith(".page"):
            continue
        user, page = open(os.path.join(d, f), encoding="utf-8").read().split()[:2]
        p = Forms()
        p.feed(open(os.path.join(d, f[:-5] + ".html"), encoding="utf-8", errors="replace").read())
        for form in p.forms:
            action = form["action"] or page
            # one submission per user and route shape (ids as N)
            key = (user, re.sub(r"/\d+", "/N", action))
            if form["skip"] or not form["bad"] or SKIP_ACTIONS.search(action) or key in seen:
                continue
            seen.add(key)
            fields = form["fields"] + ([form["button"]] if form["button"] and form["button"][0] else [])
            print("%s\t%s\t%s\t%s" % (user, page, action, urlencode(fields)))


main(sys.argv[1])
