-- Notices to an office (a township, or the county), kept until someone there
-- marks them handled:
--  transfer_in      the county moved a child into the township: what it
--                   received (the child, where from, its open applications);
--  duplicate_check  a new file whose ID number, or name and birth date,
--                   matches a file outside the filer's jurisdiction: the
--                   county checks it (the filer is only told that a possible
--                   duplicate exists and that the county will check it).
-- division_code is the office's own division: a user sees the notices of
-- exactly their own division.
CREATE TABLE registry_notices (
  id BIGINT NOT NULL AUTO_INCREMENT,
  division_code CHAR(12) NOT NULL,
  kind ENUM('transfer_in','duplicate_check') NOT NULL,
  child_id BIGINT NULL,             -- the child concerned (duplicate: the file already there)
  summary VARCHAR(500) NOT NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  done_at DATETIME NULL,
  done_by BIGINT NULL,
  PRIMARY KEY (id),
  KEY open_for (division_code, done_at, id),
  KEY asked (created_by, kind, child_id, done_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every duplicate check on the new-file form that found a possible
-- duplicate (in or out of scope): the per-user hourly limit counts these.
-- A check that finds nothing creates the file, so it is no cheap probe.
CREATE TABLE registry_dup_checks (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY user_at (user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
