-- The director's monthly work report (issue 15 item 4): figures taken from
-- their visits and surveys when submitted (kept as submitted), confirmed or
-- returned by the township's supervisor.  One per director and month.
CREATE TABLE village_reports (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  month CHAR(7) NOT NULL,
  township_code CHAR(12) NOT NULL,
  children INT NOT NULL,                 -- children of their villages at submission
  visited INT NOT NULL,                  -- of them visited in the month
  visits INT NOT NULL,
  home_checks INT NOT NULL,
  calls INT NOT NULL,
  concerns INT NOT NULL,                 -- visits with a concern ticked
  surveys INT NOT NULL,
  note VARCHAR(1000) NOT NULL DEFAULT '',
  status ENUM('submitted','confirmed','returned') NOT NULL DEFAULT 'submitted',
  submitted_at DATETIME NOT NULL,
  reviewed_by BIGINT NULL,
  reviewed_at DATETIME NULL,
  opinion VARCHAR(500) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY user_month (user_id, month),
  KEY township (township_code, status, month),
  CONSTRAINT vr_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
