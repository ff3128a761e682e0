-- 督查考核 (issue 16): the supervision indicators, computed by the module's
-- job (never by a page) into summary tables, the monthly bulletins with their
-- own frozen copy of the numbers, and the appraisal's weights (module
-- settings weight_<indicator>, dated).  Months are DATE values on the first
-- of the month.  Other modules' tables are read, never written.

-- one number per month, township and indicator: numerator out of
-- denominator.  township_code is the township the case belongs to now (the
-- child's current township, or a report's division); a case at the county
-- level itself has the county's code.  The county total is the sum of rows.
CREATE TABLE supervision_figures (
  month DATE NOT NULL,
  township_code CHAR(12) NOT NULL,
  indicator VARCHAR(32) NOT NULL,
  numerator INT NOT NULL,
  denominator INT NOT NULL,
  computed_at DATETIME NOT NULL,
  PRIMARY KEY (month, indicator, township_code),
  KEY township (township_code, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the cases behind a number that fall short (in the denominator, not in the
-- numerator): what a click on the number lists.  case_id is the child, the
-- application, the report or the dropout case (the indicator says which).
CREATE TABLE supervision_cases (
  month DATE NOT NULL,
  indicator VARCHAR(32) NOT NULL,
  case_id BIGINT NOT NULL,
  township_code CHAR(12) NOT NULL,
  child_id BIGINT NULL,
  PRIMARY KEY (month, indicator, case_id),
  KEY township (month, indicator, township_code, case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the total time limits of the workflow types, copied from the modules'
-- declarations at each run (the applications indicator joins them)
CREATE TABLE supervision_wf_limits (
  module VARCHAR(32) NOT NULL,
  type VARCHAR(32) NOT NULL,
  limit_days INT NOT NULL,
  PRIMARY KEY (module, type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- a monthly bulletin (通报), issued once per month; its numbers are its own
-- copy (supervision_bulletin_rows, supervision_bulletin_overdue), so a later
-- change of the data or a new run of the job never alters it
CREATE TABLE supervision_bulletins (
  id BIGINT NOT NULL AUTO_INCREMENT,
  month DATE NOT NULL,
  title VARCHAR(100) NOT NULL,
  remarks VARCHAR(2000) NOT NULL DEFAULT '',
  issued_by BIGINT NOT NULL,
  issued_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY month (month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE supervision_bulletin_rows (
  bulletin_id BIGINT NOT NULL,
  township_code CHAR(12) NOT NULL,
  indicator VARCHAR(32) NOT NULL,
  numerator INT NOT NULL,
  denominator INT NOT NULL,
  PRIMARY KEY (bulletin_id, indicator, township_code),
  CONSTRAINT sbr_bulletin FOREIGN KEY (bulletin_id) REFERENCES supervision_bulletins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- overdue items by township on the day of issue (open applications past
-- their limit, reports not yet safe past 24 hours, open dropout cases)
CREATE TABLE supervision_bulletin_overdue (
  bulletin_id BIGINT NOT NULL,
  township_code CHAR(12) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  n INT NOT NULL,
  PRIMARY KEY (bulletin_id, kind, township_code),
  CONSTRAINT sbo_bulletin FOREIGN KEY (bulletin_id) REFERENCES supervision_bulletins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- who sees the figures and who issues bulletins (county civil affairs);
-- the county's leaders see them too
INSERT IGNORE INTO roles (code, name) VALUES
  ('county_leader', '县领导'),
  ('supervision_issuer', '县民政局督查通报人员');
INSERT INTO role_perms (role_id, perm) SELECT r.id, p.perm FROM roles r JOIN (
  SELECT 'county_staff' code, 'supervision.view' perm
  UNION ALL SELECT 'township_staff', 'supervision.view'
  UNION ALL SELECT 'county_leader', 'supervision.view'
  UNION ALL SELECT 'supervision_issuer', 'supervision.view'
  UNION ALL SELECT 'supervision_issuer', 'supervision.issue') p ON p.code = r.code;

-- the months the job has computed (the dashboard's choice of month; a month
-- whose indicators all came out empty is still known as computed)
CREATE TABLE supervision_months (
  month DATE NOT NULL,
  as_of DATE NOT NULL,                 -- the last day counted (today for the month running)
  computed_at DATETIME NOT NULL,
  seconds_ms INT NOT NULL DEFAULT 0,   -- how long it took
  PRIMARY KEY (month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
