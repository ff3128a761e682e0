# Helpers of the rehab tests (sourced after tests/lib.sh).
form() { # PATH JAR field=value...: a signed-in form submission
    local path=$1 jar=$2 a=() x; shift 2
    for x in "$@"; do a+=(--data-urlencode "$x"); done
    post "$path" "$jar" "${a[@]}"
}
