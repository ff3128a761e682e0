#!/usr/bin/env bash
# Bench-only: diff two pages as a user sees them: one tag per line, whitespace
# between tags ignored, CSRF and idempotency tokens masked.
#   pagediff.sh OURS.html PHP.html   (exit 0: the same)
set -euo pipefail
norm() {
    perl -0777 -pe 's/>\s*</>\n</g' "$1" | sed -e 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -v '^$' |
        sed -E 's/name="_(csrf|idem)" value="[^"]*"/name="_\1" value="T"/'
}
diff <(norm "$1") <(norm "$2")
