-- Roles.  The three administrator roles are separate on purpose: the system
-- administrator runs the site, the security administrator manages accounts
-- and roles, the auditor reads the audit log; none of them alone can both act
-- and hide it.  Module roles get their permissions from each module's own
-- migrations.
INSERT INTO roles (code, name) VALUES
  ('sysadmin', '系统管理员'),
  ('secadmin', '安全管理员'),
  ('auditor', '审计员'),
  ('module_admin', '模块管理员'),
  ('county_staff', '县级部门工作人员'),
  ('township_staff', '乡镇（街道）工作人员'),
  ('village_director', '村（居）儿童主任'),
  ('ngo_partner', '社会组织合作方');

INSERT INTO role_perms (role_id, perm)
  SELECT id, 'system.admin' FROM roles WHERE code = 'sysadmin';
INSERT INTO role_perms (role_id, perm)
  SELECT id, 'system.users' FROM roles WHERE code = 'secadmin';
INSERT INTO role_perms (role_id, perm)
  SELECT id, 'system.audit' FROM roles WHERE code = 'auditor';
