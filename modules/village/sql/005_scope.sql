-- Issue 15 item 1: a director's scope is the set of the villages assigned to
-- them (core table user_scope_divisions, written through scope_grant from
-- /village/directors).  The assignments made before: granted once here, as
-- the page grants them (an ended one until its end date, exclusive).
INSERT INTO user_scope_divisions (user_id, division_code, valid_from, valid_to, module,
                                  source_id, updated_by, updated_at)
  SELECT d.user_id, d.village_code, d.start_date, GREATEST(d.start_date, d.end_date), 'village',
         d.id, d.created_by, UTC_TIMESTAMP()
  FROM village_directors d
  ON DUPLICATE KEY UPDATE valid_from = VALUES(valid_from), valid_to = VALUES(valid_to);
