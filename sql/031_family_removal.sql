-- Corrections of a child's file (issue 20 item 4): a family member is never
-- deleted.  Removal is a soft delete with its reason: the row leaves the
-- file (every reader filters removed_at IS NULL) and stays, with the
-- timeline entry that names it, in the child's history.
ALTER TABLE child_family
  ADD COLUMN removed_at DATETIME NULL,
  ADD COLUMN removed_by BIGINT NULL,
  ADD COLUMN removed_reason VARCHAR(200) NULL;
