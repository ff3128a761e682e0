# No inline script anywhere (issue 20 item 6): the pages' Content-Security-
# Policy allows scripts from the portal's own origin only, so an inline
# onclick or a javascript: link silently does nothing (the certificate's
# 打印 did).  Every template of the host and of every module is scanned; the
# one script, /static/portal.js, is served and wired to data-* attributes.
# Sourced by tests/run.sh.

offenders=$(find templates modules -name '*.cs' -o -name '*.html' -o -name '*.html.in' | sort |
    xargs grep -nHiE '[[:space:]"'"'"']on[a-z]+[[:space:]]*=|javascript:|<script([^>]*)?>[^<]' 2>/dev/null |
    grep -viE '<script[^>]*src=' || true)
check "no template holds an on*= handler, a javascript: URL or an inline <script>" [ -z "$offenders" ]
[ -n "$offenders" ] && printf '  offender: %s\n' "$offenders" | head -20

req GET /login
check "the pages load the portal's script from its own origin" body_has 'src="/static/portal.js" defer'
check "... and the policy allows scripts from the origin only" header_has "script-src 'self';"
req GET /static/portal.js
check "the script is served as JavaScript" eval 'status_is 200 && grep -qiE "^Content-Type: *(text|application)/javascript" "$OUT/headers"'
check "it prints on a data-print button" body_has "[data-print]"

