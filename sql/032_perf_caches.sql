-- Issue 17: the work a page asks of the database.
--
-- 1. An audit row in one statement.  A worker keeps the hash of its chain's
-- last row in memory and appends with a single INSERT (autocommit for a read,
-- or inside the request's transaction for a change); this trigger moves the
-- chain's head in the same statement, and refuses the row (the INSERT fails,
-- nothing is written) when the head is no longer the row's prev_hash: the
-- worker then reads the head again and retries.  The chain stays verifiable
-- and its head still names its last row (portalctl audit verify).
CREATE TRIGGER IF NOT EXISTS audit_log_head AFTER INSERT ON audit_log FOR EACH ROW
BEGIN
  UPDATE audit_head SET last_hash = NEW.hash, last_id = NEW.id
    WHERE id = NEW.chain AND CAST(last_hash AS BINARY) = CAST(NEW.prev_hash AS BINARY);
  IF ROW_COUNT() <> 1 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit chain head moved';
  END IF;
END;

-- 2. Module settings cached per worker: every write of setting_values bumps
-- this version in the same transaction (the session's row reads it, so no
-- page pays a statement for settings).
INSERT INTO cache_versions (name, version) VALUES ('settings', 1);
CREATE TRIGGER IF NOT EXISTS setting_values_version_ins AFTER INSERT ON setting_values
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'settings';
CREATE TRIGGER IF NOT EXISTS setting_values_version_upd AFTER UPDATE ON setting_values
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'settings';
CREATE TRIGGER IF NOT EXISTS setting_values_version_del AFTER DELETE ON setting_values
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'settings';
