-- Gaps (issue 13): the institution named to take in a child whose parents
-- are detained gets an urgent task in its staff's inbox (not only a notice)
-- and records that it took the child in; the county sees the same task when
-- it escalates.
ALTER TABLE gd_detentions
  ADD COLUMN received_at DATETIME NULL,          -- the institution took the child in
  ADD COLUMN received_by BIGINT NULL,
  ADD COLUMN receive_task_id BIGINT NULL;        -- the institution's urgent task

INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.receive' FROM roles
  WHERE code IN ('org_staff', 'protection_county');
