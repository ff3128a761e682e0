-- 基本生活保障 applications: the module's own details of each application;
-- the state, steps, due dates and history are the host's (wf_applications,
-- wf_actions, core migration 006).

CREATE TABLE living_applications (
  app_id BIGINT NOT NULL,            -- wf_applications.id
  child_id BIGINT NOT NULL,
  benefit VARCHAR(32) NOT NULL,      -- orphan de_facto_unsupported tekun dibao temporary (= the workflow type)
  subtype VARCHAR(32) NOT NULL,      -- urban rural basic institutional scattered one_off
  care_level VARCHAR(32) NULL,       -- tekun: full_care partial_care self_care
  amount_fen BIGINT NULL,            -- temporary relief: the amount applied for, in fen
  household_note VARCHAR(1000) NOT NULL DEFAULT '',
  income_note VARCHAR(1000) NOT NULL DEFAULT '',
  visit_date DATE NULL,              -- the home visit of the investigation
  visit_findings VARCHAR(2000) NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (app_id),
  KEY child (child_id),
  CONSTRAINT living_applications_app FOREIGN KEY (app_id) REFERENCES wf_applications (id),
  CONSTRAINT living_applications_child FOREIGN KEY (child_id) REFERENCES children (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

