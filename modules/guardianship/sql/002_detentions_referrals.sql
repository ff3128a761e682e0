-- 监护与安全保护, part two: parents detained (the child left without care)
-- and liability referrals of failing parents to the police.

-- A detention a police station records: the child named by the police (in
-- child_desc_enc, encrypted) until the township links the child's file;
-- division_code: where the child lives (the township's task goes there).
CREATE TABLE gd_detentions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  division_code CHAR(12) NOT NULL,
  child_id BIGINT NULL,
  child_desc_enc VARBINARY(2048) NOT NULL,
  parent_name VARCHAR(64) NOT NULL,
  kind ENUM('administrative','criminal') NOT NULL,
  start_date DATE NOT NULL,
  expected_end DATE NULL,
  police_org_id BIGINT NOT NULL,
  institution_org_id BIGINT NULL,              -- the institution told to take the child in
  care_enc VARBINARY(2048) NULL,               -- the temporary care arranged
  care_at DATETIME NULL,
  status ENUM('open','closed') NOT NULL DEFAULT 'open',
  end_date DATE NULL,
  end_reason ENUM('released','guardian_found','other') NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  task_id BIGINT NULL,
  PRIMARY KEY (id),
  KEY division (division_code, status),
  KEY police (police_org_id, id),
  KEY child (child_id),
  CONSTRAINT gd_det_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT gd_det_division FOREIGN KEY (division_code) REFERENCES divisions (code),
  CONSTRAINT gd_det_police FOREIGN KEY (police_org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A referral of a child's failing parents to the police for their
-- liability: the township or county refers (station, date, facts); the
-- station acknowledges and records the outcome.
CREATE TABLE gd_referrals (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  report_id BIGINT NULL,
  police_org_id BIGINT NOT NULL,
  referred_on DATE NOT NULL,
  facts_enc VARBINARY(8192) NOT NULL,
  ack_at DATETIME NULL,
  ack_by BIGINT NULL,
  outcome VARCHAR(500) NULL,
  outcome_at DATETIME NULL,
  outcome_by BIGINT NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY child (child_id),
  KEY police (police_org_id, id),
  CONSTRAINT gd_ref_child FOREIGN KEY (child_id) REFERENCES children (id),
  CONSTRAINT gd_ref_police FOREIGN KEY (police_org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO crypto_columns VALUES ('gd_detentions', 'id', 'child_desc_enc'),
  ('gd_detentions', 'id', 'care_enc'), ('gd_referrals', 'id', 'facts_enc');
