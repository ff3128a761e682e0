-- 社会组织与志愿服务, part three.
-- 1. A project over an area: staff assign an organisation, optionally for
--    one of its charity projects, to a village or a township for a service
--    type and a period.  The partner sees the area's name and the needs,
--    never the area's children; it logs group activities there (participants
--    counted, not named).  An assignment is either of a child or of an area.
-- 2. Photos on service logs (files outside the web root, metadata removed).
-- 3. Care matches can end; donations to a child are on the child's timeline.

ALTER TABLE volunteer_assignments
  MODIFY child_id BIGINT NULL,
  ADD COLUMN area_code CHAR(12) NULL AFTER child_id,
  ADD COLUMN project_id BIGINT NULL AFTER area_code,
  ADD KEY area (area_code),
  ADD CONSTRAINT vassign_area FOREIGN KEY (area_code) REFERENCES divisions (code),
  ADD CONSTRAINT vassign_project FOREIGN KEY (project_id) REFERENCES volunteer_projects (id),
  ADD CONSTRAINT vassign_target CHECK ((child_id IS NULL) <> (area_code IS NULL));

ALTER TABLE volunteer_logs
  MODIFY child_id BIGINT NULL,
  ADD COLUMN area_code CHAR(12) NULL AFTER child_id,
  ADD COLUMN participants INT NULL AFTER minutes,
  ADD KEY area (area_code),
  ADD CONSTRAINT vlogs_area FOREIGN KEY (area_code) REFERENCES divisions (code),
  ADD CONSTRAINT vlogs_target CHECK ((child_id IS NULL) <> (area_code IS NULL));

CREATE TABLE volunteer_log_photos (
  id BIGINT NOT NULL AUTO_INCREMENT,
  log_id BIGINT NOT NULL,
  filename VARCHAR(200) NOT NULL,
  content_type VARCHAR(64) NOT NULL,         -- image/jpeg or image/png
  size BIGINT NOT NULL,
  sha256 CHAR(64) NOT NULL,
  stored_name CHAR(64) NOT NULL,             -- random; never the user's file name
  uploaded_by BIGINT NOT NULL,
  uploaded_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY log (log_id),
  CONSTRAINT vphotos_log FOREIGN KEY (log_id) REFERENCES volunteer_logs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE volunteer_care_matches
  DROP INDEX offer_child,
  ADD KEY offer (offer_id, end_date),
  ADD COLUMN end_date DATE NULL,
  ADD COLUMN end_reason VARCHAR(200) NULL,
  ADD COLUMN ended_by BIGINT NULL;

-- donations recorded before this version, on their children's timelines
INSERT INTO child_events (child_id, at, user_id, module, kind, summary)
  SELECT child_id, created_at, created_by, 'volunteer', 'volunteer.donation',
         CONCAT('受赠：', donor, ' 认捐',
                IF(money_fen IS NULL, goods,
                   CONCAT(money_fen DIV 100, '.', LPAD(money_fen MOD 100, 2, '0'), ' 元')))
  FROM volunteer_donations WHERE child_id IS NOT NULL ORDER BY id;

-- 4. Organisations may apply themselves (the public form /volunteer/apply);
--    created_by is then 0.
ALTER TABLE volunteer_orgs ADD COLUMN self_applied TINYINT NOT NULL DEFAULT 0 AFTER status,
  ADD KEY self_applied (self_applied, created_at);

-- 5. A volunteer who stops serving stays on past logs and certificates but
--    is offered for no new log.
ALTER TABLE volunteers ADD COLUMN active TINYINT NOT NULL DEFAULT 1;
