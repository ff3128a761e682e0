-- Issue 15 item 1: a user's scope may be a SET of divisions (a village child
-- director of one or more villages).  A user with any row here is scoped by
-- these rows alone - the villages with valid_from <= today < valid_to (Beijing;
-- valid_to is the day a grant ended, NULL open) - and no
-- longer by users.division_code (which stays their office, e.g. the
-- township).  A module writes the rows through the service scope_grant
-- (the village module from /village/directors), keyed by its own row.
CREATE TABLE user_scope_divisions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  division_code CHAR(12) NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NULL,
  module VARCHAR(32) NOT NULL,
  source_id BIGINT NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY usd_source (module, source_id),
  KEY usd_user (user_id, valid_from),
  CONSTRAINT usd_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT usd_division FOREIGN KEY (division_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A worker that keeps sessions must see a change on the next request: every
-- write moves this version (the same way the settings' triggers do).
INSERT INTO cache_versions (name, version) VALUES ('user_scopes', 1);
CREATE TRIGGER IF NOT EXISTS usd_version_ins AFTER INSERT ON user_scope_divisions
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'user_scopes';
CREATE TRIGGER IF NOT EXISTS usd_version_upd AFTER UPDATE ON user_scope_divisions
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'user_scopes';
CREATE TRIGGER IF NOT EXISTS usd_version_del AFTER DELETE ON user_scope_divisions
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'user_scopes';
