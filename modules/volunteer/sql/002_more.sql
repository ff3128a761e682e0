-- 社会组织与志愿服务, part two: care offers (家庭寄养, 委托代养, 爱心助养)
-- and their matches to children; charity projects, their spending and
-- donations (money in integer fen, or goods).

-- An offer of care by a family or an organisation, for an area (a division
-- code: the county, a township or a village).
CREATE TABLE volunteer_care_offers (
  id BIGINT NOT NULL AUTO_INCREMENT,
  offerer_kind ENUM('family','org') NOT NULL,
  offerer VARCHAR(100) NOT NULL,
  contact_name VARCHAR(64) NOT NULL,
  contact_phone VARCHAR(32) NOT NULL,
  kind ENUM('foster','entrusted','sponsor') NOT NULL,
  area_code CHAR(12) NOT NULL,
  capacity INT NOT NULL,
  notes VARCHAR(1000) NOT NULL DEFAULT '',
  status ENUM('open','matched','closed') NOT NULL DEFAULT 'open',
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY area (area_code, status),
  CONSTRAINT vcare_area FOREIGN KEY (area_code) REFERENCES divisions (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A child matched to an offer; also a child_events row (module 'volunteer').
CREATE TABLE volunteer_care_matches (
  id BIGINT NOT NULL AUTO_INCREMENT,
  offer_id BIGINT NOT NULL,
  child_id BIGINT NOT NULL,
  start_date DATE NOT NULL,
  notes VARCHAR(500) NOT NULL DEFAULT '',
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY offer_child (offer_id, child_id),
  KEY child (child_id),
  CONSTRAINT vmatch_offer FOREIGN KEY (offer_id) REFERENCES volunteer_care_offers (id),
  CONSTRAINT vmatch_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Charity projects of a partner organisation.  Sums in integer fen.
CREATE TABLE volunteer_projects (
  id BIGINT NOT NULL AUTO_INCREMENT,
  vorg_id BIGINT NOT NULL,
  name VARCHAR(128) NOT NULL,
  budget_fen BIGINT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY vorg (vorg_id),
  CONSTRAINT vproj_org FOREIGN KEY (vorg_id) REFERENCES volunteer_orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a project spent, one row per expense.
CREATE TABLE volunteer_project_spending (
  id BIGINT NOT NULL AUTO_INCREMENT,
  project_id BIGINT NOT NULL,
  spent_on DATE NOT NULL,
  amount_fen BIGINT NOT NULL,
  purpose VARCHAR(200) NOT NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY project (project_id),
  CONSTRAINT vspend_project FOREIGN KEY (project_id) REFERENCES volunteer_projects (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A donation: money (fen) or goods, to a child or to a project.
CREATE TABLE volunteer_donations (
  id BIGINT NOT NULL AUTO_INCREMENT,
  donor VARCHAR(100) NOT NULL,
  project_id BIGINT NULL,
  child_id BIGINT NULL,
  money_fen BIGINT NULL,
  goods VARCHAR(200) NOT NULL DEFAULT '',
  pledged_date DATE NOT NULL,
  delivered_date DATE NULL,
  status ENUM('pledged','delivered') NOT NULL DEFAULT 'pledged',
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY project (project_id),
  KEY child (child_id),
  CONSTRAINT vdon_project FOREIGN KEY (project_id) REFERENCES volunteer_projects (id),
  CONSTRAINT vdon_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
