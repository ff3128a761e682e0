# Field encryption at rest and key rotation: no plaintext ID number in the
# database, a new key re-encrypts every declared column without losing a
# record, lookups (HMAC) survive, and the portal keeps decrypting.
ctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@"; }
keyfile=$(sed -n 's/^key_file = //p' "$TEST_DIR/portal.conf")
[ "$(sql "SELECT COUNT(*) FROM children WHERE id_enc IS NOT NULL")" -ge 20 ] || ctl seed --children 40 >/dev/null
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

# ---- the 国密 suite (issue 19 item 5): AES -> SM4 -> AES, nothing lost.
# A child filed through the portal with a known ID number and a family
# member's ID: after each rotation the portal still decrypts the member's
# number (masked on the file page) and still finds the child's number by its
# lookup (the duplicate warning), and no plaintext is in a dump.
tj=$(login township 'Town#2026portal' "$OUT/keys.t")
kid=$(make_id 500242 20150607 2); fid=$(make_id 500242 19850101 1)
req GET /children/new -b "$tj"
post /children/new "$tj" --data-urlencode "name=国密$RANDOM" --data sex=2 --data birth_date=2015-06-07 \
    --data-urlencode "ethnicity=土家族" --data village_code=500242101001 --data "id_number=$kid"
kc=$(loc_id /children)
req GET "/children/$kc" -b "$tj"
post "/children/$kc/family" "$tj" --data-urlencode "relation=母亲" --data-urlencode "name=母亲$RANDOM" \
    --data "id_number=$fid" --data situation=normal
check "a child and a family member with ID numbers are filed" [ "$(sql "SELECT COUNT(*) FROM child_family WHERE child_id=$kc AND id_enc IS NOT NULL")" = 1 ]
suite_round() { # suite_round SUITE: rotate into it, then what the portal must still do
    local s=$1 before after n0
    before=$(sql "SELECT id_hmac FROM children WHERE id=$kc")
    n0=$(sql "SELECT COUNT(*) FROM children WHERE id_hmac IS NOT NULL")
    out=$(ctl keys rotate --suite "$s" 2>&1); rc=$?
    check "rotation into suite $s succeeds" [ $rc = 0 ]
    check "... the key file says suite $s last" [ "$(grep '^suite ' "$keyfile" | tail -n1)" = "suite $s" ]
    local k; k=$(grep -E '^(enc|sm4) ' "$keyfile" | awk '{print $2}' | sort -n | tail -n1)
    check "... the newest key ($k) is of suite $s" grep -q "^$([ "$s" = sm ] && echo sm4 || echo enc) $k " "$keyfile"
    check "... every encrypted ID is under it" [ "$(sql "SELECT COUNT(*) FROM children WHERE id_enc IS NOT NULL AND ASCII(id_enc) <> $k")" = 0 ]
    after=$(sql "SELECT id_hmac FROM children WHERE id=$kc")
    check "... the lookups were computed anew under $s" eval '[ -n "$after" ] && [ "$after" != "$before" ]'
    check "... and none was lost" [ "$(sql "SELECT COUNT(*) FROM children WHERE id_hmac IS NOT NULL")" = "$n0" ]
    check "... the file key and suite are audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='keys.rotate' AND detail LIKE 'key $k (%-> $s)%'")" = 1 ]
    sleep 1   # the portal reloads its keys on SIGHUP
    req GET "/children/$kc" -b "$tj"
    check "... the portal decrypts the family member's number" eval 'status_is 200 && body_has "${fid:0:6}********${fid:14:4}" && body_lacks "无法解密"'
    req GET /children/new -b "$tj"
    post /children/new "$tj" --data-urlencode "name=重复$RANDOM" --data sex=2 --data birth_date=2015-06-07 \
        --data-urlencode "ethnicity=土家族" --data village_code=500242101001 --data "id_number=$kid"
    check "... and finds the child's number by its $s lookup" eval 'status_is 400 && body_has "该身份证号已有档案"'
    mariadb-dump --socket="$TEST_DIR/run/mysqld.sock" -uroot --skip-extended-insert portal >"$OUT/dump-$s.sql"
    check "... no plaintext ID number in a dump" bash -c "! grep -aqF '$kid' '$OUT/dump-$s.sql' && ! grep -aqF '$fid' '$OUT/dump-$s.sql'"
}
suite_round sm
suite_round aes
check "the audit chain is intact after both" ctl audit verify
