-- test_orphans: a statement that keeps a core busy until it is stopped, as a
-- county-wide search does: a scan of a trillion rows (the sequence engine,
-- built into MariaDB; nothing is stored).  A view, so the portal's user,
-- granted rights per table, may read it.
CREATE VIEW test_rows AS SELECT seq FROM seq_1_to_1000000000000;
