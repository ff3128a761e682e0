-- An application written for a child already archived waits for nobody
-- (issue 17).  Core 052 copies the child's archival into its applications
-- when the child is archived; an application inserted afterwards (by SQL,
-- an import, a module's own statement: the portal's routes refuse an
-- archived child) took the column's default, 0, and was counted in an
-- inbox whose rows (joined to the child) left it out.  It is copied from
-- the child on insert too.
CREATE TRIGGER IF NOT EXISTS wf_applications_child_archived BEFORE INSERT ON wf_applications
FOR EACH ROW SET NEW.child_archived =
  COALESCE((SELECT c.status = 'archived' FROM children c WHERE c.id = NEW.child_id), 0);
