-- 社会组织与志愿服务, part four: a service log's version, raised by every
-- correction the partner makes.  The township's verify form carries the
-- version it showed; a log corrected since is not verified unseen.
ALTER TABLE volunteer_logs ADD COLUMN version INT NOT NULL DEFAULT 0 AFTER updated_at;
