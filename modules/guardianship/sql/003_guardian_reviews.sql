-- The periodic reviews of the state's guardianship (art. 94): each review
-- dated, with its conclusion; the next one due after the review_days setting.
CREATE TABLE gd_guardian_reviews (
  id BIGINT NOT NULL AUTO_INCREMENT,
  guardian_id BIGINT NOT NULL,
  reviewed_on DATE NOT NULL,
  conclusion VARCHAR(500) NOT NULL,
  created_at DATETIME NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY guardian (guardian_id, reviewed_on),
  CONSTRAINT gd_reviews_guardian FOREIGN KEY (guardian_id) REFERENCES gd_guardians (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
