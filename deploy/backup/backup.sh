#!/usr/bin/env bash
# Nightly backup of the portal database: a consistent dump (InnoDB snapshot),
# compressed, dated, with the oldest removed beyond KEEP.
#   backup.sh DEST_DIR [KEEP=30]     (cron: 15 2 * * * root /usr/lib/portal/backup.sh /var/backups/portal)
# The field-encryption key file is NOT in the dump on purpose: ID numbers in a
# stolen backup stay unreadable.  Back the key file up separately, offline.
set -euo pipefail
dest=${1:?usage: backup.sh DEST_DIR [KEEP]}
keep=${2:-30}
db=${PORTAL_DB:-portal}
mkdir -p "$dest"
chmod 700 "$dest"
file="$dest/portal-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
mariadb-dump --single-transaction --routines --triggers --hex-blob "$db" | gzip -9 >"$file.tmp"
mv "$file.tmp" "$file"
chmod 600 "$file"
ls -1t "$dest"/portal-*.sql.gz | tail -n +"$((keep + 1))" | xargs -r rm -f
echo "backup written: $file"
