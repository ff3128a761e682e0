# Phones (issue 20 item 7): list tables become cards below ~600 px, each
# cell labelled with its column's heading by the host (cgi/host/cards.c,
# from the table's <thead>).  A list table without a <thead> would come out
# as unlabelled cards, so every template's table.list has one.  Sourced by
# tests/run.sh.

heads_missing=$(python3 - templates modules <<'PY'
import os, re, sys
for top in sys.argv[1:]:
    for d, _, fs in os.walk(top):
        for f in sorted(fs):
            if not f.endswith('.cs'):
                continue
            p = os.path.join(d, f)
            s = open(p, encoding='utf-8').read()
            for m in re.finditer(r'<table[^>]*class="[^"]*\blist\b[^"]*"[^>]*>', s):
                end = s.find('</table>', m.end())
                if '<thead' not in s[m.end():end if end > 0 else len(s)]:
                    print('%s:%d' % (p, s[:m.start()].count('\n') + 1))
PY
)
check "every list table of every template has a <thead> (its cards' labels)" [ -z "$heads_missing" ]
[ -n "$heads_missing" ] && printf '  without thead: %s\n' $heads_missing | head -20
