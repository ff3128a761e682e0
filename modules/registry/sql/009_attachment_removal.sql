-- Corrections of a child's file (issue 20 item 4): an attachment's kind can
-- be corrected and the attachment removed with a reason.  Removal is a soft
-- delete: the row and the stored file stay (the history names them), the
-- file page no longer lists or serves it.
ALTER TABLE child_attachments
  ADD COLUMN removed_at DATETIME NULL,
  ADD COLUMN removed_by BIGINT NULL,
  ADD COLUMN removed_reason VARCHAR(200) NULL;
