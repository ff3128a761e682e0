# Living's migration 003 (issue 10): a database of the tree before it, with a
# locked month, an open one, back pay, a correction, an encrypted account and
# a rate added by an administrator, is migrated by this tree: the months
# become ledger batches of the same status, every line a pay_line of the
# same amount, the account a payee with the very same ciphertext, the rates
# dated settings; living's old tables are gone.  The old tree's SQL comes
# from git (the commit before 003 was added), applied as portalctl did.

db() { mariadb --socket="$TEST_DIR/run/mysqld.sock" -uroot -N -B "$@"; }
up=portal_lvup_$$
conf="$OUT/$up.conf"
grep -v '^db_name' "$TEST_DIR/portal.conf" | grep -v '^modules_dir' | grep -v '^modules_src' >"$conf"
{ echo "db_name = $up"; echo "modules_dir = $ROOT/build/modules"; echo "modules_src = $ROOT/modules"; } >>"$conf"
db -e "DROP DATABASE IF EXISTS $up; CREATE DATABASE $up CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

added=$(git -C "$ROOT" log --diff-filter=A --format=%H -- modules/living/sql/003_ledger.sql | tail -n1)
mkdir -p "$OUT/lvold"
check "the tree before living 003 is in git" bash -c "[ -n '$added' ] && git -C '$ROOT' archive '$added^' sql modules | tar -x -C '$OUT/lvold'"
check "the old tree's migrations apply" old_tree_migrate "$up" "$OUT/lvold" registry living

# the old data (the account's ciphertext is opaque here: it must come over
# byte for byte, so the same key decrypts it in the bank file)
enc=01A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F7
db "$up" -e "
INSERT IGNORE INTO divisions (code, parent_code, level, name) VALUES ('500242000000', NULL, 'county', '酉阳县'),
  ('500242101000', '500242000000', 'township', '龙潭镇'), ('500242101001', '500242101000', 'village', '龙潭镇第一村');
INSERT INTO children (id, name, sex, birth_date, township_code, village_code, status, created_at, created_by, updated_at)
  VALUES (1, '迁移童', 1, '2015-01-01', '500242101000', '500242101001', 'active', UTC_TIMESTAMP(), 1, UTC_TIMESTAMP());
INSERT INTO living_grants (id, child_id, benefit, subtype, start_month, created_at) VALUES (7, 1, 'orphan', 'scattered', '2025-01-01', UTC_TIMESTAMP());
INSERT INTO living_months VALUES ('2025-06-01', 'locked', '2025-06-03', 11, 12, '2025-06-04', '2025-06-05', 13),
                                 ('2025-07-01', 'reviewed', '2025-07-03', 11, 12, '2025-07-04', NULL, NULL);
INSERT INTO living_payments (month, for_month, grant_id, child_id, township_code, benefit, kind, amount_fen, note, created_at) VALUES
  ('2025-06-01', '2025-06-01', 7, 1, '500242101000', 'orphan', 'regular', 162500, '', '2025-06-03'),
  ('2025-07-01', '2025-07-01', 7, 1, '500242101000', 'orphan', 'regular', 165100, '', '2025-07-03'),
  ('2025-07-01', '2025-05-01', 7, 1, '500242101000', 'orphan', 'backpay', 162500, '补发五月', '2025-07-03'),
  ('2025-07-01', '2025-06-01', 7, 1, '500242101000', 'orphan', 'correction', -10050, '六月多发', '2025-07-03');
INSERT INTO living_accounts VALUES (1, '监护人', '酉阳农商行', UNHEX('$enc'), '****8901', '2025-05-01');
INSERT INTO living_rates (benefit, subtype, effective_from, amount_fen, basis, created_by, created_at)
  VALUES ('tekun_care', 'full_care', '2025-07-01', 52050, '护理补贴提标', 11, '2025-06-20');"
check "the old data is in" [ "$(db "$up" -e "SELECT COUNT(*) FROM living_payments")" = 4 ]

build/portalctl --config "$conf" migrate >"$OUT/migrate.$up" 2>&1
check "this tree migrates it (living 3 applied)" grep -q "applied living 3 003_ledger.sql" "$OUT/migrate.$up"
check "each month is a ledger batch of living with its status and people" same \
    "$(db "$up" -e "SELECT CONCAT_WS(' ', DATE_FORMAT(m.month, '%Y-%m'), b.module, b.programme, b.status, b.created_by, b.reviewed_by, COALESCE(b.locked_by, '-')) FROM living_ledger_months m JOIN pay_batches b ON b.id = m.batch_id ORDER BY m.month")" \
    "2025-06 living monthly locked 11 12 13
2025-07 living monthly reviewed 11 12 -"
check "every line came over with its amount, period, programme and grant" same \
    "$(db "$up" -e "SELECT CONCAT_WS(' ', DATE_FORMAT(m.month, '%Y-%m'), DATE_FORMAT(l.period, '%Y-%m'), l.programme, l.amount_fen, l.source_module, l.source_id, l.child_id, l.township_code) FROM pay_lines l JOIN living_ledger_months m ON m.batch_id = l.batch_id ORDER BY l.id")" \
    "2025-06 2025-06 orphan 162500 living 7 1 500242101000
2025-07 2025-07 orphan 165100 living 7 1 500242101000
2025-07 2025-05 orphan 162500 living 7 1 500242101000
2025-07 2025-06 orphan -10050 living 7 1 500242101000"
check "the notes are kept in the reasons" same "$(db "$up" -e "SELECT reason FROM pay_lines ORDER BY id DESC LIMIT 1")" "更正 2025-06：六月多发"
check "the account is a payee with the very same ciphertext" same \
    "$(db "$up" -e "SELECT kind, holder, bank_name, HEX(account_enc), account_masked FROM pay_payees WHERE child_id = 1")" \
    "account	监护人	酉阳农商行	$enc	****8901"
check "the rates are dated settings in fen, with their basis and author" same \
    "$(db "$up" -e "SELECT value, note, created_by FROM setting_values WHERE module = 'living' AND code = 'tekun_care_full_care' AND valid_from = '2025-07-01'")" \
    "52050	护理补贴提标	11"
check "the shipped rates came over too" same "$(db "$up" -e "SELECT value FROM setting_values WHERE module = 'living' AND code = 'orphan_institutional' AND valid_from = '2026-01-01'")" 200000
check "living's old tables are gone" same "$(db "$up" -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$up' AND table_name IN ('living_payments', 'living_months', 'living_accounts', 'living_rates')")" 0
check "and so is the old rates permission" same "$(db "$up" -e "SELECT COUNT(*) FROM role_perms WHERE perm = 'living.rates'")" 0
db -e "DROP DATABASE $up"
