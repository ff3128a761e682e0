-- Demo data for `make run` (portalctl seed-demo --modules runs it after the
-- generated children exist; idempotent).  The demo NGO (orgs.code demo_ngo,
-- accounts ngoadmin and ngo) registered and approved for 龙潭镇, with two
-- volunteers, two children of a 龙潭镇 village assigned, a charity project
-- and that project over another village.  Never loaded by the test suite.
SET @admin = (SELECT id FROM users WHERE username = 'admin');
SET @today = DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR);

INSERT IGNORE INTO volunteer_orgs (org_id, reg_no, contact_name, contact_phone, service_types,
                                   status, created_at, created_by)
  SELECT id, '52500242MJ0000001X', '陈社工', '13800000000', '心理疏导、学业辅导、陪伴关爱',
         'approved', UTC_TIMESTAMP(), @admin FROM orgs WHERE code = 'demo_ngo';
SET @vorg = (SELECT v.id FROM volunteer_orgs v JOIN orgs o ON o.id = v.org_id
             WHERE o.code = 'demo_ngo');

INSERT IGNORE INTO volunteer_org_areas (vorg_id, township_code) VALUES (@vorg, '500242101000');
INSERT INTO volunteer_org_events (vorg_id, at, effective_date, user_id, status, reason)
  SELECT @vorg, UTC_TIMESTAMP(), @today, @admin, 'approved', '示例数据'
  FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM volunteer_org_events WHERE vorg_id = @vorg);

INSERT INTO volunteers (vorg_id, name, phone, skills, availability, created_at, created_by)
  SELECT @vorg, n.name, n.phone, n.skills, '周末', UTC_TIMESTAMP(), @admin
  FROM (SELECT '刘老师（示例）' name, '13900000001' phone, '心理咨询' skills
        UNION ALL SELECT '周同学（示例）', '13900000002', '学业辅导') n
  WHERE NOT EXISTS (SELECT 1 FROM volunteers WHERE vorg_id = @vorg);

INSERT INTO volunteer_assignments (child_id, vorg_id, service_type, needs, start_date, end_date,
                                   created_at, created_by)
  SELECT c.id, @vorg, '学业辅导', '数学基础薄弱，需要每周辅导（示例）', @today - INTERVAL 30 DAY,
         @today + INTERVAL 180 DAY, UTC_TIMESTAMP(), @admin
  FROM children c WHERE c.village_code = '500242101001'
    AND NOT EXISTS (SELECT 1 FROM volunteer_assignments WHERE vorg_id = @vorg)
  ORDER BY c.id LIMIT 2;

INSERT INTO volunteer_projects (vorg_id, name, budget_fen, start_date, end_date, created_at,
                                created_by)
  SELECT @vorg, '乡村儿童之家陪伴计划（示例）', 5000000, @today - INTERVAL 30 DAY,
         @today + INTERVAL 330 DAY, UTC_TIMESTAMP(), @admin
  FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM volunteer_projects WHERE vorg_id = @vorg);

INSERT INTO volunteer_assignments (area_code, project_id, vorg_id, service_type, needs,
                                   start_date, end_date, created_at, created_by)
  SELECT '500242101002', p.id, @vorg, '陪伴关爱', '每周六下午在村儿童之家开展活动（示例）',
         @today - INTERVAL 30 DAY, @today + INTERVAL 180 DAY, UTC_TIMESTAMP(), @admin
  FROM volunteer_projects p WHERE p.vorg_id = @vorg
    AND NOT EXISTS (SELECT 1 FROM volunteer_assignments WHERE vorg_id = @vorg
                    AND area_code IS NOT NULL)
  ORDER BY p.id LIMIT 1;
