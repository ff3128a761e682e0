-- 医疗保障 (issue 11): aid after insurance, premium subsidies, emergency
-- treatment.  Ratios, caps, premiums and time limits are the module's dated
-- settings (portal_module.settings); covered rehabilitation items are its
-- lookup; money is integer fen; payments go to the core ledger (pay_*).

-- Aid after insurance (医疗救助): one row per workflow application (a
-- hospital stay or an outpatient episode).  The figures of the decision
-- (category, ratio, cap, cap left, aid) are kept as computed, for the
-- settlement sheet.
CREATE TABLE medical_aid (
  app_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  case_type ENUM('inpatient','outpatient') NOT NULL,
  hospital_org_id BIGINT NOT NULL,
  start_date DATE NOT NULL,               -- admission / visit: the rates of this day apply
  end_date DATE NOT NULL,                 -- discharge / last visit
  diagnosis VARCHAR(200) NOT NULL,
  total_fen BIGINT NOT NULL,              -- total cost
  basic_fen BIGINT NOT NULL,              -- paid by basic medical insurance
  critical_fen BIGINT NOT NULL,           -- paid by critical-illness insurance
  charity_fen BIGINT NOT NULL,            -- other payers: charity
  commercial_fen BIGINT NOT NULL,         -- other payers: commercial insurance
  eligible_fen BIGINT NOT NULL,           -- policy-eligible out-of-pocket amount
  payee ENUM('guardian','hospital') NOT NULL,
  category VARCHAR(32) NULL,              -- the category whose rate applies
  ratio_bp INT NULL,                      -- basis points
  cap_fen BIGINT NULL,                    -- the yearly cap
  cap_left_fen BIGINT NULL,               -- left before this case (when computed)
  raw_fen BIGINT NULL,                    -- ratio x eligible, before the cap
  aid_fen BIGINT NULL,                    -- the aid: min(raw, cap left)
  pay_line_id BIGINT NULL,
  step_due DATE NULL,                     -- the current step's due day (settings, working days)
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  decided_at DATETIME NULL,
  PRIMARY KEY (app_id),
  KEY child (child_id, start_date),
  CONSTRAINT medical_aid_app FOREIGN KEY (app_id) REFERENCES wf_applications (id),
  CONSTRAINT medical_aid_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT medical_aid_hospital FOREIGN KEY (hospital_org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the covered rehabilitation items (lookup rehab_item) an episode includes,
-- named as they were that day
CREATE TABLE medical_aid_items (
  app_id BIGINT NOT NULL,
  item_code VARCHAR(32) NOT NULL,
  item_name VARCHAR(200) NOT NULL,
  PRIMARY KEY (app_id, item_code),
  CONSTRAINT medical_aid_items_app FOREIGN KEY (app_id) REFERENCES medical_aid (app_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- receipts attached to an application (files outside the web root)
CREATE TABLE medical_aid_receipts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  app_id BIGINT NOT NULL,
  stored CHAR(64) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  ctype VARCHAR(32) NOT NULL,
  size BIGINT NOT NULL,
  filename VARCHAR(200) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY app (app_id),
  CONSTRAINT medical_aid_receipts_app FOREIGN KEY (app_id) REFERENCES medical_aid (app_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Premium subsidies.  The tier a child chose for an insurance year (none:
-- tier 1); a year's list (the enrolment date it was drawn on) and its
-- lines: one per child and year, never deleted (a child leaving a category
-- keeps the year's subsidy); a child entering mid-year is added to the
-- supplementary list.
CREATE TABLE medical_tiers (
  child_id BIGINT NOT NULL,
  year SMALLINT NOT NULL,
  tier TINYINT NOT NULL,
  set_by BIGINT NOT NULL,
  set_at DATETIME NOT NULL,
  PRIMARY KEY (child_id, year),
  CONSTRAINT medical_tiers_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE medical_premium_years (
  year SMALLINT NOT NULL,
  enrol_date DATE NOT NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE medical_premium_lines (
  id BIGINT NOT NULL AUTO_INCREMENT,
  year SMALLINT NOT NULL,
  child_id BIGINT NOT NULL,
  list ENUM('main','supplement') NOT NULL,
  qualified_on DATE NOT NULL,            -- the day the category was checked
  category VARCHAR(32) NOT NULL,         -- the category whose rule applies
  tier TINYINT NOT NULL,
  premium_fen BIGINT NOT NULL,           -- the personal premium of the tier chosen
  subsidy_fen BIGINT NOT NULL,           -- share x the tier-1 personal premium
  township_code CHAR(12) NOT NULL,
  status ENUM('listed','insured','failed') NOT NULL DEFAULT 'listed',
  fail_reason VARCHAR(200) NULL,
  confirmed_at DATETIME NULL,
  pay_line_id BIGINT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY year_child (year, child_id),
  KEY year_town (year, township_code),
  KEY child (child_id),
  CONSTRAINT medical_premium_lines_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Emergency treatment of a child whose identity is unknown or who cannot
-- pay: opened by a hospital or the health commission at once (no ID), the
-- county told by an urgent task; costs for the emergency fund; linked to
-- the child's file once identified.
CREATE TABLE medical_emergencies (
  id BIGINT NOT NULL AUTO_INCREMENT,
  org_id BIGINT NULL,                    -- the organisation of the user who opened it
  hospital_org_id BIGINT NOT NULL,
  division_code CHAR(12) NOT NULL,       -- the county that handles it
  reason ENUM('unidentified','unable_to_pay') NOT NULL,
  description VARCHAR(1000) NOT NULL,
  place_found VARCHAR(200) NOT NULL,
  found_on DATE NOT NULL,
  status ENUM('open','identified','closed') NOT NULL DEFAULT 'open',
  child_id BIGINT NULL,
  task_id BIGINT NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  identified_by BIGINT NULL,
  identified_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY org (org_id, id),
  KEY status (status, division_code),
  KEY child (child_id),
  CONSTRAINT medical_emergencies_hospital FOREIGN KEY (hospital_org_id) REFERENCES orgs (id),
  CONSTRAINT medical_emergencies_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE medical_emergency_costs (
  id BIGINT NOT NULL AUTO_INCREMENT,
  emergency_id BIGINT NOT NULL,
  cost_date DATE NOT NULL,
  item VARCHAR(100) NOT NULL,
  amount_fen BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY emergency (emergency_id),
  CONSTRAINT medical_emergency_costs_case FOREIGN KEY (emergency_id) REFERENCES medical_emergencies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Roles of the departments this module serves, and who may do what.
INSERT INTO roles (code, name) VALUES
  ('medical_security', '县医疗保障局工作人员'),
  ('health_commission', '县卫生健康委员会工作人员'),
  ('hospital_staff', '医院工作人员');
INSERT INTO role_perms (role_id, perm) SELECT r.id, p.perm FROM roles r JOIN (
  SELECT 'county_staff' code, 'medical.view' perm
  UNION ALL SELECT 'county_staff', 'medical.county'
  UNION ALL SELECT 'county_staff', 'medical.premium'
  UNION ALL SELECT 'county_staff', 'medical.emergency_county'
  UNION ALL SELECT 'township_staff', 'medical.view'
  UNION ALL SELECT 'township_staff', 'medical.apply'
  UNION ALL SELECT 'township_staff', 'medical.township'
  UNION ALL SELECT 'village_director', 'medical.view'
  UNION ALL SELECT 'village_director', 'medical.apply'
  UNION ALL SELECT 'medical_security', 'medical.view'
  UNION ALL SELECT 'medical_security', 'medical.premium'
  UNION ALL SELECT 'health_commission', 'medical.view'
  UNION ALL SELECT 'health_commission', 'medical.emergency'
  UNION ALL SELECT 'health_commission', 'medical.emergency_county'
  UNION ALL SELECT 'hospital_staff', 'medical.view'
  UNION ALL SELECT 'hospital_staff', 'medical.emergency') p ON p.code = r.code;
