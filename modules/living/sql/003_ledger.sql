-- requires: registry
-- 基本生活保障 on the core's payments ledger and module settings (issue 10).
--  * a living month is one ledger batch (module living, programme monthly,
--    the month's period); living keeps only which batch is the month's;
--  * the lines of living_payments become pay_lines (programme = the benefit,
--    period = the month paid for, source = the grant);
--  * living_accounts become pay_payees (the ciphertext copied as it is);
--  * the dated rates of living_rates become dated module settings
--    (setting_values, code "<benefit>_<subtype>", value in fen).
-- Then living's own tables of these go.

-- The batch of each month.  batch_id is NULL only inside the transaction
-- that opens it: generate inserts the month's row first, so two clerks
-- generating at once queue on it and open one batch.
CREATE TABLE living_ledger_months (
  month DATE NOT NULL,
  batch_id BIGINT NULL,
  PRIMARY KEY (month),
  UNIQUE KEY batch (batch_id),
  CONSTRAINT living_ledger_months_batch FOREIGN KEY (batch_id) REFERENCES pay_batches (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO pay_batches (module, programme, period, title, status, created_by, created_at,
                         reviewed_by, reviewed_at, locked_by, locked_at)
  SELECT 'living', 'monthly', m.month, CONCAT(DATE_FORMAT(m.month, '%Y-%m'), ' 基本生活保障月度发放'),
         'draft', m.generated_by, m.generated_at, m.reviewed_by, m.reviewed_at, m.locked_by,
         m.locked_at
  FROM living_months m ORDER BY m.month;
INSERT INTO living_ledger_months (month, batch_id)
  SELECT m.month, b.id FROM living_months m JOIN pay_batches b ON b.module = 'living'
    AND b.programme = 'monthly' AND b.period = m.month;
-- the lines while every batch is still a draft (a locked batch takes none)
INSERT INTO pay_lines (batch_id, child_id, payee_id, township_code, programme, period,
                       amount_fen, reason, source_module, source_id, corrects_id, posted_by,
                       created_at)
  SELECT lm.batch_id, p.child_id, NULL, p.township_code, p.benefit, p.for_month, p.amount_fen,
         LEFT(CONCAT(CASE p.kind WHEN 'regular' THEN '月度发放' WHEN 'backpay' THEN '补发'
                     ELSE '更正' END, ' ', DATE_FORMAT(p.for_month, '%Y-%m'),
                     IF(p.note = '', '', CONCAT('：', p.note))), 200),
         'living', p.grant_id, NULL, m.generated_by, p.created_at
  FROM living_payments p JOIN living_ledger_months lm ON lm.month = p.month
  JOIN living_months m ON m.month = p.month ORDER BY p.id;
UPDATE pay_batches b JOIN living_ledger_months lm ON lm.batch_id = b.id
  JOIN living_months m ON m.month = lm.month
  SET b.status = IF(m.status = 'generated', 'draft', m.status);

INSERT INTO pay_payees (kind, child_id, org_id, holder, bank_name, account_enc, account_masked,
                        updated_by, updated_at)
  SELECT 'account', a.child_id, NULL, a.payee_name, a.bank_name, a.account_enc,
         a.account_masked, 0, a.updated_at FROM living_accounts a
  ON DUPLICATE KEY UPDATE pay_payees.id = pay_payees.id;

INSERT INTO setting_values (module, code, valid_from, value, note, created_by, created_at)
  SELECT 'living', CONCAT(r.benefit, '_', r.subtype), r.effective_from, r.amount_fen, r.basis,
         COALESCE(r.created_by, 0), COALESCE(r.created_at, UTC_TIMESTAMP())
  FROM living_rates r WHERE r.benefit <> 'temporary' ORDER BY r.id;

DROP TABLE living_payments;
DROP TABLE living_months;
DELETE FROM crypto_columns WHERE table_name = 'living_accounts';
DROP TABLE living_accounts;
DROP TABLE living_rates;
-- the rates are edited on /admin/settings/living by the module's administrators
DELETE FROM role_perms WHERE perm = 'living.rates';
