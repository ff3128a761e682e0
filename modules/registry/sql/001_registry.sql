-- The township ledgers: one child, one file (一人一档).  Entry and exit of a
-- category are rows with dates and reasons, never overwrites (能进能退).
-- Jurisdiction columns (township_code, village_code) are on the child so
-- every query can filter by the user's scope with an index.

CREATE TABLE children (
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
CREATE TABLE child_family (
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
CREATE TABLE child_categories (
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
  CONSTRAINT categories_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The timeline: every change to a file, by whom and when (modules add theirs).
CREATE TABLE child_events (
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

-- Scans of certificates; the files live outside the web root (attachments_dir).
CREATE TABLE child_attachments (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,                 -- 死亡证明 残疾证 判决书 低保证 其他 ...
  filename VARCHAR(200) NOT NULL,
  content_type VARCHAR(64) NOT NULL,         -- image/jpeg image/png application/pdf only
  size BIGINT NOT NULL,
  sha256 CHAR(64) NOT NULL,
  stored_name CHAR(64) NOT NULL,             -- random; never the user's file name
  uploaded_by BIGINT NOT NULL,
  uploaded_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id),
  CONSTRAINT attachments_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO crypto_columns VALUES
  ('children', 'id', 'id_enc'),
  ('children', 'id', 'notes_enc'),
  ('child_family', 'id', 'id_enc');

-- Who may do what with files (roles from core migration 003).
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'registry.view' p UNION SELECT 'registry.edit' UNION SELECT 'registry.export'
        UNION SELECT 'registry.import') x
  WHERE code IN ('county_staff', 'township_staff');
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'registry.view' p UNION SELECT 'registry.edit') x
  WHERE code = 'village_director';
