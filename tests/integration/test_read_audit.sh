# A read's audit rows in one commit (issue 17): a page that reads writes all
# its audit rows (the child's read, a cap's check, a denial) in ONE durable
# transaction before anything of it goes out, not one commit each.  Checked
# in the binary log, which holds one group per committed transaction: the
# page's rows, and only they, in one group.  A read whose rows cannot be
# written still goes out with none of its data (503); a read that wrote
# (a flash shown) takes its rows into its own transaction.  The grant
# revoked here is given back on exit (trap).

db_user=$(sed -n 's/^db_user *= *//p' "$TEST_DIR/portal.conf")
db_user=${db_user:-portal}
grant_audit="GRANT SELECT, INSERT ON portal.audit_log TO '$db_user'@'localhost'"
trap 'sql "$grant_audit" 2>/dev/null' EXIT
tag=$(date +%s%N | tail -c 7)
aj=$(login admin 'Admin#2026portal')
tj=$(login township 'Town#2026portal')

# the binary log from here on: a new file, then its transactions (GTID
# groups) that insert audit rows of USER, as "rows-in-the-group" lines
binlog_mark() {
    sql "FLUSH BINARY LOGS"
    BINLOG=$(sql "SHOW MASTER STATUS" | cut -f1)
}
audit_groups() { # USER: one line per transaction with its audit rows of USER
    local dir
    dir=$(dirname "$(sql "SELECT @@log_bin_basename")")
    mariadb-binlog -v --base64-output=DECODE-ROWS "$dir/$BINLOG" 2>/dev/null |
        awk -v u="'$1'" '/^#.*GTID [0-9]/ { if (n) print n; n = 0; ins = 0 }
            /^### INSERT INTO `portal`.`audit_log`/ { ins = 1; next }
            /^### INSERT INTO/ { ins = 0 }
            ins && /^###   @[0-9]+=/ && index($0, u) { n++ }
            END { if (n) print n }'
}
rows_of() { sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1' AND detail = '$2'"; }

# ---- 1. three reads audited by one page: three rows, one transaction
binlog_mark
req GET "/_test/echo?v=r$tag&reads=3" -b "$aj"
check "a page that audits three reads answers 200" status_is 200
check "... its three rows are in the log" same "$(rows_of testkit.read "r$tag")" 3
check "... written by one transaction (one commit, not three)" same "$(audit_groups admin)" 3
check "... in the order they happened" same "$(sql "SELECT GROUP_CONCAT(object_id ORDER BY id)
    FROM audit_log WHERE action = 'testkit.read' AND detail = 'r$tag'")" "1,2,3"
check "... each with the time it happened" same "$(sql "SELECT COUNT(*) FROM audit_log
    WHERE action = 'testkit.read' AND detail = 'r$tag' AND at > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE")" 3

# ---- 2. the child's file: its audit rows (the read and what its panels
# check) in one transaction
file_child "$tj" "审计测试$tag"
cid=$(loc_id /children)
check "a child's file to read" [ -n "$cid" ]
n0=$(sql "SELECT COUNT(*) FROM audit_log WHERE username = 'township'")
binlog_mark
req GET "/children/$cid" -b "$tj"
check "the child's file opens" status_is 200
n1=$(sql "SELECT COUNT(*) FROM audit_log WHERE username = 'township'")
check "... its read is audited" [ "$(sql "SELECT action FROM audit_log WHERE username = 'township'
    ORDER BY id DESC LIMIT 1")" = child.read ] 
check "... all its $((n1 - n0)) audit rows in one transaction" same "$(audit_groups township)" "$((n1 - n0))"

# ---- 3. the rows cannot be written: the page does not go out
sql "REVOKE INSERT ON portal.audit_log FROM '$db_user'@'localhost'"
req GET "/_test/echo?v=x$tag&reads=2" -b "$aj"
check "a page whose audit rows cannot be written answers 503" status_is 503
check "... without its content" body_lacks "x$tag"
check "... says why in Chinese" body_has "暂不显示"
sql "$grant_audit"
check "... and recorded none of them" same "$(rows_of testkit.read "x$tag")" 0
req GET "/_test/echo?v=y$tag&reads=2" -b "$aj"
check "with the grant back the page and its rows are there" \
    bash -c "[ $STATUS = 200 ] && [ $(rows_of testkit.read "y$tag") = 2 ]"

# ---- 4. a read that writes (it shows the flash of a change, and clears it):
# its audit row goes with that write
member="钱审计$tag"
post "/children/$cid/family" "$tj" --data-urlencode "relation=母亲" --data-urlencode "name=$member" \
    --data "situation=normal" --data "is_guardian=0"
check "a family member is added (303)" status_is 303
r0=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'child.read' AND object_id = '$cid'")
req GET "/children/$cid" -b "$tj"
check "the file shows the change's message" body_has "已添加家庭成员"
check "... and its read is audited" same "$(sql "SELECT COUNT(*) FROM audit_log
    WHERE action = 'child.read' AND object_id = '$cid'")" "$((r0 + 1))"
req GET "/children/$cid" -b "$tj"
check "... the message was cleared with it" body_lacks "已添加家庭成员"

check "the audit chains are intact" \
    bash -c "'$ROOT/build/portalctl' --config '$TEST_DIR/portal.conf' audit verify >/dev/null"
