# The portal's today is the day in China (UTC+8): times are stored in UTC,
# but from 16:00 UTC it is already the next day for the county (a clerk's
# 07:30 on the 3rd is the 3rd).  Before this, today was the UTC day: dates
# typed at night were "in the future" and a grant from today did not count
# until 08:00 (test_session_statement failed from 16:00 UTC).  The inbox
# shows the portal's today.  Sourced by tests/run.sh.
tj=$(login township 'Town#2026portal' "$OUT/jar.clock")
today_shown() { req GET /inbox -b "$tj"; sed -n 's|.*（今天：\([0-9-]*\)）.*|\1|p' "$OUT/body" | head -n1; }

set_clock "2026-12-01 15:59:00"
check "15:59 UTC on 1 Dec is still 1 Dec in China" same "$(today_shown)" 2026-12-01
set_clock "2026-12-01 16:00:00"
check "16:00 UTC on 1 Dec is 2 Dec in China (00:00 Beijing)" same "$(today_shown)" 2026-12-02
set_clock "2026-12-31 23:30:00"
check "and 23:30 UTC on 31 Dec is 1 Jan of the next year" same "$(today_shown)" 2027-01-01
set_clock "2026-03-09"
check "a date alone in the clock file is that day, at any hour of the real clock" same "$(today_shown)" 2026-03-09
rm -f "$CLOCK_FILE"
check "the real clock: today is the day in China" same "$(today_shown)" "$(today_cn)"
