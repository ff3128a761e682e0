-- Demo data for `make run` (portalctl seed-demo --modules; idempotent;
-- synthetic children only; never loaded by the test suite): 基本生活保障
-- grants from 2026-01 for the generated children of 龙潭镇 who hold an open
-- orphan, de-facto-unsupported or 低保 category (at most 20), so that
-- `county` can generate a month at /living/payments and open its batch on
-- the payments pages (the rates are the module's settings:
-- /admin/settings/living, as `modadmin`).
INSERT INTO living_grants (child_id, benefit, subtype, start_month, recheck_every_months,
                           next_recheck, created_at)
  SELECT k.child_id, k.category, CASE k.category WHEN 'dibao' THEN 'rural' ELSE 'scattered' END,
         '2026-01-01', IF(k.category = 'dibao', 12, NULL),
         IF(k.category = 'dibao', '2026-12-31', NULL), UTC_TIMESTAMP()
  FROM (SELECT cc.child_id, MIN(CAST(cc.category AS CHAR)) AS category FROM child_categories cc
        JOIN children c ON c.id = cc.child_id
        WHERE c.township_code = '500242101000' AND cc.end_date IS NULL
          AND cc.category IN ('orphan', 'de_facto_unsupported', 'dibao')
        GROUP BY cc.child_id ORDER BY cc.child_id LIMIT 20) k
  WHERE NOT EXISTS (SELECT 1 FROM living_grants g WHERE g.child_id = k.child_id);
