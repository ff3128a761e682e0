-- Gaps (issue 11): a charity policy's "funded by" is linked to the
-- volunteer module's charity project that paid for it, when there is one
-- (no foreign key: the volunteer module may be disabled; funded_by keeps
-- the name as written).
ALTER TABLE medical_policies
  ADD COLUMN project_id BIGINT NULL;           -- volunteer_projects.id
