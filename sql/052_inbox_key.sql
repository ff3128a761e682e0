-- The inbox in one statement (issue 17).
--
-- What waits for a user was a statement per step of the user's level and
-- two per application (its row, its child's): a county clerk's home page
-- with 800 applications waiting asked 1,646 statements.  It is one now
-- (cgi/host/workflow.c inbox_put): the applications at the user's steps
-- and in the user's scope are sorted as staff work them (overdue first,
-- then by the date due) and counted, and only the page shown is read
-- whole.
--
-- An archived child's applications wait for nobody.  Like the child's
-- village and township (core 012), whether the child is archived is
-- copied into its applications by the trigger that moves them with the
-- child, so the inbox sorts and counts from this key alone, without a
-- child's row per application (that read was half the statement's time
-- for the county's 800).
ALTER TABLE wf_applications
  ADD COLUMN child_archived TINYINT NOT NULL DEFAULT 0 AFTER township_code,
  DROP KEY inbox,
  ADD KEY inbox (module, type, step_code, status, child_archived, village_code, step_due,
                 publicity_until);
UPDATE wf_applications a JOIN children c ON c.id = a.child_id
  SET a.child_archived = 1 WHERE c.status = 'archived';
CREATE OR REPLACE TRIGGER children_scope_follow AFTER UPDATE ON children FOR EACH ROW
BEGIN
  IF NEW.village_code <> OLD.village_code OR NEW.township_code <> OLD.township_code
     OR (NEW.status = 'archived') <> (OLD.status = 'archived') THEN
    UPDATE wf_applications SET village_code = NEW.village_code,
      township_code = NEW.township_code, child_archived = (NEW.status = 'archived')
      WHERE child_id = NEW.id;
  END IF;
END;
