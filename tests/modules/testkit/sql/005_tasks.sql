-- Urgent tasks and notices (test_tasks.sh): the permission a task names,
-- held at every level.
INSERT INTO role_perms (role_id, perm) SELECT id, 'testkit.task' FROM roles
  WHERE code IN ('village_director', 'township_staff', 'county_staff');
