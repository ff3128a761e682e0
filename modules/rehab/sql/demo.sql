-- Demo data for `make run` (portalctl seed-demo --modules, after the demo
-- children and their links to the demo institutions exist; idempotent;
-- synthetic, marked 示例).  Providers: the demo rehabilitation centre
-- (account rehab) approved for training and devices, a second demo centre,
-- the demo county hospital (account hospital) for diagnosis and surgery.
-- A screening round of 龙潭镇 with results; the hospital's linked child
-- referred for diagnosis; the centre's linked child with an approved plan
-- (an application approved on the workflow) and one recorded month.  Bank
-- accounts are encrypted by the portal: 残联 (account canlian) registers
-- them on /rehab/providers before settling.
SET @admin = (SELECT id FROM users WHERE username = 'admin');
SET @today = DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR);
SET @month = DATE_FORMAT(DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR), '%Y-%m-01');

INSERT IGNORE INTO orgs (code, name, kind, division_code)
  VALUES ('demo_rehab2', '酉阳县助听语训中心（示例）', 'rehab', '500242000000');

INSERT IGNORE INTO rehab_providers (org_id, services, price_fen, approved_from, approved_to,
                                    note, updated_by, updated_at)
  SELECT o.id, x.services, x.price, '2026-01-01', '2028-12-31', '示例数据', @admin,
         UTC_TIMESTAMP()
  FROM orgs o JOIN (SELECT 'demo_rehab' code, 'training,device' services, 300000 price
                    UNION ALL SELECT 'demo_rehab2', 'training', 260000
                    UNION ALL SELECT 'demo_hospital', 'surgery', 1500000) x ON x.code = o.code;

-- a round of 龙潭镇 by the demo hospital, the township's children 0-6
INSERT INTO rehab_rounds (org_id, township_code, day, place, created_by, created_at)
  SELECT o.id, '500242101000', @today - INTERVAL 20 DAY, '龙潭镇卫生院（示例）', @admin,
         UTC_TIMESTAMP() FROM orgs o
  WHERE o.code = 'demo_hospital'
    AND NOT EXISTS (SELECT 1 FROM rehab_rounds WHERE place = '龙潭镇卫生院（示例）');
SET @round = (SELECT MIN(id) FROM rehab_rounds WHERE place = '龙潭镇卫生院（示例）');
INSERT IGNORE INTO rehab_screenings (round_id, child_id, name, sex, birth_date, village_code,
                                     hearing, speech, suspected, created_by, created_at)
  SELECT @round, c.id, c.name, c.sex, c.birth_date, c.village_code, c.id % 7 = 0, c.id % 7 = 0,
         c.id % 7 = 0, @admin, UTC_TIMESTAMP()
  FROM children c WHERE c.township_code = '500242101000' AND c.status = 'active'
    AND c.birth_date > @today - INTERVAL 7 YEAR ORDER BY c.id LIMIT 40;
INSERT INTO rehab_screenings (round_id, name, sex, birth_date, village_code, vision, suspected,
                              created_by, created_at)
  SELECT @round, '未入册童（示例）', 2, @today - INTERVAL 3 YEAR, '500242101001', 1, 1, @admin,
         UTC_TIMESTAMP() FROM DUAL
  WHERE NOT EXISTS (SELECT 1 FROM rehab_screenings WHERE name = '未入册童（示例）');

-- the demo hospital's linked child: referred for diagnosis
INSERT INTO rehab_referrals (kind, child_id, org_id, link_id, referred_on, created_by,
                             created_at)
  SELECT 'diagnosis', l.child_id, l.org_id, l.id, @today - INTERVAL 10 DAY, @admin,
         UTC_TIMESTAMP() FROM child_org_links l JOIN orgs o ON o.id = l.org_id
  WHERE o.code = 'demo_hospital' AND l.ended_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM rehab_referrals f WHERE f.org_id = l.org_id)
  ORDER BY l.id LIMIT 1;

-- the demo centre's linked child: an approved training application and plan
INSERT INTO wf_applications (module, type, type_title, child_id, village_code, township_code,
                             step_index, step_code, step_title, status, summary, started_at,
                             step_started, created_by)
  SELECT 'rehab', 'aid', '残疾儿童康复救助', c.id, c.village_code, c.township_code, 1, 'decide',
         '县残联审批', 'approved', '康复训练，6 个月，3000.00 元/月（示例）', UTC_TIMESTAMP(),
         @today, @admin
  FROM child_org_links l JOIN orgs o ON o.id = l.org_id JOIN children c ON c.id = l.child_id
  WHERE o.code = 'demo_rehab' AND l.ended_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM wf_applications WHERE module = 'rehab')
  ORDER BY l.id LIMIT 1;
SET @app = (SELECT MIN(id) FROM wf_applications WHERE module = 'rehab');
INSERT IGNORE INTO rehab_aid_apps (app_id, child_id, service, org_id, months, amount_fen, note)
  SELECT a.id, a.child_id, 'training', o.id, 6, 300000, '示例数据' FROM wf_applications a
  JOIN orgs o ON o.code = 'demo_rehab' WHERE a.id = @app;
INSERT IGNORE INTO rehab_plans (app_id, child_id, org_id, service, start_month, months,
                                amount_fen, link_id, created_at)
  SELECT x.app_id, x.child_id, x.org_id, 'training', @month, 6, 300000, l.id, UTC_TIMESTAMP()
  FROM rehab_aid_apps x JOIN child_org_links l ON l.child_id = x.child_id AND l.org_id = x.org_id
  WHERE x.app_id = @app ORDER BY l.id LIMIT 1;
INSERT IGNORE INTO rehab_months (plan_id, month, days, progress, score, claim_fen, submitted_by,
                                 submitted_at)
  SELECT p.id, @month, 16, '能配合完成听觉训练，主动发音增多（示例）', 58, 300000, u.id,
         UTC_TIMESTAMP() FROM rehab_plans p JOIN users u ON u.username = 'rehab'
  WHERE p.app_id = @app;

-- the default diagnosing hospital (setting diagnosis_hospital): a suspected
-- result of a registered child is referred to it at once (gaps, issue 14)
INSERT INTO setting_values (module, code, valid_from, value, created_by, created_at)
  SELECT 'rehab', 'diagnosis_hospital', '2020-01-01', 'demo_hospital', 1, UTC_TIMESTAMP()
  FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM setting_values WHERE module = 'rehab'
                              AND code = 'diagnosis_hospital');
