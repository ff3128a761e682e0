-- Issue 18: at most one open batch (draft or reviewed) of a module's
-- programme and month, as a database guarantee.  Two clerks on two Galera
-- nodes, or two workers, opening the same month in the same second get the
-- same batch: pay_batch_open inserts and, on the key, takes the batch that
-- holds it (INSERT ... ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)).
--
-- open_period is the month while the batch is open and not superseded, NULL
-- otherwise (a UNIQUE key allows any number of NULLs): a locked or exported
-- batch frees the month, so a later approval opens the month's next batch
-- (medical, rehab) or posts into the next open month (living's back pay).
--
-- superseded_by: open batches that already shared a month before this key
-- (the race this closes) keep their lines and stay on the payments pages to
-- be reviewed and locked; the oldest holds the key, the others name it here.
-- Nothing else sets it.
ALTER TABLE pay_batches ADD COLUMN superseded_by BIGINT NULL AFTER exported_at;

UPDATE pay_batches b
  JOIN (SELECT module, programme, period, MIN(id) AS keep_id FROM pay_batches
        WHERE status IN ('draft', 'reviewed') GROUP BY module, programme, period
        HAVING COUNT(*) > 1) k
    ON k.module = b.module AND k.programme = b.programme AND k.period = b.period
  SET b.superseded_by = k.keep_id
  WHERE b.id <> k.keep_id AND b.status IN ('draft', 'reviewed');

ALTER TABLE pay_batches
  ADD COLUMN open_period DATE AS (IF(status IN ('draft', 'reviewed') AND superseded_by IS NULL,
                                     period, NULL)) PERSISTENT AFTER superseded_by,
  ADD UNIQUE KEY one_open (module, programme, open_period);
