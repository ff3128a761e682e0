-- The 'notices' version on a cluster (issue 17's leftovers).
--
-- Core 040's triggers moved one row, 'notices' of cache_versions, on every
-- write of notices and notice_reads: every notice sent and every one read,
-- by anyone, anywhere.  On a Galera cluster two such writes at once on two
-- nodes conflict at certification on that row, and the host runs the loser
-- again; on one server they wait for each other's row lock until commit.
-- tests/bench/cluster.sh (16 writers on two hosts, each its own session):
-- 1.6 conflicts per 100 notices against none per 100 notes, which move no
-- shared row.
--
-- Now each write moves one of eight rows, 'notices.0' .. 'notices.7': the
-- one its connection drew at its first such write (@notices_stripe, a
-- session variable: a portal worker keeps one connection), so writers on
-- different connections, on any node, mostly move different rows (not
-- CONNECTION_ID() % 8: each node numbers its connections alike, so the
-- workers of two hosts would line up on the same rows).  The 'notices'
-- version the workers compare is the sum of 'notices' and its eight rows
-- (session.c version_in): each only grows, so the sum changes with every
-- write, as the one row did.  One procedure moves it; CREATE OR REPLACE
-- swaps each trigger at once: no write in between goes uncounted.
INSERT IGNORE INTO cache_versions (name, version) VALUES
  ('notices.0', 0), ('notices.1', 0), ('notices.2', 0), ('notices.3', 0),
  ('notices.4', 0), ('notices.5', 0), ('notices.6', 0), ('notices.7', 0);

CREATE OR REPLACE PROCEDURE notices_version_move()
BEGIN
  SET @notices_stripe = COALESCE(@notices_stripe, CAST(FLOOR(RAND() * 8) AS UNSIGNED));
  UPDATE cache_versions SET version = version + 1
    WHERE name = CONCAT('notices.', @notices_stripe);
END;

CREATE OR REPLACE TRIGGER notices_version_ins AFTER INSERT ON notices
FOR EACH ROW CALL notices_version_move();
CREATE OR REPLACE TRIGGER notices_version_upd AFTER UPDATE ON notices
FOR EACH ROW CALL notices_version_move();
CREATE OR REPLACE TRIGGER notices_version_del AFTER DELETE ON notices
FOR EACH ROW CALL notices_version_move();
CREATE OR REPLACE TRIGGER notice_reads_version_ins AFTER INSERT ON notice_reads
FOR EACH ROW CALL notices_version_move();
CREATE OR REPLACE TRIGGER notice_reads_version_upd AFTER UPDATE ON notice_reads
FOR EACH ROW CALL notices_version_move();
CREATE OR REPLACE TRIGGER notice_reads_version_del AFTER DELETE ON notice_reads
FOR EACH ROW CALL notices_version_move();
