-- Supervision (issue 16): the visits indicator asks which children had a
-- visit that is not a phone call within the last days of a month.  Keyed by
-- the date first (with the kind and the child, so the index alone answers),
-- that is a range over the window's visits, not a walk of every child's.
ALTER TABLE village_visits
  ADD KEY IF NOT EXISTS date_kind_child (visit_date, kind, child_id);
