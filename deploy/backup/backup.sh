#!/usr/bin/env bash
# Back up the portal database: a consistent dump (one InnoDB snapshot, no
# locks held while it runs), gzip-compressed, in a dated file; the oldest
# dumps beyond KEEP are removed.
#
#   backup.sh DEST_DIR [KEEP]        KEEP: how many dumps to keep (30)
#   cron:  15 2 * * *  root  /usr/lib/portal/backup.sh /var/backups/portal 30
#
# Environment: PORTAL_DB (portal), DB_SOCKET (MariaDB's socket; default: the
# client's own default), DB_USER (root, unix-socket authentication),
# ATTACHMENTS_DIR (the portal's attachments_dir: when set, its files - scans
# and service photos - go into attachments-STAMP.tar.gz beside the dump,
# with the same retention).
#
# The field-encryption key file (key_file) is NOT in the dump, on purpose:
# ID numbers and abuse reports are encrypted with it, so a stolen or mislaid
# backup stays unreadable without it. Keep a copy of the key file apart from
# the dumps (offline, another place); without it the encrypted fields of
# every backup are lost.
# Uploaded files (attachments_dir, /var/lib/portal/attachments) are not in
# the database: set ATTACHMENTS_DIR, or back that folder up with the file
# backups.
# Restore (the dump creates the database if missing):
#   gunzip -c FILE | mariadb       then: portalctl --config ... audit verify
set -euo pipefail

usage() { echo "usage: backup.sh DEST_DIR [KEEP]" >&2; exit 2; }
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
dest=$1
keep=${2:-30}
case "$keep" in '' | *[!0-9]* | 0) echo "backup: KEEP must be a number >= 1" >&2; exit 2 ;; esac
db=${PORTAL_DB:-portal}
conn=(--user="${DB_USER:-root}")
[ -n "${DB_SOCKET:-}" ] && conn+=(--socket="$DB_SOCKET")

umask 077
mkdir -p "$dest"
chmod 700 "$dest"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
file="$dest/$db-$stamp.sql.gz"
tmp="$file.partial"
trap 'rm -f "$tmp"' EXIT

# --single-transaction: a consistent snapshot of every InnoDB table without
# locking the portal out; --routines/--triggers/--events: the schema's code
# too; --hex-blob: encrypted columns survive any character set handling.
mariadb-dump "${conn[@]}" --single-transaction --quick --routines --triggers --events \
    --hex-blob --default-character-set=utf8mb4 --databases "$db" | gzip -6 >"$tmp"
# a dump cut short (server gone, disk full) lacks the closing line
gzip -t "$tmp"
gunzip -c "$tmp" | tail -n 1 | grep -q '^-- Dump completed' ||
    { echo "backup: the dump of $db is incomplete" >&2; exit 1; }
mv "$tmp" "$file"
trap - EXIT

# the uploaded files, taken after the dump: a row in the dump whose file came
# later is impossible (files are written before their rows commit)
if [ -n "${ATTACHMENTS_DIR:-}" ]; then
    [ -d "$ATTACHMENTS_DIR" ] || { echo "backup: no folder $ATTACHMENTS_DIR" >&2; exit 1; }
    afile="$dest/attachments-$stamp.tar.gz"
    tar -C "$ATTACHMENTS_DIR" --exclude='.tmp-*' -czf "$afile.partial" .
    gzip -t "$afile.partial"
    mv "$afile.partial" "$afile"
    mapfile -t tars < <(find "$dest" -maxdepth 1 -type f -name "attachments-*.tar.gz" | sort)
    if [ ${#tars[@]} -gt "$keep" ]; then
        rm -f -- "${tars[@]:0:${#tars[@]}-keep}"
    fi
    echo "backup: $afile ($(du -h "$afile" | cut -f1))"
fi

# retention: names sort by date; remove all but the newest KEEP
mapfile -t dumps < <(find "$dest" -maxdepth 1 -type f -name "$db-*.sql.gz" | sort)
if [ ${#dumps[@]} -gt "$keep" ]; then
    rm -f -- "${dumps[@]:0:${#dumps[@]}-keep}"
fi
echo "backup: $file ($(du -h "$file" | cut -f1)); keeping the newest $keep"
