-- The session statement (issues 16, 17).
--
-- A village director's set of villages is now one of the user's columns a
-- worker caches with the session (for the day it was read on: a grant
-- begins and ends by the date alone), so every write of
-- user_scope_divisions moves 'sessions' in the same statement, the way the
-- writes of roles and permissions do (034): a grant made or ended is seen by
-- the user's next request on every worker and every host.  Core 039 dropped
-- the triggers that moved 'user_scopes', which nothing read; these move the
-- version the session cache does read.
CREATE TRIGGER IF NOT EXISTS usd_sessions_ins AFTER INSERT ON user_scope_divisions
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
CREATE TRIGGER IF NOT EXISTS usd_sessions_upd AFTER UPDATE ON user_scope_divisions
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
CREATE TRIGGER IF NOT EXISTS usd_sessions_del AFTER DELETE ON user_scope_divisions
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';

-- The unread notices are cached with the user's columns too, while
-- 'notices' is the version they were counted at: every write of notices
-- (a new one, one done) and of notice_reads (one read) moves it.  A notice
-- is written by a state change or the master's job, never by a page read.
INSERT INTO cache_versions (name, version) VALUES ('notices', 1);
CREATE TRIGGER IF NOT EXISTS notices_version_ins AFTER INSERT ON notices
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'notices';
CREATE TRIGGER IF NOT EXISTS notices_version_upd AFTER UPDATE ON notices
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'notices';
CREATE TRIGGER IF NOT EXISTS notices_version_del AFTER DELETE ON notices
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'notices';
CREATE TRIGGER IF NOT EXISTS notice_reads_version_ins AFTER INSERT ON notice_reads
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'notices';
CREATE TRIGGER IF NOT EXISTS notice_reads_version_upd AFTER UPDATE ON notice_reads
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'notices';
CREATE TRIGGER IF NOT EXISTS notice_reads_version_del AFTER DELETE ON notice_reads
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'notices';
