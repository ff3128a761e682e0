-- The records a module keeps longer than the child's file (issue 19 item
-- 2; portal_module.retention with a years_setting: guardianship's mandatory
-- reports, police referrals, detentions, state guardianship): once their
-- period is over the rows go and each one's minimum stays here - that it
-- existed, its date and its outcome code, as the module's `keep` wrote it.
CREATE TABLE child_archive_records (
  id BIGINT NOT NULL AUTO_INCREMENT,
  child_id BIGINT NOT NULL,
  module VARCHAR(32) NOT NULL,
  source VARCHAR(64) NOT NULL,           -- the table the record was in
  summary VARCHAR(500) NOT NULL,         -- the module's minimum line
  archived_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY by_child (child_id, id),
  CONSTRAINT child_archive_records_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
