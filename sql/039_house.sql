-- The house (issue 9).
--
-- A village director's set of villages is a live column of the session's
-- own row, read on every request and never cached (033, 034): nothing reads
-- cache_versions 'user_scopes', so the triggers that moved it on every
-- write of user_scope_divisions go, and its row with them.
DROP TRIGGER IF EXISTS usd_version_ins;
DROP TRIGGER IF EXISTS usd_version_upd;
DROP TRIGGER IF EXISTS usd_version_del;
DELETE FROM cache_versions WHERE name = 'user_scopes';

-- The sharing register's basis of an export is "<purpose>：<note>": a
-- purpose's title (lookup_entries.c1, 200 characters) and a note as long
-- as the purpose form allows (200).  At 200 characters a full note failed
-- the insert and the export answered 503 (the hostile replay, seed
-- 1796161296, GET /education/disabled.xlsx).
ALTER TABLE disclosures MODIFY basis VARCHAR(401) NOT NULL;
