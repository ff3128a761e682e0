-- Organisation scopes (issue 10 part 3).  The kinds of organisation are a
-- reference list of the core (org_kinds): county departments, schools,
-- hospitals, rehabilitation providers, welfare and protection institutions,
-- police stations, NGOs, beside the governments of the divisions.  A kind's
-- scope says what its users see:
--   division  by the division code of the user, as always (county > township
--             > village by code prefix): governments and county departments;
--   org       only the children linked to their own organisation by an
--             active child_org_links row of the kind's relation, never by
--             division: a school sees the children enrolled there, a provider
--             the children referred to it, a police station the children of
--             the reports sent to it.
-- 'institution' stays division-scoped: organisations created before these
-- kinds keep exactly what their users saw.

CREATE TABLE org_kinds (
  code VARCHAR(32) NOT NULL,
  title VARCHAR(64) NOT NULL,           -- Chinese, shown to users
  grp ENUM('government','department','institution','ngo') NOT NULL,
  scope ENUM('division','org') NOT NULL,
  relation ENUM('enrolled','referred','report') NULL, -- the one relation of a child to it
  relation_title VARCHAR(16) NULL,      -- Chinese: 在读, 转介, 报告
  sort INT NOT NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO org_kinds (code, title, grp, scope, relation, relation_title, sort) VALUES
  ('township', '乡镇人民政府（街道办事处）', 'government', 'division', NULL, NULL, 10),
  ('village', '村（居）民委员会', 'government', 'division', NULL, NULL, 20),
  ('dept_civil', '县民政局', 'department', 'division', NULL, NULL, 30),
  ('dept_education', '县教育委员会', 'department', 'division', NULL, NULL, 31),
  ('dept_health', '县卫生健康委员会', 'department', 'division', NULL, NULL, 32),
  ('dept_hrss', '县人力资源和社会保障局', 'department', 'division', NULL, NULL, 33),
  ('dept_police', '县公安局', 'department', 'division', NULL, NULL, 34),
  ('dept_disabled', '县残疾人联合会', 'department', 'division', NULL, NULL, 35),
  ('dept_women_children', '县妇女儿童工作委员会办公室', 'department', 'division', NULL, NULL, 36),
  ('dept_medical', '县医疗保障局', 'department', 'division', NULL, NULL, 37),
  ('department', '其他县级部门', 'department', 'division', NULL, NULL, 39),
  ('school', '学校', 'institution', 'org', 'enrolled', '在读', 50),
  ('hospital', '医院、诊所', 'institution', 'org', 'referred', '转介', 51),
  ('rehab', '康复服务机构', 'institution', 'org', 'referred', '转介', 52),
  ('welfare', '儿童福利和未成年人保护机构', 'institution', 'org', 'referred', '转介', 53),
  ('police_station', '派出所', 'institution', 'org', 'report', '报告', 54),
  ('ngo', '社会组织', 'ngo', 'org', 'referred', '转介', 60),
  ('institution', '其他机构', 'institution', 'division', NULL, NULL, 69);

ALTER TABLE orgs MODIFY kind VARCHAR(32) NOT NULL,
  ADD CONSTRAINT orgs_kind FOREIGN KEY (kind) REFERENCES org_kinds (code);

-- A child linked to an organisation: from valid_from to valid_to (inclusive;
-- NULL open-ended), until ended (ended_at: unlinked, the row stays).  Written
-- only through the host's services child_link / child_unlink (audited).
CREATE TABLE child_org_links (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  relation ENUM('enrolled','referred','report') NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NULL,
  note VARCHAR(200) NOT NULL DEFAULT '',
  module VARCHAR(32) NOT NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  ended_at DATETIME NULL,
  ended_by BIGINT NULL,
  PRIMARY KEY (id),
  KEY org_child (org_id, child_id),
  KEY child (child_id),
  CONSTRAINT child_org_links_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT child_org_links_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the working role of an organisation's staff; modules grant it their
-- permissions (what they may do with the children linked to them)
INSERT INTO roles (code, name) VALUES ('org_staff', '机构工作人员');
