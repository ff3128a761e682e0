-- The registry's own tables.  The child, its family, its categories and its
-- timeline (children, child_family, child_categories, child_events) were
-- created here until ABI 2.0; they are core tables now (sql/012_child_core.sql,
-- run before every module's migrations).

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

-- Who may do what with files (roles from core migration 003).
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'registry.view' p UNION SELECT 'registry.edit' UNION SELECT 'registry.export'
        UNION SELECT 'registry.import') x
  WHERE code IN ('county_staff', 'township_staff');
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'registry.view' p UNION SELECT 'registry.edit') x
  WHERE code = 'village_director';
