-- 新模块: its records.  Money is integer fen; division_code places a record
-- in a jurisdiction (the loader's scope check).
CREATE TABLE skeleton_items (
  id BIGINT NOT NULL AUTO_INCREMENT,
  title VARCHAR(100) NOT NULL,
  amount_fen BIGINT NOT NULL,
  day DATE NOT NULL,
  division_code CHAR(12) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'open',   -- open closed (labels skeleton.status)
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY division (division_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- who may see and who may record (role_perms is the core's)
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'skeleton.view' p UNION SELECT 'skeleton.edit') x
  WHERE code IN ('county_staff', 'township_staff');
