-- 一门受理、协同办理 (issue 15 item 6): a township window records a family's
-- request; each need is an urgent task (the host's urgent_tasks) for the
-- department concerned, due in working days; the department answers it
-- (accepted, with the application it opened, or declined with the reason);
-- when every need is answered the family gets one written reply.
CREATE TABLE village_intakes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  village_code CHAR(12) NOT NULL,
  township_code CHAR(12) NOT NULL,
  applicant VARCHAR(64) NOT NULL,
  relation VARCHAR(16) NOT NULL DEFAULT '',
  phone VARCHAR(32) NOT NULL DEFAULT '',
  request VARCHAR(1000) NOT NULL,
  status ENUM('open','answered') NOT NULL DEFAULT 'open',
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  answered_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY township_status (township_code, status, id),
  KEY child (child_id),
  CONSTRAINT vi_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE village_intake_needs (
  id BIGINT NOT NULL AUTO_INCREMENT,
  intake_id BIGINT NOT NULL,
  need VARCHAR(16) NOT NULL,                 -- labels village.need
  org_id BIGINT NOT NULL,                    -- the department concerned
  task_id BIGINT NOT NULL,                   -- its urgent task
  due_date DATE NOT NULL,
  status ENUM('open','accepted','declined') NOT NULL DEFAULT 'open',
  answer VARCHAR(500) NULL,
  app_ref VARCHAR(100) NULL,
  answered_by BIGINT NULL,
  answered_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY intake_need (intake_id, need),
  KEY org_status (org_id, status, due_date),
  CONSTRAINT vin_intake FOREIGN KEY (intake_id) REFERENCES village_intakes (id),
  CONSTRAINT vin_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
