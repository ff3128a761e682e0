# The modules' periodic jobs (ABI 2.9): the master runs each declared job
# when its interval has passed (by the test clock too), as the system user,
# in one transaction, recorded in module_jobs and audited; `portalctl job
# run` runs one at once; /admin/jobs lists them.  Driven through the real
# master (JOBS_INTERVAL=1 in tests) and admin's job review_remind: the
# security administrators are told once a month what the access review
# holds.  Sourced by tests/run.sh.

pctl() { build/portalctl --config "$TEST_DIR/portal.conf" "$@"; }
month=2031-05
holders=$(sql "SELECT COUNT(DISTINCT u.id) FROM users u JOIN user_roles ur ON ur.user_id = u.id
  JOIN role_perms rp ON rp.role_id = ur.role_id WHERE rp.perm = 'system.users' AND u.active = 1")
check "there is a security administrator to tell" [ "${holders:-0}" -ge 1 ]
check "portalctl lists the job" eval 'pctl job list | grep -q "^admin.review_remind	every 1440 min"'

# a month no run has seen yet: the master's job picks it up by itself
set_clock "$month-02"
check "the master runs the due job without any request" wait_for eval \
    '[ "$(sql "SELECT COUNT(*) FROM notices WHERE kind='"'admin.review'"' AND object_id='"'$month'"'")" = "$holders" ]'
check "its run is recorded as a success" wait_for eval \
    '[ "$(sql "SELECT last_status FROM module_jobs WHERE module='"'admin'"' AND job='"'review_remind'"'")" = ok ]'
check "the run is audited as the system" \
    [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action='job.run' AND object_id='admin.review_remind' AND user_id=0 AND detail='ok'")" -ge 1 ]
runs=$(sql "SELECT runs FROM module_jobs WHERE module='admin' AND job='review_remind'")
sleep 2
check "inside its interval the master does not run it again" \
    [ "$(sql "SELECT runs FROM module_jobs WHERE module='admin' AND job='review_remind'")" = "$runs" ]

# an operator runs it at once: it runs, and tells nobody twice in a month
check "portalctl job run runs it now" eval 'pctl job run admin.review_remind | grep -q "job admin.review_remind done"'
check "which counts as a run" \
    [ "$(sql "SELECT runs FROM module_jobs WHERE module='admin' AND job='review_remind'")" -gt "$runs" ]
check "and sends no second notice in the month" \
    [ "$(sql "SELECT COUNT(*) FROM notices WHERE kind='admin.review' AND object_id='$month'")" = "$holders" ]
check "an unknown job is refused with a reason" eval '! pctl job run admin.nothing 2>&1 | grep -q done && pctl job run admin.nothing 2>&1 | grep -q "no job admin.nothing"'

# the next month, a day later than the interval: told again, once
set_clock 2031-06-03
check "the next month's reminder follows" wait_for eval \
    '[ "$(sql "SELECT COUNT(*) FROM notices WHERE kind='"'admin.review'"' AND object_id='"'2031-06'"'")" = "$holders" ]'

sj=$(login secadmin 'Secadmin#2026portal' "$OUT/jobs.s")
req GET /notices -b "$sj"
check "the security administrator reads the reminder" body_has "2031-05 账户与访问复核"
check "leading to the review" body_has 'href="/admin/access-review"'

aj=$(login admin 'Admin#2026portal' "$OUT/jobs.a")
req GET /admin/jobs -b "$aj"
check "the system administrator sees the jobs page" status_is 200
check "with the job and its last result" body_has 'id="job-admin-review_remind"'
check "its title in Chinese" body_has '每月提醒账户与访问复核'
check "and that it succeeded" body_has '成功'
check "the jobs page is in the menu" body_has 'href="/admin/jobs"'
tj=$(login township 'Town#2026portal' "$OUT/jobs.t")
req GET /admin/jobs -b "$tj"
check "a township clerk may not see it" status_is 403
rm -f "$CLOCK_FILE"
