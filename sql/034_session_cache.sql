-- Issue 17: the signed-in user cached per worker.  A worker keeps what the
-- session's user row, organisation, roles and permissions say, keyed by the
-- session, and uses it while 'sessions' here is the version it read them
-- at.  Every write of something that cache holds bumps the version in the
-- same statement (these triggers, whatever writes: a page, portalctl or SQL),
-- so a role taken away, a disabled user, a password or scope change is seen
-- by the next request of every worker, and on every host of a cluster (the
-- row replicates with the change).  The session row itself (logout, expiry,
-- the CSRF token, the second factor) is still read on every request.
-- The login bookkeeping columns of users (failed_count, locked_until,
-- last_failed_at, last_login, totp_last_step, totp_pending) are not cached
-- and do not bump it.
INSERT INTO cache_versions (name, version) VALUES ('sessions', 1);

CREATE TRIGGER IF NOT EXISTS user_roles_sessions_ins AFTER INSERT ON user_roles
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
CREATE TRIGGER IF NOT EXISTS user_roles_sessions_upd AFTER UPDATE ON user_roles
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
CREATE TRIGGER IF NOT EXISTS user_roles_sessions_del AFTER DELETE ON user_roles
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';

CREATE TRIGGER IF NOT EXISTS role_perms_sessions_ins AFTER INSERT ON role_perms
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
CREATE TRIGGER IF NOT EXISTS role_perms_sessions_upd AFTER UPDATE ON role_perms
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
CREATE TRIGGER IF NOT EXISTS role_perms_sessions_del AFTER DELETE ON role_perms
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';

CREATE TRIGGER IF NOT EXISTS user_perms_sessions_ins AFTER INSERT ON user_perms
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
CREATE TRIGGER IF NOT EXISTS user_perms_sessions_upd AFTER UPDATE ON user_perms
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
CREATE TRIGGER IF NOT EXISTS user_perms_sessions_del AFTER DELETE ON user_perms
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';

CREATE TRIGGER IF NOT EXISTS users_sessions_upd AFTER UPDATE ON users FOR EACH ROW
BEGIN
  IF NOT (OLD.username <=> NEW.username AND OLD.display_name <=> NEW.display_name
          AND OLD.password_hash <=> NEW.password_hash AND OLD.org_id <=> NEW.org_id
          AND OLD.division_code <=> NEW.division_code AND OLD.active <=> NEW.active
          AND OLD.must_change_password <=> NEW.must_change_password
          AND OLD.totp_secret <=> NEW.totp_secret AND OLD.totp_required <=> NEW.totp_required
          AND OLD.disabled_by_org <=> NEW.disabled_by_org) THEN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
  END IF;
END;
CREATE TRIGGER IF NOT EXISTS users_sessions_del AFTER DELETE ON users
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';

CREATE TRIGGER IF NOT EXISTS orgs_sessions_upd AFTER UPDATE ON orgs FOR EACH ROW
BEGIN
  IF NOT (OLD.name <=> NEW.name AND OLD.kind <=> NEW.kind AND OLD.active <=> NEW.active
          AND OLD.division_code <=> NEW.division_code) THEN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
  END IF;
END;
CREATE TRIGGER IF NOT EXISTS org_kinds_sessions_upd AFTER UPDATE ON org_kinds
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
-- a role deleted takes its user_roles and role_perms rows by a foreign key
-- cascade, which fires no trigger of theirs
CREATE TRIGGER IF NOT EXISTS roles_sessions_del AFTER DELETE ON roles
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'sessions';
