-- The child's file (issue 17): which of the tables the panels declare
-- (portal_child_panel.tables, and the core's own: child.c) have ever held
-- a row of a child.  child_has read them with one EXISTS per table on every
-- view of a file: 22 tables opened and locked per page.  A mark is one row
-- (child, "table" or "table.column") written by an AFTER INSERT and an
-- AFTER UPDATE trigger on the declared table, so the page reads one range
-- of one table instead.
--
-- `portalctl migrate` creates those triggers for the declared tables after
-- the modules' migrations, fills the marks of the rows already there, and
-- then lists the table in child_mark_tables; the portal asks child_marks
-- only for the tables listed there (any other: its EXISTS, as before).
-- Marks are never removed: a child whose rows went keeps its mark, and the
-- panel reads its (empty) rows, which shows what it showed before.  The
-- portal's user may only read both tables (a deleted mark would hide a
-- panel); the triggers write as their definer.
CREATE TABLE IF NOT EXISTS child_marks (
  child_id BIGINT NOT NULL,
  tbl VARCHAR(100) NOT NULL,                 -- "table" or "table.column"
  PRIMARY KEY (child_id, tbl)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE IF NOT EXISTS child_mark_tables (
  tbl VARCHAR(100) NOT NULL,
  since DATETIME NOT NULL,
  PRIMARY KEY (tbl)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
