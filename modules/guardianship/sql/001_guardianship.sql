-- requires: registry
-- 监护与安全保护: mandatory reports (强制报告) and their protection cases
-- (emergency handling, assessment, intervention plan, follow-ups, closure),
-- placements and legal guardianship as dated history.  The most sensitive
-- data of the portal: the reporter's identity, what was seen, the child's
-- description, the assessment, the plan and the visits' notes are encrypted
-- (crypto_columns below); every read is audited by the module.

-- One report = one protection case.  division_code: the child's village
-- (identified; scope follows the child's CURRENT village through children)
-- or the village or township where an unidentified child was found.
CREATE TABLE gd_reports (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NULL,
  division_code CHAR(12) NOT NULL,
  situation VARCHAR(32) NOT NULL,              -- one of the nine (labels guardianship.situation)
  source VARCHAR(32) NOT NULL DEFAULT 'direct', -- the module whose page linked here
  child_desc_enc VARBINARY(4096) NULL,         -- unidentified: description and place
  facts_enc VARBINARY(8192) NOT NULL,          -- what was seen
  reporter_enc VARBINARY(1024) NOT NULL,       -- name, organisation, phone: county staff only
  reporter_user_id BIGINT NOT NULL,
  reporter_org_id BIGINT NULL,
  found_at DATETIME NOT NULL,                  -- when the reporter found it (UTC)
  police_org_id BIGINT NULL,                   -- the station it was sent to
  police_at DATETIME NULL,                     -- when the police were told (UTC)
  police_receipt VARCHAR(64) NULL,
  police_none_reason VARCHAR(500) NULL,        -- why the police could not be reached
  police_ack_at DATETIME NULL,                 -- the station acknowledged
  police_ack_by BIGINT NULL,
  reported_at DATETIME NOT NULL,
  stage ENUM('reported','safe','assessed','planned','closed') NOT NULL DEFAULT 'reported',
  safety_due DATETIME NOT NULL,
  safe_at DATETIME NULL,
  safety_enc VARBINARY(4096) NULL,             -- where the child is now, temporary placement
  assess_due DATETIME NULL,
  assessed_at DATETIME NULL,
  risk ENUM('low','medium','high') NULL,
  needs_enc VARBINARY(4096) NULL,
  plan_due DATETIME NULL,
  planned_at DATETIME NULL,
  plan_enc VARBINARY(8192) NULL,
  procuratorate TINYINT NOT NULL DEFAULT 0,    -- referred to the 检察院 (public interest)
  next_visit DATE NULL,
  closed_at DATETIME NULL,
  outcome VARCHAR(500) NULL,
  identified_at DATETIME NULL,                 -- an unidentified child later identified
  PRIMARY KEY (id),
  KEY child (child_id),
  KEY division (division_code, stage),
  KEY police (police_org_id, id),
  KEY reporter_org (reporter_org_id, id),
  KEY reported (reported_at),
  CONSTRAINT gd_reports_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT gd_reports_division FOREIGN KEY (division_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The case workers assigned (need-to-know): a township worker takes the
-- case, or the county assigns one.  ended_at: no longer on the case.
CREATE TABLE gd_case_workers (
  id BIGINT NOT NULL AUTO_INCREMENT,
  report_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  assigned_at DATETIME NOT NULL,
  assigned_by BIGINT NOT NULL,
  ended_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY report (report_id, user_id),
  KEY user (user_id, report_id),
  CONSTRAINT gd_workers_report FOREIGN KEY (report_id) REFERENCES gd_reports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The case's history (who did what when), and follow-up visits (notes encrypted).
CREATE TABLE gd_report_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  report_id BIGINT NOT NULL,
  at DATETIME NOT NULL,
  user_id BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,                   -- reported taken safe assessed planned visit closed identified police_ack
  notes_enc VARBINARY(4096) NULL,
  visit_date DATE NULL,
  PRIMARY KEY (id),
  KEY report (report_id, id),
  CONSTRAINT gd_events_report FOREIGN KEY (report_id) REFERENCES gd_reports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The urgent tasks of a case (host urgent_tasks), to close them at the step.
CREATE TABLE gd_report_tasks (
  report_id BIGINT NOT NULL,
  task_id BIGINT NOT NULL,
  step VARCHAR(16) NOT NULL,                   -- receive county safety assess plan
  PRIMARY KEY (task_id),
  KEY report (report_id, step),
  CONSTRAINT gd_tasks_report FOREIGN KEY (report_id) REFERENCES gd_reports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO crypto_columns VALUES ('gd_reports', 'id', 'child_desc_enc'),
  ('gd_reports', 'id', 'facts_enc'), ('gd_reports', 'id', 'reporter_enc'),
  ('gd_reports', 'id', 'safety_enc'), ('gd_reports', 'id', 'needs_enc'),
  ('gd_reports', 'id', 'plan_enc'), ('gd_report_events', 'id', 'notes_enc');

-- the roles of the area: the county child-protection staff (未成年人保护),
-- the townships' protection workers (case workers); police stations' and
-- reporting institutions' staff are the core's org_staff
INSERT IGNORE INTO roles (code, name) VALUES ('protection_county', '县未成年人保护工作人员'),
  ('protection_worker', '乡镇未成年人保护工作人员');
INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.county' FROM roles WHERE code = 'protection_county';
INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.report' FROM roles WHERE code = 'protection_county';
INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.placement' FROM roles WHERE code = 'protection_county';
INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.handle' FROM roles WHERE code IN ('protection_worker', 'protection_county');
INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.report' FROM roles WHERE code = 'protection_worker';
INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.report' FROM roles WHERE code IN ('village_director', 'township_staff', 'org_staff');
INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.police' FROM roles WHERE code = 'org_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, 'guardianship.placement' FROM roles WHERE code = 'county_staff';

-- Placements (where and with whom the child lives) as dated history: a new
-- placement ends the open one the day before it starts; never overwritten.
CREATE TABLE gd_placements (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  kind ENUM('parents','relatives','institution','foster','adoption') NOT NULL,
  carer VARCHAR(64) NOT NULL DEFAULT '',       -- the relative, foster or adoptive family
  org_id BIGINT NULL,                          -- institution: the organisation
  care_match_id BIGINT NULL,                   -- foster: the volunteer module's care match
  start_date DATE NOT NULL,
  end_date DATE NULL,
  end_reason VARCHAR(200) NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id, start_date),
  CONSTRAINT gd_placements_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT gd_placements_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Legal guardianship as dated history: parents, a relative, civil affairs
-- (temporary, art. 92, with its situation and basis; long-term, art. 94,
-- with periodic review) or the adoptive parents (art. 95 ends the state's).
CREATE TABLE gd_guardians (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  kind ENUM('parents','relative','civil_temporary','civil_long','adoptive') NOT NULL,
  guardian VARCHAR(64) NOT NULL,
  situation VARCHAR(32) NULL,                  -- art. 92: one of the seven
  basis VARCHAR(32) NULL,                      -- court designation, police handover...
  basis_note VARCHAR(200) NOT NULL DEFAULT '',
  org_id BIGINT NULL,                          -- the institution caring for the child
  start_date DATE NOT NULL,
  end_date DATE NULL,
  end_reason VARCHAR(32) NULL,                 -- parent_able adoption adult other
  review_due DATE NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id, start_date),
  KEY review (end_date, review_due),
  CONSTRAINT gd_guardians_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT gd_guardians_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
