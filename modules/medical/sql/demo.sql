-- Demo data for `make run` (portalctl seed-demo --modules, after the
-- generated children exist; idempotent; never loaded by the test suite).
-- The demo departments' accounts get this module's roles: yibao (县医保局:
-- premium lists), weijian (县卫健委: emergency cases), hospital (县人民医院:
-- emergency cases of its own); modadmin administers the module's settings
-- and lookups; the four covered rehabilitation items of the plan (示例
-- limits); one demo emergency case opened by the demo hospital.
INSERT IGNORE INTO user_roles (user_id, role_id)
  SELECT u.id, r.id FROM users u JOIN roles r ON
    (u.username = 'yibao' AND r.code = 'medical_security') OR
    (u.username = 'weijian' AND r.code = 'health_commission') OR
    (u.username = 'hospital' AND r.code = 'hospital_staff');
INSERT IGNORE INTO module_admins (module, user_id, granted_by, granted_at)
  SELECT 'medical', id, id, UTC_TIMESTAMP() FROM users WHERE username = 'modadmin';

SET @admin = (SELECT id FROM users WHERE username = 'admin');
INSERT IGNORE INTO lookup_entries (module, kind, code, c1, c2, valid_from, created_by, created_at)
  SELECT 'medical', 'rehab_item', x.code, x.name, x.limits, '2026-01-01', @admin, UTC_TIMESTAMP()
  FROM (SELECT 'hearing_test' code, '行为测听' name, '0-6 岁，每年 2 次（示例）' limits
        UNION ALL SELECT 'speech_training', '听力障碍儿童言语训练', '0-6 岁，每年 10 个月（示例）'
        UNION ALL SELECT 'cp_limb_training', '脑瘫肢体运动训练', '0-6 岁，每年 10 个月（示例）'
        UNION ALL SELECT 'autism_diagnosis', '孤独症诊断', '0-6 岁，一次（示例）') x
  WHERE @admin IS NOT NULL;

INSERT INTO medical_emergencies (org_id, hospital_org_id, division_code, reason, description,
                                 place_found, found_on, created_by, created_at)
  SELECT o.id, o.id, '500242000000', 'unidentified', '男孩，约五岁，发热昏迷（示例数据）',
         '县城汽车站候车室（示例）', DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR), u.id, UTC_TIMESTAMP()
  FROM orgs o JOIN users u ON u.username = 'hospital' WHERE o.code = 'demo_hospital'
    AND NOT EXISTS (SELECT 1 FROM medical_emergencies WHERE description LIKE '%示例数据%');
