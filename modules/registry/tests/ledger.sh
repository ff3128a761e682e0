# Helpers of the registry's import tests (sourced by test_registry_list.sh
# and test_registry_import.sh after tests/lib.sh).

# idno BIRTH(YYYYMMDD) SEQ -> an 18-character ID with a valid check character
idno() {
    awk -v b="500242$1$2" 'BEGIN { split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ");
        s = 0; for (i = 1; i <= 17; i++) s += substr(b, i, 1) * w[i];
        printf "%s%s\n", b, substr("10X98765432", s % 11 + 1, 1) }'
}

# forget_imported PREFIX: a re-run on the same instance starts from no
# earlier import of children whose names start with PREFIX
forget_imported() {
    local t
    for t in child_events child_categories child_family; do
        sql "DELETE FROM $t WHERE child_id IN (SELECT id FROM children WHERE name LIKE '$1%')"
    done
    sql "DELETE FROM children WHERE name LIKE '$1%'"
}
