#!/usr/bin/env bash
# Install the Debian packages the portal needs - only the missing ones, so a
# warm machine pays nothing (no apt-get update, no network).
#   deps.sh           build + run: compiler, libraries, MariaDB, Apache
#   deps.sh --test    also what the test suite and the bench need
#   deps.sh --bench   also PHP-FPM for make bench's plain PHP pages
#                     (tests/bench/php; never make test or make run)
# Runs as root with no standard input (CI); nothing is started on install.
set -euo pipefail

usage() { echo "usage: deps.sh [--test|--bench]" >&2; exit 2; }
with_test=0 with_bench=0
case "${1:-}" in
    "") ;;
    --test) with_test=1 ;;
    --bench) with_test=1 with_bench=1 ;;
    *) usage ;;
esac
[ $# -le 1 ] || usage

# build + run (galera-4 and rsync: a MariaDB Galera cluster, deploy/cluster,
# and `make cluster-test`)
PKGS=(build-essential pkg-config zlib1g-dev
      libfcgi-dev libfcgi-bin spawn-fcgi clearsilver-dev libmariadb-dev libssl-dev
      libcmocka-dev mariadb-server mariadb-client apache2 libapache2-mod-fcgid
      curl ca-certificates
      libzip-dev libexpat1-dev libxlsxwriter-dev libfreexl-dev
      galera-4 rsync)
# test only: sanitizers and libFuzzer (clang + its runtime), headless browser
# (with a CJK font so screenshots show the Chinese pages), load generator, node;
# python3 for the test helpers and the slow-client driver (tests/soak), and
# python3-xlwt for the Excel 97 (.xls) ledgers the registry's import test
# and the sheet unit test's fixture write;
# valgrind for the uninitialised and freed-memory reads ASan does not see
TEST_PKGS=(clang libclang-rt-14-dev chromium fonts-wqy-zenhei wrk python3 python3-xlwt valgrind)
[ $with_test -eq 1 ] && PKGS+=("${TEST_PKGS[@]}")
# bench only: the plain PHP-FPM version of the list and file pages that
# issue 17 compares the portal with (opcache is part of php8.2-opcache)
BENCH_PKGS=(php8.2-fpm php8.2-mysql php8.2-opcache)
[ $with_bench -eq 1 ] && PKGS+=("${BENCH_PKGS[@]}")

installed() { # a package counts only when fully installed (not "config-files")
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=()
for p in "${PKGS[@]}"; do
    installed "$p" || missing+=("$p")
done
# node and npm may come from outside Debian (nvm, a tarball): whatever is on
# PATH is good enough
if [ $with_test -eq 1 ]; then
    command -v node >/dev/null 2>&1 || installed nodejs || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || installed npm || missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing packages: ${missing[*]} (run as root to install them)" >&2
    exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
