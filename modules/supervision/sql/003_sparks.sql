-- Speed (issue 16 item 2): the dashboard's sparklines (12 months of each
-- indicator, for the county or one township) drawn once per set of figures:
-- the SVG points of every indicator, '|' between them, in the order of the
-- indicators.  The job empties the table at each run (the figures changed);
-- the first page view after it draws them again.
CREATE TABLE supervision_sparks (
  month DATE NOT NULL,
  township_code CHAR(12) NOT NULL,     -- the county's own code for the county
  points VARCHAR(4000) NOT NULL,
  PRIMARY KEY (month, township_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
