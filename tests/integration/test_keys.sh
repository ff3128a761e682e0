# Field encryption at rest and key rotation: no plaintext ID number in the
# database, a new key re-encrypts every declared column without losing a
# record, lookups (HMAC) survive, and the portal keeps decrypting.
ctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@"; }
keyfile=$(sed -n 's/^key_file = //p' "$TEST_DIR/portal.conf")
[ "$(sql "SELECT COUNT(*) FROM children")" -ge 20 ] || ctl seed --children 40 >/dev/null
n=$(sql "SELECT COUNT(*) FROM children WHERE id_enc IS NOT NULL")
nf=$(sql "SELECT COUNT(*) FROM child_family WHERE id_enc IS NOT NULL")
check "seeded children have encrypted ID numbers" [ "$n" -ge 20 ]
check "the key file is mode 0400" [ "$(stat -c %a "$keyfile")" = 400 ]
# no 18-character ID number in any table: dump the database and look
mariadb-dump --socket="$TEST_DIR/run/mysqld.sock" -uroot --skip-extended-insert portal >"$OUT/dump.sql"
check "no plaintext ID number anywhere in a database dump" bash -c "! grep -aEq \"'500242(19|20)[0-9]{9}[0-9X]'\" '$OUT/dump.sql'"
check "no ID number in the portal's log" bash -c "! grep -aEq '500242(19|20)[0-9]{9}[0-9X]' '$TEST_DIR/log/portal.log'"
hm=$(sql "SELECT id_hmac FROM children WHERE id_hmac IS NOT NULL ORDER BY id LIMIT 1")
k0=$(grep -c '^enc ' "$keyfile")
k1=$((k0 + 1)); k2=$((k0 + 2))
out=$(ctl keys rotate); rc=$?
check "portalctl keys rotate succeeds" [ $rc = 0 ]
check "it reports the values re-encrypted" grep -q "rotation done" <<<"$out"
check "the key file holds one more encryption key" [ "$(grep -c '^enc ' "$keyfile")" = "$k1" ]
check "the key file is still mode 0400" [ "$(stat -c %a "$keyfile")" = 400 ]
check "every child ID is now under the new key" [ "$(sql "SELECT COUNT(*) FROM children WHERE ASCII(id_enc) = $k1")" = "$n" ]
check "every family member ID is now under the new key" [ "$(sql "SELECT COUNT(*) FROM child_family WHERE ASCII(id_enc) = $k1")" = "$nf" ]
check "no record was lost" [ "$(sql "SELECT COUNT(*) FROM children WHERE id_enc IS NOT NULL")" = "$n" ]
check "HMAC lookups are unchanged by a rotation" [ "$(sql "SELECT COUNT(*) FROM children WHERE id_hmac='$hm'")" = 1 ]
check "the rotation was audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='keys.rotate'")" -ge 1 ]
check "the audit chain is intact" ctl audit verify
# the portal reloaded and decrypts with the new key: a second rotation needs
# every value to decrypt, so it proves the data is whole
out=$(ctl keys rotate); rc=$?
check "a second rotation decrypts everything again" [ $rc = 0 ]
check "every child ID is now under the key after it" [ "$(sql "SELECT COUNT(*) FROM children WHERE ASCII(id_enc) = $k2")" = "$n" ]
# a tampered value stops the rotation before it writes anything of that batch
id=$(sql "SELECT id FROM children WHERE id_enc IS NOT NULL ORDER BY id LIMIT 1")
sql "UPDATE children SET id_enc = CONCAT(LEFT(id_enc, 20), CHAR(ASCII(SUBSTRING(id_enc, 21, 1)) ^ 1), SUBSTRING(id_enc, 22)) WHERE id = $id"
out=$(ctl keys rotate 2>&1); rc=$?
check "a value that does not decrypt stops the rotation" [ $rc != 0 ]
check "the refusal names the row" grep -q "row $id does not decrypt" <<<"$out"
check "nothing of the failed batch was written" [ "$(sql "SELECT COUNT(*) FROM children WHERE ASCII(id_enc) = $k2")" = "$n" ]
# put the byte back so later tests see whole data
sql "UPDATE children SET id_enc = CONCAT(LEFT(id_enc, 20), CHAR(ASCII(SUBSTRING(id_enc, 21, 1)) ^ 1), SUBSTRING(id_enc, 22)) WHERE id = $id"
out=$(ctl keys rotate 2>&1); rc=$?
check "after repair the rotation completes" [ $rc = 0 ]
