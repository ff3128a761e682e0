# What waits for a user (issue 17): the inbox is one statement whatever
# its rows (it was a statement per step and two per application: a county
# clerk with 800 applications waiting had a home page of 1,646 statements
# and 371 KB), sorted as staff work them (overdue first, the oldest due
# first), counted by the server; the home page shows the ten most urgent
# and how many in all, /inbox a page of 50 with links to the others.
# Sixty applications of three new children of 龙潭镇, due long ago (so they
# sort before every other test's), one of another township's child and one
# of an archived child's, written by SQL; removed at the end, so the other
# tests' inboxes are as they were.
# Sourced by tests/run.sh.

sfx=$(date +%s%N | tail -c 7)
tag="收件箱$sfx"
tj=$(login township 'Town#2026portal' "$OUT/jar.ibx")
# how many wait for the township already (the other tests' applications,
# every module's steps, the testkit's too), as the home page says
waiting() { # the count of the home page, 0 when it says none wait
    req GET / -b "$tj"
    sed -n 's|.*有 <strong>\([0-9]*\)</strong> 件申请等待您办理.*|\1|p' "$OUT/body" | head -n1 | grep . || echo 0
}
before=$(waiting)

# three children of 龙潭镇第一村, one of 龙潭镇第二村 (archived below), one of another township
sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, no_id_reason,
         status, created_at, created_by, updated_at)
     SELECT CONCAT('$tag', s.seq), 1, '2015-06-01', IF(s.seq = 5, '500242102000', '500242101000'),
            CASE s.seq WHEN 4 THEN '500242101002' WHEN 5 THEN '500242102001' ELSE '500242101001' END,
            '测试', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()
     FROM seq_1_to_5 s"
kid() { sql "SELECT id FROM children WHERE name = '$tag$1'"; }
k1=$(kid 1) k2=$(kid 2) k3=$(kid 3) k4=$(kid 4) k5=$(kid 5)
check "the inbox's children are filed" [ -n "$k1" ] && [ -n "$k5" ]
# 60 open applications at the township's step of 孤儿基本生活费, due on the
# 1st, 2nd ... of 2001 (k = 0 .. 59, the k-th most overdue of all)
sql "INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index,
         step_code, status, summary, started_at, step_started, step_due, total_used_days, created_by)
     SELECT 'living', 'orphan', c.id, c.village_code, c.township_code, 0, 'check', 'open',
            CONCAT('$tag-', s.seq), '2001-01-01', '2001-01-01', '2001-01-01' + INTERVAL s.seq DAY, 0, 1
     FROM seq_0_to_59 s JOIN children c ON c.id = ELT(1 + s.seq % 3, $k1, $k2, $k3)"
# the archived child's and the other township's, due before all of them
sql "INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index,
         step_code, status, summary, started_at, step_started, step_due, total_used_days, created_by)
     SELECT 'living', 'orphan', c.id, c.village_code, c.township_code, 0, 'check', 'open',
            CONCAT('$tag-x', c.id), '2000-01-01', '2000-01-01', '2000-06-01', 0, 1
     FROM children c WHERE c.id IN ($k4, $k5)"
# the retention job archives a file (privacy): its application goes with it
sql "UPDATE children SET status = 'archived' WHERE id = $k4"
check "archiving a child marks its applications (core 052's copy)" \
    same "$(sql "SELECT child_archived FROM wf_applications WHERE child_id = $k4")" 1
# one written for the child once archived is marked as it is inserted (core 054)
sql "INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index,
         step_code, status, summary, started_at, step_started, step_due, total_used_days, created_by)
     SELECT 'living', 'orphan', c.id, c.village_code, c.township_code, 0, 'check', 'open',
            CONCAT('$tag-x', c.id, 'late'), '2000-01-01', '2000-01-01', '2000-05-01', 0, 1
     FROM children c WHERE c.id = $k4"
check "an application inserted for an archived child is marked too (core 054)" \
    same "$(sql "SELECT child_archived FROM wf_applications WHERE summary = '$tag-x${k4}late'")" 1
