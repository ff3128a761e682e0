# Login throttling (issue 22, item 5): failures are counted per source
# address and per account with growing delays, never a hard lock a stranger
# controls; unknown, wrong and throttled logins get the same answer.
# The source address is chosen with curl --interface on the loopback /8
# (Apache sees 127.0.0.x as REMOTE_ADDR and passes it to the portal).
refused="用户名或密码错误，或尝试过于频繁，请稍后再试。"

# attempt ADDR USER PASSWORD: one login from ADDR -> $STATUS, $OUT/try.html, $OUT/try.headers
attempt() {
    local addr=$1 jar="$OUT/try.$1" tok
    rm -f "$jar"
    curl -s --interface "$addr" -c "$jar" -b "$jar" -o "$OUT/try_form.html" "$BASE/login"
    tok=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$OUT/try_form.html" | head -n1)
    STATUS=$(curl -s --interface "$addr" -c "$jar" -b "$jar" -o "$OUT/try.html" -D "$OUT/try.headers" \
        -w '%{http_code}' -H "Origin: $BASE" --data-urlencode "_csrf=$tok" \
        --data-urlencode "username=$2" --data-urlencode "password=$3" "$BASE/login") || STATUS=000
}
# the error paragraph of the last attempt
answer() { sed -n 's/.*<p class="form-error" role="alert">\([^<]*\)<.*/\1/p' "$OUT/try.html" | head -n1; }
logged_in() { grep -qi '^Location: /' "$OUT/try.headers" && grep -qi 'Set-Cookie: psid=[A-Za-z0-9_-]\{43\}' "$OUT/try.headers"; }
addr_delay() { sql "SELECT TIMESTAMPDIFF(SECOND, last_failed_at, blocked_until) FROM login_throttle WHERE addr='$1'"; }
acct_delay() { sql "SELECT TIMESTAMPDIFF(SECOND, last_failed_at, locked_until) FROM users WHERE username='$1'"; }

sql "DELETE FROM login_throttle WHERE addr LIKE '127.0.0.%'"
sql "UPDATE users SET failed_count=0, locked_until=NULL, last_failed_at=NULL WHERE username='township'"

# ---- a stranger guessing from one address does not keep the user out
for i in $(seq 1 12); do attempt 127.0.0.21 township "guess-$i"; done
check "the stranger's guesses are refused with the one message" same "$(answer)" "$refused"
# (the delay the last counted guess set may already have run out on a slow
# machine: assert that a delay was set, then hold it while the right password
# is tried, so the check does not depend on how fast twelve scrypt runs are)
check "the stranger's address is throttled" [ "$(sql "SELECT COUNT(*) FROM login_throttle WHERE addr='127.0.0.21' AND failures >= 5 AND blocked_until IS NOT NULL")" = 1 ]
sql "UPDATE login_throttle SET blocked_until = GREATEST(blocked_until, UTC_TIMESTAMP() + INTERVAL 60 SECOND) WHERE addr='127.0.0.21'"
attempt 127.0.0.21 township 'Town#2026portal'
check "from the stranger's address even the right password is refused while throttled" eval '! logged_in && [ "$(answer)" = "$refused" ]'
check "the account is not locked by one address's guesses" [ "$(sql "SELECT COUNT(*) FROM users WHERE username='township' AND (locked_until IS NULL OR locked_until <= UTC_TIMESTAMP())")" = 1 ]
attempt 127.0.0.22 township 'Town#2026portal'
check "the user logs in from another address meanwhile" logged_in
check "throttled attempts are audited with the address" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='login.throttled' AND ip='127.0.0.21' AND detail LIKE 'address%'")" -ge 1 ]
check "failed attempts are audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='login.fail' AND ip='127.0.0.21'")" -ge 5 ]

