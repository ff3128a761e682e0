-- Jurisdiction follows the child: the trigger children_scope_follow that was
-- created here (it moves the workflow's copies of a child's village and
-- township with the child) concerns only core tables and is created by the
-- core since ABI 2.0 (sql/012_child_core.sql, run before this).  Databases
-- that ran this migration before keep the trigger it made then.
DO 0;
