# A deadlock inside a request's transaction, on one MariaDB (until now only
# make cluster-test, on Galera, caught it): InnoDB rolls back the WHOLE
# transaction of its victim, not the statement.  The request must then be
# run again (or fail with the Chinese message): never answer success while
# its writes are gone.  Before 713897d the host answered such a request with
# its page when the statement that deadlocked was one whose failure it
# shrugs off (clearing the flash a page showed).
#
# The deadlock is scripted on real rows: the test's own session T, made the
# heavier transaction (40 rows inserted) so that InnoDB picks the request R
# as its victim, locks R's session row; R (GET /account/totp, which stores
# a new pending TOTP secret and shows it, with the message left by the
# previous request) locks its user row, shows its page and waits on the
# session row to clear the message; T then asks for the user row: a cycle.

uniq_tag=$(date +%s%N | tail -c 7)
dbsock="$TEST_DIR/run/mysqld.sock"
db_user=$(sed -n 's/^db_user *= *//p' "$TEST_DIR/portal.conf")
db_user=${db_user:-portal}
user="dl_$uniq_tag"
add_user "$user" --display-name 死锁测试 --role township_staff --division 500242101000 \
    --password 'Deadlock#2026portal'
uid=$(uid_of "$user")
jar=$(login "$user" 'Deadlock#2026portal')
psid=$(awk '$6 == "psid" {print $7}' "$jar")
check "a user of its own, signed in" bash -c "[ -n '$uid' ] && [ -n '$psid' ]"
# a message for the next page: the request will show it, then clear it
post /notices/read-all "$jar"
check "the previous request left a message for the next page" \
    [ "$(sql "SELECT flash IS NOT NULL FROM sessions WHERE token_hash = UNHEX(SHA2('$psid', 256))")" = 1 ]

# T: one mariadb session, fed statement by statement; MARK lines tell where it is
coproc TX { mariadb --socket="$dbsock" -uroot -N -B -n --force portal 2>&1; }
: >"$OUT/tx.out"
tx() { echo "$1; SELECT '$2';" >&"${TX[1]}"; tx_until "$2"; }   # tx SQL MARK: run, wait for it
tx_until() { # tx_until MARK: T's output up to the line MARK (20 s at most)
    local line
    while IFS= read -r -t 20 line <&"${TX[0]}"; do
        echo "$line" >>"$OUT/tx.out"
        [ "$line" = "$1" ] && return 0
    done
    return 1
}
# T's part once R clears the message: T watches from inside MariaDB (a loop
# of 10 ms sleeps over the processlist) for R's statement on its session
# row, its page made, and asks for R's user row at once.  R waits only
# innodb_lock_wait_timeout (2 s here): too short a window for a shell's
# polls on a loaded machine (and information_schema's lock tables do not
# change under such a loop; the processlist does)
close_cycle="BEGIN NOT ATOMIC
  DECLARE i INT DEFAULT 0;
  WHILE i < 1500 AND NOT EXISTS (SELECT 1 FROM information_schema.processlist
        WHERE user = '$db_user' AND info LIKE 'UPDATE sessions SET flash%') DO
    DO SLEEP(0.01);
    SET i = i + 1;
  END WHILE;
  SELECT IF(i < 1500, 'r waits', 'r never waited');
  SELECT id FROM users WHERE id = $uid FOR UPDATE;
END"

lines=$(wc -l <"$TEST_DIR/log/portal.log")
tx "BEGIN; INSERT INTO test_notes (body) SELECT CONCAT('deadlock ballast $uniq_tag ', seq) FROM seq_1_to_40" ballast
tx "SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2('$psid', 256)) FOR UPDATE" held
curl -s -o "$OUT/r.body" -D "$OUT/r.headers" -w '%{http_code}' --max-time 30 -b "$jar" \
    "$BASE/account/totp" >"$OUT/r.status" &
rpid=$!
printf 'DELIMITER //\n%s //\nDELIMITER ;\nSELECT %s;\n' "$close_cycle" "'closed'" >&"${TX[1]}"
tx_until closed
tx "ROLLBACK" done
wait "$rpid"
exec {TX[1]}>&- 2>/dev/null
check "the request held its user row and waited on its session row" grep -qx 'r waits' "$OUT/tx.out"
check "InnoDB found the deadlock and rolled back the request, not the heavier test session" \
    bash -c "! grep -q 'ERROR 1213' '$OUT/tx.out' && grep -qx '$uid' '$OUT/tx.out'"
check "the host ran the request again" \
    bash -c "tail -n +$((lines + 1)) '$TEST_DIR/log/portal.log' | grep -q 'PT0401 deadlock in GET /account/totp'"
secret=$(sed -n 's|.*<code id="totp-secret">\([^<]*\)</code>.*|\1|p' "$OUT/r.body" | head -n1)
check "it answered with the page, showing a secret" bash -c "[ \"\$(cat '$OUT/r.status')\" = 200 ] && [ -n '$secret' ]"
check "the page run again shows the message the undone run showed" grep -qF '已全部标为已读。' "$OUT/r.body"
check "... and cleared it: the message is shown once" \
    [ "$(sql "SELECT flash IS NULL FROM sessions WHERE token_hash = UNHEX(SHA2('$psid', 256))")" = 1 ]
req GET /account/totp -b "$jar"
check "the secret it showed is the one stored (the page again shows the same)" body_has "$secret"
check "... without the message again" bash -c "! grep -qF '已全部标为已读。' '$OUT/body'"
post /account/totp "$jar" --data "code=$(totp "$secret")"
check "an authenticator set up from that page works: enrolment confirmed" status_is 303
check "... and stored" [ "$(sql "SELECT totp_secret IS NOT NULL AND totp_pending IS NULL FROM users WHERE id = $uid")" = 1 ]
check "the audit chain is intact" build/portalctl --config "$TEST_DIR/portal.conf" audit verify
check "the test session's rows are gone with its rollback" \
    [ "$(sql "SELECT COUNT(*) FROM test_notes WHERE body LIKE 'deadlock ballast $uniq_tag %'")" = 0 ]
