-- The date by which an application must be finished under its type's total
-- limit (e.g. 低保: 30 days over the steps that count), set when a counting
-- step opens from the days still left; NULL while a step that does not
-- count (publicity) runs, while returned for documents, and once finished.
-- Overdue lists then find total overruns with an index, like step_due.
-- Applications open at the upgrade get it at their next step.
ALTER TABLE wf_applications ADD COLUMN total_due DATE NULL AFTER total_used_days,
  ADD KEY total_due (status, total_due);
