-- Insurance bought for children with charity money (issue 11 item 5):
-- accident and critical-illness policies, the children they insure (by
-- category, import or by hand), and claims under them with their outcome.
CREATE TABLE medical_policies (
  id BIGINT NOT NULL AUTO_INCREMENT,
  insurer VARCHAR(100) NOT NULL,
  kind ENUM('accident','critical') NOT NULL,
  policy_no VARCHAR(64) NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  premium_fen BIGINT NOT NULL,            -- the premium per child
  funded_by VARCHAR(200) NOT NULL,        -- the donor or the charity project
  division_code CHAR(12) NOT NULL,        -- the county that bought it
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY division (division_code, end_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE medical_policy_children (
  policy_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  added_how ENUM('category','import','hand') NOT NULL,
  added_by BIGINT NOT NULL,
  added_at DATETIME NOT NULL,
  PRIMARY KEY (policy_id, child_id),
  KEY child (child_id),
  CONSTRAINT medical_policy_children_policy FOREIGN KEY (policy_id) REFERENCES medical_policies (id),
  CONSTRAINT medical_policy_children_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE medical_claims (
  id BIGINT NOT NULL AUTO_INCREMENT,
  policy_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  event_date DATE NOT NULL,
  description VARCHAR(500) NOT NULL,
  claimed_fen BIGINT NOT NULL,
  outcome ENUM('pending','paid','rejected') NOT NULL DEFAULT 'pending',
  paid_fen BIGINT NOT NULL DEFAULT 0,
  outcome_note VARCHAR(200) NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  decided_by BIGINT NULL,
  decided_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY policy (policy_id),
  KEY child (child_id),
  CONSTRAINT medical_claims_insured FOREIGN KEY (policy_id, child_id)
    REFERENCES medical_policy_children (policy_id, child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO role_perms (role_id, perm) SELECT id, 'medical.insurance' FROM roles
  WHERE code = 'county_staff';
