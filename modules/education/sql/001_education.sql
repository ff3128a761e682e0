-- requires: registry
-- 教育保障: schools (core orgs of kind 'school' plus their attributes here),
-- each child's dated enrolment history, semester roll imports, 控辍保学
-- dropout cases (on the host's workflow), counselling sessions and the
-- support log of disabled students.

-- A school is a core organisation of kind 'school' (its staff get the org
-- scope from the core); what the education commission keeps about it.
CREATE TABLE edu_schools (
  org_id BIGINT NOT NULL,
  school_code VARCHAR(16) NOT NULL,          -- 学校标识码 (10 digits)
  level ENUM('kindergarten','primary','junior','senior','vocational','special') NOT NULL,
  township_code CHAR(12) NOT NULL,
  boarding TINYINT NOT NULL DEFAULT 0,
  updated_by BIGINT NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (org_id),
  UNIQUE KEY school_code (school_code),
  KEY township (township_code),
  CONSTRAINT edu_schools_org FOREIGN KEY (org_id) REFERENCES orgs (id),
  CONSTRAINT edu_schools_township FOREIGN KEY (township_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Enrolment history: one row per change, never overwritten; the current row
-- has ended_on NULL (a new row ends the previous one on its valid_from).
-- semester: YYYY-1 spring, YYYY-2 autumn.
CREATE TABLE edu_enrolments (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  org_id BIGINT NULL,                        -- the school; NULL: not enrolled / exempt
  semester CHAR(6) NOT NULL,
  grade VARCHAR(16) NOT NULL DEFAULT '',
  class_name VARCHAR(16) NOT NULL DEFAULT '',
  boarding TINYINT NOT NULL DEFAULT 0,
  mode ENUM('ordinary','inclusive','special','home','exempt','none') NOT NULL,
  migrant TINYINT NOT NULL DEFAULT 0,        -- 随迁子女: registered elsewhere
  hukou_place VARCHAR(100) NOT NULL DEFAULT '',
  valid_from DATE NOT NULL,
  ended_on DATE NULL,
  source ENUM('form','roll') NOT NULL,
  import_id BIGINT NULL,
  note VARCHAR(200) NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id, ended_on),
  KEY org_current (org_id, ended_on),
  KEY semester (semester, child_id),
  CONSTRAINT edu_enrolments_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT edu_enrolments_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A semester roll import (学籍) by a school (org_id) or the commission (NULL).
CREATE TABLE edu_roll_imports (
  id BIGINT NOT NULL AUTO_INCREMENT,
  org_id BIGINT NULL,
  semester CHAR(6) NOT NULL,
  filename VARCHAR(200) NOT NULL DEFAULT '',
  rows_total INT NOT NULL DEFAULT 0,
  matched INT NOT NULL DEFAULT 0,
  updated INT NOT NULL DEFAULT 0,
  not_in_registry INT NOT NULL DEFAULT 0,   -- pupils who are not children in difficulty
  refused INT NOT NULL DEFAULT 0,           -- rows listed in edu_roll_rows
  status ENUM('running','done') NOT NULL DEFAULT 'running',
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY org (org_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The rows of an import that could not be applied, with why; never the ID
-- number itself (masked).
CREATE TABLE edu_roll_rows (
  id BIGINT NOT NULL AUTO_INCREMENT,
  import_id BIGINT NOT NULL,
  row_no INT NOT NULL,
  name VARCHAR(64) NOT NULL DEFAULT '',
  id_masked VARCHAR(18) NOT NULL DEFAULT '',
  school VARCHAR(128) NOT NULL DEFAULT '',
  grade VARCHAR(16) NOT NULL DEFAULT '',
  reason VARCHAR(16) NOT NULL,               -- labels education.roll_reason
  PRIMARY KEY (id),
  KEY import (import_id, row_no),
  CONSTRAINT edu_roll_rows_import FOREIGN KEY (import_id) REFERENCES edu_roll_imports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The registry children each import matched (the semester's rolls missed
-- the others).
CREATE TABLE edu_roll_matches (
  import_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  PRIMARY KEY (import_id, child_id),
  KEY child (child_id),
  CONSTRAINT edu_roll_matches_import FOREIGN KEY (import_id) REFERENCES edu_roll_imports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 控辍保学: a suspected dropout, one workflow application (wf_applications)
-- each; open_child is the child's id while the case is open (one open case
-- per child).
CREATE TABLE edu_dropouts (
  app_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  open_child BIGINT NULL,
  last_org_id BIGINT NULL,                   -- the last school
  reason ENUM('no_enrolment','absent') NOT NULL,
  detected_on DATE NOT NULL,
  note VARCHAR(200) NOT NULL DEFAULT '',
  outcome ENUM('returned','home','medical','moved','unfounded') NULL,
  closed_on DATE NULL,
  task_id BIGINT NULL,                       -- the urgent task of the current step
  PRIMARY KEY (app_id),
  UNIQUE KEY open_child (open_child),
  KEY child (child_id),
  KEY detected (detected_on),
  KEY closed (closed_on),
  CONSTRAINT edu_dropouts_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT edu_dropouts_app FOREIGN KEY (app_id) REFERENCES wf_applications (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Counselling sessions: the notes encrypted.
CREATE TABLE edu_counselling (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  org_id BIGINT NULL,
  session_date DATE NOT NULL,
  kind ENUM('individual','group','family','crisis') NOT NULL,
  concern ENUM('low','medium','high','critical') NOT NULL,
  referral ENUM('none','hospital','guardianship','police','other') NOT NULL DEFAULT 'none',
  notes_enc VARBINARY(4200) NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id, session_date),
  CONSTRAINT edu_counselling_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO crypto_columns VALUES ('edu_counselling', 'id', 'notes_enc');

-- Support received by disabled students: resource room, itinerant teacher,
-- home-teaching visits (送教上门), logged by date.
CREATE TABLE edu_support (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  kind ENUM('resource_room','itinerant','home_visit') NOT NULL,
  day DATE NOT NULL,
  note VARCHAR(200) NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id, day),
  CONSTRAINT edu_support_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- who sees and who handles dropout cases by role; the commission's,
-- the schools' and the counsellors' permissions are granted per user by the
-- module administrator (/admin/settings/education)
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'education.view' p UNION SELECT 'education.dropout') x
  WHERE code = 'township_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, 'education.view' FROM roles
  WHERE code = 'county_staff';
