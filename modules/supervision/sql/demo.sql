-- Demo data for `make run` (portalctl seed-demo --modules; idempotent;
-- synthetic, marked 示例).  The demo county account (县民政局) also issues
-- the bulletins and sets the appraisal weights (module administrator of
-- supervision: /admin/settings/supervision); lingdao (deploy/local/run.sh)
-- is a county leader who reads them.  Visits over the last six months in
-- 龙潭镇 and the next two townships, more each month, so the dashboard's
-- sparklines have a trend; run.sh then runs the indicators job.
INSERT IGNORE INTO user_roles (user_id, role_id)
  SELECT u.id, r.id FROM users u JOIN roles r ON r.code = 'supervision_issuer'
  WHERE u.username = 'county';
INSERT IGNORE INTO module_admins (module, user_id, granted_by, granted_at)
  SELECT 'supervision', id, id, UTC_TIMESTAMP() FROM users WHERE username = 'county';
INSERT IGNORE INTO user_perms (user_id, perm, module, granted_by, granted_at)
  SELECT id, 'settings.module', 'settings', id, UTC_TIMESTAMP() FROM users WHERE username = 'county';

SET @today = DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR);
INSERT INTO village_visits (child_id, village_code, township_code, visit_date, kind, seen, living,
                            user_id, created_at)
  SELECT c.id, c.village_code, c.township_code, DATE_FORMAT(@today - INTERVAL m.n MONTH, '%Y-%m-05')
         + INTERVAL (c.id % 20) DAY, 'visit', '儿童本人及监护人（示例：督查演示走访）', '基本正常（示例）',
         (SELECT MIN(id) FROM users WHERE username = 'county'), UTC_TIMESTAMP()
  FROM children c
  JOIN (SELECT 1 n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
        UNION ALL SELECT 6) m ON c.id % 10 < 10 - m.n
  WHERE c.status = 'active' AND c.township_code IN ('500242101000', '500242102000', '500242103000')
    AND NOT EXISTS (SELECT 1 FROM village_visits v WHERE v.seen = '儿童本人及监护人（示例：督查演示走访）');
