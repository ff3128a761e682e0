-- A child's open categories one per column (issue 17).
--
-- The list splits the kept codes (042) into its columns cats.0 .. cats.6.
-- It did so in SQL with two SUBSTRING_INDEX per column and row: 357 string
-- splits per page, about 12% of MariaDB's work for the list.  The split is
-- now done once per write, as stored generated columns of the same row: the
-- triggers of 042 keep codes and n as before, and the columns follow them
-- in the same statement.  Column i is the i-th code (in the enum's order)
-- or NULL.  Seven: the categories there are.
ALTER TABLE child_open_categories
  ADD COLUMN IF NOT EXISTS c0 VARCHAR(32) AS (IF(n > 0, SUBSTRING_INDEX(SUBSTRING_INDEX(codes, ',', 1), ',', -1), NULL)) STORED,
  ADD COLUMN IF NOT EXISTS c1 VARCHAR(32) AS (IF(n > 1, SUBSTRING_INDEX(SUBSTRING_INDEX(codes, ',', 2), ',', -1), NULL)) STORED,
  ADD COLUMN IF NOT EXISTS c2 VARCHAR(32) AS (IF(n > 2, SUBSTRING_INDEX(SUBSTRING_INDEX(codes, ',', 3), ',', -1), NULL)) STORED,
  ADD COLUMN IF NOT EXISTS c3 VARCHAR(32) AS (IF(n > 3, SUBSTRING_INDEX(SUBSTRING_INDEX(codes, ',', 4), ',', -1), NULL)) STORED,
  ADD COLUMN IF NOT EXISTS c4 VARCHAR(32) AS (IF(n > 4, SUBSTRING_INDEX(SUBSTRING_INDEX(codes, ',', 5), ',', -1), NULL)) STORED,
  ADD COLUMN IF NOT EXISTS c5 VARCHAR(32) AS (IF(n > 5, SUBSTRING_INDEX(SUBSTRING_INDEX(codes, ',', 6), ',', -1), NULL)) STORED,
  ADD COLUMN IF NOT EXISTS c6 VARCHAR(32) AS (IF(n > 6, SUBSTRING_INDEX(SUBSTRING_INDEX(codes, ',', 7), ',', -1), NULL)) STORED;
