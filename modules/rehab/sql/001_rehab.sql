-- 残疾儿童康复 (issue 14): screening of children 0-6, referrals for
-- diagnosis (with the diagnosis subsidy for poor families), disability
-- certificates, rehabilitation aid through approved providers, 明天计划.
-- Providers and diagnosing hospitals are organisations (orgs, kinds rehab
-- and hospital); this module keeps only their extra attributes.  Money is
-- integer fen; times UTC.

-- A provider's (or hospital's) attributes: the services it is approved for
-- (a set of rehab.service codes), its monthly price and the approval period.
CREATE TABLE rehab_providers (
  org_id BIGINT NOT NULL,
  services VARCHAR(64) NOT NULL,            -- "training,device,surgery" (any of them)
  price_fen BIGINT NOT NULL DEFAULT 0,      -- per month of training / per service
  approved_from DATE NOT NULL,
  approved_to DATE NOT NULL,
  note VARCHAR(200) NOT NULL DEFAULT '',
  updated_by BIGINT NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (org_id),
  CONSTRAINT rehab_providers_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A screening round: a health institution screens the children of a
-- township on a day at a place.
CREATE TABLE rehab_rounds (
  id BIGINT NOT NULL AUTO_INCREMENT,
  org_id BIGINT NOT NULL,                   -- the screening institution
  township_code CHAR(12) NOT NULL,
  day DATE NOT NULL,
  place VARCHAR(100) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY township (township_code, day),
  CONSTRAINT rehab_rounds_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One child screened in a round: a registry child (child_id) or a minimal
-- record of a child not in the registry (name, sex, birth date, village,
-- the ID number encrypted and its HMAC), linked (child_id set) once the
-- child enters the registry.  A result per domain: 0 normal, 1 suspected.
CREATE TABLE rehab_screenings (
  id BIGINT NOT NULL AUTO_INCREMENT,
  round_id BIGINT NOT NULL,
  child_id BIGINT NULL,
  name VARCHAR(64) NOT NULL,
  sex TINYINT NOT NULL,
  birth_date DATE NOT NULL,
  village_code CHAR(12) NOT NULL,
  id_enc VARBINARY(96) NULL,
  id_hmac CHAR(64) NULL,
  vision TINYINT NOT NULL DEFAULT 0,
  hearing TINYINT NOT NULL DEFAULT 0,
  speech TINYINT NOT NULL DEFAULT 0,
  motor TINYINT NOT NULL DEFAULT 0,
  intellectual TINYINT NOT NULL DEFAULT 0,
  autism TINYINT NOT NULL DEFAULT 0,
  suspected TINYINT NOT NULL DEFAULT 0,     -- any domain suspected
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY round_child (round_id, child_id),
  UNIQUE KEY round_idh (round_id, id_hmac),
  KEY child (child_id),
  KEY id_hmac (id_hmac),
  KEY village (village_code),
  CONSTRAINT rehab_screenings_round FOREIGN KEY (round_id) REFERENCES rehab_rounds (id),
  CONSTRAINT rehab_screenings_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A referral of a child to a hospital: for diagnosis after a suspected
-- screening (kind diagnosis), or for surgery under 明天计划 (kind tomorrow).
-- The child is linked to the hospital (child_org_links, relation referred)
-- so its staff see exactly their referred children.
CREATE TABLE rehab_referrals (
  id BIGINT NOT NULL AUTO_INCREMENT,
  kind ENUM('diagnosis','tomorrow') NOT NULL,
  child_id BIGINT NOT NULL,
  screening_id BIGINT NULL,
  org_id BIGINT NOT NULL,
  link_id BIGINT NOT NULL,
  referred_on DATE NOT NULL,
  status ENUM('referred','done') NOT NULL DEFAULT 'referred',
  result ENUM('confirmed','not_disabled','done','failed') NULL,
  category VARCHAR(16) NULL,                -- GB/T 26341
  grade TINYINT NULL,
  done_on DATE NULL,
  cost_fen BIGINT NULL,
  outcome VARCHAR(500) NOT NULL DEFAULT '',
  subsidy_fen BIGINT NULL,
  pay_line_id BIGINT NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id),
  KEY org (org_id, status),
  KEY screening (screening_id),
  CONSTRAINT rehab_referrals_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT rehab_referrals_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Disability certificates: valid 10 years; a renewal supersedes the last.
CREATE TABLE rehab_certificates (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  number_enc VARBINARY(96) NOT NULL,        -- the number holds the ID number: encrypted
  number_hmac CHAR(64) NOT NULL,
  number_last4 CHAR(4) NOT NULL,
  category VARCHAR(16) NOT NULL,
  grade TINYINT NOT NULL,
  issued_on DATE NOT NULL,
  expires_on DATE NOT NULL,
  status ENUM('valid','renewed','lapsed') NOT NULL DEFAULT 'valid',
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY number (number_hmac),
  KEY child (child_id, status),
  KEY expiry (status, expires_on),
  CONSTRAINT rehab_certificates_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A rehabilitation aid application (the workflow's row is wf_applications).
CREATE TABLE rehab_aid_apps (
  app_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  service VARCHAR(16) NOT NULL,             -- training device surgery
  org_id BIGINT NOT NULL,                   -- the chosen provider
  months INT NOT NULL,                      -- 1 for a one-off
  amount_fen BIGINT NOT NULL,               -- per month, or the one-off
  note VARCHAR(500) NOT NULL DEFAULT '',
  PRIMARY KEY (app_id),
  KEY child (child_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An approved plan: the provider serves the child for `months` from
-- start_month, payable up to amount_fen a month and the yearly cap.
CREATE TABLE rehab_plans (
  id BIGINT NOT NULL AUTO_INCREMENT,
  app_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  service VARCHAR(16) NOT NULL,
  start_month DATE NOT NULL,
  months INT NOT NULL,
  amount_fen BIGINT NOT NULL,
  link_id BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY app (app_id),
  KEY child (child_id),
  KEY org (org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A provider's month for a plan: attendance, progress, an assessment score
-- (at the start and every 6 months), and the settlement claimed and paid.
CREATE TABLE rehab_months (
  id BIGINT NOT NULL AUTO_INCREMENT,
  plan_id BIGINT NOT NULL,
  month DATE NOT NULL,
  days INT NOT NULL,
  progress VARCHAR(1000) NOT NULL,
  score INT NULL,
  claim_fen BIGINT NOT NULL,
  status ENUM('submitted','paid','refused') NOT NULL DEFAULT 'submitted',
  paid_fen BIGINT NULL,
  decision VARCHAR(200) NOT NULL DEFAULT '',
  pay_line_id BIGINT NULL,
  submitted_by BIGINT NOT NULL,
  submitted_at DATETIME NOT NULL,
  decided_by BIGINT NULL,
  decided_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY plan_month (plan_id, month),
  KEY status (status),
  CONSTRAINT rehab_months_plan FOREIGN KEY (plan_id) REFERENCES rehab_plans (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO crypto_columns VALUES
  ('rehab_screenings', 'id', 'id_enc'),
  ('rehab_certificates', 'id', 'number_enc');
-- their keyed lookups, computed again when the key suite changes
INSERT IGNORE INTO crypto_lookups VALUES
  ('rehab_screenings', 'id', 'id_hmac', 'id_enc'),
  ('rehab_certificates', 'id', 'number_hmac', 'number_enc');

-- county staff (残联) manage; townships screen and apply; the staff of a
-- hospital record diagnoses, a provider's staff its months (their own only)
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'rehab.view' p UNION SELECT 'rehab.screen' UNION SELECT 'rehab.apply'
        UNION SELECT 'rehab.manage' UNION SELECT 'rehab.diagnose') x
  WHERE code = 'county_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'rehab.view' p UNION SELECT 'rehab.screen' UNION SELECT 'rehab.apply'
        UNION SELECT 'rehab.township') x
  WHERE code = 'township_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'rehab.diagnose' p UNION SELECT 'rehab.provider') x
  WHERE code = 'org_staff';
