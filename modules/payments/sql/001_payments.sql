-- 支付台账: the tables are the core's (sql/016_payments.sql); this module
-- holds the pages.  Who may see batches (their lines: in scope only), who
-- reviews, locks and exports them (the county).
INSERT INTO role_perms (role_id, perm) SELECT id, 'payments.view' FROM roles
  WHERE code IN ('county_staff', 'township_staff');
INSERT INTO role_perms (role_id, perm) SELECT id, p FROM roles
  JOIN (SELECT 'payments.review' p UNION SELECT 'payments.lock' UNION SELECT 'payments.export') x
  WHERE code = 'county_staff';
