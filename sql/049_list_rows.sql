-- A township's list page reads one run of index entries (issue 17).
--
-- The registry list of a township (the page township staff open all day)
-- read its 51 rows from children's covering keys town_name / town_birth
-- (registry 010), then each row's open categories from
-- child_open_categories (042, split into c0 .. c6 by 043) by its primary
-- key: 51 lookups, about a third of MariaDB's work for the page.  The
-- categories cannot be columns of children: 042's triggers on
-- child_categories may not write children (error 1442 for a statement that
-- reads children while it writes child_categories), and a column every
-- writer of categories had to set by hand would go stale the day one
-- forgot.
--
-- This table holds one row per child: a copy of what the list shows and
-- filters on (township, village, status, name, sex, birth date, masked ID
-- number) and the child's open categories c0 .. c6 as 043 splits them, in
-- keys named as children's (town_name, town_birth, town_id, township), the
-- two orders' keys holding every column the page reads.  Triggers keep it
-- in the statement of every write, as 047's grams: on children (insert;
-- a change of any copied column; delete) and on child_open_categories
-- (whatever 042's triggers write there, from any writer of
-- child_categories, the categories follow).  Neither writes children, so a
-- statement reading children while it writes child_categories stays
-- allowed; a statement reading this table while writing children or
-- child_categories would fail with 1442 (none does: the portal may only
-- read it).  A new child's categories can only follow its row (the foreign
-- key of child_categories), so its row starts with none.  On Galera the
-- triggers run on the node taking the write and the others apply their
-- rows (row events); each row is one child's, written where its children
-- or categories row already was.  The portal's database user may only read
-- it (portalctl's grants); the triggers write as their definer.
CREATE TABLE IF NOT EXISTS child_list_rows (
  id BIGINT NOT NULL,                    -- the child (children.id)
  township_code CHAR(12) NOT NULL,
  village_code CHAR(12) NOT NULL,
  status ENUM('active','exited','archived') NOT NULL,
  name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  sex TINYINT NOT NULL,
  birth_date DATE NOT NULL,
  id_masked CHAR(18) NULL,
  c0 VARCHAR(32) NULL, c1 VARCHAR(32) NULL, c2 VARCHAR(32) NULL, c3 VARCHAR(32) NULL,
  c4 VARCHAR(32) NULL, c5 VARCHAR(32) NULL, c6 VARCHAR(32) NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TRIGGER IF NOT EXISTS child_list_rows_ins AFTER INSERT ON children FOR EACH ROW
  INSERT INTO child_list_rows (id, township_code, village_code, status, name, sex, birth_date,
                               id_masked)
  VALUES (NEW.id, NEW.township_code, NEW.village_code, NEW.status, NEW.name, NEW.sex,
          NEW.birth_date, NEW.id_masked)
  ON DUPLICATE KEY UPDATE township_code = VALUES(township_code),
    village_code = VALUES(village_code), status = VALUES(status), name = VALUES(name),
    sex = VALUES(sex), birth_date = VALUES(birth_date), id_masked = VALUES(id_masked);

-- only when a copied column changed (a name's case too: the row holds the
-- name shown); every other edit of a file leaves the row alone
CREATE TRIGGER IF NOT EXISTS child_list_rows_upd AFTER UPDATE ON children FOR EACH ROW
  IF NEW.id <> OLD.id OR CAST(NEW.name AS BINARY) <> CAST(OLD.name AS BINARY)
      OR NEW.township_code <> OLD.township_code OR NEW.village_code <> OLD.village_code
      OR NEW.status <> OLD.status OR NEW.sex <> OLD.sex OR NEW.birth_date <> OLD.birth_date
      OR NOT (NEW.id_masked <=> OLD.id_masked) THEN
    UPDATE child_list_rows SET id = NEW.id, township_code = NEW.township_code,
      village_code = NEW.village_code, status = NEW.status, name = NEW.name, sex = NEW.sex,
      birth_date = NEW.birth_date, id_masked = NEW.id_masked
      WHERE id = OLD.id;
  END IF;

CREATE TRIGGER IF NOT EXISTS child_list_rows_del AFTER DELETE ON children FOR EACH ROW
  DELETE FROM child_list_rows WHERE id = OLD.id;

-- the open categories, as 042 and 043 keep them (INSERT ... ON DUPLICATE
-- KEY UPDATE there: an insert or an update here)
CREATE TRIGGER IF NOT EXISTS child_list_rows_cats_ins AFTER INSERT ON child_open_categories
FOR EACH ROW
  UPDATE child_list_rows SET c0 = NEW.c0, c1 = NEW.c1, c2 = NEW.c2, c3 = NEW.c3, c4 = NEW.c4,
    c5 = NEW.c5, c6 = NEW.c6 WHERE id = NEW.child_id;

CREATE TRIGGER IF NOT EXISTS child_list_rows_cats_upd AFTER UPDATE ON child_open_categories
FOR EACH ROW
BEGIN
  IF NEW.child_id <> OLD.child_id THEN
    UPDATE child_list_rows SET c0 = NULL, c1 = NULL, c2 = NULL, c3 = NULL, c4 = NULL,
      c5 = NULL, c6 = NULL WHERE id = OLD.child_id;
  END IF;
  UPDATE child_list_rows SET c0 = NEW.c0, c1 = NEW.c1, c2 = NEW.c2, c3 = NEW.c3, c4 = NEW.c4,
    c5 = NEW.c5, c6 = NEW.c6 WHERE id = NEW.child_id;
END;

CREATE TRIGGER IF NOT EXISTS child_list_rows_cats_del AFTER DELETE ON child_open_categories
FOR EACH ROW
  UPDATE child_list_rows SET c0 = NULL, c1 = NULL, c2 = NULL, c3 = NULL, c4 = NULL,
    c5 = NULL, c6 = NULL WHERE id = OLD.child_id;

-- the children already there (a migration runs before the portal serves),
-- in the primary key's order, then the keys built once over the whole table
INSERT IGNORE INTO child_list_rows
  SELECT c.id, c.township_code, c.village_code, c.status, c.name, c.sex, c.birth_date,
         c.id_masked, oc.c0, oc.c1, oc.c2, oc.c3, oc.c4, oc.c5, oc.c6
  FROM children c LEFT JOIN child_open_categories oc ON oc.child_id = c.id
  ORDER BY c.id;

ALTER TABLE child_list_rows
  ADD KEY town_name (township_code, name, id, status, village_code, sex, birth_date, id_masked,
                     c0, c1, c2, c3, c4, c5, c6),
  ADD KEY town_birth (township_code, birth_date, id, status, village_code, sex, name, id_masked,
                      c0, c1, c2, c3, c4, c5, c6),
  ADD KEY town_id (township_code, id),
  ADD KEY township (township_code, status, id);
