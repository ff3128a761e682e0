-- The child's file (issue 17): which modules have ever posted a pay line
-- of a child.  A GET's yearly caps (pay_cap_left, cgi/host/pay.c) sum the
-- calling module's lines of the child; the mark "pay_lines" (sql/041) says
-- only that the child has some line, and nearly every child has living
-- allowance lines, so medical's caps statement ran for every file while
-- answering nothing for most children.  A mark "pay_lines@<source_module>"
-- (the same child_marks, one row per child and module) is written by a
-- trigger in the statement of every insert into pay_lines, whoever writes
-- it (the pay services, INSERT ... SELECT, the seed, direct SQL); the
-- ledger is never updated nor deleted (sql/016's triggers), so no other
-- write can change which module a child's line is from.  The listed family
-- "pay_lines@" tells the portal these marks are kept (child_mark_tables);
-- a child without the module's mark has no line of the module: the sum is
-- 0 with no statement.
CREATE TRIGGER IF NOT EXISTS pay_lines_module_mark AFTER INSERT ON pay_lines FOR EACH ROW
  INSERT IGNORE INTO child_marks (child_id, tbl)
  SELECT NEW.child_id, CONCAT('pay_lines@', NEW.source_module) FROM DUAL
  WHERE NEW.child_id IS NOT NULL;

-- the lines already there (after the trigger: it keeps those written
-- meanwhile; INSERT IGNORE keeps both in step)
INSERT IGNORE INTO child_marks (child_id, tbl)
  SELECT DISTINCT child_id, CONCAT('pay_lines@', source_module) FROM pay_lines
  WHERE child_id IS NOT NULL;

INSERT IGNORE INTO child_mark_tables (tbl, since) VALUES ('pay_lines@', UTC_TIMESTAMP());
