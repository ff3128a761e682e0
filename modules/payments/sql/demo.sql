-- Demo data for `make run` (portalctl seed-demo --modules, after the
-- generated children exist; idempotent; never loaded by the test suite).
-- One payment batch as living will post it: 2026-11 orphan allowance for
-- three children of 龙潭镇, posted by the demo account `township`, plus a
-- correction line, so that `county` (another person: four eyes) reviews and
-- `county2` (separation of duties: not the reviewer) locks it; either prints it.  No bank accounts: those are only ever stored encrypted
-- by the services, so the bank file of the demo batch lists no transfer and
-- the page flags the lines without an account.
SET @poster = (SELECT id FROM users WHERE username = 'township');

INSERT INTO pay_batches (module, programme, period, title, status, created_by, created_at)
  SELECT 'living', 'orphan', '2026-11-01', '2026年11月孤儿基本生活费（示例）', 'draft', @poster,
         UTC_TIMESTAMP() FROM DUAL
  WHERE @poster IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pay_batches
    WHERE module = 'living' AND title = '2026年11月孤儿基本生活费（示例）')
  -- the month's open batch is one (key one_open): none is added beside another
  AND NOT EXISTS (SELECT 1 FROM pay_batches WHERE module = 'living' AND programme = 'orphan'
                  AND open_period = '2026-11-01');
SET @batch = (SELECT id FROM pay_batches WHERE module = 'living'
              AND title = '2026年11月孤儿基本生活费（示例）');

INSERT INTO pay_lines (batch_id, child_id, township_code, programme, period, amount_fen, reason,
                       source_module, posted_by, created_at)
  SELECT @batch, c.id, c.township_code, 'orphan', '2026-11-01', 165100,
         '孤儿基本生活费（社会散居，示例）', 'living', @poster, UTC_TIMESTAMP()
  FROM (SELECT id, township_code FROM children WHERE township_code = '500242101000'
        ORDER BY id LIMIT 3) c
  WHERE @batch IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pay_lines WHERE batch_id = @batch);

INSERT INTO pay_lines (batch_id, child_id, township_code, programme, period, amount_fen, reason,
                       source_module, corrects_id, posted_by, created_at)
  SELECT @batch, l.child_id, l.township_code, 'orphan', '2026-11-01', -16510,
         '按实际天数核减（示例更正）', 'living', l.id, @poster, UTC_TIMESTAMP()
  FROM pay_lines l WHERE l.batch_id = @batch AND l.corrects_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM pay_lines WHERE batch_id = @batch AND corrects_id IS NOT NULL)
  ORDER BY l.id LIMIT 1;
