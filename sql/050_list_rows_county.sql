-- The county's list page reads one run of index entries too (issue 17).
--
-- 049's keys begin with the township: a list over several townships (the
-- county's clerks, who look at the whole county every day, or a user of a
-- set of villages) could not use them and read children's name / birth
-- keys, each entry's row by its primary key, then each row's open
-- categories from child_open_categories: 51 + 51 lookups per page.  These
-- two keys hold the kept row's every column the page reads in the order's
-- key, as town_name and town_birth do within a township; sort=id reads the
-- primary key, which holds them all.  A category filter then tests the
-- entries' own codes (c0 .. c6) instead of a subquery per entry.
ALTER TABLE child_list_rows
  ADD KEY name_all (name, id, township_code, status, village_code, sex, birth_date, id_masked,
                    c0, c1, c2, c3, c4, c5, c6),
  ADD KEY birth_all (birth_date, id, township_code, status, village_code, sex, name, id_masked,
                     c0, c1, c2, c3, c4, c5, c6);
