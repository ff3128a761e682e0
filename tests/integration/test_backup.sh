# deploy/backup/backup.sh against the test instance: a complete, private
# dump; the uploaded files (scans, service photos) beside it, every file a
# database row names included; retention; refusals.
B="$OUT/backups"
rm -rf "$B"
bk() { DB_SOCKET="$TEST_DIR/run/mysqld.sock" DB_USER=root ATTACHMENTS_DIR="$TEST_DIR/attachments" \
       bash deploy/backup/backup.sh "$@" >"$OUT/backup.out" 2>&1; }
# at least one stored file, whatever ran before
tag=$(date +%s%N | tail -c 7)
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
     VALUES ('备份测试童$tag', 1, '2015-01-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP())"
cid=$(sql "SELECT id FROM children WHERE name='备份测试童$tag'")
tj=$(login township 'Town#2026portal' "$OUT/jar.bk")
printf '%%PDF-1.4\n%% backup test\n%%%%EOF\n' >"$OUT/bk.pdf"
req POST "/children/$cid/attachments" -b "$tj" -H "Origin: $BASE" -F "_csrf=$(csrf "$tj")" \
    -F "kind=其他" -F "file=@$OUT/bk.pdf;type=application/pdf"
check "a scan is attached for the backup to carry" status_is 303

bk "$B" 2; rc=$?
check "the backup runs (exit 0)" [ "$rc" -eq 0 ]
dump=$(ls "$B"/portal-*.sql.gz 2>/dev/null | head -n1)
tarf=$(ls "$B"/attachments-*.tar.gz 2>/dev/null | head -n1)
check "it writes a dump and an archive of the uploaded files" eval '[ -n "$dump" ] && [ -n "$tarf" ]'
check "the dump is whole (gzip intact, ends with Dump completed)" \
    eval 'gzip -t "$dump" && gunzip -c "$dump" | tail -n1 | grep -q "^-- Dump completed"'
check "it holds the children and the audit log" \
    eval 'gunzip -c "$dump" | grep -q "CREATE TABLE \`children\`" && gunzip -c "$dump" | grep -q "CREATE TABLE \`audit_log\`"'
check "the folder and the files are private (700, 600)" \
    eval '[ "$(stat -c %a "$B")" = 700 ] && [ "$(stat -c %a "$dump")" = 600 ] && [ "$(stat -c %a "$tarf")" = 600 ]'
stored=$(sql "SELECT stored_name FROM child_attachments UNION ALL SELECT stored_name FROM volunteer_log_photos" | sort)
intar=$(tar -tzf "$tarf" | sed -n 's|^\./\([0-9a-f]\{64\}\)$|\1|p' | sort)
missing=$(comm -23 <(echo "$stored") <(echo "$intar") | grep -c . || true)
check "every file a database row names is in the archive ($(echo "$stored" | grep -c .) files)" \
    eval '[ -n "$stored" ] && same "$missing" 0'
check "no half-written temporary file is archived" eval '! tar -tzf "$tarf" | grep -q "\.tmp-"'

sleep 1; bk "$B" 2; sleep 1; bk "$B" 2
check "KEEP=2 keeps the newest two dumps and two archives" \
    eval '[ "$(ls "$B"/portal-*.sql.gz | wc -l)" = 2 ] && [ "$(ls "$B"/attachments-*.tar.gz | wc -l)" = 2 ]'
check "the oldest went" eval '[ ! -e "$dump" ] && [ ! -e "$tarf" ]'
bk "$B" 0; rc=$?
check "KEEP=0 is refused (exit 2)" eval '[ "$rc" -eq 2 ] && grep -q "KEEP must be" "$OUT/backup.out"'
ATTACHMENTS_DIR="$OUT/none" DB_SOCKET="$TEST_DIR/run/mysqld.sock" DB_USER=root \
    bash deploy/backup/backup.sh "$B" 2 >"$OUT/backup.out" 2>&1; rc=$?
check "a missing attachments folder is an error, not a silent skip" eval '[ "$rc" -ne 0 ] && grep -q "no folder" "$OUT/backup.out"'
rm -rf "$B"
