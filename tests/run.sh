#!/usr/bin/env bash
# make test: the whole suite on a private instance of its own.
#   1. install what is missing, build (normal + ASan/UBSan for unit tests)
#   2. unit tests (cmocka), short libFuzzer runs on the parsers
#   3. a private instance (MariaDB + portal + Apache) under var/test on its
#      own port, with the testkit module; integration tests over HTTP;
#      the browser test in headless Chromium
#   4. stop the instance whatever happened; last line: "N passed, M failed"
# While working on one feature: QUICK=1 skips the ASan build, unit tests, fuzz
# and the browser; ONLY=volunteer runs only tests/integration/test_*volunteer*.sh;
# TEST_PORT picks the first port tried.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export ROOT
export TEST_DIR="$ROOT/var/test"
export RESULTS="$ROOT/tests/out/results.tsv"
mkdir -p tests/out
: >"$RESULTS"

pick_port() { # the first free port from TEST_PORT on (100 tried)
    local p first=${TEST_PORT:-18080}
    for p in $(seq "$first" $((first + 100))); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
    echo "$first"
}

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$RESULTS"; }

echo "== dependencies and build"
bash deploy/local/deps.sh --test || { echo "dependency install failed"; exit 1; }
make -s -j2 all testmods >tests/out/build.log 2>&1 || { cat tests/out/build.log; echo "0 passed, 1 failed"; exit 1; }
[ -n "${QUICK:-}" ] || make -s -j2 asan >>tests/out/build.log 2>&1 || { tail -30 tests/out/build.log; echo "0 passed, 1 failed"; exit 1; }

echo "== unit tests (ASan + UBSan)"
for t in ${QUICK:+/nonexistent}build-asan/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    out=$("$t" 2>&1); rc=$?
    echo "$out" | grep -E '^\[  (FAILED|ERROR) \]|^\[  PASSED  \]' | sed 's/^/  /'
    # one result line per cmocka test case
    echo "$out" | sed -n 's/^\[       OK \] \(.*\)/\1/p' | while read -r c; do record PASS "$name" "$c"; done
    echo "$out" | sed -n 's/^\[  FAILED  \] \([a-z_0-9]*\)$/\1/p; s/^\[  ERROR   \] \(.*\)/\1/p' |
        while read -r c; do record FAIL "$name" "$c"; done
    if [ $rc -ne 0 ] && ! grep -q "^FAIL	$name" "$RESULTS"; then record FAIL "$name" "exit $rc"; fi
done

echo "== fuzz (short runs)"
if [ -z "${QUICK:-}" ] && [ -f tests/fuzz/run.sh ]; then
    if bash tests/fuzz/run.sh "${FUZZ_SECONDS:-5}" >tests/out/fuzz.log 2>&1; then
        grep -E '^fuzz ' tests/out/fuzz.log | while read -r _ tgt verdict; do
            record "$verdict" fuzz "$tgt"; echo "  $verdict $tgt"; done
    else
        tail -20 tests/out/fuzz.log
        record FAIL fuzz "a fuzz target failed (tests/out/fuzz.log)"
    fi
fi

echo "== integration (private instance)"
PORT=$(pick_port)
export BASE="http://127.0.0.1:$PORT"
cleanup() { bash deploy/local/instance.sh stop "$TEST_DIR" "$PORT" >/dev/null 2>&1; }
trap cleanup EXIT
cleanup
rm -rf "$TEST_DIR"
export EXTRA_MODULES_DIR="$ROOT/build/testmods/testkit"
export EXTRA_MODULES_SRC="$ROOT/tests/modules"
export REQUEST_TIMEOUT=4 WORKERS=4 MAX_REQUESTS=300
export CLOCK_FILE="$TEST_DIR/run/today"  # tests of deadlines write a date here
export REQUIRE_TOTP_ROLES=""   # demo admin/auditor log in with a password; test_admin.sh tests TOTP per user
if ! bash deploy/local/instance.sh start "$TEST_DIR" "$PORT" >tests/out/instance.log 2>&1; then
    cat tests/out/instance.log
    record FAIL instance "the test instance did not start"
else
    build/portalctl --config "$TEST_DIR/portal.conf" seed-demo >/dev/null
    for f in tests/integration/test_*${ONLY:-}*.sh; do
        echo "-- $f"
        ( export TEST_FILE=$(basename "$f" .sh); source tests/lib.sh; source "$f" )
    done
    if [ -z "${QUICK:-}" ] && [ -f tests/browser/login.mjs ]; then
        echo "-- browser"
        [ -d tests/browser/node_modules/playwright-core ] ||
            (cd tests/browser && npm install --no-audit --no-fund --loglevel=error >/dev/null)
        if (cd tests/browser && BASE="$BASE" OUT_DIR="$ROOT/tests/out" node login.mjs); then
            record PASS browser "login and home page in headless Chromium"
        else
            record FAIL browser "see output above"
        fi
    fi
fi

passed=$(grep -c '^PASS' "$RESULTS")
failed=$(grep -c '^FAIL' "$RESULTS")
if [ "$failed" -gt 0 ]; then echo "failures:"; grep '^FAIL' "$RESULTS" | sed 's/^/  /'; fi
cleanup
trap - EXIT
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
