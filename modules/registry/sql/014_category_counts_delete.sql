-- registry 012's kept counts (registry_category_counts) when a child row is
-- deleted.  No code path deletes a child today (archiving is an update),
-- and while child_categories' foreign key refuses it, a child's category
-- rows go first and their own trigger counts them out.  But a delete that
-- does not go through them - foreign key checks off (a clean-up script), or
-- a cascading key one day, which fires no trigger of child_categories -
-- left the child counted for ever.  So the child's open categories leave
-- the counts with the child: BEFORE the delete, while its rows are still
-- there to read (a refused delete undoes this with its statement); rows of
-- child_categories left without their child count for nothing afterwards
-- (their triggers join the child).
CREATE TRIGGER registry_category_count_child_del BEFORE DELETE ON children FOR EACH ROW
  UPDATE registry_category_counts k
    JOIN (SELECT DISTINCT category FROM child_categories
          WHERE child_id = OLD.id AND end_date IS NULL) o ON k.category = o.category
    SET k.n = k.n - 1 WHERE k.village_code = OLD.village_code AND k.status = OLD.status;
