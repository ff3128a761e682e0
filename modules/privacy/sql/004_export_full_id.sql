-- Who may export full ID numbers (issue 19 item 3): a grant of its own.
-- Every county department account (education, health, police...) has
-- county_staff; export.full_id is no longer one of its permissions but a
-- role the security administrator gives to named users on /admin/users.
-- The medical security bureau's role keeps it: the bureau enrols by ID
-- number (the premium list).
INSERT INTO roles (code, name) VALUES ('export_full_id', '导出完整身份证号（单独授权）');
INSERT INTO role_perms (role_id, perm)
  SELECT id, 'export.full_id' FROM roles WHERE code = 'export_full_id';
DELETE rp FROM role_perms rp JOIN roles r ON r.id = rp.role_id
  WHERE r.code = 'county_staff' AND rp.perm = 'export.full_id';
