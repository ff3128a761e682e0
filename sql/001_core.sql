-- Core schema: divisions, organisations, users, roles, sessions, module state,
-- the audit log.  InnoDB, utf8mb4, every table keyed; times are UTC DATETIME.

CREATE TABLE divisions (
  code CHAR(12) NOT NULL,
  parent_code CHAR(12) NULL,
  level ENUM('county','township','village') NOT NULL,
  name VARCHAR(64) NOT NULL,
  type VARCHAR(16) NOT NULL DEFAULT '',
  valid_from DATE NULL,
  valid_to DATE NULL,
  synthetic TINYINT NOT NULL DEFAULT 0,
  note VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (code),
  KEY parent (parent_code),
  KEY level_code (level, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orgs (
  id BIGINT NOT NULL AUTO_INCREMENT,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  kind ENUM('department','township','village','ngo','institution') NOT NULL,
  division_code CHAR(12) NOT NULL,
  active TINYINT NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  UNIQUE KEY code (code),
  CONSTRAINT orgs_division FOREIGN KEY (division_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT,
  username VARCHAR(64) NOT NULL,
  display_name VARCHAR(64) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  org_id BIGINT NULL,
  division_code CHAR(12) NOT NULL,
  active TINYINT NOT NULL DEFAULT 1,
  must_change_password TINYINT NOT NULL DEFAULT 1,
  failed_count INT NOT NULL DEFAULT 0,
  locked_until DATETIME NULL,
  last_login DATETIME NULL,
  password_changed_at DATETIME NULL,
  totp_secret VARBINARY(128) NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY username (username),
  CONSTRAINT users_org FOREIGN KEY (org_id) REFERENCES orgs (id),
  CONSTRAINT users_division FOREIGN KEY (division_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE roles (
  id INT NOT NULL AUTO_INCREMENT,
  code VARCHAR(32) NOT NULL,
  name VARCHAR(64) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role_perms (
  role_id INT NOT NULL,
  perm VARCHAR(64) NOT NULL,
  PRIMARY KEY (role_id, perm),
  CONSTRAINT role_perms_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL,
  role_id INT NOT NULL,
  PRIMARY KEY (user_id, role_id),
  CONSTRAINT user_roles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT user_roles_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  token_hash BINARY(32) NOT NULL,
  user_id BIGINT NOT NULL,
  csrf_token VARCHAR(64) NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen DATETIME NOT NULL,
  ip VARCHAR(64) NOT NULL DEFAULT '',
  flash VARCHAR(1000) NULL,
  PRIMARY KEY (token_hash),
  KEY user (user_id),
  KEY last_seen (last_seen),
  CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE module_state (
  name VARCHAR(64) NOT NULL,
  enabled TINYINT NOT NULL DEFAULT 1,
  changed_at DATETIME NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only: the portal's database user gets SELECT and INSERT only.
CREATE TABLE audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  at DATETIME(6) NOT NULL,
  user_id BIGINT NOT NULL DEFAULT 0,
  username VARCHAR(64) NULL,
  action VARCHAR(64) NOT NULL,
  object_type VARCHAR(32) NULL,
  object_id VARCHAR(128) NULL,
  detail VARCHAR(1000) NULL,
  ip VARCHAR(64) NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL,
  PRIMARY KEY (id),
  KEY at (at),
  KEY user (user_id, id),
  KEY object (object_type, object_id, id),
  KEY action (action, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The chain's head: one row, locked while a row is appended.
CREATE TABLE audit_head (
  id TINYINT NOT NULL,
  last_hash CHAR(64) NOT NULL,
  last_id BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO audit_head VALUES (1, REPEAT('0', 64), 0);
