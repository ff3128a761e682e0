-- One hash chain per worker slot (chain 0: portalctl and single-process
-- modes).  Every audited read used to wait on the single chain head and its
-- commit; with a head per chain, concurrent commits share their disk flushes
-- (group commit) while each chain still proves itself unbroken.  Rows so far
-- belong to chain 0, whose head is the old single head.
ALTER TABLE audit_log ADD COLUMN chain SMALLINT NOT NULL DEFAULT 0 AFTER id,
  ADD KEY chain (chain, id);
ALTER TABLE audit_head MODIFY id SMALLINT NOT NULL;
-- an empty chain-0 head can only come from a newer binary run before this
-- migration; the old single head becomes chain 0's
DELETE FROM audit_head WHERE id = 0 AND last_id = 0;
UPDATE audit_head SET id = 0 WHERE id = 1;
