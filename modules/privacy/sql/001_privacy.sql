-- requires: registry, medical
--
-- 儿童个人信息保护 (issue 19): the guardian's copies, and who may do what.
-- The export register and the sharing register are core tables
-- (sql/029_disclosure.sql): the host writes them.

-- A guardian's request to see what the portal holds about a child (PIPL art.
-- 45) and its answer: the clerk checked the requester's ID document and
-- the relationship, the copy was printed from the data of that moment.
CREATE TABLE guardian_copies (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  requester VARCHAR(64) NOT NULL,
  relationship VARCHAR(16) NOT NULL,     -- label privacy.relationship
  id_checked TINYINT NOT NULL,           -- the requester's ID document checked (always 1)
  note VARCHAR(200) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,          -- the request, answered at once
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY by_child (child_id, id),
  CONSTRAINT guardian_copies_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One rule for full ID numbers in any export: export.full_id (the host's),
-- in place of the registry's registry.export_full_id; the medical premium
-- list, which the bureau enrols by ID number, needs it too.
DELETE FROM role_perms WHERE perm = 'registry.export_full_id';
INSERT INTO role_perms (role_id, perm) SELECT r.id, p.perm FROM roles r JOIN (
  SELECT 'county_staff' code, 'export.full_id' perm
  UNION ALL SELECT 'medical_security', 'export.full_id'
  UNION ALL SELECT 'county_staff', 'privacy.register'
  UNION ALL SELECT 'county_staff', 'privacy.export_approve'
  UNION ALL SELECT 'county_staff', 'privacy.sharing'
  UNION ALL SELECT 'county_staff', 'privacy.copy'
  UNION ALL SELECT 'township_staff', 'privacy.sharing'
  UNION ALL SELECT 'township_staff', 'privacy.copy'
  UNION ALL SELECT 'village_director', 'privacy.sharing'
  UNION ALL SELECT 'secadmin', 'privacy.register'
  UNION ALL SELECT 'auditor', 'privacy.register') p ON p.code = r.code;
