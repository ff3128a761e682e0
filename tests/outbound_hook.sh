#!/bin/sh
# The outbound hook of the test instance (portal.conf outbound_command, set
# by tests/run.sh): records each call's JSON line in $OUTBOUND_LOG; fails
# (exit 1, after recording) while the file $OUTBOUND_FAIL exists, so
# test_tasks.sh sees a failure retried.
line=$(cat)
printf '%s\n' "$line" >>"${OUTBOUND_LOG:?}"
[ -e "${OUTBOUND_FAIL:-/nonexistent}" ] && exit 1
exit 0
