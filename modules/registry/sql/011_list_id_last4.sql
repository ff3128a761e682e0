-- The list's third order and its ID search read a township by key (issue 17,
-- province scale).
--
-- sort=id had no key of a township in id order: `township` is (township_code,
-- status, id), and the scope's status <> 'archived' is a range, so MariaDB
-- read the whole township from town_birth and sorted it (2,876 index entries
-- per page at 100,000 children, ten times that at 1,000,000).  town_id gives
-- a page as 51 entries read backwards from its key, each row then read by its
-- primary key.  It holds no more than the order: a key holding every column
-- the list reads, as town_name and town_birth do (registry 010), was costed
-- like them by queries without the list's hints, and a township's name order
-- (the bench's PHP list) took it and sorted 28,544 children.
-- An ID number's last four digits (id_last4) within a township used `last4`
-- with a rowid filter built from the whole township (2,886 entries for a
-- page of 10 rows); town_last4 reads just the township's holders.
ALTER TABLE children
  ADD KEY town_id (township_code, id),
  ADD KEY town_last4 (township_code, id_last4);
