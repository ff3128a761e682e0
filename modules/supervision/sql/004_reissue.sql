-- A corrected reissue of a month's bulletin (issue 16): the issued bulletin
-- stays as it was, marked superseded by the new version; both are listed.
-- Each version has its own frozen copy of the numbers.
ALTER TABLE supervision_bulletins
  ADD COLUMN version INT NOT NULL DEFAULT 1 AFTER month,
  ADD COLUMN supersedes BIGINT NULL,              -- the version it corrects
  ADD COLUMN superseded_by BIGINT NULL,           -- the version that corrects it
  ADD COLUMN reason VARCHAR(500) NOT NULL DEFAULT '', -- why it was corrected
  DROP KEY month,
  ADD UNIQUE KEY month_version (month, version);
