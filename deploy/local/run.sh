#!/usr/bin/env bash
# make run: start the development instance under var/ and say how to use it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${1:-8080}
bash "$ROOT/deploy/local/instance.sh" start var "$PORT"
"$ROOT/build/portalctl" --config "$ROOT/var/portal.conf" seed-demo >/dev/null
cat <<MSG

酉阳县困境儿童保障工作平台 is running: http://127.0.0.1:$PORT/

Demo accounts (demo data only):
  admin     Admin#2026portal     系统管理员 (runs the site)
  secadmin  Secadmin#2026portal  安全管理员 (users and roles)
  auditor   Audit#2026portal     审计员 (reads the audit log)
  township  Town#2026portal      龙潭镇工作人员 (registry of 龙潭镇)
The three administrator accounts must enrol a TOTP authenticator at first
login (any RFC 6238 app; the secret is shown as text).

Logs: var/log/   Configuration: var/portal.conf   Stop: make stop
MSG
