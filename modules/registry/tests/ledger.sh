# Helpers of the registry's import tests (sourced by test_registry_list.sh
# and test_registry_import.sh after tests/lib.sh).

# idno BIRTH(YYYYMMDD) SEQ -> an 18-character ID with a valid check character
idno() {
    awk -v b="500242$1$2" 'BEGIN { split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ");
        s = 0; for (i = 1; i <= 17; i++) s += substr(b, i, 1) * w[i];
        printf "%s%s\n", b, substr("10X98765432", s % 11 + 1, 1) }'
}

# forget_imported PREFIX: a re-run on the same instance starts from no
# earlier import of children whose names start with PREFIX.  Every row that
# names them goes first, in whichever table has a key to children (the
# registry's own, and the modules': medical enrols a child with a category
# in its policies), twice over for rows that hang on each other
forget_imported() {
    local ids t c pass
    ids=$(sql "SELECT GROUP_CONCAT(id) FROM children WHERE name LIKE '$1%'")
    [ -n "$ids" ] && [ "$ids" != NULL ] || return 0
    for pass in 1 2; do
        sql "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
             WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME = 'children'" |
            while read -r t c; do sql "DELETE FROM \`$t\` WHERE \`$c\` IN ($ids)" 2>/dev/null || true; done
    done
    sql "DELETE FROM children WHERE id IN ($ids)"
}
