-- requires: registry
-- 社会组织与志愿服务: partner organisations (linked to core orgs of kind
-- 'ngo'), their volunteers, assignments of children to an organisation for a
-- period, and the service logs the township verifies.

-- One row per partner organisation; the core orgs row is its identity
-- (users.org_id of its partner accounts points at it).
CREATE TABLE volunteer_orgs (
  id BIGINT NOT NULL AUTO_INCREMENT,
  org_id BIGINT NOT NULL,
  reg_no VARCHAR(64) NOT NULL,               -- 统一社会信用代码 / 登记证号
  contact_name VARCHAR(64) NOT NULL,
  contact_phone VARCHAR(32) NOT NULL,
  service_types VARCHAR(200) NOT NULL DEFAULT '',
  status ENUM('pending','approved','suspended','ended') NOT NULL DEFAULT 'pending',
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY org (org_id),
  UNIQUE KEY reg_no (reg_no),
  CONSTRAINT vorgs_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Service areas: the townships an organisation serves.
CREATE TABLE volunteer_org_areas (
  vorg_id BIGINT NOT NULL,
  township_code CHAR(12) NOT NULL,
  PRIMARY KEY (vorg_id, township_code),
  CONSTRAINT vareas_org FOREIGN KEY (vorg_id) REFERENCES volunteer_orgs (id),
  CONSTRAINT vareas_division FOREIGN KEY (township_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every status change, dated; never overwritten.
CREATE TABLE volunteer_org_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  vorg_id BIGINT NOT NULL,
  at DATETIME NOT NULL,
  effective_date DATE NOT NULL,
  user_id BIGINT NOT NULL,
  status ENUM('pending','approved','suspended','ended') NOT NULL,
  reason VARCHAR(200) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY vorg (vorg_id, id),
  CONSTRAINT vevents_org FOREIGN KEY (vorg_id) REFERENCES volunteer_orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE volunteers (
  id BIGINT NOT NULL AUTO_INCREMENT,
  vorg_id BIGINT NOT NULL,
  name VARCHAR(64) NOT NULL,
  phone VARCHAR(32) NOT NULL DEFAULT '',
  skills VARCHAR(200) NOT NULL DEFAULT '',
  availability VARCHAR(200) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY vorg (vorg_id),
  CONSTRAINT volunteers_org FOREIGN KEY (vorg_id) REFERENCES volunteer_orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A child assigned to an organisation for a service type and a period.  The
-- partner sees the child only while today is within [start_date, end_date],
-- ended_at is NULL and the organisation is approved.
CREATE TABLE volunteer_assignments (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  vorg_id BIGINT NOT NULL,
  service_type VARCHAR(16) NOT NULL,
  needs VARCHAR(500) NOT NULL DEFAULT '',
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  ended_at DATETIME NULL,
  ended_by BIGINT NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY org_child (vorg_id, child_id),
  KEY child (child_id),
  CONSTRAINT vassign_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT vassign_org FOREIGN KEY (vorg_id) REFERENCES volunteer_orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Service logs: submitted by the partner, verified or returned by the
-- child's township.  Only verified logs count toward hours.
CREATE TABLE volunteer_logs (
  id BIGINT NOT NULL AUTO_INCREMENT,
  assignment_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  vorg_id BIGINT NOT NULL,
  service_date DATE NOT NULL,
  minutes INT NOT NULL,
  service_type VARCHAR(16) NOT NULL,
  notes VARCHAR(1000) NOT NULL DEFAULT '',
  status ENUM('submitted','verified','returned') NOT NULL DEFAULT 'submitted',
  return_reason VARCHAR(200) NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  updated_at DATETIME NOT NULL,
  verified_at DATETIME NULL,
  verified_by BIGINT NULL,
  PRIMARY KEY (id),
  KEY assignment (assignment_id),
  KEY child (child_id),
  KEY org_status (vorg_id, status, service_date),
  CONSTRAINT vlogs_assignment FOREIGN KEY (assignment_id) REFERENCES volunteer_assignments (id),
  CONSTRAINT vlogs_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT vlogs_org FOREIGN KEY (vorg_id) REFERENCES volunteer_orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The volunteers who took part in a service.
CREATE TABLE volunteer_log_people (
  log_id BIGINT NOT NULL,
  volunteer_id BIGINT NOT NULL,
  PRIMARY KEY (log_id, volunteer_id),
  KEY volunteer (volunteer_id),
  CONSTRAINT vpeople_log FOREIGN KEY (log_id) REFERENCES volunteer_logs (id),
  CONSTRAINT vpeople_volunteer FOREIGN KEY (volunteer_id) REFERENCES volunteers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO role_perms (role_id, perm) SELECT id, 'volunteer.manage' FROM roles WHERE code = 'county_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, 'volunteer.verify' FROM roles WHERE code = 'township_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, 'volunteer.partner' FROM roles WHERE code = 'ngo_partner';
