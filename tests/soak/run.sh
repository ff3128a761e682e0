#!/usr/bin/env bash
# make soak: the slow-client attack at full size against the real stack
# (Apache -> portal -> MariaDB) on a private instance: 300 slowloris + 50 slow
# bodies (POST, Content-Length 100000, a few bytes a second) while /healthz
# and a logged-in page are probed 10 times a second. Prints
#   soak slow-clients probes=N within_1s=P% ...
# and exits non-zero when fewer than 95% of the probes answered within 1 s.
# SOAK_SECONDS (60), SOAK_SLOWLORIS (300), SOAK_SLOWBODY (50), SOAK_PORT,
# SOAK_DIR, WORKERS (4, as in production-sized tests).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DIR=${SOAK_DIR:-$ROOT/var/soak}
PORT=${SOAK_PORT:-18380}
bash deploy/local/deps.sh --test >/dev/null
make -s -j2 all
stop() { bash deploy/local/instance.sh stop "$DIR" "$PORT" >/dev/null 2>&1 || true; }
trap stop EXIT
stop
WORKERS=${WORKERS:-4} REQUIRE_TOTP_ROLES="" bash deploy/local/instance.sh start "$DIR" "$PORT" >/dev/null
build/portalctl --config "$DIR/portal.conf" seed-demo >/dev/null
BASE="http://127.0.0.1:$PORT"

# a logged-in township user: the probes' session cookie
TEST_DIR=$DIR
# shellcheck source=../lib.sh
source tests/lib.sh
PSID=$(session_id township 'Town#2026portal')
[ -n "$PSID" ] || { echo "soak: the township user could not log in" >&2; exit 1; }

ulimit -n 4096 2>/dev/null || true
python3 tests/soak/slow_clients.py --port "$PORT" --cookie "psid=$PSID" \
    --slowloris "${SOAK_SLOWLORIS:-300}" --slowbody "${SOAK_SLOWBODY:-50}" \
    --seconds "${SOAK_SECONDS:-60}"
