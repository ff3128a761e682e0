-- 2.9: the modules' periodic jobs (cgi/host/jobs.c): one row per declared
-- job, claimed by a conditional UPDATE of last_started (a second master or
-- a second run inside every_minutes claims nothing), then finished.
CREATE TABLE module_jobs (
  module VARCHAR(32) NOT NULL,
  job VARCHAR(32) NOT NULL,
  last_started DATETIME NULL,
  last_finished DATETIME NULL,
  last_status ENUM('running','ok','failed') NULL,
  last_message VARCHAR(255) NOT NULL DEFAULT '',
  runs INT NOT NULL DEFAULT 0,
  failures INT NOT NULL DEFAULT 0,
  PRIMARY KEY (module, job)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
