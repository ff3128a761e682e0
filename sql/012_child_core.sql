-- The child's file belongs to the core (ABI 2.0, issue 9): the child, its
-- family, its categories and its timeline are core tables, read by every
-- module and written through the host's services (child_event,
-- child_category).  Until 2.0 the registry module created them (its
-- migrations 1, 3 and 5); a database migrated then already has them, so
-- every statement here is IF NOT EXISTS / IGNORE: this migration creates
-- them on a fresh database and changes nothing on an upgraded one.  Module
-- migrations run after the core's (portalctl migrate).

-- The township ledgers: one child, one file (一人一档).  Entry and exit of a
-- category are rows with dates and reasons, never overwrites (能进能退).
-- Jurisdiction columns (township_code, village_code) are on the child so
-- every query can filter by the user's scope with an index.

CREATE TABLE IF NOT EXISTS children (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(64) NOT NULL,
  sex TINYINT NOT NULL,                      -- GB/T 2261.1: 1 male, 2 female
  birth_date DATE NOT NULL,
  ethnicity VARCHAR(16) NOT NULL DEFAULT '汉族',
  id_enc VARBINARY(96) NULL,                 -- AES-256-GCM of the ID number
  id_hmac CHAR(64) NULL,                     -- HMAC-SHA256 of it: lookups, duplicates
  id_masked CHAR(18) NULL,                   -- 500242********123X, for lists
  id_last4 CHAR(4) NULL,                     -- search by the last digits
  no_id_reason VARCHAR(100) NULL,            -- set when the child has no ID number
  hukou VARCHAR(200) NOT NULL DEFAULT '',    -- household registration
  address VARCHAR(200) NOT NULL DEFAULT '',  -- current address
  township_code CHAR(12) NOT NULL,
  village_code CHAR(12) NOT NULL,
  school VARCHAR(100) NOT NULL DEFAULT '',
  school_grade VARCHAR(32) NOT NULL DEFAULT '',
  health VARCHAR(500) NOT NULL DEFAULT '',
  disability_type VARCHAR(16) NULL,          -- GB/T 26341: visual hearing speech physical intellectual mental multiple
  disability_grade TINYINT NULL,             -- 1 (most severe) .. 4
  disability_cert_expiry DATE NULL,
  placement VARCHAR(32) NOT NULL DEFAULT '',
  notes_enc VARBINARY(4200) NULL,            -- sensitive free text, encrypted
  status ENUM('active','exited') NOT NULL DEFAULT 'active', -- follows the categories
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY id_hmac (id_hmac),
  KEY township (township_code, status, id),
  KEY village (village_code, status, id),
  KEY name_birth (name, birth_date),
  KEY last4 (id_last4),
  -- the list (list.c): keyset pages ordered by (name, id) / (birth_date, id),
  -- in a township or county-wide (InnoDB appends the id to every key)
  KEY town_name (township_code, name),
  KEY town_birth (township_code, birth_date),
  KEY name_id (name),
  KEY birth_id (birth_date),
  KEY status_village (status, village_code),  -- county-wide counts by status
  CONSTRAINT children_village FOREIGN KEY (village_code) REFERENCES divisions (code),
  CONSTRAINT children_township FOREIGN KEY (township_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Guardians and family members.
CREATE TABLE IF NOT EXISTS child_family (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  relation VARCHAR(16) NOT NULL,             -- 父亲 母亲 祖父 祖母 外祖父 外祖母 兄弟姐妹 其他亲属 ...
  name VARCHAR(64) NOT NULL,
  id_enc VARBINARY(96) NULL,
  id_hmac CHAR(64) NULL,
  situation VARCHAR(16) NOT NULL DEFAULT 'normal', -- normal dead missing disabled ill imprisoned drug_treatment working_away revoked deported other
  is_guardian TINYINT NOT NULL DEFAULT 0,
  phone VARCHAR(32) NOT NULL DEFAULT '',
  note VARCHAR(200) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY child (child_id),
  KEY id_hmac (id_hmac),
  CONSTRAINT family_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Categories held: one row per entry; exit fills end_date and exit_reason.
CREATE TABLE IF NOT EXISTS child_categories (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  category ENUM('orphan','de_facto_unsupported','tekun','dibao','ill_disabled','guardianship','temporary') NOT NULL,
  basis VARCHAR(200) NOT NULL,               -- the document it rests on
  start_date DATE NOT NULL,
  end_date DATE NULL,
  exit_reason VARCHAR(32) NULL,              -- released found adult adopted death moved ineligible other ...
  exit_note VARCHAR(200) NULL,
  entered_by BIGINT NOT NULL,
  exited_by BIGINT NULL,
  PRIMARY KEY (id),
  KEY child (child_id, end_date),
  KEY category (category, end_date, child_id),
  -- the registry's list shows each child's open categories from the index
  -- alone (a covering index; registry migration 3 added it before 2.0)
  KEY child_open (child_id, end_date, category),
  CONSTRAINT categories_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The timeline: every change to a file, by whom and when (modules add theirs).
CREATE TABLE IF NOT EXISTS child_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  at DATETIME NOT NULL,
  user_id BIGINT NOT NULL,
  module VARCHAR(32) NOT NULL DEFAULT 'registry',
  kind VARCHAR(32) NOT NULL,                 -- created updated category.enter category.exit family.add attachment.add ...
  summary VARCHAR(500) NOT NULL,             -- Chinese, shown on the timeline; never an ID number
  PRIMARY KEY (id),
  KEY child (child_id, id),
  CONSTRAINT events_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO crypto_columns VALUES
  ('children', 'id', 'id_enc'),
  ('children', 'id', 'notes_enc'),
  ('child_family', 'id', 'id_enc');

-- Jurisdiction follows the child.  The workflow's applications keep a copy of
-- the child's village and township (wf_applications.village_code,
-- township_code) so inboxes and overdue lists filter by scope with an index;
-- a child moved to another village (the county edits the file) takes them
-- along in the same statement, whatever path changed it, so the old
-- township loses them and the new one has them from the same commit.  Every
-- single-object check reads the child's current village itself.
CREATE TRIGGER IF NOT EXISTS children_scope_follow AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.village_code <> OLD.village_code OR NEW.township_code <> OLD.township_code THEN
    UPDATE wf_applications SET village_code = NEW.village_code,
      township_code = NEW.township_code WHERE child_id = NEW.id;
  END IF;
END;
