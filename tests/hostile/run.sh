#!/usr/bin/env bash
# make hostile: the hostile replay (tests/hostile/replay.py) for DURATION
# seconds (600 by default) against a private instance (var/hostile) running
# the ASan/UBSan build of the portal and modules (HOSTILE_BUILD=build: the
# normal build).  Fails when a worker died by a signal or a sanitizer
# reported anything.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${HOSTILE_DIR:-$ROOT/var/hostile}
PORT=${HOSTILE_PORT:-18380}
export PORTAL_BUILD=${HOSTILE_BUILD:-build-asan}
bash deploy/local/deps.sh --test >/dev/null
make -s -j2 all testmods
[ "$PORTAL_BUILD" = build ] || make -s -j2 asan
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
rm -rf "$DIR"
export EXTRA_MODULES_DIR="$ROOT/$PORTAL_BUILD/testmods/testkit" EXTRA_MODULES_SRC="$ROOT/tests/modules"
REQUEST_TIMEOUT=${REQUEST_TIMEOUT:-10} WORKERS=4 MAX_REQUESTS=2000 CORE_DUMPS=1 REQUIRE_TOTP_ROLES="" \
    bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
# as make run does: accounts, children, then the modules' demo data (which
# assigns some of those children to the demo partner)
"$PORTAL_BUILD/portalctl" --config "$DIR/portal.conf" seed-demo >/dev/null
"$PORTAL_BUILD/portalctl" --config "$DIR/portal.conf" seed --children "${HOSTILE_CHILDREN:-500}" >/dev/null
"$PORTAL_BUILD/portalctl" --config "$DIR/portal.conf" seed-demo --modules >/dev/null
"$PORTAL_BUILD/portalctl" --config "$DIR/portal.conf" module routes >"$DIR/routes.tsv"
python3 tests/hostile/replay.py --base "http://127.0.0.1:$PORT" --instance "$DIR" \
    --routes "$DIR/routes.tsv" --duration "${DURATION:-600}"
