-- requires: registry
-- 基本生活保障: rates, benefits granted, monthly payments, bank accounts, re-checks.
-- Money is integer fen.  Months are DATE values on the first of the month.
-- (portalctl migrate runs the registry's migrations first: grants refer to children.)

-- Dated rates: the amount of a month is the row in force on its first day.
CREATE TABLE living_rates (
  id BIGINT NOT NULL AUTO_INCREMENT,
  benefit VARCHAR(32) NOT NULL,     -- orphan de_facto_unsupported tekun tekun_care dibao dibao_child_supplement temporary
  subtype VARCHAR(32) NOT NULL,     -- institutional scattered basic full_care partial_care self_care urban rural ...
  effective_from DATE NOT NULL,
  amount_fen BIGINT NOT NULL,
  basis VARCHAR(200) NOT NULL DEFAULT '',
  created_by BIGINT NULL,
  created_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY rate (benefit, subtype, effective_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per benefit a child holds, created when an application is approved.
CREATE TABLE living_grants (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  application_id BIGINT NULL,       -- wf_applications.id
  benefit VARCHAR(32) NOT NULL,
  subtype VARCHAR(32) NOT NULL,
  care_level VARCHAR(32) NULL,      -- tekun: full_care partial_care self_care
  start_month DATE NOT NULL,        -- first month paid
  end_month DATE NULL,              -- last month paid; NULL = open
  end_reason VARCHAR(64) NULL,
  recheck_every_months INT NULL,    -- dibao: 1 3 6 12
  next_recheck DATE NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id),
  KEY open (end_month, benefit),
  KEY recheck (next_recheck),
  CONSTRAINT grants_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Suspension and resumption: no payment for months in [from_month, to_month].
CREATE TABLE living_suspensions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  grant_id BIGINT NOT NULL,
  from_month DATE NOT NULL,
  to_month DATE NULL,
  reason VARCHAR(200) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY grant_id (grant_id),
  CONSTRAINT suspensions_grant FOREIGN KEY (grant_id) REFERENCES living_grants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who is paid, and where: the account number encrypted like ID numbers.
CREATE TABLE living_accounts (
  child_id BIGINT NOT NULL,
  payee_name VARCHAR(64) NOT NULL,
  bank_name VARCHAR(64) NOT NULL,
  account_enc VARBINARY(96) NOT NULL,
  account_masked VARCHAR(32) NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (child_id),
  CONSTRAINT accounts_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A month's payment list: generated, reviewed, then locked for good.
CREATE TABLE living_months (
  month DATE NOT NULL,
  status ENUM('generated','reviewed','locked') NOT NULL,
  generated_at DATETIME NOT NULL,
  generated_by BIGINT NOT NULL,
  reviewed_by BIGINT NULL,
  reviewed_at DATETIME NULL,        -- added by pay.c: when it was reviewed
  locked_at DATETIME NULL,
  locked_by BIGINT NULL,
  PRIMARY KEY (month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One line per child per benefit per month (kind regular); back pay and
-- corrections are lines of their own, never edits of a locked month.
CREATE TABLE living_payments (
  id BIGINT NOT NULL AUTO_INCREMENT,
  month DATE NOT NULL,              -- the list it is paid in
  for_month DATE NOT NULL,          -- the month it is for (back pay: an earlier one)
  grant_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  township_code CHAR(12) NOT NULL,
  benefit VARCHAR(32) NOT NULL,
  kind ENUM('regular','backpay','correction') NOT NULL,
  amount_fen BIGINT NOT NULL,
  note VARCHAR(200) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY regular_once (month, grant_id, for_month, kind),
  KEY town (month, township_code, benefit),
  KEY child (child_id, month),
  KEY grant_for (grant_id, for_month, kind),  -- back pay: was this month already paid?
  CONSTRAINT payments_grant FOREIGN KEY (grant_id) REFERENCES living_grants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO crypto_columns VALUES ('living_accounts', 'child_id', 'account_enc');

-- The child-level supplement for 低保 families is a local setting: a rate row
-- the module administrator edits (0 until the county sets it).
INSERT INTO living_rates (benefit, subtype, effective_from, amount_fen, basis) VALUES
  ('dibao_child_supplement', 'child', '2017-01-01', 0, '县级设定（困境儿童提标），待管理员填写'),
  ('temporary', 'one_off', '2017-01-01', 0, '临时救助按次核定，金额随申请填写');
INSERT INTO living_rates (benefit, subtype, effective_from, amount_fen, basis) VALUES
  ('dibao', 'urban', '2023-07-01', 73500, '渝民发〔2023〕10号 (reposted)'),
  ('dibao', 'rural', '2023-07-01', 60000, '渝民发〔2023〕10号 (reposted)'),
  ('dibao', 'urban', '2024-07-01', 75000, '渝民发〔2024〕9号 (reposted)'),
  ('dibao', 'rural', '2024-07-01', 61000, '渝民发〔2024〕9号 (reposted)'),
  ('dibao', 'urban', '2025-07-01', 77000, '渝民规〔2025〕6号'),
  ('dibao', 'rural', '2025-07-01', 63000, '渝民规〔2025〕6号'),
  ('tekun', 'basic', '2023-07-01', 95500, '渝民发〔2023〕10号 (reposted)'),
  ('tekun', 'basic', '2024-07-01', 97500, '渝民发〔2024〕9号 (reposted)'),
  ('tekun', 'basic', '2025-07-01', 100100, '渝民规〔2025〕6号'),
  ('tekun_care', 'full_care', '2024-07-01', 50000, '渝民发〔2024〕9号'),
  ('tekun_care', 'partial_care', '2024-07-01', 30000, '渝民发〔2024〕9号'),
  ('tekun_care', 'self_care', '2024-07-01', 10000, '渝民发〔2024〕9号'),
  ('orphan', 'institutional', '2024-07-01', 182500, '渝民发〔2024〕9号 (reposted)'),
  ('orphan', 'scattered', '2024-07-01', 162500, '渝民发〔2024〕9号 (reposted)'),
  ('de_facto_unsupported', 'scattered', '2024-07-01', 162500, 'same as scattered orphan'),
  ('orphan', 'institutional', '2025-07-01', 185100, '渝民规〔2025〕6号 (includes de-facto-unsupported children in institutions)'),
  ('orphan', 'scattered', '2025-07-01', 165100, '渝民规〔2025〕6号 (includes de-facto-unsupported and HIV-affected children)'),
  ('de_facto_unsupported', 'scattered', '2025-07-01', 165100, '渝民规〔2025〕6号'),
  ('orphan', 'institutional', '2026-01-01', 200000, '渝民规〔2025〕15号');

INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'living.view' p UNION SELECT 'living.apply' UNION SELECT 'living.township') x
  WHERE code = 'township_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'living.view' p UNION SELECT 'living.apply') x
  WHERE code = 'village_director';
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'living.view' p UNION SELECT 'living.county' UNION SELECT 'living.pay') x
  WHERE code = 'county_staff';
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'living.view' p UNION SELECT 'living.rates') x
  WHERE code = 'module_admin';

