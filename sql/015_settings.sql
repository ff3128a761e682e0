-- Module settings and module administrators (issue 10 part 5).
--
-- module_admins: the system administrator names a module's administrators;
-- one of them sees and edits only that module's settings and lookups and
-- grants that module's working permissions (user_perms).
CREATE TABLE module_admins (
  module VARCHAR(64) NOT NULL,
  user_id BIGINT NOT NULL,
  granted_by BIGINT NOT NULL,
  granted_at DATETIME NOT NULL,
  PRIMARY KEY (module, user_id),
  KEY user (user_id),
  CONSTRAINT module_admins_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A module's working permission granted to one user by that module's
-- administrator, beside the user's roles (the session adds them).  Only
-- permissions the module declares; never an administrator's.
CREATE TABLE user_perms (
  user_id BIGINT NOT NULL,
  perm VARCHAR(64) NOT NULL,
  module VARCHAR(64) NOT NULL,
  granted_by BIGINT NOT NULL,
  granted_at DATETIME NOT NULL,
  PRIMARY KEY (user_id, perm),
  CONSTRAINT user_perms_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Dated values of the settings modules declare (portal_module.settings),
-- in the type's stored form (fen, basis points, days, integer, text).  Rows
-- are only added: the value in force on a day is the latest valid_from on
-- or before it, the latest entered among the same day's.
CREATE TABLE setting_values (
  id BIGINT NOT NULL AUTO_INCREMENT,
  module VARCHAR(64) NOT NULL,
  code VARCHAR(48) NOT NULL,
  valid_from DATE NOT NULL,
  value VARCHAR(1500) NOT NULL,
  note VARCHAR(200) NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY setting (module, code, valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Entries of the lookups modules declare (portal_module.lookups): a code
-- unique in its lookup, the declared columns in c1..c6 (c1 the name), in
-- force from valid_from until valid_to (retired; NULL: still in force).
CREATE TABLE lookup_entries (
  id BIGINT NOT NULL AUTO_INCREMENT,
  module VARCHAR(64) NOT NULL,
  kind VARCHAR(48) NOT NULL,
  code VARCHAR(32) NOT NULL,
  c1 VARCHAR(200) NOT NULL,
  c2 VARCHAR(200) NULL,
  c3 VARCHAR(200) NULL,
  c4 VARCHAR(200) NULL,
  c5 VARCHAR(200) NULL,
  c6 VARCHAR(200) NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  retired_by BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY entry (module, kind, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
