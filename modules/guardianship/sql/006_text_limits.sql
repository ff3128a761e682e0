-- Limits in characters (issue 20 item 5): each encrypted free text holds
-- its form's limit at 4 bytes a character plus 29 bytes (facts and plans
-- 4000 characters, a plan item's measure 1500).
ALTER TABLE gd_reports MODIFY child_desc_enc BLOB NULL, MODIFY facts_enc BLOB NOT NULL,
  MODIFY reporter_enc BLOB NOT NULL, MODIFY safety_enc BLOB NULL, MODIFY needs_enc BLOB NULL,
  MODIFY plan_enc BLOB NULL;
ALTER TABLE gd_report_events MODIFY notes_enc BLOB NULL;
ALTER TABLE gd_detentions MODIFY child_desc_enc BLOB NOT NULL, MODIFY care_enc BLOB NULL;
ALTER TABLE gd_referrals MODIFY facts_enc BLOB NOT NULL;
ALTER TABLE gd_plan_items MODIFY goal_enc BLOB NOT NULL, MODIFY measure_enc BLOB NOT NULL;
