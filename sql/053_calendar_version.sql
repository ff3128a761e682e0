-- The working-day calendar cached per worker (issue 17).
--
-- Every page that shows an application's days (the inbox, the home page,
-- an application) and every workflow act read the whole work_calendar
-- (the holidays and the weekend days worked of the years on file).  The
-- workers keep it now, good while 'calendar' is the version they read it
-- at: every write of work_calendar moves it in the same statement, so the
-- user's next request sees a holiday added (cgi/host/dates.c).
INSERT IGNORE INTO cache_versions (name, version) VALUES ('calendar', 1);
CREATE TRIGGER IF NOT EXISTS work_calendar_version_ins AFTER INSERT ON work_calendar
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'calendar';
CREATE TRIGGER IF NOT EXISTS work_calendar_version_upd AFTER UPDATE ON work_calendar
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'calendar';
CREATE TRIGGER IF NOT EXISTS work_calendar_version_del AFTER DELETE ON work_calendar
FOR EACH ROW UPDATE cache_versions SET version = version + 1 WHERE name = 'calendar';
