-- The figures' version moves to cache_versions (name 'supervision'), which
-- the session's own statement reads on every request (service
-- data_version): the dashboard's kept body costs no statement of its own.
-- Only the job moves it, in the transaction of the month it computes.
INSERT INTO cache_versions (name, version)
SELECT 'supervision', version FROM supervision_state WHERE id = 1;
DROP TABLE supervision_state;
