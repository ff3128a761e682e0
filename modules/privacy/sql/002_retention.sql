-- Retention and archival (issue 19 item 2; retention.c).

-- A legal hold stops the archival of a child's file (litigation, an
-- investigation): set and lifted by county staff, audited.
CREATE TABLE retention_holds (
  child_id BIGINT NOT NULL,
  reason VARCHAR(200) NOT NULL,
  set_by BIGINT NOT NULL,
  set_at DATETIME NOT NULL,
  PRIMARY KEY (child_id),
  CONSTRAINT retention_holds_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What an archived file keeps: the legal minimum (identity, categories,
-- benefits paid), as it was on the day it was archived.
CREATE TABLE child_archives (
  child_id BIGINT NOT NULL,
  name VARCHAR(64) NOT NULL,
  sex TINYINT NOT NULL,
  birth_date DATE NOT NULL,
  id_enc VARBINARY(96) NULL,             -- as children.id_enc (encrypted)
  id_hmac CHAR(64) NULL,
  id_masked CHAR(18) NULL,
  township_code CHAR(12) NOT NULL,
  village_code CHAR(12) NOT NULL,
  categories TEXT NULL,                  -- "orphan 2015-01-01~2020-01-01; ..."
  benefits_fen BIGINT NOT NULL,          -- the total paid (exported batches)
  benefits MEDIUMTEXT NULL,              -- "2016-03 living.orphan 165150; ..."
  last_event_at DATETIME NOT NULL,
  abuse_case TINYINT NOT NULL,           -- kept under retention_years_abuse
  archived_at DATETIME NOT NULL,
  PRIMARY KEY (child_id),
  KEY by_village (village_code, archived_at),
  CONSTRAINT child_archives_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT IGNORE INTO crypto_columns VALUES ('child_archives', 'child_id', 'id_enc');

INSERT INTO role_perms (role_id, perm) SELECT id, 'privacy.retention' FROM roles
  WHERE code = 'county_staff';