app_k() { sql "SELECT id FROM wf_applications WHERE summary = '$tag-$1'"; }
a0=$(app_k 0) a9=$(app_k 9) a10=$(app_k 10) a49=$(app_k 49) a50=$(app_k 50) a59=$(app_k 59)
x4=$(sql "SELECT id FROM wf_applications WHERE child_id = $k4 AND summary NOT LIKE '%late'")
x4late=$(sql "SELECT id FROM wf_applications WHERE summary = '$tag-x${k4}late'")
x5=$(sql "SELECT id FROM wf_applications WHERE child_id = $k5")
# the ids of the applications a page links to, in the order shown
links() { grep -o 'href="/living/applications/[0-9]*"' "$OUT/body" | grep -o '[0-9]*' | tr '\n' ' '; }
expect() { # expect FROM TO: the ids of k = FROM .. TO, in k's order
    sql "SELECT id FROM wf_applications WHERE summary LIKE '$tag-%' AND summary NOT LIKE '$tag-x%'
         ORDER BY step_due LIMIT $(($2 - $1 + 1)) OFFSET $1" | tr '\n' ' '
}
# the sixty of the test's (not the archived child's, not another township's) more
total=$((before + 60))
pages=$(((total + 49) / 50))
check "at least 60 wait for the township (the test's)" [ "$total" -ge 60 ]

# ---------------------------------------------------------------- the home page
req GET / -b "$tj"
check "the home page counts every application waiting" body_has "有 <strong>$total</strong> 件申请等待您办理"
check "... and shows the ten most urgent, saying so" body_has "最紧急的 10 件（共 $total 件，逾期的排在最前）"
check "... the most overdue first, in the order of their dates due" same "$(links | cut -d' ' -f1-10) " "$(expect 0 9)"
check "... the eleventh is not on it" body_lacks "/living/applications/$a10\""
check "... an overdue row says by how many days" body_has "已逾期"

# ---------------------------------------------------------------- /inbox, a page at a time
req GET /inbox -b "$tj"
check "/inbox answers 200" status_is 200
check "/inbox's first page holds 50, the most overdue first" same "$(links | cut -d' ' -f1-50) " "$(expect 0 49)"
check "... its caption counts them all and names the page" body_has "待办事项（共 $total 件，第 1 / $pages 页，逾期的排在最前）"
check "... it links to the next page" body_has '<a rel="next" href="/inbox?page=2">下一页</a>'
check "... and to no page before it" body_lacks 'rel="prev"'
check "another township's child's application is not in 龙潭镇's inbox" body_lacks "/living/applications/$x5\""
check "an archived child's application is in nobody's inbox" body_lacks "/living/applications/$x4\""
check "... nor one written after its archival" body_lacks "/living/applications/$x4late\""
req GET "/inbox?page=2" -b "$tj"
check "the second page goes on where the first stopped" same "$(links | cut -d' ' -f1-10) " "$(expect 50 59)"
check "... and links back to the first" body_has '<a rel="prev" href="/inbox?page=1">上一页</a>'
check "... the first page's rows are not on it" body_lacks "/living/applications/$a49\""
check "... the page's row is the 51st" body_has "/living/applications/$a50\""
req GET "/inbox?page=999" -b "$tj"
check "a page past the end answers 200 with the last page" status_is 200
check "... counting them all and naming the last page" \
    body_has "共 $total 件，第 $pages / $pages 页"
check "... with the link to the one before it" body_has "<a rel=\"prev\" href=\"/inbox?page=$((pages - 1))\">上一页</a>"
check "... and none after it" body_lacks 'rel="next"'
check "... it lists none of the first page's" body_lacks "/living/applications/$a0\""
req GET "/inbox?page=x" -b "$tj"
check "a page number that is no number is refused (400)" status_is 400
check "... in Chinese, naming the field" body_has "页码"

# ---------------------------------------------------------------- a module's home, a page at a time
# 基本生活保障's home lists its own applications (the boxes of batch
# approval on each row) a page of 50 at a time, as /inbox does; it listed
# every one (up to 2,000: the county's /rehab was 129 KB with 208 waiting)
req GET /living -b "$tj"
lt=$(sed -n 's|.*待办事项（共 \([0-9]*\) 件，第 1 / .*|\1|p' "$OUT/body" | head -n1)
check "/living pages its inbox: the caption counts all of living's waiting (60 and more)" [ "${lt:-0}" -ge 60 ]
lp=$((((${lt:-0}) + 49) / 50))
check "... names the page" body_has "待办事项（共 $lt 件，第 1 / $lp 页，逾期的排在最前）"
check "... shows the 50 most overdue, in order" same "$(links | cut -d' ' -f1-50) " "$(expect 0 49)"
check "... with a box for each" body_has "name=\"app\" value=\"$a49\""
check "... links to its next page" body_has '<a rel="next" href="/living?page=2">下一页</a>'
check "... and its batch form says which page its boxes were on" body_has 'name="page" value="1"'
req GET "/living?page=2" -b "$tj"
check "/living?page=2 goes on with the 51st" same "$(links | cut -d' ' -f1-10) " "$(expect 50 59)"
check "... its boxes are the page's" eval 'body_has "name=\"app\" value=\"$a50\"" && body_lacks "value=\"$a49\""'
check "... the batch form is the page's" body_has 'name="page" value="2"'
post_page /living/applications/batch "$tj" --data "app=$a50" --data page=2 --data-urlencode "opinion=分页批量"
check "a refused batch from page 2 (no confirmation) answers 400 on page 2" \
    eval 'status_is 400 && body_has "第 2 / $lp 页" && body_has "name=\"app\" value=\"$a50\""'
