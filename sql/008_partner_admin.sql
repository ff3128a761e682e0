-- Partner administrators (issue 5): each partner organisation (orgs.kind
-- 'ngo') manages its own partner users.  The security administrator gives
-- ngo_admin to a user of the organisation, usually with ngo_partner; with
-- org.users that user creates, disables, enables, unlocks and resets the
-- passwords of the users of its own organisation whose only role is
-- ngo_partner (/org/users).  admin.c refuses ngo_admin together with the
-- sysadmin, secadmin or auditor roles and outside an NGO organisation.
INSERT INTO roles (code, name) VALUES ('ngo_admin', '社会组织管理员');

INSERT INTO role_perms (role_id, perm)
  SELECT id, 'org.users' FROM roles WHERE code = 'ngo_admin';

-- Who disabled an account: 1 when its organisation's own administrator did
-- (who may enable it again), 0 for the security administrator or portalctl
-- (whose disabling the partner administrator cannot undo).
ALTER TABLE users ADD COLUMN disabled_by_org TINYINT NOT NULL DEFAULT 0;
