-- Aid per semester (资助): each programme's list for a semester, generated
-- from the registry categories, the enrolment and disability, reviewed by
-- each school for its pupils, approved by the commission and posted to the
-- payments ledger.  A child is counted once per programme and semester (the
-- unique key): generating again only adds newly eligible children.
CREATE TABLE edu_aid_lists (
  id BIGINT NOT NULL AUTO_INCREMENT,
  programme VARCHAR(16) NOT NULL,            -- labels education.programme
  semester CHAR(6) NOT NULL,
  status ENUM('draft','approved') NOT NULL DEFAULT 'draft',
  batch_id BIGINT NULL,                      -- pay_batches, once approved
  created_by BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  approved_by BIGINT NULL,
  approved_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY programme_semester (programme, semester)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE edu_aid_items (
  id BIGINT NOT NULL AUTO_INCREMENT,
  list_id BIGINT NOT NULL,
  programme VARCHAR(16) NOT NULL,
  semester CHAR(6) NOT NULL,
  child_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,                    -- the school
  amount_fen BIGINT NOT NULL,
  payee ENUM('family','school') NOT NULL,
  reviewed_by BIGINT NULL,
  reviewed_at DATETIME NULL,
  excluded TINYINT NOT NULL DEFAULT 0,       -- the school's review took it out
  line_id BIGINT NULL,                       -- pay_lines, once posted
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY once (programme, semester, child_id),
  KEY list_org (list_id, org_id),
  CONSTRAINT edu_aid_items_list FOREIGN KEY (list_id) REFERENCES edu_aid_lists (id),
  CONSTRAINT edu_aid_items_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT edu_aid_items_org FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
