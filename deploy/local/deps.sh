#!/usr/bin/env bash
# Install the Debian packages the portal needs, only those missing, so a warm
# machine pays nothing.  --test adds what the test suite and bench need.
set -euo pipefail
PKGS=(build-essential pkg-config libfcgi-dev libfcgi-bin spawn-fcgi clearsilver-dev
      libmariadb-dev mariadb-server mariadb-client libssl-dev zlib1g-dev apache2
      libapache2-mod-fcgid curl ca-certificates)
TEST_PKGS=(libcmocka-dev clang libclang-rt-14-dev chromium fonts-wqy-zenhei wrk)
[ "${1:-}" = "--test" ] && PKGS+=("${TEST_PKGS[@]}")
missing=()
for p in "${PKGS[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# node and npm may come from outside Debian: accept whatever is on PATH
if [ "${1:-}" = "--test" ]; then
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian starts nothing here (no systemd), but a machine that does would hold
# port 80 and the system MariaDB: the project runs its own private servers.
exit 0
