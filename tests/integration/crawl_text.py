#!/usr/bin/env python3
"""The words a user reads on a page that are ASCII words outside the
allowlist (issue 20 minors: raw codes and English in the UI).

Reads DIR/N.html with DIR/N.page ("user path"); prints "user path: words"
for each page with an offending word.  CRAWL_ALLOW (spaces) adds words
shown on purpose (usernames, organisation and module codes).  Text
inside <script>, <style>, <code>, <kbd> and <samp> (codes shown on purpose)
is not read; nor are attributes (option values, hrefs).
"""
import os
import re
import sys
from html.parser import HTMLParser

# shown on purpose: formats, units, standards, the ID number's check letter
ALLOW = {
    "ID", "CSV", "Excel", "PDF", "JPEG", "PNG", "JPG", "MB", "KB", "GB", "T", "ISO", "X", "x",
    "TOTP", "IP", "URL", "HTTP", "HTTPS", "UTF", "xlsx", "xls", "csv", "pdf", "png", "jpg",
    "Word", "docx",
    "jpeg", "Microsoft", "Authenticator", "Google", "App", "QQ", "WPS", "CSP", "Chrome",
    "Chromium", "Firefox", "Edge", "Safari", "A", "B", "C", "D", "OK", "km", "kg", "cm",
    "m", "s", "ms", "AES", "GCM", "HMAC", "SHA", "RFC", "GBK", "Ext", "UTC", "FreeOTP",
}
ALLOW |= set(os.environ.get("CRAWL_ALLOW", "").split())
# the audit log shows its action and object codes to the auditor on purpose
PAGES_OF_CODES = ("/admin/audit",)
SKIP = {"script", "style", "code", "kbd", "samp", "textarea"}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def ui_word(w):
    """A word the portal itself may have written: not a single letter and
    not a token with digits (test data and identifiers people typed, such as
    an organisation named "Rpn834443" or an escaped "<b>")."""
    return len(w) > 1 and not any(c.isdigit() for c in w)


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.words = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.words += WORD.findall(data)


def words(html):
    p = Text()
    p.feed(html)
    seen = []
    for w in p.words:
        if ui_word(w) and w not in ALLOW and w not in seen:
            seen.append(w)
    return seen


d = sys.argv[1]
for f in sorted(os.listdir(d), key=lambda x: int(x.split(".")[0])):
    if not f.endswith(".page"):
        continue
    with open(os.path.join(d, f), encoding="utf-8") as fh:
        page = fh.read().strip()
    if page.split(" ", 1)[1].startswith(PAGES_OF_CODES):
        continue
    with open(os.path.join(d, f[:-5] + ".html"), encoding="utf-8", errors="replace") as fh:
        w = words(fh.read())
    if w:
        print(page + ": " + " ".join(w))
