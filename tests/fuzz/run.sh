#!/usr/bin/env bash
# Build every libFuzzer target (clang, ASan + UBSan) and run each for the
# given number of seconds on its corpus; prints "fuzz TARGET PASS|FAIL".
#   bash tests/fuzz/run.sh 5      (make test)     bash tests/fuzz/run.sh 600  (make fuzz)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SECONDS_EACH=${1:-5}
OUT=build-fuzz
mkdir -p "$OUT"
rc=0
for src in tests/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    if ! clang -g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=undefined -Icgi -Icgi/host "$src" cgi/host/http.c cgi/host/util.c cgi/host/imgmeta.c -lz -o "$OUT/$t"; then
        echo "fuzz $t FAIL"; rc=1; continue
    fi
    corpus="tests/fuzz/corpus/${t#fuzz_}"
    work=$(mktemp -d)
    [ -d "$corpus" ] && cp -r "$corpus/." "$work/"
    if "$OUT/$t" -max_total_time="$SECONDS_EACH" -timeout=5 -rss_limit_mb=2048 \
        -artifact_prefix="$OUT/$t-" "$work" >"$OUT/$t.log" 2>&1; then
        echo "fuzz $t PASS"
    else
        echo "fuzz $t FAIL"; tail -30 "$OUT/$t.log"; rc=1
    fi
    rm -rf "$work"
done
exit $rc
