-- A notice to an office (a division's staff) can be marked handled by the
-- office: done_at/done_by, the same for every user of that office (read
-- stays per user in notice_reads).  Open notices of an office by module are
-- what the registry's page lists.
ALTER TABLE notices
  ADD COLUMN done_at DATETIME NULL AFTER created_by,
  ADD COLUMN done_by BIGINT NULL AFTER done_at,
  ADD KEY office_open (division_code, module, done_at, id);
