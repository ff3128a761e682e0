-- Demo data for `make run` (portalctl seed-demo --modules, after the
-- generated children and the demo links exist; idempotent; never loaded by
-- the test suite).  The demo school (orgs.code demo_school, account
-- `school`) and a second demo school with their attributes; the 龙潭镇
-- children linked to the demo school enrolled there, plus three more; the
-- demo accounts' working permissions: `jiaowei` the commission's (and the
-- escalated dropout tasks in its inbox), `county` (the child-protection
-- staff) the counselling records', `school`
-- a school's; `modadmin` administers this module too.  All marked 示例.
SET @admin = (SELECT id FROM users WHERE username = 'admin');
SET @today = DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR);
SET @sem = CONCAT(IF(MONTH(@today) = 1, YEAR(@today) - 1, YEAR(@today)), '-',
                  IF(MONTH(@today) BETWEEN 2 AND 7, 1, 2));

INSERT IGNORE INTO orgs (code, name, kind, division_code)
  VALUES ('demo_school2', '龙潭镇初级中学（示例）', 'school', '500242101000');
INSERT IGNORE INTO edu_schools (org_id, school_code, level, township_code, boarding, updated_by,
                                updated_at)
  SELECT o.id, x.school_code, x.level, '500242101000', x.boarding, @admin, UTC_TIMESTAMP()
  FROM orgs o JOIN (SELECT 'demo_school' code, '9950024201' school_code, 'primary' level,
                           1 boarding
                    UNION ALL SELECT 'demo_school2', '9950024202', 'junior', 1) x
    ON x.code = o.code
  WHERE @admin IS NOT NULL;
SET @school = (SELECT id FROM orgs WHERE code = 'demo_school');

-- three more 龙潭镇 children at the demo school (links as the core writes them)
INSERT INTO child_org_links (child_id, org_id, relation, valid_from, note, module, created_at,
                             created_by)
  SELECT c.id, @school, 'enrolled', @today, '示例数据', 'education', UTC_TIMESTAMP(), @admin
  FROM (SELECT id FROM children c0 WHERE village_code LIKE '500242101%' AND birth_date >
        @today - INTERVAL 12 YEAR AND birth_date < @today - INTERVAL 7 YEAR AND NOT EXISTS
        (SELECT 1 FROM child_org_links l0 WHERE l0.child_id = c0.id) ORDER BY id LIMIT 3) c
  WHERE @school IS NOT NULL AND NOT EXISTS (SELECT 1 FROM child_org_links l
        WHERE l.org_id = @school AND l.module = 'education');

INSERT INTO edu_enrolments (child_id, org_id, semester, grade, class_name, boarding, mode,
                            valid_from, source, note, created_by, created_at)
  SELECT l.child_id, @school, @sem, '四年级', '1班', l.child_id % 2, IF(l.child_id % 5 = 0,
         'inclusive', 'ordinary'), @today, 'form', '示例数据', @admin, UTC_TIMESTAMP()
  FROM child_org_links l WHERE l.org_id = @school AND l.ended_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM edu_enrolments e WHERE e.child_id = l.child_id);

INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at)
  SELECT u.id, p.perm, 'education', @admin, UTC_TIMESTAMP() FROM users u
  JOIN (SELECT 'jiaowei' username, 'education.manage' perm
        UNION ALL SELECT 'jiaowei', 'education.dropout'
        UNION ALL SELECT 'county', 'education.counsel'
        UNION ALL SELECT 'school', 'education.view'
        UNION ALL SELECT 'school', 'education.school') p ON p.username = u.username
  WHERE @admin IS NOT NULL;
INSERT IGNORE INTO module_admins (module, user_id, granted_by, granted_at)
  SELECT 'education', id, @admin, UTC_TIMESTAMP() FROM users WHERE username = 'modadmin';
