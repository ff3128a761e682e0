# `make module NAME=x` (the skeleton in modules/.skeleton): a module generated
# under a temporary name builds, migrates, loads on the running instance (a
# graceful reload) and its own test drives its pages through Apache: list,
# a refused form, create, view, update, export, close, another township's
# 404.  The generated module is removed afterwards, whatever happened.
# The skeleton's plumbing (tests/plumbing.py: what a module writes only to
# plug into the host) stays within the README's 60 lines.
pl=$(python3 tests/plumbing.py modules/.skeleton)
echo "  $pl"
check "the skeleton's plumbing is at most 60 lines ($pl)" [ "${pl##*=}" -le 60 ]

sk="sk$(date +%s%N | tail -c 7)"
sk_cleanup() {
    rm -rf "modules/$sk" "${PORTAL_BUILD:-build}/modules/$sk.so"
    kill -HUP "$(portal_master_pid)" 2>/dev/null || true
}
trap sk_cleanup EXIT
sk_ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/$sk")" != 404 ]; }

check "make module generates modules/$sk" make -s module NAME="$sk"
check "the skeleton's names are all replaced" bash -c "! grep -rl skeleton 'modules/$sk'"
check "the generated module builds" make -s "${PORTAL_BUILD:-build}/modules/$sk.so"
check "its migration applies" ${PORTAL_BUILD:-build}/portalctl --config "$TEST_DIR/portal.conf" migrate
kill -HUP "$(portal_master_pid)"
wait_for sk_ready
req GET "/$sk"
check "the reloaded portal serves it (login asked)" status_is 303
abi=$(sed -n 's/^#define PORTAL_ABI_\(MAJOR\|MINOR\) *\([0-9]*\).*/\2/p' cgi/portal_module.h | paste -sd.)
check "its version is the ABI it was built for ($abi: the host's default)" \
    eval "${PORTAL_BUILD:-build}/portalctl --config '$TEST_DIR/portal.conf' module list | grep -qE '^$sk +$abi '"
if [ -f "modules/$sk/tests/test_$sk.sh" ]; then
    source "modules/$sk/tests/test_$sk.sh"
else
    check "the generated module has its test" false
fi
sk_cleanup
trap - EXIT
check "the generated module is not left in modules/" [ ! -e "modules/$sk" ]
