-- A child's open categories, kept in step with child_categories (issue 17).
--
-- The registry list showed them with a correlated GROUP_CONCAT over
-- child_categories per row: 51 subquery executions per page, about half of
-- MariaDB's work for the list.  The list now reads one row of this table
-- per child by its primary key.  The codes are those of the open rows
-- (end_date IS NULL), comma-separated in the enum's order: what that
-- GROUP_CONCAT gave, and their number (the list splits them into one
-- column each).  A child with none has no row, or NULL and 0.
--
-- Triggers on child_categories write it in the same statement as every
-- write (the host's child_category services, the registry's exit form, the
-- seed, an import, a direct SQL insert), so the list shows a category the
-- moment it is recorded or exited.  They write this table, not children:
-- a statement that reads children while writing child_categories (INSERT
-- ... SELECT FROM children, DELETE ... WHERE child_id IN (SELECT ... FROM
-- children)) stays allowed.  The portal's database user may only read it
-- (portalctl's grants); the triggers write as their definer.
CREATE TABLE IF NOT EXISTS child_open_categories (
  child_id BIGINT NOT NULL,
  codes VARCHAR(1024) DEFAULT NULL,          -- "orphan,dibao"; NULL: none open
  n SMALLINT NOT NULL DEFAULT 0,             -- how many codes
  PRIMARY KEY (child_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TRIGGER IF NOT EXISTS child_open_categories_ins AFTER INSERT ON child_categories
FOR EACH ROW INSERT INTO child_open_categories (child_id, codes, n)
  SELECT NEW.child_id, GROUP_CONCAT(k.category ORDER BY k.category), COUNT(*)
  FROM child_categories k WHERE k.child_id = NEW.child_id AND k.end_date IS NULL
  ON DUPLICATE KEY UPDATE codes = VALUES(codes), n = VALUES(n);

CREATE TRIGGER IF NOT EXISTS child_open_categories_upd AFTER UPDATE ON child_categories
FOR EACH ROW
BEGIN
  INSERT INTO child_open_categories (child_id, codes, n)
    SELECT NEW.child_id, GROUP_CONCAT(k.category ORDER BY k.category), COUNT(*)
    FROM child_categories k WHERE k.child_id = NEW.child_id AND k.end_date IS NULL
    ON DUPLICATE KEY UPDATE codes = VALUES(codes), n = VALUES(n);
  IF NEW.child_id <> OLD.child_id THEN
    INSERT INTO child_open_categories (child_id, codes, n)
      SELECT OLD.child_id, GROUP_CONCAT(k.category ORDER BY k.category), COUNT(*)
      FROM child_categories k WHERE k.child_id = OLD.child_id AND k.end_date IS NULL
      ON DUPLICATE KEY UPDATE codes = VALUES(codes), n = VALUES(n);
  END IF;
END;

CREATE TRIGGER IF NOT EXISTS child_open_categories_del AFTER DELETE ON child_categories
FOR EACH ROW INSERT INTO child_open_categories (child_id, codes, n)
  SELECT OLD.child_id, GROUP_CONCAT(k.category ORDER BY k.category), COUNT(*)
  FROM child_categories k WHERE k.child_id = OLD.child_id AND k.end_date IS NULL
  ON DUPLICATE KEY UPDATE codes = VALUES(codes), n = VALUES(n);

-- the rows already there (the triggers above already keep any written
-- meanwhile; this recomputes from the same table, so both agree)
INSERT INTO child_open_categories (child_id, codes, n)
  SELECT child_id, GROUP_CONCAT(category ORDER BY category), COUNT(*) FROM child_categories
  WHERE end_date IS NULL GROUP BY child_id
  ON DUPLICATE KEY UPDATE codes = VALUES(codes), n = VALUES(n);