check "... nothing changed" same "$(sql "SELECT CONCAT(step_code, '/', status) FROM wf_applications WHERE id = $a50")" "check/open"
req GET "/living?page=999" -b "$tj"
check "/living past its last page shows the last page" eval 'status_is 200 && body_has "第 $lp / $lp 页"'
req GET "/living?page=-3" -b "$tj"
check "... and a page before the first, the first" body_has "第 1 / $lp 页"
req GET "/living?page=x" -b "$tj"
check "/living?page=x is refused (400), naming the field" eval 'status_is 400 && body_has "页码"'

# ---------------------------------------------------------------- a module's inbox narrowed
# batch approval takes applications at one step: the home offers the
# module's steps at the user's level (a county's user also its townships)
# and narrows the table, the count, the pager and the batch form to them
req GET /living -b "$tj"
check "/living offers its steps of the township's level as a filter" \
    eval 'body_has "<option value=\"orphan.check\">孤儿基本生活费：乡镇审核</option>" && body_has "<option value=\"temporary.check\">"'
check "... and a township's user no township filter" body_lacks 'name="township"'
req GET "/living?step=orphan.check" -b "$tj"
lo=$(sed -n 's|.*待办事项（共 \([0-9]*\) 件，第 1 / .*|\1|p' "$OUT/body" | head -n1)
check "narrowed to 孤儿's township step: its 60 and more, in order" \
    eval '[ "${lo:-0}" -ge 60 ] && [ "${lo:-0}" -le "$lt" ] && [ "$(links | cut -d" " -f1-50) " = "$(expect 0 49)" ]'
check "... the step chosen stays selected" body_has '<option value="orphan.check" selected>'
check "... the pager keeps the filter" body_has '<a rel="next" href="/living?step=orphan.check&amp;page=2">下一页</a>'
check "... so does the batch form" body_has '<input type="hidden" name="step" value="orphan.check">'
check "... with a way back to all" body_has '<a href="/living">清除筛选</a>'
# /inbox, across the modules, offers the modules with a step of the user's;
# one chosen narrows it, and offers that module's steps
req GET /inbox -b "$tj"
check "/inbox offers the modules as a filter" \
    eval 'body_has "<option value=\"living\">基本生活保障</option>" && body_has "<option value=\"medical\">"'
check "... and no step before a module is chosen" body_lacks 'name="step"'
req GET "/inbox?module=living" -b "$tj"
check "/inbox narrowed to 基本生活保障 counts what its home counts" body_has "待办事项（共 $lt 件，第 1 / $lp 页"
check "... the module chosen stays selected, and its steps are offered" \
    eval 'body_has "<option value=\"living\" selected>" && body_has "<option value=\"orphan.check\">"'
