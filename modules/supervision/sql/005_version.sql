-- Speed (issue 16 item 2): the dashboard's body is kept by each worker
-- (service render_kept) under the version of the figures, which the job
-- moves with every month it computes.  The sparkline table drawn during a
-- GET is gone: a kept body holds its sparklines.
CREATE TABLE supervision_state (
  id TINYINT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO supervision_state (id, version) VALUES (1, 1);
DROP TABLE supervision_sparks;
