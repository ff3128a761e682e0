-- The inbox in one statement (issue 17).
--
-- What waits for a user was a statement per step of the user's level and
-- two per application (its row, its child's): a county clerk's home page
-- with 800 applications waiting asked 1,646 statements.  It is one now
-- (cgi/host/workflow.c inbox_put): the applications at the user's steps
-- and in the user's scope are sorted as staff work them (overdue first,
-- then by the date due) and counted, and only the page shown is read
-- whole.  With the dates it sorts by and the child in the key, the sorting
-- and counting read this key alone (the primary key's id rides in every
-- entry) and each child's row by its primary key (an archived child's
-- applications wait for nobody).
ALTER TABLE wf_applications
  DROP KEY inbox,
  ADD KEY inbox (module, type, step_code, status, village_code, step_due, publicity_until,
                 child_id);
