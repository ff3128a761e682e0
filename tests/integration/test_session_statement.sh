# The session statement (issues 16, 17): one indexed read per request whose
# live columns are the session's own and the sum of every version of what
# workers cache (one subquery; the list "name:version,..." read again only
# when the sum moved: core 048); a village director's set of villages is
# cached with the user's columns for the day it was read on, the unread notices while
# 'notices' stays (core 040).  Each cache
# is checked through the real stack on every worker: many concurrent
# requests fill every worker first, then the change (by SQL, as any writer
# may make it) must be seen by the very next request of each of them
# (par_* in tests/lib.sh).
# Sourced by tests/run.sh.

sfx=$(date +%s%N | tail -c 7)
PW='Sessstmt#2026portal'
tj=$(login township 'Town#2026portal' "$OUT/jar.sst")
file_child "$tj" "会话语句$sfx"
kid=$(loc_id /children)
check "a child of village 500242101001 for these checks is filed" [ -n "$kid" ]

# ------------------------------------------------ a set of villages: granted, ended, by the day
# a village director whose office is another township: without a set they
# see nothing of 龙潭镇; a set scopes them by its villages alone
VD="ssvd$sfx"
add_user "$VD" --display-name 会话村主任 --role village_director --division 500242102000 --org lt_gov --password "$PW"
uid=$(uid_of "$VD")
vj=$(login "$VD" "$PW" "$OUT/jar.ssvd")
check "without a set: no worker opens the 龙潭镇 child" par_all "$vj" "/children/$kid" 404
v0=$(sql "SELECT version FROM cache_versions WHERE name = 'sessions'")
today=$(sql "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
sql "INSERT INTO user_scope_divisions (user_id, division_code, valid_from, valid_to, module, source_id, updated_by, updated_at)
     VALUES ($uid, '500242101001', '$today', NULL, 'testsess', $sfx, 1, UTC_TIMESTAMP())"
check "a grant written moves the sessions version (core 040)" \
    [ "$(sql "SELECT version FROM cache_versions WHERE name = 'sessions'")" -gt "$v0" ]
check "the village granted today: every worker's next request opens its child" par_all "$vj" "/children/$kid" 200
sql "UPDATE user_scope_divisions SET valid_to = '$today' WHERE module = 'testsess' AND source_id = $sfx"
check "the grant ended today: every worker's next request refuses it" par_all "$vj" "/children/$kid" 404
sql "DELETE FROM user_scope_divisions WHERE module = 'testsess' AND source_id = $sfx"
check "the grant gone: still refused everywhere" par_all "$vj" "/children/$kid" 404
# a grant from tomorrow: refused today on every worker (which caches the
# set of today); on the portal's next day every worker opens the child
tomorrow=$(date -u -d "$today + 1 day" +%F)
sql "INSERT INTO user_scope_divisions (user_id, division_code, valid_from, valid_to, module, source_id, updated_by, updated_at)
     VALUES ($uid, '500242101001', '$tomorrow', NULL, 'testsess', $sfx, 1, UTC_TIMESTAMP())"
check "a grant from tomorrow: refused today by every worker" par_all "$vj" "/children/$kid" 404
set_clock "$tomorrow"
check "... tomorrow every worker opens the child (the cached set is the day's)" par_all "$vj" "/children/$kid" 200
rm -f "$CLOCK_FILE"
check "... and back to today, refused again" par_all "$vj" "/children/$kid" 404
sql "DELETE FROM user_scope_divisions WHERE module = 'testsess' AND source_id = $sfx"

# ------------------------------------------------ the unread notices: counted on every request
NU="ssnu$sfx"
add_user "$NU" --display-name 会话通知 --role township_staff --division 500242101000 --org lt_gov --password "$PW"
nj=$(login "$NU" "$PW" "$OUT/jar.ssnu")
nuid=$(uid_of "$NU")
badge() { echo "id=\"unread-count\">$1</span>"; }
sql "INSERT INTO notice_reads (notice_id, user_id, read_at) SELECT n.id, $nuid, UTC_TIMESTAMP() FROM notices n
     WHERE n.user_id = $nuid OR n.org_id = (SELECT org_id FROM users WHERE id = $nuid) OR n.division_code = '500242101000'"
check "every notice read: no worker shows the badge" par_none "$nj" "/" 'id="unread-count"'
sql "INSERT INTO notices (user_id, module, kind, title, created_at) VALUES ($nuid, 'testsess', 'test', '会话通知甲$sfx', UTC_TIMESTAMP())"
check "a notice to the user: every worker's next page counts 1" par_say "$nj" "/" "$(badge 1)"
sql "INSERT INTO notices (org_id, module, kind, title, created_at) SELECT org_id, 'testsess', 'test', '会话通知乙$sfx', UTC_TIMESTAMP() FROM users WHERE id = $nuid"
check "a notice to the user's organisation: 2 on every worker" par_say "$nj" "/" "$(badge 2)"
sql "INSERT INTO notice_reads (notice_id, user_id, read_at) SELECT id, $nuid, UTC_TIMESTAMP() FROM notices WHERE title = '会话通知甲$sfx'"
check "one read: 1 on every worker" par_say "$nj" "/" "$(badge 1)"
sql "UPDATE notices SET done_at = UTC_TIMESTAMP() WHERE title = '会话通知乙$sfx'"
check "the organisation's notice done: no badge on any worker" par_none "$nj" "/" 'id="unread-count"'

# ------------------------------------------------ a module's data version rides on the session's row
# (service data_version): the supervision dashboard's key is read with the
# session, and the row the job moves is in cache_versions
check "the supervision figures' version is a cache_versions row" \
    same "$(sql "SELECT COUNT(*) FROM cache_versions WHERE name = 'supervision'")" 1
check "... and its old table is gone" \
    same "$(sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'portal' AND table_name = 'supervision_state'")" 0

