-- requires: registry
-- 儿童主任 (issue 15): who covers which village, the visits, the survey of
-- children not yet on file, the one-door intake and the monthly reports.
-- Times are UTC DATETIMEs; days are DATEs in Beijing time (s->today).

-- A village director covers one or more villages from start_date; ending an
-- assignment fills end_date (never a delete: who covered a village when).
CREATE TABLE village_directors (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  village_code CHAR(12) NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY user_open (user_id, end_date, village_code),
  KEY village_open (village_code, end_date),
  CONSTRAINT vd_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT vd_village FOREIGN KEY (village_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A visit (走访, 入户核查, or a phone call).  concerns and helped are comma
-- lists of label codes (village.concern, village.help); the details of a
-- concern (abuse, injuries) are encrypted.
CREATE TABLE village_visits (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  village_code CHAR(12) NOT NULL,
  township_code CHAR(12) NOT NULL,
  visit_date DATE NOT NULL,
  kind ENUM('visit','home_check','phone') NOT NULL,
  seen VARCHAR(200) NOT NULL,
  living VARCHAR(500) NOT NULL DEFAULT '',
  care VARCHAR(500) NOT NULL DEFAULT '',
  schooling VARCHAR(500) NOT NULL DEFAULT '',
  health VARCHAR(500) NOT NULL DEFAULT '',
  concerns VARCHAR(255) NOT NULL DEFAULT '',
  concern_enc VARBINARY(2100) NULL,
  told VARCHAR(1000) NOT NULL DEFAULT '',
  helped VARCHAR(255) NOT NULL DEFAULT '',
  photo_stored CHAR(64) NULL,
  photo_sha256 CHAR(64) NULL,
  photo_ctype VARCHAR(32) NULL,
  photo_size BIGINT NULL,
  user_id BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY child_date (child_id, visit_date),
  KEY user_date (user_id, visit_date),
  KEY township_date (township_code, visit_date),
  CONSTRAINT vv_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 摸底: a child found in the village who is not on file, possibly without an
-- ID number; the township files it (child_id) or dismisses it with a reason.
CREATE TABLE village_surveys (
  id BIGINT NOT NULL AUTO_INCREMENT,
  village_code CHAR(12) NOT NULL,
  township_code CHAR(12) NOT NULL,
  name VARCHAR(64) NOT NULL,
  sex TINYINT NOT NULL,
  birth_date DATE NULL,
  id_enc VARBINARY(96) NULL,
  id_hmac CHAR(64) NULL,
  id_last4 CHAR(4) NULL,
  guardian VARCHAR(64) NOT NULL DEFAULT '',
  address VARCHAR(200) NOT NULL DEFAULT '',
  situation VARCHAR(1000) NOT NULL,
  status ENUM('pending','filed','dismissed') NOT NULL DEFAULT 'pending',
  child_id BIGINT NULL,
  reason VARCHAR(200) NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  reviewed_by BIGINT NULL,
  reviewed_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY township_status (township_code, status),
  KEY id_hmac (id_hmac),
  KEY name_birth (name, birth_date),
  KEY creator (created_by, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO crypto_columns VALUES
  ('village_visits', 'id', 'concern_enc'),
  ('village_surveys', 'id', 'id_enc');
-- its keyed lookup, computed again when the key suite changes
INSERT IGNORE INTO crypto_lookups VALUES ('village_surveys', 'id', 'id_hmac', 'id_enc');

-- 乡镇儿童督导员: a township role of its own (reviews surveys, confirms the
-- directors' reports, follows overdue visits).
INSERT IGNORE INTO roles (code, name) VALUES ('child_supervisor', '乡镇儿童督导员');

INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'village.visit' p UNION SELECT 'village.survey') x
  WHERE code = 'village_director';
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'village.visit' p UNION SELECT 'village.survey' UNION SELECT 'village.supervise'
        UNION SELECT 'registry.view' UNION SELECT 'registry.edit') x
  WHERE code = 'child_supervisor';
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'village.visit' p UNION SELECT 'village.supervise' UNION SELECT 'village.intake') x
  WHERE code = 'township_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'village.supervise' p UNION SELECT 'village.directors' UNION SELECT 'village.answer') x
  WHERE code = 'county_staff';
