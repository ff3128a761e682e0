-- Demo data for `make run` (portalctl seed-demo --modules, after the
-- generated children exist; idempotent; never loaded by the test suite).
-- Demo accounts: township (龙潭镇) also works protection cases
-- (protection_worker), county also is the county child-protection staff
-- (protection_county); school, police and welfare already report, receive
-- and take children in as org_staff.  One synthetic child, the one the demo
-- welfare institution has, under civil affairs' temporary guardianship and
-- placed in the institution (marked 示例).  Reports are filed through the
-- form (their facts are encrypted by the portal): log in as school and open
-- 强制报告.
INSERT IGNORE INTO user_roles (user_id, role_id)
  SELECT u.id, r.id FROM users u JOIN roles r ON r.code = 'protection_worker' WHERE u.username = 'township';
INSERT IGNORE INTO user_roles (user_id, role_id)
  SELECT u.id, r.id FROM users u JOIN roles r ON r.code = 'protection_county' WHERE u.username = 'county';

SET @admin = (SELECT id FROM users WHERE username = 'admin');
SET @welfare = (SELECT id FROM orgs WHERE code = 'demo_welfare');
SET @child = (SELECT MIN(l.child_id) FROM child_org_links l WHERE l.org_id = @welfare AND l.ended_at IS NULL);
INSERT INTO gd_guardians (child_id, kind, guardian, situation, basis, basis_note, org_id, start_date,
                          review_due, created_at, created_by)
  SELECT @child, 'civil_temporary', '酉阳县民政局', 'guardian_missing', 'court', '（示例）法院指定文书',
         @welfare, DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR) - INTERVAL 60 DAY, DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR) + INTERVAL 120 DAY, UTC_TIMESTAMP(), @admin
  FROM DUAL WHERE @child IS NOT NULL AND @admin IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM gd_guardians WHERE child_id = @child);
INSERT INTO gd_placements (child_id, kind, carer, org_id, start_date, created_at, created_by)
  SELECT @child, 'institution', '', @welfare, DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR) - INTERVAL 60 DAY, UTC_TIMESTAMP(), @admin
  FROM DUAL WHERE @child IS NOT NULL AND @admin IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM gd_placements WHERE child_id = @child);