# ------------------------------------------------ the versions only grow (core 048)
# No write may leave SUM(version) + COUNT(*) of cache_versions where it was:
# a row only grows; whatever would break that is refused, whoever writes.
refused() { ! sql "$1" 2>/dev/null; }
vlist() { sql "SELECT GROUP_CONCAT(name, ':', version ORDER BY name) FROM cache_versions"; }
vsum() { sql "SELECT SUM(version) + COUNT(*) FROM cache_versions"; }
l0=$(vlist)
check "cache_versions: a version lowered is refused" refused "UPDATE cache_versions SET version = version - 1 WHERE name = 'settings'"
check "... a version written again as it was is refused" refused "UPDATE cache_versions SET version = version WHERE name = 'settings'"
check "... one raised while another is lowered is refused" \
    refused "UPDATE cache_versions SET version = IF(name = 'settings', version + 1, version - 1) WHERE name IN ('settings', 'divisions')"
check "... a row renamed is refused" refused "UPDATE cache_versions SET name = 'settings2', version = version + 1 WHERE name = 'settings'"
check "... a row deleted is refused" refused "DELETE FROM cache_versions WHERE name = 'notices.7'"
check "... a row added below 0 is refused" refused "INSERT INTO cache_versions (name, version) VALUES ('testsess$sfx', -1)"
check "... and none of them changed a version" same "$(vlist)" "$l0"
s0=$(vsum)
check "a row added at version 0 moves the number" \
    [ "$(sql "START TRANSACTION; INSERT INTO cache_versions (name, version) VALUES ('testsess$sfx', 0); SELECT SUM(version) + COUNT(*) FROM cache_versions; ROLLBACK")" -gt "$s0" ]

# ------------------------------------------------ one number per request
# every worker holds the session and the list; then, while no version
# moves, a signed-in request reads the number, not the list: the list (or
# the full row, which carries it) at most once per worker, should a version
# move meanwhile (the periodic job)
par_say "$nj" "/about" "会话通知"
was=$(sql "SELECT @@GLOBAL.log_output")
sql "SET GLOBAL log_output='TABLE'; TRUNCATE mysql.general_log; SET GLOBAL general_log=1"
par_say "$nj" "/about" "会话通知"
sql "SET GLOBAL general_log=0; SET GLOBAL log_output='$was'"
# a worker that reached its max_requests is replaced meanwhile, and its
# successor, on a connection of its own, starts with nothing: so "per
# worker" is per database connection that served these requests (and a
# read is an Execute: the successor's Prepare is logged too)
conns=$(sql "SELECT COUNT(DISTINCT thread_id) FROM mysql.general_log WHERE command_type = 'Execute' AND argument LIKE '%FROM sessions s WHERE s.token_hash%'")
check "signed-in requests read the versions' number with the session (one statement each)" \
    [ "$(sql "SELECT COUNT(*) FROM mysql.general_log WHERE argument LIKE '%(SELECT SUM(v.version) + COUNT(*) FROM cache_versions v) FROM sessions s%'")" -ge "$PAR" ]
check "... and the list of versions at most once per worker ($conns connections)" \
    [ "$(sql "SELECT COUNT(*) FROM mysql.general_log WHERE command_type = 'Execute' AND argument LIKE '%GROUP_CONCAT(v.name%'")" -le "$conns" ]
sql "TRUNCATE mysql.general_log"
