# Helpers of the payments tests (sourced after tests/lib.sh): the testkit
# module posts to the ledger as any module would (/_test/pay).
out() { sed -n 's|.*<p id="out">[a-z]*=\(-\?[0-9]*\)</p>.*|\1|p' "$OUT/body"; }
pay() { # pay JAR op=... [field=value...] -> the id (or left) answered
    local jar=$1; shift
    local args=() a
    for a in "$@"; do args+=(--data-urlencode "$a"); done
    post /_test/pay "$jar" "${args[@]}"
    out
}
