-- Children's personal information (issue 19, items 1 and 4).
--
-- export_register: every export of personal data, written by the host's
-- service export_begin before the file's first byte: who, when, what kind,
-- the purpose (a code of the host's short list, with free text), the filter
-- (the request's parameters), the rows, full ID numbers or not.  An export
-- with full ID numbers above the row count of the setting
-- privacy.export_approval_rows is first a request ('pending'): a second
-- county-level person approves it ('approved'), the requester downloads it
-- once within privacy.export_window_hours ('downloaded').
CREATE TABLE export_register (
  id BIGINT NOT NULL AUTO_INCREMENT,
  kind VARCHAR(64) NOT NULL,              -- "<module>.<what>"
  title VARCHAR(100) NOT NULL,            -- Chinese: what the file holds
  user_id BIGINT NOT NULL,
  division_code CHAR(12) NOT NULL,        -- the requester's jurisdiction
  created_at DATETIME NOT NULL,
  purpose VARCHAR(16) NOT NULL,           -- payment_check, report_up, dept_assist, stats, other
  purpose_note VARCHAR(200) NOT NULL DEFAULT '',
  recipient VARCHAR(100) NOT NULL DEFAULT '', -- the department it goes to
  method VARCHAR(4) NOT NULL,             -- GET or POST: how the download is asked again
  path VARCHAR(255) NOT NULL,
  filter VARCHAR(2000) NOT NULL DEFAULT '',  -- the parameters, URL-encoded
  row_count BIGINT NOT NULL,
  full_id TINYINT NOT NULL DEFAULT 0,
  status ENUM('done','pending','approved','rejected','downloaded') NOT NULL,
  decided_by BIGINT NULL,
  decided_at DATETIME NULL,
  decision_note VARCHAR(200) NOT NULL DEFAULT '',
  downloaded_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY by_time (created_at),
  KEY by_user (user_id, created_at),
  KEY by_status (status, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- disclosures: the sharing register (item 4), every disclosure of a child's
-- data to an organisation outside civil affairs: written by child_link (an
-- NGO assignment, a school, a hospital, a provider referral) and by an
-- export for another department (purpose report_up / dept_assist, child_id
-- NULL: the export's row says which file).
CREATE TABLE disclosures (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NULL,
  org_id BIGINT NULL,
  recipient VARCHAR(100) NOT NULL,        -- the organisation's name as it was
  categories VARCHAR(200) NOT NULL,       -- Chinese: the data categories disclosed
  basis VARCHAR(200) NOT NULL,            -- Chinese: why (the relation, the purpose)
  disclosed_at DATETIME NOT NULL,
  source ENUM('link','export') NOT NULL,
  link_id BIGINT NULL,
  export_id BIGINT NULL,
  module VARCHAR(32) NOT NULL,
  user_id BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY by_child (child_id, disclosed_at),
  KEY by_time (disclosed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Archived files (issue 19 item 2: the privacy module's retention job): the
-- child's row stays as the anchor of the ledger and the categories, blanked
-- but for its identity; 'archived' leaves every list and search (scope_sql)
-- and every page (the child's route object).
ALTER TABLE children MODIFY status ENUM('active','exited','archived') NOT NULL DEFAULT 'active';

-- The links made before the sharing register: one row each, dated when made.
INSERT INTO disclosures (child_id, org_id, recipient, categories, basis, disclosed_at, source,
                         link_id, module, user_id)
  SELECT l.child_id, l.org_id, o.name,
         '身份信息（姓名、性别、出生日期、脱敏身份证号）、所属类别、与本单位相关的服务记录',
         CONCAT('关联儿童（', COALESCE(k.relation_title, l.relation), '）'), l.created_at, 'link',
         l.id, l.module, l.created_by
  FROM child_org_links l JOIN orgs o ON o.id = l.org_id LEFT JOIN org_kinds k ON k.code = o.kind;
