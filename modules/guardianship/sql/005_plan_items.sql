-- Gaps (issue 13): the intervention plan as rows - each a goal, its
-- measures, who is responsible and by when - beside the plan's summary.
-- Goals and measures may describe the harm: kept encrypted like the plan.
CREATE TABLE gd_plan_items (
  id BIGINT NOT NULL AUTO_INCREMENT,
  report_id BIGINT NOT NULL,
  n INT NOT NULL,                              -- its order in the plan, from 1
  goal_enc VARBINARY(1024) NOT NULL,
  measure_enc VARBINARY(2048) NOT NULL,
  responsible VARCHAR(64) NOT NULL,            -- a person or a body
  deadline DATE NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY report_n (report_id, n),
  CONSTRAINT gd_plan_items_report FOREIGN KEY (report_id) REFERENCES gd_reports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO crypto_columns VALUES
  ('gd_plan_items', 'id', 'goal_enc'),
  ('gd_plan_items', 'id', 'measure_enc');
