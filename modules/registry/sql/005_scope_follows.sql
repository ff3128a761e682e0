-- Jurisdiction follows the child.  The workflow's applications keep a copy of
-- the child's village and township (wf_applications.village_code,
-- township_code) so inboxes and overdue lists filter by scope with an index;
-- a child moved to another village (the county edits the file) takes them
-- along in the same statement, whatever path changed it, so the old
-- township loses them and the new one has them from the same commit.  Every
-- single-object check reads the child's current village itself.
CREATE TRIGGER children_scope_follow AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.village_code <> OLD.village_code OR NEW.township_code <> OLD.township_code THEN
    UPDATE wf_applications SET village_code = NEW.village_code,
      township_code = NEW.township_code WHERE child_id = NEW.id;
  END IF;
END;

-- copies that went stale before this migration
UPDATE wf_applications a JOIN children c ON c.id = a.child_id
  SET a.village_code = c.village_code, a.township_code = c.township_code
  WHERE a.village_code <> c.village_code OR a.township_code <> c.township_code;
