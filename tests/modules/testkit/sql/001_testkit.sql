CREATE TABLE test_notes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  body TEXT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO role_perms (role_id, perm) SELECT id, 'testkit.write' FROM roles WHERE code = 'sysadmin';
