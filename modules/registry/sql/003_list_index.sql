-- The list shows each child's open categories: a covering index answers that
-- from the index alone (it was a row fetch per child, ~17 us each).  Since
-- ABI 2.0 the core creates it with the table (sql/012_child_core.sql).
ALTER TABLE child_categories ADD KEY IF NOT EXISTS child_open (child_id, end_date, category);
