-- The house (issue 9).
--
-- The sharing register's basis of an export is "<purpose>：<note>": a
-- purpose's title (lookup_entries.c1, 200 characters) and a note as long
-- as the purpose form allows (200).  At 200 characters a full note failed
-- the insert and the export answered 503 (the hostile replay, seed
-- 1796161296, GET /education/disabled.xlsx).
ALTER TABLE disclosures MODIFY basis VARCHAR(401) NOT NULL;
