-- The workflow service (ABI 1.2): applications of every module, their
-- actions (the history), and the working-day calendar.
-- Jurisdiction columns (village_code, township_code) are copied from the
-- child so the inbox filters by scope with an index; they follow the child
-- when it moves (the registry's trigger children_scope_follow, migration 5).
-- No foreign key to children: that table belongs to the registry module,
-- whose migrations run after the core's.

CREATE TABLE wf_applications (
  id BIGINT NOT NULL AUTO_INCREMENT,
  module VARCHAR(32) NOT NULL,
  type VARCHAR(32) NOT NULL,
  type_title VARCHAR(64) NOT NULL DEFAULT '',   -- copied from the descriptor, for readers
  child_id BIGINT NOT NULL,
  village_code CHAR(12) NOT NULL,
  township_code CHAR(12) NOT NULL,
  step_index INT NOT NULL,
  step_code VARCHAR(32) NOT NULL,
  step_title VARCHAR(64) NOT NULL DEFAULT '',   -- copied from the descriptor, for readers
  status ENUM('open','returned','approved','rejected') NOT NULL,
  summary VARCHAR(500) NOT NULL DEFAULT '',
  started_at DATETIME NOT NULL,
  step_started DATE NOT NULL,
  step_due DATE NULL,
  publicity_until DATE NULL,
  total_used_days INT NOT NULL DEFAULT 0,       -- days used by finished steps that count
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY inbox (module, type, step_code, status, village_code),
  KEY town (township_code, status, step_due),
  KEY village (village_code, status),
  KEY due (status, step_due),
  KEY publicity (status, publicity_until),
  KEY child (child_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wf_actions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  app_id BIGINT NOT NULL,
  step_code VARCHAR(32) NOT NULL,
  action VARCHAR(16) NOT NULL,   -- start approve return resubmit reject object publicity_done
  user_id BIGINT NULL,           -- NULL: done by the system (publicity completed)
  at DATETIME NOT NULL,
  opinion VARCHAR(2000) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY app (app_id, id),
  KEY app_step (app_id, step_code, action),
  CONSTRAINT wf_actions_app FOREIGN KEY (app_id) REFERENCES wf_applications (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the exceptions to Monday-Friday: holidays (is_workday 0 on a weekday)
-- and make-up working days (is_workday 1 on a weekend).
CREATE TABLE work_calendar (
  day DATE NOT NULL,
  is_workday TINYINT NOT NULL,
  note VARCHAR(64) NOT NULL DEFAULT '',
  PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