# ---- the same answer for an unknown user, a wrong password and a throttled account
attempt 127.0.0.23 "nobody-$RANDOM" 'Whatever#2026x'
a_unknown=$(answer)
attempt 127.0.0.24 township 'wrong-password'
a_wrong=$(answer)
sql "UPDATE users SET locked_until = UTC_TIMESTAMP() + INTERVAL 10 MINUTE WHERE username='township'"
attempt 127.0.0.25 township 'Town#2026portal'
a_locked=$(answer)
check "a throttled account cannot log in with the right password" eval '! logged_in'
check "unknown user, wrong password and throttled account read the same" \
    eval '[ "$a_unknown" = "$refused" ] && [ "$a_wrong" = "$refused" ] && [ "$a_locked" = "$refused" ]'
check "a throttled account's attempt is audited" [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='login.throttled' AND ip='127.0.0.25' AND detail='account'")" = 1 ]

# ---- the security administrator lifts an account's delay
sql "UPDATE users SET must_change_password=0 WHERE username='secadmin'"
sj=$(login secadmin 'Secadmin#2026portal')
tid=$(sql "SELECT id FROM users WHERE username='township'")
req GET "/admin/users/$tid" -b "$sj"
check "the administrator sees the account as locked" body_has "已锁定"
tok=$(csrf_of_body)
req POST "/admin/users/$tid/unlock" -b "$sj" -H "Origin: $BASE" --data-urlencode "_csrf=$tok"
check "the administrator unlocks it (303)" status_is 303
attempt 127.0.0.25 township 'Town#2026portal'
check "after the unlock the user logs in" logged_in

# ---- growing delays: an address, then an account
for i in 1 2 3 4; do attempt 127.0.0.26 "nobody-$RANDOM" "x$i"; done
check "four failures from an address: no delay yet" [ "$(sql "SELECT COUNT(*) FROM login_throttle WHERE addr='127.0.0.26' AND blocked_until IS NULL")" = 1 ]
attempt 127.0.0.26 "nobody-$RANDOM" x5
d1=$(addr_delay 127.0.0.26)
sql "UPDATE login_throttle SET blocked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE addr='127.0.0.26'"  # the delay ran out
attempt 127.0.0.26 "nobody-$RANDOM" x6
d2=$(addr_delay 127.0.0.26)
sql "UPDATE login_throttle SET blocked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE addr='127.0.0.26'"
attempt 127.0.0.26 "nobody-$RANDOM" x7
d3=$(addr_delay 127.0.0.26)
check "an address's delay grows: 2, 4, 8 seconds (got $d1 $d2 $d3)" eval '[ "$d1" = 2 ] && [ "$d2" = 4 ] && [ "$d3" = 8 ]'
sql "UPDATE login_throttle SET failures = 40, blocked_until = NULL WHERE addr='127.0.0.26'"
attempt 127.0.0.26 "nobody-$RANDOM" x8
check "and stops at 15 minutes" same "$(addr_delay 127.0.0.26)" 900

# the account: ten failures (from many addresses) before its first delay
sql "UPDATE users SET failed_count=9, locked_until=NULL, last_failed_at=UTC_TIMESTAMP() WHERE username='township'"
attempt 127.0.0.27 township wrong-1
e1=$(acct_delay township)
sql "UPDATE users SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE username='township'"
attempt 127.0.0.28 township wrong-2
e2=$(acct_delay township)
check "an account's delay grows from its tenth failure: 2, 4 seconds (got $e1 $e2)" eval '[ "$e1" = 2 ] && [ "$e2" = 4 ]'
sql "UPDATE users SET failed_count=9, locked_until=NULL, last_failed_at=UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE username='township'"
attempt 127.0.0.29 township wrong-3
check "an account's count decays after an hour without failures" same "$(sql "SELECT CONCAT(failed_count, '/', locked_until IS NULL) FROM users WHERE username='township'")" "1/1"

sql "UPDATE users SET failed_count=0, locked_until=NULL, last_failed_at=NULL WHERE username='township'"
sql "DELETE FROM login_throttle WHERE addr LIKE '127.0.0.%'"
