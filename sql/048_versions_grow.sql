-- The versions every request reads (issue 17).
--
-- Every signed-in request used to read cache_versions as one list,
-- "name:version,..." (a GROUP_CONCAT over its rows in the session's
-- statement): about half of that statement's work in MariaDB, a temporary
-- table each time.  It now reads one number, SUM(version) + COUNT(*) over
-- the same rows (session.c), and reads the list again only when that
-- number differs from the one its worker kept with the list.
--
-- The number tells every change only if no change can leave it as it was:
-- so a row of cache_versions only grows.  An UPDATE must raise its version
-- and keep its name; no row is deleted; a row added has a version >= 0.
-- Then each write, of any row, raises the number (an added row by its
-- version + 1), so the first request of every worker after it, on every
-- node, reads the list again and its caches see the write: revocation and
-- the caches stay as immediate as with the list on every request.  These
-- triggers refuse whatever would break that, whoever writes.
CREATE TRIGGER IF NOT EXISTS cache_versions_grow BEFORE UPDATE ON cache_versions FOR EACH ROW
BEGIN
  IF NEW.version <= OLD.version OR CAST(NEW.name AS BINARY) <> CAST(OLD.name AS BINARY) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'cache_versions only grow';
  END IF;
END;
CREATE TRIGGER IF NOT EXISTS cache_versions_kept BEFORE DELETE ON cache_versions FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'cache_versions rows are never deleted';
CREATE TRIGGER IF NOT EXISTS cache_versions_new BEFORE INSERT ON cache_versions FOR EACH ROW
BEGIN
  IF NEW.version < 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'cache_versions start at 0 or more';
  END IF;
END;
