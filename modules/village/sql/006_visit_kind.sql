-- Supervision (issue 16): the visits indicator asks, per child, for a visit
-- that is not a phone call within the last days of a month.  With the kind in
-- the child's index it is answered from the index alone; the new key covers
-- everything the old (child_id, visit_date) one served.
ALTER TABLE village_visits
  ADD KEY IF NOT EXISTS child_date_kind (child_id, visit_date, kind),
  DROP KEY IF EXISTS child_date;
