-- A village's list page reads one run of index entries (issue 17).
--
-- 049's and 050's keys begin with the township or the order: a page of one
-- village (a county or township user choosing it, a village's own user)
-- read children's village key (village_code, status, id), each entry's
-- row by its primary key, each row's open categories, then sorted the
-- village's every child for its 51 rows (about 1,100 rows at 100,000
-- children, 13,000 at 1,000,000).  A village's code begins with its
-- township's nine digits only by the application's rule, so the township's
-- keys could not stand in for it.  These keys hold the kept row's every
-- column the page reads in the order's key, as town_name and town_birth do
-- within a township; sort=id reads (village_code, id) and each row by the
-- primary key, as town_id does.
ALTER TABLE child_list_rows
  ADD KEY vill_name (village_code, name, id, status, township_code, sex, birth_date, id_masked,
                     c0, c1, c2, c3, c4, c5, c6),
  ADD KEY vill_birth (village_code, birth_date, id, status, township_code, sex, name, id_masked,
                      c0, c1, c2, c3, c4, c5, c6),
  ADD KEY vill_id (village_code, id);