check "... the pager keeps it" body_has '<a rel="next" href="/inbox?module=living&amp;page=2">下一页</a>'
req GET "/inbox?module=living&step=orphan.check" -b "$tj"
check "... and with its step, what the home's filter counts" body_has "待办事项（共 $lo 件，第 1 / "
req GET "/inbox?module=nosuch" -b "$tj"
check "a module not offered is no filter" eval 'body_has "待办事项（共 $total 件" && body_lacks "清除筛选"'
req GET "/living?step=temporary.check" -b "$tj"
check "narrowed to another step: none of the test's" eval 'body_lacks "/living/applications/$a0\"" && body_lacks "/living/applications/$a59\""'
req GET "/living?step=orphan.decide" -b "$tj"
check "a step not of the user's level is no filter (all shown)" eval 'body_has "待办事项（共 $lt 件" && body_lacks "清除筛选"'
req GET "/living?step=a+b" -b "$tj"
check "a step that is no code is refused (400), naming the field" eval 'status_is 400 && body_has "环节"'
# the county's step of two 孤儿 applications, one of 龙潭镇's child, one of 麻旺镇's
sql "INSERT INTO wf_applications (module, type, child_id, village_code, township_code, step_index,
         step_code, status, summary, started_at, step_started, step_due, total_used_days, created_by)
     SELECT 'living', 'orphan', c.id, c.village_code, c.township_code, 1, 'decide', 'open',
            CONCAT('$tag-xd', c.id), '2000-01-01', '2000-01-01', '2000-03-01', 0, 1
     FROM children c WHERE c.id IN ($k1, $k5)"
d1=$(sql "SELECT id FROM wf_applications WHERE summary = '$tag-xd$k1'")
d5=$(sql "SELECT id FROM wf_applications WHERE summary = '$tag-xd$k5'")
cj=$(login county 'County#2026portal' "$OUT/jar.ibx.county")
req GET /living -b "$cj"
check "the county's /living lists both" eval 'body_has "/living/applications/$d1\"" && body_has "/living/applications/$d5\""'
check "... and offers the county's townships" body_has '<option value="500242102000">麻旺镇</option>'
req GET "/living?township=500242101000&step=orphan.decide" -b "$cj"
check "narrowed to 龙潭镇: its child's, not 麻旺镇's" eval 'body_has "/living/applications/$d1\"" && body_lacks "/living/applications/$d5\""'
check "... the township chosen stays selected" body_has '<option value="500242101000" selected>龙潭镇</option>'
req GET "/living?township=500242102000" -b "$cj"
check "narrowed to 麻旺镇: its child's only" eval 'body_has "/living/applications/$d5\"" && body_lacks "/living/applications/$d1\""'
req GET "/living?township=500242999000" -b "$cj"
check "a township not of the list is no filter" eval 'body_has "/living/applications/$d1\"" && body_has "/living/applications/$d5\""'
req GET "/living?township=500242102000" -b "$tj"
check "a township's user asking for another township sees only its own (no filter offered, none taken)" \
    eval 'body_lacks "/living/applications/$d5\"" && body_lacks "清除筛选"'
sql "DELETE FROM wf_applications WHERE summary LIKE '$tag-xd%'"

# ---------------------------------------------------------------- one statement, whatever the rows
# every worker has asked for the township's due publicities today (none):
# not again until tomorrow (workflow.c settle_due)
check "/inbox answers on every worker" par_all "$tj" /inbox 200
was=$(sql "SELECT @@GLOBAL.log_output")
sql "SET GLOBAL log_output='TABLE'; TRUNCATE mysql.general_log; SET GLOBAL general_log=1"
req GET /inbox -b "$tj"
sql "SET GLOBAL general_log=0"
of_apps=$(sql "SELECT COUNT(*) FROM mysql.general_log WHERE command_type = 'Execute' AND argument LIKE '%FROM wf_applications%'")
of_kids=$(sql "SELECT COUNT(*) FROM mysql.general_log WHERE command_type = 'Execute' AND argument LIKE '%FROM children c WHERE c.id = %'")
sql "TRUNCATE mysql.general_log; SET GLOBAL log_output='$was'"
check "/inbox with $total waiting reads the applications in 1 statement (the due publicities were asked earlier today)" same "$of_apps" 1
check "... and no child by itself" same "$of_kids" 0

# ---------------------------------------------------------------- the rows follow the child
sql "UPDATE children SET village_code = '500242102001', township_code = '500242102000' WHERE id = $k1"
req GET /inbox -b "$tj"
check "a child moved to another township takes its applications out of 龙潭镇's inbox" \
    body_lacks "/living/applications/$a0\""
left=$((total - 20))
if [ "$left" -gt 50 ]; then said="待办事项（共 $left 件，第 1 / $(((left + 49) / 50)) 页"; else said="待办事项（$left 件，"; fi
check "... the count goes down by its 20" body_has "$said"
check "... the first row is now the next most overdue (k = 1)" same "$(links | cut -d' ' -f1) " "$(app_k 1) "

sql "DELETE FROM wf_applications WHERE summary LIKE '$tag-%'"
sql "DELETE FROM children WHERE name LIKE '$tag%'"
