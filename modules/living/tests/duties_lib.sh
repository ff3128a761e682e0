# Helpers of the duties tests of living (sourced after tests/lib.sh).
act() { # act JAR APP ACTION [curl args]
    local jar=$1 app=$2 action=$3; shift 3
    post "/living/applications/$app/act" "$jar" --data "action=$action" "$@"
}
app_state() { sql "SELECT CONCAT(step_code, '/', status) FROM wf_applications WHERE id=$1"; }
new_child() { # new_child NAME VILLAGE -> id
    sql "INSERT INTO children (name, sex, birth_date, township_code, village_code, created_at, created_by, updated_at) VALUES ('$1', 1, '2016-05-01', CONCAT(LEFT('$2', 9), '000'), '$2', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();"
}
app_from_location() { sed -n 's|^Location: /living/applications/\([0-9]*\).*|\1|ip' "$OUT/headers" | tr -d '\r' | head -n1; }
n_actions() { sql "SELECT COUNT(*) FROM wf_actions WHERE app_id=$1"; }
