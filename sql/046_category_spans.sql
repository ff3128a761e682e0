-- A child's categories with their dates, and its marks, kept in step with
-- child_categories and child_marks (issue 17).
--
-- The file's route row read them with a correlated GROUP_CONCAT over
-- child_categories ("category start end,...", end "-" while open, for the
-- service child_categories_on): every GROUP_CONCAT builds a temporary table
-- of its own, and that subquery was about a third of MariaDB's instructions
-- for the row.  The row now reads one row of this table by its primary key
-- (a LEFT JOIN: a child with none has no row, or NULL).  The text is what
-- the GROUP_CONCAT gave, in the order it gave it (the key child_categories
-- .child: end_date, then id).
--
-- Triggers on child_categories write it in the same statement as every
-- write, as 042's do for the open codes (which this table leaves alone: the
-- list reads those), through one procedure that writes a child's row.  The portal's database user may only read it
-- (portalctl's grants); the triggers write as their definer.
-- The kept texts are wide (4000): a write whose text outgrew its column
-- would fail in strict mode, taking the category or the record with it;
-- 23 marked tables and their pay_lines@module marks are ~500 today.
CREATE TABLE IF NOT EXISTS child_category_spans (
  child_id BIGINT NOT NULL,
  spans VARCHAR(4000) DEFAULT NULL,        -- "dibao 2026-01-05 -,orphan 2020-01-01 2021-01-01"
  PRIMARY KEY (child_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE OR REPLACE PROCEDURE child_category_spans_put(cid BIGINT)
  INSERT INTO child_category_spans (child_id, spans)
    SELECT cid, GROUP_CONCAT(k.category, ' ', k.start_date, ' ', COALESCE(k.end_date, '-')
                             ORDER BY k.end_date, k.id)
    FROM child_categories k WHERE k.child_id = cid
    ON DUPLICATE KEY UPDATE spans = VALUES(spans);

CREATE TRIGGER IF NOT EXISTS child_category_spans_ins AFTER INSERT ON child_categories
FOR EACH ROW CALL child_category_spans_put(NEW.child_id);

CREATE TRIGGER IF NOT EXISTS child_category_spans_upd AFTER UPDATE ON child_categories
FOR EACH ROW
BEGIN
  CALL child_category_spans_put(NEW.child_id);
  IF NEW.child_id <> OLD.child_id THEN
    CALL child_category_spans_put(OLD.child_id);
  END IF;
END;

CREATE TRIGGER IF NOT EXISTS child_category_spans_del AFTER DELETE ON child_categories
FOR EACH ROW CALL child_category_spans_put(OLD.child_id);

-- the rows already there (the triggers above already keep any written
-- meanwhile; this recomputes from the same table, so both agree)
INSERT INTO child_category_spans (child_id, spans)
  SELECT child_id, GROUP_CONCAT(category, ' ', start_date, ' ', COALESCE(end_date, '-')
                                ORDER BY end_date, id)
  FROM child_categories GROUP BY child_id
  ON DUPLICATE KEY UPDATE spans = VALUES(spans);

-- The same for the child's marks (041): the route row read them with a
-- second GROUP_CONCAT subquery over child_marks, a second temporary table
-- per read.  child_mark_lists keeps the list of a child's marks, as that
-- GROUP_CONCAT gave it (in the key's order), written by triggers on
-- child_marks (themselves written by the declared tables' triggers); the
-- route row and the flags' statement read it by its key.  Its name starts
-- with child_mark: the portal's database user may only read it.
CREATE TABLE IF NOT EXISTS child_mark_lists (
  child_id BIGINT NOT NULL,
  marks VARCHAR(4000) DEFAULT NULL,        -- "medical_aid,pay_lines,pay_lines@medical"
  PRIMARY KEY (child_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE OR REPLACE PROCEDURE child_mark_lists_put(cid BIGINT)
  INSERT INTO child_mark_lists (child_id, marks)
    SELECT cid, GROUP_CONCAT(m.tbl ORDER BY m.tbl) FROM child_marks m WHERE m.child_id = cid
    ON DUPLICATE KEY UPDATE marks = VALUES(marks);

CREATE TRIGGER IF NOT EXISTS child_mark_lists_ins AFTER INSERT ON child_marks
FOR EACH ROW CALL child_mark_lists_put(NEW.child_id);

CREATE TRIGGER IF NOT EXISTS child_mark_lists_upd AFTER UPDATE ON child_marks
FOR EACH ROW
BEGIN
  CALL child_mark_lists_put(NEW.child_id);
  IF NEW.child_id <> OLD.child_id THEN
    CALL child_mark_lists_put(OLD.child_id);
  END IF;
END;

CREATE TRIGGER IF NOT EXISTS child_mark_lists_del AFTER DELETE ON child_marks
FOR EACH ROW CALL child_mark_lists_put(OLD.child_id);

INSERT INTO child_mark_lists (child_id, marks)
  SELECT child_id, GROUP_CONCAT(tbl ORDER BY tbl) FROM child_marks GROUP BY child_id
  ON DUPLICATE KEY UPDATE marks = VALUES(marks);
