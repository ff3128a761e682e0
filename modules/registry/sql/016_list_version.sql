-- The list's data version (issue 17): 'registry' in cache_versions, moved
-- by every write of child_list_rows (core 049), so that a worker may keep a
-- rendered list body (service render_kept) under the version it was
-- rendered at and know, from the session's statement alone, when any of
-- it changed.
--
-- What a list page shows comes from child_list_rows (a child's row and
-- open categories) and, for its total, registry_counts (002) and
-- registry_category_counts (012).  Those counts change only with a
-- child's status or village (copied into child_list_rows: 049's trigger
-- writes the row) or with the child's open categories (042's triggers
-- write child_open_categories, whose triggers write the row: an UPDATE's
-- trigger fires even when it changes no value).  So the triggers of
-- child_list_rows alone see every change a list page can show.  A child's
-- other columns (address, school...) move nothing.
--
-- As 'notices' (core 045): eight stripe rows besides the named one, each
-- writer's connection drawing one at its first move (@registry_stripe), so
-- that writers on different connections or Galera nodes mostly move
-- different rows; the version the workers compare is the sum (session.c
-- version_in), which grows with every write.  Two writers that meet on a
-- stripe in opposite lock orders deadlock as they could on 'notices': the
-- host runs the loser's request again (test_deadlock).
INSERT IGNORE INTO cache_versions (name, version) VALUES
  ('registry', 0), ('registry.0', 0), ('registry.1', 0), ('registry.2', 0),
  ('registry.3', 0), ('registry.4', 0), ('registry.5', 0), ('registry.6', 0),
  ('registry.7', 0);

CREATE OR REPLACE PROCEDURE registry_version_move()
BEGIN
  SET @registry_stripe = COALESCE(@registry_stripe, CAST(FLOOR(RAND() * 8) AS UNSIGNED));
  UPDATE cache_versions SET version = version + 1
    WHERE name = CONCAT('registry.', @registry_stripe);
END;

CREATE OR REPLACE TRIGGER registry_version_ins AFTER INSERT ON child_list_rows
FOR EACH ROW CALL registry_version_move();
CREATE OR REPLACE TRIGGER registry_version_upd AFTER UPDATE ON child_list_rows
FOR EACH ROW CALL registry_version_move();
CREATE OR REPLACE TRIGGER registry_version_del AFTER DELETE ON child_list_rows
FOR EACH ROW CALL registry_version_move();
