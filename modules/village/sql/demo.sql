-- Demo data for `make run` (portalctl seed-demo --modules, after the
-- generated children and the demo accounts exist; idempotent; synthetic,
-- marked 示例).  Accounts (deploy/local/run.sh): cunzhuren directs
-- 龙潭镇第一村, cunzhuren2 the second and third villages, dudao is 龙潭镇's
-- child supervisor.  A few visits in the first village (one with a concern),
-- a survey waiting for the township, and the housing department (住建) that
-- the one-door intake's housing need goes to.
SET @today = DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR);
INSERT IGNORE INTO orgs (code, name, kind, division_code)
  VALUES ('demo_zj', '酉阳县住房和城乡建设委员会（示例）', 'department', '500242000000');
-- the county coordinator (妇儿工委办) told of the intake's overdue needs: the
-- demo account fuer works there
INSERT IGNORE INTO orgs (code, name, kind, division_code)
  VALUES ('demo_fegw', '酉阳县妇女儿童工作委员会办公室（示例）', 'dept_women_children', '500242000000');
UPDATE users SET org_id = (SELECT id FROM orgs WHERE code = 'demo_fegw') WHERE username = 'fuer';

INSERT INTO village_directors (user_id, village_code, start_date, created_by, created_at)
  SELECT u.id, v.code, @today - INTERVAL 180 DAY, u.id, UTC_TIMESTAMP()
  FROM users u JOIN (SELECT 'cunzhuren' n, '500242101001' code
                     UNION ALL SELECT 'cunzhuren2', '500242101002'
                     UNION ALL SELECT 'cunzhuren2', '500242101003') v ON v.n = u.username
  WHERE NOT EXISTS (SELECT 1 FROM village_directors d WHERE d.user_id = u.id
                    AND d.village_code = v.code AND d.end_date IS NULL);
-- ... and their scope: exactly those villages (as /village/directors grants them)
INSERT IGNORE INTO user_scope_divisions (user_id, division_code, valid_from, module, source_id,
                                         updated_by, updated_at)
  SELECT d.user_id, d.village_code, d.start_date, 'village', d.id, d.created_by, UTC_TIMESTAMP()
  FROM village_directors d JOIN users u ON u.id = d.user_id
  WHERE u.username IN ('cunzhuren', 'cunzhuren2') AND d.end_date IS NULL;

SET @vd = (SELECT id FROM users WHERE username = 'cunzhuren');
INSERT INTO village_visits (child_id, village_code, township_code, visit_date, kind, seen, living,
                            care, schooling, health, concerns, told, helped, user_id, created_at)
  SELECT c.id, c.village_code, c.township_code, @today - INTERVAL (10 + 25 * x.n) DAY,
         IF(x.n = 1, 'home_check', 'visit'), '儿童本人、祖母（示例）', '住房简陋，生活基本有保障',
         '祖母照料，年老体弱', '在读', '良好', IF(x.n = 1, 'dropout', ''),
         '告知孤儿基本生活保障、教育资助政策（示例）', IF(x.n = 1, 'education', ''), @vd,
         UTC_TIMESTAMP()
  FROM (SELECT id, village_code, township_code FROM children WHERE village_code = '500242101001'
        AND status = 'active' ORDER BY id LIMIT 3) c
  JOIN (SELECT 0 n UNION ALL SELECT 1) x
  WHERE @vd IS NOT NULL AND NOT EXISTS (SELECT 1 FROM village_visits WHERE user_id = @vd);

INSERT INTO village_surveys (village_code, township_code, name, sex, birth_date, guardian,
                             address, situation, created_by, created_at)
  SELECT '500242101001', '500242101000', '田小草（示例）', 2, '2019-03-04', '外婆',
         '第一村三组', '随外婆生活，父母外出务工多年未联系，未上户口（示例）', @vd, UTC_TIMESTAMP()
  FROM DUAL WHERE @vd IS NOT NULL AND NOT EXISTS
    (SELECT 1 FROM village_surveys WHERE name = '田小草（示例）');
