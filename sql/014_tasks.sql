-- Urgent tasks, the supervision list, notices and the outbound hook's queue
-- (issue 10 part 4).  Times are UTC DATETIMEs; pages show them in Beijing
-- time.  Deadlines count hours (abuse reports, emergencies), not days.

-- A task a module opens for a child or an object: who acts (level, optional
-- organisation, permission, and the division in their scope) and until when.
-- When due_at passes the master's job escalates it one level up (village ->
-- township -> county) with a new window of `hours`; past the county's window
-- it stays at the county, marked overdue (final = 1).
CREATE TABLE urgent_tasks (
  id BIGINT NOT NULL AUTO_INCREMENT,
  module VARCHAR(32) NOT NULL,
  kind VARCHAR(64) NOT NULL,                    -- the module's code, "report.handle"
  title VARCHAR(200) NOT NULL,                  -- Chinese
  link VARCHAR(255) NULL,                       -- a local path to the module's page
  child_id BIGINT NULL,
  object_type VARCHAR(32) NULL,
  object_id VARCHAR(64) NULL,
  division_code CHAR(12) NOT NULL,              -- whose scope covers it
  level ENUM('village','township','county') NOT NULL,  -- who acts now
  org_id BIGINT NULL,                           -- only this organisation's users (first level)
  permission VARCHAR(64) NOT NULL,
  hours INT NOT NULL,
  opened_at DATETIME NOT NULL,
  due_at DATETIME NOT NULL,
  status ENUM('open','closed') NOT NULL DEFAULT 'open',
  escalations INT NOT NULL DEFAULT 0,
  final TINYINT NOT NULL DEFAULT 0,             -- past the county's deadline: no level above
  closed_at DATETIME NULL,
  closed_by BIGINT NULL,
  outcome VARCHAR(500) NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY due (status, final, due_at),
  KEY inbox (status, level, division_code),
  KEY child (child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every escalation, for the supervision module (督办): one row per task and
-- level it was escalated from (the unique key makes escalation idempotent).
CREATE TABLE supervision_items (
  id BIGINT NOT NULL AUTO_INCREMENT,
  task_id BIGINT NOT NULL,
  from_level ENUM('village','township','county') NOT NULL,
  to_level ENUM('village','township','county') NOT NULL,
  division_code CHAR(12) NOT NULL,
  missed_due DATETIME NOT NULL,                 -- the deadline that passed
  escalated_at DATETIME NOT NULL,
  status ENUM('open','resolved') NOT NULL DEFAULT 'open',
  resolved_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY once (task_id, from_level),
  KEY open (status, escalated_at),
  CONSTRAINT supervision_task FOREIGN KEY (task_id) REFERENCES urgent_tasks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A notice to one user (user_id), to every user of an organisation
-- (org_id), or to the office of a division (division_code: every user whose
-- jurisdiction is exactly that division); read per user in notice_reads.
CREATE TABLE notices (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NULL,
  org_id BIGINT NULL,
  division_code CHAR(12) NULL,
  module VARCHAR(32) NOT NULL,
  kind VARCHAR(64) NOT NULL,                    -- "transfer.sent", "task.escalated"
  title VARCHAR(200) NOT NULL,
  body TEXT NULL,
  link VARCHAR(255) NULL,
  child_id BIGINT NULL,
  object_type VARCHAR(32) NULL,
  object_id VARCHAR(64) NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NULL,                       -- NULL: the system (the master's job)
  PRIMARY KEY (id),
  KEY to_user (user_id, id),
  KEY to_org (org_id, id),
  KEY to_division (division_code, id),
  KEY object (object_type, object_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notice_reads (
  notice_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  read_at DATETIME NOT NULL,
  PRIMARY KEY (notice_id, user_id),
  CONSTRAINT notice_reads_notice FOREIGN KEY (notice_id) REFERENCES notices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the outbound hook (portal.conf outbound_command) still has to be told:
-- written in the same transaction as the task, escalation or notice, sent by
-- the master's job, retried a bounded number of times.
CREATE TABLE outbound_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  kind ENUM('task','escalation','notice') NOT NULL,
  ref_id BIGINT NOT NULL,
  payload TEXT NOT NULL,                        -- one JSON line
  created_at DATETIME NOT NULL,
  status ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
  attempts INT NOT NULL DEFAULT 0,
  next_at DATETIME NOT NULL,
  last_error VARCHAR(255) NULL,
  sent_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY once (kind, ref_id),
  KEY due (status, next_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- county staff see the supervision list (/inbox/escalated)
INSERT INTO role_perms (role_id, perm)
  SELECT id, 'core.supervise' FROM roles WHERE code = 'county_staff';
