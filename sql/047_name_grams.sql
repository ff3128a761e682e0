-- A search for part of a name reads by key (issue 17, province scale).
--
-- A name search is c.name LIKE CONCAT('%', ?, '%') (the registry's list,
-- the host's child picker): no key finds it, so a township's search read
-- every child of the township (28,570 index entries at 1,000,000 children)
-- and a county's the whole county (3-6 s).
-- This table holds, for every child, each distinct character of its name
-- and each distinct pair of neighbouring characters (unigrams and bigrams,
-- any script: Chinese, Latin, digits, '·'), with a copy of what the list
-- filters and sorts on.  A fragment's gram, RIGHT(fragment, 2) (its one
-- character, or its last two: a given name's pair is rarer than the
-- surname's), is held by every child whose name holds the
-- fragment (LIKE compares character by character under the same collation,
-- and equal characters make equal grams), so the list reads the gram's
-- rows in the order it shows and still tests the LIKE on them: the same
-- children, in the same order, with the same totals.  Grams equal under
-- the collation (a and A, '王 ' and '王') are kept once per child.
--
-- The keys: the name order's within a township (the search staff make all
-- day) and over several, the birth date's and the id's over several (a
-- township's page of them reads about a page per township of the county's
-- entries, whatever the county's size), each holding every column the list
-- filters on but the birth date (name keys) or the name (the others), so
-- that a page, and the capped count, read the gram's index entries alone:
-- the first page of a surname held by 5% of a county's children reads
-- about a page of entries, a rare pair its few holders.  Each key more
-- is another 4 to 5 index entries written for every child filed.
--
-- Triggers on children keep it in the statement of every write (the pages,
-- the import, the seed, other modules, a direct SQL statement): a new
-- child's grams, a renamed child's new grams in place of the old, and a
-- move to another township or village, an exit, a return, an archiving or
-- a corrected birth date copied to its rows.  On Galera the triggers run
-- on the node taking the write and the others apply the rows they wrote
-- (row events); every row is one child's (primary key (id, gram)), so two
-- writes conflict only when they write the same child, as they already do
-- on its children row.  The portal's database user may only read it
-- (portalctl's grants); the triggers write as their definer.
CREATE TABLE IF NOT EXISTS child_name_grams (
  id BIGINT NOT NULL,                    -- the child (children.id)
  gram VARCHAR(2) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  township_code CHAR(12) NOT NULL,
  village_code CHAR(12) NOT NULL,
  status ENUM('active','exited','archived') NOT NULL,
  birth_date DATE NOT NULL,
  PRIMARY KEY (id, gram)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- one child's grams: its name's characters and pairs, numbered by a JSON
-- array of as many elements as the name has characters (one statement)
CREATE OR REPLACE PROCEDURE child_name_grams_put(cid BIGINT,
    nm VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, town CHAR(12),
    vil CHAR(12), st VARCHAR(10), born DATE)
  INSERT IGNORE INTO child_name_grams
    (id, gram, name, township_code, village_code, status, birth_date)
    SELECT cid, SUBSTRING(nm, p.i, k.k), nm, town, vil, st, born
    FROM JSON_TABLE(CONCAT('[1', REPEAT(',1', CHAR_LENGTH(nm) - 1), ']'), '$[*]'
                    COLUMNS (i FOR ORDINALITY)) p
    JOIN JSON_TABLE('[1,2]', '$[*]' COLUMNS (k INT PATH '$')) k
    WHERE p.i + k.k - 1 <= CHAR_LENGTH(nm);

CREATE TRIGGER IF NOT EXISTS child_name_grams_ins AFTER INSERT ON children FOR EACH ROW
  CALL child_name_grams_put(NEW.id, NEW.name, NEW.township_code, NEW.village_code,
                               NEW.status, NEW.birth_date);

-- renamed (any change, a letter's case too: the rows hold the name shown):
-- the old grams go, the new come; else the copied columns follow the child
CREATE TRIGGER IF NOT EXISTS child_name_grams_upd AFTER UPDATE ON children FOR EACH ROW
  IF CAST(NEW.name AS BINARY) <> CAST(OLD.name AS BINARY) OR NEW.id <> OLD.id THEN
    DELETE FROM child_name_grams WHERE id = OLD.id;
    CALL child_name_grams_put(NEW.id, NEW.name, NEW.township_code, NEW.village_code,
                                 NEW.status, NEW.birth_date);
  ELSEIF NEW.township_code <> OLD.township_code OR NEW.village_code <> OLD.village_code
      OR NEW.status <> OLD.status OR NEW.birth_date <> OLD.birth_date THEN
    UPDATE child_name_grams SET township_code = NEW.township_code,
      village_code = NEW.village_code, status = NEW.status, birth_date = NEW.birth_date
      WHERE id = NEW.id;
  END IF;

CREATE TRIGGER IF NOT EXISTS child_name_grams_del AFTER DELETE ON children FOR EACH ROW
  DELETE FROM child_name_grams WHERE id = OLD.id;

-- the children already there (a migration runs before the portal serves),
-- in the primary key's order, then the keys built once over the whole table
INSERT IGNORE INTO child_name_grams
  (id, gram, name, township_code, village_code, status, birth_date)
  SELECT c.id, SUBSTRING(c.name, p.i, k.k), c.name, c.township_code, c.village_code,
         c.status, c.birth_date
  FROM children c
  JOIN JSON_TABLE(CONCAT('[1', REPEAT(',1', CHAR_LENGTH(c.name) - 1), ']'), '$[*]'
                  COLUMNS (i FOR ORDINALITY)) p
  JOIN JSON_TABLE('[1,2]', '$[*]' COLUMNS (k INT PATH '$')) k
  WHERE p.i + k.k - 1 <= CHAR_LENGTH(c.name)
  ORDER BY c.id;

ALTER TABLE child_name_grams
  ADD KEY gram_town_name (gram, township_code, name, id, status, village_code),
  ADD KEY gram_name (gram, name, id, status, village_code, township_code),
  ADD KEY gram_birth (gram, birth_date, id, status, village_code, township_code, name),
  ADD KEY gram_id (gram, id, status, village_code, township_code, name);
