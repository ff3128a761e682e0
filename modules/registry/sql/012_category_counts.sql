-- Children per category, village and status, kept by triggers like
-- registry_counts (002), so the list's total under a category filter comes
-- from a few rows instead of a count over the township (issue 17, province
-- scale).
--
-- The count "children of this township holding this category" read every
-- child of the township (the town_name key) and probed child_categories for
-- each, or materialized every open holder of the category in the county:
-- about 7,000 index reads per page at 100,000 children, ten times that at
-- 1,000,000.  A child is counted once per category it holds open
-- (end_date IS NULL, as the list's filter), under its village and status:
-- the triggers of child_categories count a holder's first open row and its
-- last one closed, those of children move the child's open categories when
-- its village or status changes.  Every writer keeps it (the services, the
-- registry's forms, the import, the seed, a direct SQL statement).  On
-- Galera the triggers run on the node taking the write and the others apply
-- their rows; two nodes moving one row at once conflict and the host runs
-- the loser again (as registry_counts).
CREATE TABLE IF NOT EXISTS registry_category_counts (
  category VARCHAR(32) NOT NULL,
  village_code CHAR(12) NOT NULL,
  status ENUM('active','exited','archived') NOT NULL,
  n INT NOT NULL,
  PRIMARY KEY (category, village_code, status)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- +1 when the child's first open row of a category appears
CREATE TRIGGER registry_category_count_ins AFTER INSERT ON child_categories FOR EACH ROW
  IF NEW.end_date IS NULL AND NOT EXISTS (SELECT 1 FROM child_categories x
      WHERE x.child_id = NEW.child_id AND x.category = NEW.category AND x.end_date IS NULL
      AND x.id <> NEW.id) THEN
    INSERT INTO registry_category_counts (category, village_code, status, n)
      SELECT NEW.category, c.village_code, c.status, 1 FROM children c WHERE c.id = NEW.child_id
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;

-- a row opened, closed or moved to another child or category: the old
-- holding -1 when it was the last open row, the new +1 when the first
CREATE TRIGGER registry_category_count_upd AFTER UPDATE ON child_categories FOR EACH ROW
BEGIN
  DECLARE same_row INT DEFAULT NEW.child_id = OLD.child_id AND NEW.category = OLD.category;
  IF OLD.end_date IS NULL AND NOT (same_row AND NEW.end_date IS NULL) AND NOT EXISTS (
      SELECT 1 FROM child_categories x WHERE x.child_id = OLD.child_id
      AND x.category = OLD.category AND x.end_date IS NULL) THEN
    UPDATE registry_category_counts k JOIN children c ON c.id = OLD.child_id
      SET k.n = k.n - 1
      WHERE k.category = OLD.category AND k.village_code = c.village_code AND k.status = c.status;
  END IF;
  IF NEW.end_date IS NULL AND NOT (same_row AND OLD.end_date IS NULL) AND NOT EXISTS (
      SELECT 1 FROM child_categories x WHERE x.child_id = NEW.child_id
      AND x.category = NEW.category AND x.end_date IS NULL AND x.id <> NEW.id) THEN
    INSERT INTO registry_category_counts (category, village_code, status, n)
      SELECT NEW.category, c.village_code, c.status, 1 FROM children c WHERE c.id = NEW.child_id
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END;

-- -1 when the child's last open row of a category goes
CREATE TRIGGER registry_category_count_del AFTER DELETE ON child_categories FOR EACH ROW
  IF OLD.end_date IS NULL AND NOT EXISTS (SELECT 1 FROM child_categories x
      WHERE x.child_id = OLD.child_id AND x.category = OLD.category AND x.end_date IS NULL) THEN
    UPDATE registry_category_counts k JOIN children c ON c.id = OLD.child_id
      SET k.n = k.n - 1
      WHERE k.category = OLD.category AND k.village_code = c.village_code AND k.status = c.status;
  END IF;

-- a child moved to another village, exited, returned or archived: its open
-- categories move with it
CREATE TRIGGER registry_category_count_child AFTER UPDATE ON children FOR EACH ROW
  IF NEW.village_code <> OLD.village_code OR NEW.status <> OLD.status THEN
    UPDATE registry_category_counts k
      JOIN (SELECT DISTINCT category FROM child_categories
            WHERE child_id = NEW.id AND end_date IS NULL) o ON k.category = o.category
      SET k.n = k.n - 1 WHERE k.village_code = OLD.village_code AND k.status = OLD.status;
    INSERT INTO registry_category_counts (category, village_code, status, n)
      SELECT DISTINCT category, NEW.village_code, NEW.status, 1 FROM child_categories
      WHERE child_id = NEW.id AND end_date IS NULL
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;

-- the holders already there (a migration runs before the portal serves)
INSERT INTO registry_category_counts (category, village_code, status, n)
  SELECT o.category, c.village_code, c.status, COUNT(*)
  FROM (SELECT DISTINCT child_id, category FROM child_categories WHERE end_date IS NULL) o
  JOIN children c ON c.id = o.child_id
  GROUP BY o.category, c.village_code, c.status;
