-- Gaps (issue 15): a need of the one-door intake left unanswered past its
-- due day is told to the county coordinator (妇儿工委办: its county's organisations
-- of kind dept_women_children) once, by the module's job intake_overdue.
ALTER TABLE village_intake_needs
  ADD COLUMN overdue_told_at DATETIME NULL;   -- the coordinator was told
