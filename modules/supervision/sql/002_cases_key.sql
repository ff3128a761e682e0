-- Speed (issue 16): the job rewrites a month's cases (hundreds of thousands
-- of rows in a county) at each run.  One key instead of two: the primary key
-- in the order the lists read them (month, indicator, township, case); a case
-- has one township in a month's run, so (month, indicator, case_id) stays
-- unique all the same.
ALTER TABLE supervision_cases
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (month, indicator, township_code, case_id),
  DROP KEY township;
