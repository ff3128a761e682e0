-- ABI 2.1 (test_access.sh): the staff of organisations use the route objects
-- and the scoped list of the testkit.
INSERT INTO role_perms (role_id, perm) SELECT id, 'testkit.child' FROM roles
  WHERE code = 'org_staff';
