-- The children an export held (issue 19, items 1 and 5).
--
-- export_children: one row per child per export that is a disclosure (an
-- export to another department or a higher level, purposes report_up /
-- dept_assist, and any export with full ID numbers).  The host writes them
-- after the file went out, from the child of every row the module wrote
-- (service export_row), one multi-row INSERT per chunk.  The child's file
-- (信息共享登记) and the guardian's copy read them with the export's row of
-- the sharing register (disclosures.export_id, child_id NULL).  No foreign
-- key: an archived child's row stays, and the insert must stay cheap.
CREATE TABLE export_children (
  export_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  PRIMARY KEY (export_id, child_id),
  KEY by_child (child_id, export_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An export that fails part-way (a query or a workbook error, an account
-- that cannot be decrypted) is 'failed', with the rows the file did get.
-- The purpose is a code of the lookup privacy.purpose (as long as its codes).
ALTER TABLE export_register
  MODIFY status ENUM('done','pending','approved','rejected','downloaded','failed') NOT NULL,
  ADD COLUMN rows_written BIGINT NULL AFTER row_count,
  MODIFY purpose VARCHAR(64) NOT NULL;

-- An export's row of the sharing register finds its children's rows.
ALTER TABLE disclosures ADD KEY by_export (export_id);
